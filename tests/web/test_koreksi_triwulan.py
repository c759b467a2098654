"""Correcting a quarter without dead ends: evidence after approval, confirmation of an
incomplete approval, reopening an approved quarter with a reason."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.models import BuktiDukung, LangkahReview, LogPerubahan, Realisasi, StatusTriwulan
from kinerja.services.review import triwulan_ajukan, triwulan_buka_kembali, triwulan_setujui
from kinerja.services.tahun import tahun_kunci
from laporan.models import LKjIP
from tests.web.test_review import bukti_semua

GRID = "/pd/33.16.05/2024/realisasi/1/"
SETUJUI = GRID + "setujui/"
BUKA = GRID + "buka-kembali/"
AJUKAN = GRID + "ajukan/"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _realisasi(kode: str) -> Realisasi:
    return Realisasi.objects.get(
        indikator__renstra__perangkat_daerah__kode="33.16.05",
        indikator__kode=kode,
        tahun=2024,
        triwulan=1,
    )


def _status() -> str:
    s = StatusTriwulan.objects.filter(perangkat_daerah__kode="33.16.05", tahun=2024, triwulan=1)
    return s.first().status if s.exists() else "draf"


@pytest.fixture
def diajukan(demo, operator_a):
    """TW I of Randublatung submitted: complete, but no evidence."""
    row = _realisasi("IKS-1")
    row.catatan = "Dua petugas pelayanan mengikuti diklat; layanan dialihkan."
    row.save()
    triwulan_ajukan(pd=demo["a"], tahun=2024, triwulan=1, pengguna=operator_a)
    return demo["a"]


@pytest.fixture
def disetujui(diajukan, kepala_a):
    triwulan_setujui(pd=diajukan, tahun=2024, triwulan=1, pengguna=kepala_a, konfirmasi=True)
    return diajukan


def _unggah(client, kode="IKS-1", nama="Foto kegiatan TW I.pdf"):
    ind = _realisasi(kode).indikator_id
    berkas = SimpleUploadedFile(nama, PDF, content_type="application/pdf")
    return client.post(f"{GRID}bukti/{ind}/", {"berkas": berkas})


# --------------------------------------------------------------------------- confirmation


def test_approving_without_evidence_asks_to_confirm_naming_what_is_missing(
    client, kepala_a, diajukan
):
    client.force_login(kepala_a)
    r = client.post(SETUJUI, {"komentar": "Cukup."})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Triwulan I belum lengkap" in html
    assert "Bukti dukung belum diunggah: IKS-1 (" in html
    assert 'name="konfirmasi" value="1"' in html and "Tetap setujui triwulan I" in html
    # The comment typed is carried into the confirmation.
    assert 'name="komentar" value="Cukup."' in html
    assert _status() == "diajukan"
    assert not LangkahReview.objects.filter(ke="disetujui").exists()
    assert not LogPerubahan.objects.filter(aksi="triwulan.setujui").exists()


def test_a_confirmed_approval_records_what_was_missing(client, kepala_a, operator_a, diajukan):
    client.force_login(kepala_a)
    r = client.post(SETUJUI, {"komentar": "Cukup.", "konfirmasi": "1"})
    assert r.status_code == 302
    assert _status() == "disetujui"
    langkah = LangkahReview.objects.get(ke="disetujui")
    assert langkah.komentar == "Cukup."
    assert len(langkah.kekurangan) == 1
    assert langkah.kekurangan[0].startswith("Bukti dukung belum diunggah: IKS-1 (")
    log = LogPerubahan.objects.get(aksi="triwulan.setujui")
    assert log.data["kekurangan"] == langkah.kekurangan
    client.force_login(operator_a)
    html = client.get(GRID).content.decode()
    assert "Disetujui meskipun belum lengkap:" in html and "Bukti dukung belum diunggah" in html


def test_a_complete_quarter_is_approved_without_confirmation(client, kepala_a, diajukan):
    bukti_semua(diajukan)
    client.force_login(kepala_a)
    assert client.post(SETUJUI).status_code == 302
    assert _status() == "disetujui"
    assert LangkahReview.objects.get(ke="disetujui").kekurangan == []


def test_a_missing_note_is_named_in_the_confirmation(kepala_a, diajukan):
    bukti_semua(diajukan)
    # The note was cleared after submission (e.g. through the admin): it is named.
    Realisasi.objects.filter(pk=_realisasi("IKS-1").pk).update(catatan="")
    with pytest.raises(ValidationError) as e:
        triwulan_setujui(pd=diajukan, tahun=2024, triwulan=1, pengguna=kepala_a)
    assert any("Catatan wajib belum diisi" in m and "IKS-1" in m for m in e.value.messages)


# --------------------------------------------------------------------------- evidence


def test_the_operator_adds_evidence_to_an_approved_quarter(client, operator_a, kepala_a, disetujui):
    client.force_login(operator_a)
    html = client.get(GRID).content.decode()
    # Values stay locked, evidence can be uploaded, nothing can be deleted.
    assert "-nilai" not in html and "unggah-bukti" in html and "hapus-bukti" not in html
    assert "bukti dukung masih dapat ditambahkan" in html
    assert _unggah(client).status_code == 302
    bukti = BuktiDukung.objects.get()
    log = LogPerubahan.objects.get(aksi="bukti.unggah")
    assert log.data["setelah_disetujui"] is True
    assert "ditambahkan setelah disetujui" in log.objek
    assert _status() == "disetujui"

    client.force_login(kepala_a)
    html = client.get(GRID).content.decode()
    assert bukti.nama_asli in html
    assert "bukti ditambahkan setelah disetujui" in html
    assert "1 bukti dukung ditambahkan setelah disetujui" in html


def test_evidence_before_approval_is_not_marked(client, operator_a, kepala_a, diajukan):
    client.force_login(operator_a)
    assert _unggah(client).status_code == 200  # submitted: still refused
    assert not BuktiDukung.objects.exists()
    bukti_semua(diajukan)
    triwulan_setujui(pd=diajukan, tahun=2024, triwulan=1, pengguna=kepala_a)
    client.force_login(kepala_a)
    assert "bukti ditambahkan setelah disetujui" not in client.get(GRID).content.decode()


def test_evidence_of_a_signed_year_is_refused(client, operator_a, disetujui):
    LKjIP.objects.filter(perangkat_daerah=disetujui, tahun=2024).update(status="ditetapkan")
    tahun_kunci(disetujui, 2024)
    client.force_login(operator_a)
    assert "unggah-bukti" not in client.get(GRID).content.decode()
    r = _unggah(client)
    assert "sudah terkunci" in r.content.decode()
    assert not BuktiDukung.objects.exists()


# --------------------------------------------------------------------------- reopening


def test_the_kepala_reopens_an_approved_quarter_with_a_reason(
    client, kepala_a, operator_a, disetujui
):
    client.force_login(kepala_a)
    html = client.get(GRID).content.decode()
    assert 'action="/pd/33.16.05/2024/realisasi/1/buka-kembali/#tinjauan"' in html
    alasan = "Realisasi IKS-1 salah ketik; perbaiki menjadi 98."
    r = client.post(BUKA, {"alasan": f"  {alasan} "})
    assert r.status_code == 302 and r["Location"] == GRID
    assert _status() == "dikembalikan"
    langkah = LangkahReview.objects.latest("id")
    assert (langkah.dari, langkah.ke, langkah.komentar) == ("disetujui", "dikembalikan", alasan)
    assert langkah.pengguna == kepala_a
    log = LogPerubahan.objects.get(aksi="triwulan.buka")
    assert log.pengguna == kepala_a and log.data["komentar"] == alasan

    # The operator sees who reopened it and why, corrects and resubmits.
    client.force_login(operator_a)
    html = client.get(GRID).content.decode()
    assert "Triwulan I dibuka kembali oleh kepala_a" in html and alasan in html
    assert "-nilai" in html and "hapus-bukti" not in html
    assert client.post(AJUKAN).status_code == 302
    assert _status() == "diajukan"


def test_reopening_requires_a_reason(client, kepala_a, disetujui):
    client.force_login(kepala_a)
    r = client.post(BUKA, {"alasan": "   "})
    assert r.status_code == 400
    html = r.content.decode()
    assert "Alasan wajib diisi" in html and "belum dibuka kembali" in html
    assert _status() == "disetujui"
    assert not LogPerubahan.objects.filter(aksi="triwulan.buka").exists()


def test_only_an_approved_quarter_is_reopened(client, kepala_a, diajukan):
    client.force_login(kepala_a)
    r = client.post(BUKA, {"alasan": "Koreksi."}, follow=True)
    pesan = " ".join(str(m) for m in r.context["messages"])
    assert "hanya triwulan yang sudah disetujui yang dapat dibuka kembali" in pesan
    assert _status() == "diajukan"


def test_the_admin_pemda_may_reopen(client, admin_pemda, disetujui):
    client.force_login(admin_pemda)
    assert "Buka kembali triwulan I" in client.get(GRID).content.decode()
    assert client.post(BUKA, {"alasan": "Koreksi atas permintaan Inspektorat."}).status_code == 302
    assert _status() == "dikembalikan"


@pytest.mark.parametrize("user", ["operator_a", "evaluator"])
def test_others_cannot_reopen(client, request, user, disetujui):
    client.force_login(request.getfixturevalue(user))
    assert "Buka kembali triwulan I" not in client.get(GRID).content.decode()
    assert client.post(BUKA, {"alasan": "Koreksi."}).status_code == 403
    assert _status() == "disetujui"


def test_a_quarter_of_a_signed_year_is_reopened_through_the_lkjip(client, kepala_a, disetujui):
    LKjIP.objects.filter(perangkat_daerah=disetujui, tahun=2024).update(status="ditetapkan")
    tahun_kunci(disetujui, 2024)
    with pytest.raises(ValidationError, match="sudah terkunci"):
        triwulan_buka_kembali(pd=disetujui, tahun=2024, triwulan=1, pengguna=kepala_a, alasan="x")
    client.force_login(kepala_a)
    html = client.get(GRID).content.decode()
    assert "Buka kembali triwulan I" not in html
    assert "hanya dapat dibuka kembali lewat pembukaan kembali" in html
    assert _status() == "disetujui"


def test_evidence_after_approval_as_json_returns_the_marked_cell(client, operator_a, disetujui):
    client.force_login(operator_a)
    ind = _realisasi("IKS-1").indikator_id
    berkas = SimpleUploadedFile("Rekap.pdf", PDF, content_type="application/pdf")
    r = client.post(
        f"{GRID}bukti/{ind}/", {"berkas": berkas}, headers={"Accept": "application/json"}
    )
    assert r.status_code == 200
    html = r.json()["html"]
    assert "Rekap.pdf" in html and "bukti ditambahkan setelah disetujui" in html
    assert "hapus-bukti" not in html and "unggah-bukti" in html


def test_the_audit_trail_names_the_reopening(client, kepala_a, operator_a, disetujui):
    client.force_login(kepala_a)
    client.post(BUKA, {"alasan": "Nilai IKS-2 perlu dikoreksi."})
    client.force_login(operator_a)
    html = client.get("/pd/33.16.05/riwayat/?tahun=2024").content.decode()
    assert "Triwulan dibuka kembali" in html and "Nilai IKS-2 perlu dikoreksi." in html
