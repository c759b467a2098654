"""The public verification of signed LKjIP snapshots under /verifikasi/ (no login)."""

urlpatterns: list = []
