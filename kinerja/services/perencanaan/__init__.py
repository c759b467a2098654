"""Writes of the planning screens, one module per subject (nothing is re-exported):
``indikator``, ``pk`` (Perjanjian Kinerja), ``rencana_aksi``, ``periode`` (the Renstra
period of a year) and ``common`` (canonical texts and optimistic locking)."""
