"""The realisasi anggaran save of many rows at once (an imported report): the rows and the
audit entries are those one save per row gives, and the queries do not grow with the
number of rows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anggaran.models import RealisasiAnggaran
from anggaran.services.realisasi import BarisRealisasiAnggaran, realisasi_anggaran_simpan_triwulan
from kinerja.models import LogPerubahan, SubKegiatan
from tests.sintetis import buat_pd_sintetis

pytestmark = pytest.mark.django_db
TAHUN = 2024


@pytest.fixture
def pd():
    return buat_pd_sintetis(200, kode="91.01.01", kode_pemda="91.01")  # 60 sub kegiatan


@pytest.fixture
def pengguna(db):
    return get_user_model().objects.create_superuser("akar", password="sandi-uji-123")


def _subs(pd) -> list[SubKegiatan]:
    return list(
        SubKegiatan.objects.filter(kegiatan__program__renstra__perangkat_daerah=pd).order_by("kode")
    )


def _baris(pd, subs, triwulan: int, baru) -> list[BarisRealisasiAnggaran]:
    """The form's rows of ``triwulan`` loaded with what is stored; ``baru(i)`` the amount
    typed for the i-th sub kegiatan."""
    tw, tahunan = {}, {}
    for r in RealisasiAnggaran.objects.filter(perangkat_daerah=pd, tahun=TAHUN):
        if r.triwulan is None:
            tahunan[r.sub_kegiatan_id] = r.jumlah
        elif r.triwulan == triwulan:
            tw[r.sub_kegiatan_id] = r.jumlah
    return [
        BarisRealisasiAnggaran(
            kunci=s.kode,
            sub_kegiatan_id=s.pk,
            dimuat=tw.get(s.pk),
            tahunan_dimuat=tahunan.get(s.pk),
            baru=baru(i),
        )
        for i, s in enumerate(subs)
    ]


def _harapan(pd, subs, triwulan: int, baris) -> tuple[dict, list[tuple]]:
    """What one save per row writes (the behaviour before the bulk save): the rows after
    the save and the audit entries, in order."""
    rows = {
        (r.sub_kegiatan_id, r.triwulan): r
        for r in RealisasiAnggaran.objects.filter(perangkat_daerah=pd, tahun=TAHUN)
    }
    kode = {s.pk: s.kode for s in subs}
    sesudah = {k: r.jumlah for k, r in rows.items()}
    log = []
    romawi = ("I", "II", "III", "IV")[triwulan - 1]
    for b in baris:
        row, th = rows.get((b.sub_kegiatan_id, triwulan)), rows.get((b.sub_kegiatan_id, None))
        lama = row.jumlah if row else None
        if (lama is None and b.baru is None) or (lama is not None and lama == b.baru):
            continue
        if b.baru is not None and th is not None:
            log.append(
                (
                    "realisasi_anggaran.ganti_tahunan",
                    th.pk,
                    f"Realisasi anggaran tahunan {kode[b.sub_kegiatan_id]} tahun {TAHUN} "
                    "(diganti rincian triwulan)",
                    format(th.jumlah.normalize(), "f"),
                    None,
                )
            )
            del sesudah[(b.sub_kegiatan_id, None)]
        if b.baru is None:
            del sesudah[(b.sub_kegiatan_id, triwulan)]
        else:
            sesudah[(b.sub_kegiatan_id, triwulan)] = b.baru
        log.append(
            (
                "realisasi_anggaran.ubah",
                row.pk if row else "baru",
                f"Realisasi anggaran {kode[b.sub_kegiatan_id]} tahun {TAHUN} triwulan {romawi}",
                format(lama.normalize(), "f") if lama is not None else None,
                format(b.baru.normalize(), "f") if b.baru is not None else None,
            )
        )
    return sesudah, log


def test_the_bulk_save_writes_the_rows_and_audit_entries_of_one_save_per_row(pd, pengguna):
    subs = _subs(pd)
    # Annual amounts for some sub kegiatan without quarters: a quarter replaces them.
    for s in subs[40:45]:
        RealisasiAnggaran.objects.filter(perangkat_daerah=pd, sub_kegiatan=s).delete()
        RealisasiAnggaran.objects.create(
            perangkat_daerah=pd, tahun=TAHUN, sub_kegiatan=s, jumlah=Decimal(700_000)
        )

    def baru(i):
        if i % 7 == 0:
            return None  # cleared
        if i % 5 == 0:
            return Decimal(250_000)  # unchanged
        return Decimal(300_000 + i * 1000)

    baris = _baris(pd, subs, 2, baru)
    sesudah, log = _harapan(pd, subs, 2, baris)
    awal = LogPerubahan.objects.count()
    hasil = realisasi_anggaran_simpan_triwulan(
        pd=pd, tahun=TAHUN, triwulan=2, baris=baris, pengguna=pengguna
    )

    assert hasil.berubah == sum(1 for x in log if x[0] == "realisasi_anggaran.ubah")
    kini = {
        (r.sub_kegiatan_id, r.triwulan): r.jumlah
        for r in RealisasiAnggaran.objects.filter(perangkat_daerah=pd, tahun=TAHUN)
    }
    assert kini == sesudah
    tercatat = list(LogPerubahan.objects.order_by("pk")[awal:])
    assert len(tercatat) == len(log)
    baru_pk = {
        r.pk for r in RealisasiAnggaran.objects.filter(perangkat_daerah=pd, tahun=TAHUN, triwulan=2)
    }
    for x, (aksi, objek_id, uraian, lama, baru_) in zip(tercatat, log, strict=True):
        assert (x.aksi, x.objek, x.data["lama"], x.data["baru"]) == (aksi, uraian, lama, baru_)
        assert x.objek_tipe == "anggaran.realisasianggaran" and x.pengguna == pengguna
        assert x.objek_id == objek_id or (objek_id == "baru" and x.objek_id in baru_pk)
        assert x.data["kunci"].startswith(f"realisasi_anggaran:{pd.pk}:{TAHUN}:")


def _kueri_simpan(pd, pengguna, subs, triwulan: int) -> int:
    baris = _baris(pd, subs, triwulan, lambda i: Decimal(123_000 + i))
    with CaptureQueriesContext(connection) as q:
        hasil = realisasi_anggaran_simpan_triwulan(
            pd=pd, tahun=TAHUN, triwulan=triwulan, baris=baris, pengguna=pengguna
        )
    assert hasil.berubah == len(subs)
    return len(q)


def test_the_save_queries_do_not_grow_with_the_rows(pd, pengguna):
    subs = _subs(pd)
    # Changed amounts (triwulan II exists) and new ones (triwulan III is empty).
    sepuluh = _kueri_simpan(pd, pengguna, subs[:10], 2)
    lima_puluh = _kueri_simpan(pd, pengguna, subs[10:60], 2)
    assert sepuluh == lima_puluh, (sepuluh, lima_puluh)
    sepuluh = _kueri_simpan(pd, pengguna, subs[:10], 3)
    lima_puluh = _kueri_simpan(pd, pengguna, subs[10:60], 3)
    assert sepuluh == lima_puluh, (sepuluh, lima_puluh)
