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


def test_cue_words_by_provenance():
    spans = pd.DataFrame({
        "text": ["reportedly", "reportedly", "Obviously", "filthy", "says"], "category": ["hedge", "hedge", "absolute", "emotive", "source"],
        "voice": ["author"] * 5, "rule": ["lexicon"] * 5, "provenance": ["origin", "origin", "commentary", "commentary", "origin"],
    })  # fmt: skip
    spec = charts.cue_words_by_provenance(spans).to_dict()
    assert len(spec["vconcat"]) == 4 and all(len(r["hconcat"]) == 2 for r in spec["vconcat"])
    values = [v for d in spec["datasets"].values() for v in d]
    assert {"provenance": "origin", "category": "hedge", "word": "reportedly", "count": 2} in values
    assert {"provenance": "commentary", "category": "absolute", "word": "obviously", "count": 1} in values


def test_chain_over_time_leaves_out_undated(paragraphs, documents):
    spec = charts.chain_over_time(paragraphs, documents).to_dict()
    assert "b" in spec["title"]["subtitle"]
    values = [v for d in spec["datasets"].values() for v in d]
    assert {v["doc_id"] for v in values} == {"bbc", "a"}


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
