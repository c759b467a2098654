"""Earlier years of an indicator (``RiwayatIndikator``): the years before the data kept
here, as an earlier report states them: target (a range too, "60 – 70"), realisasi, or
only the capaian it printed. Written by the register workbook (``register_riwayat``);
the data package writes them on import.

Checks: the year comes before the first year opened for the perangkat daerah (that one
and later are entered as realisasi), no year signed after it uses it (a signed LKjIP
prints the earlier years and compares with the year before), a row changed since the
download is a conflict. Every change is in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kinerja.audit import catat_perubahan_banyak
from kinerja.engine.angka import Nilai
from kinerja.models import Indikator, Renstra, RiwayatIndikator, Tahun
from kinerja.services.perencanaan.common import teks_isian, teks_nilai

TAHUN_MIN = 2000
KOLOM = ("target", "realisasi", "capaian")


def teks_capaian(capaian: Decimal | str | None) -> str:
    """A reported capaian as the report printed it, its decimals kept ("98,50")."""
    if capaian in (None, ""):
        return ""
    return str(capaian).replace(".", ",")


def kanon_riwayat(row: RiwayatIndikator | None) -> dict[str, str]:
    """The texts of an earlier year as the workbook shows them ({} when there is none)."""
    if row is None:
        return {}
    return {
        "target": teks_nilai(row.target, row.target_label),
        "realisasi": teks_nilai(row.realisasi, row.realisasi_label),
        "capaian": teks_capaian(row.capaian),
    }


@dataclass
class UbahRiwayat:
    """One earlier year of an indicator as uploaded. ``asal`` its texts as downloaded
    ({} when the year was not there); every value None: the year is removed."""

    kunci: Any
    kode: str
    tahun: int
    target: Nilai | None = None
    realisasi: Nilai | None = None
    capaian: Decimal | None = None
    asal: dict[str, str] | None = None

    @property
    def hapus(self) -> bool:
        return self.target is None and self.realisasi is None and self.capaian is None

    def teks(self) -> dict[str, str]:
        if self.hapus:
            return {}
        return {
            "target": teks_isian(self.target),
            "realisasi": teks_isian(self.realisasi),
            "capaian": teks_capaian(self.capaian),
        }


def _kolom(u: UbahRiwayat) -> dict[str, Any]:
    t, r = u.target, u.realisasi
    return {
        "target": t.angka if t else None,
        "target_label": (t.label or "") if t else "",
        "target_atas": t.atas if t else None,
        "realisasi": r.angka if r else None,
        "realisasi_label": (r.label or "") if r else "",
        "capaian": "" if u.capaian is None else str(u.capaian),
    }


class _Periksa:
    """What every row is checked against, read once (the rows locked)."""

    def __init__(self, renstra: Renstra, baru: set[str]) -> None:
        self.pd = renstra.perangkat_daerah
        tahun = Tahun.objects.filter(perangkat_daerah=self.pd)
        self.awal = min(tahun.values_list("tahun", flat=True), default=None)
        self.terkunci = sorted(tahun.filter(terkunci=True).values_list("tahun", flat=True))
        self.indikator = {
            i.kode: i
            for i in Indikator.objects.select_for_update(of=("self",)).filter(renstra=renstra)
        }
        self.ada = {
            (r.indikator_id, r.tahun): r
            for r in RiwayatIndikator.objects.select_for_update(of=("self",)).filter(
                indikator__renstra=renstra
            )
        }
        self.baru = baru

    def pesan(self, u: UbahRiwayat) -> list[str]:
        pesan = []
        if u.tahun < TAHUN_MIN:
            pesan.append(f"tahun {u.tahun} tidak sah")
        elif self.awal is not None and u.tahun >= self.awal:
            pesan.append(
                f"tahun {u.tahun} sudah dibuka di aplikasi (tahun pertama {self.awal}): "
                "realisasinya diisi pada layar realisasi, bukan sebagai tahun sebelumnya"
            )
        kunci = [x for x in self.terkunci if x > u.tahun]
        if kunci:
            pesan.append(
                f"tahun {kunci[0]} sudah ditetapkan dan memuat data tahun {u.tahun}; "
                "data tahun itu tidak dapat diubah lagi"
            )
        ind = self.indikator.get(u.kode)
        if ind is None and u.kode not in self.baru:
            pesan.append(f"indikator {u.kode} tidak ada di Renstra ini")
        elif ind is not None:
            kini = kanon_riwayat(self.ada.get((ind.pk, u.tahun)))
            if kini != (u.asal or {}):
                pesan.append(
                    f"tahun {u.tahun} indikator {u.kode} diubah setelah berkas ini diunduh; "
                    "unduh yang baru"
                )
        return pesan


def riwayat_simpan_banyak(
    *,
    renstra: Renstra,
    pengguna,
    daftar: list[UbahRiwayat],
    baru: set[str] = frozenset(),
    tulis: bool = True,
) -> list[tuple[Any, list[str]]]:
    """Save the earlier years ``daftar`` of indicators of ``renstra`` (``baru``: codes of
    indicators added in the same save, allowed before they exist when ``tulis`` is
    False). All or nothing: the refusals as (kunci, messages), nothing written; [] when
    everything was saved (or, with ``tulis`` False, would be)."""
    p = _Periksa(renstra, set(baru))
    tolak = [(u.kunci, m) for u in daftar if (m := p.pesan(u))]
    if tolak or not tulis:
        return tolak
    entri = []
    for u in daftar:
        ind = p.indikator[u.kode]
        row = p.ada.get((ind.pk, u.tahun))
        lama = kanon_riwayat(row)
        if u.hapus:
            if row is None:
                continue
            aksi = "riwayat_indikator.hapus"
            row.delete()
        elif row is None:
            aksi = "riwayat_indikator.buat"
            row = RiwayatIndikator.objects.create(indikator=ind, tahun=u.tahun, **_kolom(u))
        else:
            aksi = "riwayat_indikator.ubah"
            for k, v in _kolom(u).items():
                setattr(row, k, v)
            row.full_clean(exclude=["indikator"])
            row.save()
        entri.append(
            dict(
                pengguna=pengguna,
                perangkat_daerah=p.pd,
                aksi=aksi,
                objek=row if row.pk is not None else None,
                uraian=f"Tahun {u.tahun} indikator {ind.kode}",
                tahun=u.tahun,
                lama=lama or None,
                baru=u.teks() or None,
                data={"indikator_id": ind.pk},
            )
        )
    catat_perubahan_banyak(entri)
    return []
