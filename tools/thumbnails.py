"""Regenerate the README's thumbnails of each document's first page (docs/img/doc-*.png) from
the shared sample with three quarters of progress. Needs pdftoppm (Debian poppler-utils).

Run: .venv/bin/python tools/thumbnails.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ledger_app.documents.options import ReportOptions  # noqa: E402
from ledger_app.operations.issuing import build_report  # noqa: E402
from ledger_app.store.opening import open_ledger  # noqa: E402
from tests.documents import AS_OF, sample_with_progress  # noqa: E402

DOCUMENTS = {
    "quarterly-sheet": {"quarter": 3, "depts": ["行政审批局"]},
    "bulletin": {"quarter": 3},
    "annual": {},
    "notice": {"task_code": "4", "as_of": date(2017, 11, 1)},
    "ledger": {},
    "assessment": {},
}


def main() -> None:
    out = ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ledger = open_ledger(str(Path(tmp) / "t.db"), user="督查室")
        sample_with_progress(ledger.engine, ROOT / "resources" / "samples" / "changzhou-2017-tasks.xlsx")
        for kind, extra in DOCUMENTS.items():
            kw = {"as_of": AS_OF, **extra}
            pdf = Path(tmp) / f"{kind}.pdf"
            build_report(ledger.engine, ReportOptions(kind, 2017, signed=date(2017, 10, 15), **kw), pdf, user="督查室")
            pages = [1, 2] if kind in ("annual", "assessment") else [1]
            for page in pages:
                name = out / f"doc-{kind}{'' if page == 1 else f'-{page}'}"
                subprocess.run(["pdftoppm", "-r", "40", "-f", str(page), "-l", str(page), "-singlefile", "-png",
                                str(pdf), str(name)], check=True)
                print(name.with_suffix(".png").relative_to(ROOT))
        ledger.close()


if __name__ == "__main__":
    main()
