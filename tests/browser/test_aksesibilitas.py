"""Every main page of each role, at 1280 px and at 390 px, through axe-core and the
width check (tests/browser/a11y.py); then the keyboard and focus behaviours that a
screen reader or keyboard user depends on."""

from __future__ import annotations

import re
import uuid
from unittest import mock

import pytest
from playwright.sync_api import expect

from kinerja.models import (
    HasilSKM,
    Indikator,
    Pejabat,
    Peran,
    PerangkatDaerah,
    PerjanjianKinerja,
    Renstra,
    StatusTriwulan,
    Tujuan,
)
from kinerja.services.pk_berjenjang import pk_berjenjang_buat
from kinerja.services.review import triwulan_ajukan
from laporan.models import CetakJob
from laporan.services.alur import lkjip_ajukan, lkjip_tetapkan
from tests.browser.a11y import masalah_halaman
from tests.laporan.data_alur import lengkapi, pdf_palsu, tambah_bukti

KODE = "33.16.05"
PD = f"/pd/{KODE}"
TAHUN = f"{PD}/2024"


def _halaman_per_peran(demo) -> dict[str | None, list[str]]:
    pd = demo["a"]
    indikator = Indikator.objects.filter(renstra__perangkat_daerah=pd).order_by("pk").first()
    pk = PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=2024).order_by("pk").first()
    pd_b = PerangkatDaerah.objects.get(kode="33.16.15")
    pengguna = Peran.objects.filter(pemda=pd.pemda).order_by("pk").first().pengguna_id
    skm = HasilSKM.objects.filter(perangkat_daerah=pd, tahun=2024).order_by("pk").first()
    pejabat = Pejabat.objects.filter(perangkat_daerah=pd, tahun=2024).order_by("pk").first()
    pejabat_pemda = (
        Pejabat.objects.filter(pemda=pd.pemda, perangkat_daerah=None, tahun=2024)
        .order_by("pk")
        .first()
    )
    # A cascaded PK (none in the demo data), so the list shows one and its form opens.
    berjenjang = pk_berjenjang_buat(
        pd=pd,
        tahun=2024,
        jabatan="Sekretaris Kecamatan",
        pejabat=Pejabat.objects.filter(perangkat_daerah=pd, tahun=2024, kepala=False).first(),
        pengguna=None,
    )
    mulai = Renstra.objects.filter(perangkat_daerah=pd).order_by("-mulai").first().mulai
    tujuan = Tujuan.objects.filter(renstra__perangkat_daerah=pd).order_by("pk").first()
    # A draft print under way on the queue: its progress page.
    job = CetakJob.objects.create(
        id=uuid.uuid4(), perangkat_daerah=pd, tahun=2024, kode_isi="0" * 64,
        status=CetakJob.Status.BERJALAN, kemajuan=40, tahap="Menata halaman setiap bab",
    )  # fmt: skip
    assert skm and pejabat and pejabat_pemda, "data demo tidak lengkap"
    return {
        None: ["/masuk/", "/verifikasi/"],
        "operator_a": [
            "/",
            f"{TAHUN}/",
            f"{TAHUN}/hitung/",
            f"{TAHUN}/realisasi/1/",
            f"{PD}/renstra/?tahun=2024",
            f"{PD}/indikator/{indikator.pk}/",
            f"{PD}/indikator/{indikator.pk}/ubah/",
            f"{PD}/program/?tahun=2024",
            f"{TAHUN}/pk/",
            f"{TAHUN}/pk/{pk.versi}/ubah/",
            f"{TAHUN}/pk-berjenjang/",
            f"{TAHUN}/rencana-aksi/",
            f"{TAHUN}/anggaran/",
            f"{TAHUN}/anggaran/dpa/murni/",
            f"{TAHUN}/anggaran/realisasi/1/",
            f"{TAHUN}/lkjip/",
            f"{TAHUN}/lkjip/kesiapan/",
            f"{PD}/riwayat/?tahun=2024",
            # Pages added by the other engineers of issue 10.
            f"{TAHUN}/skm/",
            f"{TAHUN}/skm/{skm.pk}/",
            f"{TAHUN}/pembanding/",
            f"{TAHUN}/lkjip/sumber-daya/",
            f"{TAHUN}/pejabat/",
            f"{TAHUN}/pejabat/{pejabat.pk}/ubah/",
            f"{TAHUN}/pk-berjenjang/baru/",
            f"{TAHUN}/pk-berjenjang/{berjenjang.pk}/ubah/",
            f"{PD}/renstra/baru/",
            f"{PD}/renstra/{mulai}/revisi/baru/",
            f"{PD}/renstra/{mulai}/versi/0/",
            f"{PD}/renstra/{mulai}/indikator/baru/",
            # Pages added for issues 12 and 13.
            f"{PD}/tujuan/{tujuan.pk}/ubah/",
            f"{TAHUN}/lkjip/cetak/{job.pk}/",
            # A year not opened yet: the page offers to open it.
            f"{PD}/2025/",
            f"{PD}/2025/pk/",
        ],
        "kepala_a": [
            "/",
            f"{TAHUN}/realisasi/1/",
            f"{TAHUN}/lkjip/",
            f"{TAHUN}/lkjip/pratinjau/",
            f"{TAHUN}/pk/",
            f"{TAHUN}/pejabat/",
            f"{PD}/2025/",
        ],
        "evaluator": [
            "/",
            "/evaluasi/33.16/",
            f"{TAHUN}/realisasi/1/",
            f"{TAHUN}/lkjip/",
            # The kabupaten dashboard (issue 15 §3).
            "/evaluasi/33.16/2024/kabupaten/",
            "/evaluasi/33.16/2024/kabupaten/peringkat/",
            "/evaluasi/33.16/2024/kabupaten/banding/",
        ],
        "admin_pemda": [
            "/",
            "/pemda/33.16/aturan/",
            "/pemda/33.16/perangkat-daerah/",
            f"/pemda/33.16/perangkat-daerah/{pd_b.pk}/ubah/",
            "/pemda/33.16/pengguna/",
            "/pemda/33.16/pengguna/baru/",
            f"/pemda/33.16/pengguna/{pengguna}/ubah/",
            "/pemda/33.16/tenggat/",
            "/pemda/33.16/pembanding/",
            f"/pemda/33.16/pembanding/{pd.pk}/",
            "/pemda/33.16/pejabat/?tahun=2024",
            f"/pemda/33.16/pejabat/{pejabat_pemda.pk}/ubah/",
            f"{TAHUN}/pejabat/",
        ],
    }


@pytest.mark.django_db(transaction=True)
def test_setiap_halaman_utama_lolos_axe_dan_muat_di_layar_ponsel(
    live_server, buka_sesi, demo, operator_a, kepala_a, evaluator, admin_pemda
):
    laporan = []
    for peran, alamat_daftar in _halaman_per_peran(demo).items():
        page = buka_sesi(peran)
        for alamat in alamat_daftar:
            jawaban = page.goto(f"{live_server.url}{alamat}")
            assert jawaban.status == 200, (peran, alamat, jawaban.status)
            page.wait_for_load_state("networkidle")
            masalah = masalah_halaman(page)
            if masalah:
                laporan.append(f"{peran or 'anonim'} {alamat}\n    " + "\n    ".join(masalah))
    assert not laporan, "\n" + "\n".join(laporan)


def _aktif(page) -> dict:
    return page.evaluate(
        """() => { const el = document.activeElement;
          return {tag: el.tagName.toLowerCase(), id: el.id, name: el.name || "",
                  kelas: el.className || "", teks: (el.textContent || "").trim()}; }"""
    )


def _terlihat_di(page, locator) -> bool:
    """Whether the element is what the user sees at its own centre (not covered by a
    sticky column or bar, and inside the window)."""
    return locator.evaluate(
        """el => { const r = el.getBoundingClientRect();
          const x = r.left + Math.min(r.width / 2, 20), y = r.top + r.height / 2;
          if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;
          const atas = document.elementFromPoint(x, y);
          return atas === el || el.contains(atas); }"""
    )


@pytest.mark.django_db(transaction=True)
def test_papan_ketik_dan_pembaca_layar_di_layar_ponsel(live_server, buka_sesi, demo, operator_a):
    pd = demo["a"]
    ikt1 = Indikator.objects.get(renstra__perangkat_daerah=pd, kode="IKT-1").pk
    page = buka_sesi("operator_a")
    page.set_viewport_size({"width": 390, "height": 844})
    # A wide table scrolls in its own named, focusable box on the phone; on a desktop,
    # where it fits, the box does not scroll (the sticky header works against the page).
    page.goto(f"{live_server.url}{TAHUN}/")
    kotak = page.locator(".gulir", has=page.locator("table.dasbor")).first
    expect(kotak).to_have_attribute("role", "region")
    expect(kotak).to_have_attribute("aria-label", re.compile(r"^Capaian indikator kinerja"))
    expect(kotak).to_have_class(re.compile(r"\bgeser\b"))
    expect(kotak).to_have_attribute("tabindex", "0")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(kotak).not_to_have_class(re.compile(r"\bgeser\b"))
    expect(kotak).not_to_have_attribute("tabindex", "0")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(kotak).to_have_class(re.compile(r"\bgeser\b"))

    url = f"{live_server.url}{TAHUN}/realisasi/1/"
    page.goto(url)

    # The first Tab reaches the skip link; Enter takes the focus to the content.
    page.keyboard.press("Tab")
    assert _aktif(page)["teks"] == "Langsung ke isi halaman"
    expect(page.locator("a.lompat")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert _aktif(page)["id"] == "isi"
    # Every navigation landmark has a name.
    nama_nav = page.evaluate(
        "() => [...document.querySelectorAll('nav')].map(n => n.getAttribute('aria-label'))"
    )
    assert nama_nav[:2] == ["Akun", "Menu utama"] and "Pilih triwulan" in nama_nav, nama_nav
    assert all(nama_nav), nama_nav

    # The indicator stays beside the value being typed, and the value is not covered.
    baris = page.locator("#form-realisasi tr.baris")
    for i in (0, 3):
        isian = baris.nth(i).locator("input[data-kolom=realisasi]").first
        isian.focus()
        assert _terlihat_di(page, isian), i
        assert _terlihat_di(page, baris.nth(i).locator("td.indikator .kode")), i
    # The last row is not hidden under the sticky save bar.
    terakhir = baris.last.locator("input[data-kolom=realisasi]").first
    terakhir.focus()
    assert _terlihat_di(page, terakhir)
    assert _terlihat_di(page, page.get_by_role("button", name="Simpan realisasi triwulan I"))

    # Enter in a note starts a new line (it does not move to the next row).
    catatan = page.locator(f"[name=r{ikt1}-catatan]")
    catatan.click()
    page.keyboard.press("Control+a")
    page.keyboard.type("Baris pertama.")
    page.keyboard.press("Enter")
    page.keyboard.type("Baris kedua.")
    expect(catatan).to_have_value("Baris pertama.\nBaris kedua.")
    assert _aktif(page)["name"] == f"r{ikt1}-catatan"

    # A failed save: focus on the error summary, whose item leads to the field.
    nilai = page.locator(f"[name=r{ikt1}-nilai]")
    nilai.fill("delapan puluh")
    page.get_by_role("button", name="Simpan realisasi triwulan I").click()
    ringkasan = page.locator(".ringkasan-galat")
    expect(ringkasan).to_be_focused()
    expect(ringkasan.locator("h2")).to_have_text("Ada yang perlu diperbaiki (1)")
    tautan = ringkasan.get_by_role("link")
    expect(tautan).to_have_count(1)
    expect(tautan).to_have_text(
        'Realisasi IKT-1 triwulan I: Nilai bertingkat "delapan puluh" tidak memuat angka.'
    )
    nilai = page.locator(f"[name=r{ikt1}-nilai]")
    expect(nilai).to_have_attribute("aria-invalid", "true")
    tautan.click()
    expect(nilai).to_be_focused()
    assert _terlihat_di(page, nilai)
    periksa = masalah_halaman(page)
    assert not periksa, periksa

    # A successful save announces itself in the live region.
    page.keyboard.press("Control+a")
    page.keyboard.type("87,5")
    page.get_by_role("button", name="Simpan realisasi triwulan I").click()
    expect(page.locator("#pengumuman-hidup")).to_have_text(
        "Realisasi triwulan I tersimpan: 1 indikator diubah."
    )
    expect(page.locator(".ringkasan-galat")).to_have_count(0)


def test_pemeriksaan_menangkap_halaman_yang_bermasalah(halaman):
    """The check itself: a page with an unlabelled field, a table wider than a phone,
    tiny text and a tiny button is reported, at the width where each happens."""
    halaman.set_content(
        """<!DOCTYPE html><html lang="id"><head><title>Uji</title></head><body><main>
        <h1>Uji</h1><input type="text" name="tanpa_label">
        <table style="width:600px"><tr><th>Kolom</th></tr><tr><td>isi</td></tr></table>
        <p style="font-size:10px">huruf kecil</p>
        <button style="font-size:12px;padding:0;border:0;height:16px">x</button>
        </main></body></html>"""
    )
    masalah = "\n".join(masalah_halaman(halaman))
    assert "[1280 px] axe label (critical)" in masalah, masalah
    assert "[390 px] halaman 6" in masalah and "table (6" in masalah, masalah
    assert "[1280 px] halaman" not in masalah, masalah
    assert "huruf di bawah 12 px: p 10.0 px: huruf kecil" in masalah, masalah
    assert "sasaran sentuh terlalu kecil: button" in masalah, masalah
    # The same table in a scroll box of its own no longer widens the page.
    halaman.evaluate(
        """() => { const t = document.querySelector("table"), d = document.createElement("div");
          d.style.overflowX = "auto"; t.before(d); d.append(t); }"""
    )
    assert not [m for m in masalah_halaman(halaman) if "halaman " in m]


@pytest.mark.django_db(transaction=True)
def test_ringkasan_galat_tabel_sdm_menuju_selnya(live_server, buka_sesi, demo, operator_a):
    """The SDM grid of the LKjIP editor: each cell has a name, and a failed save leads
    from the summary to the cell, by row and column."""
    page = buka_sesi("operator_a")
    page.goto(f"{live_server.url}{TAHUN}/lkjip/")
    tabel = page.locator("#tabel-sdm")
    pns = tabel.get_by_label("PNS, baris 1", exact=True)
    expect(pns).to_have_attribute("name", "sdm-0-pns")
    tabel.get_by_label("Kelompok, baris 1", exact=True).fill("Eselon III")
    tabel.get_by_label("Uraian, baris 1", exact=True).fill("Camat")
    pns.fill("-5")
    tabel.get_by_role("button", name="Simpan tabel SDM").click()
    ringkasan = page.locator(".ringkasan-galat")
    expect(ringkasan).to_be_focused()
    tautan = ringkasan.get_by_role("link", name=re.compile(r"^PNS, baris 1: "))
    expect(tautan).to_have_count(1)
    tautan.click()
    expect(page.locator("#tabel-sdm [name=sdm-0-pns]")).to_be_focused()
    expect(page.locator("#tabel-sdm [name=sdm-0-pns]")).to_have_attribute("aria-invalid", "true")


@pytest.mark.django_db(transaction=True)
def test_ringkasan_galat_formulir_indikator(live_server, buka_sesi, demo, operator_a):
    """A form of the planning pages: its general error box and the errors under each
    field become one summary, in the order of the page, each linked to its field."""
    indikator = Indikator.objects.get(renstra__perangkat_daerah=demo["a"], kode="IKS-1")
    page = buka_sesi("operator_a")
    page.goto(f"{live_server.url}{PD}/indikator/{indikator.pk}/ubah/")
    page.get_by_label("Target 2024", exact=True).fill("abc")
    page.locator("#id_nama").fill("")
    page.get_by_role("button", name="Simpan", exact=True).click()
    ringkasan = page.locator(".ringkasan-galat")
    expect(ringkasan).to_be_focused()
    expect(ringkasan).to_contain_text("Belum disimpan.")
    tautan = ringkasan.get_by_role("link")
    expect(tautan).to_have_count(2)
    expect(tautan.nth(0)).to_contain_text("Target 2024: ")
    expect(tautan.nth(1)).to_have_text(re.compile(r"^Nama indikator: \S"))
    tautan.nth(0).click()
    target = page.get_by_label("Target 2024", exact=True)
    expect(target).to_be_focused()
    expect(target).to_have_attribute("aria-invalid", "true")
    assert _terlihat_di(page, target)


@pytest.mark.django_db(transaction=True)
def test_ringkasan_galat_realisasi_anggaran(live_server, buka_sesi, demo, operator_a):
    """The budget grid (Django's error lists): the summary takes the page's general
    error and links the amount to its field, named by the sub kegiatan's code."""
    page = buka_sesi("operator_a")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{TAHUN}/anggaran/realisasi/1/")
    jumlah = page.locator("#form-realisasi-anggaran input.uang").first
    kode = page.locator("#form-realisasi-anggaran tr:has(input.uang) td.kode").first.inner_text()
    jumlah.fill("12 juta")
    page.get_by_role("button", name="Simpan realisasi triwulan I").click()
    ringkasan = page.locator(".ringkasan-galat")
    expect(ringkasan).to_be_focused()
    expect(ringkasan).to_contain_text("Realisasi belum disimpan.")
    tautan = ringkasan.get_by_role("link")
    expect(tautan).to_have_count(1)
    expect(tautan).to_contain_text(f"{kode}: ")
    tautan.click()
    jumlah = page.locator("#form-realisasi-anggaran input.uang").first
    expect(jumlah).to_be_focused()
    assert _terlihat_di(page, jumlah)
    periksa = masalah_halaman(page)
    assert not periksa, periksa


@pytest.mark.django_db(transaction=True)
def test_halaman_dalam_keadaan_alurnya_lolos_axe(
    live_server, settings, tmp_path, buka_sesi, demo, operator_a, kepala_a, admin_pemda
):
    """The pages whose forms show only in a state of the workflow: the kepala's
    confirmation of an incomplete triwulan, an approved triwulan (evidence added after
    approval, the reopen form), a submitted LKjIP (explained findings, sign-off and
    return) and a signed one (the reopen form, for the kepala and the admin pemda)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    pd = demo["a"]
    laporan = []

    def periksa(page, keadaan: str) -> None:
        masalah = masalah_halaman(page)
        if masalah:
            laporan.append(f"{keadaan}\n    " + "\n    ".join(masalah))

    # ------------------------------------------------------------------ triwulan I
    triwulan_ajukan(pd=pd, tahun=2024, triwulan=1, pengguna=operator_a)
    url_tw1 = f"{live_server.url}{TAHUN}/realisasi/1/"
    kepala = buka_sesi("kepala_a")
    kepala.goto(url_tw1)
    kepala.get_by_role("button", name="Setujui triwulan I").click()
    konfirmasi = kepala.locator(".konfirmasi-setujui")
    expect(konfirmasi).to_contain_text("Triwulan I belum lengkap")
    periksa(kepala, "kepala_a: konfirmasi persetujuan triwulan I")
    konfirmasi.get_by_role("button", name="Tetap setujui triwulan I").click()
    expect(kepala.locator("ul.pesan li")).to_have_text("Triwulan I disetujui.")
    assert StatusTriwulan.objects.get(perangkat_daerah=pd, tahun=2024, triwulan=1).status == (
        "disetujui"
    )

    op = buka_sesi("operator_a")
    op.goto(url_tw1)
    expect(op.locator(".daftar-bukti, input[type=file]").first).to_be_attached()
    periksa(op, "operator_a: triwulan I disetujui (unggah bukti)")
    tambah_bukti(pd, "IKS-1", triwulan=1, nama="Rekap SOP TW I.pdf")
    kepala.reload()
    expect(kepala.locator(".pengumuman.disetujui")).to_contain_text("ditambahkan setelah disetujui")
    kepala.locator("#buka-kembali summary").click()
    expect(kepala.get_by_role("button", name="Buka kembali triwulan I")).to_be_visible()
    periksa(kepala, "kepala_a: triwulan I disetujui, bukti setelah disetujui, buka kembali")

    # ------------------------------------------------------------------ LKjIP
    url_editor = f"{live_server.url}{TAHUN}/lkjip/"
    op.goto(url_editor)
    expect(op.locator("form.form-penjelasan textarea").first).to_be_visible()
    periksa(op, "operator_a: LKjIP draf (formulir penjelasan temuan)")
    lkjip = lengkapi(pd)
    lkjip_ajukan(lkjip=lkjip, pengguna=operator_a)
    kepala.goto(url_editor)
    expect(kepala.locator(".penjelasan-sebelum-tetapkan")).to_be_visible()
    periksa(kepala, "kepala_a: LKjIP diajukan (penjelasan temuan, tetapkan, kembalikan)")
    op.goto(url_editor)
    periksa(op, "operator_a: LKjIP diajukan")

    with mock.patch("laporan.pdf.cetak_html", side_effect=pdf_palsu):
        lkjip_tetapkan(
            lkjip=lkjip, pengguna=kepala_a, alamat_verifikasi=lambda kode: f"/verifikasi/{kode}/"
        )
    for peran in ("kepala_a", "admin_pemda"):
        page = kepala if peran == "kepala_a" else buka_sesi(peran)
        page.goto(url_editor)
        page.locator("details.buka-kembali summary").click()
        expect(page.get_by_role("button", name="Buka kembali", exact=True)).to_be_visible()
        periksa(page, f"{peran}: LKjIP ditetapkan (buka kembali)")
    op.goto(url_editor)
    periksa(op, "operator_a: LKjIP ditetapkan")
    op.goto(url_tw1)
    periksa(op, "operator_a: triwulan I pada tahun yang ditetapkan")
    assert not laporan, "\n" + "\n".join(laporan)


@pytest.mark.django_db(transaction=True)
def test_ringkasan_galat_nilai_pembanding(live_server, buka_sesi, demo, operator_a):
    """The comparison grid: each value and source has a name (indicator and level), and
    a failed save leads from the summary to the value by that name."""
    page = buka_sesi("operator_a")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{TAHUN}/pembanding/")
    nilai = page.locator("input[id^=id_nilai_]").first
    id_nilai = nilai.get_attribute("id")
    nama = page.locator(f"label[for={id_nilai}]").text_content()
    assert re.fullmatch(r"IK\S+ \S+", nama), nama
    expect(page.get_by_label(nama, exact=True)).to_have_attribute("id", id_nilai)
    expect(page.get_by_label(f"Sumber {nama}", exact=True)).to_have_count(1)
    nilai.fill("abc")
    page.get_by_role("button", name="Simpan nilai pembanding").click()
    ringkasan = page.locator(".ringkasan-galat")
    expect(ringkasan).to_be_focused()
    tautan = ringkasan.get_by_role("link")
    expect(tautan).to_have_count(1)
    expect(tautan).to_contain_text(f"{nama}: ")
    tautan.click()
    expect(page.locator(f"#{id_nilai}")).to_be_focused()
    expect(page.locator(f"#{id_nilai}")).to_have_attribute("aria-invalid", "true")
    periksa = masalah_halaman(page)
    assert not periksa, periksa
