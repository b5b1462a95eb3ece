"""Chronology items: put three or four dated events from the corpus in order.

An event is the main clause of a sentence whose date phrase modifies the main verb
("On April 3, 1917, Lenin arrived at the Finland Station in Petrograd." gives the
event "Lenin arrived at the Finland Station in Petrograd." dated 1917-04-03). Events
in one item have distinct years, so the order is never in doubt; each cites its own
sentence with the date mention as the span.
"""

from __future__ import annotations

import re

from quizapp.generators import register
from quizapp.generators.base import Citation, Context, Draft
from quizapp.generators.clauses import (
    Parse,
    balanced,
    clause,
    core_phrase,
    parenthetical,
    render,
)
from quizapp.generators.grouping import spread_groups
from quizapp.generators.phrases import NOMINAL
from quizapp.generators.question_checks import sentence_ok
from quizapp.generators.stems import opinionated, vague_reason
from quizapp.generators.views import views
from quizapp.tagging.types import Mention, TaggedSentence

STEM = "Put these events in chronological order."
DATE_PREPS = {"in", "on", "during"}
VALUE = re.compile(r"\d{4}(-\d\d){0,2}")
GROUP = 4
MIN_GROUP = 3
USES = 5  # groups one event may appear in


class Event:
    """A dated event: its text, sortable date value and the sentence it comes from."""

    def __init__(self, text: str, sentence: TaggedSentence, mention: Mention) -> None:
        self.text = text
        self.sentence = sentence
        self.mention = mention
        self.value = mention.value or ""
        self.year = self.value[:4]


def _dated(sentence: TaggedSentence, context: Context) -> list[Mention]:
    """The sentence's precise dates in the corpus's era."""
    low, high = context.era
    return [
        m
        for m in sentence.mentions
        if m.type == "date" and VALUE.fullmatch(m.value or "") and low <= int(m.value[:4]) <= high
    ]


def event_text(
    sentence: TaggedSentence, mention: Mention, parse: Parse | None = None
) -> str | None:
    """The main clause without its date phrase, when that reads on its own.

    `parse` may be a view of the sentence (one half of a sentence split at "; ").
    """
    parse = parse or Parse(sentence.tokens)
    head = parse.head_of(parse.covering(mention.start, mention.end))
    if head is None:
        return None
    if parse.tokens[head].dep == "npadvmod":  # "December 1, 1934, Kirov was ..."
        phrase, verb = head, parse.tokens[head].head
    elif parse.tokens[head].dep == "pobj":
        phrase = parse.tokens[head].head
        verb = parse.tokens[phrase].head
        if parse.tokens[phrase].text.lower() not in DATE_PREPS:
            return None
    else:
        return None
    if parse.tokens[verb].pos == "NOUN" and phrase != head:
        return nominal_event(parse, verb, phrase)
    if not parse.is_clause_head(verb):
        return None
    subject = parse.subject(verb)
    if subject is None or subject > verb:
        return None  # "wrote Maxim Gorky": an inverted quotation tag
    finite = parse.tokens[verb].tag in ("VBD", "VBZ", "VBP")
    if not finite and not parse.children(verb, "aux", "auxpass"):
        return None  # "(Letter written)": no finite verb
    aside = parenthetical(parse, subject)
    if not aside and parse.subtree(subject) - core_phrase(parse, subject):
        return None  # a list set off by commas, or an aside the clause cannot lose
    for keep_shared in (True, False):  # "A and B" implies A: drop a dangling shared verb
        kept = clause(parse, verb, keep_shared=keep_shared)
        if kept is None or subject not in kept:
            return None
        kept -= parse.subtree(phrase) | aside
        if not vague_reason(parse, kept):
            break
    if vague_reason(parse, kept) or (not sentence.author and opinionated(parse)):
        return None
    return _finished(render(parse.tokens, kept))


def nominal_event(parse: Parse, noun: int, date_prep: int) -> str | None:
    """ "Kirov was assassinated." from "the assassination of Kirov on December 1, 1934"."""
    word = parse.tokens[noun].text.lower()
    objects = [
        o
        for p in parse.children(noun, "prep")
        if parse.tokens[p].text.lower() == "of"
        for o in parse.children(p, "pobj")
    ]
    if word not in NOMINAL or len(objects) != 1 or parse.tokens[objects[0]].pos != "PROPN":
        return None
    person = parse.subtree(objects[0])
    if any(parse.tokens[i].pos not in ("PROPN", "PART") for i in person):
        return None
    return _finished(f"{render(parse.tokens, person)} was {NOMINAL[word]}")


def _finished(text: str) -> str | None:
    """The event as a sentence, if it has a workable length and no other year."""
    if "—" in text or "–" in text:
        return None  # a dash joins a second thought the event would drag along
    if not 2 <= len(text.split()) <= 20 or re.search(r"\b1\d{3}\b", text) or not balanced(text):
        return None
    return text[:1].upper() + text[1:] + "."


def events(sentences: list[TaggedSentence], context: Context) -> list[Event]:
    """Every clean dated event, once per distinct text, in corpus order."""
    found, seen = [], set()
    for sentence in sentences:
        if not sentence_ok(sentence) or not _dated(sentence, context):
            continue
        for view in views(sentence)[:1] + _halves(sentence):
            for mention in _dated(sentence, context):
                if mention not in view.mentions:
                    continue
                text = event_text(sentence, mention, view.parse)
                key = re.sub(r"\W+", "", (text or "").lower())
                day = mention.value if len(mention.value or "") == 10 else key
                if text and not {key, day, sentence.cluster} & seen:
                    seen |= {key, day, sentence.cluster}  # one event per exact day
                    found.append(Event(text, sentence, mention))
    return found


def _halves(sentence: TaggedSentence) -> list:
    """The halves of a sentence split at "; " (no attributed views: events are not quoted)."""
    return [v for v in views(sentence)[1:] if v.who is None]


def groups(pool: list[Event]) -> list[list[Event]]:
    """Deterministic groups of events with distinct years, no two items sharing a pair."""
    return spread_groups(
        pool,
        lambda event, chosen: all(e.year != event.year for e in chosen),
        size=GROUP,
        minimum=MIN_GROUP,
        uses=USES,
    )


@register
class Chronology:
    name = "chronology"
    version = "3"

    def generate_all(self, sentences: list[TaggedSentence], context: Context) -> list[Draft]:
        return [self._draft(group) for group in groups(events(sentences, context))]

    def _draft(self, group: list[Event]) -> Draft:
        ordered = sorted(group, key=lambda e: e.value)
        citations = [
            Citation(
                e.sentence.key, e.sentence.text_hash, e.mention.start, e.mention.end, f"event:{n}"
            )
            for n, e in enumerate(ordered)
        ]
        sources = sorted({e.sentence.document for e in ordered})
        entities = sorted(
            {
                m.entity
                for e in ordered
                for m in e.sentence.mentions
                if m.entity and m.type == "person"
            }
        )
        return Draft(
            type="chronology",
            stem=STEM,
            answer=" → ".join(e.text for e in ordered),
            citations=citations,
            generator=self.name,
            version=self.version,
            explanation="; ".join(f"{e.mention.text}: {e.text}" for e in ordered),
            tags=[f"source:{s}" for s in sources]
            + ["type:chronology"]
            + [f"entity:{k}" for k in entities],
            score=0.8 if len(sources) == 1 else 0.7,
            payload={
                "events": [
                    {"text": e.text, "value": e.value, "citation": n} for n, e in enumerate(ordered)
                ]
            },
        )
