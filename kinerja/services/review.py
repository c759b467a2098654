"""The review of a quarter: the operator submits, the kepala approves or returns it.

draf/dikembalikan → diajukan (operator); diajukan → disetujui or dikembalikan
(kepala, a comment is required to return; approving a quarter that lacks evidence or
a required note needs the kepala's confirmation, and the step records what was
missing); disetujui → dikembalikan when the kepala (or admin pemda) reopens it with a
reason, so the operator corrects and submits again. Every step is a ``LangkahReview``
and an audit entry.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.audit import catat_perubahan
from kinerja.models import LangkahReview, PerangkatDaerah, StatusTriwulan
from kinerja.services.kunci import pastikan_tahun_terbuka
from kinerja.services.realisasi import grid_triwulan, hitung_tersimpan, romawi
from lib.format import format_angka_alami

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
PESAN_BUKTI_KOSONG = "Bukti dukung belum diunggah: {daftar}."
PESAN_PERLU_KONFIRMASI = (
    "Triwulan {tw} tahun {tahun} belum lengkap; setujui hanya bila Anda menerima kekurangan ini."
)
PESAN_ALASAN_WAJIB = "Tuliskan alasan: apa yang perlu dikoreksi operator pada triwulan ini."
PESAN_BELUM_DISETUJUI = (
    "Triwulan {tw} tahun {tahun} berstatus {status}; hanya triwulan yang sudah disetujui yang "
    "dapat dibuka kembali."
)


class PerluKonfirmasi(ValidationError):
    """Approval held back: the quarter lacks what ``kekurangan`` names; the kepala may
    approve it anyway by confirming."""

    def __init__(self, tw: int, tahun: int, kekurangan: list[str]):
        self.kekurangan = kekurangan
        super().__init__([PESAN_PERLU_KONFIRMASI.format(tw=romawi(tw), tahun=tahun), *kekurangan])


def kekurangan_triwulan(pd: PerangkatDaerah, tahun: int, triwulan: int) -> list[str]:
    """What keeps the quarter from being submitted (empty when it is complete).

    An indicator with a target for this quarter needs a realisasi; a capaian below
    the pemda's threshold needs a note.
    """
    return _kekurangan(grid_triwulan(pd, tahun, triwulan))


def _nama(b) -> str:
    return f"{b.indikator.kode} ({b.indikator.nama})"


def _kekurangan(grid) -> list[str]:
    triwulan = grid.triwulan
    kosong, tanpa_catatan = [], []
    for b in grid.baris:
        nama = _nama(b)
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


def kekurangan_persetujuan(pd: PerangkatDaerah, tahun: int, triwulan: int) -> list[str]:
    """What the kepala is told before approving: what keeps the quarter from being
    submitted, and every realised indicator of the quarter without evidence."""
    grid = grid_triwulan(pd, tahun, triwulan)
    pesan = _kekurangan(grid)
    tanpa_bukti = [
        _nama(b) for b in grid.baris if b.realisasi_tw[triwulan - 1] is not None and not b.bukti
    ]
    if tanpa_bukti:
        pesan.append(PESAN_BUKTI_KOSONG.format(daftar="; ".join(tanpa_bukti)))
    return pesan


def triwulan_disetujui(pd: PerangkatDaerah, tahun: int) -> list[int]:
    """The approved quarters of the year (those that can be reopened)."""
    return list(
        StatusTriwulan.objects.filter(
            perangkat_daerah=pd, tahun=tahun, status=Status.DISETUJUI
        ).values_list("triwulan", flat=True)
    )


def _status_untuk_diubah(pd: PerangkatDaerah, tahun: int, triwulan: int) -> StatusTriwulan:
    StatusTriwulan.objects.get_or_create(perangkat_daerah=pd, tahun=tahun, triwulan=triwulan)
    return StatusTriwulan.objects.select_for_update(of=("self",)).get(
        perangkat_daerah=pd, tahun=tahun, triwulan=triwulan
    )


def _langkah(
    status: StatusTriwulan,
    *,
    ke: str,
    pengguna,
    komentar: str,
    aksi: str,
    kekurangan: list[str] | None = None,
) -> LangkahReview:
    dari = status.status
    status.status = ke
    status.save(update_fields=["status", "diubah_pada"])
    langkah = LangkahReview.objects.create(
        status_triwulan=status,
        pengguna=pengguna,
        dari=dari,
        ke=ke,
        komentar=komentar,
        kekurangan=kekurangan or [],
    )
    data = {"triwulan": status.triwulan, "komentar": komentar}
    if kekurangan:
        data["kekurangan"] = kekurangan
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=status.perangkat_daerah,
        aksi=aksi,
        objek=status,
        uraian=f"Triwulan {romawi(status.triwulan)} tahun {status.tahun}",
        tahun=status.tahun,
        lama=dari,
        baru=ke,
        data=data,
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
    *,
    pd: PerangkatDaerah,
    tahun: int,
    triwulan: int,
    pengguna,
    komentar: str = "",
    konfirmasi: bool = False,
) -> LangkahReview:
    """The kepala approves a submitted quarter; its values stay read-only for the operator.

    When the quarter lacks something (``kekurangan_persetujuan``), approval is refused
    with :class:`PerluKonfirmasi` unless ``konfirmasi``; a confirmed approval records
    what was missing in the step and in the audit entry."""
    pastikan_tahun_terbuka(pd, tahun)
    status = _status_untuk_diubah(pd, tahun, triwulan)
    _pastikan_diajukan(status)
    kurang = kekurangan_persetujuan(pd, tahun, triwulan)
    if kurang and not konfirmasi:
        raise PerluKonfirmasi(triwulan, tahun, kurang)
    return _langkah(
        status,
        ke=Status.DISETUJUI,
        pengguna=pengguna,
        komentar=komentar.strip(),
        aksi="triwulan.setujui",
        kekurangan=kurang,
    )


@transaction.atomic
def triwulan_buka_kembali(
    *, pd: PerangkatDaerah, tahun: int, triwulan: int, pengguna, alasan: str
) -> LangkahReview:
    """Reopen an approved quarter with a reason (kepala or admin pemda): it goes back to
    the operator as returned, with the reason shown on the entry page. Refused while the
    year is signed: the LKjIP is reopened first (it can reopen quarters in the same step).
    """
    alasan = alasan.strip()
    if not alasan:
        raise ValidationError({"alasan": PESAN_ALASAN_WAJIB})
    pastikan_tahun_terbuka(pd, tahun)
    status = _status_untuk_diubah(pd, tahun, triwulan)
    if status.status != Status.DISETUJUI:
        raise ValidationError(
            PESAN_BELUM_DISETUJUI.format(tw=romawi(triwulan), tahun=tahun, status=_label(status))
        )
    return _langkah(
        status,
        ke=Status.DIKEMBALIKAN,
        pengguna=pengguna,
        komentar=alasan,
        aksi="triwulan.buka",
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
