"""The scripted year of tests/test_escalation.py and tests/test_escalation_edges.py: four tasks imported on
2017-01-05 with a clock that stamps each step with the day of the script."""

from __future__ import annotations

from datetime import date

from ledger_app import operations
from ledger_app.exchange.importing.apply import import_file
from ledger_app.operations import record_progress
from ledger_app.records.progress import ProgressInput
from ledger_app.supervision import escalation
from ledger_app.tasks.queries import find_task_id
from tests.clock import Clock
from tests.tables import write_table

ROWS = [[1, "一、领域", "推进招商机制改革", "打造招商服务平台", "重点改革项目", "招商局", "", "", "2017年6月30日"],
        [2, "一、领域", "推进投融资体制改革", "设立产业投资基金", "专项改革项目", "财政局", "", "", "2017年12月31日"],
        [3, "一、领域", "推进科技管理体制改革", "建成科创中心", "专项改革项目", "科技局", "", "", "2017年10月31日"],
        [4, "一、领域", "推动生态文明建设体制改革", "建立生态文明制度体系", "专项改革项目", "环保局", "", "", "2017年12月31日"]]
ORG = "常州经开区改革创新工作领导小组办公室"


def scripted_year(ledger, tmp_path, monkeypatch):  # noqa: ANN001, ANN201
    """The four tasks imported on 2017-01-05; returns (engine, clock, report)."""
    clock = Clock(monkeypatch)
    clock.set(date(2017, 1, 5))
    engine = ledger.engine
    import_file(engine, write_table(tmp_path / "任务.xlsx", ROWS))
    operations.set_setting(engine, "org.name", ORG)

    def report(day: date, quarter: int, percents: dict[str, int], problems: str = "") -> None:
        clock.set(day)
        for code, percent in percents.items():
            record_progress(engine, find_task_id(engine, code), ProgressInput(
                2017, quarter, percent, f"第{quarter}季度推进", problems if code == "4" else "", report_date=day),
                user="督查室")

    return engine, clock, report


def steps(engine, as_of: date) -> dict[str, str]:  # noqa: ANN001
    """Each task's proposed step as of ``as_of``, by code."""
    return {p.code: p.step for p in escalation.proposals(engine, as_of)}


def proposal(engine, as_of: date, code: str) -> escalation.Proposal:  # noqa: ANN001
    """The proposal for task ``code`` as of ``as_of``."""
    return next(p for p in escalation.proposals(engine, as_of) if p.code == code)
