"""The installable package: `analysis` is the only package, and its data files load
from a regular (non-editable) install, not only from the checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHECK = textwrap.dedent("""
    import analysis, pathlib, sys
    from analysis.config import package_data
    from analysis.ingest import tail_markers
    installed = pathlib.Path(analysis.__file__).resolve()
    assert installed.is_relative_to(pathlib.Path(sys.argv[1]).resolve()), installed
    assert package_data("data/boilerplate.csv").is_file()
    assert any(m.marker == "check also" for m in tail_markers())
    for name in ("onnx", "tokenizer.json", "md"):  # the transformer backend's files
        assert package_data(f"models/sentiment_transformer.{name}").is_file(), name
        assert package_data(f"models/attribution_tagger.{name}").is_file(), name
    print("ok", len(tail_markers()))
""")


def test_package_data_loads_from_a_non_editable_install(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "analysis", source / "analysis", ignore=shutil.ignore_patterns("__pycache__")
    )
    target = tmp_path / "site"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    installed = {p.name for p in target.iterdir()}
    assert "analysis" in installed
    assert not installed & {"tests", "notebooks", "benchmarks", "data"}
    check = subprocess.run(
        [sys.executable, "-c", CHECK, str(target)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stderr[-2000:]
    assert check.stdout.startswith("ok")
