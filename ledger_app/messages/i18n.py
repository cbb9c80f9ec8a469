"""Messages of the ledger core in Chinese (the default) or English (``--lang en``).

Messages are written in Chinese in the code; the English catalogue maps each
Chinese template to its translation, so a missing entry still shows Chinese.
"""

from __future__ import annotations

import os

_lang = "en" if os.environ.get("TASK_LEDGER_LANG", "").lower().startswith("en") else "zh"

EN: dict[str, str] = {
    "季度格式应为 2017Q3": "a quarter is written like 2017Q3",
    "标题中没有年份：方案年度取最早的完成时限的年份 {year}（可用 --year 指定）":
        "the title names no year: the plan year is that of the earliest deadline, {year} (set it with --year)",
    "{reports} 项任务的进展情况记入 {year} 年第 {quarter} 季度（可用 --quarter 指定），"
    "其中 {inferred} 项按进展情况推断了状态":
        "the progress text of {reports} tasks goes to {year} Q{quarter} (set it with --quarter); the status of "
        "{inferred} of them was read from it",
    "已把 {source} 复制到 {target}：{tasks} 项任务，{tables} 张表的行数和校验和全部一致":
        "copied {source} to {target}: {tasks} tasks; row counts and checksums of all {tables} tables match",
    "目标台账已有数据（{tables}），为防止覆盖，未做任何改动":
        "the target ledger already holds data ({tables}); nothing was changed, so nothing is overwritten",
    "迁移校验失败（{tables} 的行数或校验和不一致），已回滚，目标台账未改动":
        "verification failed (row counts or checksums differ in {tables}); rolled back, the target is unchanged",
    "{file}：工作表“{sheet}”第 {row} 行，第 {column} 列（{header}）：{message}":
        "{file}: sheet '{sheet}', row {row}, column {column} ({header}): {message}",
    "{file}：工作表“{sheet}”第 {row} 行：{message}": "{file}: sheet '{sheet}', row {row}: {message}",
    "{file}：工作表“{sheet}”：{message}": "{file}: sheet '{sheet}': {message}",
    "{file}：{message}": "{file}: {message}",
    "文件不存在": "file not found",
    "无法读取文件：{reason}": "cannot read the file: {reason}",
    "文件为空（0 字节）": "the file is empty (0 bytes)",
    "不是普通文件（是文件夹、管道或设备），无法导入":
        "not a regular file (a folder, a pipe or a device); cannot import it",
    "不是有效的 .xlsx 工作簿（文件内容是 {kind}，可能只是改了扩展名）":
        "not a valid .xlsx workbook (the content is {kind}; perhaps only the extension was changed)",
    "工作簿已加密或为旧版 .xls 格式，请在 Excel/WPS 中取消密码并另存为 .xlsx":
        "the workbook is encrypted or in the old .xls format; remove the password and save it as .xlsx",
    "工作簿已损坏，无法解压：{reason}": "the workbook is damaged and cannot be unpacked: {reason}",
    "工作簿含有不安全的 XML（实体定义），已拒绝": "the workbook contains unsafe XML (entity definitions); refused",
    "工作簿解压后过大（{size} MB），已拒绝": "the workbook is too large when unpacked ({size} MB); refused",
    "工作簿已损坏：其中的 {member} 无法解压（{reason}）":
        "the workbook is damaged: its part {member} cannot be unpacked ({reason})",
    "工作簿已损坏：文件不完整（在中途被截断，可能没有下载或复制完整），请重新获取原文件":
        "the workbook is damaged: the file is incomplete (cut off part-way, perhaps not fully downloaded or "
        "copied); please get the original again",
    "工作簿设有打开密码（已加密），请在 Excel/WPS 中取消密码并另存为 .xlsx 后再导入":
        "the workbook is protected by a password (encrypted); remove the password in Excel/WPS, save it as "
        ".xlsx and import again",
    "这是旧版 Excel 97–2003 工作簿（.xls），请在 Excel/WPS 中另存为 .xlsx 后再导入":
        "this is an old Excel 97-2003 workbook (.xls); save it as .xlsx in Excel/WPS and import again",
    "工作簿中的 {member} 压缩比异常（{ratio} 倍），疑似压缩炸弹，已拒绝":
        "the workbook's part {member} unpacks {ratio} times larger than it is stored, like a zip bomb; refused",
    "行数过多：超过导入上限 {limit} 行（一个台账通常只有几千项任务），已拒绝":
        "too many rows: more than the import limit of {limit} (a ledger usually has a few thousand tasks); refused",
    "内容过多：读入约需 {size} MB 内存，超过导入上限 {limit} MB，已拒绝":
        "too much content: reading it would take about {size} MB of memory, more than the import limit of "
        "{limit} MB; refused",
    "单元格范围过大（{rows} 行 × {columns} 列），已拒绝":
        "the cell range is too large ({rows} rows x {columns} columns); refused",
    "单元格地址“{ref}”超出 Excel 的范围，文件已损坏":
        "the cell address '{ref}' is beyond Excel's limits; the file is damaged",
    "合并单元格区域互相重叠，文件已损坏": "merged cell ranges overlap; the file is damaged",
    "无法读取，文件已损坏：{reason}": "cannot be read, the file is damaged: {reason}",
    "工作簿的目录过大（{size} KB，约 {count} 个部件），已拒绝":
        "the workbook's directory is too large ({size} KB, about {count} parts); refused",
    "不是本程序生成的填报表": "not a fill-in form made by this program",
    "这份填报表属于另一个台账，未合并": "this form belongs to another ledger; not merged",
    "这是 {year} 年第 {quarter} 季度的填报表，不是 {want_year} 年第 {want_quarter} 季度的，未合并":
        "this is the form for {year} Q{quarter}, not for {want_year} Q{want_quarter}; not merged",
    "隐藏的身份页已被改动（{what}），无法核对这份填报表，未合并；请在原样发出的填报表上填写":
        "the hidden identity sheet was changed ({what}), so the form cannot be checked; not merged. Please fill "
        "in the form as it was issued",
    "台账缺少填报表签名密钥，请用本程序重新打开台账后再试":
        "the ledger has no key to sign forms; open it with this program again and retry",
    "文件头无效": "invalid header", "未知的压缩方式": "unknown compression method", "数据不完整": "data cut short",
    "解压后的大小与记录不符": "unpacks to a size other than recorded", "校验和不符": "checksum mismatch",
    # What a file that is not an .xlsx really is ({kind} above)
    "HTML 网页": "an HTML web page",
    "网页存档（MHT）": "a web archive (MHT)",
    "Excel 2003 XML 表格": "an Excel 2003 XML spreadsheet",
    "XML 文本": "XML text",
    "PDF 文档": "a PDF document",
    "纯文本（如 CSV）": "plain text (such as CSV)",
    "未知的二进制数据": "unknown binary data",
    "ZIP 压缩包": "a ZIP archive",
    "Word 文档（.docx）": "a Word document (.docx)",
    "PowerPoint 演示文稿（.pptx）": "a PowerPoint presentation (.pptx)",
    "OpenDocument 表格（.ods）": "an OpenDocument spreadsheet (.ods)",
    "Excel 二进制工作簿（.xlsb）": "an Excel binary workbook (.xlsb)",
    "Word 97–2003 文档（.doc）": "a Word 97-2003 document (.doc)",
    "PowerPoint 97–2003 演示文稿（.ppt）": "a PowerPoint 97-2003 presentation (.ppt)",
    "Office 97–2003 复合文档": "an Office 97-2003 compound document",
    "工作簿中没有名为“{sheet}”的工作表（现有：{sheets}）": "there is no sheet named '{sheet}' (sheets: {sheets})",
    "没有找到任务表的表头：需要“改革项目/重点任务/任务名称”或“具体改革内容”等列":
        "no task table header found: a column such as 改革项目/重点任务/任务名称 or 具体改革内容 is needed",
    "表头中没有任务名称列（改革项目/重点任务/任务名称/具体改革内容）":
        "the header has no task title column (改革项目/重点任务/任务名称/具体改革内容)",
    "任务名称为空": "the task has no title",
    "文字过长（{length} 字），超过 Excel 单元格的上限 {limit} 字":
        "the text is too long ({length} characters; an Excel cell holds at most {limit})",
    "方案名称过长（{length} 字），超过 Excel 单元格的上限 {limit} 字":
        "the plan's name is too long ({length} characters; an Excel cell holds at most {limit})",
    "工作表“{sheet}”单元格 {cell} 的文字过长（{length} 字），超过 Excel 单元格的上限 {limit} 字，未导出":
        "the text of cell {cell} on sheet '{sheet}' is too long ({length} characters; an Excel cell holds at most "
        "{limit}); nothing was exported",
    "表中没有任务行": "the table has no task rows",
    "序号为空": "the row has no number (序号)",
    "序号“{code}”与第 {other} 行重复": "number '{code}' repeats row {other}",
    "{message}": "{message}",
    "状态“{value}”无法识别（可用：{allowed}）": "unknown status '{value}' (allowed: {allowed})",
    "完成百分比“{value}”不是 0–100 的数": "percent '{value}' is not a number from 0 to 100",
    "共 {count} 处问题，未导入任何内容": "{count} problem(s); nothing was imported",
    "（另有 {count} 处问题未列出）": "({count} more problem(s) not listed)",
    "台账中没有编号为“{code}”的任务": "the ledger has no task numbered '{code}'",
    "编号“{code}”在多个方案中存在，请用 --plan 指定：{plans}":
        "number '{code}' exists in several plans; choose one with --plan: {plans}",
    "没有名为“{plan}”的方案": "there is no plan named '{plan}'",
    "状态必须是：{allowed}": "status must be one of: {allowed}",
    "完成百分比必须在 0 到 100 之间": "percent must be between 0 and 100",
    "季度必须是 1 到 4": "quarter must be 1 to 4",
    "日期格式应为 YYYY-MM-DD：{value}": "a date must look like YYYY-MM-DD: {value}",
    "{path} 不是任务台账数据库（{detail}），未做任何改动":
        "{path} is not a task ledger database ({detail}); nothing was changed",
    "{path} 由更新版本的程序创建（结构版本 {revision}），请升级本程序后再打开":
        "{path} was written by a newer version of this program (schema {revision}); please upgrade",
    "数据库无法打开：{reason}": "cannot open the database: {reason}",
    "数据库忙或只读：{reason}": "the database is busy or read-only: {reason}",
    "无法读写文件：{reason}": "cannot read or write a file: {reason}",
    "未知设置项“{key}”（可用：{keys}）": "unknown setting '{key}' (known: {keys})",
    "设置“{key}”的值无效：{value}": "invalid value for setting '{key}': {value}",
    "未指定要修改的字段": "nothing to change was given",
    "完成时限：{message}": "deadline: {message}",
    "没有要列出的任务": "no tasks to list",
    "台账中有多个方案，请指定要导出的方案：{plans}": "the ledger holds several plans; choose one to export: {plans}",
    "季度进展行无效（年度、季度 1–4、完成百分比 0–100）":
        "invalid progress row (year, quarter 1-4, percent 0-100)",
    "督办记录行无效（督办类型、督办日期）": "invalid supervision row (kind, date)",
    "督办类型必须是：{allowed}": "the supervision kind must be one of: {allowed}",
    "整改期限不能早于督办日期": "the rectification deadline cannot precede the supervision date",
    "督办记录不存在": "the supervision record does not exist",
    # Summaries
    "预检：将新增 {added} 项，更新 {updated} 项，{unchanged} 项不变（未写入）":
        "dry run: would add {added}, update {updated}, leave {unchanged} unchanged (nothing written)",
    "已导入到“{plan}”：新增 {added} 项，更新 {updated} 项，{unchanged} 项不变":
        "imported into '{plan}': {added} added, {updated} updated, {unchanged} unchanged",
    "工作表“{sheet}”，表头在第 {row} 行；{tasks} 项任务，{areas} 个改革领域":
        "sheet '{sheet}', header on row {row}; {tasks} tasks in {areas} areas",
    "已更新任务 {code}：{fields}": "updated task {code}: {fields}",
    "任务 {code} 没有变化": "task {code} is unchanged",
    "任务 {code} 已被他人修改：{who}。您的修改未保存，请重新载入后再改":
        "task {code} was changed by someone else: {who}. Your change was not saved; reload and edit again",
    "任务 {code} 已被他人修改（版本 {expected} → {current}）。您的修改未保存，请重新载入后再改":
        "task {code} was changed by someone else (version {expected} → {current}). Your change was not saved; "
        "reload and edit again",
    "服务器地址格式不对，应为 postgresql+psycopg://用户@服务器/库名":
        "the server address should look like postgresql+psycopg://user@server/dbname",
    "请不要把密码写在地址里：密码放在 PostgreSQL 的 pgpass 文件中（见使用说明 docs/manual/共享服务器.md）":
        "do not put the password in the address: keep it in PostgreSQL's pgpass file (see the README)",
    "已连接 {where}：空数据库，第一次打开时建立台账":
        "connected to {where}: an empty database; the ledger is created when it is first opened",
    "已连接 {where}：共享台账，{count} 项任务": "connected to {where}: a shared ledger with {count} tasks",
    "{user} 于 {when} 改了“{field}”（{old} → {new}）": "{user} changed '{field}' at {when} ({old} → {new})",
    "已记录任务 {code} 的 {year} 年第 {quarter} 季度进展": "recorded progress of task {code} for {year} Q{quarter}",
    "{quarter}已封账：业务日期为 {day} 的修改需要作为“更正”录入并说明原因（或由负责人重新打开该季度）":
        "{quarter} is closed: a change effective on {day} must be entered as a correction with its reason (or the "
        "quarter reopened by the person in charge)",
    "业务日期 {day} 晚于今天：只能录入已经发生的情况":
        "the effective date {day} is after today: only what has happened can be entered",
    "业务日期 {day} 早于{quarter}：季度进展的业务日期不能早于该季度的第一天":
        "the effective date {day} is before {quarter}: a quarter's report cannot take effect before the quarter began",
    "{quarter}尚未结束，{day}之后才能封账": "{quarter} is not over yet; it can be closed after {day}",
    "{quarter}已经封账": "{quarter} is already closed",
    "重新打开已封账的季度须写明批准人": "reopening a closed quarter needs the name of the person who allows it",
    "重新打开已封账的季度须写明原因": "reopening a closed quarter needs a reason",
    "{quarter}没有封账": "{quarter} is not closed",
    "{quarter}已封账，不能再印发截至该季度的新文书（已印发的可以重印）；确需印发请先重新打开该季度":
        "{quarter} is closed: no new document as of a day in it can be issued (issued ones can be reprinted); "
        "reopen the quarter first if one must be",
    "任务 {code} 在{year}年的方案中已有同编号的任务，无法结转":
        "task {code} cannot be carried over: {year}'s plan already has tasks with its numbers",
    "结转的目标年度（{to}）应晚于原年度（{source}）": "the year carried into ({to}) must come after {source}",
    "表格所述日期 {day} 为这次修改的业务日期": "the changes take effect on {day}, the day the table speaks of",
}


def set_language(lang: str) -> None:
    global _lang
    _lang = "en" if lang.lower().startswith("en") else "zh"


def language() -> str:
    return _lang


# A value quoted in a message is cut here: a 10 MB argument is not echoed back, a long name or
# path still reads whole.
MAX_QUOTED = 300
CUT = "{head}…（共 {length} 字）"
EN[CUT] = "{head}… ({length} characters)"


def _quoted(value: object, english: bool) -> object:
    if isinstance(value, Message):
        # In Chinese a Message already is its text (made by the same rule): not rendered again.
        return _render(value.template, value.values, english) if english else str.__str__(value)
    if isinstance(value, list | tuple):  # several values, listed as the language lists them
        return (", " if english else "、").join(str(_quoted(item, english)) for item in value)
    if isinstance(value, str) and len(value) > MAX_QUOTED:
        return (EN[CUT] if english else CUT).format(head=value[:MAX_QUOTED], length=f"{len(value):,}")
    return value


def _render(template: str, values: dict[str, object], english: bool) -> str:
    text = EN.get(template, template) if english else template
    # A number (a day, a count: most values) is neither rendered nor cut.
    return text.format(**{key: value if value.__class__ is int else _quoted(value, english)
                          for key, value in values.items()})


class Message(str):
    """A message the ledger both keeps and shows, such as an escalation rule, an assessment line, a date or
    a quarter's name. The string itself is the Chinese — the ledger's language: what it records and what its
    documents print — and :func:`t` says it in the user's language, alone or as a value in another message
    (``t("{quarter}已封账", quarter=quarter_name(2017, 3))`` → "2017 Q3 is closed" in English).

    The template is registered in ``EN`` like any other (tests/test_messages.py finds it)."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, **values: object) -> Message:
        self = super().__new__(cls, _render(template, values, english=False))
        self.template, self.values = template, values
        return self

    def __reduce__(self) -> tuple:  # a copy (dataclasses.replace, pickling) is the same message
        return (_message, (self.template, self.values))


class Said:
    """A Message decided but not yet written out: its template and values, made into the Message when
    first read (:meth:`message`), once. For work that decides thousands of texts and shows a few hundred
    at a time: writing out each of the assessment's 10,000 score lines was half the time of scoring them."""

    __slots__ = ("template", "values", "_made")

    def __init__(self, template: str, values: dict[str, object]) -> None:
        self.template, self.values = template, values
        self._made: Message | None = None

    def message(self) -> Message:
        made = self._made
        if made is None:
            made = self._made = Message(self.template, **{
                key: value.message() if value.__class__ is Said else value for key, value in self.values.items()})
        return made

    def __repr__(self) -> str:
        return f"Said({self.message()!r})"


class Messages:
    """Texts decided once per distinct template and values, for work that says the same few things many
    times (the assessment's 10,000 score lines say a few thousand different things), and written out only
    when read: each is a :class:`Said`, the same object for the same template and values (so it can key a
    dict by identity), whose Message is made the first time it is read."""

    def __init__(self) -> None:
        self.made: dict[object, Said] = {}

    def __call__(self, template: str, **values: object) -> Said:
        # A Message and a plain text that read the same may say different things in English: the type counts.
        key = (template, tuple(values.items()), tuple(map(type, values.values()))) if values else template
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = Said(template, values)
        return found


def _message(template: str, values: dict[str, object]) -> Message:
    return Message(template, **values)


def t(template: str, **values: object) -> str:
    """Render a message template (or a :class:`Message`) in the current language."""
    if isinstance(template, Message):
        template, values = template.template, {**template.values, **values}
    return _render(template, values, english=_lang == "en")
