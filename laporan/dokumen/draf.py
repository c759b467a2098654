"""Drafted narrative: the text of a section written from the year's data when the operator
has not written it yet (issue 12 §2).

Pure over the already-loaded year (:class:`Bahan`: the paket, ``hitung``'s :class:`Hasil`
and the BAB I tables; no queries). One function per section key of
``laporan.kerangka.BAGIAN`` that can be drafted, each returning plain text in the
narrative's own format (paragraphs separated by blank lines, "- " lists; the
``landasan_hukum`` section one regulation per line), so that the same text is printed,
shown in the editor and stored when the operator accepts it. A function returns "" when
the data say nothing (no staff table, say): the section then stays as it is.

Numbers come from ``hitung`` (and its predicate scale) and are written with
``laporan.dokumen.formatting`` / ``lib.format``; nothing is computed here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kinerja.engine.hitung import Hasil, HasilIndikator
from kinerja.engine.perbandingan import kalimat_perubahan
from kinerja.engine.predikat import klasifikasi
from kinerja.paket import types as t
from laporan.dokumen.formatting import batas_capaian, nilai_satuan, persen, rupiah
from lib.format import format_angka_alami


@dataclass
class Bahan:
    """What a draft is written from: the year as loaded for the document or the editor."""

    paket: t.Paket
    tahun: int
    hasil: Hasil | None
    # BAB I tables: rows with kelompok/uraian/pns/non_pns (SDM) and
    # uraian/jumlah/satuan/kondisi (sarpras), as model instances or dicts.
    sdm: list = field(default_factory=list)
    sarpras: list = field(default_factory=list)

    @property
    def pd(self) -> str:
        return self.paket.perangkat_daerah.nama

    @property
    def pemda(self) -> str:
        return self.paket.pemda.nama

    @property
    def kecamatan(self) -> bool:
        return (self.paket.perangkat_daerah.jenis or "").lower() == "kecamatan"

    @property
    def batas(self) -> tuple:
        """The capaian values a predicate changes at: never rounded onto (formatting)."""
        return batas_capaian(self.paket.pemda.aturan)

    @property
    def renstra(self) -> str:
        r = self.paket.renstra
        return f"Rencana Strategis (Renstra) {self.pd} Tahun {r.mulai}–{r.selesai}"

    def dilaporkan(self) -> list[HasilIndikator]:
        """The tujuan and sasaran indicators with a target of the year (BAB III 3.1)."""
        if self.hasil is None:
            return []
        return [
            h
            for h in self.hasil.indikator
            if h.tingkat in ("tujuan", "sasaran") and h.target is not None
        ]

    def catatan(self, kode: str) -> list[str]:
        th = self.paket.cari_tahun(self.tahun)
        daftar = (th.catatan_realisasi.get(kode) if th else None) or []
        return [c.strip().rstrip(".") for c in daftar if c and c.strip()]


def _nilai(row: Any, nama: str, baku: Any = None) -> Any:
    if isinstance(row, dict):
        return row.get(nama, baku)
    return getattr(row, nama, baku)


def _paragraf(*kalimat: str) -> str:
    return " ".join(k for k in kalimat if k)


def _teks(*bagian: str) -> str:
    return "\n\n".join(b for b in bagian if b)


def _daftar(butir: list[str]) -> str:
    """A "- " list; the last item closes with a full stop instead of a semicolon."""
    if butir and butir[-1].endswith(";"):
        butir = [*butir[:-1], butir[-1][:-1] + "."]
    return "\n".join(f"- {b}" for b in butir)


def _ringkas(h: HasilIndikator, batas: tuple = ()) -> str:
    """ "Indeks Kepuasan Masyarakat: target 86, realisasi 88,31, capaian 102,69% (Sangat Baik)"."""
    teks = (
        f"{h.nama}: target {nilai_satuan(h.target, h.target_label, h.satuan)}, realisasi "
        f"{nilai_satuan(h.realisasi, h.realisasi_label, h.satuan)}"
    )
    if h.capaian_skor is not None:
        teks += f", capaian {persen(h.capaian_skor, batas)}"
        if h.predikat:
            teks += f" ({h.predikat})"
    return teks


def _hitungan(b: Bahan) -> tuple[list[HasilIndikator], list[HasilIndikator], list[HasilIndikator]]:
    """(measured, reached, missed) among the reported indicators."""
    semua = b.dilaporkan()
    terukur = [h for h in semua if h.tercapai is not None]
    return (
        terukur,
        [h for h in terukur if h.tercapai],
        [h for h in terukur if h.tercapai is False],
    )


def _kalimat_capaian_umum(b: Bahan) -> str:
    terukur, tercapai, _ = _hitungan(b)
    if not terukur:
        return (
            f"Realisasi indikator tujuan dan sasaran tahun {b.tahun} belum lengkap, sehingga "
            "capaiannya belum dapat disimpulkan."
        )
    if len(tercapai) == len(terukur):
        jumlah = (
            f"seluruh {len(terukur)} indikator tujuan dan sasaran yang terukur mencapai targetnya"
        )
    else:
        jumlah = (
            f"{len(tercapai)} dari {len(terukur)} indikator tujuan dan sasaran yang terukur "
            "mencapai targetnya"
        )
    return f"Pada tahun {b.tahun}, {jumlah}{_rata_iku(b)}."


def _rata_iku(b: Bahan) -> str:
    assert b.hasil is not None
    rata = b.hasil.ringkasan.get("rata_rata_capaian_iku")
    if rata is None:
        return ""
    band = klasifikasi(b.paket.pemda.aturan.skala, rata)
    teks = f"; rata-rata capaian Indikator Kinerja Utama (IKU) sebesar {persen(rata)}"
    return teks + (f" dengan predikat {band.label}" if band is not None else "")


def _kalimat_anggaran(b: Bahan) -> str:
    if b.hasil is None:
        return ""
    r = b.hasil.ringkasan
    if r.get("pagu_total") is None:
        return ""
    kal = f"Dari pagu anggaran sebesar {rupiah(r['pagu_total'])}"
    if r.get("realisasi_total") is None:
        return kal + " realisasinya belum tercatat."
    kal += f" terealisasi {rupiah(r['realisasi_total'])} atau {persen(r['penyerapan_total'])}"
    if r.get("sisa_anggaran"):
        kal += f", dengan sisa anggaran {rupiah(r['sisa_anggaran'])}"
    return kal + "."


def _kalimat_efisiensi(b: Bahan) -> str:
    """ "Penggunaan anggaran dinilai efisien untuk sasaran X dan Y." (hitung's categories)."""
    if b.hasil is None:
        return ""
    per_kategori: dict[str, list[str]] = {}
    for e in b.hasil.efisiensi:
        kategori = e.get("kategori") or ""
        if e.get("tingkat") == "sasaran" and kategori and not kategori.startswith("Tidak Dapat"):
            per_kategori.setdefault(kategori.lower(), []).append(f"“{e['uraian']}”")
    if not per_kategori:
        return ""
    bagian = [
        f"{kategori} untuk sasaran {_dan(uraian)}" for kategori, uraian in per_kategori.items()
    ]
    return f"Penggunaan anggaran dinilai {'; '.join(bagian)}."


def _dan(isi: list[str]) -> str:
    if len(isi) <= 1:
        return "".join(isi)
    return f"{', '.join(isi[:-1])} dan {isi[-1]}"


def _kesenjangan(b: Bahan) -> list[str]:
    """One line per missed indicator, with the causes written on its realisasi."""
    _, _, gagal = _hitungan(b)
    hasil = []
    for h in gagal:
        teks = _ringkas(h, b.batas)
        sebab = b.catatan(h.kode)
        if sebab:
            teks += f"; penyebab: {'; '.join(sebab)}"
        hasil.append(teks + ".")
    return hasil


# --------------------------------------------------------------------------- front matter


def kata_pengantar(b: Bahan) -> str:
    return _teks(
        "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa atas rahmat dan karunia-Nya "
        f"sehingga Laporan Kinerja Instansi Pemerintah (LKjIP) {b.pd} Tahun {b.tahun} dapat "
        "diselesaikan.",
        _paragraf(
            "Laporan ini disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas dan "
            "fungsi serta penggunaan anggaran dalam mencapai tujuan dan sasaran yang ditetapkan "
            f"dalam {b.renstra} dan Perjanjian Kinerja Tahun {b.tahun}, sesuai Peraturan "
            "Presiden Nomor 29 Tahun 2014 dan Peraturan Menteri PANRB Nomor 53 Tahun 2014.",
            "Laporan ini sekaligus menjadi bahan evaluasi untuk meningkatkan kinerja pada "
            "tahun berikutnya.",
        ),
        "Kami menyampaikan terima kasih kepada semua pihak yang telah membantu penyusunan "
        "laporan ini. Kritik dan saran untuk perbaikan laporan ini kami terima dengan senang "
        "hati.",
    )


def ikhtisar_eksekutif(b: Bahan) -> str:
    r = b.paket.renstra
    tujuan = len(r.tujuan)
    sasaran = sum(len(tj.sasaran) for tj in r.tujuan)
    pembuka = (
        f"Laporan Kinerja Instansi Pemerintah {b.pd} Tahun {b.tahun} menyajikan capaian "
        f"{tujuan} tujuan dan {sasaran} sasaran strategis {b.renstra}, yang diukur dengan "
        f"indikator kinerja sesuai Perjanjian Kinerja Tahun {b.tahun}."
    )
    if b.hasil is None:
        return _teks(pembuka, f"Data kinerja tahun {b.tahun} belum lengkap.")
    _, tercapai, _ = _hitungan(b)
    bagian = [
        pembuka,
        _paragraf(_kalimat_capaian_umum(b), _kalimat_anggaran(b), _kalimat_efisiensi(b)),
    ]
    if tercapai:
        bagian.append(
            "Indikator yang mencapai target:\n"
            + _daftar([_ringkas(h, b.batas) + ";" for h in tercapai])
        )
    gap = _kesenjangan(b)
    if gap:
        bagian.append("Indikator yang belum mencapai target:\n" + _daftar(gap))
    bagian.append(
        "Rincian capaian, perbandingan dengan tahun sebelumnya dan dengan target akhir "
        "Renstra, serta efisiensi penggunaan anggaran disajikan pada BAB III."
    )
    return _teks(*bagian)


# --------------------------------------------------------------------------- BAB I


def latar_belakang(b: Bahan) -> str:
    pd = b.paket.perangkat_daerah
    lokasi = f" yang berkedudukan di {pd.alamat}" if pd.alamat else ""
    return _teks(
        _paragraf(
            f"{b.pd} merupakan perangkat daerah {b.pemda}{lokasi}.",
            "Sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
            "Instansi Pemerintah, setiap perangkat daerah menyusun laporan kinerja tahunan "
            "sebagai pertanggungjawaban atas kinerja yang diperjanjikan.",
        ),
        _paragraf(
            f"Laporan Kinerja Instansi Pemerintah {b.pd} Tahun {b.tahun} disusun berdasarkan "
            "Peraturan Menteri PANRB Nomor 53 Tahun 2014 dan memuat capaian kinerja atas "
            f"Perjanjian Kinerja Tahun {b.tahun}, yang merupakan penjabaran tahunan dari "
            f"{b.renstra}.",
            "Laporan ini menjadi sarana evaluasi dan bahan perbaikan perencanaan serta "
            "pelaksanaan program dan kegiatan pada tahun berikutnya.",
        ),
    )


# The duties of a camat (Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan, Pasal 10).
TUGAS_CAMAT = (
    "menyelenggarakan urusan pemerintahan umum;",
    "mengoordinasikan kegiatan pemberdayaan masyarakat;",
    "mengoordinasikan upaya penyelenggaraan ketenteraman dan ketertiban umum;",
    "mengoordinasikan penerapan dan penegakan peraturan daerah dan peraturan kepala daerah;",
    "mengoordinasikan pemeliharaan prasarana dan sarana pelayanan umum;",
    "mengoordinasikan penyelenggaraan kegiatan pemerintahan yang dilakukan oleh perangkat daerah "
    "di tingkat kecamatan;",
    "membina dan mengawasi penyelenggaraan kegiatan desa dan/atau kelurahan;",
    "melaksanakan urusan pemerintahan yang menjadi kewenangan daerah yang tidak dilaksanakan oleh "
    "unit kerja perangkat daerah yang ada di kecamatan; dan",
    "melaksanakan tugas lain sesuai dengan ketentuan peraturan perundang-undangan.",
)


def _jabatan_organisasi(b: Bahan) -> list[str]:
    """The positions of the organisation as the year's data name them (officials, cascaded PKs)."""
    jabatan: list[str] = []
    th = b.paket.cari_tahun(b.tahun)
    pd = b.paket.perangkat_daerah
    sumber = [p.jabatan for p in pd.pejabat]
    if th is not None:
        sumber += [x.jabatan for x in th.pk_berjenjang]
    for j in sumber:
        j = " ".join((j or "").split())
        if j and j.casefold() not in {x.casefold() for x in jabatan}:
            jabatan.append(j)
    return jabatan


def struktur_organisasi(b: Bahan) -> str:
    bagian = []
    if b.kecamatan:
        bagian.append(
            "Sesuai Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan, camat "
            "mempunyai tugas:\n" + "\n".join(f"{n}. {x}" for n, x in enumerate(TUGAS_CAMAT, 1))
        )
    else:
        bagian.append(
            f"{b.pd} melaksanakan urusan pemerintahan yang menjadi kewenangan {b.pemda} sesuai "
            "peraturan kepala daerah tentang kedudukan, susunan organisasi, tugas dan fungsi "
            "serta tata kerja perangkat daerah."
        )
    jabatan = _jabatan_organisasi(b)
    kepala = "Camat" if b.kecamatan else f"Kepala {b.pd}"
    if jabatan:
        bagian.append(
            f"Susunan organisasi {b.pd} dipimpin oleh {kepala} dan terdiri atas:\n"
            + _daftar([f"{j};" for j in jabatan])
        )
    else:
        bagian.append(
            f"{b.pd} dipimpin oleh {kepala} yang dalam melaksanakan tugasnya dibantu oleh "
            "sekretariat dan unit kerja di bawahnya."
        )
    return _teks(*bagian)


def sdm(b: Bahan) -> str:
    if not b.sdm:
        return ""
    kelompok = _nilai(b.sdm[0], "kelompok")
    baris = [r for r in b.sdm if _nilai(r, "kelompok") == kelompok]
    pns = sum(_nilai(r, "pns", 0) or 0 for r in baris)
    non = sum(_nilai(r, "non_pns", 0) or 0 for r in baris)
    return _paragraf(
        f"Pada akhir tahun {b.tahun} {b.pd} didukung oleh {format_angka_alami(pns + non)} "
        f"pegawai, terdiri atas {format_angka_alami(pns)} PNS dan {format_angka_alami(non)} "
        "non-PNS.",
        "Rincian pegawai disajikan pada tabel berikut.",
    )


def sarana_prasarana(b: Bahan) -> str:
    if not b.sarpras:
        return ""
    butir = []
    for r in b.sarpras:
        teks = f"{_nilai(r, 'uraian')}: {format_angka_alami(_nilai(r, 'jumlah', 0) or 0)}"
        if _nilai(r, "satuan"):
            teks += f" {_nilai(r, 'satuan')}"
        if _nilai(r, "kondisi"):
            teks += f", kondisi {str(_nilai(r, 'kondisi')).lower()}"
        butir.append(teks + ";")
    return _teks(
        f"Sarana dan prasarana yang mendukung pelaksanaan tugas {b.pd} pada tahun {b.tahun} "
        "meliputi:",
        _daftar(butir),
    )


def aspek_strategis(b: Bahan) -> str:
    r = b.paket.renstra
    butir = []
    for tj in r.tujuan:
        butir.append(f"Tujuan: {tj.uraian};")
        butir += [f"Sasaran: {s.uraian};" for s in tj.sasaran]
    bagian = [
        f"Aspek strategis {b.pd} adalah tujuan dan sasaran strategis {b.renstra}:",
        _daftar(butir) if butir else "",
    ]
    gap = _kesenjangan(b)
    if gap:
        bagian.append(
            f"Permasalahan utama yang dihadapi pada tahun {b.tahun} tampak pada indikator yang "
            "belum mencapai target:\n" + _daftar(gap)
        )
    elif b.dilaporkan():
        bagian.append(
            f"Seluruh target indikator tujuan dan sasaran tahun {b.tahun} tercapai; "
            "permasalahan utama ke depan adalah mempertahankan dan meningkatkan capaian tersebut "
            "menuju target akhir Renstra."
        )
    return _teks(*bagian)


def landasan_hukum(b: Bahan) -> str:
    r = b.paket.renstra
    daftar = [
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
        "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi "
        "Pemerintah;",
    ]
    if b.kecamatan:
        daftar.append("Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan;")
    daftar += [
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
        "Pemerintah;",
        "Peraturan Menteri PANRB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, "
        "Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah;",
        "Peraturan Menteri PANRB Nomor 88 Tahun 2021 tentang Evaluasi Akuntabilitas Kinerja "
        "Instansi Pemerintah;",
        f"Rencana Strategis {b.pd} Tahun {r.mulai}–{r.selesai};",
        f"Perjanjian Kinerja {b.pd} Tahun {b.tahun}.",
    ]
    return "\n".join(daftar)


def sistematika(b: Bahan) -> str:
    return _teks(
        f"Laporan Kinerja Instansi Pemerintah {b.pd} Tahun {b.tahun} disusun menurut "
        "Peraturan Menteri PANRB Nomor 53 Tahun 2014 dengan sistematika sebagai berikut:",
        _daftar(
            [
                "BAB I Pendahuluan: gambaran umum organisasi, aspek strategis dan permasalahan "
                "utama yang dihadapi.",
                "BAB II Perencanaan Kinerja: Rencana Strategis, Indikator Kinerja Utama, "
                f"Perjanjian Kinerja dan anggaran tahun {b.tahun}.",
                "BAB III Akuntabilitas Kinerja: capaian kinerja organisasi untuk setiap tujuan "
                "dan sasaran beserta analisisnya, realisasi anggaran dan efisiensi.",
                "BAB IV Penutup: kesimpulan, rekomendasi dan tindak lanjut.",
                "Lampiran: Perjanjian Kinerja dan daftar bukti dukung.",
            ]
        ),
    )


# --------------------------------------------------------------------------- BAB II, III


def perencanaan_kinerja(b: Bahan) -> str:
    th = b.paket.cari_tahun(b.tahun)
    pk = th.pk_berlaku() if th else None
    kal = (
        f"Perencanaan kinerja {b.pd} tahun {b.tahun} mengacu pada {b.renstra}, yang "
        "dijabarkan dalam Indikator Kinerja Utama, Perjanjian Kinerja dan Dokumen Pelaksanaan "
        "Anggaran tahun berjalan."
    )
    if pk is not None and pk.target:
        kal += f" Perjanjian Kinerja tahun {b.tahun} memuat {len(pk.target)} indikator kinerja."
    return kal


def _perubahan(h: HasilIndikator) -> str:
    if h.realisasi is None or h.realisasi_tahun_lalu is None:
        return ""
    return "realisasi " + kalimat_perubahan(
        baru=h.realisasi, lama=h.realisasi_tahun_lalu, tahun_lama=h.tahun_lalu
    )


def _butir_indikator(b: Bahan, h: HasilIndikator) -> str:
    teks = [_ringkas(h, b.batas)]
    if (ubah := _perubahan(h)) != "":
        teks.append(ubah)
    if h.tingkat_kemajuan is not None:
        teks.append(f"tingkat kemajuan terhadap target akhir Renstra {persen(h.tingkat_kemajuan)}")
    if h.tercapai is False and (sebab := b.catatan(h.kode)):
        teks.append(f"belum tercapai karena {'; '.join(sebab)}")
    return "; ".join(teks) + ";"


def capaian_kinerja(b: Bahan) -> str:
    semua = b.dilaporkan()
    if not semua:
        return ""
    return _teks(
        _paragraf(
            f"Pengukuran kinerja {b.pd} tahun {b.tahun} membandingkan realisasi dengan target "
            "setiap indikator tujuan dan sasaran.",
            _kalimat_capaian_umum(b),
        ),
        "Ringkasan capaian per indikator:\n" + _daftar([_butir_indikator(b, h) for h in semua]),
        "Analisis setiap indikator disajikan pada uraian berikut.",
    )


# --------------------------------------------------------------------------- BAB IV


def kesimpulan(b: Bahan) -> str:
    terukur, tercapai, gagal = _hitungan(b)
    if terukur and not gagal:
        umum = (
            f"Secara umum {b.pd} berhasil melaksanakan Perjanjian Kinerja tahun {b.tahun}: "
            "seluruh target indikator tujuan dan sasaran yang terukur tercapai."
        )
    elif terukur:
        umum = (
            f"Secara umum {b.pd} telah melaksanakan Perjanjian Kinerja tahun {b.tahun}; "
            f"{len(tercapai)} dari {len(terukur)} indikator tujuan dan sasaran yang terukur "
            "mencapai targetnya."
        )
    else:
        umum = f"Capaian kinerja {b.pd} tahun {b.tahun} belum dapat disimpulkan."
    bagian = [
        _paragraf(
            f"Laporan Kinerja Instansi Pemerintah {b.pd} Tahun {b.tahun} merupakan "
            f"pertanggungjawaban atas pencapaian tujuan dan sasaran {b.renstra}.",
            umum,
            _kalimat_efisiensi(b),
        )
    ]
    gap = _kesenjangan(b)
    if gap:
        bagian.append("Indikator yang belum mencapai target:\n" + _daftar(gap))
    return _teks(*bagian)


def rekomendasi(b: Bahan) -> str:
    _, _, gagal = _hitungan(b)
    butir = [
        f"meningkatkan capaian {h.nama} yang pada tahun {b.tahun} sebesar "
        f"{persen(h.capaian_skor, b.batas)} agar mencapai target;"
        for h in gagal
    ]
    butir += [
        "mempertahankan capaian indikator yang telah mencapai target dan meningkatkannya menuju "
        "target akhir Renstra;",
        "meningkatkan kualitas perencanaan kinerja dan anggaran agar selaras dengan sasaran "
        "strategis;",
        "melakukan pemantauan capaian kinerja setiap triwulan beserta bukti dukungnya;",
    ]
    if b.hasil is not None and b.hasil.temuan:
        butir.append("memperbaiki konsistensi data kinerja dan anggaran yang masih ditemukan;")
    return _teks(
        f"Langkah yang akan dilakukan {b.pd} untuk meningkatkan kinerja pada tahun berikutnya:",
        _daftar(butir),
    )


# Section key → draft function. Sections not listed (tindak_lanjut, realisasi_anggaran,
# whose figures BAB III writes itself) have no draft.
DRAF: dict[str, Callable[[Bahan], str]] = {
    "kata_pengantar": kata_pengantar,
    "ikhtisar_eksekutif": ikhtisar_eksekutif,
    "latar_belakang": latar_belakang,
    "struktur_organisasi": struktur_organisasi,
    "sdm": sdm,
    "sarana_prasarana": sarana_prasarana,
    "aspek_strategis": aspek_strategis,
    "landasan_hukum": landasan_hukum,
    "sistematika": sistematika,
    "perencanaan_kinerja": perencanaan_kinerja,
    "capaian_kinerja": capaian_kinerja,
    "kesimpulan": kesimpulan,
    "rekomendasi": rekomendasi,
}


def draf_bagian(b: Bahan, kunci: str) -> str:
    """The drafted text of section ``kunci`` ("" when it has no draft for these data)."""
    fungsi = DRAF.get(kunci)
    return fungsi(b).strip() if fungsi is not None else ""


def semua_draf(b: Bahan) -> dict[str, str]:
    """Every section's draft that says something."""
    return {k: teks for k in DRAF if (teks := draf_bagian(b, k))}
