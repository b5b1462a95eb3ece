"""What a flashcard shows on its front and back, by item type.

Cloze, short answer and true/false show their stem; multiple choice adds its choices;
chronology and matching list their parts in a shuffled order on the front and the right
order or pairs on the back. Shuffles are seeded by the item's uuid, so a card looks the
same each time it comes up.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from quizapp.models import Item, ItemVersion


@dataclass(frozen=True)
class CardFace:
    type: str
    label: str  # the type as a person reads it
    prompt: str
    choices: list[str] = field(default_factory=list)  # multiple choice and true/false
    parts: list[str] = field(default_factory=list)  # chronology events or matching terms
    targets: list[str] = field(default_factory=list)  # matching descriptions, shuffled
    answer: str = ""
    also_accepted: list[str] = field(default_factory=list)
    order: list[str] = field(default_factory=list)  # chronology: the events in order
    pairs: list[tuple[str, str]] = field(default_factory=list)  # matching: the pairs
    explanation: str = ""


LABELS = {
    "cloze": "Fill in the blank",
    "short_answer": "Short answer",
    "multiple_choice": "Multiple choice",
    "true_false": "True or false",
    "chronology": "Chronology",
    "matching": "Matching",
}


def card_face(item: Item, version: ItemVersion) -> CardFace:
    payload = version.payload or {}
    common = {
        "type": item.type,
        "label": LABELS.get(item.type, item.type.replace("_", " ")),
        "prompt": version.stem,
        "answer": version.answer,
        "explanation": version.explanation,
    }
    rng = random.Random(item.uuid)
    if item.type == "multiple_choice":
        choices = [version.answer, *version.distractors]
        rng.shuffle(choices)
        return CardFace(**common, choices=choices)
    if item.type == "true_false":
        return CardFace(**common, choices=["True", "False"])
    if item.type == "chronology":
        order = [e["text"] for e in payload.get("events", [])]
        return CardFace(**common, parts=_shuffled(order, rng), order=order)
    if item.type == "matching":
        pairs = [(p["left"], p["right"]) for p in payload.get("pairs", [])]
        lefts = [left for left, _ in pairs]
        return CardFace(
            **common,
            parts=lefts,
            targets=_shuffled([right for _, right in pairs], rng),
            pairs=pairs,
        )
    return CardFace(**common, also_accepted=list(version.alternatives or []))


def _shuffled(values: list[str], rng: random.Random) -> list[str]:
    """A shuffle that differs from the given order when it can, so the front is no answer."""
    shuffled = list(values)
    for _ in range(5):
        rng.shuffle(shuffled)
        if shuffled != values:
            break
    return shuffled
