"""Lexicon data integrity, and loading a user's lexicon with clear errors."""

from __future__ import annotations

import csv
import re
from importlib import resources

import pytest

from rhetoric.lexicon import CATEGORIES, COLUMNS, Lexicon, LexiconError

DATA = resources.files("rhetoric") / "data"
FILES = {
    "hedges.tsv": "hedge",
    "absolutes.tsv": "absolute",
    "emotive.tsv": "emotive",
    "sourcing.tsv": "source",
}
HEADER = "\t".join(COLUMNS)


@pytest.mark.parametrize("fname,category", sorted(FILES.items()))
def test_shipped_file_is_well_formed(fname, category):
    text = (DATA / fname).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == HEADER
    keys = set()
    for n, row in enumerate(csv.reader(lines[1:], delimiter="\t", quoting=csv.QUOTE_NONE), start=2):
        assert len(row) == len(COLUMNS), f"{fname}:{n}"
        rec = dict(zip(COLUMNS, row, strict=True))
        assert rec["category"] == category, f"{fname}:{n}"
        assert rec["term"] == rec["term"].strip().lower() and "  " not in rec["term"], f"{fname}:{n}"
        assert rec["source"].strip(), f"{fname}:{n} has no source"
        key = (rec["term"], rec["pos"])
        assert key not in keys, f"{fname}:{n} duplicates {key}"
        keys.add(key)
    assert len(keys) >= 50


def test_every_source_key_is_cited_in_sources_md():
    sources_md = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    keys = {k.strip() for e in Lexicon.default().entries for k in e.source.split(";")}
    missing = sorted(k for k in keys if not re.search(rf"\b{re.escape(k)}\b", sources_md))
    assert not missing, f"source keys with no citation in SOURCES.md: {missing}"


def test_default_lexicon_loads_all_categories():
    lex = Lexicon.default()
    assert {e.category for e in lex.entries} == set(CATEGORIES)
    assert all(e.weight > 0 for e in lex.entries)


@pytest.mark.parametrize(
    "term,category",
    [
        ("perhaps", "hedge"),
        ("reportedly", "hedge"),
        ("allegedly", "hedge"),
        ("obviously", "absolute"),
        ("in all likelihood", "absolute"),
        ("never", "absolute"),
        ("filthy", "emotive"),
        ("according to", "source"),
    ],
)
def test_core_entries_present(term, category):
    assert category in {e.category for e in Lexicon.default().lookup(term)}


@pytest.mark.parametrize("term", ["will", "killed", "kill", "bomb", "convoy", "fighter"])
def test_words_that_must_not_be_cues(term):
    """'will' is no hedge; the plain facts of a war story are not emotive."""
    cats = {e.category for e in Lexicon.default().lookup(term) if e.weight > 0}
    assert "hedge" not in cats and "emotive" not in cats


def write(tmp_path, text, name="user.tsv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_user_lexicon_adds_overrides_and_switches_off(tmp_path):
    p = write(
        tmp_path,
        "term\tcategory\tweight\nbeyond reasonable doubt\tabsolute\t1\nperhaps\thedge\t0.2\nfilthy\temotive\t0\n",
    )
    lex = Lexicon.coerce(p)
    (added,) = lex.lookup("beyond reasonable doubt")
    assert added.category == "absolute" and added.source == "user:user.tsv" and added.match_on == "text"
    assert [e.weight for e in lex.lookup("perhaps") if e.category == "hedge"] == [0.2]
    assert "filthy" not in {e.term for e in lex.active()}
    assert len(lex) >= len(Lexicon.default())


@pytest.mark.parametrize(
    "content,message",
    [
        ("", r"user\.tsv:1: missing header"),
        ("word\tkind\nx\thedge\n", r"user\.tsv:1: header lacks column\(s\) term, category"),
        ("term\tcategory\tcolour\nx\thedge\tred\n", r"unknown column\(s\) colour"),
        ("term\tcategory\nx\thedge\textra\n", r"user\.tsv:2: 3 tab-separated fields, expected 2"),
        ("term\tcategory\nx\tmaybe\n", r"user\.tsv:2: category 'maybe' is not one of"),
        ("term\tcategory\n\thedge\n", r"user\.tsv:2: empty term"),
        ("term\tcategory\tweight\nx\thedge\theavy\n", r"user\.tsv:2: weight 'heavy' is not a number"),
        ("term\tcategory\tweight\nx\thedge\t-1\n", r"user\.tsv:2: weight '-1' must be a finite number >= 0"),
        ("term\tcategory\tpos\nx\thedge\tVERBISH\n", r"user\.tsv:2: unknown POS tag\(s\) VERBISH"),
        ("term\tcategory\tnegated\nx\temotive\tflip\n", r"user\.tsv:2: only hedges and absolutes can flip"),
        ("term\tcategory\tmatch_on\nx\thedge\tstem\n", r"user\.tsv:2: match_on 'stem'"),
        ("term\tcategory\nx\thedge\n\nx\thedge\n", r"user\.tsv:4: duplicate of line 2"),
    ],
)
def test_malformed_user_lexicon_names_the_line(tmp_path, content, message):
    with pytest.raises(LexiconError, match=message):
        Lexicon.from_file(write(tmp_path, content))


def test_lexicon_file_that_is_not_text(tmp_path):
    p = tmp_path / "user.tsv"
    p.write_bytes(b"term\tcategory\nx\thedge\n\xff\xfe")
    with pytest.raises(LexiconError, match=r"user\.tsv:3: not valid UTF-8"):
        Lexicon.from_file(p)
    with pytest.raises(LexiconError, match="cannot read"):
        Lexicon.from_file(tmp_path / "missing.tsv")


def test_strict_mode_requires_all_columns_and_sources(tmp_path):
    with pytest.raises(LexiconError, match="header must be"):
        Lexicon.from_file(write(tmp_path, "term\tcategory\nx\thedge\n"), strict=True)
    row = "x\thedge\tmodal\ttext\t\tkeep\t1\t\t\n"
    with pytest.raises(LexiconError, match=r":2: empty source"):
        Lexicon.from_file(write(tmp_path, HEADER + "\n" + row), strict=True)


def test_to_frame_round_trips_columns():
    df = Lexicon.default().to_frame()
    assert list(df.columns) == [*COLUMNS, "origin"]
    assert df["origin"].str.match(r"^\w+\.tsv:\d+$").all()


@pytest.mark.parametrize("fname,columns", [
    ("patterns.tsv", ["pattern", "word", "source", "note"]),
    ("boilerplate.tsv", ["reason", "pattern", "source", "note"]),
    ("senses.tsv", ["term", "frame", "value", "sense", "counted", "source", "note"]),
])
def test_word_lists_and_frames_are_data_with_sources(fname, columns):
    """Word lists, boilerplate patterns and sense frames: well formed, no duplicate rows, a source on each."""
    import re
    from importlib import resources

    lines = (resources.files("rhetoric") / "data" / fname).read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == columns
    rows = [line.split("\t") for line in lines[1:] if line.strip()]
    assert rows and all(len(r) == len(columns) for r in rows)
    assert all(r[columns.index("source")] for r in rows)
    keys = [tuple(r[:3]) for r in rows]
    assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1][:3]
    sources_md = (resources.files("rhetoric") / "data" / "SOURCES.md").read_text(encoding="utf-8")
    for r in rows:
        for key in r[columns.index("source")].split(";"):
            assert f"### {key}" in sources_md, f"{fname}: source {key!r} is not cited in SOURCES.md"
    if fname == "boilerplate.tsv":
        for r in rows:
            re.compile(r[1])
