# ruff: noqa: F811 (fixtures shared with test_alur are imported by name)
"""Reopening the signed LKjIP for a correction of realisasi reopens the chosen quarters."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kinerja.models import LangkahReview, LogPerubahan, StatusTriwulan
from kinerja.services.review import triwulan_ajukan, triwulan_setujui
from laporan.models import PembukaanKembali
from laporan.services.alur import lkjip_buka_kembali
from tests.laporan.test_alur import (
    BUKA,
    EDITOR,
    _ikuti,
    _status,
)

pytestmark = pytest.mark.usefixtures("media")


def _status_tw(pd) -> dict[int, str]:
    return dict(
        StatusTriwulan.objects.filter(perangkat_daerah=pd, tahun=2024).values_list(
            "triwulan", "status"
        )
    )


@pytest.fixture
def tw_disetujui(demo, operator_a, kepala_a):
    """TW I–III submitted and approved (as the demo has them) before the sign-off."""
    pd = demo["a"]
    for q in (1, 2, 3):
        triwulan_ajukan(pd=pd, tahun=2024, triwulan=q, pengguna=operator_a)
        triwulan_setujui(pd=pd, tahun=2024, triwulan=q, pengguna=kepala_a, konfirmasi=True)
    return pd


def test_the_reopen_form_offers_the_approved_quarters(
    pdf_cepat, client, kepala_a, tw_disetujui, ditetapkan
):
    client.force_login(kepala_a)
    html = client.get(EDITOR).content.decode()
    form = html[html.index('action="/pd/33.16.05/2024/lkjip/buka-kembali/#alur"') :]
    form = form[: form.index("</form>")]
    assert "Buka juga triwulan yang sudah disetujui (untuk koreksi realisasi)" in form
    for q, nama in ((1, "I"), (2, "II"), (3, "III")):
        assert f'name="triwulan" value="{q}"' in form and f"Triwulan {nama}</label>" in form
    assert 'value="4"' not in form


def test_reopening_the_lkjip_reopens_the_chosen_quarters(
    pdf_cepat, client, kepala_a, operator_a, tw_disetujui, ditetapkan
):
    pd = tw_disetujui
    alasan = "Realisasi IKT-2 triwulan III salah ketik."
    client.force_login(kepala_a)
    pesan = _ikuti(client, client.post(BUKA, {"alasan": alasan, "triwulan": ["3", "2"]}))
    assert "Triwulan II dan III dibuka kembali untuk dikoreksi operator." in pesan[0]
    assert _status(pd) == "draf"
    assert _status_tw(pd) == {1: "disetujui", 2: "dikembalikan", 3: "dikembalikan"}
    langkah = LangkahReview.objects.filter(ke="dikembalikan").order_by("id")
    assert [(lk.status_triwulan.triwulan, lk.dari, lk.komentar, lk.pengguna) for lk in langkah] == [
        (2, "disetujui", alasan, kepala_a),
        (3, "disetujui", alasan, kepala_a),
    ]
    assert LogPerubahan.objects.get(aksi="lkjip.buka_kembali").data["triwulan"] == [2, 3]
    assert LogPerubahan.objects.filter(aksi="triwulan.buka").count() == 2
    # The operator finds the reason on the entry page and can correct the values.
    client.force_login(operator_a)
    html = client.get("/pd/33.16.05/2024/realisasi/3/").content.decode()
    assert "Triwulan III dibuka kembali oleh kepala_a" in html and alasan in html
    assert "-nilai" in html


def test_reopening_without_choosing_leaves_the_quarters(
    pdf_cepat, client, admin_pemda, tw_disetujui, ditetapkan
):
    client.force_login(admin_pemda)
    _ikuti(client, client.post(BUKA, {"alasan": "Kesimpulan perlu diperbaiki."}))
    assert _status(tw_disetujui) == "draf"
    assert _status_tw(tw_disetujui) == {1: "disetujui", 2: "disetujui", 3: "disetujui"}


def test_a_quarter_that_is_not_approved_cannot_be_chosen(
    pdf_cepat, client, kepala_a, tw_disetujui, ditetapkan
):
    client.force_login(kepala_a)
    r = client.post(BUKA, {"alasan": "Koreksi.", "triwulan": ["1", "4"]})
    assert r.status_code == 400
    assert "Triwulan 4 tidak berstatus disetujui." in r.content.decode()
    assert _status(tw_disetujui) == "ditetapkan"
    assert not PembukaanKembali.objects.exists()
    assert _status_tw(tw_disetujui)[1] == "disetujui"


def test_the_service_reopens_all_or_nothing(pdf_cepat, kepala_a, tw_disetujui, ditetapkan):
    with pytest.raises(ValidationError, match="hanya triwulan yang sudah disetujui"):
        lkjip_buka_kembali(
            lkjip=ditetapkan.lkjip, pengguna=kepala_a, alasan="Koreksi.", triwulan=[1, 4]
        )
    assert _status(tw_disetujui) == "ditetapkan"
    assert not PembukaanKembali.objects.exists()
    assert _status_tw(tw_disetujui)[1] == "disetujui"


# --------------------------------------------------------------------------- the checklist


def _kurang(pd, peran: set[str]) -> dict:
    """The blockers and the drafts still to check, by (kind, code)."""
    from laporan.selectors import data_kesiapan
    from laporan.services.kesiapan import draf_belum_diperiksa, periksa_kesiapan

    d = data_kesiapan(pd, 2024, peran=frozenset(peran))
    return {(k.jenis, k.kode): k for k in [*periksa_kesiapan(d), *draf_belum_diperiksa(d)]}


def _tw4(pd, status: str) -> None:
    StatusTriwulan.objects.update_or_create(
        perangkat_daerah=pd, tahun=2024, triwulan=4, defaults={"status": status}
    )


def _links(k) -> list[tuple[str, str]]:
    return [(t.label, t.url) for t in k.tautan]


@pytest.mark.parametrize("status", ["draf", "dikembalikan", "disetujui"])
def test_evidence_is_uploaded_by_the_operator_even_after_approval(demo, status):
    pd = demo["a"]
    _tw4(pd, status)
    from tests.laporan.test_kesiapan import _ind_id

    k = _kurang(pd, {"operator"})[("bukti", "IKT-1")]
    assert _links(k) == [
        ("Unggah bukti TW IV", f"/pd/33.16.05/2024/realisasi/4/#baris-{_ind_id(pd, 'IKT-1')}")
    ]
    assert k.siapa == ""
    for peran in ({"kepala"}, {"admin_pemda"}, set()):
        k = _kurang(pd, peran)[("bukti", "IKT-1")]
        assert k.tautan == ()
        assert k.siapa == (
            "Operator kecamatan mengunggah bukti dukung IKT-1 pada halaman realisasi triwulan IV."
        )


def test_evidence_of_a_submitted_quarter_waits_for_the_kepala(demo):
    pd = demo["a"]
    _tw4(pd, "diajukan")
    k = _kurang(pd, {"kepala"})[("bukti", "IKT-1")]
    assert _links(k) == [("Tinjau triwulan IV", "/pd/33.16.05/2024/realisasi/4/#tinjauan")]
    k = _kurang(pd, {"operator"})[("bukti", "IKT-1")]
    assert k.tautan == () and k.siapa == (
        "Triwulan IV sedang ditinjau kepala; setelah kepala menyetujui atau mengembalikannya, "
        "operator kecamatan mengunggah bukti dukung IKT-1."
    )


def test_a_realisasi_missing_in_an_approved_quarter_needs_it_reopened(demo):
    from tests.laporan.data_alur import realisasi

    pd = demo["a"]
    r = realisasi(pd, "IKT-1")
    r.nilai = None
    r.save()
    _tw4(pd, "disetujui")
    buka = [("Buka kembali triwulan IV", "/pd/33.16.05/2024/realisasi/4/#buka-kembali")]
    assert _links(_kurang(pd, {"kepala"})[("realisasi", "IKT-1")]) == buka
    assert _links(_kurang(pd, {"admin_pemda"})[("realisasi", "IKT-1")]) == buka
    k = _kurang(pd, {"operator"})[("realisasi", "IKT-1")]
    assert k.tautan == () and k.siapa == (
        "Triwulan IV sudah disetujui; kepala atau admin pemda membuka kembali triwulan ini, "
        "lalu operator kecamatan mengisi realisasi IKT-1."
    )
    # Once reopened (returned), the operator fills it on the entry page.
    _tw4(pd, "dikembalikan")
    k = _kurang(pd, {"operator"})[("realisasi", "IKT-1")]
    assert _links(k) == [("Isi realisasi TW IV", "/pd/33.16.05/2024/realisasi/4/")]


def test_a_missing_note_of_an_approved_quarter_goes_to_the_analysis(demo):
    from tests.laporan.data_alur import lengkapi, realisasi

    pd = demo["a"]
    lengkapi(pd)
    r = realisasi(pd, "IKT-2")
    r.nilai, r.catatan = 60, ""
    r.save()
    _tw4(pd, "disetujui")
    k = _kurang(pd, {"operator"})[("catatan", "IKT-2")]
    assert _links(k) == [("Analisis IKT-2", "/pd/33.16.05/2024/lkjip/#bagian-analisis-IKT-2")]
    k = _kurang(pd, {"kepala"})[("catatan", "IKT-2")]
    assert _links(k) == [
        ("Buka kembali triwulan IV", "/pd/33.16.05/2024/realisasi/4/#buka-kembali")
    ]
    k = _kurang(pd, set())[("catatan", "IKT-2")]
    assert k.tautan == () and "juga dapat menuliskannya pada analisis IKT-2" in k.siapa


def test_the_kepala_reads_who_writes_the_narratives(client, kepala_a, demo):
    client.force_login(kepala_a)
    html = client.get(EDITOR + "kesiapan/").content.decode()
    assert "Unggah bukti TW IV" not in html and "Periksa Kata Pengantar" not in html
    assert (
        '<span class="siapa">Operator kecamatan mengunggah bukti dukung IKT-1 pada halaman '
        "realisasi triwulan IV.</span>"
    ) in html
    assert (
        "Operator kecamatan memeriksa draf bagian ini lalu menerima atau mengubahnya pada "
        "halaman penulisan LKjIP."
    ) in html


def test_a_narrative_of_a_submitted_lkjip_waits_for_the_kepala(client, kepala_a, demo):
    from laporan.models import LKjIP

    pd = demo["a"]
    LKjIP.objects.filter(perangkat_daerah=pd, tahun=2024).update(status="diajukan")
    k = _kurang(pd, {"operator"})[("draf", "kata_pengantar")]
    assert k.tautan == () and k.siapa == (
        "LKjIP sedang ditinjau kepala; setelah kepala mengembalikannya, operator kecamatan "
        "memeriksa draf bagian ini lalu menerima atau mengubahnya."
    )
    k = _kurang(pd, {"kepala"})[("draf", "kata_pengantar")]
    assert _links(k) == [("Kembalikan LKjIP kepada operator", "/pd/33.16.05/2024/lkjip/#alur")]
    client.force_login(kepala_a)
    html = client.get("/pd/33.16.05/2024/lkjip/").content.decode()
    assert 'id="alur"' in html and 'action="/pd/33.16.05/2024/lkjip/kembalikan/#alur"' in html


def test_an_open_finding_links_the_operator_and_tells_the_kepala_who(demo):
    from laporan.models import LKjIP

    pd = demo["a"]
    temuan = [k for (jenis, _), k in _kurang(pd, {"operator"}).items() if jenis == "temuan"]
    assert temuan, "the demo year has open findings"
    k = temuan[0]
    assert _links(k)[0][0] == "Perbaiki atau jelaskan temuan" and k.siapa == ""
    k = _kurang(pd, {"kepala"})[("temuan", k.kode)]
    assert k.tautan == () and k.siapa == (
        "Operator kecamatan memperbaiki datanya atau menuliskan penjelasan temuan ini pada "
        "halaman penulisan LKjIP."
    )
    LKjIP.objects.filter(perangkat_daerah=pd, tahun=2024).update(status="diajukan")
    k = _kurang(pd, {"kepala"})[("temuan", k.kode)]
    assert _links(k) == [("Kembalikan LKjIP kepada operator", "/pd/33.16.05/2024/lkjip/#alur")]
