"""Word sense: count a cue only in the sense that makes it one.

A modal is a hedge only when it is *epistemic*, about how likely a claim is
("that *would* explain it", "it *could* have been a trap"), not when it speaks
of ability ("everything they *could* carry"), habit ("they *would* beat
him"), a wish ("*would* love to see"), the future seen from the past
("believed Trump *would* embrace ISIS") or obligation ("Trump *must* stop",
"he *should* resign"). Obligation is neither doubt nor certainty: a demand
says what someone ought to do, not how sure the author is that something is
true, so deontic *must* and *should* are set aside, not counted as hedges or
absolutes. An absolutist word counts when it universalises a claim
("*everyone* knows", "they *always* lie"), not in an idiom ("*all* the
while") or a plain quantity ("*all* 4,000 people", "the *entire* city").

The decisions are data: ``data/senses.tsv`` holds, for each word, an ordered
list of *frames*; the first frame that holds on the parse gives the sense and
whether the cue counts. A frame's kind is one of :data:`FRAMES` (each a small
test on the parse below); its ``value`` column gives the words it looks for.
Each row cites the grammar it follows (Coates 1983, Palmer 2001, Quirk et
al. 1985; see ``data/SOURCES.md``). A user's senses file adds rows, replaces
the frames of a word, or switches a word's sense checks off (see
:func:`load_senses`).

Example:
    >>> Reading("ability", False, "").explain("could")
    "'could' here means ability, not doubt or certainty: not counted."
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .cues import _REALISED_TO  # "continues to show", "began to reveal": it happened
from .lexicon import LexiconError

__all__ = ["Frame", "Reading", "FRAMES", "load_senses", "default_senses", "read_sense", "sense_note", "SenseError"]

SENSE_COLUMNS = ("term", "frame", "value", "sense", "counted", "source", "note")

# What a sense means, in words a student can read.
_SENSE_WORDS = {
    "ability": "ability",
    "habit": "a past habit",
    "wish": "a wish",
    "future_in_past": "the future seen from the past (what someone said or expected would happen)",
    "obligation": "obligation or permission (what someone ought to do)",
    "conditional": "a hypothesis (what would happen if), or what someone intended",
    "idiom": "part of a fixed phrase",
    "quantity": "a plain quantity",
    "determiner": "'some particular' (a determiner)",
    "manner": "the manner of doing something",
    "fixed_phrase": "part of a fixed phrase",
    "not_speech": "no report of anyone's words",
    "label": "a label, not a report of speech",
    "unasserted": "something that may, could or is yet to be shown or known, not a finding the author asserts",
    "modifier": "a participle describing a noun (established methods, known as)",
    "no_claim": "knowing a thing, not a fact stated as true (knew the area, little is known)",
    "measure": "a chance measured over a group (17 percent more likely)",
    "under_modal": "a word of emphasis under 'may', 'might', 'could' or 'can', which leave the claim open",
    "compound": "part of a compound noun (hypothesis testing)",
    "intention": "what someone promised or meant to do (promised never to agree), not a claim",
}


# Senses that move a cue to the other category: "could not have been" rules a
# possibility out, which is certainty that it did not happen (Palmer 2001: the
# negated epistemic possibility is a negative necessity), so the hedge word
# counts as an absolute, as the gold guideline marks "can't have".
MOVES = {"ruled_out": "absolute"}


class SenseError(LexiconError):
    """A malformed senses file: the message names the file and line."""


@dataclass(frozen=True)
class Frame:
    """One row of ``senses.tsv``."""

    term: str
    frame: str
    value: tuple[str, ...]
    sense: str
    counted: bool
    source: str
    note: str = ""


@dataclass(frozen=True)
class Reading:
    """The sense a frame gave a cue."""

    sense: str
    counted: bool
    note: str
    category: str = ""  # a category the sense moves the cue to ("" keeps the entry's)

    def explain(self, word: str) -> str:
        """Why a set-aside cue does not count, for the highlight page and the span table."""
        what = _SENSE_WORDS.get(self.sense, self.sense.replace("_", " "))
        return f"'{word}' here means {what}, not doubt or certainty: not counted."


def sense_note(sense: str, word: str) -> str:
    """The clause added to a counted cue's explanation: the reading that made it count."""
    if sense == "epistemic":
        return f"; here '{word}' is about how likely the claim is"
    if sense == "universal":
        return f"; here '{word}' makes the claim hold without exception"
    if sense == "ruled_out":
        return f"; here '{word}' rules the possibility out, so the author is sure it did not happen"
    return ""


# -- the frames: small tests on the parse ---------------------------------------

_INANIMATE = frozenset({"it", "that", "this", "there", "which", "what", "these", "those"})
_ANIMATE_PRON = frozenset({"i", "you", "he", "she", "we", "they", "who", "everyone", "anyone", "someone", "nobody"})
_REPORT_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj"})


def _verb(tok):
    """The verb a modal or auxiliary belongs to (its head), or the token itself."""
    return tok.head if tok.dep_ in ("aux", "auxpass", "neg") and tok.head is not tok else tok


def _subject(verb):
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj"):
            return c
    if verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
        return _subject(verb.head)
    if verb.dep_ == "relcl" and verb.head is not verb:
        return verb.head
    return None


def _animate(subj) -> bool | None:
    """True for people (a personal pronoun, a name, a plural of people), False for things, None unknown."""
    if subj is None:
        return None
    low = subj.lower_
    if subj.dep_ == "expl" or low in _INANIMATE:
        return False
    if subj.pos_ == "PRON":
        return low in _ANIMATE_PRON
    if subj.pos_ == "PROPN":
        return True
    from .cues import patterns

    pats = patterns()
    lemma = subj.lemma_.lower()
    if lemma in pats.get("person_noun", ()) or low in pats.get("person_noun", ()):
        return True
    if lemma in pats["document_noun"]:
        return False
    return None


def _f_phrase(doc, tok, start, end, f: Frame) -> bool:
    # A window of tokens around the cue: building doc.text would walk the whole document.
    win = doc[max(0, tok.i - 8) : min(len(doc), tok.i + 9)]
    text, base = win.text, win.start_char
    lo, hi = tok.idx - base, tok.idx - base + len(tok.text)
    window = text.lower().replace("’", "'")
    for phrase in f.value:
        for m in re.finditer(re.escape(phrase), window):
            a, b = m.start(), m.end()
            if not (a <= lo and hi <= b):
                continue
            if a > 0 and text[a - 1].isalnum():
                continue
            if not phrase.endswith("-") and b < len(text) and text[b].isalnum():
                continue
            return True
    return False


def _sentence(doc, tok):
    """The tokens of ``tok``'s sentence, or of the whole doc when it has no sentence boundaries."""
    try:
        return tok.sent
    except ValueError:
        return doc[:]


def _f_governed_by(doc, tok, start, end, f: Frame) -> bool:
    v = _verb(tok)
    t, steps = v, 0
    while t.head is not t and steps < 3:
        if t.dep_ in _REPORT_DEPS and t.head.lemma_.lower() in f.value and t.head.tag_ in ("VBD", "VBN"):
            return True
        if t.dep_ not in ("conj", "ccomp", "xcomp"):
            break
        t, steps = t.head, steps + 1
    return False


def _f_conditional(doc, tok, start, end, f: Frame) -> bool:
    v = _verb(tok)
    for c in v.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in f.value for m in c.children):
            return True
    # the modal inside the if-clause itself, or "if" opening the sentence
    if any(m.dep_ == "mark" and m.lower_ in f.value for m in v.children):
        return True
    return any(t.lower_ in f.value and t.i < tok.i and t.dep_ == "mark" for t in _sentence(doc, tok))


def _f_perfect(doc, tok, start, end, f: Frame) -> bool:
    nxt = doc[tok.i + 1 : tok.i + 4]
    words = [t.lower_ for t in nxt]
    if "have" in words[:2] or "'ve" in words[:2] or "’ve" in words[:2]:
        return True
    return False


_STATIVE = frozenset({"be", "seem", "appear", "have", "mean", "know", "exist", "remain", "become", "feel", "look"})


def _f_perfect_agentive(doc, tok, start, end, f: Frame) -> bool:
    """could / would have + an action by people: "they could have chosen", "he would have conceded"."""
    if not _f_perfect(doc, tok, start, end, f):
        return False
    v = _verb(tok)
    return v.lemma_.lower() not in _STATIVE and _animate(_subject(v)) is True


def _f_object_of_action(doc, tok, start, end, f: Frame) -> bool:
    """The word is (or determines) the object of an action verb: "answered every question"."""
    t = tok
    if t.dep_ in ("det", "predet", "amod", "nummod") and t.head is not t:
        t = t.head  # the noun it determines
    if t.dep_ == "pobj" and t.head.dep_ in ("prep", "agent") and t.head.head is not t.head:
        t = t.head  # "for every metre", "with everything"
    if t.dep_ not in ("dobj", "prep", "agent", "dative"):
        return False
    verb = t.head
    return verb.pos_ == "VERB" and verb.lemma_.lower() not in _STATIVE | {"know", "believe", "think", "agree", "understand"}


_MODALS = frozenset({"can", "could", "should", "must", "may", "might", "will", "would", "shall", "ca", "wo", "'ll", "’ll"})
_IRREALIS_MARKS = frozenset({"until", "if", "unless", "before", "whether", "till"})


def _f_irrealis(doc, tok, start, end, f: Frame) -> bool:
    """The clause is not asserted: under a modal, a negation, an infinitive, or "until" / "if".

    "could not visit every station", "publish every figure" (under "should"),
    "until every valid vote has been counted": a quantifier there describes
    what may or must be done, it makes no universal claim.
    """
    v = _head_verb_of(tok)
    for _ in range(3):
        kids = list(v.children)
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in kids) or any(c.dep_ == "neg" for c in kids):
            return True
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
            return True
        if any(c.dep_ == "mark" and c.lower_ in _IRREALIS_MARKS for c in kids):
            return True
        if v.dep_ in ("conj", "xcomp") and v.head is not v:
            v = v.head
            continue
        break
    return False


def _f_unasserted(doc, tok, start, end, f: Frame) -> bool:
    """A verb of proof or knowledge the author does not assert (Hooper 1975; Palmer 2001).

    Under a modal ("may demonstrate", "can be established", "will show"), in an
    infinitive ("to establish whether", "is likely to prove", "much to learn"),
    in an if- or whether-clause ("if it were demonstrated"), or as a bare
    gerund ("establishing proximity"): what may, could or is yet to be shown,
    not a finding presented as certain. A negated one ("cannot prove") is left
    to the negation rules, and "continues to show" is asserted.
    """
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    kids = list(tok.children)
    shares = not any(c.dep_ in ("aux", "auxpass", "mark", "nsubj", "nsubjpass") for c in kids)
    if shares and tok.dep_ == "conj" and tok.head is not tok:
        kids = list(tok.head.children)  # "may impair and demonstrate": the shared modal (not "..., but the council knew")
    if any(c.dep_ == "neg" for c in kids):
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in kids):
        return True
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
        return not (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _REALISED_TO)
    if any(c.dep_ == "mark" and c.lower_ in _IRREALIS_MARKS for c in kids):
        return True
    if tok.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in kids):
        # "results showing that ...": a clause still states the finding
        return not any(c.dep_ == "ccomp" for c in kids)
    return False


def _f_to_infinitive(doc, tok, start, end, f: Frame) -> bool:
    """The word sits in a to-infinitive under a verb of the row's value: "promised never to agree"."""
    v = _head_verb_of(tok)
    if v is tok or not any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        return False
    return v.head is not v and v.head.lemma_.lower() in f.value


def _f_modifier(doc, tok, start, end, f: Frame) -> bool:
    """A participle describing a noun: "established test methods", "a protein known as eIF2a".

    Before a noun of knowledge in the row's value ("an established fact",
    "a proven link") the participle still presents the claim as settled.
    """
    if tok.tag_ != "VBN" or tok.dep_ not in ("amod", "acl"):
        return False
    if tok.head.lemma_.lower() in f.value or tok.head.lower_ in f.value:
        return False
    return not any(c.dep_ in ("aux", "auxpass", "ccomp") for c in tok.children)


def _f_past_perfect(doc, tok, start, end, f: Frame) -> bool:
    v = tok.head
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in v.children)


def _f_no_clause_object(doc, tok, start, end, f: Frame) -> bool:
    """show with a thing as its object, no "that"-clause: "show restraint", "shows smoke rising"."""
    kids = list(tok.children)
    if any(c.dep_ in ("ccomp", "advcl") or c.lower_ in ("how", "why", "whether", "what", "that") for c in kids):
        return False
    return any(c.dep_ in ("dobj", "attr", "nsubjpass", "auxpass") for c in kids) or tok.dep_ in ("xcomp", "acl")


_FACT_PRONOUNS = frozenset({"it", "this", "that", "so", "which", "what"})


def _f_no_fact(doc, tok, start, end, f: Frame) -> bool:
    """A factive verb with no fact as its complement (Kiparsky and Kiparsky 1970).

    "knew the area", "little is known", "known as": a thing, not a
    clause. A clause ("knew that ..."), a question word, or a pronoun that
    stands for a fact ("Kemp knows it", "this is known") keeps the factive.
    """
    kids = list(tok.children)
    if any(c.dep_ in ("ccomp", "xcomp", "advcl", "parataxis", "csubj") for c in kids):
        return False
    if any(c.i > tok.i and c.lower_ in ("how", "why", "whether", "what", "that", "if", "where", "when", "who") for c in kids):
        return False
    objs = [c for c in kids if c.dep_ in ("dobj", "attr", "nsubjpass")]
    if any(o.lower_ in _FACT_PRONOUNS for o in objs):
        return False
    if objs:
        return True
    return any(c.dep_ == "prep" and c.lower_ == "as" for c in kids)  # "known as"


def _f_group_measure(doc, tok, start, end, f: Frame) -> bool:
    """A compared chance measured over groups: "17 percent more likely", "smokers were more likely to".

    A comparative ("more", "less", "as") with a number before it or a plural
    group as subject reports a measured rate, not the author's doubt. A single
    forecast ("Trump is more likely to win") keeps its hedge.
    """
    if tok.pos_ != "ADJ" or not any(c.lower_ in ("more", "less", "as") for c in tok.children):
        return False  # "most likely caused" is the author's own guess
    before = doc[max(0, tok.i - 4) : tok.i]
    if any(t.like_num or t.lower_ in ("times", "percent", "%", "twice", "thrice", "half", "fold") for t in before):
        return True
    subj = _subject(_head_verb_of(tok))
    return subj is not None and (subj.tag_ in ("NNS", "NNPS") or subj.lower_ == "those")


def _f_infinitive(doc, tok, start, end, f: Frame) -> bool:
    """"possible to kill the bacteria": what can be done, not how likely a claim is.

    The frame holds when an infinitive follows whose verb is not in the row's
    value: verbs of knowing ("not possible to verify") keep the hedge.
    """
    for t in (*tok.children, *(tok.head.children if tok.head is not tok else ())):
        if t.i > tok.i and t.dep_ in ("xcomp", "ccomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            return t.lemma_.lower() not in f.value
    return False


# The words of a ruled-out possibility after the modal: "could not have", "couldn't have".
NOT_WORDS = frozenset({"not", "n't", "n’t", "never"})
HAVE_WORDS = frozenset({"have", "'ve", "’ve"})


def _f_negated_perfect(doc, tok, start, end, f: Frame) -> bool:
    """"could not have been", "couldn't have known": the possibility is ruled out (Palmer 2001)."""
    nxt = [t.lower_ for t in doc[tok.i + 1 : tok.i + 3]]
    if not tok.lower_.endswith(("n't", "n’t")):
        if not nxt or nxt[0] not in NOT_WORDS:
            return False
        nxt = nxt[1:]
    return bool(nxt) and nxt[0] in HAVE_WORDS


def _f_under_possibility(doc, tok, start, end, f: Frame) -> bool:
    """"may actually keep the doctor away", "it may indeed be the case": the modal leaves the claim open."""
    v = _head_verb_of(tok)
    return any(c.dep_ == "aux" and c.lower_ in f.value for c in v.children)


def _f_compound(doc, tok, start, end, f: Frame) -> bool:
    """A noun naming a kind of thing inside a compound: "hypothesis testing", "probability theory"."""
    return tok.dep_ == "compound" and tok.head.i > tok.i


def _f_negated(doc, tok, start, end, f: Frame) -> bool:
    if tok.lower_.endswith(("n't", "n’t")) or tok.lower_ == "cannot":
        return True
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return nxt is not None and nxt.lower_ in ("not", "n't", "n’t", "never")


def _f_head_lemma(doc, tok, start, end, f: Frame) -> bool:
    v = _verb(tok)
    return v is not tok and v.lemma_.lower() in f.value


def _f_inanimate_subject(doc, tok, start, end, f: Frame) -> bool:
    return _animate(_subject(_verb(tok))) is False


def _f_animate_subject(doc, tok, start, end, f: Frame) -> bool:
    v = _verb(tok)
    if v.lemma_.lower() in ("be", "seem", "appear", "have", "mean"):
        return False  # "they could be anywhere": a possibility, not an ability
    return _animate(_subject(v)) is True or (tok.dep_ == "aux" and v.dep_ == "relcl")


def _f_habit(doc, tok, start, end, f: Frame) -> bool:
    v = _verb(tok)
    if v.lemma_.lower() in ("be", "seem", "appear", "have"):
        return False
    if _animate(_subject(v)) is not True:
        return False
    return any(t.lower_ in f.value for t in v.subtree)


def _f_inanimate_expectation(doc, tok, start, end, f: Frame) -> bool:
    v = _verb(tok)
    return v is not tok and v.lemma_.lower() in f.value and _animate(_subject(v)) is not True


def _f_subject_is(doc, tok, start, end, f: Frame) -> bool:
    subj = _subject(_verb(tok))
    return subj is not None and subj.lower_ in f.value


def _f_next_number(doc, tok, start, end, f: Frame) -> bool:
    for t in doc[end : end + 3]:
        if t.like_num or t.pos_ == "NUM":
            return True
        if t.lower_ not in ("of", "the", "those", "these", "its", "their", "our", "his", "her"):
            return False
    return False


# Words that name a part of a whole: "44 percent of all species", "half of all cases".
_PART = frozenset(
    {"percent", "cent", "%", "half", "third", "thirds", "quarter", "quarters", "fifth", "tenth", "fraction",
     "proportion", "share", "majority", "minority", "rest", "remainder"}
)  # fmt: skip


def _f_proportion(doc, tok, start, end, f: Frame) -> bool:
    """"44 percent of all species", "half of all cases", "the most vulnerable group of all": a part of a whole."""
    if start == 0 or doc[start - 1].lower_ != "of":
        return False
    of = doc[start - 1]
    part = of.head
    if part is of or part.i > of.i:
        return False
    if part.like_num or part.pos_ == "NUM" or part.lower_ in _PART or part.tag_ in ("JJS", "RBS"):
        return True
    return any(t.lower_ == "most" or t.tag_ in ("JJS", "RBS") or t.like_num for t in doc[part.left_edge.i : of.i])


def _head_verb_of(tok):
    t, steps = tok, 0
    while t.pos_ not in ("VERB", "AUX") and t.head is not t and steps < 4:
        t, steps = t.head, steps + 1
    return t


def _f_universal_predicate(doc, tok, start, end, f: Frame) -> bool:
    v = _head_verb_of(tok)
    return v.lemma_.lower() in f.value


def _f_present_tense(doc, tok, start, end, f: Frame) -> bool:
    v = _head_verb_of(tok)
    if v.tag_ in ("VBZ", "VBP"):
        return True
    return any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP", "MD") and c.lower_ not in ("would", "could") for c in v.children)


def _f_simple_past(doc, tok, start, end, f: Frame) -> bool:
    """One past event: "he never arrived", "they were never smoked out" (not "has never", "will never")."""
    v = tok.head
    kids = list(v.children)
    if v.tag_ == "VBD":
        return not any(c.dep_ == "aux" for c in kids)
    if v.tag_ == "VBN":
        aux = [c for c in kids if c.dep_ in ("aux", "auxpass")]
        return bool(aux) and all(c.tag_ == "VBD" and c.lemma_ == "be" for c in aux)
    return False


def _f_intensified_noun(doc, tok, start, end, f: Frame) -> bool:
    head = tok.head
    return head.lower_ in f.value or head.lemma_.lower() in f.value


def _f_attributive(doc, tok, start, end, f: Frame) -> bool:
    if tok.dep_ in ("amod", "det", "predet") and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
        return True
    return tok.i > 0 and doc[tok.i - 1].lower_ in ("a", "an") and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("NOUN", "ADJ")


_PERCEPTION = frozenset(
    {"visible", "audible", "marked", "labelled", "labeled", "seen", "heard", "legible", "defined", "written", "printed", "lit", "identifiable"}
)


def _f_manner(doc, tok, start, end, f: Frame) -> bool:
    head = tok.head
    if head is tok:
        return False
    if head.pos_ in ("VERB", "AUX") and head.i < tok.i and head.lemma_.lower() not in ("be",):
        return True
    return head.lower_ in _PERCEPTION or (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in _PERCEPTION)


def _f_passive(doc, tok, start, end, f: Frame) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def _f_no_clause(doc, tok, start, end, f: Frame) -> bool:
    kids = list(tok.children)
    if any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in kids):
        return False
    if any(c.lower_ in ("whether", "if", "why", "how", "where", "when", "what", "who", "about") for c in tok.subtree if c.i > tok.i):
        return False
    return not any(t.text in "“”\"" for t in _sentence(doc, tok))


def _f_default(doc, tok, start, end, f: Frame) -> bool:
    return True


# The frames that test words from the row's value column; the others test the parse alone
# (``modifier`` takes an optional value: nouns before which the participle still counts).
NEEDS_VALUE = frozenset(
    {"phrase", "governed_by", "conditional", "head_lemma", "habit", "subject_is", "inanimate_expectation",
     "to_infinitive", "infinitive", "under_possibility", "universal_predicate", "intensified_noun"}
)  # fmt: skip

FRAMES = {
    "phrase": _f_phrase,
    "governed_by": _f_governed_by,
    "conditional": _f_conditional,
    "perfect": _f_perfect,
    "perfect_agentive": _f_perfect_agentive,
    "object_of_action": _f_object_of_action,
    "past_perfect": _f_past_perfect,
    "irrealis": _f_irrealis,
    "no_clause_object": _f_no_clause_object,
    "negated": _f_negated,
    "head_lemma": _f_head_lemma,
    "inanimate_subject": _f_inanimate_subject,
    "animate_subject": _f_animate_subject,
    "habit": _f_habit,
    "subject_is": _f_subject_is,
    "inanimate_expectation": _f_inanimate_expectation,
    "next_number": _f_next_number,
    "proportion": _f_proportion,
    "unasserted": _f_unasserted,
    "modifier": _f_modifier,
    "to_infinitive": _f_to_infinitive,
    "no_fact": _f_no_fact,
    "group_measure": _f_group_measure,
    "infinitive": _f_infinitive,
    "negated_perfect": _f_negated_perfect,
    "under_possibility": _f_under_possibility,
    "compound": _f_compound,
    "universal_predicate": _f_universal_predicate,
    "present_tense": _f_present_tense,
    "simple_past": _f_simple_past,
    "intensified_noun": _f_intensified_noun,
    "attributive": _f_attributive,
    "manner": _f_manner,
    "passive": _f_passive,
    "no_clause": _f_no_clause,
    "default": _f_default,
}


# -- loading --------------------------------------------------------------------


def _parse(text: str, name: str) -> list[tuple[int, Frame | None, str]]:
    """Rows of a senses file as ``(line, frame, term)``; a ``frame`` of ``off`` switches a word off."""
    lines = text.splitlines()
    if not lines:
        raise SenseError(f"{name}: the file is empty; expected a header: {' '.join(SENSE_COLUMNS)}")
    header = lines[0].split("\t")
    if tuple(h.strip() for h in header) != SENSE_COLUMNS:
        want = "\t".join(SENSE_COLUMNS)
        raise SenseError(f"{name}:1: expected the tab-separated header {want!r}, got {lines[0]!r}")
    out = []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != len(SENSE_COLUMNS):
            raise SenseError(f"{name}:{n}: expected {len(SENSE_COLUMNS)} tab-separated fields, got {len(fields)}")
        term, frame, value, sense, counted, source, note = (x.strip() for x in fields)
        if not term:
            raise SenseError(f"{name}:{n}: empty term")
        if frame == "off":
            out.append((n, None, term.lower()))
            continue
        if frame not in FRAMES:
            raise SenseError(f"{name}:{n}: unknown frame {frame!r}; one of {', '.join(sorted(FRAMES))} or 'off'")
        if not sense:
            raise SenseError(f"{name}:{n}: empty sense")
        if counted not in ("yes", "no"):
            raise SenseError(f"{name}:{n}: counted must be 'yes' or 'no', got {counted!r}")
        if not source:
            raise SenseError(f"{name}:{n}: empty source: every frame cites where it comes from")
        vals = tuple(v.strip().lower() for v in value.split("|") if v.strip())
        if frame in NEEDS_VALUE and not vals:
            raise SenseError(f"{name}:{n}: frame {frame!r} needs a value (words separated by |)")
        out.append((n, Frame(term.lower(), frame, vals, sense, counted == "yes", source, note), term.lower()))
    return out


@lru_cache(maxsize=1)
def default_senses() -> dict[str, tuple[Frame, ...]]:
    """The package's frames, by word, in order (``data/senses.tsv``)."""
    text = (resources.files("rhetoric") / "data" / "senses.tsv").read_text(encoding="utf-8")
    out: dict[str, list[Frame]] = {}
    for _, f, term in _parse(text, "senses.tsv"):
        if f is not None:
            out.setdefault(term, []).append(f)
    return {k: tuple(v) for k, v in out.items()}


def load_senses(path: str | Path | None = None) -> dict[str, tuple[Frame, ...]]:
    """The package's frames, with a user's senses file laid over them.

    The user's file has the same columns as ``data/senses.tsv``. For each
    word it names, its rows *replace* the package's frames for that word (in
    the user's order); a row whose ``frame`` is ``off`` switches the word's
    sense checks off, so every match of it counts as the lexicon says.

    Raises:
        SenseError: the file is malformed; the message names file and line.
    """
    base = dict(default_senses())
    if path is None:
        return base
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SenseError(f"{p}: cannot read the senses file: {exc}") from exc
    user: dict[str, list[Frame]] = {}
    off: set[str] = set()
    for _, f, term in _parse(text, str(p)):
        if f is None:
            off.add(term)
        else:
            user.setdefault(term, []).append(f)
    for term in off:
        base.pop(term, None)
    for term, frames in user.items():
        base[term] = tuple(frames)
    return base


def read_sense(doc, start: int, end: int, entry, senses: dict[str, tuple[Frame, ...]] | None = None) -> Reading | None:
    """The sense of the match ``doc[start:end]`` of lexicon ``entry``, or ``None`` when the word has no frames."""
    senses = default_senses() if senses is None else senses
    tok = doc[start]
    if end - start > 1:
        tok = doc[start:end].root
    frames = senses.get(entry.term.lower())
    if frames is None and end - start == 1:  # a multi-word entry ("at all", "all but") is its own sense
        frames = senses.get(tok.lower_) or senses.get(tok.lemma_.lower())
    if not frames:
        return None
    for f in frames:
        if FRAMES[f.frame](doc, tok, start, end, f):
            return Reading(f.sense, f.counted, f.note, MOVES.get(f.sense, ""))
    return None
