"""The parts of an item that every format lays out in its own way.

Choices, events and the right-hand side of pairs are put in an order derived from the
item's uuid, so an export of the same bank is the same file every time.
"""

from __future__ import annotations

import hashlib

from quizapp.checking.blanks import find_blank, hint_of
from quizapp.export.export_items import VersionContent


def shuffled(values: list[str], seed: str) -> list[str]:
    """`values` in an order fixed by `seed` and the values themselves (a hash, not
    Python's hash(), which changes from run to run)."""
    return sorted(
        values, key=lambda v: hashlib.blake2b(f"{seed}|{v}".encode(), digest_size=8).digest()
    )


def choices(version: VersionContent, seed: str) -> list[str]:
    """The answer among its distractors, shuffled."""
    return shuffled([version.answer, *(version.distractors or [])], seed)


def split_blank(stem: str) -> tuple[str, str, str] | None:
    """The text before and after a cloze stem's blank and the blank's hint ("L…", or ""),
    or None when it has none."""
    match = find_blank(stem)
    if match is None:
        return None
    return stem[: match.start()], stem[match.end() :], hint_of(match.group())


def events(version: VersionContent) -> list[str]:
    """A chronology's events in the right order."""
    found = [e.get("text", "") for e in (version.payload or {}).get("events", [])]
    return found or [part.strip() for part in version.answer.split("→") if part.strip()]


def pairs(version: VersionContent) -> list[tuple[str, str]]:
    """A matching item's (left, right) pairs."""
    found = [
        (p.get("left", ""), p.get("right", "")) for p in (version.payload or {}).get("pairs", [])
    ]
    if found:
        return found
    split = (part.partition(":") for part in version.answer.split(";"))
    return [(left.strip(), right.strip()) for left, _, right in split if right.strip()]


def also_accepted(version: VersionContent) -> list[str]:
    return [a for a in (version.alternatives or []) if a and a != version.answer]
