"""Functional administration of the loket's reference data: organisers, locations, provider users.

Requests hold personal data of families and children: they are not in the admin. The audit log is
shown read-only.
"""

from django.contrib import admin

from loket.models import Aanbiederslidmaatschap, Inzage, Opvanglocatie, Organisator, VrijePlaats


@admin.register(Organisator)
class OrganisatorAdmin(admin.ModelAdmin):
    list_display = ["naam", "ondernemingsnummer", "email"]
    search_fields = ["naam", "ondernemingsnummer"]


class VrijePlaatsInline(admin.TabularInline):
    model = VrijePlaats
    extra = 0
    exclude = ["bijgewerkt_door"]


@admin.register(Opvanglocatie)
class OpvanglocatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "organisator", "gemeente", "soort", "tarief", "huis", "actief"]
    list_filter = ["soort", "tarief", "actief", "inclusieve_opvang"]
    search_fields = ["naam", "organisator__naam", "gemeente__naam", "postcode"]
    autocomplete_fields = ["organisator", "gemeente", "huis"]
    inlines = [VrijePlaatsInline]


@admin.register(Aanbiederslidmaatschap)
class AanbiederslidmaatschapAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "organisator", "locatie"]
    search_fields = ["gebruiker__email", "organisator__naam", "locatie__naam"]
    autocomplete_fields = ["gebruiker", "organisator", "locatie"]


@admin.register(Inzage)
class InzageAdmin(admin.ModelAdmin):
    list_display = ["tijd", "gebruiker", "actie", "opvangvraag_id", "omschrijving"]
    list_filter = ["actie"]
    search_fields = ["gebruiker__email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
