import pytest

from bevraging.models import Golf
from bevraging.services import laad_geleverde_vragenlijsten, laad_vragenlijst, open_golf
from bevraging.vragenlijsten.bouwstenen import (
    SCHAAL_INSPRAAK,
    alleen_als,
    andere,
    ja_nee,
    meerkeuze,
    open_tekst,
    score,
)
from tests.factories import GolfFactory


@pytest.fixture
def geleverde_golven(db):
    """The shipped 2016 and 2022 waves (seeded by migration 0002; reloaded if a test flushed them)."""
    if Golf.objects.filter(jaar__in=[2016, 2022]).count() != 2:
        laad_geleverde_vragenlijsten()
    return {
        golf.jaar: golf for golf in Golf.objects.filter(jaar__in=[2016, 2022]).select_related("vragenlijst")
    }


def kleine_inhoud() -> list[dict]:
    """A small questionnaire with every kind of rule the workflow checks."""
    return [
        {
            "sleutel": "participatie",
            "titel": "Participatie",
            "intro": "",
            "vragen": [
                score("participatie.inspraak_ouders", "Inspraak van ouders?", schaal=SCHAAL_INSPRAAK),
                ja_nee("participatie.vrijwilligers", "Werken jullie met vrijwilligers?"),
                alleen_als(
                    open_tekst("participatie.rol_vrijwilligers", "Welke rol?", verplicht=True),
                    "participatie.vrijwilligers",
                    "ja",
                ),
            ],
        },
        {
            "sleutel": "kernpartners",
            "titel": "Kernpartners",
            "intro": "",
            "vragen": [
                meerkeuze(
                    "kernpartners.belangrijkste_partners",
                    "Wie zijn de drie belangrijkste partners?",
                    [("a", "A"), ("b", "B"), ("c", "C"), ("d", "D"), andere()],
                    max_keuzes=3,
                ),
                open_tekst("kernpartners.opmerkingen", "Opmerkingen"),
            ],
        },
    ]


@pytest.fixture
def golf_in_voorbereiding(db):
    golf = GolfFactory()
    laad_vragenlijst(golf=golf, inhoud=kleine_inhoud())
    return golf


@pytest.fixture
def open_golf_(golf_in_voorbereiding, opgroeien_medewerker):
    return open_golf(golf=golf_in_voorbereiding, door=opgroeien_medewerker)
