"""The learned attribution components: the shipped model file (checksum, size, card),
the scorer, how the model joins the rules (unknown cues get stance `other`, sense
guards hold, rule-only mode unchanged), and the training examples."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from analysis.attribution import extract_attributions
from analysis.attribution.cues import _cue_index, _lemma
from analysis.attribution.features import DocContext, TokenTable, cue_candidates, cue_features
from analysis.attribution.model import (
    MODEL_PATH,
    AttributionModel,
    LinearModel,
    ModelNotAvailable,
    load_model,
    model_checksum,
    read_model,
)
from analysis.attribution.quotes import _Quotes
from analysis.ingest import make_article
from analysis.stance import unknown_cues

CARD = MODEL_PATH.with_suffix(".md")


def _doc(nlp, text: str):
    article = make_article(text, article_id="m")
    return article, nlp(article.analysis_text())


def _linear(weights: dict[str, float], intercept: float) -> LinearModel:
    names = list(weights)
    return LinearModel(
        {n: i for i, n in enumerate(names)}, np.array(list(weights.values())), intercept
    )


def _tiny_model(cue_words: dict[str, float]) -> AttributionModel:
    """A hand-made model: cues are the given lemmas, content the parsed or right-hand
    span, source the parse's."""
    cue = _linear({f"lemma={w}": v for w, v in cue_words.items()}, -5.0)
    content = _linear({"kind=parsed": 2.0, "kind=right": 1.0}, 0.0)
    source = _linear({"kind=parsed": 2.0}, 0.0)
    return AttributionModel(cue, cue, content, source, keep=0.0, add=0.5, add_alone=0.5, meta={})


# ----------------------------------------------------------------- the shipped model


def test_model_file_matches_its_card_checksum():
    card = CARD.read_text(encoding="utf-8")
    match = re.search(r"SHA-256: `([0-9a-f]{64})`", card)
    assert match, "the card gives the model's SHA-256"
    assert model_checksum() == match.group(1)


def test_model_file_is_small_and_complete():
    assert MODEL_PATH.stat().st_size <= 30 * 1024 * 1024
    model = load_model()
    assert model.keep == 0.0 < model.add <= 1  # the rules' cues are all kept
    assert model.meta["data"] == "train.jsonl" and model.meta["articles"] == 840
    for part in (model.cue, model.cue_alone, model.content, model.source):
        assert len(part.vocabulary) == len(part.weights) > 10
    assert set(model.meta["cross_validation"]) == {"combined", "model", "rules"}


def test_unreadable_model_is_a_clear_error(tmp_path):
    bad = tmp_path / "attribution.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelNotAvailable, match="cannot read"):
        read_model(bad)
    with pytest.raises(ModelNotAvailable):
        read_model(tmp_path / "missing.json")


def test_scores_are_the_logistic_of_the_summed_weights():
    model = _linear({"a": 1.0, "b": -2.0, "c": 0.5}, 0.25)
    probs = model.proba([["a", "c"], ["b", "unseen"], []])
    expected = 1 / (1 + np.exp(-np.array([1.75, -1.75, 0.25])))
    assert np.allclose(probs, expected)
    assert model.proba([]).shape == (0,)


# ------------------------------------------------------------- joining the rules


def test_unknown_cue_gets_stance_other_and_is_listed(nlp):
    text = "The senator groused that the budget was late. Officials said it would pass."
    article, doc = _doc(nlp, text)
    rows = extract_attributions(article, doc, model=_tiny_model({"grouse": 10.0}))
    groused = [r for r in rows if r.cue == "groused"]
    assert len(groused) == 1
    row = groused[0]
    assert row.stance == "other" and row.credibility == 0.0
    assert (
        row.speaker == "The senator" or text[row.speaker_start : row.speaker_end] == "The senator"
    )
    assert row.content == "that the budget was late"
    assert [r.cue_lemma for r in rows if r.cue == "said"] == ["say"]  # the rules' cue stays
    import pandas as pd

    table = unknown_cues(pd.DataFrame([vars(r) for r in rows]))
    assert list(table["lemma"]) == ["grouse"]
    # The rules alone do not know it.
    assert not [r for r in extract_attributions(article, doc, mode="rules") if r.cue == "groused"]


def test_model_cannot_break_a_sense_guard(nlp):
    text = (
        "The fire claimed two lives. He would say anything. Don't blame Bush. She called "
        "her brother on Monday. The weather was clear on Sunday. The team added two goals. "
        "A replacement was ordered in 2024."
    )
    article, doc = _doc(nlp, text)
    words = ("claim", "say", "blame", "call", "clear", "add", "order")
    model = _tiny_model(dict.fromkeys(words, 10.0))
    assert extract_attributions(article, doc, model=model) == []


def test_appeal_to_someone_is_a_plea_only_when_something_is_asked(nlp):
    """ "Cruz appeals to Reagan Democrats" (attraction) is no report, whatever a model
    says; "appealed to residents to stay indoors" and "appealed for calm" are."""
    text = (
        "Cruz appeals to Reagan Democrats. The phrases appealed to working-class voters. "
        "The mayor appealed to residents to stay indoors. The governor appealed for calm."
    )
    article, doc = _doc(nlp, text)
    rows = extract_attributions(article, doc, model=_tiny_model({"appeal": 10.0}))
    assert [(r.speaker, r.content) for r in rows if r.cue == "appealed" or r.cue == "appeals"] == [
        ("The mayor", "to stay indoors"),
        ("The governor", "calm"),
    ]


def test_model_cannot_break_the_sense_guards_learned_on_train(nlp):
    """Guards found on PolNeAR train: "appear" with nothing it seems to be, "find" of a
    thing, and the name of a markup tag."""
    text = (
        "Her name appeared on the list of donors. Border agents find the tunnels. "
        'The senators posted. <tweet author="senator">We mourn.</tweet>.'
    )
    article, doc = _doc(nlp, text)
    model = _tiny_model(dict.fromkeys(("appear", "find", "tweet"), 10.0))
    assert [r.cue for r in extract_attributions(article, doc, model=model)] == []


def test_model_cannot_make_a_filler_or_a_sighting_a_report(nlp):
    """ "you know" between commas is talk, not a report; "appeared ... showing" and "As
    a result, he appeared in a video" are sightings, not impressions."""
    text = (
        "“The requests, you know, were handled by professionals,” Marant said. "
        "Another video appeared on social media showing the blast. "
        "As a result, Brenn appeared by himself in a video."
    )
    article, doc = _doc(nlp, text)
    model = _tiny_model(dict.fromkeys(("know", "appear"), 10.0))
    assert [r.cue for r in extract_attributions(article, doc, model=model)] == [
        "said",
        "showing",
    ]
    kept = "“You know that he lied,” Marant said. Brenn appeared to doubt the figures."
    article, doc = _doc(nlp, kept)
    assert "appeared" in [r.cue for r in extract_attributions(article, doc)]


def test_a_law_has_a_purpose_not_an_attitude(nlp):
    """ "The law aims to protect ..." (a user's complaint in issue 16) is what the law is
    for, and so is what a device "which is intended to" do; an owned plan keeps its
    owner as the source, and people keep their wants."""
    text = (
        "The law aims to protect small businesses. The bill seeks to raise sanctions. "
        "Opponents filed a lawsuit aimed at blocking the rule. The device, which is "
        "intended to locate underground lines, shoots radar waves."
    )
    article, doc = _doc(nlp, text)
    model = _tiny_model(dict.fromkeys(("aim", "seek", "intend"), 10.0))
    assert extract_attributions(article, doc, model=model) == []
    kept = "Marant's plan is intended to cut taxes. Senators want to end the shutdown."
    article, doc = _doc(nlp, kept)
    assert [r.cue for r in extract_attributions(article, doc)] == ["intended", "want"]


def test_an_unknown_copula_cue_reads_with_its_complement(nlp):
    """A "be" the model adds (the lexicon pairs no "be furious") is written as the
    annotators mark it, "were furious", and listed as `be furious`, not `be`."""
    text = "Top Republicans were furious that the indictments were announced on Friday."
    article, doc = _doc(nlp, text)
    rows = extract_attributions(article, doc, model=_tiny_model({"be": 10.0}))
    assert [(r.cue, r.cue_lemma, r.stance) for r in rows] == [
        ("were furious", "be furious", "other")
    ]


def test_one_party_member_is_a_speaker_not_the_party(nlp):
    """ "The Arizona Republican said": one unnamed member, written as such; not the
    place, and not a group "Republican" that a later "the governor" resolves to."""
    text = (
        "The Arizona Republican said the bill would fail. The governor, a Democrat, told "
        "reporters that he would veto it. “It is over,” the governor said."
    )
    article, doc = _doc(nlp, text)
    rows = extract_attributions(article, doc)
    assert [(r.cue, r.speaker) for r in rows] == [
        ("said", "The Arizona Republican"),
        ("told", "The governor"),
        ("said", "the governor"),
    ]


def test_model_adds_no_cue_inside_a_reported_clause(nlp):
    text = "Smith said that Jones groused about the delay."
    article, doc = _doc(nlp, text)
    rows = extract_attributions(article, doc, model=_tiny_model({"grouse": 10.0}))
    assert [r.cue for r in rows] == ["said"]


def test_a_report_in_the_speakers_own_clause_between_quotes_is_its_own(nlp):
    # the first row's content runs from quote to quote; the relative clause on its
    # speaker is the frame between them, not what was said, so its report is found
    text = (
        '"I have never voted in a primary, but I am going to vote in this one," said '
        "Nicky Driscoll, 24, a student from Manchester, who said Sanders is best suited "
        'to get corporate money out of politics. "It is supposed to be for the people, '
        'not for the banks."'
    )
    article, doc = _doc(nlp, text)
    rows = extract_attributions(article, doc)
    assert [r.cue for r in rows] == ["said", "said"]
    assert rows[0].content.endswith('not for the banks."')
    assert rows[1].content == "Sanders is best suited to get corporate money out of politics"
    # a candidate inside a quote of the content stays inside it
    text = '"Jones groused that it failed," said Smith. "It is over."'
    article, doc = _doc(nlp, text)
    assert [r.cue for r in extract_attributions(article, doc)] == ["said"]


def test_rule_cue_the_model_rejects_is_dropped_unless_precise(nlp):
    text = "“It is over,” Marant said. Brenn argued that the plan failed."
    article, doc = _doc(nlp, text)
    reject = _tiny_model({})
    reject.keep = 0.5  # every cue scores ~0.007: only precise rule cues survive
    rows = extract_attributions(article, doc, model=reject)
    assert [r.cue for r in rows] == ["said"]
    assert [r.cue for r in extract_attributions(article, doc, mode="rules")] == ["said", "argued"]


def test_unknown_mode_is_an_error(nlp):
    article, doc = _doc(nlp, "He said so.")
    with pytest.raises(ValueError, match="mode"):
        extract_attributions(article, doc, mode="magic")


def test_shipped_model_on_unknown_cue_words(nlp):
    """The trained model picks up speech verbs the lexicon lacks, as stance `other`."""
    text = (
        "The senator mused that the budget was late. Republicans balked at the price of "
        "the plan. The mayor floated the idea of a new tax."
    )
    article, doc = _doc(nlp, text)
    rows = extract_attributions(article, doc)
    assert {(r.cue, r.stance) for r in rows} >= {("mused", "other"), ("balked", "other")}
    assert all(r.content for r in rows)
    assert not extract_attributions(article, doc, mode="rules")


# ----------------------------------------------------------------------- features


def test_token_table_matches_the_parse(nlp):
    _, doc = _doc(nlp, "“We simply don’t know,” Blinken said on Tuesday.\n\nThe Kremlin hopes so.")
    table = TokenTable.of(doc)
    for tok in doc:
        i = tok.i
        assert table.lemma[i] == _lemma(tok)
        assert (table.head[i], table.left[i], table.right[i]) == (
            tok.head.i,
            tok.left_edge.i,
            tok.right_edge.i,
        )
        assert (table.idx[i], table.end[i], table.sent_end[i]) == (
            tok.idx,
            tok.idx + len(tok.text),
            tok.sent.end_char,
        )


def test_cue_features_read_lexicon_quotes_and_rules(nlp):
    _, doc = _doc(nlp, "“We simply don’t know,” Blinken claimed.")
    ctx = DocContext(doc, _Quotes(doc.text), _cue_index(None), rule_cues={doc[8].i})
    claimed = next(i for i in cue_candidates(ctx) if doc[i].text == "claimed")
    feats = set(cue_features(claimed, ctx))
    assert {"lemma=claim", "lex=verb", "stance=distancing", "quote_before"} <= feats
    assert "subj=ent-PERSON" in feats
    assert json.dumps(sorted(feats))  # plain strings


def test_training_examples_label_gold_cue_heads(nlp):
    from analysis.attribution.train import doc_examples

    text = "Brenn claimed the drone came from Valdoria. The river is calm."
    start = text.index("claimed")
    record = {
        "text": text,
        "attributions": [
            {
                "source": [{"start": 0, "end": 5, "text": "Brenn"}],
                "cue": [{"start": start, "end": start + 7, "text": "claimed"}],
                "content": [{"start": start + 8, "end": text.index("."), "text": ""}],
                "quote_form": "indirect",
            }
        ],
    }
    _, doc = _doc(nlp, text)
    ex = doc_examples(doc, record)
    assert sum(ex.cue_labels) == 1
    positive = ex.cue_rows[ex.cue_labels.index(1)]
    assert "lemma=claim" in positive
    assert any(ex.content_labels) and any(ex.source_labels)


@pytest.mark.skipif(not Path(MODEL_PATH).exists(), reason="no model file")
def test_card_names_data_licence_and_retraining():
    card = CARD.read_text(encoding="utf-8").lower()
    for needed in ("PolNeAR", "framing train attribution", "copyright", "cross-validat", "dev"):
        assert needed.lower() in card, needed


def test_an_object_with_what_is_asked_or_said_of_it_is_no_act(nlp):
    """A verb the lexicon does not know acting on a plain noun phrase is an act ("fired
    Comey", "passed a new version of the bill"); with an infinitive for the addressee
    ("implored her to bring it back") or a predicate with "as" ("cast himself as a
    defense hawk") it reports. "began his career as an aide" is still what someone
    did, and what a bill "requires candidates to" do is no one's report."""
    text = (
        "The speechwriters implored her to bring it back. Rubio cast himself as a defense "
        "hawk. Trump fired Comey. The legislature passed a new version of the bill. Stone "
        "began his career as a campaign aide."
    )
    article, doc = _doc(nlp, text)
    words = ("implore", "cast", "fire", "pass", "begin")
    rows = extract_attributions(article, doc, model=_tiny_model(dict.fromkeys(words, 10.0)))
    assert [r.cue for r in rows] == ["implored", "cast"]
    assert rows[0].content.endswith("to bring it back")
    assert rows[1].content == "himself as a defense hawk"


@pytest.mark.parametrize(
    ("text", "verb", "reports"),
    [
        ("The speechwriters implored her to bring it back.", "implored", True),
        ("It sets up a fund and requires candidates to disclose returns.", "requires", False),
        ("The bill requires candidates to disclose returns.", "requires", False),
    ],
)
def test_what_a_bill_requires_is_no_report(nlp, text, verb, reports):
    """An infinitive for the object makes a report of an unknown verb, unless its subject
    is a law or "it" standing for one (through a coordinated verb too)."""
    from analysis.attribution.model import _object_and_more

    doc = nlp(text)
    tok = next(t for t in doc if t.text == verb)
    obj = next(c for c in tok.children if c.dep_ == "dobj")
    content = (obj.idx, doc[-2].idx + len(doc[-2]))
    assert _object_and_more(tok, obj, content) is reports
