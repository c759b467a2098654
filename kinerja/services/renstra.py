"""The Renstra over the years: a new period, and revisions of the current one.

A Renstra is *in use* once a Perjanjian Kinerja exists for one of its years (or
once it has been revised). From then on a change of a target, or adding or
removing an indicator, belongs to an open revision (nomor, tanggal, alasan),
and every such change is audited with the revision it belongs to.

Versions: nomor 0 is the Renstra as first set, 1, 2, … its revisions. The
latest version is what the Renstra says now (the live rows); when a revision
is opened, what the Renstra said until then is frozen into the previous
version's record (``RevisiRenstra.isi``), so every earlier version stays
readable.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.audit import catat_perubahan, format_waktu, nama_pengguna
from kinerja.models import (
    Indikator,
    Kegiatan,
    PerangkatDaerah,
    PerjanjianKinerja,
    Program,
    Renstra,
    RevisiRenstra,
    Sasaran,
    SubKegiatan,
    TargetTahunan,
    Tujuan,
)
from kinerja.paket import types as pt
from kinerja.services.kunci import pastikan_tahun_terbuka
from lib.format import format_angka_alami, format_tanggal

PESAN_PERIODE_TERBALIK = "Tahun selesai harus sesudah tahun mulai."
PESAN_PERIODE_TUMPANG_TINDIH = (
    "Periode {mulai}–{selesai} tumpang tindih dengan Renstra {r_mulai}–{r_selesai} yang sudah "
    "ada. Setiap tahun hanya boleh dicakup oleh satu Renstra; pilih periode yang dimulai "
    "sesudah tahun {r_selesai}, atau revisi Renstra yang sudah ada."
)
PESAN_SALIN_ASING = "Renstra yang akan disalin bukan milik perangkat daerah ini."
PESAN_PERLU_REVISI = (
    "Renstra {mulai}–{selesai} sudah dipakai dalam Perjanjian Kinerja. Perubahan target atau "
    "indikator harus dicatat dalam revisi Renstra: buka revisi (tanggal dan alasan) lebih "
    "dahulu, lalu simpan lagi."
)
PESAN_REVISI_MASIH_TERBUKA = (
    "Revisi ke-{nomor} Renstra {mulai}–{selesai} masih terbuka; selesaikan revisi itu sebelum "
    "membuka revisi baru."
)
PESAN_ALASAN_WAJIB = "Tuliskan alasan revisi."
PESAN_REVISI_SUDAH_DITUTUP = "Revisi ke-{nomor} sudah diselesaikan."


# --------------------------------------------------------------------------- reading


def renstra_tahun(pd: PerangkatDaerah, tahun: int) -> Renstra | None:
    """The Renstra whose period contains ``tahun``."""
    return (
        Renstra.objects.filter(perangkat_daerah=pd, mulai__lte=tahun, selesai__gte=tahun)
        .order_by("-mulai")
        .first()
    )


def versi_kini(renstra: Renstra) -> int:
    """The number of the latest version (0 when the Renstra was never revised)."""
    return (
        RevisiRenstra.objects.filter(renstra=renstra)
        .order_by("-nomor")
        .values_list("nomor", flat=True)
        .first()
        or 0
    )


def revisi_terbuka(renstra: Renstra) -> RevisiRenstra | None:
    return RevisiRenstra.objects.filter(
        renstra=renstra, nomor__gt=0, ditutup_pada__isnull=True
    ).first()


def renstra_dipakai(renstra: Renstra) -> bool:
    """True once a PK exists for one of its years, or the Renstra has been revised."""
    return (
        PerjanjianKinerja.objects.filter(
            perangkat_daerah_id=renstra.perangkat_daerah_id,
            tahun__gte=renstra.mulai,
            tahun__lte=renstra.selesai,
        ).exists()
        or RevisiRenstra.objects.filter(renstra=renstra, nomor__gt=0).exists()
    )


def pastikan_revisi(renstra: Renstra) -> RevisiRenstra | None:
    """The open revision a change of targets or indicators belongs to.

    None when the Renstra is not in use yet (it is still being drafted); a
    ValidationError asking for a revision when it is in use and none is open.
    """
    if not renstra_dipakai(renstra):
        return None
    revisi = revisi_terbuka(renstra)
    if revisi is None:
        raise ValidationError(
            PESAN_PERLU_REVISI.format(mulai=renstra.mulai, selesai=renstra.selesai)
        )
    return revisi


def _teks(angka, label: str = "") -> str:
    # The same text as kinerja.services.perencanaan.common.teks_nilai (the planning services
    # import this module).
    if angka is None:
        return ""
    return label or format_angka_alami(angka)


def _induk(ind: Indikator) -> dict[str, str]:
    for nama, judul in (
        ("sub_kegiatan", "Sub kegiatan"),
        ("kegiatan", "Kegiatan"),
        ("program", "Program"),
        ("sasaran", "Sasaran strategis"),
        ("tujuan", "Tujuan"),
    ):
        if getattr(ind, f"{nama}_id"):
            obj = getattr(ind, nama)
            return {
                "tingkat": judul,
                "kode": obj.kode,
                "uraian": getattr(obj, "uraian", None) or obj.nama,
            }
    return {"tingkat": "", "kode": "", "uraian": ""}


def isi_versi(renstra: Renstra) -> dict[str, Any]:
    """What the Renstra says now: its indicator register and yearly targets, as display texts."""
    target: dict[int, dict[str, str]] = {}
    for t in TargetTahunan.objects.filter(indikator__renstra=renstra):
        target.setdefault(t.indikator_id, {})[str(t.tahun)] = _teks(t.nilai, t.label)
    indikator = []
    for ind in (
        Indikator.objects.filter(renstra=renstra)
        .select_related("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
        .order_by("urutan", "kode")
    ):
        indikator.append(
            {
                "kode": ind.kode,
                "nama": ind.nama,
                "satuan": ind.satuan,
                "iku": ind.iku,
                "induk": _induk(ind),
                "target": target.get(ind.pk, {}),
                "target_akhir": _teks(ind.target_akhir, ind.target_akhir_label),
            }
        )
    return {"mulai": renstra.mulai, "selesai": renstra.selesai, "indikator": indikator}


def nama_versi(
    renstra: Renstra | pt.Renstra, revisi: RevisiRenstra | pt.RevisiRenstra | None
) -> str:
    """ "Renstra 2021–2026, revisi ke-1 (12 Maret 2025)" or "Renstra 2021–2026, versi awal"."""
    dasar = f"Renstra {renstra.mulai}–{renstra.selesai}"
    if revisi is None or revisi.nomor == 0:
        return f"{dasar}, versi awal"
    teks = f"{dasar}, revisi ke-{revisi.nomor}"
    if revisi.tanggal:
        teks += f" ({format_tanggal(revisi.tanggal)})"
    return teks


def versi_renstra_pk(pk: PerjanjianKinerja) -> str:
    """The Renstra version a PK was made from, in words; "" when no Renstra covers its year."""
    renstra = renstra_tahun(pk.perangkat_daerah, pk.tahun)
    if renstra is None:
        return ""
    nomor = pk.revisi_renstra or 0
    revisi = RevisiRenstra.objects.filter(renstra=renstra, nomor=nomor).first()
    if revisi is None and nomor:
        return f"Renstra {renstra.mulai}–{renstra.selesai}, revisi ke-{nomor}"
    return nama_versi(renstra, revisi)


def kalimat_versi_renstra(renstra: pt.Renstra, th: pt.Tahun) -> str:
    """The sentence of the LKjIP saying which version of the paket's Renstra the year uses:
    the version its latest PK was made from, else the latest version (no query)."""
    nomor = max((v.nomor for v in renstra.revisi), default=0)
    if th.perjanjian_kinerja and th.perjanjian_kinerja[-1].revisi_renstra is not None:
        nomor = th.perjanjian_kinerja[-1].revisi_renstra
    revisi = next((v for v in renstra.revisi if v.nomor == nomor), None)
    nama = nama_versi(renstra, revisi)
    if th.perjanjian_kinerja:
        return (
            f"Laporan ini menggunakan {nama}, yang menjadi dasar Perjanjian Kinerja tahun "
            f"{th.tahun}."
        )
    return f"Laporan ini menggunakan {nama}."


# --------------------------------------------------------------------------- a new period


@transaction.atomic
def renstra_buat(
    *,
    perangkat_daerah: PerangkatDaerah,
    pengguna,
    mulai: int,
    selesai: int,
    visi: str,
    misi: list[str],
    salin_dari: Renstra | None = None,
) -> Renstra:
    """A new Renstra period; with ``salin_dari``, its structure (tujuan, sasaran, program tree,
    indikator) is copied as a starting point, without any target."""
    pd = perangkat_daerah
    if selesai <= mulai:
        raise ValidationError({"selesai": PESAN_PERIODE_TERBALIK})
    # Lock the perangkat daerah's Renstra rows so two new periods cannot overlap.
    ada = list(Renstra.objects.select_for_update().filter(perangkat_daerah=pd).order_by("mulai"))
    for r in ada:
        if r.mulai <= selesai and mulai <= r.selesai:
            raise ValidationError(
                {
                    "mulai": PESAN_PERIODE_TUMPANG_TINDIH.format(
                        mulai=mulai, selesai=selesai, r_mulai=r.mulai, r_selesai=r.selesai
                    )
                }
            )
    if salin_dari is not None and salin_dari.perangkat_daerah_id != pd.pk:
        raise ValidationError(PESAN_SALIN_ASING)
    for tahun in range(mulai, selesai + 1):
        pastikan_tahun_terbuka(pd, tahun)
    baru = Renstra(
        perangkat_daerah=pd,
        mulai=mulai,
        selesai=selesai,
        visi=visi.strip(),
        misi=[m.strip() for m in misi if m.strip()],
    )
    baru.full_clean()
    baru.save()
    jumlah = _salin_struktur(salin_dari, baru) if salin_dari is not None else 0
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="renstra.buat",
        objek=baru,
        uraian=f"Renstra {mulai}–{selesai}",
        baru={"periode": f"{mulai}–{selesai}"},
        data={
            "salin_dari": f"{salin_dari.mulai}–{salin_dari.selesai}" if salin_dari else None,
            "indikator": jumlah,
        },
    )
    return baru


def _salin_struktur(lama: Renstra, baru: Renstra) -> int:
    """Copy tujuan, sasaran, program tree and indicators (no targets); return the indicators."""
    tujuan: dict[int, Tujuan] = {}
    sasaran: dict[int, Sasaran] = {}
    program: dict[int, Program] = {}
    kegiatan: dict[int, Kegiatan] = {}
    sub: dict[int, SubKegiatan] = {}
    for t in Tujuan.objects.filter(renstra=lama).order_by("urutan"):
        tujuan[t.pk] = Tujuan.objects.create(
            renstra=baru,
            urutan=t.urutan,
            kode=t.kode,
            uraian=t.uraian,
            sasaran_rpjmd=t.sasaran_rpjmd,
        )
    for s in Sasaran.objects.filter(tujuan__renstra=lama).order_by("urutan"):
        sasaran[s.pk] = Sasaran.objects.create(
            tujuan=tujuan[s.tujuan_id],
            urutan=s.urutan,
            kode=s.kode,
            uraian=s.uraian,
            strategi=list(s.strategi),
            arah_kebijakan=list(s.arah_kebijakan),
        )
    for p in Program.objects.filter(renstra=lama).prefetch_related("sasaran", "tujuan"):
        program[p.pk] = Program.objects.create(
            renstra=baru, urutan=p.urutan, kode=p.kode, nama=p.nama
        )
        program[p.pk].sasaran.set([sasaran[x.pk] for x in p.sasaran.all()])
        program[p.pk].tujuan.set([tujuan[x.pk] for x in p.tujuan.all()])
    for k in Kegiatan.objects.filter(program__renstra=lama):
        kegiatan[k.pk] = Kegiatan.objects.create(
            program=program[k.program_id], urutan=k.urutan, kode=k.kode, nama=k.nama
        )
    for s in SubKegiatan.objects.filter(kegiatan__program__renstra=lama):
        sub[s.pk] = SubKegiatan.objects.create(
            kegiatan=kegiatan[s.kegiatan_id], urutan=s.urutan, kode=s.kode, nama=s.nama
        )
    salinan = []
    for ind in Indikator.objects.filter(renstra=lama).order_by("urutan"):
        ind.pk = None
        ind._state.adding = True
        ind.renstra = baru
        ind.tujuan = tujuan[ind.tujuan_id] if ind.tujuan_id else None
        ind.sasaran = sasaran[ind.sasaran_id] if ind.sasaran_id else None
        ind.program = program[ind.program_id] if ind.program_id else None
        ind.kegiatan = kegiatan[ind.kegiatan_id] if ind.kegiatan_id else None
        ind.sub_kegiatan = sub[ind.sub_kegiatan_id] if ind.sub_kegiatan_id else None
        ind.target_akhir = None
        ind.target_akhir_label = ""
        ind.target_akhir_atas = None
        salinan.append(ind)
    Indikator.objects.bulk_create(salinan)
    return len(salinan)


# --------------------------------------------------------------------------- revisions


@transaction.atomic
def revisi_buka(
    *, renstra: Renstra, pengguna, tanggal: datetime.date, alasan: str
) -> RevisiRenstra:
    """Open the next revision; what the Renstra said until now is frozen as the previous version."""
    renstra = Renstra.objects.select_for_update().get(pk=renstra.pk)
    alasan = alasan.strip()
    if not alasan:
        raise ValidationError({"alasan": PESAN_ALASAN_WAJIB})
    terbuka = revisi_terbuka(renstra)
    if terbuka is not None:
        raise ValidationError(
            PESAN_REVISI_MASIH_TERBUKA.format(
                nomor=terbuka.nomor, mulai=renstra.mulai, selesai=renstra.selesai
            )
        )
    isi = isi_versi(renstra)
    sekarang = versi_kini(renstra)
    sebelumnya = RevisiRenstra.objects.filter(renstra=renstra, nomor=sekarang).first()
    if sebelumnya is None:  # the first revision: the Renstra as first set becomes version 0
        sebelumnya = RevisiRenstra(renstra=renstra, nomor=0, alasan="Penetapan awal Renstra")
    sebelumnya.isi = isi
    if sebelumnya.ditutup_pada is None:
        sebelumnya.ditutup_pada = timezone.now()
    sebelumnya.save()
    revisi = RevisiRenstra(
        renstra=renstra,
        nomor=sekarang + 1,
        tanggal=tanggal,
        alasan=alasan,
        dibuat_oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None,
        isi=isi,
    )
    revisi.full_clean()
    revisi.save()
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=renstra.perangkat_daerah,
        aksi="renstra.revisi_buka",
        objek=revisi,
        uraian=f"Revisi ke-{revisi.nomor} Renstra {renstra.mulai}–{renstra.selesai}",
        baru={"tanggal": format_tanggal(tanggal), "alasan": alasan},
        data={"revisi_renstra": revisi.nomor},
    )
    return revisi


@transaction.atomic
def revisi_tutup(*, revisi: RevisiRenstra, pengguna) -> RevisiRenstra:
    """Finish an open revision: further changes of targets need a new revision."""
    revisi = (
        RevisiRenstra.objects.select_for_update(of=("self",))
        .select_related("renstra")
        .get(pk=revisi.pk)
    )
    if not revisi.terbuka:
        raise ValidationError(PESAN_REVISI_SUDAH_DITUTUP.format(nomor=revisi.nomor))
    revisi.ditutup_pada = timezone.now()
    revisi.isi = isi_versi(revisi.renstra)
    revisi.save(update_fields=["ditutup_pada", "isi"])
    r = revisi.renstra
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=r.perangkat_daerah,
        aksi="renstra.revisi_tutup",
        objek=revisi,
        uraian=f"Revisi ke-{revisi.nomor} Renstra {r.mulai}–{r.selesai} diselesaikan",
        data={"revisi_renstra": revisi.nomor},
    )
    return revisi


# --------------------------------------------------------------------------- adding, removing


PESAN_KODE_INDIKATOR_ADA = "Kode {kode} sudah dipakai indikator lain dalam Renstra ini."
PESAN_INDUK_ASING = "Tujuan, sasaran atau program yang dipilih bukan bagian Renstra ini."
PESAN_INDIKATOR_BERDATA = (
    "Indikator {kode} tidak dapat dihapus karena sudah memiliki {apa}. Untuk menghentikannya "
    "di tahun-tahun berikutnya, kosongkan targetnya dalam revisi Renstra."
)


@transaction.atomic
def indikator_tambah(
    *,
    renstra: Renstra,
    pengguna,
    induk: Tujuan | Sasaran | Program,
    kode: str,
    nama: str,
    satuan: str,
    polaritas: str,
    tipe_penghitungan: str,
    iku: bool = False,
) -> Indikator:
    """A new indicator of a tujuan, sasaran or program; within a revision once the Renstra is in use."""
    renstra = Renstra.objects.select_for_update().get(pk=renstra.pk)
    induk_renstra = induk.tujuan.renstra_id if isinstance(induk, Sasaran) else induk.renstra_id
    if induk_renstra != renstra.pk:
        raise ValidationError({"induk": PESAN_INDUK_ASING})
    kode = kode.strip()
    if Indikator.objects.filter(renstra=renstra, kode=kode).exists():
        raise ValidationError({"kode": PESAN_KODE_INDIKATOR_ADA.format(kode=kode)})
    revisi = pastikan_revisi(renstra)
    tingkat = {Tujuan: "tujuan", Sasaran: "sasaran", Program: "program"}[type(induk)]
    urutan = (
        Indikator.objects.filter(renstra=renstra)
        .order_by("-urutan")
        .values_list("urutan", flat=True)
        .first()
        or 0
    )
    ind = Indikator(
        renstra=renstra,
        urutan=urutan + 1,
        kode=kode,
        nama=nama.replace("\r\n", "\n").strip(),
        satuan=satuan.strip(),
        polaritas=polaritas,
        tipe_penghitungan=tipe_penghitungan,
        iku=iku,
        **{tingkat: induk},
    )
    ind.full_clean()
    ind.save()
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=renstra.perangkat_daerah,
        aksi="indikator.buat",
        objek=ind,
        uraian=f"Indikator {ind.kode} {ind.nama}",
        baru={"kode": ind.kode, "nama": ind.nama, "induk": induk.kode},
        data={"revisi_renstra": revisi.nomor} if revisi else None,
    )
    return ind


def _daftar_kata(kata: list[str]) -> str:
    """ "a", "a dan b", "a, b dan c"."""
    return kata[0] if len(kata) == 1 else ", ".join(kata[:-1]) + " dan " + kata[-1]


@transaction.atomic
def indikator_hapus(*, indikator: Indikator, pengguna) -> None:
    """Remove an indicator that holds no data of any year; within a revision once in use."""
    ind = (
        Indikator.objects.select_for_update(of=("self",))
        .select_related("renstra__perangkat_daerah")
        .get(pk=indikator.pk)
    )
    data = [
        ("target Perjanjian Kinerja", ind.target_pk.exists()),
        ("rencana aksi", ind.rencana_aksi.exists()),
        ("realisasi", ind.realisasi.exists()),
        ("riwayat capaian", ind.riwayat.exists()),
    ]
    ada = [apa for apa, benar in data if benar]
    if ada:
        raise ValidationError(PESAN_INDIKATOR_BERDATA.format(kode=ind.kode, apa=_daftar_kata(ada)))
    revisi = pastikan_revisi(ind.renstra)
    target = {str(t.tahun): _teks(t.nilai, t.label) for t in ind.target_tahunan.all()}
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=ind.renstra.perangkat_daerah,
        aksi="indikator.hapus",
        objek=ind,
        uraian=f"Indikator {ind.kode} {ind.nama}",
        lama={"kode": ind.kode, "nama": ind.nama, "target": target},
        data={"revisi_renstra": revisi.nomor} if revisi else None,
    )
    ind.delete()


def ringkasan_versi(r: Renstra) -> dict[str, Any]:
    """What the Renstra page shows about versions: the list, the open revision, whether
    the Renstra is in use (a change then needs a revision)."""
    daftar = list(RevisiRenstra.objects.filter(renstra=r).select_related("dibuat_oleh"))
    kini = max((v.nomor for v in daftar), default=0)
    versi = [
        {
            "nomor": v.nomor,
            "nama": nama_versi(r, v),
            "alasan": v.alasan,
            "oleh": nama_pengguna(v.dibuat_oleh) if v.nomor else "",
            "waktu": format_waktu(v.dibuat_pada) if v.nomor else "",
            "terbuka": v.terbuka,
            "kini": v.nomor == kini,
        }
        for v in daftar
    ]
    if not versi:
        versi = [
            {
                "nomor": 0,
                "nama": nama_versi(r, None),
                "alasan": "",
                "oleh": "",
                "waktu": "",
                "terbuka": False,
                "kini": True,
            }
        ]
    return {
        "versi_renstra": versi,
        "revisi_terbuka": next((v for v in daftar if v.terbuka), None),
        "renstra_dipakai": renstra_dipakai(r),
    }
