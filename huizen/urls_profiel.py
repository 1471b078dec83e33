"""URLs where members of a Huis maintain its profile."""

urlpatterns: list = []
