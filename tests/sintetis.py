"""A synthetic perangkat daerah with N indicators, for query-count tests (10 vs 100)."""

from __future__ import annotations

from decimal import Decimal

from interchange.simpan import paket_simpan
from kinerja.engine.angka import Nilai
from kinerja.engine.capaian import Polaritas, RumusNegatif
from kinerja.engine.efisiensi import MetodeEfisiensi
from kinerja.engine.predikat import PRESET
from kinerja.engine.realisasi import TipePenghitungan
from kinerja.models import PerangkatDaerah
from kinerja.paket import types as t

TAHUN = 2024


def aturan_blora() -> t.Aturan:
    """The rules of the synthetic pemdas: Blora's predicate scale, efficiency by difference."""
    return t.Aturan(
        skala=PRESET["blora"],
        skala_preset="blora",
        rumus_negatif=RumusNegatif.DUA_T_KURANG_R,
        batas_atas_capaian=None,
        batas_bawah_capaian=None,
        metode_efisiensi=MetodeEfisiensi.SELISIH,
    )


def buat_pd_sintetis(
    n_indikator: int, *, kode: str = "99.01.01", kode_pemda: str = "99.01"
) -> PerangkatDaerah:
    """Store a perangkat daerah with ``n_indikator`` sasaran indicators, all in the PK with
    quarterly targets and realisasi, and one program per ten indicators with a full budget."""
    sasaran_list = []
    program_list = []
    target_pk, rencana, realisasi, pagu, realisasi_anggaran = {}, {}, {}, {}, {}
    for n in range(n_indikator):
        kode_ind = f"IKS-{n + 1}"
        tipe = TipePenghitungan.JUMLAH if n % 2 else TipePenghitungan.NILAI_AKHIR
        ind = t.Indikator(
            kode=kode_ind,
            nama=f"Indikator sintetis {n + 1}",
            satuan="dokumen" if n % 2 else "indeks",
            polaritas=Polaritas.POSITIF,
            tipe_penghitungan=tipe,
            iku=n < 5,
            target_tahunan={TAHUN: Nilai(Decimal(40))},
            target_akhir=Nilai(Decimal(50)),
        )
        sasaran_list.append(
            t.Sasaran(kode=f"S{n + 1}", uraian=f"Sasaran sintetis {n + 1}", indikator=[ind])
        )
        target_pk[kode_ind] = Nilai(Decimal(40))
        if tipe == TipePenghitungan.JUMLAH:
            rencana[kode_ind] = [Nilai(Decimal(10))] * 4
            realisasi[kode_ind] = [Nilai(Decimal(10)), Nilai(Decimal(9)), None, None]
        else:
            rencana[kode_ind] = [None, None, None, Nilai(Decimal(40))]
            realisasi[kode_ind] = [None, None, None, None]
    for p in range(max(1, n_indikator // 10)):
        kode_program = f"7.01.{p + 1:02d}"
        kegiatan = t.Kegiatan(kode=f"{kode_program}.2.01", nama=f"Kegiatan {p + 1}")
        for s in range(3):
            sub = t.SubKegiatan(
                kode=f"{kegiatan.kode}.{s + 1:02d}", nama=f"Sub kegiatan {p + 1}.{s + 1}"
            )
            kegiatan.sub_kegiatan.append(sub)
            pagu[sub.kode] = Decimal(1_000_000)
            realisasi_anggaran[sub.kode] = [Decimal(200_000), Decimal(250_000), None, None]
        program_list.append(
            t.Program(
                kode=kode_program,
                nama=f"Program sintetis {p + 1}",
                sasaran=[f"S{p * 10 + 1}"],
                kegiatan=[kegiatan],
            )
        )
    paket = t.Paket(
        pemda=t.Pemda(
            kode=kode_pemda,
            nama="Kabupaten Sintetis",
            aturan=aturan_blora(),
        ),
        perangkat_daerah=t.PerangkatDaerah(kode=kode, nama=f"Kecamatan Sintetis {n_indikator}"),
        renstra=t.Renstra(
            mulai=2021,
            selesai=2026,
            tujuan=[t.Tujuan(kode="T1", uraian="Tujuan sintetis", sasaran=sasaran_list)],
        ),
        program=program_list,
        tahun=[
            t.Tahun(
                tahun=TAHUN,
                perjanjian_kinerja=[t.PerjanjianKinerja(versi="murni", target=target_pk)],
                rencana_aksi=rencana,
                realisasi=realisasi,
                dpa=[t.DPA(versi="murni", pagu=pagu)],
                realisasi_anggaran=realisasi_anggaran,
            )
        ],
    )
    return paket_simpan(paket=paket)
