"""Is an article English? The ingest stage's language check (see `analysis.ingest`).

py3langid (offline, its bundled model) judges the first `LANGUAGE_SAMPLE_CHARS`
characters of a body; a text mostly in another script than Latin is not English
whatever its length. The model loads once per process, on a background thread when
`preload_language_model` started one; `language_guesses` is what a `--jobs` run's side
process computes while the driver loads the pipeline.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass

#: Language check: bodies with fewer letters than this are too short to judge.
LANGUAGE_MIN_LETTERS = 40
#: ... and only a detection at least this confident (py3langid's normalised
#: probability) rejects an article.
LANGUAGE_MIN_CONFIDENCE = 0.9
#: The language is judged on the body's first characters (enough, and fast).
LANGUAGE_SAMPLE_CHARS = 2_000


def _language_identifier():
    """py3langid's identifier with its bundled model (loaded from the package, offline),
    loaded once per process: by `preload_language_model`'s thread when one was started."""
    return _identifier_load().result()


_LOAD_LOCK = threading.Lock()
_loading: Future | None = None


def _identifier_load() -> Future:
    """The identifier's load: started by the first caller, waited for by the others."""
    global _loading
    with _LOAD_LOCK:
        loading, first = _loading, _loading is None
        if first:
            loading = _loading = Future()
    if first:
        try:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            loading.set_result(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
        except BaseException as error:  # noqa: BLE001 - raised again to whoever waits
            loading.set_exception(error)
    return loading


def _forget_unfinished_load() -> None:
    """In a forked child a load its parent's thread had not finished never will."""
    global _loading
    if _loading is not None and not _loading.done():
        _loading = None


os.register_at_fork(after_in_child=_forget_unfinished_load)


def preload_language_model() -> None:
    """Start loading the language model in a background thread. Its 0.6 s are mostly
    LZMA decompression, which releases the GIL, so a run that loads its lexicons and
    tables meanwhile gets it on the other core; `detect_language` waits for it."""
    threading.Thread(target=_identifier_load, name="load-language-model", daemon=True).start()


@dataclass(frozen=True)
class LanguageGuess:
    """What the language check found in a text."""

    language: str | None  # ISO 639 code, None when the text is too short to judge
    confidence: float  # py3langid's normalised probability (1.0 for the script rule)
    letters: int
    latin_share: float  # share of the letters in the Latin script
    english: bool  # False only when the text is confidently something else


def detect_language(text: str) -> LanguageGuess:
    """Judge whether `text` is English. A text mostly in another script than Latin is
    not English whatever its length; otherwise only texts of `LANGUAGE_MIN_LETTERS`
    letters or more are judged, and only a confident guess says "not English"."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return LanguageGuess(None, 0.0, 0, 0.0, True)
    latin = min(1.0, len(_LATIN_LETTER.findall(sample)) / letters)
    if latin < 0.5:
        language, _ = _language_identifier().classify(sample)
        return LanguageGuess(language, 1.0, letters, latin, language == "en")
    if letters < LANGUAGE_MIN_LETTERS:
        return LanguageGuess(None, 0.0, letters, latin, True)
    language, confidence = _language_identifier().classify(sample)
    english = language == "en" or confidence < LANGUAGE_MIN_CONFIDENCE
    return LanguageGuess(language, confidence, letters, latin, english)


_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(
    "[A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a]"
)


def language_guesses(samples: Iterable[str]) -> list[LanguageGuess]:
    """`detect_language` of each sample."""
    return [detect_language(sample) for sample in samples]
