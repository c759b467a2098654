from django.apps import AppConfig


class LaporanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "laporan"
    verbose_name = "Laporan"

    def ready(self):
        from django.db.models.signals import post_save

        from kinerja.models import LogPerubahan
        from laporan.jobs import log_tersimpan

        # Every change of a year's data leaves an audit row: the draft of that
        # year is printed again in the background (debounced; laporan.jobs).
        post_save.connect(log_tersimpan, sender=LogPerubahan, dispatch_uid="laporan-draf-otomatis")
