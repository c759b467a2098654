"""The demo Randublatung 2024 reaches sign-off with only its operator and its kepala.

Starting from ``muat_demo`` (TW I–III approved, TW IV submitted), TW IV is
approved before any evidence is uploaded: the state in which the readiness
checklist used to demand "Unggah bukti TW IV" and link to a locked page. Here every
item of the checklist is followed by its link, as the person who sees it, until
nothing is missing (evidence uploaded, findings of the real report's figures
explained); then the LKjIP is submitted and signed. No superuser.
"""

from __future__ import annotations

import re
from html import unescape
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from kinerja.models import StatusTriwulan
from laporan.models import LKjIP, SnapshotLKjIP

pytestmark = pytest.mark.usefixtures("media", "pdf_cepat")

KODE = "33.16.05"
KESIAPAN = f"/pd/{KODE}/2024/lkjip/kesiapan/"
TW4 = f"/pd/{KODE}/2024/realisasi/4/"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.fixture
def pengguna_demo(db):
    from django.contrib.auth import get_user_model

    call_command("muat_demo", "--tanpa-superuser", stdout=StringIO())
    User = get_user_model()
    assert not User.objects.filter(is_superuser=True).exists()
    return User.objects.get(username="operator"), User.objects.get(username="kepala")


def _kurang(client):
    r = client.get(KESIAPAN)
    assert r.status_code == 200
    return r.context["kurang"], r.content.decode()


def _ikuti(client, url: str) -> str:
    """Open a link of the checklist; the element it points to must be on the page."""
    halaman, _, jangkar = url.partition("#")
    r = client.get(halaman)
    assert r.status_code == 200, url
    html = r.content.decode()
    if jangkar:
        assert f'id="{jangkar}"' in html, url
    return html


def _unggah_bukti(client, url: str, html: str) -> None:
    indikator = url.partition("#baris-")[2]
    aksi = re.search(rf'<form id="unggah-{indikator}" method="post"[^>]* action="([^"]+)"', html)
    assert aksi, f"no upload form on {url}"
    berkas = SimpleUploadedFile("Bukti kegiatan.pdf", PDF, content_type="application/pdf")
    assert client.post(aksi.group(1), {"berkas": berkas}).status_code == 302


def _jelaskan_temuan(client, url: str, html: str) -> None:
    """Write an explanation in the form beside the finding the link points to."""
    jangkar = url.partition("#")[2]
    li = re.search(rf'<li id="{jangkar}">(.*?)</li>', html, re.S)
    assert li, f"no finding {jangkar} on {url}"
    form = re.search(r'<form method="post" action="([^"]+)"', li.group(1))
    kunci = re.search(r'name="kunci" value="([^"]+)"', li.group(1))
    assert form and kunci, f"no explanation form beside {jangkar}"
    teks = "Angka ini sesuai dokumen sumber yang ditandatangani; diperiksa kembali oleh operator."
    r = client.post(form.group(1), {"kunci": unescape(kunci.group(1)), "teks": teks})
    assert r.status_code == 302


def _status_tw(q: int) -> str:
    return StatusTriwulan.objects.get(perangkat_daerah__kode=KODE, tahun=2024, triwulan=q).status


def test_demo_reaches_sign_off_by_following_the_checklist(client, pengguna_demo):
    operator, kepala = pengguna_demo
    assert [_status_tw(q) for q in (1, 2, 3)] == ["disetujui"] * 3

    # TW IV: submitted (by the demo loader), then approved by the kepala after confirming
    # the missing evidence.
    assert _status_tw(4) == "diajukan"
    client.force_login(kepala)
    r = client.post(TW4 + "setujui/")
    assert r.status_code == 200 and "Bukti dukung belum diunggah" in r.content.decode()
    assert client.post(TW4 + "setujui/", {"konfirmasi": "1"}).status_code == 302
    assert _status_tw(4) == "disetujui"

    # What the kepala sees: nothing to do himself here, and who can.
    kurang, _ = _kurang(client)
    assert kurang, "the demo has no evidence yet"
    for k in kurang:
        assert k.tautan or k.siapa, k.pesan
        for t in k.tautan:
            _ikuti(client, t.url)

    # The operator follows every link until nothing is missing.
    client.force_login(operator)
    for _ in range(60):
        kurang, html = _kurang(client)
        if not kurang:
            break
        k = kurang[0]
        assert k.tautan, f"the operator cannot act on: {k.pesan} ({k.siapa})"
        assert f'href="{k.tautan[0].url}"' in html
        halaman = _ikuti(client, k.tautan[0].url)
        if k.jenis == "bukti":
            _unggah_bukti(client, k.tautan[0].url, halaman)
        elif k.jenis == "temuan":
            _jelaskan_temuan(client, k.tautan[0].url, halaman)
        else:
            pytest.fail(f"unexpected item for the demo: {k.jenis} {k.pesan}")
    assert kurang == []
    assert _status_tw(4) == "disetujui"

    # Submit and sign.
    assert client.post(f"/pd/{KODE}/2024/lkjip/ajukan/").status_code == 302
    client.force_login(kepala)
    assert client.post(f"/pd/{KODE}/2024/lkjip/tetapkan/").status_code == 302
    lkjip = LKjIP.objects.get(perangkat_daerah__kode=KODE, tahun=2024)
    assert lkjip.status == "ditetapkan"
    assert SnapshotLKjIP.objects.filter(lkjip=lkjip, versi=1).exists()
