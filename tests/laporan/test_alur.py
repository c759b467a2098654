"""The annual workflow: submit (operator), return or sign off (kepala), reopen (kepala, admin pemda).

Sign-off renders the real PDF once with its stamp and stores it as an immutable
snapshot; the tests read the stored file back with pdftotext.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from kinerja.models import BuktiDukung, LogPerubahan
from kinerja.services.realisasi import BarisRealisasi, realisasi_simpan_triwulan
from laporan.models import LKjIP, PembukaanKembali, SnapshotLKjIP
from laporan.services.alur import lkjip_tetapkan
from tests.laporan.data_alur import kunci_temuan, lkjip, tulis_narasi

EDITOR = "/pd/33.16.05/2024/lkjip/"
AJUKAN = EDITOR + "ajukan/"
KEMBALIKAN = EDITOR + "kembalikan/"
TETAPKAN = EDITOR + "tetapkan/"
BUKA = EDITOR + "buka-kembali/"
KESIAPAN = EDITOR + "kesiapan/"


pytestmark = pytest.mark.usefixtures("media")


def _pesan(r) -> list[str]:
    return [str(m) for m in r.context["messages"]] if r.context else []


def _ikuti(client, r) -> list[str]:
    assert r.status_code == 302, r.status_code
    return _pesan(client.get(r["Location"]))


def _status(pd) -> str:
    return lkjip(pd).status


def _teks_pdf(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


# --------------------------------------------------------------------------- submit


def test_submit_refused_with_the_checklist(client, operator_a, demo):
    client.force_login(operator_a)
    r = client.post(AJUKAN)
    assert r.status_code == 302 and r["Location"] == KESIAPAN
    pesan = _ikuti(client, r)
    # 2 evidence files and every open consistency finding (the narratives print drafts).
    jumlah = 2 + len(kunci_temuan(demo["a"]))
    assert pesan == [
        f"LKjIP tahun 2024 belum dapat diajukan: {jumlah} hal belum lengkap (lihat daftar di "
        "bawah)."
    ]
    assert _status(demo["a"]) == "draf"
    assert not LogPerubahan.objects.filter(aksi="lkjip.ajukan").exists()


def test_submit_when_ready(client, operator_a, siap):
    client.force_login(operator_a)
    r = client.post(AJUKAN)
    assert r.status_code == 302 and r["Location"] == EDITOR
    assert "LKjIP tahun 2024 diajukan kepada kepala" in _ikuti(client, r)[0]
    x = lkjip(siap.perangkat_daerah)
    assert x.status == "diajukan" and x.diajukan_pada is not None
    log = LogPerubahan.objects.get(aksi="lkjip.ajukan")
    assert (log.pengguna, log.data["lama"], log.data["baru"]) == (operator_a, "draf", "diajukan")
    html = client.get(EDITOR).content.decode()
    assert "menunggu penetapan kepala" in html
    assert "/lkjip/ajukan/" not in html


def test_submit_twice_is_refused(client, operator_a, diajukan):
    client.force_login(operator_a)
    pesan = _ikuti(client, client.post(AJUKAN))
    assert pesan == [
        "LKjIP tahun 2024 berstatus diajukan; hanya LKjIP berstatus draf yang dapat diajukan."
    ]


@pytest.mark.parametrize("pengguna", ["kepala_a", "evaluator", "admin_pemda"])
def test_submit_requires_the_operator(client, request, pengguna, siap):
    client.force_login(request.getfixturevalue(pengguna))
    assert client.post(AJUKAN).status_code == 403
    assert _status(siap.perangkat_daerah) == "draf"


def test_submit_checks_perangkat_daerah(client, operator_b):
    client.force_login(operator_b)
    assert client.post(AJUKAN).status_code == 404


def test_submit_rejects_get(client, operator_a):
    client.force_login(operator_a)
    assert client.get(AJUKAN).status_code == 405


# --------------------------------------------------------------------------- return


def test_return_needs_a_comment(client, kepala_a, diajukan):
    client.force_login(kepala_a)
    r = client.post(KEMBALIKAN, {"komentar": "   "})
    assert r.status_code == 400
    assert "Komentar wajib diisi saat mengembalikan" in r.content.decode()
    assert _status(diajukan.perangkat_daerah) == "diajukan"


def test_return_with_a_comment_shows_it_to_the_operator(client, kepala_a, operator_a, diajukan):
    client.force_login(kepala_a)
    pesan = _ikuti(client, client.post(KEMBALIKAN, {"komentar": "Lengkapi landasan hukum."}))
    assert pesan == ["LKjIP tahun 2024 dikembalikan kepada operator."]
    x = lkjip(diajukan.perangkat_daerah)
    assert (x.status, x.komentar_kepala) == ("draf", "Lengkapi landasan hukum.")
    client.force_login(operator_a)
    html = client.get(EDITOR).content.decode()
    assert "Dikembalikan oleh kepala_a pada" in html
    assert "Lengkapi landasan hukum." in html
    # The operator can write again and resubmit; the comment is then cleared.
    assert 'action="/pd/33.16.05/2024/lkjip/narasi/landasan_hukum/"' in html
    assert client.post(AJUKAN).status_code == 302
    assert lkjip(diajukan.perangkat_daerah).komentar_kepala == ""
    riwayat = client.get(EDITOR).content.decode()
    riwayat = riwayat[riwayat.index('class="riwayat-lkjip"') :]
    assert riwayat.index("diajukan kepada kepala") < riwayat.index("dikembalikan kepada operator")
    assert "<blockquote>Lengkapi landasan hukum.</blockquote>" in riwayat


def test_return_of_a_draft_is_refused(client, kepala_a, siap):
    client.force_login(kepala_a)
    pesan = _ikuti(client, client.post(KEMBALIKAN, {"komentar": "Perbaiki."}))
    assert "hanya LKjIP yang sudah diajukan yang dapat dikembalikan" in pesan[0]


@pytest.mark.parametrize("pengguna", ["operator_a", "evaluator", "admin_pemda"])
def test_return_requires_the_kepala(client, request, pengguna, diajukan):
    client.force_login(request.getfixturevalue(pengguna))
    assert client.post(KEMBALIKAN, {"komentar": "x"}).status_code == 403


# --------------------------------------------------------------------------- sign-off


def test_sign_off_stores_the_stamped_pdf_and_locks_the_year(
    client, kepala_a, operator_a, diajukan, media
):
    from laporan.dokumen import susun_dokumen
    from laporan.pdf import kode_isi

    pd = diajukan.perangkat_daerah
    client.force_login(kepala_a)
    r = client.post(TETAPKAN)
    pesan = _ikuti(client, r)
    s = SnapshotLKjIP.objects.get(lkjip=diajukan)
    assert pesan == [
        f"LKjIP tahun 2024 ditetapkan sebagai versi 1 ({s.halaman} halaman); seluruh data tahun "
        "2024 kini terkunci."
    ]
    x = lkjip(pd)
    assert x.status == "ditetapkan"
    # The stored file is the PDF whose hash and size were recorded.
    isi = Path(s.berkas.path).read_bytes()
    assert isi.startswith(b"%PDF-")
    assert s.sha256 == hashlib.sha256(isi).hexdigest()
    assert s.ukuran == len(isi) and s.halaman > 10
    assert Path(s.berkas.path).is_relative_to(media)
    # The content code is the one of the document as signed.
    assert s.kode_isi == kode_isi(susun_dokumen(pd, 2024))
    assert (s.versi, s.ditetapkan_oleh, s.nama_penandatangan, s.jabatan_penandatangan) == (
        1,
        kepala_a,
        "Drs. Sutrisno Wibowo, M.Si",
        "Camat Randublatung",
    )
    # Every page carries the code and the verification address.
    teks = _teks_pdf(Path(s.berkas.path))
    halaman = teks.split("\f")
    assert sum(1 for h in halaman if s.kode_isi[:16] in h.replace("\n", "")) >= s.halaman - 1
    assert "DRAF" not in teks
    log = LogPerubahan.objects.get(aksi="lkjip.tetapkan")
    assert log.data["versi"] == 1 and log.data["sha256"] == s.sha256
    # The year is read-only everywhere: realisasi, narrative.
    with pytest.raises(ValidationError, match="sudah terkunci karena LKjIP telah ditetapkan"):
        realisasi_simpan_triwulan(
            pd=pd,
            tahun=2024,
            triwulan=4,
            baris=[
                BarisRealisasi(
                    indikator_id=1, nilai=None, pembilang=None, penyebut=None, catatan="", versi=0
                )
            ],
            pengguna=operator_a,
        )
    client.force_login(operator_a)
    r = client.post(
        EDITOR + "narasi/latar_belakang/", {"teks": "x", "versi": 1}, HTTP_ACCEPT="application/json"
    )
    assert r.status_code == 400 and "sudah ditetapkan" in r.json()["galat"]


def test_sign_off_page_shows_the_version(pdf_cepat, client, kepala_a, ditetapkan):
    client.force_login(kepala_a)
    html = client.get(EDITOR).content.decode()
    assert "Ditetapkan sebagai versi 1 pada" in html
    assert 'href="/pd/33.16.05/2024/lkjip/snapshot/1.pdf">Unduh PDF versi 1</a>' in html
    assert f'href="/verifikasi/{ditetapkan.kode_isi}/">Halaman verifikasi</a>' in html
    # No second sign-off; the kepala may reopen.
    assert "/lkjip/tetapkan/" not in html
    assert "/lkjip/buka-kembali/" in html


def test_sign_off_date_defaults_to_the_signing_day(pdf_cepat, client, kepala_a, operator_a, siap):
    from django.utils import timezone

    LKjIP.objects.filter(pk=siap.pk).update(tanggal=None)
    client.force_login(operator_a)
    client.post(AJUKAN)
    client.force_login(kepala_a)
    client.post(TETAPKAN)
    x = lkjip(siap.perangkat_daerah)
    assert x.status == "ditetapkan" and x.tanggal == timezone.localdate()


def test_sign_off_of_a_draft_is_refused(client, kepala_a, siap):
    client.force_login(kepala_a)
    pesan = _ikuti(client, client.post(TETAPKAN))
    assert "hanya LKjIP yang sudah diajukan yang dapat ditetapkan" in pesan[0]
    assert not SnapshotLKjIP.objects.exists()


def test_sign_off_when_no_longer_ready_is_refused(client, kepala_a, diajukan):
    # Evidence removed after submission (the quarter itself was still open).
    BuktiDukung.objects.filter(realisasi__indikator__kode="IKT-1").delete()
    client.force_login(kepala_a)
    r = client.post(TETAPKAN)
    assert r["Location"] == KESIAPAN
    assert _ikuti(client, r) == [
        "LKjIP tahun 2024 belum dapat ditetapkan: 1 hal belum lengkap (lihat daftar di bawah)."
    ]
    assert _status(diajukan.perangkat_daerah) == "diajukan"
    assert not SnapshotLKjIP.objects.exists()


def test_failed_pdf_changes_nothing(client, kepala_a, diajukan, media):
    LKjIP.objects.filter(pk=diajukan.pk).update(tanggal=None)
    client.force_login(kepala_a)
    with mock.patch("laporan.pdf.cetak_html", side_effect=RuntimeError("WeasyPrint gagal")):
        r = client.post(TETAPKAN)
    pesan = _ikuti(client, r)
    assert pesan[0].startswith("PDF LKjIP tidak dapat dibuat, sehingga LKjIP belum ditetapkan")
    x = lkjip(diajukan.perangkat_daerah)
    assert (x.status, x.tanggal) == ("diajukan", None)
    assert not SnapshotLKjIP.objects.exists()
    assert not LogPerubahan.objects.filter(aksi="lkjip.tetapkan").exists()
    assert [p for p in media.rglob("*") if p.is_file() and "lkjip" in p.parts] == []


def test_failed_save_removes_the_stored_file(pdf_cepat, kepala_a, diajukan, media):
    with mock.patch("laporan.services.alur.catat_lkjip", side_effect=RuntimeError("basis data")):
        with pytest.raises(RuntimeError):
            lkjip_tetapkan(lkjip=diajukan, pengguna=kepala_a, alamat_verifikasi=lambda k: k)
    # The evidence files stay; no signed PDF is left behind.
    assert [p for p in media.rglob("*") if p.is_file() and "lkjip" in p.parts] == []
    assert _status(diajukan.perangkat_daerah) == "diajukan"


@pytest.mark.parametrize("pengguna", ["operator_a", "evaluator", "admin_pemda"])
def test_sign_off_requires_the_kepala(client, request, pengguna, diajukan):
    client.force_login(request.getfixturevalue(pengguna))
    assert client.post(TETAPKAN).status_code == 403
    assert _status(diajukan.perangkat_daerah) == "diajukan"


def test_sign_off_checks_perangkat_daerah(client, operator_b):
    client.force_login(operator_b)
    assert client.post(TETAPKAN).status_code == 404


# --------------------------------------------------------------------------- download


@pytest.mark.parametrize("pengguna", ["operator_a", "kepala_a", "evaluator", "admin_pemda"])
def test_signed_pdf_is_downloadable_by_readers(pdf_cepat, client, request, pengguna, ditetapkan):
    client.force_login(request.getfixturevalue(pengguna))
    r = client.get(EDITOR + "snapshot/1.pdf")
    assert r.status_code == 200
    isi = b"".join(r.streaming_content)
    assert hashlib.sha256(isi).hexdigest() == ditetapkan.sha256
    assert r["Content-Type"] == "application/pdf"
    assert 'filename="LKjIP-2024-Kecamatan-Randublatung-versi-1.pdf"' in r["Content-Disposition"]


def test_signed_pdf_of_another_kecamatan_is_404(pdf_cepat, client, operator_b, ditetapkan):
    client.force_login(operator_b)
    assert client.get(EDITOR + "snapshot/1.pdf").status_code == 404


def test_unknown_version_is_404(pdf_cepat, client, operator_a, ditetapkan):
    client.force_login(operator_a)
    assert client.get(EDITOR + "snapshot/2.pdf").status_code == 404


# --------------------------------------------------------------------------- reopen


def test_reopen_needs_a_reason(pdf_cepat, client, kepala_a, ditetapkan):
    client.force_login(kepala_a)
    r = client.post(BUKA, {"alasan": ""})
    assert r.status_code == 400
    assert "Alasan wajib diisi" in r.content.decode()
    assert _status(ditetapkan.lkjip.perangkat_daerah) == "ditetapkan"


@pytest.mark.parametrize("pengguna", ["kepala_a", "admin_pemda"])
def test_reopen_by_kepala_or_admin_pemda(pdf_cepat, client, request, pengguna, ditetapkan):
    user = request.getfixturevalue(pengguna)
    client.force_login(user)
    pesan = _ikuti(client, client.post(BUKA, {"alasan": "Realisasi IKT-1 salah ketik."}))
    assert pesan[0].startswith("LKjIP tahun 2024 dibuka kembali")
    buka = PembukaanKembali.objects.get()
    assert (buka.snapshot, buka.alasan, buka.oleh) == (
        ditetapkan,
        "Realisasi IKT-1 salah ketik.",
        user,
    )
    assert _status(ditetapkan.lkjip.perangkat_daerah) == "draf"
    # The signed version stays and stays downloadable.
    assert SnapshotLKjIP.objects.filter(pk=ditetapkan.pk).exists()
    assert client.get(EDITOR + "snapshot/1.pdf").status_code == 200
    log = LogPerubahan.objects.get(aksi="lkjip.buka_kembali")
    assert log.data["alasan"] == "Realisasi IKT-1 salah ketik." and log.data["versi"] == 1


@pytest.mark.parametrize("pengguna", ["operator_a", "evaluator"])
def test_reopen_is_refused_to_others(pdf_cepat, client, request, pengguna, ditetapkan):
    client.force_login(request.getfixturevalue(pengguna))
    assert client.post(BUKA, {"alasan": "x"}).status_code == 403


def test_reopen_of_a_draft_is_refused(client, kepala_a, siap):
    client.force_login(kepala_a)
    pesan = _ikuti(client, client.post(BUKA, {"alasan": "x"}))
    assert "hanya LKjIP yang sudah ditetapkan yang dapat dibuka kembali" in pesan[0]


def test_next_sign_off_is_a_new_version(pdf_cepat, client, kepala_a, operator_a, ditetapkan):
    pd = ditetapkan.lkjip.perangkat_daerah
    client.force_login(kepala_a)
    client.post(BUKA, {"alasan": "Kesimpulan perlu diperbaiki."})
    client.force_login(operator_a)
    html = client.get(EDITOR).content.decode()
    assert "Dibuka kembali oleh kepala_a pada" in html and "Kesimpulan perlu diperbaiki." in html
    r = client.post(
        EDITOR + "narasi/kesimpulan/",
        {"teks": "Kesimpulan yang diperbaiki.", "versi": 1},
        HTTP_ACCEPT="application/json",
    )
    assert r.status_code == 200
    assert client.post(AJUKAN).status_code == 302
    client.force_login(kepala_a)
    client.post(TETAPKAN)
    assert _status(pd) == "ditetapkan"
    versi = list(SnapshotLKjIP.objects.filter(lkjip__perangkat_daerah=pd).order_by("versi"))
    assert [s.versi for s in versi] == [1, 2]
    assert versi[0].kode_isi != versi[1].kode_isi and versi[0].sha256 != versi[1].sha256
    assert Path(versi[0].berkas.path).exists()
    assert client.get(EDITOR + "snapshot/1.pdf").status_code == 200
    assert client.get(EDITOR + "snapshot/2.pdf").status_code == 200
    html = client.get(EDITOR).content.decode()
    riwayat = html[html.index('class="riwayat-lkjip"') :]
    langkah = re.findall(
        r"<strong>kepala_a</strong>: ([^<]+)|<strong>operator_a</strong>: ([^<]+)", riwayat
    )
    assert ["".join(x).strip() for x in langkah] == [
        "diajukan kepada kepala",
        "ditetapkan (versi 1)",
        "dibuka kembali",
        "diajukan kepada kepala",
        "ditetapkan (versi 2)",
    ]


def test_unchanged_content_cannot_be_signed_twice(
    pdf_cepat, client, kepala_a, operator_a, ditetapkan
):
    client.force_login(kepala_a)
    _ikuti(client, client.post(BUKA, {"alasan": "Dibuka tidak sengaja."}))
    client.force_login(operator_a)
    _ikuti(client, client.post(AJUKAN))
    client.force_login(kepala_a)
    pesan = _ikuti(client, client.post(TETAPKAN))
    assert pesan[0].startswith("Isi LKjIP sama persis dengan versi 1 yang sudah ditetapkan")
    assert SnapshotLKjIP.objects.count() == 1
    assert _status(ditetapkan.lkjip.perangkat_daerah) == "diajukan"


def test_written_text_appears_in_the_signed_pdf(client, kepala_a, operator_a, siap):
    tulis_narasi(siap.perangkat_daerah, "kesimpulan", "Kinerja Randublatung tahun ini sangat baik.")
    client.force_login(operator_a)
    client.post(AJUKAN)
    client.force_login(kepala_a)
    client.post(TETAPKAN)
    s = SnapshotLKjIP.objects.get()
    assert "Kinerja Randublatung tahun ini sangat baik." in _teks_pdf(Path(s.berkas.path))
