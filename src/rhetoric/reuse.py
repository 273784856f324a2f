"""Finding the retellings: which documents reproduce passages of which others, without a manifest.

Two steps, so that a hundred thousand documents cost minutes, not the square of their number:

1. **Candidates by MinHash and LSH.** Each document's words (lower-cased,
   punctuation dropped, as :mod:`rhetoric.provenance` reads them) are cut
   into 5-word shingles, and the shingles into overlapping windows of
   :data:`WINDOW` shingles (every :data:`STRIDE`). Each window gets a MinHash
   signature of :data:`NUM_PERM` values, and the signature is cut into
   :data:`BANDS` bands of :data:`ROWS` values (locality-sensitive hashing):
   two windows that share a band are a candidate pair. Windows rather than
   whole documents, because a retelling pastes a few paragraphs into text of
   its own: a 60-word passage in an 800-word article leaves the two
   *documents* with a Jaccard similarity of a few per cent, but the
   *windows* holding the passage share most of their shingles. With two rows
   a band, two windows sharing 30% of their shingles collide in at least one
   of 32 bands with probability 0.95 (``1 - (1 - 0.3**2)**32``), and windows
   sharing no shingle never do. A band bucket holding more than
   :data:`MAX_BUCKET` documents (a stock phrase, a footer) yields no pairs.
2. **Verification by local alignment.** Each candidate pair is aligned with
   :class:`rhetoric.provenance.OriginIndex` (the paragraph alignment the
   manifest-based provenance uses): the earlier document (or the origin) is
   indexed, the other's paragraphs aligned to it. A pair is reported when at
   least ``min_words`` words align.

The MinHash is our own, on numpy: word hashes from a polynomial hash over
the text's UTF-8 bytes (prefix sums, so no Python loop over words), shingle
hashes combined and mixed in 64-bit arithmetic, and 64 hash functions
``a * h + b (mod 2**64)``, all vectorised per document. (datasketch hashes
every shingle with SHA-1 in a Python loop and builds one object per set,
which at millions of windows costs more than the rest of the job.)

Example:
    >>> result = find_reuse(["archive/"], origin="bbc.txt")  # doctest: +SKIP
    >>> result.pairs[["doc_a", "doc_b", "shared_words", "direction"]]  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = [
    "find_reuse",
    "ReuseResult",
    "sketch",
    "candidate_pairs",
    "align_pair",
    "write_reuse",
    "draft_manifest",
    "PAIR_COLUMNS",
    "PASSAGE_COLUMNS",
]

SHINGLE = 5
WINDOW = 30  # shingles per window
STRIDE = 15  # a new window every STRIDE shingles (windows overlap by half)
NUM_PERM = 64
ROWS = 2
BANDS = NUM_PERM // ROWS
MAX_BUCKET = 2000  # documents in one LSH bucket beyond which it is a stock phrase, not a retelling
MIN_WORDS = 20  # aligned words for a pair to count as reuse
SEED = 20171113
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_M64 = np.uint64(0xFFFFFFFFFFFFFFFF)

PAIR_COLUMNS = [
    "doc_a", "doc_b", "shared_words", "passages", "share_of_a", "share_of_b", "direction", "source",
    "date_a", "date_b", "file_a", "file_b", "passage_text",
]  # fmt: skip
PASSAGE_COLUMNS = ["doc_a", "doc_b", "para_a", "para_b", "words", "text_a", "text_b"]


def _params() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(SEED)
    a = rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd
    b = rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
    band = rng.integers(0, 2**63, size=BANDS, dtype=np.uint64)
    return a, b, band


_A, _B, _BAND = _params()


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads every input bit over the 64 output bits."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * np.uint64(0xBF58476D1CE4E5B9)
        x = x ^ (x >> np.uint64(27))
        x = x * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def words(text: str) -> list[str]:
    """The normalised words of a text (as :func:`rhetoric.provenance.words_with_spans` gives them)."""
    return [w.lower() for w in _WORD.findall(text)]


# Bytes of UTF-8 text that make up words: ASCII letters and digits, and every
# byte of a multi-byte character (letters such as é), except the punctuation
# blocks cleared in word_hashes.
_WORD_BYTE = np.zeros(256, dtype=bool)
_WORD_BYTE[list(b"abcdefghijklmnopqrstuvwxyz0123456789")] = True
_WORD_BYTE[0x80:] = True
_P = 0x100000001B3
_P_INV = pow(_P, -1, 2**64)
_POW: list[np.ndarray] = []


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``P**j`` and ``P**-j`` (mod 2**64) for ``j < n``."""
    if not _POW or len(_POW[0]) < n:
        size = max(n, 1 << 16, 2 * len(_POW[0]) if _POW else 0)
        pw = np.empty(size, dtype=np.uint64)
        ipw = np.empty(size, dtype=np.uint64)
        pw[0] = ipw[0] = 1
        with np.errstate(over="ignore"):
            pw[1:] = np.cumprod(np.full(size - 1, _P, dtype=np.uint64))
            ipw[1:] = np.cumprod(np.full(size - 1, _P_INV, dtype=np.uint64))
        _POW[:] = [pw, ipw]
    return _POW[0], _POW[1]


def word_hashes(text: str) -> np.ndarray:
    """One 64-bit hash per word, vectorised over the text's UTF-8 bytes.

    Words are what :func:`words` finds for nearly all text: runs of letters and
    digits, lower-cased, split at punctuation, quote marks (straight or curly:
    ``didn’t`` and ``didn't`` both give ``didn``, ``t``), dashes and spaces.
    """
    b = np.frombuffer(text.lower().encode("utf-8", "surrogatepass"), dtype=np.uint8)
    n = len(b)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    mask = _WORD_BYTE[b]
    # General punctuation (U+2000-U+203F: curly quotes, dashes, ellipsis, odd spaces)
    # and Latin-1 punctuation (U+00A0-U+00BF: no-break space, guillemets) separate words.
    for lead, second, lo, hi in ((0xE2, 0x80, 0x80, 0xBF), (0xC2, None, 0xA0, 0xBF)):
        if second is None:
            hit = np.flatnonzero((b[:-1] == lead) & (b[1:] >= lo) & (b[1:] <= hi))
            mask[hit] = mask[hit + 1] = False
        else:
            hit = np.flatnonzero((b[:-2] == lead) & (b[1:-1] == second) & (b[2:] >= lo) & (b[2:] <= hi))
            mask[hit] = mask[hit + 1] = mask[hit + 2] = False
    edge = np.diff(np.concatenate(([0], mask.view(np.int8), [0])))
    starts, ends = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)
    if len(starts) == 0:
        return np.zeros(0, dtype=np.uint64)
    pw, ipw = _powers(n)
    with np.errstate(over="ignore"):
        prefix = np.concatenate(([np.uint64(0)], np.cumsum((b.astype(np.uint64) + np.uint64(1)) * pw[:n])))
        h = (prefix[ends] - prefix[starts]) * ipw[starts]  # the same word hashes the same wherever it is
    return _mix(h)


def shingle_hashes(ws) -> np.ndarray:
    """One 64-bit hash per run of :data:`SHINGLE` words (``ws``: a text, word hashes or a word list)."""
    if isinstance(ws, str):
        h = word_hashes(ws)
    elif isinstance(ws, np.ndarray):
        h = ws
    else:
        h = word_hashes(" ".join(ws))
    n = len(h) - SHINGLE + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    out = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(SHINGLE):
            out = out * np.uint64(0x9E3779B97F4A7C15) + h[j : j + n]
    return _mix(out)


def window_signatures(shingles: np.ndarray) -> np.ndarray:
    """MinHash signatures ``[windows, NUM_PERM]`` of overlapping windows of shingles."""
    n = len(shingles)
    if n == 0:
        return np.zeros((0, NUM_PERM), dtype=np.uint64)
    with np.errstate(over="ignore"):
        hv = shingles[:, None] * _A[None, :] + _B[None, :]
    if n <= WINDOW:
        return hv.min(axis=0, keepdims=True)
    starts = np.arange(0, n, STRIDE)
    blocks = np.minimum.reduceat(hv, starts, axis=0)
    # A window is two consecutive blocks; the last block alone only when it is all that is left.
    return np.minimum(blocks[:-1], blocks[1:]) if len(blocks) > 1 else blocks


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """The distinct LSH band keys of a document's windows (one 64-bit key per band and window)."""
    if len(signatures) == 0:
        return np.zeros(0, dtype=np.uint64)
    s = signatures.reshape(len(signatures), BANDS, ROWS)
    with np.errstate(over="ignore"):
        key = np.zeros(s.shape[:2], dtype=np.uint64)
        for r in range(ROWS):
            key = _mix(key * np.uint64(0x9E3779B97F4A7C15) + s[:, :, r])
        key = _mix(key ^ _BAND[None, :])
    return np.unique(key.ravel())


def sketch(text: str) -> np.ndarray:
    """The band keys of one text: two texts that share a passage share some of them.

    >>> a = "The convoy left Raqqa on 12 October with hundreds of fighters and their families aboard."
    >>> b = "As the BBC put it, the convoy left Raqqa on 12 October with hundreds of fighters and their families."
    >>> len(np.intersect1d(sketch(a), sketch(b))) > 0
    True
    >>> len(np.intersect1d(sketch(a), sketch("Nothing in common with the other one at all, here."))) > 0
    False
    """
    return band_keys(window_signatures(shingle_hashes(text)))


# ----------------------------------------------------------------------------
# Reading documents
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Doc:
    """A document to compare: its id, file and date (when known)."""

    doc_id: str
    path: str
    date: dt.date | None = None


def _read_text(path: str) -> str:
    """The text of a file; HTML files without their markup."""
    from .text import InputError, decode_bytes, strip_markup

    data = Path(path).read_bytes()
    if not data.strip():
        raise InputError(f"{path}: empty file")
    try:
        if b"\x00" in data[:8192]:
            raise UnicodeDecodeError("utf-8", data, 0, 1, "NUL byte")
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        raw, _ = decode_bytes(data, name=str(path))  # a BOM, Windows-1252, Latin-1; or refused as binary
    if Path(path).suffix.lower() in (".html", ".htm", ".xhtml"):
        return strip_markup(raw, "html")[0]
    return raw


def sketch_partition(docs: list[Doc]) -> tuple[np.ndarray, np.ndarray, list[str], list[int]]:
    """Sketch a partition of files (runs on a Dask worker, or here).

    Returns:
        ``(keys, local_doc, errors, word_counts)``: every band key with the
        partition-local index of its document, the files that could not be
        read, and each document's word count.
    """
    from .text import InputError

    keys, owner, errors, counts = [], [], [], []
    for i, d in enumerate(docs):
        try:
            wh = word_hashes(_read_text(d.path))
        except (InputError, OSError) as e:
            errors.append(f"{d.path}: {e}" if not str(e).startswith(str(d.path)) else str(e))
            counts.append(0)
            continue
        counts.append(len(wh))
        k = band_keys(window_signatures(shingle_hashes(wh)))
        keys.append(k)
        owner.append(np.full(len(k), i, dtype=np.uint16))
    if not keys:
        return np.zeros(0, np.uint64), np.zeros(0, np.uint16), errors, counts
    return np.concatenate(keys), np.concatenate(owner), errors, counts


def candidate_pairs(
    keys, owner, *, only_with: int | None = None, max_bucket: int = MAX_BUCKET, offsets=None, slices: int = 16
) -> np.ndarray:
    """Pairs of documents that share a band key: ``[pairs, 2]`` with ``a < b``, sorted.

    Args:
        keys: band keys (one array, or a list of arrays, one per partition).
        owner: the document of each key (partition-local when ``offsets`` is given).
        only_with: keep only pairs with this document (``--origin``).
        max_bucket: skip a key shared by more documents than this.
        offsets: the index of each partition's first document.
        slices: the key space is sorted in this many slices (by the keys' top
            bits), so that the sort's working memory is a fraction of the keys'.
    """
    if isinstance(keys, np.ndarray):
        keys, owner, offsets = [keys], [owner], [0]
    shift = np.uint64(64 - max(1, int(slices - 1).bit_length()))
    pairs = []
    for sl in range(slices):
        ks, os_ = [], []
        for k, o, off in zip(keys, owner, offsets, strict=True):
            sel = (k >> shift) == np.uint64(sl)
            ks.append(k[sel])
            os_.append(o[sel].astype(np.int64) + off)
        k, o = np.concatenate(ks), np.concatenate(os_)
        del ks, os_
        order = np.argsort(k)
        k = k[order]
        same = np.flatnonzero(k[1:] == k[:-1])  # i where key i equals key i + 1: few
        del k
        if len(same) == 0:
            continue
        run_break = np.flatnonzero(np.diff(same) != 1) + 1
        for run in np.split(same, run_break):
            members = np.unique(o[order[run[0] : run[-1] + 2]])
            if len(members) < 2 or len(members) > max_bucket:
                continue
            if only_with is not None:
                if only_with in members:
                    pairs.extend((only_with, int(m)) for m in members if m != only_with)
                continue
            pairs.extend(itertools.combinations(members.tolist(), 2))
    if not pairs:
        return np.zeros((0, 2), dtype=np.int64)
    p = np.sort(np.array(pairs, dtype=np.int64), axis=1)
    return np.unique(p, axis=0)


# ----------------------------------------------------------------------------
# Verification: the local alignment of rhetoric.provenance
# ----------------------------------------------------------------------------


@dataclass
class _Text:
    """A document's body paragraphs, each with its 5-word shingles (to skip paragraphs that cannot align)."""

    paragraphs: list[tuple[int, str]]
    shingles: list[set]
    words: int


def _paragraphs(path: str) -> _Text:
    from .provenance import SHINGLE, words_with_spans
    from .text import read_file

    doc = read_file(path)
    paras = [(p.index, p.text) for p in doc.paragraphs if p.kind != "boilerplate" and p.text.strip()]
    shingles, n = [], 0
    for _, t in paras:
        ws = words_with_spans(t)[0]
        n += len(ws)
        shingles.append({tuple(ws[i : i + SHINGLE]) for i in range(len(ws) - SHINGLE + 1)})
    return _Text(paras, shingles, n)


def _as_text(paras) -> _Text:
    if isinstance(paras, _Text):
        return paras
    return _Text(list(paras), [None] * len(paras), 0)


def align_pair(source, other, index=None) -> dict:
    """Align ``other``'s paragraphs to ``source``'s: shared words and passages.

    Args:
        source, other: ``(para, text)`` of each body paragraph (or the cached
            form :func:`_paragraphs` returns).
        index: a prebuilt :class:`~rhetoric.provenance.OriginIndex` of ``source``.
    """
    from .provenance import OriginIndex

    source, other = _as_text(source), _as_text(other)
    index = index or OriginIndex([t for _, t in source.paragraphs])
    keys = index.index.keys()
    shared, passages = 0, []
    for (para, text), sh in zip(other.paragraphs, other.shingles, strict=True):
        if sh is not None and keys.isdisjoint(sh):
            continue  # no 5-word run in common: the alignment would find nothing
        a = index.align(text)
        if a.aligned_words == 0:
            continue
        shared += a.aligned_words
        text_b = " … ".join(text[s:e] for s, e in a.blocks)
        passages.append((source.paragraphs[a.origin_para][0], para, a.aligned_words, a.passage, text_b))
    return {"shared_words": shared, "passages": passages}


def verify_partition(groups: list[tuple[Doc, list[Doc]]], min_words: int) -> tuple[list[dict], list[dict]]:
    """Align each source document to its candidates (runs on a Dask worker, or here).

    Returns:
        ``(pairs, passages)`` rows for the pairs with at least ``min_words`` aligned words.
    """
    from .provenance import OriginIndex

    pair_rows, passage_rows = [], []
    cache: dict[str, _Text] = {}

    def paras(d: Doc):
        if d.path not in cache:
            if len(cache) > 4096:  # a retold passage makes the same documents recur: keep them
                cache.clear()
            cache[d.path] = _paragraphs(d.path)
        return cache[d.path]

    for src, others in groups:
        sp = paras(src)
        if not sp.paragraphs:
            continue
        index = OriginIndex([t for _, t in sp.paragraphs])
        src_words = sp.words
        for o in others:
            op = paras(o)
            r = align_pair(sp, op, index)
            if r["shared_words"] < min_words and op.paragraphs:
                # Alignment runs paragraph by paragraph, so a passage that one side
                # merged into a longer paragraph can align better the other way round.
                back = align_pair(op, sp)
                if back["shared_words"] > r["shared_words"]:
                    r = {"shared_words": back["shared_words"],
                         "passages": [(pb, pa, n, tb, ta) for pa, pb, n, ta, tb in back["passages"]]}  # fmt: skip
            if r["shared_words"] < min_words:
                continue
            o_words = op.words
            pair_rows.append({"source_doc": src, "other_doc": o, "shared_words": r["shared_words"],
                              "passages": len(r["passages"]),
                              "share_source": r["shared_words"] / src_words if src_words else 0.0,
                              "share_other": r["shared_words"] / o_words if o_words else 0.0,
                              "passage_text": " [...] ".join(p[3] for p in r["passages"])})  # fmt: skip
            for pa, pb, n, ta, tb in r["passages"]:
                passage_rows.append({"source_doc": src, "other_doc": o, "para_source": pa, "para_other": pb,
                                     "words": n, "text_source": ta, "text_other": tb})  # fmt: skip
    return pair_rows, passage_rows


# ----------------------------------------------------------------------------
# The whole job
# ----------------------------------------------------------------------------


@dataclass
class ReuseResult:
    """What :func:`find_reuse` found.

    Attributes:
        pairs: one row a reusing pair (:data:`PAIR_COLUMNS`).
        passages: one row an aligned passage (:data:`PASSAGE_COLUMNS`).
        documents: the documents compared (``doc_id, file, date, words``).
        origin: the origin's doc_id, if one was given.
        candidates: candidate pairs the LSH step proposed (before alignment).
        errors: files that could not be read.
    """

    pairs: object
    passages: object
    documents: object
    origin: str | None = None
    candidates: int = 0
    errors: list[str] = field(default_factory=list)


def _load_dates(path: str | Path | None) -> dict[str, dt.date]:
    """``doc_id,date`` (or ``file,date``) rows of a CSV file."""
    if path is None:
        return {}
    import csv

    out = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh), start=2):
            key = (row.get("doc_id") or row.get("id") or row.get("file") or "").strip()
            value = (row.get("date") or "").strip()
            if not key or not value:
                continue
            try:
                out[key] = dt.date.fromisoformat(value[:10])
            except ValueError:
                from .text import InputError

                raise InputError(f"{path}:{i}: date {value!r} is not an ISO date (YYYY-MM-DD)") from None
    return out


def plan(
    paths: Iterable[str | Path], origin: str | Path | None = None, dates=None
) -> tuple[list[Doc], int | None]:
    """The documents to compare, with the CLI's doc_ids; the origin first when given."""
    from .dask import plan_documents

    dates = _load_dates(dates) if not isinstance(dates, dict) else dates
    items = plan_documents(paths)
    docs = []
    origin_index = None
    if origin is not None:
        o = Path(origin).resolve()
        if not o.is_file():
            from .text import InputError

            raise InputError(f"{origin}: no such origin file")
        oid = o.stem
        items = [i for i in items if Path(i.path) != o]
        if any(i.doc_id == oid for i in items):
            oid = f"origin:{oid}"
        docs.append(Doc(oid, str(o), dates.get(oid) or dates.get(o.name)))
        origin_index = 0
    for i in items:
        docs.append(Doc(i.doc_id, i.path, dates.get(i.doc_id) or dates.get(Path(i.path).name)))
    return docs, origin_index


def find_reuse(
    paths: Iterable[str | Path],
    *,
    origin: str | Path | None = None,
    dates=None,
    client=None,
    min_words: int = MIN_WORDS,
    partition_size: int = 2000,  # at most 65,536: a partition's documents are numbered in 16 bits
    progress: bool = False,
) -> ReuseResult:
    """Find the pairs of documents that share passages.

    Args:
        paths: files and folders (a folder means every text file under it).
        origin: the original report: only pairs with it are sought, and it is
            the source of every pair.
        dates: a CSV of ``doc_id,date`` (or ``file,date``), or a dict; a pair's
            direction runs from the earlier document to the later.
        client: a ``distributed.Client`` to sketch and align on; ``None`` works here.
        min_words: aligned words for a pair to count.
        partition_size: documents per sketching task.
        progress: progress bars on stderr.
    """
    import pandas as pd

    docs, origin_index = plan(paths, origin, dates)
    from .dask import _chunks

    parts = _chunks(docs, partition_size)
    results = _run(client, sketch_partition, [(p,) for p in parts], progress, "sketching")
    keys, owner, offsets, errors, counts = [], [], [], [], []
    offset = 0
    for part, (k, o, errs, cnt) in zip(parts, results, strict=True):
        keys.append(k)
        owner.append(o)
        offsets.append(offset)
        errors += errs
        counts += cnt
        offset += len(part)
    del results
    cands = candidate_pairs(keys, owner, offsets=offsets, only_with=origin_index)
    del keys, owner

    # Group by source: the origin, else the earlier document, else the first in input order.
    groups: dict[int, list[int]] = defaultdict(list)
    for a, b in cands.tolist():
        src, other = _direction(docs, a, b, origin_index)
        groups[src].append(other)
    work = [(docs[s], [docs[o] for o in others]) for s, others in sorted(groups.items())]
    chunks, size, current = [], 0, []
    for g in work:  # about 2,000 alignments per task: documents recur, and each task reads them once
        current.append(g)
        size += len(g[1])
        if size >= 2000:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    verified = _run(client, verify_partition, [(c, min_words) for c in chunks], progress, "aligning")
    pair_rows, passage_rows = [], []
    for p, q in verified:
        pair_rows += p
        passage_rows += q

    def order(src: Doc, other: Doc) -> tuple[Doc, Doc]:
        return (src, other) if (src.doc_id, other.doc_id) <= (other.doc_id, src.doc_id) else (other, src)

    rows = []
    for r in pair_rows:
        s, o = r["source_doc"], r["other_doc"]
        a, b = order(s, o) if origin_index is None else (s, o)
        known = origin_index is not None or (s.date and o.date and s.date != o.date)
        share = {s.doc_id: r["share_source"], o.doc_id: r["share_other"]}
        rows.append({
            "doc_a": a.doc_id, "doc_b": b.doc_id, "shared_words": r["shared_words"], "passages": r["passages"],
            "share_of_a": round(share[a.doc_id], 4), "share_of_b": round(share[b.doc_id], 4),
            "direction": ("a->b" if s is a else "b->a") if known else "",
            "source": s.doc_id if known else "",
            "date_a": a.date.isoformat() if a.date else "", "date_b": b.date.isoformat() if b.date else "",
            "file_a": a.path, "file_b": b.path, "passage_text": r["passage_text"],
        })  # fmt: skip
    pairs = pd.DataFrame(rows, columns=PAIR_COLUMNS).sort_values(["doc_a", "doc_b"], ignore_index=True)
    passages = pd.DataFrame(
        [
            {"doc_a": r["source_doc"].doc_id, "doc_b": r["other_doc"].doc_id, "para_a": r["para_source"],
             "para_b": r["para_other"], "words": r["words"], "text_a": r["text_source"],
             "text_b": r["text_other"]}
            for r in passage_rows
        ],
        columns=PASSAGE_COLUMNS,
    )  # fmt: skip
    documents = pd.DataFrame(
        [{"doc_id": d.doc_id, "file": d.path, "date": d.date.isoformat() if d.date else "", "words": c,
          "origin": i == origin_index} for i, (d, c) in enumerate(zip(docs, counts, strict=True))]
    )  # fmt: skip
    return ReuseResult(
        pairs, passages, documents, docs[origin_index].doc_id if origin_index is not None else None,
        len(cands), errors,
    )  # fmt: skip


def _direction(docs: list[Doc], a: int, b: int, origin_index: int | None) -> tuple[int, int]:
    if origin_index is not None:
        return (a, b) if a == origin_index else (b, a)
    da, db = docs[a].date, docs[b].date
    if da and db and db < da:
        return b, a
    return a, b


def _run(client, fn, arglists: list[tuple], progress: bool, what: str) -> list:
    """``fn(*args)`` for each args, on the cluster when there is one; results in order."""
    bar = None
    if progress:
        import sys

        from tqdm import tqdm

        bar = tqdm(total=len(arglists), unit="task", desc=what, file=sys.stderr)
    try:
        if client is None:
            out = []
            for args in arglists:
                out.append(fn(*args))
                if bar is not None:
                    bar.update(1)
            return out
        from distributed import as_completed

        futures = [client.submit(fn, *args, pure=False) for args in arglists]
        index = {f.key: i for i, f in enumerate(futures)}
        out = [None] * len(futures)
        for f in as_completed(futures):
            out[index[f.key]] = f.result()
            f.release()
            if bar is not None:
                bar.update(1)
        return out
    finally:
        if bar is not None:
            bar.close()


# ----------------------------------------------------------------------------
# Writing: pairs.csv, passages.csv, documents.csv and a draft manifest
# ----------------------------------------------------------------------------


def _rel(path: str, folder: Path) -> str:
    import os

    return Path(os.path.relpath(Path(path).resolve(), folder.resolve())).as_posix()


def draft_manifest(result: ReuseResult, outdir: str | Path) -> str:
    """A draft manifest (YAML) for ``rhetoric corpus``: the origin and the documents that reuse it.

    The origin is the ``--origin`` file, else the document with the most
    reusing partners (ties: earliest date, then id). Every other document
    reached from it through reported pairs is listed with ``via`` the
    neighbour it was reached through (the earlier document when dates say
    which). File paths are relative to the manifest's folder; when some lie
    outside it, the header says to run ``rhetoric corpus`` with ``--allow-root``.
    """
    import os

    import yaml

    out = Path(outdir)
    docs = result.documents.set_index("doc_id")
    neighbours: dict[str, set[str]] = defaultdict(set)
    for r in result.pairs.itertuples():
        neighbours[r.doc_a].add(r.doc_b)
        neighbours[r.doc_b].add(r.doc_a)
    header = ["# Draft manifest written by `rhetoric reuse`: check it before you trust it."]
    if not neighbours:
        header.append("# No reusing pair was found, so no document is listed.")
        return "\n".join(header) + "\ndocuments: []\n"
    if result.origin is not None:
        root = result.origin
        header.append(f"# The origin is the --origin file ({root}).")
    else:
        dates = {i: (docs.loc[i, "date"] or "9999") for i in neighbours}
        root = min(neighbours, key=lambda i: (-len(neighbours[i]), dates[i], i))
        header.append(
            f"# No --origin was given: {root} is taken as the origin because the most documents "
            "share passages with it. Change `origin:` if another document is the original."
        )
    # Breadth-first from the origin: each document comes via the neighbour that reached it first.
    via: dict[str, str | None] = {root: None}
    queue = [root]
    while queue:
        nxt = []
        for i in queue:
            for j in sorted(neighbours[i]):
                if j not in via:
                    via[j] = i
                    nxt.append(j)
        queue = nxt
    shared = {}
    for r in result.pairs.itertuples():
        shared[(r.doc_a, r.doc_b)] = shared[(r.doc_b, r.doc_a)] = r.shared_words
    files = [docs.loc[i, "file"] for i in via]
    outside = [f for f in files if not Path(f).resolve().is_relative_to(out.resolve())]
    if outside:
        common = Path(
            os.path.commonpath([str(Path(f).resolve().parent) for f in files] + [str(out.resolve())])
        )
        header += [
            f"# {len(outside)} of the files lie outside this manifest's folder. `rhetoric corpus` reads",
            "# files outside a manifest's folder only when allowed to:",
            f"#     rhetoric corpus {(out / 'manifest.yaml').as_posix()} --allow-root {common.as_posix()} -o OUT",
        ]
    unlinked = sorted(set(docs.index) - set(via))
    if unlinked:
        header.append(
            f"# {len(unlinked)} documents share no passage with the origin's group and are left out."
        )
    entries = []
    for i, parent in via.items():
        e = {"id": _manifest_id(i), "file": _rel(docs.loc[i, "file"], out)}
        if docs.loc[i, "date"]:
            e["date"] = docs.loc[i, "date"]
        if parent is None:
            e["origin"] = True
        else:
            e["via"] = [_manifest_id(parent)]
            e["note"] = f"draft: shares {shared[(i, parent)]} words with {parent}"
        entries.append(e)
    body = yaml.safe_dump({"name": "reuse-draft", "documents": entries}, sort_keys=False, allow_unicode=True)
    return "\n".join(header) + "\n" + body


def _manifest_id(doc_id: str) -> str:
    """A manifest id (letters, digits, '.', '_', '-') for a doc_id such as ``folder/file~2``."""
    s = re.sub(r"[^A-Za-z0-9_.-]+", "_", doc_id).strip("_.-") or "doc"
    return s if s[0].isalnum() else f"d{s}"


def write_reuse(result: ReuseResult, outdir: str | Path, *, stamp: dict | None = None) -> list[Path]:
    """Write ``pairs.csv``, ``passages.csv``, ``documents.csv`` and ``manifest.yaml`` to ``outdir``."""
    from .stamp import write_sidecar

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in (("pairs", result.pairs), ("passages", result.passages), ("documents", result.documents)):
        p = out / f"{name}.csv"
        df.to_csv(p, index=False, lineterminator="\n")
        written.append(p)
        if stamp is not None:
            written.append(write_sidecar(p, stamp, rows=len(df), candidates=result.candidates))
    m = out / "manifest.yaml"
    m.write_text(draft_manifest(result, out), encoding="utf-8")
    written.append(m)
    if result.errors:
        (out / "errors.json").write_text(json.dumps(result.errors, indent=1) + "\n", encoding="utf-8")
    return written
