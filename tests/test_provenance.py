"""Alignment to the original, provenance labels and distance."""

from __future__ import annotations

import math

import pytest

from rhetoric.provenance import OriginIndex, distance, is_lead_in, provenance_label, text_distance

ORIGIN = [
    "Abu Fawzi and dozens of other drivers were promised thousands of dollars for the job, but it had to remain a dirty secret.",
    "The deal to let IS fighters escape from Raqqa was arranged by local officials. It was agreed by Kurdish-led forces.",
    "“We didn’t want anyone to leave,” says Col Ryan Dillon, spokesman for the coalition.",
]


@pytest.fixture(scope="module")
def index():
    return OriginIndex(ORIGIN)


@pytest.mark.parametrize(
    "name,text,overlap,origin_para",
    [
        ("verbatim", ORIGIN[0], 1.0, 0),
        (
            "straight quotes and apostrophes",
            '"We didn\'t want anyone to leave," says Col Ryan Dillon, spokesman for the coalition.',
            1.0,
            2,
        ),
        # A typo breaks one word, not the passage.
        (
            "a typo",
            "Abu Fawzi and dozens of other drivers were promsied thousands of dollars for the job, but it had to remain a dirty secret.",
            22 / 23,
            0,
        ),
        # An ellipsis and a cut: the words that remain all align.
        (
            "an ellipsis and a cut",
            "Abu Fawzi and dozens of other drivers were promised thousands of dollars ... it had to remain a dirty secret.",
            1.0,
            0,
        ),
        # A dropped sentence: the kept one aligns.
        (
            "a sentence dropped",
            "The deal to let IS fighters escape from Raqqa was arranged by local officials.",
            1.0,
            1,
        ),
        (
            "commentary quoting a few words",
            "This shows obvious collusion: the deal to let IS fighters escape was a crime.",
            7 / 14,
            1,
        ),
        ("unrelated", "Trump is aligning America with the Saudis because they hate Iran.", 0.0, -1),
        ("too short to shingle", "a dirty secret", 0.0, -1),
    ],
)
def test_alignment(index, name, text, overlap, origin_para):
    a = index.align(text)
    assert a.overlap == pytest.approx(overlap, abs=1e-9)
    assert a.origin_para == origin_para


def test_alignment_returns_the_passage_and_blocks(index):
    text = "As the BBC wrote, the deal to let IS fighters escape from Raqqa was arranged by local officials."
    a = index.align(text)
    assert a.passage == "The deal to let IS fighters escape from Raqqa was arranged by local officials"
    ((s, e),) = a.blocks
    assert text[s:e] == "the deal to let IS fighters escape from Raqqa was arranged by local officials"


def test_alignment_across_paragraphs(index):
    text = ORIGIN[0] + " " + ORIGIN[1]
    a = index.align(text)
    assert a.overlap == 1.0 and a.origin_para == 0
    assert a.passage.startswith("Abu Fawzi") and a.passage.endswith("Kurdish-led forces")


@pytest.mark.parametrize(
    "kind,overlap,quoted,blockquote,lead_in,expected",
    [
        ("boilerplate", 1.0, 0.0, False, False, "boilerplate"),
        ("body", 0.5, 0.0, False, False, "origin"),
        ("body", 0.49, 0.0, False, False, "commentary"),
        ("body", 0.9, 1.0, False, False, "origin"),  # a quoted BBC passage is still the original
        ("body", 0.0, 0.6, False, False, "other"),
        ("body", 0.0, 0.0, True, False, "other"),
        ("body", 0.0, 0.0, False, True, "other"),
        ("heading", 0.0, 0.0, False, False, "commentary"),
    ],
)
def test_labels(kind, overlap, quoted, blockquote, lead_in, expected):
    assert provenance_label(kind, overlap, quoted, blockquote, lead_in) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Mattis said:", True),
        ("Later in the press conference, he said: “", True),
        ("He said so.", False),
        ("Region: Syria", False),
    ],
)
def test_lead_in(text, expected):
    assert is_lead_in(text) is expected


@pytest.mark.parametrize(
    "label,overlap,hops,days,expected",
    [
        ("origin", 1.0, 0, 0.0, 0.0),  # the original itself
        ("origin", 1.0, 1, 3.0, 1 + 3 / 365.25),  # a verbatim passage quoted three days later
        ("origin", 0.8, 1, 3.0, 0.2 + 1 + 3 / 365.25),
        ("other", 0.0, 1, 3.0, 2 + 3 / 365.25),
        ("commentary", 0.0, 1, 3.0, 3 + 3 / 365.25),
        ("commentary", 0.2, 2, 365.25, 1.8 + 2 + 1),
        ("commentary", 0.0, 1, None, 3.0),  # date unknown: time not counted
    ],
)
def test_distance(label, overlap, hops, days, expected):
    assert distance(label, overlap, hops, days) == pytest.approx(expected)


def test_distance_grows_from_origin_to_commentary():
    assert (
        text_distance("origin", 1.0)
        < text_distance("origin", 0.6)
        < text_distance("other", 0.0)
        < text_distance("commentary", 0.0)
    )
    assert math.isnan(text_distance("boilerplate", 0.0))


def test_index_scales_to_many_paragraphs():
    """A large original and many queries: lookups stay dictionary-fast (no timing asserted, see benchmarks)."""
    origin = [
        f"Paragraph {i} tells how convoy number {i} left the city at dawn with {i} trucks."
        for i in range(2000)
    ]
    idx = OriginIndex(origin)
    a = idx.align(origin[1234])
    assert a.origin_para == 1234 and a.overlap == 1.0
