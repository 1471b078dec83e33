"""Generic views of the portal.

`FormServiceView` is the one shape of a form that writes: validate the form, run the service,
put the service's `ValidationError` next to the fields, show a message and redirect; on any error
show the form again with everything the user typed and a summary of the problems.

`KruimelpadMixin` gives a page its breadcrumbs (templates/_kruimelpad.html).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.views.generic.edit import FormView

from kern.forms import foutoverzicht, voeg_fouten_toe


class KruimelpadMixin:
    """Puts `kruimelpad()` in the context as `kruimelpad`: a list of (title, url) from the start
    page down, the last item being the current page (unless the view passes one itself)."""

    def kruimelpad(self) -> list[tuple[str, str]]:
        return []

    def get_context_data(self, **kwargs):
        if "kruimelpad" not in kwargs:
            kwargs["kruimelpad"] = self.kruimelpad()
        return super().get_context_data(**kwargs)


class FormServiceView(FormView):
    """A form whose valid input is handed to a service.

    Subclasses define `voer_uit(form)` (call the service, return what it made or None),
    `melding(resultaat)` (the success message, may be empty; `niveau(resultaat)` its level) and
    `get_success_url()` (which may use `self.resultaat`). `get_form_kwargs()` passes the form what
    it needs, as with FormView; `foutoverzicht(form)` may link a field the page draws itself
    elsewhere. A service that raises something other than a ValidationError the user can answer
    (e.g. a conflict) is caught by the subclass around `super().form_valid(form)`.
    """

    resultaat = None

    def voer_uit(self, form):
        raise NotImplementedError

    def melding(self, resultaat) -> str:
        return ""

    def niveau(self, resultaat) -> int:
        return messages.SUCCESS

    def form_valid(self, form):
        try:
            self.resultaat = self.voer_uit(form)
        except ValidationError as fout:
            voeg_fouten_toe(form, fout)
            return self.form_invalid(form)
        tekst = self.melding(self.resultaat)
        if tekst:
            messages.add_message(self.request, self.niveau(self.resultaat), tekst)
        return HttpResponseRedirect(self.get_success_url())

    def foutoverzicht(self, form) -> list[dict]:
        """The summary of the form's problems above it (`kern.forms.foutoverzicht`)."""
        return foutoverzicht(form)

    def form_invalid(self, form):
        return self.render_to_response(
            self.get_context_data(form=form, foutoverzicht=self.foutoverzicht(form))
        )
