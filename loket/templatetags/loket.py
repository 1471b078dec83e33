"""What the loket adds to pages of other apps, drawn by the loket itself."""

from django import template

from loket.selectors import actieve_opvanglocaties

register = template.Library()


@register.inclusion_tag("loket/gezin/_oproep.html")
def kinderopvang_oproep(huis):
    """On the public page of a Huis: the call to request childcare, when its Lokaal Loket
    Kinderopvang takes requests online (it has active locations)."""
    return {"huis": huis, "kinderopvang_aanvragen": actieve_opvanglocaties(huis).exists()}
