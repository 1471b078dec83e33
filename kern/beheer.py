"""The functional admin (Django admin) and the data versions of kern.versies.

Writing services raise the versions themselves. The admin writes models directly, so a ModelAdmin
of a model whose data is cached mixes in `VersieAdminMixin` and names the scopes an object touches
in `versiescopes(obj)`: every save (also from the change list and through inlines) and every
delete, single or bulk, raises them when the admin's transaction commits.
"""

from __future__ import annotations

from collections.abc import Iterable

from kern.versies import verhoog


class VersieAdminMixin:
    """Raise `versiescopes(obj)` after each admin save and delete (default: `versie_scopes`)."""

    versie_scopes: tuple[str, ...] = ()

    def versiescopes(self, obj) -> Iterable[str]:
        return self.versie_scopes

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        verhoog(*self.versiescopes(obj))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        verhoog(*self.versiescopes(form.instance))  # the inlines' rows belong to the object

    def delete_model(self, request, obj):
        scopes = list(self.versiescopes(obj))  # before the delete takes the pk away
        super().delete_model(request, obj)
        verhoog(*scopes)

    def delete_queryset(self, request, queryset):
        scopes = [scope for obj in queryset for scope in self.versiescopes(obj)]
        super().delete_queryset(request, queryset)
        verhoog(*scopes)
