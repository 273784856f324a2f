"""The shared vocabulary: one table of the names every part of rhetoric uses.

Categories, voices, voice bases, rules, senses, colours and the columns of the
two tables. The scorer, the highlighter, the charts and the README test read
them from here, so a name is spelled once.

Example:
    >>> CATEGORIES["hedge"]["plural"]
    'hedges'
    >>> "weasel" in RULES
    True
"""

from __future__ import annotations

__all__ = [
    "CATEGORIES",
    "CATEGORY_COLORS",
    "VOICES",
    "VOICE_BASES",
    "INFERRED_BASES",
    "RULES",
    "SENSES",
    "PARAGRAPH_COLUMNS",
    "SPAN_COLUMNS",
    "DOCUMENT_COLUMNS",
]

# Colours are ColorBrewer's RdYlBu/RdYlGn ends; the quoted voice is purple.
CATEGORIES: dict[str, dict[str, str]] = {
    "hedge": {
        "label": "Hedge",
        "plural": "hedges",
        "colour": "#2c7bb6",
        "underline": "wavy",
        "meaning": "makes a claim sound less sure: may, perhaps, reportedly, it seems.",
    },
    "absolute": {
        "label": "Absolute",
        "plural": "absolutes",
        "colour": "#d7191c",
        "underline": "double",
        "meaning": "makes a claim sound certain or total: clearly, in fact, never, everybody.",
    },
    "emotive": {
        "label": "Emotive",
        "plural": "emotive",
        "colour": "#fdae61",
        "underline": "dotted",
        "meaning": "a loaded word that carries the writer's judgement: filthy, moronic, regime.",
    },
    "source": {
        "label": "Source",
        "plural": "sources",
        "colour": "#1a9641",
        "underline": "solid",
        "meaning": "says where information comes from: said, according to, a named person, a quotation, a link.",
    },
}
CATEGORY_COLORS = {k: v["colour"] for k, v in CATEGORIES.items()}
QUOTED_COLOUR = "#5e3c99"

VOICES = ("author", "quoted")

# Why a cue is in a quoted voice (the span table's voice_basis column); "" is the author's own words.
VOICE_BASES: dict[str, str] = {
    "quote_marks": "inside quotation marks",
    "block_quote": "in a paragraph marked up as a block quotation",
    "lead_in": "in a passage that follows a lead-in such as 'Mattis said:' (no quote marks: inferred)",
    "unmatched_close": "in a paragraph that ends a quotation with a closing quote mark (inferred)",
    "reported_speech": "in a clause that reports what someone said ('said the figures might be revised')",
    "aligned_origin": "in a stretch copied from the original report (found by alignment)",
    "aligned_other": "in a paragraph that quotes another source (found by alignment)",
}
# Quoted words whose voice is inferred, not marked by quote marks or block-quote markup.
INFERRED_BASES = frozenset({"lead_in", "unmatched_close", "aligned_origin", "aligned_other"})

# What fired (the span table's rule column).
RULES: dict[str, str] = {
    "lexicon": "a word-list entry",
    "negated": "a word-list entry turned round by a negator ('not clear')",
    "weasel": "a parse rule: a claim put in the mouths of vague, unnamed people, or of no one",
    "gap": "a call for more research found on the parse ('further research is needed'), or a word-list phrase that says the evidence is thin ('little is known')",
    "attributed": "a belief or a document credited to someone else ('Obama believes', 'a poll shows')",
    "named_source": "the name of whoever is credited as the source",
    "quotation": "a direct quotation",
    "link": "a link in the markup",
    "url": "a bare web address",
}

# The readings the word-sense rules give (the span table's sense column).
SENSES: dict[str, str] = {
    "epistemic": "about how likely the claim is (counted)",
    "ability": "what someone can or could do (not counted)",
    "habit": "what someone used to do (not counted)",
    "wish": "what someone would like (not counted)",
    "future_in_past": "what someone said or expected would happen (not counted)",
    "obligation": "what someone ought to do (not counted)",
    "conditional": "what would happen if (not counted)",
    "universal": "the claim holds without exception (counted)",
    "idiom": "part of a fixed phrase (not counted)",
    "quantity": "a plain quantity (not counted)",
    "determiner": "'certain' meaning 'some particular' (not counted)",
    "manner": "'clearly' describing how something is done (not counted)",
    "fixed_phrase": "part of a fixed phrase such as 'make sure' (not counted)",
    "negated_prefix": "negated by a 'non-' prefix",
    "negated": "cancelled by a negator (not counted)",
    "negated_fact": "'did not know' denies a fact; it is no hedge (not counted)",
    "unrealised": "a saying verb under 'should' or 'wants to': nobody said anything yet (not counted)",
    "not_speech": "'promised', 'asked' with no one's words reported (not counted)",
    "label": "a label such as 'self-declared' (not counted)",
    "unasserted": "'may demonstrate', 'to establish', 'if proven': a proof or a fact not asserted (not counted)",
    "modifier": "'established methods', 'known as': a participle describing a noun (not counted)",
    "no_claim": "'knew the area', 'little is known': no fact stated as true (not counted)",
    "measure": "'17 percent more likely', 'smokers were more likely to': a measured rate, not doubt (not counted)",
    "ruled_out": "'could not have been': the possibility is ruled out, so the author is sure (counted as an absolute)",
    "under_modal": "'may actually', 'may indeed': the modal leaves the claim open (not counted)",
    "compound": "'hypothesis testing': part of a compound noun (not counted)",
    "intention": "'promised never to agree': what someone undertook to do, not a claim (not counted)",
    "booster": "presents the claim as certain (counted)",
}

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
    "inferred_quoted_words",
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
    "sense",
    "counted",
    "voice_basis",
]
# One row per document (rhetoric score --per document; Scores.document_row()).
DOCUMENT_COLUMNS = [
    "doc_id",
    "paragraphs",
    "body_paragraphs",
    "words",
    "author_words",
    "quoted_words",
    "inferred_quoted_words",
    "hedges",
    "absolutes",
    "emotive",
    "sources",
    "hedge_weight",
    "absolute_weight",
    "certainty",
    "mean_paragraph_certainty",
    "hedges_per_100",
    "absolutes_per_100",
    "emotive_per_100",
    "sources_per_100",
]
