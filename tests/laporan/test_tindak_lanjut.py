"""The follow-up of the LHE recommendations: the operator records it, the evaluator accepts
or reopens it, overdue ones are flagged on both pages, reminders in working days, and the
matrix printed in BAB IV of the next year's LKjIP."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.models import LogPerubahan
from kinerja.services.pengingat import SUMBER, pengingat_jatuh_tempo
from laporan.dokumen import susun_dokumen
from laporan.dokumen.blocks import Tabel
from laporan.models import Rekomendasi
from laporan.services import rekomendasi as svc

pytestmark = pytest.mark.django_db

T = datetime.date
URL = "/pd/33.16.05/tindak-lanjut/"


@pytest.fixture
def rek(demo):
    """Two recommendations of the evaluation of Randublatung's 2023."""
    return svc.rekomendasi_simpan(
        pd=demo["a"],
        tahun=2023,
        evaluasi_id=77,
        daftar=[
            ("Menyusun SOP pengukuran kinerja secara periodik", T(2024, 3, 31)),
            ("Menyusun mekanisme penghargaan dan sanksi", None),
        ],
        pengguna=None,
    )


def _isi(r, operator, **lain):
    data = {
        "rencana_aksi": "Menyusun dokumen SOP pengukuran kinerja",
        "keluaran": "1 dokumen",
        "tanggal_target": T(2024, 3, 31),
        "penanggung_jawab": "Camat",
        "status": "selesai",
    } | lain
    return svc.tindak_lanjut_simpan(rekomendasi=r, pengguna=operator, **data)


def test_follow_up_accepted_reopened_and_audited(rek, operator_a, evaluator):
    r = rek[0]
    with pytest.raises(ValidationError, match="belum mengisi"):
        svc.tindak_lanjut_terima(rekomendasi=r, pengguna=evaluator)
    with pytest.raises(ValidationError):
        _isi(r, operator_a, status="entah")
    r = _isi(r, operator_a)
    assert r.status == "selesai" and r.tinjauan == ""
    r = svc.tindak_lanjut_terima(rekomendasi=r, pengguna=evaluator)
    assert r.tinjauan == "diterima"
    # Accepted: closed until the evaluator reopens it (with a comment).
    with pytest.raises(ValidationError, match="sudah diterima"):
        _isi(r, operator_a)
    with pytest.raises(ValidationError):
        svc.tindak_lanjut_buka(rekomendasi=r, pengguna=evaluator, komentar=" ")
    r = svc.tindak_lanjut_buka(rekomendasi=r, pengguna=evaluator, komentar="Lampirkan SK.")
    assert r.tinjauan == "dibuka" and r.komentar == "Lampirkan SK."
    r = _isi(r, operator_a, status="proses")
    assert r.tinjauan == "" and r.status == "proses"
    aksi = list(
        LogPerubahan.objects.filter(aksi__startswith="tindak_lanjut").values_list("aksi", flat=True)
    )
    assert aksi.count("tindak_lanjut.ubah") == 2 and "tindak_lanjut.terima" in aksi
    assert "tindak_lanjut.buka" in aksi


def test_overdue_is_target_passed_and_not_accepted(rek, operator_a, evaluator):
    r = rek[0]
    assert r.terlambat(T(2024, 4, 1)) and not r.terlambat(T(2024, 3, 31))
    assert not rek[1].terlambat(T(2030, 1, 1))  # no date: never overdue
    r = _isi(r, operator_a, tanggal_target=T(2024, 6, 30))
    assert not r.terlambat(T(2024, 4, 1)) and r.terlambat(T(2024, 7, 1))
    r = svc.tindak_lanjut_terima(rekomendasi=r, pengguna=evaluator)
    assert not r.terlambat(T(2024, 7, 1))


def test_evidence_is_checked_as_realisasi_evidence(rek, operator_a):
    palsu = SimpleUploadedFile("sop.pdf", b"bukan pdf", "application/pdf")
    with pytest.raises(ValidationError):
        _isi(rek[0], operator_a, berkas=palsu)
    pdf = SimpleUploadedFile("SOP final.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    r = _isi(rek[0], operator_a, berkas=pdf)
    assert r.berkas_jenis == "pdf" and r.berkas_nama == "SOP final.pdf"


def test_pages_per_role_and_overdue_flag(client, rek, operator_a, kepala_a, evaluator, operator_b):
    r = rek[0]  # due 31 March 2024: overdue today
    client.force_login(operator_a)
    html = client.get(URL).content.decode()
    assert "Menyusun SOP" in html and "tindak lanjut terlambat" in html
    assert "Simpan tindak lanjut 1" in html and "Terima tindak lanjut" not in html
    pdf = SimpleUploadedFile("sop.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    data = {
        "rencana_aksi": "Menyusun dokumen SOP",
        "keluaran": "1 dokumen",
        "tanggal_target": "2024-03-31",
        "penanggung_jawab": "Camat",
        "status": "selesai",
        "berkas": pdf,
    }
    assert client.post(f"{URL}{r.pk}/", data).status_code == 302
    assert client.get(f"{URL}{r.pk}/berkas/").status_code == 200
    assert client.post(f"{URL}{r.pk}/terima/").status_code == 403
    client.force_login(kepala_a)
    assert client.post(f"{URL}{r.pk}/", data).status_code == 403
    client.force_login(operator_b)
    assert client.get(URL).status_code == 404
    assert client.post(f"{URL}{r.pk}/", data).status_code == 404
    # The evaluator's page of the pemda flags it too.
    client.force_login(evaluator)
    html = client.get("/evaluasi/33.16/tindak-lanjut/").content.decode()
    assert "Menyusun SOP" in html and "1 tindak lanjut terlambat" in html
    assert "Terima tindak lanjut 1" in client.get(URL).content.decode()
    assert client.post(f"{URL}{r.pk}/terima/").status_code == 302
    r.refresh_from_db()
    assert r.tinjauan == "diterima"
    html = client.get("/evaluasi/33.16/tindak-lanjut/").content.decode()
    assert "tindak lanjut terlambat" not in html
    assert client.post(f"{URL}{r.pk}/buka/", {"komentar": "Kurang"}).status_code == 302
    r.refresh_from_db()
    assert r.tinjauan == "dibuka"
    client.force_login(operator_a)
    assert client.get("/evaluasi/33.16/tindak-lanjut/").status_code == 403


def test_a_reminder_one_working_day_before_the_target(demo, rek, operator_a, evaluator):
    assert "tenggat_tindak_lanjut_sumber" in {f.__name__ for f in SUMBER}
    pemda = demo["a"].pemda
    pemda.pengingat_sebelum, pemda.pengingat_sesudah = 1, 0
    pemda.save()
    # Due Monday 10 March 2025: reminded on Friday 7 March, the working day before.
    _isi(rek[0], operator_a, tanggal_target=T(2025, 3, 10), status="proses")

    def tl(pada):
        return [
            p
            for p in pengingat_jatuh_tempo(pemda, pada, [demo["a"]])
            if p.tenggat.kunci.startswith("tindak_lanjut:")
        ]

    assert tl(T(2025, 3, 6)) == []
    (p,) = tl(T(2025, 3, 7))
    assert operator_a in p.tenggat.penerima and "Tindak lanjut rekomendasi 1" in p.tenggat.judul
    svc.tindak_lanjut_terima(rekomendasi=Rekomendasi.objects.get(pk=rek[0].pk), pengguna=evaluator)
    assert tl(T(2025, 3, 7)) == []


def _teks_tabel(t: Tabel) -> str:
    return " ".join(s.teks for baris in t.baris for s in baris.sel)


def test_bab4_of_the_next_year_prints_the_matrix(demo, rek, operator_a):
    _isi(rek[0], operator_a)
    dok = susun_dokumen(demo["a"], 2024)
    (bab4,) = [b for b in dok.bab if b.nomor == "IV"]
    tabel = [b for b in bab4.blok if isinstance(b, Tabel) and "Tindak Lanjut" in b.judul]
    assert len(tabel) == 1
    teks = _teks_tabel(tabel[0])
    assert "Menyusun SOP pengukuran kinerja" in teks and "Menyusun dokumen SOP" in teks
    assert "Camat" in teks and "Selesai" in teks and "Menyusun mekanisme" in teks
    # Another perangkat daerah without recommendations: no matrix.
    dok = susun_dokumen(demo["b"], 2024)
    (bab4,) = [b for b in dok.bab if b.nomor == "IV"]
    assert not [b for b in bab4.blok if isinstance(b, Tabel) and "Tindak Lanjut" in b.judul]


def test_the_printed_lkjip_shows_the_matrix(demo, rek, operator_a, tmp_path, settings):
    """A real print of the demo: pdftotext finds the matrix in BAB IV."""
    import subprocess
    from io import StringIO

    from django.core.management import call_command

    _isi(rek[0], operator_a)
    settings.MEDIA_ROOT = tmp_path / "media"
    keluar = tmp_path / "randublatung.pdf"
    call_command(
        "cetak_lkjip", "--pd", "33.16.05", "--tahun", "2024", "--keluar", str(keluar),
        stdout=StringIO(),
    )  # fmt: skip
    teks = subprocess.run(
        ["pdftotext", str(keluar), "-"], capture_output=True, text=True, check=True
    ).stdout
    bab4 = teks[teks.rindex("PENUTUP") :]
    rata = " ".join(bab4.split())
    assert "Matriks Tindak Lanjut Hasil Evaluasi AKIP" in rata
    assert "menghasilkan 2 rekomendasi" in rata
    assert "Menyusun dokumen SOP pengukuran kinerja" in rata and "Camat" in rata


@pytest.mark.parametrize("peran", ["operator_a", "evaluator"])
def test_the_follow_up_pages_speak_the_users_language(client, rek, request, peran):
    from tests.web.test_kata_layar import periksa, teks_tampil

    client.force_login(request.getfixturevalue(peran))
    salah = []
    for url in (URL, "/evaluasi/33.16/tindak-lanjut/"):
        r = client.get(url)
        assert r.status_code in (200, 403), (url, r.status_code)
        if r.status_code == 200:
            salah += periksa(teks_tampil(r.content.decode()), url)
    assert salah == [], "\n".join(salah)


def test_a_recommendation_of_another_perangkat_daerah_is_404(client, demo, rek, operator_a):
    (lain,) = svc.rekomendasi_simpan(
        pd=demo["b"], tahun=2023, evaluasi_id=78, daftar=[("Lain", None)], pengguna=None
    )
    client.force_login(operator_a)
    r = client.post(f"{URL}{lain.pk}/", {"rencana_aksi": "A", "status": "proses"})
    assert r.status_code == 404
    assert client.get(f"{URL}{lain.pk}/berkas/").status_code == 404
    lain.refresh_from_db()
    assert lain.rencana_aksi == ""
