"""Cleaning rules on real excerpts: paragraphs, page breaks, footnotes, headings, captions."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.ingest.clean import (
    clean,
    drop_back_matter,
    drop_front_matter,
    drop_page_furniture,
    is_heading_like,
    is_terminated,
    mark_footnotes,
)
from quizapp.ingest.layout import build_layout
from quizapp.ingest.paragraphs import Para, split_paragraphs
from quizapp.ingest.words import lexicon_of

# ---- excerpts (shortened only by whole paragraphs) -----------------------------------

# corpus/serge-lenin-to-stalin.txt: a page break in mid-sentence, its footnote set in the
# gap, the sentence going on after the note.
SERGE_PAGE_BREAK = """\
There are times when a people needs only a man and some men. . . . I advisedly say "one \
and some," for the former is nothing if not backed up by an active group which has faith \
in him and in which he has faith: in other words, a party. Given a party, an intellect, a \
will, history will be made.* But if society does not have these elements of \
crystallization, nothing will happen.

In its beginnings the Russian Revolution was at once grandiose in its inner necessity and \
pitiful in its outer helplessness. The revolutionists of every party, who had spent their \
entire life preparing for the revolution, did not realize that it was at hand,

*A trade union federation may conceivably play the same role; or an alliance, a front, or \
a bloc, though heterogeneity of these formations is a cause of weakness. It is wise to \
attach more importance to realities than to words.

that the victory had already begun. Caught in the stream of events, they moved with the \
crowds, according to the mood of the moment. Suddenly, there was no longer an empire, no \
longer a ministry, no longer a Tsar.
"""

# corpus/secret-police-degeneration.txt: the title of a decree pushed onto the next page.
DECREE = """\
On 21 February 1918, as the German army continued to advance prior to the signing of the \
Treaty of Brest-Litovsk, the Soviet government issued a decree entitled

"The Socialist Fatherland Is in Danger." The decree included the following three points:

"(5) The workers and peasants of Petrograd, Kiev, and of all towns, townships, villages \
and hamlets along the line of the new front are to mobilize battalions to dig trenches, \
under the direction of military experts.
"""

# corpus/serge-lenin-to-stalin.txt: two notes of one page, `*` and `**`.
SERGE_TWO_NOTES = """\
Kamenev the second, and Stalin the third. "Lenin's co-worker since 1907, theoretician, \
popularizer and orator—an unruly shock of hair, a careless appearance, a ruthless \
tongue"* —Zinoviev is the chairman of the Soviet in Petrograd, which he renames \
Leningrad by decree.

Lenin, on the eve of his death, had said: "We shall sell everything except alcohol and \
icons**—and almost all of us agreed that the régime could not go on like this for long.

*Victor Serge: *L'An Un de la Révolution Russe*, p. 308.

**In this he was mistaken. Not long after his death the Politbureau decided, against the \
votes of Krupskaya, his widow, and of Trotsky, to restore the alcohol monopoly.
"""

# corpus/trotsky-revolution-betrayed-ch11.txt: numbered heading, bare `1` marker and
# the numbered translator's note set where the page broke.
TROTSKY = """\
The Revolution Betrayed, by Leon Trotsky

Chapter 11

Whither the Soviet Union?

1. Bonapartism as a regime of crisis

In a true appraisal of the situation, the not infrequent terrorist acts against \
representatives of power have a very high significance. The bureaucracy as a whole is \
able to exploit an act of terror for the justification of its own violences, and \
incidentally to implicate in the murder its own political enemies (the affair of \
Zinoviev, Kamenev and the others). 1 Individual terror is a weapon of impatient or \
despairing individuals, belonging most frequently to the younger generation of the \
bureaucracy itself.

1. Translator’s Note: The reference here is to the January 1935 trial and not the \
August 1936 trial, the lines having been written prior to the latter.

In introducing the new constitution, the bureaucracy shows that it feels this danger and \
is taking preventive measures. However, it has happened more than once that a \
bureaucratic dictatorship, seeking salvation in “liberal” reforms, has only weakened \
itself.

2. The Struggle of the Bureaucracy with “the Class Enemy”

From the first days of the Soviet regime the counterweight to bureaucratism was the \
party. If the bureaucracy managed the state, still the party controlled the bureaucracy.
"""

# Reed, ch. I (Project Gutenberg): hard-wrapped, `[1]` note after its paragraph.
REED = """\
But the Provisional Government found itself unable to substantiate its
accusations; the documents proving pro-German conspiracy were
discovered to be forgeries;[1] and one by one the Bolsheviki were
released from prison without trial, on nominal or no bail--until only
six remained.

[1] Part of the famous "Sisson Documents".

The impotence and indecision of the ever-changing Provisional
Government was an argument nobody could refute.
"""

# corpus/serge-lenin-to-stalin.txt: a list of names, not headings.
SERGE_LIST = """\
The following, in particular, have been named in the press as under arrest or held as \
witnesses for the next trial, since the first one of August 1936:

1. The historian Anishev;
2. Arkus, a functionary in the Department of Finance;
3. Sharov, one of the founders of the party;
4. J. Shatskin, former leader of the Young Communist International;

All in all, the method consists in selecting from among a large number of accused only \
those who are compliant, and placing them before judges who are executants.
"""

# corpus/serge-lenin-to-stalin.txt: title page, running head, and the publisher's list.
SERGE_FRONT_AND_BACK = """\
FROM
LENIN



TO

STALIN



BY VICTOR SERGE

PIONEER PUBLISHERS

NEW YORK

Copyright 1937
PIONEER PUBLISHERS
100 Fifth Avenue
New York, N. Y.

FROM LENIN TO STALIN

MARCH 1917
THE HEADLESS REVOLUTION

The entire first phase of the Russian Revolution seems to me today to have been \
dominated by the utter honesty of Lenin and his group. It was this that attracted all of \
us to him.

FROM LENIN TO STALIN

Everything has changed. The aims: from international social revolution to socialism in \
one country, by way of the dictatorship of the general secretariat.

FROM LENIN TO STALIN

In the meanwhile we have neither the right to be silent nor to close our eyes. A sort \
of moral intervention becomes our duty.

December, 1936.

A Check List of Important Books

VICTOR SERGE

The Fate of the Revolution: U.S.S.R. 1917-1937
(August) \\$2.00

LEON TROTSKY

The Third International After Lenin\t$2.50
Lessons of October\tPaper 50c — Cloth 75c

WHY DID THEY "CONFESS"?

A Study of the Radek-Piatakov Trial. 10c

PIONEER PUBLISHERS
"""

# corpus/stein-end-of-stalin-cult.txt: pictures set apart with their captions.
STEIN = """\
It is reported that at a closed session of the Congress on Feb. 24, ten days after its \
opening, Khrushchev made another speech, lasting three and a half hours, in which he \
listed some of the things of which Stalin was guilty.

Trotsky, Lenin, Kamenev

Three of the Bolshevik leaders who founded the Soviet Union. Trotsky (left) was \
assassinated by an agent of Stalin in 1940. Lenin (center) died in 1924.

What the Social Democrats and the liberals chiefly opposed was the Russian Revolution \
itself and its leaders, Lenin and Trotsky.



Present top dog among the hatchet men chosen by Stalin to succeed him in office; says he \
was “afraid” of dictator.

Another view as to why Khrushchev and Co. decided to end the Stalin cult is advanced by \
Max Lerner who writes “think” pieces for the N.Y. Post.
"""

# corpus/secret-police-degeneration.txt: a quotation and its source line.
ATTRIBUTION = """\
“An old messenger would bring him his dinner from the common dining room used by all the \
Cheka workers. Sometimes he would try to bring Feliks Edmundovich something a bit \
tastier.”

—quoted in *KGB: The Inside Story*, Christopher Andrew and Oleg Gordievsky

Dzerzhinsky’s record was not pristine: he allied himself with Stalin in seeking to \
strengthen the central apparatus at the expense of the national rights of the peoples.
"""


def kinds(paras: list[Para]) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in paras]


def body_texts(paras: list[Para]) -> list[str]:
    return [p.text for p in paras if p.kind == "body"]


# ---- split_paragraphs ------------------------------------------------------------------


def test_one_paragraph_per_line_with_blank_lines():
    paras = split_paragraphs(DECREE, lexicon_of(DECREE))
    assert [p.text[:16] for p in paras] == [
        "On 21 February 1",
        '"The Socialist F',
        '"(5) The workers',
    ]
    assert [p.line for p in paras] == [1, 3, 5]


def test_one_paragraph_per_line_without_blank_lines():
    # corpus/secret-police-degeneration-second-extraction.txt lays paragraphs out so.
    text = (
        "Dzerzhinsky and the Cheka\n"
        "The first head of the Cheka (which in 1922 was reorganized as the “State Political "
        "Administration” or GPU) was Felix Dzerzhinsky, a Polish intellectual and a founding "
        "member of the Social Democracy of the Kingdom of Poland and Lithuania (SDKPiL).\n"
        "There were abuses in the early days of the Cheka, and some of the original Chekists "
        "were little better than adventurers.\n"
    )
    paras = split_paragraphs(text, lexicon_of(text))
    assert len(paras) == 3
    assert paras[0].text == "Dzerzhinsky and the Cheka"
    assert [p.blank_before for p in paras] == [1, 0, 0]


def test_hard_wrapped_block_is_unwrapped():
    paras = split_paragraphs(REED, lexicon_of(REED))
    assert paras[0].text.startswith("But the Provisional Government found itself unable to")
    assert "substantiate its accusations; the documents proving pro-German conspiracy" in (
        paras[0].text
    )
    assert "\n" not in paras[0].text
    assert len(paras) == 3


def test_blank_lines_before_a_paragraph_are_counted():
    paras = split_paragraphs(STEIN, lexicon_of(STEIN))
    present = next(p for p in paras if p.text.startswith("Present top dog"))
    assert present.blank_before == 3


# ---- page breaks -----------------------------------------------------------------------


def test_paragraph_cut_by_a_page_break_is_rejoined_past_its_footnote():
    paras = clean(SERGE_PAGE_BREAK)
    bodies = body_texts(paras)
    assert any(
        "did not realize that it was at hand, that the victory had already begun. Caught" in b
        for b in bodies
    )
    assert not any(b.startswith("that the victory") for b in bodies)
    notes = [p for p in paras if p.kind == "footnote"]
    assert [n.marker for n in notes] == ["*"]
    assert notes[0].text.startswith("A trade union federation may conceivably")


def test_paragraph_ending_in_punctuation_is_not_rejoined():
    paras = clean(SERGE_PAGE_BREAK)
    assert body_texts(paras)[0].endswith("nothing will happen.")


def test_decree_title_on_the_next_page_is_rejoined():
    bodies = body_texts(clean(DECREE))
    assert bodies[0] == (
        "On 21 February 1918, as the German army continued to advance prior to the signing "
        "of the Treaty of Brest-Litovsk, the Soviet government issued a decree entitled "
        '"The Socialist Fatherland Is in Danger." The decree included the following three '
        "points:"
    )
    assert bodies[1].startswith('"(5) The workers and peasants')


def test_paragraph_cut_before_a_capitalised_word_is_rejoined():
    bodies = body_texts(
        clean(
            "Major General Leonid Aleksandrovich Eitingon, second in command of partisan "
            "operations behind the lines of the German army after\n\n"
            "Hitler's invasion, had been a GPU agent in Spain. He was also the organizer.\n"
        )
    )
    assert bodies == [
        "Major General Leonid Aleksandrovich Eitingon, second in command of partisan "
        "operations behind the lines of the German army after Hitler's invasion, had been "
        "a GPU agent in Spain. He was also the organizer."
    ]


def test_short_line_ending_lowercase_stays_apart_from_the_next_paragraph():
    bodies = body_texts(
        clean(
            "Give us hundreds of thousands and more\n\n"
            "Many GPU agents who organized intelligence networks were veterans of the war.\n"
        )
    )
    assert len(bodies) == 2


def test_short_unterminated_line_does_not_swallow_a_quotation():
    # A heading is not open text: the quotation after it stays a paragraph of its own.
    paras = clean(
        "Dzerzhinsky and the Cheka\n\n"
        "“An old messenger would bring him his dinner from the common dining room used by "
        "all the Cheka workers, every single day of the year.”\n"
    )
    assert kinds(paras)[0] == ("heading", "Dzerzhinsky and the Cheka")
    assert body_texts(paras)[0].startswith("“An old messenger")


# ---- footnotes -------------------------------------------------------------------------


def test_symbol_notes_are_marked_and_split_from_emphasis():
    paras = clean(SERGE_TWO_NOTES)
    notes = [(p.marker, p.text) for p in paras if p.kind == "footnote"]
    assert notes == [
        ("*", "Victor Serge: *L'An Un de la Révolution Russe*, p. 308."),
        (
            "**",
            "In this he was mistaken. Not long after his death the Politbureau decided, "
            "against the votes of Krupskaya, his widow, and of Trotsky, to restore the "
            "alcohol monopoly.",
        ),
    ]


def test_double_star_opening_emphasis_is_one_marker():
    paras = mark_footnotes(
        [
            Para(
                "**Ville conquise* (Rieder). Writing these words at "
                "Leningrad, I could not use the names.",
                1,
            )
        ]
    )
    assert paras[0].kind == "footnote"
    assert paras[0].marker == "*"
    assert paras[0].text.startswith("*Ville conquise* (Rieder).")


def test_dagger_note_is_marked():
    paras = mark_footnotes([Para("† Refers to the black flag of the anarchists.", 1)])
    assert (paras[0].kind, paras[0].marker) == ("footnote", "†")
    assert paras[0].text == "Refers to the black flag of the anarchists."


def test_italic_verse_line_is_not_a_note():
    paras = mark_footnotes(
        [Para("*He bends over the children As a wise gardener over his flowers. . . .*", 1)]
    )
    assert paras[0].kind == "body"


def test_translator_note_numbered_mid_text_is_a_footnote():
    paras = clean(TROTSKY)
    [note] = [p for p in paras if p.kind == "footnote"]
    assert note.marker == "1"
    assert note.text.startswith("Translator’s Note: The reference here is to the January 1935")


def test_bracket_note_is_marked():
    paras = clean(REED)
    [note] = [p for p in paras if p.kind == "footnote"]
    assert (note.marker, note.text) == ("[1]", 'Part of the famous "Sisson Documents".')


def test_notes_attach_to_the_passage_whose_marker_names_them():
    layout = build_layout(clean(SERGE_TWO_NOTES))
    first, second = layout.passages
    assert [n.marker for n in first.footnotes] == ["*"]
    assert [n.marker for n in second.footnotes] == ["**"]
    assert "*" not in first.text and "*" not in second.text
    assert 'tongue" —Zinoviev is the chairman' in first.text
    assert "icons—and almost all of us" in second.text


def test_note_set_in_a_page_break_attaches_to_the_rejoined_paragraph():
    layout = build_layout(clean(SERGE_PAGE_BREAK))
    owner = next(p for p in layout.passages if p.footnotes)
    assert owner.text.startswith("There are times when a people needs only a man")
    assert owner.notes == ["*"]
    assert all("A trade union federation" not in p.text for p in layout.passages)


def test_numbered_note_attaches_to_the_bare_marker():
    layout = build_layout(clean(TROTSKY))
    owner = next(p for p in layout.passages if p.footnotes)
    assert owner.text.startswith("In a true appraisal of the situation")
    assert "the others). Individual terror is" in owner.text
    assert owner.notes == ["1"]


def test_bracket_note_attaches_and_marker_leaves_the_text():
    layout = build_layout(clean(REED))
    owner = layout.passages[0]
    assert [n.marker for n in owner.footnotes] == ["[1]"]
    assert "[1]" not in owner.text
    assert "discovered to be forgeries; and one by one" in owner.text


def test_note_far_back_on_a_page_of_short_paragraphs_finds_its_marker():
    # corpus/serge-lenin-to-stalin.txt: `To conquer.*` and nine short paragraphs later
    # the page's notes.
    short = [
        '"Change the imperialist war into a civil war."',
        '"Form a new Socialist International which will be an International of action."',
        'Hardly off the train, he asked the party comrades, "Why didn\'t you seize power?"',
    ] * 3
    text = (
        "In that dusk of civilization, he brought the proletariat a new reason for living, "
        "and he did so with calm determination and a will of iron.\n\n"
        "To conquer.*\n\n" + "\n\n".join(short) + "\n\n"
        'The party wanted a "people\'s autocracy," in which the people had the right to '
        "elect and recall functionaries.**\n\n"
        "*Victor Serge: *op. cit.* 5ff.\n\n"
        "**Lenin's speech on program at the Party Conference, April 24-29, 1917.\n"
    )
    layout = build_layout(clean(text))
    owners = {n.marker: p.text for p in layout.passages for n in p.footnotes}
    assert owners["*"] == "To conquer."
    assert owners["**"].startswith("The party wanted")


# ---- headings, front and back matter ---------------------------------------------------


def test_numbered_headings_become_sections():
    layout = build_layout(clean(TROTSKY))
    titles = [s.title for s in layout.sections]
    assert titles[0].endswith("1. Bonapartism as a regime of crisis")
    assert "2. The Struggle of the Bureaucracy with “the Class Enemy”" in titles


def test_numbered_list_items_are_not_headings():
    paras = clean(SERGE_LIST)
    assert not [p for p in paras if p.kind == "heading"]
    assert "3. Sharov, one of the founders of the party;" in body_texts(paras)
    assert not is_heading_like("3. Sharov, one of the founders of the party;")


def test_all_caps_lines_are_headings():
    assert is_heading_like("THE HEADLESS REVOLUTION")
    assert is_heading_like("MARCH 1917")
    assert is_heading_like("Dzerzhinsky and the Cheka")
    assert is_heading_like("“Why Did They Confess?”")


def test_prose_and_verse_are_not_headings():
    assert not is_heading_like("Until Lenin's arrival in Russia, the revolution marked time.")
    assert not is_heading_like("Thousands,")  # a line of verse in the Serge book
    assert not is_heading_like("—quoted in *KGB: The Inside Story*, Christopher Andrew")
    assert not is_heading_like("The Third International After Lenin\t$2.50")


def test_title_page_running_heads_and_book_list_are_not_passages():
    paras = clean(SERGE_FRONT_AND_BACK)
    layout = build_layout(paras)
    text = layout.text
    assert "PIONEER PUBLISHERS" not in text
    assert "Copyright" not in text
    assert "FROM LENIN TO STALIN" not in text
    assert "Check List" not in text and "Lessons of October" not in text
    assert [s.title for s in layout.sections][0].endswith("THE HEADLESS REVOLUTION")
    assert layout.passages[-1].text == "December, 1936."


def test_running_head_needs_three_repeats():
    paras = [
        Para(t, i)
        for i, t in enumerate(
            ["FROM LENIN TO STALIN", "Everything has changed.", "FROM LENIN TO STALIN", "Text."]
        )
    ]
    assert [p.text for p in drop_page_furniture(paras)] == [p.text for p in paras]


def test_page_numbers_are_dropped():
    paras = [Para(t, i) for i, t in enumerate(["42", "- 43 -", "xiv", "Everything has changed."])]
    assert [p.text for p in drop_page_furniture(paras)] == ["Everything has changed."]


def test_front_matter_keeps_the_heading_of_the_first_prose():
    paras = [
        Para(t, i)
        for i, t in enumerate(
            [
                "BY VICTOR SERGE",
                "A Note About The Author",
                "Victor Serge (Victor Lvovich Kibalchich) was born in Brussels on December 30, 1890, "
                "of parents who were Russian revolutionary émigrés.",
            ]
        )
    ]
    assert [p.text for p in drop_front_matter(paras)][0] == "A Note About The Author"


def test_back_matter_keeps_trailing_notes():
    paras = [
        Para("Everything is at stake, and the old world is cracking in places.", 1),
        Para("Tractors of Stalingrad.", 2, kind="footnote", marker="*"),
        Para('WHY DID THEY "CONFESS"?', 3),
        Para("A Study of the Radek-Piatakov Trial. 10c", 4),
    ]
    kept = drop_back_matter(paras)
    assert [p.kind for p in kept] == ["body", "footnote"]


# ---- captions and attributions ---------------------------------------------------------


def test_picture_captions_are_marked():
    paras = clean(STEIN)
    captions = [p.text for p in paras if p.kind == "caption"]
    assert "Trotsky, Lenin, Kamenev" in captions
    assert any(c.startswith("Three of the Bolshevik leaders") for c in captions)
    assert any(c.startswith("Present top dog") for c in captions)
    assert any(b.startswith("Another view as to why") for b in body_texts(paras))
    assert any(b.startswith("What the Social Democrats") for b in body_texts(paras))


def test_quoted_in_line_is_an_attribution():
    paras = clean(ATTRIBUTION)
    assert [p.kind for p in paras] == ["body", "attribution", "body"]
    layout = build_layout(paras)
    assert layout.passages[1].kind == "attribution"
    assert layout.passages[1].text == (
        "—quoted in KGB: The Inside Story, Christopher Andrew and Oleg Gordievsky"
    )


# ---- shape helpers and properties ------------------------------------------------------


def test_terminated_allows_a_closing_quote_and_a_marker():
    assert is_terminated("a vast workers' commune. . . .\"")
    assert is_terminated("history will be made.*")
    assert is_terminated("forgeries;[1]")
    assert not is_terminated("did not realize that it was at hand,")
    assert not is_terminated("issued a decree entitled")


PARAGRAPHISH = st.lists(
    st.one_of(
        st.just(""),
        st.text(alphabet=st.sampled_from(list('abcXYZ .,;:*_-—“”"[]1†')), max_size=90),
        st.sampled_from(
            [
                "FROM LENIN TO STALIN",
                "*A note.",
                "[1] A note.",
                "1. Translator's Note: a note.",
                "did not realize that it was at hand,",
                "that the victory had already begun.",
                "a found-",
                "ing member of the party.",
                "*emphasis* and _italics_ here.",
            ]
        ),
    ),
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(PARAGRAPHISH)
def test_clean_and_layout_never_raise_and_leave_no_paired_stars(lines):
    text = "\n".join(lines)
    paras = clean(text)
    for para in split_paragraphs(text, lexicon_of(text)):
        assert "\n" not in para.text
    layout = build_layout(paras)
    for passage in layout.passages:
        assert not re.search(r"\*[^*\s][^*]*\*", passage.text)
        assert layout.text[passage.start : passage.end] == passage.text
        for note in passage.footnotes:
            assert layout.text[note.start : note.end] == note.text


def test_a_last_paragraph_closed_by_an_end_mark_is_kept():
    # the last paragraph of corpus/secret-police-degeneration.txt ends with "■"
    text = (
        "Heading\n\nThe first paragraph of the article is long enough to count as prose here.\n\n"
        "While Trepper and others like him could only see Trotskyism as a noble but futile "
        'moral posture, in fact it represents the only "coherent political system" capable '
        "of advancing the interests of the oppressed and downtrodden. ■\n"
    )
    paras = clean(text)
    assert paras[-1].text.startswith("While Trepper")


def test_after_a_sentence_no_line_is_front_matter_however_short():
    # a paragraph added later that opens the prose must not turn earlier text into a
    # title page (found by the property test: "The the the the —." vanished)
    head = ["A Heading", "The party was founded in Moscow.", "Lenin wrote —."]
    prose = " ".join(["Lenin wrote to Stalin about the workers of Moscow"] * 2) + "."
    kept = [p.text for p in drop_front_matter([Para(t, i) for i, t in enumerate([*head, prose])])]
    assert kept == [*head[1:], prose]
    title = ["THE TITLE", "By Someone", "A Heading"]
    kept = [p.text for p in drop_front_matter([Para(t, i) for i, t in enumerate([*title, prose])])]
    assert kept == ["A Heading", prose]  # a title page before any sentence still goes
