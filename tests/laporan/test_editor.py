"""The narrative editor of the LKjIP: sections, autosave endpoint, conflicts, BAB I tables."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.models import Indikator, LogPerubahan, PerangkatDaerah
from laporan.kerangka import BAGIAN
from laporan.models import DataSDM, LKjIP, Narasi, SaranaPrasarana
from tests.laporan.data_alur import kunci_temuan, lkjip, realisasi, tulis_narasi
from tests.sintetis import buat_pd_sintetis

EDITOR = "/pd/33.16.05/2024/lkjip/"
SIMPAN = EDITOR + "narasi/{bagian}/"
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _simpan(client, bagian="latar_belakang", teks="Teks baru.", versi=0, judul="", **kw):
    return client.post(
        SIMPAN.format(bagian=bagian), {"teks": teks, "judul": judul, "versi": versi}, **kw
    )


def _narasi(pd, bagian: str) -> Narasi:
    return Narasi.objects.get(lkjip__perangkat_daerah=pd, lkjip__tahun=2024, bagian=bagian)


def _status(pd, status: str) -> None:
    LKjIP.objects.filter(perangkat_daerah=pd, tahun=2024).update(status=status)


def _pesan(r) -> list[str]:
    return [str(m) for m in r.context["messages"]] if r.context else []


# --------------------------------------------------------------------------- the page


def test_editor_lists_every_section_by_chapter(client, operator_a):
    client.force_login(operator_a)
    r = client.get(EDITOR)
    assert r.status_code == 200
    html = r.content.decode()
    for b in BAGIAN:
        assert f'id="bagian-{b.kunci}"' in html
        assert b.petunjuk in html
        assert f'action="/pd/33.16.05/2024/lkjip/narasi/{b.kunci}/"' in html
    for judul in ("BAB I Pendahuluan", "BAB II Perencanaan Kinerja", "BAB IV Penutup"):
        assert judul in html
    # Required sections are marked; optional ones are not.
    kata = html[html.index('id="bagian-kata_pengantar"') :][:600]
    assert "tanda-wajib" in kata
    # The Ikhtisar Eksekutif is required (PermenPANRB 53/2014), with its draft from the data.
    ikhtisar = html[html.index('id="bagian-ikhtisar_eksekutif"') :][:600]
    assert "tanda-wajib" in ikhtisar
    tindak_lanjut = html[html.index('id="bagian-tindak_lanjut"') :][:600]
    assert "tanda-wajib" not in tindak_lanjut
    assert 'src="/static/js/narasi.js"' in html


def test_editor_shows_an_analysis_section_for_a_missed_target(client, operator_a, demo):
    r = realisasi(demo["a"], "IKT-2")
    r.nilai = Decimal(60)
    r.save()
    client.force_login(operator_a)
    html = client.get(EDITOR).content.decode()
    bagian = html[html.index('id="bagian-analisis-IKT-2"') :]
    bagian = bagian[: bagian.index("</section>")]
    assert "Analisis IKT-2 Nilai SAKIP Perangkat Daerah" in bagian
    assert "80,00%" in bagian
    # The note already written on the realisasi is shown beside the analysis box.
    assert (
        "<strong>TW IV</strong>: Laporan Hasil Evaluasi AKIP Inspektorat Kabupaten Blora" in bagian
    )
    assert 'action="/pd/33.16.05/2024/lkjip/narasi/analisis:IKT-2/"' in bagian
    # IKT-1 reached its target: no analysis box.
    assert 'id="bagian-analisis-IKT-1"' not in html


def test_editor_lists_the_engine_findings_with_links(client, operator_a):
    client.force_login(operator_a)
    html = client.get(EDITOR).content.decode()
    temuan = html[html.index('id="judul-temuan"') : html.index('class="tautan-dokumen"')]
    # Randublatung's PK target of IKT-2 differs from the Renstra, and a budget total
    # differs from its details (DOMAIN §12.1).
    assert "target IKT-2 pada PK perubahan (75) berbeda dengan target Renstra" in temuan
    assert '<a href="/pd/33.16.05/2024/pk/">Perjanjian Kinerja</a>' in temuan
    assert '<a href="/pd/33.16.05/2024/anggaran/">Realisasi anggaran</a>' in temuan
    # …listed above the preview links.
    assert html.index('id="judul-temuan"') < html.index('href="/pd/33.16.05/2024/lkjip/pratinjau/"')
    assert 'href="/pd/33.16.05/2024/lkjip/draf.pdf"' in html
    # 2 evidence files and every finding not yet explained (the narratives are drafts).
    jumlah = 2 + len(kunci_temuan(PerangkatDaerah.objects.get(kode="33.16.05")))
    assert f"Kesiapan: {jumlah} hal belum lengkap" in html


@pytest.mark.parametrize("pengguna", ["kepala_a", "evaluator", "admin_pemda"])
def test_editor_is_read_only_for_others(client, request, pengguna, demo):
    tulis_narasi(
        demo["a"], "latar_belakang", "Kecamatan Randublatung menyusun LKjIP.\n\nAlinea dua."
    )
    client.force_login(request.getfixturevalue(pengguna))
    r = client.get(EDITOR)
    assert r.status_code == 200
    html = r.content.decode()
    assert "<p>Kecamatan Randublatung menyusun LKjIP.</p>" in html
    assert "<textarea" not in html.split('id="judul-temuan"')[1]
    assert "narasi.js" not in html
    assert "/lkjip/narasi/" not in html


def test_editor_of_a_submitted_lkjip_is_read_only_for_the_operator(client, operator_a, demo):
    _status(demo["a"], "diajukan")
    client.force_login(operator_a)
    html = client.get(EDITOR).content.decode()
    assert "/lkjip/narasi/" not in html
    assert "sudah diajukan kepada kepala; isinya tidak dapat diubah sampai dikembalikan" in html


def test_editor_checks_perangkat_daerah(client, operator_b):
    client.force_login(operator_b)
    assert client.get(EDITOR).status_code == 404


def test_editor_anonymous_goes_to_login(client, demo):
    r = client.get(EDITOR)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_editor_of_an_unknown_year_is_404(client, operator_a):
    client.force_login(operator_a)
    assert client.get("/pd/33.16.05/2031/lkjip/").status_code == 404


def _kueri_editor(client, n: int, kode: str, admin) -> int:
    pd = buat_pd_sintetis(n, kode=kode, kode_pemda=f"9{n}.01")
    LKjIP.objects.get_or_create(perangkat_daerah=pd, tahun=2024)
    client.force_login(admin)
    with CaptureQueriesContext(connection) as q:
        assert client.get(f"/pd/{kode}/2024/lkjip/").status_code == 200
    return len(q)


def test_editor_query_count_does_not_grow_with_indicators(client, django_user_model, db):
    admin = django_user_model.objects.create_superuser("akar", password="sandi-uji-123")
    assert _kueri_editor(client, 10, "99.10.01", admin) == _kueri_editor(
        client, 100, "99.11.01", admin
    )


# --------------------------------------------------------------------------- saving a section


def test_save_as_json_returns_the_new_version(client, operator_a, demo):
    client.force_login(operator_a)
    r = _simpan(client, teks="Latar belakang baru.", **JSON)
    assert r.status_code == 200
    d = r.json()
    assert d["versi"] == 1
    assert re.fullmatch(r"tersimpan \d\d\.\d\d", d["pesan"])
    n = _narasi(demo["a"], "latar_belakang")
    assert (n.teks, n.versi, n.diubah_oleh) == ("Latar belakang baru.", 1, operator_a)
    r = _simpan(client, teks="Latar belakang kedua.", versi=1, **JSON)
    assert r.json()["versi"] == 2
    assert _narasi(demo["a"], "latar_belakang").teks == "Latar belakang kedua."


def test_save_keeps_line_breaks_and_spaces(client, operator_a, demo):
    client.force_login(operator_a)
    teks = "  Alinea satu.\r\n\r\nAlinea dua.  "
    assert _simpan(client, teks=teks, **JSON).status_code == 200
    assert _narasi(demo["a"], "latar_belakang").teks == "  Alinea satu.\n\nAlinea dua.  "


def test_save_overrides_the_title(client, operator_a, demo):
    client.force_login(operator_a)
    r = _simpan(
        client, bagian="struktur_organisasi", judul="Struktur  Organisasi dan Tata Kerja", **JSON
    )
    assert r.json()["judul"] == "Struktur Organisasi dan Tata Kerja"
    html = client.get(EDITOR).content.decode()
    assert "Struktur Organisasi dan Tata Kerja" in html
    assert "(judul baku: Struktur Organisasi, Tugas dan Fungsi)" in html


def test_save_is_audited_once_per_writing_session(client, operator_a, demo):
    client.force_login(operator_a)
    _simpan(client, teks="Satu.", **JSON)
    _simpan(client, teks="Satu dua.", versi=1, **JSON)
    _simpan(client, teks="Satu dua tiga.", versi=2, **JSON)
    n = _narasi(demo["a"], "latar_belakang")
    log = LogPerubahan.objects.filter(objek_tipe="laporan.narasi", objek_id=n.pk)
    assert log.count() == 1
    entri = log.get()
    assert entri.aksi == "narasi.ubah" and entri.pengguna == operator_a
    assert entri.data["lama"] == {"judul": "", "teks": ""}
    assert entri.data["baru"] == {"judul": "", "teks": "Satu dua tiga."}
    assert entri.data["versi"] == 3
    assert entri.objek == "Narasi LKjIP 2024: Latar Belakang"


def test_another_users_save_starts_a_new_audit_entry(client, operator_a, demo, django_user_model):
    from kinerja.models import Peran

    lain = django_user_model.objects.create_user("operator_a2", password="sandi-uji-123")
    Peran.objects.create(
        pengguna=lain, jenis="operator", pemda=demo["a"].pemda, perangkat_daerah=demo["a"]
    )
    client.force_login(operator_a)
    _simpan(client, teks="Satu.", **JSON)
    client.force_login(lain)
    _simpan(client, teks="Dua.", versi=1, **JSON)
    n = _narasi(demo["a"], "latar_belakang")
    log = list(
        LogPerubahan.objects.filter(objek_id=n.pk, objek_tipe="laporan.narasi").order_by("id")
    )
    assert [(x.pengguna, x.data["lama"]["teks"], x.data["baru"]["teks"]) for x in log] == [
        (operator_a, "", "Satu."),
        (lain, "Satu.", "Dua."),
    ]


def test_unchanged_save_does_not_bump_the_version(client, operator_a, demo):
    client.force_login(operator_a)
    _simpan(client, teks="Sama.", **JSON)
    r = _simpan(client, teks="Sama.", versi=1, **JSON)
    assert r.json()["versi"] == 1


def test_conflict_returns_the_other_text_and_keeps_it(client, operator_a, demo):
    tulis_narasi(demo["a"], "latar_belakang", "Teks rekan kerja.")  # versi 1
    client.force_login(operator_a)
    r = _simpan(client, teks="Teks saya.", versi=0, **JSON)
    assert r.status_code == 409
    d = r.json()
    assert d["konflik"] is True
    assert d["teks"] == "Teks rekan kerja."
    assert d["versi"] == 1
    assert d["oleh"] == "sistem"
    assert "teks Anda belum disimpan" in d["galat"]
    assert _narasi(demo["a"], "latar_belakang").teks == "Teks rekan kerja."
    # Choosing to keep one's own text: save again with the version now known.
    r = _simpan(client, teks="Teks saya.", versi=1, **JSON)
    assert r.status_code == 200
    assert _narasi(demo["a"], "latar_belakang").teks == "Teks saya."


def test_repeating_a_save_with_an_old_version_is_not_a_conflict(client, operator_a, demo):
    client.force_login(operator_a)
    assert _simpan(client, teks="Sama.", **JSON).json()["versi"] == 1
    # The same text sent again with the version of before (a retry): nothing to merge.
    r = _simpan(client, teks="Sama.", versi=0, **JSON)
    assert r.status_code == 200 and r.json()["versi"] == 1


def test_conflict_without_javascript_shows_both_texts(client, operator_a, demo):
    tulis_narasi(demo["a"], "latar_belakang", "Teks rekan kerja.")
    client.force_login(operator_a)
    r = _simpan(client, teks="Teks saya yang panjang.", versi=0)
    assert r.status_code == 409
    html = r.content.decode()
    bagian = html[html.index('id="bagian-latar_belakang"') :]
    bagian = bagian[: bagian.index("</section>")]
    assert '<textarea name="teks" id="bagian-latar_belakang-teks"' in bagian
    assert ">Teks saya yang panjang.</textarea>" in bagian
    assert 'readonly rows="6">Teks rekan kerja.</textarea>' in bagian
    # The form now carries the stored version: submitting it again saves on purpose.
    assert '<input type="hidden" name="versi" value="1">' in bagian
    assert _narasi(demo["a"], "latar_belakang").teks == "Teks rekan kerja."


def test_save_without_javascript_redirects_to_the_section(client, operator_a, demo):
    client.force_login(operator_a)
    r = _simpan(client, bagian="kesimpulan", teks="Simpulan.")
    assert r.status_code == 302
    assert r["Location"] == "/pd/33.16.05/2024/lkjip/#bagian-kesimpulan"
    r = client.get(r["Location"])
    assert any(re.fullmatch(r"“Kesimpulan” tersimpan \d\d\.\d\d\.", p) for p in _pesan(r))


def test_save_of_an_analysis_section(client, operator_a, demo):
    client.force_login(operator_a)
    r = _simpan(client, bagian="analisis:IKT-2", teks="Penyebab dan solusi.", **JSON)
    assert r.status_code == 200
    assert _narasi(demo["a"], "analisis:IKT-2").teks == "Penyebab dan solusi."


@pytest.mark.parametrize("bagian", ["tidak_ada", "analisis:TIDAK-ADA", "analisis:IKP-7.01.01-1"])
def test_unknown_section_is_refused(client, operator_a, demo, bagian):
    client.force_login(operator_a)
    r = _simpan(client, bagian=bagian, **JSON)
    assert r.status_code == 400
    assert "tidak dikenal" in r.json()["galat"]
    assert not Narasi.objects.filter(bagian=bagian).exists()


@pytest.mark.parametrize(
    "status, pesan",
    [
        ("diajukan", "sudah diajukan kepada kepala"),
        ("ditetapkan", "sudah ditetapkan dan datanya terkunci"),
    ],
)
def test_save_is_refused_when_submitted_or_signed(client, operator_a, demo, status, pesan):
    tulis_narasi(demo["a"], "latar_belakang", "Tetap.")
    _status(demo["a"], status)
    client.force_login(operator_a)
    r = _simpan(client, teks="Diubah.", versi=1, **JSON)
    assert r.status_code == 400
    assert pesan in r.json()["galat"]
    assert _narasi(demo["a"], "latar_belakang").teks == "Tetap."
    r = _simpan(client, teks="Diubah.", versi=1)
    assert r.status_code == 302
    assert any(pesan in p for p in _pesan(client.get(r["Location"])))


def test_invalid_version_is_a_400_not_a_500(client, operator_a):
    client.force_login(operator_a)
    r = client.post(SIMPAN.format(bagian="latar_belakang"), {"teks": "x", "versi": "abc"}, **JSON)
    assert r.status_code == 400
    assert "muat ulang halaman" in r.json()["galat"]
    r = client.post(SIMPAN.format(bagian="latar_belakang"), {"teks": "x"})
    assert r.status_code == 400


def test_too_long_text_is_refused(client, operator_a):
    client.force_login(operator_a)
    r = _simpan(client, teks="x" * 100_001, **JSON)
    assert r.status_code == 400
    assert "paling panjang 100000 karakter" in r.json()["galat"]


@pytest.mark.parametrize("pengguna", ["kepala_a", "evaluator", "admin_pemda"])
def test_save_requires_the_operator(client, request, pengguna):
    client.force_login(request.getfixturevalue(pengguna))
    assert _simpan(client, **JSON).status_code == 403


def test_save_checks_perangkat_daerah(client, operator_b):
    client.force_login(operator_b)
    assert _simpan(client, **JSON).status_code == 404


def test_save_rejects_get(client, operator_a):
    client.force_login(operator_a)
    assert client.get(SIMPAN.format(bagian="latar_belakang")).status_code == 405


def test_save_anonymous_goes_to_login(client, demo):
    r = _simpan(client)
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


# --------------------------------------------------------------------------- BAB I tables

TABEL_SDM = EDITOR + "tabel/sdm/"


def _formset(prefix: str, baris: list[dict], versi: str, total: int | None = None) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(total or len(baris)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "200",
        f"{prefix}-versi": versi,
    }
    for i, b in enumerate(baris):
        for k, v in b.items():
            data[f"{prefix}-{i}-{k}"] = v
    return data


def _versi(client, tabel: str) -> str:
    html = client.get(EDITOR).content.decode()
    return re.search(rf'name="{tabel}-versi" value="([0-9a-f]+)"', html).group(1)


def test_sdm_table_is_saved_in_order_and_empty_rows_dropped(client, operator_a, demo):
    client.force_login(operator_a)
    versi = _versi(client, "sdm")
    baris = [
        {"kelompok": "Eselon", "uraian": "Eselon III.a", "pns": "1", "non_pns": ""},
        {"kelompok": "", "uraian": "", "pns": "", "non_pns": ""},
        {"kelompok": "Golongan", "uraian": "Golongan III", "pns": "12", "non_pns": "3"},
    ]
    r = client.post(TABEL_SDM, _formset("sdm", baris, versi))
    assert r.status_code == 302 and r["Location"].endswith("#bagian-sdm")
    rows = list(
        DataSDM.objects.filter(lkjip=lkjip(demo["a"])).values_list(
            "urutan", "kelompok", "uraian", "pns", "non_pns"
        )
    )
    assert rows == [(1, "Eselon", "Eselon III.a", 1, 0), (2, "Golongan", "Golongan III", 12, 3)]
    log = LogPerubahan.objects.get(aksi="data_sdm.ubah")
    assert log.data["lama"] == [] and len(log.data["baru"]) == 2
    assert "Data SDM tersimpan: 2 baris." in _pesan(client.get(r["Location"]))
    # Shown back with three empty rows for new entries.
    html = client.get(EDITOR).content.decode()
    assert 'name="sdm-TOTAL_FORMS" value="5"' in html
    assert 'value="Golongan III"' in html


def test_sdm_table_refuses_a_stale_page(client, operator_a, demo):
    client.force_login(operator_a)
    versi = _versi(client, "sdm")
    DataSDM.objects.create(
        lkjip=lkjip(demo["a"]), urutan=1, kelompok="Eselon", uraian="IV.a", pns=2
    )
    baris = [{"kelompok": "Eselon", "uraian": "III.a", "pns": "1", "non_pns": "0"}]
    r = client.post(TABEL_SDM, _formset("sdm", baris, versi))
    assert "sudah diubah oleh pengguna lain" in " ".join(_pesan(client.get(r["Location"])))
    assert list(DataSDM.objects.values_list("uraian", flat=True)) == ["IV.a"]


def test_sdm_table_errors_are_shown_in_place(client, operator_a, demo):
    client.force_login(operator_a)
    versi = _versi(client, "sdm")
    baris = [
        {"kelompok": "Eselon", "uraian": "", "pns": "-1", "non_pns": "dua"},
    ]
    r = client.post(TABEL_SDM, _formset("sdm", baris, versi))
    assert r.status_code == 400
    html = r.content.decode()
    assert "PNS tidak boleh negatif." in html
    assert "Non-PNS diisi dengan bilangan bulat." in html
    assert not DataSDM.objects.exists()


def test_sarpras_table_is_saved(client, operator_a, demo):
    client.force_login(operator_a)
    versi = _versi(client, "sarpras")
    baris = [{"uraian": "Gedung kantor", "jumlah": "1", "satuan": "unit", "kondisi": "Baik"}]
    r = client.post(EDITOR + "tabel/sarpras/", _formset("sarpras", baris, versi))
    assert r.status_code == 302 and r["Location"].endswith("#bagian-sarana_prasarana")
    assert list(SaranaPrasarana.objects.values_list("uraian", "jumlah", "satuan", "kondisi")) == [
        ("Gedung kantor", 1, "unit", "Baik")
    ]


def test_table_is_refused_after_submission(client, operator_a, demo):
    client.force_login(operator_a)
    versi = _versi(client, "sdm")
    _status(demo["a"], "diajukan")
    baris = [{"kelompok": "Eselon", "uraian": "III.a", "pns": "1", "non_pns": "0"}]
    r = client.post(TABEL_SDM, _formset("sdm", baris, versi))
    assert "sudah diajukan kepada kepala" in " ".join(_pesan(client.get(r["Location"])))
    assert not DataSDM.objects.exists()


def test_unknown_table_is_404(client, operator_a):
    client.force_login(operator_a)
    assert client.post(EDITOR + "tabel/pegawai/", {}).status_code == 404


@pytest.mark.parametrize("pengguna", ["kepala_a", "evaluator"])
def test_table_requires_the_operator(client, request, pengguna):
    client.force_login(request.getfixturevalue(pengguna))
    assert client.post(TABEL_SDM, {}).status_code == 403


def test_read_only_table_is_shown_to_the_kepala(client, kepala_a, demo):
    DataSDM.objects.create(
        lkjip=lkjip(demo["a"]), urutan=1, kelompok="Eselon", uraian="IV.a", pns=2
    )
    client.force_login(kepala_a)
    html = client.get(EDITOR).content.decode()
    assert "<td>IV.a</td>" in html
    assert "sdm-TOTAL_FORMS" not in html


# --------------------------------------------------------------------------- place and date


def test_place_and_date_are_saved(client, operator_a, demo):
    client.force_login(operator_a)
    r = client.post(
        EDITOR + "penandatanganan/", {"tempat": "Randublatung", "tanggal": "2025-01-09"}
    )
    assert r.status_code == 302 and r["Location"].endswith("#penandatanganan")
    x = lkjip(demo["a"])
    assert (x.tempat, x.tanggal.isoformat()) == ("Randublatung", "2025-01-09")
    assert LogPerubahan.objects.filter(aksi="lkjip.penandatanganan").count() == 1


def test_place_and_date_invalid_date(client, operator_a, demo):
    client.force_login(operator_a)
    r = client.post(EDITOR + "penandatanganan/", {"tempat": "Blora", "tanggal": "31-02-2025"})
    assert r.status_code == 400
    assert "Tanggal tidak sah" in r.content.decode()
    assert (
        lkjip(demo["a"]).tempat == "Blora" and lkjip(demo["a"]).tanggal.isoformat() == "2025-04-14"
    )


def test_place_and_date_require_the_operator(client, kepala_a):
    client.force_login(kepala_a)
    assert client.post(EDITOR + "penandatanganan/", {"tempat": "X"}).status_code == 403


def test_indicator_ids_in_links_belong_to_the_kecamatan(client, operator_a, demo):
    client.force_login(operator_a)
    html = client.get("/pd/33.16.05/2024/lkjip/kesiapan/").content.decode()
    ids = {int(x) for x in re.findall(r"#baris-(\d+)", html)}
    assert ids and ids <= set(
        Indikator.objects.filter(renstra__perangkat_daerah=demo["a"]).values_list("pk", flat=True)
    )


# --------------------------------------------------------------------------- preview and draft


def test_preview_is_the_document_as_html(client, kepala_a, demo):
    from laporan.dokumen import susun_dokumen
    from laporan.pdf import render_html

    tulis_narasi(demo["a"], "latar_belakang", "Latar belakang untuk pratinjau.")
    client.force_login(kepala_a)
    r = client.get(EDITOR + "pratinjau/")
    assert r.status_code == 200
    html = r.content.decode()
    assert html == render_html(susun_dokumen(demo["a"], 2024), pratinjau=True)
    assert "Latar belakang untuk pratinjau." in html
    assert "KECAMATAN RANDUBLATUNG" in html.upper()


def test_preview_of_the_next_year_compares_with_the_year_lived_in_the_application(
    client, operator_a, demo
):
    """2024 is held as a year (not as imported history): the LKjIP of 2025 compares with it."""
    from kinerja.models import Realisasi

    client.force_login(operator_a)
    r = client.post("/pd/33.16.05/2025/buka/", {})
    assert r.status_code == 302
    Realisasi.objects.create(
        indikator=Indikator.objects.get(renstra__perangkat_daerah=demo["a"], kode="IKT-1"),
        tahun=2025,
        triwulan=4,
        nilai=Decimal("87.5"),
    )
    html = client.get("/pd/33.16.05/2025/lkjip/pratinjau/").content.decode()
    assert (
        "Realisasi tahun 2025 sebesar 87,5 menurun sebesar 0,57% dibandingkan tahun 2024 yang "
        "sebesar 88."
    ) in html
    assert "Realisasi tahun 2024 sebesar 88 menurun sebesar 0,24% dibandingkan tahun 2023" in html


def test_draft_pdf_for_readers(client, evaluator, demo):
    import subprocess

    client.force_login(evaluator)
    r = client.get(EDITOR + "draf.pdf")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert 'filename="LKjIP-2024-Kecamatan-Randublatung-draf.pdf"' in r["Content-Disposition"]
    assert r.content.startswith(b"%PDF-")
    teks = subprocess.run(
        ["pdftotext", "-", "-"], input=r.content, check=True, capture_output=True
    ).stdout.decode()
    assert "DRAF" in teks and "RANDUBLATUNG" in teks.upper()


@pytest.mark.parametrize("alamat", ["pratinjau/", "draf.pdf"])
def test_preview_and_draft_check_perangkat_daerah(client, operator_b, alamat):
    client.force_login(operator_b)
    assert client.get(EDITOR + alamat).status_code == 404


@pytest.mark.parametrize("alamat", ["pratinjau/", "draf.pdf"])
def test_preview_and_draft_of_an_unknown_year_are_404(client, operator_a, alamat):
    client.force_login(operator_a)
    assert client.get(f"/pd/33.16.05/2031/lkjip/{alamat}").status_code == 404
