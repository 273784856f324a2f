"""Provenance: which paragraphs reproduce the original report, and how far each sits from it.

Alignment has two steps, so that it stays fast with thousands of documents:

1. **Shingle index.** The original's words (lower-cased, punctuation and quote
   marks dropped, so "didn’t" and "didn't" agree) are cut into overlapping
   5-word shingles, indexed once. A paragraph's own shingles look up the
   original paragraphs it shares text with; most commentary shares none and
   costs one dictionary lookup per word.
2. **Local alignment.** The paragraph's words are aligned against the
   candidate stretch of the original with :class:`difflib.SequenceMatcher`
   (longest common blocks, found recursively on both sides of each block).
   Blocks of three words or more count, so a typo, changed quote marks, an
   ellipsis, a cut or a dropped sentence break a block without losing the rest.

``origin_overlap`` is the share of the paragraph's words that align.

Labels, first that applies:

* ``boilerplate``: the paragraph is boilerplate (see :mod:`rhetoric.text`);
* ``origin``: ``origin_overlap >= 0.5``: it reproduces the original;
* ``other``: it quotes someone else: at least half its words are inside
  quotation marks, it is a block quote, or it is the first paragraph after
  a lead-in that ends in a colon ("Mattis said:");
* ``commentary``: the author's own words, with or without short quotes.

Distance (see :func:`text_distance` and :func:`distance`)::

    distance = text_distance + hops + years

``text_distance`` is 0 for a verbatim copy of the original, up to 0.5 for an
``origin`` paragraph that cuts or changes it, 1 for ``other`` (someone else's
words, reported) and 2 - overlap for ``commentary`` (2 with no original words
in it). ``hops`` counts hand-overs from the original (the original 0, an
article citing it 1, an article that got it through another outlet 2);
``years`` is the time since the original (days / 365.25; 0 when the date is
unknown, which ``distance_note`` says). So a verbatim BBC passage quoted three
days later sits at about 1.0, and the author's commentary around it at 3.0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

__all__ = [
    "OriginIndex",
    "Alignment",
    "provenance_label",
    "text_distance",
    "distance",
    "ORIGIN_MIN",
    "SHINGLE",
]

SHINGLE = 5
ORIGIN_MIN = 0.5  # share of a paragraph's words aligned to the original to call it "origin"
QUOTED_MIN = 0.5  # share of words inside quotation marks to call it "other"
MIN_BLOCK = 3  # shortest run of words that counts as aligned
MAX_CANDIDATES = 3
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_LEAD_IN = re.compile(r":\s*[\"“‘']?\s*$")


def words_with_spans(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Normalised words and their character spans: ``didn’t`` gives ``didn``, ``t`` either way."""
    ws, spans = [], []
    for m in _WORD.finditer(text):
        ws.append(m.group().lower())
        spans.append(m.span())
    return ws, spans


@dataclass(frozen=True)
class Alignment:
    """How one paragraph aligns to the original.

    Attributes:
        overlap: share of the paragraph's words aligned to the original.
        aligned_words: how many.
        origin_para: index of the original paragraph where the aligned
            passage starts (``-1`` when nothing aligns).
        passage: the aligned stretch of the original, as its text reads.
        blocks: ``(paragraph_char_start, paragraph_char_end)`` of each aligned run.
        word_blocks: the same runs in words: ``(paragraph_word, origin_word, size)``,
            where ``origin_word`` indexes :attr:`OriginIndex.words` (all of the
            original's words, paragraphs concatenated); :mod:`rhetoric.diff`
            reads the aligned stretch from them.
    """

    overlap: float
    aligned_words: int
    origin_para: int = -1
    passage: str = ""
    blocks: tuple[tuple[int, int], ...] = ()
    word_blocks: tuple[tuple[int, int, int], ...] = ()


NO_ALIGNMENT = Alignment(0.0, 0)


class OriginIndex:
    """A shingle index over the original report's paragraphs.

    Args:
        paragraphs: the original's paragraph texts (body paragraphs; pass
            headings too if derived texts reuse them).

    Example:
        >>> idx = OriginIndex(["The convoy left Raqqa on 12 October with hundreds of fighters."])
        >>> a = idx.align("As the BBC put it, the convoy left Raqqa on 12 October with hundreds of fighters.")
        >>> round(a.overlap, 2), a.origin_para
        (0.69, 0)
    """

    def __init__(self, paragraphs: list[str], shingle: int = SHINGLE) -> None:
        self.k = shingle
        self.paragraphs = list(paragraphs)
        self.words: list[str] = []  # all original words, paragraphs concatenated
        self.spans: list[tuple[int, int, int]] = []  # (paragraph, start, end) per word
        self.para_first: list[int] = []  # index of each paragraph's first word
        for pi, text in enumerate(self.paragraphs):
            self.para_first.append(len(self.words))
            ws, sp = words_with_spans(text)
            self.words.extend(ws)
            self.spans.extend((pi, s, e) for s, e in sp)
        self.para_first.append(len(self.words))
        self.index: dict[tuple[str, ...], list[int]] = {}
        w = self.words
        for i in range(len(w) - self.k + 1):
            self.index.setdefault(tuple(w[i : i + self.k]), []).append(i)

    def _para_of(self, word_index: int) -> int:
        return self.spans[word_index][0]

    def align(self, text: str) -> Alignment:
        """Align one paragraph of a derived text to the original."""
        ws, spans = words_with_spans(text)
        n = len(ws)
        if n == 0 or not self.words:
            return NO_ALIGNMENT
        hits: dict[int, int] = {}
        for i in range(n - self.k + 1):
            for pos in self.index.get(tuple(ws[i : i + self.k]), ()):
                p = self._para_of(pos)
                hits[p] = hits.get(p, 0) + 1
        if not hits:
            return NO_ALIGNMENT
        best = sorted(hits, key=lambda p: -hits[p])[:MAX_CANDIDATES]
        lo, hi = min(best), max(best)
        if hi - lo > 2 * MAX_CANDIDATES:  # scattered: keep the strongest paragraph and its neighbours
            lo = hi = best[0]
        lo, hi = max(lo - 1, 0), min(hi + 1, len(self.paragraphs) - 1)
        o_start, o_end = self.para_first[lo], self.para_first[hi + 1]
        region = self.words[o_start:o_end]
        sm = SequenceMatcher(None, ws, region, autojunk=False)
        blocks = [b for b in sm.get_matching_blocks() if b.size >= MIN_BLOCK]
        if not blocks:
            return NO_ALIGNMENT
        aligned = sum(b.size for b in blocks)
        first_o = o_start + blocks[0].b
        last_o = o_start + blocks[-1].b + blocks[-1].size - 1
        p1, s1, _ = self.spans[first_o]
        p2, _, e2 = self.spans[last_o]
        if p1 == p2:
            passage = self.paragraphs[p1][s1:e2]
        else:
            parts = [self.paragraphs[p1][s1:]] + self.paragraphs[p1 + 1 : p2] + [self.paragraphs[p2][:e2]]
            passage = " ".join(parts)
        char_blocks = tuple((spans[b.a][0], spans[b.a + b.size - 1][1]) for b in blocks)
        word_blocks = tuple((b.a, o_start + b.b, b.size) for b in blocks)
        return Alignment(aligned / n, aligned, p1, passage, char_blocks, word_blocks)


def provenance_label(
    kind: str, overlap: float, quoted_share: float, blockquote: bool, after_lead_in: bool
) -> str:
    """The provenance label of one paragraph (see the module docstring for the rules).

    >>> provenance_label("body", 0.9, 0.0, False, False)
    'origin'
    >>> provenance_label("body", 0.1, 0.8, False, False)
    'other'
    >>> provenance_label("body", 0.0, 0.0, False, False)
    'commentary'
    """
    if kind == "boilerplate":
        return "boilerplate"
    if overlap >= ORIGIN_MIN:
        return "origin"
    if quoted_share >= QUOTED_MIN or blockquote or after_lead_in:
        return "other"
    return "commentary"


def is_lead_in(text: str) -> bool:
    """Does a paragraph introduce a quotation that follows it ("Mattis said:")?"""
    return bool(_LEAD_IN.search(text))


def text_distance(label: str, overlap: float) -> float:
    """Distance from the original within a text: 0 verbatim ... 2 the author's own words.

    >>> text_distance("origin", 1.0), text_distance("other", 0.0), text_distance("commentary", 0.0)
    (0.0, 1.0, 2.0)
    """
    if label == "origin":
        return 1.0 - overlap
    if label == "other":
        return 1.0
    if label == "commentary":
        return 2.0 - min(overlap, ORIGIN_MIN)
    return float("nan")


def distance(label: str, overlap: float, hops: int, days: float | None) -> float:
    """``text_distance + hops + years`` (years 0 when the date is unknown)."""
    years = 0.0 if days is None or days != days else max(days, 0.0) / 365.25
    return text_distance(label, overlap) + hops + years
