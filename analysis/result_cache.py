"""The analysis cache: per-article records, so that a re-run does no work at all on
articles it has seen.

The parse cache (`analysis.nlp.DocCache`) saves the parse; this one saves what the
analyses made of it (attributions, mentions, loaded terms, sentiment scores). An entry
is keyed by the article (id, body span, text) and by a fingerprint of everything that
could change its records: the kit's own source code and data files, the actor alias
table, any `--lexicon`/`--actors` files, the spaCy pipeline and the sentiment backend.
Change any of them and the articles are analysed again (from the cached parse).

Entries are pickles in `<cache folder>/results/`; the cache folder is the user's own
(`~/.cache/framing` or `FRAMING_CACHE_DIR`), so nothing from outside is unpickled. An
entry that cannot be read is ignored and rewritten.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from analysis.config import PACKAGE_DIR, cache_dir
from analysis.records import Article

#: Bump to drop every entry written by an older layout of this cache.
RESULT_CACHE_VERSION = "1"


def fingerprint(extra_files: Iterable[Path | None], settings: dict[str, Any]) -> str:
    """A hash of the kit's code and data, the given files and settings."""
    digest = hashlib.sha256(RESULT_CACHE_VERSION.encode())
    own = sorted(
        p
        for p in PACKAGE_DIR.rglob("*")
        if p.is_file()
        and p.suffix in (".py", ".csv", ".json", ".onnx", ".npy")
        and "__pycache__" not in p.parts
    )
    for path in [*own, *(Path(p) for p in extra_files if p is not None)]:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    digest.update(repr(sorted(settings.items())).encode())
    return digest.hexdigest()


class ResultCache:
    """Pickled per-article analysis results under one fingerprint."""

    def __init__(self, key: str, directory: Path | None = None):
        self.fingerprint = key
        self.directory = (Path(directory) if directory is not None else cache_dir()) / "results"

    def path(self, article: Article) -> Path:
        digest = hashlib.sha256()
        for part in (self.fingerprint, article.id, str(article.body_start), str(article.body_end)):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        digest.update(article.text.encode("utf-8", "surrogatepass"))
        key = digest.hexdigest()
        return self.directory / key[:2] / f"{key}.pickle"

    def get(self, article: Article) -> Any | None:
        """The cached result for `article` (with the article put back), or None."""
        try:
            data = self.path(article).read_bytes()
            stored = pickle.loads(data)
        except Exception:  # noqa: BLE001 - missing or unreadable: analyse again
            return None
        if getattr(stored, "summary", None) is None or stored.summary.article_id != article.id:
            return None
        summary = dataclasses.replace(stored.summary, from_cache=True)
        return dataclasses.replace(stored, article=article, summary=summary)

    def put(self, result: Any) -> None:
        """Store a result (without its article text); a failed write is not an error."""
        path = self.path(result.article)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(dataclasses.replace(result, article=None), out, protocol=5)
            os.replace(tmp, path)
        except (OSError, pickle.PicklingError):
            return
