<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <source>titles</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>body text</source>
        <translation>正文（仿宋）</translation>
    </message>
    <message>
        <source>headings</source>
        <translation>一级标题（黑体）</translation>
    </message>
    <message>
        <source>subheadings</source>
        <translation>二级标题（楷体）</translation>
    </message>
    <message>
        <source>tables</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>%1 (this program writes %2)</source>
        <translation>%1（本程序为 %2）</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Schema version</source>
        <translation>结构版本</translation>
    </message>
    <message>
        <source>Window font</source>
        <translation>界面字体</translation>
    </message>
    <message>
        <source>Report fonts (PDF)</source>
        <translation>报表字体（PDF）</translation>
    </message>
    <message>
        <source>Built on</source>
        <translation>运行环境</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reform Task Ledger&lt;/b&gt;&lt;p&gt;Keeps the task list of a reform plan: content, responsible departments and leaders, measures, deadlines, quarterly progress and supervision.&lt;/p&gt;</source>
        <translation>&lt;b&gt;改革任务台账&lt;/b&gt;&lt;p&gt;管理改革方案的任务清单：改革内容、责任部门和责任领导、推进措施、完成时限、季度进展与督办。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Cannot open the ledger</source>
        <translation>无法打开台账</translation>
    </message>
</context>
<context>
    <name>AsOfDialog</name>
    <message>
        <source>As-of date</source>
        <translation>指定日期</translation>
    </message>
    <message>
        <source>Show the ledger as of this date (the changes effective by then, and the warning lights):</source>
        <translation>按此日期查看台账（计入业务日期在此之前的修改，并按此日期计算预警灯）：</translation>
    </message>
    <message>
        <source>Use today&apos;s date</source>
        <translation>使用今天的日期</translation>
    </message>
</context>
<context>
    <name>AssessmentPage</name>
    <message>
        <source>The ledger as it stood at the end of this day; the same date gives the same result</source>
        <translation>按这一天结束时的台账计算；同一日期重算结果相同</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Issue results document…</source>
        <translation>生成考核结果公文…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至日期</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按期</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>督办记录</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报送扣分</translation>
    </message>
    <message>
        <source>%1: %2 departments as of %3, average %4; select one to see its score line by line.</source>
        <translation>%1年度：%2 个单位，截至 %3，平均得分 %4；选择一个单位查看逐项得分。</translation>
    </message>
    <message>
        <source>Not ranked: %1.</source>
        <translation>不参与排名：%1。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>%1: %2 points (rank %3)</source>
        <translation>%1：%2 分（第 %3 名）</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>BasicTab</name>
    <message>
        <source>Separate several departments with 、</source>
        <translation>多个部门用“、”分隔</translation>
    </message>
    <message>
        <source>Departments separated by 、. Collective terms such as 各部门 or 相关部门 are kept as written but are not departments: no filter entry, no fill-in form.</source>
        <translation>多个部门用“、”分隔。“各部门”“相关部门”等统称照原样保留，但不作为部门：不进入部门筛选，也不生成填报表。</translation>
    </message>
    <message>
        <source>e.g. 2017-09-30, 2017年9月底, 2017年第三季度, 持续推进</source>
        <translation>如 2017-09-30、2017年9月底、2017年第三季度、持续推进</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>改革领域</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>改革项目</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>具体改革内容</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>推进措施</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>项目类别</translation>
    </message>
    <message>
        <source>Lead dept.</source>
        <translation>牵头部门</translation>
    </message>
    <message>
        <source>Co-op depts.</source>
        <translation>配合部门</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>责任领导</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Done %</source>
        <translation>完成%</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Milestone Q%1</source>
        <translation>第%1季度节点目标</translation>
    </message>
    <message>
        <source>open-ended</source>
        <translation>无固定日期</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>CarryOverDialog</name>
    <message>
        <source>Carry over to next year</source>
        <translation>结转到下一年度</translation>
    </message>
    <message>
        <source>Unfinished tasks of</source>
        <translation>把</translation>
    </message>
    <message>
        <source>into the plan of</source>
        <translation>年未完成的任务结转到</translation>
    </message>
    <message>
        <source>Carry over</source>
        <translation>结转</translation>
    </message>
    <message>
        <source>Each ticked task becomes a new task of the next year&apos;s plan, linked to it; it keeps its history and shows as carried over from 1 January. Completed and cancelled tasks stay where they are.</source>
        <translation>勾选的每项任务在下一年度方案中成为一项新任务，并与原任务关联；原任务保留全部记录，自次年1月1日起显示为“已结转”。已完成、已取消的任务留在原方案中。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Done %</source>
        <translation>完成%</translation>
    </message>
    <message>
        <source>Next year&apos;s plan</source>
        <translation>下一年度方案</translation>
    </message>
    <message>
        <source>New No.</source>
        <translation>新编号</translation>
    </message>
    <message>
        <source> (new plan)</source>
        <translation>（新建方案）</translation>
    </message>
    <message>
        <source>%1 of %2 unfinished tasks will be carried over.</source>
        <translation>%2 项未完成任务中的 %1 项将结转。</translation>
    </message>
    <message>
        <source>No unfinished task to carry over.</source>
        <translation>没有需要结转的未完成任务。</translation>
    </message>
</context>
<context>
    <name>ChangesTab</name>
    <message>
        <source>Project</source>
        <translation>改革项目</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>具体改革内容</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>推进措施</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>项目类别</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>责任领导</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Deadline (as written)</source>
        <translation>完成时限（原文）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Done %</source>
        <translation>完成%</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>改革领域</translation>
    </message>
    <message>
        <source>Lead dept.</source>
        <translation>牵头部门</translation>
    </message>
    <message>
        <source>Co-op depts.</source>
        <translation>配合部门</translation>
    </message>
    <message>
        <source>Milestone Q%1</source>
        <translation>第%1季度节点目标</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Old</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>业务日期</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>By</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Refused: changed by someone else first</source>
        <translation>被拒绝：他人已先修改</translation>
    </message>
    <message>
        <source>Saved · correction: %1</source>
        <translation>已保存（更正：%1）</translation>
    </message>
    <message>
        <source>Saved · late entry</source>
        <translation>已保存（补录）</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Check the rows</source>
        <translation>检查数据行</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Re-read the file</source>
        <translation>重新读取文件</translation>
    </message>
    <message>
        <source>After correcting the workbook in Excel or WPS, read it again</source>
        <translation>在 Excel 或 WPS 中改正工作簿后重新读取</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>%1 problem(s) found. Nothing will be imported until they are corrected in the workbook.</source>
        <translation>发现 %1 处问题。在工作簿中改正之前不会导入任何内容。</translation>
    </message>
    <message>
        <source>No problems. Importing into “%1” will add %2, update %3 and leave %4 unchanged.</source>
        <translation>没有问题。导入到“%1”将新增 %2 项，更新 %3 项，%4 项不变。</translation>
    </message>
</context>
<context>
    <name>ClaimDialog</name>
    <message>
        <source>Evidence (%1)</source>
        <translation>佐证材料 (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Claim finished (申请销号)</source>
        <translation>申请销号</translation>
    </message>
    <message>
        <source>What was done, and which document or result proves it</source>
        <translation>做了什么，以什么文件或成果为证</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Finished on</source>
        <translation>办结日期</translation>
    </message>
    <message>
        <source>Reporting unit</source>
        <translation>申报单位</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>办结情况</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Accepted: PDF, OFD, pictures, Word/Excel/WPS documents. The office checks the evidence, then closes the task (销号) or returns it (退回).</source>
        <translation>可上传 PDF、OFD、图片、Word/Excel/WPS 文档。督查室复核佐证材料后销号或退回。</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>Evidence files</source>
        <translation>选择佐证材料</translation>
    </message>
</context>
<context>
    <name>CloseQuarterDialog</name>
    <message>
        <source>Close quarter</source>
        <translation>季度封账</translation>
    </message>
    <message>
        <source>Closing freezes every task as it stood at the quarter&apos;s end, with the documents issued for the quarter and their numbers: they reprint the same from then on. Changes effective in the quarter are then entered only as corrections, with a reason.</source>
        <translation>封账冻结季末时每项任务的情况，以及该季度已印发的文书和文号：此后重印内容不变。业务日期在该季度内的修改只能作为“更正”录入，并写明原因。</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Closed quarters: %1</source>
        <translation>已封账的季度：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 is already closed.</source>
        <translation>%1已经封账。</translation>
    </message>
    <message>
        <source>%1 is not over yet.</source>
        <translation>%1尚未结束，不能封账。</translation>
    </message>
    <message>
        <source>Documents issued for the quarter: %1</source>
        <translation>该季度已印发的文书：%1</translation>
    </message>
</context>
<context>
    <name>ClosedQuarters</name>
    <message>
        <source>%1 Q%2</source>
        <translation>%1年第%2季度</translation>
    </message>
    <message>
        <source>%1 is closed (季度封账). For it you can reprint the documents already issued, exactly as issued (same number and date), and preview anything; a new document needs the quarter reopened first (报表 ▸ 重新打开季度).</source>
        <translation>%1已封账。该季度可以原样重印已印发的文书（文号和日期不变），也可以预览；印发新的文书须先重新打开该季度（报表 ▸ 重新打开季度）。</translation>
    </message>
    <message>
        <source>Closed quarter</source>
        <translation>已封账的季度</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>重印</translation>
    </message>
</context>
<context>
    <name>ClosureCommands</name>
    <message>
        <source>Claim finished</source>
        <translation>申请销号</translation>
    </message>
    <message>
        <source>Close (销号)</source>
        <translation>销号</translation>
    </message>
    <message>
        <source>Return (退回)</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Add evidence</source>
        <translation>添加佐证材料</translation>
    </message>
    <message>
        <source>Remove evidence</source>
        <translation>移除佐证材料</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Closed quarter</source>
        <translation>季度已封账</translation>
    </message>
    <message>
        <source>Reason for the correction (printed in the quarter&apos;s reprints)</source>
        <translation>更正原因（印在该季度文书的重印件上）</translation>
    </message>
    <message>
        <source>Enter as correction</source>
        <translation>作为更正录入</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong that the program did not expect. Your data is safe: every change was saved when it was made. You can keep working; if this happens again, send the details below to the person who looks after the program.</source>
        <translation>程序遇到了意外的问题。您的数据是安全的：每一处修改在做出时都已保存。您可以继续工作；如果再次出现，请把下面的详细信息发给负责维护本程序的同事。</translation>
    </message>
    <message>
        <source>Log file: %1</source>
        <translation>日志文件：%1</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>显示详细信息</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <source>Reform Task Ledger</source>
        <translation>改革任务台账</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Red</source>
        <translation>红灯</translation>
    </message>
    <message>
        <source>Past the deadline and not done</source>
        <translation>已过完成时限仍未完成</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄灯</translation>
    </message>
    <message>
        <source>Due soon, or behind the time elapsed</source>
        <translation>即将到期，或进度落后于时间进度</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿灯</translation>
    </message>
    <message>
        <source>On schedule</source>
        <translation>序时推进</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Completed tasks</source>
        <translation>已完成的任务</translation>
    </message>
    <message>
        <source>Completion by area</source>
        <translation>各改革领域完成率</translation>
    </message>
    <message>
        <source>Completion by lead department, lowest first</source>
        <translation>各牵头部门完成率（由低到高）</translation>
    </message>
    <message>
        <source>Next deadlines</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Lagging two quarters running</source>
        <translation>连续两个季度滞后</translation>
    </message>
    <message>
        <source>Quarter by quarter (closed quarters)</source>
        <translation>各季度推进情况（已封账的季度）</translation>
    </message>
    <message>
        <source>Open tasks that were overdue, or more than the allowed points behind the time elapsed,
at the end of each of the last two quarters (by their quarterly progress reports).</source>
        <translation>在最近两个季度末都逾期、或按季度进展落后于时间进度超过允许百分点的未完成任务。</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open the task in the ledger</source>
        <translation>双击或按回车键在台账中打开该任务</translation>
    </message>
    <message>
        <source>As of %1 · lagging is judged at the quarter ends %2 and %3</source>
        <translation>截至 %1 · 滞后按 %2 和 %3 两个季度末判断</translation>
    </message>
    <message>
        <source>(No area)</source>
        <translation>（未分领域）</translation>
    </message>
    <message>
        <source>No tasks yet.</source>
        <translation>还没有任务。</translation>
    </message>
    <message>
        <source>No task has a lead department yet.</source>
        <translation>还没有任务设定牵头部门。</translation>
    </message>
    <message>
        <source>No open task is due from %1.</source>
        <translation>%1 以后没有到期的未完成任务。</translation>
    </message>
    <message>
        <source>Lagging two quarters running (%1)</source>
        <translation>连续两个季度滞后（%1 项）</translation>
    </message>
    <message>
        <source>Lagging two quarters running (first %1 of %2)</source>
        <translation>连续两个季度滞后（前 %1 项，共 %2 项）</translation>
    </message>
    <message>
        <source>No task has lagged two quarters running.</source>
        <translation>没有连续两个季度滞后的任务。</translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation>完成率</translation>
    </message>
    <message>
        <source>%1
%2 of %3 done (%4%)</source>
        <translation>%1
已完成 %2 / %3（%4%）</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>改革项目</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>牵头部门</translation>
    </message>
    <message>
        <source>Done %</source>
        <translation>完成%</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Close the task (销号)</source>
        <translation>销号</translation>
    </message>
    <message>
        <source>Return the claim (退回)</source>
        <translation>退回销号申请</translation>
    </message>
    <message>
        <source>Evidence complete; closed.</source>
        <translation>佐证材料齐全，同意销号。</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Review opinion</source>
        <translation>复核意见</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺少的材料</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Quarterly progress</source>
        <translation>季度进展</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>督办记录</translation>
    </message>
    <message>
        <source>Change log</source>
        <translation>变更记录</translation>
    </message>
    <message>
        <source>Select a task in the table to see and edit its details.</source>
        <translation>在表格中选择一项任务，即可查看和编辑详细信息。</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Carries on %1</source>
        <translation>接续：%1</translation>
    </message>
    <message>
        <source>Carried over to %1</source>
        <translation>已结转为：%1</translation>
    </message>
    <message>
        <source>%1: </source>
        <translation>%1年：</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>第 %1 版</translation>
    </message>
</context>
<context>
    <name>DocumentSettings</name>
    <message>
        <source>Letterhead (red, empty: the office&apos;s name)</source>
        <translation>发文机关标志（版头红字，空则用单位名称）</translation>
    </message>
    <message>
        <source>Number prefix: supervision sheets</source>
        <translation>督办单编号前缀</translation>
    </message>
    <message>
        <source>Number prefix: progress bulletins</source>
        <translation>通报发文字号前缀</translation>
    </message>
    <message>
        <source>Number prefix: rectification notices</source>
        <translation>整改通知书发文字号前缀</translation>
    </message>
    <message>
        <source>Number prefix: annual reports</source>
        <translation>年度督查报告发文字号前缀</translation>
    </message>
    <message>
        <source>Number prefix: assessment results</source>
        <translation>发文字号前缀：年度考核结果</translation>
    </message>
    <message>
        <source>Bulletins addressed to</source>
        <translation>通报主送单位</translation>
    </message>
    <message>
        <source>Copies to (imprint, may be empty)</source>
        <translation>抄送（版记，可空）</translation>
    </message>
    <message>
        <source>Supervision requirement on sheets</source>
        <translation>督办单“督办要求”</translation>
    </message>
    <message>
        <source>Sheets returned by this day of the next quarter&apos;s first month</source>
        <translation>督办单反馈时限：下季度首月几日前</translation>
    </message>
    <message>
        <source>Bulletin requirements (one paragraph per line)</source>
        <translation>通报“下步要求”（每行一段）</translation>
    </message>
    <message>
        <source>Contact person (rectification notices)</source>
        <translation>联系人（整改通知书）</translation>
    </message>
    <message>
        <source>Contact telephone</source>
        <translation>联系电话</translation>
    </message>
</context>
<context>
    <name>EffectiveDateEdit</name>
    <message>
        <source>Effective date</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>The day the changes you make (here and in the table) took effect. A day before today is recorded as a late entry (补录); a day in a closed quarter needs a correction reason (更正).</source>
        <translation>在此处和任务表中所做修改的生效日期（业务日期）。早于今天的记为“补录”；在已封账的季度内的须作为“更正”并写明原因。</translation>
    </message>
    <message>
        <source>As shown</source>
        <translation>随查看日期</translation>
    </message>
    <message>
        <source>Back to the day the ledger is shown as of</source>
        <translation>恢复为台账的查看日期</translation>
    </message>
    <message>
        <source>The changes you make from now on took effect on:</source>
        <translation>此后所做修改的生效日期（业务日期）：</translation>
    </message>
    <message>
        <source>The day the ledger is shown as of</source>
        <translation>随台账的查看日期</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>The ledger is empty</source>
        <translation>台账还是空的</translation>
    </message>
    <message>
        <source>Import the task table you were given (an Excel .xlsx file), or open the demo ledger built from the Changzhou 2017 reform task table to look around.</source>
        <translation>导入您手中的任务表（Excel .xlsx 文件），或打开根据常州经开区 2017 年改革创新目标任务表生成的示例台账看一看。</translation>
    </message>
    <message>
        <source>Import task table…</source>
        <translation>导入任务表…</translation>
    </message>
    <message>
        <source>Open demo ledger</source>
        <translation>打开示例台账</translation>
    </message>
</context>
<context>
    <name>EscalationPage</name>
    <message>
        <source>Double-click a task to open it in the ledger</source>
        <translation>双击任务在台账中打开</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>采纳</translation>
    </message>
    <message>
        <source>Dismiss…</source>
        <translation>不采纳…</translation>
    </message>
    <message>
        <source>Record the step (a 限期整改 issues the rectification notice, numbered and held until printed); Ctrl+Z undoes it until then</source>
        <translation>记入督办记录（限期整改则编号下发整改通知书，打印前暂存）；打印前可按 Ctrl+Z 撤销</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Rectification notices issued, not yet printed (can still be undone):</source>
        <translation>已下发、尚未打印的整改通知书（仍可撤销）：</translation>
    </message>
    <message>
        <source>Reminder before the deadline</source>
        <translation>临近提醒</translation>
    </message>
    <message>
        <source>Urge (催办)</source>
        <translation>催办</translation>
    </message>
    <message>
        <source>Public criticism (通报批评)</source>
        <translation>通报批评</translation>
    </message>
    <message>
        <source>Rectification notice (限期整改)</source>
        <translation>限期整改</translation>
    </message>
    <message>
        <source>Accountability (问责)</source>
        <translation>问责</translation>
    </message>
    <message>
        <source>No change reported (进展无变化)</source>
        <translation>进展无变化</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>情况</translation>
    </message>
    <message>
        <source> · no change reported</source>
        <translation> · 进展无变化</translation>
    </message>
    <message>
        <source>As of %1: %2 proposals. Dismissed proposals are not made again in %3 Q%4.</source>
        <translation>截至 %1：督办建议 %2 项。不采纳的建议在 %3 年第 %4 季度内不再提出。</translation>
    </message>
    <message>
        <source>Nothing to propose: every open task is on schedule.</source>
        <translation>没有督办建议：未完成的任务均按序时推进。</translation>
    </message>
    <message>
        <source>Accept: %1 of task %2</source>
        <translation>采纳：任务 %2 %1</translation>
    </message>
    <message>
        <source>Issued %1; print or save it below (Ctrl+Z takes it back until then).</source>
        <translation>已下发 %1；请在下方打印或另存（此前可按 Ctrl+Z 撤销）。</translation>
    </message>
    <message>
        <source>Dismiss proposal</source>
        <translation>不采纳督办建议</translation>
    </message>
    <message>
        <source>Why is %1 of task %2 not taken up? (kept with the task; not proposed again this quarter)</source>
        <translation>任务 %2 的“%1”建议不采纳的理由（记入台账；本季度不再提出）：</translation>
    </message>
    <message>
        <source>Dismiss: %1 of task %2</source>
        <translation>不采纳：任务 %2 %1</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Deliver %1</source>
        <translation>交付 %1</translation>
    </message>
</context>
<context>
    <name>EvidenceTab</name>
    <message>
        <source>Claim finished…</source>
        <translation>申请销号…</translation>
    </message>
    <message>
        <source>Close (销号)…</source>
        <translation>销号…</translation>
    </message>
    <message>
        <source>Return (退回)…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <source>Add evidence…</source>
        <translation>添加佐证材料…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>%1 pages</source>
        <translation>%1 页</translation>
    </message>
    <message>
        <source>Not claimed finished yet.</source>
        <translation>尚未申请销号。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Closed (销号)&lt;/b&gt; on %1 by %2: %3</source>
        <translation>&lt;b&gt;已销号&lt;/b&gt;（%1，%2）：%3</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#d93025&apos;&gt;Returned (退回)&lt;/b&gt; on %1: %2 · missing: %3</source>
        <translation>&lt;b style=&apos;color:#d93025&apos;&gt;已退回&lt;/b&gt;（%1）：%2 · 缺少：%3</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#1a73e8&apos;&gt;Awaiting closure (待销号)&lt;/b&gt; since %1 (%2): %3</source>
        <translation>&lt;b style=&apos;color:#1a73e8&apos;&gt;待销号&lt;/b&gt;：%1 申请（%2）：%3</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Evidence files</source>
        <translation>选择佐证材料</translation>
    </message>
    <message>
        <source>Remove evidence</source>
        <translation>移除佐证材料</translation>
    </message>
    <message>
        <source>Remove the selected evidence? It stays in the record, and Ctrl+Z puts it back.</source>
        <translation>移除选中的佐证材料？移除会记入变更记录，可按 Ctrl+Z 撤销。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export ledger</source>
        <translation>导出台账</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the task table</source>
        <translation>选择任务表</translation>
    </message>
    <message>
        <source>An Excel workbook (.xlsx) such as the 目标任务表 attached to the plan.</source>
        <translation>Excel 工作簿（.xlsx），例如方案所附的目标任务表。</translation>
    </message>
    <message>
        <source>Type or paste the path of an .xlsx file, or choose one</source>
        <translation>输入或粘贴 .xlsx 文件的路径，或点“浏览…”选择</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>(none found)</source>
        <translation>（未找到）</translation>
    </message>
    <message>
        <source>Plan year</source>
        <translation>方案年度</translation>
    </message>
    <message>
        <source>No year was found in the title or the deadlines.</source>
        <translation>标题和完成时限中都没有找到年份。</translation>
    </message>
    <message>
        <source>Chosen here.</source>
        <translation>在此指定。</translation>
    </message>
    <message>
        <source>Taken from the title of the table.</source>
        <translation>取自表格标题。</translation>
    </message>
    <message>
        <source>The title names no year: taken from the earliest deadline.</source>
        <translation>标题中没有年份：取最早的完成时限所在年份。</translation>
    </message>
    <message>
        <source>It is the year of deadlines written without one (&quot;6月底前&quot;), and new tasks start on 1 January of it: the yellow light for work behind schedule counts the time elapsed from that date.</source>
        <translation>没写年份的完成时限（如“6月底前”）按此年份理解；新任务的开始日期为该年 1 月 1 日，“进度落后”黄灯的时间进度从这一天算起。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Import into plan</source>
        <translation>导入到方案</translation>
    </message>
    <message>
        <source>Import task table</source>
        <translation>导入任务表</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search title, content, measures, departments, progress…</source>
        <translation>搜索项目、内容、措施、部门、进展…</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All lights</source>
        <translation>全部预警灯</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红灯</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄灯</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿灯</translation>
    </message>
    <message>
        <source>Awaiting closure</source>
        <translation>待销号</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>All areas</source>
        <translation>全部领域</translation>
    </message>
    <message>
        <source>Due between</source>
        <translation>到期介于</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear all filters (Esc in the search box)</source>
        <translation>清除全部筛选（在搜索框中按 Esc）</translation>
    </message>
    <message>
        <source>Filters that do not fit beside the search box</source>
        <translation>搜索框旁放不下的筛选条件</translation>
    </message>
    <message>
        <source>More filters</source>
        <translation>更多筛选</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n 项任务</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 tasks</source>
        <translation>%1 / %2 项任务</translation>
    </message>
</context>
<context>
    <name>FormsDialog</name>
    <message>
        <source>Generate fill-in forms</source>
        <translation>生成填报表</translation>
    </message>
    <message>
        <source>Q%1</source>
        <translation>第%1季度</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>GroupSettings</name>
    <message>
        <source>A lead or co-operating cell may name a class of units rather than one unit: 各部门, 相关单位, 成员单位, 区属国企, 镇街… Such classes are kept with the task as written but are never departments: no fill-in form, no department filter entry, no place in the assessment. They are recognised by rule (a leading 各/相关/有关/其他, or a class word such as 部门, 单位, 企业, 国企, 镇街, 园区 with nothing but words like 区属, 市级, 属地, 成员 before it). Separate the words with 、 or one per line.</source>
        <translation>牵头、配合单位栏中可能写的是一类单位（统称），而不是某一个单位：各部门、相关单位、成员单位、区属国企、镇街……统称照原样保留在任务中，但从不作为部门：不生成填报表，不进入部门筛选，不参加考核排名。程序按规则识别统称：以“各、相关、有关、其他”等开头，或以部门、单位、企业、国企、镇街、园区等统称词结尾且前面只有区属、市级、属地、成员之类的限定词。多个词用“、”分隔或每行一个。</translation>
    </message>
    <message>
        <source>e.g. 商协会
社会组织</source>
        <translation>例如：商协会
社会组织</translation>
    </message>
    <message>
        <source>e.g. 园区 (when one unit is called so)</source>
        <translation>例如：园区（某个单位就叫这个名字时）</translation>
    </message>
    <message>
        <source>More class words</source>
        <translation>补充统称词</translation>
    </message>
    <message>
        <source>Units, not classes (exceptions)</source>
        <translation>视为单位的名称（例外）</translation>
    </message>
</context>
<context>
    <name>GroupWordsDialog</name>
    <message>
        <source>Class words (统称)</source>
        <translation>统称词</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>The import failed and nothing was written:
%1</source>
        <translation>导入失败，未写入任何内容：
%1</translation>
    </message>
    <message>
        <source>Imported into “%1”: %2 added, %3 updated, %4 unchanged.</source>
        <translation>已导入到“%1”：新增 %2 项，更新 %3 项，%4 项不变。</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import task table</source>
        <translation>导入任务表</translation>
    </message>
</context>
<context>
    <name>IndicatorImportDialog</name>
    <message>
        <source>Import indicator table</source>
        <translation>导入指标表</translation>
    </message>
    <message>
        <source>New plan: %1</source>
        <translation>新方案：%1</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Attach to plan</source>
        <translation>归入方案</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>%1 problem(s) found. Nothing will be imported until they are corrected in the workbook.</source>
        <translation>发现 %1 个问题。在工作簿中改正之前不会导入任何内容。</translation>
    </message>
    <message>
        <source>No problems. %1 indicator(s) from sheet “%2” attach to plan “%3”: %4 new, %5 changed, %6 unchanged; %7 actual value(s) recorded.</source>
        <translation>没有问题。工作表“%2”的 %1 项指标将归入方案“%3”：新增 %4，修改 %5，未变 %6；记录实际值 %7 个。</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>In the plan</source>
        <translation>方案中</translation>
    </message>
    <message>
        <source>already there: updated</source>
        <translation>已有：按表更新</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
</context>
<context>
    <name>IndicatorModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基期</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最新实际值</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>完成进度</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>序时进度</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>预警灯</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>走势</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>已达标</translation>
    </message>
    <message>
        <source>Not reported</source>
        <translation>未报送</translation>
    </message>
    <message>
        <source>On schedule</source>
        <translation>序时推进</translation>
    </message>
    <message>
        <source>Behind</source>
        <translation>滞后</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期未达标</translation>
    </message>
</context>
<context>
    <name>IndicatorsPage</name>
    <message>
        <source>Import indicator table…</source>
        <translation>导入指标表…</translation>
    </message>
    <message>
        <source>Record actual value…</source>
        <translation>录入实际值…</translation>
    </message>
    <message>
        <source>No indicators yet. Import an indicator table (指标名称、目标值、目标年份…) or open the demo ledger.</source>
        <translation>还没有指标。请导入指标表（指标名称、目标值、目标年份…），或打开示例台账。</translation>
    </message>
    <message>
        <source>As of %1: %2 indicators — %3 reached, %4 on schedule, %5 behind, %6 overdue</source>
        <translation>截至 %1：指标 %2 项 — 已达标 %3，序时推进 %4，滞后 %5，逾期未达标 %6</translation>
    </message>
    <message>
        <source>, %1 not reported</source>
        <translation>，未报送 %1</translation>
    </message>
    <message>
        <source>Path to the target</source>
        <translation>目标路径</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际值</translation>
    </message>
</context>
<context>
    <name>LedgerController</name>
    <message>
        <source>Edit task</source>
        <translation>修改任务</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>新任务</translation>
    </message>
    <message>
        <source>Delete task</source>
        <translation>删除任务</translation>
    </message>
    <message>
        <source>Quarterly progress</source>
        <translation>季度进展</translation>
    </message>
    <message>
        <source>Add supervision record</source>
        <translation>添加督办记录</translation>
    </message>
    <message>
        <source>Edit supervision record</source>
        <translation>修改督办记录</translation>
    </message>
    <message>
        <source>Delete supervision record</source>
        <translation>删除督办记录</translation>
    </message>
</context>
<context>
    <name>LedgerLocation</name>
    <message>
        <source>This computer&apos;s ledger file</source>
        <translation>本机台账文件</translation>
    </message>
    <message>
        <source>Connect to a shared ledger server</source>
        <translation>连接共享台账服务器</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Now open: %1</source>
        <translation>当前打开：%1</translation>
    </message>
    <message>
        <source>Enter the server address, e.g. postgresql+psycopg://user@server/dbname</source>
        <translation>请填写服务器地址，如 postgresql+psycopg://用户@服务器/库名</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import task table…</source>
        <translation>导入任务表(&amp;I)…</translation>
    </message>
    <message>
        <source>Import in&amp;dicator table…</source>
        <translation>导入指标表(&amp;D)…</translation>
    </message>
    <message>
        <source>Open &amp;demo ledger</source>
        <translation>打开示例台账(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Back to my ledger</source>
        <translation>返回我的台账(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Export ledger to Excel…</source>
        <translation>导出台账到 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Generate fill-in forms…</source>
        <translation>生成填报表(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Merge returned forms…</source>
        <translation>导入填报表(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Carry over to next year…</source>
        <translation>结转到下一年度(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Back up ledger</source>
        <translation>备份台账(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;New task</source>
        <translation>新建任务(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Delete task…</source>
        <translation>删除任务(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Effective date…</source>
        <translation>生效日期(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Ledger</source>
        <translation>台账(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>仪表盘(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Indicators</source>
        <translation>指标(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Supervision to do</source>
        <translation>待办督办(&amp;S)</translation>
    </message>
    <message>
        <source>Annual &amp;assessment</source>
        <translation>年度考核(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Detail pane</source>
        <translation>详情窗格(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>列(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;As-of date…</source>
        <translation>指定日期(&amp;A)…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Supervision reports…</source>
        <translation>督办报表(&amp;S)…</translation>
    </message>
    <message>
        <source>Annual &amp;assessment results…</source>
        <translation>年度考核结果公文(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Close quarter…</source>
        <translation>季度封账(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Reopen quarter…</source>
        <translation>重新打开季度(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>使用手册(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Fit columns to window</source>
        <translation>适应窗口宽度</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Reform Task Ledger</source>
        <translation>改革任务台账</translation>
    </message>
    <message>
        <source>Red %1 · Yellow %2 · Green %3 · Done %4</source>
        <translation>红灯 %1 · 黄灯 %2 · 绿灯 %3 · 已完成 %4</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>截至 %1</translation>
    </message>
    <message>
        <source> (fixed)</source>
        <translation>（指定）</translation>
    </message>
    <message>
        <source>Edits take effect %1</source>
        <translation>修改的生效日期：%1</translation>
    </message>
    <message>
        <source> · Awaiting closure %1</source>
        <translation> · 待销号 %1</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>%1 fill-in form(s) written</source>
        <translation>已生成 %1 份填报表</translation>
    </message>
    <message>
        <source>Merge returned forms</source>
        <translation>导入填报表</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Back to your own ledger: %1</source>
        <translation>已返回您的台账：%1</translation>
    </message>
    <message>
        <source>Ledger backed up to %1</source>
        <translation>台账已备份到 %1</translation>
    </message>
    <message>
        <source>Back up the ledger</source>
        <translation>备份台账</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Ledger backups (*.db)</source>
        <translation>台账备份 (*.db)</translation>
    </message>
    <message>
        <source>Replace the ledger %1 with the backup %2?

The backup is checked first; the current ledger is kept beside it as a “.replaced” file. Close other windows on this ledger before you go on.</source>
        <translation>用备份 %2 替换台账 %1 吗？

程序会先检查备份是否完整；当前台账另存在旁边（文件名含“.replaced”）。继续之前，请关闭打开此台账的其他窗口。</translation>
    </message>
    <message>
        <source>Ledger restored from %1.</source>
        <translation>已从 %1 恢复台账。</translation>
    </message>
    <message>
        <source>The replaced ledger was kept as %1.</source>
        <translation>原台账已另存为 %1。</translation>
    </message>
    <message>
        <source>The ledger is damaged</source>
        <translation>台账已损坏</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Demo ledger opened: changes here do not touch your own ledger.</source>
        <translation>已打开示例台账：在此所做的修改不会影响您自己的台账。</translation>
    </message>
    <message>
        <source>Import a task table first: a new task belongs to a plan.</source>
        <translation>请先导入任务表：新任务需要属于某个方案。</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>新任务</translation>
    </message>
    <message>
        <source>Delete task</source>
        <translation>删除任务</translation>
    </message>
    <message>
        <source>Delete task %1 “%2” with its progress reports and supervision records?
You can undo this with Ctrl+Z.</source>
        <translation>删除任务 %1“%2”及其季度进展和督办记录？
可以用 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>任务已被他人修改</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <source>Keep what I see</source>
        <translation>暂不载入</translation>
    </message>
    <message>
        <source>Import indicator table</source>
        <translation>导入指标表</translation>
    </message>
    <message>
        <source>Imported %1 indicators into “%2”: %3 new, %4 updated, %5 actual values</source>
        <translation>已导入 %1 项指标到“%2”：新增 %3，更新 %4，实际值 %5 个</translation>
    </message>
    <message>
        <source>%1 closed: %2 tasks, %3 done</source>
        <translation>%1已封账：%2 项任务，已完成 %3 项</translation>
    </message>
    <message>
        <source>%1 task(s) carried over</source>
        <translation>已结转 %1 项任务</translation>
    </message>
</context>
<context>
    <name>ManualDialog</name>
    <message>
        <source>User guide</source>
        <translation>使用手册</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Open the manual&apos;s folder</source>
        <translation>打开手册所在文件夹</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Check the columns</source>
        <translation>核对列</translation>
    </message>
    <message>
        <source>The header row and the meaning of each column were recognised automatically. Correct them here if needed.</source>
        <translation>已自动识别表头行和各列含义，如有不对请在此更正。</translation>
    </message>
    <message>
        <source>Row of the sheet that holds the column names</source>
        <translation>工作表中列名所在的行</translation>
    </message>
    <message>
        <source>Header row</source>
        <translation>表头行</translation>
    </message>
    <message>
        <source>What each column holds (choose above the column):</source>
        <translation>各列含义（在该列上方选择）：</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>（忽略）</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge returned forms</source>
        <translation>导入填报表</translation>
    </message>
    <message>
        <source>Evidence folder…</source>
        <translation>佐证材料文件夹…</translation>
    </message>
    <message>
        <source>Evidence zip…</source>
        <translation>佐证材料压缩包…</translation>
    </message>
    <message>
        <source>Evidence sent with the forms:</source>
        <translation>随表交回的佐证材料：</translation>
    </message>
    <message>
        <source>Evidence folder</source>
        <translation>选择佐证材料文件夹</translation>
    </message>
    <message>
        <source>Evidence zip</source>
        <translation>选择佐证材料压缩包</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>改革项目</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变动</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>%1 answer(s) can be merged, %2 have conflicts.</source>
        <translation>%1 项答复可以合并，%2 项有冲突。</translation>
    </message>
    <message>
        <source>Merge ticked</source>
        <translation>合并勾选的答复</translation>
    </message>
    <message>
        <source>Merge forms</source>
        <translation>合并填报表</translation>
    </message>
</context>
<context>
    <name>MethodSettings</name>
    <message>
        <source>Remind this many days before a deadline</source>
        <translation>临近提醒：完成时限前天数</translation>
    </message>
    <message>
        <source>Propose public criticism after this many lagging quarters</source>
        <translation>连续滞后几个季度列为通报批评候选</translation>
    </message>
    <message>
        <source>…or this many days after urging an overdue task</source>
        <translation>或逾期催办后仍未完成的天数</translation>
    </message>
    <message>
        <source>Days given to rectify</source>
        <translation>限期整改期限（天）</translation>
    </message>
    <message>
        <source>Base score</source>
        <translation>基础分</translation>
    </message>
    <message>
        <source>Done on time (per task)</source>
        <translation>按期完成：每项加分</translation>
    </message>
    <message>
        <source>Done early, extra (per task)</source>
        <translation>提前完成：每项另加分</translation>
    </message>
    <message>
        <source>Early means this many days before the deadline</source>
        <translation>提前完成：完成时限前天数</translation>
    </message>
    <message>
        <source>Done late (deducted per task)</source>
        <translation>逾期完成：每项扣分</translation>
    </message>
    <message>
        <source>Not done by the deadline (deducted per task)</source>
        <translation>到期未完成：每项扣分</translation>
    </message>
    <message>
        <source>Weights by category (类别=权重；…)</source>
        <translation>项目类别权重（类别=权重；…）</translation>
    </message>
    <message>
        <source>Co-operating departments get this share</source>
        <translation>配合单位按牵头单位分值的比例</translation>
    </message>
    <message>
        <source>Public criticism (deducted each)</source>
        <translation>通报批评：每次扣分</translation>
    </message>
    <message>
        <source>Rectification notice (deducted each)</source>
        <translation>限期整改：每次扣分</translation>
    </message>
    <message>
        <source>Accountability (deducted each)</source>
        <translation>问责：每次扣分</translation>
    </message>
    <message>
        <source>Quarterly report late (deducted each)</source>
        <translation>季度进展迟报：每项次扣分</translation>
    </message>
    <message>
        <source>Quarterly report missing (deducted each)</source>
        <translation>季度进展未报：每项次扣分</translation>
    </message>
    <message>
        <source>Units assessed (one a line)</source>
        <translation>考核对象（每行一个单位）</translation>
    </message>
    <message>
        <source>One evidence file at most (MB)</source>
        <translation>单个佐证材料上限（MB）</translation>
    </message>
    <message>
        <source>One task&apos;s evidence at most (MB)</source>
        <translation>每项任务佐证材料合计上限（MB）</translation>
    </message>
    <message>
        <source>已完成 only with evidence</source>
        <translation>已完成须有佐证材料</translation>
    </message>
    <message>
        <source>Supervision proposals</source>
        <translation>督办建议</translation>
    </message>
    <message>
        <source>Annual assessment method</source>
        <translation>年度考核办法</translation>
    </message>
    <message>
        <source>Closure (办结销号)</source>
        <translation>办结销号</translation>
    </message>
</context>
<context>
    <name>NavPane</name>
    <message>
        <source>All tasks</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Overdue (red)</source>
        <translation>逾期（红灯）</translation>
    </message>
    <message>
        <source>Warning (yellow)</source>
        <translation>预警（黄灯）</translation>
    </message>
    <message>
        <source>Due this quarter</source>
        <translation>本季度到期</translation>
    </message>
    <message>
        <source>Awaiting closure (待销号)</source>
        <translation>待销号</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Year %1</source>
        <translation>%1年</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
</context>
<context>
    <name>PdfZoom</name>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>No printer is set up on this computer, so nothing can be printed. Save the document as a PDF and print it from another computer, or set up a printer in Windows (Settings ▸ Printers) and print again.</source>
        <translation>这台电脑没有设置打印机，无法打印。可以另存为 PDF，在其他电脑上打印；或在 Windows 中添加打印机（设置 ▸ 打印机）后再打印。</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
</context>
<context>
    <name>ProgressTab</name>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Done %</source>
        <translation>完成%</translation>
    </message>
    <message>
        <source>Work done</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>下步打算</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>填报人</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>业务日期</translation>
    </message>
    <message>
        <source>Q%1</source>
        <translation>第%1季度</translation>
    </message>
    <message>
        <source>The day this report describes: the quarter&apos;s end (today while the quarter runs), or the day within it that things happened</source>
        <translation>本次进展所述情况的日期：默认季度末（季度未结束时为今天），也可以是季度内情况发生的那一天</translation>
    </message>
    <message>
        <source>Save this quarter</source>
        <translation>保存本季度进展</translation>
    </message>
    <message>
        <source>Adds the quarter&apos;s report, or replaces it if the quarter already has one</source>
        <translation>添加该季度的进展；该季度已有进展时替换之</translation>
    </message>
    <message>
        <source>Effective on</source>
        <translation>业务日期</translation>
    </message>
    <message>
        <source>%1 Q%2</source>
        <translation>%1年第%2季度</translation>
    </message>
    <message>
        <source>Quarterly progress</source>
        <translation>季度进展</translation>
    </message>
    <message>
        <source>Describe the work done this quarter.</source>
        <translation>请填写本季度完成情况。</translation>
    </message>
</context>
<context>
    <name>QuarterDialogs</name>
    <message>
        <source>Q%1</source>
        <translation>第%1季度</translation>
    </message>
</context>
<context>
    <name>ReminderPanel</name>
    <message>
        <source>Supervision to do</source>
        <translation>待办督办</translation>
    </message>
    <message>
        <source>Hide today&apos;s reminders</source>
        <translation>关闭今日提醒</translation>
    </message>
    <message>
        <source>Supervision proposed: %1</source>
        <translation>督办建议：%1</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation>等另 %1 个</translation>
    </message>
    <message>
        <source>Forms not yet returned: %1</source>
        <translation>填报表未交回：%1</translation>
    </message>
    <message>
        <source>Rectification due this week: task %1</source>
        <translation>本周整改到期：任务 %1</translation>
    </message>
    <message>
        <source>Today (%1) — </source>
        <translation>今日提醒（%1）：</translation>
    </message>
</context>
<context>
    <name>ReopenQuarterDialog</name>
    <message>
        <source>Reopen quarter</source>
        <translation>重新打开季度</translation>
    </message>
    <message>
        <source>Name of the person who allows it</source>
        <translation>批准重新打开的负责人姓名</translation>
    </message>
    <message>
        <source>Why the quarter is reopened</source>
        <translation>重新打开的原因</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Allowed by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Its documents are computed from the ledger again until the quarter is closed anew.</source>
        <translation>重新打开后，该季度的文书按台账重新生成，直到再次封账。</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Supervision reports</source>
        <translation>督办报表</translation>
    </message>
    <message>
        <source>Quarterly supervision sheets</source>
        <translation>季度督办单</translation>
    </message>
    <message>
        <source>Quarterly progress bulletin</source>
        <translation>季度推进情况通报</translation>
    </message>
    <message>
        <source>Annual inspection report</source>
        <translation>年度督查报告</translation>
    </message>
    <message>
        <source>Rectification notice (one task)</source>
        <translation>限期整改通知书（单项任务）</translation>
    </message>
    <message>
        <source>Full ledger (current filter)</source>
        <translation>工作台账（当前筛选）</translation>
    </message>
    <message>
        <source>Annual assessment results</source>
        <translation>年度改革任务考核结果</translation>
    </message>
    <message>
        <source>Closure approval forms (one task, or the quarter&apos;s claims)</source>
        <translation>办结销号审批表（一项任务，或一个季度的申请）</translation>
    </message>
    <message>
        <source>Q%1</source>
        <translation>第%1季度</translation>
    </message>
    <message>
        <source>The date the document is signed and issued (成文日期); a reprint keeps the date and number it was first issued with</source>
        <translation>公文的成文日期；重印已印发的公文沿用首次印发的日期和编号</translation>
    </message>
    <message>
        <source>Tick departments to limit the sheets to them; none ticked means all</source>
        <translation>勾选部门则只生成这些部门的督办单；不勾选为全部部门</translation>
    </message>
    <message>
        <source>Task number, e.g. 4</source>
        <translation>任务编号，如 4</translation>
    </message>
    <message>
        <source>Set the deadline</source>
        <translation>指定整改期限</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至日期</translation>
    </message>
    <message>
        <source>Date of issue</source>
        <translation>成文日期</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Rectify by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Office name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>Documents are signed with the office&apos;s full name (落款), e.g. 常州经开区改革创新工作领导小组办公室.
It is kept in the ledger&apos;s settings for every desk.</source>
        <translation>公文落款和版头使用单位全称，例如：常州经开区改革创新工作领导小组办公室。
保存在台账设置中，各工作站共用。</translation>
    </message>
    <message>
        <source>No office name: nothing was generated.</source>
        <translation>未填写单位名称，未生成公文。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Typesetting…</source>
        <translation>正在排版…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Issue document</source>
        <translation>印发公文</translation>
    </message>
    <message>
        <source>Cancelled: nothing was issued.</source>
        <translation>已取消：未发出任何文书。</translation>
    </message>
    <message>
        <source>Numbered but not yet delivered (an issue was cut off): %1 — print or save it again to deliver it with that number.</source>
        <translation>已编号但尚未送达（上次印发未完成）：%1——重新打印或另存为 PDF，即以原编号送达。</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>Issued: %1</source>
        <translation>已发出：%1</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>Not issued: %1</source>
        <translation>未印发：%1</translation>
    </message>
    <message>
        <source>%1: %2 page(s). Draft (样稿): printing or saving issues it with a number.</source>
        <translation>%1：共 %2 页。样稿：打印或另存为 PDF 时才编号印发。</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>Reprints</name>
    <message>
        <source>Issued already as %1 (as of %2, dated %3). Printing or saving reprints it: the same text, date and number (重印). Other dates are refused: a number stands for one text.</source>
        <translation>本期已印发，文号 %1（截至 %2，成文日期 %3）。打印或另存为即为重印：文本、日期、编号与原件相同。改用其他日期会被拒绝——一个文号只对应一份文本。</translation>
    </message>
    <message>
        <source>Reprinted as issued (same text and date): %1</source>
        <translation>已重印（与原件文本、日期相同）：%1</translation>
    </message>
    <message>
        <source>It is the original kept when it was issued.</source>
        <translation>重印件为印发时保存的原件。</translation>
    </message>
    <message>
        <source>The quarter is closed and corrections were entered since: it was typeset again as corrected, listing the corrections before the signature.</source>
        <translation>该季度已封账，印发后录入了更正：重印件按更正后的情况重新排版，落款前列出更正说明。</translation>
    </message>
    <message>
        <source>No original was kept when it was issued (or only part of one issue was chosen): it was typeset again from the ledger with the registered dates.</source>
        <translation>此件印发时台账尚未保存原件（或所选的只是同一次印发的一部分），重印件按登记的日期从台账重新排版；要得到原件，请一次重印同一次印发的全部文书。</translation>
    </message>
    <message>
        <source>%1 late entries (补录) were made after it was issued, taking effect by its as-of day; the reprint is the original without them. They show in the next period&apos;s documents; to correct this document, issue another one (a new number) saying so.</source>
        <translation>台账在本文印发后有 %1 条补录（生效日期不晚于截至日期），重印件为原件，不含这些补录；补录的情况在下一期文书中反映，确需更正本文的，请另行发文（新的文号）说明。</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <source>Q1</source>
        <translation>第一季度</translation>
    </message>
    <message>
        <source>Q2</source>
        <translation>第二季度</translation>
    </message>
    <message>
        <source>Q3</source>
        <translation>第三季度</translation>
    </message>
    <message>
        <source>Q4</source>
        <translation>第四季度</translation>
    </message>
    <message>
        <source>Progress text becomes the report of</source>
        <translation>进展情况记入季度：</translation>
    </message>
    <message>
        <source>Change class words…</source>
        <translation>修改统称词…</translation>
    </message>
    <message>
        <source>named in the column&apos;s header</source>
        <translation>该列表头中写明的季度</translation>
    </message>
    <message>
        <source>the date above the table</source>
        <translation>表格上方的日期</translation>
    </message>
    <message>
        <source>when the workbook was last saved</source>
        <translation>工作簿最后保存的日期</translation>
    </message>
    <message>
        <source>today&apos;s date</source>
        <translation>今天的日期</translation>
    </message>
    <message>
        <source>the plan&apos;s own period: the quarter its last deadline falls in (the workbook was saved outside the plan&apos;s years, which says nothing of what it reports on)</source>
        <translation>方案自身的期间：最后一个完成时限所在的季度（工作簿保存于方案年度之外，保存日期说明不了它报送的是哪个季度）</translation>
    </message>
    <message>
        <source>chosen here</source>
        <translation>在此指定</translation>
    </message>
    <message>
        <source>%1 task(s) have progress written in the table (quarter: %2). Each becomes that quarter&apos;s progress report; importing the same table again replaces it instead of adding another.</source>
        <translation>表中 %1 项任务写有进展情况（季度依据：%2），各记为该季度的季度进展；再次导入同一张表会更新这些进展，不会重复添加。</translation>
    </message>
    <message>
        <source>%1 Q%2</source>
        <translation>%1年第%2季度</translation>
    </message>
    <message>
        <source>%1 lies outside the plan&apos;s years (%2): check the quarter before importing.</source>
        <translation>%1不在方案的年度（%2）之内：导入前请核对季度。</translation>
    </message>
    <message>
        <source>Kept as written but not as departments (no department filter entry, no fill-in form): %1</source>
        <translation>以下统称照原样保留，但不作为部门（不进入部门筛选，不生成填报表）：%1</translation>
    </message>
    <message>
        <source>No class of units (such as 各部门 or 成员单位) in the lead and co-operating cells.</source>
        <translation>牵头、配合单位栏中没有统称（如各部门、成员单位）。</translation>
    </message>
    <message>
        <source>Name in the table</source>
        <translation>表中名称</translation>
    </message>
    <message>
        <source>Taken as</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Class of units (统称), not a department</source>
        <translation>统称（不作为部门）</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>begins with “%1”</source>
        <translation>以“%1”开头</translation>
    </message>
    <message>
        <source>class word “%1”</source>
        <translation>统称词“%1”</translation>
    </message>
    <message>
        <source>class word “%1” from the settings</source>
        <translation>设置中的统称词“%1”</translation>
    </message>
    <message>
        <source>listed as a unit in the settings</source>
        <translation>设置中列为单位（例外）</translation>
    </message>
    <message>
        <source>the name of one unit</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Status read from the progress</source>
        <translation>按进展情况推断的状态</translation>
    </message>
    <message>
        <source>Progress as written</source>
        <translation>进展情况（原文）</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 个百分点</translation>
    </message>
    <message>
        <source>e.g. 常州经开区改革创新工作领导小组办公室</source>
        <translation>如 常州经开区改革创新工作领导小组办公室</translation>
    </message>
    <message>
        <source>This ledger (shared by every desk)</source>
        <translation>本台账（所有工作站共用）</translation>
    </message>
    <message>
        <source>Yellow when due within</source>
        <translation>到期前多少天亮黄灯</translation>
    </message>
    <message>
        <source>Yellow when behind schedule by more than</source>
        <translation>进度落后超过多少亮黄灯</translation>
    </message>
    <message>
        <source>Office name (signs documents)</source>
        <translation>单位名称（公文落款）</translation>
    </message>
    <message>
        <source>Automatic backups kept (ledger file)</source>
        <translation>自动备份保留份数（本机台账文件）</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Operator name (change log)</source>
        <translation>操作人姓名（记入变更记录）</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Ledger file or server</source>
        <translation>台账文件或服务器</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>公文</translation>
    </message>
    <message>
        <source>Supervision and assessment</source>
        <translation>督办与考核</translation>
    </message>
    <message>
        <source>Class words</source>
        <translation>统称</translation>
    </message>
    <message>
        <source>The new language is used the next time the program starts.</source>
        <translation>新的界面语言将在下次启动程序时生效。</translation>
    </message>
    <message>
        <source>The program opens the chosen ledger the next time it starts.</source>
        <translation>台账位置已保存，下次启动程序时打开所选台账。</translation>
    </message>
</context>
<context>
    <name>SupervisionDialog</name>
    <message>
        <source>Supervision record</source>
        <translation>督办记录</translation>
    </message>
    <message>
        <source>Rectify by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Closed (rectified / settled)</source>
        <translation>已办结（已整改/已销号）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>督办类型</translation>
    </message>
    <message>
        <source>Document no.</source>
        <translation>督办编号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>督办内容</translation>
    </message>
    <message>
        <source>Rectification</source>
        <translation>限期整改</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
</context>
<context>
    <name>SupervisionTab</name>
    <message>
        <source>Kind</source>
        <translation>督办类型</translation>
    </message>
    <message>
        <source>Document no.</source>
        <translation>督办编号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>督办内容</translation>
    </message>
    <message>
        <source>Rectify by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Mark closed</source>
        <translation>标记办结</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
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
        <source>Supervision record</source>
        <translation>督办记录</translation>
    </message>
    <message>
        <source>Delete supervision record</source>
        <translation>删除督办记录</translation>
    </message>
    <message>
        <source>Delete the selected supervision record? (Ctrl+Z undoes it)</source>
        <translation>删除所选督办记录？（可用 Ctrl+Z 撤销）</translation>
    </message>
</context>
<context>
    <name>Targets</name>
    <message>
        <source>Empty: every unit leading a task scored in the year</source>
        <translation>留空：年度内牵头可考核任务的单位</translation>
    </message>
    <message>
        <source>Fill in the default</source>
        <translation>按默认填入</translation>
    </message>
    <message>
        <source>The units leading a task scored this year (bodies outside the zone and group words are never ranked)</source>
        <translation>填入本年度牵头可考核任务的单位（区外单位和统称不参加排名）</translation>
    </message>
    <message>
        <source>Units listed without a scored task are shown as not ranked.</source>
        <translation>列入名单但没有可考核任务的单位显示为“不参与排名”。</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>预警灯</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>改革领域</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>改革项目</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>具体改革内容</translation>
    </message>
    <message>
        <source>Lead dept.</source>
        <translation>牵头部门</translation>
    </message>
    <message>
        <source>Co-op depts.</source>
        <translation>配合部门</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>责任领导</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Done %</source>
        <translation>完成%</translation>
    </message>
    <message>
        <source>Latest progress</source>
        <translation>最新进展</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红灯</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄灯</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿灯</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Awaiting closure</source>
        <translation>待销号</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>修改状态</translation>
    </message>
    <message>
        <source>Change percent</source>
        <translation>修改完成百分比</translation>
    </message>
    <message>
        <source>Change deadline</source>
        <translation>修改完成时限</translation>
    </message>
</context>
<context>
    <name>TaskView</name>
    <message>
        <source>Fit columns to window</source>
        <translation>适应窗口宽度</translation>
    </message>
</context>
<context>
    <name>TrendTable</name>
    <message>
        <source>Each closed quarter as frozen when it was closed, with the corrections entered since; the annual report&apos;s quarter table prints the same figures.</source>
        <translation>每个已封账季度按封账时冻结的情况统计（含封账后录入的更正）；年度督查报告的季度表印的是同样的数字。</translation>
    </message>
    <message>
        <source>%1 Q%2</source>
        <translation>%1年第%2季度</translation>
    </message>
    <message>
        <source>Completion rate</source>
        <translation>完成率</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红灯</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄灯</translation>
    </message>
</context>
<context>
    <name>ValueDialog</name>
    <message>
        <source>Record actual value</source>
        <translation>录入实际值</translation>
    </message>
    <message>
        <source>Whole year</source>
        <translation>全年</translation>
    </message>
    <message>
        <source>Q%1</source>
        <translation>第%1季度</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最新实际值</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Actual value</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
</TS>
