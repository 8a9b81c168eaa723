"""Loaded language: labels, emotive verbs, intensifiers, doubt markers, scare quotes and
other loaded words, and hedges reported apart.

A careful editor flags words that judge rather than report: labels ("the Tessary
regime", "puppet broadcasters"), emotive verbs ("slammed"), expressions of doubt
("so-called", "the alleged attack"), intensifiers ("utterly"), and scare quotes
(quotation marks round a short phrase that nobody is quoted as saying). Hedges ("may",
"reportedly") are found too but kept apart (`category == "hedge"`): they mark weak
commitment, not a judgement, and are never counted as loaded.

The package is split by concern, with this module as its one public door:

- `lexicon`: the loaded-terms lexicon files, matching and sense guards;
- `quotes`: quotation-mark pairs and scare quotes;
- `about`: the noun phrase (and so the actor) a term is about;
- `features`, `model`, `train`: the trained tagger (its token features, the shipped
  model `analysis/models/loaded_tagger.json`, `framing train loaded`);
- `categories`: the researcher categories and descriptive uses that are not labels;
- `terms`: `find_loaded_terms`, the records and the rows of loaded_terms.csv.
"""

from analysis.loaded.about import about_span
from analysis.loaded.lexicon import (
    GUARDS,
    LOADED_COLUMNS,
    LOADED_FILES,
    LoadedEntry,
    LoadedLexicon,
    LoadedLexiconError,
    cue_entries,
    lexicon_kind,
    lexicon_versions,
    loaded_lexicon,
    read_loaded_terms,
    read_word_list,
)
from analysis.loaded.model import LoadedModelError, LoadedTagger, load_tagger
from analysis.loaded.quotes import SCARE_QUOTE, SCARE_QUOTE_SOURCE, quotation_pairs
from analysis.loaded.terms import (
    TABLE_COLUMNS,
    Candidate,
    LoadedTerm,
    find_loaded_terms,
    loaded_candidates,
    loaded_terms_rows,
)

__all__ = [
    "GUARDS",
    "LOADED_COLUMNS",
    "LOADED_FILES",
    "SCARE_QUOTE",
    "SCARE_QUOTE_SOURCE",
    "TABLE_COLUMNS",
    "Candidate",
    "LoadedEntry",
    "LoadedLexicon",
    "LoadedLexiconError",
    "LoadedModelError",
    "LoadedTagger",
    "LoadedTerm",
    "about_span",
    "cue_entries",
    "find_loaded_terms",
    "lexicon_kind",
    "lexicon_versions",
    "load_tagger",
    "loaded_candidates",
    "loaded_lexicon",
    "loaded_terms_rows",
    "quotation_pairs",
    "read_loaded_terms",
    "read_word_list",
]
