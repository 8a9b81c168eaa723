"""The shared reference resolver: referents with gender and role nouns, and pronouns,
role nouns and surnames resolved to the named person they refer to."""

from __future__ import annotations

from analysis.resolve import Referent, Resolution, referents, resolve


def _span(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def test_referents_kinds_gender_roles(nlp):
    text = (
        "Putin’s spokesman Dmitry Peskov said in Moscow that his office was calm. "
        "Ms. Anna Field, 26, was there too. Tomas Brill came later. He said little."
    )
    refs = referents(nlp(text))
    by_text = {r.text: r for r in refs}
    peskov = by_text["Dmitry Peskov"]
    assert peskov.kind == "person" and peskov.gender == "male"
    assert "spokesman" in peskov.roles
    assert by_text["Moscow"].kind == "place"
    assert by_text["Tomas Brill"].gender is None  # a later "He" is not evidence
    field = by_text["Anna Field"]
    assert field.gender == "female" and "26-year-old" in field.roles
    assert [r.start for r in refs] == sorted(r.start for r in refs)
    assert all(text[r.start : r.end] for r in refs)


def test_surname_mentions_carry_the_full_name(nlp):
    text = "Dmitry Peskov spoke first. Later Peskov spoke again."
    refs = [r for r in referents(nlp(text)) if r.kind == "person"]
    assert [r.text for r in refs] == ["Dmitry Peskov", "Dmitry Peskov"]
    assert text[refs[1].start : refs[1].end] == "Peskov"


def test_pronoun_goes_to_the_compatible_person(nlp):
    text = "Antony Blinken met Ms. Maria Okonkwo. She said the talks went well."
    doc = nlp(text)
    refs = referents(doc)
    res = resolve(doc, *_span(text, "She"), refs)
    assert isinstance(res, Resolution) and res.how == "pronoun"
    assert res.referent is not None and res.referent.text == "Maria Okonkwo"


def test_pronoun_prefers_the_recent_speaker(nlp):
    text = "Dmitry Peskov spoke. Antony Blinken listened. He said nothing."
    doc = nlp(text)
    refs = referents(doc)
    peskov = next(r for r in refs if r.text == "Dmitry Peskov")
    res = resolve(doc, *_span(text, "He"), refs, recent_speakers=[peskov])
    assert res.referent == peskov
    without = resolve(doc, *_span(text, "He"), refs)
    assert without.referent is not None and without.referent.text == "Antony Blinken"


def test_role_noun_phrase_goes_to_the_person_with_that_role(nlp):
    text = "The families hired the lawyer Jonas Pell. Tomas Brill spoke. The lawyer said more."
    doc = nlp(text)
    res = resolve(doc, *_span(text, "The lawyer"), referents(doc))
    assert res.how == "nominal" and res.referent is not None
    assert res.referent.text == "Jonas Pell"


def test_surname_and_organisation(nlp):
    text = "Mykhailo Podolyak spoke for Ukraine. Podolyak denied it. Ukraine agreed."
    doc = nlp(text)
    refs = referents(doc)
    surname = resolve(doc, *_span(text, "Podolyak", 1), refs)
    assert surname.how == "name" and surname.referent.text == "Mykhailo Podolyak"
    org = resolve(doc, *_span(text, "Ukraine", 1), refs)
    assert org.how == "organisation" and org.referent.kind == "place"


def test_unresolvable_is_none(nlp):
    text = "It rained. The spokesman said nothing."
    doc = nlp(text)
    res = resolve(doc, *_span(text, "The spokesman"), referents(doc))
    assert res.referent is None
    assert isinstance(Referent("x", 0, 1, "person", None, frozenset()), Referent)


def test_an_organisation_tag_on_a_persons_name_is_the_person(nlp):
    """spaCy tags "Trump said" ORG after "Donald Trump": the resolver's referent is the
    person (so a speaker's `resolution` is `name`, not `organisation`)."""
    text = "Donald Trump spoke on Monday. Trump said the wall would be built."
    doc = nlp(text)
    assert [e.label_ for e in doc.ents if e.text == "Trump"] == ["ORG"]  # the premise
    refs = [r for r in referents(doc) if r.start == _span(text, "Trump", 1)[0]]
    assert [(r.text, r.kind) for r in refs] == [("Donald Trump", "person")]
    assert resolve(doc, *_span(text, "Trump", 1), referents(doc)).how == "name"


def test_a_party_word_as_a_singular_noun_is_no_referent(nlp):
    """ "The governor, a Republican, ...": one unnamed member, not the group (a later
    "the governor" would resolve to it); plurals stay groups."""
    text = "The governor, a Republican, spoke. Democrats objected."
    refs = {r.start: r for r in referents(nlp(text))}
    assert _span(text, "Republican")[0] not in refs
    assert refs[_span(text, "Democrats")[0]].kind == "group"


def test_a_title_in_the_entity_is_not_the_fullest_name(nlp):
    """A first name the tagger left out is put back, but not "General" of "Attorney
    General": the later "Holder" is "Eric Holder", not "General Eric Holder"."""
    text = "Attorney General Eric Holder said the case was closed. Holder added little."
    doc = nlp(text)
    assert doc[doc.ents[0].start - 1].text == "General"  # the premise
    assert {r.text for r in referents(doc) if r.kind == "person"} == {"Eric Holder"}


def test_a_nationality_word_before_a_plural_thing_is_no_group(nlp):
    text = "Republican lawmakers objected on Christian grounds."
    texts = [r.text for r in referents(nlp(text))]
    assert "Republican lawmakers" in texts and "Christian grounds" not in texts


def _resolved(nlp, text: str, phrase: str, nth: int = 0):
    """(the resolution of the nth `phrase` of `text`, all referents of the text)."""
    doc = nlp(text)
    refs = referents(doc)
    return resolve(doc, *_span(text, phrase, nth), refs), refs


def _who(nlp, text: str, phrase: str) -> str | None:
    res, _ = _resolved(nlp, text, phrase)
    return res.referent.text if res.referent is not None else None


def test_a_title_before_a_name_gives_the_role_a_later_phrase_uses(nlp):
    """AP style writes "Gov. Asa Hale" and then "the governor": the abbreviated title is
    the role. Namesakes keep their own: the governor is not his son Seth Hale."""
    text = (
        "Gov. Asa Hale spoke in Tarrow. His son Seth Hale moved to Texas. "
        "On Wednesday, the governor said he would sign the bill."
    )
    res, refs = _resolved(nlp, text, "the governor")
    assert res.how == "nominal" and res.referent is not None
    assert res.referent.text == "Asa Hale"
    assert {r.text for r in refs if r.kind == "person"} == {"Asa Hale", "Seth Hale"}


def test_a_deputy_or_vice_role_is_another_role(nlp):
    text = (
        "Gov. Carl Brenner and Lt. Gov. Kim Dalton spoke. President Ann Voss and Vice "
        "President Tom Reyes arrived. The lieutenant governor said yes. The governor said "
        "no. The president said maybe. The vice president said nothing."
    )
    assert _who(nlp, text, "The lieutenant governor") == "Kim Dalton"
    assert _who(nlp, text, "The governor") == "Carl Brenner"
    assert _who(nlp, text, "The president") == "Ann Voss"
    assert _who(nlp, text, "The vice president") == "Tom Reyes"


def test_a_title_belongs_to_the_name_it_stands_before(nlp):
    """ "Vice President Tom Reyes's daughter Lia Reyes": the title is the father's; "the
    vice president" is not the daughter."""
    text = (
        "Vice President Tom Reyes's daughter Lia Reyes ran for the Senate. "
        "Lia Reyes won. The vice president said he was proud."
    )
    res, refs = _resolved(nlp, text, "The vice president")
    assert res.referent is not None and res.referent.text == "Tom Reyes"
    lia = [r for r in refs if r.text == "Lia Reyes"]
    assert lia and all("vice" not in r.roles for r in lia)


def test_a_place_in_front_of_a_role_is_not_the_referent(nlp):
    """ "the Texas governor" after "Texas Gov. Ann Lowe" is the governor; "US officials"
    (no one was given that role) stays the country's."""
    text = (
        "Texas Gov. Ann Lowe spoke in Iowa. US officials listened. \u201cWe will win,\u201d "
        "the Texas governor continued. US officials said nothing."
    )
    assert _who(nlp, text, "the Texas governor") == "Ann Lowe"
    officials, _ = _resolved(nlp, text, "US officials", nth=1)
    assert officials.how == "organisation"


def test_a_place_abbreviation_run_into_a_name_is_no_part_of_it(nlp):
    """ "in Washington, D.C. Jackson's wife ...": the sentence ran into the name; the
    referent (and so the speaker of "Jackson said") is "Jackson", not "D.C. Jackson"."""
    from analysis.resolve import referents

    doc = nlp("He spent the money in Washington, D.C. Jackson's wife was also charged.")
    names = [r.text for r in referents(doc)]
    assert "D.C. Jackson" not in names
    assert "Jackson" in names


def test_the_writers_they_is_people_not_the_body_named_before(nlp):
    """News style gives a body "it": the writer's "they" after "the House" is the
    people around it (BASIL: 26 of 30 such links were wrong)."""
    text = (
        "Democrats languished in the House minority for years. As the election loomed, "
        "they made it clear that the reforms came first."
    )
    assert _who(nlp, text, "they") == "Democrats"
    alone = "The bill stalled in the House for years. As the election loomed, they gave up."
    assert _who(nlp, alone, "they") is None


def test_in_a_quotation_they_may_be_a_body(nlp):
    text = (
        'Exxon Mobil spilled oil into the bay last spring. "Now they must clean it up," '
        "the mayor said."
    )
    assert _who(nlp, text, "they") == "Exxon Mobil"


def test_a_they_nearest_to_a_place_is_the_people_there(nlp):
    """The people of a place, whom no actor names: not the place, and not a group named
    further back."""
    text = (
        "Senate Democrats met on Monday. Flooding closed the roads in Ohio on Tuesday, "
        "and they asked for federal help."
    )
    res, _ = _resolved(nlp, text, "they")
    assert res.referent is None and res.how == "pronoun"


def test_a_recent_speaker_who_does_not_fit_is_no_referent(nlp):
    """The bonus for a recent speaker never makes an incompatible one eligible: "its"
    after a person who just spoke is not theirs ("knew each turbine by its sound")."""
    text = "Mira Orin spoke first. Her father knew each turbine by its sound."
    doc = nlp(text)
    refs = referents(doc)
    orin = next(r for r in refs if r.text == "Mira Orin")
    res = resolve(doc, *_span(text, "its"), refs, recent_speakers=[orin])
    assert res.referent is None
