"""Every main page of each role, at 1280 px and at 390 px, through axe-core and the
width check (tests/browser/a11y.py); then the keyboard and focus behaviours that a
screen reader or keyboard user depends on."""

from __future__ import annotations

import pytest

from kinerja.models import Indikator, Peran, PerangkatDaerah, PerjanjianKinerja
from tests.browser.a11y import masalah_halaman

KODE = "33.16.05"
PD = f"/pd/{KODE}"
TAHUN = f"{PD}/2024"


def _halaman_per_peran(demo) -> dict[str | None, list[str]]:
    pd = demo["a"]
    indikator = Indikator.objects.filter(renstra__perangkat_daerah=pd).order_by("pk").first()
    pk = PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=2024).order_by("pk").first()
    pd_b = PerangkatDaerah.objects.get(kode="33.16.15")
    pengguna = Peran.objects.filter(pemda=pd.pemda).order_by("pk").first().pengguna_id
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
        ],
        "kepala_a": ["/", f"{TAHUN}/realisasi/1/", f"{TAHUN}/lkjip/"],
        "evaluator": ["/", "/evaluasi/33.16/", f"{TAHUN}/realisasi/1/", f"{TAHUN}/lkjip/"],
        "admin_pemda": [
            "/",
            "/pemda/33.16/aturan/",
            "/pemda/33.16/perangkat-daerah/",
            f"/pemda/33.16/perangkat-daerah/{pd_b.pk}/ubah/",
            "/pemda/33.16/pengguna/",
            "/pemda/33.16/pengguna/baru/",
            f"/pemda/33.16/pengguna/{pengguna}/ubah/",
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
