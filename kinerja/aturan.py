"""The pemda's computation rules, as plain data for the engine.

``aturan_berlaku`` is the one way every screen, command and document gets the
rules of a year: the rules kept with a signed year (``AturanTahun``), otherwise
the pemda's rules of today. ``aturan_ke_json``/``aturan_dari_json`` store them
in the package format.
"""

from __future__ import annotations

import json
from decimal import Decimal

from kinerja import models as m
from kinerja.engine.capaian import AcuanRentang, RumusNegatif
from kinerja.engine.efisiensi import MetodeEfisiensi
from kinerja.engine.predikat import PRESET, skala_dari_band
from kinerja.paket import types as t
from kinerja.paket.parser import baca_aturan, muat_json
from kinerja.paket.serializer import dumps, tulis_aturan


def _aturan_dari_model(pemda: m.Pemda, bands: list[m.BandPredikat]) -> t.Aturan:
    if pemda.skala_preset:
        skala = PRESET[pemda.skala_preset]
    else:
        skala = skala_dari_band(
            "kustom",
            [
                {
                    "label": b.label,
                    "bawah": b.bawah.normalize() if b.bawah is not None else None,
                    "bawah_inklusif": b.bawah_inklusif,
                    "atas": b.atas.normalize() if b.atas is not None else None,
                    "atas_inklusif": b.atas_inklusif,
                    "warna": b.warna or None,
                    "keterangan": b.keterangan or None,
                }
                for b in bands
            ],
        )
    return t.Aturan(
        skala=skala,
        skala_preset=pemda.skala_preset or None,
        rumus_negatif=RumusNegatif(pemda.rumus_negatif),
        batas_atas_capaian=None
        if pemda.batas_atas_capaian is None
        else Decimal(pemda.batas_atas_capaian),
        batas_bawah_capaian=None
        if pemda.batas_bawah_capaian is None
        else Decimal(pemda.batas_bawah_capaian),
        metode_efisiensi=MetodeEfisiensi(pemda.metode_efisiensi),
        ambang_tercapai=pemda.ambang_tercapai.normalize(),
        acuan_rentang=AcuanRentang(pemda.acuan_rentang),
    )


def aturan_pemda(pemda: m.Pemda) -> t.Aturan:
    """The computation rules of a pemda (its predicate scale, formula, caps, efficiency method)."""
    return _aturan_dari_model(pemda, list(pemda.band_predikat.all()))


def aturan_ke_json(aturan: t.Aturan) -> dict:
    """The rules as stored in ``AturanTahun.aturan`` (the paket's "aturan" object)."""
    return json.loads(dumps(tulis_aturan(aturan), indent=None))


def aturan_dari_json(data: dict) -> t.Aturan:
    # Through text with Decimal parsing: the JSON column gives floats back, whose
    # shortest repr is the decimal that was stored.
    return baca_aturan(muat_json(json.dumps(data)))


def aturan_berlaku(pd: m.PerangkatDaerah, tahun: int, *, pemda: m.Pemda | None = None) -> t.Aturan:
    """The rules every computation of ``tahun`` of ``pd`` must use.

    A signed year keeps the rules it was signed with (stored in ``AturanTahun``
    at sign-off, kept when it is reopened without recomputing); any other year
    is computed with the pemda's rules of today. Every screen, command and
    document gets its rules through this function (``paket_muat(pd, tahun=…)``
    calls it), so a change of the pemda's rules never changes a signed year.
    ``pemda``, when the caller has it already, saves reading it again.
    """
    tersimpan = m.AturanTahun.objects.filter(perangkat_daerah=pd, tahun=tahun).first()
    if tersimpan is not None:
        return aturan_dari_json(tersimpan.aturan)
    return aturan_pemda(pemda or m.Pemda.objects.get(pk=pd.pemda_id))
