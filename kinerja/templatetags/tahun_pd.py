"""Template parts of the years of a perangkat daerah: "year not open" and the year selector.

Tags, so that the pages of every layer can show them without their views asking
for the year register (``kinerja.selectors.tahun``) themselves.
"""

from __future__ import annotations

from django import template
from django.db.models import Value
from django.urls import NoReverseMatch, reverse

from kinerja.access import boleh_buka_tahun, perangkat_daerah_terlihat
from kinerja.models import PerangkatDaerah, Renstra, Tahun
from kinerja.selectors.tahun import buka_tahun_context, tahun_dibuka
from kinerja.services.perencanaan.periode import dalam_jangkauan, renstra_tahun

register = template.Library()

# Pages of a year that exist in every year: the selector keeps the page, with the other year.
HALAMAN_TAHUNAN = {
    "pd-beranda",
    "pd-hitung",
    "perencanaan-pk",
    "perencanaan-pk-berjenjang",
    "perencanaan-rencana-aksi",
    "anggaran-ringkasan",
    "lkjip-editor",
    "lkjip-kesiapan",
    "lkjip-pratinjau",
    "realisasi-triwulan",
}
# Routes whose <kode> is not a perangkat daerah.
BUKAN_PD = ("pemda/", "evaluasi/", "verifikasi/")


def _pengguna(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.inclusion_tag("kinerja/_tahun_belum_dibuka.html", takes_context=True)
def tahun_belum_dibuka(context, pd: PerangkatDaerah, tahun: int) -> dict:
    """Why the year has no data yet and, for the operator and the admin pemda, the form that
    opens it; for a year outside every Renstra period, the way to a new Renstra."""
    user = _pengguna(context)
    renstra = renstra_tahun(pd, tahun)
    periode = [
        f"{r.mulai}–{r.selesai}"
        for r in Renstra.objects.filter(perangkat_daerah=pd).order_by("mulai")
    ]
    return {
        "pd": pd,
        "tahun": tahun,
        "dibuka": tahun_dibuka(pd, tahun),
        "renstra": renstra,
        "periode": ", ".join(periode),
        "boleh_buka": boleh_buka_tahun(user, pd),
        # What the apps above kinerja add to the form (anggaran: "ada_dpa_lalu").
        **buka_tahun_context(pd, tahun),
        "csrf_token": context.get("csrf_token"),
    }


def _url_tahun(match, kode: str, tahun: int, path: str) -> str:
    """The same page in another year when it exists every year, else the dashboard."""
    nama = match.url_name if match else ""
    if match and "tahun" in match.kwargs and nama in HALAMAN_TAHUNAN:
        try:
            return reverse(nama, kwargs={**match.kwargs, "tahun": tahun})
        except NoReverseMatch:
            pass
    if match and "tahun" not in match.kwargs:
        # Pages without a year in their address keep it in the query.
        return f"{path}?tahun={tahun}"
    return reverse("pd-beranda", kwargs={"kode": kode, "tahun": tahun})


@register.inclusion_tag("kinerja/_pilih_tahun.html", takes_context=True)
def pilih_tahun(context) -> dict:
    """The open years of the perangkat daerah of the page, and the next year to open."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    kode = match.kwargs.get("kode") if match else None
    if not kode or match.route.startswith(BUKAN_PD):
        return {"tahun": []}
    pd = context.get("pd")
    if not isinstance(pd, PerangkatDaerah) or pd.kode != kode:
        # The page's view checked access to its own "pd"; anything else is checked here.
        pd = perangkat_daerah_terlihat(_pengguna(context)).filter(kode=kode).first()
    if pd is None:
        return {"tahun": []}
    kini = match.kwargs.get("tahun") or request.GET.get("tahun", "")
    kini = int(kini) if str(kini).isdigit() else None
    # One query on every page of a perangkat daerah: the open years as (tahun, 0) and the
    # Renstra periods as (mulai, selesai), which never end at 0.
    baris = (
        Tahun.objects.filter(perangkat_daerah=pd)
        .order_by()
        .values_list("tahun", Value(0))
        .union(
            Renstra.objects.filter(perangkat_daerah=pd).order_by().values_list("mulai", "selesai")
        )
    )
    terbuka, periode = [], []
    for a, b in baris:
        if b:
            periode.append((a, b))
        else:
            terbuka.append(a)
    terbuka.sort()
    daftar = [
        {"tahun": t, "url": _url_tahun(match, kode, t, request.path), "aktif": t == kini}
        for t in terbuka
    ]
    berikut = (max(terbuka) + 1) if terbuka else None
    baru = None
    if berikut is not None and dalam_jangkauan(berikut, periode):
        baru = {
            "tahun": berikut,
            "url": reverse("perencanaan-pk", kwargs={"kode": kode, "tahun": berikut}),
            "aktif": berikut == kini,
        }
    return {"tahun": daftar, "baru": baru}
