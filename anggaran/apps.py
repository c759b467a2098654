from django.apps import AppConfig


class AnggaranConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "anggaran"
    verbose_name = "Anggaran"

    def ready(self):
        from kinerja.selectors.tahun import PILIHAN_BUKA_TAHUN

        if _pilihan_salin_pagu not in PILIHAN_BUKA_TAHUN:  # ready() may run more than once
            PILIHAN_BUKA_TAHUN.append(_pilihan_salin_pagu)


def _pilihan_salin_pagu(pd, tahun: int) -> dict:
    """The form that opens a year offers to copy the pagu when last year has a DPA."""
    from anggaran.models import DPA

    return {"ada_dpa_lalu": DPA.objects.filter(perangkat_daerah=pd, tahun=tahun - 1).exists()}
