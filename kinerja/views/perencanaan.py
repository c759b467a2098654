"""Planning screens: Renstra, indikator, program tree, Perjanjian Kinerja, Rencana Aksi.

Every view checks access on its first line (kinerja.access); writes go through
kinerja.services.perencanaan. Pages read with a fixed number of queries,
whatever the number of indicators.
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kinerja.access import (
    PESAN_HANYA_BACA,
    boleh_ubah_renstra,
    get_editable_perangkat_daerah_for_user,
    get_perangkat_daerah_for_user,
)
from kinerja.aturan import aturan_pemda
from kinerja.audit import format_waktu, nama_pengguna
from kinerja.engine.angka import NilaiTidakValid, parse_nilai
from kinerja.engine.penilaian import nilai_indikator
from kinerja.engine.realisasi import TipePenghitungan
from kinerja.forms import NilaiField, RasioField, UangField
from kinerja.models import (
    BATAS_ATAS_CHOICES,
    BATAS_BAWAH_CHOICES,
    POLARITAS_CHOICES,
    RUMUS_NEGATIF_CHOICES,
    TIPE_CHOICES,
    AnggaranProgramPK,
    Indikator,
    Kegiatan,
    LogPerubahan,
    PerangkatDaerah,
    PerjanjianKinerja,
    PKBerjenjang,
    Program,
    RencanaAksi,
    Renstra,
    StatusTriwulan,
    SubKegiatan,
    TargetPK,
)
from kinerja.paket.types import Aturan
from kinerja.penandatangan import pejabat_tahun, penandatanganan
from kinerja.services.perencanaan import (
    TRIWULAN_ROMAWI,
    indikator_ubah,
    kanon_indikator,
    kanon_perjanjian_kinerja,
    kunci_anggaran_pk,
    kunci_rencana_aksi,
    kunci_target_pk,
    perjanjian_kinerja_buat_perubahan,
    perjanjian_kinerja_ubah,
    rencana_aksi_simpan,
    target_tahunan_simpan,
    teks_nilai,
    teks_triwulan,
    versi_berikutnya,
)
from kinerja.services.renstra import (
    renstra_dipakai,
    revisi_terbuka,
    ringkasan_versi,
    versi_renstra_pk,
)
from kinerja.views.tahun import halaman_tahun_belum_dibuka
from laporan.models import LKjIP
from lib.format import BULAN, format_angka_alami, format_persen, format_rupiah

NAMA_TINGKAT = {
    "tujuan": "Tujuan",
    "sasaran": "Sasaran strategis",
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sub_kegiatan": "Sub kegiatan",
}
KETERANGAN_TIPE = {
    TipePenghitungan.JUMLAH.value: "TW I–IV dijumlahkan",
    TipePenghitungan.KUMULATIF.value: "kumulatif; TW IV = target tahunan",
    TipePenghitungan.RASIO.value: "tulis pembilang/penyebut, mis. 40/45",
    TipePenghitungan.RATA_RATA.value: "rata-rata TW I–IV",
    TipePenghitungan.NILAI_AKHIR.value: "cukup TW IV",
}


# --------------------------------------------------------------------------- form fields


def _asal_json(teks: str) -> dict[str, str]:
    """The values the form was loaded with (a hidden JSON field); {} if missing or tampered."""
    try:
        data = json.loads(teks or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


class FormDenganAsal(forms.Form):
    asal = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_asal(self) -> dict[str, str]:
        return _asal_json(self.cleaned_data.get("asal", ""))


def _segarkan_asal(form_cls, data, asal: dict[str, str], **kwargs):
    """The same input again, but carrying the values stored now (after a refused save)."""
    baru = data.copy()
    baru["asal"] = json.dumps(asal)
    form = form_cls(baru, **kwargs)
    form.is_valid()
    return form


def _tambah_galat(form: forms.Form, e: ValidationError, peta: dict[str, str] | None = None):
    """Show a service's errors next to their fields (keys mapped by ``peta``)."""
    if not hasattr(e, "error_dict"):
        for pesan in e.messages:
            form.add_error(None, pesan)
        return
    for kunci, daftar in e.message_dict.items():
        nama = (peta or {}).get(kunci, kunci)
        for pesan in daftar:
            form.add_error(nama if nama in form.fields else None, pesan)


# --------------------------------------------------------------------------- shared reads


def _tampil(angka: Decimal | None, label: str = "") -> str:
    return teks_nilai(angka, label) or "-"


def _pilih_renstra(daftar: list[Renstra], tahun: int | None) -> Renstra | None:
    if tahun is not None:
        for r in daftar:
            if r.mulai <= tahun <= r.selesai:
                return r
    return daftar[0] if daftar else None


def _tahun_get(request: HttpRequest) -> int | None:
    teks = request.GET.get("tahun", "")
    return int(teks) if teks.isdigit() and len(teks) == 4 else None


def _tahun_aktif(request: HttpRequest, pd: PerangkatDaerah) -> int:
    """The year the year-bound links of a page without a year point to."""
    tahun = _tahun_get(request)
    if tahun is not None:
        return tahun
    terakhir = (
        LKjIP.objects.filter(perangkat_daerah=pd).order_by("-tahun").values_list("tahun", flat=True)
    ).first()
    if terakhir is not None:
        return terakhir
    return timezone.localdate().year


def _renstra_tahun(pd: PerangkatDaerah, tahun: int) -> Renstra | None:
    """The Renstra covering ``tahun``; 404 when the perangkat daerah holds nothing for that year."""
    renstra = (
        Renstra.objects.filter(perangkat_daerah=pd, mulai__lte=tahun, selesai__gte=tahun)
        .order_by("-mulai")
        .first()
    )
    if renstra is None and not LKjIP.objects.filter(perangkat_daerah=pd, tahun=tahun).exists():
        raise Http404(f"Tidak ada data tahun {tahun}.")
    return renstra


def _tahun_terkunci(pd: PerangkatDaerah, tahun_list) -> set[int]:
    return set(
        LKjIP.objects.filter(
            perangkat_daerah=pd, tahun__in=list(tahun_list), status=LKjIP.Status.DITETAPKAN
        ).values_list("tahun", flat=True)
    )


def kode_relatif(kode: str, induk: str) -> str:
    """ "7.01.01.2.01" under "7.01.01" → "2.01" (the seeds show codes relative to the parent)."""
    if induk and kode.startswith(induk + "."):
        return kode[len(induk) + 1 :]
    return kode


def _induk_indikator(ind: Indikator) -> tuple[str, Any]:
    for nama in ("sub_kegiatan", "kegiatan", "program", "sasaran", "tujuan"):
        obj = getattr(ind, nama) if getattr(ind, f"{nama}_id") else None
        if obj is not None:
            return NAMA_TINGKAT[nama], obj
    return "", None


def _baris_indikator(ind: Indikator, tahun_list: list[int]) -> dict[str, Any]:
    target = {t.tahun: t for t in ind.target_tahunan.all()}
    return {
        "obj": ind,
        "target": [
            _tampil(target[t].nilai, target[t].label) if t in target else "-" for t in tahun_list
        ],
        "akhir": _tampil(ind.target_akhir, ind.target_akhir_label),
    }


def _ctx_dasar(pd: PerangkatDaerah, page: str, tahun: int, boleh_ubah: bool) -> dict:
    return {
        "page": page,
        "pd": pd,
        "tahun": tahun,
        "boleh_ubah": boleh_ubah,
        "nav_perencanaan": page,
    }


# --------------------------------------------------------------------------- Renstra


@require_safe
def renstra(request: HttpRequest, kode: str) -> HttpResponse:
    pd, boleh_ubah = get_perangkat_daerah_for_user(request.user, kode)
    daftar = list(Renstra.objects.filter(perangkat_daerah=pd).order_by("-mulai"))
    tahun = _tahun_aktif(request, pd)
    r = _pilih_renstra(daftar, tahun)
    ctx = _ctx_dasar(pd, "perencanaan-renstra", tahun, boleh_ubah)
    ctx.update({"renstra": r, "daftar_renstra": daftar})
    if r is not None:
        tahun_list = list(range(r.mulai, r.selesai + 1))
        indikator = list(
            Indikator.objects.filter(
                renstra=r, program=None, kegiatan=None, sub_kegiatan=None
            ).prefetch_related("target_tahunan")
        )
        per_tujuan: dict[int, list] = defaultdict(list)
        per_sasaran: dict[int, list] = defaultdict(list)
        for ind in indikator:
            baris = _baris_indikator(ind, tahun_list)
            if ind.tujuan_id:
                per_tujuan[ind.tujuan_id].append(baris)
            else:
                per_sasaran[ind.sasaran_id].append(baris)
        tujuan = [
            {
                "obj": t,
                "indikator": per_tujuan[t.pk],
                "sasaran": [{"obj": s, "indikator": per_sasaran[s.pk]} for s in t.sasaran.all()],
            }
            for t in r.tujuan.prefetch_related("sasaran")
        ]
        ctx.update(
            {
                "tahun_list": tahun_list,
                "tujuan": tujuan,
                "jumlah_indikator": len(indikator),
                "jumlah_iku": sum(1 for i in indikator if i.iku),
            }
        )
        ctx.update(ringkasan_versi(r))
    ctx["boleh_ubah_renstra"] = boleh_ubah_renstra(request.user, pd)
    return render(request, "kinerja/perencanaan/renstra.html", ctx)


# --------------------------------------------------------------------------- indikator


def _get_indikator(pd: PerangkatDaerah, pk: int) -> Indikator:
    return get_object_or_404(
        Indikator.objects.select_related(
            "renstra",
            "tujuan",
            "sasaran__tujuan",
            "program",
            "kegiatan__program",
            "sub_kegiatan__kegiatan",
        ),
        pk=pk,
        renstra__perangkat_daerah=pd,
    )


def _aturan_indikator(ind: Indikator, pemda) -> list[tuple[str, str]]:
    label_rumus = dict(RUMUS_NEGATIF_CHOICES)

    def batas(nilai, pemda_nilai):
        if nilai is not None:
            return f"{nilai}% (khusus indikator ini)"
        if pemda_nilai is None:
            return "tidak dibatasi (aturan pemda)"
        return f"{pemda_nilai}% (aturan pemda)"

    return [
        (
            "Rumus polaritas negatif",
            f"{label_rumus[ind.rumus_negatif]} (khusus indikator ini)"
            if ind.rumus_negatif
            else f"{label_rumus.get(pemda.rumus_negatif, pemda.rumus_negatif)} (aturan pemda)",
        ),
        ("Batas atas capaian", batas(ind.batas_atas_capaian, pemda.batas_atas_capaian)),
        ("Batas bawah capaian", batas(ind.batas_bawah_capaian, pemda.batas_bawah_capaian)),
    ]


def _capaian_riwayat(ind: Indikator, aturan: Aturan, target, realisasi) -> str:
    """Capaian of an earlier year, by the pemda's rules and the indicator's overrides."""
    if target is None or realisasi is None:
        return "-"
    try:
        nilai = nilai_indikator(ind, aturan, target=target, realisasi=realisasi)
    except NilaiTidakValid:
        return "-"
    return format_persen(nilai.tampil)


@require_safe
def indikator(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    pd, boleh_ubah = get_perangkat_daerah_for_user(request.user, kode)
    ind = _get_indikator(pd, pk)
    r = ind.renstra
    tahun_list = list(range(r.mulai, r.selesai + 1))
    tingkat, induk = _induk_indikator(ind)
    riwayat_list = list(ind.riwayat.all())
    aturan = aturan_pemda(pd.pemda) if riwayat_list else None
    riwayat = [
        {
            "tahun": rw.tahun,
            "target": _tampil(rw.target, rw.target_label),
            "realisasi": _tampil(rw.realisasi, rw.realisasi_label),
            "capaian": _capaian_riwayat(ind, aturan, rw.target, rw.realisasi),
        }
        for rw in riwayat_list
    ]
    target_pk = [
        {
            "tahun": t.perjanjian_kinerja.tahun,
            "versi": t.perjanjian_kinerja.versi,
            "target": _tampil(t.nilai, t.label),
        }
        for t in TargetPK.objects.filter(indikator=ind)
        .select_related("perjanjian_kinerja")
        .order_by("perjanjian_kinerja__tahun", "perjanjian_kinerja__urutan_versi")
    ]
    log = [
        {
            "waktu": format_waktu(x.waktu),
            "pengguna": nama_pengguna(x.pengguna),
            "uraian": x.objek,
            "lama": _teks_log(x.data.get("lama")),
            "baru": _teks_log(x.data.get("baru")),
        }
        for x in LogPerubahan.objects.filter(perangkat_daerah=pd)
        .filter(Q(objek_tipe="kinerja.indikator", objek_id=ind.pk) | Q(data__indikator_id=ind.pk))
        .select_related("pengguna")[:30]
    ]
    ctx = _ctx_dasar(pd, "perencanaan-indikator", _tahun_aktif(request, pd), boleh_ubah)
    ctx.update(
        {
            "ind": ind,
            "renstra": r,
            "tingkat": tingkat,
            "induk": induk,
            "baris": _baris_indikator(ind, tahun_list),
            "tahun_list": tahun_list,
            "aturan": _aturan_indikator(ind, pd.pemda),
            "riwayat": riwayat,
            "target_pk": target_pk,
            "log": log,
        }
    )
    return render(request, "kinerja/perencanaan/indikator.html", ctx)


def _teks_log(nilai: Any) -> str:
    if nilai is None:
        return "-"
    if isinstance(nilai, dict):
        return "; ".join(f"{k}: {_teks_log(v)}" for k, v in nilai.items())
    return str(nilai)


class IndikatorForm(FormDenganAsal):
    nama = forms.CharField(label="Nama indikator", widget=forms.Textarea(attrs={"rows": 2}))
    satuan = forms.CharField(label="Satuan", max_length=50)
    polaritas = forms.ChoiceField(label="Polaritas", choices=POLARITAS_CHOICES)
    tipe_penghitungan = forms.ChoiceField(label="Tipe penghitungan", choices=TIPE_CHOICES)
    iku = forms.BooleanField(label="Indikator Kinerja Utama (IKU)", required=False)
    formulasi = forms.CharField(
        label="Formulasi", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    definisi_operasional = forms.CharField(
        label="Definisi operasional", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    alasan_pemilihan = forms.CharField(
        label="Alasan pemilihan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    sumber_data = forms.CharField(
        label="Sumber data", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    penanggung_jawab = forms.CharField(label="Penanggung jawab", required=False, max_length=200)
    rumus_negatif = forms.ChoiceField(
        label="Rumus polaritas negatif",
        required=False,
        choices=[("", "Mengikuti aturan pemda")] + RUMUS_NEGATIF_CHOICES,
    )
    batas_atas_capaian = forms.TypedChoiceField(
        label="Batas atas capaian",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Mengikuti aturan pemda")] + [(str(v), t) for v, t in BATAS_ATAS_CHOICES],
    )
    batas_bawah_capaian = forms.TypedChoiceField(
        label="Batas bawah capaian",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Mengikuti aturan pemda")] + [(str(v), t) for v, t in BATAS_BAWAH_CHOICES],
    )
    target_akhir = NilaiField(label="Target akhir Renstra", required=False)

    def __init__(self, *args, tahun_list: list[int], terkunci: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.tahun_list = tahun_list
        for tahun in tahun_list:
            self.fields[f"target-{tahun}"] = NilaiField(
                label=f"Target {tahun}", required=False, disabled=tahun in terkunci
            )

    def clean_nama(self) -> str:
        return self.cleaned_data["nama"].replace("\r\n", "\n").strip()

    def clean_satuan(self) -> str:
        return self.cleaned_data["satuan"].strip()

    def kolom_target(self):
        return [(t, self[f"target-{t}"]) for t in self.tahun_list]


def _form_indikator(ind: Indikator, data=None) -> IndikatorForm:
    r = ind.renstra
    tahun_list = list(range(r.mulai, r.selesai + 1))
    terkunci = _tahun_terkunci(r.perangkat_daerah, tahun_list)
    target = {t.tahun: t for t in ind.target_tahunan.all()}
    asal = kanon_indikator(ind)
    initial: dict[str, Any] = {n: getattr(ind, n) for n in IndikatorForm.base_fields if n != "asal"}
    initial["target_akhir"] = asal["target_akhir"]
    for tahun in tahun_list:
        t = target.get(tahun)
        teks = teks_nilai(t.nilai, t.label) if t else ""
        initial[f"target-{tahun}"] = teks
        asal[f"target-{tahun}"] = teks
    initial["asal"] = json.dumps(asal)
    return IndikatorForm(data, initial=initial, tahun_list=tahun_list, terkunci=terkunci)


@require_http_methods(["GET", "POST"])
def indikator_ubah_view(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    ind = _get_indikator(pd, pk)
    ind.renstra.perangkat_daerah = pd
    form = _form_indikator(ind, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        asal = cd["asal"]
        data = {n: cd[n] for n in IndikatorForm.base_fields if n != "asal"}
        target = {
            t: cd[f"target-{t}"] for t in form.tahun_list if not form.fields[f"target-{t}"].disabled
        }
        try:
            with transaction.atomic():
                berubah = indikator_ubah(indikator=ind, pengguna=request.user, data=data, asal=asal)
                tahun_berubah = target_tahunan_simpan(
                    indikator=ind,
                    pengguna=request.user,
                    target=target,
                    asal={t: asal[f"target-{t}"] for t in target if f"target-{t}" in asal},
                )
        except ValidationError as e:
            ind.refresh_from_db()
            segar = _form_indikator(ind)
            form = _segarkan_asal(
                IndikatorForm,
                request.POST,
                json.loads(segar.initial["asal"]),
                initial=segar.initial,
                tahun_list=segar.tahun_list,
                terkunci={t for t in segar.tahun_list if segar.fields[f"target-{t}"].disabled},
            )
            _tambah_galat(form, e, {str(t): f"target-{t}" for t in form.tahun_list})
        else:
            if berubah or tahun_berubah:
                messages.success(request, f"Perubahan indikator {ind.kode} disimpan.")
            else:
                messages.info(request, "Tidak ada perubahan yang perlu disimpan.")
            return redirect("perencanaan-indikator", kode=pd.kode, pk=ind.pk)
    ctx = _ctx_dasar(pd, "perencanaan-indikator", _tahun_aktif(request, pd), True)
    ctx.update(
        {
            "ind": ind,
            "form": form,
            "renstra": ind.renstra,
            "revisi_terbuka": revisi_terbuka(ind.renstra),
            "renstra_dipakai": renstra_dipakai(ind.renstra),
        }
    )
    return render(request, "kinerja/perencanaan/indikator_ubah.html", ctx)


# --------------------------------------------------------------------------- program tree


@require_safe
def program(request: HttpRequest, kode: str) -> HttpResponse:
    pd, boleh_ubah = get_perangkat_daerah_for_user(request.user, kode)
    daftar = list(Renstra.objects.filter(perangkat_daerah=pd).order_by("-mulai"))
    tahun = _tahun_aktif(request, pd)
    r = _pilih_renstra(daftar, tahun)
    ctx = _ctx_dasar(pd, "perencanaan-program", tahun, boleh_ubah)
    ctx.update({"renstra": r, "daftar_renstra": daftar})
    if r is not None:
        tahun_list = list(range(r.mulai, r.selesai + 1))
        indikator: dict[tuple[str, int], list] = defaultdict(list)
        for ind in (
            Indikator.objects.filter(renstra=r, tujuan=None, sasaran=None)
            .prefetch_related("target_tahunan")
            .order_by("urutan")
        ):
            baris = _baris_indikator(ind, tahun_list)
            baris["target_tahun"] = [
                (t.tahun, _tampil(t.nilai, t.label)) for t in ind.target_tahunan.all()
            ]
            tingkat = ind.tingkat
            indikator[(tingkat, getattr(ind, f"{tingkat}_id"))].append(baris)
        pohon = []
        for p in Program.objects.filter(renstra=r).prefetch_related(
            "sasaran",
            Prefetch(
                "kegiatan",
                queryset=Kegiatan.objects.prefetch_related(
                    Prefetch("sub_kegiatan", queryset=SubKegiatan.objects.order_by("urutan"))
                ).order_by("urutan"),
            ),
        ):
            pohon.append(
                {
                    "obj": p,
                    "kode": p.kode,
                    "sasaran": list(p.sasaran.all()),
                    "indikator": indikator[("program", p.pk)],
                    "kegiatan": [
                        {
                            "obj": k,
                            "kode": kode_relatif(k.kode, p.kode),
                            "indikator": indikator[("kegiatan", k.pk)],
                            "sub": [
                                {
                                    "obj": s,
                                    "kode": kode_relatif(s.kode, k.kode),
                                    "indikator": indikator[("sub_kegiatan", s.pk)],
                                }
                                for s in k.sub_kegiatan.all()
                            ],
                        }
                        for k in p.kegiatan.all()
                    ],
                }
            )
        ctx.update({"pohon": pohon})
    return render(request, "kinerja/perencanaan/program.html", ctx)


# --------------------------------------------------------------------------- Perjanjian Kinerja


def _daftar_pk(pd: PerangkatDaerah, tahun: int) -> list[PerjanjianKinerja]:
    return list(
        PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun)
        .select_related("pihak_pertama", "pihak_kedua")
        .prefetch_related(
            Prefetch(
                "target",
                queryset=TargetPK.objects.select_related(
                    "indikator__tujuan", "indikator__sasaran", "indikator__program"
                ).order_by("indikator__urutan", "indikator__kode"),
            ),
            Prefetch(
                "anggaran_program",
                queryset=AnggaranProgramPK.objects.select_related("program").order_by(
                    "program__urutan", "program__kode"
                ),
            ),
        )
        .order_by("urutan_versi")
    )


def _nama_versi(versi: str) -> str:
    if versi == "murni":
        return "Murni"
    if versi == "perubahan":
        return "Perubahan"
    return "Perubahan " + versi.removeprefix("perubahan-")


def _induk_pk(ind: Indikator) -> str:
    for nama in ("sasaran", "tujuan", "program"):
        obj = getattr(ind, nama) if getattr(ind, f"{nama}_id") else None
        if obj is not None:
            return getattr(obj, "uraian", None) or obj.nama
    return "-"


def _isi_pk(pk: PerjanjianKinerja) -> dict[str, Any]:
    anggaran = list(pk.anggaran_program.all())
    return {
        "obj": pk,
        "nama": _nama_versi(pk.versi),
        "target": [
            {
                "ind": t.indikator,
                "induk": _induk_pk(t.indikator),
                "target": _tampil(t.nilai, t.label),
            }
            for t in pk.target.all()
        ],
        "anggaran": anggaran,
        "total": sum((a.jumlah for a in anggaran), Decimal(0)),
    }


def _selisih(lama: Decimal | None, baru: Decimal | None, uang: bool = False) -> str:
    if lama is None or baru is None or lama == baru:
        return ""
    beda = baru - lama
    teks = format_rupiah(abs(beda)) if uang else format_angka_alami(abs(beda))
    return ("+" if beda > 0 else "−") + teks


def _beda_pk(murni: PerjanjianKinerja, ubah: PerjanjianKinerja) -> dict[str, Any]:
    """Side by side: murni ↔ the latest perubahan, with what changed and by how much."""
    t_murni = {t.indikator_id: t for t in murni.target.all()}
    t_ubah = {t.indikator_id: t for t in ubah.target.all()}
    baris_target = []
    for i in list(t_murni) + [i for i in t_ubah if i not in t_murni]:
        a, b = t_murni.get(i), t_ubah.get(i)
        ind = (a or b).indikator
        teks_a = teks_nilai(a.nilai, a.label) if a else ""
        teks_b = teks_nilai(b.nilai, b.label) if b else ""
        baris_target.append(
            {
                "ind": ind,
                "murni": teks_a or "-",
                "perubahan": teks_b or "-",
                "berubah": teks_a != teks_b,
                "selisih": _selisih(a.nilai if a else None, b.nilai if b else None),
            }
        )
    a_murni = {a.program_id: a for a in murni.anggaran_program.all()}
    a_ubah = {a.program_id: a for a in ubah.anggaran_program.all()}
    baris_anggaran = []
    for p in list(a_murni) + [p for p in a_ubah if p not in a_murni]:
        a, b = a_murni.get(p), a_ubah.get(p)
        baris_anggaran.append(
            {
                "program": (a or b).program,
                "murni": a.jumlah if a else None,
                "perubahan": b.jumlah if b else None,
                "berubah": (a.jumlah if a else None) != (b.jumlah if b else None),
                "selisih": _selisih(
                    a.jumlah if a else Decimal(0), b.jumlah if b else Decimal(0), uang=True
                ),
            }
        )
    total_a = sum((a.jumlah for a in a_murni.values()), Decimal(0))
    total_b = sum((b.jumlah for b in a_ubah.values()), Decimal(0))
    return {
        "murni": murni,
        "perubahan": ubah,
        "nama_perubahan": _nama_versi(ubah.versi),
        "target": baris_target,
        "anggaran": baris_anggaran,
        "total_murni": total_a,
        "total_perubahan": total_b,
        "total_selisih": _selisih(total_a, total_b, uang=True),
        "jumlah_berubah": sum(1 for x in baris_target + baris_anggaran if x["berubah"]),
    }


@require_safe
def perjanjian_kinerja(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, boleh_ubah = get_perangkat_daerah_for_user(request.user, kode)
    try:
        _renstra_tahun(pd, tahun)
    except Http404:
        # The year after the Renstra period: the page says how to open it.
        return halaman_tahun_belum_dibuka(request, pd, tahun, judul="Perjanjian Kinerja")
    daftar = _daftar_pk(pd, tahun)
    dipilih = None
    if daftar:
        diminta = request.GET.get("versi")
        dipilih = next((p for p in daftar if p.versi == diminta), daftar[-1])
    murni = next((p for p in daftar if p.versi == "murni"), None)
    perubahan = daftar[-1] if daftar and daftar[-1].urutan_versi > 0 else None
    ctx = _ctx_dasar(pd, "perencanaan-pk", tahun, boleh_ubah)
    ctx.update(
        {
            "daftar": [
                {"versi": p.versi, "nama": _nama_versi(p.versi), "dipilih": p is dipilih}
                for p in daftar
            ],
            "pk": _isi_pk(dipilih) if dipilih else None,
            "ttd": (
                penandatanganan(pd=pd, tahun=tahun, dokumen="pk", pk=dipilih) if dipilih else None
            ),
            "beda": _beda_pk(murni, perubahan) if murni and perubahan else None,
            "terakhir": daftar[-1].versi if daftar else "",
            "versi_baru": _nama_versi(versi_berikutnya(daftar[-1].urutan_versi)) if daftar else "",
            "terkunci": bool(_tahun_terkunci(pd, [tahun])),
            "versi_renstra": versi_renstra_pk(dipilih) if dipilih else "",
        }
    )
    return render(request, "kinerja/perencanaan/pk.html", ctx)


@require_safe
def pk_berjenjang(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, boleh_ubah = get_perangkat_daerah_for_user(request.user, kode)
    renstra_obj = _renstra_tahun(pd, tahun)
    daftar = list(
        PKBerjenjang.objects.filter(perangkat_daerah=pd, tahun=tahun)
        .select_related("pejabat")
        .prefetch_related("sasaran")
        .order_by("urutan")
    )
    nama_kode: dict[str, str] = {}
    if renstra_obj is not None:
        for p in Program.objects.filter(renstra=renstra_obj).only("kode", "nama"):
            nama_kode[p.kode] = p.nama
        for k in Kegiatan.objects.filter(program__renstra=renstra_obj).only("kode", "nama"):
            nama_kode[k.kode] = k.nama
        for s in SubKegiatan.objects.filter(kegiatan__program__renstra=renstra_obj).only(
            "kode", "nama"
        ):
            nama_kode[s.kode] = s.nama
    pejabat = pejabat_tahun(pd, tahun)
    isi = []
    for b in daftar:
        anggaran = []
        for kode_node, jumlah in sorted(b.anggaran.items()):
            tingkat = {3: "program", 5: "kegiatan"}.get(kode_node.count(".") + 1, "sub_kegiatan")
            try:
                nilai = Decimal(str(jumlah))
            except ArithmeticError:
                nilai = None
            anggaran.append(
                {
                    "kode": kode_node,
                    "nama": nama_kode.get(kode_node, "(kode tidak ada di Renstra)"),
                    "tingkat": tingkat,
                    "jumlah": nilai,
                }
            )
        isi.append(
            {
                "obj": b,
                "ttd": penandatanganan(
                    pd=pd, tahun=tahun, dokumen="pk_berjenjang", pkb=b, daftar=pejabat
                ),
                "sasaran": [
                    {"obj": s, "target": _tampil(s.target, s.target_label)} for s in b.sasaran.all()
                ],
                "anggaran": anggaran,
            }
        )
    ctx = _ctx_dasar(pd, "perencanaan-pk-berjenjang", tahun, boleh_ubah)
    ctx.update({"daftar": isi, "terkunci": bool(_tahun_terkunci(pd, [tahun]))})
    return render(request, "kinerja/perencanaan/pk_berjenjang.html", ctx)


class TanggalIsian(forms.DateField):
    """A date typed the Indonesian way: "11-01-2024", "11/01/2024" or "11 Januari 2024"."""

    default_error_messages = {
        "invalid": "Tulis tanggal seperti 11-01-2024 atau 11 Januari 2024.",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"])
        kwargs.setdefault(
            "widget", forms.DateInput(format="%d-%m-%Y", attrs={"placeholder": "hh-bb-tttt"})
        )
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            bagian = value.strip().split()
            if len(bagian) == 3 and bagian[1].capitalize() in BULAN:
                value = f"{bagian[0]}-{BULAN.index(bagian[1].capitalize()) + 1}-{bagian[2]}"
        return super().to_python(value)


class PKForm(FormDenganAsal):
    tanggal = TanggalIsian(label="Tanggal penandatanganan", required=False)
    tempat = forms.CharField(label="Tempat penandatanganan", required=False, max_length=100)

    def __init__(self, *args, indikator: list[Indikator], program: list[Program], **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        self.program = program
        for ind in indikator:
            self.fields[kunci_target_pk(ind.pk)] = NilaiField(label=ind.nama, required=False)
        for p in program:
            self.fields[kunci_anggaran_pk(p.pk)] = UangField(label=p.nama, required=False)

    def baris_target(self):
        return [(ind, self[kunci_target_pk(ind.pk)]) for ind in self.indikator]

    def baris_anggaran(self):
        return [(p, self[kunci_anggaran_pk(p.pk)]) for p in self.program]


def _form_pk(pk: PerjanjianKinerja, renstra_obj: Renstra | None, data=None) -> PKForm:
    asal = kanon_perjanjian_kinerja(pk)
    di_pk = [t.indikator_id for t in pk.target.all()]
    dengan_anggaran = [a.program_id for a in pk.anggaran_program.all()]
    kriteria = Q(pk__in=di_pk)
    kriteria_program = Q(pk__in=dengan_anggaran)
    if renstra_obj is not None:
        kriteria |= Q(renstra=renstra_obj, kegiatan=None, sub_kegiatan=None)
        kriteria_program |= Q(renstra=renstra_obj)
    indikator = list(
        Indikator.objects.filter(kriteria, renstra__perangkat_daerah_id=pk.perangkat_daerah_id)
        .select_related("tujuan", "sasaran", "program")
        .order_by("urutan", "kode")
    )
    program = list(
        Program.objects.filter(
            kriteria_program, renstra__perangkat_daerah_id=pk.perangkat_daerah_id
        ).order_by("urutan", "kode")
    )
    initial: dict[str, Any] = {"tanggal": pk.tanggal, "tempat": pk.tempat}
    for ind in indikator:
        asal.setdefault(kunci_target_pk(ind.pk), "")
    for p in program:
        asal.setdefault(kunci_anggaran_pk(p.pk), "")
    initial.update({k: v for k, v in asal.items() if k not in ("tanggal", "tempat")})
    initial["asal"] = json.dumps(asal)
    return PKForm(data, initial=initial, indikator=indikator, program=program)


@require_http_methods(["GET", "POST"])
def pk_ubah(request: HttpRequest, kode: str, tahun: int, versi: str) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    renstra_obj = _renstra_tahun(pd, tahun)
    pk = next((p for p in _daftar_pk(pd, tahun) if p.versi == versi), None)
    if pk is None:
        raise Http404("Versi Perjanjian Kinerja tidak ditemukan.")
    form = _form_pk(pk, renstra_obj, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            jumlah = perjanjian_kinerja_ubah(
                pk=pk,
                pengguna=request.user,
                target={i.pk: cd[kunci_target_pk(i.pk)] for i in form.indikator},
                anggaran={p.pk: cd[kunci_anggaran_pk(p.pk)] for p in form.program},
                tanggal=cd["tanggal"],
                tempat=cd["tempat"],
                asal=cd["asal"],
            )
        except ValidationError as e:
            segar = _form_pk(_daftar_pk_satu(pk), renstra_obj)
            form = _segarkan_asal(
                PKForm,
                request.POST,
                json.loads(segar.initial["asal"]),
                initial=segar.initial,
                indikator=segar.indikator,
                program=segar.program,
            )
            _tambah_galat(form, e)
        else:
            if jumlah:
                messages.success(
                    request,
                    f"Perjanjian Kinerja {_nama_versi(pk.versi).lower()} {tahun} disimpan "
                    f"({jumlah} perubahan).",
                )
            else:
                messages.info(request, "Tidak ada perubahan yang perlu disimpan.")
            url = reverse("perencanaan-pk", kwargs={"kode": pd.kode, "tahun": tahun})
            return redirect(f"{url}?versi={pk.versi}")
    ctx = _ctx_dasar(pd, "perencanaan-pk", tahun, True)
    ctx.update(
        {
            "pk": pk,
            "nama_versi": _nama_versi(pk.versi),
            "form": form,
            "terkunci": bool(_tahun_terkunci(pd, [tahun])),
        }
    )
    return render(request, "kinerja/perencanaan/pk_ubah.html", ctx)


def _daftar_pk_satu(pk: PerjanjianKinerja) -> PerjanjianKinerja:
    return next(p for p in _daftar_pk(pk.perangkat_daerah, pk.tahun) if p.pk == pk.pk)


class PerubahanBaruForm(forms.Form):
    dari_versi = forms.CharField(max_length=20)


@require_POST
def pk_perubahan_baru(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    _renstra_tahun(pd, tahun)
    form = PerubahanBaruForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Versi asal Perjanjian Kinerja tidak terbaca; muat ulang halaman.")
        return redirect("perencanaan-pk", kode=pd.kode, tahun=tahun)
    try:
        baru = perjanjian_kinerja_buat_perubahan(
            perangkat_daerah=pd,
            tahun=tahun,
            pengguna=request.user,
            dari_versi=form.cleaned_data["dari_versi"],
        )
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
        return redirect("perencanaan-pk", kode=pd.kode, tahun=tahun)
    messages.success(
        request,
        f"Perjanjian Kinerja {_nama_versi(baru.versi).lower()} {tahun} dibuat sebagai salinan "
        "versi sebelumnya; sekarang ubah target dan anggarannya.",
    )
    return redirect("perencanaan-pk-ubah", kode=pd.kode, tahun=tahun, versi=baru.versi)


# --------------------------------------------------------------------------- Rencana Aksi


class RencanaAksiForm(FormDenganAsal):
    def __init__(self, *args, indikator: list[Indikator], terkunci: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        for ind in indikator:
            rasio = ind.tipe_penghitungan == TipePenghitungan.RASIO.value
            for tw in (1, 2, 3, 4):
                kelas = RasioField if rasio else NilaiField
                self.fields[kunci_rencana_aksi(ind.pk, tw)] = kelas(
                    label=f"{ind.kode} TW {TRIWULAN_ROMAWI[tw - 1]}",
                    required=False,
                    disabled=tw in terkunci,
                )

    def sel(self, ind: Indikator) -> list:
        return [self[kunci_rencana_aksi(ind.pk, tw)] for tw in (1, 2, 3, 4)]


def _triwulan_terkunci(pd: PerangkatDaerah, tahun: int) -> dict[int, str]:
    """Quarters whose review locks them: triwulan → status name."""
    return {
        s.triwulan: s.get_status_display().lower()
        for s in StatusTriwulan.objects.filter(perangkat_daerah=pd, tahun=tahun)
        if s.terkunci
    }


def triwulan_belum_diisi(tipe: str, sel: list[str]) -> list[str]:
    """The quarters a row still lacks: all four, or only TW IV for a nilai-akhir indicator."""
    return [
        f"TW {TRIWULAN_ROMAWI[q]}"
        for q in range(4)
        if not sel[q] and (q == 3 or tipe != TipePenghitungan.NILAI_AKHIR.value)
    ]


def _periksa_baris_ra(ind: Indikator, sel: list[str], target: TargetPK) -> list[str]:
    """Hints (not errors) about a row of quarterly targets against the annual PK target."""
    tipe = ind.tipe_penghitungan
    catatan = []
    if tipe == TipePenghitungan.RASIO.value:
        return catatan
    angka = []
    for teks in sel:
        try:
            angka.append(_angka_sel(teks))
        except NilaiTidakValid:
            return catatan
    if tipe == TipePenghitungan.JUMLAH.value and all(a is not None for a in angka):
        total = sum(angka, Decimal(0))
        if total != target.nilai:
            catatan.append(
                f"Jumlah TW I–IV ({format_angka_alami(total)}) berbeda dengan target tahunan "
                f"({format_angka_alami(target.nilai)})"
            )
    if (
        tipe in (TipePenghitungan.KUMULATIF.value, TipePenghitungan.NILAI_AKHIR.value)
        and angka[3] is not None
        and angka[3] != target.nilai
    ):
        catatan.append(
            f"TW IV ({format_angka_alami(angka[3])}) berbeda dengan target tahunan "
            f"({format_angka_alami(target.nilai)})"
        )
    return catatan


def _angka_sel(teks: str) -> Decimal | None:
    return parse_nilai(teks).angka if teks else None


@require_http_methods(["GET", "POST"])
def rencana_aksi(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, boleh_ubah = get_perangkat_daerah_for_user(request.user, kode)
    if request.method == "POST" and not boleh_ubah:
        raise PermissionDenied(PESAN_HANYA_BACA)
    _renstra_tahun(pd, tahun)
    pk = (
        PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun)
        .order_by("-urutan_versi")
        .first()
    )
    target = (
        list(
            TargetPK.objects.filter(perjanjian_kinerja=pk)
            .select_related("indikator")
            .order_by("indikator__urutan", "indikator__kode")
        )
        if pk
        else []
    )
    indikator = [t.indikator for t in target]
    tahun_kunci = bool(_tahun_terkunci(pd, [tahun]))
    tw_kunci = _triwulan_terkunci(pd, tahun)
    terkunci = {1, 2, 3, 4} if tahun_kunci else set(tw_kunci)

    def muat_form(data=None) -> RencanaAksiForm:
        ada = {
            (r.indikator_id, r.triwulan): r
            for r in RencanaAksi.objects.filter(indikator__in=indikator, tahun=tahun)
        }
        asal = {
            kunci_rencana_aksi(i.pk, tw): teks_triwulan(ada.get((i.pk, tw)))
            for i in indikator
            for tw in (1, 2, 3, 4)
        }
        initial = dict(asal, asal=json.dumps(asal))
        if data is not None:
            return _segarkan_asal(
                RencanaAksiForm, data, asal, initial=initial, indikator=indikator, terkunci=terkunci
            )
        return RencanaAksiForm(initial=initial, indikator=indikator, terkunci=terkunci)

    form = muat_form()
    if request.method == "POST":
        form = RencanaAksiForm(
            request.POST, initial=form.initial, indikator=indikator, terkunci=terkunci
        )
        if form.is_valid():
            cd = form.cleaned_data
            nilai = {
                (i.pk, tw): cd[kunci_rencana_aksi(i.pk, tw)]
                for i in indikator
                for tw in (1, 2, 3, 4)
                if tw not in terkunci
            }
            try:
                jumlah = rencana_aksi_simpan(
                    perangkat_daerah=pd,
                    tahun=tahun,
                    pengguna=request.user,
                    nilai=nilai,
                    asal=cd["asal"],
                )
            except ValidationError as e:
                form = muat_form(request.POST)
                _tambah_galat(form, e)
            else:
                if jumlah:
                    messages.success(
                        request, f"Rencana Aksi {tahun} disimpan ({jumlah} sel berubah)."
                    )
                else:
                    messages.info(request, "Tidak ada perubahan yang perlu disimpan.")
                return redirect("perencanaan-rencana-aksi", kode=pd.kode, tahun=tahun)

    baris = []
    for t in target:
        ind = t.indikator
        sel = [form.initial.get(kunci_rencana_aksi(ind.pk, tw), "") for tw in (1, 2, 3, 4)]
        baris.append(
            {
                "ind": ind,
                "target": _tampil(t.nilai, t.label),
                "tipe": ind.get_tipe_penghitungan_display(),
                "keterangan_tipe": KETERANGAN_TIPE.get(ind.tipe_penghitungan, ""),
                "isian": form.sel(ind),
                "sel": [s or "-" for s in sel],
                "kosong": triwulan_belum_diisi(ind.tipe_penghitungan, sel),
                "catatan": _periksa_baris_ra(ind, sel, t),
            }
        )
    ctx = _ctx_dasar(pd, "perencanaan-rencana-aksi", tahun, boleh_ubah)
    ctx.update(
        {
            "pk": pk,
            "nama_versi": _nama_versi(pk.versi) if pk else "",
            "form": form,
            "baris": baris,
            "tahun_terkunci": tahun_kunci,
            "triwulan_terkunci": [
                f"TW {TRIWULAN_ROMAWI[q - 1]} ({s})" for q, s in sorted(tw_kunci.items())
            ],
            "kolom_tw": [(q, f"TW {TRIWULAN_ROMAWI[q - 1]}", q in terkunci) for q in (1, 2, 3, 4)],
            "jumlah_belum_lengkap": sum(1 for b in baris if b["kosong"]),
        }
    )
    return render(request, "kinerja/perencanaan/rencana_aksi.html", ctx)
