"""Why the LKjIP PDF is not tagged (README, archival PDF): WeasyPrint writes a structure
tree per laid-out document, and joining the parts printed in parallel keeps none.

When ``merge_pdfs`` learns to merge the structure trees, this test fails: then tag
the parts (``write_pdf(pdf_tags=True)`` in ``laporan.cetak_bagian``) and update the README.
"""

from __future__ import annotations

from io import BytesIO

import pikepdf
from weasyprint import HTML

from laporan.cetak import merge_pdfs


def _bagian(judul: str) -> bytes:
    html = f'<html lang="id"><body><h1>{judul}</h1><p>Isi {judul}.</p></body></html>'
    return HTML(string=html).write_pdf(pdf_tags=True)


def test_tagged_parts_lose_their_structure_tree_when_joined():
    bagian = [_bagian("BAB I"), _bagian("BAB II")]
    for b in bagian:
        with pikepdf.open(BytesIO(b)) as pdf:
            assert "/StructTreeRoot" in pdf.Root
            # Each part numbers its pages' structure parents from 0.
            assert int(pdf.pages[0].StructParents) == 0
    with pikepdf.open(BytesIO(merge_pdfs(bagian))) as pdf:
        assert "/StructTreeRoot" not in pdf.Root
        assert [int(p.StructParents) for p in pdf.pages] == [0, 0]
