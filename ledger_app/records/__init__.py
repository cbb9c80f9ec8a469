"""What happens to a task over time, besides its fields: quarterly progress reports and the one
rule for writing them, 督办 (supervision) actions, the change log read back, the register of
issued documents and their numbers (文号), and the register of fill-in forms sent and returned.
The writing modules (``progress``, ``supervision``, ``form_register``) write inside a transaction
the operations open (ledger_app.operations); ``history`` and ``numbering`` only read.

May import ``messages``, ``system``, ``store``, ``dates`` and ``tasks``.
"""
