"""Who met whom, as one article reports it: kind, date, place and whether it happened or is announced.

    extract_meetings(body, people, dates=DateContext, dateline="HÀ NỘI") -> list[MeetingRecord]

A meeting is read from one sentence that has a meeting phrase and named people on both sides:
"A held talks with B", "A met (with) B", "A received B", "A was received by B", "At a meeting
with B, A said", "talks between A and B", "A and B held phone talks", "A will pay a visit to
Laos at the invitation of B", "A visited King B", "A discussed trade over the phone with B",
"A hosted the exchange with B", "A commented on the talks with B". The subject may stand well before
the phrase when the sentence says so: "A and B led delegations ... and held talks", "A made the
statement while receiving B", "A said during a meeting with B". "The delegation" stands for the
person the article says leads it (also when it is met: "A met the delegation"), "He"/"She" opening
a sentence ("On Wednesday, he met B") for the lead of the meeting before, or with none yet for the
person the story is about. A meeting "with officials" or "with a group of ... people" is completed
by the next sentence's "The officials included A; and B" / "They include A and B".

A trip announced with no host ("A will make an official visit to Cuba") is a visit of the traveller
alone when the story opens with it; a host said in the next sentence ("The visit is at the
invitation of B") joins it.

The same people meeting again in a later sentence is the same meeting. When a meeting with
several counterparts is later reported counterpart by counterpart ("The discussions between A
and B ...", "At talks with C, A said ..."), those are separate meetings and replace it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .dates import RANGE_START, find_dates
from .lexicon import lexicon
from .names import dateline_place, to_ascii
from .people import Occurrence, SentenceWithPeople, sentences_with_people
from .types import ANNOUNCED, HELD, MeetingRecord, PartialDate
from .vocabulary import MONTHS, WEEKDAYS

_ADJECTIVES = (
    r"(?:(?:an?|the|their|his|her|separate|official|bilateral|formal|informal|"
    r"high-level|private|productive|fruitful|cordial|brief|first|second|annual|joint|trilateral|tripartite|"
    r"multilateral)\s+)*"
)
# Talks at a distance, by telephone or by video, are all calls ("phone call" in MEETING_KINDS).
_REMOTE = r"(?:phone|telephone|telephonic|video|online|virtual)"
_NOUNS = (
    rf"(?P<noun>{_REMOTE}\s+(?:talks|calls?|conversations?|conferences?|meetings?|summits?)|video-?conferences?"
    r"|talks?|meetings?|working\s+sessions?|work\s+sessions?|discussions?|conversations?|reception)"
)
# "held yesterday a bilateral talk with B", "held on Monday talks with B": the day between verb and noun.
_DAY_BETWEEN = (
    rf"(?:(?:yesterday|today|(?:on\s+)?(?:{'|'.join(sorted(WEEKDAYS))})|on\s+(?:the\s+)?[\w.]+(?:\s+\d{{1,2}})?)"
    r"(?:\s+(?:morning|afternoon|evening))?\s+)?"
)
_HELD_NOUN = re.compile(
    rf"\b(?:held|hold|holds|holding|had|has|have|having|conducted|engaged\s+in|began|concluded)\s+{_DAY_BETWEEN}"
    rf"{_ADJECTIVES}"
    # "held a bilateral summit with B": two leaders' summit is their talks (a multilateral one is no meeting).
    rf"(?:{_NOUNS}|(?P<summit>summit(?:\s+talks)?))\b",
    re.I,
)
_VERB = re.compile(
    # "A received on Jan 11 a courtesy call from B": B called on A
    r"\b(?P<verb>received\s+(?:on\s+\w+(?:\s+\d{1,2})?\s+|yesterday\s+|today\s+)?an?\s+courtesy\s+(?:call|visit)"
    r"\s+(?:from|by)|met|meets|meet|meeting|received|receives|receive|receiving|hosted|hosts|host|talked|"
    r"spoke|phoned|called\s+on|welcomed|welcomes|(?:placed|made|place|make|makes)\s+a\s+(?:(?:tele)?phone\s+)?call\s+to"
    r"|(?:paid|pay|pays|paying|made|make|makes|making)\s+(?:yesterday\s+|today\s+)?(?:a\s+|separate\s+)?courtesy\s+"
    r"(?:calls?|visits?)\s+(?:on|to)"
    # "Dung also visited King Norodom Sihamoni": a visit to a person (never "visiting", an adjective:
    # "visiting Premier Li").
    r"|visited|visits|visit|(?:paid|pay|pays|paying|made|make|makes)\s+(?:an?\s+)?(?:\w+\s+)?visits?\s+to)\b"
    r"(?:\s+(?:by|over\s+the|on\s+the)\s+(?:tele)?phone)?",
    re.I,
)
# "X will make an official visit to Cuba, Argentina and Uruguay", "X will arrive in the capital of Laos":
# an announced trip with no host named is a visit of the traveller alone, to the first place named.
_ANNOUNCED_TRIP = re.compile(
    r"\b(?:will|(?:is|are)\s+(?:scheduled|set|due|expected|slated|going)\s+to|(?:is|are)\s+to)\s+(?:also\s+)?"
    rf"(?:(?:pay|make)\s+{_ADJECTIVES}(?:[\w-]+\s+)?visits?\s+to|visit|arrive\s+in|travel\s+to|fly\s+to|tour)\s+"
    r"(?:the\s+(?:capital|city|province)\s+of\s+)?(?P<where>(?:[^\W\d_][\w'’-]*,?\s?){1,6})",
    re.I,
)
# "A is paying a state visit to Vietnam", "A began his three-day state visit to Vietnam", "A arrived in Hanoi
# on Sunday for a state visit": a visit under way, the traveller's, where no host is named with it.
_TRIP_UNDER_WAY = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:on|paying|making)|began|begins|started|starts|kicked\s+off|concluded|wrapped\s+up)"
    r"\s+(?:his|her|their|an?|the)?\s*(?:[\w-]+\s+){0,3}?visit\s+(?:to|in)\s+"
    r"(?P<where>(?:[^\W\d_][\w'’-]*,?\s?){1,4})"
    r"|\barrived\s+in\s+(?P<city>(?:[A-Z][\w'’-]*\s?){1,3})(?:\s+on\s+\w+)?\s+for\s+(?:an?|his|her)\s+"
    r"(?:[\w-]+\s+){0,3}?visit\b",
    re.I,
)
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|his|her|their|its|this|that|official|state|working|friendship|courtesy)\s+$", re.I
)
# "A discussed trade over the phone with B", "A discussed with B ...": talks, or a call when by phone.
_DISCUSSED_WITH = re.compile(
    rf"\b(?:discussed|discusses|discuss)\b(?P<topic>[^.;]{{0,100}}?)(?P<remote>\s+(?:over|by|on|via)\s+(?:the\s+)?"
    rf"{_REMOTE}(?:\s+(?:link|line|call))?)?\s+with\b",
    re.I,
)
# "A hosted the 10th border friendship exchange with his counterpart B": an event two sides hold together.
_HOSTED_WITH = re.compile(
    r"\b(?:hosted|hosts|co-?hosted|co-?hosts|co-?chaired|co-?chairs|held|holds)\s+(?:the|an?)\s+(?:[\w’'-]+\s+){0,8}?"
    r"(?P<noun>exchange|dialogue|consultations?|forum|meeting|session|conference|talks)\s+with\b",
    re.I,
)
# "A commented on the results of the official talks with B": a meeting named by its noun alone, the
# sentence's subject on one side.
_TALKS_WITH = re.compile(rf"\b(?:the|his|her|their)\s+{_ADJECTIVES}{_NOUNS}\s+with\b", re.I)
# "President A's meeting with B in Beijing sent a signal": the meeting named by its noun, A its owner.
_POSSESSIVE_MEETING = re.compile(
    rf"(?:['’]s|\b(?:during|at|in)\s+(?P<pronoun>his|her))\s+{_ADJECTIVES}{_NOUNS}\s+with\b", re.I
)
_PLURAL_CALLS = re.compile(r"\bcourtesy\s+(?:calls|visits)\b", re.I)
_RECEPTION_FOR = re.compile(
    r"\b(?:hosted|held|gave|threw|offered|organi[sz]ed)\s+(?:an?\s+)?(?:\w+\s+)?(?:reception|banquet|dinner|luncheon)"
    r"\s+(?:for|in\s+honou?r\s+of)\b",
    re.I,
)
# "B was received by A", "he was received on Saturday by A".
_PASSIVE = re.compile(
    r"\b(?:was|were|is|are|be|been|being)\s+(?P<verb>received|hosted|welcomed|met)\s+"
    r"(?:(?:here|there|today|yesterday|(?:on|in|at)\s+[^,.;]{1,30}?)\s+)?by\b",
    re.I,
)
_AT = re.compile(rf"\b(?:at|during|in)\s+(?:(?:the|a|an|their|his|her)\s+)?(?:[\w-]+\s+){{0,2}}?{_NOUNS}\b", re.I)
# "Receiving B in Hà Nội on Monday, A said ...": a sentence opened by the meeting, the host after the comma.
_OPENING_PARTICIPLE = re.compile(r"^\s*(?:(?:While|When)\s+)?(?P<noun>Meeting|Receiving|Hosting|Welcoming)\b")
_BETWEEN = re.compile(rf"\b{_NOUNS}\s+between\b", re.I)
_VISIT = re.compile(r"\b(?P<noun>visit|visiting|visits)\b", re.I)
_INVITATION = re.compile(r"\bat\s+the\s+invitation\s+of\s*", re.I)
# "A and B co-chaired the political consultation", "A and B led their delegations at the exchange".
_JOINT = re.compile(
    r"\b(?:co-?chaired|co-?chairs|co-?chair|co-?hosted|co-?presided\s+over|led\s+their\s+(?:respective\s+)?"
    r"delegations\s+(?:at|to|in)|exchanged\s+(?:views|opinions))\s+(?P<rest>[^.;]{0,80})",
    re.I,
)
# "The meeting was co-chaired by A, B and C": everyone named after "by" took part.
_JOINT_PASSIVE = re.compile(
    r"\b(?P<noun>meeting|talks|session|consultation|dialogue|conference)\b[^.;]{0,40}?\b(?:was|were|is|are|will\s+be)\s+"
    r"(?:co-?chaired|co-?hosted|jointly\s+(?:chaired|hosted)|co-?presided\s+over)\s+by\b",
    re.I,
)
_THE_MEETING = re.compile(r"^\s*The\s+(?:[\w-]+\s+){0,2}?(?:meeting|talks|session|consultation|dialogue|conference)$")
# "A will travel to Hà Nội next week for a working session with B": the trip is for a meeting.
_TRIP = re.compile(
    r"\b(?:travel(?:s|led|ed|ling|ing)?|arriv(?:e|es|ed|ing)|c[ao]me|comes|coming|go|goes|went|fly|flies|flew|"
    r"head(?:ed|ing))\b(?P<trip>[^.;]{0,60}?)\bfor\s+"
    rf"{_ADJECTIVES}{_NOUNS}\b",
    re.I,
)
_TRIP_DESTINATION = re.compile(r"^\s*to\s+((?:[^\W\d_][\w'’-]*\s?){1,4})")
# "A and B met on Monday": a meeting verb with both sides before it and no object after it.
_NO_OBJECT = re.compile(r"\s*(?:$|[,.;]|(?:on|in|at|here|there|today|yesterday|earlier|later|for|and|to)\b)", re.I)
# "A met B and C separately", "A met with B and C respectively": one meeting with each.
_SEPARATELY = re.compile(r"\b(?:separately|respectively|separate)\b", re.I)
# A name after a bare comma that a reporting verb follows is who reports the meeting, not one of its people.
_REPORTING = re.compile(r"\s*(?:said|says|announced|announces|told|added|noted|stated|reported)\b", re.I)
_COORDINATED = re.compile(r"\band\s+(?:to\s+|will\s+|would\s+|also\s+|then\s+)?$", re.I)
# "A and B led delegations attending the event and held talks": the meeting is the subjects' second predicate.
_SHARED_PREDICATE = re.compile(
    r"\s+(?!(?:said|says|told|that|who|whom|which|whose)\b)(?:[a-z][\w’'-]*\s+(?!(?:said|told|that|who|which)\b)){1,10}?"
    r"and\s+(?:also\s+|then\s+|later\s+)?$"
)
# "Zhao made the statement while receiving B", "Xi spoke when meeting with B": the clause's subject is the sentence's.
_WHILE_DOING = re.compile(r"[^;:]{0,160}?\b(?:while|when|after|before|upon)\s+$", re.I)
_PARTICIPLE = re.compile(r"[a-z]+ing\b")
# What may open a sentence before its subject: "On Monday, ", "In Hà Nội on Friday, ".
_SENTENCE_OPENING = re.compile(
    r"\s*(?:(?:On|In|At|During|Later|Earlier|Then|Also|Meanwhile|Separately|Yesterday|Today)\b[^,.;]{0,40},\s*)?"
)
_PRONOUN_BEFORE = re.compile(
    r"\b(?P<pronoun>he|she|they)\s+(?:(?:also|then|later|will|would|is|are|was|were|to|be|scheduled|expected|"
    r"due|set|going)\s+)*$",
    re.I,
)

# What may stand between a meeting phrase and the person met ("held talks in Hà Nội on Friday with").
# "met behind closed doors yesterday with B": how they met may stand before "with" too.
_OBJECT_GAP = re.compile(
    r"\s*(?:(?:here|there|today|yesterday|tonight|separately|privately|briefly|informally|behind\s+closed\s+doors"
    r"|face[- ]to[- ]face|one[- ]on[- ]one"
    # Wire style puts the day bare: "held talks Thursday with B", "met this morning with B".
    rf"|(?:{'|'.join(sorted(WEEKDAYS))})(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:this|last)\s+(?:morning|afternoon|evening|night|week))\s+|(?:on|in|at)\s+(?:[\w,’'-]+\s+){0,3}?){0,3}(?:with\s+)?"
    r"(?:(?:the|his|her|their|visiting|newly[- ]appointed|new|outgoing|then|former|comrades?)\s+)*"
    r"(?:(?:country|nation|kingdom|republic)['’]s\s+)?"  # "with the country's President, X"
    # "with Member of the Central Committee of the CPC, Deputy Secretary of ..., and Chairman of ... B": the
    # offices the name's own title phrase does not reach, each closed by a comma.
    r"(?:(?-i:(?:[Mm]ember|[A-Z][\w’'-]*)(?:\s+(?:of|the|and|for|[A-Z][\w’'()-]*)){0,12})\s*,\s*(?:and\s+)?){0,4}"
    # "to meet prime ministers A (Myanmar), B (Thailand) and C": a list of people named by their posts.
    r"(?:(?:(?:prime|foreign|deputy|vice|defence|defense)\s+)?(?:ministers|presidents|premiers|leaders|counterparts)\s+)?"
    r"(?:(?:[^\W\d_][\w-]*\s+)?counterpart\s*,\s*)?",  # "met his Lao counterpart, B, to discuss"
    re.I,
)
_DELEGATION_GAP = re.compile(
    r"\s*(?:(?:here|there|today|yesterday|on\s+\w+)\s+){0,2}(?:with\s+)?(?:an?|the)\s+[^.;]{0,120}?\bdelegations?\b"
    r"[^.;]{0,200}?",
    re.I,
)
# "A, B and C", "A and his mother, former Queen B": the names joined into one list.
_LIST_GAP = re.compile(
    # "A of Cambodia and B of Vietnam", "A (Laos) and B": a name may say its country.
    r"(?:(?-i:\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}|\s*\([A-Z][^()]{1,40}\))(?=,?\s+and\s))?"
    r"\s*[,;]?\s*(?:and|as\s+well\s+as|along\s+with)?\s*(?:(?:the|his|her|their|visiting)\s+)?"
    r"(?:(?:wife|husband|spouse|mother|father|son|daughter|(?:[^\W\d_][\w-]*\s+)?counterpart)\s*,?\s*)?",
    re.I,
)
_SUBJECT_GAP = re.compile(
    r"(?:[\s,]|\b(?:on|in|at|of|also|then|later|separately|today|yesterday|has|have|had|will|would|is|are|"
    r"was|were|to|be|scheduled|set|due|expected|going|slated|this|last|the|same|morning|afternoon|"
    r"evening|earlier)\b|\b[A-Z][\w’'-]*|\d+\w*"
    r"|\b(?:and|with|together\s+with|along\s+with)\s+(?:his|her|their|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:delegation|entourage|spouse|wife|husband)\b)*"
    # "A, who ..., met", "A, also a Politburo member, received": a clause or an office between commas
    r"(?:,\s*(?:who\b|(?:also\s+)?(?:an?|the)\s+|(?:upon|at|after|before|following|during)\s)[^,;]{0,120},\s*)?",
)
_BARE_COMMA = re.compile(r"\s*,\s*")
# "met with officials / a group of Lao people ... . They include A and B": the group listed next.
_GROUP_WORDS = r"(?:officials|leaders|representatives|members|people|friends|veterans|figures|guests|dignitaries)"
_GROUP = re.compile(rf"\s*(?:with\s+)?(?:[\w-]+\s+){{0,4}}?{_GROUP_WORDS}\b", re.I)
_GROUP_LIST = re.compile(
    rf"\s*(?:The\s+(?:[\w-]+\s+){{0,3}}?{_GROUP_WORDS}|They|Those|These)\s+"
    r"(?:included|include|includes|were|are|comprised)\s+",
)
# Before the first person listed: the office words of a title the people reader did not take
# ("Lao Communications, Transport, Post and Construction Minister A").
_LISTED_TITLE = re.compile(r"(?:(?:former|then|late)\s+)?(?:[A-Z][\w’'-]*,?\s+(?:and\s+|of\s+|&\s+)?){0,8}")
# "met with the delegation", "a reception for the Chinese Party delegation": the delegation an earlier
# sentence said someone leads.
_THE_DELEGATION = re.compile(
    r"\s*(?:with\s+|for\s+)?the\s+(?:[\w-]+\s+){0,4}?delegation\b(?!\s+(?:of|from|led|headed)\b)", re.I
)
_DELEGATION_SUBJECT = re.compile(r"\bdelegation\b", re.I)
_NATIONAL_DELEGATION = re.compile(r"\bthe\s+(?P<nationality>[A-Z][a-z]+)\s+delegation\b")
# "He met B", "On Wednesday, he met B": the pronoun stands for the person the story is about.
_PRONOUN_SUBJECT = re.compile(
    r"^\s*(?:He|She|(?:On|In|At|During|Later|Earlier|Then|Also|Meanwhile)\b[^,.;]{0,40},\s*(?:he|she))\b"
)
# "The two foreign ministers will co-chair ...": the pair of the meeting reported before.
# "During the visit, the Vietnamese top legislator will hold talks with B": a participant named before.
_DESCRIBED = (
    r"\b[Tt]he\s+(?P<nationality>[A-Z][a-z]+)\s+(?:[\w-]+\s+){0,2}?(?:leader|legislator|official|guest|visitor|"
    r"minister|premier|president|chairman|chairwoman|envoy|host)\s+"
)
# "... will also ", "... is scheduled to ": what stands between a subject and its verb phrase.
_AUXILIARIES = r"(?:(?:will|would|also|then|is|was|scheduled|expected|due|set|to)\s+)*$"
_DESCRIBED_SUBJECT = re.compile(_DESCRIBED + _AUXILIARIES)
# "The Cuban prime minister will arrive from X, where he was received by B": the pronoun is the described one.
_DESCRIBED_THEN_PRONOUN = re.compile(r"^\s*" + _DESCRIBED + r"[^.;]{0,120}?\b(?:where|when|after|and)\s+(?:he|she)\s+$")
# "A and B discussed trade at a Friday meeting", "... during their talks in Hanoi" (not "at the meeting hall").
_DURING_MEETING = re.compile(
    r"\b(?:during|at|after)\s+(?:an?|their|the)\s+(?:[\w-]+\s+){0,2}?(?P<noun>meeting|talks|summit)\b"
    r"(?!\s+(?:hall|room|venue|place|point|of)\b)",
    re.I,
)
_ONLY_PRESENT = re.compile(r"\b(?:present|attend(?:ed|s|ing)?|join(?:ed|s)?|took\s+part|participat\w*)\b", re.I)
_THE_POST_SUBJECT = re.compile(r"(?:^|,)\s*[Tt]he\s+(?P<post>(?:[A-Z][a-z]+\s+){1,3}?)" + _AUXILIARIES)
_THE_TWO = re.compile(
    r"^\s*(?:[^.;]*,\s*)?the\s+two\s+(?:[\w-]+\s+){0,2}?(?:leaders|ministers|officials|heads|sides)\b", re.I
)
_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:scheduled|set|due|expected|slated|going)\s+to|(?:is|are)\s+to"
    r"|plans?\s+to|to\s+be\s+held|upcoming)\b",
    re.I,
)
_WHAT_WAS_SAID = re.compile(
    r",\s*(?:during|at|in)\s+which\b|\b(?:agreed|pledged|vowed|discussed|said|says|stressed|affirmed)\b", re.I
)
# "at the Peace Palace, Phnom Penh", "at the Government headquarters": a named building, and its city when given.
_VENUE = re.compile(
    r"\bat\s+the\s+(?P<venue>(?:[A-Z][\w'’-]*\s+){1,4}(?:Palace|Hall|House|[Hh]eadquarters|Building|Guesthouse|Villa))\b"
    r"(?:,\s+(?P<city>(?:[A-Z][\w'’-]*\s?){1,3}))?"
)
_VISIT_PERIOD = re.compile(r"\bvisit\s+(?:to\s+[^,.;]{1,40}?\s+)?(?:from|since|starting)\s+[^,.;]*", re.I)
_AND_TO = re.compile(r"\band\s+to\s+$", re.I)
_CLAUSE_START = re.compile(r",\s*(?:where|when|who|which|after)\b", re.I)
_LOCALITIES = ("province", "city", "district", "county", "prefecture")
_SAME_DAY = re.compile(
    r"\b(?:the\s+same\s+day|on\s+the\s+(?:sidelines|margins?)\s+of\s+the\s+(?:meeting|talks|conference|session)|(?:later|earlier)\s+(?:that|the\s+same)\s+day|(?:later|earlier)\s+in\s+the\s+day"
    r"|the\s+same\s+(?:morning|afternoon|evening))\b",
    re.I,
)
_PLACE = re.compile(r"\b(?:in|arrived\s+in|arriving\s+in|arrives\s+in|while\s+in)\s+((?:[^\W\d_][\w'’-]*\s?){1,4})")
# "travel to X, where", "arrive from Ho Chi Minh City, Vietnam, where": the place a where-clause hangs on.
_WHERE = re.compile(
    r"\b(?:to|for|from|visited|visiting|visits)\s+((?:[^\W\d_][\w'’-]*\s?){1,4})"
    r"(?:,\s+[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)?,\s+where\b"
)
# Where the visitors are: "arrived in X", "while in X", "is on a visit to X", "paying an official visit to X".
_TRAVEL = re.compile(
    r"\b(?:arrived|arriving|arrives|arrive)\s+in\s+((?:[^\W\d_][\w'’-]*\s?){1,4})|\bwhile\s+in\s+((?:[^\W\d_][\w'’-]*\s?){1,4})"
    r"|\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:on|paying|making)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?visit\s+to\s+"
    r"((?:[^\W\d_][\w'’-]*\s?){1,4})"
)
_VISIT_TO = re.compile(
    r"\bvisits?\s+to\s+((?:[^\W\d_][\w'’-]*\s?){1,4})|\bwill\s+visit\s+((?:[^\W\d_][\w'’-]*\s?){1,4})"
)


@dataclass
class _Candidate:
    participants: list[str]
    kind: str
    sentence: int
    evidence: str
    status: str = HELD
    date: PartialDate | None = None  # stated by its own sentence
    place: str | None = None  # stated by its own sentence
    venue: str | None = None  # "at the Government headquarters": the place when nothing else says where
    hostless: bool = False  # an announced trip whose participants are the travellers alone
    under_way: bool = False  # a visit the story reports as going on, its traveller alone
    travel_place: str | None = None  # where earlier sentences said the visitors were
    parts: list[_Candidate] = field(default_factory=list)
    trigger: int = 0  # where in its sentence the phrase that reports it starts

    @property
    def people(self) -> frozenset[str]:
        return frozenset(self.participants)


@dataclass
class _Story:
    """What earlier sentences established: who leads the delegation, where the visitors are."""

    delegation_leader: str | None = None
    travel_place: str | None = None
    last_lead: str | None = None
    last_subject: str | None = None  # the first person named by the last sentence that named anyone
    last_participants: list[str] = field(default_factory=list)
    countries: dict[str, str | None] = field(default_factory=dict)  # each person's country
    posts: dict[str, set[str]] = field(default_factory=dict)  # each person's posts, in lower case
    last_date: PartialDate | None = None
    previous_place: str | None = None  # the place the sentence before named


# Reading a sentence pairs each meeting phrase with the names around it, which is quadratic in its
# length. Real sentences stay far below this (the longest seen in real pages is about 1,600); a longer
# "sentence" is a list or a run-on of repeated words, and is not read for meetings.
MAX_SENTENCE_LENGTH = 2500  # characters


def extract_meetings(body, people, *, dates=None, dateline: str | None = None) -> list[MeetingRecord]:
    """Meetings between named people, in the order the article first reports them."""
    if not isinstance(body, str):
        raise TypeError(f"extract_meetings: body must be text, got {type(body).__name__}")
    sentences = sentences_with_people(body, list(people or []))
    story = _Story(
        countries={person.name: person.country for person in people or []},
        posts={
            person.name: {office.post.lower() for office in person.offices if office.post} for person in people or []
        },
    )
    candidates: list[_Candidate] = []
    for index, sentence in enumerate(sentences):
        if len(sentence.text) > MAX_SENTENCE_LENGTH:
            continue
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        for candidate in _candidates_in(sentence, index, following, story):
            if candidate.hostless and candidates:
                # A trip with no host is news when the story opens with it; announced after meetings
                # already reported ("The delegation will visit Honghe on Friday"), it is a stop on that trip.
                continue
            _date_candidate(candidate, sentence.text, dates, story)
            if (
                not candidates
                and candidate.date is None
                and candidate.status == HELD
                and dates is not None
                and not _looks_back(candidate)
            ):
                # The lead meeting is what the article's date is about; later "the same day" refers to it.
                candidate.date = story.last_date = _inherited(dates.article_date, candidate.kind)
            candidate.travel_place = story.travel_place
            candidates.append(candidate)
            story.last_lead = candidate.participants[0]
            story.last_participants = candidate.participants
        _remember(sentence, story)
    # "A is on a visit to China" is the story's only news when it reports no meeting of A's: otherwise the
    # meetings are what the visit is read as.
    met = {name for candidate in candidates if not candidate.under_way for name in candidate.participants}
    candidates = [c for c in candidates if not (c.under_way and met.intersection(c.participants))]
    meetings = _consolidate(candidates)
    records: list[MeetingRecord] = []
    for position, meeting in enumerate(meetings):
        record = _record(meeting, position, dates, dateline)
        if record.place is None and record.status == HELD and record.kind != "phone call":
            record.place = _place_before(record, records)
        records.append(record)
    return records


# --- Reading one sentence -------------------------------------------------------------------------


def _candidates_in(
    sentence: SentenceWithPeople, index: int, following: SentenceWithPeople | None, story: _Story
) -> list[_Candidate]:
    text, found, taken = sentence.text, [], []
    finders = (
        _held_noun,
        _passive,
        _reception_for,
        _joint_passive,
        _joint,
        _trip,
        _opening_participle,
        _verb,
        _at_clause,
        _between,
        _during_their_meeting,
        _hosted_with,
        _discussed_with,
        _talks_with,
        _possessive_meeting,
        _visit,
        _announced_trip,
        _trip_under_way,
    )
    for finder in finders:
        for candidate, span in finder(sentence, following, story):
            # The same phrase may give one meeting per host ("A and B will meet C separately").
            if any(span[0] < end and start < span[1] and span != (start, end) for start, end in taken):
                continue
            taken.append(span)
            if len(candidate.people) >= 2 or candidate.hostless:
                candidate.sentence, candidate.evidence = index, text
                found.append((span[0], candidate))
    # "A will travel to Chengdu, where he will meet B": the trip is reported by the meeting it is for.
    found = [
        (start, candidate)
        for start, candidate in found
        if not candidate.hostless or not any(candidate.people < other.people for _, other in found)
    ]
    return [candidate for _, candidate in sorted(found, key=lambda item: item[0])]  # in reading order


_COORDINATED_VERB = re.compile(r"(?:,|\band)\s*$")


def _new(participants: list[str], kind: str, sentence: SentenceWithPeople, trigger_start: int) -> _Candidate:
    unique = list(dict.fromkeys(participants))
    # "is scheduled to hold talks with B and to meet C": the second phrase shares the first one's tense.
    # "will hold talks with B, meet C and make a courtesy visit to D": a verb coordinated with the one before.
    coordinated = _COORDINATED_VERB.search(sentence.text, max(0, trigger_start - 6), trigger_start)
    start = 0 if coordinated or _AND_TO.search(sentence.text, 0, trigger_start) else max(0, trigger_start - 60)
    # "will arrive from X, where he was received by B": a clause of its own has its own tense.
    clauses = [m.end() for m in _CLAUSE_START.finditer(sentence.text, start, trigger_start)]
    window = sentence.text[max([start, *clauses]) : trigger_start + 20]
    status = ANNOUNCED if _FUTURE.search(window) else HELD
    # "..., during which they agreed to promote investment in Cuba": no place of the meeting after that
    # (the phrase's own first word is not what was said: "A discussed the gates with B in Hanoi").
    said = _WHAT_WAS_SAID.search(sentence.text, trigger_start + 1)
    until = said.start() if said else len(sentence.text)
    return _Candidate(
        unique,
        kind,
        -1,
        "",
        status=status,
        place=_place_in(sentence, until),
        venue=_venue_in(sentence.text[:until]),
        trigger=trigger_start,
    )


def _each_separately(
    sentence: SentenceWithPeople, match: re.Match, subjects: list[str], objects: list[str]
) -> list[list[str]]:
    """ "A and B will meet C separately": one meeting per host; otherwise one meeting of everyone."""
    clause_end = sentence.text.find(";", match.end())
    clause = sentence.text[max(0, match.start() - 20) : clause_end if clause_end >= 0 else len(sentence.text)]
    if _SEPARATELY.search(clause) and objects:
        if len(subjects) >= 2 and len(objects) == 1:
            return [[subject, *objects] for subject in subjects]
        if len(subjects) == 1 and len(objects) >= 2:
            return [[*subjects, obj] for obj in objects]
    return [subjects + objects]


def _held_noun(sentence, following, story):
    for match in _HELD_NOUN.finditer(sentence.text):
        subjects = _subjects_before(sentence, match.start(), story)
        objects = _objects_after(sentence, match.end(), following, story)
        if objects and subjects:
            groups = _each_separately(sentence, match, subjects, objects)
        elif not objects and len(subjects) >= 2:
            groups = [subjects]  # "A and B held talks"
        else:
            continue
        kind = "talks" if match.group("summit") else _kind(match.group("noun"))
        for participants in groups:
            yield _new(participants, kind, sentence, match.start()), match.span()


def _subject_and_object(sentence, following, story, pattern, kind_of, subjects_at=None):
    """One meeting per phrase with people on its both sides: "A <phrase> B"."""
    subjects_at = subjects_at or _subjects_before
    for match in pattern.finditer(sentence.text):
        subjects = subjects_at(sentence, match.start(), story)
        objects = _objects_after(sentence, match.end(), following, story)
        if subjects and objects:
            yield _new(subjects + objects, kind_of(match), sentence, match.start()), match.span()


def _hosted_with(sentence, following, story):
    return _subject_and_object(sentence, following, story, _HOSTED_WITH, lambda m: _kind(m.group("noun")))


def _talks_with(sentence, following, story):
    return _subject_and_object(
        sentence, following, story, _TALKS_WITH, lambda m: _kind(m.group("noun")), subjects_at=_sentence_subject
    )


def _possessive_meeting(sentence, following, story):
    for match in _POSSESSIVE_MEETING.finditer(sentence.text):
        if match.group("pronoun"):
            # "..., stated Minister A during his meeting with B": his is the person named just before.
            named = [o for o in sentence.occurrences if o.extent_end <= match.start() and not o.possessive]
            owner = named[-1] if named else None
        else:
            owner = next((o for o in sentence.occurrences if o.possessive and o.end == match.start()), None)
        objects = _objects_after(sentence, match.end(), following, story)
        if owner is not None and objects:
            yield _new([owner.person, *objects], _kind(match.group("noun")), sentence, match.start()), match.span()


def _discussed_with(sentence, following, story):
    return _subject_and_object(
        sentence, following, story, _DISCUSSED_WITH, lambda m: "phone call" if m.group("remote") else "talks"
    )


def _joint_passive(sentence, following, story):
    for match in _JOINT_PASSIVE.finditer(sentence.text):
        chairs = _names(_chain(sentence, match.end(), r"\s*(?:the\s+)?"))
        if len(set(chairs)) >= 2:
            candidate = _new(chairs, _kind(match.group("noun")), sentence, match.start())
            if _THE_MEETING.match(sentence.text[: match.end("noun")]) and candidate.place is None:
                candidate.place = story.previous_place  # "The meeting was co-chaired": the one just reported
            yield candidate, match.span()


def _trip(sentence, following, story):
    for match in _TRIP.finditer(sentence.text):
        subjects = _subjects_before(sentence, match.start(), story)
        objects = _objects_after(sentence, match.end(), following, story)
        if subjects and objects:
            candidate = _new(subjects + objects, _kind(match.group("noun")), sentence, match.start())
            destination = _TRIP_DESTINATION.match(match.group("trip"))
            if destination:
                candidate.place = _as_place(destination.group(1), sentence) or candidate.place
            yield candidate, match.span()


def _joint(sentence, following, story):
    for match in _JOINT.finditer(sentence.text):
        subjects = _subjects_before(sentence, match.start(), story)
        if len(subjects) >= 2:
            noun = re.search(
                r"\b(?:phone|session|consultation|dialogue|talks|meeting|reception)", match.group("rest"), re.I
            )
            kind = _kind(noun.group(0)) if noun else "meeting"
            yield _new(subjects, kind, sentence, match.start()), match.span()


def _verb(sentence, following, story):
    for match in _VERB.finditer(sentence.text):
        kind = _kind(match.group(0))
        if match.group("verb").lower() in ("spoke", "talked") and _BY_PHONE_LATER.match(sentence.text, match.end()):
            kind = "phone call"  # "A spoke with B on the phone on Tuesday"
        if _is_visit_noun(sentence.text, match):
            continue
        subjects = _subjects_before(sentence, match.start(), story)
        objects = _objects_after(sentence, match.end(), following, story)
        if subjects and objects and _PLURAL_CALLS.search(match.group(0)) and len(subjects) == 1:
            for obj in objects:  # "paid courtesy calls on A and B": one call on each
                yield _new([*subjects, obj], kind, sentence, match.start()), match.span()
        elif subjects and objects:
            for participants in _each_separately(sentence, match, subjects, objects):
                yield _new(participants, kind, sentence, match.start()), match.span()
        elif (
            len(subjects) >= 2
            and match.group("verb").lower() in ("met", "meet", "meets", "spoke", "talked", "phoned")
            and _NO_OBJECT.match(sentence.text, match.end())
        ):
            # "A and B met on Monday", "A and B spoke on the phone on Tuesday"
            yield _new(subjects, kind, sentence, match.start()), match.span()


def _reception_for(sentence, following, story):
    return _subject_and_object(sentence, following, story, _RECEPTION_FOR, lambda m: "reception")


def _passive(sentence, following, story):
    return _subject_and_object(sentence, following, story, _PASSIVE, lambda m: _kind(m.group("verb")))


def _at_clause(sentence, following, story):
    """ "At a meeting on October 11 with B, A said ..." and "At their talks, A and B agreed ..." """
    for match in _AT.finditer(sentence.text):
        met = _chain(sentence, match.end(), _OBJECT_GAP)
        speakers_after = []
        if len(met) >= 2 and _BARE_COMMA.fullmatch(sentence.text[met[-2].extent_end : met[-1].extent_start]):
            participants = _names(met[-1:] + met[:-1])  # "with B, A said": the comma closes the list
        elif met:
            speakers_after = _chain(sentence, met[-1].extent_end, r"\s*(?:(?:in|on|at)\s+[^,]{1,30})?,\s*")
            participants = _names(speakers_after + met)
        elif (delegation := _THE_DELEGATION.match(sentence.text, match.end())) and story.delegation_leader:
            # "In a reception for the Chinese delegation, A said": the delegation's leader named before.
            speakers_after = _chain(sentence, delegation.end(), r"\s*(?:(?:in|on|at)\s+[^,]{1,30})?,\s*")
            participants = [*_names(speakers_after), story.delegation_leader]
        else:
            participants = _names(_chain(sentence, match.end(), r"\s*(?:on\s+[^,]{1,30})?,\s*"))
        if len(set(participants)) < 2 and met and not speakers_after:
            # "Dong said during a meeting with Giang that ...": the speaker opens the sentence.
            participants = _sentence_subject(sentence, match.start(), story) + _names(met)
        if len(set(participants)) >= 2:
            yield _new(participants, _kind(match.group("noun")), sentence, match.start()), match.span()


def _opening_participle(sentence, following, story):
    match = _OPENING_PARTICIPLE.match(sentence.text)
    if match is None:
        return
    met = _chain(sentence, match.end(), _OBJECT_GAP)
    if not met:
        return
    hosts = _chain(sentence, met[-1].extent_end, r"\s*(?:(?:in|on|at)\s+[^,]{1,30})?,\s*")
    if hosts:
        kind = "meeting" if match.group("noun").lower() == "meeting" else "reception"
        yield _new(_names(hosts[:1] + met), kind, sentence, match.start()), match.span()


def _between(sentence, following, story):
    for match in _BETWEEN.finditer(sentence.text):
        participants = _names(_chain(sentence, match.end(), r"\s*(?:the\s+)?"))
        if len(set(participants)) >= 2:
            yield _new(participants, _kind(match.group("noun")), sentence, match.start()), match.span()


def _during_their_meeting(sentence, following, story):
    """ "A and B pledged to build rail links during a meeting in Sanya": the sentence's subjects met."""
    for match in _DURING_MEETING.finditer(sentence.text):
        if _ONLY_PRESENT.search(sentence.text, 0, match.start()):
            continue  # "A and B were present at the meeting": they sat in on someone else's
        subjects = _sentence_subject(sentence, match.start(), story)
        if len(set(subjects)) >= 2 and not _first_after(sentence, match.end(), r"\s*with\s+"):
            yield _new(subjects, _kind(match.group("noun")), sentence, match.start()), match.span()


def _visit(sentence, following, story):
    """ "A will pay an official visit to Laos at the invitation of B" (and the visit under way)."""
    invitation = _INVITATION.search(sentence.text)
    if invitation is None:
        return
    host_chain = _chain(sentence, invitation.end(), r"\s*(?:(?:his|her|the)\s+)?")
    hosts = _names(host_chain)
    for match in _VISIT.finditer(sentence.text[: invitation.start()]):
        visitors = [o.person for o in sentence.occurrences if o.end <= match.start() and not o.possessive][:1]
        if not visitors and _DELEGATION_SUBJECT.search(sentence.text[: match.start()]) and story.delegation_leader:
            visitors = [story.delegation_leader]
        if visitors and hosts:
            yield _visit_of(visitors + hosts, sentence, match), match.span()
            return
    if hosts and not sentence.text[: invitation.start()].strip():
        # "At the invitation of B, A arrived here on Tuesday for an official visit": the visitor after the comma.
        visitors = _names(_chain(sentence, host_chain[-1].extent_end, r"[^,;]{0,60}?,\s*"))
        visit = _VISIT.search(sentence.text, host_chain[-1].extent_end)
        if visitors and visit:
            yield _visit_of(visitors[:1] + hosts, sentence, visit), visit.span()


def _visit_of(participants: list[str], sentence, match: re.Match) -> _Candidate:
    """A visit reported at `match`, placed where "a visit to X" says when the sentence names no other place."""
    candidate = _new(participants, "visit", sentence, match.start())
    destination = _VISIT_TO.search(sentence.text)
    if destination and candidate.place is None:
        candidate.place = _as_place(destination.group(1) or destination.group(2), sentence)
    return candidate


def _announced_trip(sentence, following, story):
    for match in _ANNOUNCED_TRIP.finditer(sentence.text):
        travellers = _subjects_before(sentence, match.start(), story)
        destination = _as_place(match.group("where"), sentence)
        if travellers and destination:
            hosts = _hosts_next(following)
            candidate = _new(travellers + hosts, "visit", sentence, match.start())
            candidate.hostless = not hosts
            if candidate.status == ANNOUNCED:
                candidate.place = destination
                yield candidate, match.span()


def _trip_under_way(sentence, following, story):
    if "visit" not in sentence.text.lower():
        return
    for match in _TRIP_UNDER_WAY.finditer(sentence.text):
        travellers = _subjects_before(sentence, match.start(), story)
        destination = _as_place(match.group("where") or match.group("city"), sentence)
        if travellers and destination:
            candidate = _new(travellers, "visit", sentence, match.start())
            candidate.hostless = candidate.under_way = True
            candidate.place = destination
            yield candidate, match.span()


def _hosts_next(following: SentenceWithPeople | None) -> list[str]:
    """ "X will visit Laos next week. The visit is made at the invitation of B": the host said next."""
    if following is None:
        return []
    invitation = _INVITATION.search(following.text)
    if invitation is None or any(o.extent_end <= invitation.start() for o in following.occurrences):
        return []
    return _names(_chain(following, invitation.end(), r"\s*(?:(?:his|her|the)\s+)?"))


def _kind(word: str) -> str:
    word = word.lower()
    if word in ("consultation", "dialogue"):
        return "talks"
    if "courtesy" in word:
        return "reception"  # a courtesy call on B is B receiving the caller
    if re.search(rf"\b{_REMOTE}\b|videoconference|\bcall\s+to\b|\bphoned\b", word):
        return "phone call"
    if "session" in word:
        return "working session"
    if word.startswith(("receiv", "recept", "host", "welcom")):
        return "reception"
    if word.startswith(("talk", "discuss", "spoke", "conversation")):
        return "talks"
    if re.search(r"\bvisit", word):
        return "visit"
    return "meeting"


# --- Who stands where -----------------------------------------------------------------------------


def _subjects_before(sentence: SentenceWithPeople, position: int, story: _Story) -> list[str]:
    """The people doing the meeting: the names just before the phrase, else the delegation's leader."""
    before = [o for o in sentence.occurrences if o.extent_end <= position and not o.possessive]
    if before:
        last = before[-1]
        gap = sentence.text[last.extent_end : position]
        if _BARE_COMMA_OR_AND.fullmatch(gap) and _meets_before(sentence, last.extent_start):
            # "A held talks with B, paid courtesy calls to C ...": B was met; the next phrase is A's too.
            return _coordinated_subjects(sentence, position, story)
        if _SUBJECT_GAP.fullmatch(gap) and (not last.led_by or _DELEGATION_SUBJECT.search(sentence.text[:position])):
            return _chain_back(sentence, last)
        pronoun = _PRONOUN_BEFORE.search(gap)
        if pronoun:
            # "Zhao last visited Vietnam in 2023, when he met B": the sentence's subject;
            # "A and his delegation will leave for X, where they will meet B": the same, with whoever is listed.
            if pronoun.group("pronoun").lower() == "they":
                return _names(_chain(sentence, before[0].extent_start, r"\s*"))
            return [before[0].person]
        if _WHILE_DOING.fullmatch(gap) and _PARTICIPLE.match(sentence.text, position):
            return _sentence_subject(sentence, position, story)
        if _COORDINATED.search(gap):
            earlier = _coordinated_subjects(sentence, position, story)
            if earlier or not _SHARED_PREDICATE.fullmatch(gap):
                return earlier
            return _chain_back(sentence, last)
        return []
    opening = sentence.text[:position]
    national = _NATIONAL_DELEGATION.search(opening)
    if national:
        # "the Vietnamese delegation": the Vietnamese side of the meeting reported just before.
        side = _same_side(national.group("nationality"), story)
        if side:
            return side
    if _DELEGATION_SUBJECT.search(opening) and story.delegation_leader:
        return [story.delegation_leader]
    if _PRONOUN_SUBJECT.match(opening) and (story.last_lead or story.last_subject):
        return [story.last_lead or story.last_subject]
    if _THE_TWO.match(opening) and len(story.last_participants) == 2:
        return list(story.last_participants)
    described = _DESCRIBED_SUBJECT.search(opening) or _DESCRIBED_THEN_PRONOUN.match(opening)
    if described:
        return _same_side(described.group("nationality"), story)
    by_post = _THE_POST_SUBJECT.search(opening)
    if by_post:
        # "As part of his visit, the Vice President will hold talks with B": the story's one vice president.
        post = " ".join(by_post.group("post").lower().split())
        named_after = {o.person for o in sentence.occurrences if o.extent_start >= position}  # those met
        holders = [name for name, posts in story.posts.items() if post in posts and name not in named_after]
        return holders if len(holders) == 1 else []
    return []


_BARE_COMMA_OR_AND = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _meets_before(sentence: SentenceWithPeople, position: int) -> bool:
    """A meeting phrase ("held talks with", "met") right before `position`: what stands there was met."""
    before = sentence.text[max(0, position - _OBJECT_REACH) : position]
    return any(
        m.end() >= len(before) - _OBJECT_REACH // 2 and not _is_visit_noun(before, m)
        for pattern in (_HELD_NOUN, _VERB)
        for m in pattern.finditer(before)
    )


_OBJECT_REACH = 80  # characters from a meeting phrase to the name it takes as its object


def _sentence_subject(sentence: SentenceWithPeople, position: int, story: _Story) -> list[str]:
    """Who the sentence is about: the people named at its start ("A and B ...", "On Monday, A ..."),
    or the story's lead for a "He"/"She" there."""
    first = next((o for o in sentence.occurrences if not o.possessive), None)
    if first is not None and first.extent_end <= position:
        if _SENTENCE_OPENING.fullmatch(sentence.text[: first.extent_start]):
            return [o.person for o in _chain(sentence, first.extent_start, r"\s*") if o.extent_end <= position]
        return []
    if _PRONOUN_SUBJECT.match(sentence.text[:position]) and (story.last_lead or story.last_subject):
        return [story.last_lead or story.last_subject]
    return _opening_short_name(sentence, story)


def _opening_short_name(sentence: SentenceWithPeople, story: _Story) -> list[str]:
    """A sentence opening with a short form the people reader left unlinked ("Marrero Cruz said"):
    the one person of the article whose name holds every opening capitalised word."""
    opening = re.match(r"\s*((?:[A-Z][\w’'-]+\s+){1,3})", sentence.text)
    if not opening:
        return []
    words = {to_ascii(word).lower() for word in opening.group(1).split()}
    holders = [name for name in story.countries if words <= {to_ascii(word).lower() for word in name.split()}]
    return holders if len(holders) == 1 else []


def _same_side(nationality: str, story: _Story) -> list[str]:
    """The one participant of the meeting reported before who is of this nationality."""
    country = lexicon().country_words.get(to_ascii(nationality).lower())
    named_before = [*story.last_participants, *([story.last_subject] if story.last_subject else [])]
    same_side = [name for name in named_before if country and story.countries.get(name) == country]
    return same_side[:1]


def _coordinated_subjects(sentence: SentenceWithPeople, position: int, story: _Story) -> list[str]:
    """ "A is to hold talks with B and to meet C": the second phrase has the first one's subjects."""
    earlier = [
        m.start()
        for pattern in (_HELD_NOUN, _VERB)
        for m in pattern.finditer(sentence.text[:position])
        if not _is_visit_noun(sentence.text, m)
    ]
    return _subjects_before(sentence, min(earlier), story) if earlier else []


def _is_visit_noun(text: str, match: re.Match) -> bool:
    """ "During the visit", "his official visits": the noun, not the verb "visit"."""
    return match.group(0).lower().startswith("visit") and bool(_DETERMINER_BEFORE.search(text, 0, match.start()))


def _chain_back(sentence: SentenceWithPeople, last: Occurrence) -> list[str]:
    """ "A, B and C held talks": the names joined to the last one, in text order."""
    occurrences = list(sentence.occurrences)
    chain = [last]
    index = occurrences.index(last)
    while index > 0:
        previous = occurrences[index - 1]
        gap = sentence.text[previous.extent_end : chain[0].extent_start]
        if not gap.strip() or not _LIST_GAP.fullmatch(gap) or previous.possessive:
            break
        chain.insert(0, previous)
        index -= 1
    return [o.person for o in chain]


def _first_after(sentence: SentenceWithPeople, position: int, gap: re.Pattern | str) -> Occurrence | None:
    pattern = re.compile(gap, re.I) if isinstance(gap, str) else gap
    for occurrence in sentence.occurrences:
        if occurrence.extent_start >= position:
            between = sentence.text[position : occurrence.extent_start]
            return occurrence if pattern.fullmatch(between) and not occurrence.possessive else None
    return None


def _chain(sentence: SentenceWithPeople, position: int, gap: re.Pattern | str) -> list[Occurrence]:
    """The people listed from `position` on: "A, member of ...; and B"."""
    first = _first_after(sentence, position, gap)
    if first is None:
        return []
    chain = [first]
    for occurrence in sentence.occurrences:
        if occurrence.extent_start < chain[-1].extent_end:
            continue
        between = sentence.text[chain[-1].extent_end : occurrence.extent_start]
        if not between.strip() or not _LIST_GAP.fullmatch(between) or occurrence.possessive:
            break
        if _BARE_COMMA.fullmatch(between) and _REPORTING.match(sentence.text, occurrence.extent_end):
            break  # "at the invitation of B, spokesman C announced": C reports, he is not invited
        chain.append(occurrence)
    return chain


def _names(occurrences: list[Occurrence]) -> list[str]:
    return [o.person for o in occurrences]


def _objects_after(
    sentence: SentenceWithPeople, position: int, following: SentenceWithPeople | None, story: _Story
) -> list[str]:
    """The people met: names right after the phrase, a delegation's leader (named here or before),
    or "officials" listed next."""
    objects = _names(_chain(sentence, position, _OBJECT_GAP))
    if objects:
        return objects
    delegation = _first_after(sentence, position, _DELEGATION_GAP)
    if delegation is not None and delegation.led_by:
        return [delegation.person]
    if story.delegation_leader and _THE_DELEGATION.match(sentence.text, position):
        return [story.delegation_leader]
    if following is not None and _GROUP.match(sentence.text[position:]):
        listed = _GROUP_LIST.match(following.text)
        if listed:
            return _names(_chain(following, listed.end(), _LISTED_TITLE))
    return []


# --- Dates and places -----------------------------------------------------------------------------


def _date_candidate(candidate: _Candidate, text: str, dates, story: _Story) -> None:
    if _SAME_DAY.search(text) and story.last_date is not None:
        candidate.date = story.last_date
    elif dates is not None:
        if candidate.kind != "visit":
            text = _VISIT_PERIOD.sub("", text)  # "B, who is on a visit to China from January 23": the visit's days
        elif candidate.status == ANNOUNCED and find_dates(text[candidate.trigger :]):
            # "announced at a press conference on April 28 that A will visit Vietnam on April 30": the visit's day
            text = text[candidate.trigger :]
        candidate.date = dates.resolve_in(text)
        if candidate.date is not None:
            # "During the trip, from November 20-22, A met B": a meeting on one of the days, not surely the first.
            candidate.date = _inherited(candidate.date, candidate.kind)
    if candidate.date is not None:
        story.last_date = candidate.date


def _remember(sentence: SentenceWithPeople, story: _Story) -> None:
    named = [o for o in sentence.occurrences if not o.possessive]
    if named:
        story.last_subject = named[0].person
    for occurrence in sentence.occurrences:
        if occurrence.led_by and _DELEGATION_SUBJECT.search(sentence.text[: occurrence.start]):
            story.delegation_leader = occurrence.person
    story.previous_place = _place_in(sentence)
    travel = _TRAVEL.search(sentence.text)
    if travel:
        where = next(group for group in travel.groups() if group)
        story.travel_place = _as_place(where, sentence) or story.travel_place


def _country_code(place: str) -> str | None:
    return lexicon().country_words.get(to_ascii(place).lower())


def _place_in(sentence: SentenceWithPeople, until: int | None = None) -> str | None:
    """A city named in the sentence ("in Beijing", "arrived in Hà Nội"), else a building with its city
    ("at the Peace Palace, Phnom Penh"), else a country, else None."""
    text = sentence.text[:until]
    # "will travel to Lạng Sơn, where they will meet B": the place the meeting clause hangs on comes first.
    # Most sentences have no where-clause, and _WHERE tries up to four words after every "to" and "for".
    found = _WHERE.finditer(text) if "where" in text else ()
    where = [p for p in (_as_place(m.group(1), sentence) for m in found) if p]
    places = [p for p in (_as_place(m.group(1), sentence) for m in _PLACE.finditer(text)) if p]
    cities = [p for p in places if not _is_country(p)]
    venues = [
        f"{m.group('venue')}, {city}"
        for m in _VENUE.finditer(text)
        if m.group("city") and (city := _as_place(m.group("city"), sentence)) and not _is_country(city)
    ]
    return (where or cities or venues or places or [None])[0]


def _venue_in(text: str) -> str | None:
    venue = _VENUE.search(text)
    return venue.group("venue") if venue else None


def _is_country(place: str | None) -> bool:
    return bool(place) and _country_code(place) is not None


def _more_precise(place: str | None, other: str | None) -> str | None:
    """Of two places given for one meeting, a city rather than its country ("in Indonesia" ... "in Jakarta")."""
    if place is None or (_is_country(place) and other and not _is_country(other)):
        return other
    return place


def _place_before(record: MeetingRecord, earlier: list[MeetingRecord]) -> str | None:
    """ "Yang also met with the Prime Minister": where the meeting before of one of its people was."""
    return next(
        (r.place for r in reversed(earlier) if r.place and set(r.participants) & set(record.participants)), None
    )


def _as_place(words: str, sentence: SentenceWithPeople) -> str | None:
    """The longest run of capitalised words that is a place, not a month, an office or a person."""
    names = re.findall(r"[^\W\d_][\w'’-]*", words)
    taken = []
    for word in names:
        if not word[0].isupper():
            break
        taken.append(word)
    if taken and len(names) > len(taken) and names[len(taken)].lower() in _LOCALITIES:
        return " ".join(taken)  # "in Luang Namtha province": the text says it is a place
    while taken:
        phrase = " ".join(taken)
        lower = to_ascii(phrase).lower()
        if lower in lexicon().places:
            return phrase
        taken.pop()
    first = names[0] if names else ""
    lower = to_ascii(first).lower()
    if (
        first[:1].isupper()
        and lower not in MONTHS
        and lower not in WEEKDAYS
        and lower not in lexicon().title_words
        and not any(o.person.startswith(first) for o in sentence.occurrences)
        and not re.search(rf"\b{re.escape(first)}['’]s\b", sentence.text)
    ):
        return first
    return None


# --- Putting candidates together ------------------------------------------------------------------


def _conflicting_dates(a: _Candidate, b: _Candidate) -> bool:
    return a.date is not None and b.date is not None and a.date.value != b.date.value


def _consolidate(candidates: list[_Candidate]) -> list[_Candidate]:
    """One meeting per group of people; a meeting reported counterpart by counterpart becomes several."""
    meetings: list[_Candidate] = []
    for candidate in candidates:
        same = next(
            (
                m
                for m in meetings
                if m.people == candidate.people
                and not _conflicting_dates(m, candidate)
                and _is_visit(m) == _is_visit(candidate)  # talks during a visit are an event of their own
                and m.status == candidate.status  # what is announced is never what was held
            ),
            None,
        )
        if same is not None:
            same.date = same.date or candidate.date
            same.place = _more_precise(same.place, candidate.place)
            same.venue = same.venue or candidate.venue
            if same.kind == "meeting" and candidate.kind in _SPECIFIC_KINDS:
                same.kind = candidate.kind  # "A and B co-chaired the meeting ... The two held talks"
            continue
        # A smaller group of the same kind is a report of the larger meeting counterpart by counterpart;
        # of another kind ("On the sidelines, A held a working session with B") it is a meeting of its own,
        # unless such reports name every side of a plain "meeting" ("A and B met the delegation ... In a
        # reception for it, A said ... Meeting its leader the same day, B said"): then they are what it was.
        larger = next(
            (
                m
                for m in meetings
                if candidate.people < m.people
                and (candidate.kind == m.kind or (m.kind == "meeting" and candidate.kind in _SPECIFIC_KINDS))
                and not _conflicting_dates(m, candidate)
            ),
            None,
        )
        if larger is not None:
            larger.parts.append(candidate)
            if candidate.kind == larger.kind:
                continue
        meetings.append(candidate)
    result, reported_in_parts = [], set()
    for meeting in meetings:
        if id(meeting) in reported_in_parts:
            continue
        pieces = _split(meeting)
        if len(pieces) > 1:
            reported_in_parts |= {id(part) for part in meeting.parts}
        result.extend(pieces)
    return result


_SPECIFIC_KINDS = ("talks", "working session", "reception")


def _is_visit(candidate: _Candidate) -> bool:
    return candidate.kind == "visit"


def _split(meeting: _Candidate) -> list[_Candidate]:
    groups: dict[frozenset[str], _Candidate] = {}
    for part in meeting.parts:
        groups.setdefault(part.people, part)
    covered = frozenset().union(*groups) if groups else frozenset()
    if len(groups) < 2 or covered != meeting.people:
        return [meeting]
    return [
        replace(
            meeting,
            participants=[p for p in meeting.participants if p in people],
            kind=part.kind,
            date=part.date or meeting.date,
            place=part.place or meeting.place,
            parts=[],
        )
        for people, part in groups.items()
    ]


# "The gate was agreed when A met B", "A had met B": a meeting the story looks back on, not the one it
# reports, so it never takes the article's date.
_LOOKING_BACK = re.compile(r"\b(?:when|since|after|before)\b", re.I)
# "spoke with B on the phone": how they talked, said after whom with.
_BY_PHONE_LATER = re.compile(rf"[^.;]{{0,120}}?\b(?:on|over|by|via)\s+(?:the\s+)?{_REMOTE}\b", re.I)
_PLUPERFECT = re.compile(r"\bhad\s+(?:\w+\s+){0,2}?(?:met|held|received|hosted|visited|paid|talked|spoken|had)\b", re.I)


def _looks_back(candidate: _Candidate) -> bool:
    text = candidate.evidence
    if _PLUPERFECT.search(text):
        return True
    words = {word for name in candidate.participants for word in name.split() if len(word) > 2}
    named_at = min(
        (found.start() for word in words if (found := re.search(rf"\b{re.escape(word)}\b", text))), default=-1
    )
    clause = _LOOKING_BACK.search(text, 0, named_at) if named_at > 0 else None
    return clause is not None


def _inherited(article_date: PartialDate, kind: str) -> PartialDate:
    """The article's date as a meeting's that states none. A visit starts on its range's first day; a
    meeting "during the visit" was on one of its days, not surely the first: a reviewer confirms it."""
    if kind != "visit" and RANGE_START in article_date.how and not article_date.needs_review:
        return replace(article_date, how=f"{article_date.how}; a meeting during it", needs_review=True)
    return article_date


def _record(meeting: _Candidate, position: int, dates, dateline: str | None) -> MeetingRecord:
    date = meeting.date
    if date is None and position == 0 and meeting.status == HELD and dates is not None and not _looks_back(meeting):
        date = _inherited(dates.article_date, meeting.kind)  # the lead meeting is what the article's date is about
    place = meeting.place
    if meeting.status == HELD and meeting.kind != "phone call":
        filed_from = dateline_place(dateline) if dateline else None
        if place is None:
            place = filed_from or meeting.travel_place or meeting.venue
        elif (
            filed_from
            and _is_country(place)
            # "in Malaysia" in a story filed from Kuala Lumpur: the city is known
            and lexicon().place_countries.get(to_ascii(filed_from).lower()) == _country_code(place)
        ):
            place = filed_from
    return MeetingRecord(
        participants=meeting.participants,
        kind=meeting.kind,
        date=date or PartialDate(),
        place=place,
        status=meeting.status,
        evidence=meeting.evidence,
    )
