"""What a retelling changed: a certainty diff between the original and a copy.

For every paragraph of the derived text that aligns to the original (the
alignment of :mod:`rhetoric.provenance`: half its words or more, or at least
:data:`MIN_ALIGNED` words in runs of three), take the **aligned stretch**: from
its first aligned block to its last, the gaps between blocks included, on
both sides. Compare the counted cues (the Analyzer's span table) of the two
stretches and report each difference as a change:

================== =========================================================
``hedge_dropped``  a hedge of the original is missing from the copy
``hedge_added``    the copy has a hedge the original had not
``absolute_added`` a booster or absolutist word slipped in
``absolute_dropped``
``emotive_added``  a loaded word slipped in
``emotive_dropped``
``source_dropped`` an attribution, a named source or a quotation's marks lost
``source_added``
================== =========================================================

The rules:

* Cues are compared by category and lexicon entry (or lower-cased words) in
  any order within the stretch, and in either voice: a word merely **moved**
  or **re-cased** is no change, nor is another tense of it ("says", "said"),
  nor a hedge the copy puts inside quotation marks. Any attribution word
  stands for any other ("says X" becoming "X told"); a named source is known
  by its last word ("Col. Ryan Dillon", "Ryan Dillon"); quotations are
  compared as quotations (their marks), whatever their extent.
* A cue **replaced** by another ("around" by "about") is a dropped and an
  added row sharing an ``edit`` id: changes that fall in the same gap of the
  word-by-word alignment are one edit.
* A cue **outside the stretch** on the copy's side is the author's own
  commentary, not an edit. A quotation that opens before the stretch or
  closes after it is the copy quoting the original, not a change. Inside the
  stretch, a sentence of which fewer than :data:`REPRODUCED_MIN` of the words
  align is the copy's own (or, on the original's side, a sentence cut whole):
  its cues are not edits either.
* The stretch runs to the **ends of its sentences** where the copy edited
  them: where the copy ends (or starts) a sentence at the stretch's edge and
  the original's sentence goes on ("The convoy was 6-7km long, one lorry
  driver tells us."), the original's side takes in the rest of its sentence;
  where both sentences go on with a word in common, both sides do; where the
  copy puts up to :data:`LEAD_WORDS` words before the original's sentence
  ("Clearly, the convoy ...") or adds a clause of up to :data:`TAIL_WORDS`
  words at its end (", one driver says."), the copy's side takes them in
  (not a clause after a quotation the copy closes: that is framing); a short
  rest of both paragraphs that shares a word is taken in whole.
* A paragraph that is less than half the original's words needs
  :data:`MIN_ALIGNED` aligned words to count as reproducing it.

How well this finds planted edits is measured by ``benchmarks/bench_diff.py``
(see VALIDATION.md, "The certainty diff").

Example:
    >>> import rhetoric
    >>> changes = rhetoric.diff(original_text, derived_text)  # doctest: +SKIP
    >>> changes[["change", "text", "origin_text", "explanation"]]  # doctest: +SKIP
"""

from __future__ import annotations

import re
import sys
import types
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from .provenance import ORIGIN_MIN, OriginIndex, words_with_spans

if TYPE_CHECKING:
    from .score import Analyzer, Scores

__all__ = [
    "diff",
    "diff_scores",
    "Diff",
    "CHANGE_KINDS",
    "CHANGE_COLUMNS",
    "STRETCH_COLUMNS",
    "change_rates",
]

CHANGE_KINDS = (
    "hedge_dropped",
    "hedge_added",
    "absolute_added",
    "absolute_dropped",
    "emotive_added",
    "emotive_dropped",
    "source_dropped",
    "source_added",
)
CHANGE_COLUMNS = [
    "doc_id",
    "change",
    "category",
    "text",
    "start",
    "end",
    "origin_text",
    "origin_start",
    "origin_end",
    "para",
    "origin_para",
    "edit",
    "explanation",
    "rule",
    "subtype",
    "entry",
    "context",
    "origin_context",
    "para_start",
    "para_end",
    "origin_para_start",
    "origin_para_end",
]
STRETCH_COLUMNS = [
    "doc_id",
    "para",
    "origin_para",
    "origin_para_last",
    "start",
    "end",
    "origin_start",
    "origin_end",
    "para_start",
    "para_end",
    "origin_para_start",
    "origin_para_end",
    "words",
    "origin_words",
    "changes",
]
CATEGORIES = ("hedge", "absolute", "emotive", "source")
# A paragraph that is not mostly the original's words needs this many aligned
# words to count as reproducing it: a five-word phrase the original happens to
# share ("the foreign fighters do not") is no passage of it.
MIN_ALIGNED = 8

# What each kind of cue does, for the explanations (student-readable).
WHAT = {
    "hedge": "a hedge, which makes a claim sound less sure",
    "absolute": "an absolute, which makes a claim sound certain or total",
    "emotive": "a loaded word, which carries the writer's judgement",
    "source": "an attribution, which says where the claim comes from",
    "named_source": "a named source, which says who the claim comes from",
    "link": "a link to the source",
    "url": "a link to the source",
}
DROPPED = "the original said '{context}'; this copy drops '{cue}' ({what})"
DROPPED_REPLACED = "; in its place it has '{new}'"
ADDED = "this copy says '{context}', where the original has no '{cue}' ({what})"
ADDED_REPLACED = "; the original said '{old}'"
QUOTE_DROPPED = (
    "the original put '{cue}' in quotation marks, as someone else's words; this copy drops the marks, "
    "so the words read as the copy's own"
)
QUOTE_ADDED = "this copy puts '{cue}' in quotation marks, where the original has none"

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# A sentence counts as reproduced when at least this share of its words (in
# the stretch) align word for word; below it, the sentence is the copy's own
# (on its side) or cut whole (on the original's), and its cues are no edit.
REPRODUCED_MIN = 0.3
# Words a copy may put before a reproduced sentence's first word and still be
# editing that sentence ("Clearly," "Perhaps" "The BBC says"); more is a lead-in
# of its own ("As the BBC's investigation put it,").
LEAD_WORDS = 3
# The same at the end: a clause of up to this many words a copy adds to a
# reproduced sentence (", one lorry driver tells us.", ", the BBC said.").
TAIL_WORDS = 6
# Up to this many words, two bits of text that share any word are the same
# sentence's ends, and two paragraph ends that share one are the same ending.
SHORT = 6
REST_WORDS = 12
_SENT_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)")
_OPEN = "\"'“‘«„([ \t\n"
_CLOSE = "\"'”’»)] \t\n"
_OPENERS = "\"'“‘«„(["  # taken into a stretch at its start
_CLOSERS = ".,;:!?…\"'”’»)]"  # and at its end
_WORD = re.compile(r"[^\W_]+(?:['’.,-][^\W_]+)*", re.UNICODE)
# Words too common to show that two sentence tails are the same sentence.
_COMMON = frozenset(
    "the a an and or but of to in on at for with by from as that this it its is was were be been".split()
)


@dataclass
class Diff:
    """A diff between an original and one derived text.

    Attributes:
        changes: one row a change (see :data:`CHANGE_COLUMNS`).
        stretches: one row per aligned paragraph (see :data:`STRETCH_COLUMNS`):
            where the stretch sits on both sides, its words, how many changes.
        original: the original's :class:`~rhetoric.Scores`.
        derived: the derived text's :class:`~rhetoric.Scores`.
    """

    changes: pd.DataFrame
    stretches: pd.DataFrame
    original: Scores
    derived: Scores

    def counts(self) -> dict[str, int]:
        """How many changes of each kind (every kind present, zeros included)."""
        vc = self.changes["change"].value_counts()
        return {k: int(vc.get(k, 0)) for k in CHANGE_KINDS}

    def to_html(self, *, marks: bool = True, title: str = "", origin_title: str = "") -> str:
        """The side-by-side page (see :mod:`rhetoric.diffpage`)."""
        from .diffpage import diff_dict_from_scores, render_diff_html

        data = diff_dict_from_scores(self, title=title, origin_title=origin_title)
        return render_diff_html(data, marks=marks)


# ---------------------------------------------------------------------------
# Cues and positions
# ---------------------------------------------------------------------------


def _norm(text: str) -> str:
    """Lower-cased words only: "Col. Ryan Dillon" and "Col Ryan Dillon" are one name."""
    return " ".join(w.lower() for w in _TOKEN.findall(text))


def _cues(spans: pd.DataFrame) -> dict[int, list[dict]]:
    """Counted cues by paragraph, as plain dicts."""
    if spans is None or not len(spans):
        return {}
    sp = spans
    if "counted" in sp.columns:  # a cue considered and set aside counts nowhere, here neither
        sp = sp[sp["counted"].fillna(True).astype(bool)]
    sp = sp[sp["category"].isin(CATEGORIES)]
    out: dict[int, list[dict]] = {}
    for r in sp.to_dict("records"):
        out.setdefault(int(r["para"]), []).append(r)
    return out


def _key(c: Mapping) -> tuple[str, str]:
    if c["rule"] == "quotation":
        return ("source", "\x00quotation")
    if c["rule"] in ("link", "url"):
        return ("source", "\x00link")
    # Any attribution word stands for any other ("says" -> "told", "according to"):
    # the claim keeps a source. Otherwise the lexicon entry, so "says" and "said"
    # or "Clearly" and "clearly" are one cue.
    if c["category"] == "source" and c["rule"] not in ("named_source",):
        return ("source", "\x00attribution")
    if c["rule"] == "named_source":
        # A name by its last word: "Col. Ryan Dillon" and "Ryan Dillon" are one source.
        words = _norm(str(c["text"])).split()
        return ("source", "\x02" + (words[-1] if words else ""))
    entry = c.get("entry")
    if isinstance(entry, str) and entry:
        return (c["category"], "\x01" + entry.lower())
    return (c["category"], _norm(str(c["text"])))


def _sentence_start(text: str, pos: int) -> int:
    last = 0
    for m in _SENT_END.finditer(text, 0, pos):
        last = m.end()
    while last < pos and text[last].isspace():
        last += 1
    return last


def _sentence_end(text: str, pos: int) -> int:
    m = _SENT_END.search(text, pos)
    return m.end() if m else len(text)


def _starts_sentence(text: str, pos: int) -> bool:
    """Does a sentence start at ``pos`` (only opening quotes or brackets before it since the last end)?"""
    before = text[:pos].rstrip(_OPEN)
    return not before or before[-1] in ".!?…:;"


def _ends_sentence(text: str, pos: int) -> bool:
    after = text[pos:].lstrip(_CLOSE)
    return not after or after[0] in ".!?…;"


def _closes_quote(text: str, pos: int) -> bool:
    """Does a closing quotation mark follow ``pos`` (after punctuation)?"""
    rest = text[pos : pos + 4].lstrip(".,;:!?…")
    return bool(rest) and rest[0] in '"”’»'


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in the opening quote marks before ``start`` and the punctuation after ``end``."""
    while start > 0 and text[start - 1] in _OPENERS:
        start -= 1
    while end < len(text) and text[end] in _CLOSERS:
        end += 1
    return start, end


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    return _sentence_start(text, pos), _sentence_end(text, pos)


def _enough(aligned: int, words: int) -> bool:
    return words == 0 or aligned >= REPRODUCED_MIN * words


def _share_words(a: str, b: str) -> bool:
    """Do two bits of text share a word (one that is not a common function word, unless both are short)?"""
    wa, wb = {w.lower() for w in _WORD.findall(a)}, {w.lower() for w in _WORD.findall(b)}
    if len(wa) > SHORT or len(wb) > SHORT:
        wa, wb = wa - _COMMON, wb - _COMMON
    return bool(wa & wb)


def _context(text: str, s: int, e: int, limit: int = 60) -> str:
    """The cue with up to two words before it and one after, within its clause, as a student would quote it."""
    if e - s > limit:
        return _short(text[s:e], limit)
    lo, hi = s, e
    m = _WORD.match(text, e + 1) if text[e : e + 1] == " " else None
    if m:
        hi = m.end()
    before = [m for m in _WORD.finditer(text, max(0, s - 60), s)]
    for m in reversed(before[-2:]):
        if text[m.end() : lo].strip():  # punctuation between: another clause
            break
        lo = m.start()
    return " ".join(text[lo:hi].split())


def _short(text: str, limit: int = 60) -> str:
    t = " ".join(str(text).split())
    if len(t) <= limit:
        return t
    cut = t[: limit - 1]
    return (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(" ,;:") + "…"


# ---------------------------------------------------------------------------
# One paragraph
# ---------------------------------------------------------------------------


class _Stretch:
    """The aligned stretch of one derived paragraph, and the word maps between its two sides."""

    def __init__(self, text: str, a, index: OriginIndex) -> None:
        self.text = text
        self.index = index
        self.dw, self.dsp = words_with_spans(text)
        self._dends = [e for _, e in self.dsp]
        wb = a.word_blocks
        a0, a1 = wb[0][0], wb[-1][0] + wb[-1][2]
        b0, b1 = wb[0][1], wb[-1][1] + wb[-1][2]
        sp = index.spans
        self.p1, s1, _ = sp[b0]
        self.p2, _, e2 = sp[b1 - 1]
        t1, t2 = index.paragraphs[self.p1], index.paragraphs[self.p2]
        ds, de = self.dsp[a0][0], self.dsp[a1 - 1][1]
        os_, oe = s1, e2
        # Leading edge: the copy starts a sentence where the original's sentence
        # began earlier (cut), or both sentences began earlier with shared words.
        if _starts_sentence(text, ds):
            os_ = _sentence_start(t1, s1)
        else:
            d_from, o_from = _sentence_start(text, ds), _sentence_start(t1, s1)
            if _share_words(text[d_from:ds], t1[o_from:s1]) or (
                # The original's sentence starts here and the copy put a word or
                # three in front of it ("Clearly, the convoy ..."): an edit of it.
                o_from == s1 and len(_TOKEN.findall(text[d_from:ds])) <= LEAD_WORDS
            ):
                ds, os_ = d_from, o_from
        # Trailing edge, the same way round.
        if _ends_sentence(text, de):
            oe = _sentence_end(t2, e2)
        else:
            d_to, o_to = _sentence_end(text, de), _sentence_end(t2, e2)
            if _share_words(text[de:d_to], t2[e2:o_to]) or (
                # The original's sentence ends here and the copy goes on for a short
                # clause (", one lorry driver tells us."): an edit of the sentence.
                # Not when the copy closes a quotation there that the original has not:
                # '..." the BBC reported.' is the copy quoting the original (framing).
                _ends_sentence(t2, e2)
                and len(_TOKEN.findall(text[de:d_to])) <= TAIL_WORDS
                and not (_closes_quote(text, de) and not _closes_quote(t2, e2))
            ):
                de, oe = d_to, o_to
        # A short rest of both paragraphs that shares a word ("One explains:" after
        # the last aligned block) is the same ending, edited: take it in.
        d_rest, o_rest = text[de:], t2[oe:]
        if (
            o_rest.strip()
            and len(_TOKEN.findall(d_rest)) <= REST_WORDS
            and len(_TOKEN.findall(o_rest)) <= REST_WORDS
            and _share_words(d_rest, o_rest)
        ):
            de, oe = len(text.rstrip()), len(t2.rstrip())
        # The stretch's own punctuation and quote marks belong to it.
        ds, de = _widen(text, ds, de)
        os_, _ = _widen(t1, os_, os_)
        _, oe = _widen(t2, oe, oe)
        self.ds, self.de, self.os, self.oe = ds, de, os_, oe
        self.a0 = bisect_left(self._dends, ds + 1)
        self.a1 = max(bisect_left(self._dends, de + 1), self.a0)
        if self.a1 < len(self.dsp) and self.dsp[self.a1][1] <= de:
            self.a1 += 1
        self.b0 = self._origin_word(self.p1, os_)
        self.b1 = max(self._origin_word(self.p2, oe), self.b0)
        if self.b1 < index.para_first[self.p2 + 1] and sp[self.b1][2] <= oe:
            self.b1 += 1
        self.ops = SequenceMatcher(
            None, self.dw[self.a0 : self.a1], index.words[self.b0 : self.b1], autojunk=False
        ).get_opcodes()
        self._j_starts = [op[3] for op in self.ops]
        self._i_starts = [op[1] for op in self.ops]
        # Which words align word for word (an "equal" run), on each side.
        self.d_equal = [False] * (self.a1 - self.a0)
        self.o_equal = [False] * (self.b1 - self.b0)
        for tag, i1, i2, j1, j2 in self.ops:
            if tag == "equal":
                self.d_equal[i1:i2] = [True] * (i2 - i1)
                self.o_equal[j1:j2] = [True] * (j2 - j1)

    def derived_reproduced(self, pos: int) -> bool:
        """Is the copy's sentence around ``pos`` reproduced from the original (not the copy's own)?"""
        lo, hi = _sentence_bounds(self.text, pos)
        lo, hi = max(lo, self.ds), min(hi, self.de)
        words = [i for i in range(self.a0, self.a1) if lo <= self.dsp[i][0] < hi]
        return _enough(sum(self.d_equal[i - self.a0] for i in words), len(words))

    def origin_reproduced(self, p: int, pos: int) -> bool:
        """Is the original's sentence around ``pos`` (in paragraph ``p``) reproduced, not cut whole?"""
        lo, hi = _sentence_bounds(self.index.paragraphs[p], pos)
        r_lo, r_hi = self.origin_range(p)
        lo, hi = max(lo, r_lo), min(hi, r_hi)
        sp = self.index.spans
        first, nxt = self.index.para_first[p], self.index.para_first[p + 1]
        words = [g for g in range(max(first, self.b0), min(nxt, self.b1)) if lo <= sp[g][1] < hi]
        return _enough(sum(self.o_equal[g - self.b0] for g in words), len(words))

    def _origin_word(self, p: int, pos: int) -> int:
        """Index (in the original's words) of the first word of paragraph ``p`` ending after ``pos``."""
        sp = self.index.spans
        first, nxt = self.index.para_first[p], self.index.para_first[p + 1]
        return first + bisect_left([sp[g][2] for g in range(first, nxt)], pos + 1)

    # -- origin -> derived ----------------------------------------------------

    def origin_word_to_derived(self, g: int) -> tuple[int, Any]:
        """The derived position (paragraph char) an original word maps to, and its edit region."""
        j = min(max(g - self.b0, 0), max(self.b1 - self.b0 - 1, 0))
        k = max(0, bisect_left(self._j_starts, j + 1) - 1)
        tag, i1, i2, j1, j2 = self.ops[k]
        if tag == "equal":
            return self.dsp[self.a0 + i1 + (j - j1)][0], None
        i = self.a0 + i1
        return (self.dsp[i][0] if i < self.a1 else self.de), k

    def derived_word_to_origin(self, i: int) -> tuple[int, int, Any]:
        """The original position ``(index paragraph, char)`` a derived word maps to, and its edit region."""
        sp = self.index.spans
        rel = min(max(i - self.a0, 0), max(self.a1 - self.a0 - 1, 0))
        k = max(0, bisect_left(self._i_starts, rel + 1) - 1)
        tag, i1, i2, j1, j2 = self.ops[k]
        if tag == "equal":
            p, s, _ = sp[self.b0 + j1 + (rel - i1)]
            return p, s, None
        g = self.b0 + j1
        if g < self.b1:
            p, s, _ = sp[g]
            return p, s, k
        return self.p2, self.oe, k

    def derived_word_at(self, pos: int) -> int:
        """Index of the first derived word ending after ``pos``."""
        return bisect_left(self._dends, pos + 1)

    def origin_word_at(self, p: int, pos: int) -> int:
        return self._origin_word(p, pos)

    def origin_range(self, p: int) -> tuple[int, int]:
        """The stretch's character range within original paragraph ``p``."""
        lo = self.os if p == self.p1 else 0
        hi = self.oe if p == self.p2 else len(self.index.paragraphs[p])
        return lo, hi


def _match(origin: list[dict], derived: list[dict]) -> tuple[list[dict], list[dict]]:
    """Pair cues with the same key, closest pairs first; return the unpaired ones of each side.

    Distance is measured in the copy's characters (an original cue at the
    point it maps to), so a word that stayed put pairs before one that moved.
    """
    pairs = []
    for i, o in enumerate(origin):
        ko = _key(o)
        for j, d in enumerate(derived):
            if _key(d) == ko:
                pairs.append((abs(o["_pos"] - d["_pos"]), i, j))
    used_o, used_d = set(), set()
    for _, i, j in sorted(pairs):
        if i not in used_o and j not in used_d:
            used_o.add(i)
            used_d.add(j)
    return (
        [o for i, o in enumerate(origin) if i not in used_o],
        [d for j, d in enumerate(derived) if j not in used_d],
    )


def _paragraph_changes(st: _Stretch, o_cues: dict[int, list[dict]], d_cues: list[dict]) -> list[dict]:
    """Unpaired cues of one stretch, each with its mapped point and edit region.

    Cues in the rest of the stretch's first and last sentences, outside the
    stretch, can pair with cues inside it (an attribution moved to the end of
    the sentence, "says X" becoming "X told"), but are never reported: outside
    the stretch is the copy's own commentary, or what it did not reproduce.
    """
    origin = []
    t1, t2 = st.index.paragraphs[st.p1], st.index.paragraphs[st.p2]
    o_lead, o_tail = _sentence_start(t1, st.os), _sentence_end(t2, st.oe)
    for p in range(st.p1, st.p2 + 1):
        lo, hi = st.origin_range(p)
        for c in o_cues.get(p, ()):
            cs, ce = int(c["para_start"]), int(c["para_end"])
            inside = cs < hi and ce > lo
            extra = not inside and ((p == st.p1 and o_lead <= cs < lo) or (p == st.p2 and hi <= cs < o_tail))
            if (inside and st.origin_reproduced(p, cs)) or extra:
                pos, region = st.origin_word_to_derived(st.origin_word_at(p, cs))
                origin.append({**c, "_pos": pos, "_region": region, "_ip": p, "_extra": extra})
    derived = []
    d_lead, d_tail = _sentence_start(st.text, st.ds), _sentence_end(st.text, st.de)
    for c in d_cues:
        cs, ce = int(c["para_start"]), int(c["para_end"])
        inside = cs < st.de and ce > st.ds
        extra = not inside and (d_lead <= cs < st.ds or st.de <= cs < d_tail)
        if (inside and st.derived_reproduced(cs)) or extra:
            i = min(max(st.derived_word_at(cs), st.a0), st.a1 - 1)
            op, opos, region = st.derived_word_to_origin(i)
            derived.append({**c, "_pos": cs, "_region": region, "_ip": op, "_opos": opos, "_extra": extra})
    dropped, added = _match(origin, derived)
    dropped = [c for c in dropped if not c["_extra"]]
    # A quotation around the stretch's edge is the copy quoting the original: framing, not an edit.
    added = [
        c
        for c in added
        if not c["_extra"]
        and not (
            c["rule"] == "quotation"
            and (c["para_start"] <= st.ds < c["para_end"] or c["para_start"] < st.de <= c["para_end"])
        )
    ]
    return [dict(c, _side="dropped") for c in dropped] + [dict(c, _side="added") for c in added]


# ---------------------------------------------------------------------------
# A whole document
# ---------------------------------------------------------------------------


def _explain(c: dict, partners: list[dict]) -> str:
    what = WHAT.get(c["rule"]) or WHAT.get(c["category"], "a cue")
    cue = _short(c["text"])
    if c["rule"] == "quotation":
        inner = _short(str(c["text"]).strip("\"'“”‘’«»„ ").rstrip(",;:"))
        return (QUOTE_DROPPED if c["_side"] == "dropped" else QUOTE_ADDED).format(cue=inner)
    if c["_side"] == "dropped":
        out = DROPPED.format(context=c["_context"], cue=cue, what=what)
        news = [p["text"] for p in partners if p["_side"] == "added" and p["rule"] != "quotation"]
        if news:
            out += DROPPED_REPLACED.format(new="', '".join(dict.fromkeys(_short(n) for n in news)))
        return out
    out = ADDED.format(context=c["_context"], cue=cue, what=what)
    olds = [p["_context"] for p in partners if p["_side"] == "dropped" and p["rule"] != "quotation"]
    if olds:
        out += ADDED_REPLACED.format(old="', '".join(dict.fromkeys(olds)))
    return out


def diff_scores(
    original: Scores,
    derived: Scores,
    *,
    index: OriginIndex | None = None,
    origin_paras: list[int] | None = None,
) -> Diff:
    """The diff of two scored texts (see the module docstring for the rules).

    Args:
        original: the original's :class:`~rhetoric.Scores`.
        derived: the derived text's.
        index: an :class:`~rhetoric.provenance.OriginIndex` of the original's
            non-boilerplate paragraphs, when the caller has one (a corpus
            builds it once); ``origin_paras`` then gives each indexed
            paragraph's ``para`` number in the original.

    Returns:
        A :class:`Diff`.
    """
    odoc, ddoc = original.document, derived.document
    if index is None:
        kept = [p for p in odoc.paragraphs if p.kind != "boilerplate"]
        index = OriginIndex([p.text for p in kept])
        origin_paras = [p.index for p in kept]
    assert origin_paras is not None
    o_by_doc = _cues(original.spans)
    o_cues = {ip: o_by_doc.get(pn, []) for ip, pn in enumerate(origin_paras)}
    d_cues = _cues(derived.spans)
    rows: list[dict] = []
    stretches: list[dict] = []
    edit = 0
    for p in ddoc.paragraphs:
        if p.kind == "boilerplate" or not p.text.strip():
            continue
        a = index.align(p.text)
        if not a.word_blocks or (a.overlap < ORIGIN_MIN and a.aligned_words < MIN_ALIGNED):
            continue
        st = _Stretch(p.text, a, index)
        found = _paragraph_changes(st, o_cues, d_cues.get(p.index, []))
        o1, o2 = odoc.paragraphs[origin_paras[st.p1]], odoc.paragraphs[origin_paras[st.p2]]
        ds_raw, de_raw = ddoc.to_raw(p.clean_start + st.ds, p.clean_start + st.de)
        os_raw = odoc.to_raw(o1.clean_start + st.os, o1.clean_start + st.os)[0]
        oe_raw = odoc.to_raw(o2.clean_start + st.oe, o2.clean_start + st.oe)[1]
        stretches.append({
            "doc_id": derived.doc_id, "para": p.index, "origin_para": o1.index, "origin_para_last": o2.index,
            "start": ds_raw, "end": de_raw, "origin_start": os_raw, "origin_end": oe_raw,
            "para_start": st.ds, "para_end": st.de, "origin_para_start": st.os, "origin_para_end": st.oe,
            "words": st.a1 - st.a0, "origin_words": st.b1 - st.b0, "changes": len(found),
        })  # fmt: skip
        if not found:
            continue
        # Edits: changes in the same gap of the word alignment are one edit.
        found.sort(key=lambda c: (c["_pos"], c["_side"] != "dropped", c["para_start"]))
        groups: dict[Any, list[dict]] = {}
        for c in found:
            region = c["_region"]
            key = ("solo", id(c)) if region is None else region
            if key not in groups:
                edit += 1
                groups[key] = []
            c["_edit"] = edit
            groups[key].append(c)
        for c in found:
            if c["_side"] == "dropped":
                ot = index.paragraphs[c["_ip"]]
                c["_context"] = _context(ot, int(c["para_start"]), int(c["para_end"]))
            else:
                c["_context"] = _context(p.text, int(c["para_start"]), int(c["para_end"]))
        for c in found:
            region = c["_region"]
            partners = [] if region is None else [x for x in groups[region] if x is not c]
            explanation = _explain(c, partners)
            kind = f"{c['category']}_{c['_side']}"
            if c["_side"] == "dropped":
                opara = odoc.paragraphs[origin_paras[c["_ip"]]]
                pos = c["_pos"]
                s_raw = ddoc.to_raw(p.clean_start + pos, p.clean_start + pos)[0]
                row = {
                    "text": "", "start": s_raw, "end": s_raw,
                    "origin_text": c["text"], "origin_start": int(c["start"]), "origin_end": int(c["end"]),
                    "origin_para": opara.index, "context": "", "origin_context": c["_context"],
                    "para_start": pos, "para_end": pos,
                    "origin_para_start": int(c["para_start"]), "origin_para_end": int(c["para_end"]),
                }  # fmt: skip
            else:
                opara = odoc.paragraphs[origin_paras[c["_ip"]]]
                opos = c["_opos"]
                o_raw = odoc.to_raw(opara.clean_start + opos, opara.clean_start + opos)[0]
                row = {
                    "text": c["text"], "start": int(c["start"]), "end": int(c["end"]),
                    "origin_text": "", "origin_start": o_raw, "origin_end": o_raw,
                    "origin_para": opara.index, "context": c["_context"], "origin_context": "",
                    "para_start": int(c["para_start"]), "para_end": int(c["para_end"]),
                    "origin_para_start": opos, "origin_para_end": opos,
                }  # fmt: skip
            row |= {
                "doc_id": derived.doc_id, "change": kind, "category": c["category"], "para": p.index,
                "edit": c["_edit"], "explanation": explanation, "rule": c["rule"],
                "subtype": c.get("subtype", ""), "entry": c.get("entry", ""),
            }  # fmt: skip
            rows.append(row)
    changes = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    if len(changes):
        added = changes["change"].str.endswith("_added")
        changes = (
            changes.assign(_added=added)
            .sort_values(["para", "edit", "_added"], kind="stable")
            .drop(columns="_added")
            .reset_index(drop=True)
        )
    for col in ("start", "end", "origin_start", "origin_end", "para", "origin_para", "edit"):
        changes[col] = changes[col].astype("int64")
    return Diff(changes, pd.DataFrame(stretches, columns=STRETCH_COLUMNS), original, derived)


@lru_cache(maxsize=1)
def _default_analyzer() -> Analyzer:
    from .score import Analyzer

    return Analyzer(readability=False)


def _scores(x: Any, analyzer: Analyzer, doc_id: str) -> Scores:
    if hasattr(x, "document") and hasattr(x, "spans"):
        return x
    from .text import Document

    if isinstance(x, Document):
        return next(analyzer.score_many([x]))
    if isinstance(x, str):
        return analyzer.score(x, doc_id=doc_id)
    raise TypeError(f"cannot diff a {type(x).__name__}: pass a str (the text), a Document or a Scores")


def diff_texts(original: Any, derived: Any, *, analyzer: Analyzer | None = None) -> Diff:
    """Like :func:`diff`, but return the whole :class:`Diff` (tables, both texts' scores)."""
    analyzer = analyzer or _default_analyzer()
    o = _scores(original, analyzer, "original")
    d = _scores(derived, analyzer, "derived")
    return diff_scores(o, d)


def diff(original_text: Any, derived_text: Any, *, analyzer: Analyzer | None = None) -> pd.DataFrame:
    """What a derived text changed in the cues of the original: one row a change.

    Args:
        original_text: the original report (a string, or a
            :class:`~rhetoric.text.Document` or :class:`~rhetoric.Scores`).
        derived_text: the text that retells it (the same).
        analyzer: the :class:`~rhetoric.Analyzer` to score strings with (one
            is made on first use and kept).

    Returns:
        A DataFrame with :data:`CHANGE_COLUMNS`: ``change`` (one of
        :data:`CHANGE_KINDS`), ``text, start, end`` (raw offsets in the derived
        text; a dropped cue has empty ``text`` and ``start == end`` where it
        would sit), ``origin_text, origin_start, origin_end`` (raw offsets in
        the original; empty and a point for an added cue), ``para`` and
        ``origin_para``, ``edit`` (a replaced cue is a dropped and an added
        row sharing one) and a readable ``explanation``.

    Example:
        >>> import rhetoric
        >>> t = rhetoric.diff("Around 4,000 people left, a driver says.", "4,000 people left.")  # doctest: +SKIP
        >>> list(t["change"])  # doctest: +SKIP
        ['hedge_dropped', 'source_dropped']
    """
    return diff_texts(original_text, derived_text, analyzer=analyzer).changes


def change_rates(changes: pd.DataFrame, stretches: pd.DataFrame, *, by: str = "doc_id") -> pd.DataFrame:
    """Changes of each kind per document, and per 100 reproduced words (the copy's stretch words).

    Returns:
        One row per document (every document with a stretch): ``words`` (the
        reproduced words), ``aligned_paragraphs``, ``changes``, a count column
        per kind and ``<kind>_per_100`` for each.
    """
    words = stretches.groupby(by).agg(words=("words", "sum"), aligned_paragraphs=("para", "size"))
    counts = (
        changes.groupby([by, "change"]).size().unstack("change", fill_value=0)
        if len(changes)
        else pd.DataFrame(index=words.index)
    )
    counts = counts.reindex(columns=list(CHANGE_KINDS), fill_value=0).reindex(words.index, fill_value=0)
    out = words.join(counts)
    out["changes"] = counts.sum(axis=1)
    for k in CHANGE_KINDS:
        out[f"{k}_per_100"] = 100.0 * out[k] / out["words"].where(out["words"] > 0)
    return out.reset_index()


class _CallableModule(types.ModuleType):
    """This module, callable: ``rhetoric.diff(original, derived)`` is :func:`diff`."""

    def __call__(
        self, original_text: Any, derived_text: Any, *, analyzer: Analyzer | None = None
    ) -> pd.DataFrame:
        return diff(original_text, derived_text, analyzer=analyzer)


sys.modules[__name__].__class__ = _CallableModule
