"""Every year held so far (a ``laporan.LKjIP`` row) gets its ``kinerja.Tahun``; a year whose
LKjIP is signed off ("ditetapkan") is locked."""

from django.db import migrations


def daftarkan_tahun(apps, schema_editor):
    LKjIP = apps.get_model("laporan", "LKjIP")
    Tahun = apps.get_model("kinerja", "Tahun")
    ada = set(Tahun.objects.values_list("perangkat_daerah_id", "tahun"))
    Tahun.objects.bulk_create(
        Tahun(perangkat_daerah_id=pd_id, tahun=tahun, terkunci=status == "ditetapkan")
        for pd_id, tahun, status in LKjIP.objects.values_list(
            "perangkat_daerah_id", "tahun", "status"
        )
        if (pd_id, tahun) not in ada
    )


class Migration(migrations.Migration):
    dependencies = [
        ("kinerja", "0011_tahun"),
        # The LKjIP row and its status (laporan 0001 made the row, 0002 added the status).
        ("laporan", "0002_review_dan_audit"),
    ]

    operations = [migrations.RunPython(daftarkan_tahun, migrations.RunPython.noop)]
