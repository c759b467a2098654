"""The LKE AKIP evaluation of a demo kecamatan in real Chromium (issue 15): the operator
answers the self-assessment and submits it, the evaluator scores, writes a
recommendation and sends it on, the pengendali teknis approves it; the final evaluation
shows its computed score and predicate, its LHE PDF downloads and verifies on the
public page, and the operator records the follow-up of the recommendation, which the
evaluator accepts. Most criteria are answered through the services (eighty forms would
only repeat themselves); the first criterion of each step, and every step, goes through
the page."""

from __future__ import annotations

import hashlib

import pytest
from playwright.sync_api import expect

from evaluasi.models import EvaluasiLke
from evaluasi.services import evaluasi as svc
from evaluasi.services.template import template_bawaan_muat
from laporan.models import Rekomendasi, SnapshotLHE
from tests.browser.a11y import periksa_halaman
from tests.conftest import _pengguna

URL = "/pd/33.16.05/2024/lke/"


def _isi_kecuali_pertama(e: EvaluasiLke, pengguna, kolom: str) -> int:
    """Every criterion but the first answered (``jawaban``) or scored (``nilai``);
    the id of the first."""
    daftar = list(e.jawaban.select_related("kriteria").order_by("kriteria__sub__komponen__nomor",
                  "kriteria__sub__nomor", "kriteria__nomor"))  # fmt: skip
    for j in daftar[1:]:
        kode = "Y" if j.kriteria.skala == "yt" else "B"
        if kolom == "jawaban":
            svc.jawaban_simpan(
                evaluasi=e, kriteria_id=j.kriteria_id, jawaban=kode, pengguna=pengguna
            )
        else:
            svc.nilai_simpan(evaluasi=e, kriteria_id=j.kriteria_id, nilai=kode, pengguna=pengguna)
    return daftar[0]


@pytest.mark.django_db(transaction=True)
def test_lke_dari_penilaian_mandiri_sampai_tindak_lanjut(
    live_server, settings, tmp_path, buka_sesi, demo, operator_a, evaluator
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    pd = demo["a"]
    _pengguna("pengendali", "pengendali_teknis", pemda=pd.pemda)
    template_bawaan_muat(pd.pemda)
    e = svc.evaluasi_buat(pd=pd, tahun=2024, pengguna=evaluator)

    # The operator: the first criterion through its form, then the submission.
    pertama = _isi_kecuali_pertama(e, operator_a, "jawaban")
    op = buka_sesi("operator_a")
    op.goto(f"{live_server.url}{URL}")
    periksa_halaman(op)
    bagian = op.locator(f"#k-{pertama.kriteria_id}")
    bagian.locator("select[name=jawaban]").select_option(
        "Y" if pertama.kriteria.skala == "yt" else "A"
    )
    bagian.locator("textarea[name=catatan]").fill("Renstra 2021–2026 ditetapkan.")
    bagian.get_by_role("button", name="Simpan jawaban").click()
    expect(op.locator("ul.pesan")).to_be_visible()
    op.get_by_role("button", name="Ajukan penilaian mandiri ke evaluator").click()
    expect(op.locator("strong.lencana-status")).to_have_text("Dinilai evaluator")

    # The evaluator: one score on the page, a recommendation, then on to the pengendali.
    pertama = _isi_kecuali_pertama(EvaluasiLke.objects.get(pk=e.pk), evaluator, "nilai")
    ev = buka_sesi("evaluator")
    ev.goto(f"{live_server.url}{URL}")
    bagian = ev.locator(f"#k-{pertama.kriteria_id}")
    bagian.locator("select[name=nilai]").select_option(
        "Y" if pertama.kriteria.skala == "yt" else "A"
    )
    bagian.get_by_role("button", name="Simpan nilai").click()
    ev.fill("#teks-rekomendasi", "Lengkapi cascading kinerja sampai tingkat seksi.")
    ev.get_by_role("button", name="Tambah rekomendasi").click()
    expect(ev.locator("ol.rekomendasi li")).to_contain_text("cascading kinerja")
    ev.get_by_role("button", name="Kirim ke pengendali teknis").click()
    expect(ev.locator("strong.lencana-status")).to_have_text("Ditinjau pengendali teknis")

    # The pengendali teknis approves: final, locked, the score computed.
    pt = buka_sesi("pengendali")
    pt.goto(f"{live_server.url}{URL}")
    periksa_halaman(pt)
    pt.get_by_role("button", name="Setujui: evaluasi final").click()
    expect(pt.locator("strong.lencana-status")).to_have_text("Final")
    e.refresh_from_db()
    assert e.status == "final" and e.nilai is not None and e.predikat
    expect(pt.locator("body")).to_contain_text(f"predikat {e.predikat}")

    # The LHE downloads, and the public page recognises the file.
    with pt.expect_download() as unduh:
        pt.get_by_role("link", name="Unduh Laporan Hasil Evaluasi (LHE, PDF)").click()
    isi = open(unduh.value.path(), "rb").read()
    assert isi.startswith(b"%PDF")
    lhe = SnapshotLHE.objects.get(evaluasi_id=e.pk)
    assert hashlib.sha256(isi).hexdigest() == lhe.sha256
    pt.goto(f"{live_server.url}/verifikasi/{lhe.kode_isi}/")
    expect(pt.locator("body")).to_contain_text("LHE")

    # The operator follows the recommendation up; the evaluator accepts it.
    r = Rekomendasi.objects.get(evaluasi_id=e.pk)
    op.goto(f"{live_server.url}/pd/33.16.05/tindak-lanjut/")
    periksa_halaman(op)
    form = op.locator(f"form[action$='/tindak-lanjut/{r.pk}/']")
    form.locator("[name=rencana_aksi]").fill("Menyusun pohon kinerja sampai tingkat seksi.")
    form.locator("[name=status]").select_option("selesai")
    form.get_by_role("button", name=f"Simpan tindak lanjut {r.urutan}").click()
    expect(op.locator("ul.pesan")).to_be_visible()
    ev.goto(f"{live_server.url}/pd/33.16.05/tindak-lanjut/")
    ev.get_by_role("button", name=f"Terima tindak lanjut {r.urutan}").click()
    expect(ev.locator("ul.pesan")).to_be_visible()
    r.refresh_from_db()
    assert (r.status, r.tinjauan) == ("selesai", "diterima")
