"""The LHE (Laporan Hasil Evaluasi) of a final evaluation as a PDF in the archival form of
the LKjIP: the same print stylesheet, the stamp with the QR code of the public
verification page laid under every page, PDF/A metadata with the evaluation's data
embedded, the file's SHA-256 stored in a ``laporan.SnapshotLHE`` row.

It is printed once, the first time it is asked for (a final evaluation never changes),
and the stored file is served from then on.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from evaluasi.models import EvaluasiLke, LangkahEvaluasi
from evaluasi.selectors import hasil
from evaluasi.tables import tabel_lhe
from kinerja.audit import catat_perubahan, nama_pengguna
from kinerja.engine.lke import predikat_lke
from laporan.cetak import cetak_single_process
from laporan.cetak_arsip import Arsip
from laporan.models import Rekomendasi, SnapshotLHE
from laporan.pdf import CSS_RELATIVE
from laporan.qr import qr_png_data_uri
from lib.format import format_angka, format_tanggal, format_waktu

TEMPLATE = "evaluasi/lhe.html"
PESAN_BELUM_FINAL = "LHE dicetak setelah evaluasi final."


@dataclass(frozen=True)
class StempelLhe:
    kode_isi: str
    url_verifikasi: str
    keterangan: str


def _penyetuju(e: EvaluasiLke) -> str:
    langkah = (
        LangkahEvaluasi.objects.filter(evaluasi=e, ke=EvaluasiLke.Status.FINAL)
        .select_related("pengguna")
        .order_by("-waktu", "-id")
        .first()
    )
    return nama_pengguna(langkah.pengguna) if langkah and langkah.pengguna else "pengendali teknis"


def _nama(e: EvaluasiLke) -> dict[str, str]:
    nama = {}
    for k in e.template.komponen.prefetch_related("sub"):
        nama[str(k.nomor)] = k.nama
        nama |= {f"{k.nomor}.{s.nomor}": s.nama for s in k.sub.all()}
    return nama


def konteks(e: EvaluasiLke) -> dict:
    """What the LHE prints: identity, score and predicate, the components and
    sub-components with their scores, the recommendations."""
    h = hasil(e, evaluator=True)
    band = predikat_lke(e.nilai)
    return {
        "e": e,
        "pd": e.perangkat_daerah,
        "pemda": e.perangkat_daerah.pemda,
        "nilai": format_angka(e.nilai, 2),
        "predikat": e.predikat,
        "keterangan_predikat": getattr(band, "keterangan", ""),
        "tabel": tabel_lhe(h, _nama(e)),
        "rekomendasi": list(Rekomendasi.objects.filter(evaluasi_id=e.pk).order_by("urutan")),
        "tanggal_final": format_tanggal(timezone.localtime(e.final_pada).date()),
        "css": CSS_RELATIVE,
        # Printed by CSS (@page content), inside <style>: no quotes, backslashes or tags.
        "kepala_halaman": re.sub(
            r'["\\<>\n]', "", f"LHE AKIP {e.perangkat_daerah.nama} Tahun {e.tahun}"
        ),
    }


def render_lhe(e: EvaluasiLke, stempel: StempelLhe | None = None) -> str:
    ctx = konteks(e) | {
        "stempel": stempel,
        "qr_png": qr_png_data_uri(stempel.url_verifikasi) if stempel else "",
    }
    return render_to_string(TEMPLATE, ctx)


def _arsip(e: EvaluasiLke, ctx: dict) -> Arsip:
    data = {
        "perangkat_daerah": e.perangkat_daerah.kode,
        "tahun": e.tahun,
        "template_versi": e.template.versi,
        "jawaban": {
            f"{j.kriteria.sub.komponen.nomor}.{j.kriteria.sub.nomor}.{j.kriteria.nomor}": {
                "mandiri": j.jawaban,
                "evaluator": j.nilai_evaluator,
            }
            for j in e.jawaban.select_related("kriteria__sub__komponen")
        },
        "rekomendasi": [r.teks for r in ctx["rekomendasi"]],
    }
    skor = {"nilai": str(e.nilai), "predikat": e.predikat}
    return Arsip(
        judul=f"LHE AKIP {e.perangkat_daerah.nama} Tahun {e.tahun}",
        penulis=e.perangkat_daerah.pemda.nama,
        paket_json=(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n").encode(),
        hitung_json=(json.dumps(skor, sort_keys=True) + "\n").encode(),
    )


@transaction.atomic
def lhe_cetak(
    *, evaluasi: EvaluasiLke, alamat_verifikasi: Callable[[str], str], pengguna
) -> SnapshotLHE:
    """The LHE of a final evaluation: its stored PDF, printed the first time."""
    e = EvaluasiLke.objects.select_for_update(of=("self",)).get(pk=evaluasi.pk)
    if e.status != EvaluasiLke.Status.FINAL:
        raise ValidationError(PESAN_BELUM_FINAL)
    ada = SnapshotLHE.objects.filter(evaluasi_id=e.pk).first()
    if ada is not None:
        return ada
    e = EvaluasiLke.objects.select_related("perangkat_daerah__pemda", "template").get(pk=e.pk)
    kode = hashlib.sha256(render_lhe(e).encode("utf-8")).hexdigest()
    sekarang = timezone.now()
    stempel = StempelLhe(
        kode_isi=kode,
        url_verifikasi=alamat_verifikasi(kode),
        keterangan=(
            f"Evaluasi final disetujui oleh {_penyetuju(e)} pada {format_waktu(e.final_pada)} "
            f"WIB; dicetak {format_waktu(sekarang)} WIB"
        ),
    )
    html = render_lhe(e, stempel)
    hasil_cetak, _ = cetak_single_process(
        html, os.fspath(settings.BASE_DIR), arsip=_arsip(e, konteks(e))
    )
    pdf = hasil_cetak.pdf
    s = SnapshotLHE(
        perangkat_daerah=e.perangkat_daerah,
        tahun=e.tahun,
        evaluasi_id=e.pk,
        nilai=e.nilai,
        predikat=e.predikat,
        sha256=hashlib.sha256(pdf).hexdigest(),
        kode_isi=kode,
        halaman=hasil_cetak.halaman,
        ukuran=len(pdf),
        dibuat_pada=sekarang,
        keterangan=stempel.keterangan[:300],
    )
    s.berkas.save("lhe.pdf", ContentFile(pdf), save=False)
    s.save()
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=e.perangkat_daerah,
        aksi="lke.lhe_cetak",
        objek=s,
        uraian=f"LHE {e.perangkat_daerah.nama} tahun {e.tahun}",
        tahun=e.tahun,
        data={"sha256": s.sha256, "kode_isi": kode, "halaman": s.halaman},
    )
    return s
