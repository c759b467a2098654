"""impor_paket refuses what it cannot hold: repeated entries, oversized files, a signed year."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from anggaran.models import Pagu
from kinerja.models import Indikator, LogPerubahan, Pemda, PerangkatDaerah, Realisasi
from kinerja.paket import parser
from kinerja.paket.parser import InvalidPaket, baca_paket, muat_json
from kinerja.paket.serializer import dumps
from laporan.models import LKjIP, SnapshotLKjIP
from laporan.services.alur import lkjip_buka_kembali

ROOT = Path(__file__).resolve().parents[2]
RANDUBLATUNG = ROOT / "fixtures" / "randublatung-2024.json"


def _data() -> dict:
    return json.loads(RANDUBLATUNG.read_text())


def _errors(teks: str | bytes) -> dict[str, str]:
    with pytest.raises(InvalidPaket) as e:
        baca_paket(muat_json(teks))
    return {g.path: g.pesan for g in e.value.errors}


def _isi_db() -> dict:
    return {
        "pemda": Pemda.objects.count(),
        "pd": PerangkatDaerah.objects.count(),
        "indikator": Indikator.objects.count(),
        "realisasi": Realisasi.objects.count(),
        "pagu": Pagu.objects.count(),
        "log": LogPerubahan.objects.count(),
        "lkjip": list(LKjIP.objects.values_list("tahun", "status")),
    }


def _impor(berkas: Path) -> str:
    """Run the command on a file expected to be refused; what it wrote on stderr."""
    err = StringIO()
    with pytest.raises(CommandError, match="tidak ada data yang disimpan") as e:
        call_command("impor_paket", str(berkas), stdout=StringIO(), stderr=err)
    assert e.value.returncode == 1
    return err.getvalue()


# ------------------------------------------------------------------ duplicates


def test_an_entry_repeated_in_a_list_is_refused_with_both_paths():
    data = _data()
    angka = data["tahun"][0]["angka_dilaporkan"]
    angka.append(dict(angka[3]))
    n = len(angka) - 1
    errors = _errors(dumps(data))
    assert errors == {
        f"$.tahun[0].angka_dilaporkan[{n}]": "sama dengan angka_dilaporkan[3]; hapus salah satunya"
    }


def test_the_same_natural_key_twice_is_refused_even_with_other_values():
    data = _data()
    skm = data["tahun"][0]["skm"]
    kedua = dict(skm[0], responden=skm[0]["responden"] + 1)
    skm.append(kedua)
    errors = _errors(dumps(data))
    path = f"$.tahun[0].skm[{len(skm) - 1}]"
    assert list(errors) == [path]
    assert errors[path].startswith("skm[0] sudah memuat indikator")


def test_a_key_written_twice_in_an_object_is_refused():
    """Two realisasi of one indicator in one year: JSON would silently keep the last."""
    teks = RANDUBLATUNG.read_text()
    asli = '"realisasi": {'
    assert teks.count(asli) == 1
    teks = teks.replace(asli, asli + '"IKS-1": [1, 2, 3, 4], ', 1)
    errors = _errors(teks)
    assert errors == {
        '$.tahun[0].realisasi["IKS-1"]': "kunci 'IKS-1' ditulis lebih dari sekali dalam objek ini"
    }


def test_equal_quarters_and_repeated_notes_are_not_duplicates():
    data = _data()
    th = data["tahun"][0]
    kode = next(iter(th["realisasi"]))
    th["realisasi"][kode] = [5, 5, 5, 5]
    th["catatan_realisasi"][kode] = ["Sesuai jadwal.", "Sesuai jadwal.", None, None]
    baca_paket(muat_json(dumps(data)))


def test_a_million_duplicates_are_refused_quickly_without_touching_the_database(
    tmp_path, django_db_blocker
):
    """The reported file: 1,000,000 copies of one angka_dilaporkan entry (about 70 MB)."""
    data = _data()
    satu = json.dumps(data["tahun"][0]["angka_dilaporkan"][0])
    teks = dumps(data).replace(
        '"angka_dilaporkan": [', '"angka_dilaporkan": [' + (satu + ",") * 1_000_000, 1
    )
    berkas = tmp_path / "besar.json"
    berkas.write_text(teks)
    with django_db_blocker.block():  # refused before any query
        err = _impor(berkas)
    assert "paket terlalu besar: lebih dari 5 MB" in err and "Traceback" not in err


def test_too_many_entries_are_refused_before_reading_them_all(monkeypatch):
    monkeypatch.setattr(parser, "ISIAN_MAKS", 100)
    errors = _errors(RANDUBLATUNG.read_bytes())
    assert errors == {"$": "paket terlalu besar: lebih dari 100 isian daftar"}


def test_the_demo_packages_are_within_the_limits():
    for berkas in (ROOT / "fixtures").glob("*.json"):
        assert berkas.stat().st_size < parser.UKURAN_MAKS / 10
        baca_paket(muat_json(berkas.read_bytes()))


@pytest.mark.django_db
def test_a_refused_duplicate_exits_non_zero_and_changes_nothing(tmp_path):
    call_command("impor_paket", str(RANDUBLATUNG), stdout=StringIO())
    sebelum = _isi_db()
    data = _data()
    data["tahun"][0]["angka_dilaporkan"].append(data["tahun"][0]["angka_dilaporkan"][0])
    berkas = tmp_path / "ganda.json"
    berkas.write_text(dumps(data))
    err = _impor(berkas)
    assert "angka_dilaporkan[0]" in err
    assert _isi_db() == sebelum


# ------------------------------------------------------------------ signed year


@pytest.fixture
def ditetapkan(db, tmp_path, settings):
    """Randublatung imported, its 2024 LKjIP signed (a stored signed document)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("impor_paket", str(RANDUBLATUNG), stdout=StringIO())
    lkjip = LKjIP.objects.get(perangkat_daerah__kode="33.16.05", tahun=2024)
    SnapshotLKjIP.objects.create(
        lkjip=lkjip,
        versi=1,
        berkas=ContentFile(b"%PDF-1.7 uji", name="lkjip.pdf"),
        sha256="a" * 64,
        kode_isi="b" * 64,
        ditetapkan_pada=timezone.now(),
        nama_penandatangan="Camat",
        jabatan_penandatangan="Camat Randublatung",
    )
    lkjip.status = LKjIP.Status.DITETAPKAN
    lkjip.save()
    return lkjip


def test_importing_over_a_signed_year_says_to_reopen_it_first(ditetapkan):
    sebelum = _isi_db()
    err = _impor(RANDUBLATUNG)
    assert "Traceback" not in err and "ProtectedError" not in err
    assert "LKjIP Kecamatan Randublatung tahun 2024 sudah ditetapkan" in err
    assert "kepala perangkat daerah atau admin pemda membuka kembali" in err
    assert _isi_db() == sebelum


def test_after_reopening_the_import_replaces_the_data_and_keeps_the_signed_document(
    ditetapkan, django_user_model
):
    kepala = django_user_model.objects.create_user("kepala", password="sandi-uji-123")
    lkjip_buka_kembali(lkjip=ditetapkan, pengguna=kepala, alasan="Data realisasi diperbaiki.")
    data = _data()
    kode = next(iter(data["tahun"][0]["realisasi"]))
    data["tahun"][0]["realisasi"][kode] = [1, 2, 3, 4]
    berkas = Path(ditetapkan.snapshot.get().berkas.path).parent / "baru.json"
    berkas.write_text(dumps(data))
    call_command("impor_paket", str(berkas), stdout=StringIO())
    lkjip = LKjIP.objects.get(perangkat_daerah__kode="33.16.05", tahun=2024)
    assert lkjip.pk == ditetapkan.pk and lkjip.status == LKjIP.Status.DRAF
    assert lkjip.snapshot.count() == 1 and lkjip.pembukaan_kembali.count() == 1
    assert (
        Realisasi.objects.get(
            indikator__renstra__perangkat_daerah=lkjip.perangkat_daerah,
            indikator__kode=kode,
            tahun=2024,
            triwulan=4,
        ).nilai
        == 4
    )


def test_a_signed_year_missing_from_the_package_is_refused(ditetapkan, django_user_model):
    kepala = django_user_model.objects.create_user("kepala", password="sandi-uji-123")
    lkjip_buka_kembali(lkjip=ditetapkan, pengguna=kepala, alasan="Koreksi.")
    data = _data()
    for th in data["tahun"]:
        th["tahun"] = 2025
    berkas = Path(ditetapkan.snapshot.get().berkas.path).parent / "2025.json"
    berkas.write_text(dumps(data))
    sebelum = _isi_db()
    err = _impor(berkas)
    assert "tahun 2024 pernah ditetapkan" in err
    assert _isi_db() == sebelum


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("nilai", "pesan"),
    [
        ("1" * 30, "angka terlalu besar: paling banyak 14 angka sebelum koma"),
        ("1" * 30 + ".5", "angka terlalu besar: paling banyak 14 angka sebelum koma"),
        ("1e999", "angka terlalu besar: paling banyak 14 angka sebelum koma"),
        ("0.1234567891", "paling banyak 6 angka di belakang koma"),
        ('"' + "9" * 40 + ' (B)"', "angka terlalu besar: paling banyak 14 angka sebelum koma"),
    ],
)
def test_a_value_its_column_cannot_hold_is_refused_with_its_path(nilai, pesan):
    data = _data()
    kode = next(iter(data["tahun"][0]["realisasi"]))
    data["tahun"][0]["realisasi"][kode] = [1, 2, 3, "@@"]
    errors = _errors(dumps(data).replace('"@@"', nilai))
    assert errors == {f'$.tahun[0].realisasi["{kode}"][3]': pesan}


def test_an_amount_its_column_cannot_hold_is_refused():
    data = _data()
    pagu = data["tahun"][0]["dpa"][-1]["pagu"]
    kode = next(iter(pagu))
    pagu[kode] = "@@"
    teks = dumps(data).replace('"@@"', "1" * 17)
    errors = _errors(teks)
    path = f'$.tahun[0].dpa[{len(data["tahun"][0]["dpa"]) - 1}].pagu["{kode}"]'
    assert errors == {path: "angka terlalu besar: paling banyak 16 angka sebelum koma"}
    # 16 digits fit a budget column (but not a value column).
    baca_paket(muat_json(dumps(data).replace('"@@"', "9" * 16)))


def test_an_integer_python_refuses_to_read_is_a_message():
    errors = _errors('{"versi": ' + "9" * 5000 + "}")
    assert errors == {"$": "bukan JSON yang sah: angka terlalu panjang"}


@pytest.mark.django_db
def test_a_huge_number_exits_non_zero_and_changes_nothing(tmp_path):
    call_command("impor_paket", str(RANDUBLATUNG), stdout=StringIO())
    sebelum = _isi_db()
    data = _data()
    kode = next(iter(data["tahun"][0]["realisasi"]))
    data["tahun"][0]["realisasi"][kode] = [1, 2, 3, "@@"]
    berkas = tmp_path / "besar.json"
    berkas.write_text(dumps(data).replace('"@@"', "1" * 30))
    err = _impor(berkas)
    assert "terlalu besar" in err and "Traceback" not in err
    assert _isi_db() == sebelum


# ------------------------------------------------------- numbers where a word belongs


@pytest.mark.parametrize(
    ("asli", "ganti", "pesan"),
    [
        ('"versi": "murni"', '"versi": 1.5', "versi 1.5 tidak sah"),
        ('"polaritas": "positif"', '"polaritas": 1.5', "nilai 1.5 tidak sah; pilihan:"),
        ('"polaritas": "positif"', '"polaritas": 2', "nilai 2 tidak sah; pilihan:"),
    ],
)
def test_a_number_where_a_choice_belongs_is_a_message_not_a_crash(asli, ganti, pesan):
    teks = RANDUBLATUNG.read_text()
    assert asli in teks
    errors = _errors(teks.replace(asli, ganti, 1))
    assert any(pesan in p for p in errors.values()), errors
