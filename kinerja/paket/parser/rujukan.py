"""Checks across a paket: unique codes, and references to known codes.

Run after the parts are read (``baca_paket``), even when they had problems, so
that one report lists every error of the file. The quarter lists of rencana
aksi and realisasi are converted here, once each indicator's type is known.
"""

from __future__ import annotations

from collections.abc import Callable

from kinerja.engine.realisasi import TipePenghitungan
from kinerja.paket import types as t
from kinerja.paket.parser.reader import Reader, key_path


def periksa_rujukan(r: Reader, paket: t.Paket) -> None:
    """Checks across the paket: unique codes and references to known codes."""
    indikator = _indikator_unik(r, paket)
    kode_renstra = _kode_renstra_unik(r, paket)
    node = paket.nama_node_anggaran()
    _periksa_pohon_program(r, paket, kode_renstra)
    # Without versions in the paket every PK was made from the Renstra as first set (0).
    nomor_revisi = {v.nomor for v in paket.renstra.revisi} or {0}
    tahun_paket = [th.tahun for th in paket.tahun]
    for i, th in enumerate(paket.tahun):
        path = f"$.tahun[{i}]"
        if tahun_paket.count(th.tahun) > 1:
            r.salah(f"{path}.tahun", f"tahun {th.tahun} muncul lebih dari sekali")
        _periksa_pk(r, th, path, indikator, node, nomor_revisi)
        _periksa_triwulan(r, th, path, indikator)
        _periksa_anggaran(r, th, path, node)
        _periksa_anggaran_sasaran(r, paket, th, path)
        _periksa_pembanding_skm(r, th, path, indikator)
        _periksa_angka_dilaporkan(r, th, path, indikator, node, kode_renstra)
    _periksa_riwayat(r, indikator, tahun_paket)


def _indikator_unik(r: Reader, paket: t.Paket) -> dict[str, t.Indikator]:
    indikator: dict[str, t.Indikator] = {}
    for ind in paket.semua_indikator():
        if ind.kode in indikator:
            r.salah("$", f"kode indikator {ind.kode!r} dipakai lebih dari sekali")
        indikator[ind.kode] = ind
    return indikator


def _kode_renstra_unik(r: Reader, paket: t.Paket) -> set[str]:
    kode_renstra: set[str] = set()
    for i, tujuan in enumerate(paket.renstra.tujuan):
        for kode in [tujuan.kode, *(s.kode for s in tujuan.sasaran)]:
            if kode in kode_renstra:
                r.salah(
                    f"$.renstra.tujuan[{i}]",
                    f"kode tujuan/sasaran {kode!r} dipakai lebih dari sekali",
                )
            kode_renstra.add(kode)
    return kode_renstra


def _periksa_pohon_program(r: Reader, paket: t.Paket, kode_renstra: set[str]) -> None:
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


def _kode_program(r: Reader, node: dict, kode: str, path: str, hanya_program: bool = False) -> None:
    if kode not in node:
        r.salah(path, _pesan_kode_tak_dikenal(kode, node))
    elif hanya_program and node[kode][1] != "program":
        r.salah(path, f"kode {kode!r} adalah {node[kode][1].replace('_', ' ')}, bukan program")


def _periksa_pk(
    r: Reader, th: t.Tahun, path: str, indikator: dict, node: dict, nomor_revisi: set[int]
) -> None:
    for j, pk in enumerate(th.perjanjian_kinerja):
        p = f"{path}.perjanjian_kinerja[{j}]"
        if pk.revisi_renstra is not None and pk.revisi_renstra not in nomor_revisi:
            r.salah(
                f"{p}.revisi_renstra",
                f"revisi Renstra nomor {pk.revisi_renstra} tidak ada dalam renstra.revisi",
            )
        for kode in pk.target:
            if kode not in indikator:
                r.salah(key_path(f"{p}.target", kode), f"indikator {kode!r} tidak dikenal")
        for kode in pk.anggaran_program:
            _kode_program(r, node, kode, key_path(f"{p}.anggaran_program", kode), True)
    for j, pkb in enumerate(th.pk_berjenjang):
        for kode in pkb.anggaran:
            _kode_program(r, node, kode, key_path(f"{path}.pk_berjenjang[{j}].anggaran", kode))


def _periksa_triwulan(r: Reader, th: t.Tahun, path: str, indikator: dict) -> None:
    """Convert the raw quarter lists (kept by ``tahun.baca_tahun``) by indicator type."""
    mentah = th.__dict__.pop("_mentah_triwulan", {})
    for key in ("rencana_aksi", "realisasi"):
        tujuan_dict = th.rencana_aksi if key == "rencana_aksi" else th.realisasi
        for kode, value in mentah.get(key, {}).items():
            p = key_path(f"{path}.{key}", kode)
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
                key_path(f"{path}.catatan_realisasi", kode), f"indikator {kode!r} tidak dikenal"
            )


def _periksa_anggaran(r: Reader, th: t.Tahun, path: str, node: dict) -> None:
    for j, dpa in enumerate(th.dpa):
        for kode in dpa.pagu:
            _kode_program(r, node, kode, key_path(f"{path}.dpa[{j}].pagu", kode))
    for kode in th.realisasi_anggaran:
        _kode_program(r, node, kode, key_path(f"{path}.realisasi_anggaran", kode))


def _periksa_anggaran_sasaran(r: Reader, paket: t.Paket, th: t.Tahun, path: str) -> None:
    kode_sasaran = {s.kode for tujuan in paket.renstra.tujuan for s in tujuan.sasaran}
    for kode in th.anggaran_sasaran:
        if kode not in kode_sasaran:
            r.salah(
                key_path(f"{path}.anggaran_sasaran", kode),
                f"sasaran {kode!r} tidak ada dalam Renstra",
            )


def _periksa_pembanding_skm(r: Reader, th: t.Tahun, path: str, indikator: dict) -> None:
    for kode in th.pembanding:
        if kode not in indikator:
            r.salah(key_path(f"{path}.pembanding", kode), f"indikator {kode!r} tidak dikenal")
    for j, skm in enumerate(th.skm):
        if skm.indikator and skm.indikator not in indikator:
            r.salah(f"{path}.skm[{j}].indikator", f"indikator {skm.indikator!r} tidak dikenal")


def _periksa_riwayat(r: Reader, indikator: dict[str, t.Indikator], tahun_paket: list[int]) -> None:
    if not tahun_paket:
        return
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
    r: Reader, th: t.Tahun, path: str, indikator: dict, node: dict, kode_renstra: set[str]
) -> None:
    versi_pk = {pk.versi for pk in th.perjanjian_kinerja}
    cek: dict[str, Callable[[str], bool]] = {
        "capaian": indikator.__contains__,
        "tingkat_kemajuan": indikator.__contains__,
        "perubahan_relatif": indikator.__contains__,
        "perubahan_absolut": indikator.__contains__,
        "ikm": indikator.__contains__,
        "predikat": lambda k: k == "total" or k in indikator,
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
