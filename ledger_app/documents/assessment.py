"""年度改革任务考核结果: a 公文 to every department — the method, the ranking, what is required
next — with each department's score line by line attached (附件), adding up to its total."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from ledger_app.assessment.scoring import DeptScore, Result
from ledger_app.assessment.scoring import points_text as _n
from ledger_app.documents.layout import Signature, banner, fit_columns, heading, imprint, para, styles, table, title
from ledger_app.documents.page import frame_size
from ledger_app.documents.text import Text
from ledger_app.documents.words import cn_date, plan_name
from ledger_app.periods.snapshot import Snapshot

RANKING = ["名次", "单位", "得分", "按期\n完成", "逾期\n完成", "到期\n未完成", "督办\n扣分", "进展报送\n扣分"]
DETAIL = ["编号", "改革任务", "考核规则", "分值"]
SUPERVISION = ("criticism", "rectify", "accountability")
REPORTS = ("report_late", "report_missing")


def _signed(value: object) -> str:
    text = _n(value)  # type: ignore[arg-type]
    return text if text.startswith("-") or text == "0" else f"+{text}"


def _centred(value: object) -> Text:
    return Text(str(value), styles().cell_c)


def ranking_table(result: Result, width: float) -> Flowable:
    rows = [[_centred(d.place), d.dept, *map(_centred, (_n(d.total), d.count("on_time"), d.count("late"),
                                                         d.count("not_done"), _n(-d.points(*SUPERVISION)),
                                                         _n(-d.points(*REPORTS))))]
            for d in result.departments]
    return table(RANKING, rows, fit_columns(RANKING, [12, 21, 9, 8, 8, 8, 8, 10], width),
                 keep=[d.dept for d in result.departments])


def detail_table(score: DeptScore, width: float) -> Flowable:
    rows: list[list[object]] = [[_centred(line.code or "—"), line.task or "—", line.rule,
                                 _centred(_signed(line.points))] for line in score.lines]
    rows.append([_centred("合计"), "", "", _centred(_n(score.total))])
    return table(DETAIL, rows, fit_columns(DETAIL, [7, 40, 40, 9], width), spans=[(len(rows) - 1, 0, 2)])


def _place(group: list[DeptScore]) -> str:
    """One place of 前三名: 第2名招商局、财政局（并列，98.5分）."""
    first = group[0]
    names = "、".join(d.dept for d in group)
    return f"第{first.rank}名{names}（{'并列，' if len(group) > 1 else ''}{_n(first.total)}分）"


def _summary(result: Result) -> str:
    depts = result.departments
    if not depts:
        return "本年度没有参加排名的单位。"
    average = sum(d.total for d in depts) / len(depts)
    text = f"参加排名的单位共{len(depts)}个，平均得分{_n(average)}分。"
    places = result.places(3)
    if len(depts) > 3:
        text += f"得分前三名依次为：{'；'.join(_place(g) for g in places)}"
        low = [d for d in depts if d.rank == depts[-1].rank and d.rank > places[-1][0].rank]
        if low:
            text += f"；得分最低的为{_place(low)}"
        text += "。"
    return text + "各单位得分和名次见下表，逐项得分明细见附件。"


def _unranked(result: Result) -> str:
    """不参与排名: the 考核对象 without a scoreable task, and the units on the year's tasks not assessed."""
    groups = result.not_ranked()
    if not groups:
        return ""
    return "不参与排名的单位：" + "；".join(f"{'、'.join(depts)}（{why}）" for why, depts in groups) + "。"


def story(result: Result, snapshot: Snapshot, number: str, signed: date) -> list[Flowable]:
    st = styles()
    width = frame_size("text")[0]
    values = snapshot.values
    year = result.year
    plan = plan_name(snapshot.plans)
    flow: list[Flowable] = [
        *banner(values["doc.banner"] or snapshot.org, number, width),
        title(f"{year}年度改革任务考核结果"),
        para(f"{values['doc.recipients']}：", st.plain),
        para(f"根据改革任务督查考核办法，{snapshot.org}对各单位{year}年度落实{plan}改革任务情况进行了考核，"
             f"考核数据截至{cn_date(result.as_of)}。现将考核结果通报如下。", st.body),
        *heading("一、考核办法", st.h1),
    ]
    flow += [para(f"（{'一二三四五六'[i]}）{text}", st.body) for i, text in enumerate(result.method.summary())]
    flow += [*heading("二、考核结果", st.h1), para(_summary(result), st.body), ranking_table(result, width),
             Spacer(1, 3 * mm)]
    if _unranked(result):
        flow.append(para(_unranked(result), st.body))
    flow += heading("三、有关要求", st.h1)
    flow.append(para("各单位要对照考核中扣分的事项，逐项分析原因、落实整改；对逾期未完成的任务，要明确完成时限和责任人，"
                     f"并将整改情况书面报送{snapshot.org}。考核结果纳入部门年度综合考核。", st.body))
    flow += [para("", st.body), para("附件：各单位考核得分明细", st.body)]
    flow.append(Signature(snapshot.org, cn_date(signed), st.body))
    flow += [PageBreak(), para("附件", st.h1.but(indent=0.0, align="left")),
             title("各单位考核得分明细", st.title.but(space_before=0.0, size=18, leading=28))]
    for index, score in enumerate(result.departments, start=1):
        flow += heading(f"{index}. {score.dept}：{_n(score.total)}分（{'并列' if score.tied else ''}第{score.rank}名）",
                        st.plain)
        flow += [detail_table(score, width), Spacer(1, 2 * mm)]
    flow.append(imprint(values["doc.copies_to"], snapshot.org, cn_date(signed), width))
    return flow
