"""The one citation checker: does the cited sentence support the item?

Used on drafting, on every edit, after re-ingest and on claims. It reads plain data
(the item's fields and the cited sentences' current state) and returns a verdict with
reasons a person can act on. The checks run from the most basic up: a stale citation
makes every other question moot, an answer missing from its span makes the stem's
wording moot, and so on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from quizapp.checking.blanks import without_blanks
from quizapp.checking.normalize import content_words, normalize_answer, stem_of
from quizapp.checking.statements import (
    core_statement,
    false_statement_problems,
    insertions,
    swapped_statement_problems,
    true_statement_problems,
)

# Share of a stem's content words that may be missing from the source: a question may
# paraphrase ("succeeded" for "successor"), never add a fact.
DRIFT_TOLERANCE = 0.34
# Words that frame a question rather than state a fact ("In what year", "How long").
FRAME_WORDS = frozenset(
    "long year years month day date name title percentage number city town country place "
    "person people term kind type sort".split()
)


@dataclass(frozen=True)
class SentenceState:
    """What the corpus says of a cited sentence now."""

    key: str
    text: str
    text_hash: str
    retired: bool = False
    context: str = ""  # the passage around it, for the drift check
    lemmas: frozenset[str] = frozenset()
    source: str = ""  # the document's title and author ("According to Serge, ...")
    analysis: Mapping = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class CitedSpan:
    sentence_key: str
    sentence_hash: str
    start: int
    end: int
    role: str = "answer"


@dataclass
class ItemFacts:
    """The parts of an item the checker reads."""

    type: str
    stem: str
    answer: str
    citations: Sequence[CitedSpan]
    alternatives: Sequence[str] = ()
    distractors: Sequence[str] = ()
    payload: Mapping = field(default_factory=dict)


@dataclass
class Verdict:
    verdict: str  # supported | stale | unsupported | drifted | leaky | ambiguous
    reasons: list[str] = field(default_factory=list)

    @property
    def supported(self) -> bool:
        return self.verdict == "supported"


def check(item: ItemFacts, sentences: Mapping[str, SentenceState]) -> Verdict:
    """Judge `item` against the current state of the sentences it cites."""
    if not item.citations:
        return Verdict("unsupported", ["the item cites no sentence"])
    checks = (
        ("stale", _stale),
        ("unsupported", _unsupported),
        ("leaky", lambda item, _sentences: _leaky(item)),
        ("drifted", _drifted),
        ("ambiguous", _ambiguous),
    )
    for verdict, find_problems in checks:
        problems = find_problems(item, sentences)
        if problems:
            return Verdict(verdict, problems)
    return Verdict("supported", ["the cited sentence states the answer at its span"])


def span_text(citation: CitedSpan, sentences: Mapping[str, SentenceState]) -> str:
    sentence = sentences[citation.sentence_key]
    return sentence.text[citation.start : citation.end]


def accepted_forms(item: ItemFacts) -> list[str]:
    return [form for form in [item.answer, *item.alternatives] if normalize_answer(form)]


# ---- the checks, each returning its reasons (empty when it passes) ---------------------


def _stale(item: ItemFacts, sentences: Mapping[str, SentenceState]) -> list[str]:
    problems = []
    for citation in item.citations:
        sentence = sentences.get(citation.sentence_key)
        if sentence is None:
            problems.append(f"cited sentence {citation.sentence_key} is not in the corpus")
        elif sentence.retired:
            problems.append(f"cited sentence {citation.sentence_key} was removed from its source")
        elif sentence.text_hash != citation.sentence_hash:
            problems.append(
                f"cited sentence {citation.sentence_key} changed since the item was written; "
                f'it now reads: "{sentence.text}"'
            )
    return problems


def _unsupported(item: ItemFacts, sentences: Mapping[str, SentenceState]) -> list[str]:
    for citation in item.citations:
        sentence = sentences[citation.sentence_key]
        if not 0 <= citation.start <= citation.end <= len(sentence.text):
            return [f"the answer span {citation.start}-{citation.end} lies outside the sentence"]
    if item.type in ("cloze", "multiple_choice", "short_answer"):
        return _answer_at_span(item, sentences)
    if item.type == "true_false":
        return _statement_supported(item, sentences)
    if item.type == "chronology":
        return _chronology_supported(item, sentences)
    if item.type == "matching":
        return _matching_supported(item, sentences)
    return [f"unknown item type {item.type!r}"]


def _answer_at_span(item: ItemFacts, sentences: Mapping[str, SentenceState]) -> list[str]:
    citation = item.citations[0]
    found = span_text(citation, sentences)
    if not found.strip():
        return ["the citation marks no answer span in the sentence"]
    wanted = {normalize_answer(form) for form in accepted_forms(item)}
    if normalize_answer(found) in wanted:
        return []
    return [
        f'the sentence has "{found}" at the answer\'s span, not "{item.answer}" or an accepted form'
    ]


def _statement_supported(item: ItemFacts, sentences: Mapping[str, SentenceState]) -> list[str]:
    citation = item.citations[0]
    sentence = sentences[citation.sentence_key]
    statement = item.payload.get("statement") or item.stem
    if item.answer.strip().lower() == "true":
        # a statement read behind its lead-in states the cited sentences together
        told = [sentences[c.sentence_key].text for c in item.citations[1:] if c.role == "context"]
        return true_statement_problems(statement, " ".join([*told, sentence.text]))
    if citation.start == citation.end:
        return ["a statement keyed false must mark the span it changed"]
    return swapped_statement_problems(statement, sentence.text, citation.start, citation.end)


def _chronology_supported(item: ItemFacts, sentences: Mapping[str, SentenceState]) -> list[str]:
    events = item.payload.get("events", [])
    if len(events) < 2:
        return ["a chronology needs at least two events"]
    problems = []
    for event in events:
        citation = item.citations[event.get("citation", 0)]
        if not span_text(citation, sentences).strip():
            problems.append(f'event "{event.get("text")}" cites no date in its sentence')
    values = [str(event.get("value", "")) for event in events]
    if values != sorted(values):
        problems.append("the events are not in the order their cited dates give")
    return problems


def _matching_supported(item: ItemFacts, sentences: Mapping[str, SentenceState]) -> list[str]:
    problems = []
    for pair in item.payload.get("pairs", []):
        citation = item.citations[pair.get("citation", 0)]
        sentence = normalize_answer(sentences[citation.sentence_key].text)
        for side in ("left", "right"):
            words = normalize_answer(str(pair.get(side, "")))
            if words and words not in sentence:
                problems.append(f'"{pair.get(side)}" is not in the sentence cited for its pair')
    return problems


def _leaky(item: ItemFacts) -> list[str]:
    if item.type not in ("cloze", "multiple_choice", "short_answer"):
        return []
    stem = f" {normalize_answer(without_blanks(item.stem))} "
    for form in accepted_forms(item):
        form_words = normalize_answer(form)
        if len(form_words) >= 2 and f" {form_words} " in stem:
            return [f'the stem gives the answer away: it contains "{form}"']
    return []


def _drifted(item: ItemFacts, sentences: Mapping[str, SentenceState]) -> list[str]:
    if item.type in ("chronology", "matching"):
        return []
    statement = item.payload.get("statement") or item.stem
    return drift_problems(statement, _cited(item, sentences))


def drift_problems(statement: str, cited: Sequence[SentenceState]) -> list[str]:
    """Reasons the stem or statement says what its cited sentences and their passages do
    not (empty when it does not drift); the first state is the answer's sentence."""
    stem = core_statement(statement)
    words = [w for w in content_words(without_blanks(stem)) if w not in FRAME_WORDS]
    if not words:
        return []
    known: set[str] = set()
    for state in cited:
        known |= _known_stems(state.text, state.context, state.source, state.lemmas)
    missing = [w for w in words if stem_of(w) not in known]
    if missing and len(missing) > DRIFT_TOLERANCE * len(words):
        return [f"the stem says things the source does not: {', '.join(missing)}"]
    return _unknown_insertions(stem, known, cited[0].text)


def _unknown_insertions(stem: str, known: set[str], sentence: str) -> list[str]:
    """A name added in brackets ("he [Stalin]") must be one the passage gives."""
    problems = []
    for name in insertions(stem, sentence):
        if any(stem_of(w) not in known for w in content_words(name)):
            problems.append(f'the stem adds "[{name}]", which the passage does not name')
    return problems


@lru_cache(maxsize=4096)
def _known_stems(text: str, context: str, source: str, lemmas: frozenset[str]) -> frozenset[str]:
    """The stems a stem may use: the sentence's, its passage's, its source's, its lemmas'."""
    words = content_words(f"{text} {context} {source}")
    return frozenset(stem_of(w) for w in [*words, *lemmas])


def _ambiguous(item: ItemFacts, sentences: Mapping[str, SentenceState]) -> list[str]:
    problems = []
    answers = {normalize_answer(form) for form in accepted_forms(item)}
    for state in _cited(item, sentences):
        sentence = f" {normalize_answer(state.text)} "
        for distractor in item.distractors:
            words = normalize_answer(distractor)
            if words in answers:
                problems.append(f'the distractor "{distractor}" is an accepted answer')
            elif words and f" {words} " in sentence:
                problems.append(f'the distractor "{distractor}" is named in the cited sentence')
    if item.type == "true_false" and item.answer.strip().lower() == "false":
        state = sentences[item.citations[0].sentence_key]
        statement = item.payload.get("statement") or item.stem
        problems.extend(false_statement_problems(statement, state.text))
    return problems


def _cited(item: ItemFacts, sentences: Mapping[str, SentenceState]) -> list[SentenceState]:
    seen: dict[str, SentenceState] = {}
    for citation in item.citations:
        seen.setdefault(citation.sentence_key, sentences[citation.sentence_key])
    return list(seen.values())
