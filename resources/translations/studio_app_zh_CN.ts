<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <source>Studio Ledger — {0}</source>
        <translation>委员工作室履职台账 — {0}</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>接待走访</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>新建来访</translation>
    </message>
    <message>
        <source>New visit (Ctrl+N)</source>
        <translation>新建来访（Ctrl+N）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>{0} visits</source>
        <translation>共 {0} 条接待走访记录</translation>
    </message>
</context>
<context>
    <name>NewResidentForm</name>
    <message>
        <source>New resident</source>
        <translation>新群众</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村/社区</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>Possibly already registered:</source>
        <translation>可能已登记过的群众：</translation>
    </message>
    <message>
        <source>Use this person</source>
        <translation>就是此人</translation>
    </message>
    <message>
        <source>Add new resident</source>
        <translation>添加为新群众</translation>
    </message>
    <message>
        <source>Enter the name</source>
        <translation>请填写姓名</translation>
    </message>
</context>
<context>
    <name>ResidentPicker</name>
    <message>
        <source>Type a name or phone number to find a resident</source>
        <translation>输入姓名或电话查找已登记的群众</translation>
    </message>
    <message>
        <source>New resident…</source>
        <translation>新群众…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Chosen:</source>
        <translation>已选：</translation>
    </message>
    <message>
        <source>{0} (new)</source>
        <translation>{0}（新）</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>新建来访</translation>
    </message>
    <message>
        <source>Refer</source>
        <translation>转办</translation>
    </message>
    <message>
        <source>Start handling</source>
        <translation>开始办理</translation>
    </message>
    <message>
        <source>Record feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新办理</translation>
    </message>
    <message>
        <source>Close case</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Visit {0}</source>
        <translation>接待走访记录 {0}</translation>
    </message>
    <message>
        <source>Status: {0}</source>
        <translation>状态：{0}</translation>
    </message>
    <message>
        <source>The case is being handled; the handling can no longer change.</source>
        <translation>该事项已在办理中，不能再改处理方式。</translation>
    </message>
</context>
<context>
    <name>VisitFilterBar</name>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部接待方式</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看超期</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>In the resident&apos;s own words</source>
        <translation>请记录群众的原话</translation>
    </message>
    <message>
        <source>Confidential: not exported in detail</source>
        <translation>保密（不导出明细、不批量打印）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>接待信息</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>接待方式</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>接待时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Members on duty</source>
        <translation>值班/走访委员</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>来访群众</translation>
    </message>
    <message>
        <source>Number of visitors</source>
        <translation>来访人数</translation>
    </message>
    <message>
        <source>Issue and handling</source>
        <translation>问题与处理</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>反映内容</translation>
    </message>
    <message>
        <source>On-the-spot reply</source>
        <translation>现场答复</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation>转办单位</translation>
    </message>
    <message>
        <source>Referred on</source>
        <translation>转办日期</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>办理情况</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Feedback date</source>
        <translation>反馈日期</translation>
    </message>
    <message>
        <source>Feedback by</source>
        <translation>反馈方式</translation>
    </message>
    <message>
        <source>Revisit date</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>Revisit notes</source>
        <translation>回访情况</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
</context>
<context>
    <name>VisitTableModel</name>
    <message>
        <source>Serial</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>接待时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>接待方式</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>委员</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>来访群众</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>反映内容</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation>转办单位</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>Click to sort</source>
        <translation>点击排序</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <source>Search serial, names, content…</source>
        <translation>搜索编号、姓名、反映内容…</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>新建来访</translation>
    </message>
    <message>
        <source>{0} visits</source>
        <translation>共 {0} 条</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Studio Ledger</source>
        <translation>委员工作室履职台账</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Discard the changes you made?</source>
        <translation>放弃刚才所做的修改吗？</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
</TS>
