"""``manage.py periksa_riwayat [--pemda KODE]``: verify the audit trail's hash chains.

Each pemda's audit rows form a chain (``lib/rantai.py``): every row's hash covers its
content and the hash of the row before it. The command walks each chain from its
first row, and checks that every signed LKjIP's recorded chain head (printed in its
stamp) is still the row it was. It names the first row that does not fit.

Exit status: 0 every chain holds, 1 a chain or a signed year's record does not.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from kinerja.audit import format_waktu, periksa_riwayat
from kinerja.models import LogPerubahan, Pemda
from laporan.models import SnapshotLKjIP
from lib.format import format_angka_alami


def _baris(pk) -> str:
    row = LogPerubahan.objects.filter(pk=pk).first()
    if row is None:
        return f"baris riwayat id {pk}"
    return (
        f"baris riwayat id {row.pk} (nomor urut {row.urutan}, {format_waktu(row.waktu)}, "
        f"{row.aksi}: {row.objek})"
    )


class Command(BaseCommand):
    help = "Memeriksa rantai hash riwayat perubahan (per pemda) dan catatan LKjIP bertanda tangan."

    def add_arguments(self, parser):
        parser.add_argument("--pemda", help="kode pemda (bawaan: semua)")

    def handle(self, *args, **options):
        pemda = None
        if options.get("pemda"):
            pemda = Pemda.objects.filter(kode=options["pemda"]).first()
            if pemda is None:
                raise CommandError(f"Pemda dengan kode {options['pemda']} tidak ditemukan.")
        rusak = 0
        for h in periksa_riwayat(pemda):
            nama = h.pemda.nama if h.pemda is not None else "Tanpa pemda"
            if h.putus is None:
                self.stdout.write(f"{nama}: {format_angka_alami(h.baris)} baris riwayat utuh.")
                continue
            rusak += 1
            letak = _baris(h.putus.id) if h.putus.id is not None else "akhir rantai"
            self.stdout.write(f"{nama}: TIDAK UTUH pada {letak}: {h.putus.alasan}.")
        rusak += self._periksa_snapshot(pemda)
        if rusak:
            raise CommandError(f"Riwayat tidak utuh ({rusak} masalah).", returncode=1)
        self.stdout.write("Riwayat utuh.")

    def _periksa_snapshot(self, pemda) -> int:
        """Every signed LKjIP's recorded chain head is still the row it was."""
        rusak = 0
        snapshot = SnapshotLKjIP.objects.filter(riwayat_urutan__gt=0).select_related(
            "lkjip__perangkat_daerah__pemda"
        )
        if pemda is not None:
            snapshot = snapshot.filter(lkjip__perangkat_daerah__pemda=pemda)
        for s in snapshot.order_by("pk"):
            pd = s.lkjip.perangkat_daerah
            row = LogPerubahan.objects.filter(pemda_id=pd.pemda_id, urutan=s.riwayat_urutan)
            if not row.filter(hash=s.riwayat_hash).exists():
                rusak += 1
                self.stdout.write(
                    f"LKjIP {pd.nama} {s.lkjip.tahun} versi {s.versi} mencatat riwayat "
                    f"#{s.riwayat_urutan} {s.riwayat_hash[:16]} saat ditetapkan, tetapi baris "
                    "itu kini tidak ada atau berbeda: riwayat sebelum penetapan diubah."
                )
        return rusak
