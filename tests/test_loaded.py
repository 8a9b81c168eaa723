"""Loaded language: terms matched by lemma with sense guards, multi-word terms, whom a
term is about, scare quotes, the seed and the bundled examples, and `framing eval
loaded` on a small self-written gold file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.eval_loaded import evaluate_loaded, format_scores, read_gold
from analysis.ingest import read_articles
from analysis.loaded import (
    SCARE_QUOTE,
    cue_entries,
    find_loaded_terms,
    loaded_candidates,
    loaded_lexicon,
    loaded_terms_rows,
    quotation_pairs,
)
from analysis.loaded.about import about_span
from analysis.nlp import Parser
from analysis.records import Article

FIXTURE = Path(__file__).parent / "data" / "loaded_fixture.jsonl"


def tag(nlp, text, **options):
    """Lexicon and scare-quote terms (the trained tagger has its own tests)."""
    options.setdefault("use_model", False)
    article = Article(id="t", text=text, body_start=0, body_end=len(text))
    terms = find_loaded_terms(article, nlp(text), **options)
    for term in terms:
        assert text[term.start : term.end] == term.text
        if term.about_start is not None:
            assert text[term.about_start : term.about_end] == term.about_text
    return terms


def found(nlp, text, **options) -> dict[str, str]:
    return {t.text: t.category for t in tag(nlp, text, **options)}


@pytest.mark.parametrize(
    ("text", "word", "category"),
    [
        ("The claimed attack was foiled.", "claimed", "doubt"),
        ("The blast claimed three lives.", "claimed", None),
        ("Three lives were claimed by the blast.", "claimed", None),
        ("Reports about the alleged attack were seen.", "alleged", "doubt"),
        ("Russia alleged that Kiev planned the attack.", "alleged", None),
        ("The supposed witness vanished.", "supposed", "doubt"),
        ("The inspectors were supposed to arrive.", "supposed", None),
        ("The Tessary regime refused.", "regime", "label"),
        ("The tax regime changed.", "regime", None),
        ("The sanctions regime was tightened.", "regime", None),
        ("Ukraine and its Western sponsors disagree.", "sponsors", "label"),
        ("The company sponsors the festival.", "sponsors", None),
        ("Talks may resume.", "may", "hedge"),
        ("Talks resumed in May.", "May", None),
        ("The building appears to be intact.", "appears", "hedge"),
        ("A video appeared on social media.", "appeared", None),
        ("About 80,000 homes lost power.", "About", "hedge"),
        ("Questions were asked about the dam.", "about", None),
        ("Officials called it a crude fabrication.", "crude", "other_loaded"),
        ("Crude oil prices rose.", "Crude", None),
        ("Ulvane Hydro is a puppet of the ministry.", "puppet", "label"),
        ("The children watched a puppet show.", "puppet", None),
        ("The story was peddled by state media.", "peddled", "emotive_verb"),
    ],
)
def test_sense_guards(nlp, text, word, category):
    assert found(nlp, text).get(word) == category


def test_multi_word_terms_match_as_one_span(nlp):
    terms = tag(nlp, "They installed a puppet government and a so-called peace plan.")
    assert [(t.text, t.lemma, t.category) for t in terms] == [
        ("puppet government", "puppet government", "label"),
        ("so-called", "so-called", "doubt"),
    ]
    assert found(nlp, "It was believed that the dam was safe.") == {
        "It was believed": "other_loaded"
    }
    assert found(nlp, "Critics said the plan was late.") == {"Critics said": "other_loaded"}


def test_terms_say_whom_they_are_about(nlp):
    about = {t.text: t.about_text for t in tag(nlp, "The Tessary regime defended its dam.")}
    assert about == {"regime": "The Tessary regime"}
    text = "The channel, a Kremlin mouthpiece, aired it. Ulvane Hydro is a puppet of the ministry."
    about = {t.text: t.about_text for t in tag(nlp, text)}
    assert about == {"mouthpiece": "The channel", "puppet": "Ulvane Hydro"}
    about = {t.text: t.about_text for t in tag(nlp, "Police found the alleged ringleader.")}
    assert about == {"alleged": "the alleged ringleader"}
    about = {t.text: t.about_text for t in tag(nlp, "The regime's minister spoke.")}
    assert about == {"regime": "The regime"}


def test_a_distancing_cue_is_about_its_speaker_and_no_verb_about_a_date(nlp):
    """ "The minister claimed Wednesday that ...": "claimed" puts the minister's word
    in doubt (not "Wednesday", which the parser makes its object); an emotive verb is
    about its target ("slammed the senator")."""

    def about(text: str, word: str) -> str | None:
        doc = nlp(text)
        verb = next(t for t in doc if t.text == word)
        found = about_span(doc[verb.i : verb.i + 1])
        return None if found is None else text[found[0] : found[1]]

    assert about("“We simply don’t know,” the minister claimed on Wednesday.", "claimed") == (
        "the minister"
    )
    assert about("The minister claimed Wednesday that the dam was safe.", "claimed") == (
        "The minister"
    )
    assert about("Critics slammed the senator on Friday.", "slammed") == "the senator"
    assert about("Police cracked down on protesters on Monday.", "cracked") == "protesters"


def test_a_word_someone_calls_something_is_about_that_thing(nlp):
    """ "Comey called her actions extremely careless": the object predicate describes
    the object, not the one who calls it so; in a relative clause, the noun the clause
    modifies; in the passive, the subject."""

    def about(text: str, word: str) -> str | None:
        doc = nlp(text)
        token = next(t for t in doc if t.text == word)
        found = about_span(doc[token.i : token.i + 1])
        return None if found is None else text[found[0] : found[1]]

    assert about("Comey called her actions extremely careless.", "careless") == "her actions"
    assert about("Gattine called him a racist.", "racist") == "him"
    assert about("It was a military fight he called “a war of Obama’s choosing.”", "war") == (
        "a military fight"
    )
    assert about("The senator was called reckless by his rivals.", "reckless") == "The senator"
    assert about("The president is careless.", "careless") == "The president"


def test_scare_quotes(nlp):
    text = "The government's “reforms” failed, and the ‘experts’ were silent."
    terms = [t for t in tag(nlp, text) if t.category == SCARE_QUOTE]
    assert [(t.text, t.lemma, t.about_text) for t in terms] == [
        ("reforms", "reform", "The government's “reforms”"),
        ("experts", "expert", "the ‘experts’"),
    ]
    # a quoted sentence, a partial quote, a name, a word mentioned, markup: no scare quotes
    text = (
        "“Nonsense,” he said. The minister claimed Valdoria had “staged” the incident. "
        "The newspaper “Pravda” wrote about it. He avoids the phrase “radical terror”. "
        'See <tweet id="1234"/>. Do not “fix” what works.'
    )
    assert [t.text for t in tag(nlp, text) if t.category == SCARE_QUOTE] == ["fix"]
    # straight quotes, and a quote the attribution layer attributed
    text = 'The "experts" disagreed. The offer was "generous", she said.'
    start = text.index('"generous"')
    quoted = [(start, start + len('"generous"'))]
    assert [t.text for t in tag(nlp, text, quote_spans=quoted) if t.category == SCARE_QUOTE] == [
        "experts"
    ]
    assert not [t for t in tag(nlp, text, scare_quotes=False) if t.category == SCARE_QUOTE]


def test_terms_inside_quotes_are_flagged(nlp):
    text = "“This was an act of terror,” she said. The regime refused."
    flags = {t.text: t.in_quote for t in tag(nlp, text)}
    assert flags == {"terror": True, "regime": False}
    assert quotation_pairs("He said “no” and ‘don’t’.") == [(8, 11), (17, 23)]


def test_user_lexicon_adds_terms(nlp, tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("term,category,source\nhardliner,label,my codebook\n", encoding="utf-8")
    text = "The hardliner spoke."
    assert found(nlp, text) == {}
    assert found(nlp, text, lexicon=loaded_lexicon(extra=[extra])) == {"hardliner": "label"}


def test_seed_terms_offsets_and_targets(nlp, seed_path, tmp_path):
    (article,), _ = read_articles([seed_path])
    (parsed,) = Parser(nlp, cache_directory=tmp_path).parse([article])
    terms = find_loaded_terms(article, parsed.doc)  # lexicons and the trained tagger
    by_text = {t.text: t for t in terms}
    assert by_text["alleged"].category == "doubt"
    assert by_text["alleged"].about_text == "the alleged attack"
    assert by_text["sponsors"].about_text == "its Western sponsors"
    assert by_text["Kiev"].category == "label" and by_text["Kiev"].subcategory == "naming"
    # its quotation marks are all attributed quotes, never scare quotes (as before)
    assert not [t for t in terms if t.category == SCARE_QUOTE]
    assert all(article.body_start <= t.start and t.end <= article.body_end for t in terms)
    assert all(article.text[t.start : t.end] == t.text for t in terms)
    rows = loaded_terms_rows(terms, {("000_a24a2ea91177b532", None, None): "nobody"})
    assert set(rows[0]) >= {"article_id", "start", "end", "text", "lemma", "category", "source"}
    assert "actor" in rows[0]


def test_examples_show_the_partisan_labels(nlp, tmp_path):
    from analysis.config import EXAMPLES_DIR

    articles, _ = read_articles([EXAMPLES_DIR])
    labels = {}
    for parsed in Parser(nlp, cache_directory=tmp_path).parse(articles):
        for term in find_loaded_terms(parsed.article, parsed.doc, use_model=False):
            assert parsed.article.text[term.start : term.end] == term.text
            if term.category == "label" and not term.in_quote:
                labels.setdefault(parsed.article.outlet, []).append(term.about_text)
    courier = " ".join(labels["Valdor City Courier"])
    observer = " ".join(labels["The Tessary Observer"])
    assert "Tessary regime" in courier and "Dask regime" not in courier
    assert "Dask regime" in observer and "Tessary regime" not in observer
    assert "Meridian Wire" not in labels


def test_candidates_list_unknown_evaluative_words(nlp):
    text = "The claim is baseless. The regime, a reckless clique, issued a bizarre statement."
    article = Article(id="c", text=text, body_start=0, body_end=len(text))
    lemmas = {c.lemma: c.position for c in loaded_candidates(article, nlp(text))}
    assert lemmas.get("baseless") == "predicate"
    assert lemmas.get("bizarre") == "modifier"
    assert "reckless" not in lemmas  # in the lexicon already


def test_candidates_say_which_ones_the_tagger_marked(nlp):
    from types import SimpleNamespace

    text = "The federal agency issued a bizarre statement."
    article = Article(id="c", text=text, body_start=0, body_end=len(text))
    start = text.index("bizarre")
    marked = SimpleNamespace(origin="model", start=start, end=start + 7)
    from_lexicon = SimpleNamespace(origin="lexicon", start=4, end=11)  # "federal"
    found = loaded_candidates(article, nlp(text), terms=[marked, from_lexicon])
    assert {c.lemma: c.tagged for c in found} == {"federal": False, "bizarre": True}


def test_emotive_and_distancing_cues_as_loaded_entries():
    entries = cue_entries()
    assert entries["slam"].category == "cue_emotive"
    assert entries["claim"].category == "cue_distancing"
    assert "say" not in entries


def test_eval_loaded_on_the_fixture(nlp, tmp_path):
    out = tmp_path / "predictions.jsonl"
    scores = evaluate_loaded(FIXTURE, predictions=out, nlp=nlp, use_model=False)
    gold = read_gold(FIXTURE)
    assert scores.sentences == len(gold) == 12
    # "disaster" (l12) is gold but not in the lexicon: one missed token, no false alarm
    assert (scores.gold_tokens, scores.predicted_tokens, scores.true_positive) == (11, 10, 10)
    assert scores.precision == 1.0 and scores.recall == pytest.approx(10 / 11)
    assert "F1 0.952" in format_scores(scores)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [p["id"] for p in lines] == [g["id"] for g in gold]
    first = lines[0]["spans"]
    assert [(s["start"], s["end"], s["category"]) for s in first] == [
        (12, 19, "emotive_verb"),
        (24, 33, "doubt"),
    ]
    no_cues = evaluate_loaded(FIXTURE, nlp=nlp, cue_stances=(), use_model=False)
    assert no_cues.recall < scores.recall


def test_eval_rejects_spans_outside_the_text(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "short", "spans": [{"start": 2, "end": 40}]}\n')
    with pytest.raises(ValueError, match="bad.jsonl:1"):
        read_gold(bad)


def test_one_side_of_a_hyphenated_word_is_no_term(nlp):
    from analysis.loaded.terms import _half_compound

    doc = nlp("After a closed-door lunch, anti-war senators left.")
    index = {token.text: token.i for token in doc}
    assert _half_compound(doc, [index["door"]])  # "closed-[door]"
    assert _half_compound(doc, [index["closed"]])  # "[closed]-door"
    assert not _half_compound(doc, [index["closed"], index["door"]])  # the whole word
    assert not _half_compound(doc, [index["anti"], index["war"]])
    assert not _half_compound(doc, [index["senators"]])


def test_so_called_quotes_and_paraphrase_are_the_writers(nlp):
    text = "She pointed out that the dam lies near the so-called “security zone” of the regime."
    content = (text.index("the dam"), len(text) - 1)  # a mixed quote's content span
    terms = {t.text: t for t in tag(nlp, text, quote_spans=[content])}
    assert terms["security zone"].category == SCARE_QUOTE
    assert terms["so-called"].category == "doubt"
    assert not terms["regime"].in_quote  # paraphrase outside the marks: the writer's word


@pytest.mark.parametrize(
    "text, word, setting",
    [
        ("Hunters may again bring home an elephant from Zimbabwe under the new rule.",
         "elephant", "NOUN_THRESHOLD"),
        ("She will face Jack Ramsey, a Democrat who is also a professor.",
         "Democrat", "NAME_THRESHOLD"),
    ],
)  # fmt: skip
def test_a_plain_noun_or_name_needs_more_than_the_taggers_threshold(
    nlp, monkeypatch, text, word, setting
):
    import analysis.loaded.terms as terms

    article = Article(id="n", text=text, body_start=0, body_end=len(text))
    doc = nlp(text)
    assert word not in [t.text for t in find_loaded_terms(article, doc)]
    monkeypatch.setattr(terms, setting, 0.1)  # the tagger's own threshold
    marked = {t.text: t.score for t in find_loaded_terms(article, doc) if t.origin == "model"}
    assert 0.1 <= marked[word] < 0.2  # what the stricter threshold keeps out


@pytest.mark.parametrize(
    ("text", "word", "kept"),
    [
        ("He is a 70-year-old white male millionaire seeking votes.", "white", set()),
        ("The radical liberal mob stormed the meeting.", "liberal", {"radical", "mob"}),
    ],
)
def test_a_word_for_who_someone_is_is_no_loaded_term(nlp, monkeypatch, text, word, kept):
    """The tagger learned "white", "liberal" from biased sentences that mention them;
    naming someone's race or camp is no judgement (`lexicons/identity_terms.csv`),
    while the loaded words beside it stay."""
    import analysis.loaded.terms as terms

    article = Article(id="i", text=text, body_start=0, body_end=len(text))
    doc = nlp(text)
    found = {t.text for t in find_loaded_terms(article, doc)}
    assert word not in found and kept <= found
    monkeypatch.setattr(terms, "names_an_identity", lambda tokens: False)
    assert word in {t.text for t in find_loaded_terms(article, doc)}  # the tagger's mark


def test_identity_words_are_listed_with_their_sources(nlp):
    from analysis.loaded.categories import identity_terms, names_an_identity

    terms = identity_terms()
    assert {"gay", "black", "muslim", "liberal", "african-american"} <= terms
    assert "democrat" not in terms and "homosexual" not in terms  # pejorative uses
    doc = nlp("African-American and gay and lesbian voters met gay men and Democrat officials.")
    words = {t.text: t for t in doc}
    assert names_an_identity(list(doc[0:3]))  # "African-American"
    assert names_an_identity(list(doc[4:7]))  # "gay and lesbian"
    assert not names_an_identity([words["men"]])
    assert not names_an_identity([words["Democrat"]])
