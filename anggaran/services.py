"""Budget writes (pagu of a DPA version, realisasi anggaran per triwulan) and budget reads.

Every write takes the locks of kinerja.services.kunci, refuses a save when the
stored amount changed since the form was loaded (optimistic locking, with who
and when from the audit trail) and records each changed amount old → new
with kinerja.audit.catat_perubahan.

The read helpers at the end are pure: they take the plain data of
``kinerja.paket.types`` (from ``paket_muat``), never the ORM, so the dashboard,
the budget screens and the LKjIP document compute quarterly figures alike.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from anggaran.models import DPA, Pagu, PaguJenisBelanja, RealisasiAnggaran
from kinerja.audit import catat_perubahan, format_waktu, nama_pengguna
from kinerja.engine.hitung import NAMA_JENIS_BELANJA, pohon_program
from kinerja.engine.penyerapan import gulung, jumlah, penyerapan
from kinerja.models import Kegiatan, LogPerubahan, PerangkatDaerah, Program, SubKegiatan
from kinerja.paket import types as t
from kinerja.services.kunci import pastikan_tahun_terbuka, pastikan_triwulan_terbuka
from lib.format import format_rupiah

ROMAWI = ("I", "II", "III", "IV")
TINGKAT_NODE = ("program", "kegiatan", "sub_kegiatan")
NAMA_TINGKAT = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}
KODE_REKENING = re.compile(r"^[0-9]+(\.[0-9]+)*$")

PESAN_KONFLIK = (
    "{apa} sudah diubah oleh {oleh} setelah formulir ini dibuka "
    "(nilai tersimpan sekarang {kini}). Periksa isian Anda, lalu simpan sekali lagi "
    "bila tetap ingin menggantinya."
)
PESAN_NODE_ASING = "{apa} bukan bagian dari Renstra perangkat daerah ini."
PESAN_KODE_REKENING = 'Kode rekening "{kode}" tidak sah; contoh yang benar: 5.1.02.'
PESAN_TAHUNAN_TW4 = (
    "Realisasi tahunan sub kegiatan {kode} dihitung pada triwulan IV, sehingga tidak dapat "
    "diganti: {pesan}"
)
PESAN_MELEBIHI_PAGU = (
    "Perhatian: jumlah realisasi triwulan sub kegiatan {kode} tahun {tahun} ({realisasi}) "
    "melebihi pagu ({pagu}). Data tetap disimpan; periksa kembali angkanya."
)


# --------------------------------------------------------------------------- helpers


def _pengubah(pd: PerangkatDaerah, kunci: str) -> str:
    """ "operator_a pada 14 April 2025 10.32" from the audit trail of this amount."""
    log = (
        LogPerubahan.objects.filter(perangkat_daerah=pd, data__kunci=kunci)
        .select_related("pengguna")
        .first()
    )
    if log is None:
        return "pengguna lain"
    return f"{nama_pengguna(log.pengguna)} pada {format_waktu(log.waktu)}"


def _rp(jumlah_uang: Decimal | None) -> str:
    return "kosong" if jumlah_uang is None else format_rupiah(jumlah_uang)


def _teks(jumlah_uang: Decimal | None) -> str | None:
    """An amount for the audit trail in plain notation: "2315000", never "2.315E+6"."""
    return None if jumlah_uang is None else format(jumlah_uang.normalize(), "f")


def _sama(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a == b


def _node_milik_pd(pd: PerangkatDaerah, tingkat: str, ids: set[int]) -> dict[int, str]:
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


# --------------------------------------------------------------------------- pagu


@dataclass(frozen=True)
class BarisPagu:
    """One amount of a DPA form.

    ``jenis`` is "program", "kegiatan", "sub_kegiatan" (``node_id`` is its pk) or
    "jenis_belanja" (``kode`` is the account code). ``dimuat`` is the amount the
    form was loaded with, ``baru`` the amount typed (None: no amount, a parent
    then being the sum of its children). ``kunci`` is the caller's name for the
    row, echoed in the errors.
    """

    kunci: str
    jenis: str
    dimuat: Decimal | None
    baru: Decimal | None
    node_id: int | None = None
    kode: str = ""


def kunci_audit_pagu(dpa: DPA, jenis: str, node_id: int | None, kode: str) -> str:
    """The stable name of one amount in the audit trail (survives delete and re-create)."""
    if jenis == "jenis_belanja":
        return f"pagu:{dpa.pk}:jenis_belanja:{kode}"
    return f"pagu:{dpa.pk}:{jenis}:{node_id}"


@transaction.atomic
def pagu_simpan(*, dpa: DPA, baris: Sequence[BarisPagu], pengguna) -> int:
    """Store the pagu amounts of one DPA version; returns how many amounts changed.

    Raises ValidationError (a dict keyed by ``BarisPagu.kunci``) when the year is
    locked, a node is not the perangkat daerah's, or an amount changed since the
    form was loaded; nothing is stored then.
    """
    pd = dpa.perangkat_daerah
    pastikan_tahun_terbuka(pd, dpa.tahun)
    # One save of a DPA at a time: the second waits, then sees the first's amounts.
    DPA.objects.select_for_update(of=("self",)).filter(pk=dpa.pk).first()

    ada: dict[tuple[str, int], Pagu] = {}
    for p in Pagu.objects.filter(dpa=dpa):
        if p.sub_kegiatan_id:
            ada[("sub_kegiatan", p.sub_kegiatan_id)] = p
        elif p.kegiatan_id:
            ada[("kegiatan", p.kegiatan_id)] = p
        else:
            ada[("program", p.program_id)] = p
    jenis_ada = {j.kode: j for j in PaguJenisBelanja.objects.filter(dpa=dpa)}

    kode_node: dict[tuple[str, int], str] = {}
    for tingkat in TINGKAT_NODE:
        ids = {b.node_id for b in baris if b.jenis == tingkat and b.node_id is not None}
        for pk, kode in _node_milik_pd(pd, tingkat, ids).items():
            kode_node[(tingkat, pk)] = kode

    galat: dict[str, list[str]] = {}
    ubah: list[tuple[BarisPagu, Pagu | PaguJenisBelanja | None, str, str]] = []
    for b in baris:
        if b.jenis == "jenis_belanja":
            if not KODE_REKENING.match(b.kode):
                galat[b.kunci] = [PESAN_KODE_REKENING.format(kode=b.kode)]
                continue
            row = jenis_ada.get(b.kode)
            apa = f"Pagu jenis belanja {b.kode}"
        elif b.jenis in TINGKAT_NODE:
            kode = kode_node.get((b.jenis, b.node_id))
            if kode is None:
                galat[b.kunci] = [PESAN_NODE_ASING.format(apa=f"{NAMA_TINGKAT[b.jenis]} ini")]
                continue
            row = ada.get((b.jenis, b.node_id))
            apa = f"Pagu {NAMA_TINGKAT[b.jenis]} {kode}"
        else:
            raise ValueError(f"jenis baris pagu tidak dikenal: {b.jenis!r}")
        kini = row.jumlah if row is not None else None
        kunci = kunci_audit_pagu(dpa, b.jenis, b.node_id, b.kode)
        if not _sama(kini, b.dimuat):
            galat[b.kunci] = [
                PESAN_KONFLIK.format(apa=apa, oleh=_pengubah(pd, kunci), kini=_rp(kini))
            ]
            continue
        if not _sama(kini, b.baru):
            ubah.append((b, row, apa, kunci))
    if galat:
        raise ValidationError(galat)

    # Saving the page is the user's word that a copied pagu was checked.
    if DPA.objects.filter(pk=dpa.pk, pagu_disalin_dari__isnull=False).update(
        pagu_disalin_dari=None
    ):
        catat_perubahan(
            pengguna=pengguna,
            perangkat_daerah=pd,
            aksi="salinan_pagu.diperiksa",
            objek=dpa,
            uraian=f"Pagu DPA {dpa.versi} tahun {dpa.tahun} (salinan) diperiksa dan disimpan",
            tahun=dpa.tahun,
            data={"salinan_dari": f"DPA {dpa.pagu_disalin_dari}"},
        )
        dpa.pagu_disalin_dari = None

    for b, row, apa, kunci in ubah:
        lama = row.jumlah if row is not None else None
        aksi = "pagu_jenis_belanja.ubah" if b.jenis == "jenis_belanja" else "pagu.ubah"
        uraian = f"{apa} DPA {dpa.versi} tahun {dpa.tahun}"
        if b.baru is None:
            catat_perubahan(
                pengguna=pengguna,
                perangkat_daerah=pd,
                aksi=aksi,
                objek=row,
                uraian=uraian,
                tahun=dpa.tahun,
                lama=_teks(lama),
                baru=None,
                data={"kunci": kunci},
            )
            row.delete()
            continue
        if row is None:
            if b.jenis == "jenis_belanja":
                row = PaguJenisBelanja(dpa=dpa, kode=b.kode, jumlah=b.baru)
            else:
                row = Pagu(dpa=dpa, jumlah=b.baru, **{f"{b.jenis}_id": b.node_id})
            row.full_clean()
            row.save()
        else:
            row.jumlah = b.baru
            row.full_clean()
            row.save(update_fields=["jumlah"])
        catat_perubahan(
            pengguna=pengguna,
            perangkat_daerah=pd,
            aksi=aksi,
            objek=row,
            uraian=uraian,
            tahun=dpa.tahun,
            lama=_teks(lama),
            baru=_teks(b.baru),
            data={"kunci": kunci},
        )
    return len(ubah)


# --------------------------------------------------------------------------- realisasi anggaran


@dataclass(frozen=True)
class BarisRealisasiAnggaran:
    """The realisasi of one sub kegiatan within one triwulan, as typed in the form.

    ``dimuat``: the amount of that triwulan when the form was loaded;
    ``tahunan_dimuat``: the annual amount (a row without triwulan) then;
    ``baru``: the amount typed (None: no amount for this triwulan).
    """

    kunci: str
    sub_kegiatan_id: int
    dimuat: Decimal | None
    tahunan_dimuat: Decimal | None
    baru: Decimal | None


@dataclass
class HasilRealisasiAnggaran:
    berubah: int = 0
    peringatan: list[str] = field(default_factory=list)


def kunci_audit_realisasi(pd: PerangkatDaerah, tahun: int, sub_id: int, tw: int | None) -> str:
    return f"realisasi_anggaran:{pd.pk}:{tahun}:{sub_id}:{tw or 'tahunan'}"


@transaction.atomic
def realisasi_anggaran_simpan_triwulan(
    *,
    pd: PerangkatDaerah,
    tahun: int,
    triwulan: int,
    baris: Sequence[BarisRealisasiAnggaran],
    pengguna,
) -> HasilRealisasiAnggaran:
    """Store the realisasi anggaran of sub kegiatan within ``triwulan``.

    A sub kegiatan that only has an annual amount (triwulan empty) loses it when a
    quarterly amount is saved: the year is then the sum of its quarters. Realisasi
    above pagu is allowed (it happens in real reports) but comes back as a warning.
    """
    if triwulan not in (1, 2, 3, 4):
        raise ValidationError("Triwulan harus I, II, III atau IV.")
    pastikan_triwulan_terbuka(pd, tahun, triwulan)
    ids = {b.sub_kegiatan_id for b in baris}
    kode_sub = _node_milik_pd(pd, "sub_kegiatan", ids)
    rows = list(
        RealisasiAnggaran.objects.select_for_update(of=("self",))
        .filter(perangkat_daerah=pd, tahun=tahun, sub_kegiatan_id__in=ids)
        .order_by("id")
    )
    per_tw: dict[int, RealisasiAnggaran] = {}
    tahunan: dict[int, RealisasiAnggaran] = {}
    total_tw: dict[int, Decimal] = {}
    for r in rows:
        if r.triwulan is None:
            tahunan.setdefault(r.sub_kegiatan_id, r)
        else:
            total_tw[r.sub_kegiatan_id] = total_tw.get(r.sub_kegiatan_id, Decimal(0)) + r.jumlah
            if r.triwulan == triwulan:
                per_tw.setdefault(r.sub_kegiatan_id, r)

    galat: dict[str, list[str]] = {}
    ubah: list[BarisRealisasiAnggaran] = []
    kunci_tw4_dicek = False
    for b in baris:
        kode = kode_sub.get(b.sub_kegiatan_id)
        if kode is None:
            galat[b.kunci] = [PESAN_NODE_ASING.format(apa="Sub kegiatan ini")]
            continue
        row = per_tw.get(b.sub_kegiatan_id)
        th_row = tahunan.get(b.sub_kegiatan_id)
        kini = row.jumlah if row is not None else None
        kini_tahunan = th_row.jumlah if th_row is not None else None
        if not _sama(kini, b.dimuat):
            kunci = kunci_audit_realisasi(pd, tahun, b.sub_kegiatan_id, triwulan)
            galat[b.kunci] = [
                PESAN_KONFLIK.format(
                    apa=f"Realisasi anggaran {kode} triwulan {ROMAWI[triwulan - 1]}",
                    oleh=_pengubah(pd, kunci),
                    kini=_rp(kini),
                )
            ]
            continue
        if not _sama(kini_tahunan, b.tahunan_dimuat):
            kunci = kunci_audit_realisasi(pd, tahun, b.sub_kegiatan_id, None)
            galat[b.kunci] = [
                PESAN_KONFLIK.format(
                    apa=f"Realisasi anggaran tahunan {kode}",
                    oleh=_pengubah(pd, kunci),
                    kini=_rp(kini_tahunan),
                )
            ]
            continue
        if _sama(kini, b.baru):
            continue
        if b.baru is not None and th_row is not None and triwulan != 4 and not kunci_tw4_dicek:
            # The annual amount counts in triwulan IV: replacing it changes that quarter.
            try:
                pastikan_triwulan_terbuka(pd, tahun, 4)
            except ValidationError as e:
                galat[b.kunci] = [PESAN_TAHUNAN_TW4.format(kode=kode, pesan=" ".join(e.messages))]
                continue
            kunci_tw4_dicek = True
        ubah.append(b)
    if galat:
        raise ValidationError(galat)

    hasil = HasilRealisasiAnggaran()
    tw = ROMAWI[triwulan - 1]
    for b in ubah:
        kode = kode_sub[b.sub_kegiatan_id]
        row = per_tw.get(b.sub_kegiatan_id)
        th_row = tahunan.get(b.sub_kegiatan_id)
        lama = row.jumlah if row is not None else None
        if b.baru is not None and th_row is not None:
            catat_perubahan(
                pengguna=pengguna,
                perangkat_daerah=pd,
                aksi="realisasi_anggaran.ganti_tahunan",
                objek=th_row,
                uraian=f"Realisasi anggaran tahunan {kode} tahun {tahun} (diganti rincian triwulan)",
                tahun=tahun,
                lama=_teks(th_row.jumlah),
                baru=None,
                data={"kunci": kunci_audit_realisasi(pd, tahun, b.sub_kegiatan_id, None)},
            )
            th_row.delete()
        uraian = f"Realisasi anggaran {kode} tahun {tahun} triwulan {tw}"
        data = {"kunci": kunci_audit_realisasi(pd, tahun, b.sub_kegiatan_id, triwulan)}
        if b.baru is None:
            catat_perubahan(
                pengguna=pengguna,
                perangkat_daerah=pd,
                aksi="realisasi_anggaran.ubah",
                objek=row,
                uraian=uraian,
                tahun=tahun,
                lama=_teks(lama),
                baru=None,
                data=data,
            )
            row.delete()
        else:
            if row is None:
                row = RealisasiAnggaran(
                    perangkat_daerah=pd,
                    tahun=tahun,
                    triwulan=triwulan,
                    sub_kegiatan_id=b.sub_kegiatan_id,
                    jumlah=b.baru,
                )
                row.full_clean()
                row.save()
            else:
                row.jumlah = b.baru
                row.full_clean()
                row.save(update_fields=["jumlah"])
            catat_perubahan(
                pengguna=pengguna,
                perangkat_daerah=pd,
                aksi="realisasi_anggaran.ubah",
                objek=row,
                uraian=uraian,
                tahun=tahun,
                lama=_teks(lama),
                baru=_teks(b.baru),
                data=data,
            )
        hasil.berubah += 1
        total_tw[b.sub_kegiatan_id] = (
            total_tw.get(b.sub_kegiatan_id, Decimal(0)) - (lama or 0) + (b.baru or 0)
        )

    if ubah:
        hasil.peringatan = _melebihi_pagu(pd, tahun, {b.sub_kegiatan_id for b in ubah}, total_tw)
    return hasil


def _melebihi_pagu(
    pd: PerangkatDaerah, tahun: int, ids: set[int], total: dict[int, Decimal]
) -> list[str]:
    """Warnings for sub kegiatan whose quarterly realisasi exceeds the pagu of the latest DPA."""
    dpa = DPA.objects.filter(perangkat_daerah=pd, tahun=tahun).order_by("-urutan_versi").first()
    if dpa is None:
        return []
    pagu = {
        p.sub_kegiatan_id: p
        for p in Pagu.objects.filter(dpa=dpa, sub_kegiatan_id__in=ids).select_related(
            "sub_kegiatan"
        )
    }
    pesan = []
    for sub_id, p in sorted(pagu.items(), key=lambda x: x[1].sub_kegiatan.kode):
        realisasi = total.get(sub_id)
        if realisasi is not None and realisasi > p.jumlah:
            pesan.append(
                PESAN_MELEBIHI_PAGU.format(
                    kode=p.sub_kegiatan.kode,
                    tahun=tahun,
                    realisasi=format_rupiah(realisasi),
                    pagu=format_rupiah(p.jumlah),
                )
            )
    return pesan


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
    rows: list[dict], dpa_urut: list[t.DPA], berlaku: t.DPA | None
) -> dict:
    """The jenis belanja tree of every DPA version in columns, before → after perubahan.

    ``rows`` are the ``jenis_belanja`` rows of ``hitung`` (each with its "versi");
    "kolom" lists the versions present, oldest first.
    """
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
                "nama": NAMA_JENIS_BELANJA.get(kode) or pertama["nama"] or kode,
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


# --------------------------------------------------------------------------- opening a year

PESAN_PAGU_DISALIN = "Pagu disalin dari DPA {tahun} — periksa dan sesuaikan."


def _node_per_kode(renstra) -> dict[str, dict[str, object]]:
    """kode → {"program"|"kegiatan"|"sub_kegiatan": node} of one Renstra's program tree."""
    hasil: dict[str, dict[str, object]] = {}
    for p in Program.objects.filter(renstra=renstra):
        hasil[p.kode] = {"program": p}
    for k in Kegiatan.objects.filter(program__renstra=renstra):
        hasil[k.kode] = {"kegiatan": k}
    for s in SubKegiatan.objects.filter(kegiatan__program__renstra=renstra):
        hasil[s.kode] = {"sub_kegiatan": s}
    return hasil


@transaction.atomic
def dpa_murni_buat(
    *, perangkat_daerah: PerangkatDaerah, tahun: int, renstra, pengguna, salin_pagu: bool
) -> DPA | None:
    """The DPA murni of a new year over the program tree of ``renstra`` (the Renstra of the year).

    Without ``salin_pagu`` its pagu is empty: the DPA page lists every program, kegiatan and
    sub kegiatan of the tree for the user to fill. With ``salin_pagu`` the amounts of the
    previous year's DPA in force (its latest version) are copied onto the nodes of the same
    code, with the jenis belanja amounts, and the DPA is marked as a draft copy
    (``pagu_disalin_dari``) until the user saves the DPA page. Returns None, changing
    nothing, when the year already has a DPA (any version).
    """
    pd = perangkat_daerah
    if DPA.objects.filter(perangkat_daerah=pd, tahun=tahun).exists():
        return None
    pastikan_tahun_terbuka(pd, tahun)
    sumber = None
    if salin_pagu:
        sumber = (
            DPA.objects.filter(perangkat_daerah=pd, tahun=tahun - 1)
            .order_by("-urutan_versi")
            .first()
        )
    dpa = DPA(
        perangkat_daerah=pd,
        tahun=tahun,
        versi="murni",
        urutan_versi=0,
        pagu_disalin_dari=sumber.tahun if sumber else None,
    )
    dpa.full_clean()
    dpa.save()
    tidak_ada: list[str] = []
    disalin = 0
    if sumber is not None:
        node = _node_per_kode(renstra)
        baru = []
        for p in Pagu.objects.filter(dpa=sumber).select_related(
            "program", "kegiatan", "sub_kegiatan"
        ):
            tujuan = node.get(p.kode)
            if tujuan is None:
                tidak_ada.append(p.kode)
                continue
            baru.append(Pagu(dpa=dpa, jumlah=p.jumlah, **tujuan))
        Pagu.objects.bulk_create(baru)
        jenis = [
            PaguJenisBelanja(dpa=dpa, kode=j.kode, jumlah=j.jumlah)
            for j in PaguJenisBelanja.objects.filter(dpa=sumber)
        ]
        PaguJenisBelanja.objects.bulk_create(jenis)
        disalin = len(baru) + len(jenis)
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="dpa.buat",
        objek=dpa,
        uraian=f"DPA murni {tahun}"
        + (f" (pagu disalin dari DPA {sumber.versi} {sumber.tahun})" if sumber else ""),
        tahun=tahun,
        data={
            "pagu_disalin_dari": f"DPA {sumber.versi} {sumber.tahun}" if sumber else None,
            "angka_pagu_disalin": disalin,
            "kode_tidak_ada_di_renstra_tahun_ini": tidak_ada,
        },
    )
    return dpa
