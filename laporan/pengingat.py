"""The LKjIP as a source of reminders (``kinerja.services.pengingat``).

It lives in ``laporan`` because it reads the LKjIP status; ``laporan.apps``
registers it. The kepala of the perangkat daerah answers for the LKjIP: it is done
once signed ("ditetapkan").
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.urls import reverse

from kinerja.models import Pemda, Peran, PerangkatDaerah
from kinerja.services.pengingat import Tenggat, daftarkan_sumber, penerima_per_pd
from kinerja.services.tenggat import tenggat_lkjip_pemda
from laporan.models import LKjIP


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
