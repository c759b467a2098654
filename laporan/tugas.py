"""What waits for each role, for the first page after login.

This lives in ``laporan`` because it reads both the quarterly review (kinerja)
and the LKjIP document (laporan); imports run ``kinerja`` ← ``laporan``, so
``kinerja`` cannot read the LKjIP status itself.

Every function runs a fixed number of queries, whatever the number of
perangkat daerah or indicators (counted in tests/web/test_beranda.py):
counts are aggregated in the database, and the rows fetched are at most one
per perangkat daerah and quarter.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from kinerja.access import PERAN_INSPEKTORAT, peran
from kinerja.models import (
    LangkahReview,
    Peran,
    PerangkatDaerah,
    Realisasi,
    RencanaAksi,
    StatusTriwulan,
)
from kinerja.services.kalender import libur_per_pemda
from kinerja.services.tenggat import TenggatTriwulan, hari_ini, tenggat_berikutnya, tenggat_tahun
from laporan.models import LKjIP, SnapshotLKjIP

# Signed documents count as "new" for the evaluator this many days.
HARI_BARU = 30
S = StatusTriwulan.Status


@dataclass
class Triwulan:
    """One quarter of the working year of a perangkat daerah, against its deadline."""

    tenggat: TenggatTriwulan
    status_label: str
    url: str
    tanpa_realisasi: int = 0
    tanpa_bukti: int = 0
    komentar: str = ""

    @property
    def kode_status(self) -> str:
        return self.tenggat.status


@dataclass
class RingkasanPD:
    """A perangkat daerah, its working year (the latest year of its LKjIP), the quarters and
    the LKjIP of that year."""

    pd: PerangkatDaerah
    tahun: int | None
    tahun_semua: list[int] = field(default_factory=list)
    triwulan: list[Triwulan] = field(default_factory=list)
    lkjip: LKjIP | None = None

    @property
    def terlambat(self) -> list[Triwulan]:
        return [t for t in self.triwulan if t.tenggat.terlambat]

    @property
    def berikut(self) -> TenggatTriwulan | None:
        return tenggat_berikutnya([t.tenggat for t in self.triwulan])

    def jumlah(self, status: str) -> int:
        return sum(1 for t in self.triwulan if t.tenggat.status == status)


def ringkasan(
    daftar: list[PerangkatDaerah], pada: datetime.date | None = None
) -> list[RingkasanPD]:
    """The working year of each perangkat daerah with its four quarters (two queries)."""
    pada = pada or hari_ini()
    lkjip: dict[int, list[LKjIP]] = defaultdict(list)
    for row in LKjIP.objects.filter(perangkat_daerah__in=daftar).order_by("-tahun"):
        lkjip[row.perangkat_daerah_id].append(row)
    hasil = []
    for pd in daftar:
        baris = lkjip.get(pd.pk, [])
        hasil.append(
            RingkasanPD(
                pd=pd,
                tahun=baris[0].tahun if baris else None,
                tahun_semua=[r.tahun for r in baris],
                lkjip=baris[0] if baris else None,
            )
        )
    kunci = Q(pk__in=[])
    for r in hasil:
        if r.tahun is not None:
            kunci |= Q(perangkat_daerah=r.pd, tahun=r.tahun)
    status: dict[int, dict[int, str]] = defaultdict(dict)
    if any(r.tahun for r in hasil):
        for s in StatusTriwulan.objects.filter(kunci).values(
            "perangkat_daerah_id", "triwulan", "status"
        ):
            status[s["perangkat_daerah_id"]][s["triwulan"]] = s["status"]
    label = dict(S.choices)
    libur_per_pemda(r.pd.pemda for r in hasil if r.tahun is not None)
    for r in hasil:
        if r.tahun is None:
            continue
        for t in tenggat_tahun(r.pd.pemda, r.tahun, status[r.pd.pk], pada):
            url = reverse(
                "realisasi-triwulan",
                kwargs={"kode": r.pd.kode, "tahun": r.tahun, "triwulan": t.triwulan},
            )
            r.triwulan.append(Triwulan(tenggat=t, status_label=label[t.status], url=url))
    return hasil


def kekurangan_operator(r: RingkasanPD) -> None:
    """Fill, for the quarters still open, how many targets lack a realisasi and how many
    realisasi lack evidence, and the kepala's comment on a returned quarter (three queries)."""
    if r.tahun is None:
        return
    terbuka = {t.tenggat.triwulan: t for t in r.triwulan if not t.tenggat.sudah_masuk}
    if not terbuka:
        return
    ada_nilai = Q(nilai__isnull=False) | Q(pembilang__isnull=False)
    target = set(
        RencanaAksi.objects.filter(
            ada_nilai,
            indikator__renstra__perangkat_daerah=r.pd,
            tahun=r.tahun,
            triwulan__in=terbuka,
        ).values_list("indikator_id", "triwulan")
    )
    terisi = set()
    for row in (
        Realisasi.objects.filter(
            ada_nilai,
            indikator__renstra__perangkat_daerah=r.pd,
            tahun=r.tahun,
            triwulan__in=terbuka,
        )
        .annotate(jumlah_bukti=Count("bukti_dukung"))
        .values("indikator_id", "triwulan", "jumlah_bukti")
    ):
        terisi.add((row["indikator_id"], row["triwulan"]))
        if not row["jumlah_bukti"]:
            terbuka[row["triwulan"]].tanpa_bukti += 1
    for _ind, tw in target - terisi:
        terbuka[tw].tanpa_realisasi += 1
    dikembalikan = [tw for tw, t in terbuka.items() if t.tenggat.status == S.DIKEMBALIKAN]
    if dikembalikan:
        for langkah in (
            LangkahReview.objects.filter(
                status_triwulan__perangkat_daerah=r.pd,
                status_triwulan__tahun=r.tahun,
                status_triwulan__triwulan__in=dikembalikan,
                ke=S.DIKEMBALIKAN,
            )
            .order_by("waktu", "id")
            .values("status_triwulan__triwulan", "komentar")
        ):
            # The latest return wins.
            terbuka[langkah["status_triwulan__triwulan"]].komentar = langkah["komentar"]


@dataclass
class Menunggu:
    """A quarter submitted to the kepala and waiting for review."""

    tahun: int
    triwulan: int
    diajukan_pada: datetime.datetime
    url: str

    @property
    def romawi(self) -> str:
        return ("I", "II", "III", "IV")[self.triwulan - 1]


def menunggu_kepala(pd: PerangkatDaerah) -> tuple[list[Menunggu], list[LKjIP]]:
    """Quarters and LKjIP the kepala has to review (two queries)."""
    triwulan = [
        Menunggu(
            tahun=s.tahun,
            triwulan=s.triwulan,
            diajukan_pada=s.diubah_pada,
            url=reverse(
                "realisasi-triwulan",
                kwargs={"kode": pd.kode, "tahun": s.tahun, "triwulan": s.triwulan},
            ),
        )
        for s in StatusTriwulan.objects.filter(perangkat_daerah=pd, status=S.DIAJUKAN).order_by(
            "tahun", "triwulan"
        )
    ]
    lkjip = list(
        LKjIP.objects.filter(perangkat_daerah=pd, status=LKjIP.Status.DIAJUKAN).order_by("tahun")
    )
    return triwulan, lkjip


def baru_ditetapkan(daftar: list[PerangkatDaerah]) -> list[SnapshotLKjIP]:
    """LKjIP signed in the last HARI_BARU days among these perangkat daerah (one query)."""
    batas = timezone.now() - datetime.timedelta(days=HARI_BARU)
    return list(
        SnapshotLKjIP.objects.filter(lkjip__perangkat_daerah__in=daftar, ditetapkan_pada__gte=batas)
        .select_related("lkjip__perangkat_daerah")
        .order_by("-ditetapkan_pada", "-pk")[:50]
    )


def tugas(user, daftar: list[PerangkatDaerah]) -> dict:
    """The context of the home page for this user: what waits for them."""
    p = peran(user)
    jenis = p.jenis if p is not None else ("admin_pemda" if user.is_superuser else "")
    semua = ringkasan(daftar)
    ctx: dict = {"jenis": jenis, "ringkasan": semua}
    if jenis in (Peran.Jenis.OPERATOR, Peran.Jenis.KEPALA) and semua:
        sendiri = semua[0]
        ctx["sendiri"] = sendiri
        if jenis == Peran.Jenis.OPERATOR:
            kekurangan_operator(sendiri)
        else:
            ctx["menunggu_triwulan"], ctx["menunggu_lkjip"] = menunggu_kepala(sendiri.pd)
    elif jenis in (*PERAN_INSPEKTORAT, Peran.Jenis.ADMIN_PEMDA):
        ctx["baru_ditetapkan"] = baru_ditetapkan(daftar)
        ctx["hari_baru"] = HARI_BARU
        ctx["jumlah"] = {
            "pd": len(semua),
            "diajukan": sum(r.jumlah(S.DIAJUKAN) for r in semua),
            "dikembalikan": sum(r.jumlah(S.DIKEMBALIKAN) for r in semua),
            "disetujui": sum(r.jumlah(S.DISETUJUI) for r in semua),
            "terlambat": sum(len(r.terlambat) for r in semua),
            "lkjip_diajukan": sum(
                1 for r in semua if r.lkjip and r.lkjip.status == LKjIP.Status.DIAJUKAN
            ),
            "lkjip_ditetapkan": sum(
                1 for r in semua if r.lkjip and r.lkjip.status == LKjIP.Status.DITETAPKAN
            ),
        }
    return ctx
