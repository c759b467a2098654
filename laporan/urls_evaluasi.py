"""The evaluator's list of every perangkat daerah of a pemda under /evaluasi/<kode pemda>/."""

urlpatterns: list = []
