"""Grading students' answers: pure functions of the answer key, the answer and the names the
corpus knows; no database.

`grade(kind, key, given, lexicon)` judges one answer to one question and returns a Grade
(correct, credit 0..1, the reason, the corrected spelling of a near miss, the other
entity a wrong answer names). Typed answers are judged in `typed.py`, choices, orderings
and pairs in `structured.py`; `lexicon.py` holds the corpus's entity names.
"""

from quizapp.grading.lexicon import Lexicon
from quizapp.grading.result import Grade, Key
from quizapp.grading.structured import grade

__all__ = ["Grade", "Key", "Lexicon", "grade"]
