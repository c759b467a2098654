"""Nothing inconsistent is printed in silence: every consistency finding of the year is
printed under the table it concerns (a flagged budget row on its own page) and in the
closing lampiran "Catatan Konsistensi Data"; rounding never changes a verdict."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command

from kinerja.engine.angka import Nilai
from laporan.dokumen import Tabel, susun_dokumen
from laporan.dokumen import loader as dokumen_loader
from laporan.dokumen.blocks import CatatanKonsistensi, Paragraf
from laporan.dokumen.sentences import kalimat_efisiensi
from tests.laporan.data_alur import jelaskan_temuan

pytestmark = pytest.mark.django_db

D = Decimal
paket_asli = dokumen_loader.paket_muat
# Findings no table of the document shows (only the lampiran lists them).
TANPA_TABEL = {"tanggal_laporan", "target_triwulan_kosong"}


def _teks(blok) -> str:
    if isinstance(blok, Tabel):
        return "\n".join(s.teks for b in blok.baris for s in b.sel)
    if isinstance(blok, CatatanKonsistensi):
        return "\n".join(f"{x.tanda} {x.teks}" for x in blok.butir)
    if isinstance(blok, Paragraf):
        return str(blok.isi)
    return ""


def _lampiran_catatan(dok):
    (bab,) = [b for b in dok.lampiran if "Catatan Konsistensi Data" in b.judul]
    return bab


def _dengan_paket(ubah):
    """Patch the document's loader so that the year's data package is changed by ``ubah``."""

    def muat(pd, tahun=None, *args, **kwargs):
        paket = paket_asli(pd, tahun, *args, **kwargs)
        if tahun == 2024:
            ubah(paket.cari_tahun(2024), paket)
        return paket

    return mock.patch.object(dokumen_loader, "paket_muat", side_effect=muat)


@pytest.mark.parametrize("kunci", ["a", "b", "lain"])
def test_demo_draft_prints_every_finding_under_its_table_and_in_the_lampiran(demo, kunci):
    dok = susun_dokumen(demo[kunci], 2024)
    temuan = {x.kunci: x for x in dok.hasil.temuan}
    assert temuan, "the demo data keep findings"
    bab = _lampiran_catatan(dok)
    tabel = bab.blok[1]
    assert len(tabel.baris) == len(temuan)
    # A draft: nothing explained yet, said so and marked.
    assert all(b.sel[2].teks == "Belum dijelaskan" for b in tabel.baris)
    assert all(b.kelas == "belum-dijelaskan" for b in tabel.baris)
    assert "belum dijelaskan" in str(bab.blok[0].isi)
    isi_bab = "\n".join(_teks(x) for b in dok.bab for x in b.blok)
    for baris in tabel.baris:
        tanda, teks, _, tempat = (s.teks for s in baris.sel)
        x = next(x for x in temuan.values() if x.pesan.rstrip(".").lower() in teks.lower())
        tanpa_tabel = x.jenis in TANPA_TABEL or (
            x.jenis == "jumlah_tidak_sesuai" and x.lokasi.startswith("PK ")
        )
        if tanpa_tabel:
            assert tempat == "Lampiran ini", teks
            assert tanda not in isi_bab
        else:
            assert tempat.startswith("Tabel "), teks
            # printed in a chapter with the same mark and its whole message
            assert f"{tanda} " in isi_bab and x.pesan.rstrip(".").lower() in isi_bab.lower(), teks


def test_randublatung_kegiatan_row_is_flagged_on_its_page(demo, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    keluar = tmp_path / "randublatung.pdf"
    call_command(
        "cetak_lkjip", "--pd", "33.16.05", "--tahun", "2024", "--keluar", str(keluar),
        stdout=StringIO(),
    )  # fmt: skip
    teks = subprocess.run(
        ["pdftotext", str(keluar), "-"], capture_output=True, text=True, check=True
    ).stdout
    halaman = teks.split("\f")
    (hal,) = [h for h in halaman if "Kegiatan Pemberdayaan Kelurahan *" in h]
    assert "Realisasi Anggaran Kecamatan Randublatung" in "".join(halaman[: halaman.index(hal) + 1])
    baris = next(x for x in hal.splitlines() if "Kegiatan Pemberdayaan Kelurahan *" in x)
    tanda = baris.rsplit("*", 1)[1].split(",")[0].rstrip(")")
    # The note of the row on the same page: what is wrong and that it is not explained.
    assert f"*{tanda}) Catatan konsistensi data" in hal
    datar = " ".join(hal.split())
    assert "realisasi 7.01.03.2.02 tertulis Rp 2.315.911.670, sedangkan jumlah rinciannya" in datar
    assert "Rp 3.206.667.601" in datar and "Belum dijelaskan" in datar
    # The closing lampiran lists it with the same mark.
    akhir = " ".join(teks[teks.rindex("Catatan Konsistensi Data Tahun 2024") :].split())
    assert f"*{tanda}) Realisasi anggaran 7.01.03.2.02: realisasi 7.01.03.2.02 tertulis" in akhir


def test_percentage_realisasi_above_100_gets_a_note_under_its_table(demo):
    def ubah(th, paket):
        th.realisasi["IKS-1"] = [Nilai(D(94)), Nilai(D(95)), Nilai(D(96)), Nilai(D(122))]

    with _dengan_paket(ubah):
        dok = susun_dokumen(demo["a"], 2024)
    blok = [x for b in dok.bab for x in b.blok]
    (i,) = [
        i
        for i, x in enumerate(blok)
        if isinstance(x, Tabel) and x.judul.startswith("Capaian Indikator Persentase layanan")
    ]
    assert "122" in _teks(blok[i])
    catatan = blok[i + 1]
    assert isinstance(catatan, CatatanKonsistensi)
    isi = _teks(catatan)
    assert "realisasi 2024 indikator iks-1" in isi.lower() and "bernilai 122,00%" in isi
    assert "harus di antara 0 dan 100" in isi


def test_a_program_pagu_above_its_kegiatan_is_noted_in_bab_ii_and_bab_iii(demo):
    def ubah(th, paket):
        dpa = th.dpa_berlaku()
        dpa.pagu["7.01.04"] = dpa.pagu["7.01.04"] + D(15_310_000)

    with _dengan_paket(ubah):
        dok = susun_dokumen(demo["a"], 2024)
    bab2, bab3 = dok.bab[1], dok.bab[2]
    pesan = "pagu 7.01.04 tertulis Rp 24.320.000, sedangkan jumlah rinciannya Rp 9.010.000"
    for bab, judul in ((bab2, "Anggaran Program"), (bab3, "Realisasi Anggaran")):
        (tabel,) = [x for x in bab.blok if isinstance(x, Tabel) and x.judul.startswith(judul)]
        (baris,) = [b for b in tabel.baris if b.sel[0].teks == "7.01.04"]
        assert "*" in baris.sel[1].teks  # the row is marked
        catatan = tabel.baris[tabel.baris.index(baris) + 1]
        assert catatan.kelas == "catatan" and pesan in catatan.sel[0].teks
        sesudah = bab.blok[bab.blok.index(tabel) + 1]
        assert isinstance(sesudah, CatatanKonsistensi)


def test_rounding_never_puts_a_value_onto_a_verdict_boundary(demo):
    def ubah(th, paket):
        # Realisasi of every sub kegiatan equal to its pagu, short by 270 in program
        # 7.01.04 (99,997%) and by 96.781 in 7.01.03: the programs of sasaran IKS-1
        # (capaian 100%) are then 0,0028% short of their pagu.
        pagu = th.dpa_berlaku().pagu
        sub = [s.kode for p in paket.program for k in p.kegiatan for s in k.sub_kegiatan]
        th.realisasi_anggaran = {kode: pagu[kode] for kode in sub if kode in pagu}
        th.realisasi_anggaran["7.01.04.2.01.01"] -= 270
        th.realisasi_anggaran["7.01.03.2.02.02"] -= 96_781

    with _dengan_paket(ubah):
        dok = susun_dokumen(demo["a"], 2024)
    bab3 = dok.bab[2]
    (tabel,) = [x for x in bab3.blok if isinstance(x, Tabel) and x.judul.startswith("Realisasi")]
    (baris,) = [b for b in tabel.baris if b.sel[0].teks == "7.01.04"]
    assert baris.sel[-1].teks == "99,997%"
    (efisiensi,) = [x for x in bab3.blok if isinstance(x, Tabel) and "Efisiensi" in x.judul]
    (sasaran,) = [b for b in efisiensi.baris if "sesuai SOP" in b.sel[0].teks]
    nilai, kategori = sasaran.sel[5].teks, sasaran.sel[6].teks
    assert kategori == "Efisien" and nilai != "0,00%" and nilai.startswith("0,00")
    assert D(nilai.removesuffix("%").replace(",", ".")) > 0
    kalimat = [
        str(x.isi) for x in bab3.blok if isinstance(x, Paragraf) and "efisiensinya" in str(x.isi)
    ]
    (kal,) = [
        k
        for k in kalimat
        if "(penyerapan 99,997%). Dengan capaian kinerja 100,00%, efisiensinya" in k
    ]
    assert f"efisiensinya {nilai} dengan kategori <strong>Efisien</strong>" in kal
    assert nilai == "0,003%"
    # Only an efficiency of exactly zero prints "0,00%" (here: penyerapan exactly 100%).
    for k in kalimat:
        if "efisiensinya 0,00%" in k:
            assert "(penyerapan 100,00%)" in k and "capaian kinerja 100,00%" in k


def test_missing_capaian_is_said_plainly_in_the_efficiency_sentence():
    ef = {"capaian": None, "nilai": D("0.4"), "metode": "hemat-anggaran", "kategori": "Efisien"}
    kalimat = str(kalimat_efisiensi(ef, "sasaran"))
    assert "capaian kinerja -" not in kalimat.lower()
    assert "Capaian kinerja sasaran ini belum tersedia" in kalimat
    assert "belum dapat dinilai" in kalimat and "Efisien" not in kalimat
    ef = {"capaian": None, "nilai": None, "metode": "selisih", "kategori": "Tidak Dapat Dihitung"}
    assert "belum dapat dinilai" in str(kalimat_efisiensi(ef, "tujuan"))
    ef = {"capaian": D(100), "nilai": D("0.0028"), "metode": "selisih", "kategori": "Efisien"}
    assert "efisiensinya 0,003% dengan kategori" in str(kalimat_efisiensi(ef, "tujuan"))


def test_explained_findings_print_their_explanation_everywhere(demo):
    pd = demo["a"]
    jelaskan_temuan(pd)
    dok = susun_dokumen(pd, 2024)
    tabel = _lampiran_catatan(dok).blok[1]
    assert not any(b.sel[2].teks == "Belum dijelaskan" for b in tabel.baris)
    assert all(b.kelas == "" for b in tabel.baris)
    assert "seluruhnya telah dijelaskan" in str(_lampiran_catatan(dok).blok[0].isi)
    isi_bab = "\n".join(_teks(x) for b in dok.bab for x in b.blok)
    assert "Belum dijelaskan" not in isi_bab
    assert "Penjelasan perangkat daerah: Angka mengikuti dokumen sumber (jumlah_tidak_sesuai)" in (
        isi_bab
    )


def test_a_capaian_just_under_a_predicate_band_is_not_printed_on_its_boundary(demo):
    """Blora's "Baik" starts at 85%: 84,996% is "Cukup" and must not print as 85,00%."""

    def ubah(th, paket):
        th.realisasi["IKT-1"] = [None, None, None, Nilai(D("73.0966"))]  # target 86

    with _dengan_paket(ubah):
        dok = susun_dokumen(demo["a"], 2024)
    (h,) = [i for a in dok.analisis for i in a.indikator if i.hasil.kode == "IKT-1"]
    assert h.hasil.predikat == "Cukup"
    # Tables and sentences (the consistency notes quote the reported figure's check).
    teks = "\n".join(
        _teks(x) for b in dok.bab for x in b.blok if not isinstance(x, CatatanKonsistensi)
    )
    assert "84,996%" in teks and "84,996%" in h.kalimat_capaian
    assert "85,00%" not in teks
    # So does the text drafted from the data (the Ikhtisar Eksekutif names the gap).
    narasi = "\n".join(b.teks for b in dok.narasi.values() if b.draf)
    assert "84,996%" in narasi and "85,00%" not in narasi
