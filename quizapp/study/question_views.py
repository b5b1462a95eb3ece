"""What a question page shows: the frozen question, the answer given so far, the feedback.

Built for any number of questions with a fixed number of queries (the versions, their
citations, the cited sentences with their passages), so a page costs the same however
large the bank or the attempt history.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from quizapp.bank.citing import CitedPassage, cited_passages, load_contexts
from quizapp.checking.blanks import find_blank, hint_of
from quizapp.extensions import db
from quizapp.models import AttemptQuestion, CitationRecord, ItemVersion
from quizapp.services.attempt_questions import versions_of

REASONS = {
    "exact": "Right.",
    "alternative": "Right: that is an accepted answer.",
    "alias": "Right: that is another name for the answer.",
    "near_miss": "Right, though the spelling is off.",
    "right": "Right.",
    "partial": "Partly right.",
    "wrong": "Not right.",
    "blank": "No answer.",
    "other_entity": "Not right: that names someone or something else.",
    "near_other": "Not right: that is nearer to another name.",
}


@dataclass
class Feedback:
    correct: bool
    credit: float
    verdict: str
    corrected: str | None
    named: str | None
    expected: list[str]  # the right answer, one line per event or pair
    explanation: str
    cited: list[CitedPassage]


@dataclass
class QuestionView:
    position: int
    kind: str
    stem: str
    item_uuid: str
    answered: bool
    given: str = ""  # the answer recorded so far, as text
    typed: str = ""
    chosen: str = ""
    choices: list[str] = field(default_factory=list)  # multiple choice, true/false
    events: list[tuple[int, str, int | None]] = field(default_factory=list)  # n, text, place
    lefts: list[tuple[int, str, int | None]] = field(default_factory=list)  # n, left, right no.
    rights: list[tuple[int, str]] = field(default_factory=list)  # number, right
    feedback: Feedback | None = None

    @property
    def hinted(self) -> bool:
        """Whether the stem's blank shows the answer's first letters ("L_____")."""
        blank = find_blank(self.stem)
        return blank is not None and bool(hint_of(blank.group()))


def build_views(
    questions: list[AttemptQuestion],
    with_feedback: bool,
    versions: dict[int, ItemVersion] | None = None,
) -> list[QuestionView]:
    """The views of `questions`, with feedback on the answered ones when `with_feedback`.

    `versions` (by id, as `versions_of` gives them) saves the query when already loaded."""
    versions = versions if versions is not None else versions_of(questions)
    # citations are shown only in feedback, which only an answered question has
    answered = {q.version_id for q in questions if q.response is not None}
    cited = _citations(v for v in versions.values() if v.id in answered) if with_feedback else {}
    return [
        _view(q, versions[q.version_id], cited.get(q.version_id, []) if with_feedback else None)
        for q in questions
    ]


def _view(
    question: AttemptQuestion, version: ItemVersion, cited: list[CitedPassage] | None
) -> QuestionView:
    response = question.response
    answer = response.answer if response is not None else {}
    view = QuestionView(
        position=question.position,
        kind=version.item_type,
        stem=version.stem,
        item_uuid=version.item_uuid,
        answered=response is not None,
        given=response.given if response is not None else "",
        typed=answer.get("text", ""),
        chosen=answer.get("choice", "")
        or {True: "True", False: "False"}.get(answer.get("value"), ""),
    )
    payload = version.payload or {}
    if view.kind in ("multiple_choice", "true_false"):
        view.choices = list(question.choices)
    elif view.kind == "chronology":
        events = payload.get("events", [])
        order = answer.get("order", [])
        view.events = [
            (n, events[i].get("text", ""), order.index(i) + 1 if i in order else None)
            for n, i in enumerate(question.choices, start=1)
        ]
    elif view.kind == "matching":
        pairs = payload.get("pairs", [])
        chosen = answer.get("pairs", {})
        number = {i: m for m, i in enumerate(question.choices, start=1)}
        view.rights = [(m, pairs[i].get("right", "")) for m, i in enumerate(question.choices, 1)]
        view.lefts = [
            (n + 1, p.get("left", ""), number.get(chosen.get(str(n)))) for n, p in enumerate(pairs)
        ]
    if response is not None and cited is not None:
        view.feedback = _feedback(response, version, cited)
    return view


def _feedback(response, version: ItemVersion, cited: list[CitedPassage]) -> Feedback:
    grading = response.grading or {}
    reason = grading.get("reason", "right" if response.correct else "wrong")
    return Feedback(
        correct=bool(response.correct),
        credit=float(response.credit),
        verdict=REASONS.get(reason, "Right." if response.correct else "Not right."),
        corrected=grading.get("corrected"),
        named=grading.get("named"),
        expected=expected_answer(version),
        explanation=version.explanation or "",
        cited=cited,
    )


def expected_answer(version: ItemVersion) -> list[str]:
    payload = version.payload or {}
    kind = getattr(version, "item_type", None) or version.item.type
    if kind == "chronology":
        return [str(e.get("text", "")) for e in payload.get("events", [])]
    if kind == "matching":
        return [f"{p.get('left', '')} — {p.get('right', '')}" for p in payload.get("pairs", [])]
    return [version.answer]


def _citations(versions) -> dict[int, list[CitedPassage]]:
    ids = [v.id for v in versions]
    if not ids:
        return {}
    records = db.session.scalars(
        select(CitationRecord)
        .where(CitationRecord.version_id.in_(ids))
        .order_by(CitationRecord.version_id, CitationRecord.ordinal)
    ).all()
    contexts = load_contexts(r.sentence_key for r in records)
    found: dict[int, list[CitationRecord]] = {}
    for record in records:
        found.setdefault(record.version_id, []).append(record)
    return {vid: cited_passages(recs, contexts) for vid, recs in found.items()}
