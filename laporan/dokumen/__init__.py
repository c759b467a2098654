"""The LKjIP document of one year as plain data, assembled from the stored data.

``susun_dokumen(pd, tahun)`` is the public entry: it loads the year once, builds
the chapters in document order and returns a :class:`Dokumen` (identity,
narrative sections, chapters and lampiran as lists of blocks) that one set of
templates renders to the HTML preview and to the PDF (``laporan.pdf``). Tables
and figures are numbered per chapter ("Tabel 3.2") in document order, and the
generated sentences refer to them by number.

Every table is a row source (:mod:`lib.rows`): a ``tabel_*`` function of the
chapter's module returns a ``lib.rows.Table`` of typed values (Decimal, date,
str), and ``tables.blok_tabel`` formats it by column type into the table block;
the xlsx export can call the same functions.

Map of the package (who builds what):

=================  ==========================================================
``loader``         everything read from the database for one year
                   (:class:`DataTahun`): paket, ``hitung``, narrative, BAB I
                   tables, evidence, signers, earlier years, the benchmark
                   against the other perangkat daerah. The only module that
                   queries.
``context``        :class:`Context`: the year's data plus the running state
                   (table/figure numbering, table of contents)
``identitas``      the identity of the document and its signature blocks
``blocks``         block types (Judul, Paragraf, Daftar, Tabel, Gambar, ...)
``tables``         row source → table block, formatted by column type
``data``           semantic data (Identitas, AnalisisIndikator, Dokumen, ...)
``formatting``     numbers, labels and rules as printed
``narasi``         narrative text → paragraphs and lists
``sentences``      generated sentences about an indicator
``analisis``       the analyses of BAB III as data
``bab1``           BAB I Pendahuluan; tabel_sdm, tabel_sarpras
``pohon``          BAB I figures: the pohon kinerja and the cascade of the PKs
                   (``kinerja.engine.pohon`` builds the tree, ``lib.pohon_svg``
                   draws it)
``draf``           drafted narrative from the data, where a section is empty
``bab2``           BAB II Perencanaan Kinerja; tabel_renstra,
                   tabel_target_tahunan, tabel_iku
``pk``             BAB II 2.3 Perjanjian Kinerja; tabel_pk_target,
                   tabel_pk_program, tabel_beda_pk
``bab2_anggaran``  BAB II 2.4; tabel_anggaran_program, tabel_jenis_belanja_dpa
``bab3``           BAB III Akuntabilitas Kinerja; tabel_skala, tabel_ringkasan
                   (also BAB IV), tabel_indikator_program
``bab3_triwulan`` BAB III quarterly realisasi; tabel_realisasi_triwulan,
                   tabel_indikator_tingkat (also on the computation screen)
``catatan``        the consistency findings placed under the tables they concern
``bab3_indikator`` BAB III per indicator; tabel_capaian_indikator,
                   tabel_riwayat, tabel_skm, tabel_pembanding,
                   tabel_program_pendukung
``bab3_anggaran``  BAB III 3.2; tabel_realisasi_anggaran, tabel_efisiensi,
                   tabel_realisasi_jenis_belanja
``bab4``           BAB IV Penutup
``lampiran``       the lampiran list; tabel_bukti, tabel_catatan_konsistensi
``lampiran_pk``    a PK as lampiran (also laporan.dokumen_pk), cascaded PKs;
                   tabel_pkb_target, tabel_pkb_anggaran
=================  ==========================================================
"""

from __future__ import annotations

from kinerja import models as km
from laporan.dokumen.bab1 import bab1
from laporan.dokumen.bab2 import bab2
from laporan.dokumen.bab3 import bab3
from laporan.dokumen.bab4 import bab4
from laporan.dokumen.blocks import (
    Bab,
    Baris,
    Blok,
    Daftar,
    EntriIsi,
    Gambar,
    Judul,
    Kop,
    Kosong,
    Paragraf,
    Pihak,
    Sel,
    Tabel,
    TandaTangan,
    TandaTanganGanda,
)
from laporan.dokumen.context import Context
from laporan.dokumen.data import (
    AnalisisIndikator,
    AnalisisSasaran,
    BagianKosong,
    BagianNarasi,
    BandingPD,
    Dokumen,
    Identitas,
    NilaiBanding,
    PejabatDok,
    ProgramPendukung,
    TahunKinerja,
)
from laporan.dokumen.identitas import susun_identitas
from laporan.dokumen.lampiran import lampiran as susun_lampiran
from laporan.dokumen.loader import load_data_tahun
from laporan.dokumen.narasi import blok_narasi
from laporan.models import LKjIP

__all__ = [
    "Sel",
    "Baris",
    "Tabel",
    "Gambar",
    "Paragraf",
    "Daftar",
    "Judul",
    "Kosong",
    "TandaTangan",
    "TandaTanganGanda",
    "Kop",
    "Pihak",
    "Blok",
    "Bab",
    "EntriIsi",
    "PejabatDok",
    "Identitas",
    "BagianNarasi",
    "BagianKosong",
    "TahunKinerja",
    "NilaiBanding",
    "BandingPD",
    "ProgramPendukung",
    "AnalisisIndikator",
    "AnalisisSasaran",
    "Dokumen",
    "susun_dokumen",
    "blok_narasi",
]


def _daftar_awal(k: Context) -> list[EntriIsi]:
    """The front matter entries of the table of contents (lower-roman pages). The Ikhtisar
    Eksekutif is always there (PermenPANRB 53/2014): drafted from the data when unwritten."""
    kata_pengantar = k.narasi["kata_pengantar"]
    ikhtisar = k.narasi["ikhtisar_eksekutif"]
    return [
        EntriIsi(kata_pengantar.judul.upper(), "kata-pengantar", 1, romawi=True),
        EntriIsi(ikhtisar.judul.upper(), "ikhtisar", 1, romawi=True),
        EntriIsi("DAFTAR ISI", "daftar-isi", 1, romawi=True),
        EntriIsi("DAFTAR TABEL", "daftar-tabel", 1, romawi=True),
        EntriIsi("DAFTAR GAMBAR", "daftar-gambar", 1, romawi=True),
    ]


def susun_dokumen(pd: km.PerangkatDaerah, tahun: int) -> Dokumen:
    """The whole LKjIP of ``pd`` for ``tahun`` as plain data (see the module docstring).

    Raises ``kinerja.engine.hitung.HitungError`` (message in Indonesian) when the perangkat daerah
    has no Renstra or no data for the year.
    """
    data = load_data_tahun(pd, tahun)
    ident = susun_identitas(data, tahun)
    k = Context(data, ident)
    awal = _daftar_awal(k)
    bab = [bab1(k), bab2(k), bab3(k), bab4(k)]
    k.isi.append(EntriIsi("LAMPIRAN", "lampiran", 1))
    lampiran = susun_lampiran(k)
    kosong = [BagianKosong(b.kunci, b.judul) for b in k.narasi.values() if b.wajib and b.kosong]
    kosong += k.kosong_analisis
    return Dokumen(
        tahun=tahun,
        identitas=ident,
        status=data.lkjip.status if data.lkjip else LKjIP.Status.DRAF,
        narasi=k.narasi,
        kosong=kosong,
        kata_pengantar=k.narasi["kata_pengantar"],
        ikhtisar=k.narasi["ikhtisar_eksekutif"],
        bab=bab,
        lampiran=lampiran,
        daftar_isi=awal + k.isi,
        daftar_tabel=k.no.tabel,
        daftar_gambar=k.no.gambar,
        analisis=k.analisis,
        bukti=data.bukti,
        hasil=data.hasil,
        temuan=data.hasil.temuan,
        penutup=next((x for x in bab[-1].blok if isinstance(x, TandaTangan)), None),
        judul=f"Laporan Kinerja Instansi Pemerintah {data.paket.perangkat_daerah.nama} Tahun {tahun}",
        paket=data.paket,
    )
