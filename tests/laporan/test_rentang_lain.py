"""The LKjIP document prints an end target and an earlier year's target stated as a
range as the range, with capaian and tingkat kemajuan by the pemda's bound."""

from __future__ import annotations

import pytest

from interchange.simpan import paket_simpan
from kinerja.paket.parser import baca_paket
from laporan.dokumen import susun_dokumen
from tests.laporan.test_laporan_lama import _sel_tabel
from tests.paket.test_rentang_lain import _data_rentang


@pytest.mark.django_db
def test_end_and_earlier_range_targets_are_printed_as_ranges():
    pd = paket_simpan(paket=baca_paket(_data_rentang("atas")))
    sel = _sel_tabel(susun_dokumen(pd, 2024))
    # The end target: the Renstra table of BAB II and IKT-2's table in BAB III.
    assert sel.count("70 – 80") == 2 and "80" not in sel
    assert "60 – 70" in sel  # IKT-2's 2023 target in its comparison table
    # 2023: 70,3 against the upper bound 70; tingkat kemajuan 75,35 against 80.
    assert "100,43%" in sel and "94,19%" in sel


@pytest.mark.django_db
def test_a_cascaded_pk_range_target_is_printed_as_the_range():
    from tests.paket.test_rentang_lain import _data_berjenjang

    pd = paket_simpan(paket=baca_paket(_data_berjenjang()))
    assert "60 – 70" in _sel_tabel(susun_dokumen(pd, 2024))
