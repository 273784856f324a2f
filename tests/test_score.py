"""The Analyzer: the table contract, the certainty index, the seeds, bad input."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import rhetoric
from rhetoric import PARAGRAPH_COLUMNS, SPAN_COLUMNS, Analyzer, InputError, certainty_index, concat
from rhetoric import score as score_mod

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "a,h,expected",
    [(0, 0, 0.0), (1, 0, 0.5), (0, 1, -0.5), (2, 0, 2 / 3), (1, 1, 0.0), (0.25, 0, 0.2)],
)
def test_certainty_index(a, h, expected):
    assert certainty_index(a, h) == pytest.approx(expected)


def test_contract_columns(analyzer):
    s = analyzer.score("Obviously it was a lie.\n\nThey may have left, officials said.", doc_id="d1")
    required = [
        "doc_id",
        "para",
        "start",
        "end",
        "kind",
        "words",
        "hedges",
        "absolutes",
        "emotive",
        "sources",
        "quoted_words",
        "certainty",
    ]
    assert all(c in s.paragraphs.columns for c in required)
    assert list(s.paragraphs.columns) == PARAGRAPH_COLUMNS
    assert list(s.spans.columns) == SPAN_COLUMNS
    assert {c for c in s.spans.columns} >= {"doc_id", "para", "start", "end", "text", "category", "voice"}
    assert s.doc_id == "d1" and set(s.paragraphs["doc_id"]) == {"d1"}


def test_scores_of_a_small_text(analyzer):
    text = (
        "Obviously it was a filthy lie.\n\nThey may have left, officials said. “It is clearly over,” he said."
    )
    s = analyzer.score(text, doc_id="t")
    p = s.paragraphs.set_index("para")
    assert p.loc[0, ["hedges", "absolutes", "emotive", "sources"]].tolist() == [0, 1, 2, 0]
    assert p.loc[0, "certainty"] == pytest.approx(0.5)
    # Paragraph 1: "may" sits in the clause the officials' "said" governs, so it is their hedge,
    # reported (voice quoted); "officials said" credits an office, which is attribution, not a
    # weasel; the quoted speaker boosts ("clearly"). The author neither hedges nor boosts in
    # their own voice, but the paraphrase keeps the officials' "may": the index weighs it
    # (hedge weight 1, so -1 / 2), while the quotation's "clearly" stays out.
    assert p.loc[1, ["hedges", "hedges_quoted", "absolutes", "absolutes_quoted"]].tolist() == [0, 1, 0, 1]
    assert p.loc[1, ["hedge_weight", "absolute_weight"]].tolist() == [1.0, 0.0]
    assert p.loc[1, "certainty"] == pytest.approx(-0.5)
    assert p.loc[1, "quoted_words"] == 4 and p.loc[1, "words"] == 12
    assert p.loc[1, "hedges_per_100"] == pytest.approx(0.0)
    assert p.loc[1, ["attributions", "quotations"]].tolist() == [3, 1]  # said, officials, said
    for r in s.spans.itertuples():
        assert text[r.start : r.end] == r.text


def test_offsets_map_through_markup(analyzer):
    text = "It was **obviously** a [filthy lie](https://example.org/x).\n\nNext &amp; last, *perhaps*."
    s = analyzer.score(text, doc_id="m")
    got = {(r.text, r.category) for r in s.spans.itertuples()}
    assert {
        ("obviously", "absolute"),
        ("filthy", "emotive"),
        ("lie", "emotive"),
        ("perhaps", "hedge"),
        ("filthy lie", "source"),
    } <= got
    for r in s.spans.itertuples():
        assert text[r.start : r.end] == r.text


def test_boilerplate_is_labelled_not_scored(analyzer):
    s = analyzer.score(
        "A Headline Here\n\nBy Jane Roe\n\nIt obviously happened.\n\nCopyright © 2017 Obviously Inc.",
        doc_id="b",
    )
    p = s.paragraphs
    assert p["kind"].tolist() == ["heading", "boilerplate", "body", "boilerplate"]
    assert p["boilerplate"].tolist() == ["headline", "byline", "", "copyright"]
    assert p.loc[p.kind == "boilerplate", ["hedges", "absolutes", "emotive", "sources"]].to_numpy().sum() == 0
    assert math.isnan(p.loc[3, "certainty"])
    assert set(s.spans["para"]) == {2}


def test_score_many_streams_in_order(analyzer):
    items = [("It may rain.", "a"), ("Clearly it rained.", "b"), ("By Jane Roe", "c")]
    results = list(analyzer.score_many(items, batch_size=2))
    assert [r.doc_id for r in results] == ["a", "b", "c"]
    paras, spans = concat(results)
    assert paras["doc_id"].tolist() == ["a", "b", "c"]
    assert spans["doc_id"].tolist() == ["a", "b"]


def test_score_many_accepts_paths_and_documents(analyzer, tmp_path):
    f = tmp_path / "one.md"
    f.write_text("It *may* rain.", encoding="utf-8")
    doc = rhetoric.read_document("Clearly.", "two")
    assert [r.doc_id for r in analyzer.score_many([f, doc])] == ["one", "two"]
    with pytest.raises(TypeError, match="cannot score a int"):
        list(analyzer.score_many([3]))


def test_long_paragraph_is_parsed_in_pieces(analyzer, monkeypatch):
    monkeypatch.setattr(score_mod, "MAX_CHUNK", 200)
    sentence = "The convoy obviously left. It may return. "
    text = sentence * 40
    pieces = score_mod._chunks(text)
    assert len(pieces) == 9 and all(e - s <= 200 for s, e in pieces)
    assert all(text[e - 1] == "." for _, e in pieces[:-1])  # cut at sentence ends
    s = analyzer.score(text, doc_id="long")
    assert len(s.paragraphs) == 1
    assert s.paragraphs.loc[0, ["hedges", "absolutes"]].tolist() == [40, 40]
    for r in s.spans.itertuples():
        assert text[r.start : r.end] == r.text


@pytest.mark.parametrize(
    "text",
    [
        "Zero\u200bwidth obvi\u200bously and e\u0301 and \u202eRTL\u202c text.",
        "مرحبا بالعالم. It may be so. שלום",
        "🙂🙂 Clearly 🙂 a lie.",
        "Tabs\tand\u00a0nbsp\u2029and separators\u2028here.",
    ],
)
def test_odd_unicode_gives_a_correct_result(analyzer, text):
    s = analyzer.score(text, doc_id="u")
    for r in s.spans.itertuples():
        assert text[r.start : r.end] == r.text
    assert len(s.paragraphs) >= 1


def test_zero_width_character_does_not_hide_a_cue(analyzer):
    s = analyzer.score("It was obvi\u200bously true.", doc_id="z")
    (row,) = s.spans.itertuples()
    assert (row.text, row.category) == ("obvi\u200bously", "absolute")


def test_empty_input_is_refused(analyzer):
    with pytest.raises(InputError, match="empty"):
        analyzer.score("  \n ", doc_id="e")


def test_windows_1252_file(analyzer, tmp_path):
    f = tmp_path / "cp.txt"
    f.write_bytes("It was \u201cobviously\u201d a lie \u2013 perhaps.".encode("cp1252"))
    s = analyzer.score_file(f)
    assert s.document.encoding == "cp1252"
    assert set(s.spans["category"]) >= {"hedge", "emotive"}


def test_user_lexicon(tmp_path):
    lex = tmp_path / "mine.tsv"
    lex.write_text("term\tcategory\tweight\nconvoy\temotive\t1\nperhaps\thedge\t0\n", encoding="utf-8")
    a = Analyzer(lexicon=lex)
    s = a.score("The convoy perhaps left.", doc_id="x")
    assert s.spans[["text", "category", "lexicon_source"]].values.tolist() == [
        ["convoy", "emotive", "user:mine.tsv"]
    ]


def test_explain_reads_like_a_sentence(analyzer):
    s = analyzer.score("It is not clear. Obviously not.", doc_id="x")
    out = s.explain(0)
    assert (
        "Certainty index +0.20 = (absolutes 1.00 - hedges 0.50)" in out
        and "'not clear' counts as a hedge" in out
    )


# -- the Raqqa seeds: figures checked by reading the texts ----------------------


@pytest.fixture(scope="module")
def seeds(analyzer, raqqa_dir):
    paths = sorted(raqqa_dir.glob("*.txt"))
    return concat(analyzer.score_many(paths))


def test_seed_spans_match_raw_text(seeds, raqqa_dir):
    paras, spans = seeds
    raws = {p.stem: p.read_text(encoding="utf-8") for p in raqqa_dir.glob("*.txt")}
    texts = paras.set_index(["doc_id", "para"])["text"]
    for r in spans.itertuples():
        assert raws[r.doc_id][r.start : r.end] == r.text
        clean = texts[(r.doc_id, r.para)][r.para_start : r.para_end]
        if not any(ch in r.text for ch in "*[]<>&\\\n"):  # no markup inside: the clean slice reads the same
            assert clean == r.text


@pytest.mark.parametrize(
    "doc_id,needle,category,voice",
    [
        ("002_23b412affb72eb31", "filthy", "emotive", "author"),
        ("002_23b412affb72eb31", "warmongers", "emotive", "author"),
        ("004_a161571ce3939fcb", "obvious", "absolute", "author"),
        ("004_a161571ce3939fcb", "collusion", "emotive", "author"),
        ("001_d2059ae70f4b2c2d", "in all likelihood", "absolute", "author"),
        ("003_8e398962ef508d64", "Col. Ryan Dillon", "source", "author"),
    ],
)
def test_seed_cues(seeds, doc_id, needle, category, voice):
    _, spans = seeds
    rows = spans[
        (spans.doc_id == doc_id) & (spans.text.str.lower() == needle.lower()) & (spans.category == category)
    ]
    assert voice in set(rows["voice"]), f"{needle!r} not found as {category}/{voice} in {doc_id}"


def test_seed_totals(seeds):
    paras, _ = seeds
    body = paras[paras.kind != "boilerplate"]
    totals = body.groupby("doc_id")[["hedges", "absolutes", "emotive"]].sum()
    # The polemic (002) is the most emotive per word; the WSWS report (003) the least loaded of the long ones.
    rate = body.groupby("doc_id")["emotive"].sum() / body.groupby("doc_id")["author_words"].sum()
    assert rate.idxmax() == "002_23b412affb72eb31"
    assert (totals.to_numpy() >= 0).all()
    assert isinstance(paras, pd.DataFrame) and len(paras) == 349


@pytest.mark.slow
def test_two_processes_give_the_same_tables(analyzer, raqqa_dir):
    """With n_process=2 the workers read, parse and score; the tables do not change, nor their order."""
    from rhetoric.text import read_file

    paths = sorted(raqqa_dir.glob("00*.txt"))[:3]
    docs = [read_file(p) for p in paths[:2]]
    items = [*docs, paths[2], "Officials said the figures might be revised.", ("It is obviously true.", "mine")]
    one = list(analyzer.score_many(items))
    two = list(analyzer.score_many(items, n_process=2, batch_size=1))
    assert [s.doc_id for s in two] == [s.doc_id for s in one] == [*(d.doc_id for d in docs), one[2].doc_id, "doc3", "mine"]
    for a, b in zip(one, two, strict=True):
        pd.testing.assert_frame_equal(a.spans, b.spans)
        pd.testing.assert_frame_equal(a.paragraphs, b.paragraphs)
    # and the single-process path is not changed by having run the workers
    again = list(analyzer.score_many(docs[:1]))
    pd.testing.assert_frame_equal(again[0].spans, one[0].spans)


def test_a_bad_document_in_a_worker_raises_in_the_caller(analyzer):
    from rhetoric.text import InputError

    with pytest.raises(InputError):
        list(analyzer.score_many(["A fine text.", "   "], n_process=2))


def test_paragraphs_cut_from_the_parse_equal_span_as_doc(nlp, raqqa_dir):
    """scan's cheaper copy of each paragraph is exactly what spaCy's Span.as_doc gives."""
    from rhetoric.scan import _Cutter, layout_of
    from rhetoric.text import read_file

    clean = read_file(raqqa_dir / "001_d2059ae70f4b2c2d.txt").clean
    doc = nlp(clean)
    cut = _Cutter(doc, clean)
    rewired = 0
    for p in layout_of(clean).paragraphs:
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        mine, text = cut(span)
        theirs = span.as_doc(array_head=cut.head, array=doc.to_array(cut.head))
        assert text == theirs.text
        assert (mine.to_array(cut.head) == theirs.to_array(cut.head)).all()
        rewired += sum(not span.start <= t.head.i < span.end for t in span)
    assert rewired > 0  # the parse links some tokens across paragraphs: the rewiring was exercised


def test_boilerplate_is_not_parsed(raqqa_dir):
    from rhetoric.score import _parts
    from rhetoric.text import read_file

    doc = read_file(raqqa_dir / "001_d2059ae70f4b2c2d.txt")
    boiler = [p for p in doc.paragraphs if p.kind == "boilerplate"]
    assert len(boiler) == 20
    parts = list(_parts(doc))
    assert len(parts) > 1
    for base, end, layout in parts:
        assert all(q.kind != "boilerplate" for q in layout.paragraphs)
        assert not any(base <= b.clean_start < end for b in boiler)
    scored = {q.index for _, _, layout in parts for q in layout.paragraphs}
    assert scored == {p.index for p in doc.paragraphs if p.kind != "boilerplate"}


def test_readability_is_textstats_to_the_last_bit(raqqa_dir):
    """rhetoric.readability counts a word's syllables once per process; the scores stay textstat's."""
    import textstat

    from rhetoric.readability import flesch
    from rhetoric.text import read_document

    paras = ["", " ", "...", "a", "Hello!", "¿Qué? 東京", "1 2 3.", "U.S. Mr. Smith's dogs' bones — re-elected, non-debatable."]
    for f in sorted(raqqa_dir.glob("*.txt")):
        paras += [p.text for p in read_document(f.read_text(encoding="utf-8"), f.stem).paragraphs]
    assert len(paras) > 300
    for p in paras:
        assert flesch(p) == (textstat.flesch_reading_ease(p), textstat.flesch_kincaid_grade(p)), p
    assert flesch("The cat sat on the mat.") == (116.14500000000001, -1.4499999999999993)
