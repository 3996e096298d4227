"""People named in an article and the offices the text attaches to them.

    extract_people(body, captions, officials=None) -> list[PersonMention]
    sentences_with_people(body, people) -> list[SentenceWithPeople]   (each reference located, for meetings.py)

A run of name words (sentences.py) is a person's name when the text says so: a title before it
("Chinese President Xi Jinping", "Party chief Trọng"), an office after it ("Cai Qi, member of the
Standing Committee ..."), an honorific, the known-officials list, or, for names of a shape the
countries file recognises (naming.py), a context only people have ("led by X", "held talks with X",
"X said"). A name followed by an organisation word is a namesake ("Ho Chi Minh National Academy",
"Hebei Province"). Offices are read by offices.py.

Later short references follow the naming conventions of the person's country (naming.py); a short
name two people share goes to the one the text mentioned last.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from .lexicon import Lexicon, lexicon, singular_title
from .names import has_diacritics, person_key, to_ascii, word_key
from .naming import country_by_shape, name_shape, name_shapes, partial_names, recognised_by_shape, short_forms
from .offices import (
    COUNTERPART,
    countries_in_order,
    country_and_party,
    in_apposition,
    office_mention,
    office_mentions,
    offices_in,
    possessive_at,
    title_after,
    title_before,
)
from .organizations import complete_fragments
from .sentences import (
    ACRONYM,
    PLACE,
    TITLE,
    LabelledSentence,
    label_sentence,
    name_segments,
    paragraphs_of,
    split_sentences,
    without_credits,
)
from .types import PersonMention
from .vocabulary import (
    LOCALITY_WORDS,
    MEETING_VERBS,
    NOT_SHORT_NAMES,
    PERSON_NOUNS,
    POST_MODIFIERS,
    RANK_ABBREVIATIONS,
    RANK_WORDS,
    SPEECH_VERBS,
)


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
    partner_before: bool = False  # "Li and his wife Cheng Hong": the spouse of the person named just before
    plural_title: bool = False  # "Foreign Ministers A and B": the title is also the next listed names'

    @property
    def words(self) -> int:
        return len(self.name.split())


def _is_namesake(sentence: LabelledSentence, last: int) -> bool:
    """A name used as an adjective: an organisation or place word follows in the same run."""
    nxt = last + 1
    if nxt < len(sentence.tokens) and sentence.run_of[nxt] == sentence.run_of[last]:
        return sentence.labels[nxt] in (TITLE, PLACE, ACRONYM)
    if nxt < len(sentence.tokens) and sentence.tokens[nxt].lower in LOCALITY_WORDS and sentence.joined(nxt):
        # "in Ho Chi Minh city": a place named after a person; not "President X state visit to ..."
        after = sentence.tokens[nxt + 1].lower if nxt + 1 < len(sentence.tokens) else ""
        return not (sentence.tokens[nxt].lower == "state" and after in ("visit", "visits"))
    # "Hữu Nghị (Friendship) International Border Gate": a gloss in brackets, then the organisation word.
    rest = sentence.text[sentence.tokens[last].end :]
    return re.match(r"\s*\([^()]{1,40}\)\s+[A-Z]", rest) is not None and _starts_with_organisation(rest)


def _starts_with_organisation(rest: str) -> bool:
    after = re.sub(r"^\s*\([^()]*\)\s*", "", rest)
    first = re.match(r"[^\W\d_]+", after)
    return bool(first) and to_ascii(first.group(0)).lower() in lexicon().title_words


@dataclass
class _Scan:
    sentences: list[LabelledSentence]
    references: list[Reference]
    body_sentences: int  # the first this many sentences are the body; the rest are captions


def _scan(body: str, captions: list[str]) -> _Scan:
    body_sentences, body_references = _scan_body(body, lexicon())
    sentences, references = list(body_sentences), list(body_references)
    for caption in captions:
        if not (caption and caption.strip()):
            continue
        for sentence_text in split_sentences(without_credits(caption)):
            sentences.append(label_sentence(sentence_text))
            references.extend(_references_in(sentences[-1], len(sentences) - 1))
    return _Scan(sentences, references, len(body_sentences))


@functools.lru_cache(maxsize=2)
def _scan_body(body: str, lex: Lexicon) -> tuple[tuple[LabelledSentence, ...], tuple[Reference, ...]]:
    """The body's labelled sentences and their references. Kept for the last texts read: people, then
    meetings, read the same article's text one after the other (labelling it is half of extraction).
    Nothing changes a sentence or reference once read; `lex` keys it to the countries file in force."""
    sentences = [label_sentence(text) for p in paragraphs_of(body) for text in split_sentences(without_credits(p))]
    references = [reference for i, sentence in enumerate(sentences) for reference in _references_in(sentence, i)]
    return tuple(sentences), tuple(references)


def _references_in(sentence: LabelledSentence, index: int) -> list[Reference]:
    segments = name_segments(sentence)
    namesakes = {k for first, last in segments if _is_namesake(sentence, last) for k in range(first, last + 1)}
    references = []
    for first, last in segments:
        if first in namesakes:
            continue
        references.append(_reference(sentence, index, first, last, namesakes))
    _mark_listed(sentence, references)
    _mark_leaders_with_countries(sentence, references)
    _share_plural_titles(sentence, references)
    return references


def _share_plural_titles(sentence: LabelledSentence, references: list[Reference]) -> None:
    """ "Foreign Ministers Wang Yi and Bui Thanh Son": each name the plural title lists holds its office;
    "Chinese and Vietnamese Defence Ministers A and B": the countries go to the names in their order."""
    for index, reference in enumerate(references):
        if not reference.plural_title:
            continue
        listed = [reference]
        for other in references[index + 1 :]:
            # "Prime Ministers A of Cambodia and B of Vietnam": each name may say its country.
            between = _COUNTRY_AFTER_NAME.sub("", sentence.text[listed[-1].extent_end : other.start], count=1)
            if other.offices or not _LIST_SEPARATOR.fullmatch(between):
                break
            listed.append(other)
        countries = countries_in_order(sentence.text[reference.extent_start : reference.start])
        in_order = len(countries) == len(listed) > 1
        offices = [_without_countries(office) for office in reference.offices] if in_order else reference.offices
        for position, other in enumerate(listed):
            other.offices, other.titled = list(offices), True
            if in_order:
                other.context_countries = [countries[position]]


_COUNTRY_AFTER_NAME = re.compile(r"^\s*(?:of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}|\([^()]{1,40}\))")


def _without_countries(office: str) -> str:
    """ "Vietnamese Defence Minister" -> "Defence Minister": the countries were shared out in order."""
    words = office.split()
    while len(words) > 1 and (to_ascii(words[0]).lower() in lexicon().country_words or words[0].lower() == "and"):
        words.pop(0)
    return " ".join(words)


# "prime ministers A (Myanmar), B (Lao PDR) and C (Thailand)": what the people listed are.
_LEADERS_BEFORE = re.compile(
    r"\b(?:leaders|ministers|presidents|premiers|counterparts|heads\s+of\s+\w+)\s*:?\s*$", re.I
)


def _mark_leaders_with_countries(sentence: LabelledSentence, references: list[Reference]) -> None:
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


def _mark_listed(sentence: LabelledSentence, references: list[Reference]) -> None:
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


@functools.cache
def _person_marks(lex: Lexicon) -> frozenset[str]:
    """Words right before a name that show it is a person's even without an office."""
    return (
        lex.honorific_words
        | lex.honorific_abbreviations
        | RANK_WORDS
        | RANK_ABBREVIATIONS
        | PERSON_NOUNS
        | {COUNTERPART}
    )


def _reference(sentence: LabelledSentence, index: int, first: int, last: int, namesakes: set[int]) -> Reference:
    tokens = sentence.tokens
    start, end = tokens[first].start, tokens[last].end
    if tokens[last].text in ("Jr", "Sr") and sentence.text[end : end + 1] == ".":
        end += 1  # "Marcos Jr.": the suffix's stop is the name's
    title_start = title_before(sentence, first, namesakes)
    possessive = last + 1 < len(tokens) and possessive_at(sentence, last + 1)
    after_end = last + 1 if possessive else title_after(sentence, last, namesakes)
    if title_start == first and after_end == last + 1 and in_apposition(sentence, first, last):
        # "The Prime Minister of Laos, Bouasone Bouphavanh, said": the title before the comma is the name's.
        title_start = min(title_before(sentence, first - 1, namesakes), first)
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
    singular = singular_title(before) if before else before
    offices, others = offices_in(singular)
    after_offices, after_others = offices_in(after)
    if after_offices:
        offices, others = offices + after_offices, others + after_others
    else:
        after_end = last + 1
    marks = _person_marks(lexicon())
    plural_rank = first >= 1 and lexicon().singular_posts.get(tokens[first - 1].lower) in marks  # "Generals A and B"
    honorific = title_start < first and (
        first - 1 in sentence.honorifics or tokens[first - 1].lower in marks or plural_rank
    )
    extent_start = tokens[title_start].start if offices or honorific else start
    if before and not offices and not honorific:
        title_start = first
    if not offices and not honorific and title_start == first:
        # "headed by the secretary of organization of the Central Committee (PCC), Roberto Morales Ojeda, ...":
        # an office in lower case, closed by the comma before the name.
        described = _office_closed_by_comma(sentence.text, start, end)
        if described:
            offices = [described]
    title_at = tokens[title_start].start
    if others and _LOCATION_BEFORE.search(sentence.text, max(0, title_at - 120), title_at):
        # "in Phnom Penh, the Kingdom of Cambodia, Prime Minister X": where they were, not whose X is.
        others, before = [], before[before.rfind(",") + 1 :]
    countries = [c for c in (country_and_party(text)[0] for text in [*others, before]) if c]
    # "prime ministers Thein Sein (Myanmar), Abhisit Vejjajiva (Thailand)": whose leader each one is.
    bracketed = _BRACKETED_COUNTRY.match(sentence.text, end) if after_end == last + 1 and not possessive else None
    bracketed_country = lexicon().country_words.get(to_ascii(bracketed.group(1)).lower()) if bracketed else None
    if bracketed_country:
        countries.append(bracketed_country)
    countries += _country_referred_back(sentence.text[max(0, title_at - _CONTEXT_BEFORE) : title_at])
    # "Peng Liyuan, Xi's wife, attended": a spouse named by apposition.
    spouse = after_end == last + 1 and not possessive and _SPOUSE_AFTER.match(sentence.text, end) is not None
    # "greeted Lam and his wife, Ngo Phuong Ly, ...": a spouse named by apposition before the name.
    spouse = spouse or (title_start == first and bool(_SPOUSE_BEFORE.search(sentence.text, max(0, start - 30), start)))
    # "met his Lao counterpart, X, ...": the office the other side holds, named by apposition.
    counterpart = title_start == first and _COUNTERPART_BEFORE.search(sentence.text, max(0, start - 60), start)
    if counterpart:
        named = counterpart.group("country") or counterpart.group("nationality") or ""
        countries += [c for c in [country_and_party(named)[0]] if c]
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
        titled=bool(offices) or honorific or spouse or bool(counterpart),
        partner_before=bool(_PARTNER_BEFORE.search(sentence.text, max(0, start - 40), start)),
        country_in_brackets=bracketed_country is not None,
        possessive=possessive,
        plural_title=(bool(offices) or plural_rank) and singular != before,
    )
    _read_context(sentence, reference, title_start, after_end)
    return reference


_OFFICE_BEFORE_COMMA = re.compile(
    rf"\b(?:the|its|their|his|her)\s+(?P<office>(?:(?:{'|'.join(sorted(POST_MODIFIERS))})\s+)*"
    r"(?P<post>[a-z][\w-]*)\s+(?:of|to|for|at|in)\s+[^,;:]{3,150}?)(?:\s+(?:there|here))?\s*,\s*$"
)
_APPOSITION_CLOSES = re.compile(r"\s*(?:[,;]|$|\.\s*$)")


def _office_closed_by_comma(text: str, start: int, end: int) -> str | None:
    """The office a lower-case phrase before ", Name," gives the name, when the name stands between commas."""
    if not _APPOSITION_CLOSES.match(text, end):
        return None
    found = _OFFICE_BEFORE_COMMA.search(text, max(0, start - 200), start)
    if found is None or found.end() != start or found.group("post") not in lexicon().posts:
        return None
    return found.group("office").strip()


_SPOUSE = r"\b(?:his|her)\s+(?:wife|husband|spouse)"
_SPOUSE_BEFORE = re.compile(rf"{_SPOUSE}\s*,\s*$", re.I)  # "his wife, X"
_PARTNER_BEFORE = re.compile(rf"\band\s+{_SPOUSE}\s*,?\s*$", re.I)  # "A and his wife X": A's spouse
_COUNTERPART_BEFORE = re.compile(
    r"(?:\b(?P<nationality>[^\W\d_][\w-]*)\s+)?\bcounterparts?"
    # "my counterpart from Timor Leste, X"
    r"(?:\s+from\s+(?:the\s+)?(?P<country>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}))?\s*,\s*$",
    re.I,
)
_LOCATION_BEFORE = re.compile(r"\b(?:in|at)\s+(?:[^\W\d_][\w’'-]*,?\s+){0,4}?(?:the\s+)?$", re.I)
_THE_COUNTRYS = re.compile(r"\bthe\s+(?:country|nation|kingdom|republic)['’]s\s*$", re.I)


def _country_referred_back(before: str) -> list[str]:
    """ "in Laos with the country's President, X": the country the sentence named last is X's."""
    if not _THE_COUNTRYS.search(before):
        return []
    return countries_in_order(before)[-1:]


_SPOUSE_AFTER = re.compile(
    r"\s*,\s*(?:[^\W\d_][\w’'-]*\s+){0,3}?[^\W\d_][\w’'-]*['’]s\s+(?:wife|husband|spouse|widow)\b"
)
_BRACKETED_COUNTRY = re.compile(r"\s*\(\s*([^()]{2,30}?)\s*\)")

# "led by the commission's deputy head X": an organisation's post may stand between.
_LED_BY = re.compile(r"\b(?:led|headed)\s+by(?:\s+(?:its|their|the))?(?:\s+[\w-]+['’]s)?\s*$", re.I)
_MEETING_OBJECT = re.compile(
    r"\b(?:with|met|meets|received|receives|between|reception\s+(?:for|in\s+honou?r\s+of))"
    r"\s*$",
    re.I,
)
# "..., said Tran Quoc Vuong, vice president of ...": the speaker after the verb.
_SPEAKER_BEFORE = re.compile(r"(?:\b(?:said|says|added|noted|according\s+to)|[,.]\s*[\"”’'])\s*$", re.I)
_SAID = frozenset({"said", "says", "told", "added", "noted", "stressed", "explained"})  # only a person says
_DESCRIBED_SPEAKER = re.compile(r"\s*,\s*(?:the|an?)\s+[^,;()]{3,60},\s*(?P<verb>[a-z]+)\b")
# One word per repetition (words are separated by spaces), so a failed match backtracks linearly.
_ORGANISATION_LEADING = re.compile(
    r"((?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s*)\s*,?\s*(?:led|headed)\s+by(?:\s+(?:its|their|the))?\s*$"
)
# The patterns above end at the name: they only need the text just before it. Searching the whole
# sentence for each name made a long sentence of names quadratic.
_CONTEXT_BEFORE = 300  # characters


def _read_context(sentence: LabelledSentence, reference: Reference, title_start: int, after_end: int) -> None:
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
    # "X, the assistant to Mr. Y, told the media": what X is, between commas, then what X said.
    described_speaker = _DESCRIBED_SPEAKER.match(text, tokens[after_end - 1].end)
    if described_speaker and described_speaker.group("verb") in _SAID:
        reference.titled = True
    reference.in_context = (
        reference.led_by
        or (bool(_MEETING_OBJECT.search(before)) and sentence.has_meeting_words)
        or follows in SPEECH_VERBS
        or bool(_SPEAKER_BEFORE.search(before))
        or follows in MEETING_VERBS
    )


# --- People ------------------------------------------------------------------------------------------------


@dataclass
class _Person:
    key: str
    spellings: list[str] = field(default_factory=list)
    official: object = None
    offices: list[str] = field(default_factory=list)
    context_countries: list[str] = field(default_factory=list)
    count: int = 0
    first_seen: int = 0
    partner: _Person | None = None  # whose spouse the story says this person is

    @property
    def name(self) -> str:
        if self.official is not None:
            return self.official.name
        accented = [s for s in self.spellings if has_diacritics(s)]
        return (accented or self.spellings)[0]


# "Emperor Naruhito", "King Sihamoni": a monarch is named by one name.
_MONARCH_POSTS = frozenset({"king", "queen", "emperor", "empress"})


def _is_person(reference: Reference, officials, named: set[str]) -> bool:
    if reference.words == 1:
        # The office's post, not any word of it: "King Father Norodom Sihanouk" is named short as "Sihanouk".
        return len(reference.name) >= 3 and any(
            office_mention(office).post.lower() in _MONARCH_POSTS for office in reference.offices
        )
    if reference.words > 5:
        return False
    if officials is not None and officials.lookup(reference.name) is not None:
        return True
    if reference.titled:
        return True
    if reference.led_by and reference.words <= 4:
        return True  # "a delegation led by Saleumxay Kommasith": only a person leads one, whatever the name's shape
    return reference.in_context and recognised_by_shape(reference.name, named)


# A transcript's speaker label in capitals: "ANTHONY ALBANESE, PRIME MINISTER OF AUSTRALIA: Thank you ...".
_SPEAKER_LABEL = re.compile(
    r"^(?P<label>[A-Z][A-Z'’.-]+(?:[ ][A-Z][A-Z'’.-]+){1,3}(?:,[ ]*[A-Z][A-Z'’.,& -]{2,80}?)?)(?=:\s)", re.MULTILINE
)
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "to", "in", "at"})


def speakers_in_ordinary_case(text: str) -> str:
    """A transcript's speaker labels as a sentence writes names and offices ("Anthony Albanese, Prime Minister
    of Australia:"), so they are read like any name with its office."""

    def ordinary(match: re.Match) -> str:
        words = match.group("label").split(" ")
        return " ".join(
            word.lower() if position and word.lower() in _SMALL_WORDS else word.capitalize()
            for position, word in enumerate(words)
        )

    return _SPEAKER_LABEL.sub(ordinary, text) if ":" in text else text


def extract_people(body: str, captions: list[str] | None = None, *, officials=None) -> list[PersonMention]:
    """Everyone the article's body and photo captions name, with offices, country and reference count."""
    if not isinstance(body, str):
        raise TypeError(f"extract_people: body must be text, got {type(body).__name__}")
    scan = _scan(body, list(captions or []))
    named = _countries_named(body)
    people = _people_from(scan, officials, named)
    previous = None
    for reference, person in _resolve(scan, people, named):
        person.count += 1
        if reference.partner_before and previous and previous[0].sentence == reference.sentence:
            person.partner = previous[1] if previous[1] is not person else None
        previous = (reference, person)
        if reference.words == 1:
            person.offices += reference.offices
            person.context_countries += reference.context_countries
    ordered = sorted(people.values(), key=lambda p: p.first_seen)
    mentions = [_person_mention(person, named) for person in ordered]
    complete_fragments(mentions)
    # Countries whose people's names are recognised by their shape: a name of no such shape is not theirs.
    third_countries = named - {shape.country for shape in lexicon().name_shapes if shape.anywhere}
    for mention in mentions:
        if mention.country is not None or _of_an_unknown_country(mention):
            continue
        shape = name_shape(mention.name)
        if len(third_countries) == 1 and not (shape is not None and shape.anywhere):
            # "leader Fidel Castro" in a story about Cuba: a name of no recognised shape, with no
            # country of its own, belongs to the one other country the story is about.
            mention.country = next(iter(third_countries))
    return mentions


# "Pakistani Prime Minister": a nationality the countries file does not hold, before the post.
_NATIONALITY_SHAPE = re.compile(r"^[A-Z][a-z]+(?:i|an|ese|ish|ic|ch)$")


def _of_an_unknown_country(mention: PersonMention) -> bool:
    """The person's office names a nationality, one of no country in the file: not the story's other country."""
    return any(
        office.country is None and _NATIONALITY_SHAPE.match(office.organization or "") for office in mention.offices
    )


def _countries_named(body: str) -> set[str]:
    """The countries the text names, by name, adjective, abbreviation or capital."""
    lex = lexicon()
    named = set(countries_in_order(body))
    if lex.capital_pattern:
        named |= {lex.capitals[match.group(1)] for match in lex.capital_pattern.finditer(to_ascii(body).lower())}
    return named


def _identity(name: str, officials) -> tuple[str, object]:
    official = officials.lookup(name) if officials is not None else None
    return (person_key(official.name) if official else person_key(name)), official


def _is_heading(sentence: LabelledSentence) -> bool:
    """A line of capitalised words with no lower-case word: a heading, a label or a headline in a list."""
    words = [token for token in sentence.tokens if token.is_word and token.text not in ("'s", "’s")]
    return len(words) >= 3 and all(token.capitalised for token in words)


def _people_from(scan: _Scan, officials, named: set[str]) -> dict[str, _Person]:
    """Everyone some full reference shows to be a person, with what every full reference says.

    Headings and headline lists never introduce a person: their names belong to other stories, or are
    named again in the article's sentences."""
    people: dict[str, _Person] = {}
    written: dict[str, str] = {}  # each person's name as first written
    headings = {index for index, sentence in enumerate(scan.sentences) if _is_heading(sentence)}
    acting_alone = _acting_alone(scan, headings)
    for order, reference in enumerate(scan.references):
        if reference.sentence in headings:
            continue
        if _is_person(reference, officials, named) or _named_in_full_of(reference, acting_alone):
            key, official = _identity(reference.name, officials)
            if key not in people:
                people[key] = _Person(key=key, official=official, first_seen=order)
                written[key] = reference.name
    # "Mr Van Nen" in a story about Nguyen Van Nen: his given names alone are no other person.
    partial = {key: people[full] for full, name in written.items() for key in partial_names(name)}
    partial |= _overlong_names(written, people)
    partial |= _misspelt_names(written, people)
    for key in [key for key in people if partial.get(key, people[key]) is not people[key]]:
        del people[key]
    for reference in scan.references:
        if reference.words < 2 and person_key(reference.name) not in people:
            continue  # a short reference, read later; a monarch's one name is a full one
        key = _identity(reference.name, officials)[0]
        person = people.get(key)
        if person is not None and reference.name not in person.spellings:
            person.spellings.append(reference.name)
        person = person or partial.get(key)
        if person is not None:
            person.offices += reference.offices
            person.context_countries += reference.context_countries
    return people


def _acting_alone(scan: _Scan, headings: set[int]) -> set[str]:
    """One-word names that act as only people do in the text ("Clinton said", "Clinton held talks with")."""
    return {
        person_key(reference.name)
        for reference in scan.references
        if reference.words == 1 and reference.in_context and reference.sentence not in headings
    }


def _named_in_full_of(reference: Reference, acting_alone: set[str]) -> bool:
    """ "Hillary Clinton met with ..." then "Clinton said": a name of no known shape is a person's when it
    acts as a person's does and the story goes on to call its bearer by the last word alone, as it does."""
    words = reference.name.split()
    return reference.in_context and 2 <= len(words) <= 3 and person_key(words[-1]) in acting_alone


def _overlong_names(written: dict[str, str], people: dict[str, _Person]) -> dict[str, _Person]:
    """ "the Prime Minister Goverment Pham Minh Chinh" in a story about Pham Minh Chinh: a stray word run
    into a name the story also writes alone is no other person, unless it could open a name itself."""
    surnames = lexicon().all_surnames
    overlong = {}
    for key, name in written.items():
        first, _, rest = name.partition(" ")
        rest_key = person_key(rest)
        if len(rest.split()) >= 2 and rest_key in people and rest_key != key and word_key(first) not in surnames:
            overlong[key] = people[rest_key]
    return overlong


def _misspelt_names(written: dict[str, str], people: dict[str, _Person]) -> dict[str, _Person]:
    """ "Ngunyen Phu Trong" in a story about Nguyen Phu Trong: a name one typing slip away from another
    the story names (one letter added or dropped in one word of five letters or more) is that person,
    written as the official list writes them when it does, else as first written. A letter changed is
    no slip: "Le Van Hung" and "Le Van Dung" are two people."""
    misspelt: dict[str, _Person] = {}
    keys = sorted(people, key=lambda key: (people[key].official is None, people[key].first_seen))
    for index, key in enumerate(keys):
        if key in misspelt:
            continue
        for other in keys[index + 1 :]:
            if other not in misspelt and _one_slip_apart(_words_of(written[key]), _words_of(written[other])):
                misspelt[other] = people[key]
    return misspelt


_SLIP_MIN_LETTERS = 5


def _words_of(name: str) -> list[str]:
    return [word_key(word) for word in name.split()]


def _one_slip_apart(words: list[str], others: list[str]) -> bool:
    if len(words) != len(others) or len(words) < 2:
        return False
    differing = [(a, b) for a, b in zip(words, others, strict=True) if a != b]
    if len(differing) != 1:
        return False
    shorter, longer = sorted(differing[0], key=len)
    if differing[-1] == (words[-1], others[-1]) and longer.startswith(shorter) and longer[len(shorter) :] in _GLUED:
        return True  # "Thongloun Sisoulithis visiting China": the next word glued on where the copy lost a space
    if len(longer) < _SLIP_MIN_LETTERS or len(longer) != len(shorter) + 1:
        return False
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


# Small words a copy that lost its spaces glues onto the name before them.
_GLUED = frozenset({"is", "was", "has", "had", "and", "on", "in", "at", "said", "met"})


def _resolve(scan: _Scan, people: dict[str, _Person], named: set[str]) -> list[tuple[Reference, _Person]]:
    """Each reference with the person it names: full names by key, short names by the most recent."""
    by_key = dict(people.items())
    for person in people.values():
        for spelling in [*(person.official.spellings if person.official else ()), *person.spellings]:
            by_key.setdefault(person_key(spelling), person)
    return resolve_references(scan.references, by_key, lambda p: _short_forms_of(p, named))


def _short_forms_of(person: _Person, named: set[str]) -> set[str]:
    """The person's shorter references, by the naming convention of the country the offices or the officials
    list say, else of the country the story names whose names the person's has the shape of ("Kim" for Kim
    Yong-chol in a story about the DPRK)."""
    if person.offices or person.official:
        country = _country(person)
    else:
        country = next((shape.country for shape in name_shapes(person.name) if shape.country in named), None)
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
            if form not in NOT_SHORT_NAMES:
                short_index.setdefault(form, []).append(person)
    for position, reference in enumerate(references):
        key = person_key(reference.name)
        person = by_key.get(key)
        if person is not None and reference.words < 2 and " " in person.name:
            person = None  # a short reference: whoever had it last
        if person is None and reference.words <= 2:
            candidates = short_index.get(key, [])
            person = max(candidates, key=lambda p: last_seen.get(id(p), -(10**9)), default=None)
        if person is not None:
            last_seen[id(person)] = position
            resolved.append((reference, person))
    return resolved


def _country(person: _Person, named: frozenset[str] | set[str] = frozenset(), *, partner: bool = True) -> str | None:
    """The country the person's offices say, else the officials list, else the text around the name, else
    the spouse's the story names them with, else the name's shape: of a country the story names
    (`named`) first ("Minister of Information Khieu Kanharith" in a story about Cambodia, "Kim Jong-un"
    in one about the DPRK), else of a country whose names are recognised anywhere."""
    office_countries = [c for c in (country_and_party(o)[0] for o in person.offices) if c]
    if office_countries:
        return Counter(office_countries).most_common(1)[0][0]
    if person.official is not None and person.official.country:
        return person.official.country
    if person.context_countries:
        return Counter(person.context_countries).most_common(1)[0][0]
    # "Li and his wife Cheng Hong": the country of the one whose spouse this is (not theirs in turn).
    theirs = _country(person.partner, named, partner=False) if partner and person.partner is not None else None
    if theirs:
        return theirs
    in_story = next((shape.country for shape in name_shapes(person.name) if shape.country in named), None)
    return in_story or country_by_shape(person.name)


def _party(person: _Person) -> str:
    for office in person.offices:
        party = country_and_party(office)[1]
        if party:
            return party
    return person.official.party if person.official is not None else ""


def _person_mention(person: _Person, named: set[str]) -> PersonMention:
    country = _country(person, named)
    return PersonMention(
        name=person.name,
        key=person.key,
        country=country,
        party=_party(person),
        offices=office_mentions(person.offices, country),
        aliases_seen=list(person.spellings),
        count=person.count,
    )


# --- For meetings.py ---------------------------------------------------------------------------------------


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
class SentenceWithPeople:
    text: str
    occurrences: tuple[Occurrence, ...]


def sentences_with_people(body: str, people: list[PersonMention]) -> list[SentenceWithPeople]:
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
    return [SentenceWithPeople(s.text, tuple(found.get(i, ()))) for i, s in enumerate(scan.sentences)]
