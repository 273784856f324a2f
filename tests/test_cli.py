"""The command line: thin wrappers, clear errors, no tracebacks."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from rhetoric.cli import main

pytestmark = pytest.mark.slow


def test_score_folder_to_csv(raqqa_dir, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for f in raqqa_dir.glob("*.txt"):
        (folder / f.name).write_bytes(f.read_bytes())
    out = tmp_path / "p.csv"
    assert main(["score", str(folder), "-o", str(out), "--no-progress"]) == 0
    df = pd.read_csv(out, keep_default_na=False)
    assert df["doc_id"].nunique() == 5 and len(df) == 349
    assert "wrote 349 paragraph rows" in capsys.readouterr().err


def test_spans_jsonl_to_stdout(raqqa_dir, capsys):
    f = raqqa_dir / "003_8e398962ef508d64.txt"
    assert main(["spans", str(f), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    raw = f.read_text(encoding="utf-8")
    assert rows and all(raw[r["start"] : r["end"]] == r["text"] for r in rows)


def test_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"It may rain. Obviously.")))
    assert main(["score", "-", "--format", "jsonl"]) == 0
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["doc_id"], row["hedges"], row["absolutes"]) == ("stdin", 1, 1)


def test_bad_file_is_reported_and_others_scored(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("It may rain.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02\x03binary")
    (tmp_path / "empty.md").write_text("   \n", encoding="utf-8")
    code = main(["score", str(tmp_path), "--format", "csv"])
    captured = capsys.readouterr()
    assert code == 1
    assert "bad.txt: looks like a binary file" in captured.err
    assert "empty.md: the document is empty" in captured.err
    assert "Traceback" not in captured.err
    assert pd.read_csv(io.StringIO(captured.out))["doc_id"].tolist() == ["good"]


@pytest.mark.parametrize(
    "argv,message",
    [
        (["score", "/no/such/file.txt"], "no such file or folder"),
        (["score", "x.txt", "--encoding", "klingon"], ""),
        (["score", "README.md", "--lexicon", "/no/such.tsv"], "cannot read lexicon"),
    ],
)
def test_errors_are_one_line(argv, message, capsys, repo_root, monkeypatch):
    monkeypatch.chdir(repo_root)
    code = main(argv)
    err = capsys.readouterr().err
    assert code in (1, 2) and err.startswith("rhetoric: error:") and message in err and "Traceback" not in err


def test_unknown_encoding_message(tmp_path, capsys):
    f = tmp_path / "x.txt"
    f.write_text("hello", encoding="utf-8")
    assert main(["score", str(f), "--encoding", "klingon"]) == 1
    assert "unknown encoding 'klingon'" in capsys.readouterr().err


def test_explain(raqqa_dir, capsys):
    path = raqqa_dir / "002_23b412affb72eb31.txt"
    assert main(["explain", str(path), "--para", "30"]) == 0
    out = capsys.readouterr().out
    # The block is headed with the file's name; --para stays 0-based.
    assert out.startswith(f"== {path} ==\nParagraph 30 (body)") and "Certainty index" in out


def test_lexicon_listing(capsys):
    assert main(["lexicon", "--category", "hedge"]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out), sep="\t", keep_default_na=False)
    assert set(df["category"]) == {"hedge"} and (df["source"] != "").all()


def test_console_script_runs():
    r = subprocess.run([sys.executable, "-m", "rhetoric.cli", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("rhetoric 0.1.0")


def test_folder_doc_ids_are_paths_and_unique(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / "README.md").write_text("It may rain.", encoding="utf-8")
    (tmp_path / "sub" / "README.md").write_text("It may snow.", encoding="utf-8")
    # README is not an article and is skipped in folders unless --include asks for it.
    argv = ["score", str(tmp_path), str(tmp_path / "README.md"), "--format", "csv", "--include", "*.md"]
    assert main(argv) == 0
    ids = pd.read_csv(io.StringIO(capsys.readouterr().out))["doc_id"].tolist()
    assert ids == ["README", "sub/README", "README~2"]


def test_python_dash_m_rhetoric():
    r = subprocess.run([sys.executable, "-m", "rhetoric", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("rhetoric ")
