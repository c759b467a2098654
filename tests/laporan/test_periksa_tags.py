"""The LKjIP PDF is tagged: WeasyPrint writes a structure tree for every part laid out
alone, and ``merge_pdfs`` joins them into one tree (``cetak_arsip.merge_structure``)."""

from __future__ import annotations

from io import BytesIO

import pikepdf
import pytest
from weasyprint import HTML

from laporan.cetak import merge_pdfs


def _bagian(judul: str, *, tags: bool = True) -> bytes:
    html = (
        f'<html lang="id"><body><h1 id="{judul[-2:].strip()}">{judul}</h1>'
        f'<p>Isi {judul}, <a href="#{judul[-2:].strip()}">tautan</a>.</p></body></html>'
    )
    return HTML(string=html).write_pdf(pdf_tags=tags)


def _elemen(pdf) -> list:
    """Every structure element below the root, depth first."""
    hasil, tumpukan = [], list(pdf.Root.StructTreeRoot.K)
    while tumpukan:
        e = tumpukan.pop()
        if isinstance(e, pikepdf.Dictionary) and e.get("/Type") == "/StructElem":
            hasil.append(e)
            k = e.get("/K", [])
            tumpukan.extend(k if isinstance(k, pikepdf.Array) else [k])
    return hasil


def test_tagged_parts_are_joined_into_one_structure_tree():
    bagian = [_bagian("BAB I"), _bagian("BAB II"), _bagian("BAB III")]
    for b in bagian:
        with pikepdf.open(BytesIO(b)) as pdf:
            assert int(pdf.pages[0].StructParents) == 0  # each part numbers from 0
    with pikepdf.open(BytesIO(merge_pdfs(bagian))) as pdf:
        root = pdf.Root.StructTreeRoot
        (dokumen,) = list(root.K)
        assert dokumen.S == "/Document" and dokumen.P.objgen == root.objgen
        halaman = [int(p.StructParents) for p in pdf.pages]
        tautan = [int(a.StructParent) for p in pdf.pages for a in p.obj.get("/Annots", [])]
        kunci = [int(k) for k, _ in pikepdf.NumberTree(root.ParentTree).items()]
        # Every page and link has its own key, and every key is in the parent tree.
        assert len(set(halaman + tautan)) == len(halaman + tautan) == 6
        assert sorted(halaman + tautan) == sorted(kunci)
        assert int(root.ParentTreeNextKey) == max(kunci) + 1
        # The three headings, in order, under the one /Document, on their own pages.
        judul = [e for e in _elemen(pdf) if e.S == "/H1"]
        assert len(judul) == 3
        obj_halaman = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        assert sorted(obj_halaman[e.Pg.objgen] for e in judul) == [0, 1, 2]
        assert pdf.Root.MarkInfo.Marked
        # A link's structure element points at the link on its page.
        annots = {a.objgen for p in pdf.pages for a in p.obj.get("/Annots", [])}
        objr = [
            k.Obj.objgen
            for e in _elemen(pdf)
            for k in (e.K if isinstance(e.K, pikepdf.Array) else [e.K])
            if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
        ]
        assert len(objr) == 3 and set(objr) <= annots


def test_a_document_with_an_untagged_part_claims_no_tree():
    with pikepdf.open(BytesIO(merge_pdfs([_bagian("BAB I"), _bagian("BAB II", tags=False)]))) as p:
        assert "/StructTreeRoot" not in p.Root


@pytest.mark.django_db
def test_the_printed_lkjip_is_tagged_in_parallel_and_in_one_process(demo, settings):
    from django.core.cache import cache

    from laporan.dokumen import susun_dokumen
    from laporan.pdf import cetak_html, render_html

    html = render_html(susun_dokumen(demo["a"], 2024))
    for proses in (1, 2):
        settings.LKJIP_PDF_PROSES = proses
        settings.LKJIP_PDF_SIMPAN_BAGIAN = 0
        cache.clear()
        pdf_bytes, halaman = cetak_html(html)
        with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
            root = pdf.Root.StructTreeRoot
            kunci = {int(k) for k, _ in pikepdf.NumberTree(root.ParentTree).items()}
            dipakai = [int(p.StructParents) for p in pdf.pages if "/StructParents" in p.obj]
            assert len(dipakai) == len(set(dipakai)) > halaman // 2
            assert set(dipakai) <= kunci
            jenis = {str(e.S) for e in _elemen(pdf)}
            assert {"/H1", "/H2", "/P", "/Table", "/TR", "/TH", "/TD"} <= jenis
            obj_halaman = {p.obj.objgen for p in pdf.pages}
            assert all(e.Pg.objgen in obj_halaman for e in _elemen(pdf) if "/Pg" in e)
