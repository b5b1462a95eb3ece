"""Read an answer from the question form's fields, refusing what the question never offered.

Fields (documented for clients in routes_quizzes.py):
  answer       typed text (cloze, short answer); a shown choice's text (multiple choice);
               "true" or "false" (true/false)
  order-<n>    chronology: the place (1 = earliest) given to the event shown n-th
  match-<n>    matching: for the n-th left-hand entry, the number of the right-hand entry
               chosen, as the right-hand entries are numbered on the page
"""

from __future__ import annotations

from collections.abc import Mapping

from quizapp.models import AttemptQuestion, ItemVersion
from quizapp.services.attempts import AttemptError, Given

MAX_TYPED = 200


def read_answer(kind: str, question: AttemptQuestion, version: ItemVersion, form: Mapping) -> Given:
    """The structured answer and its one-line text, or AttemptError naming the bad field."""
    if kind in ("cloze", "short_answer"):
        return _typed(form)
    if kind == "multiple_choice":
        return _choice(question, form)
    if kind == "true_false":
        return _true_false(form)
    if kind == "chronology":
        return _order(question, version, form)
    if kind == "matching":
        return _pairs(question, version, form)
    raise AttemptError(f"Questions of type {kind} cannot be answered here.")


def _typed(form: Mapping) -> Given:
    text = " ".join((form.get("answer") or "").split())
    if not text:
        raise AttemptError("answer: type an answer first.")
    if len(text) > MAX_TYPED:
        raise AttemptError(f"answer: at most {MAX_TYPED} characters, please.")
    return Given({"text": text}, text)


def _choice(question: AttemptQuestion, form: Mapping) -> Given:
    choice = form.get("answer") or ""
    if not choice:
        raise AttemptError("answer: choose one of the answers first.")
    if choice not in question.choices:
        raise AttemptError("answer: that is not one of this question's choices.")
    return Given({"choice": choice}, choice)


def _true_false(form: Mapping) -> Given:
    value = (form.get("answer") or "").strip().lower()
    if value not in ("true", "false"):
        raise AttemptError("answer: choose True or False first.")
    return Given({"value": value == "true"}, value.capitalize())


def _order(question: AttemptQuestion, version: ItemVersion, form: Mapping) -> Given:
    events = (version.payload or {}).get("events", [])
    shown = question.choices
    places = [_number(form, f"order-{n}", len(shown)) for n in range(1, len(shown) + 1)]
    if sorted(places) != list(range(1, len(shown) + 1)):
        raise AttemptError(f"order: give each event a different place from 1 to {len(shown)}.")
    order = [event for _, event in sorted(zip(places, shown, strict=True))]
    text = " → ".join(str(events[i].get("text", "")) for i in order)
    return Given({"order": order}, text)


def _pairs(question: AttemptQuestion, version: ItemVersion, form: Mapping) -> Given:
    pairs = (version.payload or {}).get("pairs", [])
    shown = question.choices
    chosen = {
        str(left): shown[_number(form, f"match-{left + 1}", len(shown)) - 1]
        for left in range(len(pairs))
    }
    text = "; ".join(
        f"{pairs[int(left)].get('left', '')}: {pairs[right].get('right', '')}"
        for left, right in chosen.items()
    )
    return Given({"pairs": chosen}, text)


def _number(form: Mapping, name: str, most: int) -> int:
    raw = (form.get(name) or "").strip()
    if not raw.isdigit() or not 1 <= int(raw) <= most:
        raise AttemptError(f"{name}: choose a number from 1 to {most}.")
    return int(raw)
