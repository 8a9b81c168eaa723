"""Attribution: who said what, with which reporting cue.

One `Attribution` per reporting cue found in an article, with the columns of
`framing extract` (see the contract): the speaker as written and as resolved, the
cue and its stance from the reporting-cue lexicon, the content (what was said) as
one span, the quote type, negation and whether the cue stands inside a direct quote.

How cues are found by rule (over spaCy's dependency parse):

- a verb whose lemma (or verb + particle, "point out") is in the lexicon and that
  has speech content: a clausal complement ("said that ..."), an adjacent direct
  quote ("“...,” he said", "said: “...”", split quotes), a to-infinitive ("refused to
  ..."), or an object ("denied any involvement") for the verbs that take one;
- "according to X", and nouns of the lexicon with their owner and a clause
  ("X's claim that ...", "a statement by X that ...");
- participial and coordinated cues (", claiming that ...", "denied this, saying")
  take the subject of the verb they hang on; passive cues take the "by" agent, and
  an agentless passive ("a curfew was announced") has no source, its subject being
  what was said;
- multi-word cues written out ("made it clear", "as she put it"), a verb with the
  topic of its speech ("complained about the noise", "sees the plan as a trap"), a
  noun cue carried by a light verb ("expressed concern that ...": the subject speaks;
  "faced criticism over ...": no source), and an attitude stated with "be" and an
  adjective ("farmers are worried about ...", "it was clear that ...": no source);
- attitudes and intentions as PolNeAR annotates them, from the lexicon ("plans to",
  "hopes", "seems": the impression of "seem"/"appear" is the writer's, its subject part
  of the content, unless a person is its subject and its complement is a report of
  its own, "appeared to suggest", or it is "to" someone).

- layout cues: a quote signed with a dash ('“...” ― Sonya Herridge') and a speaker
  label opening a line ("PENCE: ...", in transcripts; "Pence: ..." in a headline, but
  not a kicker, "Breaking: ...", "BOOM: ...", nor an interview's "Q:" and "A:");
- a poll as the source of a finding: "in" + one poll named with a determiner ("In the
  latest Gallup poll, the governor led ...", "trails by four points in a new
  Quinnipiac poll"); the polls in general ("slipped in the polls") are no source;
- judgement received: "The proposal drew criticism from Democrats", "Kelly came
  under fire from Trump" — the giver is the source, the receiver the content
  (`received`); with no giver ("the plan drew criticism") there is no row;
- an infinitive that happened: "went on to say", "continues to insist", "took to
  Twitter to slam", "led Clinton to declare" (the object speaks); "X was quoted as
  saying ..." is one cue with X as its source.

Sense guards: "claim", "insist", "add" and the belief verbs need a clause or quote
("the fire claimed two lives", "insisted on a recount" are not attributions; "claim"
takes an object only with a person or institution as subject: "he claimed victory");
a passive "admit" or "admit to" + a noun is the hospital sense; "call" counts only
when it names ("called X a liar", 'what she called a “rant”', "call for", "call on");
hypothetical speech ("would say", "may suggest"; but "could not explain" stays),
imperatives ("Don't blame Bush"), infinitives ("obliged to report"; after
refuse/decline/fail the two verbs make one negated cue, "refused to confirm") and
beliefs reported inside what someone said ("said he thinks ...") are not
attributions of their own; nor are a participle used as a modifier ("pledged
delegates"), "find" of finding a thing ("found ways to", "found itself", "can be found
here"), a question put to the reader ("Do you support ...?") and a time as the topic
("voted on Friday"), what was not said ("without offering evidence"), "went on
Twitter" (a medium, not "go on") and a receiving verb ("drew criticism").

Reports inside reports: an attribution whose cue stands in another one's indirect
content ("Smith said Jones had denied it") is left out, as PolNeAR annotates only the
outer one (none of its 2,193 dev cues is nested); a participle after a comma or a
verb coordinated with the cue ("said ..., adding that ...", "said ... and warned
...") is the same speaker going on, and the outer content ends before it; so does a
coordinated clause with its own subject and cue after a comma ("said the real
extremist is Clinton, and he railed against the moderators"). Noun cues
("rejected X's claim that ...") and cues inside direct quotes are kept.

Speakers: the subject (or the "by" agent of a passive; none for an agentless
passive, nor for a deadline, "released by Friday evening"), the subject of the verb a
participle or coordinated cue hangs on, a relative pronoun's noun; resolved to a named
referent by `analysis.resolve` (pronouns, "the spokesman", surnames).
`speaker_start/end` are the span as written; `source_start/end` the source phrase, the
speaker with the titles before and the description after the name ("Douglas
Holtz-Eakin, an economist who ...": `sources.source_phrase`), as PolNeAR marks sources.
The one who feels is the source of a
passive verb of feeling ("Tiegen was troubled by Clinton's handling ..."); "he's said"
is "he has said"; a reduced passive has no named source ("Asked whether ..., Ryan
said": Ryan was asked, the asker is unnamed); a name the tagger read as another word
class ("Trump, however, paints ...") is still a speaker; a cue outside quotation
marks takes no speaker from inside them.

What was said: a direct quote closing the previous sentence is not the content of a
cue that has its own object or clause ('“...” Clinton touted her record on ...'), and
a participle after "said" takes its own object, not the quote ('“...,” Sanders said,
invoking the 2008 race').

Quotation marks are found once per document (`quote_spans`), curly and straight;
a quote left open at a paragraph end continues into the next paragraph when that
paragraph opens with a quotation mark (news style).

A learned model joins the rules (`model`; `extract_attributions(..., mode=...)`:
`combined`, the default, `rules` or `model`): a cue detector trained on PolNeAR train
drops rule cues it scores very low (never a quote, "according to" or a layout cue) and
adds the cues the rules miss, with content and source chosen by two more trained
scorers; the sense guards apply to its cues too, and a cue word outside the lexicon gets
stance `other`. The `tagger` mode (`framing analyze --attribution tagger`) blends in a
fine-tuned transformer's cue probabilities (`tagger`; slower, see its card).

Modules: `words` (grammar word lists), `quotes` (quotation marks), `cues` (the lexicon
as lookup tables), `clauses` (which clause a cue reports, and where the speaker's
own doings take over), `spans` (content from the parse, and the token helpers), `sources`
(the source: token, span and phrase), `rules` (cue matching), `guards` (the sense
guards the rules and the model share), `received` (judgement received),
`extract` (rows assembled), `record` (the row dataclass), `features`, `model` and
`train` (the learned components), `tagger` (the transformer).
"""

from __future__ import annotations

from analysis.attribution.extract import (
    DEFAULT_MODE,
    MODES,
    extract_attributions,
    quoted_speakers_follow,
)
from analysis.attribution.quotes import Quote, quote_spans
from analysis.attribution.record import Attribution

__all__ = [
    "DEFAULT_MODE",
    "MODES",
    "Attribution",
    "Quote",
    "extract_attributions",
    "quote_spans",
    "quoted_speakers_follow",
]
