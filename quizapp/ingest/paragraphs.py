"""Split raw text into paragraphs, whatever the extraction's line layout.

Three layouts occur: one paragraph per line with blank lines between (the shipped
articles), one paragraph per line with no blank lines (a second extraction), and
hard-wrapped lines of about seventy characters (Project Gutenberg). A block of lines
is unwrapped only when it looks hard-wrapped; otherwise each line is a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from quizapp.ingest.words import join_broken_word

WRAP_MAX = 100  # a longer line is a paragraph of its own, not a wrapped line
WRAP_MIN = 35  # a wrapped line other than the last fills most of the width


@dataclass
class Para:
    """One paragraph of a document as the cleaning rules see it."""

    text: str
    line: int  # 1-based line of the source where the paragraph starts
    blank_before: int = 1
    kind: str = "body"  # body, heading, footnote, caption, attribution
    marker: str = ""  # a footnote's marker
    notes: list[str] = field(default_factory=list)  # markers of notes referred to


def split_paragraphs(text: str, lexicon: set[str]) -> list[Para]:
    """Return the paragraphs of `text`, unwrapping hard-wrapped blocks."""
    paras: list[Para] = []
    for first_line, blank_before, lines in _blocks(text.split("\n")):
        if _is_wrapped(lines) or _is_emphasised_block(lines):
            paras.append(Para(_unwrap(lines, lexicon), first_line, blank_before))
            continue
        for offset, line in enumerate(lines):
            blanks = blank_before if offset == 0 else 0
            paras.append(Para(line.strip(), first_line + offset, blanks))
    return paras


def _blocks(lines: list[str]) -> Iterable[tuple[int, int, list[str]]]:
    block: list[str] = []
    start = 0
    blanks = 1
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line.rstrip())
            continue
        if block:
            yield start, blanks, block
            block, blanks = [], 0
        blanks += 1
    if block:
        yield start, blanks, block


def _is_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    if any(len(line) > WRAP_MAX for line in lines):
        return False
    return all(len(line.strip()) >= WRAP_MIN for line in lines[:-1])


def _is_emphasised_block(lines: list[str]) -> bool:
    """Lines set in italics together (verse, a quoted letter): `*first …` to `… last*`."""
    first, last = lines[0].strip(), lines[-1].strip()
    return (
        len(lines) > 1
        and re.match(r"^\*[^\s*]", first) is not None
        and last.endswith("*")
        and "*" not in first[1:]
    )


_DASH_END = re.compile(r"(--|—|–)$")


def _unwrap(lines: list[str], lexicon: set[str]) -> str:
    text = lines[0].strip()
    for line in lines[1:]:
        line = line.strip()
        if text.endswith("-") and not _DASH_END.search(text):
            text = join_broken_word(text, line, lexicon)
        elif _DASH_END.search(text):
            text += line
        else:
            text += " " + line
    return text
