"""Headless Chromium with the network off, for the tests that prove pages render offline.

A page is loaded from a ``file://`` URL with every network request sent to a
proxy on 127.0.0.1 that we run ourselves: it answers nothing and writes down
what was asked of it, so "no request was attempted" is observed, not assumed.
Host names resolve to nothing (``--host-resolver-rules``), so a request cannot
get out even past the proxy. Chromium's own background services (update
checks, sign-in) still knock on the proxy; their hosts are listed in
:data:`BROWSER_SERVICE_HOSTS` and told apart from the page's requests.

Console errors are caught twice: a small script put first in the page records
``console.error``, uncaught exceptions, rejected promises and resources that
failed to load into an attribute of ``<html>``, which the dumped DOM carries
out; and Chromium's own log (``--enable-logging=stderr``) is searched for
"Uncaught".

Also here: executing a notebook the way the tests do, and exporting it to HTML
with nbconvert's lab template minus the pieces it loads from CDNs (require.js,
MathJax, Mermaid, the widget manager).
"""

from __future__ import annotations

import html as _html
import json
import re
import shutil
import socket
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO_ROOT / "build" / "test-artifacts"

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Flags from ENVIRONMENT.md, plus the network cut-off.
BASE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-domain-reliability",
    "--no-pings",
    "--hide-scrollbars",
    "--disable-features=Translate,OptimizationHints,MediaRouter,NetworkTimeServiceQuerying",
)

# Requests Chromium makes by itself whatever the page is (seen with about:blank).
BROWSER_SERVICE_HOSTS = frozenset({
    "accounts.google.com",
    "android.clients.google.com",  # push messaging (GCM) registration, seen with Debian's chromium 150
    "clients2.google.com",
    "clientservices.googleapis.com",
    "content-autofill.googleapis.com",
    "optimizationguide-pa.googleapis.com",
    "safebrowsingohttpgateway.googleapis.com",
    "update.googleapis.com",
    "redirector.gvt1.com",
    "edgedl.me.gvt1.com",
    "www.google.com",
})  # fmt: skip

# Put first in <head>: records errors into <html data-rhetoric-errors="[...]">.
ERROR_PROBE = """<script>(function(){
var log=[], root=document.documentElement;
function rec(kind, msg){ log.push(kind + ': ' + msg); root.setAttribute('data-rhetoric-errors', JSON.stringify(log)); }
root.setAttribute('data-rhetoric-errors', '[]');
var orig = console.error;
console.error = function(){ rec('console.error', Array.prototype.map.call(arguments, String).join(' ')); return orig.apply(console, arguments); };
window.addEventListener('error', function(e){
  var t = e.target;
  if (t && t !== window && (t.src || t.href)) { rec('failed to load', t.src || t.href); }
  else { rec('uncaught', e.message); }
}, true);
window.addEventListener('unhandledrejection', function(e){ rec('unhandled rejection', String(e.reason)); });
})();</script>"""


# Headless screenshots of a scrolled page come out blank, so to show a chart
# further down, the page is shifted up under a fixed viewport instead.
SHIFT_TO = """<script>(function(){
function shift(){ var el = document.getElementById('%s'); if (!el) return;
  document.body.style.transform = '';
  var y = el.getBoundingClientRect().top + window.scrollY;
  document.body.style.transform = 'translateY(' + (60 - y) + 'px)'; }
window.addEventListener('load', function(){ shift(); setTimeout(shift, 3000); });
})();</script>"""


# Computed styles of the first element matching each selector, after load:
# <html data-rhetoric-styles='{"selector": {"count": n, "color": ..., ...}}'>.
STYLE_PROBE = """<script>(function(){
var sels = %s;
window.addEventListener('load', function(){ setTimeout(function(){
  var out = {};
  sels.forEach(function(sel){
    var all = document.querySelectorAll(sel), el = all[0], cs = el ? getComputedStyle(el) : null;
    out[sel] = {count: all.length, color: cs && cs.color, background: cs && cs.backgroundColor,
                decoration: cs && cs.textDecorationLine, display: cs && cs.display};
  });
  document.documentElement.setAttribute('data-rhetoric-styles', JSON.stringify(out));
}, 500); });
})();</script>"""


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) binary, or None."""
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


class _RequestRecorder:
    """A TCP listener on 127.0.0.1 used as the browser's proxy: it writes down each request line and hangs up."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.requests: list[str] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    first = conn.recv(4096).split(b"\r\n", 1)[0]
                    self.requests.append(first.decode("latin-1"))
                except OSError:
                    self.requests.append("(connection without a request line)")

    def __enter__(self) -> _RequestRecorder:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.sock.close()


def request_host(line: str) -> str:
    """The host a proxy request line asks for: ``CONNECT h:443 ...`` or ``GET http://h/... ...``."""
    parts = line.split()
    if len(parts) < 2:
        return ""
    target = parts[1]
    if parts[0] == "CONNECT":
        return target.rsplit(":", 1)[0]
    m = re.match(r"[a-z]+://([^/:]+)", target)
    return m.group(1) if m else ""


@dataclass
class PageLoad:
    """What one offline page load left behind."""

    dom: str
    errors: list[str]  # from the probe script
    styles: dict  # selector -> count and computed style of its first match (see ``measure``)
    console: list[str]  # Chromium's CONSOLE log lines
    requests: list[str]  # proxy request lines made for the page (browser services removed)
    service_requests: list[str] = field(default_factory=list)
    screenshot: Path | None = None

    @property
    def uncaught(self) -> list[str]:
        return [line for line in self.console if "Uncaught" in line]


def _flags(user_data: Path, port: int, budget_ms: int) -> list[str]:
    return [
        *BASE_FLAGS,
        f"--user-data-dir={user_data}",
        f"--proxy-server=127.0.0.1:{port}",
        "--proxy-bypass-list=<-loopback>",
        # Every host name resolves to nothing; the proxy's literal address is left alone.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        f"--virtual-time-budget={budget_ms}",
    ]


def with_probe(page: str, extra: str = "") -> str:
    """The page with :data:`ERROR_PROBE` (and ``extra``) as the first thing the browser runs."""
    m = re.search(r"<head[^>]*>", page, flags=re.I) or re.search(r"<html[^>]*>", page, flags=re.I)
    at = m.end() if m else 0
    return page[:at] + ERROR_PROBE + extra + page[at:]


def load_offline(
    html_path: Path,
    *,
    chromium: str,
    screenshot: Path | None = None,
    anchor: str | None = None,
    measure: tuple[str, ...] = (),
    script: str = "",
    window: tuple[int, int] = (1300, 2000),
    budget_ms: int = 10_000,
    timeout: float = 180,
) -> PageLoad:
    """Load ``html_path`` in headless Chromium with the network off; dump the DOM after scripts ran.

    The page is copied next to itself with the error probe added (so relative
    links still resolve) and the copy is removed afterwards. With
    ``screenshot``, a second run saves a PNG of ``window`` pixels of the page,
    from its top or, with ``anchor`` (an element id), from just above that element.
    ``measure`` lists CSS selectors whose count and computed style are
    reported in :attr:`PageLoad.styles`. ``script`` is more JavaScript to run
    in the page (in the DOM dump only), e.g. to click something and write the
    outcome into an attribute.
    """
    html_path = Path(html_path).resolve()
    page = html_path.read_text(encoding="utf-8")
    probe = html_path.with_name(f".probe-{html_path.name}")
    extra = STYLE_PROBE % json.dumps(list(measure)) if measure else ""
    extra += f"<script>{script}</script>" if script else ""
    probe.write_text(with_probe(page, extra), encoding="utf-8")
    shot_page = html_path.with_name(f".probe-shot-{html_path.name}")
    shot_page.write_text(with_probe(page, SHIFT_TO % anchor if anchor else ""), encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory(prefix="rhetoric-chromium-") as tmp, _RequestRecorder() as rec:
            run = subprocess.run(
                [
                    chromium,
                    *_flags(Path(tmp) / "profile", rec.port, budget_ms),
                    "--enable-logging=stderr",
                    "--v=0",
                    "--dump-dom",
                    probe.as_uri(),
                ],
                capture_output=True,
                text=True,
                timeout=timeout,
            )
            if run.returncode != 0 or "<html" not in run.stdout:
                raise RuntimeError(
                    f"chromium failed on {html_path} (exit {run.returncode}):\n{run.stderr[-3000:]}"
                )
            shot = None
            if screenshot is not None:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                shot_run = subprocess.run(
                    [
                        chromium,
                        *_flags(Path(tmp) / "profile-shot", rec.port, budget_ms),
                        f"--screenshot={screenshot}",
                        f"--window-size={window[0]},{window[1]}",
                        shot_page.as_uri(),
                    ],
                    capture_output=True,
                    text=True,
                    timeout=timeout,
                )
                if shot_run.returncode != 0 or not screenshot.exists():
                    raise RuntimeError(
                        f"chromium could not take a screenshot of {html_path}:\n{shot_run.stderr[-3000:]}"
                    )
                shot = screenshot
            lines = list(rec.requests)
    finally:
        probe.unlink(missing_ok=True)
        shot_page.unlink(missing_ok=True)
    dom = run.stdout
    m = re.search(r'data-rhetoric-errors="([^"]*)"', dom)
    errors = json.loads(_html.unescape(m.group(1))) if m else ["the error probe did not run"]
    m = re.search(r'data-rhetoric-styles="([^"]*)"', dom)
    styles = json.loads(_html.unescape(m.group(1))) if m else {}
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    page_requests = [r for r in lines if request_host(r) not in BROWSER_SERVICE_HOSTS]
    service = [r for r in lines if request_host(r) in BROWSER_SERVICE_HOSTS]
    return PageLoad(dom, errors, styles, console, page_requests, service, shot)


# -- what a page refers to -----------------------------------------------------------


class _Refs(HTMLParser):
    """src/href/srcset/data attributes of elements that make the browser fetch something."""

    FETCHING = {
        "script": ("src",),
        "link": ("href",),
        "img": ("src", "srcset"),
        "iframe": ("src",),
        "source": ("src", "srcset"),
        "video": ("src", "poster"),
        "audio": ("src",),
        "embed": ("src",),
        "object": ("data",),
        "image": ("href", "xlink:href"),
        "use": ("href", "xlink:href"),
    }

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in self.FETCHING.get(tag, ()) and value:
                self.refs.append((tag, name, value))

    handle_startendtag = handle_starttag


def remote_refs(page: str) -> list[str]:
    """Every http(s) or protocol-relative URL the page's elements would fetch, and CSS @import/url() of one."""
    p = _Refs()
    p.feed(page)
    out = [f"<{t} {a}={v!r}>" for t, a, v in p.refs if re.match(r"\s*(https?:)?//", v, flags=re.I)]
    out += [
        f"css {m.group(0)}" for m in re.finditer(r"(@import\s+|url\(\s*)['\"]?(https?:)?//[^)'\";\s]+", page)
    ]
    return out


class _Charts(HTMLParser):
    """Finds ``rhetoric-chart`` divs and notes, for each, its classes and whether an <svg> is inside."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: list[dict] = []
        self._open: list[tuple[dict, int]] = []  # (chart, div depth inside it)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div":
            for i, (chart, depth) in enumerate(self._open):
                self._open[i] = (chart, depth + 1)
            classes = (a.get("class") or "").split()
            if "rhetoric-chart" in classes and (a.get("id") or "").startswith("rhetoric-chart-"):
                chart = {"id": a["id"], "classes": classes, "svg": False}
                self.charts.append(chart)
                self._open.append((chart, 0))
        elif tag == "svg":
            for chart, _ in self._open:
                chart["svg"] = True

    def handle_endtag(self, tag):
        if tag != "div" or not self._open:
            return
        self._open = [(c, d - 1) for c, d in self._open if d > 0]


def charts_in(dom: str) -> list[dict]:
    """The ``rhetoric-chart`` divs of a page: ``id``, ``classes``, ``svg`` (holds one), ``live``.

    ``live`` means the Vega view drew: the renderer adds ``rhetoric-chart-live``
    only when vega-embed resolved, vega-embed adds ``vega-embed``, and an <svg>
    is inside.
    """
    p = _Charts()
    p.feed(dom)
    for c in p.charts:
        c["live"] = c["svg"] and {"rhetoric-chart-live", "vega-embed"} <= set(c["classes"])
    return p.charts


# -- notebooks ---------------------------------------------------------------------

def export_html(nb) -> str:
    """An executed notebook as one HTML page that fetches nothing (the exporter ``make demo`` uses)."""
    from rhetoric.notebooks import export_html as _export

    return _export(nb)


def execute_notebook(path: Path, workdir: Path, timeout: int = 600):
    """Run a notebook top to bottom in a fresh kernel, Jupyter's config kept under ``workdir``."""
    from rhetoric.notebooks import execute

    return execute(path, workdir, timeout=timeout)
