"""Quantified targets (指标): how far an indicator has come and should have come by a date
(``measure``, the rules only), and reading and writing their values in the ledger (``store``).

May import ``messages``, ``store``, ``dates`` and ``tasks``.
"""
