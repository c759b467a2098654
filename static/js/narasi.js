/* LKjIP narrative editor: autosave that never loses text.
 *
 * Each section is a plain form that also works without this script. Here a section
 * is saved about 1,5 s after typing stops, when the field loses focus, and when the
 * page is left. Until the server confirms a save, the text is also kept in this
 * browser (localStorage) and restored on the next visit. A save that meets a newer
 * version (someone else saved in between) is refused by the server (409): the user's
 * text stays in the box and the stored text is shown beside it, to choose or merge.
 */
(function () {
  "use strict";

  var JEDA = 1500;
  var COBA_LAGI = 5000;

  function simpanLokal(kunci, isi) {
    try {
      window.localStorage.setItem(kunci, JSON.stringify(isi));
    } catch (e) {
      /* storage full or disabled: the server save still runs */
    }
  }

  function bacaLokal(kunci) {
    try {
      var isi = window.localStorage.getItem(kunci);
      return isi ? JSON.parse(isi) : null;
    } catch (e) {
      return null;
    }
  }

  function hapusLokal(kunci) {
    try {
      window.localStorage.removeItem(kunci);
    } catch (e) {
      /* ignore */
    }
  }

  function Bagian(form) {
    this.form = form;
    this.url = form.getAttribute("action");
    this.teks = form.querySelector("textarea[name=teks]");
    this.judul = form.querySelector("input[name=judul]");
    this.versi = form.querySelector("input[name=versi]");
    this.csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    this.status = form.querySelector(".status-simpan");
    this.kunci = form.getAttribute("data-kunci-simpan");
    this.penunda = null;
    this.sedangKirim = false;
    this.kirimLagi = false;
    this.konflik = false;
    this.terkirim = this.isi();
    this.pulihkan();
    this.pasang();
  }

  Bagian.prototype.isi = function () {
    return { teks: this.teks.value, judul: this.judul.value };
  };

  Bagian.prototype.kotor = function () {
    var kini = this.isi();
    return kini.teks !== this.terkirim.teks || kini.judul !== this.terkirim.judul;
  };

  Bagian.prototype.umumkan = function (teks, jenis) {
    if (!this.status) {
      return;
    }
    this.status.textContent = teks;
    this.status.className = "status-simpan" + (jenis ? " " + jenis : "");
  };

  Bagian.prototype.cadangkan = function () {
    var isi = this.isi();
    isi.versi = this.versi.value;
    isi.waktu = Date.now();
    simpanLokal(this.kunci, isi);
  };

  Bagian.prototype.pulihkan = function () {
    var cadangan = bacaLokal(this.kunci);
    if (!cadangan) {
      return;
    }
    var kini = this.isi();
    if (cadangan.teks === kini.teks && cadangan.judul === kini.judul) {
      hapusLokal(this.kunci);
      return;
    }
    // Text typed here that never reached the server: put it back and save it. With an
    // older version the server answers with a conflict and both texts are shown.
    this.teks.value = cadangan.teks;
    this.judul.value = cadangan.judul;
    this.versi.value = cadangan.versi;
    this.umumkan("Teks yang belum tersimpan dipulihkan dari peramban ini; menyimpan…", "menunggu");
    this.jadwalkan(0);
  };

  Bagian.prototype.pasang = function () {
    var self = this;
    function berubah() {
      self.cadangkan();
      if (self.konflik) {
        return;
      }
      self.umumkan("Belum tersimpan…", "menunggu");
      self.jadwalkan(JEDA);
    }
    this.teks.addEventListener("input", berubah);
    this.judul.addEventListener("input", berubah);
    this.form.addEventListener("focusout", function () {
      if (self.kotor()) {
        self.jadwalkan(0);
      }
    });
    this.form.addEventListener("submit", function (e) {
      e.preventDefault();
      self.jadwalkan(0);
    });
  };

  Bagian.prototype.jadwalkan = function (jeda) {
    var self = this;
    window.clearTimeout(this.penunda);
    this.penunda = window.setTimeout(function () {
      self.simpan();
    }, jeda);
  };

  Bagian.prototype.dataKirim = function (isi) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", this.csrf);
    data.append("versi", this.versi.value);
    data.append("judul", isi.judul);
    data.append("teks", isi.teks);
    return data;
  };

  Bagian.prototype.simpan = function () {
    var self = this;
    if (this.konflik) {
      return;
    }
    if (this.sedangKirim) {
      this.kirimLagi = true;
      return;
    }
    if (!this.kotor() && this.status && this.status.classList.contains("tersimpan")) {
      return;
    }
    var isi = this.isi();
    this.sedangKirim = true;
    this.umumkan("Menyimpan…", "menunggu");
    fetch(this.url, {
      method: "POST",
      body: this.dataKirim(isi),
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": this.csrf },
    })
      .then(function (r) {
        return r.json().then(function (d) {
          return { kode: r.status, d: d };
        });
      })
      .then(function (hasil) {
        var d = hasil.d;
        if (hasil.kode === 200) {
          self.versi.value = d.versi;
          self.terkirim = isi;
          if (!self.kotor()) {
            hapusLokal(self.kunci);
            self.umumkan(d.pesan, "tersimpan");
          } else {
            self.cadangkan();
          }
        } else if (hasil.kode === 409) {
          self.tampilkanKonflik(d);
        } else {
          self.umumkan("Belum tersimpan: " + (d.galat || "permintaan ditolak."), "galat");
        }
      })
      .catch(function () {
        self.umumkan(
          "Belum tersimpan: koneksi terputus. Teks Anda disimpan sementara di peramban ini dan akan dikirim lagi.",
          "galat"
        );
        self.jadwalkan(COBA_LAGI);
      })
      .then(function () {
        self.sedangKirim = false;
        if (self.kirimLagi) {
          self.kirimLagi = false;
          self.jadwalkan(0);
        }
      });
  };

  Bagian.prototype.tampilkanKonflik = function (d) {
    var self = this;
    this.konflik = true;
    this.cadangkan();
    this.umumkan("Belum tersimpan: ada versi yang lebih baru.", "galat");
    var kotak = document.createElement("div");
    kotak.className = "konflik";
    kotak.setAttribute("role", "alert");
    var p = document.createElement("p");
    var kuat = document.createElement("strong");
    kuat.textContent = "Bagian ini sudah diubah oleh " + d.oleh + " pada " + d.waktu;
    p.appendChild(kuat);
    p.appendChild(
      document.createTextNode(
        " setelah halaman ini Anda buka. Teks Anda belum disimpan dan tetap ada di kotak di atas; teks yang tersimpan sekarang ada di bawah ini."
      )
    );
    var label = document.createElement("label");
    var idLain = this.teks.id + "-lain";
    label.setAttribute("for", idLain);
    label.textContent = "Teks tersimpan (oleh " + d.oleh + ")" + (d.judul ? ", judul “" + d.judul + "”" : "");
    var lain = document.createElement("textarea");
    lain.id = idLain;
    lain.readOnly = true;
    lain.rows = 6;
    lain.value = d.teks;
    var tombol = document.createElement("div");
    tombol.className = "tombol";
    var milikku = document.createElement("button");
    milikku.type = "button";
    milikku.textContent = "Simpan teks saya (ganti teks tersimpan)";
    var milikLain = document.createElement("button");
    milikLain.type = "button";
    milikLain.textContent = "Pakai teks tersimpan";
    tombol.appendChild(milikku);
    tombol.appendChild(milikLain);
    kotak.appendChild(p);
    kotak.appendChild(label);
    kotak.appendChild(lain);
    kotak.appendChild(tombol);
    this.form.parentNode.insertBefore(kotak, this.form.nextSibling);

    function selesai() {
      kotak.parentNode.removeChild(kotak);
      self.konflik = false;
    }
    milikku.addEventListener("click", function () {
      self.versi.value = d.versi;
      selesai();
      self.jadwalkan(0);
      self.teks.focus();
    });
    milikLain.addEventListener("click", function () {
      self.teks.value = d.teks;
      self.judul.value = d.judul;
      self.versi.value = d.versi;
      self.terkirim = self.isi();
      hapusLokal(self.kunci);
      selesai();
      self.umumkan("Memakai teks tersimpan oleh " + d.oleh + ".", "tersimpan");
      self.teks.focus();
    });
  };

  // Leaving the page: send what was not sent yet. The request outlives the page
  // (keepalive); if it still fails, the copy in localStorage is restored next time.
  Bagian.prototype.kirimTerakhir = function () {
    if (this.konflik || !this.kotor()) {
      return;
    }
    this.cadangkan();
    var isi = this.isi();
    // Sent once: pagehide follows beforeunload.
    this.terkirim = isi;
    try {
      fetch(this.url, {
        method: "POST",
        body: this.dataKirim(isi),
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": this.csrf },
        keepalive: true,
      });
    } catch (e) {
      /* the local copy remains */
    }
  };

  var semua = [];
  document.querySelectorAll("form.form-narasi").forEach(function (form) {
    semua.push(new Bagian(form));
  });
  window.addEventListener("pagehide", function () {
    semua.forEach(function (b) {
      b.kirimTerakhir();
    });
  });
  window.addEventListener("beforeunload", function () {
    semua.forEach(function (b) {
      window.clearTimeout(b.penunda);
      b.kirimTerakhir();
    });
  });
})();
