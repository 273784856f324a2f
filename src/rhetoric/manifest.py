"""Manifests: reading and checking the list of documents a corpus is made of.

A manifest is YAML (``documents:`` list) or CSV/TSV (one row a document) with
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

A manifest is input from someone else as often as not, so reading it is
strict: files must sit under the manifest's folder once symbolic links are
resolved (``allow_roots`` names other folders allowed), YAML aliases are
refused (a few hundred bytes of them expand to gigabytes), dates stay text
until checked, and a CSV is read with its line breaks as written (a U+2028
inside a field is text, not a new row). Every problem is a
:class:`ManifestError` naming the manifest and the entry.

Example:
    >>> docs, meta = read_manifest("data/raqqa/manifest.yaml")  # doctest: +SKIP
    >>> [d.id for d in docs][:2]  # doctest: +SKIP
    ['bbc', 'channel4']
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import warnings as _warnings
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "ManifestError",
    "ManifestWarning",
    "CorpusDocument",
    "read_manifest",
    "check_documents",
    "MANIFEST_FIELDS",
]

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
MANIFEST_FIELDS = _FIELDS


class ManifestError(ValueError):
    """A manifest is malformed; the message names the manifest and the entry."""


class ManifestWarning(UserWarning):
    """A manifest that loads but will not give what it seems to ask for (an origin with no file)."""


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


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _loader():
    """A safe YAML loader that refuses aliases and leaves dates as text.

    An alias repeats a node by reference, so nine nested levels of ten make a
    343-byte file expand to hundreds of megabytes; a manifest never needs one.
    Dates stay strings so that ``2017-13-45`` is reported by :func:`_date`
    with its entry, instead of escaping from the parser as a ValueError.
    """
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise _AliasFound(event.start_mark.line + 1, event.anchor)
            return super().compose_node(parent, index)

    NoAliasLoader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != _TIMESTAMP]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return NoAliasLoader


class _AliasFound(Exception):
    def __init__(self, line: int, anchor: str) -> None:
        self.line, self.anchor = line, anchor


def _yaml_rows(text: str, p: Path):
    import yaml

    try:
        data = yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    except _AliasFound as e:
        raise ManifestError(
            f"{p}:{e.line}: YAML aliases (*{e.anchor}) are not allowed in a manifest; write each value out"
        ) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise ManifestError(f"{p}{where}: not valid YAML ({getattr(e, 'problem', e)})") from None
    except (ValueError, TypeError, OverflowError) as e:  # an explicit !!timestamp that is no date
        raise ManifestError(f"{p}: a value cannot be read ({e})") from None
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


def _csv_rows(text: str, p: Path, delimiter: str):
    # newline="": line breaks are those of the file; str.splitlines() would also
    # break at U+2028, U+0085 and form feeds inside a quoted field.
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        if not reader.fieldnames or "id" not in [f.strip() for f in reader.fieldnames]:
            raise ManifestError(f"{p}:1: the header needs an 'id' column (columns: {', '.join(_FIELDS)})")
        for row in reader:
            i = reader.line_num
            if None in row:
                raise ManifestError(f"{p}:{i}: more fields than the header has")
            rows.append(
                (
                    f"line {i} (id {row.get('id', '?')!r})",
                    {k.strip(): (v or "").strip() for k, v in row.items()},
                )
            )
    except csv.Error as e:
        detail = str(e)
        if "field larger than field limit" in detail:
            detail = (
                f"a field is longer than {csv.field_size_limit():,} characters (the CSV limit); "
                "is a quote left open?"
            )
        raise ManifestError(f"{p}:{reader.line_num}: not valid CSV ({detail})") from None
    return rows, {}


def _confined(path: Path, roots: list[Path]) -> bool:
    real = Path(os.path.realpath(path))
    return any(real == r or r in real.parents for r in roots)


def _entry(row: dict, where: str, root: Path, roots: list[Path]) -> CorpusDocument:
    doc_id = str(row.get("id") or "").strip()
    if not doc_id:
        raise ManifestError(f"{where}: missing id")
    if not _ID.match(doc_id):
        raise ManifestError(f"{where}: id {doc_id!r} may hold only letters, digits, '.', '_' and '-'")
    file = row.get("file") or None
    path = None
    if file:
        if not isinstance(file, str):
            raise ManifestError(f"{where}: file must be a path, not {type(file).__name__}")
        path = Path(file)
        if not path.is_absolute():
            path = root / path
        if not _confined(path, roots):
            allowed = ", ".join(str(r) for r in roots)
            raise ManifestError(
                f"{where}: file {file!r} resolves to {os.path.realpath(path)}, outside {allowed}; "
                "a manifest reads only files under its own folder (pass --allow-root DIR, or "
                "allow_roots=[DIR], to allow another folder)"
            )
        if not path.is_file():
            raise ManifestError(f"{where}: file {file!r} does not exist (looked for {path})")
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


def read_manifest(
    path: str | Path,
    *,
    allow_roots: list[str | Path] | tuple[str | Path, ...] = (),
    warnings: list[str] | None = None,
) -> tuple[list[CorpusDocument], dict]:
    """Read and check a YAML or CSV manifest: its documents and its top-level fields.

    Args:
        path: the manifest.
        allow_roots: folders, besides the manifest's own, that listed files
            may sit in (after resolving symbolic links).
        warnings: where to append what loads but will not give what it seems
            to ask for (an origin with no file); with ``None`` each is issued
            as a :class:`ManifestWarning`.

    Raises:
        ManifestError: unreadable or malformed manifest, a missing file or one
            outside the allowed folders, a YAML alias, a date that does not
            exist, a duplicate id, an unknown or missing origin, a cycle in
            ``via``.
    """
    p = Path(path)
    if not p.is_file():
        raise ManifestError(f"{p}: no such manifest file")
    suffix = p.suffix.lower()
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise ManifestError(f"{p}: not valid UTF-8 (byte {e.start})") from None
    except OSError as e:
        raise ManifestError(f"{p}: cannot be read ({e.strerror or e})") from None
    if suffix in (".yaml", ".yml"):
        rows, meta = _yaml_rows(text, p)
    elif suffix in (".csv", ".tsv"):
        rows, meta = _csv_rows(text, p, "\t" if suffix == ".tsv" else ",")
    else:
        raise ManifestError(f"{p}: a manifest is .yaml, .yml, .csv or .tsv, not {suffix or 'no suffix'}")
    roots = [Path(os.path.realpath(p.parent))] + [Path(os.path.realpath(r)) for r in allow_roots]
    docs = [_entry(row, f"{p} {where}", p.parent, roots) for where, row in rows]
    check_documents(docs, str(p))
    origin = next(d for d in docs if d.origin)
    if origin.file is None:
        msg = (
            f"{p}: the original {origin.id!r} has no file, so no paragraph can be matched to it: "
            "every paragraph will be labelled commentary (or boilerplate)"
        )
        if warnings is None:
            _warnings.warn(msg, ManifestWarning, stacklevel=2)
        else:
            warnings.append(msg)
    return docs, meta


def check_documents(documents: list[CorpusDocument], where: str = "corpus") -> None:
    """Check the relations: unique ids, one origin, every ``via`` known, no cycle.

    Raises:
        ManifestError: naming ``where`` and the document.
    """
    seen: set[str] = set()
    for d in documents:
        if d.id in seen:
            raise ManifestError(f"{where}: duplicate id {d.id!r}")
        seen.add(d.id)
    origins = [d.id for d in documents if d.origin]
    if not origins:
        raise ManifestError(f"{where}: no document is marked 'origin: true' (the original report)")
    if len(origins) > 1:
        raise ManifestError(f"{where}: only one original report is allowed, found {', '.join(origins)}")
    for d in documents:
        for v in d.via:
            if v not in seen:
                raise ManifestError(
                    f"{where}: {d.id!r} came via {v!r}, which is not in the manifest (unknown origin)"
                )
            if v == d.id:
                raise ManifestError(f"{where}: {d.id!r} lists itself in via (a cycle)")
        if d.origin and d.via:
            raise ManifestError(f"{where}: the original {d.id!r} cannot have a via")
        if not d.origin and not d.via:
            raise ManifestError(f"{where}: {d.id!r} does not say how it reached the original (via: [...])")
    # A cycle: a document whose via chain never reaches the origin. Iterative,
    # so a long hostile chain cannot exhaust the recursion limit.
    by_id = {d.id: d for d in documents}
    state: dict[str, int] = {}
    for d in documents:
        if state.get(d.id) == 2:
            continue
        stack: list[tuple[str, int]] = [(d.id, 0)]
        path: list[str] = []
        while stack:
            i, k = stack.pop()
            if k == 0:
                if state.get(i) == 2:
                    continue
                if state.get(i) == 1:
                    cycle = path[path.index(i) :] + [i]
                    raise ManifestError(f"{where}: a cycle in the relations: {' -> '.join(cycle)}")
                state[i] = 1
                path.append(i)
            vias = by_id[i].via
            if k < len(vias):
                stack.append((i, k + 1))
                stack.append((vias[k], 0))
            else:
                state[i] = 2
                path.pop()
