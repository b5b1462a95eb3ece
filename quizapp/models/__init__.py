"""Database models, one module per aggregate."""

from quizapp.models.bank import (
    AuditEvent,
    CitationRecord,
    GenerationMark,
    Item,
    ItemTag,
    ItemVersion,
)
from quizapp.models.corpus import Document, Footnote, Passage, Section, Sentence
from quizapp.models.quiz import Quiz, QuizItem, QuizRule
from quizapp.models.tagging import EntityRecord, MentionRecord
from quizapp.models.user import User

__all__ = [
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
    "Passage",
    "Quiz",
    "QuizItem",
    "QuizRule",
    "Section",
    "Sentence",
    "User",
]
