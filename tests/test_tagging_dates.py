"""Dates normalised to sortable values; dates and numbers found in running text."""

from __future__ import annotations

import pytest

from quizapp.tagging.dates import find_dates, normalise_date, year_of
from quizapp.tagging.numbers import find_numbers, number_value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("21 February 1918", "1918-02-21"),
        ("On 21 February 1918", "1918-02-21"),
        ("the 25th of October 1917", "1917-10-25"),
        ("November 16, 1927", "1927-11-16"),
        ("December 1917", "1917-12"),
        ("Dec. 1917", "1917-12"),
        ("January, 1936", "1936-01"),
        ("1934", "1934"),
        ("the summer of 1917", "1917"),
        ("the mid-1920s", "1925~"),
        ("the early 1930s", "1932~"),
        ("the late 1930s", "1938~"),
        ("the 1920s", "1920s"),
        ("the Thirties", "1930s"),
        ("1923-28", "1923/1928"),
        ("1926-7", "1926/1927"),
        ("1789-1793", "1789/1793"),
        ("between 1928 and 1930", "1928/1930"),
        ("Feb. 14", None),
        ("fourteen years", None),
        ("the first few months", None),
    ],
)
def test_normalise_date(text, value):
    assert normalise_date(text) == value


def test_a_day_without_a_year_takes_one_when_given():
    assert normalise_date("Feb. 14", 1956) == "1956-02-14"
    assert normalise_date("October 26th", 1917) == "1917-10-26"
    assert normalise_date("the end of December", 1936) == "1936-12"


def test_values_sort_chronologically_and_give_their_year():
    values = [
        normalise_date(t) for t in ("1934", "21 February 1918", "the mid-1920s", "December 1917")
    ]
    assert sorted(values) == ["1917-12", "1918-02-21", "1925~", "1934"]
    assert [year_of(v) for v in ("1920s", "1925~", "1923/1928", "1918-02-21")] == [
        1920,
        1925,
        1923,
        1918,
    ]
    assert year_of(None) is None


def test_find_dates_in_running_text():
    text = (
        "On 21 February 1918, and in December 1917, in 1934 and the mid-1920s, in 1923-28, "
        "on Feb. 14, with 3,000 men and $1920; may 5 is no date."
    )
    found = [text[s:e] for s, e in find_dates(text)]
    assert found == [
        "21 February 1918",
        "December 1917",
        "1934",
        "the mid-1920s",
        "1923-28",
        "Feb. 14",
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,000,000", "2000000"),
        ("three million", "3000000"),
        ("fifty percent", "50"),
        ("1.9 percent", "1.9"),
        ("two hundred", "200"),
        ("twenty-five", "25"),
        ("millions", None),
    ],
)
def test_number_value(text, value):
    assert number_value(text) == value


def test_find_numbers_in_running_text():
    text = "At 2,000,000, a rise of 1.9 percent, 3,000 kulaks, p. 480."
    assert [text[s:e] for s, e in find_numbers(text)] == ["2,000,000", "1.9", "3,000", "480"]
