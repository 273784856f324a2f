"""Hostile and careless input to the readers: nothing lost, nothing slow, clear errors.

Each case was seen on main before the fix (issue 10); the files are built here.
"""

from __future__ import annotations

import time

import pytest

from rhetoric.text import InputError, decode_bytes, read_document, read_file, strip_markup


def texts_of(path) -> list[str]:
    return [p.text for p in read_file(path).paragraphs]


@pytest.mark.parametrize(
    "name,content,expected",
    [
        # An unclosed comment dropped every later paragraph, with exit 0.
        (
            "unclosed comment",
            "It may rain <!-- here.\n\nThe convoy left.",
            ["It may rain <!-- here.", "The convoy left."],
        ),
        ("angle-bracketed name", "Said <John Smith> today.", ["Said <John Smith> today."]),
        ("sic", "They was <sic> there.", ["They was <sic> there."]),
        ("inequalities", "If x<y and y>z then x<z.", ["If x<y and y>z then x<z."]),
        ("number and parenthesis", "1) The first point.", ["1) The first point."]),
        ("number that starts a line", "100. It may be so.", ["100. It may be so."]),
        ("zero", "0. It may be.", ["0. It may be."]),
        # What scrapers leave in .txt is still markup.
        ("underline tags stay markup", "Theme: <u>Terrorism</u>", ["Theme: Terrorism"]),
        ("markdown link", "See [the report](http://x.org).", ["See the report."]),
    ],
)
def test_plain_text_keeps_numbers_and_angle_brackets(tmp_path, name, content, expected):
    f = tmp_path / "a.txt"
    f.write_text(content, encoding="utf-8")
    assert texts_of(f) == expected


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("a list is markup", "Steps:\n\n1. one\n2. two", ["Steps:", "one", "two"]),
        ("a list in parentheses", "1) one\n2) two", ["one", "two"]),
        # A number that does not start (or carry on) a list starts a sentence.
        ("a year", "2017. The year the city fell.", ["2017. The year the city fell."]),
        ("zero is not a list", "0. It may be.", ["0. It may be."]),
        ("a hundred", "100. It may be.", ["100. It may be."]),
        ("an unclosed comment is text", "It may <!-- rain.\n\nIt did.", ["It may <!-- rain.", "It did."]),
        ("a closed comment is markup", "It may <!-- x --> rain.", ["It may  rain."]),
        ("unknown angle brackets are text", "Said <John Smith> that x<y.", ["Said <John Smith> that x<y."]),
        ("known tags are markup", "It <em>may</em> rain.", ["It may rain."]),
    ],
)
def test_markdown_lists_and_brackets(tmp_path, name, content, expected):
    f = tmp_path / "a.md"
    f.write_text(content, encoding="utf-8")
    assert texts_of(f) == expected


def test_mixed_utf8_and_windows_1252_is_decoded_per_line_with_a_warning(tmp_path):
    f = tmp_path / "mixed.txt"
    f.write_bytes(
        "He said “it may rain” today.\n\n".encode()
        + "She said “it will not” later.\n\n".encode("cp1252")
        + "Ça va.\n".encode()
    )
    doc = read_file(f)
    assert [p.text for p in doc.paragraphs] == [
        "He said “it may rain” today.",
        "She said “it will not” later.",
        "Ça va.",
    ]
    assert doc.encoding == "utf-8+cp1252"
    assert doc.warnings == [
        f"{f}: mixes UTF-8 with other bytes; line(s) 3 are not UTF-8 and were decoded as Windows-1252"
    ]


def test_a_plain_windows_1252_file_needs_no_warning():
    text, used = decode_bytes("“Quoted”".encode("cp1252"), warnings=(w := []))
    assert (text, used, w) == ("“Quoted”", "cp1252", [])


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib", "hex", "bz2"])
def test_codecs_that_are_not_text_encodings_are_refused(codec):
    with pytest.raises(InputError, match=f"x.txt: '{codec}' is not a text encoding"):
        decode_bytes(b"hello", codec, name="x.txt")


@pytest.mark.parametrize("text", ["It may \ud800 rain.", "\udcff", "ok\n\nbad \udfff end"])
def test_lone_surrogates_are_an_input_error(text):
    with pytest.raises(InputError, match="lone surrogate U\\+D[8-F][0-9A-F]{2} at character"):
        read_document(text, "s")


@pytest.mark.slow
def test_analyzer_score_refuses_lone_surrogates(analyzer):
    with pytest.raises(InputError, match="lone surrogate"):
        analyzer.score("It may \ud83d rain.")


HTML_PAGE = """<!DOCTYPE html><html><head><title>Raqqa's &amp; dirty secret</title>
<script>var x = "<p>not text</p>";</script></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<header><h1>The convoy</h1><p>Menu World Sport</p></header>
<article><p>The convoy left <a href="http://bbc.co.uk">at dawn</a>, officials said.</p>
<p>It may have carried fighters.</p></article>
<div class="share-bar">Share Tweet Email</div>
<aside>Most read: ten things</aside>
<footer>Copyright lines and links</footer>
</body></html>"""


def test_html_furniture_is_boilerplate_and_the_title_is_read(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(HTML_PAGE, encoding="utf-8")
    doc = read_file(f)
    assert doc.title == "Raqqa's & dirty secret"
    got = [(p.text, p.kind, p.reason) for p in doc.paragraphs]
    assert got == [
        ("Home News", "boilerplate", "nav"),
        ("The convoy", "heading", "markup"),
        ("Menu World Sport", "boilerplate", "header"),
        ("The convoy left at dawn, officials said.", "body", ""),
        ("It may have carried fighters.", "body", ""),
        ("Share Tweet Email", "boilerplate", "share_bar"),
        ("Most read: ten things", "boilerplate", "aside"),
        ("Copyright lines and links", "boilerplate", "footer"),
    ]


@pytest.mark.parametrize(
    "text,markup,title",
    [
        ("<h1>Only <b>a</b> heading</h1><p>Body.</p>", "html", "Only a heading"),
        ("# The title\n\nBody text.", "markdown", "The title"),
        ("Body text with no heading.", "markdown", ""),
    ],
)
def test_title_from_title_or_h1(text, markup, title):
    assert read_document(text, "t", markup=markup).title == title


def test_links_in_is_by_bisection():
    doc = read_document("See [a](1) now.\n\nSee [c](2) and [d](3).\n\nEnd.", "l")
    links = doc.markup.links
    assert [u for _, _, u in doc.markup.links_in(0, len(doc.clean))] == ["1", "2", "3"]
    p = doc.paragraphs[1]
    assert doc.markup.links_in(p.clean_start, p.clean_end) == links[1:]


# Patterns that made a reader super-linear. Each is fed at 1 MB; a linear
# reader takes about a second, so the 30 s guard catches a blow-up, not a
# slow machine. (Measured speed belongs in benchmarks/, not here.)
ADVERSARIAL = {
    "strong": ("**a ", "markdown"),
    "strong_under": ("__a ", "markdown"),
    "emphasis in strong": ("*a **b ", "markdown"),
    "unclosed link": ("[a](b ", "markdown"),
    "unclosed a href": ("<a href=x>", "html"),
    "unclosed h1": ("<h1>", "html"),
    "unclosed blockquote": ("<blockquote>", "html"),
    "unclosed processing instruction": ("<?", "html"),
    "unclosed declaration": ("<!a", "html"),
    "unclosed cdata": ("<![CDATA[", "html"),
    "unclosed script open": ("<script", "html"),
    "unclosed comment": ("<!--", "markdown"),
    "angle brackets": ("a<b ", "text"),
    "email-ish run": ("a." * 1999 + "\n\n", "text"),
}


@pytest.mark.parametrize("name", list(ADVERSARIAL) + ["heading then spaces"])
def test_readers_are_linear_on_adversarial_markup(name):
    size = 1_000_000
    if name == "heading then spaces":
        text, markup = "# a" + " " * size + "b\n", "markdown"
    else:
        piece, markup = ADVERSARIAL[name]
        text = piece * (size // len(piece))
    t0 = time.perf_counter()
    try:
        doc = read_document(text, "big", markup=markup)
        assert doc.paragraphs
    except InputError:
        pass
    assert time.perf_counter() - t0 < 30, f"{name}: reading 1 MB took over 30 s (super-linear)"


def test_strip_markup_accepts_text_mode():
    clean, _, found = strip_markup("1. x <y> **z**", "text")
    assert clean == "1. x <y> z" and not found.list_items
