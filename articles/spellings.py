"""Every way a person's name is written: the archive's own spellings and the officials list's.

Vietnamese sources write Chinese officials by their Sino-Vietnamese readings (Tập Cận Bình for Xi
Jinping) and sometimes in characters (习近平); English sources write Vietnamese names with or without
diacritics. The person page shows these spellings, and the search finds a person by any of them and
offers the person's page: both ask here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch

from .extraction.names import person_key, strip_diacritics
from .extraction.officials import Official, Officials, load_officials
from .models import Person, PersonAlias

MAX_SPELLINGS = 8  # other spellings one name is searched under, at most
_WORDS = re.compile(r"\w+")


def written_key(spelling: str) -> str:
    """A spelling as the search matches it: search's folding (diacritics stripped, the script kept),
    case aside, word by word. (person_key transliterates, so that 习近平 and Xi Jinping name the same
    person; a text search for one does not find the other, so both are searched.)"""
    return " ".join(_WORDS.findall(strip_diacritics(spelling).casefold()))


@functools.cache
def known_officials() -> Officials:
    """The officials list, read once per process."""
    return load_officials()


def official_for(person: Person, aliases: Iterable[str] = ()) -> Official | None:
    """The officials-list entry of `person`, found by the name or any alias."""
    officials = known_officials()
    for spelling in (person.name, *aliases):
        official = officials.lookup(spelling)
        if official is not None:
            return official
    return None


@dataclass(frozen=True)
class PersonSpellings:
    """How one person is written: in the archive, and the officials list's readings and characters."""

    name: str
    person: Person | None  # None for an official no article has named yet
    aliases: tuple[str, ...] = ()
    readings: tuple[str, ...] = ()
    characters: tuple[str, ...] = ()

    @property
    def all(self) -> list[str]:
        """Every spelling, the display name first, each way of writing counted once."""
        seen, spellings = set(), []
        for spelling in (self.name, *self.readings, *self.characters, *self.aliases):
            key = written_key(spelling)
            if key and key not in seen:
                seen.add(key)
                spellings.append(spelling)
        return spellings

    @property
    def written_also(self) -> list[tuple[str, str]]:
        """The readings and characters with their language, for pages to show: (text, lang)."""
        return [(reading, "vi") for reading in self.readings] + [(chars, "zh") for chars in self.characters]

    def others_than(self, typed: str) -> list[str]:
        """The spellings a reader who typed `typed` did not type (accents and case aside)."""
        typed_key = written_key(typed)
        return [spelling for spelling in self.all if written_key(spelling) != typed_key][:MAX_SPELLINGS]


def spellings_of(person: Person) -> PersonSpellings:
    """`person`'s spellings; its aliases should be prefetched."""
    aliases = [alias.name for alias in person.aliases.all() if alias.name != person.name]
    official = official_for(person, aliases)
    listed = set()
    if official is not None:
        listed = {written_key(spelling) for spelling in (official.readings + official.characters)}
    return PersonSpellings(
        name=person.name,
        person=person,
        aliases=tuple(alias for alias in aliases if written_key(alias) not in listed),
        readings=official.readings if official else (),
        characters=official.characters if official else (),
    )


@dataclass
class NameTable:
    """Spellings of the people a query may name, by name key (see person_key)."""

    by_key: dict[str, PersonSpellings] = field(default_factory=dict)

    def lookup(self, text: str) -> PersonSpellings | None:
        return self.by_key.get(person_key(text))

    def __bool__(self):
        return bool(self.by_key)


def people_named(candidates: Iterable[str]) -> NameTable:
    """The people whose name, alias, reading or characters is one of `candidates` (any accents, case or
    spacing), in two queries whatever their number."""
    officials = known_officials()
    wanted: dict[str, Official | None] = {}
    for text in candidates:
        key = person_key(text)
        if key:
            wanted[key] = officials.lookup(text)
    if not wanted:
        return NameTable()
    keys = set(wanted) | {person_key(official.name) for official in wanted.values() if official is not None}
    people = (
        Person.objects.by_key_in(keys)
        .with_counts()
        .prefetch_related(Prefetch("aliases", queryset=PersonAlias.objects.order_by("name")))
        .order_by("-article_count", "pk")
    )
    person_by_key: dict[str, Person] = {}
    for person in people:
        for key in {person.name_key, *(alias.key for alias in person.aliases.all())}:
            person_by_key.setdefault(key, person)
    table = NameTable()
    for key, official in wanted.items():
        person = person_by_key.get(key) or (person_by_key.get(person_key(official.name)) if official else None)
        if person is not None:
            table.by_key[key] = spellings_of(person)
        elif official is not None:
            table.by_key[key] = PersonSpellings(
                name=official.name,
                person=None,
                aliases=official.aliases,
                readings=official.readings,
                characters=official.characters,
            )
    return table
