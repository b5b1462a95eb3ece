"""Deal members (events, pairs) into groups so that no two items repeat each other.

Each member is in at most `uses` groups and no two members share more than one group;
members used least go first, so the deal is spread evenly and deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def spread_groups(
    pool: Sequence[T],
    fits: Callable[[T, list[T]], bool],
    size: int = 4,
    minimum: int = 3,
    uses: int = 3,
) -> list[list[T]]:
    """Groups of up to `size` members (at least `minimum`) where each member `fits` the rest."""
    made: list[list[T]] = []
    used = [0] * len(pool)
    together: set[tuple[int, int]] = set()
    while True:
        order = sorted((i for i in range(len(pool)) if used[i] < uses), key=lambda i: used[i])
        current: list[int] = []
        for i in order:
            if len(current) == size:
                break
            if any((j, i) in together for j in current):
                continue
            if fits(pool[i], [pool[j] for j in current]):
                current.append(i)
        if len(current) < minimum:
            return made
        for i in current:
            used[i] += 1
            together.update((i, j) for j in current)
            together.update((j, i) for j in current)
        made.append([pool[i] for i in current])
