"""Every figure of one year of a perangkat daerah, computed from its data alone.

``hitung(paket, tahun)`` is pure: it takes the plain data of
``kinerja.paket.types`` and returns plain values (Decimals unrounded, rounding
happens only when something is displayed). The management command
``hitung``, the browser screens and the LKjIP document all read this result,
so a figure is computed in exactly one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kinerja.engine.angka import Nilai, bulatkan, jumlah_desimal
from kinerja.engine.capaian import AcuanRentang, target_acuan
from kinerja.engine.efisiensi import hitung_efisiensi
from kinerja.engine.ikm import ikm_dari_unsur
from kinerja.engine.penilaian import Penilaian, kemajuan_indikator, nilai_indikator
from kinerja.engine.penyerapan import (
    HasilSimpul,
    Simpul,
    gulung,
    jumlah,
    penyerapan,
    pohon_dari_kode,
    realisasi_melebihi_pagu,
)
from kinerja.engine.perbandingan import (
    perubahan_absolut,
    perubahan_relatif,
    rata_rata,
)
from kinerja.engine.realisasi import Rasio, angka_tw, nilai_tahunan, realisasi_tahun
from kinerja.engine.temuan import (
    Catat,
    Temuan,
    catat_selisih,
    penyebut_kode_buatan,
    periksa_anggaran_sasaran,
    periksa_angka_dilaporkan,
    periksa_indikator,
    periksa_pk,
    periksa_riwayat,
    periksa_skala_pemda,
    periksa_tanggal,
)
from kinerja.paket import types as t
from lib.format import format_angka, format_persen, format_rupiah

NAMA_JENIS_BELANJA = {
    "5": "Belanja Daerah",
    "5.1": "Belanja Operasi",
    "5.1.01": "Belanja Pegawai",
    "5.1.02": "Belanja Barang dan Jasa",
    "5.1.03": "Belanja Bunga",
    "5.1.04": "Belanja Subsidi",
    "5.1.05": "Belanja Hibah",
    "5.1.06": "Belanja Bantuan Sosial",
    "5.2": "Belanja Modal",
    "5.2.01": "Belanja Modal Tanah",
    "5.2.02": "Belanja Modal Peralatan dan Mesin",
    "5.2.03": "Belanja Modal Gedung dan Bangunan",
    "5.2.04": "Belanja Modal Jalan, Jaringan, dan Irigasi",
    "5.2.05": "Belanja Modal Aset Tetap Lainnya",
    "5.3": "Belanja Tidak Terduga",
    "5.4": "Belanja Transfer",
}

# Reports before 2021 classify spending by Permendagri 13/2006 (Belanja Tidak
# Langsung / Belanja Langsung, single-digit third segment: 5.2.2); from 2021 on by
# Permendagri 90/2019 (NAMA_JENIS_BELANJA, two-digit third segment: 5.1.02). Which
# one a year uses follows from the year alone: no DPA carries a flag.
TAHUN_KODE_REKENING_BARU = 2021
NAMA_JENIS_BELANJA_LAMA = {
    "5": "Belanja Daerah",
    "5.1": "Belanja Tidak Langsung",
    "5.1.1": "Belanja Pegawai",
    "5.1.2": "Belanja Bunga",
    "5.1.3": "Belanja Subsidi",
    "5.1.4": "Belanja Hibah",
    "5.1.5": "Belanja Bantuan Sosial",
    "5.1.6": "Belanja Bagi Hasil",
    "5.1.7": "Belanja Bantuan Keuangan",
    "5.1.8": "Belanja Tidak Terduga",
    "5.2": "Belanja Langsung",
    "5.2.1": "Belanja Pegawai",
    "5.2.2": "Belanja Barang dan Jasa",
    "5.2.3": "Belanja Modal",
}
_KODE_REKENING_LAMA = re.compile(r"^5\.[0-9]\.[0-9](\.|$)")
_KODE_REKENING_BARU = re.compile(r"^5\.[0-9]\.[0-9]{2}(\.|$)")


def klasifikasi_lama(tahun: int) -> bool:
    """Whether ``tahun`` classifies spending by Permendagri 13/2006 (before 2021)."""
    return tahun < TAHUN_KODE_REKENING_BARU


def nama_jenis_belanja(tahun: int) -> dict[str, str]:
    """Code → name of the standard accounts of ``tahun``'s classification."""
    return NAMA_JENIS_BELANJA_LAMA if klasifikasi_lama(tahun) else NAMA_JENIS_BELANJA


def pesan_kode_rekening(kode: str, tahun: int) -> str | None:
    """Why account ``kode`` does not belong to ``tahun``'s classification; None when it does."""
    if not klasifikasi_lama(tahun) and _KODE_REKENING_LAMA.match(kode):
        return (
            f"kode rekening {kode} mengikuti struktur lama Permendagri 13/2006 (Belanja Tidak "
            f"Langsung/Belanja Langsung) yang hanya dipakai sebelum tahun "
            f"{TAHUN_KODE_REKENING_BARU}; tahun {tahun} memakai kode Permendagri 90 Tahun 2019 "
            "(misalnya 5.1.02 Belanja Barang dan Jasa)"
        )
    if klasifikasi_lama(tahun) and _KODE_REKENING_BARU.match(kode):
        return (
            f"kode rekening {kode} mengikuti Permendagri 90 Tahun 2019 yang berlaku sejak tahun "
            f"{TAHUN_KODE_REKENING_BARU}; tahun {tahun} memakai struktur Permendagri 13/2006 "
            "(misalnya 5.2.2 Belanja Barang dan Jasa pada Belanja Langsung)"
        )
    return None


NAMA_TINGKAT = {
    "tujuan": "tujuan",
    "sasaran": "sasaran",
    "program": "program",
    "kegiatan": "kegiatan",
    "sub_kegiatan": "sub kegiatan",
}


@dataclass
class HasilIndikator:
    kode: str
    nama: str
    tingkat: str
    induk: str
    iku: bool
    satuan: str
    polaritas: str
    tipe_penghitungan: str
    target: Decimal | None
    target_label: str | None
    sumber_target: str | None
    realisasi: Decimal | None
    realisasi_label: str | None
    capaian: Decimal | None
    capaian_skor: Decimal | None
    predikat: str | None
    warna: str | None
    rumus: str | None
    catatan: str | None
    tercapai: bool | None
    target_akhir: Decimal | None
    tingkat_kemajuan: Decimal | None
    tahun_lalu: int
    realisasi_tahun_lalu: Decimal | None
    perubahan_relatif: Decimal | None
    perubahan_absolut: Decimal | None
    triwulan: list[dict[str, Any]] = field(default_factory=list)
    # The end target as printed: a range "60 – 70" (``target_akhir`` is then its bound
    # the pemda's rule names), a graded value, or None for a plain number.
    target_akhir_label: str | None = None


@dataclass
class Hasil:
    perangkat_daerah: str
    tahun: int
    aturan: dict[str, Any]
    indikator: list[HasilIndikator]
    anggaran: list[dict[str, Any]]
    jenis_belanja: list[dict[str, Any]]
    efisiensi: list[dict[str, Any]]
    ikm: list[dict[str, Any]]
    ringkasan: dict[str, Any]
    temuan: list[Temuan]

    def indikator_per_kode(self) -> dict[str, HasilIndikator]:
        return {i.kode: i for i in self.indikator}

    def anggaran_per_kode(self) -> dict[str, dict[str, Any]]:
        return {a["kode"]: a for a in self.anggaran}

    def sebagai_dict(self) -> dict[str, Any]:
        """The JSON shape documented in docs/paket.md (numbers unrounded)."""
        return {
            "perangkat_daerah": self.perangkat_daerah,
            "tahun": self.tahun,
            "aturan": self.aturan,
            "indikator": [vars(i) for i in self.indikator],
            "anggaran": self.anggaran,
            "jenis_belanja": self.jenis_belanja,
            "efisiensi": self.efisiensi,
            "ikm": self.ikm,
            "ringkasan": self.ringkasan,
            "temuan": [vars(x) for x in self.temuan],
        }


class HitungError(Exception):
    pass


def _label_terakhir(tw: list[t.NilaiTW]) -> str | None:
    for v in reversed(tw):
        if v is not None:
            return v.label if isinstance(v, Nilai) else None
    return None


def _target(ind: t.Indikator, th: t.Tahun) -> tuple[Nilai | None, str | None]:
    for pk in sorted(th.perjanjian_kinerja, key=lambda p: t.urutan_versi(p.versi), reverse=True):
        if ind.kode in pk.target:
            return pk.target[ind.kode], f"pk-{pk.versi}"
    if th.tahun in ind.target_tahunan:
        return ind.target_tahunan[th.tahun], "renstra"
    return None, None


def hitung(paket: t.Paket, tahun: int) -> Hasil:
    th = paket.cari_tahun(tahun)
    if th is None:
        tersedia = ", ".join(str(x.tahun) for x in paket.tahun) or "tidak ada"
        raise HitungError(f"tidak ada data tahun {tahun} (tahun yang tersedia: {tersedia})")
    aturan = paket.pemda.aturan
    temuan: list[Temuan] = []
    buatan = paket.kode_buatan()
    nama_node = paket.nama_node_anggaran() if buatan else {}
    sebut = penyebut_kode_buatan({k: nama_node[k][0] for k in buatan})

    def catat(jenis: str, kode: str, lokasi: str, pesan: str) -> None:
        # The place keeps the code (the operator's explanation is attached to it).
        temuan.append(Temuan(jenis, kode, lokasi, sebut(pesan)))

    periksa_skala_pemda(paket, catat)
    periksa_riwayat(paket, catat)

    indikator = _hitung_indikator(paket, th, catat)
    anggaran, node_hasil, total = _hitung_anggaran(paket, th, catat)
    jenis_belanja = _hitung_jenis_belanja(paket, th, catat)
    efisiensi = _hitung_efisiensi(paket, th, indikator, node_hasil, total)
    ikm = _hitung_ikm(th, indikator, catat)

    iku = [i for i in indikator if i.iku and i.capaian_skor is not None]
    ringkasan = {
        "rata_rata_capaian_iku": rata_rata(i.capaian_skor for i in iku),
        "rata_rata_capaian_iku_mentah": rata_rata(
            i.capaian if i.capaian is not None else i.capaian_skor for i in iku
        ),
        "jumlah_iku": len(iku),
        "pagu_total": total["pagu"],
        "realisasi_total": total["realisasi"],
        "penyerapan_total": total["penyerapan"],
        "sisa_anggaran": None
        if total["pagu"] is None or total["realisasi"] is None
        else total["pagu"] - total["realisasi"],
        "jumlah_program": len(paket.program),
        "jumlah_kegiatan": sum(len(p.kegiatan) for p in paket.program),
        "jumlah_sub_kegiatan": sum(len(k.sub_kegiatan) for p in paket.program for k in p.kegiatan),
    }

    periksa_pk(paket, th, node_hasil, _total_dpa(paket, th), catat)
    periksa_anggaran_sasaran(paket, th, node_hasil, total, catat)
    periksa_tanggal(th, catat)
    hasil = Hasil(
        perangkat_daerah=paket.perangkat_daerah.kode,
        tahun=tahun,
        aturan={
            "skala_predikat": aturan.skala_preset or "kustom",
            "rumus_negatif": aturan.rumus_negatif.value,
            "batas_atas_capaian": aturan.batas_atas_capaian,
            "batas_bawah_capaian": aturan.batas_bawah_capaian,
            "metode_efisiensi": aturan.metode_efisiensi.value,
            "ambang_tercapai": aturan.ambang_tercapai,
        },
        indikator=indikator,
        anggaran=anggaran,
        jenis_belanja=jenis_belanja,
        efisiensi=efisiensi,
        ikm=ikm,
        ringkasan=ringkasan,
        temuan=temuan,
    )
    periksa_angka_dilaporkan(paket, th, hasil, catat)
    return hasil


def _hitung_indikator(paket: t.Paket, th: t.Tahun, catat: Catat) -> list[HasilIndikator]:
    aturan = paket.pemda.aturan
    tahun = th.tahun
    pk_berlaku = th.pk_berlaku()
    # How far the year has run: the latest quarter anyone reported.
    sampai = max(
        (i + 1 for tw in th.realisasi.values() for i, v in enumerate(tw) if v is not None),
        default=0,
    )
    hasil = []
    for ind in paket.semua_indikator():
        target_nilai, sumber = _target(ind, th)
        tw = th.realisasi.get(ind.kode)
        if target_nilai is None and tw is None:
            continue
        lokasi = f"indikator {ind.kode}"
        realisasi = None
        if tw is not None:
            realisasi = nilai_tahunan([angka_tw(v) for v in tw], ind.tipe_penghitungan)
        # A range target ("60 – 70") counts by the bound the pemda's rule names.
        target = target_acuan(target_nilai, aturan.acuan_rentang) if target_nilai else None
        nilai: Penilaian | None = None
        if target is not None and realisasi is not None:
            nilai = nilai_indikator(ind, aturan, target=target, realisasi=realisasi)
        elif realisasi is not None:
            catat(
                "target_kosong",
                ind.kode,
                lokasi,
                f"indikator {ind.kode} memiliki realisasi tahun {tahun} tetapi tidak memiliki target "
                "(PK maupun Renstra): capaian tidak dapat dihitung",
            )
        capaian = nilai.capaian if nilai else None
        band = nilai.band if nilai else None
        if capaian and capaian.skor is not None and band is None:
            catat(
                "skala_predikat",
                ind.kode,
                lokasi,
                f"capaian {format_persen(capaian.skor)} indikator {ind.kode} tidak masuk band mana pun "
                "pada skala predikat pemda",
            )
        tahun_lalu = tahun - 1
        lalu = realisasi_tahun(paket, ind, tahun_lalu)
        # An end target stated as a range counts by the same bound as the year's target.
        target_akhir = (
            target_acuan(ind.target_akhir, aturan.acuan_rentang) if ind.target_akhir else None
        )
        kemajuan = None
        if realisasi is not None and target_akhir is not None:
            kemajuan = kemajuan_indikator(
                ind, aturan, realisasi=realisasi, target_akhir=target_akhir
            )
        rencana = th.rencana_aksi.get(ind.kode)
        triwulan = [
            {
                "triwulan": q + 1,
                "target": _json_tw(rencana[q]) if rencana else None,
                "realisasi": _json_tw(tw[q]) if tw else None,
            }
            for q in range(4)
        ]
        hasil.append(
            HasilIndikator(
                kode=ind.kode,
                nama=ind.nama,
                tingkat=ind.tingkat,
                induk=ind.induk,
                iku=ind.iku,
                satuan=ind.satuan,
                polaritas=ind.polaritas.value,
                tipe_penghitungan=ind.tipe_penghitungan.value,
                target=target,
                target_label=target_nilai.label if target_nilai else None,
                sumber_target=sumber,
                realisasi=realisasi,
                realisasi_label=_label_terakhir(tw) if tw else None,
                capaian=capaian.mentah if capaian else None,
                capaian_skor=capaian.skor if capaian else None,
                predikat=band.label if band else None,
                warna=band.warna if band else None,
                rumus=_rumus(capaian.rumus, target_nilai, aturan.acuan_rentang)
                if capaian
                else None,
                catatan=capaian.catatan if capaian else None,
                tercapai=nilai.tercapai if nilai else None,
                target_akhir=target_akhir,
                tingkat_kemajuan=kemajuan,
                tahun_lalu=tahun_lalu,
                realisasi_tahun_lalu=lalu,
                perubahan_relatif=perubahan_relatif(realisasi, lalu)
                if realisasi is not None
                else None,
                perubahan_absolut=perubahan_absolut(realisasi, lalu)
                if realisasi is not None and lalu is not None
                else None,
                triwulan=triwulan,
                target_akhir_label=ind.target_akhir.label if ind.target_akhir else None,
            )
        )
        periksa_indikator(ind, th, tw, rencana, target_nilai, realisasi, pk_berlaku, sampai, catat)
    return hasil


_NAMA_ACUAN = {
    AcuanRentang.BAWAH: "batas bawah",
    AcuanRentang.ATAS: "batas atas",
    AcuanRentang.TENGAH: "nilai tengah",
}


def _rumus(rumus: str, target: Nilai | None, acuan: AcuanRentang) -> str:
    """The formula, saying which number of a range target T is."""
    if target is None or target.atas is None:
        return rumus
    return f"{rumus}; T = {_NAMA_ACUAN[acuan]} rentang {target.label}"


def _json_tw(v: t.NilaiTW) -> Any:
    if isinstance(v, Rasio):
        return {"pembilang": v.pembilang, "penyebut": v.penyebut, "persen": v.persen()}
    if isinstance(v, Nilai):
        return v.angka
    return None


def _nilai_realisasi_anggaran(v: Decimal | list[Decimal | None] | None) -> Decimal | None:
    if isinstance(v, list):
        return jumlah(v)
    return v


def pohon_program(
    paket: t.Paket, pagu: dict[str, Decimal | None], realisasi: dict[str, Decimal | None]
) -> list[Simpul]:
    """The program → kegiatan → sub kegiatan forest with the stated amounts of each code."""
    return [
        Simpul(
            kode=p.kode,
            nama=p.nama,
            tingkat="program",
            pagu=pagu.get(p.kode),
            realisasi=realisasi.get(p.kode),
            anak=[
                Simpul(
                    kode=k.kode,
                    nama=k.nama,
                    tingkat="kegiatan",
                    pagu=pagu.get(k.kode),
                    realisasi=realisasi.get(k.kode),
                    anak=[
                        Simpul(
                            kode=s.kode,
                            nama=s.nama,
                            tingkat="sub_kegiatan",
                            pagu=pagu.get(s.kode),
                            realisasi=realisasi.get(s.kode),
                        )
                        for s in k.sub_kegiatan
                    ],
                )
                for k in p.kegiatan
            ],
        )
        for p in paket.program
    ]


def _baris_anggaran(h: HasilSimpul) -> dict[str, Any]:
    return {
        "kode": h.kode,
        "nama": h.nama,
        "tingkat": h.tingkat,
        "kedalaman": h.kedalaman,
        "pagu": h.pagu,
        "realisasi": h.realisasi,
        "penyerapan": h.penyerapan,
    }


def _hitung_anggaran(paket: t.Paket, th: t.Tahun, catat: Catat):
    dpa = th.dpa_berlaku()
    realisasi = {k: _nilai_realisasi_anggaran(v) for k, v in th.realisasi_anggaran.items()}
    for versi in th.dpa:
        if versi is dpa:
            continue
        # Earlier versions: only their stated parents are checked.
        _, selisih_lama = gulung(pohon_program(paket, versi.pagu, {}))
        for s in selisih_lama:
            if s.jenis == "pagu":
                catat_selisih(catat, s, f"DPA {versi.versi}", "anggaran")
    hasil, selisih = gulung(pohon_program(paket, dpa.pagu if dpa else {}, realisasi))
    lokasi_dpa = f"DPA {dpa.versi}" if dpa else "realisasi anggaran"
    for s in selisih:
        catat_selisih(
            catat, s, lokasi_dpa if s.jenis == "pagu" else "realisasi anggaran", "anggaran"
        )
    for h in realisasi_melebihi_pagu(hasil):
        catat(
            "realisasi_melebihi_pagu",
            h.kode,
            f"anggaran {h.kode}",
            f"realisasi {h.kode} ({format_rupiah(h.realisasi)}) melebihi pagu ({format_rupiah(h.pagu)})",
        )
    baris = [_baris_anggaran(h) for h in hasil]
    akar = [h for h in hasil if h.kedalaman == 0]
    pagu_total = jumlah(h.pagu for h in akar)
    realisasi_total = jumlah(h.realisasi for h in akar)
    total = {
        "kode": "total",
        "nama": "Jumlah",
        "tingkat": "total",
        "kedalaman": 0,
        "pagu": pagu_total,
        "realisasi": realisasi_total,
        "penyerapan": penyerapan(pagu_total, realisasi_total),
    }
    baris.append(total)
    return baris, {h.kode: h for h in hasil}, total


def _hitung_jenis_belanja(paket: t.Paket, th: t.Tahun, catat: Catat) -> list[dict[str, Any]]:
    hasil_semua = []
    berlaku = th.dpa_berlaku()
    for dpa in th.dpa:
        if not dpa.jenis_belanja:
            continue
        realisasi = th.realisasi_jenis_belanja if dpa is berlaku else {}
        kode_semua = set(dpa.jenis_belanja) | set(realisasi)
        nama_standar = nama_jenis_belanja(th.tahun)
        nama = {k: nama_standar.get(k, k) for k in kode_semua}
        pohon = pohon_dari_kode({k: dpa.jenis_belanja.get(k) for k in kode_semua}, nama)
        _isi_realisasi(pohon, realisasi)
        hasil, selisih = gulung(pohon)
        for s in selisih:
            catat_selisih(catat, s, f"jenis belanja DPA {dpa.versi}", "jenis belanja")
        akar = [h for h in hasil if h.kedalaman == 0]
        total_jenis = jumlah(h.pagu for h in akar)
        total_program, _ = _total_program(paket, dpa.pagu)
        if total_jenis is not None and total_program is not None and total_jenis != total_program:
            catat(
                "total_jenis_belanja_tidak_sesuai",
                dpa.versi,
                f"DPA {dpa.versi}",
                f"jumlah pagu per jenis belanja DPA {dpa.versi} ({format_rupiah(total_jenis)}) tidak sama "
                f"dengan jumlah pagu per program ({format_rupiah(total_program)})",
            )
        for h in hasil:
            hasil_semua.append({"versi": dpa.versi, **_baris_anggaran(h)})
    return hasil_semua


def _isi_realisasi(pohon: list[Simpul], realisasi: dict[str, Decimal]) -> None:
    for s in pohon:
        s.realisasi = realisasi.get(s.kode)
        _isi_realisasi(s.anak, realisasi)


def _total_program(
    paket: t.Paket, pagu: dict[str, Decimal]
) -> tuple[Decimal | None, dict[str, HasilSimpul]]:
    hasil, _ = gulung(pohon_program(paket, pagu, {}))
    return jumlah(h.pagu for h in hasil if h.kedalaman == 0), {h.kode: h for h in hasil}


def _total_dpa(paket: t.Paket, th: t.Tahun) -> dict[str, dict[str, Decimal | None]]:
    """Per DPA version, the pagu of each program after roll-up."""
    total_dpa = {}
    for dpa in th.dpa:
        _, per_kode = _total_program(paket, dpa.pagu)
        total_dpa[dpa.versi] = {p.kode: per_kode[p.kode].pagu for p in paket.program}
    return total_dpa


def _program_pendukung(paket: t.Paket, kode: set[str]) -> list[str]:
    return [p.kode for p in paket.program if kode & set(p.sasaran)]


def _anggaran_dinyatakan(th: t.Tahun, sasaran: list[str]) -> tuple[Decimal | None, Decimal | None]:
    """Pagu and realisasi the report states for ``sasaran`` (summed); None where none is."""
    stated = [th.anggaran_sasaran[k] for k in sasaran if k in th.anggaran_sasaran]
    return jumlah(a.pagu for a in stated), jumlah(a.realisasi for a in stated)


def _hitung_efisiensi(
    paket, th: t.Tahun, indikator: list[HasilIndikator], node: dict[str, HasilSimpul], total
) -> list[dict]:
    """Capaian against penyerapan per tujuan, sasaran and overall.

    The budget of a row is that of the programs supporting it; a row without any
    (no linked program, or no program budget in the year) takes the budget the
    report states for its sasaran (``anggaran_sasaran``), marked ``anggaran_dinyatakan``.
    """
    metode = paket.pemda.aturan.metode_efisiensi
    per_induk: dict[str, list[HasilIndikator]] = {}
    for i in indikator:
        per_induk.setdefault(i.induk, []).append(i)
    semua_sasaran = [s.kode for tj in paket.renstra.tujuan for s in tj.sasaran]

    def mentah(i: HasilIndikator) -> Decimal | None:
        return i.capaian if i.capaian is not None else i.capaian_skor

    def baris(
        kode: str,
        tingkat: str,
        uraian: str,
        capaian,
        programs: list[str] | None,
        sasaran: list[str],
    ) -> dict:
        if programs is None:
            pagu, realisasi = total["pagu"], total["realisasi"]
        else:
            pagu = jumlah(node[p].pagu for p in programs if p in node)
            realisasi = jumlah(node[p].realisasi for p in programs if p in node)
        dinyatakan = False
        if pagu is None and realisasi is None:
            pagu, realisasi = _anggaran_dinyatakan(th, sasaran)
            dinyatakan = pagu is not None or realisasi is not None
        serap = penyerapan(pagu, realisasi)
        ef = hitung_efisiensi(capaian=capaian, penyerapan=serap, metode=metode)
        return {
            "kode": kode,
            "tingkat": tingkat,
            "uraian": uraian,
            "capaian": capaian,
            "program": programs if programs is not None else [p.kode for p in paket.program],
            "pagu": pagu,
            "realisasi": realisasi,
            "penyerapan": serap,
            "nilai": ef.nilai,
            "kategori": ef.kategori,
            "metode": ef.metode.value,
            "rumus": ef.rumus,
            "anggaran_dinyatakan": dinyatakan,
        }

    hasil = []
    for tujuan in paket.renstra.tujuan:
        kode_tujuan = {tujuan.kode, *(s.kode for s in tujuan.sasaran)}
        hasil.append(
            baris(
                tujuan.kode,
                "tujuan",
                tujuan.uraian,
                rata_rata(mentah(i) for i in per_induk.get(tujuan.kode, [])),
                _program_pendukung(paket, kode_tujuan),
                [s.kode for s in tujuan.sasaran],
            )
        )
        for s in tujuan.sasaran:
            hasil.append(
                baris(
                    s.kode,
                    "sasaran",
                    s.uraian,
                    rata_rata(mentah(i) for i in per_induk.get(s.kode, [])),
                    _program_pendukung(paket, {s.kode}),
                    [s.kode],
                )
            )
    iku = [i for i in indikator if i.iku]
    hasil.append(
        baris(
            "total",
            "total",
            "Seluruh IKU dan seluruh anggaran",
            rata_rata(mentah(i) for i in iku),
            None,
            semua_sasaran,
        )
    )
    return hasil


def _hitung_ikm(th: t.Tahun, indikator: list[HasilIndikator], catat: Catat) -> list[dict]:
    per_kode = {i.kode: i for i in indikator}
    hasil = []
    for skm in th.skm:
        if len(skm.unsur) != 9:
            continue
        ikm = ikm_dari_unsur(skm.unsur)
        hasil.append(
            {
                "indikator": skm.indikator,
                "periode": skm.periode,
                "responden": skm.responden,
                "unsur": skm.unsur,
                "ni": ikm.ni,
                "nik": ikm.nik,
                "mutu": ikm.mutu,
                "kinerja": ikm.kinerja,
            }
        )
        ind = per_kode.get(skm.indikator) if skm.indikator else None
        if ind is not None and ind.realisasi is not None:
            nik = bulatkan(ikm.nik, 2)
            if nik != ind.realisasi:
                catat(
                    "ikm_tidak_sesuai_skm",
                    ind.kode,
                    f"indikator {ind.kode}",
                    f"realisasi {ind.kode} tercatat {format_angka(ind.realisasi, jumlah_desimal(ind.realisasi))}, "
                    f"sedangkan IKM dari nilai 9 unsur SKM {skm.periode or ''} adalah "
                    f"{format_angka(ikm.nik)} (NI {format_angka(ikm.ni, 4)} × 25, mutu {ikm.mutu})".replace(
                        "  ", " "
                    ),
                )
    return hasil
