/* Keyboard helper for entry grids (tables marked data-grid): Enter / arrow down
   go to the cell below, Shift+Enter / arrow up to the cell above, Tab moves
   right as usual. Enter never submits the form by accident; Ctrl+Enter does.
   No dependencies. */
(function () {
  "use strict";

  function sel(input) {
    var td = input.closest("td");
    var tr = td && td.parentElement;
    if (!tr) return null;
    return { tr: tr, kolom: Array.prototype.indexOf.call(tr.children, td) };
  }

  function isianDi(tr, kolom) {
    var td = tr && tr.children[kolom];
    var input = td && td.querySelector("input:not([disabled]):not([type=hidden])");
    return input || null;
  }

  function pindah(input, arah) {
    var posisi = sel(input);
    if (!posisi) return false;
    var tr = arah > 0 ? posisi.tr.nextElementSibling : posisi.tr.previousElementSibling;
    while (tr) {
      var tujuan = isianDi(tr, posisi.kolom);
      if (tujuan) {
        tujuan.focus();
        tujuan.select();
        return true;
      }
      tr = arah > 0 ? tr.nextElementSibling : tr.previousElementSibling;
    }
    return false;
  }

  function pasang(tabel) {
    tabel.addEventListener("keydown", function (e) {
      var input = e.target;
      if (!(input instanceof HTMLInputElement) || input.type === "checkbox") return;
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        if (input.form) input.form.requestSubmit();
        return;
      }
      if (e.key === "Enter") {
        e.preventDefault();
        if (!pindah(input, e.shiftKey ? -1 : 1)) {
          // Last row: continue in the first row of the next column.
          var posisi = sel(input);
          var baris = tabel.tBodies[0] ? tabel.tBodies[0].rows : [];
          for (var k = posisi.kolom + 1; k < (posisi.tr.children.length || 0); k++) {
            for (var i = 0; i < baris.length; i++) {
              var berikut = isianDi(baris[i], k);
              if (berikut) {
                berikut.focus();
                berikut.select();
                return;
              }
            }
          }
        }
      } else if (e.key === "ArrowDown") {
        if (pindah(input, 1)) e.preventDefault();
      } else if (e.key === "ArrowUp") {
        if (pindah(input, -1)) e.preventDefault();
      }
    });
    tabel.addEventListener("focusin", function (e) {
      if (e.target instanceof HTMLInputElement) e.target.select();
    });
  }

  document.querySelectorAll("table[data-grid]").forEach(pasang);

  // Warn before leaving a grid with unsaved typing.
  var berubah = false;
  document.querySelectorAll("table[data-grid]").forEach(function (t) {
    t.addEventListener("input", function () { berubah = true; });
    var form = t.closest("form");
    if (form) form.addEventListener("submit", function () { berubah = false; });
  });
  window.addEventListener("beforeunload", function (e) {
    if (berubah) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
})();
