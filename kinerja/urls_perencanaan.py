"""URLs of the planning screens (Renstra, indikator, program, PK, rencana aksi)."""

urlpatterns: list = []
