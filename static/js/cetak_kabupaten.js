// The progress of a bulk print (templates/laporan/cetak_kabupaten_status.html): asks the
// job's state every 2 s and shows it, each perangkat daerah included; offers the zip when ready.
(function () {
  "use strict";
  var kotak = document.getElementById("cetak-kabupaten");
  if (!kotak) return;
  var url = kotak.getAttribute("data-url-json");
  function isi(nama) { return kotak.querySelector('[data-isi="' + nama + '"]'); }
  function labelPd(p) {
    if (p.status !== "selesai") return p.label;
    return p.label + ", " + (p.ditetapkan ? "PDF yang ditetapkan" : "draf") + ", " + p.halaman + " halaman";
  }
  function tampil(k) {
    var bar = kotak.querySelector("progress");
    bar.max = k.jumlah;
    bar.value = k.jumlah_selesai;
    isi("jumlah").textContent = k.jumlah_selesai + " dari " + k.jumlah + " perangkat daerah";
    isi("tahap").textContent = k.tahap;
    isi("galat").hidden = !k.gagal;
    isi("pesan_galat").textContent = k.pesan_galat || "";
    isi("ada-gagal").hidden = !k.jumlah_gagal;
    isi("jumlah_gagal").textContent = k.jumlah_gagal;
    k.pd.forEach(function (p) {
      var li = kotak.querySelector('[data-pd="' + p.kode + '"]');
      if (!li) return;
      li.querySelector('[data-isi="label"]').textContent = labelPd(p);
      li.querySelector('[data-isi="pesan"]').textContent = p.pesan_galat ? "(" + p.pesan_galat + ")" : "";
    });
    isi("siap").hidden = !k.selesai;
    isi("muat-ulang").hidden = k.selesai || k.gagal;
    if (k.selesai) {
      isi("url_berkas").href = k.url_berkas;
      isi("url_berkas").focus();
    }
    return k.selesai || k.gagal;
  }
  function tanya() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (k) { if (!tampil(k)) setTimeout(tanya, 2000); })
      .catch(function () { setTimeout(tanya, 5000); });
  }
  if (isi("siap").hidden && isi("galat").hidden) setTimeout(tanya, 1000);
})();
