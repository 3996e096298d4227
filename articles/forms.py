"""The validated query parameters of the browse pages and the API: formats, date ranges, meeting filters.

A parameter that does not validate is reported (a 400, or the page with a message), never guessed.
The search app's form takes its date ranges from here too.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django import forms

from .extraction.types import UNKNOWN
from .models import MeetingKind, MeetingParticipant, Person
from .scope import pair_label

# ?format= of a page: the page itself, or its records as CSV or JSON.
PAGE, CSV, JSON = "", "csv", "json"
FORMAT_CHOICES = [(PAGE, "page"), (CSV, "CSV"), (JSON, "JSON")]


class ExportForm(forms.Form):
    """?format=csv or ?format=json: the page's records instead of the page, as search results offer."""

    format = forms.ChoiceField(required=False, choices=FORMAT_CHOICES)


# ---------------------------------------------------------------- date ranges typed as "2023", "2023-04", "2023-04-05"

_DATE_RANGE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")


@dataclass(frozen=True)
class DateRange:
    """The days a date typed as precisely as it is known covers: "2023" is a year of them, "2023-04" a
    month, "2023-04-05" one. (An article's own date and its precision are extraction.types.PartialDate.)"""

    text: str
    first_day: datetime.date
    last_day: datetime.date


def parse_date_range(text: str) -> DateRange:
    """Raises ValueError with a reader's message when `text` is not YYYY, YYYY-MM or YYYY-MM-DD."""
    match = _DATE_RANGE.fullmatch(text)
    if not match:
        raise ValueError(f"“{text}” is not a date: use 2023, 2023-04 or 2023-04-05.")
    year = int(match["year"])
    if year < 1:
        raise ValueError(f"“{text}”: there is no year 0.")
    if match["month"] is None:
        return DateRange(text, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    month = int(match["month"])
    if not 1 <= month <= 12:
        raise ValueError(f"“{text}”: months run from 01 to 12.")
    last = calendar.monthrange(year, month)[1]
    if match["day"] is None:
        return DateRange(f"{year:04d}-{month:02d}", datetime.date(year, month, 1), datetime.date(year, month, last))
    day = int(match["day"])
    if not 1 <= day <= last:
        raise ValueError(f"“{text}”: {calendar.month_name[month]} {year} has no day {day}.")
    day_date = datetime.date(year, month, day)
    return DateRange(day_date.isoformat(), day_date, day_date)


class DateRangeField(forms.CharField):
    """A date typed as precisely as it is known: None when empty, else the DateRange it covers."""

    def clean(self, value):
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        try:
            return parse_date_range(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error


# ---------------------------------------------------------------- the meetings list


class PeopleField(forms.ModelMultipleChoiceField):
    """People by slug, from one or more <select name="person">; an empty choice selects nobody."""

    def clean(self, value):
        return super().clean([v for v in (value or []) if v])


class MeetingFilterForm(forms.Form):
    """The meeting list's query parameters: year, countries, kind, people (all must have met), format."""

    year = forms.IntegerField(required=False, min_value=1900, max_value=2100, widget=forms.Select)
    countries = forms.ChoiceField(required=False, label="Countries")
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *MeetingKind.choices])
    person = PeopleField(required=False, queryset=Person.objects.all(), to_field_name="slug")
    format = forms.ChoiceField(required=False, choices=FORMAT_CHOICES)

    def __init__(self, *args, country_pairs=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        pairs = [(pair, pair_label(pair)) for pair in country_pairs]
        self.fields["countries"].choices = [("", "Any countries"), *pairs]
        typed = self.data.get("year", "") if self.is_bound else ""
        shown = sorted({*years, *([int(typed)] if typed.isdigit() else [])}, reverse=True)
        self.fields["year"].widget.choices = [("", "Any year"), *((str(year), str(year)) for year in shown)]

    def filter(self, meetings):
        """`meetings` narrowed by every valid parameter (invalid ones are reported, not applied)."""
        data = self.cleaned_data if self.is_bound else {}
        if data.get("year"):
            meetings = meetings.filter(date__year=data["year"]).exclude(date_precision=UNKNOWN)
        if data.get("kind"):
            meetings = meetings.filter(kind=data["kind"])
        for code in data["countries"].split("-") if data.get("countries") else ():
            meetings = meetings.filter(pk__in=MeetingParticipant.objects.filter(person__country=code).values("meeting"))
        for person in data.get("person") or ():
            meetings = meetings.filter(pk__in=MeetingParticipant.objects.filter(person=person).values("meeting"))
        return meetings

    @property
    def wanted_format(self) -> str:
        return (self.cleaned_data.get("format") if self.is_bound and hasattr(self, "cleaned_data") else "") or PAGE
