"""From what a reader typed to a query string the engine's parser can always read.

Syntax kept: words (every one must match), "phrases" (curly quotes too), AND / OR / NOT (and a
leading - for NOT, as web search engines read it), brackets and a trailing * for prefixes. Anything
else is repaired rather than refused: a stray quote or bracket, a lone operator, a * or ? elsewhere
in a word. Two expansions are added here:
- known two-word spellings become phrases ("Viet Nam" -> "Viet Nam" as one term, like "Vietnam");
- an acronym and its expansion find each other: UNCLOS -> (UNCLOS OR "United Nations ... Sea").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .acronyms import AcronymTable, words_key
from .analysis import JOINED_COMPOUNDS, WORD_PATTERN, fold

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


@dataclass
class PreparedQuery:
    text: str  # for the parser; "" means no query (list everything)
    notices: list[str] = field(default_factory=list)

    def __bool__(self):
        return bool(self.text)


def normalise(raw: str) -> str:
    """NFC, straight quotes, no control or format characters, single spaces."""
    text = unicodedata.normalize("NFC", raw).translate(_QUOTES)
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    return " ".join(text.split())


def prepare(raw: str, acronyms: AcronymTable | None = None) -> PreparedQuery:
    notices: list[str] = []
    items = _read_items(normalise(raw), notices)
    items = _clean_words(items, notices)
    items = _balance(items, notices)
    items = _cap_exclusions(items, notices)
    items = _join_compounds(items)
    if acronyms is not None:
        items = _expand_acronyms(items, acronyms)
    text = " ".join(item.render() for item in items)
    if not text and normalise(raw).strip("* "):
        notices.append("Nothing searchable in the query, so every article is listed.")
    return PreparedQuery(text, notices)


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
            and (fold(out[-1].text).casefold(), fold(item.text).casefold()) in JOINED_COMPOUNDS
        ):
            out[-1] = Item("phrase", f"{out[-1].text} {item.text}")
        else:
            out.append(item)
    return out


def _either(first: str, alternatives: list[str]) -> Item:
    return Item("expr", "(" + " OR ".join([first, *alternatives]) + ")")


def _expand_acronyms(items: list[Item], table: AcronymTable) -> list[Item]:
    out: list[Item] = []
    i = 0
    longest = table.longest_expansion
    while i < len(items):
        item = items[i]
        if item.kind == "phrase":
            acronyms = table.acronyms_of(words_key(item.text))
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
                out.append(_either(f'"{words}"', acronyms))
                i = end
                break
        else:
            expansions = table.expansions_of(item.text) if _plain(item) else []
            out.append(_either(item.text, [f'"{e}"' for e in expansions]) if expansions else item)
            i += 1
    return out


def query_words(text: str) -> list[str]:
    """The words of a prepared query, operators left out (for boosts and spelling)."""
    return [w for w in WORD_PATTERN.findall(text) if w not in OPERATORS]
