from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kinerja"
    verbose_name = "Kinerja"

    def ready(self):
        from kinerja import checks  # noqa: F401  (registers the deployment checks)
