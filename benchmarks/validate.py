#!/usr/bin/env python
"""Validate rhetoric against human-annotated data (issues 4, 8 and 9).

Usage (from the repository root)::

    .venv/bin/python benchmarks/validate.py --data ../shared/eval
    .venv/bin/python benchmarks/validate.py --sets certainty,wikiweasel --limit 300
    .venv/bin/python benchmarks/validate.py --json build/validation.json

The data are not in the repository (their licences forbid it). When the data
folder is absent the script says so and exits 0, so CI can call it blindly.

This file is the entry point; each data set has its own small runner in
``benchmarks/validation/`` (see VALIDATION.md for the reading of the figures):

* ``certainty_pei_jurgens.py`` Pei & Jurgens certainty ratings: Spearman's rho
  of the certainty index with the rating, per split, with a bootstrap CI,
  beside the bare Hyland hedge count.
* ``wikiweasel.py`` CoNLL-2010 Wikipedia sentences: P/R/F1 of the uncertain
  class; the rule is chosen on a seeded 70% tune split, read on the rest.
* ``sfu.py`` SFU Review speculation cues: cue-level P/R/F1 per cue type, with
  and without the modal cue words.
* ``polnear.py`` PolNeAR attributions: cue P/R/F1, named sources, per-paragraph
  Spearman of the source counts with gold attributions.
* ``basil.py`` BASIL lexical-bias spans: span P/R of emotive cues, the AUROC of
  the per-sentence emotive rate against MPQA's strong-subjective rate, quote
  flags against our voice detection.

``validation/common.py`` holds the statistics (Spearman, AUROC, bootstrap,
P/R/F1) and the scorer; ``validation/data.py`` the loaders and word-list
baselines. Every rule comes from the package: sentences are scored with
:func:`rhetoric.scan.find_cues` on the pipeline's parse (the scorer's cue
finder without the paragraph layer, which means nothing for an isolated
sentence), articles with ``Analyzer.score_many`` (``markup="none"``). Cues the
package set aside (``counted`` False) count nowhere.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from validation import basil, certainty_pei_jurgens, polnear, sfu, wikiweasel  # noqa: E402
from validation import data as E  # noqa: E402
from validation.common import (  # noqa: E402, F401  (re-exported for scripts and tests)
    N_BOOT,
    Scorer,
    auroc,
    baselines,
    bootstrap,
    bootstrap_rho,
    prf,
    rankdata,
    spearman,
)

DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval"
ALL_SETS = ("certainty", "wikiweasel", "sfu", "polnear", "basil")
SKIP_MESSAGE = "validate: data folder {path} not found; skipping validation (pass --data DIR)."

_MODULES = {
    "certainty": certainty_pei_jurgens,
    "wikiweasel": wikiweasel,
    "sfu": sfu,
    "polnear": polnear,
    "basil": basil,
}
RUNNERS = {name: m.run for name, m in _MODULES.items()}


def _meta(args, data: Path) -> dict:
    import rhetoric

    pkg_dir = Path(rhetoric.__file__).resolve().parent  # the commit scored, which may not be this script's
    lex_dir = pkg_dir / "data"
    h = hashlib.sha256()
    for p in sorted(lex_dir.glob("*.tsv")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    try:
        commit = subprocess.run(
            ["git", "-C", str(pkg_dir), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = bool(
            subprocess.run(
                ["git", "-C", str(pkg_dir), "status", "--porcelain", "."],
                capture_output=True,
                text=True,
                timeout=10,
            ).stdout.strip()
        )
    except (OSError, subprocess.SubprocessError):
        commit, dirty = "", None
    return {
        "command": " ".join([Path(sys.argv[0]).name, *(args.argv or [])]),
        "data": str(data),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "nproc": os.cpu_count(),
        "rhetoric": getattr(rhetoric, "__version__", ""),
        "rhetoric_path": str(pkg_dir),
        "git_commit": commit,
        "src_dirty": dirty,
        "lexicon_sha256": h.hexdigest()[:16],
        "seed": args.seed,
        "limit": args.limit,
        "bootstrap": N_BOOT,
    }


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="Validate rhetoric against the human-annotated sets in --data.")
    p.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"the eval folder (default {DEFAULT_DATA})"
    )
    p.add_argument(
        "--sets", default=",".join(ALL_SETS), help=f"comma-separated subset of {','.join(ALL_SETS)}"
    )
    p.add_argument(
        "--limit",
        type=int,
        default=0,
        help="at most N items per set (per split for certainty); 0 = all",
    )
    p.add_argument("--json", type=Path, default=None, help="write every figure to this JSON file")
    p.add_argument("--seed", type=int, default=13, help="seed for the WikiWeasel split and the bootstraps")
    p.add_argument(
        "--examples", type=int, default=2, help="example sentences kept per error class in the JSON"
    )
    p.add_argument(
        "--lexicon",
        default=None,
        help="a TSV lexicon to merge over the package's (try a candidate entry)",
    )
    p.add_argument("--polnear-split", default="dev", help="PolNeAR split folder (default dev)")
    p.add_argument("--ner", action="store_true", help="keep spaCy NER (names sources by entity type)")
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--n-process", type=int, default=1)
    p.add_argument(
        "--agreement-sample",
        type=int,
        default=200,
        help="sentences per sentence-level set scored both by find_cues and Analyzer.score, to check they agree",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    data: Path = args.data
    if not data.is_dir():
        print(SKIP_MESSAGE.format(path=data))
        return 0
    wanted = [s.strip() for s in args.sets.split(",") if s.strip()]
    bad = [s for s in wanted if s not in RUNNERS]
    if bad:
        print(
            f"validate: unknown set(s) {', '.join(bad)}; choose from {', '.join(ALL_SETS)}",
            file=sys.stderr,
        )
        return 2
    present = [s for s in wanted if (data / E.SET_DIRS[s]).is_dir()]
    for s in wanted:
        if s not in present:
            print(f"validate: {data / E.SET_DIRS[s]} not found; skipping {s}.")
    if not present:
        print(SKIP_MESSAGE.format(path=data / "<set folders>"))
        return 0

    def say(line: str = "") -> None:
        print(line, flush=True)

    t0 = time.perf_counter()
    scorer = Scorer(lexicon=args.lexicon, ner=args.ner, batch_size=args.batch_size, n_process=args.n_process)
    base = baselines(data)
    out: dict = {"meta": _meta(args, data), "sets": {}}
    out["meta"]["model_load_seconds"] = round(time.perf_counter() - t0, 2)
    m = out["meta"]
    say(
        f"rhetoric {m['rhetoric']} (commit {m['git_commit'] or '?'}{', src modified' if m['src_dirty'] else ''}, lexicon {m['lexicon_sha256']}); "
        f"python {m['python']}; nproc {m['nproc']}; seed {args.seed}; data {data}"
    )
    missing = [k for k, v in base.items() if v is None]
    if missing:
        say(f"(baselines without their word list in lexicon-sources/: {', '.join(missing)})")
    for name in present:
        say(f"\n== {name} ==")
        t = time.perf_counter()
        scorer.set_aside.clear()
        try:
            res = RUNNERS[name](data, scorer, base, args, say)
        except FileNotFoundError as e:
            say(f"  skipped: {e}")
            continue
        if scorer.set_aside:
            res["set_aside_cues"] = {
                f"{c}:{sense or '-'}": n for (c, sense), n in scorer.set_aside.most_common()
            }
            say(
                "  cues the package set aside (not counted): "
                + ", ".join(f"{k} {n}" for k, n in res["set_aside_cues"].items())
            )
        if name in ("certainty", "wikiweasel", "sfu") and args.agreement_sample:
            texts = _sample_texts(data, name, args)
            res["find_cues_vs_analyzer"] = scorer.agreement(texts)
            a = res["find_cues_vs_analyzer"]
            say(
                f"  find_cues vs Analyzer.score on {a['n']} sentences: {a['same']} identical cue sets, {a['differ']} differ, "
                f"{a['skipped_boilerplate_or_error']} skipped (boilerplate/empty)"
            )
        if "layout_labels" in res:
            ll = res["layout_labels"]
            say(
                f"  layout labels if scored as documents: markup=auto {ll['auto']['kinds']}, markup=none {ll['none']['kinds']}"
            )
            for k, ex in ll["auto"]["examples"].items():
                say(f"    {k}: " + " | ".join(ex[:2]))
        res["seconds"] = round(time.perf_counter() - t, 1)
        say(f"  runtime {res['seconds']} s")
        out["sets"][name] = res
    out["meta"]["total_seconds"] = round(time.perf_counter() - t0, 1)
    say(f"\ntotal {out['meta']['total_seconds']} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(_no_nan(out), indent=1, default=_json_default), encoding="utf-8")
        say(f"wrote {args.json}")
    return 0


def _sample_texts(data: Path, name: str, args) -> list[str]:
    texts = _MODULES[name].sample_texts(data)
    if args.limit:
        texts = texts[: args.limit]
    rng = np.random.default_rng(args.seed)
    k = min(args.agreement_sample, len(texts))
    return [texts[i] for i in sorted(rng.choice(len(texts), k, replace=False))]


def _no_nan(o):
    """NaN is not JSON: write null instead."""
    if isinstance(o, float) and o != o:
        return None
    if isinstance(o, dict):
        return {k: _no_nan(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [_no_nan(v) for v in o]
    return o


def _json_default(o):
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, (np.floating,)):
        return float(o)
    if isinstance(o, (np.bool_,)):
        return bool(o)
    if isinstance(o, tuple):
        return list(o)
    raise TypeError(type(o).__name__)


if __name__ == "__main__":
    sys.exit(main())
