"""Opening a year of a perangkat daerah: the drafts the user then edits.

Opening a year registers it (``kinerja.services.tahun``) and creates the drafts
of every layer, the LKjIP included, so the orchestration lives here, in the top
layer, and calls the services of the lower layers for their own data. Each step creates what is
missing and leaves alone what exists, so opening a year twice changes nothing
the second time (and records nothing).

The steps are the list ``LANGKAH``: a new step is one function with the
signature of :class:`Langkah` added to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from anggaran.services.dpa import dpa_murni_buat
from kinerja.audit import catat_perubahan
from kinerja.models import Pejabat, PerangkatDaerah, Renstra
from kinerja.services.pejabat import pejabat_salin_tahun
from kinerja.services.perencanaan.periode import pastikan_renstra_tahun
from kinerja.services.perencanaan.pk import perjanjian_kinerja_draf_buat
from kinerja.services.perencanaan.rencana_aksi import rencana_aksi_usulan_buat
from kinerja.services.tahun import tahun_daftarkan
from laporan.models import LKjIP

PESAN_TAHUN_TERKUNCI = (
    "Tahun {tahun} sudah dibuka dan LKjIP-nya telah ditetapkan; tidak ada yang diubah."
)


@dataclass(frozen=True)
class Konteks:
    """What every step receives."""

    pd: PerangkatDaerah
    tahun: int
    renstra: Renstra
    pengguna: object
    salin_pagu: bool


@dataclass(frozen=True)
class HasilLangkah:
    """One step's outcome: ``dibuat`` False means it found its part already there."""

    nama: str
    dibuat: bool
    uraian: str
    catatan: str = ""  # something the user should know or do next


@dataclass
class HasilBukaTahun:
    tahun: int
    langkah: list[HasilLangkah] = field(default_factory=list)
    terkunci: bool = False

    @property
    def catatan(self) -> list[str]:
        hasil = [PESAN_TAHUN_TERKUNCI.format(tahun=self.tahun)] if self.terkunci else []
        return hasil + [x.catatan for x in self.langkah if x.catatan]

    @property
    def dibuat(self) -> list[HasilLangkah]:
        return [x for x in self.langkah if x.dibuat]

    @property
    def ada_yang_dibuat(self) -> bool:
        return bool(self.dibuat)

    def ringkasan(self) -> str:
        """One Indonesian sentence for a message or the command's last line."""
        if not self.ada_yang_dibuat:
            return f"Tahun {self.tahun} sudah dibuka sebelumnya; tidak ada yang diubah."
        isi = "; ".join(x.uraian for x in self.dibuat)
        return f"Tahun {self.tahun} dibuka: {isi}."


Langkah = Callable[[Konteks], HasilLangkah]


def _langkah_lkjip(k: Konteks) -> HasilLangkah:
    # The year's register (kinerja) first: it is how every page knows the year is open.
    tahun_daftarkan(k.pd, k.tahun)
    if LKjIP.objects.filter(perangkat_daerah=k.pd, tahun=k.tahun).exists():
        return HasilLangkah("lkjip", False, f"LKjIP {k.tahun} sudah ada")
    lalu = LKjIP.objects.filter(perangkat_daerah=k.pd, tahun=k.tahun - 1).first()
    lkjip = LKjIP.objects.create(
        perangkat_daerah=k.pd, tahun=k.tahun, tempat=lalu.tempat if lalu else ""
    )
    catat_perubahan(
        pengguna=k.pengguna,
        perangkat_daerah=k.pd,
        aksi="lkjip.buat",
        objek=lkjip,
        uraian=f"LKjIP {k.tahun} (draf)",
        tahun=k.tahun,
    )
    return HasilLangkah("lkjip", True, f"LKjIP {k.tahun} (draf)")


def _langkah_pejabat(k: Konteks) -> HasilLangkah:
    n = pejabat_salin_tahun(pd=k.pd, dari=k.tahun - 1, ke=k.tahun, pengguna=k.pengguna)
    if not n:
        return HasilLangkah(
            "pejabat",
            False,
            f"Pejabat {k.tahun}: tidak ada yang perlu disalin",
            ""
            if Pejabat.objects.filter(perangkat_daerah=k.pd, tahun=k.tahun, kepala=True).exists()
            else f"Kepala perangkat daerah tahun {k.tahun} belum ada; isi di halaman Pejabat.",
        )
    return HasilLangkah("pejabat", True, f"{n} pejabat tahun {k.tahun - 1} disalin ke {k.tahun}")


def _langkah_pk(k: Konteks) -> HasilLangkah:
    pk = perjanjian_kinerja_draf_buat(perangkat_daerah=k.pd, tahun=k.tahun, pengguna=k.pengguna)
    if pk is None:
        return HasilLangkah("pk", False, f"Perjanjian Kinerja {k.tahun} sudah ada")
    n = pk.target.count()
    catatan = ""
    if not n:
        catatan = (
            f"Renstra {k.renstra.mulai}–{k.renstra.selesai} belum memuat target tahun {k.tahun}; "
            "isi target tahunan indikatornya di halaman Renstra, lalu isi target Perjanjian "
            "Kinerja."
        )
    return HasilLangkah(
        "pk",
        True,
        f"draf Perjanjian Kinerja murni dengan {n} indikator bertarget Renstra {k.tahun}",
        catatan,
    )


def _langkah_rencana_aksi(k: Konteks) -> HasilLangkah:
    n = rencana_aksi_usulan_buat(perangkat_daerah=k.pd, tahun=k.tahun, pengguna=k.pengguna)
    if not n:
        return HasilLangkah(
            "rencana_aksi", False, "Rencana Aksi: tiap indikator PK sudah direncanakan"
        )
    return HasilLangkah("rencana_aksi", True, f"usulan target triwulan Rencana Aksi {n} indikator")


def _langkah_dpa(k: Konteks) -> HasilLangkah:
    dpa = dpa_murni_buat(
        perangkat_daerah=k.pd,
        tahun=k.tahun,
        renstra=k.renstra,
        pengguna=k.pengguna,
        salin_pagu=k.salin_pagu,
    )
    if dpa is None:
        catatan = f"DPA {k.tahun} sudah ada, sehingga pagu tidak disalin." if k.salin_pagu else ""
        return HasilLangkah("dpa", False, f"DPA {k.tahun} sudah ada", catatan)
    if dpa.pagu_disalin_dari:
        return HasilLangkah(
            "dpa", True, f"DPA murni dengan pagu disalin dari DPA {dpa.pagu_disalin_dari} (draf)"
        )
    catatan = ""
    if k.salin_pagu:
        catatan = f"Tidak ada DPA {k.tahun - 1} yang dapat disalin; pagu DPA {k.tahun} kosong."
    return HasilLangkah("dpa", True, "DPA murni dengan pagu kosong", catatan)


# In order: the year (register and LKjIP row: what the other pages look for), the officials
# who sign, then the PK, whose indicators the Rencana Aksi proposes for, then the budget.
LANGKAH: list[Langkah] = [
    _langkah_lkjip,
    _langkah_pejabat,
    _langkah_pk,
    _langkah_rencana_aksi,
    _langkah_dpa,
]


@transaction.atomic
def tahun_buka(
    *, pd: PerangkatDaerah, tahun: int, pengguna, salin_pagu: bool = False
) -> HasilBukaTahun:
    """Open ``tahun`` for ``pd``: create, as drafts, whatever of the year is missing.

    Refused (ValidationError, nothing stored) when no Renstra of the perangkat daerah covers
    the year. A year whose LKjIP is signed off is left as it is. All or nothing.
    """
    renstra = pastikan_renstra_tahun(pd, tahun)
    # One opening of a perangkat daerah's year at a time: the second waits, then finds
    # everything there (PostgreSQL; SQLite serialises writes by itself).
    PerangkatDaerah.objects.select_for_update().filter(pk=pd.pk).first()
    hasil = HasilBukaTahun(tahun=tahun)
    lkjip = LKjIP.objects.filter(perangkat_daerah=pd, tahun=tahun).first()
    if lkjip is not None and lkjip.terkunci:
        hasil.terkunci = True
        return hasil
    k = Konteks(pd=pd, tahun=tahun, renstra=renstra, pengguna=pengguna, salin_pagu=salin_pagu)
    for langkah in LANGKAH:
        hasil.langkah.append(langkah(k))
    if hasil.ada_yang_dibuat:
        catat_perubahan(
            pengguna=pengguna,
            perangkat_daerah=pd,
            aksi="tahun.buka",
            uraian=f"Tahun {tahun} dibuka",
            tahun=tahun,
            data={"dibuat": [x.uraian for x in hasil.dibuat], "salin_pagu": salin_pagu},
        )
    return hasil
