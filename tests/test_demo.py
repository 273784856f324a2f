"""build/index.html: the page `make demo` ends with, linking every output."""

from __future__ import annotations

import re

from rhetoric.demo import SECTIONS, main, write_index

OUTPUTS = [
    "raqqa/highlighted/000_4cfd2fefd0795d5b.html",
    "raqqa/highlighted/bbc_raqqas_dirty_secret.reconstructed.html",
    "classroom/worksheet.html",
    "classroom/answer_key.html",
    "raqqa/corpus/charts/chain_over_time.png",
    "raqqa/corpus/charts/chain_over_time.html",
    "notebooks/01-explore.html",
    "notebooks/01-explore.ipynb",
    "raqqa/paragraphs.csv",
    "raqqa/corpus/paragraphs.parquet",
]


def test_index_links_every_output(tmp_path):
    for name in OUTPUTS:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "test-artifacts").mkdir()
    (tmp_path / "test-artifacts" / "screenshot.png").write_text("x")  # not a demo output
    page = write_index(tmp_path).read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)"', page)
    assert sorted(links) == sorted(OUTPUTS)  # every output, relative, nothing else
    # In the order a newcomer needs them: articles first, tables last.
    assert links.index("raqqa/highlighted/000_4cfd2fefd0795d5b.html") < links.index(
        "classroom/worksheet.html"
    )
    assert links.index("classroom/worksheet.html") < links.index("raqqa/corpus/charts/chain_over_time.png")
    assert links.index("notebooks/01-explore.html") < links.index("raqqa/paragraphs.csv")
    assert "<script" not in page and "default-src 'none'" in page
    assert not list(tmp_path.glob(".index*"))


def test_an_empty_section_says_how_to_fill_it(tmp_path):
    page = write_index(tmp_path).read_text(encoding="utf-8")
    assert page.count("Not built yet: run <code>make demo</code>.") == len(SECTIONS)


def test_main_prints_the_path(tmp_path, capsys):
    assert main([str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == str((tmp_path / "index.html").resolve())


def test_make_demo_highlights_every_seed_and_ends_with_the_index(repo_root):
    makefile = (repo_root / "Makefile").read_text(encoding="utf-8")
    demo = makefile[makefile.index("demo: $(STAMP)") : makefile.index("test: $(STAMP)")]
    assert "rhetoric html" in demo and "data/raqqa/*.txt" in demo
    assert demo.rstrip().splitlines()[-1].strip() == "@$(BIN)/python -m rhetoric.demo build"
