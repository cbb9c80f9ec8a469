"""The annual department assessment (督查考核办法): the facts it reads of the ledger as of a date
(``facts``), the method kept in the settings (``method``), who is ranked (``scope``: the 考核对象,
bodies outside the zone and group words never), which 通报批评 were published by a bulletin
(``publication``), and the scoring, line by line (``scoring``).

May import every package before it (``messages`` … ``supervision``).
"""
