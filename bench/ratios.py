"""The one line each bench prints per figure it has a goal for, collected by tools/bench_table.py into
the table `make bench` ends with:

    RATIO<TAB>name<TAB>value<TAB>goal<TAB>unit

``value`` at most ``goal`` meets it; a figure short of its goal is also said plainly where it is printed."""

from __future__ import annotations

PREFIX = "RATIO"


def ratio(name: str, value: float, goal: float, unit: str = "x") -> bool:
    """Print the machine-readable line for one figure (``unit``: "x" for a ratio to the bare library,
    else what the figure is in, e.g. "ms" or "MB"); True when it meets its goal."""
    met = value <= goal
    name = " ".join(name.split())  # one line, one tab-free name
    print(f"{PREFIX}\t{name}\t{value:.3f}\t{goal:g}\t{unit}", flush=True)
    if not met:
        print(f"*** SHORT OF GOAL: {name} is {value:.2f}{unit if unit != 'x' else 'x'}, goal <= {goal:g}{unit} ***",
              flush=True)
    return met
