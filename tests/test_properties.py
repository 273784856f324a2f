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


# -- hostile input (issue 10) ----------------------------------------------------

# Words that are no HTML element name, so that in angle brackets they stay text;
# separators that look like markup but, in plain text, are not.
WORDS = ["John", "Smith", "sic", "x", "y", "z", "may", "It", "100", "0", "1", "2017", "Raqqa"]
SEPARATORS = [" ", "  ", "\n", "\n\n", "<", ">", "<!--", "-->", "1. ", "0) ", "100. ", "=", "+", "@",
              '"', "'", "“", "”", "(", ")", "/", ",", ".", ":", ";", "?", "!", "\t", "#", "-"]  # fmt: skip
plainish = st.lists(st.sampled_from(WORDS) | st.sampled_from(SEPARATORS), min_size=1, max_size=80).map(
    "".join
)


def _tokens(s: str) -> list[str]:
    import re

    return re.findall(r"[A-Za-z0-9]+", s)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plainish, st.sampled_from(["text", "markdown"]))
def test_no_text_is_lost(text, markup):
    """Every word of the raw text reaches a paragraph's text, in order (numbers and <words> included)."""
    import re

    from hypothesis import assume

    if markup == "markdown":  # "1. " starting a line is a list marker there, as Markdown says
        assume(not re.search(r"(?m)^[ ]{0,3}\d{1,9}[.)][ \t]+\S", text))
    # In Markdown a closed HTML comment is markup, as Markdown says; its words are not text.
    expected = re.sub(r"<!--.*?-->", "", text, flags=re.S) if markup == "markdown" else text
    try:
        doc = read_document(text, "p", markup=markup)
    except InputError:
        assert not _tokens(expected)
        return
    got = _tokens(" ".join(p.text for p in doc.paragraphs))
    assert got == _tokens(expected)


# Fragments whose repetition made a reader super-linear before (issue 10), and more.
ADVERSARIAL_PIECES = [
    "**a ", "__a ", "*a ", "_a ", "*a **b ", "[a](b ", "[a", "<a href=x>", "<h1>", "<blockquote>", "<q>",
    "<?", "<!a", "<![CDATA[", "<script", "<!--", "a<b ", "# a  ", "> ", "1. ", "&#1", "a.", "a@", "\\*",
    "`", "  \n", "- - ", "<div class=share>", "<nav>", "</a>",
]  # fmt: skip


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(ADVERSARIAL_PIECES), min_size=1, max_size=3).map("".join),
    st.sampled_from(["markdown", "text", "html"]),
)
def test_readers_are_linear_on_adversarial_markup(piece, markup):
    """1 MB of a repeated markup fragment reads in well under 30 s (a guard against blow-ups, not a benchmark)."""
    import time

    text = piece * (1_000_000 // len(piece))
    t0 = time.perf_counter()
    try:
        read_document(text, "big", markup=markup)
    except InputError:
        pass
    assert time.perf_counter() - t0 < 30, f"{piece!r} x {len(text) // len(piece)} ({markup}) took over 30 s"


file_names = st.binary(min_size=1, max_size=24).filter(lambda b: b"/" not in b and b"\x00" not in b)


@pytest.mark.slow
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(file_names, st.sampled_from([".txt", ".md", ".html", ".TXT"]), st.binary(max_size=400))
def test_cli_never_prints_a_traceback(tmp_path_factory, analyzer, name, suffix, content):
    """Random bytes under a random (often not UTF-8) file name: rows or one-line errors, never a traceback."""
    import contextlib
    import io
    import os

    import rhetoric.cli as cli

    folder = tmp_path_factory.mktemp("fuzz")
    path = os.path.join(os.fsencode(folder), name + suffix.encode())
    with open(path, "wb") as fh:
        fh.write(content)
    out, err = io.StringIO(), io.StringIO()
    loader = cli._analyzer
    cli._analyzer = lambda args: analyzer  # the session's model, not one per example
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["score", str(folder), "--format", "csv", "--no-progress", "--include", "*"])
    finally:
        cli._analyzer = loader
    assert "Traceback" not in err.getvalue()
    assert code in (0, 1, 2), err.getvalue()
    assert all(line.startswith("rhetoric: ") for line in err.getvalue().splitlines())
