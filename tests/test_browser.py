"""Pages render offline, in a real browser: the executed notebooks, the highlight page, the worksheet.

A classroom may have no internet. Each page is loaded from disk in headless
Chromium with every request sent to a recording dead-end proxy and every host
name resolving to nothing (see ``tests/browser.py``), after its scripts ran.
Then:

* every chart drew its live Vega view (an <svg>, and the class the renderer
  adds when vega-embed succeeded), not only the static fallback;
* nothing went to the console as an error, nothing was uncaught, no resource
  failed to load;
* the page asked for nothing over the network, and refers to nothing remote.

A screenshot of each page is kept in ``build/test-artifacts/`` (for a notebook,
from its first chart down) with the exported HTML beside it.

Without Chromium these tests are skipped, except on CI (``CI`` set), where a
missing browser is a failure: ``.ci/run`` installs it.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from browser import (
    ARTIFACTS,
    REPO_ROOT,
    charts_in,
    execute_notebook,
    export_html,
    find_chromium,
    load_offline,
    remote_refs,
)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SEED = REPO_ROOT / "data" / "raqqa" / "000_4cfd2fefd0795d5b.txt"
# Click the "words" heading of notebook 04's sortable table twice; note the column's order after each click.
SORT_CHECK = """window.addEventListener('load', function(){ setTimeout(function(){
  var t = document.querySelector('table.rhetoric-sortable'); if (!t) return;
  var heads = Array.prototype.slice.call(t.tHead.rows[0].cells);
  var i = heads.findIndex(function(h){ return h.textContent.trim() === 'words'; });
  function column(){ return Array.prototype.map.call(t.tBodies[0].rows, function(r){ return Number(r.cells[i].dataset.v); }); }
  heads[i].click(); var up = column(); heads[i].click(); var down = column();
  document.documentElement.setAttribute('data-sort-check', JSON.stringify([up, down]));
}, 1000); });"""
# A blank 1300x2000 PNG is about 11 kB; a page with text and charts is far larger.
MIN_SCREENSHOT_BYTES = 40_000


def _on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def chromium() -> str:
    path = find_chromium()
    if path:
        return path
    if _on_ci():
        pytest.fail(
            "Chromium is not installed but CI is set: .ci/run must install it "
            "(apt-get install -y chromium) before `make test`."
        )
    pytest.skip(
        "Chromium is not installed (Debian: apt-get install chromium); the offline rendering tests need it"
    )


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def executed(tmp_path_factory):
    """Execute a notebook once per session (the worksheet test needs 03's run too)."""
    cache: dict[str, object] = {}

    def run(path: Path):
        if path.name not in cache:
            cache[path.name] = execute_notebook(path, tmp_path_factory.mktemp(path.stem))
        return cache[path.name]

    return run


def assert_offline(load, page: str, name: str) -> None:
    """The checks every page must pass, with messages that say what went wrong."""
    assert not remote_refs(page), f"{name} refers to remote resources: {remote_refs(page)}"
    assert not load.requests, f"{name} tried to reach the network: {load.requests}"
    assert not load.errors, f"{name} logged errors in the browser: {load.errors}"
    assert not load.uncaught, f"{name}: uncaught exceptions in Chromium's log: {load.uncaught}"


def keep_screenshot(load, name: str) -> None:
    shot = load.screenshot
    assert shot is not None and shot.exists(), f"no screenshot of {name}"
    assert shot.stat().st_size > MIN_SCREENSHOT_BYTES, f"the screenshot of {name} looks blank: {shot}"


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_renders_offline(path, chromium, artifacts, executed):
    nb = executed(path)
    page = export_html(nb)
    out = artifacts / f"{path.stem}.html"
    out.write_text(page, encoding="utf-8")
    before = charts_in(page)
    assert before, f"{path.name} shows no chart"
    assert all(c["svg"] for c in before), "a chart has no static SVG to fall back on"

    load = load_offline(
        out,
        chromium=chromium,
        screenshot=artifacts / f"{path.stem}.png",
        anchor=before[0]["id"],
        script=SORT_CHECK if path.stem.startswith("04-") else "",
    )

    assert_offline(load, page, path.name)
    after = charts_in(load.dom)
    assert [c["id"] for c in after] == [c["id"] for c in before]
    dead = [c["id"] for c in after if not c["live"]]
    assert not dead, f"{path.name}: {len(dead)} of {len(after)} charts did not draw their live view: {dead}"
    keep_screenshot(load, path.name)
    if path.stem.startswith("04-"):
        assert 'data-sortable="1"' in load.dom, "the sortable table's script did not run"
        m = re.search(r'data-sort-check="([^"]*)"', load.dom)
        assert m, "the sort check did not run"
        up, down = json.loads(html.unescape(m.group(1)))
        assert len(up) > 1 and up == sorted(up) and down == sorted(up, reverse=True), (up, down)


def test_highlight_page_renders_offline(chromium, artifacts, tmp_path):
    from rhetoric.cli import main

    out = artifacts / "highlight-000.html"
    assert main(["html", str(SEED), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page, "the highlight page is meant to run no script"
    cues = ".rh-c.rh-hedge", ".rh-c.rh-absolute", ".rh-c.rh-emotive", ".rh-c.rh-source"

    load = load_offline(out, chromium=chromium, screenshot=artifacts / "highlight-000.png", measure=cues)

    assert_offline(load, page, out.name)
    for sel in cues:
        got = load.styles.get(sel) or {}
        assert got.get("count", 0) > 0, f"no {sel} highlight on the page"
        # A highlight is visible: a background or an underline that the stylesheet gave it.
        assert got["background"] not in (None, "rgba(0, 0, 0, 0)") or got["decoration"] not in (
            None,
            "none",
        ), f"{sel} is not styled: {got}"
    keep_screenshot(load, out.name)


@pytest.mark.notebook
@pytest.mark.parametrize("name", ["worksheet", "answer_key"])
def test_classroom_pages_render_offline(name, chromium, artifacts, executed):
    classroom = [p for p in NOTEBOOKS if p.stem.startswith("03-")]
    assert classroom, "notebooks/03-*.ipynb is missing"
    executed(classroom[0])  # writes build/classroom/
    src = REPO_ROOT / "build" / "classroom" / f"{name}.html"
    assert src.exists(), f"the classroom notebook did not write {src}"
    out = artifacts / f"{name}.html"
    shutil.copyfile(src, out)
    page = out.read_text(encoding="utf-8")
    assert "@media print" in page, "the page has no print styles"
    assert "<script" not in page

    load = load_offline(
        out, chromium=chromium, screenshot=artifacts / f"{name}.png", measure=("ruby rt", ".hedge")
    )

    assert_offline(load, page, out.name)
    numbers = load.styles["ruby rt"]
    assert numbers["count"] > 150 and numbers["display"] != "none", f"word numbers not shown: {numbers}"
    if name == "answer_key":
        assert load.styles[".hedge"]["count"] > 0 and load.styles[".hedge"]["color"] != "rgb(17, 17, 17)"
    keep_screenshot(load, out.name)


def test_the_checks_catch_a_page_that_reaches_out(chromium, tmp_path):
    """The negative control: a page that fetches, logs an error, throws, and whose chart never drew."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html><head><script src='https://cdn.example.org/vega.js'></script></head><body>"
        '<div id="rhetoric-chart-0123456789ab" class="rhetoric-chart"><svg></svg></div>'
        "<img src='http://example.org/a.png'>"
        "<script>console.error('boom'); undefinedFunction();</script></body></html>",
        encoding="utf-8",
    )
    load = load_offline(page, chromium=chromium)
    assert len(remote_refs(page.read_text(encoding="utf-8"))) == 2
    assert any("cdn.example.org" in r for r in load.requests)
    assert any("example.org/a.png" in r for r in load.requests)
    assert any(e.startswith("console.error: boom") for e in load.errors)
    assert any(e.startswith("failed to load") for e in load.errors)
    assert any("undefinedFunction" in e for e in load.errors) and load.uncaught
    assert [c["live"] for c in charts_in(load.dom)] == [False]
