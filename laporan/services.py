"""The annual LKjIP of a perangkat daerah: narrative, BAB I tables, readiness and sign-off.

Every write to an LKjIP goes through this module, which enforces the locks (a
submitted or signed LKjIP cannot be edited; a signed year is read-only
everywhere, see ``kinerja.services.kunci``) and writes the audit entries.

draf → diajukan (operator, only when ``kesiapan_lkjip`` finds nothing missing)
→ draf again with a comment (kepala returns it) or → ditetapkan (kepala signs:
the PDF is rendered once, stamped with its content hash and stored as an
immutable ``SnapshotLKjIP``) → draf again when reopened with a reason (kepala or
admin pemda); the next sign-off is version + 1 and old versions stay.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from kinerja.audit import catat_perubahan, format_waktu, nama_pengguna
from kinerja.engine.angka import Nilai, format_angka_alami, format_persen
from kinerja.engine.hitung import Hasil, HasilIndikator, HitungGagal, hitung
from kinerja.engine.realisasi import triwulan_kosong
from kinerja.models import (
    BuktiDukung,
    Indikator,
    LogPerubahan,
    PerangkatDaerah,
    StatusTriwulan,
)
from kinerja.paket import types as t
from kinerja.paket.db import paket_muat
from kinerja.penandatangan import kepala_pd
from kinerja.services.review import triwulan_buka_kembali
from kinerja.services.tetap import (
    aturan_lepas,
    aturan_tetapkan,
    kelompok_temuan,
    penjelasan_simpan,
    penjelasan_tahun,
)
from laporan.kerangka import AWALAN_ANALISIS, BAGIAN, PER_KUNCI, judul_bagian, kunci_analisis
from laporan.models import (
    DataSDM,
    LKjIP,
    Narasi,
    PembukaanKembali,
    SaranaPrasarana,
    SnapshotLKjIP,
)

Status = LKjIP.Status
ROMAWI = ("I", "II", "III", "IV")

PESAN_BELUM_SIAP = "LKjIP tahun {tahun} belum siap ditetapkan; lengkapi dahulu:"
PESAN_TIDAK_BISA_AJUKAN = (
    "LKjIP tahun {tahun} berstatus {status}; hanya LKjIP berstatus draf yang dapat diajukan."
)
PESAN_BELUM_DIAJUKAN = (
    "LKjIP tahun {tahun} berstatus {status}; hanya LKjIP yang sudah diajukan yang dapat {aksi}."
)
PESAN_BELUM_DITETAPKAN = (
    "LKjIP tahun {tahun} berstatus {status}; hanya LKjIP yang sudah ditetapkan yang dapat "
    "dibuka kembali."
)
PESAN_TIDAK_BISA_DIUBAH = {
    Status.DIAJUKAN: (
        "LKjIP tahun {tahun} sudah diajukan kepada kepala; isinya tidak dapat diubah sampai "
        "dikembalikan."
    ),
    Status.DITETAPKAN: (
        "LKjIP tahun {tahun} sudah ditetapkan dan datanya terkunci; perubahan memerlukan "
        "pembukaan kembali oleh kepala atau admin pemda."
    ),
}
PESAN_KOMENTAR_WAJIB = "Tuliskan komentar: apa yang harus diperbaiki operator."
PESAN_ALASAN_WAJIB = "Tuliskan alasan pembukaan kembali LKjIP yang sudah ditetapkan."
PESAN_BAGIAN_TIDAK_DIKENAL = "Bagian narasi “{bagian}” tidak dikenal."
PESAN_ISI_SAMA = (
    "Isi LKjIP sama persis dengan versi {versi} yang sudah ditetapkan (kode {kode}); "
    "ubah data atau narasi yang perlu dikoreksi sebelum menetapkan ulang."
)
PESAN_TABEL_USANG = (
    "Tabel {tabel} sudah diubah oleh pengguna lain setelah halaman ini Anda buka; "
    "muat ulang halaman, periksa isinya, lalu simpan lagi."
)


def romawi(q: int) -> str:
    return ROMAWI[q - 1]


def daftar_kata(isi: list[str]) -> str:
    """ "I", "I dan II", "I, II dan IV"."""
    if len(isi) <= 1:
        return "".join(isi)
    return f"{', '.join(isi[:-1])} dan {isi[-1]}"


def id_bagian(kunci: str) -> str:
    """The HTML id of a narrative section in the editor ("bagian-analisis-IKS-2")."""
    return "bagian-" + kunci.replace(":", "-")


# --------------------------------------------------------------------------- readiness


@dataclass(frozen=True)
class Tautan:
    label: str
    url: str


@dataclass(frozen=True)
class Kekurangan:
    """One thing missing before the LKjIP may be submitted and signed, with where to fix it.

    ``tautan`` are the pages where the viewer (``DataKesiapan.peran``) can fix it; when
    the viewer cannot, ``tautan`` is empty and ``siapa`` says who can, and how."""

    jenis: str  # "data", "pk", "kepala", "realisasi", "bukti", "catatan", "temuan", "narasi"
    pesan: str
    tautan: tuple[Tautan, ...] = ()
    kode: str = ""
    siapa: str = ""


# What a viewer of the checklist can do: operator (enters data, writes the LKjIP), kepala
# (reviews quarters, reopens them), admin pemda (reopens quarters, sets the kepala).
OPERATOR, KEPALA, ADMIN_PEMDA = "operator", "kepala", "admin_pemda"
PERAN_OPERATOR = frozenset({OPERATOR})


@dataclass
class DataKesiapan:
    """Everything the readiness check reads, fetched with a fixed number of queries."""

    pd: PerangkatDaerah
    tahun: int
    paket: t.Paket
    hasil: Hasil | None
    narasi: dict[str, str]
    bukti: set[str]
    indikator_id: dict[str, int]
    ada_kepala: bool
    galat: str | None = None
    # Review status of each quarter (absent: draf) and what the viewer can do.
    status_tw: dict[int, str] = field(default_factory=dict)
    peran: frozenset[str] = PERAN_OPERATOR
    # The LKjIP's own status: its narrative is written only while it is a draft.
    status_lkjip: str = Status.DRAF
    # Finding key → the operator's explanation (kinerja.services.tetap).
    penjelasan: dict[str, str] = field(default_factory=dict)


def data_kesiapan(
    pd: PerangkatDaerah, tahun: int, *, peran: frozenset[str] = PERAN_OPERATOR
) -> DataKesiapan:
    """``peran``: what the viewer can do (``OPERATOR``, ``KEPALA``, ``ADMIN_PEMDA``), so
    that every item links to a page where the viewer can fix it."""
    paket = paket_muat(pd, tahun)
    hasil, galat = None, None
    try:
        hasil = hitung(paket, tahun)
    except HitungGagal as e:
        galat = str(e)
    narasi = {
        bagian: teks
        for bagian, teks in Narasi.objects.filter(
            lkjip__perangkat_daerah=pd, lkjip__tahun=tahun
        ).values_list("bagian", "teks")
    }
    bukti = set(
        BuktiDukung.objects.filter(
            realisasi__tahun=tahun, realisasi__indikator__renstra__perangkat_daerah=pd
        ).values_list("realisasi__indikator__kode", flat=True)
    )
    return DataKesiapan(
        pd=pd,
        tahun=tahun,
        paket=paket,
        hasil=hasil,
        narasi=narasi,
        bukti=bukti,
        indikator_id=indikator_id_per_kode(pd, tahun),
        ada_kepala=kepala_pd(pd, tahun) is not None,
        galat=galat,
        status_tw=dict(
            StatusTriwulan.objects.filter(perangkat_daerah=pd, tahun=tahun).values_list(
                "triwulan", "status"
            )
        ),
        peran=peran,
        status_lkjip=LKjIP.objects.filter(perangkat_daerah=pd, tahun=tahun)
        .values_list("status", flat=True)
        .first()
        or Status.DRAF,
        penjelasan={k: p.teks for k, p in penjelasan_tahun(pd, tahun).items()},
    )


def indikator_id_per_kode(pd: PerangkatDaerah, tahun: int | None = None) -> dict[str, int]:
    """Code → id of the indicators of the Renstra the paket is read from (the one covering
    ``tahun``, else the latest)."""
    renstra = (
        pd.renstra.filter(mulai__lte=tahun or 0, selesai__gte=tahun or 0)
        .values_list("pk", flat=True)
        .first()
        or pd.renstra.order_by("-mulai").values_list("pk", flat=True).first()
    )
    return dict(Indikator.objects.filter(renstra_id=renstra).values_list("kode", "pk"))


def _url_realisasi(d: DataKesiapan, triwulan: int, kode: str | None = None) -> str:
    url = reverse(
        "realisasi-triwulan", kwargs={"kode": d.pd.kode, "tahun": d.tahun, "triwulan": triwulan}
    )
    if kode and kode in d.indikator_id:
        url += f"#baris-{d.indikator_id[kode]}"
    return url


def _url_editor(d: DataKesiapan, kunci: str) -> str:
    url = reverse("lkjip-editor", kwargs={"kode": d.pd.kode, "tahun": d.tahun})
    return f"{url}#{id_bagian(kunci)}"


def id_temuan(kunci: str) -> str:
    """The HTML id of a finding in the editor (its key holds spaces and bars)."""
    return "temuan-" + hashlib.sha1(kunci.encode()).hexdigest()[:12]


def _url_temuan(d: DataKesiapan, kunci: str) -> str:
    url = reverse("lkjip-editor", kwargs={"kode": d.pd.kode, "tahun": d.tahun})
    return f"{url}#{id_temuan(kunci)}"


def _angka_tw(v: t.NilaiTW):
    return v.angka if isinstance(v, Nilai) else v


def _oleh(d: DataKesiapan, siapa: str, **tautan: tuple[Tautan, ...]) -> dict:
    """The links of the first role in ``tautan`` the viewer holds (operator, kepala,
    admin_pemda), else no link and who can fix it."""
    for peran, daftar in tautan.items():
        if peran in d.peran and daftar:
            return {"tautan": daftar}
    return {"siapa": siapa}


def _nama_operator(d: DataKesiapan) -> str:
    return f"Operator {d.pd.jenis or 'perangkat daerah'}"


S_TW = StatusTriwulan.Status


def _perbaikan_tw(
    d: DataKesiapan, q: int, tautan_operator: tuple[Tautan, ...], kerja: str, *, bukti=False
) -> dict:
    """Who fixes something entered on the realisasi page of quarter ``q``: the operator
    while the quarter is open (evidence also once approved); the kepala reviews a
    submitted quarter; the kepala or admin pemda reopens an approved one."""
    status = d.status_tw.get(q, S_TW.DRAF)
    tw = romawi(q)
    url = _url_realisasi(d, q)
    operator = _nama_operator(d)
    if status == S_TW.DIAJUKAN:
        return _oleh(
            d,
            f"Triwulan {tw} sedang ditinjau kepala; setelah kepala menyetujui atau "
            f"mengembalikannya, {operator.lower()} {kerja}.",
            kepala=(Tautan(f"Tinjau triwulan {tw}", f"{url}#tinjauan"),),
        )
    if status == S_TW.DISETUJUI and not bukti:
        buka = (Tautan(f"Buka kembali triwulan {tw}", f"{url}#buka-kembali"),)
        return _oleh(
            d,
            f"Triwulan {tw} sudah disetujui; kepala atau admin pemda membuka kembali triwulan "
            f"ini, lalu {operator.lower()} {kerja}.",
            kepala=buka,
            admin_pemda=buka,
        )
    return _oleh(
        d, f"{operator} {kerja} pada halaman realisasi triwulan {tw}.", operator=tautan_operator
    )


def _perbaikan_editor(d: DataKesiapan, tautan_operator: tuple[Tautan, ...], kerja: str) -> dict:
    """Who fixes what is written in the editor (a narrative section, the explanation of a
    finding): the operator while the LKjIP is a draft; while it is submitted the kepala
    returns it first."""
    operator = _nama_operator(d)
    if d.status_lkjip == Status.DIAJUKAN:
        return _oleh(
            d,
            f"LKjIP sedang ditinjau kepala; setelah kepala mengembalikannya, {operator.lower()} "
            f"{kerja}.",
            kepala=(Tautan("Kembalikan LKjIP kepada operator", f"{_url_editor_alur(d)}"),),
        )
    return _oleh(d, f"{operator} {kerja} pada halaman penulisan LKjIP.", operator=tautan_operator)


def _url_editor_alur(d: DataKesiapan) -> str:
    return reverse("lkjip-editor", kwargs={"kode": d.pd.kode, "tahun": d.tahun}) + "#alur"


def periksa_kesiapan(d: DataKesiapan) -> list[Kekurangan]:
    """What keeps the LKjIP from being signed; empty when it is "siap ditetapkan". Pure."""
    kurang: list[Kekurangan] = []
    th = d.paket.cari_tahun(d.tahun)
    if d.hasil is None or th is None:
        kurang.append(
            Kekurangan(
                "data",
                f"Belum ada data kinerja tahun {d.tahun}" + (f" ({d.galat})." if d.galat else "."),
                **_oleh(
                    d,
                    f"{_nama_operator(d)} mengisi Perjanjian Kinerja tahun {d.tahun}.",
                    operator=(
                        Tautan(
                            "Perjanjian Kinerja",
                            reverse("perencanaan-pk", kwargs={"kode": d.pd.kode, "tahun": d.tahun}),
                        ),
                    ),
                ),
            )
        )
        return kurang + _kekurangan_narasi(d)
    if not d.ada_kepala:
        pejabat = (
            Tautan("Pejabat", reverse("pejabat-pd", kwargs={"kode": d.pd.kode, "tahun": d.tahun})),
        )
        kurang.append(
            Kekurangan(
                "kepala",
                f"Kepala perangkat daerah tahun {d.tahun} (penandatangan LKjIP) belum "
                "ditentukan; isi di daftar pejabat tahun itu.",
                **_oleh(
                    d,
                    f"{_nama_operator(d)} atau admin pemda mengisi daftar pejabat tahun {d.tahun}.",
                    operator=pejabat,
                    admin_pemda=pejabat,
                ),
            )
        )
    pk = th.pk_berlaku()
    if pk is None or not pk.target:
        kurang.append(
            Kekurangan(
                "pk",
                f"Perjanjian Kinerja tahun {d.tahun} belum memiliki indikator dan target.",
                **_oleh(
                    d,
                    f"{_nama_operator(d)} mengisi indikator dan target Perjanjian Kinerja "
                    f"tahun {d.tahun}.",
                    operator=(
                        Tautan(
                            "Perjanjian Kinerja",
                            reverse("perencanaan-pk", kwargs={"kode": d.pd.kode, "tahun": d.tahun}),
                        ),
                    ),
                ),
            )
        )
    hasil = d.hasil.indikator_per_kode()
    di_pk = set(pk.target) if pk else set()
    # The document reports every tujuan and sasaran indicator with a target of the
    # year (BAB III 3.1), PK or not: each needs its annual realisasi and, when it
    # missed, an explanation. Evidence is asked for the PK indicators.
    dilaporkan = di_pk | {
        h.kode
        for h in d.hasil.indikator
        if h.tingkat in ("tujuan", "sasaran") and h.target is not None
    }
    for ind in d.paket.semua_indikator():
        if ind.kode in dilaporkan:
            kurang += _kekurangan_indikator(
                d, th, ind, hasil.get(ind.kode), bukti=ind.kode in di_pk
            )
    return kurang + _kekurangan_temuan(d) + _kekurangan_narasi(d)


def _kekurangan_temuan(d: DataKesiapan) -> list[Kekurangan]:
    """A consistency finding stays open until the data are corrected (it disappears) or
    the operator explains it; the explanations are printed in the LKjIP."""
    assert d.hasil is not None
    return [
        Kekurangan(
            "temuan",
            f"Temuan konsistensi data pada {g.lokasi}: {g.pesan[0].rstrip('.')}. Perbaiki "
            "datanya, atau tuliskan penjelasan bila data memang demikian.",
            kode=g.kunci,
            **_perbaikan_editor(
                d,
                (Tautan("Perbaiki atau jelaskan temuan", _url_temuan(d, g.kunci)),),
                "memperbaiki datanya atau menuliskan penjelasan temuan ini",
            ),
        )
        for g in kelompok_temuan(d.hasil.temuan, {})
        if not d.penjelasan.get(g.kunci, "").strip()
    ]


def _kekurangan_indikator(
    d: DataKesiapan, th: t.Tahun, ind: t.Indikator, h: HasilIndikator | None, *, bukti: bool
) -> list[Kekurangan]:
    """A reported indicator needs its closing realisasi, a note if it missed, and (a PK
    indicator) evidence."""
    kurang: list[Kekurangan] = []
    kode = ind.kode
    nama = f"{kode} ({ind.nama})"
    tw = th.realisasi.get(kode) or [None] * 4
    rencana = th.rencana_aksi.get(kode)
    kosong = triwulan_kosong(
        [_angka_tw(v) for v in tw],
        ind.tipe_penghitungan,
        diharapkan=[v is not None for v in rencana] if rencana else None,
        sampai_triwulan=4,
    )
    if not kosong and (h is None or h.realisasi is None):
        kosong = [4]
    if kosong:
        kurang.append(
            Kekurangan(
                "realisasi",
                f"Realisasi {nama} triwulan {daftar_kata([romawi(q) for q in kosong])} "
                f"tahun {d.tahun} belum diisi.",
                kode=kode,
                **_perbaikan_tw(
                    d,
                    kosong[0],
                    (
                        Tautan(
                            f"Isi realisasi TW {romawi(kosong[0])}", _url_realisasi(d, kosong[0])
                        ),
                    ),
                    f"mengisi realisasi {kode}",
                ),
            )
        )
    terakhir = max((q + 1 for q, v in enumerate(tw) if v is not None), default=4)
    if bukti and kode not in d.bukti:
        kurang.append(
            Kekurangan(
                "bukti",
                f"Bukti dukung {nama} tahun {d.tahun} belum diunggah.",
                kode=kode,
                **_perbaikan_tw(
                    d,
                    terakhir,
                    (
                        Tautan(
                            f"Unggah bukti TW {romawi(terakhir)}", _url_realisasi(d, terakhir, kode)
                        ),
                    ),
                    f"mengunggah bukti dukung {kode}",
                    bukti=True,
                ),
            )
        )
    if h is None or h.tercapai is not False:
        return kurang
    # The document prints every quarter's note as the cause (BAB III analysis 5).
    catatan = [c for c in th.catatan_realisasi.get(kode) or [] if c and c.strip()]
    if catatan or d.narasi.get(kunci_analisis(kode), "").strip():
        return kurang
    catatan_tw = (
        Tautan(f"Catatan realisasi TW {romawi(terakhir)}", _url_realisasi(d, terakhir, kode)),
    )
    perbaikan = _perbaikan_tw(d, terakhir, catatan_tw, f"menulis catatan realisasi {kode}")
    if h.tingkat in ("tujuan", "sasaran"):
        # The analysis in the LKjIP editor explains it too, whatever the quarter's status.
        analisis = Tautan(f"Analisis {kode}", _url_editor(d, kunci_analisis(kode)))
        if OPERATOR in d.peran and d.status_lkjip == Status.DRAF:
            perbaikan = {"tautan": (*perbaikan.get("tautan", ()), analisis)}
        elif "tautan" not in perbaikan:
            perbaikan["siapa"] += (
                f" {_nama_operator(d)} juga dapat menuliskannya pada analisis {kode} di halaman "
                "penulisan LKjIP."
            )
    ambang = format_angka_alami(d.paket.pemda.aturan.ambang_tercapai)
    kurang.append(
        Kekurangan(
            "catatan",
            f"Capaian {nama} {format_persen(h.capaian_skor)} di bawah ambang tercapai {ambang}%: "
            "tuliskan penyebab dan solusinya pada catatan realisasi atau pada analisis indikator.",
            kode=kode,
            **perbaikan,
        )
    )
    return kurang


def _kekurangan_narasi(d: DataKesiapan) -> list[Kekurangan]:
    return [
        Kekurangan(
            "narasi",
            f"Narasi “{b.judul}” belum diisi.",
            kode=b.kunci,
            **_perbaikan_editor(
                d, (Tautan(f"Tulis {b.judul}", _url_editor(d, b.kunci)),), "menulis bagian ini"
            ),
        )
        for b in BAGIAN
        if b.wajib and not d.narasi.get(b.kunci, "").strip()
    ]


def kesiapan_lkjip(pd: PerangkatDaerah, tahun: int) -> list[Kekurangan]:
    """Everything missing before the LKjIP of ``tahun`` may be submitted and signed."""
    return periksa_kesiapan(data_kesiapan(pd, tahun))


class BelumSiap(ValidationError):
    """Submission or sign-off refused: the checklist of what is missing."""

    def __init__(self, tahun: int, kekurangan: list[Kekurangan]):
        self.kekurangan = kekurangan
        super().__init__([PESAN_BELUM_SIAP.format(tahun=tahun), *(k.pesan for k in kekurangan)])


# --------------------------------------------------------------------------- locks


def _kunci(lkjip: LKjIP) -> LKjIP:
    """The row again, locked until the end of the transaction (one writer at a time)."""
    return (
        LKjIP.objects.select_for_update(of=("self",))
        .select_related("perangkat_daerah__pemda", "perangkat_daerah__kepala")
        .get(pk=lkjip.pk)
    )


def pesan_tidak_bisa_diubah(lkjip: LKjIP) -> str | None:
    """Why the operator cannot edit this LKjIP now (None: it is a draft)."""
    pesan = PESAN_TIDAK_BISA_DIUBAH.get(lkjip.status)
    return pesan.format(tahun=lkjip.tahun) if pesan else None


def _pastikan_draf(lkjip: LKjIP) -> None:
    pesan = pesan_tidak_bisa_diubah(lkjip)
    if pesan:
        raise ValidationError(pesan, code="terkunci")


def _status(lkjip: LKjIP) -> str:
    return lkjip.get_status_display().lower()


def _catat(lkjip: LKjIP, *, pengguna, aksi: str, lama=None, baru=None, data=None):
    return catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=lkjip.perangkat_daerah,
        aksi=aksi,
        objek=lkjip,
        uraian=f"LKjIP tahun {lkjip.tahun}",
        tahun=lkjip.tahun,
        lama=lama,
        baru=baru,
        data=data,
    )


# --------------------------------------------------------------------------- narrative


class KonflikNarasi(Exception):
    """The section was saved by someone else after the user loaded it (optimistic lock)."""

    def __init__(self, narasi: Narasi):
        self.narasi = narasi
        super().__init__(f"narasi {narasi.bagian} sudah versi {narasi.versi}")


# Autosave writes on every pause in typing; the audit trail keeps one entry per writing
# session of a user (old text at its start → latest text), not one per keystroke pause.
SESI_TULIS = datetime.timedelta(minutes=10)


def bagian_sah(pd: PerangkatDaerah, bagian: str) -> bool:
    if bagian in PER_KUNCI:
        return True
    if not bagian.startswith(AWALAN_ANALISIS):
        return False
    # An analysis belongs to a tujuan or sasaran indicator (BAB III 3.1).
    kode = bagian[len(AWALAN_ANALISIS) :]
    return (
        Indikator.objects.filter(renstra__perangkat_daerah=pd, kode=kode)
        .exclude(tujuan=None, sasaran=None)
        .exists()
    )


@transaction.atomic
def narasi_simpan(
    *, lkjip: LKjIP, bagian: str, judul: str, teks: str, versi: int, pengguna
) -> Narasi:
    """Save one narrative section if nobody else saved it since version ``versi``.

    Raises ``KonflikNarasi`` (with the stored text) on a version conflict, so that
    the caller shows both texts instead of overwriting; ``ValidationError`` when the
    LKjIP is submitted or signed, or the section is unknown.
    """
    lkjip = _kunci(lkjip)
    _pastikan_draf(lkjip)
    if not bagian_sah(lkjip.perangkat_daerah, bagian):
        raise ValidationError(PESAN_BAGIAN_TIDAK_DIKENAL.format(bagian=bagian), code="bagian")
    teks = teks.replace("\r\n", "\n").replace("\r", "\n")
    judul = " ".join(judul.split())
    narasi, _ = Narasi.objects.get_or_create(lkjip=lkjip, bagian=bagian)
    narasi = (
        Narasi.objects.select_for_update(of=("self",))
        .select_related("diubah_oleh")
        .get(pk=narasi.pk)
    )
    if narasi.teks == teks and narasi.judul == judul:
        # Nothing to change, whatever version the page had: a repeated save (a retry,
        # the save sent while leaving the page) is not a conflict.
        return narasi
    if narasi.versi != versi:
        raise KonflikNarasi(narasi)
    lama = {"judul": narasi.judul, "teks": narasi.teks}
    narasi.judul, narasi.teks = judul, teks
    narasi.versi += 1
    narasi.diubah_oleh = pengguna if getattr(pengguna, "is_authenticated", False) else None
    narasi.save()
    _catat_narasi(lkjip, narasi, lama, pengguna)
    return narasi


def _catat_narasi(lkjip: LKjIP, narasi: Narasi, lama: dict, pengguna) -> None:
    baru = {"judul": narasi.judul, "teks": narasi.teks}
    terakhir = (
        LogPerubahan.objects.filter(objek_tipe="laporan.narasi", objek_id=narasi.pk)
        .order_by("-waktu", "-id")
        .first()
    )
    if (
        terakhir is not None
        and terakhir.aksi == "narasi.ubah"
        and terakhir.pengguna_id == getattr(pengguna, "pk", None)
        and timezone.now() - terakhir.waktu < SESI_TULIS
    ):
        data = dict(terakhir.data)
        data["baru"] = baru
        data["versi"] = narasi.versi
        LogPerubahan.objects.filter(pk=terakhir.pk).update(data=data)
        return
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=lkjip.perangkat_daerah,
        aksi="narasi.ubah",
        objek=narasi,
        uraian=f"Narasi LKjIP {lkjip.tahun}: {judul_bagian(narasi.bagian)}",
        tahun=lkjip.tahun,
        lama=lama,
        baru=baru,
        data={"bagian": narasi.bagian, "versi": narasi.versi},
    )


# --------------------------------------------------------------------------- findings


@transaction.atomic
def penjelasan_temuan_simpan(*, lkjip: LKjIP, kunci: str, teks: str, pengguna):
    """The operator explains a consistency finding; part of the document, so only while
    the LKjIP is a draft (and the year open, which the kinerja service checks)."""
    lkjip = _kunci(lkjip)
    _pastikan_draf(lkjip)
    return penjelasan_simpan(
        pd=lkjip.perangkat_daerah, tahun=lkjip.tahun, kunci=kunci, teks=teks, pengguna=pengguna
    )


# --------------------------------------------------------------------------- BAB I tables

KOLOM_SDM = ("kelompok", "uraian", "pns", "non_pns", "kebutuhan")
KOLOM_SARPRAS = ("uraian", "jumlah", "satuan", "kondisi", "kebutuhan")
TABEL = {
    "sdm": (DataSDM, KOLOM_SDM, "data SDM", "data_sdm.ubah"),
    "sarpras": (SaranaPrasarana, KOLOM_SARPRAS, "sarana prasarana", "sarana_prasarana.ubah"),
}


def baris_tabel(lkjip: LKjIP, tabel: str) -> list[dict]:
    model, kolom, _, _ = TABEL[tabel]
    return list(model.objects.filter(lkjip=lkjip).order_by("urutan", "pk").values(*kolom))


def versi_tabel(baris: Iterable[dict]) -> str:
    """A fingerprint of the rows as loaded, to refuse saving over someone else's change."""
    teks = json.dumps(list(baris), sort_keys=True, default=str)
    return hashlib.sha256(teks.encode()).hexdigest()[:16]


@transaction.atomic
def tabel_simpan(
    *, lkjip: LKjIP, tabel: str, baris: list[dict], versi: str, pengguna
) -> list[dict]:
    """Replace the rows of a BAB I table (SDM or sarana prasarana) in the order given."""
    model, kolom, nama, aksi = TABEL[tabel]
    lkjip = _kunci(lkjip)
    _pastikan_draf(lkjip)
    lama = baris_tabel(lkjip, tabel)
    if versi != versi_tabel(lama):
        raise ValidationError(PESAN_TABEL_USANG.format(tabel=nama), code="usang")
    baru = [{k: b[k] for k in kolom} for b in baris]
    if baru == lama:
        return lama
    model.objects.filter(lkjip=lkjip).delete()
    model.objects.bulk_create(
        model(lkjip=lkjip, urutan=i, **b) for i, b in enumerate(baru, start=1)
    )
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=lkjip.perangkat_daerah,
        aksi=aksi,
        objek=lkjip,
        uraian=f"Tabel {nama} LKjIP {lkjip.tahun}",
        tahun=lkjip.tahun,
        lama=lama,
        baru=baru,
    )
    return baru


@transaction.atomic
def penandatanganan_simpan(
    *, lkjip: LKjIP, tempat: str, tanggal: datetime.date | None, pengguna
) -> LKjIP:
    """Where and when the LKjIP is signed (the kata pengantar's place and date)."""
    lkjip = _kunci(lkjip)
    _pastikan_draf(lkjip)
    lama = {"tempat": lkjip.tempat, "tanggal": lkjip.tanggal}
    baru = {"tempat": tempat.strip(), "tanggal": tanggal}
    if lama == baru:
        return lkjip
    lkjip.tempat, lkjip.tanggal = baru["tempat"], tanggal
    lkjip.save(update_fields=["tempat", "tanggal"])
    _catat(lkjip, pengguna=pengguna, aksi="lkjip.penandatanganan", lama=lama, baru=baru)
    return lkjip


# --------------------------------------------------------------------------- workflow


@transaction.atomic
def lkjip_ajukan(*, lkjip: LKjIP, pengguna) -> LKjIP:
    """The operator submits the LKjIP to the kepala; refused with the checklist if not ready."""
    lkjip = _kunci(lkjip)
    if lkjip.status != Status.DRAF:
        raise ValidationError(
            PESAN_TIDAK_BISA_AJUKAN.format(tahun=lkjip.tahun, status=_status(lkjip))
        )
    kurang = kesiapan_lkjip(lkjip.perangkat_daerah, lkjip.tahun)
    if kurang:
        raise BelumSiap(lkjip.tahun, kurang)
    lkjip.status = Status.DIAJUKAN
    lkjip.diajukan_pada = timezone.now()
    lkjip.komentar_kepala = ""
    lkjip.save(update_fields=["status", "diajukan_pada", "komentar_kepala"])
    _catat(lkjip, pengguna=pengguna, aksi="lkjip.ajukan", lama=Status.DRAF, baru=lkjip.status)
    return lkjip


def _pastikan_diajukan(lkjip: LKjIP, aksi: str) -> None:
    if lkjip.status != Status.DIAJUKAN:
        raise ValidationError(
            PESAN_BELUM_DIAJUKAN.format(tahun=lkjip.tahun, status=_status(lkjip), aksi=aksi)
        )


@transaction.atomic
def lkjip_kembalikan(*, lkjip: LKjIP, pengguna, komentar: str) -> LKjIP:
    """The kepala returns the submitted LKjIP to the operator with what to correct."""
    komentar = komentar.strip()
    if not komentar:
        raise ValidationError({"komentar": PESAN_KOMENTAR_WAJIB})
    lkjip = _kunci(lkjip)
    _pastikan_diajukan(lkjip, "dikembalikan")
    lkjip.status = Status.DRAF
    lkjip.komentar_kepala = komentar
    lkjip.save(update_fields=["status", "komentar_kepala"])
    _catat(
        lkjip,
        pengguna=pengguna,
        aksi="lkjip.kembalikan",
        lama=Status.DIAJUKAN,
        baru=Status.DRAF,
        data={"komentar": komentar},
    )
    return lkjip


def keterangan_stempel(penandatangan: str, jabatan: str, waktu: datetime.datetime) -> str:
    return (
        f"Ditetapkan secara elektronik oleh {penandatangan}, {jabatan}, "
        f"pada {format_waktu(waktu)} WIB"
    )


def nama_berkas_snapshot(snapshot: SnapshotLKjIP) -> str:
    pd = snapshot.lkjip.perangkat_daerah
    nama = "-".join(pd.nama.split())
    return f"LKjIP-{snapshot.lkjip.tahun}-{nama}-versi-{snapshot.versi}.pdf"


@transaction.atomic
def lkjip_tetapkan(
    *, lkjip: LKjIP, pengguna, alamat_verifikasi: Callable[[str], str]
) -> SnapshotLKjIP:
    """The kepala signs off: render the PDF once with its stamp, store it, lock the year.

    ``alamat_verifikasi(kode_isi)`` gives the absolute URL of the public
    verification page printed (with a QR code) on every page. Everything happens
    in one transaction: if rendering or storing fails nothing changes.
    """
    from laporan.dokumen import susun_dokumen
    from laporan.pdf import Stempel, cetak_html, kode_isi, kunci_cetak, render_html

    lkjip = _kunci(lkjip)
    _pastikan_diajukan(lkjip, "ditetapkan")
    pd = lkjip.perangkat_daerah
    kurang = kesiapan_lkjip(pd, lkjip.tahun)
    if kurang:
        raise BelumSiap(lkjip.tahun, kurang)
    # The year keeps the rules it is signed with (rolled back if anything below fails).
    aturan_tetapkan(pd=pd, tahun=lkjip.tahun, pengguna=pengguna)
    kepala = kepala_pd(pd, lkjip.tahun)
    sekarang = timezone.now()
    lama = lkjip.status
    kolom = ["status"]
    if lkjip.tanggal is None:
        # The kata pengantar is dated the day it is signed unless the operator chose a date.
        lkjip.tanggal = timezone.localdate(sekarang)
        kolom.append("tanggal")
    # The document is assembled as signed; a failure below rolls this back.
    lkjip.status = Status.DITETAPKAN
    lkjip.save(update_fields=kolom)
    dokumen = susun_dokumen(pd, lkjip.tahun)
    kode = kode_isi(dokumen)
    sama = SnapshotLKjIP.objects.filter(kode_isi=kode).first()
    if sama is not None:
        raise ValidationError(PESAN_ISI_SAMA.format(versi=sama.versi, kode=kode[:12]))
    versi = (SnapshotLKjIP.objects.filter(lkjip=lkjip).aggregate(m=Max("versi"))["m"] or 0) + 1
    penandatangan, jabatan = kepala.nama_lengkap, kepala.jabatan_lengkap
    stempel = Stempel(
        kode_isi=kode,
        url_verifikasi=alamat_verifikasi(kode),
        versi=versi,
        keterangan=keterangan_stempel(penandatangan, jabatan, sekarang),
    )
    pdf, halaman = cetak_html(
        render_html(dokumen, stempel=stempel), kunci=kunci_cetak(pd, lkjip.tahun)
    )
    snapshot = SnapshotLKjIP(
        lkjip=lkjip,
        versi=versi,
        sha256=hashlib.sha256(pdf).hexdigest(),
        kode_isi=kode,
        halaman=halaman,
        ukuran=len(pdf),
        ditetapkan_pada=sekarang,
        ditetapkan_oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None,
        nama_penandatangan=penandatangan,
        jabatan_penandatangan=jabatan,
    )
    snapshot.berkas.save(f"lkjip-{lkjip.tahun}.pdf", ContentFile(pdf), save=False)
    try:
        snapshot.save()
        _catat(
            lkjip,
            pengguna=pengguna,
            aksi="lkjip.tetapkan",
            lama=lama,
            baru=lkjip.status,
            data={
                "versi": versi,
                "sha256": snapshot.sha256,
                "kode_isi": kode,
                "halaman": halaman,
                "penandatangan": penandatangan,
            },
        )
    except BaseException:
        # The row is rolled back with the transaction; the file must go too.
        snapshot.berkas.delete(save=False)
        raise
    return snapshot


@transaction.atomic
def lkjip_buka_kembali(
    *,
    lkjip: LKjIP,
    pengguna,
    alasan: str,
    triwulan: Iterable[int] = (),
    hitung_ulang: bool = False,
) -> PembukaanKembali:
    """Reopen a signed LKjIP (kepala or admin pemda): the year is editable again, the
    signed versions stay, and the next sign-off is a new version.

    The approved quarters named in ``triwulan`` are reopened in the same transaction with
    the same reason, so the operator can correct their realisasi; all or nothing.

    The year keeps the rules it was signed with unless ``hitung_ulang``: then its
    stored rules are dropped and it is computed with the pemda's rules of today.
    """
    triwulan = sorted(set(triwulan))
    alasan = alasan.strip()
    if not alasan:
        raise ValidationError({"alasan": PESAN_ALASAN_WAJIB})
    lkjip = _kunci(lkjip)
    if lkjip.status != Status.DITETAPKAN:
        raise ValidationError(
            PESAN_BELUM_DITETAPKAN.format(tahun=lkjip.tahun, status=_status(lkjip))
        )
    snapshot = SnapshotLKjIP.objects.filter(lkjip=lkjip).order_by("-versi").first()
    buka = PembukaanKembali.objects.create(
        lkjip=lkjip,
        snapshot=snapshot,
        alasan=alasan,
        oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None,
    )
    lkjip.status = Status.DRAF
    lkjip.komentar_kepala = ""
    lkjip.save(update_fields=["status", "komentar_kepala"])
    if hitung_ulang:
        aturan_lepas(pd=lkjip.perangkat_daerah, tahun=lkjip.tahun, pengguna=pengguna)
    _catat(
        lkjip,
        pengguna=pengguna,
        aksi="lkjip.buka_kembali",
        lama=Status.DITETAPKAN,
        baru=Status.DRAF,
        data={
            "alasan": alasan,
            "versi": snapshot.versi if snapshot else None,
            "triwulan": triwulan,
            "hitung_ulang": hitung_ulang,
        },
    )
    # After the LKjIP is a draft again, so the year is no longer locked.
    for q in triwulan:
        triwulan_buka_kembali(
            pd=lkjip.perangkat_daerah,
            tahun=lkjip.tahun,
            triwulan=q,
            pengguna=pengguna,
            alasan=alasan,
        )
    return buka


# --------------------------------------------------------------------------- history


LABEL_AKSI = {
    "lkjip.ajukan": "diajukan kepada kepala",
    "lkjip.kembalikan": "dikembalikan kepada operator",
    "lkjip.tetapkan": "ditetapkan",
    "lkjip.buka_kembali": "dibuka kembali",
    "lkjip.penandatanganan": "tempat dan tanggal penandatanganan diubah",
}


@dataclass
class Langkah:
    aksi: str
    label: str
    waktu: str
    waktu_iso: str
    oleh: str
    komentar: str = ""
    versi: int | None = None


def riwayat_lkjip(lkjip: LKjIP) -> list[Langkah]:
    """Submissions, returns, sign-offs and reopenings, oldest first (one query)."""
    hasil = []
    for row in (
        LogPerubahan.objects.filter(
            objek_tipe="laporan.lkjip", objek_id=lkjip.pk, aksi__in=list(LABEL_AKSI)
        )
        .exclude(aksi="lkjip.penandatanganan")
        .select_related("pengguna")
        .order_by("waktu", "id")
    ):
        data = row.data or {}
        hasil.append(
            Langkah(
                aksi=row.aksi.split(".", 1)[1],
                label=LABEL_AKSI[row.aksi],
                waktu=format_waktu(row.waktu),
                waktu_iso=row.waktu.isoformat(),
                oleh=nama_pengguna(row.pengguna),
                komentar=data.get("komentar") or data.get("alasan") or "",
                versi=data.get("versi") if row.aksi == "lkjip.tetapkan" else None,
            )
        )
    return hasil


# --------------------------------------------------------------------------- verification


@dataclass
class StatusSnapshot:
    snapshot: SnapshotLKjIP
    terbaru: bool
    versi_terbaru: int
    dibuka_kembali: PembukaanKembali | None
    berlaku: bool  # the latest version and the LKjIP is still signed


def status_snapshot(snapshot: SnapshotLKjIP) -> StatusSnapshot:
    lkjip = snapshot.lkjip
    versi_terbaru = (
        SnapshotLKjIP.objects.filter(lkjip=lkjip).aggregate(m=Max("versi"))["m"] or snapshot.versi
    )
    buka = (
        PembukaanKembali.objects.filter(snapshot=snapshot).select_related("oleh").order_by("waktu")
    ).first()
    terbaru = snapshot.versi == versi_terbaru
    return StatusSnapshot(
        snapshot=snapshot,
        terbaru=terbaru,
        versi_terbaru=versi_terbaru,
        dibuka_kembali=buka,
        berlaku=terbaru and buka is None and lkjip.status == Status.DITETAPKAN,
    )


# --------------------------------------------------------------------------- evidence zip


@dataclass
class _Pipa:
    """A write-only file that hands out what was written so far (for a streamed zip)."""

    isi: list[bytes] = field(default_factory=list)
    posisi: int = 0

    def write(self, data: bytes) -> int:
        self.isi.append(bytes(data))
        self.posisi += len(data)
        return len(data)

    def tell(self) -> int:
        return self.posisi

    def flush(self) -> None:
        pass

    def ambil(self) -> bytes:
        data = b"".join(self.isi)
        self.isi.clear()
        return data


def bukti_untuk_zip(pd: PerangkatDaerah, tahun: int) -> list[BuktiDukung]:
    return list(
        BuktiDukung.objects.filter(
            realisasi__tahun=tahun, realisasi__indikator__renstra__perangkat_daerah=pd
        )
        .select_related("realisasi__indikator")
        .order_by("realisasi__indikator__kode", "realisasi__triwulan", "waktu", "id")
    )


def nama_di_zip(bukti: list[BuktiDukung]) -> list[str]:
    """ "<kode indikator>_TW<n>_<nama asli>", made unique with " (2)", " (3)"…"""
    terpakai: set[str] = set()
    hasil = []
    for b in bukti:
        asli = b.nama_asli.replace("/", "_").replace("\\", "_") or f"bukti.{b.jenis}"
        nama = f"{b.realisasi.indikator.kode}_TW{b.realisasi.triwulan}_{asli}"
        batang, titik, ekstensi = nama.rpartition(".")
        if not titik:
            batang, ekstensi = nama, ""
        n, calon = 1, nama
        while calon.lower() in terpakai:
            n += 1
            calon = f"{batang} ({n}){titik}{ekstensi}"
        terpakai.add(calon.lower())
        hasil.append(calon)
    return hasil


def zip_bukti(bukti: list[BuktiDukung], *, ukuran_potongan: int = 256 * 1024) -> Iterator[bytes]:
    """Stream a zip of the evidence files; files missing from storage are listed in a note."""
    import zipfile

    pipa = _Pipa()
    hilang: list[str] = []
    with zipfile.ZipFile(pipa, mode="w", compression=zipfile.ZIP_STORED) as arsip:
        for b, nama in zip(bukti, nama_di_zip(bukti), strict=True):
            try:
                berkas = b.berkas.open("rb")
            except (FileNotFoundError, OSError, ValueError):
                hilang.append(nama)
                continue
            waktu = timezone.localtime(b.waktu)
            info = zipfile.ZipInfo(nama, date_time=waktu.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED
            info.file_size = b.ukuran
            with berkas, arsip.open(info, mode="w", force_zip64=b.ukuran > 2**31) as keluar:
                while potongan := berkas.read(ukuran_potongan):
                    keluar.write(potongan)
                    yield pipa.ambil()
            yield pipa.ambil()
        if hilang:
            arsip.writestr(
                "BERKAS_TIDAK_DITEMUKAN.txt",
                "Berkas berikut tercatat tetapi tidak ditemukan di penyimpanan:\n"
                + "\n".join(hilang)
                + "\n",
            )
        if not bukti:
            arsip.writestr("TIDAK_ADA_BUKTI.txt", "Belum ada bukti dukung yang diunggah.\n")
    yield pipa.ambil()
