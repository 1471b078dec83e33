"""The functional admin of the reference lists; every save or delete raises "referentie"
(kern.beheer.VersieAdminMixin)."""

from django.contrib import admin

from huizen.services import REFERENTIE
from kern.beheer import VersieAdminMixin
from levensdomeinen.models import Doelgroep, Levensdomein, Pijler, Subthema, Werkingsprincipe


class SubthemaInline(admin.TabularInline):
    model = Subthema
    extra = 1


@admin.register(Levensdomein)
class LevensdomeinAdmin(VersieAdminMixin, admin.ModelAdmin):
    versie_scopes = (REFERENTIE,)
    list_display = ["naam", "code", "volgorde"]
    list_editable = ["volgorde"]
    inlines = [SubthemaInline]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj else []


@admin.register(Pijler, Werkingsprincipe, Doelgroep)
class ReferentieAdmin(VersieAdminMixin, admin.ModelAdmin):
    versie_scopes = (REFERENTIE,)
    list_display = ["naam", "code", "volgorde"]
    list_editable = ["volgorde"]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj else []
