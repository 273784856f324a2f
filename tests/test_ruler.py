"""The faster attribute ruler (rhetoric.ruler) gives spaCy's annotations, token by token."""

from __future__ import annotations

import importlib.util
import pickle

import numpy as np
import pytest
import spacy
from spacy.attrs import IDS
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler

from rhetoric.model import DEFAULT_MODELS
from rhetoric.ruler import RuleMatcher, TableAttributeRuler, speed_up_attribute_ruler

ATTRS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START", "LOWER", "NORM"]

# The word rules of en_core_web_sm's ruler, one or more times each.
CRAFTED = (
    "He ain't going. She aint coming, and y'all and yall. We're gonna win, we gotta go, let's see, c'mon now. "
    "Nothin' to see, nuthin' here. I gets it, he got it. Do it for me, give it to you and to I. "
    "It is what it is; there is none, there's one, there are two. That which I said; whether or not. "
    "Have you done it? I have. Did he? He did, and does. I'd've. These were those. Don't n't nt n’t.\n\n"
    "  \t Spaces \t everywhere \n"
)


@pytest.fixture(scope="module")
def stock():
    name = next(m for m in DEFAULT_MODELS if importlib.util.find_spec(m) is not None)
    return spacy.load(name, exclude=["ner"])


def _arrays(nlp, texts):
    return [d.to_array([IDS[a] for a in ATTRS]) for d in nlp.pipe(texts)]


def test_the_analyzer_pipeline_uses_the_table_ruler(nlp, stock):
    assert type(nlp.get_pipe("attribute_ruler")) is TableAttributeRuler
    assert type(stock.get_pipe("attribute_ruler")) is AttributeRuler
    assert nlp.pipe_names == stock.pipe_names


def test_same_annotations_as_spacy_on_the_seeds_and_odd_text(nlp, stock, raqqa_dir):
    texts = [p.read_text(encoding="utf-8") for p in sorted(raqqa_dir.glob("*.txt"))]
    texts += [CRAFTED, CRAFTED.upper(), CRAFTED.replace("'", "’"), "", " ", "\n\n\n", "東京 — “quoted” ’s ñ"]
    for a, b in zip(_arrays(stock, texts), _arrays(nlp, texts), strict=True):
        assert a.shape == b.shape
        assert np.array_equal(a, b)


def test_the_word_rules_fire(nlp):
    doc = nlp("He ain't coming, we're gonna win and y'all know it.")
    got = {(t.lower_, t.lemma_) for t in doc}
    assert {("ai", "be"), ("gon", "go"), ("na", "to")} <= got


def test_rule_matcher_finds_what_spacys_matcher_finds(nlp, raqqa_dir):
    ruler = nlp.get_pipe("attribute_ruler")
    tags, values, has, used, rest = ruler._tables()
    assert rest is not None and rest.ok
    assert len(tags) == 56  # en_core_web_sm's tag map, as a table
    matcher = Matcher(nlp.vocab, validate=False)
    rules = []
    for k in range(len(ruler.attrs)):
        name = nlp.vocab.strings[str(k)]
        pats = ruler.matcher.get(name)[1]
        if not (len(pats) == 1 and set(pats[0][0]) == {"TAG"} and len(pats[0]) == 1):
            matcher.add(name, pats)
            rules.append((name, pats))
    mine = RuleMatcher(rules, nlp.vocab.strings)
    seed = sorted(raqqa_dir.glob("000_*.txt"))[0]
    doc = nlp(seed.read_text(encoding="utf-8")[:20000] + " " + CRAFTED)
    assert sorted(mine(doc)) == sorted(matcher(doc, allow_missing=True, as_spans=False))
    assert len(mine(doc)) > 100


def test_a_rule_outside_the_simple_form_falls_back_to_spacys_matcher(stock):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[{"LOWER": "big", "OP": "+"}]], {"LEMMA": "large"})
    speed_up_attribute_ruler(nlp)
    assert type(ruler) is TableAttributeRuler
    assert ruler._tables()[-1] is None  # the operator: spaCy's own matcher for every rule
    doc = nlp.make_doc("big big dog")
    doc[2].tag_ = "NN"
    ruler(doc)
    assert [t.lemma_ for t in doc] == ["large", "large", ""]
    assert doc[2].pos_ == "NOUN"


def test_rules_added_later_are_seen(nlp):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    speed_up_attribute_ruler(nlp)
    doc = nlp.make_doc("zorp")
    doc[0].tag_ = "NN"
    ruler(doc)
    assert doc[0].pos_ == "NOUN" and doc[0].lemma_ == ""
    ruler.add([[{"LOWER": "zorp"}]], {"LEMMA": "zorpish"})
    doc = nlp.make_doc("zorp")
    doc[0].tag_ = "NN"
    ruler(doc)
    assert doc[0].lemma_ == "zorpish"


def test_a_pipeline_with_the_table_ruler_still_pickles_and_serialises(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    again = pickle.loads(pickle.dumps(ruler))
    assert type(again) is TableAttributeRuler
    assert ruler.to_bytes() == AttributeRuler.to_bytes(ruler)
