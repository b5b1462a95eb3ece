"""Count questions: "How many of Yagoda's eighteen commissars were arrested and shot?".

The counted noun phrase is fronted as "How many <noun>" (or "For how many days" when it
sits in a prepositional phrase), with the same inversion rules as other questions; a
vague amount ("thousands", "several hundred") or a comparison ("more than") gives none.
"""

from __future__ import annotations

import re

from quizapp.generators.clauses import SUBJECTS, Parse, clause, core_phrase
from quizapp.generators.questions import (
    Question,
    arrange,
    finish,
    fronted_question,
    render_ordered,
)
from quizapp.tagging.types import Mention

VAGUE_COUNTS = {"several", "dozens", "hundreds", "thousands", "millions", "tens", "many", "few"}
APPROXIMATE = {"approximately", "about", "almost", "nearly", "some", "roughly", "around"}
COUNT_PREPS = {"for", "in", "after", "within", "to", "with", "by"}


def _count_parts(parse: Parse, mention: Mention) -> tuple[str, int, int] | None:
    """The stem's lead ("How many", "Approximately how many") and the answer's token range."""
    span = sorted(parse.covering(mention.start, mention.end))
    numbers = [i for i in span if parse.tokens[i].pos == "NUM"]
    if not numbers:
        return None
    first, last = numbers[0], span[-1]
    if re.fullmatch(r"1[5-9]\d\d|20\d\d", parse.tokens[first].text):
        return None  # "the 1936 executions": a year, not a count
    if any(parse.tokens[i].pos != "NUM" for i in span if i > first):
        return None  # a measure ("200 pounds"), not a count
    words = {parse.tokens[i].text.lower() for i in span}
    if parse.tokens[first].text.lower() in ("one", "half") or words & VAGUE_COUNTS:
        return None
    modifiers = " ".join(parse.tokens[i].text.lower() for i in span if i < first)
    if modifiers in ("", "only"):
        return "How many", first, last
    if modifiers in APPROXIMATE or modifiers == "at least":
        return f"{modifiers.capitalize()} how many", first, last
    return None


def count_question(parse: Parse, mention: Mention) -> Question | None:
    """Ask for a count: "How many of Yagoda's eighteen commissars were arrested and shot?"."""
    parts = _count_parts(parse, mention)
    head = parse.head_of(parse.covering(mention.start, mention.end))
    if parts is None or head is None:
        return None
    lead, first, last = parts
    verb = parse.tokens[head].head
    count = set(range(min(parse.covering(mention.start, mention.end)), last + 1))
    token = parse.tokens[head]
    if token.dep == "nummod" and parse.tokens[token.head].tag != "NNS":
        return None  # "article 58" names, it does not count
    if token.dep == "nummod" and parse.tokens[token.head].dep == "pobj":
        return _count_in_phrase(parse, token.head, lead, count, (first, last))
    if token.dep == "nummod" and not parse.children(token.head, "poss"):
        noun = token.head
        phrase = core_phrase(parse, noun) - set(parse.children(noun, "det"))
    elif token.dep in (*SUBJECTS, "dobj") and parse.children(head, "prep"):
        noun, phrase = head, core_phrase(parse, head)
        verb = parse.tokens[head].head
    else:
        return None
    verb = parse.tokens[noun].head
    if parse.tokens[noun].dep == "attr" and parse.children(verb, "expl"):
        text = render_ordered(parse, sorted(phrase - count), {})
        return _count_existential(parse, noun, verb, f"{lead} {text}", (first, last), count)
    if parse.tokens[noun].dep not in (*SUBJECTS, "dobj"):
        return None
    if not parse.is_clause_head(verb):
        return None
    noun_text = render_ordered(parse, sorted(phrase - count), {})
    answer = (parse.tokens[first].start, parse.tokens[last].end)
    if parse.tokens[noun].dep == "dobj":
        return fronted_question(
            parse,
            verb,
            parse.subtree(noun),
            f"{lead} {noun_text}",
            answer,
            "number",
            phrase - count,
        )
    kept = clause(parse, verb, keep_shared=True)
    if kept is None:
        return None
    kept -= parse.subtree(noun)
    order = arrange(parse, verb, kept, parse.subtree(noun))
    if order is None:
        return None
    stem = finish(parse, order, f"{lead} {noun_text}", {})
    return Question(stem, answer[0], answer[1], "number", frozenset(kept | phrase - count))


def _count_in_phrase(
    parse: Parse, noun: int, lead: str, count: set[int], answer: tuple[int, int]
) -> Question | None:
    """Front a counted prepositional phrase: "For how many days did the battles last?"."""
    prep = parse.tokens[noun].head
    verb = parse.tokens[prep].head
    word = parse.tokens[prep].text.lower()
    if word not in COUNT_PREPS or parse.children(noun, "poss") or not parse.is_clause_head(verb):
        return None
    phrase = core_phrase(parse, noun) - set(parse.children(noun, "det"))
    if phrase != parse.subtree(noun) - set(parse.children(noun, "det")):
        return None
    noun_text = render_ordered(parse, sorted(phrase - count), {})
    wh = f"{word.capitalize()} {lead.lower()} {noun_text}"
    span = (parse.tokens[answer[0]].start, parse.tokens[answer[1]].end)
    return fronted_question(parse, verb, parse.subtree(prep), wh, span, "number", phrase - count)


def _count_existential(
    parse: Parse, noun: int, verb: int, wh: str, answer: tuple[int, int], count: set[int]
) -> Question | None:
    """ "How many troops were there in the capital?" from "There were 1700 troops in ..."."""
    if not parse.is_clause_head(verb) or parse.tokens[verb].lemma != "be":
        return None
    kept = clause(parse, verb, keep_shared=False)
    if kept is None:
        return None
    expl = set(parse.children(verb, "expl"))
    noun_phrase = parse.subtree(noun)
    rest = kept - noun_phrase - expl - {verb}
    order = arrange(parse, verb, rest, expl)
    if order is None:
        return None
    lead = f"{wh} {parse.tokens[verb].text.lower()} there"
    stem = finish(parse, order, lead, {})
    span = (parse.tokens[answer[0]].start, parse.tokens[answer[1]].end)
    shown = core_phrase(parse, noun) - count
    return Question(stem, span[0], span[1], "number", frozenset(rest | shown))
