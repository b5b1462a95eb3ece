"""Score answer spans and drafts on features that predict a good quiz item.

Every generator reuses these: `answer_salience` (is a span worth blanking),
`answer_spans` (a sentence's candidate answers, best first), `item_score` (a draft's
score: the sentence's fitness, fitness.sentence_quality, times its answer's salience)
and `limit_per_entity` (keep one entity from answering too many items in a bank).
Whether a sentence is fit to ask about at all is fitness.py's question; whether it
leans on text outside it, references.py's; whose words it states, attribution.py's.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from quizapp.checking.normalize import normalize_answer
from quizapp.generators.base import Context, Draft
from quizapp.generators.giveaways import gives_away, other_names
from quizapp.generators.lead_in import lead_quality
from quizapp.generators.named_referents import names_referent
from quizapp.generators.referents import NAMED, clause_verb
from quizapp.generators.values import MONTHS, common_words, is_count
from quizapp.tagging.types import Mention, TaggedSentence

THRESHOLD = 0.5  # drafts scoring below this are dropped
MAX_PER_ENTITY = 35  # items one entity may answer across a small bank
ENTITY_SHARE = 0.04  # ... and across a larger one, this share of its drafts
STOP = {
    "the", "a", "an", "one", "he", "she", "it", "they", "this", "that", "these", "those",
    "today", "now", "then", "once", "time", "year", "years", "day", "days", "first",
}  # fmt: skip
TYPE_SALIENCE = {
    "person": 1.0, "date": 0.95, "event": 0.9, "term": 0.9,
    "organization": 0.85, "number": 0.8, "place": 0.75,
}  # fmt: skip
PHRASES = ("quote", "phrase")  # mention sources of tagging/phrases.py
PHRASE_SALIENCE = 0.7
QUALIFIER = re.compile(
    r"(only|approximately|about|around|some|nearly|almost|over|just|roughly|at least"
    r"|at most|more than|less than|fewer than|up to)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    """A candidate answer: a cleaned mention span with its salience."""

    start: int
    end: int
    text: str
    mention: Mention
    salience: float


def clean_span(sentence: TaggedSentence, mention: Mention) -> tuple[int, int]:
    """The mention's offsets without a leading "the", a trailing possessive or punctuation."""
    start, end = mention.start, mention.end
    text = sentence.text
    if text[start:end].lower().startswith("the "):
        start += 4
    if mention.type == "number":
        qualifier = QUALIFIER.match(text[start:end])
        if qualifier and qualifier.end() < end - start:
            start += qualifier.end()
    while end > start and text[end - 1] in ",;:’'\"” ":
        end -= 1
    for suffix in ("’s", "'s"):
        if text[start:end].endswith(suffix):
            end -= 2
    return start, end


def _is_coordinated(sentence: TaggedSentence, mention: Mention) -> bool:
    """The mention stands in a list with another of its type ("Zinoviev and Kamenev")."""
    inside = [t for t in sentence.tokens if mention.start <= t.start < mention.end]
    others = [m for m in sentence.mentions if m is not mention and m.type == mention.type]
    for token in inside:
        linked = [t for t in sentence.tokens if t.head == token.i and t.dep == "conj"]
        if token.dep == "conj" and 0 <= token.head < len(sentence.tokens):
            linked.append(sentence.tokens[token.head])
        if any(m.start <= t.start < m.end for t in linked for m in others):
            return True
    return False


NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*"
JOIN = r"(?:,| and| or|, and|, or) "
LIST_BEFORE = re.compile(rf"{NAME}, (?:{NAME}{JOIN})?(?:and |or )?$")
LIST_TWO_BEFORE = re.compile(rf"{NAME}, {NAME}{JOIN}$")
LIST_AFTER = re.compile(rf"^{JOIN}{NAME}")
LIST_TWO_AFTER = re.compile(rf"^, {NAME}{JOIN}{NAME}")


def _in_list(sentence: TaggedSentence, mention: Mention) -> bool:
    """The mention is one item of a list of names ("in Ukraine, Caucasus, Central Asia"):
    another mention of its type stands next to it, joined by "," or "and", or the words
    around it are capitalised names so joined (whatever the tagger made of them)."""
    for other in sentence.mentions:
        if other is mention or other.type != mention.type:
            continue  # (not "in Spain, Ramon Mercader": a place, then the person's name)
        gap = sentence.text[min(mention.end, other.end) : max(mention.start, other.start)]
        if re.fullmatch(r"\s*(,|and|or|, and|, or)\s*", gap):
            return True
    before, after = sentence.text[: mention.start], sentence.text[mention.end :]
    middle = LIST_BEFORE.search(before) and LIST_AFTER.match(after)
    last = LIST_TWO_BEFORE.search(before)
    return bool(middle or last or LIST_TWO_AFTER.match(after))


MONTH_AFTER = re.compile(r"\s+(" + "|".join(m.capitalize() for m in MONTHS.split()) + r")\b")
# An open parenthesis that cites a book or an article: what follows is a reference.
CITED = re.compile(r"\((?:cited|quoted|see|cf\.)\b[^()]*$", re.IGNORECASE)


def answer_salience(mention: Mention, sentence: TaggedSentence, context: Context) -> float:
    """0..1: how good the mention is as an answer; 0 for stop words, pronouns, giveaways."""
    start, end = clean_span(sentence, mention)
    text = sentence.text[start:end]
    if (
        end - start < 2
        or text.lower() in STOP
        or gives_away(
            sentence, start, end, other_names(mention, text, context), mention.type == "person"
        )
    ):
        return 0.0
    if re.search(r"\baccording to\s+$", sentence.text[:start], re.IGNORECASE):
        return 0.0  # the source an aside cites ("according to Stephen Cohen in …"), not a fact
    if CITED.search(sentence.text[:start]):
        return 0.0  # a reference to the source ("(cited in Stalin and the Kirov Murder, ___)")
    if sentence.text[:start].count("[") > sentence.text[:start].count("]"):
        return 0.0  # inside the source's own editorial brackets ("his wife [Trotsky's sister]")
    glossed = re.search(r"[A-Z]\w*\s*\($", sentence.text[:start])
    if glossed and sentence.text[end : end + 1] == ")" and mention.type in NAMED + ("term",):
        return 0.0  # "the Communist International (Comintern)": a gloss of the name before
    inside = [t for t in sentence.tokens if start <= t.start < end]
    if not inside or all(t.pos in ("PRON", "DET", "ADP") for t in inside):
        return 0.0
    if negated(sentence, inside):
        return 0.0
    score = TYPE_SALIENCE.get(mention.type, 0.5)
    if mention.type == "date" and not re.search(r"\d", text):
        return 0.0  # "that year", "the same day": no date to learn
    if mention.type == "number" and not is_count(text):
        return 0.0
    if mention.type == "number" and MONTH_AFTER.match(sentence.text[end:]):
        return 0.0  # "the 13 December 1987 issue": the day of a date, not a count
    if mention.type in NAMED and not _proper_name(text, inside, sentence):
        return 0.0
    if mention.type == "person" and _first_name_only(text, context):
        return 0.0  # "Rosa" for Rosa Luxemburg: half a name
    if re.fullmatch(r"[A-Z]{2,5}", text) and count_named(mention, context) <= 1:
        return 0.0  # an acronym the text never comes back to ("the ABC of Marxism")
    if " " not in text and text.lower() in common_words(context):
        return 0.0  # "Tsar", "State": a generic noun with a capital
    if mention.type == "term" and len(inside) == 1 and inside[0].pos == "NOUN":
        score = 0.6 if mention.source == "glossary" else 0.3  # a glossary term or a generic noun
    elif mention.source in PHRASES:
        score = PHRASE_SALIENCE  # a quoted or defining phrase: no name list vouches for it
    if _is_coordinated(sentence, mention) or _in_list(sentence, mention):
        score *= 0.6
    count = len(context.sentences_by_entity.get(mention.entity or "", ()))
    return score / (1.0 + 0.05 * math.log1p(count))


def negated(sentence: TaggedSentence, inside: list) -> bool:
    """The span stands in a clause of a negated "be" ("the ___ is not what stands in the
    way", "was not part of ___'s faction"): nearly anything fits such a blank. A negated
    verb of action ("___ did not wait to be convicted, and instead ...") still says who."""
    ids = {t.i for t in inside}
    head = next((t for t in inside if t.head not in ids or t.head == t.i), inside[0])
    tokens = sentence.tokens
    verb = clause_verb(sentence, head)
    if not 0 <= verb < len(tokens) or tokens[verb].lemma != "be":
        return False
    return any(t.dep == "neg" and t.head == verb for t in tokens)


def count_named(mention: Mention, context: Context) -> int:
    return len(context.sentences_by_entity.get(mention.entity or "", ()))


def _first_name_only(text: str, context: Context) -> bool:
    """A one-word name that is the first word of a longer person's name in the corpus and
    never the last one ("Rosa", "Karl")."""
    if " " in text:
        return False
    first = last = False
    for entity in context.entities.values():
        if entity.type != "person":
            continue
        for name in (entity.canonical, *entity.aliases):
            parts = name.split()
            if len(parts) > 1:
                first = first or parts[0] == text
                last = last or parts[-1] == text
    return first and not last


def _proper_name(text: str, inside: list, sentence: TaggedSentence) -> bool:
    """A whole name: capitalised, proper nouns, no dangling "of"/"and", not two names,
    not half a name ("Katya Kh.", "the Bolshevik [Opposition]")."""
    after = sentence.tokens[inside[-1].i + 1 : inside[-1].i + 2]
    if after and after[0].pos == "PROPN" and after[0].text[:1].isupper():
        return False
    if len(text.split()) > 1 and len(text.split()[-1]) <= 2:
        return False
    if not text[:1].isupper() or re.search(r"\b(and|or)\b|\s(of|the|for)$", text):
        return False
    if re.search(r"(iks|ists?|ites|ians|ards|ers|isms?)$", text):
        return False  # a group or a member of one ("Bolsheviks", "an Oppositionist"), not a name
    return any(t.pos == "PROPN" for t in inside) and not any(t.tag == "NNPS" for t in inside)


def answer_spans(sentence: TaggedSentence, context: Context) -> list[Span]:
    """The sentence's usable answer spans, most salient first, one per distinct text."""
    spans: dict[str, Span] = {}
    for mention in sentence.mentions:
        salience = answer_salience(mention, sentence, context)
        if salience <= 0 or names_referent(sentence, mention):
            continue
        start, end = clean_span(sentence, mention)
        text = sentence.text[start:end]
        if text not in spans:
            spans[text] = Span(start, end, text, mention, salience)
    return sorted(spans.values(), key=lambda s: (-s.salience, s.start))


def item_score(sentence: TaggedSentence, span: Span, before: TaggedSentence | None = None) -> float:
    """A draft's score: sentence quality (behind its lead-in `before`, if any) times answer
    salience."""
    return round(lead_quality(sentence, before) * span.salience, 3)


def limit_per_entity(drafts: list[Draft], context: Context, cap: int | None = None) -> list[Draft]:
    """Keep at most `cap` drafts answered by one entity, the best-scoring first; by default
    MAX_PER_ENTITY, or ENTITY_SHARE of the drafts when that is more (a corpus of many
    books about Stalin may ask about him more often than one of five texts).

    Only an entity that is the answer counts (the key names it, or one of its aliases);
    true/false statements, chronologies and items answered by a date or number are kept.
    """
    if cap is None:
        cap = max(MAX_PER_ENTITY, round(ENTITY_SHARE * len(drafts)))
    kept, seen = [], {}
    for draft in sorted(drafts, key=lambda d: -d.score):
        key = answering_entity(draft, context)
        if key is None:
            kept.append(draft)
        elif seen.get(key, 0) < cap:
            seen[key] = seen.get(key, 0) + 1
            kept.append(draft)
    return kept


def answering_entity(draft: Draft, context: Context) -> str | None:
    """The entity key whose name or alias is the draft's answer, if any."""
    answer = normalize_answer(draft.answer)
    for tag in draft.tags:
        if not tag.startswith("entity:"):
            continue
        entity = context.entities.get(tag.split(":", 1)[1])
        if entity and answer in {normalize_answer(n) for n in (entity.canonical, *entity.aliases)}:
            return entity.key
    return None
