"""The percent of an import job advances within its save stage, as the import's service
reports it (``kinerja.antrean_impor.lapor_kemajuan``), not only from stage to stage: the
save's transaction hides the job's row, so the percent goes through the cache."""

from __future__ import annotations

from unittest import mock

import pytest

from interchange.antrean import MULAI_SIMPAN, kemajuan_job
from interchange.models import ImporJob
from interchange.views import keadaan
from kinerja.antrean_impor import kemajuan_didengar, lapor_kemajuan
from tests.web.test_impor_antrean import (
    URL_DPA,
    URL_TW,
    _dua_indikator,
    _masuk,
    _pratinjau_dpa,
    _pratinjau_tw,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def ambang_rendah(settings):
    """Every file is "large": the confirm step always uses the queue."""
    settings.LKJIP_IMPOR_ANTREAN_BARIS = 0


def _kini() -> int:
    """The percent the job's page shows now (read from within the save)."""
    return keadaan(ImporJob.objects.get())["kemajuan"]


def test_a_budget_file_advances_row_by_row_within_the_save(demo, operator_a):
    import anggaran.services.pagu as pagu

    c = _masuk(operator_a)
    token = _pratinjau_dpa(c)
    dilihat: list[int] = []
    asli = pagu._simpan_satu

    def simpan_satu(*a, **k):
        dilihat.append(_kini())
        return asli(*a, **k)

    with mock.patch.object(pagu, "_simpan_satu", simpan_satu):
        s = c.post(URL_DPA, {"langkah": "simpan", "token": token})
    job = ImporJob.objects.get()
    assert job.status == ImporJob.Status.SELESAI and job.kemajuan == 100, job.galat
    assert len(dilihat) == job.jumlah_berubah >= 3
    # From the save stage's start, growing with the rows saved, never "done" before the end.
    assert dilihat[0] == MULAI_SIMPAN and dilihat == sorted(dilihat)
    assert len(set(dilihat)) >= 3 and dilihat[-1] < 100
    assert c.get(s["Location"].rstrip("/") + ".json").json()["kemajuan"] == 100


def test_a_quarterly_workbook_advances_statement_by_statement(demo, operator_a):
    import kinerja.services.realisasi as realisasi

    a, b = _dua_indikator(demo)
    c = _masuk(operator_a)
    token = _pratinjau_tw(c, demo, {a.indikator.kode: 11, b.indikator.kode: 12})
    dilihat: list[int] = []
    asli = realisasi.catat_perubahan_banyak

    def catat(*a, **k):
        dilihat.append(_kini())
        return asli(*a, **k)

    with mock.patch.object(realisasi, "catat_perubahan_banyak", catat):
        c.post(URL_TW + "impor/simpan/", {"token": token})
    assert ImporJob.objects.get().status == ImporJob.Status.SELESAI
    # The rows are written (two of the save's three steps) before the audit trail.
    assert dilihat == [MULAI_SIMPAN + (99 - MULAI_SIMPAN) * 2 // 3]


def test_the_page_reads_the_save_progress_only_while_the_job_runs(demo, operator_a):
    from django.core.cache import cache

    from interchange.antrean import _KUNCI_KEMAJUAN

    c = _masuk(operator_a)
    s = c.post(URL_DPA, {"langkah": "simpan", "token": _pratinjau_dpa(c)})
    job = ImporJob.objects.get()
    cache.set(_KUNCI_KEMAJUAN.format(job.pk), 77)
    url = s["Location"].rstrip("/") + ".json"
    assert c.get(url).json()["kemajuan"] == 100  # finished: its row says
    ImporJob.objects.filter(pk=job.pk).update(
        status=ImporJob.Status.BERJALAN, kemajuan=MULAI_SIMPAN
    )
    assert c.get(url).json()["kemajuan"] == 77
    ImporJob.objects.filter(pk=job.pk).update(kemajuan=35)  # still checking the file
    assert kemajuan_job(ImporJob.objects.get()) == 35
    cache.delete(_KUNCI_KEMAJUAN.format(job.pk))


def test_a_report_outside_a_job_goes_nowhere_and_is_bounded_inside_one():
    lapor_kemajuan(1, 2)  # nobody listens: nothing happens
    dengar: list[tuple[int, int]] = []
    with kemajuan_didengar(lambda i, n: dengar.append((i, n))):
        lapor_kemajuan(3, 2)
        lapor_kemajuan(1, 0)  # no steps: not reported
    lapor_kemajuan(1, 2)
    assert dengar == [(2, 2)]
