"""Store a paket in the database and read it back, as ``kinerja.paket.types``.

``paket_simpan`` replaces everything held for the perangkat daerah in one
transaction: an import is all or nothing. ``paket_muat`` reads it back with
a fixed number of queries, whatever the size of the Renstra.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from anggaran.models import DPA, Pagu, PaguJenisBelanja, RealisasiAnggaran, RealisasiJenisBelanja
from kinerja import models as m
from kinerja.aturan import _aturan_dari_model, aturan_berlaku, aturan_pemda
from kinerja.engine.angka import Nilai
from kinerja.engine.capaian import Polaritas, RumusNegatif
from kinerja.engine.realisasi import Rasio, TipePenghitungan
from kinerja.paket import types as t
from kinerja.paket.parser import Galat, PaketTidakValid
from kinerja.paket.serializer import band_list
from kinerja.services.tahun import tahun_daftarkan
from laporan.models import LKjIP


def _label(n: Nilai | None) -> str:
    return (n.label or "") if n else ""


def _nilai(angka: Decimal | None, label: str) -> Nilai | None:
    if angka is None:
        return None
    return Nilai(angka, label or None)


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
):
    if p is None:
        return None
    return m.Pejabat.objects.create(
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


def _simpan_pejabat_tahunan(paket: t.Paket, pemda: m.Pemda, pd: m.PerangkatDaerah) -> None:
    """The package's officials become the officials of each of its years: the camat and
    staff of the perangkat daerah (replacing what was held), and the kepala daerah of a
    year the pemda has none for yet (the admin pemda keeps the pemda's own officials)."""
    data_pd = paket.perangkat_daerah
    tahun_list = sorted(th.tahun for th in paket.tahun) or [None]
    for tahun in tahun_list:
        kepala = _pejabat_baru(data_pd.kepala, pemda, pd, 0, tahun=tahun, kepala=True)
        if kepala is not None:
            pd.kepala = kepala
        for i, p in enumerate(data_pd.pejabat, start=1):
            _pejabat_baru(p, pemda, pd, i, tahun=tahun)
        if paket.pemda.kepala is None:
            continue
        ada = m.Pejabat.objects.filter(
            pemda=pemda, perangkat_daerah=None, tahun=tahun, kepala=True
        ).first()
        if tahun is None or ada is None:
            ada = _pejabat_baru(paket.pemda.kepala, pemda, None, tahun=tahun, kepala=True)
        if pemda.kepala_id is None or tahun == tahun_list[-1]:
            pemda.kepala = ada
            pemda.save(update_fields=["kepala"])
    pd.save(update_fields=["kepala"])


def _simpan_pemda(data: t.Pemda) -> m.Pemda:
    pemda = m.Pemda.objects.filter(kode=data.kode).first()
    if pemda is not None:
        if not _aturan_sama(pemda, data.aturan):
            raise PaketTidakValid(
                [
                    Galat(
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
    galat = [
        Galat("$.perangkat_daerah.kode", PESAN_TAHUN_DITETAPKAN.format(pd=pd.nama, tahun=tahun))
        for tahun in LKjIP.objects.filter(
            perangkat_daerah=pd, status=LKjIP.Status.DITETAPKAN
        ).values_list("tahun", flat=True)
    ]
    di_paket = {th.tahun for th in paket.tahun}
    galat += [
        Galat("$.tahun", PESAN_TAHUN_BERTANDA_TANGAN.format(pd=pd.nama, tahun=tahun))
        for tahun in _tahun_bertanda_tangan(pd)
        if tahun not in di_paket
    ]
    if galat:
        raise PaketTidakValid(galat)


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
    data_pd = paket.perangkat_daerah
    pd = m.PerangkatDaerah.objects.filter(kode=data_pd.kode).first()
    if pd is not None:
        _periksa_tahun_ditetapkan(pd, paket)
    pemda = _simpan_pemda(paket.pemda)
    if pd is not None and pd.pemda_id != pemda.id:
        raise PaketTidakValid(
            [
                Galat(
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
    _simpan_pejabat_tahunan(paket, pemda, pd)

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
    indikator_baru: list[tuple[m.Indikator, t.Indikator]] = []
    urutan_ind = 0

    def tambah_indikator(daftar: list[t.Indikator], **induk) -> None:
        nonlocal urutan_ind
        for ind in daftar:
            urutan_ind += 1
            obj = m.Indikator(
                renstra=renstra,
                urutan=urutan_ind,
                kode=ind.kode,
                nama=ind.nama,
                satuan=ind.satuan,
                polaritas=ind.polaritas.value,
                tipe_penghitungan=ind.tipe_penghitungan.value,
                iku=ind.iku,
                target_akhir=ind.target_akhir.angka if ind.target_akhir else None,
                target_akhir_label=_label(ind.target_akhir),
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
            indikator_baru.append((obj, ind))

    sasaran_obj: dict[str, m.Sasaran] = {}
    tujuan_obj: dict[str, m.Tujuan] = {}
    for i, tj in enumerate(r.tujuan):
        tujuan = m.Tujuan.objects.create(renstra=renstra, urutan=i, kode=tj.kode, uraian=tj.uraian)
        tujuan_obj[tj.kode] = tujuan
        tambah_indikator(tj.indikator, tujuan=tujuan)
        for j, s in enumerate(tj.sasaran):
            sasaran = m.Sasaran.objects.create(
                tujuan=tujuan,
                urutan=j,
                kode=s.kode,
                uraian=s.uraian,
                strategi=s.strategi,
                arah_kebijakan=s.arah_kebijakan,
            )
            sasaran_obj[s.kode] = sasaran
            tambah_indikator(s.indikator, sasaran=sasaran)

    node: dict[str, dict] = {}
    for i, p in enumerate(paket.program):
        program = m.Program.objects.create(renstra=renstra, urutan=i, kode=p.kode, nama=p.nama)
        program.sasaran.set([sasaran_obj[k] for k in p.sasaran if k in sasaran_obj])
        program.tujuan.set([tujuan_obj[k] for k in p.sasaran if k in tujuan_obj])
        node[p.kode] = {"program": program}
        tambah_indikator(p.indikator, program=program)
        for j, k in enumerate(p.kegiatan):
            kegiatan = m.Kegiatan.objects.create(
                program=program, urutan=j, kode=k.kode, nama=k.nama
            )
            node[k.kode] = {"kegiatan": kegiatan}
            tambah_indikator(k.indikator, kegiatan=kegiatan)
            for n, s in enumerate(k.sub_kegiatan):
                sub = m.SubKegiatan.objects.create(
                    kegiatan=kegiatan, urutan=n, kode=s.kode, nama=s.nama
                )
                node[s.kode] = {"sub_kegiatan": sub}
                tambah_indikator(s.indikator, sub_kegiatan=sub)

    m.Indikator.objects.bulk_create([obj for obj, _ in indikator_baru])
    indikator = {obj.kode: obj for obj, _ in indikator_baru}
    if any(obj.pk is None for obj in indikator.values()):
        # Backends that do not return ids from bulk inserts.
        indikator = {i.kode: i for i in m.Indikator.objects.filter(renstra=renstra)}
    target_tahunan, riwayat = [], []
    for obj, ind in indikator_baru:
        obj = indikator[ind.kode]
        for tahun, n in ind.target_tahunan.items():
            target_tahunan.append(
                m.TargetTahunan(indikator=obj, tahun=tahun, nilai=n.angka, label=_label(n))
            )
        for tahun, rw in ind.riwayat.items():
            riwayat.append(
                m.RiwayatIndikator(
                    indikator=obj,
                    tahun=tahun,
                    target=rw.target.angka if rw.target else None,
                    target_label=_label(rw.target),
                    realisasi=rw.realisasi.angka if rw.realisasi else None,
                    realisasi_label=_label(rw.realisasi),
                )
            )
    m.TargetTahunan.objects.bulk_create(target_tahunan)
    m.RiwayatIndikator.objects.bulk_create(riwayat)

    for th in paket.tahun:
        _simpan_tahun(pd, pemda, th, indikator, node)

    m.LogPerubahan.objects.create(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="paket.impor",
        objek=str(pd),
        data={"tahun": [th.tahun for th in paket.tahun], "indikator": len(indikator)},
    )
    return pd


def _simpan_tahun(pd, pemda, th: t.Tahun, indikator: dict[str, m.Indikator], node: dict) -> None:
    from kinerja.paket.types import urutan_versi

    tahun = th.tahun
    # A year with signed documents kept its row (reopened, so not "ditetapkan").
    LKjIP.objects.update_or_create(
        perangkat_daerah=pd,
        tahun=tahun,
        defaults={
            "tempat": (th.laporan.tempat or "") if th.laporan else "",
            "tanggal": th.laporan.tanggal if th.laporan else None,
        },
    )
    tahun_daftarkan(pd, tahun)
    for pk in th.perjanjian_kinerja:
        obj = m.PerjanjianKinerja.objects.create(
            perangkat_daerah=pd,
            tahun=tahun,
            versi=pk.versi,
            urutan_versi=urutan_versi(pk.versi),
            tanggal=pk.tanggal,
            tempat=pk.tempat or "",
            sumber_dana=pk.sumber_dana or "",
            pihak_pertama=_pejabat_baru(pk.pihak_pertama, pemda, pd, 100),
            pihak_kedua=_pejabat_baru(pk.pihak_kedua, pemda, pd, 101),
            revisi_renstra=pk.revisi_renstra,
        )
        m.TargetPK.objects.bulk_create(
            m.TargetPK(
                perjanjian_kinerja=obj, indikator=indikator[kode], nilai=n.angka, label=_label(n)
            )
            for kode, n in pk.target.items()
        )
        m.AnggaranProgramPK.objects.bulk_create(
            m.AnggaranProgramPK(
                perjanjian_kinerja=obj, program=node[kode]["program"], jumlah=jumlah
            )
            for kode, jumlah in pk.anggaran_program.items()
        )
    for i, b in enumerate(th.pk_berjenjang):
        obj = m.PKBerjenjang.objects.create(
            perangkat_daerah=pd,
            tahun=tahun,
            urutan=i,
            jabatan=b.jabatan,
            versi=b.versi,
            pejabat=_pejabat_baru(b.pejabat, pemda, pd, 200 + i),
            anggaran={k: str(v) for k, v in b.anggaran.items()},
        )
        m.SasaranPKBerjenjang.objects.bulk_create(
            m.SasaranPKBerjenjang(
                pk_berjenjang=obj,
                urutan=j,
                uraian=s.uraian,
                indikator=s.indikator,
                target=s.target.angka if s.target else None,
                target_label=_label(s.target),
            )
            for j, s in enumerate(b.sasaran)
        )

    def baris_triwulan(
        model, kode: str, tw: list[t.NilaiTW], catatan: list[str | None] | None = None
    ):
        for i, v in enumerate(tw):
            if v is None and not (catatan and catatan[i]):
                continue
            extra = {}
            if model is m.Realisasi:
                extra["catatan"] = (catatan[i] or "") if catatan else ""
            if isinstance(v, Rasio):
                yield model(
                    indikator=indikator[kode],
                    tahun=tahun,
                    triwulan=i + 1,
                    pembilang=v.pembilang,
                    penyebut=v.penyebut,
                    **extra,
                )
            else:
                yield model(
                    indikator=indikator[kode],
                    tahun=tahun,
                    triwulan=i + 1,
                    nilai=v.angka if v else None,
                    label=_label(v),
                    **extra,
                )

    m.RencanaAksi.objects.bulk_create(
        row
        for kode, tw in th.rencana_aksi.items()
        for row in baris_triwulan(m.RencanaAksi, kode, tw)
    )
    kode_realisasi = list(th.realisasi) + [k for k in th.catatan_realisasi if k not in th.realisasi]
    m.Realisasi.objects.bulk_create(
        row
        for kode in kode_realisasi
        for row in baris_triwulan(
            m.Realisasi, kode, th.realisasi.get(kode, [None] * 4), th.catatan_realisasi.get(kode)
        )
    )

    for dpa in th.dpa:
        obj = DPA.objects.create(
            perangkat_daerah=pd,
            tahun=tahun,
            versi=dpa.versi,
            urutan_versi=urutan_versi(dpa.versi),
            tanggal=dpa.tanggal,
        )
        Pagu.objects.bulk_create(
            Pagu(dpa=obj, jumlah=jumlah, **node[kode]) for kode, jumlah in dpa.pagu.items()
        )
        PaguJenisBelanja.objects.bulk_create(
            PaguJenisBelanja(dpa=obj, kode=kode, jumlah=jumlah)
            for kode, jumlah in dpa.jenis_belanja.items()
        )
    rows = []
    for kode, value in th.realisasi_anggaran.items():
        if isinstance(value, list):
            rows.extend(
                RealisasiAnggaran(
                    perangkat_daerah=pd, tahun=tahun, triwulan=i + 1, jumlah=v, **node[kode]
                )
                for i, v in enumerate(value)
                if v is not None
            )
        else:
            rows.append(
                RealisasiAnggaran(perangkat_daerah=pd, tahun=tahun, jumlah=value, **node[kode])
            )
    RealisasiAnggaran.objects.bulk_create(rows)
    RealisasiJenisBelanja.objects.bulk_create(
        RealisasiJenisBelanja(perangkat_daerah=pd, tahun=tahun, kode=kode, jumlah=jumlah)
        for kode, jumlah in th.realisasi_jenis_belanja.items()
    )
    m.NilaiPembanding.objects.bulk_create(
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
        for kode, daftar in th.pembanding.items()
        for i, p in enumerate(daftar)
    )
    for i, skm in enumerate(th.skm):
        hasil = m.HasilSKM.objects.create(
            perangkat_daerah=pd,
            tahun=tahun,
            urutan=i,
            indikator=indikator.get(skm.indikator) if skm.indikator else None,
            periode=skm.periode or "",
            responden=skm.responden,
        )
        m.NilaiUnsurSKM.objects.bulk_create(
            m.NilaiUnsurSKM(hasil=hasil, unsur=u, nrr=v) for u, v in skm.unsur.items()
        )
    m.AngkaDilaporkan.objects.bulk_create(
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


def _n(d: Decimal | None) -> Decimal | None:
    """Stored decimals carry the column's scale (75.350000); drop it."""
    if d is None:
        return None
    return d.normalize() if d != d.to_integral_value() else Decimal(int(d))


def _nilai_db(angka: Decimal | None, label: str) -> Nilai | None:
    return _nilai(_n(angka), label)


def paket_muat(
    pd: m.PerangkatDaerah, tahun: int | None = None, *, aturan_hari_ini: bool = False
) -> t.Paket:
    """Read everything held for ``pd`` back as a paket (a bounded number of queries).

    A paket holds one Renstra: the one whose period contains ``tahun`` (the latest
    when ``tahun`` is None or no period contains it). Years covered by another of
    the perangkat daerah's Renstra are left out, since their indicators and program
    tree are that Renstra's.

    With ``tahun`` the paket carries the rules in force for that year
    (``aturan_berlaku``: a signed year's own rules); without it, or with
    ``aturan_hari_ini`` (what an export must carry, since an import checks the
    rules against the pemda), the pemda's rules of today.
    """
    pemda = m.Pemda.objects.select_related("kepala").get(pk=pd.pemda_id)
    pd = m.PerangkatDaerah.objects.select_related("kepala").get(pk=pd.pk)
    if tahun is None or aturan_hari_ini:
        aturan = aturan_pemda(pemda)
    else:
        aturan = aturan_berlaku(pd, tahun, pemda=pemda)
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
    indikator_rows = list(m.Indikator.objects.filter(renstra=renstra_obj).order_by("urutan"))
    tt = defaultdict(dict)
    for row in m.TargetTahunan.objects.filter(indikator__renstra=renstra_obj):
        tt[row.indikator_id][row.tahun] = _nilai_db(row.nilai, row.label)
    rw = defaultdict(dict)
    for row in m.RiwayatIndikator.objects.filter(indikator__renstra=renstra_obj):
        rw[row.indikator_id][row.tahun] = t.RiwayatTahun(
            target=_nilai_db(row.target, row.target_label),
            realisasi=_nilai_db(row.realisasi, row.realisasi_label),
        )
    per_induk: dict[tuple[str, int], list[t.Indikator]] = defaultdict(list)
    kode_indikator: dict[int, str] = {}
    tipe_indikator: dict[int, TipePenghitungan] = {}
    for row in indikator_rows:
        tingkat = row.tingkat
        ind = t.Indikator(
            kode=row.kode,
            nama=row.nama,
            satuan=row.satuan,
            polaritas=Polaritas(row.polaritas),
            tipe_penghitungan=TipePenghitungan(row.tipe_penghitungan),
            tingkat=tingkat,
            iku=row.iku,
            target_tahunan=tt[row.id],
            target_akhir=_nilai_db(row.target_akhir, row.target_akhir_label),
            riwayat=rw[row.id],
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
        per_induk[(tingkat, getattr(row, f"{tingkat}_id"))].append(ind)
        kode_indikator[row.id] = row.kode
        tipe_indikator[row.id] = ind.tipe_penghitungan

    def indikator_dari(tingkat: str, obj_id: int, kode: str) -> list[t.Indikator]:
        daftar = per_induk.get((tingkat, obj_id), [])
        for ind in daftar:
            ind.induk = kode
        return daftar

    sasaran_rows = defaultdict(list)
    for s in m.Sasaran.objects.filter(tujuan__renstra=renstra_obj).order_by("urutan"):
        sasaran_rows[s.tujuan_id].append(s)
    tujuan = []
    for tj in m.Tujuan.objects.filter(renstra=renstra_obj).order_by("urutan"):
        tujuan.append(
            t.Tujuan(
                kode=tj.kode,
                uraian=tj.uraian,
                indikator=indikator_dari("tujuan", tj.id, tj.kode),
                sasaran=[
                    t.Sasaran(
                        kode=s.kode,
                        uraian=s.uraian,
                        indikator=indikator_dari("sasaran", s.id, s.kode),
                        strategi=list(s.strategi),
                        arah_kebijakan=list(s.arah_kebijakan),
                    )
                    for s in sasaran_rows[tj.id]
                ],
            )
        )
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
    renstra = t.Renstra(
        mulai=renstra_obj.mulai,
        selesai=renstra_obj.selesai,
        tujuan=tujuan,
        visi=renstra_obj.visi or None,
        misi=list(renstra_obj.misi),
        revisi=revisi,
    )

    kode_node: dict[tuple[str, int], str] = {}
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
                indikator=indikator_dari("program", p.id, p.kode),
                kegiatan=[
                    t.Kegiatan(
                        kode=k.kode,
                        nama=k.nama,
                        indikator=indikator_dari("kegiatan", k.id, k.kode),
                        sub_kegiatan=[
                            t.SubKegiatan(
                                kode=s.kode,
                                nama=s.nama,
                                indikator=indikator_dari("sub_kegiatan", s.id, s.kode),
                            )
                            for s in subs[k.id]
                        ],
                    )
                    for k in kegs[p.id]
                ],
            )
        )

    def kode_dari(row) -> str:
        if row.sub_kegiatan_id:
            return kode_node[("sub_kegiatan", row.sub_kegiatan_id)]
        if row.kegiatan_id:
            return kode_node[("kegiatan", row.kegiatan_id)]
        return kode_node[("program", row.program_id)]

    tahun_list = [
        t.Tahun(tahun=x.tahun, laporan=_laporan(x))
        for x in LKjIP.objects.filter(perangkat_daerah=pd)
        .exclude(tahun__in=tahun_lain)
        .order_by("tahun")
    ]
    per_tahun = {th.tahun: th for th in tahun_list}

    for pk in (
        m.PerjanjianKinerja.objects.filter(perangkat_daerah=pd)
        .exclude(tahun__in=tahun_lain)
        .order_by("tahun", "urutan_versi")
        .select_related("pihak_pertama", "pihak_kedua")
        .prefetch_related("target__indikator", "anggaran_program__program")
    ):
        per_tahun[pk.tahun].perjanjian_kinerja.append(
            t.PerjanjianKinerja(
                versi=pk.versi,
                target={x.indikator.kode: _nilai_db(x.nilai, x.label) for x in pk.target.all()},
                anggaran_program={x.program.kode: _n(x.jumlah) for x in pk.anggaran_program.all()},
                tanggal=pk.tanggal,
                tempat=pk.tempat or None,
                sumber_dana=pk.sumber_dana or None,
                pihak_pertama=_pejabat(pk.pihak_pertama),
                pihak_kedua=_pejabat(pk.pihak_kedua),
                # Only meaningful once the Renstra has versions (else it is always 0).
                revisi_renstra=pk.revisi_renstra if revisi else None,
            )
        )
    for b in (
        m.PKBerjenjang.objects.filter(perangkat_daerah=pd)
        .exclude(tahun__in=tahun_lain)
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
                        target=_nilai_db(s.target, s.target_label),
                    )
                    for s in b.sasaran.all()
                ],
                anggaran={k: _n(Decimal(v)) for k, v in b.anggaran.items()},
            )
        )

    def tw_nilai(row) -> t.NilaiTW:
        if row.pembilang is not None and row.penyebut is not None:
            return Rasio(_n(row.pembilang), _n(row.penyebut))
        return _nilai_db(row.nilai, row.label)

    for row in m.RencanaAksi.objects.filter(indikator__renstra=renstra_obj).order_by(
        "indikator__urutan", "triwulan"
    ):
        th = per_tahun.get(row.tahun)
        if th is not None:
            th.rencana_aksi.setdefault(kode_indikator[row.indikator_id], [None] * 4)[
                row.triwulan - 1
            ] = tw_nilai(row)
    for row in m.Realisasi.objects.filter(indikator__renstra=renstra_obj).order_by(
        "indikator__urutan", "triwulan"
    ):
        th = per_tahun.get(row.tahun)
        if th is None:
            continue
        kode = kode_indikator[row.indikator_id]
        nilai = tw_nilai(row)
        if nilai is not None or kode in th.realisasi:
            th.realisasi.setdefault(kode, [None] * 4)[row.triwulan - 1] = nilai
        if row.catatan:
            th.catatan_realisasi.setdefault(kode, [None] * 4)[row.triwulan - 1] = row.catatan

    for dpa in (
        DPA.objects.filter(perangkat_daerah=pd)
        .exclude(tahun__in=tahun_lain)
        .order_by("tahun", "urutan_versi")
        .prefetch_related("pagu", "jenis_belanja")
    ):
        per_tahun[dpa.tahun].dpa.append(
            t.DPA(
                versi=dpa.versi,
                pagu={kode_dari(x): _n(x.jumlah) for x in dpa.pagu.all()},
                jenis_belanja={x.kode: _n(x.jumlah) for x in dpa.jenis_belanja.all()},
                tanggal=dpa.tanggal,
            )
        )
    for row in (
        RealisasiAnggaran.objects.filter(perangkat_daerah=pd)
        .exclude(tahun__in=tahun_lain)
        .order_by("tahun", "id")
    ):
        th = per_tahun[row.tahun]
        kode = kode_dari(row)
        if row.triwulan is None:
            th.realisasi_anggaran[kode] = _n(row.jumlah)
        else:
            th.realisasi_anggaran.setdefault(kode, [None] * 4)[row.triwulan - 1] = _n(row.jumlah)
    for row in (
        RealisasiJenisBelanja.objects.filter(perangkat_daerah=pd)
        .exclude(tahun__in=tahun_lain)
        .order_by("tahun", "kode")
    ):
        per_tahun[row.tahun].realisasi_jenis_belanja[row.kode] = _n(row.jumlah)
    for row in m.NilaiPembanding.objects.filter(indikator__renstra=renstra_obj).order_by(
        "tahun", "indikator__urutan", "urutan"
    ):
        per_tahun[row.tahun].pembanding.setdefault(kode_indikator[row.indikator_id], []).append(
            t.Pembanding(
                tingkat=row.tingkat,
                nilai=_nilai_db(row.nilai, row.nilai_label),
                label=row.label or None,
                sumber=row.sumber or None,
            )
        )
    for hasil in (
        m.HasilSKM.objects.filter(perangkat_daerah=pd)
        .exclude(tahun__in=tahun_lain)
        .order_by("tahun", "urutan")
        .prefetch_related("unsur")
    ):
        per_tahun[hasil.tahun].skm.append(
            t.SKM(
                unsur={u.unsur: _n(u.nrr) for u in hasil.unsur.all()},
                indikator=kode_indikator.get(hasil.indikator_id),
                periode=hasil.periode or None,
                responden=hasil.responden,
            )
        )
    for row in (
        m.AngkaDilaporkan.objects.filter(perangkat_daerah=pd)
        .exclude(tahun__in=tahun_lain)
        .order_by("tahun", "urutan")
    ):
        per_tahun[row.tahun].angka_dilaporkan.append(
            t.AngkaDilaporkan(
                jenis=row.jenis,
                kode=row.kode,
                nilai=Decimal(row.nilai),
                sumber=row.sumber or None,
                tahun_banding=row.tahun_banding,
            )
        )

    return t.Paket(
        pemda=t.Pemda(
            kode=pemda.kode,
            nama=pemda.nama,
            aturan=aturan,
            provinsi=pemda.provinsi or None,
            ibu_kota=pemda.ibu_kota or None,
            jenis=None if pemda.jenis == m.jenis_pemda_dari_nama(pemda.nama) else pemda.jenis,
            kepala=_pejabat(kepala_daerah),
        ),
        perangkat_daerah=t.PerangkatDaerah(
            kode=pd.kode,
            nama=pd.nama,
            jenis=pd.jenis,
            alamat=pd.alamat or None,
            telepon=pd.telepon or None,
            email=pd.email or None,
            situs=pd.situs or None,
            kepala=_pejabat(kepala_pd),
            pejabat=[_pejabat(p) for p in staf],
        ),
        renstra=renstra,
        program=program,
        tahun=tahun_list,
        keterangan=pd.keterangan_data or None,
    )


def _laporan(x: LKjIP) -> t.Laporan | None:
    if not x.tempat and not x.tanggal:
        return None
    return t.Laporan(tempat=x.tempat or None, tanggal=x.tanggal)


__all__ = ["paket_simpan", "paket_muat", "band_list"]
