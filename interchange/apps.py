from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "interchange"
    verbose_name = "Pertukaran data"

    def ready(self):
        from interchange.antrean import minta
        from kinerja.antrean_impor import PEMINTA

        # The confirm step of an import (kinerja, anggaran) puts a large file on the
        # queue through kinerja.antrean_impor; the job lives here. ready() may run twice.
        if minta not in PEMINTA:
            PEMINTA.append(minta)
