"""The README's examples print what the README says they print."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_quick_start_commands_are_first(repo_root):
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make demo", "make test"]
    assert "make test" in (repo_root / ".ci" / "run").read_text(encoding="utf-8")


def test_string_example(analyzer):
    s = analyzer.score("It is not clear. “Obviously they lied,” the BBC said.", doc_id="demo")
    row = s.paragraphs.iloc[0]
    assert [row.hedges, row.absolutes, row.absolutes_quoted, row.sources] == [1, 0, 1, 3]
    assert row.certainty == pytest.approx(-1 / 3)
    assert s.spans[["text", "category", "voice", "rule"]].values.tolist() == [
        ["not clear", "hedge", "author", "negated"],
        ["“Obviously they lied,”", "source", "author", "quotation"],
        ["Obviously", "absolute", "quoted", "lexicon"],
        ["BBC", "source", "author", "named_source"],
        ["said", "source", "author", "lexicon"],
    ]


def _listed(readme: str, name: str) -> dict[str, str]:
    block = readme.split(f"<!-- {name} -->", 1)[1].split(f"<!-- /{name} -->", 1)[0]
    out = {}
    for line in block.strip().splitlines():
        key, _, meaning = line.removeprefix("- ").partition(": ")
        out[key.strip("`")] = meaning
    return out


def test_readme_lists_the_shared_vocabulary(repo_root):
    """The README's lists of rules, voice bases and span columns are the package's own (rhetoric.vocab)."""
    from rhetoric import vocab

    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    assert _listed(readme, "rules") == vocab.RULES
    assert _listed(readme, "voice-bases") == vocab.VOICE_BASES
    block = readme.split("<!-- span-columns -->", 1)[1].split("<!-- /span-columns -->", 1)[0]
    named = [c.strip("` ") for row in block.splitlines()[3:] for c in row.split("|")[1].split(",")]
    assert sorted(named) == sorted(vocab.SPAN_COLUMNS)
