"""Where things are: project folders, the parse cache, and package data.

Paths are derived from this package's own location, so notebooks find the project's
folders whatever their working directory (JupyterLab, papermill and nbmake all start
notebooks from different places). When the package is installed outside a checkout
(a wheel in site-packages), the project root is `FRAMING_PROJECT_DIR` or, failing that,
the current directory.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _project_root() -> Path:
    override = os.environ.get("FRAMING_PROJECT_DIR")
    if override:
        return Path(override).expanduser().resolve()
    checkout = PACKAGE_DIR.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "analysis").is_dir():
        return checkout
    return Path.cwd()


PROJECT_ROOT = _project_root()
DATA_DIR = PROJECT_ROOT / "data"
EXAMPLES_DIR = DATA_DIR / "examples"
PROCESSED_DIR = DATA_DIR / "processed"
SEEDS_DIR = PROJECT_ROOT / "seeds"
FIGURES_DIR = PROJECT_ROOT / "figures"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"

#: The bundled articles that `make run` and the notebooks analyse by default.
DEFAULT_ARTICLES = (SEEDS_DIR, EXAMPLES_DIR)


def cache_dir() -> Path:
    """The parse cache folder: `FRAMING_CACHE_DIR`, else `~/.cache/framing`."""
    override = os.environ.get("FRAMING_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    return Path.home() / ".cache" / "framing"


def package_data(name: str) -> Path:
    """Path of a data file shipped inside the package, e.g. `data/boilerplate.csv`.

    Uses importlib.resources so it works from a wheel as well as from a checkout.
    """
    resource = resources.files("analysis").joinpath(name)
    with resources.as_file(resource) as path:
        if not Path(path).is_file():
            raise FileNotFoundError(f"package data file not found: analysis/{name}")
        return Path(path)
