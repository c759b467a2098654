"""Read-only budget questions.

The ORM reads (whose is a node, the program tree of a year, who changed an amount) come
first; the reads after them are pure: they take the plain data of ``kinerja.paket.types``
(from ``paket_muat``), never the ORM, so the dashboard, the budget screens and the LKjIP
document compute quarterly figures alike.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from anggaran.models import AnggaranSasaran
from kinerja.audit import format_waktu, nama_pengguna
from kinerja.engine.hitung import NAMA_JENIS_BELANJA, nama_jenis_belanja, pohon_program
from kinerja.engine.penyerapan import gulung, jumlah, penyerapan
from kinerja.models import (
    Kegiatan,
    LogPerubahan,
    PerangkatDaerah,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
)
from kinerja.paket import types as t


def pengubah_terakhir(pd: PerangkatDaerah, kunci: str) -> str:
    """ "operator_a pada 14 April 2025 10.32" from the audit trail of this amount."""
    log = (
        LogPerubahan.objects.filter(perangkat_daerah=pd, data__kunci=kunci)
        .select_related("pengguna")
        .first()
    )
    if log is None:
        return "pengguna lain"
    return f"{nama_pengguna(log.pengguna)} pada {format_waktu(log.waktu)}"


def node_milik_pd(pd: PerangkatDaerah, tingkat: str, ids: set[int]) -> dict[int, str]:
    """id → kode of the nodes of ``tingkat`` among ``ids`` that belong to ``pd``."""
    if not ids:
        return {}
    if tingkat == "program":
        qs = Program.objects.filter(renstra__perangkat_daerah=pd)
    elif tingkat == "kegiatan":
        qs = Kegiatan.objects.filter(program__renstra__perangkat_daerah=pd)
    else:
        qs = SubKegiatan.objects.filter(kegiatan__program__renstra__perangkat_daerah=pd)
    return dict(qs.filter(pk__in=ids).values_list("pk", "kode"))


def sasaran_milik_pd(pd: PerangkatDaerah, ids: set[int]) -> dict[int, str]:
    """id → kode of the sasaran among ``ids`` that belong to ``pd``."""
    if not ids:
        return {}
    return dict(
        Sasaran.objects.filter(tujuan__renstra__perangkat_daerah=pd, pk__in=ids).values_list(
            "pk", "kode"
        )
    )


def anggaran_sasaran_tahun(pd: PerangkatDaerah, tahun: int) -> list[AnggaranSasaran]:
    """The budget stated per sasaran of ``pd`` in ``tahun`` as held (``AnggaranSasaran``
    with its sasaran), in the Renstra's order of sasaran."""
    return list(
        AnggaranSasaran.objects.filter(perangkat_daerah=pd, tahun=tahun)
        .select_related("sasaran__tujuan")
        .order_by("sasaran__tujuan__urutan", "sasaran__urutan", "sasaran__kode")
    )


def sasaran_tahun(pd: PerangkatDaerah, tahun: int) -> list[Sasaran]:
    """The sasaran of the Renstra covering ``tahun`` (else the latest), in document order."""
    renstra = renstra_tahun(pd, tahun)
    if renstra is None:
        return []
    return list(
        Sasaran.objects.filter(tujuan__renstra=renstra)
        .select_related("tujuan")
        .order_by("tujuan__urutan", "urutan")
    )


def renstra_tahun(pd: PerangkatDaerah, tahun: int) -> Renstra | None:
    """The Renstra covering ``tahun``, else the latest one."""
    return (
        Renstra.objects.filter(perangkat_daerah=pd, mulai__lte=tahun, selesai__gte=tahun).first()
        or Renstra.objects.filter(perangkat_daerah=pd).order_by("-mulai").first()
    )


def node_per_kode(renstra) -> dict[str, dict[str, object]]:
    """kode → {"program"|"kegiatan"|"sub_kegiatan": node} of one Renstra's program tree."""
    hasil: dict[str, dict[str, object]] = {}
    for p in Program.objects.filter(renstra=renstra):
        hasil[p.kode] = {"program": p}
    for k in Kegiatan.objects.filter(program__renstra=renstra):
        hasil[k.kode] = {"kegiatan": k}
    for s in SubKegiatan.objects.filter(kegiatan__program__renstra=renstra):
        hasil[s.kode] = {"sub_kegiatan": s}
    return hasil


def pohon_node(pd: PerangkatDaerah, tahun: int) -> list[tuple[str, object, int]]:
    """(tingkat, node, depth) of the program tree of the Renstra covering ``tahun`` (else the
    latest), in document order."""
    renstra = renstra_tahun(pd, tahun)
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


# --------------------------------------------------------------------------- reads (pure)


def realisasi_sd_triwulan(nilai: Decimal | list[Decimal | None] | None, triwulan: int):
    """Spending of one node up to and including ``triwulan``.

    Quarterly amounts are summed; an annual amount without quarters counts in
    triwulan IV (before that it is not known when it was spent). None: nothing.
    """
    if nilai is None:
        return None
    if isinstance(nilai, list):
        return jumlah(nilai[:triwulan])
    return nilai if triwulan == 4 else None


@dataclass(frozen=True)
class PenyerapanTriwulan:
    triwulan: int
    pagu: Decimal | None
    realisasi: Decimal | None
    penyerapan: Decimal | None


def penyerapan_per_triwulan(paket: t.Paket, tahun: int) -> list[PenyerapanTriwulan]:
    """Cumulative realisasi anggaran s.d. each triwulan over the pagu of the DPA in force.

    Parents are resolved as everywhere else (a stated parent amount wins over its
    children's sum), so triwulan IV equals the year's total of ``hitung``.
    """
    th = paket.cari_tahun(tahun)
    if th is None:
        return []
    dpa = th.dpa_berlaku()
    pagu = dict(dpa.pagu) if dpa else {}
    hasil = []
    for q in (1, 2, 3, 4):
        realisasi = {kode: realisasi_sd_triwulan(v, q) for kode, v in th.realisasi_anggaran.items()}
        simpul, _ = gulung(pohon_program(paket, pagu, realisasi))
        akar = [h for h in simpul if h.kedalaman == 0]
        total_pagu = jumlah(h.pagu for h in akar)
        total_realisasi = jumlah(h.realisasi for h in akar)
        hasil.append(
            PenyerapanTriwulan(
                triwulan=q,
                pagu=total_pagu,
                realisasi=total_realisasi,
                penyerapan=penyerapan(total_pagu, total_realisasi),
            )
        )
    return hasil


def total_pagu_versi(paket: t.Paket, dpa: t.DPA) -> Decimal | None:
    """Total pagu of one DPA version over the program tree (stated parents win)."""
    simpul, _ = gulung(pohon_program(paket, dict(dpa.pagu), {}))
    return jumlah(h.pagu for h in simpul if h.kedalaman == 0)


def kunci_kode(kode: str) -> tuple:
    """Natural order of dotted codes: "5.1.2" before "5.1.10"."""
    return tuple((0, int(b), "") if b.isdigit() else (1, 0, b) for b in kode.split("."))


def jenis_belanja_berdampingan(
    rows: list[dict], dpa_urut: list[t.DPA], berlaku: t.DPA | None, tahun: int | None = None
) -> dict:
    """The jenis belanja tree of every DPA version in columns, before → after perubahan.

    ``rows`` are the ``jenis_belanja`` rows of ``hitung`` (each with its "versi" and the
    name of its account in the year's classification); a row without a name takes the
    standard one of ``tahun`` (Permendagri 13/2006 before 2021). "kolom" lists the
    versions present, oldest first.
    """
    standar = nama_jenis_belanja(tahun) if tahun else NAMA_JENIS_BELANJA
    per_versi: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in rows:
        per_versi[r["versi"]][r["kode"]] = r
    kolom = [d.versi for d in dpa_urut if d.versi in per_versi]
    if not kolom:
        return {"kolom": [], "baris": [], "total": []}
    kode_semua = sorted({k for v in per_versi.values() for k in v}, key=kunci_kode)
    baris = []
    for kode in kode_semua:
        ada = [per_versi[v].get(kode) for v in kolom]
        pertama = next(r for r in ada if r is not None)
        pagu = [r["pagu"] if r else None for r in ada]
        akhir = per_versi.get(berlaku.versi, {}).get(kode) if berlaku else None
        baris.append(
            {
                "kode": kode,
                "nama": pertama["nama"] or standar.get(kode) or kode,
                "kedalaman": pertama["kedalaman"],
                "pagu": pagu,
                "selisih": None
                if len(pagu) < 2 or pagu[0] is None or pagu[-1] is None
                else pagu[-1] - pagu[0],
                "realisasi": akhir["realisasi"] if akhir else None,
                "penyerapan": akhir["penyerapan"] if akhir else None,
            }
        )
    total = [jumlah(r["pagu"] for r in per_versi[v].values() if r["kedalaman"] == 0) for v in kolom]
    return {
        "kolom": kolom,
        "baris": baris,
        "total": total,
        "selisih_total": total[-1] - total[0]
        if len(total) > 1 and None not in (total[0], total[-1])
        else None,
        "ada_perubahan": len(kolom) > 1,
    }


def tabel_realisasi_triwulan(paket: t.Paket, th: t.Tahun, anggaran: dict[str, dict]) -> dict:
    """Realisasi anggaran per triwulan of every sub kegiatan, under its program and kegiatan."""
    baris = []
    total_tw: list[list] = [[], [], [], []]
    total_tahunan = []
    for p in paket.program:
        baris.append({"jenis": "program", "kode": p.kode, "nama": p.nama})
        for k in p.kegiatan:
            baris.append({"jenis": "kegiatan", "kode": k.kode, "nama": k.nama})
            for s in k.sub_kegiatan:
                nilai = th.realisasi_anggaran.get(s.kode)
                tw = nilai if isinstance(nilai, list) else [None] * 4
                tahunan = None if isinstance(nilai, list) else nilai
                for q in range(4):
                    total_tw[q].append(tw[q])
                total_tahunan.append(tahunan)
                realisasi = jumlah(tw) if isinstance(nilai, list) else tahunan
                pagu = anggaran.get(s.kode, {}).get("pagu")
                baris.append(
                    {
                        "jenis": "sub_kegiatan",
                        "kode": s.kode,
                        "nama": s.nama,
                        "tw": tw,
                        "tahunan": tahunan,
                        "realisasi": realisasi,
                        "pagu": pagu,
                        "penyerapan": penyerapan(pagu, realisasi),
                        "melebihi": pagu is not None and realisasi is not None and realisasi > pagu,
                    }
                )
    return {
        "baris": baris,
        "total_tw": [jumlah(x) for x in total_tw],
        "total_tahunan": jumlah(total_tahunan),
        "ada_tahunan": any(x is not None for x in total_tahunan),
    }
