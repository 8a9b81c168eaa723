"""Issue 12: one actor per person across a corpus, camps that mean affiliation, party
groups, knowledge packs, and headlines of records set aside. Fixtures are sentences
written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import of

from analysis.actors import (
    CAMP_SOURCES,
    MENTION_COLUMNS,
    find_mentions,
    link_across_articles,
    load_aliases,
    pack_versions,
    shipped_packs,
)
from analysis.actors.packs import PACKS_DIR
from analysis.ingest import make_article, read_articles

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT.parent / "shared" / "knowledge" / "us-congress"
PACK_FILES = ("us_government.csv", "us_politics.csv", "world_states.csv")


@pytest.fixture(scope="module")
def with_packs():
    return load_aliases()


@pytest.fixture(scope="module")
def no_packs():
    return load_aliases(packs=())


@pytest.fixture(scope="module")
def article_mentions(nlp):
    """Mentions of one article (not linked across a corpus)."""

    def run(text, aliases, date=None):
        article = make_article(text, article_id="p", date=date)
        return find_mentions(article, nlp(article.analysis_text()), aliases)

    return run


# ------------------------------------------------------------------------- identity


def test_title_surname_and_full_name_are_one_person(corpus, with_packs):
    found = corpus(
        [
            "President Trump spoke on Monday. Mr. Trump said the plan would work.",
            "Donald J. Trump visited Ohio. Trump said he liked the state.",
        ],
        with_packs,
    )
    persons = {m.actor for m in found if m.type == "person"}
    assert persons == {"Donald Trump"}


def test_an_office_or_title_points_past_a_relative_to_the_one_the_pack_knows(corpus, with_packs):
    """An article naming only a relative in full: "President Trump" and "Mr. Trump"
    are not "Ivanka Trump, the president's daughter", "Vice President Cheney" not
    Liz Cheney; "Mr. Biden" after "Hunter Biden" stays Hunter (nothing rules him out)
    and "Mr. Trump" after "Donald Trump Jr." stays the son."""
    found = corpus(
        [
            "Near the dugout, the president's daughter Ivanka Trump bantered with "
            "senators. When a video message from President Trump played, some booed. "
            "“We will not be intimidated,” Mr. Trump said.",
            "Liz Cheney thanked her father. Former Vice President Cheney did not speak.",
            "Dick Cheney and his daughter Liz Cheney differ. Former Vice President "
            "Cheney did not speak.",
            "Hunter Biden arrived in court on Tuesday. Mr. Biden pleaded not guilty.",
            "Donald Trump Jr. spoke first. Mr. Trump said he was proud.",
        ],
        with_packs,
    )
    assert of(found, "Ivanka Trump", "a0").actor == "Ivanka Trump"
    assert {m.actor for m in found if m.article_id == "a0" and m.text == "Trump"} == {
        "Donald Trump"
    }
    assert of(found, "Cheney", "a1").actor == "Dick Cheney"
    assert of(found, "Cheney", "a2").actor == "Dick Cheney"
    assert of(found, "Biden", "a3").actor == "Hunter Biden"
    assert of(found, "Trump", "a4").actor == "Donald Trump Jr."


def test_a_titled_surname_is_the_one_the_article_names_most_not_the_famous_one(corpus, with_packs):
    """ "Mr. Hutchinson" after the son is named in full twice and the governor (whom the
    pack knows) once: the son; a bare "Hutchinson" keeps the old choice."""
    found = corpus(
        [
            "Gov. Asa Hutchinson signed the bill. His son, Seth Hutchinson, disagreed. "
            "“I love my dad,” Seth Hutchinson said. Mr. Hutchinson has not always been "
            "the family's black sheep."
        ],
        with_packs,
    )
    assert of(found, "Hutchinson").actor == "Seth Hutchinson"


def test_relatives_stay_apart(corpus, with_packs):
    found = corpus(
        [
            "Donald Trump Jr. met Ivanka Trump in New York. Trump Jr. said the talks went well.",
            "Donald Trump spoke in Texas. Trump said the wall would be built.",
        ],
        with_packs,
    )
    assert of(found, "Trump Jr.").actor == "Donald Trump Jr."
    assert of(found, "Ivanka Trump").actor == "Ivanka Trump"
    assert of(found, "Trump", "a1").actor == "Donald Trump"
    assert of(found, "Donald Trump Jr.").actor != "Donald Trump"


def test_plain_surname_is_the_jr_named_before_it(corpus, with_packs):
    found = corpus(
        [
            "Roger J. Stone Jr., a longtime adviser, was indicted on Friday. Mr. Stone "
            "denied the charges.",
            "Representative Jesse L. Jackson Jr. pleaded guilty. Mr. Jackson wept. His "
            "father, the Rev. Jesse Jackson, sat behind him. Mr. Jackson left the court.",
            "Donald Trump Jr. met the lawyer in June. President Trump defended his son.",
        ],
        with_packs,
    )
    assert of(found, "Stone").actor == "Roger J. Stone Jr."  # not a namesake in the pack
    jackson = [m.actor for m in found if m.article_id == "a1" and m.text == "Jackson"]
    assert jackson == ["Jesse Jackson Jr.", "Jesse Jackson Jr."]  # the pack's, before and after
    assert of(found, "Jesse Jackson").actor == "Jesse Jackson"  # the father stays apart
    assert of(found, "Trump", "a2").actor == "Donald Trump"  # an office title: the father


def test_plain_surname_named_first_stays_that_person_after_the_jr(corpus, with_packs):
    found = corpus(
        [
            "Mr. Trump praised the adviser. Donald Trump Jr. met him in June. Later "
            "Mr. Trump called him a friend.",
            "Donald Trump Jr. met the lawyer in June. Mr. Trump, the president's son, "
            "later released the messages.",
        ],
        with_packs,
    )
    first = [m.actor for m in found if m.article_id == "a0" and m.text == "Trump"]
    assert first == ["Donald Trump", "Donald Trump"]  # the father, named first, both times
    assert of(found, "Trump", "a1").actor == "Donald Trump Jr."  # the son, named first


def test_a_name_with_jr_in_one_article_and_without_in_another_is_one_person(corpus, with_packs):
    mentions = corpus(
        [
            "Roger J. Stone Jr. appeared in court on Friday. Mr. Stone said nothing.",
            "Roger Stone, a longtime adviser, arrived early.",
            # two people in one article: father and son stay apart everywhere
            "Gloria Vanterpool Jr. visited the plant. Gloria Vanterpool, her mother, stayed.",
            "Gloria Vanterpool spoke at the dinner.",
            # the pack knows the father: "Donald Trump Jr." stays his own actor
            "Donald Trump Jr. spoke in Ohio.",
            "Donald Trump spoke in Iowa.",
        ],
        with_packs,
    )
    assert of(mentions, "Roger Stone").actor == "Roger J. Stone Jr."
    assert of(mentions, "Stone").actor == "Roger J. Stone Jr."
    assert of(mentions, "Gloria Vanterpool", "a3").actor == "Gloria Vanterpool"
    assert of(mentions, "Gloria Vanterpool Jr.").actor == "Gloria Vanterpool Jr."
    assert of(mentions, "Donald Trump Jr.").actor == "Donald Trump Jr."
    assert of(mentions, "Donald Trump", "a5").actor == "Donald Trump"


def test_place_abbreviation_ending_a_sentence_is_no_first_name(corpus, no_packs):
    found = corpus(
        [
            "Sandra Jackson appeared before a judge in Washington, D.C. Jackson's lawyer "
            "spoke after the hearing.",
        ],
        no_packs,
    )
    assert not [m for m in found if "D.C." in m.text]
    assert of(found, "Jackson").actor == "Sandra Jackson"


def test_ambiguous_surname_is_never_a_corpus_wide_guess(corpus, with_packs):
    found = corpus(
        [
            "Bill Clinton gave a speech in Arkansas on Friday.",
            "Hillary Clinton met voters in Iowa.",
            "Clinton said the campaign was going well.",
        ],
        with_packs,
    )
    assert of(found, "Clinton", "a2").actor == "Clinton"


def test_surname_links_to_the_full_name_in_its_own_article(corpus, with_packs):
    found = corpus(
        [
            "Bill Clinton gave a speech in Arkansas on Friday.",
            "Hillary Clinton met voters in Iowa. Clinton said the campaign was going well.",
        ],
        with_packs,
    )
    assert of(found, "Clinton", "a1").actor == "Hillary Clinton"


def test_sentence_opening_words_are_no_part_of_a_name(corpus, with_packs):
    found = corpus(
        ["Barack Obama spoke on Monday.\n\nPlus Obama said he would return to Chicago."],
        with_packs,
    )
    assert not [m for m in found if m.text.startswith("Plus")]
    assert {m.actor for m in found if m.type == "person"} == {"Barack Obama"}


def test_a_possessive_inside_an_entity_splits_it(corpus, with_packs):
    found = corpus(["Donald Trump posted again. Trump's Twitter account was busy."], with_packs)
    assert not [m for m in found if "Twitter" in m.actor and m.type == "person"]


# --------------------------------------------------------------------------- camps


def test_text_marker_before_the_title(corpus, with_packs):
    found = corpus(["Republican Sen. Bob Smithers said the bill was dead."], with_packs)
    smithers = [m for m in found if m.actor == "Bob Smithers"][0]
    assert (smithers.camp, smithers.camp_source) == ("Republican Party", "text")


def test_party_state_tag_after_the_name(corpus, with_packs):
    found = corpus(
        [
            "Sen. Alma Quenby (D-Mass.) said the vote would come soon. "
            "Rep. Ted Vorn, R-Ariz., agreed."
        ],
        with_packs,
    )
    quenby = [m for m in found if m.actor == "Alma Quenby"][0]
    vorn = [m for m in found if m.actor == "Ted Vorn"][0]
    assert (quenby.camp, quenby.camp_source) == ("Democratic Party", "text")
    assert (vorn.camp, vorn.camp_source) == ("Republican Party", "text")


def test_pack_gives_a_party_and_no_packs_gives_none(corpus, with_packs, no_packs):
    text = ["Nancy Pelosi said the House would vote on Friday."]
    pelosi = [m for m in corpus(text, with_packs) if m.actor == "Nancy Pelosi"][0]
    assert (pelosi.camp, pelosi.camp_source) == ("Democratic Party", "pack")
    without = [m for m in corpus(text, no_packs) if m.actor == "Nancy Pelosi"][0]
    assert without.camp is None and without.camp_source == ""


def test_table_wins_over_text_and_pack(corpus, tmp_path):
    table = tmp_path / "mine.csv"
    table.write_text(
        "pattern,actor,camp,type,note\nNancy Pelosi,Nancy Pelosi,Speaker's office,person,\n",
        encoding="utf-8",
    )
    aliases = load_aliases(table)
    found = corpus(["Democratic Rep. Nancy Pelosi said the House would vote."], aliases)
    pelosi = [m for m in found if m.actor == "Nancy Pelosi"][0]
    assert (pelosi.camp, pelosi.camp_source) == ("Speaker's office", "table")


def test_title_fragments_and_places_are_never_camps(corpus, with_packs):
    found = corpus(
        [
            "House Speaker Walt Brimley said the vote would wait.",
            "Controversial Maine Gov. Paul Lemmon spoke to reporters.",
        ],
        with_packs,
    )
    camps = {m.camp for m in found if m.type == "person"}
    assert not camps & {"House", "Controversial Maine", "Maine"}


def test_name_fragments_spacy_cut_off_are_never_camps(corpus, with_packs):
    found = corpus(
        [
            "The mayor spoke first.\n\nTea party activist Jon Varga, who co-founded a local "
            "group called Civic Chips, disputed the claims.",
            "But the contentious Clarence Thomas hearing in 1991 produced a 52-48 split that "
            "pushed Thomas over the finish line.",
        ],
        with_packs,
    )
    camps = {m.camp for m in found if m.type == "person"}
    assert not camps & {"Tea", "Clarence"}


def test_party_names_are_normalised(corpus, with_packs):
    found = corpus(
        ["The GOP lost the seat. Republicans said Democrats had spent more."], with_packs
    )
    assert of(found, "The GOP").actor == "Republican Party"
    assert {of(found, "The GOP").camp, of(found, "Republicans").camp} == {"Republican Party"}
    assert of(found, "Democrats").camp == "Democratic Party"
    assert {of(found, t).type for t in ("The GOP", "Republicans", "Democrats")} == {"group"}


def test_party_groups_are_actors_in_their_camp(corpus, with_packs):
    found = corpus(
        ["House Republicans met on Tuesday, and Republican lawmakers said the bill would pass."],
        with_packs,
    )
    assert (of(found, "House Republicans").camp, of(found, "House Republicans").type) == (
        "Republican Party",
        "group",
    )
    lawmakers = [m for m in found if m.actor == "Republican lawmakers"][0]
    assert (lawmakers.type, lawmakers.camp) == ("group", "Republican Party")


def test_a_group_named_with_the_gop_is_the_partys_group(corpus, with_packs):
    """ "GOP candidates" was two mentions, the Republican Party and "candidates" with no
    camp; it is one group, named as another outlet's "Republican candidates" are."""
    found = corpus(
        [
            "Earlier in the campaign, GOP candidates signed a pledge.",
            "Republican candidates signed a pledge, and Democrat senators objected.",
        ],
        with_packs,
    )
    gop = of(found, "GOP candidates")
    assert (gop.actor, gop.type, gop.camp) == ("Republican candidates", "group", "Republican Party")
    assert of(found, "Republican candidates").actor == "Republican candidates"
    assert of(found, "Democrat senators").actor == "Democratic senators"
    assert not [m for m in found if m.text == "GOP"]


def test_independent_before_a_group_noun_is_no_party(corpus, with_packs):
    """ "Independent engineers" are unaffiliated engineers, not a group of the
    Independent camp the marker gives a senator ("Bernie Sanders, I-Vt.")."""
    found = corpus(
        ["Independent engineers consulted by the paper said the dam was sound."], with_packs
    )
    engineers = of(found, "Independent engineers")
    assert (engineers.type, engineers.camp) == ("group", None)


def test_camp_source_column(corpus, with_packs):
    assert MENTION_COLUMNS[-1] == "camp_source"
    found = corpus(["Nancy Pelosi and Vladimir Putin spoke, and an aide said so."], with_packs)
    assert {m.camp_source for m in found} <= {*CAMP_SOURCES, ""}
    assert all(bool(m.camp) == bool(m.camp_source) for m in found)


# --------------------------------------------------------------------------- packs


def test_shipped_pack_loads_with_a_hash():
    packs = shipped_packs()
    assert [p.name for p in packs] == list(PACK_FILES)
    versions = pack_versions(packs)
    assert list(versions) == [name.removesuffix(".csv") for name in PACK_FILES]
    assert all(version.startswith("sha256:") for version in versions.values())
    aliases = load_aliases(packs=packs, include_default=False)
    assert aliases.actor_row("Joe Biden").camp == "Democratic Party"
    assert aliases.actor_row("Mitch McConnell").camp == "Republican Party"
    assert aliases.marker_camp("GOP") == "Republican Party"
    assert aliases.marker_camp("independent") is None  # markers are case-sensitive


@pytest.mark.skipif(not KNOWLEDGE.is_dir(), reason="../shared/knowledge absent")
def test_pack_is_rebuilt_byte_for_byte(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build", ROOT / "scripts" / "build_us_pack.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    out, terms = tmp_path / "us_politics.csv", tmp_path / "us_administrations.csv"
    build.main(["--source", str(KNOWLEDGE), "--out", str(out), "--administrations", str(terms)])
    assert out.read_bytes() == (PACKS_DIR / "us_politics.csv").read_bytes()
    shipped_terms = ROOT / "analysis" / "data" / "us_administrations.csv"
    assert terms.read_bytes() == shipped_terms.read_bytes()


# ------------------------------------------------------------------------ headlines


def test_record_text_starting_with_its_title_sets_it_aside(tmp_path):
    body = "Lawmakers met on Tuesday to discuss the budget, officials said."
    records = [
        {"id": "r1", "title": "Obama Willing to Talk", "text": "Obama Willing to Talk\n" + body},
        {"id": "r2", "title": "Unrelated title", "text": "Trump Lashes Out\n\n" + body},
        {"id": "r3", "title": "Budget talks", "text": body},
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    articles, problems = read_articles([path])
    assert not problems
    by_id = {a.id: a for a in articles}
    for article_id in ("r1", "r2"):
        article = by_id[article_id]
        assert article.body == body
        assert [s.kind for s in article.set_aside] == ["headline"]
        span = article.set_aside[0]
        assert article.text[span.start : span.end] == span.text
    assert by_id["r3"].body == body and not by_id["r3"].set_aside


def test_administration_is_an_executive_actor_in_its_presidents_camp(corpus, with_packs):
    found = corpus(
        [
            "The Trump administration sued the state. The administration said it would win.",
            "Barack Obama spoke. The Obama administration said the plan would work.",
        ],
        with_packs,
    )
    trump = of(found, "Trump administration")
    assert (trump.actor, trump.type, trump.camp) == (
        "Trump administration",
        "organisation",
        "Republican Party",
    )
    assert of(found, "The administration").actor == "Trump administration"
    assert of(found, "Obama administration").camp == "Democratic Party"


def test_a_campaign_is_its_candidates_organisation_in_their_camp(corpus, with_packs):
    found = corpus(
        [
            "Prosecutors say the Trump campaign colluded with Russia. The campaign denied "
            "it. Earlier in the campaign, Donald Trump praised WikiLeaks.",
            "Hillary Clinton's presidential campaign released a statement from her doctor "
            "declaring she is healthy.",
            "Donald Trump Jr. met the lawyer. The Trump campaign later said he did nothing.",
        ],
        with_packs,
    )
    trump = of(found, "Trump campaign", "a0")
    assert (trump.actor, trump.type, trump.camp, trump.role) == (
        "Trump campaign",
        "organisation",
        "Republican Party",
        "agent",
    )
    assert of(found, "The campaign").actor == "Trump campaign"
    assert not [m for m in found if m.text == "the campaign"]  # "in the campaign": a time
    assert of(found, "Donald Trump").actor == "Donald Trump"
    clinton = of(found, "Hillary Clinton's presidential campaign")
    assert (clinton.actor, clinton.camp) == ("Clinton campaign", "Democratic Party")
    # the candidate named as its possessor is what the pronouns after it are about
    assert of(found, "her").actor == of(found, "she").actor == "Hillary Clinton"
    assert of(found, "Trump campaign", "a2").actor == "Trump campaign"  # not "Jr. campaign"


def test_a_name_run_into_an_administration_is_no_pronouns_antecedent(article_mentions, with_packs):
    text = (
        "Rick Perry sought to draw a contrast with the Obama administration, which he "
        "criticized as weak."
    )
    found = article_mentions(text, with_packs)
    assert of(found, "Obama administration").actor == "Obama administration"
    assert of(found, "he").actor == "Rick Perry"


def test_the_president_may_be_the_one_named_in_his_campaign(article_mentions, with_packs):
    text = (
        "Joe Biden knew Lloyd Bentsen. The debate was supposed to be a reboot for the Obama "
        "campaign after the president's dismal performance last week."
    )
    found = article_mentions(text, with_packs, date="2012-10-12")
    assert of(found, "Obama campaign").camp == "Democratic Party"
    assert of(found, "the president").actor == "Obama"  # "Barack Obama" once linked


def test_a_former_president_is_not_the_president(article_mentions, with_packs):
    """ "the president" is the sitting one, not the "former President Bill Clinton"
    named just before (Fox, 2010); "the former senator" is still the former one."""
    text = (
        "The White House asked former President Bill Clinton to talk to Rep. Joe Sestak "
        "about a seat on the president's intelligence advisory board. President Obama "
        "said nothing improper happened. Former Sen. Joe Lieberman spoke. Sen. Marco "
        "Rubio agreed. The former senator left."
    )
    found = article_mentions(text, with_packs, date="2010-05-28")
    assert of(found, "the president").actor == "Barack Obama"
    assert of(found, "The former senator").actor == "Joe Lieberman"


def test_a_lone_surname_in_passing_is_not_the_packs_namesake(corpus, with_packs):
    """A surname the corpus never writes in full goes to the pack's one person of that
    name where it is someone (acts, or is written more than once), not where it is
    named once in passing: "In nearby Clayton" is no congresswoman, "the communist
    Castro government" no congressman."""
    found = corpus(
        [
            "In nearby Clayton, a grand jury began hearing evidence on Wednesday.",
            "Rubio said closer ties would only help the communist Castro government.",
            "Mr. Labrador said the president was not willing to work with them.",
        ],
        with_packs,
    )
    assert of(found, "Clayton").actor == "Clayton"
    assert of(found, "Castro").actor == "Castro"
    assert of(found, "Labrador").actor == "Raúl Labrador"


def test_an_executive_title_singles_out_the_pack_person_without_a_full_name(
    article_mentions, with_packs
):
    """ "Vice President Pence" in an article that never writes his full name is Mike
    Pence (the pack also holds Representative Greg Pence), and so is "Mr. Pence"."""
    text = (
        "Trump said he fired Flynn only for lying to Vice President Pence about the issue. "
        "Mr. Pence said nothing."
    )
    found = article_mentions(text, with_packs)
    pence = [m for m in found if m.text == "Pence"]
    assert [(m.actor, m.camp) for m in pence] == [("Mike Pence", "Republican Party")] * 2


def test_pack_readme_names_the_pack_checksum():
    import hashlib
    import re

    readme = (PACKS_DIR / "README.md").read_text(encoding="utf-8")
    for pack in shipped_packs():
        section = readme.split(f"## `{pack.name}`", 1)
        assert len(section) == 2, f"the pack README has no section on {pack.name}"
        found = re.search(r"sha256 \(first 12\) \| `([0-9a-f]{12})`", section[1])
        assert found, f"the pack README gives no checksum for {pack.name}"
        digest = hashlib.sha256(pack.read_bytes()).hexdigest()[:12]
        assert found.group(1) == digest, f"{pack.name} changed: update its README"
    assert "CC0" in readme and "build_us_pack.py" in readme


def test_run_json_names_the_packs_and_they_can_be_turned_off(tmp_path):
    from analysis.pipeline import run_analysis

    article = tmp_path / "pelosi.txt"
    article.write_text("Nancy Pelosi said the House would vote on Friday.\n", encoding="utf-8")
    own = tmp_path / "my_pack.csv"
    own.write_text(
        "pattern,actor,camp,type,note\nNancy Pelosi,Nancy Pelosi,Speakers,person,mine\n",
        encoding="utf-8",
    )
    with_packs = run_analysis([article], use_cache=False, loaded_model=False)
    assert list(with_packs.run["actor_packs"]) == [n.removesuffix(".csv") for n in PACK_FILES]
    mentions = with_packs.tables["mentions"]
    pelosi = mentions[mentions["actor"] == "Nancy Pelosi"].iloc[0]
    assert (pelosi["camp"], pelosi["camp_source"]) == ("Democratic Party", "pack")

    mine = run_analysis(
        [article], use_cache=False, loaded_model=False, use_packs=False, packs=[own]
    )
    assert list(mine.run["actor_packs"]) == [str(own)]
    mentions = mine.tables["mentions"]
    pelosi = mentions[mentions["actor"] == "Nancy Pelosi"].iloc[0]
    assert (pelosi["camp"], pelosi["camp_source"]) == ("Speakers", "pack")


def test_a_first_sentence_ending_inside_its_quote_is_no_headline():
    first = 'Sen. Ted Vorn on Friday lashed out at the mayor, accusing him of "bad faith."'
    article = make_article(
        first + "\n\nThe mayor did not answer.", article_id="q", detect_headline=True
    )
    assert not article.set_aside and article.body.startswith("Sen. Ted Vorn")


def test_apposed_party_word_and_party_title_are_text_markers(corpus, with_packs):
    found = corpus(
        [
            "Olympia Snowa, a Republican from Maine, said the bill was dead.",
            "Harry Reidy, the Democratic leader, objected.",
        ],
        with_packs,
    )
    snowa = [m for m in found if m.actor == "Olympia Snowa"][0]
    reidy = [m for m in found if m.actor == "Harry Reidy"][0]
    assert (snowa.camp, snowa.camp_source) == ("Republican Party", "text")
    assert (reidy.camp, reidy.camp_source) == ("Democratic Party", "text")


def test_short_and_long_given_names_are_one_person():
    """ "Jim Mattis" and "James Mattis" are one actor under the more frequent form;
    "Jim Mattis Jr." (named beside "Jim Mattis" in one article: two people) and "Jane
    Mattis" (another name) stay apart."""
    from analysis.actors import Mention

    def mention(article, name):
        return Mention(article, 0, len(name), name, name, None, "person", "other", "name")

    names = ["Jim Mattis", "Jim Mattis", "James Mattis", "Jim Mattis Jr.", "Jane Mattis"]
    articles = ["a0", "a1", "a2", "a0", "a4"]
    linked = link_across_articles([mention(a, n) for a, n in zip(articles, names, strict=True)])
    assert [m.actor for m in linked] == [
        "Jim Mattis", "Jim Mattis", "Jim Mattis", "Jim Mattis Jr.", "Jane Mattis",
    ]  # fmt: skip


def test_spellings_of_one_organisation_are_one_actor_across_articles(corpus, with_packs):
    found = corpus(
        [
            "The F.B.I. opened an inquiry into the leak on Monday.",
            "The FBI said on Tuesday that it had closed the case. The FBI declined to say more.",
            "The N.R.A. declined to comment on the report.",
            "Republicans on the House intelligence committee released a memo on Friday.",
            "The House Intelligence Committee issued a subpoena. The House Intelligence "
            "Committee also released a report.",
            "N.A.A.C.P. President Benjamin Jealous said the vote was historic.",
            "The NAACP held its convention. The NAACP elected new leaders.",
        ],
        with_packs,
    )
    dotted, plain = of(found, "F.B.I."), of(found, "FBI")
    assert (dotted.actor, dotted.type) == ("FBI", plain.type)
    assert of(found, "N.R.A.").actor == "N.R.A."  # no other spelling in the corpus
    lower = [m for m in found if m.article_id == "a3" and "committee" in m.text.lower()]
    assert lower and {m.actor for m in lower} == {"House Intelligence Committee"}
    jealous = of(found, "Benjamin Jealous")
    assert jealous.camp == "NAACP"  # a camp named after the organisation follows it


def test_a_family_is_a_group_not_a_person(corpus, with_packs):
    found = corpus(
        ["The Clintons have long denied the charges, and Bill Clinton said so again."],
        with_packs,
    )
    assert of(found, "Clintons").type == "group"
    assert of(found, "Bill Clinton").type == "person"


def test_mrs_and_mr_go_to_the_full_name_of_their_gender(corpus, with_packs):
    found = corpus(
        [
            "Hillary Rodham Clinton on Friday released her tax returns, showing that she and "
            "former President Bill Clinton earned $139 million. The disclosures were meant "
            "to highlight Mrs. Clinton's efforts at transparency. Mr. Clinton earned more "
            "from speeches."
        ],
        with_packs,
    )
    clintons = [m.actor for m in found if m.text == "Clinton"]
    hillary, bill = of(found, "Hillary Rodham Clinton").actor, of(found, "Bill Clinton").actor
    assert clintons == [hillary, bill]  # Mrs., then Mr.


def test_a_lower_case_word_is_no_persons_name(nlp):
    """spaCy tags the odd common noun as a person ("the van", "mañana" on BASIL): a name
    needs a capitalised surname; particles before it stay ("Ludwig van Beethoven")."""
    from analysis.actors.names import is_name as _is_name

    doc = nlp("Police hauled the van away. Ludwig van Beethoven wrote it.")
    index: dict[str, int] = {}
    for token in doc:
        index.setdefault(token.text, token.i)  # the first "van": the vehicle
    assert not _is_name(doc, index["van"], index["van"] + 1)
    assert _is_name(doc, index["Ludwig"], index["Beethoven"] + 1)
