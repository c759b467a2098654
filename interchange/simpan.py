"""Store a paket (``kinerja.paket.types``) in the database: ``paket_simpan``.

``paket_simpan`` replaces everything held for the perangkat daerah, in every
app (kinerja, anggaran, laporan), in one transaction: an import is all or
nothing. Reading it back is layered: ``laporan.selectors_paket.paket_muat``.

Rows are written in bulk: the rows of each table are collected for the whole package
(every year) and inserted with one ``bulk_create`` (which returns the ids on PostgreSQL
and SQLite), parents before children, so an import costs a number of queries that
depends on which tables the package fills, not on how many rows it has (apart from
the backend's own batching of very large inserts).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from anggaran.models import (
    DPA,
    AnggaranSasaran,
    Pagu,
    PaguJenisBelanja,
    RealisasiAnggaran,
    RealisasiJenisBelanja,
)
from kinerja import models as m
from kinerja.antrean_impor import lapor_kemajuan
from kinerja.aturan import _aturan_dari_model
from kinerja.audit import catat_perubahan
from kinerja.engine.angka import Nilai
from kinerja.engine.realisasi import Rasio
from kinerja.paket import types as t
from kinerja.paket.parser import Error, InvalidPaket
from laporan.models import LKjIP


def _label(n: Nilai | None) -> str:
    return (n.label or "") if n else ""


def _aturan_sama(pemda: m.Pemda, aturan: t.Aturan) -> bool:
    return _aturan_dari_model(pemda, list(pemda.band_predikat.all())) == aturan


def _pejabat_baru(
    p: t.Pejabat | None,
    pemda: m.Pemda,
    pd: m.PerangkatDaerah | None,
    urutan: int = 0,
    *,
    tahun: int | None = None,
    kepala: bool = False,
    tulis: list[m.Pejabat] | None = None,
):
    """An official's row, unsaved; appended to ``tulis`` (written later in one insert)."""
    if p is None:
        return None
    obj = m.Pejabat(
        pemda=pemda,
        perangkat_daerah=pd,
        urutan=urutan,
        tahun=tahun,
        kepala=kepala,
        status=p.status or m.StatusPejabat.DEFINITIF,
        nama=p.nama,
        jabatan=p.jabatan,
        gelar_depan=p.gelar_depan or "",
        gelar_belakang=p.gelar_belakang or "",
        pangkat=p.pangkat or "",
        golongan=p.golongan or "",
        nip=p.nip or "",
    )
    if tulis is not None:
        tulis.append(obj)
    return obj


def _simpan_pejabat_tahunan(paket: t.Paket, pemda: m.Pemda, pd: m.PerangkatDaerah) -> None:
    """The package's officials become the officials of each of its years: the camat and
    staff of the perangkat daerah (replacing what was held), and the kepala daerah of a
    year the pemda has none for yet (the admin pemda keeps the pemda's own officials)."""
    data_pd = paket.perangkat_daerah
    tahun_list = sorted(th.tahun for th in paket.tahun) or [None]
    ada_per_tahun: dict[int, m.Pejabat] = {}
    if paket.pemda.kepala is not None:
        ada_qs = m.Pejabat.objects.filter(
            pemda=pemda,
            perangkat_daerah=None,
            tahun__in=[th for th in tahun_list if th is not None],
            kepala=True,
        ).order_by(*m.Pejabat._meta.ordering, "pk")
        for obj in ada_qs:
            ada_per_tahun.setdefault(obj.tahun, obj)
    tulis: list[m.Pejabat] = []
    kepala_daerah = None
    for tahun in tahun_list:
        kepala = _pejabat_baru(data_pd.kepala, pemda, pd, 0, tahun=tahun, kepala=True, tulis=tulis)
        if kepala is not None:
            pd.kepala = kepala
        for i, p in enumerate(data_pd.pejabat, start=1):
            _pejabat_baru(p, pemda, pd, i, tahun=tahun, tulis=tulis)
        if paket.pemda.kepala is None:
            continue
        ada = ada_per_tahun.get(tahun) if tahun is not None else None
        if ada is None:
            ada = _pejabat_baru(
                paket.pemda.kepala, pemda, None, tahun=tahun, kepala=True, tulis=tulis
            )
        # The pemda's kepala is the one of the package's last year.
        kepala_daerah = ada
    m.Pejabat.objects.bulk_create(tulis)
    if kepala_daerah is not None:
        pemda.kepala = kepala_daerah
        pemda.save(update_fields=["kepala"])
    pd.save(update_fields=["kepala"])


def _simpan_pemda(data: t.Pemda) -> m.Pemda:
    pemda = m.Pemda.objects.filter(kode=data.kode).first()
    if pemda is not None:
        if not _aturan_sama(pemda, data.aturan):
            raise InvalidPaket(
                [
                    Error(
                        "$.pemda.aturan",
                        f"aturan pemda {data.kode} berbeda dengan yang sudah tersimpan; "
                        "aturan pemda diubah oleh admin pemda, tidak lewat impor paket",
                    )
                ]
            )
        return pemda
    aturan = data.aturan
    pemda = m.Pemda.objects.create(
        kode=data.kode,
        nama=data.nama,
        provinsi=data.provinsi or "",
        ibu_kota=data.ibu_kota or "",
        jenis=data.jenis or m.jenis_pemda_dari_nama(data.nama),
        skala_preset=aturan.skala_preset or "",
        rumus_negatif=aturan.rumus_negatif.value,
        batas_atas_capaian=None
        if aturan.batas_atas_capaian is None
        else int(aturan.batas_atas_capaian),
        batas_bawah_capaian=None
        if aturan.batas_bawah_capaian is None
        else int(aturan.batas_bawah_capaian),
        metode_efisiensi=aturan.metode_efisiensi.value,
        ambang_tercapai=aturan.ambang_tercapai,
        acuan_rentang=aturan.acuan_rentang.value,
    )
    if not aturan.skala_preset:
        m.BandPredikat.objects.bulk_create(
            m.BandPredikat(
                pemda=pemda,
                urutan=i,
                label=b.label,
                bawah=b.bawah,
                bawah_inklusif=b.bawah_inklusif,
                atas=b.atas,
                atas_inklusif=b.atas_inklusif,
                warna=b.warna or "",
                keterangan=b.keterangan or "",
            )
            for i, b in enumerate(aturan.skala.band)
        )
    return pemda


PESAN_TAHUN_DITETAPKAN = (
    "LKjIP {pd} tahun {tahun} sudah ditetapkan; impor paket akan mengganti data tahun itu. "
    "Minta kepala perangkat daerah atau admin pemda membuka kembali LKjIP tahun itu "
    '(halaman LKjIP, "Buka kembali LKjIP yang sudah ditetapkan"), lalu ulangi impor.'
)
PESAN_TAHUN_BERTANDA_TANGAN = (
    "LKjIP {pd} tahun {tahun} pernah ditetapkan dan dokumen bertanda tangannya disimpan, "
    "tetapi tahun itu tidak ada di paket; sertakan tahun {tahun} di $.tahun."
)


def _periksa_tahun_ditetapkan(pd: m.PerangkatDaerah, paket: t.Paket) -> None:
    """Refuse, before anything is written, to replace the data of a signed year.

    An import replaces every year of the perangkat daerah, so a year signed off (LKjIP
    "ditetapkan") must be reopened first. A year that was signed and reopened keeps its
    signed documents: it must be in the paket, whose data then replace the year's.
    """
    errors = [
        Error("$.perangkat_daerah.kode", PESAN_TAHUN_DITETAPKAN.format(pd=pd.nama, tahun=tahun))
        for tahun in LKjIP.objects.filter(
            perangkat_daerah=pd, status=LKjIP.Status.DITETAPKAN
        ).values_list("tahun", flat=True)
    ]
    di_paket = {th.tahun for th in paket.tahun}
    errors += [
        Error("$.tahun", PESAN_TAHUN_BERTANDA_TANGAN.format(pd=pd.nama, tahun=tahun))
        for tahun in _tahun_bertanda_tangan(pd)
        if tahun not in di_paket
    ]
    if errors:
        raise InvalidPaket(errors)


def _tahun_bertanda_tangan(pd: m.PerangkatDaerah) -> set[int]:
    """Years whose LKjIP has a signed document (kept: the signed PDFs are never deleted)."""
    return set(
        LKjIP.objects.filter(perangkat_daerah=pd, snapshot__isnull=False).values_list(
            "tahun", flat=True
        )
    )


def _hapus_data_pd(pd: m.PerangkatDaerah) -> None:
    m.Renstra.objects.filter(perangkat_daerah=pd).delete()
    m.PerjanjianKinerja.objects.filter(perangkat_daerah=pd).delete()
    m.PKBerjenjang.objects.filter(perangkat_daerah=pd).delete()
    m.HasilSKM.objects.filter(perangkat_daerah=pd).delete()
    m.AngkaDilaporkan.objects.filter(perangkat_daerah=pd).delete()
    DPA.objects.filter(perangkat_daerah=pd).delete()
    RealisasiAnggaran.objects.filter(perangkat_daerah=pd).delete()
    RealisasiJenisBelanja.objects.filter(perangkat_daerah=pd).delete()
    AnggaranSasaran.objects.filter(perangkat_daerah=pd).delete()
    LKjIP.objects.filter(perangkat_daerah=pd).exclude(tahun__in=_tahun_bertanda_tangan(pd)).delete()
    m.Tahun.objects.filter(perangkat_daerah=pd).exclude(
        tahun__in=_tahun_bertanda_tangan(pd)
    ).delete()
    # The review of data that is being replaced no longer holds.
    m.StatusTriwulan.objects.filter(perangkat_daerah=pd).delete()
    m.Pejabat.objects.filter(perangkat_daerah=pd).delete()


@transaction.atomic
def paket_simpan(*, paket: t.Paket, pengguna=None) -> m.PerangkatDaerah:
    """Store ``paket``, replacing whatever was held for its perangkat daerah."""
    pd = m.PerangkatDaerah.objects.filter(kode=paket.perangkat_daerah.kode).first()
    if pd is not None:
        _periksa_tahun_ditetapkan(pd, paket)
    pemda = _simpan_pemda(paket.pemda)
    pd = _simpan_pd(paket, pemda, pd)
    lapor_kemajuan(1, 4)
    _simpan_pejabat_tahunan(paket, pemda, pd)
    indikator, node, sasaran = _simpan_renstra(paket, pd)
    lapor_kemajuan(2, 4)
    _simpan_tahun(pd, pemda, paket.renstra, paket.tahun, indikator, node, sasaran)
    lapor_kemajuan(3, 4)

    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="paket.impor",
        uraian=str(pd),
        data={"tahun": [th.tahun for th in paket.tahun], "indikator": len(indikator)},
    )
    lapor_kemajuan(4, 4)
    return pd


def _simpan_pd(paket: t.Paket, pemda: m.Pemda, pd: m.PerangkatDaerah | None) -> m.PerangkatDaerah:
    """The perangkat daerah's own row: new, or emptied of everything it held."""
    data_pd = paket.perangkat_daerah
    if pd is not None and pd.pemda_id != pemda.id:
        raise InvalidPaket(
            [
                Error(
                    "$.perangkat_daerah.kode",
                    f"perangkat daerah {data_pd.kode} sudah terdaftar pada pemda lain",
                )
            ]
        )
    if pd is None:
        pd = m.PerangkatDaerah(kode=data_pd.kode, pemda=pemda)
    else:
        _hapus_data_pd(pd)
    pd.nama = data_pd.nama
    pd.jenis = data_pd.jenis
    pd.alamat = data_pd.alamat or ""
    pd.telepon = data_pd.telepon or ""
    pd.email = data_pd.email or ""
    pd.situs = data_pd.situs or ""
    pd.keterangan_data = paket.keterangan or ""
    pd.kepala = None
    pd.save()
    return pd


class _IndikatorBaru:
    """The Renstra's indicators, collected in document order and written in one insert."""

    def __init__(self, renstra: m.Renstra) -> None:
        self.renstra = renstra
        self.rows: list[tuple[m.Indikator, t.Indikator]] = []

    def tambah(self, daftar: list[t.Indikator], **induk) -> None:
        for ind in daftar:
            self.rows.append((self._row(ind, len(self.rows) + 1, induk), ind))

    def _row(self, ind: t.Indikator, urutan: int, induk: dict) -> m.Indikator:
        return m.Indikator(
            renstra=self.renstra,
            urutan=urutan,
            kode=ind.kode,
            nama=ind.nama,
            satuan=ind.satuan,
            polaritas=ind.polaritas.value,
            tipe_penghitungan=ind.tipe_penghitungan.value,
            iku=ind.iku,
            target_akhir=ind.target_akhir.angka if ind.target_akhir else None,
            target_akhir_label=_label(ind.target_akhir),
            target_akhir_atas=ind.target_akhir.atas if ind.target_akhir else None,
            formulasi=ind.formulasi or "",
            definisi_operasional=ind.definisi_operasional or "",
            alasan_pemilihan=ind.alasan_pemilihan or "",
            sumber_data=ind.sumber_data or "",
            penanggung_jawab=ind.penanggung_jawab or "",
            rumus_negatif=ind.rumus_negatif.value if ind.rumus_negatif else "",
            batas_atas_capaian=None
            if ind.batas_atas_capaian is None
            else int(ind.batas_atas_capaian),
            batas_bawah_capaian=None
            if ind.batas_bawah_capaian is None
            else int(ind.batas_bawah_capaian),
            **induk,
        )

    def simpan(self) -> dict[str, m.Indikator]:
        """Write the indicators with their annual targets and history; code -> row."""
        indikator = {obj.kode: obj for obj in _tulis(m.Indikator, [obj for obj, _ in self.rows])}
        target_tahunan, riwayat = [], []
        for _, ind in self.rows:
            obj = indikator[ind.kode]
            for tahun, n in ind.target_tahunan.items():
                target_tahunan.append(
                    m.TargetTahunan(indikator=obj, tahun=tahun, **m.TargetTahunan.kolom(n))
                )
            for tahun, rw in ind.riwayat.items():
                riwayat.append(
                    m.RiwayatIndikator(
                        indikator=obj,
                        tahun=tahun,
                        target=rw.target.angka if rw.target else None,
                        target_label=_label(rw.target),
                        target_atas=rw.target.atas if rw.target else None,
                        realisasi=rw.realisasi.angka if rw.realisasi else None,
                        realisasi_label=_label(rw.realisasi),
                        capaian="" if rw.capaian is None else str(rw.capaian),
                    )
                )
        m.TargetTahunan.objects.bulk_create(target_tahunan)
        m.RiwayatIndikator.objects.bulk_create(riwayat)
        return indikator


def _tulis(model, rows: list) -> list:
    """Insert ``rows`` in one ``bulk_create``; their ids are set (PostgreSQL and SQLite
    return them), so children can point at them."""
    rows = model.objects.bulk_create(rows)
    if rows and rows[0].pk is None:
        raise RuntimeError(f"{model.__name__}: this database does not return ids from bulk inserts")
    return rows


def _simpan_renstra(
    paket: t.Paket, pd: m.PerangkatDaerah
) -> tuple[dict[str, m.Indikator], dict[str, dict], dict[str, m.Sasaran]]:
    """The Renstra, its versions, goals, program tree and indicators.

    Returns code -> indicator row, code -> {level: node row} of the program tree and
    code -> sasaran row."""
    r = paket.renstra
    renstra = m.Renstra.objects.create(
        perangkat_daerah=pd, mulai=r.mulai, selesai=r.selesai, visi=r.visi or "", misi=r.misi
    )
    m.RevisiRenstra.objects.bulk_create(
        m.RevisiRenstra(
            renstra=renstra,
            nomor=v.nomor,
            tanggal=v.tanggal,
            alasan=v.alasan or "",
            ditutup_pada=timezone.now() if v.selesai or v.nomor == 0 else None,
            isi=v.isi,
        )
        for v in r.revisi
    )
    baru = _IndikatorBaru(renstra)
    sasaran_obj: dict[str, m.Sasaran] = {}
    tujuan_obj: dict[str, m.Tujuan] = {}
    tujuan_rows, sasaran_rows = [], []
    for i, tj in enumerate(r.tujuan):
        tujuan = m.Tujuan(
            renstra=renstra,
            urutan=i,
            kode=tj.kode,
            uraian=tj.uraian,
            sasaran_rpjmd=tj.sasaran_rpjmd or "",
        )
        tujuan_rows.append(tujuan)
        tujuan_obj[tj.kode] = tujuan
        baru.tambah(tj.indikator, tujuan=tujuan)
        for j, s in enumerate(tj.sasaran):
            sasaran = m.Sasaran(
                tujuan=tujuan,
                urutan=j,
                kode=s.kode,
                uraian=s.uraian,
                strategi=s.strategi,
                arah_kebijakan=s.arah_kebijakan,
            )
            sasaran_rows.append(sasaran)
            sasaran_obj[s.kode] = sasaran
            baru.tambah(s.indikator, sasaran=sasaran)
    _tulis(m.Tujuan, tujuan_rows)
    _tulis(m.Sasaran, sasaran_rows)
    node = _simpan_program(paket, renstra, baru, sasaran_obj, tujuan_obj)
    return baru.simpan(), node, sasaran_obj


def _simpan_program(
    paket: t.Paket,
    renstra: m.Renstra,
    baru: _IndikatorBaru,
    sasaran_obj: dict[str, m.Sasaran],
    tujuan_obj: dict[str, m.Tujuan],
) -> dict[str, dict]:
    """The program tree, level by level (one insert per level and per link table)."""
    node: dict[str, dict] = {}
    program_rows, kegiatan_rows, sub_rows = [], [], []
    for i, p in enumerate(paket.program):
        program = m.Program(
            renstra=renstra, urutan=i, kode=p.kode, nama=p.nama, kode_buatan=p.kode_buatan
        )
        program_rows.append(program)
        node[p.kode] = {"program": program}
        baru.tambah(p.indikator, program=program)
        for j, k in enumerate(p.kegiatan):
            kegiatan = m.Kegiatan(
                program=program, urutan=j, kode=k.kode, nama=k.nama, kode_buatan=k.kode_buatan
            )
            kegiatan_rows.append(kegiatan)
            node[k.kode] = {"kegiatan": kegiatan}
            baru.tambah(k.indikator, kegiatan=kegiatan)
            for n, s in enumerate(k.sub_kegiatan):
                sub = m.SubKegiatan(
                    kegiatan=kegiatan, urutan=n, kode=s.kode, nama=s.nama, kode_buatan=s.kode_buatan
                )
                sub_rows.append(sub)
                node[s.kode] = {"sub_kegiatan": sub}
                baru.tambah(s.indikator, sub_kegiatan=sub)
    _tulis(m.Program, program_rows)
    _tulis(m.Kegiatan, kegiatan_rows)
    _tulis(m.SubKegiatan, sub_rows)
    # A program serves the package's sasaran (or tujuan) it names.
    ke_sasaran, ke_tujuan = m.Program.sasaran.through, m.Program.tujuan.through
    link_sasaran, link_tujuan = [], []
    for p, program in zip(paket.program, program_rows, strict=True):
        for s in dict.fromkeys(sasaran_obj[k] for k in p.sasaran if k in sasaran_obj):
            link_sasaran.append(ke_sasaran(program_id=program.pk, sasaran_id=s.pk))
        for tj in dict.fromkeys(tujuan_obj[k] for k in p.sasaran if k in tujuan_obj):
            link_tujuan.append(ke_tujuan(program_id=program.pk, tujuan_id=tj.pk))
    ke_sasaran.objects.bulk_create(link_sasaran)
    ke_tujuan.objects.bulk_create(link_tujuan)
    return node


def _baris_triwulan(
    model, ind: m.Indikator, tahun: int, tw: list[t.NilaiTW], catatan: list[str | None] | None
):
    """The quarterly rows (RencanaAksi or Realisasi) of one indicator in one year."""
    for i, v in enumerate(tw):
        if v is None and not (catatan and catatan[i]):
            continue
        extra = {}
        if model is m.Realisasi:
            extra["catatan"] = (catatan[i] or "") if catatan else ""
        if isinstance(v, Rasio):
            yield model(
                indikator=ind,
                tahun=tahun,
                triwulan=i + 1,
                pembilang=v.pembilang,
                penyebut=v.penyebut,
                **extra,
            )
        else:
            yield model(
                indikator=ind,
                tahun=tahun,
                triwulan=i + 1,
                nilai=v.angka if v else None,
                label=_label(v),
                **extra,
            )


def _simpan_lkjip_dan_tahun(pd: m.PerangkatDaerah, daftar: list[t.Tahun]) -> None:
    """Each year's LKjIP row (a year with signed documents kept its row: it is updated)
    and the year's registration (``kinerja.services.tahun.tahun_daftarkan``, in bulk)."""
    semua = [th.tahun for th in daftar]
    ada = {x.tahun: x for x in LKjIP.objects.filter(perangkat_daerah=pd, tahun__in=semua)}
    ubah, baru = [], []
    for th in daftar:
        tempat = (th.laporan.tempat or "") if th.laporan else ""
        tanggal = th.laporan.tanggal if th.laporan else None
        obj = ada.get(th.tahun)
        if obj is None:
            baru.append(LKjIP(perangkat_daerah=pd, tahun=th.tahun, tempat=tempat, tanggal=tanggal))
        else:
            obj.tempat, obj.tanggal = tempat, tanggal
            ubah.append(obj)
    if ubah:
        LKjIP.objects.bulk_update(ubah, ["tempat", "tanggal"])
    LKjIP.objects.bulk_create(baru)
    terdaftar = set(
        m.Tahun.objects.filter(perangkat_daerah=pd, tahun__in=semua).values_list("tahun", flat=True)
    )
    m.Tahun.objects.bulk_create(
        m.Tahun(perangkat_daerah=pd, tahun=th) for th in dict.fromkeys(semua) if th not in terdaftar
    )


def _simpan_tahun(
    pd,
    pemda,
    renstra: t.Renstra,
    daftar: list[t.Tahun],
    indikator: dict[str, m.Indikator],
    node: dict,
    sasaran: dict[str, m.Sasaran],
) -> None:
    """Every year of the package: the rows of each table collected for all years and
    written with one insert per table, parents (PK, PK berjenjang, DPA, SKM) first."""
    from kinerja.paket.types import urutan_versi

    if not daftar:
        return
    _simpan_lkjip_dan_tahun(pd, daftar)

    def revisi_pk(tahun: int) -> int:
        # What PerjanjianKinerja.save() records (bulk_create does not call it): the
        # latest version of the Renstra covering the year, which is the package's one.
        r = renstra
        if r.mulai <= tahun <= r.selesai:
            return max((v.nomor for v in r.revisi), default=0)
        return 0

    pejabat: list[m.Pejabat] = []
    pk_rows, target_pk, anggaran_pk = [], [], []
    pkb_rows, sasaran_pkb = [], []
    rencana, realisasi = [], []
    dpa_rows, pagu, pagu_jenis = [], [], []
    real_anggaran, real_jenis, pembanding = [], [], []
    anggaran_sasaran: list[AnggaranSasaran] = []
    skm_rows, unsur_skm, angka = [], [], []
    for th in daftar:
        tahun = th.tahun
        for pk in th.perjanjian_kinerja:
            obj = m.PerjanjianKinerja(
                perangkat_daerah=pd,
                tahun=tahun,
                versi=pk.versi,
                urutan_versi=urutan_versi(pk.versi),
                tanggal=pk.tanggal,
                tempat=pk.tempat or "",
                sumber_dana=pk.sumber_dana or "",
                pihak_pertama=_pejabat_baru(pk.pihak_pertama, pemda, pd, 100, tulis=pejabat),
                pihak_kedua=_pejabat_baru(pk.pihak_kedua, pemda, pd, 101, tulis=pejabat),
                revisi_renstra=revisi_pk(tahun) if pk.revisi_renstra is None else pk.revisi_renstra,
            )
            pk_rows.append(obj)
            target_pk.extend(
                m.TargetPK(
                    perjanjian_kinerja=obj,
                    indikator=indikator[kode],
                    **m.TargetPK.kolom(n),
                )
                for kode, n in pk.target.items()
            )
            anggaran_pk.extend(
                m.AnggaranProgramPK(
                    perjanjian_kinerja=obj, program=node[kode]["program"], jumlah=jumlah
                )
                for kode, jumlah in pk.anggaran_program.items()
            )
        for i, b in enumerate(th.pk_berjenjang):
            obj = m.PKBerjenjang(
                perangkat_daerah=pd,
                tahun=tahun,
                urutan=i,
                jabatan=b.jabatan,
                versi=b.versi,
                pejabat=_pejabat_baru(b.pejabat, pemda, pd, 200 + i, tulis=pejabat),
                anggaran={k: str(v) for k, v in b.anggaran.items()},
            )
            pkb_rows.append(obj)
            sasaran_pkb.extend(
                m.SasaranPKBerjenjang(
                    pk_berjenjang=obj,
                    urutan=j,
                    uraian=s.uraian,
                    indikator=s.indikator,
                    target=s.target.angka if s.target else None,
                    target_label=_label(s.target),
                    target_atas=s.target.atas if s.target else None,
                )
                for j, s in enumerate(b.sasaran)
            )
        rencana.extend(
            row
            for kode, tw in th.rencana_aksi.items()
            for row in _baris_triwulan(m.RencanaAksi, indikator[kode], tahun, tw, None)
        )
        kode_realisasi = list(th.realisasi) + [
            k for k in th.catatan_realisasi if k not in th.realisasi
        ]
        realisasi.extend(
            row
            for kode in kode_realisasi
            for row in _baris_triwulan(
                m.Realisasi,
                indikator[kode],
                tahun,
                th.realisasi.get(kode, [None] * 4),
                th.catatan_realisasi.get(kode),
            )
        )
        for dpa in th.dpa:
            obj = DPA(
                perangkat_daerah=pd,
                tahun=tahun,
                versi=dpa.versi,
                urutan_versi=urutan_versi(dpa.versi),
                tanggal=dpa.tanggal,
            )
            dpa_rows.append(obj)
            pagu.extend(
                Pagu(dpa=obj, jumlah=jumlah, **node[kode]) for kode, jumlah in dpa.pagu.items()
            )
            pagu_jenis.extend(
                PaguJenisBelanja(dpa=obj, kode=kode, jumlah=jumlah)
                for kode, jumlah in dpa.jenis_belanja.items()
            )
        for kode, value in th.realisasi_anggaran.items():
            if isinstance(value, list):
                real_anggaran.extend(
                    RealisasiAnggaran(
                        perangkat_daerah=pd, tahun=tahun, triwulan=i + 1, jumlah=v, **node[kode]
                    )
                    for i, v in enumerate(value)
                    if v is not None
                )
            else:
                real_anggaran.append(
                    RealisasiAnggaran(perangkat_daerah=pd, tahun=tahun, jumlah=value, **node[kode])
                )
        real_jenis.extend(
            RealisasiJenisBelanja(perangkat_daerah=pd, tahun=tahun, kode=kode, jumlah=jumlah)
            for kode, jumlah in th.realisasi_jenis_belanja.items()
        )
        anggaran_sasaran.extend(
            AnggaranSasaran(
                perangkat_daerah=pd,
                tahun=tahun,
                sasaran=sasaran[kode],
                pagu=a.pagu,
                realisasi=a.realisasi,
            )
            for kode, a in th.anggaran_sasaran.items()
        )
        pembanding.extend(
            m.NilaiPembanding(
                indikator=indikator[kode],
                tahun=tahun,
                urutan=i,
                tingkat=p.tingkat,
                label=p.label or "",
                nilai=p.nilai.angka,
                nilai_label=_label(p.nilai),
                sumber=p.sumber or "",
            )
            for kode, daftar_p in th.pembanding.items()
            for i, p in enumerate(daftar_p)
        )
        for i, skm in enumerate(th.skm):
            hasil = m.HasilSKM(
                perangkat_daerah=pd,
                tahun=tahun,
                urutan=i,
                indikator=indikator.get(skm.indikator) if skm.indikator else None,
                periode=skm.periode or "",
                responden=skm.responden,
            )
            skm_rows.append(hasil)
            unsur_skm.extend(
                m.NilaiUnsurSKM(hasil=hasil, unsur=u, nrr=v) for u, v in skm.unsur.items()
            )
        angka.extend(
            m.AngkaDilaporkan(
                perangkat_daerah=pd,
                tahun=tahun,
                urutan=i,
                jenis=a.jenis,
                kode=a.kode,
                tahun_banding=a.tahun_banding,
                nilai=str(a.nilai),
                sumber=a.sumber or "",
            )
            for i, a in enumerate(th.angka_dilaporkan)
        )

    # Parents first: their ids are set by the insert, then the rows pointing at them.
    _tulis(m.Pejabat, pejabat)
    _tulis(m.PerjanjianKinerja, pk_rows)
    _tulis(m.PKBerjenjang, pkb_rows)
    _tulis(DPA, dpa_rows)
    _tulis(m.HasilSKM, skm_rows)
    for model, rows in (
        (m.TargetPK, target_pk),
        (m.AnggaranProgramPK, anggaran_pk),
        (m.SasaranPKBerjenjang, sasaran_pkb),
        (m.RencanaAksi, rencana),
        (m.Realisasi, realisasi),
        (Pagu, pagu),
        (PaguJenisBelanja, pagu_jenis),
        (RealisasiAnggaran, real_anggaran),
        (RealisasiJenisBelanja, real_jenis),
        (AnggaranSasaran, anggaran_sasaran),
        (m.NilaiPembanding, pembanding),
        (m.NilaiUnsurSKM, unsur_skm),
        (m.AngkaDilaporkan, angka),
    ):
        model.objects.bulk_create(rows)
