/* Live checking of the predicate scale on the admin pemda rules page: every
   edit posts the form to the check URL (data-periksa), which answers with the
   Indonesian messages of kinerja.engine.predikat.periksa_skala. Nothing is
   saved until the admin presses "Simpan aturan". No dependencies. */
(function () {
  "use strict";
  var form = document.getElementById("form-aturan");
  if (!form) return;
  var url = form.dataset.periksa;
  var pilih = form.querySelector("[name=skala_preset]");
  var editor = document.getElementById("editor-band");
  var tbody = editor.querySelector("tbody");
  var templat = document.getElementById("templat-band");
  var hasil = document.getElementById("hasil-periksa");
  var salin = document.getElementById("salin-preset");
  var preset = JSON.parse(document.getElementById("data-preset").textContent);
  var KOLOM = ["label", "bawah_op", "bawah", "atas_op", "atas", "warna", "keterangan"];
  var timer = null;
  var nomor = 0;

  function tampilkanPilihan() {
    var k = pilih.value;
    form.querySelectorAll(".pratinjau-preset").forEach(function (el) {
      el.hidden = el.dataset.preset !== k;
    });
    editor.hidden = k !== "";
    salin.hidden = k === "";
  }

  function barisBaru(data) {
    var tr = templat.content.querySelector("tr").cloneNode(true);
    if (data) {
      KOLOM.forEach(function (k) {
        var el = tr.querySelector("[name=band_" + k + "]");
        if (el && data[k] !== undefined && data[k] !== "") el.value = data[k];
      });
    }
    tbody.appendChild(tr);
    return tr;
  }

  function terisi(tr) {
    return ["label", "bawah", "atas", "keterangan"].some(function (k) {
      return tr.querySelector("[name=band_" + k + "]").value.trim() !== "";
    });
  }

  function daftar(judul, isi, kelas) {
    var wadah = document.createElement("div");
    if (judul) {
      var s = document.createElement("strong");
      s.textContent = judul;
      wadah.appendChild(s);
    }
    if (isi.length) {
      var ul = document.createElement("ul");
      if (kelas) ul.className = kelas;
      isi.forEach(function (t) {
        var li = document.createElement("li");
        li.textContent = t;
        ul.appendChild(li);
      });
      wadah.appendChild(ul);
    }
    return wadah;
  }

  function tampilkan(j) {
    hasil.replaceChildren();
    hasil.className = "hasil-periksa " + (j.sah ? "sah" : "tidak-sah");
    var galat = j.galat.slice();
    Object.keys(j.galat_kolom || {}).forEach(function (k) {
      galat = galat.concat(j.galat_kolom[k]);
    });
    if (j.sah && !galat.length) {
      var p = document.createElement("p");
      var s = document.createElement("strong");
      s.textContent = "Skala sah:";
      p.appendChild(s);
      p.appendChild(document.createTextNode(" tidak ada celah dan tidak ada tumpang-tindih."));
      hasil.appendChild(p);
    } else {
      hasil.appendChild(daftar("Skala belum sah:", galat));
    }
    if (j.peringatan.length) hasil.appendChild(daftar("Perhatian:", j.peringatan, "peringatan"));
    // Row errors come for the filled rows only, in order.
    var i = 0;
    tbody.querySelectorAll("tr").forEach(function (tr) {
      var tempat = tr.querySelector(".galat-baris");
      tempat.replaceChildren();
      if (!terisi(tr)) return;
      (j.galat_band[i] || []).forEach(function (t) {
        var p = document.createElement("p");
        p.className = "galat";
        p.textContent = t;
        tempat.appendChild(p);
      });
      i += 1;
    });
  }

  function periksa() {
    nomor += 1;
    var ini = nomor;
    fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" },
    })
      .then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      })
      .then(function (j) {
        if (ini === nomor) tampilkan(j);
      })
      .catch(function () {
        if (ini !== nomor) return;
        hasil.replaceChildren();
        hasil.className = "hasil-periksa tidak-sah";
        hasil.textContent = "Skala tidak dapat diperiksa saat ini; pemeriksaan tetap dilakukan ketika disimpan.";
      });
  }

  function jadwalkan() {
    clearTimeout(timer);
    timer = setTimeout(periksa, 300);
  }

  pilih.addEventListener("change", function () {
    tampilkanPilihan();
    periksa();
  });
  salin.addEventListener("click", function () {
    var p = preset[pilih.value];
    if (!p) return;
    tbody.replaceChildren();
    p.band.forEach(barisBaru);
    pilih.value = "";
    tampilkanPilihan();
    periksa();
    var pertama = tbody.querySelector("input");
    if (pertama) pertama.focus();
  });
  document.getElementById("tambah-band").addEventListener("click", function () {
    barisBaru().querySelector("input").focus();
  });
  tbody.addEventListener("click", function (e) {
    if (e.target.classList.contains("hapus-band")) {
      e.target.closest("tr").remove();
      periksa();
    }
  });
  form.addEventListener("input", function (e) {
    if (e.target.name !== "skala_preset") jadwalkan();
  });
  tampilkanPilihan();
})();
