"""What grading takes (the answer key of one frozen item version) and what it gives back."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Key:
    """The answer key of one item version, as the student's attempt froze it."""

    answer: str
    alternatives: tuple[str, ...] = ()
    # chronology: {"events": [...]} in the right order; matching: {"pairs": [...]};
    # true_false: {"truth": bool}
    payload: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Grade:
    """The verdict on one answer.

    reason: exact | alternative | alias | near_miss | other_entity | near_other | wrong |
    blank | partial | right.
    """

    correct: bool
    credit: float
    reason: str
    corrected: str | None = None  # the right spelling, when a near miss was accepted
    named: str | None = None  # the other entity a wrong answer names (or nearly names)

    def as_dict(self) -> dict:
        return asdict(self)
