"""Navigation of the perangkat daerah and year being looked at, for templates/base.html."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from kinerja.access import peran

# (label, URL name, takes the year). A screen not (yet) present is left out.
MENU_PD = [
    ("Beranda", "pd-beranda", True),
    ("Perencanaan", "perencanaan-renstra", False),
    ("Perjanjian Kinerja", "perencanaan-pk", True),
    ("Realisasi", "realisasi-triwulan", True),
    ("Anggaran", "anggaran-ringkasan", True),
    ("Riwayat", "riwayat-pd", False),
]
MENU_PEMDA = [
    ("Aturan pemda", "pemda-aturan"),
    ("Perangkat daerah", "pemda-perangkat-daerah"),
    ("Pengguna", "pemda-pengguna"),
]


def _url(nama: str, **kwargs) -> str | None:
    try:
        return reverse(nama, kwargs=kwargs)
    except NoReverseMatch:
        return None


def navigasi(request) -> dict:
    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match else {}
    menu = []
    kode, tahun = kwargs.get("kode"), kwargs.get("tahun")
    if kode and match and not match.route.startswith("pemda/"):
        tahun = tahun or request.GET.get("tahun")
        for label, nama, pakai_tahun in MENU_PD:
            args = {"kode": kode}
            if pakai_tahun:
                if not tahun:
                    continue
                args["tahun"] = tahun
            if nama == "realisasi-triwulan":
                args["triwulan"] = 1
            url = _url(nama, **args)
            if url:
                menu.append(
                    {
                        "label": label,
                        "url": url,
                        "aktif": match.url_name == nama
                        or (match.url_name or "").split("-")[0] == nama.split("-")[0],
                    }
                )
    menu_pemda = []
    p = peran(request.user) if hasattr(request, "user") else None
    if p is not None and p.jenis == p.Jenis.ADMIN_PEMDA:
        for label, nama in MENU_PEMDA:
            url = _url(nama, kode=p.pemda.kode)
            if url:
                menu_pemda.append({"label": label, "url": url})
    return {"menu_pd": menu, "menu_pemda": menu_pemda}
