"""Normalise text for matching: one form for quotes, dashes, spacing and emphasis.

Display keeps the text as written; only comparisons use these forms.
"""

from __future__ import annotations

import re
import unicodedata

QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "―": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
    }
)
SPACES = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """NFKC, quotes and dashes unified, `*` removed, doubled quotes and whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    text = text.replace("*", "")
    text = text.replace("''", '"').replace("--", "-")
    return SPACES.sub(" ", text).strip()


def match_key(text: str) -> str:
    """A looser form for clustering: case-folded, punctuation and spacing dropped."""
    text = normalize_text(text).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return SPACES.sub(" ", text).strip()
