"""Scoring on Dask: speed-up of two workers over one, and memory per worker as the archive grows.

The corpus has ever-new vocabulary: the Raqqa seed articles, one after
another, with every fourth word replaced by an invented word never used
before (``lokakaso``, ``lokakatu``...), so that each document brings spaCy
strings it has never seen. (The plain seeds repeated would bring no new word
after the first pass and could not show the vocabulary growing.)

Measured, each on a fresh ``LocalCluster`` (processes, one thread each):

* **speed-up**: ``rhetoric.dask.write_parquet`` over the same corpus with one
  worker and with two, ``--repeat`` times each (median and range). Times
  start once every worker has loaded the model (a one-line warm-up task per
  worker), so they compare scoring, not start-up;
* **memory per worker**: one worker scoring 1/4, 1/2 and all of the
  corpus; its peak resident memory (``ru_maxrss``) and the size of spaCy's
  string store when it is done.

    .venv/bin/python benchmarks/bench_dask.py --words 100000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

SYLLABLES = ["ka", "lo", "mi", "nu", "pe", "ri", "so", "tu", "va", "ze", "bo", "da", "fi", "gu", "ho", "je"]


def invented(k: int) -> str:
    s, k = "", k + 4096
    while k:
        s, k = SYLLABLES[k % 16] + s, k // 16
    return s


def build(folder: Path, words: int) -> tuple[int, int]:
    """Write documents of ever-new vocabulary until ``words`` words; return (documents, words)."""
    seeds = [f.read_text(encoding="utf-8") for f in sorted((ROOT / "data" / "raqqa").glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    n = total = counter = 0
    while total < words:
        text = seeds[n % len(seeds)]
        out_lines = []
        for line in text.split("\n"):
            toks = line.split(" ")
            for i in range(3, len(toks), 4):
                if toks[i].isalpha():
                    toks[i] = invented(counter)
                    counter += 1
            out_lines.append(" ".join(toks))
        doc = "\n".join(out_lines)
        (folder / f"{n:05d}.txt").write_text(doc, encoding="utf-8")
        total += len(doc.split())
        n += 1
    return n, total


def _worker_figures(analyzer_key=None):
    import rhetoric.dask as rd

    strings = [len(a.nlp.vocab.strings) for a in rd._ANALYZERS.values()]
    return {"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "strings": max(strings) if strings else 0}  # fmt: skip


def _warm():
    import rhetoric.dask as rd

    rd._analyzer(rd._options())
    rd._meta_local(rd._options())
    return os.getpid()


def run(folder: Path, workers: int, partition_size: int) -> dict:
    import rhetoric.dask as rd

    client = rd.local_client(workers)
    try:
        client.wait_for_workers(workers)
        client.run(_warm)
        out = Path(tempfile.mkdtemp(prefix="bench-dask-"))
        t0 = time.perf_counter()
        report = rd.write_parquet([folder], out / "ds", client, partition_size=partition_size)
        seconds = time.perf_counter() - t0
        figures = client.run(_worker_figures)
        shutil.rmtree(out)
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()
    return {
        "workers": workers, "seconds": seconds, "documents": report.documents,
        "paragraph_rows": report.paragraph_rows,
        "worker_peak_mb": sorted(round(f["peak_mb"]) for f in figures.values()),
        "worker_strings": sorted(f["strings"] for f in figures.values()),
    }  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=100_000, help="corpus size in words (default 100,000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each speed-up configuration (default 3)")
    ap.add_argument("--partition-size", type=int, default=4, help="documents per task (default 4)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-dask-corpus-"))
    try:
        docs, words = build(tmp / "all", args.words)
        print(f"corpus: {docs} documents, {words:,} words, every fourth word new", file=sys.stderr)
        speed = {1: [], 2: []}
        for r in range(args.repeat):
            for w in (1, 2):
                res = run(tmp / "all", w, args.partition_size)
                speed[w].append(res)
                print(f"  {w} worker(s), run {r + 1}: {res['seconds']:.1f} s, "
                      f"peak {res['worker_peak_mb']} MB", file=sys.stderr)  # fmt: skip
        grow = []
        for frac in (4, 2, 1):
            sub = tmp / f"part{frac}"
            sub.mkdir()
            files = sorted((tmp / "all").glob("*.txt"))
            for f in files[: max(1, len(files) // frac)]:
                shutil.copy(f, sub / f.name)
            res = run(sub, 1, args.partition_size)
            res["fraction"] = f"1/{frac}" if frac > 1 else "all"
            grow.append(res)
            print(f"  memory, {res['fraction']} ({res['documents']} docs): peak {res['worker_peak_mb']} MB, "
                  f"{res['worker_strings']} strings", file=sys.stderr)  # fmt: skip
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    med = {w: statistics.median(r["seconds"] for r in speed[w]) for w in speed}
    ratios = [a["seconds"] / b["seconds"] for a, b in zip(speed[1], speed[2], strict=True)]
    command = shlex.join([os.path.relpath(sys.executable), *sys.argv])
    print(f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.platform()}")
    print(f"command: {command}")
    print(f"corpus: {docs} documents, {words:,} words (Raqqa seeds, every fourth word invented)")
    print("\n| workers | median s | runs (s) | words/s | peak MB per worker |\n|---:|---:|---|---:|---|")
    for w in (1, 2):
        runs = ", ".join(f"{r['seconds']:.1f}" for r in speed[w])
        peaks = ", ".join(str(p) for r in speed[w] for p in r["worker_peak_mb"])
        print(f"| {w} | {med[w]:.1f} | {runs} | {words / med[w]:,.0f} | {peaks} |")
    print(
        f"\nspeed-up of 2 workers over 1: x{med[1] / med[2]:.2f} (median times); per pair of runs "
        f"x{min(ratios):.2f} to x{max(ratios):.2f}"
    )
    print("\n| corpus | documents | peak MB (1 worker) | spaCy strings at the end |\n|---|---:|---:|---:|")
    for g in grow:
        print(
            f"| {g['fraction']} | {g['documents']} | {g['worker_peak_mb'][0]} | {g['worker_strings'][0]:,} |"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"command": command, "speed": speed, "memory": grow}, indent=2) + "\n"
        )


if __name__ == "__main__":
    main()
