"""Whose words a stem states: "According to X, " for a quotation (its speaker) or any
sentence of an authored text (its author), "According to the text, " for the opinion of a
text that names no author (`attribution`, None when a quotation's speaker cannot be
named), and the stem behind it (`attributed`).
"""

from __future__ import annotations

import re

from quizapp.checking.statements import CONNECTIVE
from quizapp.tagging.types import TaggedSentence

OPINION = re.compile(
    r"\b(must|should|ought|undoubtedly|doubtless|certainly|perhaps|probably|surely|clearly"
    r"|obviously|seems?|seemed|appears?|indeed|in fact|of course|no doubt|alas)\b",
    re.IGNORECASE,
)


def attribution(sentence: TaggedSentence) -> str | None:
    """The prefix a stem needs: "According to X, " for a quotation or a sentence of an
    authored text, "According to the text, " for an opinion of a text that names no
    author, "" for its plain statements, None when a quotation's speaker cannot be named."""
    if sentence.quoted_by:
        speaker = speaker_name(sentence.quoted_by)
        return f"According to {speaker}, " if speaker else None
    if REPORTED.search(sentence.previous or ""):
        return None  # '"...," he says. Bukharin is ...': the report may go on, unmarked
    author = (sentence.author or "").strip()
    if not author or author.lower() in ("unattributed", "anonymous", "unknown"):
        if not OPINION.search(sentence.text) and not EVALUATIVE.search(sentence.text):
            return ""  # (a comparison or a modal alone does not make a nameless text's opinion)
        return "According to the text, "  # (its title could give an answer away)
    # An authored text's sentence is its author's account, always: a memoir or a polemic
    # states guesses and verdicts as facts ("demoted for having framed the trial too
    # clumsily"), and no word list tells them all apart (short_answer does the same).
    return f"According to {author.split()[-1]}, "


REPORTED = re.compile(
    r"[\"”]\s*,?\s*(he|she|they|[A-Z][\w.-]+( [A-Z][\w.-]+)?)\s+"
    r"(says|said|writes|wrote|adds|added|declares|declared|continues|continued)\W*$"
)
NOT_SPEAKERS = {"letter", "document", "report", "article", "note", "decree", "resolution"}
EVALUATIVE = re.compile(
    r"\b(false|true|wrong|right|mistaken|remarkable|symmetrical|profound|absurd|great(est)?"
    r"|genuine|real|mere|only|inevitabl[ey]|necessar(y|ily)|owes?|deserves?|means|proves?"
    r"|shows?|signif(y|ies)|reveals?|explains?|thesis|tragic(ally)?|pitiful|shameful"
    r"|splendid|brilliant|magnificent|heroic|disastrous|monstrous|criminal|infamous|admirabl[ey]"
    r"|splendidly|fatal|shameless|cynical|grotesque|pathetic|glorious|vicious(ly)?|despotic"
    r"|lunatic|abject|brutal(ly)?|ruthless(ly)?|notorious(ly)?|sinister|barbaric|savage(ly)?"
    r"|murderous|heinous|treacherous|cowardly|dastardly|odious|vile|mortal|frame-?ups?"
    r"|ostensibl[ey]|verge of ruin|degenerat\w*|betray\w*|tyrann\w*|parasitic|reactionary"
    r"|counter-?revolutionary|so-called"
    # a motive read into an act, or a sweeping claim: the author's reading, not a record
    r"|deliberate(ly)?|intentional(ly)?|purposely|calculated|seek(s|ing)? to|sought to"
    r"|far from|all the)\b",
    re.IGNORECASE,
)


def speaker_name(speaker: str) -> str | None:
    """A speaker fit to follow "According to": "a factory worker" for "A factory worker";
    None for a document the tagger took for a speaker ("Letter")."""
    speaker = speaker.strip()
    if not speaker or speaker.lower() in NOT_SPEAKERS:
        return None
    first, _, rest = speaker.partition(" ")
    if first in ("A", "An", "The") and rest:
        return f"{first.lower()} {rest}"
    return speaker


def evaluative(sentence: TaggedSentence) -> bool:
    """A judgement rather than a report: a modal ("would", "must"), a comparison or
    superlative, a verdict word ("is false", "remarkable", "owes its birth"), or a thesis
    in the present tense ("Stalinism and fascism are symmetrical phenomena")."""
    if EVALUATIVE.search(sentence.text):
        return True
    for token in sentence.tokens:
        if token.tag in ("MD", "JJR", "JJS", "RBR", "RBS"):
            return True
        if token.dep == "ROOT" and token.tag in ("VBZ", "VBP"):
            return True
        if token.dep in ("aux", "auxpass") and token.tag in ("VBZ", "VBP"):
            head = sentence.tokens[token.head] if 0 <= token.head < len(sentence.tokens) else None
            if head is not None and head.dep == "ROOT":
                return True  # "is gravely compromised", "has become"
    return False


def attributed(sentence: TaggedSentence, text: str, prefix: str) -> str:
    """`text` (the sentence or a variant of it) behind `prefix`, its first word lowered
    unless it is a name."""
    if not prefix:
        return text
    if CONNECTIVE.match(text):
        return prefix + CONNECTIVE.sub("", text)  # not "According to X, but ..."
    first = next((t for t in sentence.tokens if t.pos not in ("PUNCT", "SPACE")), None)
    acronym = len(first.text) > 1 and first.text.isupper() if first is not None else False
    keep = first is None or first.pos == "PROPN" or first.text == "I" or acronym
    if not keep and text[:1].isupper():
        text = text[0].lower() + text[1:]
    return prefix + text
