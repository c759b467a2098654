"""The pemda and the perangkat daerah of a paket, their officials and the pemda's rules.

``baca_aturan_pemda`` also reads the rules stored with a signed year
(``kinerja.paket.parser.baca_aturan``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kinerja.engine.angka import validasi_nip
from kinerja.engine.capaian import AcuanRentang, RumusNegatif
from kinerja.engine.efisiensi import MetodeEfisiensi
from kinerja.engine.predikat import PRESET, skala_dari_band
from kinerja.paket import types as t
from kinerja.paket.parser.reader import BATAS_ATAS_SAH, BATAS_BAWAH_SAH, Reader, key_path

STATUS_PEJABAT = ("definitif", "plt", "plh")
JENIS_PEMDA = ("kabupaten", "kota")


def baca_pemda(r: Reader, data: dict) -> t.Pemda | None:
    if not r.objek(
        data.get("pemda"),
        "$.pemda",
        ("kode", "nama", "aturan"),
        ("provinsi", "ibu_kota", "kepala", "jenis"),
    ):
        return None
    d = data["pemda"]
    aturan = baca_aturan_pemda(r, d.get("aturan"), "$.pemda.aturan")
    kepala = baca_pejabat(r, d["kepala"], "$.pemda.kepala") if "kepala" in d else None
    jenis = r.teks(d, "jenis", "$.pemda")
    if jenis is not None and jenis not in JENIS_PEMDA:
        r.salah("$.pemda.jenis", f"jenis {jenis!r} tidak dikenal; yang dikenal: kabupaten, kota")
        jenis = None
    kode, nama = (
        r.teks(d, "kode", "$.pemda", wajib=True),
        r.teks(d, "nama", "$.pemda", wajib=True),
    )
    if aturan and kode and nama:
        return t.Pemda(
            kode=kode,
            nama=nama,
            aturan=aturan,
            provinsi=r.teks(d, "provinsi", "$.pemda"),
            ibu_kota=r.teks(d, "ibu_kota", "$.pemda"),
            kepala=kepala,
            jenis=jenis,
        )
    return None


def baca_perangkat_daerah(r: Reader, data: dict) -> t.PerangkatDaerah | None:
    boleh_pd = ("jenis", "alamat", "telepon", "email", "situs", "kepala", "pejabat")
    if not r.objek(data.get("perangkat_daerah"), "$.perangkat_daerah", ("kode", "nama"), boleh_pd):
        return None
    d = data["perangkat_daerah"]
    path = "$.perangkat_daerah"
    kepala = baca_pejabat(r, d["kepala"], f"{path}.kepala") if "kepala" in d else None
    pejabat = [
        p
        for i, item in enumerate(r.daftar(d, "pejabat", path))
        if (p := baca_pejabat(r, item, f"{path}.pejabat[{i}]")) is not None
    ]
    kode, nama = r.teks(d, "kode", path, wajib=True), r.teks(d, "nama", path, wajib=True)
    if kode and nama:
        return t.PerangkatDaerah(
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
    return None


def baca_pejabat(r: Reader, data: Any, path: str) -> t.Pejabat | None:
    kunci = ("gelar_depan", "gelar_belakang", "pangkat", "golongan", "nip", "status")
    if not r.objek(data, path, ("nama", "jabatan"), kunci):
        return None
    nama = r.teks(data, "nama", path, wajib=True)
    jabatan = r.teks(data, "jabatan", path, wajib=True)
    status = r.teks(data, "status", path)
    if status is not None and status not in STATUS_PEJABAT:
        r.salah(
            key_path(path, "status"),
            f"status {status!r} tidak dikenal; yang dikenal: {', '.join(STATUS_PEJABAT)}",
        )
        status = None
    nip = r.teks(data, "nip", path)
    if nip is not None:
        nip = nip.replace(" ", "")
        for pesan in validasi_nip(nip):
            r.salah(key_path(path, "nip"), pesan)
    if nama is None or jabatan is None:
        return None
    return t.Pejabat(
        nama=nama,
        jabatan=jabatan,
        gelar_depan=r.teks(data, "gelar_depan", path),
        gelar_belakang=r.teks(data, "gelar_belakang", path),
        pangkat=r.teks(data, "pangkat", path),
        golongan=r.teks(data, "golongan", path),
        nip=nip,
        status=None if status == "definitif" else status,
    )


def baca_aturan_pemda(r: Reader, data: Any, path: str) -> t.Aturan | None:
    wajib = (
        "skala_predikat",
        "rumus_negatif",
        "batas_atas_capaian",
        "batas_bawah_capaian",
        "metode_efisiensi",
    )
    if not r.objek(data, path, wajib, ("ambang_tercapai", "acuan_rentang")):
        return None
    skala_data = data.get("skala_predikat")
    skala = preset = None
    p = key_path(path, "skala_predikat")
    if isinstance(skala_data, str):
        if skala_data in PRESET:
            skala, preset = PRESET[skala_data], skala_data
        else:
            r.salah(p, f"skala {skala_data!r} tidak dikenal; pilihan: {', '.join(PRESET)}")
    elif isinstance(skala_data, list) and skala_data:
        skala = _band_list(r, skala_data, p)
    else:
        r.salah(p, "harus berupa nama skala bawaan atau daftar band")
    rumus = r.pilihan(data, "rumus_negatif", path, tuple(r.value for r in RumusNegatif))
    atas = r.pilihan(data, "batas_atas_capaian", path, (None, *BATAS_ATAS_SAH))
    bawah = r.pilihan(data, "batas_bawah_capaian", path, (None, *BATAS_BAWAH_SAH))
    metode = r.pilihan(data, "metode_efisiensi", path, tuple(m.value for m in MetodeEfisiensi))
    ambang = Decimal(100)
    if "ambang_tercapai" in data:
        ambang = r.angka(data["ambang_tercapai"], key_path(path, "ambang_tercapai")) or ambang
    acuan = AcuanRentang.BAWAH.value
    if "acuan_rentang" in data:
        acuan = r.pilihan(data, "acuan_rentang", path, tuple(a.value for a in AcuanRentang))
    if skala is None or rumus is None or metode is None or acuan is None:
        return None
    return t.Aturan(
        skala=skala,
        skala_preset=preset,
        rumus_negatif=RumusNegatif(rumus),
        batas_atas_capaian=None if atas is None else Decimal(atas),
        batas_bawah_capaian=None if bawah is None else Decimal(bawah),
        metode_efisiensi=MetodeEfisiensi(metode),
        ambang_tercapai=ambang,
        acuan_rentang=AcuanRentang(acuan),
    )


def _band_list(r: Reader, data: list, path: str):
    bands = []
    for i, band in enumerate(data):
        p = f"{path}[{i}]"
        wajib = ("label", "bawah", "bawah_inklusif", "atas", "atas_inklusif")
        if not r.objek(band, p, wajib, ("warna", "keterangan")):
            continue
        item: dict[str, Any] = {"label": r.teks(band, "label", p, wajib=True)}
        for ujung in ("bawah", "atas"):
            v = band.get(ujung)
            item[ujung] = None if v is None else r.angka(v, key_path(p, ujung))
            inklusif = band.get(f"{ujung}_inklusif")
            if not isinstance(inklusif, bool):
                r.salah(key_path(p, f"{ujung}_inklusif"), "harus true atau false")
            item[f"{ujung}_inklusif"] = bool(inklusif)
        item["warna"] = r.teks(band, "warna", p)
        item["keterangan"] = r.teks(band, "keterangan", p)
        bands.append(item)
    if len(bands) != len(data) or any(b["label"] is None for b in bands):
        return None
    return skala_dari_band("kustom", bands)
