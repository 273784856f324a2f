"""Reuse discovery at scale: precision and recall of planted reuse, time and memory.

Builds (or reuses) the corpus of ``reuse_corpus.py`` in ``build/reuse-<N>``,
then runs ``rhetoric.reuse.find_reuse`` on all of its documents *and* the
original, every document against every other (no ``--origin``), on a local
Dask cluster of ``--workers`` processes (``--workers 0``: in this process).

What is counted:

* **recall of planted reuse**: the share of documents with planted passages
  that come out paired with the original;
* **precision**: the share of reported pairs that really share text, i.e.
  hold a common 5-word run. The background shares none by construction, so a
  reported pair is right when it is (original, planted document) or two
  planted documents whose passages overlap;
* **recall of retelling pairs**: pairs of planted documents whose passages
  share at least 2 x ``min_words`` words in common 5-word runs, found;
* wall time (sketching, candidates, alignment: the whole ``find_reuse``),
  the peak resident memory of this process (which gathers the LSH keys and
  finds the candidate pairs) and of each worker.

    .venv/bin/python benchmarks/bench_reuse.py --data ../shared/eval --docs 10000 --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuse_corpus import build  # noqa: E402

from rhetoric.reuse import MIN_WORDS, find_reuse, shingle_hashes  # noqa: E402


def _cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def covered(a: set, b_hashes: np.ndarray) -> int:
    """Words of b inside 5-word runs that a also holds."""
    hit = np.array([h in a for h in b_hashes.tolist()], dtype=bool)
    if not hit.any():
        return 0
    cover = np.zeros(len(b_hashes) + 4, dtype=bool)
    for i in np.flatnonzero(hit):
        cover[i : i + 5] = True
    return int(cover.sum())


def evaluate(result, truth: dict, min_words: int) -> dict:
    planted = truth["planted"]
    runs = {d: [shingle_hashes(p["text"]) for p in ps] for d, ps in planted.items()}
    sets = {d: set(np.concatenate(h).tolist()) for d, h in runs.items()}
    reported = {(r.doc_a, r.doc_b) for r in result.pairs.itertuples()}
    right = 0
    wrong = []
    for a, b in reported:
        if "origin" in (a, b):
            ok = (b if a == "origin" else a) in planted
        else:
            ok = a in planted and b in planted and bool(sets[a] & sets[b])
        right += ok
        if not ok:
            wrong.append((a, b))
    found_origin = {b if a == "origin" else a for a, b in reported if "origin" in (a, b)}
    names = sorted(planted)
    strong, strong_found = 0, 0
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if not (sets[a] & sets[b]):
                continue
            n = covered(sets[a], np.concatenate(runs[b]))
            if n >= 2 * min_words:
                strong += 1
                strong_found += (a, b) in reported
    return {
        "reported_pairs": len(reported),
        "precision": right / len(reported) if reported else float("nan"),
        "false_pairs": wrong[:10],
        "recall_planted": len(found_origin & set(planted)) / len(planted),
        "missed_planted": sorted(set(planted) - found_origin)[:10],
        "retelling_pairs": strong,
        "recall_retelling_pairs": strong_found / strong if strong else float("nan"),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="folder holding attribution-polnear/")
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--planted", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2, help="Dask worker processes (0: this process)")
    ap.add_argument("--min-words", type=int, default=MIN_WORDS)
    ap.add_argument("--corpus", type=Path, default=None, help="corpus folder (default build/reuse-<docs>)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()

    corpus = args.corpus or ROOT / "build" / f"reuse-{args.docs}"
    truth_file = corpus / "truth.json"
    truth = json.loads(truth_file.read_text()) if truth_file.exists() else None
    if not truth or (truth["documents"], truth["seed"], len(truth["planted"])) != (
        args.docs, args.seed, args.planted,
    ):  # fmt: skip
        print(f"building the corpus in {corpus} ...", file=sys.stderr)
        truth = build(args.data, args.docs, args.planted, args.seed, corpus)
    print(f"corpus: {truth['documents']:,} documents ({truth['real_articles']} PolNeAR, "
          f"{truth['generated_articles']:,} generated), {truth['words']:,} words, "
          f"{len(truth['planted'])} with planted passages (built in {truth['seconds']} s)")  # fmt: skip

    client = None
    if args.workers:
        from rhetoric.dask import local_client

        client = local_client(args.workers)
        client.wait_for_workers(args.workers)
    rss0 = _peak_mb()
    cpu0 = _cpu_s()
    cpu_workers0 = client.run(_cpu_s) if client is not None else {}
    t0 = time.perf_counter()
    result = find_reuse([corpus / "docs", corpus / "origin.txt"], client=client, min_words=args.min_words)
    seconds = time.perf_counter() - t0
    workers, cpu = {}, {}
    if client is not None:
        workers = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        cpu = client.run(_cpu_s)
        cluster = client.cluster
        client.close()
        cluster.close()
    # doc ids: "0000/0000012" for the documents, "origin" for the original
    figures = evaluate(result, truth, args.min_words)
    figures |= {
        "documents": truth["documents"] + 1, "words": truth["words"], "workers": args.workers,
        "seconds": round(seconds, 1), "candidate_pairs": result.candidates,
        "cpu_s_client": round(_cpu_s() - cpu0, 1),
        "cpu_s_workers": sorted(round(cpu[w] - cpu_workers0.get(w, 0), 1) for w in cpu),
        "client_peak_mb": round(_peak_mb()), "client_peak_before_mb": round(rss0),
        "worker_peak_mb": sorted(round(v) for v in workers.values()), "errors": len(result.errors),
        "command": shlex.join([os.path.relpath(sys.executable), *sys.argv]),
        "machine": f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}",
    }  # fmt: skip
    print(f"machine: {figures['machine']}")
    print(f"command: {figures['command']}")
    print(
        f"{figures['documents']:,} documents against each other on {args.workers or 'no'} Dask workers: "
        f"{seconds:,.1f} s; {result.candidates:,} candidate pairs, {figures['reported_pairs']:,} reported"
    )
    print(
        f"precision {figures['precision']:.4f}, recall of planted reuse {figures['recall_planted']:.4f}, "
        f"recall of retelling pairs (>= {2 * args.min_words} words in common runs) "
        f"{figures['recall_retelling_pairs']:.4f} of {figures['retelling_pairs']:,}"
    )
    cpu_total = figures["cpu_s_client"] + sum(figures["cpu_s_workers"])
    print(
        f"CPU time: this process {figures['cpu_s_client']:,.1f} s, workers "
        f"{', '.join(f'{c:,.1f}' for c in figures['cpu_s_workers']) or '-'} s (total {cpu_total:,.1f} s: "
        f"on an idle {os.cpu_count()}-core machine about {cpu_total / (os.cpu_count() or 1):,.0f} s of wall time)"
    )
    print(f"peak memory: this process {figures['client_peak_mb']:,} MB, workers "
          f"{', '.join(f'{m:,}' for m in figures['worker_peak_mb']) or '-'} MB")  # fmt: skip
    if figures["false_pairs"] or figures["missed_planted"]:
        print(
            f"false pairs (first 10): {figures['false_pairs']}; missed (first 10): {figures['missed_planted']}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, default=str) + "\n")


if __name__ == "__main__":
    main()
