"""URLs of the audit trail screens."""

urlpatterns: list = []
