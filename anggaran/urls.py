"""URLs of the budget screens under /pd/<kode>/<tahun>/anggaran/."""

urlpatterns: list = []
