"""A bounded fuzz run of the readers: any bytes, any markup, only Documents or InputErrors (issue 10).

Hypothesis drives it (atheris needs a libFuzzer toolchain this project does
not assume). CI runs ``FUZZ_EXAMPLES`` examples per target (default 300, a few
seconds each); set ``RHETORIC_FUZZ_EXAMPLES`` higher for a longer hunt, e.g.
``RHETORIC_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz_readers.py``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhetoric.text import InputError, decode_bytes, read_document, strip_markup

FUZZ_EXAMPLES = int(os.environ.get("RHETORIC_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

MARKUP_BITS = [
    "<", ">", "</", "<!--", "-->", "<![CDATA[", "]]>", "<?", "?>", "<!DOCTYPE", "<a href='x'>", "</a>",
    "<h1>", "</h1>", "<title>", "</title>", "<head>", "</head>", "<script>", "</script>", "<nav>", "</nav>",
    "<div class='share'>", "</div>", "<blockquote>", "</blockquote>", "<br/>", "<p>", "</p>", "&amp;",
    "&#x110000;", "&#0;", "&bogus", "**", "__", "*", "_", "[", "](", ")", "# ", "> ", "1. ", "- ", "\\",
    "\n", "\n\n", "\r", "\r\n", "\u2028", "\u2029", "\u200b", "\ufeff", "\x00", "\x1b", "\ud800",
    "word", "It may", "“", "”",
]  # fmt: skip
markupish = st.lists(st.sampled_from(MARKUP_BITS) | st.text(max_size=4), max_size=50).map("".join)


def check(doc) -> None:
    """The invariants every Document keeps, whatever it was made from."""
    prev = 0
    for p in doc.paragraphs:
        assert prev <= p.start <= p.end <= len(doc.raw)
        assert 0 <= p.clean_start <= p.clean_end <= len(doc.clean)
        assert len(p.text) == p.clean_end - p.clean_start
        assert p.kind in ("body", "heading", "boilerplate")
        prev = p.end
    for s, e, _ in doc.markup.links:
        assert 0 <= s < e <= len(doc.clean)
    for s, e, _ in doc.markup.boilerplate:
        assert 0 <= s < e <= len(doc.clean)
    assert isinstance(doc.title, str)


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from([None, "utf-8", "cp1252", "latin-1", "utf-16"]))
def test_decode_any_bytes(data, encoding):
    try:
        text, used = decode_bytes(data, encoding, warnings=[])
    except InputError:
        return
    assert isinstance(text, str) and used


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["auto", "markdown", "text", "html", "none"]))
def test_read_any_bytes(data, markup):
    try:
        text, _ = decode_bytes(data)
        doc = read_document(text, "fuzz", markup=markup)
    except InputError:
        return
    check(doc)


@FUZZ
@given(markupish, st.sampled_from(["markdown", "text", "html", "none"]))
def test_read_markup_soup(text, markup):
    try:
        doc = read_document(text, "fuzz", markup=markup)
    except InputError:
        return
    check(doc)
    clean, omap, _ = strip_markup(text, markup)
    assert omap.clean_len == len(clean)
