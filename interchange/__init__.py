"""Data interchange: the data package (``kinerja/paket``, format ``lkjip-paket``) written to
and read from every app's tables, its commands (``impor_paket``, ``ekspor_paket``) and the
demo data (``muat_demo``, ``interchange.demo``).

It sits above every domain app (kinerja <- anggaran <- laporan <- interchange): an import
replaces the rows of all three at once, so only a module above all of them may write it.
Reading a package back is layered instead: ``laporan.selectors_paket.paket_muat``.
"""
