"""A synthetic perangkat daerah that stresses the document's layout: 150 tujuan/sasaran
indicators with long names, 8 years of history before the report year, an 8-year
Renstra, wide numbers (billions, capaian above 100%), a PK murni and perubahan and
programs with a full budget. Used by tests/laporan/test_tata_letak.py."""

from __future__ import annotations

from decimal import Decimal

from interchange.simpan import paket_simpan
from kinerja.engine.angka import Nilai
from kinerja.engine.capaian import Polaritas
from kinerja.engine.realisasi import TipePenghitungan
from kinerja.models import PerangkatDaerah
from kinerja.paket import types as t
from tests.sintetis import aturan_blora

TAHUN = 2024
RIWAYAT = range(TAHUN - 8, TAHUN)  # 2016–2023
RENSTRA = (2019, 2026)
KODE_PD = "99.02.01"

_NAMA = (
    "Persentase pengaduan masyarakat yang ditindaklanjuti tepat waktu sesuai standar",
    "Indeks kepuasan masyarakat terhadap pelayanan administrasi terpadu kecamatan",
    "Jumlah dokumen perencanaan dan penganggaran yang disusun tepat waktu",
    "Nilai akuntabilitas kinerja instansi pemerintah perangkat daerah",
    "Persentase desa yang menyelenggarakan musyawarah perencanaan pembangunan",
)
_SATUAN = ("%", "indeks", "dokumen", "nilai", "rupiah")
_SEN, _UTUH = Decimal("0.01"), Decimal(1)


def _nilai(n: int, tahun: int, skala: Decimal) -> Nilai:
    # Amounts in rupiah are whole; other values have up to two decimals.
    return Nilai((skala * (90 + (n * 7 + tahun) % 17)).quantize(_SEN if skala == 1 else _UTUH))


def _indikator(n: int) -> t.Indikator:
    satuan = _SATUAN[n % len(_SATUAN)]
    # "rupiah" indicators run into the billions: the widest numbers a table gets.
    skala = Decimal(12_345_679) if satuan == "rupiah" else Decimal(1)
    return t.Indikator(
        kode=f"IKS-{n + 1}",
        nama=f"{_NAMA[n % len(_NAMA)]} (indikator {n + 1})",
        satuan=satuan,
        polaritas=Polaritas.NEGATIF if n % 11 == 5 else Polaritas.POSITIF,
        tipe_penghitungan=TipePenghitungan.NILAI_AKHIR,
        iku=n < 12,
        target_tahunan={y: _nilai(n, y, skala) for y in range(RENSTRA[0], RENSTRA[1] + 1)},
        target_akhir=_nilai(n, RENSTRA[1], skala),
        riwayat={
            y: t.RiwayatTahun(target=_nilai(n, y, skala), realisasi=_nilai(n + 3, y, skala))
            for y in RIWAYAT
        },
        formulasi="Jumlah yang diselesaikan dibagi jumlah seluruhnya dikali 100%",
        definisi_operasional="Ukuran keberhasilan pelayanan kecamatan kepada masyarakat",
        alasan_pemilihan="Mengukur langsung hasil sasaran strategis",
        sumber_data="Laporan bulanan seksi pelayanan umum",
    )


def paket_sintetis(n_indikator: int = 150) -> t.Paket:
    """The package: 3 tujuan of 5 sasaran each, the indicators dealt over the sasaran."""
    tujuan = [
        t.Tujuan(kode=f"T{j + 1}", uraian=f"Tujuan sintetis tata letak nomor {j + 1}")
        for j in range(3)
    ]
    sasaran = []
    for j, tj in enumerate(tujuan):
        for s in range(5):
            ss = t.Sasaran(
                kode=f"S{j + 1}.{s + 1}",
                uraian=f"Meningkatnya kualitas pelayanan publik kecamatan bagian {j + 1}.{s + 1}",
                strategi=["Penguatan tata kelola pelayanan"],
                arah_kebijakan=["Peningkatan kapasitas aparatur"],
            )
            tj.sasaran.append(ss)
            sasaran.append(ss)
    indikator = [_indikator(n) for n in range(n_indikator)]
    for n, ind in enumerate(indikator):
        sasaran[n % len(sasaran)].indikator.append(ind)
    target_pk = {i.kode: i.target_tahunan[TAHUN] for i in indikator}
    # Capaian from about 60% to above 149%: every predicate, wide percentages.
    realisasi = {
        i.kode: [
            None,
            None,
            None,
            Nilai(
                (i.target_tahunan[TAHUN].angka * Decimal(60 + (n * 13) % 91) / 100).quantize(
                    _UTUH if i.satuan == "rupiah" else _SEN
                )
            ),
        ]
        for n, i in enumerate(indikator)
    }
    rencana = {i.kode: [None, None, None, target_pk[i.kode]] for i in indikator}
    program, pagu, realisasi_anggaran = [], {}, {}
    for p, ss in enumerate(sasaran):
        kode_program = f"7.01.{p + 1:02d}"
        kegiatan = t.Kegiatan(
            kode=f"{kode_program}.2.01", nama=f"Penyelenggaraan pelayanan terpadu {p + 1}"
        )
        for s in range(2):
            sub = t.SubKegiatan(
                kode=f"{kegiatan.kode}.{s + 1:02d}",
                nama=f"Penyediaan layanan administrasi kependudukan {p + 1}.{s + 1}",
            )
            kegiatan.sub_kegiatan.append(sub)
            pagu[sub.kode] = Decimal(1_234_567_890 + p * 1_000_000)
            realisasi_anggaran[sub.kode] = Decimal(1_034_567_890 + p * 900_000)
        program.append(
            t.Program(
                kode=kode_program,
                nama=f"Program penyelenggaraan pemerintahan dan pelayanan publik {p + 1}",
                sasaran=[ss.kode],
                kegiatan=[kegiatan],
            )
        )
    target_perubahan = dict(target_pk)
    target_perubahan[indikator[0].kode] = Nilai(target_pk[indikator[0].kode].angka + 1)
    return t.Paket(
        pemda=t.Pemda(
            kode="99.02",
            nama="Kabupaten Sintetis",
            provinsi="Jawa Tengah",
            aturan=aturan_blora(),
        ),
        perangkat_daerah=t.PerangkatDaerah(kode=KODE_PD, nama="Kecamatan Sintetis Tata Letak"),
        renstra=t.Renstra(
            mulai=RENSTRA[0],
            selesai=RENSTRA[1],
            tujuan=tujuan,
            visi="Terwujudnya pelayanan publik yang prima",
            misi=["Meningkatkan kualitas pelayanan publik"],
        ),
        program=program,
        tahun=[
            t.Tahun(
                tahun=TAHUN,
                perjanjian_kinerja=[
                    t.PerjanjianKinerja(versi="murni", target=target_pk),
                    t.PerjanjianKinerja(versi="perubahan", target=target_perubahan),
                ],
                rencana_aksi=rencana,
                realisasi=realisasi,
                dpa=[t.DPA(versi="murni", pagu=pagu)],
                realisasi_anggaran=realisasi_anggaran,
            )
        ],
    )


def buat_pd_tata_letak(n_indikator: int = 150) -> PerangkatDaerah:
    """Store the synthetic package (see :func:`paket_sintetis`)."""
    return paket_simpan(paket=paket_sintetis(n_indikator))
