"""The highlighted-text report: Scores -> dict -> escaped HTML.

Most tests need no spaCy: they build a real Document with ``read_document`` and
hand-made span rows (``fake_scores``), or a dict by hand. The ``slow`` ones at
the end run the real analyzer and the CLI.
"""

from __future__ import annotations

import html
import json
import math
import re
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rhetoric
from rhetoric.highlight import CSS, LEGEND, HighlightHTML, highlight, render_html, to_dict
from rhetoric.score import PARAGRAPH_COLUMNS, SPAN_COLUMNS, Scores, certainty_index, worded_by_author
from rhetoric.text import InputError, read_document
from rhetoric.voice import paragraph_voices

PLURAL = {"hedge": "hedges", "absolute": "absolutes", "emotive": "emotive", "source": "sources"}

# ---------------------------------------------------------------------------
# Helpers: Scores without spaCy, and a tiny DOM from html.parser
# ---------------------------------------------------------------------------


def fake_scores(text: str, cues=(), *, doc_id: str = "t", markup: str = "none") -> Scores:
    """A Scores from a real Document and hand-made cues.

    Each cue is a dict with ``para`` and either ``find`` (a substring of the
    paragraph's text) or ``start``/``end``, plus any span column to override.
    """
    doc = read_document(text, doc_id, markup=markup)
    rows = []
    for spec in cues:
        p = doc.paragraphs[spec["para"]]
        if "find" in spec:
            s = p.text.index(spec["find"])
            e = s + len(spec["find"])
        else:
            s, e = spec["start"], spec["end"]
        rs, re_ = doc.to_raw(p.clean_start + s, p.clean_start + e)
        cat = spec.get("category", "hedge")
        row = {
            "doc_id": doc_id,
            "para": p.index,
            "start": rs,
            "end": re_,
            "text": doc.raw[rs:re_],
            "category": cat,
            "voice": "author",
            "rule": "lexicon",
            "entry": p.text[s:e].lower(),
            "subtype": "",
            "weight": 1.0,
            "negated": False,
            "lexicon_source": "test",
            "explanation": f"'{p.text[s:e]}' counts as a {cat} (test).",
            "para_start": s,
            "para_end": e,
        }
        row.update({k: v for k, v in spec.items() if k in SPAN_COLUMNS})
        rows.append(row)
    spans = pd.DataFrame(rows, columns=SPAN_COLUMNS)
    prows = []
    for p in doc.paragraphs:
        r = {c: 0 for c in PARAGRAPH_COLUMNS}
        r.update(doc_id=doc_id, para=p.index, start=p.start, end=p.end, kind=p.kind, boilerplate=p.reason)
        r.update(blockquote=p.blockquote, joined=p.joined, words=len(p.text.split()), text=p.text)
        weight = {"hedge": 0.0, "absolute": 0.0}
        for c in rows:
            if c["para"] == p.index and c["category"] in PLURAL:
                key = PLURAL[c["category"]] + ("_quoted" if c["voice"] == "quoted" else "")
                r[key] += 1
                if c["category"] in weight and worded_by_author(c["voice"], c.get("voice_basis", "")):
                    weight[c["category"]] += c["weight"]
        r.update(hedge_weight=weight["hedge"], absolute_weight=weight["absolute"])
        r["certainty"] = (
            math.nan if p.kind == "boilerplate" else certainty_index(weight["absolute"], weight["hedge"])
        )
        prows.append(r)
    return Scores(doc_id, doc, pd.DataFrame(prows, columns=PARAGRAPH_COLUMNS), spans)


VOID = {"meta", "br", "img", "hr", "input", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict, parent: Node | None = None) -> None:
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [
            n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes())
        ]


class TreeBuilder(HTMLParser):
    """A tiny DOM: enough to ask which elements and attributes a page really has."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.cur = self.root
        self.all_attrs: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.all_attrs += [(tag, k, v) for k, v in attrs]
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.all_attrs += [(tag, k, v) for k, v in attrs]
        self.cur.children.append(Node(tag, dict(attrs), self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(page: str) -> TreeBuilder:
    t = TreeBuilder()
    t.feed(page)
    t.close()
    return t


def row_texts(page: str) -> list[str]:
    """The visible text of each paragraph, as a reader would copy it."""
    tree = parse(page).root
    return [div.find_all("p")[0].text() for div in tree.find_all("div", "rh-text")]


def seg_view(data: dict, para: int = 0) -> list[tuple[str, list[str], bool]]:
    p = data["paragraphs"][para]
    return [(s["text"], [p["cues"][i]["category"] for i in s["cues"]], s["quoted"]) for s in p["segments"]]


# ---------------------------------------------------------------------------
# Step 1: to_dict
# ---------------------------------------------------------------------------

SEGMENT_CASES = [
    pytest.param(
        "It may rain.",
        [{"para": 0, "find": "may"}],
        [("It ", [], False), ("may", ["hedge"], False), (" rain.", [], False)],
        id="one-hedge",
    ),
    # A quotation is the author's sourcing, in the speaker's words; the hedge inside is the speaker's.
    pytest.param(
        "He said “we may leave” today.",
        [
            {"para": 0, "find": "“we may leave”", "category": "source", "rule": "quotation", "entry": ""},
            {"para": 0, "find": "may", "voice": "quoted"},
        ],
        [
            ("He said ", [], False),
            ("“we ", ["source"], True),
            ("may", ["source", "hedge"], True),
            (" leave”", ["source"], True),
            (" today.", [], False),
        ],
        id="hedge-inside-quotation",
    ),
    # One word, two cues: "claimed" hedges and attributes.
    pytest.param(
        "Trump claimed it.",
        [
            {"para": 0, "find": "Trump", "category": "source", "rule": "named_source", "entry": ""},
            {"para": 0, "find": "claimed", "category": "hedge"},
            {"para": 0, "find": "claimed", "category": "source"},
        ],
        [
            ("Trump", ["source"], False),
            (" ", [], False),
            ("claimed", ["hedge", "source"], False),
            (" it.", [], False),
        ],
        id="hedge-and-source",
    ),
    # Scare quotes are no source span, but they are still the quoted voice.
    pytest.param(
        "The so-called “rebels” left.",
        [],
        [("The so-called ", [], False), ("“rebels”", [], True), (" left.", [], False)],
        id="scare-quotes",
    ),
    # Partial overlap: each piece lists exactly the cues over it.
    pytest.param(
        "abcdef",
        [{"para": 0, "start": 0, "end": 4}, {"para": 0, "start": 2, "end": 6, "category": "emotive"}],
        [("ab", ["hedge"], False), ("cd", ["hedge", "emotive"], False), ("ef", ["emotive"], False)],
        id="partial-overlap",
    ),
    # Straight quotes, an apostrophe that is not a quote, odd Unicode kept as is
    # (the zero-width space is dropped from the clean text by the reader, not by us).
    pytest.param(
        'Raqqa’s "café\u200b" é\u0301 🙂',
        [{"para": 0, "find": "é\u0301 🙂", "category": "emotive"}],
        [
            ("Raqqa’s ", [], False),
            ('"café"', [], True),
            (" ", [], False),
            ("é\u0301 🙂", ["emotive"], False),
        ],
        id="unicode",
    ),
]


@pytest.mark.parametrize("text,cues,expected", SEGMENT_CASES)
def test_segments(text, cues, expected):
    scores = fake_scores(text, cues)
    data = to_dict(scores)
    assert seg_view(data) == expected
    p = data["paragraphs"][0]
    assert "".join(s["text"] for s in p["segments"]) == p["text"] == scores.document.paragraphs[0].text


def test_quote_carried_into_next_paragraph():
    # News style: a quote left open runs on; the next paragraph's stray closing quote closes it.
    data = to_dict(fake_scores("He said: “We stay.\n\nAnd we fight,” he said.\n\nNo quote” here."))
    assert seg_view(data, 0) == [("He said: ", [], False), ("“We stay.", [], True)]
    assert seg_view(data, 1) == [("And we fight,”", [], True), (" he said.", [], False)]
    # Only one paragraph of carry-over: the third paragraph's stray mark is an error, not a quote.
    assert seg_view(data, 2) == [("No quote” here.", [], False)]


def test_blockquote_is_all_quoted():
    data = to_dict(fake_scores("> It may rain.\n\nIt may not.", markup="markdown"))
    assert seg_view(data, 0) == [("It may rain.", [], True)]
    assert seg_view(data, 1) == [("It may not.", [], False)]


def test_boilerplate_kept_plain_and_unscored():
    text = "Headline Here\n\nBy Jane Doe\n\nIt may rain today, officials said."
    # A cue in the byline (the scorer never makes one) must still not be highlighted.
    scores = fake_scores(text, [{"para": 1, "find": "Jane"}, {"para": 2, "find": "may"}])
    data = to_dict(scores)
    by = data["paragraphs"][1]
    assert (by["kind"], by["reason"], by["cues"]) == ("boilerplate", "byline", [])
    assert by["segments"] == [{"text": "By Jane Doe", "cues": [], "quoted": False}]
    assert by["scores"]["certainty"] is None
    page = render_html(data)
    row = [d for d in parse(page).root.find_all("div", "rh-row") if d.attrs["data-para"] == "1"][0]
    assert "rh-kind-boilerplate" in row.classes()
    assert row.find_all(cls="rh-seg") == [] and row.find_all(cls="rh-c") == []
    assert row.find_all("div", "rh-text")[0].text() == "By Jane Doe"
    assert "byline: not scored" in row.text()
    assert "color: var(--rh-grey)" in CSS  # greyed
    # The body paragraph after it is highlighted as usual.
    assert seg_view(data, 2)[1] == ("may", ["hedge"], False)


def test_to_dict_summary_title_and_json():
    text = "A Headline\n\nBy Jane Doe\n\nIt may rain.\n\nObviously it will, officials said."
    cues = [
        {"para": 2, "find": "may"},
        {"para": 3, "find": "Obviously", "category": "absolute"},
        {"para": 3, "find": "said", "category": "source"},
    ]
    data = to_dict(fake_scores(text, cues, doc_id="d<1>"))
    assert json.loads(json.dumps(data)) == data
    assert (data["doc_id"], data["title"]) == ("d<1>", "A Headline")
    s = data["summary"]
    assert (s["paragraphs"], s["boilerplate"], s["words"]) == (4, 1, 2 + 3 + 5)
    assert (s["hedges"], s["absolutes"], s["emotive"], s["sources"]) == (1, 1, 0, 1)
    # Mean over body paragraphs only (not the heading, not the byline): (-0.5 + 0.5) / 2.
    assert s["certainty"] == 0.0
    p2 = data["paragraphs"][2]
    assert p2["scores"]["hedges"] == 1 and p2["scores"]["certainty"] == -0.5
    assert p2["cues"][0] == {
        "category": "hedge",
        "voice": "author",
        "rule": "lexicon",
        "entry": "may",
        "subtype": "",
        "weight": 1.0,
        "negated": False,
        "lexicon_source": "test",
        "explanation": "'may' counts as a hedge (test).",
        "counted": True,  # no `counted` column: every cue counts
        "sense": "",
        "voice_basis": "",
        "text": "may",
        "start": 3,
        "end": 6,
    }
    assert [item["category"] for item in data["legend"]] == [
        "hedge",
        "absolute",
        "emotive",
        "source",
        "quoted",
    ]
    assert [item["colour"] for item in data["legend"][:4]] == ["#2c7bb6", "#d7191c", "#fdae61", "#1a9641"]
    assert all(item["meaning"] for item in data["legend"])


# Random texts with quotes of every kind, paragraph breaks and odd Unicode.
PIECES = [
    "word", "may", " ", "  ", "\n", "\n\n", "\t", "“", "”", "‘", "’", '"', "'", "«", "»", "„",
    "é\u0301", "\u200b", "\u202e", "\u2028", "🙂", "ß", "İ", "<", ">", "&", "&amp;", "said", ".",
]  # fmt: skip


@st.composite
def texts_and_cues(draw):
    text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40)))
    try:
        doc = read_document(text, "h", markup="none")
    except InputError:
        doc = read_document("x" + text, "h", markup="none")
        text = "x" + text
    cues = []
    for p in doc.paragraphs:
        n = len(p.text)
        for _ in range(draw(st.integers(0, 4))):
            s = draw(st.integers(0, n))
            e = draw(st.integers(s, n))
            cat = draw(st.sampled_from(["hedge", "absolute", "emotive", "source"]))
            voice = draw(st.sampled_from(["author", "quoted"]))
            cues.append({"para": p.index, "start": s, "end": e, "category": cat, "voice": voice})
    return text, cues


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts_and_cues())
def test_segments_property(case):
    text, cues = case
    scores = fake_scores(text, cues)
    data = to_dict(scores)
    voices = paragraph_voices(scores.document.paragraphs)
    for p, para in zip(scores.document.paragraphs, data["paragraphs"], strict=True):
        segs = para["segments"]
        assert "".join(s["text"] for s in segs) == p.text
        assert all(s["text"] for s in segs)
        # Every cue is exactly the run of segments that point at it.
        for i, c in enumerate(para["cues"]):
            assert (
                "".join(s["text"] for s in segs if i in s["cues"])
                == c["text"]
                == p.text[c["start"] : c["end"]]
            )
        # Quoted voice is what rhetoric.voice says: quote marks carried from paragraph to
        # paragraph, and a closing quote with no opener after a quoted paragraph.
        mask = [False] * len(p.text)
        v = voices[p.index]
        if v.basis:
            mask = [True] * len(p.text)
        for stretch in v.stretches:
            mask[stretch.start : stretch.end] = [True] * (stretch.end - stretch.start)
        assert [s["quoted"] for s in segs for _ in s["text"]] == mask
    # And the page shows each paragraph's text, character for character.
    assert row_texts(render_html(data)) == [p.text for p in scores.document.paragraphs]


# ---------------------------------------------------------------------------
# Step 2: render_html
# ---------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "</style><script>alert(2)</script>",
    "</textarea><svg onload=alert(3)>",
]


def malicious_scores(payload: str) -> Scores:
    """The payload in the text, the heading, the doc id and every string field of a cue."""
    text = f"Title {payload}\n\nIt may {payload} be so."
    fields = ("category", "voice", "rule", "entry", "subtype", "lexicon_source", "explanation")
    return fake_scores(
        text,
        [
            {"para": 1, "find": "may", "entry": payload, "explanation": payload, "lexicon_source": payload},
            {"para": 1, "find": payload, "category": "emotive", **{f: payload for f in fields}},
        ],
        doc_id=payload,
    )


def benign_page() -> str:
    return render_html(to_dict(fake_scores("Title\n\nIt may be so.", [{"para": 1, "find": "may"}])))


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("standalone", [True, False])
def test_everything_is_escaped(payload, standalone):
    data = to_dict(malicious_scores(payload))
    data["title"] = payload
    data["paragraphs"][1]["reason"] = payload
    data["paragraphs"][1]["kind"] = payload
    page = render_html(data, standalone=standalone)
    tree = parse(page)
    # No element carries an event handler, and no script element exists at all.
    assert [a for a in tree.all_attrs if a[1].lower().startswith("on")] == []
    assert tree.root.find_all("script") == [] and tree.root.find_all("svg") == []
    assert tree.root.find_all("img") == [] and tree.root.find_all("textarea") == []
    assert "<script" not in page and "<img" not in page and "<svg" not in page
    # The only style element is ours, the same as on a harmless page.
    styles = [s.text() for s in tree.root.find_all("style")]
    benign = [
        s.text()
        for s in parse(benign_page() if standalone else render_html({}, standalone=False)).root.find_all(
            "style"
        )
    ]
    assert styles == benign and len(styles) == 1
    # The payload shows as text, escaped, in the paragraph and in the hover notes.
    assert html.escape(payload, quote=True) in page
    texts = row_texts(page)
    assert texts[1] == f"It may {payload} be so."
    tips = [n.attrs["data-tip"] for n in tree.root.find_all("span", "rh-seg") if "data-tip" in n.attrs]
    assert any(payload in t for t in tips)


def test_no_external_resources():
    text = "See https://evil.example/x.js and http://a.b/c.png or //cdn.example/f.css.\n\nIt may rain."
    page = render_html(to_dict(fake_scores(text, [{"para": 1, "find": "may"}])))
    tree = parse(page)
    assert [a for a in tree.all_attrs if a[1] in ("src", "href", "srcset", "action", "poster", "data")] == []
    for _tag, _name, value in tree.all_attrs:
        assert "//" not in (value or "")
    assert "url(" not in page and "@import" not in page and "@font-face" not in page
    # The addresses are only in the (escaped) user text.
    outside_text = re.sub(r"<p>.*?</p>", "", page, flags=re.S)
    assert "http" not in outside_text.replace("http-equiv", "")
    csp = [m.attrs["content"] for m in tree.root.find_all("meta") if m.attrs.get("http-equiv")]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'"]


def test_fragment_css_is_scoped():
    frag = render_html(to_dict(fake_scores("It may rain.", [{"para": 0, "find": "may"}])), standalone=False)
    assert frag.startswith('<div class="rhetoric-hl">') and frag.endswith("</div>")
    assert not re.search(r"<(html|head|body)[\s>]", frag)
    css = re.sub(r"/\*.*?\*/", "", CSS, flags=re.S)
    selectors = []
    for block in re.findall(r"([^{}]+)\{[^{}]*\}", css):
        selectors += [s.strip() for s in block.split(",") if s.strip()]
    assert selectors and all(s.startswith(".rhetoric-hl") for s in selectors), [
        s for s in selectors if not s.startswith(".rhetoric-hl")
    ]


def test_print_css():
    page = benign_page()
    printed = page[page.index("@media print") :]
    assert "print-color-adjust: exact" in page
    assert "break-inside: avoid" in page
    assert "details.rh-why { display: none; }" in printed and ".rh-notes { display: block" in printed
    assert ".rh-row" in printed  # the margin column stays, narrower


def test_overlapping_cues_render_both():
    scores = fake_scores(
        "He said “we may leave”. Trump claimed it.",
        [
            {"para": 0, "find": "“we may leave”", "category": "source", "rule": "quotation"},
            {"para": 0, "find": "may", "voice": "quoted", "explanation": "HEDGE-WHY"},
            {"para": 0, "find": "claimed", "category": "hedge", "explanation": "CLAIM-HEDGE"},
            {"para": 0, "find": "claimed", "category": "source", "explanation": "CLAIM-SOURCE"},
        ],
    )
    tree = parse(render_html(to_dict(scores))).root
    segs = {n.text(): n for n in tree.find_all("span", "rh-seg") if "tabindex" in n.attrs}
    # "may": a hedge inside a quotation, nested inside the quote's source underline, in italics.
    may = segs["may"]
    assert [n.classes() & {"rh-hedge", "rh-source", "rh-d1", "rh-d2"} for n in may.find_all(cls="rh-c")] == [
        {"rh-source", "rh-d2"},
        {"rh-hedge", "rh-d1"},
    ]
    assert "rh-q" in may.parent.classes()
    assert "HEDGE · quoted voice, not in the author's score" in may.attrs["data-tip"]
    assert "HEDGE-WHY" in may.attrs["data-tip"] and "quotation rule" in may.attrs["data-tip"]
    # The quotation's underline keeps one level along the whole quote.
    assert {n.attrs["class"] for n in tree.find_all(cls="rh-wide")} == {"rh-c rh-source rh-d2 rh-wide"}
    # "claimed": both colours, both reasons.
    claimed = segs["claimed"]
    assert {c for n in claimed.find_all(cls="rh-c") for c in n.classes()} >= {"rh-hedge", "rh-source"}
    assert "CLAIM-HEDGE" in claimed.attrs["data-tip"] and "CLAIM-SOURCE" in claimed.attrs["data-tip"]


@pytest.mark.parametrize(
    "certainty,shown,fill",
    [
        (0.538, "+0.54", "rh-fill-absolute"),
        (-1 / 3, "−0.33", "rh-fill-hedge"),
        (0.0, "0.00", "rh-fill-hedge"),  # an empty bar
        (-0.001, "0.00", "rh-fill-hedge"),  # no "−0.00"
        (None, "–", "rh-fill-hedge"),
    ],
)
def test_margin_shows_scores_with_sign(certainty, shown, fill):
    scores = {"words": 40, "quoted_words": 7, "hedges": 2, "hedges_quoted": 1, "absolutes": 3, "emotive": 0}
    scores.update(sources=5, sources_quoted=2, certainty=certainty, hedge_weight=1.5, absolute_weight=2.25)
    data = {"doc_id": "m", "paragraphs": [{"para": 7, "kind": "body", "text": "x", "scores": scores}]}
    tree = parse(render_html(data)).root
    margin = tree.find_all("aside", "rh-margin")[0]
    cells = {n.attrs["data-score"]: n.text() for n in margin.iter() if "data-score" in n.attrs}
    assert cells == {
        "certainty": shown,
        "hedges": "2",
        "hedges_quoted": "1",
        "absolutes": "3",
        "absolutes_quoted": "–",  # missing from the data: shown as unknown, not as 0
        # emotive: 0 and unknown, a row of nothing, so no row
        "sources": "5",
        "sources_quoted": "2",
        "words": "40",
        "quoted_words": "7",
    }
    # In words, not "A = 2.25, H = 1.5"; numbered from 1 for people (para 7 is the 8th).
    assert "A = " not in margin.text() and "¶ 8 · body" in margin.text()
    assert "emotive" not in margin.text()
    verdict = margin.find_all("p", "rh-verdict")[0]
    assert verdict.text() == "Absolutes outweigh hedges: it leans towards sounding sure."
    assert verdict.attrs["title"] == "absolutes weigh 2.25, hedges 1.5 (author's words, reported speech included)"
    assert margin.find_all(cls=fill)


def test_margin_of_a_paragraph_without_cues_is_one_line():
    data = to_dict(fake_scores("A Headline\n\nIt may rain.", [{"para": 1, "find": "may"}]))
    tree = parse(render_html(data)).root
    head, body = tree.find_all("aside", "rh-margin")
    assert head.find_all("table") == [] and "No cues found · 2 words" in head.text()
    assert "¶ 1 · heading (headline)" in head.text()
    assert body.find_all("table", "rh-scores") and "No cues" not in body.text()


def test_printed_notes_are_short():
    quote = "“" + "word " * 30 + "end”"
    data = to_dict(
        fake_scores(
            f"He said {quote}.",
            [{"para": 0, "find": quote, "category": "source", "rule": "quotation", "explanation": "WHY"}],
        )
    )
    notes = parse(render_html(data)).root.find_all("ol", "rh-notes")[0].text()
    assert notes == "“word word word word word word word… = source, quotation rule: WHY"  # cut at a space


def test_printed_notes_are_numbered_and_explained():
    """On paper: one numbered note per cue, with its explanation; the cue carries its number."""
    scores = fake_scores(
        "It may rain, obviously.",
        [
            {"para": 0, "find": "may", "explanation": "May is a modal hedge."},
            {"para": 0, "find": "obviously", "category": "absolute", "explanation": "A booster."},
        ],
    )
    tree = parse(render_html(to_dict(scores))).root
    (notes,) = tree.find_all("ol", "rh-notes")
    assert [li.text() for li in notes.find_all("li")] == [
        "may = hedge, word list: May is a modal hedge.",
        "obviously = absolute, word list: A booster.",
    ]
    refs = {n.text(): n.attrs["data-ref"] for n in tree.find_all("span", "rh-seg") if "data-ref" in n.attrs}
    assert refs == {"may": "1", "obviously": "2"}
    # The number is generated content: the paragraph's text stays the text.
    assert row_texts(render_html(to_dict(scores))) == ["It may rain, obviously."]
    printed = CSS[CSS.index("@media print") :]
    assert "ol.rh-notes { display: block" in printed and "attr(data-ref)" in printed


def test_a_cue_spanning_pieces_is_numbered_once_at_its_end():
    scores = fake_scores(
        "He said “we may leave” today.",
        [
            {"para": 0, "find": "“we may leave”", "category": "source", "rule": "quotation"},
            {"para": 0, "find": "may", "voice": "quoted"},
        ],
    )
    tree = parse(render_html(to_dict(scores))).root
    refs = [(n.text(), n.attrs["data-ref"]) for n in tree.find_all("span", "rh-seg") if "data-ref" in n.attrs]
    assert refs == [("may", "2"), (" leave”", "1")]


@pytest.mark.parametrize(
    "absolute_weight,hedge_weight,verdict",
    [
        (0.0, 0.0, "No hedges or absolutes in the author's words."),
        (1.0, 0.0, "Only absolutes in the author's words: it sounds certain."),
        (0.0, 0.5, "Only hedges in the author's words: it sounds unsure."),
        (1.25, 0.5, "Absolutes outweigh hedges: it leans towards sounding sure."),
        (0.25, 1.0, "Hedges outweigh absolutes: it leans towards sounding unsure."),
        (0.5, 0.5, "Hedges and absolutes weigh the same: balanced."),
    ],
)
def test_margin_speaks_in_words(absolute_weight, hedge_weight, verdict):
    scores = {"words": 9, "hedges": 1, "sources": 1, "absolute_weight": absolute_weight}
    scores.update(hedge_weight=hedge_weight, certainty=certainty_index(absolute_weight, hedge_weight))
    data = {"doc_id": "m", "paragraphs": [{"para": 0, "kind": "body", "text": "x", "scores": scores}]}
    margin = parse(render_html(data)).root.find_all("aside", "rh-margin")[0]
    assert margin.find_all("p", "rh-verdict")[0].text() == verdict
    rows = [tr.find_all("th")[0].text() for tr in margin.find_all("tbody")[0].find_all("tr")]
    assert rows == ["hedges", "sources"]  # absolutes and emotive are 0 in both voices: hidden


# The lead's span columns, present or not: counted, voice_basis (and sense).
def with_columns(scores: Scores, **columns) -> Scores:
    """Add span columns given as lists (one value a row) to a fake Scores."""
    spans = scores.spans.copy()
    for k, v in columns.items():
        spans[k] = v
    return Scores(scores.doc_id, scores.document, scores.paragraphs, spans)


def test_cue_set_aside_is_shown_apart_with_its_reason():
    scores = with_columns(
        fake_scores(
            "It may rain in May.",
            [
                {"para": 0, "find": "may"},
                {"para": 0, "find": "May", "explanation": "May is the month here, not the modal: set aside."},
            ],
        ),
        counted=[True, False],
        sense=["epistemic", "month"],
    )
    data = to_dict(scores)
    assert [(c["text"], c["counted"], c["sense"]) for c in data["paragraphs"][0]["cues"]] == [
        ("may", True, "epistemic"),
        ("May", False, "month"),
    ]
    tree = parse(render_html(data)).root
    segs = {n.text(): n for n in tree.find_all("span", "rh-seg") if "tabindex" in n.attrs}
    # Counted: coloured. Set aside: faint, no category colour, and says why.
    assert [n.classes() for n in segs["may"].find_all(cls="rh-c")] == [{"rh-c", "rh-hedge", "rh-d1"}]
    (aside,) = segs["May"].find_all(cls="rh-c")
    assert aside.classes() == {"rh-c", "rh-setaside", "rh-d1"} and aside.attrs["data-setaside"] == "hedge"
    tip = segs["May"].attrs["data-tip"]
    assert tip.startswith("SET ASIDE · looked like a hedge · set aside, not counted")
    assert "Sense: month." in tip and "the month here, not the modal" in tip
    notes = [li.text() for li in tree.find_all("ol", "rh-notes")[0].find_all("li")]
    assert notes[1] == (
        "May = hedge, word list “may” (set aside, not counted): May is the month here, not the modal: set aside."
    )
    margin = tree.find_all("aside", "rh-margin")[0]
    assert margin.find_all("p", "rh-setaside-note")[0].text() == (
        "1 word weighed and set aside, shown faint and not counted: “May”."
    )
    assert ".rh-c.rh-setaside" in CSS


def test_without_the_new_columns_every_cue_counts():
    data = to_dict(fake_scores("It may rain.", [{"para": 0, "find": "may"}]))
    cue = data["paragraphs"][0]["cues"][0]
    assert (cue["counted"], cue["voice_basis"]) == (True, "")
    page = render_html(data)
    assert 'class="rh-setaside-note"' not in page and 'class="rh-inferred"' not in page
    assert "data-setaside" not in page


@pytest.mark.parametrize(
    "basis,said",
    [
        ("lead_in", "the words after a lead-in such as “he said:”"),
        ("unmatched_close", "the words before a closing quotation mark that has no opening one"),
        (
            "reported_speech",
            "reported speech (“he said that …”), someone else's claim in the author's words; "
            "its hedges and absolutes weigh in the certainty index",
        ),
        ("aligned_origin", "words that match the original report, reproduced without quotation marks"),
        ("aligned_other", "words that match what the original quoted from someone else"),
    ],
)
def test_inferred_voice_is_said(basis, said):
    scores = with_columns(
        fake_scores(
            "Mattis said:\n\nWe will surely annihilate them.",
            [{"para": 1, "find": "surely", "category": "absolute", "voice": "quoted"}],
        ),
        voice_basis=[basis],
    )
    data = to_dict(scores)
    tree = parse(render_html(data)).root
    (seg,) = [n for n in tree.find_all("span", "rh-seg") if n.text() == "surely"]
    assert f"Voice inferred, not marked by quotation marks: {said}." in seg.attrs["data-tip"]
    margins = tree.find_all("aside", "rh-margin")
    assert margins[0].find_all("p", "rh-inferred") == []
    (note,) = margins[1].find_all("p", "rh-inferred")
    assert note.text() == f"Some words heard as a quoted voice although no quotation marks say so ({said})."
    assert f"voice inferred: {said}" in tree.find_all("ol", "rh-notes")[0].text()


@pytest.mark.parametrize("basis", ["quote_marks", "block_quote", ""])
def test_voice_from_quotation_marks_needs_no_remark(basis):
    scores = with_columns(
        fake_scores("He said “we may go”.", [{"para": 0, "find": "may", "voice": "quoted"}]),
        voice_basis=[basis],
    )
    page = render_html(to_dict(scores))
    assert "Voice inferred" not in page and 'class="rh-inferred"' not in page


def test_inferred_quoted_words_from_the_paragraph_table():
    scores = fake_scores("Mattis said:\n\nWe will annihilate them.")
    paragraphs = scores.paragraphs.copy()
    paragraphs["inferred_quoted_words"] = [0, 4]
    data = to_dict(Scores(scores.doc_id, scores.document, paragraphs, scores.spans))
    assert data["paragraphs"][1]["scores"]["inferred_quoted_words"] == 4
    margin = parse(render_html(data)).root.find_all("aside", "rh-margin")[1]
    assert margin.find_all("p", "rh-inferred")[0].text() == (
        "4 words heard as a quoted voice although no quotation marks say so (no quotation marks)."
    )


def test_legend_and_howto():
    page = benign_page()
    tree = parse(page).root
    legend = tree.find_all("ul", "rh-legend")[0]
    for item in LEGEND:
        assert item["label"] in legend.text() and html.unescape(html.escape(item["meaning"])) in legend.text()
    assert [
        n.classes() & {"rh-hedge", "rh-absolute", "rh-emotive", "rh-source"}
        for n in legend.find_all(cls="rh-c")
    ] == [
        {"rh-hedge"},
        {"rh-absolute"},
        {"rh-emotive"},
        {"rh-source"},
    ]
    (details,) = tree.find_all("details", "rh-howto")
    howto = details.text()
    assert "open" in details.attrs  # open on the page (and so printed), folded in a notebook
    assert (
        "open" not in parse(render_html({}, standalone=False)).root.find_all("details", "rh-howto")[0].attrs
    )
    assert "(A − H) / (A + H + 1)" in howto and "quotation marks" in howto


def test_several_documents_one_page():
    a = to_dict(fake_scores("First doc.", doc_id="a"))
    b = to_dict(fake_scores("Second doc.", doc_id="b"))
    tree = parse(render_html([a, b])).root
    assert [s.attrs["data-doc"] for s in tree.find_all("section", "rh-doc")] == ["a", "b"]
    assert len(tree.find_all("ul", "rh-legend")) == 1


# ---------------------------------------------------------------------------
# Step 3: highlight()
# ---------------------------------------------------------------------------


class FakeAnalyzer:
    def __init__(self, cues=()):
        self.cues = cues
        self.calls = []

    def score(self, text, doc_id="doc"):
        self.calls.append((text, doc_id))
        return fake_scores(text, self.cues, doc_id=doc_id, markup="markdown")


def test_highlight_string_and_scores():
    fa = FakeAnalyzer([{"para": 0, "find": "may"}])
    out = highlight("It may rain.", analyzer=fa, doc_id="cell")
    assert fa.calls == [("It may rain.", "cell")]
    assert isinstance(out, HighlightHTML) and isinstance(out, str)
    assert out.startswith("<!DOCTYPE html>") and out.page == str(out) and type(out.page) is str
    assert out._repr_html_().startswith('<div class="rhetoric-hl">')
    assert out.data["doc_id"] == "cell"
    # The fragment and the page show the same content.
    assert row_texts(out._repr_html_()) == row_texts(out.page) == ["It may rain."]
    again = highlight(
        fake_scores("It may rain.", [{"para": 0, "find": "may"}], doc_id="cell", markup="markdown")
    )
    assert str(again) == str(out)
    assert (
        rhetoric.highlight is highlight
        and rhetoric.render_html is render_html
        and rhetoric.to_dict is to_dict
    )


def test_highlight_save(tmp_path):
    out = highlight(fake_scores("It may rain."))
    path = out.save(tmp_path / "r.html")
    assert path.read_text(encoding="utf-8") == out.page


def test_highlight_rejects_other_types():
    with pytest.raises(TypeError, match="cannot highlight a int"):
        highlight(3)


# ---------------------------------------------------------------------------
# With the real model
# ---------------------------------------------------------------------------

SEED = "002_23b412affb72eb31.txt"


def data_certainty(data: dict, para: int) -> float:
    return data["paragraphs"][para]["scores"]["certainty"]


@pytest.mark.slow
def test_seed_report(analyzer, raqqa_dir):
    scores = analyzer.score_file(raqqa_dir / SEED)
    out = highlight(scores)
    tree = parse(out.page).root
    # "filthy" is an emotive highlight that explains itself on hover.
    (filthy,) = [n for n in tree.find_all("span", "rh-seg") if n.text() == "filthy"]
    assert any("rh-emotive" in n.classes() for n in filthy.find_all(cls="rh-c"))
    explanation = scores.spans.loc[scores.spans["text"] == "filthy", "explanation"].item()
    assert explanation in filthy.attrs["data-tip"] and "EMOTIVE · author's voice" in filthy.attrs["data-tip"]
    # Every paragraph's margin shows the same counts as scores.paragraphs.
    rows = {int(r.attrs["data-para"]): r for r in tree.find_all("div", "rh-row")}
    assert sorted(rows) == scores.paragraphs["para"].tolist()
    keys = [f"{k}{v}" for k in ("hedges", "absolutes", "emotive", "sources") for v in ("", "_quoted")]
    for _, p in scores.paragraphs.iterrows():
        margin = rows[p["para"]].find_all("aside", "rh-margin")[0]
        cells = {n.attrs["data-score"]: n.text() for n in margin.iter() if "data-score" in n.attrs}
        # A paragraph without cues has a one-line margin; a kind of cue with none in
        # either voice has no row: both read as 0, and a hidden non-zero would fail here.
        assert {k: int(cells.get(k, 0)) for k in keys} == {k: p[k] for k in keys}
        assert int(cells["words"]) == p["words"]
        assert cells["certainty"].replace("−", "-") in (f"{p['certainty']:+.2f}", "0.00")
        assert data_certainty(out.data, p["para"]) == round(p["certainty"], 2)
    # And the text is all there.
    assert row_texts(out.page) == [p.text for p in scores.document.paragraphs]


@pytest.mark.slow
def test_highlight_a_string(analyzer):
    out = rhetoric.highlight("It may rain. “Obviously,” he said.", analyzer=analyzer)
    data = out.data["paragraphs"][0]
    cues = {(c["text"], c["category"], c["voice"]) for c in data["cues"]}
    assert ("may", "hedge", "author") in cues and ("Obviously", "absolute", "quoted") in cues


@pytest.mark.slow
def test_cli_html(raqqa_dir, tmp_path, capsys):
    from rhetoric.cli import main

    out = tmp_path / "sub" / "report.html"
    assert main(["html", str(raqqa_dir / "003_8e398962ef508d64.txt"), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "US rescue of ISIS in Raqqa exposed" in page
    assert "wrote 1 highlighted document(s)" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_html_rejects_binary(tmp_path, capsys):
    from rhetoric.cli import main

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\x03binary")
    out = tmp_path / "report.html"
    assert main(["html", str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("rhetoric: error:") and "looks like a binary file" in err
    assert not out.exists()


@pytest.mark.slow
def test_cli_html_stdin_to_stdout(monkeypatch, capsys):
    import io
    import sys

    from rhetoric.cli import main

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"It may rain. <b>Obviously</b>.")))
    assert main(["html", "-"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and row_texts(page) == ["It may rain. Obviously."]


def test_a_quotation_the_author_made_says_it_counts_as_the_authors_source():
    """Its words are the speaker's (quoted voice), but quoting them is the author's sourcing."""
    scores = fake_scores(
        "He said “we may leave” today.",
        [
            {"para": 0, "find": "“we may leave”", "category": "source", "rule": "quotation", "entry": "",
             "voice": "quoted", "voice_basis": "quote_marks"},
            {"para": 0, "find": "may", "voice": "quoted", "voice_basis": "quote_marks"},
        ],
    )
    tree = parse(render_html(to_dict(scores))).root
    tip = next(n for n in tree.find_all("span", "rh-seg") if n.text() == "may").attrs["data-tip"]
    assert "SOURCE · the speaker's words; quoting them counts as the author's source" in tip
    assert "HEDGE · quoted voice, not in the author's score" in tip
    why = [li.text() for li in tree.find_all("li") if "we may leave" in li.text()]
    assert any("the speaker's words, counted as the author's source" in t for t in why)
