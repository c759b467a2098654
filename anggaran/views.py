"""Budget screens: summary of the year, pagu of a DPA version, realisasi anggaran per triwulan."""

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
from anggaran.models import DPA, Pagu, PaguJenisBelanja, RealisasiAnggaran
from anggaran.services import (
    ROMAWI,
    BarisPagu,
    BarisRealisasiAnggaran,
    jenis_belanja_berdampingan,
    kunci_kode,
    pagu_simpan,
    penyerapan_per_triwulan,
    realisasi_anggaran_simpan_triwulan,
    tabel_realisasi_triwulan,
    total_pagu_versi,
)
from kinerja.access import PESAN_HANYA_BACA, get_perangkat_daerah_for_user
from kinerja.engine.hitung import NAMA_JENIS_BELANJA, hitung
from kinerja.engine.penyerapan import Simpul, gulung, jumlah, penyerapan, pohon_dari_kode
from kinerja.models import Kegiatan, PerangkatDaerah, Program, Renstra, SubKegiatan
from kinerja.paket.db import paket_muat
from kinerja.paket.types import urutan_versi
from kinerja.selectors.tahun import tahun_dibuka, tahun_terkunci
from kinerja.services.kunci import pastikan_triwulan_terbuka
from kinerja.views.tahun import halaman_tahun_belum_dibuka

PESAN_TAHUN_TERKUNCI = "Data tahun {tahun} sudah terkunci karena LKjIP telah ditetapkan."


def label_versi(versi: str) -> str:
    """ "murni" → "Murni", "perubahan" → "Perubahan", "perubahan-2" → "Perubahan ke-2"."""
    if versi == "murni":
        return "Murni"
    n = urutan_versi(versi)
    return "Perubahan" if n == 1 else f"Perubahan ke-{n}"


def _tahun_ada(pd: PerangkatDaerah, tahun: int) -> bool:
    return tahun_dibuka(pd, tahun)


# --------------------------------------------------------------------------- summary


def ringkasan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, rw = get_perangkat_daerah_for_user(request.user, kode)
    paket = paket_muat(pd, tahun)
    th = paket.cari_tahun(tahun)
    if th is None:
        return halaman_tahun_belum_dibuka(request, pd, tahun, judul="Anggaran")
    hasil = hitung(paket, tahun)
    dpa_urut = sorted(th.dpa, key=lambda d: urutan_versi(d.versi))
    berlaku = th.dpa_berlaku()

    melebihi = {x.kode for x in hasil.temuan if x.jenis == "realisasi_melebihi_pagu"}
    pohon = [dict(a, melebihi=a["kode"] in melebihi) for a in hasil.anggaran]

    versi = [
        {
            "versi": d.versi,
            "label": label_versi(d.versi),
            "tanggal": d.tanggal,
            "total": total_pagu_versi(paket, d),
            "berlaku": d is berlaku,
            "url": reverse("anggaran-dpa", args=[pd.kode, tahun, d.versi]),
        }
        for d in dpa_urut
    ]

    jb = jenis_belanja_berdampingan(hasil.jenis_belanja, dpa_urut, berlaku)
    jb["kolom"] = [label_versi(v) for v in jb["kolom"]]
    ctx = {
        "page": "anggaran",
        "pd": pd,
        "tahun": tahun,
        "rw": rw,
        "versi": versi,
        "berlaku": label_versi(berlaku.versi) if berlaku else None,
        "pohon": pohon,
        "jenis_belanja": jb,
        "triwulan": tabel_realisasi_triwulan(paket, th, hasil.anggaran_per_kode()),
        "penyerapan_tw": penyerapan_per_triwulan(paket, tahun),
        "url_triwulan": [
            (ROMAWI[q - 1], reverse("anggaran-realisasi", args=[pd.kode, tahun, q]))
            for q in (1, 2, 3, 4)
        ],
        "temuan": [x for x in hasil.temuan if _temuan_anggaran(x)],
    }
    return render(request, "anggaran/ringkasan.html", ctx)


def _temuan_anggaran(x) -> bool:
    if x.jenis == "jumlah_tidak_sesuai":
        return not x.lokasi.startswith("PK")
    return x.jenis in (
        "realisasi_melebihi_pagu",
        "total_jenis_belanja_tidak_sesuai",
        "anggaran_pk_tidak_cocok_dpa",
    )


# --------------------------------------------------------------------------- the program tree


def _pohon_node(pd: PerangkatDaerah, tahun: int) -> list[tuple[str, object, int]]:
    """(tingkat, node, depth) of the program tree of the Renstra covering ``tahun`` (else the
    latest), in document order."""
    renstra = (
        Renstra.objects.filter(perangkat_daerah=pd, mulai__lte=tahun, selesai__gte=tahun).first()
        or Renstra.objects.filter(perangkat_daerah=pd).order_by("-mulai").first()
    )
    if renstra is None:
        return []
    kegiatan = defaultdict(list)
    for k in Kegiatan.objects.filter(program__renstra=renstra).order_by("urutan", "kode"):
        kegiatan[k.program_id].append(k)
    sub = defaultdict(list)
    for s in SubKegiatan.objects.filter(kegiatan__program__renstra=renstra).order_by(
        "urutan", "kode"
    ):
        sub[s.kegiatan_id].append(s)
    hasil = []
    for p in Program.objects.filter(renstra=renstra).order_by("urutan", "kode"):
        hasil.append(("program", p, 0))
        for k in kegiatan[p.pk]:
            hasil.append(("kegiatan", k, 1))
            for s in sub[k.pk]:
                hasil.append(("sub_kegiatan", s, 2))
    return hasil


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

    @classmethod
    def muat(cls, pd: PerangkatDaerah, dokumen: DPA) -> _LayarDPA:
        node = _pohon_node(pd, dokumen.tahun)
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
            {k for k in NAMA_JENIS_BELANJA if k != "5"} | set(jenis), key=kunci_kode
        )
        for k in kode_jenis:
            tersimpan[_kunci_jenis(k)] = jenis.get(k)
        return cls(node=node, tersimpan=tersimpan, jenis_tersimpan=jenis, kode_jenis=kode_jenis)

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

    def segarkan(self, form: FormJumlah, galat: ValidationError) -> None:
        """After a refused save the refused rows carry the amounts stored now."""
        for k in getattr(galat, "error_dict", {}):
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
        pohon_jenis, _ = gulung(pohon_dari_kode(self.jenis_tersimpan, dict(NAMA_JENIS_BELANJA)))
        rincian_jenis = {h.kode: h.pagu_anak for h in pohon_jenis}
        baris_jenis = [
            {
                "kode": kode,
                "nama": NAMA_JENIS_BELANJA.get(kode, kode),
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
        if not _tahun_ada(pd, tahun):
            return halaman_tahun_belum_dibuka(request, pd, tahun, judul="DPA")
        raise Http404("Versi DPA tidak ditemukan.")
    layar = _LayarDPA.muat(pd, dokumen)
    form = FormJumlah(request.POST if request.method == "POST" else None, isian=layar.isian())
    if form.is_bound and form.is_valid():
        try:
            n = pagu_simpan(dpa=dokumen, baris=layar.baris_pagu(form), pengguna=request.user)
        except ValidationError as e:
            form.tempel_galat(e)
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


# --------------------------------------------------------------------------- realisasi per triwulan


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
        return cls(triwulan, _pohon_node(pd, tahun), tw, tahunan, pagu, berlaku)

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

    def segarkan(self, form: FormJumlah, galat: ValidationError) -> None:
        """After a refused save the refused rows carry the amounts stored now."""
        ditolak = getattr(galat, "error_dict", {})
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
    if not _tahun_ada(pd, tahun):
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
            form.tempel_galat(e)
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
