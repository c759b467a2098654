"""Everything the document reads from the database for one year, in one place.

:func:`load_data_tahun` runs ``paket_muat`` and ``hitung`` plus a fixed number of
queries (narrative, BAB I tables, evidence list, signers, explanations of the
findings, earlier years and the automatic benchmark against the other perangkat
daerah of the pemda), whatever the number of indicators, and returns a
:class:`DataTahun`. No chapter module queries the database.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from kinerja import models as km
from kinerja import penandatangan
from kinerja.engine.angka import Nilai
from kinerja.engine.capaian import target_acuan
from kinerja.engine.hitung import Hasil, HasilIndikator, HitungError, hitung
from kinerja.engine.penilaian import nilai_indikator
from kinerja.engine.realisasi import Rasio, TipePenghitungan, nilai_tahunan
from kinerja.paket import types as t
from kinerja.selectors.tahun import tahun_terkunci_pd
from laporan.dokumen.data import (
    SUMBER_DITETAPKAN,
    SUMBER_TRIWULAN,
    BandingPD,
    BuktiBaris,
    PejabatDok,
)
from laporan.models import LKjIP, Narasi, PembandingPD, Rekomendasi
from laporan.selectors_paket import paket_muat
from laporan.services.tetap import penjelasan_tahun
from lib.format import format_nip


@dataclass
class DataTahun:
    paket: t.Paket
    th: t.Tahun
    hasil: Hasil
    lkjip: LKjIP | None
    narasi: dict[str, Narasi]
    sdm: list
    sarpras: list
    bukti: list[BuktiBaris]
    pd_lain: dict[str, list[BandingPD]]
    # The signers of the year (kinerja.penandatangan): the kepala, the kepala daerah and
    # the officials of the cascaded PKs by jabatan.
    kepala: PejabatDok | None = None
    kepala_daerah: PejabatDok | None = None
    pejabat_pkb: dict[str, PejabatDok] = field(default_factory=dict)
    # Finding key → the operator's explanation (kinerja.services.tetap).
    penjelasan: dict[str, str] = field(default_factory=dict)
    # Earlier years held in the application (lived in it, not imported as history):
    # year → indicator code → its annual result, for the comparison with earlier years.
    hasil_lalu: dict[int, dict[str, HasilIndikator]] = field(default_factory=dict)
    # The comparison perangkat daerah the pemda named (laporan.models.PembandingPD):
    # indicator code → one entry per named perangkat daerah with the same indicator, its
    # figures from signed or approved data, or none (``sumber`` "") when it has neither.
    pd_pembanding: dict[str, list[BandingPD]] = field(default_factory=dict)
    # The recommendations of the evaluation of the year before and their follow-up
    # (laporan.models.Rekomendasi), the matrix of BAB IV.
    rekomendasi: list[Rekomendasi] = field(default_factory=list)


def load_data_tahun(pd: km.PerangkatDaerah, tahun: int) -> DataTahun:
    if not km.Renstra.objects.filter(perangkat_daerah=pd).exists():
        raise HitungError(f"{pd.nama} belum memiliki Renstra; LKjIP belum dapat disusun")
    paket = paket_muat(pd, tahun)
    hasil = hitung(paket, tahun)  # raises HitungError when the year has no data
    th = paket.cari_tahun(tahun)
    assert th is not None
    lkjip = LKjIP.objects.filter(perangkat_daerah=pd, tahun=tahun).first()
    narasi: dict[str, Narasi] = {}
    sdm: list = []
    sarpras: list = []
    if lkjip is not None:
        narasi = {n.bagian: n for n in Narasi.objects.filter(lkjip=lkjip)}
        sdm = list(lkjip.data_sdm.order_by("urutan", "id"))
        sarpras = list(lkjip.sarana_prasarana.order_by("urutan", "id"))
    bukti = [
        BuktiBaris(
            indikator_kode=b.realisasi.indikator.kode,
            indikator_nama=b.realisasi.indikator.nama,
            triwulan=b.realisasi.triwulan,
            nama=b.nama_asli,
            jenis=b.get_jenis_display(),
            ukuran=b.ukuran,
            waktu=b.waktu,
        )
        for b in km.BuktiDukung.objects.filter(
            realisasi__indikator__renstra__perangkat_daerah=pd, realisasi__tahun=tahun
        )
        .select_related("realisasi__indikator")
        .order_by("realisasi__indikator__urutan", "realisasi__triwulan", "waktu", "id")
    ]
    sendiri = [
        i
        for tj in paket.renstra.tujuan
        for i in [*tj.indikator, *(x for s in tj.sasaran for x in s.indikator)]
    ]
    pd_lain, pd_pembanding = _banding_pd_lain(pd, tahun, sendiri, paket.pemda.aturan)
    # One query for every signer; without officials kept for the year, the
    # paket's own kepala stand in (see susun_identitas).
    pejabat = penandatangan.pejabat_tahun(pd, tahun)
    kepala, _ = penandatangan.kepala_dari(pejabat, pd.pk)
    daerah, _ = penandatangan.kepala_dari(pejabat, None)
    pejabat_pkb = {
        b.jabatan: pejabat_dok_db(p)
        for b in th.pk_berjenjang
        if (p := penandatangan.pejabat_jabatan(pd, tahun, b.jabatan, pejabat)) is not None
    }
    return DataTahun(
        paket,
        th,
        hasil,
        lkjip,
        narasi,
        sdm,
        sarpras,
        bukti,
        pd_lain,
        kepala=pejabat_dok_db(kepala),
        kepala_daerah=pejabat_dok_db(
            daerah, jabatan=penandatangan.jabatan_kepala_daerah(paket.pemda)
        ),
        pejabat_pkb=pejabat_pkb,
        penjelasan={k: p.teks for k, p in penjelasan_tahun(pd, tahun).items()},
        hasil_lalu=_hasil_lalu(paket, tahun),
        pd_pembanding=pd_pembanding,
        rekomendasi=list(
            Rekomendasi.objects.filter(perangkat_daerah=pd, tahun=tahun - 1).order_by("urutan")
        ),
    )


def _hasil_lalu(paket: t.Paket, tahun: int) -> dict[int, dict[str, HasilIndikator]]:
    """The annual results of the years before ``tahun`` held in the paket (pure)."""
    hasil: dict[int, dict[str, HasilIndikator]] = {}
    for th in paket.tahun:
        if th.tahun < tahun:
            try:
                hasil[th.tahun] = hitung(paket, th.tahun).indikator_per_kode()
            except HitungError:
                continue
    return hasil


def _normal(nama: str) -> str:
    return re.sub(r"\s+", " ", nama).strip().casefold()


def _banding_pd_lain(
    pd: km.PerangkatDaerah, tahun: int, sendiri: list[t.Indikator], aturan: t.Aturan
) -> tuple[dict[str, list[BandingPD]], dict[str, list[BandingPD]]]:
    """The same tujuan/sasaran indicators (same name, or same code at the same level) in
    the other perangkat daerah of the pemda, with their realisasi of ``tahun`` computed by
    the pemda's rules.

    Only data that cannot change any more counts: the realisasi of a signed year (locked,
    ``kinerja.selectors.tahun``), or, where the year is not signed, the quarters the kepala
    approved (``StatusTriwulan`` disetujui), marked as such. A draft never counts. Seven
    queries, whatever the number of perangkat daerah.

    Second, the same for the perangkat daerah the pemda named as this one's comparison
    (``PembandingPD``): each named one with the indicator gets an entry, without figures
    when it has no signed or approved data."""
    if not sendiri:
        return {}, {}
    cocok = _indikator_pd_lain(pd, sendiri)
    if not cocok:
        return {}, {}
    dinamai = set(
        PembandingPD.objects.filter(perangkat_daerah=pd).values_list("pembanding_id", flat=True)
    )
    pd_ids = {row.renstra.perangkat_daerah_id for row, _ in cocok.values()}
    ditetapkan = tahun_terkunci_pd(pd_ids, tahun)
    disetujui = _triwulan_disetujui(pd_ids - ditetapkan, tahun)
    ids = [
        iid
        for iid, (row, _) in cocok.items()
        if row.renstra.perangkat_daerah_id in ditetapkan
        or disetujui.get(row.renstra.perangkat_daerah_id)
    ]
    tw = _realisasi_triwulan(ids, tahun)
    target = _target_pd_lain(ids, tahun)
    hasil: dict[str, list[BandingPD]] = defaultdict(list)
    pembanding: dict[str, list[BandingPD]] = defaultdict(list)
    for iid in ids:
        row, milik = cocok[iid]
        pid = row.renstra.perangkat_daerah_id
        nilai_tw = tw.get(iid)
        sumber = SUMBER_DITETAPKAN
        if pid not in ditetapkan:
            sumber = SUMBER_TRIWULAN
            if nilai_tw is not None:
                nilai_tw = [v if n + 1 in disetujui[pid] else None for n, v in enumerate(nilai_tw)]
        banding = _banding(row, nilai_tw, target.get(iid), aturan, sumber)
        hasil[milik].append(banding)
        if pid in dinamai:
            pembanding[milik].append(banding)
    for iid, (row, milik) in cocok.items():
        if row.renstra.perangkat_daerah_id in dinamai and iid not in ids:
            pembanding[milik].append(_banding(row, None, None, aturan, ""))
    # One entry per named perangkat daerah and indicator (two of its indicators may match
    # one of ours, by name and by code): the first, which has data when one has.
    satu = {
        milik: sorted({x.pd_kode: x for x in reversed(daftar)}.values(), key=lambda x: x.pd_kode)
        for milik, daftar in pembanding.items()
    }
    return dict(hasil), satu


def _triwulan_disetujui(pd_ids: set[int], tahun: int) -> dict[int, set[int]]:
    """Perangkat daerah id → the quarters of ``tahun`` its kepala approved (one query)."""
    hasil: dict[int, set[int]] = defaultdict(set)
    for pid, triwulan in km.StatusTriwulan.objects.filter(
        perangkat_daerah_id__in=pd_ids, tahun=tahun, status=km.StatusTriwulan.Status.DISETUJUI
    ).values_list("perangkat_daerah_id", "triwulan"):
        hasil[pid].add(triwulan)
    return hasil


def _indikator_pd_lain(
    pd: km.PerangkatDaerah, sendiri: list[t.Indikator]
) -> dict[int, tuple[km.Indikator, str]]:
    """Indicator id → (the other perangkat daerah's indicator, the code of ours it matches),
    from the latest Renstra of each other perangkat daerah (one query)."""
    per_nama = {_normal(i.nama): i.kode for i in sendiri}
    per_kode = {(i.kode, i.tingkat): i.kode for i in sendiri}
    kandidat = list(
        km.Indikator.objects.filter(renstra__perangkat_daerah__pemda_id=pd.pemda_id)
        .exclude(renstra__perangkat_daerah_id=pd.pk)
        .filter(Q(tujuan__isnull=False) | Q(sasaran__isnull=False) | Q(program__isnull=False))
        .select_related("renstra__perangkat_daerah")
        .order_by("renstra__perangkat_daerah__kode", "urutan")
    )
    terbaru: dict[int, int] = {}
    for row in kandidat:
        pid = row.renstra.perangkat_daerah_id
        terbaru[pid] = max(terbaru.get(pid, 0), row.renstra.mulai)
    cocok: dict[int, tuple[km.Indikator, str]] = {}
    for row in kandidat:
        if row.renstra.mulai != terbaru[row.renstra.perangkat_daerah_id]:
            continue
        milik = per_nama.get(_normal(row.nama)) or per_kode.get((row.kode, row.tingkat))
        if milik is not None:
            cocok[row.id] = (row, milik)
    return cocok


def _realisasi_triwulan(ids: list[int], tahun: int) -> dict[int, list]:
    """Indicator id → its four quarters of ``tahun``: a Rasio, (value, label) or None."""
    tw: dict[int, list] = defaultdict(lambda: [None] * 4)
    for r in km.Realisasi.objects.filter(indikator_id__in=ids, tahun=tahun):
        if r.pembilang is not None and r.penyebut is not None:
            tw[r.indikator_id][r.triwulan - 1] = Rasio(r.pembilang, r.penyebut)
        elif r.nilai is not None:
            tw[r.indikator_id][r.triwulan - 1] = (r.nilai, r.label or None)
    return tw


def _target_pd_lain(ids: list[int], tahun: int) -> dict[int, tuple[int, Nilai]]:
    """Indicator id → (PK version order, target): the latest PK, else the Renstra."""
    target: dict[int, tuple[int, Nilai]] = {}
    for x in km.TargetPK.objects.filter(
        indikator_id__in=ids, perjanjian_kinerja__tahun=tahun
    ).select_related("perjanjian_kinerja"):
        urutan = x.perjanjian_kinerja.urutan_versi
        if x.indikator_id not in target or target[x.indikator_id][0] < urutan:
            target[x.indikator_id] = (urutan, x.sebagai_nilai())
    for x in km.TargetTahunan.objects.filter(indikator_id__in=ids, tahun=tahun):
        target.setdefault(x.indikator_id, (-1, x.sebagai_nilai()))
    return target


def _banding(
    row: km.Indikator,
    nilai_tw: list | None,
    tgt: tuple[int, Nilai] | None,
    aturan: t.Aturan,
    sumber: str,
) -> BandingPD:
    """One other perangkat daerah's indicator, judged by the pemda's rules (pure)."""
    realisasi = label_r = None
    if nilai_tw is not None:
        angka = [v[0] if isinstance(v, tuple) else v for v in nilai_tw]
        realisasi = nilai_tahunan(angka, TipePenghitungan(row.tipe_penghitungan))
        label_r = next((v[1] for v in reversed(nilai_tw) if isinstance(v, tuple) and v[1]), None)
    capaian = predikat = None
    target = target_acuan(tgt[1], aturan.acuan_rentang) if tgt else None
    if target is not None and realisasi is not None:
        nilai = nilai_indikator(row, aturan, target=target, realisasi=_d(realisasi))
        capaian, predikat = nilai.tampil, nilai.predikat
    pdl = row.renstra.perangkat_daerah
    return BandingPD(
        pd_kode=pdl.kode,
        pd_nama=pdl.nama,
        indikator_kode=row.kode,
        indikator_nama=row.nama,
        target=target,
        target_label=tgt[1].label if tgt else None,
        realisasi=_d(realisasi) if realisasi is not None else None,
        realisasi_label=label_r,
        capaian=capaian,
        predikat=predikat,
        sumber=sumber,
    )


def _d(x: Decimal | None) -> Decimal | None:
    """Drop the column scale of a stored decimal (75.350000 → 75.35)."""
    if x is None:
        return None
    x = Decimal(x)
    return x.normalize() if x != x.to_integral_value() else Decimal(int(x))


def pejabat_dok_db(p: km.Pejabat | None, *, jabatan: str = "") -> PejabatDok | None:
    """An official of the year (kinerja.penandatangan) as the document shows it."""
    if p is None:
        return None
    return PejabatDok(
        nama=p.nama_lengkap,
        jabatan=jabatan or p.jabatan,
        pangkat=p.pangkat,
        golongan=p.golongan,
        nip=format_nip(p.nip) if p.nip else "",
        status=p.status if p.status != km.StatusPejabat.DEFINITIF else "",
    )
