"""The register of a perangkat daerah's years (``kinerja.models.Tahun``): the only writer.

A year is registered when it is opened (on screen or by an import) and locked
while its LKjIP is signed off; the LKjIP workflow, which lives above kinerja,
calls ``tahun_kunci`` at sign-off and ``tahun_lepas`` when it reopens a year.
Each function is idempotent: asking twice changes nothing the second time.
"""

from __future__ import annotations

from kinerja.models import PerangkatDaerah, Tahun


def tahun_daftarkan(pd: PerangkatDaerah, tahun: int) -> Tahun:
    """Register ``tahun`` for ``pd`` (unlocked when new; an existing year is left as it is)."""
    obj, _ = Tahun.objects.get_or_create(perangkat_daerah=pd, tahun=tahun)
    return obj


def tahun_kunci(pd: PerangkatDaerah, tahun: int) -> Tahun:
    """Lock the year (its LKjIP is signed off); registers it when it was not."""
    return _atur_kunci(pd, tahun, terkunci=True)


def tahun_lepas(pd: PerangkatDaerah, tahun: int) -> Tahun:
    """Unlock the year (its LKjIP is reopened); registers it when it was not."""
    return _atur_kunci(pd, tahun, terkunci=False)


def _atur_kunci(pd: PerangkatDaerah, tahun: int, *, terkunci: bool) -> Tahun:
    obj, dibuat = Tahun.objects.get_or_create(
        perangkat_daerah=pd, tahun=tahun, defaults={"terkunci": terkunci}
    )
    if not dibuat and obj.terkunci != terkunci:
        obj.terkunci = terkunci
        obj.save(update_fields=["terkunci"])
    return obj
