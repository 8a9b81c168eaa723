"""Scale-out on Dask: the same per-article analysis as Dask tasks.

`framing analyze --engine dask` starts a `LocalCluster` (one single-threaded worker
process per `--jobs`) or connects to any Dask scheduler given with `--scheduler
ADDRESS` (e.g. `tcp://10.0.0.5:8786`), maps `analysis.pipeline.analyse_chunk` over the
chunks of articles, and gathers the plain records back in input order. The tables are
identical to the local engine's. Every worker must have the kit and the spaCy pipeline
installed; with a shared `FRAMING_CACHE_DIR` they also share parses.

Use it when one machine is not enough (a corpus of hundreds of thousands of articles,
a cluster at hand); on one machine `--jobs N` with the local engine does the same with
less start-up cost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Result = TypeVar("Result")


def run_on_dask(
    analyse_chunk: Callable[[Sequence[Any], Any], Result],
    chunks: Sequence[Sequence[Any]],
    options: Any,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
) -> Iterator[Result]:
    """Yield `analyse_chunk(chunk, options)` for every chunk, in input order, computed
    as Dask tasks. The pipeline hands its own chunk function in, so this lower layer
    never imports the pipeline."""
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=max(jobs, 1), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        futures = client.map(analyse_chunk, list(chunks), [options] * len(chunks), pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        done: dict[int, Result] = {}
        next_index = 0
        for future in as_completed(futures):
            done[index[future.key]] = future.result()
            future.release()
            while next_index in done:
                yield done.pop(next_index)
                next_index += 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def write_parquet(frame, folder, *, rows_per_file: int = 100_000):
    """A table as a Parquet dataset folder (`part-0.parquet`, `part-1.parquet` ...),
    written next to its final place and swapped in whole, so readers (Dask, Spark,
    DuckDB, pandas) never see half a dataset."""
    import os
    import shutil
    import tempfile
    from pathlib import Path

    import pyarrow as pa
    import pyarrow.dataset as ds

    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
        if table.num_rows == 0:  # keep the schema: an empty table is one empty part
            import pyarrow.parquet as pq

            pq.write_table(table, staging / "part-0.parquet")
        else:
            ds.write_dataset(
                table,
                staging,
                format="parquet",
                basename_template="part-{i}.parquet",
                max_rows_per_file=rows_per_file,
                max_rows_per_group=rows_per_file,
                existing_data_behavior="overwrite_or_ignore",
            )
        old = None
        if folder.exists():
            old = folder.with_name(f".{folder.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(folder, old)
        os.replace(staging, folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder
