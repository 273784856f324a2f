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

from .vocab import CATEGORY_COLORS as _VOCAB_COLORS

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
CATEGORY_COLORS = dict(_VOCAB_COLORS)  # the shared vocabulary's colours (rhetoric.vocab)


def _alt():
    import altair as alt

    return alt


def _scored(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Paragraphs that carry scores: not boilerplate, with words."""
    p = paragraphs[paragraphs["kind"] != "boilerplate"]
    return p[p["words"] > 0]


def _is_original(df: pd.DataFrame) -> pd.Series:
    """Rows from the original document itself (``is_origin``, else ``hops == 0``); all False if unknown."""
    if "is_origin" in df:
        return df["is_origin"].astype(str).str.lower().isin(["true", "1"])
    if "hops" in df:
        return pd.to_numeric(df["hops"], errors="coerce").eq(0)
    return pd.Series(False, index=df.index)


def _copies_only(df: pd.DataFrame) -> pd.DataFrame:
    """Leave out the original's own rows, so a passage is not counted once in the original and again in each copy."""
    return df[~_is_original(df)]


PROVENANCE_MEANING = (
    "origin: reproduces the original report; other: someone else's words (quotations); "
    "commentary: the author's own words"
)


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

    Within a row the y scale is shared, so articles can be compared. Each bar
    is labelled with the number of paragraphs it stands on; the original
    document's column is marked "(the original)".

    Args:
        paragraphs: a corpus paragraph table (needs ``provenance``).
        by: the column that names the article.
    """
    alt = _alt()
    p = _scored(paragraphs).copy()
    original = _is_original(p)
    p[by] = p[by].astype(str).where(~original, p[by].astype(str) + " (the original)")
    long = p.melt(
        id_vars=[by, "provenance"], value_vars=list(MEASURES), var_name="measure", value_name="value"
    )
    long["measure"] = long["measure"].map(MEASURES)
    agg = long.groupby([by, "provenance", "measure"], as_index=False).agg(
        mean=("value", "mean"), paragraphs=("value", "size")
    )
    agg["n"] = "n=" + agg["paragraphs"].astype(str)
    rows = []
    for i, title in enumerate(MEASURES.values()):
        d = agg[agg["measure"] == title]
        mean_of = "mean per paragraph" if title != "certainty index" else "mean of paragraphs, −1 to +1"
        base = alt.Chart(d).encode(
            x=alt.X(
                "provenance:N",
                sort=PROVENANCE_ORDER,
                scale=alt.Scale(domain=PROVENANCE_ORDER),
                title=None,
                axis=alt.Axis(labels=i == len(MEASURES) - 1, labelAngle=0, labelFontSize=10),
            ),
            y=alt.Y("mean:Q", title=None),
        )
        bars = base.mark_bar().encode(
            color=alt.Color(
                "provenance:N",
                sort=PROVENANCE_ORDER,
                scale=alt.Scale(domain=PROVENANCE_ORDER, range=PROVENANCE_COLORS),
                legend=alt.Legend(orient="top", title="paragraphs that are") if i == 0 else None,
            ),
            tooltip=[by, "provenance", "measure", alt.Tooltip("mean:Q", format=".2f"), "paragraphs:Q"],
        )
        # How many paragraphs each bar stands on, written on it (a bar of one paragraph is no trend).
        counts = (
            base.mark_text(dy=-6, fontSize=9, color="#333", baseline="bottom")
            .encode(y=alt.Y("top:Q"), text="n:N")
            .transform_calculate(top="max(datum.mean, 0)")
        )
        rows.append(
            alt.layer(bars, counts, data=d)
            .properties(width=150, height=80)
            .facet(
                column=alt.Column(f"{by}:N", title=None, header=alt.Header(labels=i == 0, labelFontSize=11))
            )
            .properties(title=alt.TitleParams(f"{title} ({mean_of})", anchor="start", fontSize=12))
        )
    return alt.vconcat(*rows, spacing=10).properties(
        title=alt.TitleParams(
            "How each article's paragraphs score, by where their words come from",
            subtitle=[
                PROVENANCE_MEANING + ".",
                "Rates are per 100 words of the author's voice (sources: per 100 words); n = paragraphs under the bar.",
            ],
            anchor="start",
        )
    )


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
    y_title = (
        "certainty index (−1 only hedges, 0 neither or balanced, +1 only absolutes)"
        if y == "certainty"
        else MEASURES.get(y, y)
    )
    dots = (
        alt.Chart(pts)
        .mark_circle(size=45, opacity=0.7)
        .encode(
            x=alt.X(
                "x_shown:Q",
                title="distance from the original = text distance (0 copied, 1 someone else's words, "
                "2 own words) + hand-overs + years",
            ),
            y=alt.Y(f"{y}:Q", title=y_title),
            color=alt.Color(
                "provenance:N",
                sort=PROVENANCE_ORDER,
                scale=alt.Scale(domain=PROVENANCE_ORDER, range=PROVENANCE_COLORS),
            ),
            tooltip=[c for c in cols],
        )
    )
    n = len(pts)
    if len(trend):
        t = trend.iloc[0]
        fit = (
            f"Line: least-squares trend, slope {t['slope']:+.3f} per unit of distance; band: 95% of "
            f"{n_boot:,} bootstrap resamples ({t['slope_lo']:+.3f} to {t['slope_hi']:+.3f}). n = {n} paragraphs."
        )
    else:
        fit = f"Too few paragraphs for a trend. n = {n} paragraphs."
    zero = float((pts[y] == 0).mean()) if n else 0.0
    # The caveats travel with the chart: a PNG is often all a reader sees.
    caveats = [
        fit,
        "Caveats: paragraphs cluster by article and the resampling ignores it, so the band is too narrow if "
        "anything;",
        f"{zero:.0%} of paragraphs sit at exactly 0 (no cues), so the trend rests on the rest; the distance "
        "scale is a convention, not a measurement;",
        "and a trend is no cause. Dots are spread sideways a little so they do not hide each other.",
    ]
    return alt.layer(band, line, dots).properties(
        width=560,
        height=320,
        title=alt.TitleParams(
            "Does a paragraph sound surer the further it is from the original report?",
            subtitle=caveats,
            anchor="start",
            subtitleFontSize=11,
        ),
    )


def cue_words_by_provenance(
    spans: pd.DataFrame,
    *,
    provenance: tuple[str, ...] = ("origin", "commentary"),
    top: int = 10,
    include_original: bool = False,
):
    """What replaced what: the most frequent cue words of each category, reproduced passages beside commentary.

    One row per category (hedge, absolute, emotive, source), one column per
    provenance; only the author's voice; bars count occurrences, and each
    panel has its own scale (a panel's title says how many uses and
    paragraphs it stands on). The original document's own spans are left out
    (``include_original=False``, when the table says which document is the
    original: ``is_origin`` or ``hops``), so a BBC passage is counted where
    an article reproduces it, not a second time in the BBC's own text: the
    same data as notebook 02's chart.
    """
    alt = _alt()
    s = spans if include_original else _copies_only(spans)
    s = s[(s["voice"] == "author") & s["provenance"].isin(provenance)]
    s = s[s["rule"].isin(["lexicon", "negated"])].copy()
    if "counted" in s:  # a cue weighed and set aside is no cue word
        s = s[s["counted"].astype(str).str.lower().isin(["true", "1"])]
    s["word"] = s["text"].str.lower().str.replace(r"\s+", " ", regex=True)
    counts = (
        s.groupby(["provenance", "category", "word"], as_index=False).size().rename(columns={"size": "count"})
    )
    counts = counts.sort_values(
        ["provenance", "category", "count", "word"], ascending=[True, True, False, True]
    )
    counts = counts.groupby(["provenance", "category"]).head(top)
    para_key = [c for c in ("doc_id", "para") if c in s]
    label = {"origin": "reproduced from the original", "commentary": "the authors' own commentary"}
    rows = []
    for cat, color in CATEGORY_COLORS.items():
        cells = []
        for prov in provenance:
            d = counts[(counts["category"] == cat) & (counts["provenance"] == prov)]
            sub = s[(s["category"] == cat) & (s["provenance"] == prov)]
            paras = len(sub.drop_duplicates(para_key)) if para_key else 0
            uses = len(sub)
            title = alt.TitleParams(
                f"{_PLURAL_CATEGORY.get(cat, cat)}: {label.get(prov, prov)}",
                subtitle=f"{_n(uses, 'use')} in {_n(paras, 'paragraph')}"
                + (f"; the {top} most frequent" if len(d) == top else ""),
                anchor="start",
                fontSize=11,
                subtitleFontSize=10,
            )
            cells.append(
                alt.Chart(d, title=title)
                .mark_bar(color=color)
                .encode(
                    y=alt.Y("word:N", sort="-x", title=None),
                    # Each panel its own scale: a rare category's words would be slivers on a shared one.
                    x=alt.X(
                        "count:Q", title="times used", axis=_count_axis(d["count"].max() if len(d) else 1)
                    ),
                    tooltip=["provenance", "category", "word", "count"],
                )
                .properties(width=200, height=alt.Step(13))
            )
        rows.append(alt.hconcat(*cells, spacing=40).resolve_scale(x="independent"))
    return alt.vconcat(*rows, spacing=14).properties(
        title=alt.TitleParams(
            "What replaced what: the cue words of reproduced passages and of commentary",
            subtitle="Author's voice only; each panel has its own scale; the original's own text is not counted.",
            anchor="start",
        )
    )


def _n(k: int, word: str) -> str:
    return f"{k} {word}{'' if k == 1 else 's'}"


def _count_axis(top: float):
    """Whole-number ticks for a count axis (no 0, 1, 1 when the longest bar is 1)."""
    alt = _alt()
    top = int(top or 1)
    if top <= 6:
        return alt.Axis(values=list(range(top + 1)), format="d")
    return alt.Axis(tickMinStep=1, format="d")


_PLURAL_CATEGORY = {
    "hedge": "hedges",
    "absolute": "absolutes",
    "emotive": "emotive terms",
    "source": "sources",
}


def chain_over_time(paragraphs: pd.DataFrame, documents: pd.DataFrame):
    """The chain of retellings over time: each article's certainty in reproduced passages and in its own words.

    The x axis is days after the original on a symmetric-log scale (days and
    years apart), with a tick at each article's day; each article has one
    point for its ``origin`` passages and one for its ``commentary``, joined
    by a line, so a rise from one to the other shows as a line going up. The
    original is labelled as such. Articles with no known date are left out
    (the subtitle says which).
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
    outlet = d["outlet"].fillna("").astype(str).str.strip()
    # No "()" for an article without an outlet; the original says it is the original.
    d["label"] = d["doc_id"].astype(str) + np.where(outlet != "", " (" + outlet + ")", "")
    original = pd.to_numeric(d["hops"], errors="coerce").eq(0)
    d.loc[original, "label"] = d.loc[original, "label"] + ": the original report"
    # One label per article: beside its commentary point, or the original's own point.
    d["labelled"] = (d["provenance"] == "commentary") | original
    days = sorted({float(x) for x in d["days_after_origin"]})
    x = alt.X(
        "days_after_origin:Q",
        title="days after the original report (a tick at each article; symmetric log scale)",
        scale=alt.Scale(type="symlog"),
        axis=alt.Axis(values=days, format=",.0f", labelOverlap=True, grid=False),
    )
    color = alt.Color(
        "provenance:N",
        sort=["origin", "commentary"],
        scale=alt.Scale(domain=["origin", "commentary"], range=[PROVENANCE_COLORS[0], PROVENANCE_COLORS[2]]),
        legend=alt.Legend(orient="bottom", title="paragraphs that are", direction="horizontal"),
    )
    words = [int(w) for w in d["words"]] if len(d) else [1]
    size_values = sorted({_round_nicely(v) for v in (min(words), np.median(words), max(words))})
    base = alt.Chart(d).encode(
        x=x, y=alt.Y("certainty:Q", title="mean certainty index (−1 only hedges, +1 only absolutes)")
    )
    lines = base.mark_line(color="#999").encode(detail="doc_id:N")
    dots = base.mark_circle(opacity=0.9).encode(
        color=color,
        size=alt.Size(
            "words:Q",
            title="words in those paragraphs",
            scale=alt.Scale(range=[40, 600], zero=False, domain=[min(words), max(words)]),
            legend=alt.Legend(orient="bottom", values=size_values, direction="horizontal"),
        ),
        tooltip=[
            "doc_id",
            "title",
            "outlet",
            alt.Tooltip("date:T"),
            "hops",
            "provenance",
            "paragraphs",
            "words",
            alt.Tooltip("certainty:Q", format=".3f"),
        ],
    )
    labels = (
        alt.Chart(d[d["labelled"]])
        .mark_text(align="left", dx=10, dy=-10, fontSize=10)
        .encode(x=x, y="certainty:Q", text="label:N")
    )
    subtitle = [
        "A line joins an article's reproduced passages to its own commentary: up means surer in its own words."
    ]
    if undated:
        subtitle.append(f"Not dated, so not shown: {', '.join(undated)}.")
    return alt.layer(lines, dots, labels).properties(
        width=640,
        height=300,
        title=alt.TitleParams(
            "Certainty in reproduced passages and in commentary, over time", subtitle=subtitle, anchor="start"
        ),
    )


def _round_nicely(v: float) -> int:
    """A legend value near ``v``: 1, 2 or 5 times a power of ten, never 0."""
    v = max(float(v), 1.0)
    mag = 10 ** int(np.floor(np.log10(v)))
    return int(min((m * mag for m in (1, 2, 5, 10)), key=lambda c: abs(c - v)))


def paragraph_scores(
    paragraphs: pd.DataFrame,
    spans: pd.DataFrame | None = None,
    *,
    doc_id: str | None = None,
    min_width: int = 420,
):
    """Counts per paragraph as stacked bars, with the cue words in the tooltip.

    Paragraphs are numbered from 1 on the axis, as the highlighted page shows
    them (the table's ``para`` is from 0 and stays in the tooltip's data).
    The chart is at least ``min_width`` pixels wide, so a short text does not
    make a sliver.
    """
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
    long["paragraph"] = long["para"].astype(int) + 1
    if spans is not None and len(spans):
        cues = spans[spans["voice"] == "author"].copy()
        if "counted" in cues:  # cues set aside are not in the counts either
            cues = cues[cues["counted"].astype(str).str.lower().isin(["true", "1"])]
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
    n = long["paragraph"].nunique()
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X(
                "paragraph:O",
                title="paragraph (numbered from 1, as on the highlighted page)",
                axis=alt.Axis(labelAngle=0, labelOverlap=True),
            ),
            y=alt.Y("count:Q", title="cues in the author's voice", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "measure:N", title="cue", scale=alt.Scale(domain=list(colors), range=list(colors.values()))
            ),
            tooltip=["paragraph", "measure", "count", "cues", alt.Tooltip("certainty:Q", format=".2f")],
        )
        .properties(
            width=max(min_width, 12 * n),
            height=200,
            title=alt.TitleParams(
                "Cues per paragraph",
                subtitle=f"{n} scored paragraphs (boilerplate left out); hover over a bar for its words",
                anchor="start",
            ),
        )
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
