"""The archival finish of a printed LKjIP (PDF/A-3b) and reading it back.

``finish`` runs on the joined document in ``laporan.cetak.merge_pdfs``, before
it is saved, for drafts and signed documents alike:

- page labels: lower-case roman for the front matter (the cover part and the
  daftar), arabic from BAB I, so that a viewer shows the printed numbers;
- document information and XMP metadata: title, author, language (id-ID),
  producer and the PDF/A identification (part 3, conformance B);
- an output intent with the sRGB ICC profile that pikepdf installs with itself
  (``pikepdf/pdfa/data/sRGB.icc``; nothing binary is kept in this repository);
- the embedded files ``paket.json`` (the year's data package, /AFRelationship
  /Data) and ``hitung.json`` (the computed figures, /Supplement), listed in the
  catalog's /AF array. The caller passes their bytes in (``Arsip``): this module
  reads no data.

``lampiran`` reads the embedded files back (``manage.py periksa_pdf``). Nothing
of Django is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from io import BytesIO

__all__ = [
    "Arsip",
    "finish",
    "lampiran",
    "merge_structure",
    "copy_bookmark",
    "copy_object",
    "PAKET",
    "HITUNG",
    "PRODUCER",
]

PAKET = "paket.json"
HITUNG = "hitung.json"
PRODUCER = "LKjIP (WeasyPrint, pikepdf)"
SRGB = "sRGB IEC61966-2.1"


@dataclass(frozen=True)
class Arsip:
    """What the archival PDF carries besides its pages."""

    judul: str  # "LKjIP <perangkat daerah> Tahun <N>"
    penulis: str  # the perangkat daerah
    paket_json: bytes  # the data package of the perangkat daerah and year
    hitung_json: bytes  # the computed figures, as ``manage.py hitung --format json``
    bahasa: str = "id-ID"


def finish(pdf, arsip: Arsip | None, depan: int | None) -> None:
    """Give the joined ``pdf`` (a ``pikepdf.Pdf``) its page labels (``depan``: pages
    before BAB I; None: unknown, no labels) and, with ``arsip``, its metadata,
    output intent and embedded files."""
    if depan is not None and 0 <= depan < len(pdf.pages):
        _page_labels(pdf, depan)
    if arsip is None:
        return
    _metadata(pdf, arsip)
    _output_intent(pdf)
    _embed(pdf, arsip)


# The bottom page margin of static/css/dokumen.css (points): the stamp's band.
MARGIN_BAWAH = 30 * 72 / 25.4


def lay(pdf, page, form, form_page, anchor: str, under: bool) -> None:
    """Lay ``form`` (``form_page`` as a form XObject of ``pdf``: the stamp layer, the
    running header, a page number) over or under ``page``: over the whole page when
    both have the same size. On a page of another size (a landscape page of a wide
    table) at its own size, its ``anchor`` corner ("bottom-left", "bottom-right",
    "top-right") on the page's, so that the page number and the running header keep
    their margins; a layer laid under keeps its bottom margin (the stamp) in the
    corner and the rest (the draft mark) in the middle of the page."""
    import pikepdf

    taruh = page.add_underlay if under else page.add_overlay
    (pw, ph), (fw, fh) = _size(page), _size(form_page)
    if abs(pw - fw) + abs(ph - fh) < 1:
        taruh(form)
        return
    x = pw - fw if anchor.endswith("right") else 0.0
    y = ph - fh if anchor.startswith("top") else 0.0
    if not under:
        taruh(form, pikepdf.Rectangle(x, y, x + fw, y + fh))
        return
    tengah = ((pw - fw) / 2, (ph - fh) / 2)
    for (x0, y0, x1, y1), (dx, dy) in (
        ((0, 0, fw, MARGIN_BAWAH), (x, y)),
        ((0, MARGIN_BAWAH, fw, fh), tengah),
    ):
        # A form clipped to its box: the part of the layer in that box.
        potong = pdf.make_stream(
            b"/L Do",
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Form,
            BBox=[x0, y0, x1, y1],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(L=form)),
        )
        taruh(potong, pikepdf.Rectangle(x0 + dx, y0 + dy, x1 + dx, y1 + dy))


def _size(page) -> tuple[float, float]:
    x0, y0, x1, y1 = (float(v) for v in page.mediabox)
    return x1 - x0, y1 - y0


def _page_labels(pdf, depan: int) -> None:
    import pikepdf

    nums: list = []
    if depan:
        nums += [0, pikepdf.Dictionary(S=pikepdf.Name.r)]
    nums += [depan, pikepdf.Dictionary(S=pikepdf.Name.D)]
    pdf.Root.PageLabels = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))


def _metadata(pdf, arsip: Arsip) -> None:
    import pikepdf

    pdf.Root.Lang = pikepdf.String(arsip.bahasa)
    pdf.docinfo[pikepdf.Name.Title] = arsip.judul
    pdf.docinfo[pikepdf.Name.Author] = arsip.penulis
    pdf.docinfo[pikepdf.Name.Producer] = PRODUCER
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta.load_from_docinfo(pdf.docinfo)
        meta["dc:title"] = arsip.judul
        meta["dc:creator"] = [arsip.penulis]
        meta["dc:language"] = [arsip.bahasa]
        meta["pdf:Producer"] = PRODUCER
        meta["pdfaid:part"] = "3"
        meta["pdfaid:conformance"] = "B"


def _srgb_profile() -> bytes:
    return resources.files("pikepdf").joinpath("pdfa/data/sRGB.icc").read_bytes()


def _output_intent(pdf) -> None:
    import pikepdf

    profil = pdf.make_stream(_srgb_profile())
    profil.N = 3
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String(SRGB),
        Info=pikepdf.String(SRGB),
        RegistryName=pikepdf.String("http://www.color.org"),
        DestOutputProfile=profil,
    )
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])


def _embed(pdf, arsip: Arsip) -> None:
    import pikepdf

    af = []
    for nama, isi, hubungan, keterangan in (
        (PAKET, arsip.paket_json, pikepdf.Name.Data, "Paket data perangkat daerah dan tahun"),
        (HITUNG, arsip.hitung_json, pikepdf.Name.Supplement, "Angka hasil penghitungan"),
    ):
        spec = pikepdf.AttachedFileSpec(
            pdf,
            isi,
            description=keterangan,
            filename=nama,
            mime_type="application/json",
            relationship=hubungan,
        )
        pdf.attachments[nama] = spec
        af.append(pdf.attachments[nama].obj)
    pdf.Root.AF = pikepdf.Array(af)


def lampiran(pdf_bytes: bytes) -> dict[str, bytes]:
    """The embedded files of a PDF, by file name."""
    import pikepdf

    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        return {nama: spec.get_file().read_bytes() for nama, spec in pdf.attachments.items()}


def merge_structure(pdf, parts: list, starts: list[int]) -> None:
    """Join the structure trees (tags) of the parts of a document into one tree of ``pdf``.

    ``parts``: the part PDFs whose pages were appended to ``pdf``, part ``i`` from page
    ``starts[i]``. Each part was laid out alone, so each has its own tree whose parent
    tree numbers its pages (/StructParents) and links (/StructParent) from 0: the
    numbers of part ``i`` are shifted past those of the parts before it, the elements
    of every part's /Document go under the first part's /Document, and one parent tree
    and one root hold them all. A document with any untagged part gets no tree (a tree
    that covered some pages only would claim more than it holds)."""
    import pikepdf

    trees = [s.Root.get("/StructTreeRoot") for s in parts]
    if not trees or any(t is None for t in trees):
        return
    nums = pikepdf.Array()
    document = None
    namespaces = pikepdf.Array()
    offset = 0
    for s, tree, start in zip(parts, trees, starts, strict=True):
        keys = []
        for key, value in pikepdf.NumberTree(tree.ParentTree).items():
            nums.append(key + offset)
            nums.append(copy_object(pdf, s, value))
            keys.append(key)
        for page in pdf.pages[start : start + len(s.pages)]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annot in page.obj.get("/Annots", []):
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + offset
        top = tree.K if isinstance(tree.K, pikepdf.Array) else pikepdf.Array([tree.K])
        for element in top:
            element = copy_object(pdf, s, element)
            if document is None:
                document = element
                if not isinstance(document.get("/K"), pikepdf.Array):
                    document.K = pikepdf.Array([document.K] if "/K" in document else [])
                continue
            # The part's /Document: its children join the first part's.
            kids = element.get("/K", pikepdf.Array())
            kids = kids if isinstance(kids, pikepdf.Array) else pikepdf.Array([kids])
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary):
                    kid.P = document
                document.K.append(kid)
        for ns in tree.get("/Namespaces", []):
            namespaces.append(copy_object(pdf, s, ns))
        offset += (max(keys) + 1) if keys else 0
    root = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot,
            K=pikepdf.Array([document]),
            ParentTree=pdf.make_indirect(pikepdf.Dictionary(Nums=nums)),
            ParentTreeNextKey=offset,
        )
    )
    if len(namespaces):
        root.Namespaces = namespaces
    document.P = root
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)


def copy_bookmark(hasil, src, item):
    """A bookmark of ``src`` and its children, as bookmarks of ``hasil``."""
    import pikepdf

    baru = pikepdf.OutlineItem(item.title, destination=copy_object(hasil, src, item.destination))
    baru.is_closed = item.is_closed
    baru.children.extend(copy_bookmark(hasil, src, c) for c in item.children)
    return baru


def copy_object(hasil, src, nilai):
    """``nilai`` of ``src`` as an object of ``hasil`` (page references follow the
    pages already copied)."""
    import pikepdf

    if nilai is None:
        return None
    if isinstance(nilai, pikepdf.Dictionary | pikepdf.Array):
        if not nilai.is_indirect:
            nilai = src.make_indirect(nilai)
        return hasil.copy_foreign(nilai)
    return nilai
