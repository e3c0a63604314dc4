<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>正在启动内置服务…</source>
        <translation>Starting the built-in service…</translation>
    </message>
    <message>
        <source>服务器时间已调整，验证码已更新，请按新图片输入。</source>
        <translation>The server&apos;s time has changed, so a new captcha was loaded. Please type the new image.</translation>
    </message>
    <message>
        <source>验证码已过期，已自动换一张新的，请输入新图片中的字符后再登录。</source>
        <translation>The captcha expired and a new one was loaded. Type the characters in the new image, then log in.</translation>
    </message>
    <message>
        <source>准考证号或身份证号(&amp;A)</source>
        <translation>Ex&amp;am number or ID number</translation>
    </message>
    <message>
        <source>工作人员账号(&amp;A)</source>
        <translation>Staff &amp;account</translation>
    </message>
    <message>
        <source>12位准考证号或18位身份证号</source>
        <translation>12-digit exam number or 18-character ID number</translation>
    </message>
    <message>
        <source>工作人员账号</source>
        <comment>login field</comment>
        <translation>Staff account</translation>
    </message>
    <message>
        <source>考生</source>
        <translation>Examinee</translation>
    </message>
    <message>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>报名待审核</source>
        <translation>Application pending review</translation>
    </message>
    <message>
        <source>请输入准考证号或身份证号</source>
        <translation>Enter your exam number or ID number</translation>
    </message>
    <message>
        <source>请输入工作人员账号</source>
        <translation>Enter your staff account</translation>
    </message>
    <message>
        <source>工作人员账号不能超过40个字符</source>
        <translation>A staff account can have at most 40 characters</translation>
    </message>
    <message>
        <source>请输入12位准考证号或18位身份证号</source>
        <translation>Enter a 12-digit exam number or an 18-character ID number</translation>
    </message>
    <message>
        <source>请输入图片中的验证码</source>
        <translation>Enter the captcha shown in the image</translation>
    </message>
    <message>
        <source>验证码应为{CAPTCHA_LENGTH}个字母或数字</source>
        <translation>The captcha has {CAPTCHA_LENGTH} letters or digits</translation>
    </message>
    <message>
        <source>换一张(&amp;R)</source>
        <translation>New image (&amp;R)</translation>
    </message>
    <message>
        <source>右图中的4个字符</source>
        <translation>The 4 characters in the image</translation>
    </message>
    <message>
        <source>加载中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>看不清？点击换一张</source>
        <translation>Hard to read? Click for a new one</translation>
    </message>
    <message>
        <source>换一张验证码图片</source>
        <translation>Show a new captcha image</translation>
    </message>
    <message>
        <source>验证码还没有加载出来，请稍候或点击“换一张”</source>
        <translation>The captcha has not loaded yet. Wait a moment or click &quot;New image&quot;</translation>
    </message>
    <message>
        <source>图片无法显示</source>
        <translation>Image cannot be shown</translation>
    </message>
    <message>
        <source>加载失败
点击重试</source>
        <translation>Loading failed
Click to retry</translation>
    </message>
    <message>
        <source>验证码加载失败：{user_message}</source>
        <translation>The captcha could not be loaded: {user_message}</translation>
    </message>
    <message>
        <source>登录 — 湖南自考自助服务</source>
        <translation>Log in — Hunan Self-Study Exams</translation>
    </message>
    <message>
        <source>湖南省高等教育自学考试
考生自助服务系统</source>
        <translation>Hunan Higher Education Self-Study Examinations
Examinee Self-Service</translation>
    </message>
    <message>
        <source>考生登录(&amp;K)</source>
        <translation>Examinee login (&amp;K)</translation>
    </message>
    <message>
        <source>工作人员登录(&amp;S)</source>
        <translation>&amp;Staff login</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>密码(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>验证码(&amp;C)</source>
        <translation>&amp;Captcha</translation>
    </message>
    <message>
        <source>登录(&amp;L)</source>
        <translation>&amp;Log in</translation>
    </message>
    <message>
        <source>忘记密码(&amp;F)</source>
        <translation>&amp;Forgot password</translation>
    </message>
    <message>
        <source>新生报名(&amp;E)</source>
        <translation>N&amp;ew student sign-up</translation>
    </message>
    <message>
        <source>设置(&amp;G)</source>
        <translation>Settin&amp;gs</translation>
    </message>
    <message>
        <source>界面语言、高对比度</source>
        <translation>Language, high contrast</translation>
    </message>
    <message>
        <source>演示账号（双击或回车填入账号）</source>
        <translation>Demo accounts (double-click or press Enter to fill in)</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>正在加载演示账号…</source>
        <translation>Loading demo accounts…</translation>
    </message>
    <message>
        <source>请输入密码</source>
        <translation>Enter your password</translation>
    </message>
    <message>
        <source>正在登录…</source>
        <translation>Logging in…</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>演示账号的密码：</source>
        <translation>Demo account passwords: </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>没有演示账号</source>
        <translation>No demo accounts</translation>
    </message>
    <message>
        <source>演示账号加载失败：{user_message}</source>
        <translation>Demo accounts could not be loaded: {user_message}</translation>
    </message>
    <message>
        <source>密码已重置，请用新密码登录</source>
        <translation>Your password has been reset. Log in with the new password</translation>
    </message>
    <message>
        <source>报名成功，您的准考证号为 {exam_no}，请用准考证号或身份证号登录</source>
        <translation>Sign-up complete. Your exam number is {exam_no}. Log in with your exam number or ID number</translation>
    </message>
    <message>
        <source>报名已提交（报名号 {application_no}），审核通过后即可登录</source>
        <translation>Sign-up submitted (application number {application_no}). You can log in once it is approved</translation>
    </message>
    <message>
        <source>8–64位，须同时包含字母和数字，不能使用过于常见的密码</source>
        <translation>8–64 characters with both letters and digits; very common passwords are not allowed</translation>
    </message>
    <message>
        <source>请输入准考证号</source>
        <translation>Enter your exam number</translation>
    </message>
    <message>
        <source>准考证号应为12位数字</source>
        <translation>The exam number has 12 digits</translation>
    </message>
    <message>
        <source>请输入身份证号</source>
        <translation>Enter your ID number</translation>
    </message>
    <message>
        <source>忘记密码</source>
        <translation>Forgot password</translation>
    </message>
    <message>
        <source>请填写报名时登记的准考证号、身份证号和手机号，短信验证码将发送到登记的手机号。</source>
        <translation>Enter the exam number, ID number and mobile number you gave when signing up. A text message code will be sent to that mobile number.</translation>
    </message>
    <message>
        <source>12位数字</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <source>18位身份证号</source>
        <translation>18-character ID number</translation>
    </message>
    <message>
        <source>报名时登记的11位手机号</source>
        <translation>The 11-digit mobile number you signed up with</translation>
    </message>
    <message>
        <source>获取验证码(&amp;G)</source>
        <translation>&amp;Get code</translation>
    </message>
    <message>
        <source>6位数字</source>
        <translation>6 digits</translation>
    </message>
    <message>
        <source>再输入一次新密码</source>
        <translation>Enter the new password again</translation>
    </message>
    <message>
        <source>第一步：核对身份</source>
        <translation>Step 1: Confirm who you are</translation>
    </message>
    <message>
        <source>准考证号(&amp;E)</source>
        <translation>&amp;Exam number</translation>
    </message>
    <message>
        <source>身份证号(&amp;I)</source>
        <translation>&amp;ID number</translation>
    </message>
    <message>
        <source>注册手机号(&amp;M)</source>
        <translation>Registered &amp;mobile</translation>
    </message>
    <message>
        <source>第二步：设置新密码</source>
        <translation>Step 2: Choose a new password</translation>
    </message>
    <message>
        <source>短信验证码(&amp;S)</source>
        <translation>Text me&amp;ssage code</translation>
    </message>
    <message>
        <source>新密码(&amp;N)</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <source>确认新密码(&amp;A)</source>
        <translation>Confirm new p&amp;assword</translation>
    </message>
    <message>
        <source>重置密码(&amp;R)</source>
        <translation>&amp;Reset password</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在发送…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>请输入短信中的6位数字验证码</source>
        <translation>Enter the 6-digit code from the text message</translation>
    </message>
    <message>
        <source>短信验证码应为6位数字</source>
        <translation>The text message code has 6 digits</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords do not match</translation>
    </message>
    <message>
        <source>正在提交…</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <source>请输入注册手机号</source>
        <translation>Enter your registered mobile number</translation>
    </message>
    <message>
        <source>重新获取（{countdown}秒）</source>
        <translation>Resend ({countdown} s)</translation>
    </message>
    <message>
        <source>重新获取验证码(&amp;G)</source>
        <translation>Resend code (&amp;G)</translation>
    </message>
    <message>
        <source>密码已重置</source>
        <translation>Password reset</translation>
    </message>
    <message>
        <source>JPEG（.jpg）格式，{width}×{height}像素（宽×高），浅蓝色背景，不超过{max_kb}KB</source>
        <translation>JPEG (.jpg), {width}×{height} pixels (width×height), light blue background, at most {max_kb} KB</translation>
    </message>
    <message>
        <source>照片文件是空的，请重新选择</source>
        <translation>The photo file is empty. Please choose another</translation>
    </message>
    <message>
        <source>照片不能超过{value}KB（当前{value2}KB），请压缩后重试</source>
        <translation>The photo must be at most {value} KB (this one is {value2} KB). Please compress it and try again</translation>
    </message>
    <message>
        <source>无法读取照片文件：{value}</source>
        <translation>The photo file cannot be read: {value}</translation>
    </message>
    <message>
        <source>照片必须是JPEG（.jpg）格式的图片</source>
        <translation>The photo must be a JPEG (.jpg) image</translation>
    </message>
    <message>
        <source>照片文件已损坏或无法识别，请重新拍摄或导出</source>
        <translation>The photo file is damaged or not recognised. Please take or export it again</translation>
    </message>
    <message>
        <source>照片尺寸应为{PHOTO_WIDTH}×{PHOTO_HEIGHT}像素（宽×高），当前为{width}×{height}</source>
        <translation>The photo must be {PHOTO_WIDTH}×{PHOTO_HEIGHT} pixels (width×height); this one is {width}×{height}</translation>
    </message>
    <message>
        <source>现在不在新生报名时间内，下一次报名时间请关注通知公告。</source>
        <translation>Sign-up for new students is closed. Watch the notices for the next sign-up period.</translation>
    </message>
    <message>
        <source>现在不在新生报名时间内，下一次报名时间为{window_text}（{name}）。</source>
        <translation>Sign-up for new students is closed. The next sign-up period is {window_text} ({name}).</translation>
    </message>
    <message>
        <source>新生报名</source>
        <translation>New student sign-up</translation>
    </message>
    <message>
        <source>新生报名(&amp;1)</source>
        <translation>Sign up (&amp;1)</translation>
    </message>
    <message>
        <source>查询报名结果(&amp;2)</source>
        <translation>Check sign-up result (&amp;2)</translation>
    </message>
    <message>
        <source>正在加载报名信息…</source>
        <translation>Loading sign-up information…</translation>
    </message>
    <message>
        <source>与身份证一致</source>
        <translation>As on your ID card</translation>
    </message>
    <message>
        <source>18位，最后一位可能是X</source>
        <translation>18 characters; the last may be X</translation>
    </message>
    <message>
        <source>根据身份证号自动识别</source>
        <translation>Read from the ID number</translation>
    </message>
    <message>
        <source>11位手机号，用于接收通知和找回密码</source>
        <translation>11-digit mobile number, for notices and password recovery</translation>
    </message>
    <message>
        <source>再输入一次密码</source>
        <translation>Enter the password again</translation>
    </message>
    <message>
        <source>换一张(&amp;H)</source>
        <translation>New image (&amp;H)</translation>
    </message>
    <message>
        <source>姓名(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>手机号(&amp;M)</source>
        <translation>&amp;Mobile</translation>
    </message>
    <message>
        <source>市州 / 区县(&amp;R)</source>
        <translation>City / county (&amp;R)</translation>
    </message>
    <message>
        <source>报考专业(&amp;J)</source>
        <translation>Programme (&amp;J)</translation>
    </message>
    <message>
        <source>登录密码(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>确认密码(&amp;A)</source>
        <translation>Confirm p&amp;assword</translation>
    </message>
    <message>
        <source>照片预览

{PHOTO_WIDTH}×{PHOTO_HEIGHT}
浅蓝色背景</source>
        <translation>Photo preview

{PHOTO_WIDTH}×{PHOTO_HEIGHT}
light blue background</translation>
    </message>
    <message>
        <source>选择照片(&amp;O)…</source>
        <translation>Ch&amp;oose photo…</translation>
    </message>
    <message>
        <source>证件照要求：</source>
        <translation>Photo requirements: </translation>
    </message>
    <message>
        <source>证件照</source>
        <translation>ID photo</translation>
    </message>
    <message>
        <source>提交报名(&amp;S)</source>
        <translation>&amp;Submit sign-up</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>报名结果</source>
        <translation>Sign-up result</translation>
    </message>
    <message>
        <source>报名号：</source>
        <translation>Application number:</translation>
    </message>
    <message>
        <source>审核状态：</source>
        <translation>Review status:</translation>
    </message>
    <message>
        <source>准考证号：</source>
        <translation>Exam number:</translation>
    </message>
    <message>
        <source>完成(&amp;D)</source>
        <translation>&amp;Done</translation>
    </message>
    <message>
        <source>报名成功时显示的报名号，如 XS20270208123456</source>
        <translation>The application number shown when you signed up, e.g. XS20270208123456</translation>
    </message>
    <message>
        <source>报名时填写的身份证号</source>
        <translation>The ID number you signed up with</translation>
    </message>
    <message>
        <source>查询(&amp;Q)</source>
        <comment>enrolment status</comment>
        <translation>Check (&amp;Q)</translation>
    </message>
    <message>
        <source>正在查询…</source>
        <comment>enrolment status</comment>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>报名号(&amp;B)</source>
        <translation>Application no. (&amp;B)</translation>
    </message>
    <message>
        <source>身份证号(&amp;D)</source>
        <translation>I&amp;D number</translation>
    </message>
    <message>
        <source>已提交新生报名的考生，可凭报名号和身份证号查询审核结果和准考证号。</source>
        <translation>If you have signed up as a new student, enter your application number and ID number to see the review result and your exam number.</translation>
    </message>
    <message>
        <source>选择证件照</source>
        <translation>Choose an ID photo</translation>
    </message>
    <message>
        <source>JPEG 照片 (*.jpg *.jpeg *.JPG *.JPEG)</source>
        <translation>JPEG photos (*.jpg *.jpeg *.JPG *.JPEG)</translation>
    </message>
    <message>
        <source>正在检查照片…</source>
        <translation>Checking the photo…</translation>
    </message>
    <message>
        <source>请选择报考所在的市州和区县</source>
        <translation>Choose the city and county where you will take exams</translation>
    </message>
    <message>
        <source>请选择报考专业</source>
        <translation>Choose a programme</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
    <message>
        <source>请选择符合要求的证件照</source>
        <translation>Choose an ID photo that meets the requirements</translation>
    </message>
    <message>
        <source>请输入报名号</source>
        <translation>Enter the application number</translation>
    </message>
    <message>
        <source>报名成功！您的准考证号是 {exam_no}。请用准考证号或身份证号登录，密码为报名时设置的登录密码。</source>
        <translation>Sign-up complete! Your exam number is {exam_no}. Log in with your exam number or ID number and the password you chose.</translation>
    </message>
    <message>
        <source>审核通过后分配</source>
        <translation>Given after approval</translation>
    </message>
    <message>
        <source>原因：{reason}。</source>
        <translation>Reason: {reason}. </translation>
    </message>
    <message>
        <source>请记下报名号 {application_no}。{reason}审核结果可在“查询报名结果”中查看，审核通过后请用准考证号或身份证号登录。</source>
        <translation>Please note your application number {application_no}. {reason}You can see the review result under &quot;Check sign-up result&quot;; once approved, log in with your exam number or ID number.</translation>
    </message>
    <message>
        <source>报名人须年满{MIN_AGE}周岁，请核对身份证号中的出生日期</source>
        <translation>You must be at least {MIN_AGE} years old. Check the date of birth in the ID number</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>请先选择市州</source>
        <translation>Choose a city first</translation>
    </message>
    <message>
        <source>请选择区县</source>
        <translation>Choose a county</translation>
    </message>
    <message>
        <source>层次：{level}&#x3000;主考学校：{university_name}&#x3000;专业计划：{plan_version}版</source>
        <translation>Level: {level} · University: {university_name} · Plan: version {plan_version}</translation>
    </message>
    <message>
        <source>请选择市州</source>
        <translation>Choose a city</translation>
    </message>
    <message>
        <source>{code} {name}（{level}，{university_name}）</source>
        <translation>{code} {name} ({level}, {university_name})</translation>
    </message>
    <message>
        <source>，报名时间为{window_text}</source>
        <translation>, open {window_text}</translation>
    </message>
    <message>
        <source>{name}新生报名正在进行{when}。姓名和身份证号须与本人身份证一致。</source>
        <translation>Sign-up for {name} is open{when}. Your name and ID number must match your ID card.</translation>
    </message>
    <message>
        <source>报名信息加载失败：{user_message} 请关闭后重试。</source>
        <translation>Sign-up information could not be loaded: {user_message} Please close and try again.</translation>
    </message>
    <message>
        <source>{file_name}（{value}KB）</source>
        <translation>{file_name} ({value} KB)</translation>
    </message>
    <message>
        <source>报名号：{application_no}</source>
        <translation>Application number: {application_no}</translation>
    </message>
    <message>
        <source>姓名：{name}（身份证号 {id_number_masked}）</source>
        <translation>Name: {name} (ID number {id_number_masked})</translation>
    </message>
    <message>
        <source>报考专业：{major_name}（{session_code}考次）</source>
        <translation>Programme: {major_name} ({session_code} session)</translation>
    </message>
    <message>
        <source>审核状态：{status_text}</source>
        <translation>Review status: {status_text}</translation>
    </message>
    <message>
        <source>准考证号：{exam_no}（请用准考证号或身份证号登录）</source>
        <translation>Exam number: {exam_no} (log in with your exam number or ID number)</translation>
    </message>
    <message>
        <source>原因：{reason}</source>
        <translation>Reason: {reason}</translation>
    </message>
    <message>
        <source>查询失败：{user_message}</source>
        <translation>Check failed: {user_message}</translation>
    </message>
    <message>
        <source>湖南自考自助服务</source>
        <translation>Hunan Self-Study Exams</translation>
    </message>
    <message>
        <source>个人中心</source>
        <extracomment>the size the window opens at on a large screen; on a smaller one it opens maximised the page class, &quot;package.module:Class&quot;: imported when the tab is built, after login (the login window must come up fast, before any page module is imported) built right after the window is on screen, not when first shown: the page works for every tab (通知公告 announces new notices and sends deadline reminders whichever tab is open) the tabs of the main window, in order: one line per module</extracomment>
        <translation>My account</translation>
    </message>
    <message>
        <source>报名报考</source>
        <extracomment>the session store&apos;s cache of the prefectures (reference data, asked for once per login) server course statuses that only follow from the live orders (the course model works them out itself)</extracomment>
        <translation>Register for exams</translation>
    </message>
    <message>
        <source>考试信息</source>
        <translation>Exams</translation>
    </message>
    <message>
        <source>成绩管理</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>考籍管理</source>
        <translation>Student record</translation>
    </message>
    <message>
        <source>毕业申请</source>
        <translation>Graduation</translation>
    </message>
    <message>
        <source>通知公告</source>
        <translation>Notices</translation>
    </message>
    <message>
        <source>柜台</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>证明预约</source>
        <translation>Certificate bookings</translation>
    </message>
    <message>
        <source>现场确认</source>
        <translation>On-site check</translation>
    </message>
    <message>
        <source>审核队列</source>
        <translation>Review queue</translation>
    </message>
    <message>
        <source>管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>当前账号暂无可用的功能。</source>
        <translation>This account has no functions available.</translation>
    </message>
    <message>
        <source>刷新(&amp;R)</source>
        <extracomment>a tab&apos;s page was built (title, page): the shell gives it this user&apos;s offline store the window was closed by the person (the shell logs out and quits) the pages built so far, by title: a page is built when its tab is first shown</extracomment>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新从服务器加载当前页面 (F5)</source>
        <translation>Reload this page from the server (F5)</translation>
    </message>
    <message>
        <source>退出登录(&amp;L)</source>
        <translation>&amp;Log out</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>退出登录并清除本机上的个人信息 (Ctrl+Shift+Q)</source>
        <translation>Log out and clear your personal data from this computer (Ctrl+Shift+Q)</translation>
    </message>
    <message>
        <source>退出程序(&amp;X)</source>
        <translation>Quit (&amp;X)</translation>
    </message>
    <message>
        <source>设置(&amp;G)…</source>
        <translation>Settin&amp;gs…</translation>
    </message>
    <message>
        <source>界面语言、高对比度 (Ctrl+,)</source>
        <translation>Language, high contrast (Ctrl+,)</translation>
    </message>
    <message>
        <source>检查更新(&amp;U)</source>
        <translation>Check for &amp;updates</translation>
    </message>
    <message>
        <source>查看是否有经过签名的新版本</source>
        <translation>See whether a newer signed version is available</translation>
    </message>
    <message>
        <source>系统(&amp;S)</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>功能(&amp;M)</source>
        <translation>Go (&amp;M)</translation>
    </message>
    <message>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>服务器：{server_label_text}</source>
        <translation>Server: {server_label_text}</translation>
    </message>
    <message>
        <source>{role}：{name}</source>
        <translation>{role}: {name}</translation>
    </message>
    <message>
        <source>无操作时自动退出的剩余时间；任何键盘或鼠标操作都会重新计时</source>
        <translation>Time left before automatic logout when idle; any key press or mouse action restarts it</translation>
    </message>
    <message>
        <source>正在与服务器通信</source>
        <translation>Talking to the server</translation>
    </message>
    <message>
        <source>剩余时间 {format_seconds}</source>
        <translation>Time left {format_seconds}</translation>
    </message>
    <message>
        <source>尚未上传照片</source>
        <translation>No photo uploaded yet</translation>
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
        <source>手机号</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>所属市州/区县</source>
        <translation>City / county</translation>
    </message>
    <message>
        <source>报考专业</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>层次</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>主考学校</source>
        <translation>University</translation>
    </message>
    <message>
        <source>专业计划版本</source>
        <translation>Plan version</translation>
    </message>
    <message>
        <source>考籍状态</source>
        <translation>Record status</translation>
    </message>
    <message>
        <source>入籍日期</source>
        <translation>Enrolled on</translation>
    </message>
    <message>
        <source>个人信息</source>
        <translation>Personal details</translation>
    </message>
    <message>
        <source>正在加载个人信息…</source>
        <translation>Loading personal details…</translation>
    </message>
    <message>
        <source>上传照片(&amp;U)</source>
        <translation>&amp;Upload photo</translation>
    </message>
    <message>
        <source>{text}：</source>
        <translation>{text}:</translation>
    </message>
    <message>
        <source>修改手机号(&amp;P)</source>
        <translation>Change mobile (&amp;P)</translation>
    </message>
    <message>
        <source>修改密码(&amp;W)</source>
        <translation>Change pass&amp;word</translation>
    </message>
    <message>
        <source>更换照片(&amp;U)</source>
        <translation>Replace photo (&amp;U)</translation>
    </message>
    <message>
        <source>手机号已修改</source>
        <translation>Mobile number changed</translation>
    </message>
    <message>
        <source>手机号已修改为 {phone_masked}。</source>
        <translation>Your mobile number is now {phone_masked}.</translation>
    </message>
    <message>
        <source>密码已修改</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <source>密码已修改，其他设备上的登录已退出。</source>
        <translation>Password changed. You have been logged out on other devices.</translation>
    </message>
    <message>
        <source>照片已上传</source>
        <translation>Photo uploaded</translation>
    </message>
    <message>
        <source>照片已通过检查并保存。</source>
        <translation>The photo passed the checks and was saved.</translation>
    </message>
    <message>
        <source>照片暂时无法显示：{user_message}（按 F5 重试）</source>
        <translation>The photo cannot be shown right now: {user_message} (press F5 to retry)</translation>
    </message>
    <message>
        <source>照片要求：JPEG（.jpg）格式；{width}×{height} 像素（宽×高）；浅蓝色背景；文件不超过 {max_kb}KB。</source>
        <translation>Photo requirements: JPEG (.jpg); {width}×{height} pixels (width×height); light blue background; at most {max_kb} KB.</translation>
    </message>
    <message>
        <source>确定</source>
        <extracomment>the rules in Chinese (``photo_rules()`` in the current language)</extracomment>
        <translation>OK</translation>
    </message>
    <message>
        <source>修改手机号</source>
        <translation>Change mobile number</translation>
    </message>
    <message>
        <source>手机号用于接收找回密码等短信。为保护您的账号，请再次输入登录密码。</source>
        <translation>Your mobile number receives text messages such as password recovery codes. To protect your account, enter your password again.</translation>
    </message>
    <message>
        <source>11位手机号</source>
        <translation>11-digit mobile number</translation>
    </message>
    <message>
        <source>当前手机号</source>
        <translation>Current mobile</translation>
    </message>
    <message>
        <source>新手机号(&amp;N)</source>
        <translation>&amp;New mobile</translation>
    </message>
    <message>
        <source>请输入登录密码</source>
        <translation>Enter your password</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>新密码8–64个字符，须同时包含字母和数字，不能使用过于常见的密码。修改后，其他设备上的登录将退出。</source>
        <translation>The new password has 8–64 characters with both letters and digits; very common passwords are not allowed. After the change you are logged out on other devices.</translation>
    </message>
    <message>
        <source>原密码(&amp;O)</source>
        <translation>Current passw&amp;ord</translation>
    </message>
    <message>
        <source>再次输入新密码(&amp;R)</source>
        <translation>New passwo&amp;rd again</translation>
    </message>
    <message>
        <source>请输入原密码</source>
        <translation>Enter your current password</translation>
    </message>
    <message>
        <source>新密码不能与原密码相同</source>
        <translation>The new password must differ from the current one</translation>
    </message>
    <message>
        <source>格式：JPEG</source>
        <translation>Format: JPEG</translation>
    </message>
    <message>
        <source>格式：{value}（应为JPEG）</source>
        <translation>Format: {value} (must be JPEG)</translation>
    </message>
    <message>
        <source>无法识别</source>
        <translation>not recognised</translation>
    </message>
    <message>
        <source>尺寸：{w}×{h} 像素</source>
        <translation>Size: {w}×{h} pixels</translation>
    </message>
    <message>
        <source>（应为{PHOTO_WIDTH}×{PHOTO_HEIGHT}）</source>
        <translation> (must be {PHOTO_WIDTH}×{PHOTO_HEIGHT})</translation>
    </message>
    <message>
        <source>大小：{size_kb}KB</source>
        <translation>File size: {size_kb} KB</translation>
    </message>
    <message>
        <source>（应不超过{PHOTO_MAX_KB}KB）</source>
        <translation> (at most {PHOTO_MAX_KB} KB)</translation>
    </message>
    <message>
        <source>上传照片</source>
        <translation>Upload photo</translation>
    </message>
    <message>
        <source>
照片将用于准考证和毕业证书，请使用近期免冠证件照。</source>
        <translation>
The photo is used on your admission ticket and diploma; use a recent ID photo without a hat.</translation>
    </message>
    <message>
        <source>尚未选择照片</source>
        <translation>No photo chosen yet</translation>
    </message>
    <message>
        <source>选择照片(&amp;C)…</source>
        <translation>&amp;Choose photo…</translation>
    </message>
    <message>
        <source>上传(&amp;U)</source>
        <translation>&amp;Upload</translation>
    </message>
    <message>
        <source>JPEG 图片 (*.jpg *.jpeg);;所有文件 (*)</source>
        <translation>JPEG images (*.jpg *.jpeg);;All files (*)</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>无法预览</source>
        <translation>No preview</translation>
    </message>
    <message>
        <source>&lt;br&gt;背景颜色由服务器检查</source>
        <translation>&lt;br&gt;The server checks the background colour</translation>
    </message>
    <message>
        <source>无法读取</source>
        <translation>Cannot be read</translation>
    </message>
    <message>
        <source>无法读取该文件：{value}</source>
        <translation>The file cannot be read: {value}</translation>
    </message>
    <message>
        <source>正在上传…</source>
        <translation>Uploading…</translation>
    </message>
    <message>
        <source>照片未通过检查：</source>
        <translation>The photo did not pass the checks: </translation>
    </message>
    <message>
        <source>请设置新密码</source>
        <translation>Choose a new password</translation>
    </message>
    <message>
        <source>您使用的是工作人员发放的临时密码。为保护您的账号，请先设置自己的新密码，然后才能继续使用。</source>
        <translation>You are using a temporary password given by staff. To protect your account, choose your own new password before you continue.</translation>
    </message>
    <message>
        <source>临时密码(&amp;O)</source>
        <translation>Temp&amp;orary password</translation>
    </message>
    <message>
        <source>您已离开队列。需要使用本页时，请点“重试”重新排队</source>
        <translation>You have left the queue. To use this page, click &quot;Retry&quot; to queue again</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <extracomment>what the page is (the failure text says &quot;&lt;TITLE&gt;加载失败&quot;)</extracomment>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>正在刷新…</source>
        <extracomment>``requests()`` reads the page&apos;s own widgets (a filter, a page number): build them first store topics that make this page stale (``desktop.core.store``) the page&apos;s object name (the self-test, the screenshots and the tests find it by it)</extracomment>
        <translation>Refreshing…</translation>
    </message>
    <message>
        <source>{TITLE}加载失败：</source>
        <translation>{TITLE} could not be loaded: </translation>
    </message>
    <message>
        <source>加载失败：</source>
        <translation>Loading failed: </translation>
    </message>
    <message>
        <source>刷新失败：{message}（按 F5 重试）</source>
        <translation>Refresh failed: {message} (press F5 to retry)</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;考点：&lt;/b&gt;{escape} {escape2} {escape3}&lt;br/&gt;地址：{escape4}&lt;/p&gt;&lt;p&gt;&lt;b&gt;报考课程（{len}门）：&lt;/b&gt;&lt;/p&gt;&lt;table cellspacing=&quot;0&quot; cellpadding=&quot;3&quot;&gt;{rows}&lt;/table&gt;&lt;p&gt;&lt;b&gt;费用：&lt;/b&gt;&lt;/p&gt;&lt;table cellspacing=&quot;0&quot; cellpadding=&quot;3&quot;&gt;{fee_rows}&lt;tr&gt;&lt;td&gt;&lt;b&gt;合计&lt;/b&gt;&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;&lt;b&gt;{yuan}元&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Exam site:&lt;/b&gt; {escape} {escape2} {escape3}&lt;br/&gt;Address: {escape4}&lt;/p&gt;&lt;p&gt;&lt;b&gt;Courses ({len}):&lt;/b&gt;&lt;/p&gt;&lt;table cellspacing=&quot;0&quot; cellpadding=&quot;3&quot;&gt;{rows}&lt;/table&gt;&lt;p&gt;&lt;b&gt;Fees:&lt;/b&gt;&lt;/p&gt;&lt;table cellspacing=&quot;0&quot; cellpadding=&quot;3&quot;&gt;{fee_rows}&lt;tr&gt;&lt;td&gt;&lt;b&gt;Total&lt;/b&gt;&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;&lt;b&gt;¥{yuan}&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>确认报考</source>
        <translation>Confirm registration</translation>
    </message>
    <message>
        <source>请核对以下报考信息。提交后将生成订单并为您保留考位，请在规定时间内完成支付。</source>
        <translation>Please check the details below. Submitting creates an order and holds your seats; pay within the time given.</translation>
    </message>
    <message>
        <source>已缴费的课程不能退考，也不能更换考点。</source>
        <translation>Paid courses cannot be withdrawn, and the exam site cannot be changed.</translation>
    </message>
    <message>
        <source>提交订单(&amp;T)</source>
        <translation>Submi&amp;t order</translation>
    </message>
    <message>
        <source>返回修改(&amp;E)</source>
        <translation>Go back and chang&amp;e</translation>
    </message>
    <message>
        <source>学分</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>毕业论文·必考</source>
        <translation>Thesis · required</translation>
    </message>
    <message>
        <source>12月31日（周六）09:00–11:30</source>
        <translation>Sat 31 Dec 09:00–11:30</translation>
    </message>
    <message>
        <source>课程列表</source>
        <translation>Course list</translation>
    </message>
    <message>
        <source>已选 {len} 门</source>
        <translation>{len} chosen</translation>
    </message>
    <message>
        <source>本考次已报考或待缴费 {committed} 门</source>
        <translation>{committed} already registered or awaiting payment this session</translation>
    </message>
    <message>
        <source>每个考次最多 {max_courses} 门</source>
        <translation>at most {max_courses} per session</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>。</source>
        <translation>. </translation>
    </message>
    <message>
        <source> 已选：</source>
        <translation> Chosen: </translation>
    </message>
    <message>
        <source> 点击方框或按空格键勾选课程。</source>
        <translation> Click a box or press Space to choose a course.</translation>
    </message>
    <message>
        <source>支付宝(&amp;A)</source>
        <translation>&amp;Alipay</translation>
    </message>
    <message>
        <source>微信支付(&amp;W)</source>
        <translation>&amp;WeChat Pay</translation>
    </message>
    <message>
        <source>银联(&amp;U)</source>
        <translation>&amp;UnionPay</translation>
    </message>
    <message>
        <source>支付方式：</source>
        <extracomment>the server&apos;s now (the page&apos;s ``ServerClock.now``): the countdown of an unpaid order</extracomment>
        <translation>Pay with:</translation>
    </message>
    <message>
        <source>去支付(&amp;P)</source>
        <translation>&amp;Pay</translation>
    </message>
    <message>
        <source>取消订单(&amp;Q)</source>
        <translation>Cancel order (&amp;Q)</translation>
    </message>
    <message>
        <source>刷新订单(&amp;F)</source>
        <translation>Re&amp;fresh order</translation>
    </message>
    <message>
        <source>保存回执单(PDF)(&amp;V)</source>
        <translation>Sa&amp;ve receipt (PDF)</translation>
    </message>
    <message>
        <source>打印回执单(&amp;R)</source>
        <translation>Print &amp;receipt</translation>
    </message>
    <message>
        <source>订单 {order_no}</source>
        <translation>Order {order_no}</translation>
    </message>
    <message>
        <source>交费中</source>
        <translation>Paying</translation>
    </message>
    <message>
        <source>正在向支付平台查询支付结果（每2秒自动刷新）…</source>
        <translation>Asking the payment platform for the result (refreshes every 2 seconds)…</translation>
    </message>
    <message>
        <source>支付结果尚未返回。如您已完成付款，请勿重复支付，点击“刷新订单”查看最新状态。</source>
        <translation>No payment result yet. If you have paid, do not pay again; click &quot;Refresh order&quot; to see the latest status.</translation>
    </message>
    <message>
        <source>，{when}退回</source>
        <translation>, refunded {when}</translation>
    </message>
    <message>
        <source>{names}的免考申请已审核通过，该课程的报考已撤销，报考费原路退回：退款单号 {refund_no}，金额 {yuan}元，{status_text}{done}。</source>
        <translation>The exemption for {names} was approved, so its registration was withdrawn and the fee refunded to the original account: refund {refund_no}, ¥{yuan}, {status_text}{done}.</translation>
    </message>
    <message>
        <source>缴费成功（{when}）。{note}其余课程已报考。</source>
        <translation>Paid ({when}). {note}The other courses are registered.</translation>
    </message>
    <message>
        <source>缴费成功（{when}），以上课程已报考。请保存或打印报考回执单。</source>
        <translation>Paid ({when}); the courses above are registered. Please save or print the receipt.</translation>
    </message>
    <message>
        <source>订单已关闭</source>
        <translation>Order closed</translation>
    </message>
    <message>
        <source>（{when}）</source>
        <translation> ({when})</translation>
    </message>
    <message>
        <source>订单已关闭：{reason}{when}。所占座位已释放，如需报考请重新选择课程下单。</source>
        <translation>Order closed: {reason}{when}. Its seats were released; to register, choose courses and order again.</translation>
    </message>
    <message>
        <source>订单关闭后才收到的付款将原路退回：退款单号 {refund_no}，金额 {yuan}元，{status_text}{done}。</source>
        <translation>A payment received after the order closed is refunded to the original account: refund {refund_no}, ¥{yuan}, {status_text}{done}.</translation>
    </message>
    <message>
        <source>{status_text}：订单关闭后收到的付款将原路退回。</source>
        <translation>{status_text}: a payment received after the order closed is refunded to the original account.</translation>
    </message>
    <message>
        <source>&lt;li&gt;&lt;b&gt;{course_code} {escape}&lt;/b&gt;&#x3000;{escape2}&#x3000;{yuan}元{value}&lt;/li&gt;</source>
        <translation>&lt;li&gt;&lt;b&gt;{course_code} {escape}&lt;/b&gt; · {escape2} · ¥{yuan}{value}&lt;/li&gt;</translation>
    </message>
    <message>
        <source>课程报考费 {yuan}元</source>
        <translation>Course fees ¥{yuan}</translation>
    </message>
    <message>
        <source> + 考籍证工本费 {yuan}元</source>
        <translation> + record card fee ¥{yuan}</translation>
    </message>
    <message>
        <source>考点：{escape}（{escape2}）&lt;ul style=&quot;margin-top: 4px; margin-bottom: 4px; margin-left: -20px;&quot;&gt;{rows}&lt;/ul&gt;{fee}，&lt;b&gt;合计 {amount_yuan}元&lt;/b&gt;&lt;br/&gt;下单时间：{when}</source>
        <translation>Exam site: {escape} ({escape2})&lt;ul style=&quot;margin-top: 4px; margin-bottom: 4px; margin-left: -20px;&quot;&gt;{rows}&lt;/ul&gt;{fee}, &lt;b&gt;total ¥{amount_yuan}&lt;/b&gt;&lt;br/&gt;Ordered: {when}</translation>
    </message>
    <message>
        <source>订单列表</source>
        <extracomment>orders that still want something of the examinee (to pay, or to wait for the payment)</extracomment>
        <translation>Order list</translation>
    </message>
    <message>
        <source>订单(&amp;L)：选择一个订单查看详情</source>
        <translation>Orders (&amp;L): choose one to see its details</translation>
    </message>
    <message>
        <source>您还没有订单。</source>
        <translation>You have no orders yet.</translation>
    </message>
    <message>
        <source>已报考课程</source>
        <translation>Registered courses</translation>
    </message>
    <message>
        <source>已报考课程(&amp;G)（已缴费，含以往考次）</source>
        <translation>Re&amp;gistered courses (paid, all sessions)</translation>
    </message>
    <message>
        <source>选择上方列表中的订单，这里显示订单详情。</source>
        <translation>Choose an order in the list above to see its details here.</translation>
    </message>
    <message>
        <source>正在加载报考信息…</source>
        <translation>Loading registration information…</translation>
    </message>
    <message>
        <source>第一步：选择考点</source>
        <extracomment>another tab or a tester may change these: the page is stale then a printer to use instead of asking the system (tests; a PDF printer or a broken one)</extracomment>
        <translation>Step 1: Choose an exam site</translation>
    </message>
    <message>
        <source>第二步：选择课程(&amp;K)</source>
        <translation>Step 2: Choose courses (&amp;K)</translation>
    </message>
    <message>
        <source>考试时间</source>
        <translation>Exam time</translation>
    </message>
    <message>
        <source>确认报考(&amp;B)</source>
        <translation>Confirm registration (&amp;B)</translation>
    </message>
    <message>
        <source>重新提交(&amp;T)</source>
        <translation>Submi&amp;t again</translation>
    </message>
    <message>
        <source>选课报考(&amp;J)</source>
        <translation>Choose courses (&amp;J)</translation>
    </message>
    <message>
        <source>我的订单(&amp;O)</source>
        <translation>My &amp;orders</translation>
    </message>
    <message>
        <source>当前不能报考。</source>
        <translation>Registration is not possible now.</translation>
    </message>
    <message>
        <source>{label}：{amount}</source>
        <translation>{label}: {amount}</translation>
    </message>
    <message>
        <source>&lt;br/&gt;首次报考另收考籍证工本费 {yuan}元</source>
        <translation>&lt;br/&gt;First-time registrants also pay a record card fee of ¥{yuan}</translation>
    </message>
    <message>
        <source>每门课程 {yuan}元{card}</source>
        <translation>¥{yuan} per course{card}</translation>
    </message>
    <message>
        <source>合计：{yuan}元</source>
        <translation>Total: ¥{yuan}</translation>
    </message>
    <message>
        <source>当前不在报考时间内</source>
        <translation>Registration is closed</translation>
    </message>
    <message>
        <source>请先选择考点。</source>
        <translation>Choose an exam site first.</translation>
    </message>
    <message>
        <source>请在课程列表中勾选要报考的课程。</source>
        <translation>Tick the courses you want in the course list.</translation>
    </message>
    <message>
        <source>正在提交订单…</source>
        <translation>Submitting the order…</translation>
    </message>
    <message>
        <source>核对考点、课程和费用后点击“确认报考”。</source>
        <translation>Check the exam site, courses and fees, then click &quot;Confirm registration&quot;.</translation>
    </message>
    <message>
        <source>请先选择考点和课程。</source>
        <translation>Choose an exam site and courses first.</translation>
    </message>
    <message>
        <source>{user_message}
订单可能已经提交。请点击“重新提交”：不会重复下单，也不会重复占用座位。</source>
        <translation>{user_message}
The order may have been submitted. Click &quot;Submit again&quot;: it will not order twice or take extra seats.</translation>
    </message>
    <message>
        <source>报考未成功：{user_message}</source>
        <translation>Registration failed: {user_message}</translation>
    </message>
    <message>
        <source>已在订单{order_no}中（{status_text}），请完成支付或取消该订单</source>
        <translation>Already in order {order_no} ({status_text}); pay for it or cancel it</translation>
    </message>
    <message>
        <source>本考次已报考并缴费</source>
        <translation>Registered and paid this session</translation>
    </message>
    <message>
        <source>刷新失败：{user_message}</source>
        <translation>Refresh failed: {user_message}</translation>
    </message>
    <message>
        <source>取消订单</source>
        <translation>Cancel order</translation>
    </message>
    <message>
        <source>确定取消订单 {order_no} 吗？
取消后所占座位将被释放，如需报考请重新选择课程下单。</source>
        <translation>Cancel order {order_no}?
Its seats will be released; to register, choose courses and order again.</translation>
    </message>
    <message>
        <source>取消订单(&amp;Y)</source>
        <translation>Cancel order (&amp;Y)</translation>
    </message>
    <message>
        <source>不取消(&amp;N)</source>
        <translation>Keep order (&amp;N)</translation>
    </message>
    <message>
        <source>取消未成功：{user_message}</source>
        <translation>Could not cancel: {user_message}</translation>
    </message>
    <message>
        <source>请在{datetime_text}前点击“去支付”完成支付，逾期订单自动关闭、所选课程不再保留。</source>
        <translation>Click &quot;Pay&quot; before {datetime_text}; after that the order closes and the courses are no longer held.</translation>
    </message>
    <message>
        <source>请在订单关闭前点击“去支付”完成支付。</source>
        <translation>Click &quot;Pay&quot; before the order closes.</translation>
    </message>
    <message>
        <source>已取消本次支付，订单 {order_no} 仍未支付。{until}</source>
        <translation>Payment cancelled; order {order_no} is still unpaid. {until}</translation>
    </message>
    <message>
        <source>{user_message}
可再次点击“去支付”：同一次支付请求不会重复扣款。</source>
        <translation>{user_message}
You can click &quot;Pay&quot; again: the same payment request is never charged twice.</translation>
    </message>
    <message>
        <source>无法发起支付：{user_message}</source>
        <translation>Payment could not be started: {user_message}</translation>
    </message>
    <message>
        <source>保存报考回执单</source>
        <translation>Save registration receipt</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>回执单已保存：{saved}</source>
        <translation>Receipt saved: {saved}</translation>
    </message>
    <message>
        <source>回执单未保存：{text}</source>
        <translation>Receipt not saved: {text}</translation>
    </message>
    <message>
        <source>这是演示用的模拟支付平台，不会产生真实扣款。</source>
        <translation>This is a simulated payment platform for the demo; no real money is charged.</translation>
    </message>
    <message>
        <source>收银台 — {merchant}</source>
        <translation>Checkout — {merchant}</translation>
    </message>
    <message>
        <source>安全支付 · 收银台</source>
        <translation>Secure payment · Checkout</translation>
    </message>
    <message>
        <source>应付金额 {yuan} 元</source>
        <translation>Amount due ¥{yuan}</translation>
    </message>
    <message>
        <source>收款方</source>
        <translation>Payee</translation>
    </message>
    <message>
        <source>商品</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>商户订单号</source>
        <translation>Merchant order no.</translation>
    </message>
    <message>
        <source>支付单号</source>
        <translation>Payment no.</translation>
    </message>
    <message>
        <source>{caption}：</source>
        <translation>{caption}:</translation>
    </message>
    <message>
        <source>选择支付方式：</source>
        <translation>Choose how to pay:</translation>
    </message>
    <message>
        <source>确认支付(&amp;P)</source>
        <translation>Confirm &amp;payment</translation>
    </message>
    <message>
        <source>取消(&amp;C)</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>正在支付…</source>
        <translation>Paying…</translation>
    </message>
    <message>
        <source>该笔支付已取消，请关闭本窗口后重新发起支付。</source>
        <translation>This payment was cancelled. Close this window and start the payment again.</translation>
    </message>
    <message>
        <source>支付未完成，请重试。</source>
        <translation>The payment did not complete. Please try again.</translation>
    </message>
    <message>
        <source>{user_message}
支付结果未知。可再次点击“确认支付”：同一笔支付不会重复扣款。</source>
        <translation>{user_message}
The payment result is unknown. You can click &quot;Confirm payment&quot; again: the same payment is never charged twice.</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>已满</source>
        <translation>Full</translation>
    </message>
    <message numerus="yes">
        <source>余座 %n</source>
        <translation>
            <numerusform>%n seat left</numerusform>
            <numerusform>%n seats left</numerusform>
        </translation>
    </message>
    <message>
        <source>{name}（{seats}）</source>
        <translation>{name} ({seats})</translation>
    </message>
    <message>
        <source>市州</source>
        <translation>City</translation>
    </message>
    <message>
        <source>区县</source>
        <translation>County</translation>
    </message>
    <message>
        <source>考点</source>
        <translation>Exam site</translation>
    </message>
    <message>
        <source>市州(&amp;Z)</source>
        <translation>City (&amp;Z)</translation>
    </message>
    <message>
        <source>区县(&amp;X)</source>
        <translation>County (&amp;X)</translation>
    </message>
    <message>
        <source>考点(&amp;D)</source>
        <translation>Exam site (&amp;D)</translation>
    </message>
    <message>
        <source>第一阶段只能选择本市州（{home}）的考点。</source>
        <translation>In phase 1 you can only choose exam sites in your own city ({home}).</translation>
    </message>
    <message>
        <source>本考次报考的所有课程都在所选考点考试。</source>
        <translation>All courses of this session are taken at the chosen exam site.</translation>
    </message>
    <message>
        <source>地址：{address}</source>
        <translation>Address: {address}</translation>
    </message>
    <message>
        <source>您本考次已有订单，考点已确定：本考次的所有课程都在该考点考试。</source>
        <translation>You already have an order this session, so your exam site is fixed: all courses of this session are taken there.</translation>
    </message>
    <message>
        <source>正在加载考点…</source>
        <translation>Loading exam sites…</translation>
    </message>
    <message>
        <source>考点加载失败：{user_message}（按 F5 重试）</source>
        <translation>Exam sites could not be loaded: {user_message} (press F5 to retry)</translation>
    </message>
    <message>
        <source>该市州暂无考点。</source>
        <translation>This city has no exam sites.</translation>
    </message>
    <message>
        <source>该考点座位已满，请选择其他考点</source>
        <translation>This exam site is full; choose another</translation>
    </message>
    <message>
        <source>该区县的考点座位已满，请选择其他区县或市州。</source>
        <translation>The exam sites of this county are full; choose another county or city.</translation>
    </message>
    <message>
        <source>地址：{address}&#x3000;座位：余 {seats_left} / 共 {capacity}</source>
        <translation>Address: {address} · Seats: {seats_left} left of {capacity}</translation>
    </message>
    <message>
        <source>请选择考点。</source>
        <translation>Choose an exam site.</translation>
    </message>
    <message>
        <source>已选</source>
        <translation>Chosen</translation>
    </message>
    <message>
        <source>已报考</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>待缴费</source>
        <translation>Awaiting payment</translation>
    </message>
    <message>
        <source>空</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>上午 09:00–11:30</source>
        <translation>Morning 09:00–11:30</translation>
    </message>
    <message>
        <source>下午 14:30–17:00</source>
        <translation>Afternoon 14:30–17:00</translation>
    </message>
    <message>
        <source>周六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>周日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>{SLOT_NAMES}：空</source>
        <translation>{SLOT_NAMES}: free</translation>
    </message>
    <message>
        <source>{SLOT_NAMES}：{code} {name}（{get}）</source>
        <translation>{SLOT_NAMES}: {code} {name} ({get})</translation>
    </message>
    <message>
        <source>支付宝</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <source>微信支付</source>
        <translation>WeChat Pay</translation>
    </message>
    <message>
        <source>银联</source>
        <translation>UnionPay</translation>
    </message>
    <message>
        <source>正在确认支付结果，请勿重复支付</source>
        <translation>Confirming the payment; do not pay again</translation>
    </message>
    <message>
        <source>暂未查询到支付结果。如您已完成付款，请勿重复支付，稍后点击“刷新订单”查看最新状态。</source>
        <translation>No payment result found yet. If you have paid, do not pay again; click &quot;Refresh order&quot; later to see the latest status.</translation>
    </message>
    <message>
        <source>{session_name}考试 报考时间 {window_text}，第一阶段（仅限本市州考点）至{datetime_text}</source>
        <translation>{session_name} exams: registration {window_text}; phase 1 (own city&apos;s sites only) until {datetime_text}</translation>
    </message>
    <message>
        <source>（{home_prefecture_name}）</source>
        <translation> ({home_prefecture_name})</translation>
    </message>
    <message>
        <source>报考尚未开始，将于{datetime_text}开放。</source>
        <translation>Registration has not started; it opens {datetime_text}.</translation>
    </message>
    <message>
        <source>当前为第一阶段：只能选择本市州{home}的考点；{datetime_text}起可选择全省考点。</source>
        <translation>Phase 1: you can only choose exam sites in your own city{home}; from {datetime_text} you can choose any site in the province.</translation>
    </message>
    <message>
        <source>当前为第二阶段：可选择全省任意考点，报考于{datetime_text}截止。</source>
        <translation>Phase 2: you can choose any exam site in the province; registration closes {datetime_text}.</translation>
    </message>
    <message>
        <source>本考次报考已于{datetime_text}结束。</source>
        <translation>Registration for this session closed {datetime_text}.</translation>
    </message>
    <message>
        <source>每门{value:.2f}元；每考次最多{max_courses}门，同一时段限报一门，所有课程在同一考点；逾期或每日{payment_cutoff}后未支付的订单自动关闭。</source>
        <translation>¥{value:.2f} per course; at most {max_courses} courses per session, one per time slot, all at the same exam site; orders not paid in time or by {payment_cutoff} each day close automatically.</translation>
    </message>
    <message>
        <source>支付时间已到，订单即将关闭…</source>
        <translation>Payment time is up; the order is closing…</translation>
    </message>
    <message>
        <source>{hours}小时{minutes:02d}分{seconds:02d}秒</source>
        <translation>{hours} h {minutes:02d} min {seconds:02d} s</translation>
    </message>
    <message>
        <source>{minutes:02d}分{seconds:02d}秒</source>
        <translation>{minutes:02d} min {seconds:02d} s</translation>
    </message>
    <message>
        <source>请在 {clock} 内完成支付（{until}前），逾期订单自动关闭，座位将被释放。</source>
        <translation>Pay within {clock} (by {until}); after that the order closes and the seats are released.</translation>
    </message>
    <message>
        <source>正在加载考试信息…</source>
        <translation>Loading exam information…</translation>
    </message>
    <message>
        <source>考试安排与准考证(&amp;A)</source>
        <extracomment>the session asked for (None: the upcoming one, whichever that is when the page loads) every session load (the page&apos;s or one session&apos;s) gets the next number; only the latest one is shown (a reload never overwrites a session chosen meanwhile)</extracomment>
        <translation>Timetable &amp;and admission ticket</translation>
    </message>
    <message>
        <source>报考历史(&amp;H)</source>
        <translation>Registration &amp;history</translation>
    </message>
    <message>
        <source>考次(&amp;K)：</source>
        <translation>Session (&amp;K):</translation>
    </message>
    <message>
        <source>您还没有报考过任何考次。</source>
        <translation>You have not registered for any session yet.</translation>
    </message>
    <message>
        <source>本考次的课程：</source>
        <translation>Courses this session:</translation>
    </message>
    <message>
        <source>报考过的考次(&amp;G)（新的在前）：</source>
        <translation>Sessions re&amp;gistered (newest first):</translation>
    </message>
    <message>
        <source>{label}（本次考试）</source>
        <translation>{label} (current)</translation>
    </message>
    <message>
        <source>加载失败：{user_message}（按 F5 重试）</source>
        <translation>Loading failed: {user_message} (press F5 to retry)</translation>
    </message>
    <message>
        <source>本考次没有已缴费的报考课程</source>
        <translation>No paid courses this session</translation>
    </message>
    <message>
        <source>，考点：{site_name}</source>
        <translation>, exam site: {site_name}</translation>
    </message>
    <message numerus="yes">
        <source>已报考 %n 门{where}</source>
        <translation>
            <numerusform>%n course registered{where}</numerusform>
            <numerusform>%n courses registered{where}</numerusform>
        </translation>
    </message>
    <message>
        <source>（{status_text}）</source>
        <translation> ({status_text})</translation>
    </message>
    <message>
        <source>考场和座位已编排，请按准考证上的考场和座位号入座。</source>
        <translation>Rooms and seats are assigned: sit in the room and seat shown on your admission ticket.</translation>
    </message>
    <message>
        <source>该考次考试已结束。</source>
        <translation>The exams of this session are over.</translation>
    </message>
    <message>
        <source>考场和座位将在准考证打印开放时（{datetime_text}）统一编排。</source>
        <translation>Rooms and seats will be assigned when ticket printing opens ({datetime_text}).</translation>
    </message>
    <message>
        <source>{session_name}考次的课程：</source>
        <translation>Courses of the {session_name} session:</translation>
    </message>
    <message>
        <source>准考证打印将于 {datetime_text} 开放</source>
        <extracomment>a refusal of the ticket (or its photo) that says why there is none: part of the answer, not a failure</extracomment>
        <translation>Admission ticket printing opens {datetime_text}</translation>
    </message>
    <message>
        <source>准考证已可打印（开放至 {close}）。请预览核对后保存为PDF或直接打印，用A4纸打印。</source>
        <translation>Your admission ticket can be printed (until {close}). Preview and check it, then save it as PDF or print it on A4 paper.</translation>
    </message>
    <message>
        <source>您在{session_name}考次还没有已缴费的报考课程，没有准考证（{when}）。</source>
        <translation>You have no paid courses in the {session_name} session, so there is no admission ticket ({when}).</translation>
    </message>
    <message>
        <source>{when}，届时可在这里预览、保存为PDF和打印。</source>
        <translation>{when}; you can then preview, save and print it here.</translation>
    </message>
    <message>
        <source>准考证</source>
        <translation>Admission ticket</translation>
    </message>
    <message>
        <source>预览准考证(&amp;V)</source>
        <extracomment>a printer to use instead of asking the system (tests: a PDF printer or a broken one)</extracomment>
        <translation>Pre&amp;view ticket</translation>
    </message>
    <message>
        <source>保存为 PDF(&amp;D)…</source>
        <translation>Save as P&amp;DF…</translation>
    </message>
    <message>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>去个人中心上传照片(&amp;U)</source>
        <translation>&amp;Upload a photo in My account</translation>
    </message>
    <message>
        <source>正在查询准考证…</source>
        <translation>Looking up the admission ticket…</translation>
    </message>
    <message>
        <source>准考证信息查询失败：{user_message}（按 F5 重试）</source>
        <translation>The admission ticket could not be looked up: {user_message} (press F5 to retry)</translation>
    </message>
    <message>
        <source>保存准考证</source>
        <translation>Save admission ticket</translation>
    </message>
    <message>
        <source>准考证已保存：{saved}</source>
        <translation>Admission ticket saved: {saved}</translation>
    </message>
    <message>
        <source>准考证未保存：{text}</source>
        <translation>Admission ticket not saved: {text}</translation>
    </message>
    <message>
        <source>正在生成PDF…</source>
        <translation>Creating the PDF…</translation>
    </message>
    <message>
        <source>准考证已发送到打印机。</source>
        <translation>The admission ticket was sent to the printer.</translation>
    </message>
    <message>
        <source>{name}考次正在报考，截止时间：{datetime_text}</source>
        <translation>Registration for {name} is open until {datetime_text}</translation>
    </message>
    <message>
        <source>{name}考次报考时间为</source>
        <translation>Registration for {name}: </translation>
    </message>
    <message>
        <source>{name}考次报考时间为{window_text}，届时可按此计划报考</source>
        <translation>Registration for {name} is {window_text}; you can register by this plan then</translation>
    </message>
    <message>
        <source>正在加载成绩…</source>
        <translation>Loading results…</translation>
    </message>
    <message>
        <source>成绩查询(&amp;C)</source>
        <extracomment>去报考: the suggested course codes, for the 报名报考 tab (the main window connects it)</extracomment>
        <translation>Results (&amp;C)</translation>
    </message>
    <message>
        <source>学习进度(&amp;P)</source>
        <translation>&amp;Progress</translation>
    </message>
    <message>
        <source>报考建议(&amp;J)</source>
        <translation>Suggested courses (&amp;J)</translation>
    </message>
    <message>
        <source>成绩复核(&amp;V)</source>
        <translation>Score re&amp;views</translation>
    </message>
    <message>
        <source>课程代码或名称</source>
        <translation>Course code or name</translation>
    </message>
    <message>
        <source>只看每门课程最好成绩(&amp;B)</source>
        <translation>&amp;Best result per course only</translation>
    </message>
    <message>
        <source>考次(&amp;I)：</source>
        <translation>Sess&amp;ion:</translation>
    </message>
    <message>
        <source>结果(&amp;U)：</source>
        <translation>Res&amp;ult:</translation>
    </message>
    <message>
        <source>类型(&amp;Y)：</source>
        <translation>T&amp;ype:</translation>
    </message>
    <message>
        <source>搜索(&amp;Q)：</source>
        <translation>Search (&amp;Q):</translation>
    </message>
    <message>
        <source>导出成绩单PDF(&amp;D)…</source>
        <translation>Export transcript P&amp;DF…</translation>
    </message>
    <message>
        <source>导出CSV(&amp;E)…</source>
        <translation>&amp;Export CSV…</translation>
    </message>
    <message>
        <source>申请成绩复核(&amp;F)…</source>
        <translation>Request a score review (&amp;F)…</translation>
    </message>
    <message>
        <source>去报考(&amp;G)</source>
        <translation>Re&amp;gister</translation>
    </message>
    <message>
        <source>建议按专业计划排列：必考课优先、此前未通过的课程优先、学分较高的优先；同一考试时间只安排一门，实践课须先通过对应的理论课。</source>
        <translation>Suggested in plan order: required courses first, then courses you failed before, then those with more credits; one course per exam time, and a practical course only after its theory course is passed.</translation>
    </message>
    <message>
        <source>成绩发布后7日内，可对笔试（理论）课程申请复核，每门课程只能申请一次。复核状态：已提交 → 复核中 → 已完成（维持原成绩，或更正为新的分数）。</source>
        <translation>Within 7 days of results being published you can request a review of a written (theory) course, once per course. Status: submitted → in review → done (score kept, or corrected).</translation>
    </message>
    <message>
        <source>申请成绩复核(&amp;A)…</source>
        <translation>Request &amp;a score review…</translation>
    </message>
    <message>
        <source>共{len}项复核申请。</source>
        <translation>{len} review requests.</translation>
    </message>
    <message>
        <source>尚未申请过成绩复核。</source>
        <translation>You have not requested any score review.</translation>
    </message>
    <message>
        <source>全部考次</source>
        <translation>All sessions</translation>
    </message>
    <message>
        <source>{session_name}考次成绩将于{datetime_text}发布</source>
        <translation>Results of the {session_name} session will be published {datetime_text}</translation>
    </message>
    <message>
        <source>暂无已发布的成绩。</source>
        <translation>No results published yet.</translation>
    </message>
    <message numerus="yes">
        <source>显示 {shown} 条，共 %n 条成绩（★ 为该课程最好成绩）</source>
        <translation>
            <numerusform>Showing {shown} of %n result (★ marks your best result in a course)</numerusform>
            <numerusform>Showing {shown} of %n results (★ marks your best result in a course)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，还差 %n 学分</source>
        <translation>
            <numerusform>, %n credit to go</numerusform>
            <numerusform>, %n credits to go</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{kind_text}：共 %n 门，通过 {passed}，免考 {exempted}，未完成 {remaining}（学分 {credits_done}/{credits_total}）</source>
        <translation>
            <numerusform>{kind_text}: %n course, passed {passed}, exempted {exempted}, not completed {remaining} (credits {credits_done}/{credits_total})</numerusform>
            <numerusform>{kind_text}: %n courses, passed {passed}, exempted {exempted}, not completed {remaining} (credits {credits_done}/{credits_total})</numerusform>
        </translation>
    </message>
    <message>
        <source>{major_code} {major_name}（{level}）{plan_version}版专业计划</source>
        <translation>{major_code} {major_name} ({level}), plan version {plan_version}</translation>
    </message>
    <message>
        <source>已获学分：{credits_done}（通过 {credits_passed}，免考 {credits_exempted}），计划最低 {min_credits} 学分</source>
        <translation>Credits earned: {credits_done} (passed {credits_passed}, exempted {credits_exempted}); the plan needs at least {min_credits}</translation>
    </message>
    <message>
        <source>，已达到</source>
        <translation>, reached</translation>
    </message>
    <message>
        <source>已完成课程：{courses_done} 门（通过 {courses_passed}，免考 {courses_exempted}），计划最少 {min_courses} 门；必考课已完成 {required_done}/{required_total} 门</source>
        <translation>Courses completed: {courses_done} (passed {courses_passed}, exempted {courses_exempted}); the plan needs at least {min_courses}; required courses completed {required_done}/{required_total}</translation>
    </message>
    <message>
        <source>专业计划规定的课程和学分已全部完成。</source>
        <translation>All courses and credits of the plan are completed.</translation>
    </message>
    <message>
        <source>（选考）</source>
        <translation> (elective)</translation>
    </message>
    <message>
        <source>未完成的课程（{len}门）：{names}</source>
        <translation>Courses not completed ({len}): {names}</translation>
    </message>
    <message>
        <source>没有未完成的课程。</source>
        <translation>No courses left to complete.</translation>
    </message>
    <message>
        <source>暂无报考建议。</source>
        <translation>No suggestions yet.</translation>
    </message>
    <message>
        <source>点击“去报考”，在报名报考页面中将自动勾选以上课程，核对考点和费用后确认报考。</source>
        <translation>Click &quot;Register&quot;: the courses above are ticked on the Register for exams page; check the exam site and fees, then confirm.</translation>
    </message>
    <message>
        <source>已提交 {course_code} {course_name} 的成绩复核申请（编号 {review_no}），可在“成绩复核”中查看进度。</source>
        <translation>Review requested for {course_code} {course_name} (number {review_no}); follow it under &quot;Score reviews&quot;.</translation>
    </message>
    <message>
        <source>成绩单.{suffix}</source>
        <translation>transcript.{suffix}</translation>
    </message>
    <message>
        <source>导出成绩单</source>
        <translation>Export transcript</translation>
    </message>
    <message>
        <source>导出成绩（CSV）</source>
        <translation>Export results (CSV)</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>已保存：{saved}</source>
        <translation>Saved: {saved}</translation>
    </message>
    <message>
        <source>未保存：{text}</source>
        <translation>Not saved: {text}</translation>
    </message>
    <message>
        <source>学习进度图</source>
        <translation>Progress chart</translation>
    </message>
    <message>
        <source>{credits_done}/{min_credits}学分</source>
        <translation>{credits_done}/{min_credits} credits</translation>
    </message>
    <message numerus="yes">
        <source>{value}/%n门</source>
        <translation>
            <numerusform>{value}/%n course</numerusform>
            <numerusform>{value}/%n courses</numerusform>
        </translation>
    </message>
    <message>
        <source>{label}：通过{a}，免考{b}，未完成{c}</source>
        <translation>{label}: passed {a}, exempted {b}, not completed {c}</translation>
    </message>
    <message>
        <source>暂无数据</source>
        <translation>No data yet</translation>
    </message>
    <message>
        <source>已通过</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>免考</source>
        <comment>course state</comment>
        <translation>Exempted</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>Not completed</translation>
    </message>
    <message>
        <source>成绩发布后7日内可申请复核，每门课程只能申请一次；只限笔试（理论）课程，实践课、毕业论文和缺考课程不能申请。复核只核查是否漏评、漏统和加分错误，结果为“维持原成绩”或“更正为 N 分”，一般在30日内完成。</source>
        <translation>You can request a review within 7 days of results being published, once per course, for written (theory) courses only; practical courses, theses and absences cannot be reviewed. A review checks for unmarked answers, totalling and adding errors; the result is &quot;score kept&quot; or &quot;corrected to N&quot;, usually within 30 days.</translation>
    </message>
    <message>
        <source>当前没有可以申请复核的成绩（不在复核申请时间内，或笔试课程都已申请过）。</source>
        <translation>No result can be reviewed now (the review period is over, or every written course has been requested).</translation>
    </message>
    <message>
        <source>{session_name}  {course_code} {course_name}  {score}分（{datetime_text}截止）</source>
        <translation>{session_name}  {course_code} {course_name}  {score} (until {datetime_text})</translation>
    </message>
    <message>
        <source>申请成绩复核</source>
        <translation>Request a score review</translation>
    </message>
    <message>
        <source>复核课程(&amp;K)：</source>
        <translation>Course (&amp;K):</translation>
    </message>
    <message>
        <source>正在查询可申请复核的成绩…</source>
        <translation>Looking for results that can be reviewed…</translation>
    </message>
    <message>
        <source>提交申请(&amp;S)</source>
        <translation>&amp;Submit request</translation>
    </message>
    <message>
        <source>申请未成功：{user_message}</source>
        <translation>Request failed: {user_message}</translation>
    </message>
    <message>
        <source>考籍证明须本人持身份证到所选市州自考办领取。每人同时只能有一个预约；预约日前一天及以前可以取消。</source>
        <translation>Collect your record certificate in person with your ID card at the chosen city&apos;s self-study exam office. One booking per person at a time; you can cancel up to the day before.</translation>
    </message>
    <message>
        <source>办理地点(&amp;O)：</source>
        <translation>&amp;Office:</translation>
    </message>
    <message>
        <source>预约所选时段(&amp;B)</source>
        <translation>&amp;Book the chosen slot</translation>
    </message>
    <message>
        <source>选择时段</source>
        <translation>Choose a slot</translation>
    </message>
    <message>
        <source>取消预约(&amp;C)</source>
        <translation>&amp;Cancel booking</translation>
    </message>
    <message>
        <source>我的预约</source>
        <translation>My booking</translation>
    </message>
    <message>
        <source>预约信息加载失败：{user_message}（按 F5 重试）</source>
        <translation>Bookings could not be loaded: {user_message} (press F5 to retry)</translation>
    </message>
    <message>
        <source>预约领取考籍证明：
地点：{office}
时间：{day} {half_text}

请本人持身份证按时到场办理。每人同时只能有一个预约；预约日前一天及以前可以取消。</source>
        <translation>Book a record certificate collection:
Office: {office}
Time: {day} {half_text}

Come in person with your ID card on time. One booking per person at a time; you can cancel up to the day before.</translation>
    </message>
    <message>
        <source>预约考籍证明</source>
        <translation>Book a record certificate</translation>
    </message>
    <message>
        <source>确认预约(&amp;Y)</source>
        <translation>Confirm booking (&amp;Y)</translation>
    </message>
    <message>
        <source>已预约：{office_name} {day} {half_text}（预约号 {appointment_no}）</source>
        <translation>Booked: {office_name} {day} {half_text} (booking {appointment_no})</translation>
    </message>
    <message>
        <source>取消预约 {appointment_no}？
地点：{office_name}
时间：{day} {half_text}

取消后该时段的名额会让给他人；如仍需办理，请重新预约。</source>
        <translation>Cancel booking {appointment_no}?
Office: {office_name}
Time: {day} {half_text}

The slot goes to someone else; if you still need it, book again.</translation>
    </message>
    <message>
        <source>取消预约</source>
        <translation>Cancel booking</translation>
    </message>
    <message>
        <source>取消预约(&amp;Y)</source>
        <translation>Cancel booking (&amp;Y)</translation>
    </message>
    <message>
        <source>已取消预约 {appointment_no}</source>
        <translation>Booking {appointment_no} cancelled</translation>
    </message>
    <message>
        <source>尚未保存：点击“保存草稿”或“提交申请”后才会保存到服务器</source>
        <translation>Not saved yet: it is saved on the server when you click &quot;Save draft&quot; or &quot;Submit&quot;</translation>
    </message>
    <message>
        <source>新申请</source>
        <translation>New application</translation>
    </message>
    <message>
        <source>保存草稿(&amp;S)</source>
        <translation>&amp;Save draft</translation>
    </message>
    <message>
        <source>提交申请(&amp;U)</source>
        <translation>S&amp;ubmit</translation>
    </message>
    <message>
        <source>撤回申请(&amp;W)</source>
        <translation>&amp;Withdraw</translation>
    </message>
    <message>
        <source>删除草稿(&amp;D)</source>
        <translation>&amp;Delete draft</translation>
    </message>
    <message>
        <source>办理记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>{kind_text}&#x3000;{value}</source>
        <translation>{kind_text} · {value}</translation>
    </message>
    <message>
        <source>退回原因</source>
        <translation>Reason for return</translation>
    </message>
    <message>
        <source>不通过原因</source>
        <translation>Reason for rejection</translation>
    </message>
    <message>
        <source>。请按说明修改后重新提交。</source>
        <translation>. Please change it as described and submit again.</translation>
    </message>
    <message>
        <source>{word}：{reason}{hint}</source>
        <translation>{word}: {reason}{hint}</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>：{reason}</source>
        <translation>: {reason}</translation>
    </message>
    <message>
        <source>重新提交(&amp;U)</source>
        <translation>S&amp;ubmit again</translation>
    </message>
    <message>
        <source>放弃(&amp;D)</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <source>有未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>草稿已保存（{time_text}）</source>
        <translation>Draft saved ({time_text})</translation>
    </message>
    <message>
        <source>已提交，请等待审核</source>
        <translation>Submitted; waiting for review</translation>
    </message>
    <message>
        <source>已撤回，可修改后再提交</source>
        <translation>Withdrawn; you can change it and submit again</translation>
    </message>
    <message>
        <source>放弃新申请</source>
        <translation>Discard new application</translation>
    </message>
    <message>
        <source>放弃这份尚未保存的{kind_text}申请吗？已填写的内容将丢失。</source>
        <translation>Discard this unsaved {kind_text} application? What you entered will be lost.</translation>
    </message>
    <message>
        <source>删除草稿</source>
        <translation>Delete draft</translation>
    </message>
    <message>
        <source>确定删除草稿 {application_no} 吗？删除后不能恢复。</source>
        <translation>Delete draft {application_no}? This cannot be undone.</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Not completed</translation>
    </message>
    <message>
        <source>只填写需要更正的项目，并上传身份证、户口簿或公安机关证明。已缴费报考且考试尚未结束时不能更正姓名和身份证号。</source>
        <translation>Fill in only what needs correcting, and upload your ID card, household register or a police certificate. Name and ID number cannot be corrected while you have paid registrations for exams not yet over.</translation>
    </message>
    <message>
        <source>{name}&#x3000;{gender}&#x3000;{id_number_masked}</source>
        <translation>{name} · {gender} · {id_number_masked}</translation>
    </message>
    <message>
        <source>现登记信息：</source>
        <translation>Registered now:</translation>
    </message>
    <message>
        <source>正确的姓名（不更正则留空）</source>
        <translation>Correct name (leave empty if unchanged)</translation>
    </message>
    <message>
        <source>正确的18位身份证号（不更正则留空）</source>
        <translation>Correct 18-character ID number (leave empty if unchanged)</translation>
    </message>
    <message>
        <source>不更正</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>更正原因（如：户口簿已更名）</source>
        <translation>Reason (e.g. name changed in household register)</translation>
    </message>
    <message>
        <source>姓名(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>身份证号(&amp;I)：</source>
        <translation>&amp;ID number:</translation>
    </message>
    <message>
        <source>性别(&amp;G)：</source>
        <translation>Sex (&amp;G):</translation>
    </message>
    <message>
        <source>更正原因(&amp;R)：</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>身份证号应为18位，已输入{len}位</source>
        <translation>The ID number has 18 characters; {len} entered</translation>
    </message>
    <message>
        <source>每份申请一门课程。请上传证书或成绩单；免考学分合计不能超过专业计划总学分的一半。</source>
        <translation>One course per application. Upload the certificate or transcript; exempted credits may total at most half of the plan&apos;s credits.</translation>
    </message>
    <message>
        <source>请选择课程</source>
        <translation>Choose a course</translation>
    </message>
    <message>
        <source>{code} {name}（{credits}学分）</source>
        <translation>{code} {name} ({credits} credits)</translation>
    </message>
    <message>
        <source>如：全国计算机等级考试一级证书、大学英语四级证书</source>
        <translation>E.g. National Computer Rank Examination level 1, College English Test band 4</translation>
    </message>
    <message>
        <source>正在计算免考学分…</source>
        <translation>Working out exempted credits…</translation>
    </message>
    <message>
        <source>免考课程(&amp;C)：</source>
        <translation>&amp;Course:</translation>
    </message>
    <message>
        <source>免考依据(&amp;B)：</source>
        <translation>Grounds (&amp;B):</translation>
    </message>
    <message>
        <source>免考学分：</source>
        <translation>Exempted credits:</translation>
    </message>
    <message>
        <source>已用 {used} / 上限 {allowed_credits} 学分（专业计划共 {total_credits} 学分）</source>
        <translation>Used {used} of {allowed_credits} credits allowed (the plan has {total_credits})</translation>
    </message>
    <message>
        <source>，其中审核中 {pending_credits} 学分</source>
        <translation>, {pending_credits} in review</translation>
    </message>
    <message>
        <source>；本课程 {course_credits} 学分，申请后合计 {after_credits} 学分</source>
        <translation>; this course has {course_credits} credits, {after_credits} in total after applying</translation>
    </message>
    <message>
        <source>。超出上限，不能提交</source>
        <translation>. Over the limit; cannot be submitted</translation>
    </message>
    <message>
        <source>免考学分暂时无法计算：{user_message}</source>
        <translation>Exempted credits cannot be worked out right now: {user_message}</translation>
    </message>
    <message>
        <source>北京</source>
        <extracomment>the provinces&apos; names, for the catalogue (``zikao_common.idnumber.PROVINCES`` is not one of its sources)</extracomment>
        <translation>Beijing</translation>
    </message>
    <message>
        <source>天津</source>
        <translation>Tianjin</translation>
    </message>
    <message>
        <source>河北</source>
        <translation>Hebei</translation>
    </message>
    <message>
        <source>山西</source>
        <translation>Shanxi</translation>
    </message>
    <message>
        <source>内蒙古</source>
        <translation>Inner Mongolia</translation>
    </message>
    <message>
        <source>辽宁</source>
        <translation>Liaoning</translation>
    </message>
    <message>
        <source>吉林</source>
        <translation>Jilin</translation>
    </message>
    <message>
        <source>黑龙江</source>
        <translation>Heilongjiang</translation>
    </message>
    <message>
        <source>上海</source>
        <translation>Shanghai</translation>
    </message>
    <message>
        <source>江苏</source>
        <translation>Jiangsu</translation>
    </message>
    <message>
        <source>浙江</source>
        <translation>Zhejiang</translation>
    </message>
    <message>
        <source>安徽</source>
        <translation>Anhui</translation>
    </message>
    <message>
        <source>福建</source>
        <translation>Fujian</translation>
    </message>
    <message>
        <source>江西</source>
        <translation>Jiangxi</translation>
    </message>
    <message>
        <source>山东</source>
        <translation>Shandong</translation>
    </message>
    <message>
        <source>河南</source>
        <translation>Henan</translation>
    </message>
    <message>
        <source>湖北</source>
        <translation>Hubei</translation>
    </message>
    <message>
        <source>湖南</source>
        <translation>Hunan</translation>
    </message>
    <message>
        <source>广东</source>
        <translation>Guangdong</translation>
    </message>
    <message>
        <source>广西</source>
        <translation>Guangxi</translation>
    </message>
    <message>
        <source>海南</source>
        <translation>Hainan</translation>
    </message>
    <message>
        <source>重庆</source>
        <translation>Chongqing</translation>
    </message>
    <message>
        <source>四川</source>
        <translation>Sichuan</translation>
    </message>
    <message>
        <source>贵州</source>
        <translation>Guizhou</translation>
    </message>
    <message>
        <source>云南</source>
        <translation>Yunnan</translation>
    </message>
    <message>
        <source>西藏</source>
        <translation>Tibet</translation>
    </message>
    <message>
        <source>陕西</source>
        <translation>Shaanxi</translation>
    </message>
    <message>
        <source>甘肃</source>
        <translation>Gansu</translation>
    </message>
    <message>
        <source>青海</source>
        <translation>Qinghai</translation>
    </message>
    <message>
        <source>宁夏</source>
        <translation>Ningxia</translation>
    </message>
    <message>
        <source>新疆</source>
        <translation>Xinjiang</translation>
    </message>
    <message>
        <source>请选择省份</source>
        <translation>Choose a province</translation>
    </message>
    <message>
        <source>转出前须先在转入省报考并有至少1门课程合格。审核通过后本省准考证号即被锁定，不能再报考。</source>
        <translation>Before transferring out you must have registered in the new province and passed at least 1 course there. Once approved, your exam number here is locked and cannot register again.</translation>
    </message>
    <message>
        <source>转入省的准考证号</source>
        <translation>Exam number in the new province</translation>
    </message>
    <message>
        <source> 门</source>
        <translation> courses</translation>
    </message>
    <message>
        <source>转入省份(&amp;P)：</source>
        <translation>New &amp;province:</translation>
    </message>
    <message>
        <source>转入省准考证号(&amp;E)：</source>
        <translation>&amp;Exam number there:</translation>
    </message>
    <message>
        <source>转入省已合格课程(&amp;C)：</source>
        <translation>&amp;Courses passed there:</translation>
    </message>
    <message>
        <source>备注(&amp;R)：</source>
        <translation>Notes (&amp;R):</translation>
    </message>
    <message>
        <source>填写在外省已合格的课程，每行一门：课程代码 课程名称 成绩。请上传外省出具的成绩证明。</source>
        <translation>List the courses you passed in the other province, one per line: course code, course name, score. Upload the transcript issued by that province.</translation>
    </message>
    <message>
        <source>03708 中国近现代史纲要 72
00015 英语(二) 65</source>
        <translation>03708 Outline of Modern Chinese History 72
00015 English (II) 65</translation>
    </message>
    <message>
        <source>原考籍省份(&amp;P)：</source>
        <translation>&amp;Previous province:</translation>
    </message>
    <message>
        <source>原准考证号(&amp;E)：</source>
        <translation>Previous &amp;exam number:</translation>
    </message>
    <message>
        <source>已合格课程(&amp;C)：</source>
        <translation>&amp;Courses passed:</translation>
    </message>
    <message>
        <source>因工作或居住地变化，将考籍转到省内其他市州（准考证号不变）。无需上传材料。</source>
        <translation>Move your record to another city in the province because of work or residence (your exam number stays the same). No documents needed.</translation>
    </message>
    <message>
        <source>现所属市州：</source>
        <translation>Current city:</translation>
    </message>
    <message>
        <source>如：工作调动</source>
        <translation>E.g. job transfer</translation>
    </message>
    <message>
        <source>转入市州(&amp;P)：</source>
        <translation>New city (&amp;P):</translation>
    </message>
    <message>
        <source>区县(&amp;C)：</source>
        <translation>&amp;County:</translation>
    </message>
    <message>
        <source>原因(&amp;R)：</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>请在左侧选择一份申请，或点击“新建申请”。
草稿保存在服务器上，退出登录后也不会丢失。</source>
        <translation>Choose an application on the left, or click &quot;New application&quot;.
Drafts are saved on the server and are kept after you log out.</translation>
    </message>
    <message>
        <source>有未保存的修改，请先保存草稿再刷新</source>
        <translation>There are unsaved changes; save the draft before refreshing</translation>
    </message>
    <message>
        <source>正在加载考籍申请…</source>
        <translation>Loading record applications…</translation>
    </message>
    <message>
        <source>新建申请(&amp;N)</source>
        <translation>&amp;New application</translation>
    </message>
    <message>
        <source>我的申请</source>
        <translation>My applications</translation>
    </message>
    <message>
        <source>考籍申请</source>
        <translation>Record applications</translation>
    </message>
    <message>
        <source>考籍证明预约</source>
        <translation>Record certificate booking</translation>
    </message>
    <message>
        <source>填写完整后点击“提交申请”。</source>
        <translation>Fill everything in, then click &quot;Submit&quot;.</translation>
    </message>
    <message>
        <source>等待市州自考办初审。</source>
        <translation>Waiting for the city office&apos;s first review.</translation>
    </message>
    <message>
        <source>请按退回原因修改后重新提交。</source>
        <translation>Change it as the return reason says and submit again.</translation>
    </message>
    <message>
        <source>初审已通过：请携带身份证、毕业生登记表（本人签名）及各项材料原件到市州自考办现场确认。</source>
        <translation>First review passed: bring your ID card, the graduate registration form (signed) and the originals of all documents to the city office for the on-site check.</translation>
    </message>
    <message>
        <source>本次申请未通过初审，可在下一次毕业申请时间重新申请。</source>
        <translation>This application did not pass the first review; you can apply again in the next graduation period.</translation>
    </message>
    <message>
        <source>已现场确认，等待终审。</source>
        <translation>Checked on site; waiting for the final review.</translation>
    </message>
    <message>
        <source>终审已通过，等待发放毕业证书。</source>
        <translation>Final review passed; waiting for the diploma to be issued.</translation>
    </message>
    <message>
        <source>本次申请终审未通过，可在下一次毕业申请时间重新申请。</source>
        <translation>This application did not pass the final review; you can apply again in the next graduation period.</translation>
    </message>
    <message>
        <source>毕业证书已发放，请按通知到市州自考办领取。</source>
        <translation>Your diploma has been issued; collect it at the city office as notified.</translation>
    </message>
    <message>
        <source>个人简历</source>
        <extracomment>the server&apos;s now for the form&apos;s 打印时间 (the page&apos;s clock)</extracomment>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>添加简历(&amp;A)</source>
        <translation>&amp;Add entry</translation>
    </message>
    <message>
        <source>删除所选(&amp;E)</source>
        <translation>D&amp;elete selected</translation>
    </message>
    <message>
        <source>从高中起按时间顺序填写；双击单元格编辑，年月写成 2018-09，终止年月留空表示至今</source>
        <translation>From senior school onwards, in date order; double-click a cell to edit; write months as 2018-09; leave the end empty for &quot;to date&quot;</translation>
    </message>
    <message>
        <source>自我鉴定</source>
        <translation>Self-assessment</translation>
    </message>
    <message>
        <source>从思想品德、学习和工作等方面写一段自我鉴定，{self_assessment_min_length}至{self_assessment_max_length}字</source>
        <translation>A self-assessment of your conduct, study and work, {self_assessment_min_length} to {self_assessment_max_length} characters</translation>
    </message>
    <message>
        <source>拖入文件或点击“添加文件”。{rule}</source>
        <translation>Drop a file here or click &quot;Add file&quot;. {rule}</translation>
    </message>
    <message>
        <source>生成登记表(&amp;G)</source>
        <translation>Create form (&amp;G)</translation>
    </message>
    <message>
        <source>用您的考籍信息、照片、简历和自我鉴定生成A4毕业生登记表并预览</source>
        <translation>Create the A4 graduate registration form from your record, photo, résumé and self-assessment, and preview it</translation>
    </message>
    <message>
        <source>保存登记表PDF(&amp;D)…</source>
        <translation>Save form as P&amp;DF…</translation>
    </message>
    <message>
        <source>提交申请(&amp;T)</source>
        <translation>Submi&amp;t application</translation>
    </message>
    <message>
        <source>申请材料（每项一个文件）</source>
        <translation>Documents (one file each)</translation>
    </message>
    <message>
        <source>办理进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>申请编号 {application_no}（{session_name}毕业申请）&#x3000;状态：&lt;b style=&quot;color: {colour};&quot;&gt;{esc}&lt;/b&gt;</source>
        <translation>Application {application_no} ({session_name} graduation) · Status: &lt;b style=&quot;color: {colour};&quot;&gt;{esc}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>工作人员意见：{esc}</source>
        <translation>Staff comment: {esc}</translation>
    </message>
    <message>
        <source>毕业证书编号：&lt;b&gt;{esc}&lt;/b&gt;</source>
        <translation>Diploma number: &lt;b&gt;{esc}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{n} / {high} 字（至少{low}字）</source>
        <translation>{n} / {high} characters (at least {low})</translation>
    </message>
    <message>
        <source>个人简历最多{resume_max_entries}条</source>
        <translation>At most {resume_max_entries} résumé entries</translation>
    </message>
    <message>
        <source>请至少填写{resume_min_entries}条个人简历</source>
        <translation>Enter at least {resume_min_entries} résumé entries</translation>
    </message>
    <message>
        <source>每条简历都要填写起始年月、单位或学校、职务或身份</source>
        <translation>Every résumé entry needs a start month, a school or employer, and a position or role</translation>
    </message>
    <message>
        <source>自我鉴定至少{self_assessment_min_length}字（当前{n}字）</source>
        <translation>The self-assessment needs at least {self_assessment_min_length} characters (now {n})</translation>
    </message>
    <message>
        <source>自我鉴定最多{self_assessment_max_length}字（当前{n}字）</source>
        <translation>The self-assessment may have at most {self_assessment_max_length} characters (now {n})</translation>
    </message>
    <message>
        <source>请上传{kind_text}</source>
        <translation>Upload the {kind_text}</translation>
    </message>
    <message>
        <source>请等待文件上传或当前操作完成</source>
        <translation>Wait until the upload or current action has finished</translation>
    </message>
    <message>
        <source>操作没有完成</source>
        <translation>Not completed</translation>
    </message>
    <message>
        <source>草稿已保存</source>
        <translation>Draft saved</translation>
    </message>
    <message>
        <source>还不能提交：</source>
        <translation>Cannot submit yet: </translation>
    </message>
    <message>
        <source>毕业申请已提交，请留意办理进度</source>
        <translation>Graduation application submitted; follow its progress here</translation>
    </message>
    <message>
        <source>已生成毕业生登记表，请在预览中核对；可打印或保存为PDF</source>
        <translation>The graduate registration form is ready; check it in the preview, then print or save it as PDF</translation>
    </message>
    <message>
        <source>正在生成毕业生登记表…</source>
        <translation>Creating the graduate registration form…</translation>
    </message>
    <message>
        <source>保存毕业生登记表</source>
        <translation>Save graduate registration form</translation>
    </message>
    <message>
        <source>毕业生登记表已保存：{result}</source>
        <translation>Graduate registration form saved: {result}</translation>
    </message>
    <message>
        <source>正在保存毕业生登记表…</source>
        <translation>Saving the graduate registration form…</translation>
    </message>
    <message>
        <source>{major_code} {major_name}（{level}，{plan_version}版计划）</source>
        <extracomment>sub-tabs of 成绩管理 the eligibility view links to</extracomment>
        <translation>{major_code} {major_name} ({level}, plan version {plan_version})</translation>
    </message>
    <message>
        <source>已取得 {credits_done} / {min_credits} 学分</source>
        <translation>{credits_done} / {min_credits} credits earned</translation>
    </message>
    <message>
        <source>合格课程 {courses_done} / {min_courses} 门</source>
        <translation>{courses_done} / {min_courses} courses passed</translation>
    </message>
    <message>
        <source>必考课程已完成 {required_done} / {required_total} 门</source>
        <translation>Required courses completed {required_done} / {required_total}</translation>
    </message>
    <message>
        <source>毕业论文：</source>
        <translation>Thesis: </translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>Not passed</translation>
    </message>
    <message>
        <source>前置学历：</source>
        <translation>Prior qualification: </translation>
    </message>
    <message>
        <source>已核验</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>未核验</source>
        <translation>Not verified</translation>
    </message>
    <message>
        <source>{value}毕业申请正在进行：{span}，请在截止前提交</source>
        <translation>Graduation applications for {value} are open: {span}. Submit before the deadline</translation>
    </message>
    <message>
        <source>当前不在毕业申请时间内。下一次毕业申请时间：{span}</source>
        <translation>Graduation applications are closed. Next period: {span}</translation>
    </message>
    <message>
        <source>正在检查毕业条件…</source>
        <translation>Checking graduation requirements…</translation>
    </message>
    <message>
        <source>毕业资格</source>
        <extracomment>open 成绩管理 on this sub-tab (学习进度 / 报考建议); the main window connects it</extracomment>
        <translation>Eligibility</translation>
    </message>
    <message>
        <source>查看学习进度(&amp;P)</source>
        <translation>View &amp;progress</translation>
    </message>
    <message>
        <source>查看报考建议(&amp;J)</source>
        <translation>View suggested courses (&amp;J)</translation>
    </message>
    <message>
        <source>填写毕业申请(&amp;N)</source>
        <translation>Apply to graduate (&amp;N)</translation>
    </message>
    <message>
        <source>正在刷新</source>
        <translation>Refreshing</translation>
    </message>
    <message>
        <source>刷新失败</source>
        <translation>Refresh failed</translation>
    </message>
    <message>
        <source>您可以现在填写毕业申请：个人简历、自我鉴定和申请材料，生成毕业生登记表后提交。</source>
        <translation>You can apply now: fill in your résumé and self-assessment, upload the documents, create the registration form and submit.</translation>
    </message>
    <message>
        <source>满足毕业条件后才能申请毕业。</source>
        <translation>You can apply once you meet the graduation requirements.</translation>
    </message>
    <message>
        <source>请在毕业申请时间内填写和提交申请。</source>
        <translation>Fill in and submit the application during the graduation period.</translation>
    </message>
    <message>
        <source>上一份申请未通过，您可以重新申请。</source>
        <translation>Your last application did not pass; you can apply again.</translation>
    </message>
    <message>
        <source>正在创建毕业申请草稿…</source>
        <translation>Creating a graduation application draft…</translation>
    </message>
    <message>
        <source>草稿已创建：填写个人简历和自我鉴定，上传材料，生成登记表核对后提交。</source>
        <translation>Draft created: fill in your résumé and self-assessment, upload the documents, create the form, check it and submit.</translation>
    </message>
    <message>
        <source>关闭这条提示</source>
        <translation>Close this message</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Tip</translation>
    </message>
    <message>
        <source>1 小时</source>
        <translation>1 hour</translation>
    </message>
    <message>
        <source>3 小时</source>
        <translation>3 hours</translation>
    </message>
    <message>
        <source>1 天</source>
        <translation>1 day</translation>
    </message>
    <message>
        <source>3 天</source>
        <translation>3 days</translation>
    </message>
    <message>
        <source>7 天</source>
        <translation>7 days</translation>
    </message>
    <message>
        <source>只看与我相关(&amp;M)</source>
        <translation>Only &amp;mine</translation>
    </message>
    <message>
        <source>桌面提醒(&amp;D)</source>
        <translation>&amp;Desktop reminders</translation>
    </message>
    <message>
        <source>提前(&amp;A)：</source>
        <translation>Remind (&amp;A):</translation>
    </message>
    <message numerus="yes">
        <source>%n 分钟</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>导出到日历(&amp;E)…</source>
        <translation>&amp;Export to calendar…</translation>
    </message>
    <message>
        <source>保存为 .ics 文件，可导入 Outlook、手机日历等</source>
        <translation>Save as an .ics file to import into Outlook, phone calendars and more</translation>
    </message>
    <message>
        <source>当前时间（北京时间）{datetime_text}</source>
        <translation>Now (Beijing time) {datetime_text}</translation>
    </message>
    <message>
        <source>{title}&#x3000;{when_text}&#x3000;{status_text}
{detail}</source>
        <translation>{title} · {when_text} · {status_text}
{detail}</translation>
    </message>
    <message>
        <source>离线副本（只读）</source>
        <translation>Offline copy (read-only)</translation>
    </message>
    <message>
        <source>全部分类</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>正在加载通知公告…</source>
        <translation>Loading notices…</translation>
    </message>
    <message>
        <source>重新连接(&amp;R)</source>
        <extracomment>this user&apos;s offline copy (the shell gives it with ``attach_local``) the copy is shown (the server could not be reached) how an attachment is opened (tests replace it)</extracomment>
        <translation>&amp;Reconnect</translation>
    </message>
    <message>
        <source>分类(&amp;C)：</source>
        <translation>&amp;Category:</translation>
    </message>
    <message>
        <source>搜索标题和正文，多个词用空格分开</source>
        <translation>Search titles and text; separate words with spaces</translation>
    </message>
    <message>
        <source>搜索(&amp;F)：</source>
        <translation>Search (&amp;F):</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>只看未读(&amp;U)</source>
        <translation>&amp;Unread only</translation>
    </message>
    <message>
        <source>通知列表</source>
        <translation>Notice list</translation>
    </message>
    <message>
        <source>通知公告(&amp;N)</source>
        <translation>&amp;Notices</translation>
    </message>
    <message>
        <source>我的日程(&amp;J)</source>
        <translation>My calendar (&amp;J)</translation>
    </message>
    <message>
        <source>：服务器暂时无法连接，显示 {datetime_text} 保存的内容</source>
        <translation>: the server cannot be reached; showing what was saved {datetime_text}</translation>
    </message>
    <message>
        <source>共 {rowCount} 条（离线副本）</source>
        <translation>{rowCount} notices (offline copy)</translation>
    </message>
    <message>
        <source> · 搜索结果</source>
        <translation> · search results</translation>
    </message>
    <message>
        <source>共 {total} 条{filtered} · 未读 {unread} 条</source>
        <translation>{total} notices{filtered} · {unread} unread</translation>
    </message>
    <message>
        <source>离线副本中没有这条通知的正文，连接服务器后可以阅读。</source>
        <translation>The offline copy does not hold this notice&apos;s text; connect to the server to read it.</translation>
    </message>
    <message>
        <source>无法加载正文：{user_message}</source>
        <translation>The text could not be loaded: {user_message}</translation>
    </message>
    <message>
        <source>这台电脑上没有能打开“{file_name}”的程序</source>
        <translation>No program on this computer can open &quot;{file_name}&quot;</translation>
    </message>
    <message>
        <source>（{kind} 文件）</source>
        <translation> ({kind} file)</translation>
    </message>
    <message>
        <source>。
可以先把附件另存到电脑上，再用其他程序打开它。</source>
        <translation>.
Save the attachment to the computer first, then open it with another program.</translation>
    </message>
    <message>
        <source>无法打开附件</source>
        <translation>Cannot open attachment</translation>
    </message>
    <message>
        <source>另存为(&amp;S)…</source>
        <translation>&amp;Save as…</translation>
    </message>
    <message>
        <source>{upper} 文件 (*.{suffix})</source>
        <translation>{upper} files (*.{suffix})</translation>
    </message>
    <message>
        <source>保存附件</source>
        <translation>Save attachment</translation>
    </message>
    <message>
        <source>自考日程.ics</source>
        <translation>self-study-calendar.ics</translation>
    </message>
    <message>
        <source>导出日程</source>
        <translation>Export calendar</translation>
    </message>
    <message>
        <source>iCalendar 文件 (*.ics)</source>
        <translation>iCalendar files (*.ics)</translation>
    </message>
    <message>
        <source>查看通知(&amp;V)</source>
        <translation>&amp;View notice</translation>
    </message>
    <message>
        <source>自考日程提醒</source>
        <translation>Self-study exam reminder</translation>
    </message>
    <message>
        <source>日程提醒：{message}</source>
        <translation>Reminder: {message}</translation>
    </message>
    <message>
        <source>查看日程</source>
        <translation>View calendar</translation>
    </message>
    <message>
        <source>等 {count} 条</source>
        <translation> and {count} more</translation>
    </message>
    <message>
        <source>自上次登录以来有新通知：《{first}》{more}</source>
        <translation>New notices since you last logged in: &quot;{first}&quot;{more}</translation>
    </message>
    <message>
        <source>在左侧选择一条通知阅读。</source>
        <translation>Choose a notice on the left to read it.</translation>
    </message>
    <message>
        <source>通知正文</source>
        <translation>Notice text</translation>
    </message>
    <message>
        <source>附件(&amp;F)：</source>
        <translation>Attachments (&amp;F):</translation>
    </message>
    <message>
        <source>打开(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>{category} · {publisher} · 发布于 {datetime_text}</source>
        <translation>{category} · {publisher} · published {datetime_text}</translation>
    </message>
    <message>
        <source>{file_name}（{size_text}）</source>
        <translation>{file_name} ({size_text})</translation>
    </message>
    <message>
        <source>{DISPLAY_NAME}（桌面客户端）</source>
        <translation>{DISPLAY_NAME} (desktop client)</translation>
    </message>
    <message>
        <source>使用该服务器，而不是内置演示服务</source>
        <translation>use this server instead of the built-in demo service</translation>
    </message>
    <message>
        <source>数据目录（设置、内置服务的数据库、日志）；默认为系统的应用数据目录</source>
        <translation>data folder (settings, the built-in service&apos;s database, logs); defaults to the system&apos;s application data folder</translation>
    </message>
    <message>
        <source>界面语言：zh 中文（默认），en English；下次启动也用</source>
        <translation>interface language: zh Chinese (default), en English; also used at the next start</translation>
    </message>
    <message>
        <source>更详细的日志，并输出到控制台</source>
        <translation>more detailed logs, also written to the console</translation>
    </message>
    <message>
        <source>提供测试人员控制台（Ctrl+Shift+T）；连接演示或测试模式的服务器时总是提供</source>
        <translation>offer the tester console (Ctrl+Shift+T); always offered with a demo or test-mode server</translation>
    </message>
    <message>
        <source>自检：在临时目录启动内置服务、登录演示考生、打开每个模块、生成PDF，然后退出（0 = 通过）</source>
        <translation>self-test: start the built-in service in a temporary folder, log in as the demo examinee, open every module, create PDFs, then quit (0 = passed)</translation>
    </message>
    <message>
        <source>您已安全退出，本机上的个人信息已清除。</source>
        <translation>You have logged out safely; your personal data has been cleared from this computer.</translation>
    </message>
    <message>
        <source>由于长时间未操作，您已自动退出，请重新登录。</source>
        <translation>You were logged out because you were idle for a long time. Please log in again.</translation>
    </message>
    <message>
        <source>登录时间已到，请重新登录。</source>
        <translation>Your login time is up. Please log in again.</translation>
    </message>
    <message>
        <source>需要先设置新密码才能使用本系统，请重新登录并设置新密码。</source>
        <translation>You must choose a new password before using the system. Please log in again and choose one.</translation>
    </message>
    <message>
        <source>内置演示服务 {netloc}</source>
        <translation>Built-in demo service {netloc}</translation>
    </message>
    <message>
        <source>无法连接服务器 {url}：{user_message}</source>
        <extracomment>the server&apos;s &quot;now&quot; for every page, dialog and document (kept from every answer)</extracomment>
        <translation>Cannot connect to server {url}: {user_message}</translation>
    </message>
    <message>
        <source>软件更新：{message}</source>
        <translation>Software update: {message}</translation>
    </message>
    <message>
        <source>内置演示服务未能启动。{HINT}</source>
        <translation>The built-in demo service did not start. {HINT}</translation>
    </message>
    <message>
        <source>您已长时间未操作，将在 {seconds} 秒后自动退出。</source>
        <translation>You have been idle for a long time and will be logged out in {seconds} seconds.</translation>
    </message>
    <message>
        <source>即将自动退出</source>
        <translation>About to log out</translation>
    </message>
    <message>
        <source>为保护您的个人信息，长时间未操作时系统会自动退出登录。</source>
        <translation>To protect your personal data, the system logs you out after a long idle time.</translation>
    </message>
    <message>
        <source>继续使用</source>
        <translation>Keep working</translation>
    </message>
    <message>
        <source>程序出现了意外错误，您的数据没有丢失。请重试；如果问题仍然存在，请联系自考办并提供日志文件。</source>
        <translation>Something unexpected went wrong; your data is safe. Please try again; if it keeps happening, contact the self-study exam office and send the log file.</translation>
    </message>
    <message>
        <source>服务器无法识别这次请求。</source>
        <extracomment>what a refusal means, by the answer&apos;s status</extracomment>
        <translation>The server did not understand this request.</translation>
    </message>
    <message>
        <source>服务器要求重新登录。</source>
        <translation>The server asks you to log in again.</translation>
    </message>
    <message>
        <source>服务器拒绝了这次操作：没有相应的权限。</source>
        <translation>The server refused: you do not have permission.</translation>
    </message>
    <message>
        <source>服务器上没有找到要操作的内容，它可能已被删除或从未存在。</source>
        <translation>The server could not find what you asked for; it may have been deleted or never existed.</translation>
    </message>
    <message>
        <source>服务器不接受这种操作。</source>
        <translation>The server does not accept this action.</translation>
    </message>
    <message>
        <source>服务器拒绝了这次操作：它与当前的状态冲突（可能已被处理过）。</source>
        <translation>The server refused: it conflicts with the current state (it may already have been done).</translation>
    </message>
    <message>
        <source>上传的内容超过了服务器允许的大小。</source>
        <translation>The upload is larger than the server allows.</translation>
    </message>
    <message>
        <source>服务器拒绝了这次操作：提交的内容不符合要求。</source>
        <translation>The server refused: what was submitted does not meet the requirements.</translation>
    </message>
    <message>
        <source>操作过于频繁，服务器暂不受理。</source>
        <translation>Too many requests; the server is not accepting more for now.</translation>
    </message>
    <message>
        <source>未能建立安全连接：服务器的证书没有通过校验。</source>
        <extracomment>what a failed connection means, by the client&apos;s code</extracomment>
        <translation>No secure connection: the server&apos;s certificate did not pass the check.</translation>
    </message>
    <message>
        <source>连接在服务器应答之前中断了，操作可能已经完成，也可能没有。</source>
        <translation>The connection broke before the server answered; the action may or may not have been done.</translation>
    </message>
    <message>
        <source>服务器在规定的时间内没有应答，操作可能已经完成，也可能没有。</source>
        <translation>The server did not answer in time; the action may or may not have been done.</translation>
    </message>
    <message>
        <source>未能连接到服务器。</source>
        <translation>Could not connect to the server.</translation>
    </message>
    <message>
        <source>服务器处理这次请求时出错了。</source>
        <translation>The server had an error handling this request.</translation>
    </message>
    <message>
        <source>服务器没有完成这次操作。</source>
        <translation>The server did not complete this action.</translation>
    </message>
    <message>
        <source>程序内部出错，详细情况已记入日志文件。</source>
        <translation>An internal error occurred; the details are in the log file.</translation>
    </message>
    <message>
        <source>请求编号：{request_id}（联系自考办时请提供）</source>
        <translation>Request number: {request_id} (quote it when you contact the self-study exam office)</translation>
    </message>
    <message>
        <source>网络问题</source>
        <translation>Network problem</translation>
    </message>
    <message>
        <source>程序错误</source>
        <translation>Program error</translation>
    </message>
    <message>
        <source>还剩 {days} 天 {hours} 小时</source>
        <translation>{days} d {hours} h left</translation>
    </message>
    <message>
        <source>还剩 {hours} 小时 {minutes} 分</source>
        <translation>{hours} h {minutes} min left</translation>
    </message>
    <message>
        <source>还剩 {value} 分钟</source>
        <translation>{value} min left</translation>
    </message>
    <message>
        <source>截止</source>
        <translation>closes</translation>
    </message>
    <message>
        <source>开考</source>
        <translation>starts</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>starts</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>ends</translation>
    </message>
    <message>
        <source>{title}：{when}{verb}（{countdown_text}）</source>
        <translation>{title}: {verb} {when} ({countdown_text})</translation>
    </message>
    <message>
        <source>座位待分配，准考证打印开放后可见</source>
        <translation>Seat assigned when ticket printing opens</translation>
    </message>
    <message>
        <source>本场未报考</source>
        <translation>Not registered</translation>
    </message>
    <message>
        <source>第{room}考场 {seat}号座位</source>
        <translation>Room {room}, seat {seat}</translation>
    </message>
    <message>
        <source>场次</source>
        <translation>Slot</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>课程</source>
        <translation>Course</translation>
    </message>
    <message>
        <source>考场 / 座位</source>
        <translation>Room / seat</translation>
    </message>
    <message>
        <source>{site_name}：{site_address}</source>
        <translation>{site_name}: {site_address}</translation>
    </message>
    <message>
        <source>通过 {passed} 门</source>
        <translation>{passed} passed</translation>
    </message>
    <message>
        <source>未通过 {failed} 门</source>
        <translation>{failed} not passed</translation>
    </message>
    <message>
        <source>考次</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>报考课程</source>
        <translation>Courses</translation>
    </message>
    <message>
        <source>{len} 门</source>
        <translation>{len}</translation>
    </message>
    <message>
        <source>缴费金额（元）</source>
        <translation>Paid (¥)</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>“—”：这次报考没有网上缴费记录（网上报考系统启用以前的考次）</source>
        <translation>&quot;—&quot;: no online payment for this registration (sessions before online registration)</translation>
    </message>
    <message>
        <source>课程代码</source>
        <translation>Course code</translation>
    </message>
    <message>
        <source>课程名称</source>
        <translation>Course name</translation>
    </message>
    <message>
        <source>成绩 / 结果</source>
        <translation>Score / result</translation>
    </message>
    <message>
        <source>起始年月</source>
        <translation>From (month)</translation>
    </message>
    <message>
        <source>终止年月（空为至今）</source>
        <translation>To (month; empty = to date)</translation>
    </message>
    <message>
        <source>学习或工作单位</source>
        <translation>School or employer</translation>
    </message>
    <message>
        <source>职务或身份</source>
        <translation>Position or role</translation>
    </message>
    <message>
        <source>至今</source>
        <translation>to date</translation>
    </message>
    <message>
        <source>年月写成“2018-09”；终止年月留空表示至今</source>
        <translation>Write months as &quot;2018-09&quot;; leave the end empty for &quot;to date&quot;</translation>
    </message>
    <message>
        <source>  〔附件 {attachment_count}〕</source>
        <translation>  [attachments {attachment_count}]</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>发布日期</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>未读 {text}</source>
        <translation>{text} unread</translation>
    </message>
    <message>
        <source>已结束</source>
        <translation>Over</translation>
    </message>
    <message>
        <source>进行中，{countdown_text}结束</source>
        <translation>In progress, ends {countdown_text}</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>倒计时</source>
        <translation>Countdown</translation>
    </message>
    <message>
        <source>与我相关</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>供参考</source>
        <translation>For reference</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>更新时间</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>申请编号</source>
        <translation>Application no.</translation>
    </message>
    <message>
        <source>办理人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>时段</source>
        <translation>Slot</translation>
    </message>
    <message>
        <source>剩余名额</source>
        <translation>Places left</translation>
    </message>
    <message>
        <source>已约满</source>
        <translation>Fully booked</translation>
    </message>
    <message>
        <source>预约号</source>
        <translation>Booking no.</translation>
    </message>
    <message>
        <source>办理地点</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>周六上午</source>
        <extracomment>the four exam slots of a session, in timetable order</extracomment>
        <translation>Sat morning</translation>
    </message>
    <message>
        <source>周六下午</source>
        <translation>Sat afternoon</translation>
    </message>
    <message>
        <source>周日上午</source>
        <translation>Sun morning</translation>
    </message>
    <message>
        <source>周日下午</source>
        <translation>Sun afternoon</translation>
    </message>
    <message>
        <source>理论课</source>
        <translation>Theory</translation>
    </message>
    <message>
        <source>实践课</source>
        <translation>Practical</translation>
    </message>
    <message>
        <source>毕业论文</source>
        <translation>Thesis</translation>
    </message>
    <message>
        <source>可报考</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已免考</source>
        <translation>Exempted</translation>
    </message>
    <message>
        <source>须先通过对应的理论课</source>
        <translation>Pass the theory course first</translation>
    </message>
    <message>
        <source>本考次未开考</source>
        <translation>Not offered this session</translation>
    </message>
    <message>
        <source>已报考（已缴费）</source>
        <translation>Registered (paid)</translation>
    </message>
    <message>
        <source>已在未完成的订单中</source>
        <translation>In an unfinished order</translation>
    </message>
    <message>
        <source>课程报考费 {yuan}元 × {courses}门</source>
        <translation>Course fees ¥{yuan} × {courses}</translation>
    </message>
    <message>
        <source>{yuan}元</source>
        <translation>¥{yuan}</translation>
    </message>
    <message>
        <source>考籍证工本费（首次报考）</source>
        <translation>Record card fee (first registration)</translation>
    </message>
    <message>
        <source>{kind}·必考</source>
        <translation>{kind} · required</translation>
    </message>
    <message>
        <source>{kind}·选考</source>
        <translation>{kind} · elective</translation>
    </message>
    <message>
        <source>不在本专业计划中</source>
        <extracomment>code → state for the current courses and choice (None: to be worked out)</extracomment>
        <translation>Not in your programme&apos;s plan</translation>
    </message>
    <message>
        <source>已报考的</source>
        <translation>registered course </translation>
    </message>
    <message>
        <source>未完成订单中的</source>
        <translation>unpaid course </translation>
    </message>
    <message>
        <source>已选的</source>
        <translation>chosen course </translation>
    </message>
    <message>
        <source>考试时间冲突：与{which}{code} {name}同在{get}</source>
        <translation>Time clash with {which}{code} {name}, both on {get}</translation>
    </message>
    <message>
        <source>已报考或待缴费{committed_courses}门</source>
        <translation>{committed_courses} registered or awaiting payment</translation>
    </message>
    <message>
        <source>已选{chosen}门</source>
        <translation>{chosen} chosen</translation>
    </message>
    <message>
        <source>每个考次最多报考{max_courses}门</source>
        <translation>At most {max_courses} courses per session</translation>
    </message>
    <message>
        <source>（{join}）</source>
        <translation> ({join})</translation>
    </message>
    <message>
        <source>（免考获批，已撤销报考并退费）</source>
        <translation> (exemption approved; registration withdrawn and refunded)</translation>
    </message>
    <message>
        <source>{status_text}（部分退款）</source>
        <translation>{status_text} (partly refunded)</translation>
    </message>
    <message>
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (¥)</translation>
    </message>
    <message>
        <source>下单时间</source>
        <translation>Ordered</translation>
    </message>
    <message>
        <source>缴费时间</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>全部结果</source>
        <extracomment>outcome filter keys → what they keep</extracomment>
        <translation>All results</translation>
    </message>
    <message>
        <source>通过</source>
        <comment>score result</comment>
        <translation>Passed</translation>
    </message>
    <message>
        <source>缺考</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>成绩</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>最好成绩</source>
        <translation>Best</translation>
    </message>
    <message>
        <source>复核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>该课程已发布成绩中最好的一次</source>
        <translation>Your best published result in this course</translation>
    </message>
    <message>
        <source>预计{date_text}前</source>
        <translation>Expected by {date_text}</translation>
    </message>
    <message>
        <source>原成绩</source>
        <translation>Original score</translation>
    </message>
    <message>
        <source>复核结果</source>
        <translation>Review result</translation>
    </message>
    <message>
        <source>申请时间</source>
        <translation>Requested</translation>
    </message>
    <message>
        <source>结果日期</source>
        <translation>Result date</translation>
    </message>
    <message>
        <source>建议理由</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>专业</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>{major_name}（{level}）</source>
        <translation>{major_name} ({level})</translation>
    </message>
    <message>
        <source>考籍</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>正常</source>
        <comment>account not locked</comment>
        <translation>Normal</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>原因 / 结果</source>
        <translation>Reason / result</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>正常</source>
        <comment>staff account active</comment>
        <translation>Active</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>待修改临时密码</source>
        <translation>Must change temporary password</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>发布时间</source>
        <translation>Publication time</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>发布单位</source>
        <translation>Published by</translation>
    </message>
    <message>
        <source>撤回原因</source>
        <translation>Reason for withdrawal</translation>
    </message>
    <message>
        <source>办理时间</source>
        <translation>Handled</translation>
    </message>
    <message>
        <source>无法与服务器建立安全连接（证书校验失败），请确认服务器地址正确</source>
        <extracomment>what each UI language asks the server&apos;s messages in (RFC 9110 Accept-Language; Chinese as fallback) told the server&apos;s &quot;now&quot; from each answer&apos;s ``X-Server-Time`` (the desktop&apos;s ServerClock) the embedded demo backend&apos;s per-launch secret, sent on every request (it refuses others) the server writes its messages in the UI&apos;s language (``AppSettings.language``)</extracomment>
        <translation>No secure connection to the server (the certificate check failed); check that the server address is right</translation>
    </message>
    <message>
        <source>服务器返回的数据无法识别</source>
        <translation>The server&apos;s answer could not be understood</translation>
    </message>
    <message>
        <source>操作失败，请稍后重试</source>
        <translation>The action failed; please try again later</translation>
    </message>
    <message>
        <source>无法连接到服务器，请检查网络后重试</source>
        <translation>Cannot connect to the server; check the network and try again</translation>
    </message>
    <message>
        <source>服务器响应超时，请稍后重试</source>
        <translation>The server took too long to answer; please try again later</translation>
    </message>
    <message>
        <source>请先登录</source>
        <translation>Please log in first</translation>
    </message>
    <message>
        <source>登录已失效，请重新登录</source>
        <translation>Your login has expired; please log in again</translation>
    </message>
    <message>
        <source>没有权限进行该操作</source>
        <translation>You do not have permission for this action</translation>
    </message>
    <message>
        <source>要找的内容不存在</source>
        <translation>What you are looking for does not exist</translation>
    </message>
    <message>
        <source>填写的内容有误，请检查后重试</source>
        <translation>Something you entered is wrong; please check and try again</translation>
    </message>
    <message>
        <source>当前状态不允许该操作</source>
        <translation>This action is not allowed in the current state</translation>
    </message>
    <message>
        <source>操作过于频繁，请稍后再试</source>
        <translation>Too many attempts; please try again later</translation>
    </message>
    <message>
        <source>服务器出错了，请稍后重试</source>
        <translation>The server had an error; please try again later</translation>
    </message>
    <message>
        <source>当前访问人数较多，您已进入排队。请勿刷新或重复登录，轮到您时自动进入</source>
        <translation>Many people are using the service, so you are in a queue. Do not refresh or log in again; you will be let in automatically when it is your turn</translation>
    </message>
    <message>
        <source>考试公告</source>
        <translation>Exam notices</translation>
    </message>
    <message>
        <source>报考通知</source>
        <translation>Registration notices</translation>
    </message>
    <message>
        <source>政策文件</source>
        <translation>Policies</translation>
    </message>
    <message>
        <source>成绩通知</source>
        <translation>Results notices</translation>
    </message>
    <message>
        <source>毕业办理</source>
        <translation>Graduation</translation>
    </message>
    <message>
        <source>信息更正</source>
        <comment>application kind</comment>
        <extracomment>called as ``progress(bytes_sent, total_bytes)`` while a file is sent (on the calling thread)</extracomment>
        <translation>Correction of details</translation>
    </message>
    <message>
        <source>课程免考</source>
        <translation>Course exemption</translation>
    </message>
    <message>
        <source>转出外省</source>
        <translation>Transfer out of Hunan</translation>
    </message>
    <message>
        <source>外省转入</source>
        <translation>Transfer into Hunan</translation>
    </message>
    <message>
        <source>省内转考</source>
        <translation>Change city in Hunan</translation>
    </message>
    <message>
        <source>窗口工作人员</source>
        <translation>Counter clerk</translation>
    </message>
    <message>
        <source>审核员</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>在籍</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <source>已转出</source>
        <translation>Transferred out</translation>
    </message>
    <message>
        <source>已毕业</source>
        <translation>Graduated</translation>
    </message>
    <message>
        <source>设置</source>
        <extracomment>the languages offered, each written in itself</extracomment>
        <translation>Settings</translation>
    </message>
    <message>
        <source>界面语言在下次启动程序时改变。</source>
        <translation>The language changes the next time you start the program.</translation>
    </message>
    <message>
        <source>高对比度(&amp;H)</source>
        <translation>&amp;High contrast</translation>
    </message>
    <message>
        <source>白字黑底，选中和焦点为黄色；立即生效</source>
        <translation>White text on black, selection and focus in yellow; takes effect at once</translation>
    </message>
    <message>
        <source>系统开启高对比度主题时，程序也使用高对比度。</source>
        <translation>When the system uses a high-contrast theme, so does the program.</translation>
    </message>
    <message>
        <source>界面语言(&amp;L)：</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>使用程序内置的演示服务器，不提供更新</source>
        <translation>No updates with the program&apos;s built-in demo server</translation>
    </message>
    <message>
        <source>已是最新版本 {version}</source>
        <translation>You have the latest version, {version}</translation>
    </message>
    <message>
        <source>管理员已将本机的软件更新推迟到 {time} 之后（北京时间），届时会自动再检查</source>
        <translation>The administrator has deferred updates on this PC until after {time} (Beijing time); the program will check again then</translation>
    </message>
    <message>
        <source>{reason}当前版本未作任何改动。</source>
        <extracomment>a refusal as the user reads it: its reason, then that nothing changed (``KEPT``)</extracomment>
        <translation>{reason} The current version was left unchanged.</translation>
    </message>
    <message>
        <source>更新信息不是用本程序信任的密钥签名的，可能是伪造的，已拒绝。</source>
        <translation>The update information is not signed with a key this program trusts and may be forged, so it was refused.</translation>
    </message>
    <message>
        <source>服务器提供的更新信息比本机已验证过的旧（回滚），可能被人替换，已拒绝。</source>
        <translation>The server&apos;s update information is older than what this computer has already verified (a rollback) and may have been replaced, so it was refused.</translation>
    </message>
    <message>
        <source>服务器提供的更新信息已过期（可能被冻结在旧状态），已拒绝；请联系管理员重新发布。</source>
        <translation>The server&apos;s update information has expired (it may be frozen in an old state), so it was refused; please ask the administrator to publish it again.</translation>
    </message>
    <message>
        <source>下载的更新文件比签名信息所写的大，已停止下载并拒绝。</source>
        <translation>The update file is larger than its signed information says, so the download was stopped and refused.</translation>
    </message>
    <message>
        <source>下载的更新文件与签名信息不符，可能被篡改，已拒绝。</source>
        <translation>The downloaded update does not match its signed information and may have been tampered with, so it was refused.</translation>
    </message>
    <message>
        <source>服务器没有提供软件更新。</source>
        <translation>The server offers no software updates.</translation>
    </message>
    <message>
        <source>下载中断（服务器停止或网络断开），下次检查更新时会重新下载。</source>
        <translation>The download was interrupted (the server stopped or the network went down); it starts again at the next check for updates.</translation>
    </message>
    <message>
        <source>更新信息未通过验证，已拒绝。</source>
        <translation>The update information failed verification, so it was refused.</translation>
    </message>
    <message>
        <source>更新没有完成。</source>
        <translation>The update did not finish.</translation>
    </message>
    <message>
        <source>请先检查更新。</source>
        <translation>Please check for updates first.</translation>
    </message>
    <message>
        <source>下载的更新包里的版本与签名信息不符，已拒绝。</source>
        <translation>The version in the downloaded update does not match its signed information, so it was refused.</translation>
    </message>
    <message>
        <source>从源代码运行，不提供更新</source>
        <translation>No updates when running from source code</translation>
    </message>
    <message>
        <source>这份程序不是正式发布的版本，不提供更新</source>
        <translation>No updates: this copy of the program is not an official release</translation>
    </message>
    <message>
        <source>新版本已下载并通过签名验证，下次启动程序时自动安装。</source>
        <translation>The new version was downloaded and its signature verified; it is installed the next time you start the program.</translation>
    </message>
    <message numerus="yes">
        <source>%n 字节</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>软件更新</source>
        <translation>Software update</translation>
    </message>
    <message>
        <source>下载，下次启动时安装</source>
        <translation>Download, install at next start</translation>
    </message>
    <message>
        <source>以后再说</source>
        <translation>Not now</translation>
    </message>
    <message>
        <source>增量更新</source>
        <translation>patch</translation>
    </message>
    <message>
        <source>完整更新</source>
        <translation>full download</translation>
    </message>
    <message>
        <source>有新版本 {version}（当前版本 {current}），需下载 {size}（{kind}）。
新版本的内容：</source>
        <translation>Version {version} is available (you have {current}); the download is {size} ({kind}).
What is new:</translation>
    </message>
    <message>
        <source>（发布者没有写说明）</source>
        <translation>(The publisher wrote no notes.)</translation>
    </message>
    <message>
        <source>正在下载并验证新版本……</source>
        <translation>Downloading and verifying the new version…</translation>
    </message>
</context>
</TS>
