"""URLs of the quarterly realisasi, evidence and review screens."""

urlpatterns: list = []
