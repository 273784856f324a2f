"""`rhetoric explain`: each file's block is headed with its name; --para stays 0-based."""

from __future__ import annotations

import pytest

from rhetoric.cli import _parser, main


def test_help_says_para_is_counted_from_0():
    (explain,) = [
        a for a in _parser()._subparsers._group_actions[0].choices["explain"]._actions if a.dest == "para"
    ]
    assert "counted from 0" in explain.help and "¶ 5 is --para 4" in explain.help


@pytest.mark.slow
def test_explain_folder_heads_each_file_with_its_name(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("It may rain.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Obviously it will.\n\nIt might.", encoding="utf-8")
    assert main(["explain", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    heads = [line for line in out.splitlines() if line.startswith("== ")]
    assert heads == [f"== {tmp_path / 'a.txt'} ==", f"== {tmp_path / 'b.txt'} =="]
    block_b = out.split(heads[1])[1]
    assert "Paragraph 0" in block_b and "Paragraph 1" in block_b and "[absolute, author]" in block_b


@pytest.mark.slow
def test_explain_one_paragraph_of_one_file(tmp_path, capsys):
    f = tmp_path / "b.txt"
    f.write_text("Obviously it will.\n\nIt might.", encoding="utf-8")
    assert main(["explain", str(f), "--para", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"== {f} ==\nParagraph 1 ") and "[hedge, author]" in out
