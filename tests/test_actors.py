"""The actors layer: mentions under one canonical name, camps, roles, and the tables."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from analysis import actors as actors_module
from analysis.actors import (
    MENTION_COLUMNS,
    Mention,
    Quoted,
    actor_at,
    actors_table,
    find_mentions,
    link_across_articles,
    load_aliases,
    mentions_table,
    quoted_records,
    speaker_actors,
)
from analysis.config import EXAMPLES_DIR
from analysis.ingest import make_article, read_articles
from analysis.nlp import Parser

HERE = Path(__file__).resolve().parent / "data" / "actors"
MINIMAL = HERE / "minimal.csv"
OVERRIDE = HERE / "override.csv"


@pytest.fixture(scope="module")
def minimal():
    return load_aliases(MINIMAL, include_default=False)


@pytest.fixture(scope="module")
def default_aliases():
    return load_aliases()


def at(mentions, text, nth=0):
    """The nth mention written exactly as `text`."""
    hits = [m for m in mentions if m.text == text]
    assert len(hits) > nth, f"no mention {text!r} (#{nth}) in {[m.text for m in mentions]}"
    return hits[nth]


# --------------------------------------------------------------------- the alias table


def test_default_table_reads_and_knows_the_seed_actors(default_aliases):
    assert default_aliases.actor_row("Dmitry Peskov").camp == "Russia"
    kiev = [r for r in default_aliases.rows if r.pattern == "Kiev"][0]
    assert (kiev.actor, kiev.camp, kiev.type) == ("Ukraine", "Ukraine", "place")
    assert all(r.type in actors_module.ROW_TYPES for r in default_aliases.rows)


def test_pattern_words_are_the_tokenizers_on_every_shipped_pattern(default_aliases):
    """The chunk-by-chunk shortcut splits every shipped pattern (and tricky ones of my
    own) exactly as spaCy's English tokenizer does."""
    from analysis.actors.aliases import _pattern_tokens, _tokenizer
    from analysis.actors.base import norm_text

    def tokenizer_words(pattern):
        return tuple(norm_text(t.text) for t in _tokenizer()(pattern.strip()) if not t.is_space)

    patterns = [row.pattern for row in default_aliases.rows]
    patterns += [
        "U.S. Rep. Beto O’Rourke",
        "cannot  Im gonna",
        " Ocasio-Cortez, Alexandria (AOC) ",
        "the White House's",
        "Nancy\tPelosi",
    ]
    assert len(patterns) > 5000
    for pattern in patterns:
        assert _pattern_tokens(pattern) == tokenizer_words(pattern), pattern
    assert _pattern_tokens("cannot") == ("can", "not")  # an exception is still split


def test_missing_project_table_gives_an_empty_table(monkeypatch, tmp_path):
    monkeypatch.setattr(actors_module, "DEFAULT_ALIASES", tmp_path / "absent.csv")
    assert len(load_aliases(packs=())) == 0


def test_user_table_comes_first_and_extends_the_default():
    table = load_aliases(OVERRIDE)
    assert table.rows[0].pattern == "Daniel Reyes"
    assert table.actor_row("Dmitry Peskov") is not None  # default rows still there
    kyiv = [r for r in table.rows if r.pattern == "Kyiv"]
    assert kyiv[0].actor == "Kyiv City Council"


def test_bad_type_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("pattern,actor,camp,type,note\nX,X,,wizard,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="wizard"):
        load_aliases(bad, include_default=False)


# ----------------------------------------------------------------- the entity ruler


def test_table_corrects_spacy_tags_on_capitals(mentions_of, minimal):
    found = mentions_of("Kiev denied the report. Kyiv said it was false.", minimal)
    assert at(found, "Kiev").actor == "Ukraine"
    assert at(found, "Kyiv").actor == "Ukraine"
    assert {m.camp for m in found if m.text in ("Kiev", "Kyiv")} == {"Ukraine"}


def test_group_nouns_take_the_camp_of_their_state(mentions_of, minimal):
    found = mentions_of(
        "US officials said the talks had stalled. Ukrainian forces advanced near the river.",
        minimal,
    )
    officials = at(found, "US officials")
    assert (officials.type, officials.camp, officials.role) == ("group", "United States", "agent")
    forces = at(found, "Ukrainian forces")
    assert (forces.type, forces.camp) == ("group", "Ukraine")


def test_demonstrators_are_a_group_as_protesters_are(mentions_of, minimal):
    found = mentions_of(
        "Demonstrators marched along the street and chanted slogans. Protesters and "
        "rioters clashed with police.",
        minimal,
    )
    groups = {m.actor for m in found if m.type == "group"}
    assert {"demonstrators", "protesters", "rioters"} <= groups


def test_the_union_refers_back_to_the_named_union(mentions_of, minimal):
    found = mentions_of(
        "The Harbour Workers' Union called a strike on Monday. The union said pay had "
        "fallen for three years.",
        minimal,
    )
    union = at(found, "The union")
    assert union.actor == "Harbour Workers' Union"
    assert union.resolution == "nominal"


def test_a_person_named_like_a_capital_stays_a_person(mentions_of, default_aliases):
    found = mentions_of(
        "Historians said George Washington never lived there. Washington said no.",
        default_aliases,
    )
    assert at(found, "George Washington").type == "person"
    assert at(found, "Washington").actor == "George Washington"


def test_a_town_tagged_as_a_person_is_a_place_where_it_is_one_elsewhere(
    mentions_of, default_aliases
):
    # spaCy tags the second and third "Dunmore" PERSON; "Dunmore, Pa." says it is a town.
    found = mentions_of(
        "The police chief of Dunmore, Pa., resigned on Monday. Dunmore has endured a week "
        "of protests since the shooting, and Dunmore's leaders asked for calm.",
        default_aliases,
    )
    town = at(found, "Dunmore")
    assert (town.type, town.resolution) == ("state", "metonymy")  # it acts: "has endured"
    assert not [m for m in found if m.type == "person"]
    # ... but a surname of a person named in full stays the person's
    found = mentions_of(
        "Historian Niall Ferguson spoke in Ferguson, Mo., on Friday. Ferguson said the "
        "town deserved better.",
        default_aliases,
    )
    assert {m.actor for m in found if m.text == "Ferguson"} == {"Niall Ferguson"}


def test_nationality_adjective_stands_for_the_state(mentions_of, minimal):
    found = mentions_of("A Ukrainian drone crashed near the village.", minimal)
    drone = at(found, "Ukrainian")
    assert (drone.actor, drone.camp, drone.resolution) == ("Ukraine", "Ukraine", "nationality")


def test_nationality_adjective_on_geography_is_no_actor(mentions_of, minimal):
    found = mentions_of("The drones flew over Russian territory for an hour.", minimal)
    assert not [m for m in found if m.text == "Russian"]


def test_capital_as_agent_is_its_government(mentions_of, minimal):
    found = mentions_of("Moscow reserves the right to respond.", minimal)
    moscow = at(found, "Moscow")
    assert (moscow.actor, moscow.camp, moscow.role) == ("Russia", "Russia", "agent")
    assert moscow.resolution == "metonymy"


def test_capital_as_a_place_stays_a_place(mentions_of, minimal):
    found = mentions_of("Officials in Moscow said the roads were closed.", minimal)
    assert not [m for m in found if m.text == "Moscow"]


def test_capital_as_possessor_is_its_government(mentions_of, minimal):
    found = mentions_of("The adviser denied Kiev's involvement in the attack.", minimal)
    kiev = at(found, "Kiev")
    assert (kiev.actor, kiev.role) == ("Ukraine", "possessor")


# ------------------------------------------------------------------ one actor per referent


def test_full_name_surname_and_pronoun_are_one_actor(mentions_of, minimal):
    found = mentions_of(
        "Mr Tomas Weller, the harbour master, spoke on Monday. Weller said the port would "
        "reopen. He added that no ship had been damaged.",
        minimal,
    )
    assert at(found, "Weller").actor == "Tomas Weller"
    he = at(found, "He")
    assert (he.actor, he.resolution) == ("Tomas Weller", "pronoun")


def test_a_surname_the_tagger_left_out_is_part_of_the_name(mentions_of, minimal):
    """spaCy tags "Sally" alone in "Attorney General Sally Yates telling ...": the
    untagged surname heading the phrase belongs to the name, so there is no actor
    "Sally"."""
    found = mentions_of(
        "Dowd said the tweet was referring to then-acting Attorney General Sally Yates "
        "telling the counsel in January that Flynn had lied.",
        minimal,
    )
    assert at(found, "Sally Yates").actor == "Sally Yates"
    assert "Sally" not in {m.actor for m in found}


def test_role_noun_refers_to_the_named_person(mentions_of, minimal):
    found = mentions_of(
        "Government spokesman Karl Basse said the bridge was safe. The spokesman added "
        "that repairs would start soon.",
        minimal,
    )
    assert at(found, "The spokesman").actor == "Karl Basse"


def test_age_nominal_refers_to_the_person_just_named(mentions_of, minimal):
    found = mentions_of(
        "Gustav Reim, the union's leader, was unmoved. The 54-year-old, who spent twenty "
        "years in the hall, said he would not sign.",
        minimal,
    )
    assert at(found, "The 54-year-old").actor == "Gustav Reim"


def test_government_noun_with_a_capital_is_the_state(mentions_of):
    table = load_aliases()
    found = mentions_of(
        "The regime in Tessary has refused to open the building. The regime's energy "
        "minister said it was unsafe.",
        table,
    )
    assert at(found, "regime in Tessary").actor == "Kestrel Republic"
    assert at(found, "The regime").actor == "Kestrel Republic"


def test_possessed_role_noun_speaks_for_its_organisation(mentions_of, minimal):
    text = (
        "The International Commission for Shared Waters began work on Saturday. "
        "The commission's spokesman said the inspectors had full access."
    )
    span = (text.index("The commission"), text.index(" said"))
    found = mentions_of(text, minimal, speaker_spans=[span])
    assert actor_at(found, *span).actor == "International Commission for Shared Waters"


def test_actor_at_falls_back_to_the_resolved_name(mentions_of, minimal):
    text = 'Anna Berg spoke first. "I wrote to them in October," she said.'
    found = mentions_of(text, minimal)
    k = text.index("I wrote")
    assert actor_at(found, k, k + 1) is None
    assert actor_at(found, k, k + 1, name="Anna Berg").actor == "Anna Berg"


def test_actor_at_takes_a_name_the_resolved_phrase_opens_with(mentions_of, minimal):
    """ "Vanity Fair magazine, which estimated ...": the speaker resolved to the phrase
    "Vanity Fair magazine"; its actor is the name it opens with, written just before."""
    text = "The reading was panned by Vanity Fair magazine, which estimated its cost."
    found = mentions_of(text, minimal)
    k = text.index("which")
    name = "Vanity Fair magazine"
    assert actor_at(found, k, k + 5) is None
    assert actor_at(found, k, k + 5, name=name).actor == "Vanity Fair"
    assert actor_at(found, k, k + 5, name="Fair magazine") is None


def test_a_relation_after_a_possessive_is_someone_else(mentions_of, minimal):
    """ "Many of Ms. Tlaib's new colleagues", "One of Mr. Santorum's rivals for the
    nomination": not Tlaib, not Santorum (the relation need not end the phrase);
    "Trump's old friend Roger Stone" is Stone."""
    text = (
        "Rashida Tlaib spoke on Friday. Many of Ms. Tlaib's new colleagues expressed "
        "sympathy. Rick Santorum campaigned. One of Mr. Santorum's rivals for the "
        "nomination scoffed. Donald Trump's old friend Roger Stone laughed."
    )
    found = mentions_of(text, minimal)
    for phrase in (
        "Many of Ms. Tlaib's new colleagues",
        "One of Mr. Santorum's rivals for the nomination",
    ):
        k = text.index(phrase)
        assert actor_at(found, k, k + len(phrase), name=phrase) is None
    phrase = "Donald Trump's old friend Roger Stone"
    k = text.index(phrase)
    assert actor_at(found, k, k + len(phrase), name=phrase).actor == "Roger Stone"
    from analysis.actors.roles import _someone_else

    assert not _someone_else("a spokesman for American Media, the Enquirer's parent company")


def test_its_after_a_role_noun_is_that_organisation(mentions_of, minimal):
    found = mentions_of(
        "The International Commission for Shared Waters arrived. Ukraine promised access. "
        "On Sunday the commission said its team had found nothing.",
        minimal,
    )
    assert at(found, "its").actor == "International Commission for Shared Waters"


def test_they_does_not_stand_for_one_state(mentions_of, minimal):
    found = mentions_of(
        "Ukraine said the fragments were fake. He said they would be tested.", minimal
    )
    assert not [m for m in found if m.text == "they"]


def test_same_canonical_name_across_articles():
    a = Mention("a", 0, 11, "Oskar Brenn", "Oskar Brenn", "Kestrel", "person", "agent", "name")
    b = Mention("b", 0, 5, "Brenn", "Brenn", None, "person", "agent", "name")
    linked = link_across_articles([a, b])
    assert linked[1].actor == "Oskar Brenn"
    assert linked[1].camp == "Kestrel"


# --------------------------------------------------------------------- camp inference


def test_camp_through_a_possessor(mentions_of, minimal):
    found = mentions_of("Putin's spokesman Dmitry Peskov said the attack had failed.", minimal)
    assert at(found, "Dmitry Peskov").camp == "Russia"


def test_a_lawyer_or_associate_is_not_in_the_camp_of_the_one_they_serve(mentions_of, minimal):
    """ "Putin's spokesman" is in Russia's camp; "Putin's lawyer" and "Putin's
    associate" are not (they work for him, they are not his side); a state's attorney
    keeps the state ("US Attorney ...")."""
    found = mentions_of(
        "Putin's lawyer, Anton Brenner, said the case was weak. His associate Oleg Marin "
        "agreed. US Attorney Dana Holt disagreed.",
        minimal,
    )
    assert {m.camp for m in found if "Putin" in m.actor} == {"Russia"}
    assert at(found, "Anton Brenner").camp is None
    assert at(found, "Oleg Marin").camp is None
    assert at(found, "Dana Holt").camp == "United States"


def test_the_organisation_a_director_is_of_outranks_the_place_of_the_job(mentions_of, minimal):
    """ "Ben Wikler, the Washington director of MoveOn.org": the organisation (its web
    address tagged as a number) is his camp, not the United States of "Washington"."""
    found = mentions_of(
        "“Voters are furious,” said Ben Wikler, the Washington director of MoveOn.org.",
        minimal,
    )
    assert "MoveOn.org" in {m.actor for m in found}
    assert at(found, "Ben Wikler").camp == "MoveOn.org"


def test_a_lone_first_name_is_not_someone_named_in_another_article():
    """ "his hometown of Hope" in one article is not Hope Hicks of another; a surname
    still is (see `test_same_canonical_name_across_articles`)."""
    a = Mention("a", 0, 10, "Hope Hicks", "Hope Hicks", None, "person", "agent", "name")
    b = Mention("b", 0, 4, "Hope", "Hope", None, "person", "agent", "name")
    linked = link_across_articles([a, b])
    assert linked[1].actor == "Hope"


def test_camp_through_a_title(mentions_of, minimal):
    found = mentions_of(
        "US Secretary of State Antony Blinken said he had seen the reports.", minimal
    )
    blinken = at(found, "Antony Blinken")
    assert blinken.camp == "United States"
    assert not [m for m in found if m.text == "State"]  # "Secretary of State" is a title


def test_camp_through_a_possessive_state(mentions_of, minimal):
    found = mentions_of(
        "Ukraine's presidential adviser Mykhailo Podolyak denied any involvement.", minimal
    )
    assert at(found, "Mykhailo Podolyak").camp == "Ukraine"


def test_camp_through_its_organisation(mentions_of, minimal):
    found = mentions_of(
        "The Harbour Board met on Tuesday. Its chief executive, Daniel Reyes, said the "
        "port was safe.",
        minimal,
    )
    assert at(found, "Daniel Reyes").camp == "Harbour Board"


def test_camp_through_a_nationality_title(mentions_of, minimal):
    found = mentions_of("Russian Foreign Minister Sergei Lavrov said the talks were over.", minimal)
    assert at(found, "Sergei Lavrov").camp == "Russia"


def test_camp_through_an_of_phrase(mentions_of, minimal):
    found = mentions_of(
        "Nadia Ferrow, director of the environmental group Open Rivers Trust, said the "
        "river was polluted.",
        minimal,
    )
    assert at(found, "Nadia Ferrow").camp == "Open Rivers Trust"


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "Putin's fiercest critic Alexei Navalny said the vote was rigged. Mr Ivan Popov, "
            "the presumed Putin favourite, said nothing.",
            ["Alexei Navalny", "Ivan Popov"],
        ),
        # An alma mater or a home town says where someone has been, not whose side they
        # are on ("a graduate of Georgetown University" made an FBI agent's camp a
        # university on BASIL).
        (
            "Mr. Ivo Marek, 48, a graduate of Corvin University, served in the army. "
            "Lena Osk, a native of Tarrow County and a veteran of the Vale Party's campaigns, "
            "spoke last.",
            ["Ivo Marek", "Lena Osk"],
        ),
        # Kin are no affiliation: a governor's son organised against his father's bill.
        ("Putin's son Ivan Petrov said the vote was rigged.", ["Ivan Petrov"]),
        # An organisation the parser compounds onto a name without a title between is
        # not the person's ("... The New York Times show Trump Jr. arranged ...").
        (
            "Leaked emails published by The New York Times show Trump Jr. arranged the meeting.",
            ["Trump Jr."],
        ),
    ],
    ids=["critic-favourite", "graduate-native-veteran", "kin", "no-title-between"],
)
def test_relations_are_not_camps(mentions_of, minimal, text, names):
    found = mentions_of(text, minimal)
    for name in names:
        assert at(found, name).camp is None


def test_camp_through_an_organisation_and_its_title(mentions_of, minimal):
    found = mentions_of(
        "Sierra Club executive director Michael Brune said the vote was rigged. CNN "
        "contributor Tomas Weller agreed.",
        minimal,
    )
    assert at(found, "Michael Brune").camp == "Sierra Club"
    assert at(found, "Tomas Weller").camp == "CNN"


def test_unknown_camp_stays_empty(mentions_of, minimal):
    found = mentions_of("Anna Berg said the water was clean.", minimal)
    assert at(found, "Anna Berg").camp is None


def test_table_overrides_inference(mentions_of):
    table = load_aliases(OVERRIDE, include_default=False)
    found = mentions_of(
        "The Port Authority met on Tuesday. Its chief executive, Daniel Reyes, said the "
        "port was safe.",
        table,
    )
    assert at(found, "Daniel Reyes").camp == "Harbour Board"


def test_outlets_spacy_takes_for_persons_are_one_organisation(mentions_of, default_aliases):
    """The alias table's outlet rows: the old and new name of an outlet are one actor,
    an organisation, whatever type spaCy gives the name."""
    found = mentions_of(
        "Senator Mara Quill told the Huffington Post that the bill was dead. HuffPost "
        "later reported that she had changed her mind.",
        default_aliases,
    )
    outlets = [m for m in found if m.actor == "HuffPost"]
    assert [m.text for m in outlets] == ["Huffington Post", "HuffPost"]
    assert {m.type for m in outlets} == {"organisation"}


def test_a_party_organisation_keeps_its_place_and_party_word(mentions_of, default_aliases):
    """spaCy tags "Oregon" and "State Committee" apart and leaves "Republican" out: the
    organisation takes both back, and its own party word gives its camp."""
    found = mentions_of(
        "Federal investigators subpoenaed the Oregon Republican State Committee on Friday. "
        "The Ohio Democratic Party endorsed the measure on Tuesday.",
        default_aliases,
    )
    committee = at(found, "Oregon Republican State Committee")
    assert (committee.type, committee.camp, committee.camp_source) == (
        "organisation",
        "Republican Party",
        "text",
    )
    party = at(found, "Ohio Democratic Party")
    assert (party.actor, party.camp) == ("Ohio Democratic Party", "Democratic Party")


def test_a_local_chapter_of_a_party_group_keeps_its_party(mentions_of, default_aliases):
    """ "Tulsa Tea Party" ends on the table's "Tea Party" (Republican Party): a chapter,
    not a camp of its own; a state's department keeps no federal camp."""
    found = mentions_of(
        "Members of the Tulsa Tea Party rallied outside the courthouse on Saturday. "
        "The Oregon Justice Department declined to comment. The Omaha Tea Party "
        "Coalition did not.",
        default_aliases,
    )
    chapter = at(found, "Tulsa Tea Party")
    assert (chapter.actor, chapter.camp) == ("Tulsa Tea Party", "Republican Party")
    assert at(found, "Omaha Tea Party Coalition").camp == "Republican Party"
    assert all(m.camp != "United States" for m in found if "Oregon" in m.text)


def test_a_kin_noun_speaker_is_not_the_possessive_person():
    """ "His wife said": the wife speaks, not the man "His" names; an aide or a
    spokesman speaks for the principal, and a group's members are the group."""
    from analysis.actors import actor_at

    him = Mention("t", 0, 3, "His", "Tomas Brel", None, "person", "speaker", "pronoun")
    assert actor_at([him], 0, 8, name="His wife") is None
    assert actor_at([him], 0, 11, name="His critics") is None
    assert actor_at([him], 0, 9, name="His aides") is him
    party = Mention("t", 0, 9, "Tea Party", "Tea Party", None, "group", "speaker", "name")
    assert actor_at([party], 0, 17, name="Tea Party members") is party


def test_names_the_tagger_got_wrong_on_basil(mentions_of, default_aliases):
    """Tags read off BASIL's actor list: a club tagged as a person is an organisation, a
    park is no one, two table actors joined by "&" are two, a party adjective is no
    body, a title's words are no organisation, and a name after its role ("Strzok
    attorney Aitan Goelman") is a person whatever the tag."""
    found = mentions_of(
        "The attack took place at Eugene Simpson Stadium Park. The Safari Club sent out a "
        "call to arms. The list of bad players in the FBI & DOJ gets longer. It hurt "
        "Trump's Democratic rival, Hillary Clinton. Former National Security Adviser "
        "Michael Flynn pleaded guilty. Rep. Ralph Hall spoke.\n\nStrzok attorney Aitan "
        "Goelman said in a statement Monday that his client was fired. Goelman said so.",
        default_aliases,
    )
    by_text = {m.text: m for m in found}
    assert by_text["Safari Club"].type == "organisation"
    assert not any("Stadium" in m.text for m in found)
    assert by_text["FBI"].actor == "FBI" and by_text["DOJ"].actor == "Justice Department"
    assert not any(m.text in ("Democratic", "National Security") for m in found)
    assert by_text["Ralph Hall"].type == "person"  # a surname that is also a place word
    goelman = [m for m in found if "Goelman" in m.text]
    assert [(m.actor, m.type) for m in goelman] == [("Aitan Goelman", "person")] * 2
    assert at(found, "his").actor == "Aitan Goelman"


def test_a_subject_pronoun_is_not_a_person_named_in_its_own_clause(mentions_of, default_aliases):
    """ "He called Steele's comments unacceptable": "He" is not Steele, whom the clause
    names (a pronoun never stands before a name it governs); nor is "he" Flynn in "he
    would have known Flynn lied"."""
    found = mentions_of(
        "Michael Steele spoke on Friday. Rep. Mike Pence said Steele needs to refocus. He "
        "called Steele's comments unacceptable. Michael Flynn lied to agents, and Donald "
        "Trump fired him. According to the tweet, he would have known Flynn lied.",
        default_aliases,
    )
    assert at(found, "He").actor == "Mike Pence"
    assert at(found, "he").actor == "Donald Trump"


def test_an_unknown_one_word_name_that_only_modifies_a_noun_is_no_one(mentions_of, default_aliases):
    """ "a retired four-star Marine general", "the Florissant campus": a one-word tag
    that only modifies a noun and that nobody in the article or the tables bears is
    no person; "the Weiner laptop" after "Mr. Weiner's laptop" and "the Obama
    administration" stay."""
    found = mentions_of(
        "Mr. Mattis, a retired four-star Marine general, was rebuffed. Holder met leaders "
        "at the Florissant campus of the college. Agents searched Mr. Weiner's laptop; the "
        "Weiner laptop held the emails. The Obama administration said nothing.",
        default_aliases,
    )
    people = {m.text for m in found if m.type == "person"}
    assert not people & {"Marine", "Florissant"}
    assert [m.text for m in found if "Weiner" in m.text] == ["Weiner", "Weiner"]
    assert at(found, "Obama administration").type == "organisation"


def test_an_unknown_name_with_a_possessive_can_be_a_company(mentions_of, default_aliases):
    """ "Salesforce's Marc Benioff": a company's person, so the company; "Angie's List": a
    company's name; "Trump's Twitter account" stays Trump's (a person the pack knows)."""
    found = mentions_of(
        "Apple chief Tim Cook called the law dangerous, while Salesforce's Marc Benioff "
        "canceled the company's events. Nine companies, including Angie's List, sent a "
        "letter. Donald Trump's Twitter account was busy.",
        default_aliases,
    )
    by_text = {m.text: m for m in found}
    assert by_text["Salesforce"].type == "organisation"
    assert by_text["Marc Benioff"].type == "person"
    assert by_text["Angie's List"].type == "organisation"
    assert not any(m.text == "Angie" for m in found)
    assert by_text["Donald Trump"].type == "person"


def test_a_name_followed_by_its_state_is_a_town(mentions_of, default_aliases):
    """ "his hometown of Hope, Arkansas": a town the tagger took for a person; "Sen.
    Elizabeth Warren, D-Mass." and "Johnson, Texas' governor" stay people."""
    found = mentions_of(
        "Mike Huckabee made the announcement in his hometown of Hope, Arkansas. Sen. "
        "Elizabeth Warren, D-Mass., spoke. Johnson, Texas' governor, agreed.",
        default_aliases,
    )
    people = {m.text for m in found if m.type == "person"}
    assert "Hope" not in people
    assert {"Mike Huckabee", "Elizabeth Warren", "Johnson"} <= people


def test_a_former_member_does_not_speak_for_the_organisation(mentions_of, default_aliases):
    """ "A former NSA official told reporters": not the NSA's voice, as "an NSA official"
    is; "Former FBI Director James Comey" is still Comey; "ex-FBI" names the FBI."""
    from analysis.actors import actor_at

    text = (
        "A former NSA official told reporters the program was wide. An NSA official said "
        "it was legal. Former FBI Director James Comey said it was needed. An ex-FBI "
        "agent said it was wrong."
    )
    found = mentions_of(text, default_aliases, speaker_spans=[(0, 21), (59, 74)])

    def speaker(phrase: str, nth: int = 0):
        start = [i for i in range(len(text)) if text.startswith(phrase, i)][nth]
        return actor_at(found, start, start + len(phrase), name=phrase)

    assert speaker("A former NSA official") is None
    assert speaker("An NSA official").actor == "National Security Agency"
    assert speaker("Former FBI Director James Comey").actor == "James Comey"
    assert speaker("An ex-FBI agent") is None
    assert at(found, "FBI", 1).actor == "FBI"  # not an organisation "ex-FBI"
    assert at(found, "NSA").role != "speaker" and at(found, "NSA", 1).role == "speaker"


def test_a_given_name_overrules_a_pronoun_that_was_someone_elses(mentions_of, default_aliases):
    """ "Dick Cheney's two daughters ... her older sister": the first "her" after
    Dick Cheney is not his; his given name says he is a man, so "her" is Mary's."""
    found = mentions_of(
        "Mary Cheney, one of former Vice President Dick Cheney's two daughters, has "
        "taken to Facebook to blast her older sibling. Nobody answered.",
        default_aliases,
    )
    assert at(found, "her").actor == "Mary Cheney"


def test_a_they_opening_a_sentence_continues_the_subject_before(mentions_of, default_aliases):
    """ "Republican senators rose to voice concerns about federal workers. They swore
    ...": the senators swore, not the workers named last; a party word makes the
    senators a party group as it does lawmakers."""
    found = mentions_of(
        "Republican senators rose one by one to voice concerns about the effect on "
        "federal workers. They swore they would never stand by another shutdown.",
        default_aliases,
    )
    senators = at(found, "Republican senators")
    assert (senators.type, senators.camp) == ("group", "Republican Party")
    assert at(found, "They").actor == "Republican senators"
    coordinated = mentions_of(
        "Kestrel Holdings and Ulvane Hydro criticised the unions. They said talks had failed.",
        default_aliases,
    )
    assert not [m for m in coordinated if m.text == "They"]


def _linked(found, text, nth=0):
    return [m.actor for m in found if m.text == text][nth]


@pytest.mark.parametrize(
    ("text", "pronoun", "nth", "actor"),
    [
        # the subject of a clause the pronoun stands in, over a speaker quoted before
        (
            "“My vote will be no,” Mr. Halvorsen said. Judge Ondrej Maly must win eight "
            "votes to break a filibuster — a threshold he is not on track to meet.",
            "he",
            0,
            "Ondrej Maly",
        ),
        # not the subject of a clause that does not hold the pronoun
        (
            "Mr. Tomas Brel said on Sunday that Mr. Karel Vik was wrong, and he promised "
            "a vote on the plan.",
            "he",
            0,
            "Tomas Brel",
        ),
        # an object pronoun is never its own verb's subject
        (
            "“We won,” Mr. Petr Dvorak said. Mr. Dvorak toppled Mr. Jan Salek, repeatedly "
            "criticizing him for being soft.",
            "him",
            0,
            "Jan Salek",
        ),
        # ... but "asked members to join him": the members join, so him is the asker
        (
            "Mr. Petr Dvorak sent a note on Saturday. In the note, Mr. Dvorak asked members "
            "to join him for a call.",
            "him",
            0,
            "Petr Dvorak",
        ),
        # a pronoun inside a question put to someone is the one asked, not the asker
        (
            "Mr. Karel Vik spoke in Prague. Journalist Mr. Tomas Brel asked Mr. Vik after the "
            "speech whether invoking the old treaty might make him look backward.",
            "him",
            0,
            "Karel Vik",
        ),
        # ... but not in a request ("asked Brel to talk to Vik about ... if he would")
        (
            "Mr. Karel Vik spoke in Prague. Mr. Vik asked Mr. Tomas Brel to call Mr. Jan "
            "Salek about whether he would run.",
            "he",
            0,
            "Karel Vik",
        ),
        # a pronoun whose own sentence names no person continues the subject of the
        # sentence before, over a speaker quoted further back
        (
            "“We won,” Mr. Petr Dvorak said. Mr. Karel Vik remained in the hospital on "
            "Thursday. Doctors said his condition was critical but improving.",
            "his",
            0,
            "Karel Vik",
        ),
        # a pronoun opening its sentence continues the subject before
        (
            "Mr. Karel Vik told a story about Mr. Tomas Brel. And he then added a line.",
            "he",
            0,
            "Karel Vik",
        ),
    ],
)
def test_a_singular_pronoun_follows_the_parse(
    mentions_of, default_aliases, text, pronoun, nth, actor
):
    """he/she/him/his/her resolved by the parse before the nearest-person rule, where
    the one who spoke last used to win (BASIL's versions of these cases are in
    tests/data/actors/basil_pronouns.csv)."""
    quoted = [m for m in re.finditer(r"Mr\. (?:Halvorsen|Petr Dvorak)(?= said)", text)]
    spans = [(m.start(), m.end()) for m in quoted]
    found = mentions_of(text, default_aliases, speaker_spans=spans)
    assert _linked(found, pronoun, nth) == actor


def test_a_thing_before_a_name_is_no_title_of_it(mentions_of, minimal):
    """ "the deal President Tomas Brel struck", "a term Brel also used": the parser
    compounds the noun onto the name, but a deal or a term is no title, so "the deal"
    and "the term" later are nobody; "The news that ..." is not Fox News."""
    found = mentions_of(
        "Mr. Tomas Brel spoke on Monday. Unions will vote on the deal President Tomas Brel "
        "struck with employers. Critics said the deal was poor. Ms. Ada Renn avoided a term "
        "Brel also used. She said the term was vague. Fox News reported the vote on Monday. "
        "The news that Mr. Brel will leave surprised many.",
        minimal,
    )
    texts = {m.text for m in found}
    assert not texts & {"the deal", "the term", "The news"}
    assert "Fox News" in texts


def test_a_body_is_never_its_chairman(mentions_of, minimal):
    """ "Committee Chairman Rep. Tomas Brel ... the committee learned": the title gives
    Brel the role word "committee", but "the committee" is the body, not him."""
    found = mentions_of(
        "Committee Chairman Rep. Tomas Brel, R-S.C., made the request in a letter sent "
        "Tuesday. Brel said Friday that the committee learned of the deletions.",
        minimal,
    )
    assert not [m for m in found if m.text == "the committee" and m.actor == "Tomas Brel"]


def test_a_role_noun_subject_takes_the_holder_named_in_its_sentence(mentions_of, minimal):
    """ "Republican Gov. Karel Vik have been defending the act ever since the governor
    signed it": Vik, named with the role in the same sentence, not the governor quoted
    before (a recent speaker is preferred otherwise)."""
    text = (
        "“We oppose this law,” Gov. Tomas Brel said on Monday. But state lawmakers and "
        "Republican Gov. Karel Vik have been defending the act ever since the governor "
        "signed it into law on Thursday."
    )
    start = text.index("Tomas Brel")
    found = mentions_of(text, minimal, speaker_spans=[(start, start + len("Tomas Brel"))])
    assert at(found, "the governor").actor == "Karel Vik"


def test_a_dateline_is_no_actor(mentions_of, default_aliases):
    """ "WASHINGTON ― ..." (HuffPost's dash too), "KANSAS CITY, Mo. — ...": where the
    story was filed, not the United States or Missouri acting."""
    found = mentions_of(
        "WASHINGTON ― Senator Tomas Brel said on Monday that the bill would pass.\n\n"
        "KANSAS CITY, Mo. — Leaders of the union met on Tuesday.\n\n"
        "Washington imposed sanctions on Friday.",
        default_aliases,
    )
    states = [(m.text, m.actor) for m in found if m.type == "state"]
    assert states == [("Washington", "United States")]


def test_a_party_state_tag_the_tagger_split_is_no_place(mentions_of, default_aliases):
    """ "Sen. Rand Paul, R-Ky., said", "Sens. Dick Durbin (Ill.) and ...": the state is
    the senator's, not Kentucky or Illinois acting; the camp still comes from the tag."""
    found = mentions_of(
        "“We had no defense,” Sen. Rand Paul, R-Ky., said on Monday. Sens. Dick Durbin "
        "(Ill.) and Sheldon Whitehouse (R.I.) trashed the idea.",
        default_aliases,
    )
    assert not [m for m in found if m.type == "state"]
    assert at(found, "Rand Paul").camp == "Republican Party"


def test_a_place_that_says_where_is_no_actor(mentions_of, default_aliases):
    """ "a packed Orlando nightclub", "its Indianapolis headquarters", "the Georgetown
    neighborhood": where, not a government acting."""
    found = mentions_of(
        "The massacre at a packed Orlando nightclub shocked the country. The company put "
        "on hold plans to expand its Indianapolis headquarters. He lived in the Georgetown "
        "neighborhood of Washington.",
        default_aliases,
    )
    assert not {"Orlando", "Indianapolis", "Georgetown"} & {m.text for m in found}


def test_a_body_named_after_its_place_is_one_organisation(mentions_of, default_aliases):
    """ "The Miami-Dade County Police Department confirmed ...": spaCy tags "Miami-Dade
    County" as a place and leaves the rest; the actor is the department."""
    found = mentions_of(
        "The Miami-Dade County Police Department confirmed Thursday that the package was found.",
        default_aliases,
    )
    assert [(m.actor, m.type) for m in found] == [
        ("Miami-Dade County Police Department", "organisation")
    ]


def test_a_lower_case_tag_is_no_name_unless_the_table_knows_it(nlp, default_aliases):
    """spaCy tags "pinnacle", "ag", "fed" as organisations now and then ("Reaching that
    pinnacle had seemed close"): a name has a capital, unless the alias table knows the
    word ("members of congress" is Congress)."""
    from spacy.tokens import Span

    text = "Reaching that pinnacle had seemed close, said members of congress."
    article = make_article(text, article_id="t")
    doc = nlp(article.analysis_text())
    words = [t.text for t in doc]
    pinnacle, congress = words.index("pinnacle"), words.index("congress")
    doc.ents = [Span(doc, pinnacle, pinnacle + 1, "ORG"), Span(doc, congress, congress + 1, "ORG")]
    found = find_mentions(article, doc, default_aliases)
    assert [m.text for m in found] == ["congress"]  # named Congress across the corpus


def test_his_or_her_is_no_one(mentions_of, minimal):
    """ "a person's ability to follow his or her religious beliefs", "he or she": a
    generic person, linked to no actor (BASIL's gave "his" to Mike Pence)."""
    found = mentions_of(
        "Mr. Karel Vik said the law protects a person's ability to follow his or her "
        "beliefs. He or she may sue. Mr. Vik said his office would help.",
        minimal,
    )
    linked = [(m.text, m.actor) for m in found if m.resolution == "pronoun"]
    assert linked == [("his", "Karel Vik")]


def test_a_capitalised_noun_with_an_article_is_no_person(mentions_of, default_aliases):
    """ "The career Marine", "a total Hoax": spaCy's one-word persons with an article of
    their own that nobody in the article is named; "an angry Trump" after "Donald
    Trump" and "an emotional Mr. Obama" stay the men."""
    found = mentions_of(
        "Jim Mattis was widely praised. The career Marine was respected on Capitol Hill. "
        "It is a total Hoax, one senator said.",
        default_aliases,
    )
    assert not [m for m in found if m.text in ("Marine", "Hoax")]
    kept = mentions_of(
        "Donald Trump spoke first. An angry Trump lashed out at reporters. “Why?” an "
        "emotional Mr. Obama said.",
        default_aliases,
    )
    assert at(kept, "Trump", 0).actor == "Donald Trump"
    assert [m.text for m in kept if m.text == "Trump"] == ["Trump"]
    assert [m for m in kept if m.text in ("Obama", "Mr. Obama")]


def test_a_party_word_in_a_state_name_gives_no_camp(mentions_of, default_aliases):
    found = mentions_of("The Democratic Republic of the Congo closed its border.", default_aliases)
    assert all(m.camp != "Democratic Party" for m in found)


def test_she_is_no_organisation_named_like_a_person(mentions_of, default_aliases):
    """ "Capitol Police" reads like a two-word name, but "police" is an organisation
    word: "she" is someone else, not the force."""
    found = mentions_of("The Capitol Police said she was detained near the gate.", default_aliases)
    assert [m.text for m in found if m.actor == "Capitol Police"] == ["Capitol Police"]


def test_they_after_a_coordination_is_no_single_actor(mentions_of, default_aliases):
    found = mentions_of(
        "Kestrel Holdings and Ulvane Hydro signed the deal on Monday. They said it would "
        "last a decade.",
        default_aliases,
    )
    assert not [m for m in found if m.text == "They"]
    alone = mentions_of(
        "Ulvane Hydro signed the deal on Monday. They said it would last a decade.",
        default_aliases,
    )
    assert at(alone, "They").actor == "Ulvane Hydro"


def test_an_occupation_before_a_name_is_a_title(mentions_of, minimal):
    found = mentions_of("Historian Alan Brinkley said the archive was incomplete.", minimal)
    assert at(found, "Historian Alan Brinkley").actor == "Alan Brinkley"


# ------------------------------------------------------------------------------ roles


def test_roles_in_the_clause(mentions_of, minimal):
    found = mentions_of("Russia blamed Ukraine for the attack on Putin's residence.", minimal)
    assert at(found, "Russia").role == "agent"
    assert at(found, "Ukraine").role == "patient"
    assert at(found, "Putin").role == "possessor"


def test_speaker_role_and_actor_at(mentions_of, minimal):
    text = "Putin's spokesman Dmitry Peskov said the attack had failed."
    span = (0, text.index(" said"))
    found = mentions_of(text, minimal, speaker_spans=[span])
    assert at(found, "Dmitry Peskov").role == "speaker"
    assert at(found, "Putin").role == "possessor"
    assert actor_at(found, *span).actor == "Dmitry Peskov"
    assert actor_at(found, 200, 210) is None


# ------------------------------------------------------------------------------ the seed


@pytest.fixture(scope="module")
def seed_mentions(nlp, seed_path, default_aliases):
    articles, _ = read_articles([seed_path])
    parsed = next(Parser(nlp).parse(articles))
    return parsed.article, find_mentions(parsed.article, parsed.doc, default_aliases)


def test_seed_actors_and_camps(seed_mentions):
    article, found = seed_mentions
    camps = {}
    for m in found:
        camps.setdefault(m.actor, set()).add(m.camp)
    assert camps["Dmitry Peskov"] == {"Russia"}
    assert camps["Vladimir Putin"] == {"Russia"}
    assert camps["the Kremlin"] == {"Russia"}
    assert camps["Antony Blinken"] == {"United States"}
    assert camps["US officials"] == {"United States"}
    assert camps["Mykhailo Podolyak"] == {"Ukraine"}
    kievs = [k for k in range(len(article.text)) if article.text.startswith("Kiev", k)]
    kievs = [k for k in kievs if article.body_start <= k < article.body_end]
    assert len(kievs) == 3
    for k in kievs:
        covering = [m for m in found if m.start <= k < m.end]
        assert covering and all(m.camp == "Ukraine" for m in covering), k
    assert at(found, "Washington").actor == "United States"  # "Washington had selected"
    assert at(found, "Moscow").role == "agent"  # "Moscow is aware"


def test_seed_he_noted_and_he_added_are_peskov(seed_mentions):
    article, found = seed_mentions
    for cue in ("He further noted", "He added"):
        k = article.text.index(cue)
        he = [m for m in found if m.start == k]
        assert he and he[0].actor == "Dmitry Peskov", cue
        assert he[0].resolution == "pronoun"


def test_seed_boilerplate_gives_no_mentions(seed_mentions):
    article, found = seed_mentions
    assert all(article.body_start <= m.start and m.end <= article.body_end for m in found)


# ---------------------------------------------------------------- the example corpus


def test_example_corpus_actors(nlp, default_aliases):
    articles, _ = read_articles([EXAMPLES_DIR / "articles.jsonl"])
    found = []
    for parsed in Parser(nlp).parse(articles):
        found += find_mentions(parsed.article, parsed.doc, default_aliases)
        for m in found[-5:]:
            assert parsed.article.text[m.start : m.end] == m.text
    by_text = {}
    for m in found:
        by_text.setdefault(m.text, set()).add((m.actor, m.camp))
    assert by_text["Tessary regime"] == {("Kestrel Republic", "Kestrel Republic")}
    assert by_text["Kestrel officials"] == {("Kestrel officials", "Kestrel Republic")}
    assert by_text["Ulvane Hydro"] == {("Ulvane Hydro", "Ulvane Hydro")}
    assert ("Valdoria", "Valdoria") in by_text["Valdor City"]
    assert {a for a, _ in by_text["Brenn"]} == {"Oskar Brenn"}
    assert "Lesk" not in by_text  # a town, never an actor


# ------------------------------------------------------------------------------ tables


def _m(article, actor, camp, role="agent", kind="person"):
    return Mention(article, 0, 1, "x", actor, camp, kind, role, "name")


def test_mentions_table_has_the_contract_columns():
    frame = mentions_table([_m("a", "P", "C")])
    assert list(frame.columns) == MENTION_COLUMNS
    assert list(mentions_table([]).columns) == MENTION_COLUMNS
    for column in ("article_id", "start", "end", "text", "actor", "camp", "role"):
        assert column in frame.columns


def test_actors_table_counts_and_voice_share():
    mentions = [
        _m("a", "Peskov", "Russia"),
        _m("a", "Peskov", "Russia", role="speaker"),
        _m("b", "Blinken", "United States", role="patient"),
    ]
    quoted = [
        Quoted("a", "Peskov", "Russia", 30),
        ("b", "Blinken", "United States", 10),
        {"article_id": "b", "actor": None, "camp": None, "content_words": 60},
    ]
    frame = actors_table(mentions, quoted)
    peskov = frame[(frame.level == "actor") & (frame.actor == "Peskov")].iloc[0]
    assert (peskov.mentions, peskov.as_speaker, peskov.times_quoted) == (2, 1, 1)
    assert peskov.voice_share == pytest.approx(0.3)
    russia = frame[(frame.level == "camp") & (frame.camp == "Russia")].iloc[0]
    assert russia.words_quoted == 30 and russia.articles == 1
    us = frame[(frame.level == "camp") & (frame.camp == "United States")].iloc[0]
    assert us.as_patient == 1 and us.voice_share == pytest.approx(0.1)
    assert list(actors_table([], []).columns) == actors_module.ACTOR_SUMMARY_COLUMNS


def test_speaker_actors_and_quoted_records():
    mentions = [
        Mention("a", 0, 6, "Peskov", "Dmitry Peskov", "Russia", "person", "agent", "name"),
        Mention("a", 10, 12, "He", "Dmitry Peskov", "Russia", "person", "speaker", "pronoun"),
    ]

    def att(start, end, speaker, content, in_quote=False):
        return SimpleNamespace(
            article_id="a",
            speaker_start=start,
            speaker_end=end,
            speaker=speaker,
            content=content,
            in_quote=in_quote,
        )

    atts = [
        att(10, 12, "Dmitry Peskov", "that Russia had several retaliatory options"),
        att(None, None, None, "the results would be announced"),
        att(40, 41, "Dmitry Peskov", "we know", in_quote=True),
    ]
    speakers = speaker_actors(atts, mentions)
    assert [m.actor if m else None for m in speakers] == [
        "Dmitry Peskov",
        None,
        "Dmitry Peskov",
    ]
    quoted = quoted_records(atts, speakers)
    assert [(q.actor, q.content_words) for q in quoted] == [
        ("Dmitry Peskov", 6),
        (None, 5),
    ]


# ----------------------------------------------------- government titles (issue 12)


@pytest.mark.parametrize(
    ("text", "name", "date", "camp"),
    [
        ("Attorney General Ora Vance said the review would go on.", "Ora Vance",
         "2014-08-20", "Democratic Party"),
        ("Homeland Security Secretary Ora Vance visited the border.", "Ora Vance",
         "2018-03-01", "Republican Party"),
        ("White House press secretary Ora Vance told reporters the plan stands.",
         "Ora Vance", "2010-05-05", "Democratic Party"),
        ("CIA Director Ora Vance said the threat was real.", "Ora Vance",
         "2013-06-07", "Democratic Party"),
        ("National Security Adviser Ora Vance resigned on Monday.", "Ora Vance",
         "2017-02-13", "Republican Party"),
        ("Former Attorney General Ora Vance criticised the decision.", "Ora Vance",
         "2014-08-20", None),
        ("Texas Attorney General Ora Vance sued the government.", "Ora Vance",
         "2014-08-20", None),
        ("Attorney General Ora Vance said the review would go on.", "Ora Vance", None, None),
    ],
)  # fmt: skip
def test_a_government_title_puts_a_person_in_the_administrations_camp(
    nlp, minimal, text, name, date, camp
):
    article = make_article(f"{text} Vance left at noon.", article_id="g", date=date)
    found = find_mentions(article, nlp(article.analysis_text()), minimal)
    mentions = [m for m in found if m.actor == name]
    assert mentions and {m.camp for m in mentions} == {camp}  # every mention of the person
    if camp:
        assert {m.camp_source for m in mentions} == {"inferred"}


def test_administration_party_by_date():
    from analysis.actors.camps import administration_party

    assert administration_party("2009-01-19") == "Republican Party"  # G. W. Bush's last day
    assert administration_party("2009-01-20") == "Democratic Party"
    assert administration_party("2014-08-20T10:00:00") == "Democratic Party"
    assert administration_party("1950-01-01") is None
    assert administration_party("August 2014") is None and administration_party(None) is None


def test_the_pronoun_gold_points_at_pronouns_in_basil():
    """tests/data/actors/basil_pronouns.csv (benchmarks/actors.py --pronouns): offsets
    that index BASIL's article texts at the pronoun written there."""
    import csv
    import json

    path = Path(__file__).parent / "data" / "actors" / "basil_pronouns.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    assert len(rows) == 100
    assert {r["pronoun"].lower() for r in rows} <= {
        "he", "him", "his", "she", "her", "they", "them", "their", "it", "its"
    }  # fmt: skip
    articles = Path(__file__).resolve().parents[2] / "shared" / "eval" / "basil" / "articles.jsonl"
    if not articles.is_file():
        pytest.skip("../shared/eval/basil absent")
    texts = {}
    for line in articles.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        texts[record["id"]] = record["text"]
    for r in rows:
        assert texts[r["article_id"]][int(r["start"]) : int(r["end"])] == r["pronoun"], r


def test_title_fragments_and_a_groups_other_names(mentions_of, default_aliases):
    """NYT writes "the former secretary of state" in lower case: spaCy's ORG "State" is
    no actor then either; the Islamic State is one actor under its three names."""
    found = mentions_of(
        "In her last weeks as secretary of state, Ann Dorr spoke. The self-proclaimed "
        "Islamic State claimed the attack, and ISIS fighters fled; ISIL denied it.",
        default_aliases,
    )
    actors = {m.actor for m in found}
    assert "State" not in actors
    assert {m.actor for m in found if m.text in ("Islamic State", "ISIS", "ISIL")} == {
        "Islamic State"
    }


def test_a_name_with_an_apostrophe_is_a_person(mentions_of, minimal):
    found = mentions_of(
        "Terry O'Neill, the president of the group, spoke. \u201cIt is sexist,\u201d "
        "O\u2019Neill said.",
        minimal,
    )
    assert {m.actor for m in found if "Neill" in m.text} == {"Terry O'Neill"}


@pytest.mark.parametrize(
    ("text", "date", "phrase", "actor"),
    [
        # A lede that names the president only later: the president on that date.
        ("WASHINGTON \u2014 The somber president, near the end of his term, spoke. Later "
         "Mr. Obama said the loss was a tragedy.", "2016-06-12", "The somber president",
         "Obama"),
        ("It was a night for the vice president. Biden laughed at Ryan.", "2012-10-12",
         "the vice president", "Biden"),
        # Not without a date, not for a former one, nor with another president named.
        ("The somber president spoke. Mr. Obama said nothing.", None,
         "The somber president", None),
        ("The former president spoke. Mr. Obama said nothing.", "2018-05-01",
         "The former president", None),
        ("KYIV \u2014 The president thanked Joe Biden. President Volodymyr Zelensky asked "
         "for more.", "2023-05-01", "The president", None),
    ],
)  # fmt: skip
def test_the_president_is_the_sitting_one_the_article_names(
    nlp, default_aliases, text, date, phrase, actor
):
    article = make_article(text, article_id="p", date=date)
    found = find_mentions(article, nlp(article.analysis_text()), default_aliases)
    linked = [m.actor for m in found if m.text == phrase]
    assert linked == ([actor] if actor else [])


def test_a_capital_the_before_one_word_is_part_of_the_alias(mentions_of, default_aliases):
    """ "The Hill" (the newspaper) and "The Atlantic" (the magazine) are alias rows; the
    bare word is someone or something else: "Anita Hill", "crossed the Atlantic"."""
    found = mentions_of(
        "According to The Hill, the vote slipped. The Atlantic first reported the memo. "
        "Ships crossed the Atlantic. Anita Hill said nothing.",
        default_aliases,
    )
    assert at(found, "The Hill").actor == "The Hill"
    assert at(found, "The Atlantic").actor == "The Atlantic"
    assert at(found, "Anita Hill").actor == "Anita Hill"
    assert not [m for m in found if m.text == "Atlantic"]


def test_the_former_senator_is_the_one_called_former(mentions_of, default_aliases):
    """ "the former senator" goes to "former Sen. Joe Lieberman" (or "Lieberman, the
    former senator"), not to the sitting "Sen. Marco Rubio" who speaks nearer to it."""
    found = mentions_of(
        "Trump confirmed that former Sen. Joe Lieberman is his top choice. Republicans "
        "praised Lieberman. Sen. Marco Rubio expressed great admiration for the former "
        "senator. Former President Bill Clinton called. President Obama thanked the "
        "former president.",
        default_aliases,
    )
    assert at(found, "the former senator").actor == "Joe Lieberman"
    assert at(found, "the former president").actor == "Bill Clinton"


def test_they_in_a_reported_clause_are_the_ones_reporting(mentions_of, default_aliases):
    """ "insiders tell Fox News they expect ...": "they" are the insiders, not the
    newspaper told; with no actor for the reporters ("Internet companies issued
    statements saying they ...") the pronoun is nobody's rather than the outlet's."""
    found = mentions_of(
        "A handful of influential RNC insiders tell Fox News they expect Steele to "
        "leave. Internet companies issued statements Thursday saying they complied "
        "only when bound to, the Washington Post reports.",
        default_aliases,
    )
    they = [m.actor for m in found if m.text == "they"]
    assert they[0] == "Republican National Committee insiders"
    assert "Washington Post" not in they


def test_capitol_hill_is_congress_where_it_acts_and_a_place_elsewhere(mentions_of, default_aliases):
    """ "Capitol Hill reacted" is Congress (metonymy, like "Moscow"); "Republicans on
    Capitol Hill" and "returned to Capitol Hill" name where something happens, no actor
    (spaCy tags the name ORG, which made it an organisation of its own)."""
    found = mentions_of(
        "Capitol Hill reacted with fury to the plan. Republicans on Capitol Hill were "
        "angry. Biden returned to Capitol Hill to meet them.",
        default_aliases,
    )
    hill = [m for m in found if m.text == "Capitol Hill"]
    assert [(m.actor, m.resolution) for m in hill] == [("Congress", "metonymy")]


def test_a_body_or_state_in_front_of_a_role_is_not_the_speaker(mentions_of, default_aliases):
    """ "the House speaker continued": the House only modifies the role; the row's actor
    is the person the speaker was resolved to, not the chamber. A body that is the head
    of its phrase stays ("the House voted")."""
    text = (
        "Speaker Ann Voss met reporters. \u201cI would not use that language,\u201d the "
        "House speaker continued. The House voted later."
    )
    found = mentions_of(text, default_aliases)
    role = (text.index("the House speaker"), text.index(" continued"))
    assert actor_at(found, *role, name="Ann Voss").actor == "Ann Voss"
    assert actor_at(found, *role).actor == "House"  # without a resolved name: the body
    body = (text.index("The House voted"), text.index(" voted"))
    assert actor_at(found, *body, name="Ann Voss").actor == "House"


def test_the_writers_they_is_no_body_but_a_plural_name(mentions_of, default_aliases):
    """A body takes "it" in news style: the writer's "they" after "the Senate" is not the
    Senate; a name written as a plural ("the Jacksons") is one "they" can stand for."""
    found = mentions_of(
        "Democrats languished in the House minority for years. As the election loomed, "
        "they made it clear that the reforms came first.",
        default_aliases,
    )
    assert at(found, "they").actor == "Democrats"
    body = mentions_of(
        "The bill stalled in the Senate for years. As the election loomed, they gave up.",
        default_aliases,
    )
    assert not [m for m in body if m.text == "they"]
    family = mentions_of(
        "Jesse Jackson Jr. filed the papers on Monday. The Jacksons spent $300 at "
        "Build-A-Bear, the records show. Among the items they bought was an elk head.",
        default_aliases,
    )
    assert at(family, "they").actor in ("Jacksons", "the Jacksons")


def test_a_groups_name_leaves_out_how_many(mentions_of, minimal):
    """ "Very few lawmakers", "other lawmakers" and "most senior officials" are the
    lawmakers and the senior officials; "de facto immigration agents" are immigration
    agents; a hyphenated modifier keeps its hyphen."""
    found = mentions_of(
        "Very few lawmakers attended the briefing. Other lawmakers said it was too late, "
        "and most senior officials agreed. The active-duty troops stayed home. The law "
        "would have turned police officers into de facto immigration agents.",
        minimal,
    )
    assert at(found, "immigration agents").actor == "immigration agents"
    assert at(found, "lawmakers").actor == "lawmakers"
    assert at(found, "lawmakers", 1).actor == "lawmakers"
    assert at(found, "senior officials").actor == "senior officials"
    assert at(found, "active-duty troops").actor == "active-duty troops"


def test_a_groups_name_keeps_proper_words_and_leaves_out_evaluations(mentions_of, minimal):
    """Who a group is, not what the writer thinks of it: "jittery lawmakers" are the
    lawmakers and "outspoken and controversial public officials" public officials;
    a proper adjective keeps its capital, a sentence's first word does not."""
    found = mentions_of(
        "Jittery lawmakers fled the chamber. Indiana lawmakers stayed, and Latino voters "
        "cheered. She is one of the most outspoken and controversial public officials, "
        "and one of the most prominent young black politicians. Older workers left.",
        minimal,
    )
    assert at(found, "lawmakers").actor == "lawmakers"
    assert at(found, "Indiana lawmakers").actor == "Indiana lawmakers"
    assert at(found, "Latino voters").actor == "Latino voters"
    assert at(found, "public officials").actor == "public officials"
    assert at(found, "young black politicians").actor == "young black politicians"
    assert at(found, "Older workers").actor == "older workers"  # an age, not a judgement


def test_a_party_member_in_front_of_a_chamber_is_the_party_group(
    mentions_of, default_aliases, minimal
):
    """ "a freshman House Democrat" speaks as one of the House Democrats the article
    names, not as the House; with no such group the chamber stays, and a state's
    ministry stays the state."""
    text = (
        "House Democrats met on Monday. A freshman House Democrat said the vote would "
        "wait. The Senate adjourned."
    )
    found = mentions_of(text, default_aliases)
    phrase = "A freshman House Democrat"
    k = text.index(phrase)
    assert actor_at(found, k, k + len(phrase), name=phrase).actor == "House Democrats"
    alone = "The Senate adjourned. A freshman House Democrat said the vote would wait."
    found = mentions_of(alone, default_aliases)
    k = alone.index(phrase)
    assert actor_at(found, k, k + len(phrase), name=phrase).actor == "House"
    ministry = "Russian officials met. The Russian foreign ministry said the talks went well."
    found = mentions_of(ministry, minimal)
    phrase = "The Russian foreign ministry"
    k = ministry.index(phrase)
    assert actor_at(found, k, k + len(phrase), name=phrase).actor == "Russia"


def test_their_after_two_coordinated_people_is_no_group(mentions_of, default_aliases):
    """ "Barack Obama and John Boehner met ... in their latest attempt": the two of them,
    not the group named before."""
    found = mentions_of(
        "Republicans objected to the plan. On Thursday, Barack Obama and John Boehner met "
        "for an hour in their latest attempt to break the impasse.",
        default_aliases,
    )
    assert not [m for m in found if m.text == "their"]
    alone = mentions_of(
        "Republicans objected to the plan. On Thursday they met for an hour in their "
        "latest attempt to break the impasse.",
        default_aliases,
    )
    assert at(alone, "their").actor == "Republicans"


def test_their_in_a_clause_of_coordinated_subjects_is_all_of_them(mentions_of, default_aliases):
    found = mentions_of(
        "Republicans objected to the bill. Oklahoma, South Carolina and Texas have "
        "introduced legislation to amend their laws.",
        default_aliases,
    )
    assert not [m for m in found if m.text == "their"]
    things = mentions_of(
        "Many Senate Republicans were still deciding whether his apology and promise had "
        "allayed their concerns.",
        default_aliases,
    )
    assert at(things, "their").actor == "Senate Republicans"


def test_a_party_state_tag_is_no_actor(mentions_of, default_aliases):
    """ "Sen. Elizabeth Warren, D-Mass., ...": the tag is the senator's camp, never a
    state actor of its own, however the tagger reads it."""
    found = mentions_of(
        "Senate Minority Leader Chuck Schumer, D-N.Y., and Sen. Elizabeth Warren, D-Mass., "
        "both called Tuesday for a postponement.",
        default_aliases,
    )
    assert not [m for m in found if "-" in m.text]
    assert at(found, "Elizabeth Warren").camp == "Democratic Party"


def test_a_body_named_after_its_country_keeps_its_name(mentions_of, default_aliases):
    """ "The United States Conference of Catholic Bishops issued letters": the
    conference, not the United States (the table's pattern takes the "The" its name
    is trimmed of)."""
    found = mentions_of(
        "Scholars criticized the budget on Tuesday. The United States Conference of "
        "Catholic Bishops has also issued several letters to members of Congress.",
        default_aliases,
    )
    actors = {m.actor for m in found}
    assert "United States Conference of Catholic Bishops" in actors
    assert "United States" not in actors


def test_a_bishop_is_one_person(mentions_of, default_aliases):
    """ "Bishop Daniel Jenky ... Bishop Jenky": one person (the tagger reads the first as
    an organisation; a title only a person bears says otherwise)."""
    found = mentions_of(
        "This month, Bishop Daniel Jenky, of Peoria, Ill., said in a homily that the "
        "mandate was wrong. Scholars asked the board to rebuke Bishop Jenky's comments. "
        "Bishop Jenky has stood by his comments.",
        default_aliases,
    )
    jenky = {m.actor for m in found if "Jenky" in m.text}
    assert jenky == {"Daniel Jenky"}
    assert {m.type for m in found if m.actor == "Daniel Jenky"} == {"person"}


def test_a_sheriffs_office_is_no_person(mentions_of, default_aliases):
    """ "the Maricopa County Sheriff's Department" is an office, not a person named
    "Maricopa County Sheriff"; "Sheriff Arpaio" and "the sheriff" are Joe Arpaio."""
    found = mentions_of(
        "Perry won an endorsement from Sheriff Joe Arpaio of Maricopa County. Last year, "
        "the Justice Department filed a lawsuit against the sheriff over whether the "
        "Maricopa County Sheriff's Department is violating the rights of Hispanics. "
        "Sheriff Arpaio has called the suit an attempt to intimidate him.",
        default_aliases,
    )
    actors = {m.actor for m in found}
    assert not [a for a in actors if a.endswith("Sheriff")]
    assert at(found, "the sheriff").actor == "Joe Arpaio"
    assert at(found, "Arpaio").actor == "Joe Arpaio"


def test_a_first_name_the_tagger_split_off_is_part_of_the_name(mentions_of, default_aliases):
    """ "met with Crystal Griner" (tagged as a product) and "the Clarence Thomas hearing"
    ("Clarence" tagged as an organisation): the person is the full name, and the later
    surname is the same person; a nickname in quotes adds no first name."""
    found = mentions_of(
        "The Trumps also met with Crystal Griner, one of the two officers injured in the "
        "attack, and her wife. Griner and David Bailey are in stable condition.",
        default_aliases,
    )
    assert {m.actor for m in found if "Griner" in m.text} == {"Crystal Griner"}
    found = mentions_of(
        "But the contentious Clarence Thomas hearing in 1991 produced a 52-48 split that "
        "just pushed Thomas over the finish line.",
        default_aliases,
    )
    assert "Clarence" not in {m.actor for m in found}
    assert {m.actor for m in found if "Thomas" in m.text} == {"Clarence Thomas"}
    found = mentions_of(
        "Defense Secretary Jim Mattis will resign. The Pentagon chief, nicknamed “Mad Dog "
        "Mattis” during his time as a Marine, echoed the call. Mattis said no.",
        default_aliases,
    )
    assert {m.actor for m in found if "Mattis" in m.text} == {"Jim Mattis"}


def test_words_the_tagger_takes_for_one_word_names_are_no_people(mentions_of, default_aliases):
    """A kin word said to someone, a piece of "Mar-a-Lago", an epithet before a name,
    and a common noun opening a sentence that the article writes in lower case
    elsewhere are no person actors; "Ocasio-Cortez" stays one."""
    texts = [
        '"My son Seth signed the petition asking me, Dad, the governor, to veto this bill," '
        "Gov. Asa Hutchinson said.",
        "Federal agencies spent about $13 million on four of Mr. Trump's trips to his "
        "Mar-a-Lago resort in Florida.",
        "I have nothing to do with the National Enquirer and unlike Lyin' Ted Cruz I do not "
        "surround myself with political hacks.",
        "“Be careful, Lyin' Ted, or I will spill the beans on your wife!” Trump wrote.",
        "The program began in 2007. Metadata from the companies is used to find suspects. "
        "The agency says the metadata is kept for five years.",
    ]
    found = [m for text in texts for m in mentions_of(text, default_aliases)]
    people = {m.actor for m in found if m.type == "person"}
    assert not people & {"Dad", "Mar", "Lyin", "Metadata"}
    assert {"Asa Hutchinson", "Ted Cruz"} <= people
    found = mentions_of(
        "Rep. Alexandria Ocasio-Cortez spoke first. Ocasio-Cortez said she would vote no.",
        default_aliases,
    )
    assert {m.actor for m in found if "Ocasio" in m.text} == {"Alexandria Ocasio-Cortez"}


def test_a_business_named_after_a_first_name_is_one_organisation(mentions_of, default_aliases):
    """ "Angie's List" and "Mariel's Boutique" are businesses, not a person Angie and an
    organisation "List"; a person the article names keeps the possessive ("Steele's
    RNC" after "Michael Steele"), and an organisation owning another stays apart
    ("the FBI's Office of Professional Responsibility")."""
    found = mentions_of(
        "The same day, Bill Oesterle, the chief executive officer of Angie’s List, said "
        "his company would abandon a deal. The campaign spent $3,544 at Mariel's Boutique.",
        default_aliases,
    )
    actors = {m.actor for m in found}
    assert {"Angie’s List", "Mariel's Boutique"} <= actors
    assert not actors & {"Angie", "Mariel", "List", "Boutique"}
    assert at(found, "his").actor == "Bill Oesterle"
    found = mentions_of(
        "The case was referred to the FBI's Office of Professional Responsibility.",
        default_aliases,
    )
    assert "FBI" in {m.actor for m in found} or "Federal Bureau of Investigation" in {
        m.actor for m in found
    }


@pytest.mark.parametrize(
    "text, date, phrase",
    [
        ("President Trump signed the order. The move cites the upheaval in Zimbabwe, where "
         "the longtime president was placed under house arrest.", "2017-11-20",
         "the longtime president"),
        ("President Obama spoke on Tuesday. He cautioned that the next president will choose "
         "one or two justices.", "2012-10-17", "the next president"),
    ],
)  # fmt: skip
def test_a_president_who_cannot_be_the_sitting_one_is_not_linked_to_him(
    nlp, default_aliases, text, date, phrase
):
    """ "The longtime president" of Zimbabwe is not Donald Trump, nor is "the next
    president" Barack Obama, though each is the last president the article names."""
    article = make_article(text, article_id="p", date=date)
    found = find_mentions(article, nlp(article.analysis_text()), default_aliases)
    assert [m.actor for m in found if m.text == phrase] == []
    assert {m.actor for m in found} & {"Donald Trump", "Barack Obama"}  # the president


def test_organisation_tags_that_hold_people_titles_or_a_member(mentions_of, default_aliases):
    """What the tagger marks as one organisation: a title run into it before a name
    ("former RNC Co-Chairwoman Ann Wagner" is the RNC and Ann Wagner), two people
    ("a split between Trump and Mattis"), a given name and a surname the article names
    ("second lady Karen Pence"), an office named after its holder ("the Maricopa County
    Sheriff's Department", not "Department"), a member ("as a Marine", no
    organisation), a number it stopped before ("the Group of Seven"), a dateline, and a
    state before a title ("Controversial Maine Gov. Paul LePage")."""
    found = mentions_of(
        "The contenders included Wisconsin Republican Party Chairman Reince Priebus, "
        "former RNC Co-Chairwoman Ann Wagner, and others.",
        default_aliases,
    )
    actors = {m.actor for m in found}
    assert "Ann Wagner" in actors and not [a for a in actors if "Chairwoman" in a]
    found = mentions_of(
        "Defense Secretary Jim Mattis resigned on Thursday, and President Donald Trump "
        "accepted. A major split between Trump and Mattis concerned Vladimir Putin. Vice "
        "President Mike Pence and second lady Karen Pence checked in on Steve Scalise.",
        default_aliases,
    )
    assert [m.actor for m in found if m.text in ("Trump", "Mattis")] == [
        "Donald Trump",
        "Jim Mattis",
    ]
    assert at(found, "Karen Pence").type == "person"
    found = mentions_of(
        "The Justice Department sued the sheriff over whether the Maricopa County "
        "Sheriff’s Department is violating the rights of Hispanics. The Pentagon chief, "
        "nicknamed the monk during his time as a Marine, backed Russia's return to the "
        "Group of Seven.",
        default_aliases,
    )
    actors = {m.actor for m in found}
    assert "Maricopa County Sheriff’s Department" in actors
    assert not actors & {"Department", "Marine", "Group of"}
    assert "Group of Seven" in actors
    found = mentions_of(
        "DANVILLE, Ky. –- Joe Biden did everything Barack Obama did not.", default_aliases
    )
    assert [m.actor for m in found if m.type != "person"] == []
    found = mentions_of(  # a tag ending on the state of a title: no organisation
        "Controversial Maine Gov. Paul LePage opened the door Tuesday to resigning.",
        default_aliases,
    )
    assert [m.actor for m in found if m.type != "person"] == []


def test_a_business_tagged_as_a_person_is_an_organisation(mentions_of, minimal):
    """ "the law firm Patton Boggs" and "Ifrah Law" are businesses, also where the text
    writes the name without "law firm"; "the firm" is the firm; "WikiLeaks founder Julian
    Assange" stays a person."""
    found = mentions_of(
        "The campaign had hired the law firm Patton Boggs in the case. Mark Sheridan, a "
        "partner with Patton Boggs, works for the firm. James Trusty, an attorney with "
        "Ifrah Law, agreed. WikiLeaks founder Julian Assange disagreed.",
        minimal,
    )
    assert {m.type for m in found if m.actor == "Patton Boggs"} == {"organisation"}
    assert len([m for m in found if m.actor == "Patton Boggs"]) == 3  # with "the firm"
    assert at(found, "Ifrah Law").type == "organisation"
    assert at(found, "Julian Assange").type == "person"
    assert at(found, "Mark Sheridan").type == "person"


def test_an_object_pronoun_can_be_its_subjects_possessor(mentions_of, default_aliases):
    """ "LePage's comments have gotten him in trouble": him is LePage (the possessor of
    the subject, not the subject); "Brat toppled Cantor, repeatedly criticizing him"
    stays Cantor."""
    found = mentions_of(
        "Gov. Paul LePage spoke. But this isn’t the first time LePage’s comments have "
        "gotten him in trouble.",
        default_aliases,
    )
    assert at(found, "him").actor == "Paul LePage"
    assert "the first time" not in {m.text for m in found}  # a time is no one
    found = mentions_of(
        "Dave Brat toppled Eric Cantor, repeatedly criticizing him.", default_aliases
    )
    assert at(found, "him").actor == "Eric Cantor"


def test_a_role_noun_with_the_name_apposed_is_no_other_persons(nlp, default_aliases):
    """ "said the Democratic leader of the Senate, Justin Alfond": the leader is the
    name that follows, never the leader named before."""
    text = (
        "The Republican leader, Michael Thibodeau, said nothing. “All options are on the "
        "table,” said the Democratic leader of the Senate, Justin Alfond."
    )
    article = make_article(text, article_id="t")
    found = find_mentions(article, nlp(article.analysis_text()), default_aliases)
    assert "Michael Thibodeau" not in {m.actor for m in found if "Democratic" in m.text}
    assert "Justin Alfond" in {m.actor for m in found}


def test_a_definite_noun_after_an_unnamed_one_is_not_an_organisation_named_later(
    mentions_of, minimal
):
    """ "A House committee has asked ... The committee's chairman ...": the committee
    is that unnamed one, not the Republican National Committee the article names
    paragraphs later; with nothing unnamed before it, "The union" still looks ahead to
    the union named after it."""
    found = mentions_of(
        "A House committee has asked Hillary Clinton to testify. The committee's chairman, "
        "Trey Gowdy, wrote to her lawyer. Later, the Republican National Committee "
        "released an ad.",
        minimal,
    )
    assert [m.actor for m in found if m.text == "The committee"] == []
    found = mentions_of(
        "The union said pay had fallen. The Harbour Workers' Union called a strike.",
        minimal,
    )
    assert at(found, "The union").actor == "Harbour Workers' Union"
