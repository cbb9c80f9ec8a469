"""佐证材料 and 办结销号: the evidence files a unit sends when it reports a task finished, kept in
the ledger itself, and the claim (申请销号) the office checks and then closes (销号) or sends back (退回).

- ``kinds``    what a file is, told from its content (never its extension), and what is refused
- ``containers`` zip containers checked before anything is unpacked: OOXML, OFD, a department's zip
- ``pdf``      a PDF's pages and active content (scripts, launch actions)
- ``images``   a picture checked by decoding it, and its thumbnail
- ``intake``   one file checked and hashed before any transaction: :class:`Prepared`
- ``blobs``    the bytes: stored once per SHA-256 in 1 MiB chunks, read back hashed, purged when unnamed
- ``files``    the files attached to tasks: attach, remove (kept, undoable), list, the size limits
- ``claims``   the workflow: claim, 销号, 退回, withdraw and reopen (the undo), and 待销号
- ``register`` what documents read: claims closed or returned in a period, claims waiting

May import everything below it (``messages`` … ``records``, ``indicators``); ``periods`` and above
import it. The derived state 待销号 is read in SQL by ``ledger_app.tasks.closure`` (the light).
"""
