"""The LKjIP of a year: narrative editor with autosave, BAB I tables, preview, draft PDF, readiness."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from kinerja.access import (
    boleh_kelola_pemda,
    boleh_tinjau,
    boleh_ubah_data,
    get_editable_perangkat_daerah_for_user,
    get_perangkat_daerah_for_user,
)
from kinerja.audit import format_waktu, nama_pengguna
from kinerja.engine.hitung import HasilIndikator
from kinerja.engine.temuan import Temuan
from kinerja.models import PerangkatDaerah
from kinerja.services.realisasi import romawi
from kinerja.services.review import triwulan_disetujui
from kinerja.views.tahun import halaman_tahun_belum_dibuka
from laporan.dokumen.draf import Bahan, semua_draf
from laporan.forms import (
    AlasanForm,
    KomentarForm,
    NarasiForm,
    PenandatangananForm,
    PenjelasanTemuanForm,
    SarprasFormSet,
    SDMFormSet,
    VersiTabelForm,
)
from laporan.kerangka import BAGIAN, judul_bagian, kunci_analisis
from laporan.models import LKjIP, Narasi, SnapshotLKjIP
from laporan.selectors import (
    ADMIN_PEMDA,
    KEPALA,
    OPERATOR,
    DataKesiapan,
    baris_tabel,
    data_kesiapan,
    riwayat_lkjip,
    versi_tabel,
)
from laporan.services import narasi as narasi_services
from laporan.services import sumber_daya as sumber_daya_services
from laporan.services.alur import penandatanganan_simpan
from laporan.services.kesiapan import (
    draf_belum_diperiksa,
    id_bagian,
    id_temuan,
    periksa_kesiapan,
)
from laporan.services.kunci import pesan_tidak_bisa_diubah
from laporan.services.narasi import KonflikNarasi, penjelasan_temuan_simpan
from laporan.services.tetap import kelompok_temuan, penjelasan_tahun
from laporan.tables import tabel_versi_lkjip
from lib.format import format_angka_alami, format_persen

JUDUL_BAB = {
    "awal": "Bagian awal",
    "I": "BAB I Pendahuluan",
    "II": "BAB II Perencanaan Kinerja",
    "III": "BAB III Akuntabilitas Kinerja",
    "IV": "BAB IV Penutup",
    "lampiran": "Lampiran",
}


def get_lkjip(pd: PerangkatDaerah, tahun: int) -> LKjIP:
    lkjip = LKjIP.objects.filter(perangkat_daerah=pd, tahun=tahun).first()
    if lkjip is None:
        raise Http404(f"Tidak ada LKjIP tahun {tahun} untuk perangkat daerah ini.")
    lkjip.perangkat_daerah = pd
    return lkjip


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def url_editor(pd: PerangkatDaerah, tahun: int, bagian: str | None = None) -> str:
    url = reverse("lkjip-editor", kwargs={"kode": pd.kode, "tahun": tahun})
    return f"{url}#{id_bagian(bagian)}" if bagian else url


def _url(nama: str, **kwargs) -> str | None:
    try:
        return reverse(nama, kwargs=kwargs)
    except NoReverseMatch:
        return None


# --------------------------------------------------------------------------- temuan


def tautan_temuan(
    x: Temuan, d: DataKesiapan, hasil: dict[str, HasilIndikator]
) -> tuple[str, str] | None:
    """Where the data behind an engine finding are fixed: (label, URL)."""
    pd, tahun = d.pd, d.tahun
    kode_th = {"kode": pd.kode, "tahun": tahun}
    jenis, lokasi = x.jenis, x.lokasi
    if jenis in ("target_kosong", "persentase_di_luar_rentang"):
        return _tautan_indikator(x, d)
    if jenis == "target_triwulan_kosong":
        return "Rencana aksi", _url("perencanaan-rencana-aksi", **kode_th)
    if jenis in ("triwulan_kosong", "ikm_tidak_sesuai_skm"):
        return _tautan_realisasi(x, d, hasil)
    if jenis in ("target_pk_berbeda_renstra", "anggaran_pk_tidak_cocok_dpa"):
        return "Perjanjian Kinerja", _url("perencanaan-pk", **kode_th)
    if jenis == "jumlah_tidak_sesuai":
        return _tautan_jumlah(lokasi, kode_th)
    if jenis in ("realisasi_melebihi_pagu", "total_jenis_belanja_tidak_sesuai"):
        return "Anggaran", _url("anggaran-ringkasan", **kode_th)
    if jenis == "skala_predikat":
        return "Aturan pemda (admin pemda)", _url("pemda-aturan", kode=pd.pemda.kode)
    if jenis == "tanggal_laporan":
        if lokasi.startswith("PK "):
            return "Perjanjian Kinerja", _url("perencanaan-pk", **kode_th)
        return "Tempat dan tanggal", url_editor(pd, tahun) + "#penandatanganan"
    return "Rincian perhitungan", _url("pd-hitung", **kode_th)


def _tautan_indikator(x: Temuan, d: DataKesiapan) -> tuple[str, str] | None:
    pk = d.indikator_id.get(x.kode)
    if pk is None:
        return None
    return f"Indikator {x.kode}", _url("perencanaan-indikator", pk=pk, kode=d.pd.kode)


def _tautan_realisasi(
    x: Temuan, d: DataKesiapan, hasil: dict[str, HasilIndikator]
) -> tuple[str, str]:
    """The realisasi page of the first quarter with a target and no realisasi (else TW IV)."""
    h = hasil.get(x.kode)
    q = 4
    if h is not None:
        kosong = [
            tw["triwulan"]
            for tw in h.triwulan
            if tw["realisasi"] is None and tw["target"] is not None
        ]
        q = kosong[0] if kosong else 4
    url = _url("realisasi-triwulan", triwulan=q, kode=d.pd.kode, tahun=d.tahun)
    if x.kode in d.indikator_id:
        url += f"#baris-{d.indikator_id[x.kode]}"
    return f"Realisasi TW {romawi(q)}", url


def _tautan_jumlah(lokasi: str, kode_th: dict) -> tuple[str, str]:
    """A sum that does not match: a DPA version, the cascaded PKs or the budget summary."""
    if lokasi.startswith("DPA "):
        versi = lokasi.split()[1]
        url = _url("anggaran-dpa", versi=versi, **kode_th)
        if url:
            return f"DPA {versi}", url
    if lokasi.startswith("PK "):
        return "PK berjenjang", _url("perencanaan-pk-berjenjang", **kode_th)
    return "Realisasi anggaran", _url("anggaran-ringkasan", **kode_th)


def temuan_tampil(d: DataKesiapan) -> list[dict]:
    if d.hasil is None:
        return []
    hasil = d.hasil.indikator_per_kode()
    daftar = []
    terlihat: set[str] = set()
    for x in d.hasil.temuan:
        tautan = tautan_temuan(x, d, hasil)
        daftar.append(
            {
                "lokasi": x.lokasi,
                "pesan": x.pesan,
                "label": tautan[0] if tautan else None,
                "url": tautan[1] if tautan else None,
                # One explanation per key: its form follows the first finding of the key.
                "kunci": x.kunci,
                "id": id_temuan(x.kunci),
                "pertama": x.kunci not in terlihat,
                "penjelasan": d.penjelasan.get(x.kunci, ""),
            }
        )
        terlihat.add(x.kunci)
    return daftar


def penjelasan_tampil(d: DataKesiapan) -> list[dict]:
    """The explained findings of the year, for the kepala before signing."""
    if d.hasil is None or not d.penjelasan:
        return []
    return [
        {
            "lokasi": g.lokasi,
            "pesan": g.pesan,
            "teks": g.penjelasan.teks,
            "oleh": nama_pengguna(g.penjelasan.oleh),
            "waktu": format_waktu(g.penjelasan.diubah_pada),
        }
        for g in kelompok_temuan(d.hasil.temuan, penjelasan_tahun(d.pd, d.tahun))
        if g.penjelasan is not None
    ]


# --------------------------------------------------------------------------- editor page


@dataclass
class BagianTampil:
    kunci: str
    id: str
    judul_baku: str
    judul: str
    teks: str
    versi: int
    wajib: bool
    petunjuk: str
    diubah: str | None = None
    form: NarasiForm | None = None
    konflik: dict | None = None
    analisis: dict | None = None
    tabel: str | None = None
    # The text drafted from the data while nothing is stored (laporan.dokumen.draf): shown
    # in the box with a badge until the operator accepts or edits it.
    draf: str = ""


@dataclass
class BabTampil:
    kode: str
    judul: str
    bagian: list[BagianTampil] = field(default_factory=list)


def _diubah(n: Narasi | None) -> str | None:
    if n is None or not n.versi:
        return None
    return f"{nama_pengguna(n.diubah_oleh)}, {format_waktu(n.diubah_pada)}"


def _konflik(n: Narasi) -> dict:
    return {
        "oleh": nama_pengguna(n.diubah_oleh),
        "waktu": format_waktu(n.diubah_pada),
        "judul": n.judul,
        "teks": n.teks,
        "versi": n.versi,
    }


def _bagian_tampil(
    kunci: str,
    *,
    judul_baku: str,
    wajib: bool,
    petunjuk: str,
    narasi: dict[str, Narasi],
    dapat_mengubah: bool,
    form: dict[str, NarasiForm],
    konflik: dict[str, Narasi],
    draf: dict[str, str],
) -> BagianTampil:
    n = narasi.get(kunci)
    b = BagianTampil(
        kunci=kunci,
        id=id_bagian(kunci),
        judul_baku=judul_baku,
        judul=(n.judul if n else "") or judul_baku,
        teks=n.teks if n else "",
        versi=n.versi if n else 0,
        wajib=wajib,
        petunjuk=petunjuk,
        diubah=_diubah(n),
    )
    if not b.teks.strip():
        b.draf = draf.get(kunci, "")
    if dapat_mengubah:
        b.form = form.get(kunci) or NarasiForm(
            initial={"judul": n.judul if n else "", "teks": b.teks or b.draf, "versi": b.versi},
            auto_id=f"id_{b.id}_%s",
        )
    if kunci in konflik:
        b.konflik = _konflik(konflik[kunci])
    return b


def _analisis(d: DataKesiapan) -> list[tuple[HasilIndikator, list[tuple[str, str]]]]:
    """Tujuan and sasaran indicators below the pemda's threshold, with their realisasi notes."""
    if d.hasil is None:
        return []
    th = d.paket.cari_tahun(d.tahun)
    hasil = []
    for h in d.hasil.indikator:
        if h.tingkat not in ("tujuan", "sasaran") or h.tercapai is not False:
            continue
        catatan = (th.catatan_realisasi.get(h.kode) if th else None) or [None] * 4
        hasil.append((h, [(romawi(q + 1), c) for q, c in enumerate(catatan) if c and c.strip()]))
    return hasil


def _tampil_nilai(angka, label) -> str:
    return label or format_angka_alami(angka)


def _bab(
    d: DataKesiapan,
    narasi: dict[str, Narasi],
    *,
    dapat_mengubah: bool,
    form: dict[str, NarasiForm],
    konflik: dict[str, Narasi],
    draf: dict[str, str],
) -> list[BabTampil]:
    bab: dict[str, BabTampil] = {}
    umum = {
        "narasi": narasi,
        "dapat_mengubah": dapat_mengubah,
        "form": form,
        "konflik": konflik,
        "draf": draf,
    }
    for b in BAGIAN:
        kelompok = bab.setdefault(b.bab, BabTampil(b.bab, JUDUL_BAB.get(b.bab, b.bab)))
        tampil = _bagian_tampil(
            b.kunci, judul_baku=b.judul, wajib=b.wajib, petunjuk=b.petunjuk, **umum
        )
        if b.kunci == "sdm":
            tampil.tabel = "sdm"
        elif b.kunci == "sarana_prasarana":
            tampil.tabel = "sarpras"
        kelompok.bagian.append(tampil)
        if b.kunci == "capaian_kinerja":
            for h, catatan in _analisis(d):
                kunci = kunci_analisis(h.kode)
                tampil = _bagian_tampil(
                    kunci,
                    judul_baku=f"Analisis {h.kode} {h.nama}",
                    wajib=False,
                    petunjuk="Penyebab keberhasilan/kegagalan, solusi yang telah dilakukan, dan "
                    "program/kegiatan yang menunjang. Wajib bila catatan realisasi belum "
                    "menjelaskan capaian di bawah target.",
                    **umum,
                )
                tampil.analisis = {
                    "kode": h.kode,
                    "target": _tampil_nilai(h.target, h.target_label),
                    "realisasi": _tampil_nilai(h.realisasi, h.realisasi_label),
                    "capaian": format_persen(h.capaian_skor),
                    "predikat": h.predikat,
                    "satuan": h.satuan,
                    "catatan": catatan,
                }
                kelompok.bagian.append(tampil)
    return list(bab.values())


def _tabel_ctx(lkjip: LKjIP, dapat_mengubah: bool, formset: dict) -> dict:
    hasil = {}
    for nama, kelas in (("sdm", SDMFormSet), ("sarpras", SarprasFormSet)):
        baris = baris_tabel(lkjip, nama)
        fs = formset.get(nama)
        if dapat_mengubah and fs is None:
            fs = kelas(prefix=nama, initial=baris)
        hasil[nama] = {
            "baris": baris,
            "formset": fs if dapat_mengubah else None,
            "versi": VersiTabelForm(initial={"versi": versi_tabel(baris)}, prefix=nama)
            if fs is None or not fs.is_bound
            else VersiTabelForm(fs.data, prefix=nama),
            "url": reverse(
                "lkjip-tabel-simpan",
                kwargs={"kode": lkjip.perangkat_daerah.kode, "tahun": lkjip.tahun, "tabel": nama},
            ),
        }
    return hasil


def peran_kesiapan(user, pd: PerangkatDaerah) -> frozenset[str]:
    """What the viewer can do about the readiness checklist (which links it gets)."""
    return frozenset(
        peran
        for peran, boleh in (
            (OPERATOR, boleh_ubah_data(user, pd)),
            (KEPALA, boleh_tinjau(user, pd)),
            (ADMIN_PEMDA, boleh_kelola_pemda(user, pd.pemda)),
        )
        if boleh
    )


def alur_ctx(
    request: HttpRequest,
    pd: PerangkatDaerah,
    lkjip: LKjIP,
    d: DataKesiapan | None = None,
    **form,
) -> dict:
    """Status, allowed actions, signed versions and history of the LKjIP (editor, readiness)."""
    user = request.user
    boleh_ubah = boleh_ubah_data(user, pd)
    kepala = boleh_tinjau(user, pd)
    admin = boleh_kelola_pemda(user, pd.pemda)
    snapshot = list(
        SnapshotLKjIP.objects.filter(lkjip=lkjip)
        .select_related("ditetapkan_oleh")
        .order_by("-versi")
    )
    riwayat = riwayat_lkjip(lkjip)
    S = LKjIP.Status
    terakhir = riwayat[-1] if riwayat else None
    versi = [
        {
            "obj": s,
            "waktu": format_waktu(s.ditetapkan_pada),
            "url": reverse(
                "lkjip-snapshot",
                kwargs={"kode": pd.kode, "tahun": lkjip.tahun, "versi": s.versi},
            ),
            "url_verifikasi": reverse("verifikasi", kwargs={"kode_isi": s.kode_isi}),
        }
        for s in snapshot
    ]
    return {
        "lkjip": lkjip,
        "status": lkjip.status,
        "boleh_ubah": boleh_ubah,
        "dapat_mengajukan": boleh_ubah and lkjip.status == S.DRAF,
        "dapat_meninjau": kepala and lkjip.status == S.DIAJUKAN,
        "penjelasan_temuan": penjelasan_tampil(d)
        if d is not None and kepala and lkjip.status == S.DIAJUKAN
        else [],
        "dapat_membuka": (kepala or admin) and lkjip.status == S.DITETAPKAN,
        "form_komentar": form.get("form_komentar") or KomentarForm(),
        "form_alasan": form.get("form_alasan")
        or AlasanForm(
            triwulan_disetujui=triwulan_disetujui(pd, lkjip.tahun)
            if (kepala or admin) and lkjip.status == S.DITETAPKAN
            else ()
        ),
        "snapshot": versi,
        "tabel_versi": tabel_versi_lkjip(versi, lkjip.status),
        "riwayat": riwayat,
        "terakhir": terakhir,
        "diajukan_pada": format_waktu(lkjip.diajukan_pada) if lkjip.diajukan_pada else None,
        "url_kesiapan": reverse("lkjip-kesiapan", kwargs={"kode": pd.kode, "tahun": lkjip.tahun}),
        "url_pratinjau": reverse("lkjip-pratinjau", kwargs={"kode": pd.kode, "tahun": lkjip.tahun}),
        "url_editor": url_editor(pd, lkjip.tahun),
    }


def tampilkan_editor(
    request: HttpRequest,
    pd: PerangkatDaerah,
    lkjip: LKjIP,
    *,
    form: dict[str, NarasiForm] | None = None,
    konflik: dict[str, Narasi] | None = None,
    formset: dict | None = None,
    form_tanggal: PenandatangananForm | None = None,
    errors: list[str] | None = None,
    status: int = 200,
    **form_alur,
) -> HttpResponse:
    d = data_kesiapan(pd, lkjip.tahun)
    alur = alur_ctx(request, pd, lkjip, d, **form_alur)
    dapat_mengubah = alur["boleh_ubah"] and lkjip.status == LKjIP.Status.DRAF
    narasi = {n.bagian: n for n in Narasi.objects.filter(lkjip=lkjip).select_related("diubah_oleh")}
    kurang = periksa_kesiapan(d)
    tabel = _tabel_ctx(lkjip, dapat_mengubah, formset or {})
    draf = semua_draf(
        Bahan(d.paket, d.tahun, d.hasil, tabel["sdm"]["baris"], tabel["sarpras"]["baris"])
    )
    ctx = {
        "page": "lkjip-editor",
        "pd": pd,
        "tahun": lkjip.tahun,
        **alur,
        "dapat_mengubah": dapat_mengubah,
        "terkunci_pesan": pesan_tidak_bisa_diubah(lkjip),
        "bab": _bab(
            d,
            narasi,
            dapat_mengubah=dapat_mengubah,
            form=form or {},
            konflik=konflik or {},
            draf=draf,
        ),
        "tabel": tabel,
        "draf_belum_diperiksa": draf_belum_diperiksa(d),
        "form_tanggal": form_tanggal
        or PenandatangananForm(initial={"tempat": lkjip.tempat, "tanggal": lkjip.tanggal}),
        "temuan": temuan_tampil(d),
        "jumlah_kurang": len(kurang),
        "galat": errors or [],
        "ambang": format_angka_alami(d.paket.pemda.aturan.ambang_tercapai),
        "url_draf": reverse("lkjip-draf-pdf", kwargs={"kode": pd.kode, "tahun": lkjip.tahun}),
    }
    return render(request, "laporan/editor.html", ctx, status=status)


@require_safe
def editor(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    if not LKjIP.objects.filter(perangkat_daerah=pd, tahun=tahun).exists():
        return halaman_tahun_belum_dibuka(request, pd, tahun, judul="LKjIP")
    return tampilkan_editor(request, pd, get_lkjip(pd, tahun))


def _jam(n: Narasi) -> str:
    return timezone.localtime(n.diubah_pada).strftime("%H.%M")


@require_POST
def narasi_simpan(request: HttpRequest, kode: str, tahun: int, bagian: str) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    lkjip = get_lkjip(pd, tahun)
    json_ = wants_json(request)
    form = NarasiForm(request.POST, auto_id=f"id_{id_bagian(bagian)}_%s")
    if not form.is_valid():
        if json_:
            return JsonResponse(
                {"galat": " ".join(e for err in form.errors.values() for e in err)}, status=400
            )
        return tampilkan_editor(request, pd, lkjip, form={bagian: form}, status=400)
    d = form.cleaned_data
    try:
        if request.POST.get("terima_draf"):
            # "Terima draf": the section's drafted text becomes its own text.
            narasi = narasi_services.narasi_terima_draf(
                lkjip=lkjip,
                bagian=bagian,
                judul=d["judul"],
                versi=d["versi"],
                pengguna=request.user,
            )
        else:
            narasi = narasi_services.narasi_simpan(
                lkjip=lkjip,
                bagian=bagian,
                judul=d["judul"],
                teks=d["teks"],
                versi=d["versi"],
                pengguna=request.user,
            )
    except KonflikNarasi as e:
        lain = _konflik(e.narasi)
        if json_:
            return JsonResponse(
                {
                    "konflik": True,
                    "galat": f"Bagian ini sudah diubah oleh {lain['oleh']} pada {lain['waktu']} "
                    "setelah halaman ini Anda buka; teks Anda belum disimpan.",
                    **lain,
                },
                status=409,
            )
        # The user's text stays in the box; saving it again replaces the other text on purpose.
        data = request.POST.copy()
        data["versi"] = str(e.narasi.versi)
        form = NarasiForm(data, auto_id=f"id_{id_bagian(bagian)}_%s")
        return tampilkan_editor(
            request, pd, lkjip, form={bagian: form}, konflik={bagian: e.narasi}, status=409
        )
    except ValidationError as e:
        if json_:
            return JsonResponse({"galat": " ".join(e.messages)}, status=400)
        for pesan in e.messages:
            messages.error(request, pesan)
        return redirect(url_editor(pd, tahun, bagian))
    pesan = f"tersimpan {_jam(narasi)}"
    if json_:
        return JsonResponse(
            {
                "versi": narasi.versi,
                "pesan": pesan,
                "waktu": narasi.diubah_pada.isoformat(),
                "judul": narasi.judul or judul_bagian(bagian),
            }
        )
    messages.success(request, f"“{narasi.judul or judul_bagian(bagian)}” {pesan}.")
    return redirect(url_editor(pd, tahun, bagian))


NAMA_TABEL = {"sdm": "Data SDM", "sarpras": "Sarana prasarana"}


def simpan_formset_tabel(request: HttpRequest, lkjip: LKjIP, tabel: str, fs, versi) -> None:
    """Save a valid SDM or sarpras formset through the service; the outcome becomes the
    user's message (the editor and the sumber daya page both save this way)."""
    baris = [f.baris() for f in fs.forms if not f.kosong()]
    try:
        sumber_daya_services.tabel_simpan(
            lkjip=lkjip,
            tabel=tabel,
            baris=baris,
            versi=versi.cleaned_data["versi"],
            pengguna=request.user,
        )
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
    else:
        messages.success(request, f"{NAMA_TABEL[tabel]} tersimpan: {len(baris)} baris.")


@require_POST
def tabel_simpan(request: HttpRequest, kode: str, tahun: int, tabel: str) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    if tabel not in ("sdm", "sarpras"):
        raise Http404("Tabel tidak dikenal.")
    lkjip = get_lkjip(pd, tahun)
    kelas = SDMFormSet if tabel == "sdm" else SarprasFormSet
    fs = kelas(request.POST, prefix=tabel)
    versi = VersiTabelForm(request.POST, prefix=tabel)
    bagian = "sdm" if tabel == "sdm" else "sarana_prasarana"
    if fs.is_valid() and versi.is_valid():
        simpan_formset_tabel(request, lkjip, tabel, fs, versi)
        return redirect(url_editor(pd, tahun, bagian))
    errors = [str(e) for e in fs.non_form_errors()] or [
        "Tabel belum tersimpan: periksa isian yang ditandai."
    ]
    return tampilkan_editor(request, pd, lkjip, formset={tabel: fs}, errors=errors, status=400)


@require_POST
def penandatanganan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    lkjip = get_lkjip(pd, tahun)
    form = PenandatangananForm(request.POST)
    if not form.is_valid():
        return tampilkan_editor(request, pd, lkjip, form_tanggal=form, status=400)
    try:
        penandatanganan_simpan(
            lkjip=lkjip,
            tempat=form.cleaned_data["tempat"],
            tanggal=form.cleaned_data["tanggal"],
            pengguna=request.user,
        )
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
    else:
        messages.success(request, "Tempat dan tanggal penandatanganan tersimpan.")
    return redirect(url_editor(pd, tahun) + "#penandatanganan")


@require_POST
def penjelasan_temuan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    lkjip = get_lkjip(pd, tahun)
    form = PenjelasanTemuanForm(request.POST)
    if not form.is_valid():
        errors = [e for err in form.errors.values() for e in err]
        return tampilkan_editor(request, pd, lkjip, errors=errors, status=400)
    kunci, teks = form.cleaned_data["kunci"], form.cleaned_data["teks"]
    try:
        obj = penjelasan_temuan_simpan(lkjip=lkjip, kunci=kunci, teks=teks, pengguna=request.user)
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
        return redirect(url_editor(pd, tahun) + "#judul-temuan")
    messages.success(
        request, "Penjelasan temuan tersimpan." if obj else "Penjelasan temuan dihapus."
    )
    return redirect(f"{url_editor(pd, tahun)}#{id_temuan(kunci)}")


# --------------------------------------------------------------------------- preview, draft, readiness


@require_safe
def pratinjau(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    from laporan.dokumen import susun_dokumen
    from laporan.pdf import render_html

    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    get_lkjip(pd, tahun)
    return HttpResponse(render_html(susun_dokumen(pd, tahun), pratinjau=True))


@require_safe
def draf_pdf(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The draft PDF of the data as they are now: printed already (at once), or a
    print on the job queue (its progress page; ``laporan.jobs``)."""
    from laporan.jobs import draf_minta
    from laporan.models import CetakJob
    from laporan.views.cetak import nama_berkas

    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    get_lkjip(pd, tahun)
    job = draf_minta(pd, tahun, request.user)
    if job.status == CetakJob.Status.SELESAI:
        with job.berkas.open("rb") as f:
            r = HttpResponse(f.read(), content_type="application/pdf")
        r["Content-Disposition"] = f'inline; filename="{nama_berkas(job)}"'
        return r
    return redirect("lkjip-cetak-status", kode=pd.kode, tahun=tahun, job=job.pk)


@require_safe
def kesiapan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    if not LKjIP.objects.filter(perangkat_daerah=pd, tahun=tahun).exists():
        return halaman_tahun_belum_dibuka(request, pd, tahun, judul="Kesiapan LKjIP")
    lkjip = get_lkjip(pd, tahun)
    d = data_kesiapan(pd, tahun, peran=peran_kesiapan(request.user, pd))
    kurang = periksa_kesiapan(d)
    th = d.paket.cari_tahun(tahun)
    pk = th.pk_berlaku() if th else None
    ctx = {
        "page": "lkjip-kesiapan",
        "pd": pd,
        "tahun": tahun,
        **alur_ctx(request, pd, lkjip, d),
        "kurang": kurang,
        "siap": not kurang,
        "draf": draf_belum_diperiksa(d),
        "jumlah_pk": len(pk.target) if pk else 0,
    }
    return render(request, "laporan/kesiapan.html", ctx)
