"""The review of a quarter: ajukan (operator), setujui and kembalikan (kepala)."""

from __future__ import annotations

import re

import pytest

from kinerja.models import Indikator, LangkahReview, LogPerubahan, Realisasi, StatusTriwulan
from kinerja.services.tahun import tahun_kunci
from laporan.models import LKjIP

GRID = "/pd/33.16.05/2024/realisasi/1/"
AJUKAN = GRID + "ajukan/"
SETUJUI = GRID + "setujui/"
KEMBALIKAN = GRID + "kembalikan/"


def _tanpa_catatan_iks1(pd) -> None:
    """The demo explains IKS-1's shortfall in TW I; these tests need it unexplained."""
    Realisasi.objects.filter(
        indikator__renstra__perangkat_daerah=pd, indikator__kode="IKS-1", tahun=2024, triwulan=1
    ).update(catatan="")


def _status(pd) -> str:
    s = StatusTriwulan.objects.filter(perangkat_daerah=pd, tahun=2024, triwulan=1).first()
    return s.status if s else "draf"


def _realisasi(kode: str) -> Realisasi:
    return Realisasi.objects.get(
        indikator__renstra__perangkat_daerah__kode="33.16.05",
        indikator__kode=kode,
        tahun=2024,
        triwulan=1,
    )


@pytest.fixture
def lengkap(demo):
    """TW I of Randublatung complete: IKS-1 (97,92%, below 100%) gets its note."""
    row = _realisasi("IKS-1")
    row.catatan = "Dua petugas pelayanan mengikuti diklat; layanan dialihkan."
    row.save()
    return demo["a"]


@pytest.fixture
def diajukan(client, operator_a, lengkap):
    client.force_login(operator_a)
    assert client.post(AJUKAN).status_code == 302
    assert _status(lengkap) == "diajukan"
    client.logout()
    return lengkap


def bukti_semua(pd, triwulan: int = 1) -> None:
    """Evidence on every realised indicator of the quarter: nothing left to confirm."""
    from django.core.files.base import ContentFile

    from kinerja.models import BuktiDukung

    for r in Realisasi.objects.filter(
        indikator__renstra__perangkat_daerah=pd, tahun=2024, triwulan=triwulan
    ).exclude(nilai=None, pembilang=None):
        b = BuktiDukung(realisasi=r, nama_asli="bukti.pdf", ukuran=9, jenis="pdf")
        b.berkas.save("bukti.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        b.save()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _pesan(r) -> list[str]:
    return [str(m) for m in r.context["messages"]] if r.context else []


# --------------------------------------------------------------------------- access


@pytest.mark.parametrize("url", [AJUKAN, SETUJUI, KEMBALIKAN])
def test_anonymous_is_sent_to_login(client, demo, url):
    r = client.post(url)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


@pytest.mark.parametrize("url", [AJUKAN, SETUJUI, KEMBALIKAN])
def test_it_rejects_get(client, operator_a, kepala_a, url):
    client.force_login(kepala_a if url != AJUKAN else operator_a)
    assert client.get(url).status_code == 405


@pytest.mark.parametrize("url", [AJUKAN, SETUJUI, KEMBALIKAN])
@pytest.mark.parametrize("user", ["operator_b", "evaluator_lain"])
def test_it_checks_perangkat_daerah(client, request, url, user):
    client.force_login(request.getfixturevalue(user))
    assert client.post(url, {"komentar": "x"}).status_code == 404


@pytest.mark.parametrize("user", ["kepala_a", "evaluator", "admin_pemda"])
def test_only_the_operator_submits(client, request, user, lengkap):
    client.force_login(request.getfixturevalue(user))
    assert client.post(AJUKAN).status_code == 403
    assert _status(lengkap) == "draf"


@pytest.mark.parametrize("url", [SETUJUI, KEMBALIKAN])
@pytest.mark.parametrize("user", ["operator_a", "evaluator", "admin_pemda"])
def test_only_the_kepala_reviews(client, request, url, user, diajukan):
    client.force_login(request.getfixturevalue(user))
    assert client.post(url, {"komentar": "x"}).status_code == 403
    assert _status(diajukan) == "diajukan"


# --------------------------------------------------------------------------- ajukan


def test_submitting_records_the_step(client, operator_a, lengkap):
    client.force_login(operator_a)
    r = client.post(AJUKAN, follow=True)
    assert r.redirect_chain == [(GRID, 302)]
    assert _status(lengkap) == "diajukan"
    langkah = LangkahReview.objects.get()
    assert (langkah.dari, langkah.ke, langkah.pengguna) == ("draf", "diajukan", operator_a)
    log = LogPerubahan.objects.get(aksi="triwulan.ajukan")
    assert log.data["lama"] == "draf" and log.data["baru"] == "diajukan"
    assert log.perangkat_daerah == lengkap and log.objek_tipe == "kinerja.statustriwulan"
    html = r.content.decode()
    assert "diajukan kepada kepala" in html
    # Now read-only for the operator, who is told why.
    assert "-nilai" not in html and "menunggu persetujuan kepala" in html


def test_submitting_is_refused_when_a_required_note_is_missing(client, operator_a, demo):
    _tanpa_catatan_iks1(demo["a"])
    client.force_login(operator_a)
    r = client.post(AJUKAN, follow=True)
    pesan = " ".join(_pesan(r))
    assert "Triwulan I tahun 2024 belum dapat diajukan." in pesan
    assert "Catatan wajib belum diisi" in pesan and "IKS-1" in pesan and "97,92%" in pesan
    assert _status(demo["a"]) == "draf" and not LangkahReview.objects.exists()
    assert not LogPerubahan.objects.filter(aksi="triwulan.ajukan").exists()


def test_submitting_is_refused_when_a_realisasi_is_missing(client, operator_a, lengkap):
    _realisasi("IKS-2").delete()
    client.force_login(operator_a)
    pesan = " ".join(_pesan(client.post(AJUKAN, follow=True)))
    assert "Realisasi belum diisi: IKS-2 (" in pesan
    assert "IKT-1" not in pesan  # no target in TW I (nilai akhir, TW IV only)
    assert _status(lengkap) == "draf"


def test_an_empty_row_without_value_counts_as_missing(client, operator_a, lengkap):
    Realisasi.objects.filter(pk=_realisasi("IKS-2").pk).update(nilai=None)
    client.force_login(operator_a)
    assert "Realisasi belum diisi: IKS-2" in " ".join(_pesan(client.post(AJUKAN, follow=True)))


def test_a_submitted_quarter_cannot_be_submitted_again(client, operator_a, diajukan):
    client.force_login(operator_a)
    pesan = " ".join(_pesan(client.post(AJUKAN, follow=True)))
    assert "berstatus diajukan" in pesan
    assert LangkahReview.objects.count() == 1


def test_submitting_in_a_signed_off_year_is_refused(client, operator_a, lengkap):
    LKjIP.objects.filter(perangkat_daerah=lengkap, tahun=2024).update(status="ditetapkan")
    tahun_kunci(lengkap, 2024)
    client.force_login(operator_a)
    pesan = " ".join(_pesan(client.post(AJUKAN, follow=True)))
    assert "sudah terkunci" in pesan and _status(lengkap) == "draf"


# --------------------------------------------------------------------------- setujui / kembalikan


def test_the_kepala_sees_the_review_form(client, kepala_a, diajukan):
    client.force_login(kepala_a)
    html = client.get(GRID).content.decode()
    assert "Setujui triwulan I" in html and "Kembalikan kepada operator" in html
    assert 'action="/pd/33.16.05/2024/realisasi/1/kembalikan/#tinjauan"' in html
    assert 'formaction="/pd/33.16.05/2024/realisasi/1/setujui/"' in html


def test_the_review_form_is_not_shown_before_submission(client, kepala_a, lengkap):
    client.force_login(kepala_a)
    html = client.get(GRID).content.decode()
    assert "Setujui triwulan I" not in html
    assert "Belum ada langkah tinjauan" in html


def test_approving(client, kepala_a, operator_a, diajukan):
    bukti_semua(diajukan)
    client.force_login(kepala_a)
    r = client.post(SETUJUI, {"komentar": "  Lengkap.  "})
    assert r.status_code == 302 and r["Location"] == GRID
    assert _status(diajukan) == "disetujui"
    langkah = LangkahReview.objects.latest("id")
    assert (langkah.dari, langkah.ke, langkah.komentar) == ("diajukan", "disetujui", "Lengkap.")
    assert langkah.pengguna == kepala_a and langkah.kekurangan == []
    assert LogPerubahan.objects.get(aksi="triwulan.setujui").data["baru"] == "disetujui"
    # Approved: the operator can no longer edit it nor submit it.
    client.force_login(operator_a)
    html = client.get(GRID).content.decode()
    assert "-nilai" not in html and "sudah disetujui" in html
    assert "Ajukan triwulan I" not in html
    assert "berstatus disetujui" in " ".join(_pesan(client.post(AJUKAN, follow=True)))


def test_approving_a_draft_is_refused(client, kepala_a, lengkap):
    client.force_login(kepala_a)
    pesan = " ".join(_pesan(client.post(SETUJUI, follow=True)))
    assert "hanya triwulan yang sudah diajukan" in pesan
    assert _status(lengkap) == "draf" and not LangkahReview.objects.exists()


def test_returning_requires_a_comment(client, kepala_a, diajukan):
    client.force_login(kepala_a)
    r = client.post(KEMBALIKAN, {"komentar": "   "})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Komentar wajib diisi saat mengembalikan" in html
    assert 'aria-describedby="id_komentar_error"' in html and 'id="id_komentar_error"' in html
    assert "Triwulan I belum ditinjau: periksa komentar di bawah." in html
    assert _status(diajukan) == "diajukan"
    assert not LogPerubahan.objects.filter(aksi="triwulan.kembalikan").exists()


def test_return_correct_resubmit_approve(client, kepala_a, operator_a, diajukan):
    komentar = "Lampirkan bukti dukung SOP pelayanan untuk IKS-1."
    client.force_login(kepala_a)
    assert client.post(KEMBALIKAN, {"komentar": komentar}).status_code == 302
    assert _status(diajukan) == "dikembalikan"
    log = LogPerubahan.objects.get(aksi="triwulan.kembalikan")
    assert log.data["komentar"] == komentar and log.pengguna == kepala_a

    # The operator sees the comment prominently and can edit again.
    client.force_login(operator_a)
    html = client.get(GRID).content.decode()
    banner = re.search(r'<section class="pengumuman dikembalikan".*?</section>', html, re.S)
    assert banner and komentar in banner.group(0) and "kepala_a" in banner.group(0)
    assert "-nilai" in html and "Ajukan triwulan I" in html

    assert client.post(AJUKAN).status_code == 302
    assert _status(diajukan) == "diajukan"
    client.force_login(kepala_a)
    assert client.post(SETUJUI, {"konfirmasi": "1"}).status_code == 302
    assert _status(diajukan) == "disetujui"
    assert list(LangkahReview.objects.values_list("dari", "ke")) == [
        ("draf", "diajukan"),
        ("diajukan", "dikembalikan"),
        ("dikembalikan", "diajukan"),
        ("diajukan", "disetujui"),
    ]


def test_the_history_shows_every_step_with_indonesian_date_and_who(
    client, kepala_a, evaluator, diajukan
):
    client.force_login(kepala_a)
    client.post(KEMBALIKAN, {"komentar": "Perbaiki catatan."})
    client.force_login(evaluator)
    html = client.get(GRID).content.decode()
    riwayat = re.search(r'<ol class="riwayat-tinjauan">.*?</ol>', html, re.S).group(0)
    assert riwayat.count("<li") == 2
    assert "operator_a</strong>: Draf → <strong>Diajukan" in riwayat
    assert "kepala_a</strong>: Diajukan → <strong>Dikembalikan" in riwayat
    assert "Perbaiki catatan." in riwayat
    bulan = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
    assert re.search(rf"\d{{1,2}} ({bulan}) \d{{4}} pukul \d{{2}}\.\d{{2}}", riwayat)
    # The evaluator reads but cannot act.
    assert "Setujui triwulan" not in html and "Ajukan triwulan" not in html


def test_tabs_show_the_status_of_each_quarter(client, operator_a, diajukan):
    client.force_login(operator_a)
    html = client.get("/pd/33.16.05/2024/realisasi/2/").content.decode()
    tab = re.search(r'<nav class="tab-triwulan".*?</nav>', html, re.S).group(0)
    assert re.search(r"Triwulan I <span class=\"lencana-status\">Diajukan</span>", tab)
    assert re.search(r"Triwulan II <span class=\"lencana-status\">Draf</span>", tab)


def test_review_of_another_indicator_set_does_not_leak(client, kepala_a, demo):
    """Kepala A reviewing Bogorejo's quarter is a 404, and nothing changes there."""
    StatusTriwulan.objects.create(
        perangkat_daerah=demo["b"], tahun=2024, triwulan=1, status="diajukan"
    )
    client.force_login(kepala_a)
    assert client.post("/pd/33.16.15/2024/realisasi/1/setujui/").status_code == 404
    assert StatusTriwulan.objects.get(perangkat_daerah=demo["b"]).status == "diajukan"
    assert Indikator.objects.filter(renstra__perangkat_daerah=demo["b"]).exists()
