"""The demo data look like a real kecamatan's: reviewed quarters, no traces of how they were made."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from anggaran.models import RealisasiAnggaran
from kinerja.models import PerangkatDaerah, Realisasi, StatusTriwulan

ROOT = Path(__file__).resolve().parents[2]
PAKET = sorted((ROOT / "fixtures").glob("*.json"))
NARASI = sorted((ROOT / "fixtures" / "narasi").glob("*.json"))

# Traces of how the data were made: line references into the source documents
# ("S1:L819", "L838"), the words of the making ("ilustratif", "seed", "fiktif", "demo").
JEJAK = re.compile(
    r"\bS\d:L\d+|\bL\d{3,4}\b|ilustr|\bseed\b|fiktif|\bdemo\b|sintetis|rekonstruksi|direkonstruksi",
    re.IGNORECASE,
)
# A note of a quarter is the operator's: it names no table of a report.
TABEL = re.compile(r"\bTabel\s+\d", re.IGNORECASE)


def _teks(x, path="$"):
    if isinstance(x, dict):
        for k, v in x.items():
            yield from _teks(v, f"{path}.{k}")
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from _teks(v, f"{path}[{i}]")
    elif isinstance(x, str):
        yield path, x


@pytest.mark.parametrize("berkas", PAKET + NARASI, ids=lambda p: p.name)
def test_no_trace_of_how_the_data_were_made(berkas):
    data = json.loads(berkas.read_text())
    salah = [(p, t) for p, t in _teks(data) if JEJAK.search(t)]
    for th in data.get("tahun", []) if isinstance(data.get("tahun"), list) else []:
        for kode, catatan in th.get("catatan_realisasi", {}).items():
            salah += [(kode, c) for c in catatan if c and TABEL.search(c)]
    assert salah == []


def test_the_check_finds_the_traces_it_looks_for():
    for teks in (
        "e-SKM (Tabel 3.2, S1:L819)",
        "Ilustratif: gangguan jaringan",
        "sama di Tabel 3.3 L838",
        "nilai triwulan ilustratif",
    ):
        assert JEJAK.search(teks), teks
    assert not JEJAK.search("SKM triwulan IV 2024 dengan 100 responden")


@pytest.fixture
def dimuat(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    keluar = StringIO()
    call_command("muat_demo", "--tanpa-superuser", stdout=keluar, stderr=StringIO())
    return keluar.getvalue()


def test_every_quarter_that_shows_values_is_submitted_or_approved(dimuat):
    dilihat = 0
    for pd in PerangkatDaerah.objects.all():
        for tahun in pd.lkjip.values_list("tahun", flat=True):
            for triwulan in (1, 2, 3, 4):
                ada_nilai = (
                    Realisasi.objects.filter(
                        indikator__renstra__perangkat_daerah=pd, tahun=tahun, triwulan=triwulan
                    )
                    .exclude(nilai=None, pembilang=None)
                    .exists()
                    or RealisasiAnggaran.objects.filter(
                        perangkat_daerah=pd, tahun=tahun, triwulan=triwulan
                    ).exists()
                )
                if not ada_nilai:
                    continue
                dilihat += 1
                status = StatusTriwulan.objects.filter(
                    perangkat_daerah=pd, tahun=tahun, triwulan=triwulan
                ).first()
                assert status is not None and status.status in (
                    StatusTriwulan.Status.DIAJUKAN,
                    StatusTriwulan.Status.DISETUJUI,
                ), (pd.nama, tahun, triwulan, status and status.status)
    assert dilihat >= 3 * 3  # TW IV at least for every kecamatan, most with TW I–III


def test_tw_iv_waits_for_the_kepala_and_the_loader_says_so(dimuat):
    for pd in PerangkatDaerah.objects.all():
        assert StatusTriwulan.objects.get(perangkat_daerah=pd, tahun=2024, triwulan=4).status == (
            StatusTriwulan.Status.DIAJUKAN
        )
    assert "triwulan IV diajukan, menunggu persetujuan kepala" in dimuat


def test_loading_the_demo_twice_is_harmless(dimuat):
    call_command("muat_demo", "--tanpa-superuser", stdout=StringIO(), stderr=StringIO())
    assert StatusTriwulan.objects.filter(status=StatusTriwulan.Status.DIAJUKAN).count() == 3


def test_the_demo_has_a_pengendali_teknis_days_off_and_an_lke_template(dimuat):
    import datetime

    from evaluasi.models import TemplateLke
    from kinerja.models import HariLibur, Peran

    p = Peran.objects.get(pengguna__username="pengendali")
    assert (p.jenis, p.pemda.kode, p.perangkat_daerah) == ("pengendali_teknis", "33.16", None)
    assert "pengendali" in dimuat and "Pengendali teknis" in dimuat
    for pemda in ("33.16", "35.17"):
        libur = HariLibur.objects.filter(pemda__kode=pemda)
        # Idul Fitri 2024 (a national holiday) and the cuti bersama around it.
        assert libur.filter(tanggal=datetime.date(2024, 4, 10)).exists()
        assert libur.filter(tanggal=datetime.date(2024, 4, 8), jenis="cuti_bersama").exists()
        assert TemplateLke.objects.filter(pemda__kode=pemda, versi=1).exists()
