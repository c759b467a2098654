from django.apps import AppConfig


class AnggaranConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "anggaran"
    verbose_name = "Anggaran"

    def ready(self):
        from kinerja.selectors.tahun import BUKA_TAHUN_CONTEXT_PROVIDERS

        # The form that opens a year (kinerja) offers to copy last year's pagu; ready() may
        # run more than once.
        if _salin_pagu_context not in BUKA_TAHUN_CONTEXT_PROVIDERS:
            BUKA_TAHUN_CONTEXT_PROVIDERS.append(_salin_pagu_context)


def _salin_pagu_context(pd, tahun: int) -> dict:
    """The form that opens a year offers to copy the pagu when last year has a DPA."""
    from anggaran.models import DPA

    return {"ada_dpa_lalu": DPA.objects.filter(perangkat_daerah=pd, tahun=tahun - 1).exists()}
