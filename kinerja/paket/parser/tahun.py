"""The years of a paket (``$.tahun[i]``): PK, cascaded PK, quarters, budget, SKM, report.

``baca_tahun`` reads one year part by part, in the order of the format; the
quarter lists of rencana aksi and realisasi are kept raw here and converted by
the cross-reference checks (``rujukan``), once each indicator's type is known.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kinerja.engine.hitung import pesan_kode_rekening
from kinerja.paket import types as t
from kinerja.paket.parser.pemda import baca_pejabat
from kinerja.paket.parser.reader import (
    KODE_PROGRAM_RE,
    KODE_REKENING_RE,
    Reader,
    key_path,
)

UNSUR = tuple(f"U{i}" for i in range(1, 10))
TINGKAT_PEMBANDING = ("kabupaten", "provinsi", "nasional", "lainnya")
JENIS_ANGKA_DILAPORKAN = (
    "capaian",
    "penyerapan",
    "pagu",
    "realisasi",
    "tingkat_kemajuan",
    "perubahan_relatif",
    "perubahan_absolut",
    "rata_rata_capaian_iku",
    "efisiensi",
    "ikm",
    "jumlah_anggaran_pk",
    "sisa_anggaran",
    "predikat",
)

_KUNCI_TAHUN = (
    "perjanjian_kinerja",
    "pk_berjenjang",
    "rencana_aksi",
    "realisasi",
    "catatan_realisasi",
    "dpa",
    "realisasi_anggaran",
    "realisasi_jenis_belanja",
    "anggaran_sasaran",
    "pembanding",
    "skm",
    "laporan",
    "angka_dilaporkan",
)


def baca_tahun(r: Reader, d: Any, path: str) -> t.Tahun | None:
    if not r.objek(d, path, ("tahun",), _KUNCI_TAHUN):
        return None
    tahun = r.tahun(d.get("tahun"), f"{path}.tahun")
    hasil = t.Tahun(tahun=tahun or 0)
    for baca in (
        _baca_perjanjian_kinerja,
        _baca_pk_berjenjang,
        _baca_triwulan,
        _baca_dpa,
        _baca_realisasi_anggaran,
        _baca_anggaran_sasaran,
        _baca_jenis_belanja_tahun,
        _baca_pembanding,
        _baca_skm,
        _baca_laporan,
        _baca_angka_dilaporkan,
    ):
        baca(r, d, path, hasil)
    return hasil if tahun is not None else None


def _cek_versi_unik(r: Reader, versi: list[str], path: str) -> None:
    dilihat = set()
    for i, v in enumerate(versi):
        if v and v in dilihat:
            r.salah(f"{path}[{i}].versi", f"versi {v!r} muncul lebih dari sekali")
        dilihat.add(v)


# --------------------------------------------------------------------------- PK


_KUNCI_PK = (
    "tanggal",
    "tempat",
    "target",
    "anggaran_program",
    "sumber_dana",
    "pihak_pertama",
    "pihak_kedua",
    "revisi_renstra",
)


def _baca_perjanjian_kinerja(r: Reader, d: dict, path: str, hasil: t.Tahun) -> None:
    for i, pkd in enumerate(r.daftar(d, "perjanjian_kinerja", path)):
        pk = _baca_satu_pk(r, pkd, f"{path}.perjanjian_kinerja[{i}]")
        if pk is not None:
            hasil.perjanjian_kinerja.append(pk)
    _cek_versi_unik(r, [pk.versi for pk in hasil.perjanjian_kinerja], f"{path}.perjanjian_kinerja")


def _baca_satu_pk(r: Reader, pkd: Any, p: str) -> t.PerjanjianKinerja | None:
    if not r.objek(pkd, p, ("versi",), _KUNCI_PK):
        return None
    revisi_renstra = None
    if "revisi_renstra" in pkd:
        revisi_renstra = r.bilangan_bulat(pkd["revisi_renstra"], f"{p}.revisi_renstra")
        if revisi_renstra is not None and revisi_renstra < 0:
            r.salah(f"{p}.revisi_renstra", "nomor revisi tidak boleh negatif")
    target = {}
    for kode, value in r.peta(pkd, "target", p).items():
        n = r.nilai(value, key_path(f"{p}.target", kode), rentang=True)
        if n is not None:
            target[kode] = n
    return t.PerjanjianKinerja(
        versi=r.versi(pkd, p) or "",
        target=target,
        anggaran_program=r.jumlah_per_kode(pkd, "anggaran_program", p, KODE_PROGRAM_RE),
        tanggal=r.tanggal(pkd, "tanggal", p),
        tempat=r.teks(pkd, "tempat", p),
        sumber_dana=r.teks(pkd, "sumber_dana", p),
        pihak_pertama=baca_pejabat(r, pkd["pihak_pertama"], f"{p}.pihak_pertama")
        if "pihak_pertama" in pkd
        else None,
        pihak_kedua=baca_pejabat(r, pkd["pihak_kedua"], f"{p}.pihak_kedua")
        if "pihak_kedua" in pkd
        else None,
        revisi_renstra=revisi_renstra,
    )


def _baca_pk_berjenjang(r: Reader, d: dict, path: str, hasil: t.Tahun) -> None:
    for i, bd in enumerate(r.daftar(d, "pk_berjenjang", path)):
        p = f"{path}.pk_berjenjang[{i}]"
        if not r.objek(bd, p, ("jabatan", "versi"), ("pejabat", "sasaran", "anggaran")):
            continue
        sasaran = []
        for j, sd in enumerate(r.daftar(bd, "sasaran", p)):
            ps = f"{p}.sasaran[{j}]"
            if not r.objek(sd, ps, ("uraian", "indikator"), ("target",)):
                continue
            sasaran.append(
                t.SasaranPKBerjenjang(
                    uraian=r.teks(sd, "uraian", ps) or "",
                    indikator=r.teks(sd, "indikator", ps) or "",
                    target=r.nilai_opsional(sd.get("target"), f"{ps}.target", rentang=True),
                )
            )
        hasil.pk_berjenjang.append(
            t.PKBerjenjang(
                jabatan=r.teks(bd, "jabatan", p, wajib=True) or "",
                versi=r.versi(bd, p) or "",
                pejabat=baca_pejabat(r, bd["pejabat"], f"{p}.pejabat") if "pejabat" in bd else None,
                sasaran=sasaran,
                anggaran=r.jumlah_per_kode(bd, "anggaran", p, KODE_PROGRAM_RE),
            )
        )


# --------------------------------------------------------------------------- quarters


def _baca_triwulan(r: Reader, d: dict, path: str, hasil: t.Tahun) -> None:
    # Quarter lists are converted later, once the indicator types are known
    # (a "rasio" indicator takes numerator/denominator pairs).
    hasil._mentah_triwulan = {  # type: ignore[attr-defined]
        key: r.peta(d, key, path) for key in ("rencana_aksi", "realisasi")
    }
    for kode, value in r.peta(d, "catatan_realisasi", path).items():
        p = key_path(f"{path}.catatan_realisasi", kode)
        if (
            not isinstance(value, list)
            or len(value) != 4
            or not all(v is None or isinstance(v, str) for v in value)
        ):
            r.salah(p, "harus berupa daftar 4 catatan (teks atau null)")
            continue
        hasil.catatan_realisasi[kode] = list(value)


# --------------------------------------------------------------------------- budget


def _baca_dpa(r: Reader, d: dict, path: str, hasil: t.Tahun) -> None:
    for i, dd in enumerate(r.daftar(d, "dpa", path)):
        p = f"{path}.dpa[{i}]"
        if not r.objek(dd, p, ("versi", "pagu"), ("tanggal", "jenis_belanja")):
            continue
        hasil.dpa.append(
            t.DPA(
                versi=r.versi(dd, p) or "",
                pagu=r.jumlah_per_kode(dd, "pagu", p, KODE_PROGRAM_RE),
                jenis_belanja=r.jumlah_per_kode(dd, "jenis_belanja", p, KODE_REKENING_RE),
                tanggal=r.tanggal(dd, "tanggal", p),
            )
        )
    _cek_versi_unik(r, [x.versi for x in hasil.dpa], f"{path}.dpa")


def _baca_realisasi_anggaran(r: Reader, d: dict, path: str, hasil: t.Tahun) -> None:
    p_ra = f"{path}.realisasi_anggaran"
    for kode, value in r.peta(d, "realisasi_anggaran", path).items():
        pk = key_path(p_ra, kode)
        if not KODE_PROGRAM_RE.match(kode):
            r.salah(pk, f"kode {kode!r} tidak berformat kode Kepmendagri (angka bertitik)")
            continue
        if isinstance(value, list):
            if len(value) != 4:
                r.salah(pk, "harus satu jumlah tahunan atau daftar 4 jumlah triwulan")
                continue
            tw = [None if v is None else r.uang(v, f"{pk}[{n}]") for n, v in enumerate(value)]
            hasil.realisasi_anggaran[kode] = tw
        else:
            jumlah = r.uang(value, pk)
            if jumlah is not None:
                hasil.realisasi_anggaran[kode] = jumlah
    hasil.realisasi_jenis_belanja = r.jumlah_per_kode(
        d, "realisasi_jenis_belanja", path, KODE_REKENING_RE
    )


def _baca_anggaran_sasaran(r: Reader, d: dict, path: str, hasil: t.Tahun) -> None:
    """Budget stated per sasaran; the codes are checked against the Renstra in ``rujukan``."""
    p_as = f"{path}.anggaran_sasaran"
    for kode, value in r.peta(d, "anggaran_sasaran", path).items():
        pk = key_path(p_as, kode)
        if not r.objek(value, pk, (), ("pagu", "realisasi")):
            continue
        if "pagu" not in value and "realisasi" not in value:
            r.salah(pk, "isi sedikitnya salah satu dari pagu atau realisasi")
            continue
        pagu = r.uang(value["pagu"], f"{pk}.pagu") if value.get("pagu") is not None else None
        realisasi = (
            r.uang(value["realisasi"], f"{pk}.realisasi")
            if value.get("realisasi") is not None
            else None
        )
        if pagu is not None or realisasi is not None:
            hasil.anggaran_sasaran[kode] = t.AnggaranSasaran(pagu=pagu, realisasi=realisasi)


def _baca_jenis_belanja_tahun(r: Reader, d: dict, path: str, hasil: t.Tahun) -> None:
    """Account codes follow the year's classification (Permendagri 13/2006 before 2021)."""
    if not hasil.tahun:
        return
    for i, dpa in enumerate(hasil.dpa):
        for kode in dpa.jenis_belanja:
            pesan = pesan_kode_rekening(kode, hasil.tahun)
            if pesan:
                r.salah(key_path(f"{path}.dpa[{i}].jenis_belanja", kode), pesan)
    for kode in hasil.realisasi_jenis_belanja:
        pesan = pesan_kode_rekening(kode, hasil.tahun)
        if pesan:
            r.salah(key_path(f"{path}.realisasi_jenis_belanja", kode), pesan)


# --------------------------------------------------------------------------- pembanding, SKM


def _baca_pembanding(r: Reader, d: dict, path: str, hasil: t.Tahun) -> None:
    for kode, items in r.peta(d, "pembanding", path).items():
        pk = key_path(f"{path}.pembanding", kode)
        if not isinstance(items, list):
            r.salah(pk, "harus berupa daftar nilai pembanding")
            continue
        daftar = []
        for i, item in enumerate(items):
            pi = f"{pk}[{i}]"
            if not r.objek(item, pi, ("tingkat", "nilai"), ("label", "sumber")):
                continue
            tingkat = r.pilihan(item, "tingkat", pi, TINGKAT_PEMBANDING)
            n = r.nilai(item.get("nilai"), f"{pi}.nilai")
            if tingkat and n:
                daftar.append(
                    t.Pembanding(
                        tingkat=tingkat,
                        nilai=n,
                        label=r.teks(item, "label", pi),
                        sumber=r.teks(item, "sumber", pi),
                    )
                )
        hasil.pembanding[kode] = daftar


def _baca_skm(r: Reader, d: dict, path: str, hasil: t.Tahun) -> None:
    for i, sd in enumerate(r.daftar(d, "skm", path)):
        p = f"{path}.skm[{i}]"
        if not r.objek(sd, p, ("unsur",), ("indikator", "periode", "responden")):
            continue
        unsur = _baca_unsur(r, sd, p)
        responden = sd.get("responden")
        if responden is not None:
            responden = r.bilangan_bulat(responden, f"{p}.responden", maksimum=2_147_483_647)
        hasil.skm.append(
            t.SKM(
                unsur=unsur,
                indikator=r.teks(sd, "indikator", p),
                periode=r.teks(sd, "periode", p),
                responden=responden,
            )
        )


def _baca_unsur(r: Reader, sd: dict, p: str) -> dict[str, Decimal]:
    unsur: dict[str, Decimal] = {}
    if r.objek(sd.get("unsur"), f"{p}.unsur", UNSUR, ()):
        for key in UNSUR:
            if key in sd["unsur"]:
                v = r.angka(sd["unsur"][key], f"{p}.unsur.{key}")
                if v is not None and not Decimal(1) <= v <= Decimal(4):
                    r.salah(f"{p}.unsur.{key}", f"nilai rata-rata unsur harus 1–4, bukan {v}")
                elif v is not None:
                    unsur[key] = v
    return unsur


# --------------------------------------------------------------------------- the report


def _baca_laporan(r: Reader, d: dict, path: str, hasil: t.Tahun) -> None:
    if "laporan" in d and r.objek(d["laporan"], f"{path}.laporan", (), ("tempat", "tanggal")):
        hasil.laporan = t.Laporan(
            tempat=r.teks(d["laporan"], "tempat", f"{path}.laporan"),
            tanggal=r.tanggal(d["laporan"], "tanggal", f"{path}.laporan"),
        )


def _baca_angka_dilaporkan(r: Reader, d: dict, path: str, hasil: t.Tahun) -> None:
    for i, ad in enumerate(r.daftar(d, "angka_dilaporkan", path)):
        p = f"{path}.angka_dilaporkan[{i}]"
        if not r.objek(ad, p, ("jenis", "kode", "nilai"), ("sumber", "tahun_banding")):
            continue
        jenis = r.pilihan(ad, "jenis", p, JENIS_ANGKA_DILAPORKAN)
        nilai: Decimal | str | None
        if jenis in t.JENIS_DILAPORKAN_TEKS:
            nilai = r.teks(ad, "nilai", p, wajib=True)
        else:
            nilai = r.angka(ad.get("nilai"), f"{p}.nilai")
        banding = ad.get("tahun_banding")
        if banding is not None:
            banding = r.tahun(banding, f"{p}.tahun_banding")
        kode = r.teks(ad, "kode", p, wajib=True)
        if jenis and nilai is not None and kode:
            hasil.angka_dilaporkan.append(
                t.AngkaDilaporkan(
                    jenis=jenis,
                    kode=kode,
                    nilai=nilai,
                    sumber=r.teks(ad, "sumber", p),
                    tahun_banding=banding,
                )
            )
