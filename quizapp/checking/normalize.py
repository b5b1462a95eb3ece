"""Normalise text for matching: one form for quotes, dashes, spacing and emphasis.

Display keeps the text as written; only comparisons use these forms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


# Letters NFKD does not split into a base letter and an accent.
UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})
ARTICLES = re.compile(r"^(?:the|a|an)\s+")
STOP_WORDS = frozenset(
    """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not of off on once only or other our ours out
over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which
while who whom whose why will with would you your yours according true false following
""".split()
)
QUESTION_WORDS = frozenset("what which who whom whose when where why how many much".split())


@lru_cache(maxsize=65536)
def normalize_answer(text: str) -> str:
    """A typed or keyed answer in comparable form: case, accents, punctuation, articles gone."""
    text = normalize_text(text).casefold()
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    ).translate(UNDECOMPOSED)
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 1,966 and 1966 are one number
    text = re.sub(r"[^\w\s%-]|(?<!\w)-|-(?!\w)", " ", text)
    text = SPACES.sub(" ", text).strip()
    return ARTICLES.sub("", text)


def content_words(text: str) -> list[str]:
    """The words of `text` that carry content: no stop words, question words or numbers alone."""
    words = re.findall(r"[^\W\d_][\w'’-]*|\d[\d,.%]*", normalize_answer(text))
    return [w for w in words if w not in STOP_WORDS and w not in QUESTION_WORDS and len(w) > 2]


@lru_cache(maxsize=65536)
def stem_of(word: str) -> str:
    """A crude stem for coverage checks: `appointed`, `appoints` and `appoint` agree."""
    word = word.casefold().strip("'’")
    for suffix in ("ations", "ation", "ings", "ing", "edly", "ed", "es", "s", "'s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)][:5]
    return word[:5]
