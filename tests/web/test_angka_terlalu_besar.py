"""A number too big for its column, typed in any number field, is a message, never an HTTP 500.

28 digits and more used to overflow the decimal context in ``quantize`` before the size check.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from hypothesis import given, settings
from hypothesis import strategies as st

from anggaran.models import Pagu, RealisasiAnggaran
from kinerja.forms import NilaiField, RasioField, UangField
from kinerja.models import (
    Indikator,
    LogPerubahan,
    Program,
    Realisasi,
    RencanaAksi,
    SubKegiatan,
    TargetPK,
    TargetTahunan,
)
from tests.web.test_anggaran_dpa import isian_form

BESAR = [
    "1" * 28,
    "9" * 40,
    "7" * 300,
    "1" * 28 + ",5",
    "1" * 40 + ",123456",
    "-" + "9" * 40,
    "Rp " + "9" * 40,
    "1" + ".000" * 20,
    "1e999",
    "1E+999",
    "9" * 30 + "e-5",
    "1,5e40",
]
BUKAN_ANGKA = ["Infinity", "NaN", "2,5e3", "1e-999"]


def _ind(demo, kode):
    return Indikator.objects.get(renstra__perangkat_daerah=demo["a"], kode=kode)


def _isian_form(client, url) -> dict[str, str]:
    """The bound form of the page as it was loaded (Django form in the context)."""
    form = client.get(url).context["form"]
    data = {}
    for nama in form.fields:
        v = form[nama].value()
        if v is True:
            data[nama] = "on"
        elif v not in (None, False):
            data[nama] = str(v)
        else:
            data[nama] = ""
    return data


def _pos(client, url, data, nama, ketik):
    data = dict(data, **{nama: ketik})
    jejak = LogPerubahan.objects.count()
    r = client.post(url, data)
    assert r.status_code == 200, ketik
    assert LogPerubahan.objects.count() == jejak, "something was saved"
    return r.content.decode()


def _keadaan():
    """Every stored number the forms write."""
    return (
        sorted(Realisasi.objects.values_list("pk", "nilai", "pembilang", "penyebut")),
        sorted(TargetTahunan.objects.values_list("pk", "nilai")),
        sorted(TargetPK.objects.values_list("pk", "nilai")),
        sorted(RencanaAksi.objects.values_list("pk", "nilai")),
        sorted(Pagu.objects.values_list("pk", "jumlah")),
        sorted(RealisasiAnggaran.objects.values_list("pk", "jumlah")),
    )


def _halaman(demo):
    """(url, how to read the loaded form, field, its "terlalu besar" sentence) per field family."""
    iks2, ikt1 = _ind(demo, "IKS-2"), _ind(demo, "IKT-1")
    program = Program.objects.get(renstra__perangkat_daerah=demo["a"], kode="7.01.01")
    sk = SubKegiatan.objects.get(
        kegiatan__program__renstra__perangkat_daerah=demo["a"], kode="7.01.01.2.01.01"
    ).pk
    angka = "Angka terlalu besar: paling banyak 14 angka sebelum koma."
    uang = "Jumlah uang terlalu besar: paling banyak 16 angka sebelum koma."
    return [
        ("/pd/33.16.05/2024/realisasi/1/", isian_form, f"r{iks2.pk}-nilai", angka),
        (f"/pd/33.16.05/indikator/{iks2.pk}/ubah/", _isian_form, "target-2024", angka),
        ("/pd/33.16.05/2024/pk/murni/ubah/", _isian_form, f"target-{ikt1.pk}", angka),
        ("/pd/33.16.05/2024/pk/murni/ubah/", _isian_form, f"anggaran-{program.pk}", uang),
        ("/pd/33.16.05/2024/rencana-aksi/", _isian_form, f"ra-{ikt1.pk}-1", angka),
        ("/pd/33.16.05/2024/anggaran/dpa/perubahan/", isian_form, f"sub_kegiatan-{sk}", uang),
        ("/pd/33.16.05/2024/anggaran/realisasi/1/", isian_form, f"sub-{sk}", uang),
    ]


def test_every_number_field_says_terlalu_besar_and_saves_nothing(client, operator_a, demo):
    client.force_login(operator_a)
    sebelum = _keadaan()
    for url, baca, nama, pesan in _halaman(demo):
        data = baca(client, url)
        assert nama in data, (url, nama)
        for ketik in BESAR:
            html = _pos(client, url, data, nama, ketik)
            assert pesan in html, (url, ketik[:45])
        for ketik in BUKAN_ANGKA:
            html = _pos(client, url, data, nama, ketik)
            assert any(
                pesan in html
                for pesan in (
                    "bukan angka yang sah",
                    "tidak memuat angka",
                    "Tuliskan angka tanpa notasi eksponen (e), misalnya 1.500.000 atau 0,25.",
                )
            ), (url, ketik)
    assert _keadaan() == sebelum


def test_a_ratio_too_big_says_terlalu_besar(client, operator_a, demo):
    f = RasioField()
    for ketik in ("1/" + "1" * 30, "9" * 40 + "/45", "1/" + "2" * 300):
        with pytest.raises(forms.ValidationError) as e:
            f.clean(ketik)
        assert e.value.messages == ["Angka terlalu besar: paling banyak 14 angka sebelum koma."]


def test_a_long_text_that_is_not_a_number_is_still_too_long():
    with pytest.raises(forms.ValidationError) as e:
        NilaiField().clean("x" * 101)
    assert "paling banyak 100 karakter" in e.value.messages[0]
    with pytest.raises(forms.ValidationError) as e:
        UangField().clean("9" * 5000)
    assert "paling banyak 40 karakter" in e.value.messages[0]


def test_the_largest_numbers_that_fit_are_accepted():
    assert NilaiField().clean("99.999.999.999.999,999999").angka == Decimal("99999999999999.999999")
    assert UangField().clean("9999999999999999,99") == Decimal("9999999999999999.99")
    with pytest.raises(forms.ValidationError, match="terlalu besar"):
        NilaiField().clean("100000000000000")


_TEKS = st.one_of(
    st.text(max_size=400),
    st.text(alphabet="0123456789.,-+eE %Rp/()", max_size=400),
    st.from_regex(r"-?[0-9]{1,400}(,[0-9]{0,400})?", fullmatch=True),
)


@settings(max_examples=300, deadline=None)
@given(teks=_TEKS)
def test_clean_gives_a_value_or_a_validation_error(teks):
    for field in (
        NilaiField(required=False),
        UangField(required=False),
        RasioField(required=False),
    ):
        try:
            field.clean(teks)
        except forms.ValidationError:
            pass


def test_the_live_preview_answers_a_huge_number_with_the_message(client, operator_a, demo):
    client.force_login(operator_a)
    iks2 = _ind(demo, "IKS-2")
    for ketik in ("9" * 40, "1" * 28 + ",5", "7" * 300):
        r = client.post(
            "/pd/33.16.05/2024/realisasi/1/pratinjau/", {"indikator": iks2.pk, "nilai": ketik}
        )
        assert r.status_code == 200
        assert "terlalu besar" in r.json()["galat"]["nilai"]


def test_the_rules_page_refuses_huge_numbers_without_failing(client, admin_pemda, demo):
    client.force_login(admin_pemda)
    url = "/pemda/33.16/aturan/"
    form = client.get(url).context["form"]
    data = {n: ("" if form[n].value() is None else str(form[n].value())) for n in form.fields}
    for ketik in ("9" * 40, "1" * 300, "1e999"):
        r = client.post(url, dict(data, ambang_tercapai=ketik))
        assert r.status_code == 200, ketik
        r = client.post(
            url,
            dict(
                data,
                skala_preset="",
                band_label=["Baik"],
                band_bawah_op=["ge"],
                band_bawah=[ketik],
                band_atas_op=["le"],
                band_atas=[""],
                band_warna=[""],
                band_keterangan=[""],
            ),
        )
        assert r.status_code == 200, ketik
