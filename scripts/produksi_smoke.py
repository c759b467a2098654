"""Smoke test of the production recipe (scripts/produksi_smoke.sh runs it).

Talks to a running stack as a browser behind a TLS proxy would (X-Forwarded-Proto:
https): loads a static file (WhiteNoise), logs in as the demo operator, asks for the
draft LKjIP, follows the print job on the queue until the PDF is ready, downloads it.
Prints name=value lines; exits non-zero on the first thing that does not work.
Standard library only.
"""

from __future__ import annotations

import http.client
import json
import re
import sys
import time
import urllib.parse

DASAR = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8765"
u = urllib.parse.urlparse(DASAR)
KUKI: dict[str, str] = {}


def minta(metode: str, jalur: str, data: dict | None = None) -> http.client.HTTPResponse:
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    kepala = {
        "X-Forwarded-Proto": "https",
        "Host": u.netloc,
        "Origin": f"https://{u.netloc}",
        "Referer": f"https://{u.netloc}{jalur}",
    }
    if KUKI:
        kepala["Cookie"] = "; ".join(f"{k}={v}" for k, v in KUKI.items())
    badan = None
    if data is not None:
        badan = urllib.parse.urlencode(data)
        kepala["Content-Type"] = "application/x-www-form-urlencoded"
    c.request(metode, jalur, body=badan, headers=kepala)
    r = c.getresponse()
    for h in r.headers.get_all("Set-Cookie") or []:
        nama, _, sisa = h.partition("=")
        KUKI[nama.strip()] = sisa.split(";", 1)[0]
    r.isi = r.read()
    return r


def harus(syarat: bool, pesan: str) -> None:
    if not syarat:
        print(f"GAGAL: {pesan}", file=sys.stderr)
        sys.exit(1)


def main() -> None:
    r = minta("GET", "/static/css/lkjip.css")
    harus(r.status == 200 and b"{" in r.isi, f"berkas statis: HTTP {r.status}")
    r = minta("GET", "/masuk/")
    harus(r.status == 200, f"halaman masuk: HTTP {r.status}")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', r.isi).group(1).decode()
    r = minta(
        "POST",
        "/masuk/",
        {"username": "operator", "password": "lkjip-demo", "csrfmiddlewaretoken": token},
    )
    harus(r.status == 302, f"masuk: HTTP {r.status}")
    mulai = time.monotonic()
    r = minta("GET", "/pd/33.16.05/2024/lkjip/draf.pdf")
    harus(r.status == 302, f"draf diminta: HTTP {r.status} (diharapkan antrean)")
    status = urllib.parse.urlparse(r.getheader("Location")).path
    harus("/cetak/" in status, f"halaman kemajuan: {status}")
    json_url = status.rstrip("/") + ".json"
    while True:
        k = json.loads(minta("GET", json_url).isi)
        if k["selesai"] or k["gagal"]:
            break
        harus(time.monotonic() - mulai < 600, "cetak tidak selesai dalam 10 menit")
        time.sleep(1)
    harus(k["selesai"], f"cetak gagal: {k['pesan_galat']}")
    r = minta("GET", k["url_berkas"])
    harus(r.status == 200 and r.isi.startswith(b"%PDF"), f"unduh PDF: HTTP {r.status}")
    print(f"cetak_antrean_detik={time.monotonic() - mulai:.1f}")
    print(f"halaman={k['halaman']}")
    print(f"pdf_kb={len(r.isi) // 1024}")
    mulai = time.monotonic()
    r = minta("GET", "/pd/33.16.05/2024/lkjip/draf.pdf")
    harus(r.status == 200 and r.isi.startswith(b"%PDF"), "draf yang sama tidak langsung diberikan")
    print(f"draf_sama_ms={(time.monotonic() - mulai) * 1000:.0f}")
    print("produksi=OK")


if __name__ == "__main__":
    main()
