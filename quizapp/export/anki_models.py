"""quizapp's own Anki note types and deck ids.

The ids are constants: Anki recognises a note type and a deck by id, so a deck imported
again after an edit lands on the same note types and decks instead of new copies. Never
change an id; change a template and the note type's modification time tells Anki to
take the new one.
"""

from __future__ import annotations

import hashlib

import genanki

CLOZE_MODEL_ID = 1_692_054_101
QUESTION_MODEL_ID = 1_692_054_102
CHOICE_MODEL_ID = 1_692_054_103
ROOT_DECK = "quizapp"

CSS = """\
.card {
  font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 20px;
  line-height: 1.5;
  color: #1f2328;
  background: #fdfdfb;
  text-align: left;
  max-width: 38em;
  margin: 0 auto;
  padding: 0.75em 1em;
}
.quizapp-prompt { font-size: 1.1em; }
.cloze { font-weight: 600; color: #0b57d0; }
.quizapp-choices { list-style: upper-alpha; padding-left: 1.8em; }
.quizapp-choices li, .quizapp-list li { margin: 0.3em 0; }
.quizapp-answer { font-weight: 600; margin: 0.3em 0; }
.quizapp-also, .quizapp-explanation { color: #4a4f55; margin: 0.4em 0; }
.quizapp-quote {
  margin: 1em 0 0.25em;
  padding: 0.4em 0.8em;
  border-left: 4px solid #c9a227;
  background: #f6f3e8;
  font-size: 0.92em;
}
.quizapp-quote mark { background: #ffe58a; color: inherit; padding: 0 0.1em; }
.quizapp-ref { font-size: 0.8em; color: #5b6168; margin: 0 0 0.8em; }
.quizapp-ref a { color: #0b57d0; }
.quizapp-pairs td { padding: 0.2em 0.8em 0.2em 0; vertical-align: top; }
hr#answer { border: 0; border-top: 1px solid #d0d4d9; margin: 1em 0; }
@media (max-width: 480px) {
  .card { font-size: 18px; padding: 0.4em 0.6em; }
  .quizapp-quote { margin-left: 0; margin-right: 0; }
}
.nightMode.card, .night_mode.card, .nightMode .card, .night_mode .card {
  color: #e3e3e3;
  background: #1d1f21;
}
.nightMode .cloze, .night_mode .cloze, .nightMode .quizapp-ref a, .night_mode .quizapp-ref a {
  color: #8ab4f8;
}
.nightMode .quizapp-also, .night_mode .quizapp-also,
.nightMode .quizapp-explanation, .night_mode .quizapp-explanation,
.nightMode .quizapp-ref, .night_mode .quizapp-ref { color: #b4b9bf; }
.nightMode hr#answer, .night_mode hr#answer { border-top-color: #454a50; }
.nightMode .quizapp-quote, .night_mode .quizapp-quote {
  background: #2b2820;
  border-color: #a8892a;
}
.nightMode .quizapp-quote mark, .night_mode .quizapp-quote mark {
  background: #7a6210;
  color: #fff;
}
"""

_CITATION = '{{#Citation}}<div class="quizapp-citation">{{Citation}}</div>{{/Citation}}'

CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    "quizapp cloze",
    fields=[{"name": "Text"}, {"name": "Back Extra"}, {"name": "Citation"}, {"name": "Source"}],
    templates=[
        {
            "name": "Cloze",
            "qfmt": '<div class="quizapp-prompt">{{cloze:Text}}</div>',
            "afmt": '<div class="quizapp-prompt">{{cloze:Text}}</div>\n<hr id="answer">\n'
            '{{#Back Extra}}<div class="quizapp-extra">{{Back Extra}}</div>{{/Back Extra}}\n'
            + _CITATION,
        }
    ],
    css=CSS,
    model_type=genanki.Model.CLOZE,
)

QUESTION_MODEL = genanki.Model(
    QUESTION_MODEL_ID,
    "quizapp question",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Citation"}, {"name": "Source"}],
    templates=[
        {
            "name": "Question",
            "qfmt": '<div class="quizapp-prompt">{{Front}}</div>',
            "afmt": '{{FrontSide}}\n<hr id="answer">\n<div class="quizapp-back">{{Back}}</div>\n'
            + _CITATION,
        }
    ],
    css=CSS,
)

CHOICE_MODEL = genanki.Model(
    CHOICE_MODEL_ID,
    "quizapp multiple choice",
    fields=[
        {"name": "Question"},
        {"name": "Choices"},
        {"name": "Answer"},
        {"name": "Explanation"},
        {"name": "Citation"},
        {"name": "Source"},
    ],
    templates=[
        {
            "name": "Multiple choice",
            "qfmt": '<div class="quizapp-prompt">{{Question}}</div>\n{{Choices}}',
            "afmt": '{{FrontSide}}\n<hr id="answer">\n'
            '<div class="quizapp-answer">{{Answer}}</div>\n'
            '{{#Explanation}}<div class="quizapp-explanation">{{Explanation}}</div>'
            "{{/Explanation}}\n" + _CITATION,
        }
    ],
    css=CSS,
)

MODELS = (CLOZE_MODEL, QUESTION_MODEL, CHOICE_MODEL)


def deck_name(source_title: str) -> str:
    """`quizapp::<title>`; a "::" inside the title would open a deeper level, so it goes."""
    title = " ".join(source_title.replace("::", ":").split()) or "Untitled"
    return f"{ROOT_DECK}::{title}"


def deck_id(name: str) -> int:
    """The same id for the same deck name, on every run and every installation."""
    digest = hashlib.sha256(f"quizapp deck {name}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)
