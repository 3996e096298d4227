"""One spelling per organization, so the same office read from differently worded texts is one office.

    canonical_office(office, earlier_organizations=(), article_organizations=()) -> OfficeMention
    complete_fragments(people) -> None   (second pass over an article's people; ends in one_name_for_office)

Only the post, organization and country change; the office's text stays as written. The rules:
straight apostrophes; a party's full name becomes its acronym; "Central Committee of the X" and
"X's Central Committee" become "X Central Committee", and its organs "X Central Committee's Organ"
("Organ of the CPV Central Committee", "X Central Committee Organ"); a party acronym's or the office's
own country's possessive is dropped ("CPV's Foreign Affairs Committee", "Vietnam's National Assembly"); a country
as organization ("President of China") leaves the organization empty; a bare "Party" is the ruling
party of the office's country; a general secretary of a party's central committee is the party's;
"the Committee's Office" after "the X Central Committee" is "X Central Committee's Office".

Then, once fragments are resolved, the post and organization together (`one_name_for_office`): a post
cut short is made whole ("Chief Justice of the Supreme People's Court"), posts are title-cased, an
organization's trailing "of <its own country>" is dropped, and other names of well-known organizations
(articles/data/organizations.json) become the name that file gives. Then the posts: a ruling party's
"chief" or "leader" holds the party's top post (General Secretary; the CPP's President, the PCC's First
Secretary), and a bare General Secretary is the one the person holds with an organization in the same
article, else the ruling party's where its leader is a General Secretary; the Political Bureau is the
Politburo and its standing organ the Politburo Standing Committee (or Board); "Foreign Minister" is the
Minister of the Ministry of Foreign Affairs; "PM" is the Prime Minister; a Chairman or Chairwoman is a
Chair, and the Chair, Chief or Director of a party central committee's commission or department is its
Head.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Sequence
from pathlib import Path

from .lexicon import lexicon
from .names import person_key, to_ascii
from .types import OfficeMention, PersonMention
from .vocabulary import (
    FRAGMENT_HEAD_WORDS,
    GENERAL_SECRETARY,
    MINISTRY_BY_AREA,
    NOT_AN_AREA,
    PARTY_LEADER_WORDS,
    POST_RANKS,
)

_FRAGMENT = re.compile(r"^(?P<head>[A-Z][a-z]+)'s\s+(?P<rest>\S.*)$")
_CENTRAL_COMMITTEE_OF = re.compile(r"^Central Committee of (?:the )?(?P<owner>[^,;]+)$")
_OWNER_CENTRAL_COMMITTEE = re.compile(r"^(?P<owner>[^,;]+?)'s Central Committee\b")
# "Secretariat of the CPC Central Committee" and "CPC Central Committee Secretariat" -> "... Committee's Secretariat".
_ORGAN_OF_CENTRAL_COMMITTEE = re.compile(
    r"^(?P<organ>[A-Z](?:(?! of )[^,;])*?) of (?:the )?(?P<owner>(?:[A-Z]{2,6}|Party) Central Committee)$"
)
_CENTRAL_COMMITTEE_ORGAN = re.compile(r"\bCentral Committee (?=[A-Z])")
_ACRONYM_POSSESSIVE = re.compile(r"\b(?P<acronym>[A-Z]{2,6})'s\s+(?=[A-Z])")
_PARTY_CENTRAL_COMMITTEE = re.compile(r"^Party(?= Central Committee\b)")


def canonical_office(
    office: OfficeMention,
    earlier_organizations: Sequence[str] = (),
    article_organizations: Sequence[str] = (),
) -> OfficeMention:
    """The office with its organization in canonical form; `text` is kept as written.

    `earlier_organizations`: canonical organizations of the person's offices read before this one,
    in text order; `article_organizations`: every organization the article names (for fragments).
    """
    post = straight_apostrophes(office.post)
    organization, country = canonical_organization(office.organization, office.country)
    organization = _resolve_fragment(organization, earlier_organizations, article_organizations)
    if to_ascii(post).lower() in GENERAL_SECRETARY:
        # The general secretary of a party's central committee is the party's general secretary.
        match = re.fullmatch(r"(?P<acronym>[A-Z]{2,6}) Central Committee", organization)
        if match and match.group("acronym") in lexicon().party_acronyms:
            organization = match.group("acronym")
    return dataclasses.replace(office, post=post, organization=organization, country=country)


def one_name_for_office(office: OfficeMention) -> OfficeMention:
    """The office under the one post and organization name every wording of it shares.

    Runs after fragments are resolved: "the Committee's Office" must still find the Central
    Committee in "Standing Committee of the Political Bureau of the CPC Central Committee".
    """
    post, organization = _whole_post(office.text, office.post, office.organization)
    if organization and not office.organization:  # read from the text just now: not yet in canonical form
        organization, _ = canonical_organization(organization, office.country)
    organization = _without_own_country(organization, office.country)
    # The shipped name first: a Chairman of the "Commission for External Relations" is then the Head of the
    # party commission that name stands for, as he is under its full name.
    organization = known_organization(organization, office.country)
    post, organization = canonical_post(title_case(post), organization, office.country)
    return dataclasses.replace(office, post=post, organization=organization)


_SMALL_WORDS = frozenset(["of", "the", "and", "for", "in", "on", "to"])


def title_case(post: str) -> str:
    """ "Vice-chairman" and "vice president" -> "Vice Chairman", "Vice President"."""
    words = re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", " ", post).split()
    return " ".join(
        word if word.lower() in _SMALL_WORDS and index else word[:1].upper() + word[1:]
        for index, word in enumerate(words)
    )


def _whole_post(text: str, post: str, organization: str) -> tuple[str, str]:
    """ "Chief Justice of the Supreme People's Court" read as post "Chief": the post is "Chief Justice"."""
    if organization or not post:
        return post, organization
    match = re.search(rf"\b{re.escape(post)}(?P<more>(?: [A-Z][a-z]+)+?)(?: of (?:the )?(?P<owner>[A-Z].*))?$", text)
    if match is None:
        return post, organization
    owner = match.group("owner") or ""
    if owner and country_named_by(owner.split(" in ")[0]):  # "Consul General of China in HCMC"
        owner = ""
    return post + match.group("more"), owner


def _without_own_country(organization: str, country: str | None) -> str:
    """ "Ministry of Foreign Affairs of the People's Republic of China" -> "Ministry of Foreign Affairs"."""
    if not country:
        return organization
    for match in re.finditer(r" of (?=(?:the )?[A-Z])", organization):
        if country_named_by(organization[match.end() :]) == country:
            return organization[: match.start()]
    return organization


_POLITBURO = r"(?:Politburo|Political Bureau)"
_OF_PARTY_CENTRAL_COMMITTEE = r"(?: of (?:the )?[A-Z]{2,6} Central Committee)?"
_POLITBURO_ONLY = re.compile(
    rf"^(?:[A-Z]{{2,6}} Central Committee's )?{_POLITBURO}{_OF_PARTY_CENTRAL_COMMITTEE}$", re.I
)
_POLITBURO_STANDING = re.compile(
    rf"^(?:Standing (?P<organ>Committee|Board) of (?:the )?{_POLITBURO}{_OF_PARTY_CENTRAL_COMMITTEE}"
    rf"|(?:[A-Z]{{2,6}} Central Committee's )?{_POLITBURO} Standing (?P<organ2>Committee|Board))$",
    re.I,
)
# "Foreign Minister", "Vice Foreign Minister": a post whose words name its ministry, ranked or not.
_AREA_MINISTER = re.compile(
    rf"^(?P<rank>(?:(?:{'|'.join(sorted(POST_RANKS))})[ -])+)?(?P<area>[A-Z][a-z]+(?: (?:and )?[A-Z][a-z]+)*) Minister$"
)
_NOT_AN_AREA = NOT_AN_AREA | {rank.lower() for rank in POST_RANKS}


# "Chairman", "Chairwoman", "Chairperson": one post, whoever holds it.
_CHAIR_WORDS = re.compile(r"\bChair(?:man|woman|person)\b")
_PARTY_ORGAN = re.compile(r"^[A-Z]{2,6} Central Committee's \S")


def canonical_post(post: str, organization: str, country: str | None) -> tuple[str, str]:
    """(post, organization) with the other words for the same office made one."""
    lex = lexicon()
    folded_post = to_ascii(post).lower()
    if folded_post in PARTY_LEADER_WORDS and organization in lex.party_top_posts:
        return lex.party_top_posts[organization], organization
    if folded_post in GENERAL_SECRETARY and organization in lex.party_top_posts:
        return "General Secretary", organization
    ruling = lex.ruling_parties.get(country or "")
    if folded_post in GENERAL_SECRETARY and not organization and lex.party_top_posts.get(ruling) == "General Secretary":
        # Where one party rules and its leader is a General Secretary, a bare General Secretary is that party's.
        return "General Secretary", ruling
    if folded_post == "pm":
        return "Prime Minister", organization
    post = _CHAIR_WORDS.sub("Chair", post)
    if _PARTY_ORGAN.match(organization):
        # A party commission's or department's "Chairman", "Chief" or "Director" is its Head.
        rank, _, role = post.rpartition(" ")
        if role in ("Chair", "Chief", "Director", "Head") and all(word in POST_RANKS for word in rank.split()):
            post = " ".join([*(re.sub(r"\bVice\b", "Deputy", rank).split()), "Head"])
    standing = _POLITBURO_STANDING.match(organization)
    if standing:
        return post, f"Politburo Standing {(standing.group('organ') or standing.group('organ2')).title()}"
    if _POLITBURO_ONLY.match(organization):
        return post, "Politburo"
    minister = _AREA_MINISTER.match(post)
    if (
        minister
        and not organization
        and not any(word.lower() in _NOT_AN_AREA for word in minister.group("area").split())
    ):
        area = minister.group("area")
        rank = (minister.group("rank") or "").replace("-", " ")
        return f"{rank}Minister", f"Ministry of {MINISTRY_BY_AREA.get(area.lower(), area)}"
    return post, organization


@functools.cache
def _known_organizations() -> dict[tuple[str, str], str]:
    path = Path(__file__).resolve().parent.parent / "data" / "organizations.json"
    entries = json.loads(path.read_text("utf-8"))["organizations"]
    names = {}
    for entry in entries:
        for spelling in (entry["name"], *entry.get("aliases", ())):
            names[(entry["country"], person_key(spelling))] = entry["name"]
    return names


_ORGAN_OF = re.compile(r"^(?P<organ>[A-Z][\w' ]*?) of (?:the )?(?P<owner>\S.*)$")


def known_organization(organization: str, country: str | None) -> str:
    """The name articles/data/organizations.json gives an organization, or the organization as it is."""
    if not organization or not country:
        return organization
    known = _known_organizations()
    name = known.get((country, person_key(organization)))
    if name:
        return name
    organ = _ORGAN_OF.match(organization)  # "Office of the Central Foreign Affairs Commission"
    if organ and (owner := known.get((country, person_key(organ.group("owner"))))):
        return f"{organ.group('organ')} of the {owner}"
    return organization


def straight_apostrophes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("ʼ", "'")


def canonical_organization(organization: str, country: str | None) -> tuple[str, str | None]:
    """(organization, country) after the rules that need no context but the office's country."""
    organization = re.sub(r"\s+", " ", straight_apostrophes(organization)).strip(" ,;")
    organization = party_acronyms(organization)
    owner = _OWNER_CENTRAL_COMMITTEE.match(organization)
    if owner:
        organization = f"{owner.group('owner')} Central Committee{organization[owner.end() :]}"
    owner = _CENTRAL_COMMITTEE_OF.match(organization)
    if owner:
        organization = f"{owner.group('owner')} Central Committee"
    organ = _ORGAN_OF_CENTRAL_COMMITTEE.match(organization)
    if organ:
        organization = f"{organ.group('owner')}'s {organ.group('organ')}"
    organization = _CENTRAL_COMMITTEE_ORGAN.sub("Central Committee's ", organization)
    organization = _ACRONYM_POSSESSIVE.sub(lambda m: f"{m.group('acronym')} ", organization)
    only_country = country_named_by(organization)
    if only_country:
        return "", country or only_country
    folded = to_ascii(organization).lower()
    lex = lexicon()
    possessive = lex.country_possessive.match(folded)
    lined_up = len(folded) == len(organization)  # spans in the folded text are the text's
    if possessive and lined_up and country in (None, lex.country_words[possessive.group("country")]):
        # "China's Central Military Commission": the office's country field says whose it is.
        country = lex.country_words[possessive.group("country")]
        organization = organization[possessive.end() :]
    ruling = lex.ruling_parties.get(country or "")
    if ruling and organization == "Party":
        organization = ruling
    elif ruling:
        organization = _PARTY_CENTRAL_COMMITTEE.sub(ruling, organization)
    return organization, country


def country_named_by(organization: str) -> str | None:
    """The country an organization consists of ("China", "the Kingdom of Cambodia"), else None."""
    lex = lexicon()
    only_country = lex.country_only.match(to_ascii(straight_apostrophes(organization)).lower().strip(" ,;"))
    return lex.country_words[only_country.group("country")] if only_country else None


def party_acronyms(text: str) -> str:
    """ "Communist Party of Việt Nam Central Committee" -> "CPV Central Committee"."""
    folded = to_ascii(text).lower()
    if len(folded) != len(text):  # spans in the folded text would not line up with the text
        return text
    spans = sorted(
        (match.start(), match.end(), acronym)
        for pattern, (_, acronym) in lexicon().party_names
        for match in pattern.finditer(folded)
    )
    for start, end, acronym in reversed(spans):
        text = text[:start] + acronym + text[end:]
    return text


def _resolve_fragment(organization: str, earlier: Sequence[str], article: Sequence[str]) -> str:
    """ "Committee's Office" -> "X Central Committee's Office", from the mention that named X's committee."""
    fragment = _FRAGMENT.match(organization)
    if fragment is None or fragment.group("head").lower() not in FRAGMENT_HEAD_WORDS:
        return organization
    head, rest = fragment.group("head"), fragment.group("rest")
    for antecedent in reversed(earlier):
        full = _phrase_ending_in(head, antecedent)
        if full:
            return f"{full}'s {rest}"
    # Someone else's office named the full organization: take it when the article names only one.
    fuller = {
        other for other in article if other != organization and other.lower().endswith(" " + organization.lower())
    }
    fuller = {other for other in fuller if _FRAGMENT.match(other) is None}
    if len(fuller) == 1:
        return fuller.pop()
    phrases = {phrase for other in article if (phrase := _phrase_ending_in(head, other))}
    if len(phrases) == 1:
        return f"{phrases.pop()}'s {rest}"
    return organization


def _phrase_ending_in(head: str, organization: str) -> str:
    """The last capitalised noun phrase of `organization` ending in `head` with a qualifier before it."""
    found = ""
    for match in re.finditer(rf"((?:\b[A-Z][\w'-]*\s+)+){re.escape(head)}\b", organization):
        found = match.group(0)
    return found if found.strip() != head else ""


def complete_fragments(people: list[PersonMention]) -> None:
    """Resolve fragments one person's own offices could not from the article's other organizations,
    then give each office its one name."""
    organizations = [office.organization for person in people for office in person.offices if office.organization]
    for person in people:
        offices = [
            dataclasses.replace(office, organization=_resolve_fragment(office.organization, (), organizations))
            for office in person.offices
        ]
        person.offices = [one_name_for_office(office) for office in _own_secretariat(offices)]


def _own_secretariat(offices: list[OfficeMention]) -> list[OfficeMention]:
    """ "NA Secretary-General X ... Secretary-General X said": a bare General Secretary is the one the
    person holds with an organization in the same article, before any ruling party is assumed."""
    named = {
        office.organization
        for office in offices
        if office.organization and to_ascii(office.post).lower() in GENERAL_SECRETARY
    }
    if len(named) != 1:
        return offices
    (organization,) = named
    return [
        dataclasses.replace(office, organization=organization)
        if not office.organization and to_ascii(office.post).lower() in GENERAL_SECRETARY
        else office
        for office in offices
    ]
