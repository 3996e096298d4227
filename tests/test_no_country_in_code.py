"""No country fact in the project's Python code: countries are data (articles/data/countries.json).

What this can honestly check, and checks: the code the program runs (identifiers and string literals,
docstrings aside) names no country, adjective, abbreviation, capital, institution or party (name or
acronym) of the countries file; no string literal is a country's ISO code or one of its places.
Comments and docstrings may name countries: they explain by example ("Xi Jinping" -> "Xi") and
decide nothing. Posts cannot be told from English by a grep: a post of one country's party or state
is in the countries file (a party's top post, "State Councilor"), generic post words are in
vocabulary.json, and the canonical forms offices are given in organizations.py ("General Secretary",
"Prime Minister" for "PM", "Head", "Politburo") belong to no one country.

Excluded: the loader (articles/countries.py), tests, migrations and bench/ (which measures real pages).
"""

import io
import re
import tokenize
from pathlib import Path

from articles.countries import load_countries
from articles.extraction.names import to_ascii

ROOT = Path(__file__).resolve().parent.parent
EXCLUDED_DIRECTORIES = {"tests", "bench", "migrations", ".venv", "var", "node_modules"}
EXCLUDED_FILES = {ROOT / "articles" / "countries.py"}

# The app side (pages, feeds, search's analyser) still writes some country facts in code; it moves them to
# the countries file next (issue 15). Each entry must still have a hit, so that it is removed once fixed.
PENDING_APP_SIDE = {
    "articles/templatetags/portal.py": "display names and name languages (COUNTRY_NAMES, NAME_LANGUAGES)",
    "articles/views.py": "the archive's scope in the home page title",
    "articles/feeds.py": "the archive's scope in the feed title",
    "search/feeds.py": "the archive's scope in the search feed",
    "search/analysis.py": "place names written as one word or two (JOINED_COMPOUNDS)",
    "articles/api.py": "the archive's scope in the API's descriptions",
    "articles/citations.py": "the archive's name in citations",
    "articles/downloads.py": "the archive's name in the downloads",
    "articles/records.py": "the archive's scope and party examples in the data dictionary",
    "articles/collation.py": "the Vietnamese alphabet's order, named for the language (names_language could select it)",
}


# String literals that spell a country's code by coincidence.
NOT_COUNTRY_CODES = {("articles/images.py", "LA"): "Pillow's image mode: luminance and alpha"}


def python_files():
    for path in sorted(ROOT.rglob("*.py")):
        if EXCLUDED_DIRECTORIES.isdisjoint(path.relative_to(ROOT).parts) and path not in EXCLUDED_FILES:
            yield path


def country_terms():
    """(words compared as written, ISO codes, places): every word the countries file has for a country, its
    parties and institutions; its codes; its places (a string that is one of them is a place table)."""
    words, codes, places = set(), set(), set()
    for country in load_countries():
        codes.add(country.code)
        places |= {" ".join(to_ascii(place).lower().split()) for place in country.places}
        spellings = [*country.names, *country.adjectives, *country.abbreviations, *country.capital]
        spellings += country.institutions
        for party in country.parties:
            spellings += [party.name, *party.other_names, party.acronym, *party.other_acronyms]
        for spelling in filter(None, spellings):
            words |= {spelling, to_ascii(spelling)}
    return words, codes, places


def code_tokens(path: Path):
    """(line, kind, text) of identifiers and string literals, docstrings aside."""
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))
    previous = tokenize.NEWLINE
    for token in tokens:
        if token.type == tokenize.STRING and previous in (tokenize.NEWLINE, tokenize.NL, tokenize.INDENT):
            previous = token.type  # a string standing alone as a statement: a docstring
            continue
        if token.type in (tokenize.NAME, tokenize.STRING):
            yield token.start[0], token.type, token.string
        if token.type not in (tokenize.COMMENT, tokenize.NL):
            previous = token.type


def hits_in(path: Path, terms, root: Path = ROOT) -> list[str]:
    words, codes, places = terms
    by_length = sorted(words, key=len, reverse=True)
    as_written = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(word) for word in by_length) + r")(?!\w)")
    folded_words = {" ".join(to_ascii(word).lower().split()) for word in words if len(word) > 2}
    hits = []
    for line, kind, text in code_tokens(path):
        if kind == tokenize.NAME:
            parts = {part for part in re.split(r"_+", text.lower()) if part}
            found = sorted(parts & folded_words)
        else:
            body = re.sub(r"^[rbfuRBFU]*('''|\"\"\"|'|\")|('''|\"\"\"|'|\")$", "", text)
            found = sorted(set(as_written.findall(body)))
            is_code = body in codes and (str(path.relative_to(root)), body) not in NOT_COUNTRY_CODES
            folded_body = " ".join(to_ascii(body).lower().split())
            if is_code or folded_body in folded_words or folded_body in places:
                found.append(body)
        hits += [f"{path.relative_to(root)}:{line}: {word!r} in {text[:60]}" for word in found]
    return hits


def test_no_country_party_or_capital_is_named_in_python_code():
    terms = country_terms()
    hits = []
    for path in python_files():
        if str(path.relative_to(ROOT)) not in PENDING_APP_SIDE:
            hits += hits_in(path, terms)
    assert not hits, "country facts belong in articles/data/countries.json:\n" + "\n".join(hits)


def test_each_file_left_to_the_app_side_still_has_what_it_is_listed_for():
    terms = country_terms()
    done = [name for name in PENDING_APP_SIDE if not hits_in(ROOT / name, terms)]
    assert not done, f"no country facts left in {done}: remove them from PENDING_APP_SIDE"


def test_the_check_finds_a_country_in_code(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""Docstrings may say Việt Nam."""\n'
        "# and comments Beijing\n"
        'RULING = {"VN": "CPV"}\n'
        "def looks_vietnamese(name):\n"
        '    return name in ("hanoi", "Lao PDR", "kunming")\n',
        encoding="utf-8",
    )
    found = {hit.split(": ", 1)[1].split(" in ")[0] for hit in hits_in(sample, country_terms(), root=tmp_path)}
    assert found == {"'VN'", "'CPV'", "'vietnamese'", "'hanoi'", "'Lao PDR'", "'kunming'"}
