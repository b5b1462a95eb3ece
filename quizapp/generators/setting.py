"""The country a corpus is set in ("the Soviet Union", "Russia" for the shipped texts):
never an answer. Strict ratings failed nearly every item keyed to it: the rest of the
stem gives it away ("the Soviet working class", "the N.E.P. restored to _____", a
Russian town beside the blank), or "the party" and "the state" fit the blank as well.

The setting is every country named at least SHARE as often as the country named most
(names of one entity counted together); a corpus with no country named often enough has
none.
"""

from __future__ import annotations

from collections import Counter

from quizapp.generators.base import Context
from quizapp.generators.countries import COUNTRIES
from quizapp.generators.values import derived
from quizapp.tagging.types import Mention

SHARE = 0.4  # of the most-named country's mentions
MIN_MENTIONS = 20  # a country named less often is no setting


def is_setting(mention: Mention, context: Context) -> bool:
    """Whether the mention names the country the corpus is set in."""
    if mention.type != "place":
        return False
    return _key(mention) in derived(context, "setting", _settings)


def _key(mention: Mention) -> str:
    return mention.entity or mention.text.lower()


def _settings(context: Context) -> frozenset[str]:
    counts: Counter = Counter()
    for _, mention in context.mentions_by_type.get("place", []):
        entity = context.entities.get(mention.entity or "")
        names = {mention.text.lower()} | (
            {entity.canonical.lower(), *(a.lower() for a in entity.aliases)} if entity else set()
        )
        if names & COUNTRIES:
            counts[_key(mention)] += 1
    if not counts:
        return frozenset()
    top = counts.most_common(1)[0][1]
    if top < MIN_MENTIONS:
        return frozenset()
    return frozenset(key for key, n in counts.items() if n >= SHARE * top)
