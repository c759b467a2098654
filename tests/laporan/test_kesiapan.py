"""Readiness of the LKjIP: what is missing before it may be submitted and signed, with links."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.models import Indikator, Pejabat, Realisasi
from laporan.kerangka import BAGIAN
from laporan.models import LKjIP
from laporan.selectors import data_kesiapan
from laporan.services.kesiapan import draf_belum_diperiksa, kesiapan_lkjip
from tests.laporan.data_alur import (
    jelaskan_temuan,
    kunci_temuan,
    lengkapi,
    narasi_wajib,
    realisasi,
    tambah_bukti,
    tulis_narasi,
)
from tests.sintetis import buat_pd_sintetis

URL = "/pd/33.16.05/2024/lkjip/kesiapan/"
WAJIB = [b.kunci for b in BAGIAN if b.wajib]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _ind_id(pd, kode: str) -> int:
    return Indikator.objects.get(renstra__perangkat_daerah=pd, kode=kode).pk


def _jenis(kurang) -> list[tuple[str, str]]:
    return [(k.jenis, k.kode) for k in kurang]


def _gagal_ikt2(pd, *, catatan: str = "") -> None:
    """IKT-2 (Nilai SAKIP, target 75) realised at 60 in TW IV: 80%, below the 100% threshold."""
    r = realisasi(pd, "IKT-2")
    r.nilai, r.catatan = Decimal(60), catatan
    r.save()


# --------------------------------------------------------------------------- the service


def _draf(pd) -> list[str]:
    return [k.kode for k in draf_belum_diperiksa(data_kesiapan(pd, 2024))]


def test_demo_year_lacks_evidence_and_its_narratives_are_drafts(demo):
    kurang = kesiapan_lkjip(demo["a"], 2024)
    # Both PK indicators (IKT-1, IKT-2) have their TW IV realisasi but no evidence, in
    # document order, then every open consistency finding. The required narrative
    # sections print their drafts from the data: warnings, not blockers.
    assert _jenis(kurang) == [("bukti", "IKT-1"), ("bukti", "IKT-2")] + [
        ("temuan", k) for k in kunci_temuan(demo["a"])
    ]
    bukti = kurang[0]
    assert bukti.pesan == (
        "Bukti dukung IKT-1 (Indeks Kepuasan Masyarakat (IKM) di Kecamatan) tahun 2024 belum "
        "diunggah."
    )
    ikt1 = _ind_id(demo["a"], "IKT-1")
    assert [(t.label, t.url) for t in bukti.tautan] == [
        ("Unggah bukti TW IV", f"/pd/33.16.05/2024/realisasi/4/#baris-{ikt1}")
    ]
    draf = draf_belum_diperiksa(data_kesiapan(demo["a"], 2024))
    assert [k.kode for k in draf] == WAJIB
    assert draf[0].pesan == (
        "Narasi “Kata Pengantar” masih memakai draf otomatis dari data yang belum diperiksa."
    )
    assert draf[0].tautan[0].url == "/pd/33.16.05/2024/lkjip/#bagian-kata_pengantar"


def test_complete_year_is_ready(demo):
    lengkapi(demo["a"])
    assert kesiapan_lkjip(demo["a"], 2024) == []


def test_ready_means_the_document_has_no_empty_required_part(demo):
    from laporan.dokumen import susun_dokumen

    lengkapi(demo["a"])
    _gagal_ikt2(demo["a"], catatan="Nilai SAKIP turun karena dokumen evaluasi terlambat.")
    # The new realisasi no longer matches a figure of the source report: a new finding.
    assert _jenis(kesiapan_lkjip(demo["a"], 2024)) == [
        ("temuan", "angka_dilaporkan_tidak_sesuai|IKT-2|tingkat kemajuan IKT-2")
    ]
    jelaskan_temuan(demo["a"])
    assert kesiapan_lkjip(demo["a"], 2024) == []
    assert susun_dokumen(demo["a"], 2024).kosong == []


def test_whitespace_is_not_a_narrative(demo):
    lengkapi(demo["a"])
    tulis_narasi(demo["a"], "kesimpulan", "  \n\t ")
    assert kesiapan_lkjip(demo["a"], 2024) == []
    assert _draf(demo["a"]) == ["kesimpulan"]


def test_optional_sections_are_not_required(demo):
    lengkapi(demo["a"])
    opsional = [b.kunci for b in BAGIAN if not b.wajib]
    assert "tindak_lanjut" in opsional and "sistematika" in opsional
    assert "ikhtisar_eksekutif" not in opsional  # PermenPANRB 53/2014
    assert kesiapan_lkjip(demo["a"], 2024) == []
    assert _draf(demo["a"]) == []


def test_missing_tw4_realisasi_of_a_final_value_indicator(demo):
    lengkapi(demo["a"])
    # IKT-1 is nilai-akhir: only TW IV makes its annual value.
    r = realisasi(demo["a"], "IKT-1")
    r.nilai = None
    r.save()
    kurang = kesiapan_lkjip(demo["a"], 2024)
    # The engine finds the empty quarter too; that finding closes with the realisasi.
    assert _jenis(kurang) == [
        ("realisasi", "IKT-1"),
        ("temuan", "triwulan_kosong|IKT-1|indikator IKT-1"),
    ]
    assert kurang[0].pesan == (
        "Realisasi IKT-1 (Indeks Kepuasan Masyarakat (IKM) di Kecamatan) triwulan IV tahun "
        "2024 belum diisi."
    )
    assert kurang[0].tautan[0].url == "/pd/33.16.05/2024/realisasi/4/"


def _bukti_pada(pd, kode: str, tahun: int, triwulan: int) -> None:
    """Evidence on a row holding only evidence (as an upload before any value creates it)."""
    from django.core.files.base import ContentFile

    from kinerja.models import BuktiDukung

    r, _ = Realisasi.objects.get_or_create(
        indikator_id=_ind_id(pd, kode), tahun=tahun, triwulan=triwulan, defaults={"versi": 0}
    )
    b = BuktiDukung(realisasi=r, nama_asli="foto.pdf", ukuran=9, jenis="pdf")
    b.berkas.save("foto.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    b.save()


def test_evidence_on_any_quarter_of_the_year_counts(demo):
    pd = demo["a"]
    narasi_wajib(pd)
    jelaskan_temuan(pd)
    _bukti_pada(pd, "IKT-1", 2024, 2)
    _bukti_pada(pd, "IKT-2", 2023, 4)
    # IKT-1's evidence of TW II counts; IKT-2's evidence of 2023 does not.
    assert _jenis(kesiapan_lkjip(pd, 2024)) == [("bukti", "IKT-2")]


def test_missed_target_needs_a_note_or_an_analysis(demo):
    pd = demo["a"]
    lengkapi(pd)
    _gagal_ikt2(pd)
    jelaskan_temuan(pd)
    kurang = kesiapan_lkjip(pd, 2024)
    assert _jenis(kurang) == [("catatan", "IKT-2")]
    k = kurang[0]
    assert k.pesan == (
        "Capaian IKT-2 (Nilai SAKIP Perangkat Daerah) 80,00% di bawah ambang tercapai 100%: "
        "tuliskan penyebab dan solusinya pada catatan realisasi atau pada analisis indikator."
    )
    ikt2 = _ind_id(pd, "IKT-2")
    assert [t.url for t in k.tautan] == [
        f"/pd/33.16.05/2024/realisasi/4/#baris-{ikt2}",
        "/pd/33.16.05/2024/lkjip/#bagian-analisis-IKT-2",
    ]
    # An analysis text explains it…
    tulis_narasi(pd, "analisis:IKT-2", "Penilaian SAKIP menurun karena dokumen terlambat.")
    assert kesiapan_lkjip(pd, 2024) == []
    # …and so does a realisasi note.
    tulis_narasi(pd, "analisis:IKT-2", "")
    _gagal_ikt2(pd, catatan="Dokumen evaluasi terlambat diunggah.")
    assert kesiapan_lkjip(pd, 2024) == []


def test_missing_kepala_official(demo):
    pd = demo["a"]
    lengkapi(pd)
    # The signer is the kepala among the officials of the year (kinerja.penandatangan).
    Pejabat.objects.filter(perangkat_daerah=pd, tahun=2024, kepala=True).delete()
    pd.refresh_from_db()
    kurang = kesiapan_lkjip(pd, 2024)
    assert _jenis(kurang) == [("kepala", "")]
    assert "penandatangan LKjIP" in kurang[0].pesan
    assert kurang[0].tautan[0].url == "/pd/33.16.05/2024/pejabat/"


def test_year_without_data(demo):
    kurang = kesiapan_lkjip(demo["a"], 2031)
    assert kurang[0].jenis == "data"
    assert kurang[0].pesan.startswith("Belum ada data kinerja tahun 2031")


def test_sum_type_indicator_needs_every_quarter(db):
    # The synthetic kecamatan: IKS-2 is tipe jumlah with TW I and II reported only.
    pd = buat_pd_sintetis(2, kode="99.01.01", kode_pemda="99.01")
    LKjIP.objects.get_or_create(perangkat_daerah=pd, tahun=2024)
    kurang = {(k.jenis, k.kode): k for k in kesiapan_lkjip(pd, 2024)}
    assert kurang[("realisasi", "IKS-2")].pesan == (
        "Realisasi IKS-2 (Indikator sintetis 2) triwulan III dan IV tahun 2024 belum diisi."
    )
    assert kurang[("realisasi", "IKS-2")].tautan[0].url == "/pd/99.01.01/2024/realisasi/3/"
    # IKS-1 is nilai-akhir without any value: only TW IV is asked for.
    assert kurang[("realisasi", "IKS-1")].pesan.endswith("triwulan IV tahun 2024 belum diisi.")


def _kueri(n: int, kode: str) -> int:
    pd = buat_pd_sintetis(n, kode=kode, kode_pemda=f"9{n}.01")
    LKjIP.objects.get_or_create(perangkat_daerah=pd, tahun=2024)
    with CaptureQueriesContext(connection) as q:
        kurang = kesiapan_lkjip(pd, 2024)
    assert len([k for k in kurang if k.jenis == "bukti"]) == n
    return len(q)


def test_query_count_does_not_grow_with_indicators(db):
    assert _kueri(10, "99.10.01") == _kueri(100, "99.11.01")


# --------------------------------------------------------------------------- the page


def test_page_lists_what_is_missing_with_links(client, operator_a, demo):
    client.force_login(operator_a)
    r = client.get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    jumlah = 2 + len(kunci_temuan(demo["a"]))
    assert f"Belum siap ditetapkan: {jumlah} hal belum lengkap" in html
    ikt1 = _ind_id(demo["a"], "IKT-1")
    assert f'href="/pd/33.16.05/2024/realisasi/4/#baris-{ikt1}">Unggah bukti TW IV</a>' in html
    # The drafted sections are listed apart, as something to check, with a link.
    assert "Draf otomatis yang belum diperiksa" in html
    assert (
        'href="/pd/33.16.05/2024/lkjip/#bagian-kata_pengantar">Periksa Kata Pengantar</a>' in html
    )
    assert "Siap ditetapkan</h2>" not in html
    # The operator may submit from here (and will be refused while something is missing).
    assert 'action="/pd/33.16.05/2024/lkjip/ajukan/"' in html


def test_page_says_ready(client, kepala_a, demo):
    lengkapi(demo["a"])
    client.force_login(kepala_a)
    html = client.get(URL).content.decode()
    assert "<h2>Siap ditetapkan</h2>" in html
    assert "Setiap indikator Perjanjian Kinerja (2 indikator)" in html
    assert "daftar-kurang" not in html
    # The kepala cannot submit; signing needs a submitted LKjIP.
    assert "/lkjip/ajukan/" not in html
    assert "/lkjip/tetapkan/" not in html


@pytest.mark.parametrize("pengguna", ["operator_a", "kepala_a", "evaluator", "admin_pemda"])
def test_page_is_readable_by_everyone_of_the_kecamatan(client, request, pengguna):
    client.force_login(request.getfixturevalue(pengguna))
    assert client.get(URL).status_code == 200


def test_page_checks_perangkat_daerah(client, operator_b):
    client.force_login(operator_b)
    assert client.get(URL).status_code == 404


def test_page_anonymous_goes_to_login(client, demo):
    r = client.get(URL)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_page_rejects_post(client, operator_a):
    client.force_login(operator_a)
    assert client.post(URL).status_code == 405


def test_page_of_a_year_without_lkjip_is_404(client, operator_a):
    client.force_login(operator_a)
    assert client.get("/pd/33.16.05/2031/lkjip/kesiapan/").status_code == 404


def test_narratives_are_checked_after_the_data(demo):
    pd = demo["a"]
    tambah_bukti(pd, "IKT-1")
    tambah_bukti(pd, "IKT-2")
    narasi_wajib(pd, kecuali=("landasan_hukum",))
    jelaskan_temuan(pd)
    # The unwritten section prints its draft: no blocker, a draft to check.
    assert kesiapan_lkjip(pd, 2024) == []
    assert _draf(pd) == ["landasan_hukum"]
