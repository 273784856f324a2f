"""A corpus: documents listed in a manifest, related to one original report.

Manifests (YAML or CSV, one entry a document: ``id``, ``file``, ``date``,
``origin``, ``via``...) are read and checked in :mod:`rhetoric.manifest`,
whose docstring lists the fields. Scoring a corpus aligns every document to
the original, labels each paragraph's provenance and distance, and computes
what each retelling changed (:mod:`rhetoric.diff`).

Example:
    >>> corpus = Corpus.from_manifest("data/raqqa/manifest.yaml")  # doctest: +SKIP
    >>> result = corpus.score()  # doctest: +SKIP
    >>> result.paragraphs.groupby("provenance")["certainty"].mean()  # doctest: +SKIP
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .manifest import (
    MANIFEST_FIELDS as _FIELDS,  # noqa: F401 - kept importable from here
)
from .manifest import (
    CorpusDocument,
    ManifestError,
    ManifestWarning,
    check_documents,
    read_manifest,
)
from .provenance import OriginIndex, distance, is_lead_in, provenance_label, text_distance
from .score import Analyzer, Scores
from .text import InputError, read_file
from .voice import Stretch

__all__ = ["Corpus", "CorpusDocument", "CorpusScores", "ManifestError", "ManifestWarning"]
__all__ = ["Corpus", "CorpusDocument", "CorpusScores", "ManifestError", "diff_page", "write_diff_pages"]

METADATA_COLUMNS = [
    "doc_id", "title", "author", "outlet", "date", "url", "is_origin", "reconstructed",
    "via", "hops", "days_after_origin", "source",
]  # fmt: skip
PROVENANCE_COLUMNS = [
    "provenance",
    "origin_overlap",
    "origin_para",
    "origin_passage",
    "text_distance",
    "distance",
    "distance_note",
]


@dataclass
class CorpusScores:
    """Scores of a whole corpus.

    Attributes:
        paragraphs: the core paragraph table, with each document's metadata,
            a ``source`` column (its file) and the provenance columns.
        spans: the core span table, with the metadata and ``provenance``.
        documents: one row per manifest entry (files or not).
        changes: what each document changed in the cues of the original it
            reproduces, one row a change (see :mod:`rhetoric.diff`), with the
            paragraph's ``provenance`` and the document's metadata.
        stretches: one row per paragraph aligned to the original: where the
            aligned stretch sits on both sides and its words (the reproduced
            words that the change rates divide by).
    """

    paragraphs: pd.DataFrame
    spans: pd.DataFrame
    documents: pd.DataFrame
    changes: pd.DataFrame = field(default_factory=pd.DataFrame)
    stretches: pd.DataFrame = field(default_factory=pd.DataFrame)


class Corpus:
    """Documents from a manifest and how they relate to the original report."""

    def __init__(
        self,
        documents: list[CorpusDocument],
        *,
        name: str = "",
        description: str = "",
        manifest: Path | None = None,
    ) -> None:
        self.documents = documents
        self.name = name
        self.description = description
        self.manifest = manifest
        self._check()
        self.hops = self._hops()

    # -- loading ----------------------------------------------------------------

    @classmethod
    def from_manifest(
        cls,
        path: str | Path,
        *,
        allow_roots: list[str | Path] | tuple[str | Path, ...] = (),
        warnings: list[str] | None = None,
    ) -> Corpus:
        """Load a YAML or CSV manifest (read and checked by :func:`rhetoric.manifest.read_manifest`).

        Args:
            allow_roots: folders besides the manifest's own that listed files
                may sit in; by default a file outside it (``../``, an absolute
                path, a symbolic link out) is refused.
            warnings: where to append warnings (an origin with no file);
                ``None`` issues each as a :class:`~rhetoric.manifest.ManifestWarning`.

        Raises:
            ManifestError: unreadable or malformed manifest, a missing file,
                a duplicate id, an unknown or missing origin, a cycle in ``via``.
        """
        p = Path(path)
        docs, meta = read_manifest(p, allow_roots=allow_roots, warnings=warnings)
        return cls(
            docs,
            name=str(meta.get("name") or p.stem),
            description=str(meta.get("description") or ""),
            manifest=p,
        )

    # -- relations ---------------------------------------------------------------

    def _where(self) -> str:
        return str(self.manifest) if self.manifest else "corpus"

    def _check(self) -> None:
        check_documents(self.documents, self._where())

    def _hops(self) -> dict[str, int]:
        """Shortest number of hand-overs from the original to each document."""
        children: dict[str, list[str]] = {d.id: [] for d in self.documents}
        for d in self.documents:
            for v in d.via:
                children[v].append(d.id)
        hops = {self.origin.id: 0}
        queue = deque([self.origin.id])
        while queue:
            i = queue.popleft()
            for c in children[i]:
                if c not in hops:
                    hops[c] = hops[i] + 1
                    queue.append(c)
        return hops

    @property
    def origin(self) -> CorpusDocument:
        """The original report."""
        return next(d for d in self.documents if d.origin)

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self):
        return iter(self.documents)

    def documents_frame(self) -> pd.DataFrame:
        """One row per manifest entry: metadata, hops and days after the original."""
        o = self.origin.date
        rows = []
        for d in self.documents:
            days = (d.date - o).days if d.date and o else None
            rows.append({
                "doc_id": d.id, "title": d.title, "author": d.author, "outlet": d.outlet,
                "date": pd.Timestamp(d.date) if d.date else pd.NaT, "url": d.url, "is_origin": d.origin,
                "reconstructed": d.reconstructed, "via": ";".join(d.via), "hops": self.hops[d.id],
                "days_after_origin": float(days) if days is not None else float("nan"),
                "source": str(d.file) if d.file else "",
            })  # fmt: skip
        return pd.DataFrame(rows, columns=METADATA_COLUMNS)

    # -- scoring -----------------------------------------------------------------

    def score(
        self,
        analyzer: Analyzer | None = None,
        *,
        progress: bool = False,
        n_process: int = 1,
        warnings: list[str] | None = None,
    ) -> CorpusScores:
        """Score every document with a file and label each paragraph's provenance.

        Args:
            analyzer: a loaded :class:`~rhetoric.Analyzer` (one is made if ``None``).
            progress: show a progress bar on stderr.
            n_process: processes for the parser.
            warnings: where to append what reading the files noticed (lines
                decoded as Windows-1252), each naming its document.

        Raises:
            InputError: a listed file cannot be read (named in the message).
            ManifestError: no document names a file.
        """
        docs = [d for d in self.documents if d.file]
        if not docs:
            raise ManifestError(f"{self._where()}: no document names a file: there is nothing to score")
        analyzer = analyzer or Analyzer()
        texts = []
        for d in docs:
            try:
                texts.append(read_file(d.file, d.id))
            except InputError as e:
                raise InputError(f"{self._where()}: document {d.id!r}: {e}") from None
            if warnings is not None:
                warnings.extend(f"{self._where()}: document {d.id!r}: {w}" for w in texts[-1].warnings)
        # Align every derived paragraph to the original before scoring: the aligned stretches
        # are the original's words, not the author's (voice basis aligned_origin).
        origin_doc = next((t for t in texts if t.doc_id == self.origin.id), None)
        index, origin_paras, alignments = None, [], {}
        if origin_doc is not None:
            kept = [p for p in origin_doc.paragraphs if p.kind != "boilerplate"]
            index, origin_paras = OriginIndex([p.text for p in kept]), [p.index for p in kept]
            for t in texts:
                if t.doc_id != self.origin.id:
                    alignments[t.doc_id] = {
                        p.index: index.align(p.text) for p in t.paragraphs if p.kind != "boilerplate"
                    }
        extra = {
            doc_id: {i: [Stretch(s, e, "aligned_origin") for s, e in a.blocks] for i, a in al.items() if a.blocks}
            for doc_id, al in alignments.items()
        }
        results = analyzer.score_many(texts, n_process=n_process, extra_voice=extra)
        if progress:
            from tqdm import tqdm

            results = tqdm(results, total=len(texts), unit="doc", desc="scoring")
        scored: list[Scores] = list(results)
        origin = next((s for s in scored if s.doc_id == self.origin.id), None)
        meta = self.documents_frame()
        paras, spans = [], []
        for s in scored:
            p = self._provenance(s, alignments.get(s.doc_id, {}), origin_paras, meta)
            sp = s.spans
            if s.doc_id != self.origin.id:
                p, sp = _other_is_quoted(p, sp)
            paras.append(p)
            spans.append(sp.merge(p[["para", "provenance"]], on="para", how="left"))
        paragraphs = pd.concat(paras, ignore_index=True) if paras else pd.DataFrame()
        span_table = pd.concat(spans, ignore_index=True) if spans else pd.DataFrame()
        changes, stretches = self._changes(scored, origin, index, origin_paras, paras)
        if len(paragraphs):
            paragraphs = paragraphs.merge(meta, on="doc_id", how="left")
            span_table = span_table.merge(meta, on="doc_id", how="left")
            changes = changes.merge(meta, on="doc_id", how="left")
        return CorpusScores(paragraphs, span_table, meta, changes, stretches)

    def _changes(
        self,
        scored: list[Scores],
        origin: Scores | None,
        index: OriginIndex | None,
        origin_paras: list[int],
        paras: list[pd.DataFrame],
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The certainty diff of every document against the original (see :mod:`rhetoric.diff`)."""
        from .diff import CHANGE_COLUMNS, STRETCH_COLUMNS, diff_scores

        changes, stretches = [], []
        if origin is not None and index is not None:
            for s, p in zip(scored, paras, strict=True):
                if s.doc_id == origin.doc_id:
                    continue
                d = diff_scores(origin, s, index=index, origin_paras=origin_paras)
                changes.append(d.changes.merge(p[["para", "provenance"]], on="para", how="left"))
                stretches.append(d.stretches.merge(p[["para", "provenance"]], on="para", how="left"))
        if not changes:
            return (
                pd.DataFrame(columns=[*CHANGE_COLUMNS, "provenance"]),
                pd.DataFrame(columns=[*STRETCH_COLUMNS, "provenance"]),
            )
        return pd.concat(changes, ignore_index=True), pd.concat(stretches, ignore_index=True)

    def _provenance(
        self, s: Scores, alignments: dict, origin_paras: list[int], meta: pd.DataFrame
    ) -> pd.DataFrame:
        p = s.paragraphs.copy()
        row = meta.loc[meta["doc_id"] == s.doc_id].iloc[0]
        hops = int(row["hops"])
        days = row["days_after_origin"]
        is_origin = s.doc_id == self.origin.id
        labels, overlaps, oparas, passages, tds, dists = [], [], [], [], [], []
        prev_lead_in = False
        for r in p.itertuples():
            if is_origin and r.kind != "boilerplate":
                overlap, opara, passage = 1.0, r.para, r.text
            elif r.para in alignments:
                a = alignments[r.para]
                # The origin's own paragraph number, as in its rows of the paragraph table.
                opara = origin_paras[a.origin_para] if a.origin_para >= 0 else -1
                overlap, passage = a.overlap, a.passage
            else:
                overlap, opara, passage = 0.0, -1, ""
            # words in quotation marks or block quotes: the aligned stretches are scored as
            # quoted too (aligned_origin), but they are what "origin" measures, not "other"
            marked = r.quoted_words - r.inferred_quoted_words
            quoted_share = marked / r.words if r.words else 0.0
            label = provenance_label(r.kind, overlap, quoted_share, bool(r.blockquote), prev_lead_in)
            if is_origin and label != "boilerplate":
                label = "origin"
            no_words = label != "boilerplate" and not r.words
            if no_words and labels and labels[-1] != "boilerplate":
                label = labels[-1]  # an elision mark ("...") belongs to the passage around it
            prev_lead_in = r.kind != "boilerplate" and is_lead_in(r.text)
            labels.append(label)
            overlaps.append(overlap)
            oparas.append(opara)
            passages.append(passage if label != "boilerplate" else "")
            tds.append(text_distance(label, overlap))
            scored = label != "boilerplate" and not no_words
            dists.append(
                distance(label, overlap, hops, None if pd.isna(days) else float(days))
                if scored
                else float("nan")
            )
        p["provenance"] = labels
        p["origin_overlap"] = overlaps
        p["origin_para"] = oparas
        p["origin_passage"] = passages
        p["text_distance"] = tds
        p["distance"] = dists
        p["distance_note"] = "" if not pd.isna(days) else "date unknown: time not counted"
        return p


def _other_is_quoted(p: pd.DataFrame, spans: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An ``other`` paragraph quotes another source: none of its words or cues are the author's.

    Its author cues move to the quoted voice (basis ``aligned_other``), its
    words to ``quoted_words`` (and ``inferred_quoted_words`` where no quote
    mark said so), and its author counts, weights and rates to zero.
    """
    other = set(p.loc[p["provenance"] == "other", "para"])
    if not other:
        return p, spans
    spans = spans.copy()
    move = spans["para"].isin(other) & (spans["voice"] == "author") & (spans["rule"] != "quotation")
    spans.loc[move, "voice"] = "quoted"
    spans.loc[move, "voice_basis"] = "aligned_other"
    p = p.copy()
    rows = p["para"].isin(other)
    from .score import sourced_by_author

    own = sourced_by_author(spans["voice"], spans["rule"], spans["voice_basis"])
    counted = spans[spans["para"].isin(other) & spans["counted"] & (spans["voice"] == "quoted")]
    for cat, plural in (("hedge", "hedges"), ("absolute", "absolutes"), ("emotive", "emotive"), ("source", "sources")):
        in_cat = counted[counted["category"] == cat]
        if cat == "source":
            in_cat = in_cat[~own.loc[in_cat.index]]  # the author's quotations stay the author's sourcing
        n = in_cat.groupby("para").size()
        p.loc[rows, f"{plural}_quoted"] = p.loc[rows, "para"].map(n).fillna(0).astype(int).values
        if cat != "source":
            p.loc[rows, plural] = 0
    src = spans[spans["para"].isin(other) & spans["counted"] & own & (spans["category"] == "source")]
    p.loc[rows, "sources"] = p.loc[rows, "para"].map(src.groupby("para").size()).fillna(0).astype(int).values
    p.loc[rows, "inferred_quoted_words"] += p.loc[rows, "words"] - p.loc[rows, "quoted_words"]
    p.loc[rows, "quoted_words"] = p.loc[rows, "words"]
    p.loc[rows, "author_words"] = 0
    p.loc[rows, ["hedge_weight", "absolute_weight", "certainty"]] = 0.0
    p.loc[rows, ["hedges_per_100", "absolutes_per_100", "emotive_per_100"]] = float("nan")
    words = p.loc[rows, "words"].replace(0, float("nan"))
    p.loc[rows, "sources_per_100"] = 100.0 * p.loc[rows, "sources"] / words
    return p, spans


CHARTS = (
    "measures_by_provenance",
    "certainty_vs_distance",
    "cue_words_by_provenance",
    "chain_over_time",
    "changes_along_chain",
)


TABLES = ("paragraphs", "spans", "documents", "changes", "stretches")


def _diff_docs(result: CorpusScores | None) -> list[str]:
    if result is None or result.stretches is None or not len(result.stretches):
        return []
    return sorted(str(d) for d in set(result.stretches["doc_id"]))


def planned_files(
    *, charts: bool = True, formats: tuple[str, ...] = ("png", "svg", "html"), result: CorpusScores | None = None
) -> list[str]:
    """The files :func:`export` writes, relative to its folder, in the order it writes them."""
    out = [f"{name}.{ext}" for name in TABLES for ext in ("csv", "parquet")]
    out += [f"diff/{d}.html" for d in _diff_docs(result)]
    if charts:
        out += [f"charts/{name}.{fmt}" for name in CHARTS for fmt in formats]
    return out


def export(
    result: CorpusScores,
    outdir: str | Path,
    *,
    charts: bool = True,
    formats: tuple[str, ...] = ("png", "svg", "html"),
    stamp: dict | None = None,
) -> list[Path]:
    """Write a corpus's tables (CSV and Parquet), diff pages and charts (PNG, SVG, offline HTML) to ``outdir``.

    The tables are ``paragraphs``, ``spans``, ``documents``, ``changes`` and
    ``stretches``; ``diff/<doc_id>.html`` is the side-by-side page of what
    each document changed in the original (see :mod:`rhetoric.diffpage`).

    Each file is written to a temporary file beside it and renamed when
    complete, and a ``COMPLETE`` marker listing the files is written last (an
    old one is removed first): a folder without it is not a finished export.
    CSV text cells that a spreadsheet would run as a formula get an
    apostrophe (:func:`rhetoric.outputs.neutralise_formulas`); the Parquet
    tables keep every text as it is.

    Args:
        stamp: what made the tables (:func:`rhetoric.stamp.made_by`): written
            into each Parquet file's metadata and beside each CSV as ``FILE.meta.json``.

    Returns:
        The files written (the marker, written after them, is not listed).

    Raises:
        rhetoric.outputs.Interrupted: Ctrl-C; it says which files were not written.
        rhetoric.outputs.OutputError: the folder cannot be written.
    """
    from . import charts as ch
    from .outputs import OutputFolder, neutralise_formulas

    planned = planned_files(charts=charts, formats=formats, result=result)
    if stamp is not None:
        planned += [f"{name}.csv.meta.json" for name in TABLES]
    folder = OutputFolder(outdir, planned)
    tables = (result.paragraphs, result.spans, result.documents, result.changes, result.stretches)
    try:
        for name, df in zip(TABLES, tables, strict=True):
            with folder.target(f"{name}.csv") as tmp:
                neutralise_formulas(df).to_csv(tmp, index=False)
            with folder.target(f"{name}.parquet") as tmp:
                _write_parquet(df, tmp, stamp)
            if stamp is not None:
                import json

                with folder.target(f"{name}.csv.meta.json") as tmp:
                    Path(tmp).write_text(
                        json.dumps({**stamp, "rows": len(df)}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
                    )
        for doc_id in _diff_docs(result):
            with folder.target(f"diff/{doc_id}.html") as tmp:
                Path(tmp).write_text(diff_page(result, doc_id), encoding="utf-8")
        if charts:
            import altair as alt

            made = {
                "measures_by_provenance": lambda: ch.measures_by_provenance(result.paragraphs),
                "certainty_vs_distance": lambda: ch.certainty_vs_distance(result.paragraphs),
                "cue_words_by_provenance": lambda: ch.cue_words_by_provenance(result.spans),
                "chain_over_time": lambda: ch.chain_over_time(result.paragraphs, result.documents),
                "changes_along_chain": lambda: ch.changes_along_chain(
                    result.changes, result.stretches, result.documents
                ),
            }
            with alt.data_transformers.disable_max_rows():
                for name in CHARTS:
                    chart = made[name]()
                    for fmt in formats:
                        with folder.target(f"charts/{name}.{fmt}") as tmp:
                            ch.save_chart(chart, tmp)
        folder.finish()
    except KeyboardInterrupt:
        raise folder.interrupted() from None
    return [folder.path / n for n in folder.written]


def _write_parquet(df: pd.DataFrame, path, stamp: dict | None) -> None:
    """A table as Parquet, with what made it in the file's key-value metadata when ``stamp`` is given."""
    if stamp is None:
        df.to_parquet(path, index=False)
        return
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from .stamp import METADATA_KEY

    table = pa.Table.from_pandas(df, preserve_index=False)
    meta = {**(table.schema.metadata or {}), METADATA_KEY: json.dumps(stamp).encode()}
    pq.write_table(table.replace_schema_metadata(meta), path)


def diff_page(result: CorpusScores, doc_id: str, *, marks: bool = True) -> str:
    """The side-by-side diff page of one document against the original (see :mod:`rhetoric.diffpage`).

    Args:
        result: a scored corpus.
        doc_id: a document that reproduces some of the original.
        marks: ``False`` gives the page with no marks or counts: an exercise
            ("find what changed").
    """
    from .diffpage import render_diff_html, to_diff_dict

    docs = result.documents
    origin_id = str(docs.loc[docs["is_origin"].astype(bool), "doc_id"].iloc[0])
    p = result.paragraphs
    mine, orig = p[p["doc_id"] == doc_id], p[p["doc_id"] == origin_id]
    titles = dict(zip(docs["doc_id"], docs["title"], strict=True))
    title = doc_id + (f" ({titles[doc_id]})" if titles.get(doc_id) else "")
    data = to_diff_dict(
        result.changes[result.changes["doc_id"] == doc_id],
        result.stretches[result.stretches["doc_id"] == doc_id],
        dict(zip(mine["para"], mine["text"], strict=True)),
        dict(zip(orig["para"], orig["text"], strict=True)),
        doc_id=doc_id,
        title=title,
        origin_title=f"{origin_id} ({titles.get(origin_id) or 'the original'})",
    )
    return render_diff_html(data, marks=marks)


def write_diff_pages(result: CorpusScores, outdir: str | Path) -> list[Path]:
    """One side-by-side diff page per document that reproduces the original: ``outdir/<doc_id>.html``."""
    out = Path(outdir)
    if result.stretches is None or not len(result.stretches):
        return []
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for doc_id in sorted(set(result.stretches["doc_id"])):
        path = out / f"{doc_id}.html"
        path.write_text(diff_page(result, str(doc_id)), encoding="utf-8")
        written.append(path)
    return written
