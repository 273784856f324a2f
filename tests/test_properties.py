"""Property tests: offsets always match the text, paragraphs always cover it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhetoric.text import InputError, read_document, strip_markup

# Pieces that stress the reader: markup, quotes of every kind, odd Unicode.
PIECES = [
    "word",
    "Obviously",
    "may",
    "May",
    "not clear",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "**",
    "*",
    "_",
    "[link](#)",
    "[",
    "](",
    ")",
    "<u>",
    "</u>",
    "<p>",
    "&amp;",
    "&#8217;",
    "&bogus;",
    "“",
    "”",
    "‘",
    "’",
    '"',
    "'",
    "«",
    "»",
    ".",
    ",",
    "—",
    "…",
    "# ",
    "> ",
    "- ",
    "1. ",
    "\u200b",
    "\u200f",
    "\u202e",
    "\ufeff",
    "\u00a0",
    "e\u0301",
    "שלום",
    "مرحبا",
    "日本語",
    "🙂",
    "\u2029",
    "By Jane Roe",
    "Region: X",
    "Copyright © 2017",
    "a@b.org",
]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=5), min_size=1, max_size=60).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["markdown", "html", "none"]))
def test_offset_map_is_monotone_and_in_range(text, markup):
    clean, omap, found = strip_markup(text, markup)
    last = 0
    for c in range(len(clean) + 1):
        r = omap.raw_start(c)
        assert 0 <= r <= len(text)
        assert r >= last
        last = r
    for s, e, _ in found.links:
        assert 0 <= s < e <= len(clean)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["markdown", "html", "none"]))
def test_paragraphs_cover_every_visible_character_once(text, markup):
    try:
        doc = read_document(text, "p", markup=markup)
    except InputError:
        clean = strip_markup(text, markup)[0]
        assert not clean.strip()  # only ever refused when nothing is left to read
        return
    owner = [0] * len(text)
    prev_end = 0
    for p in doc.paragraphs:
        assert prev_end <= p.start < p.end <= len(text)
        prev_end = p.end
        for i in range(p.start, p.end):
            owner[i] += 1
        assert len(p.text) == p.clean_end - p.clean_start
    assert all(owner[i] == 1 for i, ch in enumerate(text) if not ch.isspace()), (
        "a visible character belongs to no paragraph"
    )


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(texts)
def test_span_offsets_match_the_raw_text(analyzer, text):
    try:
        s = analyzer.score(text, doc_id="p")
    except InputError:
        return
    for row in s.spans.itertuples():
        assert text[row.start : row.end] == row.text
    assert list(s.paragraphs["para"]) == list(range(len(s.document.paragraphs)))
