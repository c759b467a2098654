"""The Renstra period a year falls in: which Renstra covers it, which years answer, and
the indicators with a Renstra target that year (what a new year's PK starts from)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from kinerja.models import (
    Indikator,
    PerangkatDaerah,
    Renstra,
    TargetTahunan,
)

PESAN_TAHUN_TANPA_RENSTRA = (
    "Tahun {tahun} berada di luar periode Renstra {pd}{periode}. Susun Renstra baru yang "
    "mencakup tahun {tahun} terlebih dahulu."
)


def renstra_tahun(pd: PerangkatDaerah, tahun: int) -> Renstra | None:
    """The Renstra of the perangkat daerah whose period covers ``tahun`` (the latest if several)."""
    return (
        Renstra.objects.filter(perangkat_daerah=pd, mulai__lte=tahun, selesai__gte=tahun)
        .order_by("-mulai")
        .first()
    )


def tahun_terjangkau(pd: PerangkatDaerah, tahun: int) -> bool:
    """Whether the pages of ``tahun`` answer (rather than 404) for a year not opened yet:
    every year of a Renstra period of the perangkat daerah, and the year after the latest
    period (where opening is refused with the offer of a new Renstra)."""
    periode = list(Renstra.objects.filter(perangkat_daerah=pd).values_list("mulai", "selesai"))
    return dalam_jangkauan(tahun, periode)


def dalam_jangkauan(tahun: int, periode: list[tuple[int, int]]) -> bool:
    """:func:`tahun_terjangkau` over the (mulai, selesai) of the Renstra periods."""
    if any(mulai <= tahun <= selesai for mulai, selesai in periode):
        return True
    return bool(periode) and tahun == max(selesai for _, selesai in periode) + 1


def pastikan_renstra_tahun(pd: PerangkatDaerah, tahun: int) -> Renstra:
    """The Renstra covering ``tahun``; a ValidationError naming the periods there are otherwise."""
    renstra = renstra_tahun(pd, tahun)
    if renstra is None:
        daftar = ", ".join(
            f"{r.mulai}–{r.selesai}"
            for r in Renstra.objects.filter(perangkat_daerah=pd).order_by("mulai")
        )
        raise ValidationError(
            PESAN_TAHUN_TANPA_RENSTRA.format(
                tahun=tahun, pd=pd.nama, periode=f" ({daftar})" if daftar else ""
            )
        )
    return renstra


def indikator_target_renstra(renstra: Renstra, tahun: int) -> list[tuple[Indikator, TargetTahunan]]:
    """The indicators a PK holds (tujuan, sasaran and program level) with their Renstra target
    for ``tahun``, in the Renstra's order; indicators without a target that year are left out."""
    target = {
        t.indikator_id: t
        for t in TargetTahunan.objects.filter(indikator__renstra=renstra, tahun=tahun)
    }
    return [
        (ind, target[ind.pk])
        for ind in Indikator.objects.filter(
            renstra=renstra, kegiatan=None, sub_kegiatan=None
        ).order_by("urutan", "kode")
        if ind.pk in target
    ]
