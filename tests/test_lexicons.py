"""The bundled lexicons: the reporting-cue classes the kit promises (the spec the
reporting-cue lexicon must meet), provenance on every row, the loaded-terms files,
user files that extend them, and the versions recorded in run.json."""

from __future__ import annotations

import csv
import re

import pytest

from analysis.config import PACKAGE_DIR
from analysis.lexicons import STANCES, reporting_cues
from analysis.loaded import (
    GUARDS,
    LOADED_FILES,
    LoadedLexiconError,
    lexicon_kind,
    lexicon_versions,
    loaded_lexicon,
    read_loaded_terms,
    read_word_list,
)

LEXICON_DIR = PACKAGE_DIR / "lexicons"

#: Unambiguous reporting cues and the class each must have (issue 5; LEXICONS.md).
EXPECTED_CLASSES = {
    "distancing": ["claim", "allege", "insist"],
    "endorsing": ["note", "reveal", "confirm", "point out"],
    "emphatic": ["emphasize", "underline", "stress"],
    "admission": ["admit", "acknowledge", "concede"],
    "denial": ["deny", "reject", "dismiss"],
    "accusation": ["accuse", "blame"],
    "emotive": ["slam", "blast", "boast"],
    "hedging": ["suggest", "speculate"],
    "neutral": ["say", "tell", "state", "add", "according to"],
}
CASES = [(cue, stance) for stance, cues in EXPECTED_CLASSES.items() for cue in cues]


def _cue(name: str):
    cues = reporting_cues()
    for kind in ("verb", "phrase", "noun"):
        if (name, kind) in cues:
            return cues[(name, kind)]
    return None


@pytest.mark.parametrize(("cue", "stance"), CASES, ids=[c for c, _ in CASES])
def test_unambiguous_cue_has_its_class(cue, stance):
    entry = _cue(cue)
    assert entry is not None, f"{cue!r} is missing from reporting_verbs.csv"
    assert entry.stance == stance
    assert entry.source, f"{cue!r} has no source"


SIGNS = {
    "endorsing": 1,
    "emphatic": 1,
    "distancing": -1,
    "admission": -1,
    "denial": -1,
    "hedging": -1,
    "neutral": 0,
}


SIGNED = [(cue, stance) for cue, stance in CASES if stance in SIGNS]


@pytest.mark.parametrize(("cue", "stance"), SIGNED, ids=[c for c, _ in SIGNED])
def test_unambiguous_cue_credibility_has_the_sign_of_its_class(cue, stance):
    entry = _cue(cue)
    assert entry is not None, f"{cue!r} is missing from reporting_verbs.csv"
    sign = (entry.credibility > 0) - (entry.credibility < 0)
    assert sign == SIGNS[stance]


def test_reporting_cue_lexicon_is_large_with_phrasal_cues_and_sources():
    cues = reporting_cues()
    assert len(cues) >= 200
    names = {cue for cue, _ in cues}
    assert {"point out", "according to"} <= names
    assert {"lash out", "hit back"} <= names
    assert all(entry.source for entry in cues.values())
    assert {entry.stance for entry in cues.values()} <= set(STANCES)


def test_bundled_loaded_lexicons_load_with_a_source_on_every_row():
    lexicon = loaded_lexicon()
    assert len(lexicon) >= 150
    for name in LOADED_FILES:
        entries = read_loaded_terms(LEXICON_DIR / name)
        assert entries, name
        for entry in entries.values():
            assert entry.source, f"{name}: {entry.term!r} has no source"
            assert entry.category and entry.guard in GUARDS
    for term in ("so-called", "alleged", "regime", "terrorist", "puppet", "sponsor"):
        assert term in lexicon, term
    assert lexicon["mouthpiece"].category == "label"
    assert lexicon["claimed"].guard == "modifier"
    assert {"hedge", "intensifier", "doubt", "label"} <= {e.category for e in lexicon.values()}


def test_wikipedia_derived_entries_are_kept_apart_and_attributed():
    wtw = read_loaded_terms(LEXICON_DIR / "loaded_terms_wtw.csv")
    assert all("MOS:" in e.source and "Wikipedia" in e.source for e in wtw.values())
    own = read_loaded_terms(LEXICON_DIR / "loaded_terms.csv")
    assert not any("Wikipedia" in e.source for e in own.values())
    readme = (LEXICON_DIR / "README.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in readme


def test_readme_has_a_row_per_lexicon_file_with_source_licence_version():
    readme = (LEXICON_DIR / "README.md").read_text(encoding="utf-8")
    header = next(line for line in readme.splitlines() if line.startswith("| file"))
    assert all(word in header for word in ("source", "licence", "version"))
    for path in LEXICON_DIR.glob("*.csv"):
        assert re.search(rf"^\| `?{re.escape(path.name)}`? \|", readme, re.M), path.name
    assert "style guides" in readme  # endorsing/emphatic rest on style guides


def test_lexicon_versions_cover_every_file_and_follow_content(tmp_path, monkeypatch):
    versions = lexicon_versions()
    assert set(versions) == {p.name for p in LEXICON_DIR.glob("*.csv")}
    assert all(re.search(r"sha256:[0-9a-f]{12}$", v) for v in versions.values())
    assert versions["loaded_terms.csv"].startswith("1")  # the README's version


def test_user_file_adds_and_overrides_entries(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text(
        "term,category,source\nregime,government,my codebook\nhardliner,label,my codebook\n",
        encoding="utf-8",
    )
    lexicon = loaded_lexicon(extra=[extra])
    assert lexicon["regime"].category == "government"
    assert lexicon["hardliner"].source == "my codebook"
    assert "regime" in loaded_lexicon() and loaded_lexicon()["regime"].category == "label"
    assert lexicon_kind(extra) == "loaded"
    assert lexicon_kind(LEXICON_DIR / "reporting_verbs.csv") == "cues"


def test_bad_loaded_files_say_where(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("term,category,source,guard\nregime,label,me,sometimes\n", encoding="utf-8")
    with pytest.raises(LoadedLexiconError, match="bad.csv:2"):
        read_loaded_terms(bad)
    no_term = tmp_path / "none.csv"
    no_term.write_text("word,category\nx,label\n", encoding="utf-8")
    with pytest.raises(LoadedLexiconError, match="missing columns"):
        read_loaded_terms(no_term)


def test_third_party_word_lists_load_from_a_users_copy(tmp_path):
    liu = tmp_path / "negative-words.txt"
    liu.write_text(";; opinion lexicon header\n\nabysmal\nawful\n", encoding="utf-8")
    entries = read_word_list(liu, "negative", "Hu & Liu 2004 (user copy)")
    assert set(entries) == {"abysmal", "awful"}
    mpqa = tmp_path / "subjclues.tff"
    mpqa.write_text(
        "type=strongsubj len=1 word1=abhor pos1=verb stemmed1=y priorpolarity=negative\n"
        "type=weaksubj len=1 word1=abandon pos1=verb stemmed1=y priorpolarity=negative\n"
        "type=strongsubj len=1 word1=brutal pos1=adj stemmed1=n priorpolarity=negative\n",
        encoding="utf-8",
    )
    entries = read_word_list(mpqa, "subjective", "MPQA (user copy)", fmt="mpqa")
    assert set(entries) == {"abhor", "brutal"} and entries["brutal"].pos == ("ADJ",)


def test_loaded_term_files_have_the_documented_columns():
    for name in LOADED_FILES:
        with (LEXICON_DIR / name).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header[:7] == ["term", "category", "pos", "guard", "not_with", "source", "note"]
