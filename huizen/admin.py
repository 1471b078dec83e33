"""The functional admin of the huizen app. Every save or delete here raises the data versions
(kern.beheer.VersieAdminMixin): a Huis and its inlines raise "huizen" and "huis:<pk>", the
reference data "referentie"."""

from django.contrib import admin

from huizen.models import (
    Deelgemeente,
    Gemeente,
    Huis,
    Lidmaatschap,
    Postcode,
    Subsidie,
    VrindCluster,
    Werkingsgebied,
)
from huizen.services import REFERENTIE, huis_scopes
from kern.beheer import VersieAdminMixin


class ReferentieAdmin(VersieAdminMixin, admin.ModelAdmin):
    versie_scopes = (REFERENTIE,)


@admin.register(VrindCluster)
class VrindClusterAdmin(ReferentieAdmin):
    list_display = ["nummer", "naam"]


@admin.register(Gemeente)
class GemeenteAdmin(ReferentieAdmin):
    list_display = [
        "naam",
        "nis",
        "provincie",
        "geldig_van",
        "geldig_tot",
        "opvolger",
        "cluster",
        "cluster_bron",
    ]
    list_editable = ["cluster"]
    list_filter = ["gewest", "provincie", "cluster"]
    search_fields = ["naam", "nis"]
    readonly_fields = ["nis", "naam", "provincie", "gewest", "geldig_van", "geldig_tot", "opvolger"]
    list_select_related = ["opvolger", "cluster"]

    def has_add_permission(self, request):
        return False  # gemeenten come from the reference data; only their cluster is edited here

    def save_model(self, request, obj, form, change):
        if "cluster" in form.changed_data:
            obj.cluster_bron = f"aangepast door {request.user.email}"
        super().save_model(request, obj, form, change)


@admin.register(Deelgemeente)
class DeelgemeenteAdmin(ReferentieAdmin):
    list_display = ["naam", "code", "gemeente"]
    search_fields = ["naam", "code"]
    list_select_related = ["gemeente"]


@admin.register(Postcode)
class PostcodeAdmin(ReferentieAdmin):
    list_display = ["postcode", "plaats", "gemeente"]
    search_fields = ["postcode", "plaats"]
    list_select_related = ["gemeente"]


class WerkingsgebiedInline(admin.TabularInline):
    model = Werkingsgebied
    extra = 0
    autocomplete_fields = ["gemeente"]


class SubsidieInline(admin.TabularInline):
    model = Subsidie
    extra = 0


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["gebruiker"]


@admin.register(Huis)
class HuisAdmin(VersieAdminMixin, admin.ModelAdmin):
    list_display = ["naam", "rechtsvorm", "erkend_sinds"]
    list_filter = ["rechtsvorm"]
    search_fields = ["naam", "slug"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [WerkingsgebiedInline, SubsidieInline, LidmaatschapInline]

    def versiescopes(self, obj):
        return huis_scopes(obj.pk)
