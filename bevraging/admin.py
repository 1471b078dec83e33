"""The functional administrator's view of the survey.

Waves are edited here and opened or closed with the actions (through the services, so the
questionnaire is frozen when a wave opens). A questionnaire is editable while its wave is in
preparation and read-only once frozen. Assignments are edited here; responses, answers, status
changes and comments are read-only (they change only through the interview workflow).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from bevraging import services
from bevraging.models import (
    Antwoord,
    Antwoordoptie,
    Commentaar,
    Golf,
    Golfhuis,
    Golfstatus,
    Respons,
    Statuswijziging,
    Thema,
    Toewijzing,
    Vraag,
    Vraagkoppeling,
    Vragenlijst,
)
from kern.beheer import VersieAdminMixin


class AlleenLezen:
    """Admin for rows that only the workflow writes: view, never add, change or delete."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BevrorenAlleenLezen:
    """Editable while the questionnaire version is not frozen."""

    def _vragenlijst_van(self, obj):
        raise NotImplementedError

    def _bevroren(self, obj) -> bool:
        if obj is None:
            return False
        vragenlijst = self._vragenlijst_van(obj)
        return vragenlijst is not None and vragenlijst.is_bevroren

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._bevroren(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._bevroren(obj)


class Gewijzigd(VersieAdminMixin):
    """An edit in the admin (waves, questionnaires, mappings, assignments) raises the data versions
    of the survey and of every wave, so no cached analysis shows what was before."""

    def versiescopes(self, obj):
        return services.versiescopes(*Golf.objects.values_list("pk", flat=True))


# --- Waves and questionnaires -------------------------------------------------------------------


@admin.register(Golf)
class GolfAdmin(Gewijzigd, admin.ModelAdmin):
    list_display = ["naam", "jaar", "modus", "status", "populatie_aantal", "start", "eind"]
    list_filter = ["status", "modus"]
    readonly_fields = ["status", "geopend_op", "afgesloten_op"]
    actions = ["open_golven", "sluit_golven"]

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or obj.status == Golfstatus.IN_VOORBEREIDING
        )

    def _actie(self, request, queryset, service, gelukt):
        for golf in queryset:
            try:
                service(golf=golf, door=request.user)
            except (ValidationError, PermissionDenied) as fout:
                melding = "; ".join(fout.messages) if isinstance(fout, ValidationError) else str(fout)
                self.message_user(request, f"{golf}: {melding}", messages.ERROR)
            else:
                self.message_user(request, f"{golf}: {gelukt}", messages.SUCCESS)

    @admin.action(description=_("Open de geselecteerde golf (bevriest de vragenlijst)"))
    def open_golven(self, request, queryset):
        self._actie(request, queryset, services.open_golf, "geopend; de vragenlijst is bevroren.")

    @admin.action(description=_("Sluit de geselecteerde golf af"))
    def sluit_golven(self, request, queryset):
        self._actie(request, queryset, services.sluit_golf, "afgesloten.")


class ThemaInline(BevrorenAlleenLezen, admin.TabularInline):
    model = Thema
    extra = 0
    fields = ["volgorde", "sleutel", "titel", "intro"]
    show_change_link = True

    def _vragenlijst_van(self, obj):
        return obj  # the parent Vragenlijst

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._bevroren(obj)


@admin.register(Vragenlijst)
class VragenlijstAdmin(BevrorenAlleenLezen, Gewijzigd, admin.ModelAdmin):
    list_display = ["naam", "golf", "bevroren_op"]
    readonly_fields = ["bevroren_op"]
    inlines = [ThemaInline]

    def _vragenlijst_van(self, obj):
        return obj

    def get_readonly_fields(self, request, obj=None):
        return ["golf", "bevroren_op"] if obj else ["bevroren_op"]


@admin.register(Thema)
class ThemaAdmin(BevrorenAlleenLezen, Gewijzigd, admin.ModelAdmin):
    list_display = ["titel", "sleutel", "volgorde", "vragenlijst"]
    list_filter = ["vragenlijst"]
    list_select_related = ["vragenlijst"]

    def _vragenlijst_van(self, obj):
        return obj.vragenlijst

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "vragenlijst":
            kwargs["queryset"] = Vragenlijst.objects.filter(bevroren_op__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AntwoordoptieInline(BevrorenAlleenLezen, admin.TabularInline):
    model = Antwoordoptie
    extra = 0
    fields = ["volgorde", "code", "label", "is_andere"]

    def _vragenlijst_van(self, obj):
        return obj.vragenlijst  # obj is the parent Vraag

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._bevroren(obj)


@admin.register(Vraag)
class VraagAdmin(BevrorenAlleenLezen, Gewijzigd, admin.ModelAdmin):
    list_display = ["sleutel", "thema", "type", "verplicht", "groep", "afhankelijk_van", "vragenlijst"]
    list_filter = ["vragenlijst", "type", "verplicht"]
    search_fields = ["sleutel", "tekst"]
    list_select_related = ["thema", "vragenlijst", "afhankelijk_van"]
    raw_id_fields = ["afhankelijk_van"]
    readonly_fields = ["vragenlijst"]
    inlines = [AntwoordoptieInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "vragenlijst",
                    "thema",
                    "sleutel",
                    "volgorde",
                    "tekst",
                    "toelichting",
                    "type",
                    "verplicht",
                ]
            },
        ),
        (_("Open veld"), {"fields": ["open_veld", "open_veld_label"]}),
        (
            _("Keuzes en getallen"),
            {"fields": ["max_keuzes", "min_waarde", "max_waarde", "decimalen", "eenheid"]},
        ),
        (_("Groep (één vraag per item)"), {"fields": ["groep", "groep_tekst", "item"]}),
        (_("Overslaan"), {"fields": ["afhankelijk_van", "toon_als"]}),
    ]

    def _vragenlijst_van(self, obj):
        return obj.vragenlijst

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "thema":
            kwargs["queryset"] = Thema.objects.filter(vragenlijst__bevroren_op__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Vraagkoppeling)
class VraagkoppelingAdmin(Gewijzigd, admin.ModelAdmin):
    list_display = ["van_vraag", "naar_vraag", "soort"]
    list_filter = ["soort", "naar_vraag__vragenlijst"]
    search_fields = ["van_vraag__sleutel", "naar_vraag__sleutel", "notitie"]
    raw_id_fields = ["van_vraag", "naar_vraag"]
    list_select_related = ["van_vraag", "naar_vraag"]


# --- Assignments ---------------------------------------------------------------------------------


@admin.register(Toewijzing)
class ToewijzingAdmin(Gewijzigd, admin.ModelAdmin):
    list_display = ["huis", "golf", "interviewer", "toegewezen_door", "toegewezen_op"]
    list_filter = ["golf"]
    search_fields = ["huis__naam", "interviewer__email", "interviewer__naam"]
    raw_id_fields = ["huis"]
    readonly_fields = ["toegewezen_door", "toegewezen_op"]
    list_select_related = ["huis", "golf", "interviewer", "toegewezen_door"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "golf":
            kwargs["queryset"] = Golf.objects.exclude(status=Golfstatus.AFGESLOTEN)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.toegewezen_door = request.user
        super().save_model(request, obj, form, change)


# --- Responses (read-only) -----------------------------------------------------------------------


class AntwoordInline(AlleenLezen, admin.TabularInline):
    model = Antwoord
    extra = 0
    fields = ["vraag", "waarde", "toelichting", "andere_tekst", "gewijzigd"]
    readonly_fields = fields
    ordering = ["vraag__thema__volgorde", "vraag__volgorde"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("vraag")


class StatuswijzigingInline(AlleenLezen, admin.TabularInline):
    model = Statuswijziging
    extra = 0
    fields = ["tijdstip", "van", "naar", "door", "reden"]
    readonly_fields = fields


class CommentaarInline(AlleenLezen, admin.TabularInline):
    model = Commentaar
    extra = 0
    fields = ["aangemaakt", "auteur", "thema", "vraag", "tekst"]
    readonly_fields = fields


@admin.register(Respons)
class ResponsAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["huis", "golf", "status", "interviewer", "ingediend", "gevalideerd", "versie"]
    list_filter = ["golf", "status"]
    search_fields = ["huis__naam"]
    list_select_related = ["huis", "golf", "interviewer"]
    inlines = [StatuswijzigingInline, AntwoordInline, CommentaarInline]


@admin.register(Commentaar)
class CommentaarAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["respons", "thema", "vraag", "auteur", "aangemaakt"]
    list_filter = ["respons__golf"]
    search_fields = ["respons__huis__naam", "tekst"]
    list_select_related = ["respons__huis", "respons__golf", "thema", "vraag", "auteur"]


@admin.register(Antwoord)
class AntwoordAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["respons", "vraag", "waarde", "gewijzigd"]
    list_filter = ["respons__golf", "vraag__thema__titel"]
    search_fields = ["respons__huis__naam", "vraag__sleutel", "toelichting", "andere_tekst"]
    list_select_related = ["respons__huis", "respons__golf", "vraag"]


@admin.register(Golfhuis)
class GolfhuisAdmin(AlleenLezen, admin.ModelAdmin):
    """The Huizen as a wave kept them (written when it closes, by an import or the command
    leg_golfkenmerken_vast)."""

    list_display = ["huis", "golf", "peildatum", "werking", "fysieke_locatie", "clusters", "bron"]
    list_filter = ["golf", "werking", "fysieke_locatie", "bron"]
    search_fields = ["huis__naam"]
    list_select_related = ["huis", "golf"]
