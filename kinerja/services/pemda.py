"""Writes of the admin pemda screens: the pemda's rules, its perangkat daerah and its users.

Every change is recorded in the audit trail (never a password, only that it
was reset). A save is refused when the row changed since the form was loaded
(``versi_*`` is the fingerprint the form carries).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit import catat_perubahan
from kinerja.engine.angka import NilaiTidakValid
from kinerja.engine.predikat import PRESET, Skala, periksa_skala, skala_dari_band
from kinerja.models import BandPredikat, Pemda, Peran, PerangkatDaerah
from kinerja.services.perencanaan.common import pengubah_terakhir
from lib.format import format_angka_alami

_BELUM_DISIMPAN = (
    " Isian Anda di bawah belum disimpan: tekan Simpan sekali lagi untuk menimpa perubahan itu, "
    "atau muat ulang halaman untuk melihat data terbaru."
)
PESAN_ATURAN_BERUBAH = (
    "Aturan {pemda} telah diubah oleh {oleh} setelah halaman ini Anda buka." + _BELUM_DISIMPAN
)
PESAN_PD_BERUBAH = (
    "Data {nama} telah diubah oleh {oleh} setelah halaman ini Anda buka." + _BELUM_DISIMPAN
)
PESAN_PENGGUNA_BERUBAH = (
    "Peran atau status pengguna {nama} telah diubah oleh {oleh} setelah halaman ini Anda buka."
    + _BELUM_DISIMPAN
)
PESAN_KODE_DIPAKAI = "Kode {kode} sudah dipakai oleh {nama}."
PESAN_NAMA_PENGGUNA_DIPAKAI = "Nama pengguna {username} sudah dipakai."
PESAN_PD_WAJIB = "Operator dan kepala harus terikat pada satu perangkat daerah pemda ini."
PESAN_PD_TIDAK_BOLEH = (
    "Evaluator dan admin pemda bekerja untuk seluruh pemda; kosongkan isian perangkat daerah."
)
PESAN_PD_PEMDA_LAIN = "Perangkat daerah itu bukan milik {pemda}."
PESAN_PERAN_TIDAK_SAH = "Peran tidak dikenal."
PESAN_AKUN_SENDIRI = (
    "Anda tidak dapat mencabut peran admin pemda atau menonaktifkan akun Anda sendiri."
)
PESAN_BUKAN_PENGGUNA_PEMDA = "Pengguna ini bukan pengguna {pemda}."
PESAN_SUPERUSER = "Akun superuser hanya dapat diubah melalui administrasi Django."
PESAN_SKALA_KOSONG = "Skala sendiri memerlukan sedikitnya satu rentang nilai."

# Problems of a scale that make it unusable; "tidak-terjangkau" is only a warning.
MASALAH_MENOLAK = frozenset({"celah", "tumpang-tindih", "band-kosong"})

KOLOM_PD = ("kode", "nama", "jenis", "alamat", "telepon", "email", "situs")
PERAN_DENGAN_PD = (Peran.Jenis.OPERATOR.value, Peran.Jenis.KEPALA.value)


def _fingerprint(data: Any) -> str:
    teks = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(teks.encode()).hexdigest()[:20]


def _teks_batas(d: Decimal | None) -> str | None:
    return None if d is None else format_angka_alami(d)


# --------------------------------------------------------------------------- aturan


def skala_isian(skala_preset: str, band: Sequence[Mapping[str, Any]]) -> Skala:
    """The scale chosen on the form: a preset, or the pemda's own bands."""
    if skala_preset:
        return PRESET[skala_preset]
    return skala_dari_band("skala sendiri", [dict(b) for b in band])


def periksa_aturan(
    *,
    skala_preset: str,
    band: Sequence[Mapping[str, Any]],
    batas_bawah: int | None,
    batas_atas: int | None,
) -> tuple[list[str], list[str]]:
    """(errors, warnings) of a scale under the capaian floor and cap, in Indonesian.

    Gaps, overlaps and empty bands are errors (the scale cannot be saved);
    a band made unreachable by the cap or floor is a warning.
    """
    if not skala_preset and not band:
        return [PESAN_SKALA_KOSONG], []
    try:
        skala = skala_isian(skala_preset, band)
        masalah = periksa_skala(
            skala,
            batas_bawah=None if batas_bawah is None else Decimal(batas_bawah),
            batas_atas=None if batas_atas is None else Decimal(batas_atas),
        )
    except NilaiTidakValid as e:
        return [str(e)[:1].upper() + str(e)[1:] + "."], []
    errors = [m.pesan for m in masalah if m.jenis in MASALAH_MENOLAK]
    peringatan = [m.pesan for m in masalah if m.jenis not in MASALAH_MENOLAK]
    return errors, peringatan


def kanon_aturan(pemda: Pemda) -> dict[str, Any]:
    """The pemda's rules as plain texts (for the audit trail and the form's fingerprint)."""
    band = []
    if not pemda.skala_preset:
        band = [
            {
                "label": b.label,
                "bawah": _teks_batas(b.bawah),
                "bawah_inklusif": b.bawah_inklusif,
                "atas": _teks_batas(b.atas),
                "atas_inklusif": b.atas_inklusif,
                "warna": b.warna,
                "keterangan": b.keterangan,
            }
            for b in pemda.band_predikat.all()
        ]
    return {
        "skala_preset": pemda.skala_preset,
        "band": band,
        "rumus_negatif": pemda.rumus_negatif,
        "batas_atas_capaian": pemda.batas_atas_capaian,
        "batas_bawah_capaian": pemda.batas_bawah_capaian,
        "metode_efisiensi": pemda.metode_efisiensi,
        "ambang_tercapai": format_angka_alami(pemda.ambang_tercapai),
        "acuan_rentang": pemda.acuan_rentang,
    }


def versi_aturan(pemda: Pemda) -> str:
    return _fingerprint(kanon_aturan(pemda))


@transaction.atomic
def pemda_aturan_ubah(
    *,
    pemda: Pemda,
    pengguna,
    skala_preset: str,
    band: Sequence[Mapping[str, Any]],
    rumus_negatif: str,
    batas_atas_capaian: int | None,
    batas_bawah_capaian: int | None,
    metode_efisiensi: str,
    ambang_tercapai: Decimal,
    versi_asal: str,
    acuan_rentang: str | None = None,
) -> bool:
    """Replace the pemda's rules. ``band`` (dicts of label, bawah, bawah_inklusif, atas,
    atas_inklusif, warna, keterangan) is used when ``skala_preset`` is empty.

    Refuses a scale with a gap, an overlap or an empty band (error key "skala"),
    and a save based on rules someone else changed meanwhile. Returns False when
    nothing changed. ``acuan_rentang`` None keeps the bound range targets count by.
    """
    pemda = Pemda.objects.select_for_update(of=("self",)).get(pk=pemda.pk)
    if versi_aturan(pemda) != versi_asal:
        raise ValidationError(
            PESAN_ATURAN_BERUBAH.format(
                pemda=pemda.nama,
                oleh=pengubah_terakhir(objek_tipe="kinerja.pemda", objek_id=pemda.pk),
            )
        )
    if skala_preset and skala_preset not in PRESET:
        raise ValidationError({"skala_preset": "Skala bawaan tidak dikenal."})
    errors, _ = periksa_aturan(
        skala_preset=skala_preset,
        band=band,
        batas_bawah=batas_bawah_capaian,
        batas_atas=batas_atas_capaian,
    )
    if errors:
        raise ValidationError({"skala": errors})

    lama = kanon_aturan(pemda)
    pemda.skala_preset = skala_preset
    pemda.rumus_negatif = rumus_negatif
    pemda.batas_atas_capaian = batas_atas_capaian
    pemda.batas_bawah_capaian = batas_bawah_capaian
    pemda.metode_efisiensi = metode_efisiensi
    pemda.ambang_tercapai = ambang_tercapai
    if acuan_rentang is not None:
        pemda.acuan_rentang = acuan_rentang
    pemda.full_clean()
    pemda.save(
        update_fields=[
            "skala_preset",
            "rumus_negatif",
            "batas_atas_capaian",
            "batas_bawah_capaian",
            "metode_efisiensi",
            "ambang_tercapai",
            "acuan_rentang",
        ]
    )
    # The pemda's own bands only exist while no preset is chosen.
    BandPredikat.objects.filter(pemda=pemda).delete()
    if not skala_preset:
        rows = [
            BandPredikat(
                pemda=pemda,
                urutan=i,
                label=b["label"].strip(),
                bawah=b["bawah"],
                bawah_inklusif=bool(b["bawah_inklusif"]),
                atas=b["atas"],
                atas_inklusif=bool(b["atas_inklusif"]),
                warna=(b.get("warna") or "").strip(),
                keterangan=(b.get("keterangan") or "").strip(),
            )
            for i, b in enumerate(band)
        ]
        for row in rows:
            row.full_clean(exclude=["pemda"])
        BandPredikat.objects.bulk_create(rows)
    baru = kanon_aturan(pemda)
    if baru == lama:
        return False
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=None,
        aksi="pemda.aturan_ubah",
        objek=pemda,
        uraian=f"Aturan {pemda.nama}",
        lama={k: v for k, v in lama.items() if baru[k] != v},
        baru={k: v for k, v in baru.items() if lama[k] != v},
    )
    return True


# --------------------------------------------------------------------------- perangkat daerah


def kanon_perangkat_daerah(pd: PerangkatDaerah) -> dict[str, str]:
    return {k: getattr(pd, k) for k in KOLOM_PD}


def versi_perangkat_daerah(pd: PerangkatDaerah) -> str:
    return _fingerprint(kanon_perangkat_daerah(pd))


def _bersih(data: Mapping[str, Any]) -> dict[str, str]:
    return {k: (data.get(k) or "").strip() for k in KOLOM_PD}


def _pastikan_kode_bebas(kode: str, kecuali: int | None = None) -> None:
    lain = PerangkatDaerah.objects.filter(kode__iexact=kode).exclude(pk=kecuali).first()
    if lain is not None:
        raise ValidationError({"kode": PESAN_KODE_DIPAKAI.format(kode=kode, nama=lain.nama)})


@transaction.atomic
def perangkat_daerah_buat(*, pemda: Pemda, pengguna, data: Mapping[str, Any]) -> PerangkatDaerah:
    """A new perangkat daerah of ``pemda`` from kode, nama, jenis, alamat, telepon, email, situs."""
    isi = _bersih(data)
    _pastikan_kode_bebas(isi["kode"])
    pd = PerangkatDaerah(pemda=pemda, **isi)
    pd.full_clean()
    pd.save()
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="perangkat_daerah.buat",
        objek=pd,
        uraian=f"Perangkat daerah {pd.kode} {pd.nama}",
        baru=isi,
    )
    return pd


@transaction.atomic
def perangkat_daerah_ubah(
    *, perangkat_daerah: PerangkatDaerah, pengguna, data: Mapping[str, Any], versi_asal: str
) -> list[str]:
    """Change a perangkat daerah's identity fields; return the changed field names."""
    pd = PerangkatDaerah.objects.select_for_update(of=("self",)).get(pk=perangkat_daerah.pk)
    if versi_perangkat_daerah(pd) != versi_asal:
        raise ValidationError(
            PESAN_PD_BERUBAH.format(
                nama=pd.nama,
                oleh=pengubah_terakhir(objek_tipe="kinerja.perangkatdaerah", objek_id=pd.pk),
            )
        )
    isi = _bersih(data)
    lama = kanon_perangkat_daerah(pd)
    berubah = [k for k in KOLOM_PD if isi[k] != lama[k]]
    if not berubah:
        return []
    if "kode" in berubah:
        _pastikan_kode_bebas(isi["kode"], kecuali=pd.pk)
    for k in berubah:
        setattr(pd, k, isi[k])
    pd.full_clean()
    pd.save(update_fields=berubah)
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="perangkat_daerah.ubah",
        objek=pd,
        uraian=f"Perangkat daerah {pd.kode} {pd.nama}",
        lama={k: lama[k] for k in berubah},
        baru={k: isi[k] for k in berubah},
    )
    return berubah


# --------------------------------------------------------------------------- pengguna


def kanon_pengguna(user) -> dict[str, Any]:
    peran = user.peran
    return {
        "peran": peran.jenis,
        "perangkat_daerah": peran.perangkat_daerah.kode if peran.perangkat_daerah_id else None,
        "aktif": user.is_active,
    }


def versi_pengguna(user) -> str:
    return _fingerprint(kanon_pengguna(user))


def _periksa_peran(
    pemda: Pemda, jenis: str, perangkat_daerah: PerangkatDaerah | None
) -> PerangkatDaerah | None:
    if jenis not in Peran.Jenis.values:
        raise ValidationError({"jenis": PESAN_PERAN_TIDAK_SAH})
    if jenis in PERAN_DENGAN_PD:
        if perangkat_daerah is None:
            raise ValidationError({"perangkat_daerah": PESAN_PD_WAJIB})
        if perangkat_daerah.pemda_id != pemda.pk:
            raise ValidationError(
                {"perangkat_daerah": PESAN_PD_PEMDA_LAIN.format(pemda=pemda.nama)}
            )
        return perangkat_daerah
    if perangkat_daerah is not None:
        raise ValidationError({"perangkat_daerah": PESAN_PD_TIDAK_BOLEH})
    return None


def _validasi_sandi(sandi: str, user) -> None:
    try:
        validate_password(sandi, user=user)
    except ValidationError as e:
        raise ValidationError({"sandi1": e.messages}) from None


@transaction.atomic
def pengguna_buat(
    *,
    pemda: Pemda,
    pengguna,
    username: str,
    nama: str,
    email: str,
    sandi: str,
    jenis: str,
    perangkat_daerah: PerangkatDaerah | None,
):
    """A new (never superuser, never staff) user of ``pemda`` with one role."""
    User = get_user_model()
    username = username.strip()
    pd = _periksa_peran(pemda, jenis, perangkat_daerah)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": PESAN_NAMA_PENGGUNA_DIPAKAI.format(username=username)})
    calon = User(username=username, first_name=nama.strip(), email=email.strip())
    _validasi_sandi(sandi, calon)
    calon.set_password(sandi)
    calon.is_superuser = False
    calon.is_staff = False
    calon.full_clean(exclude=["password"])
    calon.save()
    peran = Peran(pengguna=calon, jenis=jenis, pemda=pemda, perangkat_daerah=pd)
    peran.full_clean()
    peran.save()
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="pengguna.buat",
        objek=calon,
        uraian=f"Pengguna {calon.username}",
        baru={
            "username": calon.username,
            "nama": calon.first_name,
            "email": calon.email,
            **kanon_pengguna(calon),
        },
    )
    return calon


@transaction.atomic
def pengguna_ubah(
    *,
    pemda: Pemda,
    pengguna,
    user,
    jenis: str,
    perangkat_daerah: PerangkatDaerah | None,
    aktif: bool,
    sandi_baru: str | None,
    versi_asal: str,
) -> list[str]:
    """Change the role, perangkat daerah and active flag of a user of ``pemda``, and
    optionally reset the password. Returns what changed ("peran", …, "sandi")."""
    User = get_user_model()
    user = (
        User.objects.select_for_update(of=("self",))
        .select_related("peran__perangkat_daerah")
        .get(pk=user.pk)
    )
    if user.is_superuser:
        raise ValidationError(PESAN_SUPERUSER)
    peran = Peran.objects.filter(pengguna=user, pemda=pemda).first()
    if peran is None:
        raise ValidationError(PESAN_BUKAN_PENGGUNA_PEMDA.format(pemda=pemda.nama))
    if versi_pengguna(user) != versi_asal:
        raise ValidationError(
            PESAN_PENGGUNA_BERUBAH.format(
                nama=user.get_username(),
                oleh=pengubah_terakhir(objek_tipe="auth.user", objek_id=user.pk),
            )
        )
    pd = _periksa_peran(pemda, jenis, perangkat_daerah)
    if user.pk == getattr(pengguna, "pk", None) and (jenis != Peran.Jenis.ADMIN_PEMDA or not aktif):
        raise ValidationError(PESAN_AKUN_SENDIRI)
    if sandi_baru:
        _validasi_sandi(sandi_baru, user)

    lama = kanon_pengguna(user)
    pd_lama = peran.perangkat_daerah
    peran.jenis = jenis
    peran.perangkat_daerah = pd
    peran.full_clean()
    peran.save(update_fields=["jenis", "perangkat_daerah"])
    kolom_user = []
    if user.is_active != aktif:
        user.is_active = aktif
        kolom_user.append("is_active")
    if sandi_baru:
        user.set_password(sandi_baru)
        kolom_user.append("password")
    if kolom_user:
        user.save(update_fields=kolom_user)
    user.peran = peran
    baru = kanon_pengguna(user)
    berubah = [k for k in baru if baru[k] != lama[k]]
    if sandi_baru:
        berubah.append("sandi")
    if berubah:
        catat_perubahan(
            pengguna=pengguna,
            perangkat_daerah=pd or pd_lama,
            aksi="pengguna.ubah",
            objek=user,
            uraian=f"Pengguna {user.get_username()}",
            lama={k: lama[k] for k in berubah if k in lama},
            baru={k: baru[k] for k in berubah if k in baru},
            data={"sandi_diatur_ulang": True} if sandi_baru else None,
        )
    return berubah
