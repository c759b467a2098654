"""A signed year is whole and fixed.

Sign-off is refused while a reported indicator has no annual realisasi, a missed
target has no explanation, or a consistency finding is open; a signed year keeps
the rules it was signed with, whatever the admin pemda changes afterwards, until it
is reopened to be recomputed with today's rules.
"""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from kinerja.models import AturanTahun, LogPerubahan, PenjelasanTemuan
from kinerja.services.realisasi import grid_triwulan
from laporan.dokumen import susun_dokumen
from laporan.models import SnapshotLKjIP
from laporan.pdf import kode_isi
from laporan.services.kesiapan import kesiapan_lkjip
from tests.laporan.data_alur import kunci_temuan, realisasi
from tests.laporan.test_alur import (
    AJUKAN,
    BUKA,
    EDITOR,
    KESIAPAN,
    TETAPKAN,
    _ikuti,
    _status,
)

ATURAN = "/pemda/33.16/aturan/"
TEMUAN = EDITOR + "temuan/"


pytestmark = pytest.mark.usefixtures("media")


def _hitung(kode: str, *format_) -> str:
    out = StringIO()
    call_command("hitung", "--pd", kode, "--tahun", "2024", *format_, stdout=out)
    return out.getvalue()


def _semua_hitung(kode: str) -> tuple[str, dict]:
    return _hitung(kode), json.loads(_hitung(kode, "--format", "json"))


def _ubah_aturan(client, admin_pemda, **ubah) -> None:
    """The admin pemda changes the rules through the rules page."""
    client.force_login(admin_pemda)
    form = client.get(ATURAN).context["form"]
    data = {n: ("" if form[n].value() is None else str(form[n].value())) for n in form.fields}
    data.update(ubah)
    r = client.post(ATURAN, data)
    assert r.status_code == 302, r.content.decode()[:2000]
    client.logout()


def _tercapai(hasil: dict) -> dict[str, bool | None]:
    return {i["kode"]: i["tercapai"] for i in hasil["indikator"]}


# --------------------------------------------------------------------------- rules


def test_changing_the_rules_leaves_a_signed_year_unchanged(
    pdf_cepat, client, admin_pemda, ditetapkan, demo
):
    a, b = demo["a"].kode, demo["b"].kode
    signed_before, unsigned_before = _semua_hitung(a), _semua_hitung(b)
    # The signed document's content code: its HTML, every figure and predicate in it.
    assert kode_isi(susun_dokumen(demo["a"], 2024)) == ditetapkan.kode_isi
    stored = AturanTahun.objects.get(perangkat_daerah=demo["a"], tahun=2024)
    assert stored.aturan["ambang_tercapai"] == 100
    assert stored.aturan["skala_predikat"] == "blora"

    # Threshold 100 → 150 and another predicate scale.
    _ubah_aturan(client, admin_pemda, ambang_tercapai="150", skala_preset="permendagri-86-2017")

    assert _semua_hitung(a) == signed_before
    teks, data = _semua_hitung(b)
    assert data != unsigned_before[1] and teks != unsigned_before[0]
    assert data["aturan"]["ambang_tercapai"] == 150
    assert data["aturan"]["skala_predikat"] == "permendagri-86-2017"
    # The unsigned year's indicators that met 100% no longer meet 150%.
    assert _tercapai(unsigned_before[1])["IKT-1"] is True
    assert _tercapai(data)["IKT-1"] is False
    # The entry page's live capaian and the document use the signed rules too.
    assert grid_triwulan(demo["a"], 2024, 4).aturan.ambang_tercapai == 100
    assert grid_triwulan(demo["b"], 2024, 4).aturan.ambang_tercapai == 150
    assert kode_isi(susun_dokumen(demo["a"], 2024)) == ditetapkan.kode_isi


def test_signed_screens_keep_the_signed_figures(
    pdf_cepat, client, admin_pemda, kepala_a, ditetapkan
):
    client.force_login(kepala_a)
    halaman = [f"/pd/33.16.05/2024/{p}" for p in ("hitung/", "", "anggaran/")]
    sebelum = {}
    for url in halaman:
        r = client.get(url)
        assert r.status_code == 200, url
        sebelum[url] = r.content.decode().count("Sangat Baik")
    _ubah_aturan(client, admin_pemda, ambang_tercapai="150", skala_preset="permendagri-86-2017")
    client.force_login(kepala_a)
    for url in halaman:
        html = client.get(url).content.decode()
        # The Blora scale's predicate, not that of Permendagri 86/2017, on every screen of the signed year.
        assert html.count("Sangat Baik") == sebelum[url], url


def test_rules_page_lists_the_signed_years(pdf_cepat, client, admin_pemda, ditetapkan):
    client.force_login(admin_pemda)
    html = client.get(ATURAN).content.decode()
    assert "Tahun yang sudah ditetapkan tidak terpengaruh" in html
    assert "<li>Kecamatan Randublatung tahun 2024</li>" in html
    assert "Kecamatan Bogorejo tahun 2024" not in html


def test_rules_page_without_signed_years_says_nothing(client, admin_pemda):
    client.force_login(admin_pemda)
    assert "tidak terpengaruh" not in client.get(ATURAN).content.decode()


def test_sign_off_stores_the_rules_audited(pdf_cepat, ditetapkan, kepala_a, demo):
    log = LogPerubahan.objects.get(aksi="aturan_tahun.tetapkan")
    assert log.pengguna == kepala_a and log.tahun == 2024
    assert log.data["baru"]["metode_efisiensi"] == demo["a"].pemda.metode_efisiensi


def test_reopen_keeps_the_signed_rules_by_default(
    pdf_cepat, client, admin_pemda, kepala_a, operator_a, ditetapkan, demo
):
    before = _semua_hitung(demo["a"].kode)
    _ubah_aturan(client, admin_pemda, ambang_tercapai="150")
    client.force_login(kepala_a)
    html = client.get(EDITOR).content.decode()
    assert "Hitung ulang tahun ini dengan aturan pemda yang berlaku sekarang" in html
    pesan = _ikuti(client, client.post(BUKA, {"alasan": "Perbaiki kesimpulan."}))
    assert pesan[0].endswith("Tahun 2024 tetap dihitung dengan aturan saat ditetapkan.")
    assert _status(demo["a"]) == "draf"
    assert _semua_hitung(demo["a"].kode) == before
    assert AturanTahun.objects.filter(perangkat_daerah=demo["a"], tahun=2024).exists()
    assert LogPerubahan.objects.get(aksi="lkjip.buka_kembali").data["hitung_ulang"] is False
    # Signed again, the year still has the rules of its first sign-off.
    client.force_login(operator_a)
    _ikuti(client, client.post(EDITOR + "narasi/kesimpulan/", {"teks": "Baru.", "versi": 1}))
    assert _ikuti(client, client.post(AJUKAN))[0].startswith("LKjIP tahun 2024 diajukan")
    client.force_login(kepala_a)
    client.post(TETAPKAN)
    assert _status(demo["a"]) == "ditetapkan"
    assert AturanTahun.objects.get(perangkat_daerah=demo["a"]).aturan["ambang_tercapai"] == 100
    assert json.loads(_hitung(demo["a"].kode, "--format", "json"))["aturan"] == before[1]["aturan"]


def test_reopen_with_recompute_uses_todays_rules(
    pdf_cepat, client, admin_pemda, kepala_a, ditetapkan, demo
):
    before = json.loads(_hitung(demo["a"].kode, "--format", "json"))
    _ubah_aturan(client, admin_pemda, ambang_tercapai="150")
    client.force_login(kepala_a)
    pesan = _ikuti(
        client, client.post(BUKA, {"alasan": "Aturan pemda diperbarui.", "hitung_ulang": "on"})
    )
    assert pesan[0].endswith("Tahun 2024 kini dihitung dengan aturan pemda yang berlaku sekarang.")
    assert not AturanTahun.objects.filter(perangkat_daerah=demo["a"]).exists()
    after = json.loads(_hitung(demo["a"].kode, "--format", "json"))
    assert after["aturan"]["ambang_tercapai"] == 150
    assert _tercapai(before)["IKT-1"] is True and _tercapai(after)["IKT-1"] is False
    log = LogPerubahan.objects.get(aksi="aturan_tahun.lepas")
    assert log.pengguna == kepala_a
    riwayat = client.get("/pd/33.16.05/riwayat/").content.decode()
    assert "Tahun dihitung ulang dengan aturan pemda terbaru" in riwayat
    assert log.data["lama"]["ambang_tercapai"] == 100 and log.data["baru"]["ambang_tercapai"] == 150
    assert LogPerubahan.objects.get(aksi="lkjip.buka_kembali").data["hitung_ulang"] is True
    # The missed targets now need an explanation before the year is signed again (IKS-2,
    # 100% of its target, has no note).
    assert ("catatan", "IKS-2") in [(k.jenis, k.kode) for k in kesiapan_lkjip(demo["a"], 2024)]


# --------------------------------------------------------------------------- sign-off refused


def _jenis(kurang) -> list[tuple[str, str]]:
    return [(k.jenis, k.kode) for k in kurang]


def test_bogorejo_cannot_sign_with_a_sasaran_indicator_without_realisasi(demo):
    # IKS-1 and IKS-2 of Bogorejo have a Renstra target for 2024 and no realisasi: BAB III
    # would print "sebesar -".
    kurang = _jenis(kesiapan_lkjip(demo["b"], 2024))
    assert ("realisasi", "IKS-1") in kurang and ("realisasi", "IKS-2") in kurang
    # Its ten open consistency findings too.
    assert len([k for k in kurang if k[0] == "temuan"]) == len(kunci_temuan(demo["b"])) == 10


def test_sign_off_refused_while_a_reported_indicator_has_no_realisasi(
    pdf_cepat, client, kepala_a, diajukan, demo
):
    # IKS-1 is a sasaran indicator outside the PK, reported in BAB III with its Renstra target.
    r = realisasi(demo["a"], "IKS-1")
    nilai, r.nilai = r.nilai, None
    r.save()
    client.force_login(kepala_a)
    resp = client.post(TETAPKAN)
    assert resp["Location"] == KESIAPAN
    assert _ikuti(client, resp)[0].startswith("LKjIP tahun 2024 belum dapat ditetapkan")
    html = client.get(KESIAPAN).content.decode()
    assert "Realisasi IKS-1 (Persentase layanan kecamatan sesuai SOP) triwulan IV" in html
    assert _status(demo["a"]) == "diajukan" and not SnapshotLKjIP.objects.exists()
    assert not AturanTahun.objects.exists()
    r.nilai = nilai
    r.save()
    client.post(TETAPKAN)
    assert _status(demo["a"]) == "ditetapkan"


@pytest.mark.parametrize(
    ("kode", "nilai", "jenis"),
    [
        # IKT-2 at 60 of the target 75 without a note: a missed target left unexplained.
        ("IKT-2", Decimal(60), "catatan"),
        # IKT-1 at 89: no longer the figure the source report printed, a new finding.
        ("IKT-1", Decimal(89), "temuan"),
    ],
)
def test_kepala_cannot_sign_what_became_incomplete(
    pdf_cepat, client, kepala_a, diajukan, demo, kode, nilai, jenis
):
    # The data changed after submission (TW IV is still open).
    r = realisasi(demo["a"], kode)
    r.nilai, r.catatan = nilai, ""
    r.save()
    assert jenis in {k.jenis for k in kesiapan_lkjip(demo["a"], 2024)}
    client.force_login(kepala_a)
    resp = client.post(TETAPKAN)
    assert resp["Location"] == KESIAPAN
    assert _ikuti(client, resp)[0].startswith("LKjIP tahun 2024 belum dapat ditetapkan")
    assert _status(demo["a"]) == "diajukan"
    assert not SnapshotLKjIP.objects.exists() and not AturanTahun.objects.exists()


def test_sign_off_refused_while_a_missed_target_is_unexplained(
    pdf_cepat, client, operator_a, kepala_a, siap, demo
):
    pd = demo["a"]
    r = realisasi(pd, "IKT-2")
    r.nilai, r.catatan = Decimal(60), ""  # 80% of the target 75, below the threshold 100%
    r.save()
    client.force_login(operator_a)
    # The changed figure is a new finding; the operator explains it on the editor.
    (baru,) = [k for k in kunci_temuan(pd) if not PenjelasanTemuan.objects.filter(kunci=k).exists()]
    client.post(TEMUAN, {"kunci": baru, "teks": "Dokumen sumber mencatat angka lama."})
    assert _jenis(kesiapan_lkjip(pd, 2024)) == [("catatan", "IKT-2")]
    resp = client.post(AJUKAN)
    assert resp["Location"] == KESIAPAN
    html = client.get(KESIAPAN).content.decode()
    assert "Capaian IKT-2 (Nilai SAKIP Perangkat Daerah) 80,00% di bawah ambang tercapai" in html
    assert "pada catatan realisasi atau pada analisis indikator" in html
    # The explanation of a missed target: the indicator's analysis in BAB III.
    teks = "Nilai SAKIP turun karena dokumen evaluasi terlambat."
    _ikuti(client, client.post(EDITOR + "narasi/analisis:IKT-2/", {"teks": teks, "versi": 0}))
    assert _ikuti(client, client.post(AJUKAN))[0].startswith("LKjIP tahun 2024 diajukan")
    client.force_login(kepala_a)
    client.post(TETAPKAN)
    assert _status(pd) == "ditetapkan"


def test_sign_off_refused_while_a_finding_is_open(
    pdf_cepat, client, operator_a, kepala_a, siap, demo
):
    pd = demo["a"]
    kunci = "ikm_tidak_sesuai_skm|IKT-1|indikator IKT-1"
    client.force_login(operator_a)
    # An empty text removes the explanation: the finding is open again.
    assert _ikuti(client, client.post(TEMUAN, {"kunci": kunci, "teks": ""})) == [
        "Penjelasan temuan dihapus."
    ]
    assert _jenis(kesiapan_lkjip(pd, 2024)) == [("temuan", kunci)]
    resp = client.post(AJUKAN)
    assert resp["Location"] == KESIAPAN
    html = client.get(KESIAPAN).content.decode()
    assert "Temuan konsistensi data pada indikator IKT-1: realisasi IKT-1 tercatat 88" in html
    assert 'href="/pd/33.16.05/2024/lkjip/#temuan-' in html
    # The editor shows the finding with its form; the operator explains it.
    html = client.get(EDITOR).content.decode()
    assert 'name="kunci" value="ikm_tidak_sesuai_skm|IKT-1|indikator IKT-1"' in html
    teks = "Nilai IKM diambil dari laporan survei triwulan IV yang dibulatkan."
    r = client.post(TEMUAN, {"kunci": kunci, "teks": teks})
    assert _ikuti(client, r) == ["Penjelasan temuan tersimpan."]
    assert r["Location"].startswith(EDITOR + "#temuan-")
    log = LogPerubahan.objects.filter(aksi="temuan.penjelasan").latest("id")
    assert log.pengguna == operator_a and log.data["baru"] == teks and log.data["kunci"] == kunci
    riwayat = client.get("/pd/33.16.05/riwayat/").content.decode()
    assert "Penjelasan temuan konsistensi data diubah" in riwayat and teks in riwayat
    assert _ikuti(client, client.post(AJUKAN))[0].startswith("LKjIP tahun 2024 diajukan")
    # The kepala reads the explanations before the button.
    client.force_login(kepala_a)
    html = client.get(EDITOR).content.decode()
    assert "Temuan konsistensi data yang dijelaskan operator" in html
    assert html.index(teks) < html.index('action="/pd/33.16.05/2024/lkjip/tetapkan/"')
    # The document prints them as a lampiran.
    dok = susun_dokumen(pd, 2024)
    catatan = dok.lampiran[-1]
    assert catatan.judul.endswith("Catatan Konsistensi Data Tahun 2024")
    tabel = catatan.blok[1]
    assert [row.sel[2].teks for row in tabel.baris].count(teks) == 1
    assert _ikuti(client, client.post(TETAPKAN))[0].startswith("LKjIP tahun 2024 ditetapkan")
    # A signed year is locked: no explanation changes any more.
    client.force_login(operator_a)
    pesan = _ikuti(client, client.post(TEMUAN, {"kunci": kunci, "teks": "Lain."}))
    assert "sudah ditetapkan" in pesan[0]
    assert PenjelasanTemuan.objects.get(kunci=kunci).teks == teks


def test_explanation_while_submitted_is_refused(client, operator_a, diajukan):
    client.force_login(operator_a)
    kunci = kunci_temuan(diajukan.perangkat_daerah)[0]
    pesan = _ikuti(client, client.post(TEMUAN, {"kunci": kunci, "teks": "Baru."}))
    assert "sudah diajukan kepada kepala" in pesan[0]


def test_explanation_of_an_unknown_finding_is_refused(client, operator_a, siap):
    client.force_login(operator_a)
    pesan = _ikuti(client, client.post(TEMUAN, {"kunci": "bukan|temuan|ini", "teks": "x"}))
    assert pesan == [
        "Temuan ini tidak ada lagi pada data tahun 2024 (mungkin datanya sudah diperbaiki); "
        "muat ulang halaman."
    ]


def test_a_corrected_finding_needs_nothing(siap, demo):
    pd = demo["a"]
    assert kesiapan_lkjip(pd, 2024) == []
    kunci = "ikm_tidak_sesuai_skm|IKT-1|indikator IKT-1"
    PenjelasanTemuan.objects.filter(kunci=kunci).delete()
    assert _jenis(kesiapan_lkjip(pd, 2024)) == [("temuan", kunci)]
    # The realisasi corrected to the IKM of the nine SKM elements: the finding is gone.
    r = realisasi(pd, "IKT-1")
    r.nilai = Decimal("87.64")
    r.save()
    assert kunci not in kunci_temuan(pd)
    assert all(k.kode != kunci for k in kesiapan_lkjip(pd, 2024))


# --------------------------------------------------------------------------- stored rules


def test_stored_rules_read_back_equal(db):
    from kinerja.aturan import aturan_dari_json, aturan_ke_json
    from kinerja.engine.capaian import RumusNegatif
    from kinerja.engine.efisiensi import MetodeEfisiensi
    from kinerja.engine.predikat import PRESET, skala_dari_band
    from kinerja.paket.types import Aturan

    kustom = skala_dari_band(
        "kustom",
        [
            {
                "label": "Tinggi",
                "bawah": Decimal("90.25"),
                "bawah_inklusif": False,
                "atas": None,
                "atas_inklusif": False,
            },
            {
                "label": "Sedang",
                "bawah": Decimal("60.5"),
                "bawah_inklusif": False,
                "atas": Decimal("90.25"),
                "atas_inklusif": True,
                "warna": "#fee08b",
            },
            {
                "label": "Rendah",
                "bawah": None,
                "bawah_inklusif": False,
                "atas": Decimal("60.5"),
                "atas_inklusif": True,
            },
        ],
    )
    for skala, preset in ((kustom, None), (PRESET["blora"], "blora")):
        aturan = Aturan(
            skala=skala,
            skala_preset=preset,
            rumus_negatif=RumusNegatif.T_BAGI_R,
            batas_atas_capaian=Decimal(120),
            batas_bawah_capaian=None,
            metode_efisiensi=MetodeEfisiensi.RASIO,
            ambang_tercapai=Decimal("85.5"),
        )
        # Through the database's JSON column, as AturanTahun stores it.
        disimpan = AturanTahun(aturan=aturan_ke_json(aturan))
        assert aturan_dari_json(json.loads(json.dumps(disimpan.aturan))) == aturan
