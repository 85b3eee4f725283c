"""The candidate's forms on the access, report and notices pages.

They carry input and turn it into the services' types; the services decide what is
acceptable and report problems by field. A form refuses here only what it must read to
call a service at all: the code's six digits, an evidence file's size and type (read from
its first bytes, not from what the browser claims).
"""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from fairscreen.portal.services._access_codes import CODE, normalise_code
from fairscreen.screenings.forms_findings import evidence_media_type
from fairscreen.screenings.services import MAX_EVIDENCE_BYTES, EvidenceIn

DISPUTE_EVIDENCE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})
MAX_STATEMENT = 8000


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("The 6-digit code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9０-９ ]*",
                "maxlength": 20,
            }
        ),
        error_messages={"required": _("Enter the 6-digit code we sent you.")},
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data.get("code", ""))
        if not CODE.fullmatch(code):
            raise forms.ValidationError(_("Enter the 6 digits of the code, nothing else."))
        return code


class DisputeForm(forms.Form):
    """An objection to one finding: what is wrong, and optionally a document that shows it."""

    finding_id = forms.UUIDField(widget=forms.HiddenInput)
    statement = forms.CharField(
        label=_("What is wrong with this finding?"),
        max_length=MAX_STATEMENT,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_STATEMENT}),
        error_messages={"required": _("Write what is wrong, in your own words.")},
    )
    evidence = forms.FileField(
        label=_("A document that shows it (optional)"),
        required=False,
        help_text=_("PDF, PNG or JPEG, at most 10 MB. It is stored encrypted."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )

    def clean_evidence(self) -> EvidenceIn | None:
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("evidence")
        if upload is None:
            return None
        if (upload.size or 0) > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        content = upload.read()
        media_type = evidence_media_type(upload.name or "", content)
        if media_type not in DISPUTE_EVIDENCE_TYPES:
            raise forms.ValidationError(_("Upload a PDF, PNG or JPEG file."))
        return EvidenceIn(content=content, media_type=media_type)


class ResponseForm(forms.Form):
    """The candidate's answer to a preliminary notice, before anything is final."""

    statement = forms.CharField(
        label=_("Your response"),
        max_length=MAX_STATEMENT,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_STATEMENT}),
        error_messages={"required": _("Write your response before sending it.")},
    )
