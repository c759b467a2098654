"""The comparison perangkat daerah the pemda names (issue 12 §3–§4): one row each in the
comparison table of every indicator they share, from signed data or approved quarters
(said so), a row saying so when they have neither; never a row per perangkat daerah."""

from __future__ import annotations

import pytest

from kinerja.models import PerangkatDaerah, StatusTriwulan, Tahun
from laporan.dokumen import susun_dokumen
from laporan.dokumen.data import SUMBER_DITETAPKAN, SUMBER_TRIWULAN
from laporan.dokumen.loader import load_data_tahun
from laporan.pdf import render_html
from laporan.services.pembanding import pembanding_pd_simpan
from tests.sintetis import TAHUN, buat_pd_sintetis

pytestmark = pytest.mark.django_db

N_INDIKATOR = 5
BARIS = "Pembanding yang ditetapkan Kabupaten Sintetis"


def _lain(n: int, *, status: str = "") -> PerangkatDaerah:
    """Another synthetic kecamatan of the same pemda: signed ("ditetapkan"), with its
    first quarter approved ("triwulan"), or a draft year ("")."""
    pd = buat_pd_sintetis(N_INDIKATOR, kode=f"99.01.{n:02d}", kode_pemda="99.01")
    PerangkatDaerah.objects.filter(pk=pd.pk).update(nama=f"Kecamatan Lain {n}")
    if status == "ditetapkan":
        Tahun.objects.update_or_create(
            perangkat_daerah=pd, tahun=TAHUN, defaults={"terkunci": True}
        )
    elif status == "triwulan":
        StatusTriwulan.objects.create(
            perangkat_daerah=pd, tahun=TAHUN, triwulan=1, status=StatusTriwulan.Status.DISETUJUI
        )
    pd.refresh_from_db()
    return pd


def _html(pd: PerangkatDaerah) -> str:
    return render_html(susun_dokumen(pd, TAHUN))


def test_naming_two_adds_at_most_two_rows_per_indicator_and_thirty_unnamed_add_none():
    pd = buat_pd_sintetis(N_INDIKATOR, kode="99.01.01", kode_pemda="99.01")
    ditetapkan = _lain(2, status="ditetapkan")
    for n in range(3, 33):
        _lain(n, status="ditetapkan")
    draf = _lain(40)
    # Thirty signed perangkat daerah, none named: no row of their own.
    assert load_data_tahun(pd, TAHUN).pd_pembanding == {}
    assert BARIS not in _html(pd)

    pembanding_pd_simpan(perangkat_daerah=pd, pembanding=[ditetapkan, draf], pengguna=None)
    data = load_data_tahun(pd, TAHUN)
    assert sorted(data.pd_pembanding) == [f"IKS-{n}" for n in range(1, N_INDIKATOR + 1)]
    for daftar in data.pd_pembanding.values():
        assert [(x.pd_nama, x.sumber) for x in daftar] == [
            ("Kecamatan Lain 2", SUMBER_DITETAPKAN),
            ("Kecamatan Lain 40", ""),
        ]
    # The "jumlah" indicators: 10 + 9 of the signed kecamatan; the draft one has no figure.
    iks2 = data.pd_pembanding["IKS-2"]
    assert iks2[0].realisasi == 19 and iks2[1].realisasi is None
    html = _html(pd)
    assert html.count(BARIS) == 2 * N_INDIKATOR
    assert "LKjIP Kecamatan Lain 2 2024 yang telah ditetapkan" in html
    assert "Kecamatan Lain 40 belum memiliki realisasi tahun 2024 dari data yang ditetapkan" in html
    # The summary of all the others stays one row: rank among n.
    assert "Peringkat" in html and "32 perangkat daerah" in html


def test_approved_quarters_are_labelled_as_not_signed():
    pd = buat_pd_sintetis(N_INDIKATOR, kode="99.01.01", kode_pemda="99.01")
    triwulan = _lain(3, status="triwulan")
    pembanding_pd_simpan(perangkat_daerah=pd, pembanding=[triwulan], pengguna=None)
    data = load_data_tahun(pd, TAHUN)
    iks2 = data.pd_pembanding["IKS-2"]
    # Only the approved first quarter counts: 10, not 10 + 9.
    assert [(x.sumber, x.realisasi) for x in iks2] == [(SUMBER_TRIWULAN, 10)]
    html = _html(pd)
    assert f"Kecamatan Lain 3: {SUMBER_TRIWULAN}" in html
    assert html.count(BARIS) == N_INDIKATOR


def test_own_row_cites_its_own_data_and_named_without_the_indicator_adds_nothing(demo):
    """The pemda names Bogorejo for Randublatung: the rows appear only for the
    indicators Bogorejo has too; Randublatung's own row cites its own LKjIP."""
    a, b = demo["a"], demo["b"]
    pembanding_pd_simpan(perangkat_daerah=a, pembanding=[b], pengguna=None)
    data = load_data_tahun(a, 2024)
    sendiri = {i.kode for i in data.hasil.indikator if i.tingkat in ("tujuan", "sasaran")}
    assert data.pd_pembanding and set(data.pd_pembanding) <= sendiri
    for daftar in data.pd_pembanding.values():
        assert [x.pd_nama for x in daftar] == [b.nama]
        # Bogorejo's 2024 is a draft in the demo: no figure, said so.
        assert daftar[0].sumber == "" and daftar[0].realisasi is None
    html = render_html(susun_dokumen(a, 2024))
    assert html.count("Pembanding yang ditetapkan Kabupaten Blora") == len(data.pd_pembanding)
    assert "Data LKjIP ini" in html
