"""The parts of an item that every format lays out in its own way.

Choices, events and the right-hand side of pairs are shuffled with the item's uuid as
the seed, so an export of the same bank is the same file every time.
"""

from __future__ import annotations

import random
import re

from quizapp.models import ItemVersion

BLANK = re.compile(r"_{3,}")


def shuffled(values: list[str], seed: str) -> list[str]:
    """`values` in an order fixed by `seed` (random.Random seeds strings the same way on
    every run, whatever PYTHONHASHSEED says)."""
    order = list(values)
    random.Random(seed).shuffle(order)
    return order


def choices(version: ItemVersion, seed: str) -> list[str]:
    """The answer among its distractors, shuffled."""
    return shuffled([version.answer, *(version.distractors or [])], seed)


def split_blank(stem: str) -> tuple[str, str] | None:
    """The text before and after a cloze stem's blank, or None when it has none."""
    match = BLANK.search(stem)
    if match is None:
        return None
    return stem[: match.start()], stem[match.end() :]


def events(version: ItemVersion) -> list[str]:
    """A chronology's events in the right order."""
    found = [e.get("text", "") for e in (version.payload or {}).get("events", [])]
    return found or [part.strip() for part in version.answer.split("→") if part.strip()]


def pairs(version: ItemVersion) -> list[tuple[str, str]]:
    """A matching item's (left, right) pairs."""
    found = [
        (p.get("left", ""), p.get("right", "")) for p in (version.payload or {}).get("pairs", [])
    ]
    if found:
        return found
    split = (part.partition(":") for part in version.answer.split(";"))
    return [(left.strip(), right.strip()) for left, _, right in split if right.strip()]


def also_accepted(version: ItemVersion) -> list[str]:
    return [a for a in (version.alternatives or []) if a and a != version.answer]
