"""The known-officials list: canonical spellings (with diacritics), aliases, country and party.

Extraction uses it to recognise well-known people who appear without a title, to show the
canonical spelling when an article writes a name without diacritics, and as a fallback for a
person's country and party. It is optional: people in no list are found from their titles.

    load_officials()                 articles/data/officials.json
    load_officials(path)             another file in the same format
    Officials.empty()                no list at all

File format: {"officials": [{"name": "Xi Jinping", "aliases": [...], "readings": ["Tập Cận Bình"],
"characters": ["习近平", "習近平"], "country": "CN", "party": "CPC"}, ...]}; only "name" is required.
"aliases" are other spellings in the press, "readings" the Sino-Vietnamese readings Vietnamese
sources write a Chinese name in, "characters" the name in Chinese characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .datafiles import read_json
from .names import person_key
from .types import InputError

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "officials.json"


@dataclass(frozen=True)
class Official:
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    party: str = ""
    readings: tuple[str, ...] = ()  # Sino-Vietnamese readings: "Tập Cận Bình" for Xi Jinping
    characters: tuple[str, ...] = ()  # the name in Chinese characters: "习近平"

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every way of writing the name other than `name` itself."""
        return (*self.aliases, *self.readings, *self.characters)

    def lookup_keys(self) -> set[str]:
        return {person_key(spelling) for spelling in (self.name, *self.spellings)}


class Officials:
    """Well-known officials, looked up by any spelling (accent-, case- and spacing-insensitive)."""

    def __init__(self, officials: Iterable[Official] = ()) -> None:
        self._all = tuple(officials)
        self._by_key: dict[str, Official] = {}
        for official in self._all:
            for key in official.lookup_keys():
                self._by_key.setdefault(key, official)

    @classmethod
    def empty(cls) -> Officials:
        return cls()

    def lookup(self, name: str) -> Official | None:
        return self._by_key.get(person_key(name))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.lookup(name) is not None

    def __iter__(self) -> Iterator[Official]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)


def load_officials(path: str | Path | None = None) -> Officials:
    """Read an officials file; raise InputError naming the file and the entry that is wrong."""
    source = Path(path) if path is not None else DEFAULT_PATH
    data = read_json(source, "the officials list", InputError)
    entries = data.get("officials") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError(f'{source}: expected an object with an "officials" list')
    return Officials(_official(entry, index, source) for index, entry in enumerate(entries))


def _official(entry: object, index: int, source: Path) -> Official:
    where = f'{source}: "officials" entry {index}'
    if not isinstance(entry, dict):
        raise InputError(f"{where} is not an object")
    name = entry.get("name")
    if not isinstance(name, str) or len(name.split()) < 2:
        raise InputError(f'{where} needs a "name" of at least two words, got {name!r}')
    spellings = {}
    for field in ("aliases", "readings", "characters"):
        values = entry.get(field, [])
        if not isinstance(values, list) or not all(isinstance(value, str) and value.strip() for value in values):
            raise InputError(f'{where} ({name}): "{field}" must be a list of non-empty strings')
        spellings[field] = tuple(value.strip() for value in values)
    country = entry.get("country")
    if country is not None and not (isinstance(country, str) and len(country) == 2 and country.isupper()):
        raise InputError(f'{where} ({name}): "country" must be a two-letter ISO code such as "VN", got {country!r}')
    party = entry.get("party", "")
    if not isinstance(party, str):
        raise InputError(f'{where} ({name}): "party" must be a string')
    return Official(name=name.strip(), country=country, party=party, **spellings)
