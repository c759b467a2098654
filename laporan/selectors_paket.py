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
    pd: m.PerangkatDaerah, tahun: int | None = None, *, aturan_hari_ini: bool = False
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
    """
    loaded = load_anggaran(pd, tahun, aturan_hari_ini=aturan_hari_ini)
    per_tahun = loaded.per_tahun()
    for x in LKjIP.objects.filter(perangkat_daerah=pd, tahun__in=list(per_tahun)):
        per_tahun[x.tahun].laporan = _laporan(x)
    return loaded.paket


def _laporan(x: LKjIP) -> t.Laporan | None:
    if not x.tempat and not x.tanggal:
        return None
    return t.Laporan(tempat=x.tempat or None, tanggal=x.tanggal)
