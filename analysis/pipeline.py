"""The main job: articles in, tables out.

`run_analysis` reads the inputs, parses them through the cache and runs the
per-article analyses, returning the tables in memory (what notebooks use);
`write_outputs` writes them to a folder atomically with `run.json`; `analyze` does both
(what `framing analyze` and `make run` use). One broken article never stops a run: it
becomes a row of `errors.csv` and the rest goes on.

Articles are analysed in chunks (`analyse_chunk`): one after another in this process,
or spread over `jobs` worker processes. Each worker loads the pipeline once and
returns plain records, never spaCy objects.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import platform
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import __version__, tables
from analysis.config import PACKAGE_DIR
from analysis.ingest import MAX_ARTICLE_CHARS, read_articles
from analysis.nlp import ParsedArticle, Parser, load_pipeline, model_info, sentence_spans
from analysis.outputs import write_csv, write_json, write_jsonl
from analysis.records import Article, ParseSummary, Problem

#: Exit statuses of `framing analyze` (see the contract).
EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_SOME_FAILED = 0, 1, 2, 3

#: Articles per unit of work handed to a worker process.
CHUNK_SIZE = 16


@dataclass(frozen=True)
class Options:
    """How to analyse: everything a worker process needs to redo the same work."""

    model: str | None = None
    use_cache: bool = True
    cache_directory: Path | None = None
    batch_size: int = 32
    debug: bool = False


@dataclass
class ArticleResult:
    """All records the analyses produced for one article."""

    article: Article
    summary: ParseSummary


@dataclass
class ChunkResult:
    results: list[ArticleResult]
    problems: list[Problem]
    parse: dict[str, float]
    timings: Counter = field(default_factory=Counter)


@dataclass
class AnalysisResult:
    """Everything one run produced, in memory."""

    articles: list[Article]
    problems: list[Problem]
    tables: dict[str, pd.DataFrame]
    run: dict[str, Any]
    written: list[Path] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if not self.articles:
            return EXIT_NOTHING
        return EXIT_SOME_FAILED if self.problems else EXIT_OK


def analyse_article(parsed: ParsedArticle, timings: Counter) -> ArticleResult:
    """Run every per-article analysis on one parsed article."""
    doc = parsed.doc
    summary = ParseSummary(
        article_id=parsed.article.id,
        sentences=len(sentence_spans(doc)),
        tokens=sum(1 for t in doc if not t.is_space),
        from_cache=parsed.from_cache,
    )
    return ArticleResult(parsed.article, summary)


def analyse_chunk(articles: Sequence[Article], options: Options) -> ChunkResult:
    """Parse (through the cache) and analyse a chunk of articles."""
    nlp = load_pipeline(options.model)
    parser = Parser(
        nlp,
        use_cache=options.use_cache,
        batch_size=options.batch_size,
        cache_directory=options.cache_directory,
    )
    results: list[ArticleResult] = []
    problems: list[Problem] = []
    timings: Counter = Counter()
    for parsed in parser.parse(articles):
        if isinstance(parsed, Problem):
            problems.append(parsed)
            continue
        try:
            results.append(analyse_article(parsed, timings))
        except Exception as error:  # noqa: BLE001 - one article never stops a run
            if options.debug:
                raise
            problems.append(
                Problem(
                    parsed.article.source_path,
                    f"analysis failed: {type(error).__name__}: {error}",
                    stage="analysis",
                    article_id=parsed.article.id,
                )
            )
    timings["parse"] += parser.stats.seconds
    return ChunkResult(results, problems, parser.stats.as_dict(), timings)


def run_analysis(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    use_cache: bool = True,
    cache_directory: Path | None = None,
    batch_size: int = 32,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = False,
    debug: bool = False,
    allow_other_languages: bool = False,
) -> AnalysisResult:
    """Analyse every article under `paths` and return the tables (nothing is written)."""
    started_at = datetime.now(UTC)
    wall = time.perf_counter()
    paths = [Path(p) for p in paths]
    options = Options(
        model=model,
        use_cache=use_cache,
        cache_directory=cache_directory,
        batch_size=batch_size,
        debug=debug,
    )
    timings: Counter = Counter()

    clock = time.perf_counter()
    articles, problems = read_articles(paths, allow_other_languages=allow_other_languages)
    timings["ingest"] = time.perf_counter() - clock

    clock = time.perf_counter()
    nlp = load_pipeline(model)  # also fails early, in this process, for a missing model
    timings["load_model"] = time.perf_counter() - clock

    results: list[ArticleResult] = []
    parse_stats: Counter = Counter()
    with _progress(len(articles), progress) as bar:
        for chunk in _run_chunks(articles, options, jobs, engine, scheduler):
            results.extend(chunk.results)
            problems.extend(chunk.problems)
            parse_stats.update(chunk.parse)
            timings.update(chunk.timings)
            bar.update(len(chunk.results) + len(chunk.problems))

    clock = time.perf_counter()
    analysed = [r.article for r in results]
    summaries = {r.article.id: r.summary for r in results}
    result_tables = {
        "articles": tables.articles_table(analysed, summaries),
        "set_aside": tables.set_aside_table(analysed),
        "errors": tables.errors_table(problems),
    }
    timings["tables"] = time.perf_counter() - clock

    cache_directory_used = None
    if use_cache:
        from analysis.nlp import DocCache

        cache_directory_used = str(DocCache(nlp, cache_directory).directory)
    run = {
        "kit_version": __version__,
        "started_at": started_at.isoformat(timespec="seconds"),
        "inputs": [str(p) for p in paths],
        "model": model_info(nlp),
        "data_files": data_file_versions(),
        "ingest": {
            "max_article_chars": MAX_ARTICLE_CHARS,
            "language_check": not allow_other_languages,
        },
        "jobs": jobs,
        "engine": engine,
        "cache": {
            "enabled": use_cache,
            "directory": cache_directory_used,
            "parsed": int(parse_stats["parsed"]),
            "from_cache": int(parse_stats["from_cache"]),
        },
        "counts": {
            "articles": len(analysed),
            "errors": len(problems),
            "sentences": sum(s.sentences for s in summaries.values()),
            "tokens": sum(s.tokens for s in summaries.values()),
        },
        "timings_seconds": {k: round(v, 3) for k, v in timings.items()},
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    run["timings_seconds"]["total"] = round(time.perf_counter() - wall, 3)
    return AnalysisResult(analysed, problems, result_tables, run)


def _run_chunks(
    articles: list[Article], options: Options, jobs: int, engine: str, scheduler: str | None
) -> Iterator[ChunkResult]:
    """Chunk results in input order: in this process, from `jobs` worker processes
    (forked, so each starts with the pipeline already loaded), or from Dask."""
    # At least two chunks per worker where possible, so no worker idles at the end.
    size = max(1, min(CHUNK_SIZE, -(-len(articles) // (2 * max(jobs, 1)))))
    chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
    if engine == "dask":
        from analysis.scale import run_on_dask

        yield from run_on_dask(chunks, options, jobs=jobs, scheduler=scheduler)
        return
    if jobs <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            yield analyse_chunk(chunk, options)
        return
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(analyse_chunk, chunks, [options] * len(chunks))


def write_outputs(
    result: AnalysisResult, out_dir: str | Path, *, parquet: bool = False
) -> list[Path]:
    """Write every table as CSV (and, with `parquet`, as a Parquet dataset folder under
    `parquet/`), the article texts as `texts.jsonl` (the strings all offsets index),
    and `run.json` last, each file atomically."""
    out_dir = Path(out_dir)
    clock = time.perf_counter()
    written = [write_csv(frame, out_dir / f"{name}.csv") for name, frame in result.tables.items()]
    if parquet:
        from analysis.scale import write_parquet

        written += [
            write_parquet(frame, out_dir / "parquet" / name)
            for name, frame in result.tables.items()
        ]
    written.append(
        write_jsonl(
            [{"article_id": a.id, "text": a.text} for a in result.articles], out_dir / "texts.jsonl"
        )
    )
    result.run["timings_seconds"]["write"] = round(time.perf_counter() - clock, 3)
    result.run["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    result.run["outputs"] = sorted(p.name for p in written) + ["run.json"]
    written.append(write_json(result.run, out_dir / "run.json"))
    result.written = written
    return written


def analyze(paths: Iterable[str | Path], out_dir: str | Path, **options: Any) -> AnalysisResult:
    """`run_analysis` then `write_outputs`: the main job."""
    parquet = options.pop("parquet", False) or options.get("engine") == "dask"
    result = run_analysis(paths, **options)
    write_outputs(result, out_dir, parquet=parquet)
    return result


def data_file_versions() -> dict[str, str]:
    """Content hashes of the package's data files (lexicons, marker lists), so a run
    records exactly which versions produced its tables."""
    versions = {}
    for folder in ("data", "lexicons"):
        for path in sorted((PACKAGE_DIR / folder).glob("*.csv")):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            versions[f"{folder}/{path.name}"] = f"sha256:{digest}"
    return versions


class _progress:
    """A tqdm bar on a terminal; nothing otherwise."""

    def __init__(self, total: int, enabled: bool):
        self.bar = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True)

    def __enter__(self):
        return self

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()
