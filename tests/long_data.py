"""Data for the document checker's tests (tests/test_documents_checked.py): every document kind, on
the shared sample with three quarters of progress and a 销号 claim, and the same made long the way
real ledgers are — a 300-character 具体改革内容, a 20-character department, a 1,000-character
progress text and a 31-character office name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ledger_app import operations
from ledger_app.evidence.claims import ClaimInput
from ledger_app.operations import closure, edit_task, record_progress
from ledger_app.records.progress import ProgressInput
from ledger_app.tasks.queries import find_task_id
from tests import evidence_files as files
from tests.documents import AS_OF

# name → (kind, options): every kind the report command accepts (ledger_app.documents.options.KINDS).
CASES: list[tuple[str, str, dict]] = [
    ("quarterly-sheet", "quarterly-sheet", {"quarter": 3, "as_of": AS_OF}),
    ("bulletin", "bulletin", {"quarter": 3, "as_of": AS_OF}),
    ("annual", "annual", {"as_of": AS_OF}),
    ("notice", "notice", {"task_code": "4", "as_of": AS_OF}),
    ("ledger", "ledger", {"as_of": AS_OF}),
    ("assessment", "assessment", {"as_of": AS_OF}),
    ("closure", "closure", {"quarter": 3, "as_of": AS_OF}),
    # The indicator table and chart (not kinds of their own): the Yinchuan targets in the sample's plan.
    ("bulletin-indicators", "bulletin", {"quarter": 4, "year": 2024, "as_of": date(2024, 12, 31)}),
    ("annual-indicators", "annual", {"year": 2024, "as_of": date(2024, 12, 31)}),
]
FORMS = ("quarterly-sheet", "ledger")  # landscape forms: not running text on the 28 × 22 grid
LONG_OFFICE = "中共江苏省常州经济开发区工作委员会全面深化改革创新委员会办公室"
LONG_DEPT = "常州经济开发区经济发展和科技创新服务中心"
LONG_CONTENT = ("围绕建设现代化经济体系和高水平开放型经济新体制，深化“放管服”改革，按照“3+2”工作机制和“1+6”政策体系，"
                "2018年1月10日前完成相对集中行政许可权改革试点，审批事项办理时限压缩60%以上，企业开办时间压缩至3个工作日以内；"
                "建立权力清单、责任清单、负面清单动态调整机制，考核权重按×0.5折算，推进“互联网+政务服务”，实现一网通办、"
                "一窗受理、一次办结；健全事中事后监管体系，推行“双随机、一公开”监管全覆盖，完善信用联合奖惩机制，"
                "营造稳定公平透明可预期的营商环境；同步推进投资项目审批制度改革，在规划建设、国土资源、环境保护等领域"
                "开展区域评估，实行“多图联审、多评合一、联合验收”，将工业投资项目审批时间压缩至50个工作日以内。")
LONG_PROGRESS = "".join(f"第{n}项：召开专题推进会{n}次，审批时限压缩{10 + n}%，于2017年{n % 9 + 1}月{n + 5}日形成工作方案并印发实施；"
                        for n in range(1, 40))


def indicators(engine) -> None:  # noqa: ANN001
    """The Yinchuan indicator table imported into the sample's plan, as tests/test_supervision_documents.py does."""
    from ledger_app.exchange.importing.indicators import import_indicators
    from tests.test_indicators import YINCHUAN

    import_indicators(engine, YINCHUAN, plan="常州经开区2017年改革创新目标任务表")


def closing_claim(engine, folder: Path) -> None:  # noqa: ANN001
    """Task 3 claimed finished and closed in Q3 2017: the quarter's 销号审批表 has one form."""
    task = find_task_id(engine, "3")
    claim = closure.claim_finished(engine, task, ClaimInput(date(2017, 9, 10), "权力清单、责任清单已印发并在政务网公布"),
                                   [files.pdf(folder / "关于印发权力清单的通知.pdf", pages=3)], user="审批局").value
    closure.close_claim(engine, task, claim, date(2017, 9, 20), opinion="材料齐全，同意销号", user="督查室")


def lengthen(engine) -> None:  # noqa: ANN001
    """The long data: task 4 (red, the notice's) gets the long content, department and progress."""
    assert len(LONG_OFFICE) == 31 and len(LONG_DEPT) == 20 and len(LONG_CONTENT) >= 300, (
        len(LONG_OFFICE), len(LONG_DEPT), len(LONG_CONTENT))
    assert len(LONG_PROGRESS) >= 1000, len(LONG_PROGRESS)
    operations.set_setting(engine, "org.name", LONG_OFFICE)
    task = find_task_id(engine, "4")
    edit_task(engine, task, {"content": LONG_CONTENT, "lead_depts": [LONG_DEPT]}, user="t",
              effective_on=date(2017, 1, 1))
    record_progress(engine, task, ProgressInput(2017, 3, 5, LONG_PROGRESS[:1000], "专项资金尚未到位", "加快推进"),
                    user="督查室")
