<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>测试人员控制台</source>
        <extracomment>the one name of the tester panel: menu, toolbar and window title</extracomment>
        <translation>Tester console</translation>
    </message>
    <message>
        <source>{title}(&amp;T)…</source>
        <translation>{title}(&amp;T)…</translation>
    </message>
    <message>
        <source>时间跳转、数据场景、故障注入、短信发件箱 ({shortcut})</source>
        <translation>Clock, data scenarios, fault injection, SMS outbox ({shortcut})</translation>
    </message>
    <message>
        <source>+30 分钟</source>
        <translation>+30 min</translation>
    </message>
    <message>
        <source>+1 小时</source>
        <translation>+1 hour</translation>
    </message>
    <message>
        <source>+1 天</source>
        <translation>+1 day</translation>
    </message>
    <message>
        <source>+7 天</source>
        <translation>+7 days</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>待发布</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <source>已发布</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>yyyy年M月d日 HH:mm</source>
        <translation>d MMM yyyy HH:mm</translation>
    </message>
    <message>
        <source>修改通知公告</source>
        <translation>Edit notice</translation>
    </message>
    <message>
        <source>发布新通知</source>
        <translation>New notice</translation>
    </message>
    <message>
        <source>定时发布(&amp;S)</source>
        <translation>&amp;Schedule</translation>
    </message>
    <message>
        <source>分类(&amp;C)</source>
        <translation>&amp;Category</translation>
    </message>
    <message>
        <source>标题(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>正文(&amp;B)</source>
        <translation>&amp;Body</translation>
    </message>
    <message>
        <source>发布时间</source>
        <translation>Publication time</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>发布</source>
        <translation>Publish</translation>
    </message>
    <message>
        <source>不勾选“定时发布”即立即发布；发布、修改、撤回都会记入审计日志。</source>
        <translation>Without &quot;Schedule&quot; the notice is published now. Publishing, editing and withdrawing are recorded in the audit log.</translation>
    </message>
    <message>
        <source>请填写标题（至少2个字）</source>
        <translation>Enter a title (at least 2 characters)</translation>
    </message>
    <message>
        <source>请填写正文</source>
        <translation>Enter the body text</translation>
    </message>
    <message>
        <source>定时发布的时间应晚于现在；要立即发布请取消“定时发布”</source>
        <translation>A scheduled time must be in the future; to publish now, untick &quot;Schedule&quot;</translation>
    </message>
    <message>
        <source>正在加载通知公告…</source>
        <translation>Loading notices…</translation>
    </message>
    <message>
        <source>发布新通知(&amp;N)…</source>
        <extracomment>who announces this panel&apos;s writes (管理 does it for its panels: it has shown them already)</extracomment>
        <translation>&amp;New notice…</translation>
    </message>
    <message>
        <source>修改(&amp;E)…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>撤回(&amp;W)…</source>
        <translation>&amp;Withdraw…</translation>
    </message>
    <message>
        <source>添加附件(&amp;T)…</source>
        <translation>A&amp;ttach file…</translation>
    </message>
    <message>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>{state} {count}</source>
        <translation>{state}: {count}</translation>
    </message>
    <message>
        <source>{name}（{size} KB）</source>
        <translation>{name} ({size} KB)</translation>
    </message>
    <message>
        <source>已于 {time} 撤回：</source>
        <translation>Withdrawn on {time}: </translation>
    </message>
    <message>
        <source>（{state}）</source>
        <translation> ({state})</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>撤回：{title}</source>
        <translation>Withdraw: {title}</translation>
    </message>
    <message>
        <source>请填写撤回原因（记入审计日志）；撤回后考生不再能查看这条通知：</source>
        <translation>Reason for withdrawing (recorded in the audit log). Examinees will no longer see this notice:</translation>
    </message>
    <message>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>添加附件</source>
        <translation>Attach file</translation>
    </message>
    <message>
        <source>附件 (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>Attachments (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>正在上传附件…</source>
        <translation>Uploading attachment…</translation>
    </message>
    <message>
        <source>服务器时钟</source>
        <translation>Server clock</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>冻结(&amp;Z)</source>
        <translation>Free&amp;ze</translation>
    </message>
    <message>
        <source>冻结：服务器时间停在设定的时刻，直到再次设置</source>
        <translation>Freeze: the server clock stays at the time set until it is set again</translation>
    </message>
    <message>
        <source>设置时间(&amp;S)</source>
        <translation>&amp;Set time</translation>
    </message>
    <message>
        <source>恢复真实时间</source>
        <translation>Back to real time</translation>
    </message>
    <message>
        <source>服务器时间前进 {step}</source>
        <translation>Move the server clock forward {step}</translation>
    </message>
    <message>
        <source>一键跳转（下一个考次的该时间点）：</source>
        <translation>Jump to (in the next exam session):</translation>
    </message>
    <message>
        <source>时钟操作失败：{reason}</source>
        <translation>Clock not changed: {reason}</translation>
    </message>
    <message>
        <source>{done}：{clock}</source>
        <translation>{done}: {clock}</translation>
    </message>
    <message>
        <source>已跳转到“{label}”</source>
        <translation>Jumped to &quot;{label}&quot;</translation>
    </message>
    <message>
        <source>时间已前进</source>
        <translation>Clock moved forward</translation>
    </message>
    <message>
        <source>时间已设置</source>
        <translation>Clock set</translation>
    </message>
    <message>
        <source>已恢复真实时间</source>
        <translation>Back to real time</translation>
    </message>
    <message>
        <source>路径前缀</source>
        <translation>Path prefix</translation>
    </message>
    <message>
        <source>故障</source>
        <translation>Fault</translation>
    </message>
    <message>
        <source>概率</source>
        <translation>Probability</translation>
    </message>
    <message>
        <source>状态码</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>方法</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>次数</source>
        <translation>Times</translation>
    </message>
    <message>
        <source>已触发</source>
        <translation>Fired</translation>
    </message>
    <message>
        <source>故障注入（不影响本控制台自身的请求）</source>
        <extracomment>queued payment notifications were delivered (orders and registrations changed)</extracomment>
        <translation>Fault injection (this console&apos;s own requests are not affected)</translation>
    </message>
    <message>
        <source> 毫秒</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>应用延迟(&amp;D)</source>
        <translation>Apply &amp;delay</translation>
    </message>
    <message>
        <source>延迟</source>
        <translation>Delay</translation>
    </message>
    <message>
        <source>± 抖动</source>
        <translation>± jitter</translation>
    </message>
    <message>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <source>不发送</source>
        <translation>none</translation>
    </message>
    <message>
        <source> 次</source>
        <translation> times</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>unlimited</translation>
    </message>
    <message>
        <source>添加规则(&amp;A)</source>
        <translation>&amp;Add rule</translation>
    </message>
    <message>
        <source>路径</source>
        <translation>Path</translation>
    </message>
    <message>
        <source>删除所选规则</source>
        <translation>Delete selected rule</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新读取故障设置和触发次数</source>
        <translation>Read the fault settings and counts again</translation>
    </message>
    <message>
        <source>清除全部故障(&amp;C)</source>
        <translation>&amp;Clear all faults</translation>
    </message>
    <message>
        <source>取消延迟、全部请求故障和支付通知故障</source>
        <translation>Remove the delay, every request fault and the payment notification faults</translation>
    </message>
    <message>
        <source>重复</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>丢失</source>
        <translation>Lose</translation>
    </message>
    <message>
        <source>乱序</source>
        <translation>Out of order</translation>
    </message>
    <message>
        <source>应用(&amp;P)</source>
        <translation>A&amp;pply</translation>
    </message>
    <message>
        <source>立即送达排队的通知</source>
        <translation>Deliver queued notifications now</translation>
    </message>
    <message>
        <source>网络延迟</source>
        <translation>Network delay</translation>
    </message>
    <message>
        <source>请求故障（按顺序匹配路径前缀，第一条命中的规则生效）：</source>
        <translation>Request faults (path prefixes matched in order; the first match applies):</translation>
    </message>
    <message>
        <source>支付平台通知：</source>
        <translation>Payment notifications:</translation>
    </message>
    <message>
        <source>故障设置失败：{reason}</source>
        <translation>Faults not changed: {reason}</translation>
    </message>
    <message>
        <source>排队等待发送的支付通知：{count} 条</source>
        <translation>Payment notifications queued: {count}</translation>
    </message>
    <message>
        <source>已添加故障规则</source>
        <translation>Fault rule added</translation>
    </message>
    <message>
        <source>已删除所选规则</source>
        <translation>Selected rule deleted</translation>
    </message>
    <message>
        <source>网络延迟已设为 {latency} ± {jitter} 毫秒</source>
        <translation>Network delay set to {latency} ± {jitter} ms</translation>
    </message>
    <message>
        <source>支付通知故障已更新</source>
        <translation>Payment notification faults updated</translation>
    </message>
    <message>
        <source>已清除全部故障</source>
        <translation>All faults cleared</translation>
    </message>
    <message numerus="yes">
        <source>已送达 %n 条支付通知</source>
        <translation>
            <numerusform>Delivered %n payment notification</numerusform>
            <numerusform>Delivered %n payment notifications</numerusform>
        </translation>
    </message>
    <message>
        <source>{title} — {url}</source>
        <extracomment>data the pages show changed here: the session-store topic (``desktop.core.store``)</extracomment>
        <translation>{title} — {url}</translation>
    </message>
    <message>
        <source>正在连接服务器…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message>
        <source>全部刷新(F5)</source>
        <translation>Refresh all (F5)</translation>
    </message>
    <message>
        <source>请填写原因（至少{count}个字）</source>
        <translation>Enter a reason (at least {count} characters)</translation>
    </message>
    <message>
        <source>更正原因（记入审计日志）：</source>
        <translation>Reason for the correction (recorded in the audit log):</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Correct</translation>
    </message>
    <message>
        <source>更正后成绩(&amp;S)</source>
        <translation>Corrected &amp;score</translation>
    </message>
    <message>
        <source>核验考生身份</source>
        <translation>Verify identity</translation>
    </message>
    <message>
        <source>请查验考生的身份证原件，并按证件输入身份证号和姓名。核验结果会记入审计日志。</source>
        <translation>Check the examinee&apos;s original ID card and type the ID number and name as printed on it. The result is recorded in the audit log.</translation>
    </message>
    <message>
        <source>身份证号(&amp;I)</source>
        <translation>&amp;ID number</translation>
    </message>
    <message>
        <source>核验</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>请输入完整的18位身份证号</source>
        <translation>Enter the full 18-character ID number</translation>
    </message>
    <message>
        <source>请输入姓名</source>
        <translation>Enter the name</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已连接 {url}（{mode}）</source>
        <translation>Connected to {url} ({mode})</translation>
    </message>
    <message>
        <source>无法读取服务器状态：{reason}</source>
        <translation>Could not read the server&apos;s state: {reason}</translation>
    </message>
    <message>
        <source>测试人员已将服务器数据库重置为场景“{scenario}”，所有登录均已结束，请重新登录。</source>
        <translation>A tester reset the server&apos;s database to the scenario &quot;{scenario}&quot;. Everyone was logged out; please log in again.</translation>
    </message>
    <message>
        <source>数据场景</source>
        <translation>Data scenario</translation>
    </message>
    <message>
        <source>场景(&amp;N)</source>
        <translation>Sce&amp;nario</translation>
    </message>
    <message>
        <source>重置数据库(&amp;R)…</source>
        <translation>&amp;Reset database…</translation>
    </message>
    <message>
        <source>数据场景操作失败：{reason}</source>
        <translation>Scenario not changed: {reason}</translation>
    </message>
    <message>
        <source>重置数据库</source>
        <translation>Reset database</translation>
    </message>
    <message>
        <source>确定将服务器数据库重置为场景“{scenario}”吗？</source>
        <translation>Reset the server&apos;s database to the scenario &quot;{scenario}&quot;?</translation>
    </message>
    <message>
        <source>服务器上的全部数据（订单、报名、修改过的资料）将被删除并重新生成，所有用户都会被退出登录。</source>
        <translation>All data on the server (orders, registrations, edited details) will be deleted and generated again, and every user will be logged out.</translation>
    </message>
    <message>
        <source>新建工作人员账号</source>
        <translation>New staff account</translation>
    </message>
    <message>
        <source>小写字母开头，3–30位小写字母、数字或下划线</source>
        <translation>3–30 lowercase letters, digits or underscores, starting with a letter</translation>
    </message>
    <message>
        <source>账号(&amp;U)</source>
        <translation>&amp;Username</translation>
    </message>
    <message>
        <source>姓名(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>角色(&amp;R)</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <source>所属市州(&amp;P)</source>
        <translation>&amp;Prefecture</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>创建后会显示一个临时密码（只显示一次），该工作人员首次登录时必须修改。</source>
        <translation>A temporary password is shown once after creating; the staff member must change it at first login.</translation>
    </message>
    <message>
        <source>请填写账号</source>
        <translation>Enter a username</translation>
    </message>
    <message>
        <source>请填写姓名</source>
        <translation>Enter a name</translation>
    </message>
    <message>
        <source>yyyy年M月d日</source>
        <translation>d MMM yyyy</translation>
    </message>
    <message>
        <source>新建账号(&amp;N)…</source>
        <extracomment>the audit log&apos;s date filter, when switched on, starts this many days before the server&apos;s today</extracomment>
        <translation>&amp;New account…</translation>
    </message>
    <message>
        <source>改为该角色(&amp;G)</source>
        <translation>Chan&amp;ge to this role</translation>
    </message>
    <message>
        <source>停用(&amp;D)</source>
        <translation>&amp;Disable</translation>
    </message>
    <message>
        <source>重置密码(&amp;P)</source>
        <translation>Reset &amp;password</translation>
    </message>
    <message>
        <source>启用(&amp;E)</source>
        <translation>&amp;Enable</translation>
    </message>
    <message>
        <source>临时密码</source>
        <translation>Temporary password</translation>
    </message>
    <message>
        <source>{name}（{username}）的临时密码：</source>
        <translation>Temporary password of {name} ({username}):</translation>
    </message>
    <message>
        <source>已为 {name}（{username}）生成临时密码。</source>
        <translation>Temporary password created for {name} ({username}).</translation>
    </message>
    <message>
        <source>已将 {name}（{username}）改为{role}。</source>
        <translation>{name} ({username}) is now {role}.</translation>
    </message>
    <message>
        <source>已启用 {name}（{username}）的账号。</source>
        <translation>Account of {name} ({username}) enabled.</translation>
    </message>
    <message>
        <source>已停用 {name}（{username}）的账号。</source>
        <translation>Account of {name} ({username}) disabled.</translation>
    </message>
    <message>
        <source>为 {name}（{username}）重置密码？
将生成一个临时密码（只显示一次），原密码随即失效，该工作人员用临时密码登录后必须立即设置新密码。</source>
        <translation>Reset the password of {name} ({username})?
A temporary password is created (shown once) and the old password stops working; after logging in with it the staff member must set a new password.</translation>
    </message>
    <message>
        <source>重置(&amp;Y)</source>
        <translation>&amp;Reset</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>未完成：{reason}</source>
        <translation>Not done: {reason}</translation>
    </message>
    <message>
        <source>工作人员账号，或 system</source>
        <translation>Username or system</translation>
    </message>
    <message>
        <source>12位准考证号</source>
        <translation>12-digit exam number</translation>
    </message>
    <message>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>日期(&amp;T)</source>
        <translation>Da&amp;tes</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>From date</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>To date</translation>
    </message>
    <message>
        <source>查询(&amp;Q)</source>
        <comment>search</comment>
        <translation>Search (&amp;Q)</translation>
    </message>
    <message>
        <source>导出CSV(&amp;E)…</source>
        <translation>&amp;Export CSV…</translation>
    </message>
    <message>
        <source>操作人(&amp;W)</source>
        <translation>&amp;Who</translation>
    </message>
    <message>
        <source>考生(&amp;X)</source>
        <translation>E&amp;xaminee</translation>
    </message>
    <message>
        <source>操作(&amp;A)</source>
        <translation>&amp;Action</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>上一页</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>共 {total} 条（第 {page}/{pages} 页）</source>
        <translation>{total} entries (page {page} of {pages})</translation>
    </message>
    <message>
        <source>加载失败</source>
        <translation>Could not load</translation>
    </message>
    <message>
        <source>审计日志_{date}.csv</source>
        <translation>audit-log_{date}.csv</translation>
    </message>
    <message>
        <source>导出审计日志</source>
        <translation>Export audit log</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export complete</translation>
    </message>
    <message>
        <source>审计日志已导出到：
{path}</source>
        <translation>The audit log was exported to:
{path}</translation>
    </message>
    <message>
        <source>管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>正在加载管理…</source>
        <translation>Loading administration…</translation>
    </message>
    <message>
        <source>工作人员账号</source>
        <comment>list of accounts</comment>
        <translation>Staff accounts</translation>
    </message>
    <message>
        <source>通知公告</source>
        <translation>Notices</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>自动识别</source>
        <translation>Detect</translation>
    </message>
    <message>
        <source>准考证号</source>
        <translation>Exam number</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>输入完整的准考证号、18位身份证号或11位手机号；姓名可只输入开头几个字；准考证号可只输入开头（至少4位）。</source>
        <translation>Enter a full exam number, 18-character ID number or 11-digit mobile number; a name or exam number may be just its beginning (an exam number at least 4 digits).</translation>
    </message>
    <message>
        <source>请先查询考生，然后在左侧列表中选择一名考生。</source>
        <translation>Search for an examinee, then choose one in the list on the left.</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>市州 / 区县</source>
        <translation>Prefecture / county</translation>
    </message>
    <message>
        <source>专业</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>主考学校</source>
        <translation>University</translation>
    </message>
    <message>
        <source>考籍状态</source>
        <translation>Record status</translation>
    </message>
    <message>
        <source>账号状态</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>身份核验</source>
        <translation>Identity check</translation>
    </message>
    <message>
        <source>柜台</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>正在打开柜台…</source>
        <translation>Opening the counter…</translation>
    </message>
    <message>
        <source>下一位考生(&amp;N)</source>
        <translation>&amp;Next examinee</translation>
    </message>
    <message>
        <source>下一位考生</source>
        <translation>Next examinee</translation>
    </message>
    <message>
        <source>清除上一位考生的全部信息，开始接待下一位 (Ctrl+N)</source>
        <translation>Clear everything about the last examinee and serve the next one (Ctrl+N)</translation>
    </message>
    <message>
        <source>准考证号 / 身份证号 / 姓名 / 手机号</source>
        <translation>Exam number / ID number / name / mobile</translation>
    </message>
    <message>
        <source>查询考生(&amp;F)</source>
        <translation>&amp;Find examinee</translation>
    </message>
    <message>
        <source>查询(&amp;S)</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>下一位考生 (Ctrl+N)</source>
        <translation>Next examinee (Ctrl+N)</translation>
    </message>
    <message>
        <source>考生信息（敏感号码已遮挡）</source>
        <translation>Examinee (sensitive numbers masked)</translation>
    </message>
    <message>
        <source>核验身份(&amp;V)…</source>
        <translation>&amp;Verify identity…</translation>
    </message>
    <message>
        <source>查看完整身份证号(&amp;I)…</source>
        <translation>Show full &amp;ID number…</translation>
    </message>
    <message>
        <source>解锁账号(&amp;U)</source>
        <translation>&amp;Unlock account</translation>
    </message>
    <message>
        <source>重置密码(&amp;P)…</source>
        <translation>Reset &amp;password…</translation>
    </message>
    <message>
        <source>打印报考回执单(&amp;R)…</source>
        <translation>Print &amp;registration receipt…</translation>
    </message>
    <message>
        <source>已缴费订单(&amp;O)</source>
        <translation>Paid &amp;order</translation>
    </message>
    <message>
        <source>打印准考证(&amp;K)…</source>
        <translation>Print admission tic&amp;ket…</translation>
    </message>
    <message>
        <source>打印成绩单(&amp;G)…</source>
        <translation>Print transcript (&amp;G)…</translation>
    </message>
    <message>
        <source>准考证只在打印开放期间可以打印；所有打印直接送往打印机，本机不保留文件。</source>
        <translation>Admission tickets can be printed only while printing is open. Everything goes straight to the printer; no file is kept on this PC.</translation>
    </message>
    <message>
        <source>成绩与免考</source>
        <translation>Results and exemptions</translation>
    </message>
    <message>
        <source>请输入要查询的内容</source>
        <translation>Enter what to search for</translation>
    </message>
    <message>
        <source>正在查询…</source>
        <comment>search</comment>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>正常</source>
        <comment>account not locked</comment>
        <translation>Normal</translation>
    </message>
    <message>
        <source>按{by}没有找到考生，请核对后重试</source>
        <translation>No examinee found by {by}; check and try again</translation>
    </message>
    <message>
        <source>按{by}找到 {total} 名考生（第 {page}/{pages} 页）</source>
        <translation>{total} examinees found by {by} (page {page} of {pages})</translation>
    </message>
    <message>
        <source>{code} {major}（{level}）</source>
        <translation>{code} {major} ({level})</translation>
    </message>
    <message>
        <source>已核验（{time} 前有效）</source>
        <translation>Verified (valid until {time})</translation>
    </message>
    <message>
        <source>未核验</source>
        <translation>Not verified</translation>
    </message>
    <message>
        <source>免考：{courses}</source>
        <translation>Exemptions: {courses}</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>{code} {course}（{basis}）</source>
        <translation>{code} {course} ({basis})</translation>
    </message>
    <message>
        <source>免考：无</source>
        <translation>Exemptions: none</translation>
    </message>
    <message>
        <source>{session} · {order} · {courses}门 · {amount}元</source>
        <translation>{session} · {order} · {courses} courses · ¥{amount}</translation>
    </message>
    <message>
        <source>没有已缴费的订单</source>
        <translation>No paid orders</translation>
    </message>
    <message>
        <source>解锁账号、重置密码前，请先核验考生身份（查验身份证原件）。</source>
        <translation>Verify the examinee&apos;s identity (original ID card) before unlocking the account or resetting the password.</translation>
    </message>
    <message>
        <source>已锁定（至 {time}）</source>
        <translation>Locked (until {time})</translation>
    </message>
    <message>
        <source>临时密码待修改</source>
        <translation>temporary password to be changed</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>请先核验身份</source>
        <translation>Verify identity first</translation>
    </message>
    <message>
        <source>请先核验考生身份，再办理该业务。</source>
        <translation>Verify the examinee&apos;s identity first, then do this.</translation>
    </message>
    <message>
        <source>查看完整身份证号</source>
        <translation>Show full ID number</translation>
    </message>
    <message>
        <source>查看完整身份证号会记入审计日志。请填写查看原因（例如：考生本人核对报名信息）：</source>
        <translation>Showing the full ID number is recorded in the audit log. Enter the reason (for example: the examinee is checking the registration details):</translation>
    </message>
    <message>
        <source>查看</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>完整身份证号</source>
        <translation>Full ID number</translation>
    </message>
    <message>
        <source>身份证号：</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <source>关闭本窗口后号码不再显示。</source>
        <translation>The number is no longer shown once this window is closed.</translation>
    </message>
    <message>
        <source>解锁账号</source>
        <translation>Unlock account</translation>
    </message>
    <message>
        <source>账号已解锁，考生现在可以登录。</source>
        <translation>The account is unlocked; the examinee can log in now.</translation>
    </message>
    <message>
        <source>为考生 {name} 重置密码？
将生成一个临时密码，考生用它登录后必须立即设置新密码；考生在其他设备上的登录会退出。</source>
        <translation>Reset the password of {name}?
A temporary password is created; after logging in with it the examinee must set a new password at once. The examinee is logged out on other devices.</translation>
    </message>
    <message>
        <source>重置</source>
        <translation>Reset</translation>
    </message>
    <message>
        <source>取消</source>
        <extracomment>the errors that refuse what was typed (shown at the fields); anything else is trouble</extracomment>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>临时密码（只显示这一次）：</source>
        <translation>Temporary password (shown only this once):</translation>
    </message>
    <message>
        <source>正在重置数据库…</source>
        <translation>Resetting the database…</translation>
    </message>
    <message>
        <source>已重置为“{scenario}”：{examinees} 名考生，结束了 {sessions} 个登录。</source>
        <translation>Reset to &quot;{scenario}&quot;: {examinees} examinees, {sessions} logins ended.</translation>
    </message>
    <message>
        <source>重置数据库失败</source>
        <translation>Database not reset</translation>
    </message>
    <message>
        <source>找回密码</source>
        <translation>Password reset</translation>
    </message>
    <message>
        <source>更换手机号</source>
        <translation>Phone change</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>用途</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>验证码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>待审核</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>审核中</source>
        <translation>In review</translation>
    </message>
    <message>
        <source>通过</source>
        <comment>review status</comment>
        <translation>Approved</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>不通过</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>{name}（准考证号 {exam_no}，{prefecture}）</source>
        <extracomment>who applied, in the detail pane</extracomment>
        <translation>{name} (exam number {exam_no}, {prefecture})</translation>
    </message>
    <message>
        <source>更正后姓名</source>
        <extracomment>captions of the application data fields (services/records.py&apos;s ``*Data``)</extracomment>
        <translation>Corrected name</translation>
    </message>
    <message>
        <source>更正后身份证号</source>
        <translation>Corrected ID number</translation>
    </message>
    <message>
        <source>更正后性别</source>
        <translation>Corrected gender</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>免考课程</source>
        <translation>Exempted course</translation>
    </message>
    <message>
        <source>免考依据</source>
        <translation>Basis for exemption</translation>
    </message>
    <message>
        <source>对方省份代码</source>
        <translation>Other province&apos;s code</translation>
    </message>
    <message>
        <source>对方准考证号</source>
        <translation>Other province&apos;s exam number</translation>
    </message>
    <message>
        <source>已合格课程数</source>
        <translation>Courses passed</translation>
    </message>
    <message>
        <source>转入课程</source>
        <translation>Courses transferred in</translation>
    </message>
    <message>
        <source>转入县区代码</source>
        <translation>County code (transfer in)</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>{kind}：{summary}（准考证号 {exam_no}）</source>
        <translation>{kind}: {summary} (exam number {exam_no})</translation>
    </message>
    <message>
        <source>申请编号</source>
        <translation>Application no.</translation>
    </message>
    <message>
        <source>申请类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>免考学分上限</source>
        <translation>Exemption credit limit</translation>
    </message>
    <message>
        <source>审核意见</source>
        <translation>Reviewer&apos;s comment</translation>
    </message>
    <message>
        <source>请注意</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>申请内容</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>办理记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>：{comment}</source>
        <translation>: {comment}</translation>
    </message>
    <message>
        <source>简历 {number}</source>
        <translation>Resume {number}</translation>
    </message>
    <message>
        <source>{start}—{end} {unit} {role}</source>
        <translation>{start}–{end} {unit} {role}</translation>
    </message>
    <message>
        <source>至今</source>
        <translation>to date</translation>
    </message>
    <message>
        <source>自我鉴定</source>
        <translation>Self-assessment</translation>
    </message>
    <message>
        <source>未上传</source>
        <translation>not uploaded</translation>
    </message>
    <message>
        <source>开始审核(&amp;S)</source>
        <translation>&amp;Start review</translation>
    </message>
    <message>
        <source>通过(&amp;A)</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <source>通过后考籍记录随即按申请修改，考生会看到结果；此操作不能撤销。</source>
        <translation>Once approved, the record is changed as applied for and the examinee sees the result. This cannot be undone.</translation>
    </message>
    <message>
        <source>退回修改(&amp;B)</source>
        <translation>Return for changes (&amp;B)</translation>
    </message>
    <message>
        <source>不通过(&amp;J)</source>
        <translation>Re&amp;ject</translation>
    </message>
    <message>
        <source>成绩复核</source>
        <translation>Score reviews</translation>
    </message>
    <message>
        <source>待复核</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>复核中</source>
        <translation>In review</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>原成绩 </source>
        <extracomment>the summary&apos;s words before the original score (the correction dialog starts from it)</extracomment>
        <translation>original score </translation>
    </message>
    <message>
        <source>准考证号 {exam_no} · {session} {code} {course} · {original}{score} · {due}前答复</source>
        <translation>Exam number {exam_no} · {session} {code} {course} · {original}{score} · answer by {due}</translation>
    </message>
    <message>
        <source>开始复核(&amp;S)</source>
        <translation>&amp;Start review</translation>
    </message>
    <message>
        <source>维持原成绩(&amp;K)</source>
        <translation>&amp;Keep score</translation>
    </message>
    <message>
        <source>复核结论为维持原成绩，考生会收到答复，复核随即结束；此操作不能撤销。</source>
        <translation>The review ends with the score kept; the examinee gets the answer. This cannot be undone.</translation>
    </message>
    <message>
        <source>更正成绩(&amp;C)…</source>
        <translation>&amp;Correct score…</translation>
    </message>
    <message>
        <source>短信发件箱（模拟）</source>
        <translation>SMS outbox (simulated)</translation>
    </message>
    <message>
        <source>刷新短信(&amp;M)</source>
        <translation>Refresh &amp;messages</translation>
    </message>
    <message>
        <source>短信读取失败：{reason}</source>
        <translation>Could not read the messages: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 条（最新在上）</source>
        <translation>
            <numerusform>%n message (newest first)</numerusform>
            <numerusform>%n messages (newest first)</numerusform>
        </translation>
    </message>
    <message>
        <source>还没有发出短信</source>
        <translation>No messages sent yet</translation>
    </message>
    <message>
        <source>错误响应（可带 Retry-After）</source>
        <translation>Error response (Retry-After optional)</translation>
    </message>
    <message>
        <source>断开连接（请求未处理）</source>
        <translation>Disconnect (request not handled)</translation>
    </message>
    <message>
        <source>处理后断开（已处理，回应丢失）</source>
        <translation>Disconnect after handling (answer lost)</translation>
    </message>
    <message>
        <source>错误响应</source>
        <extracomment>short names for the rule table</extracomment>
        <translation>Error response</translation>
    </message>
    <message>
        <source>断开（未处理）</source>
        <translation>Disconnect (not handled)</translation>
    </message>
    <message>
        <source>处理后断开</source>
        <translation>Disconnect after handling</translation>
    </message>
    <message>
        <source>演示模式</source>
        <translation>demo mode</translation>
    </message>
    <message>
        <source>测试模式</source>
        <translation>test mode</translation>
    </message>
    <message>
        <source>生产模式</source>
        <translation>production mode</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>该服务器没有测试人员接口（生产模式）。请连接演示或测试模式的服务器。</source>
        <extracomment>paths a tester picks most often (typed paths work too)</extracomment>
        <translation>This server has no tester interface (production mode). Connect to a server in demo or test mode.</translation>
    </message>
    <message>
        <source>移动时间后，服务器上已登录的会话可能因超时而结束（需重新登录）。</source>
        <translation>After moving the clock, sessions on the server may time out (log in again).</translation>
    </message>
    <message>
        <source>{when}（真实时间）</source>
        <translation>{when} (real time)</translation>
    </message>
    <message>
        <source>{when}（模拟时间，已冻结）</source>
        <translation>{when} (simulated, frozen)</translation>
    </message>
    <message>
        <source>{when}（模拟时间，运行中）</source>
        <translation>{when} (simulated, running)</translation>
    </message>
    <message>
        <source>{label}：数据库中没有此后的考次（请先重置数据库）</source>
        <translation>{label}: no later exam session in the database (reset the database first)</translation>
    </message>
    <message>
        <source>{label}（{session}）：{time}</source>
        <translation>{label} ({session}): {time}</translation>
    </message>
    <message>
        <source>{seconds} 秒</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{times}（剩{remaining}）</source>
        <translation>{times} ({remaining} left)</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>考生</source>
        <translation>Examinee</translation>
    </message>
    <message>
        <source>到达时间</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>进入时间</source>
        <translation>Admitted</translation>
    </message>
    <message>
        <source>排队中</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>已进入</source>
        <translation>Admitted</translation>
    </message>
    <message>
        <source>排队（虚拟等候室）</source>
        <translation>Queue (virtual waiting room)</translation>
    </message>
    <message>
        <source>容量 </source>
        <translation>Capacity </translation>
    </message>
    <message>
        <source> 人</source>
        <translation> people</translation>
    </message>
    <message>
        <source>设置容量</source>
        <translation>Set capacity</translation>
    </message>
    <message>
        <source>加入模拟排队考生</source>
        <translation>Add simulated examinees</translation>
    </message>
    <message>
        <source>清空队列</source>
        <translation>Empty queue</translation>
    </message>
    <message>
        <source>刷新队列</source>
        <translation>Refresh queue</translation>
    </message>
    <message numerus="yes">
        <source>已清空队列：释放 %n 个位置</source>
        <translation>
            <numerusform>Queue emptied: %n place freed</numerusform>
            <numerusform>Queue emptied: %n places freed</numerusform>
        </translation>
    </message>
    <message>
        <source>排队：容量 {capacity} 人，排队 {waiting} 人</source>
        <translation>Queue: capacity {capacity}, {waiting} waiting</translation>
    </message>
    <message>
        <source>排队设置失败：{reason}</source>
        <translation>Queue not changed: {reason}</translation>
    </message>
    <message>
        <source>已进入 {active} / {capacity} 人，排队 {waiting} 人（其中模拟 {simulated} 人），平均办理 {seconds} 秒</source>
        <translation>Admitted {active} / {capacity}, {waiting} waiting ({simulated} simulated), average visit {seconds} s</translation>
    </message>
    <message>
        <source>模拟考生</source>
        <translation>Simulated examinee</translation>
    </message>
    <message>
        <source>考生（编号 {id}）</source>
        <translation>Examinee (no. {id})</translation>
    </message>
    <message>
        <source>重试(&amp;T)</source>
        <translation>&amp;Try again</translation>
    </message>
    <message>
        <source>正在提交…</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <source>JPEG、PNG图片或PDF文件，每个不超过{mb}MB</source>
        <translation>JPEG or PNG images or PDF files, up to {mb} MB each</translation>
    </message>
    <message>
        <source>证明材料 (*.jpg *.jpeg *.png *.pdf);;所有文件 (*)</source>
        <translation>Supporting documents (*.jpg *.jpeg *.png *.pdf);;All files (*)</translation>
    </message>
    <message>
        <source>文件不能上传</source>
        <translation>The file cannot be uploaded</translation>
    </message>
    <message>
        <source>无法读取该文件：{reason}</source>
        <translation>Could not read the file: {reason}</translation>
    </message>
    <message>
        <source>证明材料</source>
        <translation>Supporting documents</translation>
    </message>
    <message>
        <source>{title}：</source>
        <translation>{title}:</translation>
    </message>
    <message>
        <source>将文件拖到这里，或点击“添加文件”。{rules}</source>
        <translation>Drop files here or click &quot;Add file&quot;. {rules}</translation>
    </message>
    <message>
        <source>添加文件(&amp;F)…</source>
        <translation>Add &amp;file…</translation>
    </message>
    <message>
        <source>移除(&amp;V)</source>
        <translation>Remo&amp;ve</translation>
    </message>
    <message>
        <source>已上传的证明材料</source>
        <translation>Uploaded documents</translation>
    </message>
    <message>
        <source>无预览</source>
        <translation>No preview</translation>
    </message>
    <message>
        <source>正在上传 %p%</source>
        <translation>Uploading %p%</translation>
    </message>
    <message>
        <source>图片</source>
        <translation>image</translation>
    </message>
    <message>
        <source>{name}（{kind}，{size}）</source>
        <translation>{name} ({kind}, {size})</translation>
    </message>
    <message>
        <source>选择证明材料</source>
        <translation>Choose a supporting document</translation>
    </message>
    <message>
        <source>最多上传{count}个文件，请先移除不需要的文件</source>
        <translation>Up to {count} files; remove the ones not needed first</translation>
    </message>
    <message>
        <source>服务器未接受该文件：{reason}</source>
        <translation>The server did not accept the file: {reason}</translation>
    </message>
    <message>
        <source>PDF文件
（无预览）</source>
        <translation>PDF file
(no preview)</translation>
    </message>
    <message>
        <source>正在加载预览…</source>
        <translation>Loading preview…</translation>
    </message>
    <message>
        <source>无法加载预览</source>
        <translation>Could not load the preview</translation>
    </message>
    <message>
        <source>请勿刷新或重复登录，轮到您时自动进入</source>
        <translation>Please do not refresh or log in again; you will be let in automatically when it is your turn</translation>
    </message>
    <message>
        <source>即将轮到您（不到 1 分钟）</source>
        <extracomment>a poll goes out this much later than the interval asked for, at random (never sooner) after a lost connection the pause doubles up to this (the server keeps the place 5 minutes)</extracomment>
        <translation>Almost your turn (less than 1 minute)</translation>
    </message>
    <message>
        <source>约 {hours} 小时 {minutes} 分</source>
        <translation>about {hours} h {minutes} min</translation>
    </message>
    <message>
        <source>约 {minutes} 分 {seconds} 秒</source>
        <translation>about {minutes} min {seconds} s</translation>
    </message>
    <message>
        <source>您是下一位</source>
        <translation>You are next</translation>
    </message>
    <message numerus="yes">
        <source>前面还有 %n 人</source>
        <translation>
            <numerusform>%n person ahead of you</numerusform>
            <numerusform>%n people ahead of you</numerusform>
        </translation>
    </message>
    <message>
        <source>当前访问人数较多，您正在排队</source>
        <translation>Many people are using the service; you are in the queue</translation>
    </message>
    <message>
        <source>离开队列(&amp;L)</source>
        <translation>&amp;Leave queue</translation>
    </message>
    <message>
        <source>排队凭证签发于 {time}</source>
        <translation>Queue ticket issued at {time}</translation>
    </message>
    <message>
        <source>预计等待：{wait}</source>
        <translation>Estimated wait: {wait}</translation>
    </message>
    <message>
        <source>网络连接中断，正在重新连接。您的排队位置会保留，请勿关闭程序</source>
        <translation>Connection lost, reconnecting. Your place in the queue is kept; please do not close the program</translation>
    </message>
    <message>
        <source>正在离开队列…</source>
        <translation>Leaving the queue…</translation>
    </message>
    <message>
        <source>未能离开队列：{reason}。您仍在排队中</source>
        <translation>Could not leave the queue: {reason}. You are still in the queue</translation>
    </message>
    <message>
        <source>湖南自考自助服务</source>
        <translation>Hunan Self-Study Exams</translation>
    </message>
    <message>
        <source>“{title}”</source>
        <translation>&quot;{title}&quot;</translation>
    </message>
    <message>
        <source>页面</source>
        <translation>the page</translation>
    </message>
    <message>
        <source>轮到您了</source>
        <translation>It is your turn</translation>
    </message>
    <message>
        <source>已进入{where}，请回到程序继续办理</source>
        <translation>You are in {where}; return to the program to continue</translation>
    </message>
    <message>
        <source>yyyy年M月d日 dddd</source>
        <translation>dddd d MMM yyyy</translation>
    </message>
    <message>
        <source>证明预约</source>
        <translation>Certificate bookings</translation>
    </message>
    <message>
        <source>正在加载证明预约…</source>
        <translation>Loading appointments…</translation>
    </message>
    <message>
        <source>考籍证明预约</source>
        <translation>Record certificate booking</translation>
    </message>
    <message>
        <source>日期(&amp;D)</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>今天(&amp;T)</source>
        <translation>&amp;Today</translation>
    </message>
    <message>
        <source>标记已办理(&amp;S)</source>
        <translation>Mark as &amp;served</translation>
    </message>
    <message>
        <source>请先查验考生身份证原件，交付考籍证明后再标记已办理；只能标记当天的预约。</source>
        <translation>Check the examinee&apos;s original ID card and hand over the certificate before marking it served; only today&apos;s appointments can be marked.</translation>
    </message>
    <message>
        <source>考籍证明预约 · {office}</source>
        <translation>Record certificate appointments · {office}</translation>
    </message>
    <message>
        <source>共 {total} 个预约：待办理 {waiting}，已办理 {served}</source>
        <translation>{total} appointments: {waiting} waiting, {served} served</translation>
    </message>
    <message>
        <source>{name}（准考证号 {exam_no}）的预约 {number}：
{day} {half}

确认已查验身份证原件并交付考籍证明？标记后不能撤销。</source>
        <translation>Appointment {number} of {name} (exam number {exam_no}):
{day} {half}

Original ID card checked and certificate handed over? This cannot be undone.</translation>
    </message>
    <message>
        <source>标记已办理</source>
        <translation>Mark as served</translation>
    </message>
    <message>
        <source>标记已办理(&amp;Y)</source>
        <translation>Mark as &amp;served</translation>
    </message>
    <message>
        <source>已办理：{name}（预约号 {number}）的考籍证明已交付。</source>
        <translation>Served: certificate handed to {name} (appointment {number}).</translation>
    </message>
    <message>
        <source>未办理：{reason}</source>
        <translation>Not done: {reason}</translation>
    </message>
    <message>
        <source>通过后申请人会看到结果；此操作不能撤销。</source>
        <extracomment>what an approval does that cannot be undone (asked once, with the applicant&apos;s name)</extracomment>
        <translation>Once approved, the applicant sees the result. This cannot be undone.</translation>
    </message>
    <message>
        <source>新生报名审核</source>
        <extracomment>every queue of the console, in order: one entry per queue</extracomment>
        <translation>New enrolments</translation>
    </message>
    <message>
        <source>信息更正</source>
        <comment>review queue</comment>
        <translation>Corrections</translation>
    </message>
    <message>
        <source>免考</source>
        <comment>review queue</comment>
        <translation>Exemptions</translation>
    </message>
    <message>
        <source>转考</source>
        <translation>Transfers</translation>
    </message>
    <message>
        <source>毕业申请初审</source>
        <translation>Graduation: first review</translation>
    </message>
    <message>
        <source>初审通过(&amp;A)</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <source>初审不通过(&amp;J)</source>
        <translation>Re&amp;ject</translation>
    </message>
    <message>
        <source>毕业申请终审</source>
        <translation>Graduation: final review</translation>
    </message>
    <message>
        <source>终审通过(&amp;A)</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <source>终审通过后即制作毕业证书，申请人会看到结果；此操作不能撤销。</source>
        <translation>Once approved, the diploma is made and the applicant sees the result. This cannot be undone.</translation>
    </message>
    <message>
        <source>毕业证书发放</source>
        <translation>Diploma handover</translation>
    </message>
    <message>
        <source>证书已发放(&amp;A)</source>
        <translation>Diploma h&amp;anded over</translation>
    </message>
    <message>
        <source>将登记毕业证书已交到申请人手中，申请随即办结；此操作不能撤销。</source>
        <translation>Records that the diploma was handed to the applicant; the application is then closed. This cannot be undone.</translation>
    </message>
    <message>
        <source>毕业现场确认</source>
        <extracomment>the clerk&apos;s queue: the on-site check of graduation applications (originals seen at the counter)</extracomment>
        <translation>Graduation: on-site check</translation>
    </message>
    <message>
        <source>现场确认通过(&amp;A)</source>
        <translation>&amp;Approve on-site check</translation>
    </message>
    <message>
        <source>确认已核对申请人的原件，申请随即送终审；此操作不能撤销。</source>
        <translation>Confirms that the applicant&apos;s originals were checked; the application goes to final review. This cannot be undone.</translation>
    </message>
    <message>
        <source>通过</source>
        <comment>decision</comment>
        <translation>Approve</translation>
    </message>
    <message>
        <source>退回</source>
        <comment>decision</comment>
        <translation>Return</translation>
    </message>
    <message>
        <source>不通过</source>
        <comment>decision</comment>
        <translation>Reject</translation>
    </message>
    <message>
        <source>更正成绩</source>
        <translation>Correct score</translation>
    </message>
    <message>
        <source>审核队列</source>
        <translation>Review queue</translation>
    </message>
    <message>
        <source>正在加载审核队列…</source>
        <translation>Loading review queues…</translation>
    </message>
    <message>
        <source>状态(&amp;T)</source>
        <extracomment>the queues this page lists</extracomment>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <source>姓名或编号</source>
        <translation>Name or number</translation>
    </message>
    <message>
        <source>筛选(&amp;F)</source>
        <translation>&amp;Filter</translation>
    </message>
    <message>
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>证明材料(&amp;M)</source>
        <translation>Docu&amp;ments</translation>
    </message>
    <message>
        <source>查看(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>另存为(&amp;E)…</source>
        <translation>Sav&amp;e as…</translation>
    </message>
    <message>
        <source>共 {total} 件（第 {page}/{pages} 页）</source>
        <translation>{total} items (page {page} of {pages})</translation>
    </message>
    <message>
        <source>{queue}（待审 {pending}）</source>
        <translation>{queue} ({pending})</translation>
    </message>
    <message>
        <source>{status}（{count}）</source>
        <translation>{status} ({count})</translation>
    </message>
    <message>
        <source>请先点击“{action}”</source>
        <translation>Click &quot;{action}&quot; first</translation>
    </message>
    <message>
        <source>{kind} 文件 (*.{suffix})</source>
        <translation>{kind} files (*.{suffix})</translation>
    </message>
    <message>
        <source>另存证明材料</source>
        <translation>Save document</translation>
    </message>
    <message>
        <source>{what}：{name}</source>
        <translation>{what}: {name}</translation>
    </message>
    <message>
        <source>{what}：{name}（{reference}）
{summary}

{consequence}</source>
        <translation>{what}: {name} ({reference})
{summary}

{consequence}</translation>
    </message>
    <message>
        <source>请填写{what}的原因，申请人会看到它：</source>
        <translation>Reason ({what}); the applicant will see it:</translation>
    </message>
    <message>
        <source>已{action}：{name}（{reference}），现为“{status}”。</source>
        <translation>{action}: {name} ({reference}), now &quot;{status}&quot;.</translation>
    </message>
    <message>
        <source>现场确认</source>
        <translation>On-site check</translation>
    </message>
    <message>
        <source>正在加载现场确认…</source>
        <translation>Loading on-site checks…</translation>
    </message>
    <message>
        <source>柜台电脑在 {time}（北京时间）之前不下载更新，下班后再检查。</source>
        <translation>Counter PCs download no update before {time} (Beijing time) and check again after closing time.</translation>
    </message>
    <message>
        <source>柜台电脑登录后即检查更新（不推迟）。</source>
        <translation>Counter PCs check for updates right after login (not deferred).</translation>
    </message>
    <message>
        <source>软件更新</source>
        <translation>Software update</translation>
    </message>
    <message>
        <source>柜台电脑的更新推迟到下班后(&amp;F)</source>
        <translation>De&amp;fer updates on counter PCs until closing time</translation>
    </message>
    <message>
        <source>例如 17:30</source>
        <translation>for example 17:30</translation>
    </message>
    <message>
        <source>保存(&amp;O)</source>
        <translation>Save p&amp;olicy</translation>
    </message>
    <message>
        <source>（北京时间，24小时制）</source>
        <translation>(Beijing time, 24-hour clock)</translation>
    </message>
    <message>
        <source>下班时间(&amp;H)</source>
        <translation>C&amp;losing time</translation>
    </message>
    <message>
        <source>（{when} 修改）</source>
        <translation>(changed {when})</translation>
    </message>
    <message>
        <source>请填写下班时间，例如 17:30</source>
        <translation>Enter the closing time, for example 17:30</translation>
    </message>
    <message>
        <source>已保存：{what}</source>
        <translation>Saved: {what}</translation>
    </message>
</context>
</TS>
