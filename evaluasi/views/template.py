"""The pemda's LKE worksheet versions: list, one version, and the Admin pemda's edits."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from evaluasi.access import get_pemda_lke_for_user
from evaluasi.forms import KriteriaForm, SubKomponenForm
from evaluasi.models import KriteriaLke, SubKomponenLke, TemplateLke
from evaluasi.selectors import lembar, template_dipakai
from evaluasi.services import template as svc
from evaluasi.tables import tabel_template, tabel_versi
from kinerja.access import PESAN_BUKAN_ADMIN
from kinerja.engine.lke import periksa_lembar


def _pemda(request: HttpRequest, kode: str, *, kelola: bool = False):
    pemda, boleh = get_pemda_lke_for_user(request.user, kode)
    if kelola and not boleh:
        raise PermissionDenied(PESAN_BUKAN_ADMIN)
    return pemda, boleh


def _versi(pemda, versi: int) -> TemplateLke:
    t = TemplateLke.objects.filter(pemda=pemda, versi=versi).first()
    if t is None:
        raise Http404("Versi template LKE tidak ditemukan.")
    return t


def _url_versi(t: TemplateLke) -> str:
    return reverse("lke-template", kwargs={"kode": t.pemda.kode, "versi": t.versi})


@require_http_methods(["GET", "HEAD", "POST"])
def template_daftar(request: HttpRequest, kode: str) -> HttpResponse:
    """GET: the versions; POST (admin pemda): load the default version when there is none."""
    pemda, kelola = _pemda(request, kode, kelola=request.method == "POST")
    if request.method == "POST":
        t = svc.template_bawaan_muat(pemda, request.user)
        return redirect(_url_versi(t))
    daftar = []
    for t in TemplateLke.objects.filter(pemda=pemda).order_by("-versi"):
        masalah = periksa_lembar(lembar(t))
        daftar.append(
            {
                "versi": t.versi,
                "url": _url_versi(t),
                "nama": t.nama,
                "dari": f"versi {t.dari_versi}" if t.dari_versi else "data bawaan",
                "dipakai": t.evaluasi.count(),
                "masalah": " ".join(masalah) or "Bobot sah",
            }
        )
    ctx = {"pemda": pemda, "kelola": kelola, "tabel": tabel_versi(daftar), "ada": bool(daftar)}
    return render(request, "evaluasi/template_daftar.html", ctx)


def _baris(t: TemplateLke, kelola: bool) -> list[dict]:
    nama_skala = {k: v.get("nama", k) for k, v in t.skala.items()}
    baris = []
    kw = {"kode": t.pemda.kode, "versi": t.versi}
    for komp in t.komponen.prefetch_related("sub__kriteria").order_by("nomor"):
        baris.append({"kode": str(komp.nomor), "uraian": komp.nama, "bobot": komp.bobot,
                      "tingkat": 0})  # fmt: skip
        for s in sorted(komp.sub.all(), key=lambda s: s.nomor):
            url = reverse("lke-sub-ubah", kwargs={**kw, "pk": s.pk}) if kelola else None
            baris.append({"kode": f"{komp.nomor}.{s.nomor}", "uraian": s.nama, "bobot": s.bobot,
                          "tingkat": 1, "url": url})  # fmt: skip
            for k in sorted(s.kriteria.all(), key=lambda k: k.nomor):
                url = reverse("lke-kriteria-ubah", kwargs={**kw, "pk": k.pk}) if kelola else None
                baris.append(
                    {
                        "kode": f"{komp.nomor}.{s.nomor}.{k.nomor}",
                        "uraian": k.uraian,
                        "skala": nama_skala.get(k.skala, k.skala),
                        "bobot": k.bobot,
                        "tingkat": 2,
                        "url": url,
                    }  # fmt: skip
                )
    return baris


def template_lihat(request: HttpRequest, kode: str, versi: int) -> HttpResponse:
    pemda, kelola = _pemda(request, kode)
    t = _versi(pemda, versi)
    subs = SubKomponenLke.objects.filter(komponen__template=t).select_related("komponen")
    ctx = {
        "pemda": pemda,
        "template": t,
        "kelola": kelola,
        "dipakai": template_dipakai(t),
        "masalah": periksa_lembar(lembar(t)),
        "tabel": tabel_template(t, _baris(t, kelola)),
        "skala": t.skala,
        "tambah": [
            (
                f"{s.komponen.nomor}.{s.nomor}",
                reverse("lke-kriteria-tambah", kwargs={"kode": kode, "versi": versi, "pk": s.pk}),
            )  # fmt: skip
            for s in subs.order_by("komponen__nomor", "nomor")
        ]
        if kelola
        else [],
    }
    return render(request, "evaluasi/template.html", ctx)


@require_POST
def template_salin(request: HttpRequest, kode: str, versi: int) -> HttpResponse:
    pemda, _ = _pemda(request, kode, kelola=True)
    baru = svc.template_salin(template=_versi(pemda, versi), pengguna=request.user)
    messages.success(request, f"Versi {baru.versi} dibuat sebagai salinan versi {versi}.")
    return redirect(_url_versi(baru))


def _pesan_versi(request, t_lama: TemplateLke, t_baru: TemplateLke, apa: str) -> None:
    if t_baru.pk != t_lama.pk:
        messages.info(
            request,
            f"Versi {t_lama.versi} sudah dipakai evaluasi dan tidak diubah; {apa} disimpan "
            f"pada versi baru {t_baru.versi}.",
        )
    else:
        messages.success(request, f"{apa[0].upper()}{apa[1:]} disimpan.")


def _form_post(request, form, simpan, t: TemplateLke, apa: str):
    if form.is_valid():
        try:
            hasil = simpan(form.cleaned_data)
        except ValidationError as e:
            for kolom, pesan in e.message_dict.items():
                form.add_error(kolom if kolom in form.fields else None, pesan)
        else:
            baru = (
                hasil.sub.komponen.template
                if isinstance(hasil, KriteriaLke)
                else (hasil.komponen.template)
            )
            _pesan_versi(request, t, baru, apa)
            return redirect(_url_versi(baru))
    return None


@require_http_methods(["GET", "HEAD", "POST"])
def kriteria_ubah(request: HttpRequest, kode: str, versi: int, pk: int) -> HttpResponse:
    pemda, _ = _pemda(request, kode, kelola=True)
    t = _versi(pemda, versi)
    k = (
        KriteriaLke.objects.filter(pk=pk, sub__komponen__template=t)
        .select_related("sub__komponen")
        .first()
    )
    if k is None:
        raise Http404("Kriteria tidak ditemukan.")
    awal = {"uraian": k.uraian, "skala": k.skala, "bobot": str(k.bobot.normalize())}
    form = KriteriaForm(request.POST or None, initial=awal, skala=t.skala)
    if request.method == "POST":
        r = _form_post(
            request, form,
            lambda d: svc.kriteria_ubah(kriteria=k, pengguna=request.user, **d),
            t, "perubahan kriteria",
        )  # fmt: skip
        if r:
            return r
    judul = f"Ubah kriteria {k.sub.komponen.nomor}.{k.sub.nomor}.{k.nomor}"
    return _halaman_form(request, pemda, t, form, judul)


@require_http_methods(["GET", "HEAD", "POST"])
def kriteria_tambah(request: HttpRequest, kode: str, versi: int, pk: int) -> HttpResponse:
    pemda, _ = _pemda(request, kode, kelola=True)
    t = _versi(pemda, versi)
    s = SubKomponenLke.objects.filter(pk=pk, komponen__template=t).select_related("komponen")
    s = s.first()
    if s is None:
        raise Http404("Subkomponen tidak ditemukan.")
    form = KriteriaForm(request.POST or None, skala=t.skala)
    if request.method == "POST":
        r = _form_post(
            request, form,
            lambda d: svc.kriteria_tambah(sub=s, pengguna=request.user, **d),
            t, "kriteria baru",
        )  # fmt: skip
        if r:
            return r
    judul = f"Tambah kriteria pada subkomponen {s.komponen.nomor}.{s.nomor}"
    return _halaman_form(request, pemda, t, form, judul)


@require_http_methods(["GET", "HEAD", "POST"])
def sub_ubah(request: HttpRequest, kode: str, versi: int, pk: int) -> HttpResponse:
    pemda, _ = _pemda(request, kode, kelola=True)
    t = _versi(pemda, versi)
    s = SubKomponenLke.objects.filter(pk=pk, komponen__template=t).select_related("komponen")
    s = s.first()
    if s is None:
        raise Http404("Subkomponen tidak ditemukan.")
    awal = {"nama": s.nama, "bobot": str(s.bobot.normalize())}
    form = SubKomponenForm(request.POST or None, initial=awal)
    if request.method == "POST":
        r = _form_post(
            request, form,
            lambda d: svc.sub_ubah(sub=s, pengguna=request.user, **d),
            t, "perubahan subkomponen",
        )  # fmt: skip
        if r:
            return r
    judul = f"Ubah subkomponen {s.komponen.nomor}.{s.nomor}"
    return _halaman_form(request, pemda, t, form, judul)


def _halaman_form(request, pemda, t: TemplateLke, form, judul: str) -> HttpResponse:
    ctx = {
        "pemda": pemda,
        "template": t,
        "form": form,
        "judul": judul,
        "dipakai": template_dipakai(t),
        "url_kembali": _url_versi(t),
    }
    return render(request, "evaluasi/template_form.html", ctx, status=400 if form.errors else 200)
