"""The whole paket of a perangkat daerah: ``paket_muat``.

The top layer of the paket loader (see ``kinerja.selectors.paket``): kinerja's
rows, the budget (``anggaran.selectors_paket``), then the place and date of
each year's LKjIP (one query). Every screen, document and command that needs
the whole year reads it here.
"""

from __future__ import annotations

from anggaran.selectors_paket import load_anggaran
from kinerja import models as m
from kinerja.paket import types as t
from laporan.models import LKjIP


def paket_muat(
    pd: m.PerangkatDaerah,
    tahun: int | None = None,
    *,
    aturan_hari_ini: bool = False,
    hanya_tahun: bool = False,
) -> t.Paket:
    """Read everything held for ``pd`` back as a paket (a bounded number of queries).

    A paket holds one Renstra: the one whose period contains ``tahun`` (the latest
    when ``tahun`` is None or no period contains it). Years covered by another of
    the perangkat daerah's Renstra are left out, since their indicators and program
    tree are that Renstra's.

    With ``tahun`` the paket carries the rules in force for that year
    (``aturan_berlaku``: a signed year's own rules); without it, or with
    ``aturan_hari_ini`` (what an export must carry, since an import checks the
    rules against the pemda), the pemda's rules of today.

    ``hanya_tahun`` (the screens of one year): the year ``tahun`` in full, of the
    other years only what those screens and ``hitung`` read (see
    ``kinerja.selectors.paket``). Documents, exports and commands read everything.
    """
    loaded = load_anggaran(pd, tahun, aturan_hari_ini=aturan_hari_ini, hanya_tahun=hanya_tahun)
    per_tahun = loaded.per_tahun()
    tahun_baca = [x for x in per_tahun if not hanya_tahun or x == tahun]
    for x in LKjIP.objects.filter(perangkat_daerah=pd, tahun__in=tahun_baca):
        per_tahun[x.tahun].laporan = _laporan(x)
    return loaded.paket


def _laporan(x: LKjIP) -> t.Laporan | None:
    if not x.tempat and not x.tanggal:
        return None
    return t.Laporan(tempat=x.tempat or None, tanggal=x.tanggal)
