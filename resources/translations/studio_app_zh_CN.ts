<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountDialog</name>
    <message>
        <source>New user</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <source>May see full ID numbers and phones</source>
        <translation>可查看完整的身份证号和电话</translation>
    </message>
    <message>
        <source>Active (may log in)</source>
        <translation>启用（可以登录）</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
</context>
<context>
    <name>AdjustmentDialog</name>
    <message>
        <source>Adjust the points of {0}</source>
        <translation>调整{0}的履职积分</translation>
    </message>
    <message>
        <source>Required, e.g. a speech at the plenary session</source>
        <translation>必填，如：全会大会发言</translation>
    </message>
    <message>
        <source>&amp;Points (+ or −):</source>
        <translation>分值（加或减）(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>AssignForm</name>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>Space checks or unchecks the current unit</source>
        <translation>空格键勾选或取消当前单位</translation>
    </message>
    <message>
        <source>Three months after the assignment unless you change it</source>
        <translation>默认为交办后三个月，可修改</translation>
    </message>
    <message>
        <source>Lead unit</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Assisting units</source>
        <translation>协办单位</translation>
    </message>
</context>
<context>
    <name>AssignMembersDialog</name>
    <message>
        <source>Assign members to a standing member</source>
        <translation>分配委员</translation>
    </message>
    <message>
        <source>{0} ({1} / {2})</source>
        <translation>{0}（{1} / {2}）</translation>
    </message>
    <message>
        <source>Choose a standing member</source>
        <translation>请选择常委</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>委员</translation>
    </message>
    <message>
        <source>Standing member now</source>
        <translation>现联系常委</translation>
    </message>
    <message>
        <source>Their residents</source>
        <translation>联系群众数</translation>
    </message>
    <message>
        <source>&amp;Standing member:</source>
        <translation>常委(&amp;S)：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Tick the members {0} keeps in touch with; members left unticked who had {0} will have no standing member.</source>
        <translation>勾选由{0}联系的委员；原由{0}联系而未勾选的委员将不再有联系常委。</translation>
    </message>
    <message>
        <source>Choose a standing member first.</source>
        <translation>请先选择常委。</translation>
    </message>
    <message>
        <source>Choose the standing member.</source>
        <translation>请选择常委。</translation>
    </message>
</context>
<context>
    <name>AssignResidentsDialog</name>
    <message>
        <source>Assign residents to a member</source>
        <translation>分配联系群众</translation>
    </message>
    <message>
        <source>{0} ({1} / {2})</source>
        <translation>{0}（{1} / {2}）</translation>
    </message>
    <message>
        <source>Choose a member</source>
        <translation>请选择委员</translation>
    </message>
    <message>
        <source>(no member: take them off their member)</source>
        <translation>（不指定委员：取消其联系委员）</translation>
    </message>
    <message>
        <source>All villages</source>
        <translation>全部村/社区</translation>
    </message>
    <message>
        <source>Name or address…</source>
        <translation>姓名或地址……</translation>
    </message>
    <message>
        <source>Only residents without a member</source>
        <translation>只看未分配委员的群众</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Village / group</source>
        <translation>村/社区 组</translation>
    </message>
    <message>
        <source>Member now</source>
        <translation>现联系委员</translation>
    </message>
    <message>
        <source>Latest contact</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <source>Tick all shown</source>
        <translation>全选所列</translation>
    </message>
    <message>
        <source>Untick all</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <source>&amp;Member:</source>
        <translation>联系委员(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>分配</translation>
    </message>
    <message>
        <source>Showing the first {0} of {1}: narrow the search</source>
        <translation>共 {1} 名，只列出前 {0} 名，请缩小查找范围</translation>
    </message>
    <message numerus="yes">
        <source>%n resident(s) found</source>
        <translation>
            <numerusform>找到 %n 名群众</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticked</source>
        <translation>
            <numerusform>已选 %n 名</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the member to assign the residents to.</source>
        <translation>请选择要分配给的委员。</translation>
    </message>
    <message>
        <source>Tick the residents to assign.</source>
        <translation>请勾选要分配的群众。</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出……</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>导出操作日志</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exported to {0}</source>
        <translation>已导出到 {0}</translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <source>Choose the backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
    <message>
        <source>Replace all current data by the backup of {0}?

The current data is backed up first, and the window opens again on the restored data.</source>
        <translation>用 {0} 的备份替换当前全部数据吗？

当前数据会先备份，然后窗口在恢复后的数据上重新打开。</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹……</translation>
    </message>
    <message>
        <source>Use the default folder</source>
        <translation>使用默认文件夹</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore selected…</source>
        <translation>恢复所选备份……</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Backup folder:</source>
        <translation>备份文件夹：</translation>
    </message>
    <message>
        <source>Backups are made automatically after changes (at most every 30 minutes), when the app closes, and before every import, upgrade, restore or purge.</source>
        <translation>数据有改动时自动备份（至多每 30 分钟一次），关闭程序时以及每次导入、升级、恢复或清理之前也会备份。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>完好</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>On closing</source>
        <translation>关闭时</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>Before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Before a purge</source>
        <translation>清理前</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份……</translation>
    </message>
    <message>
        <source>Backup written: {0}</source>
        <translation>已备份到：{0}</translation>
    </message>
    <message>
        <source>Restored the backup of {0}.</source>
        <translation>已恢复 {0} 的备份。</translation>
    </message>
</context>
<context>
    <name>BackupSchedule</name>
    <message>
        <source>Automatic backup failed: {0}</source>
        <translation>自动备份失败：{0}</translation>
    </message>
    <message>
        <source>Opened read-only: the database is damaged. Nothing can be saved.</source>
        <translation>数据库已损坏，当前以只读方式打开，无法保存任何修改。</translation>
    </message>
    <message>
        <source>The database failed its check ({0}). Do not enter more data: restore a backup (Settings, Backups) or close the app and ask for help.</source>
        <translation>数据库未通过完整性检查（{0}）。请不要再录入数据：请从备份恢复（设置 → 备份），或关闭程序并寻求技术支持。</translation>
    </message>
    <message>
        <source>Restored the backup {0}; the data before it was backed up.</source>
        <translation>已恢复备份 {0}；恢复前的数据已另行备份。</translation>
    </message>
    <message>
        <source>The data folder {0} is on a network share. If the connection drops while the app saves, the database can be damaged. Please move the data folder to a local disk (Settings).</source>
        <translation>数据文件夹 {0} 位于网络共享上。保存时如果网络中断，数据库可能损坏。请在“设置”中把数据文件夹改到本机硬盘。</translation>
    </message>
    <message>
        <source>The data folder {0} is on a removable drive. Pulling it out while the app runs can damage the database. Please move the data folder to a local disk (Settings); the drive is better used as the backup folder.</source>
        <translation>数据文件夹 {0} 位于可移动磁盘（U 盘等）上。程序运行时拔出会损坏数据库。请在“设置”中把数据文件夹改到本机硬盘；U 盘更适合用作备份文件夹。</translation>
    </message>
    <message>
        <source>The data folder {0} is inside a synced folder ({1}). Sync programs can copy the database while it is being written and damage it. Please move the data folder out of it (Settings); backups may go to the synced folder instead.</source>
        <translation>数据文件夹 {0} 位于同步文件夹（{1}）中。同步软件可能在写入过程中复制数据库，导致损坏。请在“设置”中把数据文件夹移出同步文件夹；备份文件夹可以放在同步文件夹里。</translation>
    </message>
    <message>
        <source>Where the data is kept</source>
        <translation>数据存放位置</translation>
    </message>
</context>
<context>
    <name>ChainPage</name>
    <message>
        <source>Choose a studio</source>
        <translation>请选择工作室</translation>
    </message>
    <message>
        <source>Record &amp;contact…</source>
        <translation>记录联系(&amp;C)……</translation>
    </message>
    <message>
        <source>A contact record with the selected people filled in (Enter)</source>
        <translation>新建联系记录，自动填入所选人员（Enter）</translation>
    </message>
    <message>
        <source>Assign &amp;residents…</source>
        <translation>分配联系群众(&amp;R)……</translation>
    </message>
    <message>
        <source>Choose a member, find residents by village or name, tick and assign</source>
        <translation>选择委员，按村或姓名查找群众，勾选后分配</translation>
    </message>
    <message>
        <source>Assign &amp;members…</source>
        <translation>分配委员(&amp;M)……</translation>
    </message>
    <message>
        <source>Tick the members a standing member keeps in touch with</source>
        <translation>勾选由某位常委联系的委员</translation>
    </message>
    <message>
        <source>&amp;Targets…</source>
        <translation>联系目标(&amp;T)……</translation>
    </message>
    <message>
        <source>Members per standing member, residents per member, days before someone counts as not contacted</source>
        <translation>每名常委联系委员数、每名委员联系群众数、超过多少天算未联系</translation>
    </message>
    <message>
        <source>The studios keep their chains; here they are read-only.</source>
        <translation>联系网络由各工作室维护，县政协只能查看。</translation>
    </message>
    <message>
        <source>Drag residents onto a member (or members onto a standing member) to change whom they are linked to. Enter records a contact with the selected people.</source>
        <translation>把群众拖到委员上（或把委员拖到常委上）即可改变联系关系；按 Enter 为所选人员记录联系。</translation>
    </message>
    <message numerus="yes">
        <source>Only those not contacted for over %n day(s)</source>
        <translation>
            <numerusform>只看超过 %n 天未联系的</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n standing member(s)</source>
        <translation>
            <numerusform>常委 %n 名</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n 名委员</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resident(s)</source>
        <translation>
            <numerusform>%n 名群众</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not contacted for over {0} days</source>
        <translation>
            <numerusform>%n 名超过 {0} 天未联系</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without a member</source>
        <translation>
            <numerusform>%n 名群众无联系委员</numerusform>
        </translation>
    </message>
    <message>
        <source>targets: {0} members per standing member, {1} residents per member</source>
        <translation>目标：每名常委联系 {0} 名委员，每名委员联系 {1} 名群众</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Show every member (Ctrl+E)</source>
        <translation>展开全部委员（Ctrl+E）</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>全部收起</translation>
    </message>
</context>
<context>
    <name>ChainTreeModel</name>
    <message>
        <source>Members without a standing member</source>
        <translation>未分配常委的委员</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n 名委员</numerusform>
        </translation>
    </message>
    <message>
        <source>Give them a standing member with “Assign members…”</source>
        <translation>用“分配委员……”为他们指定联系常委</translation>
    </message>
    <message>
        <source>Residents without a member</source>
        <translation>未分配委员的群众</translation>
    </message>
    <message numerus="yes">
        <source>%n resident(s)</source>
        <translation>
            <numerusform>%n 名群众</numerusform>
        </translation>
    </message>
    <message>
        <source>Give them a member with “Assign residents…”</source>
        <translation>用“分配联系群众……”为他们指定联系委员</translation>
    </message>
    <message>
        <source>{0} / {1} members</source>
        <translation>{0} / {1} 名委员</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未联系</translation>
    </message>
    <message>
        <source>Standing committee member</source>
        <translation>常委</translation>
    </message>
    <message>
        <source>Latest contact of {0} with one of their members</source>
        <translation>{0}最近一次联系所联系委员的时间</translation>
    </message>
    <message numerus="yes">
        <source>Their members they have not contacted for over %n day(s)</source>
        <translation>
            <numerusform>超过 %n 天未联系的所联系委员人数</numerusform>
        </translation>
    </message>
    <message>
        <source>Residents {0} keeps in touch with</source>
        <translation>{0}本人联系的群众</translation>
    </message>
    <message>
        <source>Latest contact of {0} with this member</source>
        <translation>常委{0}最近一次联系该委员的时间</translation>
    </message>
    <message>
        <source>No standing member keeps in touch with this member</source>
        <translation>该委员尚无联系常委</translation>
    </message>
    <message>
        <source>{0} / {1} residents</source>
        <translation>{0} / {1} 名群众</translation>
    </message>
    <message>
        <source>Residents this member keeps in touch with, against the target</source>
        <translation>该委员联系的群众人数 / 目标人数</translation>
    </message>
    <message numerus="yes">
        <source>Of them, not contacted for over %n day(s) (or never)</source>
        <translation>
            <numerusform>其中超过 %n 天未联系（或从未联系）的人数</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} (out of office)</source>
        <translation>{0}（已不在任）</translation>
    </message>
    <message>
        <source>never contacted</source>
        <translation>从未联系</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Keeps in touch with</source>
        <translation>联系对象</translation>
    </message>
    <message>
        <source>Latest contact</source>
        <translation>最近联系</translation>
    </message>
    <message numerus="yes">
        <source>Not contacted for over %n day(s)</source>
        <translation>
            <numerusform>超过 %n 天未联系</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CodeListsTab</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Used by</source>
        <translation>使用次数</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>新增……</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>改名……</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Codes are never deleted: records keep them. A deactivated entry is no longer offered for new records; old records still show it.</source>
        <translation>代码不会被删除：已有记录仍在使用。停用的条目不再供新记录选择，旧记录照常显示。</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Read only: {0}</source>
        <translation>只读：{0}</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Add to {0}</source>
        <translation>新增{0}</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Rename {0}</source>
        <translation>修改 {0} 的名称</translation>
    </message>
    <message>
        <source>New label:</source>
        <translation>新名称：</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>These records differ between this computer and a package. Compare them and choose the version to keep, then import the same file again.</source>
        <translation>以下记录在本机和数据包中不一致。请对照后选择保留哪个版本，然后再次导入同一个文件。</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>The file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Keep this computer&apos;s version</source>
        <translation>保留本机版本</translation>
    </message>
    <message>
        <source>Use the file&apos;s version</source>
        <translation>采用文件中的版本</translation>
    </message>
    <message>
        <source>Import the file again</source>
        <translation>再次导入该文件</translation>
    </message>
    <message>
        <source>Keep this computer&apos;s</source>
        <translation>保留本机版本</translation>
    </message>
    <message>
        <source>Use the file&apos;s</source>
        <translation>采用文件中的版本</translation>
    </message>
    <message>
        <source>Not decided</source>
        <translation>未决定</translation>
    </message>
    <message>
        <source>No conflicts wait.</source>
        <translation>没有待处理的冲突。</translation>
    </message>
    <message>
        <source>{0} not decided yet</source>
        <translation>还有 {0} 条未决定</translation>
    </message>
    <message>
        <source>All decided: import the file again.</source>
        <translation>已全部决定：请再次导入该文件。</translation>
    </message>
</context>
<context>
    <name>CountyAssignDialog</name>
    <message numerus="yes">
        <source>Assign %n record(s)</source>
        <translation>
            <numerusform>交办 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n selected record(s) go to the same units, with the same dates.</source>
        <translation>
            <numerusform>所选 %n 件交办给相同的单位，日期相同。</numerusform>
        </translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>交办</translation>
    </message>
    <message>
        <source>Choose the lead unit.</source>
        <translation>请选择主办单位。</translation>
    </message>
    <message numerus="yes">
        <source>Assign %n record(s) to {0}?</source>
        <translation>
            <numerusform>将 %n 件交办给{0}？</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CountyDeskPage</name>
    <message>
        <source>Import a package…</source>
        <translation>导入数据包……</translation>
    </message>
    <message>
        <source>Import a studio&apos;s package on the exchange page</source>
        <translation>在数据交换页导入工作室的数据包</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
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
        <source>Submitted</source>
        <translation>报送日期</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>办理阶段</translation>
    </message>
    <message>
        <source>Lead unit / record</source>
        <translation>主办单位 / 记录</translation>
    </message>
    <message>
        <source>Count / studio</source>
        <translation>件数 / 工作室</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation>采用日期</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>已收数据包</translation>
    </message>
    <message>
        <source>Last package</source>
        <translation>最近收到</translation>
    </message>
    <message>
        <source>Waiting for review</source>
        <translation>待审查</translation>
    </message>
    <message>
        <source>County desk</source>
        <translation>县政协工作台</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message numerus="yes">
        <source>%n package number(s) never arrived (see the exchange page)</source>
        <translation>
            <numerusform>有 %n 个编号的数据包未收到（见数据交换页）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No package for %n day(s) (studios send one a month)</source>
        <translation>
            <numerusform>已 %n 天没有收到数据包（工作室每月报送一次）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} of them sent no package for more than %n day(s).</source>
        <translation>
            <numerusform>其中 {0} 个工作室超过 %n 天没有报送数据包。</numerusform>
        </translation>
    </message>
    <message>
        <source>No through-train item is in hand.</source>
        <translation>没有在办的直通车件。</translation>
    </message>
    <message>
        <source>Through train: sent straight by members ({0}), oldest first</source>
        <translation>直通车：委员直接报送（{0}），最早的在前</translation>
    </message>
    <message>
        <source>Social-conditions reports adopted in {0} ({1})</source>
        <translation>{0}年社情民意采用情况（{1}）</translation>
    </message>
    <message>
        <source>No studio has sent a package yet.</source>
        <translation>还没有工作室报送过数据包。</translation>
    </message>
    <message>
        <source>Studios ({0})</source>
        <translation>各工作室（{0}）</translation>
    </message>
    <message>
        <source>Nothing waits for review.</source>
        <translation>没有待审查的记录。</translation>
    </message>
    <message>
        <source>Waiting for review ({0}), oldest first</source>
        <translation>待审查（{0}），最早报送的在前</translation>
    </message>
    <message>
        <source>Waiting for review ({0}), the oldest {1}</source>
        <translation>待审查（{0}），最早报送的 {1} 件</translation>
    </message>
    <message>
        <source>(no lead unit recorded)</source>
        <translation>（未登记主办单位）</translation>
    </message>
    <message>
        <source>The oldest reply due</source>
        <translation>最早的答复期限</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>…… 另有 {0} 条</translation>
    </message>
    <message>
        <source>No reply is overdue.</source>
        <translation>没有超期未答复的记录。</translation>
    </message>
    <message>
        <source>Replies overdue, by lead unit ({0})</source>
        <translation>超期未答复，按主办单位（{0}）</translation>
    </message>
    <message>
        <source>None adopted this year yet.</source>
        <translation>今年还没有被采用的社情民意。</translation>
    </message>
</context>
<context>
    <name>CountyWork</name>
    <message>
        <source>Waiting for review</source>
        <translation>待审查</translation>
    </message>
    <message>
        <source>Waiting for assignment</source>
        <translation>待交办</translation>
    </message>
    <message>
        <source>Being handled</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Overdue, no reply</source>
        <translation>超期未复</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Evaluated by the member</source>
        <translation>委员已评价</translation>
    </message>
    <message>
        <source>Settled at review</source>
        <translation>审查办结</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Several records</source>
        <translation>批量办理</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CountyWorkDialog</name>
    <message>
        <source>Review</source>
        <translation>审查</translation>
    </message>
    <message>
        <source>(not reviewed yet)</source>
        <translation>（尚未审查）</translation>
    </message>
    <message>
        <source>Serial of the record it joins, e.g. SQ-2026-0001 or SQZ:SQ-2026-0001</source>
        <translation>并入记录的编号，如 SQ-2026-0001 或 SQZ:SQ-2026-0001</translation>
    </message>
    <message>
        <source>Required when not accepted or returned</source>
        <translation>不立案或退回时必填</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>交办</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Adoption</source>
        <translation>采用</translation>
    </message>
    <message>
        <source>(not adopted)</source>
        <translation>（未采用）</translation>
    </message>
    <message>
        <source>Who adopted it, e.g. 市政协办公室</source>
        <translation>采用单位，如 市政协办公室</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>批示</translation>
    </message>
    <message>
        <source>Key / excellent</source>
        <translation>重点/优秀提案</translation>
    </message>
    <message>
        <source>Designated</source>
        <translation>已评定</translation>
    </message>
    <message>
        <source>Duty points in {0}: {1}</source>
        <translation>{0}年履职积分：{1}</translation>
    </message>
    <message>
        <source>County work: {0} {1}</source>
        <translation>审查办理：{0} {1}</translation>
    </message>
    <message>
        <source>Stage: {0}</source>
        <translation>办理阶段：{0}</translation>
    </message>
    <message>
        <source>This record is in the trash.</source>
        <translation>该记录在回收站中。</translation>
    </message>
    <message>
        <source>The studio has not submitted this record yet.</source>
        <translation>工作室尚未报送该记录。</translation>
    </message>
    <message>
        <source>The unit has replied: the review and the assignment stay as they are.</source>
        <translation>承办单位已答复，审查结果和交办不能再改。</translation>
    </message>
    <message>
        <source>Assign once the record is accepted (Review tab).</source>
        <translation>立案后才能交办（见“审查”）。</translation>
    </message>
    <message>
        <source>Enter the reply once the record is accepted.</source>
        <translation>立案后才能登记答复。</translation>
    </message>
    <message>
        <source>Enter the reply once the record is assigned.</source>
        <translation>交办后才能登记答复。</translation>
    </message>
    <message>
        <source>Only social-conditions reports are adopted.</source>
        <translation>只有社情民意信息登记采用情况。</translation>
    </message>
    <message>
        <source>Only proposals are designated key or excellent.</source>
        <translation>只有提案可以评为重点提案或优秀提案。</translation>
    </message>
    <message>
        <source>Designate once the proposal is accepted (Review tab).</source>
        <translation>提案立案后才能评定（见“审查”页）。</translation>
    </message>
    <message>
        <source>Choose the review result.</source>
        <translation>请选择审查结果。</translation>
    </message>
    <message>
        <source>Choose the lead unit.</source>
        <translation>请选择主办单位。</translation>
    </message>
    <message>
        <source>Choose the reply class.</source>
        <translation>请选择答复类别。</translation>
    </message>
</context>
<context>
    <name>CountyWorkPanel</name>
    <message>
        <source>Review, assignment and replies per studio</source>
        <translation>各工作室审查、交办和答复情况</translation>
    </message>
    <message>
        <source>Review results by kind of record</source>
        <translation>按类型审查情况</translation>
    </message>
    <message>
        <source>Replies by lead unit</source>
        <translation>按主办单位答复情况</translation>
    </message>
    <message>
        <source>Adoption of social-conditions reports and members&apos; evaluation</source>
        <translation>社情民意采用和委员评价情况</translation>
    </message>
    <message>
        <source>Records submitted in the period, as they stand now; drafts are not counted. {0} = {1} ÷ {2} (replied, or past the reply deadline); {3} = (satisfied + basically satisfied) ÷ {4}.</source>
        <translation>统计本期报送的件（草稿不计），按当前办理情况；{0} = {1} ÷ {2}（已答复或已过答复期限的）；{3} =（满意 + 基本满意）÷ {4}。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>Social-conditions reports submitted</source>
        <translation>报送的社情民意信息</translation>
    </message>
    <message>
        <source>County total</source>
        <translation>全县合计</translation>
    </message>
    <message>
        <source>Through train: days from submission to the county&apos;s first action</source>
        <translation>直通车：报送至县政协首次办理用时</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>报送</translation>
    </message>
    <message>
        <source>Acted on</source>
        <translation>已办理</translation>
    </message>
    <message>
        <source>The county has reviewed, assigned or answered</source>
        <translation>县政协已审查、交办或答复等</translation>
    </message>
    <message>
        <source>Awaiting first action</source>
        <translation>待首次办理</translation>
    </message>
    <message>
        <source>Nothing done by the county yet</source>
        <translation>县政协尚未办理</translation>
    </message>
    <message>
        <source>Median days</source>
        <translation>中位天数</translation>
    </message>
    <message>
        <source>Days from submission to the first action</source>
        <translation>自报送至首次办理的天数</translation>
    </message>
    <message>
        <source>Mean days</source>
        <translation>平均天数</translation>
    </message>
    <message>
        <source>Longest days</source>
        <translation>最长天数</translation>
    </message>
    <message>
        <source>Through train</source>
        <translation>直通车</translation>
    </message>
    <message>
        <source>Other records</source>
        <translation>其他报送件</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Replied, or past the reply deadline</source>
        <translation>已答复或已过答复期限</translation>
    </message>
    <message>
        <source>Replied by the deadline</source>
        <translation>在答复期限内答复</translation>
    </message>
    <message>
        <source>Not replied, deadline passed</source>
        <translation>已过答复期限仍未答复</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Members&apos; evaluation of the reply</source>
        <translation>委员对答复的评价</translation>
    </message>
    <message>
        <source>Lead unit</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Adopted at this level</source>
        <translation>在该级别被采用</translation>
    </message>
</context>
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
        <translation>正在取消……</translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <source>This is demo data.</source>
        <translation>这是演示数据。</translation>
    </message>
    <message>
        <source>Set up for real use…</source>
        <translation>设置正式台账……</translation>
    </message>
    <message>
        <source>Unsaved drafts (Enter to continue)</source>
        <translation>未保存的草稿（回车继续填写）</translation>
    </message>
    <message>
        <source>No visits have been recorded today yet.</source>
        <translation>今天还没有登记来访。</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>接待走访</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>所属记录</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Overdue items ({0})</source>
        <translation>逾期事项（{0}）</translation>
    </message>
    <message>
        <source>Today: {0}, {1}</source>
        <translation>今天：{0}，{1}</translation>
    </message>
    <message>
        <source>On duty today: {0}</source>
        <translation>今日值班委员：{0}</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>提案/社情民意</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>委员</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>群众</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Overdue referrals ({0})</source>
        <translation>已超期的转办事项（{0}）</translation>
    </message>
    <message>
        <source>Due within {0} days ({1})</source>
        <translation>{0}天内到期（{1}）</translation>
    </message>
    <message>
        <source>Recorded today ({0})</source>
        <translation>今日登记（{0}）</translation>
    </message>
    <message>
        <source>Back from the county, last {0} days ({1})</source>
        <translation>县政协反馈（近{0}天，{1}）</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <source>Select a row to see the whole record here.</source>
        <translation>选中一行，这里显示整条记录。</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Grew from</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Resulting {0}</source>
        <translation>形成的{0}</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>…… 另有 {0} 条</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
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
    <name>DraftKeeper</name>
    <message>
        <source>Not kept in the draft for your account: type it again.</source>
        <translation>草稿未为您的账户保存此项，请重新输入。</translation>
    </message>
</context>
<context>
    <name>ElectionStagesDialog</name>
    <message>
        <source>{0}: stages observed</source>
        <translation>{0}：各环节观察情况</translation>
    </message>
    <message numerus="yes">
        <source>Open issues: %n</source>
        <translation>
            <numerusform>未答复的问题：%n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Not observed</source>
        <translation>未观察</translation>
    </message>
</context>
<context>
    <name>ElectionTermDialog</name>
    <message>
        <source>Elections by term</source>
        <translation>按届次查看换届选举观察</translation>
    </message>
    <message>
        <source>Term:</source>
        <translation>届次：</translation>
    </message>
    <message>
        <source>Election day</source>
        <translation>选举日</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>村情</translation>
    </message>
    <message>
        <source>Open issues</source>
        <translation>未答复问题</translation>
    </message>
    <message numerus="yes">
        <source>%n village(s)</source>
        <translation>
            <numerusform>共 %n 个村（社区）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ElectionsPage</name>
    <message>
        <source>Stages…</source>
        <translation>选举进程……</translation>
    </message>
    <message>
        <source>The selected election&apos;s stages observed and its open issues</source>
        <translation>选中选举各环节的观察情况和未答复的问题</translation>
    </message>
    <message>
        <source>By term…</source>
        <translation>按届次查看……</translation>
    </message>
    <message>
        <source>A term&apos;s villages and the stages observed in each</source>
        <translation>本届各村（社区）及各环节观察情况</translation>
    </message>
    <message>
        <source>Select an election observation first.</source>
        <translation>请先选择一条换届选举观察记录。</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <source>Studios</source>
        <translation>各工作室</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Import history</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <source>Write the records added or changed since the last package to an Excel file and take it to the county office on a USB stick.</source>
        <translation>把自上次导出以来新增或修改的记录写入一个电子表格文件，用U盘交给县政协。</translation>
    </message>
    <message>
        <source>Everything, not only the changes since the last package</source>
        <translation>导出全部记录（不只是上次导出以来的变化）</translation>
    </message>
    <message>
        <source>Include ID numbers and phone numbers unmasked</source>
        <translation>包含完整的身份证号和电话（不遮盖）</translation>
    </message>
    <message>
        <source>Password (optional): encrypts the file</source>
        <translation>密码（可不填）：填写后文件加密</translation>
    </message>
    <message>
        <source>Export package…</source>
        <translation>导出数据包……</translation>
    </message>
    <message>
        <source>Packages received from each studio. A missing number means a package never arrived (a lost USB stick?): ask that studio to export everything. Rows that refer to a record not received yet wait, and are imported when it arrives.</source>
        <translation>各工作室已送来的数据包。缺少的编号表示有数据包没有送到（U盘丢失？）：请该工作室导出全部记录再送一次。引用了尚未收到的记录的行会先保留等待，收到后自动导入。</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Packages received</source>
        <translation>已收数据包</translation>
    </message>
    <message>
        <source>Last package</source>
        <translation>最近编号</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>最近导入时间</translation>
    </message>
    <message>
        <source>Missing packages</source>
        <translation>缺少的编号</translation>
    </message>
    <message>
        <source>Waiting rows</source>
        <translation>等待的行</translation>
    </message>
    <message>
        <source>Everything, not only what changed since the last feedback</source>
        <translation>导出全部（不只是上次反馈以来的变化）</translation>
    </message>
    <message>
        <source>Export feedback package…</source>
        <translation>导出反馈包……</translation>
    </message>
    <message>
        <source>Review results and replies for the studio selected above</source>
        <translation>为上面选中的工作室导出审查结果和办理答复</translation>
    </message>
    <message>
        <source>Import package…</source>
        <translation>导入数据包……</translation>
    </message>
    <message>
        <source>Choose a package: you will see what it would change before anything is.</source>
        <translation>请选择数据包：导入前会先列出将要做的更改。</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>Edited by hand</source>
        <translation>手工修改</translation>
    </message>
    <message>
        <source>To trash</source>
        <translation>移入回收站</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>Rows to look at</source>
        <translation>需要查看的行</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>确认导入</translation>
    </message>
    <message>
        <source>Import the package as planned, all or nothing</source>
        <translation>按上面的计划导入，要么全部导入，要么都不导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Do not import this package</source>
        <translation>不导入这个数据包</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message numerus="yes">
        <source>No. {0}: %n rows</source>
        <translation>
            <numerusform>第 {0} 号：%n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Package identifier: {0}</source>
        <translation>数据包标识：{0}</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Imported at</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>已取消，没有做任何更改。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出……</translation>
    </message>
    <message>
        <source>Nothing was added or changed since the last package: no file written.</source>
        <translation>自上次导出以来没有新增或修改的记录，未生成数据包。</translation>
    </message>
    <message>
        <source>Package No. {0} saved: {1}
{2}</source>
        <translation>已导出第 {0} 号数据包：{1}
{2}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>Packages {0} never arrived: ask the studio to export everything.</source>
        <translation>第 {0} 号数据包没有送到：请该工作室导出全部记录。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Package No. {0}: {1} rows wait for records not received yet ({2}); they are imported when those arrive.</source>
        <translation>第 {0} 号数据包：{1} 行在等待尚未收到的记录（{2}），收到后自动导入。</translation>
    </message>
    <message>
        <source>Package No. {0}: {1} rows are in conflict with this computer: decide them on the Conflicts tab.</source>
        <translation>第 {0} 号数据包：{1} 行与本机冲突，请在“冲突”页决定。</translation>
    </message>
    <message>
        <source>Nothing new for this studio since its last feedback package: no file written.</source>
        <translation>该工作室自上次反馈以来没有新的办理信息，未生成反馈包。</translation>
    </message>
    <message>
        <source>Feedback package No. {0} saved: {1}
{2}</source>
        <translation>已导出第 {0} 号反馈包：{1}
{2}</translation>
    </message>
    <message>
        <source>Reading the package…</source>
        <translation>正在读取数据包……</translation>
    </message>
    <message>
        <source>{0} — from {1}, package No. {2}</source>
        <translation>{0}——来自{1}，第 {2} 号</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>{0} conflicts wait for a decision: Apply keeps them for you to decide and imports nothing yet.</source>
        <translation>有 {0} 条冲突需要人工决定：点“确认导入”会先保存这些冲突供您决定，暂不导入任何内容。</translation>
    </message>
    <message>
        <source>Nothing is changed until you press Apply.</source>
        <translation>点“确认导入”之前不会做任何更改。</translation>
    </message>
    <message>
        <source>{0} rows refer to records not received yet: they will be kept and imported when those arrive.</source>
        <translation>{0} 行引用了尚未收到的记录：将先保留，收到后自动导入。</translation>
    </message>
    <message>
        <source>Rows to look at: {0}</source>
        <translation>需要查看的行：{0}</translation>
    </message>
    <message>
        <source> (another {0} rejected or waiting rows are counted, not listed)</source>
        <translation>（另有 {0} 行被拒收或等待，已计数但未列出）</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Conflict (decided)</source>
        <translation>冲突（已决定）</translation>
    </message>
    <message>
        <source>Waits for a record</source>
        <translation>等待引用的记录</translation>
    </message>
    <message>
        <source>Not imported.</source>
        <translation>未导入。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入……</translation>
    </message>
    <message>
        <source>{0}: waiting for your decision on conflicts.</source>
        <translation>{0}：等待您决定冲突。</translation>
    </message>
    <message>
        <source>{0} conflicts wait for your decision: nothing was imported. Decide each one, then import the file again.</source>
        <translation>有 {0} 条冲突需要您决定，本次没有导入任何内容。请逐条决定后再次导入该文件。</translation>
    </message>
    <message>
        <source>Imported: {0}</source>
        <translation>已导入：{0}</translation>
    </message>
    <message>
        <source>Imported “{0}”.</source>
        <translation>已导入“{0}”。</translation>
    </message>
    <message>
        <source>{0} rows wait for records not received yet: kept, imported when those arrive.</source>
        <translation>{0} 行在等待尚未收到的记录：已保留，收到后自动导入。</translation>
    </message>
    <message>
        <source>Conflicts ({0})</source>
        <translation>冲突（{0}）</translation>
    </message>
    <message>
        <source>Studio package</source>
        <translation>工作室数据包</translation>
    </message>
    <message>
        <source>Feedback package</source>
        <translation>县政协反馈包</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <source>Choose a font for printing</source>
        <translation>选择打印字体</translation>
    </message>
    <message>
        <source>TrueType fonts (*.ttf *.ttc)</source>
        <translation>TrueType 字体 (*.ttf *.ttc)</translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <source>The file cannot be read: {0}</source>
        <translation>无法读取该文件：{0}</translation>
    </message>
    <message>
        <source>This font has PostScript (CFF) outlines, which cannot be embedded in PDF forms. Choose a TrueType font (.ttf), e.g. SimSun or Microsoft YaHei.</source>
        <translation>该字体为 PostScript（CFF）轮廓，无法嵌入 PDF 表格。请选择 TrueType 字体（.ttf），如宋体或微软雅黑。</translation>
    </message>
    <message>
        <source>This is not a TrueType font file.</source>
        <translation>这不是 TrueType 字体文件。</translation>
    </message>
    <message>
        <source>The font cannot be used for printing: {0}</source>
        <translation>该字体不能用于打印：{0}</translation>
    </message>
    <message>
        <source>This font has no Chinese characters.</source>
        <translation>该字体不含汉字。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Display language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件……</translation>
    </message>
    <message>
        <source>Use default</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>Font for printing</source>
        <translation>打印字体</translation>
    </message>
    <message>
        <source>Change location…</source>
        <translation>更改位置……</translation>
    </message>
    <message>
        <source>Use default location</source>
        <translation>恢复默认位置</translation>
    </message>
    <message>
        <source>The change takes effect at the next start. Data is not moved: choose an empty folder (a new studio is set up there) or a folder that already holds a studio database (e.g. a copy). Backups and logs are kept in the data folder too.</source>
        <translation>更改在下次启动时生效。数据不会被搬移：请选择空文件夹（将在其中重新设置工作室），或已有工作室数据库的文件夹（如一份副本）。备份和日志也保存在数据文件夹中。</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>签名指纹</translation>
    </message>
    <message>
        <source>Pinned on</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>No sender pinned yet: one is pinned when its first package is imported.</source>
        <translation>还没有登记其他单位：导入对方的第一个数据包时登记。</translation>
    </message>
    <message>
        <source>Every package is signed. Compare fingerprints group by group with what the other side&apos;s settings page shows, on paper or by phone. A package signed with another key is refused; only an administrator can forget a sender (on the command line), so that its next package is pinned again.</source>
        <translation>每个数据包都带有签名。请在纸上或电话中与对方设置页显示的指纹逐组核对。用其他密钥签名的数据包会被拒收；只有管理员可以在命令行中解除对某个单位的登记，之后它的下一个数据包导入时重新登记。</translation>
    </message>
    <message>
        <source>Package signatures</source>
        <translation>数据包签名</translation>
    </message>
    <message>
        <source>This installation&apos;s fingerprint</source>
        <translation>本机签名指纹</translation>
    </message>
    <message>
        <source>Senders pinned on first contact:</source>
        <translation>已登记的单位（首次导入时登记）：</translation>
    </message>
    <message>
        <source>Chosen font: {0}</source>
        <translation>已选字体：{0}</translation>
    </message>
    <message>
        <source>Automatic: a Chinese TrueType font installed on this computer (SimSun, SimHei or Microsoft YaHei on Windows).</source>
        <translation>自动：使用本机已安装的中文 TrueType 字体（Windows 上为宋体、黑体或微软雅黑）。</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>County office</source>
        <translation>县政协</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>None yet (unsigned packages only)</source>
        <translation>尚无（只收到过未签名的数据包）</translation>
    </message>
    <message>
        <source>Current location: {0}</source>
        <translation>当前位置：{0}</translation>
    </message>
    <message>
        <source>Database: {0}</source>
        <translation>数据库：{0}</translation>
    </message>
    <message>
        <source>From the next start: {0}</source>
        <translation>下次启动起使用：{0}</translation>
    </message>
    <message>
        <source>Cannot save the choice: {0}</source>
        <translation>无法保存该选择：{0}</translation>
    </message>
</context>
<context>
    <name>KindDialog</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择……</translation>
    </message>
    <message>
        <source>New {0}</source>
        <translation>新建{0}</translation>
    </message>
    <message>
        <source>Status: {0}</source>
        <translation>状态：{0}</translation>
    </message>
</context>
<context>
    <name>KindPage</name>
    <message>
        <source>New {0}</source>
        <translation>新建{0}</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <source>All members</source>
        <translation>全部委员</translation>
    </message>
    <message>
        <source>All: {0}</source>
        <translation>全部{0}</translation>
    </message>
    <message>
        <source>Start a {0} from the selected records</source>
        <translation>以选中的记录新建{0}</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Turn into {0}…</source>
        <translation>转为{0}……</translation>
    </message>
    <message>
        <source>By month…</source>
        <translation>按月统计……</translation>
    </message>
    <message>
        <source>The selected record&apos;s {0} by month</source>
        <translation>选中记录的{0}按月统计</translation>
    </message>
    <message>
        <source>Ratings over time…</source>
        <translation>评分走势……</translation>
    </message>
    <message>
        <source>How the selected record was rated, over time</source>
        <translation>选中记录历次评分的走势</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印……</translation>
    </message>
    <message>
        <source>Preview and print the selected {0}</source>
        <translation>预览并打印选中的{0}</translation>
    </message>
    <message>
        <source>Select a {0} to print.</source>
        <translation>请先选中要打印的{0}。</translation>
    </message>
    <message>
        <source>Yearly summary</source>
        <translation>年度监测汇总</translation>
    </message>
    <message>
        <source>Print the summary of the year:</source>
        <translation>打印哪一年的汇总：</translation>
    </message>
</context>
<context>
    <name>ListCount</name>
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>共 %Ln 条</numerusform>
        </translation>
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
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>All studios</source>
        <translation>全部工作室</translation>
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
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>… records</source>
        <translation>共 … 条</translation>
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
    <name>LoginDialog</name>
    <message>
        <source>Log in — {0}</source>
        <translation>登录 — {0}</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Demo database: user name {0}, password {1}.</source>
        <translation>演示数据库：用户名 {0}，密码 {1}。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Studio Ledger — {0}</source>
        <translation>委员工作室履职台账 — {0}</translation>
    </message>
    <message>
        <source>Studio Ledger — {0} (demo data)</source>
        <translation>委员工作室履职台账 — {0}（演示数据）</translation>
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
        <source>Exchange</source>
        <translation>数据交换</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>New {0}</source>
        <translation>新建{0}</translation>
    </message>
    <message>
        <source>New {0} ({1})</source>
        <translation>新建{0}（{1}）</translation>
    </message>
    <message>
        <source>Contact network</source>
        <translation>联系网络</translation>
    </message>
    <message>
        <source>Duty points</source>
        <translation>履职积分</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印……</translation>
    </message>
    <message>
        <source>Preview and print what the page shows (Ctrl+P)</source>
        <translation>预览并打印本页选中的记录或报表（Ctrl+P）</translation>
    </message>
    <message>
        <source>Purge old visits…</source>
        <translation>清理过期的接待走访……</translation>
    </message>
    <message>
        <source>Set up for real use…</source>
        <translation>设置正式台账……</translation>
    </message>
    <message>
        <source>Set up your own studio or county office, with a data folder of its own</source>
        <translation>设置本工作室或县政协自己的正式台账，使用单独的数据文件夹</translation>
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
        <source>Details panel</source>
        <translation>详情面板</translation>
    </message>
    <message>
        <source>Show or hide the whole record beside lists (F9)</source>
        <translation>在列表旁显示或隐藏整条记录 (F9)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>There is nothing to print on this page.</source>
        <translation>本页没有可打印的内容。</translation>
    </message>
    <message>
        <source>Total … {0}</source>
        <translation>共 … {1}{0}</translation>
    </message>
    <message numerus="yes">
        <source>Total %Ln {0}</source>
        <translation>
            <numerusform>共 %Ln {1}{0}</numerusform>
        </translation>
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
    <name>MemberPointsDialog</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>积分规则</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>条数</translation>
    </message>
    <message>
        <source>Yearly cap</source>
        <translation>年度上限</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>&amp;Adjust…</source>
        <translation>调整(&amp;A)……</translation>
    </message>
    <message>
        <source>Add or take away points for something the records do not show</source>
        <translation>为记录中未体现的情况加分或减分</translation>
    </message>
    <message>
        <source>Entries (Enter or double-click opens the record)</source>
        <translation>积分明细（回车或双击打开记录）</translation>
    </message>
    <message>
        <source>Points by rule</source>
        <translation>各规则积分</translation>
    </message>
    <message>
        <source>Yearly minimums</source>
        <translation>年度基本要求</translation>
    </message>
    <message>
        <source>County adjustments</source>
        <translation>县政协调整</translation>
    </message>
    <message>
        <source>This member is no longer in the ledger.</source>
        <translation>该委员已不在台账中。</translation>
    </message>
    <message>
        <source>Duty points of {0}, {1}</source>
        <translation>{0} {1}年履职积分</translation>
    </message>
    <message>
        <source>{0}, {1}: {2} points</source>
        <translation>{0}，{1}年：{2} 分</translation>
    </message>
    <message>
        <source>County adjustment: {0}</source>
        <translation>县政协调整：{0}</translation>
    </message>
    <message>
        <source>County adjustment</source>
        <translation>县政协调整</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>{0} entries × {1} = {2}, capped at {3}</source>
        <translation>{0} 条 × {1} = {2}，按上限计 {3}</translation>
    </message>
    <message>
        <source>✗ {0} (has {1})</source>
        <translation>✗ {0}（已有 {1}）</translation>
    </message>
    <message>
        <source>✓ {0} (has {1})</source>
        <translation>✓ {0}（已有 {1}）</translation>
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
    <name>MinimumsTable</name>
    <message>
        <source>Yearly minimum</source>
        <translation>年度基本要求</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>In {0}</source>
        <translation>{0}年</translation>
    </message>
    <message>
        <source>{0} (not required)</source>
        <translation>{0}（本年度不作要求）</translation>
    </message>
    <message>
        <source>at most</source>
        <translation>至多</translation>
    </message>
    <message>
        <source>at least</source>
        <translation>至少</translation>
    </message>
    <message>
        <source>How many entries, {0}</source>
        <translation>记录次数，{0}</translation>
    </message>
    <message>
        <source>Enter a whole number of 0 or more.</source>
        <translation>请输入 0 或更大的整数。</translation>
    </message>
</context>
<context>
    <name>NamedCountsDialog</name>
    <message>
        <source>{0}: {1} by month</source>
        <translation>{0}：{1}按月统计</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>年度(&amp;Y)：</translation>
    </message>
    <message>
        <source>Month {0}</source>
        <translation>{0}月</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) in the year</source>
        <translation>
            <numerusform>全年 %n 条</numerusform>
        </translation>
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
    <name>OptionalDateEdit</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>PointRulesTab</name>
    <message>
        <source>&amp;Year:</source>
        <translation>年度(&amp;Y)：</translation>
    </message>
    <message>
        <source>Read only: {0}</source>
        <translation>只读：{0}</translation>
    </message>
    <message>
        <source>Points per record (negative: a deduction); the yearly cap limits a member&apos;s points from a rule (blank: no cap). A figure equal to the default keeps the default. A yearly minimum counts a member&apos;s entries: at least so many (0: not required that year), or at most so many for absences. Changes reach the studios with the next feedback package.</source>
        <translation>分值按每条记录计（负数为扣分）；年度上限限制委员每年从该规则所得的积分（留空为不设上限）。与默认值相同即沿用默认值。年度基本要求按委员的记录次数计：至少若干次（0 为本年度不作要求），无故缺席为至多若干次。修改随下一个反馈包下发到各工作室。</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>积分规则</translation>
    </message>
    <message>
        <source>Default points</source>
        <translation>默认分值</translation>
    </message>
    <message>
        <source>Points in {0}</source>
        <translation>{0}年分值</translation>
    </message>
    <message>
        <source>Yearly cap</source>
        <translation>年度上限</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Default yearly cap: {0}</source>
        <translation>默认年度上限：{0}</translation>
    </message>
    <message>
        <source>Enter a whole number (a blank cap: no cap).</source>
        <translation>请输入整数（年度上限留空表示不设上限）。</translation>
    </message>
</context>
<context>
    <name>PointsPage</name>
    <message>
        <source>&amp;Year:</source>
        <translation>年度(&amp;Y)：</translation>
    </message>
    <message>
        <source>All studios</source>
        <translation>全部工作室</translation>
    </message>
    <message>
        <source>Only members &amp;missing a minimum</source>
        <translation>只看未达到基本要求的委员(&amp;M)</translation>
    </message>
    <message>
        <source>Points are counted from the records of the year. Double-click a member or press Enter for the entries, each with its source record.</source>
        <translation>积分按当年的记录计算。双击委员或按回车键查看积分明细，每条明细都可打开其来源记录。</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n 名委员</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message numerus="yes">
        <source>%n missing a minimum</source>
        <translation>
            <numerusform>其中 %n 名未达到基本要求</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PointsTableModel</name>
    <message>
        <source>Member</source>
        <translation>委员</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Minimums</source>
        <translation>基本要求</translation>
    </message>
    <message>
        <source>County adjustments</source>
        <translation>县政协调整</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Not met: {0}</source>
        <translation>未达到：{0}</translation>
    </message>
    <message>
        <source>County adjustment</source>
        <translation>县政协调整</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Print preview — {0}</source>
        <translation>打印预览 — {0}</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印……</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF……</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>第</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>The document could not be opened: {0}</source>
        <translation>无法打开生成的文档：{0}</translation>
    </message>
    <message>
        <source>of {0}</source>
        <translation>页，共 {0} 页</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ProfileTab</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇/街道</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>The code is fixed after setup: serial numbers and exchange file names use it.</source>
        <translation>代码设置后不能更改：记录编号和数据包文件名都用它。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有改动。</translation>
    </message>
</context>
<context>
    <name>ProposalDialog</name>
    <message>
        <source>A studio&apos;s record is worked on in the county work window.</source>
        <translation>工作室的记录请在审查办理窗口中办理。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Sent by the member straight to the county</source>
        <translation>委员直接报送县政协（直通车）</translation>
    </message>
    <message>
        <source>Through train: the member reports this record straight to the county CPPCC; the county lists it first and measures how soon it acts on it.</source>
        <translation>直通车：委员直接报送县政协，县政协优先列出并统计首次办理用时。</translation>
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
        <source>New proposal or social-conditions report</source>
        <translation>新建提案/社情民意</translation>
    </message>
    <message>
        <source>County feedback (read-only)</source>
        <translation>县政协反馈（只读）</translation>
    </message>
    <message>
        <source>No feedback from the county yet.</source>
        <translation>尚未收到县政协反馈。</translation>
    </message>
    <message>
        <source>Handling units</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>The member evaluates the reply once the county&apos;s reply has arrived.</source>
        <translation>收到县政协反馈的答复后，委员才能评价。</translation>
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
        <source>Through train</source>
        <translation>直通车</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>County No.</source>
        <translation>县政协编号</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>办理阶段</translation>
    </message>
    <message>
        <source>Reply due</source>
        <translation>答复期限</translation>
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
        <source>All studios</source>
        <translation>全部工作室</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All reviews</source>
        <translation>全部审查结果</translation>
    </message>
    <message>
        <source>Through train only</source>
        <translation>只看直通车</translation>
    </message>
    <message>
        <source>Only records members sent straight to the county (through train)</source>
        <translation>只显示委员直接报送县政协的件（直通车）</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印……</translation>
    </message>
    <message>
        <source>Preview and print the selected record on its form</source>
        <translation>预览并打印选中记录的表单</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>Accept the selected records</source>
        <translation>所选记录立案</translation>
    </message>
    <message numerus="yes">
        <source>Accept the %n selected record(s)?</source>
        <translation>
            <numerusform>所选 %n 件立案？</numerusform>
        </translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>交办……</translation>
    </message>
    <message>
        <source>Assign the selected records to handling units</source>
        <translation>将所选记录交办给承办单位</translation>
    </message>
    <message>
        <source>Select a record to print.</source>
        <translation>请先选中要打印的记录。</translation>
    </message>
</context>
<context>
    <name>PurgePanel</name>
    <message>
        <source>This cannot be undone: the records cannot be recovered from the database. A backup is made first; it still holds them.</source>
        <translation>此操作无法撤销：删除后无法从数据库中恢复。清理前会先做一次备份，备份中仍有这些记录。</translation>
    </message>
    <message>
        <source>Purge</source>
        <translation>清理</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Purge…</source>
        <translation>清理……</translation>
    </message>
    <message>
        <source>Visits that took place more than</source>
        <translation>清理发生在</translation>
    </message>
    <message>
        <source>ago</source>
        <translation>以前的接待走访</translation>
    </message>
    <message>
        <source>Removes old visits with their links, and residents left with no other record. Visits cited by a proposal are kept. Backups made earlier still hold the removed records.</source>
        <translation>删除过期的接待走访及其关联，以及此后再无任何记录的群众；被提案引用的接待走访予以保留。此前的备份中仍保留被删除的记录。</translation>
    </message>
    <message>
        <source>Only an administrator can purge old records.</source>
        <translation>只有管理员可以清理过期数据。</translation>
    </message>
    <message>
        <source>Nothing is old enough to purge.</source>
        <translation>没有需要清理的记录。</translation>
    </message>
    <message>
        <source>Backing up and purging…</source>
        <translation>正在备份并清理……</translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>接待走访 %n 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resident(s)</source>
        <translation>
            <numerusform>群众 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Purged {0} and {1}. Backup made before: {2}</source>
        <translation>已删除{0}、{1}。清理前的备份：{2}</translation>
    </message>
    <message>
        <source>Another program still has the database open; the old data is wiped once it closes.</source>
        <translation>数据库仍被其他程序打开，旧数据将在其关闭后彻底清除。</translation>
    </message>
    <message>
        <source>Purge old visits</source>
        <translation>清理过期的接待走访</translation>
    </message>
</context>
<context>
    <name>RatingHistoryDialog</name>
    <message>
        <source>Ratings over time: {0}</source>
        <translation>评分走势：{0}</translation>
    </message>
    <message>
        <source>Averages</source>
        <translation>平均分</translation>
    </message>
    <message>
        <source>{0} has no {1} yet.</source>
        <translation>{0}尚无{1}。</translation>
    </message>
    <message>
        <source>{0}: {1}, from {2} to {3}</source>
        <translation>{0}：{1}次，{2}至{3}</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>The step is saved; close the window</source>
        <translation>该步骤已保存；关闭窗口</translation>
    </message>
</context>
<context>
    <name>RecordViewDialog</name>
    <message>
        <source>This record belongs to {0}. Only the studio changes it: its changes arrive with its next package.</source>
        <translation>这是{0}的记录，只有工作室可以修改，修改随其下一个数据包送达。</translation>
    </message>
    <message>
        <source>{0} (read-only)</source>
        <translation>{0}（只读）</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Choose a backup</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <source>Studio Ledger databases (*.sqlite3)</source>
        <translation>履职台账数据库 (*.sqlite3)</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>The database {0} failed its check ({1}). Nothing will be written to it. Restore a backup to go on working; the damaged file is kept.</source>
        <translation>数据库 {0} 未通过完整性检查（{1}），程序不会再写入它。请从备份恢复后继续工作；损坏的文件会原样保留。</translation>
    </message>
    <message>
        <source>Newest sound backup: {0} ({1})</source>
        <translation>最新的完好备份：{0}（{1}）</translation>
    </message>
    <message>
        <source>No sound backup was found in the backup folder.</source>
        <translation>备份文件夹中没有找到完好的备份。</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>恢复此备份</translation>
    </message>
    <message>
        <source>Restore another file…</source>
        <translation>从其他文件恢复……</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
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
    <name>ResidentMergeDialog</name>
    <message>
        <source>Merge two residents</source>
        <translation>合并两位群众</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Keep this record:</source>
        <translation>保留这条记录：</translation>
    </message>
    <message>
        <source>“{0}” goes to the trash; what points to it moves to “{1}”:</source>
        <translation>“{0}”将移入回收站，与其关联的记录转到“{1}”名下：</translation>
    </message>
    <message>
        <source>{0}: {1} {2}</source>
        <translation>{0}：{1} 条 {2}</translation>
    </message>
    <message>
        <source>Taken over where the kept record is empty: {0}</source>
        <translation>保留记录中为空、从另一条补上的信息：{0}</translation>
    </message>
    <message>
        <source>The merge can be undone later (Undo merge).</source>
        <translation>合并之后可以撤销（“撤销合并”）。</translation>
    </message>
    <message>
        <source>Undo merge</source>
        <translation>撤销合并</translation>
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
        <translation>新群众……</translation>
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
        <source>Merge…</source>
        <translation>合并……</translation>
    </message>
    <message>
        <source>Merge the two selected residents into one</source>
        <translation>把选中的两位群众合并为一人</translation>
    </message>
    <message>
        <source>Undo merge</source>
        <translation>撤销合并</translation>
    </message>
    <message>
        <source>Undo the last merge into the current resident</source>
        <translation>撤销对当前群众的最近一次合并</translation>
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
    <message>
        <source>Select exactly two residents to merge.</source>
        <translation>请选中两个群众再合并。</translation>
    </message>
    <message>
        <source>Undo the last merge into “{0}”? The other record comes back.</source>
        <translation>撤销对“{0}”的最近一次合并？被合并的记录将恢复。</translation>
    </message>
</context>
<context>
    <name>RowsEdit</name>
    <message>
        <source>&amp;Add row</source>
        <translation>添加一行(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove selected rows</source>
        <translation>删除所选行(&amp;R)</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move dow&amp;n</source>
        <translation>下移(&amp;N)</translation>
    </message>
    <message>
        <source>row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>None yet: press Insert or “Add row” to add a {0}.</source>
        <translation>暂无内容：按 Insert 键或点“添加一行”添加一{0}。</translation>
    </message>
</context>
<context>
    <name>SavedFilterBox</name>
    <message>
        <source>Filters saved earlier</source>
        <translation>以前保存的筛选</translation>
    </message>
    <message>
        <source>Save filter…</source>
        <translation>保存筛选……</translation>
    </message>
    <message>
        <source>Save the current filters and search under a name</source>
        <translation>给当前的筛选条件和搜索起个名字保存</translation>
    </message>
    <message>
        <source>Delete filter</source>
        <translation>删除筛选</translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation>已存筛选</translation>
    </message>
</context>
<context>
    <name>SavedFilters</name>
    <message>
        <source>Save filter</source>
        <translation>保存筛选</translation>
    </message>
    <message>
        <source>Name of this filter:</source>
        <translation>筛选名称：</translation>
    </message>
</context>
<context>
    <name>SectionPanel</name>
    <message>
        <source>Average ratings (1–5)</source>
        <translation>平均评分（1–5分）</translation>
    </message>
    <message>
        <source>Average ratings by quarter</source>
        <translation>各季度平均评分</translation>
    </message>
    <message>
        <source>{0} in total</source>
        <translation>{0}合计</translation>
    </message>
    <message>
        <source>{0} in the contact chain</source>
        <translation>联系网络中的{0}</translation>
    </message>
    <message>
        <source>{0}: share of the chain</source>
        <translation>{0}覆盖率</translation>
    </message>
    <message>
        <source>{0} still open, by {1}</source>
        <translation>{0}未办结（按{1}）</translation>
    </message>
    <message>
        <source>{0} by {1}</source>
        <translation>{0}（按{1}）</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{0}: none</source>
        <translation>{0}：无</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Lowest: {0} {1}</source>
        <translation>最低：{0} {1}</translation>
    </message>
    <message>
        <source>Nothing rated in this period</source>
        <translation>本期无评分</translation>
    </message>
    <message>
        <source>Q{1}
{0}</source>
        <translation>{0}年
第{1}季度</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Code lists</source>
        <translation>代码表</translation>
    </message>
    <message>
        <source>Duty-point rules</source>
        <translation>履职积分规则</translation>
    </message>
    <message>
        <source>Language, printing and data</source>
        <translation>语言、打印与数据</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Folder for the real data</source>
        <translation>正式数据所在的文件夹</translation>
    </message>
    <message>
        <source>Set up for real use</source>
        <translation>设置正式台账</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The demo data stays where it is. The real ledger gets a data folder of its own and starts empty, with your own administrator.</source>
        <translation>演示数据保留不动。正式台账使用单独的数据文件夹，从空白开始，由您自己设置管理员。</translation>
    </message>
    <message>
        <source>A member studio</source>
        <translation>委员工作室</translation>
    </message>
    <message>
        <source>The county CPPCC office</source>
        <translation>县政协</translation>
    </message>
    <message>
        <source>e.g. 石桥镇政协委员工作室</source>
        <translation>如：石桥镇政协委员工作室</translation>
    </message>
    <message>
        <source>e.g. SQZ</source>
        <translation>如：SQZ</translation>
    </message>
    <message>
        <source>2–12 Latin letters or digits, starting with a letter. It is part of every serial number and exchange file name and cannot be changed afterwards.</source>
        <translation>2～12 位英文字母或数字，以字母开头。代码会写入每条记录的编号和数据交换文件名，设置后不能再修改。</translation>
    </message>
    <message>
        <source>Set up as</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>The first administrator of the real ledger; other users are added later under Users. The password needs at least 4 characters, without spaces at the start or end.</source>
        <translation>正式台账的第一个管理员；其他用户以后在“用户”页添加。密码至少 4 个字符，开头和结尾不能有空格。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择……</translation>
    </message>
    <message>
        <source>The real data, its backups and logs are kept in this folder. It must be empty or not exist yet; a folder that already holds a database is refused. The app opens this folder from now on; the demo folder ({0}) is left as it is.</source>
        <translation>正式数据及其备份、日志都保存在这个文件夹中。文件夹必须是空的或尚不存在；已有数据库的文件夹不能使用。以后程序将打开这个文件夹；演示数据文件夹（{0}）保留不动。</translation>
    </message>
    <message>
        <source>Recovery key — shown only this once. Write it down on paper and keep it away from the computer. With it an administrator&apos;s forgotten password can be reset; without it, nobody can.</source>
        <translation>恢复密钥——只显示这一次。请抄在纸上，与电脑分开保管。管理员忘记密码时，凭它才能重设密码；没有它，谁也无法重设。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>I have written the recovery key down</source>
        <translation>我已抄下恢复密钥</translation>
    </message>
    <message>
        <source>Step 1 of 4: the studio or county office</source>
        <translation>第 1 步（共 4 步）：工作室或县政协</translation>
    </message>
    <message>
        <source>Step 2 of 4: the administrator</source>
        <translation>第 2 步（共 4 步）：管理员</translation>
    </message>
    <message>
        <source>Step 3 of 4: where the data is kept</source>
        <translation>第 3 步（共 4 步）：数据保存位置</translation>
    </message>
    <message>
        <source>Step 4 of 4: the recovery key</source>
        <translation>第 4 步（共 4 步）：恢复密钥</translation>
    </message>
    <message>
        <source>Set up</source>
        <translation>开始设置</translation>
    </message>
    <message>
        <source>Open the real ledger</source>
        <translation>打开正式台账</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>请选择文件夹。</translation>
    </message>
    <message>
        <source>This is the current data folder. Choose another one.</source>
        <translation>这是当前的数据文件夹，请另选一个。</translation>
    </message>
    <message>
        <source>{0} ({1}) is set up in {2}. Administrator: {3}.</source>
        <translation>已设置：{0}（{1}），数据文件夹 {2}。管理员：{3}。</translation>
    </message>
    <message>
        <source>The app opens this folder from now on.</source>
        <translation>以后程序启动时将打开这个文件夹。</translation>
    </message>
    <message>
        <source>The folder could not be remembered for the next start ({0}); choose it under Settings, Data folder.</source>
        <translation>未能记住该文件夹供下次启动使用（{0}），请在“设置 → 数据文件夹”中选择它。</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>The real ledger is open; the demo data stays in {0}.</source>
        <translation>已打开正式台账；演示数据仍保存在 {0}。</translation>
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
        <source>Member</source>
        <translation>委员</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>界别</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>统计期间：</translation>
    </message>
    <message>
        <source>{0} (top {1})</source>
        <translation>{0}（前 {1} 名）</translation>
    </message>
    <message>
        <source>Studios&apos; activity</source>
        <translation>各工作室履职情况</translation>
    </message>
    <message>
        <source>County work on proposals</source>
        <translation>县政协审查办理情况</translation>
    </message>
    <message>
        <source>Print report…</source>
        <translation>打印报表……</translation>
    </message>
    <message>
        <source>Preview and print the statistics report</source>
        <translation>预览并打印统计报表</translation>
    </message>
    <message>
        <source>Export to workbook…</source>
        <translation>导出台账工作簿……</translation>
    </message>
    <message>
        <source>The month&apos;s ledger and statistics as Excel</source>
        <translation>将本月台账和统计导出为 Excel 工作簿</translation>
    </message>
    <message>
        <source>Export to PDF…</source>
        <translation>导出 PDF……</translation>
    </message>
    <message>
        <source>Save the statistics report as a PDF file</source>
        <translation>将统计报表保存为 PDF 文件</translation>
    </message>
    <message>
        <source>The workbook is made per month: choose a month.</source>
        <translation>台账工作簿按月导出，请选择月度。</translation>
    </message>
    <message>
        <source>Export to workbook</source>
        <translation>导出台账工作簿</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting the workbook…</source>
        <translation>正在导出台账工作簿……</translation>
    </message>
    <message>
        <source>Export to PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Making the report…</source>
        <translation>正在生成统计报表……</translation>
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
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>StatisticsTerms</name>
    <message>
        <source>Visits</source>
        <translation>接待走访</translation>
    </message>
    <message>
        <source>Visits closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Closure rate</source>
        <translation>办结率</translation>
    </message>
    <message>
        <source>Visits referred</source>
        <translation>转办</translation>
    </message>
    <message>
        <source>Referrals due</source>
        <translation>已到期</translation>
    </message>
    <message>
        <source>Fed back on time</source>
        <translation>按期反馈</translation>
    </message>
    <message>
        <source>Feedback on-time rate</source>
        <translation>按期率</translation>
    </message>
    <message>
        <source>Satisfaction rate</source>
        <translation>满意率</translation>
    </message>
    <message>
        <source>Proposals etc.</source>
        <translation>提案等</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
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
        <source>Visits by handling</source>
        <translation>按处理方式</translation>
    </message>
    <message>
        <source>Visits by status</source>
        <translation>按办理状态</translation>
    </message>
    <message>
        <source>Visits by village</source>
        <translation>按村（社区）</translation>
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
        <source>Proposals etc. by kind and status</source>
        <translation>提案等（按类型和状态）</translation>
    </message>
    <message>
        <source>Member activity</source>
        <translation>委员履职情况</translation>
    </message>
    <message>
        <source>Records submitted</source>
        <translation>报送</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>待审查</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>交办</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Replies due</source>
        <translation>已到期</translation>
    </message>
    <message>
        <source>Replied on time</source>
        <translation>按期答复</translation>
    </message>
    <message>
        <source>Replies overdue</source>
        <translation>超期未复</translation>
    </message>
    <message>
        <source>Reply on-time rate</source>
        <translation>按期答复率</translation>
    </message>
    <message>
        <source>Social-conditions reports</source>
        <translation>社情民意</translation>
    </message>
    <message>
        <source>Reports adopted</source>
        <translation>被采用</translation>
    </message>
    <message>
        <source>Adoption rate</source>
        <translation>采用率</translation>
    </message>
    <message>
        <source>Replies evaluated</source>
        <translation>已评价</translation>
    </message>
    <message>
        <source>Reply satisfaction rate</source>
        <translation>答复满意率</translation>
    </message>
    <message>
        <source>All periods</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0}·{1}</translation>
    </message>
    <message>
        <source>No village given</source>
        <translation>未注明村/社区</translation>
    </message>
    <message>
        <source>No category</source>
        <translation>未分类</translation>
    </message>
    <message>
        <source>No lead unit given</source>
        <translation>未注明主办单位</translation>
    </message>
</context>
<context>
    <name>StudioPart</name>
    <message>
        <source>The studio&apos;s record (read-only)</source>
        <translation>工作室报送的内容（只读）</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>编号</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>Contact targets</source>
        <translation>联系目标</translation>
    </message>
    <message>
        <source>Members each standing member keeps in touch with:</source>
        <translation>每名常委联系委员数：</translation>
    </message>
    <message>
        <source>Residents each member keeps in touch with:</source>
        <translation>每名委员联系群众数：</translation>
    </message>
    <message>
        <source>Not contacted after (days):</source>
        <translation>超过多少天算未联系（天）：</translation>
    </message>
    <message>
        <source>“一联十、十联百”: each standing member about ten members, each member about a hundred residents.</source>
        <translation>“一联十、十联百”：每名常委联系约十名委员，每名委员联系约一百名群众。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>TrashPage</name>
    <message>
        <source>Studio</source>
        <translation>工作室</translation>
    </message>
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
    <name>UsersPage</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Sees identifiers</source>
        <translation>可看完整证件号</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加……</translation>
    </message>
    <message>
        <source>Role and permission…</source>
        <translation>角色与权限……</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重设密码……</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>New recovery key…</source>
        <translation>新的恢复密钥……</translation>
    </message>
    <message>
        <source>Viewers only read; staff also create, edit, import and export; administrators also manage users, see the audit log, purge and restore.</source>
        <translation>查阅账号只能查看；工作人员还可新增、修改、导入和导出；管理员还可管理用户、查看操作日志、清理过期数据和恢复备份。</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>New password for {0}</source>
        <translation>{0} 的新密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New recovery key</source>
        <translation>新的恢复密钥</translation>
    </message>
    <message>
        <source>Write this key down and keep it away from this PC. With it an administrator&apos;s forgotten password can be reset (studio-app user reset-password NAME --recovery-key KEY). It is shown only this once; the previous key no longer works.</source>
        <translation>请抄下这个密钥，并与这台电脑分开保管。管理员忘记密码时，可用它重设密码（studio-app user reset-password 用户名 --recovery-key 密钥）。密钥只显示这一次，原来的密钥已作废。</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>The case is being handled; the handling can no longer change.</source>
        <translation>该事项已在办理中，不能再改处理方式。</translation>
    </message>
</context>
<context>
    <name>VisitRangeDialog</name>
    <message>
        <source>Print visits of a date range</source>
        <translation>按日期范围打印接待记录</translation>
    </message>
    <message>
        <source>Include confidential visits</source>
        <translation>包括保密事项</translation>
    </message>
    <message>
        <source>Full ID card and phone numbers</source>
        <translation>显示完整的身份证号和电话号码</translation>
    </message>
    <message>
        <source>Your account may not see full numbers.</source>
        <translation>当前用户无权查看完整号码。</translation>
    </message>
    <message>
        <source>The visits are printed in time order behind a cover sheet listing them.</source>
        <translation>接待记录按时间顺序打印，前附目录。</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>预览……</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>起始日期：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>截止日期：</translation>
    </message>
</context>
<context>
    <name>VisitTableModel</name>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <source>All villages</source>
        <translation>全部村（社区）</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看超期</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印……</translation>
    </message>
    <message>
        <source>Preview and print the selected visits&apos; forms</source>
        <translation>预览并打印选中来访的登记表</translation>
    </message>
    <message>
        <source>Print selected visits…</source>
        <translation>打印选中的来访……</translation>
    </message>
    <message>
        <source>Print selected visits with full numbers…</source>
        <translation>打印选中的来访（完整号码）……</translation>
    </message>
    <message>
        <source>Print a date range…</source>
        <translation>按日期范围打印……</translation>
    </message>
</context>
<context>
    <name>account</name>
    <message>
        <source>&amp;Account</source>
        <translation>账号(&amp;A)</translation>
    </message>
    <message>
        <source>Show identifiers</source>
        <translation>显示完整证件号和电话</translation>
    </message>
    <message>
        <source>Show full ID numbers and phones on screen, in exports and in print</source>
        <translation>在屏幕、导出和打印中显示完整的身份证号和电话</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>修改我的密码……</translation>
    </message>
    <message>
        <source>Switch user…</source>
        <translation>切换用户……</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再输入一次新密码</translation>
    </message>
</context>
<context>
    <name>choosers</name>
    <message>
        <source>Save package</source>
        <translation>保存数据包</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Import package</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;All files (*)</source>
        <translation>Excel 工作簿 (*.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Encrypted package</source>
        <translation>加密的数据包</translation>
    </message>
    <message>
        <source>“{0}” is encrypted. Password:</source>
        <translation>“{0}”已加密。密码：</translation>
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
    <name>help</name>
    <message>
        <source>From the search box into the results</source>
        <translation>从搜索框进入结果列表</translation>
    </message>
    <message>
        <source>Open the selected record</source>
        <translation>打开选中的记录</translation>
    </message>
    <message>
        <source>Move the selected record to the trash</source>
        <translation>把选中的记录移到回收站</translation>
    </message>
    <message>
        <source>Save the dialog</source>
        <translation>保存窗口中的内容</translation>
    </message>
    <message>
        <source>Close the dialog (asks first when something would be lost)</source>
        <translation>关闭窗口（有未保存的修改时先询问）</translation>
    </message>
    <message>
        <source>Alt+letter</source>
        <translation>Alt+字母</translation>
    </message>
    <message>
        <source>The button with that underlined letter, e.g. Alt+S: Save</source>
        <translation>按下带该字母的按钮，如 保存(S)</translation>
    </message>
    <message>
        <source>The next / previous field or button</source>
        <translation>下一个 / 上一个输入框或按钮</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>键盘操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>&lt;b&gt;Studio Ledger&lt;/b&gt; {0}&lt;br&gt;The duty ledger of CPPCC member studios: visits, interviews, proposals, exchange with the county office. It works without a network; the data stays in this PC&apos;s data folder.</source>
        <translation>&lt;b&gt;委员工作室履职台账&lt;/b&gt; {0}&lt;br&gt;政协委员工作室的履职台账：接待走访、访谈、提案，与县政协交换数据。无需联网，数据保存在本机的数据文件夹中。</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Keyboard…</source>
        <translation>键盘操作……</translation>
    </message>
    <message>
        <source>About Studio Ledger…</source>
        <translation>关于委员工作室履职台账……</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
</context>
<context>
    <name>identifiers</name>
    <message>
        <source>Hidden. Users allowed to see identifiers can show them.</source>
        <translation>已遮盖。有权限的用户可在“账号”菜单中显示完整号码。</translation>
    </message>
</context>
<context>
    <name>kind_columns</name>
    <message>
        <source>Serial</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>language</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
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
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{0} is not filled in. {1} anyway?</source>
        <translation>{0}尚未填写。仍要{1}吗？</translation>
    </message>
    <message>
        <source>{0} anyway</source>
        <translation>仍要{0}</translation>
    </message>
    <message>
        <source>Go back and fill it in</source>
        <translation>返回填写</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>记录已被他人修改</translation>
    </message>
    <message>
        <source>Reload the record as it is saved now? What you typed here is lost.</source>
        <translation>是否重新载入该记录现在保存的内容？您在此处输入的内容将丢失。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <source>Keep what I typed</source>
        <translation>保留我的输入</translation>
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
<context>
    <name>print</name>
    <message>
        <source>Printing…</source>
        <translation>正在打印……</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The printer could not be started. Check that it is available.</source>
        <translation>无法开始打印，请检查打印机是否可用。</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>Preparing the document…</source>
        <translation>正在生成文档……</translation>
    </message>
    <message>
        <source>File saved</source>
        <translation>文件已保存</translation>
    </message>
    <message>
        <source>Saved: {0}</source>
        <translation>已保存：{0}</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>self.model</name>
    <message>
        <source>{0} / {1} residents</source>
        <translation>{0} / {1} 名群众</translation>
    </message>
</context>
</TS>
