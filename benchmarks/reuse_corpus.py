"""Build the reuse-discovery benchmark corpus: background articles, and planted retellings.

Reproducible from a seed; nothing of it is committed (the PolNeAR articles are
under their publishers' copyright, so they are read from ``--data`` each time).

What it writes to ``-o DIR``:

* ``docs/NNNN/NNNNNNN.txt``: the documents. The first ones are the PolNeAR
  articles (``--data``/attribution-polnear/*/text/*.txt, 924 of them), cleaned
  so that no two share a 5-word run and none shares one with the original:
  every paragraph holding a 5-word run found in an earlier article or in the
  original is dropped (stock footers, wire copy printed twice, quotations of
  the same speech). Past them, generated articles: a word-level Markov chain
  (order 1) trained on the cleaned articles, with their paragraph and length
  distribution, where at least every fourth word is an invented word never
  used before (``lokakaso``, ``lokakatu``...). Any five consecutive words therefore
  hold a word that occurs in no other document, so generated articles share
  no 5-word run with anything, and the vocabulary grows with the corpus, as
  an archive's does.
* ``origin.txt``: the reconstructed BBC report (``data/raqqa/original/``).
* ``truth.json``: which documents have planted passages and what was done to them.

Planted reuse: ``--planted`` documents (default 300) chosen at random get one
to three passages of the original pasted between their paragraphs. Each
passage is one to four consecutive paragraphs of the original, **cut** (a
sentence dropped at random in half of them, and at most eight sentences
kept) and **edited** (one word in 25 replaced by a word of the host article,
one in 60 deleted, curly quotes straightened in half of them). A passage
keeps at least 25 words.

A check runs last: every 5-word run of every document is hashed, and runs
shared between two documents (or with the original) outside the planted
passages are counted; the corpus is refused unless there are none.

    .venv/bin/python benchmarks/reuse_corpus.py --data ../shared/eval --docs 10000 -o build/reuse-10k
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rhetoric.reuse import shingle_hashes, words  # noqa: E402

ORIGIN = ROOT / "data" / "raqqa" / "original" / "bbc_raqqas_dirty_secret.reconstructed.txt"
SYLLABLES = ["ka", "lo", "mi", "nu", "pe", "ri", "so", "tu", "va", "ze", "bo", "da", "fi", "gu", "ho", "je"]
_SENT = re.compile(r"(?<=[.!?”\"])\s+(?=[“\"A-Z])")


def invented(k: int) -> str:
    """The k-th invented word: base-16 digits of k spelt as syllables, never a repeat."""
    s = ""
    k += 4096  # at least three syllables
    while k:
        s = SYLLABLES[k % 16] + s
        k //= 16
    return s


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def origin_paragraphs() -> list[str]:
    from rhetoric.text import read_file

    doc = read_file(ORIGIN)
    return [p.text for p in doc.paragraphs if p.kind == "body" and len(p.text.split()) >= 5]


def clean_background(texts: list[str], origin: list[str]) -> list[list[str]]:
    """Drop every paragraph holding a 5-word run seen earlier (in the original or an earlier article)."""
    seen = set(shingle_hashes(" ".join(origin)).tolist())
    for p in origin:
        seen.update(shingle_hashes(p).tolist())
    out = []
    for text in texts:
        kept = []
        for p in paragraphs(text):
            h = shingle_hashes(p).tolist()
            if any(x in seen for x in h):
                continue
            kept.append(p)
        # Runs across paragraph boundaries too: add the article's shingles as a whole.
        whole = shingle_hashes("\n\n".join(kept)).tolist()
        if any(x in seen for x in whole):
            # drop paragraphs one by one from the end until the article is clean
            while kept and any(x in seen for x in shingle_hashes("\n\n".join(kept)).tolist()):
                kept.pop()
        seen.update(shingle_hashes("\n\n".join(kept)).tolist())
        if kept:
            out.append(kept)
    return out


class Markov:
    """An order-1 word chain over whitespace tokens, with paragraph and length statistics."""

    def __init__(self, articles: list[list[str]], rng: random.Random) -> None:
        succ: dict[str, list[str]] = {}
        self.lengths = []
        self.para_lengths = []
        for art in articles:
            # Tag fragments ("<tweet", "tweet-date=...>") would open markup that swallows the text after them.
            toks = [t for t in " ".join(art).split() if "<" not in t and ">" not in t]
            self.lengths.append(len(toks))
            self.para_lengths += [len(p.split()) for p in art]
            for a, b in zip(toks, toks[1:], strict=False):
                succ.setdefault(a, []).append(b)
        self.succ = succ
        self.starts = [t for t in succ if t[:1].isupper()]
        self.rng = rng

    def article(self, counter: list[int]) -> str:
        rng, succ = self.rng, self.succ
        n = rng.choice(self.lengths)
        out_paras, para, cur = [], [], rng.choice(self.starts)
        target = rng.choice(self.para_lengths)
        since = 0  # words (as rhetoric.reuse counts them: "U.S." is two) since the last invented one
        for _ in range(n):
            wc = len(words(cur))
            if since + wc > 3:
                para.append(invented(counter[0]))
                counter[0] += 1
                since = 0
            if wc <= 3:
                para.append(cur)
                since += wc
            nxt = succ.get(cur)
            cur = nxt[int(rng.random() * len(nxt))] if nxt else rng.choice(self.starts)
            if len(para) >= target and para[-1][-1:] in ".!?":
                out_paras.append(" ".join(para))
                para, target = [], rng.choice(self.para_lengths)
        if para:
            out_paras.append(" ".join(para))
        return "\n\n".join(out_paras)


def plant(host: str, origin: list[str], rng: random.Random) -> tuple[str, list[dict]]:
    """Paste one to three cut and edited passages of the original between the host's paragraphs."""
    host_paras = paragraphs(host)
    host_words = [w for w in host.split() if w.isalpha()] or ["word"]
    passages = []
    for _ in range(rng.randint(1, 3)):
        while True:
            p0 = rng.randrange(len(origin))
            n = rng.randint(1, 4)
            sents = [s for p in origin[p0 : p0 + n] for s in _SENT.split(p)]
            cut = None
            if len(sents) >= 3 and rng.random() < 0.5:
                cut = rng.randrange(len(sents))
                sents = sents[:cut] + sents[cut + 1 :]
            sents = sents[:8]
            toks, replaced, deleted = [], 0, 0
            for w in " ".join(sents).split():
                r = rng.random()
                if r < 1 / 25:
                    toks.append(rng.choice(host_words))
                    replaced += 1
                elif r < 1 / 25 + 1 / 60:
                    deleted += 1
                else:
                    toks.append(w)
            text = " ".join(toks)
            straight = rng.random() < 0.5
            if straight:
                text = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
            if len(toks) >= 25:
                break
        at = rng.randint(0, len(host_paras))
        host_paras.insert(at, text)
        passages.append({"origin_paragraphs": [p0, min(p0 + n, len(origin)) - 1], "sentence_cut": cut,
                         "words": len(toks), "replaced": replaced, "deleted": deleted,
                         "quotes_straightened": straight, "text": text})  # fmt: skip
    return "\n\n".join(host_paras), passages


def check(texts: list[str], origin_text: str, planted: dict[int, list[dict]]) -> int:
    """5-word runs shared between documents (or with the original) outside the planted passages."""
    hashes, owners = [], []
    for i, t in enumerate([origin_text, *texts]):
        if i - 1 in planted:  # the planted passages are meant to share runs: leave them out
            for p in planted[i - 1]:
                t = t.replace(p["text"], "\n\n")
        h = np.unique(shingle_hashes(t))
        hashes.append(h)
        owners.append(np.full(len(h), i, dtype=np.int32))
    h, o = np.concatenate(hashes), np.concatenate(owners)
    order = np.argsort(h, kind="stable")
    h, o = h[order], o[order]
    dup = (h[1:] == h[:-1]) & (o[1:] != o[:-1])
    return int(dup.sum())


def build(data: Path, n_docs: int, n_planted: int, seed: int, out: Path) -> dict:
    rng = random.Random(seed)
    t0 = time.perf_counter()
    files = sorted((data / "attribution-polnear").glob("*/text/*.txt"))
    if not files:
        sys.exit(f"no PolNeAR articles under {data}/attribution-polnear/*/text/")
    origin = origin_paragraphs()
    background = clean_background([f.read_text(encoding="utf-8") for f in files], origin)
    real = ["\n\n".join(a) for a in background]
    chain = Markov(background, rng)
    counter = [0]
    texts = real[:n_docs]
    while len(texts) < n_docs:
        texts.append(chain.article(counter))
    hosts = rng.sample(range(len(texts)), min(n_planted, len(texts)))
    planted = {}
    for i in sorted(hosts):
        texts[i], planted[i] = plant(texts[i], origin, rng)
    shared = check(texts, "\n\n".join(origin), planted)
    if shared:
        sys.exit(f"{shared} 5-word runs are shared outside the planted passages: the corpus is not clean")
    docs = out / "docs"
    names = []
    for i, t in enumerate(texts):
        p = docs / f"{i // 1000:04d}" / f"{i:07d}.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(t + "\n", encoding="utf-8")
        names.append(f"{i // 1000:04d}/{i:07d}")
    (out / "origin.txt").write_text(ORIGIN.read_text(encoding="utf-8"), encoding="utf-8")
    truth = {
        "seed": seed, "documents": n_docs, "real_articles": min(len(real), n_docs),
        "generated_articles": max(0, n_docs - len(real)), "invented_words": counter[0],
        "planted": {names[i]: planted[i] for i in sorted(planted)},
        "shared_runs_outside_planted": shared, "seconds": round(time.perf_counter() - t0, 1),
        "words": sum(len(t.split()) for t in texts),
    }  # fmt: skip
    (out / "truth.json").write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    return truth


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the folder holding attribution-polnear/")
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--planted", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    t = build(args.data, args.docs, args.planted, args.seed, args.output)
    print(f"{t['documents']:,} documents ({t['real_articles']} real, {t['generated_articles']:,} generated, "
          f"{t['words']:,} words), {len(t['planted'])} with planted passages; no 5-word run shared outside "
          f"them; built in {t['seconds']} s -> {args.output}")  # fmt: skip


if __name__ == "__main__":
    main()
