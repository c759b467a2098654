"""Demo narratives of the LKjIP document: ``fixtures/narasi/<slug>-<tahun>.json``.

File format (UTF-8 JSON)::

    {
      "format": "lkjip-narasi",
      "versi": 1,
      "perangkat_daerah": "33.16.05",          # must be the kode of the target PD
      "tahun": 2024,                           # must be the year being loaded
      "keterangan": "where the text comes from",
      "narasi": {                              # key = laporan.kerangka section key,
        "kata_pengantar": "plain text …",      #   or "analisis:<kode indikator>"
        "analisis:IKT-1": "…"
      },
      "judul": {"struktur_organisasi": "…"},   # optional section title overrides
      "sdm": [{"kelompok": "Eselon", "uraian": "Eselon III.a", "pns": 1, "non_pns": 0,
               "kebutuhan": 1}],
      "sarana_prasarana": [{"uraian": "…", "jumlah": 1, "satuan": "unit", "kondisi": "Baik",
                            "kebutuhan": 1}]
    }

Narrative text is plain text: a blank line separates paragraphs; lines that
start with "- " make a bulleted list and lines that start with "1. " or "a. "
a numbered list (see ``laporan.dokumen.narasi``). ``muat_narasi_demo`` replaces the
narrative, SDM and sarana prasarana rows of the year in one transaction.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from kinerja.models import PerangkatDaerah
from laporan import kerangka
from laporan.models import DataSDM, LKjIP, Narasi, SaranaPrasarana

__all__ = ["NarasiDemoTidakValid", "muat_narasi_demo"]


class NarasiDemoTidakValid(ValueError):
    """The demo narrative file cannot be loaded (message in Indonesian)."""


def _kebutuhan(row: dict) -> int | None:
    """The optional need of a row (ABK for SDM, the standard for sarpras)."""
    nilai = row.get("kebutuhan")
    return None if nilai is None else int(nilai)


def _baca(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NarasiDemoTidakValid(f"berkas narasi {path} tidak ditemukan") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise NarasiDemoTidakValid(f"berkas narasi {path} tidak dapat dibaca: {e}") from None
    if not isinstance(data, dict) or data.get("format") != "lkjip-narasi":
        raise NarasiDemoTidakValid(f'berkas {path} bukan berkas narasi ("format": "lkjip-narasi")')
    return data


def _periksa(data: dict, pd: PerangkatDaerah, tahun: int, path: Path) -> None:
    if data.get("perangkat_daerah") != pd.kode:
        raise NarasiDemoTidakValid(
            f"berkas {path} untuk perangkat daerah {data.get('perangkat_daerah')}, bukan {pd.kode}"
        )
    if data.get("tahun") != tahun:
        raise NarasiDemoTidakValid(f"berkas {path} untuk tahun {data.get('tahun')}, bukan {tahun}")
    narasi = data.get("narasi") or {}
    judul = data.get("judul") or {}
    if not isinstance(narasi, dict) or not isinstance(judul, dict):
        raise NarasiDemoTidakValid(f'"narasi" dan "judul" pada {path} harus berupa objek')
    for kunci in [*narasi, *judul]:
        if kunci not in kerangka.PER_KUNCI and not kunci.startswith(kerangka.AWALAN_ANALISIS):
            raise NarasiDemoTidakValid(f'bagian "{kunci}" pada {path} tidak dikenal')
    for kunci, teks in narasi.items():
        if not isinstance(teks, str):
            raise NarasiDemoTidakValid(f'teks bagian "{kunci}" pada {path} harus berupa teks')
    for i, row in enumerate(data.get("sdm") or [], 1):
        if not isinstance(row, dict) or not {"kelompok", "uraian"} <= set(row):
            raise NarasiDemoTidakValid(
                f"baris SDM ke-{i} pada {path} harus memuat kelompok dan uraian"
            )
    for i, row in enumerate(data.get("sarana_prasarana") or [], 1):
        if not isinstance(row, dict) or "uraian" not in row:
            raise NarasiDemoTidakValid(
                f"baris sarana prasarana ke-{i} pada {path} harus memuat uraian"
            )


@transaction.atomic
def muat_narasi_demo(pd: PerangkatDaerah, tahun: int, path: str | Path) -> LKjIP:
    """Load the demo narrative ``path`` into the LKjIP of ``pd`` for ``tahun``.

    Replaces the year's narrative sections, SDM and sarana prasarana rows; the
    LKjIP row is created when missing. Raises :class:`NarasiDemoTidakValid`.
    """
    path = Path(path)
    data = _baca(path)
    _periksa(data, pd, tahun, path)
    lkjip, _ = LKjIP.objects.get_or_create(perangkat_daerah=pd, tahun=tahun)
    narasi = data.get("narasi") or {}
    judul = data.get("judul") or {}
    Narasi.objects.filter(lkjip=lkjip).delete()
    Narasi.objects.bulk_create(
        Narasi(lkjip=lkjip, bagian=kunci, teks=narasi.get(kunci, ""), judul=judul.get(kunci, ""))
        for kunci in [*narasi, *(k for k in judul if k not in narasi)]
    )
    DataSDM.objects.filter(lkjip=lkjip).delete()
    DataSDM.objects.bulk_create(
        DataSDM(
            lkjip=lkjip,
            urutan=i,
            kelompok=row["kelompok"],
            uraian=row["uraian"],
            pns=int(row.get("pns", 0)),
            non_pns=int(row.get("non_pns", 0)),
            kebutuhan=_kebutuhan(row),
        )
        for i, row in enumerate(data.get("sdm") or [], 1)
    )
    SaranaPrasarana.objects.filter(lkjip=lkjip).delete()
    SaranaPrasarana.objects.bulk_create(
        SaranaPrasarana(
            lkjip=lkjip,
            urutan=i,
            uraian=row["uraian"],
            jumlah=int(row.get("jumlah", 0)),
            satuan=row.get("satuan", ""),
            kondisi=row.get("kondisi", ""),
            kebutuhan=_kebutuhan(row),
        )
        for i, row in enumerate(data.get("sarana_prasarana") or [], 1)
    )
    return lkjip
