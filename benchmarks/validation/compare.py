#!/usr/bin/env python
"""Before and after: one Markdown table per data set from two ``validate.py --json`` files.

Usage (from the repository root)::

    .venv/bin/python benchmarks/validation/compare.py before.json after.json

Targets are issue 8's and issue 9's: the certainty index above the bare
Hyland count's point estimate on train and on val; BASIL's emotive-rate AUROC
above MPQA's strong-subjective rate; BASIL's quote flags at the before level
or better; WikiWeasel, SFU and PolNeAR not below the before figure's 95%
bootstrap interval.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _n(x, nd: int = 3) -> str:
    return "n/a" if x is None else f"{x:.{nd}f}"


def _ci(ci, nd: int = 3, scale: float = 1.0) -> str:
    if not ci or ci[0] is None:
        return ""
    return f" [{ci[0] * scale:.{nd}f}, {ci[1] * scale:.{nd}f}]"


def _p(x) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}"


def _prf(r: dict) -> str:
    return f"P {_p(r['precision'])} R {_p(r['recall'])} F1 {_p(r['f1'])}{_ci(r.get('f1_ci'), 1, 100)}"


def _not_below(before: dict, after: dict, key: str = "f1") -> str:
    lo = (before.get(f"{key}_ci") or [None])[0]
    if lo is None or after.get(key) is None:
        return "n/a"
    return "met" if after[key] >= lo else "**missed**"


def _table(rows: list[tuple]) -> list[str]:
    out = [
        "| measure | before | after | baseline (after run) | target | met? |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def certainty(b: dict, a: dict) -> list[str]:
    rows = []
    for split in ("train", "val", "all"):
        sb, sa = b["splits"].get(split), a["splits"].get(split)
        if not sb or not sa:
            continue
        met = "met" if sa["rho"] > sa["baseline_rho"] else "**missed**"
        rows.append(
            (
                f"rho of the certainty index with the rating, {split} (n = {sa['n']:,})",
                _n(sb["rho"]) + _ci(sb["ci"]),
                f"**{_n(sa['rho'])}**" + _ci(sa["ci"]),
                _n(sa["baseline_rho"]) + _ci(sa["baseline_ci"]) + " (-Hyland count)",
                "above the baseline's point estimate" if split != "all" else "(not a target)",
                met if split != "all" else "",
            )
        )
    return _table(rows)


def basil(b: dict, a: dict) -> list[str]:
    rb, ra = b.get("sentence_ranking", {}), a.get("sentence_ranking", {})
    rows = []
    if ra:
        e_b, e_a, m_a = rb["emotive_rate"], ra["emotive_rate"], ra["mpqa_strongsubj_rate"]
        rows.append(
            (
                f"AUROC of the per-sentence emotive rate, lexical-bias sentences vs the rest "
                f"({ra['n_sentences']:,} sentences, {ra['n_positive']} positive)",
                _n(e_b["auroc"]) + _ci(e_b["ci"]),
                f"**{_n(e_a['auroc'])}**" + _ci(e_a["ci"]),
                _n(m_a["auroc"]) + _ci(m_a["ci"]) + " (MPQA strongsubj rate)",
                "above MPQA",
                "met" if ra["emotive_beats_mpqa"] else "**missed**",
            )
        )
        d_b, d_a = rb["difference_emotive_minus_mpqa"], ra["difference_emotive_minus_mpqa"]
        rows.append(
            (
                "difference emotive - MPQA (paired bootstrap)",
                _n(d_b["value"]) + _ci(d_b["ci"]),
                _n(d_a["value"]) + _ci(d_a["ci"]),
                "",
                "> 0",
                "",
            )
        )
    ob, oa = b["ours"], a["ours"]
    rows.append(
        (
            f"emotive spans vs lexical-bias spans, overlap ({a['n_lex_spans']} spans)",
            _prf(ob),
            _prf(oa),
            _prf(a["baseline"]) + " (Recasens)" if a.get("baseline") else "",
            "not below the before F1 interval",
            _not_below(ob, oa),
        )
    )
    for key, label in (
        ("voice_lex_spans", "quote flags on lexical-bias spans"),
        ("voice_all_spans", "quote flags on all bias spans"),
    ):
        vb, va = b[key], a[key]
        ok = (
            va["recall_of_quoted"] >= vb["recall_of_quoted"]
            and va["author_agreement"] >= vb["author_agreement"]
        )
        rows.append(
            (
                f"{label}: quoted read as quoted / unquoted read as author's "
                f"(voice read by {b.get('voice_reader', 'paragraph_quotes')}, then {a.get('voice_reader', '')})",
                f"{_p(vb['recall_of_quoted'])}% / {_p(vb['author_agreement'])}%",
                f"{_p(va['recall_of_quoted'])}% / {_p(va['author_agreement'])}%",
                "",
                "before level or better",
                "met" if ok else "**missed**",
            )
        )
    return _table(rows)


def wikiweasel(b: dict, a: dict) -> list[str]:
    db, da = b["variants"][0], a["variants"][0]
    cb, ca = b["chosen_package_cues_only"], a["chosen_package_cues_only"]
    rows = [
        (
            f"uncertain-class P/R/F1, held-out 30%, rule '{da['rule']}' ({da['heldout']['n']:,} sentences)",
            _prf(db["heldout"]),
            _prf(da["heldout"]),
            _prf(a["baseline"]["heldout"]) + " (Hyland >= 1)" if a.get("baseline") else "",
            "not below the before F1 interval",
            _not_below(db["heldout"], da["heldout"]),
        ),
        (
            "best rule on the package's cues, chosen on tune",
            f"'{cb['rule']}': " + _prf(cb["heldout"]),
            f"'{ca['rule']}': " + _prf(ca["heldout"]),
            "",
            "(60.2: best CoNLL-2010 system)",
            "",
        ),
    ]
    return _table(rows)


def sfu(b: dict, a: dict) -> list[str]:
    rows = []
    for key, base_key, label in (
        ("ours", "baseline", "all speculation cues"),
        (
            "ours_without_modals",
            "baseline_without_modals",
            "without the modal cue words (would, can, could...)",
        ),
        ("ours_other_cues_only", "baseline_other_cues_only", "without modals and if/or/either/whether"),
    ):
        rb, ra = b[key], a[key]
        rows.append(
            (
                f"hedge cues, {label} ({ra['n_gold']:,} gold)",
                _prf(rb),
                _prf(ra),
                _prf(a[base_key]) + " (Hyland)" if a.get(base_key) else "",
                "not below the before F1 interval"
                if key != "ours"
                else "(modal senses set aside on purpose)",
                _not_below(rb, ra) if key != "ours" else "",
            )
        )
    for t in ("modal", "other", "scheme_only"):
        tb, ta = b["ours"]["per_cue_type"].get(t), a["ours"]["per_cue_type"].get(t)
        if tb and ta:
            rows.append(
                (
                    f"per cue type '{t}': recall (n gold) / precision (n ours)",
                    f"R {_p(tb['recall'])} ({tb['n_gold']}) / P {_p(tb['precision'])} ({tb['n_pred']})",
                    f"R {_p(ta['recall'])} ({ta['n_gold']}) / P {_p(ta['precision'])} ({ta['n_pred']})",
                    "",
                    "",
                    "",
                )
            )
    return _table(rows)


def polnear(b: dict, a: dict) -> list[str]:
    cb, ca = b["cue_verbs_phrases"], a["cue_verbs_phrases"]
    nb, na = b["named_source"], a["named_source"]
    pb, pa = b["paragraph_spearman"], a["paragraph_spearman"]
    rows = [
        (
            f"attribution cues (verbs and phrases), overlap ({ca['n_gold']:,} gold)",
            _prf(cb),
            _prf(ca),
            _prf(a["baseline_cue"]) + " (report verbs)" if a.get("baseline_cue") else "",
            "not below the before F1 interval",
            _not_below(cb, ca),
        ),
        (
            f"named_source spans vs gold sources ({na['n_gold']:,} gold)",
            _prf(nb),
            _prf(na),
            "",
            "not below the before F1 interval",
            _not_below(nb, na),
        ),
    ]
    for k in ("sources", "attributions"):
        rows.append(
            (
                f"per-paragraph Spearman of `{k}` with gold attributions ({pa['n_paragraphs']:,} paragraphs)",
                _n(pb[k]["rho"]) + _ci(pb[k]["ci"]),
                _n(pa[k]["rho"]) + _ci(pa[k]["ci"]),
                _n(pa["baseline_report_verbs"]["rho"])
                + _ci(pa["baseline_report_verbs"]["ci"])
                + " (report verbs)",
                "not below the before interval",
                "met" if pa[k]["rho"] >= pb[k]["ci"][0] else "**missed**",
            )
        )
    return _table(rows)


SECTIONS = (
    ("certainty", "Pei & Jurgens certainty ratings", certainty),
    ("basil", "BASIL lexical bias", basil),
    ("wikiweasel", "WikiWeasel", wikiweasel),
    ("sfu", "SFU Review speculation cues", sfu),
    ("polnear", "PolNeAR attribution (dev)", polnear),
)


def compare(before: dict, after: dict) -> str:
    out = []
    for key, title, fn in SECTIONS:
        if key in before["sets"] and key in after["sets"]:
            out += [f"#### {title}", "", *fn(before["sets"][key], after["sets"][key]), ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print("usage: compare.py BEFORE.json AFTER.json", file=sys.stderr)
        return 2
    before, after = (json.loads(Path(p).read_text(encoding="utf-8")) for p in argv)
    print(compare(before, after))
    return 0


if __name__ == "__main__":
    sys.exit(main())
