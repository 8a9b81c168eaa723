"""Running the kit for the notebooks (`analyse`, `caption`, `pick_article`) and
running the notebooks for `framing report` (`run_notebooks`)."""

from __future__ import annotations

import json
import os
import pickle
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import plots
from analysis.config import DEFAULT_ARTICLES, FIGURES_DIR, NOTEBOOKS_DIR
from analysis.report.interactive import HEADLESS_ENV

#: The notebooks `framing report` runs, in order.
NOTEBOOKS = ("01-article.ipynb", "02-corpus.ipynb", "03-lexicons.ipynb", "04-outlets.ipynb")

#: Notebooks that need two or more outlets (`run_notebooks` skips them otherwise).
OUTLET_NOTEBOOKS = ("04-outlets.ipynb",)

# --------------------------------------------------------------------------- running


def analyse(
    articles: str | Path | Sequence[str | Path] | None = None,
    *,
    outlets: Sequence[str] | str | None = None,
    model: str | None = None,
    sentiment: str | None = None,
    lexicons: Sequence[str | Path] = (),
    actors_file: str | Path | None = None,
    analysis_file: str | Path | None = None,
    attribution: str | None = None,
    **options: Any,
):
    """Run the kit on `articles` (files or folders; default: `DEFAULT_ARTICLES`, the
    seeds and data/examples) through the cache and return the `AnalysisResult`.

    `outlets` keeps only articles of those outlets (every table, including the
    corpus-level ones, is computed on them alone). With `analysis_file` (what
    `framing report` hands each notebook) the result of the run it already made is
    read instead, so no notebook analyses the corpus again."""
    if analysis_file:
        return load_analysis(analysis_file)
    from analysis.pipeline import run_analysis

    outlets = [outlets] if isinstance(outlets, str) else list(outlets or [])
    if attribution:  # empty: the kit's default mode
        options["attribution"] = attribution
    return run_analysis(
        _as_paths(articles),
        model=model or None,
        sentiment=sentiment or None,
        lexicons=tuple(lexicons or ()),
        actors_file=actors_file or None,
        outlets=outlets or None,
        **options,
    )


def save_analysis(result, path: str | Path) -> Path:
    """Write an `AnalysisResult` for the notebooks of one report (a pickle: it is read
    back only by the kit, by the same kit version, and deleted after the report)."""
    path = Path(path)
    with open(path, "wb") as out:
        pickle.dump(result, out, protocol=5)
    return path


def load_analysis(path: str | Path):
    """The `AnalysisResult` that `save_analysis` wrote."""
    with open(Path(path), "rb") as source:
        return pickle.load(source)  # noqa: S301 - the kit's own file, written moments ago


def _as_paths(articles: str | Path | Sequence[str | Path] | None) -> list[Path]:
    if articles is None or (not isinstance(articles, (str, Path)) and not list(articles)):
        return [Path(p) for p in DEFAULT_ARTICLES]
    if isinstance(articles, (str, Path)):
        articles = [articles]
    return [Path(p).expanduser() for p in articles]


def caption(result, article_id: str | None = None) -> str:
    """The caption line for every chart of a run: what was counted (articles, or the
    one article `article_id`; kit, spaCy model, lexicon versions, sentiment backend)
    — no timestamps."""
    run = dict(result.run)
    if article_id is not None:
        run["counts"] = {}  # the article is named below instead of counted
    else:
        run["counts"] = {**run.get("counts", {}), "articles": len(result.articles)}
    versions = run.pop("lexicons", None) or run.pop("lexicon_versions", None)
    if not versions:
        try:
            from analysis.loaded import lexicon_versions

            versions = lexicon_versions()
        except Exception:  # noqa: BLE001 - a caption never stops a notebook
            versions = {}
    if isinstance(versions, Mapping):
        run["lexicon_versions"] = {name: _short_version(v) for name, v in versions.items()}
    backend = result.tables.get("actor_sentiment", pd.DataFrame()).get("backend")
    if not run.get("sentiment_backend") and backend is not None and backend.notna().any():
        run["sentiment_backend"] = str(backend.dropna().iloc[0])
    line = plots.run_caption(run)
    return f"Article {article_id}; {line}" if article_id is not None else line


def _short_version(version: Any) -> str:
    """'1 sha256:8489109d575f' → 'v1 (8489109d)': the caption's short form (the full
    hash is in run.json)."""
    parts = str(version).split()
    digest = next((p.split(":", 1)[1][:8] for p in parts if ":" in p), "")
    number = next((p for p in parts if ":" not in p), "")
    text = f"v{number}" if number else ""
    return f"{text} ({digest})".strip() if digest else text or str(version)


def pick_article(result, article_id: str | None = None):
    """The article record called `article_id`, or the first one analysed."""
    if not result.articles:
        raise ValueError("no article was analysed; see the errors table")
    if article_id is None:
        return result.articles[0]
    for article in result.articles:
        if article.id == article_id:
            return article
    raise ValueError(f"no analysed article with id {article_id!r}")


# ------------------------------------------------------------------------ framing report


def slug(paths: Iterable[str | Path]) -> str:
    """A folder name from the input names: `seeds` + `data/examples` → `seeds-examples`."""
    names = []
    for path in paths:
        stem = Path(str(path).rstrip("/")).stem or "articles"
        names.append(re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-.") or "articles")
    text = "-".join(dict.fromkeys(names)) or "articles"
    return text if len(text) <= 60 else text[:50].rstrip("-") + f"-and-{len(names) - 1}-more"


def run_notebooks(
    paths: Sequence[str | Path] | None = None,
    out_dir: str | Path | None = None,
    notebooks: Sequence[str | Path] = NOTEBOOKS,
    *,
    outlets: Sequence[str] | None = None,
    article_id: str | None = None,
    model: str | None = None,
    sentiment: str | None = None,
    attribution: str | None = None,
    lexicons: Sequence[str | Path] = (),
    actors_file: str | Path | None = None,
    kernel_name: str = "python3",
    progress: bool = False,
    log: Callable[[str], None] | None = None,
) -> list[Path]:
    """`framing report`: analyse `paths` once (default: the bundled articles), then
    execute each notebook with papermill on that analysis, injecting the parameters,
    and write the executed notebooks and every figure (PNG 300 dpi, SVG, PDF, plus the
    CSV behind it) to `out_dir` (default `figures/<slug>/`). The outlet notebook runs
    only when the articles come from two or more outlets. `log` receives one line per
    step (what `framing report` prints). Kernels' own messages (transport warnings)
    go to `.framing-kernel.log` in `out_dir`, not the terminal. Returns the files
    written. A failing notebook raises `papermill.PapermillExecutionError`; the partly
    executed notebook is still written."""
    import papermill

    from analysis.outlets import outlet_count

    say = log or (lambda line: None)
    paths = _as_paths(paths)
    out = Path(out_dir) if out_dir else FIGURES_DIR / slug(paths)
    out = out.expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    before = {p: p.stat().st_mtime_ns for p in out.iterdir()} if out.is_dir() else {}
    clock = time.perf_counter()
    result = analyse(
        paths,
        outlets=outlets,
        model=model,
        sentiment=sentiment,
        attribution=attribution,
        lexicons=lexicons,
        actors_file=actors_file,
    )
    n_outlets = outlet_count(result.tables["articles"])
    say(
        f"analysed {len(result.articles)} article{'' if len(result.articles) == 1 else 's'} "
        f"from {n_outlets} named outlet{'' if n_outlets == 1 else 's'} "
        f"in {time.perf_counter() - clock:.1f} s"
    )
    handle, pickled = tempfile.mkstemp(dir=out, prefix=".framing-analysis-", suffix=".pickle")
    os.close(handle)
    save_analysis(result, pickled)
    parameters = {
        "article_id": article_id or "",
        "articles": [str(Path(p).resolve()) for p in paths],
        "outlets": list(outlets or []),
        "out_dir": str(out),
        "model": model or "",
        "sentiment": sentiment or "",
        "attribution": attribution or "",
        "lexicons": [str(Path(p).resolve()) for p in lexicons],
        "actors_file": str(Path(actors_file).resolve()) if actors_file else "",
        "analysis_file": pickled,
    }
    sources = []
    for notebook in notebooks:
        source = Path(notebook)
        if not source.is_absolute() and not source.exists():
            source = NOTEBOOKS_DIR / source
        sources.append(source)
    previous = os.environ.get(HEADLESS_ENV)
    os.environ[HEADLESS_ENV] = "1"  # inherited by the kernel: static explorer tables
    try:
        for number, source in enumerate(sources, start=1):
            step = f"[{number}/{len(sources)}] {source.name}"
            if source.name in OUTLET_NOTEBOOKS and n_outlets < 2:
                say(f"{step}: skipped (needs two or more outlets, found {n_outlets})")
                continue
            clock = time.perf_counter()
            accepted = papermill.inspect_notebook(str(source))
            papermill.execute_notebook(
                str(source),
                str(out / source.name),
                parameters={k: v for k, v in parameters.items() if k in accepted},
                kernel_name=kernel_name,
                progress_bar=progress,
                cwd=str(NOTEBOOKS_DIR),
                kernel_manager_class=_quiet_kernel_manager(out / ".framing-kernel.log"),
            )
            say(f"{step}: done in {time.perf_counter() - clock:.1f} s")
    finally:
        Path(pickled).unlink(missing_ok=True)
        if previous is None:
            os.environ.pop(HEADLESS_ENV, None)
        else:
            os.environ[HEADLESS_ENV] = previous
    return sorted(
        p
        for p in out.iterdir()
        if p.is_file() and not p.name.startswith(".") and before.get(p) != p.stat().st_mtime_ns
    )


def _quiet_kernel_manager(log_file: Path):
    """A kernel manager whose kernel writes its stderr (ZMQ transport warnings, the
    shutdown notice) to `log_file` instead of the terminal. Cell errors still reach
    papermill as messages, so nothing a user needs is hidden."""
    from jupyter_client import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            kw["stderr"] = open(log_file, "ab")  # noqa: SIM115 - the kernel process owns it
            try:
                return await super()._async_launch_kernel(kernel_cmd, **kw)
            finally:
                kw["stderr"].close()  # the child has its own copy of the descriptor

    return QuietKernelManager


def print_progress(line: str) -> None:
    """A progress line of `framing report` on stderr."""
    print(f"framing report: {line}", file=sys.stderr, flush=True)


def notebook_parameters(path: str | Path) -> dict[str, Any]:
    """The `parameters` cell(s) of a notebook, for checks: {'count', 'source'}."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    return {"count": len(tagged), "source": ["".join(c["source"]) for c in tagged]}
