"""Plausible generated news of Việt Nam–China exchanges, for the benchmarks (never for the repository).

Run from the project root:  .venv/bin/python bench/generate.py FOLDER [--count N] [--seed S]

Each article is a .txt file of about 400-700 words in the style of one outlet: VNS ("HÀ NỘI —" ...
"— VNA/VNS"), Xinhua ("BEIJING, May 13 (Xinhua) --" ... "Enditem"), VOV World ("(VOVWORLD) -"),
Nhân Dân ("NDO –"), China Daily (byline, "[Photo/Xinhua]" captions) and a foreign ministry press
release, with the site chrome and sidebars those pages carry. Officials are named with diacritics
(and sometimes without), hold offices, meet on weekdays or explicit dates, and the text now and then
defines an acronym ("... the Law of the Sea (UNCLOS)"). The same count and seed always give the same
files, byte for byte.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from articles.extraction.names import to_ascii  # noqa: E402

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
XINHUA_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


@dataclass(frozen=True)
class Official:
    name: str
    country: str  # "VN" or "CN"
    office: str
    short: str  # how the text refers to them again: given name (VN) or family name (CN)


# Well-known officials, as the press names them.
KNOWN_VN = [
    ("Tô Lâm", "General Secretary of the Communist Party of Việt Nam (CPV) Central Committee"),
    ("Lương Cường", "State President"),
    ("Phạm Minh Chính", "Prime Minister"),
    ("Trần Thanh Mẫn", "Chairman of the National Assembly"),
    ("Lê Hoài Trung", "Minister of Foreign Affairs"),
    ("Bùi Thanh Sơn", "Deputy Prime Minister and Minister of Foreign Affairs"),
    ("Trần Cẩm Tú", "Standing member of the CPV Central Committee's Secretariat"),
    ("Phan Văn Giang", "Minister of National Defence"),
    ("Lương Tam Quang", "Minister of Public Security"),
    ("Nguyễn Phú Trọng", "General Secretary of the CPV Central Committee"),
    ("Vương Đình Huệ", "Chairman of the National Assembly"),
    ("Trương Thị Mai", "Permanent member of the CPV Central Committee's Secretariat"),
    ("Nguyễn Hồng Diên", "Minister of Industry and Trade"),
    ("Đỗ Văn Chiến", "Chairman of the Vietnam Fatherland Front Central Committee"),
    ("Trần Lưu Quang", "Deputy Prime Minister"),
]
KNOWN_CN = [
    ("Xi Jinping", "General Secretary of the Communist Party of China (CPC) Central Committee and Chinese President"),
    ("Li Qiang", "Premier of the State Council"),
    ("Zhao Leji", "Chairman of the Standing Committee of the National People's Congress"),
    ("Wang Huning", "Chairman of the National Committee of the Chinese People's Political Consultative Conference"),
    ("Cai Qi", "Director of the General Office of the CPC Central Committee"),
    ("Wang Yi", "Director of the Office of the CPC Central Commission for Foreign Affairs and Foreign Minister"),
    ("Liu Jianchao", "Head of the International Department of the CPC Central Committee"),
    ("Liu Haixing", "Head of the International Department of the CPC Central Committee"),
    ("He Lifeng", "Vice Premier of the State Council"),
    ("Wang Wentao", "Minister of Commerce"),
    ("Dong Jun", "Minister of National Defence"),
    ("Sun Weidong", "Vice Foreign Minister"),
    ("Xiong Bo", "Chinese Ambassador to Việt Nam"),
]
VN_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
VN_MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Hoài", "Thanh", "Quốc", "Hữu", "Xuân", "Thu", "Hồng", "Trọng"]
VN_GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Khánh", "Long", "Mai", "Nam", "Phong"]
VN_GIVEN += ["Quang", "Sơn", "Thắng", "Tuấn", "Việt", "Vinh", "Hiếu", "Nghĩa", "Thảo", "Yến", "Đạt", "Lộc"]
CN_FAMILY = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma", "Hu"]
CN_GIVEN = ["Jianguo", "Haiyan", "Wei", "Xiaoming", "Zhiqiang", "Lihua", "Guoqing", "Yong", "Jun", "Hongbo"]
CN_GIVEN += ["Mingde", "Ping", "Xinyu", "Yuhang", "Zhenhua", "Dongsheng", "Jiahui", "Shuming", "Kaiwen", "Rui"]
VN_OFFICES = [
    "Deputy Minister of Foreign Affairs",
    "Deputy Minister of Industry and Trade",
    "Secretary of the Hà Nội Party Committee",
    "Secretary of the Lào Cai provincial Party Committee",
    "Chairman of the Quảng Ninh provincial People's Committee",
    "Head of the CPV Central Committee's Commission for External Relations",
    "Vice Chairwoman of the National Assembly",
    "Deputy Minister of National Defence",
    "Ambassador of Việt Nam to China",
    "Minister of Agriculture and Rural Development",
    "Minister of Transport",
    "Chairman of the Ho Chi Minh Communist Youth Union Central Committee",
]
CN_OFFICES = [
    "Vice Foreign Minister",
    "Vice Minister of Commerce",
    "Party Secretary of the Guangxi Zhuang Autonomous Region",
    "Governor of Yunnan Province",
    "Vice Chairman of the Standing Committee of the National People's Congress",
    "Deputy Head of the International Department of the CPC Central Committee",
    "Minister of Agriculture and Rural Affairs",
    "Vice Chairman of the Central Military Commission",
    "Minister of Transport",
    "First Secretary of the Communist Youth League of China Central Committee",
]

PLACES = {
    "VN": ["Hà Nội", "Hạ Long", "Lào Cai", "Lạng Sơn", "Đà Nẵng", "Hải Phòng", "Cao Bằng", "Hồ Chí Minh City"],
    "CN": ["Beijing", "Nanning", "Kunming", "Guangzhou", "Shanghai", "Shenzhen", "Xiamen", "Chengdu"],
}
DATELINES = {"Hà Nội": "HÀ NỘI", "Beijing": "BEIJING", "Hạ Long": "QUẢNG NINH", "Nanning": "NANNING"}
PRODUCTS = ["durian", "dragon fruit", "rice", "cassava", "lychee", "bird's nest", "coffee", "shrimp", "pangasius"]
PROJECTS = [
    "the Lào Cai–Hà Nội–Hải Phòng standard-gauge railway",
    "the Đồng Đăng–Hà Nội railway",
    "the Móng Cái–Dongxing cross-border economic cooperation zone",
    "the Hữu Nghị–Youyi Guan smart border gate",
    "the Bản Giốc–Detian waterfall scenic area",
    "the Cát Linh–Hà Đông urban railway",
]
ACRONYM_DEFINITIONS = [
    "the 1982 United Nations Convention on the Law of the Sea (UNCLOS)",
    "the Regional Comprehensive Economic Partnership (RCEP)",
    "the Belt and Road Initiative (BRI)",
    "the Two Corridors, One Belt (TCOB) framework",
    "the Greater Mekong Subregion (GMS) programme",
    "the Association of Southeast Asian Nations (ASEAN)",
    "the Declaration on the Conduct of Parties in the South China Sea (DOC)",
]
ACRONYM_MENTIONS = ["UNCLOS", "RCEP", "ASEAN", "APEC", "the BRI", "the DOC", "the COC", "WTO"]

# Paragraph templates by topic; {A}/{B} are the two principals' short names.
TOPICS = {
    "politics": [
        "{A} said the two Parties and countries share the ideal of socialism and a common destiny, and that "
        "the comprehensive strategic cooperative partnership has grown deeper since {year0}.",
        "The two sides agreed to maintain regular high-level exchanges through Party, State, Government, "
        "National Assembly and people-to-people channels, and to make good use of the mechanism of the "
        "Steering Committee for Bilateral Cooperation.",
        "{B} congratulated Việt Nam on its socio-economic achievements and said China regards Việt Nam as a "
        "priority in its neighbourhood diplomacy.",
        "They exchanged experience in Party building, anti-corruption work and national governance, and "
        "agreed to hold the {ordinal} theoretical workshop between the two Parties in {place} in {year1}.",
        "{A} asked {B} to convey his best regards to {leader}, and invited Chinese leaders to visit Việt Nam "
        "at a convenient time.",
    ],
    "trade": [
        "Two-way trade reached {money} billion USD in {year0}, up {percent} per cent year on year, making "
        "China Việt Nam's largest trading partner and Việt Nam China's largest partner in ASEAN.",
        "{A} proposed that China further open its market to Vietnamese {product} and {product2}, speed up "
        "quarantine procedures and allow more border gates to handle agricultural exports.",
        "{B} said Chinese enterprises are keen to invest in processing, manufacturing, renewable energy "
        "and electric vehicles in Việt Nam, and hoped Việt Nam would create favourable conditions for them.",
        "The two sides agreed to make full use of {definition} and to keep supply chains stable, noting "
        "that exports of {product} rose {percent} per cent in the first {months} months.",
        "Officials from {place} and {place2} signed {count} cooperation documents covering customs, "
        "e-commerce, logistics and the digital economy.",
    ],
    "connectivity": [
        "The leaders urged ministries to accelerate {project}, which is expected to cut freight costs "
        "by about {percent} per cent once completed.",
        "{A} suggested that China provide preferential loans and technology transfer for {project}, and "
        "train Vietnamese engineers in railway operation and maintenance.",
        "{B} said Chinese partners stand ready to share experience in building high-speed railways and "
        "to connect the two countries' expressway networks at {count} border crossings.",
        "They agreed to pilot smart border gates, extend customs clearance hours and open new air routes "
        "between {place} and {place2}.",
    ],
    "sea": [
        "On maritime issues, the two sides agreed to better control and satisfactorily resolve differences "
        "through peaceful means, in accordance with international law, especially {definition}.",
        "{A} stressed the importance of respecting each other's legitimate rights and interests under "
        "{acronym}, and of not taking actions that complicate the situation at sea.",
        "The two sides agreed to work with ASEAN countries towards an effective and substantive Code of "
        "Conduct in the South China Sea, and to expand cooperation in less sensitive fields at sea.",
        "Fisheries authorities will hold a hotline meeting every {months} months to handle incidents "
        "involving fishing vessels in the Gulf of Tonkin.",
    ],
    "people": [
        "Both sides agreed to boost tourism, education, health care and local cooperation, and to organise "
        "the {ordinal} youth friendship meeting in {place} in {year1}.",
        "More than {count} thousand Vietnamese students are studying in China, and {B} said China will offer "
        "additional government scholarships to Vietnamese students from next year.",
        "{A} thanked Chinese localities bordering Việt Nam for their support during natural disasters and "
        "called for stronger cooperation in disaster prevention and climate change response.",
        "Chinese tourist arrivals to Việt Nam reached {money} million in {year0}, and the two sides agreed "
        "to promote the {project_short} as a showcase of cross-border tourism.",
    ],
    "defence": [
        "{A} said defence cooperation is an important pillar of the bilateral relationship and proposed "
        "joint patrols in the Gulf of Tonkin and border defence friendship exchanges.",
        "The two ministries agreed to strengthen cooperation in training, defence industry, military "
        "medicine and United Nations peacekeeping, and to maintain the hotline between them.",
        "{B} praised the results of the {ordinal} border defence friendship exchange held in {place} and "
        "{place2}, and agreed to keep the land border peaceful and stable.",
    ],
}
GENERIC = [
    "On the occasion, the two sides witnessed the signing of {count} cooperation agreements in areas such "
    "as trade, transport, agriculture, customs, media and education.",
    "Earlier on the same day, {A} laid a wreath at a memorial in {place} and visited a local company "
    "producing {product} for export.",
    "According to the Ministry of Foreign Affairs, the visit aimed to concretise the common perceptions "
    "reached by the top leaders of the two Parties and countries during their meetings in {year0}.",
    "Observers said the talks demonstrated the political trust between the two sides and their shared "
    "wish to build a community with a shared future that carries strategic significance.",
    "The two sides also discussed regional and international issues of mutual concern, including "
    "cooperation within {acronym} and the United Nations.",
]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "15th", "20th"]
# (as the body says it, as a headline says it)
MEETING_VERBS = [
    ("held talks with", "holds talks with"),
    ("received", "receives"),
    ("met with", "meets"),
    ("had a phone call with", "holds phone talks with"),
    ("held online talks with", "holds online talks with"),
]
RELATED_HEADLINES = [
    "Việt Nam, China agree to speed up border railway links",
    "Durian exports to China hit record high",
    "Deputy PM receives Chinese business delegation",
    "Hà Nội hosts China–Việt Nam youth festival",
    "Two countries sign customs cooperation agreement",
    "Quảng Ninh, Guangxi boost tourism cooperation",
    "Chinese investors eye renewable energy projects",
    "Border provinces hold spring meeting",
    "Temple of Literature welcomes Chinese scholars",
    "Vietnamese students win scholarships to study in China",
]


def build_officials(rng: random.Random) -> list[Official]:
    """The cast: well-known officials plus a few hundred generated ones with their offices."""
    cast = [Official(n, "VN", office, n.split()[-1]) for n, office in KNOWN_VN]
    cast += [Official(n, "CN", office, n.split()[0]) for n, office in KNOWN_CN]
    seen = {official.name for official in cast}
    while len(cast) < 260:
        if rng.random() < 0.55:
            name = f"{rng.choice(VN_FAMILY)} {rng.choice(VN_MIDDLE)} {rng.choice(VN_GIVEN)}"
            official = Official(name, "VN", rng.choice(VN_OFFICES), name.split()[-1])
        else:
            name = f"{rng.choice(CN_FAMILY)} {rng.choice(CN_GIVEN)}"
            official = Official(name, "CN", rng.choice(CN_OFFICES), name.split()[0])
        if official.name not in seen:
            seen.add(official.name)
            cast.append(official)
    return cast


class ArticleWriter:
    """Writes one article at a time from a shared random stream."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        cast = build_officials(rng)
        self.vietnamese = [o for o in cast if o.country == "VN"]
        self.chinese = [o for o in cast if o.country == "CN"]

    def pick(self, pool: list[Official]) -> Official:
        # The well-known officials at the front of each pool appear far more often (as in the press).
        return pool[self.rng.randrange(15)] if self.rng.random() < 0.5 else self.rng.choice(pool)

    def fill(self, template: str, a: Official, b: Official, day: datetime.date, place: str) -> str:
        rng = self.rng
        project = rng.choice(PROJECTS)
        values = {
            "A": a.short,
            "B": b.short,
            "year0": day.year - 1,
            "year1": day.year + 1,
            "ordinal": rng.choice(ORDINALS),
            "place": place,
            "place2": rng.choice(PLACES["CN"] if place in PLACES["VN"] else PLACES["VN"]),
            "leader": "General Secretary and President Xi Jinping",
            "money": f"{rng.randint(20, 260)}.{rng.randint(0, 9)}",
            "percent": rng.randint(3, 38),
            "product": rng.choice(PRODUCTS),
            "product2": rng.choice(PRODUCTS),
            "months": rng.randint(2, 11),
            "count": rng.randint(3, 30),
            "project": project,
            "project_short": project.removeprefix("the "),
            "definition": rng.choice(ACRONYM_DEFINITIONS) if rng.random() < 0.35 else "international law",
            "acronym": rng.choice(ACRONYM_MENTIONS),
        }
        return template.format(**values)

    def body(self, a: Official, b: Official, verb: str, day: datetime.date, when: str, place: str) -> list[str]:
        rng = self.rng
        a_spelled = a.name if rng.random() < 0.8 else to_ascii(a.name)  # some outlets drop the diacritics
        lead = (
            f"{a.office} {a_spelled} {when} {verb} {b.name}, {b.office[0].lower()}{b.office[1:]}, "
            f"in {place}, as the two countries mark {day.year - 1950} years of diplomatic relations."
        )
        paragraphs = [lead]
        topics = rng.sample(sorted(TOPICS), k=rng.randint(2, 4))
        target_words = rng.randint(400, 700)
        words = len(lead.split())
        chosen = [t for topic in topics for t in TOPICS[topic]] + GENERIC
        others = [t for topic in sorted(TOPICS) if topic not in topics for t in TOPICS[topic]]
        rng.shuffle(chosen)
        rng.shuffle(others)
        extra_sentences = rng.sample(GENERIC, k=len(GENERIC))
        for template in chosen + others:  # the article's own topics first, then others if still short
            if words >= target_words:
                break
            paragraph = self.fill(template, a, b, day, place)
            if extra_sentences and rng.random() < 0.25:  # a second sentence, so paragraphs vary in length
                paragraph += " " + self.fill(extra_sentences.pop(), a, b, day, place)
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        return paragraphs

    def article(self, number: int) -> tuple[str, str]:
        """(file name, text) of the article with this number."""
        rng = self.rng
        vn, cn = self.pick(self.vietnamese), self.pick(self.chinese)
        a, b = (vn, cn) if rng.random() < 0.6 else (cn, vn)
        verb, headline_verb = rng.choice(MEETING_VERBS)
        day = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(7 * 365))
        published = day + datetime.timedelta(days=rng.choice([0, 0, 1]))
        place = rng.choice(PLACES[a.country] if rng.random() < 0.5 else PLACES[b.country])
        explicit = rng.random() < 0.5
        when = f"on {MONTHS[day.month - 1]} {day.day}" if explicit else f"on {WEEKDAYS[day.weekday()]}"
        paragraphs = self.body(a, b, verb, day, when, place)
        title = f"{a.office.split(' of ')[0]} {a.short} {headline_verb} {b.name}"
        outlet = rng.choice(OUTLETS)
        return f"{number:05d}_{outlet.__name__.strip('_')}.txt", outlet(self, paragraphs, title, day, published, place)


def _vns(writer, paragraphs, title, day, published, place):
    dateline = DATELINES.get(place, to_ascii(place).upper())
    header = f" date {published.isoformat()} " if writer.rng.random() < 0.7 else ""
    text = [f"{header}{dateline} — {paragraphs[0]}", *paragraphs[1:]]
    text[-1] += " — VNA/VNS"
    return "\n\n".join(text) + "\n"


def _xinhua(writer, paragraphs, title, day, published, place):
    city = to_ascii(place).upper().removesuffix(" CITY")
    lead = f"{city}, {XINHUA_MONTHS[day.month - 1]} {day.day} (Xinhua) -- {paragraphs[0]}"
    return "\n\n".join([lead, *paragraphs[1:], "Enditem"]) + "\n"


def _vov(writer, paragraphs, title, day, published, place):
    chrome = ["VOV World", "Home / Current Affairs / Politics", "Listen", title]
    stamp = f"{WEEKDAYS[published.weekday()]}, 08:{writer.rng.randint(10, 59)}, {published:%d/%m/%Y}"
    related = ["Related news", *writer.rng.sample(RELATED_HEADLINES, 3)]
    body = [f"(VOVWORLD) - {paragraphs[0]}", *paragraphs[1:]]
    return "\n".join(chrome) + "\n" + stamp + "\n\n" + "\n\n".join(body) + "\n\n" + "\n".join(related) + "\n"


def _nhandan(writer, paragraphs, title, day, published, place):
    chrome = ["NHÂN DÂN ONLINE", "Subscribe", "Politics", title, "Translated by Mai Anh"]
    stamp = f"{WEEKDAYS[published.weekday()]}, {MONTHS[published.month - 1]} {published.day}, {published.year} - 08:12"
    body = [f"NDO – {paragraphs[0]}", *paragraphs[1:]]
    tail = ["Share", "Tags: Vietnam China diplomacy"]
    return "\n".join(chrome) + "\n" + stamp + "\n\n" + "\n\n".join(body) + "\n\n" + "\n".join(tail) + "\n"


def _chinadaily(writer, paragraphs, title, day, published, place):
    chrome = ["CHINA DAILY", "Global Edition", "Search", "China > Politics", title]
    byline = f"By ZHANG WEI | chinadaily.com.cn | Updated: {published.isoformat()} 21:14"
    caption = f"{title}, {XINHUA_MONTHS[day.month - 1].rstrip('.')} {day.day}, {day.year}. [Photo/Xinhua]"
    body = [paragraphs[0], caption, *paragraphs[1:]]
    tail = ["Related Stories", *writer.rng.sample(RELATED_HEADLINES, 2), f"Copyright 1995 - {published.year}."]
    return "\n".join(chrome) + "\n" + byline + "\n\n" + "\n\n".join(body) + "\n\n" + "\n".join(tail) + "\n"


def _mofa(writer, paragraphs, title, day, published, place):
    chrome = ["MINISTRY OF FOREIGN AFFAIRS OF VIET NAM", "Home | Press Releases", "Print", title]
    body = "\n\n".join(paragraphs)
    return "\n".join(chrome) + f"\n{published:%d/%m/%Y}\n\n" + body + "\n\nBack to top\n"


OUTLETS = [_vns, _vns, _xinhua, _vov, _nhandan, _chinadaily, _mofa]


def generate(folder: str | Path, count: int, seed: int = 2026) -> list[Path]:
    """Write `count` articles into `folder` (created if needed); the same seed gives the same files."""
    if count < 1:
        raise ValueError(f"count must be at least 1, not {count}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    writer = ArticleWriter(random.Random(seed))
    written = []
    for number in range(count):
        name, text = writer.article(number)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="where to write the .txt files (use a temporary folder)")
    parser.add_argument("--count", type=int, default=100, help="number of articles (default 100)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    paths = generate(args.folder, args.count, args.seed)
    words = sum(len(path.read_text("utf-8").split()) for path in paths)
    print(f"{len(paths)} articles, {words // len(paths)} words on average, in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
