"""Word lists and patterns of the attribution rules (grammar words, not the cue
lexicon: that is `analysis/lexicons/reporting_verbs.csv`)."""

from __future__ import annotations

import re

from analysis.lexicons import Cue

# ----------------------------------------------------------------- small word lists

#: Verbs that are cues only with a clause or a quote, never with a bare object
#: (sense guards: "claimed two lives", "added two goals", "knows the area").
CLAUSE_ONLY = frozenset(
    {
        "claim", "insist", "add", "believe", "think", "know", "feel", "hope", "fear",
        "worry", "expect", "understand", "see", "want", "like", "love", "hate", "need",
        "consider", "wish", "seem", "figure", "gather", "sense", "continue", "assume",
        "suspect", "guess", "reckon", "learn", "say", "write", "argue", "contend",
        "maintain", "assert", "explain", "suggest", "imply", "speculate", "predict",
        "recall", "realize", "realise", "conclude", "agree", "decide", "read", "post",
        "complain", "boast", "brag", "hint", "fume", "joke", "quip", "counter",
        "prove", "establish",
    }
)  # fmt: skip
#: Belief verbs: a cue only when a third party holds the belief ("he thinks"), not
#: the writer or the reader ("I think", "you know"), and not inside a question.
BELIEF_VERBS = frozenset({"think", "believe", "know", "see", "feel", "want", "hope", "wish",
                          "understand", "guess", "suppose", "reckon", "expect"})  # fmt: skip
#: Clause-only verbs that take an object when a person or an institution is the
#: subject ("he claimed vast wealth", "said as much") but not otherwise ("the fire
#: claimed two lives").
ANIMATE_OBJECT_VERBS = frozenset({"claim", "say"})
#: Speech verbs that make an attribution without content ("the campaign did not
#: respond", "Clinton spoke out"): the cue and the source are still worth a row.
CONTENTLESS_VERBS = frozenset({"respond", "comment", "testify", "reply"})
#: Nouns for people and bodies that speak: with one of these as subject, "say" and
#: "claim" take an object ("the nominee has not said much", "he claimed victory").
SPEAKER_NOUNS = frozenset(
    {"official", "spokesman", "spokeswoman", "spokesperson", "campaign", "government",
     "minister", "president", "lawyer", "source", "aide", "company", "people", "nominee",
     "candidate", "lawmaker", "senator", "leader", "critic", "expert", "analyst", "advocate",
     "voter", "resident", "member", "chorus", "governor", "mayor", "police", "prosecutor",
     "researcher", "economist", "percent", "majority", "group", "party", "committee",
     "administration", "agency", "department", "ministry", "court", "judge", "union"}
)  # fmt: skip
#: Titles that stand between a body and the name of the person who holds them in a
#: subject ("House Minority Whip Steny Hoyer", "Indivisible co-founder Ezra Levin",
#: "The National Organization for Women President Terry O'Neill"): the speaker is the
#: person. Lower case; "co" is the first piece of "co-founder" as spaCy splits it.
SPEAKER_TITLES = frozenset(
    {"whip", "leader", "president", "founder", "chairman", "chairwoman", "chair",
     "director", "spokesman", "spokeswoman", "spokesperson", "secretary", "ceo",
     "executive", "head", "counsel", "speaker", "senator", "sen.", "rep.", "governor",
     "gov.", "mayor", "minister", "ambassador", "commissioner", "chief", "manager",
     "strategist", "adviser", "advisor", "aide", "analyst", "attorney", "lawyer"}
)  # fmt: skip
ANIMATE_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "who", "you"})
#: A first-person subject inside a quote: the quote's own speaker speaking.
FIRST_PERSON_SPEAKERS = frozenset({"i", "we"})
#: Quantifiers that speak for the people they count ("many argue", "most say").
QUANTIFIER_SOURCES = frozenset({"many", "most", "some", "few", "others", "several"})
#: Verbs whose object is the addressee, not the content ("told reporters that ...").
ADDRESSEE_VERBS = frozenset(
    {"tell", "ask", "urge", "inform", "brief", "warn", "remind", "assure", "reassure",
     "advise", "call", "invite", "encourage", "implore", "beg", "notify", "instruct", "order"}
)  # fmt: skip
#: Modal auxiliaries that make speech hypothetical rather than reported.
HYPOTHETICAL = frozenset({"would", "could", "may", "might", "should", "must", "'d", "’d"})
#: Verbs that negate the cue they govern: "refused to confirm", "declined to comment".
NEGATING_HEADS = frozenset({"refuse", "decline", "fail"})
#: Verbs after which an infinitive report did happen ("continued to insist", "led her
#: to declare", "prompted Sanders to advocate"; with "go on" and "take to", in
#: `rules._realised`): on PolNeAR train a lexicon verb's infinitive under these is a
#: gold cue 24 of 40 times after "continue", 7 of 7 after "lead", 5 of 7 after
#: "prompt" and 27 of 30 after "go on", where under other heads it is about one in
#: five ("wants to talk", "plans to support", "asked him to condemn").
REALISING_HEADS = frozenset({"continue", "lead", "prompt"})
#: Heads of an infinitive report whose object, not subject, speaks ("the win led her
#: to declare ...", "what prompted Sanders to advocate ...").
CAUSING_HEADS = frozenset({"lead", "prompt"})
#: Nouns that frame a reporting context, not a cue of their own ("in a statement").
FRAME_NOUNS = frozenset(
    {"statement", "interview", "speech", "tweet", "post", "letter", "briefing", "conference",
     "release", "email", "memo", "message"}
)  # fmt: skip
#: Things a message is made of: an unknown verb acting on one of these ("released an
#: ad", "sent a letter") may be a report; acting on anything else ("fired Comey",
#: "passed a bill") it is an act, not an attribution (`model._an_act`).
MESSAGE_NOUNS = FRAME_NOUNS | frozenset(
    {"ad", "advertisement", "comment", "remark", "warning", "video", "op-ed", "column",
     "announcement", "note", "editorial", "essay", "report", "reply", "response",
     "question", "argument", "claim", "word", "theme", "point", "case", "view"}
)  # fmt: skip
#: Nouns of something said or thought that, as the subject of "be", introduce what it
#: was ("Rubio's answer was that ...", "The idea is that ...", "her campaign slogan is
#: “...”"), besides the lexicon's noun cues; the writer's own framing nouns ("the
#: problem is", "the reason is", "the fact is") are not among them, nor is "question"
#: ("the question is whether ...": the writer's more often than anyone's), though the
#: lexicon lists it (`NOT_COPULAR_NOUNS`).
COPULAR_CONTENT_NOUNS = frozenset(
    {"idea", "point", "slogan", "phrase", "line", "mantra", "motto", "refrain", "pitch",
     "takeaway", "implication", "conclusion", "excuse", "rationale", "reasoning",
     "thinking", "consensus", "assessment", "verdict", "impression", "expectation",
     "premise", "hope", "view", "message", "answer", "response"}
)  # fmt: skip
NOT_COPULAR_NOUNS = frozenset({"question"})
#: Of those, the nouns whose content may be a bare quote ("her slogan is “...”");
#: after others a quote is someone's verdict on the noun ("his comment was
#: “intolerable”"), not what it said.
QUOTED_CONTENT_NOUNS = frozenset(
    {"slogan", "phrase", "motto", "mantra", "refrain", "line", "message", "answer", "response"}
)
#: Words that open a clause of content without a verb of its own in the span.
CLAUSE_OPENERS = frozenset({"that", "whether", "if", "how", "why", "what", "when", "who"})
#: Prepositions that carry the charge or the terms of a cue's object, which belong to
#: what was said: "accused the NAACP of playing the race card", "criticized Rubio for
#: opposing ...", "portrayed the programs as a trade-off", "blamed the law on ...",
#: "likened the deal to ...".
OBJECT_COMPLEMENTS = frozenset({"of", "for", "as", "with", "on", "over", "to"})
#: Verbs that name their object something: the name is part of what was said
#: ("branded it the 'Democrat Politician Protection Act'", "labelled him a traitor").
NAMING_VERBS = frozenset("brand label dub term deem pronounce declare".split())
#: Raising verbs: their subject is what the impression is about, not who holds it
#: ("the plan seems risky"); the holder is the writer unless named ("seems to me").
RAISING_VERBS = frozenset({"seem", "appear", "look"})
#: Aspect verbs: with an infinitive that is no cue they say how long something went
#: on, not that anyone spoke ("the lead continues to grow", "continue to back her";
#: "continued to insist that ..." stays a report).
ASPECT_VERBS = frozenset({"continue", "keep", "begin", "start", "resume"})
#: "look" as a gaze, not an impression or a search: a direction ("looked back in the
#: direction of his father", "looked at the crowd"; "looked at the number of murders"
#: is read as an examination by PolNeAR no more often).
LOOK_AWAY = frozenset({"back", "away", "down", "up", "around", "out"})
LOOK_TOWARD = frozenset({"in", "into", "at", "toward", "towards", "across", "over", "around"})
#: Lemmatiser slips of en_core_web_sm on cue words: (lemma, word) -> lemma.
LEMMA_FIXES = {("hop", "hopes"): "hope", ("hop", "hoped"): "hope", ("hop", "hoping"): "hope"}
#: Prepositions that introduce what a speech act is about ("warned against ...").
TOPIC_PREPOSITIONS = frozenset({"about", "against", "for", "of", "on", "over"})
#: Nouns after "on" that name how or where one spoke, not what about ("spoke on
#: condition of anonymity", "on the record", "on camera", "on behalf of", "on a radio
#: show"); an outlet, place or person after "on" is a channel too ("on ABC").
CHANNEL_NOUNS = frozenset(
    {"condition", "anonymity", "record", "background", "camera", "behalf", "air", "phone",
     "telephone", "television", "tv", "radio", "show", "program", "programme", "podcast",
     "broadcast", "channel", "stage", "floor", "line", "video", "twitter", "facebook"}
)  # fmt: skip
#: Verbs whose bare object is a language or a length of time, never what was said
#: ("spoke Hebrew", "speaking a little while later").
NO_OBJECT_VERBS = frozenset({"speak"})
#: Verbs that make a noun cue their subject's act ("voiced concern that ...") or
#: its target's lot ("faced criticism for ...", no source given).
SPEAKING_LIGHT_VERBS = frozenset(
    {"raise", "voice", "express", "make", "issue", "level", "offer", "deliver", "repeat",
     "reiterate", "renew", "launch", "share", "lodge", "file"}
)  # fmt: skip
RECEIVING_LIGHT_VERBS = frozenset({"face", "draw", "receive", "attract", "spark", "prompt"})
#: Verbs by which a subject gets others' judgement: "The proposal has drawn harsh
#: criticism from fellow GOP presidential hopefuls", "won overwhelming support from
#: members of Congress", "came under fire from Trump" (`received`).
RECEIVING_VERBS = (RECEIVING_LIGHT_VERBS - {"prompt"}) | {"earn", "win", "garner", "get"}
#: What is received in that construction, with the lexicon entry whose stance it
#: carries. On PolNeAR train a receiving verb with one of these nouns and a "from" or
#: "of" giver is a gold cue (source: the giver; content: the receiver) in most cases.
RECEIVED_NOUNS = {
    "criticism": "criticism", "condemnation": "condemnation", "complaint": "complaint",
    "fire": "criticism", "backlash": "criticism", "ire": "criticism", "outrage": "criticism",
    "wrath": "criticism", "rebuke": "rebuke", "scorn": "criticism", "ridicule": "criticism",
    "pushback": "push back", "opposition": "oppose", "praise": "praise",
    "applause": "praise", "support": "support", "endorsement": "endorse",
}  # fmt: skip
#: Verbs that make a cue noun their object a cue ("took a swipe at", "drew criticism").
LIGHT_VERBS = SPEAKING_LIGHT_VERBS | RECEIVING_LIGHT_VERBS | {"take"}
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
#: Verbs of receiving or perceiving: a participle on their object speaks for that
#: object ("received 911 calls saying ...", "saw a Republican administration defending
#: ..."), where on the object of other verbs it speaks for their subject ("she issued a
#: statement calling ...", "Trump released an ad calling it ...": `sources._source_token`).
OBJECT_SPEAKS_VERBS = frozenset(
    {"receive", "get", "see", "hear", "read", "watch", "find", "feature", "recruit", "show",
     "cite", "include"}
)  # fmt: skip
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})

OPENING_DOUBLE = "“„«"
CLOSING_DOUBLE = "”»"
QUOTE_CHARS = re.compile(r"''|``|[“”„«»\"‘’']")
STANCE_DEFAULT = Cue("", "verb", "other", 0.0, 0, "")
#: A quote signed with a dash: '“...” ― Sonya Herridge'.
DASH_SIGNATURE = re.compile(
    r"[ \t\u00a0]*(?:\n[ \t\u00a0]*)?(―|—|–|--)[ \t\u00a0]*([A-Z][^\n.,;:“”\"]{1,60})"
)
#: A quote signed on a paragraph of its own, as fact-checks do: '"... pay zero
#: taxes."' then a blank line and "- Sanders." (a hyphen too; one to four capitalised
#: words; not a section line set between dashes, "– An immigrant himself –.").
DASH_SIGNATURE_PARAGRAPH = re.compile(
    r"[ \t\u00a0]*\n[ \t\u00a0]*\n[ \t\u00a0]*(-|―|—|–|--)[ \t\u00a0]*"
    r"((?:[A-Z][\w'’]*\.?[ \t\u00a0]+){0,3}[A-Z][\w'’]*)\.?[ \t\u00a0]*(?=\n|$)"
)
#: A line opening with a speaker and a colon: transcripts ("PENCE: Well, ...") and
#: headlines ("Pat Caddell: Democrat voters worried ...").
COLON_SPEAKER = re.compile(
    r"(?m)^[ \t]*[\"“]?([A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,3}):[ \t]+(\S[^\n]*)$"
)
#: Words opening a clause of time or condition: such a clause before a cue is when it
#: spoke, not what it said ("When told Perez was in the Cabinet, Bush thought ...",
#: where the parser hangs the clause on the cue).
TIME_CONJUNCTIONS = frozenset("when whenever after before once since until while if".split())
#: Participles of verbs of feeling whose passive subject is the one who feels
#: ("Trump was miffed over ...", "voters were angered by ..."): the source, where
#: other passives' subjects are what is talked about ("he was accused of ..."). Also
#: the opinions a poll or a field holds ("The voters are split on whether ...", "is
#: still persuaded of the benefits": PolNeAR train marks the subject as the source).
PSYCH_PARTICIPLES = frozenset(
    """alarmed amazed angered annoyed appalled baffled befuddled bothered concerned
    confused convinced delighted disappointed disgusted dismayed displeased disturbed enraged
    exasperated excited frustrated heartened horrified impressed incensed infuriated
    irritated miffed offended outraged perplexed pleased puzzled relieved saddened
    satisfied shocked stunned surprised thrilled troubled unimpressed upset
    worried split divided persuaded torn""".split()
)
#: Subjects whose "find" + object is a finding ("the survey found broad support"), not a
#: thing found ("agents found the tunnels").
FINDING_SOURCES = frozenset(
    {"poll", "survey", "study", "report", "analysis", "review", "investigation", "audit",
     "research", "researcher", "scientist", "investigator", "inquiry", "probe", "panel",
     "commission", "jury", "court", "judge", "inspector", "auditor", "test", "data",
     "article", "paper", "author", "book", "document", "memo", "estimate", "model"}
)  # fmt: skip
#: An audience's reaction: "as the crowd cheered" is when something was said, not a
#: report of it (PolNeAR train and dev: 0 of 9 such "as" clauses).
REACTION_VERBS = frozenset(
    {"cheer", "applaud", "boo", "jeer", "laugh", "clap", "chant", "roar", "gasp", "groan"}
)
#: Verbs of purpose that an instrument can have without anyone speaking: "The law aims
#: to protect", "the bill seeks to", "a measure intended to". With a subject from
#: `INSTRUMENT_NOUNS` they are the writer's description, not a source's attitude (a
#: user's report on BASIL, issue 16; PolNeAR train and dev annotate 4 of 11 such uses).
PURPOSE_VERBS = frozenset("aim seek intend try attempt want design mean".split())
#: Laws, bills and other instruments, and devices ("the device, which is intended to
#: locate underground lines", PolNeAR train): no source of their own ("the campaign"
#: and "the effort" are people at work, and stay).
INSTRUMENT_NOUNS = frozenset(
    {"law", "bill", "measure", "legislation", "act", "amendment", "policy", "rule",
     "order", "proposal", "plan", "program", "programme", "regulation", "reform",
     "provision", "initiative", "ad", "advertisement", "ordinance", "statute",
     "resolution", "treaty", "deal", "agreement", "lawsuit", "suit", "budget",
     "device", "tool", "machine", "technology", "software", "equipment", "system"}
)  # fmt: skip
#: Denial cues that can refuse a thing instead of denying a claim: "rejected a
#: subpoena", "dismissed the lawsuit", "denied access" are refusals (stance `other`),
#: "rejected the claim that ...", "denied involvement" denials (a user's report on
#: BASIL, issue 16: "rejected a subpoena" counted as a denial).
REFUSAL_VERBS = frozenset({"reject", "dismiss", "deny"})
#: What "reject" and "dismiss" deny when they deny something said: their object must
#: be one of these (or a clause, or a pronoun) for the stance to stay `denial`.
CLAIM_NOUNS = frozenset(
    {"claim", "accusation", "allegation", "charge", "suggestion", "notion", "idea",
     "assertion", "criticism", "critic", "characterization", "characterisation",
     "premise", "story", "report", "reporting", "news", "comparison", "account",
     "rumor", "rumour", "speculation", "argument", "description", "theory", "narrative",
     "assessment", "conclusion", "finding", "contention", "insinuation", "implication",
     "label", "portrayal", "comment", "remark", "interpretation", "depiction", "concern",
     "fear", "talk", "question", "possibility", "prospect", "likelihood", "threat",
     "warning", "poll", "survey", "result", "view", "suspicion", "complaint", "attack",
     "statement", "analysis", "evidence", "link", "option"}
)  # fmt: skip
#: What "deny" refuses rather than denies: "denied access", "denied a request".
DENIED_THINGS = frozenset(
    {"access", "permission", "request", "application", "entry", "visa", "bail",
     "benefit", "service", "motion", "petition", "appeal", "license", "licence",
     "permit", "funding", "coverage", "admission", "membership", "recognition",
     "passage", "asylum", "clearance", "vote", "hearing", "seat", "opportunity"}
)  # fmt: skip
#: Objects that make "find" a finding whoever finds: "found no evidence", "no fault".
FINDING_OBJECTS = frozenset(
    {"evidence", "proof", "sign", "indication", "record", "fault", "link", "wrongdoing"}
)
#: Nouns whose "in" phrase names the source of a finding ("leads in the poll").
POLL_NOUNS = frozenset({"poll", "survey"})
#: Words of a headline's label that make it a kicker, not a speaker ("Breaking: ...",
#: "BOOM: Trump Just Fired ...", "Revealed: ...", "FIX IS IN: ..." — a label with a
#: verb is a phrase, not a name; read off PolNeAR train headlines).
HEADLINE_KICKERS = frozenset(
    """alert boom bombshell breaking busted clarification correction exclusive latest
    leaked look photos revealed update updated video watch wow is are was were""".split()
)
#: Lower-case words a name before a colon may hold ("Former AG Mukasey at RNC",
#: "Clinton camp", "WSJ editorial", "Blumenthal and Cohen").
NAME_GLUE_WORDS = frozenset(
    "of the and at on from in to camp campaign editorial statement spokesman spokeswoman".split()
)
#: Lexicon entry used for cues made of layout (a dash, a colon): neutral by position.
LAYOUT_CUE = Cue("", "phrase", "neutral", 0.0, 0, "kit team (layout cue)")
#: The cue of a COPULAR_CONTENT_NOUNS noun the lexicon does not list.
COPULAR_CUE = Cue("", "noun", "neutral", 0.0, 0, "kit team (copular message noun)")

#: Words that open what was asked or challenged after a "by" agent ("Asked by
#: Starnes if he believed ...", "Challenged by Diane Sawyer on her speaking fees").
AFTER_AGENT = frozenset({"if", "whether", "about", "on", "over"})
