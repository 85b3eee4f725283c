"""Console forms for findings: manual entry, corroboration, retraction, interviews, imports.

They carry input and turn it into the services' types; the rules live in the services and
the domain (an item's schema, its categories, the source rules), which report every problem
by field so the page can show it next to that field. A form refuses here only what it must
parse to call a service at all: a time, a date, an evidence file's size and type.

An evidence file's type is read from its first bytes, not from what the browser claims:
the type is written into the report next to the file's SHA-256.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from fairscreen.domain import findings as domain
from fairscreen.domain import scope
from fairscreen.screenings.connectors import SourceIn
from fairscreen.screenings.services import (
    MAX_EVIDENCE_BYTES,
    EvidenceIn,
    InterviewAnswer,
    RetractionReason,
)
from fairscreen.screenings.views_labels import (
    AUTHORITY_LABELS,
    PURPOSE_LABELS,
    RETRACTION_LABELS,
    category_label,
    in_language,
    source_kind_label,
)

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


def evidence_media_type(name: str, content: bytes) -> str:
    """The type by content; UTF-8 text is JSON or plain text by its name. Else unknown."""
    for signature, media_type in _SIGNATURES:
        if content.startswith(signature):
            return media_type
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return "application/octet-stream"
    return "application/json" if Path(name).suffix.lower() == ".json" else "text/plain"


class SourceForm(forms.Form):
    """One source of a finding (and its evidence); the first, or one that corroborates."""

    def __init__(self, *args: Any, item: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        kinds = scope.CATALOGUE.item(item).source_kinds
        self.fields["kind"] = forms.ChoiceField(
            label=_("Kind of source"),
            choices=[(kind.value, source_kind_label(kind)) for kind in kinds],
        )
        self.fields["authority"] = forms.ChoiceField(
            label=_("Authority"),
            choices=[
                ("", "—"),
                *((level.value, AUTHORITY_LABELS[level]) for level in domain.AuthorityLevel),
            ],
        )
        self.fields["origin"] = forms.CharField(
            label=_("Origin"),
            required=False,
            help_text=_(
                "Who or what the source is, e.g. registry:chsi; one origin twice is one source."
            ),
            widget=forms.TextInput(attrs={"maxlength": 120, "list": f"origins-{item}"}),
        )
        self.fields["reference"] = forms.CharField(
            label=_("Reference"),
            required=False,
            help_text=_("Where to find it again: a record number, a letter's date."),
            widget=forms.TextInput(attrs={"maxlength": 500}),
        )
        self.fields["retrieved_at"] = forms.DateTimeField(
            label=_("Retrieved at"),
            input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        )
        self.fields["statement"] = forms.CharField(
            label=_("Statement (optional)"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2, "maxlength": 4000}),
        )
        self.fields["evidence"] = forms.FileField(
            label=_("Evidence file (optional)"),
            required=False,
            help_text=_("PDF, PNG, JPEG, text or JSON, at most 10 MB; stored encrypted."),
        )

    def clean_evidence(self) -> UploadedFile[bytes] | None:
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("evidence")
        if upload is not None and (upload.size or 0) > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload

    def source_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("kind", "authority", "origin", "reference")]

    def source(self) -> SourceIn:
        data = self.cleaned_data
        return SourceIn(
            kind=data["kind"],
            authority=domain.AuthorityLevel(data["authority"]),
            origin=data["origin"],
            reference=data["reference"],
            retrieved_at=data["retrieved_at"],
            statement=data["statement"] or None,
        )

    def evidence_in(self) -> EvidenceIn | None:
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("evidence")
        if upload is None:
            return None
        content = upload.read()
        return EvidenceIn(
            content=content, media_type=evidence_media_type(upload.name or "", content)
        )

    def field_for(self, problem_field: str) -> str | None:
        """The form field a service problem names (`source.kind` → `kind`), if any."""
        name = problem_field.removeprefix("source.")
        return name if name in self.fields else None

    def authority_limits(self) -> list[tuple[str, str]]:
        """Each permitted kind with the strongest authority it may claim, as a hint."""
        return [
            (source_kind_label(kind), str(AUTHORITY_LABELS[domain.MAX_AUTHORITY[kind]]))
            for kind in scope.CATALOGUE.item(self.item).source_kinds
        ]


class FindingForm(SourceForm):
    """Manual entry: the item's schema fields, its category, and the first source."""

    def __init__(self, *args: Any, item: str, **kwargs: Any) -> None:
        super().__init__(*args, item=item, **kwargs)
        schema = domain.SCHEMAS[item]
        categories = scope.CATALOGUE.item(item).finding_categories
        empty = _("derived from the role and the outcome") if item == "civil_litigation" else "—"
        self.fields["category"] = forms.ChoiceField(
            label=_("Category"),
            required=False,
            choices=[("", empty), *((code, category_label(code)) for code in categories)],
        )
        self.detail_names = schema.names()
        for spec in schema.fields:
            self.fields[f"detail_{spec.name}"] = _detail_field(spec)
        order = ["category", *(f"detail_{name}" for name in self.detail_names)]
        self.order_fields(order)

    def detail_fields(self) -> list[forms.BoundField]:
        return [self[f"detail_{name}"] for name in self.detail_names]

    def details(self) -> dict[str, str]:
        """Only what was filled in: an omitted optional detail is absent, not empty."""
        filled = {name: self.cleaned_data.get(f"detail_{name}") or "" for name in self.detail_names}
        return {name: value for name, value in filled.items() if value.strip()}

    def field_for(self, problem_field: str) -> str | None:
        if problem_field in self.detail_names:
            return f"detail_{problem_field}"
        return super().field_for(problem_field)


def _detail_field(spec: domain.FieldSpec) -> forms.Field:
    """One schema field as a form field; required-ness is the service's to check."""
    label = in_language(spec.label)
    if not spec.required:
        optional = _("(optional)")
        label = f"{label} {optional}"
    if spec.kind is domain.FieldKind.CHOICE:
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=[("", "—"), *((value, in_language(text)) for value, text in spec.choices)],
        )
    if spec.kind is domain.FieldKind.DATE:
        return forms.CharField(
            label=label, required=False, widget=forms.DateInput(attrs={"type": "date"})
        )
    if spec.max_length > 200:
        widget: forms.Widget = forms.Textarea(attrs={"rows": 3, "maxlength": spec.max_length})
    else:
        widget = forms.TextInput(attrs={"maxlength": spec.max_length})
    return forms.CharField(label=label, required=False, widget=widget)


class RetractForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why retract it"),
        choices=[(reason.value, RETRACTION_LABELS[reason]) for reason in RetractionReason],
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
    )


class InterviewForm(forms.Form):
    """A structured reference interview: the fixed questions, each answer, the concerns."""

    def __init__(self, *args: Any, referees: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["third_party"] = forms.ChoiceField(
            label=_("Referee"), choices=[("", "—"), *referees]
        )
        self.fields["interviewed_on"] = forms.DateField(
            label=_("Interviewed on"), widget=forms.DateInput(attrs={"type": "date"})
        )
        for code, question in domain.REFERENCE_QUESTIONS.items():
            self.fields[f"answer_{code}"] = forms.CharField(
                label=in_language(question.text),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
            )
            self.fields[f"concern_{code}"] = forms.BooleanField(
                label=_("This answer raises a concern (recorded as an unverified finding)"),
                required=False,
            )
        self.fields["opinion"] = forms.CharField(
            label=_("Opinions the referee volunteered"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
        )

    def questions(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"answer_{code}"], self[f"concern_{code}"]) for code in self.asked_codes()]

    @staticmethod
    def asked_codes() -> list[str]:
        return list(domain.REFERENCE_QUESTIONS)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for code in self.asked_codes():
            if data.get(f"concern_{code}") and not (data.get(f"answer_{code}") or "").strip():
                self.add_error(
                    f"answer_{code}", _("Write down the answer before marking it as a concern.")
                )
        return data

    def answered(self) -> list[tuple[str, InterviewAnswer]]:
        """(question code, answer) for each question the referee answered, in order."""
        return [
            (
                code,
                InterviewAnswer(
                    question=code,
                    answer=self.cleaned_data[f"answer_{code}"],
                    concern=bool(self.cleaned_data[f"concern_{code}"]),
                ),
            )
            for code in self.asked_codes()
            if (self.cleaned_data.get(f"answer_{code}") or "").strip()
        ]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Results file (.csv or .json)"),
        help_text=_("UTF-8, at most 5 MB and 5,000 rows."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check the file and record nothing"), required=False
    )

    def file_format(self) -> str:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        return Path(upload.name or "").suffix.lower().removeprefix(".")

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if Path(upload.name or "").suffix.lower() not in {".csv", ".json"}:
            raise forms.ValidationError(_("Upload a .csv or a .json file."))
        return upload


class ReportPurposeForm(forms.Form):
    """Why the reader opens the report: recorded with the read (PIPL Art. 6)."""

    purpose = forms.ChoiceField(
        label=_("Why are you opening this report?"),
        choices=list(PURPOSE_LABELS.items()),
        widget=forms.RadioSelect,
    )
