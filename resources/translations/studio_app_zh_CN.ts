<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DelayedProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <source>New visit (Ctrl+N)</source>
        <translation>新建来访（Ctrl+N）</translation>
    </message>
    <message>
        <source>New interview</source>
        <translation>新建访谈</translation>
    </message>
    <message>
        <source>New proposal</source>
        <translation>新建提案/社情民意</translation>
    </message>
    <message>
        <source>On duty today</source>
        <translation>今日值班委员</translation>
    </message>
    <message>
        <source>No visits have been recorded today yet.</source>
        <translation>今天还没有登记来访。</translation>
    </message>
    <message>
        <source>Overdue referrals ({0})</source>
        <translation>已超期的转办事项（{0}）</translation>
    </message>
    <message>
        <source>All open referrals, by due date ({0})</source>
        <translation>全部在办转办事项，按办理时限（{0}）</translation>
    </message>
    <message>
        <source>Recent visits</source>
        <translation>最近的接待走访</translation>
    </message>
</context>
<context>
    <name>DetailsDialog</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详情</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>InterviewDialog</name>
    <message>
        <source>Close interview</source>
        <translation>结束访谈</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>New interview</source>
        <translation>新建访谈</translation>
    </message>
    <message>
        <source>Interview {0}</source>
        <translation>访谈 {0}</translation>
    </message>
    <message>
        <source>Status: {0}</source>
        <translation>状态：{0}</translation>
    </message>
</context>
<context>
    <name>InterviewsPage</name>
    <message>
        <source>Turn into proposal…</source>
        <translation>转为建议……</translation>
    </message>
    <message>
        <source>Write a suggestion from the selected interview</source>
        <translation>用选中的访谈撰写意见建议</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>访谈时间</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>访谈形式</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>参加委员</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参加人数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Search topic, members, views…</source>
        <translation>搜索主题、委员、意见……</translation>
    </message>
    <message>
        <source>New interview</source>
        <translation>新建访谈</translation>
    </message>
    <message>
        <source>All forms</source>
        <translation>全部形式</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move the selected record to the trash</source>
        <translation>把选中的记录移入回收站</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>搜索……</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>{0} records</source>
        <translation>共 {0} 条</translation>
    </message>
</context>
<context>
    <name>ListerTableModel</name>
    <message>
        <source>Click to sort</source>
        <translation>点击排序</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Studio Ledger — {0}</source>
        <translation>委员工作室履职台账 — {0}</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>接待走访</translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation>访谈</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>提案与社情民意</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>委员</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>群众</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>回收站</translation>
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
        <source>New interview</source>
        <translation>新建访谈</translation>
    </message>
    <message>
        <source>New proposal</source>
        <translation>新建提案/社情民意</translation>
    </message>
    <message>
        <source>Delete visit</source>
        <translation>删除来访记录</translation>
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
    <name>MemberDialog</name>
    <message>
        <source>New member</source>
        <translation>新增委员</translation>
    </message>
    <message>
        <source>Member {0}</source>
        <translation>委员 {0}</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>界别</translation>
    </message>
    <message>
        <source>Unit and post</source>
        <translation>工作单位及职务</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Standing committee</source>
        <translation>常委</translation>
    </message>
    <message>
        <source>In office</source>
        <translation>在任</translation>
    </message>
    <message>
        <source>Search by name…</source>
        <translation>按姓名搜索……</translation>
    </message>
    <message>
        <source>New member</source>
        <translation>新增委员</translation>
    </message>
    <message>
        <source>All sectors</source>
        <translation>全部界别</translation>
    </message>
    <message>
        <source>Standing committee only</source>
        <translation>只看常委</translation>
    </message>
    <message>
        <source>In office only</source>
        <translation>只看在任</translation>
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
    <name>ProposalDialog</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Grew from</source>
        <translation>来源记录</translation>
    </message>
    <message>
        <source>Submit to county</source>
        <translation>报送县政协</translation>
    </message>
    <message>
        <source>New proposal / 社情民意</source>
        <translation>新建提案/社情民意</translation>
    </message>
    <message>
        <source>County feedback (read-only)</source>
        <translation>县政协反馈（只读）</translation>
    </message>
    <message>
        <source>not yet submitted</source>
        <translation>尚未报送</translation>
    </message>
    <message>
        <source>Proposal {0}</source>
        <translation>提案/社情民意 {0}</translation>
    </message>
    <message>
        <source>Status: {0}</source>
        <translation>状态：{0}</translation>
    </message>
</context>
<context>
    <name>ProposalsPage</name>
    <message>
        <source>Serial</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>案由/标题</translation>
    </message>
    <message>
        <source>Lead member</source>
        <translation>第一提案人/反映人</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>报送日期</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审查结果</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>答复类别</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建日期</translation>
    </message>
    <message>
        <source>Search title, facts, recommendations…</source>
        <translation>搜索标题、情况、建议……</translation>
    </message>
    <message>
        <source>New proposal</source>
        <translation>新建提案/社情民意</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All reviews</source>
        <translation>全部审查结果</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
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
</context>
<context>
    <name>ResidentDialog</name>
    <message>
        <source>Possibly already registered (Enter to edit that person):</source>
        <translation>可能已经登记过（按回车改为编辑此人）：</translation>
    </message>
    <message>
        <source>New resident</source>
        <translation>新增群众</translation>
    </message>
    <message>
        <source>Resident {0}</source>
        <translation>群众 {0}</translation>
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
    <name>ResidentsPage</name>
    <message>
        <source>Visits of this resident</source>
        <translation>该群众的来访记录</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村/社区</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <source>Search by name, phone or ID number…</source>
        <translation>按姓名、电话或身份证号搜索……</translation>
    </message>
    <message>
        <source>New resident</source>
        <translation>新增群众</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <source>The data folder cannot be locked (no permission to write?).</source>
        <translation>无法锁定数据目录（可能没有写入权限）。</translation>
    </message>
    <message>
        <source>This data folder is already open in another Studio Ledger (process {0}), which does not respond. Close that window, or wait a moment, and start again.</source>
        <translation>此数据目录已在另一个履职台账程序中打开（进程 {0}），但该程序没有响应。请关闭那个窗口，或稍等片刻后再启动。</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <source>Month</source>
        <translation>月度</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source> (year)</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>Visits by category</source>
        <translation>按问题类别</translation>
    </message>
    <message>
        <source>Visits by channel</source>
        <translation>按接待方式</translation>
    </message>
    <message>
        <source>Visits by village (top 15)</source>
        <translation>按村/社区（前 15 名）</translation>
    </message>
    <message>
        <source>Visits by member</source>
        <translation>按委员</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Proposals by kind and status</source>
        <translation>提案/社情民意（按类型和状态）</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>委员</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>界别</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>接待走访</translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation>访谈</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>提案/社情民意</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>统计期间：</translation>
    </message>
    <message>
        <source>Member activity</source>
        <translation>委员履职情况</translation>
    </message>
    <message>
        <source> (month)</source>
        <translation> 月</translation>
    </message>
    <message>
        <source> (quarter)</source>
        <translation> 季度</translation>
    </message>
    <message>
        <source>{0}: {1} visits, {2} closed (closure rate {3}); {4} referred, on time {5}; satisfaction {6}; {7} interviews.</source>
        <translation>{0}：接待走访 {1} 件，办结 {2} 件（办结率 {3}）；转办 {4} 件，按时办理 {5}；满意率 {6}；访谈 {7} 次。</translation>
    </message>
</context>
<context>
    <name>TrashPage</name>
    <message>
        <source>Search deleted records…</source>
        <translation>搜索已删除的记录……</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Restore the selected records (Enter)</source>
        <translation>恢复选中的记录（回车）</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>接待走访</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
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
        <source>Interviews</source>
        <translation>访谈</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>提案/社情民意</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>案由/标题</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>委员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村/社区</translation>
    </message>
    <message>
        <source>{0} deleted</source>
        <translation>已删除 {0} 条</translation>
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
        <source>Turn into proposal / 社情民意…</source>
        <translation>转为提案/社情民意……</translation>
    </message>
    <message>
        <source>Write a proposal or 社情民意 from the selected visits</source>
        <translation>用选中的来访记录撰写提案或社情民意</translation>
    </message>
    <message>
        <source>{0} visits</source>
        <translation>共 {0} 条</translation>
    </message>
</context>
<context>
    <name>confirm</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move {0} to the trash? It can be restored from the trash.</source>
        <translation>把 {0} 移入回收站吗？以后可以从回收站恢复。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>language</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
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
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong inside the program. What you saved before is safe and you can keep working. If it happens again, copy the details and send them to your support contact.</source>
        <translation>程序内部出现了问题。之前保存的内容都是安全的，可以继续工作。如果再次出现，请点击“复制详情”，把详情发给技术支持人员。</translation>
    </message>
    <message>
        <source>The program closed unexpectedly</source>
        <translation>程序上次意外关闭</translation>
    </message>
    <message>
        <source>Last time the program closed unexpectedly. Unsaved input may have been kept as a draft. The report below is saved in {0}.</source>
        <translation>程序上次意外关闭。未保存的输入可能已作为草稿保留。下面的报告已保存在 {0}。</translation>
    </message>
    <message>
        <source>Unsaved input found</source>
        <translation>发现未保存的输入</translation>
    </message>
    <message>
        <source>Input that was not saved was kept at {0}. Restore it?</source>
        <translation>在 {0} 保留了未保存的输入。要恢复吗？</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard it</source>
        <translation>丢弃</translation>
    </message>
</context>
</TS>
