"""Remove inline markup from a paragraph: `*emphasis*`, `_italics_` and note markers.

Emphasis is kept as spans over the plain text, note markers as the list of notes the
paragraph refers to, so the sentence text is clean and nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

EMPHASIS = re.compile(
    # a closing star may be followed by a note marker: `*…factories.**`
    r"(?<![\w*])\*(?=[^\s*])(?P<star>[^*\n]+?)(?<=\S)\*(?=\*+(?![\w*])|(?![\w*]))"
    # a closing underscore after punctuation may touch the next word: `_Rangov--_Table`
    r"|(?<![\w])_(?=\S)(?P<under>[^_\n]+?)(?:(?<=\S)_(?!\w)|(?<=[^\w\s])_(?=\w))"
)
SYMBOL_MARKER = re.compile(r"(?<=[\w.,;:!?\"”’)\]])[*†‡]+(?=[\s.,;:!?\"”’)—–-]|$)")
BRACKET_MARKER = re.compile(r"(?<=[\w.,;:!?\"”’)])\[(\d{1,3})\]")
# A bare note number after a sentence's end, before the next one: `the others). 1 Individual`.
NUMERAL_MARKER = re.compile(
    r"(?<=[.!?][)\"”’\]]|[a-z)\]][.!?])(?P<space>\s)(?P<number>\d{1,2})(?=\s+[A-Z])"
)
NOT_SENTENCE_END = {"approx", "ibid", "cit", "ed", "eds", "vol", "nos", "sept"}
CONTEXT = 24  # characters of plain text before a piece that marker patterns may look at
STRAY_STAR = re.compile(r"\*+")


@dataclass
class Plain:
    text: str
    emphasis: list[tuple[int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def strip_markup(text: str) -> Plain:
    """Return `text` without emphasis markers or note markers, recording both."""
    notes: list[str] = []

    def note(match: re.Match) -> str:
        if match.re is SYMBOL_MARKER:
            notes.append(match.group(0))
        elif match.re is NUMERAL_MARKER:
            notes.append(match.group("number"))
        else:
            notes.append(f"[{match.group(1)}]")
        return ""

    pieces: list[str] = []
    emphasis: list[tuple[int, int]] = []
    length = 0
    last = 0
    for match in EMPHASIS.finditer(text):
        before = _drop_markers(text[last : match.start()], note, "".join(pieces)[-CONTEXT:])
        pieces.append(before)
        inner = match.group("star") if match.group("star") is not None else match.group("under")
        inner = _drop_markers(inner, note, "".join(pieces)[-CONTEXT:])
        pieces.append(inner)
        length += len(before)
        emphasis.append((length, length + len(inner)))
        length += len(inner)
        last = match.end()
    pieces.append(_drop_markers(text[last:], note, "".join(pieces)[-CONTEXT:]))
    plain = re.sub(r"[ \t]{2,}", " ", "".join(pieces)).strip()
    if plain != "".join(pieces):
        emphasis = []  # spacing changed under the spans; formatting is optional, text is not
    return Plain(plain, emphasis, notes)


def _drop_markers(text: str, note, context: str = "") -> str:
    """Remove note markers from `text`, judging each against the plain text before it.

    `context` is the plain text that precedes `text` (the end of an emphasised word
    before `_Tsay-ee-kah_[2]`), so a marker right after emphasis is still a marker.
    """
    skip = len(context)
    combined = context + text

    def outside_context(match: re.Match) -> str:
        return match.group(0) if match.start() < skip else note(match)

    def numeral(match: re.Match) -> str:
        if match.start() < skip or _ends_abbreviation(combined[: match.start()]):
            return match.group(0)
        note(match)
        return ""

    combined = SYMBOL_MARKER.sub(outside_context, combined)
    combined = BRACKET_MARKER.sub(outside_context, combined)
    combined = NUMERAL_MARKER.sub(numeral, combined)
    # A star left unpaired is a marker whose reference was lost, never text.
    return STRAY_STAR.sub("", combined[skip:])


def _ends_abbreviation(text: str) -> bool:
    """True when `text` ends with an abbreviation (`Nov.`, `p.`) rather than a sentence."""
    word = re.search(r"(\w+)\W*$", text)
    if not word:
        return False
    word_text = word.group(1)
    if text.rstrip()[-1:] in ')"”’]':
        return False
    return len(word_text) < 4 or not word_text.islower() or word_text.lower() in NOT_SENTENCE_END
