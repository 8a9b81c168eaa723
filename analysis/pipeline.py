"""The main job: articles in, tables out.

`run_analysis` reads the inputs, parses them through the cache and runs the
per-article analyses, returning the tables in memory (what notebooks use);
`write_outputs` writes them to a folder atomically with `run.json`; `analyze` does both
(what `framing analyze` and `make run` use). One broken article never stops a run: it
becomes a row of `errors.csv` and the rest goes on.
"""

from __future__ import annotations

import hashlib
import platform
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import __version__, tables
from analysis.config import PACKAGE_DIR
from analysis.ingest import read_articles
from analysis.nlp import Parser, load_pipeline, model_info, sentence_spans
from analysis.outputs import write_csv, write_json, write_jsonl
from analysis.records import Article, ParseSummary, Problem

#: Exit statuses of `framing analyze` (see the contract).
EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_SOME_FAILED = 0, 1, 2, 3


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


def run_analysis(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    use_cache: bool = True,
    cache_directory: Path | None = None,
    batch_size: int = 32,
    progress: bool = False,
    debug: bool = False,
) -> AnalysisResult:
    """Analyse every article under `paths` and return the tables (nothing is written)."""
    started_at = datetime.now(UTC)
    paths = [Path(p) for p in paths]
    timings: dict[str, float] = {}

    clock = time.perf_counter()
    articles, problems = read_articles(paths)
    timings["ingest"] = time.perf_counter() - clock

    clock = time.perf_counter()
    nlp = load_pipeline(model)
    timings["load_model"] = time.perf_counter() - clock

    parser = Parser(
        nlp, use_cache=use_cache, batch_size=batch_size, cache_directory=cache_directory
    )
    summaries: dict[str, ParseSummary] = {}
    analysed: list[Article] = []
    clock = time.perf_counter()
    with _progress(len(articles), progress) as bar:
        for parsed in parser.parse(articles):
            try:
                summaries[parsed.article.id] = ParseSummary(
                    article_id=parsed.article.id,
                    sentences=len(sentence_spans(parsed.doc)),
                    tokens=sum(1 for t in parsed.doc if not t.is_space),
                    from_cache=parsed.from_cache,
                )
                analysed.append(parsed.article)
            except Exception as error:  # noqa: BLE001 - one article never stops a run
                if debug:
                    raise
                problems.append(
                    Problem(
                        parsed.article.source_path,
                        f"analysis failed: {type(error).__name__}: {error}",
                        stage="analysis",
                        article_id=parsed.article.id,
                    )
                )
            bar.update(1)
    timings["parse"] = parser.stats.seconds
    timings["analysis"] = time.perf_counter() - clock - parser.stats.seconds

    clock = time.perf_counter()
    result_tables = {
        "articles": tables.articles_table(analysed, summaries),
        "set_aside": tables.set_aside_table(analysed),
        "errors": tables.errors_table(problems),
    }
    timings["tables"] = time.perf_counter() - clock

    run = {
        "kit_version": __version__,
        "started_at": started_at.isoformat(timespec="seconds"),
        "inputs": [str(p) for p in paths],
        "model": model_info(nlp),
        "data_files": data_file_versions(),
        "cache": {
            "enabled": use_cache,
            "directory": str(parser.cache.directory) if parser.cache else None,
            **parser.stats.as_dict(),
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
    return AnalysisResult(analysed, problems, result_tables, run)


def write_outputs(result: AnalysisResult, out_dir: str | Path) -> list[Path]:
    """Write every table as CSV, the article texts as `texts.jsonl` (the strings all
    offsets index), and `run.json` last, each file atomically."""
    out_dir = Path(out_dir)
    clock = time.perf_counter()
    written = [write_csv(frame, out_dir / f"{name}.csv") for name, frame in result.tables.items()]
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
    result = run_analysis(paths, **options)
    write_outputs(result, out_dir)
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
