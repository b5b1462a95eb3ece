"""Mark sentences that quote a third party: "Joffe wrote:" and the passages after it,
passages closed by "Thus wrote Maxim Gorky in 1917." or "(M. R. Letter written in April 1930.)".

The speaker comes from the introducing or attributing sentence: a person it mentions, or the
subject of its verb of saying ("A factory worker writes:"), or for "He writes:" the person the
sentence before it is about ("Radek from his exile castigates their capitulation. He
writes:"). When no speaker can be named ("From a letter from Moscow, April 1933:") the
sentences are still marked, as UNNAMED: they are someone's words, not the author's, and no
item may state them as the author's. So is a passage of a transcript ("VOROSHILOV: That's
enough. For shame! [Whistling, boos …]"), whoever speaks in it, a section that muses in a
voice the author imagines (one full of questions nobody is quoted asking), what follows
the author's "I shall quote only two passages." in its paragraph and the next, and a story
retold from a newspaper between its announcement and "This story has passed through …".
"""

from __future__ import annotations

import re

from quizapp.tagging.types import TaggedSentence

SPEECH = {"write", "say", "tell", "declare", "note", "add", "reply", "state", "sign", "quote"}
_BACKWARD = re.compile(
    r"^(?:Thus|So|Such)\s+(?:wrote|writes|said|says|spoke|speaks|declared)\s+(?P<who>.+?)"
    r"(?:\s+(?:in|on|at|to)\b.*)?[.!]?\**$"
)
_NOTE = re.compile(r"^\((?P<who>(?:[A-Z]\.\s?)+)?[^()]*(?:[Ll]etter|\d{4})[^()]*\)\W*$")
_ELLIPSIS_END = re.compile(r"(?:\.\s?\.\s?\.|…)[\s.\"”’*]*$")
_ELLIPSIS_START = re.compile(r"^[\"“]?(?:\.\s?\.\s?\.|…)")
_ASIDE = {"appos", "punct", "prep", "relcl", "acl", "parataxis", "advcl"}
REACH = 8  # passages an introduction or attribution may reach
# A retold story: announced as one, and closed by naming it again (see _mark_stories).
STORY = re.compile(r"\b(?:story|account|report|narrative|version)\b", re.IGNORECASE)
STORY_CLOSE = re.compile(r"^(?:This|That|The) (?:story|account|report|narrative|version)\b")
STORY_REACH = 40  # paragraphs a retold story may run to
# The author announces a quotation in the first person ("I shall quote only two passages").
ANNOUNCED = re.compile(r"\b(?:I|we) (?:shall|will|must|can|may)(?: now)? (?:quote|cite)\b")
# A section where one sentence in seven or more is an unquoted question (see _musing_sections).
MUSING, MUSING_LEAST = 0.14, 8
UNNAMED = "(unnamed)"  # quoted_by for words quoted from a source the text does not name
FIRST_PERSON = {"i", "me", "we", "us"}
# A speaker's name in capitals before a colon: a record of a session, quoted as it stands.
SPEAKER_LABEL = re.compile(r"(?:^|[\s\[(])[A-Z][A-Z'-]{3,}(?: [A-Z][A-Z'-]+)?:\s")


def mark_quotations(sentences: list[TaggedSentence]) -> None:
    """Set quoted_by on the sentences (one document, reading order) that quote someone."""
    passages = _passages(sentences)
    marked: set[int] = set()
    last_speaker, last_block_end = None, -2
    for i, passage in enumerate(passages):
        if _is_intro(passage):
            speaker = _speaker(passage[-1], passage[-2] if len(passage) > 1 else None)
            if speaker is None and last_block_end == i - 1:
                speaker = last_speaker  # "No longer able to fight, forced by sickness to suicide:"
            block, closing = _forward_block(passages, i)
            if closing is not None:
                speaker = speaker or _attribution_speaker(passages[closing][0])
            if block:
                _mark(passages, block, speaker or UNNAMED, marked)
                last_speaker, last_block_end = speaker, block[-1]
        elif _attribution(passage) and i - 1 not in marked:
            speaker = _attribution_speaker(passage[0])
            block = _backward_block(passages, i)
            if speaker and block:
                _mark(passages, block, speaker, marked)
    for i, passage in enumerate(passages):
        if i not in marked and any(SPEAKER_LABEL.search(s.text) for s in passage):
            _mark(passages, [i], UNNAMED, marked)  # a transcript: "VOROSHILOV: That's enough."
    for section in _musing_sections(passages):
        _mark(passages, [i for i in section if i not in marked], UNNAMED, marked)
    _mark_announced(passages, marked)
    _mark_stories(passages, marked)


def _mark_stories(passages: list[list[TaggedSentence]], marked: set[int]) -> None:
    """A story the author retells from elsewhere: a paragraph that speaks of a story (or an
    account, a report) and breaks off ("… ran a story which … is in all likelihood true.
    . . ."), then the paragraphs up to one that opens by naming it again ("This story has
    passed through the distorting pen of a journalist …"), in the same section. Without
    that closing nothing is marked: where the story ends is not known."""
    for i, passage in enumerate(passages):
        if not (_ends_open(passage) and any(STORY.search(s.text) for s in passage)):
            continue
        for j in range(i + 1, min(i + 1 + STORY_REACH, len(passages))):
            if passages[j][0].section != passage[0].section:
                break
            if STORY_CLOSE.match(passages[j][0].text):
                _mark(passages, [k for k in range(i + 1, j) if k not in marked], UNNAMED, marked)
                break


def _mark_announced(passages: list[list[TaggedSentence]], marked: set[int]) -> None:
    """ "I shall quote only two passages. Piatakov advised against …": the sentences after
    an announcement of a quotation in its paragraph, and the paragraph after it, are the
    document's words (UNNAMED unless already marked)."""
    for i, passage in enumerate(passages):
        for n, sentence in enumerate(passage):
            if not ANNOUNCED.search(sentence.text):
                continue
            for later in passage[n + 1 :]:
                later.quoted_by = later.quoted_by or UNNAMED
            if i + 1 < len(passages) and i + 1 not in marked:
                _mark(passages, [i + 1], UNNAMED, marked)


def _musing_sections(passages: list[list[TaggedSentence]]) -> list[list[int]]:
    """The sections (as passage indexes) that muse in someone's voice: at least MUSING of
    their sentences, and MUSING_LEAST in all, are questions outside quotation marks ("Would
    nothing be done? … Who can be counted on?" as Serge voices Stalin's fears). What such a
    section states is a mind the author imagines, not the author's claim."""
    by_section: dict[str, list[int]] = {}
    for i, passage in enumerate(passages):
        by_section.setdefault(passage[0].section, []).append(i)
    musing = []
    for indexes in by_section.values():
        sentences = [s for i in indexes for s in passages[i]]
        asked = sum(1 for s in sentences if _open_question(s.text))
        if asked >= MUSING_LEAST and asked >= MUSING * len(sentences):
            musing.append(indexes)
    return musing


def _open_question(text: str) -> bool:
    """A question in the text's own voice: it ends in "?" and opens no quotation."""
    stripped = text.strip().rstrip("*")
    return stripped.endswith("?") and not re.search(r"[\"“”]", stripped)


def _passages(sentences: list[TaggedSentence]) -> list[list[TaggedSentence]]:
    passages: list[list[TaggedSentence]] = []
    for sentence in sentences:
        if sentence.kind in ("footnote", "caption"):
            continue
        if passages and passages[-1][0].passage_key == sentence.passage_key:
            passages[-1].append(sentence)
        else:
            passages.append([sentence])
    return passages


def _is_intro(passage: list[TaggedSentence]) -> bool:
    return passage[-1].text.rstrip(" *").endswith(":")


def _attribution(passage: list[TaggedSentence]) -> bool:
    text = passage[0].text.strip()
    return len(passage) == 1 and bool(_BACKWARD.match(text) or _NOTE.match(text))


def _ends_open(passage: list[TaggedSentence]) -> bool:
    return bool(_ELLIPSIS_END.search(passage[-1].text))


def _forward_block(passages, i: int) -> tuple[list[int], int | None]:
    """The passages an introduction at `i` opens, and the attribution closing them, if any."""
    for j in range(i + 1, min(i + 1 + REACH, len(passages))):
        if _is_intro(passages[j]):
            break
        if _attribution(passages[j]):
            return list(range(i + 1, j)), j
    block = [i + 1] if i + 1 < len(passages) else []
    while block and block[-1] + 1 < len(passages) and len(block) < REACH:
        after = passages[block[-1] + 1]
        if _is_intro(after) or _attribution(after):
            break
        if not (
            _ELLIPSIS_START.match(after[0].text)
            or (_ends_open(passages[block[-1]]) and _ends_open(after))
        ):
            break
        block.append(block[-1] + 1)
    return block, None


def _backward_block(passages, i: int) -> list[int]:
    block: list[int] = []
    j = i - 1
    while j >= 0 and len(block) < REACH and not _is_intro(passages[j]):
        if block and not _ends_open(passages[j]):
            break
        block.insert(0, j)
        j -= 1
    return block


def _mark(passages, block: list[int], speaker: str, marked: set[int]) -> None:
    for index in block:
        marked.add(index)
        for sentence in passages[index]:
            sentence.quoted_by = speaker


def _speaker(sentence: TaggedSentence, before: TaggedSentence | None = None) -> str | None:
    """Who an introducing sentence says is speaking: the subject of its verb of saying,
    else the first person it names; for "he" or "she", the one person the sentence `before`
    it names as its subject; for "Let us quote from X", X; else None."""
    people = [m for m in sentence.mentions if m.type == "person"]
    for token in sentence.tokens:
        if token.lemma not in SPEECH or token.pos != "VERB":
            continue
        subject = [t for t in sentence.tokens if t.head == token.i and t.dep == "nsubj"]
        subject.sort(key=lambda t: abs(token.i - t.i))  # the nearest, when the parse has two
        if not subject:
            break
        if subject[0].text.lower() in ("he", "she"):
            return _named_subject(before) if before is not None and not people else None
        if subject[0].text.lower() in FIRST_PERSON:
            return people[0].text if len(people) == 1 else None  # "Let us quote from Adler:"
        if subject[0].pos == "PRON":
            return None
        within = [m for m in sentence.mentions if m.start <= subject[0].start < m.end]
        return within[0].text if within else _subtree_text(sentence, subject[0].i)
    return people[0].text if people else None


def _named_subject(sentence: TaggedSentence) -> str | None:
    """The one person a sentence names, when it is the subject of its main verb."""
    people = [m for m in sentence.mentions if m.type == "person"]
    if len({m.entity or m.text for m in people}) != 1:
        return None
    for token in sentence.tokens:
        root = 0 <= token.head < len(sentence.tokens) and sentence.tokens[token.head].dep == "ROOT"
        if token.dep in ("nsubj", "nsubjpass") and root:
            return next((m.text for m in people if m.start <= token.start < m.end), None)
    return None


def _subtree_text(sentence: TaggedSentence, root: int) -> str:
    inside = {root}
    changed = True
    while changed:
        extra = {
            t.i
            for t in sentence.tokens
            if t.head in inside and t.i not in inside and t.dep not in _ASIDE
        }
        changed = bool(extra)
        inside |= extra
    first, last = min(inside), max(inside)
    return sentence.text[sentence.tokens[first].start : sentence.tokens[last].end].strip("*")


def _attribution_speaker(sentence: TaggedSentence) -> str | None:
    text = sentence.text.strip()
    people = [m for m in sentence.mentions if m.type == "person"]
    found = _BACKWARD.match(text)
    if found:
        return people[0].text if people else found.group("who").strip("* ")
    found = _NOTE.match(text)
    if found and found.group("who"):
        return found.group("who").strip()
    return people[0].text if people else None
