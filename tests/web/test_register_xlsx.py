"""The indicator register of a Renstra through a workbook: texts, yearly targets and the
end target, previewed (downloaded → uploaded) and saved through the screens' writers,
all or nothing; conflicts and bad cells named."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client

from kinerja.models import Indikator, LogPerubahan, Renstra, TargetTahunan
from kinerja.services.register_riwayat import SHEET_RIWAYAT
from kinerja.services.register_xlsx import BARIS_KEPALA, SHEET

pytestmark = pytest.mark.django_db


@pytest.fixture
def renstra(demo) -> Renstra:
    return Renstra.objects.filter(perangkat_daerah=demo["a"]).order_by("mulai").first()


@pytest.fixture
def op(operator_a) -> Client:
    c = Client()
    c.force_login(operator_a)
    return c


def _url(r: Renstra, akhir: str) -> str:
    return f"/pd/33.16.05/renstra/{r.mulai}/{akhir}"


def _unduh(c: Client, r: Renstra):
    x = c.get(_url(r, "register.xlsx"))
    assert x.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(x.content))


def _unggah(c: Client, r: Renstra, wb, langkah="unggah"):
    out = io.BytesIO()
    wb.save(out)
    f = io.BytesIO(out.getvalue())
    f.name = "register.xlsx"
    return c.post(_url(r, "register/impor/"), {"langkah": langkah, "berkas": f})


def _sel(ws, kode: str, judul: str):
    kolom = next(c.column for c in ws[BARIS_KEPALA] if c.value == judul)
    baris = next(r[0].row for r in ws.iter_rows(min_row=BARIS_KEPALA + 1) if r[0].value == kode)
    return ws.cell(baris, kolom)


def test_a_target_of_a_renstra_in_use_needs_an_open_revision(op, renstra):
    wb = _unduh(op, renstra)
    _sel(wb[SHEET], "IKS-1", f"Target {renstra.selesai}").value = 97.5
    r = _unggah(op, renstra, wb)
    assert r.status_code == 400 and "revisi Renstra" in r.content.decode()


def test_texts_and_a_target_are_previewed_then_saved_with_the_audit_trail(op, renstra, operator_a):
    import datetime

    from kinerja.services.renstra import revisi_buka

    revisi_buka(
        renstra=renstra, pengguna=operator_a, tanggal=datetime.date(2024, 6, 1), alasan="uji"
    )
    wb = _unduh(op, renstra)
    ws = wb[SHEET]
    ind = Indikator.objects.get(renstra=renstra, kode="IKS-1")
    tahun = renstra.selesai
    _sel(ws, "IKS-1", "Formulasi").value = "Jumlah layanan sesuai SOP ÷ jumlah layanan × 100"
    _sel(ws, "IKS-1", f"Target {tahun}").value = 97.5
    r = _unggah(op, renstra, wb)
    assert r.status_code == 200, r.content.decode()[-2000:]
    html = r.content.decode()
    assert "Pratinjau: 1 indikator akan diubah" in html and "97,5" in html
    assert (
        Indikator.objects.get(pk=ind.pk).formulasi
        != "Jumlah layanan sesuai SOP ÷ jumlah layanan × 100"
    )
    s = op.post(
        _url(renstra, "register/impor/"), {"langkah": "simpan", "token": r.context["token"]}
    )
    assert s.status_code == 302
    ind.refresh_from_db()
    assert ind.formulasi == "Jumlah layanan sesuai SOP ÷ jumlah layanan × 100"
    assert TargetTahunan.objects.get(indikator=ind, tahun=tahun).nilai == 97.5
    assert LogPerubahan.objects.filter(aksi="indikator.ubah", objek_id=ind.pk).exists()


def test_a_bad_target_and_an_incomplete_new_indicator_are_named_and_nothing_saved(op, renstra):
    wb = _unduh(op, renstra)
    ws = wb[SHEET]
    sel = _sel(ws, "IKS-1", f"Target {renstra.selesai}")
    sel.value = "sembilan puluh"
    baru = ws.max_row + 1
    ws.cell(baru, 1, "XYZ-9")
    ws.cell(baru, 2, "Indikator baru")
    r = _unggah(op, renstra, wb)
    assert r.status_code == 400
    html = r.content.decode()
    assert f"baris {sel.row}, kolom {sel.column_letter}" in html
    # A new code is a new indicator: its satuan, induk, polaritas and tipe are missing.
    assert f"baris {baru}, kolom C" in html and "satuan indikator baru wajib diisi" in html
    assert "isi induk indikator baru" in html and "polaritas: Positif atau Negatif" in html
    assert not LogPerubahan.objects.filter(
        aksi__in=["indikator.ubah", "target_tahunan.ubah"]
    ).exists()


def test_a_change_made_on_screen_after_the_download_is_a_conflict(op, renstra):
    wb = _unduh(op, renstra)
    _sel(wb[SHEET], "IKS-1", "Sumber data").value = "Dari Excel"
    Indikator.objects.filter(renstra=renstra, kode="IKS-1").update(sumber_data="Dari layar")
    r = _unggah(op, renstra, wb)
    assert r.status_code == 400 and "IKS-1" in r.content.decode()
    assert Indikator.objects.get(renstra=renstra, kode="IKS-1").sumber_data == "Dari layar"


def test_another_workbook_is_refused(op, renstra):
    polos = openpyxl.Workbook()
    r = _unggah(op, renstra, polos)
    assert r.status_code == 400 and "bukan unduhan register indikator" in r.content.decode()


def test_readers_download_but_cannot_import(kepala_a, renstra):
    c = Client()
    c.force_login(kepala_a)
    wb = _unduh(c, renstra)
    assert _unggah(c, renstra, wb).status_code == 403
    assert "register-impor" not in c.get("/pd/33.16.05/renstra/").content.decode()


# --------------------------------------------------------------------------- new indicators


def _revisi(renstra, pengguna):
    import datetime

    from kinerja.services.renstra import revisi_buka

    revisi_buka(renstra=renstra, pengguna=pengguna, tanggal=datetime.date(2024, 6, 1), alasan="uji")


def _induk(renstra) -> str:
    """The code of a sasaran of the Renstra used by no other level."""
    from kinerja.models import Program, Sasaran, Tujuan

    lain = {t.kode for t in Tujuan.objects.filter(renstra=renstra)} | {
        p.kode for p in Program.objects.filter(renstra=renstra)
    }
    return next(
        s.kode for s in Sasaran.objects.filter(tujuan__renstra=renstra) if s.kode not in lain
    )


def _baris_baru(ws, renstra, kode: str, **isi) -> int:
    judul = {c.value: c.column for c in ws[BARIS_KEPALA]}
    r = ws.max_row + 1
    nilai = {
        "Kode": kode,
        "Nama indikator": "Persentase desa dengan layanan daring",
        "Satuan": "%",
        "Induk (kode tujuan, sasaran atau program)": _induk(renstra),
        "Polaritas": "Positif",
        "Tipe penghitungan": "Nilai akhir",
        "Formulasi": "Desa berlayanan daring ÷ jumlah desa × 100",
        f"Target {renstra.selesai}": 60,
    } | isi
    for j, v in nilai.items():
        ws.cell(r, judul[j], v)
    return r


def test_a_new_indicator_is_previewed_as_new_then_created_with_its_targets(op, renstra, operator_a):
    from kinerja.models import Sasaran

    _revisi(renstra, operator_a)
    wb = _unduh(op, renstra)
    ws = wb[SHEET]
    # The protected sheet lets a row be written below the indicators, not their codes.
    assert ws.protection.sheet and ws.column_dimensions["A"].protection.locked is False
    assert ws.cell(BARIS_KEPALA + 1, 1).protection.locked is True
    _baris_baru(ws, renstra, "IKS-BARU")
    r = _unggah(op, renstra, wb)
    assert r.status_code == 200, r.content.decode()[-2000:]
    html = r.content.decode()
    assert "IKS-BARU" in html and "(baru)" in html and "1 di antaranya baru" in html
    assert not Indikator.objects.filter(renstra=renstra, kode="IKS-BARU").exists()

    s = op.post(
        _url(renstra, "register/impor/"), {"langkah": "simpan", "token": r.context["token"]}
    )
    assert s.status_code == 302
    ind = Indikator.objects.get(renstra=renstra, kode="IKS-BARU")
    assert ind.sasaran == Sasaran.objects.get(tujuan__renstra=renstra, kode=_induk(renstra))
    assert (ind.satuan, ind.polaritas, ind.tipe_penghitungan) == ("%", "positif", "nilai-akhir")
    assert ind.formulasi == "Desa berlayanan daring ÷ jumlah desa × 100"
    assert ind.urutan > max(
        Indikator.objects.filter(renstra=renstra)
        .exclude(pk=ind.pk)
        .values_list("urutan", flat=True)
    )
    assert TargetTahunan.objects.get(indikator=ind, tahun=renstra.selesai).nilai == 60
    aksi = list(
        LogPerubahan.objects.filter(objek_id__in=[ind.pk, *ind.target_tahunan.values_list(
            "pk", flat=True)]).order_by("pk").values_list("aksi", flat=True)
    )  # fmt: skip
    assert aksi == ["indikator.buat", "indikator.ubah", "target_tahunan.ubah"]
    buat = LogPerubahan.objects.get(aksi="indikator.buat", objek_id=ind.pk)
    assert buat.data["baru"]["induk"] == _induk(renstra) and "revisi_renstra" in buat.data


def test_a_new_indicator_needs_an_open_revision_of_a_renstra_in_use(op, renstra):
    wb = _unduh(op, renstra)
    r0 = _baris_baru(wb[SHEET], renstra, "IKS-BARU")
    r = _unggah(op, renstra, wb)
    assert r.status_code == 400
    html = r.content.decode()
    assert f"baris {r0} (IKS-BARU)" in html and "revisi Renstra" in html
    assert not Indikator.objects.filter(renstra=renstra, kode="IKS-BARU").exists()


def test_a_new_indicator_with_a_target_in_a_locked_year_is_refused_and_nothing_saved(
    op, renstra, operator_a
):
    from kinerja.models import Tahun

    _revisi(renstra, operator_a)
    Tahun.objects.update_or_create(
        perangkat_daerah=renstra.perangkat_daerah, tahun=2024, defaults={"terkunci": True}
    )
    wb = _unduh(op, renstra)
    ws = wb[SHEET]
    _sel(ws, "IKS-1", "Formulasi").value = "Berubah dari berkas"
    r0 = _baris_baru(ws, renstra, "IKS-BARU", **{"Target 2024": 55})
    r = _unggah(op, renstra, wb)
    assert r.status_code == 400
    html = r.content.decode()
    assert f"baris {r0} (IKS-BARU)" in html and "sudah terkunci" in html
    assert not Indikator.objects.filter(renstra=renstra, kode="IKS-BARU").exists()
    assert Indikator.objects.get(renstra=renstra, kode="IKS-1").formulasi != "Berubah dari berkas"


def test_induk_and_polaritas_of_an_existing_indicator_are_not_changed_by_the_file(op, renstra):
    wb = _unduh(op, renstra)
    sel = _sel(wb[SHEET], "IKS-1", "Polaritas")
    sel.value = "Negatif"
    r = _unggah(op, renstra, wb)
    assert r.status_code == 400
    assert f"baris {sel.row}, kolom {sel.column_letter}" in r.content.decode()


def test_a_code_twice_in_the_file_is_refused(op, renstra):
    wb = _unduh(op, renstra)
    ws = wb[SHEET]
    r1 = _baris_baru(ws, renstra, "IKS-BARU")
    r2 = _baris_baru(ws, renstra, "IKS-BARU")
    r = _unggah(op, renstra, wb)
    assert r.status_code == 400
    assert f"baris {r2}, kolom A" in r.content.decode()
    assert f"sudah ada di baris {r1}" in r.content.decode()


# --------------------------------------------------------------------------- the bulk save


def test_the_bulk_save_gives_the_rows_and_audit_entries_of_one_save_per_indicator(
    renstra, operator_a
):
    """The register's save (all at once) against the screens' writers called per row."""
    from django.db import transaction

    from kinerja.engine.angka import Nilai
    from kinerja.services.perencanaan.common import teks_nilai
    from kinerja.services.perencanaan.indikator import (
        indikator_ubah,
        kanon_indikator,
        target_tahunan_simpan,
    )
    from kinerja.services.register_xlsx import BarisRegister, register_simpan

    _revisi(renstra, operator_a)
    daftar = list(Indikator.objects.filter(renstra=renstra).order_by("urutan", "pk"))[:6]
    ada = {(t.indikator_id, t.tahun): t for t in TargetTahunan.objects.filter(indikator__in=daftar)}

    def baris() -> list[BarisRegister]:
        hasil = []
        for n, ind in enumerate(daftar):
            b = BarisRegister(Indikator.objects.get(pk=ind.pk), 5 + n)
            b.data = {"formulasi": f"Formulasi baru {n}", "sumber_data": f"Sumber {n}"}
            b.asal = {"formulasi": ind.formulasi, "sumber_data": ind.sumber_data}
            if n % 2:
                b.data["target_akhir"] = Nilai(90 + n)
                b.asal["target_akhir"] = kanon_indikator(ind)["target_akhir"]
            for tahun in (renstra.mulai, renstra.selesai):
                row = ada.get((ind.pk, tahun))
                b.asal_target[tahun] = teks_nilai(row.nilai, row.label) if row else ""
                # changed, cleared (when stored) or added
                b.target[tahun] = None if (row and n == 2) else Nilai(70 + n + tahun % 3)
            hasil.append(b)
        return hasil

    def keadaan(awal: int):
        ind = [
            (i.kode, i.formulasi, i.sumber_data, i.target_akhir, i.target_akhir_label)
            for i in Indikator.objects.filter(pk__in=[x.pk for x in daftar]).order_by("pk")
        ]
        target = sorted(
            (t.indikator_id, t.tahun, t.nilai, t.label)
            for t in TargetTahunan.objects.filter(indikator__in=daftar)
        )
        nama_target = {
            t.pk: (t.indikator_id, t.tahun)
            for t in TargetTahunan.objects.filter(indikator__in=daftar)
        }
        log = [
            (
                x.aksi,
                x.objek,
                x.objek_tipe,
                nama_target.get(x.objek_id, x.objek_id) if "target" in x.aksi else x.objek_id,
                x.tahun,
                x.data,
                x.pengguna_id,
            )
            for x in LogPerubahan.objects.filter(pk__gt=awal).order_by("pk")
        ]
        return ind, target, log

    class _Batal(Exception):
        pass

    awal = LogPerubahan.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    per_baris = None
    try:
        with transaction.atomic():
            for b in baris():
                indikator_ubah(indikator=b.indikator, pengguna=operator_a, data=b.data, asal=b.asal)
                target_tahunan_simpan(
                    indikator=b.indikator, pengguna=operator_a, target=b.target, asal=b.asal_target
                )
            per_baris = keadaan(awal)
            raise _Batal
    except _Batal:
        pass
    assert register_simpan(baris(), operator_a) == len(daftar)
    sekaligus = keadaan(awal)
    assert per_baris[2], "the row-by-row save wrote audit entries"
    assert sekaligus == per_baris


def test_the_identity_longer_than_a_cell_travels_in_pieces(op, renstra, operator_a):
    """Excel keeps at most 32,767 characters per cell (openpyxl cuts a longer text when it
    reads it): a big Renstra's identity is split over several cells and joined back."""
    from kinerja.services import register_xlsx

    semua = Indikator.objects.filter(renstra=renstra)
    semua.update(definisi_operasional="Definisi yang panjang. " * (40000 // 23 // semua.count()))
    _revisi(renstra, operator_a)
    wb = _unduh(op, renstra)
    assert wb[register_xlsx.SHEET_ASAL].max_row > 3
    _sel(wb[SHEET], "IKS-1", "Sumber data").value = "BPS kabupaten"
    r = _unggah(op, renstra, wb)
    assert r.status_code == 200, r.content.decode()[-2000:]
    assert "Pratinjau: 1 indikator akan diubah" in r.content.decode()


def test_a_yearly_target_typed_as_a_range_in_the_workbook(op, renstra, operator_a):
    import datetime

    from kinerja.services.renstra import revisi_buka

    revisi_buka(
        renstra=renstra, pengguna=operator_a, tanggal=datetime.date(2024, 6, 1), alasan="uji"
    )
    wb = _unduh(op, renstra)
    tahun = renstra.selesai
    _sel(wb[SHEET], "IKS-1", f"Target {tahun}").value = "95 s.d. 97"
    r = _unggah(op, renstra, wb)
    assert r.status_code == 200 and "95 – 97" in r.content.decode()
    s = op.post(
        _url(renstra, "register/impor/"), {"langkah": "simpan", "token": r.context["token"]}
    )
    assert s.status_code == 302
    row = TargetTahunan.objects.get(
        indikator__renstra=renstra, indikator__kode="IKS-1", tahun=tahun
    )
    assert (row.nilai, row.nilai_atas, row.label) == (95, 97, "95 – 97")
    # Downloaded again, the range reads back unchanged: nothing to import.
    assert _sel(_unduh(op, renstra)[SHEET], "IKS-1", f"Target {tahun}").value == "95 – 97"


def test_the_bulk_audit_rows_keep_every_character_in_their_order(renstra, operator_a):
    """catat_perubahan_banyak (COPY on PostgreSQL): tabs, newlines, backslashes, quotes,
    non-ASCII text and empty values come back as written, ids in the order given."""
    from kinerja.audit import catat_perubahan_banyak

    pd = renstra.perangkat_daerah
    ind = Indikator.objects.filter(renstra=renstra).first()
    aneh = 'a\tb\nc\r\\N \\ "kutip" ÷ – é 𝄞'
    entri = [
        dict(pengguna=operator_a, perangkat_daerah=pd, aksi="uji.satu", objek=ind,
             uraian=aneh, tahun=2025, lama=aneh, baru=None, data={"x": [1, "\\t"]}),
        dict(pengguna=None, perangkat_daerah=None, aksi="uji.dua", uraian="", lama="",
             baru="baru\n"),
    ]  # fmt: skip
    awal = LogPerubahan.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    catat_perubahan_banyak(entri)
    rows = list(LogPerubahan.objects.filter(pk__gt=awal).order_by("pk"))
    assert [
        (r.aksi, r.objek, r.objek_tipe, r.objek_id, r.tahun, r.data, r.pengguna_id,
         r.perangkat_daerah_id)
        for r in rows
    ] == [
        ("uji.satu", aneh, "kinerja.indikator", ind.pk, 2025,
         {"x": [1, "\\t"], "lama": aneh, "baru": None}, operator_a.pk, pd.pk),
        ("uji.dua", "", "", None, None, {"lama": "", "baru": "baru\n"}, None, None),
    ]  # fmt: skip
    assert rows[0].waktu is not None


def test_an_end_target_typed_as_a_range_in_the_workbook(op, renstra, operator_a):
    _revisi(renstra, operator_a)
    wb = _unduh(op, renstra)
    _sel(wb[SHEET], "IKS-1", "Target akhir Renstra").value = "98 s.d. 99"
    r = _unggah(op, renstra, wb)
    assert r.status_code == 200 and "98 – 99" in r.content.decode()
    s = op.post(
        _url(renstra, "register/impor/"), {"langkah": "simpan", "token": r.context["token"]}
    )
    assert s.status_code == 302
    ind = Indikator.objects.get(renstra=renstra, kode="IKS-1")
    assert (ind.target_akhir, ind.target_akhir_atas, ind.target_akhir_label) == (98, 99, "98 – 99")
    wb = _unduh(op, renstra)
    assert _sel(wb[SHEET], "IKS-1", "Target akhir Renstra").value == "98 – 99"
    _sel(wb[SHEET], "IKS-1", "Target akhir Renstra").value = "99 – 98"
    r = _unggah(op, renstra, wb)
    assert r.status_code == 400 and "batas bawah harus lebih kecil" in r.content.decode()


# --------------------------------------------------------------------------- made-up codes


def test_an_indicator_of_a_program_without_code_shows_its_name_and_reads_back(
    op, renstra, operator_a
):
    """A program the report gave no code (its code made up, "X.01"): the Induk cell names
    it "<name> (tanpa kode)"; the row reads back unchanged, a new indicator may name it so."""
    from kinerja.models import Program
    from kinerja.services.register_xlsx import JUDUL_INDUK

    program = Program.objects.get(renstra=renstra, kode="7.01.06")
    Program.objects.filter(pk=program.pk).update(kode="X.01", kode_buatan=True)
    nama = f"{' '.join(program.nama.split())} (tanpa kode)"
    _revisi(renstra, operator_a)
    wb = _unduh(op, renstra)
    ws = wb[SHEET]
    assert _sel(ws, "IKP-7.01.06-1", JUDUL_INDUK).value == nama
    _sel(ws, "IKP-7.01.06-1", "Sumber data").value = "Laporan kecamatan"
    r0 = _baris_baru(ws, renstra, "IKP-X.01-2", **{JUDUL_INDUK: nama})
    r = _unggah(op, renstra, wb)
    assert r.status_code == 200, r.content.decode()[-2000:]
    assert "Pratinjau: 2 indikator akan diubah (1 di antaranya baru)" in r.content.decode()
    s = op.post(
        _url(renstra, "register/impor/"), {"langkah": "simpan", "token": r.context["token"]}
    )
    assert s.status_code == 302
    assert Indikator.objects.get(renstra=renstra, kode="IKP-X.01-2").program_id == program.pk
    assert Indikator.objects.get(renstra=renstra, kode="IKP-7.01.06-1").sumber_data == (
        "Laporan kecamatan"
    )
    # The made-up code in the cell names the same program: no change, no error.
    wb = _unduh(op, renstra)
    assert ws.cell(r0, 1).value == "IKP-X.01-2"
    _sel(wb[SHEET], "IKP-7.01.06-1", JUDUL_INDUK).value = "X.01"
    _sel(wb[SHEET], "IKP-X.01-2", "Sumber data").value = "Dari berkas"
    r = _unggah(op, renstra, wb)
    assert r.status_code == 200 and "Pratinjau: 1 indikator akan diubah" in r.content.decode()
    # Another program named there is still refused.
    _sel(wb[SHEET], "IKP-7.01.06-1", JUDUL_INDUK).value = "7.01.05"
    assert _unggah(op, renstra, wb).status_code == 400


# --------------------------------------------------------------------------- earlier years


def _riwayat(ws) -> dict[tuple[str, int], list]:
    return {
        (r[0].value, r[2].value): [c.value for c in r[3:6]]
        for r in ws.iter_rows(min_row=BARIS_KEPALA + 1)
        if r[0].value
    }


def _tulis_riwayat(ws, *baris) -> None:
    for isi in baris:
        r = ws.max_row + 1
        for k, v in enumerate(isi, start=1):
            ws.cell(r, k, v)


def test_earlier_years_are_downloaded_edited_previewed_and_saved(op, renstra, operator_a):
    from kinerja.models import RiwayatIndikator

    wb = _unduh(op, renstra)
    ws = wb[SHEET_RIWAYAT]
    semula = _riwayat(ws)
    assert semula[("IKT-1", 2022)] == ["85", "86,12", None]
    assert ws.protection.sheet and ws.cell(BARIS_KEPALA + 1, 1).protection.locked
    # 2021 given only as the capaian the report printed, 2020 with a range target;
    # IKT-1 2023's realisasi corrected, IKS-2 2022 emptied (removed).
    _tulis_riwayat(ws, ("IKT-1", None, 2021, None, None, "98,50"),
                   ("IKT-2", None, 2020, "60 s.d. 70", 65, None))  # fmt: skip
    for r in ws.iter_rows(min_row=BARIS_KEPALA + 1):
        if (r[0].value, r[2].value) == ("IKT-1", 2023):
            r[4].value = "88,3"
        if (r[0].value, r[2].value) == ("IKS-2", 2022):
            r[3].value = r[4].value = r[5].value = None
    r = _unggah(op, renstra, wb)
    assert r.status_code == 200, r.content.decode()[-3000:]
    html = r.content.decode()
    assert "Pratinjau: 3 indikator akan diubah" in html
    assert "Tahun 2021: capaian dilaporkan (%)" in html and "98,50" in html
    assert "60 – 70" in html and "88,21" in html and "88,3" in html
    assert not RiwayatIndikator.objects.filter(tahun__in=[2020, 2021]).exists()
    s = op.post(
        _url(renstra, "register/impor/"), {"langkah": "simpan", "token": r.context["token"]}
    )
    assert s.status_code == 302
    rw = RiwayatIndikator.objects.filter(indikator__renstra=renstra)
    lama = rw.get(indikator__kode="IKT-1", tahun=2021)
    assert (lama.target, lama.realisasi, lama.capaian) == (None, None, "98.50")
    rentang = rw.get(indikator__kode="IKT-2", tahun=2020)
    assert (rentang.target, rentang.target_atas, rentang.target_label) == (60, 70, "60 – 70")
    assert rw.get(indikator__kode="IKT-1", tahun=2023).realisasi == Decimal("88.3")
    assert not rw.filter(indikator__kode="IKS-2", tahun=2022).exists()
    aksi = sorted(LogPerubahan.objects.filter(aksi__startswith="riwayat_indikator.")
                  .values_list("aksi", flat=True))  # fmt: skip
    assert aksi == ["riwayat_indikator.buat"] * 2 + [
        "riwayat_indikator.hapus",
        "riwayat_indikator.ubah",
    ]
    # Downloaded again, the sheet reads back unchanged.
    wb = _unduh(op, renstra)
    assert _riwayat(wb[SHEET_RIWAYAT])[("IKT-1", 2021)] == [None, None, "98,50"]
    r = _unggah(op, renstra, wb)
    assert r.status_code == 200 and "tidak mengubah apa pun" in r.content.decode()


def test_bad_earlier_years_are_named_and_nothing_saved(op, renstra):
    from kinerja.models import RiwayatIndikator

    jumlah = RiwayatIndikator.objects.count()
    wb = _unduh(op, renstra)
    ws = wb[SHEET_RIWAYAT]
    awal = ws.max_row
    _tulis_riwayat(
        ws,
        ("IKT-1", None, 2019, "70 – 60", None, None),
        ("XYZ-9", None, 2019, 5, None, None),
        ("IKT-1", None, "dulu", 5, None, None),
        ("IKT-1", None, 2018, None, None, "tinggi"),
    )
    r = _unggah(op, renstra, wb)
    assert r.status_code == 400
    html = r.content.decode()
    assert f"lembar “{SHEET_RIWAYAT}”, baris {awal + 1}, kolom D" in html
    assert f"lembar “{SHEET_RIWAYAT}”, baris {awal + 3}, kolom C" in html
    assert f"lembar “{SHEET_RIWAYAT}”, baris {awal + 4}, kolom F" in html
    assert "batas bawah harus lebih kecil dari batas atas" in html
    assert "indikator XYZ-9 tidak ada di register" in html
    assert "tahun ditulis empat angka" in html and "tinggi" in html
    assert RiwayatIndikator.objects.count() == jumlah


def test_a_year_opened_here_or_used_by_a_signed_year_is_refused(op, renstra):
    from kinerja.models import RiwayatIndikator, Tahun

    pd = renstra.perangkat_daerah
    awal = Tahun.objects.filter(perangkat_daerah=pd).order_by("tahun").first().tahun
    wb = _unduh(op, renstra)
    _tulis_riwayat(wb[SHEET_RIWAYAT], ("IKT-1", None, awal, 80, 81, None))
    r = _unggah(op, renstra, wb)
    assert r.status_code == 400 and f"tahun {awal} sudah dibuka di aplikasi" in r.content.decode()
    Tahun.objects.filter(perangkat_daerah=pd, tahun=awal).update(terkunci=True)
    wb = _unduh(op, renstra)
    _tulis_riwayat(wb[SHEET_RIWAYAT], ("IKT-1", None, 2019, None, None, "97"))
    r = _unggah(op, renstra, wb)
    assert r.status_code == 400
    assert f"tahun {awal} sudah ditetapkan dan memuat data tahun 2019" in r.content.decode()
    assert not RiwayatIndikator.objects.filter(indikator__renstra=renstra, tahun=2019).exists()


def test_an_earlier_year_changed_after_the_download_is_a_conflict(op, renstra):
    from kinerja.models import RiwayatIndikator

    wb = _unduh(op, renstra)
    ws = wb[SHEET_RIWAYAT]
    for r in ws.iter_rows(min_row=BARIS_KEPALA + 1):
        if (r[0].value, r[2].value) == ("IKT-1", 2022):
            r[4].value = "90"
    rw = RiwayatIndikator.objects.filter(indikator__renstra=renstra, indikator__kode="IKT-1")
    rw.filter(tahun=2022).update(realisasi=87)
    r = _unggah(op, renstra, wb)
    assert r.status_code == 400
    assert "tahun 2022 indikator IKT-1 diubah setelah berkas ini diunduh" in r.content.decode()
    assert rw.get(tahun=2022).realisasi == 87
