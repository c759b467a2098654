"""URLs of the admin pemda screens (rules, perangkat daerah, users) under /pemda/<kode>/."""

urlpatterns: list = []
