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
