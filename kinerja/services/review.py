"""The review of a quarter: the operator submits, the kepala approves or returns it.

draf/dikembalikan → diajukan (operator); diajukan → disetujui or dikembalikan
(kepala, a comment is required to return). Every step is a ``LangkahReview`` and
an audit entry.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit import catat_perubahan
from kinerja.engine.angka import format_angka_alami
from kinerja.models import LangkahReview, PerangkatDaerah, StatusTriwulan
from kinerja.services.kunci import pastikan_tahun_terbuka
from kinerja.services.realisasi import grid_triwulan, hitung_tersimpan, romawi

Status = StatusTriwulan.Status

PESAN_TIDAK_BISA_AJUKAN = (
    "Triwulan {tw} tahun {tahun} berstatus {status}; hanya triwulan berstatus draf atau "
    "dikembalikan yang dapat diajukan."
)
PESAN_BELUM_DIAJUKAN = (
    "Triwulan {tw} tahun {tahun} berstatus {status}; hanya triwulan yang sudah diajukan "
    "yang dapat disetujui atau dikembalikan."
)
PESAN_BELUM_LENGKAP = "Triwulan {tw} tahun {tahun} belum dapat diajukan."
PESAN_REALISASI_KOSONG = "Realisasi belum diisi: {daftar}."
PESAN_CATATAN_KOSONG = (
    "Catatan wajib belum diisi untuk capaian di bawah ambang tercapai {ambang}%: {daftar}."
)
PESAN_KOMENTAR_WAJIB = "Tuliskan komentar: apa yang harus diperbaiki operator."


def kekurangan_triwulan(pd: PerangkatDaerah, tahun: int, triwulan: int) -> list[str]:
    """What keeps the quarter from being submitted (empty when it is complete).

    An indicator with a target for this quarter needs a realisasi; a capaian below
    the pemda's threshold needs a note.
    """
    grid = grid_triwulan(pd, tahun, triwulan)
    kosong, tanpa_catatan = [], []
    for b in grid.baris:
        ind = b.indikator
        nama = f"{ind.kode} ({ind.nama})"
        if b.realisasi_tw[triwulan - 1] is None:
            if b.target_tw[triwulan - 1] is not None:
                kosong.append(nama)
            continue
        hasil = hitung_tersimpan(grid, b)
        if hasil.perlu_catatan and not (b.realisasi and b.realisasi.catatan.strip()):
            tanpa_catatan.append(f"{nama}, capaian {hasil.capaian_teks}")
    pesan = []
    if kosong:
        pesan.append(PESAN_REALISASI_KOSONG.format(daftar="; ".join(kosong)))
    if tanpa_catatan:
        pesan.append(
            PESAN_CATATAN_KOSONG.format(
                ambang=format_angka_alami(grid.aturan.ambang_tercapai),
                daftar="; ".join(tanpa_catatan),
            )
        )
    return pesan


def _status_untuk_diubah(pd: PerangkatDaerah, tahun: int, triwulan: int) -> StatusTriwulan:
    StatusTriwulan.objects.get_or_create(perangkat_daerah=pd, tahun=tahun, triwulan=triwulan)
    return StatusTriwulan.objects.select_for_update(of=("self",)).get(
        perangkat_daerah=pd, tahun=tahun, triwulan=triwulan
    )


def _langkah(
    status: StatusTriwulan, *, ke: str, pengguna, komentar: str, aksi: str
) -> LangkahReview:
    dari = status.status
    status.status = ke
    status.save(update_fields=["status", "diubah_pada"])
    langkah = LangkahReview.objects.create(
        status_triwulan=status, pengguna=pengguna, dari=dari, ke=ke, komentar=komentar
    )
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=status.perangkat_daerah,
        aksi=aksi,
        objek=status,
        uraian=f"Triwulan {romawi(status.triwulan)} tahun {status.tahun}",
        tahun=status.tahun,
        lama=dari,
        baru=ke,
        data={"triwulan": status.triwulan, "komentar": komentar},
    )
    return langkah


def _label(status: StatusTriwulan) -> str:
    return status.get_status_display().lower()


@transaction.atomic
def triwulan_ajukan(
    *, pd: PerangkatDaerah, tahun: int, triwulan: int, pengguna, komentar: str = ""
) -> LangkahReview:
    """Submit a quarter to the kepala; refused with the list of what is missing."""
    pastikan_tahun_terbuka(pd, tahun)
    status = _status_untuk_diubah(pd, tahun, triwulan)
    if status.status not in (Status.DRAF, Status.DIKEMBALIKAN):
        raise ValidationError(
            PESAN_TIDAK_BISA_AJUKAN.format(tw=romawi(triwulan), tahun=tahun, status=_label(status))
        )
    kurang = kekurangan_triwulan(pd, tahun, triwulan)
    if kurang:
        raise ValidationError(
            [PESAN_BELUM_LENGKAP.format(tw=romawi(triwulan), tahun=tahun), *kurang]
        )
    return _langkah(
        status,
        ke=Status.DIAJUKAN,
        pengguna=pengguna,
        komentar=komentar.strip(),
        aksi="triwulan.ajukan",
    )


def _pastikan_diajukan(status: StatusTriwulan) -> None:
    if status.status != Status.DIAJUKAN:
        raise ValidationError(
            PESAN_BELUM_DIAJUKAN.format(
                tw=romawi(status.triwulan), tahun=status.tahun, status=_label(status)
            )
        )


@transaction.atomic
def triwulan_setujui(
    *, pd: PerangkatDaerah, tahun: int, triwulan: int, pengguna, komentar: str = ""
) -> LangkahReview:
    """The kepala approves a submitted quarter; it stays read-only for the operator."""
    pastikan_tahun_terbuka(pd, tahun)
    status = _status_untuk_diubah(pd, tahun, triwulan)
    _pastikan_diajukan(status)
    return _langkah(
        status,
        ke=Status.DISETUJUI,
        pengguna=pengguna,
        komentar=komentar.strip(),
        aksi="triwulan.setujui",
    )


@transaction.atomic
def triwulan_kembalikan(
    *, pd: PerangkatDaerah, tahun: int, triwulan: int, pengguna, komentar: str
) -> LangkahReview:
    """The kepala returns a submitted quarter to the operator, saying what to correct."""
    if not komentar.strip():
        raise ValidationError({"komentar": PESAN_KOMENTAR_WAJIB})
    pastikan_tahun_terbuka(pd, tahun)
    status = _status_untuk_diubah(pd, tahun, triwulan)
    _pastikan_diajukan(status)
    return _langkah(
        status,
        ke=Status.DIKEMBALIKAN,
        pengguna=pengguna,
        komentar=komentar.strip(),
        aksi="triwulan.kembalikan",
    )
