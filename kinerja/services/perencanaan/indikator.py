"""Writes of an indicator: its metadata and end target, and its Renstra target per year.

Both enforce the year lock, refuse a stale save (``common``'s optimistic
locking) and record each change in the audit trail.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.antrean_impor import lapor_kemajuan
from kinerja.audit import catat_perubahan, catat_perubahan_banyak
from kinerja.engine.angka import Nilai
from kinerja.models import (
    Indikator,
    PerangkatDaerah,
    Program,
    Renstra,
    Sasaran,
    TargetTahunan,
    Tujuan,
)
from kinerja.services.kunci import (
    PESAN_TAHUN_TERKUNCI,
    pastikan_tahun_terbuka,
    tahun_terkunci,
)
from kinerja.services.perencanaan.common import (
    conflict_message,
    needs_write,
    teks_isian,
    teks_nilai,
)
from kinerja.services.renstra import (
    PESAN_INDUK_ASING,
    PESAN_KODE_INDIKATOR_ADA,
    pastikan_revisi,
    revisi_terbuka,
)
from kinerja.tulis_banyak import perbarui_banyak

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


def kanon_indikator(ind: Indikator, kolom=LABEL_INDIKATOR) -> dict[str, str]:
    """The operator-editable fields of an indicator (or those of ``kolom``) as canonical
    texts."""
    hasil: dict[str, str] = {}
    for nama in kolom:
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
    for nama in data:
        if nama not in LABEL_INDIKATOR:
            raise ValueError(f"kolom indikator tidak dikenal: {nama}")
    kini = kanon_indikator(ind, data)
    berubah: list[str] = []
    konflik: dict[str, str] = {}
    for nama, nilai in data.items():
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
        kolom += ["target_akhir", "target_akhir_label", "target_akhir_atas"]
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
    kini = kanon_indikator(ind, berubah)
    lama = {n: kini[n] or None for n in berubah}
    for nama in berubah:
        _isi_kolom_indikator(ind, nama, data[nama])
    if lengkap:
        ind.full_clean()
    else:
        # The changed fields only: the others, the foreign keys and the constraints
        # (code, level) are as stored.
        kolom = _kolom_tersimpan(berubah)
        tetap = [f.name for f in Indikator._meta.fields if f.name not in kolom]
        ind.full_clean(exclude=tetap, validate_unique=False, validate_constraints=False)
    sesudah = kanon_indikator(ind, berubah)
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
        ind.target_akhir_atas = nilai.atas if nilai else None
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
            row = TargetTahunan(indikator=ind, tahun=tahun, **TargetTahunan.kolom(nilai))
            row.full_clean()
            row.save()
        else:
            kolom = TargetTahunan.kolom(nilai)
            for nama, isi in kolom.items():
                setattr(row, nama, isi)
            row.full_clean()
            row.save(update_fields=list(kolom))
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


# --------------------------------------------------------------------------- many at once


@dataclass
class IndikatorBaru:
    """What ``indikator_tambah`` needs of a new indicator."""

    kode: str
    nama: str
    satuan: str
    polaritas: str
    tipe_penghitungan: str
    induk: Tujuan | Sasaran | Program
    iku: bool = False


@dataclass
class UbahIndikator:
    """The change of one indicator in a save of many: an existing ``indikator`` or a
    ``baru`` one, its fields (``data``/``asal`` as ``indikator_ubah``) and its yearly
    targets (``target``/``asal_target`` as ``target_tahunan_simpan``); ``kunci`` names
    it in the refusals."""

    kunci: Any
    indikator: Indikator | None = None
    baru: IndikatorBaru | None = None
    data: dict[str, Any] = field(default_factory=dict)
    asal: dict[str, str] = field(default_factory=dict)
    target: dict[int, Nilai | None] = field(default_factory=dict)
    asal_target: dict[int, str] = field(default_factory=dict)


class _Simpanan:
    """What a save of many indicators asks once: the year locks, the revision."""

    def __init__(self, renstra: Renstra):
        self.renstra = renstra
        self._terkunci: dict[int, bool] = {}
        self._revisi: dict[bool, tuple[Any, ValidationError | None]] = {}

    def terkunci(self, pd, tahun: int) -> bool:
        if tahun not in self._terkunci:
            self._terkunci[tahun] = tahun_terkunci(pd, tahun)
        return self._terkunci[tahun]

    def tahun_terbuka(self, pd, tahun: int) -> None:
        if self.terkunci(pd, tahun):
            raise ValidationError(PESAN_TAHUN_TERKUNCI.format(tahun=tahun))

    def revisi(self, wajib: bool):
        """``pastikan_revisi`` (``wajib``) or ``revisi_terbuka`` of the Renstra."""
        if wajib not in self._revisi:
            try:
                nilai = pastikan_revisi(self.renstra) if wajib else revisi_terbuka(self.renstra)
                self._revisi[wajib] = (nilai, None)
            except ValidationError as e:
                self._revisi[wajib] = (None, e)
        nilai, galat = self._revisi[wajib]
        if galat is not None:
            raise galat
        return nilai


@transaction.atomic
def indikator_simpan_banyak(
    *, renstra: Renstra, pengguna, daftar: list[UbahIndikator], tulis: bool = True
) -> list[tuple[Any, list[str]]]:
    """Save many indicators' changes and new indicators of ``renstra`` at once, with the
    checks of ``indikator_tambah``, ``indikator_ubah`` and ``target_tahunan_simpan`` (the
    Renstra and the indicators locked, stale values, year locks, the revision rule) and
    the audit entries one call per indicator would write, in a number of queries that
    does not grow with the indicators. All or nothing: the refusals as (kunci,
    messages), in order, and nothing written; [] when everything was saved (or, with
    ``tulis`` False, would be: the preview's check, writing nothing)."""
    renstra = (
        Renstra.objects.select_for_update(of=("self",))
        .select_related("perangkat_daerah")
        .get(pk=renstra.pk)
    )
    pd = renstra.perangkat_daerah
    ktx = _Simpanan(renstra)
    # Every indicator of the Renstra and its targets are locked (no id lists to send):
    # the codes a new indicator must not take are among them.
    semua = list(Indikator.objects.select_for_update(of=("self",)).filter(renstra=renstra))
    ids = {u.indikator.pk for u in daftar if u.indikator is not None}
    indikator = {i.pk: i for i in semua if i.pk in ids}
    for i in indikator.values():
        i.renstra = renstra
    ada: dict[int, dict[int, TargetTahunan]] = {}
    for row in TargetTahunan.objects.select_for_update(of=("self",)).filter(
        indikator__renstra=renstra
    ):
        if row.indikator_id in ids:
            ada.setdefault(row.indikator_id, {})[row.tahun] = row
    kode_ada = {i.kode for i in semua}
    urutan = max((i.urutan for i in semua), default=0)

    tolak: list[tuple[Any, list[str]]] = []
    r = _Rencana()
    for u in daftar:
        try:
            if u.baru is not None:
                ind = _periksa_baru(renstra, u.baru, kode_ada, ktx)
                urutan += 1
                ind.urutan = urutan
                kode_ada.add(ind.kode)
                revisi_buat = ktx.revisi(True)
                ada_ind: dict[int, TargetTahunan] = {}
            else:
                ind = indikator.get(u.indikator.pk)
                if ind is None:
                    raise ValidationError(f"Indikator {u.indikator.kode} tidak ada lagi.")
                ada_ind = ada.get(ind.pk, {})
            berubah = _periksa_ubah(ind, pd, u.data, u.asal, ktx.terkunci) if u.data else []
            revisi = ktx.revisi("target_akhir" in berubah) if berubah else None
            entri_ubah = (
                _terapkan_ubah(ind, pd, u.data, berubah, revisi, pengguna, lengkap=False)
                if berubah
                else None
            )
            tahun_ubah = (
                _periksa_target(ind, renstra, pd, u.target, u.asal_target, ada_ind,
                                ktx.tahun_terbuka)
                if u.target
                else []
            )  # fmt: skip
            revisi_target = ktx.revisi(True) if tahun_ubah else None
        except ValidationError as e:
            tolak.append((u.kunci, e.messages))
            continue
        if tolak:
            continue  # nothing is written: only the refusals are still gathered
        if u.baru is not None:
            r.dibuat.append(ind)
            r.entri.append(("buat", (ind, u.baru, revisi_buat)))
        elif berubah:
            r.ubah.setdefault(ind.pk, (ind, set()))[1].update(_kolom_tersimpan(berubah))
        if entri_ubah is not None:
            r.entri.append(("entri", entri_ubah))
        r.target(ind, tahun_ubah, revisi_target)
    if tolak or not tulis:
        return tolak
    r.tulis(pd, pengguna)
    return []


_TETAP_TARGET_BARU = ["id", "indikator"]
_TETAP_TARGET = [*_TETAP_TARGET_BARU, "tahun"]


@dataclass
class _Rencana:
    """The writes of a save of many indicators, done at the end in a few queries."""

    dibuat: list[Indikator] = field(default_factory=list)
    ubah: dict[int, tuple[Indikator, set[str]]] = field(default_factory=dict)
    hapus_target: list[int] = field(default_factory=list)
    target_baru: list[TargetTahunan] = field(default_factory=list)
    target_ubah: list[TargetTahunan] = field(default_factory=list)
    entri: list[tuple[str, Any]] = field(default_factory=list)  # the audit, in order

    def target(self, ind: Indikator, tahun_ubah, revisi) -> None:
        for tahun, nilai, row in tahun_ubah:
            lama = teks_nilai(row.nilai, row.label) if row else ""
            if nilai is None:
                self.hapus_target.append(row.pk)
            else:
                if row is None:
                    row = TargetTahunan(indikator=ind, tahun=tahun)
                    self.target_baru.append(row)
                else:
                    self.target_ubah.append(row)
                for nama, isi in TargetTahunan.kolom(nilai).items():
                    setattr(row, nama, isi)
                # The row is the indicator's only one of the year (the rows are locked);
                # of a stored row only the target's columns change.
                row.full_clean(
                    exclude=_TETAP_TARGET if row.pk else _TETAP_TARGET_BARU,
                    validate_unique=False,
                    validate_constraints=False,
                )
            self.entri.append(("target", (ind, tahun, nilai, row, lama, revisi)))

    def tulis(self, pd: PerangkatDaerah, pengguna) -> None:
        if self.dibuat:
            Indikator.objects.bulk_create(self.dibuat)
        lapor_kemajuan(1, 6)
        if self.ubah:
            perbarui_banyak(
                Indikator,
                [i for i, _ in self.ubah.values()],
                sorted(set().union(*(k for _, k in self.ubah.values()))),
            )
        lapor_kemajuan(2, 6)
        if self.hapus_target:
            TargetTahunan.objects.filter(pk__in=self.hapus_target).delete()
        if self.target_baru:
            TargetTahunan.objects.bulk_create(self.target_baru)
        lapor_kemajuan(3, 6)
        if self.target_ubah:
            perbarui_banyak(TargetTahunan, self.target_ubah, ["nilai", "label", "nilai_atas"])
        lapor_kemajuan(4, 6)
        entri = []
        for jenis, x in self.entri:
            if jenis == "buat":
                ind, baru, revisi = x
                entri.append(
                    dict(
                        pengguna=pengguna,
                        perangkat_daerah=pd,
                        aksi="indikator.buat",
                        objek=ind,
                        uraian=f"Indikator {ind.kode} {ind.nama}",
                        baru={"kode": ind.kode, "nama": ind.nama, "induk": baru.induk.kode},
                        data={"revisi_renstra": revisi.nomor} if revisi else None,
                    )
                )
            elif jenis == "entri":
                entri.append(x)
            else:
                ind, tahun, nilai, row, lama, revisi = x
                entri.append(_entri_target(ind, pd, tahun, nilai, row, lama, revisi, pengguna))
        lapor_kemajuan(5, 6)
        catat_perubahan_banyak(entri)
        lapor_kemajuan(6, 6)


def _periksa_baru(
    renstra: Renstra, baru: IndikatorBaru, kode_ada: set[str], ktx: _Simpanan
) -> Indikator:
    """``indikator_tambah``'s checks of a new indicator; the unsaved indicator."""
    induk = baru.induk
    induk_renstra = induk.tujuan.renstra_id if isinstance(induk, Sasaran) else induk.renstra_id
    if induk_renstra != renstra.pk:
        raise ValidationError({"induk": PESAN_INDUK_ASING})
    kode = baru.kode.strip()
    if kode in kode_ada:
        raise ValidationError({"kode": PESAN_KODE_INDIKATOR_ADA.format(kode=kode)})
    ktx.revisi(True)
    tingkat = {Tujuan: "tujuan", Sasaran: "sasaran", Program: "program"}[type(induk)]
    ind = Indikator(
        renstra=renstra,
        kode=kode,
        nama=baru.nama.replace("\r\n", "\n").strip(),
        satuan=baru.satuan.strip(),
        polaritas=baru.polaritas,
        tipe_penghitungan=baru.tipe_penghitungan,
        iku=baru.iku,
        **{tingkat: induk},
    )
    ind.full_clean(exclude=_FK_INDIKATOR, validate_unique=False, validate_constraints=False)
    return ind
