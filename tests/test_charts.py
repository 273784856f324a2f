"""Chart functions return Altair charts with the right data; nothing displays."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import pytest

from rhetoric import charts


@pytest.fixture()
def paragraphs():
    rows = []
    rng = np.random.default_rng(1)
    for doc, hops, days in (("bbc", 0, 0.0), ("a", 1, 3.0), ("b", 1, np.nan)):
        for i in range(6):
            prov = "origin" if doc == "bbc" or i < 3 else "commentary"
            dist = (0 if prov == "origin" else 2) + hops + (0 if np.isnan(days) else days / 365.25)
            rows.append({
                "doc_id": doc, "para": i, "kind": "body", "words": 40, "provenance": prov, "distance": dist,
                "certainty": (-0.2 if prov == "origin" else 0.3) + rng.normal(0, 0.05),
                "hedges_per_100": 2.0 if prov == "origin" else 0.5, "absolutes_per_100": 0.5 if prov == "origin" else 2.0,
                "emotive_per_100": 0.0 if prov == "origin" else 1.5, "sources_per_100": 5.0, "hedges": 1, "absolutes": 1,
                "emotive": 0, "sources": 2, "text": f"paragraph {i} of {doc}",
            })  # fmt: skip
    rows.append({**rows[0], "para": 99, "kind": "boilerplate", "words": 3})
    return pd.DataFrame(rows)


@pytest.fixture()
def documents():
    return pd.DataFrame({
        "doc_id": ["bbc", "a", "b"], "outlet": ["BBC", "A", "B"], "title": ["t", "u", "v"],
        "date": pd.to_datetime(["2017-11-13", "2017-11-16", None]), "hops": [0, 1, 1], "days_after_origin": [0.0, 3.0, np.nan],
    })  # fmt: skip


def test_bootstrap_trend_recovers_a_known_slope():
    x = np.linspace(0, 5, 200)
    df = pd.DataFrame({"x": x, "y": 0.1 * x + np.random.default_rng(0).normal(0, 0.05, 200)})
    t = charts.bootstrap_trend(df, "x", "y", n_boot=300, seed=0)
    assert t["slope"].iloc[0] == pytest.approx(0.1, abs=0.01)
    assert t["slope_lo"].iloc[0] < 0.1 < t["slope_hi"].iloc[0]
    assert (t["lo"] <= t["fit"]).all() and (t["fit"] <= t["hi"]).all()
    assert charts.bootstrap_trend(df.head(2), "x", "y").empty


def test_certainty_vs_distance(paragraphs):
    spec = charts.certainty_vs_distance(paragraphs, n_boot=50).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["area", "line", "circle"]
    (points,) = [d for d in spec["datasets"].values() if d and "provenance" in d[0]]
    assert len(points) == 18  # boilerplate left out


def test_measures_by_provenance(paragraphs):
    chart = charts.measures_by_provenance(paragraphs)
    spec = chart.to_dict()
    assert len(spec["vconcat"]) == len(charts.MEASURES)
    values = [v for d in spec["datasets"].values() for v in d]
    emotive = {
        (v["doc_id"], v["provenance"]): v["mean"] for v in values if v["measure"] == "emotive / 100 words"
    }
    assert emotive == {
        ("a", "commentary"): 1.5,
        ("a", "origin"): 0.0,
        ("b", "commentary"): 1.5,
        ("b", "origin"): 0.0,
        ("bbc", "origin"): 0.0,
    }


@pytest.fixture()
def spans():
    """Cue spans of a derived article "a" and of the original "bbc" (whose passage "a" reproduces)."""
    return pd.DataFrame({
        "doc_id": ["a", "a", "a", "a", "a", "bbc", "bbc"], "para": [0, 1, 3, 3, 2, 0, 1],
        "text": ["reportedly", "reportedly", "Obviously", "filthy", "says", "reportedly", "says"],
        "category": ["hedge", "hedge", "absolute", "emotive", "source", "hedge", "source"],
        "voice": ["author"] * 7, "rule": ["lexicon"] * 7,
        "provenance": ["origin", "origin", "commentary", "commentary", "origin", "origin", "origin"],
        "is_origin": [False] * 5 + [True] * 2,
    })  # fmt: skip


def _values(spec: dict) -> list[dict]:
    return [v for d in spec["datasets"].values() for v in d]


def _titles(spec) -> list:
    """Every title in a (nested) spec, as text."""
    out = []
    if isinstance(spec, dict):
        for k, v in spec.items():
            if k == "title" and v:
                out.append(v if isinstance(v, str) else v.get("text"))
                if isinstance(v, dict) and "subtitle" in v:
                    sub = v["subtitle"]
                    out.append(" ".join(sub) if isinstance(sub, list) else sub)
            out += _titles(v)
    elif isinstance(spec, list):
        for v in spec:
            out += _titles(v)
    return out


def test_cue_words_by_provenance(spans):
    spec = charts.cue_words_by_provenance(spans).to_dict()
    assert len(spec["vconcat"]) == 4 and all(len(r["hconcat"]) == 2 for r in spec["vconcat"])
    values = _values(spec)
    # The original's own "reportedly" is not counted beside its copy in "a".
    assert {"provenance": "origin", "category": "hedge", "word": "reportedly", "count": 2} in values
    assert {"provenance": "commentary", "category": "absolute", "word": "obviously", "count": 1} in values
    assert {"provenance": "origin", "category": "source", "word": "says", "count": 1} in values
    # With the original included, it would be.
    with_original = _values(charts.cue_words_by_provenance(spans, include_original=True).to_dict())
    assert {"provenance": "origin", "category": "hedge", "word": "reportedly", "count": 3} in with_original


def test_cue_words_chart_is_notebook_02s(spans):
    """The exported chart and notebook 02's (which drops the original's rows itself) show the same data."""
    exported = charts.cue_words_by_provenance(spans).to_dict()
    notebook = charts.cue_words_by_provenance(spans[spans["doc_id"] != "bbc"]).to_dict()
    key = lambda v: sorted((d["provenance"], d["category"], d["word"], d["count"]) for d in _values(v))  # noqa: E731
    assert key(exported) == key(notebook)


def test_cue_words_panels_have_their_own_scales_and_say_what_they_count(spans):
    spec = charts.cue_words_by_provenance(spans).to_dict()
    assert all(r["resolve"]["scale"]["x"] == "independent" for r in spec["vconcat"])
    assert all(
        "domain" not in c["encoding"]["x"].get("scale", {}) for r in spec["vconcat"] for c in r["hconcat"]
    )
    titles = _titles(spec)
    assert "hedges: reproduced from the original" in titles and "2 uses in 2 paragraphs" in titles
    assert "1 use in 1 paragraph" in titles  # "says": no "1 uses"
    assert spec["vconcat"][0]["hconcat"][0]["encoding"]["x"]["title"] == "times used"


def test_chain_over_time_leaves_out_undated(paragraphs, documents):
    spec = charts.chain_over_time(paragraphs, documents).to_dict()
    assert "Not dated, so not shown: b." in spec["title"]["subtitle"]
    values = [v for d in spec["datasets"].values() for v in d]
    assert {v["doc_id"] for v in values} == {"bbc", "a"}


def test_chain_over_time_reads_without_the_notebook(paragraphs, documents):
    documents = documents.assign(outlet=["BBC", None, "B"])  # "a" has no outlet
    spec = charts.chain_over_time(paragraphs, documents).to_dict()
    values = _values(spec)
    labels = {v["label"] for v in values if v.get("labelled")}
    # The original is labelled; no empty "()"; one label an article.
    assert labels == {"bbc (BBC): the original report", "a"}
    x = spec["layer"][0]["encoding"]["x"]
    assert x["axis"]["values"] == [0.0, 3.0]  # a tick where each article is
    (size,) = [layer["encoding"]["size"] for layer in spec["layer"] if "size" in layer["encoding"]]
    assert 0 not in size["legend"]["values"] and size["scale"]["zero"] is False  # no "0 words"
    assert size["legend"]["orient"] == "bottom"  # the labels stay clear of the legend
    assert "days after the original report" in x["title"]


def test_every_exported_chart_has_a_title_and_axis_meanings(paragraphs, documents, spans):
    made = {
        "measures_by_provenance": charts.measures_by_provenance(paragraphs),
        "certainty_vs_distance": charts.certainty_vs_distance(paragraphs, n_boot=50),
        "cue_words_by_provenance": charts.cue_words_by_provenance(spans),
        "chain_over_time": charts.chain_over_time(paragraphs, documents),
        "paragraph_scores": charts.paragraph_scores(paragraphs, doc_id="a"),
    }
    for name, chart in made.items():
        spec = chart.to_dict()
        assert spec.get("title"), f"{name} has no title"
    dist = made["certainty_vs_distance"].to_dict()
    x_title = dist["layer"][2]["encoding"]["x"]["title"]
    assert "text distance" in x_title and "hand-overs" in x_title and "years" in x_title
    assert "−1 only hedges" in dist["layer"][2]["encoding"]["y"]["title"]


def test_drift_chart_carries_its_caveats(paragraphs):
    sub = " ".join(charts.certainty_vs_distance(paragraphs, n_boot=50).to_dict()["title"]["subtitle"])
    assert "n = 18 paragraphs" in sub and "95% of 50 bootstrap resamples" in sub
    assert "cluster by article" in sub and "convention" in sub and "no cause" in sub


def test_measures_bars_say_how_many_paragraphs(paragraphs):
    spec = charts.measures_by_provenance(paragraphs).to_dict()
    values = _values(spec)
    assert {(v["doc_id"], v["provenance"], v["n"]) for v in values if v["measure"] == "certainty index"} == {
        ("a", "origin", "n=3"),
        ("a", "commentary", "n=3"),
        ("b", "origin", "n=3"),
        ("b", "commentary", "n=3"),
        ("bbc", "origin", "n=6"),  # no is_origin/hops column in this fixture: not marked
    }
    text_layers = [
        layer for row in spec["vconcat"] for layer in row["spec"]["layer"] if layer["mark"]["type"] == "text"
    ]
    assert len(text_layers) == len(charts.MEASURES) and all(
        t["encoding"]["text"]["field"] == "n" for t in text_layers
    )


def test_measures_mark_the_original(paragraphs):
    p = paragraphs.assign(hops=[0 if d == "bbc" else 1 for d in paragraphs["doc_id"]])
    values = _values(charts.measures_by_provenance(p).to_dict())
    assert {v["doc_id"] for v in values} == {"a", "b", "bbc (the original)"}


@pytest.mark.parametrize("n_paras,width", [(3, 420), (60, 720)])
def test_paragraph_chart_has_a_minimum_width_and_numbers_from_1(n_paras, width):
    p = pd.DataFrame({
        "doc_id": "d", "para": range(n_paras), "kind": "body", "words": 10, "certainty": 0.0,
        "hedges": 1, "absolutes": 0, "emotive": 0, "sources": 0,
    })  # fmt: skip
    spec = charts.paragraph_scores(p).to_dict()
    assert spec["width"] == width
    values = _values(spec)
    assert min(v["paragraph"] for v in values) == 1 and min(v["para"] for v in values) == 0
    assert "numbered from 1" in spec["encoding"]["x"]["title"]


def test_paragraph_scores_tooltips_show_cues(paragraphs):
    spans = pd.DataFrame(
        {"doc_id": ["a"], "para": [0], "text": ["reportedly"], "category": ["hedge"], "voice": ["author"]}
    )
    spec = charts.paragraph_scores(paragraphs, spans, doc_id="a").to_dict()
    values = next(iter(spec["datasets"].values()))
    assert {"para": 0, "measure": "hedges", "cues": "reportedly"}.items() <= next(
        v for v in values if v["para"] == 0 and v["measure"] == "hedges"
    ).items()


@pytest.mark.parametrize("suffix", [".svg", ".html"])
def test_save_chart_offline(tmp_path, paragraphs, suffix):
    path = charts.save_chart(charts.certainty_vs_distance(paragraphs, n_boot=20), tmp_path / f"c{suffix}")
    text = path.read_text(encoding="utf-8")
    if suffix == ".html":
        assert "cdn.jsdelivr" not in text and "vegaEmbed" in text
    else:
        assert text.lstrip().startswith("<svg")
    with pytest.raises(ValueError, match="cannot save a chart as .gif"):
        charts.save_chart(alt.Chart(paragraphs).mark_point(), tmp_path / "x.gif")


def test_changes_along_chain(documents):
    """Per document, ordered by hops then date (undated last): the four changes per 100 reproduced words."""
    docs = pd.concat(
        [documents, pd.DataFrame({"doc_id": ["c"], "outlet": ["C"], "title": ["w"],
                                  "date": pd.to_datetime(["2017-11-14"]), "hops": [2], "days_after_origin": [1.0]})],
        ignore_index=True,
    )  # fmt: skip
    changes = pd.DataFrame({
        "doc_id": ["a", "a", "a", "b", "c"],
        "change": ["hedge_dropped", "source_dropped", "absolute_added", "emotive_added", "hedge_added"],
    })  # fmt: skip
    stretches = pd.DataFrame(
        {"doc_id": ["a", "a", "b", "c"], "para": [0, 1, 0, 0], "words": [100, 100, 50, 20]}
    )
    d = charts.chain_changes(changes, stretches, docs)
    assert list(dict.fromkeys(d.sort_values("order")["doc_id"])) == [
        "a",
        "b",
        "c",
    ]  # hops 1 dated, 1 undated, 2
    rate = d.set_index(["doc_id", "change"])["per_100"]
    assert rate[("a", "hedge_dropped")] == 0.5 and rate[("b", "emotive_added")] == 2.0
    assert rate[("c", "hedge_dropped")] == 0.0  # a hedge added is not in the chart's four
    assert set(d["kind"]) == set(charts.CHAIN_CHANGES.values())
    spec = charts.changes_along_chain(changes, stretches, docs).to_dict()
    assert spec["mark"]["type"] == "bar" and spec["encoding"]["y"]["field"] == "per_100"
    assert spec["encoding"]["x"]["sort"][0].startswith("a (1 hop, 2017-11-16)")


def test_changes_along_chain_empty(documents):
    d = charts.chain_changes(
        pd.DataFrame(columns=["doc_id", "change"]),
        pd.DataFrame(columns=["doc_id", "para", "words"]),
        documents,
    )
    assert d.empty
