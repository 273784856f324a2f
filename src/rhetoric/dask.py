"""Scoring an archive on a Dask cluster (``dask.distributed``).

The documents are cut into partitions of ``partition_size`` files, in the
order the single-process path reads them (folders walked in sorted order);
each partition is one task that reads its files on the worker, scores them
with :meth:`rhetoric.Analyzer.score_many` and returns the paragraph and span
tables. The model loads once per worker process (a worker-local cache keyed
by the scoring options), so a task costs the parse, not the load.

Two ways out:

* :func:`score` returns the two tables as lazy Dask DataFrames;
* :func:`write_parquet` writes them as a partitioned Parquet dataset,
  ``DIR/paragraphs/part-NNNNN.parquet`` and ``DIR/spans/part-NNNNN.parquet``,
  which pandas, Dask, DuckDB and Spark read as they are. Each file is written
  to a hidden temporary name and renamed into place (atomic on one file
  system), and a completion marker (``DIR/_rhetoric/done/part-NNNNN.json``) is
  written last; a rerun with ``resume=True`` skips every partition that has
  its marker. A worker killed mid-task loses nothing: the scheduler runs the
  task again elsewhere and the rename makes the second write replace, never
  add to, the first.

Memory per worker stays flat however long the run: each partition is scored
inside spaCy's ``memory_zone``, which frees the strings a partition's new
words added to the vocabulary, and the scorer's per-lemma cache is emptied
when it grows past :data:`LEMMA_CACHE_MAX` entries.

Example:
    >>> from distributed import Client  # doctest: +SKIP
    >>> client = Client(n_workers=2, threads_per_worker=1)  # doctest: +SKIP
    >>> paragraphs, spans = rhetoric.dask.score(["archive/"], client)  # doctest: +SKIP
    >>> paragraphs.groupby("doc_id")["certainty"].mean().compute()  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = [
    "score",
    "write_parquet",
    "plan_documents",
    "ScoreOptions",
    "FileItem",
    "WriteReport",
    "DatasetError",
    "local_client",
    "PARTITION_SIZE",
]

PARTITION_SIZE = 64  # documents per task: big enough to amortise a task's overhead, small enough to resume
LEMMA_CACHE_MAX = 200_000  # the scorer's per-lemma cache grows with the vocabulary; bounded here
_SAMPLE = "It may rain. “Obviously they lied,” the BBC said."  # scores to the tables' column types
_WIDTH = 5  # digits of a partition number in file names (more when needed)


class DatasetError(RuntimeError):
    """An output folder that cannot be written or resumed; the message says why and what to do."""


@dataclass(frozen=True)
class FileItem:
    """One file to score on a worker, with the doc_id the single-process path gives it."""

    path: str
    doc_id: str


@dataclass(frozen=True)
class ScoreOptions:
    """What the scorer on each worker is built with (picklable, hashable)."""

    model: str | None = None
    lexicon: object = None  # a Lexicon (read on the client, so workers need not see the file) or None
    ner: bool = False
    readability: bool = True
    batch_size: int = 32
    encoding: str | None = None
    lexicon_file: str = ""

    def key(self) -> tuple:
        from .stamp import lexicon_hash

        return (self.model, lexicon_hash(self.lexicon), self.ner, self.readability)

    def describe(self) -> dict:
        return {
            "model": self.model or "default",
            "ner": self.ner,
            "readability": self.readability,
            "batch_size": self.batch_size,
            "encoding": self.encoding or "auto",
            "lexicon_file": self.lexicon_file,
        }


def _options(model=None, lexicon=None, *, ner=False, readability=True, batch_size=32, encoding=None):
    from .lexicon import Lexicon

    lex_file = str(lexicon) if isinstance(lexicon, (str, Path)) else ""
    lex = Lexicon.coerce(lexicon) if lexicon is not None else None
    return ScoreOptions(model, lex, ner, readability, batch_size, encoding, lex_file)


# ----------------------------------------------------------------------------
# On the worker: one scorer per process, and one partition at a time
# ----------------------------------------------------------------------------

_ANALYZERS: dict[tuple, object] = {}
_LOCK = threading.Lock()
LOADS: dict[tuple, int] = {}  # how many times this process loaded a model, per options (tests read it)


def _analyzer(opts: ScoreOptions):
    """The worker's scorer for ``opts``, loaded on first use and kept for the process's life."""
    key = opts.key()
    with _LOCK:
        a = _ANALYZERS.get(key)
        if a is None:
            from .score import Analyzer

            a = Analyzer(opts.model, opts.lexicon, ner=opts.ner, readability=opts.readability)
            _ANALYZERS[key] = a
            LOADS[key] = LOADS.get(key, 0) + 1
        return a


def _trim(analyzer) -> None:
    # CueMatcher caches a key per distinct lemma; on text with ever-new words it
    # would grow without end. Emptying it costs one re-computation per lemma.
    cache = getattr(getattr(analyzer, "matcher", None), "_lemma_key", None)
    if isinstance(cache, dict) and len(cache) > LEMMA_CACHE_MAX:
        cache.clear()


def score_partition(items: Iterable, opts: ScoreOptions):
    """Score one partition on a worker: ``(paragraphs, spans, errors)``.

    Args:
        items: :class:`FileItem` (read here, on the worker), or anything
            :meth:`~rhetoric.Analyzer.score_many` takes.
        opts: the scoring options.

    A file that cannot be read is left out of the tables and its message is
    returned in ``errors``, as the single-process CLI reports it on stderr.
    """
    from .score import concat
    from .text import InputError, read_file

    analyzer = _analyzer(opts)
    docs, errors = [], []
    for item in items:
        if isinstance(item, FileItem):
            try:
                docs.append(read_file(item.path, item.doc_id, encoding=opts.encoding))
            except InputError as e:
                errors.append(str(e))
        else:
            docs.append(item)
    zone = getattr(analyzer.nlp, "memory_zone", None)
    with zone() if zone else contextlib.nullcontext():
        paragraphs, spans = concat(analyzer.score_many(docs, batch_size=opts.batch_size))
    _trim(analyzer)
    meta_p, meta_s = _meta_local(opts)
    return _conform(paragraphs, meta_p), _conform(spans, meta_s), errors


_META: dict[tuple, tuple] = {}


def _meta_local(opts: ScoreOptions):
    """Empty tables with the column types the scorer produces (scored once per process)."""
    key = opts.key()
    if key not in _META:
        from .score import concat
        from .text import read_document

        a = _analyzer(opts)
        p, s = concat(a.score_many([read_document(_SAMPLE, "sample")]))
        _META[key] = (p.iloc[:0].copy(), s.iloc[:0].copy())
    return _META[key]


def _conform(df, meta):
    """Give a partition the meta's column order and types (an empty one has object columns)."""
    df = df.reindex(columns=list(meta.columns))
    return df.astype(meta.dtypes.to_dict()).reset_index(drop=True)


# ----------------------------------------------------------------------------
# On the client: planning, the DataFrames, the Parquet dataset
# ----------------------------------------------------------------------------


def plan_documents(paths: Iterable[str | Path]) -> list[FileItem]:
    """The files under ``paths`` with the doc_ids ``rhetoric score`` gives them, in its order.

    A file's id is its name without the suffix; inside a folder, its path below
    the folder; a repeated id gets ``~2``, ``~3``... (as :func:`rhetoric.cli.iter_documents`).

    Raises:
        InputError: a path that does not exist, a folder with no text file, or ``-``.
    """
    from .text import InputError, expand_paths

    seen: dict[str, int] = {}
    out = []
    for raw in paths:
        if str(raw) == "-":
            raise InputError("-: standard input cannot be split across workers; pass files or folders")
        base = Path(raw)
        for p in expand_paths([raw]):
            doc_id = p.relative_to(base).with_suffix("").as_posix() if base.is_dir() else p.stem
            n = seen.get(doc_id, 0) + 1
            seen[doc_id] = n
            out.append(FileItem(str(p.resolve()), doc_id if n == 1 else f"{doc_id}~{n}"))
    return out


def _chunks(items: list, size: int) -> list[list]:
    if size < 1:
        raise ValueError(f"partition_size must be at least 1, not {size}")
    return [items[i : i + size] for i in range(0, len(items), size)]


def _default_client(client):
    if client is not None:
        return client
    try:
        from distributed import default_client

        return default_client()
    except (ImportError, ValueError):
        return None


def _meta(opts: ScoreOptions, client):
    client = _default_client(client)
    if client is None:
        return _meta_local(opts)
    return client.submit(_meta_local, opts, pure=False).result()


def score(
    paths_or_bag,
    client=None,
    *,
    model: str | None = None,
    lexicon=None,
    ner: bool = False,
    readability: bool = True,
    partition_size: int = PARTITION_SIZE,
    batch_size: int = 32,
    encoding: str | None = None,
):
    """Score many documents on Dask: the paragraph and span tables as Dask DataFrames.

    Args:
        paths_or_bag: files and folders (a folder means every text file under
            it), or a ``dask.bag.Bag`` of anything :meth:`rhetoric.Analyzer.score_many`
            takes (strings, ``(text, doc_id)`` pairs, Documents, Paths).
        client: a ``distributed.Client``; ``None`` uses the current one if
            there is one, else Dask's local scheduler. The returned frames are
            lazy: ``.compute()``, ``.to_parquet()`` and friends run them on
            the current client.
        model, lexicon, ner, readability, batch_size, encoding: as for
            :class:`rhetoric.Analyzer` and ``rhetoric score``.
        partition_size: documents per partition (per task), for paths.

    Returns:
        ``(paragraphs, spans)``, one Dask partition per partition of documents,
        in input order (compute them together, ``dask.compute(paragraphs, spans)``,
        and each partition is scored once); computed, they equal ``rhetoric.concat(Analyzer().score_many(...))``
        row for row. A file that cannot be read raises :class:`~rhetoric.InputError`
        when its partition is computed (``rhetoric score`` reports and skips it instead).

    Example:
        >>> paragraphs, spans = score(["data/raqqa"], client)  # doctest: +SKIP
        >>> paragraphs[paragraphs.kind == "body"].certainty.mean().compute()  # doctest: +SKIP
    """
    import dask
    import dask.dataframe as dd

    opts = _options(
        model, lexicon, ner=ner, readability=readability, batch_size=batch_size, encoding=encoding
    )
    if hasattr(paths_or_bag, "to_delayed") and hasattr(paths_or_bag, "map_partitions"):
        parts = [dask.delayed(_strict_partition)(p, opts) for p in paths_or_bag.to_delayed()]
    else:
        if isinstance(paths_or_bag, (str, Path)):
            paths_or_bag = [paths_or_bag]
        plan = plan_documents(paths_or_bag)
        parts = [dask.delayed(_strict_partition)(chunk, opts) for chunk in _chunks(plan, partition_size)]
    meta_p, meta_s = _meta(opts, client)
    if not parts:
        return dd.from_pandas(meta_p, npartitions=1), dd.from_pandas(meta_s, npartitions=1)
    paragraphs = dd.from_delayed([p[0] for p in parts], meta=meta_p, verify_meta=False)
    spans = dd.from_delayed([p[1] for p in parts], meta=meta_s, verify_meta=False)
    return paragraphs, spans


def _strict_partition(items, opts: ScoreOptions):
    from .text import InputError

    paragraphs, spans, errors = score_partition(list(items), opts)
    if errors:
        raise InputError("; ".join(errors))
    return paragraphs, spans


# -- the Parquet dataset -------------------------------------------------------


@dataclass
class WriteReport:
    """What :func:`write_parquet` did."""

    outdir: Path
    partitions: int
    written: int
    skipped: int
    documents: int
    paragraph_rows: int
    span_rows: int
    errors: list[str] = field(default_factory=list)


def _job_fingerprint(plan: list[FileItem], partition_size: int, stamp: dict) -> str:
    h = hashlib.sha256()
    h.update(json.dumps([partition_size, stamp["rhetoric_version"], stamp["lexicon_sha256"],
                         stamp["options"]], sort_keys=True).encode())  # fmt: skip
    for item in plan:
        h.update(f"{item.path}\0{item.doc_id}\n".encode())
    return h.hexdigest()


def _name(k: int, n: int) -> str:
    return f"part-{k:0{max(_WIDTH, len(str(max(n - 1, 0))))}d}"


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a hidden temporary file in the same folder, then rename into place."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_partition(k: int, n: int, items: list, opts: ScoreOptions, outdir: str, stamp: dict) -> dict:
    """Score partition ``k`` of ``n`` and write its two Parquet files, then its marker (runs on a worker)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    paragraphs, spans, errors = score_partition(items, opts)
    out = Path(outdir)
    name = _name(k, n)
    model = _analyzer(opts).nlp
    from .stamp import model_info

    kv = json.dumps({**stamp, "model": model_info(model)}, ensure_ascii=False).encode()
    for table, df in (("paragraphs", paragraphs), ("spans", spans)):
        t = pa.Table.from_pandas(df, preserve_index=False)
        t = t.replace_schema_metadata({**(t.schema.metadata or {}), b"rhetoric": kv})
        _atomic_write(out / table / f"{name}.parquet", lambda tmp, t=t: pq.write_table(t, tmp))
    marker = {
        "partition": k,
        "documents": [i.doc_id for i in items],
        "paragraph_rows": len(paragraphs),
        "span_rows": len(spans),
        "errors": errors,
    }
    _atomic_write(
        out / "_rhetoric" / "done" / f"{name}.json",
        lambda tmp: tmp.write_text(json.dumps(marker) + "\n", encoding="utf-8"),
    )
    return marker


def _done(outdir: Path, k: int, n: int) -> dict | None:
    p = outdir / "_rhetoric" / "done" / f"{_name(k, n)}.json"
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def write_parquet(
    paths: Iterable[str | Path],
    outdir: str | Path,
    client=None,
    *,
    resume: bool = False,
    progress: bool = False,
    partition_size: int = PARTITION_SIZE,
    model: str | None = None,
    lexicon=None,
    ner: bool = False,
    readability: bool = True,
    batch_size: int = 32,
    encoding: str | None = None,
    on_partition: Callable[[dict], None] | None = None,
) -> WriteReport:
    """Score ``paths`` and write a partitioned Parquet dataset to ``outdir``.

    Layout: ``outdir/paragraphs/part-NNNNN.parquet``, ``outdir/spans/part-NNNNN.parquet``
    (one file per partition, in input order; every file carries the
    :mod:`rhetoric.stamp` record as key-value metadata ``rhetoric``),
    ``outdir/_rhetoric/`` (the job's description and one marker per finished
    partition) and ``outdir/_SUCCESS`` once every partition is written. Names
    starting with ``_`` or ``.`` are skipped by pandas, Dask, DuckDB and Spark.

    Args:
        paths: files and folders.
        outdir: the dataset folder; on a cluster, a path every worker can write.
        client: a ``distributed.Client``; ``None`` scores in this process.
        resume: continue a run into ``outdir``, skipping partitions already written.
        progress: a progress bar on stderr.
        on_partition: called with each finished partition's marker (on the client).

    Raises:
        DatasetError: ``outdir`` holds another run (without ``resume``), or the
            run to resume was started on other input or with other options.
    """
    from .stamp import made_by

    out = Path(outdir)
    opts = _options(
        model, lexicon, ner=ner, readability=readability, batch_size=batch_size, encoding=encoding
    )
    plan = plan_documents(paths)
    parts = _chunks(plan, partition_size)
    n = len(parts)
    stamp = made_by(lexicon, options={**opts.describe(), "partition_size": partition_size},
                    command="rhetoric score --format parquet")  # fmt: skip
    fingerprint = _job_fingerprint(plan, partition_size, stamp)
    job_file = out / "_rhetoric" / "job.json"
    if out.exists() and any(out.iterdir()):
        if not resume:
            raise DatasetError(
                f"{out}: folder is not empty; pass --resume to continue the run written there, "
                "or choose an empty folder"
            )
        try:
            job = json.loads(job_file.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            raise DatasetError(f"{out}: not a rhetoric dataset ({job_file} missing); cannot resume") from None
        if job.get("fingerprint") != fingerprint:
            raise DatasetError(
                f"{out}: was started on other input or with other options "
                f"({job.get('documents')} documents, partitions of {job.get('partition_size')}, "
                f"options {job.get('options')}); resume only with the same PATHs and options"
            )
    for sub in ("paragraphs", "spans", "_rhetoric/done"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    job_file.write_text(json.dumps({"fingerprint": fingerprint, "documents": len(plan), "partitions": n,
                                    "partition_size": partition_size, "options": stamp["options"],
                                    "made_by": stamp}, indent=2) + "\n", encoding="utf-8")  # fmt: skip
    with contextlib.suppress(FileNotFoundError):
        (out / "_SUCCESS").unlink()
    for tmp in [
        *out.glob("paragraphs/.*.tmp"),
        *out.glob("spans/.*.tmp"),
        *out.glob("_rhetoric/done/.*.tmp"),
    ]:
        tmp.unlink()  # left by a task killed mid-write; its partition has no marker and is redone

    markers: dict[int, dict] = {}
    todo = []
    for k in range(n):
        m = _done(out, k, n) if resume else None
        if m is not None:
            markers[k] = m
        else:
            todo.append(k)
    skipped = len(markers)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=n, initial=skipped, unit="part", desc="scoring", file=sys.stderr)

    def finished(m: dict) -> None:
        markers[m["partition"]] = m
        if bar is not None:
            bar.update(1)
        if on_partition is not None:
            on_partition(m)

    try:
        if client is None:
            for k in todo:
                finished(write_partition(k, n, parts[k], opts, str(out.resolve()), stamp))
        else:
            from distributed import as_completed

            futures = [
                client.submit(
                    write_partition,
                    k,
                    n,
                    parts[k],
                    opts,
                    str(out.resolve()),
                    stamp,
                    key=f"rhetoric-write-{fingerprint[:12]}-{k}",
                    pure=False,
                )  # fmt: skip
                for k in todo
            ]
            try:
                for f in as_completed(futures):
                    finished(f.result())
            except BaseException:
                client.cancel(futures)
                raise
    finally:
        if bar is not None:
            bar.close()
    (out / "_SUCCESS").write_text("", encoding="utf-8")
    errors = [e for k in sorted(markers) for e in markers[k]["errors"]]
    return WriteReport(
        outdir=out,
        partitions=n,
        written=n - skipped,
        skipped=skipped,
        documents=sum(len(m["documents"]) for m in markers.values()),
        paragraph_rows=sum(m["paragraph_rows"] for m in markers.values()),
        span_rows=sum(m["span_rows"] for m in markers.values()),
        errors=errors,
    )


def local_client(n_workers: int):
    """A ``distributed.Client`` on a fresh local cluster of ``n_workers`` processes, one thread each."""
    import logging

    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return Client(cluster)


def connect(address: str):
    """A ``distributed.Client`` on the scheduler at ``address`` (``tcp://host:8786``)."""
    from distributed import Client

    return Client(address)


def options_dict(opts: ScoreOptions) -> dict:
    """The options as plain data (for records and tests)."""
    d = asdict(opts)
    d.pop("lexicon")
    return d
