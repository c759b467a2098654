"""The LKjIP of Kecamatan Randublatung 2024 from the readiness checklist to public verification.

Most data are prepared in the setup (realisasi are in the demo; evidence of IKT-1 and
all but one narrative section are stored directly). In Chromium the operator sees
what is missing, cannot submit yet, uploads the last evidence file, writes the last
section with autosave (type, "tersimpan", reload: the text is there) and submits;
the kepala, who could not sign the unready year, signs it; the year is locked; the
evaluator downloads the signed PDF from the list of the pemda; the public page of
its code says the file matches, and does not after one byte is changed.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kinerja.models import Indikator, PenjelasanTemuan, Realisasi
from laporan.models import LKjIP, Narasi, SnapshotLKjIP
from tests.browser.a11y import periksa_halaman
from tests.laporan.data_alur import PDF_BUKTI, jelaskan_temuan, narasi_wajib, tambah_bukti

KODE = "33.16.05"
LKJIP = f"/pd/{KODE}/2024/lkjip/"
KESIAPAN = LKJIP + "kesiapan/"
REKOMENDASI = (
    "Meningkatkan kualitas pelayanan administrasi kependudukan dengan antrean daring, "
    "serta menuntaskan tindak lanjut rekomendasi evaluasi AKIP tahun sebelumnya."
)
# The consistency finding the operator explains in the browser (the others in the setup).
TEMUAN_IKM = "ikm_tidak_sesuai_skm|IKT-1|indikator IKT-1"
PENJELASAN_IKM = "Realisasi IKM mengikuti laporan survei yang dibulatkan ke bilangan bulat."
TINDAK_LANJUT = (
    "Rekomendasi Inspektorat tahun 2023 tentang reviu rencana aksi sudah ditindaklanjuti."
)


def _pesan(page):
    return page.locator("ul.pesan li")


def _status() -> str:
    return LKjIP.objects.get(perangkat_daerah__kode=KODE, tahun=2024).status


def _post_dengan_csrf(page, url: str, data: dict):
    """A form post from the page's session (as a stale tab or a crafted request would)."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    return page.request.post(
        url,
        form={"csrfmiddlewaretoken": token, **data},
        headers={"Referer": url},
    )


@pytest.mark.django_db(transaction=True)
def test_lkjip_dari_kesiapan_sampai_verifikasi_publik(
    live_server,
    settings,
    tmp_path,
    buka_sesi,
    simpan_gambar,
    demo,
    operator_a,
    kepala_a,
    evaluator,
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    pd = demo["a"]
    tambah_bukti(pd, "IKT-1", nama="Rekap SKM TW IV 2024.pdf")
    narasi_wajib(pd, kecuali=("rekomendasi",))
    jelaskan_temuan(pd)
    PenjelasanTemuan.objects.filter(kunci=TEMUAN_IKM).delete()
    ikt2 = Indikator.objects.get(renstra__perangkat_daerah=pd, kode="IKT-2").pk
    url_kesiapan = f"{live_server.url}{KESIAPAN}"
    url_editor = f"{live_server.url}{LKJIP}"

    # ------------------------------------------------------------------ not ready yet
    op = buka_sesi("operator_a")
    op.goto(url_kesiapan)
    kurang = op.locator("ol.daftar-kurang > li")
    expect(op.locator("#judul-kurang")).to_have_text("Belum siap ditetapkan: 2 hal belum lengkap")
    expect(kurang.nth(0)).to_contain_text(
        "Bukti dukung IKT-2 (Nilai SAKIP Perangkat Daerah) tahun 2024 belum diunggah."
    )
    expect(kurang.nth(1)).to_contain_text("Temuan konsistensi data pada indikator IKT-1")
    # The unwritten section prints its draft from the data: listed apart, not a blocker.
    expect(op.locator(".kesiapan.draf li")).to_have_text(
        re.compile("Narasi “Rekomendasi dan Langkah ke Depan” masih memakai draf otomatis")
    )
    simpan_gambar(op, "lkjip-kesiapan", penuh=True)
    periksa_halaman(op)
    op.get_by_role("button", name="Ajukan LKjIP tahun 2024 kepada kepala").click()
    expect(_pesan(op)).to_have_text(
        "LKjIP tahun 2024 belum dapat diajukan: 2 hal belum lengkap (lihat daftar di bawah)."
    )
    assert _status() == "draf"

    # The kepala cannot sign an unready (unsubmitted) year either.
    kepala = buka_sesi("kepala_a")
    kepala.goto(url_editor)
    expect(kepala.get_by_role("button", name=re.compile("Tetapkan LKjIP"))).to_have_count(0)
    periksa_halaman(kepala)
    r = _post_dengan_csrf(kepala, f"{url_editor}tetapkan/", {})
    assert r.ok and "hanya LKjIP yang sudah diajukan yang dapat ditetapkan" in r.text()
    assert not SnapshotLKjIP.objects.exists()

    # ------------------------------------------------------------------ the last evidence file
    kurang.nth(0).get_by_role("link", name="Unggah bukti TW IV").click()
    op.wait_for_url(re.compile(r"/realisasi/4/#baris-\d+$"))
    sel = op.locator(f"#bukti-{ikt2}")
    berkas = tmp_path / "LHE AKIP 2024.pdf"
    berkas.write_bytes(PDF_BUKTI)
    sel.locator("input[type=file]").set_input_files(berkas)
    sel.get_by_role("button", name="Unggah").click()
    expect(sel.locator(".daftar-bukti a")).to_have_text("LHE AKIP 2024.pdf")
    periksa_halaman(op)

    # ------------------------------------------------------------------ the last narrative, autosaved
    op.goto(url_kesiapan)
    expect(kurang).to_have_count(1)
    op.get_by_role("link", name="Periksa Rekomendasi dan Langkah ke Depan").click()
    op.wait_for_url(f"{url_editor}#bagian-rekomendasi")
    bagian = op.locator("#bagian-rekomendasi")
    expect(bagian.locator(".tanda-draf")).to_have_text("Draf otomatis dari data — belum diperiksa")
    kotak = bagian.locator("textarea[name=teks]")
    expect(kotak).to_have_value(re.compile("^Langkah yang akan dilakukan Kecamatan Randublatung"))
    # The operator replaces the draft with a text of their own.
    kotak.click()
    op.keyboard.press("Control+A")
    op.keyboard.type(REKOMENDASI)
    # Edited: the text is the operator's, the badge and "Terima draf" go at once.
    expect(bagian.locator(".tanda-draf")).to_have_count(0)
    expect(bagian.get_by_role("button", name="Terima draf")).to_have_count(0)
    status = bagian.locator(".status-simpan")
    # No button pressed: the save comes ~1,5 s after typing stops.
    expect(status).to_have_text(re.compile(r"^tersimpan \d\d\.\d\d$"), timeout=10_000)
    assert Narasi.objects.get(lkjip__perangkat_daerah=pd, bagian="rekomendasi").teks == REKOMENDASI
    simpan_gambar(op, "lkjip-editor")
    periksa_halaman(op)
    op.reload()
    expect(op.locator("#bagian-rekomendasi textarea[name=teks]")).to_have_value(REKOMENDASI)
    expect(op.locator("#bagian-rekomendasi .status-simpan")).to_contain_text(
        "Terakhir diubah operator_a"
    )
    expect(op.locator("#bagian-rekomendasi .tanda-draf")).to_have_count(0)

    # The connection drops while writing and stays down over a reload: the text kept in
    # the browser comes back into the box, and reaches the server once it answers again.
    tindak = op.locator("#bagian-tindak_lanjut")
    pola = re.compile(r"/lkjip/narasi/tindak_lanjut/$")
    op.route(pola, lambda route: route.abort())
    tindak.locator("textarea[name=teks]").click()
    op.keyboard.type(TINDAK_LANJUT)
    expect(tindak.locator(".status-simpan")).to_contain_text("koneksi terputus", timeout=10_000)
    op.reload()
    tindak = op.locator("#bagian-tindak_lanjut")
    expect(tindak.locator("textarea[name=teks]")).to_have_value(TINDAK_LANJUT)
    expect(tindak.locator(".status-simpan")).to_contain_text("koneksi terputus")
    assert not Narasi.objects.filter(bagian="tindak_lanjut").exclude(teks="").exists()
    op.unroute(pola)
    expect(tindak.locator(".status-simpan")).to_have_text(
        re.compile(r"^tersimpan \d\d\.\d\d$"), timeout=15_000
    )
    assert Narasi.objects.get(lkjip__perangkat_daerah=pd, bagian="tindak_lanjut").teks == (
        TINDAK_LANJUT
    )

    # Someone else saves the Kesimpulan while this page is open: the operator's next
    # autosave is refused, both texts are shown, nothing is overwritten or lost.
    lain = Narasi.objects.get(lkjip__perangkat_daerah=pd, bagian="kesimpulan")
    lain.teks, lain.versi = "Kesimpulan versi kepala seksi.", lain.versi + 1
    lain.save()
    kesimpulan = op.locator("#bagian-kesimpulan")
    kotak = kesimpulan.locator("textarea[name=teks]")
    kotak.click()
    op.keyboard.press("End")
    op.keyboard.type(" Ditambah operator.")
    milik_operator = kotak.input_value()
    konflik = kesimpulan.locator(".konflik")
    expect(konflik).to_contain_text("Bagian ini sudah diubah oleh sistem", timeout=10_000)
    expect(konflik.locator("textarea")).to_have_value("Kesimpulan versi kepala seksi.")
    expect(kotak).to_have_value(milik_operator)
    expect(kesimpulan.locator(".status-simpan")).to_have_text(
        "Belum tersimpan: ada versi yang lebih baru."
    )
    assert Narasi.objects.get(pk=lain.pk).teks == "Kesimpulan versi kepala seksi."
    konflik.scroll_into_view_if_needed()
    simpan_gambar(op, "lkjip-konflik")
    periksa_halaman(op)
    konflik.get_by_role("button", name="Simpan teks saya (ganti teks tersimpan)").click()
    expect(kesimpulan.locator(".status-simpan")).to_have_text(re.compile(r"^tersimpan "))
    expect(konflik).to_have_count(0)
    assert Narasi.objects.get(pk=lain.pk).teks == milik_operator

    # ------------------------------------------------------------------ the finding explained
    op.goto(url_kesiapan)
    op.get_by_role("link", name="Perbaiki atau jelaskan temuan").click()
    form = op.locator("form.form-penjelasan").filter(
        has=op.locator(f'input[name=kunci][value="{TEMUAN_IKM}"]')
    )
    form.get_by_label("Penjelasan").fill(PENJELASAN_IKM)
    form.get_by_role("button", name="Simpan penjelasan").click()
    expect(_pesan(op)).to_have_text("Penjelasan temuan tersimpan.")
    assert PenjelasanTemuan.objects.get(kunci=TEMUAN_IKM).teks == PENJELASAN_IKM

    # ------------------------------------------------------------------ ready: submit
    op.goto(url_kesiapan)
    expect(op.locator(".kesiapan.siap h2")).to_have_text("Siap ditetapkan")
    periksa_halaman(op)
    op.get_by_role("button", name="Ajukan LKjIP tahun 2024 kepada kepala").click()
    expect(_pesan(op)).to_contain_text("LKjIP tahun 2024 diajukan kepada kepala")
    assert _status() == "diajukan"
    expect(op.locator("#bagian-rekomendasi textarea")).to_have_count(0)

    # ------------------------------------------------------------------ kepala signs off
    kepala.goto(url_editor)
    expect(kepala.locator("#alur .lencana-status")).to_have_text("Diajukan")
    expect(kepala.locator(".penjelasan-sebelum-tetapkan")).to_contain_text(PENJELASAN_IKM)
    simpan_gambar(kepala, "lkjip-tinjau")
    periksa_halaman(kepala)
    kepala.get_by_role("button", name="Tetapkan LKjIP tahun 2024").click()
    expect(_pesan(kepala)).to_contain_text("LKjIP tahun 2024 ditetapkan sebagai versi 1")
    assert _status() == "ditetapkan"
    snapshot = SnapshotLKjIP.objects.get()
    expect(kepala.locator("table.versi")).to_contain_text("Drs. Sutrisno Wibowo, M.Si")
    expect(kepala.locator(".riwayat-lkjip li")).to_have_count(2)
    simpan_gambar(kepala, "lkjip-ditetapkan")
    periksa_halaman(kepala)

    # ------------------------------------------------------------------ the year is locked
    url_tw4 = f"{live_server.url}/pd/{KODE}/2024/realisasi/4/"
    op.goto(url_tw4)
    expect(op.locator(".pengumuman.terkunci")).to_contain_text("LKjIP tahun 2024 sudah ditetapkan")
    periksa_halaman(op)
    expect(op.locator("input[data-kolom]")).to_have_count(0)
    lama = Realisasi.objects.get(indikator_id=ikt2, tahun=2024, triwulan=4)
    r = _post_dengan_csrf(
        op,
        url_tw4,
        {
            f"r{ikt2}-nilai": "50",
            f"r{ikt2}-catatan": "Koreksi setelah penetapan.",
            f"r{ikt2}-versi": str(lama.versi),
        },
    )
    assert "sudah terkunci karena LKjIP telah ditetapkan" in r.text()
    assert Realisasi.objects.get(pk=lama.pk).nilai == lama.nilai

    # ------------------------------------------------------------------ evaluator downloads
    ev = buka_sesi("evaluator")
    ev.goto(f"{live_server.url}/evaluasi/33.16/")
    baris = ev.locator("tbody", has_text="Kecamatan Randublatung")
    expect(baris).to_contain_text("Ditetapkan")
    expect(baris).to_contain_text("Versi 1")
    expect(ev.locator("tbody", has_text="Kecamatan Bogorejo")).to_contain_text("Draf")
    simpan_gambar(ev, "evaluasi-daftar")
    periksa_halaman(ev)
    with ev.expect_download() as unduhan:
        baris.get_by_role("link", name="Unduh PDF versi 1").click()
    assert unduhan.value.suggested_filename == "LKjIP-2024-Kecamatan-Randublatung-versi-1.pdf"
    pdf = Path(unduhan.value.path()).read_bytes()
    assert hashlib.sha256(pdf).hexdigest() == snapshot.sha256

    # ------------------------------------------------------------------ anyone verifies it
    publik = buka_sesi()
    publik.goto(f"{live_server.url}/verifikasi/")
    periksa_halaman(publik)
    publik.get_by_label("Kode verifikasi").fill(snapshot.kode_isi)
    publik.get_by_role("button", name="Buka verifikasi").click()
    publik.wait_for_url(f"{live_server.url}/verifikasi/{snapshot.kode_isi}/")
    expect(publik.locator("#judul-dokumen")).to_have_text(
        "Laporan Kinerja Instansi Pemerintah (LKjIP) tahun 2024"
    )
    expect(publik.locator(".keadaan.berlaku")).to_be_visible()
    periksa_halaman(publik)
    asli = tmp_path / "diterima.pdf"
    asli.write_bytes(pdf)
    publik.locator("input[type=file]").set_input_files(asli)
    publik.get_by_role("button", name="Periksa berkas").click()
    expect(publik.locator(".hasil-periksa h2")).to_have_text(
        "Berkas COCOK dengan dokumen yang ditetapkan"
    )
    simpan_gambar(publik, "lkjip-verifikasi", penuh=True)
    periksa_halaman(publik)
    ubah = bytearray(pdf)
    ubah[len(ubah) // 3] ^= 0x01
    palsu = tmp_path / "diubah.pdf"
    palsu.write_bytes(bytes(ubah))
    publik.locator("input[type=file]").set_input_files(palsu)
    publik.get_by_role("button", name="Periksa berkas").click()
    expect(publik.locator(".hasil-periksa h2")).to_have_text(
        "Berkas TIDAK COCOK: isi berkas berbeda dari yang ditetapkan"
    )
    periksa_halaman(publik)
