"""Roles in the clause, and which mention an attribution's speaker span denotes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from spacy.tokens import Doc

from analysis.actors.base import BODY_WORDS, KIN_NOUNS, RELATION_NOUNS, Cand, Mention, end_char
from analysis.resolve import ORGANISATION_WORDS, doc_text


def role_of(doc: Doc, cand: Cand) -> str:
    """The mention's role in its clause, from the dependency of its head token."""
    token = doc[cand.root_i if cand.root_i is not None else cand.j - 1]
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    dep, head = token.dep_, token.head
    if cand.resolution == "nationality" or dep in ("poss",):
        return "possessor"
    if dep in ("nsubj", "csubj"):
        return "agent"
    if dep in ("nsubjpass", "dobj", "dative", "oprd"):
        return "patient"
    if dep == "pobj":
        prep = head.lower_
        if prep == "by":
            return "agent"
        if prep in ("against", "on", "at") and head.head.pos_ in ("NOUN", "VERB"):
            return "patient"
        if prep == "of" and head.head.pos_ == "NOUN":
            return "possessor"
        return "other"
    if dep in ("compound", "nmod", "amod") and head.pos_ in ("NOUN", "PROPN"):
        return "possessor"
    return "other"


def speaker_choices(
    doc: Doc, cands: list[Cand], speaker_spans: Sequence[tuple[int, int]]
) -> set[int]:
    """For each speaker span, the one mention that is the speaker (see `actor_at`)."""
    picks: set[int] = set()
    text = doc_text(doc)
    for start, end in speaker_spans:
        inside = [c for c in cands if c.actor and doc[c.i].idx < end and end_char(doc, c) > start]
        phrase = text[start:end]
        if _not_their_voice(phrase) and all(end_char(doc, c) < end for c in inside):
            continue
        chosen = _pick(
            [(c, doc[c.i].idx, end_char(doc, c), role_of(doc, c)) for c in inside], start, end
        )
        if chosen is not None:
            picks.add(id(chosen))
    return picks


def _not_their_voice(phrase: str) -> bool:
    """Whether a speaker phrase names someone other than the mentions before its head:
    a relation ("his wife", `_someone_else`) or a former member ("a former NSA
    official", `_no_longer`)."""
    return _someone_else(phrase) or _no_longer(phrase)


def _someone_else(phrase: str) -> bool:
    """Whether a phrase ending on a kin or relation noun ("his wife", "Her sister",
    "her critics") names another person than the one its possessive names: the
    possessive is then no speaker."""
    words = phrase.strip().lower().split()
    if len(words) < 2:
        return False
    head = words[-1]
    if head.rstrip("s") in ("member", "one", "part"):  # "Tea Party members" are the group
        return False
    if _relation(head):
        return True
    # "One of Mr. Santorum's rivals for the nomination", "Many of Ms. Tlaib's new
    # colleagues": the relation right after the possessive, whatever follows it.
    # (Not "the Enquirer's parent company": the relation word must head the phrase.)
    for k, word in enumerate(words[:-1]):
        if not (word.endswith(("'s", "’s")) or word in ("his", "her", "their")):
            continue
        for n in range(k + 1, min(k + 3, len(words))):
            following = words[n + 1] if n + 1 < len(words) else None
            if _relation(words[n]) and (following is None or following in _AFTER_HEAD):
                return True
    return False


#: Words that make the one a phrase names someone who once belonged to what it names.
_FORMER = frozenset({"former", "onetime", "one-time", "retired", "ex"})


def _no_longer(phrase: str) -> bool:
    """Whether a phrase names a former member ("A former NSA official", "an ex-FBI
    agent"): the organisation named inside it is then not the speaker (a former
    official does not speak for the agency; "Former President Barack Obama" is still
    Obama, since his name heads the phrase)."""
    words = phrase.lower().replace("-", " - ").split()
    return any(w in _FORMER for w in words)


#: Words that may follow the head noun of a phrase ("rivals for the nomination").
_AFTER_HEAD = frozenset({"for", "of", "in", "at", "on", "from", "with", "and", "who", "to"})


def _relation(word: str) -> bool:
    return word in KIN_NOUNS or word in RELATION_NOUNS or word.rstrip("s") in RELATION_NOUNS


def _pick(items: list[tuple[Any, int, int, str]], start: int, end: int) -> Any:
    """The mention a span denotes: an exact match, else the mention that is not a
    possessor or modifier inside the span (the head: "Putin's spokesman Dmitry
    Peskov" → Peskov), persons first, leftmost."""
    if not items:
        return None
    exact = [it for it in items if it[1] == start and it[2] == end]
    if exact:
        return exact[0][0]
    heads = [it for it in items if it[3] != "possessor"] or items
    heads.sort(key=lambda it: (getattr(it[0], "type", "") != "person", it[1]))
    return heads[0][0]


def actor_at(
    mentions: Iterable[Mention],
    start: int,
    end: int,
    article_id: str | None = None,
    name: str | None = None,
) -> Mention | None:
    """The mention that a span of an article denotes (e.g. an attribution's speaker
    span), or None: an exact match, else the head mention inside the span.

    `name` is the text the span was resolved to elsewhere (an attribution's `speaker`,
    e.g. "Gustav Reim" for an "I" inside his quote): when no mention covers the span,
    the article's mention of that name (as actor or as written) is returned."""
    mentions = [m for m in mentions if article_id is None or m.article_id == article_id]
    items = [(m, m.start, m.end, m.role) for m in mentions if m.start < end and m.end > start]
    if name and _not_their_voice(name) and all(it[2] < end for it in items):
        return None
    found = _pick(items, start, end)
    modifier = (  # a state or a legislative body in front of a role: "the Texas governor"
        found is not None
        and found.end < end
        and (
            found.type == "state"
            or (found.type == "organisation" and found.actor.lower() in BODY_WORDS)
        )
    )
    if (found is None or modifier) and name:
        # No mention, or only a place or body modifying the phrase's head ("the House
        # speaker", "the Texas governor"): the person the span was resolved to.
        low = name.strip().lower().removeprefix("the ")  # "the U.S. Conference of ..."
        named = [
            m
            for m in mentions
            if low in (m.actor.lower(), m.text.lower().removeprefix("the "))
            and (not modifier or m.type == "person")
        ]
        if not named and not modifier:
            # "Vanity Fair magazine, which estimated ...": a name the phrase opens with,
            # written just before it, and then only a word saying what it is.
            named = [
                m
                for m in mentions
                if m.end <= start
                and start - m.end <= len(name) + 2
                and _name_and_kind(low, m.text.lower().removeprefix("the "))
            ]
        if named:
            found = min(named, key=lambda m: abs(m.start - start))
        elif modifier:
            # "a freshman House Democrat", "The Republican Senate caucus": a member of
            # the party group the article names, not the chamber in front of the role.
            found = _party_group(mentions, low, found)
    return found


def _stems(words: Iterable[str]) -> set[str]:
    return {w.removesuffix("s")[:8] for w in words if w.isalpha() and len(w) > 3}


_BODY_STEMS = _stems(BODY_WORDS)


def _party_group(mentions: Sequence[Mention], phrase: str, body: Mention) -> Mention:
    """The article's group of another camp than `body` whose name shares a word with
    `phrase` beyond the words of bodies and of `body` itself ("House Democrats" for "a
    freshman House Democrat", "Republican Party" for "The Republican Senate caucus";
    not "Russian officials" for "the Russian foreign ministry"), the one sharing most;
    else `body`."""
    words = _stems(phrase.split())
    not_party = _BODY_STEMS | _stems(f"{body.actor} {body.text}".lower().split())
    best, best_overlap = body, 0
    for m in mentions:
        if m.type != "group" or not m.camp or m.camp == body.camp:
            continue
        own = _stems(m.actor.lower().split())
        if not (own - not_party) & words:
            continue
        overlap = len(own & words)
        if overlap > best_overlap:
            best, best_overlap = m, overlap
    return best


def _name_and_kind(phrase: str, name: str) -> bool:
    """Whether `phrase` is `name` and then only words for what kind of body it is
    ("vanity fair magazine"; not "gop candidate", "house conservatives")."""
    rest = phrase.removeprefix(name + " ").split() if phrase.startswith(name + " ") else []
    return bool(rest) and all(word in ORGANISATION_WORDS for word in rest)


def speaker_name(attribution: Any, mention: Mention | None) -> str | None:
    """The `speaker` text of an attribution once its span is joined to a mention: where
    the speaker is a pronoun or role noun ("He warned", "the president said") and the
    actor stage resolved that same span, the actor it resolved to. Both stages use the
    shared resolver, but the actor stage resolves among the article's corrected
    mentions (one actor per person, spaCy's misread tags mended), so its answer is
    the better one, and the row then names one person in `speaker` and `actor` alike
    (BASIL had 113 pronoun rows where the two disagreed: "Warner said. He warned ..."
    gave speaker Trump, actor Mark Warner). Otherwise the attribution's own text."""
    speaker = getattr(attribution, "speaker", None)
    if (
        mention is not None
        and attribution.resolution in ("pronoun", "nominal")
        and mention.resolution in ("pronoun", "nominal")
        and (mention.start, mention.end) == (attribution.speaker_start, attribution.speaker_end)
    ):
        return mention.actor
    return speaker


def speaker_actors(
    attributions: Iterable[Any], mentions: Iterable[Mention]
) -> list[Mention | None]:
    """For each attribution (anything with `article_id`, `speaker_start`, `speaker_end`
    and `speaker`), the mention its speaker span denotes, or None: what fills the
    `actor` and `camp` columns of attributions.csv."""
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_article[m.article_id].append(m)
    found = []
    for a in attributions:
        if a.speaker_start is None or a.speaker_end is None:
            found.append(None)
            continue
        found.append(
            actor_at(by_article.get(a.article_id, ()), a.speaker_start, a.speaker_end,
                     name=getattr(a, "speaker", None))
        )  # fmt: skip
    return found
