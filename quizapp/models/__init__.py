"""Database models, one module per aggregate."""

from quizapp.models.corpus import Document, Footnote, Passage, Section, Sentence

__all__ = ["Document", "Footnote", "Passage", "Section", "Sentence"]
