"""Stable keys for sections, passages, footnotes and sentences.

A key is a hash of the document's slug, the row's kind, its text in matching form and
how many rows of the same text came before it in the document. Editing one sentence
therefore changes only that sentence's key; spacing, quote style and emphasis changes
keep the key (the content hash, over the exact text, records those).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from quizapp.checking.normalize import match_key

KEY_LENGTH = 12


def stable_keys(slug: str, kind: str, texts: Iterable[str]) -> list[str]:
    """Return one key per text, in order; repeated texts are told apart by occurrence."""
    seen: Counter[str] = Counter()
    keys = []
    for text in texts:
        form = match_key(text)
        occurrence = seen[form]
        seen[form] += 1
        digest = hashlib.sha1(f"{slug}\x00{kind}\x00{form}\x00{occurrence}".encode()).hexdigest()
        keys.append(digest[:KEY_LENGTH])
    return keys


def content_hash(text: str) -> str:
    """The hash of a sentence's exact text: any change to it makes citations stale."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
