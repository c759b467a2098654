"""The pagu of one DPA version: program tree and jenis belanja amounts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from anggaran.forms import FormJumlah, Isian
from anggaran.models import DPA, Pagu, PaguJenisBelanja
from anggaran.selectors import kunci_kode, pohon_node
from anggaran.services.pagu import BarisPagu, pagu_simpan
from anggaran.views.common import label_versi, tahun_ada
from kinerja.access import PESAN_HANYA_BACA, get_perangkat_daerah_for_user
from kinerja.engine.hitung import nama_jenis_belanja
from kinerja.engine.penyerapan import Simpul, gulung, jumlah, pohon_dari_kode
from kinerja.forms.errors import add_service_errors
from kinerja.models import PerangkatDaerah
from kinerja.services.kunci import tahun_terkunci
from kinerja.views.tahun import halaman_tahun_belum_dibuka


def _kunci_node(tingkat: str, pk: int) -> str:
    return f"{tingkat}-{pk}"


def _kunci_jenis(kode: str) -> str:
    return "jenis-" + kode.replace(".", "_")


def _jumlah_rincian(node, jumlah_node: dict[str, Decimal | None]) -> dict[str, Decimal | None]:
    """kunci → sum of the children of every parent (None when no child has an amount)."""
    akar: list[Simpul] = []
    program = kegiatan = None
    for tingkat, obj, _ in node:
        kunci = _kunci_node(tingkat, obj.pk)
        s = Simpul(kode=kunci, tingkat=tingkat, pagu=jumlah_node.get(kunci))
        if tingkat == "program":
            akar.append(s)
            program = s
        elif tingkat == "kegiatan":
            program.anak.append(s)
            kegiatan = s
        else:
            kegiatan.anak.append(s)
    hasil, _ = gulung(akar)
    return {h.kode: h.pagu_anak for h in hasil}


# --------------------------------------------------------------------------- pagu of a DPA version


@dataclass
class _LayarDPA:
    """What the DPA screen needs: the program tree, the stored amounts, the form rows."""

    node: list[tuple[str, object, int]]
    tersimpan: dict[str, Decimal | None]  # form field name → stored amount
    jenis_tersimpan: dict[str, Decimal]
    kode_jenis: list[str]
    tahun: int

    @classmethod
    def muat(cls, pd: PerangkatDaerah, dokumen: DPA) -> _LayarDPA:
        node = pohon_node(pd, dokumen.tahun)
        tersimpan: dict[str, Decimal | None] = {}
        for p in Pagu.objects.filter(dpa=dokumen):
            if p.sub_kegiatan_id:
                tersimpan[_kunci_node("sub_kegiatan", p.sub_kegiatan_id)] = p.jumlah
            elif p.kegiatan_id:
                tersimpan[_kunci_node("kegiatan", p.kegiatan_id)] = p.jumlah
            else:
                tersimpan[_kunci_node("program", p.program_id)] = p.jumlah
        jenis = {j.kode: j.jumlah for j in PaguJenisBelanja.objects.filter(dpa=dokumen)}
        # The standard accounts are always offered, with whatever else the DPA holds.
        kode_jenis = sorted(
            {k for k in nama_jenis_belanja(dokumen.tahun) if k != "5"} | set(jenis),
            key=kunci_kode,
        )
        for k in kode_jenis:
            tersimpan[_kunci_jenis(k)] = jenis.get(k)
        return cls(
            node=node,
            tersimpan=tersimpan,
            jenis_tersimpan=jenis,
            kode_jenis=kode_jenis,
            tahun=dokumen.tahun,
        )

    def isian(self) -> list[Isian]:
        hasil = []
        for tingkat, obj, _ in self.node:
            k = _kunci_node(tingkat, obj.pk)
            hasil.append(
                Isian(
                    kunci=k,
                    label=f"Pagu {obj.kode}",
                    jumlah=self.tersimpan.get(k),
                    dimuat={"awal": self.tersimpan.get(k)},
                    petunjuk="" if tingkat == "sub_kegiatan" else "jumlah rincian",
                )
            )
        for kode in self.kode_jenis:
            k = _kunci_jenis(kode)
            hasil.append(
                Isian(
                    kunci=k,
                    label=f"Pagu jenis belanja {kode}",
                    jumlah=self.tersimpan[k],
                    dimuat={"awal": self.tersimpan[k]},
                    petunjuk="jumlah rincian" if kode.count(".") < 2 else "",
                )
            )
        return hasil

    def baris_pagu(self, form: FormJumlah) -> list[BarisPagu]:
        baris = []
        for tingkat, obj, _ in self.node:
            k = _kunci_node(tingkat, obj.pk)
            baris.append(
                BarisPagu(
                    kunci=k,
                    jenis=tingkat,
                    node_id=obj.pk,
                    kode=obj.kode,
                    dimuat=form.dimuat("awal", k),
                    baru=form.cleaned_data[k],
                )
            )
        for kode in self.kode_jenis:
            k = _kunci_jenis(kode)
            baris.append(
                BarisPagu(
                    kunci=k,
                    jenis="jenis_belanja",
                    kode=kode,
                    dimuat=form.dimuat("awal", k),
                    baru=form.cleaned_data[k],
                )
            )
        return baris

    def segarkan(self, form: FormJumlah, error: ValidationError) -> None:
        """After a refused save the refused rows carry the amounts stored now."""
        for k in getattr(error, "error_dict", {}):
            form.perbarui_dimuat("awal", k, self.tersimpan.get(k))

    def tampilan(self, form: FormJumlah) -> dict:
        rincian = _jumlah_rincian(self.node, self.tersimpan)
        baris_node = []
        for tingkat, obj, kedalaman in self.node:
            k = _kunci_node(tingkat, obj.pk)
            stated = self.tersimpan.get(k)
            anak = rincian.get(k) if tingkat != "sub_kegiatan" else None
            baris_node.append(
                {
                    "tingkat": tingkat,
                    "kode": obj.kode,
                    "nama": obj.nama,
                    "kedalaman": kedalaman,
                    "field": form[k],
                    "awal": form[f"awal-{k}"],
                    "jumlah": stated,
                    "rincian": anak,
                    "selisih": stated is not None and anak is not None and stated != anak,
                }
            )
        nama_jenis = nama_jenis_belanja(self.tahun)
        pohon_jenis, _ = gulung(pohon_dari_kode(self.jenis_tersimpan, dict(nama_jenis)))
        rincian_jenis = {h.kode: h.pagu_anak for h in pohon_jenis}
        baris_jenis = [
            {
                "kode": kode,
                "nama": nama_jenis.get(kode, kode),
                "kedalaman": kode.count("."),
                "field": form[_kunci_jenis(kode)],
                "awal": form[f"awal-{_kunci_jenis(kode)}"],
                "jumlah": self.jenis_tersimpan.get(kode),
                "rincian": rincian_jenis.get(kode),
            }
            for kode in self.kode_jenis
        ]
        total = jumlah(
            b["jumlah"] if b["jumlah"] is not None else b["rincian"]
            for b in baris_node
            if b["kedalaman"] == 0
        )
        return {"baris_node": baris_node, "baris_jenis": baris_jenis, "total": total}


@require_http_methods(["GET", "POST"])
def dpa(request: HttpRequest, kode: str, tahun: int, versi: str) -> HttpResponse:
    pd, rw = get_perangkat_daerah_for_user(request.user, kode)
    if request.method == "POST" and not rw:
        raise PermissionDenied(PESAN_HANYA_BACA)
    dokumen = DPA.objects.filter(perangkat_daerah=pd, tahun=tahun, versi=versi).first()
    if dokumen is None:
        if not tahun_ada(pd, tahun):
            return halaman_tahun_belum_dibuka(request, pd, tahun, judul="DPA")
        raise Http404("Versi DPA tidak ditemukan.")
    layar = _LayarDPA.muat(pd, dokumen)
    form = FormJumlah(request.POST if request.method == "POST" else None, isian=layar.isian())
    if form.is_bound and form.is_valid():
        try:
            n = pagu_simpan(dpa=dokumen, baris=layar.baris_pagu(form), pengguna=request.user)
        except ValidationError as e:
            add_service_errors(form, e)
            layar.segarkan(form, e)
        else:
            if n:
                pesan = f"Pagu DPA {label_versi(versi).lower()} disimpan ({n} angka diubah)."
                messages.success(request, pesan)
            else:
                messages.info(request, "Tidak ada angka yang berubah.")
            return redirect("anggaran-dpa", pd.kode, tahun, versi)

    terkunci = tahun_terkunci(pd, tahun)
    semua_versi = DPA.objects.filter(perangkat_daerah=pd, tahun=tahun).order_by("urutan_versi")
    ctx = {
        "page": "anggaran",
        "pd": pd,
        "tahun": tahun,
        "dpa": dokumen,
        "label_versi": label_versi(versi),
        "semua_versi": [
            (
                label_versi(d.versi),
                reverse("anggaran-dpa", args=[pd.kode, tahun, d.versi]),
                d.pk == dokumen.pk,
            )
            for d in semua_versi
        ],
        "rw": rw,
        "boleh_ubah": rw and not terkunci,
        "terkunci": terkunci,
        "form": form,
        **layar.tampilan(form),
    }
    return render(request, "anggaran/dpa.html", ctx)
