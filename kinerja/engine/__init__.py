"""The pure calculation package: every figure of SAKIP performance reporting.

No module here imports Django, the ORM or an app above ``kinerja``
(``tests/engine/test_murni.py`` checks it); the inputs are plain values and
dataclasses, the outputs plain values (``Decimal`` unrounded) and dataclasses.
So every rule can be tested without a database and gives the same figure on
every screen, in the PDF and in the ``hitung`` command.

What lives where:

* ``angka`` – measured values (``Nilai``), parsing of Indonesian number text, NIP
  check (rounding is in ``lib.decimals``, display formatting in ``lib.format``);
* ``capaian`` – the capaian formulas by polarity, caps and floors;
* ``predikat`` – predicate scales, their check and the presets;
* ``penilaian`` – ``nilai_indikator``, THE one function resolving an indicator's
  own rules against its pemda's into capaian, score, predicate and the rule in
  words (and the tingkat kemajuan with the same resolution);
* ``realisasi`` – annual and "so far" values from quarters (tipe penghitungan);
* ``penyerapan``, ``efisiensi`` – budget roll-up, absorption and efficiency;
* ``perbandingan``, ``ikm``, ``sumber_daya``, ``tenggat``, ``usulan`` – comparison,
  IKM, resources, deadlines, proposals;
* ``hitung`` – the whole year of a perangkat daerah in one pass;
* ``temuan`` – the consistency findings of that year.

Why two object models. The ORM models (``kinerja.models``, ``anggaran.models``)
are the storage: they carry the database constraints, the audit trail, the year
locks and the workflow state, and only services write them. The dataclasses of
``kinerja.paket.types`` are the plain data of one perangkat daerah: the package
format (JSON import/export) parses into them and writes from them, the database
layer (``laporan.selectors_paket.paket_muat``, built from each app's loader) loads them from the ORM, and this engine computes
on them. Keeping the calculation on the plain data is what makes "import,
export, compute" provably the same figures, and keeps the engine free of
queries. The engine's functions that judge a single object (``nilai_indikator``)
are typed with protocols (``typing.Protocol``), so a screen may pass an ORM row directly.
"""
