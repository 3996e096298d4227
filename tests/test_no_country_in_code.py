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
Templates are checked too: no country's name, capital, institution or party, and no code as a string.
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
        hits += hits_in(path, terms)
    assert not hits, "country facts belong in articles/data/countries.json:\n" + "\n".join(hits)


def template_hits(path: Path, terms, root: Path = ROOT) -> list[str]:
    """Country names, capitals, institutions and parties in a template's text, and codes compared or
    written as strings ("VN"): what the pages say of countries comes from the countries file and the
    archive's scope. Adjectives are left out: a label may name a language ("In Chinese characters")."""
    names, codes = terms
    as_written = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)) + r")(?!\w)"
    )
    quoted_code = re.compile(r"""["'](""" + "|".join(sorted(codes)) + r""")["']""")
    hits = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        found = as_written.findall(line) + quoted_code.findall(line)
        hits += [f"{path.relative_to(root)}:{number}: {word!r}" for word in found]
    return hits


def template_terms():
    names, codes = set(), set()
    for country in load_countries():
        codes.add(country.code)
        spellings = [*country.names, *country.capital, *country.institutions]
        for party in country.parties:
            spellings += [party.name, *party.other_names, party.acronym, *party.other_acronyms]
        names |= {spelling for spelling in spellings if spelling} | {to_ascii(s) for s in spellings if s}
    return names, codes


def test_no_template_names_a_country():
    terms = template_terms()
    hits = [hit for path in sorted((ROOT / "templates").rglob("*.html")) for hit in template_hits(path, terms)]
    assert not hits, "the pages take countries from the countries file and the scope's settings:\n" + "\n".join(hits)


def test_the_template_check_finds_a_country(tmp_path):
    sample = tmp_path / "sample.html"
    sample.write_text(
        '<h1>News of <span lang="vi">Việt Nam</span>–China exchanges</h1>\n'
        '{% if person.country != "VN" %}{{ person.party }}{% endif %} In Chinese characters\n',
        encoding="utf-8",
    )
    found = {hit.split(": ", 1)[1] for hit in template_hits(sample, template_terms(), root=tmp_path)}
    assert found == {"'Việt Nam'", "'China'", "'VN'"}


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
