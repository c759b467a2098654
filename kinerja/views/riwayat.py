"""The audit trail: every recorded change of a perangkat daerah, and the history of one object."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from kinerja.access import get_perangkat_daerah_for_user
from kinerja.audit import format_waktu, nama_pengguna
from kinerja.models import LogPerubahan
from kinerja.selectors.tahun import tahun_list
from kinerja.tables import tabel_riwayat
from lib.format import ROMAWI_TRIWULAN as ROMAWI
from lib.format import format_angka_alami, format_rupiah

PER_HALAMAN = 50

# Action codes written by the services (kinerja.audit.catat_perubahan) → Indonesian.
LABEL_AKSI = {
    "paket.impor": "Paket data diimpor",
    "paket.ekspor": "Paket data diekspor",
    "renstra.buat": "Renstra periode baru dibuat",
    "renstra.revisi_buka": "Revisi Renstra dibuka",
    "renstra.revisi_tutup": "Revisi Renstra diselesaikan",
    "indikator.buat": "Indikator ditambahkan",
    "indikator.ubah": "Indikator diubah",
    "indikator.hapus": "Indikator dihapus",
    "target_tahunan.ubah": "Target tahunan Renstra diubah",
    "riwayat_indikator.buat": "Realisasi tahun sebelumnya ditambahkan",
    "riwayat_indikator.ubah": "Realisasi tahun sebelumnya diubah",
    "riwayat_indikator.hapus": "Realisasi tahun sebelumnya dihapus",
    "target.ubah": "Target diubah",
    "target_pk.ubah": "Target Perjanjian Kinerja diubah",
    "anggaran_pk.ubah": "Anggaran program Perjanjian Kinerja diubah",
    "perjanjian_kinerja.ubah": "Perjanjian Kinerja diubah",
    "perjanjian_kinerja.buat_perubahan": "Perjanjian Kinerja perubahan dibuat",
    "rencana_aksi.ubah": "Target triwulan (Rencana Aksi) diubah",
    "realisasi.ubah": "Realisasi diubah",
    "realisasi.catatan": "Catatan realisasi diubah",
    "catatan.ubah": "Catatan diubah",
    "bukti.unggah": "Bukti dukung diunggah",
    "bukti.hapus": "Bukti dukung dihapus",
    "pagu.ubah": "Pagu diubah",
    "pagu_jenis_belanja.ubah": "Pagu jenis belanja diubah",
    "dpa.buat": "DPA dibuat",
    "salinan_pagu.diperiksa": "Salinan pagu DPA diperiksa",
    "tahun.buka": "Tahun dibuka",
    "lkjip.buat": "LKjIP dibuat",
    "perjanjian_kinerja.buat_draf": "Draf Perjanjian Kinerja dibuat",
    "rencana_aksi.usulan": "Target triwulan (Rencana Aksi) diusulkan",
    "realisasi_anggaran.ubah": "Realisasi anggaran diubah",
    "realisasi_anggaran.ganti_tahunan": "Realisasi anggaran tahunan diganti rincian triwulan",
    "triwulan.ajukan": "Triwulan diajukan",
    "triwulan.setujui": "Triwulan disetujui",
    "triwulan.kembalikan": "Triwulan dikembalikan",
    "triwulan.buka": "Triwulan dibuka kembali",
    "lkjip.ajukan": "LKjIP diajukan",
    "lkjip.tetapkan": "LKjIP ditetapkan",
    "lkjip.buka": "LKjIP dibuka kembali",
    "narasi.ubah": "Narasi LKjIP diubah",
    "temuan.penjelasan": "Penjelasan temuan konsistensi data diubah",
    "aturan_tahun.tetapkan": "Aturan perhitungan tahun disimpan saat penetapan",
    "aturan_tahun.lepas": "Tahun dihitung ulang dengan aturan pemda terbaru",
    "aturan.ubah": "Aturan pemda diubah",
    "pemda.tenggat_ubah": "Tenggat laporan triwulan diubah",
    "skm.tambah": "Hasil SKM ditambahkan",
    "skm.ubah": "Hasil SKM diubah",
    "skm.hapus": "Hasil SKM dihapus",
    "pembanding.tambah": "Nilai pembanding ditambahkan",
    "pembanding.ubah": "Nilai pembanding diubah",
    "pembanding.hapus": "Nilai pembanding dihapus",
    "skala.ubah": "Skala predikat diubah",
    "perangkat_daerah.buat": "Perangkat daerah ditambahkan",
    "perangkat_daerah.ubah": "Perangkat daerah diubah",
    "pembanding_pd.ubah": "Perangkat daerah pembanding diubah",
    "pengguna.buat": "Pengguna ditambahkan",
    "pengguna.ubah": "Pengguna diubah",
    "pengguna.nonaktif": "Pengguna dinonaktifkan",
    "pejabat.tambah": "Pejabat ditambahkan",
    "pejabat.ubah": "Pejabat diubah",
    "pejabat.hapus": "Pejabat dihapus",
    "pejabat.salin_tahun": "Pejabat disalin dari tahun lain",
    "pk_berjenjang.buat": "PK berjenjang dibuat",
    "pk_berjenjang.ubah": "PK berjenjang diubah",
    "pk_berjenjang.hapus": "PK berjenjang dihapus",
}

# Model labels (LogPerubahan.objek_tipe) → what the object is called on screen.
LABEL_TIPE = {
    "kinerja.realisasi": "Realisasi indikator",
    "kinerja.indikator": "Indikator",
    "kinerja.targettahunan": "Target tahunan Renstra",
    "kinerja.riwayatindikator": "Realisasi tahun sebelumnya",
    "kinerja.targetpk": "Target Perjanjian Kinerja",
    "kinerja.anggaranprogrampk": "Anggaran program Perjanjian Kinerja",
    "kinerja.perjanjiankinerja": "Perjanjian Kinerja",
    "kinerja.rencanaaksi": "Rencana Aksi",
    "kinerja.statustriwulan": "Status triwulan",
    "kinerja.perangkatdaerah": "Perangkat daerah",
    "anggaran.pagu": "Pagu",
    "anggaran.pagujenisbelanja": "Pagu jenis belanja",
    "anggaran.realisasianggaran": "Realisasi anggaran",
    "anggaran.dpa": "DPA",
    "laporan.lkjip": "LKjIP",
    "kinerja.hasilskm": "Hasil SKM",
    "kinerja.nilaipembanding": "Nilai pembanding",
    "kinerja.aturantahun": "Aturan perhitungan tahun",
    "kinerja.penjelasantemuan": "Penjelasan temuan",
}

LABEL_KUNCI = {
    "nilai": "nilai",
    "label": "label",
    "catatan": "catatan",
    "bukti": "bukti dukung",
    "pembilang": "pembilang",
    "penyebut": "penyebut",
    "jumlah": "jumlah",
    "status": "status",
    "komentar": "komentar",
    "target": "target",
    "target_akhir": "target akhir",
    "indikator": "indikator",
    "triwulan": "triwulan",
    "tahun": "tahun",
    "versi": "versi",
    "periode": "periode",
    "responden": "jumlah responden",
    "sumber": "sumber",
    "tenggat_hari_kerja": "tenggat (hari kerja)",
    "revisi_renstra": "revisi Renstra ke-",
    "salin_dari": "struktur disalin dari Renstra",
    "alasan": "alasan",
    "tanggal": "tanggal",
}

# Amounts of these actions (and of these keys) are rupiah.
AKSI_UANG = ("pagu", "realisasi_anggaran", "anggaran_pk", "dpa")
KUNCI_UANG = {"jumlah", "pagu", "anggaran"}
# Internal keys of the data that say nothing to a reader.
KUNCI_INTERNAL = {"lama", "baru", "kunci"}
ANGKA = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")
KOSONG = "(kosong)"
BELUM_ADA = "Belum ada perubahan yang tercatat."


def label_aksi(aksi: str) -> str:
    return LABEL_AKSI.get(aksi, aksi)


def label_tipe(tipe: str) -> str:
    """An object type of the audit trail in words; else the model's own Indonesian name."""
    if tipe in LABEL_TIPE:
        return LABEL_TIPE[tipe]
    try:
        nama = apps.get_model(tipe)._meta.verbose_name
    except (LookupError, ValueError):
        return tipe
    return str(nama)[:1].upper() + str(nama)[1:]


def tampil_nilai(nilai: Any, *, uang: bool = False, kunci: str = "") -> str:
    """One stored value as a reader expects it: Indonesian numbers, rupiah, "(kosong)"."""
    if nilai is None or nilai == "":
        return KOSONG
    if isinstance(nilai, bool):
        return "ya" if nilai else "tidak"
    if kunci == "triwulan" and isinstance(nilai, int) and 1 <= nilai <= 4:
        return ROMAWI[nilai - 1]
    if isinstance(nilai, int | float | Decimal) or (isinstance(nilai, str) and ANGKA.match(nilai)):
        try:
            angka = Decimal(str(nilai))
        except InvalidOperation:
            return str(nilai)
        if kunci == "tahun":
            return str(nilai)
        return format_rupiah(angka) if uang or kunci in KUNCI_UANG else format_angka_alami(angka)
    if isinstance(nilai, dict):
        return "; ".join(
            f"{LABEL_KUNCI.get(k, k.replace('_', ' '))}: {tampil_nilai(v, uang=uang, kunci=k)}"
            for k, v in nilai.items()
        )
    if isinstance(nilai, list | tuple):
        return ", ".join(tampil_nilai(v, uang=uang, kunci=kunci) for v in nilai) or KOSONG
    return str(nilai)


def uraikan_perubahan(aksi: str, data: Any) -> dict[str, Any]:
    """The old → new of an audit entry, readable: {"ubah": [(apa, lama, baru)], "lain": "…"}."""
    if not isinstance(data, dict):
        return {"ubah": [], "lain": tampil_nilai(data) if data else ""}
    uang = aksi.startswith(AKSI_UANG)
    ubah: list[tuple[str, str, str]] = []
    if "lama" in data or "baru" in data:
        lama, baru = data.get("lama"), data.get("baru")
        if isinstance(lama, dict) or isinstance(baru, dict):
            lama_d = lama if isinstance(lama, dict) else {}
            baru_d = baru if isinstance(baru, dict) else {}
            for k in [*lama_d, *(k for k in baru_d if k not in lama_d)]:
                if lama_d.get(k) == baru_d.get(k):
                    continue
                ubah.append(
                    (
                        LABEL_KUNCI.get(k, k.replace("_", " ")),
                        tampil_nilai(lama_d.get(k), uang=uang, kunci=k),
                        tampil_nilai(baru_d.get(k), uang=uang, kunci=k),
                    )
                )
        else:
            ubah.append(("", tampil_nilai(lama, uang=uang), tampil_nilai(baru, uang=uang)))
    lain = {k: v for k, v in data.items() if k not in KUNCI_INTERNAL}
    return {"ubah": ubah, "lain": tampil_nilai(lain) if lain else ""}


def _baris(log: LogPerubahan, pd_kode: str, tautan_objek: bool = True) -> dict[str, Any]:
    url_objek = None
    if tautan_objek and log.objek_tipe and log.objek_id is not None:
        url_objek = reverse("riwayat-objek", args=[pd_kode, log.objek_tipe, log.objek_id])
    return {
        "waktu": format_waktu(log.waktu),
        "waktu_iso": timezone.localtime(log.waktu).isoformat(timespec="minutes"),
        "pengguna": nama_pengguna(log.pengguna),
        "aksi": label_aksi(log.aksi),
        "kode_aksi": log.aksi,
        "objek": log.objek or label_tipe(log.objek_tipe) or "-",
        "tipe": label_tipe(log.objek_tipe) if log.objek_tipe else "",
        "tahun": log.tahun,
        "url_objek": url_objek,
        "perubahan": uraikan_perubahan(log.aksi, log.data),
    }


def _halaman(request: HttpRequest, qs):
    return Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))


def _kueri_tanpa_halaman(request: HttpRequest) -> str:
    q = request.GET.copy()
    q.pop("halaman", None)
    return q.urlencode()


class FormSaringRiwayat(forms.Form):
    """Filter of the audit trail by year, action and user (choices from the trail itself)."""

    tahun = forms.TypedChoiceField(
        label="Tahun",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Tahun %(value)s tidak ada dalam riwayat."},
    )
    aksi = forms.ChoiceField(
        label="Aksi",
        required=False,
        error_messages={"invalid_choice": "Aksi %(value)s tidak ada dalam riwayat."},
    )
    pengguna = forms.TypedChoiceField(
        label="Pengguna",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Pengguna itu tidak ada dalam riwayat."},
    )

    def __init__(self, *args, tahun: list[int], aksi: list[str], pengguna: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [("", "Semua tahun")] + [(str(t), str(t)) for t in tahun]
        self.fields["aksi"].choices = [("", "Semua aksi")] + sorted(
            ((a, label_aksi(a)) for a in aksi), key=lambda x: x[1].lower()
        )
        self.fields["pengguna"].choices = [("", "Semua pengguna")] + [
            (str(u.pk), nama_pengguna(u)) for u in pengguna
        ]


def riwayat_pd(request: HttpRequest, kode: str) -> HttpResponse:
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    log_pd = LogPerubahan.objects.filter(perangkat_daerah=pd)
    pilihan_tahun = sorted(
        set(log_pd.exclude(tahun=None).values_list("tahun", flat=True).distinct())
        | set(tahun_list(pd)),
        reverse=True,
    )
    pilihan_aksi = list(log_pd.order_by("aksi").values_list("aksi", flat=True).distinct())
    pilihan_pengguna = list(
        get_user_model()
        .objects.filter(pk__in=log_pd.exclude(pengguna=None).values("pengguna"))
        .order_by("username")
    )
    form = FormSaringRiwayat(
        request.GET or None, tahun=pilihan_tahun, aksi=pilihan_aksi, pengguna=pilihan_pengguna
    )
    qs = log_pd.select_related("pengguna").order_by("-waktu", "-id")
    if form.is_bound and form.is_valid():
        if form.cleaned_data["tahun"] is not None:
            qs = qs.filter(tahun=form.cleaned_data["tahun"])
        if form.cleaned_data["aksi"]:
            qs = qs.filter(aksi=form.cleaned_data["aksi"])
        if form.cleaned_data["pengguna"] is not None:
            qs = qs.filter(pengguna_id=form.cleaned_data["pengguna"])
    halaman = _halaman(request, qs)
    baris = [_baris(log, pd.kode) for log in halaman.object_list]
    ctx = {
        "page": "riwayat",
        "pd": pd,
        "form": form,
        "halaman": halaman,
        "baris": baris,
        "tabel": tabel_riwayat(baris, kosong=BELUM_ADA),
        "kueri": _kueri_tanpa_halaman(request),
        "tersaring": bool(form.is_bound and form.is_valid() and any(form.cleaned_data.values())),
    }
    return render(request, "kinerja/riwayat/pd.html", ctx)


def riwayat_objek(request: HttpRequest, kode: str, tipe: str, objek_id: int) -> HttpResponse:
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    log_pd = LogPerubahan.objects.filter(perangkat_daerah=pd)
    langsung = log_pd.filter(objek_tipe=tipe, objek_id=objek_id)
    # Amounts removed and entered again get a new row: the audit key joins their history.
    kunci = [
        k
        for k in langsung.values_list("data__kunci", flat=True).distinct()
        if isinstance(k, str) and k
    ]
    qs = log_pd.filter(Q(objek_tipe=tipe, objek_id=objek_id) | Q(data__kunci__in=kunci))
    qs = qs.select_related("pengguna").order_by("-waktu", "-id")
    halaman = _halaman(request, qs)
    if halaman.paginator.count == 0:
        raise Http404("Riwayat objek ini tidak ditemukan.")
    terbaru = halaman.object_list[0] if halaman.number == 1 else qs.first()
    baris = [_baris(log, pd.kode, tautan_objek=False) for log in halaman.object_list]
    ctx = {
        "page": "riwayat",
        "pd": pd,
        "judul": terbaru.objek or label_tipe(tipe),
        "tipe": label_tipe(tipe),
        "halaman": halaman,
        "baris": baris,
        "tabel": tabel_riwayat(baris, tampil_objek=False, kosong=BELUM_ADA),
        "kueri": _kueri_tanpa_halaman(request),
    }
    return render(request, "kinerja/riwayat/objek.html", ctx)
