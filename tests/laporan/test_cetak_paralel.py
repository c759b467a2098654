"""Printing the LKjIP in parallel parts (laporan/cetak.py) gives the document of a
single-process print: same pages, text, page numbers, table of contents, links,
bookmarks and stamp — also when the remembered layout is wrong."""

from __future__ import annotations

import itertools
import logging
import re
import subprocess
import sys
import tempfile
import threading
import time
from io import BytesIO, StringIO
from pathlib import Path
from unittest import mock

import pikepdf
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction

from interchange.demo import muat_narasi_demo
from kinerja.models import PerangkatDaerah
from laporan import cetak as modul_cetak
from laporan import cetak_bagian
from laporan.cetak import (
    SplitError,
    cetak_dokumen,
    cetak_single_process,
    html_daftar,
    html_sampul,
    split,
    split_layer,
)
from laporan.dokumen import susun_dokumen
from laporan.pdf import Stempel, kode_isi, render_html

ROOT = Path(__file__).resolve().parents[2]
PAKET = sorted(str(p) for p in (ROOT / "fixtures").glob("*.json"))
AKAR = str(ROOT)

# The module fixture reads the test database, which exists only for django_db tests.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def html(django_db_setup, django_db_blocker):
    """Print HTML of Randublatung (draft and signed) and Bogorejo (draft), with narratives."""
    with django_db_blocker.unblock(), transaction.atomic():
        nama = str(connection.settings_dict["NAME"])
        assert "test" in nama or "memory" in nama, nama
        call_command("impor_paket", *PAKET, stdout=StringIO())
        hasil = {}
        for kode, slug in (("33.16.05", "randublatung"), ("33.16.15", "bogorejo")):
            pd = PerangkatDaerah.objects.get(kode=kode)
            muat_narasi_demo(pd, 2024, ROOT / "fixtures" / "narasi" / f"{slug}-2024.json")
            dokumen = susun_dokumen(pd, 2024)
            hasil[slug] = render_html(dokumen)
            if slug == "randublatung":
                kode_dok = kode_isi(dokumen)
                hasil["randublatung-dicap"] = render_html(
                    dokumen,
                    stempel=Stempel(
                        kode_isi=kode_dok,
                        url_verifikasi=f"https://lkjip.contoh.go.id/verifikasi/{kode_dok}/",
                        versi=1,
                        keterangan="Ditetapkan 14 April 2025 oleh Drs. Sutrisno Wibowo, M.Si",
                    ),
                )
        transaction.set_rollback(True)
    return hasil


@pytest.fixture(scope="module")
def satu(html):
    """The single-process prints (``laporan.pdf.html_to_pdf``): the reference.
    Each is (PrintResult, the print without the layer, with its anchors)."""
    return {k: _Satu(*cetak_single_process(h, AKAR)) for k, h in html.items()}


class _Satu:
    def __init__(self, hasil, tanpa_lapisan):
        self.pdf, self.halaman = hasil.pdf, hasil.halaman
        self.anchors = tanpa_lapisan.anchors
        self.tanpa_lapisan = tanpa_lapisan


@pytest.fixture
def paralel(settings):
    settings.LKJIP_PDF_PROSES = 2
    settings.LKJIP_PDF_SIMPAN_BAGIAN = 0  # every part is printed, unless a test says so
    cache.clear()
    modul_cetak._once.clear()
    yield
    cache.clear()


def _ingat(html: str, cetakan) -> None:
    """Remember the page count of a single-process print, as a first print of the
    application does (its page numbers are printed for as many pages)."""
    cache.set(modul_cetak._HINT_CACHE_KEY + "dok", {"halaman_isi": _halaman_isi(cetakan)})


def _halaman_isi(cetakan) -> int:
    return cetakan.halaman - cetakan.anchors["bab-i"]  # before BAB I: the front matter


def _gambar(pdf: bytes, dari: int, sampai: int) -> list[bytes]:
    """Pages ``dari``..``sampai`` (1-based) rendered to PNG by pdftoppm."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", "50", "-f", str(dari), "-l", str(sampai), "-png", "-", f"{tmp}/h"],
            input=pdf,
            check=True,
        )
        return [p.read_bytes() for p in sorted(Path(tmp).glob("h-*.png"))]


def _teks(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _struktur(pdf: bytes) -> dict:
    """Pages, bookmarks (depth, title, page), link targets, metadata of a PDF."""
    with pikepdf.open(BytesIO(pdf)) as dok:
        halaman = {h.objgen: i for i, h in enumerate(dok.pages)}
        tujuan = {
            nama: halaman[nilai[0].objgen]
            for nama, nilai in pikepdf.NameTree(dok.Root.Names.Dests).items()
        }
        tautan = set()
        for i, h in enumerate(dok.pages):
            for a in h.get("/Annots", []):
                if a.get("/Subtype") == "/Link" and "/Dest" in a:
                    tautan.add((i, str(a.Dest), tujuan[str(a.Dest)]))
        markah = []

        def jalan(item, tingkat):
            for x in item:
                markah.append((tingkat, x.title, halaman[x.destination[0].objgen]))
                jalan(x.children, tingkat + 1)

        with dok.open_outline() as garis:
            jalan(garis.root, 0)
        return {
            "halaman": len(dok.pages),
            "tautan": tautan,
            "markah": markah,
            "judul": str(dok.docinfo.get("/Title")),
            "bahasa": str(dok.Root.get("/Lang")),
        }


def _sama(a: bytes, b: bytes) -> None:
    assert _teks(a) == _teks(b)
    sa, sb = _struktur(a), _struktur(b)
    assert sa == sb
    assert len(sa["tautan"]) > 50 and len(sa["markah"]) > 20


# ---------------------------------------------------------------- cutting


def test_the_stamp_or_draft_mark_is_taken_out_as_one_page(html):
    for nama, penanda in (("randublatung", "DRAF</strong>"), ("randublatung-dicap", "Kode isi:")):
        tanpa, lapisan = split_layer(html[nama])
        assert penanda in lapisan and penanda not in tanpa
        assert 'class="stempel' in lapisan and 'class="stempel' not in tanpa
        assert "@bottom-right { content: none; }" in lapisan  # no page number on it
        assert "BAB III" not in lapisan
    # A draft and its signed version differ there and on the cover (the logo
    # placeholder of a draft): their chapters are the same.
    draf = split(split_layer(html["randublatung"])[0])
    dicap = split(split_layer(html["randublatung-dicap"])[0])
    assert draf.body == dicap.body and draf.head == dicap.head
    assert split_layer("<html><body>x</body></html>") == ("<html><body>x</body></html>", None)


def test_the_document_is_cut_at_its_chapters(html):
    bogorejo, _ = split_layer(html["bogorejo"])
    p = split(bogorejo)
    ident = [i for i, _ in p.body]
    # Chapters print alone; small neighbours (BAB IV and the LAMPIRAN page with the
    # first PK, the cascaded PKs) go together.
    assert ident[:4] == ["bab-i", "bab-ii", "bab-iii", "bab-iv"]
    assert len(ident) > 5 and all(i.startswith("lampiran-") for i in ident[4:])
    assert all(len(b) <= modul_cetak.MERGE_BELOW or "<h1" in b for _, b in p.body)
    assert 'id="lampiran"' in p.body[3][1]
    # The cascaded PKs open with a level-4 heading: their bookmarks go under LAMPIRAN.
    assert p.nested[:5] == [False] * 4 + [True]
    # Every row of the daftar isi/tabel/gambar shows a page number.
    assert {"bab-i", "bab-iii", "tabel-3-1", "gambar-3-1", "kata-pengantar", "daftar-isi"} <= set(
        p.daftar_anchors
    )
    assert len(p.daftar_anchors) == p.daftar.count("<tr")
    # Nothing is lost: the parts and the markers make up the whole document.
    utuh = (
        p.head
        + modul_cetak.MARKER_FRONT
        + p.sampul
        + modul_cetak.MARKER_DAFTAR
        + p.daftar
        + modul_cetak.MARKER_BODY
        + "".join(modul_cetak.MARKER_SPLIT + b for _, b in p.body)
        + modul_cetak.MARKER_END
        + p.tail
    )
    assert utuh == bogorejo


def test_every_id_of_the_document_is_unique(html):
    """A link must have one target, in the whole document as in its parts."""
    for nama, h in html.items():
        ids = re.findall(r'\bid="([^"]+)"', h)
        assert len(ids) > 50
        assert sorted(i for i in set(ids) if ids.count(i) > 1) == [], nama


def test_the_daftar_prints_without_numbers_and_marks_where_they_go(html):
    p = split(split_layer(html["randublatung"])[0])
    daftar = html_daftar(p)
    # No number: neither written in nor counted by CSS; its footer has none.
    assert "target-counter" not in daftar and 'class="romawi"' not in daftar
    assert "@page awal { @bottom-right { content: none; } }" in daftar
    # A mark per row, and a link with an invisible stand-in to click on.
    assert daftar.count('<div id="toc-hal-') == len(p.daftar_anchors)
    assert (
        '<div id="toc-hal-0"><a href="#kata-pengantar" class="tetap">'
        '<span style="visibility: hidden">000</span></a></div>'
    ) in daftar
    assert '<div id="toc-asal"></div>' in daftar
    # Placeholder destinations for the links to other parts, none for its own.
    assert '<span id="bab-iii"></span>' in daftar and '<span id="kata-pengantar"></span>' in daftar
    assert '<span id="daftar-tabel"></span>' not in daftar
    # The cover part closes the front matter's page group that the daftar opens.
    sampul = html_sampul(p)
    assert sampul.count('<div class="awal">') == 1
    assert sampul.endswith("</div>" + p.tail)
    assert 'id="kata-pengantar"' in sampul and "DAFTAR ISI" not in sampul


def test_the_numbers_of_the_daftar_go_where_the_marks_are(html):
    p = split(split_layer(html["randublatung"])[0])
    n = len(p.daftar_anchors)
    boxes = {"toc-asal": (94.5, 83.1, 600.0, 83.1)}
    boxes |= {f"toc-hal-{k}": (550.0, 100.0 + k, 595.5, 117.4 + k) for k in range(n)}
    anchors = {f"toc-hal-{k}": 0 if k < 3 else 1 for k in range(n)}
    daftar = modul_cetak.Rendered(pdf=b"", halaman=2, anchors=anchors, boxes=boxes)
    angka = [str(k + 1) for k in range(n)]
    nomor = modul_cetak.html_daftar_page_numbers(p, daftar, angka, 5)
    # The box of each mark, relative to the corner of the page area; bold in "t1" rows.
    assert (
        '<div class="toc-nomor t1" style="left:455.5000px;top:16.9000px;width:45.5000px;'
        'height:17.4000px">1</div>'
    ) in nomor
    assert nomor.count("break-before:page") == 1  # two pages, as the daftar has
    assert "@page :first { counter-reset: page 5; }" in nomor
    assert nomor.count('class="toc-nomor') == n


def test_roman_numerals_are_those_of_css():
    assert [modul_cetak.roman_numeral(n) for n in (1, 2, 4, 9, 14, 40, 49, 1994)] == [
        "i", "ii", "iv", "ix", "xiv", "xl", "xlix", "mcmxciv",
    ]  # fmt: skip


def test_html_without_markers_is_refused_and_printed_whole(paralel):
    with pytest.raises(SplitError):
        split("<html><body><p>x</p></body></html>")
    hasil = cetak_dokumen("<html><body><p>Halo</p></body></html>", AKAR, kunci="x:2024")
    assert (hasil.mode, hasil.halaman) == ("satu proses", 1)


def test_workers_leave_when_the_web_process_dies():
    """A killed web process must not leave its printing workers behind."""
    skrip = (
        "import os, sys\n"
        "from laporan.cetak import _worker_pool\n"
        "pool = _worker_pool(2, sys.argv[1])\n"
        "pid = {pool.submit(os.getpid).result() for _ in range(6)}\n"
        "print(' '.join(map(str, pid)), flush=True)\n"
        "os._exit(0)  # dies like a killed process: no clean shutdown\n"
    )
    # Output to a file, not a pipe: the workers inherit it, and the dead process
    # is reaped at once (a zombie would still answer os.kill).
    with tempfile.TemporaryFile("w+") as keluar:
        subprocess.run(
            [sys.executable, "-c", skrip, AKAR],
            cwd=ROOT,
            stdout=keluar,
            stderr=subprocess.STDOUT,
            timeout=60,
            check=True,
        )
        keluar.seek(0)
        teks = keluar.read()
    pekerja = [int(p) for p in teks.split()]
    assert pekerja, teks
    for _ in range(50):
        hidup = [p for p in pekerja if Path(f"/proc/{p}").exists() and _bukan_zombi(p)]
        if not hidup:
            break
        time.sleep(0.2)
    assert hidup == []


def _bukan_zombi(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def test_the_worker_module_does_not_load_django():
    kode = "import sys, laporan.cetak_bagian; print('django' in sys.modules)"
    keluar = subprocess.run(
        [sys.executable, "-c", kode], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert keluar.stdout.strip() == "False"


# ---------------------------------------------------------------- printing


def test_only_the_numbers_of_the_daftar_wait_for_the_chapters(paralel, html, satu):
    pertama = cetak_dokumen(html["randublatung"], AKAR, kunci="dok")
    # Every part prints at once; the numbers of the daftar follow. The page
    # numbers of the body, printed for a guessed page count, were enough.
    assert (pertama.mode, pertama.rounds, pertama.reprinted) == (
        "paralel",
        2,
        ["nomor-daftar"],
    )
    _sama(pertama.pdf, satu["randublatung"].pdf)
    petunjuk = cache.get(modul_cetak._HINT_CACHE_KEY + "dok")
    assert petunjuk == {"halaman_isi": _halaman_isi(satu["randublatung"])}
    # The same numbers again: nothing waits.
    kedua = cetak_dokumen(html["randublatung"], AKAR, kunci="dok")
    assert (kedua.rounds, kedua.reprinted) == (1, [])
    assert "nomor-daftar" in kedua.reused


def test_the_chapters_do_not_depend_on_the_pages_before_them(paralel, settings, html):
    """A page more in BAB II moves every later page number, but BAB III, the rest
    and the daftar are reused as printed: their page numbers are laid over them."""
    settings.LKJIP_PDF_SIMPAN_BAGIAN = 60
    asli = html["randublatung"]
    cetak_dokumen(asli, AKAR, kunci="dok")
    sisip = "<p>" + "Kalimat tambahan untuk menambah satu halaman. " * 120 + "</p>"
    diubah = asli.replace('<h2 id="bag-2-1">', sisip + '<h2 id="bag-2-1">', 1)
    assert diubah != asli
    hasil = cetak_dokumen(diubah, AKAR, kunci="dok")
    assert {"bab-iii", "bab-iv", "bab-i", "daftar", "sampul"} <= set(hasil.reused)
    assert "bab-ii" not in hasil.reused
    assert hasil.reprinted == ["nomor-daftar"]
    satu_diubah, _ = cetak_single_process(diubah, AKAR)
    assert satu_diubah.halaman > cetak_single_process(asli, AKAR)[0].halaman
    _sama(hasil.pdf, satu_diubah.pdf)


@pytest.mark.parametrize("nama", ["randublatung", "bogorejo", "randublatung-dicap"])
def test_parallel_print_is_the_single_process_print(paralel, html, satu, nama):
    _ingat(html[nama], satu[nama])
    hasil = cetak_dokumen(html[nama], AKAR, kunci="dok")
    # Only the numbers of the daftar wait for the chapters.
    assert (hasil.mode, hasil.reprinted) == ("paralel", ["nomor-daftar"])
    assert hasil.halaman == satu[nama].halaman
    _sama(hasil.pdf, satu[nama].pdf)
    # The pages of the daftar, numbers laid over, look the same to the pixel.
    pertama = satu[nama].anchors["daftar-isi"] + 1
    terakhir = satu[nama].anchors["bab-i"]
    assert _gambar(hasil.pdf, pertama, terakhir) == _gambar(satu[nama].pdf, pertama, terakhir)


def _label(pdf: bytes) -> list[str]:
    with pikepdf.open(BytesIO(pdf)) as dok:
        return [pikepdf.Page(h).label for h in dok.pages]


def test_the_parallel_print_is_finished_as_an_archival_pdf(paralel, html, satu):
    from laporan.cetak_arsip import Arsip, lampiran

    _ingat(html["randublatung"], satu["randublatung"])
    arsip = Arsip("LKjIP Uji Tahun 2024", "Uji", b'{"paket": 1}\n', b'{"hitung": 2}\n')
    hasil = cetak_dokumen(html["randublatung"], AKAR, kunci="dok", arsip=arsip)
    assert hasil.mode == "paralel"
    label = _label(hasil.pdf)
    assert label == _label(satu["randublatung"].pdf)
    bab_i = satu["randublatung"].anchors["bab-i"]
    assert label[bab_i - 1 : bab_i + 1] == [modul_cetak.roman_numeral(bab_i), "1"]
    assert lampiran(hasil.pdf) == {"paket.json": arsip.paket_json, "hitung.json": arsip.hitung_json}
    with pikepdf.open(BytesIO(hasil.pdf)) as dok:
        assert str(dok.Root.Lang) == "id-ID" and "/OutputIntents" in dok.Root


def test_signed_parts_carry_the_stamp_on_every_page(paralel, html, satu):
    _ingat(html["randublatung-dicap"], satu["randublatung-dicap"])
    hasil = cetak_dokumen(html["randublatung-dicap"], AKAR, kunci="dok")
    assert hasil.mode == "paralel"
    halaman = _teks(hasil.pdf).split("\f")[:-1]
    assert len(halaman) == hasil.halaman
    assert all("Kode isi:" in h for h in halaman)
    # One drawing of the stamp, under every page.
    with pikepdf.open(BytesIO(hasil.pdf)) as dok:
        bawah = set()
        for h in dok.pages:
            # The page draws the underlay first, then its own content.
            body = h.obj.Contents
            pertama = (body if isinstance(body, pikepdf.Stream) else body[0]).read_bytes()
            nama = re.match(rb"(?:q\n)+[^\n]* cm\n/([\w.-]+) Do\nQ\n", pertama).group(1).decode()
            bawah.add(h.Resources.XObject["/" + nama].objgen)
        assert len(bawah) == 1


def test_a_sign_off_after_a_draft_reuses_the_printed_parts(paralel, settings, html, satu):
    settings.LKJIP_PDF_SIMPAN_BAGIAN = 60
    _ingat(html["randublatung"], satu["randublatung"])
    draf = cetak_dokumen(html["randublatung"], AKAR, kunci="dok")
    assert (draf.mode, draf.reused) == ("paralel", [])
    dicap = cetak_dokumen(html["randublatung-dicap"], AKAR, kunci="dok")
    bab = [i for i, _ in split(split_layer(html["randublatung"])[0]).body]
    # Only the cover part and the stamp page are printed.
    assert dicap.reused == sorted([*bab, "daftar", "kepala", "nomor", "nomor-daftar"])
    _sama(dicap.pdf, satu["randublatung-dicap"].pdf)
    # With keeping off, only the header and the page numbers are reused.
    settings.LKJIP_PDF_SIMPAN_BAGIAN = 0
    lagi = cetak_dokumen(html["randublatung-dicap"], AKAR, kunci="dok")
    assert lagi.reused == ["kepala", "nomor", "nomor-daftar"]


def test_a_wrong_remembered_page_count_is_corrected(paralel, html, satu):
    cache.set(modul_cetak._HINT_CACHE_KEY + "dok", {"halaman_isi": 3})
    hasil = cetak_dokumen(html["randublatung"], AKAR, kunci="dok")
    # Too few page numbers (10 for 3): printed again once the chapters are known.
    assert (hasil.mode, hasil.rounds, hasil.reprinted) == (
        "paralel",
        2,
        ["nomor", "nomor-daftar"],
    )
    _sama(hasil.pdf, satu["randublatung"].pdf)
    # What was learnt is right: the next print waits for nothing.
    lagi = cetak_dokumen(html["randublatung"], AKAR, kunci="dok")
    assert (lagi.rounds, lagi.reprinted) == (1, [])


def test_an_edit_that_moves_no_page_prints_only_its_chapter(paralel, settings, html):
    settings.LKJIP_PDF_SIMPAN_BAGIAN = 60
    cetak_dokumen(html["randublatung"], AKAR, kunci="dok")
    diubah = html["randublatung"].replace("Akuntabilitas kinerja adalah", "Akuntabilitas adalah", 1)
    assert diubah != html["randublatung"]
    hasil = cetak_dokumen(diubah, AKAR, kunci="dok")
    bab = [i for i, _ in split(split_layer(diubah)[0]).body]
    assert (hasil.mode, hasil.rounds) == ("paralel", 1)
    assert sorted(set(bab) - set(hasil.reused)) == ["bab-iii"]
    assert "Akuntabilitas adalah" in _teks(hasil.pdf)


def test_one_process_when_configured(settings, html, satu):
    settings.LKJIP_PDF_PROSES = 1
    cache.clear()
    _ingat(html["randublatung"], satu["randublatung"])
    assert cetak_dokumen(html["randublatung"], AKAR, kunci="dok").mode == "satu proses"


def test_a_failing_parallel_print_falls_back_to_one_process(paralel, html, satu, caplog):
    _ingat(html["randublatung"], satu["randublatung"])
    with (
        mock.patch.object(modul_cetak, "_cetak_parallel", side_effect=OSError("pekerja mati")),
        caplog.at_level(logging.ERROR, logger="laporan.cetak"),
    ):
        hasil = cetak_dokumen(html["randublatung"], AKAR, kunci="dok")
    assert hasil.mode == "satu proses"
    assert "Cetak paralel gagal" in caplog.text
    assert _teks(hasil.pdf) == _teks(satu["randublatung"].pdf)


def test_opening_the_lkjip_page_starts_no_printing_workers(client, settings, operator_a):
    """A web process never starts printing processes: printing is a queue job (laporan.jobs)."""
    settings.LKJIP_PDF_PROSES = 2
    modul_cetak.stop_workers()
    client.force_login(operator_a)
    assert client.get("/pd/33.16.05/2024/lkjip/").status_code == 200
    assert modul_cetak._pool is None


def test_a_worker_collects_its_garbage_when_idle(monkeypatch):
    """Not while the parts of a document wait for it: after it had no work for a while."""
    monkeypatch.setattr(cetak_bagian, "COLLECT_DELAY", 0.2)
    kumpul = []
    with mock.patch("gc.collect", side_effect=lambda *a: kumpul.append(time.monotonic())):
        cetak_bagian.render_pdf_in_worker("<p>satu</p>", AKAR)
        cetak_bagian.render_pdf_in_worker("<p>dua</p>", AKAR)  # the first one's wait is called off
        selesai = time.monotonic()
        assert kumpul == []
        time.sleep(0.6)
    assert len(kumpul) == 1 and kumpul[0] - selesai >= 0.15


def test_the_stylesheet_is_parsed_once_per_thread():
    """Parsed once and kept, but not shared between threads: Pango's font map is not
    made for printing in two threads at once."""
    html = '<html><head><link rel="stylesheet" href="static/css/dokumen.css"></head><body>x'
    akar = Path(AKAR).resolve()
    sini = [cetak_bagian._cached_stylesheets(html, akar) for _ in range(2)]
    assert sini[0][0] == "<html><head></head><body>x"  # the link is taken out
    assert sini[0][1] and sini[0][1][0] is sini[1][1][0] and sini[0][2] is sini[1][2]
    lain = []
    utas = threading.Thread(
        target=lambda: lain.append(cetak_bagian._cached_stylesheets(html, akar))
    )
    utas.start()
    utas.join()
    assert lain[0][1][0] is not sini[0][1][0] and lain[0][2] is not sini[0][2]
    # A link out of the application directory stays, for WeasyPrint to refuse.
    luar = '<link rel="stylesheet" href="../luar.css">'
    assert cetak_bagian._cached_stylesheets(luar, akar) == (luar, [], sini[0][2])


def test_a_large_chapter_is_cut_where_its_pages_break_and_printed_the_same(paralel, monkeypatch):
    """BAB III of a large perangkat daerah is most of its document: it is cut into
    pieces where a landscape table starts or ends (a forced page break), and the
    joined pieces are the single-process print: text, pages, page numbers,
    daftar, links, bookmarks (under their sasaran) and page labels."""
    from interchange.simpan import paket_simpan
    from tests.laporan.sintetis import paket_sintetis

    paket = paket_sintetis(6)
    paket.perangkat_daerah.kode = "99.02.07"
    html = render_html(susun_dokumen(paket_simpan(paket=paket), 2024))
    # The size of the pieces scaled down to this small document.
    monkeypatch.setattr(modul_cetak, "CUT_SIZE", 8_000)
    p = split(split_layer(html)[0])
    ident = [i for i, _ in p.body]
    bab3 = ident[ident.index("bab-iii") : ident.index("bab-iv")]
    assert len(bab3) >= 4
    pieces = [b for _, b in p.body[ident.index("bab-iii") : ident.index("bab-iv")]]
    for before, piece in itertools.pairwise(pieces):
        # Each piece opens the section again (without its id), the one before closes
        # it; the cut is where a landscape table starts or ends.
        assert piece.startswith('<section class="bab">') and piece.count("<section") == 1
        assert before.endswith("</section>")
        assert piece.startswith('<section class="bab"><div class="lanskap">') or before.endswith(
            "<!--/lanskap--></section>"
        )
    assert any(lv and lv[0] > 3 for lv in p.levels)  # a piece opening below its sasaran
    satu, _ = cetak_single_process(html, AKAR)
    hasil = cetak_dokumen(html, AKAR)
    assert hasil.mode == "paralel" and hasil.halaman == satu.halaman
    _sama(hasil.pdf, satu.pdf)
    assert _label(hasil.pdf) == _label(satu.pdf)
    # Without the cut (a large CUT_SIZE) BAB III is one part.
    monkeypatch.setattr(modul_cetak, "CUT_SIZE", 10**9)
    ident = [i for i, _ in split(split_layer(html)[0]).body]
    assert ident[ident.index("bab-iii") + 1] == "bab-iv"
