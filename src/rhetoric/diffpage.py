"""The diff page: ``Diff -> dict -> HTML``, side by side, every text fragment escaped.

* :func:`to_diff_dict` turns a diff's tables (the ``changes`` and
  ``stretches`` of :mod:`rhetoric.diff`, and the paragraph texts of both
  documents) into plain, JSON-ready data: each aligned paragraph with the
  original passage on the left and its retelling on the right, both cut into
  segments at every change.
* :func:`render_diff_html` turns that data into one self-contained page: no
  script, nothing loaded from the network, printable. A dropped cue is struck
  through on the left and shown struck through at the point where it would sit
  on the right; an added cue is highlighted on the right and marked by a caret
  where it would sit on the left. The same small number labels a change in
  both columns and in the list under the pair. ``marks=False`` gives the
  same page with no marks and no counts: an exercise ("find what changed").

Example:
    >>> page = render_diff_html({"doc_id": "x", "pairs": []})
    >>> page.startswith("<!DOCTYPE html>")
    True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .diff import CHANGE_KINDS
from .highlight import PAGE as _PAGE
from .highlight import _esc, _text

__all__ = ["to_diff_dict", "render_diff_html", "KIND_LABELS", "CSS"]

KIND_LABELS = {
    "hedge_dropped": "hedges dropped",
    "hedge_added": "hedges added",
    "absolute_added": "absolutes added",
    "absolute_dropped": "absolutes dropped",
    "emotive_added": "emotive terms added",
    "emotive_dropped": "emotive terms dropped",
    "source_dropped": "sources dropped",
    "source_added": "sources added",
}
_CATS = ("hedge", "absolute", "emotive", "source")


def _int(x: Any, default: int = 0) -> int:
    try:
        f = float(x)
    except (TypeError, ValueError):
        return default
    return default if math.isnan(f) else int(f)


# ---------------------------------------------------------------------------
# Step 1: tables -> dict
# ---------------------------------------------------------------------------


def _segments(text: str, lo: int, hi: int, marks: list[dict], ghosts: list[dict]) -> list[dict]:
    """Cut ``text`` at the stretch's edges and every mark; ghosts sit at points between segments."""
    n = len(text)

    def clip(x: int) -> int:
        return min(max(x, 0), n)

    cuts = sorted(
        {0, n, clip(lo), clip(hi)}
        | {clip(m[k]) for m in marks for k in ("start", "end")}
        | {clip(g["at"]) for g in ghosts}
    )
    out: list[dict] = []
    for a, b in zip(cuts, cuts[1:] + [None], strict=False):
        for g in ghosts:
            if clip(g["at"]) == a:
                out.append({"ghost": True, "text": g["text"], "change": g["change"], "edit": g["edit"]})
        if b is None:
            break
        on = [
            {"change": m["change"], "edit": m["edit"], "last": clip(m["end"]) == b}
            for m in marks
            if clip(m["start"]) <= a and clip(m["end"]) >= b and m["end"] > m["start"]
        ]
        out.append({"text": text[a:b], "outside": not (lo <= a and b <= hi), "marks": on})
    return out


_QUOTE_MARKS = "\"'“”‘’«»„"


def _mark_ranges(text: str, r: Mapping, s: int, e: int) -> list[dict]:
    """Where a change is marked: a quotation's marks only (the words stay), any other cue whole."""
    base = {"change": r["change"], "edit": _int(r["edit"])}
    if _text(r.get("rule")) == "quotation" and e - s >= 2:
        out = []
        if text[s : s + 1] in _QUOTE_MARKS:
            out.append({**base, "start": s, "end": s + 1})
        end = e
        while end > s + 1 and text[end - 1] not in _QUOTE_MARKS and not text[end - 1].isalnum():
            end -= 1
        if text[end - 1 : end] in _QUOTE_MARKS:
            out.append({**base, "start": end - 1, "end": end})
        if out:
            return out
    return [{**base, "start": s, "end": e}]


def _ghost_text(r: Mapping, column: str) -> str:
    """What a ghost shows: the cue, or for a quotation only its marks."""
    return "“ ”" if _text(r.get("rule")) == "quotation" else _text(r.get(column))


def to_diff_dict(
    changes: pd.DataFrame,
    stretches: pd.DataFrame,
    paragraphs: Mapping[int, str],
    origin_paragraphs: Mapping[int, str],
    *,
    doc_id: str = "",
    title: str = "",
    origin_title: str = "",
) -> dict:
    """Plain data for the diff page of one derived document.

    Args:
        changes: the document's rows of a changes table.
        stretches: its rows of a stretches table.
        paragraphs: ``para -> text`` of the derived document (clean text,
            as in the paragraph table's ``text`` column).
        origin_paragraphs: the same for the original.

    Returns:
        ``{"doc_id", "title", "origin_title", "counts", "words", "pairs"}``;
        each pair has ``para, origin_paras, left`` (a list of original
        paragraphs, each ``{"para", "segments"}``), ``right``
        (``{"para", "segments"}``) and ``changes`` (``edit, change, text,
        explanation``). A segment is ``{"text", "outside", "marks"}`` (marks:
        ``{"change", "edit"}``; ``outside``: beyond the aligned stretch) or a
        ghost ``{"ghost": True, "text", "change", "edit"}``: a change from the
        other side, shown where it would sit.
    """
    counts = {k: 0 for k in CHANGE_KINDS}
    for k, v in changes["change"].value_counts().items() if len(changes) else ():
        counts[str(k)] = int(v)
    by_para: dict[int, list[dict]] = {}
    for r in changes.to_dict("records"):
        by_para.setdefault(_int(r["para"]), []).append(r)
    pairs = []
    for s in stretches.sort_values("para").to_dict("records"):
        para = _int(s["para"])
        rows = by_para.get(para, [])
        dropped = [r for r in rows if str(r["change"]).endswith("_dropped")]
        added = [r for r in rows if str(r["change"]).endswith("_added")]
        o1, o2 = _int(s["origin_para"]), _int(s["origin_para_last"])
        left = []
        for op in range(o1, o2 + 1):
            if op not in origin_paragraphs:
                continue
            text = _text(origin_paragraphs[op])
            lo = _int(s["origin_para_start"]) if op == o1 else 0
            hi = _int(s["origin_para_end"]) if op == o2 else len(text)
            marks = []
            for r in dropped:
                if _int(r["origin_para"]) == op:
                    marks += _mark_ranges(text, r, _int(r["origin_para_start"]), _int(r["origin_para_end"]))
            ghosts = [
                {"at": _int(r["origin_para_start"]), "text": _ghost_text(r, "text"), "change": r["change"],
                 "edit": _int(r["edit"])}
                for r in added if _int(r["origin_para"]) == op
            ]  # fmt: skip
            left.append({"para": op, "segments": _segments(text, lo, hi, marks, ghosts)})
        text = _text(paragraphs.get(para, ""))
        marks = []
        for r in added:
            marks += _mark_ranges(text, r, _int(r["para_start"]), _int(r["para_end"]))
        ghosts = [
            {"at": _int(r["para_start"]), "text": _ghost_text(r, "origin_text"), "change": r["change"],
             "edit": _int(r["edit"])}
            for r in dropped
        ]  # fmt: skip
        pairs.append(
            {
                "para": para,
                "origin_paras": [o1, o2],
                "words": _int(s.get("words")),
                "left": left,
                "right": {
                    "para": para,
                    "segments": _segments(text, _int(s["para_start"]), _int(s["para_end"]), marks, ghosts),
                },
                "changes": [
                    {
                        "edit": _int(r["edit"]),
                        "change": _text(r["change"]),
                        "text": _text(r["text"] or r["origin_text"]),
                        "explanation": _text(r["explanation"]),
                    }
                    for r in rows
                ],
            }
        )
    return {
        "doc_id": str(doc_id),
        "title": str(title),
        "origin_title": str(origin_title),
        "counts": counts,
        "words": int(stretches["words"].sum()) if len(stretches) else 0,
        "pairs": pairs,
    }


# ---------------------------------------------------------------------------
# Step 2: dict -> HTML
# ---------------------------------------------------------------------------

CSS = """
.rhetoric-diff { --dx-hedge: #2c7bb6; --dx-absolute: #d7191c; --dx-emotive: #e08214; --dx-source: #1a9641;
  font: 16px/1.55 Georgia, "Times New Roman", serif; color: #1b1b1b; background: #fff;
  max-width: 84em; margin: 0 auto; padding: 0 1em 2em;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.rhetoric-diff * { box-sizing: border-box; }
.rhetoric-diff .dx-ui, .rhetoric-diff .dx-head, .rhetoric-diff .dx-list, .rhetoric-diff .dx-colhead,
.rhetoric-diff .dx-phead { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.rhetoric-diff .dx-head { border-bottom: 2px solid #333; padding: .8em 0 1em; font-size: 14px; }
.rhetoric-diff .dx-head h1 { font: bold 22px/1.3 Georgia, "Times New Roman", serif; margin: 0 0 .3em; }
.rhetoric-diff .dx-head p { margin: .3em 0; max-width: 60em; }
.rhetoric-diff .dx-counts { border-collapse: collapse; margin: .6em 0; font-size: 13px; }
.rhetoric-diff .dx-counts th, .rhetoric-diff .dx-counts td { border: 1px solid #bbb; padding: .2em .6em;
  text-align: center; }
.rhetoric-diff .dx-counts th { background: #f3f3f3; font-weight: 600; }
.rhetoric-diff .dx-counts td.dx-zero { color: #aaa; }
.rhetoric-diff .dx-colhead, .rhetoric-diff .dx-pair { display: grid; grid-template-columns: 1fr 1fr;
  gap: 0 2em; }
.rhetoric-diff .dx-colhead { font-size: 12px; color: #555; text-transform: uppercase; letter-spacing: .04em;
  border-bottom: 1px solid #999; padding: .6em 0 .2em; }
.rhetoric-diff .dx-pair { border-bottom: 1px solid #ddd; padding: .6em 0; break-inside: avoid;
  page-break-inside: avoid; }
.rhetoric-diff .dx-pair p { margin: 0 0 .4em; }
.rhetoric-diff .dx-phead { color: #777; font-size: 11.5px; margin: 0 0 .15em; }
.rhetoric-diff .dx-out { color: #8a8a8a; }
.rhetoric-diff del.dx-mark { text-decoration: line-through; text-decoration-thickness: 2px; }
.rhetoric-diff ins.dx-mark { text-decoration: underline; text-decoration-thickness: 2px; text-underline-offset: 3px; }
.rhetoric-diff .dx-hedge { text-decoration-color: var(--dx-hedge); background: rgba(44, 123, 182, .17); }
.rhetoric-diff .dx-absolute { text-decoration-color: var(--dx-absolute); background: rgba(215, 25, 28, .16); }
.rhetoric-diff .dx-emotive { text-decoration-color: var(--dx-emotive); background: rgba(253, 174, 97, .45); }
.rhetoric-diff .dx-source { text-decoration-color: var(--dx-source); background: rgba(26, 150, 65, .16); }
.rhetoric-diff .dx-ghost { font-size: .82em; border: 1px dashed #888; border-radius: 3px; padding: 0 .2em;
  margin: 0 .1em; color: #444; white-space: nowrap; }
.rhetoric-diff .dx-ghost del { text-decoration-thickness: 1.5px; }
.rhetoric-diff sup.dx-n { font: bold 10px/1 system-ui, -apple-system, Arial, sans-serif; color: #333;
  margin-left: 1px; }
.rhetoric-diff .dx-list { grid-column: 1 / -1; font-size: 13px; color: #333; margin: .3em 0 0;
  padding-left: 2.2em; }
.rhetoric-diff .dx-list li { margin: .1em 0; }
.rhetoric-diff .dx-list .dx-kind { font-weight: 600; }
.rhetoric-diff .dx-none { grid-column: 1 / -1; color: #999; font-size: 12px; margin: 0;
  font-family: system-ui, -apple-system, Arial, sans-serif; }
.rhetoric-diff .dx-answer { border: 1px solid #999; padding: .3em .6em; margin-top: .6em; }
@media screen and (max-width: 760px) {
  .rhetoric-diff .dx-colhead, .rhetoric-diff .dx-pair { grid-template-columns: 1fr; }
}
@media print {
  .rhetoric-diff { font-size: 10pt; max-width: none; padding: 0; }
  .rhetoric-diff .dx-pair { gap: 0 1.2em; }
  .rhetoric-diff .dx-head { break-inside: avoid; }
}
"""

# A Content-Security-Policy that allows inline styles and nothing else: no
# script runs and nothing is fetched, even by mistake.
# The highlight page's frame (its Content-Security-Policy allows inline styles
# and nothing else: no script runs and nothing is fetched, even by mistake).
PAGE = _PAGE.replace(
    "{root}",
    '<div class="rhetoric-diff">\n{head}\n'
    '<div class="dx-colhead"><div>The original</div><div>The retelling</div></div>\n{pairs}</div>',
)
HEAD = """<header class="dx-head">
<h1>{title}</h1>
<p class="dx-docid">{docline}</p>
{counts}{howto}</header>"""
HOWTO = (
    "<p>Each row is a passage of the original (left) and the paragraph that retells it (right). "
    "Grey text lies outside the reproduced stretch: the copy's own words, or parts of the original it "
    'did not reproduce. <del class="dx-mark dx-hedge">Struck-through</del> words are cues the copy '
    "<b>dropped</b> (on the right, a dashed box shows where they would sit); "
    '<ins class="dx-mark dx-absolute">underlined</ins> words are cues it <b>added</b> (on the left, a '
    "dashed box with a caret shows where). The colour says the kind: "
    '<span class="dx-hedge">hedge</span>, <span class="dx-absolute">absolute</span>, '
    '<span class="dx-emotive">emotive</span>, <span class="dx-source">source</span>. The same number '
    "marks a change in both columns and in the list under the pair; a dropped and an added cue with one "
    "number are one edit (one word put in place of another). A computer found these with word lists and "
    "an alignment: check each against the text.</p>"
)
EXERCISE = (
    "<p><b>Find what changed.</b> The left column is the original report, the right column a later "
    "article that retells it. Compare each pair, sentence by sentence. Mark every word the retelling "
    "<b>dropped</b> or <b>added</b> that changes how sure the claim sounds (<i>may, around, clearly, "
    "never</i>), how loaded it is (<i>regime, shameful</i>), or who it says the claim comes from "
    "(<i>says, according to</i>, a name, quotation marks). Grey text lies outside the reproduced "
    "passage.</p>"
)
COUNTS = """<table class="dx-counts">
<thead><tr><th></th>{heads}</tr></thead>
<tbody><tr><th>changes</th>{cells}</tr></tbody>
</table>
<p class="dx-ui">{words} reproduced words in {pairs}; {total} in all.</p>"""
PAIR = """<div class="dx-pair" data-para="{para}">
<div class="dx-left">{left}</div>
<div class="dx-right"><p class="dx-phead">¶ {para}</p><p>{right}</p></div>
{list}</div>
"""
LEFT_PARA = '<p class="dx-phead">original ¶ {para}</p><p>{text}</p>'
COUNT_CELL = '<td data-count="{kind}"{zero}>{n}</td>'
ZERO = ' class="dx-zero"'
LIST = '<ol class="dx-list">{items}</ol>'
LIST_ITEM = '<li value="{edit}"><span class="dx-kind">{kind}</span>: {explanation}</li>'
NONE = '<p class="dx-none">no change in the cues</p>'
MARK = '<{tag} class="dx-mark dx-{cat}" data-change="{change}" title="{tip}">{inner}</{tag}>'
NUM = '<sup class="dx-n">{n}</sup>'
GHOST_DROPPED = '<span class="dx-ghost" data-change="{change}" title="{tip}">‸<del class="dx-mark dx-{cat}">{text}</del></span>'
GHOST_ADDED = '<span class="dx-ghost" data-change="{change}" title="{tip}">‸<ins class="dx-mark dx-{cat}">{text}</ins></span>'


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _cat(change: Any) -> str:
    c = _text(change).split("_")[0]
    return c if c in _CATS else "source"


def _segments_html(segments: list[Mapping], marks: bool) -> str:
    out = []
    for seg in segments:
        if seg.get("ghost"):
            if not marks:
                continue
            change = _text(seg.get("change"))
            tpl = GHOST_DROPPED if change.endswith("_dropped") else GHOST_ADDED
            tip = KIND_LABELS.get(change, change)
            out.append(
                tpl.format(change=_esc(change), tip=_esc(tip), cat=_cat(change), text=_esc(seg.get("text")))
                + NUM.format(n=_int(seg.get("edit")))
            )
            continue
        inner = _esc(seg.get("text"))
        if seg.get("outside"):
            inner = f'<span class="dx-out">{inner}</span>'
        if marks:
            edits = []
            for m in seg.get("marks") or ():
                change = _text(m.get("change"))
                tag = "del" if change.endswith("_dropped") else "ins"
                inner = MARK.format(
                    tag=tag, cat=_cat(change), change=_esc(change), tip=_esc(KIND_LABELS.get(change, change)),
                    inner=inner,
                )  # fmt: skip
                if m.get("last", True):
                    edits.append(_int(m.get("edit")))
            if edits:
                inner += "".join(NUM.format(n=e) for e in dict.fromkeys(edits))
        out.append(inner)
    return "".join(out)


def _pair_html(pair: Mapping, marks: bool) -> str:
    left = "".join(
        LEFT_PARA.format(para=_esc(p.get("para")), text=_segments_html(p.get("segments") or [], marks))
        for p in pair.get("left") or []
    )
    right = _segments_html((pair.get("right") or {}).get("segments") or [], marks)
    changes = pair.get("changes") or []
    if not marks:
        listing = ""
    elif changes:
        items = "".join(
            LIST_ITEM.format(
                edit=_int(c.get("edit")),
                kind=_esc(KIND_LABELS.get(_text(c.get("change")), c.get("change"))),
                explanation=_esc(c.get("explanation")),
            )
            for c in changes
        )
        listing = LIST.format(items=items)
    else:
        listing = NONE
    return PAIR.format(para=_esc(pair.get("para")), left=left, right=right, list=listing)


def render_diff_html(data: Mapping, *, marks: bool = True) -> str:
    """Render :func:`to_diff_dict` data as one offline page.

    Args:
        data: one derived document's diff data.
        marks: show the changes (struck through, highlighted, numbered, listed,
            counted); ``False`` gives the bare side-by-side text, an exercise.

    Returns:
        A whole page: every text fragment from ``data`` escaped, no script,
        nothing fetched, print styles included.
    """
    counts = data.get("counts") or {}
    pairs = data.get("pairs") or []
    title = _text(data.get("title")) or _text(data.get("doc_id")) or "Untitled"
    heading = ("What changed: " if marks else "Find what changed: ") + title
    origin = _text(data.get("origin_title")) or "the original"
    docline = f"{_text(data.get('doc_id'))} compared with {origin}"
    if marks:
        heads = "".join(f"<th>{_esc(KIND_LABELS[k])}</th>" for k in CHANGE_KINDS)
        cells = "".join(
            COUNT_CELL.format(kind=k, zero=ZERO if not _int(counts.get(k)) else "", n=_int(counts.get(k)))
            for k in CHANGE_KINDS
        )
        block = COUNTS.format(
            heads=heads,
            cells=cells,
            words=f"{_int(data.get('words')):,}",
            pairs=_plural(len(pairs), "aligned paragraph"),
            total=_plural(sum(_int(counts.get(k)) for k in CHANGE_KINDS), "change"),
        )
        howto = HOWTO
    else:
        block, howto = "", EXERCISE
    head = HEAD.format(title=_esc(heading), docline=_esc(docline), counts=block, howto=howto)
    body = "".join(_pair_html(p, marks) for p in pairs)
    return PAGE.format(title=_esc("rhetoric: " + heading), css=CSS, head=head, pairs=body)


def diff_dict_from_scores(d, *, title: str = "", origin_title: str = "") -> dict:
    """:func:`to_diff_dict` for a :class:`~rhetoric.diff.Diff` (both documents' paragraphs taken from it)."""
    paras = {p.index: p.text for p in d.derived.document.paragraphs}
    oparas = {p.index: p.text for p in d.original.document.paragraphs}
    return to_diff_dict(
        d.changes, d.stretches, paras, oparas, doc_id=d.derived.doc_id, title=title, origin_title=origin_title
    )
