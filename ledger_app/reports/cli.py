"""`report` subcommand (placeholder until the report documents land)."""

from __future__ import annotations

import argparse


def add_parser(sub, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's private type
    p = sub.add_parser("report", parents=[common], help="生成督办报表 PDF")
    p.add_argument("kind", choices=("quarterly-sheet", "bulletin", "annual", "notice", "ledger"))


def run(args: argparse.Namespace, ledger) -> None:  # noqa: ANN001
    raise NotImplementedError
