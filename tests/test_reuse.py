"""Reuse discovery: MinHash/LSH candidates, alignment, pairs.csv and a draft manifest."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pandas as pd
import pytest

from rhetoric.cli import main
from rhetoric.corpus import Corpus
from rhetoric.reuse import PAIR_COLUMNS, candidate_pairs, draft_manifest, find_reuse, sketch, write_reuse

ORIGIN = "original/bbc_raqqas_dirty_secret.reconstructed.txt"
PASSAGE = (
    "The deal to let Islamic State fighters escape from Raqqa was arranged by local officials. "
    "Lorry drivers say they were promised thousands of dollars for the job, provided it was kept secret, "
    "and the convoy stretched for miles as it left the city under cover of darkness."
)
OTHER = (
    "Markets rallied on Tuesday after the central bank held interest rates, and analysts expected "
    "a quiet week ahead for traders in London, Frankfurt and New York, with little news due before Friday."
)


def _edit_every(text: str, n: int) -> str:
    words = text.split()
    return " ".join("changed" if i % n == n - 1 else w for i, w in enumerate(words))


@pytest.mark.parametrize(
    "a,b,shares",
    [
        (PASSAGE, "Our own words first. " + PASSAGE + " And our comment after it.", True),
        (PASSAGE, OTHER + " " + PASSAGE.replace("’", "'").upper(), True),  # case and quote marks
        (PASSAGE, _edit_every(PASSAGE, 12), True),  # a word changed in every twelve
        (PASSAGE, OTHER, False),
        (PASSAGE, "Raqqa convoy fighters deal lorry drivers dollars secret.", False),  # same words, no run
        (PASSAGE, "", False),
    ],
    ids=["pasted", "case-and-quotes", "edited", "unrelated", "bag-of-words", "empty"],
)
def test_sketches_share_keys_when_a_passage_is_shared(a, b, shares):
    assert (len(np.intersect1d(sketch(a), sketch(b))) > 0) is shares


@pytest.mark.parametrize(
    "only_with,max_bucket,expected",
    [
        (None, 2000, [(0, 1), (0, 2), (0, 3), (2, 3)]),
        (0, 2000, [(0, 1), (0, 2), (0, 3)]),
        (None, 2, [(0, 1)]),  # the three-document bucket is a stock phrase here
    ],
)
def test_candidate_pairs(only_with, max_bucket, expected):
    keys = np.array([7, 7, 9, 9, 9, 11, 7], dtype=np.uint64)
    owner = np.array([0, 1, 0, 2, 3, 4, 0], dtype=np.int32)
    got = candidate_pairs(keys, owner, only_with=only_with, max_bucket=max_bucket)
    assert [tuple(p) for p in got.tolist()] == expected


@pytest.fixture(scope="module")
def with_origin(raqqa_dir):
    return find_reuse([raqqa_dir], origin=raqqa_dir / ORIGIN)


def test_finds_every_article_that_reuses_the_origin(with_origin):
    pairs = with_origin.pairs
    assert list(pairs.columns) == PAIR_COLUMNS
    assert set(pairs["doc_a"]) == {"bbc_raqqas_dirty_secret.reconstructed"}
    shared = dict(zip(pairs["doc_b"], pairs["shared_words"], strict=True))
    # The five articles, by how much of the BBC text each reproduces (a folder's
    # README files are skipped, as `rhetoric score` skips them).
    assert shared == {
        "000_4cfd2fefd0795d5b": 1301,
        "001_d2059ae70f4b2c2d": 487,
        "002_23b412affb72eb31": 150,
        "003_8e398962ef508d64": 84,
        "004_a161571ce3939fcb": 2059,
    }
    assert set(pairs["direction"]) == {"a->b"}
    big = pairs.set_index("doc_b").loc["004_a161571ce3939fcb"]
    assert big["share_of_b"] > 0.8 and "Raqqa" in big["passage_text"]
    assert with_origin.documents["origin"].sum() == 1


def test_passages_point_at_paragraphs(with_origin):
    p = with_origin.passages
    row = p[p["doc_b"] == "003_8e398962ef508d64"].sort_values("words").iloc[-1]
    assert row["words"] >= 20 and row["text_a"] and row["para_b"] >= 0


def test_dates_give_the_direction(raqqa_dir, tmp_path):
    dates = tmp_path / "dates.csv"
    dates.write_text("doc_id,date\n000_4cfd2fefd0795d5b,2017-11-26\n004_a161571ce3939fcb,2017-11-14\n")
    files = [raqqa_dir / "000_4cfd2fefd0795d5b.txt", raqqa_dir / "004_a161571ce3939fcb.txt",
             raqqa_dir / "003_8e398962ef508d64.txt"]  # fmt: skip
    r = find_reuse(files, dates=dates)
    rows = r.pairs.set_index(["doc_a", "doc_b"])
    dated = rows.loc[("000_4cfd2fefd0795d5b", "004_a161571ce3939fcb")]
    assert (dated["direction"], dated["source"]) == ("b->a", "004_a161571ce3939fcb")
    undated = rows.loc[("000_4cfd2fefd0795d5b", "003_8e398962ef508d64")]
    assert (undated["direction"], undated["source"]) == ("", "")


def test_draft_manifest_is_accepted_by_corpus(raqqa_dir, tmp_path):
    folder = tmp_path / "c"
    (folder / "original").mkdir(parents=True)
    for f in raqqa_dir.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    shutil.copy(raqqa_dir / ORIGIN, folder / ORIGIN)
    result = find_reuse([folder], dates={"004_a161571ce3939fcb": __import__("datetime").date(2017, 11, 20)})
    write_reuse(result, folder)
    corpus = Corpus.from_manifest(folder / "manifest.yaml")
    ids = {d.id for d in corpus}
    assert "004_a161571ce3939fcb" in ids and len(ids) == 6
    assert all(d.file and d.file.is_file() for d in corpus)
    assert "--allow-root" not in (folder / "manifest.yaml").read_text()


def test_draft_manifest_outside_files_names_allow_root(with_origin, tmp_path):
    text = draft_manifest(with_origin, tmp_path / "out")
    assert "--allow-root" in text and "origin: true" in text
    assert "file: ../" in text  # relative to the manifest's folder


def test_no_pairs_gives_an_empty_draft(tmp_path):
    (tmp_path / "a.txt").write_text(PASSAGE)
    (tmp_path / "b.txt").write_text(OTHER)
    r = find_reuse([tmp_path])
    assert r.pairs.empty and "documents: []" in draft_manifest(r, tmp_path)


def test_cli_reuse(raqqa_dir, tmp_path, capsys):
    out = tmp_path / "reuse"
    code = main(
        ["reuse", str(raqqa_dir), "--origin", str(raqqa_dir / ORIGIN), "-o", str(out), "--no-progress"]
    )
    assert code == 0, capsys.readouterr().err
    pairs = pd.read_csv(out / "pairs.csv", keep_default_na=False)
    assert len(pairs) == 5 and list(pairs.columns) == PAIR_COLUMNS
    meta = json.loads((out / "pairs.csv.meta.json").read_text())
    assert meta["command"] == "rhetoric reuse" and meta["rows"] == 5
    assert (out / "manifest.yaml").exists() and (out / "passages.csv").exists()
    assert "5 reusing pairs" in capsys.readouterr().err


def test_cli_reuse_missing_origin(raqqa_dir, tmp_path, capsys):
    assert main(["reuse", str(raqqa_dir), "--origin", str(tmp_path / "nope.txt"), "-o", str(tmp_path)]) == 2
    assert "no such origin file" in capsys.readouterr().err
