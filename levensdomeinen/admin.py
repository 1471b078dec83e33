from django.contrib import admin

from kern.versies import verhoog
from levensdomeinen.models import Doelgroep, Levensdomein, Pijler, Subthema, Werkingsprincipe


class SubthemaInline(admin.TabularInline):
    model = Subthema
    extra = 1


class ReferentielijstAdmin(admin.ModelAdmin):
    """A reference list the figures over all Huizen show (names and order): an edit raises the
    "referentie" data version, so no cached figure keeps an old name."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        verhoog("referentie")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        verhoog("referentie")

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        verhoog("referentie")

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        verhoog("referentie")


@admin.register(Levensdomein)
class LevensdomeinAdmin(ReferentielijstAdmin):
    list_display = ["naam", "code", "volgorde"]
    list_editable = ["volgorde"]
    inlines = [SubthemaInline]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj else []


@admin.register(Pijler, Werkingsprincipe, Doelgroep)
class ReferentieAdmin(ReferentielijstAdmin):
    list_display = ["naam", "code", "volgorde"]
    list_editable = ["volgorde"]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj else []
