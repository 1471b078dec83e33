from django.contrib import admin

from levensdomeinen.models import Doelgroep, Levensdomein, Pijler, Subthema, Werkingsprincipe


class SubthemaInline(admin.TabularInline):
    model = Subthema
    extra = 1


@admin.register(Levensdomein)
class LevensdomeinAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "volgorde"]
    list_editable = ["volgorde"]
    inlines = [SubthemaInline]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj else []


@admin.register(Pijler, Werkingsprincipe, Doelgroep)
class ReferentieAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "volgorde"]
    list_editable = ["volgorde"]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj else []
