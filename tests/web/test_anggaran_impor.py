"""A DPA version from the finance system's file (anggaran/views/impor.py): the sample
files of tests/data/anggaran/ onto the demo's Randublatung, previewed old → new, then
saved through the DPA screen's own save (audit trail, year lock)."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.test import Client

from anggaran.models import DPA, Pagu, PaguJenisBelanja
from kinerja.models import LogPerubahan, SubKegiatan

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "data" / "anggaran"
URL = "/pd/33.16.05/2024/anggaran/dpa/perubahan/impor/"


@pytest.fixture
def op(operator_a) -> Client:
    c = Client()
    c.force_login(operator_a)
    return c


def _unggah(c: Client, data: bytes, url: str = URL):
    f = io.BytesIO(data)
    f.name = "dpa.xlsx"
    return c.post(url, {"langkah": "unggah", "berkas": f})


def _pagu_sub(kode: str, versi: str = "perubahan") -> Decimal | None:
    sub = SubKegiatan.objects.get(
        kode=kode, kegiatan__program__renstra__perangkat_daerah__kode="33.16.05"
    )
    p = Pagu.objects.filter(
        dpa__perangkat_daerah__kode="33.16.05", dpa__tahun=2024, dpa__versi=versi, sub_kegiatan=sub
    ).first()
    return p.jumlah if p else None


def test_a_sipd_dpa_perubahan_is_previewed_then_saved(op, demo):
    sebelum = _pagu_sub("7.01.01.2.01.01")
    r = _unggah(op, (DATA / "sipd-dpa-perubahan.xlsx").read_bytes())
    assert r.status_code == 200
    html = r.content.decode()
    assert "Jumlah (Rp) Setelah Perubahan" in html
    assert "Pagu sub kegiatan 7.01.01.2.01.01" in html and "Rp 2.300.000" in html
    assert _pagu_sub("7.01.01.2.01.01") == sebelum  # the preview writes nothing
    s = op.post(URL, {"langkah": "simpan", "token": r.context["token"]})
    assert s.status_code == 302 and s["Location"].endswith("/anggaran/dpa/perubahan/")
    assert _pagu_sub("7.01.01.2.01.01") == Decimal(2_300_000)
    dpa = DPA.objects.get(perangkat_daerah=demo["a"], tahun=2024, versi="perubahan")
    assert PaguJenisBelanja.objects.get(dpa=dpa, kode="5.1.02").jumlah == 950_000_000
    assert LogPerubahan.objects.filter(aksi="pagu.ubah", pengguna__username="operator_a").exists()


def test_unrecognised_headers_let_the_user_pick_the_columns(op, demo):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No", "Keterangan", "Angka"])
    ws.append(["7.01.03.2.02.02", "Pembangunan Sarana dan Prasarana Kelurahan", 1_111_000])
    out = io.BytesIO()
    wb.save(out)
    r = _unggah(op, out.getvalue())
    assert r.status_code == 200 and r.context["pilih_kolom"]
    assert "Judul kolom berkas ini tidak dikenali" in r.content.decode()
    r = op.post(
        URL,
        {"langkah": "kolom", "sheet": "Sheet", "baris_kepala": "1", "kolom_kode": "0",
         "kolom_uraian": "1", "kolom_jumlah": "2"},
    )  # fmt: skip
    assert r.status_code == 200 and "Pratinjau: 1 angka akan diubah" in r.content.decode()
    op.post(URL, {"langkah": "simpan", "token": r.context["token"]})
    assert _pagu_sub("7.01.03.2.02.02") == 1_111_000


def test_a_code_of_another_tree_refuses_the_whole_file(op, demo):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kode", "Uraian", "Pagu"])
    ws.append(["7.01.03.2.02.02", "Pembangunan", 5])
    ws.append(["8.02.01", "Program lain", 7])
    out = io.BytesIO()
    wb.save(out)
    r = _unggah(op, out.getvalue())
    assert r.status_code == 400
    html = r.content.decode()
    assert "baris 3, kolom A" in html and "tidak ada di pohon program" in html
    assert "token" not in r.context or not r.context.get("perubahan")


def test_wrong_files_are_refused(op, demo):
    assert "bukan buku kerja Excel" in _unggah(op, b"bukan").content.decode()
    assert op.post(URL, {"langkah": "unggah"}).status_code == 400


def test_the_template_lists_the_tree_and_imports_back(op, demo):
    r = op.get("/pd/33.16.05/2024/anggaran/dpa/perubahan/templat.xlsx")
    assert r.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    ws = wb.active
    kode = [c.value for c in ws["A"][1:]]
    assert "7.01.01.2.01.01" in kode and "5.1.02" in kode
    baris = kode.index("7.01.01.2.01.01") + 2
    ws.cell(baris, 3, 9_999_000)
    out = io.BytesIO()
    wb.save(out)
    p = _unggah(op, out.getvalue())
    assert p.status_code == 200 and "Pratinjau: 1 angka akan diubah" in p.content.decode()


def test_readers_cannot_import(kepala_a, demo):
    c = Client()
    c.force_login(kepala_a)
    assert _unggah(c, (DATA / "pagu-sederhana.xlsx").read_bytes()).status_code == 403


def test_the_dpa_page_offers_the_import_to_its_operator_only(op, kepala_a, demo):
    halaman = op.get("/pd/33.16.05/2024/anggaran/dpa/perubahan/").content.decode()
    assert f'href="{URL}"' in halaman
    c = Client()
    c.force_login(kepala_a)
    assert URL not in c.get("/pd/33.16.05/2024/anggaran/dpa/perubahan/").content.decode()


URL_RA = "/pd/33.16.05/2024/anggaran/realisasi/2/impor/"


def _realisasi(kode: str, tw: int):
    from anggaran.models import RealisasiAnggaran

    r = RealisasiAnggaran.objects.filter(
        perangkat_daerah__kode="33.16.05", tahun=2024, triwulan=tw, sub_kegiatan__kode=kode
    ).first()
    return r.jumlah if r else None


def test_a_cumulative_realisation_report_becomes_the_quarters_own_amount(op, demo):
    from anggaran.models import RealisasiAnggaran

    sub = SubKegiatan.objects.get(
        kode="7.01.01.2.01.01", kegiatan__program__renstra__perangkat_daerah__kode="33.16.05"
    )
    RealisasiAnggaran.objects.filter(
        perangkat_daerah=demo["a"], tahun=2024, sub_kegiatan=sub
    ).delete()
    RealisasiAnggaran.objects.create(
        perangkat_daerah=demo["a"], tahun=2024, triwulan=1, sub_kegiatan=sub, jumlah=400_000
    )
    f = io.BytesIO((DATA / "keuangan-realisasi-tw2.xlsx").read_bytes())
    f.name = "lra.xlsx"
    r = op.post(URL_RA, {"langkah": "unggah", "kumulatif": "1", "berkas": f})
    assert r.status_code == 200, r.content.decode()[-2000:]
    html = r.content.decode()
    assert "Realisasi s.d. Triwulan II" in html
    # 1.150.000 up to TW II less 400.000 of TW I: 750.000 within TW II.
    assert "Realisasi sub kegiatan 7.01.01.2.01.01 triwulan II" in html and "Rp 750.000" in html
    s = op.post(URL_RA, {"langkah": "simpan", "token": r.context["token"]})
    assert s.status_code == 302
    assert _realisasi("7.01.01.2.01.01", 2) == 750_000
    assert _realisasi("7.01.01.2.01.01", 1) == 400_000


def test_a_cumulative_amount_below_the_earlier_quarters_is_refused(op, demo):
    from anggaran.models import RealisasiAnggaran

    sub = SubKegiatan.objects.get(
        kode="7.01.01.2.01.01", kegiatan__program__renstra__perangkat_daerah__kode="33.16.05"
    )
    RealisasiAnggaran.objects.filter(
        perangkat_daerah=demo["a"], tahun=2024, sub_kegiatan=sub
    ).delete()
    RealisasiAnggaran.objects.create(
        perangkat_daerah=demo["a"], tahun=2024, triwulan=1, sub_kegiatan=sub, jumlah=2_000_000
    )
    f = io.BytesIO((DATA / "keuangan-realisasi-tw2.xlsx").read_bytes())
    f.name = "lra.xlsx"
    r = op.post(URL_RA, {"langkah": "unggah", "kumulatif": "1", "berkas": f})
    assert r.status_code == 400
    assert "lebih kecil dari jumlah triwulan sebelumnya" in r.content.decode()
    assert _realisasi("7.01.01.2.01.01", 2) is None
