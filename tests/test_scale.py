"""Scale-out: the cluster engine (`--engine dask`) writes the same tables as the local
engine, on a LocalCluster and on a real `dask scheduler` with two `dask worker`
processes; shares of the inputs read what a whole read reads; linking decisions made
from the parts' inventories are those made from the whole corpus."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from analysis import actors
from analysis.cli import main
from analysis.config import EXAMPLES_DIR
from analysis.distributed import analyze_on_cluster
from analysis.ingest import iter_articles
from analysis.outputs import read_csv
from analysis.records import Article
from analysis.scale import dask_processes
from analysis.shares import plan_shares, read_share

BIN = Path(sys.executable).parent


def _table(folder: Path, name: str) -> pd.DataFrame:
    """A table of an output folder, from its CSV or else its Parquet dataset, through
    CSV so that both engines' tables compare alike, rows in a canonical order."""
    if (folder / f"{name}.csv").exists():
        return read_csv(folder / f"{name}.csv").drop(columns="from_cache", errors="ignore")
    frame = pd.read_parquet(folder / "parquet" / name).drop(columns="from_cache", errors="ignore")
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    buffer.seek(0)
    return pd.read_csv(buffer)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return frame.reset_index(drop=True)
    return frame.sort_values(list(frame.columns), kind="stable").reset_index(drop=True)


def assert_same_tables(local: Path, cluster: Path) -> list[str]:
    """Every table the local engine wrote, equal in the cluster's output (summary
    tables row for row; record tables, written per share, as sets of rows)."""
    names = sorted(p.stem for p in local.glob("*.csv"))
    assert names
    for name in names:
        first, second = _table(local, name), _table(cluster, name)
        if not (cluster / f"{name}.csv").exists():  # a record table: per-share files
            first, second = _sorted(first), _sorted(second)
        if name == "errors":
            first, second = _sorted(first), _sorted(second)
        pd.testing.assert_frame_equal(first, second, check_dtype=False, obj=name)
    return names


def _write_corpus(path: Path) -> Path:
    """The bundled example articles, then the same texts under new ids with a twist,
    one record repeating an earlier id, a broken line, and CRLF line ends."""
    rows = [json.loads(line) for line in (EXAMPLES_DIR / "articles.jsonl").read_text().splitlines()]
    lines = [json.dumps(r) for r in rows]
    lines += [json.dumps({**r, "id": f"{r['id']}-again", "outlet": "Other Wire"}) for r in rows]
    lines.insert(3, "{not json")
    lines.append(json.dumps(rows[0]))  # a duplicate id, in a later share
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def test_shares_read_what_a_whole_read_reads(tmp_path):
    corpus = _write_corpus(tmp_path / "corpus.jsonl")
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_bytes(b'{"id": "a", "text": "One line."}\r{"id": "b", "text": "Two."}\n\n' * 40)
    inputs = [corpus, mixed, EXAMPLES_DIR]
    for share_bytes in (500, 4_000, 10**9):
        shares, problems = plan_shares(inputs, share_bytes=share_bytes)
        assert not problems
        if share_bytes == 500:
            assert len(shares) > 20  # files are cut into many byte ranges
        got = [item for share in shares for item in read_share(share)]
        want = [
            i
            for i in iter_articles(inputs)
            if "duplicate article id" not in getattr(i, "reason", "")
        ]
        dups = list(_dups(got))
        assert len(dups) >= 80  # the driver finds ids seen in earlier shares

        def key(item):
            if isinstance(item, Article):
                return ("article", item.id, item.metadata.get("line"), item.text)
            return ("problem", item.source_path, item.line, item.reason)

        assert Counter(map(key, got)) - Counter(map(key, dups)) == Counter(map(key, want))
        lines = [g.metadata["line"] for g in got if isinstance(g, Article) and g.id == "b"]
        assert lines[:2] == [2, 5]  # a lone "\r" ends a line, as in a whole read


def _dups(items):
    """The articles whose id an earlier article had (what the driver sets aside)."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Article):
            if item.id in seen:
                yield item
            seen.add(item.id)


def test_link_plan_from_parts_is_the_plan_of_the_whole():
    def mention(article, actor, camp=None, source="", kind="person"):
        return actors.Mention(
            article_id=article, start=0, end=len(actor), text=actor, actor=actor,
            camp=camp, type=kind, role="other", resolution="name", camp_source=source,
        )  # fmt: skip

    mentions = [
        mention("a1", "Oskar Brenn", "Blue Party", "text"),
        mention("a1", "Brenn"),
        mention("a2", "Brenn"),
        mention("a2", "Lena Ortiz", "Green League", "inferred"),
        mention("a3", "Lena Ortiz", "Blue Party", "text"),
        mention("a3", "Ortiz"),
        mention("a3", "Blue Party", "Blue Party", "table", kind="organization"),
    ]
    whole = actors.link_across_articles(mentions)
    inventory = Counter()
    for part in (mentions[:2], mentions[2:4], mentions[4:]):
        inventory.update(actors.link_inventory(part))
    plan = actors.link_plan(inventory)
    parts = actors.apply_links(mentions[:3], plan) + actors.apply_links(mentions[3:], plan)
    assert parts == whole
    assert {m.actor for m in whole if m.type == "person"} == {"Oskar Brenn", "Lena Ortiz"}
    assert {m.camp for m in whole if m.actor == "Lena Ortiz"} == {"Blue Party"}  # text wins


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_cluster_engine_gives_the_local_tables(tmp_path, seed_path):
    corpus = _write_corpus(tmp_path / "corpus.jsonl")
    inputs = [str(seed_path), str(corpus)]
    local, cluster = tmp_path / "local", tmp_path / "cluster"
    assert main(["analyze", *inputs, "--out", str(local), "--quiet"]) == 3  # one broken line
    result = analyze_on_cluster(inputs, cluster, jobs=2, share_bytes=6_000)
    assert result.exit_code == 3
    assert result.run["shares"] >= 6  # the JSONL file was cut into byte ranges
    names = assert_same_tables(local, cluster)
    assert {"outlets", "outlet_tests", "actors", "unknown_terms"} <= set(names)
    errors = _table(cluster, "errors")
    assert errors["reason"].str.contains("duplicate article id").sum() == 1
    assert errors["reason"].str.contains("not valid JSON").sum() == 1
    assert not list(cluster.glob(".cluster-*"))  # the staging folder is gone
    parts = sorted((cluster / "parquet" / "mentions").glob("part-*.parquet"))
    assert len(parts) == result.run["shares"]  # each worker wrote its own share
    texts = pd.read_parquet(cluster / "parquet" / "texts")
    assert len(texts) == result.run["counts"]["articles"]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_real_cluster_scheduler_and_two_workers(tmp_path, seed_path):
    """`dask scheduler` and two `dask worker` processes on 127.0.0.1, as on a cluster;
    `framing analyze --engine dask --scheduler` gives the local engine's tables."""
    if not (shutil.which("dask", path=str(BIN)) or shutil.which("dask")):
        pytest.skip("the dask command is not installed")
    logs = tmp_path / "logs"
    logs.mkdir()
    with dask_processes(2, memory_limit="3GB", log_dir=logs) as address:
        corpus = _write_corpus(tmp_path / "corpus.jsonl")
        inputs = [str(seed_path), str(corpus)]
        local, cluster = tmp_path / "local", tmp_path / "cluster"
        assert main(["analyze", *inputs, "--out", str(local), "--quiet"]) == 3
        status = subprocess.run(
            [str(BIN / "framing"), "analyze", *inputs, "--out", str(cluster), "--quiet",
             "--engine", "dask", "--scheduler", address],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert status.returncode == 3, status.stderr
        run = json.loads((cluster / "run.json").read_text())
        assert run["engine"] == "dask" and run["scheduler"] == address
        assert run["shares"] >= 2
        assert_same_tables(local, cluster)


def test_local_cluster_processes_are_stopped(tmp_path):
    """`scale.dask_processes` leaves no scheduler or worker behind; a worker tells the
    transformer backend how many threads it has."""
    from dask.distributed import Client

    from analysis.distributed import _worker_threads

    assert _worker_threads() is None  # not on a worker: onnxruntime's default
    with dask_processes(1) as address:
        with Client(address, timeout=30) as client:
            workers = client.scheduler_info()["workers"]
            assert len(workers) == 1
            # On a worker, the transformer's sessions get the worker's own threads.
            threads = next(iter(workers.values()))["nthreads"]
            assert client.submit(_worker_threads, pure=False).result() == threads
    with pytest.raises(OSError):
        Client(address, timeout=2)


def test_scheduler_needs_the_dask_engine(tmp_path, seed_path):
    assert (
        main(
            [
                "analyze",
                str(seed_path),
                "--out",
                str(tmp_path),
                "--quiet",
                "--scheduler",
                "tcp://127.0.0.1:1",
            ]
        )
        == 2
    )
