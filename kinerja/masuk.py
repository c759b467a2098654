"""Login with throttling that holds across processes and cannot be turned against a user.

The counters live in Django's cache, which is Redis in production (``REDIS_URL``),
so every web process sees the same counts and a restart does not reset them.

- **The client's address** is ``REMOTE_ADDR``, or, when the request comes from one of
  the configured reverse proxies (``LKJIP_PROXY_TEPERCAYA``), the nearest address in
  ``X-Forwarded-For`` that is not one of them. A client cannot choose its own address.
- **An address** with ``BATAS_GAGAL`` failed logins in ``JEDA_DETIK`` is refused for
  the rest of that window, whatever name it tries.
- **A user name** with ``BATAS_GAGAL`` failures (from any address) is never locked:
  each further attempt has to wait a delay that doubles with every failure, up to
  ``TUNDA_MAKS_DETIK``. A stranger who knows a name can therefore slow guessing on it
  to one attempt a minute, but not keep its owner out: the owner's own browser, which
  logged in as that user before (a signed cookie), is not delayed.
"""

from __future__ import annotations

import ipaddress
import time
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.core.exceptions import ValidationError

BATAS_GAGAL = 5
JEDA_DETIK = 15 * 60
TUNDA_MAKS_DETIK = 60
KUKI_PERANGKAT = "lkjip_perangkat"
_GARAM_KUKI = "lkjip.masuk.perangkat"
_UMUR_KUKI = 90 * 24 * 3600
_NAMA_DIINGAT = 5  # user names remembered per browser (a shared office computer)

PESAN_TERLALU_SERING = (
    "Terlalu banyak percobaan masuk yang gagal dari alamat ini. Coba lagi dalam 15 menit "
    "atau hubungi admin pemda."
)
PESAN_TUNDA = (
    "Terlalu banyak percobaan masuk yang gagal untuk nama pengguna ini. Tunggu {detik} detik "
    "lalu coba lagi."
)


def _kunci(jenis: str, nilai: str) -> str:
    return f"lkjip:masuk:{jenis}:{nilai.lower()}"[:200]


@lru_cache(maxsize=8)
def _jaringan(daftar: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(x, strict=False) for x in daftar)


def _tepercaya(alamat: str, jaringan) -> bool:
    try:
        ip = ipaddress.ip_address(alamat)
    except ValueError:
        return False
    return any(ip in j for j in jaringan)


def alamat_klien(request) -> str:
    """The client's address: REMOTE_ADDR, or behind a trusted proxy the nearest untrusted
    address of X-Forwarded-For (see the module docstring)."""
    langsung = request.META.get("REMOTE_ADDR", "")
    jaringan = _jaringan(tuple(getattr(settings, "LKJIP_PROXY_TEPERCAYA", ())))
    if not jaringan or not _tepercaya(langsung, jaringan):
        return langsung
    diteruskan = [
        x.strip() for x in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if x.strip()
    ]
    alamat = langsung
    for x in reversed(diteruskan):
        try:
            ipaddress.ip_address(x)
        except ValueError:
            break  # garbage from the client side: stop at the last address we can believe
        alamat = x
        if not _tepercaya(x, jaringan):
            break
    return alamat


def _tambah(kunci: str) -> int:
    cache.add(kunci, 0, JEDA_DETIK)
    try:
        return cache.incr(kunci)
    except ValueError:  # expired between add and incr
        cache.set(kunci, 1, JEDA_DETIK)
        return 1


def tunda_nama(gagal: int) -> int:
    """Seconds a user name waits after its ``gagal``-th failure (0 below the limit)."""
    if gagal < BATAS_GAGAL:
        return 0
    return min(2 ** (gagal - BATAS_GAGAL + 1), TUNDA_MAKS_DETIK)


def periksa(nama: str, alamat: str, *, perangkat_dikenal: bool = False) -> str | None:
    """Why this attempt is refused before the password is checked, or None."""
    if perangkat_dikenal:
        return None
    if (cache.get(_kunci("alamat", alamat)) or 0) >= BATAS_GAGAL:
        return PESAN_TERLALU_SERING
    gagal = cache.get(_kunci("nama", nama)) or 0
    terakhir = cache.get(_kunci("nama-waktu", nama))
    if gagal >= BATAS_GAGAL and terakhir is not None:
        sisa = int(terakhir + tunda_nama(gagal) - time.time() + 0.999)
        if sisa > 0:
            return PESAN_TUNDA.format(detik=sisa)
    return None


def catat_gagal(nama: str, alamat: str) -> None:
    _tambah(_kunci("alamat", alamat))
    _tambah(_kunci("nama", nama))
    cache.set(_kunci("nama-waktu", nama), time.time(), JEDA_DETIK)


def catat_berhasil(nama: str) -> None:
    cache.delete_many([_kunci("nama", nama), _kunci("nama-waktu", nama)])


def _nama_dikenal(request) -> list[str]:
    isi = request.get_signed_cookie(
        KUKI_PERANGKAT, default="", salt=_GARAM_KUKI, max_age=_UMUR_KUKI
    )
    return [x for x in isi.split(",") if x]


class FormMasuk(AuthenticationForm):
    # Django's Indonesian "Masukkan nama pengguna %(username)s …" with the field's name
    # filled in reads "nama pengguna nama pengguna".
    error_messages = {
        "invalid_login": ("Nama pengguna atau kata sandi salah. Huruf besar dan kecil dibedakan."),
        "inactive": "Akun ini tidak aktif; hubungi admin pemda.",
    }

    def clean(self):
        nama = (self.data.get("username") or "").strip()
        alamat = alamat_klien(self.request) if self.request else ""
        dikenal = bool(self.request) and nama.lower() in (
            x.lower() for x in _nama_dikenal(self.request)
        )
        alasan = periksa(nama, alamat, perangkat_dikenal=dikenal)
        if alasan:
            raise ValidationError(alasan, code="throttled")
        try:
            data = super().clean()
        except ValidationError:
            catat_gagal(nama, alamat)
            raise
        catat_berhasil(nama)
        return data


class MasukView(LoginView):
    form_class = FormMasuk
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        nama = form.get_user().get_username()
        daftar = [nama] + [x for x in _nama_dikenal(self.request) if x.lower() != nama.lower()]
        response.set_signed_cookie(
            KUKI_PERANGKAT,
            ",".join(daftar[:_NAMA_DIINGAT]),
            salt=_GARAM_KUKI,
            max_age=_UMUR_KUKI,
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
            samesite="Lax",
        )
        return response
