"""The certainty diff: what a copy changed in the original's cues (rhetoric.diff, rhetoric.diffpage)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from rhetoric.diff import CHANGE_COLUMNS, CHANGE_KINDS, change_rates, diff_scores, diff_texts
from rhetoric.diffpage import render_diff_html, to_diff_dict

# (name, original, derived, expected changes as (change, cue text)).
# The cue text is the derived text for an added cue, the original's for a dropped one.
CASES = [
    (
        "hedge_dropped: an approximator cut",
        "The convoy carried around 4,000 people out of the city that night.",
        "The convoy carried 4,000 people out of the city that night.",
        [("hedge_dropped", "around")],
    ),
    (
        "hedge_added",
        "The convoy carried 4,000 people out of the city that night.",
        "The convoy probably carried 4,000 people out of the city that night.",
        [("hedge_added", "probably")],
    ),
    (
        "absolute_added: a booster slipped in",
        "The convoy carried 4,000 people out of the city that night.",
        "The convoy clearly carried 4,000 people out of the city that night.",
        [("absolute_added", "clearly")],
    ),
    (
        "absolute_dropped",
        "The fighters always took their weapons with them when they left a city.",
        "The fighters took their weapons with them when they left a city.",
        [("absolute_dropped", "always")],
    ),
    (
        "emotive_added",
        "The coalition made a deal with the fighters to leave the city.",
        "The coalition made a shameful deal with the fighters to leave the city.",
        [("emotive_added", "shameful")],
    ),
    (
        "emotive_dropped",
        "The coalition made a shameful deal with the fighters to leave the city.",
        "The coalition made a deal with the fighters to leave the city.",
        [("emotive_dropped", "shameful")],
    ),
    (
        # The copy ends the sentence where the original's goes on: the rest of it was cut.
        "source_dropped: an attribution cut at the end of the sentence",
        "The convoy was six to seven kilometres long, one lorry driver tells us. It left at night.",
        "The convoy was six to seven kilometres long. It left at night.",
        [("source_dropped", "tells")],
    ),
    (
        "source_dropped: a named source",
        "The convoy was six kilometres long, according to Ryan Dillon, a coalition spokesman.",
        "The convoy was six kilometres long, according to a coalition spokesman.",
        [("source_dropped", "Ryan Dillon")],
    ),
    (
        "source_dropped: a quotation's marks",
        "“We didn't want anyone to leave,” says Abu Fawzi, who drove one of the lorries.",
        "We didn't want anyone to leave, says Abu Fawzi, who drove one of the lorries.",
        [("source_dropped", "“We didn't want anyone to leave,”")],
    ),
    (
        "source_added",
        "The convoy left the city at night with hundreds of fighters.",
        "The convoy left the city, according to officials, at night with hundreds of fighters.",
        [("source_added", "according to"), ("source_added", "officials")],
    ),
    (
        # The original's sentence ends; the copy adds a short clause to it.
        "source_added: an attribution clause at the end of the sentence",
        "The convoy left the city at night with hundreds of fighters. It reached the desert.",
        "The convoy left the city at night with hundreds of fighters, one driver says. It reached the desert.",
        [("source_added", "says")],
    ),
    (
        "replaced: a dropped and an added hedge, one edit",
        "The convoy carried almost 4,000 people out of the city that night.",
        "The convoy carried nearly 4,000 people out of the city that night.",
        [("hedge_dropped", "almost"), ("hedge_added", "nearly")],
    ),
    (
        "replaced: a hedge by a booster",
        "The deal to save Raqqa may have been worth it in the end.",
        "The deal to save Raqqa was certainly worth it in the end.",
        [("hedge_dropped", "may"), ("absolute_added", "certainly")],
    ),
    # Non-changes.
    (
        "verbatim",
        "The deal to save Raqqa may have been worth it, officials say.",
        "The deal to save Raqqa may have been worth it, officials say.",
        [],
    ),
    (
        "moved: a hedge in another place of the sentence",
        "Reportedly, the convoy left the city at night with hundreds of fighters.",
        "The convoy reportedly left the city at night with hundreds of fighters.",
        [],
    ),
    (
        "re-cased: the same booster in capitals",
        "The convoy left. Clearly, the deal was made to save the city from ruin.",
        "The convoy left. CLEARLY, the deal was made to save the city from ruin.",
        [],
    ),
    (
        "another tense of the same attribution",
        "The convoy left the city at night with hundreds of fighters, one driver says.",
        "The convoy left the city at night with hundreds of fighters, one driver said.",
        [],
    ),
    (
        # Outside the stretch: the author's own sentence, not an edit of the original.
        "commentary before the passage",
        "The convoy left the city at night with hundreds of fighters.",
        "Obviously the BBC lied. The convoy left the city at night with hundreds of fighters.",
        [],
    ),
    (
        # The copy quoting the original: a quotation around the stretch is framing.
        "the copy quotes the passage",
        "The convoy left the city at night with hundreds of fighters.",
        "“The convoy left the city at night with hundreds of fighters,” the BBC reported.",
        [],
    ),
    (
        # Each side has its own extra sentence (the original's cut whole, the copy's own): no edit.
        "a sentence cut whole and one of the copy's own",
        "The convoy left at night. Officials say it may have carried weapons. It reached the desert by dawn.",
        "The convoy left at night. This was clearly a shameful cover-up. It reached the desert by dawn.",
        [],
    ),
]


@pytest.fixture(scope="module")
def diffs(analyzer):
    return {name: diff_texts(o, d, analyzer=analyzer) for name, o, d, _ in CASES}


@pytest.mark.parametrize("name,original,derived,expected", CASES, ids=[c[0] for c in CASES])
def test_change_table(diffs, name, original, derived, expected):
    t = diffs[name].changes
    got = [(r.change, r.text or r.origin_text) for r in t.itertuples()]
    assert sorted(got) == sorted(expected)


@pytest.mark.parametrize("name,original,derived,expected", CASES, ids=[c[0] for c in CASES])
def test_offsets_and_points(diffs, name, original, derived, expected):
    for r in diffs[name].changes.itertuples():
        assert derived[r.start : r.end] == r.text
        assert original[r.origin_start : r.origin_end] == r.origin_text
        if r.change.endswith("_dropped"):
            assert r.text == "" and r.start == r.end
        else:
            assert r.origin_text == "" and r.origin_start == r.origin_end


def test_dropped_cue_sits_where_it_would_have_been(diffs):
    t = diffs["hedge_dropped: an approximator cut"].changes
    r = t.iloc[0]
    derived = "The convoy carried 4,000 people out of the city that night."
    assert r["start"] == derived.index("4,000")
    assert r["origin_start"] == 19 and r["origin_end"] == 25
    assert r["explanation"] == (
        "the original said 'convoy carried around 4,000'; this copy drops 'around' "
        "(a hedge, which makes a claim sound less sure)"
    )


def test_replaced_cue_shares_an_edit(diffs):
    t = diffs["replaced: a dropped and an added hedge, one edit"].changes
    assert list(t["change"]) == ["hedge_dropped", "hedge_added"]
    assert t["edit"].nunique() == 1
    assert "in its place it has 'nearly'" in t["explanation"].iloc[0]
    assert "the original said 'convoy carried almost 4,000'" in t["explanation"].iloc[1]


def test_separate_edits_have_separate_ids(analyzer):
    t = diff_texts(
        "Around 4,000 people left the city that night, and the deal may have been worth it.",
        "4,000 people left the city that night, and the deal was certainly worth it.",
        analyzer=analyzer,
    ).changes
    by_edit = t.groupby("edit")["change"].apply(sorted).tolist()
    assert by_edit == [["hedge_dropped"], ["absolute_added", "hedge_dropped"]]


def test_quotation_explanation_names_the_marks(diffs):
    t = diffs["source_dropped: a quotation's marks"].changes
    assert "in quotation marks" in t["explanation"].iloc[0] and t["rule"].iloc[0] == "quotation"


def test_columns_and_kinds(diffs):
    t = diffs["hedge_added"].changes
    assert list(t.columns) == CHANGE_COLUMNS
    assert {r.change for d in diffs.values() for r in d.changes.itertuples()} == set(CHANGE_KINDS)


def test_raw_offsets_in_markup(analyzer):
    original = "The convoy carried 4,000 people out of the city that night."
    derived = "The convoy **clearly** carried 4,000 people out of the city that night."
    t = diff_texts(original, derived, analyzer=analyzer).changes
    assert list(t["change"]) == ["absolute_added"]
    assert derived[t["start"].iloc[0] : t["end"].iloc[0]] == "clearly"


def test_counted_false_is_left_out(analyzer):
    """A cue the scorer considered and set aside (counted False) is no change."""
    o = analyzer.score("The convoy carried 4,000 people out of the city that night.", doc_id="o")
    d = analyzer.score("The convoy clearly carried 4,000 people out of the city that night.", doc_id="d")
    assert len(diff_scores(o, d).changes) == 1
    d.spans = d.spans.assign(counted=d.spans["category"] != "absolute")
    assert len(diff_scores(o, d).changes) == 0


def test_unaligned_text_has_no_stretch(analyzer):
    r = diff_texts(
        "The convoy left the city at night.",
        "Completely different words here, nothing shared.",
        analyzer=analyzer,
    )
    assert r.changes.empty and r.stretches.empty


def test_public_name(analyzer):
    import rhetoric

    t = rhetoric.diff(
        "The convoy carried around 4,000 people out of the city that night.",
        "The convoy carried 4,000 people out of the city that night.",
        analyzer=analyzer,
    )
    assert list(t["change"]) == ["hedge_dropped"]
    assert "diff" in rhetoric.__all__


def test_readme_example(analyzer):
    """The README's diff example prints what the README says it prints."""
    t = diff_texts(
        "The convoy carried around 4,000 people out of the city, one lorry driver tells us.",
        "The convoy clearly carried 4,000 people out of the city.",
        analyzer=analyzer,
    ).changes
    assert t[["change", "text", "start", "end", "origin_text", "origin_start", "edit"]].values.tolist() == [
        ["absolute_added", "clearly", 11, 18, "", 11, 1],
        ["hedge_dropped", "", 27, 27, "around", 19, 2],
        ["source_dropped", "", 56, 56, "tells", 73, 3],
    ]
    assert t["explanation"][1] == (
        "the original said 'convoy carried around 4,000'; this copy drops 'around' "
        "(a hedge, which makes a claim sound less sure)"
    )


def test_change_rates():
    changes = pd.DataFrame(
        {"doc_id": ["a", "a", "b"], "change": ["hedge_dropped", "hedge_dropped", "source_added"]}
    )
    stretches = pd.DataFrame(
        {"doc_id": ["a", "a", "b", "c"], "para": [0, 1, 0, 0], "words": [100, 100, 50, 10]}
    )
    r = change_rates(changes, stretches).set_index("doc_id")
    assert r.loc["a", "hedge_dropped"] == 2 and r.loc["a", "hedge_dropped_per_100"] == 1.0
    assert r.loc["b", "source_added_per_100"] == 2.0
    assert r.loc["c", "changes"] == 0 and r.loc["c", "words"] == 10


# -- the page ---------------------------------------------------------------------------

NASTY = '<script>alert("x")</script> & “fighters” <b>left</b>'


def test_page_escapes_every_fragment():
    """Every piece of text from the data (texts, cues, explanations, titles) is escaped."""
    data = {
        "doc_id": '<img src=x onerror="y">',
        "title": "<i>t</i>",
        "origin_title": "<u>o</u>",
        "counts": {"hedge_dropped": 1},
        "words": 3,
        "pairs": [
            {
                "para": "<p>",
                "left": [{"para": 0, "segments": [{"text": NASTY, "outside": False, "marks": [
                    {"change": "hedge_dropped", "edit": 1, "last": True}]}]}],
                "right": {"segments": [{"ghost": True, "text": NASTY, "change": '"><x>', "edit": 1},
                                       {"text": NASTY, "outside": True, "marks": []}]},
                "changes": [{"edit": 1, "change": "<k>", "text": NASTY, "explanation": NASTY}],
            }
        ],
    }  # fmt: skip
    page = render_diff_html(data)
    body = page.split("<body>")[1]
    for bad in ("<script", "<img", "<i>t", "<u>o", "<b>left", "<x>", "<k>", '"<p>"'):
        assert bad not in body, bad
    assert body.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; “fighters”") == 4
    assert "&lt;img src=x onerror=&quot;y&quot;&gt;" in body


def test_page_of_a_text_with_markup_characters(analyzer):
    d = diff_texts(
        "The convoy & its fighters carried around 4,000 people out of the city that night.",
        "The convoy & its fighters carried 4,000 people out of the city that night.",
        analyzer=analyzer,
    )
    page = d.to_html(title="a < b")
    assert "convoy &amp; its" in page and "a &lt; b" in page and "convoy & its" not in page


def test_page_is_offline_and_printable(analyzer):
    d = diff_texts(
        "The convoy carried around 4,000 people out of the city that night.",
        "The convoy clearly carried 4,000 people out of the city that night.",
        analyzer=analyzer,
    )
    page = d.to_html()
    assert not re.search(r"<script|<link|src=|href=|@import|url\(", page)
    assert "default-src 'none'" in page and "@media print" in page
    # The counts at the top, each kind.
    assert '<td data-count="hedge_dropped">1</td>' in page
    assert '<td data-count="absolute_added">1</td>' in page
    assert '<td data-count="source_dropped" class="dx-zero">0</td>' in page
    # Marked in both columns: struck through on the left, a ghost on the right; and the reverse.
    left, right = page.split('<div class="dx-right">')
    assert re.search(r'<del class="dx-mark dx-hedge"[^>]*>around</del>', left)
    assert re.search(r'class="dx-ghost"[^>]*>‸<del class="dx-mark dx-hedge">around</del>', right)
    assert re.search(r'<ins class="dx-mark dx-absolute"[^>]*>clearly</ins>', right)
    assert re.search(r'class="dx-ghost"[^>]*>‸<ins class="dx-mark dx-absolute">clearly</ins>', left)


def test_exercise_page_has_no_marks(analyzer):
    d = diff_texts(
        "The convoy carried around 4,000 people out of the city that night.",
        "The convoy clearly carried 4,000 people out of the city that night.",
        analyzer=analyzer,
    )
    page = d.to_html(marks=False)
    assert "Find what changed" in page
    assert "<del" not in page.split("</header>")[1] and "<ins" not in page.split("</header>")[1]
    assert "data-count" not in page and "around" in page and "clearly" in page


def test_to_diff_dict_is_json_and_segments_rebuild_the_text():
    changes = pd.DataFrame(
        [
            {"change": "hedge_dropped", "para": 0, "origin_para": 0, "edit": 1, "text": "", "origin_text": "around",
             "para_start": 4, "para_end": 4, "origin_para_start": 4, "origin_para_end": 10, "rule": "lexicon",
             "explanation": "x"},
        ]
    )  # fmt: skip
    stretches = pd.DataFrame(
        [{"para": 0, "origin_para": 0, "origin_para_last": 0, "para_start": 0, "para_end": 13,
          "origin_para_start": 0, "origin_para_end": 20, "words": 3}]
    )  # fmt: skip
    data = to_diff_dict(changes, stretches, {0: "Some 4,000 left"}, {0: "Some around 4,000 left"})
    json.dumps(data)
    right = data["pairs"][0]["right"]["segments"]
    assert "".join(s["text"] for s in right if not s.get("ghost")) == "Some 4,000 left"
    assert [s["text"] for s in right if s.get("ghost")] == ["around"]
    assert right[-1]["outside"] is True  # "ft" lies after the stretch's end
    page = render_diff_html(data)
    assert page.count('<sup class="dx-n">1</sup>') == 2


# -- the command ------------------------------------------------------------------------


@pytest.fixture()
def pair(tmp_path):
    o = tmp_path / "original.txt"
    d = tmp_path / "copy.md"
    o.write_text("The convoy carried around 4,000 people out of the city that night.\n", encoding="utf-8")
    d.write_text(
        "The convoy **clearly** carried 4,000 people out of the city that night.\n", encoding="utf-8"
    )
    return o, d


def test_cli_table_csv(pair, tmp_path, capsys):
    from rhetoric.cli import main

    out = tmp_path / "changes.csv"
    assert main(["diff", str(pair[0]), str(pair[1]), "-o", str(out)]) == 0
    t = pd.read_csv(out, keep_default_na=False)
    # In the copy's order: "clearly" comes before the point where "around" was.
    assert list(t["change"]) == ["absolute_added", "hedge_dropped"]
    raw = pair[1].read_text(encoding="utf-8")
    assert raw[t["start"][0] : t["end"][0]] == "clearly"
    assert "2 changes" in capsys.readouterr().err


def test_cli_jsonl_stdout(pair, capsys):
    from rhetoric.cli import main

    assert main(["diff", str(pair[0]), str(pair[1]), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["change"] for r in rows] == ["absolute_added", "hedge_dropped"]
    assert rows[1]["origin_text"] == "around" and rows[1]["text"] == ""


def test_cli_html(pair, tmp_path):
    from rhetoric.cli import main

    out = tmp_path / "page.html"
    assert main(["diff", str(pair[0]), str(pair[1]), "--html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<td data-count="absolute_added">1</td>' in page


def test_cli_missing_file(tmp_path, capsys):
    from rhetoric.cli import main

    assert main(["diff", str(tmp_path / "nope.txt"), str(tmp_path / "nope2.txt")]) == 2
    assert "nope.txt" in capsys.readouterr().err


# -- the corpus ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def raqqa(analyzer, raqqa_dir):
    from rhetoric.corpus import Corpus

    return Corpus.from_manifest(raqqa_dir / "manifest.yaml").score(analyzer)


@pytest.mark.slow
def test_corpus_changes_table(raqqa, raqqa_dir):
    from rhetoric.text import read_file

    ch, st = raqqa.changes, raqqa.stretches
    assert set(CHANGE_COLUMNS) <= set(ch.columns) and "provenance" in ch and "hops" in ch
    # Every article with a file reproduces some of the original; the original itself is not diffed.
    assert set(st["doc_id"]) == {"zuesse-2017", "chossudovsky-2021", "anon-trump-deal", "vanauken-wsws-2017",
                                 "anon-sommerville-dalati"}  # fmt: skip
    assert set(ch["change"]) <= set(CHANGE_KINDS)
    docs = raqqa.documents.set_index("doc_id")["source"]
    raws = {d: read_file(docs[d]).raw for d in [*set(ch["doc_id"]), "bbc"]}
    for r in ch.itertuples():
        assert raws[r.doc_id][r.start : r.end] == r.text
        assert raws["bbc"][r.origin_start : r.origin_end] == r.origin_text
    # Most of the Raqqa copies are verbatim: few changes per reproduced word.
    assert len(ch) < 0.05 * st["words"].sum()


@pytest.mark.slow
def test_corpus_export_writes_changes_and_pages(raqqa, tmp_path):
    from rhetoric.corpus import export

    files = export(raqqa, tmp_path, charts=False)
    names = {p.relative_to(tmp_path).as_posix() for p in files}
    assert {"changes.csv", "changes.parquet", "stretches.csv", "diff/zuesse-2017.html"} <= names
    assert len(pd.read_csv(tmp_path / "changes.csv")) == len(raqqa.changes)
    page = (tmp_path / "diff" / "anon-sommerville-dalati.html").read_text(encoding="utf-8")
    assert (
        "What changed" in page
        and page.count('class="dx-pair"') == (raqqa.stretches["doc_id"] == "anon-sommerville-dalati").sum()
    )


@pytest.mark.parametrize(
    "original,derived",
    [
        (
            "The convoy carried around 4,000 people out of the city that night.",
            "The convoy obvi\u200bously carried 4,000 people out of the city that night.",
        ),
        (
            "Ｔｈｅ convoy 🚚 carried 4,000 people out of the city that night.",
            "Ｔｈｅ convoy 🚚 clearly carried 4,000 people out of the city that night.",
        ),
        (
            "The convoy carried 4,000 people out of the city that night.\u2028It left.",
            "\ufeffThe convoy carried 4,000 people out of the city that night.",
        ),
    ],
    ids=["zero-width", "full-width and emoji", "odd separators"],
)
def test_odd_unicode_does_not_crash(analyzer, original, derived):
    t = diff_texts(original, derived, analyzer=analyzer).changes
    for r in t.itertuples():
        assert derived[r.start : r.end] == r.text
    assert set(t["change"]) <= set(CHANGE_KINDS)
