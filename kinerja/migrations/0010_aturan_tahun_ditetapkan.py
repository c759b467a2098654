"""Years signed before the rules were stored with them keep the pemda's rules of now.

The rules in force when they were signed are not known any more; the rules of
the day of this migration are the closest, and from here on a change of the
pemda's rules no longer changes those signed years.
"""

from django.db import migrations


def simpan_aturan(apps, schema_editor):
    from kinerja.aturan import _aturan_dari_model, aturan_ke_json

    LKjIP = apps.get_model("laporan", "LKjIP")
    AturanTahun = apps.get_model("kinerja", "AturanTahun")
    BandPredikat = apps.get_model("kinerja", "BandPredikat")
    ada = set(AturanTahun.objects.values_list("perangkat_daerah_id", "tahun"))
    per_pemda = {}
    for x in LKjIP.objects.filter(status="ditetapkan").select_related("perangkat_daerah__pemda"):
        if (x.perangkat_daerah_id, x.tahun) in ada:
            continue
        pemda = x.perangkat_daerah.pemda
        if pemda.pk not in per_pemda:
            bands = list(BandPredikat.objects.filter(pemda=pemda).order_by("urutan", "id"))
            per_pemda[pemda.pk] = aturan_ke_json(_aturan_dari_model(pemda, bands))
        AturanTahun.objects.create(
            perangkat_daerah_id=x.perangkat_daerah_id, tahun=x.tahun, aturan=per_pemda[pemda.pk]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("kinerja", "0009_aturan_tahun_penjelasan_temuan"),
        ("laporan", "0003_dokumen_lkjip"),
    ]

    operations = [migrations.RunPython(simpan_aturan, migrations.RunPython.noop)]
