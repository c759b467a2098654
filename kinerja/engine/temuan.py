"""Consistency findings: where a year's data contradicts itself (DOMAIN §9).

Pure module: no Django imports. :func:`kinerja.engine.hitung.hitung` computes the
figures and calls these checks with a ``catat`` callback; each check explains a
contradiction in Indonesian (the amounts formatted with :mod:`lib.format`) as a
:class:`Temuan`, which the screens, the PDF and ``hitung`` list and to which the
operator attaches an explanation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from kinerja.engine.angka import Nilai, NilaiTidakValid, bulatkan, jumlah_desimal
from kinerja.engine.capaian import target_acuan
from kinerja.engine.penilaian import nilai_indikator
from kinerja.engine.penyerapan import HasilSimpul, SelisihJumlah, gulung, jumlah, pohon_dari_kode
from kinerja.engine.perbandingan import perubahan_absolut, perubahan_relatif
from kinerja.engine.predikat import klasifikasi, periksa_skala
from kinerja.engine.realisasi import TipePenghitungan, angka_tw, realisasi_tahun, triwulan_kosong
from lib.format import BULAN, format_angka, format_angka_alami, format_persen, format_rupiah

if TYPE_CHECKING:
    from kinerja.engine.hitung import Hasil
    from kinerja.paket import types as t

__all__ = [
    "Catat",
    "Temuan",
    "catat_selisih",
    "periksa_anggaran_sasaran",
    "periksa_angka_dilaporkan",
    "periksa_indikator",
    "periksa_pk",
    "periksa_riwayat",
    "periksa_skala_pemda",
    "periksa_tanggal",
    "penyebut_kode_buatan",
]

# Records one finding: (jenis, kode, lokasi, pesan).
Catat = Callable[[str, str, str, str], None]


@dataclass
class Temuan:
    """An inconsistency in the data: what kind, where, and an Indonesian explanation."""

    jenis: str
    kode: str
    lokasi: str
    pesan: str

    @property
    def kunci(self) -> str:
        """A stable key of the finding (kind, code, place; not the figures of the message),
        to which the operator's explanation is attached (``PenjelasanTemuan``)."""
        return f"{self.jenis}|{self.kode}|{self.lokasi}"[:300]


def penyebut_kode_buatan(nama: dict[str, str]) -> Callable[[str], str]:
    """A function that writes, in a finding's message, each code the application made
    up (``nama``: made-up code → the node's name) as the node's name marked "tanpa
    kode": the reader never saw "X.01" in the report. Real codes stay as they are."""
    if not nama:
        return lambda teks: teks
    pola = re.compile(
        r"(?<![\w.])("
        + "|".join(re.escape(k) for k in sorted(nama, key=len, reverse=True))
        + r")(?![\w]|\.\w)"
    )
    return lambda teks: pola.sub(lambda m: f"“{nama[m.group(1)]}” (tanpa kode)", teks)


def periksa_skala_pemda(paket: t.Paket, catat: Catat) -> None:
    """The pemda's predicate scale over the reachable capaian range (gaps, overlaps, …)."""
    aturan = paket.pemda.aturan
    for masalah in periksa_skala(
        aturan.skala, batas_bawah=aturan.batas_bawah_capaian, batas_atas=aturan.batas_atas_capaian
    ):
        catat(
            "skala_predikat",
            "skala",
            f"skala predikat {paket.pemda.nama}",
            masalah.pesan,
        )


def periksa_riwayat(paket: t.Paket, catat: Catat) -> None:
    """The capaian an earlier report printed for a year before the paket's, where the
    target and the realisasi of that year are known too: recomputed and compared at the
    precision it was printed with (like ``periksa_angka_dilaporkan``)."""
    aturan = paket.pemda.aturan
    for ind in paket.semua_indikator():
        for tahun, rw in sorted(ind.riwayat.items()):
            target = rw.target or ind.target_tahunan.get(tahun)
            if rw.capaian is None or target is None or rw.realisasi is None:
                continue
            try:
                nilai = nilai_indikator(
                    ind,
                    aturan,
                    target=target_acuan(target, aturan.acuan_rentang),
                    realisasi=rw.realisasi.angka,
                )
            except NilaiTidakValid:
                continue
            benar = nilai.tampil
            desimal = jumlah_desimal(rw.capaian)
            if benar is None or bulatkan(benar, desimal) == rw.capaian:
                continue
            catat(
                "capaian_riwayat_tidak_sesuai",
                ind.kode,
                f"riwayat {ind.kode} tahun {tahun}",
                f"capaian {ind.kode} tahun {tahun} dilaporkan "
                f"{format_angka(rw.capaian, desimal)}%, hasil perhitungan dari target "
                f"{_tampil(target)} dan realisasi {_tampil(rw.realisasi)} "
                f"{format_angka(benar, max(desimal, 2))}%",
            )


def periksa_indikator(
    ind, th, tw, rencana, target, realisasi, pk_berlaku, sampai, catat: Catat
) -> None:
    """One indicator of the year: percentages within 0–100, quarterly targets of the
    Rencana Aksi present for a PK indicator, quarters reported so far."""
    lokasi = f"indikator {ind.kode}"
    if ind.persentase:
        dicek: list[tuple[str, Decimal | None]] = [
            (f"target {th.tahun}", target.angka if target else None),
            (f"target {th.tahun}", target.atas if target else None),
            (f"realisasi {th.tahun}", realisasi),
        ]
        for tahun, rw in sorted(ind.riwayat.items()):
            dicek.append((f"realisasi {tahun}", rw.realisasi.angka if rw.realisasi else None))
            dicek.append((f"target {tahun}", rw.target.angka if rw.target else None))
        for apa, nilai in dicek:
            if nilai is not None and not Decimal(0) <= nilai <= Decimal(100):
                catat(
                    "persentase_di_luar_rentang",
                    ind.kode,
                    lokasi,
                    f"{apa} indikator {ind.kode} ({ind.nama}) bernilai {format_angka(nilai)}%, "
                    "padahal indikator persentase harus di antara 0 dan 100",
                )
    di_pk = pk_berlaku is not None and ind.kode in pk_berlaku.target
    nilai_akhir = ind.tipe_penghitungan == TipePenghitungan.NILAI_AKHIR
    if di_pk:
        wajib = [q == 3 or not nilai_akhir for q in range(4)]
        if rencana is None:
            kosong = [q + 1 for q in range(4) if wajib[q]]
        else:
            kosong = [q + 1 for q in range(4) if wajib[q] and rencana[q] is None]
        if kosong:
            catat(
                "target_triwulan_kosong",
                ind.kode,
                f"rencana aksi {ind.kode}",
                f"rencana aksi indikator {ind.kode} tidak memiliki target triwulan "
                f"{', '.join(_romawi(q) for q in kosong)}",
            )
    if (di_pk or tw is not None) and sampai:
        diharapkan = None
        if rencana is not None:
            diharapkan = [v is not None for v in rencana]
        kosong = triwulan_kosong(
            [angka_tw(v) for v in tw] if tw else [None] * 4,
            ind.tipe_penghitungan,
            diharapkan=diharapkan,
            sampai_triwulan=sampai,
        )
        if kosong:
            catat(
                "triwulan_kosong",
                ind.kode,
                lokasi,
                f"realisasi indikator {ind.kode} triwulan {', '.join(_romawi(q) for q in kosong)} "
                f"tahun {th.tahun} belum diisi",
            )


def _romawi(q: int) -> str:
    return ("I", "II", "III", "IV")[q - 1]


def _selisih(dinyatakan: Decimal, jumlah_anak: Decimal) -> str:
    beda = dinyatakan - jumlah_anak
    arah = "lebih besar" if beda > 0 else "lebih kecil"
    return f"{format_rupiah(abs(beda))} {arah} dari rinciannya"


def catat_selisih(catat: Catat, s: SelisihJumlah, lokasi: str, apa: str) -> None:
    """A stated amount that differs from the sum of its details."""
    catat(
        "jumlah_tidak_sesuai",
        s.kode,
        f"{lokasi} {s.kode}",
        f"{s.jenis} {s.kode} tertulis {format_rupiah(s.dinyatakan)}, sedangkan jumlah rinciannya "
        f"{format_rupiah(s.jumlah_anak)} ({_selisih(s.dinyatakan, s.jumlah_anak)})",
    )


def periksa_pk(
    paket: t.Paket,
    th: t.Tahun,
    node: dict[str, HasilSimpul],
    total_dpa: dict[str, dict[str, Decimal | None]],
    catat: Catat,
) -> None:
    """The PKs against the DPA (program budgets of some DPA version), against the Renstra
    targets, and the cascaded PKs' budgets against their own details.

    ``total_dpa``: per DPA version, the pagu of each program after roll-up.
    """
    semua_indikator = {i.kode: i for i in paket.semua_indikator()}
    for pk in th.perjanjian_kinerja:
        if pk.anggaran_program and total_dpa:
            cocok = [
                versi
                for versi, per_program in total_dpa.items()
                if all(per_program.get(kode) == jml for kode, jml in pk.anggaran_program.items())
            ]
            if not cocok:
                total_pk = sum(pk.anggaran_program.values(), Decimal(0))
                daftar = "; ".join(
                    f"DPA {v}: {format_rupiah(jumlah(x for x in per.values()))}"
                    for v, per in total_dpa.items()
                )
                catat(
                    "anggaran_pk_tidak_cocok_dpa",
                    pk.versi,
                    f"PK {pk.versi}",
                    f"anggaran program PK {pk.versi} (jumlah {format_rupiah(total_pk)}) tidak sama dengan "
                    f"anggaran program DPA versi mana pun ({daftar})",
                )
        for kode, target in pk.target.items():
            ind = semua_indikator.get(kode)
            renstra = ind.target_tahunan.get(th.tahun) if ind else None
            if renstra is not None and (renstra.angka, renstra.atas) != (target.angka, target.atas):
                catat(
                    "target_pk_berbeda_renstra",
                    kode,
                    f"PK {pk.versi}, indikator {kode}",
                    f"target {kode} pada PK {pk.versi} ({_tampil(target)}) berbeda dengan target Renstra "
                    f"tahun {th.tahun} ({_tampil(renstra)}); capaian dihitung terhadap target PK",
                )
    for b in th.pk_berjenjang:
        if not b.anggaran:
            continue
        nama = {k: (node[k].nama if k in node else k) for k in b.anggaran}
        _, selisih = gulung(pohon_dari_kode(b.anggaran, nama))
        for s in selisih:
            if s.jenis == "pagu":
                catat(
                    "jumlah_tidak_sesuai",
                    s.kode,
                    f"PK {b.jabatan} {s.kode}",
                    f"anggaran {s.kode} pada PK {b.jabatan} tertulis {format_rupiah(s.dinyatakan)}, sedangkan "
                    f"jumlah rinciannya {format_rupiah(s.jumlah_anak)} ({_selisih(s.dinyatakan, s.jumlah_anak)})",
                )


def periksa_anggaran_sasaran(
    paket: t.Paket,
    th: t.Tahun,
    node: dict[str, HasilSimpul],
    total: dict,
    catat: Catat,
) -> None:
    """The budget stated per sasaran against the DPA of the year, when it has one: the sum
    over all sasaran against the DPA total (pagu) and the realisasi anggaran total, and each
    sasaran against the programs linked to it.

    ``node``: the program tree of the DPA in force after roll-up; ``total``: its totals.
    """
    dpa = th.dpa_berlaku()
    if not th.anggaran_sasaran or dpa is None:
        return
    lokasi = "anggaran per sasaran"
    label_dpa = f"DPA {dpa.versi}"
    for apa, nilai, total_dpa, sumber in (
        ("pagu", lambda a: a.pagu, total["pagu"], f"jumlah pagu {label_dpa}"),
        ("realisasi", lambda a: a.realisasi, total["realisasi"], "jumlah realisasi anggaran"),
    ):
        dinyatakan = jumlah(nilai(a) for a in th.anggaran_sasaran.values())
        if dinyatakan is not None and total_dpa is not None and dinyatakan != total_dpa:
            catat(
                "anggaran_sasaran_tidak_sesuai",
                f"total-{apa}",
                lokasi,
                f"jumlah {apa} per sasaran yang dinyatakan ({format_rupiah(dinyatakan)}) tidak "
                f"sama dengan {sumber} ({format_rupiah(total_dpa)}), selisih "
                f"{format_rupiah(abs(dinyatakan - total_dpa))}",
            )
    for kode, a in th.anggaran_sasaran.items():
        programs = [p.kode for p in paket.program if kode in p.sasaran and p.kode in node]
        if not programs:
            continue
        daftar = ", ".join(programs)
        for apa, dinyatakan, dari_program in (
            ("pagu", a.pagu, jumlah(node[p].pagu for p in programs)),
            ("realisasi", a.realisasi, jumlah(node[p].realisasi for p in programs)),
        ):
            if dinyatakan is None or dari_program is None or dinyatakan == dari_program:
                continue
            sumber = f"pada {label_dpa}" if apa == "pagu" else "pada realisasi anggaran"
            catat(
                "anggaran_sasaran_tidak_sesuai",
                kode,
                f"{lokasi} {kode}",
                f"{apa} sasaran {kode} yang dinyatakan ({format_rupiah(dinyatakan)}) tidak sama "
                f"dengan jumlah {apa} program pendukungnya ({daftar}) {sumber} "
                f"({format_rupiah(dari_program)})",
            )


def periksa_tanggal(th: t.Tahun, catat: Catat) -> None:
    """The LKjIP is signed the year after; a PK is dated in its own year."""
    if th.laporan and th.laporan.tanggal and th.laporan.tanggal.year != th.tahun + 1:
        catat(
            "tanggal_laporan",
            "laporan",
            f"LKjIP {th.tahun}",
            f"LKjIP tahun {th.tahun} bertanggal {th.laporan.tanggal.day} "
            f"{_bulan(th.laporan.tanggal.month)} {th.laporan.tanggal.year}; laporan tahun {th.tahun} "
            f"seharusnya ditandatangani pada tahun {th.tahun + 1}",
        )
    for pk in th.perjanjian_kinerja:
        if pk.tanggal and pk.tanggal.year != th.tahun:
            catat(
                "tanggal_laporan",
                pk.versi,
                f"PK {pk.versi}",
                f"PK {pk.versi} tahun {th.tahun} bertanggal tahun {pk.tanggal.year}",
            )


def _tampil(n: Nilai) -> str:
    return n.label or format_angka_alami(n.angka)


def _bulan(n: int) -> str:
    return BULAN[n - 1]


# Figures printed as percentages (efisiensi is a percentage or a ratio by method).
JENIS_PERSEN = {
    "capaian",
    "penyerapan",
    "tingkat_kemajuan",
    "perubahan_relatif",
    "rata_rata_capaian_iku",
}

LABEL_JENIS = {
    "capaian": "capaian",
    "penyerapan": "penyerapan anggaran",
    "pagu": "pagu",
    "realisasi": "realisasi anggaran",
    "tingkat_kemajuan": "tingkat kemajuan",
    "perubahan_relatif": "perubahan (%)",
    "perubahan_absolut": "perubahan",
    "rata_rata_capaian_iku": "rata-rata capaian IKU",
    "efisiensi": "efisiensi",
    "ikm": "IKM",
    "jumlah_anggaran_pk": "jumlah anggaran PK",
    "sisa_anggaran": "sisa anggaran",
    "predikat": "predikat",
}


def periksa_angka_dilaporkan(paket: t.Paket, th: t.Tahun, hasil: Hasil, catat: Catat) -> None:
    """Figures the perangkat daerah wrote in its report against the computed ones."""
    indikator = hasil.indikator_per_kode()
    anggaran = hasil.anggaran_per_kode()
    efisiensi = {e["kode"]: e for e in hasil.efisiensi}
    ikm = {x["indikator"]: x for x in hasil.ikm if x["indikator"]}
    semua = {i.kode: i for i in paket.semua_indikator()}
    for angka in th.angka_dilaporkan:
        if angka.jenis == "predikat":
            _periksa_predikat(paket, angka, hasil, indikator, catat)
            continue
        benar = _nilai_benar(angka, paket, th, indikator, anggaran, efisiensi, ikm, semua, hasil)
        if benar is None:
            continue
        desimal = jumlah_desimal(angka.nilai)
        dilaporkan = angka.nilai
        dibanding = bulatkan(benar, desimal)
        if angka.jenis.startswith("perubahan"):
            # Prose says "menurun sebesar 0,24%": the direction is in words.
            sama = abs(dibanding) == abs(dilaporkan)
        else:
            sama = dibanding == dilaporkan
        if sama:
            continue
        uang = angka.jenis in ("pagu", "realisasi", "jumlah_anggaran_pk", "sisa_anggaran")
        persen = angka.jenis in JENIS_PERSEN
        tampil_lapor = format_rupiah(dilaporkan) if uang else format_angka(dilaporkan, desimal)
        tampil_benar = format_rupiah(benar) if uang else format_angka(benar, max(desimal, 2))
        if persen:
            tampil_lapor, tampil_benar = f"{tampil_lapor}%", f"{tampil_benar}%"
        sumber = f"{angka.sumber}: " if angka.sumber else ""
        catat(
            "angka_dilaporkan_tidak_sesuai",
            angka.kode,
            f"{LABEL_JENIS[angka.jenis]} {angka.kode}",
            f"{sumber}{LABEL_JENIS[angka.jenis]} {angka.kode} dilaporkan {tampil_lapor}, "
            f"hasil perhitungan dari data {tampil_benar}",
        )


def _sebut(teks: str) -> str:
    """A predicate as compared: case and spacing as printed do not matter."""
    return " ".join(teks.split()).casefold()


def _periksa_predikat(paket: t.Paket, angka, hasil: Hasil, indikator, catat: Catat) -> None:
    """The predicate printed for the year ("total": of the average capaian of the IKU by the
    pemda's scale, as BAB IV states it) or for one indicator, against the computed one."""
    if angka.kode == "total":
        rata = hasil.ringkasan["rata_rata_capaian_iku"]
        band = klasifikasi(paket.pemda.aturan.skala, rata)
        benar = band.label if band else None
        dasar = f"rata-rata capaian IKU {format_persen(rata)}" if rata is not None else None
    else:
        i = indikator.get(angka.kode)
        if i is None:
            return
        benar = i.predikat
        dasar = f"capaian {format_persen(i.capaian_skor)}" if i.capaian_skor is not None else None
    if benar is None or _sebut(benar) == _sebut(angka.nilai):
        return
    sumber = f"{angka.sumber}: " if angka.sumber else ""
    catat(
        "angka_dilaporkan_tidak_sesuai",
        angka.kode,
        f"{LABEL_JENIS[angka.jenis]} {angka.kode}",
        f"{sumber}predikat {'tahun' if angka.kode == 'total' else angka.kode} dilaporkan "
        f'"{angka.nilai.strip()}", hasil perhitungan dari data "{benar}" ({dasar} menurut skala '
        f"predikat {paket.pemda.nama})",
    )


def _nilai_benar(
    angka, paket, th, indikator, anggaran, efisiensi, ikm, semua, hasil
) -> Decimal | None:
    jenis, kode = angka.jenis, angka.kode
    if jenis == "capaian":
        i = indikator.get(kode)
        return None if i is None else (i.capaian if i.capaian is not None else i.capaian_skor)
    if jenis == "tingkat_kemajuan":
        i = indikator.get(kode)
        return None if i is None else i.tingkat_kemajuan
    if jenis in ("perubahan_relatif", "perubahan_absolut"):
        i = indikator.get(kode)
        if i is None or i.realisasi is None:
            return None
        banding = angka.tahun_banding or th.tahun - 1
        lama = realisasi_tahun(paket, semua[kode], banding)
        if lama is None:
            return None
        if jenis == "perubahan_relatif":
            return perubahan_relatif(i.realisasi, lama)
        return perubahan_absolut(i.realisasi, lama)
    if jenis in ("penyerapan", "pagu", "realisasi"):
        baris = anggaran.get(kode)
        return None if baris is None else baris[jenis]
    if jenis == "rata_rata_capaian_iku":
        return hasil.ringkasan["rata_rata_capaian_iku"]
    if jenis == "efisiensi":
        e = efisiensi.get(kode)
        return None if e is None else e["nilai"]
    if jenis == "ikm":
        x = ikm.get(kode)
        return None if x is None else x["nik"]
    if jenis == "jumlah_anggaran_pk":
        pk = next((p for p in th.perjanjian_kinerja if p.versi == kode), None)
        return None if pk is None else sum(pk.anggaran_program.values(), Decimal(0))
    if jenis == "sisa_anggaran":
        return hasil.ringkasan["sisa_anggaran"]
    return None
