"""Forms of the LKE screens (checks of meaning are the services')."""

from __future__ import annotations

from django import forms


class KriteriaForm(forms.Form):
    uraian = forms.CharField(label="Uraian kriteria", widget=forms.Textarea(attrs={"rows": 3}))
    skala = forms.ChoiceField(label="Skala jawaban")
    bobot = forms.CharField(
        label="Bobot relatif",
        initial="1",
        help_text="Kriteria satu subkomponen berbagi bobot subkomponen menurut bobot relatifnya.",
    )

    def __init__(self, *args, skala: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skala"].choices = [(k, v.get("nama", k)) for k, v in skala.items()]


class SubKomponenForm(forms.Form):
    nama = forms.CharField(label="Nama subkomponen", widget=forms.Textarea(attrs={"rows": 3}))
    bobot = forms.CharField(
        label="Bobot", help_text="Bobot subkomponen satu komponen berjumlah bobot komponennya."
    )


class EvaluasiBaruForm(forms.Form):
    perangkat_daerah = forms.ChoiceField(label="Perangkat daerah")
    tahun = forms.IntegerField(label="Tahun dinilai", min_value=2000, max_value=2100)

    def __init__(self, *args, pilihan_pd: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perangkat_daerah"].choices = pilihan_pd
