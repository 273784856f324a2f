"""Scoring on Dask: the same rows as one process, nothing lost, resumable, stamped.

One real LocalCluster (two worker processes) serves the module; the model loads
once in each worker. Runs in about a minute on the 2-core CI machine.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("distributed")

import rhetoric.dask as rd  # noqa: E402
from rhetoric import concat  # noqa: E402
from rhetoric.cli import iter_documents, main  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    c = rd.local_client(2)
    c.wait_for_workers(2)
    yield c
    cluster = c.cluster
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def archive(tmp_path_factory, raqqa_dir) -> Path:
    """The five Raqqa articles, three times over, in two folders: 15 documents."""
    root = tmp_path_factory.mktemp("archive")
    for copy in ("a", "b", "c"):
        d = root / copy
        d.mkdir()
        for f in sorted(raqqa_dir.glob("*.txt")):
            shutil.copy(f, d / f.name)
    return root


@pytest.fixture(scope="module")
def expected(archive, analyzer):
    """The single-process tables for the archive."""
    return concat(analyzer.score_many(iter_documents([str(archive)])))


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))


def test_plan_gives_the_cli_doc_ids(archive):
    plan = rd.plan_documents([archive])
    ids = [d.doc_id for d in iter_documents([str(archive)])]
    assert [i.doc_id for i in plan] == ids
    assert ids[0] == "a/000_4cfd2fefd0795d5b" and len(ids) == 15


def test_dask_frames_equal_the_single_process_rows(client, archive, expected):
    import dask

    paragraphs, spans = rd.score([archive], client, partition_size=4)
    assert paragraphs.npartitions == 4
    got_p, got_s = dask.compute(paragraphs, spans)
    _same(got_p, expected[0])
    _same(got_s, expected[1])
    # The model loaded once per worker, however many partitions each ran.
    loads = client.run(lambda: sum(rd.LOADS.values()))
    assert sorted(loads.values()) == [1, 1], loads


def test_a_bag_of_texts(client):
    import dask
    import dask.bag as db

    bag = db.from_sequence(
        [("It may rain.", "a"), ("Obviously they lied. The BBC said so.", "b")], npartitions=2
    )
    paragraphs, spans = rd.score(bag, client)
    p, s = dask.compute(paragraphs, spans)
    assert list(p["doc_id"]) == ["a", "b"]
    assert list(p["hedges"]) == [1, 0] and list(p["absolutes"]) == [0, 1]
    assert set(s["text"]) >= {"may", "Obviously", "BBC", "said"}


def _read_all_ways(out: Path, table: str) -> list[pd.DataFrame]:
    import dask.dataframe as dd

    frames = [pd.read_parquet(out / table), dd.read_parquet(str(out / table)).compute()]
    try:
        import duckdb
    except ImportError:
        return frames
    frames.append(duckdb.sql(f"select * from read_parquet('{out / table}/*.parquet')").df())
    return frames


def test_parquet_dataset_readable_and_stamped(client, archive, expected, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "ds"
    report = rd.write_parquet([archive], out, client, partition_size=4)
    assert (report.partitions, report.written, report.skipped, report.errors) == (4, 4, 0, [])
    assert report.paragraph_rows == len(expected[0]) and report.span_rows == len(expected[1])
    assert (out / "_SUCCESS").exists()
    assert sorted(p.name for p in (out / "paragraphs").iterdir()) == [
        f"part-0000{k}.parquet" for k in range(4)
    ]
    for table, want in (("paragraphs", expected[0]), ("spans", expected[1])):
        for got in _read_all_ways(out, table):
            assert len(got) == len(want)
            assert list(got["doc_id"]) == list(want["doc_id"])
        _same(pd.read_parquet(out / table), want)
    stamp = json.loads(pq.read_schema(out / "spans" / "part-00002.parquet").metadata[b"rhetoric"])
    from rhetoric import __version__
    from rhetoric.stamp import lexicon_hash

    assert stamp["rhetoric_version"] == __version__
    assert stamp["lexicon_sha256"] == lexicon_hash()
    assert stamp["model"]["name"].startswith("en_core_web_sm") and "parser" in stamp["model"]["components"]
    assert stamp["options"]["ner"] is False and stamp["options"]["partition_size"] == 4


def test_a_killed_worker_loses_no_row_and_doubles_none(client, archive, expected, tmp_path):
    out = tmp_path / "ds"
    killed: list[int] = []

    def kill_a_busy_worker(marker):
        if killed:
            return
        busy = [w for w, tasks in client.processing().items() if tasks]
        pids = client.run(os.getpid, workers=busy[:1])
        pid = next(iter(pids.values()))
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    report = rd.write_parquet([archive], out, client, partition_size=1, on_partition=kill_a_busy_worker)
    assert killed, "no worker was killed"
    client.wait_for_workers(2, timeout=60)  # the nanny restarts it
    assert killed[0] not in client.run(os.getpid).values()
    assert (report.partitions, report.errors) == (15, [])
    paragraphs = pd.read_parquet(out / "paragraphs")
    assert not paragraphs.duplicated(["doc_id", "para"]).any()
    _same(paragraphs, expected[0])
    _same(pd.read_parquet(out / "spans"), expected[1])
    assert not list(out.rglob(".*.tmp"))


def test_resume_skips_what_was_written(archive, expected, tmp_path):
    out = tmp_path / "ds"
    rd.write_parquet([archive], out, partition_size=4)  # in this process: the same code as on a worker
    # As if interrupted: partition 2 never finished, and a write was cut short.
    (out / "_rhetoric" / "done" / "part-00002.json").unlink()
    (out / "spans" / "part-00002.parquet").unlink()
    (out / "paragraphs" / ".part-00003.parquet.dead.tmp").write_bytes(b"half a file")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("part-0000[013].parquet")}
    time.sleep(0.01)
    report = rd.write_parquet([archive], out, partition_size=4, resume=True)
    assert (report.written, report.skipped) == (1, 3)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("part-0000[013].parquet")} == before
    assert not list(out.rglob(".*.tmp"))
    _same(pd.read_parquet(out / "paragraphs"), expected[0])
    _same(pd.read_parquet(out / "spans"), expected[1])


@pytest.mark.parametrize(
    "change,message",
    [
        ({}, "folder is not empty; pass --resume"),
        ({"resume": True, "readability": False}, "other input or with other options"),
        ({"resume": True, "partition_size": 3}, "other input or with other options"),
    ],
    ids=["no-resume", "other-options", "other-partitions"],
)
def test_refuses_to_mix_runs(archive, tmp_path, change, message):
    out = tmp_path / "ds"
    (out / "_rhetoric").mkdir(parents=True)
    rd_args = {"partition_size": 4}
    # A job file as write_parquet leaves it, without scoring anything.
    plan = rd.plan_documents([archive])
    from rhetoric.stamp import made_by

    opts = rd._options()
    stamp = made_by(
        None, options={**opts.describe(), "partition_size": 4}, command="rhetoric score --format parquet"
    )
    (out / "_rhetoric" / "job.json").write_text(
        json.dumps({"fingerprint": rd._job_fingerprint(plan, 4, stamp)})
    )
    with pytest.raises(rd.DatasetError, match=message):
        rd.write_parquet([archive], out, **{**rd_args, **change})


def test_cli_parquet_against_a_scheduler(client, archive, expected, tmp_path, capsys):
    out = tmp_path / "ds"
    address = client.scheduler.address
    code = main(["score", str(archive), "--scheduler", address, "--format", "parquet", "-o", str(out),
                 "--partition-size", "5", "--no-progress"])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert "3 partitions" in capsys.readouterr().err
    _same(pd.read_parquet(out / "paragraphs"), expected[0])


def test_cli_csv_on_the_cluster_with_sidecar(client, archive, expected, tmp_path, capsys):
    out = tmp_path / "spans.csv"
    code = main(
        ["spans", str(archive), "--scheduler", client.scheduler.address, "-o", str(out), "--no-progress"]
    )
    assert code == 0, capsys.readouterr().err
    got = pd.read_csv(out, keep_default_na=False)
    assert len(got) == len(expected[1]) and list(got["start"]) == list(expected[1]["start"])
    meta = json.loads(out.with_name("spans.csv.meta.json").read_text())
    assert meta["rows"] == len(expected[1]) and meta["table"] == "spans" and meta["lexicon_sha256"]


@pytest.mark.parametrize(
    "argv,message",
    [
        (["score", "data/raqqa", "--format", "parquet"], "give it with -o DIR"),
        (["score", "data/raqqa", "--resume", "-o", "x.csv"], "--resume continues a Parquet dataset"),
        (["score", "-", "--workers", "2"], "standard input"),
        (["score", "data/raqqa", "--workers", "2", "--scheduler", "tcp://x:1"], "give one of them"),
        (["score", "data/raqqa", "--workers", "0"], "must be at least 1"),
    ],
)
def test_cli_usage_errors(argv, message, capsys, repo_root, monkeypatch):
    monkeypatch.chdir(repo_root)
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_reuse_on_the_cluster_equals_reuse_here(client, raqqa_dir):
    from rhetoric.reuse import find_reuse

    origin = raqqa_dir / "original" / "bbc_raqqas_dirty_secret.reconstructed.txt"
    here = find_reuse([raqqa_dir], origin=origin)
    there = find_reuse([raqqa_dir], origin=origin, client=client, partition_size=2)
    _same(there.pairs, here.pairs)
    _same(there.passages, here.passages)
    assert len(here.pairs) == 5


def test_ctrl_c_then_resume(raqqa_dir, analyzer, tmp_path, repo_root):
    """A real interrupted run: SIGINT after the first partition, then --resume finishes it."""
    import subprocess
    import sys

    archive = tmp_path / "short"  # the shortest article five times: the test costs two model loads
    archive.mkdir()
    for k in range(5):
        shutil.copy(raqqa_dir / "003_8e398962ef508d64.txt", archive / f"{k}.txt")
    expected = concat(analyzer.score_many(iter_documents([str(archive)])))
    out = tmp_path / "ds"
    cmd = [sys.executable, "-m", "rhetoric", "score", str(archive), "--format", "parquet", "-o", str(out),
           "--partition-size", "1", "--no-progress"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(repo_root / "src")}
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
    done = out / "_rhetoric" / "done"
    deadline = time.time() + 120
    while not (done.exists() and any(done.glob("*.json"))) and time.time() < deadline and proc.poll() is None:
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == 130, err
    assert "--resume" in err
    first = len(list(done.glob("*.json")))
    assert 1 <= first < 5 and not (out / "_SUCCESS").exists()
    rerun = subprocess.run([*cmd, "--resume"], env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{first} already written" in rerun.stderr
    _same(pd.read_parquet(out / "paragraphs"), expected[0])
    _same(pd.read_parquet(out / "spans"), expected[1])
