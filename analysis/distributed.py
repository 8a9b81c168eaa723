"""The cluster engine: `framing analyze --engine dask`, where the cluster does the
work and the driver holds summaries.

The driver (the process that runs `framing analyze`) never reads an article. It cuts
the inputs into shares (`analysis.shares`: runs of files, byte ranges of JSONL files)
and runs three rounds of Dask tasks on a `LocalCluster` of `--jobs` workers or on the
scheduler given with `--scheduler`:

1. **Analyse** (`analyse_share`): a worker reads its share, parses and analyses it
   (through the shared parse and analysis caches, like the local engine) and keeps the
   per-article records in a scratch file under the output folder. It returns the ids of
   its articles (for duplicate ids across shares), its problems, and the facts
   cross-article linking needs (`actors.link_inventory`, per article).
2. The driver makes the corpus-wide linking decisions (`actors.link_plan`: one entry per
   distinct name) and sends them to every worker once.
3. **Finish** (`finish_share`): a worker applies them to its records, writes its part of
   every record table (attributions, mentions, loaded terms, actor sentiment, portrayal,
   set-aside parts, texts) as one Parquet file per table under `parquet/<table>/`, and
   returns its `corpus.Aggregates`: a few small rows per article, no texts.
4. The driver combines the aggregates into the corpus tables (actors.csv with stance
   and sentiment intervals by article, credibility gaps, unknown terms, the outlet
   comparison: `corpus.summary_tables`) and writes them, as CSV and Parquet, with
   articles.csv, errors.csv and run.json.

The tables are those of the local engine (tested). The output folder must be on a path
every worker sees (a shared disk or network file system), and so must the inputs; the
record tables are Parquet datasets only (a CSV of them would pass through one machine):
read one with `pandas.read_parquet(out / "parquet" / "mentions")`.
"""

from __future__ import annotations

import os
import pickle
import platform
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import actors, onnx_models, tables
from analysis.corpus import (
    RECORD_TABLES,
    Aggregates,
    record_tables_or_problems,
    summary_tables,
)
from analysis.outputs import write_csv, write_json
from analysis.pipeline import (
    EXIT_NOTHING,
    EXIT_OK,
    EXIT_SOME_FAILED,
    STAGES,
    Options,
    _progress,
    _resources,
    analyse_chunk,
    make_options,
    record_cache_use,
    run_metadata,
)
from analysis.records import Article, Problem
from analysis.scale import client_for, close, results_in_order
from analysis.shares import Share, plan_shares, read_share

#: Tables the workers write, one Parquet file per share each.
WORKER_TABLES = (*RECORD_TABLES, "set_aside", "texts")


@dataclass
class ShareRead:
    """What round 1 returns for one share (small: ids and counts, no texts)."""

    index: int
    ids: list[tuple[str, str, int | None]]  # (article_id, source_path, line) per article
    inventories: list[Counter]  # actors.link_inventory per article
    problems: list[Problem]
    parse: dict[str, float]
    timings: Counter = field(default_factory=Counter)


@dataclass
class ShareDone:
    """What round 3 returns for one share."""

    index: int
    aggregates: Aggregates
    schemas: dict[str, Any]  # table → pyarrow schema of the file written
    problems: list[Problem]
    timings: Counter = field(default_factory=Counter)


@dataclass
class ClusterResult:
    """A cluster run as the driver knows it: counts, problems and run.json."""

    articles: int
    problems: list[Problem]
    run: dict[str, Any]
    written: list[Path]

    @property
    def exit_code(self) -> int:
        if not self.articles:
            return EXIT_NOTHING
        return EXIT_SOME_FAILED if self.problems else EXIT_OK


# ----------------------------------------------------------------------------- workers


def analyse_share(
    share: Share,
    options: Options,
    scratch: str,
    allow_other_languages: bool = False,
    outlets: tuple[str, ...] | None = None,
) -> ShareRead:
    """Round 1 on a worker: read, parse and analyse one share; keep its records in
    `scratch` for round 3; return ids, problems and linking facts."""
    clock = time.perf_counter()
    onnx_models.set_threads(_worker_threads())
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in read_share(share, allow_other_languages=allow_other_languages):
        (articles if isinstance(item, Article) else problems).append(item)
    if outlets:
        wanted = set(outlets)
        articles = [a for a in articles if a.outlet in wanted]
    ingest = time.perf_counter() - clock
    chunk = analyse_chunk(articles, options)
    chunk.timings["ingest"] += ingest
    _dump(chunk.results, _scratch_file(scratch, share.index))
    return ShareRead(
        share.index,
        [
            (r.article.id, r.article.source_path, r.article.metadata.get("line"))
            for r in chunk.results
        ],
        [actors.link_inventory(r.mentions) for r in chunk.results],
        problems + chunk.problems,
        chunk.parse,
        chunk.timings,
    )


def _worker_threads() -> int | None:
    """The Dask worker's thread count (its share of its machine's cores), for the
    onnxruntime sessions (sentiment transformer, attribution tagger); None (onnxruntime's
    default) elsewhere."""
    try:
        from distributed import get_worker

        return int(get_worker().state.nthreads)
    except (ImportError, ValueError, AttributeError):
        return None


def finish_share(
    index: int,
    drop: frozenset[int],
    options: Options,
    scratch: str,
    staging: str,
    plan: actors.LinkPlan,
) -> ShareDone:
    """Round 3 on a worker: link this share's records by the corpus-wide `plan`
    (leaving out the articles at positions `drop`: ids an earlier share had), write its
    record tables as Parquet, return its aggregates."""
    clock = time.perf_counter()
    path = _scratch_file(scratch, index)
    with open(path, "rb") as handle:
        results = pickle.load(handle)
    results = [r for i, r in enumerate(results) if i not in drop]
    records, aggregates, problems, results = record_tables_or_problems(
        results, plan, _resources(options), options.debug
    )
    analysed = [r.article for r in results]
    records["set_aside"] = tables.set_aside_table(analysed)
    records["texts"] = pd.DataFrame(
        {"article_id": [a.id for a in analysed], "text": [a.text for a in analysed]},
        columns=["article_id", "text"],
    )
    schemas = {
        name: _write_part(records[name], Path(staging) / name, index) for name in WORKER_TABLES
    }
    os.unlink(path)
    return ShareDone(
        index, aggregates, schemas, problems, Counter(tables=time.perf_counter() - clock)
    )


def conform_part(path: str, schema: Any) -> str:
    """Rewrite one Parquet file to the dataset's common schema (a column that is empty
    in one share has no type of its own there)."""
    import pyarrow.parquet as pq

    table = pq.read_table(path).cast(schema)
    temporary = f"{path}.tmp"
    pq.write_table(table, temporary)
    os.replace(temporary, path)
    return path


# ------------------------------------------------------------------------------ driver


def analyze_on_cluster(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    progress: bool = False,
    allow_other_languages: bool = False,
    outlets: Sequence[str] | None = None,
    share_bytes: int | None = None,
    **settings: Any,
) -> ClusterResult:
    """Analyse every article under `paths` on a Dask cluster and write the tables to
    `out_dir` (see the module docstring). `settings` are `pipeline.make_options`'s."""
    started_at = datetime.now(UTC)
    wall = time.perf_counter()
    paths = [Path(p) for p in paths]
    out_dir = Path(out_dir)
    settings.pop("engine", None)
    options, info = make_options(**settings)
    timings: Counter = Counter()

    clock = time.perf_counter()
    resources = _resources(options)  # a bad lexicon or alias table fails before any work
    timings["load_resources"] = time.perf_counter() - clock

    clock = time.perf_counter()
    connection = client_for(scheduler, max(jobs, 1))
    timings["cluster_start"] = time.perf_counter() - clock

    clock = time.perf_counter()
    workers = max(jobs, len(connection[0].scheduler_info().get("workers", ())))
    shares, problems = plan_shares(paths, share_bytes=share_bytes, workers=workers)
    timings["plan"] = time.perf_counter() - clock

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        close(connection)
        raise
    staging = out_dir / f".cluster-{uuid.uuid4().hex[:12]}"
    scratch, parts = staging / "scratch", staging / "parquet"
    scratch.mkdir(parents=True)
    parts.mkdir()

    try:
        aggregates, read_problems, parse_stats = _run_rounds(
            connection, shares, options, resources, scratch, parts,
            allow_other_languages, outlets, progress, timings,
        )  # fmt: skip
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise

    # The corpus tables from the aggregates, on the driver.
    clock = time.perf_counter()
    combined = Aggregates.combine(aggregates) if aggregates else None
    del aggregates
    problems += read_problems
    summary: dict[str, pd.DataFrame] = {}
    if combined is not None:
        summary = {
            "articles": combined.articles,
            "errors": tables.errors_table(problems),
            **summary_tables(combined),
        }
    else:
        summary = {"articles": tables.articles_table([]), "errors": tables.errors_table(problems)}
    timings["summary_tables"] = time.perf_counter() - clock

    clock = time.perf_counter()
    written = _publish(summary, parts, out_dir)
    shutil.rmtree(staging, ignore_errors=True)
    timings["write"] = time.perf_counter() - clock
    for stage in STAGES:
        timings.setdefault(stage, 0.0)

    articles = summary["articles"]
    run = run_metadata(paths, options, info, resources, outlets, allow_other_languages)
    run.update(
        started_at=started_at.isoformat(timespec="seconds"),
        jobs=jobs,
        engine="dask",
        scheduler=scheduler or "LocalCluster",
        shares=len(shares),
        driver={
            "aggregates_bytes": combined.memory_bytes() if combined is not None else 0,
            "peak_rss_mb": _peak_rss_mb(),
        },
    )
    record_cache_use(run, parse_stats)
    run["counts"] = {
        "articles": len(articles),
        "errors": len(problems),
        "sentences": int(pd.to_numeric(articles["sentences"]).fillna(0).sum()),
        "tokens": int(pd.to_numeric(articles["tokens"]).fillna(0).sum()),
    }
    run["timings_seconds"] = {k: round(v, 3) for k, v in timings.items()}
    run["timings_seconds"]["total"] = round(time.perf_counter() - wall, 3)
    run.update(python=platform.python_version(), platform=platform.platform())
    run["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    run["outputs"] = sorted(p.name for p in written) + ["run.json"]
    written.append(write_json(run, out_dir / "run.json"))
    return ClusterResult(len(articles), problems, run, written)


def _run_rounds(
    connection: tuple[Any, Any],
    shares: list[Share],
    options: Options,
    resources: Any,
    scratch: Path,
    parts: Path,
    allow_other_languages: bool,
    outlets: Sequence[str] | None,
    progress: bool,
    timings: Counter,
) -> tuple[list[Aggregates], list[Problem], Counter]:
    """Rounds 1-3 of the module docstring; the aggregates of the shares in order."""
    client, cluster = connection
    try:
        # Round 1: read, parse, analyse.
        clock = time.perf_counter()
        parse_stats: Counter = Counter()
        seen: dict[str, str] = {}
        drops: dict[int, set[int]] = {}
        inventory: Counter = Counter()
        read_problems: list[Problem] = []
        futures = client.map(
            analyse_share,
            shares,
            options=options,
            scratch=str(scratch),
            allow_other_languages=allow_other_languages,
            outlets=tuple(outlets) if outlets else None,
            pure=False,
        )
        with _progress(len(shares), progress) as bar:
            for read in results_in_order(futures):
                read_problems += read.problems
                parse_stats.update(read.parse)
                timings.update(read.timings)
                for position, (article_id, source, line) in enumerate(read.ids):
                    if article_id in seen:  # the local engine reads only the first
                        drops.setdefault(read.index, set()).add(position)
                        read_problems.append(_duplicate(article_id, source, line, seen))
                        continue
                    seen[article_id] = source
                    inventory.update(read.inventories[position])
                bar.update(1)
        timings["cluster_analyse"] = time.perf_counter() - clock

        # Round 2: the corpus-wide linking decisions, sent once to every worker.
        clock = time.perf_counter()
        plan = actors.link_plan(inventory, resources.aliases)
        del inventory, seen
        [plan_future] = client.scatter([plan], broadcast=True)
        timings["link"] = time.perf_counter() - clock

        # Round 3: record tables on the workers, aggregates back.
        clock = time.perf_counter()
        futures = client.map(
            finish_share,
            [s.index for s in shares],
            [frozenset(drops.get(s.index, ())) for s in shares],
            options=options,
            scratch=str(scratch),
            staging=str(parts),
            plan=plan_future,
            pure=False,
        )
        aggregates: list[Aggregates] = []
        schemas: dict[str, list[tuple[int, Any]]] = {name: [] for name in WORKER_TABLES}
        for done in results_in_order(futures):
            aggregates.append(done.aggregates.compact())
            read_problems += done.problems
            timings.update(done.timings)
            for name, schema in done.schemas.items():
                schemas[name].append((done.index, schema))
        _conform(client, parts, schemas)
        timings["cluster_finish"] = time.perf_counter() - clock
    finally:
        close(connection)

    return aggregates, read_problems, parse_stats


def _duplicate(article_id: str, source: str, line: int | None, seen: dict[str, str]) -> Problem:
    return Problem(
        source,
        f"duplicate article id {article_id!r} (first read from {seen[article_id]}); "
        "give each article its own id",
        article_id=article_id,
        line=line,
    )


def _scratch_file(scratch: str, index: int) -> Path:
    return Path(scratch) / f"share-{index:06d}.pickle"


def _dump(results: Any, path: Path) -> None:
    temporary = path.with_suffix(".tmp")
    with open(temporary, "wb") as handle:
        pickle.dump(results, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def _write_part(frame: pd.DataFrame, folder: Path, index: int) -> Any:
    """One share's part of a table as `folder/part-NNNNNN.parquet`; its schema."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    if frame.empty:  # no rows: no types either (typed from the other shares' files)
        frame = frame.astype(object)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    path = folder / f"part-{index:06d}.parquet"
    temporary = folder / f".part-{index:06d}.tmp"
    pq.write_table(table, temporary)
    os.replace(temporary, path)
    return table.schema


def _conform(client: Any, parts: Path, schemas: dict[str, list[tuple[int, Any]]]) -> None:
    """Give every file of a table the same schema (a column with no value in one share
    is typed from the others), rewriting only the files that differ, on the workers."""
    import pyarrow as pa

    jobs = []
    for name, found in schemas.items():
        if not found:
            continue
        common = pa.unify_schemas(
            [s.remove_metadata() for _, s in found], promote_options="permissive"
        )
        for index, schema in found:
            if not schema.remove_metadata().equals(common):
                jobs.append((str(parts / name / f"part-{index:06d}.parquet"), common))
    if jobs:
        client.gather(
            client.map(conform_part, [p for p, _ in jobs], [s for _, s in jobs], pure=False)
        )


def _publish(summary: dict[str, pd.DataFrame], parts: Path, out_dir: Path) -> list[Path]:
    """The corpus tables as CSV and Parquet, and the workers' record tables moved into
    `out_dir/parquet/` (each folder swapped in whole)."""
    from analysis.scale import write_parquet

    written = [write_csv(frame, out_dir / f"{name}.csv") for name, frame in summary.items()]
    target = out_dir / "parquet"
    target.mkdir(exist_ok=True)
    for name, frame in summary.items():
        written.append(write_parquet(frame, target / name))
    for folder in sorted(parts.iterdir()):
        final = target / folder.name
        old = target / f".{folder.name}.old"
        if final.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.replace(final, old)
        os.replace(folder, final)
        shutil.rmtree(old, ignore_errors=True)
        written.append(final)
    return written


def _peak_rss_mb() -> float:
    """This process's peak resident memory in MB (the driver's own, not its workers')."""
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)
