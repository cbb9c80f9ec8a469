"""佐证材料 and 办结销号: the evidence files a unit sends when it reports a task finished, kept in
the ledger itself, and the claim (申请销号) the office checks and then closes (销号) or sends back (退回).

- ``kinds``    what a file is, told from its content (never its extension), and what is refused
- ``containers`` zip containers checked before anything is unpacked: OOXML, OFD, a department's zip
- ``pdf``      a PDF's pages and active content (scripts, launch actions)
- ``images``   a picture checked by decoding it, and its thumbnail
- ``intake``   one file checked before any transaction: :class:`Prepared`
- ``blobs``    the bytes written: stored once per SHA-256 in 1 MiB chunks, purged when unnamed
- ``readback`` the bytes read back a chunk at a time, hashed: a damaged content never comes out
- ``files``    the files attached to tasks: attach, remove and put back (kept, undoable), the limits
- ``claims``   the workflow: claim, 销号, 退回, withdraw and reopen (the undo)
- ``register`` what the lists and documents read: files and claims, closed or returned in a period, waiting
- ``copies``   a read-only copy of a file for the system's viewer

May import everything below it (``messages`` … ``records``, ``indicators``); ``periods`` and above
import it. ``blobs``, ``files`` and ``claims`` write (in a transaction an operation opened,
ledger_app/operations/closure.py): only the operations and the forms merge import them (import-linter's
``writes``). The derived state 待销号 is read in SQL by ``ledger_app.tasks.closure`` (the light).
"""
