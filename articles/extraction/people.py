"""People named in an article and the offices the text attaches to them.

    extract_people(body, captions, officials=None) -> list[PersonMention]
    read_sentences(body, people) -> list[Sentence]     (each reference located, for meetings.py)

A run of capitalised words is a person's name when the text says so: a title before it ("Chinese
President Xi Jinping", "Party chief Trọng"), an office after it ("Cai Qi, member of the Standing
Committee ..."), the known-officials list, or, for names shaped like Vietnamese or Chinese names,
a context only people have ("led by X", "held talks with X", "X said"). Capitalised words that are
titles, organisations, places or calendar words are never part of a name, and a name followed by
an organisation word is a namesake ("Ho Chi Minh National Academy", "Hebei Province").

Later short references follow the naming conventions in names.py; a short name two people share
goes to the one the text mentioned last.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from .names import (
    CAPITALS,
    CHINESE_SURNAMES,
    COUNTRY_INSTITUTIONS,
    COUNTRY_WORDS,
    HONORIFIC_ABBREVIATIONS,
    HONORIFIC_PHRASES,
    HONORIFIC_WORDS,
    MONTHS,
    PLACE_NAMES,
    TITLES_OF_HONOUR,
    VIETNAMESE_SURNAMES,
    WEEKDAYS,
    fold,
    has_diacritics,
    looks_chinese,
    looks_khmer,
    looks_vietnamese,
    partial_names,
    person_key,
    place_phrase_key,
    short_forms,
    word_key,
)
from .organizations import PARTY_ACRONYMS, PARTY_NAMES, canonical_office, complete_fragments, country_named_by
from .types import OfficeMention, PersonMention

# --- Vocabulary -----------------------------------------------------------------------------------

# The head word of an office.
POSTS = frozenset(
    [
        "president",
        "minister",
        "premier",
        "secretary",
        "chairman",
        "chairwoman",
        "chairperson",
        "chair",
        "head",
        "member",
        "members",
        "director",
        "chief",
        "leader",
        "ambassador",
        "governor",
        "mayor",
        "commander",
        "speaker",
        "king",
        "queen",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "consul",
        "counsellor",
        "counselor",
        "pm",
        "fm",
        "secretary-general",
        "vice-president",
        "vice-chairman",
        "vice-chairwoman",
        "director-general",
        "vice-premier",
        "deputy-director",
        "commissioner",
        "rector",
        "councilor",
        "councillor",
        "envoy",
        "researcher",
        "lecturer",
        "coordinator",
    ]
)
# Words that qualify a post ("Deputy Prime Minister", "Standing Vice President").
POST_MODIFIERS = frozenset(
    [
        "deputy",
        "vice",
        "first",
        "standing",
        "permanent",
        "executive",
        "alternate",
        "acting",
        "former",
        "senior",
        "general",
        "prime",
        "foreign",
        "defence",
        "defense",
        "assistant",
        "outgoing",
        "incumbent",
        "second",
        "third",
        "special",
        "delegate",
    ]
)
# Words that qualify a post after it ("Ambassador Extraordinary and Plenipotentiary", "Minister Attached to
# the Prime Minister").
POST_QUALIFIERS = frozenset(["extraordinary", "plenipotentiary", "attached", "designate"])
# Words that mark a person without naming an office (articles/data/honorifics.json).
HONORIFICS = HONORIFIC_WORDS
# Military ranks written out ("Admiral Tang", "Colonel General X"): never part of a name.
RANK_WORDS = frozenset(["general", "admiral", "colonel", "lieutenant", "brigadier", "marshal"])
# Military ranks abbreviated with a full stop ("Lt. Gen. Nguyen Van Nghia"): they mark a person, like an honorific.
RANK_ABBREVIATIONS = frozenset(["gen.", "lt.", "col.", "maj.", "brig.", "adm.", "capt.", "sr."])
# What a person quoted without an office is ("Vietnamese student X", "economist X"): a person, no office.
PERSON_NOUNS = frozenset(
    [
        "student",
        "economist",
        "analyst",
        "scholar",
        "expert",
        "historian",
        "journalist",
        "lawyer",
        "entrepreneur",
        "businessman",
        "businesswoman",
        "teacher",
        "farmer",
        "engineer",
        "writer",
        "artist",
        "doctor",
        "veteran",
        "trader",
        "tourist",
        "resident",
        "wife",
        "husband",
        "spouse",
        "widow",
    ]
)
# Lower-case words of a local organisation inside an office ("Secretary of the provincial Party Committee",
# "Governor of Luang Prabang province").
_LOCALITY_WORDS = frozenset(
    ["province", "provincial", "city", "municipal", "district", "county", "autonomous", "region"]
)
# Lower-case institutions inside an office ("spokesman at the Vietnamese embassy in Phnom Penh").
_INSTITUTION_WORDS = frozenset(["embassy", "consulate", "ministry", "committee", "commission", "department"])
COUNTERPART = "counterpart"
# Capitalised words of organisations and of namesakes; never part of a person's name.
ORGANISATION_WORDS = (
    frozenset(
        [
            "party",
            "communist",
            "central",
            "committee",
            "commission",
            "department",
            "office",
            "politburo",
            "political",
            "bureau",
            "secretariat",
            "national",
            "assembly",
            "people",
            "people's",
            "council",
            "state",
            "government",
            "ministry",
            "revolutionary",
            "front",
            "fatherland",
            "union",
            "league",
            "youth",
            "federation",
            "association",
            "friendship",
            "academy",
            "school",
            "university",
            "institute",
            "international",
            "liaison",
            "external",
            "relations",
            "foreign",
            "affairs",
            "organization",
            "organisation",
            "propaganda",
            "education",
            "inspection",
            "internal",
            "economic",
            "economics",
            "mass",
            "mobilisation",
            "mobilization",
            "policy",
            "strategy",
            "defence",
            "defense",
            "security",
            "public",
            "home",
            "justice",
            "finance",
            "planning",
            "investment",
            "trade",
            "industry",
            "commerce",
            "agriculture",
            "rural",
            "development",
            "natural",
            "resources",
            "environment",
            "transport",
            "construction",
            "labour",
            "labor",
            "invalids",
            "social",
            "culture",
            "sports",
            "tourism",
            "science",
            "sciences",
            "technology",
            "information",
            "communications",
            "health",
            "ethnic",
            "minority",
            "minorities",
            "court",
            "supreme",
            "procuracy",
            "audit",
            "bank",
            "military",
            "army",
            "police",
            "embassy",
            "consulate",
            "province",
            "provincial",
            "city",
            "municipal",
            "district",
            "region",
            "regional",
            "autonomous",
            "special",
            "administrative",
            "legal",
            "law",
            "legislative",
            "congress",
            "senate",
            "house",
            "cabinet",
            "presidential",
            "presidium",
            "revolution",
            "parliamentary",
            "alliance",
            "coalition",
            "caucus",
            "society",
            "club",
            "bloc",
            "command",
            "navy",
            "fleet",
            "guard",
            "customs",
            "directorate",
            "parliament",
            "board",
            "agency",
            "administration",
            "authority",
            "corps",
            "forces",
            "armed",
            "staff",
            "logistics",
            "chamber",
            "women",
            "women's",
            "veterans",
            "farmers",
            "workers",
            "confederation",
            "theory",
            "theoretical",
            "research",
            "studies",
            "politics",
            "centre",
            "center",
            "group",
            "leading",
            "reform",
            "discipline",
            "supervision",
            "united",
            "work",
            "overseas",
            "delegation",
            "mission",
            "representative",
            "newspaper",
            "daily",
            "news",
            "television",
            "radio",
            "voice",
            "press",
            "service",
            "media",
            "network",
            "times",
            "post",
            "review",
            "magazine",
            "journal",
            "republic",
            "democratic",
            "socialist",
            "kingdom",
            "royal",
            "standing",
            "council's",
            "committee's",
            "commission's",
            "ministry's",
            "department's",
            "thought",
            "street",
            "road",
            "avenue",
            "square",
            "museum",
            "mausoleum",
            "trail",
            "prize",
            "award",
            "border",
            "gate",
            "bridge",
            "airport",
            "port",
            "park",
            "hall",
            "hospital",
            "temple",
            "pagoda",
            "lake",
            "river",
            "mountain",
            "bay",
            "ward",
            "commune",
            "village",
            "foundation",
            "company",
            "corporation",
            "stadium",
            "palace",
            "theatre",
            "theater",
            "building",
            "tower",
            "station",
            "area",
            "zone",
            "island",
            "islands",
            "sea",
            "ocean",
            "memorial",
            "monument",
            "relic",
            "site",
            "campaign",
            "movement",
            "era",
            "doctrine",
            "initiative",
            "declaration",
            "treaty",
            "agreement",
            "convention",
            "programme",
            "program",
            "project",
            "fund",
            "cup",
            "festival",
            "week",
            "day",
            "games",
            "summit",
            "forum",
            "conference",
            "dialogue",
            "mechanism",
            "strategic",
            "partnership",
            "cooperation",
            "community",
            "comprehensive",
            "cooperative",
            "belt",
            "road",
            "east",
            "west",
            "south",
            "north",
            "southeast",
            "northern",
            "southern",
            "western",
            "eastern",
            "central",
            "new",
            "executive",
            "general",
            "affairs",
            "external",
            "control",
            "anti-corruption",
            "internal",
        ]
    )
    | POSTS
    | POST_MODIFIERS
    | POST_QUALIFIERS
    | HONORIFICS
    | RANK_WORDS
)
# Capitalised words that open a sentence without being part of a name.
SENTENCE_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "at",
        "in",
        "on",
        "during",
        "while",
        "after",
        "before",
        "for",
        "with",
        "by",
        "from",
        "to",
        "of",
        "and",
        "but",
        "or",
        "as",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "his",
        "her",
        "their",
        "its",
        "this",
        "that",
        "these",
        "those",
        "both",
        "meanwhile",
        "however",
        "also",
        "then",
        "later",
        "earlier",
        "there",
        "here",
        "when",
        "where",
        "what",
        "which",
        "who",
        "according",
        "under",
        "over",
        "through",
        "since",
        "until",
        "following",
        "besides",
        "moreover",
        "furthermore",
        "accordingly",
        "today",
        "yesterday",
        "tomorrow",
        "speaking",
        "addressing",
        "regarding",
        "upon",
        "among",
        "between",
        "amid",
        "against",
        "without",
        "within",
        "apart",
        "like",
        "unlike",
        "many",
        "most",
        "some",
        "all",
        "each",
        "every",
        "other",
        "another",
        "such",
        "last",
        "next",
        "this",
        "previously",
        "recently",
        "currently",
        "so",
        "thus",
        "yet",
        "still",
    ]
)
# Small words that may sit inside a title ("Chairman of the Commission for External Relations").
_MONTH_ABBREVIATIONS = frozenset(m for m in MONTHS if len(m) <= 4 and m not in ("may", "june", "july"))
_TITLE_LINKS = frozenset({"of", "the", "for", "on", "to", "and", "its", "at"})
# English words that are never short references, even when a name could be shortened to them.
_NOT_SHORT_NAMES = frozenset(
    [
        "he",
        "she",
        "it",
        "we",
        "i",
        "an",
        "a",
        "to",
        "in",
        "on",
        "at",
        "as",
        "so",
        "no",
        "do",
        "go",
        "me",
        "us",
        "be",
        "by",
        "or",
        "if",
        "up",
    ]
)
_SPEECH_VERBS = frozenset(
    [
        "said",
        "says",
        "stressed",
        "affirmed",
        "noted",
        "emphasised",
        "emphasized",
        "highlighted",
        "proposed",
        "suggested",
        "expressed",
        "congratulated",
        "thanked",
        "asked",
        "urged",
        "added",
        "told",
        "briefed",
        "underlined",
        "underscored",
        "pledged",
        "hailed",
        "praised",
        "lauded",
        "reaffirmed",
        "welcomed",
        "spoke",
        "voiced",
        "described",
    ]
)
_MEETING_WORDS = re.compile(
    r"\b(?:talks|met|meet|meets|meeting|received|receives|reception|phone|telephone|session|discussions?)\b",
    re.IGNORECASE,
)

_COUNTRY_WORD = re.compile(
    r"\b("
    + "|".join(sorted((re.escape(w) for w in COUNTRY_WORDS if w not in ("usa",)), key=len, reverse=True))
    + r")\b"
)
_US_MARK = re.compile(r"\b(?:U\.S\.|USA|US)(?!\w)")
_CAPITAL = re.compile(r"\b(" + "|".join(sorted((re.escape(w) for w in CAPITALS), key=len, reverse=True)) + r")\b")
_COUNTRY_INSTITUTION = re.compile(
    r"\b(" + "|".join(sorted((re.escape(w) for w in COUNTRY_INSTITUTIONS), key=len, reverse=True)) + r")\b"
)
# Places whose names contain a country word ("Lao Cai", "Thai Nguyen", "South China Sea"): no country.
_PLACES_WITH_COUNTRY_WORDS = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(place)
        for place in sorted(PLACE_NAMES, key=len, reverse=True)
        if place not in COUNTRY_WORDS and _COUNTRY_WORD.search(place)
    )
    + r")\b"
)

# Agencies and pools that photo credits name beside the photographer ("Hu Jiali/Xinhua", "VNA/VNS Photo X").
PHOTO_AGENCIES = (
    "REUTERS|Reuters|AFP|AP|UPI|EPA|EPA-EFE|EFE|dpa|ANSA|Anadolu|Sipa|Shutterstock|NurPhoto|ZUMA|AAP|PTI|Bernama|"
    "Antara|Xinhua|XINHUA|VNA|VNS|TTXVN|VGP|VOV|VTV|CGTN|CCTV|Getty Images|Kyodo|Jiji|Yonhap|YONHAP|KBS|TASS|"
    "RIA Novosti|Sputnik|Bloomberg|AKP|KPL|Fresh News|Prensa Latina|ACN|Pool|Handout|CFP|IC|ANN"
)
_CREDIT_NAME = r"[^\W\d_a-z][\w'’-]*(?:[ \t]+[^\W\d_a-z][\w'’-]*){0,3}"
# Credits are not people of the article: photographers, reporters, editors, agencies.
_CREDITS = [
    re.compile(r"\((?:[^()]*\b(?:photo|photos|image|video|source|file)\b[^()]*|[A-Z][\w]+\s*/\s*[^()]+)\)", re.I),
    re.compile(
        r"\b(?:photos?|photograph|photographer|image|video|source|credit|reporters?|author|editors?|"
        r"web editor|translator|correspondent|text|written|reported|edited|translated|story)"
        r"(?:\s+(?:by|and photos?))?\s*[:：|]\s*[^\n]*$",
        re.I | re.M,
    ),
    re.compile(r"\b(?:photos?|pictures?|story|text|article|reported|written|edited|compiled)\s+by\s+[^.;()\n]*", re.I),
    re.compile(r"^\s*by\s+[^\n]{1,80}$", re.I | re.M),
    re.compile(rf"\bvia\s+(?:{PHOTO_AGENCIES})\b"),
]
# Credits naming a photographer beside the agency, written without brackets or a colon: "Mast Irham/Pool via
# REUTERS", "Hu Jiali/Xinhua", "Xinhua/Li Xueren", "VNA/VNS Photo Thống Nhất". A caption glued after one
# ("... Photo Thống Nhất Chinese Premier X") keeps its own words: the credit's name ends before title words.
_NAME_CREDITS = [
    re.compile(rf"\b(?:{PHOTO_AGENCIES})(?:/(?:{PHOTO_AGENCIES}))*[ \t]+[Pp]hotos?\s*:?[ \t]*{_CREDIT_NAME}"),
    re.compile(rf"{_CREDIT_NAME}\s*/\s*(?:{PHOTO_AGENCIES})\b(?:\s+via\s+(?:{PHOTO_AGENCIES})\b)?"),
    re.compile(rf"\b(?:{PHOTO_AGENCIES})\s*/\s*{_CREDIT_NAME}"),
]

_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # initialisms: U.S.
    r"|\b(?:Gen|Lt|Col|Maj|Brig|Adm|Capt|Sr|Mr|Mrs|Ms|Dr|Prof)\.(?=\s)"  # ranks and honorifics: Gen., Mr.
    r"|\d+(?:st|nd|rd|th)\b"  # ordinals: 14th
    r"|\d+(?:[.,:/]\d+)*"
    r"|[^\W\d_]+(?:['’\-][^\W\d_]+)*"
    r"|\S"
)
_POSSESSIVE = re.compile(r"^(.+?)(['’]s)$")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "vs",
        "gen",
        "lt",
        "col",
        "maj",
        "prof",
        "sen",
        "rep",
        "gov",
        "jr",
        "sr",
        "inc",
        "co",
        "corp",
    ]
)
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*(?=\s+\S|\s*$)|(?<=[a-z]{2}\.)(?=[A-Z][a-z])")


# --- Sentences and tokens -------------------------------------------------------------------------


def split_sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences; abbreviations (Mr., U.S.) and initials do not end one."""
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(paragraph):
        end = match.end()
        rest = paragraph[end:].lstrip()
        if rest and not (rest[0].isupper() or rest[0] in "\"“(‘'" or rest[0].isdigit()):
            continue
        word = re.search(r"([^\W\d_][\w.]*)\.$", paragraph[start : match.start() + 1])
        abbreviated = word and (
            word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1 or "." in word.group(1)
        )
        if abbreviated and rest:
            continue
        if word and word.group(1).lower() in _MONTH_ABBREVIATIONS and rest[:1].isdigit():
            continue  # "from Dec. 2 to 4"
        sentences.append(paragraph[start:end].strip())
        start = end
    if paragraph[start:].strip():
        sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


def paragraphs_of(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]


def without_credits(text: str) -> str:
    """The text with photo, byline and editor credits blanked out (offsets kept)."""
    for pattern in _CREDITS:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    if "/" in text or "hoto" in text:  # every such credit has one or the other
        for pattern in _NAME_CREDITS:
            text = pattern.sub(_blank_credit, text)
    return text


def _blank_credit(match: re.Match) -> str:
    """Blank the credit, but not the title words of a caption glued before or after its name."""
    credit = match.group(0)
    anchor = re.search(r"/|\b[Pp]hotos?\b", credit)
    begin, end = 0, len(credit)
    for word in re.finditer(r"[^\W\d_][\w'’-]*", credit):
        if not _is_title_word(word.group(0)):
            continue
        if word.end() <= anchor.start():
            begin = word.end()  # "... Chinese Premier Liu Xiaoming/Xinhua"
        elif word.start() >= anchor.end():
            end = min(end, word.start())  # "VNA/VNS Photo Thống Nhất Chinese Premier ..."
    return credit[:begin] + " " * (end - begin) + credit[end:]


def _is_title_word(word: str) -> bool:
    lower = fold(word).lower()
    return lower in ORGANISATION_WORDS or lower in COUNTRY_WORDS


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    lower: str = field(init=False)  # folded lower case, read many times while a sentence is labelled

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower", fold(self.text).lower())

    @property
    def key(self) -> str:
        return word_key(self.text) if self.is_word else self.text

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def capitalised(self) -> bool:
        return self.is_word and self.text[0].isupper()

    @property
    def acronym(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return self.is_word and len(letters) >= 2 and all(c.isupper() for c in letters)


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        word, start = match.group(0), match.start()
        possessive = _POSSESSIVE.match(word) if word[0].isalpha() else None
        if possessive:
            base = possessive.group(1)
            tokens.append(_Token(base, start, start + len(base)))
            tokens.append(_Token(possessive.group(2), start + len(base), match.end()))
        else:
            tokens.append(_Token(word, start, match.end()))
    return tokens


# Token labels.
NAME, TITLE, PLACE, ACRONYM, CALENDAR, OPENER, OTHER = (
    "name",
    "title",
    "place",
    "acronym",
    "calendar",
    "opener",
    "other",
)


@dataclass
class _Sentence:
    text: str
    tokens: list[_Token]
    labels: list[str]
    run_of: list[int]  # index of the capitalised run each token belongs to, -1 if none
    honorifics: set[int] = field(default_factory=set)  # tokens of honorifics ("H.E.", "Samdech Techo")

    def joined(self, i: int) -> bool:
        """Whether token i follows token i-1 with a single space, inside one line."""
        return i > 0 and self.text[self.tokens[i - 1].end : self.tokens[i].start] == " "

    @functools.cached_property
    def has_meeting_words(self) -> bool:
        # Once per sentence, not once per name in it.
        return bool(_MEETING_WORDS.search(self.text))


def _read_sentence(text: str) -> _Sentence:
    tokens = _tokens(text)
    labels = [_label(token, i == 0 or tokens[i - 1].text in '"“‘(') for i, token in enumerate(tokens)]
    sentence = _Sentence(text, tokens, labels, [-1] * len(tokens))
    run = -1
    for i, token in enumerate(tokens):
        if not token.capitalised:
            continue
        continues_run = i > 0 and sentence.run_of[i - 1] >= 0 and sentence.joined(i)
        if not continues_run:
            run += 1
        sentence.run_of[i] = run
    _mark_short_ly_names(sentence)
    _mark_places(sentence)
    _mark_honorifics(sentence)
    _mark_headline_words(sentence)
    _mark_name_like_months(sentence)
    _mark_office_words(sentence)
    return sentence


# English words a title-case headline capitalises after a name ("... Hue To Visit Cuba From Tuesday",
# "... Talks With Xi Over Phone"): never a word of a name that runs into them.
_HEADLINE_WORDS = frozenset(
    [
        "to",
        "from",
        "over",
        "with",
        "in",
        "at",
        "for",
        "and",
        "of",
        "the",
        "on",
        "after",
        "before",
        "amid",
        "as",
        "by",
        "via",
        "into",
        "onto",
        "upon",
        "about",
        "against",
        "visit",
        "visits",
        "meet",
        "meets",
        "met",
        "hold",
        "holds",
        "held",
        "talk",
        "talks",
        "says",
        "tells",
        "urges",
        "vows",
        "pledges",
        "calls",
        "welcomes",
        "receives",
        "hosts",
        "arrives",
        "arrive",
        "leaves",
        "begins",
        "ends",
        "discuss",
        "discusses",
        "hails",
        "signs",
        "seeks",
        "wants",
        "will",
        "would",
    ]
)
_SURNAMES_AMONG_HEADLINE_WORDS = frozenset(["to"])  # "Tô Lâm" written without diacritics


def _mark_headline_words(sentence: _Sentence) -> None:
    """Cut a name where a title-case headline's English words follow it; they are no name words."""
    tokens, labels = sentence.tokens, sentence.labels
    cut = False
    for i in range(1, len(tokens)):
        same_run = sentence.run_of[i] >= 0 and sentence.run_of[i] == sentence.run_of[i - 1]
        if not same_run:
            cut = False
            continue
        if labels[i] != NAME or tokens[i].lower not in _HEADLINE_WORDS or not (cut or labels[i - 1] == NAME):
            continue
        if tokens[i].lower in _SURNAMES_AMONG_HEADLINE_WORDS and not cut:
            nxt = i + 1
            if (
                nxt < len(tokens)
                and sentence.run_of[nxt] == sentence.run_of[i]
                and tokens[nxt].lower not in _HEADLINE_WORDS
            ):
                continue  # "President To Lam": the surname opens a name
        labels[i] = OTHER
        cut = True


def _by_first_word(phrases) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return index


_LEADING_HONORIFICS = _by_first_word(
    {(word,) for word in HONORIFIC_WORDS | HONORIFIC_ABBREVIATIONS} | HONORIFIC_PHRASES
)
_TITLES_OF_HONOUR = _by_first_word(TITLES_OF_HONOUR)


def _phrase_end(sentence: _Sentence, i: int, phrases: dict[str, list[tuple[str, ...]]]) -> int | None:
    """End of the longest phrase of `phrases` at token i, written capitalised ("his Excellency" aside)."""
    tokens, found = sentence.tokens, None
    if i >= len(tokens) or tokens[i].lower not in phrases:
        return None
    for phrase in phrases[tokens[i].lower]:
        end = i + len(phrase)
        if end > len(tokens) or tuple(t.lower for t in tokens[i:end]) != phrase:
            continue
        if all(t.capitalised or (k == i and t.lower in ("his", "her")) for k, t in enumerate(tokens[i:end], i)):
            found = max(found or 0, end)
    return found


def _mark_honorifics(sentence: _Sentence) -> None:
    """Honorifics and the titles of honour after them are neither name nor office: "Samdech Akka Moha Sena
    Padei Techo Hun Sen" is Hun Sen. A title of honour alone opens a name only before one ("Techo Hun Sen"):
    elsewhere its word may name a place ("Funan Techo canal")."""
    tokens, labels, i = sentence.tokens, sentence.labels, 0
    while i < len(tokens):
        end = _phrase_end(sentence, i, _LEADING_HONORIFICS)
        if end is None:
            end = _phrase_end(sentence, i, _TITLES_OF_HONOUR)
            opens_name = end is not None and (
                i == 0 or labels[i - 1] != NAME or sentence.run_of[i - 1] != sentence.run_of[i]
            )
            if not opens_name or not _name_follows(sentence, end):
                i += 1
                continue
        while (longer := _phrase_end(sentence, end, _TITLES_OF_HONOUR)) is not None:
            end = longer
        for k in range(i, end):
            labels[k] = TITLE
            sentence.honorifics.add(k)
        i = end


def _name_follows(sentence: _Sentence, i: int) -> bool:
    """Whether two name words follow token i - 1 in its capitalised run."""
    run = sentence.run_of[i - 1]
    return all(
        k < len(sentence.tokens) and sentence.labels[k] == NAME and sentence.run_of[k] == run for k in (i, i + 1)
    )


_SHORT_LY_WORDS = frozenset(["only", "early", "newly", "truly", "daily", "duly", "fully", "holy", "apply", "reply"])


def _mark_short_ly_names(sentence: _Sentence) -> None:
    """ "Naly Sisoulith, ...": a short word in -ly opening a run of capitalised words is a given name, not an
    adverb opening the sentence ("Recently, ...")."""
    tokens, labels = sentence.tokens, sentence.labels
    for i, token in enumerate(tokens[:-1]):
        if (
            labels[i] == OPENER
            and token.lower.endswith("ly")
            and len(token.text) <= 5
            and token.lower not in SENTENCE_OPENERS
            and token.lower not in _SHORT_LY_WORDS
            and sentence.run_of[i + 1] == sentence.run_of[i]
            and labels[i + 1] == NAME
        ):
            labels[i] = NAME


def _mark_name_like_months(sentence: _Sentence) -> None:
    """ "Dong Jun": a month abbreviation right after a name word, with no day number, is a name word."""
    tokens, labels = sentence.tokens, sentence.labels
    for i in range(1, len(tokens)):
        if labels[i] != CALENDAR or tokens[i].lower not in _MONTH_ABBREVIATIONS:
            continue
        next_is_number = i + 1 < len(tokens) and tokens[i + 1].text[:1].isdigit()
        if labels[i - 1] == NAME and sentence.run_of[i - 1] == sentence.run_of[i] and not next_is_number:
            labels[i] = NAME


def _inside_office(sentence: _Sentence, i: int) -> bool:
    """Whether token i continues an organisation named after "of"/"for" ("Minister of Public Works")."""
    k = i - 1
    while k >= 0 and sentence.labels[k] == TITLE and sentence.run_of[k] == sentence.run_of[i]:
        k -= 1
    if k >= 1 and sentence.tokens[k].lower == "the":
        k -= 1
    return k >= 0 and sentence.tokens[k].lower in ("of", "for")


def _mark_office_words(sentence: _Sentence) -> None:
    """Capitalised words of an organisation the vocabulary lacks are title words, not a name.

    "Vice Minister of Publicity Zhou Haoran": the word before a name-shaped rest belongs to the
    office. "Minister of Public Works and Transport": a lone word between organisation words does.
    """
    tokens, labels = sentence.tokens, sentence.labels
    for first, last in _segments(sentence):
        if not _inside_office(sentence, first):
            continue
        words = [t.text for t in tokens[first : last + 1]]
        name_shaped = looks_chinese(" ".join(words)) or looks_vietnamese(" ".join(words))
        if len(words) >= 3 and not name_shaped:
            rest = " ".join(words[1:])
            if looks_chinese(rest) or looks_vietnamese(rest):
                labels[first] = TITLE
                continue
        if len(words) == 1 and not _could_be_surname(tokens[first].lower):
            following = last + 1
            if following < len(tokens) and tokens[following].lower in ("and", "of"):
                following += 1
            # "Association of Fruit and Vegetables Producers": a second unknown word before the organisation word.
            partner = following if _unknown_word_of_organisation(sentence, following) else None
            if partner is not None:
                following += 1
            if following < len(tokens) and labels[following] == TITLE:
                labels[first] = TITLE
                if partner is not None:
                    labels[partner] = TITLE


def _unknown_word_of_organisation(sentence: _Sentence, i: int) -> bool:
    tokens, labels = sentence.tokens, sentence.labels
    return (
        i + 1 < len(tokens)
        and labels[i] == NAME
        and not _could_be_surname(tokens[i].lower)
        and labels[i + 1] == TITLE
        and sentence.run_of[i + 1] == sentence.run_of[i]
    )


def _label(token: _Token, opens_sentence: bool) -> str:
    if not token.capitalised:
        return OTHER
    lower = token.lower
    if opens_sentence and lower in SENTENCE_OPENERS:
        return OPENER
    if opens_sentence and lower.endswith(("ing", "ed", "ly")) and not _could_be_surname(lower):
        return OPENER
    if has_diacritics(token.text) and not token.acronym:
        return NAME  # Vietnamese words are never English vocabulary ("Thái" is a surname, not "Thai")
    if lower in MONTHS or lower in WEEKDAYS:
        return CALENDAR
    if lower in RANK_ABBREVIATIONS or lower in HONORIFIC_ABBREVIATIONS or lower in PERSON_NOUNS:
        return TITLE  # "Analyst Do Thien Tuan": what the person is, never part of the name
    if token.acronym:
        return ACRONYM
    if lower in ORGANISATION_WORDS or lower in COUNTRY_WORDS:
        return TITLE
    if "-" in lower and any(part in PLACE_NAMES for part in lower.split("-")):
        return PLACE
    return NAME


def _could_be_surname(lower: str) -> bool:
    return lower in CHINESE_SURNAMES or lower in VIETNAMESE_SURNAMES or lower in ORGANISATION_WORDS


def _mark_places(sentence: _Sentence) -> None:
    """Label multi-word place names ("Hà Nội", "Lạng Sơn") inside capitalised runs."""
    tokens, i = sentence.tokens, 0
    while i < len(tokens):
        matched = 0
        if sentence.run_of[i] >= 0:
            for size in (4, 3, 2, 1):
                j = i + size
                if j > len(tokens) or any(sentence.run_of[k] != sentence.run_of[i] for k in range(i, j)):
                    continue
                if place_phrase_key([t.text for t in tokens[i:j]]) in PLACE_NAMES:
                    matched = size
                    break
        if matched and _continues_a_name(sentence, i, i + matched):
            matched = 0  # "Vương Đình Huệ" is a name, though Huế is a city
        for k in range(i, i + matched):
            if sentence.labels[k] == NAME:
                sentence.labels[k] = PLACE
        i += matched or 1


def _continues_a_name(sentence: _Sentence, start: int, end: int) -> bool:
    """Whether the place words at [start, end) end a Vietnamese or Chinese name begun just before."""
    first = start
    while first > 0 and sentence.labels[first - 1] == NAME and sentence.run_of[first - 1] == sentence.run_of[start]:
        first -= 1
    if first == start:
        return False
    name = " ".join(token.text for token in sentence.tokens[first:end])
    return looks_vietnamese(name) or looks_chinese(name)


# --- Name segments and their titles ----------------------------------------------------------------


@dataclass
class Reference:
    """One place a sentence names someone: the name, and the title and office phrases around it."""

    sentence: int  # index in the article's sentence list
    first: int  # token range of the name
    last: int
    name: str
    start: int  # character span of the name in the sentence
    end: int
    extent_start: int  # span including the title before it and the office phrase after it
    extent_end: int
    offices: list[str] = field(default_factory=list)
    context_countries: list[str] = field(default_factory=list)
    titled: bool = False  # a title, office phrase, honorific or a list of leaders marks it as a person
    led_by: bool = False  # "led by" / "headed by" just before
    in_context: bool = False  # a context only people have (led by, met with, said)
    possessive: bool = False
    country_in_brackets: bool = False  # "Thein Sein (Myanmar)"

    @property
    def words(self) -> int:
        return len(self.name.split())


def _segments(sentence: _Sentence) -> list[tuple[int, int]]:
    """Token ranges [first, last] of capitalised words that can be a name (not titles or places)."""
    segments, i, tokens = [], 0, sentence.tokens
    while i < len(tokens):
        if sentence.labels[i] != NAME:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and sentence.labels[j + 1] == NAME and sentence.run_of[j + 1] == sentence.run_of[i]:
            j += 1
        segments.append((i, j))
        i = j + 1
    return segments


def _is_namesake(sentence: _Sentence, last: int) -> bool:
    """A name used as an adjective: an organisation or place word follows in the same run."""
    nxt = last + 1
    if nxt < len(sentence.tokens) and sentence.run_of[nxt] == sentence.run_of[last]:
        return sentence.labels[nxt] in (TITLE, PLACE, ACRONYM)
    if nxt < len(sentence.tokens) and sentence.tokens[nxt].lower in _LOCALITY_WORDS and sentence.joined(nxt):
        return True  # "in Ho Chi Minh city": a place named after a person
    # "Hữu Nghị (Friendship) International Border Gate": a gloss in brackets, then the organisation word.
    rest = sentence.text[sentence.tokens[last].end :]
    return re.match(r"\s*\([^()]{1,40}\)\s+[A-Z]", rest) is not None and _starts_with_organisation(rest)


def _starts_with_organisation(rest: str) -> bool:
    after = re.sub(r"^\s*\([^()]*\)\s*", "", rest)
    first = re.match(r"[^\W\d_]+", after)
    return bool(first) and fold(first.group(0)).lower() in ORGANISATION_WORDS


def _title_token(sentence: _Sentence, i: int, namesakes: set[int]) -> bool:
    """Whether token i can be part of a title phrase."""
    token, label = sentence.tokens[i], sentence.labels[i]
    if token.capitalised:
        return label in (TITLE, PLACE, ACRONYM) or i in namesakes or _names_a_locality(sentence, i)
    if token.is_word:
        return (
            token.lower in POSTS
            or token.lower in POST_MODIFIERS
            or token.lower in POST_QUALIFIERS
            or token.lower in _TITLE_LINKS
            or token.lower == COUNTERPART
            or token.lower in PERSON_NOUNS
            or token.lower in _LOCALITY_WORDS
            or token.lower in _INSTITUTION_WORDS
        )
    return token.text[0].isdigit() and token.text[-2:] in ("st", "nd", "rd", "th")


def _names_a_locality(sentence: _Sentence, i: int) -> bool:
    """ "Governor of Oudomxay province X": a word the vocabulary lacks, named as a province, is a place."""
    tokens = sentence.tokens
    return i + 1 < len(tokens) and tokens[i + 1].lower in _LOCALITY_WORDS and sentence.joined(i + 1)


def _link_ok(sentence: _Sentence, i: int) -> bool:
    """A linking word inside a title needs a title word after it ("of the CPC", not "of solidarity")."""
    tokens = sentence.tokens
    if tokens[i].lower not in ("of", "for", "on", "to", "at"):
        return True
    nxt = i + 1
    while nxt < len(tokens) and tokens[nxt].lower in ("the", "its"):
        nxt += 1
    return nxt < len(tokens) and (
        tokens[nxt].capitalised
        or tokens[nxt].lower in POSTS
        or tokens[nxt].lower in _LOCALITY_WORDS
        or tokens[nxt].lower in _INSTITUTION_WORDS
    )


def _possessive_at(sentence: _Sentence, i: int) -> bool:
    tokens = sentence.tokens
    if tokens[i].text in ("'s", "’s"):
        return True
    # "Laos’ Party Secretary General": the apostrophe alone after a word in -s.
    return (
        tokens[i].text in ("'", "’")
        and i >= 1
        and tokens[i - 1].end == tokens[i].start
        and tokens[i - 1].text[-1:] in ("s", "S")
    )


def _bracket_group(sentence: _Sentence, close: int) -> int | None:
    """Start of a bracketed acronym or gloss ending at token `close` ("(CPC)"), scanning back."""
    for j in range(close - 1, max(close - 5, -1), -1):
        if sentence.tokens[j].text == "(":
            inner = sentence.tokens[j + 1 : close]
            return j if inner and all(t.capitalised for t in inner) else None
    return None


def _line_break_after(sentence: _Sentence, i: int) -> bool:
    tokens = sentence.tokens
    return i + 1 < len(tokens) and "\n" in sentence.text[tokens[i].end : tokens[i + 1].start]


def _in_apposition(sentence: _Sentence, first: int, last: int) -> bool:
    """Whether the name stands between commas (or a comma and the sentence's end) right after a phrase."""
    tokens = sentence.tokens
    closes = last + 1 == len(tokens) or tokens[last + 1].text in (",", ".", ";")
    return closes and first >= 2 and tokens[first - 1].text == ","


def _title_before(sentence: _Sentence, first: int, namesakes: set[int]) -> int:
    """Index of the first token of the title phrase that ends just before token `first`."""
    tokens, i = sentence.tokens, first - 1
    start = first
    if i >= 0 and tokens[i].lower == "and":
        return first  # "X, Politburo member and Y": the title is X's, the "and" joins two people
    if i >= 0 and tokens[i].lower in _TITLE_LINKS and not tokens[i].capitalised:
        return first  # "the congratulations of the CPC leader to Bao": a title never ends in "to"
    while i >= 0:
        token = tokens[i]
        if _line_break_after(sentence, i):
            break  # "... via REUTERS\nChina's Premier X": a title never runs over a line's end
        if token.text == ")":
            opening = _bracket_group(sentence, i)
            # "Communist Party of Vietnam (CPV) Central Committee": an acronym inside a title; an agency's
            # tag before one is not ("Hanoi, Apr 16 (RHC) The Chairman of ...").
            if opening is None or opening == 0 or not _title_token(sentence, opening - 1, namesakes):
                break
            start, i = opening, opening - 1
            continue
        if token.text == ",":
            if (
                i >= 1
                and _title_token(sentence, i - 1, namesakes)
                and tokens[i - 1].lower not in _TITLE_LINKS
                and (tokens[i + 1].lower in POSTS or tokens[i + 1].lower in POST_MODIFIERS)
            ):
                i -= 1
                continue
            if _listing_comma(sentence, i, first):
                i -= 1
                continue
            break
        if _possessive_at(sentence, i):
            if i >= 1 and (tokens[i - 1].capitalised or tokens[i - 1].acronym):
                i -= 1
                continue
            break
        if _post_location(sentence, i, first):
            i -= 1  # "Consul General of China in HCMC Wei Huaxiang": where the post is, inside the title
            continue
        if not _title_token(sentence, i, namesakes) or not _link_ok(sentence, i):
            break
        if token.lower not in _TITLE_LINKS:
            start = i
        i -= 1
    # "the visit to Vietnam of General Secretary X": the country is where the visit went, not the title's.
    while start + 2 < first and tokens[start].lower in COUNTRY_WORDS and tokens[start + 1].lower == "of":
        start += 2
    # "the special envoy of CPC General Secretary X": the envoy is someone else; X's title starts after "of".
    for k in range(first - 1, start, -1):
        if tokens[k].lower == "of" and _post_follows(sentence, k + 1, first):
            return k + 1
    return start


def _listing_comma(sentence: _Sentence, i: int, first: int) -> bool:
    """A comma inside an organisation's list of fields: "Minister of Agriculture, Forestry and Fisheries X"."""
    tokens, labels = sentence.tokens, sentence.labels
    if i < 1 or not (tokens[i - 1].capitalised and labels[i - 1] == TITLE):
        return False
    if not (tokens[i + 1].capitalised and labels[i + 1] == TITLE):
        return False
    rest = tokens[i + 1 : first]
    if any(t.lower in POSTS or t.lower in POST_MODIFIERS for t in rest) or not any(t.lower == "and" for t in rest):
        return False  # "Minister of Japan, Chinese Premier X": a new office starts after the comma
    return any(t.lower == "of" for t in tokens[max(0, i - 6) : i])


def _post_follows(sentence: _Sentence, i: int, end: int) -> bool:
    tokens = sentence.tokens
    while i < end and (tokens[i].lower in ("the", "its") or tokens[i].acronym or tokens[i].lower in COUNTRY_WORDS):
        i += 1
    while i < end and tokens[i].lower in POST_MODIFIERS:
        i += 1
    return i < end and tokens[i].lower in POSTS


def _post_location(sentence: _Sentence, i: int, first: int) -> bool:
    labels, tokens = sentence.labels, sentence.tokens
    return (
        tokens[i].lower == "in"
        and i >= 1
        and i + 1 < first
        and labels[i + 1] in (PLACE, ACRONYM)
        and (labels[i - 1] in (TITLE, PLACE, ACRONYM) or tokens[i - 1].lower in POSTS)  # "ambassador in Havana"
    )


def _title_after(sentence: _Sentence, last: int, namesakes: set[int]) -> int:
    """Index one past the office phrase after ", " that follows token `last`; `last + 1` if none."""
    tokens = sentence.tokens
    i = last + 1
    if i >= len(tokens) or tokens[i].text != ",":
        return last + 1
    i += 1
    if i < len(tokens) and tokens[i].lower == "and":
        return last + 1  # "the Minister of Finance, X, and the Governor of the State Bank, Y": the next one's
    if i + 1 < len(tokens) and tokens[i].lower in ("a", "an") and _starts_post_phrase(sentence, i + 1, namesakes):
        i += 1  # "X, a member of the Political Bureau": the article opens the office phrase
    end = i
    end_before_continuation = None
    while i < len(tokens):
        token = tokens[i]
        if _line_break_after(sentence, i - 1):
            break
        if token.text == "(":
            close = next((j for j in range(i + 1, min(i + 5, len(tokens))) if tokens[j].text == ")"), None)
            if close is None or not all(t.capitalised for t in tokens[i + 1 : close]):
                break
            i = close + 1
            end = i
            continue
        if token.text == ",":
            following = i + 2 if i + 2 < len(tokens) and tokens[i + 1].lower == "and" else i + 1
            if following < len(tokens) and _starts_post_phrase(sentence, following, namesakes):
                if end_before_continuation is None:
                    end_before_continuation = end
                i = following
                continue
            break
        if _possessive_at(sentence, i):
            i += 1
            continue
        if (
            token.lower == "in"
            and i == end
            and tokens[i - 1].lower in _INSTITUTION_WORDS
            and i + 1 < len(tokens)
            and sentence.labels[i + 1] == PLACE
        ):
            i += 1  # "spokesman at the embassy in Phnom Penh": which embassy, inside the office
            continue
        if not _title_token(sentence, i, namesakes) or not _link_ok(sentence, i):
            break
        i += 1
        if token.lower not in _TITLE_LINKS:
            end = i
    if end < len(tokens) and sentence.labels[end] == NAME and sentence.joined(end):
        # "X, Politburo member Y said": the title runs into Y and is Y's; "X, head of ..., and Ambassador Y":
        # X's office ends before the comma that starts Y's.
        if end_before_continuation is None:
            return last + 1
        end = end_before_continuation
    return end if end > last + 2 else last + 1


def _starts_post_phrase(sentence: _Sentence, i: int, namesakes: set[int]) -> bool:
    """Whether an office phrase starts at token i: title words up to a post, before any "of"."""
    tokens = sentence.tokens
    while i < len(tokens) and _title_token(sentence, i, namesakes):
        lower = tokens[i].lower
        if lower in POSTS:
            return True
        if lower in _TITLE_LINKS and lower not in ("the", "its"):
            return False
        i += 1
    return False


# --- Office phrases -> OfficeMention --------------------------------------------------------------


def _office_parts(phrase: str) -> list[str]:
    """Split a title phrase where a new office begins: "Deputy Prime Minister and Foreign Minister"."""
    pieces = re.split(r"(\s*,\s*|\s+and\s+|\s*;\s*)", phrase)
    parts = [pieces[0]]
    for separator, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        if _has_post_before_link(piece):
            parts.append(piece)
        else:
            parts[-1] += separator + piece
    return [part.strip() for part in parts if part.strip()]


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", text)


def _has_post_before_link(piece: str) -> bool:
    for word in _words(piece):
        lower = fold(word).lower()
        if lower in POSTS:
            return True
        if lower in ("of", "for", "on", "to", "at"):
            return False
    return False


def _has_post(part: str) -> bool:
    return any(fold(word).lower() in POSTS for word in _words(part))


_RANK_TAIL = re.compile(
    r"\s+(?P<rank>(?:(?:Senior|Lieutenant|Major|Colonel|Rear|Vice|Brigadier|Sr\.|Lt\.|Maj\.|Brig\.)\s+)*"
    r"(?:General|Admiral|Colonel|Gen\.|Adm\.|Col\.|Capt\.))$"
)


def _without_rank(office: str) -> str:
    """ "Minister of Public Security General" -> the office; the military rank before the name is no office.

    A lone "General" after a post stays: "Secretary General" is an office.
    """
    match = _RANK_TAIL.search(office)
    if match is None:
        return office
    before = _words(office[: match.start()])
    rank = match.group("rank")
    if len(rank.split()) == 1 and not rank.endswith(".") and before and fold(before[-1]).lower() in POSTS:
        return office
    return office[: match.start()]


def offices_in(phrase: str) -> tuple[list[str], list[str]]:
    """(office texts, texts without a post) in a title phrase; leading non-offices are dropped."""
    parts = [_without_rank(part) for part in _office_parts(phrase)]
    offices = [_trim_links(part) for part in parts if _has_post(part)]
    others = [part for part in parts if not _has_post(part)]
    return [office for office in offices if office], others


def _trim_links(text: str) -> str:
    text = re.sub(r"^(?:(?:the|of|and|for|on|to|its|his|her|their|a|an)\s+)+", "", text.strip(), flags=re.I)
    text = re.sub(r"(?:\s+(?:the|of|and|for|on|to|its))+$", "", text, flags=re.I)
    return text.strip(" ,;")


_SUBJECT_OF_STUDY = re.compile(r"\s+(?:studies|language|languages|literature|medicine|history)\b")


def country_and_party(text: str) -> tuple[str | None, str]:
    """The country an office or organisation belongs to (first one the text names) and its party."""
    found: list[tuple[int, str | None, str]] = []
    folded = _PLACES_WITH_COUNTRY_WORDS.sub(lambda m: "_" * len(m.group(0)), fold(text).lower())
    for acronym, (country, party) in PARTY_ACRONYMS.items():
        for match in re.finditer(rf"\b{acronym}\b", text):
            found.append((match.start(), country, party))
    for pattern, (country, party) in PARTY_NAMES:
        for match in pattern.finditer(folded):
            found.append((match.start(), country, party))
    for match in _COUNTRY_WORD.finditer(folded):
        if _SUBJECT_OF_STUDY.match(folded, match.end()):
            continue  # "Institute of Vietnamese Studies": what it studies, not whose it is
        found.append((match.start() + 0.5, COUNTRY_WORDS[match.group(1)], ""))
    for match in _US_MARK.finditer(text):
        found.append((match.start() + 0.5, "US", ""))
    for match in _COUNTRY_INSTITUTION.finditer(folded):
        found.append((match.start() + 0.5, COUNTRY_INSTITUTIONS[match.group(1)], ""))
    if not found:
        return None, ""
    found.sort(key=lambda item: item[0])
    party = next((p for _, _, p in found if p), "")
    return found[0][1], party


def office_mention(text: str, previous_organization: str = "") -> OfficeMention:
    """Post, organisation and country of one office as written ("head of its International Department")."""
    words = text.split()
    lowers = [fold(w).lower().strip(",;") for w in words]
    post_index = next((i for i, w in enumerate(lowers) if w in POSTS), None)
    if post_index is None:  # an office named without a post word ("Prime Minister's Office" folded away)
        return OfficeMention(text=text, post=text, country=country_and_party(text)[0])
    begin = post_index
    while begin > 0 and lowers[begin - 1] in POST_MODIFIERS:
        begin -= 1
    end = post_index + 1
    while end < len(words) and lowers[end] in POSTS:
        end += 1
    post = " ".join(words[begin:end])
    post = post[:1].upper() + post[1:]
    organization = ""
    if end < len(words) and lowers[end] in ("of", "for", "to", "at", "on"):
        organization = _organization(" ".join(words[end + 1 :]), previous_organization)
        if lowers[post_index] == "minister" and lowers[end] == "of" and not country_named_by(organization):
            organization = "Ministry of " + organization
    elif begin > 0:
        organization = _organization(
            " ".join(w for w in words[:begin] if fold(w).lower() not in COUNTRY_WORDS), previous_organization
        )
    country, _ = country_and_party(text)
    return OfficeMention(text=text, post=post, organization=organization, country=country)


def _organization(text: str, previous_organization: str) -> str:
    text = re.sub(r"^(?:the|his|her|a|an)\s+", "", text.strip(), flags=re.I)
    if re.match(r"its\s", text) and previous_organization:
        text = f"{previous_organization}'s {text[4:]}"
    return collapse_acronyms(text).strip(" ,;")


def collapse_acronyms(text: str) -> str:
    """ "Communist Party of China (CPC) Central Committee" -> "CPC Central Committee"."""
    for match in reversed(list(re.finditer(r"\s*\(([A-Z]{2,6})\)", text))):
        acronym = match.group(1)
        before = text[: match.start()]
        words = list(re.finditer(r"\S+", before))
        initials, begin = "", None
        for word in reversed(words):
            w = word.group(0)
            if w.lower() in ("of", "the", "and", "for"):
                continue
            if not w[0].isupper():
                break
            if fold(w).lower() == "nam" and initials == "" and len(words) > 1:
                continue  # "Việt Nam" is one V
            initials = w[0].upper() + initials
            begin = word.start()
            if fold(initials) == acronym:
                break
        if begin is not None and fold(initials) == acronym:
            text = text[:begin] + acronym + text[match.end() :]
    return text


# --- The article scan -----------------------------------------------------------------------------


@dataclass
class _Scan:
    sentences: list[_Sentence]
    references: list[Reference]
    body_sentences: int  # the first this many sentences are the body; the rest are captions


def _scan(body: str, captions: list[str]) -> _Scan:
    texts = [(p, True) for p in paragraphs_of(body)] + [(c, False) for c in captions if c and c.strip()]
    sentences: list[_Sentence] = []
    body_count = 0
    for text, is_body in texts:
        for sentence_text in split_sentences(without_credits(text)):
            sentences.append(_read_sentence(sentence_text))
            body_count += is_body
    references = []
    for index, sentence in enumerate(sentences):
        references.extend(_references_in(sentence, index))
    return _Scan(sentences, references, body_count)


def _references_in(sentence: _Sentence, index: int) -> list[Reference]:
    segments = _segments(sentence)
    namesakes = {k for first, last in segments if _is_namesake(sentence, last) for k in range(first, last + 1)}
    references = []
    for first, last in segments:
        if first in namesakes:
            continue
        references.append(_reference(sentence, index, first, last, namesakes))
    _mark_listed(sentence, references)
    _mark_leaders_with_countries(sentence, references)
    return references


# "prime ministers A (Myanmar), B (Lao PDR) and C (Thailand)": what the people listed are.
_LEADERS_BEFORE = re.compile(
    r"\b(?:leaders|ministers|presidents|premiers|counterparts|heads\s+of\s+\w+)\s*:?\s*$", re.I
)


def _mark_leaders_with_countries(sentence: _Sentence, references: list[Reference]) -> None:
    """Names each followed by its country in brackets are leaders when they are listed together or after
    what they are; a single "Ban Gioc (Vietnam)" may be a place."""
    bracketed = [r for r in references if r.country_in_brackets]
    for reference in bracketed:
        listed_with_another = any(
            other is not reference
            and _LIST_SEPARATOR.fullmatch(
                sentence.text[min(reference.extent_end, other.extent_end) : max(reference.start, other.start)]
            )
            for other in bracketed
        )
        if listed_with_another or _LEADERS_BEFORE.search(sentence.text[: reference.extent_start]):
            reference.titled = True


# What opens a list of people: "The delegation included A, B and C", "Also present were A and B".
_LIST_OPENING = re.compile(
    r"\b(?:included|includes|include|including|comprised|comprising|(?:accompanied|joined|attended)\s+by|"
    r"(?:present|attending|members|participants)\b[^.;:]{0,40}?\b(?:were|are|was|included))\s*:?\s*",
    re.I,
)
# "... the founding leaders of both nations: A and B": a colon after what the people are names them as people.
_PEOPLE_LISTED = re.compile(
    r"\b(?:leaders|founders|fathers|heroes|revolutionaries|presidents|statesmen)\b[^.;:!?]{0,60}:\s*", re.I
)
_LIST_SEPARATOR = re.compile(r"\s*(?:,|;)?\s*(?:and\s+)?")


# "... Tra Linh and Ha Quang districts": the list was of places.
_PLACES_LISTED = re.compile(
    r"\s*(?:,|;)?\s*(?:and\s+)?(?:[A-Z][\w'’-]*\s+)*(?:districts?|provinces?|communes?|cities|towns?|villages?|"
    r"wards?|counties|border|gates?|areas?|regions?|islands?|rivers?|streets?|roads?|markets?|ports?|companies)\b"
)


def _mark_listed(sentence: _Sentence, references: list[Reference]) -> None:
    """Names in a list of people are people: each item follows the opening or another listed person."""
    openings = [(m, False) for m in _LIST_OPENING.finditer(sentence.text)]
    openings += [(m, True) for m in _PEOPLE_LISTED.finditer(sentence.text)]
    for opening, named_as_people in openings:
        position, listed = opening.end(), []
        for reference in references:
            if reference.extent_start < position:
                continue
            if not _LIST_SEPARATOR.fullmatch(sentence.text[position : reference.extent_start]):
                break
            listed.append(reference)
            position = reference.extent_end
        if listed and not _PLACES_LISTED.match(sentence.text, position):
            for reference in listed:
                reference.in_context = True
                reference.titled = reference.titled or named_as_people


# A word right before a name that shows it is a person's even without an office.
_PERSON_MARKS = HONORIFICS | HONORIFIC_ABBREVIATIONS | RANK_WORDS | RANK_ABBREVIATIONS | PERSON_NOUNS | {COUNTERPART}


def _reference(sentence: _Sentence, index: int, first: int, last: int, namesakes: set[int]) -> Reference:
    tokens = sentence.tokens
    start, end = tokens[first].start, tokens[last].end
    title_start = _title_before(sentence, first, namesakes)
    possessive = last + 1 < len(tokens) and _possessive_at(sentence, last + 1)
    after_end = last + 1 if possessive else _title_after(sentence, last, namesakes)
    if title_start == first and after_end == last + 1 and _in_apposition(sentence, first, last):
        # "The Prime Minister of Laos, Bouasone Bouphavanh, said": the title before the comma is the name's.
        title_start = min(_title_before(sentence, first - 1, namesakes), first)
    # Honorifics are neither name nor office: the office is what stands around them.
    honorific_start = first
    while honorific_start - 1 in sentence.honorifics:
        honorific_start -= 1
    office_start = title_start
    while office_start in sentence.honorifics:
        office_start += 1
    office_end = tokens[honorific_start].start if honorific_start < first else start
    before = sentence.text[tokens[office_start].start : office_end] if office_start < honorific_start else ""
    after = sentence.text[tokens[last + 1].end : tokens[after_end - 1].end] if after_end > last + 1 else ""
    offices, others = offices_in(before)
    after_offices, after_others = offices_in(after)
    if after_offices:
        offices, others = offices + after_offices, others + after_others
    else:
        after_end = last + 1
    honorific = title_start < first and (first - 1 in sentence.honorifics or tokens[first - 1].lower in _PERSON_MARKS)
    extent_start = tokens[title_start].start if offices or honorific else start
    if before and not offices and not honorific:
        title_start = first
    countries = [c for c in (country_and_party(text)[0] for text in [*others, before]) if c]
    # "prime ministers Thein Sein (Myanmar), Abhisit Vejjajiva (Thailand)": whose leader each one is.
    bracketed = _BRACKETED_COUNTRY.match(sentence.text, end) if after_end == last + 1 and not possessive else None
    bracketed_country = COUNTRY_WORDS.get(fold(bracketed.group(1)).lower()) if bracketed else None
    if bracketed_country:
        countries.append(bracketed_country)
    title_at = tokens[title_start].start
    countries += _country_referred_back(sentence.text[max(0, title_at - _CONTEXT_BEFORE) : title_at])
    # "Peng Liyuan, Xi's wife, attended": a spouse named by apposition.
    spouse = after_end == last + 1 and not possessive and _SPOUSE_AFTER.match(sentence.text, end) is not None
    reference = Reference(
        sentence=index,
        first=first,
        last=last,
        name=sentence.text[start:end],
        start=start,
        end=end,
        extent_start=extent_start,
        extent_end=bracketed.end() if bracketed_country else tokens[after_end - 1].end if after_end > last + 1 else end,
        offices=offices,
        context_countries=countries,
        titled=bool(offices) or honorific or spouse,
        country_in_brackets=bracketed_country is not None,
        possessive=possessive,
    )
    _read_context(sentence, reference, title_start, after_end)
    return reference


_THE_COUNTRYS = re.compile(r"\bthe\s+(?:country|nation|kingdom|republic)['’]s\s*$", re.I)


def _country_referred_back(before: str) -> list[str]:
    """ "in Laos with the country's President, X": the country the sentence named last is X's."""
    if not _THE_COUNTRYS.search(before):
        return []
    named = [COUNTRY_WORDS[m.group(1)] for m in _COUNTRY_WORD.finditer(fold(before).lower())]
    return named[-1:]


_SPOUSE_AFTER = re.compile(
    r"\s*,\s*(?:[^\W\d_][\w’'-]*\s+){0,3}?[^\W\d_][\w’'-]*['’]s\s+(?:wife|husband|spouse|widow)\b"
)
_BRACKETED_COUNTRY = re.compile(r"\s*\(\s*([^()]{2,30}?)\s*\)")

# "Nguyen Van An received ...": a name-shaped subject of a meeting verb is a person.
_MEETING_VERBS = frozenset(
    ["met", "meets", "received", "receives", "hosted", "hosts", "welcomed", "welcomes", "co-chaired", "co-chairs"]
)
_LED_BY = re.compile(r"\b(?:led|headed)\s+by(?:\s+(?:its|their|the))?\s*$", re.I)
_MEETING_OBJECT = re.compile(r"\b(?:with|met|meets|received|receives|between)\s*$", re.I)
# "..., said Tran Quoc Vuong, vice president of ...": the speaker after the verb.
_SPEAKER_BEFORE = re.compile(r"(?:\b(?:said|says|added|noted|according\s+to)|[,.]\s*[\"”’'])\s*$", re.I)
# One word per repetition (words are separated by spaces), so a failed match backtracks linearly.
_ORGANISATION_LEADING = re.compile(
    r"((?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s*)\s*,?\s*(?:led|headed)\s+by(?:\s+(?:its|their|the))?\s*$"
)
# The patterns above end at the name: they only need the text just before it. Searching the whole
# sentence for each name made a long sentence of names quadratic.
_CONTEXT_BEFORE = 300  # characters


def _read_context(sentence: _Sentence, reference: Reference, title_start: int, after_end: int) -> None:
    """Contexts only people have: "led by X", "held talks with X", "X said"; and whose X is."""
    text, tokens = sentence.text, sentence.tokens
    end = tokens[title_start].start
    before = text[max(0, end - _CONTEXT_BEFORE) : end]
    reference.led_by = bool(_LED_BY.search(before))
    if reference.led_by:
        leading = _ORGANISATION_LEADING.search(before)
        if leading and "delegation" not in before[-80:].lower():
            country = country_and_party(leading.group(1))[0]
            if country:
                reference.context_countries.append(country)
    follows = tokens[after_end].lower if after_end < len(tokens) else ""
    if after_end < len(tokens) and tokens[after_end].text == "," and after_end + 1 < len(tokens):
        follows = tokens[after_end + 1].lower
    reference.in_context = (
        reference.led_by
        or (bool(_MEETING_OBJECT.search(before)) and sentence.has_meeting_words)
        or follows in _SPEECH_VERBS
        or bool(_SPEAKER_BEFORE.search(before))
        or follows in _MEETING_VERBS
    )


# --- People ---------------------------------------------------------------------------------------


@dataclass
class _Person:
    key: str
    spellings: list[str] = field(default_factory=list)
    official: object = None
    offices: list[str] = field(default_factory=list)
    context_countries: list[str] = field(default_factory=list)
    count: int = 0
    first_seen: int = 0

    @property
    def name(self) -> str:
        if self.official is not None:
            return self.official.name
        accented = [s for s in self.spellings if has_diacritics(s)]
        return (accented or self.spellings)[0]


def _is_name_shaped(name: str) -> bool:
    return looks_vietnamese(name) or looks_chinese(name)


def _is_person(reference: Reference, officials) -> bool:
    if reference.words < 2 or reference.words > 5:
        return False
    if officials is not None and officials.lookup(reference.name) is not None:
        return True
    if reference.titled:
        return True
    return reference.in_context and _is_name_shaped(reference.name)


def extract_people(body: str, captions: list[str] | None = None, *, officials=None) -> list[PersonMention]:
    """Everyone the article's body and photo captions name, with offices, country and reference count."""
    if not isinstance(body, str):
        raise TypeError(f"extract_people: body must be text, got {type(body).__name__}")
    scan = _scan(body, list(captions or []))
    people = _people_from(scan, officials)
    for reference, person in _resolve(scan, people):
        person.count += 1
        if reference.words == 1:
            person.offices += reference.offices
            person.context_countries += reference.context_countries
    ordered = sorted(people.values(), key=lambda p: p.first_seen)
    mentions = [_person_mention(person) for person in ordered]
    complete_fragments(mentions)
    named = _countries_named(body)
    third_countries = named - {"VN", "CN"}
    for mention in mentions:
        if mention.country is not None:
            continue
        if looks_khmer(mention.name) and "KH" in named:
            mention.country = "KH"  # "Minister of Information Khieu Kanharith" in a story about Cambodia
        elif len(third_countries) == 1 and not _is_name_shaped(mention.name):
            # "leader Fidel Castro" in a story about Cuba: a name of neither side's shape, with no
            # country of its own, belongs to the one other country the story is about.
            mention.country = next(iter(third_countries))
    return mentions


def _countries_named(body: str) -> set[str]:
    """The countries the text names, by name, adjective or capital."""
    folded = fold(body).lower()
    return {COUNTRY_WORDS[match.group(1)] for match in _COUNTRY_WORD.finditer(folded)} | {
        CAPITALS[match.group(1)] for match in _CAPITAL.finditer(folded)
    }


def _identity(name: str, officials) -> tuple[str, object]:
    official = officials.lookup(name) if officials is not None else None
    return (person_key(official.name) if official else person_key(name)), official


def _is_heading(sentence: _Sentence) -> bool:
    """A line of capitalised words with no lower-case word: a heading, a label or a headline in a list."""
    words = [token for token in sentence.tokens if token.is_word and token.text not in ("'s", "’s")]
    return len(words) >= 3 and all(token.capitalised for token in words)


def _people_from(scan: _Scan, officials) -> dict[str, _Person]:
    """Everyone some full reference shows to be a person, with what every full reference says.

    Headings and headline lists never introduce a person: their names belong to other stories, or are
    named again in the article's sentences."""
    people: dict[str, _Person] = {}
    written: dict[str, str] = {}  # each person's name as first written
    headings = {index for index, sentence in enumerate(scan.sentences) if _is_heading(sentence)}
    for order, reference in enumerate(scan.references):
        if reference.sentence not in headings and _is_person(reference, officials):
            key, official = _identity(reference.name, officials)
            if key not in people:
                people[key] = _Person(key=key, official=official, first_seen=order)
                written[key] = reference.name
    # "Mr Van Nen" in a story about Nguyen Van Nen: his given names alone are no other person.
    partial = {key: people[full] for full, name in written.items() for key in partial_names(name)}
    for key in [key for key in people if partial.get(key, people[key]) is not people[key]]:
        del people[key]
    for reference in scan.references:
        if reference.words < 2:
            continue
        key = _identity(reference.name, officials)[0]
        person = people.get(key)
        if person is not None and reference.name not in person.spellings:
            person.spellings.append(reference.name)
        person = person or partial.get(key)
        if person is not None:
            person.offices += reference.offices
            person.context_countries += reference.context_countries
    return people


def _resolve(scan: _Scan, people: dict[str, _Person]) -> list[tuple[Reference, _Person]]:
    """Each reference with the person it names: full names by key, short names by the most recent."""
    by_key = dict(people.items())
    for person in people.values():
        for spelling in [*(person.official.aliases if person.official else ()), *person.spellings]:
            by_key.setdefault(person_key(spelling), person)
    return resolve_references(scan.references, by_key, lambda p: _short_forms_of(p))


def _short_forms_of(person: _Person) -> set[str]:
    country = _country(person) if person.offices or person.official else None
    return _shorter_references(person.name, person.spellings, country)


def _shorter_references(name: str, spellings, country: str | None) -> set[str]:
    """Keys of the shorter references a person may have: one word ("Trung", "Xi") or two ("Van Nen")."""
    return {form for spelling in (name, *spellings) for form in short_forms(spelling, country)} | {
        key for spelling in (name, *spellings) for key in partial_names(spelling, country)
    }


def resolve_references(references, by_key: dict, shorts_of) -> list:
    """Pair references with people: a full name by its key, a short name with whoever had it last."""
    people = list({id(p): p for p in by_key.values()}.values())
    resolved, last_seen = [], {}
    full = [(r, by_key.get(person_key(r.name))) for r in references if r.words >= 2]
    # Persons with a full mention anywhere may be referred to by a short name before it (captions).
    for order, (_reference, person) in enumerate(full):
        if person is not None and id(person) not in last_seen:
            last_seen[id(person)] = -1 - order
    short_index = {}
    for person in people:
        for form in shorts_of(person):
            if form not in _NOT_SHORT_NAMES:
                short_index.setdefault(form, []).append(person)
    for position, reference in enumerate(references):
        key = person_key(reference.name)
        person = by_key.get(key) if reference.words >= 2 else None
        if person is None and reference.words <= 2:
            candidates = short_index.get(key, [])
            person = max(candidates, key=lambda p: last_seen.get(id(p), -(10**9)), default=None)
        if person is not None:
            last_seen[id(person)] = position
            resolved.append((reference, person))
    return resolved


def _country(person: _Person) -> str | None:
    office_countries = [c for c in (country_and_party(o)[0] for o in person.offices) if c]
    if office_countries:
        return Counter(office_countries).most_common(1)[0][0]
    if person.official is not None and person.official.country:
        return person.official.country
    if person.context_countries:
        return Counter(person.context_countries).most_common(1)[0][0]
    if looks_vietnamese(person.name) and (
        has_diacritics(person.name)
        or len(person.name.split()) >= 3
        or word_key(person.name.split()[0]) not in CHINESE_SURNAMES  # "To Lam": no Chinese reading of it
    ):
        return "VN"
    if looks_chinese(person.name):
        return "CN"
    return None


def _party(person: _Person) -> str:
    for office in person.offices:
        party = country_and_party(office)[1]
        if party:
            return party
    return person.official.party if person.official is not None else ""


def _person_mention(person: _Person) -> PersonMention:
    country = _country(person)
    return PersonMention(
        name=person.name,
        key=person.key,
        country=country,
        party=_party(person),
        offices=_office_mentions(person.offices, country),
        aliases_seen=list(person.spellings),
        count=person.count,
    )


def _office_mentions(texts: list[str], person_country: str | None) -> list[OfficeMention]:
    offices, seen, previous = [], set(), ""
    for text in texts:
        office = office_mention(text, previous)
        previous = office.organization or previous
        # Duplicates by the words as written, so every wording stays in the offices as written.
        identity = _office_identity(office)
        if identity in seen:
            continue
        seen.add(identity)
        if office.country is None and person_country:
            office = OfficeMention(office.text, office.post, office.organization, person_country)
        offices.append(canonical_office(office, [o.organization for o in offices if o.organization]))
    return offices


def _office_identity(office: OfficeMention) -> str:
    text = fold(f"{office.post} {office.organization}").lower()
    for pattern, (_, party) in PARTY_NAMES:
        text = pattern.sub(party.lower(), text)
    return re.sub(r"\b(?:the|s)\b|[^a-z0-9]+", "", text)


# --- For meetings.py ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    """A located reference to a person in one sentence."""

    person: str  # PersonMention.name
    start: int
    end: int
    extent_start: int  # with the title before and the office phrase after
    extent_end: int
    led_by: bool
    possessive: bool


@dataclass(frozen=True)
class Sentence:
    text: str
    occurrences: tuple[Occurrence, ...]


def read_sentences(body: str, people: list[PersonMention]) -> list[Sentence]:
    """The body's sentences, each with the references to `people` it contains, in order."""
    scan = _scan(body, [])
    by_key: dict[str, PersonMention] = {}
    for person in people:
        for spelling in (person.name, *person.aliases_seen):
            by_key.setdefault(person_key(spelling), person)
        by_key.setdefault(person.key, person)

    def shorts(person: PersonMention) -> set[str]:
        return _shorter_references(person.name, person.aliases_seen, person.country)

    found: dict[int, list[Occurrence]] = {}
    for reference, person in resolve_references(scan.references, by_key, shorts):
        found.setdefault(reference.sentence, []).append(
            Occurrence(
                person=person.name,
                start=reference.start,
                end=reference.end,
                extent_start=reference.extent_start,
                extent_end=reference.extent_end,
                led_by=reference.led_by,
                possessive=reference.possessive,
            )
        )
    return [Sentence(s.text, tuple(found.get(i, ()))) for i, s in enumerate(scan.sentences)]
