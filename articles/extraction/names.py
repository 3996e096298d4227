"""Name folding shared by extraction, the models and search, and the naming conventions of the region.

Vietnamese letters fold to their base letter (Đ -> D, ư -> u, ọ -> o); identity keys also drop
case, spaces and punctuation so "Xie Chun Tao" and "Xie Chuntao" are one person.

Naming conventions decide how an article refers to a person after the first full mention:
Vietnamese writers use the given name, which comes last ("Lê Hoài Trung" -> "Trung"); Chinese
names put the family name first and it is the short form ("Xi Jinping" -> "Xi"); Lao usage keeps
the given name, which comes first ("Sonexay Siphandone" -> "Sonexay"); Cambodian and Korean names put
the family name first and keep it ("Hun Manet" -> "Hun", "Yoon Suk Yeol" -> "Yoon"); Japanese names are
printed in either order ("Suga Yoshihide", "Yoshihide Suga" -> "Suga"); Spanish names carry two
surnames and are shortened to the first ("Díaz-Canel"); other names to their last word.
"""

import json
import re
import unicodedata
from pathlib import Path

from text_unidecode import unidecode

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")

VIETNAMESE = "vietnamese"
CHINESE = "chinese"
GIVEN_NAME_FIRST = "given name first"
SPANISH = "spanish"
FAMILY_NAME_FIRST = "family name first"
EITHER_ORDER = "either order"
WESTERN = "western"

# The family names most Vietnamese carry, folded (a few dozen cover nearly everyone).
VIETNAMESE_SURNAMES = frozenset(
    [
        "nguyen",
        "tran",
        "le",
        "pham",
        "hoang",
        "huynh",
        "phan",
        "vu",
        "vo",
        "dang",
        "bui",
        "do",
        "ho",
        "ngo",
        "duong",
        "ly",
        "to",
        "truong",
        "luong",
        "dinh",
        "mai",
        "dao",
        "doan",
        "vuong",
        "trinh",
        "lam",
        "phung",
        "thai",
        "ha",
        "ta",
        "chu",
        "cao",
        "luu",
        "quach",
        "kieu",
        "lai",
        "nghiem",
        "tang",
        "chau",
        "giang",
        "la",
        "than",
        "trieu",
        "tu",
        "doan",
        "khuc",
        "hau",
        "luc",
        "mac",
        "ton",
        "ong",
        "lo",
        "kim",
        "nong",
        "hua",
    ]
)

# Common Chinese family names in pinyin.
CHINESE_SURNAMES = frozenset(
    [
        "wang",
        "li",
        "bao",
        "hua",
        "zhang",
        "liu",
        "chen",
        "yang",
        "huang",
        "zhao",
        "wu",
        "zhou",
        "xu",
        "sun",
        "ma",
        "zhu",
        "hu",
        "guo",
        "he",
        "gao",
        "lin",
        "luo",
        "zheng",
        "liang",
        "xie",
        "song",
        "tang",
        "han",
        "feng",
        "deng",
        "cao",
        "peng",
        "zeng",
        "xiao",
        "tian",
        "dong",
        "yuan",
        "pan",
        "yu",
        "jiang",
        "cai",
        "jia",
        "ding",
        "wei",
        "xue",
        "ye",
        "yan",
        "du",
        "dai",
        "xia",
        "zhong",
        "fu",
        "shen",
        "qin",
        "lu",
        "su",
        "hou",
        "shao",
        "meng",
        "long",
        "wan",
        "duan",
        "qian",
        "tan",
        "yin",
        "yao",
        "liao",
        "zou",
        "xiong",
        "jin",
        "hao",
        "kong",
        "bai",
        "cui",
        "kang",
        "mao",
        "qiu",
        "gu",
        "qiao",
        "lai",
        "gong",
        "wen",
        "fan",
        "fang",
        "shi",
        "ren",
        "xi",
        "ji",
        "yi",
        "bi",
        "chang",
        "che",
        "chu",
        "geng",
        "hong",
        "jiao",
        "lei",
        "miao",
        "ning",
        "ou",
        "pang",
        "qi",
        "qu",
        "rao",
        "shan",
        "tao",
        "tong",
        "xing",
        "yue",
        "zhan",
        "zhuo",
    ]
)

# Khmer family names that come first in a Cambodian name ("Hun Manet", "Chea Sim"), folded; those that are
# also English words or Chinese and Vietnamese family names are left out.
KHMER_SURNAMES = frozenset(
    [
        "hun",
        "chea",
        "heng",
        "sok",
        "sar",
        "prak",
        "keo",
        "chhim",
        "chhay",
        "chum",
        "kao",
        "khieu",
        "nhek",
        "norodom",
        "sisowath",
        "ouk",
        "seng",
        "suy",
        "tep",
        "ung",
        "yim",
        "yos",
        "ngin",
        "nuon",
        "pich",
        "tith",
        "hor",
        "meas",
        "chhun",
        "hem",
        "oum",
        "sath",
        "chhoeung",
        "aun",
        "dith",
        "kith",
    ]
)

# Countries whose usage shortens a name to its first word or to the first of two surnames.
_GIVEN_NAME_FIRST_COUNTRIES = frozenset({"LA", "TH"})
_FAMILY_NAME_FIRST_COUNTRIES = frozenset({"KH", "KR", "KP"})
_EITHER_ORDER_COUNTRIES = frozenset({"JP"})
_SPANISH_COUNTRIES = frozenset({"CU", "ES", "MX", "VE", "NI", "AR", "CL", "CO", "PE", "BO", "UY", "EC"})

_PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|iao|ian|ing|uai|uan|ang|eng|ong|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui"
    r"|un|ue|a|o|e|i|u|v)"
)
_PINYIN_GIVEN_NAME = re.compile(rf"(?:{_PINYIN_SYLLABLE}'?){{1,3}}")
_PINYIN_TWO_SYLLABLES_OR_MORE = re.compile(rf"(?:{_PINYIN_SYLLABLE}'?){{2,3}}")


def fold(text: str) -> str:
    """ASCII transliteration that keeps case and spacing: "Đỗ Mười" -> "Do Muoi"."""
    if text.isascii():
        return text  # most words of an English article: nothing to transliterate
    return unidecode(unicodedata.normalize("NFC", text))


def person_key(name: str) -> str:
    """Identity key of a name: accent-, case-, spacing- and punctuation-insensitive."""
    return _NOT_ALNUM.sub("", fold(name).lower())


def has_diacritics(text: str) -> bool:
    return fold(text) != text


def word_key(word: str) -> str:
    """One word folded for comparison: "Trọng’s" and "trong" compare equal."""
    return person_key(word)


def looks_chinese(name: str) -> bool:
    """A pinyin name: a Chinese family name, then a given name of one to three pinyin syllables."""
    words = name.split()
    if not 2 <= len(words) <= 3 or has_diacritics(name):
        return False
    given = "".join(words[1:]).lower()
    return words[0].lower() in CHINESE_SURNAMES and _PINYIN_GIVEN_NAME.fullmatch(given) is not None


def looks_vietnamese(name: str) -> bool:
    """A Vietnamese name: a Vietnamese family name, then one to three more words."""
    words = name.split()
    return 2 <= len(words) <= 4 and word_key(words[0]) in VIETNAMESE_SURNAMES and not looks_chinese(name)


def looks_khmer(name: str) -> bool:
    """A Cambodian name: a Khmer family name, then one or two more words, and no Chinese or Vietnamese shape."""
    words = name.split()
    return (
        2 <= len(words) <= 3
        and word_key(words[0]) in KHMER_SURNAMES
        and not looks_chinese(name)
        and not looks_vietnamese(name)
    )


def naming_convention(name: str, country: str | None = None) -> str:
    """Which convention the name follows, by the person's country when known, else by its shape."""
    if country == "VN":
        return VIETNAMESE
    if country == "CN":
        return CHINESE
    if country in _GIVEN_NAME_FIRST_COUNTRIES:
        return GIVEN_NAME_FIRST
    if country in _FAMILY_NAME_FIRST_COUNTRIES:
        return FAMILY_NAME_FIRST
    if country in _EITHER_ORDER_COUNTRIES:
        return EITHER_ORDER
    if country in _SPANISH_COUNTRIES:
        return SPANISH
    if looks_chinese(name):
        return CHINESE
    if looks_vietnamese(name):
        return VIETNAMESE
    return WESTERN


def short_forms(name: str, country: str | None = None) -> set[str]:
    """Folded words a later, shorter reference to this person may use ("Trung", "Xi")."""
    words = name.split()
    if len(words) < 2:
        return set()
    convention = naming_convention(name, country)
    if convention == VIETNAMESE:
        # Vietnamese press uses the given name ("Trung"); Chinese and wire copy often the family name ("Bui").
        picked = [words[-1], words[0]]
    elif convention == CHINESE:
        picked = [words[0]]
        # "Vice Premier Gaoli" for Zhang Gaoli: a given name of two syllables or more is used like a family name.
        if len(words) == 2 and _PINYIN_TWO_SYLLABLES_OR_MORE.fullmatch(words[1].lower()):
            picked.append(words[1])
    elif convention in (GIVEN_NAME_FIRST, FAMILY_NAME_FIRST):
        picked = [words[0]]
    elif convention == EITHER_ORDER:
        picked = [words[0], words[-1]]
    elif convention == SPANISH and len(words) >= 3:
        picked = [words[-2], words[-1]]
    else:
        picked = [words[-1]]
    return {word_key(word) for word in picked if len(word_key(word)) >= 2}


def partial_names(name: str, country: str | None = None) -> set[str]:
    """Keys of shorter references of two words or more: "Van Nen" for Nguyen Van Nen (the given names
    without the family name, as some foreign outlets write them)."""
    words = name.split()
    if len(words) >= 3 and naming_convention(name, country) == VIETNAMESE:
        return {person_key(" ".join(words[-2:]))}
    return set()


# Countries and their ISO codes, by every name and adjective an English-language article uses.
COUNTRY_WORDS = {
    "viet nam": "VN",
    "vietnam": "VN",
    "vietnamese": "VN",
    "china": "CN",
    "chinese": "CN",
    "sino": "CN",
    "prc": "CN",
    "laos": "LA",
    "lao": "LA",
    "laotian": "LA",
    "lao pdr": "LA",
    "cambodia": "KH",
    "cambodian": "KH",
    "khmer": "KH",
    "cuba": "CU",
    "cuban": "CU",
    "united states": "US",
    "america": "US",
    "american": "US",
    "usa": "US",
    "thailand": "TH",
    "thai": "TH",
    "russia": "RU",
    "russian": "RU",
    "japan": "JP",
    "japanese": "JP",
    "south korea": "KR",
    "republic of korea": "KR",
    "korean": "KR",
    "korea": "KR",
    "north korea": "KP",
    "north korean": "KP",
    "dprk": "KP",
    "india": "IN",
    "indian": "IN",
    "france": "FR",
    "french": "FR",
    "germany": "DE",
    "german": "DE",
    "britain": "GB",
    "british": "GB",
    "united kingdom": "GB",
    "australia": "AU",
    "australian": "AU",
    "singapore": "SG",
    "singaporean": "SG",
    "malaysia": "MY",
    "malaysian": "MY",
    "indonesia": "ID",
    "indonesian": "ID",
    "philippines": "PH",
    "philippine": "PH",
    "filipino": "PH",
    "myanmar": "MM",
    "burma": "MM",
    "burmese": "MM",
    "mongolia": "MN",
    "mongolian": "MN",
    "venezuela": "VE",
    "venezuelan": "VE",
    "nicaragua": "NI",
    "nicaraguan": "NI",
    "mexico": "MX",
    "mexican": "MX",
    "brazil": "BR",
    "brazilian": "BR",
    "brunei": "BN",
    "timor-leste": "TL",
    "azerbaijan": "AZ",
    "kazakhstan": "KZ",
    "belarus": "BY",
    "canada": "CA",
    "canadian": "CA",
    "new zealand": "NZ",
    "italy": "IT",
    "italian": "IT",
    "spain": "ES",
    "spanish": "ES",
    "argentina": "AR",
    "chile": "CL",
    "south africa": "ZA",
}

# Institutions whose name says whose they are ("State Duma Speaker X", "State Department spokesperson Y").
COUNTRY_INSTITUTIONS = {
    "state duma": "RU",
    "duma": "RU",
    "kremlin": "RU",
    "federation council": "RU",
    "state department": "US",
    "white house": "US",
    "pentagon": "US",
    "national diet": "JP",
    "blue house": "KR",
}

# Capitals, by which a story says which country it is in ("SEOUL (Yonhap) -- President Yoon ...").
CAPITALS = {
    "hanoi": "VN",
    "ha noi": "VN",
    "beijing": "CN",
    "vientiane": "LA",
    "phnom penh": "KH",
    "havana": "CU",
    "moscow": "RU",
    "tokyo": "JP",
    "seoul": "KR",
    "pyongyang": "KP",
    "washington": "US",
    "bangkok": "TH",
    "naypyidaw": "MM",
    "yangon": "MM",
    "kuala lumpur": "MY",
    "jakarta": "ID",
    "manila": "PH",
}

# Places (cities, provinces, regions) whose names can look like a person's; folded, lower case.
PLACE_NAMES = frozenset(
    """ha noi|hanoi|ho chi minh city|hai phong|haiphong|da nang|hue|can tho|ha long|hoi an|sa pa|mong cai|
    dong dang|huu nghi|an giang|ba ria|vung tau|bac giang|bac kan|bac lieu|bac ninh|ben tre|binh dinh|
    binh duong|binh phuoc|binh thuan|ca mau|cao bang|dak lak|dak nong|dien bien|dong nai|dong thap|gia lai|
    ha giang|ha nam|ha tinh|hai duong|hau giang|hoa binh|hung yen|khanh hoa|kien giang|kon tum|lai chau|
    lam dong|lang son|lao cai|long an|nam dinh|nghe an|ninh binh|ninh thuan|phu tho|phu yen|quang binh|
    quang nam|quang ngai|quang ninh|quang tri|soc trang|son la|tay ninh|thai binh|thai nguyen|thanh hoa|
    thua thien hue|tien giang|tra vinh|tuyen quang|vinh long|vinh phuc|yen bai|
    beijing|shanghai|guangzhou|nanning|kunming|shenzhen|chongqing|tianjin|hong kong|macau|macao|xiamen|
    hangzhou|nanjing|wuhan|chengdu|xi'an|taipei|guangxi|yunnan|guangdong|hebei|hainan|zhejiang|jiangsu|
    fujian|sichuan|hunan|hubei|henan|shandong|shanxi|shaanxi|anhui|jiangxi|guizhou|gansu|qinghai|
    xinjiang|tibet|inner mongolia|heilongjiang|jilin|liaoning|ningxia|xiong'an|fangchenggang|pingxiang|
    dongxing|chang'an|zhongnanhai|
    vientiane|luang prabang|savannakhet|champasak|xieng khouang|phnom penh|siem reap|battambang|
    sihanoukville|havana|santiago de cuba|washington|new york|moscow|tokyo|seoul|pyongyang|bangkok|
    jakarta|manila|kuala lumpur|yangon|naypyidaw|ulaanbaatar|paris|london|berlin|brussels|geneva|
    asia|europe|africa|mekong|lancang|east sea|south china sea|southeast asia|asia-pacific|pacific|
    great hall of the people|diaoyutai""".replace("\n", "")
    .replace("    ", "")
    .split("|")
) | frozenset(COUNTRY_WORDS)

MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])


def _honorific_vocabulary() -> dict[str, frozenset]:
    """articles/data/honorifics.json as folded, lower-case word tuples ("H.E." -> ("h.e.",))."""
    path = Path(__file__).resolve().parent.parent / "data" / "honorifics.json"
    data = json.loads(path.read_text("utf-8"))
    return {
        group: frozenset(tuple(fold(word).lower() for word in phrase.split()) for phrase in data[group])
        for group in ("honorifics", "abbreviations", "titles_of_honour")
    }


_HONORIFIC_VOCABULARY = _honorific_vocabulary()
# Honorifics of one word ("Samdech", "Comrade") and of several ("Lok Chumteav", "His Excellency").
HONORIFIC_WORDS = frozenset(phrase[0] for phrase in _HONORIFIC_VOCABULARY["honorifics"] if len(phrase) == 1)
HONORIFIC_PHRASES = frozenset(phrase for phrase in _HONORIFIC_VOCABULARY["honorifics"] if len(phrase) > 1)
HONORIFIC_ABBREVIATIONS = frozenset(phrase[0] for phrase in _HONORIFIC_VOCABULARY["abbreviations"])
# Conferred titles that follow an honorific or open a name ("Samdech Akka Moha Sena Padei Techo X").
TITLES_OF_HONOUR = _HONORIFIC_VOCABULARY["titles_of_honour"]


def place_phrase_key(words: list[str]) -> str:
    """How a run of words is looked up in PLACE_NAMES: folded, lower case, single-spaced."""
    return " ".join(fold(word).lower() for word in words)


def dateline_place(dateline: str) -> str:
    """A dateline as a place name: "HÀ NỘI" -> "Hà Nội", "BEIJING" -> "Beijing"."""
    return dateline.strip().title() if dateline.isupper() else dateline.strip()
