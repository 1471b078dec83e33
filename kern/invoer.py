"""Input hygiene: text typed or imported by people outside the portal holds no invisible controls.

Refused everywhere: the C0 control characters (U+0000-U+001F) except, in multi-line text, the
line feed, the tab and a carriage return right before a line feed (browsers send a textarea's line
breaks as CR LF); DEL (U+007F); the C1 controls (U+0080-U+009F); and the characters that override
the writing direction (U+202A-U+202E, U+2066-U+2069), which make a name read differently from what
is stored. Such characters break spreadsheets, terminals and logs and can disguise a value; nobody
needs them in a name, an address or a note.

- `VeiligeTekstForm` (or the mixin `VeiligeTekst` for another form base): every text field of the
  form refuses them, with a Dutch message next to the field; a field with a Textarea is multi-line.
- `controleer_tekst` / the validators `EENREGELIG` and `MEERREGELIG`: for a single field.
- `onveilige_cellen`: for imported tables, each offending cell with its place and a message.
- `zichtbaar`: a value with every refused character written as <U+XXXX>, to show it safely.

An import checks the whole file before it writes anything and reports every `Probleem` with its
spreadsheet row and column (`kolomletter`); templates/kern/_importproblemen.html lists them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.deconstruct import deconstructible

RICHTING = "\u202a-\u202e\u2066-\u2069"
_EENREGELIG = re.compile(f"[\x00-\x1f\x7f-\x9f{RICHTING}]")
_MEERREGELIG = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{RICHTING}]|\r(?!\n)")


def _soort(teken: str) -> str:
    if teken in "\r\n":
        return "een regeleinde"
    if teken == "\t":
        return "een tab"
    if "\u202a" <= teken <= "\u202e" or "\u2066" <= teken <= "\u2069":
        return "een teken dat de schrijfrichting omkeert"
    return "een onzichtbaar stuurteken"


def eerste_onveilige(tekst: str, *, meerregelig: bool = False) -> re.Match | None:
    """The first refused character of the text, or None when it is clean."""
    return (_MEERREGELIG if meerregelig else _EENREGELIG).search(tekst)


def melding(tekst: str, *, meerregelig: bool = False) -> str:
    """The Dutch message about the first refused character ("" when the text is clean)."""
    gevonden = eerste_onveilige(tekst, meerregelig=meerregelig)
    if gevonden is None:
        return ""
    teken = gevonden.group()[0]
    return (
        f"Deze tekst bevat {_soort(teken)} (U+{ord(teken):04X}, teken {gevonden.start() + 1}) dat hier "
        "niet toegelaten is. Typ de tekst opnieuw zonder dat teken."
    )


def controleer_tekst(tekst: str, *, meerregelig: bool = False) -> None:
    """ValidationError (code "stuurteken") when the text holds a refused character."""
    fout = melding(tekst, meerregelig=meerregelig)
    if fout:
        raise ValidationError(fout, code="stuurteken")


@deconstructible
class VeiligeTekstValidator:
    """A field validator: refuses control characters and direction overrides (see the module)."""

    def __init__(self, meerregelig: bool = False):
        self.meerregelig = meerregelig

    def __call__(self, waarde) -> None:
        if isinstance(waarde, str):
            controleer_tekst(waarde, meerregelig=self.meerregelig)

    def __eq__(self, ander) -> bool:
        return isinstance(ander, VeiligeTekstValidator) and ander.meerregelig == self.meerregelig

    def __hash__(self) -> int:
        return hash((type(self), self.meerregelig))


EENREGELIG = VeiligeTekstValidator()
MEERREGELIG = VeiligeTekstValidator(meerregelig=True)


def beveilig_veld(veld: forms.Field) -> None:
    """Give a text field the validator (multi-line for a Textarea); other fields stay as they are.

    Django's own NUL check is dropped from the field: the validator covers NUL with a clearer
    message, and one error per field is enough.
    """
    if not isinstance(veld, forms.CharField):
        return
    validator = MEERREGELIG if isinstance(veld.widget, forms.Textarea) else EENREGELIG
    vervangen = ProhibitNullCharactersValidator | VeiligeTekstValidator
    veld.validators = [v for v in veld.validators if not isinstance(v, vervangen)] + [validator]


class VeiligeTekst:
    """Form mixin: every text field of the form, also one added in __init__, refuses control
    characters and direction overrides. Put it before the form base: `class F(VeiligeTekst, Form)`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            beveilig_veld(veld)


class VeiligeTekstForm(VeiligeTekst, forms.Form):
    """A plain form whose text fields refuse control characters and direction overrides."""


def zichtbaar(waarde, *, meerregelig: bool = True) -> str:
    """The value as text with every refused character written as <U+XXXX>."""
    tekst = "" if waarde is None else str(waarde)
    patroon = _MEERREGELIG if meerregelig else _EENREGELIG
    return patroon.sub(lambda m: "".join(f"<U+{ord(t):04X}>" for t in m.group()), tekst)


def onveilige_cellen(rijen: Iterable[Sequence]) -> Iterator[tuple[int, int, str, str]]:
    """For an imported table: (row number from 1, column index from 0, the value made visible, the
    message) of every text cell with a refused character. Line breaks and tabs are allowed in a
    cell (a long answer may have paragraphs)."""
    for rijnummer, rij in enumerate(rijen, start=1):
        for kolom, waarde in enumerate(rij):
            if isinstance(waarde, str) and eerste_onveilige(waarde, meerregelig=True):
                yield rijnummer, kolom, zichtbaar(waarde), melding(waarde, meerregelig=True)


@dataclass(frozen=True)
class Probleem:
    """One problem of an imported file: the spreadsheet row (None: the file as a whole), the
    column (its letter, and its key where the file names it), the value found and what is wrong,
    in Dutch."""

    rij: int | None
    kolom: str
    waarde: str
    melding: str


def kolomletter(index: int) -> str:
    """The spreadsheet letter of a column (0 -> A)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
