"""Budget writes, one module per subject.

- ``pagu``: the pagu amounts of one DPA version;
- ``realisasi``: the realisasi anggaran of sub kegiatan within one triwulan;
- ``dpa``: the DPA murni of a new year;
- ``sasaran``: the pagu and realisasi a report states per sasaran;
- ``common``: the messages and amount spellings the writes share.

Every write takes the locks of kinerja.services.kunci, refuses a save when the
stored amount changed since the form was loaded (optimistic locking, with who
and when from the audit trail) and records each changed amount old → new
with kinerja.audit.catat_perubahan. The reads are in ``anggaran.selectors``.
"""
