from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from huizen.models import Lidmaatschap
from kern.mail import maskeer_adres
from kern.models import UitgaandeMail, User
from kern.services import nodig_uit


class UitnodigingForm(forms.ModelForm):
    """A new account gets no password from the administrator: the user chooses one."""

    class Meta:
        model = User
        fields = ["email", "naam"]

    def save(self, commit=True):
        gebruiker = super().save(commit=False)
        gebruiker.set_unusable_password()
        if commit:
            gebruiker.save()
        return gebruiker


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["huis"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "naam", "is_opgroeien", "is_staff", "is_active", "last_login"]
    list_filter = ["is_opgroeien", "is_staff", "is_active"]
    search_fields = ["email", "naam"]
    inlines = [LidmaatschapInline]
    add_form = UitnodigingForm
    fieldsets = [
        (None, {"fields": ["email", "naam", "password"]}),
        (
            _("Rollen"),
            {"fields": ["is_opgroeien", "is_active", "is_staff", "is_superuser", "groups"]},
        ),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "naam"]})]
    readonly_fields = ["last_login", "date_joined"]
    actions = ["verstuur_uitnodiging"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            nodig_uit(gebruiker=obj)
            messages.info(request, _("Er is een uitnodiging gemaild naar %(email)s.") % {"email": obj.email})

    @admin.action(description=_("Uitnodiging (opnieuw) versturen"))
    def verstuur_uitnodiging(self, request, queryset):
        for gebruiker in queryset.filter(is_active=True):
            nodig_uit(gebruiker=gebruiker)
        self.message_user(request, _("Uitnodigingen verstuurd."), messages.SUCCESS)


@admin.register(UitgaandeMail)
class UitgaandeMailAdmin(admin.ModelAdmin):
    """The outbox, to see whether mail goes out: subject, masked recipient, status and times.

    Read-only and only as a list: no mail can be opened (its text may hold a family's private link
    or a password link until it is sent), changed, added or deleted here."""

    list_display = ["onderwerp", "ontvanger", "status", "pogingen", "laatste_fout", "aangemaakt", "verzonden"]
    list_display_links = None
    list_filter = ["status"]
    search_fields = ["onderwerp"]

    @admin.display(description=_("aan"))
    def ontvanger(self, mail):
        return maskeer_adres(mail.aan)

    @admin.display(description=_("laatste fout"))
    def laatste_fout(self, mail):
        """A refused recipient is named in the error; masked like the column."""
        return mail.fout.replace(mail.aan, maskeer_adres(mail.aan)) if mail.aan else mail.fout

    def get_actions(self, request):
        return {}

    def has_view_permission(self, request, obj=None):
        return obj is None and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
