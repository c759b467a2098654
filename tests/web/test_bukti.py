"""Evidence files: upload, download and delete, each through the access check."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.models import BuktiDukung, Indikator, LogPerubahan, Realisasi, StatusTriwulan

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20
GRID = "/pd/33.16.05/2024/realisasi/1/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _ind(kode: str, pd: str = "33.16.05") -> Indikator:
    return Indikator.objects.get(renstra__perangkat_daerah__kode=pd, kode=kode)


def _url_unggah(kode: str = "IKS-1", triwulan: int = 1, pd: str = "33.16.05") -> str:
    return f"/pd/{pd}/2024/realisasi/{triwulan}/bukti/{_ind(kode, pd).pk}/"


def _berkas(isi: bytes = PDF, nama: str = "Laporan SOP TW I.pdf", tipe: str = "application/pdf"):
    return SimpleUploadedFile(nama, isi, content_type=tipe)


def _unggah(client, isi=PDF, nama="Laporan SOP TW I.pdf", **kw):
    return client.post(_url_unggah(**kw), {"berkas": _berkas(isi, nama)})


def _berkas_tersimpan(media) -> list:
    return sorted(p for p in media.rglob("*") if p.is_file())


@pytest.fixture
def bukti_a(client, operator_a) -> BuktiDukung:
    client.force_login(operator_a)
    assert _unggah(client).status_code == 302
    client.logout()
    return BuktiDukung.objects.get()


# --------------------------------------------------------------------------- upload


def test_upload_anonymous_is_sent_to_login(client, demo):
    r = _unggah(client)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_upload_rejects_get(client, operator_a):
    client.force_login(operator_a)
    assert client.get(_url_unggah()).status_code == 405


def test_upload_checks_perangkat_daerah(client, operator_b):
    client.force_login(operator_b)
    assert _unggah(client).status_code == 404
    assert not BuktiDukung.objects.exists()


@pytest.mark.parametrize("user", ["kepala_a", "evaluator"])
def test_upload_requires_edit_role(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert _unggah(client).status_code == 403
    assert not BuktiDukung.objects.exists()


def test_upload_for_an_indicator_of_another_kecamatan_is_404(client, operator_a):
    client.force_login(operator_a)
    asing = Indikator.objects.filter(renstra__perangkat_daerah__kode="33.16.15").first()
    r = client.post(f"/pd/33.16.05/2024/realisasi/1/bukti/{asing.pk}/", {"berkas": _berkas()})
    assert r.status_code == 404


def test_upload_stores_the_file_under_a_generated_name(client, operator_a, media):
    client.force_login(operator_a)
    r = _unggah(client, nama="../../Laporan SOP TW I.pdf")
    assert r.status_code == 302 and r["Location"] == f"{GRID}#baris-{_ind('IKS-1').pk}"
    bukti = BuktiDukung.objects.get()
    assert bukti.realisasi == Realisasi.objects.get(indikator=_ind("IKS-1"), tahun=2024, triwulan=1)
    assert bukti.nama_asli == "Laporan SOP TW I.pdf"
    assert bukti.jenis == "pdf" and bukti.ukuran == len(PDF) and bukti.diunggah_oleh == operator_a
    # bukti/<tahun>/<32 hex>.pdf, inside MEDIA_ROOT, not named by the user.
    folder, nama = bukti.berkas.name.rsplit("/", 1)
    assert folder == "bukti/2024" and len(nama) == len("0" * 32 + ".pdf")
    assert "Laporan" not in bukti.berkas.name
    assert _berkas_tersimpan(media) == [media / bukti.berkas.name]
    assert (media / bukti.berkas.name).read_bytes() == PDF
    log = LogPerubahan.objects.get(aksi="bukti.unggah")
    assert log.objek_id == bukti.pk and log.pengguna == operator_a
    assert log.data["baru"] == {"nama": "Laporan SOP TW I.pdf", "jenis": "pdf", "ukuran": len(PDF)}


def test_upload_judges_the_content_not_the_name(client, operator_a):
    client.force_login(operator_a)
    r = client.post(_url_unggah(), {"berkas": _berkas(PNG, "foto.pdf", "application/pdf")})
    assert r.status_code == 302
    bukti = BuktiDukung.objects.get()
    assert bukti.jenis == "png" and bukti.berkas.name.endswith(".png")
    assert bukti.nama_asli == "foto.pdf.png"


@pytest.mark.parametrize(
    ("isi", "nama"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "laporan.pdf"),
        (b"<script>alert(1)</script>", "foto.png"),
        (b"PK\x03\x04 broken", "rekap.xlsx"),
    ],
)
def test_upload_refuses_other_content_in_indonesian(client, operator_a, media, isi, nama):
    client.force_login(operator_a)
    r = _unggah(client, isi=isi, nama=nama)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Berkas harus PDF, JPG, PNG atau XLSX; isi berkas ini bukan salah satunya." in html
    assert not BuktiDukung.objects.exists() and _berkas_tersimpan(media) == []
    assert not LogPerubahan.objects.filter(aksi="bukti.unggah").exists()


def test_upload_accepts_a_workbook(client, operator_a):
    from openpyxl import Workbook

    buf = io.BytesIO()
    Workbook().save(buf)
    client.force_login(operator_a)
    assert _unggah(client, isi=buf.getvalue(), nama="rekap.xlsx").status_code == 302
    assert BuktiDukung.objects.get().jenis == "xlsx"


def test_upload_refuses_a_word_document_named_xlsx(client, operator_a):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<x/>")
        z.writestr("word/document.xml", "<x/>")
    client.force_login(operator_a)
    assert _unggah(client, isi=buf.getvalue(), nama="rekap.xlsx").status_code == 200
    assert not BuktiDukung.objects.exists()


def test_upload_has_a_size_limit(client, operator_a, settings, media):
    settings.BUKTI_UKURAN_MAKS = 2048
    client.force_login(operator_a)
    r = _unggah(client, isi=PDF + b"0" * 2048)
    assert r.status_code == 200
    assert "Ukuran berkas melebihi 2 KB." in r.content.decode()
    assert not BuktiDukung.objects.exists() and _berkas_tersimpan(media) == []


def test_upload_without_a_file_says_so(client, operator_a):
    client.force_login(operator_a)
    r = client.post(_url_unggah(), {})
    assert r.status_code == 200
    assert "Pilih berkas bukti dukung terlebih dahulu." in r.content.decode()


def test_upload_as_json_returns_the_fresh_cell(client, operator_a):
    client.force_login(operator_a)
    r = client.post(_url_unggah(), {"berkas": _berkas()}, headers={"Accept": "application/json"})
    assert r.status_code == 200
    h = r.json()
    assert h["galat"] is None and "Laporan SOP TW I.pdf" in h["html"]
    assert f"/pd/33.16.05/2024/bukti/{BuktiDukung.objects.get().pk}/" in h["html"]
    r = client.post(
        _url_unggah(), {"berkas": _berkas(b"MZ")}, headers={"Accept": "application/json"}
    )
    assert r.status_code == 400 and "bukan salah satunya" in r.json()["galat"]


def test_upload_creates_an_empty_row_that_keeps_an_open_grid_current(client, operator_a):
    """Evidence for a quarter without realisasi yet: the row is created with version 0,
    so a grid loaded before (version 0 = no row) can still be saved."""
    Realisasi.objects.filter(indikator=_ind("IKS-2"), tahun=2024, triwulan=1).delete()
    client.force_login(operator_a)
    grid = client.get(GRID)
    assert _unggah(client, kode="IKS-2").status_code == 302
    row = Realisasi.objects.get(indikator=_ind("IKS-2"), tahun=2024, triwulan=1)
    assert row.versi == 0 and row.nilai is None
    from tests.web.test_realisasi import data_awal, isi

    data = isi(data_awal(grid), "IKS-2", nilai="100")
    assert client.post(GRID, data).status_code == 302
    row.refresh_from_db()
    assert row.nilai == 100 and row.versi == 1 and row.bukti_dukung.count() == 1


def test_upload_is_refused_in_a_submitted_quarter(client, operator_a, demo, media):
    StatusTriwulan.objects.create(
        perangkat_daerah=demo["a"], tahun=2024, triwulan=1, status="diajukan"
    )
    client.force_login(operator_a)
    r = _unggah(client)
    assert "tidak dapat diubah" in r.content.decode()
    assert not BuktiDukung.objects.exists() and _berkas_tersimpan(media) == []


def test_the_grid_lists_the_evidence(client, kepala_a, bukti_a):
    client.force_login(kepala_a)
    html = client.get(GRID).content.decode()
    assert f'href="/pd/33.16.05/2024/bukti/{bukti_a.pk}/"' in html
    assert "Laporan SOP TW I.pdf" in html and "Hapus" not in html


def test_the_operator_deletes_from_the_grid_while_the_quarter_is_open(
    client, operator_a, bukti_a, demo
):
    client.force_login(operator_a)
    html = client.get(GRID).content.decode()
    tombol = f'form="hapus-{bukti_a.pk}" data-url="{_url_hapus(bukti_a)}"'
    assert tombol in html and f'<form id="hapus-{bukti_a.pk}" method="post"' in html
    StatusTriwulan.objects.create(
        perangkat_daerah=demo["a"], tahun=2024, triwulan=1, status="disetujui"
    )
    assert tombol not in client.get(GRID).content.decode()


# --------------------------------------------------------------------------- download


def _url_unduh(bukti: BuktiDukung, pd: str = "33.16.05") -> str:
    return f"/pd/{pd}/2024/bukti/{bukti.pk}/"


def test_download_anonymous_is_sent_to_login(client, bukti_a):
    r = client.get(_url_unduh(bukti_a))
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


@pytest.mark.parametrize("user", ["operator_a", "kepala_a", "evaluator", "admin_pemda"])
def test_download_for_readers_of_the_kecamatan(client, request, user, bukti_a):
    client.force_login(request.getfixturevalue(user))
    r = client.get(_url_unduh(bukti_a))
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"].startswith("attachment;")
    assert "Laporan SOP TW I.pdf" in r["Content-Disposition"]
    assert b"".join(r.streaming_content) == PDF


@pytest.mark.parametrize("user", ["operator_b", "evaluator_lain"])
def test_download_checks_perangkat_daerah(client, request, user, bukti_a):
    client.force_login(request.getfixturevalue(user))
    assert client.get(_url_unduh(bukti_a)).status_code == 404


def test_download_of_another_kecamatans_file_through_my_url_is_404(
    client, operator_a, operator_b, bukti_a
):
    """Operator B may not reach A's file by putting its id under B's own code."""
    client.force_login(operator_b)
    assert client.get(_url_unduh(bukti_a, pd="33.16.15")).status_code == 404


def test_download_of_another_year_is_404(client, operator_a, bukti_a):
    client.force_login(operator_a)
    assert client.get(f"/pd/33.16.05/2023/bukti/{bukti_a.pk}/").status_code == 404


def test_download_of_a_missing_file_is_404(client, operator_a, bukti_a, media):
    (media / bukti_a.berkas.name).unlink()
    client.force_login(operator_a)
    assert client.get(_url_unduh(bukti_a)).status_code == 404


def test_download_rejects_post(client, operator_a, bukti_a):
    client.force_login(operator_a)
    assert client.post(_url_unduh(bukti_a)).status_code == 405


# --------------------------------------------------------------------------- delete


def _url_hapus(bukti: BuktiDukung, pd: str = "33.16.05") -> str:
    return f"/pd/{pd}/2024/bukti/{bukti.pk}/hapus/"


def test_delete_anonymous_is_sent_to_login(client, bukti_a):
    r = client.post(_url_hapus(bukti_a))
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_delete_rejects_get(client, operator_a, bukti_a):
    client.force_login(operator_a)
    assert client.get(_url_hapus(bukti_a)).status_code == 405


@pytest.mark.parametrize("user", ["operator_b", "evaluator_lain"])
def test_delete_checks_perangkat_daerah(client, request, user, bukti_a):
    client.force_login(request.getfixturevalue(user))
    assert client.post(_url_hapus(bukti_a)).status_code == 404
    assert client.post(_url_hapus(bukti_a, pd="33.16.15")).status_code == 404
    assert BuktiDukung.objects.filter(pk=bukti_a.pk).exists()


@pytest.mark.parametrize("user", ["kepala_a", "evaluator"])
def test_delete_requires_edit_role(client, request, user, bukti_a):
    client.force_login(request.getfixturevalue(user))
    assert client.post(_url_hapus(bukti_a)).status_code == 403
    assert BuktiDukung.objects.filter(pk=bukti_a.pk).exists()


def test_delete_removes_row_and_file_with_audit(
    client, operator_a, bukti_a, media, django_capture_on_commit_callbacks
):
    berkas = media / bukti_a.berkas.name
    client.force_login(operator_a)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(_url_hapus(bukti_a))
    assert r.status_code == 302 and r["Location"].startswith(GRID)
    assert not BuktiDukung.objects.exists()
    assert not berkas.exists()
    log = LogPerubahan.objects.get(aksi="bukti.hapus")
    assert log.pengguna == operator_a and log.data["lama"]["nama"] == "Laporan SOP TW I.pdf"


def test_delete_as_json_returns_the_fresh_cell(client, operator_a, bukti_a):
    client.force_login(operator_a)
    r = client.post(_url_hapus(bukti_a), headers={"Accept": "application/json"})
    assert r.status_code == 200
    assert "Laporan SOP TW I.pdf" not in r.json()["html"]


def test_delete_is_refused_in_an_approved_quarter(client, operator_a, bukti_a, demo, media):
    StatusTriwulan.objects.create(
        perangkat_daerah=demo["a"], tahun=2024, triwulan=1, status="disetujui"
    )
    client.force_login(operator_a)
    r = client.post(_url_hapus(bukti_a))
    assert r.status_code == 302
    assert BuktiDukung.objects.filter(pk=bukti_a.pk).exists()
    assert (media / bukti_a.berkas.name).exists()
    assert not LogPerubahan.objects.filter(aksi="bukti.hapus").exists()
    assert "hanya dapat dihapus setelah kepala membuka kembali triwulan ini" in (
        client.get(GRID).content.decode()
    )
