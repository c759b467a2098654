"""Uploading an XLSX zip bomb as evidence is refused in Indonesian, nothing stored."""

from __future__ import annotations

from kinerja.models import BuktiDukung, LogPerubahan
from tests.engine.test_bukti_arsip import bom_xlsx
from tests.web.test_bukti import _berkas_tersimpan, _unggah, media  # noqa: F401 (fixture)


def test_upload_refuses_an_xlsx_that_inflates_to_200_mb(client, operator_a, media):  # noqa: F811
    bom = bom_xlsx(200)
    assert len(bom) < 1024 * 1024
    client.force_login(operator_a)
    r = _unggah(client, isi=bom, nama="rekap realisasi.xlsx")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Berkas XLSX ini mengembang menjadi 100 MB atau lebih ketika dibuka" in html
    assert not BuktiDukung.objects.exists() and _berkas_tersimpan(media) == []
    assert not LogPerubahan.objects.filter(aksi="bukti.unggah").exists()
