"""The pohon kinerja tree (kinerja.engine.pohon): pure, from package types."""

from __future__ import annotations

from decimal import Decimal

from kinerja.engine.angka import Nilai
from kinerja.engine.capaian import Polaritas, RumusNegatif
from kinerja.engine.efisiensi import MetodeEfisiensi
from kinerja.engine.pohon import (
    kotak_muat,
    kotak_pohon,
    pohon_kinerja,
    tabel_pohon_kinerja,
)
from kinerja.engine.predikat import PRESET
from kinerja.engine.realisasi import TipePenghitungan
from kinerja.paket import types as t


def _ind(kode: str, nama: str, target: dict[int, str] | None = None, satuan: str = "%"):
    return t.Indikator(
        kode=kode,
        nama=nama,
        satuan=satuan,
        polaritas=Polaritas.POSITIF,
        tipe_penghitungan=TipePenghitungan.NILAI_AKHIR,
        target_tahunan={th: Nilai(Decimal(v)) for th, v in (target or {}).items()},
    )


def _paket(*, rpjmd: tuple[str | None, str | None] = ("Meningkatnya pelayanan", None)) -> t.Paket:
    aturan = t.Aturan(
        skala=PRESET["permendagri-86-2017"],
        skala_preset=None,
        rumus_negatif=RumusNegatif.DUA_T_KURANG_R,
        batas_atas_capaian=None,
        batas_bawah_capaian=None,
        metode_efisiensi=MetodeEfisiensi.SELISIH,
    )
    ikt = _ind("IKT-1", "Indeks Kepuasan Masyarakat", {2024: "86", 2025: "87"}, "indeks")
    iks = _ind("IKS-1", "Layanan sesuai SOP", {2024: "96"})
    renstra = t.Renstra(
        mulai=2021,
        selesai=2026,
        tujuan=[
            t.Tujuan(
                "T1",
                "Meningkatnya kepuasan masyarakat",
                indikator=[ikt],
                sasaran=[t.Sasaran("S1", "Meningkatnya layanan sesuai SOP", [iks])],
                sasaran_rpjmd=rpjmd[0],
            ),
            t.Tujuan(
                "T2",
                "Birokrasi bersih",
                sasaran=[t.Sasaran("S2", "Administrasi perkantoran")],
                sasaran_rpjmd=rpjmd[1],
            ),
        ],
    )
    program = [
        t.Program(
            "7.01.02",
            "Program Pelayanan",
            sasaran=["S1"],
            indikator=[_ind("IKP-1", "Persentase layanan", {2024: "100"})],
            kegiatan=[
                t.Kegiatan(
                    "7.01.02.1.01",
                    "Koordinasi",
                    indikator=[_ind("IKK-1", "Jumlah rapat", {2024: "12"}, "kali")],
                    sub_kegiatan=[
                        t.SubKegiatan("7.01.02.1.01.0001", "Rapat koordinasi"),
                        t.SubKegiatan("7.01.02.1.01.0002", "Monitoring"),
                    ],
                )
            ],
        ),
        t.Program("7.01.01", "Program Penunjang", sasaran=["T2"]),
        t.Program("7.01.09", "Program Lain", sasaran=["X9"]),
    ]
    pd = t.PerangkatDaerah("33.16.05", "Kecamatan Contoh", kepala=t.Pejabat("Budi", "Camat Contoh"))
    for tj in renstra.tujuan:
        for i in tj.indikator:
            i.tingkat, i.induk = "tujuan", tj.kode
        for s in tj.sasaran:
            for i in s.indikator:
                i.tingkat, i.induk = "sasaran", s.kode
    th = t.Tahun(
        2024,
        perjanjian_kinerja=[
            t.PerjanjianKinerja("murni", target={"IKT-1": Nilai(Decimal(85))}),
            t.PerjanjianKinerja("perubahan", target={"IKT-1": Nilai(Decimal(86))}),
        ],
        pk_berjenjang=[
            t.PKBerjenjang(
                "Sekretaris Kecamatan",
                "murni",
                sasaran=[t.SasaranPKBerjenjang("Administrasi", "Persentase administrasi")],
            ),
            t.PKBerjenjang(
                "Kepala Subbagian Umum",
                "murni",
                sasaran=[t.SasaranPKBerjenjang("Umum", "Jumlah paket", Nilai(Decimal(7)))],
            ),
            t.PKBerjenjang("Kepala Seksi Pemerintahan", "murni"),
            t.PKBerjenjang(
                "Kepala Seksi Pemerintahan",
                "perubahan",
                sasaran=[
                    t.SasaranPKBerjenjang("Pemerintahan", "Jumlah laporan", Nilai(Decimal(4)))
                ],
            ),
        ],
    )
    return t.Paket(
        pemda=t.Pemda("33.16", "Kabupaten Contoh", aturan),
        perangkat_daerah=pd,
        renstra=renstra,
        program=program,
        tahun=[th],
    )


def test_renstra_cascade_from_rpjmd_to_sub_kegiatan():
    pohon = pohon_kinerja(_paket(), 2024)
    # T1 hangs under its RPJMD sasaran; T2 (no RPJMD sasaran) and the program naming
    # an unknown sasaran are roots.
    assert [(s.tingkat, s.label) for s in pohon.renstra] == [
        ("sasaran_rpjmd", "Meningkatnya pelayanan"),
        ("tujuan", "Birokrasi bersih"),
        ("program", "Program Lain"),
    ]
    rpjmd = pohon.renstra[0]
    t1 = rpjmd.anak[0]
    assert t1.label == "Meningkatnya kepuasan masyarakat"
    assert [i.teks() for i in t1.indikator] == ["Indeks Kepuasan Masyarakat: 86 indeks"]
    s1 = t1.anak[0]
    assert [i.teks() for i in s1.indikator] == ["Layanan sesuai SOP: 96%"]
    program = s1.anak[0]
    assert program.tingkat == "program" and program.label == "Program Pelayanan"
    kegiatan = program.anak[0]
    assert [i.teks() for i in kegiatan.indikator] == ["Jumlah rapat: 12 kali"]
    assert [s.label for s in kegiatan.anak] == ["Rapat koordinasi", "Monitoring"]
    # A program naming a tujuan hangs under the tujuan.
    t2 = pohon.renstra[1]
    assert [(a.tingkat, a.label) for a in t2.anak] == [
        ("sasaran", "Administrasi perkantoran"),
        ("program", "Program Penunjang"),
    ]
    tepi = pohon.tepi()
    assert ("rpjmd-1", "tujuan-T1") in tepi and ("sasaran-S1", "program-7.01.02") in tepi
    # Every node has one parent at most: a tree, not a graph.
    anak = [b for _, b in tepi]
    assert len(anak) == len(set(anak))


def test_target_of_the_year_asked():
    pohon = pohon_kinerja(_paket(), 2025)
    t1 = pohon.renstra[0].anak[0]
    assert [i.teks() for i in t1.indikator] == ["Indeks Kepuasan Masyarakat: 87 indeks"]
    # No target that year: the name alone.
    assert [i.teks() for i in t1.anak[0].indikator] == ["Layanan sesuai SOP"]
    assert pohon.pk == []  # no year 2025 in the package


def test_tujuan_sharing_one_rpjmd_sasaran_share_the_node():
    pohon = pohon_kinerja(_paket(rpjmd=("Sama", "Sama")), 2024)
    assert [s.tingkat for s in pohon.renstra] == ["sasaran_rpjmd", "program"]
    assert [a.label for a in pohon.renstra[0].anak] == [
        "Meningkatnya kepuasan masyarakat",
        "Birokrasi bersih",
    ]


def test_package_without_rpjmd_starts_at_the_tujuan():
    pohon = pohon_kinerja(_paket(rpjmd=(None, "  ")), 2024)
    assert [s.tingkat for s in pohon.renstra] == ["tujuan", "tujuan", "program"]


def test_pk_cascade_head_to_officials_kasubag_under_sekretaris():
    pohon = pohon_kinerja(_paket(), 2024)
    [kepala] = pohon.pk
    assert kepala.tingkat == "pk_kepala" and kepala.label == "Camat Contoh"
    # The PK in force (perubahan) gives the target.
    assert [i.teks() for i in kepala.indikator] == ["Indeks Kepuasan Masyarakat: 86 indeks"]
    assert [a.label for a in kepala.anak] == ["Sekretaris Kecamatan", "Kepala Seksi Pemerintahan"]
    sekretaris, kasi = kepala.anak
    assert [a.label for a in sekretaris.anak] == ["Kepala Subbagian Umum"]
    assert sekretaris.anak[0].bertumpuk
    # The latest version per jabatan.
    assert [i.teks() for i in kasi.indikator] == ["Jumlah laporan: 4"]


def test_table_rows_are_levels_indented():
    pohon = pohon_kinerja(_paket(), 2024)
    tabel = tabel_pohon_kinerja(pohon, "Pohon Kinerja Kecamatan Contoh Tahun 2024")
    assert tabel.columns[2].header == "Target 2024"
    pertama = tabel.rows[0]
    assert pertama.kind == "sasaran_rpjmd" and pertama.level == 0
    assert pertama.values[0] == "Sasaran RPJMD: Meningkatnya pelayanan"
    sub = [r for r in tabel.rows if r.kind == "sub_kegiatan"]
    assert [r.level for r in sub] == [5, 5]
    ikt = next(r for r in tabel.rows if "Indeks Kepuasan" in str(r.values[1]))
    assert ikt.values[2].value == Decimal(86) and ikt.values[3] == "indeks"
    # Officials' indicators name the sasaran they measure.
    assert any("Umum — Jumlah paket" == r.values[1] for r in tabel.rows if r.kind == "pk_pejabat")


def test_boxes_count_what_they_do_not_show():
    pohon = pohon_kinerja(_paket(), 2024)
    s1 = pohon.renstra[0].anak[0].anak[0]
    s1.indikator = s1.indikator * 5
    [rpjmd] = kotak_pohon([pohon.renstra[0]], maks_indikator=3)
    sasaran = rpjmd.anak[0].anak[0]
    assert sasaran.butir[-1] == "… dan 2 indikator lainnya" and len(sasaran.butir) == 4
    [rpjmd] = kotak_pohon([pohon.renstra[0]], hitung_dari="program", sampai="program")
    program = rpjmd.anak[0].anak[0].anak[0]
    assert program.anak == []
    assert program.butir == ["1 indikator", "1 kegiatan, 2 sub kegiatan"]
    assert not program.bertumpuk and rpjmd.anak[0].anak[0].butir[0].startswith("Layanan")


def test_fitting_steps_down_until_accepted():
    pohon = pohon_kinerja(_paket(), 2024)
    dicoba = []

    def cukup(kotak):
        dicoba.append(kotak)
        return len(dicoba) == 3

    kotak, muat = kotak_muat(pohon.renstra, cukup)
    assert muat and kotak is dicoba[2]
    _, muat = kotak_muat(pohon.renstra, lambda k: False)
    assert not muat
