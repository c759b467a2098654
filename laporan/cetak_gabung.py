"""Joining the separately printed parts of a document into one PDF (``merge_pdfs``):
pages, named destinations, bookmarks (nested by heading level), the tagged structure,
overlays laid over or under pages (the running header, page numbers, the stamp), and
the archival finish (``laporan.cetak_arsip.finish``). Split from ``laporan.cetak``,
which prints the parts."""

from __future__ import annotations

import contextlib
import warnings
from dataclasses import dataclass
from io import BytesIO

from laporan.cetak_arsip import Arsip, copy_bookmark, copy_object, finish, lay, merge_structure

__all__ = ["Overlay", "merge_pdfs"]


@dataclass(frozen=True)
class Overlay:
    """A PDF laid over (or under) pages of the joined document (``merge_pdfs``)."""

    pdf: bytes
    start: int = 0  # the first page it covers
    # Pages it covers; None: to the last page (``shared``) or as many as it has.
    count: int | None = None
    # Its one page on every covered page, as one shared form XObject; otherwise
    # its page ``k`` on page ``start + k``.
    shared: bool = False
    under: bool = False  # under the page's content, not over it
    anchor: str = "bottom-left"  # its corner kept on a landscape page (``lay``)


def merge_pdfs(
    parts: list[bytes],
    nested: list[bool] | None = None,
    overlays: tuple[Overlay, ...] = (),
    placeholders: int | None = None,
    *,
    arsip: Arsip | None = None,
    depan: int | None = None,
    levels: list[list[int]] | None = None,
) -> bytes:
    """Join PDFs printed by WeasyPrint: pages in order, outlines one after another,
    named destinations and the first part's document information and catalog
    entries (language, page mode).

    ``placeholders``: the part whose named destinations are placeholders (see
    ``html_daftar``): another part's destination of the same name wins.

    ``nested[i]`` true: part ``i`` does not open with a level-1 heading, so its
    top bookmarks go under the last top bookmark before it, as they would in
    the whole document (the second and later lampiran under LAMPIRAN).
    ``levels[i]``: the levels of part ``i``'s headings (``heading_levels``); then each
    bookmark goes under the last one of a lower level before it, in whatever part
    (a piece of BAB III that opens with a level-4 heading: under its sasaran).

    ``overlays``, in order: what is laid over or under the joined pages (the
    stamp, the running header, the page numbers; see ``Overlay``). Then the
    archival finish (``laporan.cetak_arsip.finish``; ``depan``: pages before BAB I)."""
    import pikepdf

    with contextlib.ExitStack() as stack:
        # The sources stay open until the result is saved: objects are copied lazily.
        src = [stack.enter_context(pikepdf.open(BytesIO(b))) for b in parts]
        hasil = pikepdf.new()
        destinations: dict[str, pikepdf.Object] = {}
        bookmarks: list[pikepdf.OutlineItem] = []
        # The last bookmark of each level open so far: (level, item), top first.
        jalur: list[tuple[int, pikepdf.OutlineItem]] = []
        starts: list[int] = []
        for index, s in enumerate(src):
            starts.append(len(hasil.pages))
            with warnings.catch_warnings():
                # Named destinations are carried over below (add_pages_from would
                # rename the front matter's placeholders instead of replacing them).
                warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
                hasil.pages.extend(s.pages)
            if index == 0:
                hasil.docinfo = hasil.copy_foreign(s.docinfo)
                for kunci in ("/Lang", "/PageMode", "/ViewerPreferences", "/MarkInfo"):
                    if kunci in s.Root:
                        hasil.Root[kunci] = copy_object(hasil, s, s.Root[kunci])
            names = s.Root.get("/Names")
            if names is not None and "/Dests" in names:
                for nama, nilai in pikepdf.NameTree(names.Dests).items():
                    if index != placeholders or nama not in destinations:
                        destinations[nama] = copy_object(hasil, s, nilai)
            with s.open_outline() as outline:
                baru = [copy_bookmark(hasil, s, item) for item in outline.root]
            tingkat = _outline_levels(baru, levels[index]) if levels else None
            if tingkat is not None:
                _graft(baru, tingkat, bookmarks, jalur)
            else:
                bersarang = bool(nested and nested[index] and bookmarks)
                (bookmarks[-1].children if bersarang else bookmarks).extend(baru)
                jalur.clear()
        if destinations:
            pohon = pikepdf.NameTree.new(hasil)
            for nama in sorted(destinations):
                pohon[nama] = destinations[nama]
            hasil.Root.Names = hasil.make_indirect(pikepdf.Dictionary(Dests=pohon.obj))
        with hasil.open_outline() as outline:
            outline.root.extend(bookmarks)
        merge_structure(hasil, src, starts)
        for t in overlays:
            s = stack.enter_context(pikepdf.open(BytesIO(t.pdf)))
            shared_form = (
                hasil.copy_foreign(s.make_indirect(s.pages[0].as_form_xobject()))
                if t.shared
                else None
            )
            count = t.count
            if count is None:
                count = len(hasil.pages) - t.start if t.shared else len(s.pages)
            for k in range(count):
                if shared_form is None:
                    form = hasil.copy_foreign(s.pages[k].as_form_xobject())
                else:
                    form = shared_form
                lay(hasil, hasil.pages[t.start + k], form, s.pages[0], t.anchor, t.under)
        finish(hasil, arsip, depan)
        out = BytesIO()
        # Object streams pack the dictionaries of every part (each with its own
        # fonts and pages): a quarter smaller, for no measurable time.
        hasil.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _outline_levels(items: list, levels: list[int]) -> dict[int, int] | None:
    """The level of each bookmark of a part (by ``id``), from the levels of its
    headings: the bookmarks in document order are its headings in order. None
    when they do not match (a heading without bookmark)."""
    urutan: list = []

    def jalan(xs: list) -> None:
        for x in xs:
            urutan.append(x)
            jalan(x.children)

    jalan(items)
    if len(urutan) != len(levels):
        return None
    return {id(x): t for x, t in zip(urutan, levels, strict=True)}


def _graft(items: list, tingkat: dict[int, int], bookmarks: list, jalur: list) -> None:
    """Add a part's top bookmarks to the joined outline, each under the last bookmark
    of a lower level (``jalur``), and follow the part's last bookmarks down."""
    for x in items:
        level = tingkat[id(x)]
        while jalur and jalur[-1][0] >= level:
            jalur.pop()
        (jalur[-1][1].children if jalur else bookmarks).append(x)
        jalur.append((level, x))
        while x.children:
            x = x.children[-1]
            jalur.append((tingkat[id(x)], x))
