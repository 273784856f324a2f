"""Every output records what made it: version, lexicon hash, model and options."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from rhetoric import __version__
from rhetoric.cli import main
from rhetoric.corpus import CorpusScores, export
from rhetoric.stamp import lexicon_hash, made_by, sidecar_path


@pytest.mark.parametrize(
    "user_file,same_as_default",
    [
        (None, True),
        ("term\tcategory\nbeyond reasonable doubt\tabsolute\n", False),  # an entry added
        ("term\tcategory\tweight\nwould\thedge\t0\n", False),  # an entry switched off
    ],
    ids=["package", "added", "switched-off"],
)
def test_lexicon_hash_follows_the_word_lists(tmp_path, user_file, same_as_default):
    lexicon = None
    if user_file is not None:
        lexicon = tmp_path / "mine.tsv"
        lexicon.write_text(user_file, encoding="utf-8")
    h = lexicon_hash(lexicon)
    assert len(h) == 64 and (h == lexicon_hash()) is same_as_default
    assert lexicon_hash(lexicon) == h  # the same lists, the same hash


def test_made_by_record():
    stamp = made_by(None, model={"name": "en_core_web_sm", "version": "3.8.0"}, options={"ner": False})
    assert stamp["rhetoric_version"] == __version__
    assert stamp["lexicon_sha256"] == lexicon_hash() and stamp["lexicon_file"] == ""
    assert stamp["model"]["version"] == "3.8.0" and stamp["options"] == {"ner": False}
    assert sidecar_path("out/p.csv").as_posix() == "out/p.csv.meta.json"


def test_corpus_export_is_stamped(tmp_path):
    df = pd.DataFrame({"doc_id": ["a"], "para": [0]})
    stamp = made_by(None, options={"manifest": "m.yaml"}, command="rhetoric corpus")
    export(CorpusScores(df, df, df), tmp_path, charts=False, stamp=stamp)
    meta = json.loads(pq.read_schema(tmp_path / "spans.parquet").metadata[b"rhetoric"])
    assert meta["command"] == "rhetoric corpus" and meta["lexicon_sha256"] == lexicon_hash()
    side = json.loads((tmp_path / "documents.csv.meta.json").read_text())
    assert side["rows"] == 1 and side["options"] == {"manifest": "m.yaml"}
    assert pd.read_csv(tmp_path / "paragraphs.csv").columns.tolist() == ["doc_id", "para"]  # CSV stays plain


@pytest.mark.slow
def test_cli_csv_gets_a_sidecar(raqqa_dir, tmp_path, capsys):
    out = tmp_path / "p.csv"
    assert (
        main(["score", str(raqqa_dir / "003_8e398962ef508d64.txt"), "-o", str(out), "--no-readability"]) == 0
    )
    meta = json.loads(sidecar_path(out).read_text())
    rows = len(pd.read_csv(out))
    assert meta["rows"] == rows and meta["table"] == "paragraphs" and meta["errors"] == []
    assert meta["options"]["readability"] is False and meta["model"]["name"].startswith("en_core_web_sm")
    assert meta["command"] == "rhetoric score"
    assert out.read_text(encoding="utf-8").startswith("doc_id,")  # no comment line in the CSV
