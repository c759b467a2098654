"""The Renstra of a paket (goals, sasaran, versions), its program tree and the indicators.

An indicator is read where it sits (tujuan, sasaran, program, kegiatan, sub
kegiatan); that its code is unique and what refers to it is checked across
the paket by ``rujukan``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kinerja.engine.angka import Nilai
from kinerja.engine.capaian import Polaritas, RumusNegatif
from kinerja.engine.realisasi import TipePenghitungan
from kinerja.paket import types as t
from kinerja.paket.parser.reader import (
    BATAS_ATAS_SAH,
    BATAS_BAWAH_SAH,
    KODE_KEPMENDAGRI_RE,
    Reader,
    key_path,
)


def baca_renstra(r: Reader, d: Any) -> t.Renstra | None:
    path = "$.renstra"
    if not r.objek(d, path, ("mulai", "selesai", "tujuan"), ("visi", "misi", "revisi")):
        return None
    mulai = r.tahun(d.get("mulai"), f"{path}.mulai")
    selesai = r.tahun(d.get("selesai"), f"{path}.selesai")
    if mulai is not None and selesai is not None and mulai >= selesai:
        r.salah(f"{path}.selesai", f"tahun selesai ({selesai}) harus setelah tahun mulai ({mulai})")
    tujuan_list = []
    for i, td in enumerate(r.daftar(d, "tujuan", path)):
        p = f"{path}.tujuan[{i}]"
        if not r.objek(td, p, ("kode", "uraian"), ("indikator", "sasaran", "sasaran_rpjmd")):
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
                    indikator=daftar_indikator(r, sd, ps, "sasaran", skode),
                    strategi=r.daftar_teks(sd, "strategi", ps),
                    arah_kebijakan=r.daftar_teks(sd, "arah_kebijakan", ps),
                )
            )
        tujuan_list.append(
            t.Tujuan(
                kode=kode,
                uraian=r.teks(td, "uraian", p, wajib=True) or "",
                indikator=daftar_indikator(r, td, p, "tujuan", kode),
                sasaran=sasaran_list,
                sasaran_rpjmd=(r.teks(td, "sasaran_rpjmd", p) or "").strip() or None,
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


def _baca_revisi(r: Reader, d: dict, path: str) -> list[t.RevisiRenstra]:
    """The versions of the Renstra, each with its frozen indicator register and targets."""
    hasil: list[t.RevisiRenstra] = []
    dilihat: set[int] = set()
    for i, vd in enumerate(r.daftar(d, "revisi", path)):
        p = f"{path}.revisi[{i}]"
        if not r.objek(vd, p, ("nomor",), ("tanggal", "alasan", "selesai", "isi")):
            continue
        nomor = r.bilangan_bulat(vd.get("nomor"), f"{p}.nomor", minimum=-(2**31))
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


def _baca_isi_revisi(r: Reader, vd: dict, path: str) -> dict:
    isi = r.peta(vd, "isi", path)
    path = f"{path}.isi"
    if not isi or not r.objek(isi, path, (), ("mulai", "selesai", "indikator")):
        return {}
    for kunci in ("mulai", "selesai"):
        if kunci in isi:
            r.tahun(isi[kunci], f"{path}.{kunci}")
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
                r.salah(key_path(f"{p}.target", tahun), "target per tahun berupa teks, kunci tahun")
    return isi


def _kode_node(r: Reader, data: dict, path: str) -> str | None:
    """The Kepmendagri code a node states; None when it gives none (absent or null)."""
    if data.get("kode") is None:
        return None
    kode = r.teks(data, "kode", path, wajib=True)
    if kode is not None and not KODE_KEPMENDAGRI_RE.match(kode):
        r.salah(f"{path}.kode", f"kode {kode!r} tidak berformat kode Kepmendagri (angka bertitik)")
    return kode


def _kode_anak(r: Reader, kode: str | None, induk: str, path: str, tingkat: str) -> None:
    if kode is None or not KODE_KEPMENDAGRI_RE.match(kode):
        return
    if not kode.startswith(induk + "."):
        r.salah(
            f"{path}.kode",
            f"kode {tingkat} {kode!r} tidak berada di bawah induknya {induk!r}: "
            f"induk untuk kode ini tidak ada",
        )


class _KodeBuatan:
    """Hands out the made-up codes of the children without a code of one parent."""

    def __init__(self, induk: str | None) -> None:
        self.induk, self.n = induk, 0

    def berikut(self) -> str:
        self.n += 1
        if self.induk is None:
            return t.KODE_BUATAN_PROGRAM.format(n=self.n)
        return t.kode_buatan_anak(self.induk, self.n)


def baca_program(r: Reader, data: dict) -> list[t.Program]:
    """The program tree. A node without a ``kode`` gets one made up from its place
    (``kinerja.paket.types.KODE_BUATAN_PROGRAM``) and is marked ``kode_buatan``."""
    hasil = []
    buatan_program = _KodeBuatan(None)
    for i, pd in enumerate(r.daftar(data, "program", "$")):
        p = f"$.program[{i}]"
        if not r.objek(pd, p, ("nama",), ("kode", "sasaran", "indikator", "kegiatan")):
            continue
        kode = _kode_node(r, pd, p)
        program_buatan = pd.get("kode") is None
        kode = buatan_program.berikut() if program_buatan else (kode or "")
        kegiatan_list = []
        buatan_kegiatan = _KodeBuatan(kode)
        for j, kd in enumerate(r.daftar(pd, "kegiatan", p)):
            pk = f"{p}.kegiatan[{j}]"
            if not r.objek(kd, pk, ("nama",), ("kode", "indikator", "sub_kegiatan")):
                continue
            kkode = _kode_node(r, kd, pk)
            kegiatan_buatan = kd.get("kode") is None
            _kode_anak(r, kkode, kode, pk, "kegiatan")
            kkode = buatan_kegiatan.berikut() if kegiatan_buatan else (kkode or "")
            subs = []
            buatan_sub = _KodeBuatan(kkode)
            for m, sd in enumerate(r.daftar(kd, "sub_kegiatan", pk)):
                ps = f"{pk}.sub_kegiatan[{m}]"
                if not r.objek(sd, ps, ("nama",), ("kode", "indikator")):
                    continue
                skode = _kode_node(r, sd, ps)
                sub_buatan = sd.get("kode") is None
                _kode_anak(r, skode, kkode, ps, "sub kegiatan")
                skode = buatan_sub.berikut() if sub_buatan else (skode or "")
                subs.append(
                    t.SubKegiatan(
                        kode=skode,
                        nama=r.teks(sd, "nama", ps, wajib=True) or "",
                        indikator=daftar_indikator(r, sd, ps, "sub_kegiatan", skode),
                        kode_buatan=sub_buatan,
                    )
                )
            kegiatan_list.append(
                t.Kegiatan(
                    kode=kkode,
                    nama=r.teks(kd, "nama", pk, wajib=True) or "",
                    indikator=daftar_indikator(r, kd, pk, "kegiatan", kkode),
                    sub_kegiatan=subs,
                    kode_buatan=kegiatan_buatan,
                )
            )
        hasil.append(
            t.Program(
                kode=kode,
                nama=r.teks(pd, "nama", p, wajib=True) or "",
                sasaran=r.daftar_teks(pd, "sasaran", p),
                indikator=daftar_indikator(r, pd, p, "program", kode),
                kegiatan=kegiatan_list,
                kode_buatan=program_buatan,
            )
        )
    return hasil


def baca_indikator(r: Reader, data: Any, path: str, tingkat: str, induk: str) -> t.Indikator | None:
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
    if not r.objek(data, path, wajib, boleh):
        return None
    kode = r.teks(data, "kode", path, wajib=True)
    nama = r.teks(data, "nama", path, wajib=True)
    satuan = r.teks(data, "satuan", path, wajib=True)
    polaritas = r.pilihan(data, "polaritas", path, tuple(p.value for p in Polaritas))
    tipe = r.pilihan(data, "tipe_penghitungan", path, tuple(x.value for x in TipePenghitungan))
    iku = data.get("iku", False)
    if not isinstance(iku, bool):
        r.salah(key_path(path, "iku"), "harus true atau false")
        iku = False
    target_tahunan: dict[int, Nilai] = {}
    p_tt = key_path(path, "target_tahunan")
    for tahun, value in r.peta(data, "target_tahunan", path).items():
        th = r.tahun_kunci(tahun, key_path(p_tt, tahun))
        n = r.nilai(value, key_path(p_tt, tahun), rentang=True)
        if th is not None and n is not None:
            target_tahunan[th] = n
    riwayat: dict[int, t.RiwayatTahun] = {}
    p_rw = key_path(path, "riwayat")
    for tahun, value in r.peta(data, "riwayat", path).items():
        p = key_path(p_rw, tahun)
        th = r.tahun_kunci(tahun, p)
        if not r.objek(value, p, (), ("target", "realisasi", "capaian")) or th is None:
            continue
        capaian = value.get("capaian")
        riwayat[th] = t.RiwayatTahun(
            target=r.nilai_opsional(value.get("target"), key_path(p, "target"), rentang=True),
            realisasi=r.nilai_opsional(value.get("realisasi"), key_path(p, "realisasi")),
            capaian=None if capaian is None else r.angka(capaian, key_path(p, "capaian")),
        )
    rumus = r.pilihan(
        data, "rumus_negatif", path, (None, *(r.value for r in RumusNegatif)), wajib=False
    )
    atas = r.pilihan(data, "batas_atas_capaian", path, (None, *BATAS_ATAS_SAH), wajib=False)
    bawah = r.pilihan(data, "batas_bawah_capaian", path, (None, *BATAS_BAWAH_SAH), wajib=False)
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
        target_akhir=r.nilai_opsional(
            data.get("target_akhir"), key_path(path, "target_akhir"), rentang=True
        ),
        riwayat=riwayat,
        formulasi=r.teks(data, "formulasi", path),
        definisi_operasional=r.teks(data, "definisi_operasional", path),
        alasan_pemilihan=r.teks(data, "alasan_pemilihan", path),
        sumber_data=r.teks(data, "sumber_data", path),
        penanggung_jawab=r.teks(data, "penanggung_jawab", path),
        rumus_negatif=RumusNegatif(rumus) if rumus else None,
        batas_atas_capaian=None if atas is None else Decimal(atas),
        batas_bawah_capaian=None if bawah is None else Decimal(bawah),
    )


def daftar_indikator(
    r: Reader, data: dict, path: str, tingkat: str, induk: str
) -> list[t.Indikator]:
    hasil = []
    p = key_path(path, "indikator")
    for i, item in enumerate(r.daftar(data, "indikator", path)):
        ind = baca_indikator(r, item, f"{p}[{i}]", tingkat, induk)
        if ind is not None:
            hasil.append(ind)
    return hasil
