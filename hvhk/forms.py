"""Form helpers shared by the apps."""


class FilterBeschrijving:
    """For a GET filter form: the chosen filters in words, for the heading above the results."""

    def beschrijving(self) -> list[tuple[str, str]]:
        """The chosen filters as (label, value), values shown by their choice label."""
        if not self.is_bound:
            return []
        gekozen = []
        for naam, veld in self.fields.items():
            waarde = self.data.get(naam, "")
            if waarde not in ("", None):
                keuzes = {str(k): v for k, v in getattr(veld, "choices", [])}
                gekozen.append((str(veld.label), str(keuzes.get(str(waarde), waarde))))
        return gekozen
