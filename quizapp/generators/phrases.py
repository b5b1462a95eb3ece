"""Questions whose answer sits inside a phrase rather than filling a clause role.

- a duration: "the street battles lasted for six days" -> "How long did the street
  battles last?" (answer "six days");
- an apposition: "Yagoda, the chief of the G.P.U., was demoted" -> "Who was the chief
  of the G.P.U.?";
- a nominalisation: "the assassination of Kirov on December 1, 1934" -> "Who was
  assassinated on December 1, 1934?";
- a named kind: "Stalin announces the new policy of 'socialism in one country'" ->
  "Which new policy does Stalin announce?";
- a name's meaning: 'Stalin means "made of steel"' -> 'What does the name Stalin mean?';
- a place inside an existential: "there was a general strike ... in Vorkuta" -> "Where
  was there a general strike ...?".
Each returns None unless the parse is the plain shape it expects.
"""

from __future__ import annotations

from quizapp.generators.clauses import SUBJECTS, Parse, clause, core_phrase, render
from quizapp.generators.questions import Question, arrange, finish, fronted_question, is_plural
from quizapp.tagging.types import Mention

TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
NOMINAL = {
    "assassination": "assassinated", "murder": "murdered", "execution": "executed",
    "arrest": "arrested", "expulsion": "expelled", "exile": "exiled", "trial": "tried",
    "deportation": "deported", "imprisonment": "imprisoned", "dismissal": "dismissed",
    "kidnapping": "kidnapped", "rehabilitation": "rehabilitated", "banishment": "banished",
    "condemnation": "condemned", "removal": "removed", "capture": "captured",
}  # fmt: skip
KINDS = {
    "policy", "theory", "slogan", "doctrine", "principle", "programme", "program", "formula",
    "idea", "line", "tactic", "tactics", "city", "town", "village", "region", "province",
    "newspaper", "journal", "magazine", "party", "organisation", "organization",
}  # fmt: skip
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "eur", "ar", "ee")
PERSON_NOUNS = {
    "head", "hero", "fellow", "chief", "son", "daughter", "wife", "brother", "friend",
    "comrade", "marshal", "general", "deputy", "stooge", "figure", "chairman", "émigré",
    "official", "envoy", "spy", "poet", "tsar", "worker", "successor", "heir", "editor",
}  # fmt: skip
QUOTES = {'"', "“", "”", "'", "‘", "’", "``", "''"}


def _span(parse: Parse, indices: set[int]) -> tuple[int, int]:
    return parse.tokens[min(indices)].start, parse.tokens[max(indices)].end


def _mention_tokens(parse: Parse, mention: Mention) -> set[int]:
    return {i for i in parse.covering(mention.start, mention.end) if parse.tokens[i].pos != "PUNCT"}


def duration_questions(parse: Parse) -> list[Question]:
    """ "How long did X last?" for "for <number> <time unit>" or "lasted <number> <unit>"."""
    found = []
    for token in parse.tokens:
        if token.lemma.lower() not in TIME_UNITS or token.tag != "NNS":
            continue
        numbers = [c for c in parse.children(token.i, "nummod") if parse.tokens[c].pos == "NUM"]
        if len(numbers) != 1 or parse.children(token.i, "prep", "amod", "det", "poss"):
            continue
        answer = set(range(min(parse.subtree(numbers[0])), token.i + 1))
        answer = {i for i in answer if parse.tokens[i].tag != "RB"}
        if not answer or any(parse.tokens[i].text.lower() in ("several", "many") for i in answer):
            continue
        if token.dep == "pobj" and parse.tokens[parse.tokens[token.i].head].text.lower() == "for":
            removed = parse.subtree(token.head)
            verb = parse.tokens[token.head].head
        elif token.dep in ("dobj", "npadvmod") and parse.tokens[token.head].lemma == "last":
            removed, verb = parse.subtree(token.i), token.head
        else:
            continue
        if not parse.is_clause_head(verb):
            continue
        question = fronted_question(
            parse, verb, removed, "How long", _span(parse, answer), "duration"
        )
        if question is not None:
            found.append(question)
    return found


def apposition_question(parse: Parse, mention: Mention) -> Question | None:
    """ "Who was the chief of the G.P.U.?" from "Yagoda, the chief of the G.P.U., ..."."""
    span = _mention_tokens(parse, mention)
    head = parse.head_of(span)
    if head is None or mention.type != "person":
        return None
    token = parse.tokens[head]
    if token.dep == "appos":
        description = core_phrase(parse, token.head) - parse.subtree(head)
        noun = token.head
    else:
        appos = parse.children(head, "appos")
        if len(appos) != 1:
            return None
        noun = appos[0]
        description = core_phrase(parse, noun)
    description = {i for i in description if parse.tokens[i].text not in (",", "(", ")", "—")}
    if not _definite(parse, noun, description) or parse.tokens[noun].pos != "NOUN":
        return None
    if description != set(range(min(description), max(description) + 1)):
        return None
    if parse.tokens[noun].tag != "NN" or len(description) > 12 or not names_a_person(parse, noun):
        return None
    verb = _governor(parse, head)
    be = "is" if verb is not None and parse.tokens[verb].tag in ("VBZ", "VBP") else "was"
    text = render(parse.tokens, description)
    if parse.tokens[min(description)].pos != "PROPN":
        text = text[:1].lower() + text[1:]
    stem = f"Who {be} {text}?"
    return Question(stem, mention.start, mention.end, "person", frozenset(description))


def names_a_person(parse: Parse, noun: int) -> bool:
    """Whether a noun ("successor", "chief", "editor") names a person, not "novel" or "hour"."""
    word = parse.tokens[noun].lemma.lower()
    return word in PERSON_NOUNS or word.endswith(PERSON_SUFFIXES)


def _governor(parse: Parse, head: int) -> int | None:
    """The verb a noun phrase depends on (through appositions and conjunctions)."""
    seen = set()
    while head not in seen and parse.tokens[head].pos not in ("VERB", "AUX"):
        seen.add(head)
        head = parse.tokens[head].head
    return head if parse.tokens[head].pos in ("VERB", "AUX") else None


def _definite(parse: Parse, noun: int, description: set[int]) -> bool:
    """A description that picks out one person: "the head of the Cheka", "Dzerzhinsky's
    successor", "commander of the Far Eastern army"; not "a young communist"."""
    dets = [parse.tokens[d].text.lower() for d in parse.children(noun, "det")]
    if dets and dets != ["the"]:
        return False
    named = any(parse.tokens[i].pos == "PROPN" for i in description)
    owner = parse.children(noun, "poss") or any(
        parse.tokens[p].text.lower() == "of" for p in parse.children(noun, "prep")
    )
    return named and bool(owner)


def nominal_question(parse: Parse, mention: Mention) -> Question | None:
    """ "Who was assassinated on December 1, 1934?" from "the assassination of Kirov on ..."."""
    span = _mention_tokens(parse, mention)
    head = parse.head_of(span)
    if head is None or mention.type != "person" or parse.tokens[head].dep != "pobj":
        return None
    of = parse.tokens[head].head
    noun = parse.tokens[of].head
    word = parse.tokens[noun].text.lower()
    if parse.tokens[of].text.lower() != "of" or word not in NOMINAL:
        return None
    if parse.subtree(head) - span - set(parse.children(head, "case")):
        return None  # "the arrest of Kamenev and Zinoviev", "of Kirov, a member of ..."
    modifiers = [
        p
        for p in parse.children(noun, "prep")
        if p != of and parse.tokens[p].text.lower() in ("on", "in", "at", "by", "during")
    ]
    if not modifiers or parse.children(noun, "poss", "conj", "relcl", "acl"):
        return None
    kept: set[int] = set()
    for prep in modifiers:
        phrase = core_phrase(parse, prep)
        if phrase != parse.subtree(prep):
            return None
        kept |= phrase
    if not any(parse.tokens[i].pos in ("PROPN", "NUM") for i in kept):
        return None
    stem = f"Who was {NOMINAL[word]} {render(parse.tokens, kept)}?"
    return Question(stem, mention.start, mention.end, "person", frozenset(kept))


def kind_question(parse: Parse, answer: set[int]) -> Question | None:
    """ "Which new policy does Stalin announce?" for "the new policy of 'socialism in ...'"."""
    answer = {i for i in answer if parse.tokens[i].text not in QUOTES}
    head = parse.head_of(answer)
    if not answer or head is None or parse.tokens[head].dep != "pobj":
        return None
    of = parse.tokens[head].head
    noun = parse.tokens[of].head
    if parse.tokens[of].text.lower() != "of" or parse.tokens[noun].text.lower() not in KINDS:
        return None
    if parse.tokens[noun].dep not in ("dobj", *SUBJECTS) or parse.children(noun, "poss"):
        return None
    dets = [parse.tokens[d].text.lower() for d in parse.children(noun, "det")]
    if dets != ["the"] or any(parse.tokens[i].text.lower() == "of" for i in answer):
        return None
    phrase = core_phrase(parse, noun)
    inner = parse.subtree(of)
    if phrase - inner - set(parse.children(noun, "det", "amod", "compound")) - {noun}:
        return None  # other modifiers would be ambiguous about which part is asked
    words = sorted(phrase - inner - set(parse.children(noun, "det")))
    wh = "Which " + render(parse.tokens, words).lower()
    verb = parse.tokens[noun].head
    if not parse.is_clause_head(verb):
        return None
    where = _span(parse, answer)
    if parse.tokens[noun].dep == "dobj":
        shown = set(words)
        return fronted_question(parse, verb, parse.subtree(noun), wh, where, "term", shown)
    return _subject_kind(parse, noun, wh, where)


def _subject_kind(parse: Parse, noun: int, wh: str, where: tuple[int, int]) -> Question | None:
    """A subject "the theory of X was ..." asked as "Which theory was ...?"."""
    verb = parse.tokens[noun].head
    kept = clause(parse, verb, keep_shared=True)
    if kept is None or is_plural(parse, verb):
        return None
    subject = parse.subtree(noun)
    kept -= subject
    order = arrange(parse, verb, kept, subject)
    if order is None:
        return None
    return Question(finish(parse, order, wh, {}), where[0], where[1], "term", frozenset(kept))


def meaning_question(parse: Parse) -> Question | None:
    """'What does the name Stalin mean?' from 'Stalin means "made of steel"'."""
    root = parse.root()
    if root is None or parse.tokens[root].text.lower() not in ("means", "meant"):
        return None
    subject = parse.subject(root)
    if subject is None or parse.subtree(subject) != {subject}:
        return None
    if parse.tokens[subject].pos != "PROPN" or root != subject + 1:
        return None
    after = root + 1
    if after >= len(parse.tokens) or parse.tokens[after].text not in QUOTES:
        return None
    end = next(
        (i for i in range(after + 1, len(parse.tokens)) if parse.tokens[i].text in QUOTES), None
    )
    if end is None or end - after < 2:
        return None
    inner = [i for i in range(after + 1, end) if parse.tokens[i].text not in (",", ".")]
    do = "does" if parse.tokens[root].text.lower() == "means" else "did"
    name = parse.tokens[subject].text
    stem = f"What {do} the name {name} mean?"
    start, stop = _span(parse, set(inner))
    return Question(stem, start, stop, "term", frozenset({subject}))


def existential_place(parse: Parse, mention: Mention) -> Question | None:
    """ "Where was there a general strike ...?" from "there was a general strike ... in X"."""
    span = _mention_tokens(parse, mention)
    head = parse.head_of(span)
    if head is None or mention.type != "place" or parse.tokens[head].dep != "pobj":
        return None
    prep = parse.tokens[head].head
    noun = parse.tokens[prep].head
    if parse.tokens[prep].text.lower() not in ("in", "at") or parse.tokens[noun].dep != "attr":
        return None
    verb = parse.tokens[noun].head
    if not parse.children(verb, "expl") or parse.tokens[verb].lemma != "be":
        return None
    if parse.subtree(head) - span - set(parse.children(head, "det")):
        return None
    if max(parse.subtree(prep)) != max(parse.subtree(noun)):
        return None  # only a place that ends the noun phrase
    return fronted_question(
        parse, verb, parse.subtree(prep), "Where", (mention.start, mention.end), "place"
    )
