"""Values of dates and counts as the generators need them, and per-corpus caches.

`date_value` and `number_value` read a date's or a count's text; `granularity` and
`shape` say whether two dates or counts are of one kind; `seeded` gives a random
generator fixed by a sentence key; `derived` computes a corpus-wide table once per
Context.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable

from quizapp.generators.base import Context

MONTHS = "january february march april may june july august september october november december"
MONTH = {m: i + 1 for i, m in enumerate(MONTHS.split())}
WORD_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
SCALES = {"": 1.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}
NUMBER_WORD = (
    r"(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty"
    r"|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
)
NUMBER_FORM = re.compile(
    rf"(\d[\d,]*(\.\d+)?|{NUMBER_WORD}(-{NUMBER_WORD})?)( (hundred|thousand|million|billion))?"
)


def seeded(*parts: str) -> random.Random:
    """A random generator fixed by `parts` (never by the process's hash seed)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return random.Random(int(digest[:16], 16))


def date_value(text: str) -> str | None:
    """A sortable form of a date's text: "1918-02-21", "1918-02", "1918", "1920s"."""
    low = text.lower().replace(",", " ").replace(".", " ")
    if re.search(r"\d\s*[-–—/]\s*\d", low):
        return None  # a range of years: no single value to move
    decade = re.search(r"\b(1[6-9]\d0)[’']?s\b", low)
    if decade:
        return decade.group(1) + "s"
    year = re.search(r"\b(1[6-9]\d\d)\b", low)
    if not year:
        return None
    month = next((_month(w) for w in re.findall(r"[a-z]+", low) if _month(w)), None)
    if month is None:
        return year.group(1)
    day = re.search(r"\b([0-3]?\d)\b", low.replace(year.group(1), ""))
    if day and 1 <= int(day.group(1)) <= 31:
        return f"{year.group(1)}-{month:02d}-{int(day.group(1)):02d}"
    return f"{year.group(1)}-{month:02d}"


def _month(word: str) -> int | None:
    """The month a word names, in full or abbreviated ("Feb", "Sept")."""
    if word in MONTH:
        return MONTH[word]
    if len(word) < 3 or word == "mar":
        return None
    return next((i for m, i in MONTH.items() if m.startswith(word)), None)


def granularity(value: str | None) -> str:
    if not value:
        return "none"
    if value.endswith("s"):
        return "decade"
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "other")


def shape(text: str) -> str:
    """The form of a text: digits as 9, words as a, so "21 February 1918" is "9 a 9"."""
    return re.sub(r"[A-Za-z]+", "a", re.sub(r"\d+", "9", text))


TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
UNIT = re.compile(r"\s+(second|minute|hour|day|week|month|year)s?$", re.IGNORECASE)


def split_unit(text: str) -> tuple[str, str]:
    """A duration's count and its unit, singular ("forty-eight hours" -> ("forty-eight",
    "hour")); the unit is "" for a plain count."""
    found = UNIT.search(text.strip())
    if not found:
        return text.strip(), ""
    return text.strip()[: found.start()], found.group(1).lower()


def word_number(text: str) -> int | None:
    """The value of a number written in words below a hundred ("forty-eight" -> 48)."""
    low = text.lower().strip()
    if low in WORD_NUMBERS:
        return WORD_NUMBERS.index(low)
    parts = low.split("-")
    if parts[0] not in TENS or len(parts) > 2:
        return None
    tens = 20 + 10 * TENS.index(parts[0])
    if len(parts) == 1:
        return tens
    unit = WORD_NUMBERS.index(parts[1]) if parts[1] in WORD_NUMBERS[1:10] else None
    return None if unit is None else tens + unit


def number_words(value: int) -> str:
    """A number below a hundred in words, hyphenated ("forty-eight")."""
    if value < len(WORD_NUMBERS):
        return WORD_NUMBERS[value]
    tens, unit = divmod(value, 10)
    return TENS[tens - 2] + (f"-{WORD_NUMBERS[unit]}" if unit else "")


def number_value(text: str) -> tuple[float, str] | None:
    """A count's value and its scale word ("19 million" -> (19e6, "million")); a
    duration's unit is left out ("six days" -> (6, "word"))."""
    low = split_unit(text)[0].lower()
    words = word_number(low)
    if words is not None:
        return float(words), "word"
    match = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?)(?:\s+(thousand|million|billion))?", low)
    if not match:
        return None
    scale = match.group(2) or ""
    base = float(match.group(1).replace(",", ""))
    return base * SCALES[scale], scale


_CACHE: dict[int, tuple[Context, dict]] = {}


def derived(context: Context, name: str, build: Callable[[Context], object]):
    """`build(context)`, computed once per context (the last one only is kept)."""
    cached = _CACHE.get(id(context))
    if cached is None or cached[0] is not context:
        _CACHE.clear()
        cached = _CACHE[id(context)] = (context, {})
    if name not in cached[1]:
        cached[1][name] = build(context)
    return cached[1][name]


def format_number(value: float, like: str, scale: str) -> str:
    if scale == "word":
        words = number_words(int(value))
        return words if like[:1].islower() else words[0].upper() + words[1:]
    base = value / SCALES[scale]
    digits = f"{int(base):,}" if "," in like else str(int(base))
    return f"{digits} {scale}" if scale else digits


def nearby_dates(text: str, value: str, era: tuple[int, int]) -> list[tuple[str, str]]:
    """(text, value) of the date moved a few years (a decade by decades), within the era."""
    year = int(value[:4])
    steps = (-10, 10, 20, -20, 30) if value.endswith("s") else (-1, 1, 2, -2, 3, -3, 4, -4)
    result = []
    for step in steps:
        moved = text.replace(str(year), str(year + step))
        if era[0] <= year + step <= era[1] and date_value(moved):
            result.append((moved, date_value(moved)))
    return result


def nearby_numbers(value: float, scale: str, like: str) -> list[str]:
    """Counts near `value`, written like `like` (digits with commas, words, a scale)."""
    if scale == "word" and value < len(WORD_NUMBERS):
        near = [int(value) + d for d in (-2, 2, 3, -3, 4, 5, -4)]
        options = [float(v) for v in near if 2 <= v < len(WORD_NUMBERS)]
    elif scale == "word":
        near = [round(value * f) for f in (0.5, 2, 1.5, 3, 0.75, 1.25)]
        options = [float(v) for v in near if 2 <= v < 100 and v != value]
    else:
        unit = 10 ** max(0, len(str(int(value))) - 2) if value >= 100 else 1
        options = [round(value * f / unit) * unit for f in (0.5, 2, 1.5, 3, 0.25, 4)]
    return [format_number(o, like, scale) for o in options if o >= 2 and o != value]


def common_words(context: Context) -> set[str]:
    """Words the corpus also writes in lower case, so generic nouns ("state", "party")."""
    return derived(context, "words", _lower_words)


def _lower_words(context: Context) -> set[str]:
    seen = {s.key: s for pairs in context.mentions_by_type.values() for s, _ in pairs}
    return {t.text for s in seen.values() for t in s.tokens if t.text.islower()}


def is_count(text: str) -> bool:
    """A count written as digits or number words, not a year, not "one"; a duration
    ("six days") counts too."""
    text = split_unit(text)[0]
    if re.fullmatch(r"1[6-9]\d\d", text) or not NUMBER_FORM.fullmatch(text.lower()):
        return False
    return text.lower() not in ("one", "two", "1", "0", "zero")
