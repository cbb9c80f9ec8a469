"""Dates as the ledger understands them: quarter arithmetic, 完成时限 text ("2017年6月底前",
"第三季度") turned into a day, and the 业务日期 a change takes effect on (补录 / 更正 marks,
closed quarters).

May import ``messages`` and ``store``.
"""
