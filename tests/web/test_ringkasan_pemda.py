"""The whole pemda's summary workbook (laporan/ringkasan_pemda.py) for its evaluator and
admin pemda: a row per perangkat daerah with the figures the engine computes for it,
numbers as numeric cells, and every IKU of every perangkat daerah."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client

from kinerja.engine.hitung import hitung
from kinerja.engine.predikat import klasifikasi
from laporan.selectors_paket import paket_muat

pytestmark = pytest.mark.django_db
URL = "/evaluasi/33.16/2024/ringkasan.xlsx"


def _masuk(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _lembar(ws) -> list[dict]:
    """The rows of a sheet below its header row (the one starting with ``Kode`` or
    ``Perangkat daerah``) as dicts by header."""
    baris = list(ws.iter_rows(values_only=True))
    i = next(n for n, r in enumerate(baris) if r[0] in ("Kode", "Perangkat daerah") and r[1])
    kepala = baris[i]
    return [dict(zip(kepala, r, strict=True)) for r in baris[i + 1 :] if any(r)]


def _dekat(sel, angka: Decimal | None) -> bool:
    if angka is None:
        return sel is None
    return isinstance(sel, int | float) and abs(Decimal(str(sel)) - angka) < Decimal("0.000001")


def test_the_workbook_holds_the_engines_figures_of_every_pd(demo, evaluator):
    r = _masuk(evaluator).get(URL)
    assert r.status_code == 200
    assert 'filename="ringkasan-33.16-2024.xlsx"' in r["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Ringkasan", "IKU per PD"]
    baris = {x["Kode"]: x for x in _lembar(wb["Ringkasan"])}
    assert set(baris) == {"33.16.05", "33.16.15"}  # Blora's two; not Jombang's
    for pd in (demo["a"], demo["b"]):
        paket = paket_muat(pd, 2024)
        h = hitung(paket, 2024)
        x, ring = baris[pd.kode], h.ringkasan
        assert x["Perangkat daerah"] == pd.nama
        assert x["Jumlah indikator"] == len(h.indikator)
        assert x["IKU terukur"] == ring["jumlah_iku"]
        assert _dekat(x["Rata-rata capaian IKU"], ring["rata_rata_capaian_iku"] / 100)
        band = klasifikasi(paket.pemda.aturan.skala, ring["rata_rata_capaian_iku"])
        assert x["Predikat"] == band.label
        assert _dekat(x["Pagu (Rp)"], ring["pagu_total"])
        assert _dekat(x["Realisasi (Rp)"], ring["realisasi_total"])
        assert _dekat(x["Penyerapan"], ring["penyerapan_total"] / 100)
        total = next(e for e in h.efisiensi if e["tingkat"] == "total")
        assert _dekat(x["Efisiensi"], total["nilai"])
        assert x["Kategori efisiensi"] == total["kategori"]
        assert x["Status LKjIP"]
    iku = _lembar(wb["IKU per PD"])
    h = hitung(paket_muat(demo["a"], 2024), 2024)
    semua = [i for i in h.indikator if i.iku]
    milik_a = [x for x in iku if x["Perangkat daerah"] == demo["a"].nama]
    assert [x["Kode"] for x in milik_a] == [i.kode for i in semua]
    for x, i in zip(milik_a, semua, strict=True):
        assert _dekat(x["Capaian"], None if i.capaian is None else i.capaian / 100)


def test_the_admin_pemda_downloads_it_and_the_list_links_it(demo, admin_pemda):
    c = _masuk(admin_pemda)
    assert c.get(URL).status_code == 200
    assert URL in c.get("/evaluasi/33.16/").content.decode()


def test_a_pd_without_data_of_the_year_has_a_row_without_figures(demo, evaluator):
    r = _masuk(evaluator).get("/evaluasi/33.16/2031/ringkasan.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    baris = {x["Kode"]: x for x in _lembar(wb["Ringkasan"])}
    assert baris["33.16.05"]["Jumlah indikator"] == "Belum ada data tahun ini"
    assert baris["33.16.05"]["Pagu (Rp)"] is None


def test_kecamatan_users_and_another_pemda_get_404(demo, operator_a, kepala_a, evaluator_lain):
    for u in (operator_a, kepala_a, evaluator_lain):
        assert _masuk(u).get(URL).status_code == 404
