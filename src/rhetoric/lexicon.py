"""Lexicons: the word lists behind every cue, with where each entry comes from.

The lists are TSV package data (``rhetoric/data/*.tsv``), one entry a row::

    term  category  subtype  match_on  pos  negated  weight  source  note

``SOURCES.md`` beside them cites every source key. A user's own file in the
same format adds entries or overrides ours (same term, category and pos); a
row with weight 0 switches an entry off. Only ``term`` and ``category`` are
required in a user file.

Example:
    >>> lex = Lexicon.default()
    >>> lex.lookup("perhaps")[0].category
    'hedge'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["Entry", "Lexicon", "LexiconError", "CATEGORIES", "COLUMNS"]

CATEGORIES = ("hedge", "absolute", "emotive", "source")
COLUMNS = ("term", "category", "subtype", "match_on", "pos", "negated", "weight", "source", "note")
_FILES = {
    "hedge": "hedges.tsv",
    "absolute": "absolutes.tsv",
    "emotive": "emotive.tsv",
    "source": "sourcing.tsv",
}
_POS = {
    "ADJ",
    "ADP",
    "ADV",
    "AUX",
    "CCONJ",
    "DET",
    "INTJ",
    "NOUN",
    "NUM",
    "PART",
    "PRON",
    "PROPN",
    "PUNCT",
    "SCONJ",
    "SYM",
    "VERB",
    "X",
}
_DEFAULT_NEGATED = {"hedge": "keep", "absolute": "flip", "emotive": "keep", "source": "keep"}


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    """One lexicon row.

    Attributes:
        term: lower-case word or phrase, words separated by single spaces.
        category: ``hedge``, ``absolute``, ``emotive`` or ``source``.
        subtype: finer label (``modal``, ``booster``, ``loaded``, ``verb``...).
        match_on: ``lemma`` (any inflection) or ``text`` (this exact form).
        pos: Universal POS tags the first token must have; empty means any.
        negated: what negation does: ``flip`` to the opposite category
            (hedge <-> absolute), ``keep`` or ``drop``.
        weight: strength in the certainty index; 0 switches the entry off.
        source: ``;``-separated citation keys (see ``SOURCES.md``).
        note: why, for judgement calls.
        origin: ``file:line`` the entry was read from.
    """

    term: str
    category: str
    subtype: str = ""
    match_on: str = "text"
    pos: tuple[str, ...] = ()
    negated: str = "keep"
    weight: float = 1.0
    source: str = ""
    note: str = ""
    origin: str = ""

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.term, self.category, self.pos)

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.term.split())


def _parse_row(row: dict[str, str], where: str, *, strict: bool, default_source: str) -> Entry:
    def val(col: str) -> str:
        v = row.get(col)
        return "" if v is None else v.strip()

    term = " ".join(val("term").lower().split())
    if not term:
        raise LexiconError(f"{where}: empty term")
    category = val("category").lower()
    if category not in CATEGORIES:
        raise LexiconError(f"{where}: category {category!r} is not one of {', '.join(CATEGORIES)}")
    match_on = val("match_on").lower() or ("text" if " " in term else "lemma")
    if match_on not in ("lemma", "text"):
        raise LexiconError(f"{where}: match_on {match_on!r} must be 'lemma' or 'text'")
    pos = tuple(p.strip().upper() for p in val("pos").split(",") if p.strip())
    bad = [p for p in pos if p not in _POS]
    if bad:
        raise LexiconError(
            f"{where}: unknown POS tag(s) {', '.join(bad)} (use Universal POS: {', '.join(sorted(_POS))})"
        )
    negated = val("negated").lower() or _DEFAULT_NEGATED[category]
    if negated not in ("flip", "keep", "drop"):
        raise LexiconError(f"{where}: negated {negated!r} must be 'flip', 'keep' or 'drop'")
    if negated == "flip" and category not in ("hedge", "absolute"):
        raise LexiconError(f"{where}: only hedges and absolutes can flip under negation, not {category}")
    raw_weight = val("weight")
    try:
        weight = float(raw_weight) if raw_weight else 1.0
    except ValueError:
        raise LexiconError(f"{where}: weight {raw_weight!r} is not a number") from None
    if not (weight >= 0.0) or weight == float("inf"):
        raise LexiconError(f"{where}: weight {raw_weight!r} must be a finite number >= 0")
    source = val("source") or default_source
    if strict and not source:
        raise LexiconError(f"{where}: empty source (every entry must cite where it comes from)")
    return Entry(
        term, category, val("subtype").lower(), match_on, pos, negated, weight, source, val("note"), where
    )


def _read_tsv(text: str, name: str, *, strict: bool, default_source: str = "") -> list[Entry]:
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise LexiconError(f"{name}:1: missing header line (need at least: term, category)")
    header = [h.strip().lower() for h in lines[0].lstrip("\ufeff").split("\t")]
    if strict and tuple(header) != COLUMNS:
        raise LexiconError(
            f"{name}:1: header must be {' '.join(COLUMNS)!r} separated by tabs, got {header!r}"
        )
    missing = [c for c in ("term", "category") if c not in header]
    if missing:
        raise LexiconError(
            f"{name}:1: header lacks column(s) {', '.join(missing)} (columns are tab-separated: {', '.join(COLUMNS)})"
        )
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise LexiconError(f"{name}:1: unknown column(s) {', '.join(unknown)}; allowed: {', '.join(COLUMNS)}")
    entries: list[Entry] = []
    seen: dict[tuple, int] = {}
    reader = csv.reader(io.StringIO("\n".join(lines[1:])), delimiter="\t", quoting=csv.QUOTE_NONE)
    for lineno, fields in enumerate(reader, start=2):
        if not fields or all(not f.strip() for f in fields) or fields[0].lstrip().startswith("#"):
            continue
        where = f"{name}:{lineno}"
        if len(fields) != len(header):
            raise LexiconError(
                f"{where}: {len(fields)} tab-separated fields, expected {len(header)} ({', '.join(header)})"
            )
        entry = _parse_row(
            dict(zip(header, fields, strict=True)), where, strict=strict, default_source=default_source
        )
        if entry.key in seen:
            raise LexiconError(
                f"{where}: duplicate of line {seen[entry.key]} ({entry.term!r}, {entry.category}, pos={','.join(entry.pos) or 'any'})"
            )
        seen[entry.key] = lineno
        entries.append(entry)
    return entries


@dataclass(frozen=True)
class Lexicon:
    """An immutable set of lexicon entries, indexed for lookup."""

    entries: tuple[Entry, ...]

    @classmethod
    def default(cls) -> Lexicon:
        """The lexicons shipped with the package (cached)."""
        return _default_lexicon()

    @classmethod
    def from_file(cls, path: str | Path, *, strict: bool = False) -> Lexicon:
        """Read a lexicon TSV file.

        Args:
            path: the file.
            strict: require all nine columns and a source on every row (as
                the package's own files do).

        Raises:
            LexiconError: naming the file and line of the first problem.
        """
        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as e:
            raise LexiconError(f"{p}: cannot read lexicon ({e.strerror or e})") from None
        if b"\x00" in data[:4096]:
            raise LexiconError(f"{p}: not a text file")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = data[: e.start].count(b"\n") + 1
            raise LexiconError(f"{p}:{line}: not valid UTF-8 (byte {e.start})") from None
        return cls(
            tuple(_read_tsv(text, str(p), strict=strict, default_source="" if strict else f"user:{p.name}"))
        )

    @classmethod
    def coerce(cls, lexicon: Lexicon | str | Path | None) -> Lexicon:
        """The default lexicon, merged with ``lexicon`` if one is given."""
        if isinstance(lexicon, Lexicon):
            return lexicon
        base = cls.default()
        if lexicon is None:
            return base
        return base.merge(cls.from_file(lexicon))

    def merge(self, other: Lexicon) -> Lexicon:
        """Entries of ``self`` with ``other``'s added; ``other`` wins on the same key."""
        by_key = {e.key: e for e in self.entries}
        for e in other.entries:
            by_key[e.key] = e
        return Lexicon(tuple(by_key.values()))

    def active(self) -> tuple[Entry, ...]:
        """Entries with a weight above zero."""
        return tuple(e for e in self.entries if e.weight > 0)

    def lookup(self, term: str) -> list[Entry]:
        """All entries for a term (any category)."""
        t = " ".join(term.lower().split())
        return [e for e in self.entries if e.term == t]

    def with_weights(self, weights: dict[tuple[str, str], float]) -> Lexicon:
        """A copy with weights changed, keyed by ``(term, category)``."""
        return Lexicon(
            tuple(replace(e, weight=weights.get((e.term, e.category), e.weight)) for e in self.entries)
        )

    def to_frame(self):
        """The entries as a pandas DataFrame (one row an entry)."""
        import pandas as pd

        rows = [
            {c: (",".join(e.pos) if c == "pos" else getattr(e, c)) for c in COLUMNS} | {"origin": e.origin}
            for e in self.entries
        ]
        return pd.DataFrame(rows, columns=[*COLUMNS, "origin"])

    def __len__(self) -> int:
        return len(self.entries)


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    entries: list[Entry] = []
    data = resources.files("rhetoric") / "data"
    for category, fname in _FILES.items():
        text = (data / fname).read_text(encoding="utf-8")
        file_entries = _read_tsv(text, fname, strict=True)
        wrong = [e for e in file_entries if e.category != category]
        if wrong:
            raise LexiconError(
                f"{wrong[0].origin}: category {wrong[0].category!r} in {fname}, which holds {category} entries"
            )
        entries.extend(file_entries)
    return Lexicon(tuple(entries))
