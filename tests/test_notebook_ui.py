"""A real notebook UI test: notebook 01 in JupyterLab, driven in headless Chromium.

The test starts JupyterLab on 127.0.0.1 (a free port, a random token, its
configuration and runtime files in a temporary folder), opens
``notebooks/01-explore.ipynb`` in Debian's headless Chromium, runs all cells,
pastes a text into the widget's box, presses **Score the text**, and checks
that the highlighted text and a drawn chart appear under the buttons, with no
console error. A screenshot is kept in ``build/test-artifacts/``.

Chromium is driven over the DevTools protocol (``websocket-client``, which
Jupyter Server already depends on). Host names resolve to nothing
(``--host-resolver-rules``), so the page can reach only the loopback server.
Without Chromium the test is skipped, except on CI (``CI`` set).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser import ARTIFACTS, BASE_FLAGS, find_chromium

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "notebooks/01-explore.ipynb"
PASTED = (
    "Ministers may have known about the deal, officials said on Monday.\n\n"
    "Obviously they lied about all of it, the BBC reported."
)

pytestmark = [pytest.mark.slow, pytest.mark.notebook, pytest.mark.browser]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(predicate, timeout: float, what: str, interval: float = 0.5):
    end = time.monotonic() + timeout
    last = None
    while time.monotonic() < end:
        try:
            last = predicate()
        except Exception as e:  # not up yet
            last = e
        if last and not isinstance(last, Exception):
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what} (last: {last!r})")


@pytest.fixture(scope="module")
def chromium_path() -> str:
    path = find_chromium()
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail("Chromium is required on CI (apt-get install chromium)")
    pytest.skip("Chromium not found: install Debian's chromium (apt-get install chromium) to run the UI test")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on loopback: (base URL, token). Stopped (its own process only) at the end."""
    pytest.importorskip("jupyterlab")
    home = tmp_path_factory.mktemp("lab")
    env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "IPYTHONDIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
        (home / var.lower()).mkdir()
        env[var] = str(home / var.lower())
    # No "get notified about Jupyter news?" prompt over the screenshot.
    settings = home / "jupyter_config_dir" / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}', encoding="utf-8")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT / "src"), env.get("PYTHONPATH")]))
    # Serve a copy: running the cells in JupyterLab must never save outputs into the repository's notebook.
    root = home / "root"
    (root / "notebooks").mkdir(parents=True)
    (root / "data").symlink_to(REPO_ROOT / "data")
    shutil.copy2(REPO_ROOT / NOTEBOOK, root / NOTEBOOK)
    port, token = _free_port(), secrets.token_hex(16)
    cmd = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        "--port-retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: run the cells as a user's menu would
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # no PyPI queries from the extension manager
        "--KernelSpecManager.ensure_native_kernel=True",
        "--allow-root",  # CI containers run as root; the server listens on loopback only
    ]  # fmt: skip
    log = open(home / "lab.log", "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(
            lambda: urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2).status == 200,
            120,
            "JupyterLab to start",
        )
        yield base, token
    finally:
        # Shut down the kernels we started, then the server (only our own process).
        try:
            req = urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST", data=b"")
            urllib.request.urlopen(req, timeout=10)
            proc.wait(timeout=30)
        except Exception:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        log.close()


class DevTools:
    """Just enough of the Chrome DevTools protocol: commands, and the console events that come back."""

    def __init__(self, ws_url: str) -> None:
        import websocket

        self.ws = websocket.create_connection(ws_url, timeout=120, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, **params) -> dict:
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def js(self, expression: str):
        """Evaluate JavaScript in the page (promises awaited) and return its value."""
        r = self.send("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in r:
            raise RuntimeError(
                r["exceptionDetails"].get("exception", {}).get("description", r["exceptionDetails"])
            )
        return r["result"].get("value")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries seen so far."""
        self.send("Runtime.evaluate", expression="1")  # collect pending events
        out = []
        for e in self.events:
            p = e.get("params", {})
            if e["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append(
                    "console.error: "
                    + " ".join(str(a.get("value", a.get("description", ""))) for a in p["args"])
                )
            elif e["method"] == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                out.append("uncaught: " + str(d.get("exception", {}).get("description", d.get("text"))))
            elif e["method"] == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                out.append(f"log: {p['entry'].get('text')} {p['entry'].get('url', '')}")
        return out

    def close(self) -> None:
        self.ws.close()


@pytest.fixture
def browser(chromium_path, tmp_path):
    pytest.importorskip("websocket")
    port = _free_port()
    flags = [
        *BASE_FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--remote-debugging-port={port}",
        "--remote-allow-origins=*",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",  # only our loopback server is reachable
        "--window-size=1400,2400",
        "about:blank",
    ]
    proc = subprocess.Popen([chromium_path, *flags], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        targets = _wait(
            lambda: [
                t
                for t in json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=2))
                if t.get("type") == "page"
            ],
            60,
            "Chromium's DevTools",
        )
        tools = DevTools(targets[0]["webSocketDebuggerUrl"])
        for domain in ("Page", "Runtime", "Log"):
            tools.send(f"{domain}.enable")
        yield tools
        tools.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


# JavaScript run in the page, as small named pieces.
# The notebook's panel (headless, nothing has focus, so not shell.currentWidget).
NB = """(() => { if (!window.jupyterapp) return null;
  for (const w of window.jupyterapp.shell.widgets('main'))
    if (w.context && w.context.path.endsWith('01-explore.ipynb')) return w;
  return null; })()"""
NOTEBOOK_READY = f"""(() => {{
  const w = {NB};
  return !!(w && w.context && w.context.path.endsWith('01-explore.ipynb') && w.sessionContext
            && w.sessionContext.session && w.sessionContext.session.kernel
            && w.sessionContext.session.kernel.connectionStatus === 'connected'
            && w.content && w.content.widgets.length > 5);
}})()"""
RUN_ALL = f"""(() => {{ const w = {NB}; window.jupyterapp.shell.activateById(w.id);
  return window.jupyterapp.commands.execute('notebook:run-all-cells').then(() => true); }})()"""
KERNEL_IDLE = f"""(() => {{ const w = {NB};
  return w.sessionContext.session.kernel.status === 'idle'
    && !w.content.widgets.some(c => c.model.type === 'code' && c.model.executionCount === null
                                    && c.model.sharedModel.source.trim()); }})()"""
BOX_READY = "!!document.querySelector('.widget-textarea textarea')"
FOCUS_BOX = """(() => { const t = document.querySelector('.widget-textarea textarea');
  t.scrollIntoView({block: 'center'}); t.focus(); t.select(); return t.value.length; })()"""
BOX_VALUE = "document.querySelector('.widget-textarea textarea').value"
PRESS = """(() => { const b = [...document.querySelectorAll('button.jupyter-button')]
  .find(b => b.textContent.trim() === 'Score the text'); b.scrollIntoView({block: 'center'}); b.click(); return true; })()"""
# The results appear in the Output widget under the buttons, not in the cells below.
RESULTS = """(() => {
  const out = [...document.querySelectorAll('.widget-output')].find(o => o.querySelector('.rhetoric-hl'));
  if (!out) return null;
  const hl = out.querySelector('.rhetoric-hl');
  const text = [...hl.querySelectorAll('.rh-text > p')].map(p => p.textContent);
  const cues = [...hl.querySelectorAll('.rh-seg[data-tip]')].filter(s => s.querySelector('.rh-c'))
    .map(s => [s.textContent, [...s.querySelectorAll('.rh-c')].map(c => c.className)]);
  const charts = [...out.querySelectorAll('.rhetoric-chart')].map(c => ({
    live: c.classList.contains('rhetoric-chart-live'),
    marks: c.querySelectorAll('svg .mark-rect path, svg .mark-rect rect, svg path.mark-rect, svg g.mark-rect *').length,
    svg: !!c.querySelector('svg')}));
  return {text, cues, charts};
})()"""


STATE = """(() => { const app = window.jupyterapp; if (!app) return {app: false, title: document.title};
  const w = [...app.shell.widgets('main')].find(w => w.context && w.context.path.endsWith('.ipynb')); const s = w && w.sessionContext && w.sessionContext.session;
  return {app: true, widget: w && w.id, path: w && w.context && w.context.path, cells: w && w.content && w.content.widgets
    && w.content.widgets.length, kernel: s && s.kernel && [s.kernel.connectionStatus, s.kernel.status],
    dialogs: [...document.querySelectorAll('.jp-Dialog-header')].map(d => d.textContent)}; })()"""


SHOW_CHART = """(() => { const c = [...document.querySelectorAll('.widget-output .rhetoric-chart')][0];
  c.scrollIntoView({block: 'center'}); return true; })()"""


def _screenshot(browser, name: str) -> None:
    import base64

    shot = browser.send("Page.captureScreenshot", format="png")
    (ARTIFACTS / name).write_bytes(base64.b64decode(shot["data"]))


def _step(browser, check, timeout: float, what: str, interval: float = 0.5):
    """Wait for a step; on failure keep a screenshot and say where the page was."""
    try:
        return _wait(check, timeout, what, interval)
    except AssertionError as e:
        _screenshot(browser, "notebook-01-ui-failed.png")
        raise AssertionError(f"{e}; page state: {browser.js(STATE)}; errors: {browser.errors()}") from None


def test_paste_a_text_and_press_the_button(lab, browser):
    base, token = lab
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.send("Page.navigate", url=f"{base}/lab/tree/{NOTEBOOK}?token={token}")
    _step(browser, lambda: browser.js(NOTEBOOK_READY), 180, "JupyterLab to open notebook 01 with a kernel")
    browser.js(RUN_ALL)
    _step(browser, lambda: browser.js(BOX_READY), 300, "the text box widget")
    _step(browser, lambda: browser.js(KERNEL_IDLE), 600, "all cells to run", interval=2)

    # Paste: select what is in the box and insert our text, as a paste does.
    assert browser.js(FOCUS_BOX) > 1000  # the example article is there first
    browser.send("Input.insertText", text=PASTED)
    assert browser.js(BOX_VALUE) == PASTED
    time.sleep(1)  # let the widget sync its value to the kernel
    browser.js(PRESS)

    def scored():
        r = browser.js(RESULTS)
        return r if r and r["text"] == PASTED.split("\n\n") and r["charts"] else None

    _step(browser, scored, 180, "the highlighted text and the chart under the button")
    _step(browser, lambda: browser.js(KERNEL_IDLE), 120, "the kernel to finish", interval=1)
    got = browser.js(RESULTS)
    _screenshot(browser, "notebook-01-ui.png")  # the pasted text and its highlights
    browser.js(SHOW_CHART)
    time.sleep(0.5)
    _screenshot(browser, "notebook-01-ui-chart.png")  # the chart under them

    cues = {text: " ".join(classes) for text, classes in got["cues"]}
    assert "rh-hedge" in cues.get("may", ""), got["cues"]
    assert "rh-absolute" in cues.get("Obviously", ""), got["cues"]
    assert "rh-source" in cues.get("said", ""), got["cues"]
    # The chart was drawn: the live view replaced the static one and has bars.
    assert any(c["live"] and c["svg"] and c["marks"] > 0 for c in got["charts"]), got["charts"]
    assert browser.errors() == []
