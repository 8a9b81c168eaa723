"""Portrayal: per-mention signals, the article × actor features, gold matching, the
model file and its card, the metrics and the eval command — on sentences written for
these tests."""

from __future__ import annotations

import hashlib
import json
import re

import numpy as np
import pandas as pd
import pytest

from analysis.config import package_data
from analysis.portrayal import (
    COMPACT_FEATURES,
    FEATURES,
    PORTRAYAL_COLUMNS,
    actor_features,
    evidence_rows,
    load_model,
    mention_signal,
    portrayal_tables,
    read_model,
    signals_frame,
)
from analysis.portrayal.gold import match_entity, match_gold, read_gold
from analysis.portrayal.metrics import auc, portrayal_scores
from analysis.portrayal.model import Logistic, PortrayalModel, label_of, to_json
from analysis.portrayal.signals import act_tokens, describing_tokens, paragraph_index
from analysis.sentiment import governing_clause, mention_span, target_polarity


def _at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def _signal(nlp, text: str, word: str, nth: int = 0):
    doc = nlp(text)
    start, end = _at(text, word, nth)
    polarity = target_polarity(doc, start, end)
    return mention_signal(
        doc, "a1", text, 0, start, end, polarity.score, (polarity.scope_start, polarity.scope_end)
    )


# ----------------------------------------------------------------------------- signals


def test_words_describing_the_actor_are_read_apart_from_the_event(nlp):
    text = "The disgraced banker attended the cheerful charity gala."
    signal = _signal(nlp, text, "banker")
    assert "disgraced" in signal.about_text and "gala" not in signal.about_text
    assert signal.about < 0  # what is said about him
    plain = _signal(nlp, "The banker attended the cheerful charity gala.", "banker")
    assert plain.about == 0 and plain.about_text == ""


def test_apposition_and_copula_predicate_describe_the_actor(nlp):
    text = "Marlow, a convicted fraudster, spoke on Monday."
    assert "fraudster" in _signal(nlp, text, "Marlow").about_text
    signal = _signal(nlp, "Marlow was reckless and dishonest.", "Marlow")
    assert "reckless" in signal.about_text and signal.about < 0


def test_evidence_words_read_as_written(nlp):
    """`about_text` / `act_text` in portrayal_evidence.csv keep the article's spacing
    and mark left-out words, so an auditor reads them as the sentence has them."""
    signal = _signal(nlp, "Kessler called it a war of Obama’s choosing.", "Obama")
    assert signal.act_text == "called it a war of … ’s choosing"
    about = _signal(nlp, "The disgraced banker, Marlow's partner, attended.", "banker")
    assert about.about_text == "disgraced … Marlow's partner"


def test_agent_of_a_negative_act_and_its_victim(nlp):
    text = "Kessler stole the pension savings of the retirees."
    doc = nlp(text)
    mention = mention_span(doc, *_at(text, "Kessler"))
    act = [t.text for t in act_tokens(mention, governing_clause(mention))]
    assert "stole" in act and "Kessler" not in act
    assert _signal(nlp, text, "Kessler").act < 0
    victim = _signal(nlp, "Armed thieves robbed and beat Kessler.", "Kessler")
    assert victim.act < 0 and "Kessler" not in victim.act_text


def test_mood_is_the_whole_sentence(nlp):
    text = "Amid the deadly floods, Hollis praised the volunteers."
    signal = _signal(nlp, text, "Hollis")
    assert signal.mood != 0 and signal.target > signal.mood - 1


def test_paragraph_index_counts_line_breaks_from_the_body():
    text = "Headline\n\nFirst para.\n\nSecond para.\nThird line."
    body = text.index("First")
    assert paragraph_index(text, body, body) == 0
    assert paragraph_index(text, body, text.index("Second")) == 1
    assert paragraph_index(text, body, text.index("Third")) == 2


def test_describing_tokens_leave_out_names(nlp):
    text = "Senate Majority Leader Harlan Voss spoke."
    doc = nlp(text)
    words = [t.text for t in describing_tokens(mention_span(doc, *_at(text, "Harlan Voss")))]
    assert "Voss" not in words and "Harlan" not in words


# ---------------------------------------------------------------------------- features


def _tables(text: str, nlp):
    """Mentions (hand-made), their signals, terms and cues of one article."""
    names = [("Voss", "agent"), ("Voss", "agent"), ("Reyes", "speaker")]
    mentions, signals, seen = [], [], {}
    for name, role in names:
        nth = seen.get(name, 0)
        seen[name] = nth + 1
        start, end = _at(text, name, nth)
        mentions.append(
            {"article_id": "a1", "start": start, "end": end, "text": name, "actor": name,
             "camp": None, "role": role, "type": "person", "resolution": "name"}
        )  # fmt: skip
        doc = nlp(text)
        polarity = target_polarity(doc, start, end)
        signals.append(
            mention_signal(doc, "a1", text, 0, start, end, polarity.score,
                           (polarity.scope_start, polarity.scope_end))
        )  # fmt: skip
    return pd.DataFrame(mentions), signals_frame(signals)


VOSS = (
    "Voss stole the city budget.\n\n"
    "Reyes claimed the audit was fine. Critics said Voss was a crook."
)


def _terms(text: str) -> pd.DataFrame:
    start = text.index("crook")
    hedge = text.index("fine")
    return pd.DataFrame(
        [
            {"article_id": "a1", "start": start, "end": start + 5, "text": "crook",
             "lemma": "crook", "category": "label", "source": "test", "actor": "Voss",
             "in_quote": False},
            {"article_id": "a1", "start": hedge, "end": hedge + 4, "text": "fine",
             "lemma": "fine", "category": "hedge", "source": "test", "actor": "Voss",
             "in_quote": False},
        ]
    )  # fmt: skip


def _cues(text: str) -> pd.DataFrame:
    claimed, said = text.index("claimed"), text.index("said")
    content = text.index("Voss was")
    return pd.DataFrame(
        [
            {"article_id": "a1", "actor": "Reyes", "cue": "claimed", "cue_start": claimed,
             "cue_end": claimed + 7, "stance": "distancing", "credibility": -1.0,
             "content_start": claimed + 8, "content_end": text.index("fine") + 4,
             "in_quote": False},
            {"article_id": "a1", "actor": None, "cue": "said", "cue_start": said,
             "cue_end": said + 4, "stance": "accusation", "credibility": -0.5,
             "content_start": content, "content_end": len(text) - 1, "in_quote": False},
        ]
    )  # fmt: skip


def test_features_sum_up_each_kind_of_evidence(nlp):
    mentions, signals = _tables(VOSS, nlp)
    features = actor_features(
        mentions, signals, _terms(VOSS), _cues(VOSS), {"a1": "Voss under fire"}, {"a1": VOSS}
    )
    assert list(features.columns) == ["article_id", "actor", *FEATURES]
    voss = features.set_index("actor").loc["Voss"]
    reyes = features.set_index("actor").loc["Reyes"]
    assert voss["mentions"] == pytest.approx(np.log1p(2))
    assert voss["mention_share"] == pytest.approx(2 / 3)
    assert voss["headline"] == 1 and reyes["headline"] == 0
    assert voss["lede"] == 1 and reyes["lede"] == 0  # Reyes first appears in paragraph 2
    assert voss["loaded_about"] == pytest.approx(np.log1p(1))  # the hedge is left out
    assert voss["loaded_sentence"] == pytest.approx(np.log1p(1))  # "... Voss was a crook."
    assert reyes["loaded_sentence"] == 0  # only the hedge "fine" stands in her sentence
    assert voss["agent_negative_act"] > 0  # "stole the city budget"
    assert voss["accused"] == pytest.approx(np.log1p(1))  # inside "Critics said ..."
    assert reyes["cue_credibility"] == -1.0  # "claimed": a distancing cue
    assert reyes["cues_distancing"] == pytest.approx(np.log1p(1))
    assert reyes["cues_endorsing"] == 0 and voss["cues"] == 0
    targets = signals["target"].iloc[:2].tolist()  # the two Voss mentions
    assert min(targets) < 0  # "stole the city budget", "was a crook"
    assert voss["target_min"] == pytest.approx(min(targets))  # the worst mention
    assert voss["target_min"] < voss["target_mean"] or targets[0] == targets[1]
    assert voss["negative_mass"] == pytest.approx(np.log1p(sum(-t for t in targets if t < 0)))


def test_loaded_terms_inside_quotes_are_not_the_writers(nlp):
    mentions, signals = _tables(VOSS, nlp)
    terms = _terms(VOSS).assign(in_quote=True)
    features = actor_features(mentions, signals, terms, _cues(VOSS), {}, {"a1": VOSS})
    assert features.set_index("actor").loc["Voss", "loaded_about"] == 0


def test_evidence_lists_mentions_terms_and_cues_with_offsets(nlp):
    mentions, signals = _tables(VOSS, nlp)
    evidence = evidence_rows(mentions, signals, _terms(VOSS), _cues(VOSS))
    kinds = evidence.groupby("actor")["kind"].apply(set).to_dict()
    assert kinds["Voss"] == {"mention", "loaded_term", "accused_in"}
    assert kinds["Reyes"] == {"mention", "cue"}
    for row in evidence.itertuples():
        if row.kind in ("mention", "loaded_term", "cue", "accused_in"):
            assert VOSS[row.start : row.end] == row.text


def test_portrayal_tables_score_every_actor(nlp):
    mentions, signals = _tables(VOSS, nlp)
    frame, evidence = portrayal_tables(
        mentions, signals, _terms(VOSS), _cues(VOSS), {"a1": None}, {"a1": VOSS}
    )
    assert list(frame.columns) == PORTRAYAL_COLUMNS
    assert set(frame["actor"]) == {"Voss", "Reyes"}
    assert frame["portrayal"].between(-1, 1).all()
    assert set(frame["portrayal_label"]) <= {"negative", "neutral", "positive"}
    assert not evidence.empty
    empty, _ = portrayal_tables(mentions.iloc[:0], signals.iloc[:0], _terms(VOSS).iloc[:0],
                                _cues(VOSS).iloc[:0], {}, {})  # fmt: skip
    assert empty.empty and list(empty.columns) == PORTRAYAL_COLUMNS


# ------------------------------------------------------------------------------- model


def _toy_model(**thresholds) -> PortrayalModel:
    return PortrayalModel(
        features=("a", "b"),
        mean=(0.0, 0.0),
        scale=(1.0, 1.0),
        negative=Logistic(0.0, (2.0, 0.0)),
        positive=Logistic(0.0, (0.0, 2.0)),
        thresholds=thresholds or {"negative": 0.6, "positive": 0.6},
        centre={"negative": 0.2, "positive": 0.1},
    )


def test_model_scores_labels_and_contributions():
    model = _toy_model()
    frame = pd.DataFrame({"a": [2.0, 0.0, -2.0], "b": [0.0, 2.0, 0.0]})
    predicted = model.predict(frame)
    assert list(predicted["portrayal_label"]) == ["negative", "positive", "neutral"]
    assert predicted["portrayal"].iloc[0] < 0 < predicted["portrayal"].iloc[1]
    assert predicted["portrayal"].between(-1, 1).all()
    contributions = model.contributions(frame)
    assert contributions.loc[0, "a"] == pytest.approx(4.0) and contributions.loc[0, "b"] == 0


def test_labels_follow_the_thresholds():
    assert label_of([0.7, 0.2, 0.2], [0.9, 0.8, 0.1], {"negative": 0.6, "positive": 0.5}) == [
        "negative",
        "positive",
        "neutral",
    ]


def test_model_file_round_trip_and_bad_files(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps(to_json(_toy_model())))
    back = read_model(path)
    assert back.features == ("a", "b") and back.centre["negative"] == 0.2
    path.write_text(json.dumps({"format": 99}))
    with pytest.raises(ValueError, match="not a portrayal model"):
        read_model(path)
    data = to_json(_toy_model())
    data["mean"] = [0.0]
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="different lengths"):
        read_model(path)


def test_no_evidence_score_is_an_actor_with_nothing_against_it():
    from analysis.portrayal import no_evidence_score

    model = load_model()
    base = no_evidence_score(model)
    row = {name: 0.0 for name in model.features} | {"mentions": float(np.log1p(1))}
    assert base == pytest.approx(model.predict(pd.DataFrame([row]))["portrayal"].iloc[0])
    assert base > 0  # the zero is the average labelled actor, one in five of them negative
    distanced = row | {"cues_distancing": float(np.log1p(2)), "cue_credibility": -1.0}
    assert model.predict(pd.DataFrame([distanced]))["portrayal"].iloc[0] < base


def test_shipped_model_is_complete_and_its_card_checksum_matches():
    model = load_model()
    assert set(model.features) <= set(FEATURES)
    assert model.meta["settings"]["signals"] in ("compact", "all")
    expected = COMPACT_FEATURES if model.meta["settings"]["signals"] == "compact" else FEATURES
    assert model.features == expected
    assert 0 < model.thresholds["negative"] < 1 and 0 < model.thresholds["positive"] < 1
    meta = model.meta
    assert meta["settings"]["folds"].startswith("5-fold GroupKFold by event")
    assert "basil" in meta["trained_on"].lower() and "evaluation-only" in meta["trained_on"]
    digest = hashlib.sha256(package_data("models/portrayal.json").read_bytes()).hexdigest()
    card = package_data("models/README.md").read_text(encoding="utf-8")
    section = card[card.index("## `portrayal.json`") :]
    stated = re.search(r"sha256 `([0-9a-f]{64})`", section)
    assert stated is not None and stated.group(1) == digest, "retrained? update the card"


# ------------------------------------------------------------------------------- gold


ACTORS = [
    {"actor": "Charles E. Grassley", "type": "person", "camp": "Republican Party", "mentions": 5},
    {"actor": "Donald Trump", "type": "person", "camp": "Republican Party", "mentions": 20},
    {"actor": "Republicans", "type": "group", "camp": "Republican Party", "mentions": 4},
    {"actor": "lawmakers", "type": "group", "camp": None, "mentions": 2},
    {"actor": "Congress", "type": "organisation", "camp": None, "mentions": 3},
    {"actor": "Jesse L. Jackson", "type": "person", "camp": None, "mentions": 9},
    {"actor": "Tea Party", "type": "group", "camp": "Republican Party", "mentions": 9},
    {"actor": "House Democrats", "type": "group", "camp": "Democratic Party", "mentions": 7},
    {"actor": "Democrats", "type": "group", "camp": "Democratic Party", "mentions": 3},
    {"actor": "Cesar Sayoc", "type": "person", "camp": None, "mentions": 1},
    {"actor": "Cesar Sayoc Jr.", "type": "person", "camp": None, "mentions": 12},
    {"actor": "Roger Stone", "type": "person", "camp": None, "mentions": 6},
    {"actor": "Roger J. Stone Jr.", "type": "person", "camp": None, "mentions": 5},
]


@pytest.mark.parametrize(
    ("entity", "actor", "how"),
    [
        ("Donald Trump", "Donald Trump", "exact"),
        ("donald trump", "Donald Trump", "exact"),
        ("Chuck Grassley", "Charles E. Grassley", "surname"),  # a listed short form
        ("Jesse Jackson", "Jesse L. Jackson", "surname"),
        ("Cesar Sayoc", "Cesar Sayoc Jr.", "surname"),  # the suffixed main entity
        ("Roger Stone", "Roger Stone", "exact"),  # not the suffixed one mentioned once
        ("Donald Trump Jr.", None, "none"),  # the suffix must agree
        ("Ivanka Trump", None, "none"),  # first names disagree
        ("Senate Republicans", "Republicans", "party"),
        ("Republican Lawmakers", "Republicans", "party"),  # named so, not the "Tea Party"
        ("Senate Democrats", "Democrats", "party"),  # never the other chamber's group
        ("Democratic Lawmakers", "House Democrats", "party"),  # the most mentioned
        ("U.S. Congress", "Congress", "suffix"),
        ("Religious Freedom Restoration Act", None, "none"),
    ],
)
def test_gold_entities_match_actors_by_name(entity, actor, how):
    assert match_entity(entity, ACTORS) == (actor, how)


def test_a_far_more_mentioned_suffixed_namesake_is_the_entity_by_surname_too():
    """BASIL's "Jesse Jackson" in the articles on Jesse Jackson Jr.'s sentencing is the
    son: the father, named once as "the Rev. Jesse L. Jackson", matches by surname and
    first name but is not the article's main entity (the kit naming the father with his
    middle initial had sent the entity to him)."""
    actors = [
        {"actor": "Jesse L. Jackson", "type": "person", "camp": None, "mentions": 1},
        {"actor": "Jesse Jackson Jr.", "type": "person", "camp": None, "mentions": 32},
    ]
    assert match_entity("Jesse Jackson", actors) == ("Jesse Jackson Jr.", "surname")
    actors[1]["mentions"] = 2  # not three times as often: the plain name stays
    assert match_entity("Jesse Jackson", actors) == ("Jesse L. Jackson", "surname")


def test_party_groups_never_match_a_person():
    people = [a for a in ACTORS if a["type"] == "person"]
    assert match_entity("House Republicans", people) == (None, "none")
    no_democrats = [a for a in ACTORS if a["camp"] != "Democratic Party"]
    assert match_entity("Democratic lawmakers", no_democrats) == (None, "none")  # not "lawmakers"


def test_read_and_match_gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps({"id": "a1", "entity": "Mara Voss", "author_feeling": "neg", "triplet": "e"})
        + "\n"
    )
    mentions = pd.DataFrame(
        [{"article_id": "a1", "start": 0, "end": 4, "actor": "Voss", "type": "person",
          "camp": None}]
    )  # fmt: skip
    [record] = match_gold(read_gold(path), mentions)
    assert record["actor"] == "Voss" and record["label"] == "negative"
    path.write_text('{"id": "a1", "entity": "X", "author_feeling": "angry"}\n')
    with pytest.raises(ValueError, match="gold.jsonl:1"):
        read_gold(path)


# ----------------------------------------------------------------------------- metrics


def test_auc_and_scores():
    assert auc([True, False, False], [0.9, 0.1, 0.2]) == 1.0
    assert auc([True, False], [0.5, 0.5]) == 0.5
    assert auc([False, False], [0.1, 0.2]) is None
    scores = portrayal_scores(
        ["negative", "neutral", "positive"], ["negative", "neutral", "neutral"], [0.9, 0.2, 0.1]
    )
    assert scores["auc"] == 1.0
    assert scores["per_class"]["negative"]["f1"] == 1.0
    assert scores["per_class"]["positive"]["f1"] == 0.0


def test_cross_validation_keeps_events_whole_and_learns_a_clear_signal():
    from analysis.portrayal.train import _folds, nested_cross_validate

    rng = np.random.default_rng(0)
    n = 150
    groups = np.array([f"event{i // 3}" for i in range(n)])
    frame = pd.DataFrame(rng.normal(size=(n, len(FEATURES))), columns=list(FEATURES))
    labels = np.where(frame["target_min"] < -0.8, "negative", "neutral")
    labels[(labels == "neutral") & (frame["mentions"] > 1.3).to_numpy()] = "positive"
    for train, test in _folds(groups, 5):
        assert not set(groups[train]) & set(groups[test])  # an event is never split
    oof = nested_cross_validate(frame, labels, groups, (1.0,))
    assert oof["portrayal_label"].notna().all() and len(oof) == n
    scores = portrayal_scores(labels, oof["portrayal_label"], -oof["portrayal"])
    assert scores["auc"] > 0.9  # the worst mention decides here, and CV finds it
    assert scores["per_class"]["negative"]["f1"] > 0.7


# ----------------------------------------------------------------- through the pipeline

ARTICLES = [
    {
        "id": "t1",
        "title": "Voss accused of stealing city funds",
        "outlet": "Test Wire",
        "text": (
            "Mayor Harlan Voss stole the pension savings of city workers, auditors said on "
            "Monday. Voss claimed the audit was a fabrication.\n\n"
            "Councillor Ana Reyes noted that the city had recovered most of the money. "
            "Reyes praised the auditors for their careful work."
        ),
    },
    {
        "id": "t2",
        "title": "City council passes budget",
        "outlet": "Test Wire",
        "text": (
            "The city council passed the budget on Tuesday. Councillor Ana Reyes said the "
            "plan would fund new schools.\n\nMayor Harlan Voss did not comment."
        ),
    },
]


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("basil-like")
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as handle:
        for article in ARTICLES:
            handle.write(json.dumps(article) + "\n")
    gold = [
        {"id": "t1", "entity": "Harlan Voss", "author_feeling": "neg", "triplet": "e1"},
        {"id": "t1", "entity": "Ana Reyes", "author_feeling": "pos", "triplet": "e1"},
        {"id": "t2", "entity": "Ana Reyes", "author_feeling": "neu", "triplet": "e2"},
        {"id": "t2", "entity": "Water Act", "author_feeling": "neu", "triplet": "e2"},
    ]
    with (folder / "gold.jsonl").open("w", encoding="utf-8") as handle:
        for record in gold:
            handle.write(json.dumps(record) + "\n")
    from analysis.pipeline import run_analysis

    return folder, run_analysis([folder / "articles.jsonl"])


def test_pipeline_writes_portrayal_columns_and_evidence(small_corpus):
    _, result = small_corpus
    sentiment = result.tables["actor_sentiment"]
    for column in ("polarity", "portrayal", "portrayal_label"):
        assert column in sentiment.columns
    scored = sentiment[sentiment["portrayal"].notna()]
    assert len(scored) == len(sentiment)  # every actor with a mention gets a portrayal
    assert scored["portrayal"].between(-1, 1).all()
    assert set(scored["portrayal_label"]) <= {"negative", "neutral", "positive"}
    signals = result.tables["portrayal_signals"]
    assert list(signals.columns) == PORTRAYAL_COLUMNS
    merged = sentiment.merge(signals, on=["article_id", "actor"], suffixes=("", "_s"))
    assert (merged["portrayal"] == merged["portrayal_s"]).all()
    texts = {a.id: a.text for a in result.articles}
    evidence = result.tables["portrayal_evidence"]
    assert {"mention", "cue"} <= set(evidence["kind"])
    for row in evidence.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
    voss = evidence[(evidence["actor"].str.contains("Voss")) & (evidence["kind"] == "cue")]
    assert "claimed" in set(voss["text"])  # the distancing cue behind his score


def test_actors_table_takes_the_mean_of_article_portrayals(small_corpus):
    _, result = small_corpus
    sentiment = result.tables["actor_sentiment"]
    actors = result.tables["actors"].set_index("actor")
    for actor, rows in sentiment.groupby("actor"):
        assert actors.loc[actor, "portrayal_n"] == len(rows)
        assert actors.loc[actor, "portrayal_mean"] == pytest.approx(
            rows["portrayal"].mean(), abs=1e-4
        )


def test_eval_portrayal_on_a_small_folder(small_corpus, tmp_path):
    from analysis.eval_portrayal import evaluate_portrayal, format_report

    folder, _ = small_corpus
    out = tmp_path / "predictions.jsonl"
    result = evaluate_portrayal(folder, out, cross_validated=False)
    assert result["records"] == 4 and result["matched"] == 3  # "Water Act" is no actor
    assert result["coverage"] == pytest.approx(0.75)
    assert result["model_all"]["n"] == 4 and result["model"]["n"] == 3
    assert result["in_sample"] is False
    text = format_report(result)
    assert "coverage 0.750" in text and "always neutral" in text
    predictions = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(predictions) == 4
    assert predictions[3]["actor"] is None and predictions[3]["predicted"] is None


def test_eval_portrayal_cli_wants_a_folder(tmp_path, capsys):
    from analysis.cli import main

    assert main(["eval", "portrayal", "--data", str(tmp_path)]) == 2
    assert "articles.jsonl and gold.jsonl" in capsys.readouterr().err
