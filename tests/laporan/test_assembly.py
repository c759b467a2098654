"""The LKjIP document as data (laporan.dokumen): figures equal the engine's, bounded
queries, generated sentences, numbering, benchmark against sibling kecamatan."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from interchange.demo import muat_narasi_demo
from interchange.simpan import paket_simpan
from kinerja.engine.capaian import RumusNegatif
from kinerja.engine.efisiensi import MetodeEfisiensi
from kinerja.engine.hitung import HitungError, hitung
from kinerja.engine.predikat import PRESET
from kinerja.models import Indikator, Realisasi, Renstra, RiwayatIndikator, StatusTriwulan, Tahun
from kinerja.paket import types as t
from kinerja.paket.parser import baca_paket, muat_json
from laporan.dokumen import (
    Daftar,
    Judul,
    Kosong,
    Paragraf,
    Tabel,
    blok_narasi,
    susun_dokumen,
)
from laporan.dokumen.data import SUMBER_DITETAPKAN, SUMBER_TRIWULAN
from laporan.kerangka import BAGIAN, kunci_analisis
from laporan.models import LKjIP, Narasi
from laporan.selectors_paket import paket_muat
from laporan.services.tahun import tahun_buka
from lib.format import format_angka, format_persen
from tests.sintetis import buat_pd_sintetis

ROOT = Path(__file__).resolve().parents[2]
WAJIB = {b.kunci for b in BAGIAN if b.wajib}


def _narasi(pd, slug: str) -> None:
    muat_narasi_demo(pd, 2024, ROOT / "fixtures" / "narasi" / f"{slug}-2024.json")


def _blok(dokumen, jenis=None):
    for bab in [*dokumen.bab, *dokumen.lampiran]:
        for b in bab.blok:
            if jenis is None or isinstance(b, jenis):
                yield b


def _teks_tabel(tabel: Tabel) -> list[list[str]]:
    """The figures of the rows, without the consistency notes and their marks ("*1)")."""
    return [
        [re.sub(r" \*[\d,]+\)$", "", s.teks) for s in b.sel]
        for b in tabel.baris
        if b.kelas != "catatan"
    ]


def _tabel(dokumen, awal: str) -> Tabel:
    return next(t for t in dokumen.daftar_tabel if t.judul.startswith(awal))


def _analisis(dokumen, kode: str):
    return next(ai for a in dokumen.analisis for ai in a.indikator if ai.hasil.kode == kode)


# ---------------------------------------------------------------- figures


@pytest.mark.django_db
def test_figures_are_the_engines(demo):
    pd = demo["a"]
    dokumen = susun_dokumen(pd, 2024)
    hasil = hitung(paket_muat(pd), 2024)
    per_kode = hasil.indikator_per_kode()
    kode_analisis = [ai.hasil.kode for a in dokumen.analisis for ai in a.indikator]
    assert kode_analisis == ["IKT-1", "IKS-1", "IKT-2", "IKS-2"]
    for a in dokumen.analisis:
        for ai in a.indikator:
            h = per_kode[ai.hasil.kode]
            assert (ai.hasil.capaian, ai.hasil.predikat, ai.hasil.tingkat_kemajuan) == (
                h.capaian,
                h.predikat,
                h.tingkat_kemajuan,
            )
            # The year's row of the history is the engine's figure.
            assert ai.riwayat[-1].capaian == h.capaian
        ef = {e["kode"]: e for e in hasil.efisiensi}[a.kode]
        assert a.efisiensi["nilai"] == ef["nilai"]
        assert a.efisiensi["kategori"] == ef["kategori"]

    # The summary table prints the engine's capaian, predicate and rule.
    ringkasan = _teks_tabel(_tabel(dokumen, "Capaian Indikator Tujuan dan Sasaran"))
    ikm = next(r for r in ringkasan if r[2].startswith("Indeks Kepuasan Masyarakat"))
    assert ikm[3:7] == ["86", "88", "102,33%", "Sangat Baik"]
    assert ikm[7].startswith("R/T × 100; polaritas positif; nilai akhir tahun; target PK perubahan")

    # Budget table: every row is the engine's, total 6.778.100.000 / 98,34%.
    anggaran = _teks_tabel(_tabel(dokumen, "Realisasi Anggaran Kecamatan Randublatung"))
    per_anggaran = hasil.anggaran_per_kode()
    for row in anggaran[:-1]:
        a = per_anggaran[row[0]]
        assert row[2] == format_angka(a["pagu"], 0), row[0]
        assert row[4] == format_persen(a["penyerapan"]), row[0]
    assert anggaran[-1] == ["Jumlah", "6.778.100.000", "6.665.285.195", "98,34%"]
    assert ["7.01.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"] == (
        anggaran[0][:2]
    )
    assert anggaran[0][4] == "97,01%"

    # Efficiency table with the pemda's method stated.
    efisiensi = _teks_tabel(_tabel(dokumen, "Efisiensi Penggunaan Anggaran"))
    assert efisiensi[0][1:] == [
        "102,33%",
        "3.466.099.100",
        "3.452.287.601",
        "99,60%",
        "2,72%",
        "Efisien",
    ]
    teks = " ".join(str(b.isi) for b in _blok(dokumen, Paragraf))
    assert "efisien apabila capaian kinerja mencapai 100% atau lebih besar" in teks


@pytest.mark.django_db
def test_capped_capaian_shows_the_rule(demo):
    dokumen = susun_dokumen(demo["lain"], 2024)
    ai = _analisis(dokumen, "IKS-1")
    assert ai.hasil.capaian_skor == 100
    assert "100,16%" in ai.kalimat_capaian
    assert "dihitung 100,00% sesuai batas capaian pemda" in ai.kalimat_capaian
    ringkasan = _teks_tabel(_tabel(dokumen, "Capaian Indikator Tujuan dan Sasaran"))
    akip = next(r for r in ringkasan if r[2].startswith("Nilai Evaluasi AKIP"))
    assert akip[3] == "BB (73,75)"
    assert akip[5] == "100,16%"
    assert "(dibatasi maks. 100)" in akip[7]


@pytest.mark.django_db
def test_pk_perubahan_and_both_pk_in_the_lampiran(demo):
    dokumen = susun_dokumen(demo["a"], 2024)
    beda = _tabel(dokumen, "Perbedaan PK Murni dan PK Perubahan")
    baris = _teks_tabel(beda)
    assert baris[-1] == [
        "Jumlah anggaran program",
        "6.176.100.000",
        "6.778.100.000",
        "+602.000.000",
    ]
    assert ["Target Nilai SAKIP Perangkat Daerah", "75", "75", "tetap"] in baris
    teks = " ".join(str(b.isi) for b in _blok(dokumen, Paragraf))
    assert "bertambah Rp 602.000.000 dari Rp 6.176.100.000 menjadi Rp 6.778.100.000" in teks
    judul = [b.judul for b in dokumen.lampiran]
    assert judul[:2] == [
        "Lampiran 1. Perjanjian Kinerja Tahun 2024 (PK murni)",
        "Lampiran 2. Perjanjian Kinerja Tahun 2024 (PK perubahan)",
    ]
    murni = dokumen.lampiran[0]
    pihak = [b for b in murni.blok if b.jenis == "pihak"]
    assert [p.jabatan for p in pihak] == ["CAMAT RANDUBLATUNG", "BUPATI BLORA"]
    assert pihak[0].nama == "Drs. Sutrisno Wibowo, M.Si"
    ttd = next(b for b in murni.blok if b.jenis == "ttd_ganda")
    assert ttd.tempat_tanggal == "Blora, 11 Januari 2024"
    assert ttd.kanan.nip == "NIP. 19680314 199403 1 007"
    assert ttd.kiri.nip == ""  # the bupati signs without NIP
    program = [b for b in murni.blok if isinstance(b, Tabel)][1]
    assert _teks_tabel(program)[-1][:2] == ["Jumlah", "6.176.100.000"]


@pytest.mark.django_db
def test_identity_and_signature(demo):
    dokumen = susun_dokumen(demo["a"], 2024)
    i = dokumen.identitas
    assert (i.pd_nama, i.pemda_nama, i.tahun) == ("Kecamatan Randublatung", "Kabupaten Blora", 2024)
    assert i.tempat_tanggal == "Blora, 14 April 2025"
    assert dokumen.penutup.jabatan == "CAMAT RANDUBLATUNG"
    assert dokumen.penutup.nama == "Drs. Sutrisno Wibowo, M.Si"
    assert dokumen.penutup.pangkat == "Pembina Tingkat I"
    assert dokumen.penutup.nip == "NIP. 19680314 199403 1 007"


# ---------------------------------------------------------------- sentences


@pytest.mark.django_db
def test_generated_sentences_increase_decrease_no_change(demo):
    dokumen = susun_dokumen(demo["a"], 2024)
    ikm = _analisis(dokumen, "IKT-1")
    assert ikm.kalimat_riwayat == [
        "Realisasi tahun 2023 sebesar 88,21 meningkat sebesar 2,43% dibandingkan tahun 2022 yang "
        "sebesar 86,12.",
        "Realisasi tahun 2024 sebesar 88 menurun sebesar 0,24% dibandingkan tahun 2023 yang "
        "sebesar 88,21.",
    ]
    sakip = _analisis(dokumen, "IKT-2")
    assert "meningkat sebesar 7,18% dibandingkan tahun 2023" in sakip.kalimat_riwayat[-1]
    administrasi = _analisis(dokumen, "IKS-2")
    assert administrasi.kalimat_riwayat[-1] == (
        "Realisasi tahun 2024 sebesar 100% tidak berubah dibandingkan tahun 2023 yang sebesar 100%."
    )
    assert ikm.kalimat_capaian == (
        "Realisasi indikator Indeks Kepuasan Masyarakat (IKM) di Kecamatan tahun 2024 sebesar 88 "
        "dari target 86 (PK perubahan), sehingga capaian kinerjanya 102,33% dengan predikat "
        "Sangat Baik. Target tahun ini tercapai."
    )
    assert ikm.kalimat_kemajuan == (
        "Dibandingkan target akhir Renstra tahun 2026 sebesar 86,5, realisasi tahun 2024 mencapai "
        "tingkat kemajuan 101,73%, sehingga target akhir Renstra telah terlampaui atau tercapai."
    )


@pytest.mark.django_db
def test_a_year_lived_in_the_application_is_an_earlier_year_of_the_next(demo):
    """2024 was imported as a year (not as history); the LKjIP of 2025 compares with it."""
    pd = demo["a"]
    tahun_buka(pd=pd, tahun=2025, pengguna=None)
    Realisasi.objects.create(
        indikator=Indikator.objects.get(renstra__perangkat_daerah=pd, kode="IKT-1"),
        tahun=2025,
        triwulan=4,
        nilai=Decimal("87.5"),
    )
    ikm = _analisis(susun_dokumen(pd, 2025), "IKT-1")
    assert [r.tahun for r in ikm.riwayat] == [2022, 2023, 2024, 2025]
    lalu = ikm.riwayat[2]
    assert (lalu.target, lalu.realisasi) == (Decimal(86), Decimal(88))
    assert format_persen(lalu.capaian) == "102,33%"  # against the PK perubahan of 2024
    assert ikm.kalimat_riwayat[-1] == (
        "Realisasi tahun 2025 sebesar 87,5 menurun sebesar 0,57% dibandingkan tahun 2024 yang "
        "sebesar 88."
    )


@pytest.mark.django_db
def test_no_change_when_equal_and_decrease_of_previous_value(demo):
    pd = demo["a"]
    RiwayatIndikator.objects.filter(
        indikator__renstra__perangkat_daerah=pd, indikator__kode="IKT-1", tahun=2023
    ).update(realisasi=Decimal(88))
    ikm = _analisis(susun_dokumen(pd, 2024), "IKT-1")
    assert ikm.kalimat_riwayat == [
        "Realisasi tahun 2023 sebesar 88 meningkat sebesar 2,18% dibandingkan tahun 2022 yang "
        "sebesar 86,12.",
        "Realisasi tahun 2024 sebesar 88 tidak berubah dibandingkan tahun 2023 yang sebesar 88.",
    ]


@pytest.mark.django_db
def test_missed_target_without_a_note_needs_an_analysis(demo):
    pd = demo["lain"]
    ai = _analisis(susun_dokumen(pd, 2024), "IKS-2")
    assert ai.hasil.tercapai is False
    assert ai.penyebab  # the realisasi notes explain it
    assert not ai.wajib_analisis
    Realisasi.objects.filter(
        indikator__renstra__perangkat_daerah=pd, indikator__kode="IKS-2"
    ).update(catatan="")
    dokumen = susun_dokumen(pd, 2024)
    ai = _analisis(dokumen, "IKS-2")
    assert ai.wajib_analisis and not ai.penyebab
    kunci = kunci_analisis("IKS-2")
    assert kunci in [k.kunci for k in dokumen.kosong]
    # The document says it plainly (no "belum diisi"); sign-off stays blocked.
    assert any(
        isinstance(b, Paragraf) and "belum diuraikan oleh" in str(b.isi) for b in _blok(dokumen)
    )
    assert not any(isinstance(b, Kosong) and b.kunci == kunci for b in _blok(dokumen))
    # Writing the analysis fills the gap.
    lkjip = LKjIP.objects.get(perangkat_daerah=pd, tahun=2024)
    Narasi.objects.create(lkjip=lkjip, bagian=kunci, teks="Sarana pelayanan belum memadai.")
    dokumen = susun_dokumen(pd, 2024)
    assert kunci not in [k.kunci for k in dokumen.kosong]
    assert "Sarana pelayanan belum memadai." in [str(b.isi) for b in _blok(dokumen, Paragraf)]


# ---------------------------------------------------------------- narrative


@pytest.mark.django_db
def test_empty_required_sections_are_drafted_from_the_data(demo):
    pd = demo["a"]
    dokumen = susun_dokumen(pd, 2024)
    # Nothing written: every required section prints its draft (laporan.dokumen.draf).
    assert dokumen.kosong == []
    assert not list(_blok(dokumen, Kosong))
    assert {k for k, b in dokumen.narasi.items() if b.draf} >= WAJIB
    assert dokumen.ikhtisar is not None and dokumen.ikhtisar.draf
    _narasi(pd, "randublatung")
    dokumen = susun_dokumen(pd, 2024)
    assert dokumen.kosong == []
    assert not list(_blok(dokumen, Kosong))
    assert not any(b.draf for b in dokumen.narasi.values())
    assert dokumen.ikhtisar is not None
    judul = [b.teks for b in _blok(dokumen, Judul) if b.tingkat == 2]
    assert judul[:7] == [
        "Latar Belakang",
        "Struktur Organisasi dan Tata Kerja",  # title overridden in the narrative file
        "Sumber Daya Manusia",
        "Sarana dan Prasarana",
        "Aspek Strategis dan Permasalahan Utama",
        "Landasan Hukum",
        "Sistematika Penulisan",
    ]
    sdm = [t for t in dokumen.daftar_tabel if t.nomor.startswith("1.")]
    assert [t.judul for t in sdm][:2] == [
        "Pegawai Kecamatan Randublatung menurut Unit Kerja (keadaan Desember 2024)",
        "Pegawai Kecamatan Randublatung menurut Eselon/Jabatan (keadaan Desember 2024)",
    ]
    assert _teks_tabel(sdm[0])[-1] == ["Jumlah", "21", "17", "38"]


def test_narrative_text_to_paragraphs_and_lists():
    blok = blok_narasi(
        "Paragraf satu\nberlanjut.\n\nPermasalahan:\n1. kurang SDM;\n2. kurang <sarana>;\n"
        "- butir\n  lanjutan\n\nPenutup."
    )
    assert [type(b).__name__ for b in blok] == [
        "Paragraf",
        "Paragraf",
        "Daftar",
        "Daftar",
        "Paragraf",
    ]
    assert str(blok[0].isi) == "Paragraf satu berlanjut."
    assert blok[2] == Daftar(["kurang SDM;", "kurang &lt;sarana&gt;;"], True)
    assert blok[3] == Daftar(["butir lanjutan"], False)
    hukum = blok_narasi("1. UU 23/2014\nPerpres 29/2014\n", selalu_daftar=True)
    assert hukum == [Daftar(["UU 23/2014", "Perpres 29/2014"], True)]


# ---------------------------------------------------------------- numbering


@pytest.mark.django_db
def test_tables_and_figures_are_numbered_per_chapter_and_referenced(demo):
    pd = demo["a"]
    _narasi(pd, "randublatung")
    dokumen = susun_dokumen(pd, 2024)
    nomor = [t.nomor for t in dokumen.daftar_tabel]
    for bab in ("1", "2", "3", "4"):
        urut = [n for n in nomor if n.split(".")[0] == bab]
        assert urut == [f"{bab}.{i}" for i in range(1, len(urut) + 1)]
    assert len(set(t.anchor for t in dokumen.daftar_tabel)) == len(nomor)
    # The pohon kinerja in BAB I, then the charts of BAB III.
    assert [g.nomor for g in dokumen.daftar_gambar] == ["1.1", "3.1", "3.2", "3.3", "3.4"]
    # Every "Tabel X.Y" a generated sentence refers to is the next table printed.
    urutan = list(_blok(dokumen))
    rujukan = 0
    for i, b in enumerate(urutan):
        if not isinstance(b, Paragraf):
            continue
        for n in re.findall(r"Tabel (\d+\.\d+)", str(b.isi)):
            assert n in nomor, n
            sesudah = [x.nomor for x in urutan[i:] if isinstance(x, Tabel) and x.nomor]
            assert n in sesudah[:3], (n, str(b.isi))
            rujukan += 1
    assert rujukan > 15
    isi = [e.teks for e in dokumen.daftar_isi]
    assert isi[:5] == [
        "KATA PENGANTAR",
        "IKHTISAR EKSEKUTIF",
        "DAFTAR ISI",
        "DAFTAR TABEL",
        "DAFTAR GAMBAR",
    ]
    assert "BAB III AKUNTABILITAS KINERJA" in isi
    assert "3.2 Realisasi Anggaran" in isi


# ---------------------------------------------------------------- benchmark


def _tetapkan(pd, tahun: int = 2024) -> None:
    """Sign the year off as the workflow does: the register says it is locked."""
    Tahun.objects.update_or_create(perangkat_daerah=pd, tahun=tahun, defaults={"terkunci": True})


@pytest.mark.django_db
def test_benchmark_against_the_other_kecamatan_of_the_pemda(demo):
    a, b = demo["a"], demo["b"]
    # Bogorejo's 2024 is a draft: never compared.
    ikm = _analisis(susun_dokumen(a, 2024), "IKT-1")
    assert ikm.pd_lain == [] and ikm.peringkat_pd is None
    _tetapkan(b)
    dokumen = susun_dokumen(a, 2024)
    hasil_b = hitung(paket_muat(b), 2024).indikator_per_kode()
    ikm = _analisis(dokumen, "IKT-1")
    assert [(x.pd_nama, x.indikator_kode, x.sumber) for x in ikm.pd_lain] == [
        ("Kecamatan Bogorejo", "IKT-1", SUMBER_DITETAPKAN)
    ]
    lain = ikm.pd_lain[0]
    assert lain.realisasi == hasil_b["IKT-1"].realisasi == Decimal("97.25")
    assert lain.capaian == hasil_b["IKT-1"].capaian
    assert lain.predikat == hasil_b["IKT-1"].predikat
    p = ikm.peringkat_pd
    assert (p.n, p.urutan, p.terbaik) == (2, 2, hasil_b["IKT-1"].capaian)
    assert p.terendah == ikm.hasil.capaian
    assert p.median == (p.terbaik + p.terendah) / 2
    # Same name, different code: matched by name (case and spacing ignored).
    sop = _analisis(dokumen, "IKS-1")
    assert [x.pd_nama for x in sop.pd_lain] == ["Kecamatan Bogorejo"]
    # Kesamben is in another pemda: never compared.
    assert all(
        x.pd_kode.startswith("33.16")
        for a_ in dokumen.analisis
        for i in a_.indikator
        for x in i.pd_lain
    )
    tabel = _tabel(dokumen, "Perbandingan Indeks Kepuasan Masyarakat (IKM) di Kecamatan dengan")
    baris = _teks_tabel(tabel)
    assert len(baris) == 2
    assert baris[1] == [
        "2 perangkat daerah Kabupaten Blora dengan indikator yang sama",
        "Peringkat 2 dari 2",
        "-",
        "-",
        format_persen(p.median),
        "Median capaian; terbaik 106,87%, terendah 102,33%; data LKjIP yang telah ditetapkan",
    ]
    kalimat = next(
        str(x.isi)
        for x in _blok(dokumen, Paragraf)
        if tabel.nomor in str(x.isi) and "peringkat 2 dari 2" in str(x.isi)
    )
    assert re.sub(r"<[^>]+>", "", kalimat) == (
        "Capaian Kecamatan Randublatung tahun 2024 sebesar 102,33% berada pada peringkat 2 dari "
        "2 perangkat daerah di Kabupaten Blora dengan indikator yang sama; median "
        f"{format_persen(p.median)}, capaian terbaik 106,87% dan terendah 102,33%, dari data "
        f"LKjIP yang telah ditetapkan (Tabel {tabel.nomor})."
    )


@pytest.mark.django_db
def test_benchmark_approved_quarters_count_and_are_labelled(demo):
    a, b = demo["a"], demo["b"]
    for tw in (1, 2, 3, 4):
        StatusTriwulan.objects.update_or_create(
            perangkat_daerah=b, tahun=2024, triwulan=tw, defaults={"status": "diajukan"}
        )
    # Submitted, not approved: still a draft.
    assert _analisis(susun_dokumen(a, 2024), "IKT-1").pd_lain == []
    StatusTriwulan.objects.filter(perangkat_daerah=b).update(status="disetujui")
    dokumen = susun_dokumen(a, 2024)
    ikm = _analisis(dokumen, "IKT-1")
    assert [(x.pd_nama, x.sumber, x.realisasi) for x in ikm.pd_lain] == [
        ("Kecamatan Bogorejo", SUMBER_TRIWULAN, Decimal("97.25"))
    ]
    assert ikm.peringkat_pd.n == 2
    baris = _teks_tabel(
        _tabel(dokumen, "Perbandingan Indeks Kepuasan Masyarakat (IKM) di Kecamatan dengan")
    )
    assert baris[1][-1].endswith("; data triwulan disetujui, belum ditetapkan")
    # A quarter sent back is not read: only the approved quarters make the annual value.
    StatusTriwulan.objects.filter(perangkat_daerah=b, triwulan=4).update(status="dikembalikan")
    ikm = _analisis(susun_dokumen(a, 2024), "IKT-1")
    assert [x.realisasi for x in ikm.pd_lain] != [Decimal("97.25")]


@pytest.mark.django_db
def test_benchmark_values_entered_by_hand(demo):
    dokumen = susun_dokumen(demo["lain"], 2024)
    akip = _analisis(dokumen, "IKS-1")
    assert [(p.tingkat, p.nilai) for p in akip.pembanding] == [
        ("kabupaten", Decimal("72.33")),
        ("provinsi", Decimal("84.19")),
        ("nasional", Decimal("64.23")),
    ]
    assert akip.pd_lain == []


# ---------------------------------------------------------------- queries


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_indicators():
    kecil = buat_pd_sintetis(10, kode="99.01.01", kode_pemda="99.01")
    besar = buat_pd_sintetis(100, kode="99.02.01", kode_pemda="99.02")
    with CaptureQueriesContext(connection) as q_kecil:
        d_kecil = susun_dokumen(kecil, 2024)
    with CaptureQueriesContext(connection) as q_besar:
        d_besar = susun_dokumen(besar, 2024)
    assert len(d_besar.analisis) == 10 * len(d_kecil.analisis)
    assert len(q_besar.captured_queries) == len(q_kecil.captured_queries) <= 45


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_kecamatan(demo):
    _tetapkan(demo["b"])
    with CaptureQueriesContext(connection) as dua:
        susun_dokumen(demo["a"], 2024)
    for kode in ("33.16.90", "33.16.91"):
        paket = baca_paket(muat_json((ROOT / "fixtures" / "bogorejo-2024.json").read_bytes()))
        paket.perangkat_daerah.kode = kode
        _tetapkan(paket_simpan(paket=paket))
    _tetapkan(demo["b"])
    with CaptureQueriesContext(connection) as empat:
        dokumen = susun_dokumen(demo["a"], 2024)
    assert len(_analisis(dokumen, "IKT-1").pd_lain) == 3
    assert _analisis(dokumen, "IKT-1").peringkat_pd.n == 4
    assert len(empat.captured_queries) == len(dua.captured_queries) <= 50


@pytest.mark.django_db
def test_a_year_without_data_is_refused(demo):
    with pytest.raises(HitungError, match="tidak ada data tahun 2019"):
        susun_dokumen(demo["a"], 2019)
    Renstra.objects.filter(perangkat_daerah=demo["b"]).delete()
    with pytest.raises(HitungError, match="Kecamatan Bogorejo belum memiliki Renstra"):
        susun_dokumen(demo["b"], 2024)


@pytest.mark.django_db
def test_minimal_data_still_make_a_document():
    paket = t.Paket(
        pemda=t.Pemda(
            kode="98.01",
            nama="Kabupaten Contoh",
            aturan=t.Aturan(
                skala=PRESET["blora"],
                skala_preset="blora",
                rumus_negatif=RumusNegatif.DUA_T_KURANG_R,
                batas_atas_capaian=None,
                batas_bawah_capaian=None,
                metode_efisiensi=MetodeEfisiensi.RASIO,
            ),
        ),
        perangkat_daerah=t.PerangkatDaerah(kode="98.01.01", nama="Kecamatan Contoh"),
        renstra=t.Renstra(mulai=2024, selesai=2026, tujuan=[t.Tujuan(kode="T1", uraian="Tujuan")]),
        tahun=[t.Tahun(tahun=2024)],
    )
    dokumen = susun_dokumen(paket_simpan(paket=paket), 2024)
    assert dokumen.analisis == []
    assert dokumen.identitas.kepala is None
    assert dokumen.penutup.nama.startswith("……")
    teks = " ".join(str(b.isi) for b in _blok(dokumen, Paragraf))
    assert "Belum ada Perjanjian Kinerja tahun 2024 yang tercatat." in teks
    assert "Belum ada DPA tahun 2024 yang tercatat." in teks
