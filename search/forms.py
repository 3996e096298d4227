"""The search page's query parameters, validated: what /search/ accepts and the messages it gives.

Every parameter the page, its JSON, CSV and feed understand is a field here; anything else in the
query string is refused with a message naming it, so a typo ("peple=") never silently widens a
researcher's results.
"""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS

from articles.forms import DateRangeField, parse_date_range

from .facets import FACETS, MONTH_FIELD, YEAR_FIELD, facet_key
from .query import normalise

MAX_QUERY_LENGTH = 1000  # characters; longer "queries" are pasted documents, not searches
MAX_VALUE_LENGTH = 200  # characters of one facet value
MAX_VALUES = 20  # values selected in one facet
MAX_PAGE = 1000

RELEVANCE, NEWEST, OLDEST = "relevance", "newest", "oldest"
SORTS = ((RELEVANCE, "Relevance"), (NEWEST, "Newest first"), (OLDEST, "Oldest first"))
HTML, JSON, CSV = "html", "json", "csv"
FORMATS = ((HTML, "Web page"), (JSON, "JSON"), (CSV, "CSV"))

_DATE_ATTRS = {"placeholder": "2023-04", "inputmode": "numeric", "size": 10, "aria-describedby": "date-help"}
_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")


def clean_text(value: str) -> str:
    """Control characters (NUL too) become spaces: they are never part of what a reader meant."""
    return normalise(value or "")


class QueryField(forms.CharField):
    def to_python(self, value):
        # Before the validators: Django refuses NUL characters, which a copied text may carry.
        return clean_text(super().to_python(value))


class ValuesField(forms.Field):
    """Several values of one parameter (?people=A&people=B): cleaned, de-duplicated, in given order."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, label: str, pattern: re.Pattern | None = None, example: str = "", **kwargs):
        # `pattern` is given for the date facets (years, months): their values must also be real dates.
        super().__init__(required=False, label=label, **kwargs)
        self.pattern = pattern
        self.example = example

    def to_python(self, value) -> list[str]:
        if value in (None, ""):
            return []
        values = [value] if isinstance(value, str) else list(value)
        cleaned = [clean_text(v) for v in values if isinstance(v, str)]
        return list(dict.fromkeys(v for v in cleaned if v))

    def validate(self, values: list[str]) -> None:
        if len(values) > MAX_VALUES:
            raise forms.ValidationError(f"at most {MAX_VALUES} values can be selected at once.")
        for value in values:
            if len(value) > MAX_VALUE_LENGTH:
                raise forms.ValidationError(f"a value is longer than {MAX_VALUE_LENGTH} characters.")
            if self.pattern is not None and not self.pattern.fullmatch(value):
                raise forms.ValidationError(f"“{value}” is not of the form {self.example}.")
            if self.pattern is not None:
                try:
                    parse_date_range(value)
                except ValueError as error:
                    raise forms.ValidationError(str(error)) from error
            if not facet_key(value):
                raise forms.ValidationError(f"“{value}” has no letters or digits to match.")


class SearchForm(forms.Form):
    q = QueryField(
        label="Search the archive",
        required=False,
        widget=forms.SearchInput(
            attrs={"placeholder": 'e.g. UNCLOS, Trọng, "Law of the Sea"', "aria-describedby": "search-help"}
        ),
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": "The query is too long: at most %(limit_value)d characters, this one has %(show_value)d."
        },
    )
    sort = forms.ChoiceField(label="Sort by", choices=SORTS, required=False)
    date_from = DateRangeField(label="From", required=False, max_length=10, widget=forms.TextInput(_DATE_ATTRS))
    date_to = DateRangeField(label="To", required=False, max_length=10, widget=forms.TextInput(_DATE_ATTRS))
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            "invalid": "The page number must be a whole number such as 2.",
            "min_value": "Pages are numbered from 1.",
            "max_value": f"Only the first {MAX_PAGE} pages of results can be shown; narrow the search instead.",
        },
    )
    format = forms.ChoiceField(choices=FORMATS, required=False)

    # URL parameters whose names are not Python identifiers or would shadow form attributes.
    PARAMETER_NAMES = {"date_from": "from", "date_to": "to"}

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        for facet in FACETS:
            self.fields[facet.name] = ValuesField(label=facet.label)
        self.fields[YEAR_FIELD] = ValuesField(label="Year", pattern=_YEAR, example="2023")
        self.fields[MONTH_FIELD] = ValuesField(label="Month", pattern=_MONTH, example="2023-04")
        for name, field in self.fields.items():
            field.parameter = self.PARAMETER_NAMES.get(name, name)

    def add_prefix(self, field_name):
        # The URL says "from" and "to"; the fields cannot be called that.
        return self.PARAMETER_NAMES.get(field_name, field_name)

    @classmethod
    def parameters(cls) -> list[str]:
        return [field.parameter for field in cls().fields.values()]

    def clean_sort(self):
        return self.cleaned_data["sort"] or ""

    def clean_format(self):
        return self.cleaned_data["format"] or HTML

    def clean_page(self):
        return self.cleaned_data["page"] or 1

    def clean(self):
        cleaned = super().clean()
        known = set(self.parameters())
        unknown = sorted(name for name in (self.data or {}) if name not in known)
        if unknown:
            names = ", ".join(f"“{name[:40]}”" for name in unknown[:5])
            raise forms.ValidationError(
                f"Unknown parameter {names}. The search understands: {', '.join(sorted(known))}.",
                code="unknown_parameter",
            )
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start.first_day > end.last_day:
            self.add_error("date_to", f"“to” ({end.text}) is before “from” ({start.text}).")
        return cleaned

    def full_clean(self):
        super().full_clean()
        # A field in error points at its message, so a screen reader reads it with the typed value.
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                described = attrs.get("aria-describedby", "")
                attrs["aria-describedby"] = f"{self[name].auto_id}_error {described}".strip()

    def error_messages(self) -> list[str]:
        """Every problem as one sentence naming its parameter."""
        messages = []
        for name, errors in self.errors.items():
            for error in errors:
                if name == NON_FIELD_ERRORS:
                    messages.append(error)
                else:
                    messages.append(f"{self.fields[name].parameter}: {error}")
        return messages

    @property
    def page_size(self) -> int:
        return settings.HAYSTACK_SEARCH_RESULTS_PER_PAGE
