"""SDM (pegawai by status and rank) and sarana prasarana of a year, with their efficiency.

The rows are the BAB I tables of the LKjIP (laporan.models.DataSDM and
SaranaPrasarana), saved through the same service as the editor's tables
(``tabel_simpan``: only while the LKjIP is a draft, audited old → new). This
page adds the need of each row and the availability and efficiency computed
by ``kinerja.engine.sumber_daya`` (DOMAIN §8.2–8.3).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from kinerja.access import get_editable_perangkat_daerah_for_user, get_perangkat_daerah_for_user
from kinerja.engine.hitung import HitungError, hitung
from kinerja.engine.sumber_daya import Ketersediaan, efisiensi_baris, efisiensi_total, ketersediaan
from laporan.forms import SarprasFormSet, SDMFormSet, VersiTabelForm
from laporan.models import LKjIP
from laporan.selectors_paket import paket_muat
from laporan.services.kunci import pesan_tidak_bisa_diubah
from laporan.tables import tabel_efisiensi_sarpras, tabel_efisiensi_sdm
from laporan.views.editor import _tabel_ctx, get_lkjip, simpan_formset_tabel

KELAS = {"sdm": SDMFormSet, "sarpras": SarprasFormSet}


@dataclass
class BarisSDM:
    kelompok: str
    uraian: str
    pns: int
    non_pns: int
    ketersediaan: Ketersediaan
    efisiensi: Decimal | None


def _rata_rata_capaian_iku(pd, tahun: int) -> Decimal | None:
    try:
        return hitung(paket_muat(pd, tahun), tahun).ringkasan["rata_rata_capaian_iku"]
    except HitungError:
        return None


def _efisiensi(t: dict, rata: Decimal | None) -> dict:
    """Rows and totals of availability and efficiency from the saved tables."""
    sdm = []
    for r in t["sdm"]["baris"]:
        k = ketersediaan([(r["pns"] + r["non_pns"], r["kebutuhan"])])
        sdm.append(
            BarisSDM(
                kelompok=r["kelompok"],
                uraian=r["uraian"],
                pns=r["pns"],
                non_pns=r["non_pns"],
                ketersediaan=k,
                efisiensi=efisiensi_baris(k.persen),
            )
        )
    total_sdm = ketersediaan((r["pns"] + r["non_pns"], r["kebutuhan"]) for r in t["sdm"]["baris"])
    total_sarpras = ketersediaan((r["jumlah"], r["kebutuhan"]) for r in t["sarpras"]["baris"])
    efisiensi_sdm = efisiensi_total(rata, total_sdm.persen)
    efisiensi_sarpras = efisiensi_total(rata, total_sarpras.persen)
    return {
        "rata": rata,
        "sdm": sdm,
        "total_sdm": total_sdm,
        "efisiensi_sdm": efisiensi_sdm,
        "total_sarpras": total_sarpras,
        "efisiensi_sarpras": efisiensi_sarpras,
        "tabel_sdm": tabel_efisiensi_sdm(sdm, total_sdm, efisiensi_sdm),
        "tabel_sarpras": tabel_efisiensi_sarpras(total_sarpras, efisiensi_sarpras),
    }


def _tampilkan(
    request, pd, lkjip: LKjIP, rw: bool, formset: dict | None = None, status: int = 200
) -> HttpResponse:
    dapat_mengubah = rw and lkjip.status == LKjIP.Status.DRAF
    tabel = _tabel_ctx(lkjip, dapat_mengubah, formset or {})
    url = reverse("lkjip-sumber-daya", kwargs={"kode": pd.kode, "tahun": lkjip.tahun})
    for t in tabel.values():
        t["url"] = url
    ctx = {
        "page": "sumber-daya",
        "pd": pd,
        "tahun": lkjip.tahun,
        "lkjip": lkjip,
        "rw": rw,
        "terkunci": pesan_tidak_bisa_diubah(lkjip),
        "tabel": tabel,
        "efisiensi": _efisiensi(tabel, _rata_rata_capaian_iku(pd, lkjip.tahun)),
    }
    return render(request, "laporan/sumber_daya.html", ctx, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def sumber_daya(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    if request.method != "POST":
        pd, rw = get_perangkat_daerah_for_user(request.user, kode)
        return _tampilkan(request, pd, get_lkjip(pd, tahun), rw)
    pd = get_editable_perangkat_daerah_for_user(request.user, kode)
    lkjip = get_lkjip(pd, tahun)
    nama = request.POST.get("tabel")
    if nama not in KELAS:
        messages.error(request, "Tabel yang dikirim tidak dikenal; muat ulang halaman.")
        return redirect("lkjip-sumber-daya", kode=pd.kode, tahun=tahun)
    fs = KELAS[nama](request.POST, prefix=nama)
    versi = VersiTabelForm(request.POST, prefix=nama)
    if not (fs.is_valid() and versi.is_valid()):
        messages.error(request, "Tabel belum tersimpan: periksa isian yang ditandai.")
        return _tampilkan(request, pd, lkjip, True, formset={nama: fs}, status=400)
    simpan_formset_tabel(request, lkjip, nama, fs, versi)
    return redirect("lkjip-sumber-daya", kode=pd.kode, tahun=tahun)
