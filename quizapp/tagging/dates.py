"""Dates: find them in text and normalise them to a sortable value.

Values sort as strings and say how precise the text was: "1918-02-21" (a day),
"1918-02" (a month), "1918" (a year), "1923/1928" (a span of years), "1920s" (a decade),
"1925~" (about then: "the mid-1920s"; early -> "1922~", late -> "1928~").
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_ABBREVIATIONS = {
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_DAY = r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_STEM = r"(?:1[5-9]\d|20\d)"  # a decade's first three digits
_WORD_DECADES = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
_PARTS = {"early": 2, "mid": 5, "middle": 5, "late": 8}

# Patterns that find dates in running text, most specific first; each is also a
# form normalise_date() understands.
DATE_PATTERNS = [
    rf"(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}",
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",
    rf"{_MONTH},?\s+{_YEAR}",
    rf"(?:the\s+)?(?:early|mid|middle|late)[-\s]+{_STEM}0'?s",
    rf"(?:the\s+)?{_STEM}0'?s",
    rf"(?:the\s+)?(?:early|mid|middle|late)?[-\s]*(?:{'|'.join(_WORD_DECADES)})",
    rf"{_YEAR}\s?[-–]\s?(?:\d\d){{1,2}}(?!\d)",
    rf"{_MONTH}\s+{_DAY}(?![\d:])",
    rf"(?:the\s+)?{_DAY}\s+of\s+{_MONTH}",
    _YEAR,
]
_FINDER = re.compile(
    r"(?<![\w$£.,])(?:" + "|".join(DATE_PATTERNS) + r")(?![\w%]|,\d)", re.IGNORECASE
)


def find_dates(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that look like dates (rule-based, for what the model missed)."""
    spans = []
    for match in _FINDER.finditer(text):
        found = match.group(0)
        if found[0].islower() and found.split()[0].lower() not in ("the", "early", "mid", "late"):
            continue  # "may 5" as a verb, lower-case month words
        if not any(ch.isdigit() for ch in found) and not re.search(r"[A-Z]", found):
            continue  # "the twenties" is a date, but only when spelled as a decade name
        spans.append((match.start(), match.end()))
    return spans


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in MONTHS:
        return MONTHS[word]
    if word in _ABBREVIATIONS:
        return next(n for name, n in MONTHS.items() if name.startswith(word[:3]))
    return None


def _day_month_year(text: str) -> str | None:
    day = re.search(rf"\b({_DAY})\s+(?:of\s+)?({_MONTH}),?\s+({_YEAR})\b", text, re.I)
    if day:
        number, month, year = day.groups()
        return f"{year}-{_month(month):02d}-{int(re.sub(r'[a-z]', '', number)):02d}"
    day = re.search(rf"\b({_MONTH})\s+({_DAY}),?\s+({_YEAR})\b", text, re.I)
    if day:
        month, number, year = day.groups()
        return f"{year}-{_month(month):02d}-{int(re.sub(r'[a-z]', '', number)):02d}"
    return None


def _span(text: str) -> str | None:
    """ "1923-28", "1926-7", "1917 to 1923", "between 1928 and 1930" -> "1923/1928" ..."""
    found = re.search(rf"(?<!\d)({_YEAR})\s?[-–/]\s?(\d{{4}}|\d{{1,2}})(?!\d)", text)
    found = found or re.search(rf"(?<!\d)({_YEAR})\s+(?:to|and|until)\s+({_YEAR})(?!\d)", text)
    if not found:
        return None
    first, last = found.group(1), found.group(2)
    last = first[: 4 - len(last)] + last
    return f"{first}/{last}" if last > first else first


def _decade(text: str) -> str | None:
    lowered = text.lower()
    part = re.search(r"\b(early|mid|middle|late)[-\s]+(1[5-9]\d|20\d)0'?s\b", lowered)
    if part:
        return f"{part.group(2)}{_PARTS[part.group(1)]}~"
    decade = re.search(r"(?<!\d)(1[5-9]\d|20\d)0'?s\b", lowered)
    if decade:
        return f"{decade.group(1)}0s"
    for word, digit in _WORD_DECADES.items():
        if re.search(rf"\b{word}\b", lowered):
            found = re.search(rf"\b(early|mid|middle|late)[-\s]+{word}", lowered)
            return f"19{digit}{_PARTS[found.group(1)]}~" if found else f"19{digit}0s"
    return None


def normalise_date(text: str, year: int | None = None) -> str | None:
    """A sortable value for a date's text, or None when the text names no calendar time.

    `year` completes a day or month written without one ("Feb. 14").
    """
    full = _day_month_year(text)
    if full:
        return full
    span = _span(text)
    if span:
        return span
    month_year = re.search(rf"\b({_MONTH}),?\s+({_YEAR})\b", text, re.I)
    if month_year:
        return f"{month_year.group(2)}-{_month(month_year.group(1)):02d}"
    decade = _decade(text)
    if decade:
        return decade
    bare = re.search(rf"(?<![\d,.]){_YEAR}(?![\d,])", text)
    if bare:
        return bare.group(0)
    return _without_year(text, year) if year else None


def _without_year(text: str, year: int) -> str | None:
    day = re.search(rf"\b({_MONTH})\s+({_DAY})\b|\b({_DAY})\s+(?:of\s+)?({_MONTH})", text, re.I)
    if day:
        month = day.group(1) or day.group(4)
        number = day.group(2) or day.group(3)
        return f"{year}-{_month(month):02d}-{int(re.sub(r'[a-z]', '', number)):02d}"
    month = re.search(rf"\b{_MONTH}", text)
    if month and _month(month.group(0)):
        return f"{year}-{_month(month.group(0)):02d}"
    return None


def year_of(value: str | None) -> int | None:
    """The (first) year a normalised value stands for: "1920s" -> 1920, "1925~" -> 1925."""
    if not value:
        return None
    found = re.match(r"\d{4}", value)
    return int(found.group(0)) if found else None


def has_month(text: str) -> bool:
    """Whether `text` names a calendar month."""
    return any(_month(word) for word in re.findall(r"[A-Za-z]+\.?", text) if word[0].isupper())
