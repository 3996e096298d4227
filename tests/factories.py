"""Small factories for tests: each makes one saved row with sensible defaults; keywords override.

Every article gets its own source file, content hash and slug from a counter, so tests can make as
many as they like without thinking about uniqueness.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib
import itertools

from django.db.models import Q

from articles.extraction.names import person_key, to_ascii
from articles.models import (
    Article,
    Meeting,
    MeetingParticipant,
    Mention,
    Office,
    OfficeHolding,
    Person,
    PersonAlias,
    Photo,
)

_serial = itertools.count(1)


def make_article(
    title: str | None = None,
    *,
    people=(),
    event_date=datetime.date(2024, 3, 22),
    date_precision: str | None = None,
    **fields,
) -> Article:
    """An article; `people` are Person rows mentioned in it (most-mentioned first)."""
    n = next(_serial)
    title = title or f"Test article {n}"
    body = fields.pop("body", f"First paragraph of article {n}.\n\nSecond paragraph of article {n}.")
    if date_precision is None:
        date_precision = "unknown" if event_date is None else "day"
    article = Article.objects.create(
        title=title,
        slug=fields.pop("slug", f"test-article-{n}"),
        body=body,
        raw_text=fields.pop("raw_text", f"RAW {title}\n\n{body}"),
        source_file=f"tests/article-{n}.txt",
        content_hash=hashlib.sha256(f"article-{n}".encode()).hexdigest(),
        event_date=event_date,
        date_precision=date_precision,
        **fields,
    )
    for rank, person in enumerate(people):
        make_mention(article, person, count=len(people) - rank)
    return article


def people_spelled(name: str):
    """The people any spelling of `name` resolves to: their name's or an alias's key (accents, case and
    spacing aside), as the importer resolves names."""
    key = person_key(name)
    return Person.objects.filter(Q(name_key=key) | Q(aliases__key=key)).distinct()


def make_person(name: str | None = None, *, country: str = "VN", aliases=(), **fields) -> Person:
    person = Person.objects.create(name=name or f"Test Person {next(_serial)}", country=country, **fields)
    for alias in aliases:
        PersonAlias.objects.create(person=person, name=alias)
    return person


def make_office(post: str = "Minister", organization: str | None = None, *, country: str = "VN") -> Office:
    organization = f"Test Ministry {next(_serial)}" if organization is None else organization
    return Office.objects.create(post=post, organization=organization, country=country)


def make_holding(
    person: Person, office: Office, *, first_seen=None, last_seen=None, articles=(), wordings=()
) -> OfficeHolding:
    holding = OfficeHolding.objects.create(
        person=person, office=office, first_seen=first_seen, last_seen=last_seen, wordings=list(wordings)
    )
    holding.articles.set(articles)
    return holding


def make_mention(article: Article, person: Person, *, count: int = 1, offices=()) -> Mention:
    return Mention.objects.create(
        article=article,
        person=person,
        name_as_written=person.name,
        count=count,
        country=person.country,
        offices_as_written=list(offices),
    )


def make_meeting(
    *participants,
    date=datetime.date(2024, 3, 22),
    date_precision: str | None = None,
    kind: str = "talks",
    place: str = "",
    articles=(),
    **fields,
) -> Meeting:
    """A meeting between `participants`: Person rows, or (Person, Office) pairs for the office held."""
    if date_precision is None:
        date_precision = "unknown" if date is None else "day"
    meeting = Meeting.objects.create(date=date, date_precision=date_precision, kind=kind, place=place, **fields)
    for position, participant in enumerate(participants):
        person, office = participant if isinstance(participant, tuple) else (participant, None)
        MeetingParticipant.objects.create(
            meeting=meeting,
            position=position,
            name_as_written=person.name,
            person=person,
            office=office,
            office_as_written=office.title if office else "",
        )
    meeting.articles.set(articles)
    return meeting


def make_photo(article: Article, caption: str = "A photo caption.", **fields) -> Photo:
    return Photo.objects.create(article=article, caption=caption, **fields)


VIETNAMESE_NAMES = (
    "Nguyễn Văn Anh",
    "Trần Thị Bình",
    "Lê Quang Cường",
    "Phạm Đức Dũng",
    "Hoàng Thị Hà",
    "Vũ Minh Khoa",
    "Đặng Thu Lan",
    "Bùi Xuân Mạnh",
    "Đỗ Thị Ngọc",
    "Ngô Bảo Phúc",
)
CHINESE_NAMES = (
    "Wang Jianguo",
    "Li Xiaoming",
    "Zhang Wei",
    "Liu Fang",
    "Chen Jie",
    "Yang Lin",
    "Zhao Lei",
    "Huang Min",
    "Zhou Tao",
    "Wu Hong",
)


def make_archive(*, articles: int = 30, meetings: int = 15) -> dict:
    """A small archive big enough to expose N+1 queries: 20 people, `articles` articles, `meetings` meetings.

    The last three articles have an unknown, a year-only and a month-only (needs review) date.
    Meeting i is between the i-th Vietnamese and i-th Chinese official, reported by article i.
    """
    vn_office = make_office("Minister", "Ministry of Foreign Affairs", country="VN")
    cn_office = make_office("Head", "CPC Central Committee's International Department", country="CN")
    vn = [make_person(name, country="VN") for name in VIETNAMESE_NAMES]
    cn = [make_person(name, country="CN") for name in CHINESE_NAMES]
    start = datetime.date(2022, 1, 10)
    rows = []
    for i in range(articles):
        people = [vn[i % 10], cn[i % 10], vn[(i + 1) % 10]]
        extra = {}
        if i == articles - 3:
            extra = {"event_date": None}
        elif i == articles - 2:
            extra = {"event_date": datetime.date(2023, 1, 1), "date_precision": "year", "needs_review": True}
        elif i == articles - 1:
            extra = {"event_date": datetime.date(2023, 6, 1), "date_precision": "month", "needs_review": True}
        else:
            extra = {"event_date": start + datetime.timedelta(days=40 * i)}
        article = make_article(f"Archive article {i}", people=people, credit="VNS", dateline="HÀ NỘI", **extra)
        make_photo(article, f"Photo of archive article {i}", credit="VNA")
        rows.append(article)
    holdings = []
    for index, person in enumerate(vn + cn):
        office = vn_office if person.country == "VN" else cn_office
        holdings.append(
            make_holding(
                person,
                office,
                first_seen=start,
                last_seen=start + datetime.timedelta(days=index),
                articles=[rows[index % len(rows)]],
            )
        )
    meeting_rows = []
    for i in range(meetings):
        article = rows[i]
        meeting_rows.append(
            make_meeting(
                (vn[i % 10], vn_office),
                (cn[i % 10], cn_office),
                (cn[(i + 3) % 10], None),
                date=article.event_date,
                date_precision=article.date_precision,
                kind="talks" if i % 2 else "meeting",
                place="Hà Nội" if i % 2 else "Beijing",
                articles=[article],
            )
        )
    return {"articles": rows, "vn": vn, "cn": cn, "meetings": meeting_rows, "offices": [vn_office, cn_office]}


def editors_group():
    """The "Editors" group as its migration makes it (again, when a transactional test flushed it)."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    importlib.import_module("articles.migrations.0004_editors_group").create_editors(apps, None)
    return Group.objects.get(name="Editors")


# --- extraction: articles written as text, and what was taken out of them ----------------------


def page_text(*parts: str) -> str:
    """An article as a saved page's text: its parts separated by blank lines."""
    return "\n\n".join(parts)


def removal_rules(result) -> dict[str, str]:
    """Each block extraction took out of the article, with the rule that took it."""
    return {block.text: block.rule for block in result.boilerplate_removed}


def people_in(body: str, captions=()) -> dict:
    """The people extraction finds in `body` (and photo captions), by name, without the officials list."""
    from articles.extraction.officials import Officials
    from articles.extraction.people import extract_people

    return {person.name: person for person in extract_people(body, list(captions), officials=Officials.empty())}


def meetings_in(body: str, *, published: datetime.date, dateline: str | None = None) -> list:
    """The meetings extraction reads from `body`, published on `published`."""
    from articles.extraction.dates import DateContext
    from articles.extraction.meetings import extract_meetings
    from articles.extraction.officials import Officials
    from articles.extraction.people import extract_people

    people = extract_people(body, [], officials=Officials.empty())
    return extract_meetings(body, people, dates=DateContext(body, published=published), dateline=dateline)


def who(meeting) -> list[str]:
    """A meeting's participants, ASCII and sorted."""
    return sorted(to_ascii(name) for name in meeting.participants)


def people_by_key(article) -> dict:
    """An extracted article's people by identity key (accents, case, spacing and punctuation aside)."""
    return {person_key(person.name): person for person in article.people}


def folded(text):
    return to_ascii(text).casefold() if text is not None else None


def date_answer(partial) -> str:
    """An extracted date as the expected files write it: "unknown" or "<precision>:<ISO date>"."""
    return "unknown" if partial.precision == "unknown" else f"{partial.precision}:{partial.iso()}"


def extract_files(folder, names, *, with_officials_list: bool = True) -> dict:
    """Each named file of `folder` extracted as the import command extracts it: with the shipped
    known-officials list, or (to test extraction from titles alone) without it."""
    from articles.extraction.officials import Officials, load_officials
    from articles.extraction.pipeline import extract_file

    officials = load_officials() if with_officials_list else Officials.empty()
    return {
        name: extract_file((folder / name).read_bytes(), name, max_bytes=2_000_000, officials=officials)
        for name in names
    }
