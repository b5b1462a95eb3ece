"""Lay cleaned paragraphs out as one document text with sections, passages and footnotes.

The cleaned text is what every span refers to: headings, then each passage followed by
its footnotes, separated by blank lines. Footnotes are attached to the passage whose
marker refers to them, searched near where the page break left them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.ingest.markup import Plain, strip_markup
from quizapp.ingest.paragraphs import Para

NOTE_SEARCH_BACK = 8  # passages searched back from a note at least ...
NOTE_SEARCH_CHARS = 3000  # ... and as many more as fit in about a printed page
NOTE_SEARCH_AHEAD = 2


@dataclass
class FootnoteSpec:
    marker: str
    text: str
    start: int = 0
    end: int = 0


@dataclass
class PassageSpec:
    kind: str
    text: str
    emphasis: list[tuple[int, int]]
    notes: list[str]
    footnotes: list[FootnoteSpec] = field(default_factory=list)
    start: int = 0
    end: int = 0


@dataclass
class SectionSpec:
    title: str
    passages: list[PassageSpec] = field(default_factory=list)
    start: int = 0


@dataclass
class Layout:
    text: str
    sections: list[SectionSpec]

    @property
    def passages(self) -> list[PassageSpec]:
        return [p for s in self.sections for p in s.passages]


def build_layout(paras: list[Para]) -> Layout:
    """Group paragraphs into sections and passages, attach notes, and compose the text."""
    sections: list[SectionSpec] = []
    passages: list[PassageSpec] = []
    pending_notes: list[tuple[int, FootnoteSpec]] = []
    heading_run: list[str] = []
    for para in paras:
        if para.kind == "heading":
            heading_run.append(strip_markup(para.text).text)
            continue
        if para.kind == "footnote":
            plain = strip_markup(para.text)
            pending_notes.append((len(passages), FootnoteSpec(para.marker, plain.text)))
            continue
        if heading_run or not sections:
            sections.append(SectionSpec(" — ".join(heading_run)))
            heading_run = []
        plain: Plain = strip_markup(para.text)
        if not plain.text:
            continue
        passage = PassageSpec(para.kind, plain.text, plain.emphasis, plain.notes)
        sections[-1].passages.append(passage)
        passages.append(passage)
    if heading_run and sections:
        sections.append(SectionSpec(" — ".join(heading_run)))
    for position, note in pending_notes:
        owner = _note_owner(passages, position, note.marker)
        if owner is not None:
            owner.footnotes.append(note)
    sections = [s for s in sections if s.passages]
    return Layout(_compose(sections), sections)


def _note_owner(passages: list[PassageSpec], position: int, marker: str) -> PassageSpec | None:
    """The passage whose markers name `marker`: before the note first, then just after it."""
    if not passages:
        return None
    before = _reach_back(passages, position)
    after = range(position, min(position + NOTE_SEARCH_AHEAD, len(passages)))
    for index in [*before, *after]:
        candidate = passages[index]
        claimed = sum(1 for n in candidate.footnotes if n.marker == marker)
        if candidate.notes.count(marker) > claimed:
            return candidate
    return passages[max(min(position, len(passages)) - 1, 0)]


def _reach_back(passages: list[PassageSpec], position: int) -> list[int]:
    """Indexes of the passages a note at `position` may belong to, nearest first.

    A page of short paragraphs (dialogue, verse) holds many passages, so the reach is
    a number of passages or a page's worth of text, whichever goes further.
    """
    indexes: list[int] = []
    chars = 0
    for index in range(min(position, len(passages)) - 1, -1, -1):
        if len(indexes) >= NOTE_SEARCH_BACK and chars >= NOTE_SEARCH_CHARS:
            break
        indexes.append(index)
        chars += len(passages[index].text)
    return indexes


def _compose(sections: list[SectionSpec]) -> str:
    parts: list[str] = []
    offset = 0

    def put(text: str) -> int:
        nonlocal offset
        start = offset
        parts.append(text)
        parts.append("\n\n")
        offset += len(text) + 2
        return start

    for section in sections:
        section.start = put(section.title) if section.title else offset
        for passage in section.passages:
            passage.start = put(passage.text)
            passage.end = passage.start + len(passage.text)
            for note in passage.footnotes:
                note.start = put(note.text)
                note.end = note.start + len(note.text)
    return "".join(parts)
