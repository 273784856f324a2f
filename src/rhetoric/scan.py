"""One scoring path: a parsed text and its layout, to cues and word counts per paragraph.

Both ways into rhetoric go through :func:`scan_doc`: the spaCy component
(``nlp.add_pipe("rhetoric")``) and the :class:`~rhetoric.Analyzer`, which adds
that component to its pipeline. So the same plain text gives the same cues
with the same voices either way. The steps:

1. the **layout** (:func:`layout_of`): paragraphs, what kind each is (body,
   heading, boilerplate), links, and the voice of every paragraph
   (:func:`rhetoric.voice.paragraph_voices`: quote marks, block quotes,
   lead-ins);
2. for each paragraph that is not boilerplate, :func:`find_cues`: the
   lexicon and its decisions (:mod:`rhetoric.cues`, :mod:`rhetoric.sense`),
   named sources, quotations and links (:mod:`rhetoric.sources`), then each
   cue's voice, and reported speech on the parse;
3. the words of each paragraph, by voice, and its sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .cues import Cue, CueMatcher, TokenArrays, lexicon_cues, patterns
from .quotes import Quote, find_quotes
from .sources import link_cues, named_sources, quotation_cues
from .voice import INFERRED_BASES, ParagraphVoice, Stretch, paragraph_voices, reported_speech

__all__ = ["Layout", "ParaLayout", "Tally", "find_cues", "scan_doc", "layout_of", "layout_of_document"]


@dataclass(frozen=True)
class ParaLayout:
    """One paragraph of a parsed text: where it is and how to read it."""

    index: int  # its number in the document (0-based)
    start: int  # character offsets into the parsed text
    end: int
    kind: str
    voice: ParagraphVoice
    links: tuple[tuple[int, int, str], ...] = ()  # offsets into the paragraph


@dataclass
class Layout:
    """The paragraphs of one parsed text (a document, or a part of a long one)."""

    paragraphs: list[ParaLayout] = field(default_factory=list)


@dataclass
class Tally:
    """What one paragraph adds up to."""

    words: int = 0
    quoted_words: int = 0
    inferred_quoted_words: int = 0
    sentences: int = 0


def layout_of_document(document, paragraphs=None, base: int = 0, extra=None) -> Layout:
    """The layout of a :class:`~rhetoric.text.Document` (or of the paragraphs of one part of it).

    Args:
        document: the document as read.
        paragraphs: the indices of the paragraphs in this part (all by default).
        base: the clean-text offset where the parsed text starts.
        extra: more quoted stretches, by paragraph index, that the text alone
            cannot show: in a corpus, the stretches aligned to the original
            (``aligned_origin``). They count where no quote mark already does.
    """
    voices = paragraph_voices(document.paragraphs)
    if extra:
        voices = [_with_extra(v, extra.get(i, ())) for i, v in enumerate(voices)]
    idx = range(len(document.paragraphs)) if paragraphs is None else paragraphs
    out = []
    for i in idx:
        p = document.paragraphs[i]
        lo, hi = p.clean_start, p.clean_end
        plinks = tuple((s - lo, e - lo, url) for s, e, url in document.markup.links_in(lo, hi))
        out.append(ParaLayout(p.index, lo - base, hi - base, p.kind, voices[i], plinks))
    return Layout(out)


def layout_of(text: str) -> Layout:
    """The layout of a plain text, as ``Analyzer().score(text, markup="none")`` reads it."""
    from .text import read_document

    return layout_of_document(read_document(text, markup="none"))


def _voice_for(quotes: Sequence[Quote] | None, text: str, all_quoted: bool) -> ParagraphVoice:
    qs = find_quotes(text) if quotes is None else list(quotes)
    return ParagraphVoice(
        "block_quote" if all_quoted else "", tuple(Stretch(q.start, q.end, "quote_marks") for q in qs), tuple(qs)
    )


def find_cues(
    doc,
    matcher: CueMatcher,
    quotes: list[Quote] | None = None,
    *,
    links: Sequence[tuple[int, int, str]] = (),
    all_quoted: bool = False,
    arrays: TokenArrays | None = None,
    text: str | None = None,
    voice: ParagraphVoice | None = None,
) -> list[Cue]:
    """Every cue in a parsed paragraph, counted or set aside, with its voice.

    Args:
        doc: a spaCy ``Doc`` (one paragraph) with tags and a dependency parse.
        matcher: the compiled lexicon.
        quotes: quoted stretches of ``doc.text``; found here if ``None``.
        links: ``(start, end, url)`` character ranges of links in ``doc.text``.
        all_quoted: the whole paragraph is a block quote.
        arrays: the doc's :class:`~rhetoric.cues.TokenArrays`, if the caller has them.
        text: ``doc.text``, if the caller has it.
        voice: the paragraph's voice (:mod:`rhetoric.voice`); overrides
            ``quotes`` and ``all_quoted``.

    Returns:
        Cues sorted by position. Offsets are into ``doc.text``.
    """
    if text is None:
        text = doc.text
    arrays = arrays or TokenArrays(doc)
    if voice is None:
        voice = _voice_for(quotes, text, all_quoted)
    cues, source_matches = lexicon_cues(doc, matcher, arrays, text)
    attribution = {i for s, e, entry in source_matches if entry.subtype != "noun" for i in range(s, e)}
    for s, e, cue_word in named_sources(doc, source_matches):
        cs, ce = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        cues.append(
            Cue(
                start=cs,
                end=ce,
                category="source",
                rule="named_source",
                subtype="named",
                explanation=f"'{text[cs:ce]}' is named as the source ('{cue_word}').",
            )
        )
    cues.extend(quotation_cues(doc, text, voice.quotes, attribution))
    cues.extend(link_cues(text, links))
    speech, clauses = _speech_verbs(doc, source_matches)
    speech |= _vague_holders(doc, cues)
    out = []
    for c in cues:
        basis = voice.basis_at(c.start)
        if c.rule == "quotation":
            # the quoted words are the speaker's; quoting them is the author's sourcing, and
            # counts as such (rhetoric.score.sourced_by_author)
            basis = voice.basis or "quote_marks"
        elif not basis and c.category != "source" and (speech or clauses):
            tok = doc.char_span(c.start, c.end, alignment_mode="expand")
            if tok is not None and len(tok) and reported_speech(doc, tok.root.i, speech, clauses):
                basis = "reported_speech"
        out.append(_with(c, voice="quoted" if basis else "author", voice_basis=basis))
    out.sort(key=lambda c: (c.start, c.end, c.category))
    return out


def _with(c: Cue, **changes) -> Cue:
    """``dataclasses.replace(c, **changes)`` without running ``__init__`` again (a cue has no checks to redo)."""
    new = object.__new__(Cue)
    object.__setattr__(new, "__dict__", {**c.__dict__, **changes})
    return new


def _speech_verbs(doc, source_matches) -> tuple[set[int], set[int]]:
    """Attribution verbs whose subject is not the author, and the clauses "according to" modifies."""
    from spacy.parts_of_speech import AUX, VERB

    pats = patterns()
    out: set[int] = set()
    clauses: set[int] = set()
    for s, e, entry in source_matches:
        tok = doc[s]
        if entry.term in pats["attribution_phrase"]:
            # "according to X, the figures might be revised": the clause it modifies is reported
            head = doc[s].head
            if head is not doc[s]:
                clauses.add(head.i)
            if _closes_sentence(doc, s):
                # "..., according to monitors and residents.": a trailing attribution covers the sentence
                clauses.add(doc[s].sent.root.i)
            continue
        if e - s != 1 or tok.pos not in (VERB, AUX) or entry.subtype not in ("verb", "belief"):
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if tok.dep_ == "parataxis" and tok.head is not tok and (subj is None or subj.lower_ not in ("i", "we")):
            # "His neighbours, he said, would usually move": the clause the aside sits in is reported
            clauses.add(tok.head.i)
        if subj is not None and subj.lower_ in ("i", "we"):
            continue  # "I said it might": still the author
        if subj is None and tok.tag_ == "VBG" and tok.dep_ == "advcl":
            continue  # "..., the utility said, suggesting that it was possibly wrong": the writer's inference
        if subj is not None and {subj.lower_, subj.lemma_.lower()} & (pats["evidence_noun"] | pats["document_noun"]):
            continue  # "the study found that it may ...": the author draws on evidence, as "the data suggest"
        out.add(tok.i)
    return out, clauses


def _closes_sentence(doc, s: int) -> bool:
    """Does the phrase at token ``s`` follow a comma and run to the end of its sentence?"""
    sent = doc[s].sent
    if s == sent.start or doc[s - 1].text != ",":
        return False
    last = max(t.i for t in doc[s].subtree)
    return all(t.is_punct or t.is_space for t in doc[last + 1 : sent.end])


def _vague_holders(doc, cues) -> set[int]:
    """Belief verbs with a vague plural subject ("some officials fear"): weasel hedges, yet the
    clause they govern is still those holders' view, not the author's claim."""
    out = set()
    for c in cues:
        if c.category == "hedge" and c.subtype == "weasel" and c.counted and c.rule != "weasel":
            tok = doc.char_span(c.start, c.end, alignment_mode="expand")
            if tok is not None and len(tok) == 1 and tok[0].pos_ in ("VERB", "AUX"):
                out.add(tok[0].i)
    return out


def _count_words(arrays: TokenArrays, voice: ParagraphVoice, base: int, t: Tally) -> None:
    """Words (tokens that are not punctuation, space or a currency sign), by voice, and sentences."""
    import numpy as np

    words = arrays.is_word
    t.words += int(words.sum())
    idx = arrays.idx - base
    quoted = np.zeros(len(idx), dtype=bool)
    inferred = np.zeros(len(idx), dtype=bool)
    if voice.basis:
        quoted[:] = True
        inferred[:] = voice.basis in INFERRED_BASES
    for s in voice.stretches:
        m = (idx >= s.start) & (idx < s.end)
        quoted |= m
        if s.basis in INFERRED_BASES:
            inferred |= m
        else:
            inferred &= ~m
    t.quoted_words += int((quoted & words).sum())
    t.inferred_quoted_words += int((inferred & words).sum())
    if arrays.has_sents:
        t.sentences += int((arrays.sent_start == 1).sum())
    elif arrays.n:
        t.sentences += 1


def scan_doc(
    doc, matcher: CueMatcher, layout: Layout | None = None, text: str | None = None, offset: int = 0
) -> tuple[list[Cue], dict[int, Tally]]:
    """Cues and tallies of every paragraph of a parsed text.

    Args:
        doc: the parsed text (a spaCy ``Doc``).
        matcher: the compiled lexicon.
        layout: its paragraphs; read from ``doc.text`` as plain text if ``None``.
        text: ``doc.text``, if the caller has it (joining the tokens again costs time).
        offset: added to every cue's offsets (where ``doc`` is a part of a longer text).

    Returns:
        ``(cues, tallies)``: cues with offsets into ``doc.text`` and their
        paragraph number in ``para``; a :class:`Tally` per scored paragraph.
    """
    if text is None:
        text = doc.text
    if layout is None:
        if not text.strip():
            return [], {}
        layout = layout_of(text)
    cues: list[Cue] = []
    tallies: dict[int, Tally] = {}
    cut = _Cutter(doc, text)
    for p in layout.paragraphs:
        if p.kind == "boilerplate" or p.end <= p.start:
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        pdoc, ptext = cut(span)
        base = span.start_char
        shift = p.start - base  # the paragraph's own offsets start at p.start
        arrays = TokenArrays(pdoc)
        voice = _shift_voice(p.voice, shift)
        links = [(s + shift, e + shift, url) for s, e, url in p.links]
        t = tallies.setdefault(p.index, Tally())
        for c in find_cues(pdoc, matcher, arrays=arrays, text=ptext, voice=voice, links=links):
            cues.append(_with(c, start=c.start + base + offset, end=c.end + base + offset, para=p.index))
        _count_words(arrays, voice, 0, t)
    return cues, tallies


class _Cutter:
    """Paragraphs of a parsed text as Docs of their own: ``span.as_doc()``, made cheaper.

    ``Span.as_doc`` walks every token in Python (words, spaces, heads); here the
    words are sliced from the text and the heads checked on the arrays, and only
    a token whose head lies outside the paragraph is rewired, exactly as
    ``as_doc`` does it (to its highest ancestor inside, else a new root). With
    entity annotation (``ner=True``) it calls ``as_doc`` itself, which also trims
    entities cut by the paragraph's edges.
    """

    def __init__(self, doc, text: str) -> None:
        from spacy.attrs import DEP, ENT_IOB, HEAD, LENGTH, SPACY

        self.doc = doc
        self.text = text
        self.head = doc._get_array_attrs()
        self.array = doc.to_array(self.head)
        col = {a: k for k, a in enumerate(self.head)}
        self.length, self.space, self.heads = col[LENGTH], col[SPACY], col[HEAD]
        self.dep, self.ent_iob = col.get(DEP), col.get(ENT_IOB)
        self.fast = not doc.has_annotation("ENT_IOB")

    def __call__(self, span):
        """``(paragraph Doc, its text)``."""
        import numpy as np
        from spacy.symbols import dep
        from spacy.tokens import Doc

        doc, start, end = self.doc, span.start, span.end
        if not self.fast:
            pdoc = span.as_doc(array_head=self.head, array=self.array.copy())
            return pdoc, pdoc.text
        sub = self.array[start:end].copy()
        n = end - start
        lengths = sub[:, self.length].astype(np.int64)
        spaces = sub[:, self.space].astype(bool)
        ends = np.cumsum(lengths + spaces)
        starts = ends - lengths - spaces
        s0, text = span.start_char, self.text
        words = [text[s0 + a : s0 + a + k] for a, k in zip(starts.tolist(), lengths.tolist(), strict=True)]
        rel = sub[:, self.heads].view(np.int64)
        target = np.arange(n) + rel
        outside = np.flatnonzero((target < 0) | (target >= n)).tolist()
        new_roots: dict[int, int] = {}
        for i in outside:
            token = doc[start + i]
            if self.dep is not None:
                sub[i, self.dep] = dep
            top = token.head.i - start
            for ancestor in token.ancestors:
                top = ancestor.i - start
                if 0 <= top < n:
                    sub[i, self.heads] = np.int64(top - i).astype(np.uint64)
            if not 0 <= i + int(sub[i, self.heads].view(np.int64)) < n:
                root = new_roots.get(top)
                if root is not None:
                    sub[i, self.heads] = np.int64(root - i).astype(np.uint64)
                else:
                    sub[i, self.heads] = 0
                    new_roots[top] = i
        if n and self.ent_iob is not None and sub[0, self.ent_iob] == 1:
            sub[0, self.ent_iob] = 3
        pdoc = Doc(doc.vocab, words=words, spaces=spaces.tolist())
        pdoc.from_array(self.head, sub)
        pdoc.tensor = doc.tensor[start:end]
        return pdoc, text[s0 : s0 + int(ends[-1])] if n else ""


def _with_extra(v: ParagraphVoice, stretches) -> ParagraphVoice:
    """Add stretches after the marked ones, so quote marks keep their basis where both apply."""
    if not stretches:
        return v
    return ParagraphVoice(v.basis, tuple(v.stretches) + tuple(stretches), v.quotes)


def _shift_voice(v: ParagraphVoice, shift: int) -> ParagraphVoice:
    if not shift or not v.stretches:
        return v
    return ParagraphVoice(
        v.basis,
        tuple(Stretch(s.start + shift, s.end + shift, s.basis) for s in v.stretches),
        tuple(Quote(q.start + shift, q.end + shift, q.closed) for q in v.quotes),
    )
