"""The glossary: the shipped file loads; an invalid one names file, line and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.tagging.glossary import GlossaryError, GlossaryMatcher, load_glossary, parse_glossary

GLOSSARY = Path(__file__).resolve().parent.parent / "corpus" / "glossary.yaml"

GOOD = """\
- name: Felix Dzerzhinsky
  type: person
  aliases: [Dzerzhinsky, Iron Felix]
  description: First head of the Cheka.
- name: Cheka
  type: organization
  description: The political police.
"""


def error_of(text: str, tmp_path: Path) -> str:
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    return str(caught.value)


def test_a_valid_glossary_gives_entities_with_keys_and_aliases():
    felix, cheka = parse_glossary(GOOD)
    assert felix.key == "person:felix-dzerzhinsky"
    assert felix.aliases == ("Dzerzhinsky", "Iron Felix")
    assert felix.source == "glossary"
    assert cheka.aliases == ()
    assert cheka.type == "organization"


@pytest.mark.parametrize(
    ("extra", "line", "problem"),
    [
        ("- name: X\n  type: thing\n  description: d\n", 9, "unknown type 'thing'"),
        (
            "- name: Iron Felix\n  type: person\n  description: d\n",
            8,
            "'Iron Felix' is already used",
        ),
        ("- name: Y\n  type: person\n", 8, "lacks the required field 'description'"),
        ("- name: Z\n  type: place\n  description: d\n  alias: [Q]\n", 11, "unknown field 'alias'"),
        (
            "- name: Z\n  type: place\n  aliases: Q\n  description: d\n",
            10,
            "'aliases' must be a list",
        ),
        ("- name: [unclosed\n", 9, "invalid YAML"),
        ("- just a string\n", 8, "an entry must be a mapping"),
        ("- name: Z\n  type: date\n  description: d\n", 9, "unknown type 'date'"),
    ],
)
def test_an_invalid_glossary_names_file_line_and_problem(tmp_path, extra, line, problem):
    message = error_of(GOOD + extra, tmp_path)
    assert message.startswith(f"{tmp_path / 'glossary.yaml'}:{line}: ")
    assert problem in message


def test_a_duplicate_within_one_entry_is_reported(tmp_path):
    message = error_of(
        "- name: Cheka\n  type: organization\n  aliases: [Cheka]\n  description: d\n", tmp_path
    )
    assert message.endswith(":1: name or alias 'Cheka' is already used by this entry")


def test_a_glossary_that_is_not_a_list_is_rejected(tmp_path):
    assert "must be a list of entries" in error_of("name: Cheka\n", tmp_path)


def test_the_shipped_glossary_loads_and_covers_the_corpus():
    entities = {e.canonical: e for e in load_glossary(GLOSSARY)}
    assert len(entities) >= 100
    assert {"Iron Felix", "Dzerzhinsky"} <= set(entities["Felix Dzerzhinsky"].aliases)
    # later bodies, not the same: an item about the GPU must not accept them
    assert not {"NKVD", "KGB"} & set(entities["GPU"].aliases) and "NKVD" in entities
    assert "Comintern" in entities["Communist International"].aliases
    assert {e.type for e in entities.values()} == {
        "person",
        "organization",
        "place",
        "event",
        "term",
    }
    assert all(e.description and "\n" not in e.description for e in entities.values())


def test_the_matcher_finds_whole_names_longest_first_and_case_sensitively():
    matcher = GlossaryMatcher(
        parse_glossary(
            GOOD + "- name: kulak\n  type: term\n  aliases: [kulaks]\n  description: d\n"
        )
    )
    text = "Felix Dzerzhinsky, Dzerzhinskyism, the cheka, the Cheka's kulaks. Kulaks"
    found = [(text[s:e], key) for s, e, key in matcher.find(text)]
    assert found == [
        ("Felix Dzerzhinsky", "person:felix-dzerzhinsky"),
        ("Cheka", "organization:cheka"),
        ("kulaks", "term:kulak"),
        ("Kulaks", "term:kulak"),
    ]
