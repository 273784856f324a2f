"""Altair charts of the scores: small functions that return a chart and never display it.

Each takes the long or wide tables that :class:`~rhetoric.Analyzer` and
:class:`~rhetoric.corpus.Corpus` produce and returns an ``alt.Chart``.
Statistics the charts show (bootstrap bands) are computed in plain functions
beside them, so they can be tested and reported as numbers.

Charts carry their data, so they render offline: save them with
:func:`save_chart` (PNG, SVG, or HTML with Vega inlined), and in a notebook call
:func:`enable_offline` once: charts then draw from JavaScript carried in the
notebook itself, never from a CDN.

Example:
    >>> import pandas as pd
    >>> df = pd.DataFrame({"distance": [0, 1, 2, 3], "certainty": [-0.5, 0, 0.2, 0.6], "provenance": ["origin", "origin", "commentary", "commentary"]})
    >>> spec = certainty_vs_distance(df, n_boot=50).to_dict()
    >>> spec["layer"][0]["mark"]["type"]
    'area'
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "PROVENANCE_ORDER",
    "MEASURES",
    "bootstrap_trend",
    "measures_by_provenance",
    "certainty_vs_distance",
    "cue_words_by_provenance",
    "chain_over_time",
    "paragraph_scores",
    "changes_along_chain",
    "save_chart",
    "chart_html",
    "script_json",
    "enable_offline",
]

PROVENANCE_ORDER = ["origin", "other", "commentary"]
PROVENANCE_COLORS = ["#1b9e77", "#7570b3", "#d95f02"]
MEASURES = {
    "hedges_per_100": "hedges / 100 words",
    "absolutes_per_100": "absolutes / 100 words",
    "emotive_per_100": "emotive / 100 words",
    "sources_per_100": "sources / 100 words",
    "certainty": "certainty index",
}
CATEGORY_COLORS = {"hedge": "#2c7bb6", "absolute": "#d7191c", "emotive": "#fdae61", "source": "#1a9641"}


def _alt():
    import altair as alt

    return alt


def _scored(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Paragraphs that carry scores: not boilerplate, with words."""
    p = paragraphs[paragraphs["kind"] != "boilerplate"]
    return p[p["words"] > 0]


def bootstrap_trend(
    df: pd.DataFrame, x: str, y: str, *, n_boot: int = 1000, grid: int = 40, seed: int = 0, ci: float = 0.95
) -> pd.DataFrame:
    """A straight-line trend of ``y`` on ``x`` with a bootstrap confidence band.

    Paragraphs are resampled with replacement ``n_boot`` times; each resample
    gets a least-squares line; the band is the central ``ci`` share of those
    lines at each ``x``.

    Returns:
        Columns ``x, fit, lo, hi`` on an even grid, plus ``slope``, ``slope_lo``
        and ``slope_hi`` (the same on every row) and ``n``.

    >>> d = pd.DataFrame({"a": range(20), "b": [2 * i for i in range(20)]})
    >>> t = bootstrap_trend(d, "a", "b", n_boot=100)
    >>> round(t["slope"].iloc[0], 3), int(t["n"].iloc[0])
    (2.0, 20)
    """
    d = df[[x, y]].dropna()
    xs, ys = d[x].to_numpy(float), d[y].to_numpy(float)
    n = len(xs)
    cols = ["x", "fit", "lo", "hi", "slope", "slope_lo", "slope_hi", "n"]
    if n < 3 or np.ptp(xs) == 0:
        return pd.DataFrame(columns=cols)
    rng = np.random.default_rng(seed)
    gx = np.linspace(xs.min(), xs.max(), grid)
    slope, intercept = np.polyfit(xs, ys, 1)
    lines, slopes = [], []
    for _ in range(n_boot):
        idx = rng.integers(0, n, n)
        bx, by = xs[idx], ys[idx]
        if np.ptp(bx) == 0:
            continue
        b1, b0 = np.polyfit(bx, by, 1)
        slopes.append(b1)
        lines.append(b0 + b1 * gx)
    lo_q, hi_q = (1 - ci) / 2, 1 - (1 - ci) / 2
    lines_a = np.array(lines)
    out = pd.DataFrame({
        "x": gx, "fit": intercept + slope * gx,
        "lo": np.quantile(lines_a, lo_q, axis=0), "hi": np.quantile(lines_a, hi_q, axis=0),
    })  # fmt: skip
    out["slope"] = slope
    out["slope_lo"], out["slope_hi"] = np.quantile(slopes, [lo_q, hi_q])
    out["n"] = n
    return out


def measures_by_provenance(paragraphs: pd.DataFrame, *, by: str = "doc_id"):
    """Mean of each measure by provenance: one row of panels per measure, one panel per article.

    Within a row the y scale is shared, so articles can be compared.

    Args:
        paragraphs: a corpus paragraph table (needs ``provenance``).
        by: the column that names the article.
    """
    alt = _alt()
    p = _scored(paragraphs)
    long = p.melt(
        id_vars=[by, "provenance"], value_vars=list(MEASURES), var_name="measure", value_name="value"
    )
    long["measure"] = long["measure"].map(MEASURES)
    agg = long.groupby([by, "provenance", "measure"], as_index=False).agg(
        mean=("value", "mean"), paragraphs=("value", "size")
    )
    rows = []
    for i, title in enumerate(MEASURES.values()):
        rows.append(
            alt.Chart(agg[agg["measure"] == title], title=alt.TitleParams(title, anchor="start", fontSize=12))
            .mark_bar()
            .encode(
                x=alt.X(
                    "provenance:N",
                    sort=PROVENANCE_ORDER,
                    title=None,
                    axis=alt.Axis(labels=i == len(MEASURES) - 1),
                ),
                y=alt.Y("mean:Q", title=None),
                color=alt.Color(
                    "provenance:N",
                    sort=PROVENANCE_ORDER,
                    scale=alt.Scale(domain=PROVENANCE_ORDER, range=PROVENANCE_COLORS),
                ),
                column=alt.Column(f"{by}:N", title=None, header=alt.Header(labels=i == 0)),
                tooltip=[by, "provenance", "measure", alt.Tooltip("mean:Q", format=".2f"), "paragraphs:Q"],
            )
            .properties(width=100, height=80)
        )
    return alt.vconcat(*rows, spacing=8)


def certainty_vs_distance(
    paragraphs: pd.DataFrame, *, n_boot: int = 1000, seed: int = 0, y: str = "certainty"
):
    """Each paragraph's certainty against its distance from the original, with a bootstrap trend band."""
    alt = _alt()
    p = _scored(paragraphs).dropna(subset=["distance", y])
    trend = bootstrap_trend(p, "distance", y, n_boot=n_boot, seed=seed)
    cols = [
        c
        for c in (
            "doc_id",
            "para",
            "provenance",
            "distance",
            y,
            "hedges",
            "absolutes",
            "emotive",
            "sources",
            "text",
        )
        if c in p
    ]
    pts = p[cols].copy()
    # Many paragraphs share a distance: spread them a little sideways, seeded, for display only.
    pts["x_shown"] = pts["distance"] + np.random.default_rng(seed).uniform(-0.08, 0.08, len(pts))
    if "text" in pts:
        pts["text"] = pts["text"].str.slice(0, 160)
    band = alt.Chart(trend).mark_area(opacity=0.25, color="#555").encode(x="x:Q", y="lo:Q", y2="hi:Q")
    line = alt.Chart(trend).mark_line(color="#333").encode(x="x:Q", y="fit:Q")
    dots = (
        alt.Chart(pts)
        .mark_circle(size=45, opacity=0.7)
        .encode(
            x=alt.X("x_shown:Q", title="distance from the original report (jittered for display)"),
            y=alt.Y(f"{y}:Q", title=MEASURES.get(y, y)),
            color=alt.Color(
                "provenance:N",
                sort=PROVENANCE_ORDER,
                scale=alt.Scale(domain=PROVENANCE_ORDER, range=PROVENANCE_COLORS),
            ),
            tooltip=[c for c in cols],
        )
    )
    return alt.layer(band, line, dots).properties(width=560, height=320)


def cue_words_by_provenance(
    spans: pd.DataFrame, *, provenance: tuple[str, ...] = ("origin", "commentary"), top: int = 10
):
    """What replaced what: the most frequent cue words of each category, reproduced passages beside commentary.

    One row per category (hedge, absolute, emotive, source), one column per
    provenance; only the author's voice; bars count occurrences.
    """
    alt = _alt()
    s = spans[(spans["voice"] == "author") & spans["provenance"].isin(provenance)]
    s = s[s["rule"].isin(["lexicon", "negated"])].copy()
    s["word"] = s["text"].str.lower().str.replace(r"\s+", " ", regex=True)
    counts = (
        s.groupby(["provenance", "category", "word"], as_index=False).size().rename(columns={"size": "count"})
    )
    counts = counts.sort_values(
        ["provenance", "category", "count", "word"], ascending=[True, True, False, True]
    )
    counts = counts.groupby(["provenance", "category"]).head(top)
    xmax = float(counts["count"].max()) if len(counts) else 1.0
    rows = []
    for cat, color in CATEGORY_COLORS.items():
        cells = []
        for prov in provenance:
            d = counts[(counts["category"] == cat) & (counts["provenance"] == prov)]
            title = f"{cat} — {prov}"
            cells.append(
                alt.Chart(d, title=alt.TitleParams(title, anchor="start", fontSize=11))
                .mark_bar(color=color)
                .encode(
                    y=alt.Y("word:N", sort="-x", title=None),
                    x=alt.X("count:Q", scale=alt.Scale(domain=[0, xmax]), title=None),
                    tooltip=["provenance", "category", "word", "count"],
                )
                .properties(width=200, height=alt.Step(13))
            )
        rows.append(alt.hconcat(*cells, spacing=40))
    return alt.vconcat(*rows, spacing=10)


def chain_over_time(paragraphs: pd.DataFrame, documents: pd.DataFrame):
    """The chain of retellings over time: each article's certainty in reproduced passages and in its own words.

    The x axis is days after the original on a symmetric-log scale (days and
    years apart); each article has one point for its ``origin`` passages and
    one for its ``commentary``, joined by a line, so a rise from one to the
    other shows as a line going up. Articles with no known date are left out
    (the subtitle says how many).
    """
    alt = _alt()
    p = _scored(paragraphs)
    p = p[p["provenance"].isin(["origin", "commentary"])]
    agg = p.groupby(["doc_id", "provenance"], as_index=False).agg(
        certainty=("certainty", "mean"), paragraphs=("para", "size"), words=("words", "sum")
    )
    d = agg.merge(
        documents[["doc_id", "outlet", "title", "date", "hops", "days_after_origin"]], on="doc_id", how="left"
    )
    undated = sorted(set(d.loc[d["days_after_origin"].isna(), "doc_id"]))
    d = d[d["days_after_origin"].notna()].copy()
    d["label"] = d["doc_id"] + " (" + d["outlet"].fillna("").astype(str) + ")"
    x = alt.X(
        "days_after_origin:Q",
        title="days after the original report (symmetric log scale)",
        scale=alt.Scale(type="symlog"),
    )
    color = alt.Color(
        "provenance:N",
        sort=PROVENANCE_ORDER,
        scale=alt.Scale(domain=PROVENANCE_ORDER, range=PROVENANCE_COLORS),
    )
    base = alt.Chart(d).encode(x=x, y=alt.Y("certainty:Q", title="mean certainty index"))
    lines = base.mark_line(color="#999").encode(detail="doc_id:N")
    dots = base.mark_circle(opacity=0.9).encode(
        color=color,
        size=alt.Size("words:Q", title="words", scale=alt.Scale(range=[40, 600])),
        tooltip=[
            "doc_id",
            "title",
            "outlet",
            alt.Tooltip("date:T"),
            "hops",
            "provenance",
            "paragraphs",
            alt.Tooltip("certainty:Q", format=".3f"),
        ],
    )
    labels = (
        alt.Chart(d[d["provenance"] == "commentary"])
        .mark_text(align="left", dx=8, dy=-8, fontSize=10)
        .encode(x=x, y="certainty:Q", text="label:N")
    )
    subtitle = f"not dated, so not shown: {', '.join(undated)}" if undated else ""
    return alt.layer(lines, dots, labels).properties(
        width=560,
        height=280,
        title=alt.TitleParams(
            "Certainty in reproduced passages and in commentary, over time", subtitle=subtitle
        ),
    )


def paragraph_scores(
    paragraphs: pd.DataFrame, spans: pd.DataFrame | None = None, *, doc_id: str | None = None
):
    """Counts per paragraph as stacked bars, with the cue words in the tooltip."""
    alt = _alt()
    p = _scored(paragraphs)
    if doc_id is not None:
        p = p[p["doc_id"] == doc_id]
    long = p.melt(
        id_vars=["doc_id", "para", "certainty"],
        value_vars=["hedges", "absolutes", "emotive", "sources"],
        var_name="measure",
        value_name="count",
    )
    if spans is not None and len(spans):
        cues = spans[spans["voice"] == "author"].copy()
        cues["measure"] = cues["category"].map(
            {"hedge": "hedges", "absolute": "absolutes", "emotive": "emotive", "source": "sources"}
        )
        words = (
            cues.groupby(["doc_id", "para", "measure"])["text"]
            .agg(lambda t: ", ".join(dict.fromkeys(t)))
            .rename("cues")
            .reset_index()
        )
        long = long.merge(words, on=["doc_id", "para", "measure"], how="left")
        long["cues"] = long["cues"].fillna("")
    else:
        long["cues"] = ""
    colors = {
        "hedges": CATEGORY_COLORS["hedge"],
        "absolutes": CATEGORY_COLORS["absolute"],
        "emotive": CATEGORY_COLORS["emotive"],
        "sources": CATEGORY_COLORS["source"],
    }
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("para:O", title="paragraph"),
            y=alt.Y("count:Q", title="cues (author's voice)"),
            color=alt.Color("measure:N", scale=alt.Scale(domain=list(colors), range=list(colors.values()))),
            tooltip=["para", "measure", "count", "cues", alt.Tooltip("certainty:Q", format=".2f")],
        )
        .properties(width=alt.Step(10), height=200)
    )


def script_json(value) -> str:
    """JSON that is safe inside an HTML ``<script>``: no ``</script>``, ``<!--`` or line separators.

    Text from articles and manifests ends up in a chart's data (titles,
    outlets, cue words, tooltips); ``in</script><img onerror=...>`` in one
    must stay a string. ``<``, ``>`` and ``&`` are written as JSON escapes,
    which mean the same characters to the JSON reader and nothing to the HTML one.

    >>> print(script_json({"t": "</script><!--"}))
    {"t": "\\u003c/script\\u003e\\u003c!--"}
    """
    import json

    return (
        json.dumps(value)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# A chart page: the Vega bundle and the chart's own script, both inline, and a
# content security policy that lets only those two scripts run (by hash) and
# lets the page fetch nothing. Vega evaluates expressions with its interpreter
# (ast: true), so the policy needs no 'unsafe-eval'.
CHART_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<style>
  body {{ font-family: system-ui, sans-serif; margin: 1.5rem; }}
  #rhetoric-chart-page.vega-embed {{ width: 100%; display: flex; }}
</style>
<script>{bundle}</script>
</head>
<body>
<div class="rhetoric-chart" id="rhetoric-chart-page"></div>
<script>{embed}</script>
</body>
</html>
"""
CHART_EMBED = (
    "(function(){{var el=document.getElementById('rhetoric-chart-page');"
    "vegaEmbed(el,{spec},{{mode:'vega-lite',renderer:'svg',actions:false,ast:true}})"
    ".then(function(){{el.classList.add('rhetoric-chart-live');}})"
    ".catch(function(e){{console.error(e);}});}})();"
)


def _sha256(script: str) -> str:
    import base64
    import hashlib

    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def chart_html(chart, title: str = "") -> str:
    """A chart as one offline HTML page whose scripts are its own and whose data cannot run.

    The spec is inlined with :func:`script_json`; the page's
    Content-Security-Policy allows exactly its two inline scripts (by SHA-256
    hash), no other script, no eval, no network (``default-src 'none'``), and
    images only from ``data:``/``blob:`` (the PNG export of the chart).
    """
    import html

    spec = chart.to_dict() if hasattr(chart, "to_dict") else chart
    bundle = _bundle().replace("</script", "<\\/script")
    embed = CHART_EMBED.format(spec=script_json(spec))
    csp = (
        "default-src 'none'; "
        f"script-src {_sha256(bundle)} {_sha256(embed)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
        "connect-src 'none'; base-uri 'none'; form-action 'none'; object-src 'none'"
    )
    name = title or (spec.get("title") if isinstance(spec.get("title"), str) else "") or "chart"
    return CHART_PAGE.format(csp=csp, title=html.escape(str(name)), bundle=bundle, embed=embed)


# The changes that make a retelling sound surer, as the chain chart shows them.
CHAIN_CHANGES = {
    "hedge_dropped": "hedges dropped",
    "source_dropped": "attributions dropped (names, quote marks too)",
    "absolute_added": "boosters added",
    "emotive_added": "emotive terms added",
}
CHAIN_COLORS = ["#2c7bb6", "#1a9641", "#d7191c", "#fdae61"]


def chain_changes(changes: pd.DataFrame, stretches: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Long-form data of :func:`changes_along_chain`: per document and kind, the count and the rate.

    One row per document with an aligned paragraph and per kind of
    :data:`CHAIN_CHANGES`: ``doc_id, label, order, hops, date, words, change,
    kind, count, per_100`` (changes per 100 reproduced words: the words of the
    copy's aligned stretches). Documents are ordered by hops, then date
    (undated last), then id.
    """
    from .diff import change_rates

    cols = ["doc_id", "label", "order", "hops", "date", "words", "change", "kind", "count", "per_100"]
    if stretches is None or not len(stretches):
        return pd.DataFrame(columns=cols)
    rates = change_rates(changes, stretches)
    meta = documents[["doc_id", "outlet", "date", "hops"]]
    d = rates.merge(meta, on="doc_id", how="left")
    d = d.sort_values(["hops", "date", "doc_id"], na_position="last").reset_index(drop=True)
    d["order"] = range(len(d))
    date = pd.to_datetime(d["date"]).dt.strftime("%Y-%m-%d").fillna("undated")
    hops = d["hops"].astype(int)
    d["label"] = [
        f"{i} ({h} hop{'' if h == 1 else 's'}, {t})" for i, h, t in zip(d["doc_id"], hops, date, strict=True)
    ]
    rows = []
    for change, kind in CHAIN_CHANGES.items():
        part = d[["doc_id", "label", "order", "hops", "date", "words"]].copy()
        part["change"], part["kind"] = change, kind
        part["count"] = d[change].astype(int)
        part["per_100"] = d[f"{change}_per_100"]
        rows.append(part)
    return pd.concat(rows, ignore_index=True)[cols]


def changes_along_chain(changes: pd.DataFrame, stretches: pd.DataFrame, documents: pd.DataFrame):
    """Per document along the chain: hedges and attributions dropped, boosters and emotive terms added.

    Rates per 100 reproduced words (the words of the copy's aligned
    stretches), documents ordered by hops from the original, then by date.
    The tooltip gives the counts behind each bar.
    """
    alt = _alt()
    d = chain_changes(changes, stretches, documents)
    order = list(dict.fromkeys(d.sort_values("order")["label"]))
    kinds = list(CHAIN_CHANGES.values())
    return (
        alt.Chart(d)
        .mark_bar()
        .encode(
            x=alt.X("label:N", sort=order, title=None, axis=alt.Axis(labelAngle=-20, labelLimit=260)),
            xOffset=alt.XOffset("kind:N", sort=kinds),
            y=alt.Y("per_100:Q", title="changes per 100 reproduced words"),
            color=alt.Color(
                "kind:N", sort=kinds, scale=alt.Scale(domain=kinds, range=CHAIN_COLORS), title=None
            ),
            tooltip=[
                "doc_id",
                "kind",
                alt.Tooltip("count:Q", title="changes"),
                alt.Tooltip("words:Q", title="reproduced words"),
                alt.Tooltip("per_100:Q", format=".2f"),
            ],
        )  # fmt: skip
        .properties(
            width=alt.Step(16),
            height=240,
            title=alt.TitleParams(
                "What each retelling changed in the passages it reproduces",
                subtitle="documents ordered by hops from the original, then date",
            ),
        )
    )


def save_chart(chart, path: str | Path) -> Path:
    """Save a chart as ``.png``, ``.svg``, ``.pdf`` or ``.html`` without any network.

    HTML inlines Vega, Vega-Lite and Vega-Embed (about 1 MB), so the page
    draws with no connection; see :func:`chart_html` for what keeps text in
    the chart's data from running as script there.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".html":
        path.write_text(chart_html(chart), encoding="utf-8")
    elif suffix in (".png", ".svg", ".pdf"):
        chart.save(str(path), **({"scale_factor": 2} if suffix == ".png" else {}))
    else:
        raise ValueError(f"cannot save a chart as {suffix or 'no suffix'}: use .png, .svg, .pdf or .html")
    return path


# -- offline rendering in notebooks ----------------------------------------------

_BUNDLE: str | None = None
_RENDERER = "rhetoric_offline"


def _bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed as one script, from vl-convert (no network)."""
    global _BUNDLE
    if _BUNDLE is None:
        import vl_convert as vlc

        _BUNDLE = vlc.javascript_bundle()
    return _BUNDLE


class _OfflineRenderer:
    """An Altair renderer for notebooks that needs no network.

    Each chart is drawn twice over: a static SVG made by vl-convert, which
    shows wherever the notebook is opened, and a live Vega-Embed view (with
    tooltips) that replaces it when the JavaScript is there. The first chart of
    a kernel session carries the JavaScript inline; later ones reuse it.
    """

    def __init__(self) -> None:
        self.sent_bundle = False

    def __call__(self, spec: dict, **kwargs) -> dict:
        import html
        import uuid

        import vl_convert as vlc

        div = f"rhetoric-chart-{uuid.uuid4().hex[:12]}"
        try:
            svg = vlc.vegalite_to_svg(spec)
        except Exception as e:  # a spec vl-convert cannot draw still gets the live view
            svg = f"<pre>{html.escape(str(e))}</pre>"
        parts = []
        if not self.sent_bundle:
            parts.append(f"<script>{_bundle()}</script>")
            self.sent_bundle = True
        spec_json = script_json(spec)
        parts.append(
            f'<div id="{div}" class="rhetoric-chart">{svg}</div>'
            "<script>(function(){"
            f"var el=document.getElementById('{div}');"
            "if(!window.vegaEmbed){return;}"
            f"window.vegaEmbed(el,{spec_json},{{renderer:'svg',actions:false}})"
            ".then(function(){el.classList.add('rhetoric-chart-live');})"
            ".catch(function(e){console.error(e);});"
            "})();</script>"
        )
        return {"text/html": "".join(parts)}


def enable_offline() -> None:
    """Render Altair charts in notebooks with no network (call once, at the top).

    The page works offline, in JupyterLab and in the HTML that ``jupyter
    nbconvert`` exports. Tooltips need the live view (a trusted notebook).
    """
    import altair as alt

    if _RENDERER not in alt.renderers.names():
        alt.renderers.register(_RENDERER, _OfflineRenderer())
    alt.renderers.enable(_RENDERER)
