from django import forms
from django.utils.translation import gettext_lazy as _

from huizen.models import Provincie, VrindCluster


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


class OpgroeienFilterForm(forms.Form):
    provincie = forms.ChoiceField(
        label=_("Provincie"),
        required=False,
        choices=[("", _("Alle provincies")), *Provincie.choices],
    )
    cluster = forms.ChoiceField(label=_("VRIND-cluster"), required=False)
    soort = forms.ChoiceField(
        label=_("Werking"),
        required=False,
        choices=[
            ("", _("Alle Huizen")),
            ("gemeentelijk", _("Gemeentelijk")),
            ("intergemeentelijk", _("Intergemeentelijk")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].choices = [("", _("Alle clusters"))] + [
            (str(c.nummer), str(c)) for c in VrindCluster.objects.all()
        ]
