"""A corpus: documents listed in a manifest, related to one original report.

A manifest is YAML (``documents:`` list) or CSV (one row a document) with
these fields; only ``id`` is required, and every document but the original
needs ``via``:

============== ==============================================================
id             short unique name
file           path relative to the manifest; omit for a document known only
               as a link in the chain (an outlet that relayed the story)
title, author, outlet, url, date_note, note
date           ISO date (``2017-11-13``)
origin         ``true`` for the one original report
via            ids the story reached this document through (YAML list, or
               ``;``-separated in CSV); hops are counted on the shortest path
reconstructed  ``true`` when the file is a reconstruction, not the full text
============== ==============================================================

Example:
    >>> corpus = Corpus.from_manifest("data/raqqa/manifest.yaml")  # doctest: +SKIP
    >>> result = corpus.score()  # doctest: +SKIP
    >>> result.paragraphs.groupby("provenance")["certainty"].mean()  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .provenance import OriginIndex, distance, is_lead_in, provenance_label, text_distance
from .score import Analyzer, Scores
from .text import InputError, read_file

__all__ = ["Corpus", "CorpusDocument", "CorpusScores", "ManifestError"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_FIELDS = (
    "id",
    "file",
    "title",
    "author",
    "outlet",
    "date",
    "date_note",
    "url",
    "origin",
    "via",
    "reconstructed",
    "note",
)
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n", ""}
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


class ManifestError(ValueError):
    """A manifest is malformed; the message names the manifest and the entry."""


@dataclass(frozen=True)
class CorpusDocument:
    """One manifest entry."""

    id: str
    file: Path | None = None
    title: str = ""
    author: str = ""
    outlet: str = ""
    date: dt.date | None = None
    date_note: str = ""
    url: str = ""
    origin: bool = False
    via: tuple[str, ...] = ()
    reconstructed: bool = False
    note: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass
class CorpusScores:
    """Scores of a whole corpus.

    Attributes:
        paragraphs: the core paragraph table, with each document's metadata,
            a ``source`` column (its file) and the provenance columns.
        spans: the core span table, with the metadata and ``provenance``.
        documents: one row per manifest entry (files or not).
    """

    paragraphs: pd.DataFrame
    spans: pd.DataFrame
    documents: pd.DataFrame


def _bool(value, where: str, name: str) -> bool:
    if isinstance(value, bool):
        return value
    s = str(value).strip().lower() if value is not None else ""
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise ManifestError(f"{where}: {name} must be true or false, not {value!r}")


def _date(value, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ManifestError(f"{where}: date {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _via(value, where: str) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        items = [v.strip() for v in re.split(r"[;,]", value)]
    elif isinstance(value, (list, tuple)):
        items = [str(v).strip() for v in value]
    else:
        raise ManifestError(f"{where}: via must be a list of ids, not {value!r}")
    return tuple(v for v in items if v)


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
    def from_manifest(cls, path: str | Path) -> Corpus:
        """Load a YAML or CSV manifest.

        Raises:
            ManifestError: unreadable or malformed manifest, a missing file,
                a duplicate id, an unknown or missing origin, a cycle in ``via``.
        """
        p = Path(path)
        if not p.is_file():
            raise ManifestError(f"{p}: no such manifest file")
        suffix = p.suffix.lower()
        try:
            text = p.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as e:
            raise ManifestError(f"{p}: not valid UTF-8 (byte {e.start})") from None
        if suffix in (".yaml", ".yml"):
            rows, meta = cls._yaml_rows(text, p)
        elif suffix in (".csv", ".tsv"):
            rows, meta = cls._csv_rows(text, p, "\t" if suffix == ".tsv" else ",")
        else:
            raise ManifestError(f"{p}: a manifest is .yaml, .yml, .csv or .tsv, not {suffix or 'no suffix'}")
        docs = [cls._entry(row, f"{p} {where}", p.parent) for where, row in rows]
        return cls(
            docs,
            name=str(meta.get("name") or p.stem),
            description=str(meta.get("description") or ""),
            manifest=p,
        )

    @staticmethod
    def _yaml_rows(text: str, p: Path):
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = f":{mark.line + 1}" if mark else ""
            raise ManifestError(f"{p}{where}: not valid YAML ({getattr(e, 'problem', e)})") from None
        if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
            raise ManifestError(f"{p}: expected a mapping with a 'documents:' list")
        rows = []
        for i, row in enumerate(data["documents"]):
            if not isinstance(row, dict):
                raise ManifestError(
                    f"{p} documents[{i}]: each document is a mapping of fields, not {type(row).__name__}"
                )
            rows.append((f"documents[{i}] (id {row.get('id', '?')!r})", row))
        return rows, data

    @staticmethod
    def _csv_rows(text: str, p: Path, delimiter: str):
        reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
        if not reader.fieldnames or "id" not in [f.strip() for f in reader.fieldnames]:
            raise ManifestError(f"{p}:1: the header needs an 'id' column (columns: {', '.join(_FIELDS)})")
        rows = []
        for i, row in enumerate(reader, start=2):
            if None in row:
                raise ManifestError(f"{p}:{i}: more fields than the header has")
            rows.append(
                (
                    f"line {i} (id {row.get('id', '?')!r})",
                    {k.strip(): (v or "").strip() for k, v in row.items()},
                )
            )
        return rows, {}

    @staticmethod
    def _entry(row: dict, where: str, root: Path) -> CorpusDocument:
        doc_id = str(row.get("id") or "").strip()
        if not doc_id:
            raise ManifestError(f"{where}: missing id")
        if not _ID.match(doc_id):
            raise ManifestError(f"{where}: id {doc_id!r} may hold only letters, digits, '.', '_' and '-'")
        file = row.get("file") or None
        path = None
        if file:
            path = Path(str(file))
            if not path.is_absolute():
                path = root / path
            if not path.is_file():
                raise ManifestError(f"{where}: file {str(file)!r} does not exist (looked for {path})")
        extra = {k: v for k, v in row.items() if k not in _FIELDS}
        return CorpusDocument(
            id=doc_id,
            file=path,
            title=str(row.get("title") or ""),
            author=str(row.get("author") or ""),
            outlet=str(row.get("outlet") or ""),
            date=_date(row.get("date"), where),
            date_note=str(row.get("date_note") or ""),
            url=str(row.get("url") or ""),
            origin=_bool(row.get("origin"), where, "origin"),
            via=_via(row.get("via"), where),
            reconstructed=_bool(row.get("reconstructed"), where, "reconstructed"),
            note=str(row.get("note") or ""),
            extra=extra,
        )

    # -- relations ---------------------------------------------------------------

    def _where(self) -> str:
        return str(self.manifest) if self.manifest else "corpus"

    def _check(self) -> None:
        seen: set[str] = set()
        for d in self.documents:
            if d.id in seen:
                raise ManifestError(f"{self._where()}: duplicate id {d.id!r}")
            seen.add(d.id)
        origins = [d.id for d in self.documents if d.origin]
        if not origins:
            raise ManifestError(
                f"{self._where()}: no document is marked 'origin: true' (the original report)"
            )
        if len(origins) > 1:
            raise ManifestError(
                f"{self._where()}: only one original report is allowed, found {', '.join(origins)}"
            )
        for d in self.documents:
            for v in d.via:
                if v not in seen:
                    raise ManifestError(
                        f"{self._where()}: {d.id!r} came via {v!r}, which is not in the manifest (unknown origin)"
                    )
                if v == d.id:
                    raise ManifestError(f"{self._where()}: {d.id!r} lists itself in via (a cycle)")
            if d.origin and d.via:
                raise ManifestError(f"{self._where()}: the original {d.id!r} cannot have a via")
            if not d.origin and not d.via:
                raise ManifestError(
                    f"{self._where()}: {d.id!r} does not say how it reached the original (via: [...])"
                )
        # A cycle: a document whose via chain never reaches the origin.
        by_id = {d.id: d for d in self.documents}
        state: dict[str, int] = {}

        def visit(i: str, path: list[str]) -> None:
            if state.get(i) == 2:
                return
            if state.get(i) == 1:
                cycle = path[path.index(i) :] + [i]
                raise ManifestError(f"{self._where()}: a cycle in the relations: {' -> '.join(cycle)}")
            state[i] = 1
            for v in by_id[i].via:
                visit(v, path + [i])
            state[i] = 2

        for d in self.documents:
            visit(d.id, [])

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
        self, analyzer: Analyzer | None = None, *, progress: bool = False, n_process: int = 1
    ) -> CorpusScores:
        """Score every document with a file and label each paragraph's provenance.

        Args:
            analyzer: a loaded :class:`~rhetoric.Analyzer` (one is made if ``None``).
            progress: show a progress bar on stderr.
            n_process: processes for the parser.

        Raises:
            InputError: a listed file cannot be read (named in the message).
        """
        analyzer = analyzer or Analyzer()
        docs = [d for d in self.documents if d.file]
        texts = []
        for d in docs:
            try:
                texts.append(read_file(d.file, d.id))
            except InputError as e:
                raise InputError(f"{self._where()}: document {d.id!r}: {e}") from None
        results = analyzer.score_many(texts, n_process=n_process)
        if progress:
            from tqdm import tqdm

            results = tqdm(results, total=len(texts), unit="doc", desc="scoring")
        scored: list[Scores] = list(results)
        by_id = {s.doc_id: s for s in scored}
        origin = by_id.get(self.origin.id)
        index, origin_paras = None, []
        if origin is not None:
            kept = origin.paragraphs[origin.paragraphs["kind"] != "boilerplate"]
            index, origin_paras = OriginIndex(list(kept["text"])), list(kept["para"])
        meta = self.documents_frame()
        paras, spans = [], []
        for s in scored:
            p = self._provenance(s, index, origin_paras, meta)
            paras.append(p)
            sp = s.spans.merge(p[["para", "provenance"]], on="para", how="left")
            spans.append(sp)
        paragraphs = pd.concat(paras, ignore_index=True) if paras else pd.DataFrame()
        span_table = pd.concat(spans, ignore_index=True) if spans else pd.DataFrame()
        if len(paragraphs):
            paragraphs = paragraphs.merge(meta, on="doc_id", how="left")
            span_table = span_table.merge(meta, on="doc_id", how="left")
        return CorpusScores(paragraphs, span_table, meta)

    def _provenance(
        self, s: Scores, index: OriginIndex | None, origin_paras: list[int], meta: pd.DataFrame
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
            elif index is not None and r.kind != "boilerplate":
                a = index.align(r.text)
                # The origin's own paragraph number, as in its rows of the paragraph table.
                opara = origin_paras[a.origin_para] if a.origin_para >= 0 else -1
                overlap, passage = a.overlap, a.passage
            else:
                overlap, opara, passage = 0.0, -1, ""
            quoted_share = r.quoted_words / r.words if r.words else 0.0
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


CHARTS = ("measures_by_provenance", "certainty_vs_distance", "cue_words_by_provenance", "chain_over_time")


def export(
    result: CorpusScores,
    outdir: str | Path,
    *,
    charts: bool = True,
    formats: tuple[str, ...] = ("png", "svg", "html"),
    stamp: dict | None = None,
) -> list[Path]:
    """Write a corpus's tables (CSV and Parquet) and charts (PNG, SVG, offline HTML) to ``outdir``.

    Args:
        stamp: what made the tables (:func:`rhetoric.stamp.made_by`): written
            into each Parquet file's metadata and beside each CSV as ``FILE.meta.json``.

    Returns:
        The files written.
    """
    from . import charts as ch

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, df in (
        ("paragraphs", result.paragraphs),
        ("spans", result.spans),
        ("documents", result.documents),
    ):
        csv_path = out / f"{name}.csv"
        df.to_csv(csv_path, index=False)
        pq_path = out / f"{name}.parquet"
        written += [csv_path, pq_path]
        if stamp is None:
            df.to_parquet(pq_path, index=False)
            continue
        import json

        import pyarrow as pa
        import pyarrow.parquet as pq

        from .stamp import METADATA_KEY, write_sidecar

        table = pa.Table.from_pandas(df, preserve_index=False)
        meta = {**(table.schema.metadata or {}), METADATA_KEY: json.dumps(stamp).encode()}
        pq.write_table(table.replace_schema_metadata(meta), pq_path)
        written.append(write_sidecar(csv_path, stamp, rows=len(df)))
    if not charts:
        return written
    import altair as alt

    made = {
        "measures_by_provenance": lambda: ch.measures_by_provenance(result.paragraphs),
        "certainty_vs_distance": lambda: ch.certainty_vs_distance(result.paragraphs),
        "cue_words_by_provenance": lambda: ch.cue_words_by_provenance(result.spans),
        "chain_over_time": lambda: ch.chain_over_time(result.paragraphs, result.documents),
    }
    with alt.data_transformers.disable_max_rows():
        for name in CHARTS:
            chart = made[name]()
            for fmt in formats:
                written.append(ch.save_chart(chart, out / "charts" / f"{name}.{fmt}"))
    return written
