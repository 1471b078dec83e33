"""A coordinator changes a Huis's profile through its service, as the profile page does: the tests
of the caches use it to change what a page shows."""

from huizen.services import bewaar_onderdeel


def wijzig_profiel(huis, coordinator, **gegevens) -> None:
    """Save `gegevens` (fields of the Huis) as `coordinator` in the profile's general part."""
    bewaar_onderdeel(
        gebruiker=coordinator,
        huis=huis,
        obj=huis,
        gegevens=gegevens,
        onderdeel="Algemeen",
        verwachte_versie=huis.versie,
    )
