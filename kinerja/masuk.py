"""Login with throttling: too many failed attempts for one username or address are refused for a while."""

from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.core.exceptions import ValidationError

BATAS_GAGAL = 5
JEDA_DETIK = 15 * 60
PESAN_TERLALU_SERING = (
    "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit atau hubungi admin pemda."
)


def _kunci(jenis: str, nilai: str) -> str:
    return f"lkjip:masuk-gagal:{jenis}:{nilai.lower()}"


class FormMasuk(AuthenticationForm):
    # Django's Indonesian "Masukkan nama pengguna %(username)s …" with the field's name
    # filled in reads "nama pengguna nama pengguna".
    error_messages = {
        "invalid_login": ("Nama pengguna atau kata sandi salah. Huruf besar dan kecil dibedakan."),
        "inactive": "Akun ini tidak aktif; hubungi admin pemda.",
    }

    def clean(self):
        username = (self.data.get("username") or "").strip()
        alamat = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        kunci = [_kunci("nama", username), _kunci("alamat", alamat)]
        if any((cache.get(k) or 0) >= BATAS_GAGAL for k in kunci):
            raise ValidationError(PESAN_TERLALU_SERING, code="throttled")
        try:
            return super().clean()
        except ValidationError:
            for k in kunci:
                cache.add(k, 0, JEDA_DETIK)
                try:
                    cache.incr(k)
                except ValueError:
                    cache.set(k, 1, JEDA_DETIK)
            raise


class MasukView(LoginView):
    form_class = FormMasuk
    redirect_authenticated_user = True
