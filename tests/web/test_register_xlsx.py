"""The indicator register of a Renstra through a workbook: texts, yearly targets and the
end target, previewed (downloaded → uploaded) and saved through the screens' writers,
all or nothing; conflicts and bad cells named."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.test import Client

from kinerja.models import Indikator, LogPerubahan, Renstra, TargetTahunan
from kinerja.services.register_xlsx import BARIS_KEPALA, SHEET

pytestmark = pytest.mark.django_db


@pytest.fixture
def renstra(demo) -> Renstra:
    return Renstra.objects.filter(perangkat_daerah=demo["a"]).order_by("mulai").first()


@pytest.fixture
def op(operator_a) -> Client:
    c = Client()
    c.force_login(operator_a)
    return c


def _url(r: Renstra, akhir: str) -> str:
    return f"/pd/33.16.05/renstra/{r.mulai}/{akhir}"


def _unduh(c: Client, r: Renstra):
    x = c.get(_url(r, "register.xlsx"))
    assert x.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(x.content))


def _unggah(c: Client, r: Renstra, wb, langkah="unggah"):
    out = io.BytesIO()
    wb.save(out)
    f = io.BytesIO(out.getvalue())
    f.name = "register.xlsx"
    return c.post(_url(r, "register/impor/"), {"langkah": langkah, "berkas": f})


def _sel(ws, kode: str, judul: str):
    kolom = next(c.column for c in ws[BARIS_KEPALA] if c.value == judul)
    baris = next(r[0].row for r in ws.iter_rows(min_row=BARIS_KEPALA + 1) if r[0].value == kode)
    return ws.cell(baris, kolom)


def test_a_target_of_a_renstra_in_use_needs_an_open_revision(op, renstra):
    wb = _unduh(op, renstra)
    _sel(wb[SHEET], "IKS-1", f"Target {renstra.selesai}").value = 97.5
    r = _unggah(op, renstra, wb)
    assert r.status_code == 400 and "revisi Renstra" in r.content.decode()


def test_texts_and_a_target_are_previewed_then_saved_with_the_audit_trail(op, renstra, operator_a):
    import datetime

    from kinerja.services.renstra import revisi_buka

    revisi_buka(
        renstra=renstra, pengguna=operator_a, tanggal=datetime.date(2024, 6, 1), alasan="uji"
    )
    wb = _unduh(op, renstra)
    ws = wb[SHEET]
    ind = Indikator.objects.get(renstra=renstra, kode="IKS-1")
    tahun = renstra.selesai
    _sel(ws, "IKS-1", "Formulasi").value = "Jumlah layanan sesuai SOP ÷ jumlah layanan × 100"
    _sel(ws, "IKS-1", f"Target {tahun}").value = 97.5
    r = _unggah(op, renstra, wb)
    assert r.status_code == 200, r.content.decode()[-2000:]
    html = r.content.decode()
    assert "Pratinjau: 1 indikator akan diubah" in html and "97,5" in html
    assert (
        Indikator.objects.get(pk=ind.pk).formulasi
        != "Jumlah layanan sesuai SOP ÷ jumlah layanan × 100"
    )
    s = op.post(
        _url(renstra, "register/impor/"), {"langkah": "simpan", "token": r.context["token"]}
    )
    assert s.status_code == 302
    ind.refresh_from_db()
    assert ind.formulasi == "Jumlah layanan sesuai SOP ÷ jumlah layanan × 100"
    assert TargetTahunan.objects.get(indikator=ind, tahun=tahun).nilai == 97.5
    assert LogPerubahan.objects.filter(aksi="indikator.ubah", objek_id=ind.pk).exists()


def test_a_bad_target_and_an_incomplete_new_indicator_are_named_and_nothing_saved(op, renstra):
    wb = _unduh(op, renstra)
    ws = wb[SHEET]
    sel = _sel(ws, "IKS-1", f"Target {renstra.selesai}")
    sel.value = "sembilan puluh"
    baru = ws.max_row + 1
    ws.cell(baru, 1, "XYZ-9")
    ws.cell(baru, 2, "Indikator baru")
    r = _unggah(op, renstra, wb)
    assert r.status_code == 400
    html = r.content.decode()
    assert f"baris {sel.row}, kolom {sel.column_letter}" in html
    # A new code is a new indicator: its satuan, induk, polaritas and tipe are missing.
    assert f"baris {baru}, kolom C" in html and "satuan indikator baru wajib diisi" in html
    assert "isi induk indikator baru" in html and "polaritas: Positif atau Negatif" in html
    assert not LogPerubahan.objects.filter(
        aksi__in=["indikator.ubah", "target_tahunan.ubah"]
    ).exists()


def test_a_change_made_on_screen_after_the_download_is_a_conflict(op, renstra):
    wb = _unduh(op, renstra)
    _sel(wb[SHEET], "IKS-1", "Sumber data").value = "Dari Excel"
    Indikator.objects.filter(renstra=renstra, kode="IKS-1").update(sumber_data="Dari layar")
    r = _unggah(op, renstra, wb)
    assert r.status_code == 400 and "IKS-1" in r.content.decode()
    assert Indikator.objects.get(renstra=renstra, kode="IKS-1").sumber_data == "Dari layar"


def test_another_workbook_is_refused(op, renstra):
    polos = openpyxl.Workbook()
    r = _unggah(op, renstra, polos)
    assert r.status_code == 400 and "bukan unduhan register indikator" in r.content.decode()


def test_readers_download_but_cannot_import(kepala_a, renstra):
    c = Client()
    c.force_login(kepala_a)
    wb = _unduh(c, renstra)
    assert _unggah(c, renstra, wb).status_code == 403
    assert "register-impor" not in c.get("/pd/33.16.05/renstra/").content.decode()
