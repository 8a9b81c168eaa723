"""States, federal bodies and identities as a researcher reads them (read off PolNeAR's
articles as a corpus the kit was not built around): every sovereign state in its own
camp, US federal bodies in the United States' camp, "African Americans" and
"Mexican-American voters" neither Mexico nor the United States, "White House officials"
one group in the White House's camp. Fixtures are sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import of

from analysis.actors import Mention, link_across_articles, load_aliases
from analysis.actors.aliases import read_alias_file
from analysis.actors.packs import PACKS_DIR

WORLD = PACKS_DIR / "world_states.csv"
US_GOVERNMENT = PACKS_DIR / "us_government.csv"


@pytest.fixture(scope="module")
def with_packs():
    return load_aliases()


def mention(article, text, kind):
    """A name mention of `kind` as `find_mentions` would give it, for the corpus rules."""
    return Mention(article, 0, len(text), text, text, None, kind, "agent", "name")


def actors_of(mentions):
    return {m.actor for m in mentions}


# ------------------------------------------------------------------ the packs as data


def test_every_world_state_is_its_own_camp_and_every_row_points_at_one():
    rows = read_alias_file(WORLD, source="pack")
    states = {r.actor for r in rows if r.type == "state" and r.pattern == r.actor}
    # 193 UN members, the two observers, Kosovo and Taiwan; Jordan, Chad and Georgia
    # have no row of their bare name (see below)
    assert len(states) == 197 - 3
    for row in rows:
        assert row.camp in states | {"Jordan", "Chad", "Georgia"}, row
        if row.type == "state":
            assert row.actor == row.camp


def test_no_world_pattern_is_a_name_the_us_pack_knows_but_the_documented_few():
    """A country written like a congressman's surname or first name ("Jordan": Rep.
    Jim Jordan; "Chad") or like a US state ("Georgia") is left out; the few kept are
    named in the packs README (Austria, Ireland, Israel, Dutch, French, Washington)."""
    us = read_alias_file(PACKS_DIR / "us_politics.csv", source="pack")
    words = {w.lower() for r in us if r.type == "person" and r.actor for w in r.actor.split()}
    words |= {r.pattern.lower() for r in us if r.type == "place"}
    clashes = {r.pattern for r in read_alias_file(WORLD) if r.pattern.lower() in words}
    assert clashes == {"Austria", "Ireland", "Israel", "Dutch", "French", "Washington"}


def test_every_federal_body_is_an_organisation_of_the_united_states():
    rows = [r for r in read_alias_file(US_GOVERNMENT) if r.type != "ignore"]
    assert len({r.actor for r in rows}) > 60
    assert all(r.type == "organisation" and r.camp == "United States" for r in rows)


# ------------------------------------------------------------------ states and bodies


def test_a_state_the_alias_table_does_not_list_has_its_camp(mentions_of, with_packs):
    found = mentions_of(
        "Mexican officials said the wall was an insult. Mexico rejected the plan. "
        "Aung San Suu Kyi met Burma's generals.",
        with_packs,
    )
    assert (at := of(found, "Mexican officials")).camp == "Mexico" and at.type == "group"
    assert (of(found, "Mexico").actor, of(found, "Mexico").camp) == ("Mexico", "Mexico")
    assert of(found, "Burma").actor == "Myanmar"


def test_federal_bodies_are_one_actor_each_in_the_united_states_camp(mentions_of, with_packs):
    found = mentions_of(
        "The Environmental Protection Agency said the rule stands. The EPA will appeal. "
        "The I.R.S. audited him. The Supreme Court ruled on Monday, and the Ohio Supreme "
        "Court disagreed.",
        with_packs,
    )
    epa = {of(found, "Environmental Protection Agency").actor, of(found, "EPA").actor}
    assert epa == {"Environmental Protection Agency"}
    assert of(found, "I.R.S.").actor == "Internal Revenue Service"
    assert of(found, "Supreme Court").camp == "United States"
    assert of(found, "Ohio Supreme Court").actor == "Ohio Supreme Court"  # a state's court


def test_a_state_written_after_a_place_or_in_a_senators_brackets_is_no_actor(
    mentions_of, with_packs
):
    found = mentions_of(
        "Sen. Bernie Sanders (Vt.) spoke first. Tulsa, Okla., police officer Betty Shelby "
        "shot him. Joseph R. Biden, Jr., is here.",
        with_packs,
    )
    assert not {"Vt", "Vt.", "Okla.", "Jr."} & {m.text for m in found}
    assert {"Bernie Sanders", "Betty Shelby", "Joe Biden"} <= actors_of(found)


# ------------------------------------------------------------------ identities


def test_ethnic_identities_are_groups_of_their_own_in_no_camp(mentions_of, with_packs):
    found = mentions_of(
        "Many Native Americans protested the pipeline. In 2012, African Americans voted "
        "for her. Many African-American voters stayed home, and Mexican-American groups "
        "objected. Americans are tired.",
        with_packs,
    )
    for name in ("Native Americans", "African Americans", "African-American voters"):
        assert (of(found, name).actor, of(found, name).camp) == (name, None)
    assert not {"Mexico", "Mexican", "American"} & {m.text for m in found}
    assert of(found, "Americans").camp == "United States"  # the people of the state


def test_a_party_group_after_a_body_is_no_identity(mentions_of, with_packs):
    found = mentions_of("House Republicans met. Jewish Democrats objected.", with_packs)
    assert of(found, "House Republicans").camp == "Republican Party"
    assert of(found, "Democrats").camp == "Democratic Party"


# ------------------------------------------------------------------ groups of a body


def test_an_organisations_people_are_one_group_in_its_camp(mentions_of, with_packs):
    found = mentions_of(
        "White House officials said no. DOJ officials agreed, and Justice Department "
        "officials wrote a memo. House Republican leaders met. House political analysts "
        "disagreed. Kremlin officials said so.",
        with_packs,
    )
    assert of(found, "White House officials").camp == "United States"
    doj = {of(found, "DOJ officials").actor, of(found, "Justice Department officials").actor}
    assert doj == {"Justice Department officials"}  # one group under the body's one name
    assert of(found, "House Republican leaders").camp == "Republican Party"
    assert of(found, "Kremlin officials").camp == "Russia"
    assert "House political analysts" not in {m.text for m in found}  # analysts of races


# ------------------------------------------------------------------ names


def test_a_pageant_title_is_no_part_of_a_name(mentions_of, with_packs):
    found = mentions_of(
        "Donald Trump's tweets targeted former Miss Universe Alicia Machado. Machado said "
        "she was hurt. Miss Universe was a pageant he owned.",
        with_packs,
    )
    assert of(found, "Machado").actor == "Alicia Machado"
    assert "Universe" not in {m.text for m in found}


def test_a_name_apposed_to_a_company_is_the_company_and_so_is_its_first_word(
    mentions_of, with_packs
):
    found = mentions_of(
        "The problem belonged to Patriot Coal, one of the nation's largest coal companies. "
        "Patriot sold the mine to Mr. Clarke.",
        with_packs,
    )
    assert (of(found, "Patriot Coal").type, of(found, "Patriot").actor) == (
        "organisation",
        "Patriot Coal",
    )


def test_a_famous_surname_tagged_as_an_organisation_is_the_person(with_packs):
    """Only where the corpus names the pack's one person of that surname far more
    often than it tags the organisation: "Justice delivered the immunity agreements"
    (5 tags) stays the department's word in a corpus naming Jim Justice 11 times."""

    found = link_across_articles(
        [mention("a1", "Donald Trump", "person")] * 20
        + [mention("a2", "Trump", "organisation")]
        + [mention("a3", "Jim Justice", "person")] * 11
        + [mention("a4", "Justice", "organisation")] * 5,
        with_packs,
    )
    trump = of(found, "Trump")
    assert (trump.actor, trump.type, trump.camp) == ("Donald Trump", "person", "Republican Party")
    assert (of(found, "Justice").actor, of(found, "Justice").type) == ("Justice", "organisation")


def test_the_end_of_a_longer_name_is_that_person(mentions_of, with_packs):
    """Burmese names have no surname, Spanish ones two: "Suu Kyi" and "Guajardo
    Villarreal" are the one longer name of the article that ends with them; her father
    "Aung San", the start of her name, is someone else."""
    found = mentions_of(
        "Aung San Suu Kyi visited the White House. Washington rolled out the red carpet "
        "for Suu Kyi, the daughter of Aung San. Mexico's economy minister, Ildefonso "
        "Guajardo Villarreal, spoke on Monday. Guajardo Villarreal said the deal would hold.",
        with_packs,
    )
    assert of(found, "Suu Kyi").actor == "Aung San Suu Kyi"
    assert of(found, "Guajardo Villarreal").actor == "Ildefonso Guajardo Villarreal"
    assert of(found, "Aung San").actor == "Aung San"


def test_a_plain_hyphen_dateline_is_no_part_of_a_group(mentions_of, with_packs):
    found = mentions_of(
        "Europe looks inward.\n\nBRUSSELS - European leaders gathered Friday to discuss "
        "the challenges facing their continent.",
        with_packs,
    )
    assert of(found, "European leaders").actor == "European leaders"
    assert not [m for m in found if "BRUSSELS" in m.text]


def test_a_group_spelt_with_a_hyphen_or_a_space_is_one_actor(corpus, with_packs):
    found = corpus(
        [
            "In Ohio, African-Americans voted early. Many African-Americans waited in line.",
            "In 2012, African Americans voted for him.",
        ],
        with_packs,
    )
    assert of(found, "African Americans").actor == of(found, "African-Americans").actor


# ------------------------------------------------- read off PolNeAR train (840 articles)


def test_identities_and_sides_taken(mentions_of, with_packs):
    found = mentions_of(
        "Nobody can get to the White House without Latinos who vote, and Muslims protested "
        "the ban. David Brock founded a pro-Clinton super PAC before Super Tuesday. The "
        "super PAC spent $5 million, he told the AP.",
        with_packs,
    )
    assert (of(found, "Latinos").type, of(found, "Latinos").camp) == ("group", None)
    assert of(found, "Muslims").type == "group"
    assert not {"pro-Clinton", "Super", "Clinton", "PAC"} & {m.text for m in found}
    assert of(found, "AP").actor == "Associated Press"


def test_a_name_a_personal_pronoun_refers_back_to_is_a_person(mentions_of, with_packs):
    found = mentions_of(
        "One Republican presidential hopeful, Carly Fiorina, says despite being a Stanford "
        "alumna, she plans to root for Iowa.",
        with_packs,
    )
    assert of(found, "Carly Fiorina").type == "person"


def test_an_administration_named_after_a_place_tag_is_the_presidents(nlp, with_packs):
    """The tagger reads "Obama" as a place in some PolNeAR articles (set here by hand):
    "the Obama administration" is still the president's administration, not a state."""
    from spacy.tokens import Span

    from analysis.actors import find_mentions
    from analysis.ingest import make_article

    article = make_article("I disagree with the Obama administration on taxes.", article_id="t")
    doc = nlp(article.analysis_text())
    obama = next(t.i for t in doc if t.text == "Obama")
    doc.ents = [Span(doc, obama, obama + 1, label="GPE")]
    found = find_mentions(article, doc, with_packs)
    administration = of(found, "Obama administration")
    assert (administration.type, administration.camp) == ("organisation", "Democratic Party")


def test_an_organisation_takes_no_camp_from_a_persons_possessive(mentions_of, with_packs):
    found = mentions_of(
        "Donald Trump posted again. Trump's Twitter account was busy. Putin's spokesman "
        "Dmitry Peskov said no.",
        with_packs,
    )
    assert [m.camp for m in found if m.actor == "Twitter"] == [None]
    assert of(found, "Dmitry Peskov").camp == "Russia"


def test_one_spelling_and_one_type_per_name_across_the_corpus(with_packs):
    """A group noun opening a sentence ("Aides said", tagged a person) is the group of
    its other spellings; a name typed a person in most mentions and an organisation in
    a few is a person everywhere, and the other way round."""

    found = link_across_articles(
        [mention("a1", "aides", "group")] * 6
        + [mention("a2", "Aides", "person")] * 2
        + [mention("a3", "Sean Hannity", "person")] * 5
        + [mention("a4", "Sean Hannity", "organisation")]
        + [mention("a5", "Associated Press", "organisation")] * 5
        + [mention("a6", "Associated Press", "person")],
        with_packs,
    )
    kinds = {(m.article_id, m.actor, m.type) for m in found}
    assert ("a2", "aides", "group") in kinds
    assert ("a4", "Sean Hannity", "person") in kinds
    assert ("a6", "Associated Press", "organisation") in kinds


def test_a_base_a_label_and_a_company_the_tagger_took_for_people(mentions_of, with_packs):
    """BASIL's last one-word "people": Joint Base Andrews, Trump's "Fake News", the
    insurer Anthem."""
    found = mentions_of(
        "Marines carried the caskets off the plane at Andrews, she said. Companies "
        "including Angie's List and Anthem sent a letter. The Fake News is making a big "
        "deal about this.",
        with_packs,
    )
    assert not {"Andrews", "Fake News"} & {m.text for m in found}
    assert of(found, "Anthem").type == "organisation"


def test_a_rank_after_a_service_is_no_organisation_and_no_camp(mentions_of, with_packs):
    """PolNeAR train's camp "Army Capt" (34 mentions): the tagger took "Army Capt." for
    an organisation. The service is the US Army, the rank no camp."""
    found = mentions_of(
        "Clinton retold the story of Army Capt. Humayun Khan, 27, a Muslim American who "
        "died in Iraq.",
        with_packs,
    )
    assert of(found, "Army").actor == "U.S. Army"
    assert of(found, "Humayun Khan").camp == "United States"


def test_a_camp_named_after_a_person_tagged_an_organisation_is_that_persons_camp(with_packs):
    """ "Martha Allen, a Sanders delegate" with "Sanders" tagged an organisation: her camp
    is Bernie Sanders's, not a camp named after him (PolNeAR train)."""
    found = link_across_articles(
        [Mention("a1", 0, 14, "Bernie Sanders", "Bernie Sanders", "Democratic Party",
                 "person", "agent", "name", "text")] * 20
        + [Mention("a2", 0, 7, "Sanders", "Sanders", None, "organisation", "other", "name")]
        + [Mention("a2", 9, 21, "Martha Allen", "Martha Allen", "Sanders", "person",
                   "speaker", "name", "inferred")],
        with_packs,
    )  # fmt: skip
    allen = of(found, "Martha Allen")
    assert (allen.camp, allen.camp_source) == ("Democratic Party", "inferred")


def test_an_opening_preposition_or_a_closing_acronym_makes_no_name(mentions_of, with_packs):
    """PolNeAR train's "Outside Carrier" (42 mentions: "Outside Carrier's plant ...")
    and "Junge SVP" (39: the Swiss party's youth) were persons; "Malcolm X" still is."""
    found = mentions_of(
        "Outside Carrier's plant in Indianapolis, workers gathered. In 2003, the Junge "
        "SVP grew. The memorabilia of Martin Luther King Jr. and Malcolm X sold well.",
        with_packs,
    )
    names = {m.actor for m in found if m.type == "person"}
    assert not {"Outside Carrier", "Junge SVP"} & names
    assert "Malcolm X" in names


def test_words_run_into_a_name_and_a_rank_before_a_suffixed_name(mentions_of, with_packs):
    """PolNeAR train: "Floridians Jeb Bush" (15 mentions) and "Telling Jeb Bush" (9) were
    persons of their own; "Admiral Harris" (55, with his pronouns) was apart from "Adm.
    Harry B. Harris Jr.", named before him."""
    found = mentions_of(
        "Floridians Jeb Bush and Marco Rubio lost. Telling Jeb Bush to stop, Trump laughed. "
        "Adm. Harry B. Harris Jr. leads the Pacific Command. Admiral Harris makes no "
        "apologies.",
        with_packs,
    )
    assert {m.actor for m in found if "Bush" in m.text} == {"Jeb Bush"}
    assert of(found, "Harris").actor == "Harry B. Harris Jr."
