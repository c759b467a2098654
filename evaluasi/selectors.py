"""Read-only queries of the LKE: a worksheet version as the engine's ``Lembar``, the
version an evaluation uses, its answers, and the evidence of a perangkat daerah that a
criterion may link to."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.urls import NoReverseMatch, reverse

from evaluasi.models import EvaluasiLke, JawabanLke, KriteriaLke, TemplateLke
from kinerja.engine import lke
from kinerja.models import (
    BuktiDukung,
    Pemda,
    PerangkatDaerah,
    PerjanjianKinerja,
    RencanaAksi,
    Renstra,
)
from laporan.models import SnapshotLKjIP


def kode_kriteria(k: KriteriaLke) -> str:
    return f"{k.sub.komponen.nomor}.{k.sub.nomor}.{k.nomor}"


def kriteria_template(template: TemplateLke) -> list[KriteriaLke]:
    return list(
        KriteriaLke.objects.filter(sub__komponen__template=template)
        .select_related("sub__komponen")
        .order_by("sub__komponen__nomor", "sub__nomor", "nomor")
    )


def pilihan_skala(template: TemplateLke, skala: str) -> list[tuple[str, Decimal]]:
    """The answers of a scale of the version, in order, with their values."""
    return [(j, Decimal(str(v))) for j, v in template.skala.get(skala, {}).get("nilai", [])]


def skala_engine(template: TemplateLke) -> dict[str, dict[str, Decimal]]:
    return {kode: dict(pilihan_skala(template, kode)) for kode in template.skala}


def lembar(template: TemplateLke) -> lke.Lembar:
    """The worksheet version as the engine computes on it (criteria by their kode)."""
    komponen = []
    for komp in template.komponen.prefetch_related("sub__kriteria").order_by("nomor"):
        sub = tuple(
            lke.SubKomponen(
                f"{komp.nomor}.{s.nomor}",
                s.bobot,
                tuple(
                    lke.Kriteria(f"{komp.nomor}.{s.nomor}.{k.nomor}", k.skala, k.bobot)
                    for k in sorted(s.kriteria.all(), key=lambda k: k.nomor)
                ),
            )
            for s in sorted(komp.sub.all(), key=lambda s: s.nomor)
        )
        komponen.append(lke.Komponen(str(komp.nomor), komp.bobot, sub))
    return lke.Lembar(tuple(komponen), skala_engine(template))


def template_dipakai(template: TemplateLke) -> bool:
    return EvaluasiLke.objects.filter(template=template).exists()


def template_terbaru(pemda: Pemda) -> TemplateLke | None:
    return TemplateLke.objects.filter(pemda=pemda).order_by("-versi").first()


def jawaban_evaluasi(evaluasi: EvaluasiLke) -> list[JawabanLke]:
    return list(
        evaluasi.jawaban.select_related("kriteria__sub__komponen").order_by(
            "kriteria__sub__komponen__nomor", "kriteria__sub__nomor", "kriteria__nomor"
        )
    )


def hasil(evaluasi: EvaluasiLke, *, evaluator: bool) -> lke.HasilLke:
    """The score of the self-assessment (``evaluator`` False) or of the evaluator's answers."""
    daftar = jawaban_evaluasi(evaluasi)
    jawab = {
        kode_kriteria(j.kriteria): (j.nilai_evaluator if evaluator else j.jawaban) for j in daftar
    }
    return lke.hitung_lke(lembar(evaluasi.template), jawab)


@dataclass(frozen=True)
class PilihanBukti:
    """Evidence already in the application: ``nilai`` "jenis:ref" as a form posts it."""

    jenis: str
    ref: str
    label: str
    url: str | None

    @property
    def nilai(self) -> str:
        return f"{self.jenis}:{self.ref}"


def _url(nama: str, **kwargs) -> str | None:
    try:
        return reverse(nama, kwargs=kwargs)
    except NoReverseMatch:
        return None


def pilihan_bukti(pd: PerangkatDaerah, tahun: int) -> list[PilihanBukti]:
    """What a criterion of the perangkat daerah's evaluation of ``tahun`` may link to: its
    Renstra, its PK and rencana aksi of the year, the evidence of its realisasi, and its
    signed LKjIP of this year and the year before."""
    Jenis = JawabanLke.Bukti
    kode = pd.kode
    hasil: list[PilihanBukti] = [
        PilihanBukti(
            Jenis.RENSTRA,
            str(r.pk),
            f"Renstra {r.mulai}–{r.selesai}",
            _url("perencanaan-renstra", kode=kode),
        )  # fmt: skip
        for r in Renstra.objects.filter(perangkat_daerah=pd).order_by("mulai")
    ]
    hasil += [
        PilihanBukti(
            Jenis.PK,
            str(p.pk),
            f"PK {p.tahun} ({p.versi})",
            _url("perencanaan-pk", kode=kode, tahun=p.tahun),
        )  # fmt: skip
        for p in PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=tahun).order_by(
            "urutan_versi"
        )
    ]
    if RencanaAksi.objects.filter(indikator__renstra__perangkat_daerah=pd, tahun=tahun).exists():
        hasil.append(
            PilihanBukti(
                Jenis.RENCANA_AKSI,
                str(tahun),
                f"Rencana aksi {tahun}",
                _url("perencanaan-rencana-aksi", kode=kode, tahun=tahun),
            )  # fmt: skip
        )
    for b in BuktiDukung.objects.filter(
        realisasi__indikator__renstra__perangkat_daerah=pd, realisasi__tahun=tahun
    ).select_related("realisasi__indikator"):
        r = b.realisasi
        label = f"Bukti realisasi {r.indikator.kode} triwulan {r.triwulan}: {b.nama_asli}"
        url = _url("bukti-unduh", kode=kode, tahun=r.tahun, bukti_id=b.pk)
        hasil.append(PilihanBukti(Jenis.REALISASI, str(b.pk), label, url))
    for s in (
        SnapshotLKjIP.objects.filter(
            lkjip__perangkat_daerah=pd, lkjip__tahun__in=(tahun, tahun - 1)
        )
        .select_related("lkjip")
        .order_by("-lkjip__tahun", "-versi")
    ):
        label = f"LKjIP {s.lkjip.tahun} ditetapkan, versi {s.versi}"
        url = _url("lkjip-snapshot", kode=kode, tahun=s.lkjip.tahun, versi=s.versi)
        hasil.append(PilihanBukti(Jenis.LKJIP, str(s.pk), label, url))
    return hasil


def bukti_jawaban(j: JawabanLke, pilihan: dict[str, PilihanBukti]) -> PilihanBukti | None:
    """The evidence an answer links to (``pilihan`` by "jenis:ref"), or its link."""
    if j.bukti_jenis == JawabanLke.Bukti.TAUTAN:
        return PilihanBukti(j.bukti_jenis, j.bukti_ref, j.bukti_ref, j.bukti_ref)
    if not j.bukti_jenis:
        return None
    return pilihan.get(f"{j.bukti_jenis}:{j.bukti_ref}")
