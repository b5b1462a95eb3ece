"""Find where an answer stands in a sentence, comparing in normalised form."""

from __future__ import annotations

import re

from quizapp.checking.normalize import normalize_answer


def find_answer_span(sentence: str, forms: list[str]) -> tuple[int, int] | None:
    """The (start, end) of the first of `forms` found in `sentence` as whole words."""
    for form in forms:
        wanted = normalize_answer(form)
        if not wanted:
            continue
        for start, end in _word_spans(sentence):
            candidate = _extend(sentence, start, end, wanted)
            if candidate:
                return candidate
    return None


def _word_spans(sentence: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[\w.%-]+", sentence)]


def _extend(sentence: str, start: int, end: int, wanted: str) -> tuple[int, int] | None:
    """Grow a span word by word from `start` until it equals `wanted` or passes it."""
    spans = [s for s in _word_spans(sentence) if s[0] >= start]
    for _, stop in spans:
        found = normalize_answer(sentence[start:stop])
        if found == wanted:
            while stop > start and sentence[stop - 1] in ".,;:":
                stop -= 1
            return _without_article(sentence, start, stop), stop
        if len(found) > len(wanted) + 2:
            return None
    return None


def _without_article(sentence: str, start: int, stop: int) -> int:
    """Start the span after a leading article: the answer is "139", not "the 139"."""
    match = re.match(r"(?:the|a|an)\s+", sentence[start:stop], re.I)
    return start + match.end() if match else start
