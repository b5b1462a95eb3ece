"""Progress bars for long commands, drawn only when stderr is a terminal."""

from __future__ import annotations

import sys
from contextlib import contextmanager

import click


def with_progress(items, length: int, label: str):
    """Yield `items`, drawing a progress bar on a terminal (and nothing elsewhere)."""
    if not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, length=length, label=label, file=sys.stderr) as bar:
        yield from bar


@contextmanager
def stage_bar(label: str):
    """A progress bar on a terminal, advanced by (done, total) calls; silent elsewhere."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    with click.progressbar(length=100, label=label, file=sys.stderr) as bar:
        yield lambda done, total: bar.update(int(100 * done / max(total, 1)) - bar.pos)
