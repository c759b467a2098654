"""Predicate / category scales (DOMAIN §2.2, §4, §6.3, §7.1).

Pure module: no Django imports, ``Decimal`` only. A :class:`Skala` is an ordered
tuple of :class:`Band` (half-open or closed intervals with explicit inclusivity);
:func:`periksa_skala` finds gaps, overlaps, empty bands and unreachable bands so that
a scale can be rejected at save time. The presets reproduce the seeds exactly —
including "jombang", which deliberately fails the check.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kinerja.engine.angka import NilaiTidakValid, parse_angka
from lib.format import format_angka_alami

__all__ = [
    "Band",
    "Skala",
    "MasalahSkala",
    "klasifikasi",
    "periksa_skala",
    "PRESET",
    "JUDUL_SKALA",
    "skala_dari_preset",
    "skala_dari_band",
]


@dataclass(frozen=True)
class Band:
    """One band: ``bawah``/``atas`` None mean an open end (−∞/+∞; inclusivity ignored)."""

    label: str
    bawah: Decimal | None
    bawah_inklusif: bool
    atas: Decimal | None
    atas_inklusif: bool
    warna: str | None = None
    keterangan: str | None = None

    def memuat(self, x: Decimal) -> bool:
        """True when ``x`` lies in this band."""
        if self.bawah is not None:
            if x < self.bawah or (x == self.bawah and not self.bawah_inklusif):
                return False
        if self.atas is not None:
            if x > self.atas or (x == self.atas and not self.atas_inklusif):
                return False
        return True


@dataclass(frozen=True)
class Skala:
    nama: str
    band: tuple[Band, ...]
    sumber: str = ""


@dataclass(frozen=True)
class MasalahSkala:
    jenis: str  # "celah" | "tumpang-tindih" | "tidak-terjangkau" | "band-kosong"
    pesan: str


def klasifikasi(skala: Skala, nilai: Decimal | None) -> Band | None:
    """The band containing ``nilai`` (the first listed one if bands overlap); None if none."""
    if nilai is None:
        return None
    for band in skala.band:
        if band.memuat(nilai):
            return band
    return None


# --------------------------------------------------------------------------- checking

# An end point: (value, inclusive); value None = −∞ for a lower end, +∞ for an upper end.
_Ujung = tuple[Decimal | None, bool]


def _bawah_lebih_akhir(a: _Ujung, b: _Ujung) -> _Ujung:
    """Of two lower ends, the one that starts later."""
    if a[0] is None:
        return b
    if b[0] is None:
        return a
    if a[0] != b[0]:
        return a if a[0] > b[0] else b
    return a if not a[1] else b  # exclusive starts later


def _atas_lebih_awal(a: _Ujung, b: _Ujung) -> _Ujung:
    """Of two upper ends, the one that ends earlier."""
    if a[0] is None:
        return b
    if b[0] is None:
        return a
    if a[0] != b[0]:
        return a if a[0] < b[0] else b
    return a if not a[1] else b  # exclusive ends earlier


def _atas_lebih_akhir(a: _Ujung, b: _Ujung) -> _Ujung:
    """Of two upper ends, the one that ends later."""
    if a[0] is None:
        return a
    if b[0] is None:
        return b
    if a[0] != b[0]:
        return a if a[0] > b[0] else b
    return a if a[1] else b  # inclusive ends later


def _tidak_kosong(bawah: _Ujung, atas: _Ujung) -> bool:
    if bawah[0] is None or atas[0] is None:
        return True
    if bawah[0] < atas[0]:
        return True
    return bawah[0] == atas[0] and bawah[1] and atas[1]


def _bersambung(atas: _Ujung, bawah: _Ujung) -> bool:
    """Does an interval ending at ``atas`` touch/overlap one starting at ``bawah``?"""
    if atas[0] is None or bawah[0] is None:
        return True
    if atas[0] > bawah[0]:
        return True
    return atas[0] == bawah[0] and (atas[1] or bawah[1])


def _uraian(bawah: _Ujung, atas: _Ujung) -> str:
    """Indonesian description of an interval, e.g. "nilai di atas 80 sampai dengan 90"."""
    lo, lo_inkl = bawah
    hi, hi_inkl = atas
    if lo is None and hi is None:
        return "semua nilai"
    if lo is not None and hi is not None and lo == hi:
        return f"nilai {format_angka_alami(lo)}"
    if lo is None:
        assert hi is not None
        if hi_inkl:
            return f"nilai sampai dengan {format_angka_alami(hi)}"
        return f"nilai di bawah {format_angka_alami(hi)}"
    if hi is None:
        if lo_inkl:
            return f"nilai {format_angka_alami(lo)} ke atas"
        return f"nilai di atas {format_angka_alami(lo)}"
    awal = f"mulai {format_angka_alami(lo)}" if lo_inkl else f"di atas {format_angka_alami(lo)}"
    akhir = (
        f"sampai dengan {format_angka_alami(hi)}"
        if hi_inkl
        else f"sampai kurang dari {format_angka_alami(hi)}"
    )
    return f"nilai {awal} {akhir}"


def _rentang_band(band: Band) -> str:
    return _uraian((band.bawah, band.bawah_inklusif), (band.atas, band.atas_inklusif))


def _kunci_bawah(band: Band) -> tuple[int, Decimal, int]:
    if band.bawah is None:
        return (0, Decimal(0), 0)
    return (1, band.bawah, 0 if band.bawah_inklusif else 1)


def periksa_skala(
    skala: Skala,
    *,
    batas_bawah: Decimal | None = None,
    batas_atas: Decimal | None = None,
) -> list[MasalahSkala]:
    """Problems of a scale over the reachable range [batas_bawah or −∞, batas_atas or +∞].

    Reports, in this order:

    * "band-kosong": lower end above the upper end, or equal ends not both inclusive;
    * "tumpang-tindih": two bands share values (including a shared end point that is
      inclusive on both sides);
    * "celah": reachable values in no band — between bands (including a shared end
      point exclusive on both sides) and at either end of the reachable range
      (e.g. value 0 when the floor is 0);
    * "tidak-terjangkau": a band lying entirely above ``batas_atas`` or below
      ``batas_bawah``.

    A valid scale returns [].
    """
    if batas_bawah is not None and batas_atas is not None and batas_bawah > batas_atas:
        raise NilaiTidakValid(
            f"batas bawah ({format_angka_alami(batas_bawah)}) lebih besar dari "
            f"batas atas ({format_angka_alami(batas_atas)})"
        )
    nama = JUDUL_SKALA.get(skala.nama, skala.nama)
    masalah, sah = _band_kosong(skala.band, nama)
    urut = sorted(sah, key=_kunci_bawah)
    masalah += _tumpang_tindih(urut, nama)
    masalah += _celah(urut, nama, batas_bawah, batas_atas)
    masalah += _tidak_terjangkau(urut, nama, batas_bawah, batas_atas)
    return masalah


def _band_kosong(band: Sequence[Band], nama: str) -> tuple[list[MasalahSkala], list[Band]]:
    """The empty bands as problems, and the other bands."""
    masalah: list[MasalahSkala] = []
    sah: list[Band] = []
    for b in band:
        b_lo, b_hi = b.bawah, b.atas
        if b_lo is not None and b_hi is not None and b_lo > b_hi:
            masalah.append(
                MasalahSkala(
                    "band-kosong",
                    f'Skala "{nama}": predikat "{b.label}" kosong karena batas bawah '
                    f"{format_angka_alami(b_lo)} lebih besar dari batas atas "
                    f"{format_angka_alami(b_hi)}.",
                )
            )
        elif b_lo is not None and b_lo == b_hi and not (b.bawah_inklusif and b.atas_inklusif):
            masalah.append(
                MasalahSkala(
                    "band-kosong",
                    f'Skala "{nama}": predikat "{b.label}" kosong karena batas bawah dan atas '
                    f"sama-sama {format_angka_alami(b_lo)} tetapi tidak keduanya inklusif.",
                )
            )
        else:
            sah.append(b)
    return masalah, sah


def _tumpang_tindih(urut: list[Band], nama: str) -> list[MasalahSkala]:
    """Every pair of bands sharing values."""
    masalah: list[MasalahSkala] = []
    for i, a in enumerate(urut):
        for b in urut[i + 1 :]:
            bawah = _bawah_lebih_akhir((a.bawah, a.bawah_inklusif), (b.bawah, b.bawah_inklusif))
            atas = _atas_lebih_awal((a.atas, a.atas_inklusif), (b.atas, b.atas_inklusif))
            if _tidak_kosong(bawah, atas):
                masalah.append(
                    MasalahSkala(
                        "tumpang-tindih",
                        f'Skala "{nama}": predikat "{a.label}" dan predikat "{b.label}" sama-sama '
                        f"memuat {_uraian(bawah, atas)} (tumpang-tindih).",
                    )
                )
    return masalah


def _tidak_tercakup(urut: list[Band]) -> list[tuple[_Ujung, _Ujung]]:
    """The pieces of the number line no band covers (``urut`` sorted by lower end)."""
    merged: list[tuple[_Ujung, _Ujung]] = []
    for band in urut:
        u_lo: _Ujung = (band.bawah, band.bawah_inklusif)
        u_hi: _Ujung = (band.atas, band.atas_inklusif)
        if merged and _bersambung(merged[-1][1], u_lo):
            merged[-1] = (merged[-1][0], _atas_lebih_akhir(merged[-1][1], u_hi))
        else:
            merged.append((u_lo, u_hi))
    if not merged:
        return [((None, False), (None, False))]
    kosong: list[tuple[_Ujung, _Ujung]] = []
    pertama_bawah = merged[0][0]
    if pertama_bawah[0] is not None:
        kosong.append(((None, False), (pertama_bawah[0], not pertama_bawah[1])))
    for (_, hi), (lo, _) in zip(merged, merged[1:], strict=False):
        kosong.append(((hi[0], not hi[1]), (lo[0], not lo[1])))
    akhir_atas = merged[-1][1]
    if akhir_atas[0] is not None:
        kosong.append(((akhir_atas[0], not akhir_atas[1]), (None, False)))
    return kosong


def _celah(
    urut: list[Band], nama: str, batas_bawah: Decimal | None, batas_atas: Decimal | None
) -> list[MasalahSkala]:
    """Reachable values in no band."""
    masalah: list[MasalahSkala] = []
    for lo, hi in _tidak_tercakup(urut):
        if batas_bawah is not None:
            lo = _bawah_lebih_akhir(lo, (batas_bawah, True))
        if batas_atas is not None:
            hi = _atas_lebih_awal(hi, (batas_atas, True))
        if _tidak_kosong(lo, hi):
            masalah.append(
                MasalahSkala(
                    "celah",
                    f'Skala "{nama}": {_uraian(lo, hi)} tidak masuk predikat mana pun (celah).',
                )
            )
    return masalah


def _tidak_terjangkau(
    urut: list[Band], nama: str, batas_bawah: Decimal | None, batas_atas: Decimal | None
) -> list[MasalahSkala]:
    """Bands lying entirely above the cap or below the floor."""
    masalah: list[MasalahSkala] = []
    for band in urut:
        if (
            batas_atas is not None
            and band.bawah is not None
            and (band.bawah > batas_atas or (band.bawah == batas_atas and not band.bawah_inklusif))
        ):
            masalah.append(
                MasalahSkala(
                    "tidak-terjangkau",
                    f'Skala "{nama}": predikat "{band.label}" ({_rentang_band(band)}) tidak dapat '
                    f"dicapai karena nilai dibatasi maks. {format_angka_alami(batas_atas)} "
                    "(tidak terjangkau).",
                )
            )
        elif (
            batas_bawah is not None
            and band.atas is not None
            and (band.atas < batas_bawah or (band.atas == batas_bawah and not band.atas_inklusif))
        ):
            masalah.append(
                MasalahSkala(
                    "tidak-terjangkau",
                    f'Skala "{nama}": predikat "{band.label}" ({_rentang_band(band)}) tidak dapat '
                    f"dicapai karena nilai dibatasi min. {format_angka_alami(batas_bawah)} "
                    "(tidak terjangkau).",
                )
            )
    return masalah


# --------------------------------------------------------------------------- presets

D = Decimal

_HIJAU_TUA = "#006837"
_HIJAU = "#1a9850"
_HIJAU_MUDA = "#66bd63"
_HIJAU_KUNING = "#a6d96a"
_KUNING_HIJAU = "#d9ef8b"
_KUNING = "#fee08b"
_JINGGA_MUDA = "#fdae61"
_JINGGA = "#f46d43"
_MERAH = "#d73027"


def _band(
    label: str,
    bawah: str | None,
    bawah_inklusif: bool,
    atas: str | None,
    atas_inklusif: bool,
    warna: str,
    keterangan: str | None = None,
) -> Band:
    return Band(
        label=label,
        bawah=None if bawah is None else D(bawah),
        bawah_inklusif=bawah_inklusif,
        atas=None if atas is None else D(atas),
        atas_inklusif=atas_inklusif,
        warna=warna,
        keterangan=keterangan,
    )


# The preset scales as their users call them (the keys are the names used in data).
JUDUL_SKALA = {
    "permendagri-86-2017": "Permendagri 86/2017",
    "blora": "Kabupaten Blora",
    "jombang": "Kabupaten Jombang",
    "rembang": "Kabupaten Rembang",
    "akip-88-2021": "PermenPANRB 88/2021",
    "ikm-14-2017": "IKM PermenPAN-RB 14/2017",
    "ipp": "Indeks Pelayanan Publik",
}

PRESET: dict[str, Skala] = {
    "permendagri-86-2017": Skala(
        nama="permendagri-86-2017",
        sumber=(
            "Permendagri 86/2017, skala lima kriteria capaian kinerja dalam bentuk kontinu "
            "(LKjIP Kec. Ranuyoso 2024, Tabel 7; DOMAIN §4.1, S4:L551–559)"
        ),
        band=(
            _band("Sangat Tinggi", "90", False, None, False, _HIJAU),
            _band("Tinggi", "75", False, "90", True, _HIJAU_KUNING),
            _band("Sedang", "65", False, "75", True, _KUNING),
            _band("Rendah", "50", False, "65", True, _JINGGA),
            _band("Sangat Rendah", None, False, "50", True, _MERAH),
        ),
    ),
    "blora": Skala(
        nama="blora",
        sumber=(
            "Kab. Blora: LKjIP Kec. Bogorejo 2024, Tabel 3.1 Skala Nilai Capaian Kinerja "
            "(DOMAIN §4.2, S1:L796–804)"
        ),
        band=(
            _band("Sangat Baik", "100", False, None, False, _HIJAU),
            _band("Baik", "85", True, "100", True, _HIJAU_KUNING),
            _band("Cukup", "65", True, "85", False, _KUNING),
            _band("Kurang", "50", True, "65", False, _JINGGA),
            _band("Sangat Kurang", None, False, "50", False, _MERAH),
        ),
    ),
    "jombang": Skala(
        nama="jombang",
        sumber=(
            "Kab. Jombang: LKjIP Kec. Kesamben 2024, KATEGORI capaian (disalin apa adanya; "
            "rentang di atas 80 sampai dengan 90 tidak ada; DOMAIN §4.2, S2:L589–596)"
        ),
        band=(
            _band("Istimewa (Sangat Berhasil)", "110", False, "120", True, _HIJAU_TUA),
            _band("Baik (Berhasil)", "90", False, "110", True, _HIJAU),
            _band("Butuh Perbaikan (Cukup)", "70", False, "80", True, _KUNING),
            _band("Kurang", "50", False, "70", True, _JINGGA),
            _band("Sangat Kurang", "0", False, "50", True, _MERAH),
        ),
    ),
    "rembang": Skala(
        nama="rembang",
        sumber=(
            "Kab. Rembang: LKjIP Kec. Kragan 2021, interval capaian (celah antarbaris "
            "ditutup: batas bawah inklusif; DOMAIN §4.2, S3:L348–353)"
        ),
        band=(
            _band("Amat Baik", "90", True, None, False, _HIJAU),
            _band("Baik", "80", True, "90", False, _HIJAU_KUNING),
            _band("Cukup Baik", "50", True, "80", False, _KUNING),
            _band("Kurang", None, False, "50", False, _MERAH),
        ),
    ),
    "akip-88-2021": Skala(
        nama="akip-88-2021",
        sumber=(
            "PermenPANRB 88/2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah "
            "(DOMAIN §2.2, S0:L483–491)"
        ),
        band=(
            _band("AA", "90", False, None, False, _HIJAU_TUA, "Sangat Memuaskan"),
            _band("A", "80", False, "90", True, _HIJAU, "Memuaskan"),
            _band("BB", "70", False, "80", True, _HIJAU_MUDA, "Sangat Baik"),
            _band("B", "60", False, "70", True, _HIJAU_KUNING, "Baik"),
            _band("CC", "50", False, "60", True, _KUNING, "Cukup (Memadai)"),
            _band("C", "30", False, "50", True, _JINGGA, "Kurang"),
            _band("D", None, False, "30", True, _MERAH, "Sangat Kurang"),
        ),
    ),
    "ikm-14-2017": Skala(
        nama="ikm-14-2017",
        sumber=(
            "PermenPAN-RB 14/2017 tentang Survei Kepuasan Masyarakat; berlaku pada NIK "
            "(skala 25–100) yang dibulatkan 2 desimal (DOMAIN §6.3, S0:L475–479)"
        ),
        band=(
            _band("A", "88.31", True, None, False, _HIJAU, "Sangat Baik"),
            _band("B", "76.61", True, "88.31", False, _HIJAU_KUNING, "Baik"),
            _band("C", "65.00", True, "76.61", False, _JINGGA, "Kurang Baik"),
            _band("D", None, False, "65.00", False, _MERAH, "Tidak Baik"),
        ),
    ),
    "ipp": Skala(
        nama="ipp",
        sumber=(
            "PermenPANRB 29/2022 (PEKPPP): Indeks Pelayanan Publik skala 0–5, "
            "batas dalam bentuk kontinu (DOMAIN §7.1)"
        ),
        band=(
            _band("A", "4.50", False, None, False, _HIJAU_TUA, "Pelayanan Prima"),
            _band("A-", "4.00", False, "4.50", True, _HIJAU, "Sangat Baik"),
            _band("B", "3.50", False, "4.00", True, _HIJAU_MUDA, "Baik"),
            _band("B-", "3.00", False, "3.50", True, _HIJAU_KUNING, "Baik (Dengan Catatan)"),
            _band("C", "2.50", False, "3.00", True, _KUNING_HIJAU, "Cukup"),
            _band("C-", "2.00", False, "2.50", True, _KUNING, "Cukup (Dengan Catatan)"),
            _band("D", "1.50", False, "2.00", True, _JINGGA_MUDA, "Buruk"),
            _band("E", "1.00", False, "1.50", True, _JINGGA, "Sangat Buruk"),
            _band("F", None, False, "1.00", True, _MERAH, "Gagal"),
        ),
    ),
}


def skala_dari_preset(nama: str) -> Skala:
    """The preset scale ``nama``; KeyError (Indonesian message) listing valid names."""
    try:
        return PRESET[nama]
    except KeyError:
        pilihan = ", ".join(f'"{n}"' for n in PRESET)
        raise KeyError(f'preset skala "{nama}" tidak dikenal; pilihan: {pilihan}') from None


def _batas(nilai: Any, kunci: str, label: str) -> Decimal | None:
    if nilai is None:
        return None
    if isinstance(nilai, bool):
        raise NilaiTidakValid(f'predikat "{label}": {kunci} bukan angka')
    if isinstance(nilai, Decimal):
        if not nilai.is_finite():
            raise NilaiTidakValid(f'band "{label}": {kunci} bukan angka yang sah')
        return nilai
    if isinstance(nilai, int):
        return Decimal(nilai)
    if isinstance(nilai, str):
        return parse_angka(nilai)
    raise NilaiTidakValid(f'band "{label}": {kunci} harus Decimal atau kosong, bukan {nilai!r}')


def skala_dari_band(
    nama: str,
    bands: list[Mapping[str, Any]],
    *,
    sumber: str = "",
) -> Skala:
    """Build a :class:`Skala` from dicts with keys label, bawah, bawah_inklusif, atas,
    atas_inklusif (bounds Decimal/None; int and Indonesian number text are also
    accepted) and optional warna/keterangan. The result is not checked: call
    :func:`periksa_skala`."""
    hasil: list[Band] = []
    for i, d in enumerate(bands, start=1):
        label = d.get("label")
        if not isinstance(label, str) or not label.strip():
            raise NilaiTidakValid(f"band ke-{i}: label wajib diisi")
        for kunci in ("bawah", "atas", "bawah_inklusif", "atas_inklusif"):
            if kunci not in d:
                raise NilaiTidakValid(f'band "{label}": isian "{kunci}" wajib ada')
        hasil.append(
            Band(
                label=label.strip(),
                bawah=_batas(d["bawah"], "batas bawah", label),
                bawah_inklusif=bool(d["bawah_inklusif"]),
                atas=_batas(d["atas"], "batas atas", label),
                atas_inklusif=bool(d["atas_inklusif"]),
                warna=d.get("warna"),
                keterangan=d.get("keterangan"),
            )
        )
    return Skala(nama=nama, band=tuple(hasil), sumber=sumber)
