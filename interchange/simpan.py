"""Store a paket (``kinerja.paket.types``) in the database: ``paket_simpan``.

``paket_simpan`` replaces everything held for the perangkat daerah, in every
app (kinerja, anggaran, laporan), in one transaction: an import is all or
nothing. Reading it back is layered: ``laporan.selectors_paket.paket_muat``.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from anggaran.models import DPA, Pagu, PaguJenisBelanja, RealisasiAnggaran, RealisasiJenisBelanja
from kinerja import models as m
from kinerja.aturan import _aturan_dari_model
from kinerja.engine.angka import Nilai
from kinerja.engine.realisasi import Rasio
from kinerja.paket import types as t
from kinerja.paket.parser import Error, InvalidPaket
from kinerja.services.tahun import tahun_daftarkan
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
    _simpan_pejabat_tahunan(paket, pemda, pd)
    indikator, node = _simpan_renstra(paket, pd)
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
        m.Indikator.objects.bulk_create([obj for obj, _ in self.rows])
        indikator = {obj.kode: obj for obj, _ in self.rows}
        if any(obj.pk is None for obj in indikator.values()):
            # Backends that do not return ids from bulk inserts.
            indikator = {i.kode: i for i in m.Indikator.objects.filter(renstra=self.renstra)}
        target_tahunan, riwayat = [], []
        for _, ind in self.rows:
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
        return indikator


def _simpan_renstra(
    paket: t.Paket, pd: m.PerangkatDaerah
) -> tuple[dict[str, m.Indikator], dict[str, dict]]:
    """The Renstra, its versions, goals, program tree and indicators.

    Returns code -> indicator row and code -> {level: node row} of the program tree."""
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
    for i, tj in enumerate(r.tujuan):
        tujuan = m.Tujuan.objects.create(
            renstra=renstra,
            urutan=i,
            kode=tj.kode,
            uraian=tj.uraian,
            sasaran_rpjmd=tj.sasaran_rpjmd or "",
        )
        tujuan_obj[tj.kode] = tujuan
        baru.tambah(tj.indikator, tujuan=tujuan)
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
            baru.tambah(s.indikator, sasaran=sasaran)
    node = _simpan_program(paket, renstra, baru, sasaran_obj, tujuan_obj)
    return baru.simpan(), node


def _simpan_program(
    paket: t.Paket,
    renstra: m.Renstra,
    baru: _IndikatorBaru,
    sasaran_obj: dict[str, m.Sasaran],
    tujuan_obj: dict[str, m.Tujuan],
) -> dict[str, dict]:
    node: dict[str, dict] = {}
    for i, p in enumerate(paket.program):
        program = m.Program.objects.create(renstra=renstra, urutan=i, kode=p.kode, nama=p.nama)
        program.sasaran.set([sasaran_obj[k] for k in p.sasaran if k in sasaran_obj])
        program.tujuan.set([tujuan_obj[k] for k in p.sasaran if k in tujuan_obj])
        node[p.kode] = {"program": program}
        baru.tambah(p.indikator, program=program)
        for j, k in enumerate(p.kegiatan):
            kegiatan = m.Kegiatan.objects.create(
                program=program, urutan=j, kode=k.kode, nama=k.nama
            )
            node[k.kode] = {"kegiatan": kegiatan}
            baru.tambah(k.indikator, kegiatan=kegiatan)
            for n, s in enumerate(k.sub_kegiatan):
                sub = m.SubKegiatan.objects.create(
                    kegiatan=kegiatan, urutan=n, kode=s.kode, nama=s.nama
                )
                node[s.kode] = {"sub_kegiatan": sub}
                baru.tambah(s.indikator, sub_kegiatan=sub)
    return node


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
