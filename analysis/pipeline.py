"""The main job: articles in, tables out.

`run_analysis` reads the inputs, parses them through the cache and runs the
per-article analyses, returning the tables in memory (what notebooks use);
`write_outputs` writes them to a folder atomically with `run.json`; `analyze` does both
(what `framing analyze` and `make run` use). One broken article never stops a run: it
becomes a row of `errors.csv` and the rest goes on.

Articles are analysed in chunks (`analyse_chunk`): one after another in this process,
or spread over `jobs` worker processes forked after the pipeline is loaded
(`analysis.processes`, which also has the workers build the record tables of their
chunks), or over a Dask cluster. Workers exchange plain records, never spaCy objects.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import platform
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import __version__, actors, tables
from analysis.attribution import DEFAULT_MODE as DEFAULT_ATTRIBUTION
from analysis.attribution import MODES as ATTRIBUTION_MODES
from analysis.attribution import Attribution, extract_attributions
from analysis.beside import result_or_none, side_process, submit
from analysis.config import PACKAGE_DIR, cache_dir
from analysis.corpus import corpus_tables, summary_tables
from analysis.ingest import (
    MAX_ARTICLE_CHARS,
    finish_reading,
    language_guesses,
    language_samples,
    preload_language_model,
    read_unchecked,
)
from analysis.lexicons import reporting_cues
from analysis.loaded import (
    LoadedTerm,
    find_loaded_terms,
    lexicon_kind,
    lexicon_versions,
    load_tagger,
    loaded_candidates,
    loaded_lexicon,
)
from analysis.nlp import (
    ParsedArticle,
    Parser,
    ParseStats,
    load_pipeline,
    model_identity,
    sentence_spans,
)
from analysis.outputs import write_csvs, write_json, write_jsonl
from analysis.portrayal import mention_signal
from analysis.processes import guided_chunks, run_in_processes
from analysis.records import Article, ParseSummary, Problem
from analysis.result_cache import ResultCache, fingerprint
from analysis.sentiment import (
    get_backend,
    target_polarities,
    text_polarity,
)

#: Exit statuses of `framing analyze` (see the contract).
EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_SOME_FAILED = 0, 1, 2, 3

#: The stages whose time run.json reports (benchmarks/throughput.py shows their shares).
STAGES = ("ingest", "parse", "attribution", "actors", "lexicons", "sentiment", "tables")

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
    lexicons: tuple[Path, ...] = ()
    actors_file: Path | None = None
    sentiment: str | None = None
    results_key: str | None = None  # fingerprint of the analysis cache (None: not used)
    loaded_model: bool = True  # the trained loaded-word tagger beside the lexicons
    packs: tuple[Path, ...] | None = None  # actor knowledge packs (None: the shipped ones)
    attribution: str = DEFAULT_ATTRIBUTION  # how cues are decided (attribution.MODES)


@dataclass(frozen=True)
class Resources:
    """Lexicons, alias table and sentiment backend: loaded once per process."""

    cues: dict
    loaded: Any
    aliases: Any
    sentiment: str
    loaded_model: Any = None  # the trained loaded-word tagger (None: lexicons only)
    attribution: str = DEFAULT_ATTRIBUTION


@functools.cache
def load_resources(
    lexicons: tuple[Path, ...] = (),
    actors_file: Path | None = None,
    sentiment: str | None = None,
    loaded_model: bool = True,
    packs: tuple[Path, ...] | None = None,
    attribution: str = DEFAULT_ATTRIBUTION,
) -> Resources:
    """The run's lexicons (bundled plus `--lexicon` files, routed by their columns), the
    actor alias table (data/actors.csv plus `--actors`), the sentiment backend and the
    attribution mode."""
    if attribution not in ATTRIBUTION_MODES:
        raise ValueError(
            f"unknown attribution mode {attribution!r}; choose from {', '.join(ATTRIBUTION_MODES)}"
        )
    cue_files = [p for p in lexicons if lexicon_kind(p) == "cues"]
    loaded_files = [p for p in lexicons if lexicon_kind(p) == "loaded"]
    backend = get_backend(sentiment).name
    return Resources(
        cues=reporting_cues(extra=cue_files),
        loaded=loaded_lexicon(extra=loaded_files),
        aliases=actors.load_aliases(actors_file, packs=packs),
        sentiment=backend,
        loaded_model=load_tagger() if loaded_model else None,
        attribution=attribution,
    )


@dataclass
class ArticleResult:
    """All records the analyses produced for one article (plain records, no spaCy)."""

    article: Article
    summary: ParseSummary
    attributions: list[Attribution] = field(default_factory=list)
    mentions: list[actors.Mention] = field(default_factory=list)
    loaded_terms: list[LoadedTerm] = field(default_factory=list)
    candidates: list[Any] = field(default_factory=list)
    portrayal_scores: list[float] = field(default_factory=list)  # one per mention
    voice_scores: list[float | None] = field(default_factory=list)  # one per attribution
    mention_signals: list[Any] = field(default_factory=list)  # one per mention (portrayal)


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


def analyse_article(parsed: ParsedArticle, resources: Resources, timings: Counter) -> ArticleResult:
    """Run every per-article analysis on one parsed article: attributions, actor
    mentions, loaded terms, sentiment toward each mention and of each quote."""
    article, doc = parsed.article, parsed.doc
    summary = ParseSummary(
        article_id=article.id,
        sentences=len(sentence_spans(doc)),
        tokens=sum(1 for t in doc if not t.is_space),
        from_cache=parsed.from_cache,
    )
    clock = time.perf_counter()
    attributions = extract_attributions(article, doc, resources.cues, mode=resources.attribution)
    timings["attribution"] += time.perf_counter() - clock

    clock = time.perf_counter()
    speaker_spans = [
        (a.speaker_start, a.speaker_end) for a in attributions if a.speaker_start is not None
    ]
    mentions = actors.find_mentions(article, doc, resources.aliases, speaker_spans=speaker_spans)
    timings["actors"] += time.perf_counter() - clock

    clock = time.perf_counter()
    quoted = [
        (a.content_start, a.content_end)
        for a in attributions
        if a.quote_type in ("direct", "mixed") and a.content_start is not None
    ]
    tagger = resources.loaded_model
    model_seconds = tagger.seconds if tagger is not None else 0.0
    loaded_terms = find_loaded_terms(
        article,
        doc,
        resources.loaded,
        quote_spans=quoted,
        use_model=tagger is not None,
        tagger=tagger,
    )
    candidates = loaded_candidates(article, doc, resources.loaded, loaded_terms)
    timings["lexicons"] += time.perf_counter() - clock
    if tagger is not None:  # part of "lexicons", shown apart in run.json
        timings["loaded_model"] += tagger.seconds - model_seconds

    clock = time.perf_counter()
    polarities = target_polarities(doc, [(m.start, m.end) for m in mentions], resources.sentiment)
    portrayal = [p.score for p in polarities]
    signals = [
        mention_signal(
            doc, article.id, article.text, article.body_start, m.start, m.end, p.score,
            (p.scope_start, p.scope_end),
        )
        for m, p in zip(mentions, polarities, strict=True)
    ]  # fmt: skip
    voice = [_voice_score(a, resources.sentiment) for a in attributions]
    timings["sentiment"] += time.perf_counter() - clock
    return ArticleResult(
        article, summary, attributions, mentions, loaded_terms, candidates, portrayal, voice,
        signals,
    )  # fmt: skip


def _resources(options: Options) -> Resources:
    """The resources an `Options` names (cached per process by `load_resources`)."""
    return load_resources(
        options.lexicons,
        options.actors_file,
        options.sentiment,
        options.loaded_model,
        options.packs,
        options.attribution,
    )


def _voice_score(attribution: Attribution, backend: str) -> float | None:
    """Polarity of a source's own quoted words (direct and mixed quotes only)."""
    if attribution.in_quote or attribution.quote_type == "indirect" or not attribution.content:
        return None
    return text_polarity(attribution.content, backend)


def analyse_chunk(articles: Sequence[Article], options: Options) -> ChunkResult:
    """Parse (through the cache) and analyse a chunk of articles."""
    resources = _resources(options)
    timings: Counter = Counter()
    store = (
        ResultCache(options.results_key, options.cache_directory)
        if options.use_cache and options.results_key
        else None
    )
    done: dict[int, ArticleResult | Problem] = {}
    if store is not None:
        clock = time.perf_counter()
        for i, article in enumerate(articles):
            hit = store.get(article)
            if hit is not None:
                done[i] = hit
        timings["result_cache"] += time.perf_counter() - clock
    todo = [i for i in range(len(articles)) if i not in done]
    parsed_items: Iterable[ParsedArticle | Problem] = ()
    parser = None
    if todo:  # the pipeline is loaded only when something has to be parsed
        parser = Parser(
            load_pipeline(options.model),
            use_cache=options.use_cache,
            batch_size=options.batch_size,
            cache_directory=options.cache_directory,
        )
        parsed_items = parser.parse([articles[i] for i in todo])
    for i, parsed in zip(todo, parsed_items, strict=True):
        if isinstance(parsed, Problem):
            done[i] = parsed
            continue
        try:
            done[i] = analyse_article(parsed, resources, timings)
        except Exception as error:  # noqa: BLE001 - one article never stops a run
            if options.debug:
                raise
            done[i] = Problem(
                parsed.article.source_path,
                f"analysis failed: {type(error).__name__}: {error}",
                stage="analysis",
                article_id=parsed.article.id,
            )
            continue
        if store is not None:
            store.put(done[i])
    ordered = [done[i] for i in range(len(articles))]
    results = [item for item in ordered if isinstance(item, ArticleResult)]
    problems = [item for item in ordered if isinstance(item, Problem)]
    stats = parser.stats.as_dict() if parser is not None else ParseStats().as_dict()
    stats["results_from_cache"] = len(articles) - len(todo)
    stats["from_cache"] += stats["results_from_cache"]
    timings["parse"] += stats["parse_seconds"]
    return ChunkResult(results, problems, stats, timings)


def make_options(
    *,
    model: str | None = None,
    use_cache: bool = True,
    cache_directory: Path | None = None,
    batch_size: int = 32,
    debug: bool = False,
    lexicons: Sequence[str | Path] = (),
    actors_file: str | Path | None = None,
    sentiment: str | None = None,
    loaded_model: bool = True,
    packs: Sequence[str | Path] = (),
    use_packs: bool = True,
    attribution: str = DEFAULT_ATTRIBUTION,
) -> tuple[Options, dict[str, Any]]:
    """The `Options` of a run (with the fingerprint of its analysis cache) and the
    pipeline's name and version, found without loading it: a re-run whose analyses are
    all cached never loads the pipeline. A missing pipeline fails here, before any work."""
    options = Options(
        model=model,
        use_cache=use_cache,
        cache_directory=cache_directory,
        batch_size=batch_size,
        debug=debug,
        lexicons=tuple(Path(p) for p in lexicons),
        actors_file=Path(actors_file) if actors_file else None,
        sentiment=sentiment,
        loaded_model=loaded_model,
        packs=(*(actors.shipped_packs() if use_packs else ()), *(Path(p) for p in packs)),
        attribution=attribution,
    )
    info = model_identity(model)
    if use_cache:
        key = fingerprint(
            [actors.DEFAULT_ALIASES, options.actors_file, *options.lexicons, *options.packs],
            {
                "model": info["name"],
                "version": info["version"],
                "sentiment": sentiment,
                "loaded_model": loaded_model,
                "attribution": attribution,
            },
        )
        options = replace(options, results_key=key)
    return options, info


def record_cache_use(run: dict[str, Any], parse_stats: Mapping[str, float]) -> None:
    """Put what the caches saved (`Parser.stats` summed over chunks) into run.json's
    `cache` entry."""
    run["cache"].update(
        parsed=int(parse_stats["parsed"]),
        from_cache=int(parse_stats["from_cache"]),
        analyses_from_cache=int(parse_stats["results_from_cache"]),
    )


def run_metadata(
    paths: Sequence[Path],
    options: Options,
    info: dict[str, Any],
    resources: Resources,
    outlets: Sequence[str] | None,
    allow_other_languages: bool,
) -> dict[str, Any]:
    """What run.json says of a run's inputs and settings (the engine adds its counts,
    cache figures and timings)."""
    return {
        "kit_version": __version__,
        "started_at": None,
        "inputs": [str(p) for p in paths],
        "outlets": list(outlets) if outlets else None,
        "model": info,
        "data_files": data_file_versions(),
        "lexicons": {
            **lexicon_versions(),
            **{f"user:{p}": _file_hash(p) for p in options.lexicons},
        },
        "actor_tables": {
            str(p): _file_hash(p)
            for p in (actors.DEFAULT_ALIASES, options.actors_file)
            if p is not None and Path(p).is_file()
        },
        "actor_packs": actors.pack_versions(options.packs or ()),
        "sentiment": {"backend": resources.sentiment},
        "attribution": {"mode": resources.attribution},
        "ingest": {
            "max_article_chars": MAX_ARTICLE_CHARS,
            "language_check": not allow_other_languages,
        },
        "jobs": 1,
        "engine": "local",
        "cache": {
            "enabled": options.use_cache,
            "directory": str(options.cache_directory or cache_dir()) if options.use_cache else None,
        },
    }


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
    lexicons: Sequence[str | Path] = (),
    actors_file: str | Path | None = None,
    sentiment: str | None = None,
    outlets: Sequence[str] | None = None,
    loaded_model: bool = True,
    packs: Sequence[str | Path] = (),
    use_packs: bool = True,
    attribution: str = DEFAULT_ATTRIBUTION,
) -> AnalysisResult:
    """Analyse every article under `paths` and return the tables (nothing is written)."""
    started_at = datetime.now(UTC)
    wall = time.perf_counter()
    paths = [Path(p) for p in paths]
    options, info = make_options(
        model=model,
        use_cache=use_cache,
        cache_directory=cache_directory,
        batch_size=batch_size,
        debug=debug,
        lexicons=lexicons,
        actors_file=actors_file,
        sentiment=sentiment,
        loaded_model=loaded_model,
        packs=packs,
        use_packs=use_packs,
        attribution=attribution,
    )
    timings: Counter = Counter()

    parallel = engine == "local" and jobs > 1
    clock = time.perf_counter()
    items = read_unchecked(paths)  # (the language check comes after the resources)
    timings["ingest"] = time.perf_counter() - clock
    # Under `--jobs` a forked side process judges the articles' languages while this
    # one loads the resources and the pipeline; otherwise the language model loads on
    # a thread while the resources load (its load is mostly LZMA, which frees the GIL).
    with _languages_judged_beside(items, options, enabled=parallel) as beside:
        if beside is None:
            preload_language_model()
        clock = time.perf_counter()
        # A bad lexicon, alias table or backend name fails before any article is analysed.
        resources = _resources(options)
        timings["load_resources"] = time.perf_counter() - clock
        if beside is not None:
            clock = time.perf_counter()
            _load_and_warm_up(options)
            timings["jobs_prepare"] = time.perf_counter() - clock
        clock = time.perf_counter()
        guesses = result_or_none(beside)  # None: judged here, by finish_reading
    articles, problems = finish_reading(
        items, allow_other_languages=allow_other_languages, guesses=guesses
    )
    if outlets:
        articles = [a for a in articles if a.outlet in set(outlets)]
    timings["ingest"] += time.perf_counter() - clock

    if parallel and len(articles) > 2:
        # Worker processes build the record tables too (analysis.processes).
        with _progress(len(articles), progress) as bar, _one_thread_per_worker():
            run_parts = run_in_processes(
                guided_chunks(articles, jobs, CHUNK_SIZE),
                options,
                jobs,
                analyse=analyse_chunk,
                resources_for=_resources,
                prepare=None if beside else functools.partial(_warm_up, articles, options),
                on_chunk=bar.update,
            )
        problems.extend(run_parts.problems)
        parse_stats, summaries = run_parts.parse, run_parts.summaries
        timings.update(run_parts.timings)
        analysed = [a for a in articles if a.id in summaries]
        clock = time.perf_counter()
        with side_process(enabled=run_parts.forkable) as beside:
            summary = summary_tables(run_parts.aggregates, beside=beside)
        corpus = {
            "articles": run_parts.aggregates.articles,  # (the summary: timings["tables"])
            **run_parts.records,
            **summary,
        }
    else:
        results: list[ArticleResult] = []
        parse_stats = Counter()
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
        corpus = corpus_tables(results, resources)
    result_tables = {
        "articles": corpus.pop("articles"),
        "set_aside": tables.set_aside_table(analysed),
        "errors": tables.errors_table(problems),
        # attributions ... portrayal, then actors ... and the outlet comparison
        **corpus,
    }
    timings["tables"] += time.perf_counter() - clock
    for stage in STAGES:  # every stage is reported, 0 when the cache made it unnecessary
        timings.setdefault(stage, 0.0)

    run = run_metadata(paths, options, info, resources, outlets, allow_other_languages)
    run.update(
        started_at=started_at.isoformat(timespec="seconds"),
        jobs=jobs,
        engine=engine,
    )
    record_cache_use(run, parse_stats)
    run["counts"] = {
        "articles": len(analysed),
        "errors": len(problems),
        "sentences": sum(s.sentences for s in summaries.values()),
        "tokens": sum(s.tokens for s in summaries.values()),
    }
    run["timings_seconds"] = {k: round(v, 3) for k, v in timings.items()}
    run.update(python=platform.python_version(), platform=platform.platform())
    run["timings_seconds"]["total"] = round(time.perf_counter() - wall, 3)
    return AnalysisResult(analysed, problems, result_tables, run)


def _run_chunks(
    articles: list[Article], options: Options, jobs: int, engine: str, scheduler: str | None
) -> Iterator[ChunkResult]:
    """Chunk results in input order: in this process, or from Dask (`--jobs N` on the
    local engine goes through `analysis.processes` instead)."""
    # At least two chunks per worker where possible, so no worker idles at the end.
    size = max(1, min(CHUNK_SIZE, -(-len(articles) // (2 * max(jobs, 1)))))
    chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
    if engine == "dask":
        from analysis.scale import run_on_dask

        yield from run_on_dask(analyse_chunk, chunks, options, jobs=jobs, scheduler=scheduler)
        return
    for chunk in chunks:
        yield analyse_chunk(chunk, options)


@contextlib.contextmanager
def _one_thread_per_worker() -> Iterator[None]:
    """The transformers' onnxruntime sessions (the sentiment backend's, the attribution
    tagger's) made meanwhile (in the driver's warm-up and the forked workers) use one
    thread each, and the fast tokenizers none of their own (they must not be forked with
    threads): the workers share the cores."""
    from analysis import onnx_models

    onnx_models.set_threads(1)
    before = os.environ.get("TOKENIZERS_PARALLELISM")
    os.environ["TOKENIZERS_PARALLELISM"] = "false"
    try:
        yield
    finally:
        onnx_models.set_threads(None)
        if before is None:
            os.environ.pop("TOKENIZERS_PARALLELISM", None)
        else:
            os.environ["TOKENIZERS_PARALLELISM"] = before


@contextlib.contextmanager
def _languages_judged_beside(
    items: Sequence[Article | Problem], options: Options, *, enabled: bool
) -> Iterator[Future | None]:
    """Before `--jobs` workers are forked the pipeline is loaded (`_warm_up`) and the
    language of each article is judged: a second or two each, on one core each. This
    starts the language guesses in a forked side process (which loads the language
    model itself) and yields their future, or None, doing nothing, when not `enabled`,
    when the analyses are all cached (nothing will be parsed), or where processes
    cannot be forked. The side process gets only the samples the check reads."""
    articles = [item for item in items if isinstance(item, Article)]
    enabled = enabled and len(articles) > 2 and not _all_cached(articles, options)
    with side_process(enabled) as side:
        yield submit(side, language_guesses, language_samples(articles))


def _all_cached(articles: Sequence[Article], options: Options) -> bool:
    """Whether every article has a cached analysis (looked up by file name only)."""
    store = (
        ResultCache(options.results_key, options.cache_directory)
        if options.use_cache and options.results_key
        else None
    )
    return store is not None and all(store.path(a).is_file() for a in articles)


def _warm_up(articles: Sequence[Article], options: Options) -> None:
    """`_load_and_warm_up` unless every article has a cached analysis: a warm re-run
    never loads the pipeline."""
    if not _all_cached(articles, options):
        _load_and_warm_up(options)


def _load_and_warm_up(options: Options) -> None:
    """Load the pipeline before worker processes are forked. One short text analysed
    here also loads what the analyses load on first use (models, lexicons, alias
    patterns), so the workers share that too."""
    text = '"We will fight this reckless plan," said Senator Jane Smith, a Democrat.'
    warm = Article(id="warm-up", text=text, body_start=0, body_end=len(text))
    try:
        doc = load_pipeline(options.model)(text)
        analyse_article(ParsedArticle(warm, doc), _resources(options), Counter())
    except Exception:  # noqa: BLE001 - only a warm-up: the workers load on demand
        pass


def write_outputs(
    result: AnalysisResult, out_dir: str | Path, *, parquet: bool = False
) -> list[Path]:
    """Write every table as CSV (and, with `parquet`, as a Parquet dataset folder under
    `parquet/`), the article texts as `texts.jsonl` (the strings all offsets index),
    and `run.json` last, each file atomically."""
    out_dir = Path(out_dir)
    clock = time.perf_counter()
    written = write_csvs(result.tables, out_dir, processes=result.run.get("jobs", 1))
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


def _file_hash(path: Path) -> str:
    return "sha256:" + hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def data_file_versions() -> dict[str, str]:
    """Content hashes of the package's data files other than the lexicons (which
    run.json lists under "lexicons" with their declared versions) and the model."""
    return {
        f"{path.parent.name}/{path.name}": _file_hash(path)
        for folder in ("data", "models")
        for path in sorted((PACKAGE_DIR / folder).iterdir())
        if path.suffix in (".csv", ".json")
    }


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
