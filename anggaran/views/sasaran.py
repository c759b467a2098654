"""The budget a report states per sasaran: pagu and realisasi matching no program."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from anggaran.forms import FormJumlah, Isian
from anggaran.models import AnggaranSasaran
from anggaran.selectors import sasaran_tahun
from anggaran.services.sasaran import JENIS_ANGKA, BarisAnggaranSasaran, anggaran_sasaran_simpan
from anggaran.views.common import tahun_ada
from kinerja.access import PESAN_HANYA_BACA, get_perangkat_daerah_for_user
from kinerja.engine.penyerapan import penyerapan
from kinerja.forms.errors import add_service_errors
from kinerja.services.kunci import pastikan_tahun_terbuka
from kinerja.views.tahun import halaman_tahun_belum_dibuka

LABEL = {"pagu": "Pagu", "realisasi": "Realisasi"}


def _kunci(jenis: str, sasaran_id: int) -> str:
    return f"{jenis}-{sasaran_id}"


@require_http_methods(["GET", "POST"])
def anggaran_sasaran(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, rw = get_perangkat_daerah_for_user(request.user, kode)
    if request.method == "POST" and not rw:
        raise PermissionDenied(PESAN_HANYA_BACA)
    if not tahun_ada(pd, tahun):
        return halaman_tahun_belum_dibuka(request, pd, tahun, judul="Anggaran per sasaran")
    sasaran = sasaran_tahun(pd, tahun)
    tersimpan = {
        a.sasaran_id: a
        for a in AnggaranSasaran.objects.filter(
            perangkat_daerah=pd, tahun=tahun, sasaran__in=sasaran
        )
    }

    def nilai(jenis: str, sasaran_id: int):
        row = tersimpan.get(sasaran_id)
        return getattr(row, jenis) if row is not None else None

    isian = [
        Isian(
            kunci=_kunci(jenis, s.pk),
            label=f"{LABEL[jenis]} sasaran {s.kode}",
            jumlah=nilai(jenis, s.pk),
            dimuat={"awal": nilai(jenis, s.pk)},
        )
        for s in sasaran
        for jenis in JENIS_ANGKA
    ]
    form = FormJumlah(request.POST if request.method == "POST" else None, isian=isian)
    if form.is_bound and form.is_valid():
        baris = [
            BarisAnggaranSasaran(
                kunci=_kunci(jenis, s.pk),
                sasaran_id=s.pk,
                jenis=jenis,
                dimuat=form.dimuat("awal", _kunci(jenis, s.pk)),
                baru=form.cleaned_data[_kunci(jenis, s.pk)],
            )
            for s in sasaran
            for jenis in JENIS_ANGKA
        ]
        try:
            berubah = anggaran_sasaran_simpan(
                pd=pd, tahun=tahun, baris=baris, pengguna=request.user
            )
        except ValidationError as e:
            add_service_errors(form, e)
            ditolak = getattr(e, "error_dict", {})
            for s in sasaran:
                for jenis in JENIS_ANGKA:
                    k = _kunci(jenis, s.pk)
                    if k in ditolak:
                        row = AnggaranSasaran.objects.filter(
                            perangkat_daerah=pd, tahun=tahun, sasaran=s
                        ).first()
                        form.perbarui_dimuat("awal", k, getattr(row, jenis) if row else None)
        else:
            if berubah:
                messages.success(
                    request,
                    f"Anggaran per sasaran tahun {tahun} disimpan ({berubah} angka diubah).",
                )
            else:
                messages.info(request, "Tidak ada angka yang berubah.")
            return redirect("anggaran-sasaran", pd.kode, tahun)

    alasan_kunci = None
    try:
        pastikan_tahun_terbuka(pd, tahun)
    except ValidationError as e:
        alasan_kunci = " ".join(e.messages)
    baris_tampil = [
        {
            "kode": s.kode,
            "uraian": s.uraian,
            "pagu": form[_kunci("pagu", s.pk)],
            "awal_pagu": form[f"awal-{_kunci('pagu', s.pk)}"],
            "realisasi": form[_kunci("realisasi", s.pk)],
            "awal_realisasi": form[f"awal-{_kunci('realisasi', s.pk)}"],
            "penyerapan": penyerapan(nilai("pagu", s.pk), nilai("realisasi", s.pk)),
        }
        for s in sasaran
    ]
    ctx = {
        "page": "anggaran",
        "pd": pd,
        "tahun": tahun,
        "rw": rw,
        "boleh_ubah": rw and alasan_kunci is None,
        "alasan_kunci": alasan_kunci,
        "form": form,
        "baris": baris_tampil,
    }
    return render(request, "anggaran/sasaran.html", ctx)
