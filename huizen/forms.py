from django import forms
from django.utils.translation import gettext_lazy as _

from huizen.models import Provincie


class ZoekForm(forms.Form):
    q = forms.CharField(
        label=_("Postcode of gemeente"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "search"}),
        help_text=_("Bijvoorbeeld 9000 of Gent."),
    )
    provincie = forms.ChoiceField(
        label=_("Provincie"),
        required=False,
        choices=[("", _("Alle provincies")), *Provincie.choices],
    )
