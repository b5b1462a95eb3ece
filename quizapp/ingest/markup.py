"""Remove inline markup from a paragraph: `*emphasis*`, `_italics_` and note markers.

Emphasis is kept as spans over the plain text, note markers as the list of notes the
paragraph refers to, so the sentence text is clean and nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=[^\s*])(?P<star>[^*\n]+?)(?<=\S)\*(?![\w*])"
    r"|(?<![\w])_(?=\S)(?P<under>[^_\n]+?)(?<=\S)_(?!\w)"
)
SYMBOL_MARKER = re.compile(r"(?<=[\w.,;:!?\"”’)\]])[*†‡]+(?=[\s.,;:!?\"”’)]|$)")
BRACKET_MARKER = re.compile(r"(?<=[\w.,;:!?\"”’)])\[(\d{1,3})\]")
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
        notes.append(match.group(0) if match.re is SYMBOL_MARKER else f"[{match.group(1)}]")
        return ""

    pieces: list[str] = []
    emphasis: list[tuple[int, int]] = []
    length = 0
    last = 0
    for match in EMPHASIS.finditer(text):
        before = _drop_markers(text[last : match.start()], note)
        inner = match.group("star") if match.group("star") is not None else match.group("under")
        inner = _drop_markers(inner, note)
        pieces.extend([before, inner])
        length += len(before)
        emphasis.append((length, length + len(inner)))
        length += len(inner)
        last = match.end()
    pieces.append(_drop_markers(text[last:], note))
    plain = re.sub(r"[ \t]{2,}", " ", "".join(pieces)).strip()
    if plain != "".join(pieces):
        emphasis = []  # spacing changed under the spans; formatting is optional, text is not
    return Plain(plain, emphasis, notes)


def _drop_markers(text: str, note) -> str:
    text = SYMBOL_MARKER.sub(note, text)
    text = BRACKET_MARKER.sub(note, text)
    # A star left unpaired is a marker whose reference was lost, never text.
    return STRAY_STAR.sub("", text)
