"""The chart pages `rhetoric corpus` writes: nothing from the input runs, nothing is fetched (issue 10).

Article text, titles and outlets are inlined in each page's chart spec. They
are escaped for the <script> they sit in, and the page's Content-Security-
Policy lets only its own two inline scripts run (by hash) and fetches nothing.
The browser test loads the pages of a hostile corpus in headless Chromium
(see tests/browser.py) and checks that no payload ran and every chart drew.
"""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from rhetoric.charts import chart_html, script_json
from rhetoric.corpus import CHARTS

# Each payload, if it ran, would mark the page: data-pwned on <html>.
MARK = "document.documentElement.setAttribute('data-pwned','1')"
PAYLOADS = [
    f'in</script><img src=x onerror="{MARK}"> fact',
    f"</SCRIPT><script>{MARK}</script>",
    f"<!--<script>{MARK}</script>-->",
    f'\u2028\u2029</script ><svg onload="{MARK}">',
    '&lt;/script&gt;<iframe src="http://evil.example/"></iframe>',
]


def pwned(dom: str) -> bool:
    """Did a payload run? It sets an attribute on <html> (the text of the payload is elsewhere too)."""
    return re.search(r"<html[^>]*\sdata-pwned=", dom) is not None


def inline_scripts(page: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", page, flags=re.S)


def csp(page: str) -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert m, "the page has no Content-Security-Policy"
    return m.group(1)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_json_cannot_close_the_script(payload):
    out = script_json({"text": payload})
    assert "<" not in out and ">" not in out and "\u2028" not in out and "\u2029" not in out
    import json

    assert json.loads(out) == {"text": payload}


def test_chart_page_policy_allows_only_its_own_scripts():
    import altair as alt
    import pandas as pd

    chart = (
        alt.Chart(pd.DataFrame({"a": PAYLOADS, "b": range(len(PAYLOADS))})).mark_bar().encode(x="a", y="b")
    )
    page = chart_html(chart)
    scripts = inline_scripts(page)
    assert len(scripts) == 2  # the Vega bundle and the chart's own
    policy = csp(page)
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts
    }
    assert set(script_src) == hashes  # no 'unsafe-inline', no 'unsafe-eval', no host
    for p in PAYLOADS:
        assert p not in page


@pytest.mark.slow
@pytest.mark.browser
def test_hostile_corpus_chart_pages_run_nothing_and_draw(tmp_path):
    from browser import charts_in, find_chromium, load_offline, remote_refs

    chromium = find_chromium()
    if chromium is None:
        import os

        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail("Chromium is not installed but CI is set")
        pytest.skip("Chromium is not installed")
    from rhetoric.cli import main

    data = tmp_path / "corpus"
    data.mkdir()
    body = "\n\n".join(
        f"Officials said the convoy may have carried fighters, {p} and it was obviously a lie."
        for p in PAYLOADS
    )
    (data / "orig.txt").write_text(
        "The convoy left Raqqa at dawn. Officials said it may have carried fighters.\n\n" + body,
        encoding="utf-8",
    )
    (data / "copy.txt").write_text(
        "Obviously the convoy left Raqqa, a disgraceful deal.\n\n" + body, encoding="utf-8"
    )
    title = PAYLOADS[0].replace("'", "")
    outlet = PAYLOADS[1].replace("'", "")
    (data / "m.yaml").write_text(
        "documents:\n"
        f"  - {{id: orig, file: orig.txt, origin: true, date: 2017-11-13, title: '{title}', outlet: '{outlet}'}}\n"
        f"  - {{id: copy, file: copy.txt, via: [orig], date: 2017-11-20, title: '{title}', outlet: '{outlet}'}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["corpus", str(data / "m.yaml"), "-o", str(out), "--no-progress"]) == 0
    pages = sorted((out / "charts").glob("*.html"))
    assert len(pages) == len(CHARTS)
    carrying = [p.name for p in pages if "\\u003c/script\\u003e" in p.read_text(encoding="utf-8")]
    assert carrying, "no chart page carries the hostile text: the test proves nothing"
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert not any(p in page for p in PAYLOADS)
        assert not remote_refs(page)
        load = load_offline(path, chromium=chromium)
        assert not pwned(load.dom), f"{path.name}: a payload from the input ran"
        assert not load.requests, f"{path.name} tried to reach the network: {load.requests}"
        assert not load.errors, f"{path.name}: errors in the browser: {load.errors}"
        assert not load.uncaught, f"{path.name}: {load.uncaught}"
        assert [c["live"] for c in charts_in(load.dom)] == [True], f"{path.name}: the chart did not draw"


@pytest.mark.browser
def test_the_policy_blocks_a_payload_that_escaping_missed(tmp_path):
    """The negative control: the same page with an unescaped payload in its body still runs nothing."""
    from browser import find_chromium, load_offline

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed")
    import altair as alt
    import pandas as pd

    page = chart_html(alt.Chart(pd.DataFrame({"a": ["x"], "b": [1]})).mark_bar().encode(x="a", y="b"))
    page = page.replace("</body>", f'<img src=x onerror="{MARK}"><script>{MARK}</script></body>')
    path = tmp_path / "p.html"
    path.write_text(page, encoding="utf-8")
    load = load_offline(path, chromium=chromium)
    assert not pwned(load.dom)
    # Without the policy, the same page runs the payload: the check can see it.
    path.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page), encoding="utf-8")
    assert pwned(load_offline(path, chromium=chromium).dom)
