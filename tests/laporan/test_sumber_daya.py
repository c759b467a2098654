"""SDM and sarana prasarana of a year: entry with the need of each row, availability and efficiency."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from kinerja.engine.hitung import hitung
from kinerja.models import LogPerubahan
from kinerja.services.tahun import tahun_kunci
from laporan.models import DataSDM, LKjIP, SaranaPrasarana
from laporan.selectors_paket import paket_muat
from lib.format import format_angka

pytestmark = pytest.mark.django_db

URL = "/pd/33.16.05/2024/lkjip/sumber-daya/"


def _versi(client, tabel: str) -> str:
    html = client.get(URL).content.decode()
    return re.search(rf'name="{tabel}-versi" value="([0-9a-f]+)"', html).group(1)


def _post(prefix: str, baris: list[dict], versi: str) -> dict:
    data = {
        "tabel": prefix,
        f"{prefix}-TOTAL_FORMS": str(len(baris)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-versi": versi,
    }
    for i, b in enumerate(baris):
        for k, v in b.items():
            data[f"{prefix}-{i}-{k}"] = v
    return data


# S2 Tabel 3.16–3.19 (DOMAIN §8.2–8.3).
SDM = [
    {
        "kelompok": "Golongan",
        "uraian": "Golongan III",
        "pns": "4",
        "non_pns": "1",
        "kebutuhan": "18",
    },
    {"kelompok": "Golongan", "uraian": "Golongan II", "pns": "8", "non_pns": "", "kebutuhan": "22"},
    {"kelompok": "Pendidikan", "uraian": "S1", "pns": "7", "non_pns": "", "kebutuhan": ""},
]
SARPRAS = [
    {"uraian": "Meja kerja", "jumlah": "440", "satuan": "unit", "kebutuhan": "455"},
    {"uraian": "A.C. Window", "jumlah": "3", "satuan": "unit", "kebutuhan": "7"},
]


def _rata(pd):
    return hitung(paket_muat(pd), 2024).ringkasan["rata_rata_capaian_iku"]


def test_operator_enters_sdm_with_need_and_sees_efficiency(client, operator_a, demo):
    client.force_login(operator_a)
    r = client.post(URL, _post("sdm", SDM, _versi(client, "sdm")))
    assert r.status_code == 302 and r["Location"] == URL
    rows = list(
        DataSDM.objects.filter(lkjip__perangkat_daerah=demo["a"]).values_list(
            "uraian", "pns", "non_pns", "kebutuhan"
        )
    )
    assert rows == [("Golongan III", 4, 1, 18), ("Golongan II", 8, 0, 22), ("S1", 7, 0, None)]
    log = LogPerubahan.objects.get(aksi="data_sdm.ubah")
    assert log.pengguna == operator_a and log.data["baru"][0]["kebutuhan"] == 18

    html = client.get(URL).content.decode()
    tabel = html.split('id="efisiensi-sdm"')[1].split("</table>")[0]
    # 5/18 → 27,78% → 72,22; 8/22 → 36,36% → 63,64; total 13/40 = 32,50%.
    assert "27,78%" in tabel and "72,22" in tabel
    assert "36,36%" in tabel and "63,64" in tabel
    assert "32,50%" in tabel
    assert format_angka(_rata(demo["a"]) - Decimal("32.5")) in tabel


def test_sarpras_with_need_and_efficiency(client, operator_a, demo):
    client.force_login(operator_a)
    r = client.post(URL, _post("sarpras", SARPRAS, _versi(client, "sarpras")))
    assert r.status_code == 302
    assert list(SaranaPrasarana.objects.values_list("kebutuhan", flat=True)) == [455, 7]
    html = client.get(URL).content.decode()
    tabel = html.split('id="efisiensi-sarpras"')[1].split("</table>")[0]
    # 443/462 = 95,89%.
    assert "95,89%" in tabel
    assert format_angka(_rata(demo["a"]) - Decimal(443) * 100 / 462) in tabel


def test_editor_tables_keep_the_need(client, operator_a, demo):
    """The editor's tables carry the new column, so saving there does not lose it."""
    client.force_login(operator_a)
    client.post(URL, _post("sdm", SDM[:1], _versi(client, "sdm")))
    html = client.get("/pd/33.16.05/2024/lkjip/").content.decode()
    assert 'name="sdm-0-kebutuhan" value="18"' in html


def test_invalid_rows_are_refused_in_indonesian(client, operator_a):
    client.force_login(operator_a)
    baris = [{"kelompok": "Golongan", "uraian": "III", "pns": "1", "kebutuhan": "-2"}]
    r = client.post(URL, _post("sdm", baris, _versi(client, "sdm")))
    assert r.status_code == 400
    assert "Kebutuhan (ABK) tidak boleh negatif." in r.content.decode()
    assert not DataSDM.objects.exists()


def test_submitted_or_signed_lkjip_refuses_changes(client, operator_a, demo):
    client.force_login(operator_a)
    versi = _versi(client, "sdm")
    LKjIP.objects.filter(perangkat_daerah=demo["a"], tahun=2024).update(status="ditetapkan")
    tahun_kunci(demo["a"], 2024)
    r = client.post(URL, _post("sdm", SDM, versi))
    assert r.status_code == 302
    assert not DataSDM.objects.exists()
    assert not LogPerubahan.objects.filter(aksi="data_sdm.ubah").exists()
    html = client.get(URL).content.decode()
    assert 'name="sdm-0-kelompok"' not in html


@pytest.mark.parametrize("peran", ["kepala_a", "evaluator", "admin_pemda"])
def test_readers_see_but_cannot_write(client, request, peran):
    client.force_login(request.getfixturevalue(peran))
    r = client.get(URL)
    assert r.status_code == 200
    assert 'name="sdm-0-kelompok"' not in r.content.decode()
    assert client.post(URL, _post("sdm", SDM, "x")).status_code == 403


def test_other_perangkat_daerah_is_404(client, operator_b):
    client.force_login(operator_b)
    assert client.get(URL).status_code == 404
