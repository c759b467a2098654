from django.apps import AppConfig


class LaporanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "laporan"
    verbose_name = "Laporan"

    def ready(self):
        from kinerja.signals import data_tahun_berubah
        from laporan.jobs import tahun_berubah

        # Every change of a year's data is recorded in the audit trail, which says so:
        # the draft of that year is printed again in the background (laporan.jobs).
        data_tahun_berubah.connect(tahun_berubah, dispatch_uid="laporan-draf-otomatis")
