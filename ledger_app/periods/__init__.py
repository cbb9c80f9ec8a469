"""The ledger as of a day and the closing of periods: a snapshot of every task as it stood
(``snapshot``), frozen or live (``as_of``), the counts documents print from it (``tally``),
a closed quarter's frozen snapshot with its 更正 (``closing``; closing and reopening a quarter
are operations, ledger_app.operations.periods), and 结转 of unfinished tasks to next year's plan
(``carry_over``).

May import every package before it (``messages`` … ``indicators``).
"""
