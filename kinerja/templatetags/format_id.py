"""Indonesian number and date formats for templates: thin wrappers over kinerja.engine.angka."""

from django import template

from lib import format as angka

register = template.Library()


@register.filter
def persen(nilai, desimal=2):
    return angka.format_persen(nilai, int(desimal))


@register.filter
def rupiah(nilai):
    return angka.format_rupiah(nilai)


@register.filter
def bilangan(nilai, desimal=2):
    return angka.format_angka(nilai, int(desimal))


@register.filter
def bilangan_alami(nilai):
    return angka.format_angka_alami(nilai)


@register.filter
def tanggal_id(nilai):
    return angka.format_tanggal(nilai)


@register.filter
def nip(nilai):
    return angka.format_nip(nilai)
