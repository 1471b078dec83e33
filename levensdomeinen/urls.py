"""URLs of the levensdomeinen app: a Huis's life domains, offer and self-assessment (members),
and the analysis over all Huizen (Opgroeien staff)."""

app_name = "levensdomeinen"

urlpatterns: list = []
