"""主要指标 in the bulletin and the annual report: a sentence of counts, the table (target, latest
value, progress against the path) and a chart of actual progress next to the schedule."""

from __future__ import annotations

import re
from collections import Counter

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.platypus import Flowable

from ledger_app.documents.bar_chart import bar_chart, short
from ledger_app.documents.layout import LIGHT_INK, fit_columns, styles, table
from ledger_app.documents.text import Text
from ledger_app.documents.words import pct
from ledger_app.indicators.measure import UNREPORTED, format_number
from ledger_app.indicators.store import IndicatorView

HEADER = ["指标", "目标", "基期", "最新实际值", "完成\n进度", "序时\n进度", "状态"]
STATE = {"done": "√ 达标", "green": "● 正常", "yellow": "● 滞后", "red": "● 逾期", UNREPORTED: "○ 未报送"}
SERIES = (("完成进度", "#1a73e8"), ("序时进度", "#bdc1c6"))


def _percent(value: float | None) -> str:
    return "—" if value is None else pct(value)


def sentence(indicators: list[IndicatorView]) -> str:
    """The indicators counted by state; one with no value reported is 未报送, in a count of its own,
    and a state no indicator is in is left out."""
    counts = Counter(i.light for i in indicators)
    parts = [f"{label}{counts[light]}项" for light, label in
             (("done", "已达标"), ("green", "序时推进"), ("yellow", "滞后"), ("red", "逾期未达标"),
              (UNREPORTED, "未报送实际值")) if counts[light]]
    lagging = [i.name for i in indicators if i.light in ("yellow", "red")]
    text = f"主要指标共{len(indicators)}项，其中{'、'.join(parts)}。"
    if lagging:
        more = "等" if len(lagging) > 6 else ""
        text += f"{'、'.join(lagging[:6])}{more}指标完成进度落后于序时进度，请责任单位加大推进力度。"
    missing = [i.name for i in indicators if i.light == UNREPORTED]
    if missing:
        more = "等" if len(missing) > 6 else ""
        text += f"{'、'.join(missing[:6])}{more}指标尚未报送实际值，请责任单位及时报送。"
    return text


def indicator_table(indicators: list[IndicatorView], width: float) -> Flowable:
    st = styles()
    rows = []
    for view in indicators:
        latest = view.assessment.latest
        baseline = f"{format_number(view.baseline)}（{view.baseline_year}年）" if view.baseline is not None else "—"
        shown = f"{format_number(latest.value)}（{latest.label}）" if latest else "未报送"
        state = Text(STATE.get(view.light, view.light), st.cell_c.but(color=LIGHT_INK.get(view.light, colors.black)))
        rows.append([f"{view.name}（{view.unit}）" if view.unit else view.name, view.target_text, baseline, shown,
                     _percent(view.assessment.progress), _percent(view.assessment.expected), state])
    widths = fit_columns(HEADER, [24, 16, 16, 18, 10, 10, 11], width)
    # A figure stays whole with its year, and a percentage in one piece.
    keep = {w for row in rows for cell in row[1:6] if isinstance(cell, str)
            for w in re.findall(r"（[^（）]*）|[\d.]+%", cell)}
    return table(HEADER, rows, widths, tints=[(r, 6, v.light) for r, v in enumerate(indicators)], keep=sorted(keep))


def progress_chart(indicators: list[IndicatorView], width: float) -> Drawing | None:
    """Progress towards each target next to the share the path has covered (序时进度), in percent."""
    shown = [i for i in indicators if i.assessment.progress is not None and i.assessment.expected is not None][::-1]
    if not shown:
        return None
    return bar_chart(width, [short(i.name, 11) for i in shown],
                     [[max(0.0, min(100.0, i.assessment.progress)) for i in shown],
                      [max(0.0, min(100.0, i.assessment.expected)) for i in shown]],
                     SERIES, row_height=22, axis=(0, 100, 20), percent=True)
