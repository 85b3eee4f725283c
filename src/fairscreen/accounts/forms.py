"""Forms for the staff console; validation messages appear next to their field."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.roles import Role


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {  # noqa: RUF012 - Django's own attribute shape
        "invalid_login": _("The email or password is not correct."),
        "inactive": _("This account is inactive."),
    }


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )
    expires_in_days = forms.IntegerField(
        label=_("Expires after (days)"), min_value=1, max_value=3660, required=False
    )
