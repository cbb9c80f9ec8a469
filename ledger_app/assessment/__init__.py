"""The annual department assessment (督查考核办法): the facts it reads of the ledger as of a date
(``facts``) and the scoring, line by line (``scoring``).

May import every package before it (``messages`` … ``supervision``).
"""
