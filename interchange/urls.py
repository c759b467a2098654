"""URLs of the import jobs (``interchange.antrean``); ``lkjip.urls`` mounts each list:

- ``pd_urls``: the job of a perangkat daerah's import under /pd/<kode>/impor/;
- ``pemda_urls``: the job of a data package under /pemda/<kode pemda>/impor/.
"""

from django.urls import path

from interchange import views

pd_urls = [
    path("<uuid:job>/", views.impor_job, name="impor-job"),
    path("<uuid:job>.json", views.impor_job_json, name="impor-job-json"),
]

pemda_urls = [
    path("<uuid:job>/", views.pemda_impor_job, name="pemda-impor-job"),
    path("<uuid:job>.json", views.pemda_impor_job_json, name="pemda-impor-job-json"),
]
