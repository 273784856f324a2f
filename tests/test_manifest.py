"""Manifests from someone else: strict reading, files confined to the manifest's folder (issue 10)."""

from __future__ import annotations

import csv
import warnings

import pytest

from rhetoric.corpus import Corpus, CorpusDocument, ManifestError  # the old names still work
from rhetoric.manifest import ManifestWarning, read_manifest

A = "The deal was made. Officials said it may hold."
B = "Obviously the deal was made, a filthy lie."


@pytest.fixture()
def folder(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text(A, encoding="utf-8")
    (d / "b.txt").write_text(B, encoding="utf-8")
    return d


def write(folder, body: str, name: str = "m.yaml"):
    p = folder / name
    p.write_text(body, encoding="utf-8", newline="")
    return p


def test_old_names_are_the_new_ones():
    import rhetoric.manifest as m

    assert CorpusDocument is m.CorpusDocument and ManifestError is m.ManifestError


@pytest.mark.parametrize(
    "name,body,message",
    [
        # The YAML parser raised ValueError out of safe_load before.
        (
            "impossible date",
            "documents:\n  - {id: o, file: a.txt, origin: true, date: 2017-13-45}\n",
            r"m.yaml documents\[0\] \(id 'o'\): date '2017-13-45' is not an ISO date",
        ),
        (
            "february 30",
            "documents:\n  - {id: o, file: a.txt, origin: true, date: 2017-02-30}\n",
            r"date '2017-02-30' is not an ISO date",
        ),
        (
            "alias",
            "x: &a [1, 2]\ndocuments:\n  - {id: o, file: a.txt, origin: true, note: *a}\n",
            r"m.yaml:3: YAML aliases \(\*a\) are not allowed in a manifest",
        ),
        (
            "parent folder",
            "documents:\n  - {id: o, file: ../secret.txt, origin: true}\n",
            r"file '../secret.txt' resolves to .*secret.txt, outside .*corpus; a manifest reads only",
        ),
        (
            "absolute path",
            "documents:\n  - {id: o, file: /etc/hostname, origin: true}\n",
            r"file '/etc/hostname' resolves to /etc/hostname, outside",
        ),
        (
            "file is not a path",
            "documents:\n  - {id: o, file: [a.txt], origin: true}\n",
            r"file must be a path, not list",
        ),
    ],
)
def test_yaml_manifest_errors(folder, name, body, message):
    (folder.parent / "secret.txt").write_text("API_KEY=123", encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        Corpus.from_manifest(write(folder, body))


def test_billion_laughs_is_refused_quickly(folder):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("documents:\n  - {id: o, file: a.txt, origin: true, note: *i}")
    with pytest.raises(ManifestError, match="YAML aliases"):
        read_manifest(write(folder, "\n".join(lines) + "\n"))


def test_a_symlink_out_of_the_folder_is_refused_and_allow_root_lets_it_in(folder, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "o.txt").write_text(A, encoding="utf-8")
    (folder / "link.txt").symlink_to(outside / "o.txt")
    m = write(folder, "documents:\n  - {id: o, file: link.txt, origin: true}\n")
    with pytest.raises(ManifestError, match=r"file 'link.txt' resolves to .*elsewhere/o.txt, outside"):
        Corpus.from_manifest(m)
    c = Corpus.from_manifest(m, allow_roots=[outside])
    assert c.origin.file == folder / "link.txt"


def test_a_missing_file_is_named(folder):
    with pytest.raises(ManifestError, match=r"file 'nope.txt' does not exist"):
        Corpus.from_manifest(write(folder, "documents:\n  - {id: o, file: nope.txt, origin: true}\n"))


def test_csv_field_over_the_limit(folder):
    body = 'id,file,origin,note\no,a.txt,true,"' + "x" * (csv.field_size_limit() + 10) + '"\n'
    with pytest.raises(ManifestError, match=r"m.csv:\d+: not valid CSV \(a field is longer than 131,072"):
        Corpus.from_manifest(write(folder, body, "m.csv"))


def test_csv_unclosed_quote_reads_to_the_end_and_is_reported(folder):
    body = 'id,file,origin,note\no,a.txt,true,"open\n' + ("y" * 1000 + "\n") * 200
    with pytest.raises(ManifestError, match=r"m.csv:\d+: not valid CSV \(a field is longer"):
        Corpus.from_manifest(write(folder, body, "m.csv"))


def test_csv_u2028_in_a_field_is_text_not_a_new_row(folder):
    body = "id,file,origin,via,title\no,a.txt,true,,Line one\u2028line two\nx,b.txt,false,o,T\n"
    c = Corpus.from_manifest(write(folder, body, "m.csv"))
    assert [d.id for d in c] == ["o", "x"]
    assert c.origin.title == "Line one\u2028line two"


def test_an_origin_with_no_file_warns(folder):
    body = "documents:\n  - {id: o, origin: true}\n  - {id: x, file: b.txt, via: [o]}\n"
    m = write(folder, body)
    with pytest.warns(ManifestWarning, match=r"the original 'o' has no file.*labelled commentary"):
        Corpus.from_manifest(m)
    found: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Corpus.from_manifest(m, warnings=found)
    assert len(found) == 1 and "has no file" in found[0]


def test_a_long_chain_is_checked_without_recursion(folder):
    n = 5000
    rows = ["  - {id: d0, file: a.txt, origin: true}"] + [
        f"  - {{id: d{i}, via: [d{i - 1}]}}" for i in range(1, n)
    ]
    c = Corpus.from_manifest(write(folder, "documents:\n" + "\n".join(rows) + "\n"))
    assert c.hops[f"d{n - 1}"] == n - 1


@pytest.mark.slow
def test_cli_no_document_with_a_file(folder, capsys):
    from rhetoric.cli import main

    m = write(folder, "documents:\n  - {id: o, origin: true}\n  - {id: x, via: [o]}\n")
    assert main(["corpus", str(m), "-o", str(folder / "out"), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "no document names a file: there is nothing to score" in err
    assert "has no file" in err  # the warning came first


@pytest.mark.slow
def test_cli_allow_root(folder, tmp_path, capsys):
    from rhetoric.cli import main

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "o.txt").write_text(A, encoding="utf-8")
    m = write(folder, f"documents:\n  - {{id: o, file: {outside / 'o.txt'}, origin: true}}\n")
    assert main(["corpus", str(m), "-o", str(tmp_path / "out"), "--no-charts", "--no-progress"]) == 2
    assert "outside" in capsys.readouterr().err
    argv = [
        "corpus",
        str(m),
        "-o",
        str(tmp_path / "out"),
        "--no-charts",
        "--no-progress",
        "--allow-root",
        str(outside),
    ]
    assert main(argv) == 0
    assert (tmp_path / "out" / "COMPLETE").read_text(encoding="utf-8").splitlines()[0] == "paragraphs.csv"


@pytest.mark.slow
def test_cli_corpus_ctrl_c_says_what_was_not_written(folder, tmp_path, capsys, monkeypatch):
    import rhetoric.charts as charts
    from rhetoric.cli import main
    from rhetoric.outputs import COMPLETE_MARKER

    out = tmp_path / "out"
    out.mkdir()
    (out / COMPLETE_MARKER).write_text("stale\n", encoding="utf-8")  # from an earlier run
    m = write(
        folder, "documents:\n  - {id: o, file: a.txt, origin: true}\n  - {id: x, file: b.txt, via: [o]}\n"
    )
    calls = []

    def save_chart(chart, path):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        path.write_text("chart", encoding="utf-8")
        return path

    monkeypatch.setattr(charts, "save_chart", save_chart)
    assert main(["corpus", str(m), "-o", str(out), "--no-progress"]) == 130
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"rhetoric: {out}: interrupted; not written: charts/measures_by_provenance.svg, " in err
    assert f"(no {COMPLETE_MARKER} marker)" in err
    assert not (out / COMPLETE_MARKER).exists()
    assert (out / "charts" / "measures_by_provenance.png").exists()
    assert not (out / "charts" / "measures_by_provenance.svg").exists()
    assert not [p for p in out.rglob(".*")]  # no temporary file left behind


@pytest.mark.slow
def test_corpus_csv_is_neutralised_and_parquet_is_not(folder, tmp_path):
    import pandas as pd

    from rhetoric.cli import main

    (folder / "a.txt").write_text("=1+1 The deal was made.\n\nOfficials said it may hold.", encoding="utf-8")
    m = write(
        folder,
        "documents:\n  - {id: o, file: a.txt, origin: true, title: '@SUM(A1)', outlet: '-2+3'}\n",
    )
    out = tmp_path / "out"
    assert main(["corpus", str(m), "-o", str(out), "--no-charts", "--no-progress"]) == 0
    c = pd.read_csv(out / "paragraphs.csv", keep_default_na=False)
    q = pd.read_parquet(out / "paragraphs.parquet")
    assert c["text"][0] == "'=1+1 The deal was made." and q["text"][0] == "=1+1 The deal was made."
    assert (c["title"][0], c["outlet"][0]) == ("'@SUM(A1)", "'-2+3")
    assert c["certainty"].dtype.kind == "f"


@pytest.mark.slow
def test_corpus_reports_a_mixed_encoding_document(folder, analyzer):
    (folder / "b.txt").write_bytes(
        "“It may,” he said.\n\n".encode() + "“It will,” she said.\n".encode("cp1252")
    )
    m = write(
        folder, "documents:\n  - {id: o, file: a.txt, origin: true}\n  - {id: x, file: b.txt, via: [o]}\n"
    )
    found: list[str] = []
    Corpus.from_manifest(m).score(analyzer, warnings=found)
    assert len(found) == 1 and "document 'x'" in found[0] and "line(s) 3 are not UTF-8" in found[0]
