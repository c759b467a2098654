"""The realisasi anggaran of sub kegiatan within one triwulan."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from anggaran.forms import FormJumlah, Isian
from anggaran.models import DPA, Pagu, RealisasiAnggaran
from anggaran.selectors import pohon_node
from anggaran.services.realisasi import BarisRealisasiAnggaran, realisasi_anggaran_simpan_triwulan
from anggaran.views.common import label_versi, tahun_ada
from kinerja.access import PESAN_HANYA_BACA, get_perangkat_daerah_for_user
from kinerja.engine.penyerapan import jumlah, penyerapan
from kinerja.forms.errors import add_service_errors
from kinerja.models import PerangkatDaerah
from kinerja.services.kunci import pastikan_triwulan_terbuka
from kinerja.services.realisasi import ROMAWI
from kinerja.views.tahun import halaman_tahun_belum_dibuka


@dataclass
class _LayarRealisasi:
    """What the quarterly realisasi screen needs: sub kegiatan, their amounts and pagu."""

    triwulan: int
    node: list[tuple[str, object, int]]
    tw: dict[int, list[Decimal | None]]  # sub kegiatan pk → amounts of TW I–IV
    tahunan: dict[int, Decimal]  # sub kegiatan pk → annual amount (no triwulan)
    pagu: dict[int, Decimal]
    dpa_berlaku: DPA | None

    @classmethod
    def muat(cls, pd: PerangkatDaerah, tahun: int, triwulan: int) -> _LayarRealisasi:
        tw: dict[int, list[Decimal | None]] = defaultdict(lambda: [None] * 4)
        tahunan: dict[int, Decimal] = {}
        for r in RealisasiAnggaran.objects.filter(
            perangkat_daerah=pd, tahun=tahun, sub_kegiatan__isnull=False
        ).order_by("id"):
            if r.triwulan is None:
                tahunan.setdefault(r.sub_kegiatan_id, r.jumlah)
            elif tw[r.sub_kegiatan_id][r.triwulan - 1] is None:
                tw[r.sub_kegiatan_id][r.triwulan - 1] = r.jumlah
        berlaku = (
            DPA.objects.filter(perangkat_daerah=pd, tahun=tahun).order_by("-urutan_versi").first()
        )
        pagu = {}
        if berlaku is not None:
            pagu = dict(
                Pagu.objects.filter(dpa=berlaku, sub_kegiatan__isnull=False).values_list(
                    "sub_kegiatan_id", "jumlah"
                )
            )
        return cls(triwulan, pohon_node(pd, tahun), tw, tahunan, pagu, berlaku)

    @property
    def sub(self) -> list:
        return [obj for tingkat, obj, _ in self.node if tingkat == "sub_kegiatan"]

    @staticmethod
    def kunci(sub) -> str:
        return f"sub-{sub.pk}"

    def isian(self) -> list[Isian]:
        q = self.triwulan - 1
        return [
            Isian(
                kunci=self.kunci(s),
                label=f"Realisasi {s.kode} triwulan {ROMAWI[q]}",
                jumlah=self.tw[s.pk][q],
                dimuat={"awal": self.tw[s.pk][q], "tahunan": self.tahunan.get(s.pk)},
            )
            for s in self.sub
        ]

    def baris_realisasi(self, form: FormJumlah) -> list[BarisRealisasiAnggaran]:
        return [
            BarisRealisasiAnggaran(
                kunci=self.kunci(s),
                sub_kegiatan_id=s.pk,
                dimuat=form.dimuat("awal", self.kunci(s)),
                tahunan_dimuat=form.dimuat("tahunan", self.kunci(s)),
                baru=form.cleaned_data[self.kunci(s)],
            )
            for s in self.sub
        ]

    def segarkan(self, form: FormJumlah, error: ValidationError) -> None:
        """After a refused save the refused rows carry the amounts stored now."""
        ditolak = getattr(error, "error_dict", {})
        for s in self.sub:
            if self.kunci(s) in ditolak:
                form.perbarui_dimuat("awal", self.kunci(s), self.tw[s.pk][self.triwulan - 1])
                form.perbarui_dimuat("tahunan", self.kunci(s), self.tahunan.get(s.pk))

    def tampilan(self, form: FormJumlah) -> list[dict]:
        baris = []
        for tingkat, obj, _ in self.node:
            if tingkat != "sub_kegiatan":
                baris.append({"tingkat": tingkat, "kode": obj.kode, "nama": obj.nama})
                continue
            nilai = self.tw[obj.pk]
            ada_tw = any(v is not None for v in nilai)
            setahun = jumlah(nilai) if ada_tw else self.tahunan.get(obj.pk)
            pagu = self.pagu.get(obj.pk)
            k = self.kunci(obj)
            baris.append(
                {
                    "tingkat": tingkat,
                    "kode": obj.kode,
                    "nama": obj.nama,
                    "field": form[k],
                    "awal": form[f"awal-{k}"],
                    "awal_tahunan": form[f"tahunan-{k}"],
                    "pagu": pagu,
                    "sebelum": jumlah(nilai[: self.triwulan - 1]) if ada_tw else None,
                    "sd": jumlah(nilai[: self.triwulan]) if ada_tw else None,
                    "tahunan": None if ada_tw else self.tahunan.get(obj.pk),
                    "setahun": setahun,
                    "penyerapan": penyerapan(pagu, setahun),
                    "melebihi": pagu is not None and setahun is not None and setahun > pagu,
                }
            )
        return baris


@require_http_methods(["GET", "POST"])
def realisasi(request: HttpRequest, kode: str, tahun: int, triwulan: int) -> HttpResponse:
    pd, rw = get_perangkat_daerah_for_user(request.user, kode)
    if request.method == "POST" and not rw:
        raise PermissionDenied(PESAN_HANYA_BACA)
    if triwulan not in (1, 2, 3, 4):
        raise Http404("Triwulan harus 1 sampai 4.")
    if not tahun_ada(pd, tahun):
        return halaman_tahun_belum_dibuka(request, pd, tahun, judul="Realisasi anggaran")
    layar = _LayarRealisasi.muat(pd, tahun, triwulan)
    form = FormJumlah(request.POST if request.method == "POST" else None, isian=layar.isian())
    if form.is_bound and form.is_valid():
        try:
            hasil = realisasi_anggaran_simpan_triwulan(
                pd=pd,
                tahun=tahun,
                triwulan=triwulan,
                baris=layar.baris_realisasi(form),
                pengguna=request.user,
            )
        except ValidationError as e:
            add_service_errors(form, e)
            layar.segarkan(form, e)
        else:
            if hasil.berubah:
                messages.success(
                    request,
                    f"Realisasi anggaran triwulan {ROMAWI[triwulan - 1]} disimpan "
                    f"({hasil.berubah} sub kegiatan diubah).",
                )
            else:
                messages.info(request, "Tidak ada angka yang berubah.")
            for p in hasil.peringatan:
                messages.warning(request, p)
            return redirect("anggaran-realisasi", pd.kode, tahun, triwulan)

    alasan_kunci = None
    try:
        pastikan_triwulan_terbuka(pd, tahun, triwulan)
    except ValidationError as e:
        alasan_kunci = " ".join(e.messages)
    baris = layar.tampilan(form)
    ctx = {
        "page": "anggaran",
        "pd": pd,
        "tahun": tahun,
        "triwulan": triwulan,
        "romawi": ROMAWI[triwulan - 1],
        "rw": rw,
        "boleh_ubah": rw and alasan_kunci is None,
        "alasan_kunci": alasan_kunci,
        "form": form,
        "baris": baris,
        "ada_tahunan": any(b.get("tahunan") is not None for b in baris),
        "dpa_berlaku": label_versi(layar.dpa_berlaku.versi) if layar.dpa_berlaku else None,
        "tab_triwulan": [
            (ROMAWI[q - 1], reverse("anggaran-realisasi", args=[pd.kode, tahun, q]), q == triwulan)
            for q in (1, 2, 3, 4)
        ],
    }
    return render(request, "anggaran/realisasi.html", ctx)
