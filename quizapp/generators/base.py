"""What every generator produces (Draft, with its Citations) and what it may look at."""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.tagging.types import Entity, Mention, TaggedSentence


@dataclass(frozen=True)
class Citation:
    """The sentence that supports an item, and where the answer stands in it."""

    sentence_key: str
    sentence_hash: str
    start: int  # the answer's span within the sentence text (start == end: no span)
    end: int
    role: str = "answer"  # answer, or "event:<n>" / "pair:<n>" for chronology and matching


@dataclass
class Draft:
    """A quiz item as a generator proposes it; services/pipeline.py stores and checks it."""

    type: str  # cloze, multiple_choice, short_answer, true_false, chronology, matching
    stem: str  # the question, or the cloze text with "_____" for the blank
    answer: str  # the key; "True"/"False" for true_false; the order/pairs as text otherwise
    citations: list[Citation]
    generator: str  # generator name
    version: str  # generator version
    alternatives: list[str] = field(default_factory=list)  # other accepted answers
    distractors: list[str] = field(default_factory=list)
    explanation: str = ""
    tags: list[str] = field(default_factory=list)  # "source:<slug>", "entity:<key>", "type:<t>"
    score: float = 0.0  # higher is better, 0..1
    # chronology: {"events": [{"text", "value", "citation"}]} in the right order;
    # matching: {"pairs": [{"left", "right", "citation"}]};
    # true_false: {"statement": str, "truth": bool, "original": str}
    payload: dict = field(default_factory=dict)


@dataclass
class Context:
    """Corpus-wide knowledge a generator needs beyond one sentence."""

    entities: dict[str, Entity]  # by key
    # Every mention in the corpus by type ("person", "date", ...), for distractors.
    mentions_by_type: dict[str, list[tuple[TaggedSentence, Mention]]] = field(default_factory=dict)
    # The sentences that mention each entity key, to tell whether a distractor is also true.
    sentences_by_entity: dict[str, list[TaggedSentence]] = field(default_factory=dict)
    era: tuple[int, int] = (1800, 2000)  # the corpus's range of years, for plausible dates
    # The sentence before each sentence in its section (by key), for a stem's lead-in.
    before: dict[str, TaggedSentence] = field(default_factory=dict)
