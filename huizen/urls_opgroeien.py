"""URLs for Opgroeien staff: the overview of all Huizen, and what only they may change."""

urlpatterns: list = []
