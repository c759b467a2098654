// Realisasi anggaran per triwulan: recompute "s.d. triwulan" and penyerapan as the operator types.
// The server recomputes everything on save; this only gives an early hint.
(function () {
  "use strict";
  var form = document.getElementById("form-realisasi-anggaran");
  if (!form) return;
  var angka = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 });
  var persen = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  // "3.312.000.900", "Rp 5.842.020,50", "16920000" → number; "" → 0; anything else → NaN.
  function baca(teks) {
    teks = (teks || "").replace(/^\s*rp\.?\s*/i, "").replace(/\s/g, "").replace(/,-$/, "");
    if (teks === "") return 0;
    if (teks.indexOf(",") >= 0) teks = teks.replace(/\./g, "").replace(",", ".");
    else if (/^\d{1,3}(\.\d{3})+$/.test(teks)) teks = teks.replace(/\./g, "");
    return /^\d+(\.\d+)?$/.test(teks) ? parseFloat(teks) : NaN;
  }
  function angkaData(el, nama) {
    var v = el.getAttribute("data-" + nama);
    return v === null || v === "" ? null : parseFloat(v);
  }

  form.addEventListener("input", function (ev) {
    var input = ev.target;
    if (!input.classList || !input.classList.contains("uang")) return;
    var baris = input.closest("tr");
    var nilai = baca(input.value);
    if (isNaN(nilai)) return;
    var pagu = angkaData(baris, "pagu");
    var sebelum = angkaData(baris, "sebelum") || 0;
    var setahun = angkaData(baris, "setahun") || 0;
    var dimuat = angkaData(baris, "dimuat") || 0;
    var tahunan = angkaData(baris, "tahunan");
    // A typed quarter replaces an annual-only amount; otherwise it replaces the stored quarter.
    var setahunBaru = tahunan !== null ? (input.value.trim() === "" ? tahunan : nilai) : setahun - dimuat + nilai;
    baris.querySelector("[data-sd]").textContent = "Rp " + angka.format(sebelum + nilai);
    baris.querySelector("[data-penyerapan]").textContent =
      pagu ? persen.format((setahunBaru / pagu) * 100) + "%" : "-";
    var lebih = pagu !== null && setahunBaru > pagu;
    baris.classList.toggle("melebihi", lebih);
    baris.querySelector("[data-peringatan]").hidden = !lebih;
  });

  // Enter moves to the next amount instead of submitting half a form.
  form.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" || !ev.target.classList.contains("uang")) return;
    ev.preventDefault();
    var semua = Array.prototype.slice.call(form.querySelectorAll("input.uang"));
    var i = semua.indexOf(ev.target);
    if (i >= 0 && i + 1 < semua.length) semua[i + 1].focus();
  });
})();
