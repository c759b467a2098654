"""Reminders of deadlines, counted in the pemda's working days, by e-mail and on the home page.

A deadline comes from a *source* registered with ``daftarkan_sumber``: the
triwulan reports here, the LKjIP in ``laporan.pengingat`` (it reads the LKjIP
status), the tindak lanjut of the LHE recommendations later. A source answers the
deadlines of some perangkat daerah of a pemda around a day, each with the people
responsible and whether it is done.

The pemda sets N working days before (``pengingat_sebelum``) and after
(``pengingat_sesudah``) a deadline, 0 for none. A reminder is sent on its working
day (or, when that run was missed, on the next ``SUSULAN_BAWAAN`` working days),
once per deadline, person and kind: ``PengingatTerkirim`` records each sending
under a unique constraint. ``kirim_pengingat`` is the pass the Celery beat task
(``laporan.tasks.kirim_pengingat``) and the command ``kirim_pengingat`` run.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from kinerja.access import peran
from kinerja.engine.tenggat import (
    SEBELUM,
    SESUDAH,
    pengingat_jatuh,
    tanggal_pengingat,
    tenggat_triwulan,
)
from kinerja.models import (
    Pemda,
    PengingatTerkirim,
    Peran,
    PerangkatDaerah,
    StatusTriwulan,
    Tahun,
)
from kinerja.services import tenggat as _tenggat
from kinerja.services.kalender import libur_muat_bawaan, libur_pemda
from kinerja.services.tenggat import SUDAH_MASUK
from lib.format import ROMAWI_TRIWULAN, format_tanggal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Tenggat:
    """A deadline of something some people must do."""

    # Unique over every source, e.g. "triwulan:33.16.01:2026:2".
    kunci: str
    judul: str
    tanggal: datetime.date
    penerima: tuple = ()
    selesai: bool = False
    url: str = ""


@dataclass(frozen=True)
class Pengingat:
    tenggat: Tenggat
    jenis: str
    tanggal: datetime.date

    @property
    def tanggal_tenggat_teks(self) -> str:
        return format_tanggal(self.tenggat.tanggal)

    @property
    def lewat(self) -> bool:
        return self.jenis == SESUDAH


# A source: (pemda, its perangkat daerah to look at, today) → deadlines.
Sumber = Callable[[Pemda, Sequence[PerangkatDaerah], datetime.date], Iterable[Tenggat]]
SUMBER: list[Sumber] = []


def daftarkan_sumber(fungsi: Sumber) -> Sumber:
    """Register a source of deadlines (a decorator; registering twice is harmless)."""
    if fungsi not in SUMBER:
        SUMBER.append(fungsi)
    return fungsi


def penerima_per_pd(pds: Sequence[PerangkatDaerah], jenis: str) -> dict[int, tuple]:
    """The users of a role in each perangkat daerah (one query)."""
    hasil: dict[int, list] = {pd.pk: [] for pd in pds}
    for p in Peran.objects.filter(perangkat_daerah__in=pds, jenis=jenis).select_related("pengguna"):
        hasil[p.perangkat_daerah_id].append(p.pengguna)
    return {k: tuple(v) for k, v in hasil.items()}


@daftarkan_sumber
def tenggat_triwulan_sumber(
    pemda: Pemda, pds: Sequence[PerangkatDaerah], pada: datetime.date
) -> list[Tenggat]:
    """The quarterly reports of the years held last year and this year; the operator
    submits them (three queries)."""
    tahun = (pada.year - 1, pada.year)
    terdaftar = set(
        Tahun.objects.filter(perangkat_daerah__in=pds, tahun__in=tahun).values_list(
            "perangkat_daerah_id", "tahun"
        )
    )
    if not terdaftar:
        return []
    status = {
        (s["perangkat_daerah_id"], s["tahun"], s["triwulan"]): s["status"]
        for s in StatusTriwulan.objects.filter(perangkat_daerah__in=pds, tahun__in=tahun).values(
            "perangkat_daerah_id", "tahun", "triwulan", "status"
        )
    }
    operator = penerima_per_pd(pds, Peran.Jenis.OPERATOR)
    libur = libur_pemda(pemda)
    hasil = []
    for pd in pds:
        for th in tahun:
            if (pd.pk, th) not in terdaftar:
                continue
            for tw in (1, 2, 3, 4):
                hasil.append(
                    Tenggat(
                        kunci=f"triwulan:{pd.kode}:{th}:{tw}",
                        judul=(
                            f"Laporan realisasi triwulan {ROMAWI_TRIWULAN[tw - 1]} {th} {pd.nama}"
                        ),
                        tanggal=tenggat_triwulan(th, tw, pemda.tenggat_hari_kerja, libur),
                        penerima=operator.get(pd.pk, ()),
                        selesai=status.get((pd.pk, th, tw)) in SUDAH_MASUK,
                        url=reverse(
                            "realisasi-triwulan",
                            kwargs={"kode": pd.kode, "tahun": th, "triwulan": tw},
                        ),
                    )
                )
    return hasil


def _hari_pengingat(pemda: Pemda, t: Tenggat, libur) -> list[tuple[str, datetime.date]]:
    hasil = []
    for jenis, n in ((SEBELUM, pemda.pengingat_sebelum), (SESUDAH, pemda.pengingat_sesudah)):
        if n:
            hasil.append((jenis, tanggal_pengingat(t.tanggal, jenis, n, libur)))
    return hasil


def tenggat_pemda(
    pemda: Pemda, pada: datetime.date, pds: Sequence[PerangkatDaerah] | None = None
) -> list[Tenggat]:
    """Every open deadline of the pemda's perangkat daerah (or of ``pds``) from every source."""
    if pds is None:
        pds = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("kode"))
    if not pds:
        return []
    return [t for sumber in SUMBER for t in sumber(pemda, pds, pada) if not t.selesai]


def pengingat_jatuh_tempo(
    pemda: Pemda, pada: datetime.date, pds: Sequence[PerangkatDaerah] | None = None
) -> list[Pengingat]:
    """The reminders due on ``pada`` (a "before" reminder never after its deadline)."""
    libur = libur_pemda(pemda)
    hasil = []
    for t in tenggat_pemda(pemda, pada, pds):
        for jenis, hari in _hari_pengingat(pemda, t, libur):
            if jenis == SEBELUM and pada > t.tanggal:
                continue
            if pengingat_jatuh(hari, pada, libur):
                hasil.append(Pengingat(t, jenis, hari))
    return hasil


def pengingat_pengguna(user, pada: datetime.date | None = None) -> list[Pengingat]:
    """The reminders of the home page: each deadline of the user from its first
    reminder day until it is done, as the latest kind reached (fixed queries)."""
    p = peran(user)
    if p is None or p.perangkat_daerah_id is None:
        return []
    pada = pada or _tenggat.hari_ini()
    pemda = p.pemda
    libur = libur_pemda(pemda)
    hasil = []
    for t in tenggat_pemda(pemda, pada, [p.perangkat_daerah]):
        if user not in t.penerima:
            continue
        sampai = [(j, h) for j, h in _hari_pengingat(pemda, t, libur) if h <= pada]
        if sampai:
            jenis, hari = sampai[-1]
            hasil.append(Pengingat(t, jenis, hari))
    return sorted(hasil, key=lambda x: x.tenggat.tanggal)


@dataclass
class Ringkasan:
    """What a reminder pass did."""

    pada: datetime.date
    pemda: int = 0
    libur_dimuat: int = 0
    terkirim: Counter = field(default_factory=Counter)
    sudah: int = 0
    tanpa_surel: int = 0
    gagal: int = 0

    @property
    def jumlah_terkirim(self) -> int:
        return sum(self.terkirim.values())

    def teks(self) -> str:
        rinci = ", ".join(f"{k} {v}" for k, v in sorted(self.terkirim.items())) or "-"
        return (
            f"Pengingat {format_tanggal(self.pada)}: {self.pemda} pemda, "
            f"{self.jumlah_terkirim} surel terkirim ({rinci}), "
            f"{self.sudah} sudah pernah dikirim, {self.tanpa_surel} pengguna tanpa surel, "
            f"{self.gagal} gagal; {self.libur_dimuat} hari libur nasional baru dimuat."
        )


def _isi(p: Pengingat, user) -> tuple[str, str]:
    t = p.tenggat
    if p.jenis == SEBELUM:
        judul = f"Pengingat: {t.judul} jatuh tempo {p.tanggal_tenggat_teks}"
        kalimat = f"tenggat {t.judul} adalah {p.tanggal_tenggat_teks}."
    else:
        judul = f"Terlambat: {t.judul} (tenggat {p.tanggal_tenggat_teks})"
        kalimat = f"tenggat {t.judul} telah lewat pada {p.tanggal_tenggat_teks} dan belum selesai."
    nama = user.get_full_name() or user.get_username()
    dasar = getattr(settings, "LKJIP_URL_DASAR", "").rstrip("/")
    tautan = f"\n\nBuka: {dasar}{t.url}" if t.url else ""
    badan = (
        f"Yth. {nama},\n\nKami mengingatkan bahwa {kalimat}{tautan}\n\n"
        "Surel ini dikirim otomatis oleh aplikasi LKjIP; pengingat yang sama tidak dikirim dua kali."
    )
    return judul, badan


def _kirim_satu(p: Pengingat, user, ringkasan: Ringkasan) -> None:
    kunci = {"kunci": p.tenggat.kunci, "pengguna": user, "jenis": p.jenis}
    if PengingatTerkirim.objects.filter(**kunci).exists():
        ringkasan.sudah += 1
        return
    if not user.is_active or not user.email:
        ringkasan.tanpa_surel += 1
        return
    judul, badan = _isi(p, user)
    try:
        # The row and the mail together: a mail that fails leaves no row, and is tried
        # again on the next run; a second worker stops at the unique constraint.
        with transaction.atomic():
            PengingatTerkirim.objects.create(tenggat=p.tenggat.tanggal, **kunci)
            send_mail(judul, badan, None, [user.email])
    except IntegrityError:
        ringkasan.sudah += 1
    except Exception:  # noqa: BLE001 - one failed mail must not stop the pass
        log.exception("pengingat %s gagal dikirim ke %s", p.tenggat.kunci, user.pk)
        ringkasan.gagal += 1
    else:
        ringkasan.terkirim[p.jenis] += 1


def kirim_pengingat(
    pada: datetime.date | None = None, pemda: Iterable[Pemda] | None = None
) -> Ringkasan:
    """Send every reminder due today; first preload this year's and next year's national
    days off of each pemda (a no-op once loaded)."""
    pada = pada or _tenggat.hari_ini()
    ringkasan = Ringkasan(pada=pada)
    for pm in pemda if pemda is not None else Pemda.objects.order_by("kode"):
        ringkasan.pemda += 1
        for th in (pada.year, pada.year + 1):
            ringkasan.libur_dimuat += libur_muat_bawaan(pemda=pm, tahun=th)
        for p in pengingat_jatuh_tempo(pm, pada):
            for user in p.tenggat.penerima:
                _kirim_satu(p, user, ringkasan)
    return ringkasan
