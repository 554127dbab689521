<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>yanghu::client::AppController</name>
    <message>
        <source>You signed in as %1. This version of the desktop client has the field crew&apos;s screens; the screens for your role come in a later version.</source>
        <translation>您以%1身份登录。本版桌面客户端只有作业班组的界面，您角色的界面将在后续版本提供。</translation>
    </message>
    <message>
        <source>This laptop&apos;s copy of the work (%1) cannot be opened: %2.</source>
        <translation>无法打开本机的工作副本（%1）：%2。</translation>
    </message>
    <message>
        <source>This laptop&apos;s copy of the work belongs to another user.</source>
        <translation>本机的工作副本属于另一位用户。</translation>
    </message>
    <message>
        <source>Your session on the server has ended. Sign in again to send your edits; they are kept on this laptop meanwhile.</source>
        <translation>您在服务器上的会话已结束。请重新登录以上传修改；在此之前修改保存在本机。</translation>
    </message>
    <message>
        <source>This laptop&apos;s copy of the work belongs to %1. Sign in as %1, or sign out first.</source>
        <translation>本机的工作副本属于 %1。请以 %1 身份登录，或先退出登录。</translation>
    </message>
</context>
<context>
    <name>yanghu::client::AssetCard</name>
    <message>
        <source>paving</source>
        <translation>铺装</translation>
    </message>
    <message>
        <source>width (m)</source>
        <translation>宽度（米）</translation>
    </message>
    <message>
        <source>area (m²)</source>
        <translation>面积（平方米）</translation>
    </message>
    <message>
        <source>grate</source>
        <translation>箅子</translation>
    </message>
    <message>
        <source>last cleaned</source>
        <translation>上次清掏</translation>
    </message>
    <message>
        <source>cover material</source>
        <translation>井盖材质</translation>
    </message>
    <message>
        <source>diameter (mm)</source>
        <translation>管径（毫米）</translation>
    </message>
    <message>
        <source>load class</source>
        <translation>承载等级</translation>
    </message>
    <message>
        <source>length (m)</source>
        <translation>长度（米）</translation>
    </message>
    <message>
        <source>material</source>
        <translation>材质</translation>
    </message>
    <message>
        <source>span (m)</source>
        <translation>跨径（米）</translation>
    </message>
    <message>
        <source>deck area (m²)</source>
        <translation>桥面面积（平方米）</translation>
    </message>
    <message>
        <source>rating</source>
        <translation>评级</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>chainage %1 m</source>
        <translation>桩号 %1 米</translation>
    </message>
    <message>
        <source>condition %1 of 5</source>
        <translation>状况 %1 级（共 5 级）</translation>
    </message>
    <message>
        <source>Last works cannot be read: %1</source>
        <translation>无法读取最近作业：%1</translation>
    </message>
    <message>
        <source>No works recorded on this asset.</source>
        <translation>该设施没有作业记录。</translation>
    </message>
    <message>
        <source>Last works:</source>
        <translation>最近作业：</translation>
    </message>
    <message>
        <source>(new)</source>
        <translation>（新建）</translation>
    </message>
</context>
<context>
    <name>yanghu::client::AssetTableModel</name>
    <message>
        <source>The asset list cannot be read: %1</source>
        <translation>无法读取设施列表：%1</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Chainage</source>
        <translation>桩号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Condition (1–5)</source>
        <translation>状况（1–5）</translation>
    </message>
</context>
<context>
    <name>yanghu::client::AssetsView</name>
    <message>
        <source>Code or street (Ctrl+F)</source>
        <translation>编号或街道（Ctrl+F）</translation>
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
        <source>All streets</source>
        <translation>全部街道</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>设施</translation>
    </message>
    <message>
        <source>Report a defect on this asset…</source>
        <translation>上报该设施的病害…</translation>
    </message>
    <message>
        <source>Report a defect on the chosen asset (Ctrl+D)</source>
        <translation>上报所选设施的病害（Ctrl+D）</translation>
    </message>
    <message>
        <source>Drag to move, wheel or +/− to zoom, 0 for the whole city; click an asset to choose it. Tonight&apos;s jobs are ringed in blue.</source>
        <translation>拖动平移，滚轮或 +/− 缩放，按 0 显示全市；点击设施即可选中。今晚的作业用蓝圈标出。</translation>
    </message>
    <message>
        <source>The street list cannot be read: %1</source>
        <translation>无法读取街道列表：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s)</source>
        <translation>
            <numerusform>%n 个设施</numerusform>
        </translation>
    </message>
    <message>
        <source>The map cannot be read: %1</source>
        <translation>无法读取地图：%1</translation>
    </message>
    <message>
        <source>Choose an asset in the list (Enter) or on the map (click).</source>
        <translation>请在列表中（回车）或地图上（点击）选择设施。</translation>
    </message>
</context>
<context>
    <name>yanghu::client::ConflictsView</name>
    <message>
        <source>Order %1</source>
        <translation>工单 %1</translation>
    </message>
    <message>
        <source>An order</source>
        <translation>一张工单</translation>
    </message>
    <message>
        <source>A defect report</source>
        <translation>一份病害报告</translation>
    </message>
    <message>
        <source>The office deleted this while you worked on it. Your work is kept with it; the dispatcher decides.</source>
        <translation>您施工期间办公室删除了此工单。您的工作记录已随工单保留，由调度员处理。</translation>
    </message>
    <message>
        <source>The office also changed &quot;%1&quot;; yours stands, as this is the crew&apos;s to say.</source>
        <translation>办公室也修改了“%1”；以您的为准，因为这一项由班组决定。</translation>
    </message>
    <message>
        <source>The office changed &quot;%1&quot; too; theirs stands, as it is the office&apos;s to decide.</source>
        <translation>办公室也修改了“%1”；以办公室的为准，因为这一项由办公室决定。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was changed at the same time elsewhere; yours arrived first and stands.</source>
        <translation>“%1”同时在别处被修改；您的修改先到达，以您的为准。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was changed elsewhere before your change arrived; that change stands.</source>
        <translation>在您的修改到达之前，“%1”已在别处被修改；以先到的为准。</translation>
    </message>
    <message>
        <source>Your status could not follow the order&apos;s state on the server; the rest of your edit is kept.</source>
        <translation>您设置的状态无法衔接服务器上的工单状态；其余修改已保留。</translation>
    </message>
    <message>
        <source>A line that was already sent cannot be changed; add a new line instead.</source>
        <translation>已上传的记录行不能修改；请另加一行。</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>The status you set was not accepted (%1); the rest of the edit was.</source>
        <translation>您设置的状态未被接受（%1）；其余修改已被接受。</translation>
    </message>
    <message>
        <source>The server did not accept this edit (%1). Tell the office.</source>
        <translation>服务器未接受此修改（%1）。请告知办公室。</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Conflicts and refused edits</source>
        <translation>冲突与被拒绝的修改</translation>
    </message>
    <message>
        <source>What</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>经过</translation>
    </message>
    <message>
        <source>Every edit from this laptop went through as made.</source>
        <translation>本机的所有修改均已按原样生效。</translation>
    </message>
    <message>
        <source>← Back (Esc)</source>
        <translation>← 返回（Esc）</translation>
    </message>
    <message>
        <source>&amp;Mark all as read</source>
        <translation>全部标为已读(&amp;M)</translation>
    </message>
</context>
<context>
    <name>yanghu::client::DefectReportDialog</name>
    <message>
        <source>Photos of the defect</source>
        <translation>病害照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.webp)</source>
        <translation>照片 (*.jpg *.jpeg *.png *.webp)</translation>
    </message>
    <message>
        <source>No asset with this code on this laptop.</source>
        <translation>本机没有此编号的设施。</translation>
    </message>
    <message>
        <source>Immediate hazard</source>
        <translation>紧急险情</translation>
    </message>
    <message>
        <source>Severity 4 means an immediate hazard: the site must be made safe now and the office is alerted at the next sync. Report it as an immediate hazard?</source>
        <translation>严重程度 4 表示紧急险情：必须立即进行安全处置，下次同步时将通知办公室。确定按紧急险情上报吗？</translation>
    </message>
    <message>
        <source>Not saved (%1).</source>
        <translation>未保存（%1）。</translation>
    </message>
    <message>
        <source>Report a defect</source>
        <translation>上报病害</translation>
    </message>
    <message>
        <source>&amp;Asset code:</source>
        <translation>设施编号(&amp;A)：</translation>
    </message>
    <message>
        <source>e.g. YS-00412</source>
        <translation>例如 YS-00412</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>类别(&amp;C)：</translation>
    </message>
    <message>
        <source>Se&amp;verity:</source>
        <translation>严重程度(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>说明(&amp;N)：</translation>
    </message>
    <message>
        <source>Add &amp;photos…</source>
        <translation>添加照片(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>yanghu::client::Labels</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>待排班</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>已排班</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>施工中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完工</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已验收</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Sidewalk closed</source>
        <translation>封闭人行便道</translation>
    </message>
    <message>
        <source>Lane closed</source>
        <translation>封闭车道</translation>
    </message>
    <message>
        <source>Road closed</source>
        <translation>封闭道路</translation>
    </message>
    <message>
        <source>P1 urgent</source>
        <translation>P1 紧急</translation>
    </message>
    <message>
        <source>P2 high</source>
        <translation>P2 高</translation>
    </message>
    <message>
        <source>P3 normal</source>
        <translation>P3 一般</translation>
    </message>
    <message>
        <source>P4 low</source>
        <translation>P4 低</translation>
    </message>
    <message>
        <source>Day shift</source>
        <translation>白班</translation>
    </message>
    <message>
        <source>Night shift</source>
        <translation>夜班</translation>
    </message>
    <message>
        <source>Field crew</source>
        <translation>作业班组</translation>
    </message>
    <message>
        <source>Dispatcher</source>
        <translation>调度员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Sidewalk section</source>
        <translation>人行便道段</translation>
    </message>
    <message>
        <source>Storm-drain inlet</source>
        <translation>雨水井</translation>
    </message>
    <message>
        <source>Manhole</source>
        <translation>检查井</translation>
    </message>
    <message>
        <source>Pipe</source>
        <translation>管道</translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation>桥梁</translation>
    </message>
    <message>
        <source>m² relaid</source>
        <translation>铺装面积（m²）</translation>
    </message>
    <message>
        <source>inlets cleaned</source>
        <translation>清掏雨水井（座）</translation>
    </message>
    <message>
        <source>metres dredged</source>
        <translation>疏通长度（m）</translation>
    </message>
    <message>
        <source>covers replaced</source>
        <translation>更换井盖（套）</translation>
    </message>
    <message>
        <source>assets inspected</source>
        <translation>巡查设施（处）</translation>
    </message>
    <message>
        <source>sites made safe</source>
        <translation>安全处置（处）</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <source>The end is before the start.</source>
        <translation>结束时间早于开始时间。</translation>
    </message>
    <message>
        <source>Must be more than %1 and at most %2.</source>
        <translation>必须大于 %1 且不超过 %2。</translation>
    </message>
    <message>
        <source>Must be more than %1.</source>
        <translation>必须大于 %1。</translation>
    </message>
    <message>
        <source>At most %1 characters.</source>
        <translation>最多 %1 个字符。</translation>
    </message>
    <message>
        <source>Not a usable file (%1 expected).</source>
        <translation>文件不可用（应为 %1）。</translation>
    </message>
    <message>
        <source>Not found: %1</source>
        <translation>未找到：%1</translation>
    </message>
    <message>
        <source>Not accepted (%1).</source>
        <translation>不被接受（%1）。</translation>
    </message>
    <message>
        <source>Broken pavers</source>
        <translation>步道砖破损</translation>
    </message>
    <message>
        <source>Raised tree-pit stone</source>
        <translation>树池石凸起</translation>
    </message>
    <message>
        <source>Trip hazard</source>
        <translation>绊倒隐患</translation>
    </message>
    <message>
        <source>Clogged inlet</source>
        <translation>雨水井堵塞</translation>
    </message>
    <message>
        <source>Damaged grate</source>
        <translation>雨水箅子损坏</translation>
    </message>
    <message>
        <source>Cover rattles</source>
        <translation>井盖异响</translation>
    </message>
    <message>
        <source>Cover sunken</source>
        <translation>井盖沉陷</translation>
    </message>
    <message>
        <source>Cover missing</source>
        <translation>井盖缺失</translation>
    </message>
    <message>
        <source>Pipe blocked</source>
        <translation>管道堵塞</translation>
    </message>
    <message>
        <source>Expansion joint damaged</source>
        <translation>伸缩缝损坏</translation>
    </message>
    <message>
        <source>Railing damaged</source>
        <translation>栏杆损坏</translation>
    </message>
    <message>
        <source>Deck damaged</source>
        <translation>桥面损坏</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>1 — minor</source>
        <translation>1 — 轻微</translation>
    </message>
    <message>
        <source>2 — moderate</source>
        <translation>2 — 一般</translation>
    </message>
    <message>
        <source>3 — serious</source>
        <translation>3 — 严重</translation>
    </message>
    <message>
        <source>4 — immediate hazard</source>
        <translation>4 — 紧急险情</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>已拆除</translation>
    </message>
</context>
<context>
    <name>yanghu::client::LoginDialog</name>
    <message>
        <source>Enter the server&apos;s address, e.g. http://192.168.1.10:8080.</source>
        <translation>请输入服务器地址，例如 http://192.168.1.10:8080。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address (http:// or https://, a host name and a port).</source>
        <translation>“%1”不是服务器地址（应为 http:// 或 https://、主机名和端口）。</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>The user name or the password is wrong.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>登录失败次数过多。请 %n 秒后再试。</numerusform>
        </translation>
    </message>
    <message>
        <source>The server at %1 cannot be reached. Check the address and the network.</source>
        <translation>无法连接服务器 %1。请检查地址和网络。</translation>
    </message>
    <message>
        <source>This version of Yanghu cannot talk to that server. Ask for the current version.</source>
        <translation>此版本的养护客户端无法与该服务器通信。请获取最新版本。</translation>
    </message>
    <message>
        <source>Signing in was cancelled.</source>
        <translation>登录已取消。</translation>
    </message>
    <message>
        <source>The server could not sign you in (%1).</source>
        <translation>服务器无法为您登录（%1）。</translation>
    </message>
    <message>
        <source>Sign in to Yanghu</source>
        <translation>登录养护系统</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>登录(&amp;I)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>yanghu::client::MainWindow</name>
    <message>
        <source>Yanghu — %1 (%2)</source>
        <translation>养护 — %1（%2）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>立即同步(&amp;N)</translation>
    </message>
    <message>
        <source>Send this laptop&apos;s edits and fetch the latest work</source>
        <translation>上传本机的修改并获取最新工作</translation>
    </message>
    <message>
        <source>&amp;Cancel sync</source>
        <translation>取消同步(&amp;C)</translation>
    </message>
    <message>
        <source>Stop the sync; nothing is left half-done</source>
        <translation>停止同步；不会留下半完成的数据</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>设置(&amp;E)…</translation>
    </message>
    <message>
        <source>Server address and language</source>
        <translation>服务器地址和语言</translation>
    </message>
    <message>
        <source>Sign &amp;out…</source>
        <translation>退出登录(&amp;O)…</translation>
    </message>
    <message>
        <source>Sign out of this laptop</source>
        <translation>在本机退出登录</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close Yanghu; edits stay on this laptop until they are sent</source>
        <translation>关闭养护客户端；修改保存在本机，直到上传</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ 离线</translation>
    </message>
    <message>
        <source>The server %1 answers.</source>
        <translation>服务器 %1 连接正常。</translation>
    </message>
    <message>
        <source>The server %1 cannot be reached; your work is kept on this laptop.</source>
        <translation>无法连接服务器 %1；您的工作保存在本机。</translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) to send</source>
        <translation>
            <numerusform>%n 项修改待上传</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n 个冲突</numerusform>
        </translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Sending photos… %1 of %2</source>
        <translation>正在上传照片… %1 / %2</translation>
    </message>
    <message>
        <source>Sending edits… %1 of %2</source>
        <translation>正在上传修改… %1 / %2</translation>
    </message>
    <message>
        <source>Fetching changes… %1</source>
        <translation>正在获取更新… %1</translation>
    </message>
    <message>
        <source>Synced.</source>
        <translation>同步完成。</translation>
    </message>
    <message>
        <source>The edits could not be read (%1).</source>
        <translation>无法读取修改（%1）。</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Edits not sent yet</source>
        <translation>修改尚未上传</translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) made on this laptop have not reached the server yet. Signing out now would leave them where nobody sees them.

Sync first, or export them to a file for the office and then sign out.</source>
        <translation>
            <numerusform>本机有 %n 项修改尚未上传到服务器。现在退出登录，这些修改将无人可见。

请先同步，或将修改导出为文件交给办公室，然后再退出登录。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Export and sign out…</source>
        <translation>导出并退出登录(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Keep me signed in</source>
        <translation>保持登录(&amp;K)</translation>
    </message>
    <message>
        <source>Export unsent edits</source>
        <translation>导出未上传的修改</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Wait for the sync to end, or cancel it, before changing the server.</source>
        <translation>请等待同步结束或取消同步后再更改服务器。</translation>
    </message>
    <message>
        <source>Report a &amp;defect…</source>
        <translation>上报病害(&amp;D)…</translation>
    </message>
    <message>
        <source>Report a defect on an asset (the open order&apos;s asset by default)</source>
        <translation>上报设施病害（默认为当前工单的设施）</translation>
    </message>
    <message>
        <source>&amp;Work</source>
        <translation>作业(&amp;W)</translation>
    </message>
    <message>
        <source>Defect reported; it is sent with the next sync.</source>
        <translation>病害已上报，将在下次同步时发送。</translation>
    </message>
    <message>
        <source>&amp;Conflicts and refused edits</source>
        <translation>冲突与被拒绝的修改(&amp;C)</translation>
    </message>
    <message>
        <source>What happened to edits that did not go through as made</source>
        <translation>查看未按原样生效的修改</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tonight</source>
        <translation>今晚作业(&amp;T)</translation>
    </message>
    <message>
        <source>This shift&apos;s work orders in route order</source>
        <translation>本班次的工单（按路线顺序）</translation>
    </message>
    <message>
        <source>&amp;Assets and map</source>
        <translation>设施与地图(&amp;A)</translation>
    </message>
    <message>
        <source>Every asset on this laptop, as a list and a map</source>
        <translation>本机的全部设施（列表和地图）</translation>
    </message>
</context>
<context>
    <name>yanghu::client::SyncSession</name>
    <message>
        <source>Synchronised: %1 changes sent, %2 rows received.</source>
        <translation>同步完成：已发送 %1 项修改，已接收 %2 行。</translation>
    </message>
    <message>
        <source>Synchronisation cancelled. Nothing was lost; it continues next time.</source>
        <translation>同步已取消。没有丢失任何数据，下次同步时继续。</translation>
    </message>
    <message>
        <source>Your sign-in has expired. Sign in again to synchronise; your changes are kept.</source>
        <translation>登录已过期。请重新登录后再同步；您的修改已保留。</translation>
    </message>
    <message>
        <source>This version of Yanghu cannot synchronise with the server (server protocol %1). Update the program; your unsent changes are kept.</source>
        <translation>此版本的养护无法与服务器同步（服务器协议 %1）。请更新程序；尚未发送的修改已保留。</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1). Your changes are kept and will be sent next time.</source>
        <translation>无法连接服务器（%1）。您的修改已保留，下次同步时发送。</translation>
    </message>
    <message>
        <source>The server could not complete the synchronisation (%1). Your changes are kept; try again later.</source>
        <translation>服务器未能完成同步（%1）。您的修改已保留，请稍后再试。</translation>
    </message>
    <message>
        <source>The local database could not be written (%1).</source>
        <translation>无法写入本地数据库（%1）。</translation>
    </message>
</context>
<context>
    <name>yanghu::client::TonightModel</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>交通影响</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>设施</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>工作内容</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>yanghu::client::TonightView</name>
    <message>
        <source>The work list could not be read from this laptop&apos;s copy (%1).</source>
        <translation>无法从本机副本读取工单列表（%1）。</translation>
    </message>
    <message>
        <source>%1, %2 (%3–%4)</source>
        <translation>%2 %1（%3–%4）</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>All orders</source>
        <translation>全部工单</translation>
    </message>
    <message>
        <source>Show only the orders in one state</source>
        <translation>只显示某一状态的工单</translation>
    </message>
    <message>
        <source>No work orders for your crew on this shift. After the dispatcher plans them, they arrive with the next sync.</source>
        <translation>本班次您的班组没有工单。调度员排班后，工单将在下次同步时送达。</translation>
    </message>
    <message>
        <source>No orders in this state.</source>
        <translation>没有该状态的工单。</translation>
    </message>
</context>
<context>
    <name>yanghu::client::WorkOrderView</name>
    <message>
        <source>Pause the work</source>
        <translation>暂停施工</translation>
    </message>
    <message>
        <source>Why is the work paused?</source>
        <translation>暂停原因？</translation>
    </message>
    <message>
        <source>Photos of the work</source>
        <translation>施工照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.webp)</source>
        <translation>照片 (*.jpg *.jpeg *.png *.webp)</translation>
    </message>
    <message>
        <source>← Back to tonight&apos;s list (Esc)</source>
        <translation>← 返回今晚工单列表（Esc）</translation>
    </message>
    <message>
        <source>&amp;Start work</source>
        <translation>开始施工(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause…</source>
        <translation>暂停(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续施工(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Complete</source>
        <translation>完工(&amp;C)</translation>
    </message>
    <message>
        <source>Save the form and complete the order (Ctrl+Enter)</source>
        <translation>保存表单并完工（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Add &amp;photos…</source>
        <translation>添加照片(&amp;P)…</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>设施</translation>
    </message>
    <message>
        <source>Defects</source>
        <translation>病害</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>作业说明</translation>
    </message>
    <message>
        <source>Actual times</source>
        <translation>实际时间</translation>
    </message>
    <message>
        <source>Quantities</source>
        <translation>工程量</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Labour</source>
        <translation>人工</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>计量项</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工人</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <source>Add a quantity</source>
        <translation>添加工程量</translation>
    </message>
    <message>
        <source>Add a material</source>
        <translation>添加材料</translation>
    </message>
    <message>
        <source>Add a worker</source>
        <translation>添加工人</translation>
    </message>
    <message>
        <source>%1 · %2 · traffic: %3</source>
        <translation>%1 · %2 · 交通影响：%3</translation>
    </message>
    <message>
        <source>No asset.</source>
        <translation>无设施。</translation>
    </message>
    <message>
        <source>Severity %1: %2</source>
        <translation>严重程度 %1：%2</translation>
    </message>
    <message>
        <source>None recorded.</source>
        <translation>无记录。</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <source>Line %1: </source>
        <translation>第 %1 行：</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the parts marked below.</source>
        <translation>未保存：请更正下方标出的部分。</translation>
    </message>
    <message>
        <source>This order cannot move to that state now (%1).</source>
        <translation>此工单现在不能转到该状态（%1）。</translation>
    </message>
    <message>
        <source>Nothing was saved (%1).</source>
        <translation>未保存（%1）。</translation>
    </message>
    <message>
        <source>Follows a work order that is not on this laptop: ask the dispatcher whether it is finished before you start.</source>
        <translation>前置工单不在本机上：开工前请向调度员确认它是否已完成。</translation>
    </message>
    <message>
        <source>Follows %1 (%2).</source>
        <translation>前置工单：%1（%2）。</translation>
    </message>
    <message>
        <source>Do not start before %1 is finished (it is %2).</source>
        <translation>须等 %1 完成后才能开工（目前：%2）。</translation>
    </message>
</context>
</TS>
