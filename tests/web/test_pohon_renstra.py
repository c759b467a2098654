"""The pohon kinerja on the Renstra page (/pd/<kode>/renstra/): SVG, table, access."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from kinerja.models import Tujuan

URL_A = "/pd/33.16.05/renstra/?tahun=2024"
URL_B = "/pd/33.16.15/renstra/?tahun=2024"


def _svg(html: str) -> ET.Element:
    m = re.search(r'<svg xmlns="http://www.w3.org/2000/svg" class="pohon".*?</svg>', html, re.S)
    assert m, "no pohon SVG on the page"
    return ET.fromstring(m.group(0))


@pytest.mark.parametrize("user", ["operator_a", "kepala_a", "evaluator"])
def test_readers_of_the_pd_see_the_pohon(client, request, user):
    client.force_login(request.getfixturevalue(user))
    html = client.get(URL_A).content.decode()
    svg = _svg(html)
    assert svg.get("role") == "img"
    assert svg.find("{http://www.w3.org/2000/svg}title").text == (
        "Pohon Kinerja Kecamatan Randublatung Tahun 2024"
    )
    assert "Pohon Kinerja Kecamatan Randublatung" in svg.get("aria-label")
    teks = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    # Sasaran RPJMD (demo data), tujuan, program, with the 2024 targets.
    assert "Meningkatnya kualitas pelayanan publik" in teks
    assert "Meningkatnya Kepuasan Masyarakat terhadap" in teks
    assert "PROGRAM PENUNJANG" in teks
    assert "Indeks Kepuasan" in teks and "86" in teks
    # The same cascade as a table, collapsed under the drawing.
    bagian = html[html.index('class="kartu pohon-kinerja"') :]
    assert "<details>" in bagian and "Pohon kinerja sebagai tabel" in bagian
    assert "Sasaran RPJMD: Meningkatnya kualitas pelayanan publik" in bagian
    assert "Target 2024" in bagian


def test_other_pd_users_get_404(client, operator_b, evaluator_lain):
    for user in (operator_b, evaluator_lain):
        client.force_login(user)
        assert client.get(URL_A).status_code == 404


def test_pk_cascade_shown_when_officials_have_pk(client, operator_b):
    client.force_login(operator_b)
    svg = _svg(client.get(URL_B).content.decode())
    teks = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "Cascading Perjanjian Kinerja" in teks
    assert "Camat Bogorejo" in teks
    assert "Kepala Seksi Pemerintahan" in " ".join(teks)


def test_user_text_is_escaped_on_the_page(client, operator_a, demo):
    jahat = '<script>alert("pohon")</script><svg onload=alert(1)>'
    Tujuan.objects.filter(renstra__perangkat_daerah=demo["a"]).update(sasaran_rpjmd=jahat)
    client.force_login(operator_a)
    html = client.get(URL_A).content.decode()
    assert jahat not in html and "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;pohon&quot;)" in html or "&lt;script&gt;alert" in html
    _svg(html)  # still well-formed XML


def test_renstra_without_tujuan_or_program_draws_nothing(client, operator_a, demo):
    from kinerja.models import Program

    Tujuan.objects.filter(renstra__perangkat_daerah=demo["a"]).delete()
    Program.objects.filter(renstra__perangkat_daerah=demo["a"]).delete()
    client.force_login(operator_a)
    r = client.get(URL_A)
    assert r.status_code == 200
    assert 'class="pohon"' not in r.content.decode()
