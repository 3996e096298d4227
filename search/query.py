"""From what a reader typed to a query string the engine's parser can always read.

Syntax kept: words (every one must match), "phrases" (curly quotes too), AND / OR / NOT (and a
leading - for NOT, as web search engines read it), brackets and a trailing * for prefixes. Anything
else is repaired rather than refused: a stray quote or bracket, a lone operator, a * or ? elsewhere
in a word. Three expansions are added here, each recorded so that the page can say what else was
searched:
- known two-word spellings become phrases ("Viet Nam" -> "Viet Nam" as one term, like "Vietnam");
- a person's name finds every spelling of it: "Tập Cận Bình" -> ("Tập Cận Bình" OR "Xi Jinping" OR
  习近平), from a table of the people the query may name (articles.spellings.people_named);
- an acronym and its expansion find each other: UNCLOS -> (UNCLOS OR "United Nations ... Sea").
Nothing here knows the search engine or the database: the tables are handed in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from .acronyms import AcronymTable, words_key
from .analysis import WORD_PATTERN, joined_compounds, strip_diacritics

OPERATORS = ("AND", "OR", "NOT")
BINARY_OPERATORS = ("AND", "OR")
# Words the parser would read as operators although readers do not mean them so.
_PARSER_KEYWORDS = ("ANDNOT", "ANDMAYBE", "TO")

_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "＂": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "ʼ": "'",
        "′": "'",
        "（": "(",
        "）": ")",
    }
)
_ITEM = re.compile(r'"(?P<phrase>[^"]*)"|(?P<quote>")|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+)')
_EXCLUDED = re.compile(r"^-(?=\w)")
_MIN_PREFIX = 2  # "a*" would expand to half the vocabulary
MAX_PREFIXES = 5  # prefix* words per query: each expands to up to a thousand indexed words
# Words, phrases or groups left out with NOT or "-": the engine reads every document each one is in.
MAX_EXCLUSIONS = 20


@dataclass
class Item:
    kind: str  # "word", "phrase", "op", "open", "close" or "expr" (an already-built group)
    text: str

    def render(self) -> str:
        return f'"{self.text}"' if self.kind == "phrase" else self.text

    @property
    def is_operand(self) -> bool:
        return self.kind in ("word", "phrase", "expr", "close")


ACRONYM, NAME = "acronym", "name"
MAX_NAME_WORDS = 5  # words of a person's name, at most ("Nguyễn Thị Thanh Hà Anh")
MAX_NAME_CANDIDATES = 100  # runs of words looked up as names: a pasted paragraph is not a name search
# Scripts written without spaces between words: one "word" of them may be a whole name (习近平).
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


@dataclass(frozen=True)
class Expansion:
    """What a typed word or phrase was also searched as."""

    typed: str
    also: tuple[str, ...]
    kind: str  # ACRONYM or NAME


@dataclass
class PreparedQuery:
    text: str  # for the parser; "" means no query (list everything)
    notices: list[str] = field(default_factory=list)
    expansions: list[Expansion] = field(default_factory=list)
    people: list = field(default_factory=list)  # what the name table returned for the names typed

    def __bool__(self):
        return bool(self.text)


def normalise(raw: str) -> str:
    """NFC, straight quotes, no control or format characters, single spaces."""
    text = unicodedata.normalize("NFC", raw).translate(_QUOTES)
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    return " ".join(text.split())


def prepare(raw: str, acronyms: AcronymTable | None = None, names=None) -> PreparedQuery:
    """`names` answers lookup(text) with a person's spellings (articles.spellings.PersonSpellings) or None."""
    notices: list[str] = []
    expansions: list[Expansion] = []
    people: list = []
    items = _read_items(normalise(raw), notices)
    items = _clean_words(items, notices)
    items = _balance(items, notices)
    items = _cap_exclusions(items, notices)
    items = _join_compounds(items)
    if names is not None:
        items = _expand_names(items, names, expansions, people)
    if acronyms is not None:
        items = _expand_acronyms(items, acronyms, expansions)
    text = " ".join(item.render() for item in items)
    if not text and normalise(raw).strip("* "):
        notices.append("Nothing searchable in the query, so every article is listed.")
    return PreparedQuery(text, notices, _unique_expansions(expansions), people)


def _unique_expansions(expansions: list[Expansion]) -> list[Expansion]:
    seen, unique = set(), []
    for expansion in expansions:
        key = (words_key(expansion.typed), expansion.also)
        if key not in seen:
            seen.add(key)
            unique.append(expansion)
    return unique


def name_candidates(raw: str) -> list[str]:
    """Every run of words in the query that may be a person's whole name: phrases, runs of two to
    MAX_NAME_WORDS plain words, and single words of a script written without spaces (习近平)."""
    items = _join_compounds(_clean_words(_read_items(normalise(raw), []), []))
    candidates = []
    run: list[str] = []

    def add_runs():
        for start in range(len(run)):
            for end in range(start + 2, min(start + MAX_NAME_WORDS, len(run)) + 1):
                candidates.append(" ".join(run[start:end]))
        candidates.extend(word for word in run if _UNSPACED.search(word))

    for item in items:
        if _plain(item):
            run.append(item.text)
            continue
        add_runs()
        run = []
        if item.kind == "phrase":
            candidates.append(item.text)
    add_runs()
    return list(dict.fromkeys(candidates))[:MAX_NAME_CANDIDATES]


def _read_items(text: str, notices: list[str]) -> list[Item]:
    items = []
    excluding = False  # a lone "-" just before a phrase or group: -"South China Sea", -(talks OR visit)
    for match in _ITEM.finditer(text):
        if excluding and (match["phrase"] is not None or match["open"]):
            items.append(Item("op", "NOT"))
        excluding = match["word"] == "-"
        if match["word"] and _EXCLUDED.match(match["word"]):
            # "-fisheries", as in web search engines: the word must not be there.
            items.append(Item("op", "NOT"))
            items.append(Item("word", match["word"][1:]))
        elif match["phrase"] is not None:
            words = match["phrase"].replace("*", " ").replace("?", " ").strip()
            if WORD_PATTERN.search(words):
                items.append(Item("phrase", " ".join(words.split())))
        elif match["quote"]:
            notices.append("An unmatched quotation mark was ignored.")
        elif match["open"]:
            items.append(Item("open", "("))
        elif match["close"]:
            items.append(Item("close", ")"))
        elif match["word"] in OPERATORS:
            items.append(Item("op", match["word"]))
        elif match["word"] in _PARSER_KEYWORDS:
            items.append(Item("word", match["word"].lower()))
        else:
            items.append(Item("word", match["word"]))
    return items


def _clean_words(items: list[Item], notices: list[str]) -> list[Item]:
    """Keep * only as a prefix marker after at least two letters; drop words with nothing to find."""
    cleaned = []
    prefixes = 0
    for item in items:
        if item.kind != "word":
            cleaned.append(item)
            continue
        word = item.text
        stem = word.rstrip("*").replace("*", "").replace("?", "")
        wildcard = word.endswith("*") and len(WORD_PATTERN.findall(stem)) == 1 and len(stem) >= _MIN_PREFIX
        if wildcard:
            prefixes += 1
            if prefixes > MAX_PREFIXES:
                wildcard = False
                notices.append(f"“{word}”: at most {MAX_PREFIXES} words can end in * in one search; this one is whole.")
        elif ("*" in word or "?" in word) and word != "*":
            notices.append(f"“{word}”: only a * ending a word of two or more letters is a wildcard.")
        if word == "*" or not WORD_PATTERN.search(stem):
            continue
        cleaned.append(Item("word", stem + "*" if wildcard else stem))
    return cleaned


def _balance(items: list[Item], notices: list[str]) -> list[Item]:
    """Drop operators without operands and brackets without partners; close open brackets."""
    out: list[Item] = []
    depth = 0
    dropped = False

    def drop_dangling_operators():
        nonlocal dropped
        while out and out[-1].kind == "op":
            out.pop()
            dropped = True

    for item in items:
        if item.kind == "op":
            after_operand = bool(out) and out[-1].is_operand
            if item.text in BINARY_OPERATORS and not after_operand:
                dropped = True
                continue
            if item.text == "NOT" and out and out[-1].text == "NOT":
                out.pop()  # NOT NOT x is x
                continue
            out.append(item)
        elif item.kind == "open":
            depth += 1
            out.append(item)
        elif item.kind == "close":
            if depth == 0:
                dropped = True
                continue
            drop_dangling_operators()
            depth -= 1
            if out and out[-1].kind == "open":
                out.pop()  # "()" holds nothing
                drop_dangling_operators()
            else:
                out.append(item)
        else:
            out.append(item)
    while True:
        drop_dangling_operators()
        if out and out[-1].kind == "open":
            out.pop()
            depth -= 1
            continue
        break
    out.extend(Item("close", ")") for _ in range(depth))
    if dropped:
        notices.append("Operators or brackets with nothing to apply to were ignored.")
    return out


def _cap_exclusions(items: list[Item], notices: list[str]) -> list[Item]:
    """Keep the first MAX_EXCLUSIONS exclusions; later ones go, with the word, phrase or group they exclude."""
    out: list[Item] = []
    excluded, i = 0, 0
    while i < len(items):
        item = items[i]
        i += 1
        if not (item.kind == "op" and item.text == "NOT"):
            out.append(item)
            continue
        excluded += 1
        if excluded <= MAX_EXCLUSIONS:
            out.append(item)
            continue
        depth = 0
        while i < len(items):  # skip the operand: one item, or a bracketed group as a whole
            depth += {"open": 1, "close": -1}.get(items[i].kind, 0)
            i += 1
            if depth == 0:
                break
    if excluded > MAX_EXCLUSIONS:
        notices.append(
            f"At most {MAX_EXCLUSIONS} words or phrases can be left out of one search; the rest were ignored."
        )
    return _balance(out, [])


def _plain(item: Item) -> bool:
    return item.kind == "word" and not item.text.endswith("*")


def _join_compounds(items: list[Item]) -> list[Item]:
    """ "Viet Nam" typed as two words becomes one phrase, which the analyzer joins into one term."""
    out: list[Item] = []
    for item in items:
        if (
            out
            and _plain(item)
            and _plain(out[-1])
            and (strip_diacritics(out[-1].text).casefold(), strip_diacritics(item.text).casefold())
            in joined_compounds()
        ):
            out[-1] = Item("phrase", f"{out[-1].text} {item.text}")
        else:
            out.append(item)
    return out


def _either(first: str, alternatives: list[str]) -> Item:
    return Item("expr", "(" + " OR ".join([first, *alternatives]) + ")")


def _as_term(text: str) -> str:
    """A spelling as one query term: a phrase when it has several words."""
    words = text.replace('"', " ").split()
    return words[0] if len(words) == 1 else '"' + " ".join(words) + '"'


def _expand_names(items: list[Item], names, expansions: list[Expansion], people: list) -> list[Item]:
    out: list[Item] = []
    i = 0

    def found(typed: str, rendered: str) -> Item | None:
        spellings = names.lookup(typed)
        if spellings is None:
            return None
        if spellings not in people:
            people.append(spellings)
        others = spellings.others_than(typed)
        if not others:
            return Item("phrase", typed) if " " in typed else Item("word", typed)
        expansions.append(Expansion(typed, tuple(others), NAME))
        return _either(rendered, [_as_term(other) for other in others])

    while i < len(items):
        item = items[i]
        if item.kind == "phrase":
            out.append(found(item.text, item.render()) or item)
            i += 1
            continue
        # The longest run of plain words that is a whole name (or one unspaced word that is).
        run_end = i
        while run_end < len(items) and run_end - i < MAX_NAME_WORDS and _plain(items[run_end]):
            run_end += 1
        for end in range(run_end, i, -1):
            typed = " ".join(it.text for it in items[i:end])
            if end - i == 1 and not _UNSPACED.search(typed):
                continue
            expanded = found(typed, _as_term(typed))
            if expanded is not None:
                out.append(expanded)
                i = end
                break
        else:
            out.append(item)
            i += 1
    return out


def _expand_acronyms(items: list[Item], table: AcronymTable, expansions: list[Expansion]) -> list[Item]:
    out: list[Item] = []
    i = 0
    longest = table.longest_expansion
    while i < len(items):
        item = items[i]
        if item.kind == "phrase":
            acronyms = table.acronyms_of(words_key(item.text))
            if acronyms:
                expansions.append(Expansion(item.text, tuple(acronyms), ACRONYM))
            out.append(_either(item.render(), acronyms) if acronyms else item)
            i += 1
            continue
        # The longest run of plain words spelling out a known expansion.
        run_end = i
        while run_end < len(items) and run_end - i < longest and _plain(items[run_end]):
            run_end += 1
        for end in range(run_end, i + 1, -1):
            words = " ".join(it.text for it in items[i:end])
            acronyms = table.acronyms_of(words_key(words))
            if acronyms:
                expansions.append(Expansion(words, tuple(acronyms), ACRONYM))
                out.append(_either(f'"{words}"', acronyms))
                i = end
                break
        else:
            found = table.expansions_of(item.text) if _plain(item) else []
            if found:
                expansions.append(Expansion(item.text, tuple(found), ACRONYM))
            out.append(_either(item.text, [f'"{e}"' for e in found]) if found else item)
            i += 1
    return out


_PREPARED_ITEM = re.compile(r'"[^"]*"|[()]|[^\s()"]+')


@dataclass(frozen=True)
class MarkedItems:
    """What a snippet should mark: the words outside phrases and the phrases, none under NOT."""

    words: tuple[str, ...]
    phrases: tuple[str, ...]


def read_prepared(prepared: str) -> Iterator[tuple[str, bool]]:
    """Each item of a prepared query (a word, a "phrase", a bracket, AND or OR; NOT itself is not
    yielded) with whether a NOT applies to it, directly or through the brackets it is in."""
    negate_next = False
    negated_depth = None  # the bracket depth a NOT (...) applies to
    depth = 0
    for item in _PREPARED_ITEM.findall(prepared):
        if item == "NOT":
            negate_next = True
        elif item == "(":
            depth += 1
            if negate_next and negated_depth is None:
                negated_depth = depth
            negate_next = False
            yield item, negated_depth is not None
        elif item == ")":
            yield item, negated_depth is not None
            if negated_depth == depth:
                negated_depth = None
            depth -= 1
        elif item in BINARY_OPERATORS:
            yield item, False
        else:
            yield item, negate_next or negated_depth is not None
            negate_next = False


def marked_items(prepared: str) -> MarkedItems:
    """The words and phrases of a prepared query that results should mark; prefix* words are left to
    the engine (it knows the indexed words they start)."""
    words, phrases = [], []
    for item, negated in read_prepared(prepared):
        if negated or item in ("(", ")", *BINARY_OPERATORS):
            continue
        if item.startswith('"'):
            phrases.append(item.strip('"'))
        elif not item.endswith("*"):
            words.append(item)
    return MarkedItems(tuple(words), tuple(phrases))
