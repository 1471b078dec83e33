"""Generic views of the portal.

`FormServiceView` is the one shape of a form that writes: validate the form, run the service,
put the service's `ValidationError` next to the fields, show a message and redirect; on any error
show the form again with everything the user typed and a summary of the problems.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.views.generic.edit import FormView

from kern.forms import foutoverzicht, voeg_fouten_toe


class FormServiceView(FormView):
    """A form whose valid input is handed to a service.

    Subclasses define `voer_uit(form)` (call the service, return what it made or None),
    `melding(resultaat)` (the message, may be empty; `meldingsniveau(resultaat)` says how it is
    shown, a success by default) and `get_success_url()` (which may use `self.resultaat`).
    `get_form_kwargs()` passes the form what it needs, as with FormView.
    """

    resultaat = None

    def voer_uit(self, form):
        raise NotImplementedError

    def melding(self, resultaat) -> str:
        return ""

    def meldingsniveau(self, resultaat) -> int:
        return messages.SUCCESS

    def form_valid(self, form):
        try:
            self.resultaat = self.voer_uit(form)
        except ValidationError as fout:
            voeg_fouten_toe(form, fout)
            return self.form_invalid(form)
        tekst = self.melding(self.resultaat)
        if tekst:
            messages.add_message(self.request, self.meldingsniveau(self.resultaat), tekst)
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form, foutoverzicht=foutoverzicht(form)))
