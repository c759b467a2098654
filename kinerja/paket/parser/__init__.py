"""Read a paket file (docs/paket.md) into ``kinerja.paket.types``.

Every problem is collected, not just the first one, each with the JSON path
where it is and an Indonesian message, so that whoever prepared the file can
fix all of them in one pass. Nothing here touches the database.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any

from kinerja.engine.angka import Nilai, NilaiTidakValid, parse_angka, parse_nilai, validasi_nip
from kinerja.engine.capaian import Polaritas, RumusNegatif
from kinerja.engine.efisiensi import MetodeEfisiensi
from kinerja.engine.predikat import PRESET, skala_dari_band
from kinerja.engine.realisasi import Rasio, TipePenghitungan
from kinerja.paket import types as t

FORMAT = "lkjip-paket"
VERSI = 1

BATAS_ATAS_SAH = (100, 110, 120, 125)
BATAS_BAWAH_SAH = (0,)
UNSUR = tuple(f"U{i}" for i in range(1, 10))
TINGKAT_PEMBANDING = ("kabupaten", "provinsi", "nasional", "lainnya")
STATUS_PEJABAT = ("definitif", "plt", "plh")
JENIS_PEMDA = ("kabupaten", "kota")
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
)
_KODE_PROGRAM_RE = re.compile(r"^[0-9]+(\.[0-9]+)*$")
_KODE_REKENING_RE = re.compile(r"^5(\.[0-9]+)*$")
_VERSI_RE = re.compile(r"^(murni|perubahan(-[0-9]+)?)$")


# Digits before and after the comma of the columns (kinerja.models.NILAI and UANG).
KOLOM_NILAI = (14, 6)
KOLOM_UANG = (16, 2)


def pesan_kolom(angka: Decimal, digit_bulat: int, digit_desimal: int) -> str | None:
    """Why a column of that size cannot hold ``angka``; None when it can.

    The size is judged on the exponent first: quantizing a number of 28 digits or more
    would overflow the default decimal context.
    """
    if not angka.is_finite():
        return f'"{angka}" bukan angka yang sah'
    if angka and angka.adjusted() >= digit_bulat:
        return f"angka terlalu besar: paling banyak {digit_bulat} angka sebelum koma"
    with localcontext() as ctx:
        ctx.prec = digit_bulat + digit_desimal + 2
        if angka != angka.quantize(Decimal(1).scaleb(-digit_desimal)):
            return f"paling banyak {digit_desimal} angka di belakang koma"
    return None


@dataclass(frozen=True)
class Galat:
    """One problem in a paket: where (JSON path) and what (Indonesian)."""

    path: str
    pesan: str

    def __str__(self) -> str:
        return f"{self.path}: {self.pesan}"


class PaketTidakValid(Exception):
    def __init__(self, galat: list[Galat]):
        self.galat = galat
        super().__init__(f"{len(galat)} kesalahan dalam paket data")


def _kunci(path: str, key: str) -> str:
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


class _Pembaca:
    """Walks the JSON tree, converting values and collecting problems."""

    def __init__(self) -> None:
        self.galat: list[Galat] = []

    def salah(self, path: str, pesan: str) -> None:
        self.galat.append(Galat(path, pesan))

    # -- basic shapes ---------------------------------------------------------

    def objek(self, data: Any, path: str, wajib: tuple[str, ...], boleh: tuple[str, ...]) -> bool:
        if not isinstance(data, dict):
            self.salah(path, f"harus berupa objek JSON, bukan {_jenis(data)}")
            return False
        for key in wajib:
            if key not in data:
                self.salah(_kunci(path, key), "wajib ada")
        for key in data:
            if key not in wajib and key not in boleh:
                self.salah(_kunci(path, key), f"kunci {key!r} tidak dikenal dalam format ini")
        return True

    def teks(self, data: dict, key: str, path: str, *, wajib: bool = False) -> str | None:
        value = data.get(key)
        if value is None:
            if wajib and key in data:
                self.salah(_kunci(path, key), "wajib diisi")
            return None
        if not isinstance(value, str):
            self.salah(_kunci(path, key), f"harus berupa teks, bukan {_jenis(value)}")
            return None
        if wajib and not value.strip():
            self.salah(_kunci(path, key), "tidak boleh kosong")
            return None
        return value

    def daftar_teks(self, data: dict, key: str, path: str) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.salah(_kunci(path, key), "harus berupa daftar teks")
            return []
        return list(value)

    def daftar(self, data: dict, key: str, path: str) -> list:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.salah(_kunci(path, key), f"harus berupa daftar, bukan {_jenis(value)}")
            return []
        return value

    def peta(self, data: dict, key: str, path: str) -> dict:
        value = data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.salah(_kunci(path, key), f"harus berupa objek, bukan {_jenis(value)}")
            return {}
        return value

    def bilangan_bulat(self, value: Any, path: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.salah(path, f"harus berupa bilangan bulat, bukan {_jenis(value)}")
            return None
        return value

    def angka(self, value: Any, path: str, kolom: tuple[int, int] = KOLOM_NILAI) -> Decimal | None:
        if isinstance(value, bool):
            self.salah(path, "harus berupa angka, bukan true/false")
            return None
        if isinstance(value, int | Decimal):
            return self.muat(Decimal(value), path, kolom)
        if isinstance(value, str):
            try:
                return self.muat(parse_angka(value), path, kolom)
            except NilaiTidakValid as e:
                self.salah(path, str(e))
                return None
        self.salah(path, f"harus berupa angka, bukan {_jenis(value)}")
        return None

    def muat(self, angka: Decimal, path: str, kolom: tuple[int, int]) -> Decimal | None:
        """The number, or None and a problem when its database column cannot hold it."""
        pesan = pesan_kolom(angka, *kolom)
        if pesan:
            self.salah(path, pesan)
            return None
        return angka

    def uang(self, value: Any, path: str) -> Decimal | None:
        jumlah = self.angka(value, path, KOLOM_UANG)
        if jumlah is not None and jumlah < 0:
            self.salah(path, f"jumlah uang tidak boleh negatif ({value})")
            return None
        return jumlah

    def nilai(self, value: Any, path: str) -> Nilai | None:
        if isinstance(value, float):
            value = Decimal(str(value))
        try:
            nilai = parse_nilai(value)
            return nilai if self.muat(nilai.angka, path, KOLOM_NILAI) is not None else None
        except NilaiTidakValid as e:
            self.salah(path, str(e))
        except (TypeError, ValueError):
            self.salah(path, f"nilai tidak sah: {_jenis(value)}")
        return None

    def nilai_opsional(self, value: Any, path: str) -> Nilai | None:
        return None if value is None else self.nilai(value, path)

    def tanggal(self, data: dict, key: str, path: str) -> datetime.date | None:
        value = data.get(key)
        if value is None:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            self.salah(_kunci(path, key), f"tanggal harus berformat TTTT-BB-HH, bukan {value!r}")
            return None

    def pilihan(self, data: dict, key: str, path: str, pilihan: tuple, *, wajib: bool = True):
        if key not in data:
            if wajib:
                self.salah(_kunci(path, key), "wajib ada")
            return None
        value = data[key]
        if value not in pilihan:
            daftar = ", ".join(json.dumps(p) for p in pilihan)
            self.salah(_kunci(path, key), f"nilai {json.dumps(value)} tidak sah; pilihan: {daftar}")
            return None
        return value

    def versi(self, data: dict, path: str) -> str | None:
        value = data.get("versi")
        if not isinstance(value, str) or not _VERSI_RE.match(value):
            self.salah(
                _kunci(path, "versi"),
                f'versi {json.dumps(value)} tidak sah; gunakan "murni", "perubahan", '
                '"perubahan-2", …',
            )
            return None
        return value

    def triwulan(self, value: Any, path: str, rasio: bool) -> list[t.NilaiTW] | None:
        if not isinstance(value, list) or len(value) != 4:
            self.salah(path, "harus berupa daftar 4 nilai triwulan [TW I, TW II, TW III, TW IV]")
            return None
        hasil: list[t.NilaiTW] = []
        for i, v in enumerate(value):
            p = f"{path}[{i}]"
            if v is None:
                hasil.append(None)
            elif isinstance(v, dict):
                if not rasio:
                    self.salah(p, 'pembilang/penyebut hanya untuk indikator bertipe "rasio"')
                    hasil.append(None)
                    continue
                if self.objek(v, p, ("pembilang", "penyebut"), ()):
                    x = self.angka(v.get("pembilang"), f"{p}.pembilang")
                    y = self.angka(v.get("penyebut"), f"{p}.penyebut")
                    for nama, angka in (("pembilang", x), ("penyebut", y)):
                        if angka is not None and angka < 0:
                            self.salah(f"{p}.{nama}", "tidak boleh negatif")
                    hasil.append(Rasio(x, y) if x is not None and y is not None else None)
                else:
                    hasil.append(None)
            else:
                if rasio:
                    self.salah(p, 'indikator bertipe "rasio" diisi {"pembilang": …, "penyebut": …}')
                    hasil.append(None)
                    continue
                hasil.append(self.nilai(v, p))
        return hasil

    # -- domain pieces --------------------------------------------------------

    def pejabat(self, data: Any, path: str) -> t.Pejabat | None:
        kunci = ("gelar_depan", "gelar_belakang", "pangkat", "golongan", "nip", "status")
        if not self.objek(data, path, ("nama", "jabatan"), kunci):
            return None
        nama = self.teks(data, "nama", path, wajib=True)
        jabatan = self.teks(data, "jabatan", path, wajib=True)
        status = self.teks(data, "status", path)
        if status is not None and status not in STATUS_PEJABAT:
            self.salah(
                _kunci(path, "status"),
                f"status {status!r} tidak dikenal; yang dikenal: {', '.join(STATUS_PEJABAT)}",
            )
            status = None
        nip = self.teks(data, "nip", path)
        if nip is not None:
            nip = nip.replace(" ", "")
            for pesan in validasi_nip(nip):
                self.salah(_kunci(path, "nip"), pesan)
        if nama is None or jabatan is None:
            return None
        return t.Pejabat(
            nama=nama,
            jabatan=jabatan,
            gelar_depan=self.teks(data, "gelar_depan", path),
            gelar_belakang=self.teks(data, "gelar_belakang", path),
            pangkat=self.teks(data, "pangkat", path),
            golongan=self.teks(data, "golongan", path),
            nip=nip,
            status=None if status == "definitif" else status,
        )

    def aturan(self, data: Any, path: str) -> t.Aturan | None:
        wajib = (
            "skala_predikat",
            "rumus_negatif",
            "batas_atas_capaian",
            "batas_bawah_capaian",
            "metode_efisiensi",
        )
        if not self.objek(data, path, wajib, ("ambang_tercapai",)):
            return None
        skala_data = data.get("skala_predikat")
        skala = preset = None
        p = _kunci(path, "skala_predikat")
        if isinstance(skala_data, str):
            if skala_data in PRESET:
                skala, preset = PRESET[skala_data], skala_data
            else:
                self.salah(p, f"skala {skala_data!r} tidak dikenal; pilihan: {', '.join(PRESET)}")
        elif isinstance(skala_data, list) and skala_data:
            skala = self.band_list(skala_data, p)
        else:
            self.salah(p, "harus berupa nama skala bawaan atau daftar band")
        rumus = self.pilihan(data, "rumus_negatif", path, tuple(r.value for r in RumusNegatif))
        atas = self.pilihan(data, "batas_atas_capaian", path, (None, *BATAS_ATAS_SAH))
        bawah = self.pilihan(data, "batas_bawah_capaian", path, (None, *BATAS_BAWAH_SAH))
        metode = self.pilihan(
            data, "metode_efisiensi", path, tuple(m.value for m in MetodeEfisiensi)
        )
        ambang = Decimal(100)
        if "ambang_tercapai" in data:
            ambang = self.angka(data["ambang_tercapai"], _kunci(path, "ambang_tercapai")) or ambang
        if skala is None or rumus is None or metode is None:
            return None
        return t.Aturan(
            skala=skala,
            skala_preset=preset,
            rumus_negatif=RumusNegatif(rumus),
            batas_atas_capaian=None if atas is None else Decimal(atas),
            batas_bawah_capaian=None if bawah is None else Decimal(bawah),
            metode_efisiensi=MetodeEfisiensi(metode),
            ambang_tercapai=ambang,
        )

    def band_list(self, data: list, path: str):
        bands = []
        for i, band in enumerate(data):
            p = f"{path}[{i}]"
            wajib = ("label", "bawah", "bawah_inklusif", "atas", "atas_inklusif")
            if not self.objek(band, p, wajib, ("warna", "keterangan")):
                continue
            item: dict[str, Any] = {"label": self.teks(band, "label", p, wajib=True)}
            for ujung in ("bawah", "atas"):
                v = band.get(ujung)
                item[ujung] = None if v is None else self.angka(v, _kunci(p, ujung))
                inklusif = band.get(f"{ujung}_inklusif")
                if not isinstance(inklusif, bool):
                    self.salah(_kunci(p, f"{ujung}_inklusif"), "harus true atau false")
                item[f"{ujung}_inklusif"] = bool(inklusif)
            item["warna"] = self.teks(band, "warna", p)
            item["keterangan"] = self.teks(band, "keterangan", p)
            bands.append(item)
        if len(bands) != len(data) or any(b["label"] is None for b in bands):
            return None
        return skala_dari_band("kustom", bands)

    def indikator(self, data: Any, path: str, tingkat: str, induk: str) -> t.Indikator | None:
        wajib = ("kode", "nama", "satuan", "polaritas", "tipe_penghitungan")
        boleh = (
            "iku",
            "target_tahunan",
            "target_akhir",
            "riwayat",
            "formulasi",
            "definisi_operasional",
            "alasan_pemilihan",
            "sumber_data",
            "penanggung_jawab",
            "rumus_negatif",
            "batas_atas_capaian",
            "batas_bawah_capaian",
        )
        if not self.objek(data, path, wajib, boleh):
            return None
        kode = self.teks(data, "kode", path, wajib=True)
        nama = self.teks(data, "nama", path, wajib=True)
        satuan = self.teks(data, "satuan", path, wajib=True)
        polaritas = self.pilihan(data, "polaritas", path, tuple(p.value for p in Polaritas))
        tipe = self.pilihan(
            data, "tipe_penghitungan", path, tuple(x.value for x in TipePenghitungan)
        )
        iku = data.get("iku", False)
        if not isinstance(iku, bool):
            self.salah(_kunci(path, "iku"), "harus true atau false")
            iku = False
        target_tahunan: dict[int, Nilai] = {}
        p_tt = _kunci(path, "target_tahunan")
        for tahun, value in self.peta(data, "target_tahunan", path).items():
            th = self.tahun_kunci(tahun, _kunci(p_tt, tahun))
            n = self.nilai(value, _kunci(p_tt, tahun))
            if th is not None and n is not None:
                target_tahunan[th] = n
        riwayat: dict[int, t.RiwayatTahun] = {}
        p_rw = _kunci(path, "riwayat")
        for tahun, value in self.peta(data, "riwayat", path).items():
            p = _kunci(p_rw, tahun)
            th = self.tahun_kunci(tahun, p)
            if not self.objek(value, p, (), ("target", "realisasi")) or th is None:
                continue
            riwayat[th] = t.RiwayatTahun(
                target=self.nilai_opsional(value.get("target"), _kunci(p, "target")),
                realisasi=self.nilai_opsional(value.get("realisasi"), _kunci(p, "realisasi")),
            )
        rumus = self.pilihan(
            data, "rumus_negatif", path, (None, *(r.value for r in RumusNegatif)), wajib=False
        )
        atas = self.pilihan(data, "batas_atas_capaian", path, (None, *BATAS_ATAS_SAH), wajib=False)
        bawah = self.pilihan(
            data, "batas_bawah_capaian", path, (None, *BATAS_BAWAH_SAH), wajib=False
        )
        if None in (kode, nama, satuan, polaritas, tipe):
            return None
        return t.Indikator(
            kode=kode,
            nama=nama,
            satuan=satuan,
            polaritas=Polaritas(polaritas),
            tipe_penghitungan=TipePenghitungan(tipe),
            tingkat=tingkat,
            induk=induk,
            iku=iku,
            target_tahunan=target_tahunan,
            target_akhir=self.nilai_opsional(
                data.get("target_akhir"), _kunci(path, "target_akhir")
            ),
            riwayat=riwayat,
            formulasi=self.teks(data, "formulasi", path),
            definisi_operasional=self.teks(data, "definisi_operasional", path),
            alasan_pemilihan=self.teks(data, "alasan_pemilihan", path),
            sumber_data=self.teks(data, "sumber_data", path),
            penanggung_jawab=self.teks(data, "penanggung_jawab", path),
            rumus_negatif=RumusNegatif(rumus) if rumus else None,
            batas_atas_capaian=None if atas is None else Decimal(atas),
            batas_bawah_capaian=None if bawah is None else Decimal(bawah),
        )

    def daftar_indikator(
        self, data: dict, path: str, tingkat: str, induk: str
    ) -> list[t.Indikator]:
        hasil = []
        p = _kunci(path, "indikator")
        for i, item in enumerate(self.daftar(data, "indikator", path)):
            ind = self.indikator(item, f"{p}[{i}]", tingkat, induk)
            if ind is not None:
                hasil.append(ind)
        return hasil

    def tahun_kunci(self, key: str, path: str) -> int | None:
        if not re.fullmatch(r"[0-9]{4}", key):
            self.salah(path, f"kunci tahun harus 4 angka, bukan {key!r}")
            return None
        return int(key)

    def jumlah_per_kode(
        self, data: dict, key: str, path: str, pola: re.Pattern
    ) -> dict[str, Decimal]:
        hasil: dict[str, Decimal] = {}
        p = _kunci(path, key)
        for kode, value in self.peta(data, key, path).items():
            pk = _kunci(p, kode)
            if not pola.match(kode):
                self.salah(pk, f"kode {kode!r} tidak berformat kode yang sah")
                continue
            jumlah = self.uang(value, pk)
            if jumlah is not None:
                hasil[kode] = jumlah
        return hasil


def _jenis(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float | Decimal):
        return "angka"
    if isinstance(value, str):
        return "teks"
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "objek"
    return type(value).__name__


# The largest paket read (docs/paket.md, "Size and duplicates"). The demo pakets are
# 36 to 62 KB; a kecamatan's whole Renstra period stays well under 1 MB.
UKURAN_MAKS = 5 * 1024 * 1024
# Entries of all the lists of a paket together (every list element counts one).
ISIAN_MAKS = 50_000

# Lists whose entries may not repeat a natural key, even with other values: the key's fields.
_KUNCI_ALAMI = {
    "angka_dilaporkan": ("jenis", "kode", "tahun_banding", "sumber"),
    "skm": ("indikator", "periode"),
    "pk_berjenjang": ("jabatan", "versi"),
    "pembanding": ("tingkat", "label"),
}
# Lists of plain values where a repeated value is a mistake (in the other lists of plain
# values, a quarter list for instance, equal values are normal: [24, 48, 48, 48]).
_DAFTAR_TEKS_UNIK = ("misi", "strategi", "arah_kebijakan", "sasaran")
# Maps of quarter lists [TW I, TW II, TW III, TW IV], e.g. {"IKS-1": [24, 48, 72, 96]}.
_PETA_TRIWULAN = ("rencana_aksi", "realisasi", "catatan_realisasi", "realisasi_anggaran")


class _Objek(dict):
    """A JSON object that remembers the keys written more than once (JSON keeps the last)."""

    ganda: tuple[str, ...] = ()


def _objek(pasangan: list[tuple[str, Any]]) -> _Objek:
    obj = _Objek(pasangan)
    if len(obj) != len(pasangan):
        dilihat: set[str] = set()
        ganda = []
        for k, _ in pasangan:
            if k in dilihat and k not in ganda:
                ganda.append(k)
            dilihat.add(k)
        obj.ganda = tuple(ganda)
    return obj


def _beku(value: Any) -> Any:
    """A hashable form of a JSON value, equal for equal values."""
    if isinstance(value, dict):
        return ("{", tuple(sorted((k, _beku(v)) for k, v in value.items())))
    if isinstance(value, list):
        return ("[", tuple(_beku(v) for v in value))
    if isinstance(value, Decimal):
        return ("d", value)
    return (type(value).__name__, value)


def _periksa_ganda(data: Any) -> list[Galat]:
    """Keys written twice, entries repeated in a list, and natural keys repeated in a list.

    Also counts the entries of all lists, refused above ISIAN_MAKS. Iterative: a deeply
    nested file does not exhaust the stack.
    """
    galat: list[Galat] = []
    isian = 0
    # (value, its path, the key it is under, the key its parent is under)
    tumpukan: list[tuple[Any, str, str, str]] = [(data, "$", "", "")]
    while tumpukan:
        value, path, nama, induk = tumpukan.pop()
        if isinstance(value, dict):
            for k in getattr(value, "ganda", ()):
                galat.append(
                    Galat(_kunci(path, k), f"kunci {k!r} ditulis lebih dari sekali dalam objek ini")
                )
            for k, v in value.items():
                if isinstance(v, dict | list):
                    tumpukan.append((v, _kunci(path, k), k, nama))
        elif isinstance(value, list):
            isian += len(value)
            if isian > ISIAN_MAKS:
                return [
                    Galat(
                        "$",
                        f"paket terlalu besar: lebih dari {ISIAN_MAKS:_} isian daftar".replace(
                            "_", "."
                        ),
                    )
                ]
            if induk in _PETA_TRIWULAN:
                unik = False  # a quarter list: equal quarters are normal
            else:
                unik = all(isinstance(v, dict | list) for v in value) or nama in _DAFTAR_TEKS_UNIK
            label = path.rsplit(".", 1)[-1]  # "angka_dilaporkan", 'pembanding["IKT-1"]'
            dilihat: dict[Any, int] = {}
            kunci_dilihat: dict[tuple, int] = {}
            # pembanding is a map of lists: {"IKT-1": [...]}
            kolom = _KUNCI_ALAMI.get("pembanding" if induk == "pembanding" else nama)
            for i, v in enumerate(value):
                if unik:
                    beku = _beku(v)
                    if beku in dilihat:
                        galat.append(
                            Galat(
                                f"{path}[{i}]",
                                f"sama dengan {label}[{dilihat[beku]}]; hapus salah satunya",
                            )
                        )
                        continue
                    dilihat[beku] = i
                if kolom and isinstance(v, dict):
                    kunci = tuple(_beku(v.get(k)) for k in kolom)
                    if kunci in kunci_dilihat:
                        isi = ", ".join(f"{k} {json.dumps(v.get(k), default=str)}" for k in kolom)
                        galat.append(
                            Galat(
                                f"{path}[{i}]",
                                f"{label}[{kunci_dilihat[kunci]}] sudah memuat {isi}; "
                                "satu isian saja untuk tiap kombinasi itu",
                            )
                        )
                        continue
                    kunci_dilihat[kunci] = i
                if isinstance(v, dict | list):
                    tumpukan.append((v, f"{path}[{i}]", nama, induk))
    galat.sort(key=lambda g: _urutan_path(g.path))
    return galat


def _urutan_path(path: str) -> list:
    """Sort key of a JSON path that puts [10] after [9]."""
    return [int(x) if x.isdigit() else x for x in re.split(r"\[(\d+)\]", path)]


def muat_json(teks: str | bytes) -> Any:
    """Load JSON reading every non-integer number as an exact Decimal.

    Refused before parsing above UKURAN_MAKS bytes; refused after parsing when an object
    repeats a key or a list repeats an entry (see ``_periksa_ganda``).
    """
    if len(teks) > UKURAN_MAKS:
        raise PaketTidakValid(
            [Galat("$", f"paket terlalu besar: lebih dari {_ukuran(UKURAN_MAKS)}")]
        )
    try:
        data = json.loads(teks, parse_float=Decimal, object_pairs_hook=_objek)
    except RecursionError as e:
        raise PaketTidakValid([Galat("$", "bukan JSON yang sah: terlalu bertingkat")]) from e
    except json.JSONDecodeError as e:
        raise PaketTidakValid(
            [Galat("$", f"bukan JSON yang sah: {e.msg} (baris {e.lineno}, kolom {e.colno})")]
        ) from e
    except UnicodeDecodeError as e:
        raise PaketTidakValid([Galat("$", "berkas harus berenkode UTF-8")]) from e
    except ValueError as e:  # e.g. an integer of more than 4,300 digits
        raise PaketTidakValid([Galat("$", "bukan JSON yang sah: angka terlalu panjang")]) from e
    galat = _periksa_ganda(data)
    if galat:
        raise PaketTidakValid(galat)
    return data


def _ukuran(bita: int) -> str:
    if bita % (1024 * 1024) == 0:
        return f"{bita // (1024 * 1024)} MB"
    return f"{-(-bita // 1024)} KB"


def baca_aturan(data: Any) -> t.Aturan:
    """Convert and check an "aturan" object alone (the rules stored with a signed year)."""
    r = _Pembaca()
    aturan = r.aturan(data, "$.aturan")
    if r.galat or aturan is None:
        raise PaketTidakValid(r.galat or [Galat("$.aturan", "aturan tidak dapat dibaca")])
    return aturan


def baca_paket(data: Any) -> t.Paket:
    """Convert and check a loaded JSON document; raise PaketTidakValid with every problem."""
    r = _Pembaca()
    paket = _baca(r, data)
    if paket is not None:
        # Cross-references are checked even when the first pass found
        # problems, so that one report lists every error of the file.
        _periksa_rujukan(r, paket, data)
    if r.galat or paket is None:
        raise PaketTidakValid(r.galat or [Galat("$", "paket tidak dapat dibaca")])
    return paket


def _baca(r: _Pembaca, data: Any) -> t.Paket | None:
    wajib = ("format", "versi", "pemda", "perangkat_daerah", "renstra", "program", "tahun")
    if not r.objek(data, "$", wajib, ("keterangan",)):
        return None
    if data.get("format") != FORMAT:
        r.salah("$.format", f'harus "{FORMAT}"')
    if data.get("versi") != VERSI:
        r.salah(
            "$.versi", f"versi format {data.get('versi')!r} tidak didukung; yang didukung: {VERSI}"
        )

    pemda = None
    if r.objek(
        data.get("pemda"),
        "$.pemda",
        ("kode", "nama", "aturan"),
        ("provinsi", "ibu_kota", "kepala", "jenis"),
    ):
        d = data["pemda"]
        aturan = r.aturan(d.get("aturan"), "$.pemda.aturan")
        kepala = r.pejabat(d["kepala"], "$.pemda.kepala") if "kepala" in d else None
        jenis = r.teks(d, "jenis", "$.pemda")
        if jenis is not None and jenis not in JENIS_PEMDA:
            r.salah(
                "$.pemda.jenis", f"jenis {jenis!r} tidak dikenal; yang dikenal: kabupaten, kota"
            )
            jenis = None
        kode, nama = (
            r.teks(d, "kode", "$.pemda", wajib=True),
            r.teks(d, "nama", "$.pemda", wajib=True),
        )
        if aturan and kode and nama:
            pemda = t.Pemda(
                kode=kode,
                nama=nama,
                aturan=aturan,
                provinsi=r.teks(d, "provinsi", "$.pemda"),
                ibu_kota=r.teks(d, "ibu_kota", "$.pemda"),
                kepala=kepala,
                jenis=jenis,
            )

    pd = None
    boleh_pd = ("jenis", "alamat", "telepon", "email", "situs", "kepala", "pejabat")
    if r.objek(data.get("perangkat_daerah"), "$.perangkat_daerah", ("kode", "nama"), boleh_pd):
        d = data["perangkat_daerah"]
        path = "$.perangkat_daerah"
        kepala = r.pejabat(d["kepala"], f"{path}.kepala") if "kepala" in d else None
        pejabat = [
            p
            for i, item in enumerate(r.daftar(d, "pejabat", path))
            if (p := r.pejabat(item, f"{path}.pejabat[{i}]")) is not None
        ]
        kode, nama = r.teks(d, "kode", path, wajib=True), r.teks(d, "nama", path, wajib=True)
        if kode and nama:
            pd = t.PerangkatDaerah(
                kode=kode,
                nama=nama,
                jenis=r.teks(d, "jenis", path) or "kecamatan",
                alamat=r.teks(d, "alamat", path),
                telepon=r.teks(d, "telepon", path),
                email=r.teks(d, "email", path),
                situs=r.teks(d, "situs", path),
                kepala=kepala,
                pejabat=pejabat,
            )

    renstra = _baca_renstra(r, data.get("renstra"))
    program = _baca_program(r, data)
    tahun = []
    for i, item in enumerate(r.daftar(data, "tahun", "$")):
        th = _baca_tahun(r, item, f"$.tahun[{i}]")
        if th is not None:
            tahun.append(th)
    if renstra is None:
        return None
    if pemda is None or pd is None:
        if not r.galat:
            return None
        # Only to let the cross-reference checks run; the caller raises.
        pemda = pemda or t.Pemda(kode="", nama="", aturan=None)  # type: ignore[arg-type]
        pd = pd or t.PerangkatDaerah(kode="", nama="")
    return t.Paket(
        pemda=pemda,
        perangkat_daerah=pd,
        renstra=renstra,
        program=program,
        tahun=tahun,
        keterangan=r.teks(data, "keterangan", "$"),
    )


def _baca_renstra(r: _Pembaca, d: Any) -> t.Renstra | None:
    path = "$.renstra"
    if not r.objek(d, path, ("mulai", "selesai", "tujuan"), ("visi", "misi", "revisi")):
        return None
    mulai = r.bilangan_bulat(d.get("mulai"), f"{path}.mulai")
    selesai = r.bilangan_bulat(d.get("selesai"), f"{path}.selesai")
    if mulai is not None and selesai is not None and mulai >= selesai:
        r.salah(f"{path}.selesai", f"tahun selesai ({selesai}) harus setelah tahun mulai ({mulai})")
    tujuan_list = []
    for i, td in enumerate(r.daftar(d, "tujuan", path)):
        p = f"{path}.tujuan[{i}]"
        if not r.objek(td, p, ("kode", "uraian"), ("indikator", "sasaran")):
            continue
        kode = r.teks(td, "kode", p, wajib=True) or ""
        sasaran_list = []
        for j, sd in enumerate(r.daftar(td, "sasaran", p)):
            ps = f"{p}.sasaran[{j}]"
            if not r.objek(sd, ps, ("kode", "uraian"), ("indikator", "strategi", "arah_kebijakan")):
                continue
            skode = r.teks(sd, "kode", ps, wajib=True) or ""
            sasaran_list.append(
                t.Sasaran(
                    kode=skode,
                    uraian=r.teks(sd, "uraian", ps, wajib=True) or "",
                    indikator=r.daftar_indikator(sd, ps, "sasaran", skode),
                    strategi=r.daftar_teks(sd, "strategi", ps),
                    arah_kebijakan=r.daftar_teks(sd, "arah_kebijakan", ps),
                )
            )
        tujuan_list.append(
            t.Tujuan(
                kode=kode,
                uraian=r.teks(td, "uraian", p, wajib=True) or "",
                indikator=r.daftar_indikator(td, p, "tujuan", kode),
                sasaran=sasaran_list,
            )
        )
    return t.Renstra(
        mulai=mulai or 0,
        selesai=selesai or 0,
        tujuan=tujuan_list,
        visi=r.teks(d, "visi", path),
        misi=r.daftar_teks(d, "misi", path),
        revisi=_baca_revisi(r, d, path),
    )


def _baca_revisi(r: _Pembaca, d: dict, path: str) -> list[t.RevisiRenstra]:
    """The versions of the Renstra, each with its frozen indicator register and targets."""
    hasil: list[t.RevisiRenstra] = []
    dilihat: set[int] = set()
    for i, vd in enumerate(r.daftar(d, "revisi", path)):
        p = f"{path}.revisi[{i}]"
        if not r.objek(vd, p, ("nomor",), ("tanggal", "alasan", "selesai", "isi")):
            continue
        nomor = r.bilangan_bulat(vd.get("nomor"), f"{p}.nomor")
        if nomor is not None and nomor < 0:
            r.salah(f"{p}.nomor", "nomor revisi tidak boleh negatif")
        if nomor is not None and nomor in dilihat:
            r.salah(f"{p}.nomor", f"revisi nomor {nomor} muncul lebih dari sekali")
        dilihat.add(nomor)
        selesai = vd.get("selesai", True)
        if not isinstance(selesai, bool):
            r.salah(f"{p}.selesai", "harus berupa true atau false")
        hasil.append(
            t.RevisiRenstra(
                nomor=nomor or 0,
                tanggal=r.tanggal(vd, "tanggal", p),
                alasan=r.teks(vd, "alasan", p),
                selesai=selesai is not False,
                isi=_baca_isi_revisi(r, vd, f"{p}"),
            )
        )
    return hasil


def _baca_isi_revisi(r: _Pembaca, vd: dict, path: str) -> dict:
    isi = r.peta(vd, "isi", path)
    path = f"{path}.isi"
    if not isi or not r.objek(isi, path, (), ("mulai", "selesai", "indikator")):
        return {}
    for kunci in ("mulai", "selesai"):
        if kunci in isi:
            r.bilangan_bulat(isi[kunci], f"{path}.{kunci}")
    for i, ind in enumerate(r.daftar(isi, "indikator", path)):
        p = f"{path}.indikator[{i}]"
        boleh = ("satuan", "iku", "induk", "target", "target_akhir")
        if not r.objek(ind, p, ("kode", "nama"), boleh):
            continue
        for kunci in ("kode", "nama", "satuan", "target_akhir"):
            r.teks(ind, kunci, p, wajib=kunci in ("kode", "nama"))
        if not isinstance(ind.get("iku", False), bool):
            r.salah(f"{p}.iku", "harus berupa true atau false")
        induk = r.peta(ind, "induk", p)
        if induk and r.objek(induk, f"{p}.induk", (), ("tingkat", "kode", "uraian")):
            for kunci in ("tingkat", "kode", "uraian"):
                r.teks(induk, kunci, f"{p}.induk")
        for tahun, teks in r.peta(ind, "target", p).items():
            if not (tahun.isdigit() and len(tahun) == 4) or not isinstance(teks, str):
                r.salah(_kunci(f"{p}.target", tahun), "target per tahun berupa teks, kunci tahun")
    return isi


def _kode_anak(r: _Pembaca, kode: str | None, induk: str, path: str, tingkat: str) -> None:
    if kode is None:
        return
    if not _KODE_PROGRAM_RE.match(kode):
        r.salah(f"{path}.kode", f"kode {kode!r} tidak berformat kode Kepmendagri (angka bertitik)")
    elif not kode.startswith(induk + "."):
        r.salah(
            f"{path}.kode",
            f"kode {tingkat} {kode!r} tidak berada di bawah induknya {induk!r}: "
            f"induk untuk kode ini tidak ada",
        )


def _baca_program(r: _Pembaca, data: dict) -> list[t.Program]:
    hasil = []
    for i, pd in enumerate(r.daftar(data, "program", "$")):
        p = f"$.program[{i}]"
        if not r.objek(pd, p, ("kode", "nama"), ("sasaran", "indikator", "kegiatan")):
            continue
        kode = r.teks(pd, "kode", p, wajib=True)
        if kode is not None and not _KODE_PROGRAM_RE.match(kode):
            r.salah(f"{p}.kode", f"kode {kode!r} tidak berformat kode Kepmendagri (angka bertitik)")
        kode = kode or ""
        kegiatan_list = []
        for j, kd in enumerate(r.daftar(pd, "kegiatan", p)):
            pk = f"{p}.kegiatan[{j}]"
            if not r.objek(kd, pk, ("kode", "nama"), ("indikator", "sub_kegiatan")):
                continue
            kkode = r.teks(kd, "kode", pk, wajib=True)
            _kode_anak(r, kkode, kode, pk, "kegiatan")
            kkode = kkode or ""
            subs = []
            for m, sd in enumerate(r.daftar(kd, "sub_kegiatan", pk)):
                ps = f"{pk}.sub_kegiatan[{m}]"
                if not r.objek(sd, ps, ("kode", "nama"), ("indikator",)):
                    continue
                skode = r.teks(sd, "kode", ps, wajib=True)
                _kode_anak(r, skode, kkode, ps, "sub kegiatan")
                skode = skode or ""
                subs.append(
                    t.SubKegiatan(
                        kode=skode,
                        nama=r.teks(sd, "nama", ps, wajib=True) or "",
                        indikator=r.daftar_indikator(sd, ps, "sub_kegiatan", skode),
                    )
                )
            kegiatan_list.append(
                t.Kegiatan(
                    kode=kkode,
                    nama=r.teks(kd, "nama", pk, wajib=True) or "",
                    indikator=r.daftar_indikator(kd, pk, "kegiatan", kkode),
                    sub_kegiatan=subs,
                )
            )
        hasil.append(
            t.Program(
                kode=kode,
                nama=r.teks(pd, "nama", p, wajib=True) or "",
                sasaran=r.daftar_teks(pd, "sasaran", p),
                indikator=r.daftar_indikator(pd, p, "program", kode),
                kegiatan=kegiatan_list,
            )
        )
    return hasil


_KUNCI_TAHUN = (
    "perjanjian_kinerja",
    "pk_berjenjang",
    "rencana_aksi",
    "realisasi",
    "catatan_realisasi",
    "dpa",
    "realisasi_anggaran",
    "realisasi_jenis_belanja",
    "pembanding",
    "skm",
    "laporan",
    "angka_dilaporkan",
)


def _baca_tahun(r: _Pembaca, d: Any, path: str) -> t.Tahun | None:
    if not r.objek(d, path, ("tahun",), _KUNCI_TAHUN):
        return None
    tahun = r.bilangan_bulat(d.get("tahun"), f"{path}.tahun")
    if tahun is not None and not 2000 <= tahun <= 2100:
        r.salah(f"{path}.tahun", f"tahun {tahun} di luar rentang 2000–2100")
    hasil = t.Tahun(tahun=tahun or 0)

    for i, pkd in enumerate(r.daftar(d, "perjanjian_kinerja", path)):
        p = f"{path}.perjanjian_kinerja[{i}]"
        boleh = (
            "tanggal",
            "tempat",
            "target",
            "anggaran_program",
            "sumber_dana",
            "pihak_pertama",
            "pihak_kedua",
            "revisi_renstra",
        )
        if not r.objek(pkd, p, ("versi",), boleh):
            continue
        revisi_renstra = None
        if "revisi_renstra" in pkd:
            revisi_renstra = r.bilangan_bulat(pkd["revisi_renstra"], f"{p}.revisi_renstra")
            if revisi_renstra is not None and revisi_renstra < 0:
                r.salah(f"{p}.revisi_renstra", "nomor revisi tidak boleh negatif")
        target = {}
        for kode, value in r.peta(pkd, "target", p).items():
            n = r.nilai(value, _kunci(f"{p}.target", kode))
            if n is not None:
                target[kode] = n
        hasil.perjanjian_kinerja.append(
            t.PerjanjianKinerja(
                versi=r.versi(pkd, p) or "",
                target=target,
                anggaran_program=r.jumlah_per_kode(pkd, "anggaran_program", p, _KODE_PROGRAM_RE),
                tanggal=r.tanggal(pkd, "tanggal", p),
                tempat=r.teks(pkd, "tempat", p),
                sumber_dana=r.teks(pkd, "sumber_dana", p),
                pihak_pertama=r.pejabat(pkd["pihak_pertama"], f"{p}.pihak_pertama")
                if "pihak_pertama" in pkd
                else None,
                pihak_kedua=r.pejabat(pkd["pihak_kedua"], f"{p}.pihak_kedua")
                if "pihak_kedua" in pkd
                else None,
                revisi_renstra=revisi_renstra,
            )
        )
    _cek_versi_unik(r, [pk.versi for pk in hasil.perjanjian_kinerja], f"{path}.perjanjian_kinerja")

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
                    target=r.nilai_opsional(sd.get("target"), f"{ps}.target"),
                )
            )
        hasil.pk_berjenjang.append(
            t.PKBerjenjang(
                jabatan=r.teks(bd, "jabatan", p, wajib=True) or "",
                versi=r.versi(bd, p) or "",
                pejabat=r.pejabat(bd["pejabat"], f"{p}.pejabat") if "pejabat" in bd else None,
                sasaran=sasaran,
                anggaran=r.jumlah_per_kode(bd, "anggaran", p, _KODE_PROGRAM_RE),
            )
        )

    # Quarter lists are converted later, once the indicator types are known
    # (a "rasio" indicator takes numerator/denominator pairs).
    hasil._mentah_triwulan = {  # type: ignore[attr-defined]
        key: r.peta(d, key, path) for key in ("rencana_aksi", "realisasi")
    }
    for kode, value in r.peta(d, "catatan_realisasi", path).items():
        p = _kunci(f"{path}.catatan_realisasi", kode)
        if (
            not isinstance(value, list)
            or len(value) != 4
            or not all(v is None or isinstance(v, str) for v in value)
        ):
            r.salah(p, "harus berupa daftar 4 catatan (teks atau null)")
            continue
        hasil.catatan_realisasi[kode] = list(value)

    for i, dd in enumerate(r.daftar(d, "dpa", path)):
        p = f"{path}.dpa[{i}]"
        if not r.objek(dd, p, ("versi", "pagu"), ("tanggal", "jenis_belanja")):
            continue
        hasil.dpa.append(
            t.DPA(
                versi=r.versi(dd, p) or "",
                pagu=r.jumlah_per_kode(dd, "pagu", p, _KODE_PROGRAM_RE),
                jenis_belanja=r.jumlah_per_kode(dd, "jenis_belanja", p, _KODE_REKENING_RE),
                tanggal=r.tanggal(dd, "tanggal", p),
            )
        )
    _cek_versi_unik(r, [x.versi for x in hasil.dpa], f"{path}.dpa")

    p_ra = f"{path}.realisasi_anggaran"
    for kode, value in r.peta(d, "realisasi_anggaran", path).items():
        pk = _kunci(p_ra, kode)
        if not _KODE_PROGRAM_RE.match(kode):
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
        d, "realisasi_jenis_belanja", path, _KODE_REKENING_RE
    )

    for kode, items in r.peta(d, "pembanding", path).items():
        pk = _kunci(f"{path}.pembanding", kode)
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

    for i, sd in enumerate(r.daftar(d, "skm", path)):
        p = f"{path}.skm[{i}]"
        if not r.objek(sd, p, ("unsur",), ("indikator", "periode", "responden")):
            continue
        unsur: dict[str, Decimal] = {}
        if r.objek(sd.get("unsur"), f"{p}.unsur", UNSUR, ()):
            for key in UNSUR:
                if key in sd["unsur"]:
                    v = r.angka(sd["unsur"][key], f"{p}.unsur.{key}")
                    if v is not None and not Decimal(1) <= v <= Decimal(4):
                        r.salah(f"{p}.unsur.{key}", f"nilai rata-rata unsur harus 1–4, bukan {v}")
                    elif v is not None:
                        unsur[key] = v
        responden = sd.get("responden")
        if responden is not None:
            responden = r.bilangan_bulat(responden, f"{p}.responden")
        hasil.skm.append(
            t.SKM(
                unsur=unsur,
                indikator=r.teks(sd, "indikator", p),
                periode=r.teks(sd, "periode", p),
                responden=responden,
            )
        )

    if "laporan" in d and r.objek(d["laporan"], f"{path}.laporan", (), ("tempat", "tanggal")):
        hasil.laporan = t.Laporan(
            tempat=r.teks(d["laporan"], "tempat", f"{path}.laporan"),
            tanggal=r.tanggal(d["laporan"], "tanggal", f"{path}.laporan"),
        )

    for i, ad in enumerate(r.daftar(d, "angka_dilaporkan", path)):
        p = f"{path}.angka_dilaporkan[{i}]"
        if not r.objek(ad, p, ("jenis", "kode", "nilai"), ("sumber", "tahun_banding")):
            continue
        jenis = r.pilihan(ad, "jenis", p, JENIS_ANGKA_DILAPORKAN)
        nilai = r.angka(ad.get("nilai"), f"{p}.nilai")
        banding = ad.get("tahun_banding")
        if banding is not None:
            banding = r.bilangan_bulat(banding, f"{p}.tahun_banding")
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
    return hasil if tahun is not None else None


def _cek_versi_unik(r: _Pembaca, versi: list[str], path: str) -> None:
    dilihat = set()
    for i, v in enumerate(versi):
        if v and v in dilihat:
            r.salah(f"{path}[{i}].versi", f"versi {v!r} muncul lebih dari sekali")
        dilihat.add(v)


def _periksa_rujukan(r: _Pembaca, paket: t.Paket, data: dict) -> None:
    """Checks across the paket: unique codes and references to known codes."""
    indikator: dict[str, t.Indikator] = {}
    for ind in paket.semua_indikator():
        if ind.kode in indikator:
            r.salah("$", f"kode indikator {ind.kode!r} dipakai lebih dari sekali")
        indikator[ind.kode] = ind

    kode_renstra: set[str] = set()
    for i, tujuan in enumerate(paket.renstra.tujuan):
        for kode in [tujuan.kode, *(s.kode for s in tujuan.sasaran)]:
            if kode in kode_renstra:
                r.salah(
                    f"$.renstra.tujuan[{i}]",
                    f"kode tujuan/sasaran {kode!r} dipakai lebih dari sekali",
                )
            kode_renstra.add(kode)

    node = paket.nama_node_anggaran()
    hitungan: dict[str, int] = {}
    for program in paket.program:
        for kode in [
            program.kode,
            *(k.kode for k in program.kegiatan),
            *(s.kode for k in program.kegiatan for s in k.sub_kegiatan),
        ]:
            hitungan[kode] = hitungan.get(kode, 0) + 1
    for kode, n in hitungan.items():
        if n > 1:
            r.salah("$.program", f"kode {kode!r} dipakai lebih dari sekali dalam pohon program")
    for i, program in enumerate(paket.program):
        for j, kode in enumerate(program.sasaran):
            if kode not in kode_renstra:
                r.salah(
                    f"$.program[{i}].sasaran[{j}]",
                    f"tujuan/sasaran {kode!r} tidak ada dalam Renstra",
                )

    def kode_program(kode: str, path: str, hanya_program: bool = False) -> None:
        if kode not in node:
            r.salah(path, _pesan_kode_tak_dikenal(kode, node))
        elif hanya_program and node[kode][1] != "program":
            r.salah(path, f"kode {kode!r} adalah {node[kode][1].replace('_', ' ')}, bukan program")

    # Without versions in the paket every PK was made from the Renstra as first set (0).
    nomor_revisi = {v.nomor for v in paket.renstra.revisi} or {0}
    tahun_paket = [th.tahun for th in paket.tahun]
    for i, th in enumerate(paket.tahun):
        path = f"$.tahun[{i}]"
        if tahun_paket.count(th.tahun) > 1:
            r.salah(f"{path}.tahun", f"tahun {th.tahun} muncul lebih dari sekali")
        for j, pk in enumerate(th.perjanjian_kinerja):
            p = f"{path}.perjanjian_kinerja[{j}]"
            if pk.revisi_renstra is not None and pk.revisi_renstra not in nomor_revisi:
                r.salah(
                    f"{p}.revisi_renstra",
                    f"revisi Renstra nomor {pk.revisi_renstra} tidak ada dalam renstra.revisi",
                )
            for kode in pk.target:
                if kode not in indikator:
                    r.salah(_kunci(f"{p}.target", kode), f"indikator {kode!r} tidak dikenal")
            for kode in pk.anggaran_program:
                kode_program(kode, _kunci(f"{p}.anggaran_program", kode), hanya_program=True)
        for j, pkb in enumerate(th.pk_berjenjang):
            for kode in pkb.anggaran:
                kode_program(kode, _kunci(f"{path}.pk_berjenjang[{j}].anggaran", kode))
        mentah = th.__dict__.pop("_mentah_triwulan", {})
        for key in ("rencana_aksi", "realisasi"):
            tujuan_dict = th.rencana_aksi if key == "rencana_aksi" else th.realisasi
            for kode, value in mentah.get(key, {}).items():
                p = _kunci(f"{path}.{key}", kode)
                if kode not in indikator:
                    r.salah(p, f"indikator {kode!r} tidak dikenal")
                    continue
                rasio = indikator[kode].tipe_penghitungan == TipePenghitungan.RASIO
                tw = r.triwulan(value, p, rasio)
                if tw is not None:
                    tujuan_dict[kode] = tw
        for kode in th.catatan_realisasi:
            if kode not in indikator:
                r.salah(
                    _kunci(f"{path}.catatan_realisasi", kode), f"indikator {kode!r} tidak dikenal"
                )
        for j, dpa in enumerate(th.dpa):
            for kode in dpa.pagu:
                kode_program(kode, _kunci(f"{path}.dpa[{j}].pagu", kode))
        for kode in th.realisasi_anggaran:
            kode_program(kode, _kunci(f"{path}.realisasi_anggaran", kode))
        for kode in th.pembanding:
            if kode not in indikator:
                r.salah(_kunci(f"{path}.pembanding", kode), f"indikator {kode!r} tidak dikenal")
        for j, skm in enumerate(th.skm):
            if skm.indikator and skm.indikator not in indikator:
                r.salah(f"{path}.skm[{j}].indikator", f"indikator {skm.indikator!r} tidak dikenal")
        _periksa_angka_dilaporkan(r, th, path, indikator, node, kode_renstra)

    if tahun_paket:
        awal = min(tahun_paket)
        for ind in indikator.values():
            for tahun in ind.riwayat:
                if tahun >= awal:
                    r.salah(
                        "$",
                        f"riwayat indikator {ind.kode!r} tahun {tahun} harus sebelum tahun pertama "
                        f"paket ({awal}); isikan data tahun itu di $.tahun",
                    )


def _periksa_angka_dilaporkan(
    r: _Pembaca, th: t.Tahun, path: str, indikator: dict, node: dict, kode_renstra: set[str]
) -> None:
    versi_pk = {pk.versi for pk in th.perjanjian_kinerja}
    cek: dict[str, Callable[[str], bool]] = {
        "capaian": indikator.__contains__,
        "tingkat_kemajuan": indikator.__contains__,
        "perubahan_relatif": indikator.__contains__,
        "perubahan_absolut": indikator.__contains__,
        "ikm": indikator.__contains__,
        "penyerapan": lambda k: k == "total" or k in node,
        "pagu": lambda k: k == "total" or k in node,
        "realisasi": lambda k: k == "total" or k in node,
        "efisiensi": lambda k: k == "total" or k in kode_renstra,
        "rata_rata_capaian_iku": lambda k: k == "total",
        "sisa_anggaran": lambda k: k == "total",
        "jumlah_anggaran_pk": versi_pk.__contains__,
    }
    for i, angka in enumerate(th.angka_dilaporkan):
        if not cek[angka.jenis](angka.kode):
            r.salah(
                f"{path}.angka_dilaporkan[{i}].kode",
                f"kode {angka.kode!r} tidak dikenal untuk angka berjenis {angka.jenis!r}",
            )


def _pesan_kode_tak_dikenal(kode: str, node: dict) -> str:
    induk = kode.rsplit(".", 1)[0] if "." in kode else ""
    while induk and induk not in node:
        induk = induk.rsplit(".", 1)[0] if "." in induk else ""
    if induk:
        return f"kode {kode!r} tidak ada dalam pohon program (induk terdekat yang ada: {induk!r})"
    return f"kode {kode!r} tidak ada dalam pohon program"
