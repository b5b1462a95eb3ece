"""Decide whether a word broken with a hyphen at a line or page end is one word or a compound.

The evidence is the document's own vocabulary: if the joined form occurs elsewhere it
is one word (`found-` + `ing` is `founding`); if the hyphenated form occurs elsewhere,
or the first part is a prefix that English hyphenates (`anti-`, `non-`), or the
second part is capitalised (`non-Russian`), the hyphen is kept. Otherwise the break
is taken for a syllable break, which is what typesetters made most of them.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")

HYPHENATED_PREFIXES = {
    "anti",
    "non",
    "pro",
    "self",
    "ex",
    "semi",
    "quasi",
    "neo",
    "pan",
    "post",
    "pre",
    "ultra",
    "pseudo",
    "vice",
    "half",
    "all",
    "well",
    "counter",
    "co",
    "inter",
    "intra",
    "extra",
    "petty",
    "ill",
    "mid",
    "over",
    "under",
    "great",
    "old",
    "so",
}


def lexicon_of(text: str) -> set[str]:
    """Return the lower-cased words and hyphenated compounds that occur in `text`."""
    words: set[str] = set()
    for match in WORD.finditer(text):
        token = match.group().lower()
        words.add(token)
        if "-" in token:
            words.update(token.split("-"))
    return words


def join_broken_word(left: str, right: str, lexicon: set[str]) -> str:
    """Join `left` (ending in a hyphen) with `right`, the text after the break."""
    head_match = re.search(r"([^\W\d_]+)-$", left)
    tail_match = re.match(r"([^\W\d_]+)", right)
    if not head_match or not tail_match:
        return left + right if left.endswith("-") else f"{left} {right}"
    head, tail = head_match.group(1), tail_match.group(1)
    if keeps_hyphen(head, tail, lexicon):
        return left + right
    return left[:-1] + right


def keeps_hyphen(head: str, tail: str, lexicon: set[str]) -> bool:
    """True when `head-tail` is a real compound rather than one word broken in two."""
    joined = (head + tail).lower()
    compound = f"{head}-{tail}".lower()
    if tail[:1].isupper():
        return True
    if compound in lexicon and joined not in lexicon:
        return True
    if joined in lexicon:
        return False
    return head.lower() in HYPHENATED_PREFIXES
