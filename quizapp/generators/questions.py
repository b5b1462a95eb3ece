"""Turn a declarative main clause into a wh-question about one of its mentions.

Each transformation reads the dependency parse: a subject is replaced by its wh-word
("Dzerzhinsky led the Cheka" -> "Who led the Cheka?"); an object, a prepositional
phrase or a date is fronted as a wh-phrase with subject-auxiliary inversion or
do-support ("Whom did Lenin appoint?"); a count becomes "How many ...". A
transformation returns None whenever the result would not be clean.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizapp.generators.clauses import (
    SUBJECTS,
    Parse,
    clause,
    core_phrase,
    parenthetical,
    render,
    tidy,
)
from quizapp.generators.stems import vague_reason
from quizapp.tagging.types import Mention

DO_SUPPORT = {"VBD": "did", "VBZ": "does", "VBP": "do"}
ORG_HEADS = ("party", "committee", "army", "newspaper", "journal", "magazine", "congress")
TIME_PREPS = {"in", "on", "during", "since", "until"}
PLACE_PREPS = {"in", "at"}
PERSON_PREPS = {"to", "by", "with", "against", "from", "for", "under"}
TIME_WORDS = {"day", "week", "month", "year", "morning", "evening", "night", "time", "later"}
MOVABLE = {"prep", "npadvmod", "advmod", "agent", "tmod"}


@dataclass(frozen=True)
class Question:
    """A question stem with the answer's span in the sentence."""

    stem: str
    start: int
    end: int
    kind: str  # person, organization, place, date, number
    used: frozenset[int]  # the sentence tokens the stem keeps


def which_organisation(mention: Mention) -> str:
    """ "Which party" for "the Bolshevik Party", else "Which organisation"."""
    last = mention.text.split()[-1].lower()
    return f"Which {last}" if last in ORG_HEADS else "Which organisation"


def _phrase_is_mention(parse: Parse, phrase: set[int], span: set[int]) -> bool:
    """Whether a phrase is the mention, give or take a leading article."""
    extra = phrase - span
    return all(
        parse.tokens[i].dep == "det" and parse.tokens[i].text.lower() == "the" for i in extra
    )


def _main_role(parse: Parse, mention: Mention) -> tuple[int, int] | None:
    """(token heading the mention, the main verb) when the verb is the sentence's root."""
    span = parse.covering(mention.start, mention.end)
    head = parse.head_of(span)
    if head is None or parse.children(head, "conj", "cc") or parse.tokens[head].dep == "conj":
        return None
    verb = parse.tokens[head].head
    if parse.tokens[head].dep == "pobj":
        verb = parse.tokens[verb].head
    if verb < 0 or not parse.is_clause_head(verb):
        return None
    return head, verb


def arrange(parse: Parse, verb: int, kept: set[int], subject: set[int]) -> list[int] | None:
    """The kept tokens with fronted modifiers moved to the end; None if others precede."""
    first = min(subject) if subject else verb
    fronted = {i for i in kept if i < first}
    for i in fronted:
        dep = parse.tokens[i].dep
        if parse.tokens[i].head == verb and dep not in MOVABLE:
            return None
        if dep == "npadvmod" and parse.tokens[i].lemma.lower() not in TIME_WORDS:
            return None  # "Outstanding leader of ..., Trotsky devoted": not a time phrase
    rest = sorted(kept - fronted)
    return rest + sorted(fronted)


def finish(parse: Parse, order: list[int], lead: str, replace: dict[int, str]) -> str:
    """Join the wh-phrase and the ordered tokens into a question."""
    replace = dict(replace)
    for i in order:  # words that began a sentence or a fronted phrase now stand inside
        token = parse.tokens[i]
        starts = i == 0 or parse.tokens[i - 1].text in (",", ";", ":")
        if starts and token.pos != "PROPN" and token.text != "I" and i not in replace:
            replace[i] = token.text[:1].lower() + token.text[1:]
    body = render_ordered(parse, order, replace)
    return f"{lead} {body}".strip() + "?"


def render_ordered(parse: Parse, order: list[int], replace: dict[int, str]) -> str:
    runs: list[list[int]] = []
    for i in order:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return tidy(" ".join(render(parse.tokens, run, replace, strip=False) for run in runs))


def subject_question(parse: Parse, mention: Mention, wh: str) -> Question | None:
    """Replace the subject mention with `wh`: "Who led the Cheka until 1926?"."""
    role = _main_role(parse, mention)
    if role is None or parse.tokens[role[0]].dep not in SUBJECTS:
        return None
    head, verb = role
    span = parse.covering(mention.start, mention.end)
    if not _phrase_is_mention(parse, core_phrase(parse, head), span) or is_plural(parse, verb):
        return None
    question = None
    for keep_shared in (True, False):  # "A and B" implies A: drop a shared verb that dangles
        kept = clause(parse, verb, keep_shared=keep_shared)
        if kept is None:
            return None
        subject = parse.subtree(head)
        kept -= subject
        order = arrange(parse, verb, kept, subject)
        if order is None:
            return None
        stem = finish(parse, order, wh, {})
        question = Question(stem, mention.start, mention.end, mention.type, frozenset(kept))
        if vague_reason(parse, set(kept)) is None:
            break
    return question


def is_plural(parse: Parse, verb: int) -> bool:
    verbs = [verb, *parse.children(verb, "aux", "auxpass")]
    return any(
        parse.tokens[v].tag == "VBP" or parse.tokens[v].text in ("were", "are") for v in verbs
    )


def fronted_question(
    parse: Parse,
    verb: int,
    removed: set[int],
    wh: str,
    answer: tuple[int, int],
    kind: str,
    shown: set[int] | None = None,
) -> Question | None:
    """Remove `removed` from the clause of `verb` and front `wh` with inversion.

    `shown`: tokens of `removed` that the wh-phrase repeats ("How many divisions of its
    own"), checked with the rest of the stem for dangling references.
    """
    subject_head = parse.subject(verb)
    kept = clause(parse, verb, keep_shared=False)
    if subject_head is None or kept is None or subject_head in removed:
        return None
    kept -= removed | parenthetical(parse, subject_head) | _named_instead(parse, subject_head)
    subject = parse.subtree(subject_head) & kept
    auxes = sorted(parse.children(verb, "aux", "auxpass"))
    replace: dict[int, str] = {}
    if auxes:
        moved = auxes[0]
    elif parse.tokens[verb].lemma == "be":
        moved = verb
    elif parse.tokens[verb].tag in DO_SUPPORT:
        moved = None
        replace[verb] = parse.tokens[verb].lemma
    else:
        return None
    if moved is not None and moved < min(subject):
        return None  # already inverted
    order = arrange(parse, verb, kept - {moved}, subject)
    if order is None:
        return None
    helper = DO_SUPPORT[parse.tokens[verb].tag] if moved is None else parse.tokens[moved].text
    lead = f"{wh} {helper.lower()}"
    stem = finish(parse, order, lead, replace)
    return Question(stem, answer[0], answer[1], kind, frozenset(kept | (shown or set())))


def _named_instead(parse: Parse, head: int) -> set[int]:
    """For "His brother, Radomysslsky, ...": the tokens to drop so the name alone is the
    subject; empty unless the phrase around a named apposition would dangle."""
    names = [a for a in parse.children(head, "appos") if parse.tokens[a].pos == "PROPN"]
    if len(names) != 1:
        return set()
    name = core_phrase(parse, names[0])
    rest = core_phrase(parse, head) - parse.subtree(names[0])
    if vague_reason(parse, rest) is None or any(parse.tokens[i].dep == "conj" for i in name):
        return set()
    return parse.subtree(head) - name


def object_question(parse: Parse, mention: Mention, wh: str) -> Question | None:
    """Front a direct object: "Whom did Lenin appoint ...?"; or a predicate noun."""
    role = _main_role(parse, mention)
    if role is None or parse.tokens[role[0]].dep not in ("dobj", "attr"):
        return None
    if parse.tokens[role[0]].dep == "attr":
        wh = "Who" if wh == "Whom" else wh
    head, verb = role
    phrase = parse.subtree(head)
    if not _phrase_is_mention(parse, phrase, parse.covering(mention.start, mention.end)):
        return None
    return fronted_question(parse, verb, phrase, wh, (mention.start, mention.end), mention.type)


def prepositional_question(
    parse: Parse, mention: Mention, wh: str, preps: set[str]
) -> Question | None:
    """Front a prepositional phrase on the main verb: "Where did Lenin arrive?"."""
    role = _main_role(parse, mention)
    if role is None or parse.tokens[role[0]].dep != "pobj":
        return None
    head, verb = role
    prep = parse.tokens[head].head
    word = parse.tokens[prep].text.lower()
    if word not in preps or parse.tokens[prep].dep not in ("prep", "agent"):
        return None
    if not _phrase_is_mention(
        parse, parse.subtree(head), parse.covering(mention.start, mention.end)
    ):
        return None
    lead = wh.replace("{prep}", word.capitalize())
    return fronted_question(
        parse, verb, parse.subtree(prep), lead, (mention.start, mention.end), mention.type
    )


def whose_question(parse: Parse, mention: Mention) -> Question | None:
    """Ask for a possessor: "Whose successor was not part of Stalin's faction?"."""
    span = parse.covering(mention.start, mention.end)
    head = parse.head_of(span)
    if head is None or parse.tokens[head].dep != "poss" or parse.children(head, "conj"):
        return None
    noun = parse.tokens[head].head
    verb = parse.tokens[noun].head
    if parse.tokens[noun].dep not in (*SUBJECTS, "dobj") or not parse.is_clause_head(verb):
        return None
    if parse.subtree(head) - span - set(parse.children(head, "case")):
        return None
    phrase = core_phrase(parse, noun)
    noun_text = render_ordered(parse, sorted(phrase - parse.subtree(head)), {})
    answer = (mention.start, mention.end)
    if parse.tokens[noun].dep == "dobj":
        return fronted_question(
            parse, verb, parse.subtree(noun), f"Whose {noun_text}", answer, "person", phrase - span
        )
    kept = clause(parse, verb, keep_shared=True)
    if kept is None or is_plural(parse, verb) and parse.tokens[noun].tag != "NNS":
        return None
    kept -= parse.subtree(noun)
    order = arrange(parse, verb, kept, parse.subtree(noun))
    if order is None:
        return None
    stem = finish(parse, order, f"Whose {noun_text}", {})
    return Question(
        stem, answer[0], answer[1], "person", frozenset(kept | phrase - parse.subtree(head))
    )
