"""The draft functions of laporan.dokumen.draf on a small built year (pure: no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.engine.angka import Nilai
from kinerja.engine.capaian import Polaritas
from kinerja.engine.hitung import hitung
from kinerja.engine.realisasi import TipePenghitungan
from kinerja.paket import types as t
from laporan import kerangka
from laporan.dokumen import draf
from laporan.dokumen.narasi import blok_narasi
from tests.sintetis import aturan_blora

TAHUN = 2024


def _indikator(kode: str, nama: str, target: int, induk: str) -> t.Indikator:
    return t.Indikator(
        kode=kode,
        nama=nama,
        tingkat="sasaran",
        induk=induk,
        satuan="%",
        polaritas=Polaritas.POSITIF,
        tipe_penghitungan=TipePenghitungan.NILAI_AKHIR,
        iku=True,
        target_tahunan={TAHUN: Nilai(Decimal(target))},
        target_akhir=Nilai(Decimal(target)),
    )


def _paket(*, jenis_pd: str = "kecamatan") -> t.Paket:
    capai = _indikator("IKS-1", "Persentase layanan tepat waktu", 80, "S1")
    gagal = _indikator("IKS-2", "Persentase desa tertib administrasi", 100, "S2")
    sub = t.SubKegiatan(kode="7.01.01.2.01.01", nama="Penyediaan layanan")
    return t.Paket(
        pemda=t.Pemda(
            kode="99.01",
            nama="Kabupaten Contoh",
            aturan=aturan_blora(),
        ),
        perangkat_daerah=t.PerangkatDaerah(
            kode="99.01.01",
            nama="Kecamatan Contoh",
            jenis=jenis_pd,
            alamat="Jl. Merdeka 1",
            pejabat=[t.Pejabat(nama="A", jabatan="Sekretaris Kecamatan")],
        ),
        renstra=t.Renstra(
            mulai=2021,
            selesai=2026,
            tujuan=[
                t.Tujuan(
                    kode="T1",
                    uraian="Meningkatnya pelayanan",
                    sasaran=[
                        t.Sasaran(kode="S1", uraian="Layanan tepat waktu", indikator=[capai]),
                        t.Sasaran(kode="S2", uraian="Desa tertib", indikator=[gagal]),
                    ],
                )
            ],
        ),
        program=[
            t.Program(
                kode="7.01.01",
                nama="Program penunjang",
                sasaran=["S1"],
                kegiatan=[t.Kegiatan(kode="7.01.01.2.01", nama="Kegiatan", sub_kegiatan=[sub])],
            )
        ],
        tahun=[
            t.Tahun(
                tahun=TAHUN,
                perjanjian_kinerja=[
                    t.PerjanjianKinerja(
                        versi="murni",
                        target={"IKS-1": Nilai(Decimal(80)), "IKS-2": Nilai(Decimal(100))},
                    )
                ],
                realisasi={
                    "IKS-1": [None, None, None, Nilai(Decimal(90))],
                    "IKS-2": [None, None, None, Nilai(Decimal(60))],
                },
                catatan_realisasi={"IKS-2": [None, None, None, "pendampingan desa tertunda."]},
                dpa=[t.DPA(versi="murni", pagu={sub.kode: Decimal(1_000_000)})],
                realisasi_anggaran={sub.kode: [Decimal(400_000), Decimal(400_000), None, None]},
            )
        ],
    )


@pytest.fixture
def bahan() -> draf.Bahan:
    paket = _paket()
    return draf.Bahan(
        paket=paket,
        tahun=TAHUN,
        hasil=hitung(paket, TAHUN),
        sdm=[
            {"kelompok": "Golongan", "uraian": "IV", "pns": 3, "non_pns": 0},
            {"kelompok": "Golongan", "uraian": "III", "pns": 7, "non_pns": 4},
            {"kelompok": "Pendidikan", "uraian": "S1", "pns": 10, "non_pns": 4},
        ],
        sarpras=[
            {"uraian": "Kendaraan roda dua", "jumlah": 4, "satuan": "unit", "kondisi": "Baik"}
        ],
    )


def _satu_baris(teks: str) -> str:
    return " ".join(teks.split())


def test_ikhtisar_gives_the_figures_and_the_gap(bahan):
    teks = draf.ikhtisar_eksekutif(bahan)
    polos = _satu_baris(teks)
    assert "1 dari 2 indikator tujuan dan sasaran yang terukur mencapai targetnya" in polos
    assert "Dari pagu anggaran sebesar Rp 1.000.000 terealisasi Rp 800.000 atau 80,00%" in polos
    assert "Indikator yang belum mencapai target:" in teks
    assert (
        "- Persentase desa tertib administrasi: target 100%, realisasi 60%, capaian 60,00%" in teks
    )
    assert "penyebab: pendampingan desa tertunda." in teks
    assert "- Persentase layanan tepat waktu: target 80%, realisasi 90%, capaian 112,50%" in teks


def test_kata_pengantar_and_latar_belakang_name_the_perangkat_daerah(bahan):
    assert "LKjIP) Kecamatan Contoh Tahun 2024" in draf.kata_pengantar(bahan)
    teks = _satu_baris(draf.latar_belakang(bahan))
    assert "Kecamatan Contoh merupakan perangkat daerah Kabupaten Contoh" in teks
    assert "berkedudukan di Jl. Merdeka 1" in teks
    assert "Renstra) Kecamatan Contoh Tahun 2021–2026" in teks


def test_struktur_organisasi_by_kind_of_perangkat_daerah(bahan):
    teks = draf.struktur_organisasi(bahan)
    assert "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan" in teks
    assert "1. menyelenggarakan urusan pemerintahan umum;" in teks
    assert "- Sekretaris Kecamatan." in teks
    dinas = draf.Bahan(_paket(jenis_pd="dinas"), TAHUN, None)
    assert "Kecamatan Nomor 17" not in draf.struktur_organisasi(dinas)
    assert "peraturan kepala daerah" in draf.struktur_organisasi(dinas)


def test_sdm_counts_the_first_grouping_and_sarpras_lists_rows(bahan):
    teks = _satu_baris(draf.sdm(bahan))
    assert "didukung oleh 14 pegawai, terdiri atas 10 PNS dan 4 non-PNS" in teks
    assert draf.sarana_prasarana(bahan).endswith("- Kendaraan roda dua: 4 unit, kondisi baik.")
    kosong = draf.Bahan(bahan.paket, TAHUN, bahan.hasil)
    assert draf.sdm(kosong) == "" and draf.sarana_prasarana(kosong) == ""


def test_aspek_strategis_lists_the_renstra_and_the_missed_indicator(bahan):
    teks = draf.aspek_strategis(bahan)
    assert "- Tujuan: Meningkatnya pelayanan;\n- Sasaran: Layanan tepat waktu;" in teks
    assert "belum mencapai target:\n- Persentase desa tertib administrasi" in teks


def test_landasan_hukum_is_one_regulation_per_line_and_prints_as_a_numbered_list(bahan):
    teks = draf.landasan_hukum(bahan)
    baris = teks.split("\n")
    assert baris[0] == "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;"
    assert "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan;" in baris
    assert baris[-1] == "Perjanjian Kinerja Kecamatan Contoh Tahun 2024."
    (daftar,) = blok_narasi(teks, selalu_daftar=True)
    assert len(daftar.butir) == len(baris)


def test_capaian_kinerja_per_indicator_with_the_renstra_end_target_and_the_cause(bahan):
    teks = draf.capaian_kinerja(bahan)
    assert "tingkat kemajuan terhadap target akhir Renstra 112,50%" in teks
    assert "belum tercapai karena pendampingan desa tertunda." in teks
    assert draf.capaian_kinerja(draf.Bahan(bahan.paket, TAHUN, None)) == ""


def test_kesimpulan_and_rekomendasi_follow_the_figures(bahan):
    teks = _satu_baris(draf.kesimpulan(bahan))
    assert "1 dari 2 indikator tujuan dan sasaran yang terukur mencapai targetnya" in teks
    assert "Persentase desa tertib administrasi" in teks
    rek = draf.rekomendasi(bahan)
    assert "- meningkatkan capaian Persentase desa tertib administrasi" in rek
    assert "sebesar 60,00% agar mencapai target;" in rek


def test_without_figures_every_required_section_still_has_a_text(bahan):
    tanpa = draf.Bahan(bahan.paket, TAHUN, None)
    for b in kerangka.BAGIAN:
        if b.wajib:
            assert b.draf, b.kunci
            assert draf.draf_bagian(tanpa, b.kunci), b.kunci
            assert draf.draf_bagian(bahan, b.kunci), b.kunci


def test_the_outline_and_the_draft_functions_agree():
    """A section marked ``draf`` in the outline always has a draft function, and a section
    with no draft function is not marked (the readiness check trusts the mark)."""
    for b in kerangka.BAGIAN:
        if b.draf:
            assert b.kunci in draf.DRAF, b.kunci
    assert set(draf.DRAF) <= set(kerangka.PER_KUNCI)
    assert draf.draf_bagian(draf.Bahan(_paket(), TAHUN, None), "tindak_lanjut") == ""


def test_every_draft_parses_into_blocks(bahan):
    for kunci, teks in draf.semua_draf(bahan).items():
        assert blok_narasi(teks, selalu_daftar=kunci == "landasan_hukum"), kunci
