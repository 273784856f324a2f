"""rhetoric: how sure a text sounds, and why.

Three ways in:

* a string: ``rhetoric.Analyzer().score(text).paragraphs``
* a spaCy pipeline: ``nlp.add_pipe("rhetoric")``, cues in ``doc.spans["rhetoric"]``
* many documents: ``Analyzer().score_many(paths)`` or ``rhetoric score FOLDER``

``rhetoric.highlight(text)`` shows the text with every cue highlighted (in a
notebook cell, or as a page with ``rhetoric html PATH -o report.html``).
"""

from __future__ import annotations

# highlight.py needs only the standard library; importing it here also makes
# `rhetoric.highlight` the function rather than the submodule of that name.
from .cues import Cue, CueMatcher, find_cues
from .highlight import highlight, highlight_file, render_html, to_dict
from .lexicon import Entry, Lexicon, LexiconError
from .model import ModelNotFoundError, load_model
from .quotes import find_quotes
from .score import PARAGRAPH_COLUMNS, SPAN_COLUMNS, Analyzer, Scores, certainty_index, concat
from .text import Document, InputError, read_document, read_file

__version__ = "0.1.0"

__all__ = [
    "Analyzer",
    "Scores",
    "concat",
    "certainty_index",
    "PARAGRAPH_COLUMNS",
    "SPAN_COLUMNS",
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
]
