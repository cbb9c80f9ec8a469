"""Errors a clerk can act on. Each renders as a whole sentence in the current language."""

from __future__ import annotations

from dataclasses import dataclass, field

from ledger_app.messages.i18n import t


class LedgerError(Exception):
    """An expected failure with a message for the user (never a traceback)."""

    def __init__(self, template: str, **values: object) -> None:
        super().__init__(template)
        self.template = template
        self.values = values

    def __str__(self) -> str:
        return t(self.template, **self.values)


class DeadlineError(ValueError):
    """A date that cannot be: deadline text that looks like a date but is impossible or unreadable,
    or a quarter 5. A message template of the core's catalogue (ledger_app.messages.i18n), in the
    user's language when shown; a ValueError, as the parsers that raise it are value checks."""

    def __init__(self, template: str, **values: object) -> None:
        super().__init__(template)
        self.template, self.values = template, values

    def __str__(self) -> str:
        return t(self.template, **self.values)


def column_letter(index: int) -> str:
    """0-based column index → spreadsheet letters (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    template: str
    values: dict[str, object] = field(default_factory=dict)
    sheet: str | None = None
    row: int | None = None  # 1-based, as the spreadsheet shows it
    column: int | None = None  # 0-based index
    header: str = ""

    def __str__(self) -> str:
        message = t(self.template, **self.values)
        where = {"file": self.file, "sheet": self.sheet, "message": message}
        if self.sheet is None:
            return t("{file}：{message}", **where)
        if self.row is None:
            return t("{file}：工作表“{sheet}”：{message}", **where)
        if self.column is None:
            return t("{file}：工作表“{sheet}”第 {row} 行：{message}", row=self.row, **where)
        return t(
            "{file}：工作表“{sheet}”第 {row} 行，第 {column} 列（{header}）：{message}",
            row=self.row,
            column=column_letter(self.column),
            header=self.header,
            **where,
        )


class ImportRejected(LedgerError):
    """The file was refused; ``problems`` lists every reason. Nothing was written."""

    MAX_SHOWN = 50

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("共 {count} 处问题，未导入任何内容", count=len(problems))
        self.problems = problems

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems[: self.MAX_SHOWN]]
        if len(self.problems) > self.MAX_SHOWN:
            lines.append(t("（另有 {count} 处问题未列出）", count=len(self.problems) - self.MAX_SHOWN))
        if len(self.problems) > 1:
            lines.append(super().__str__())
        return "\n".join(lines)
