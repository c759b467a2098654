"""Forms of the planning screens: indikator, Perjanjian Kinerja, Rencana Aksi.

``form_indikator`` and ``form_pk`` build a form loaded with what is stored (and
the ``asal`` the service compares against); the writes are
``kinerja.services.perencanaan``'s.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.db.models import Q

from kinerja.engine.realisasi import TipePenghitungan
from kinerja.forms.asal import FormDenganAsal
from kinerja.forms.fields import NilaiField, RasioField, TargetField, UangField
from kinerja.models import (
    BATAS_ATAS_CHOICES,
    BATAS_BAWAH_CHOICES,
    POLARITAS_CHOICES,
    RUMUS_NEGATIF_CHOICES,
    TIPE_CHOICES,
    Indikator,
    PerjanjianKinerja,
    Program,
    Renstra,
)
from kinerja.selectors.tahun import tahun_terkunci_dari
from kinerja.services.perencanaan.common import teks_nilai
from kinerja.services.perencanaan.indikator import kanon_indikator
from kinerja.services.perencanaan.pk import (
    kanon_perjanjian_kinerja,
    kunci_anggaran_pk,
    kunci_target_pk,
)
from kinerja.services.perencanaan.rencana_aksi import kunci_rencana_aksi
from lib.format import BULAN, ROMAWI_TRIWULAN

__all__ = [
    "IndikatorForm",
    "PKForm",
    "PerubahanBaruForm",
    "RencanaAksiForm",
    "TanggalIsian",
    "form_indikator",
    "form_pk",
]


class IndikatorForm(FormDenganAsal):
    nama = forms.CharField(label="Nama indikator", widget=forms.Textarea(attrs={"rows": 2}))
    satuan = forms.CharField(label="Satuan", max_length=50)
    polaritas = forms.ChoiceField(label="Polaritas", choices=POLARITAS_CHOICES)
    tipe_penghitungan = forms.ChoiceField(label="Tipe penghitungan", choices=TIPE_CHOICES)
    iku = forms.BooleanField(label="Indikator Kinerja Utama (IKU)", required=False)
    formulasi = forms.CharField(
        label="Formulasi", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    definisi_operasional = forms.CharField(
        label="Definisi operasional", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    alasan_pemilihan = forms.CharField(
        label="Alasan pemilihan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    sumber_data = forms.CharField(
        label="Sumber data", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    penanggung_jawab = forms.CharField(label="Penanggung jawab", required=False, max_length=200)
    rumus_negatif = forms.ChoiceField(
        label="Rumus polaritas negatif",
        required=False,
        choices=[("", "Mengikuti aturan pemda")] + RUMUS_NEGATIF_CHOICES,
    )
    batas_atas_capaian = forms.TypedChoiceField(
        label="Batas atas capaian",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Mengikuti aturan pemda")] + [(str(v), t) for v, t in BATAS_ATAS_CHOICES],
    )
    batas_bawah_capaian = forms.TypedChoiceField(
        label="Batas bawah capaian",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Mengikuti aturan pemda")] + [(str(v), t) for v, t in BATAS_BAWAH_CHOICES],
    )
    target_akhir = TargetField(label="Target akhir Renstra", required=False)

    def __init__(self, *args, tahun_list: list[int], terkunci: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.tahun_list = tahun_list
        for tahun in tahun_list:
            self.fields[f"target-{tahun}"] = TargetField(
                label=f"Target {tahun}", required=False, disabled=tahun in terkunci
            )

    def clean_nama(self) -> str:
        return self.cleaned_data["nama"].replace("\r\n", "\n").strip()

    def clean_satuan(self) -> str:
        return self.cleaned_data["satuan"].strip()

    def kolom_target(self):
        return [(t, self[f"target-{t}"]) for t in self.tahun_list]


def form_indikator(ind: Indikator, data=None) -> IndikatorForm:
    """The form of ``ind`` loaded with its stored values (years signed off are read-only)."""
    r = ind.renstra
    tahun_list = list(range(r.mulai, r.selesai + 1))
    terkunci = tahun_terkunci_dari(r.perangkat_daerah, tahun_list)
    target = {t.tahun: t for t in ind.target_tahunan.all()}
    asal = kanon_indikator(ind)
    initial: dict[str, Any] = {n: getattr(ind, n) for n in IndikatorForm.base_fields if n != "asal"}
    initial["target_akhir"] = asal["target_akhir"]
    for tahun in tahun_list:
        t = target.get(tahun)
        teks = teks_nilai(t.nilai, t.label) if t else ""
        initial[f"target-{tahun}"] = teks
        asal[f"target-{tahun}"] = teks
    initial["asal"] = json.dumps(asal)
    return IndikatorForm(data, initial=initial, tahun_list=tahun_list, terkunci=terkunci)


# --------------------------------------------------------------------------- Perjanjian Kinerja


class TanggalIsian(forms.DateField):
    """A date typed the Indonesian way: "11-01-2024", "11/01/2024" or "11 Januari 2024"."""

    default_error_messages = {
        "invalid": "Tulis tanggal seperti 11-01-2024 atau 11 Januari 2024.",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"])
        kwargs.setdefault(
            "widget", forms.DateInput(format="%d-%m-%Y", attrs={"placeholder": "hh-bb-tttt"})
        )
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            bagian = value.strip().split()
            if len(bagian) == 3 and bagian[1].capitalize() in BULAN:
                value = f"{bagian[0]}-{BULAN.index(bagian[1].capitalize()) + 1}-{bagian[2]}"
        return super().to_python(value)


class PKForm(FormDenganAsal):
    tanggal = TanggalIsian(label="Tanggal penandatanganan", required=False)
    tempat = forms.CharField(label="Tempat penandatanganan", required=False, max_length=100)

    def __init__(self, *args, indikator: list[Indikator], program: list[Program], **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        self.program = program
        for ind in indikator:
            self.fields[kunci_target_pk(ind.pk)] = TargetField(label=ind.nama, required=False)
        for p in program:
            self.fields[kunci_anggaran_pk(p.pk)] = UangField(label=p.nama, required=False)

    def baris_target(self):
        return [(ind, self[kunci_target_pk(ind.pk)]) for ind in self.indikator]

    def baris_anggaran(self):
        return [(p, self[kunci_anggaran_pk(p.pk)]) for p in self.program]


def form_pk(pk: PerjanjianKinerja, renstra_obj: Renstra | None, data=None) -> PKForm:
    """The form of ``pk``: its targets and budgets, plus every indicator and program of the
    Renstra that could be added."""
    asal = kanon_perjanjian_kinerja(pk)
    di_pk = [t.indikator_id for t in pk.target.all()]
    dengan_anggaran = [a.program_id for a in pk.anggaran_program.all()]
    kriteria = Q(pk__in=di_pk)
    kriteria_program = Q(pk__in=dengan_anggaran)
    if renstra_obj is not None:
        kriteria |= Q(renstra=renstra_obj, kegiatan=None, sub_kegiatan=None)
        kriteria_program |= Q(renstra=renstra_obj)
    indikator = list(
        Indikator.objects.filter(kriteria, renstra__perangkat_daerah_id=pk.perangkat_daerah_id)
        .select_related("tujuan", "sasaran", "program")
        .order_by("urutan", "kode")
    )
    program = list(
        Program.objects.filter(
            kriteria_program, renstra__perangkat_daerah_id=pk.perangkat_daerah_id
        ).order_by("urutan", "kode")
    )
    initial: dict[str, Any] = {"tanggal": pk.tanggal, "tempat": pk.tempat}
    for ind in indikator:
        asal.setdefault(kunci_target_pk(ind.pk), "")
    for p in program:
        asal.setdefault(kunci_anggaran_pk(p.pk), "")
    initial.update({k: v for k, v in asal.items() if k not in ("tanggal", "tempat")})
    initial["asal"] = json.dumps(asal)
    return PKForm(data, initial=initial, indikator=indikator, program=program)


class TujuanForm(forms.Form):
    """The sasaran RPJMD a tujuan supports (the top of the pohon kinerja)."""

    sasaran_rpjmd = forms.CharField(
        label="Sasaran RPJMD yang didukung",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Sasaran RPJMD pemerintah daerah yang didukung tujuan ini; kosongkan bila belum ada.",
    )


class PerubahanBaruForm(forms.Form):
    dari_versi = forms.CharField(max_length=20)


# --------------------------------------------------------------------------- Rencana Aksi


class RencanaAksiForm(FormDenganAsal):
    def __init__(self, *args, indikator: list[Indikator], terkunci: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        for ind in indikator:
            rasio = ind.tipe_penghitungan == TipePenghitungan.RASIO.value
            for tw in (1, 2, 3, 4):
                kelas = RasioField if rasio else NilaiField
                self.fields[kunci_rencana_aksi(ind.pk, tw)] = kelas(
                    label=f"{ind.kode} TW {ROMAWI_TRIWULAN[tw - 1]}",
                    required=False,
                    disabled=tw in terkunci,
                )

    def sel(self, ind: Indikator) -> list:
        return [self[kunci_rencana_aksi(ind.pk, tw)] for tw in (1, 2, 3, 4)]
