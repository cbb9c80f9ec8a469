"""Quantified targets (指标): how far an indicator has come and should have come by a date
(``measure``, the rules only), reading them and checking a value (``store``), and writing values
inside a transaction the operations open (``recording``).

May import ``messages``, ``store``, ``dates`` and ``tasks``.
"""
