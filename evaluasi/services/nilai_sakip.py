"""The final score of an evaluation feeds the perangkat daerah's "Nilai SAKIP" indicator.

The indicator is found by its name (case-insensitive, beginning with "nilai sakip" or
"nilai akip") among the indicators the perangkat daerah measures in the evaluated year;
the score is recorded as its year-end realisasi (triwulan IV) through the realisasi
service (checked and audited as the operator's entry). Nothing is recorded when the year
is signed (the year lock) or the quarter is locked; the evaluation keeps a sentence
saying what happened, shown on its page.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError

from kinerja.engine.angka import Nilai
from kinerja.models import PerangkatDaerah
from kinerja.services.kunci import tahun_terkunci
from kinerja.services.realisasi import BarisRealisasi, grid_triwulan, realisasi_simpan_triwulan
from lib.format import format_angka

AWALAN = ("nilai sakip", "nilai akip")
TRIWULAN = 4


def cocok(nama: str) -> bool:
    """Whether an indicator's name names the SAKIP score ("Nilai SAKIP Perangkat Daerah")."""
    return " ".join(nama.lower().split()).startswith(AWALAN)


def catat_nilai_sakip(
    *, pd: PerangkatDaerah, tahun: int, nilai: Decimal, predikat: str, pengguna
) -> str:
    """Record ``nilai`` as the realisasi of the perangkat daerah's Nilai SAKIP indicator
    of ``tahun`` where one exists; the sentence the evaluation page shows."""
    grid = grid_triwulan(pd, tahun, TRIWULAN)
    baris = [b for b in grid.baris if cocok(b.indikator.nama)]
    if not baris:
        return ""
    b = baris[0]
    kode = b.indikator.kode
    if tahun_terkunci(pd, tahun):
        return (
            f"Nilai {format_angka(nilai, 2)} tidak dicatat pada indikator {kode} "
            f"({b.indikator.nama}): data tahun {tahun} sudah terkunci karena LKjIP telah "
            "ditetapkan."
        )
    try:
        realisasi_simpan_triwulan(
            pd=pd,
            tahun=tahun,
            triwulan=TRIWULAN,
            baris=[
                BarisRealisasi(
                    indikator_id=b.indikator.pk,
                    nilai=Nilai(nilai),
                    catatan=f"Nilai hasil evaluasi AKIP (LHE) tahun {tahun}, predikat {predikat}.",
                    versi=b.realisasi.versi if b.realisasi else 0,
                )
            ],
            pengguna=pengguna,
        )
    except ValidationError as ex:
        return (
            f"Nilai {format_angka(nilai, 2)} tidak dicatat pada indikator {kode} "
            f"({b.indikator.nama}): {' '.join(ex.messages)}"
        )
    return (
        f"Nilai {format_angka(nilai, 2)} dicatat sebagai realisasi triwulan IV tahun {tahun} "
        f"indikator {kode} ({b.indikator.nama})."
    )
