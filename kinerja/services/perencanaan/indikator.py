"""Writes of an indicator: its metadata and end target, and its Renstra target per year.

Both enforce the year lock, refuse a stale save (``common``'s optimistic
locking) and record each change in the audit trail.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit import catat_perubahan
from kinerja.engine.angka import Nilai
from kinerja.models import (
    Indikator,
    PerangkatDaerah,
    Renstra,
    TargetTahunan,
)
from kinerja.services.kunci import (
    pastikan_tahun_terbuka,
    tahun_terkunci,
)
from kinerja.services.perencanaan.common import (
    conflict_message,
    needs_write,
    teks_isian,
    teks_nilai,
)
from kinerja.services.renstra import pastikan_revisi, revisi_terbuka

PESAN_INDIKATOR_TERKUNCI = (
    "{apa} tidak dapat diubah karena indikator ini dipakai dalam LKjIP tahun {tahun} yang "
    "sudah ditetapkan."
)
PESAN_TAHUN_DI_LUAR_RENSTRA = "Tahun {tahun} berada di luar periode Renstra {mulai}–{selesai}."

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
    pd = ind.renstra.perangkat_daerah
    berubah = _periksa_ubah(ind, pd, data, asal, tahun_terkunci)
    if not berubah:
        return []

    # A target of a Renstra in use changes only within a revision; any other change is
    # still recorded with the revision open at the time.
    if "target_akhir" in berubah:
        revisi = pastikan_revisi(ind.renstra)
    else:
        revisi = revisi_terbuka(ind.renstra)
    entri = _terapkan_ubah(ind, pd, data, berubah, revisi, pengguna, lengkap=True)
    ind.save(update_fields=_kolom_tersimpan(berubah))
    catat_perubahan(**entri)
    return berubah


def _periksa_ubah(
    ind: Indikator, pd: PerangkatDaerah, data: Mapping[str, Any], asal: Mapping[str, str], terkunci
) -> list[str]:
    """The fields of ``data`` that change ``ind``; ValidationError (keyed by field) for a
    field changed by someone else since ``asal`` was read, or a field of the computation
    while a year of the Renstra is locked (``terkunci(pd, tahun)``)."""
    kini = kanon_indikator(ind)
    berubah: list[str] = []
    konflik: dict[str, str] = {}
    for nama, nilai in data.items():
        if nama not in LABEL_INDIKATOR:
            raise ValueError(f"kolom indikator tidak dikenal: {nama}")
        tulis = needs_write(baru=_kanon_kolom(nama, nilai), asal=asal.get(nama), kini=kini[nama])
        if tulis is None:
            konflik[nama] = conflict_message(
                LABEL_INDIKATOR[nama], kini[nama], ind, "kinerja.indikator"
            )
        elif tulis:
            berubah.append(nama)
    if konflik:
        raise ValidationError(konflik)
    if berubah:
        _pastikan_perhitungan_terbuka(ind, pd, berubah, terkunci)
    return berubah


def _kolom_tersimpan(berubah: list[str]) -> list[str]:
    kolom = [n for n in berubah if n != "target_akhir"]
    if "target_akhir" in berubah:
        kolom += ["target_akhir", "target_akhir_label"]
    return kolom


def _terapkan_ubah(
    ind: Indikator,
    pd: PerangkatDaerah,
    data: Mapping[str, Any],
    berubah: list[str],
    revisi,
    pengguna,
    *,
    lengkap: bool,
) -> dict:
    """Set the changed fields on ``ind`` and validate it (``lengkap``: the model's whole
    ``full_clean``; else without the queries of its foreign keys and constraints, which
    none of these fields is part of); the audit entry of the change."""
    kini = kanon_indikator(ind)
    lama = {n: kini[n] or None for n in berubah}
    for nama in berubah:
        _isi_kolom_indikator(ind, nama, data[nama])
    if lengkap:
        ind.full_clean()
    else:
        ind.full_clean(exclude=_FK_INDIKATOR, validate_unique=False, validate_constraints=False)
    sesudah = kanon_indikator(ind)
    return dict(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="indikator.ubah",
        objek=ind,
        uraian=f"Indikator {ind.kode} {ind.nama}",
        lama=lama,
        baru={n: sesudah[n] or None for n in berubah},
        data={"revisi_renstra": revisi.nomor} if revisi else None,
    )


_FK_INDIKATOR = ["renstra", "tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"]


def _pastikan_perhitungan_terbuka(
    ind: Indikator, pd: PerangkatDaerah, berubah: list[str], terkunci=tahun_terkunci
) -> None:
    """Refuse a change of a field the computation uses while a year of the Renstra is locked."""
    dihitung = [n for n in berubah if n in KOLOM_PERHITUNGAN]
    if dihitung:
        for tahun in range(ind.renstra.mulai, ind.renstra.selesai + 1):
            if terkunci(pd, tahun):
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
    ubah = _periksa_target(ind, renstra, pd, target, asal, ada, pastikan_tahun_terbuka)
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
        catat_perubahan(**_entri_target(ind, pd, tahun, nilai, row, lama, revisi, pengguna))
    return [tahun for tahun, _, _ in ubah]


def _periksa_target(
    ind: Indikator,
    renstra: Renstra,
    pd: PerangkatDaerah,
    target: Mapping[int, Nilai | None],
    asal: Mapping[int, str],
    ada: Mapping[int, TargetTahunan],
    tahun_terbuka,
) -> list[tuple[int, Nilai | None, TargetTahunan | None]]:
    """The years of ``target`` that change (year, new value, stored row); ValidationError
    keyed by the year for a year outside the Renstra, a stale value, or a locked year
    (``tahun_terbuka(pd, tahun)`` raises)."""
    ubah: list[tuple[int, Nilai | None, TargetTahunan | None]] = []
    errors: dict[str, str] = {}
    for tahun, nilai in sorted(target.items()):
        if not renstra.mulai <= tahun <= renstra.selesai:
            errors[str(tahun)] = PESAN_TAHUN_DI_LUAR_RENSTRA.format(
                tahun=tahun, mulai=renstra.mulai, selesai=renstra.selesai
            )
            continue
        row = ada.get(tahun)
        kini = teks_nilai(row.nilai, row.label) if row else ""
        tulis = needs_write(baru=teks_isian(nilai), asal=asal.get(tahun), kini=kini)
        if tulis is None:
            errors[str(tahun)] = conflict_message(
                f"Target {tahun}", kini, row, "kinerja.targettahunan"
            )
        elif tulis:
            ubah.append((tahun, nilai, row))
    if errors:
        raise ValidationError(errors)
    for tahun, _, _ in ubah:
        try:
            tahun_terbuka(pd, tahun)
        except ValidationError as e:
            raise ValidationError({str(tahun): e.messages}) from None
    return ubah


def _entri_target(ind, pd, tahun: int, nilai, row, lama: str, revisi, pengguna) -> dict:
    return dict(
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
