"""The README's examples print what the README says they print."""

from __future__ import annotations

from pathlib import Path

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
        ["“Obviously they lied,”", "source", "quoted", "quotation"],
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


# ---------------------------------------------------------------------------
# Every block marked `runnable` (```sh runnable, ```python runnable) runs as written.
# `make`, installs and anything needing a network are left unmarked.


def runnable_blocks(text: str) -> list[tuple[str, str, int]]:
    """(language, code, line) of each fenced block whose info string has the word `runnable`."""
    import re

    out = []
    for m in re.finditer(r"^```(\w+)([^\n]*)\n(.*?)^```", text, flags=re.S | re.M):
        if "runnable" in m.group(2).split():
            out.append((m.group(1), m.group(3), text[: m.start()].count("\n") + 1))
    return out


README_BLOCKS = runnable_blocks(
    (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
)


def test_readme_marks_blocks_runnable_but_not_installs():
    langs = [lang for lang, _, _ in README_BLOCKS]
    assert langs.count("sh") >= 5 and langs.count("python") >= 4
    for _, code, line in README_BLOCKS:
        assert "make " not in code and "pip install" not in code, (
            f"README.md:{line}: installs are not runnable"
        )
    # Commands are spelled as they run after `make demo`.
    for lang, code, line in README_BLOCKS:
        if lang == "sh":
            for cmd in code.replace("\\\n", " ").splitlines():
                if "rhetoric " in cmd:
                    assert ".venv/bin/rhetoric " in cmd, f"README.md:{line}: {cmd.strip()!r} needs .venv/bin/"


@pytest.fixture(scope="module")
def readme_dir(tmp_path_factory, repo_root):
    """A folder laid out like a checkout after `make demo`: data/, src/, and .venv/ (this test's environment)."""
    import sys

    d = tmp_path_factory.mktemp("readme")
    for name in ("data", "src", "notebooks"):
        (d / name).symlink_to(repo_root / name)
    (d / ".venv").symlink_to(sys.prefix)
    (d / "build").mkdir()
    return d


@pytest.mark.parametrize(
    "lang,code,line", README_BLOCKS, ids=[f"README.md:{line}-{lang}" for lang, _, line in README_BLOCKS]
)
def test_readme_block_runs(lang, code, line, readme_dir, repo_root):
    import os
    import subprocess
    import sys

    env = dict(os.environ)
    # This checkout's code first, whichever checkout the environment was installed from.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(repo_root / "src"), env.get("PYTHONPATH")]))
    if lang == "sh":
        cmd = ["bash", "-euo", "pipefail", "-c", code]
    elif lang == "python":
        cmd = [sys.executable, "-c", code]
    else:
        pytest.fail(f"README.md:{line}: no runner for {lang!r} blocks")
    done = subprocess.run(cmd, cwd=readme_dir, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"README.md:{line} ({lang}) failed:\n{done.stderr[-2000:]}"
