"""Signals of kinerja for the layers above it (which kinerja may not import)."""

from django.dispatch import Signal

# Sent after a change of a perangkat daerah's data of one year has been recorded in
# the audit trail (``kinerja.audit``), once per (perangkat daerah, year) of a save:
# keywords ``perangkat_daerah_id`` and ``tahun``. laporan prints the draft again.
data_tahun_berubah = Signal()
