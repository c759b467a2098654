"""Navigation of the perangkat daerah and year being looked at, for templates/base.html."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from kinerja.access import PERAN_INSPEKTORAT, peran

# (label, URL name, takes the year, URL names that make the item active).
MENU_PD = [
    ("Beranda", "pd-beranda", True, ("pd-beranda", "pd-hitung")),
    (
        "Perencanaan",
        "perencanaan-renstra",
        False,
        (
            "perencanaan-renstra",
            "perencanaan-program",
            "perencanaan-indikator",
            "perencanaan-indikator-ubah",
        ),
    ),
    (
        "Perjanjian Kinerja",
        "perencanaan-pk",
        True,
        (
            "perencanaan-pk",
            "perencanaan-pk-ubah",
            "perencanaan-pk-berjenjang",
            "perencanaan-rencana-aksi",
            "pejabat-pd",
            "pejabat-pd-ubah",
            "pk-berjenjang-baru",
            "pk-berjenjang-ubah",
        ),
    ),
    ("Realisasi", "realisasi-triwulan", True, ("realisasi-triwulan",)),
    (
        "Anggaran",
        "anggaran-ringkasan",
        True,
        ("anggaran-ringkasan", "anggaran-dpa", "anggaran-realisasi"),
    ),
    ("SKM dan pembanding", "skm-daftar", True, ("skm-daftar", "skm-ubah", "pembanding")),
    ("SDM dan sarpras", "lkjip-sumber-daya", True, ("lkjip-sumber-daya",)),
    ("Tindak lanjut LHE", "tindak-lanjut", False, ("tindak-lanjut",)),
    ("Riwayat", "riwayat-pd", False, ("riwayat-pd", "riwayat-objek")),
    (
        "LKjIP",
        "lkjip-editor",
        True,
        ("lkjip-editor", "lkjip-kesiapan", "lkjip-pratinjau"),
    ),
]
# Routes whose <kode> is not a perangkat daerah.
BUKAN_PD = ("pemda/", "evaluasi/", "verifikasi/")
MENU_PEMDA = [
    ("Aturan capaian", "pemda-aturan"),
    ("Perangkat daerah", "pemda-perangkat-daerah"),
    ("Pengguna", "pemda-pengguna"),
    ("Tenggat laporan", "pemda-tenggat"),
    ("Pejabat daerah", "pemda-pejabat"),
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
    if kode and match and not match.route.startswith(BUKAN_PD):
        tahun = tahun or request.GET.get("tahun")
        if tahun and not str(tahun).isdigit():
            tahun = None
        for label, nama, pakai_tahun, aktif in MENU_PD:
            args = {"kode": kode}
            if pakai_tahun:
                if not tahun:
                    continue
                args["tahun"] = tahun
            if nama == "realisasi-triwulan":
                args["triwulan"] = kwargs.get("triwulan", 1)
            url = _url(nama, **args)
            if url:
                if tahun and not pakai_tahun:
                    # Pages without a year in their URL keep it in the query.
                    url = f"{url}?tahun={tahun}"
                menu.append({"label": label, "url": url, "aktif": match.url_name in aktif})
    menu_pemda = []
    p = peran(request.user) if hasattr(request, "user") else None
    di_halaman_pemda = bool(match and match.route.startswith("pemda/"))
    evaluasi = kabupaten = None
    if p is not None and p.jenis in (*PERAN_INSPEKTORAT, p.Jenis.ADMIN_PEMDA):
        evaluasi = _url("evaluasi-daftar", kode=p.pemda.kode)
        kabupaten = _url("evaluasi-kabupaten-awal", kode=p.pemda.kode)
    # The admin pemda pages carry their own tabs; elsewhere these links lead there.
    if p is not None and p.jenis == p.Jenis.ADMIN_PEMDA and not di_halaman_pemda:
        for label, nama in MENU_PEMDA:
            url = _url(nama, kode=p.pemda.kode)
            if url:
                menu_pemda.append({"label": label, "url": url})
    return {
        "menu_pd": menu,
        "menu_pemda": menu_pemda,
        "url_evaluasi": evaluasi,
        "url_kabupaten": kabupaten,
    }
