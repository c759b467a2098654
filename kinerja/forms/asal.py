"""Forms that carry the values they were loaded with.

A form of the planning screens sends back, in the hidden field ``asal``, the stored
values it was loaded with; the service compares them with what is stored now and
refuses a save that would overwrite someone else's change. After such a refusal
the view shows the same input again, now carrying the values stored now.
"""

from __future__ import annotations

import json

from django import forms

__all__ = ["FormDenganAsal", "asal_dari_json", "segarkan_asal"]


def asal_dari_json(teks: str) -> dict[str, str]:
    """The values the form was loaded with (a hidden JSON field); {} if missing or tampered."""
    try:
        data = json.loads(teks or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


class FormDenganAsal(forms.Form):
    asal = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_asal(self) -> dict[str, str]:
        return asal_dari_json(self.cleaned_data.get("asal", ""))


def segarkan_asal(form_cls, data, asal: dict[str, str], **kwargs):
    """The same input again, but carrying the values stored now (after a refused save)."""
    baru = data.copy()
    baru["asal"] = json.dumps(asal)
    form = form_cls(baru, **kwargs)
    form.is_valid()
    return form
