"""Read-only questions about the LKjIP of a year: what the readiness check reads, the BAB I
tables, the history of its workflow, the status of a signed version, the evidence files.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Max

from kinerja.audit import format_waktu, nama_pengguna
from kinerja.engine.hitung import Hasil, HitungError, hitung
from kinerja.models import BuktiDukung, Indikator, LogPerubahan, PerangkatDaerah, StatusTriwulan
from kinerja.paket import types as t
from kinerja.penandatangan import kepala_pd
from laporan.models import DataSDM, LKjIP, Narasi, PembukaanKembali, SaranaPrasarana, SnapshotLKjIP
from laporan.selectors_paket import paket_muat
from laporan.services.tetap import penjelasan_tahun

Status = LKjIP.Status


# --------------------------------------------------------------------------- readiness data

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
    error: str | None = None
    # Review status of each quarter (absent: draf) and what the viewer can do.
    status_tw: dict[int, str] = field(default_factory=dict)
    peran: frozenset[str] = PERAN_OPERATOR
    # The LKjIP's own status: its narrative is written only while it is a draft.
    status_lkjip: str = Status.DRAF
    # Finding key → the operator's explanation (laporan.services.tetap).
    penjelasan: dict[str, str] = field(default_factory=dict)


def data_kesiapan(
    pd: PerangkatDaerah, tahun: int, *, peran: frozenset[str] = PERAN_OPERATOR
) -> DataKesiapan:
    """``peran``: what the viewer can do (``OPERATOR``, ``KEPALA``, ``ADMIN_PEMDA``), so
    that every item links to a page where the viewer can fix it. The paket is the
    year's (``hanya_tahun``): the checks and the drafts read no other year."""
    paket = paket_muat(pd, tahun, hanya_tahun=True)
    hasil, error = None, None
    try:
        hasil = hitung(paket, tahun)
    except HitungError as e:
        error = str(e)
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
        error=error,
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


# --------------------------------------------------------------------------- evidence


def bukti_untuk_zip(pd: PerangkatDaerah, tahun: int) -> list[BuktiDukung]:
    return list(
        BuktiDukung.objects.filter(
            realisasi__tahun=tahun, realisasi__indikator__renstra__perangkat_daerah=pd
        )
        .select_related("realisasi__indikator")
        .order_by("realisasi__indikator__kode", "realisasi__triwulan", "waktu", "id")
    )
