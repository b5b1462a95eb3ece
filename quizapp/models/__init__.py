"""Database models, one module per aggregate."""

from quizapp.models.bank import (
    AuditEvent,
    CitationRecord,
    GenerationMark,
    Item,
    ItemTag,
    ItemVersion,
)
from quizapp.models.corpus import Document, Footnote, Passage, PassageTag, Section, Sentence
from quizapp.models.job import Job
from quizapp.models.quiz import Quiz, QuizItem, QuizRule
from quizapp.models.study import Attempt, AttemptQuestion, CardReview, CardState, Response
from quizapp.models.tagging import EntityRecord, MentionRecord
from quizapp.models.user import User

__all__ = [
    "Attempt",
    "AttemptQuestion",
    "CardReview",
    "CardState",
    "Response",
    "AuditEvent",
    "CitationRecord",
    "Document",
    "EntityRecord",
    "GenerationMark",
    "Footnote",
    "Item",
    "ItemTag",
    "ItemVersion",
    "MentionRecord",
    "Job",
    "Passage",
    "PassageTag",
    "Quiz",
    "QuizItem",
    "QuizRule",
    "Section",
    "Sentence",
    "User",
]
