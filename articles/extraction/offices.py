"""Office phrases: where a title stands around a name, and what post, organisation and country it says.

    title_before(sentence, first, namesakes), title_after(sentence, last, namesakes)   token extents
    offices_in(phrase) -> (office texts, other texts)       "Deputy Prime Minister and Foreign Minister"
    office_mention(text) -> OfficeMention                  post, organisation and country of one office
    country_and_party(text) -> (country, party)            the first country or party a text names
    office_mentions(texts, person_country)                 a person's offices, one per wording, canonical

A title phrase is capitalised title words, posts and their modifiers, and the small words that link
them ("Chairman of the Commission for External Relations"); it never runs over a line's end, and a
comma ends it unless another office follows. organizations.py then gives each office its one name.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon, lexicon
from .names import to_ascii
from .organizations import canonical_office, country_named_by
from .sentences import ACRONYM, NAME, PLACE, TITLE, LabelledSentence
from .types import OfficeMention
from .vocabulary import (
    INSTITUTION_WORDS,
    LOCALITY_WORDS,
    PERSON_NOUNS,
    POST_MODIFIERS,
    POST_QUALIFIERS,
    POSTS,
)

# "his Chinese counterpart X": a person named by the office the other side's holds.
COUNTERPART = "counterpart"
# Small words that may sit inside a title ("Chairman of the Commission for External Relations").
_TITLE_LINKS = frozenset({"of", "the", "for", "on", "to", "and", "its", "at"})


def _title_token(sentence: LabelledSentence, i: int, namesakes: set[int]) -> bool:
    """Whether token i can be part of a title phrase."""
    token, label = sentence.tokens[i], sentence.labels[i]
    if token.capitalised:
        return label in (TITLE, PLACE, ACRONYM) or i in namesakes or _names_a_locality(sentence, i)
    if token.is_word:
        if token.lower in _COMPASS_WORDS:  # "Chairman of ... of northern Lang Son province X"
            return i + 1 < len(sentence.tokens) and sentence.tokens[i + 1].capitalised
        return (
            token.lower in lexicon().posts
            or token.lower in lexicon().singular_posts  # "former Vietnamese presidents A and B"
            or token.lower in POST_MODIFIERS
            or token.lower in POST_QUALIFIERS
            or token.lower in _TITLE_LINKS
            or token.lower == COUNTERPART
            or token.lower in PERSON_NOUNS
            or token.lower in LOCALITY_WORDS
            or token.lower in INSTITUTION_WORDS
        )
    if token.text == "&":
        return True  # "Minister for Trade & Industry"
    return token.text[0].isdigit() and token.text[-2:] in ("st", "nd", "rd", "th")


def _names_a_locality(sentence: LabelledSentence, i: int) -> bool:
    """ "Governor of Oudomxay province X": a word the vocabulary lacks, named as a province, is a place."""
    tokens = sentence.tokens
    return i + 1 < len(tokens) and tokens[i + 1].lower in LOCALITY_WORDS and sentence.joined(i + 1)


def _link_ok(sentence: LabelledSentence, i: int) -> bool:
    """A linking word inside a title needs a title word after it ("of the CPC", not "of solidarity")."""
    tokens = sentence.tokens
    if tokens[i].lower not in ("of", "for", "on", "to", "at"):
        return True
    nxt = i + 1
    while nxt < len(tokens) and tokens[nxt].lower in ("the", "its", *_COMPASS_WORDS):
        nxt += 1
    return nxt < len(tokens) and (
        tokens[nxt].capitalised
        or tokens[nxt].lower in lexicon().posts
        or tokens[nxt].lower in LOCALITY_WORDS
        or tokens[nxt].lower in INSTITUTION_WORDS
    )


def possessive_at(sentence: LabelledSentence, i: int) -> bool:
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


def _bracket_group(sentence: LabelledSentence, close: int) -> int | None:
    """Start of a bracketed acronym or gloss ending at token `close` ("(CPC)"), scanning back."""
    for j in range(close - 1, max(close - 5, -1), -1):
        if sentence.tokens[j].text == "(":
            inner = sentence.tokens[j + 1 : close]
            return j if inner and all(t.capitalised for t in inner) else None
    return None


def _line_break_after(sentence: LabelledSentence, i: int) -> bool:
    tokens = sentence.tokens
    return i + 1 < len(tokens) and "\n" in sentence.text[tokens[i].end : tokens[i + 1].start]


def in_apposition(sentence: LabelledSentence, first: int, last: int) -> bool:
    """Whether the name stands between commas (or a comma and the sentence's end) right after a phrase."""
    tokens = sentence.tokens
    closes = last + 1 == len(tokens) or tokens[last + 1].text in (",", ".", ";")
    return closes and first >= 2 and tokens[first - 1].text == ","


def title_before(sentence: LabelledSentence, first: int, namesakes: set[int]) -> int:
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
                and (tokens[i + 1].lower in lexicon().posts or tokens[i + 1].lower in POST_MODIFIERS)
            ):
                i -= 1
                continue
            if _listing_comma(sentence, i, first):
                i -= 1
                continue
            break
        if possessive_at(sentence, i):
            if i >= 1 and (tokens[i - 1].capitalised or tokens[i - 1].acronym):
                i -= 1
                continue
            break
        if token.lower == "and" and _closes_a_name_with_its_country(sentence, i):
            break  # "Prime Minister A of Cambodia and Prime Minister B": "of Cambodia" is A's
        if _post_location(sentence, i, first):
            i -= 1  # "Consul General of China in HCMC Wei Huaxiang": where the post is, inside the title
            continue
        if not _title_token(sentence, i, namesakes) or not _link_ok(sentence, i):
            break
        if token.lower not in _TITLE_LINKS:
            start = i
        i -= 1
    # "the visit to Vietnam of General Secretary X": the country is where the visit went, not the title's.
    country_words = lexicon().country_words
    while start + 2 < first and tokens[start].lower in country_words and tokens[start + 1].lower == "of":
        start += 2
    # "the special envoy of CPC General Secretary X": the envoy is someone else; X's title starts after "of".
    for k in range(first - 1, start, -1):
        if tokens[k].lower == "of" and _post_follows(sentence, k + 1, first):
            return k + 1
    return start


def _closes_a_name_with_its_country(sentence: LabelledSentence, and_at: int) -> bool:
    """Whether "of <Country>" right before token `and_at` follows a person's name."""
    tokens, labels = sentence.tokens, sentence.labels
    k = and_at - 1
    while k >= 0 and tokens[k].capitalised and labels[k] in (PLACE, TITLE):
        k -= 1
    return k < and_at - 1 and k >= 1 and tokens[k].lower == "of" and labels[k - 1] == NAME


def _listing_comma(sentence: LabelledSentence, i: int, first: int) -> bool:
    """A comma inside an organisation's list of fields: "Minister of Agriculture, Forestry and Fisheries X"."""
    tokens, labels = sentence.tokens, sentence.labels
    if i < 1 or not (tokens[i - 1].capitalised and labels[i - 1] == TITLE):
        return False
    if not (tokens[i + 1].capitalised and labels[i + 1] == TITLE):
        return False
    rest = tokens[i + 1 : first]
    if any(t.lower in lexicon().posts or t.lower in POST_MODIFIERS for t in rest) or not any(
        t.lower == "and" for t in rest
    ):
        return False  # "Minister of Japan, Chinese Premier X": a new office starts after the comma
    return any(t.lower == "of" for t in tokens[max(0, i - 6) : i])


def _post_follows(sentence: LabelledSentence, i: int, end: int) -> bool:
    tokens, country_words = sentence.tokens, lexicon().country_words
    while i < end and (tokens[i].lower in ("the", "its") or tokens[i].acronym or tokens[i].lower in country_words):
        i += 1
    while i < end and tokens[i].lower in POST_MODIFIERS:
        i += 1
    return i < end and tokens[i].lower in lexicon().posts


def _post_location(sentence: LabelledSentence, i: int, first: int) -> bool:
    labels, tokens = sentence.labels, sentence.tokens
    return (
        tokens[i].lower == "in"
        and i >= 1
        and i + 1 < first
        and labels[i + 1] in (PLACE, ACRONYM)
        and (
            labels[i - 1] in (TITLE, PLACE, ACRONYM) or tokens[i - 1].lower in lexicon().posts
        )  # "ambassador in Havana"
    )


def title_after(sentence: LabelledSentence, last: int, namesakes: set[int]) -> int:
    """Index one past the office phrase after ", " that follows token `last`; `last + 1` if none."""
    tokens = sentence.tokens
    i = last + 1
    if i >= len(tokens) or tokens[i].text != ",":
        return last + 1
    i += 1
    if i < len(tokens) and tokens[i].lower == "and":
        return last + 1  # "the Minister of Finance, X, and the Governor of the State Bank, Y": the next one's
    if i + 1 < len(tokens) and tokens[i].lower == "who" and tokens[i + 1].lower in ("is", "was"):
        # "X, who is Secretary of the Party Central Committee, ...": the office after the clause's verb
        skip = i + 2 + (i + 2 < len(tokens) and tokens[i + 2].lower == "also")
        if skip < len(tokens) and _starts_post_phrase(sentence, skip, namesakes):
            i = skip
    if (
        i + 1 < len(tokens)
        and tokens[i].lower in ("a", "an", "another")
        and _starts_post_phrase(sentence, i + 1, namesakes)
    ):
        i += 1  # "X, a member of the Political Bureau", "X, another spokesperson": the office phrase follows
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
        if possessive_at(sentence, i):
            i += 1
            continue
        if (
            token.lower == "in"
            and i == end
            and tokens[i - 1].lower in INSTITUTION_WORDS
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
    if i < len(tokens) and i > end and sentence.labels[i] == NAME and tokens[i - 1].lower in ("of", "for", "at", "the"):
        unknown = i
        while unknown + 1 < len(tokens) and sentence.labels[unknown + 1] == NAME and sentence.joined(unknown + 1):
            unknown += 1
        if unknown - i + 1 >= _PLACE_AND_NAME_WORDS:
            # "A, Minister-President of Saxony Karl Weiss": the office runs on into a word the vocabulary
            # lacks and on to the next name; it is not known to be A's.
            return last + 1 if end_before_continuation is None else end_before_continuation
        end = unknown + 1  # "A, the first President of Mozambique after ...": a place the vocabulary lacks
    if end < len(tokens) and sentence.labels[end] == NAME and sentence.joined(end):
        # "X, Politburo member Y said": the title runs into Y and is Y's; "X, head of ..., and Ambassador Y":
        # X's office ends before the comma that starts Y's.
        if end_before_continuation is None:
            return last + 1
        end = end_before_continuation
    return end if end > last + 2 else last + 1


_PLACE_AND_NAME_WORDS = 3  # "Saxony Karl Weiss": a place's word and a name's two


def _starts_post_phrase(sentence: LabelledSentence, i: int, namesakes: set[int]) -> bool:
    """Whether an office phrase starts at token i: title words up to a post, before any "of"."""
    tokens = sentence.tokens
    while i < len(tokens) and _title_token(sentence, i, namesakes):
        lower = tokens[i].lower
        if lower in lexicon().posts:
            return True
        if lower in _TITLE_LINKS and lower not in ("the", "its"):
            return False
        i += 1
    return False


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


def _is_post_word(word: str) -> bool:
    """ "Minister", and "Vice-Minister" (a post written with its modifier hyphenated)."""
    posts = lexicon().posts
    lower = to_ascii(word).lower()
    return lower in posts or ("-" in lower and lower.rsplit("-", 1)[1] in posts)


def _has_post_before_link(piece: str) -> bool:
    for word in _words(piece):
        lower = to_ascii(word).lower()
        if _is_post_word(word):
            return True
        if lower in ("of", "for", "on", "to", "at"):
            return False
    return False


def _has_post(part: str) -> bool:
    return any(_is_post_word(word) for word in _words(part))


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
    if len(rank.split()) == 1 and not rank.endswith(".") and before and to_ascii(before[-1]).lower() in lexicon().posts:
        return office
    return office[: match.start()]


def offices_in(phrase: str) -> tuple[list[str], list[str]]:
    """(office texts, texts without a post) in a title phrase; leading non-offices are dropped."""
    parts = [_without_rank(part) for part in _office_parts(phrase)]
    offices = [_trim_links(part) for part in parts if _has_post(part)]
    others = [part for part in parts if not _has_post(part)]
    return [office for office in offices if office], others


def _trim_links(text: str) -> str:
    text = re.sub(r"^who\s+(?:is|was)\s+(?:also\s+)?", "", text.strip(), flags=re.I)  # "X, who is Secretary of ..."
    text = re.sub(r"^(?:(?:the|of|and|for|on|to|its|his|her|their|a|an|another)\s+)+", "", text, flags=re.I)
    text = re.sub(r"(?:\s+(?:the|of|and|for|on|to|its))+$", "", text, flags=re.I)
    return text.strip(" ,;")


_SUBJECT_OF_STUDY = re.compile(r"\s+(?:studies|language|languages|literature|medicine|history)\b")


def country_and_party(text: str) -> tuple[str | None, str]:
    """The country an office or organisation belongs to (first one the text names) and its party."""
    lex = lexicon()
    found: list[tuple[float, str | None, str]] = []
    folded = to_ascii(text).lower()
    if lex.places_with_country_words:  # "Lao Cai", "South China Sea": places, not countries
        folded = lex.places_with_country_words.sub(lambda m: "_" * len(m.group(0)), folded)
    for acronym, (country, party) in lex.party_acronyms.items():
        for match in re.finditer(rf"\b{acronym}\b", text):
            found.append((match.start(), country, party))
    for pattern, (country, party) in lex.party_names:
        for match in pattern.finditer(folded):
            found.append((match.start(), country, party))
    for match in lex.country_word_pattern.finditer(folded):
        if _SUBJECT_OF_STUDY.match(folded, match.end()):
            continue  # "Institute of Vietnamese Studies": what it studies, not whose it is
        found.append((match.start() + 0.5, lex.country_words[match.group(1)], ""))
    for position, country in _abbreviations_in(text, lex):
        found.append((position + 0.5, country, ""))
    if lex.institution_pattern:
        for match in lex.institution_pattern.finditer(folded):
            found.append((match.start() + 0.5, lex.institutions[match.group(1)], ""))
    if not found:
        return None, ""
    found.sort(key=lambda item: item[0])
    party = next((p for _, _, p in found if p), "")
    return found[0][1], party


# "Communist Party of Cuba (CPC)", "Party Central Committee (PCC)": an acronym the text defines itself.
_DEFINED_ACRONYM = re.compile(
    r"(?P<phrase>(?:[A-Z][\w'’-]*\s+(?:(?:of|for|and)\s+(?:the\s+)?)?){1,7})\((?P<acronym>[A-Z]{2,6})\)"
)


def with_own_acronyms_spelt_out(text: str) -> str:
    """The text with each party acronym it defines as another party than the countries file's ("CPC" for
    the Communist Party of Cuba, not China's) spelt out where it is used, so offices are read as the text
    means them."""
    lex = lexicon()
    while True:
        for definition in _DEFINED_ACRONYM.finditer(text):
            acronym, phrase = definition.group("acronym"), _organisation_of(definition.group("phrase").strip())
            known = lex.party_acronyms.get(acronym)
            if known is not None and country_and_party(phrase)[0] != known[0]:
                break
        else:
            return text
        # The definition's own "(PCC)" goes too: the countries file would read it as the other party.
        head = text[: definition.start("acronym") - 1].rstrip()
        text = head + re.sub(rf"\b{acronym}\b", phrase, text[definition.end() :])


def _organisation_of(phrase: str) -> str:
    """ "Secretary of the Party Central Committee" -> "Party Central Committee": the post goes, and the
    words opening the sentence before the organisation's name ("The", "Yesterday")."""
    parts = re.split(r"\s+of\s+(?:the\s+)?", phrase, maxsplit=1)
    if len(parts) == 2 and any(to_ascii(word).lower() in POSTS for word in parts[0].split()):
        phrase = parts[1]
    words = phrase.split()
    lex = lexicon()
    while len(words) > 1 and not _opens_an_organisation(words[0], lex):
        words.pop(0)
    return " ".join(words)


def _opens_an_organisation(word: str, lex: Lexicon) -> bool:
    lower = to_ascii(word).lower().rstrip("'’s")
    return lower in lex.title_words or lower in lex.country_words


def _abbreviations_in(text: str, lex: Lexicon) -> list[tuple[int, str]]:
    """Countries named by an abbreviation, compared as written ("US" is one, "us" is not)."""
    if lex.abbreviation_pattern is None:
        return []
    return [(match.start(), lex.abbreviations[match.group(0)]) for match in lex.abbreviation_pattern.finditer(text)]


def countries_in_order(text: str) -> list[str]:
    """The countries a text names by name, adjective or abbreviation, in the order it names them."""
    lex = lexicon()
    folded = to_ascii(text).lower()
    found = [(m.start(), lex.country_words[m.group(1)]) for m in lex.country_word_pattern.finditer(folded)]
    return [country for _, country in sorted(found + _abbreviations_in(text, lex))]


def _names_a_country(word: str) -> bool:
    """ "Chinese", "Vietnam's", "U.S.": a word that says whose the office is, not an organisation's."""
    lex = lexicon()
    bare = re.sub(r"['’]s$", "", word)
    return to_ascii(bare).lower() in lex.country_words or bare in lex.abbreviations


_COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western"})


def office_mention(text: str, previous_organization: str = "") -> OfficeMention:
    """Post, organisation and country of one office as written ("head of its International Department")."""
    words = text.split()
    lowers = [to_ascii(w).lower().strip(",;") for w in words]
    post_index = next((i for i, w in enumerate(lowers) if w in lexicon().posts), None)
    if post_index is None:  # an office named without a post word ("Prime Minister's Office" folded away)
        return OfficeMention(text=text, post=text, country=country_and_party(text)[0])
    begin = post_index
    while begin > 0 and lowers[begin - 1] in POST_MODIFIERS:
        begin -= 1
    end = post_index + 1
    while end < len(words) and lowers[end] in lexicon().posts:
        end += 1
    post = " ".join(words[begin:end])
    post = post[:1].upper() + post[1:]
    # A post the countries file names is one post, in the file's spelling, though its first word is no post
    # word: "State Councillor" is a State Councilor, not a Councillor of "State".
    known = lexicon().known_posts
    whole = next((k for k in range(max(0, begin - 3), begin) if " ".join(lowers[k:end]) in known), None)
    if whole is not None:
        post, begin = known[" ".join(lowers[whole:end])], whole
    organization = ""
    if end < len(words) and lowers[end] in ("of", "for", "to", "at", "on"):
        organization = _organization(" ".join(words[end + 1 :]), previous_organization)
        if lowers[post_index] == "minister" and lowers[end] == "of" and not country_named_by(organization):
            organization = "Ministry of " + organization
    elif begin > 0:
        kept = [w for w in words[:begin] if not _names_a_country(w)]
        if kept and all(to_ascii(w).lower() in _COMPASS_WORDS for w in kept) and len(kept) < begin:
            kept = []  # "South Korean President": the compass word is the nationality's, not an organisation
        organization = _organization(" ".join(kept), previous_organization)
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
            if to_ascii(w).lower() == "nam" and initials == "" and len(words) > 1:
                continue  # "Việt Nam" is one V
            initials = w[0].upper() + initials
            begin = word.start()
            if to_ascii(initials) == acronym:
                break
        if begin is not None and to_ascii(initials) == acronym:
            text = text[:begin] + acronym + text[match.end() :]
    return text


def office_mentions(texts: list[str], person_country: str | None) -> list[OfficeMention]:
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
    text = to_ascii(f"{office.post} {office.organization}").lower()
    for pattern, (_, party) in lexicon().party_names:
        text = pattern.sub(party.lower(), text)
    return re.sub(r"\b(?:the|s)\b|[^a-z0-9]+", "", text)
