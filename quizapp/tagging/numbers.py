"""Numbers: the digits a number mention stands for, and numbers written in digits in text."""

from __future__ import annotations

import re

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_DIGITS = re.compile(r"(?<![\w.,$£/-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\w|[,.]\d|[-/]\d)")


def find_numbers(text: str) -> list[tuple[int, int]]:
    """Spans of numbers written in digits ("3,000", "1.9", "40")."""
    return [(m.start(), m.end()) for m in _DIGITS.finditer(text)]


def number_value(text: str) -> str | None:
    """The number as plain digits: "2,000,000" -> "2000000", "three million" -> "3000000"."""
    found = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if found:
        digits = found.group(0).replace(",", "").rstrip(".")
        scale = re.search(r"\b(hundred|thousand|million|billion)\b", text[found.end() :].lower())
        if scale and "." not in digits:
            return str(int(digits) * _SCALES[scale.group(1)])
        return digits
    return _words_value(text)


def _words_value(text: str) -> str | None:
    total, current, seen = 0, 0, False
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _UNITS and not (word == "a" and seen):
            current += _UNITS[word]
            seen = seen or word != "a"
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
            seen = True
    value = total + current
    return str(value) if seen and value else None
