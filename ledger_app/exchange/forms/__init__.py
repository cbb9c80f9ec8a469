"""Department fill-in forms (进展填报表): the workbook sent to each lead department, its signed
hidden identity, the indicator sheet, and merging returned forms back into the ledger.

Part of ``exchange``; same imports.
"""
