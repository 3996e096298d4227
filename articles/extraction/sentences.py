"""Sentences, their tokens, and a label for each capitalised word: name, title, place, calendar ...

    split_sentences(paragraph) -> list[str]           abbreviations (Mr., U.S.) and initials end none
    without_credits(text) -> str                      photo, byline and editor credits blanked (offsets kept)
    label_sentence(text) -> LabelledSentence          tokens, their labels and capitalised runs
    name_segments(sentence) -> [(first, last), ...]   the runs of name words a person's name can be

Capitalised words that are titles, organisations, places or calendar words are never part of a name;
honorifics and the titles of honour after them are neither name nor office. The words come from the
countries file (lexicon.py) and vocabulary.json. people.py finds people in the labelled sentences and
offices.py reads the office phrases around their names.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .lexicon import Lexicon, lexicon
from .names import has_diacritics, place_phrase_key, to_ascii, word_key
from .naming import recognised_by_shape
from .vocabulary import (
    HEADLINE_WORDS,
    HONORIFICS,
    MONTHS,
    NAME_PARTICLES,
    PERSON_NOUNS,
    PHOTO_AGENCY_PATTERN,
    RANK_ABBREVIATIONS,
    SENTENCE_ABBREVIATIONS,
    SENTENCE_OPENERS,
    SHORT_LY_WORDS,
    WEEKDAYS,
)

# Month abbreviations that are no English word ("Dec." but not "May"): a full stop after one ends no sentence
# before a day, and one right after a name word is a name word ("Dong Jun").
_MONTH_ABBREVIATIONS = frozenset(m for m in MONTHS if len(m) <= 4 and m not in ("may", "june", "july"))
_MEETING_WORDS = re.compile(
    r"\b(?:talks|met|meet|meets|meeting|received|receives|reception|phone|telephone|session|discussions?)\b",
    re.IGNORECASE,
)

# Agencies and pools that photo credits name beside the photographer ("Hu Jiali/Xinhua", "VNA/VNS Photo X").
_PHOTO_AGENCY = PHOTO_AGENCY_PATTERN
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
    re.compile(rf"\bvia\s+(?:{_PHOTO_AGENCY})\b"),
]
# Credits naming a photographer beside the agency, written without brackets or a colon: "Mast Irham/Pool via
# REUTERS", "Hu Jiali/Xinhua", "Xinhua/Li Xueren", "VNA/VNS Photo Thống Nhất". A caption glued after one
# ("... Photo Thống Nhất Chinese Premier X") keeps its own words: the credit's name ends before title words.
_NAME_CREDITS = [
    re.compile(rf"\b(?:{_PHOTO_AGENCY})(?:/(?:{_PHOTO_AGENCY}))*[ \t]+[Pp]hotos?\s*:?[ \t]*{_CREDIT_NAME}"),
    re.compile(rf"{_CREDIT_NAME}\s*/\s*(?:{_PHOTO_AGENCY})\b(?:\s+via\s+(?:{_PHOTO_AGENCY})\b)?"),
    re.compile(rf"\b(?:{_PHOTO_AGENCY})\s*/\s*{_CREDIT_NAME}"),
]

# Ranks and honorifics written with a stop that ends no sentence ("Gen.", "Mr."); "Sen." only before a rank.
_DOTTED_WORDS = sorted(
    {word[:-1].capitalize() for word in RANK_ABBREVIATIONS if word.count(".") == 1}
    | {word[:-1] for word in HONORIFICS if word.endswith(".") and word.count(".") == 1}
)
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # initialisms: U.S.
    rf"|\b(?:{'|'.join(word for word in _DOTTED_WORDS if word != 'Sen')})\.(?=\s)"
    r"|\bSen\.(?=\s+(?:Lt|Lieut|Col|Gen|Maj)\.)"  # "Sen. Lieut. Gen.": senior, before a rank (else a name's end)
    r"|(?<=[^\W\d_] )[A-Z]\.(?= [A-Z][^\W\d_])"  # a middle initial between two names: Antony J. Blinken
    r"|\d+(?:st|nd|rd|th)\b"  # ordinals: 14th
    r"|\d+(?:[.,:/]\d+)*"
    r"|[^\W\d_]+(?:['’\-][^\W\d_]+)*"
    r"|\S"
)
_POSSESSIVE = re.compile(r"^(.+?)(['’]s)$")
_SPACES = re.compile(r"\s*")
# The word a full stop ends ("Mr" of "Mr."), looked for in the characters just before it: no abbreviation is longer.
_WORD_BEFORE_STOP = re.compile(r"([^\W\d_][\w.]*)\.$")
_LONGEST_WORD = 100  # characters
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*(?=\s+\S|\s*$)|(?<=[a-z]{2}\.)(?=[A-Z][a-z])")


def split_sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences; abbreviations (Mr., U.S.) and initials do not end one."""
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(paragraph):
        end = match.end()
        # Only the character after the stop and the word before it are read: a paragraph of thousands of
        # "Mr." read from its start at each stop took time growing with the square of its length.
        next_character = _SPACES.match(paragraph, end).end()
        following = paragraph[next_character : next_character + 1]
        if following and not (following.isupper() or following in "\"“(‘'" or following.isdigit()):
            continue
        window = max(start, match.start() + 1 - _LONGEST_WORD)
        word = _WORD_BEFORE_STOP.search(paragraph, window, match.start() + 1)
        abbreviated = word and (
            word.group(1).lower() in SENTENCE_ABBREVIATIONS or len(word.group(1)) == 1 or "." in word.group(1)
        )
        if abbreviated and following:
            continue
        if word and word.group(1).lower() in _MONTH_ABBREVIATIONS and following.isdigit():
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
    lower, lex = to_ascii(word).lower(), lexicon()
    return lower in lex.title_words or lower in lex.country_words


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    lower: str = field(init=False)  # folded lower case, read many times while a sentence is labelled

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower", to_ascii(self.text).lower())

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


def tokens_of(text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        word, start = match.group(0), match.start()
        possessive = _POSSESSIVE.match(word) if word[0].isalpha() and word.endswith(("'s", "’s")) else None
        if possessive:
            base = possessive.group(1)
            tokens.append(Token(base, start, start + len(base)))
            tokens.append(Token(possessive.group(2), start + len(base), match.end()))
        elif len(word) == 2 and word[1] == "." and tokens and _is_title_word(tokens[-1].text):
            # "Gate A. Le Van Hung said": a letter naming a gate or a group, then a full stop
            tokens.append(Token(word[0], start, start + 1))
            tokens.append(Token(".", start + 1, match.end()))
        else:
            tokens.append(Token(word, start, match.end()))
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
class LabelledSentence:
    text: str
    tokens: list[Token]
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


def label_sentence(text: str) -> LabelledSentence:
    tokens = tokens_of(text)
    lex = lexicon()
    labels = [_label(token, i == 0 or tokens[i - 1].text in '"“‘(', lex) for i, token in enumerate(tokens)]
    if len(tokens) > 1 and labels[0] == OPENER and tokens[0].lower not in SENTENCE_OPENERS and labels[1] == NAME:
        labels[0] = NAME  # "Ted Osius, president of ...": a first name, though it ends like "Asked"
    sentence = LabelledSentence(text, tokens, labels, [-1] * len(tokens))
    run = -1
    for i, token in enumerate(tokens):
        if not token.capitalised:
            continue
        continues_run = i > 0 and sentence.run_of[i - 1] >= 0 and sentence.joined(i)
        if not continues_run:
            run += 1
        sentence.run_of[i] = run
    _join_name_particles(sentence)
    _mark_short_ly_names(sentence)
    _mark_surnames_before_given_names(sentence, lex)
    _mark_places(sentence)
    _mark_institutions(sentence)
    _mark_honorifics(sentence)
    _mark_family_names_in_capitals(sentence)
    _mark_headline_words(sentence)
    _mark_name_like_months(sentence)
    _mark_office_words(sentence)
    return sentence


_PARTICLE_IN_NAME = re.compile(rf"[A-Z]\w* (?:(?:{'|'.join(sorted(NAME_PARTICLES))}) )+[A-Z]")


def _join_name_particles(sentence: LabelledSentence) -> None:
    """A name particle between two capitalised words of one name joins them into one run."""
    if not _PARTICLE_IN_NAME.search(sentence.text):
        return
    tokens, labels, runs = sentence.tokens, sentence.labels, sentence.run_of
    i = 1
    while i < len(tokens) - 1:
        end = i
        while end < len(tokens) - 1 and tokens[end].text in NAME_PARTICLES and sentence.joined(end):
            end += 1  # "von der"
        joined = (
            end > i
            and labels[i - 1] == NAME
            and runs[i - 1] >= 0
            and tokens[end].capitalised
            and labels[end] == NAME
            and sentence.joined(end)
        )
        if joined:
            run, later = runs[i - 1], runs[end]
            for k in range(i, end):
                labels[k], runs[k] = NAME, run
            for k in range(end, len(tokens)):
                if runs[k] == later:
                    runs[k] = run
        i = max(end, i + 1)


def _mark_surnames_before_given_names(sentence: LabelledSentence, lex: Lexicon) -> None:
    """ "Park Soo-jin", "Song Il-gook": a family name that is also an English word ("park", "song") opens
    a name when a hyphenated given name follows it."""
    tokens, labels = sentence.tokens, sentence.labels
    for i in range(len(tokens) - 1):
        if (
            labels[i] == TITLE
            and tokens[i].lower in lex.all_surnames
            and labels[i + 1] == NAME
            and sentence.run_of[i + 1] == sentence.run_of[i] >= 0
            and _HYPHENATED_GIVEN_NAME.fullmatch(tokens[i + 1].text)
        ):
            labels[i] = NAME


_HYPHENATED_GIVEN_NAME = re.compile(r"[A-Z][a-z]{1,5}-[a-z]{1,5}")


def _mark_headline_words(sentence: LabelledSentence) -> None:
    """Cut a name where a title-case headline's English words follow it; they are no name words."""
    tokens, labels = sentence.tokens, sentence.labels
    # Family names that are headline words too ("Tô Lâm" written without diacritics: "President To Lam").
    surnames_among_them = HEADLINE_WORDS & lexicon().common_surnames
    cut = False
    for i in range(1, len(tokens)):
        same_run = sentence.run_of[i] >= 0 and sentence.run_of[i] == sentence.run_of[i - 1]
        if not same_run:
            cut = False
            continue
        if labels[i] != NAME or tokens[i].lower not in HEADLINE_WORDS or not (cut or labels[i - 1] == NAME):
            continue
        if tokens[i].lower in surnames_among_them and not cut:
            nxt = i + 1
            if (
                nxt < len(tokens)
                and sentence.run_of[nxt] == sentence.run_of[i]
                and tokens[nxt].lower not in HEADLINE_WORDS
            ):
                continue  # "President To Lam": the surname opens a name
        labels[i] = OTHER
        cut = True


def _by_first_word(phrases) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return index


@functools.cache
def _honorifics_by_first_word(lex: Lexicon) -> tuple[dict, dict]:
    """(honorifics, titles of honour), each indexed by its first word."""
    leading = {(word,) for word in lex.honorific_words | lex.honorific_abbreviations} | lex.honorific_phrases
    return _by_first_word(leading), _by_first_word(lex.titles_of_honour)


def _phrase_end(sentence: LabelledSentence, i: int, phrases: dict[str, list[tuple[str, ...]]]) -> int | None:
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


def _mark_honorifics(sentence: LabelledSentence) -> None:
    """Honorifics and the titles of honour after them are neither name nor office: "Samdech Akka Moha Sena
    Padei Techo Hun Sen" is Hun Sen. A title of honour alone opens a name only before one ("Techo Hun Sen"):
    elsewhere its word may name a place ("Funan Techo canal")."""
    tokens, labels, i = sentence.tokens, sentence.labels, 0
    leading_honorifics, titles_of_honour = _honorifics_by_first_word(lexicon())
    while i < len(tokens):
        end = _phrase_end(sentence, i, leading_honorifics)
        if end is None:
            end = _phrase_end(sentence, i, titles_of_honour)
            opens_name = end is not None and (
                i == 0 or labels[i - 1] != NAME or sentence.run_of[i - 1] != sentence.run_of[i]
            )
            if not opens_name or not _name_follows(sentence, end):
                i += 1
                continue
        while (longer := _phrase_end(sentence, end, titles_of_honour)) is not None:
            end = longer
        for k in range(i, end):
            labels[k] = TITLE
            sentence.honorifics.add(k)
        i = end


def _mark_family_names_in_capitals(sentence: LabelledSentence) -> None:
    """ "Mr. KISHIDA Fumio", "H.E. Mr. PHAM Minh Chinh": after an honorific, a family name in capitals
    before the given name (as Japan's government writes names) is a name, not an acronym."""
    tokens, labels = sentence.tokens, sentence.labels
    for i in range(1, len(tokens) - 1):
        if (
            labels[i] == ACRONYM
            and (i - 1) in sentence.honorifics
            and tokens[i].text.isalpha()
            and len(tokens[i].text) >= 2
            and labels[i + 1] == NAME
            and sentence.joined(i + 1)
        ):
            labels[i] = NAME


def _name_follows(sentence: LabelledSentence, i: int) -> bool:
    """Whether two name words follow token i - 1 in its capitalised run."""
    run = sentence.run_of[i - 1]
    return all(
        k < len(sentence.tokens) and sentence.labels[k] == NAME and sentence.run_of[k] == run for k in (i, i + 1)
    )


def _mark_short_ly_names(sentence: LabelledSentence) -> None:
    """ "Naly Sisoulith, ...": a short word in -ly opening a run of capitalised words is a given name, not an
    adverb opening the sentence ("Recently, ...")."""
    tokens, labels = sentence.tokens, sentence.labels
    for i, token in enumerate(tokens[:-1]):
        if (
            labels[i] == OPENER
            and token.lower.endswith("ly")
            and len(token.text) <= 5
            and token.lower not in SENTENCE_OPENERS
            and token.lower not in SHORT_LY_WORDS
            and sentence.run_of[i + 1] == sentence.run_of[i]
            and labels[i + 1] == NAME
        ):
            labels[i] = NAME


def _mark_name_like_months(sentence: LabelledSentence) -> None:
    """ "Dong Jun": a month abbreviation right after a name word, with no day number, is a name word."""
    tokens, labels = sentence.tokens, sentence.labels
    for i in range(1, len(tokens)):
        if labels[i] != CALENDAR or tokens[i].lower not in _MONTH_ABBREVIATIONS:
            continue
        next_is_number = i + 1 < len(tokens) and tokens[i + 1].text[:1].isdigit()
        if labels[i - 1] == NAME and sentence.run_of[i - 1] == sentence.run_of[i] and not next_is_number:
            labels[i] = NAME


def _inside_office(sentence: LabelledSentence, i: int) -> bool:
    """Whether token i continues an organisation named after "of"/"for" ("Minister of Public Works")."""
    k = i - 1
    while k >= 0 and sentence.labels[k] == TITLE and sentence.run_of[k] == sentence.run_of[i]:
        k -= 1
    if k >= 1 and sentence.tokens[k].lower == "the":
        k -= 1
    return k >= 0 and sentence.tokens[k].lower in ("of", "for")


def _mark_office_words(sentence: LabelledSentence) -> None:
    """Capitalised words of an organisation the vocabulary lacks are title words, not a name.

    "Vice Minister of Publicity Zhou Haoran": the word before a name-shaped rest belongs to the
    office. "Minister of Public Works and Transport": a lone word between organisation words does.
    """
    tokens, labels = sentence.tokens, sentence.labels
    for first, last in name_segments(sentence):
        if not _inside_office(sentence, first):
            continue
        words = [t.text for t in tokens[first : last + 1]]
        if len(words) >= 3 and not recognised_by_shape(" ".join(words)) and recognised_by_shape(" ".join(words[1:])):
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


def _unknown_word_of_organisation(sentence: LabelledSentence, i: int) -> bool:
    tokens, labels = sentence.tokens, sentence.labels
    return (
        i + 1 < len(tokens)
        and labels[i] == NAME
        and not _could_be_surname(tokens[i].lower)
        and labels[i + 1] == TITLE
        and sentence.run_of[i + 1] == sentence.run_of[i]
    )


def _label(token: Token, opens_sentence: bool, lex: Lexicon) -> str:
    if not token.capitalised:
        return OTHER
    lower = token.lower
    if opens_sentence and lower in SENTENCE_OPENERS:
        return OPENER
    if opens_sentence and lower.endswith(("ing", "ed", "ly")) and not _could_be_surname(lower, lex):
        return OPENER
    if has_diacritics(token.text) and not token.acronym:
        return NAME  # Vietnamese words are never English vocabulary ("Thái" is a surname, not "Thai")
    if lower in MONTHS or lower in WEEKDAYS:
        return CALENDAR
    if lower in RANK_ABBREVIATIONS or lower in lex.honorific_abbreviations or lower in PERSON_NOUNS:
        return TITLE  # "Analyst Do Thien Tuan": what the person is, never part of the name
    if token.acronym:
        return ACRONYM
    if lower in lex.title_words or lower in lex.country_words:
        return TITLE
    if "-" in lower and all(part in lex.title_words for part in lower.split("-")):
        return TITLE  # "Vice-Minister", "Vice-Chairman"
    if "-" in lower and any(part in lex.places for part in lower.split("-")):
        return PLACE
    return NAME


def _could_be_surname(lower: str, lex: Lexicon | None = None) -> bool:
    lex = lex or lexicon()
    return lower in lex.common_surnames or lower in lex.title_words


def _mark_places(sentence: LabelledSentence) -> None:
    """Label multi-word place names ("Hà Nội", "Lạng Sơn") inside capitalised runs."""
    i, lex = 0, lexicon()
    while i < len(sentence.tokens):
        matched = _phrase_at(sentence, i, lex.places, lex.first_words_of_places)
        if matched and _continues_a_name(sentence, i, i + matched):
            matched = 0  # "Vương Đình Huệ" is a name, though Huế is a city
        for k in range(i, i + matched):
            if sentence.labels[k] == NAME:
                sentence.labels[k] = PLACE
        i += matched or 1


def _mark_institutions(sentence: LabelledSentence) -> None:
    """Institutions that say whose they are ("State Duma", "Kremlin") are title words, never a name's."""
    i, lex = 0, lexicon()
    while i < len(sentence.tokens):
        matched = _phrase_at(sentence, i, lex.institutions, lex.first_words_of_institutions)
        for k in range(i, i + matched):
            if sentence.labels[k] == NAME:
                sentence.labels[k] = TITLE
        i += matched or 1


def _phrase_at(sentence: LabelledSentence, i: int, phrases, first_words: frozenset[str]) -> int:
    """How many tokens from i, inside one capitalised run, make a phrase of `phrases` (the longest); 0 if none."""
    tokens = sentence.tokens
    if sentence.run_of[i] < 0 or tokens[i].lower not in first_words:
        return 0
    for size in (4, 3, 2, 1):
        j = i + size
        if j > len(tokens) or any(sentence.run_of[k] != sentence.run_of[i] for k in range(i, j)):
            continue
        if place_phrase_key([t.text for t in tokens[i:j]]) in phrases:
            return size
    return 0


def _continues_a_name(sentence: LabelledSentence, start: int, end: int) -> bool:
    """Whether the place words at [start, end) end a name of a recognised shape begun just before."""
    first = start
    while first > 0 and sentence.labels[first - 1] == NAME and sentence.run_of[first - 1] == sentence.run_of[start]:
        first -= 1
    if first == start:
        return False
    return recognised_by_shape(" ".join(token.text for token in sentence.tokens[first:end]))


def name_segments(sentence: LabelledSentence) -> list[tuple[int, int]]:
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
