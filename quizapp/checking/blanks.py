"""The blank of a cloze stem, and the hint it may carry.

A cloze's blank is "_____". Where the answer is a name or a term, the blank shows the
first letter of each of its words ("L_____" for Lenin, "C_____ C_____" for the Central
Committee): one sentence rarely pins down a name alone ("_____ arrived at the Finland
Station" fits Zinoviev, who came with Lenin), and the letters tell the answer from the
others the text offers without giving it away. Dates and numbers keep the bare blank.

The checker, the exports and the generators read a stem's blank through this module, so
an instructor's stem with or without a hint means the same to all of them.
"""

from __future__ import annotations

import re

BLANK = "_____"
# One word's blank: an optional hint letter, then the underscores.
_WORD_BLANK = r"(?<!\w)[^\W\d_]?_{3,}"
# A whole blank: one word's, or several separated by single spaces ("C_____ C_____").
BLANK_PATTERN = re.compile(rf"{_WORD_BLANK}(?: {_WORD_BLANK})*")


def hinted_blank(answer: str) -> str:
    """The blank for `answer`: each word's first letter before its underscores, or the bare
    blank when the answer holds a digit or a word that does not begin with a letter."""
    words = answer.split()
    if not words or re.search(r"\d", answer) or not all(w[0].isalpha() for w in words):
        return BLANK
    return " ".join(w[0] + BLANK for w in words)


def hint_of(blank: str) -> str:
    """The letters a blank shows, as a reader would write them ("L…", "C… C…"), or "" for
    a bare blank."""
    letters = [w.rstrip("_") for w in blank.split()]
    if not any(letters):
        return ""
    return " ".join(f"{letter}…" if letter else "…" for letter in letters)


def find_blank(stem: str) -> re.Match[str] | None:
    """The stem's first blank, hint letters included."""
    return BLANK_PATTERN.search(stem)


def without_blanks(stem: str) -> str:
    """The stem with its blanks, hint letters included, turned into spaces."""
    return BLANK_PATTERN.sub(" ", stem)
