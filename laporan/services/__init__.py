"""The writes to the annual LKjIP of a perangkat daerah, one module per subject.

- ``kunci``: the row lock, the draft check and the audit entry every write goes through;
- ``kesiapan``: what is missing before the LKjIP may be submitted and signed;
- ``narasi``: the narrative sections and the explanations of consistency findings;
- ``sumber_daya``: the BAB I tables (SDM, sarana prasarana);
- ``alur``: submit, return, sign off (the stored PDF) and reopen;
- ``bukti_zip``: the evidence files of a year as one streamed zip;
- ``tahun``: opening a year (the drafts the user then edits).

The read-only questions (readiness data, table rows, history, a signed version's
status) are in ``laporan.selectors``.
"""
