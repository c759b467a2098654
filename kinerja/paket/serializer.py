"""Write ``kinerja.paket.types`` back to a paket document (docs/paket.md)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from kinerja.engine.angka import Nilai
from kinerja.engine.capaian import AcuanRentang
from kinerja.engine.predikat import Skala
from kinerja.engine.realisasi import Rasio
from kinerja.paket import types as t
from kinerja.paket.parser import FORMAT, VERSI


def angka(d: Decimal | int | None) -> Decimal | int | None:
    """A Decimal without trailing zeros of storage (75.350000 → 75.35, 100.00 → 100)."""
    if d is None or isinstance(d, int):
        return d
    if d == d.to_integral_value():
        return int(d)
    return d.normalize()


def nilai(n: Nilai | None) -> Any:
    if n is None:
        return None
    return n.label if n.label else angka(n.angka)


def _nilai_tw(v: t.NilaiTW) -> Any:
    if isinstance(v, Rasio):
        return {"pembilang": angka(v.pembilang), "penyebut": angka(v.penyebut)}
    return nilai(v)


def _pejabat(p: t.Pejabat | None) -> dict | None:
    if p is None:
        return None
    hasil: dict[str, Any] = {"nama": p.nama, "jabatan": p.jabatan}
    for key in ("gelar_depan", "gelar_belakang", "pangkat", "golongan", "nip", "status"):
        if getattr(p, key):
            hasil[key] = getattr(p, key)
    return hasil


def _tanpa_kosong(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, [], {})}


def _skala(aturan: t.Aturan) -> Any:
    if aturan.skala_preset:
        return aturan.skala_preset
    return band_list(aturan.skala)


def band_list(skala: Skala) -> list[dict]:
    return [
        _tanpa_kosong(
            {
                "label": b.label,
                "bawah": angka(b.bawah),
                "bawah_inklusif": b.bawah_inklusif,
                "atas": angka(b.atas),
                "atas_inklusif": b.atas_inklusif,
                "warna": b.warna,
                "keterangan": b.keterangan,
            }
        )
        | {"bawah": angka(b.bawah), "atas": angka(b.atas)}
        for b in skala.band
    ]


def _indikator(ind: t.Indikator) -> dict:
    return _tanpa_kosong(
        {
            "kode": ind.kode,
            "nama": ind.nama,
            "satuan": ind.satuan,
            "polaritas": ind.polaritas.value,
            "tipe_penghitungan": ind.tipe_penghitungan.value,
            "iku": ind.iku or None,
            "target_tahunan": {str(y): nilai(v) for y, v in sorted(ind.target_tahunan.items())},
            "target_akhir": nilai(ind.target_akhir),
            "riwayat": {
                str(y): _tanpa_kosong(
                    {
                        "target": nilai(r.target),
                        "realisasi": nilai(r.realisasi),
                        # As printed: 98.50 keeps its two decimals.
                        "capaian": r.capaian,
                    }
                )
                for y, r in sorted(ind.riwayat.items())
            },
            "formulasi": ind.formulasi,
            "definisi_operasional": ind.definisi_operasional,
            "alasan_pemilihan": ind.alasan_pemilihan,
            "sumber_data": ind.sumber_data,
            "penanggung_jawab": ind.penanggung_jawab,
            "rumus_negatif": ind.rumus_negatif.value if ind.rumus_negatif else None,
            "batas_atas_capaian": angka(ind.batas_atas_capaian),
            "batas_bawah_capaian": angka(ind.batas_bawah_capaian),
        }
    )


def _jumlah(d: dict[str, Decimal]) -> dict:
    return {k: angka(v) for k, v in d.items()}


def _tahun(th: t.Tahun) -> dict:
    return _tanpa_kosong(
        {
            "tahun": th.tahun,
            "perjanjian_kinerja": [
                _tanpa_kosong(
                    {
                        "versi": pk.versi,
                        "tanggal": pk.tanggal.isoformat() if pk.tanggal else None,
                        "tempat": pk.tempat,
                        "target": {k: nilai(v) for k, v in pk.target.items()},
                        "anggaran_program": _jumlah(pk.anggaran_program),
                        "sumber_dana": pk.sumber_dana,
                        "pihak_pertama": _pejabat(pk.pihak_pertama),
                        "pihak_kedua": _pejabat(pk.pihak_kedua),
                        "revisi_renstra": pk.revisi_renstra,
                    }
                )
                for pk in th.perjanjian_kinerja
            ],
            "pk_berjenjang": [
                _tanpa_kosong(
                    {
                        "jabatan": b.jabatan,
                        "versi": b.versi,
                        "pejabat": _pejabat(b.pejabat),
                        "sasaran": [
                            _tanpa_kosong(
                                {
                                    "uraian": s.uraian,
                                    "indikator": s.indikator,
                                    "target": nilai(s.target),
                                }
                            )
                            | {"uraian": s.uraian, "indikator": s.indikator}
                            for s in b.sasaran
                        ],
                        "anggaran": _jumlah(b.anggaran),
                    }
                )
                for b in th.pk_berjenjang
            ],
            "rencana_aksi": {k: [_nilai_tw(v) for v in tw] for k, tw in th.rencana_aksi.items()},
            "realisasi": {k: [_nilai_tw(v) for v in tw] for k, tw in th.realisasi.items()},
            "catatan_realisasi": dict(th.catatan_realisasi),
            "dpa": [
                _tanpa_kosong(
                    {
                        "versi": d.versi,
                        "tanggal": d.tanggal.isoformat() if d.tanggal else None,
                        "pagu": _jumlah(d.pagu),
                        "jenis_belanja": _jumlah(d.jenis_belanja),
                    }
                )
                | {"pagu": _jumlah(d.pagu)}
                for d in th.dpa
            ],
            "realisasi_anggaran": {
                k: [angka(x) for x in v] if isinstance(v, list) else angka(v)
                for k, v in th.realisasi_anggaran.items()
            },
            "realisasi_jenis_belanja": _jumlah(th.realisasi_jenis_belanja),
            "anggaran_sasaran": {
                k: _tanpa_kosong({"pagu": angka(v.pagu), "realisasi": angka(v.realisasi)})
                for k, v in th.anggaran_sasaran.items()
            },
            "pembanding": {
                k: [
                    _tanpa_kosong(
                        {
                            "tingkat": p.tingkat,
                            "label": p.label,
                            "nilai": nilai(p.nilai),
                            "sumber": p.sumber,
                        }
                    )
                    for p in v
                ]
                for k, v in th.pembanding.items()
            },
            "skm": [
                _tanpa_kosong(
                    {
                        "indikator": s.indikator,
                        "periode": s.periode,
                        "responden": s.responden,
                        "unsur": _jumlah(s.unsur),
                    }
                )
                for s in th.skm
            ],
            "laporan": _tanpa_kosong(
                {
                    "tempat": th.laporan.tempat,
                    "tanggal": th.laporan.tanggal.isoformat() if th.laporan.tanggal else None,
                }
            )
            if th.laporan
            else None,
            "angka_dilaporkan": [
                _tanpa_kosong(
                    {
                        "jenis": a.jenis,
                        "kode": a.kode,
                        "tahun_banding": a.tahun_banding,
                        # Keep the printed precision: 98.50 stays 98.50.
                        "nilai": a.nilai,
                        "sumber": a.sumber,
                    }
                )
                for a in th.angka_dilaporkan
            ],
        }
    )


def _renstra(renstra: t.Renstra) -> dict:
    tujuan = [
        _tanpa_kosong(
            {
                "kode": tj.kode,
                "uraian": tj.uraian,
                "sasaran_rpjmd": tj.sasaran_rpjmd or None,
                "indikator": [_indikator(i) for i in tj.indikator],
                "sasaran": [
                    _tanpa_kosong(
                        {
                            "kode": s.kode,
                            "uraian": s.uraian,
                            "indikator": [_indikator(i) for i in s.indikator],
                            "strategi": s.strategi,
                            "arah_kebijakan": s.arah_kebijakan,
                        }
                    )
                    for s in tj.sasaran
                ],
            }
        )
        for tj in renstra.tujuan
    ]
    return _tanpa_kosong(
        {
            "mulai": renstra.mulai,
            "selesai": renstra.selesai,
            "visi": renstra.visi,
            "misi": renstra.misi,
            "revisi": [
                _tanpa_kosong(
                    {
                        "nomor": v.nomor,
                        "tanggal": v.tanggal.isoformat() if v.tanggal else None,
                        "alasan": v.alasan,
                        "selesai": v.selesai,
                        "isi": v.isi,
                    }
                )
                for v in renstra.revisi
            ],
        }
    ) | {"tujuan": tujuan}


def _program(p: t.Program) -> dict:
    # A code the application made up is not written: reading the paket makes it again.
    return _tanpa_kosong(
        {
            "kode": None if p.kode_buatan else p.kode,
            "nama": p.nama,
            "sasaran": p.sasaran,
            "indikator": [_indikator(i) for i in p.indikator],
            "kegiatan": [
                _tanpa_kosong(
                    {
                        "kode": None if k.kode_buatan else k.kode,
                        "nama": k.nama,
                        "indikator": [_indikator(i) for i in k.indikator],
                        "sub_kegiatan": [
                            _tanpa_kosong(
                                {
                                    "kode": None if s.kode_buatan else s.kode,
                                    "nama": s.nama,
                                    "indikator": [_indikator(i) for i in s.indikator],
                                }
                            )
                            for s in k.sub_kegiatan
                        ],
                    }
                )
                for k in p.kegiatan
            ],
        }
    )


def tulis_aturan(aturan: t.Aturan) -> dict:
    """The "aturan" object of a paket; ``baca_aturan(tulis_aturan(a))`` gives ``a`` back."""
    hasil = {
        "skala_predikat": _skala(aturan),
        "rumus_negatif": aturan.rumus_negatif.value,
        "batas_atas_capaian": angka(aturan.batas_atas_capaian),
        "batas_bawah_capaian": angka(aturan.batas_bawah_capaian),
        "metode_efisiensi": aturan.metode_efisiensi.value,
        "ambang_tercapai": angka(aturan.ambang_tercapai),
    }
    # Written only when it is not the default, so that rules without a range rule
    # (and the rules stored with years signed before it existed) read the same.
    if aturan.acuan_rentang is not AcuanRentang.BAWAH:
        hasil["acuan_rentang"] = aturan.acuan_rentang.value
    return hasil


def tulis_paket(paket: t.Paket) -> dict:
    """The paket document of ``paket``; ``baca_paket(tulis_paket(p))`` gives ``p`` back."""
    aturan = paket.pemda.aturan
    pd = paket.perangkat_daerah
    pemda = _tanpa_kosong(
        {
            "kode": paket.pemda.kode,
            "nama": paket.pemda.nama,
            "provinsi": paket.pemda.provinsi,
            "ibu_kota": paket.pemda.ibu_kota,
            "jenis": paket.pemda.jenis,
            "kepala": _pejabat(paket.pemda.kepala),
        }
    )
    pemda["aturan"] = tulis_aturan(aturan)
    hasil: dict[str, Any] = {"format": FORMAT, "versi": VERSI}
    if paket.keterangan:
        hasil["keterangan"] = paket.keterangan
    hasil["pemda"] = pemda
    hasil["perangkat_daerah"] = _tanpa_kosong(
        {
            "kode": pd.kode,
            "nama": pd.nama,
            "jenis": pd.jenis,
            "alamat": pd.alamat,
            "telepon": pd.telepon,
            "email": pd.email,
            "situs": pd.situs,
            "kepala": _pejabat(pd.kepala),
            "pejabat": [_pejabat(p) for p in pd.pejabat],
        }
    )
    hasil["renstra"] = _renstra(paket.renstra)
    hasil["program"] = [_program(p) for p in paket.program]
    hasil["tahun"] = [_tahun(th) for th in paket.tahun]
    return hasil


def dumps(data: Any, indent: int | None = 2) -> str:
    """JSON text in which Decimals are written as exact JSON numbers."""
    decimals = 0

    def tanda(o: Any) -> str:
        # A Decimal goes through the C encoder as a marked string, unmarked below.
        nonlocal decimals
        if not isinstance(o, Decimal):
            raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")
        if not o.is_finite():
            raise ValueError("angka tak hingga tidak dapat ditulis ke JSON")
        decimals += 1
        return _TANDA + format(o, "f")

    teks = json.dumps(data, ensure_ascii=False, indent=indent, default=tanda)
    teks, n = _TANDA_JSON.subn(r"\1", teks)
    if n != decimals:
        # A text of the data itself looked like a marked number: the slow way.
        return _encode(data, 0, indent)
    return teks


_TANDA = "\x00angka:"
_TANDA_JSON = re.compile(r'"\\u0000angka:(-?[0-9]+(?:\.[0-9]+)?)"')


def _encode(o: Any, level: int, indent: int | None) -> str:
    if isinstance(o, Decimal):
        if not o.is_finite():
            raise ValueError("angka tak hingga tidak dapat ditulis ke JSON")
        teks = format(o, "f")
        return teks
    if isinstance(o, dict):
        if not o:
            return "{}"
        items = [
            f"{json.dumps(str(k), ensure_ascii=False)}: {_encode(v, level + 1, indent)}"
            for k, v in o.items()
        ]
        return _wrap("{", "}", items, level, indent)
    if isinstance(o, list | tuple):
        if not o:
            return "[]"
        return _wrap("[", "]", [_encode(v, level + 1, indent) for v in o], level, indent)
    return json.dumps(o, ensure_ascii=False)


def _wrap(buka: str, tutup: str, items: list[str], level: int, indent: int | None) -> str:
    if indent is None:
        return buka + ", ".join(items) + tutup
    pad = " " * (indent * (level + 1))
    return buka + "\n" + ",\n".join(pad + i for i in items) + "\n" + " " * (indent * level) + tutup
