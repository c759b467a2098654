// The progress of a print on the job queue (templates/laporan/cetak_status.html):
// asks the job's state every 1.5 s and shows it; offers the PDF when it is ready.
(function () {
  "use strict";
  var kotak = document.getElementById("cetak");
  if (!kotak) return;
  var url = kotak.getAttribute("data-url-json");
  function isi(nama) { return kotak.querySelector('[data-isi="' + nama + '"]'); }
  function tampil(k) {
    kotak.querySelector("progress").value = k.kemajuan;
    isi("kemajuan").textContent = k.kemajuan + "%";
    isi("tahap").textContent = k.tahap;
    isi("galat").hidden = !k.gagal;
    isi("pesan_galat").textContent = k.pesan_galat || "";
    isi("siap").hidden = !k.selesai;
    isi("muat-ulang").hidden = k.selesai || k.gagal;
    if (k.selesai) {
      isi("url_berkas").href = k.url_berkas;
      isi("halaman").textContent = k.halaman ? "(" + k.halaman + " halaman)" : "";
      isi("url_berkas").focus();
    }
    return k.selesai || k.gagal;
  }
  function tanya() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (k) { if (!tampil(k)) setTimeout(tanya, 1500); })
      .catch(function () { setTimeout(tanya, 5000); });
  }
  if (isi("siap").hidden && isi("galat").hidden) setTimeout(tanya, 1000);
})();
