/* Realisasi grid: keyboard movement, live capaian (computed by the server), evidence upload.
 *
 * No formula lives here: every capaian and predicate comes from the pratinjau view,
 * which runs the same engine as the save. Without this script the page still works
 * (plain form posts).
 */
(function () {
  "use strict";

  var form = document.getElementById("form-realisasi");
  if (!form) {
    return;
  }
  var urlPratinjau = form.getAttribute("data-pratinjau");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var statusIsian = form.querySelector(".status-isian");
  var adaPerubahan = false;
  var sedangKirim = false;
  var penunda = {};
  var urutan = {};

  function umumkan(teks) {
    if (statusIsian) {
      statusIsian.textContent = teks;
    }
  }

  function baris(el) {
    return el.closest("tr.baris");
  }

  // ---------------------------------------------------------------- keyboard

  function isianBerikut(el) {
    var kolom = el.getAttribute("data-kolom");
    var tr = baris(el);
    var berikut = tr && tr.nextElementSibling;
    while (berikut) {
      if (berikut.classList.contains("baris")) {
        var target = berikut.querySelector("[data-kolom='" + kolom + "']");
        if (target) {
          return target;
        }
      }
      berikut = berikut.nextElementSibling;
    }
    // The next group starts in the next <tbody>.
    var tbody = tr && tr.parentElement.nextElementSibling;
    while (tbody) {
      var pertama = tbody.querySelector("tr.baris [data-kolom='" + kolom + "']");
      if (pertama) {
        return pertama;
      }
      tbody = tbody.nextElementSibling;
    }
    return null;
  }

  form.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey || e.isComposing) {
      return;
    }
    var el = e.target;
    // In a note (textarea) Enter starts a new line; only the value fields move down.
    if (!el.hasAttribute || !el.hasAttribute("data-kolom") || el.tagName === "TEXTAREA") {
      return;
    }
    e.preventDefault();
    var berikut = isianBerikut(el);
    if (berikut) {
      berikut.focus();
      if (berikut.select) {
        berikut.select();
      }
    } else {
      form.querySelector("button.simpan").focus();
    }
  });

  // ---------------------------------------------------------------- live capaian

  function tandaiCatatan(tr, pesan) {
    var catatan = tr.querySelector("[data-kolom='catatan']");
    var petunjuk = tr.querySelector(".wajib-catatan");
    if (!catatan || !petunjuk) {
      return;
    }
    var perlu = tr.getAttribute("data-perlu-catatan") === "1";
    var kosong = catatan.value.trim() === "";
    catatan.classList.toggle("wajib", perlu);
    catatan.setAttribute("aria-required", perlu ? "true" : "false");
    if (pesan) {
      petunjuk.textContent = pesan;
    }
    // A note error from the last save says the same; show one message, not two.
    var galatServer = tr.querySelector(".galat-catatan");
    if (galatServer && !kosong) {
      galatServer.remove();
      galatServer = null;
    }
    petunjuk.hidden = !(perlu && kosong) || galatServer !== null;
  }

  function tampilkan(tr, h) {
    var galat = tr.querySelector(".galat-pratinjau");
    var pesanGalat = [];
    Object.keys(h.galat || {}).forEach(function (k) {
      pesanGalat.push(h.galat[k]);
    });
    galat.textContent = pesanGalat.join(" ");
    galat.hidden = pesanGalat.length === 0;
    tr.querySelector("td.capaian").textContent = h.capaian || "-";
    tr.querySelector("td.capaian").title = h.rumus || "";
    var sel = tr.querySelector("td.predikat-sel");
    sel.textContent = "";
    if (h.predikat && h.predikat !== "-") {
      var span = document.createElement("span");
      span.className = "predikat";
      span.style.setProperty("--warna", h.warna || "#777");
      span.textContent = h.predikat;
      sel.appendChild(span);
    } else {
      sel.textContent = "-";
    }
    tr.setAttribute("data-perlu-catatan", h.perlu_catatan ? "1" : "");
    tandaiCatatan(tr, h.pesan_catatan);
  }

  function pratinjau(tr) {
    var id = tr.getAttribute("data-indikator");
    var data = new FormData();
    data.append("indikator", id);
    tr.querySelectorAll("[data-kolom='realisasi']").forEach(function (inp) {
      data.append(inp.getAttribute("data-nama"), inp.value);
    });
    var nomor = (urutan[id] = (urutan[id] || 0) + 1);
    fetch(urlPratinjau, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
    })
      .then(function (r) {
        if (!r.ok) {
          throw new Error(String(r.status));
        }
        return r.json();
      })
      .then(function (h) {
        if (nomor === urutan[id]) {
          tampilkan(tr, h);
        }
      })
      .catch(function () {
        var galat = tr.querySelector(".galat-pratinjau");
        galat.textContent = "Capaian belum dapat dihitung sekarang; capaian dihitung lagi saat disimpan.";
        galat.hidden = false;
      });
  }

  form.addEventListener("input", function (e) {
    var el = e.target;
    var kolom = el.getAttribute && el.getAttribute("data-kolom");
    if (!kolom) {
      return;
    }
    adaPerubahan = true;
    umumkan("Ada isian yang belum disimpan.");
    var tr = baris(el);
    if (kolom === "catatan") {
      sesuaikanTinggi(el);
      tandaiCatatan(tr);
      return;
    }
    var id = tr.getAttribute("data-indikator");
    clearTimeout(penunda[id]);
    penunda[id] = setTimeout(function () {
      pratinjau(tr);
    }, 300);
  });

  // A note grows with its text instead of hiding it behind a scroll bar.
  function sesuaikanTinggi(el) {
    el.style.height = "auto";
    el.style.height = el.scrollHeight + 2 + "px";
  }

  form.querySelectorAll("tr.baris").forEach(function (tr) {
    tandaiCatatan(tr);
  });
  form.querySelectorAll("textarea[data-kolom='catatan']").forEach(sesuaikanTinggi);

  // ---------------------------------------------------------------- unsaved changes

  form.addEventListener("submit", function () {
    sedangKirim = true;
  });
  window.addEventListener("beforeunload", function (e) {
    if (adaPerubahan && !sedangKirim) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
  var ajukan = document.querySelector("form.form-ajukan");
  if (ajukan) {
    ajukan.addEventListener("submit", function (e) {
      if (adaPerubahan && !window.confirm("Ada isian yang belum disimpan. Ajukan tanpa menyimpannya?")) {
        e.preventDefault();
        return;
      }
      sedangKirim = true;
    });
  }

  // ---------------------------------------------------------------- evidence

  function galatBukti(sel, teks) {
    var p = sel.querySelector(".galat-bukti");
    p.textContent = teks;
    p.hidden = !teks;
  }

  function kirimBukti(sel, url, data, tombol) {
    if (tombol) {
      tombol.disabled = true;
    }
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
    })
      .then(function (r) {
        return r.json().catch(function () {
          return { galat: "Permintaan gagal (kode " + r.status + "); muat ulang halaman lalu coba lagi." };
        });
      })
      .then(function (h) {
        if (h.html) {
          sel.innerHTML = h.html;
        }
        if (h.galat) {
          galatBukti(sel, h.galat);
        } else {
          umumkan(h.pesan || "");
        }
      })
      .catch(function () {
        galatBukti(sel, "Berkas tidak terkirim; periksa sambungan lalu coba lagi.");
      })
      .then(function () {
        if (tombol && document.body.contains(tombol)) {
          tombol.disabled = false;
        }
      });
  }

  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.matches && el.matches("td.bukti input[type=file]")) {
      var sel = el.closest("td.bukti");
      sel.querySelector(".nama-berkas").textContent = el.files.length ? el.files[0].name : "";
      galatBukti(sel, "");
    }
  });

  document.addEventListener("click", function (e) {
    var tombol = e.target.closest && e.target.closest("button.unggah-bukti, button.hapus-bukti");
    if (!tombol) {
      return;
    }
    e.preventDefault();
    var sel = tombol.closest("td.bukti");
    if (tombol.classList.contains("hapus-bukti")) {
      if (window.confirm("Hapus bukti dukung " + tombol.getAttribute("data-nama") + "?")) {
        kirimBukti(sel, tombol.getAttribute("data-url"), new FormData(), tombol);
      }
      return;
    }
    var berkas = sel.querySelector("input[type=file]");
    if (!berkas.files.length) {
      galatBukti(sel, "Pilih berkas bukti dukung terlebih dahulu.");
      berkas.focus();
      return;
    }
    var data = new FormData();
    data.append("berkas", berkas.files[0]);
    galatBukti(sel, "");
    kirimBukti(sel, tombol.getAttribute("data-url"), data, tombol);
  });
})();
