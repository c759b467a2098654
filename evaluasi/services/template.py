"""The pemda's LKE worksheet versions: the default version loaded from the data file,
a new version copied from another, and the edits of the Admin pemda.

A version that an evaluation uses is never changed: an edit of such a version copies
it into a new version (the next number) and changes the copy. Every write is audited
(``kinerja.audit``, on the pemda: no perangkat daerah).
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from evaluasi.models import KomponenLke, KriteriaLke, SubKomponenLke, TemplateLke
from evaluasi.selectors import kode_kriteria, template_dipakai
from kinerja.audit import catat_perubahan
from kinerja.models import Pemda

DATA_BAWAAN = Path(__file__).resolve().parent.parent / "data" / "lke_88_2021.json"

PESAN_SKALA = "Pilih skala jawaban: {pilihan}."
PESAN_BOBOT = "Bobot harus berupa angka lebih dari 0 (contoh: 4,5)."
PESAN_URAIAN = "Uraian kriteria wajib diisi."
PESAN_NAMA = "Nama subkomponen wajib diisi."


def _data_bawaan() -> dict:
    return json.loads(DATA_BAWAAN.read_text(encoding="utf-8"))


def _catat(template: TemplateLke, pengguna, aksi: str, uraian: str, **lain) -> None:
    catat_perubahan(
        pengguna=pengguna,
        perangkat_daerah=None,
        aksi=aksi,
        objek=template,
        uraian=uraian,
        data={"pemda": template.pemda.kode, "versi": template.versi, **lain.pop("data", {})},
        **lain,
    )


@transaction.atomic
def template_bawaan_muat(pemda: Pemda, pengguna=None) -> TemplateLke:
    """The pemda's first version, from the data file (PermenPANRB 88/2021), unless the
    pemda already has one (then its latest version)."""
    Pemda.objects.select_for_update().get(pk=pemda.pk)
    ada = TemplateLke.objects.filter(pemda=pemda).order_by("-versi").first()
    if ada is not None:
        return ada
    data = _data_bawaan()
    template = TemplateLke.objects.create(
        pemda=pemda,
        versi=1,
        nama=data["nama"],
        sumber=data["sumber"],
        skala=data["skala"],
        dibuat_oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None,
    )
    for komp in data["komponen"]:
        k = KomponenLke.objects.create(
            template=template, nomor=komp["nomor"], nama=komp["nama"], bobot=Decimal(komp["bobot"])
        )
        for sub in komp["sub"]:
            s = SubKomponenLke.objects.create(
                komponen=k, nomor=sub["nomor"], nama=sub["nama"], bobot=Decimal(sub["bobot"])
            )
            KriteriaLke.objects.bulk_create(
                KriteriaLke(sub=s, nomor=i, uraian=kr["uraian"], skala=kr["skala"])
                for i, kr in enumerate(sub["kriteria"], 1)
            )
    _catat(template, pengguna, "lke.template.bawaan", f"Template LKE {pemda} versi 1 (bawaan)")
    return template


def _salin(template: TemplateLke, pengguna) -> tuple[TemplateLke, dict[int, int], dict[int, int]]:
    """A copy of ``template`` as the pemda's next version; the new ids of its
    sub-components and criteria by the old ones."""
    versi = TemplateLke.objects.filter(pemda=template.pemda).aggregate(m=Max("versi"))["m"] + 1
    baru = TemplateLke.objects.create(
        pemda=template.pemda,
        versi=versi,
        nama=template.nama,
        sumber=template.sumber,
        skala=template.skala,
        dari_versi=template.versi,
        dibuat_oleh=pengguna if getattr(pengguna, "is_authenticated", False) else None,
    )
    peta_sub: dict[int, int] = {}
    peta_kriteria: dict[int, int] = {}
    for komp in template.komponen.order_by("nomor"):
        k = KomponenLke.objects.create(
            template=baru, nomor=komp.nomor, nama=komp.nama, bobot=komp.bobot
        )
        for sub in komp.sub.order_by("nomor"):
            s = SubKomponenLke.objects.create(
                komponen=k, nomor=sub.nomor, nama=sub.nama, bobot=sub.bobot
            )
            peta_sub[sub.pk] = s.pk
            for kr in sub.kriteria.order_by("nomor"):
                lama = kr.pk
                kr.pk = None
                kr.sub = s
                kr.save()
                peta_kriteria[lama] = kr.pk
    return baru, peta_sub, peta_kriteria


def _kunci_pemda(template: TemplateLke) -> None:
    # One version number at a time per pemda.
    Pemda.objects.select_for_update().get(pk=template.pemda_id)


@transaction.atomic
def template_salin(*, template: TemplateLke, pengguna) -> TemplateLke:
    """A new version of the pemda's worksheet, a copy of ``template``."""
    _kunci_pemda(template)
    baru, _, _ = _salin(template, pengguna)
    _catat(
        baru,
        pengguna,
        "lke.template.salin",
        f"Template LKE {template.pemda} versi {baru.versi} (salinan versi {template.versi})",
    )
    return baru


def _dapat_diubah(template: TemplateLke, pengguna):
    """The version to change: ``template`` itself, or its new copy when it is in use."""
    _kunci_pemda(template)
    if not template_dipakai(template):
        return template, None, None
    return _salin(template, pengguna)


def _bobot(teks: str) -> Decimal:
    try:
        nilai = Decimal(str(teks).strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError({"bobot": PESAN_BOBOT}) from None
    if not nilai.is_finite() or nilai <= 0 or nilai >= 1000:
        raise ValidationError({"bobot": PESAN_BOBOT})
    return nilai


def _periksa_kriteria(template: TemplateLke, uraian: str, skala: str, bobot: str):
    galat = {}
    if not uraian.strip():
        galat["uraian"] = PESAN_URAIAN
    if skala not in template.skala:
        galat["skala"] = PESAN_SKALA.format(pilihan=", ".join(template.skala))
    try:
        nilai = _bobot(bobot)
    except ValidationError as e:
        galat.update(e.message_dict)
        nilai = None
    if galat:
        raise ValidationError(galat)
    return uraian.strip(), nilai


@transaction.atomic
def kriteria_ubah(
    *, kriteria: KriteriaLke, uraian: str, skala: str, bobot: str, pengguna
) -> KriteriaLke:
    """Change a criterion (its text, scale, relative weight); in a copy of its version
    when the version is in use. Returns the criterion changed."""
    template = kriteria.sub.komponen.template
    uraian, nilai = _periksa_kriteria(template, uraian, skala, bobot)
    target, _, peta = _dapat_diubah(template, pengguna)
    if peta is not None:
        kriteria = KriteriaLke.objects.select_related("sub__komponen").get(pk=peta[kriteria.pk])
    lama = {"uraian": kriteria.uraian, "skala": kriteria.skala, "bobot": kriteria.bobot}
    kriteria.uraian, kriteria.skala, kriteria.bobot = uraian, skala, nilai
    kriteria.save()
    _catat(
        target,
        pengguna,
        "lke.kriteria.ubah",
        f"Kriteria {kode_kriteria(kriteria)} template LKE versi {target.versi}",
        lama=lama,
        baru={"uraian": uraian, "skala": skala, "bobot": nilai},
    )
    return kriteria


@transaction.atomic
def kriteria_tambah(
    *, sub: SubKomponenLke, uraian: str, skala: str, bobot: str, pengguna
) -> KriteriaLke:
    """A new criterion at the end of a sub-component (in a copy when its version is in use)."""
    template = sub.komponen.template
    uraian, nilai = _periksa_kriteria(template, uraian, skala, bobot)
    target, peta, _ = _dapat_diubah(template, pengguna)
    if peta is not None:
        sub = SubKomponenLke.objects.select_related("komponen").get(pk=peta[sub.pk])
    nomor = (sub.kriteria.aggregate(m=Max("nomor"))["m"] or 0) + 1
    kriteria = KriteriaLke.objects.create(
        sub=sub, nomor=nomor, uraian=uraian, skala=skala, bobot=nilai
    )
    _catat(
        target,
        pengguna,
        "lke.kriteria.tambah",
        f"Kriteria {kode_kriteria(kriteria)} template LKE versi {target.versi}",
        baru={"uraian": uraian, "skala": skala, "bobot": nilai},
    )
    return kriteria


@transaction.atomic
def sub_ubah(*, sub: SubKomponenLke, nama: str, bobot: str, pengguna) -> SubKomponenLke:
    """Change a sub-component's name and weight (in a copy when its version is in use).
    The weights of a component may then no longer add up: the version page says so, and
    no evaluation is started on it until they do."""
    if not nama.strip():
        raise ValidationError({"nama": PESAN_NAMA})
    nilai = _bobot(bobot)
    target, peta, _ = _dapat_diubah(sub.komponen.template, pengguna)
    if peta is not None:
        sub = SubKomponenLke.objects.select_related("komponen").get(pk=peta[sub.pk])
    lama = {"nama": sub.nama, "bobot": sub.bobot}
    sub.nama, sub.bobot = nama.strip(), nilai
    sub.save()
    _catat(
        target,
        pengguna,
        "lke.sub.ubah",
        f"Subkomponen {sub.komponen.nomor}.{sub.nomor} template LKE versi {target.versi}",
        lama=lama,
        baru={"nama": sub.nama, "bobot": nilai},
    )
    return sub
