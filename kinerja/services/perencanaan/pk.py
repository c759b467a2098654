"""Writes of a Perjanjian Kinerja: a version's targets, budgets, date and place; a new
perubahan version; the draft PK murni of a new year.

Every service enforces the year lock, refuses a stale save (``common``'s
optimistic locking) and records each change in the audit trail.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit import catat_perubahan
from kinerja.engine.angka import Nilai
from kinerja.models import (
    AnggaranProgramPK,
    Indikator,
    PerangkatDaerah,
    PerjanjianKinerja,
    Program,
    TargetPK,
)
from kinerja.services.kunci import (
    pastikan_tahun_terbuka,
)
from kinerja.services.perencanaan.common import (
    PESAN_INDIKATOR_ASING,
    conflict_message,
    needs_write,
    pengubah_terakhir,
    teks_isian,
    teks_nilai,
)
from kinerja.services.perencanaan.periode import indikator_target_renstra, pastikan_renstra_tahun

PESAN_PROGRAM_ASING = "Program yang dipilih bukan milik perangkat daerah ini."
PESAN_PK_KOSONG = "Belum ada Perjanjian Kinerja tahun {tahun} yang dapat disalin."
PESAN_PK_SUDAH_BERUBAH = (
    "Versi terakhir Perjanjian Kinerja tahun {tahun} sekarang {versi} (dibuat oleh {oleh}), "
    "bukan {dari} seperti ketika halaman ini Anda buka. Periksa versi terbaru sebelum membuat "
    "perubahan baru."
)


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
    errors: dict[str, str] = {}
    ubah_target = _ubah_target_pk(target, target_ada, indikator, asal, errors)
    ubah_anggaran = _ubah_anggaran_pk(anggaran, anggaran_ada, program, asal, errors)
    info_baru = {"tanggal": tanggal.isoformat() if tanggal else "", "tempat": tempat.strip()}
    info_kini = {"tanggal": pk.tanggal.isoformat() if pk.tanggal else "", "tempat": pk.tempat}
    ubah_info = _ubah_info_pk(pk, info_baru, info_kini, asal, errors)
    if errors:
        raise ValidationError(errors)
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
    errors: dict[str, str] = {}
    for i in target:
        if i not in indikator:
            errors[kunci_target_pk(i)] = PESAN_INDIKATOR_ASING
    for p in anggaran:
        if p not in program:
            errors[kunci_anggaran_pk(p)] = PESAN_PROGRAM_ASING
    if errors:
        raise ValidationError(errors)
    return indikator, program


def _ubah_target_pk(
    target: Mapping[int, Nilai | None],
    target_ada: dict[int, TargetPK],
    indikator: dict[int, Indikator],
    asal: Mapping[str, str],
    errors: dict[str, str],
) -> list[tuple[int, Nilai | None, TargetPK | None, str]]:
    """The targets to write (id, value, row held, text held); conflicts go into ``errors``."""
    ubah = []
    for i, nilai in target.items():
        kunci = kunci_target_pk(i)
        row = target_ada.get(i)
        kini = teks_nilai(row.nilai, row.label) if row else ""
        tulis = needs_write(baru=teks_isian(nilai), asal=asal.get(kunci), kini=kini)
        if tulis is None:
            errors[kunci] = conflict_message(
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
    errors: dict[str, str],
) -> list[tuple[int, Decimal | None, AnggaranProgramPK | None, str]]:
    """The program budgets to write (id, Rp, row held, text held); conflicts go into ``errors``."""
    ubah = []
    for p, jumlah in anggaran.items():
        kunci = kunci_anggaran_pk(p)
        row = anggaran_ada.get(p)
        kini = teks_isian(row.jumlah) if row else ""
        tulis = needs_write(baru=teks_isian(jumlah), asal=asal.get(kunci), kini=kini)
        if tulis is None:
            errors[kunci] = conflict_message(
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
    errors: dict[str, str],
) -> list[str]:
    """The signing date and place fields to write; conflicts go into ``errors``."""
    label_info = {"tanggal": "Tanggal penandatanganan", "tempat": "Tempat penandatanganan"}
    ubah = []
    for kunci, baru in info_baru.items():
        tulis = needs_write(baru=baru, asal=asal.get(kunci), kini=info_kini[kunci])
        if tulis is None:
            errors[kunci] = conflict_message(
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
            **TargetPK.kolom(nilai),
        )
        row.full_clean()
        row.save()
    else:
        kolom = TargetPK.kolom(nilai)
        for nama, isi in kolom.items():
            setattr(row, nama, isi)
        row.full_clean()
        row.save(update_fields=list(kolom))
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
        TargetPK(
            perjanjian_kinerja=baru,
            indikator_id=t.indikator_id,
            **TargetPK.kolom(t.sebagai_nilai()),
        )
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
        TargetPK(perjanjian_kinerja=pk, indikator=ind, **TargetPK.kolom(t.sebagai_nilai()))
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
