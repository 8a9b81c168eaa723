"""Scale-out: the Dask engine (on a LocalCluster) writes the same tables as the local
engine, plus Parquet datasets."""

from __future__ import annotations

import pandas as pd

from analysis.cli import main
from analysis.config import EXAMPLES_DIR


def test_dask_engine_gives_identical_tables(tmp_path, seed_path):
    local, dask = tmp_path / "local", tmp_path / "dask"
    inputs = [str(seed_path), str(EXAMPLES_DIR)]
    assert main(["analyze", *inputs, "--out", str(local), "--quiet"]) == 0
    status = main(
        ["analyze", *inputs, "--out", str(dask), "--quiet", "--engine", "dask", "--jobs", "2"]
    )
    assert status == 0
    for name in sorted(p.name for p in local.glob("*.csv")):
        first = pd.read_csv(local / name).drop(columns="from_cache", errors="ignore")
        second = pd.read_csv(dask / name).drop(columns="from_cache", errors="ignore")
        pd.testing.assert_frame_equal(first, second, obj=name)
    articles = pd.read_parquet(dask / "parquet" / "articles")
    assert sorted(articles["article_id"]) == sorted(
        pd.read_csv(local / "articles.csv")["article_id"]
    )
    assert pd.read_parquet(dask / "parquet" / "errors").empty


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
