"""Forms of kinerja: the Indonesian-input fields and the forms of the planning screens.

``kinerja.forms.fields`` holds the fields that read Indonesian numbers (re-exported
here, as every app imports them from ``kinerja.forms``); ``kinerja.forms.asal``
the forms that carry the values they were loaded with; ``kinerja.forms.perencanaan``
the planning forms (indikator, Perjanjian Kinerja, Rencana Aksi); ``kinerja.forms.errors``
the one helper that puts a service's errors on a form.
"""

from kinerja.forms.fields import (
    NilaiField,
    RasioField,
    TargetField,
    UangField,
    kalimat,
    muat_di_kolom,
)

__all__ = ["NilaiField", "RasioField", "TargetField", "UangField", "kalimat", "muat_di_kolom"]
