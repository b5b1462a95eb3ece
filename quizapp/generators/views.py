"""Parts of a sentence that stand alone as sentences of their own, for question making.

A view is a closed piece of the dependency tree re-indexed as its own parse, with the
character offsets of the whole sentence kept so that answer spans still point into the
cited text. Views are: the whole sentence; each half of a sentence split at "; " when
the half is a clause with a subject; the sentence without an "according to X" aside
(attributed to X); the clause a reporting verb introduces ("the KGB revealed that
S" gives S, attributed to "the KGB"); an asserted subordinate clause ("when Stalin died
in March 1953"); a relative clause on a name, the name standing for "who"; and the
sentence with a subject "he" replaced by the person its fronted clause names; and the
sentence with the subject "he" its passage resolves written "he [Stalin]".
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from quizapp.generators.clauses import SUBJECTS, Parse, core_phrase, render
from quizapp.generators.named_referents import names_referent
from quizapp.generators.stems import vague_reason
from quizapp.tagging.types import Mention, TaggedSentence, Token

REPORTING = {
    "reveal", "say", "state", "declare", "announce", "report", "write", "claim",
    "assert", "admit", "confirm", "testify", "explain", "insist", "argue", "charge",
}  # fmt: skip


# Subordinate clauses the sentence asserts to be true ("if" and "unless" ones it does not).
ASSERTED_MARKS = {"when", "after", "before", "because", "although", "though", "while", "once"}


@dataclass(frozen=True)
class View:
    """A parse to transform, its mentions, and who the result is attributed to (None: as usual)."""

    parse: Parse
    mentions: list[Mention]
    who: str | None = None


def sub_parse(tokens: list[Token], keep: set[int]) -> Parse | None:
    """The tokens `keep` as a parse of their own; None unless they form one tree."""
    order = sorted(keep)
    index = {old: new for new, old in enumerate(order)}
    roots = [i for i in order if tokens[i].head not in keep or tokens[i].head == i]
    if len(roots) != 1 or not order:
        return None
    made = []
    for old in order:
        token = tokens[old]
        if old == roots[0]:
            made.append(dataclasses.replace(token, i=index[old], head=index[old], dep="ROOT"))
        else:
            made.append(dataclasses.replace(token, i=index[old], head=index[token.head]))
    return Parse(made)


def _inside(mentions: list[Mention], tokens: list[Token], keep: set[int]) -> list[Mention]:
    spans = [(tokens[i].start, tokens[i].end) for i in keep]
    return [m for m in mentions if any(s <= m.start < e for s, e in spans)]


def _trim(tokens: list[Token], keep: set[int]) -> set[int]:
    """Drop punctuation left at the edges of a piece."""
    keep = set(keep)
    while keep and tokens[min(keep)].pos == "PUNCT":
        keep.discard(min(keep))
    while keep and tokens[max(keep)].pos == "PUNCT" and tokens[max(keep)].text != ".":
        keep.discard(max(keep))
    return keep


def halves(sentence: TaggedSentence) -> list[View]:
    """Each half of a sentence split at semicolons, when it is a clause with a subject."""
    tokens = sentence.tokens
    cuts = [t.i for t in tokens if t.text == ";"]
    if not cuts:
        return []
    found = []
    bounds = [-1, *cuts, len(tokens)]
    for low, high in zip(bounds, bounds[1:], strict=False):
        keep = _trim(tokens, set(range(low + 1, high)))
        parse = sub_parse(tokens, keep) if keep else None
        if parse is None:
            continue
        root = parse.root()
        if root is None or parse.tokens[root].pos not in ("VERB", "AUX"):
            continue  # "Principal works: ...; Gladkov's novel Cement": no clause
        if not parse.children(root, *SUBJECTS, "expl"):
            continue
        found.append(View(parse, _inside(sentence.mentions, tokens, keep)))
    return found


def _according(sentence: TaggedSentence) -> list[View]:
    """The sentence without its "according to X" aside, attributed to X."""
    tokens = sentence.tokens
    parse = Parse(tokens)
    for token in tokens:
        if token.text.lower() != "according" or token.i + 1 >= len(tokens):
            continue
        aside = parse.subtree(token.i)
        if tokens[token.i + 1].text.lower() != "to" or token.i + 1 not in aside:
            continue
        sources = [o for p in parse.children(token.i, "prep") for o in parse.children(p, "pobj")]
        if len(sources) != 1:
            continue
        source = core_phrase(parse, sources[0])
        if vague_reason(parse, source) or not any(tokens[i].pos == "PROPN" for i in source):
            continue
        if aside != {token.i, token.i + 1} | parse.subtree(sources[0]):
            continue  # the parser hung more than the source on "according to"
        for edge in (min(aside) - 1, max(aside) + 1):
            if 0 <= edge < len(tokens) and tokens[edge].text == ",":
                aside.add(edge)
        keep = set(range(len(tokens))) - aside
        sub = sub_parse(tokens, keep)
        if sub is not None:
            who = render(tokens, source)
            return [View(sub, _inside(sentence.mentions, tokens, keep), who)]
    return []


def _reported(sentence: TaggedSentence) -> list[View]:
    """ "X revealed that S": S attributed to X, when X is named."""
    tokens = sentence.tokens
    parse = Parse(tokens)
    root = parse.root()
    if root is None or tokens[root].lemma.lower() not in REPORTING:
        return []
    if parse.children(root, "neg", "aux"):
        return []  # "did not say", "would claim"
    subject = parse.subject(root)
    said = [
        c
        for c in parse.children(root, "ccomp")
        if [tokens[m].text.lower() for m in parse.children(c, "mark")] == ["that"]
    ]
    if subject is None or len(said) != 1:
        return []
    marks = parse.children(said[0], "mark")
    source = core_phrase(parse, subject)
    if vague_reason(parse, source) or not any(tokens[i].pos == "PROPN" for i in source):
        return []
    keep = _trim(tokens, parse.subtree(said[0]) - set(marks))
    sub = sub_parse(tokens, keep)
    if sub is None:
        return []
    return [View(sub, _inside(sentence.mentions, tokens, keep), render(tokens, source))]


def _subordinate(sentence: TaggedSentence) -> list[View]:
    """A "when", "after" or "because" clause, which the sentence asserts, as a sentence."""
    tokens = sentence.tokens
    parse = Parse(tokens)
    found = []
    for token in tokens:
        marks = parse.children(token.i, "mark") + [
            a for a in parse.children(token.i, "advmod") if tokens[a].tag == "WRB"
        ]  # the parser often makes "when" an adverb
        words = [tokens[m].text.lower() for m in marks]
        if token.dep != "advcl" or len(words) != 1 or words[0] not in ASSERTED_MARKS:
            continue
        if not parse.children(token.i, *SUBJECTS):
            continue
        keep = _trim(tokens, parse.subtree(token.i) - set(marks))
        sub = sub_parse(tokens, keep) if keep else None
        if sub is not None:
            found.append(View(sub, _inside(sentence.mentions, tokens, keep)))
    return found


def _relative(sentence: TaggedSentence) -> list[View]:
    """ "Kirov, who was assassinated in 1934," gives "Kirov was assassinated in 1934"."""
    tokens = sentence.tokens
    parse = Parse(tokens)
    found = []
    for token in tokens:
        if token.dep != "relcl" or tokens[token.head].pos != "PROPN":
            continue
        subjects = parse.children(token.i, *SUBJECTS)
        if len(subjects) != 1 or tokens[subjects[0]].text.lower() not in ("who", "which"):
            continue
        rest = parse.subtree(token.head) - parse.subtree(token.i)
        name = {i for i in rest if tokens[i].pos != "PUNCT"}
        if any(tokens[i].pos not in ("PROPN", "PART") for i in name):
            continue  # "an Old Bolshevik who", "Khrushchev and Co., who"
        if max(name) != token.head or name != set(range(min(name), token.head + 1)):
            continue
        keep = _trim(tokens, parse.subtree(token.i))
        text = render(tokens, name)
        replaced = [
            dataclasses.replace(t, text=text, pos="PROPN", tag="NNP") if t.i == subjects[0] else t
            for t in tokens
        ]
        sub = sub_parse(replaced, keep)
        if sub is not None:
            found.append(View(sub, _inside(sentence.mentions, tokens, keep)))
    return found


def _resolved(sentence: TaggedSentence) -> list[View]:
    """ "When Lenin was on his deathbed, he appealed to Trotsky": "he" is Lenin.

    Only a main-clause subject pronoun after a fronted subordinate clause whose subject is
    the one person named before the pronoun.
    """
    tokens = sentence.tokens
    parse = Parse(tokens)
    root = parse.root()
    if root is None:
        return []
    subject = parse.subject(root)
    if subject is None or tokens[subject].text.lower() not in ("he", "she"):
        return []
    clauses = [c for c in parse.children(root, "advcl") if max(parse.subtree(c)) < subject]
    people = [m for m in sentence.mentions if m.type == "person" and m.end <= tokens[subject].start]
    if len(clauses) != 1 or len(people) != 1:
        return []
    named = parse.covering(people[0].start, people[0].end)
    head = parse.head_of(named)
    if head is None or tokens[head].dep not in SUBJECTS or tokens[head].head != clauses[0]:
        return []
    replaced = [
        dataclasses.replace(t, text=people[0].text, pos="PROPN", tag="NNP") if t.i == subject else t
        for t in tokens
    ]
    return [View(Parse(replaced), list(sentence.mentions))]


def _from_passage(sentence: TaggedSentence) -> list[View]:
    """The subject "he" its passage resolves (tagging/antecedents.py), written "he [Stalin]"
    as the cloze and true/false stems write it."""
    antecedent = sentence.antecedent
    if antecedent is None:
        return []
    replaced = [
        dataclasses.replace(
            t, text=f"{t.text.lower()} {antecedent.bracketed}", pos="PROPN", tag="NNP"
        )
        if t.i == antecedent.token
        else t
        for t in sentence.tokens
    ]
    mentions = [m for m in sentence.mentions if not names_referent(sentence, m)]
    return [View(Parse(replaced), mentions)]


def views(sentence: TaggedSentence) -> list[View]:
    """The whole sentence first, then the parts of it that stand alone."""
    found = [View(Parse(sentence.tokens), list(sentence.mentions))]
    found += halves(sentence) + _according(sentence) + _reported(sentence)
    found += _subordinate(sentence) + _relative(sentence) + _resolved(sentence)
    return found + _from_passage(sentence)
