<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AssignResidentsDialog</name>
    <message numerus="yes">
        <source>%n resident(s) found</source>
        <translation>
            <numerusform>%n resident found</numerusform>
            <numerusform>%n residents found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticked</source>
        <translation>
            <numerusform>%n ticked</numerusform>
            <numerusform>%n ticked</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChainPage</name>
    <message numerus="yes">
        <source>Only those not contacted for over %n day(s)</source>
        <translation>
            <numerusform>Only those not contacted for over %n day</numerusform>
            <numerusform>Only those not contacted for over %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n standing member(s)</source>
        <translation>
            <numerusform>%n standing member</numerusform>
            <numerusform>%n standing members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resident(s)</source>
        <translation>
            <numerusform>%n resident</numerusform>
            <numerusform>%n residents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not contacted for over {0} days</source>
        <translation>
            <numerusform>%n not contacted for over {0} days</numerusform>
            <numerusform>%n not contacted for over {0} days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without a member</source>
        <translation>
            <numerusform>%n without a member</numerusform>
            <numerusform>%n without a member</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChainTreeModel</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resident(s)</source>
        <translation>
            <numerusform>%n resident</numerusform>
            <numerusform>%n residents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Their members they have not contacted for over %n day(s)</source>
        <translation>
            <numerusform>Their members they have not contacted for over %n day</numerusform>
            <numerusform>Their members they have not contacted for over %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Of them, not contacted for over %n day(s) (or never)</source>
        <translation>
            <numerusform>Of them, not contacted for over %n day (or never)</numerusform>
            <numerusform>Of them, not contacted for over %n days (or never)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not contacted for over %n day(s)</source>
        <translation>
            <numerusform>Not contacted for over %n day</numerusform>
            <numerusform>Not contacted for over %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CountyAssignDialog</name>
    <message numerus="yes">
        <source>Assign %n record(s)</source>
        <translation>
            <numerusform>Assign %n record</numerusform>
            <numerusform>Assign %n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n selected record(s) go to the same units, with the same dates.</source>
        <translation>
            <numerusform>The selected record goes to these units, with these dates.</numerusform>
            <numerusform>The %n selected records go to the same units, with the same dates.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Assign %n record(s) to {0}?</source>
        <translation>
            <numerusform>Assign %n record to {0}?</numerusform>
            <numerusform>Assign %n records to {0}?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CountyDeskPage</name>
    <message numerus="yes">
        <source>%n package number(s) never arrived (see the exchange page)</source>
        <translation>
            <numerusform>%n package number never arrived (see the exchange page)</numerusform>
            <numerusform>%n package numbers never arrived (see the exchange page)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No package for %n day(s) (studios send one a month)</source>
        <translation>
            <numerusform>No package for %n day (studios send one a month)</numerusform>
            <numerusform>No package for %n days (studios send one a month)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} of them sent no package for more than %n day(s).</source>
        <translation>
            <numerusform>{0} of them sent no package for more than %n day.</numerusform>
            <numerusform>{0} of them sent no package for more than %n days.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ElectionStagesDialog</name>
    <message numerus="yes">
        <source>Open issues: %n</source>
        <translation>
            <numerusform>Open issues: %n</numerusform>
            <numerusform>Open issues: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ElectionTermDialog</name>
    <message numerus="yes">
        <source>%n village(s)</source>
        <translation>
            <numerusform>%n village</numerusform>
            <numerusform>%n villages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message numerus="yes">
        <source>No. {0}: %n rows</source>
        <translation>
            <numerusform>No. {0}: %n row</numerusform>
            <numerusform>No. {0}: %n rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListCount</name>
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>%Ln record</numerusform>
            <numerusform>%Ln records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Total %Ln {0}</source>
        <translation>
            <numerusform>Total %Ln {0}</numerusform>
            <numerusform>Total %Ln {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NamedCountsDialog</name>
    <message numerus="yes">
        <source>%n record(s) in the year</source>
        <translation>
            <numerusform>%n record in the year</numerusform>
            <numerusform>%n records in the year</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PointsPage</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missing a minimum</source>
        <translation>
            <numerusform>%n missing a minimum</numerusform>
            <numerusform>%n missing a minimum</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProposalsPage</name>
    <message numerus="yes">
        <source>Accept the %n selected record(s)?</source>
        <translation>
            <numerusform>Accept the selected record?</numerusform>
            <numerusform>Accept the %n selected records?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PurgePanel</name>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n visit</numerusform>
            <numerusform>%n visits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resident(s)</source>
        <translation>
            <numerusform>%n resident</numerusform>
            <numerusform>%n residents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>declared</name>
    <message numerus="yes">
        <source>委员</source>
        <translation>
            <numerusform>Member</numerusform>
            <numerusform>Members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>名</source>
        <translation>
            <numerusform>people</numerusform>
            <numerusform>people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>姓名</source>
        <translation>
            <numerusform>Name</numerusform>
            <numerusform>Name</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>性别</source>
        <translation>
            <numerusform>Gender</numerusform>
            <numerusform>Gender</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>界别</source>
        <translation>
            <numerusform>Sector</numerusform>
            <numerusform>Sector</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>政治面貌</source>
        <translation>
            <numerusform>Political affiliation</numerusform>
            <numerusform>Political affiliation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>工作单位及职务</source>
        <translation>
            <numerusform>Workplace and post</numerusform>
            <numerusform>Workplace and post</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>联系电话</source>
        <translation>
            <numerusform>Phone</numerusform>
            <numerusform>Phone</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>是否常委</source>
        <translation>
            <numerusform>Standing committee member</numerusform>
            <numerusform>Standing committee member</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>在任</source>
        <translation>
            <numerusform>In office</numerusform>
            <numerusform>In office</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>届次</source>
        <translation>
            <numerusform>Term</numerusform>
            <numerusform>Term</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>联系人(常委)</source>
        <translation>
            <numerusform>Contact (standing member)</numerusform>
            <numerusform>Contact (standing member)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>群众</source>
        <translation>
            <numerusform>Resident</numerusform>
            <numerusform>Residents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>身份证号</source>
        <translation>
            <numerusform>ID number</numerusform>
            <numerusform>ID number</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>乡镇</source>
        <translation>
            <numerusform>Township</numerusform>
            <numerusform>Township</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>村/社区</source>
        <translation>
            <numerusform>Village / community</numerusform>
            <numerusform>Village / community</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>组</source>
        <translation>
            <numerusform>Group</numerusform>
            <numerusform>Group</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>地址</source>
        <translation>
            <numerusform>Address</numerusform>
            <numerusform>Address</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>类别</source>
        <translation>
            <numerusform>Category</numerusform>
            <numerusform>Category</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>联系委员</source>
        <translation>
            <numerusform>Contact member</numerusform>
            <numerusform>Contact member</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>最近联系时间</source>
        <translation>
            <numerusform>Last contacted</numerusform>
            <numerusform>Last contacted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>接待走访记录</source>
        <translation>
            <numerusform>Visit record</numerusform>
            <numerusform>Visit records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>接待走访</source>
        <translation>
            <numerusform>Visit</numerusform>
            <numerusform>Visits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>来访</source>
        <translation>
            <numerusform>Visit</numerusform>
            <numerusform>Visit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>搜索编号、姓名、反映内容……</source>
        <translation>
            <numerusform>Search serials, names, concerns…</numerusform>
            <numerusform>Search serials, names, concerns…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>条</source>
        <translation>
            <numerusform>records</numerusform>
            <numerusform>records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>接待方式</source>
        <translation>
            <numerusform>Channel</numerusform>
            <numerusform>Channel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>接待时间</source>
        <translation>
            <numerusform>Visit time</numerusform>
            <numerusform>Visit time</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>地点</source>
        <translation>
            <numerusform>Place</numerusform>
            <numerusform>Place</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>值班/走访委员</source>
        <translation>
            <numerusform>Members on duty / visiting</numerusform>
            <numerusform>Members on duty / visiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>来访群众</source>
        <translation>
            <numerusform>Visiting residents</numerusform>
            <numerusform>Visiting residents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>来访人数</source>
        <translation>
            <numerusform>Number of visitors</numerusform>
            <numerusform>Number of visitors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>问题类别</source>
        <translation>
            <numerusform>Issue category</numerusform>
            <numerusform>Issue category</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>反映内容</source>
        <translation>
            <numerusform>Concern</numerusform>
            <numerusform>Concern</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>现场答复</source>
        <translation>
            <numerusform>Answer on the spot</numerusform>
            <numerusform>Answer on the spot</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>处理方式</source>
        <translation>
            <numerusform>Handling</numerusform>
            <numerusform>Handling</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>转办单位</source>
        <translation>
            <numerusform>Referred to</numerusform>
            <numerusform>Referred to</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>转办日期</source>
        <translation>
            <numerusform>Referred on</numerusform>
            <numerusform>Referred on</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>办理时限</source>
        <translation>
            <numerusform>Due date</numerusform>
            <numerusform>Due date</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>办理结果</source>
        <translation>
            <numerusform>Result</numerusform>
            <numerusform>Result</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>反馈日期</source>
        <translation>
            <numerusform>Feedback date</numerusform>
            <numerusform>Feedback date</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>反馈方式</source>
        <translation>
            <numerusform>Feedback channel</numerusform>
            <numerusform>Feedback channel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>回访日期</source>
        <translation>
            <numerusform>Follow-up visit date</numerusform>
            <numerusform>Follow-up visit date</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>回访情况</source>
        <translation>
            <numerusform>Follow-up visit notes</numerusform>
            <numerusform>Follow-up visit notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>满意度</source>
        <translation>
            <numerusform>Satisfaction</numerusform>
            <numerusform>Satisfaction</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>保密</source>
        <translation>
            <numerusform>Confidential</numerusform>
            <numerusform>Confidential</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>接待信息</source>
        <translation>
            <numerusform>Reception</numerusform>
            <numerusform>Reception</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>问题与处理</source>
        <translation>
            <numerusform>Issue and handling</numerusform>
            <numerusform>Issue and handling</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>办理情况</source>
        <translation>
            <numerusform>Progress and feedback</numerusform>
            <numerusform>Progress and feedback</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>请记录群众的原话</source>
        <translation>
            <numerusform>Write down the resident&apos;s own words</numerusform>
            <numerusform>Write down the resident&apos;s own words</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>保密（不导出明细、不批量打印）</source>
        <translation>
            <numerusform>Confidential (no details exported, no batch printing)</numerusform>
            <numerusform>Confidential (no details exported, no batch printing)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>转办</source>
        <translation>
            <numerusform>Refer</numerusform>
            <numerusform>Refer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>开始办理</source>
        <translation>
            <numerusform>Start handling</numerusform>
            <numerusform>Start handling</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>反馈</source>
        <translation>
            <numerusform>Feedback</numerusform>
            <numerusform>Feedback</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>重新办理</source>
        <translation>
            <numerusform>Handle again</numerusform>
            <numerusform>Handle again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>办结</source>
        <translation>
            <numerusform>Conclude</numerusform>
            <numerusform>Conclude</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>在办</source>
        <translation>
            <numerusform>Open</numerusform>
            <numerusform>Open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>超期</source>
        <translation>
            <numerusform>Overdue</numerusform>
            <numerusform>Overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>访谈记录</source>
        <translation>
            <numerusform>Interview record</numerusform>
            <numerusform>Interview records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>访谈</source>
        <translation>
            <numerusform>Interview</numerusform>
            <numerusform>Interviews</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>搜索主题、委员、意见……</source>
        <translation>
            <numerusform>Search topics, members, views…</numerusform>
            <numerusform>Search topics, members, views…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>访谈活动</source>
        <translation>
            <numerusform>Interviews</numerusform>
            <numerusform>Interviews</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>访谈形式</source>
        <translation>
            <numerusform>Interview type</numerusform>
            <numerusform>Interview type</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>主题</source>
        <translation>
            <numerusform>Topic</numerusform>
            <numerusform>Topic</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>访谈时间</source>
        <translation>
            <numerusform>Interview time</numerusform>
            <numerusform>Interview time</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>地点/平台</source>
        <translation>
            <numerusform>Place / platform</numerusform>
            <numerusform>Place / platform</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>参加委员</source>
        <translation>
            <numerusform>Members taking part</numerusform>
            <numerusform>Members taking part</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>参加群众</source>
        <translation>
            <numerusform>Residents taking part</numerusform>
            <numerusform>Residents taking part</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>参加人数</source>
        <translation>
            <numerusform>Participants</numerusform>
            <numerusform>Participants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>参加人员说明</source>
        <translation>
            <numerusform>About the participants</numerusform>
            <numerusform>About the participants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>意见汇总</source>
        <translation>
            <numerusform>Views gathered</numerusform>
            <numerusform>Views gathered</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>后续</source>
        <translation>
            <numerusform>Follow-up</numerusform>
            <numerusform>Follow-up</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>形式</source>
        <translation>
            <numerusform>Type</numerusform>
            <numerusform>Type</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>时间</source>
        <translation>
            <numerusform>Time</numerusform>
            <numerusform>Time</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>结束访谈</source>
        <translation>
            <numerusform>End interview</numerusform>
            <numerusform>End interview</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>重新打开</source>
        <translation>
            <numerusform>Reopen</numerusform>
            <numerusform>Reopen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>提案/社情民意</source>
        <translation>
            <numerusform>Proposal or report</numerusform>
            <numerusform>Proposals and reports</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>作为第一提出人</source>
        <translation>
            <numerusform>As first proposer</numerusform>
            <numerusform>As first proposer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>类型</source>
        <translation>
            <numerusform>Type</numerusform>
            <numerusform>Type</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>案由/标题</source>
        <translation>
            <numerusform>Subject / title</numerusform>
            <numerusform>Subject / title</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>第一提案人/反映人</source>
        <translation>
            <numerusform>First proposer / reporter</numerusform>
            <numerusform>First proposer / reporter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>反映群众</source>
        <translation>
            <numerusform>Resident reporting</numerusform>
            <numerusform>Resident reporting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>联名人</source>
        <translation>
            <numerusform>Co-signers</numerusform>
            <numerusform>Co-signers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>情况</source>
        <translation>
            <numerusform>Facts</numerusform>
            <numerusform>Facts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>分析(理由)</source>
        <translation>
            <numerusform>Analysis (reasons)</numerusform>
            <numerusform>Analysis (reasons)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>建议(办法)</source>
        <translation>
            <numerusform>Recommendations (measures)</numerusform>
            <numerusform>Recommendations (measures)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>报送日期</source>
        <translation>
            <numerusform>Submitted on</numerusform>
            <numerusform>Submitted on</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>直通车</source>
        <translation>
            <numerusform>Through train</numerusform>
            <numerusform>Through train</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>委员评价</source>
        <translation>
            <numerusform>Member&apos;s evaluation</numerusform>
            <numerusform>Member&apos;s evaluation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>县政协编号</source>
        <translation>
            <numerusform>County number</numerusform>
            <numerusform>County number</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>审查结果</source>
        <translation>
            <numerusform>Review result</numerusform>
            <numerusform>Review result</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>审查说明</source>
        <translation>
            <numerusform>Review notes</numerusform>
            <numerusform>Review notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>并入</source>
        <translation>
            <numerusform>Merged into</numerusform>
            <numerusform>Merged into</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>转为</source>
        <translation>
            <numerusform>Converted to</numerusform>
            <numerusform>Converted to</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>交办日期</source>
        <translation>
            <numerusform>Assigned on</numerusform>
            <numerusform>Assigned on</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>答复期限</source>
        <translation>
            <numerusform>Reply due</numerusform>
            <numerusform>Reply due</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>答复类别</source>
        <translation>
            <numerusform>Reply class</numerusform>
            <numerusform>Reply class</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>答复摘要</source>
        <translation>
            <numerusform>Reply summary</numerusform>
            <numerusform>Reply summary</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>答复日期</source>
        <translation>
            <numerusform>Replied on</numerusform>
            <numerusform>Replied on</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>答复全文</source>
        <translation>
            <numerusform>Full reply</numerusform>
            <numerusform>Full reply</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>采用情况</source>
        <translation>
            <numerusform>Adoption</numerusform>
            <numerusform>Adoption</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>采用日期</source>
        <translation>
            <numerusform>Adopted on</numerusform>
            <numerusform>Adopted on</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>采用单位</source>
        <translation>
            <numerusform>Adopted by</numerusform>
            <numerusform>Adopted by</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>批示领导</source>
        <translation>
            <numerusform>Instructing leader</numerusform>
            <numerusform>Instructing leader</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>领导批示</source>
        <translation>
            <numerusform>Leader&apos;s instruction</numerusform>
            <numerusform>Leader&apos;s instruction</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>批示级别</source>
        <translation>
            <numerusform>Instruction level</numerusform>
            <numerusform>Instruction level</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>批示日期</source>
        <translation>
            <numerusform>Instruction date</numerusform>
            <numerusform>Instruction date</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>转为提案/社情民意……</source>
        <translation>
            <numerusform>Turn into a proposal or report…</numerusform>
            <numerusform>Turn into a proposal or report…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>用选中的来访记录撰写提案或社情民意</source>
        <translation>
            <numerusform>Write a proposal or social-conditions report from the selected visits</numerusform>
            <numerusform>Write a proposal or social-conditions report from the selected visits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>转为建议……</source>
        <translation>
            <numerusform>Turn into a suggestion…</numerusform>
            <numerusform>Turn into a suggestion…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>用选中的访谈撰写意见建议</source>
        <translation>
            <numerusform>Write a suggestion from the selected interviews</numerusform>
            <numerusform>Write a suggestion from the selected interviews</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>登记为来访……</source>
        <translation>
            <numerusform>Register as a visit…</numerusform>
            <numerusform>Register as a visit…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>把选中联系记录中群众反映的问题登记为接待走访记录</source>
        <translation>
            <numerusform>Register what residents raised in the selected contacts as a visit</numerusform>
            <numerusform>Register what residents raised in the selected contacts as a visit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>转为社情民意/提案……</source>
        <translation>
            <numerusform>Turn into a report or proposal…</numerusform>
            <numerusform>Turn into a report or proposal…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>把选中活动中群众反映、发现的问题登记为接待走访记录</source>
        <translation>
            <numerusform>Register what residents raised or the activity found as a visit</numerusform>
            <numerusform>Register what residents raised or the activity found as a visit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>用选中活动中发现的问题撰写提案或社情民意</source>
        <translation>
            <numerusform>Write a proposal or report from the problems the selected activity found</numerusform>
            <numerusform>Write a proposal or report from the problems the selected activity found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>用选中的联系记录中群众反映的情况撰写社情民意或提案</source>
        <translation>
            <numerusform>Write a report or proposal from what residents raised in the selected contacts</numerusform>
            <numerusform>Write a report or proposal from what residents raised in the selected contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>专门委员会</source>
        <translation>
            <numerusform>Special committee</numerusform>
            <numerusform>Special committee</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>事项</source>
        <translation>
            <numerusform>Item</numerusform>
            <numerusform>Item</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>人数</source>
        <translation>
            <numerusform>Headcount</numerusform>
            <numerusform>Headcount</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>其他参加人员</source>
        <translation>
            <numerusform>Other participants</numerusform>
            <numerusform>Other participants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>出席情况</source>
        <translation>
            <numerusform>Attendance</numerusform>
            <numerusform>Attendance</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>单位/姓名</source>
        <translation>
            <numerusform>Unit / name</numerusform>
            <numerusform>Unit / name</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>参加人员与后续</source>
        <translation>
            <numerusform>Participants and follow-up</numerusform>
            <numerusform>Participants and follow-up</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>发现的问题</source>
        <translation>
            <numerusform>Problems found</numerusform>
            <numerusform>Problems found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>受益群众</source>
        <translation>
            <numerusform>Served</numerusform>
            <numerusform>Served</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>受益群众人数</source>
        <translation>
            <numerusform>Residents served</numerusform>
            <numerusform>Residents served</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>后续事项</source>
        <translation>
            <numerusform>Follow-up items</numerusform>
            <numerusform>Follow-up items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>委员出席</source>
        <translation>
            <numerusform>Members attending</numerusform>
            <numerusform>Members attending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>委员活动</source>
        <translation>
            <numerusform>Activity</numerusform>
            <numerusform>Activities</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>委员活动记录</source>
        <translation>
            <numerusform>Member activity record</numerusform>
            <numerusform>Member activity records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>完成日期</source>
        <translation>
            <numerusform>Done on</numerusform>
            <numerusform>Done on</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>完成时限</source>
        <translation>
            <numerusform>Deadline</numerusform>
            <numerusform>Deadline</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>开始时间</source>
        <translation>
            <numerusform>Start</numerusform>
            <numerusform>Start</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>搜索编号、活动名称、地点、内容……</source>
        <translation>
            <numerusform>Search serials, titles, places, content…</numerusform>
            <numerusform>Search serials, titles, places, content…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>活动信息</source>
        <translation>
            <numerusform>Activity</numerusform>
            <numerusform>Activity</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>活动内容</source>
        <translation>
            <numerusform>What was done</numerusform>
            <numerusform>What was done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>活动名称</source>
        <translation>
            <numerusform>Title</numerusform>
            <numerusform>Title</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>活动类型</source>
        <translation>
            <numerusform>Kind of activity</numerusform>
            <numerusform>Kind of activity</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>组织方</source>
        <translation>
            <numerusform>Organiser</numerusform>
            <numerusform>Organiser</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>结束时间</source>
        <translation>
            <numerusform>End</numerusform>
            <numerusform>End</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>落实情况</source>
        <translation>
            <numerusform>Status</numerusform>
            <numerusform>Status</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>请假事由</source>
        <translation>
            <numerusform>Reason for leave</numerusform>
            <numerusform>Reason for leave</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>责任单位</source>
        <translation>
            <numerusform>Responsible unit</numerusform>
            <numerusform>Responsible unit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>进展/说明</source>
        <translation>
            <numerusform>Progress / note</numerusform>
            <numerusform>Progress / note</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>主持人</source>
        <translation>
            <numerusform>Chair</numerusform>
            <numerusform>Chair</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>共识与成果</source>
        <translation>
            <numerusform>Agreement and outcomes</numerusform>
            <numerusform>Agreement and outcomes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>协商信息</source>
        <translation>
            <numerusform>Consultation</numerusform>
            <numerusform>Consultation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>协商形式</source>
        <translation>
            <numerusform>Format</numerusform>
            <numerusform>Format</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>协商时间</source>
        <translation>
            <numerusform>Held at</numerusform>
            <numerusform>Held at</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>协商议事</source>
        <translation>
            <numerusform>Consultation</numerusform>
            <numerusform>Consultations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>协商议事记录</source>
        <translation>
            <numerusform>Consultation record</numerusform>
            <numerusform>Consultation records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>协商议题</source>
        <translation>
            <numerusform>Topic</numerusform>
            <numerusform>Topic</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>各方意见</source>
        <translation>
            <numerusform>Positions put forward</numerusform>
            <numerusform>Positions put forward</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>成果形式</source>
        <translation>
            <numerusform>Outcome form</numerusform>
            <numerusform>Outcome form</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>成果清单</source>
        <translation>
            <numerusform>Outcome list</numerusform>
            <numerusform>Outcome list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>把选中的来访记录纳入一次协商议事</source>
        <translation>
            <numerusform>Take the selected visits into a consultation</numerusform>
            <numerusform>Take the selected visits into a consultation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>搜索编号、议题、共识……</source>
        <translation>
            <numerusform>Search serials, topics, agreements…</numerusform>
            <numerusform>Search serials, topics, agreements…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>纳入协商议题……</source>
        <translation>
            <numerusform>Into a consultation…</numerusform>
            <numerusform>Into a consultation…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>议题来源</source>
        <translation>
            <numerusform>Topic source</numerusform>
            <numerusform>Topic source</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>达成共识</source>
        <translation>
            <numerusform>Points agreed</numerusform>
            <numerusform>Points agreed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>交流内容</source>
        <translation>
            <numerusform>What was said</numerusform>
            <numerusform>What was said</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>搜索编号、群众、交流内容……</source>
        <translation>
            <numerusform>Search serials, residents, what was said…</numerusform>
            <numerusform>Search serials, residents, what was said…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>次</source>
        <translation>
            <numerusform>contacts</numerusform>
            <numerusform>contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>联系</source>
        <translation>
            <numerusform>Contacts</numerusform>
            <numerusform>Contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>联系方式</source>
        <translation>
            <numerusform>How</numerusform>
            <numerusform>How</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>联系时间</source>
        <translation>
            <numerusform>When</numerusform>
            <numerusform>When</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>联系的委员</source>
        <translation>
            <numerusform>Member contacted</numerusform>
            <numerusform>Member contacted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>联系的群众</source>
        <translation>
            <numerusform>Residents contacted</numerusform>
            <numerusform>Residents contacted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>联系记录</source>
        <translation>
            <numerusform>Contact</numerusform>
            <numerusform>Contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>民营经济发展环境监测点</source>
        <translation>
            <numerusform>Private-economy observation point</numerusform>
            <numerusform>Private-economy observation points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>监测点</source>
        <translation>
            <numerusform>Observation point</numerusform>
            <numerusform>Observation points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>企业名称</source>
        <translation>
            <numerusform>Enterprise</numerusform>
            <numerusform>Enterprise</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>统一社会信用代码</source>
        <translation>
            <numerusform>Unified social credit code</numerusform>
            <numerusform>Unified social credit code</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>村/社区/园区</source>
        <translation>
            <numerusform>Village / community / park</numerusform>
            <numerusform>Village / community / park</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>行业</source>
        <translation>
            <numerusform>Industry</numerusform>
            <numerusform>Industry</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>企业规模</source>
        <translation>
            <numerusform>Size</numerusform>
            <numerusform>Size</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>企业联系人</source>
        <translation>
            <numerusform>Contact person</numerusform>
            <numerusform>Contact person</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>设立日期</source>
        <translation>
            <numerusform>Designated on</numerusform>
            <numerusform>Designated on</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已撤销</source>
        <translation>
            <numerusform>Retired</numerusform>
            <numerusform>Retired</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>搜索企业名称、信用代码、地址、行业……</source>
        <translation>
            <numerusform>Search enterprise, credit code, address, industry…</numerusform>
            <numerusform>Search enterprise, credit code, address, industry…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>个</source>
        <translation>
            <numerusform>points</numerusform>
            <numerusform>points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>换届选举观察记录</source>
        <translation>
            <numerusform>Election observation</numerusform>
            <numerusform>Election observations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>换届选举观察</source>
        <translation>
            <numerusform>Election observation</numerusform>
            <numerusform>Election observations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>换届届次</source>
        <translation>
            <numerusform>Election round</numerusform>
            <numerusform>Election round</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>选举日</source>
        <translation>
            <numerusform>Election day</numerusform>
            <numerusform>Election day</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>选情复杂村</source>
        <translation>
            <numerusform>Complex election village</numerusform>
            <numerusform>Complex election village</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>选人难村</source>
        <translation>
            <numerusform>Hard to find candidates</numerusform>
            <numerusform>Hard to find candidates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>遗留问题多村</source>
        <translation>
            <numerusform>Many unresolved issues</numerusform>
            <numerusform>Many unresolved issues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>选情复杂</source>
        <translation>
            <numerusform>Complex</numerusform>
            <numerusform>Complex</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>选人难</source>
        <translation>
            <numerusform>Few candidates</numerusform>
            <numerusform>Few candidates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>遗留问题多</source>
        <translation>
            <numerusform>Unresolved issues</numerusform>
            <numerusform>Unresolved issues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>观察委员</source>
        <translation>
            <numerusform>Observers</numerusform>
            <numerusform>Observers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>观察人</source>
        <translation>
            <numerusform>Observer</numerusform>
            <numerusform>Observer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>观察情况</source>
        <translation>
            <numerusform>Observations</numerusform>
            <numerusform>Observations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>选举环节</source>
        <translation>
            <numerusform>Stage</numerusform>
            <numerusform>Stage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>观察日期</source>
        <translation>
            <numerusform>Observed on</numerusform>
            <numerusform>Observed on</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>观察到的情况</source>
        <translation>
            <numerusform>What was seen</numerusform>
            <numerusform>What was seen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>规范程度</source>
        <translation>
            <numerusform>Rating</numerusform>
            <numerusform>Rating</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>报告单位</source>
        <translation>
            <numerusform>Reported to</numerusform>
            <numerusform>Reported to</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>答复/整改情况</source>
        <translation>
            <numerusform>Reply / rectification</numerusform>
            <numerusform>Reply / rectification</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>观察综述</source>
        <translation>
            <numerusform>Summary</numerusform>
            <numerusform>Summary</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>选举信息</source>
        <translation>
            <numerusform>Election</numerusform>
            <numerusform>Election</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>分环节观察</source>
        <translation>
            <numerusform>By stage</numerusform>
            <numerusform>By stage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>如：2026年村（社区）“两委”换届</source>
        <translation>
            <numerusform>e.g. the 2026 village (community) committees election</numerusform>
            <numerusform>e.g. the 2026 village (community) committees election</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>搜索编号、村（社区）、届次、观察综述……</source>
        <translation>
            <numerusform>Search serial, village, election round, summary…</numerusform>
            <numerusform>Search serial, village, election round, summary…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>把选中的换届选举观察中发现的问题纳入一次协商议事</source>
        <translation>
            <numerusform>Put the issues the selected election observations found on a consultation&apos;s agenda</numerusform>
            <numerusform>Put the issues the selected election observations found on a consultation&apos;s agenda</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>营商环境监测记录</source>
        <translation>
            <numerusform>Business-environment observation</numerusform>
            <numerusform>Business-environment observations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>监测记录</source>
        <translation>
            <numerusform>Observation</numerusform>
            <numerusform>Observations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>监测日期</source>
        <translation>
            <numerusform>Observed on</numerusform>
            <numerusform>Observed on</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>监测方式</source>
        <translation>
            <numerusform>Method</numerusform>
            <numerusform>Method</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>监测信息</source>
        <translation>
            <numerusform>Observation</numerusform>
            <numerusform>Observation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>监测情况</source>
        <translation>
            <numerusform>Findings</numerusform>
            <numerusform>Findings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>五个环境评价（1–5分）</source>
        <translation>
            <numerusform>The five environments (rated 1–5)</numerusform>
            <numerusform>The five environments (rated 1–5)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>服务环境</source>
        <translation>
            <numerusform>Service environment</numerusform>
            <numerusform>Service environment</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>市场环境</source>
        <translation>
            <numerusform>Market environment</numerusform>
            <numerusform>Market environment</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>政务环境</source>
        <translation>
            <numerusform>Government environment</numerusform>
            <numerusform>Government environment</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>法治环境</source>
        <translation>
            <numerusform>Rule-of-law environment</numerusform>
            <numerusform>Rule-of-law environment</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>舆论环境</source>
        <translation>
            <numerusform>Public-opinion environment</numerusform>
            <numerusform>Public-opinion environment</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>服务环境说明</source>
        <translation>
            <numerusform>Service: note</numerusform>
            <numerusform>Service: note</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>市场环境说明</source>
        <translation>
            <numerusform>Market: note</numerusform>
            <numerusform>Market: note</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>政务环境说明</source>
        <translation>
            <numerusform>Government: note</numerusform>
            <numerusform>Government: note</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>法治环境说明</source>
        <translation>
            <numerusform>Rule of law: note</numerusform>
            <numerusform>Rule of law: note</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>舆论环境说明</source>
        <translation>
            <numerusform>Public opinion: note</numerusform>
            <numerusform>Public opinion: note</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>服务</source>
        <translation>
            <numerusform>Service</numerusform>
            <numerusform>Service</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>市场</source>
        <translation>
            <numerusform>Market</numerusform>
            <numerusform>Market</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>政务</source>
        <translation>
            <numerusform>Government</numerusform>
            <numerusform>Government</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>法治</source>
        <translation>
            <numerusform>Rule of law</numerusform>
            <numerusform>Rule of law</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>舆论</source>
        <translation>
            <numerusform>Opinion</numerusform>
            <numerusform>Opinion</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>日期</source>
        <translation>
            <numerusform>Date</numerusform>
            <numerusform>Date</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>问题</source>
        <translation>
            <numerusform>Problem</numerusform>
            <numerusform>Problem</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>所属环境</source>
        <translation>
            <numerusform>Environment</numerusform>
            <numerusform>Environment</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>交办单位</source>
        <translation>
            <numerusform>Assigned to</numerusform>
            <numerusform>Assigned to</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>办理状态</source>
        <translation>
            <numerusform>Progress</numerusform>
            <numerusform>Progress</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>办理反馈</source>
        <translation>
            <numerusform>Unit&apos;s answer</numerusform>
            <numerusform>Unit&apos;s answer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>企业评价</source>
        <translation>
            <numerusform>Enterprise&apos;s evaluation</numerusform>
            <numerusform>Enterprise&apos;s evaluation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>搜索编号、监测情况、各环境说明……</source>
        <translation>
            <numerusform>Search serial, findings, notes…</numerusform>
            <numerusform>Search serial, findings, notes…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>社情民意直报点</source>
        <translation>
            <numerusform>Direct reporting point</numerusform>
            <numerusform>Direct reporting points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>直报点</source>
        <translation>
            <numerusform>Reporting point</numerusform>
            <numerusform>Reporting points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>直报点名称</source>
        <translation>
            <numerusform>Name</numerusform>
            <numerusform>Name</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>联络员</source>
        <translation>
            <numerusform>Liaison</numerusform>
            <numerusform>Liaison</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>负责委员</source>
        <translation>
            <numerusform>Members responsible</numerusform>
            <numerusform>Members responsible</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>开放时间</source>
        <translation>
            <numerusform>Opening hours</numerusform>
            <numerusform>Opening hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>搜索直报点名称、村（社区）、联络员……</source>
        <translation>
            <numerusform>Search name, village, liaison…</numerusform>
            <numerusform>Search name, village, liaison…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>营商监测</source>
        <translation>
            <numerusform>Business environment</numerusform>
            <numerusform>Business environment</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>选举观察</source>
        <translation>
            <numerusform>Elections observed</numerusform>
            <numerusform>Elections observed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>重点提案</source>
        <translation>
            <numerusform>Key proposal</numerusform>
            <numerusform>Key proposal</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>优秀提案</source>
        <translation>
            <numerusform>Excellent proposal</numerusform>
            <numerusform>Excellent proposal</numerusform>
        </translation>
    </message>
</context>
</TS>
