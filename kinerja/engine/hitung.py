"""Every figure of one year of a perangkat daerah, computed from its data alone.

``hitung(paket, tahun)`` is pure: it takes the plain data of
``kinerja.paket.types`` and returns plain values (Decimals unrounded, rounding
happens only when something is displayed). The management command
``hitung``, the browser screens and the LKjIP document all read this result,
so a figure is computed in exactly one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kinerja.engine.angka import Nilai, bulatkan, jumlah_desimal
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
from kinerja.engine.predikat import periksa_skala
from kinerja.engine.realisasi import Rasio, TipePenghitungan, nilai_tahunan, triwulan_kosong
from kinerja.paket import types as t
from lib.format import BULAN, format_angka, format_angka_alami, format_persen, format_rupiah

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

NAMA_TINGKAT = {
    "tujuan": "tujuan",
    "sasaran": "sasaran",
    "program": "program",
    "kegiatan": "kegiatan",
    "sub_kegiatan": "sub kegiatan",
}


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


class HitungGagal(Exception):
    pass


def _angka(v: t.NilaiTW) -> Decimal | Rasio | None:
    if isinstance(v, Nilai):
        return v.angka
    return v


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


def _realisasi_tahun(paket: t.Paket, ind: t.Indikator, tahun: int) -> Decimal | None:
    th = paket.cari_tahun(tahun)
    if th is not None and ind.kode in th.realisasi:
        return nilai_tahunan([_angka(v) for v in th.realisasi[ind.kode]], ind.tipe_penghitungan)
    riwayat = ind.riwayat.get(tahun)
    if riwayat and riwayat.realisasi:
        return riwayat.realisasi.angka
    return None


def _pd(x: Decimal | None) -> str:
    return "-" if x is None else format_persen(x)


def hitung(paket: t.Paket, tahun: int) -> Hasil:
    th = paket.cari_tahun(tahun)
    if th is None:
        tersedia = ", ".join(str(x.tahun) for x in paket.tahun) or "tidak ada"
        raise HitungGagal(f"tidak ada data tahun {tahun} (tahun yang tersedia: {tersedia})")
    aturan = paket.pemda.aturan
    temuan: list[Temuan] = []

    def catat(jenis: str, kode: str, lokasi: str, pesan: str) -> None:
        temuan.append(Temuan(jenis, kode, lokasi, pesan))

    for masalah in periksa_skala(
        aturan.skala, batas_bawah=aturan.batas_bawah_capaian, batas_atas=aturan.batas_atas_capaian
    ):
        catat(
            "skala_predikat",
            "skala",
            f"skala predikat {paket.pemda.nama}",
            masalah.pesan,
        )

    indikator = _hitung_indikator(paket, th, catat)
    anggaran, node_hasil, total = _hitung_anggaran(paket, th, catat)
    jenis_belanja = _hitung_jenis_belanja(paket, th, catat)
    efisiensi = _hitung_efisiensi(paket, indikator, node_hasil, total)
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

    _periksa_pk(paket, th, node_hasil, catat)
    _periksa_tanggal(th, catat)
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
    _periksa_angka_dilaporkan(paket, th, hasil, catat)
    return hasil


def _hitung_indikator(paket: t.Paket, th: t.Tahun, catat) -> list[HasilIndikator]:
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
            realisasi = nilai_tahunan([_angka(v) for v in tw], ind.tipe_penghitungan)
        target = target_nilai.angka if target_nilai else None
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
        lalu = _realisasi_tahun(paket, ind, tahun_lalu)
        target_akhir = ind.target_akhir.angka if ind.target_akhir else None
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
                rumus=capaian.rumus if capaian else None,
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
            )
        )
        _periksa_indikator(ind, th, tw, rencana, target_nilai, realisasi, pk_berlaku, sampai, catat)
    return hasil


def _json_tw(v: t.NilaiTW) -> Any:
    if isinstance(v, Rasio):
        return {"pembilang": v.pembilang, "penyebut": v.penyebut, "persen": v.persen()}
    if isinstance(v, Nilai):
        return v.angka
    return None


def _periksa_indikator(ind, th, tw, rencana, target, realisasi, pk_berlaku, sampai, catat) -> None:
    lokasi = f"indikator {ind.kode}"
    if ind.persentase:
        dicek: list[tuple[str, Decimal | None]] = [
            (f"target {th.tahun}", target.angka if target else None),
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
            [_angka(v) for v in tw] if tw else [None] * 4,
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


def _hitung_anggaran(paket: t.Paket, th: t.Tahun, catat):
    dpa = th.dpa_berlaku()
    realisasi = {k: _nilai_realisasi_anggaran(v) for k, v in th.realisasi_anggaran.items()}
    for versi in th.dpa:
        if versi is dpa:
            continue
        # Earlier versions: only their stated parents are checked.
        _, selisih_lama = gulung(pohon_program(paket, versi.pagu, {}))
        for s in selisih_lama:
            if s.jenis == "pagu":
                _catat_selisih(catat, s, f"DPA {versi.versi}", "anggaran")
    hasil, selisih = gulung(pohon_program(paket, dpa.pagu if dpa else {}, realisasi))
    lokasi_dpa = f"DPA {dpa.versi}" if dpa else "realisasi anggaran"
    for s in selisih:
        _catat_selisih(
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


def _selisih(dinyatakan: Decimal, jumlah_anak: Decimal) -> str:
    beda = dinyatakan - jumlah_anak
    arah = "lebih besar" if beda > 0 else "lebih kecil"
    return f"{format_rupiah(abs(beda))} {arah} dari rinciannya"


def _catat_selisih(catat, s, lokasi: str, apa: str) -> None:
    catat(
        "jumlah_tidak_sesuai",
        s.kode,
        f"{lokasi} {s.kode}",
        f"{s.jenis} {s.kode} tertulis {format_rupiah(s.dinyatakan)}, sedangkan jumlah rinciannya "
        f"{format_rupiah(s.jumlah_anak)} ({_selisih(s.dinyatakan, s.jumlah_anak)})",
    )


def _hitung_jenis_belanja(paket: t.Paket, th: t.Tahun, catat) -> list[dict[str, Any]]:
    hasil_semua = []
    berlaku = th.dpa_berlaku()
    for dpa in th.dpa:
        if not dpa.jenis_belanja:
            continue
        realisasi = th.realisasi_jenis_belanja if dpa is berlaku else {}
        kode_semua = set(dpa.jenis_belanja) | set(realisasi)
        nama = {k: NAMA_JENIS_BELANJA.get(k, k) for k in kode_semua}
        pohon = pohon_dari_kode({k: dpa.jenis_belanja.get(k) for k in kode_semua}, nama)
        _isi_realisasi(pohon, realisasi)
        hasil, selisih = gulung(pohon)
        for s in selisih:
            _catat_selisih(catat, s, f"jenis belanja DPA {dpa.versi}", "jenis belanja")
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


def _program_pendukung(paket: t.Paket, kode: set[str]) -> list[str]:
    return [p.kode for p in paket.program if kode & set(p.sasaran)]


def _hitung_efisiensi(
    paket, indikator: list[HasilIndikator], node: dict[str, HasilSimpul], total
) -> list[dict]:
    metode = paket.pemda.aturan.metode_efisiensi
    per_induk: dict[str, list[HasilIndikator]] = {}
    for i in indikator:
        per_induk.setdefault(i.induk, []).append(i)

    def mentah(i: HasilIndikator) -> Decimal | None:
        return i.capaian if i.capaian is not None else i.capaian_skor

    def baris(kode: str, tingkat: str, uraian: str, capaian, programs: list[str] | None) -> dict:
        if programs is None:
            pagu, realisasi = total["pagu"], total["realisasi"]
        else:
            pagu = jumlah(node[p].pagu for p in programs if p in node)
            realisasi = jumlah(node[p].realisasi for p in programs if p in node)
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
        )
    )
    return hasil


def _hitung_ikm(th: t.Tahun, indikator: list[HasilIndikator], catat) -> list[dict]:
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


def _periksa_pk(paket: t.Paket, th: t.Tahun, node: dict[str, HasilSimpul], catat) -> None:
    total_dpa = {}
    for dpa in th.dpa:
        _, per_kode = _total_program(paket, dpa.pagu)
        total_dpa[dpa.versi] = {p.kode: per_kode[p.kode].pagu for p in paket.program}
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
            if renstra is not None and renstra.angka != target.angka:
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


def _periksa_tanggal(th: t.Tahun, catat) -> None:
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
}


def _periksa_angka_dilaporkan(paket: t.Paket, th: t.Tahun, hasil: Hasil, catat) -> None:
    indikator = hasil.indikator_per_kode()
    anggaran = hasil.anggaran_per_kode()
    efisiensi = {e["kode"]: e for e in hasil.efisiensi}
    ikm = {x["indikator"]: x for x in hasil.ikm if x["indikator"]}
    semua = {i.kode: i for i in paket.semua_indikator()}
    for angka in th.angka_dilaporkan:
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
        lama = _realisasi_tahun(paket, semua[kode], banding)
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


# -- readable output ----------------------------------------------------------


def _tabel(judul: str, kepala: list[str], baris: Iterable[list[str]], kanan: set[int]) -> str:
    baris = list(baris)
    lebar = [len(h) for h in kepala]
    for b in baris:
        for i, sel in enumerate(b):
            lebar[i] = max(lebar[i], len(sel))

    def fmt(b: list[str]) -> str:
        return "  ".join(
            sel.rjust(lebar[i]) if i in kanan else sel.ljust(lebar[i]) for i, sel in enumerate(b)
        )

    garis = "  ".join("-" * w for w in lebar)
    return "\n".join([judul, fmt(kepala), garis, *(fmt(b) for b in baris), ""])


def _potong(teks: str, n: int = 48) -> str:
    return teks if len(teks) <= n else teks[: n - 1] + "…"


def sebagai_teks(hasil: Hasil, nama_pd: str) -> str:
    """The result as readable Indonesian tables (rounded half-up for display)."""

    def angka_atau_label(x: Decimal | None, label: str | None) -> str:
        if label:
            return label
        return (
            "-"
            if x is None
            else format_angka(
                x, max(jumlah_desimal(x.normalize()), 0) if x == x.to_integral_value() else 2
            )
        )

    bagian = [f"Hasil perhitungan {nama_pd} tahun {hasil.tahun}", ""]
    bagian.append(
        _tabel(
            "Capaian indikator",
            ["Kode", "Indikator", "Target", "Sumber", "Realisasi", "Capaian", "Skor", "Predikat"],
            (
                [
                    i.kode,
                    _potong(i.nama),
                    angka_atau_label(i.target, i.target_label),
                    i.sumber_target or "-",
                    angka_atau_label(i.realisasi, i.realisasi_label),
                    _pd(i.capaian),
                    _pd(i.capaian_skor),
                    i.predikat or "-",
                ]
                for i in hasil.indikator
            ),
            {2, 4, 5, 6},
        )
    )
    bagian.append(
        _tabel(
            "Realisasi anggaran",
            ["Kode", "Uraian", "Pagu (Rp)", "Realisasi (Rp)", "Penyerapan"],
            (
                [
                    a["kode"],
                    _potong(("  " * a["kedalaman"]) + a["nama"]),
                    format_angka(a["pagu"], 0) if a["pagu"] is not None else "-",
                    format_angka(a["realisasi"], 0) if a["realisasi"] is not None else "-",
                    _pd(a["penyerapan"]),
                ]
                for a in hasil.anggaran
            ),
            {2, 3, 4},
        )
    )
    bagian.append(
        _tabel(
            f"Efisiensi (metode {hasil.aturan['metode_efisiensi']})",
            ["Kode", "Uraian", "Capaian", "Penyerapan", "Nilai", "Kategori"],
            (
                [
                    e["kode"],
                    _potong(e["uraian"], 40),
                    _pd(e["capaian"]),
                    _pd(e["penyerapan"]),
                    "-" if e["nilai"] is None else format_angka(e["nilai"]),
                    e["kategori"],
                ]
                for e in hasil.efisiensi
            ),
            {2, 3, 4},
        )
    )
    r = hasil.ringkasan
    bagian.append("Ringkasan")
    bagian.append(f"  Rata-rata capaian IKU : {_pd(r['rata_rata_capaian_iku'])}")
    bagian.append(f"  Pagu total            : {format_rupiah(r['pagu_total'])}")
    bagian.append(f"  Realisasi total       : {format_rupiah(r['realisasi_total'])}")
    bagian.append(f"  Penyerapan total      : {_pd(r['penyerapan_total'])}")
    bagian.append("")
    if hasil.temuan:
        bagian.append(f"Temuan ({len(hasil.temuan)})")
        for n, x in enumerate(hasil.temuan, 1):
            bagian.append(f"  {n}. [{x.jenis}] {x.lokasi}: {x.pesan}")
    else:
        bagian.append("Temuan: tidak ada")
    return "\n".join(bagian) + "\n"
