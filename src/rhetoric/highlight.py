"""The highlighted-text report: ``Scores -> dict -> HTML``, every text fragment escaped.

Three steps, each usable on its own:

* :func:`to_dict` turns a :class:`~rhetoric.Scores` into plain, JSON-ready
  data: each paragraph's clean text cut into consecutive *segments* at every
  cue and quotation boundary, each segment pointing at the cues that cover it.
* :func:`render_html` turns that data into one self-contained page (or, with
  ``standalone=False``, a ``<div>`` for a notebook cell). It needs no spaCy,
  loads nothing from the network, runs no script, and passes every piece of
  text from the data through :func:`html.escape`.
* :func:`highlight` does both for a string or a ``Scores``; the result is the
  page as a ``str`` that shows itself as the fragment in a notebook.

Example:
    >>> from rhetoric import highlight
    >>> report = highlight("It may rain. “Obviously,” he said.")  # doctest: +SKIP
    >>> report                       # in a notebook cell: the highlighted text  # doctest: +SKIP
    >>> report.save("report.html")   # the same as a standalone page  # doctest: +SKIP
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .vocab import CATEGORIES as _VOCAB_CATEGORIES
from .vocab import QUOTED_COLOUR
from .voice import paragraph_voices

if TYPE_CHECKING:
    from .score import Analyzer, Scores

__all__ = ["to_dict", "render_html", "highlight", "highlight_file", "HighlightHTML", "LEGEND", "CSS"]

CATEGORIES = tuple(_VOCAB_CATEGORIES)
KINDS = ("body", "heading", "boilerplate")

# The legend is data: the CSS below uses the same colours and underline styles.
# Colours are ColorBrewer's RdYlBu/RdYlGn ends; each category also gets its own
# underline style so the highlights stay apart in greyscale print.
LEGEND: list[dict[str, str]] = [
    {"category": cat, **{k: v for k, v in entry.items() if k != "plural"}} for cat, entry in _VOCAB_CATEGORIES.items()
] + [
    {
        "category": "quoted",
        "label": "Quoted voice",
        "colour": QUOTED_COLOUR,
        "underline": "none",
        "meaning": "words inside quotation marks (in italics) are the speaker's: their cues are "
        "highlighted but not counted in the author's scores (the quotation itself counts as the "
        "author's source: quoting is the author's choice).",
    },
]

_RULES = {
    "lexicon": "word list",
    "negated": "negation rule",
    "named_source": "named-source rule",
    "quotation": "quotation rule",
    "link": "link rule",
    "url": "link rule",
}
# The voice_basis values for a voice the scorer inferred without quotation marks,
# in words a student can read; quote_marks and block_quote need no remark.
INFERRED_VOICE = {
    "lead_in": "the words after a lead-in such as “he said:”",
    "unmatched_close": "the words before a closing quotation mark that has no opening one",
    "reported_speech": "reported speech (“he said that …”), someone else's claim in the author's words; its hedges and absolutes weigh in the certainty index",
    "aligned_origin": "words that match the original report, reproduced without quotation marks",
    "aligned_other": "words that match what the original quoted from someone else",
}
_COUNTS = ("words", "author_words", "quoted_words")
_CUE_COUNTS = tuple(f"{n}{v}" for n in ("hedges", "absolutes", "emotive", "sources") for v in ("", "_quoted"))
_WEIGHTS = ("hedge_weight", "absolute_weight", "certainty")
_PLURAL = {"hedge": "hedges", "absolute": "absolutes", "emotive": "emotive", "source": "sources"}

# ---------------------------------------------------------------------------
# Step 1: Scores -> dict
# ---------------------------------------------------------------------------


def _text(x: Any) -> str:
    """A cell as text: missing values (None, NaN) become ''."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return str(x)


def _float(x: Any, digits: int = 3) -> float | None:
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) or math.isinf(f) else round(f, digits)


def _int(x: Any) -> int:
    f = _float(x, 0)
    return int(f) if f is not None else 0


def _bool(x: Any, *, default: bool) -> bool:
    """A cell as a bool: missing values take ``default``; "False", "0" and 0 are False."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return default
    if isinstance(x, str):
        return x.strip().lower() not in ("false", "0", "no", "")
    return bool(x)


def _segments(text: str, cues: list[dict], quoted: list[tuple[int, int]]) -> list[dict]:
    """Cut ``text`` at every cue and quotation boundary into consecutive pieces."""
    n = len(text)

    def clip(x: int) -> int:
        return min(max(x, 0), n)

    cuts = sorted(
        {0, n} | {clip(c[k]) for c in cues for k in ("start", "end")} | {clip(x) for q in quoted for x in q}
    )
    at = {b: k for k, b in enumerate(cuts)}
    # Each cue marks the pieces it spans: linear in the text covered, not pieces x cues.
    covers: list[list[int]] = [[] for _ in cuts[1:]]
    inside = [False] * len(covers)
    for i, c in enumerate(cues):
        for k in range(at[clip(c["start"])], at[clip(c["end"])]):
            covers[k].append(i)
    for s, e in quoted:
        for k in range(at[clip(s)], at[clip(e)]):
            inside[k] = True
    out: list[dict] = []
    for k, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False)):
        if out and out[-1]["cues"] == covers[k] and out[-1]["quoted"] == inside[k]:
            out[-1]["text"] += text[a:b]  # a boundary of an empty cue: nothing changes here
        else:
            out.append({"text": text[a:b], "cues": covers[k], "quoted": inside[k]})
    return out


def to_dict(scores: Scores) -> dict:
    """Plain, JSON-serialisable data for the report of one document.

    Args:
        scores: the result of :meth:`Analyzer.score <rhetoric.Analyzer.score>`
            (or anything with the same ``document``, ``paragraphs`` and
            ``spans``; no spaCy is needed here).

    Returns:
        ``{"doc_id", "title", "summary", "legend", "paragraphs"}``. Each
        paragraph has ``para, kind, reason, blockquote, text, scores, cues,
        segments``; its ``segments`` are consecutive pieces of ``text``
        (``"".join(s["text"] for s in segments) == text``), each
        ``{"text", "cues": [indices into cues], "quoted": bool}``. Quotation
        marks are found as the scorer finds them (a quote left open at the end
        of a paragraph carries into the next), so scare quotes, which are not
        sources, are still quoted voice. Boilerplate paragraphs are kept with
        no cues. Each cue carries ``counted`` (False for a cue the scorer
        weighed and set aside; True when the span table has no such column),
        ``sense`` and ``voice_basis`` (how its voice was decided; the page
        says so when it was inferred without quotation marks), each ``''``
        when absent. ``para`` stays 0-based; the page shows ``para + 1``.

    Example:
        >>> data = to_dict(Analyzer().score("It may rain.", doc_id="x"))  # doctest: +SKIP
        >>> data["paragraphs"][0]["segments"]  # doctest: +SKIP
        [{'text': 'It ', 'cues': [], 'quoted': False}, {'text': 'may', 'cues': [0], 'quoted': False}, ...]
    """
    doc = scores.document
    rows = {_int(r["para"]): r for r in scores.paragraphs.to_dict("records")}
    by_para: dict[int, list[dict]] = {}
    for r in scores.spans.to_dict("records"):
        by_para.setdefault(_int(r["para"]), []).append(r)
    order = {c: i for i, c in enumerate(CATEGORIES)}

    paragraphs = []
    for p, voice in zip(doc.paragraphs, paragraph_voices(doc.paragraphs), strict=True):
        text = p.text
        n = len(text)
        row = rows.get(p.index, {})
        boilerplate = p.kind == "boilerplate"
        # Voice as the scorer reads it (rhetoric.voice): quote marks, block quotes, the passage
        # after a lead-in; boilerplate is not read and ends any open quote.
        if boilerplate:
            quotes = []
        elif voice.basis:
            quotes = [(0, n)]
        else:
            quotes = [(x.start, x.end) for x in voice.stretches]
        cues = []
        for r in [] if boilerplate else by_para.get(p.index, []):
            s = min(max(_int(r.get("para_start")), 0), n)
            e = min(max(_int(r.get("para_end")), s), n)
            cues.append(
                {
                    "category": _text(r.get("category")),
                    "voice": _text(r.get("voice")) or "author",
                    "rule": _text(r.get("rule")),
                    "entry": _text(r.get("entry")),
                    "subtype": _text(r.get("subtype")),
                    "weight": _float(r.get("weight")),
                    "negated": _text(r.get("negated")) in ("True", "true", "1"),
                    "lexicon_source": _text(r.get("lexicon_source")),
                    "explanation": _text(r.get("explanation")),
                    # The lead's word-sense columns, when the table has them: a cue
                    # weighed and set aside (counted False) is shown apart, not dropped.
                    "counted": _bool(r.get("counted"), default=True),
                    "sense": _text(r.get("sense")),
                    "voice_basis": _text(r.get("voice_basis")),
                    "text": text[s:e],
                    "start": s,
                    "end": e,
                }
            )
        cues.sort(key=lambda c: (c["start"], -c["end"], order.get(c["category"], 9), c["rule"]))
        sc: dict[str, Any] = {k: _int(row.get(k)) for k in _COUNTS + _CUE_COUNTS}
        sc.update({k: _float(row.get(k), 2 if k == "certainty" else 3) for k in _WEIGHTS})
        if "inferred_quoted_words" in row:
            sc["inferred_quoted_words"] = _int(row.get("inferred_quoted_words"))
        if boilerplate:
            sc["certainty"] = None
        paragraphs.append(
            {
                "para": p.index,
                "kind": p.kind,
                "reason": p.reason,
                "blockquote": bool(p.blockquote),
                "text": text,
                "scores": sc,
                "cues": cues,
                "segments": _segments(text, cues, quotes),
            }
        )

    scored = [p for p in paragraphs if p["kind"] != "boilerplate"]
    certainties = [p["scores"]["certainty"] for p in scored if p["kind"] == "body"]
    certainties = [c for c in certainties if c is not None]
    summary: dict[str, Any] = {
        "paragraphs": len(paragraphs),
        "boilerplate": len(paragraphs) - len(scored),
        "words": sum(p["scores"]["words"] for p in scored),
    }
    summary.update({k: sum(p["scores"][k] for p in scored) for k in _CUE_COUNTS})
    summary["certainty"] = round(sum(certainties) / len(certainties), 3) if certainties else None
    title = next((p["text"].strip() for p in paragraphs if p["kind"] == "heading"), "")
    return {
        "doc_id": str(scores.doc_id),
        "title": title,
        "summary": summary,
        "legend": [dict(item) for item in LEGEND],
        "paragraphs": paragraphs,
    }


# ---------------------------------------------------------------------------
# Step 2: dict -> HTML
# ---------------------------------------------------------------------------

# Every selector starts with the root class, so a fragment in a notebook
# styles itself and nothing around it.
ROOT = "rhetoric-hl"

CSS = """
.rhetoric-hl {
  --rh-hedge: #2c7bb6; --rh-hedge-bg: rgba(44, 123, 182, .17);
  --rh-absolute: #d7191c; --rh-absolute-bg: rgba(215, 25, 28, .14);
  --rh-emotive: #e08214; --rh-emotive-bg: rgba(253, 174, 97, .42);
  --rh-source: #1a9641; --rh-source-bg: rgba(26, 150, 65, .15);
  --rh-quoted: #5e3c99; --rh-grey: #8a8a8a; --rh-rule: #e2e2e2;
  font: 17px/1.5 Georgia, "Times New Roman", serif; color: #1b1b1b; background: #fff;
  max-width: 76em; margin: 0 auto; padding: 0 1em 2em;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
.rhetoric-hl * { box-sizing: border-box; }
.rhetoric-hl .rh-ui, .rhetoric-hl .rh-margin, .rhetoric-hl .rh-intro, .rhetoric-hl .rh-dochead,
.rhetoric-hl .rh-why, .rhetoric-hl .rh-notes, .rhetoric-hl .rh-colhead {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.rhetoric-hl .rh-intro { font-size: 14px; line-height: 1.45; border-bottom: 2px solid #333;
  padding: .8em 0 1em; margin-bottom: .5em; }
.rhetoric-hl .rh-intro h1 { font-size: 20px; margin: 0 0 .5em; }
.rhetoric-hl .rh-legend { list-style: none; margin: 0 0 .8em; padding: 0; display: grid;
  grid-template-columns: repeat(auto-fill, minmax(21em, 1fr)); gap: .35em 1.5em; }
.rhetoric-hl .rh-legend li { margin: 0; line-height: 1.8; }
.rhetoric-hl .rh-legend .rh-seg { font-family: Georgia, "Times New Roman", serif; font-size: 16px;
  font-weight: bold; margin-right: .35em; }
.rhetoric-hl .rh-howto { margin: 0; max-width: 62em; color: #333; }
.rhetoric-hl .rh-howto p { margin: .3em 0; }
.rhetoric-hl .rh-howto summary { cursor: pointer; font-weight: bold; }
.rhetoric-hl .rh-doc { margin-top: 1.5em; }
.rhetoric-hl .rh-dochead { margin-bottom: .6em; }
.rhetoric-hl .rh-title { font: bold 24px/1.25 Georgia, "Times New Roman", serif; margin: .2em 0 .15em; }
.rhetoric-hl .rh-docid { color: #666; font-size: 13px; margin: 0 0 .5em; }
.rhetoric-hl .rh-summary { border-collapse: collapse; font-size: 13px; }
.rhetoric-hl .rh-summary th, .rhetoric-hl .rh-summary td { border: 1px solid #ccc; padding: .2em .6em;
  text-align: center; }
.rhetoric-hl .rh-summary th { background: #f3f3f3; font-weight: 600; }
.rhetoric-hl .rh-colhead { display: grid; grid-template-columns: minmax(0, 1fr) 15em; gap: 0 1.5em;
  font-size: 12px; color: #555; text-transform: uppercase; letter-spacing: .04em;
  border-bottom: 1px solid #999; padding: .2em 0; }
.rhetoric-hl .rh-row { display: grid; grid-template-columns: minmax(0, 1fr) 15em; gap: 0 1.5em;
  padding: .55em 0; border-bottom: 1px solid var(--rh-rule); break-inside: avoid; page-break-inside: avoid; }
.rhetoric-hl .rh-text p { margin: 0; line-height: 2.35; }
.rhetoric-hl .rh-kind-heading .rh-text p { font-weight: bold; font-size: 1.2em; line-height: 2; }
.rhetoric-hl .rh-kind-boilerplate .rh-text p { color: var(--rh-grey); font-size: .88em; line-height: 1.6; }
.rhetoric-hl .rh-kind-boilerplate { background: #f6f6f6; }
.rhetoric-hl .rh-blockquote .rh-text p { border-left: 3px solid var(--rh-quoted); padding-left: .8em; }
.rhetoric-hl .rh-margin { font-size: 12.5px; line-height: 1.35; color: #333; border-left: 3px solid #d9d9d9;
  padding: .2em 0 .2em .8em; }
.rhetoric-hl .rh-phead { color: #666; margin: 0 0 .25em; }
.rhetoric-hl .rh-boiler, .rhetoric-hl .rh-nocues { color: var(--rh-grey); margin: 0; }
.rhetoric-hl .rh-cert { display: flex; align-items: center; gap: .45em; margin: 0 0 .3em; }
.rhetoric-hl .rh-cert b { font-size: 15px; min-width: 3.2em; font-variant-numeric: tabular-nums; }
.rhetoric-hl .rh-bar { position: relative; display: inline-block; width: 6.5em; height: .8em;
  background: #eee; border: 1px solid #bbb; }
.rhetoric-hl .rh-bar::before { content: ""; position: absolute; left: 50%; top: -3px; bottom: -3px;
  border-left: 1px solid #555; }
.rhetoric-hl .rh-fill { position: absolute; top: 0; bottom: 0; }
.rhetoric-hl .rh-fill-hedge { background: var(--rh-hedge); }
.rhetoric-hl .rh-fill-absolute { background: var(--rh-absolute); }
.rhetoric-hl .rh-verdict { color: #333; margin: 0 0 .35em; }
.rhetoric-hl .rh-inferred { color: var(--rh-quoted); margin: .35em 0 0; }
.rhetoric-hl .rh-setaside-note { color: var(--rh-grey); margin: .35em 0 0; }
.rhetoric-hl .rh-scores { border-collapse: collapse; font-variant-numeric: tabular-nums; }
.rhetoric-hl .rh-scores th, .rhetoric-hl .rh-scores td { padding: .05em .45em .05em 0; text-align: right;
  font-weight: normal; }
.rhetoric-hl .rh-scores thead th { color: #666; font-size: 11px; }
.rhetoric-hl .rh-scores tbody th, .rhetoric-hl .rh-scores tfoot th { text-align: left; }
.rhetoric-hl .rh-scores td.rh-zero { color: #bbb; }
.rhetoric-hl .rh-scores tfoot th, .rhetoric-hl .rh-scores tfoot td { color: #666; border-top: 1px solid #ddd; }
.rhetoric-hl .rh-key { display: inline-block; width: .9em; height: .9em; margin-right: .35em;
  vertical-align: -.1em; border-bottom: 3px solid; }
.rhetoric-hl .rh-key.rh-hedge { background: var(--rh-hedge-bg); border-color: var(--rh-hedge);
  border-bottom-style: dashed; }
.rhetoric-hl .rh-key.rh-absolute { background: var(--rh-absolute-bg); border-color: var(--rh-absolute);
  border-bottom-style: double; }
.rhetoric-hl .rh-key.rh-emotive { background: var(--rh-emotive-bg); border-color: var(--rh-emotive);
  border-bottom-style: dotted; }
.rhetoric-hl .rh-key.rh-source { background: var(--rh-source-bg); border-color: var(--rh-source);
  border-bottom-style: solid; }
/* Highlights: one nested span per category, each with its own underline
   (offset by nesting depth so that overlapping cues show every line). */
.rhetoric-hl .rh-c { text-decoration-line: underline; text-decoration-thickness: 2px;
  text-decoration-skip-ink: none; border-radius: 2px; }
.rhetoric-hl .rh-d1 { text-underline-offset: 3px; }
.rhetoric-hl .rh-d2 { text-underline-offset: 8px; }
.rhetoric-hl .rh-d3 { text-underline-offset: 13px; }
.rhetoric-hl .rh-d4 { text-underline-offset: 18px; }
.rhetoric-hl .rh-c.rh-hedge { background-color: var(--rh-hedge-bg); text-decoration-color: var(--rh-hedge);
  text-decoration-style: wavy; text-decoration-thickness: 1.5px; }
.rhetoric-hl .rh-c.rh-absolute { background-color: var(--rh-absolute-bg);
  text-decoration-color: var(--rh-absolute); text-decoration-style: double; }
.rhetoric-hl .rh-c.rh-emotive { background-color: var(--rh-emotive-bg); text-decoration-color: var(--rh-emotive);
  text-decoration-style: dotted; text-decoration-thickness: 3px; }
.rhetoric-hl .rh-c.rh-source { background-color: var(--rh-source-bg); text-decoration-color: var(--rh-source);
  text-decoration-style: solid; }
/* A cue weighed and set aside (counted False): faint, no colour, a thin dashed grey line. */
.rhetoric-hl .rh-c.rh-setaside, .rhetoric-hl .rh-legend .rh-setaside { background-color: transparent; color: var(--rh-grey);
  text-decoration-line: underline; text-decoration-color: #b5b5b5; text-decoration-style: dashed;
  text-decoration-thickness: 1px; }
/* A whole quotation as a source: the underline only, so the cues inside stay legible. */
.rhetoric-hl .rh-c.rh-source.rh-wide { background-color: transparent; }
.rhetoric-hl .rh-q { font-style: italic; color: var(--rh-quoted); }
.rhetoric-hl .rh-text { position: relative; }
.rhetoric-hl .rh-seg[data-tip] { cursor: help; }
.rhetoric-hl .rh-seg[data-tip]:hover, .rhetoric-hl .rh-seg[data-tip]:focus { outline: 1px solid #555;
  outline-offset: 1px; }
.rhetoric-hl .rh-seg.rh-plain:hover, .rhetoric-hl .rh-seg.rh-plain:focus { outline: none; }
/* The hover note: placed by the text column (its containing block) on the
   line below the word, so it never runs off the right edge of the page. */
.rhetoric-hl .rh-seg[data-tip]:hover::after, .rhetoric-hl .rh-seg[data-tip]:focus::after {
  content: attr(data-tip); position: absolute; left: 0; z-index: 30; margin-top: 3.15em;
  width: max-content; max-width: min(34em, 100%); white-space: pre-line; pointer-events: none;
  background: #fffdf0; color: #111; border: 1px solid #666; border-radius: 4px;
  box-shadow: 0 3px 10px rgba(0, 0, 0, .25); padding: .45em .65em;
  font: normal normal 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  text-align: left; text-decoration: none; }
.rhetoric-hl .rh-why { font-size: 12.5px; color: #444; margin: .25em 0 0; }
.rhetoric-hl .rh-why summary { cursor: pointer; color: #666; }
.rhetoric-hl .rh-why ol { margin: .3em 0 .2em; padding-left: 1.6em; }
.rhetoric-hl .rh-why li { margin: .1em 0; }
.rhetoric-hl .rh-why .rh-cat { font-weight: 600; }
.rhetoric-hl .rh-notes { display: none; }
.rhetoric-hl .rh-why .rh-setaside-label { color: var(--rh-grey); font-style: italic; }
@media screen and (max-width: 760px) {
  .rhetoric-hl .rh-row, .rhetoric-hl .rh-colhead { grid-template-columns: minmax(0, 1fr); }
  .rhetoric-hl .rh-colhead div + div { display: none; }
  .rhetoric-hl .rh-margin { border-left: 0; border-top: 1px dotted #ccc; padding: .3em 0 0; margin-top: .3em; }
}
@media print {
  .rhetoric-hl { font-size: 10.5pt; max-width: none; padding: 0; }
  .rhetoric-hl .rh-row, .rhetoric-hl .rh-colhead { grid-template-columns: minmax(0, 1fr) 13em; gap: 0 1em; }
  .rhetoric-hl .rh-text p { line-height: 2.15; }
  .rhetoric-hl .rh-seg[data-tip]::after { content: none; display: none; }
  .rhetoric-hl .rh-seg[data-tip]:hover, .rhetoric-hl .rh-seg[data-tip]:focus { outline: none; }
  .rhetoric-hl details.rh-why { display: none; }
  /* On paper the hover notes become numbered notes at the foot of each paragraph,
     each cue carrying its number as a superscript (generated content: the text stays the text). */
  .rhetoric-hl .rh-text ol.rh-notes { display: block; font-size: 7.5pt; line-height: 1.35; color: #333;
    margin: .25em 0 0; padding-left: 2.2em; }
  .rhetoric-hl .rh-text ol.rh-notes li { margin: 0; }
  .rhetoric-hl .rh-seg[data-ref]::after { content: attr(data-ref); display: inline; position: static;
    vertical-align: super; font: 600 6.5pt/1 system-ui, Arial, sans-serif; color: #333;
    margin-left: 1px; background: none; border: 0; box-shadow: none; padding: 0; }
  .rhetoric-hl .rh-intro, .rhetoric-hl .rh-dochead { break-inside: avoid; }
  .rhetoric-hl .rh-doc + .rh-doc { break-before: page; }
}
"""

# The page: a Content-Security-Policy that allows inline styles and nothing
# else, so even a mistake here could neither run a script nor fetch a thing.
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rhetoric">
<title>{title}</title>
<style>
@page {{ margin: 12mm; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ margin: 0; background: #fff; }}
{css}</style>
</head>
<body>
{root}
</body>
</html>
"""
FRAGMENT_STYLE = "<style>{css}</style>"
ROOT_DIV = '<div class="{root}">\n{style}{intro}{docs}</div>'
INTRO = """<div class="rh-intro">
<h1>{heading}</h1>
<ul class="rh-legend">{legend}</ul>
<details class="rh-howto"{open}><summary>How to read this</summary>{howto}</details>
</div>
"""
LEGEND_ITEM = "<li>{sample} {meaning}</li>"
HOWTO = (
    "<p>Each paragraph is shown with its cues highlighted and numbered from 1. Point at (or tap) "
    "a highlight to see the word-list entry or rule that fired and why; the list under each paragraph "
    "says the same, and on paper it is printed as numbered notes under the paragraph. A computer found "
    "these cues with word lists and grammar rules: it can be wrong, so check each one against the "
    "sentence. Faint words were weighed and set aside: the tool thought about them and decided not to "
    "count them, and its note says why.</p>"
    "<p>The column on the right counts the cues in the <b>author's own voice</b>, and beside them the "
    "cues in <b>quoted voices</b>; a kind of cue the paragraph does not have is left out. Words inside "
    "quotation marks (in <i>italics</i>) belong to the person quoted: their cues are highlighted but "
    "left out of the author's scores, while the quotation itself counts among the author's sources "
    "(the author chose to quote). Sometimes the tool hears a quoted voice with no quotation marks "
    "(after “he said:”, or reported speech); the margin and the note say so.</p>"
    "<p>The <b>certainty index</b> is (A − H) / (A + H + 1), from the words the author wrote: A adds up "
    "the absolutes and H the hedges (a strong cue weighs 1, a moderate one 0.5, a weak one 0.25). "
    "Reported speech counts in it (“officials said the toll <i>might</i> rise”: the author chose to keep "
    "the <i>might</i>); words inside quotation marks do not. "
    "It runs from −1 (only hedging) through 0 (no cues, or as much of each) to +1 (only absolutes). "
    "Grey paragraphs are boilerplate (bylines, datelines, contact details): shown, not scored.</p>"
)
DOC = """<section class="rh-doc" data-doc="{doc_id}">
<header class="rh-dochead">
<h2 class="rh-title">{title}</h2>
<p class="rh-docid">{docline}</p>
{summary}
</header>
<div class="rh-colhead"><div>Text</div><div>Paragraph scores</div></div>
{rows}</section>
"""
SUMMARY = """<table class="rh-summary">
<thead><tr><th></th><th>words</th>{heads}<th>mean certainty<br>(body paragraphs)</th></tr></thead>
<tbody><tr><th>author's voice</th><td>{words}</td>{author}<td>{certainty}</td></tr>
<tr><th>quoted voices</th><td></td>{quoted}<td></td></tr></tbody>
</table>"""
ROW = """<div class="rh-row rh-kind-{kind}{bq}" data-para="{para}">
<div class="rh-text"><p>{text}</p>{why}</div>
<aside class="rh-margin">{margin}</aside>
</div>
"""
MARGIN = """<p class="rh-phead">¶ {para} · {kind}</p>
<div class="rh-cert" title="certainty index"><span>certainty</span> <b data-score="certainty">{certainty}</b>{bar}</div>
<p class="rh-verdict" title="{weights}">{verdict}</p>
<table class="rh-scores">
<thead><tr><th></th><th>author</th><th>quoted</th></tr></thead>
<tbody>{rows}</tbody>
<tfoot><tr><th>words</th><td data-score="words">{words}</td><td data-score="quoted_words">{quoted_words}</td></tr></tfoot>
</table>{extra}"""
MARGIN_ROW = (
    '<tr><th><span class="rh-key rh-{cat}"></span>{label}</th>'
    '<td data-score="{key}"{z1}>{n}</td><td data-score="{key}_quoted"{z2}>{q}</td></tr>'
)
MARGIN_EMPTY = """<p class="rh-phead">¶ {para} · {kind}</p>
<div class="rh-cert" title="certainty index"><span>certainty</span> <b data-score="certainty">{certainty}</b>{bar}</div>
<p class="rh-nocues">No cues found · <span data-score="words">{words}</span> words</p>{extra}"""
MARGIN_BOILER = (
    '<p class="rh-phead">¶ {para} · boilerplate</p>\n<p class="rh-boiler">{reason}: not scored</p>'
)
BAR = '<span class="rh-bar" aria-hidden="true"><span class="rh-fill rh-fill-{side}" style="left: {left:.1f}%; width: {width:.1f}%"></span></span>'
SEGMENT = '<span class="rh-seg" tabindex="0" data-tip="{tip}"{ref}>{inner}</span>'
QUOTED_PLAIN = '<span class="rh-seg rh-plain" data-tip="{tip}">{inner}</span>'
LAYER = '<span class="rh-c rh-{cat} rh-d{depth}{wide}">{inner}</span>'
SETASIDE_LAYER = '<span class="rh-c rh-setaside rh-d{depth}" data-setaside="{cat}">{inner}</span>'
QUOTE_RUN = '<span class="rh-q">{inner}</span>'
WHY = '<details class="rh-why"><summary>Why these highlights ({n})</summary><ol>{items}</ol></details>'
WHY_ITEM = '<li><span class="rh-key rh-{cat}"></span><b>{text}</b> <span class="rh-cat">{label}</span>{voice}: {explanation}</li>'
NOTES = '<ol class="rh-notes">{items}</ol>'
NOTE_ITEM = "<li>{note}</li>"
INFERRED_NOTE = '<p class="rh-inferred">{text}</p>'
SETASIDE_NOTE = '<p class="rh-setaside-note">{text}</p>'
QUOTED_TIP = "Quoted voice: these words belong to the person quoted, not the author."


def _esc(x: Any) -> str:
    return html.escape(_text(x), quote=True)


def _cat(x: Any) -> str:
    """A category safe to use in a class name."""
    c = _text(x)
    return c if c in CATEGORIES else "other"


def _count(x: Any) -> str:
    f = _float(x, 0)
    return "–" if f is None else str(int(f))


def _signed(x: Any) -> str:
    f = _float(x, 2)
    if f is None:
        return "–"
    if abs(f) < 0.005:
        return "0.00"
    return f"{f:+.2f}".replace("-", "−")


def _label(cat: str) -> str:
    return cat.capitalize() if cat in CATEGORIES else "Cue"


def _voice(cue: Mapping) -> str:
    return "quoted" if cue.get("voice") == "quoted" else "author"


def _authors_quotation(cue: Mapping) -> bool:
    """A quotation the author made: the words are the speaker's, the sourcing counts as the author's."""
    from .score import sourced_by_author

    return (
        _voice(cue) == "quoted"
        and _text(cue.get("category")) == "source"
        and bool(sourced_by_author("quoted", _text(cue.get("rule")), _text(cue.get("voice_basis"))))
    )


def _counted(cue: Mapping) -> bool:
    """False for a cue the scorer weighed and set aside (``counted`` False); True when the column is absent."""
    c = cue.get("counted", True)
    return True if c is None else bool(c)


def _inferred(cue: Mapping) -> str:
    """How a quoted voice was inferred without quotation marks, in words; '' when it was not."""
    return INFERRED_VOICE.get(_text(cue.get("voice_basis")), "")


def _tip(cue: Mapping) -> str:
    """The hover text of one cue: what it is, whose voice, which rule, and why."""
    cat = _text(cue.get("category"))
    quoted = _voice(cue) == "quoted"
    inferred = _inferred(cue)
    if not _counted(cue):
        voice = "set aside, not counted" + (" (quoted voice)" if quoted else "")
        label = f"SET ASIDE · looked like a {cat or 'cue'}"
    else:
        if _authors_quotation(cue):
            voice = "the speaker's words; quoting them counts as the author's source"
        elif quoted and cat in ("hedge", "absolute") and _text(cue.get("voice_basis")) == "reported_speech":
            voice = "reported speech: the source's, in the author's words; in the certainty index, not in the author's count"
        else:
            voice = "quoted voice, not in the author's score" if quoted else "author's voice, counted"
        label = _label(cat).upper()
    rule = _RULES.get(_text(cue.get("rule")), _text(cue.get("rule")) or "rule")
    entry = _text(cue.get("entry"))
    head = f"{label} · {voice} · {rule}" + (f" “{entry}”" if entry else "")
    lines = [head]
    if inferred:
        lines.append(f"Voice inferred, not marked by quotation marks: {inferred}.")
    sense = _text(cue.get("sense"))
    if sense:
        lines.append(f"Sense: {sense}.")
    explanation = _text(cue.get("explanation"))
    if explanation:
        lines.append(explanation)
    return "\n".join(lines)


def _levels(cues: Sequence[Mapping]) -> list[int]:
    """Each cue's underline level: 1 + the highest level of the shorter cues it overlaps.

    A cue keeps one level along its whole length, so a quotation's underline
    runs straight under a cue inside it instead of stepping up and down.
    """
    ranges = [(_float(c.get("start"), 0) or 0, _float(c.get("end"), 0) or 0) for c in cues]
    level = [1] * len(cues)
    placed: list[int] = []
    for i in sorted(range(len(cues)), key=lambda i: (ranges[i][1] - ranges[i][0], i)):
        s, e = ranges[i]
        for j in placed:
            if ranges[j][0] < e and s < ranges[j][1]:
                level[i] = max(level[i], level[j] + 1)
        placed.append(i)
    return level


def _segment_html(seg: Mapping, cues: Sequence[Mapping], levels: Sequence[int], refs: str = "") -> str:
    text = _esc(seg.get("text"))
    idx = []
    for i in seg.get("cues") or ():
        if isinstance(i, int) and 0 <= i < len(cues) and i not in idx:
            idx.append(i)
    if not idx:
        return QUOTED_PLAIN.format(tip=_esc(QUOTED_TIP), inner=text) if seg.get("quoted") else text
    # One nested span per cue, the lowest level innermost, so overlapping cues
    # (a hedge inside a quotation, a word that is both hedge and source) all show.
    inner = text
    for i in sorted(idx, key=lambda i: levels[i]):
        if not _counted(cues[i]):
            inner = SETASIDE_LAYER.format(
                cat=_cat(cues[i].get("category")), depth=min(levels[i], 4), inner=inner
            )
            continue
        wide = " rh-wide" if _text(cues[i].get("rule")) == "quotation" else ""
        inner = LAYER.format(
            cat=_cat(cues[i].get("category")), depth=min(levels[i], 4), wide=wide, inner=inner
        )
    tips = []
    for i in idx:
        t = _tip(cues[i])
        if t not in tips:
            tips.append(t)
    ref = f' data-ref="{_esc(refs)}"' if refs else ""
    return SEGMENT.format(tip=_esc("\n\n".join(tips)), ref=ref, inner=inner)


def _text_html(para: Mapping) -> str:
    cues = para.get("cues") or []
    levels = _levels(cues)
    segments = para.get("segments")
    if segments is None:
        segments = [{"text": para.get("text", ""), "cues": [], "quoted": False}]
    # Each cue's note number (1, 2, ... in the order of the notes) goes on the
    # last piece it covers, so the printed superscript follows the whole cue.
    last: dict[int, int] = {}
    for k, seg in enumerate(segments):
        for i in seg.get("cues") or ():
            if isinstance(i, int) and 0 <= i < len(cues):
                last[i] = k
    refs: dict[int, list[str]] = {}
    for i, k in sorted(last.items()):
        refs.setdefault(k, []).append(str(i + 1))
    out: list[str] = []
    run: list[str] = []
    for k, seg in enumerate(segments):
        piece = _segment_html(seg, cues, levels, ",".join(refs.get(k, [])))
        if seg.get("quoted"):
            run.append(piece)
            continue
        if run:
            out.append(QUOTE_RUN.format(inner="".join(run)))
            run = []
        out.append(piece)
    if run:
        out.append(QUOTE_RUN.format(inner="".join(run)))
    return "".join(out)


def _why_html(para: Mapping) -> str:
    cues = para.get("cues") or []
    if not cues:
        return ""
    items, notes = [], []
    for c in cues:
        cat = _cat(c.get("category"))
        quoted = _voice(c) == "quoted"
        counted = _counted(c)
        inferred = _inferred(c)
        status = []
        if not counted:
            status.append("set aside, not counted")
        elif _authors_quotation(c):
            status.append("the speaker's words, counted as the author's source")
        elif quoted:
            status.append("quoted voice, not counted")
        if inferred:
            status.append(f"voice inferred: {inferred}")
        items.append(
            WHY_ITEM.format(
                cat=cat if counted else "setaside",
                text=_esc(c.get("text")),
                label=_esc(_text(c.get("category")) or "cue"),
                voice=f" ({_esc('; '.join(status))})" if status else "",
                explanation=_esc(c.get("explanation")),
            ).replace(
                '<span class="rh-cat">',
                '<span class="rh-cat rh-setaside-label">' if not counted else '<span class="rh-cat">',
            )
        )
        rule = _RULES.get(_text(c.get("rule")), _text(c.get("rule")))
        entry = _text(c.get("entry"))
        note = f"{_short(_text(c.get('text')))} = {_text(c.get('category'))}, {rule}"
        note += f" “{entry}”" if entry and entry != _text(c.get("text")) else ""
        note += f" ({'; '.join(status)})" if status else ""
        explanation = _text(c.get("explanation"))
        notes.append(NOTE_ITEM.format(note=_esc(note + (f": {explanation}" if explanation else ""))))
    return WHY.format(n=len(cues), items="".join(items)) + NOTES.format(items="".join(notes))


def _short(text: str, limit: int = 40) -> str:
    """A long cue (a whole quotation) cut short for the printed notes."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut[: cut.rindex(" ")] if " " in cut else cut).rstrip() + "…"


def _bar(certainty: Any) -> str:
    f = _float(certainty)
    if f is None or abs(f) < 0.005:
        return BAR.format(side="hedge", left=50.0, width=0.0)
    f = max(-1.0, min(1.0, f))
    width = abs(f) * 50.0
    return BAR.format(
        side="absolute" if f > 0 else "hedge", left=50.0 if f > 0 else 50.0 - width, width=width
    )


def _shown(para: Any) -> str:
    """A paragraph's number as people read it: from 1 (the tables' ``para`` is from 0)."""
    f = _float(para, 0)
    return "?" if f is None else str(int(f) + 1)


def _verdict(a: float | None, h: float | None) -> str:
    """What the certainty index says, in words."""
    if a is None or h is None:
        return ""
    if a == 0 and h == 0:
        return "No hedges or absolutes in the author's words."
    if h == 0:
        return "Only absolutes in the author's words: it sounds certain."
    if a == 0:
        return "Only hedges in the author's words: it sounds unsure."
    if a > h:
        return "Absolutes outweigh hedges: it leans towards sounding sure."
    if h > a:
        return "Hedges outweigh absolutes: it leans towards sounding unsure."
    return "Hedges and absolutes weigh the same: balanced."


def _extra_html(para: Mapping) -> str:
    """The margin's notes on inferred voice and on cues set aside, when there are any."""
    cues = para.get("cues") or []
    out = []
    inferred = sorted({_text(c.get("voice_basis")) for c in cues if _inferred(c)})
    n = _int((para.get("scores") or {}).get("inferred_quoted_words"))
    if inferred or n:
        how = "; ".join(INFERRED_VOICE[b] for b in inferred) or "no quotation marks"
        words = f"{n} word{'s' if n != 1 else ''}" if n else "Some words"
        out.append(
            INFERRED_NOTE.format(
                text=_esc(f"{words} heard as a quoted voice although no quotation marks say so ({how}).")
            )
        )
    aside = [c for c in cues if not _counted(c)]
    if aside:
        k = len(aside)
        out.append(
            SETASIDE_NOTE.format(
                text=_esc(
                    f"{k} word{'s' if k != 1 else ''} weighed and set aside, shown faint and not counted: "
                    + ", ".join(f"“{_short(_text(c.get('text')), 24)}”" for c in aside)
                    + "."
                )
            )
        )
    return "".join(out)


def _margin_html(para: Mapping) -> str:
    kind = _text(para.get("kind"))
    if kind == "boilerplate":
        return MARGIN_BOILER.format(
            para=_shown(para.get("para")), reason=_esc(para.get("reason") or "boilerplate")
        )
    sc = para.get("scores") or {}
    kind = _esc(kind + (f" ({_text(para.get('reason'))})" if para.get("reason") else ""))
    if all(_count(sc.get(k)) == "0" for k in _CUE_COUNTS):
        # Nothing to count: one line, so short paragraphs and headings stay short.
        return MARGIN_EMPTY.format(
            para=_shown(para.get("para")),
            kind=kind,
            certainty=_signed(sc.get("certainty")),
            bar=_bar(sc.get("certainty")),
            words=_count(sc.get("words")),
            extra=_extra_html(para),
        )
    rows = []
    for cat in CATEGORIES:
        key = _PLURAL[cat]
        n, q = _count(sc.get(key)), _count(sc.get(f"{key}_quoted"))
        if n in ("0", "–") and q in ("0", "–"):
            continue  # a row of zeros says nothing; the paragraph's other rows do
        rows.append(
            MARGIN_ROW.format(
                cat=cat,
                label=key,
                key=key,
                n=n,
                q=q,
                z1=' class="rh-zero"' if n == "0" else "",
                z2=' class="rh-zero"' if q == "0" else "",
            )
        )
    a, h = _float(sc.get("absolute_weight"), 2), _float(sc.get("hedge_weight"), 2)
    weights = "" if a is None or h is None else f"absolutes weigh {a:g}, hedges {h:g} (author's words, reported speech included)"
    return MARGIN.format(
        para=_shown(para.get("para")),
        kind=kind,
        certainty=_signed(sc.get("certainty")),
        bar=_bar(sc.get("certainty")),
        verdict=_esc(_verdict(a, h)),
        weights=_esc(weights),
        rows="".join(rows),
        words=_count(sc.get("words")),
        quoted_words=_count(sc.get("quoted_words")),
        extra=_extra_html(para),
    )


def _doc_html(data: Mapping) -> str:
    rows = []
    for para in data.get("paragraphs") or []:
        kind = _text(para.get("kind"))
        boiler = kind == "boilerplate"
        rows.append(
            ROW.format(
                kind=kind if kind in KINDS else "body",
                bq=" rh-blockquote" if para.get("blockquote") else "",
                para=_esc(para.get("para")),
                text=_esc(para.get("text")) if boiler else _text_html(para),
                why="" if boiler else _why_html(para),
                margin=_margin_html(para),
            )
        )
    s = data.get("summary") or {}
    heads = "".join(f'<th><span class="rh-key rh-{c}"></span>{_PLURAL[c]}</th>' for c in CATEGORIES)
    summary = SUMMARY.format(
        heads=heads,
        words=_count(s.get("words")),
        author="".join(f'<td data-total="{_PLURAL[c]}">{_count(s.get(_PLURAL[c]))}</td>' for c in CATEGORIES),
        quoted="".join(
            f'<td data-total="{_PLURAL[c]}_quoted">{_count(s.get(_PLURAL[c] + "_quoted"))}</td>'
            for c in CATEGORIES
        ),
        certainty=_signed(s.get("certainty")),
    )
    doc_id = _text(data.get("doc_id"))
    n, b = _count(s.get("paragraphs")), _count(s.get("boilerplate"))
    return DOC.format(
        doc_id=_esc(doc_id),
        title=_esc(data.get("title") or doc_id or "Untitled"),
        docline=_esc(f"{doc_id} · {n} paragraphs, {b} of them boilerplate"),
        summary=summary,
        rows="".join(rows),
    )


def _legend_html(legend: Iterable[Mapping]) -> str:
    items = []
    for item in legend:
        cat = _text(item.get("category"))
        label = _esc(item.get("label") or cat)
        if cat == "quoted":
            sample = f'<span class="rh-seg"><span class="rh-q">“{label}”</span></span>'
        else:
            sample = SEGMENT.format(
                tip=_esc(item.get("meaning")),
                ref="",
                inner=LAYER.format(cat=_cat(cat), depth=1, wide="", inner=label),
            ).replace(' tabindex="0"', "")
        items.append(LEGEND_ITEM.format(sample=sample, meaning=_esc(item.get("meaning"))))
    items.append(
        LEGEND_ITEM.format(
            sample='<span class="rh-seg"><span class="rh-setaside">Set aside</span></span>',
            meaning="faint words with a dashed grey line were weighed and set aside (another sense of "
            "the word, say): not counted; the note on each says why.",
        )
    )
    items.append(
        LEGEND_ITEM.format(
            sample='<span class="rh-seg" style="color: #8a8a8a">Boilerplate</span>',
            meaning="grey paragraphs (bylines, datelines, contact details) are shown but not scored.",
        )
    )
    return "".join(items)


def render_html(data: Mapping | Sequence[Mapping], *, standalone: bool = True) -> str:
    """Render :func:`to_dict` data as HTML; needs no spaCy.

    Args:
        data: one document's data, or a list of them (one section each).
        standalone: a whole page (``<!DOCTYPE html>``, styles in the head);
            ``False`` gives a ``<div class="rhetoric-hl">`` with its own
            scoped ``<style>``, for a notebook cell.

    Returns:
        HTML in which every piece of text taken from ``data`` (the text,
        cue entries and explanations, doc ids, titles) is escaped. The page
        loads nothing and runs no script; it reads the same on paper.

    Example:
        >>> page = render_html({"doc_id": "x", "paragraphs": []})
        >>> page.startswith("<!DOCTYPE html>")
        True
    """
    docs: list[Mapping] = [data] if isinstance(data, Mapping) else list(data)
    legend = (docs[0].get("legend") if docs else None) or LEGEND
    # In a notebook the note starts folded, so the text is in view; on the page it is open (and printed).
    intro = INTRO.format(
        heading="Highlighted text",
        legend=_legend_html(legend),
        howto=HOWTO,
        open=" open" if standalone else "",
    )
    body = "".join(_doc_html(d) for d in docs)
    if not standalone:
        return ROOT_DIV.format(root=ROOT, style=FRAGMENT_STYLE.format(css=CSS), intro=intro, docs=body)
    titles = [_text(d.get("title") or d.get("doc_id")) for d in docs]
    title = "rhetoric: " + (titles[0] if len(titles) == 1 else f"{len(titles)} documents")
    root = ROOT_DIV.format(root=ROOT, style="", intro=intro, docs=body)
    return PAGE.format(title=_esc(title), css=CSS, root=root)


# ---------------------------------------------------------------------------
# Step 3: the one-liner
# ---------------------------------------------------------------------------


class HighlightHTML(str):
    """The report: the standalone page as a ``str``, the fragment in a notebook.

    Attributes:
        data: the :func:`to_dict` data (a list when several documents).
        fragment: the ``<div>`` shown by ``_repr_html_``.
    """

    data: Any
    fragment: str

    def __new__(cls, data: Any) -> HighlightHTML:
        self = super().__new__(cls, render_html(data, standalone=True))
        self.data = data
        self.fragment = render_html(data, standalone=False)
        return self

    @property
    def page(self) -> str:
        """The standalone page (the same as ``str(self)``)."""
        return str(self)

    def _repr_html_(self) -> str:
        return self.fragment

    def save(self, path: str | Path) -> Path:
        """Write the standalone page to ``path`` (UTF-8) and return the path."""
        p = Path(path)
        p.write_text(self.page, encoding="utf-8")
        return p


@lru_cache(maxsize=1)
def _default_analyzer() -> Analyzer:
    from .score import Analyzer

    return Analyzer(readability=False)


def highlight(
    text_or_scores: str | Scores | Iterable[Scores], *, analyzer: Analyzer | None = None, doc_id: str = "text"
) -> HighlightHTML:
    """Highlight a text's hedges, absolutes, emotive terms and sources.

    Args:
        text_or_scores: a string (scored here), a :class:`~rhetoric.Scores`,
            or several ``Scores`` (one section each).
        analyzer: the :class:`~rhetoric.Analyzer` for a string; by default one
            is made on first use and kept.
        doc_id: the name of a string document.

    Returns:
        A :class:`HighlightHTML`: the last expression of a notebook cell shows
        the highlighted text; ``str(result)`` is the standalone page.

    Example:
        >>> highlight("It may rain. “Obviously,” he said.")  # doctest: +SKIP
    """
    if isinstance(text_or_scores, str):
        scores = (analyzer or _default_analyzer()).score(text_or_scores, doc_id=doc_id)
        return HighlightHTML(to_dict(scores))
    if hasattr(text_or_scores, "document") and hasattr(text_or_scores, "spans"):
        return HighlightHTML(to_dict(text_or_scores))
    if isinstance(text_or_scores, Iterable):
        return HighlightHTML([to_dict(s) for s in text_or_scores])
    raise TypeError(f"cannot highlight a {type(text_or_scores).__name__}: pass a str or a Scores")


def highlight_file(
    path: str | Path, *, analyzer: Analyzer | None = None, encoding: str | None = None
) -> HighlightHTML:
    """Read, score and highlight one ``.txt``, ``.md`` or ``.html`` file.

    Example:
        >>> highlight_file("data/raqqa/003_8e398962ef508d64.txt").save("/tmp/003.html")  # doctest: +SKIP
    """
    return HighlightHTML(to_dict((analyzer or _default_analyzer()).score_file(path, encoding=encoding)))
