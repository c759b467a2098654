"""The home page's links to the LKE: the pemda's evaluations for the Inspektorat and the
admin pemda, and the evaluations that wait for the user's step (only on the home page)."""

from __future__ import annotations

from django.urls import reverse

from evaluasi.models import EvaluasiLke
from kinerja.access import peran
from kinerja.models import Peran

J = Peran.Jenis
S = EvaluasiLke.Status
# The statuses in which an evaluation waits for each role.
MENUNGGU = {
    J.OPERATOR: (S.DRAF,),
    J.KEPALA: (S.DRAF,),
    J.EVALUATOR: (S.DIAJUKAN, S.DIKEMBALIKAN),
    J.PENGENDALI_TEKNIS: (S.DINILAI,),
}


def tautan_lke(request) -> dict:
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "beranda":
        return {}
    p = peran(getattr(request, "user", None))
    if p is None:
        return {}
    ctx: dict = {}
    if p.perangkat_daerah_id is None:
        ctx["url_lke"] = reverse("lke-daftar", kwargs={"kode": p.pemda.kode})
    status = MENUNGGU.get(p.jenis)
    if status:
        daftar = EvaluasiLke.objects.filter(status__in=status).select_related("perangkat_daerah")
        if p.perangkat_daerah_id:
            daftar = daftar.filter(perangkat_daerah_id=p.perangkat_daerah_id)
        else:
            daftar = daftar.filter(perangkat_daerah__pemda_id=p.pemda_id)
        ctx["lke_menunggu"] = [
            {
                "url": reverse(
                    "lke-evaluasi", kwargs={"kode": e.perangkat_daerah.kode, "tahun": e.tahun}
                ),
                "judul": f"Evaluasi AKIP {e.perangkat_daerah.nama} tahun {e.tahun}",
                "status": e.get_status_display(),
            }
            for e in daftar.order_by("perangkat_daerah__kode", "-tahun")[:20]
        ]
    # The home page (a kinerja template) includes what higher apps give it by name.
    ctx["sisipan_beranda"] = ["evaluasi/_menunggu.html"]
    return ctx
