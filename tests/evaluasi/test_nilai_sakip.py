"""The final score feeds the perangkat daerah's "Nilai SAKIP" indicator of the evaluated
year through the realisasi service (audited); a signed year records nothing and says so."""

from __future__ import annotations

import pytest

from evaluasi.services.nilai_sakip import cocok
from kinerja.models import LogPerubahan, Realisasi, Tahun
from tests.evaluasi.test_rekomendasi import final_dengan_rekomendasi


@pytest.mark.parametrize(
    ("nama", "hasil"),
    [
        ("Nilai SAKIP Perangkat Daerah", True),
        ("nilai  akip kecamatan", True),
        ("NILAI SAKIP", True),
        ("Persentase pelayanan yang mendukung pencapaian nilai SAKIP", False),
        ("Nilai Evaluasi AKIP Kecamatan Kesamben", False),
        ("Indeks Kepuasan Masyarakat", False),
    ],
)
def test_the_indicator_is_matched_by_its_name(nama, hasil):
    assert cocok(nama) is hasil


def _realisasi(pd):
    return Realisasi.objects.filter(
        indikator__renstra__perangkat_daerah=pd,
        indikator__nama="Nilai SAKIP Perangkat Daerah",
        tahun=2024,
        triwulan=4,
    ).first()


@pytest.mark.django_db
def test_final_score_becomes_the_realisasi(client, demo, operator_a, evaluator, pengendali):
    e = final_dengan_rekomendasi(demo["a"], operator_a, evaluator, pengendali, tahun=2024)
    r = _realisasi(demo["a"])
    assert r is not None and r.nilai == e.nilai
    assert "dicatat sebagai realisasi triwulan IV tahun 2024" in e.catatan_nilai_sakip
    assert LogPerubahan.objects.filter(
        aksi="realisasi.ubah", objek_id=r.pk, pengguna=pengendali
    ).exists()
    client.force_login(operator_a)
    assert "Nilai SAKIP: Nilai" in client.get("/pd/33.16.05/2024/lke/").content.decode()


@pytest.mark.django_db
def test_a_signed_year_records_nothing_and_says_so(client, demo, operator_a, evaluator, pengendali):
    sebelum = _realisasi(demo["a"])
    Tahun.objects.filter(perangkat_daerah=demo["a"], tahun=2024).update(terkunci=True)
    e = final_dengan_rekomendasi(demo["a"], operator_a, evaluator, pengendali, tahun=2024)
    assert e.status == "final"
    sesudah = _realisasi(demo["a"])
    assert (sebelum and sebelum.versi) == (sesudah and sesudah.versi)
    assert "tidak dicatat" in e.catatan_nilai_sakip and "terkunci" in e.catatan_nilai_sakip
    client.force_login(evaluator)
    assert "tidak dicatat" in client.get("/pd/33.16.05/2024/lke/").content.decode()


@pytest.mark.django_db
def test_no_indicator_no_note(demo, evaluator, pengendali):
    from tests.conftest import _pengguna

    op = _pengguna("op_lain", "operator", pd=demo["lain"])
    ev = _pengguna("ev_lain", "evaluator", pemda=demo["lain"].pemda)
    pt = _pengguna("pt_lain", "pengendali_teknis", pemda=demo["lain"].pemda)
    e = final_dengan_rekomendasi(demo["lain"], op, ev, pt, tahun=2024)
    assert e.catatan_nilai_sakip == ""
