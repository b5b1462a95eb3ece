"""Cloze items: the sentence with one of its most salient spans blanked.

A sentence yields up to MAX_SPANS clozes (MAX_VARIED when a third span is of a third
kind), one per distinct, non-overlapping span; a span after the best must be salient
on its own (SECOND).

The blank is an entity, a date, a number or a glossary term, never a pronoun, a stop
word or a span the rest of the sentence names again (see ranking.answer_salience), and a
blanked name needs another fact in the stem to pin it down (anchors.py). The blank of a
name or a term shows the first letter of each of its words (checking/blanks.py).
The stem keeps the sentence exactly, behind "According to X, " when it quotes someone
or gives the author's opinion, and behind the sentence before it when it points back to
that one (lead_in.py). Also holds the helpers every sentence generator shares
to assemble a Draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizapp.checking.blanks import BLANK, hinted_blank
from quizapp.generators import register
from quizapp.generators.anchors import pinned
from quizapp.generators.attribution import attributed, attribution
from quizapp.generators.base import Citation, Context, Draft
from quizapp.generators.fitness import QUOTES
from quizapp.generators.lead_in import (
    gives_away,
    lead_citation,
    lead_for,
    lead_quality,
    led,
    names_any,
)
from quizapp.generators.named_referents import edited
from quizapp.generators.ranking import THRESHOLD, Span, answer_spans, item_score
from quizapp.generators.setting import is_setting
from quizapp.tagging.types import TaggedSentence

ARTICLE_BEFORE_BLANK = re.compile(r"\b([Aa])n? (?=" + BLANK + ")")
MAX_SPANS = 2  # items of one type a sentence may usually yield, on distinct spans
MAX_VARIED = 3  # a cloze may take a third span when it is of a third kind
SECOND = 0.6  # the salience a span other than the best needs to be asked about too


def blank_stem(sentence: TaggedSentence, span: Span, prefix: str) -> str:
    """The sentence with the span replaced by the blank, behind the attribution prefix."""
    blank = BLANK
    if span.text.endswith(".") and not sentence.text[span.end :].strip(QUOTES + "’)] "):
        blank += "."  # "... the P.O.U.M.": its dot also ended the sentence
    return attributed(sentence, edited(sentence, span.start, span.end, blank), prefix)


def neutral_article(stem: str) -> str:
    """ "an _____" tells the student the answer starts with a vowel: write "a(n) _____".
    (Multiple choice keeps the article: its options all take the same one.)"""
    return ARTICLE_BEFORE_BLANK.sub(lambda m: f"{m.group(1)}(n) ", stem)


def hinted(stem: str, span: Span) -> str:
    """The cloze stem with its blank showing the initials of a name or term ("L_____",
    checking/blanks.py); a date's or a number's blank stays bare, behind "a(n)"."""
    blank = BLANK if span.mention.type in ("date", "number") else hinted_blank(span.text)
    if blank == BLANK:
        return neutral_article(stem)
    return stem.replace(BLANK, blank, 1)  # the letter shows, so the article may too


def alternatives(span: Span, context: Context, sentence: TaggedSentence | None = None) -> list[str]:
    """Other accepted answers: the linked entity's canonical name and aliases, but not one
    the sentence prints ("_____—today Stalingrad" does not accept "Stalingrad")."""
    entity = context.entities.get(span.mention.entity or "")
    if entity is None:
        return []
    printed = sentence.text[: span.start] + " " + sentence.text[span.end :] if sentence else ""
    names = [n for n in (entity.canonical, *entity.aliases) if not names_any(printed, n)]
    seen = {span.text.lower()}
    result = []
    for name in names:
        if name and name.lower() not in seen:
            seen.add(name.lower())
            result.append(name)
    return result


def explanation(sentence: TaggedSentence, before: TaggedSentence | None = None) -> str:
    own = sentence.whole or sentence.text
    said = f"{before.text} {own}" if before is not None else own
    return f'The source says: "{said}"'


def tags(sentence: TaggedSentence, type_: str, span: Span | None) -> list[str]:
    """source, type and entity tags, the answering entity's first."""
    result = [f"source:{sentence.document}", f"type:{type_}"]
    keys = [span.mention.entity] if span is not None and span.mention.entity else []
    keys += [m.entity for m in sentence.mentions if m.entity]
    for key in dict.fromkeys(keys):
        result.append(f"entity:{key}")
    return result


def citation(sentence: TaggedSentence, start: int, end: int) -> Citation:
    """The sentence's citation with the span start:end (of a piece, moved into the whole)."""
    at = sentence.offset
    return Citation(sentence.key, sentence.text_hash, start + at, end + at)


@dataclass(frozen=True)
class Ready:
    """A sentence fit to ask about: its quality, attribution prefix and lead-in."""

    quality: float
    prefix: str  # "According to X, "
    before: TaggedSentence | None = None  # the sentence the stem opens with (lead_in.py)

    def stem(self, sentence: TaggedSentence, span: Span) -> str:
        """The sentence with the span blanked, behind its attribution and lead-in: one
        "According to X" covers both, as a lead-in is only taken from the same account."""
        if self.before is None:
            return blank_stem(sentence, span, self.prefix)
        return led(self.before, blank_stem(sentence, span, ""), self.prefix)

    def gives_away(self, *names: str) -> bool:
        """Whether what the stem adds to the sentence names any of `names` ("According to
        Serge, _____'s childhood …")."""
        return gives_away(self.before, *names) or names_any(self.prefix, *names)


def cited(sentence: TaggedSentence, span: Span, before: TaggedSentence | None) -> list[Citation]:
    """The answer's citation, then the lead-in's when the stem has one."""
    lead = [lead_citation(before)] if before is not None else []
    return [citation(sentence, span.start, span.end), *lead]


def usable(sentence: TaggedSentence, context: Context | None = None) -> Ready | None:
    """Whether the sentence yields items, and how; given the context, a sentence that
    points back may be read behind the sentence before it."""
    before = lead_for(sentence, context) if context is not None else None
    quality = lead_quality(sentence, before)
    prefix = attribution(sentence)
    if quality <= 0 or prefix is None:
        return None
    return Ready(quality, prefix, before)


def salient_spans(
    sentence: TaggedSentence, context: Context, lead: bool = False, setting: bool = False
) -> tuple[Ready, list[Span]] | None:
    """How the sentence is fit to ask about, and its answer spans, when its best span makes
    an item; with `lead`, it may be read behind the sentence before it; with `setting`,
    the country the corpus is set in counts as a span (a true statement may cite it;
    no question asks for it, setting.py)."""
    ready = usable(sentence, context if lead else None)
    if ready is None:
        return None
    spans = [
        span
        for span in answer_spans(sentence, context)
        if not ready.gives_away(span.text, *alternatives(span, context))
        and (setting or not is_setting(span.mention, context))
    ]
    if not spans or item_score(sentence, spans[0], ready.before) < THRESHOLD:
        return None
    return ready, spans


def best_spans(
    sentence: TaggedSentence, spans: list[Span], before: TaggedSentence | None = None
) -> list[Span]:
    """Up to MAX_SPANS spans that make good items: the first above the threshold, the
    others also salient on their own (SECOND) and not overlapping a chosen one; a span of
    another kind than the first goes before one of the same kind, so that a sentence with
    three dates and a figure asks about the figure too, and a span of a kind not chosen
    yet may make a third (MAX_VARIED)."""
    chosen: list[Span] = []
    for span in varied(spans):
        if item_score(sentence, span, before) < THRESHOLD or not pinned(sentence, span, before):
            continue
        if chosen and span.salience < SECOND:
            continue
        if any(span.start < c.end and c.start < span.end for c in chosen):
            continue
        if len(chosen) >= MAX_SPANS and span.mention.type in {c.mention.type for c in chosen}:
            continue
        chosen.append(span)
        if len(chosen) == MAX_VARIED:
            break
    return chosen


def varied(spans: list[Span]) -> list[Span]:
    """The spans with those of another type than the first moved before the rest."""
    if len(spans) < 3:
        return spans
    first, rest = spans[0], spans[1:]
    other = [s for s in rest if s.mention.type != first.mention.type]
    same = [s for s in rest if s.mention.type == first.mention.type]
    return [first, *other, *same]


@register
class ClozeGenerator:
    """Up to MAX_SPANS clozes per sentence, on its most salient distinct spans."""

    name = "cloze"
    version = "7"

    def generate(self, sentence: TaggedSentence, context: Context) -> list[Draft]:
        found = salient_spans(sentence, context, lead=True)
        if found is None:
            return []
        ready, spans = found
        return [
            self._draft(sentence, span, ready, context)
            for span in best_spans(sentence, spans, ready.before)
        ]

    def _draft(self, sentence: TaggedSentence, span: Span, ready: Ready, context: Context) -> Draft:
        before = ready.before
        return Draft(
            type="cloze",
            stem=hinted(ready.stem(sentence, span), span),
            answer=span.text,
            citations=cited(sentence, span, before),
            generator=self.name,
            version=self.version,
            alternatives=alternatives(span, context, sentence),
            explanation=explanation(sentence, before),
            tags=tags(sentence, "cloze", span),
            score=item_score(sentence, span, before),
        )
