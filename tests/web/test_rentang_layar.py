"""Range targets on the screens beyond the yearly and PK targets: the Renstra end target
(indicator form), a cascaded PK's sasaran target and an earlier year's target (its
capaian on the indicator page by the pemda's bound); each kept with both bounds, shown
as the range, refused reversed with the same Indonesian message as a yearly target."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from kinerja.models import Indikator, Pejabat, PKBerjenjang, RiwayatIndikator
from kinerja.services.renstra import revisi_buka

pytestmark = pytest.mark.django_db

PESAN = "batas bawah harus lebih kecil dari batas atas"


@pytest.fixture
def iks1(demo):
    ind = Indikator.objects.get(renstra__perangkat_daerah=demo["a"], kode="IKS-1")
    revisi_buka(
        renstra=ind.renstra, pengguna=None, tanggal=datetime.date(2025, 3, 12), alasan="Uji"
    )
    return ind


def _url(ind, ubah=False):
    return f"/pd/33.16.05/indikator/{ind.pk}/" + ("ubah/" if ubah else "")


def _data(client, ind, **ubah):
    form = client.get(_url(ind, True)).context["form"]
    data = {}
    for nama, bf in form.fields.items():
        nilai = form[nama].value()
        if isinstance(bf.widget, type(form.fields["iku"].widget)):
            if nilai:
                data[nama] = "on"
            continue
        data[nama] = "" if nilai is None else str(nilai)
    data.update(ubah)
    return data


def test_an_end_target_typed_as_a_range_is_kept_with_both_bounds(client, operator_a, iks1):
    client.force_login(operator_a)
    r = client.post(_url(iks1, True), _data(client, iks1, target_akhir="97 s.d. 99"))
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    iks1.refresh_from_db()
    assert (iks1.target_akhir, iks1.target_akhir_atas) == (97, 99)
    assert iks1.target_akhir_label == "97 – 99"
    assert "97 – 99" in client.get(_url(iks1)).content.decode()
    assert client.get(_url(iks1, True)).context["form"]["target_akhir"].value() == "97 – 99"
    r = client.post(_url(iks1, True), _data(client, iks1, target_akhir="98"))
    assert r.status_code == 302
    iks1.refresh_from_db()
    assert (iks1.target_akhir, iks1.target_akhir_atas, iks1.target_akhir_label) == (98, None, "")


def test_a_reversed_end_target_is_refused_on_the_form(client, operator_a, iks1):
    client.force_login(operator_a)
    r = client.post(_url(iks1, True), _data(client, iks1, target_akhir="99 – 97"))
    assert r.status_code == 200
    assert PESAN in " ".join(r.context["form"].errors["target_akhir"])
    iks1.refresh_from_db()
    assert iks1.target_akhir_atas is None


def test_an_earlier_years_range_target_counts_by_the_pemdas_bound(client, operator_a, demo):
    ind = Indikator.objects.get(renstra__perangkat_daerah=demo["a"], kode="IKT-2")
    RiwayatIndikator.objects.filter(indikator=ind, tahun=2023).update(
        target=60, target_atas=70, target_label="60 – 70", realisasi=Decimal("70.3")
    )
    pemda = demo["a"].pemda
    client.force_login(operator_a)
    for acuan, capaian in (("atas", "100,43%"), ("bawah", "117,17%")):
        pemda.acuan_rentang = acuan
        pemda.save(update_fields=["acuan_rentang"])
        html = client.get(_url(ind)).content.decode()
        assert "60 – 70" in html and capaian in html


# --------------------------------------------------------------------------- cascaded PK

URL_DAFTAR = "/pd/33.16.05/2024/pk-berjenjang/"


def _kosong(prefix: str, n: int = 3) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(n),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.fixture
def pkb(client, demo, operator_a):
    pd = demo["a"]
    sekcam = Pejabat.objects.create(
        pemda=pd.pemda, perangkat_daerah=pd, tahun=2024, urutan=1,
        jabatan="Sekretaris Kecamatan Randublatung", status="plt", nama="Dwi Astuti",
        golongan="III/d", nip="197905222005012004",
    )  # fmt: skip
    client.force_login(operator_a)
    r = client.post(f"{URL_DAFTAR}baru/", {"pejabat": str(sekcam.pk), "jabatan": ""})
    assert r.status_code == 302
    return PKBerjenjang.objects.get(perangkat_daerah=pd, tahun=2024)


def _ubah(client, pkb, target: str):
    url = f"{URL_DAFTAR}{pkb.pk}/ubah/"
    form = client.get(url).context["form"]
    data = {
        "pejabat": form["pejabat"].value() or "",
        "jabatan": form["jabatan"].value() or "",
        "versi": form["versi"].value(),
        **_kosong("sasaran"),
        **_kosong("anggaran"),
        "sasaran-0-uraian": "Tersusunnya dokumen perencanaan",
        "sasaran-0-indikator": "Persentase dokumen tepat waktu",
        "sasaran-0-target": target,
    }
    return client.post(url, data)


def test_a_cascaded_pk_target_typed_as_a_range(client, pkb):
    r = _ubah(client, pkb, "80-90 %")
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    s = pkb.sasaran.get()
    assert (s.target, s.target_atas, s.target_label) == (80, 90, "80 – 90%")
    assert "80 – 90%" in client.get(URL_DAFTAR).text


def test_a_reversed_cascaded_pk_target_is_refused(client, pkb):
    r = _ubah(client, pkb, "90 s/d 80")
    assert r.status_code == 200 and PESAN in r.text
    assert not pkb.sasaran.exists()
