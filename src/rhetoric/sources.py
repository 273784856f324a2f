"""Where a claim comes from: named sources, quotations and links.

The attribution words themselves ("said", "according to") are lexicon entries
(``data/sourcing.tsv``) matched in :mod:`rhetoric.cues`. This module adds what
no word list can see:

* **named sources**: the proper name that is the subject of an attribution
  verb ("*Kevin Drum* over at Mother Jones wondered"), or the object of
  "according to"; never a date, a place as the subject of reporting, or a
  pronoun;
* **quotations**: a direct quotation of four words or more, or a shorter one
  with an attribution cue next to it or governing it (a one-word scare quote
  is no source);
* **links**: a link in the markup, or a bare URL.

Example:
    >>> from rhetoric import Analyzer  # doctest: +SKIP
    >>> s = Analyzer().score("Kevin Drum over at Mother Jones wondered why.")  # doctest: +SKIP
    >>> s.spans[["text", "rule"]].values.tolist()  # doctest: +SKIP
    [['Kevin Drum', 'named_source'], ['wondered', 'lexicon']]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .cues import Cue, _subject, patterns
from .lexicon import Entry
from .quotes import Quote

__all__ = ["named_sources", "quotation_cues", "link_cues", "QUOTE_MIN_WORDS"]

QUOTE_MIN_WORDS = 4
_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "FAC", "WORK_OF_ART", "LAW"})
# Not a source even when tagged a proper noun: a month or a weekday ("on 11 October shows").
_NOT_NAMES = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_NAME_BRIDGE = frozenset({"-", "–", "'", "’", ".", "“", "”", '"', "‘"})
_RE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'“”]+[^\s<>\"'“”.,;:!?)\]]", re.I)


def _is_place(tok) -> bool:
    return tok.ent_type_ in ("GPE", "LOC") if tok.ent_type_ else False


def _name_in(tok, doc, has_ents: bool) -> tuple[int, int] | None:
    """Token range of the proper name heading ``tok``'s phrase, if there is one."""
    sub_lo, sub_hi = tok.left_edge.i, tok.right_edge.i + 1
    if has_ents:
        for ent in doc.ents:
            if ent.label_ in _NAME_LABELS and sub_lo <= ent.start and ent.end <= sub_hi:
                return ent.start, ent.end
    runs: list[tuple[int, int]] = []
    i = sub_lo
    while i < sub_hi:
        if doc[i].pos_ != "PROPN" or doc[i].lower_ in _NOT_NAMES:
            i += 1
            continue
        j = i + 1
        end = len(doc)  # a name may run past the subtree the parser gave it ("al" / "-" / "Assad")
        while j < end:
            if doc[j].pos_ == "PROPN" and doc[j].text not in _NAME_BRIDGE and doc[j].lower_ not in _NOT_NAMES:
                j += 1
                continue
            # Bridge a hyphen, apostrophe or quote mark inside a name: al-Assad, James “Mad Dog” Mattis.
            k = j
            while k < end and k - j < 2 and doc[k].text in _NAME_BRIDGE:
                k += 1
            if k > j and k < end and doc[k].pos_ == "PROPN" and doc[k].text not in _NAME_BRIDGE:
                j = k
                continue
            break
        # "and" joins two names into one source: "Quentin Sommerville and Riam Dalati".
        if (
            j + 1 < sub_hi
            and doc[j].lower_ == "and"
            and doc[j + 1].pos_ == "PROPN"
            and doc[j + 1].lower_ not in _NOT_NAMES
        ):
            k = j + 1
            while k < end and doc[k].pos_ == "PROPN" and doc[k].lower_ not in _NOT_NAMES:
                k += 1
            runs.append((i, k))
            i = k
            continue
        runs.append((i, j))
        i = j
    if not runs:
        return None
    for r in runs:
        if r[0] <= tok.i < r[1]:
            return r
    return max(runs, key=lambda r: (r[1] - r[0], r[0]))


def named_sources(doc, source_matches: Sequence[tuple[int, int, Entry]]) -> list[tuple[int, int, str]]:
    """``(start_token, end_token, cue_word)`` of each name credited by an attribution cue."""
    pats = patterns()
    out: list[tuple[int, int, str]] = []
    seen: set[tuple[int, int]] = set()
    has_ents = bool(source_matches) and doc.has_annotation("ENT_IOB")  # walks the doc: once, not per verb
    for s, e, entry in source_matches:
        head = doc[s:e].root
        target = None
        cue_word = doc[s:e].text
        if entry.term in pats["attribution_phrase"]:
            last = doc[e - 1]
            target = next((c for c in last.children if c.dep_ == "pobj"), None)
        elif head.pos_ in ("VERB", "AUX"):
            target = _subject(head)
        if target is None or target.pos_ in ("PRON", "NUM") or target.lower_ in _NOT_NAMES:
            continue
        if _is_place(target) and entry.term not in pats["attribution_phrase"]:
            continue  # "reports out of Syria", "America was complicit": a place is not who said it
        rng = _name_in(target, doc, has_ents)
        if rng is None:
            continue
        # The name must be the subject's own head or modify it, not a place inside it ("men ... out of Syria").
        name_toks = range(rng[0], rng[1])
        if target.i not in name_toks and not any(doc[k].head.i == target.i for k in name_toks):
            continue
        if rng not in seen and not (rng[0] < e and s < rng[1]):
            seen.add(rng)
            out.append((rng[0], rng[1], cue_word))
    return out


def _attributed(doc, span, attribution: set[int], window: int = 3, steps: int = 3) -> bool:
    """Is an attribution cue within ``window`` tokens of the quotation, or among its governors?"""
    lo, hi = max(span.start - window, 0), min(span.end + window, len(doc))
    if any(i in attribution for i in range(lo, hi)):
        return True
    tok = span.root
    for _ in range(steps):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.i in attribution:
            return True
    return False


def quotation_cues(doc, text: str, quotes: Sequence[Quote], attribution: set[int]) -> list[Cue]:
    """A source cue for each direct quotation that gives someone's words.

    ``attribution`` holds the token indices of attribution cues (verbs and
    phrases): a quotation is attributed when one stands next to it or governs
    it ("he said “no”"), not merely somewhere in the same sentence.
    """
    out = []
    for q in quotes:
        inner = text[q.start + 1 : q.end - (1 if q.closed else 0)]
        nwords = len(re.findall(r"\w+", inner))
        if nwords == 0:
            continue
        attributed = False
        if attribution:
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is not None and len(span):
                attributed = _attributed(doc, span, attribution)
        if nwords >= QUOTE_MIN_WORDS or (attributed and nwords >= 2):
            out.append(
                Cue(
                    start=q.start,
                    end=q.end,
                    category="source",
                    rule="quotation",
                    subtype="attributed" if attributed else "direct",
                    explanation=f"A direct quotation of {nwords} word{'s' if nwords != 1 else ''}: the words are someone else's.",
                )
            )
    return out


def link_cues(text: str, links: Sequence[tuple[int, int, str]] = ()) -> list[Cue]:
    """A source cue for each link in the markup and each bare URL in the text."""
    spans = list(links)
    for m in _RE_URL.finditer(text):
        if not any(ls <= m.start() < le for ls, le, _ in spans):
            spans.append((m.start(), m.end(), m.group()))
    out = []
    for ls, le, url in spans:
        target = "" if url in ("#", "") else f" to {url}"
        out.append(
            Cue(
                start=ls,
                end=le,
                category="source",
                rule="url" if text[ls:le] == url else "link",
                subtype="citation",
                explanation=f"A link{target}: the author points to a source.",
            )
        )
    return out
