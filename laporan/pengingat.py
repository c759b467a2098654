"""The LKjIP and the follow-up of the LHE recommendations as sources of reminders (``kinerja.services.pengingat``).

It lives in ``laporan`` because it reads the LKjIP status; ``laporan.apps``
registers it. The kepala of the perangkat daerah answers for the LKjIP: it is done
once signed ("ditetapkan").
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db.models.functions import Coalesce
from django.urls import reverse

from kinerja.models import Pemda, Peran, PerangkatDaerah
from kinerja.services.pengingat import Tenggat, daftarkan_sumber, penerima_per_pd
from kinerja.services.tenggat import tenggat_lkjip_pemda
from laporan.models import LKjIP, Rekomendasi


@daftarkan_sumber
def tenggat_lkjip_sumber(
    pemda: Pemda, pds: Sequence[PerangkatDaerah], pada: datetime.date
) -> list[Tenggat]:
    """The LKjIP of last year and this year held for these perangkat daerah (two queries)."""
    baris = list(
        LKjIP.objects.filter(perangkat_daerah__in=pds, tahun__in=(pada.year - 1, pada.year))
        .select_related("perangkat_daerah")
        .order_by("perangkat_daerah__kode", "tahun")
    )
    if not baris:
        return []
    kepala = penerima_per_pd(pds, Peran.Jenis.KEPALA)
    hasil = []
    for r in baris:
        pd = r.perangkat_daerah
        hasil.append(
            Tenggat(
                kunci=f"lkjip:{pd.kode}:{r.tahun}",
                judul=f"Penyampaian LKjIP {r.tahun} {pd.nama}",
                tanggal=tenggat_lkjip_pemda(pemda, r.tahun),
                penerima=kepala.get(pd.pk, ()),
                selesai=r.status == LKjIP.Status.DITETAPKAN,
                url=reverse("lkjip-editor", kwargs={"kode": pd.kode, "tahun": r.tahun}),
            )
        )
    return hasil


@daftarkan_sumber
def tenggat_tindak_lanjut_sumber(
    pemda: Pemda, pds: Sequence[PerangkatDaerah], pada: datetime.date
) -> list[Tenggat]:
    """The follow-up of every recommendation with a due date (the perangkat daerah's, else
    the evaluator's) within a year of ``pada``; the operator answers for it, and it is
    done once the evaluator accepts it (two queries)."""
    batas = (pada - datetime.timedelta(days=366), pada + datetime.timedelta(days=366))
    baris = list(
        Rekomendasi.objects.filter(perangkat_daerah__in=pds)
        .annotate(t=Coalesce("tanggal_target", "target"))
        .filter(t__range=batas)
        .select_related("perangkat_daerah")
        .order_by("perangkat_daerah__kode", "tahun", "urutan")
    )
    if not baris:
        return []
    operator = penerima_per_pd(pds, Peran.Jenis.OPERATOR)
    return [
        Tenggat(
            kunci=f"tindak_lanjut:{r.pk}:{r.tenggat.isoformat()}",
            judul=(
                f"Tindak lanjut rekomendasi {r.urutan} hasil evaluasi {r.tahun} "
                f"{r.perangkat_daerah.nama}"
            ),
            tanggal=r.tenggat,
            penerima=operator.get(r.perangkat_daerah_id, ()),
            selesai=r.tinjauan == Rekomendasi.Tinjauan.DITERIMA,
            url=reverse("tindak-lanjut", kwargs={"kode": r.perangkat_daerah.kode}) + f"#r-{r.pk}",
        )
        for r in baris
    ]
