"""Dask plumbing: clients, results in order, a real local cluster, Parquet datasets.

The cluster engine (`analysis.distributed`, `framing analyze --engine dask`) builds on
these. `run_on_dask` is the in-memory path of `pipeline.run_analysis(engine="dask")` for
notebooks and corpora that fit in memory: on a `LocalCluster` (one single-threaded worker
process per `--jobs`) or any Dask scheduler (`tcp://10.0.0.5:8786`), it maps
`pipeline.analyse_chunk` over chunks of articles and gathers the plain records back in
input order; the tables are identical to the local engine's. Every worker must have the
kit and the spaCy pipeline installed; with a shared `FRAMING_CACHE_DIR` they also share
parses. On one machine `--jobs N` with the local engine does the same with less start-up.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
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
    connection = client_for(scheduler, max(jobs, 1))
    client = connection[0]
    try:
        futures = client.map(analyse_chunk, list(chunks), [options] * len(chunks), pure=False)
        yield from results_in_order(futures)
    finally:
        close(connection)


def client_for(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """A Dask client of the scheduler at `scheduler`, or of a new `LocalCluster` of
    `workers` single-threaded processes; (client, cluster or None), for `close`."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    return Client(cluster), cluster


def close(connection: tuple[Any, Any]) -> None:
    """Close a `client_for` client and the LocalCluster it started, if any."""
    client, cluster = connection
    client.close()
    if cluster is not None:
        cluster.close()


def results_in_order(futures: Sequence[Any]) -> Iterator[Any]:
    """Task results in submission order, each as soon as those before it are in (out
    of order ones wait, so the caller holds few at a time); the first failure raises."""
    from dask.distributed import as_completed

    index = {future.key: i for i, future in enumerate(futures)}
    done: dict[int, Any] = {}
    next_index = 0
    for future in as_completed(futures):
        done[index[future.key]] = future.result()
        future.release()
        while next_index in done:
            yield done.pop(next_index)
            next_index += 1


@contextlib.contextmanager
def dask_processes(
    workers: int = 2,
    *,
    memory_limit: str | None = None,
    log_dir: str | Path | None = None,
    timeout: float = 120,
) -> Iterator[str]:
    """A real Dask cluster on this machine, as on many: a `dask scheduler` process on
    127.0.0.1 and `workers` single-threaded `dask worker` processes (the `dask` command
    of this environment). Yields the scheduler's address once every worker has joined;
    terminates them all on exit (killed if they do not stop). For tests and benchmarks
    of `--engine dask --scheduler`."""
    import shutil
    import socket
    import subprocess
    import sys

    from dask.distributed import Client

    dask = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")
    if dask is None:
        raise FileNotFoundError("the dask command is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"

    def log(name: str):
        return open(Path(log_dir) / f"{name}.log", "w") if log_dir else subprocess.DEVNULL  # noqa: SIM115

    commands = [[dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]]
    for i in range(workers):
        limit = ["--memory-limit", memory_limit] if memory_limit else []
        commands.append(
            [dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
             "--name", f"w{i}", *limit]
        )  # fmt: skip
    processes = []
    try:
        for k, command in enumerate(commands):
            name = "scheduler" if k == 0 else f"worker{k - 1}"
            processes.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log(name)))
        with Client(address, timeout=timeout) as client:
            client.wait_for_workers(workers, timeout=timeout)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


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
