"""Readiness of the LKjIP of a year: what is missing before it may be submitted and signed,
with a link to where the viewer can fix each item, or who can.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.engine.angka import Nilai
from kinerja.engine.hitung import HasilIndikator
from kinerja.engine.realisasi import triwulan_kosong
from kinerja.models import PerangkatDaerah, StatusTriwulan
from kinerja.paket import types as t
from kinerja.services.realisasi import romawi
from laporan.kerangka import BAGIAN, kunci_analisis, status_bagian
from laporan.models import LKjIP
from laporan.selectors import OPERATOR, DataKesiapan, data_kesiapan
from laporan.services.tetap import kelompok_temuan
from lib.format import format_angka_alami, format_persen

Status = LKjIP.Status

PESAN_BELUM_SIAP = "LKjIP tahun {tahun} belum siap ditetapkan; lengkapi dahulu:"


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
                f"Belum ada data kinerja tahun {d.tahun}" + (f" ({d.error})." if d.error else "."),
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
    """A required section blocks sign-off only while empty with no drafted text standing in
    (``kerangka.status_bagian``); a drafted one is a warning (:func:`draf_belum_diperiksa`)."""
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
        if b.wajib and status_bagian(b, d.narasi.get(b.kunci, "")) == "kosong"
    ]


def draf_belum_diperiksa(d: DataKesiapan) -> list[Kekurangan]:
    """The required sections still printed from their automatic draft: a warning, not a
    blocker. The operator accepts the draft or edits it in the editor."""
    return [
        Kekurangan(
            "draf",
            f"Narasi “{b.judul}” masih memakai draf otomatis dari data yang belum diperiksa.",
            kode=b.kunci,
            **_perbaikan_editor(
                d,
                (Tautan(f"Periksa {b.judul}", _url_editor(d, b.kunci)),),
                "memeriksa draf bagian ini lalu menerima atau mengubahnya",
            ),
        )
        for b in BAGIAN
        if b.wajib and status_bagian(b, d.narasi.get(b.kunci, "")) == "draf"
    ]


def kesiapan_lkjip(pd: PerangkatDaerah, tahun: int) -> list[Kekurangan]:
    """Everything missing before the LKjIP of ``tahun`` may be submitted and signed."""
    return periksa_kesiapan(data_kesiapan(pd, tahun))


class BelumSiap(ValidationError):
    """Submission or sign-off refused: the checklist of what is missing."""

    def __init__(self, tahun: int, kekurangan: list[Kekurangan]):
        self.kekurangan = kekurangan
        super().__init__([PESAN_BELUM_SIAP.format(tahun=tahun), *(k.pesan for k in kekurangan)])
