"""Manifests: loading, the errors they can hold, and scoring a corpus with provenance."""

from __future__ import annotations

import math

import pytest

from rhetoric.corpus import Corpus, ManifestError, export


def manifest(tmp_path, body: str, name: str = "m.yaml"):
    (tmp_path / "a.txt").write_text("The deal was made. Officials said it may hold.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Obviously the deal was made, a filthy lie.", encoding="utf-8")
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


GOOD = """
name: t
documents:
  - {id: orig, file: a.txt, origin: true, date: 2017-11-13}
  - {id: relay, via: [orig]}
  - {id: art, file: b.txt, via: [relay, orig], date: 2017-11-16}
  - {id: late, file: b.txt, via: [relay], date: 2021-03-20}
"""


def test_load_yaml_and_count_hops(tmp_path):
    c = Corpus.from_manifest(manifest(tmp_path, GOOD))
    assert [d.id for d in c] == ["orig", "relay", "art", "late"]
    assert c.hops == {"orig": 0, "relay": 1, "art": 1, "late": 2}
    docs = c.documents_frame()
    assert docs.set_index("doc_id")["days_after_origin"].to_dict() == pytest.approx(
        {"orig": 0.0, "art": 3.0, "late": 1223.0, "relay": math.nan}, nan_ok=True
    )
    assert docs.set_index("doc_id").loc["relay", "source"] == ""


def test_load_csv(tmp_path):
    body = "id,file,origin,via,date\norig,a.txt,true,,2017-11-13\nart,b.txt,false,orig,2017-11-16\n"
    c = Corpus.from_manifest(manifest(tmp_path, body, "m.csv"))
    assert c.origin.id == "orig" and c.hops["art"] == 1


@pytest.mark.parametrize(
    "body,message",
    [
        ("documents:\n  - {id: o, file: nope.txt, origin: true}\n", r"file 'nope.txt' does not exist"),
        (
            "documents:\n  - {id: o, file: a.txt, origin: true}\n  - {id: o, file: b.txt, via: [o]}\n",
            r"duplicate id 'o'",
        ),
        (
            "documents:\n  - {id: o, file: a.txt, origin: true}\n  - {id: x, file: b.txt, via: [cbs]}\n",
            r"'x' came via 'cbs', which is not in the manifest \(unknown origin\)",
        ),
        ("documents:\n  - {id: o, file: a.txt}\n", r"no document is marked 'origin: true'"),
        (
            "documents:\n  - {id: o, file: a.txt, origin: true}\n  - {id: p, file: b.txt, origin: true}\n",
            r"only one original report",
        ),
        (
            "documents:\n  - {id: o, file: a.txt, origin: true}\n  - {id: x, file: b.txt}\n",
            r"'x' does not say how it reached the original",
        ),
        (
            "documents:\n  - {id: o, file: a.txt, origin: true}\n  - {id: x, via: [y]}\n  - {id: y, via: [x]}\n",
            r"a cycle in the relations: x -> y -> x",
        ),
        (
            "documents:\n  - {id: o, file: a.txt, origin: true}\n  - {id: x, via: [x]}\n",
            r"'x' lists itself in via",
        ),
        (
            "documents:\n  - {id: o, file: a.txt, origin: true, date: 13/11/2017}\n",
            r"date '13/11/2017' is not an ISO date",
        ),
        ("documents:\n  - {id: o, file: a.txt, origin: maybe}\n", r"origin must be true or false"),
        ("documents:\n  - {id: 'bad id', file: a.txt, origin: true}\n", r"id 'bad id' may hold only"),
        ("documents: [\n", r"m.yaml:\d+: not valid YAML"),
        ("just: text\n", r"expected a mapping with a 'documents:' list"),
    ],
)
def test_manifest_errors(tmp_path, body, message):
    with pytest.raises(ManifestError, match=message):
        Corpus.from_manifest(manifest(tmp_path, body))


def test_manifest_wrong_suffix_and_missing(tmp_path):
    with pytest.raises(ManifestError, match="no such manifest"):
        Corpus.from_manifest(tmp_path / "none.yaml")
    p = tmp_path / "m.json"
    p.write_text("{}", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"\.yaml, \.yml, \.csv or \.tsv"):
        Corpus.from_manifest(p)


def test_the_raqqa_manifest_loads(raqqa_dir):
    c = Corpus.from_manifest(raqqa_dir / "manifest.yaml")
    assert c.origin.id == "bbc" and c.origin.reconstructed
    assert sum(1 for d in c if d.file) == 6
    assert c.hops["chossudovsky-2021"] == 1 and c.hops["cbs"] == 1


@pytest.mark.slow
def test_score_small_corpus(tmp_path, analyzer):
    c = Corpus.from_manifest(manifest(tmp_path, GOOD))
    r = c.score(analyzer)
    p = r.paragraphs
    assert {
        "provenance",
        "origin_overlap",
        "distance",
        "source",
        "title",
        "hops",
        "days_after_origin",
    } <= set(p.columns)
    assert p.loc[p.doc_id == "orig", "provenance"].tolist() == ["origin"]
    assert p.loc[p.doc_id == "art", "provenance"].tolist() == ["commentary"]
    assert p.loc[p.doc_id == "art", "distance"].iloc[0] == pytest.approx(2 + 1 + 3 / 365.25)
    assert p.loc[p.doc_id == "late", "distance"].iloc[0] == pytest.approx(2 + 2 + 1223 / 365.25)
    assert p.loc[p.doc_id == "art", "source"].iloc[0].endswith("b.txt")
    assert set(r.spans["provenance"]) <= {"origin", "commentary"}
    files = export(r, tmp_path / "out", charts=False)
    assert sorted(f.name for f in files) == sorted(
        f"{n}.{x}"
        for n in ("paragraphs", "spans", "documents", "changes", "stretches")
        for x in ("csv", "parquet")
    )  # no paragraph aligns to the original here, so no diff page


@pytest.fixture(scope="module")
def raqqa(analyzer, raqqa_dir):
    return Corpus.from_manifest(raqqa_dir / "manifest.yaml").score(analyzer)


@pytest.mark.slow
def test_raqqa_provenance(raqqa):
    p = raqqa.paragraphs
    counts = p.groupby(["doc_id", "provenance"]).size().unstack(fill_value=0)
    # 004 quotes the BBC at length without quotation marks: alignment finds it.
    assert counts.loc["anon-sommerville-dalati", "origin"] >= 70
    assert counts.loc["zuesse-2017", "origin"] >= 50
    # The polemic reproduces almost nothing of the original.
    assert counts.loc["anon-trump-deal", "origin"] <= 3
    assert (p.loc[p.doc_id == "bbc", "provenance"].isin(["origin", "boilerplate"])).all()
    # "It comes / down to Syrians" (003, rejoined) is the BBC's Dillon quote.
    row = p[(p.doc_id == "vanauken-wsws-2017") & p.text.str.contains("It comes")].iloc[0]
    assert row.provenance == "origin" and row.origin_overlap > 0.9
    # origin_para is the original's own paragraph number: that paragraph holds the passage.
    bbc = p[p.doc_id == "bbc"].set_index("para")["text"]
    assert "It comes down to Syrians" in bbc[row.origin_para].replace("\n", " ")


@pytest.mark.slow
def test_raqqa_commentary_is_more_emotive_than_origin(raqqa):
    p = raqqa.paragraphs
    body = p[(p.kind != "boilerplate") & (p.words > 0) & (p.doc_id != "bbc")]
    means = body.groupby("provenance")["emotive_per_100"].mean()
    assert means["commentary"] > 5 * means["origin"]
