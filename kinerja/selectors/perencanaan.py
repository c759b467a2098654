"""Read-only queries and rows of the planning screens (Renstra, indikator, program tree,
Perjanjian Kinerja, PK berjenjang, Rencana Aksi).

The views of ``kinerja.views.perencanaan`` parse the request, call these and
render; the writes are ``kinerja.services.perencanaan``'s. The year register is
read through ``kinerja.selectors.tahun``.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kinerja.aturan import aturan_pemda
from kinerja.audit import format_waktu, nama_pengguna
from kinerja.engine.angka import Nilai, NilaiTidakValid, jumlah_desimal, parse_nilai
from kinerja.engine.capaian import target_acuan
from kinerja.engine.penilaian import nilai_indikator
from kinerja.engine.realisasi import TipePenghitungan
from kinerja.models import (
    RUMUS_NEGATIF_CHOICES,
    AnggaranProgramPK,
    Indikator,
    Kegiatan,
    LogPerubahan,
    Pemda,
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
from kinerja.selectors.tahun import tahun_list
from kinerja.services.perencanaan.common import teks_nilai, teks_triwulan
from kinerja.services.perencanaan.rencana_aksi import kunci_rencana_aksi
from lib.format import ROMAWI_TRIWULAN, format_angka_alami, format_persen, format_rupiah

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


def tampil(angka: Decimal | None, label: str = "") -> str:
    return teks_nilai(angka, label) or "-"


def pilih_renstra(daftar: list[Renstra], tahun: int | None) -> Renstra | None:
    if tahun is not None:
        for r in daftar:
            if r.mulai <= tahun <= r.selesai:
                return r
    return daftar[0] if daftar else None


def kode_relatif(kode: str, induk: str) -> str:
    """ "7.01.01.2.01" under "7.01.01" → "2.01" (the seeds show codes relative to the parent)."""
    if induk and kode.startswith(induk + "."):
        return kode[len(induk) + 1 :]
    return kode


def induk_indikator(ind: Indikator) -> tuple[str, Any]:
    for nama in ("sub_kegiatan", "kegiatan", "program", "sasaran", "tujuan"):
        obj = getattr(ind, nama) if getattr(ind, f"{nama}_id") else None
        if obj is not None:
            return NAMA_TINGKAT[nama], obj
    return "", None


def baris_indikator(ind: Indikator, tahun_list: list[int]) -> dict[str, Any]:
    target = {t.tahun: t for t in ind.target_tahunan.all()}
    return {
        "obj": ind,
        "target": [
            tampil(target[t].nilai, target[t].label) if t in target else "-" for t in tahun_list
        ],
        "akhir": tampil(ind.target_akhir, ind.target_akhir_label),
    }


def aturan_indikator(ind: Indikator, pemda) -> list[tuple[str, str]]:
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


def capaian_riwayat(ind: Indikator, aturan: Aturan, target, realisasi, atas=None) -> str:
    """Capaian of an earlier year, by the pemda's rules and the indicator's overrides;
    ``atas`` the upper bound of a target stated as a range (counted by the pemda's bound)."""
    if target is None or realisasi is None:
        return "-"
    target = target_acuan(Nilai(target, atas=atas), aturan.acuan_rentang)
    try:
        nilai = nilai_indikator(ind, aturan, target=target, realisasi=realisasi)
    except NilaiTidakValid:
        return "-"
    return format_persen(nilai.tampil)


def teks_log(nilai: Any) -> str:
    if nilai is None:
        return "-"
    if isinstance(nilai, dict):
        return "; ".join(f"{k}: {teks_log(v)}" for k, v in nilai.items())
    return str(nilai)


def daftar_pk(pd: PerangkatDaerah, tahun: int) -> list[PerjanjianKinerja]:
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


def nama_versi(versi: str) -> str:
    if versi == "murni":
        return "Murni"
    if versi == "perubahan":
        return "Perubahan"
    return "Perubahan " + versi.removeprefix("perubahan-")


def induk_pk(ind: Indikator) -> str:
    for nama in ("sasaran", "tujuan", "program"):
        obj = getattr(ind, nama) if getattr(ind, f"{nama}_id") else None
        if obj is not None:
            return getattr(obj, "uraian", None) or obj.nama
    return "-"


def isi_pk(pk: PerjanjianKinerja) -> dict[str, Any]:
    anggaran = list(pk.anggaran_program.all())
    return {
        "obj": pk,
        "nama": nama_versi(pk.versi),
        "target": [
            {
                "ind": t.indikator,
                "induk": induk_pk(t.indikator),
                "target": tampil(t.nilai, t.label),
            }
            for t in pk.target.all()
        ],
        "anggaran": anggaran,
        "total": sum((a.jumlah for a in anggaran), Decimal(0)),
    }


def selisih(lama: Decimal | None, baru: Decimal | None, uang: bool = False) -> str:
    if lama is None or baru is None or lama == baru:
        return ""
    beda = baru - lama
    teks = format_rupiah(abs(beda)) if uang else format_angka_alami(abs(beda))
    return ("+" if beda > 0 else "−") + teks


def beda_pk(murni: PerjanjianKinerja, ubah: PerjanjianKinerja) -> dict[str, Any]:
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
                "selisih": selisih(a.nilai if a else None, b.nilai if b else None),
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
                "selisih": selisih(
                    a.jumlah if a else Decimal(0), b.jumlah if b else Decimal(0), uang=True
                ),
            }
        )
    total_a = sum((a.jumlah for a in a_murni.values()), Decimal(0))
    total_b = sum((b.jumlah for b in a_ubah.values()), Decimal(0))
    return {
        "murni": murni,
        "perubahan": ubah,
        "nama_perubahan": nama_versi(ubah.versi),
        "target": baris_target,
        "anggaran": baris_anggaran,
        "total_murni": total_a,
        "total_perubahan": total_b,
        "total_selisih": selisih(total_a, total_b, uang=True),
        "jumlah_berubah": sum(1 for x in baris_target + baris_anggaran if x["berubah"]),
    }


def triwulan_terkunci(pd: PerangkatDaerah, tahun: int) -> dict[int, str]:
    """Quarters whose review locks them: triwulan → status name."""
    return {
        s.triwulan: s.get_status_display().lower()
        for s in StatusTriwulan.objects.filter(perangkat_daerah=pd, tahun=tahun)
        if s.terkunci
    }


def triwulan_belum_diisi(tipe: str, sel: list[str]) -> list[str]:
    """The quarters a row still lacks: all four, or only TW IV for a nilai-akhir indicator."""
    return [
        f"TW {ROMAWI_TRIWULAN[q]}"
        for q in range(4)
        if not sel[q] and (q == 3 or tipe != TipePenghitungan.NILAI_AKHIR.value)
    ]


def periksa_baris_ra(ind: Indikator, sel: list[str], target: TargetPK) -> list[str]:
    """Hints (not errors) about a row of quarterly targets against the annual PK target."""
    tipe = ind.tipe_penghitungan
    catatan = []
    if tipe == TipePenghitungan.RASIO.value:
        return catatan
    angka = []
    for teks in sel:
        try:
            angka.append(angka_sel(teks))
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


def angka_sel(teks: str) -> Decimal | None:
    return parse_nilai(teks).angka if teks else None


def tahun_aktif(pd: PerangkatDaerah, diminta: int | None) -> int:
    """The year the year-bound links of a page without a year point to: the year asked
    for, else the latest opened year, else this year."""
    if diminta is not None:
        return diminta
    dibuka = tahun_list(pd)
    if dibuka:
        return dibuka[0]
    return timezone.localdate().year


def indikator_pd(pd: PerangkatDaerah) -> QuerySet[Indikator]:
    """The indicators of ``pd``'s Renstra, with the objects they belong to."""
    return Indikator.objects.select_related(
        "renstra",
        "tujuan",
        "sasaran__tujuan",
        "program",
        "kegiatan__program",
        "sub_kegiatan__kegiatan",
    ).filter(renstra__perangkat_daerah=pd)


def riwayat_indikator(ind: Indikator, pemda: Pemda) -> list[dict[str, str | int]]:
    """The earlier years of ``ind`` with their capaian by the pemda's rules of today."""
    riwayat_list = list(ind.riwayat.all())
    aturan = aturan_pemda(pemda) if riwayat_list else None
    return [
        {
            "tahun": rw.tahun,
            "target": tampil(rw.target, rw.target_label),
            "realisasi": tampil(rw.realisasi, rw.realisasi_label),
            "capaian": capaian_riwayat(ind, aturan, rw.target, rw.realisasi, rw.target_atas)
            if rw.target is not None and rw.realisasi is not None
            else _capaian_dilaporkan(rw.capaian),
        }
        for rw in riwayat_list
    ]


def _capaian_dilaporkan(teks: str) -> str:
    """A capaian an earlier report printed (stored as printed), with its own decimals."""
    if not teks:
        return "-"
    angka = Decimal(teks)
    return format_persen(angka, jumlah_desimal(angka))


def target_pk_indikator(ind: Indikator) -> list[dict[str, Any]]:
    """The targets of ``ind`` in every Perjanjian Kinerja, by year and version."""
    return [
        {
            "tahun": t.perjanjian_kinerja.tahun,
            "versi": t.perjanjian_kinerja.versi,
            "target": tampil(t.nilai, t.label),
        }
        for t in TargetPK.objects.filter(indikator=ind)
        .select_related("perjanjian_kinerja")
        .order_by("perjanjian_kinerja__tahun", "perjanjian_kinerja__urutan_versi")
    ]


def log_indikator(pd: PerangkatDaerah, ind: Indikator) -> list[dict[str, str]]:
    """The last 30 changes of ``ind`` and of its targets."""
    return [
        {
            "waktu": format_waktu(x.waktu),
            "pengguna": nama_pengguna(x.pengguna),
            "uraian": x.objek,
            "lama": teks_log(x.data.get("lama")),
            "baru": teks_log(x.data.get("baru")),
        }
        for x in LogPerubahan.objects.filter(perangkat_daerah=pd)
        .filter(Q(objek_tipe="kinerja.indikator", objek_id=ind.pk) | Q(data__indikator_id=ind.pk))
        .select_related("pengguna")[:30]
    ]


def tujuan_renstra(r: Renstra, tahun_list: list[int]) -> dict[str, Any]:
    """The Renstra page: tujuan → sasaran with their indicators and yearly targets."""
    indikator = list(
        Indikator.objects.filter(
            renstra=r, program=None, kegiatan=None, sub_kegiatan=None
        ).prefetch_related("target_tahunan")
    )
    per_tujuan: dict[int, list] = defaultdict(list)
    per_sasaran: dict[int, list] = defaultdict(list)
    for ind in indikator:
        baris = baris_indikator(ind, tahun_list)
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
    return {
        "tahun_list": tahun_list,
        "tujuan": tujuan,
        "jumlah_indikator": len(indikator),
        "jumlah_iku": sum(1 for i in indikator if i.iku),
    }


def pohon_renstra(r: Renstra, tahun_list: list[int]) -> list[dict[str, Any]]:
    """The program → kegiatan → sub kegiatan tree of a Renstra with their indicators."""
    indikator: dict[tuple[str, int], list] = defaultdict(list)
    for ind in (
        Indikator.objects.filter(renstra=r, tujuan=None, sasaran=None)
        .prefetch_related("target_tahunan")
        .order_by("urutan")
    ):
        baris = baris_indikator(ind, tahun_list)
        baris["target_tahun"] = [
            (t.tahun, tampil(t.nilai, t.label)) for t in ind.target_tahunan.all()
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
    return pohon


def _nama_kode_renstra(renstra_obj: Renstra | None) -> dict[str, str]:
    """Program, kegiatan and sub kegiatan names by code."""
    nama_kode: dict[str, str] = {}
    if renstra_obj is None:
        return nama_kode
    for p in Program.objects.filter(renstra=renstra_obj).only("kode", "nama"):
        nama_kode[p.kode] = p.nama
    for k in Kegiatan.objects.filter(program__renstra=renstra_obj).only("kode", "nama"):
        nama_kode[k.kode] = k.nama
    for s in SubKegiatan.objects.filter(kegiatan__program__renstra=renstra_obj).only(
        "kode", "nama"
    ):
        nama_kode[s.kode] = s.nama
    return nama_kode


def _anggaran_pk_berjenjang(b: PKBerjenjang, nama_kode: dict[str, str]) -> list[dict[str, Any]]:
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
    return anggaran


def isi_pk_berjenjang(
    pd: PerangkatDaerah, tahun: int, renstra_obj: Renstra | None
) -> list[dict[str, Any]]:
    """The cascaded PKs of the year, each with its signature block, targets and budgets."""
    daftar = list(
        PKBerjenjang.objects.filter(perangkat_daerah=pd, tahun=tahun)
        .select_related("pejabat")
        .prefetch_related("sasaran")
        .order_by("urutan")
    )
    nama_kode = _nama_kode_renstra(renstra_obj)
    pejabat = pejabat_tahun(pd, tahun)
    return [
        {
            "obj": b,
            "ttd": penandatanganan(
                pd=pd, tahun=tahun, dokumen="pk_berjenjang", pkb=b, daftar=pejabat
            ),
            "sasaran": [
                {"obj": s, "target": tampil(s.target, s.target_label)} for s in b.sasaran.all()
            ],
            "anggaran": _anggaran_pk_berjenjang(b, nama_kode),
        }
        for b in daftar
    ]


def pk_terakhir(pd: PerangkatDaerah, tahun: int) -> PerjanjianKinerja | None:
    """The latest version of the year's Perjanjian Kinerja."""
    return (
        PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun)
        .order_by("-urutan_versi")
        .first()
    )


def target_pk_urut(pk: PerjanjianKinerja | None) -> list[TargetPK]:
    """The targets of ``pk`` in the indicators' order ([] without a PK)."""
    if not pk:
        return []
    return list(
        TargetPK.objects.filter(perjanjian_kinerja=pk)
        .select_related("indikator")
        .order_by("indikator__urutan", "indikator__kode")
    )


def rencana_aksi_tersimpan(indikator: list[Indikator], tahun: int) -> dict[str, str]:
    """The stored quarterly targets as the Rencana Aksi form shows them, by form key."""
    ada = {
        (r.indikator_id, r.triwulan): r
        for r in RencanaAksi.objects.filter(indikator__in=indikator, tahun=tahun)
    }
    return {
        kunci_rencana_aksi(i.pk, tw): teks_triwulan(ada.get((i.pk, tw)))
        for i in indikator
        for tw in (1, 2, 3, 4)
    }
