"""A service's ValidationError shown on a form: the one helper every view uses."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

__all__ = ["add_service_errors"]


def add_service_errors(
    form: forms.Form, e: ValidationError, key_map: dict[str, str] | None = None
) -> None:
    """Show a service's errors next to their fields (keys mapped by ``key_map``), the others
    above the form, one message at a time."""
    if not hasattr(e, "error_dict"):
        for pesan in e.messages:
            form.add_error(None, pesan)
        return
    for kunci, daftar in e.message_dict.items():
        nama = (key_map or {}).get(kunci, kunci)
        for pesan in daftar:
            form.add_error(nama if nama in form.fields else None, pesan)
