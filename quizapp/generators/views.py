"""Parts of a sentence that stand alone as sentences of their own, for question making.

A view is a closed piece of the dependency tree re-indexed as its own parse, with the
character offsets of the whole sentence kept so that answer spans still point into the
cited text. Views are: the whole sentence; each half of a sentence split at "; " when
the half is a clause with a subject; the sentence without an "according to X" aside
(attributed to X); and the clause a reporting verb introduces ("the KGB revealed that
S" gives S, attributed to "the KGB").
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from quizapp.generators.clauses import SUBJECTS, Parse, core_phrase, render
from quizapp.generators.stems import vague_reason
from quizapp.tagging.types import Mention, TaggedSentence, Token

REPORTING = {
    "reveal", "say", "state", "declare", "announce", "report", "write", "claim",
    "assert", "admit", "confirm", "testify", "explain", "insist", "argue", "charge",
}  # fmt: skip


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


def _halves(sentence: TaggedSentence) -> list[View]:
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
        if root is None or not parse.children(root, *SUBJECTS, "expl"):
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


def views(sentence: TaggedSentence) -> list[View]:
    """The whole sentence first, then its halves, its "according to" and reported clauses."""
    found = [View(Parse(sentence.tokens), list(sentence.mentions))]
    found += _halves(sentence) + _according(sentence) + _reported(sentence)
    return found
