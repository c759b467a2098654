"""Quarterly realisasi grid, its live preview, evidence files and the review of a quarter."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kinerja.access import (
    PESAN_HANYA_BACA,
    boleh_kelola_pemda,
    boleh_tinjau,
    boleh_ubah_data,
    get_editable_perangkat_daerah_for_user,
    get_perangkat_daerah_for_user,
    get_reviewable_perangkat_daerah_for_user,
)
from kinerja.bukti import TIPE_KONTEN, format_ukuran
from kinerja.forms.realisasi import (
    BarisForm,
    BukaKembaliForm,
    BuktiForm,
    KembalikanForm,
    NilaiBarisForm,
    TinjauForm,
    form_grid,
)
from kinerja.models import BuktiDukung, Indikator, PerangkatDaerah, StatusTriwulan
from kinerja.selectors.realisasi import langkah_review, status_semua, waktu_disetujui
from kinerja.services import realisasi as realisasi_services
from kinerja.services.kunci import status_triwulan, tahun_terkunci
from kinerja.services.realisasi import (
    BarisGrid,
    GridTriwulan,
    HasilBaris,
    SimpanError,
    grid_triwulan,
    hitung_tersimpan,
    realisasi_simpan_triwulan,
    romawi,
    teks_nilai,
    ukuran_bukti_maks,
)
from kinerja.services.review import (
    PerluKonfirmasi,
    triwulan_ajukan,
    triwulan_buka_kembali,
    triwulan_kembalikan,
    triwulan_setujui,
)
from kinerja.services.tenggat import tenggat
from lib.format import format_angka_alami

Status = StatusTriwulan.Status

PESAN_BELUM_DISIMPAN = "Realisasi belum disimpan: periksa isian yang ditandai merah."
PESAN_BUKAN_PEMBUKA = (
    "Hanya kepala perangkat daerah atau admin pemda yang dapat membuka kembali triwulan yang "
    "sudah disetujui."
)


# --------------------------------------------------------------------------- rendering


def _cek_triwulan(triwulan: int) -> None:
    if triwulan not in (1, 2, 3, 4):
        raise Http404("Triwulan harus 1 sampai 4.")


def _url_grid(pd: PerangkatDaerah, tahun: int, triwulan: int) -> str:
    return reverse(
        "realisasi-triwulan", kwargs={"kode": pd.kode, "tahun": tahun, "triwulan": triwulan}
    )


@dataclass
class Isian:
    """One input of a row as the template writes it: the name, id, value and attributes
    Django's widget would give it (so the POST, the script and the labels are unchanged)."""

    nama: str
    name: str
    id: str
    value: str | None
    aria_label: str
    maxlength: str
    galat: str
    judul: str = ""


def _isian(form: BarisForm, nama: str, judul: str = "") -> Isian:
    bf = form[nama]
    value = bf.value()
    field = bf.field
    return Isian(
        nama=nama,
        name=bf.html_name,
        id=bf.auto_id,
        value=None if value is None or value == "" else str(value),
        aria_label=field.widget.attrs.get("aria-label", ""),
        maxlength=str(getattr(field, "max_length", None) or ""),
        galat=" ".join(bf.errors),
        judul=judul,
    )


@dataclass
class BarisTampil:
    """One row of the grid as plain data: the template writes it in one flat loop."""

    no: int
    baris: BarisGrid
    form: BarisForm | None
    hasil: HasilBaris
    target_tw: str
    target_sd: str | None
    target_tahunan: str
    realisasi: str
    catatan_kurang: bool
    bukti_error: str | None
    # Numbers the template writes are text already: Django would localize each one.
    id: str = ""
    nomor: str = ""
    kode: str = ""
    nama: str = ""
    iku: bool = False
    meta: str = ""
    rasio: bool = False
    ada_galat: bool = False
    galat_baris: list[str] | None = None
    versi: Isian | None = None
    isian: list[Isian] | None = None
    catatan: Isian | None = None
    catatan_teks: str = ""
    wajib_catatan_tersembunyi: bool = True
    capaian_judul: str | None = None
    predikat: str | None = None
    warna: str = ""
    bukti: list[dict] | None = None
    url_unggah: str = ""


def _bukti_tampil(
    pd: PerangkatDaerah, tahun: int, bukti: list[BuktiDukung], waktu_disetujui=None
) -> list[dict]:
    return [
        {
            "obj": b,
            "ukuran": format_ukuran(b.ukuran),
            "setelah_disetujui": waktu_disetujui is not None and b.waktu > waktu_disetujui,
            "url": reverse(
                "bukti-unduh", kwargs={"kode": pd.kode, "tahun": tahun, "bukti_id": b.pk}
            ),
            "url_hapus": reverse(
                "bukti-hapus", kwargs={"kode": pd.kode, "tahun": tahun, "bukti_id": b.pk}
            ),
        }
        for b in bukti
    ]


def _url_unggah(grid: GridTriwulan, indikator_id: int) -> str:
    return reverse(
        "bukti-unggah",
        kwargs={
            "kode": grid.pd.kode,
            "tahun": grid.tahun,
            "triwulan": grid.triwulan,
            "indikator_id": indikator_id,
        },
    )


def _ctx_bukti(
    grid: GridTriwulan,
    b: BarisGrid,
    dapat_unggah: bool,
    error: str | None,
    *,
    dapat_hapus: bool | None = None,
    disetujui_pada=None,
) -> dict:
    """The context of one evidence cell (``_bukti.html``), answered after an upload or a
    delete; the grid page writes the same cell in its own loop."""
    return {
        "b": b,
        "bukti": _bukti_tampil(grid.pd, grid.tahun, b.bukti, disetujui_pada),
        "dapat_mengisi": dapat_unggah,
        "dapat_hapus": dapat_unggah if dapat_hapus is None else dapat_hapus,
        "galat_bukti": error,
        "url_unggah": _url_unggah(grid, b.indikator.pk),
    }


def _baris_tampil(
    grid, forms_, bukti_errors, dapat_mengisi, disetujui_pada=None
) -> dict[int, BarisTampil]:
    hasil: dict[int, BarisTampil] = {}
    tw = grid.triwulan
    # Every row's upload URL differs only in the indicator's id: reversed once.
    pola_unggah = _url_unggah(grid, 0)
    awalan_unggah = pola_unggah[: pola_unggah.rindex("/0/") + 1]
    for no, b in enumerate(grid.baris, start=1):
        ind = b.indikator
        form = forms_.get(ind.pk) if dapat_mengisi else None
        tersimpan = hitung_tersimpan(grid, b)
        if form is None or not form.is_bound:
            h = tersimpan
        else:
            # A value that could not be read has no capaian (not the stored one).
            h = form.hasil or HasilBaris()
        sd = h.target_sd if h.target_sd is not None else tersimpan.target_sd
        target_tw = b.target_tw_teks[tw - 1] or "-"
        target_sd = None
        if sd is not None and (b.target_tw[tw - 1] is None or sd != b.target_tw[tw - 1]):
            target_sd = format_angka_alami(sd)
        r = b.realisasi
        catatan_kurang = tersimpan.perlu_catatan and not (r and r.catatan.strip())
        x = BarisTampil(
            no=no,
            baris=b,
            form=form,
            hasil=h,
            target_tw=target_tw,
            target_sd=target_sd,
            target_tahunan=b.target_tahunan.label or format_angka_alami(b.target_tahunan.angka)
            if b.target_tahunan
            else "-",
            realisasi=(teks_nilai(r.nilai, r.label, r.pembilang, r.penyebut) if r else None) or "-",
            catatan_kurang=catatan_kurang,
            bukti_error=(bukti_errors or {}).get(ind.pk),
            id=str(ind.pk),
            nomor=str(no),
            kode=ind.kode,
            nama=ind.nama,
            iku=ind.iku,
            meta=f"{ind.satuan} · {ind.get_tipe_penghitungan_display().lower()} · "
            f"polaritas {ind.get_polaritas_display().lower()}",
            rasio=b.rasio,
            capaian_judul=(
                h.capaian.rumus + (f": {h.capaian.catatan}" if h.capaian.catatan else "")
            )
            if h.capaian
            else None,
            predikat=h.band.label if h.band else None,
            warna=(h.band.warna or "#777") if h.band else "",
            bukti=_bukti_tampil(grid.pd, grid.tahun, b.bukti, disetujui_pada),
            url_unggah=f"{awalan_unggah}{ind.pk}/",
        )
        if form is not None:
            x.ada_galat = bool(form.errors)
            x.galat_baris = list(form.non_field_errors())
            x.versi = _isian(form, "versi")
            x.isian = (
                [_isian(form, "pembilang", "Pembilang"), _isian(form, "penyebut", "Penyebut")]
                if b.rasio
                else [_isian(form, "nilai")]
            )
            x.catatan = _isian(form, "catatan")
            x.wajib_catatan_tersembunyi = not catatan_kurang or bool(x.catatan.galat)
        else:
            x.catatan_teks = linebreaksbr(r.catatan if r else "")
            x.wajib_catatan_tersembunyi = not catatan_kurang
        hasil[ind.pk] = x
    return hasil


def _tampilkan(
    request: HttpRequest,
    pd: PerangkatDaerah,
    tahun: int,
    triwulan: int,
    *,
    boleh_ubah: bool,
    grid: GridTriwulan | None = None,
    forms_: dict[int, BarisForm] | None = None,
    form_tinjau: TinjauForm | None = None,
    form_buka: BukaKembaliForm | None = None,
    konfirmasi: list[str] | None = None,
    general_errors: list[str] | None = None,
    bukti_errors: dict[int, str] | None = None,
    status_http: int = 200,
) -> HttpResponse:
    grid = grid or grid_triwulan(pd, tahun, triwulan)
    semua_status = status_semua(pd, tahun)
    status = semua_status.get(triwulan) or StatusTriwulan(
        perangkat_daerah=pd, tahun=tahun, triwulan=triwulan
    )
    langkah = langkah_review(status)
    terakhir = langkah[-1] if langkah else None
    tahun_kunci = tahun_terkunci(pd, tahun)
    dapat_mengisi = boleh_ubah and not status.terkunci and not tahun_kunci
    # Evidence may still be added once the quarter is approved (not while it is reviewed).
    dapat_unggah = boleh_ubah and not tahun_kunci and status.status != Status.DIAJUKAN
    disetujui_pada = waktu_disetujui(status)
    if dapat_mengisi and forms_ is None:
        forms_ = form_grid(grid)
    baris = _baris_tampil(grid, forms_ or {}, bukti_errors, dapat_mengisi, disetujui_pada)
    bagian = [
        {
            "judul": judul,
            "kelompok": [
                {
                    "judul": k.judul,
                    "tingkat": k.tingkat,
                    "baris": [baris[b.indikator.pk] for b in k.baris],
                }
                for k in kelompok
            ],
        }
        for judul, kelompok in grid.bagian()
    ]
    boleh_kepala = boleh_tinjau(request.user, pd)
    boleh_buka = boleh_kepala or boleh_kelola_pemda(request.user, pd.pemda)
    ctx = {
        "page": "realisasi",
        "pd": pd,
        "tahun": tahun,
        "triwulan": triwulan,
        "romawi": romawi(triwulan),
        "tab": [
            {
                "triwulan": q,
                "romawi": romawi(q),
                "url": _url_grid(pd, tahun, q),
                "status": (semua_status.get(q) and semua_status[q].get_status_display()) or "Draf",
                "kode_status": semua_status[q].status if q in semua_status else "draf",
                "aktif": q == triwulan,
                "terlambat": tenggat(
                    pd.pemda, tahun, q, semua_status[q].status if q in semua_status else "draf"
                ).terlambat,
            }
            for q in (1, 2, 3, 4)
        ],
        "status": status,
        "tenggat": tenggat(pd.pemda, tahun, triwulan, status.status),
        "langkah": langkah,
        "terakhir": terakhir,
        "tahun_kunci": tahun_kunci,
        "boleh_ubah": boleh_ubah,
        "dapat_mengisi": dapat_mengisi,
        "dapat_unggah": dapat_unggah,
        "jumlah_bukti_baru": sum(
            1 for x in baris.values() for bk in x.bukti if bk["setelah_disetujui"]
        ),
        "boleh_buka": boleh_buka and status.status == Status.DISETUJUI,
        "dapat_membuka": boleh_buka and not tahun_kunci and status.status == Status.DISETUJUI,
        "form_buka": form_buka or BukaKembaliForm(),
        "konfirmasi": konfirmasi or [],
        "dapat_mengajukan": boleh_ubah
        and not tahun_kunci
        and status.status in (Status.DRAF, Status.DIKEMBALIKAN),
        "dapat_meninjau": boleh_kepala and not tahun_kunci and status.status == Status.DIAJUKAN,
        "form_tinjau": form_tinjau or TinjauForm(),
        "bagian": bagian,
        "semua_baris": list(baris.values()),
        "jumlah_baris": len(grid.baris),
        "aturan": grid.aturan,
        "ambang": format_angka_alami(grid.aturan.ambang_tercapai),
        "galat_umum": general_errors or [],
        "ukuran_maks": format_ukuran(ukuran_bukti_maks()),
        "url_pratinjau": reverse(
            "realisasi-pratinjau", kwargs={"kode": pd.kode, "tahun": tahun, "triwulan": triwulan}
        ),
    }
    return render(request, "kinerja/realisasi/triwulan.html", ctx, status=status_http)


# --------------------------------------------------------------------------- views


@require_http_methods(["GET", "HEAD", "POST"])
def realisasi_triwulan(request: HttpRequest, kode: str, tahun: int, triwulan: int) -> HttpResponse:
    pd, boleh_ubah = get_perangkat_daerah_for_user(request.user, kode)
    if request.method == "POST" and not boleh_ubah:
        raise PermissionDenied(PESAN_HANYA_BACA)
    _cek_triwulan(triwulan)
    if request.method != "POST":
        return _tampilkan(request, pd, tahun, triwulan, boleh_ubah=boleh_ubah)

    grid = grid_triwulan(pd, tahun, triwulan)
    data = request.POST.copy()
    forms_ = form_grid(grid, data)
    general_errors = [PESAN_BELUM_DISIMPAN]
    dikirim = [f for f in forms_.values() if f.is_bound]
    if all(f.is_valid() for f in dikirim):
        berubah = [f.baris_realisasi() for f in dikirim if f.has_changed()]
        try:
            jumlah = realisasi_simpan_triwulan(
                pd=pd, tahun=tahun, triwulan=triwulan, baris=berubah, pengguna=request.user
            )
        except SimpanError as e:
            for indikator_id, pesan in e.per_baris.items():
                for p in pesan:
                    forms_[indikator_id].add_error(None, p)
            # The user saw who changed the row; saving again replaces it on purpose.
            for indikator_id, versi in e.versi_kini.items():
                data[f"r{indikator_id}-versi"] = str(versi)
        except ValidationError as e:
            general_errors = e.messages
        else:
            if jumlah:
                messages.success(
                    request,
                    f"Realisasi triwulan {romawi(triwulan)} tersimpan: {jumlah} indikator diubah.",
                )
            else:
                messages.info(request, "Tidak ada perubahan untuk disimpan.")
            return redirect(_url_grid(pd, tahun, triwulan))
    return _tampilkan(
        request,
        pd,
        tahun,
        triwulan,
        boleh_ubah=boleh_ubah,
        grid=grid,
        forms_=forms_,
        general_errors=general_errors,
    )


@require_POST
def realisasi_pratinjau(request: HttpRequest, kode: str, tahun: int, triwulan: int) -> JsonResponse:
    """Capaian and predicate of one row as typed so far, computed by the engine."""
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    _cek_triwulan(triwulan)
    try:
        indikator_id = int(request.POST.get("indikator", ""))
    except ValueError:
        return JsonResponse({"galat": {"indikator": "Indikator tidak disebutkan."}}, status=400)
    grid = grid_triwulan(pd, tahun, triwulan, indikator_id=indikator_id)
    if not grid.baris:
        raise Http404("Indikator tidak ditemukan.")
    form = NilaiBarisForm(request.POST, baris=grid.baris[0], grid=grid)
    if not form.is_valid() or form.hasil is None:
        return JsonResponse(
            {"galat": {k: " ".join(v) for k, v in form.errors.items()}, "capaian": "-"}
        )
    h = form.hasil
    return JsonResponse(
        {
            "galat": {},
            "capaian": h.capaian_teks,
            "predikat": h.band.label if h.band else "-",
            "warna": (h.band.warna if h.band else None) or "",
            "target_sd": format_angka_alami(h.target_sd) if h.target_sd is not None else "-",
            "realisasi_sd": format_angka_alami(h.realisasi_sd)
            if h.realisasi_sd is not None
            else "-",
            "rumus": h.capaian.rumus if h.capaian else "",
            "perlu_catatan": h.perlu_catatan,
            "pesan_catatan": h.pesan_catatan(grid.aturan) if h.perlu_catatan else "",
        }
    )


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _respon_bukti(request, grid: GridTriwulan, pesan: str, *, error: str | None = None):
    """After an upload/delete: the fresh evidence cell as JSON, or back to the grid."""
    if _wants_json(request):
        grid_baru = grid_triwulan(
            grid.pd, grid.tahun, grid.triwulan, indikator_id=grid.baris[0].indikator.pk
        )
        status = status_triwulan(grid.pd, grid.tahun, grid.triwulan)
        html = render_to_string(
            "kinerja/realisasi/_bukti.html",
            _ctx_bukti(
                grid_baru,
                grid_baru.baris[0],
                status.status != Status.DIAJUKAN,
                error,
                dapat_hapus=not status.terkunci,
                disetujui_pada=waktu_disetujui(status),
            ),
            request=request,
        )
        return JsonResponse(
            {"pesan": pesan, "galat": error, "html": html}, status=400 if error else 200
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, pesan)
    url = _url_grid(grid.pd, grid.tahun, grid.triwulan)
    return redirect(f"{url}#baris-{grid.baris[0].indikator.pk}")


@require_POST
def bukti_unggah(
    request: HttpRequest, kode: str, tahun: int, triwulan: int, indikator_id: int
) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    _cek_triwulan(triwulan)
    if not Indikator.objects.filter(pk=indikator_id, renstra__perangkat_daerah=pd).exists():
        raise Http404("Indikator tidak ditemukan.")
    grid = grid_triwulan(pd, tahun, triwulan, indikator_id=indikator_id)
    if not grid.baris:
        raise Http404("Indikator ini tidak memiliki target pada tahun tersebut.")
    form = BuktiForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            bukti = realisasi_services.bukti_unggah(
                pd=pd,
                tahun=tahun,
                triwulan=triwulan,
                indikator_id=indikator_id,
                berkas=form.cleaned_data["berkas"],
                pengguna=request.user,
            )
        except ValidationError as e:
            form.add_error("berkas", e)
        else:
            return _respon_bukti(request, grid, f"Bukti dukung {bukti.nama_asli} tersimpan.")
    error = " ".join(form.errors.get("berkas", [])) or " ".join(form.non_field_errors())
    if _wants_json(request):
        return _respon_bukti(request, grid, "", error=error)
    return _tampilkan(
        request,
        pd,
        tahun,
        triwulan,
        boleh_ubah=True,
        bukti_errors={indikator_id: error},
        general_errors=[f"Bukti dukung {grid.baris[0].indikator.kode} tidak tersimpan: {error}"],
    )


def _bukti_milik(pd: PerangkatDaerah, tahun: int, bukti_id: int) -> BuktiDukung:
    bukti = (
        BuktiDukung.objects.select_related("realisasi__indikator")
        .filter(
            pk=bukti_id, realisasi__tahun=tahun, realisasi__indikator__renstra__perangkat_daerah=pd
        )
        .first()
    )
    if bukti is None:
        raise Http404("Bukti dukung tidak ditemukan.")
    return bukti


@require_safe
def bukti_unduh(request: HttpRequest, kode: str, tahun: int, bukti_id: int) -> FileResponse:
    pd, _ = get_perangkat_daerah_for_user(request.user, kode)
    bukti = _bukti_milik(pd, tahun, bukti_id)
    try:
        berkas = bukti.berkas.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("Berkas bukti dukung tidak ditemukan di penyimpanan.") from None
    return FileResponse(
        berkas,
        as_attachment=True,
        filename=bukti.nama_asli,
        content_type=TIPE_KONTEN.get(bukti.jenis, "application/octet-stream"),
    )


@require_POST
def bukti_hapus(request: HttpRequest, kode: str, tahun: int, bukti_id: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    bukti = _bukti_milik(pd, tahun, bukti_id)
    r = bukti.realisasi
    grid = grid_triwulan(pd, tahun, r.triwulan, indikator_id=r.indikator_id)
    if not grid.baris:
        raise Http404("Bukti dukung tidak ditemukan.")
    nama = bukti.nama_asli
    try:
        realisasi_services.bukti_hapus(pd=pd, bukti=bukti, pengguna=request.user)
    except ValidationError as e:
        return _respon_bukti(request, grid, "", error=" ".join(e.messages))
    return _respon_bukti(request, grid, f"Bukti dukung {nama} dihapus.")


@require_POST
def realisasi_ajukan(request: HttpRequest, kode: str, tahun: int, triwulan: int) -> HttpResponse:
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    _cek_triwulan(triwulan)
    try:
        triwulan_ajukan(pd=pd, tahun=tahun, triwulan=triwulan, pengguna=request.user)
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
    else:
        messages.success(
            request,
            f"Triwulan {romawi(triwulan)} diajukan kepada kepala; isian tidak dapat diubah "
            "sampai dikembalikan.",
        )
    return redirect(_url_grid(pd, tahun, triwulan))


def _tampilkan_tinjau(request, pd, tahun: int, triwulan: int, form: TinjauForm) -> HttpResponse:
    """The grid again with the review form's errors (and the comment as typed)."""
    form.fields["komentar"].widget.attrs["autofocus"] = True
    return _tampilkan(
        request,
        pd,
        tahun,
        triwulan,
        boleh_ubah=boleh_ubah_data(request.user, pd),
        form_tinjau=form,
        general_errors=[f"Triwulan {romawi(triwulan)} belum ditinjau: periksa komentar di bawah."],
    )


@require_POST
def realisasi_setujui(request: HttpRequest, kode: str, tahun: int, triwulan: int) -> HttpResponse:
    pd = get_reviewable_perangkat_daerah_for_user(request.user, kode)
    _cek_triwulan(triwulan)
    form = TinjauForm(request.POST)
    if not form.is_valid():
        return _tampilkan_tinjau(request, pd, tahun, triwulan, form)
    try:
        triwulan_setujui(
            pd=pd,
            tahun=tahun,
            triwulan=triwulan,
            pengguna=request.user,
            komentar=form.cleaned_data["komentar"],
            konfirmasi=form.cleaned_data["konfirmasi"],
        )
    except PerluKonfirmasi as e:
        # Ask again, naming what is missing; the comment typed so far is kept.
        return _tampilkan(
            request,
            pd,
            tahun,
            triwulan,
            boleh_ubah=boleh_ubah_data(request.user, pd),
            form_tinjau=TinjauForm(initial={"komentar": form.cleaned_data["komentar"]}),
            konfirmasi=e.kekurangan,
        )
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
    else:
        messages.success(request, f"Triwulan {romawi(triwulan)} disetujui.")
    return redirect(_url_grid(pd, tahun, triwulan))


@require_POST
def realisasi_kembalikan(
    request: HttpRequest, kode: str, tahun: int, triwulan: int
) -> HttpResponse:
    pd = get_reviewable_perangkat_daerah_for_user(request.user, kode)
    _cek_triwulan(triwulan)
    form = KembalikanForm(request.POST)
    if form.is_valid():
        try:
            triwulan_kembalikan(
                pd=pd,
                tahun=tahun,
                triwulan=triwulan,
                pengguna=request.user,
                komentar=form.cleaned_data["komentar"],
            )
        except ValidationError as e:
            for pesan in e.messages:
                messages.error(request, pesan)
            return redirect(_url_grid(pd, tahun, triwulan))
        else:
            messages.success(
                request,
                f"Triwulan {romawi(triwulan)} dikembalikan kepada operator dengan komentar.",
            )
            return redirect(_url_grid(pd, tahun, triwulan))
    return _tampilkan_tinjau(request, pd, tahun, triwulan, form)


@require_POST
def realisasi_buka_kembali(
    request: HttpRequest, kode: str, tahun: int, triwulan: int
) -> HttpResponse:
    """The kepala (or admin pemda) reopens an approved quarter for the operator to correct."""
    pd, boleh_ubah = get_perangkat_daerah_for_user(request.user, kode)
    if not (boleh_tinjau(request.user, pd) or boleh_kelola_pemda(request.user, pd.pemda)):
        raise PermissionDenied(PESAN_BUKAN_PEMBUKA)
    _cek_triwulan(triwulan)
    form = BukaKembaliForm(request.POST)
    if not form.is_valid():
        form.fields["alasan"].widget.attrs["autofocus"] = True
        return _tampilkan(
            request,
            pd,
            tahun,
            triwulan,
            boleh_ubah=boleh_ubah,
            form_buka=form,
            general_errors=[
                f"Triwulan {romawi(triwulan)} belum dibuka kembali: tuliskan alasannya."
            ],
            status_http=400,
        )
    try:
        triwulan_buka_kembali(
            pd=pd,
            tahun=tahun,
            triwulan=triwulan,
            pengguna=request.user,
            alasan=form.cleaned_data["alasan"],
        )
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
    else:
        messages.success(
            request,
            f"Triwulan {romawi(triwulan)} dibuka kembali: operator dapat mengoreksi isiannya "
            "lalu mengajukannya lagi.",
        )
    return redirect(_url_grid(pd, tahun, triwulan))
