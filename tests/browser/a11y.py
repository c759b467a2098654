"""Accessibility and small-screen checks of a page in real Chromium.

`periksa_halaman(page)` looks at the page as it is, at 1280 px and at 390 px wide
(a desktop, a phone), and fails with a readable list when:

- axe-core (npm, pinned in package.json / package-lock.json, installed by
  `scripts/install.sh --dev`) finds a violation of impact serious or critical
  (WCAG 2.2 A/AA rules and axe's best practices, the target size rule included);
- the page is wider than the window (it scrolls sideways);
- a control (button, field, select) is smaller than 24 × 24 px, or a main action
  (class "utama", return, the save bar of a form) is less than 44 px high;
- visible text is smaller than 12 px.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# (width, height) of a desktop and of a phone (390 px: the width measured in the issue).
UKURAN = ((1280, 900), (390, 844))
DAMPAK_GAGAL = ("serious", "critical")
HURUF_MINIMUM = 12

_JALANKAN_AXE = """async () => {
  const hasil = await axe.run(document, {
    resultTypes: ["violations"],
    rules: {"target-size": {enabled: true}},
  });
  return hasil.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map(n => n.target.join(" ")),
  }));
}"""

_LEBAR = """() => {
  // An element inside a box that scrolls (or clips) does not widen the page.
  const clipped = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") return true;
    }
    return false;
  };
  return {
  halaman: document.documentElement.scrollWidth,
  jendela: window.innerWidth,
  terlebar: [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1
      && getComputedStyle(el).position !== "fixed"
      && !clipped(el))
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + (el.className && typeof el.className === "string"
         ? "." + el.className.trim().split(/\\s+/).join(".") : "")
      + " (" + Math.round(el.getBoundingClientRect().right) + " px)"),
  };
}"""

_HURUF_KECIL = """(minimum) => {
  const kecil = new Map();
  const jalan = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (jalan.nextNode()) {
    const teks = jalan.currentNode;
    const el = teks.parentElement;
    if (!teks.textContent.trim() || !el || !el.getClientRects().length) continue;
    const gaya = getComputedStyle(el);
    if (gaya.visibility === "hidden" || el.closest("[hidden], .sr-only, script, style")) continue;
    const ukuran = parseFloat(gaya.fontSize);
    if (ukuran < minimum) {
      const kunci = el.tagName.toLowerCase()
        + (el.className && typeof el.className === "string"
           ? "." + el.className.trim().split(/\\s+/).join(".") : "")
        + " " + ukuran.toFixed(1) + " px";
      if (!kecil.has(kunci)) kecil.set(kunci, teks.textContent.trim().slice(0, 40));
    }
  }
  return [...kecil].slice(0, 10).map(([kunci, teks]) => kunci + ": " + teks);
}"""


_SASARAN_KECIL = """() => {
  const kecil = new Map();
  const nama = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.name ? "[name=" + el.name + "]" : "")
    + (el.className && typeof el.className === "string"
       ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const utama = ".utama, button.kembalikan, .aksi-simpan button, .aksi-form button";
  document.querySelectorAll("button, select, input:not([type=hidden]), .utama").forEach(el => {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === "hidden") return;
    // A file input laid invisibly over its label: the label is the target.
    const sasaran = getComputedStyle(el).opacity === "0" ? el.parentElement : el;
    const b = sasaran.getBoundingClientRect();
    const minimum = el.matches(utama) ? 44 : 24;
    if (b.height < minimum - 0.5 || b.width < 24 - 0.5) {
      const kunci = nama(el).replace(/\\d+/g, "N");
      if (!kecil.has(kunci)) {
        kecil.set(kunci, Math.round(b.width) + "×" + Math.round(b.height) + " px (minimum "
          + minimum + " px)");
      }
    }
  });
  return [...kecil].slice(0, 10).map(([kunci, ukuran]) => kunci + " " + ukuran);
}"""


def _periksa_sekali(page) -> list[str]:
    masalah = []
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    for v in page.evaluate(_JALANKAN_AXE):
        if v["impact"] in DAMPAK_GAGAL:
            sasaran = "; ".join(v["targets"][:6])
            lagi = len(v["targets"]) - 6
            if lagi > 0:
                sasaran += f"; … dan {lagi} lagi"
            masalah.append(f"axe {v['id']} ({v['impact']}): {v['help']} — {sasaran}")
    lebar = page.evaluate(_LEBAR)
    if lebar["halaman"] > lebar["jendela"]:
        masalah.append(
            f"halaman {lebar['halaman']} px lebih lebar dari jendela {lebar['jendela']} px: "
            + ", ".join(lebar["terlebar"])
        )
    for kecil in page.evaluate(_SASARAN_KECIL):
        masalah.append(f"sasaran sentuh terlalu kecil: {kecil}")
    for kecil in page.evaluate(_HURUF_KECIL, HURUF_MINIMUM):
        masalah.append(f"huruf di bawah {HURUF_MINIMUM} px: {kecil}")
    return masalah


def masalah_halaman(page, *, ukuran=UKURAN) -> list[str]:
    """What is wrong with the current page at each size (desktop, phone); the window
    gets its size back afterwards."""
    if not AXE.exists():
        pytest.fail(f"axe-core tidak ditemukan di {AXE}; jalankan scripts/install.sh --dev")
    semula = page.viewport_size
    laporan = []
    try:
        for lebar, tinggi in ukuran:
            page.set_viewport_size({"width": lebar, "height": tinggi})
            # Let the page's resize handlers run (the scroll boxes of wide tables).
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r)))")
            laporan += [f"[{lebar} px] {baris}" for baris in _periksa_sekali(page)]
    finally:
        page.set_viewport_size(semula)
    return laporan


def periksa_halaman(page, *, ukuran=UKURAN) -> None:
    """Fail the test, with the list of problems, if the current page has any."""
    laporan = masalah_halaman(page, ukuran=ukuran)
    if laporan:
        pytest.fail(f"{page.url}\n  " + "\n  ".join(laporan), pytrace=False)
