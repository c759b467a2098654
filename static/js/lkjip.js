/* Shared by every page (loaded by base.html): what keyboard, screen reader and phone
 * users need on any screen, without each page repeating it.
 *
 * - Every table of <main> sits in a box (a named region) that scrolls sideways, and
 *   takes a Tab stop, while the table is wider than it: a wide table never makes the
 *   page wider than a phone, and a keyboard can scroll it.
 * - A failed save: the errors the server rendered (<p class="galat"> after a field,
 *   or with the id "<field id>_error"; Django's ul.errorlist; .galat-umum and
 *   .kotak-galat for the whole form) are gathered into one error summary whose items
 *   link to their fields, the fields get aria-invalid and aria-describedby, and the
 *   focus moves to the summary.
 * - A message of the server (saved, submitted, ...) is announced by a live region.
 *
 * Without this script every page still works.
 */
(function () {
  "use strict";

  function teksRingkas(el) {
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // ---------------------------------------------------------------- wide tables

  function judulTabel(tabel) {
    if (tabel.getAttribute("aria-label")) return tabel.getAttribute("aria-label");
    if (tabel.caption) return teksRingkas(tabel.caption);
    var by = tabel.getAttribute("aria-labelledby");
    if (by && document.getElementById(by)) return teksRingkas(document.getElementById(by));
    // The nearest heading before the table.
    var semua = Array.prototype.slice.call(document.querySelectorAll("h1, h2, h3, h4"));
    var judul = null;
    semua.forEach(function (h) {
      if (h.compareDocumentPosition(tabel) & Node.DOCUMENT_POSITION_FOLLOWING) judul = h;
    });
    return judul ? teksRingkas(judul) : "Tabel";
  }

  function gulirTabel() {
    document.querySelectorAll("main table").forEach(function (tabel) {
      if (tabel.closest(".gulir") || tabel.parentElement.closest("table")) return;
      var kotak = tabel.parentElement;
      // A wrapper made for scrolling (one child, scrolls sideways) becomes the region.
      var sendiri =
        kotak.children.length === 1 && getComputedStyle(kotak).overflowX !== "visible";
      if (!sendiri) {
        kotak = document.createElement("div");
        tabel.parentNode.insertBefore(kotak, tabel);
        kotak.appendChild(tabel);
      }
      kotak.classList.add("gulir");
      if (!kotak.getAttribute("role")) kotak.setAttribute("role", "region");
      if (!kotak.getAttribute("aria-label") && !kotak.getAttribute("aria-labelledby")) {
        kotak.setAttribute("aria-label", judulTabel(tabel) + " (tabel, dapat digeser)");
      }
    });
    ukurGulir();
    window.addEventListener("resize", ukurGulir);
  }

  // A box scrolls (and takes a Tab stop) only while its table is wider than it: a table
  // that fits keeps its sticky header against the page.
  function ukurGulir() {
    document.querySelectorAll(".gulir").forEach(function (kotak) {
      var tabel = kotak.querySelector("table");
      var lebar = tabel && tabel.offsetWidth > kotak.clientWidth + 1;
      kotak.classList.toggle("geser", lebar);
      if (lebar) kotak.setAttribute("tabindex", "0");
      else kotak.removeAttribute("tabindex");
    });
  }

  // ---------------------------------------------------------------- error summary

  function namaIsian(isian) {
    if (isian.getAttribute("aria-label")) return isian.getAttribute("aria-label");
    var by = isian.getAttribute("aria-labelledby");
    if (by) {
      return by
        .split(/\s+/)
        .map(function (id) {
          return teksRingkas(document.getElementById(id));
        })
        .join(" ");
    }
    if (isian.labels && isian.labels.length) {
      var label = isian.labels[0].cloneNode(true);
      // The label may wrap the field itself (its value is not its name).
      var bukanNama = "input, select, textarea, small, .wajib, [aria-hidden=true]";
      label.querySelectorAll(bukanNama).forEach(function (el) {
        el.remove();
      });
      return teksRingkas(label);
    }
    return isian.name || "Isian";
  }

  var ISIAN = "input:not([type=hidden]), select, textarea";

  // The field an error message belongs to: named by its id (Django's "<field id>_error"),
  // else the field just before it, else the one field of its cell or box.
  function isianGalat(p) {
    if (p.id && /_error$/.test(p.id)) {
      var byId = document.getElementById(p.id.slice(0, -"_error".length));
      if (byId) return byId;
    }
    for (var el = p.previousElementSibling; el; el = el.previousElementSibling) {
      if (el.matches(ISIAN)) return el;
      var di = el.querySelectorAll(ISIAN);
      if (di.length) return di[di.length - 1];
    }
    var kotak = p.parentElement;
    var semua = kotak ? kotak.querySelectorAll(ISIAN) : [];
    return semua.length === 1 ? semua[0] : null;
  }

  function ringkasanGalat() {
    var butir = [];
    var dilihat = {};
    var pilih = "main .galat, main ul.errorlist:not(.nonfield)";
    document.querySelectorAll(pilih).forEach(function (p) {
      if (p.hidden || !teksRingkas(p) || p.closest(".ringkasan-galat, [hidden]")) return;
      var isian = isianGalat(p);
      if (!isian || !isian.id) {
        // An error of a whole form (a table, a version conflict): listed, not linked.
        if (p.closest("form")) butir.push({ isian: null, teks: teksRingkas(p) });
        return;
      }
      if (dilihat[isian.id]) return;
      dilihat[isian.id] = true;
      if (!p.id) p.id = isian.id + "_error";
      isian.setAttribute("aria-invalid", "true");
      var semula = isian.getAttribute("aria-describedby") || "";
      if (semula.split(/\s+/).indexOf(p.id) < 0) {
        isian.setAttribute("aria-describedby", (semula + " " + p.id).trim());
      }
      butir.push({ isian: isian, teks: namaIsian(isian) + ": " + teksRingkas(p) });
    });
    var umum = document.querySelector(
      "main .galat-umum, main .kotak-galat, main ul.errorlist.nonfield"
    );
    if (!butir.length && !umum) return;
    var kotak = document.createElement("div");
    kotak.className = "ringkasan-galat";
    kotak.setAttribute("tabindex", "-1");
    kotak.setAttribute("aria-labelledby", "judul-ringkasan-galat");
    var h = document.createElement("h2");
    h.id = "judul-ringkasan-galat";
    h.textContent = butir.length
      ? "Ada yang perlu diperbaiki (" + butir.length + ")"
      : "Ada yang perlu diperbaiki";
    kotak.appendChild(h);
    if (butir.length) {
      var ul = document.createElement("ul");
      butir.forEach(function (b) {
        var li = document.createElement("li");
        if (!b.isian) {
          li.textContent = b.teks;
          ul.appendChild(li);
          return;
        }
        var a = document.createElement("a");
        a.href = "#" + b.isian.id;
        a.textContent = b.teks;
        a.addEventListener("click", function (e) {
          e.preventDefault();
          b.isian.scrollIntoView({ block: "center" });
          b.isian.focus();
        });
        li.appendChild(a);
        ul.appendChild(li);
      });
      kotak.appendChild(ul);
    }
    if (umum) {
      // The general errors of the page belong to the same summary.
      umum.parentNode.insertBefore(kotak, umum);
      umum.removeAttribute("role");
      kotak.appendChild(umum);
    } else {
      var pertama = butir.filter(function (b) { return b.isian; })[0];
      var form = pertama ? pertama.isian.closest("form") : null;
      if (form) form.parentNode.insertBefore(kotak, form);
      else document.querySelector("main").prepend(kotak);
    }
    kotak.focus();
    // Going to the #fragment of the address (after the skip link, say) happens after
    // this script and would take the focus away again.
    window.addEventListener("load", function () {
      var aktif = document.activeElement;
      if (!aktif || aktif === document.body || aktif.id === location.hash.slice(1)) {
        kotak.focus();
      }
    });
  }

  // ---------------------------------------------------------------- live messages

  function umumkanPesan() {
    var hidup = document.getElementById("pengumuman-hidup");
    var pesan = document.querySelectorAll("ul.pesan li");
    if (!hidup || !pesan.length) return;
    // Text put into a live region after load is read out; text present at load is not.
    window.setTimeout(function () {
      hidup.textContent = Array.prototype.map.call(pesan, teksRingkas).join(" ");
    }, 150);
  }

  function mulai() {
    gulirTabel();
    umumkanPesan();
    ringkasanGalat();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mulai);
  } else {
    mulai();
  }
})();
