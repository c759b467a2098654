"""The comparison with the other perangkat daerah is bounded: one PD's LKjIP does not
grow with the number of perangkat daerah of its pemda (issue 12 §4)."""

from __future__ import annotations

import pytest

from kinerja.models import PerangkatDaerah, Tahun
from laporan.dokumen import susun_dokumen
from laporan.pdf import html_to_pdf, render_html
from tests.sintetis import TAHUN, buat_pd_sintetis

pytestmark = pytest.mark.django_db

N_INDIKATOR = 5


def _halaman(pd: PerangkatDaerah) -> tuple[int, list]:
    """Pages of the draft PDF and the comparison of each indicator."""
    dokumen = susun_dokumen(pd, TAHUN)
    _, halaman = html_to_pdf(render_html(dokumen))
    return halaman, [ai.peringkat_pd for a in dokumen.analisis for ai in a.indikator]


def _lain(n: int, *, ditetapkan: bool) -> None:
    kode = f"99.01.{n:02d}"
    pd = buat_pd_sintetis(N_INDIKATOR, kode=kode, kode_pemda="99.01")
    PerangkatDaerah.objects.filter(pk=pd.pk).update(nama=f"Kecamatan Lain {n}")
    if ditetapkan:
        Tahun.objects.update_or_create(
            perangkat_daerah=pd, tahun=TAHUN, defaults={"terkunci": True}
        )


def test_thirty_more_perangkat_daerah_leave_the_page_count_unchanged():
    pd = buat_pd_sintetis(N_INDIKATOR, kode="99.01.01", kode_pemda="99.01")
    # One other signed perangkat daerah: the comparison row is there from the start.
    _lain(2, ditetapkan=True)
    sebelum, peringkat = _halaman(pd)
    # The synthetic indicators of type "jumlah" have a capaian; the others have none.
    dibandingkan = [i for i, p in enumerate(peringkat) if p is not None]
    assert len(dibandingkan) == N_INDIKATOR // 2
    assert [peringkat[i].n for i in dibandingkan] == [2] * len(dibandingkan)
    for n in range(3, 33):
        _lain(n, ditetapkan=True)
    # A perangkat daerah whose year is a draft is not compared.
    _lain(40, ditetapkan=False)
    sesudah, peringkat = _halaman(pd)
    assert [peringkat[i].n for i in dibandingkan] == [32] * len(dibandingkan)
    assert sesudah == sebelum
