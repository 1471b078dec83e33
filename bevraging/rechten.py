"""Who may do what in the survey, checked by its services and selectors (the views check the same
with `kern.tenancy`'s mixins first; these guard every other way in, such as the admin or a task)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from kern.tenancy import is_opgroeien

ALLEEN_OPGROEIEN = "Alleen medewerkers van Opgroeien kunnen dit doen."


def eis_opgroeien(gebruiker, melding: str = ALLEEN_OPGROEIEN) -> None:
    """PermissionDenied unless `gebruiker` is an active Opgroeien staff member."""
    if gebruiker is None or not is_opgroeien(gebruiker):
        raise PermissionDenied(melding)


def eis_beheer(gebruiker) -> None:
    """PermissionDenied unless `gebruiker` is active Opgroeien staff or a functional administrator."""
    if not (
        gebruiker
        and gebruiker.is_authenticated
        and gebruiker.is_active
        and (gebruiker.is_opgroeien or gebruiker.is_staff)
    ):
        raise PermissionDenied("Alleen medewerkers van Opgroeien of functioneel beheerders kunnen dit doen.")
