"""rhetoric: how sure a text sounds, and why.

Three ways in:

* a string: ``rhetoric.Analyzer().score(text).paragraphs``
* a spaCy pipeline: ``nlp.add_pipe("rhetoric")``, cues in ``doc.spans["rhetoric"]``
* many documents: ``Analyzer().score_many(paths)`` or ``rhetoric score FOLDER``

``rhetoric.diff(original, derived)`` lists what a retelling changed in the
original's hedges, absolutes, emotive terms and sources.

``rhetoric.highlight(text)`` shows the text with every cue highlighted (in a
notebook cell, or as a page with ``rhetoric html PATH -o report.html``).
"""

from __future__ import annotations

# highlight.py needs only the standard library; importing it here also makes
# `rhetoric.highlight` the function rather than the submodule of that name.
from .cues import Cue, CueMatcher
from .highlight import highlight, highlight_file, render_html, to_dict
from .lexicon import Entry, Lexicon, LexiconError
from .model import ModelNotFoundError, load_model
from .quotes import find_quotes
from .scan import find_cues
from .text import Document, InputError, read_document, read_file

# The scorer needs pandas; load it on first use, so that spaCy (which imports
# rhetoric.component through its entry point whenever it builds a pipeline)
# does not pay for pandas it will not use.
_LAZY = {
    name: ".score"
    for name in ("PARAGRAPH_COLUMNS", "SPAN_COLUMNS", "DOCUMENT_COLUMNS", "Analyzer", "Scores", "certainty_index",
                 "concat", "documents_frame")
}
_LAZY |= {"Corpus": ".corpus", "CorpusScores": ".corpus"}
# `rhetoric.diff` is the module src/rhetoric/diff.py, made callable: `rhetoric.diff(original,
# derived)` runs its diff() whether the module was imported before or not.
_LAZY["diff"] = ""


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        if not _LAZY[name]:
            return importlib.import_module(f".{name}", __name__)
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'rhetoric' has no attribute {name!r}")


__version__ = "0.1.0"

__all__ = [
    "Analyzer",
    "Scores",
    "concat",
    "certainty_index",
    "PARAGRAPH_COLUMNS",
    "SPAN_COLUMNS",
    "DOCUMENT_COLUMNS",
    "documents_frame",
    "Corpus",
    "CorpusScores",
    "Lexicon",
    "Entry",
    "LexiconError",
    "Cue",
    "CueMatcher",
    "find_cues",
    "find_quotes",
    "Document",
    "InputError",
    "read_document",
    "read_file",
    "load_model",
    "ModelNotFoundError",
    "__version__",
    "highlight",
    "highlight_file",
    "render_html",
    "to_dict",
    "diff",
]
