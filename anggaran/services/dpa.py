"""Creating the DPA murni of a new year, optionally with the previous year's pagu."""

from __future__ import annotations

from django.db import transaction

from anggaran.models import DPA, Pagu, PaguJenisBelanja
from anggaran.selectors import node_per_kode
from kinerja.audit import catat_perubahan
from kinerja.engine.hitung import klasifikasi_lama
from kinerja.models import PerangkatDaerah
from kinerja.services.kunci import pastikan_tahun_terbuka

PESAN_PAGU_DISALIN = "Pagu disalin dari DPA {tahun} — periksa dan sesuaikan."


@transaction.atomic
def dpa_murni_buat(
    *, perangkat_daerah: PerangkatDaerah, tahun: int, renstra, pengguna, salin_pagu: bool
) -> DPA | None:
    """The DPA murni of a new year over the program tree of ``renstra`` (the Renstra of the year).

    Without ``salin_pagu`` its pagu is empty: the DPA page lists every program, kegiatan and
    sub kegiatan of the tree for the user to fill. With ``salin_pagu`` the amounts of the
    previous year's DPA in force (its latest version) are copied onto the nodes of the same
    code, with the jenis belanja amounts, and the DPA is marked as a draft copy
    (``pagu_disalin_dari``) until the user saves the DPA page. Returns None, changing
    nothing, when the year already has a DPA (any version).
    """
    pd = perangkat_daerah
    if DPA.objects.filter(perangkat_daerah=pd, tahun=tahun).exists():
        return None
    pastikan_tahun_terbuka(pd, tahun)
    sumber = None
    if salin_pagu:
        sumber = (
            DPA.objects.filter(perangkat_daerah=pd, tahun=tahun - 1)
            .order_by("-urutan_versi")
            .first()
        )
    dpa = DPA(
        perangkat_daerah=pd,
        tahun=tahun,
        versi="murni",
        urutan_versi=0,
        pagu_disalin_dari=sumber.tahun if sumber else None,
    )
    dpa.full_clean()
    dpa.save()
    tidak_ada: list[str] = []
    disalin = 0
    if sumber is not None:
        node = node_per_kode(renstra)
        baru = []
        for p in Pagu.objects.filter(dpa=sumber).select_related(
            "program", "kegiatan", "sub_kegiatan"
        ):
            tujuan = node.get(p.kode)
            if tujuan is None:
                tidak_ada.append(p.kode)
                continue
            baru.append(Pagu(dpa=dpa, jumlah=p.jumlah, **tujuan))
        Pagu.objects.bulk_create(baru)
        # Accounts of the old structure (before 2021) do not carry over into a year of
        # the new one: the codes mean other things there.
        jenis = (
            [
                PaguJenisBelanja(dpa=dpa, kode=j.kode, jumlah=j.jumlah)
                for j in PaguJenisBelanja.objects.filter(dpa=sumber)
            ]
            if klasifikasi_lama(sumber.tahun) == klasifikasi_lama(tahun)
            else []
        )
        PaguJenisBelanja.objects.bulk_create(jenis)
        disalin = len(baru) + len(jenis)
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=pd,
        aksi="dpa.buat",
        objek=dpa,
        uraian=f"DPA murni {tahun}"
        + (f" (pagu disalin dari DPA {sumber.versi} {sumber.tahun})" if sumber else ""),
        tahun=tahun,
        data={
            "pagu_disalin_dari": f"DPA {sumber.versi} {sumber.tahun}" if sumber else None,
            "angka_pagu_disalin": disalin,
            "kode_tidak_ada_di_renstra_tahun_ini": tidak_ada,
        },
    )
    return dpa
