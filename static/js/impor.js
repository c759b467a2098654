// The progress of an import on the job queue (templates/interchange/impor_job.html):
// asks the job's state every 1.5 s and shows it; reloads the page when the job is
// done, which then shows the result or every refusal.
(function () {
  "use strict";
  var kotak = document.getElementById("impor");
  if (!kotak || kotak.getAttribute("data-selesai")) return;
  var url = kotak.getAttribute("data-url-json");
  function isi(nama) { return kotak.querySelector('[data-isi="' + nama + '"]'); }
  function tanya() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (k) {
        kotak.querySelector("progress").value = k.kemajuan;
        isi("kemajuan").textContent = k.kemajuan + "%";
        isi("tahap").textContent = k.tahap;
        if (k.selesai || k.gagal) window.location.reload();
        else setTimeout(tanya, 1500);
      })
      .catch(function () { setTimeout(tanya, 5000); });
  }
  setTimeout(tanya, 1000);
})();
