"""Reading text: decoding, markup and its offset map, paragraphs, boilerplate."""

from __future__ import annotations

import pytest

from rhetoric.text import (
    InputError,
    classify_paragraph,
    decode_bytes,
    expand_paths,
    read_document,
    read_file,
    strip_markup,
)


def paras(text: str, **kw) -> list[str]:
    return [p.text for p in read_document(text, **kw).paragraphs]


@pytest.mark.parametrize(
    "name,text,expected",
    [
        ("blank-line separated", "One a.\n\nTwo b.\n\n\nThree c.", ["One a.", "Two b.", "Three c."]),
        ("single-newline separated (seed 004)", "One a.\nTwo b.\nThree c.", ["One a.", "Two b.", "Three c."]),
        (
            "hard-wrapped block is one paragraph",
            "The convoy left at\ndawn and drove\nnorth for days.",
            ["The convoy left at dawn and drove north for days."],
        ),
        # Seed 003: "It comes" / "down to Syrians", split across a blank line.
        ("broken mid-sentence is rejoined", "It comes\n\ndown to Syrians.", ["It comes  down to Syrians."]),
        # Seed 004: a paragraph ends on an opening quote.
        (
            "ends on an opening quote",
            "In the article entitled “\nRaqqa’s Dirty Secret,” they detail it.",
            ["In the article entitled “ Raqqa’s Dirty Secret,” they detail it."],
        ),
        (
            "a byline under a title is not joined",
            "Raqqa's Dirty Secret\n\nby the BBC",
            ["Raqqa's Dirty Secret", "by the BBC"],
        ),
        (
            "an address is not joined",
            "He can be reached at\n\ncrg@example.org",
            ["He can be reached at", "crg@example.org"],
        ),
        (
            "dangling article joins",
            "To contact the WSWS and the\nSocialist Equality Party visit:",
            ["To contact the WSWS and the Socialist Equality Party visit:"],
        ),
        ("CRLF line ends", "One a.\r\n\r\nTwo b.\r\n", ["One a.", "Two b."]),
        (
            "markdown list items",
            "Intro:\n\n- first item\n- second item",
            ["Intro:", "first item", "second item"],
        ),
    ],
)
def test_paragraphs(name, text, expected):
    assert paras(text) == expected


@pytest.mark.parametrize(
    "raw,clean",
    [
        ("see [the report](#) now", "see the report now"),
        ("see [the report](https://bbc.co.uk/x_(y)) now", "see the report now"),
        ("a **bold** and *it* and __b__ and _i_", "a bold and it and b and i"),
        # Seed 000, paragraph 8: emphasis around a whole paragraph with strong emphasis inside.
        ("*As a result, **thousands escaped.** All of it.*", "As a result, thousands escaped. All of it."),
        ("<u>Terrorism</u>, <u>War</u>", "Terrorism, War"),
        ("Tom &amp; Jerry &#8217;s &rsquo;", "Tom & Jerry ’s ’"),
        ("2 * 3 * 4 stays", "2 * 3 * 4 stays"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("obvi\u200bously", "obviously"),
        ("a\u00a0b", "a b"),
        ("# Heading\n\nText", "Heading\n\nText"),
        ("> quoted line", "quoted line"),
    ],
)
def test_strip_markdown(raw, clean):
    assert strip_markup(raw, "markdown")[0] == clean


def test_html_blocks_links_entities_and_scripts():
    raw = "<html><head><title>T</title><script>var x = '<p>no</p>';</script></head><body><h1>Big &amp; bold</h1><p>Officials <a href=\"https://x.org\">said</a> so.</p><p>Next.</p></body></html>"
    doc = read_document(raw, path="x.html")
    assert [p.text.strip() for p in doc.paragraphs] == ["Big & bold", "Officials said so.", "Next."]
    assert doc.paragraphs[0].kind == "heading"
    ((s, e, url),) = doc.markup.links
    assert doc.clean[s:e] == "said" and url == "https://x.org"


@pytest.mark.parametrize(
    "raw",
    [
        "The **obviously** [filthy](#) lie &amp; more.\n\nNext *para*.",
        "<p>A &lt;b&gt; tag</p>\n<p>x</p>",
        "Zero\u200bwidth \u202eRTL\u202c and e\u0301 combining.",
    ],
)
def test_offset_map_round_trip(raw):
    """Every clean word maps back to raw characters that read the same once markup is gone."""
    clean, omap, _ = strip_markup(raw, "html" if raw.startswith("<p>") else "markdown")
    import re

    for m in re.finditer(r"\w+", clean):
        rs, re_ = omap.to_raw(m.start(), m.end())
        assert strip_markup(raw[rs:re_], "none")[0].replace("\u200b", "").find(m.group()[:1]) >= 0
        assert rs < re_ <= len(raw)


def test_paragraph_raw_extent_covers_markup():
    raw = "**Bold start** of text.\n\n[Link](#) here."
    doc = read_document(raw)
    assert [raw[p.start : p.end] for p in doc.paragraphs] == ["**Bold start** of text.", "[Link](#) here."]


@pytest.mark.parametrize(
    "text,position,expected",
    [
        ("By Eric Zuesse", 1, ("boilerplate", "byline")),
        ("Global Research, November 26, 2017", 2, ("boilerplate", "dateline")),
        ("16 November 2017", 2, ("boilerplate", "dateline")),
        ("Region: Middle East & North Africa", 3, ("boilerplate", "metadata")),
        ("Theme: Terrorism, US NATO War Agenda", 4, ("boilerplate", "metadata")),
        ("Copyright © Eric Zuesse, Global Research, 2017", 40, ("boilerplate", "copyright")),
        (
            "Disclaimer: The contents of this article are of sole responsibility of the author(s).",
            40,
            ("boilerplate", "disclaimer"),
        ),
        ("For media inquiries: publications@globalresearch.ca", 41, ("boilerplate", "contact")),
        ("Become a Member of Global Research", 38, ("boilerplate", "membership")),
        ("9 Comments / f Share / > Tweet / ■ Stumble / ■ Email", 12, ("boilerplate", "share_bar")),
        ("wsws.org/contact", 42, ("boilerplate", "contact")),
        ("Screen Shot of BBC Report", 17, ("boilerplate", "caption")),
        ("Bill Van Auken", 1, ("boilerplate", "byline")),
        # A date inside a real sentence in the body is not a dateline.
        ("The convoy left on 12 October 2017.", 20, ("body", "")),
        ("The fighting in Raqqa was intense, even back then, he says.", 30, ("body", "")),
    ],
)
def test_boilerplate(text, position, expected):
    assert classify_paragraph(text, position, 45) == expected


def test_author_bio_follows_its_label():
    doc = read_document("Body text here.\n\nAbout the author:\n\nJane is a writer.\n\n")
    assert [(p.kind, p.reason) for p in doc.paragraphs][1:] == [
        ("boilerplate", "author_bio"),
        ("boilerplate", "author_bio"),
    ]


@pytest.mark.parametrize(
    "data,encoding",
    [
        ("naïve café “quote”".encode(), "utf-8"),
        ("naïve café “quote”".encode("cp1252"), "cp1252"),
        ("naïve café".encode("latin-1") + b"\x81", "latin-1"),
        (b"\xef\xbb\xbfBOM text", "utf-8-sig"),
        ("UTF-16 text".encode("utf-16"), "utf-16"),
    ],
)
def test_decode(data, encoding):
    text, used = decode_bytes(data)
    assert used == encoding
    assert "text" in text or "naïve" in text


@pytest.mark.parametrize(
    "data,message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 8)) * 100, "binary"),
    ],
)
def test_binary_rejected(data, message):
    with pytest.raises(InputError, match=message):
        decode_bytes(data, name="x.bin")


def test_unknown_encoding():
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode_bytes(b"abc", "klingon")


def test_wrong_encoding_says_where():
    with pytest.raises(InputError, match="not valid utf-8 at byte 3"):
        decode_bytes(b"abc\xff", "utf-8")


@pytest.mark.parametrize("text", ["", "   \n\n\t ", "\u200b\u200b"])
def test_empty_document(text):
    with pytest.raises(InputError, match="empty|no text"):
        read_document(text, "d")


def test_read_file_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "missing.txt")
    (tmp_path / "img.txt").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(InputError, match="binary"):
        read_file(tmp_path / "img.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_file(tmp_path)


def test_expand_paths(tmp_path):
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.md").write_text("a")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("c")
    assert [p.name for p in expand_paths([tmp_path])] == ["a.md", "b.txt"]
    with pytest.raises(InputError, match="no such file or folder"):
        expand_paths([tmp_path / "nope"])


SEEDS = {
    # file: (paragraphs, body, heading, boilerplate)
    # 000 and 004: elision marks and separator lines (". . . . .", "...") are boilerplate
    "000_4cfd2fefd0795d5b.txt": (133, 99, 3, 31),
    "001_d2059ae70f4b2c2d.txt": (78, 57, 1, 20),
    "002_23b412affb72eb31.txt": (31, 29, 2, 0),
    "003_8e398962ef508d64.txt": (22, 17, 1, 4),
    "004_a161571ce3939fcb.txt": (85, 83, 0, 2),
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_paragraphs_cover_every_character(raqqa_dir, name):
    doc = read_file(raqqa_dir / name)
    kinds = [p.kind for p in doc.paragraphs]
    assert (len(kinds), kinds.count("body"), kinds.count("heading"), kinds.count("boilerplate")) == SEEDS[
        name
    ]
    owner = [0] * len(doc.raw)
    for p in doc.paragraphs:
        for i in range(p.start, p.end):
            owner[i] += 1
    assert all(owner[i] == 1 for i, ch in enumerate(doc.raw) if not ch.isspace())


def test_seed_003_rejoins_it_comes_down_to(raqqa_dir):
    doc = read_file(raqqa_dir / "003_8e398962ef508d64.txt")
    joined = [p for p in doc.paragraphs if "It comes" in p.text]
    assert len(joined) == 1 and "down to Syrians" in joined[0].text and joined[0].joined
