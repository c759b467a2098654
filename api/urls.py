"""URLs of the API (/api/v1/) and of a user's tokens (/akun/token/)."""

from django.urls import path

from api import views, views_token

api_urls = [
    path("openapi.json", views.openapi, name="api-openapi"),
    path("perangkat-daerah/", views.daftar_pd, name="api-pd"),
    path("perangkat-daerah/<str:kode>/<str:tahun>/kinerja/", views.kinerja, name="api-kinerja"),
    path("perangkat-daerah/<str:kode>/<str:tahun>/anggaran/", views.anggaran, name="api-anggaran"),
    path(
        "perangkat-daerah/<str:kode>/<str:tahun>/anggaran-sasaran/",
        views.anggaran_sasaran,
        name="api-anggaran-sasaran",
    ),
    path("perangkat-daerah/<str:kode>/<str:tahun>/lkjip/", views.lkjip, name="api-lkjip"),
]

akun_urls = [
    path("token/", views_token.token, name="api-token"),
    path("token/<int:pk>/cabut/", views_token.cabut, name="api-token-cabut"),
]
