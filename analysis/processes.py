"""`framing analyze --jobs N`: worker processes on one machine, in the cluster engine's
rounds, so that the corpus tables are built by the workers too.

1. Each worker parses and analyses a chunk of articles (`analyse`, the pipeline's
   `analyse_chunk`), keeps the records in a scratch file and returns only what the
   driver needs: ids, parse summaries, the linking facts (`actors.link_inventory`),
   problems and timings.
2. The driver makes the corpus-wide linking decisions once (`actors.link_plan`).
3. Each worker turns its chunk's records into the record tables and `corpus.Aggregates`
   (`corpus.record_tables`); the driver joins them in corpus order
   (`corpus.combine_records`, `Aggregates.combine`) and builds the corpus tables from
   the aggregates (`corpus.summary_tables`).

Before, the driver gathered every record and built all the tables itself while the
workers sat idle: with two cores that serial part held `--jobs 2` near 1.5×. The tables
are the same as one process gives (`tests/test_cli.py`).

Around the rounds the driver's own serial work is shared with a forked side process
(`analysis.beside`) where it splits: the language check while the pipeline loads
(`pipeline`), the resampled corpus statistics while the driver builds the rest
(`corpus.summary_tables`); and a forked helper writes the larger CSV files while the
driver writes the others (`outputs.write_csvs`). On two cores these serial parts were
what held `--jobs 2` below 1.8×.

Workers are forked from the driver after `prepare` has run (it loads the pipeline and
what the analyses load on first use), so no worker loads them again; what is loaded by
then is frozen out of the garbage collector, whose walks would otherwise copy its pages.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
import pickle
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import actors
from analysis.corpus import Aggregates, combine_records, record_tables_or_problems
from analysis.records import Article, ParseSummary, Problem

#: Modules the driver imports while the workers analyse (they load on first use).
PREFETCH = ("scipy.stats",)


@dataclass
class ChunkRead:
    """What round 1 returns for one chunk: small, no texts and no records."""

    summaries: list[ParseSummary]  # one per analysed article, in order
    inventory: Counter  # actors.link_inventory of the chunk's mentions
    problems: list[Problem]
    parse: dict[str, float]
    timings: Counter = field(default_factory=Counter)


@dataclass
class ChunkTables:
    """What round 3 returns for one group of consecutive chunks."""

    records: dict[str, pd.DataFrame]
    aggregates: Aggregates
    problems: list[Problem]
    timings: Counter = field(default_factory=Counter)


@dataclass
class ProcessRun:
    """A whole `--jobs N` run as the driver holds it."""

    records: dict[str, pd.DataFrame]
    aggregates: Aggregates
    summaries: dict[str, ParseSummary]
    problems: list[Problem]
    parse: Counter
    timings: Counter
    forkable: bool = True  # no thread of this process is busy: it may fork a side process


def guided_chunks(articles: Sequence[Article], jobs: int, largest: int) -> list[list[Article]]:
    """Chunks that shrink toward the end (each a share of what is left, at most
    `largest`, at least two articles so that a chunk still parses as a batch), so the
    last one never keeps one core busy while the others idle."""
    chunks, done = [], 0
    while done < len(articles):
        left = len(articles) - done
        size = min(left, max(2, min(largest, -(-left // (2 * jobs)))))
        chunks.append(list(articles[done : done + size]))
        done += size
    return chunks


def run_in_processes(
    chunks: Sequence[Sequence[Article]],
    options: Any,
    jobs: int,
    *,
    analyse: Callable[[Sequence[Article], Any], Any],
    resources_for: Callable[[Any], Any],
    prepare: Callable[[], None] | None = None,
    on_chunk: Callable[[int], None] | None = None,
) -> ProcessRun:
    """Rounds 1-3 of the module docstring over `jobs` forked worker processes.

    `analyse(articles, options)` returns the pipeline's `ChunkResult`;
    `resources_for(options)` the loaded `Resources`; `prepare()` runs before the fork;
    `on_chunk(n)` is told how many articles each finished chunk held (progress)."""
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    timings: Counter = Counter()
    clock = time.perf_counter()
    if prepare is not None and context.get_start_method() == "fork":
        prepare()
    resources = resources_for(options)
    timings["jobs_prepare"] = time.perf_counter() - clock
    parse: Counter = Counter()
    problems: list[Problem] = []
    summaries: dict[str, ParseSummary] = {}
    inventory: Counter = Counter()
    gc.freeze()
    try:
        with (
            tempfile.TemporaryDirectory(prefix="framing-jobs-") as scratch,
            ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool,
        ):
            # Round 1: parse and analyse; records stay with the workers' scratch files.
            clock = time.perf_counter()
            reads = pool.map(
                _analyse_and_keep,
                range(len(chunks)),
                chunks,
                [options] * len(chunks),
                [scratch] * len(chunks),
                [analyse] * len(chunks),
            )
            # Every worker is forked by now (at the first submission): the driver, idle
            # until results come, imports what the corpus tables use meanwhile.
            prefetch = threading.Thread(target=_prefetch, args=(PREFETCH,), daemon=True)
            prefetch.start()
            sizes: list[int] = []  # analysed articles per chunk
            for read in reads:  # in corpus order: inventories add up as a whole corpus's
                sizes.append(len(read.summaries))
                problems += read.problems
                parse.update(read.parse)
                timings.update(read.timings)
                summaries.update((s.article_id, s) for s in read.summaries)
                inventory.update(read.inventory)
                if on_chunk is not None:
                    on_chunk(len(read.summaries) + len(read.problems))
            timings["jobs_analyse"] = time.perf_counter() - clock

            # Round 2: the linking decisions, once for the corpus.
            clock = time.perf_counter()
            plan = actors.link_plan(inventory, resources.aliases)
            timings["link"] = time.perf_counter() - clock

            # Round 3: record tables and aggregates on the workers, one group of
            # consecutive chunks per worker (the tables have a fixed cost per call).
            clock = time.perf_counter()
            groups = finishing_groups(sizes, jobs)
            parts = list(
                pool.map(
                    _finish,
                    groups,
                    [options] * len(groups),
                    [scratch] * len(groups),
                    [plan] * len(groups),
                    [resources_for] * len(groups),
                )
            )
            timings["jobs_finish"] = time.perf_counter() - clock
    finally:
        gc.unfreeze()
    # A process forked while the prefetch still imports would inherit held import locks.
    forkable = not prefetch.is_alive()
    for part in parts:
        problems += part.problems
        timings.update(part.timings)
        for problem in part.problems:  # a chunk whose tables failed: not analysed
            summaries.pop(problem.article_id, None)
    return ProcessRun(
        records=combine_records([p.records for p in parts]),
        aggregates=Aggregates.combine([p.aggregates for p in parts]),
        summaries=summaries,
        problems=problems,
        parse=parse,
        timings=timings,
        forkable=forkable,
    )


def _prefetch(modules: Sequence[str]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:  # pragma: no cover - imported again where used, and fails there
            pass


def finishing_groups(sizes: Sequence[int], groups: int) -> list[list[int]]:
    """Consecutive chunk indexes in at most `groups` groups of about equal article
    counts (`sizes`: articles per chunk)."""
    total = sum(sizes)
    out: list[list[int]] = [[]]
    done = 0
    for index, size in enumerate(sizes):
        if out[-1] and done >= total * len(out) / groups and len(out) < groups:
            out.append([])
        out[-1].append(index)
        done += size
    return out


def _scratch_file(scratch: str, index: int) -> Path:
    return Path(scratch) / f"chunk-{index:06d}.pickle"


def _analyse_and_keep(
    index: int,
    articles: Sequence[Article],
    options: Any,
    scratch: str,
    analyse: Callable[[Sequence[Article], Any], Any],
) -> ChunkRead:
    """Round 1 in a worker."""
    chunk = analyse(articles, options)
    path = _scratch_file(scratch, index)
    with open(path, "wb") as handle:
        pickle.dump(chunk.results, handle, protocol=pickle.HIGHEST_PROTOCOL)
    inventory: Counter = Counter()
    for result in chunk.results:
        inventory.update(actors.link_inventory(result.mentions))
    return ChunkRead(
        [r.summary for r in chunk.results],
        inventory,
        chunk.problems,
        chunk.parse,
        chunk.timings,
    )


def _finish(
    indexes: list[int],
    options: Any,
    scratch: str,
    plan: actors.LinkPlan,
    resources_for: Callable[[Any], Any],
) -> ChunkTables:
    """Round 3 in a worker: the records of the chunks at `indexes` linked by the
    corpus-wide `plan`, as record tables and aggregates. A group whose tables fail
    becomes one problem per article; the rest of the run goes on."""
    clock = time.perf_counter()
    results = []
    for index in indexes:
        path = _scratch_file(scratch, index)
        with open(path, "rb") as handle:
            results += pickle.load(handle)
        os.unlink(path)
    records, aggregates, problems, _ = record_tables_or_problems(
        results, plan, resources_for(options), options.debug
    )
    return ChunkTables(records, aggregates, problems, Counter(tables=time.perf_counter() - clock))
