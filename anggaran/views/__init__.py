"""Budget screens: ``ringkasan`` (summary of the year), ``dpa`` (pagu of a DPA version),
``realisasi`` (realisasi anggaran per triwulan); ``common`` holds what they share."""
