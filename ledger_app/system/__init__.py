"""The computer the program runs on: per-user folders, writing files on a clerk's desk (locked
files, network paths), resources shipped with the program, the running-program mutex, long work in a
process of its own (``elsewhere``), and the test-only pause points.

May import ``messages`` only; knows nothing of the ledger's contents.
"""
