"""What fields, lights and statuses are called, in one place: the importer's column names, the
change log, messages, exports and the window all take their words from here (in Chinese, the
ledger's language; :func:`ledger_app.messages.i18n.t` gives the English where the user chose English)."""

from __future__ import annotations

from ledger_app.messages.i18n import EN, t

# Task fields by the names the model and the importer use.
FIELD_LABELS: dict[str, str] = {
    "code": "序号", "area": "改革领域", "area_id": "改革领域", "title": "改革项目", "content": "具体改革内容",
    "measures": "推进措施", "category": "项目类别", "lead": "牵头部门", "lead_depts": "牵头部门",
    "co": "配合部门", "co_depts": "配合部门", "leader": "责任领导", "deadline": "完成时限",
    "deadline_text": "完成时限（原文）", "start_date": "开始日期", "status": "状态", "percent": "完成%",
    "q1": "一季度", "q2": "二季度", "q3": "三季度", "q4": "四季度",
    "milestone_q1": "一季度节点", "milestone_q2": "二季度节点", "milestone_q3": "三季度节点",
    "milestone_q4": "四季度节点", "季度进展": "季度进展", "督办": "督办",
    "progress": "进展情况", "problems": "存在问题", "next_steps": "下步打算", "note": "备注",
    "lead_groups": "牵头（统称）", "co_groups": "配合（统称）",
}

LIGHT_LABELS: dict[str, str] = {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "done": "已完成", "off": "—",
                                "pending": "待销号"}


def field_label(key: str) -> str:
    """The field's name in the user's language (unknown keys as they are)."""
    return t(FIELD_LABELS.get(key, key))


def light_label(light: str) -> str:
    return t(LIGHT_LABELS.get(light, light))


def status_label(status: str) -> str:
    """Statuses are stored as the Chinese words the plans use; shown in the user's language."""
    return t(status)


EN.update({
    # statuses (stored in Chinese, the plans' own words)
    "未启动": "not started", "推进中": "in progress", "已完成": "completed", "暂缓": "deferred", "已取消": "cancelled",
    "已结转": "carried over",
    # kinds of 督办 (SupervisionKind, stored in Chinese)
    "季度督办": "quarterly supervision", "专项督查": "special inspection", "通报批评": "public criticism",
    "限期整改": "rectification notice", "问责": "accountability", "临近提醒": "reminder", "催办": "urge",
    # lights
    "红灯": "red", "黄灯": "yellow", "绿灯": "green", "待销号": "awaiting closure",
    # 办结销号 (ledger_app/evidence): what the change log names its entries
    "申请销号": "claimed finished", "佐证材料": "evidence",
    # fields
    "序号": "No.", "改革领域": "area", "改革项目": "project", "具体改革内容": "content", "推进措施": "measures",
    "项目类别": "category", "牵头部门": "lead departments", "配合部门": "co-operating departments",
    "责任领导": "leader", "完成时限": "deadline", "完成时限（原文）": "deadline (as written)",
    "开始日期": "start date", "状态": "status", "完成%": "done %", "一季度": "Q1", "二季度": "Q2", "三季度": "Q3",
    "四季度": "Q4", "一季度节点": "Q1 milestone", "二季度节点": "Q2 milestone", "三季度节点": "Q3 milestone",
    "四季度节点": "Q4 milestone", "季度进展": "quarterly progress", "督办": "supervision", "进展情况": "progress",
    "存在问题": "problems", "下步打算": "next steps", "备注": "note", "牵头（统称）": "lead (collective)",
    "配合（统称）": "co-operating (collective)",
})
