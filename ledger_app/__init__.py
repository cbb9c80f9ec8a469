"""The ledger core: everything the program knows and does, without a screen (no Qt here).

The packages are layers; each may import the ones listed before it, never one after it
(import-linter checks this in the test command, see ``.importlinter``):

- ``messages``   what the program says: the message catalogue, errors, field and status labels
- ``system``     the computer it runs on: per-user folders, files on the desk, shipped resources
- ``store``      the ledger database: schema, ORM classes, settings, opening, integrity, backups
- ``dates``      quarters, 完成时限 text, 业务日期 marks and closed quarters
- ``tasks``      a task and its fields: editing, lifecycle, lights, the as-of rule, listing, figures
- ``records``    what happens to tasks: progress reports, 督办 actions, the change log, 文号, forms sent
- ``indicators`` quantified targets (指标) and their values
- ``evidence``   佐证材料 kept in the ledger (content-addressed, in chunks) and 办结销号: claim, 销号, 退回
- ``periods``    the ledger as of a day, 季度封账 and 更正, 结转 to the next year
- ``supervision`` the next supervision step (escalation) and 今日提醒
- ``assessment`` the annual department assessment (督查考核)
- ``exchange``   Excel in and out: task/indicator import, export, department forms and their merge
- ``documents``  the PDF documents (公文 layout); they read the ledger and never write it
- ``operations`` the write API the window and the command line call, and the only one: one
                 transaction each, returning what changed and an explicit ``Undo``
- ``cli``        the command line, one module per command group
"""
