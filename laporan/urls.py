"""URLs of the LKjIP of a year under /pd/<kode>/<tahun>/lkjip/ (editor, preview, readiness, sign-off)."""

urlpatterns: list = []
