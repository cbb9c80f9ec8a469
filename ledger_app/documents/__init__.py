"""The PDF documents (reportlab), one module per kind, in the GB/T 9704 公文 layout: the shared
page, type and line-breaking (``page``, ``layout``, ``text``, ``linebreak``, ``fonts``) and the
preparation every kind shares (``build``).

Documents read the ledger and never write it: issuing one (reserving its 文号, registering it,
recording the 督办 it stands for) is ``ledger_app.operations.issuing``. May import every package
before it (``messages`` … ``assessment``); never ``exchange``.
"""
