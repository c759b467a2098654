"""An evaluation's review tiers: self-assessment with evidence, evaluator's scores,
pengendali teknis's approval, final and locked; each step once; screens per role."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from evaluasi.models import EvaluasiLke, JawabanLke, LangkahEvaluasi
from evaluasi.selectors import hasil, pilihan_bukti
from evaluasi.services import evaluasi as svc
from kinerja.engine.lke import predikat_lke
from kinerja.models import LogPerubahan

pytestmark = pytest.mark.django_db

URL = "/pd/33.16.05/2024/lke/"


@pytest.fixture
def ev(demo, evaluator):
    return svc.evaluasi_buat(pd=demo["a"], tahun=2024, pengguna=evaluator)


def _terbaik(j: JawabanLke) -> str:
    return "Y" if j.kriteria.skala == "yt" else "A"


def _jawab_semua(e, pengguna, jawaban=None):
    for j in e.jawaban.select_related("kriteria"):
        svc.jawaban_simpan(
            evaluasi=e, kriteria_id=j.kriteria_id, jawaban=jawaban or _terbaik(j), pengguna=pengguna
        )


def _nilai_semua(e, pengguna, nilai):
    for j in e.jawaban.select_related("kriteria"):
        kode = nilai if j.kriteria.skala == "ae" else "Y"
        svc.nilai_simpan(evaluasi=e, kriteria_id=j.kriteria_id, nilai=kode, pengguna=pengguna)


def test_the_whole_flow_ends_final_locked_with_the_computed_score(
    ev, operator_a, evaluator, pengendali
):
    _jawab_semua(ev, operator_a)
    ev = svc.evaluasi_ajukan(evaluasi=ev, pengguna=operator_a)
    assert ev.status == "diajukan" and ev.nilai_mandiri == Decimal("100.00")
    _nilai_semua(ev, evaluator, "B")
    ev = svc.evaluasi_kirim(evaluasi=ev, pengguna=evaluator)
    assert ev.status == "dinilai"
    with pytest.raises(ValidationError, match="Tuliskan komentar"):
        svc.evaluasi_kembalikan(evaluasi=ev, pengguna=pengendali, komentar=" ")
    ev = svc.evaluasi_kembalikan(evaluasi=ev, pengguna=pengendali, komentar="Periksa 1.2.1.")
    assert ev.status == "dikembalikan"
    _nilai_semua(ev, evaluator, "C")
    svc.evaluasi_kirim(evaluasi=ev, pengguna=evaluator)
    ev = svc.evaluasi_setujui(evaluasi=ev, pengguna=pengendali)
    # Y sub-components full (6+6+3+5 = 20), the rest at 0,5 of 80 = 40: 60,00 → CC.
    assert ev.status == "final" and ev.nilai == Decimal("60.00") and ev.predikat == "CC"
    assert ev.nilai == hasil(ev, evaluator=True).nilai
    assert predikat_lke(ev.nilai).label == "CC" and ev.final_pada is not None
    assert ev.tahun_evaluasi == timezone.localtime().year
    assert [(x.dari, x.ke) for x in LangkahEvaluasi.objects.filter(evaluasi=ev)] == [
        ("draf", "diajukan"),
        ("diajukan", "dinilai"),
        ("dinilai", "dikembalikan"),
        ("dikembalikan", "dinilai"),
        ("dinilai", "final"),
    ]
    log = LogPerubahan.objects.filter(objek_tipe="evaluasi.evaluasilke", aksi="lke.setujui").get()
    assert log.data["baru"] == "final" and log.data["predikat"] == "CC"
    # Locked: nobody changes anything any more.
    j = ev.jawaban.first()
    for langkah in (
        lambda: svc.jawaban_simpan(
            evaluasi=ev, kriteria_id=j.kriteria_id, jawaban="T", pengguna=operator_a
        ),  # fmt: skip
        lambda: svc.nilai_simpan(
            evaluasi=ev, kriteria_id=j.kriteria_id, nilai="T", pengguna=evaluator
        ),  # fmt: skip
        lambda: svc.evaluasi_setujui(evaluasi=ev, pengguna=pengendali),
        lambda: svc.evaluasi_kembalikan(evaluasi=ev, pengguna=pengendali, komentar="x"),
    ):
        with pytest.raises(ValidationError, match="sudah final dan terkunci"):
            langkah()


def test_each_step_happens_once(ev, operator_a):
    _jawab_semua(ev, operator_a)
    svc.evaluasi_ajukan(evaluasi=ev, pengguna=operator_a)
    with pytest.raises(ValidationError, match="berstatus dinilai evaluator"):
        svc.evaluasi_ajukan(evaluasi=ev, pengguna=operator_a)
    assert LangkahEvaluasi.objects.filter(evaluasi=ev).count() == 1
    assert LogPerubahan.objects.filter(aksi="lke.ajukan").count() == 1


def test_an_incomplete_self_assessment_or_score_is_refused(ev, operator_a, evaluator):
    svc.jawaban_simpan(evaluasi=ev, kriteria_id=ev.jawaban.first().kriteria_id, jawaban="Y",
                       pengguna=operator_a)  # fmt: skip
    with pytest.raises(
        ValidationError, match=r"Belum semua kriteria dijawab: 1\.1\.2, .* dan 69 lainnya"
    ):
        svc.evaluasi_ajukan(evaluasi=ev, pengguna=operator_a)
    _jawab_semua(ev, operator_a)
    svc.evaluasi_ajukan(evaluasi=ev, pengguna=operator_a)
    with pytest.raises(ValidationError, match="Belum semua kriteria dinilai evaluator"):
        svc.evaluasi_kirim(evaluasi=ev, pengguna=evaluator)


def test_the_evaluator_returns_it_to_the_perangkat_daerah(ev, operator_a, evaluator):
    _jawab_semua(ev, operator_a)
    svc.evaluasi_ajukan(evaluasi=ev, pengguna=operator_a)
    ev = svc.evaluasi_kembalikan_pd(evaluasi=ev, pengguna=evaluator, komentar="Lengkapi bukti.")
    assert ev.status == "draf"
    svc.evaluasi_ajukan(evaluasi=ev, pengguna=operator_a)


def test_an_answer_not_on_the_scale_is_refused(ev, operator_a):
    j = ev.jawaban.select_related("kriteria").filter(kriteria__skala="yt").first()
    with pytest.raises(ValidationError, match="Jawaban harus salah satu dari: Y, T"):
        svc.jawaban_simpan(evaluasi=ev, kriteria_id=j.kriteria_id, jawaban="A", pengguna=operator_a)


def test_evidence_links_to_the_perangkat_daerah_own_records(demo, ev, operator_a):
    pilihan = pilihan_bukti(demo["a"], 2024)
    jenis = {p.jenis for p in pilihan}
    assert {"renstra", "pk", "rencana_aksi"} <= jenis
    renstra = next(p for p in pilihan if p.jenis == "renstra")
    k = ev.jawaban.first().kriteria_id
    j = svc.jawaban_simpan(evaluasi=ev, kriteria_id=k, jawaban="Y", bukti=renstra.nilai,
                           pengguna=operator_a)  # fmt: skip
    assert (j.bukti_jenis, j.bukti_ref) == ("renstra", renstra.ref)
    # Bogorejo's Renstra is not Randublatung's evidence.
    asing = next(p for p in pilihan_bukti(demo["b"], 2024) if p.jenis == "renstra")
    with pytest.raises(ValidationError, match="bukan milik perangkat daerah ini"):
        svc.jawaban_simpan(evaluasi=ev, kriteria_id=k, jawaban="Y", bukti=asing.nilai,
                           pengguna=operator_a)  # fmt: skip
    with pytest.raises(ValidationError, match="Tautan harus diawali"):
        svc.jawaban_simpan(evaluasi=ev, kriteria_id=k, jawaban="Y", tautan="javascript:x",
                           pengguna=operator_a)  # fmt: skip
    j = svc.jawaban_simpan(evaluasi=ev, kriteria_id=k, jawaban="Y",
                           tautan="https://blorakab.go.id/sakip", pengguna=operator_a)  # fmt: skip
    assert (j.bukti_jenis, j.bukti_ref) == ("tautan", "https://blorakab.go.id/sakip")


def test_an_uploaded_file_is_checked_as_realisasi_evidence_is(ev, operator_a):
    k = ev.jawaban.first().kriteria_id
    palsu = SimpleUploadedFile("bukti.pdf", b"MZ not a pdf", "application/pdf")
    with pytest.raises(ValidationError, match="Berkas harus PDF, JPG, PNG atau XLSX"):
        svc.jawaban_simpan(evaluasi=ev, kriteria_id=k, jawaban="Y", berkas=palsu,
                           pengguna=operator_a)  # fmt: skip
    pdf = SimpleUploadedFile("../pedoman.PDF", b"%PDF-1.4\n%%EOF\n", "text/plain")
    j = svc.jawaban_simpan(evaluasi=ev, kriteria_id=k, jawaban="Y", berkas=pdf,
                           pengguna=operator_a)  # fmt: skip
    assert (j.berkas_nama, j.berkas_jenis, j.berkas_ukuran) == ("pedoman.pdf", "pdf", 15)
    assert j.berkas.name.startswith("lke/2024/") and j.berkas.name.endswith(".pdf")


def test_one_evaluation_per_year(demo, ev, evaluator):
    with pytest.raises(ValidationError, match="sudah ada"):
        svc.evaluasi_buat(pd=demo["a"], tahun=2024, pengguna=evaluator)


# ---------------------------------------------------------------- screens


def test_the_screens_of_each_role(client, demo, evaluator, operator_a, kepala_a, pengendali):
    client.force_login(evaluator)
    r = client.post("/evaluasi/33.16/lke/", {"perangkat_daerah": "33.16.05", "tahun": "2024"})
    assert r.status_code == 302 and r["Location"] == URL
    ev = EvaluasiLke.objects.get()
    j = ev.jawaban.select_related("kriteria").order_by("pk").first()
    html = client.get(URL).content.decode()
    assert "Penilaian mandiri" in html and "Simpan jawaban" not in html
    # The kepala answers (and uploads a file) on the page.
    client.force_login(kepala_a)
    assert "Simpan jawaban 1.1.1" in client.get(URL).content.decode()
    pdf = SimpleUploadedFile("pedoman.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    r = client.post(f"{URL}jawab/{j.kriteria_id}/", {"jawaban": "Y", "berkas": pdf})
    assert r.status_code == 302 and r["Location"] == f"{URL}#k-{j.kriteria_id}"
    j.refresh_from_db()
    assert j.jawaban == "Y" and client.get(f"{URL}berkas/{j.pk}/").status_code == 200
    # Submitting an incomplete self-assessment: a message, nothing changes.
    r = client.post(f"{URL}ajukan/", follow=True)
    assert "Belum semua kriteria dijawab" in r.content.decode()
    _jawab_semua(ev, operator_a)
    client.force_login(operator_a)
    client.post(f"{URL}ajukan/")
    assert client.post(f"{URL}ajukan/", follow=True).status_code == 200
    assert LangkahEvaluasi.objects.filter(ke="diajukan").count() == 1
    # Only the evaluator scores; only the pengendali teknis approves.
    assert client.post(f"{URL}nilai/{j.kriteria_id}/", {"nilai": "Y"}).status_code == 403
    client.force_login(pengendali)
    assert client.post(f"{URL}nilai/{j.kriteria_id}/", {"nilai": "Y"}).status_code == 403
    client.force_login(evaluator)
    assert "Simpan nilai 1.1.1" in client.get(URL).content.decode()
    client.post(f"{URL}nilai/{j.kriteria_id}/", {"nilai": "T", "komentar": "Belum ada."})
    _nilai_semua(ev, evaluator, "A")
    svc.nilai_simpan(evaluasi=ev, kriteria_id=j.kriteria_id, nilai="T", pengguna=evaluator)
    client.post(f"{URL}kirim/")
    assert client.post(f"{URL}setujui/").status_code == 403
    client.force_login(pengendali)
    assert "Setujui: evaluasi final" in client.get(URL).content.decode()
    client.post(f"{URL}setujui/")
    ev.refresh_from_db()
    # 1.1: 6 × 6/7 = 5,14; everything else full: 99,14 → AA.
    assert (ev.status, ev.nilai, ev.predikat) == ("final", Decimal("99.14"), "AA")
    html = client.get(URL).content.decode()
    assert "terkunci" in html and "99,14" in html and "predikat <strong>AA</strong>" in html
    xlsx = client.get(f"{URL}?xlsx=0")
    assert (
        xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
        and "<form" not in html.split("Kriteria")[1]
    )
    client.force_login(operator_a)
    r = client.post(f"{URL}jawab/{j.kriteria_id}/", {"jawaban": "Y"}, follow=True)
    assert "sudah final dan terkunci" in r.content.decode()


def test_other_pemda_and_perangkat_daerah_are_404(
    client, ev, operator_b, pengendali_lain, evaluator_lain
):
    for u in (operator_b, pengendali_lain, evaluator_lain):
        client.force_login(u)
        assert client.get(URL).status_code == 404
        assert client.post(f"{URL}setujui/").status_code == 404


def test_the_pengendali_teknis_sees_the_pemda_like_an_evaluator(client, demo, ev, pengendali):
    client.force_login(pengendali)
    assert client.get("/evaluasi/33.16/lke/").status_code == 200
    assert client.post("/evaluasi/33.16/lke/", {"perangkat_daerah": "33.16.15",
                                                "tahun": "2024"}).status_code == 403  # fmt: skip
    assert client.get("/evaluasi/33.16/").status_code == 200
    assert client.get("/pd/33.16.15/2024/").status_code == 200
    assert client.get("/pemda/33.16/lke/").status_code == 200


def test_the_home_page_says_which_evaluation_waits_for_whom(
    client, ev, operator_a, evaluator, pengendali, admin_pemda
):
    judul = "Evaluasi AKIP Kecamatan Randublatung tahun 2024"
    client.force_login(operator_a)
    assert judul in client.get("/").content.decode()
    client.force_login(evaluator)
    html = client.get("/").content.decode()
    assert judul not in html and 'href="/evaluasi/33.16/lke/"' in html
    _jawab_semua(ev, operator_a)
    svc.evaluasi_ajukan(evaluasi=ev, pengguna=operator_a)
    assert judul in client.get("/").content.decode()
    client.force_login(pengendali)
    html = client.get("/").content.decode()
    assert judul not in html and 'href="/evaluasi/33.16/lke/"' in html
    client.force_login(admin_pemda)
    assert 'href="/evaluasi/33.16/lke/"' in client.get("/").content.decode()


def test_the_signed_lkjip_of_this_and_last_year_and_realisasi_evidence_are_offered(demo):
    from django.core.files.base import ContentFile

    from kinerja.models import BuktiDukung, Indikator, Realisasi
    from laporan.models import LKjIP
    from tests.laporan.data_alur import simpan_snapshot

    pd = demo["a"]
    s = simpan_snapshot(LKjIP.objects.get(perangkat_daerah=pd, tahun=2024), versi=1,
                        isi=b"%PDF-1.4\n%%EOF\n", halaman=1)  # fmt: skip
    ind = Indikator.objects.filter(renstra__perangkat_daerah=pd).order_by("pk").first()
    r, _ = Realisasi.objects.get_or_create(indikator=ind, tahun=2024, triwulan=2,
                                           defaults={"versi": 0})  # fmt: skip
    b = BuktiDukung(realisasi=r, nama_asli="foto.pdf", ukuran=9, jenis="pdf")
    b.berkas.save("foto.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    b.save()
    ini = {p.nilai: p for p in pilihan_bukti(pd, 2024)}
    assert ini[f"lkjip:{s.pk}"].url == "/pd/33.16.05/2024/lkjip/snapshot/1.pdf"
    assert ini[f"realisasi:{b.pk}"].label.endswith("triwulan 2: foto.pdf")
    depan = {p.nilai for p in pilihan_bukti(pd, 2025)}
    assert f"lkjip:{s.pk}" in depan and f"realisasi:{b.pk}" not in depan
    assert f"lkjip:{s.pk}" not in {p.nilai for p in pilihan_bukti(pd, 2026)}
    assert f"lkjip:{s.pk}" not in {p.nilai for p in pilihan_bukti(demo["b"], 2024)}
