"""Notebooks are code: each runs top to bottom from a clean kernel, offline."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert all(
        not c.get("outputs") and c.get("execution_count") is None
        for c in nb["cells"]
        if c["cell_type"] == "code"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_paired_script_matches(path):
    """The jupytext .py twin holds the same code (diffs are read there)."""
    import jupytext

    script = path.with_suffix(".py")
    assert script.exists(), f"{script.name} missing: run `jupytext --sync {path.name}`"
    a = [c.source for c in jupytext.read(script).cells if c.cell_type == "code"]
    b = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    assert a == b


@pytest.mark.slow
@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path, tmp_path, monkeypatch):
    for var in ("JUPYTER_CONFIG_DIR", "IPYTHONDIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
        d = tmp_path / var.lower()
        d.mkdir()
        monkeypatch.setenv(var, str(d))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    # Charts carry a static SVG and their own JavaScript: nothing to fetch from a CDN.
    charts = [o for o in outputs if 'class="rhetoric-chart"' in o.get("data", {}).get("text/html", "")]
    assert charts and all("<svg" in o["data"]["text/html"] for o in charts), "no chart rendered"
    text = json.dumps(nb)
    assert "cdn.jsdelivr" not in text and "unpkg.com" not in text


SCRIPTS = sorted((REPO_ROOT / "notebooks").glob("[0-9][0-9]-*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_every_script_has_its_notebook(script):
    """The other half of the pairing: a new .py twin without its .ipynb would never run in CI."""
    assert script.with_suffix(".ipynb").exists(), f"run `jupytext --sync notebooks/{script.name}`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_charts_offline_from_the_first_cell(path):
    """A classroom may be offline: Altair's default renderer would fetch Vega from a CDN."""
    first = next(c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    assert "charts.enable_offline()" in first.source


def test_example_marks_are_labelled_and_well_formed(repo_root):
    """The classroom example is made up, says so, and has the columns the notebook reads."""
    import csv

    folder = repo_root / "data" / "classroom"
    assert "MADE-UP" in (folder / "README.md").read_text(encoding="utf-8")
    with open(folder / "example_marks.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and list(rows[0]) == ["student", "passage", "token_index", "label"]
    assert {r["label"] for r in rows} <= {"hedge", "absolute"}
    assert {r["passage"] for r in rows} == {"A", "B"}
    assert len({r["student"] for r in rows}) == 4
    assert all(r["token_index"].isdigit() and int(r["token_index"]) >= 1 for r in rows)
    keys = [(r["student"], r["passage"], r["token_index"]) for r in rows]
    assert len(keys) == len(set(keys)), "a word marked twice by one student"


EXPLORE_BUTTONS = """
# Added by the test: what the buttons do, without a browser to click them.
text_box.value = "It may rain. Obviously they lied, all of them, the BBC said."
on_score_text(None)
assert scores.doc_id == "my-text" and scores.spans["category"].isin(["hedge", "absolute"]).sum() >= 2
path_box.value = str(TEXT_FILE)
on_score_file(None)
assert scores.doc_id == TEXT_FILE.stem and text_box.value == scores.document.raw
explore(analyzer.score("It may rain. Obviously they lied.", doc_id="direct"))  # errors here are not swallowed
"""


@pytest.mark.slow
@pytest.mark.notebook
def test_explore_buttons_rerun_the_same_functions(tmp_path, monkeypatch):
    """01's Score buttons call the functions the cells use; run them as a click would."""
    from nbformat.v4 import new_code_cell

    path = REPO_ROOT / "notebooks" / "01-explore.ipynb"
    for var in ("JUPYTER_CONFIG_DIR", "IPYTHONDIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
        d = tmp_path / var.lower()
        d.mkdir()
        monkeypatch.setenv(var, str(d))
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(new_code_cell(EXPLORE_BUTTONS))
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    last = nb.cells[-1].outputs
    assert not [o for o in last if o.output_type == "error"]
    assert any('class="rhetoric-chart"' in o.get("data", {}).get("text/html", "") for o in last)
