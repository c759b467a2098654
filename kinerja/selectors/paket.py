"""Read what kinerja holds for a perangkat daerah back as a paket (``kinerja.paket.types``).

The loader is layered like the apps, one part per layer and one code path per part:

- ``paket_kinerja`` (here) fills what kinerja owns: the pemda and its rules, the
  perangkat daerah and its officials, the Renstra and its program tree, and per
  year the PK, cascaded PK, rencana aksi, realisasi, pembanding, SKM and reported
  figures;
- ``anggaran.selectors_paket.paket_anggaran`` adds the budget (DPA, pagu,
  realisasi anggaran);
- ``laporan.selectors_paket.paket_muat`` adds the report's place and date: the
  whole paket, which the screens, the document and the commands use.

Each part reads with a fixed number of queries, whatever the size of the Renstra.

With ``hanya_tahun`` (the screens of one year: the dashboard, the budget summary,
the detailed calculation, the readiness check and the drafts, the pohon kinerja)
the rows of the year ``tahun`` are read in full, and of the other years only what
those screens and ``hitung`` read from them: the realisasi of every indicator in the
year before and in the years the year's reported figures compare with
(``tahun_banding``), and for the IKU the realisasi and PK targets of every earlier
year (the dashboard's charts). The other years stay in ``paket.tahun``, empty but
for those. The queries are the same ones, so their number stays fixed.

A paket holds one Renstra: the one whose period contains ``tahun`` (the latest
when ``tahun`` is None or no period contains it). Years covered by another of
the perangkat daerah's Renstra are left out, since their indicators and program
tree are that Renstra's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, Subquery

from kinerja import models as m
from kinerja.aturan import aturan_berlaku, aturan_pemda
from kinerja.engine.angka import Nilai
from kinerja.engine.capaian import Polaritas, RumusNegatif
from kinerja.engine.realisasi import Rasio, TipePenghitungan
from kinerja.paket import types as t
from kinerja.selectors.tahun import tahun_list
from lib.decimals import strip_scale


@dataclass
class LoadedPaket:
    """A paket being read, with what the layers above need to add their rows to it."""

    paket: t.Paket
    renstra: m.Renstra | None
    # Years of another Renstra of the perangkat daerah: left out of every part.
    tahun_lain: set[int]
    kode_indikator: dict[int, str]
    # (level, id) -> code of every node of the program tree.
    kode_node: dict[tuple[str, int], str]
    # Set with ``hanya_tahun``: the one year whose rows are read in full.
    tahun_tampil: int | None = None

    def saring_tahun(self, qs):
        """``qs`` (rows with a ``tahun``) without the years left out: another Renstra's,
        and with ``hanya_tahun`` every year but the one shown."""
        if self.tahun_tampil is not None:
            return qs.filter(tahun=self.tahun_tampil)
        return qs.exclude(tahun__in=self.tahun_lain)

    def per_tahun(self) -> dict[int, t.Tahun]:
        return {th.tahun: th for th in self.paket.tahun}

    def node_kode(self, row) -> str:
        """The code of the program-tree node a budget row (pagu, realisasi) belongs to."""
        if row.sub_kegiatan_id:
            return self.kode_node[("sub_kegiatan", row.sub_kegiatan_id)]
        if row.kegiatan_id:
            return self.kode_node[("kegiatan", row.kegiatan_id)]
        return self.kode_node[("program", row.program_id)]


def _nilai_db(angka: Decimal | None, label: str, atas: Decimal | None = None) -> Nilai | None:
    """A value as stored; ``atas`` the upper bound of a target stated as a range."""
    angka = strip_scale(angka)
    if angka is None:
        return None
    return Nilai(angka, label or None, strip_scale(atas))


def _pejabat(p: m.Pejabat | None) -> t.Pejabat | None:
    if p is None:
        return None
    return t.Pejabat(
        nama=p.nama,
        jabatan=p.jabatan,
        gelar_depan=p.gelar_depan or None,
        gelar_belakang=p.gelar_belakang or None,
        pangkat=p.pangkat or None,
        golongan=p.golongan or None,
        nip=p.nip or None,
        status=None if p.status == m.StatusPejabat.DEFINITIF else p.status,
    )


def paket_kinerja(
    pd: m.PerangkatDaerah,
    tahun: int | None = None,
    *,
    aturan_hari_ini: bool = False,
    hanya_tahun: bool = False,
) -> t.Paket:
    """The kinerja part of the paket of ``pd`` (no budget, no report place/date).

    With ``tahun`` the paket carries the rules in force for that year
    (``aturan_berlaku``: a signed year's own rules); without it, or with
    ``aturan_hari_ini`` (what an export must carry, since an import checks the
    rules against the pemda), the pemda's rules of today. ``hanya_tahun``: the year
    ``tahun`` in full, of the other years only what its screens show (module doc).
    """
    return load_kinerja(pd, tahun, aturan_hari_ini=aturan_hari_ini, hanya_tahun=hanya_tahun).paket


def load_kinerja(
    pd: m.PerangkatDaerah,
    tahun: int | None = None,
    *,
    aturan_hari_ini: bool = False,
    hanya_tahun: bool = False,
) -> LoadedPaket:
    """``paket_kinerja`` with the indexes the layers above add their rows with."""
    if hanya_tahun and tahun is None:
        raise ValueError("hanya_tahun needs the year shown")
    pd = m.PerangkatDaerah.objects.select_related("kepala", "pemda", "pemda__kepala").get(pk=pd.pk)
    pemda = pd.pemda
    if tahun is None or aturan_hari_ini:
        aturan = aturan_pemda(pemda)
    else:
        aturan = aturan_berlaku(pd, tahun, pemda=pemda)
    data_pemda, data_pd = _read_pemda_pd(pd, pemda, aturan)
    semua_renstra = list(m.Renstra.objects.filter(perangkat_daerah=pd).order_by("-mulai"))
    renstra_obj = next(
        (r for r in semua_renstra if tahun is not None and r.mulai <= tahun <= r.selesai),
        semua_renstra[0] if semua_renstra else None,
    )
    tahun_lain = {
        x
        for r in semua_renstra
        if r is not renstra_obj
        for x in range(r.mulai, r.selesai + 1)
        if not renstra_obj.mulai <= x <= renstra_obj.selesai
    }
    kode_indikator: dict[int, str] = {}
    kode_node: dict[tuple[str, int], str] = {}
    indikator = _IndikatorIndex(renstra_obj, kode_indikator)
    renstra = _renstra(renstra_obj, indikator)
    program = _program(renstra_obj, indikator, kode_node)
    paket = t.Paket(
        pemda=data_pemda,
        perangkat_daerah=data_pd,
        renstra=renstra,
        program=program,
        tahun=[t.Tahun(tahun=x) for x in sorted(tahun_list(pd)) if x not in tahun_lain],
        keterangan=pd.keterangan_data or None,
    )
    loaded = LoadedPaket(
        paket,
        renstra_obj,
        tahun_lain,
        kode_indikator,
        kode_node,
        tahun_tampil=tahun if hanya_tahun else None,
    )
    _add_perjanjian_kinerja(pd, loaded, ada_revisi=bool(renstra.revisi))
    _add_pk_berjenjang(pd, loaded)
    _add_triwulan(pd, loaded)
    _add_pembanding(loaded)
    _add_skm(pd, loaded)
    _add_angka_dilaporkan(pd, loaded)
    return loaded


# --------------------------------------------------------------------------- pemda, pd, officials


def _read_pemda_pd(
    pd: m.PerangkatDaerah, pemda: m.Pemda, aturan: t.Aturan
) -> tuple[t.Pemda, t.PerangkatDaerah]:
    # The officials of the latest year held (rows without a year: as imported before
    # officials were kept per year).
    pejabat_pd = list(
        m.Pejabat.objects.filter(perangkat_daerah=pd).order_by("-tahun", "urutan", "pk")
    )
    terakhir = next((p.tahun for p in pejabat_pd if p.tahun is not None), None)
    if terakhir is not None:
        staf = [p for p in pejabat_pd if p.tahun == terakhir and not p.kepala]
        kepala_pd = next((p for p in pejabat_pd if p.tahun == terakhir and p.kepala), None)
    else:
        staf = [p for p in pejabat_pd if 0 < p.urutan < 100]
        kepala_pd = pd.kepala
    kepala_daerah = (
        m.Pejabat.objects.filter(pemda=pemda, perangkat_daerah=None, kepala=True, tahun=terakhir)
        .order_by("-pk")
        .first()
        if terakhir is not None
        else None
    ) or pemda.kepala
    data_pemda = t.Pemda(
        kode=pemda.kode,
        nama=pemda.nama,
        aturan=aturan,
        provinsi=pemda.provinsi or None,
        ibu_kota=pemda.ibu_kota or None,
        jenis=None if pemda.jenis == m.jenis_pemda_dari_nama(pemda.nama) else pemda.jenis,
        kepala=_pejabat(kepala_daerah),
    )
    data_pd = t.PerangkatDaerah(
        kode=pd.kode,
        nama=pd.nama,
        jenis=pd.jenis,
        alamat=pd.alamat or None,
        telepon=pd.telepon or None,
        email=pd.email or None,
        situs=pd.situs or None,
        kepala=_pejabat(kepala_pd),
        pejabat=[_pejabat(p) for p in staf],
    )
    return data_pemda, data_pd


# --------------------------------------------------------------------------- Renstra and program tree


def _indikator(row: m.Indikator, target_tahunan: dict, riwayat: dict) -> t.Indikator:
    return t.Indikator(
        kode=row.kode,
        nama=row.nama,
        satuan=row.satuan,
        polaritas=Polaritas(row.polaritas),
        tipe_penghitungan=TipePenghitungan(row.tipe_penghitungan),
        tingkat=row.tingkat,
        iku=row.iku,
        target_tahunan=target_tahunan,
        target_akhir=_nilai_db(row.target_akhir, row.target_akhir_label, row.target_akhir_atas),
        riwayat=riwayat,
        formulasi=row.formulasi or None,
        definisi_operasional=row.definisi_operasional or None,
        alasan_pemilihan=row.alasan_pemilihan or None,
        sumber_data=row.sumber_data or None,
        penanggung_jawab=row.penanggung_jawab or None,
        rumus_negatif=RumusNegatif(row.rumus_negatif) if row.rumus_negatif else None,
        batas_atas_capaian=None
        if row.batas_atas_capaian is None
        else Decimal(row.batas_atas_capaian),
        batas_bawah_capaian=None
        if row.batas_bawah_capaian is None
        else Decimal(row.batas_bawah_capaian),
    )


class _IndikatorIndex:
    """The Renstra's indicators (three queries), handed out by the node they belong to."""

    def __init__(self, renstra: m.Renstra, kode_indikator: dict[int, str]) -> None:
        tt: dict[int, dict] = defaultdict(dict)
        for row in m.TargetTahunan.objects.filter(indikator__renstra=renstra):
            tt[row.indikator_id][row.tahun] = row.sebagai_nilai()
        rw: dict[int, dict] = defaultdict(dict)
        for row in m.RiwayatIndikator.objects.filter(indikator__renstra=renstra):
            rw[row.indikator_id][row.tahun] = t.RiwayatTahun(
                target=_nilai_db(row.target, row.target_label, row.target_atas),
                realisasi=_nilai_db(row.realisasi, row.realisasi_label),
                capaian=Decimal(row.capaian) if row.capaian else None,
            )
        self.by_node: dict[tuple[str, int], list[t.Indikator]] = defaultdict(list)
        for row in m.Indikator.objects.filter(renstra=renstra).order_by("urutan"):
            ind = _indikator(row, tt[row.id], rw[row.id])
            self.by_node[(row.tingkat, getattr(row, f"{row.tingkat}_id"))].append(ind)
            kode_indikator[row.id] = row.kode

    def of_node(self, tingkat: str, obj_id: int, kode: str) -> list[t.Indikator]:
        daftar = self.by_node.get((tingkat, obj_id), [])
        for ind in daftar:
            ind.induk = kode
        return daftar


def _renstra(renstra_obj: m.Renstra, indikator: _IndikatorIndex) -> t.Renstra:
    sasaran_rows = defaultdict(list)
    for s in m.Sasaran.objects.filter(tujuan__renstra=renstra_obj).order_by("urutan"):
        sasaran_rows[s.tujuan_id].append(s)
    tujuan = [
        t.Tujuan(
            kode=tj.kode,
            uraian=tj.uraian,
            sasaran_rpjmd=tj.sasaran_rpjmd or None,
            indikator=indikator.of_node("tujuan", tj.id, tj.kode),
            sasaran=[
                t.Sasaran(
                    kode=s.kode,
                    uraian=s.uraian,
                    indikator=indikator.of_node("sasaran", s.id, s.kode),
                    strategi=list(s.strategi),
                    arah_kebijakan=list(s.arah_kebijakan),
                )
                for s in sasaran_rows[tj.id]
            ],
        )
        for tj in m.Tujuan.objects.filter(renstra=renstra_obj).order_by("urutan")
    ]
    revisi = [
        t.RevisiRenstra(
            nomor=v.nomor,
            tanggal=v.tanggal,
            alasan=v.alasan or None,
            selesai=not v.terbuka,
            isi=v.isi,
        )
        for v in m.RevisiRenstra.objects.filter(renstra=renstra_obj).order_by("nomor")
    ]
    return t.Renstra(
        mulai=renstra_obj.mulai,
        selesai=renstra_obj.selesai,
        tujuan=tujuan,
        visi=renstra_obj.visi or None,
        misi=list(renstra_obj.misi),
        revisi=revisi,
    )


def _program(
    renstra_obj: m.Renstra, indikator: _IndikatorIndex, kode_node: dict[tuple[str, int], str]
) -> list[t.Program]:
    subs = defaultdict(list)
    for s in m.SubKegiatan.objects.filter(kegiatan__program__renstra=renstra_obj).order_by(
        "urutan"
    ):
        subs[s.kegiatan_id].append(s)
        kode_node[("sub_kegiatan", s.id)] = s.kode
    kegs = defaultdict(list)
    for k in m.Kegiatan.objects.filter(program__renstra=renstra_obj).order_by("urutan"):
        kegs[k.program_id].append(k)
        kode_node[("kegiatan", k.id)] = k.kode

    def kegiatan(k: m.Kegiatan) -> t.Kegiatan:
        return t.Kegiatan(
            kode=k.kode,
            nama=k.nama,
            indikator=indikator.of_node("kegiatan", k.id, k.kode),
            sub_kegiatan=[
                t.SubKegiatan(
                    kode=s.kode,
                    nama=s.nama,
                    indikator=indikator.of_node("sub_kegiatan", s.id, s.kode),
                    kode_buatan=s.kode_buatan,
                )
                for s in subs[k.id]
            ],
            kode_buatan=k.kode_buatan,
        )

    program = []
    for p in (
        m.Program.objects.filter(renstra=renstra_obj)
        .order_by("urutan")
        .prefetch_related("sasaran", "tujuan")
    ):
        kode_node[("program", p.id)] = p.kode
        program.append(
            t.Program(
                kode=p.kode,
                nama=p.nama,
                sasaran=[x.kode for x in p.tujuan.all()] + [x.kode for x in p.sasaran.all()],
                indikator=indikator.of_node("program", p.id, p.kode),
                kegiatan=[kegiatan(k) for k in kegs[p.id]],
                kode_buatan=p.kode_buatan,
            )
        )
    return program


# --------------------------------------------------------------------------- the years


def _pk_queryset(pd, loaded: LoadedPaket):
    qs = (
        m.PerjanjianKinerja.objects.filter(perangkat_daerah=pd)
        .exclude(tahun__in=loaded.tahun_lain)
        .order_by("tahun", "urutan_versi")
        .select_related("pihak_pertama", "pihak_kedua")
    )
    # Rows in the order they were written (the package's order), on every database.
    target = m.TargetPK.objects.select_related("indikator").order_by("pk")
    anggaran = m.AnggaranProgramPK.objects.select_related("program").order_by("pk")
    tampil = loaded.tahun_tampil
    if tampil is None:
        return qs.prefetch_related(
            Prefetch("target", queryset=target), Prefetch("anggaran_program", queryset=anggaran)
        )
    # The year shown in full; of the earlier years the IKU targets (the dashboard's charts).
    return qs.filter(tahun__lte=tampil).prefetch_related(
        Prefetch(
            "target",
            queryset=target.filter(Q(perjanjian_kinerja__tahun=tampil) | Q(indikator__iku=True)),
        ),
        Prefetch(
            "anggaran_program",
            queryset=anggaran.filter(perjanjian_kinerja__tahun=tampil),
        ),
    )


def _add_perjanjian_kinerja(pd, loaded: LoadedPaket, *, ada_revisi: bool) -> None:
    per_tahun = loaded.per_tahun()
    for pk in _pk_queryset(pd, loaded):
        per_tahun[pk.tahun].perjanjian_kinerja.append(
            t.PerjanjianKinerja(
                versi=pk.versi,
                target={x.indikator.kode: x.sebagai_nilai() for x in pk.target.all()},
                anggaran_program={
                    x.program.kode: strip_scale(x.jumlah) for x in pk.anggaran_program.all()
                },
                tanggal=pk.tanggal,
                tempat=pk.tempat or None,
                sumber_dana=pk.sumber_dana or None,
                pihak_pertama=_pejabat(pk.pihak_pertama),
                pihak_kedua=_pejabat(pk.pihak_kedua),
                # Only meaningful once the Renstra has versions (else it is always 0).
                revisi_renstra=pk.revisi_renstra if ada_revisi else None,
            )
        )


def _add_pk_berjenjang(pd, loaded: LoadedPaket) -> None:
    per_tahun = loaded.per_tahun()
    for b in (
        loaded.saring_tahun(m.PKBerjenjang.objects.filter(perangkat_daerah=pd))
        .order_by("tahun", "urutan")
        .select_related("pejabat")
        .prefetch_related("sasaran")
    ):
        per_tahun[b.tahun].pk_berjenjang.append(
            t.PKBerjenjang(
                jabatan=b.jabatan,
                versi=b.versi,
                pejabat=_pejabat(b.pejabat),
                sasaran=[
                    t.SasaranPKBerjenjang(
                        uraian=s.uraian,
                        indikator=s.indikator,
                        target=_nilai_db(s.target, s.target_label, s.target_atas),
                    )
                    for s in b.sasaran.all()
                ],
                anggaran={k: strip_scale(Decimal(v)) for k, v in b.anggaran.items()},
            )
        )


def _nilai_triwulan(row) -> t.NilaiTW:
    if row.pembilang is not None and row.penyebut is not None:
        return Rasio(strip_scale(row.pembilang), strip_scale(row.penyebut))
    return _nilai_db(row.nilai, row.label)


def _realisasi_queryset(pd, loaded: LoadedPaket):
    qs = m.Realisasi.objects.filter(indikator__renstra=loaded.renstra)
    tampil = loaded.tahun_tampil
    if tampil is not None:
        # The year shown; the year before and the years its reported figures compare
        # with (``hitung``: change against an earlier year); every earlier year of the
        # IKU (the dashboard's charts).
        banding = m.AngkaDilaporkan.objects.filter(
            perangkat_daerah=pd, tahun=tampil, tahun_banding__isnull=False
        ).values("tahun_banding")
        qs = qs.filter(
            Q(tahun__in=(tampil, tampil - 1))
            | Q(tahun__in=Subquery(banding))
            | Q(tahun__lt=tampil, indikator__iku=True)
        )
    return qs.order_by("indikator__urutan", "triwulan")


def _add_triwulan(pd, loaded: LoadedPaket) -> None:
    """The rencana aksi and the realisasi (with its notes) of each quarter."""
    per_tahun, kode_indikator = loaded.per_tahun(), loaded.kode_indikator
    rencana_aksi = m.RencanaAksi.objects.filter(indikator__renstra=loaded.renstra)
    if loaded.tahun_tampil is not None:
        rencana_aksi = rencana_aksi.filter(tahun=loaded.tahun_tampil)
    for row in rencana_aksi.order_by("indikator__urutan", "triwulan"):
        th = per_tahun.get(row.tahun)
        if th is not None:
            th.rencana_aksi.setdefault(kode_indikator[row.indikator_id], [None] * 4)[
                row.triwulan - 1
            ] = _nilai_triwulan(row)
    for row in _realisasi_queryset(pd, loaded):
        th = per_tahun.get(row.tahun)
        if th is None:
            continue
        kode = kode_indikator[row.indikator_id]
        nilai = _nilai_triwulan(row)
        if nilai is not None or kode in th.realisasi:
            th.realisasi.setdefault(kode, [None] * 4)[row.triwulan - 1] = nilai
        if row.catatan:
            th.catatan_realisasi.setdefault(kode, [None] * 4)[row.triwulan - 1] = row.catatan


def _add_pembanding(loaded: LoadedPaket) -> None:
    per_tahun = loaded.per_tahun()
    pembanding = m.NilaiPembanding.objects.filter(indikator__renstra=loaded.renstra)
    if loaded.tahun_tampil is not None:
        pembanding = pembanding.filter(tahun=loaded.tahun_tampil)
    for row in pembanding.order_by("tahun", "indikator__urutan", "urutan"):
        per_tahun[row.tahun].pembanding.setdefault(
            loaded.kode_indikator[row.indikator_id], []
        ).append(
            t.Pembanding(
                tingkat=row.tingkat,
                nilai=_nilai_db(row.nilai, row.nilai_label),
                label=row.label or None,
                sumber=row.sumber or None,
            )
        )


def _add_skm(pd, loaded: LoadedPaket) -> None:
    per_tahun = loaded.per_tahun()
    for hasil in (
        loaded.saring_tahun(m.HasilSKM.objects.filter(perangkat_daerah=pd))
        .order_by("tahun", "urutan")
        .prefetch_related("unsur")
    ):
        per_tahun[hasil.tahun].skm.append(
            t.SKM(
                unsur={u.unsur: strip_scale(u.nrr) for u in hasil.unsur.all()},
                indikator=loaded.kode_indikator.get(hasil.indikator_id),
                periode=hasil.periode or None,
                responden=hasil.responden,
            )
        )


def _add_angka_dilaporkan(pd, loaded: LoadedPaket) -> None:
    per_tahun = loaded.per_tahun()
    for row in loaded.saring_tahun(m.AngkaDilaporkan.objects.filter(perangkat_daerah=pd)).order_by(
        "tahun", "urutan"
    ):
        per_tahun[row.tahun].angka_dilaporkan.append(
            t.AngkaDilaporkan(
                jenis=row.jenis,
                kode=row.kode,
                nilai=row.nilai if row.jenis in t.JENIS_DILAPORKAN_TEKS else Decimal(row.nilai),
                sumber=row.sumber or None,
                tahun_banding=row.tahun_banding,
            )
        )
