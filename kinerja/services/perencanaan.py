"""Writes of the planning screens: indicators, Renstra targets, Perjanjian Kinerja, Rencana Aksi.

Every service here enforces the year lock (and the quarter lock for Rencana
Aksi), refuses a stale save (optimistic locking) and records each change in
the audit trail.

Optimistic locking compares three texts per value: what the form was loaded
with (``asal``), what the user sent, and what is stored now. A value the user
did not touch is left alone; a value the user changed is refused when the
stored one changed in the meantime, naming who changed it and when.
Values are compared in their canonical display text (``teks_nilai``), so
"96", "96,0" and "96,00" are the same value and "63,25 (B-)" keeps its grade.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit import catat_perubahan, format_waktu, nama_pengguna
from kinerja.engine.angka import Nilai
from kinerja.engine.realisasi import Rasio, TipePenghitungan
from kinerja.engine.usulan import usulan_target_triwulan
from kinerja.models import (
    AnggaranProgramPK,
    Indikator,
    LogPerubahan,
    PerangkatDaerah,
    PerjanjianKinerja,
    Program,
    RencanaAksi,
    Renstra,
    TargetPK,
    TargetTahunan,
)
from kinerja.services.kunci import (
    pastikan_tahun_terbuka,
    pastikan_triwulan_terbuka,
    tahun_terkunci,
)
from kinerja.services.renstra import pastikan_revisi, revisi_terbuka
from lib.format import format_angka_alami

PESAN_KONFLIK = (
    "{apa} telah diubah oleh {oleh} setelah halaman ini Anda buka; nilai tersimpan sekarang "
    "{kini}. Isian Anda belum disimpan: periksa nilai itu, lalu simpan lagi bila tetap ingin "
    "menggantinya."
)
PESAN_INDIKATOR_TERKUNCI = (
    "{apa} tidak dapat diubah karena indikator ini dipakai dalam LKjIP tahun {tahun} yang "
    "sudah ditetapkan."
)
PESAN_TAHUN_DI_LUAR_RENSTRA = "Tahun {tahun} berada di luar periode Renstra {mulai}–{selesai}."
PESAN_INDIKATOR_ASING = "Indikator yang dipilih bukan milik perangkat daerah ini."
PESAN_PROGRAM_ASING = "Program yang dipilih bukan milik perangkat daerah ini."
PESAN_PK_KOSONG = "Belum ada Perjanjian Kinerja tahun {tahun} yang dapat disalin."
PESAN_PK_SUDAH_BERUBAH = (
    "Versi terakhir Perjanjian Kinerja tahun {tahun} sekarang {versi} (dibuat oleh {oleh}), "
    "bukan {dari} seperti ketika halaman ini Anda buka. Periksa versi terbaru sebelum membuat "
    "perubahan baru."
)
PESAN_RASIO_WAJIB = "Indikator bertipe rasio memerlukan pembilang/penyebut, misalnya 40/45."
PESAN_BUKAN_RASIO = "Indikator ini bukan bertipe rasio; tuliskan satu nilai saja."

TRIWULAN_ROMAWI = ("I", "II", "III", "IV")

# Indicator fields an operator may change, with their Indonesian names (for messages).
LABEL_INDIKATOR: dict[str, str] = {
    "nama": "Nama indikator",
    "satuan": "Satuan",
    "polaritas": "Polaritas",
    "tipe_penghitungan": "Tipe penghitungan",
    "iku": "Status IKU",
    "formulasi": "Formulasi",
    "definisi_operasional": "Definisi operasional",
    "alasan_pemilihan": "Alasan pemilihan",
    "sumber_data": "Sumber data",
    "penanggung_jawab": "Penanggung jawab",
    "rumus_negatif": "Rumus polaritas negatif khusus",
    "batas_atas_capaian": "Batas atas capaian khusus",
    "batas_bawah_capaian": "Batas bawah capaian khusus",
    "target_akhir": "Target akhir Renstra",
}
# Fields that change how capaian is computed: frozen once a year using them is signed off.
KOLOM_PERHITUNGAN = (
    "polaritas",
    "tipe_penghitungan",
    "rumus_negatif",
    "batas_atas_capaian",
    "batas_bawah_capaian",
    "target_akhir",
)


# --------------------------------------------------------------------------- canonical texts


def teks_nilai(angka: Decimal | None, label: str | None = "") -> str:
    """The display text of a stored value: its label, else the number ("96", "73,75"); "" if none."""
    if angka is None:
        return ""
    return label or format_angka_alami(angka)


def teks_isian(nilai: Nilai | Rasio | Decimal | None) -> str:
    """The display text of a typed value (see :func:`teks_nilai`)."""
    if nilai is None:
        return ""
    if isinstance(nilai, Rasio):
        return f"{format_angka_alami(nilai.pembilang)}/{format_angka_alami(nilai.penyebut)}"
    if isinstance(nilai, Nilai):
        return teks_nilai(nilai.angka, nilai.label)
    return format_angka_alami(nilai)


def teks_triwulan(row: RencanaAksi | None) -> str:
    if row is None:
        return ""
    if row.pembilang is not None and row.penyebut is not None:
        return teks_isian(Rasio(row.pembilang, row.penyebut))
    return teks_nilai(row.nilai, row.label)


def pengubah_terakhir(*, objek_tipe: str, objek_id: int | None, aksi: str = "") -> str:
    """ "operator_a pada 14 April 2025 pukul 10.15" from the audit trail; "pengguna lain" if unknown."""
    if objek_id is None:
        return "pengguna lain"
    log = LogPerubahan.objects.filter(objek_tipe=objek_tipe, objek_id=objek_id)
    if aksi:
        log = log.filter(aksi=aksi)
    terakhir = log.select_related("pengguna").first()
    if terakhir is None:
        return "pengguna lain"
    return f"{nama_pengguna(terakhir.pengguna)} pada {format_waktu(terakhir.waktu)}"


def _kutip(teks: str) -> str:
    return f'"{teks}"' if teks else "kosong"


def _konflik(apa: str, kini: str, objek: Any, objek_tipe: str) -> str:
    oleh = pengubah_terakhir(objek_tipe=objek_tipe, objek_id=getattr(objek, "pk", None))
    return PESAN_KONFLIK.format(apa=apa, oleh=oleh, kini=_kutip(kini))


def _perlu_ditulis(*, baru: str, asal: str | None, kini: str) -> bool | None:
    """True: write; False: nothing to do; None: conflict (changed by someone else meanwhile)."""
    if asal is None:
        asal = kini  # a value the form did not show cannot be stale
    if baru == asal or baru == kini:
        return False
    if kini != asal:
        return None
    return True


# --------------------------------------------------------------------------- indikator


def kanon_indikator(ind: Indikator) -> dict[str, str]:
    """The operator-editable fields of an indicator as canonical texts."""
    hasil: dict[str, str] = {}
    for nama in LABEL_INDIKATOR:
        if nama == "target_akhir":
            hasil[nama] = teks_nilai(ind.target_akhir, ind.target_akhir_label)
        else:
            hasil[nama] = _kanon_kolom(nama, getattr(ind, nama))
    return hasil


def _kanon_kolom(nama: str, nilai: Any) -> str:
    if nama == "target_akhir":
        return teks_isian(nilai)
    if isinstance(nilai, bool):
        return "ya" if nilai else "tidak"
    if nilai is None:
        return ""
    return str(nilai).replace("\r\n", "\n").strip()


@transaction.atomic
def indikator_ubah(
    *,
    indikator: Indikator,
    pengguna,
    data: Mapping[str, Any],
    asal: Mapping[str, str],
) -> list[str]:
    """Change an indicator's metadata and end target; return the names of the changed fields.

    ``data`` maps field names of ``LABEL_INDIKATOR`` to new values (str, bool,
    int or None; ``target_akhir`` a ``Nilai`` or None); ``asal`` the canonical
    texts the form was loaded with.
    """
    ind = (
        Indikator.objects.select_for_update(of=("self",))
        .select_related("renstra__perangkat_daerah")
        .get(pk=indikator.pk)
    )
    kini = kanon_indikator(ind)
    berubah: list[str] = []
    konflik: dict[str, str] = {}
    for nama, nilai in data.items():
        if nama not in LABEL_INDIKATOR:
            raise ValueError(f"kolom indikator tidak dikenal: {nama}")
        tulis = _perlu_ditulis(baru=_kanon_kolom(nama, nilai), asal=asal.get(nama), kini=kini[nama])
        if tulis is None:
            konflik[nama] = _konflik(LABEL_INDIKATOR[nama], kini[nama], ind, "kinerja.indikator")
        elif tulis:
            berubah.append(nama)
    if konflik:
        raise ValidationError(konflik)
    if not berubah:
        return []

    pd = ind.renstra.perangkat_daerah
    _pastikan_perhitungan_terbuka(ind, pd, berubah)

    # A target of a Renstra in use changes only within a revision; any other change is
    # still recorded with the revision open at the time.
    if "target_akhir" in berubah:
        revisi = pastikan_revisi(ind.renstra)
    else:
        revisi = revisi_terbuka(ind.renstra)

    lama = {n: kini[n] or None for n in berubah}
    for nama in berubah:
        _isi_kolom_indikator(ind, nama, data[nama])
    ind.full_clean()
    kolom = [n for n in berubah if n != "target_akhir"]
    if "target_akhir" in berubah:
        kolom += ["target_akhir", "target_akhir_label"]
    ind.save(update_fields=kolom)
    sesudah = kanon_indikator(ind)
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="indikator.ubah",
        objek=ind,
        uraian=f"Indikator {ind.kode} {ind.nama}",
        lama=lama,
        baru={n: sesudah[n] or None for n in berubah},
        data={"revisi_renstra": revisi.nomor} if revisi else None,
    )
    return berubah


def _pastikan_perhitungan_terbuka(ind: Indikator, pd: PerangkatDaerah, berubah: list[str]) -> None:
    """Refuse a change of a field the computation uses while a year of the Renstra is locked."""
    dihitung = [n for n in berubah if n in KOLOM_PERHITUNGAN]
    if dihitung:
        for tahun in range(ind.renstra.mulai, ind.renstra.selesai + 1):
            if tahun_terkunci(pd, tahun):
                apa = ", ".join(LABEL_INDIKATOR[n] for n in dihitung)
                raise ValidationError(
                    {n: PESAN_INDIKATOR_TERKUNCI.format(apa=apa, tahun=tahun) for n in dihitung}
                )


def _isi_kolom_indikator(ind: Indikator, nama: str, nilai: Any) -> None:
    if nama == "target_akhir":
        ind.target_akhir = nilai.angka if nilai else None
        ind.target_akhir_label = (nilai.label or "") if nilai else ""
    elif isinstance(nilai, str):
        setattr(ind, nama, nilai.replace("\r\n", "\n").strip())
    elif nilai is None and nama in ("rumus_negatif",):
        setattr(ind, nama, "")
    else:
        setattr(ind, nama, nilai)


@transaction.atomic
def target_tahunan_simpan(
    *,
    indikator: Indikator,
    pengguna,
    target: Mapping[int, Nilai | None],
    asal: Mapping[int, str],
) -> list[int]:
    """Set (or clear, with None) the Renstra target of each year; return the changed years.

    Errors are keyed by the year (as text), for the form to show them next to it.
    """
    ind = Indikator.objects.select_related("renstra__perangkat_daerah").get(pk=indikator.pk)
    renstra = ind.renstra
    pd = renstra.perangkat_daerah
    ada = {
        row.tahun: row
        for row in TargetTahunan.objects.select_for_update(of=("self",)).filter(indikator=ind)
    }
    ubah: list[tuple[int, Nilai | None, TargetTahunan | None]] = []
    galat: dict[str, str] = {}
    for tahun, nilai in sorted(target.items()):
        if not renstra.mulai <= tahun <= renstra.selesai:
            galat[str(tahun)] = PESAN_TAHUN_DI_LUAR_RENSTRA.format(
                tahun=tahun, mulai=renstra.mulai, selesai=renstra.selesai
            )
            continue
        row = ada.get(tahun)
        kini = teks_nilai(row.nilai, row.label) if row else ""
        tulis = _perlu_ditulis(baru=teks_isian(nilai), asal=asal.get(tahun), kini=kini)
        if tulis is None:
            galat[str(tahun)] = _konflik(f"Target {tahun}", kini, row, "kinerja.targettahunan")
        elif tulis:
            ubah.append((tahun, nilai, row))
    if galat:
        raise ValidationError(galat)
    for tahun, _, _ in ubah:
        try:
            pastikan_tahun_terbuka(pd, tahun)
        except ValidationError as e:
            raise ValidationError({str(tahun): e.messages}) from None
    revisi = pastikan_revisi(renstra) if ubah else None

    for tahun, nilai, row in ubah:
        lama = teks_nilai(row.nilai, row.label) if row else ""
        if nilai is None:
            assert row is not None
            objek_id = row.pk
            row.delete()
            row.pk = objek_id  # so the audit entry still names the row
        elif row is None:
            row = TargetTahunan(
                indikator=ind, tahun=tahun, nilai=nilai.angka, label=nilai.label or ""
            )
            row.full_clean()
            row.save()
        else:
            row.nilai, row.label = nilai.angka, nilai.label or ""
            row.full_clean()
            row.save(update_fields=["nilai", "label"])
        catat_perubahan(
            pengguna=pengguna,
            perangkat_daerah=pd,
            aksi="target_tahunan.ubah",
            objek=row,
            uraian=f"Target {tahun} indikator {ind.kode}",
            tahun=tahun,
            lama=lama or None,
            baru=teks_isian(nilai) or None,
            data={"indikator_id": ind.pk} | ({"revisi_renstra": revisi.nomor} if revisi else {}),
        )
    return [tahun for tahun, _, _ in ubah]


# --------------------------------------------------------------------------- perjanjian kinerja


def kunci_target_pk(indikator_id: int) -> str:
    return f"target-{indikator_id}"


def kunci_anggaran_pk(program_id: int) -> str:
    return f"anggaran-{program_id}"


def kanon_perjanjian_kinerja(pk: PerjanjianKinerja) -> dict[str, str]:
    """Every editable value of a PK version as canonical text, keyed like the form."""
    hasil = {
        "tanggal": pk.tanggal.isoformat() if pk.tanggal else "",
        "tempat": pk.tempat,
    }
    for t in pk.target.all():
        hasil[kunci_target_pk(t.indikator_id)] = teks_nilai(t.nilai, t.label)
    for a in pk.anggaran_program.all():
        hasil[kunci_anggaran_pk(a.program_id)] = teks_isian(a.jumlah)
    return hasil


@transaction.atomic
def perjanjian_kinerja_ubah(
    *,
    pk: PerjanjianKinerja,
    pengguna,
    target: Mapping[int, Nilai | None],
    anggaran: Mapping[int, Decimal | None],
    tanggal: datetime.date | None,
    tempat: str,
    asal: Mapping[str, str],
) -> int:
    """Change the targets (indikator id → value), program budgets (program id → Rp), date and
    place of a PK version; None clears a target or budget. Returns the number of changes.

    Errors are keyed like :func:`kanon_perjanjian_kinerja` ("target-<id>", "anggaran-<id>",
    "tanggal", "tempat").
    """
    pk = (
        PerjanjianKinerja.objects.select_for_update(of=("self",))
        .select_related("perangkat_daerah")
        .get(pk=pk.pk)
    )
    pd = pk.perangkat_daerah
    indikator, program = _rujukan_pk(pd, target, anggaran)
    target_ada = {t.indikator_id: t for t in TargetPK.objects.filter(perjanjian_kinerja=pk)}
    anggaran_ada = {
        a.program_id: a for a in AnggaranProgramPK.objects.filter(perjanjian_kinerja=pk)
    }
    galat: dict[str, str] = {}
    ubah_target = _ubah_target_pk(target, target_ada, indikator, asal, galat)
    ubah_anggaran = _ubah_anggaran_pk(anggaran, anggaran_ada, program, asal, galat)
    info_baru = {"tanggal": tanggal.isoformat() if tanggal else "", "tempat": tempat.strip()}
    info_kini = {"tanggal": pk.tanggal.isoformat() if pk.tanggal else "", "tempat": pk.tempat}
    ubah_info = _ubah_info_pk(pk, info_baru, info_kini, asal, galat)
    if galat:
        raise ValidationError(galat)
    jumlah_ubah = len(ubah_target) + len(ubah_anggaran) + len(ubah_info)
    if not jumlah_ubah:
        return 0
    pastikan_tahun_terbuka(pd, pk.tahun)

    nama_pk = f"PK {pk.versi} {pk.tahun}"
    for i, nilai, row, lama in ubah_target:
        row = _tulis_target_pk(pk, indikator[i], nilai, row)
        catat_perubahan(
            pengguna=pengguna,
            perangkat_daerah=pd,
            aksi="target_pk.ubah",
            objek=row,
            uraian=f"Target {nama_pk} indikator {indikator[i].kode}",
            tahun=pk.tahun,
            lama=lama or None,
            baru=teks_isian(nilai) or None,
            data={"indikator_id": i, "perjanjian_kinerja_id": pk.pk},
        )
    for p, jumlah, row, lama in ubah_anggaran:
        row = _tulis_anggaran_pk(pk, program[p], jumlah, row)
        catat_perubahan(
            pengguna=pengguna,
            perangkat_daerah=pd,
            aksi="anggaran_pk.ubah",
            objek=row,
            uraian=f"Anggaran {nama_pk} program {program[p].kode}",
            tahun=pk.tahun,
            lama=lama or None,
            baru=teks_isian(jumlah) or None,
            data={"program_id": p, "perjanjian_kinerja_id": pk.pk},
        )
    if ubah_info:
        pk.tanggal = tanggal
        pk.tempat = tempat.strip()
        pk.full_clean()
        pk.save(update_fields=ubah_info)
        catat_perubahan(
            pengguna=pengguna,
            perangkat_daerah=pd,
            aksi="perjanjian_kinerja.ubah",
            objek=pk,
            uraian=nama_pk,
            tahun=pk.tahun,
            lama={k: info_kini[k] or None for k in ubah_info},
            baru={k: info_baru[k] or None for k in ubah_info},
        )
    return jumlah_ubah


def _rujukan_pk(
    pd: PerangkatDaerah, target: Mapping[int, Any], anggaran: Mapping[int, Any]
) -> tuple[dict[int, Indikator], dict[int, Program]]:
    """The indicators and programs a PK change names; refused when one is not ``pd``'s."""
    indikator = {
        i.pk: i for i in Indikator.objects.filter(pk__in=list(target), renstra__perangkat_daerah=pd)
    }
    program = {
        p.pk: p for p in Program.objects.filter(pk__in=list(anggaran), renstra__perangkat_daerah=pd)
    }
    galat: dict[str, str] = {}
    for i in target:
        if i not in indikator:
            galat[kunci_target_pk(i)] = PESAN_INDIKATOR_ASING
    for p in anggaran:
        if p not in program:
            galat[kunci_anggaran_pk(p)] = PESAN_PROGRAM_ASING
    if galat:
        raise ValidationError(galat)
    return indikator, program


def _ubah_target_pk(
    target: Mapping[int, Nilai | None],
    target_ada: dict[int, TargetPK],
    indikator: dict[int, Indikator],
    asal: Mapping[str, str],
    galat: dict[str, str],
) -> list[tuple[int, Nilai | None, TargetPK | None, str]]:
    """The targets to write (id, value, row held, text held); conflicts go into ``galat``."""
    ubah = []
    for i, nilai in target.items():
        kunci = kunci_target_pk(i)
        row = target_ada.get(i)
        kini = teks_nilai(row.nilai, row.label) if row else ""
        tulis = _perlu_ditulis(baru=teks_isian(nilai), asal=asal.get(kunci), kini=kini)
        if tulis is None:
            galat[kunci] = _konflik(
                f"Target indikator {indikator[i].kode}", kini, row, "kinerja.targetpk"
            )
        elif tulis:
            ubah.append((i, nilai, row, kini))
    return ubah


def _ubah_anggaran_pk(
    anggaran: Mapping[int, Decimal | None],
    anggaran_ada: dict[int, AnggaranProgramPK],
    program: dict[int, Program],
    asal: Mapping[str, str],
    galat: dict[str, str],
) -> list[tuple[int, Decimal | None, AnggaranProgramPK | None, str]]:
    """The program budgets to write (id, Rp, row held, text held); conflicts go into ``galat``."""
    ubah = []
    for p, jumlah in anggaran.items():
        kunci = kunci_anggaran_pk(p)
        row = anggaran_ada.get(p)
        kini = teks_isian(row.jumlah) if row else ""
        tulis = _perlu_ditulis(baru=teks_isian(jumlah), asal=asal.get(kunci), kini=kini)
        if tulis is None:
            galat[kunci] = _konflik(
                f"Anggaran program {program[p].kode}", kini, row, "kinerja.anggaranprogrampk"
            )
        elif tulis:
            ubah.append((p, jumlah, row, kini))
    return ubah


def _ubah_info_pk(
    pk: PerjanjianKinerja,
    info_baru: dict[str, str],
    info_kini: dict[str, str],
    asal: Mapping[str, str],
    galat: dict[str, str],
) -> list[str]:
    """The signing date and place fields to write; conflicts go into ``galat``."""
    label_info = {"tanggal": "Tanggal penandatanganan", "tempat": "Tempat penandatanganan"}
    ubah = []
    for kunci, baru in info_baru.items():
        tulis = _perlu_ditulis(baru=baru, asal=asal.get(kunci), kini=info_kini[kunci])
        if tulis is None:
            galat[kunci] = _konflik(
                label_info[kunci], info_kini[kunci], pk, "kinerja.perjanjiankinerja"
            )
        elif tulis:
            ubah.append(kunci)
    return ubah


def _tulis_target_pk(
    pk: PerjanjianKinerja, indikator: Indikator, nilai: Nilai | None, row: TargetPK | None
) -> TargetPK:
    """Write (or, for None, delete) one PK target; the row, for the audit trail."""
    if nilai is None:
        assert row is not None
        objek_id = row.pk
        row.delete()
        row.pk = objek_id
    elif row is None:
        row = TargetPK(
            perjanjian_kinerja=pk,
            indikator=indikator,
            nilai=nilai.angka,
            label=nilai.label or "",
        )
        row.full_clean()
        row.save()
    else:
        row.nilai, row.label = nilai.angka, nilai.label or ""
        row.full_clean()
        row.save(update_fields=["nilai", "label"])
    return row


def _tulis_anggaran_pk(
    pk: PerjanjianKinerja, program: Program, jumlah: Decimal | None, row: AnggaranProgramPK | None
) -> AnggaranProgramPK:
    """Write (or, for None, delete) one PK program budget; the row, for the audit trail."""
    if jumlah is None:
        assert row is not None
        objek_id = row.pk
        row.delete()
        row.pk = objek_id
    elif row is None:
        row = AnggaranProgramPK(perjanjian_kinerja=pk, program=program, jumlah=jumlah)
        row.full_clean()
        row.save()
    else:
        row.jumlah = jumlah
        row.full_clean()
        row.save(update_fields=["jumlah"])
    return row


def versi_berikutnya(urutan: int) -> str:
    """The name of the version after ``urutan``: murni (0) → perubahan → perubahan-2 → …"""
    return "perubahan" if urutan + 1 == 1 else f"perubahan-{urutan + 1}"


@transaction.atomic
def perjanjian_kinerja_buat_perubahan(
    *, perangkat_daerah: PerangkatDaerah, tahun: int, pengguna, dari_versi: str
) -> PerjanjianKinerja:
    """A new perubahan version of the year's PK, copied from the latest version.

    ``dari_versi`` is the latest version the user saw: if someone created another
    version in the meantime the copy is refused.
    """
    pd = perangkat_daerah
    daftar = list(
        PerjanjianKinerja.objects.select_for_update(of=("self",))
        .filter(perangkat_daerah=pd, tahun=tahun)
        .order_by("-urutan_versi")
    )
    if not daftar:
        raise ValidationError(PESAN_PK_KOSONG.format(tahun=tahun))
    terakhir = daftar[0]
    if terakhir.versi != dari_versi:
        raise ValidationError(
            PESAN_PK_SUDAH_BERUBAH.format(
                tahun=tahun,
                versi=terakhir.versi,
                dari=dari_versi or "(tidak ada)",
                oleh=pengubah_terakhir(
                    objek_tipe="kinerja.perjanjiankinerja",
                    objek_id=terakhir.pk,
                    aksi="perjanjian_kinerja.buat_perubahan",
                ),
            )
        )
    pastikan_tahun_terbuka(pd, tahun)
    baru = PerjanjianKinerja(
        perangkat_daerah=pd,
        tahun=tahun,
        versi=versi_berikutnya(terakhir.urutan_versi),
        urutan_versi=terakhir.urutan_versi + 1,
        tanggal=None,
        tempat=terakhir.tempat,
        sumber_dana=terakhir.sumber_dana,
        pihak_pertama=terakhir.pihak_pertama,
        pihak_kedua=terakhir.pihak_kedua,
    )
    baru.full_clean()
    baru.save()
    TargetPK.objects.bulk_create(
        TargetPK(perjanjian_kinerja=baru, indikator_id=t.indikator_id, nilai=t.nilai, label=t.label)
        for t in TargetPK.objects.filter(perjanjian_kinerja=terakhir)
    )
    AnggaranProgramPK.objects.bulk_create(
        AnggaranProgramPK(perjanjian_kinerja=baru, program_id=a.program_id, jumlah=a.jumlah)
        for a in AnggaranProgramPK.objects.filter(perjanjian_kinerja=terakhir)
    )
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="perjanjian_kinerja.buat_perubahan",
        objek=baru,
        uraian=f"PK {baru.versi} {tahun} (salinan dari {terakhir.versi})",
        tahun=tahun,
        data={"dari": terakhir.versi, "versi": baru.versi},
    )
    return baru


# --------------------------------------------------------------------------- rencana aksi


def kunci_rencana_aksi(indikator_id: int, triwulan: int) -> str:
    return f"ra-{indikator_id}-{triwulan}"


@transaction.atomic
def rencana_aksi_simpan(
    *,
    perangkat_daerah: PerangkatDaerah,
    tahun: int,
    pengguna,
    nilai: Mapping[tuple[int, int], Nilai | Rasio | None],
    asal: Mapping[str, str],
) -> int:
    """Set (or clear, with None) the quarterly targets (indikator id, triwulan) → value.

    A ratio indicator takes a ``Rasio``, every other a ``Nilai``. Errors are keyed
    "ra-<indikator id>-<triwulan>". Returns the number of changed cells.
    """
    pd = perangkat_daerah
    ids = {i for i, _ in nilai}
    indikator = {
        i.pk: i for i in Indikator.objects.filter(pk__in=ids, renstra__perangkat_daerah=pd)
    }
    ada = {
        (r.indikator_id, r.triwulan): r
        for r in RencanaAksi.objects.select_for_update(of=("self",)).filter(
            indikator__in=ids, tahun=tahun
        )
    }
    galat: dict[str, str] = {}
    ubah: list[tuple[int, int, Nilai | Rasio | None, RencanaAksi | None, str]] = []
    for (i, tw), v in sorted(nilai.items()):
        kunci = kunci_rencana_aksi(i, tw)
        ind = indikator.get(i)
        if ind is None:
            galat[kunci] = PESAN_INDIKATOR_ASING
            continue
        if tw not in (1, 2, 3, 4):
            raise ValueError(f"triwulan {tw} tidak sah")
        rasio = ind.tipe_penghitungan == TipePenghitungan.RASIO.value
        if v is not None and rasio != isinstance(v, Rasio):
            galat[kunci] = PESAN_RASIO_WAJIB if rasio else PESAN_BUKAN_RASIO
            continue
        row = ada.get((i, tw))
        kini = teks_triwulan(row)
        tulis = _perlu_ditulis(baru=teks_isian(v), asal=asal.get(kunci), kini=kini)
        if tulis is None:
            galat[kunci] = _konflik(
                f"Target TW {TRIWULAN_ROMAWI[tw - 1]} indikator {ind.kode}",
                kini,
                row,
                "kinerja.rencanaaksi",
            )
        elif tulis:
            ubah.append((i, tw, v, row, kini))
    if galat:
        raise ValidationError(galat)
    if not ubah:
        return 0
    pastikan_tahun_terbuka(pd, tahun)
    for tw in sorted({tw for _, tw, _, _, _ in ubah}):
        try:
            pastikan_triwulan_terbuka(pd, tahun, tw)
        except ValidationError as e:
            raise ValidationError(
                {kunci_rencana_aksi(i, q): e.messages for i, q, _, _, _ in ubah if q == tw}
            ) from None

    for i, tw, v, row, lama in ubah:
        ind = indikator[i]
        if v is None:
            assert row is not None
            objek_id = row.pk
            row.delete()
            row.pk = objek_id
        else:
            if row is None:
                row = RencanaAksi(indikator=ind, tahun=tahun, triwulan=tw)
            if isinstance(v, Rasio):
                row.pembilang, row.penyebut = v.pembilang, v.penyebut
                row.nilai, row.label = None, ""
            else:
                row.nilai, row.label = v.angka, v.label or ""
                row.pembilang = row.penyebut = None
            row.full_clean()
            row.save()
        catat_perubahan(
            pengguna=pengguna,
            perangkat_daerah=pd,
            aksi="rencana_aksi.ubah",
            objek=row,
            uraian=f"Target TW {TRIWULAN_ROMAWI[tw - 1]} {tahun} indikator {ind.kode}",
            tahun=tahun,
            lama=lama or None,
            baru=teks_isian(v) or None,
            data={"indikator_id": i, "triwulan": tw},
        )
    return len(ubah)


# --------------------------------------------------------------------------- opening a year

PESAN_TAHUN_TANPA_RENSTRA = (
    "Tahun {tahun} berada di luar periode Renstra {pd}{periode}. Susun Renstra baru yang "
    "mencakup tahun {tahun} terlebih dahulu."
)


def renstra_tahun(pd: PerangkatDaerah, tahun: int) -> Renstra | None:
    """The Renstra of the perangkat daerah whose period covers ``tahun`` (the latest if several)."""
    return (
        Renstra.objects.filter(perangkat_daerah=pd, mulai__lte=tahun, selesai__gte=tahun)
        .order_by("-mulai")
        .first()
    )


def tahun_terjangkau(pd: PerangkatDaerah, tahun: int) -> bool:
    """Whether the pages of ``tahun`` answer (rather than 404) for a year not opened yet:
    every year of a Renstra period of the perangkat daerah, and the year after the latest
    period (where opening is refused with the offer of a new Renstra)."""
    periode = list(Renstra.objects.filter(perangkat_daerah=pd).values_list("mulai", "selesai"))
    return dalam_jangkauan(tahun, periode)


def dalam_jangkauan(tahun: int, periode: list[tuple[int, int]]) -> bool:
    """:func:`tahun_terjangkau` over the (mulai, selesai) of the Renstra periods."""
    if any(mulai <= tahun <= selesai for mulai, selesai in periode):
        return True
    return bool(periode) and tahun == max(selesai for _, selesai in periode) + 1


def pastikan_renstra_tahun(pd: PerangkatDaerah, tahun: int) -> Renstra:
    """The Renstra covering ``tahun``; a ValidationError naming the periods there are otherwise."""
    renstra = renstra_tahun(pd, tahun)
    if renstra is None:
        daftar = ", ".join(
            f"{r.mulai}–{r.selesai}"
            for r in Renstra.objects.filter(perangkat_daerah=pd).order_by("mulai")
        )
        raise ValidationError(
            PESAN_TAHUN_TANPA_RENSTRA.format(
                tahun=tahun, pd=pd.nama, periode=f" ({daftar})" if daftar else ""
            )
        )
    return renstra


def indikator_target_renstra(renstra: Renstra, tahun: int) -> list[tuple[Indikator, TargetTahunan]]:
    """The indicators a PK holds (tujuan, sasaran and program level) with their Renstra target
    for ``tahun``, in the Renstra's order; indicators without a target that year are left out."""
    target = {
        t.indikator_id: t
        for t in TargetTahunan.objects.filter(indikator__renstra=renstra, tahun=tahun)
    }
    return [
        (ind, target[ind.pk])
        for ind in Indikator.objects.filter(
            renstra=renstra, kegiatan=None, sub_kegiatan=None
        ).order_by("urutan", "kode")
        if ind.pk in target
    ]


@transaction.atomic
def perjanjian_kinerja_draf_buat(
    *, perangkat_daerah: PerangkatDaerah, tahun: int, pengguna
) -> PerjanjianKinerja | None:
    """The draft PK murni of a new year: every tujuan, sasaran and program indicator of the
    Renstra that has a target for ``tahun``, with that target (value and label).

    Place and source of funds are carried over from the previous year's latest PK; the date
    and the program budgets are left for the user. Returns None, changing nothing, when the
    year already has a PK (any version).
    """
    pd = perangkat_daerah
    renstra = pastikan_renstra_tahun(pd, tahun)
    if PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun).exists():
        return None
    pastikan_tahun_terbuka(pd, tahun)
    lalu = (
        PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun - 1)
        .order_by("-urutan_versi")
        .first()
    )
    pk = PerjanjianKinerja(
        perangkat_daerah=pd,
        tahun=tahun,
        versi="murni",
        urutan_versi=0,
        tempat=lalu.tempat if lalu else "",
        sumber_dana=lalu.sumber_dana if lalu else "",
    )
    pk.full_clean()
    pk.save()
    daftar = indikator_target_renstra(renstra, tahun)
    TargetPK.objects.bulk_create(
        TargetPK(perjanjian_kinerja=pk, indikator=ind, nilai=t.nilai, label=t.label)
        for ind, t in daftar
    )
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="perjanjian_kinerja.buat_draf",
        objek=pk,
        uraian=f"PK murni {tahun} (draf dari target Renstra {renstra.mulai}–{renstra.selesai})",
        tahun=tahun,
        data={
            "versi": pk.versi,
            "target": {ind.kode: teks_nilai(t.nilai, t.label) for ind, t in daftar},
        },
    )
    return pk


@transaction.atomic
def rencana_aksi_usulan_buat(*, perangkat_daerah: PerangkatDaerah, tahun: int, pengguna) -> int:
    """Proposed quarterly targets for every indicator of the year's latest PK that has no
    Rencana Aksi row in ``tahun`` yet (``kinerja.engine.usulan``); returns how many
    indicators got a proposal. Rows of an indicator already planned are left alone.
    """
    pd = perangkat_daerah
    pk = (
        PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun)
        .order_by("-urutan_versi")
        .first()
    )
    if pk is None:
        return 0
    target = list(
        TargetPK.objects.filter(perjanjian_kinerja=pk)
        .select_related("indikator")
        .order_by("indikator__urutan", "indikator__kode")
    )
    sudah = set(
        RencanaAksi.objects.filter(
            indikator__in=[t.indikator_id for t in target], tahun=tahun
        ).values_list("indikator_id", flat=True)
    )
    baru: list[RencanaAksi] = []
    usulan_teks: dict[str, list[str]] = {}
    for t in target:
        if t.indikator_id in sudah:
            continue
        usulan = usulan_target_triwulan(
            Nilai(t.nilai, t.label or None), t.indikator.tipe_penghitungan
        )
        for tw, v in enumerate(usulan, start=1):
            if v is None:
                continue
            row = RencanaAksi(indikator=t.indikator, tahun=tahun, triwulan=tw)
            if isinstance(v, Rasio):
                row.pembilang, row.penyebut = v.pembilang, v.penyebut
            else:
                row.nilai, row.label = v.angka, v.label or ""
            baru.append(row)
        usulan_teks[t.indikator.kode] = [teks_isian(v) for v in usulan]
    if not baru:
        return 0
    for tw in sorted({r.triwulan for r in baru}):
        pastikan_triwulan_terbuka(pd, tahun, tw)
    RencanaAksi.objects.bulk_create(baru)
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="rencana_aksi.usulan",
        uraian=f"Usulan target triwulan Rencana Aksi {tahun} ({len(usulan_teks)} indikator)",
        tahun=tahun,
        data={"usulan": usulan_teks},
    )
    return len(usulan_teks)
