"""The OpenAPI 3.0 description of the API (served at /api/v1/openapi.json, checked
against the answers by schemathesis in tests/api/)."""

from __future__ import annotations

ANGKA = {"type": "number", "nullable": True}
TEKS = {"type": "string", "nullable": True}
KODE_PD = {
    "name": "kode",
    "in": "path",
    "required": True,
    "description": "kode perangkat daerah, mis. 33.16.05",
    "schema": {"type": "string", "pattern": r"^[0-9]{2}(\.[0-9]{2}){1,3}$"},
    "example": "33.16.05",
}
TAHUN = {
    "name": "tahun",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 2000, "maximum": 2100},
    "example": 2024,
}
GALAT = {
    "description": "galat",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["galat"],
                "properties": {"galat": {"type": "string"}},
            }
        }
    },
}


def _json(schema: dict, deskripsi: str = "berhasil") -> dict:
    return {"description": deskripsi, "content": {"application/json": {"schema": schema}}}


def _operasi(ringkas: str, schema: dict, params: list | None = None) -> dict:
    return {
        "get": {
            "summary": ringkas,
            "parameters": params or [],
            "security": [{"token": []}],
            "responses": {"200": _json(schema), "401": GALAT, "404": GALAT},
        }
    }


TRIWULAN = {
    "type": "object",
    "properties": {"triwulan": {"type": "integer"}, "target": ANGKA, "realisasi": ANGKA},
}
INDIKATOR = {
    "type": "object",
    "required": ["kode", "nama", "capaian", "predikat"],
    "properties": {
        "kode": {"type": "string"},
        "nama": {"type": "string"},
        "tingkat": {"type": "string"},
        "induk": {"type": "string"},
        "iku": {"type": "boolean"},
        "satuan": {"type": "string"},
        "polaritas": {"type": "string", "enum": ["positif", "negatif"]},
        "tipe_penghitungan": {"type": "string"},
        "target": ANGKA,
        "target_label": TEKS,
        "sumber_target": TEKS,
        "realisasi": ANGKA,
        "realisasi_label": TEKS,
        "capaian": ANGKA,
        "capaian_skor": ANGKA,
        "predikat": TEKS,
        "tercapai": {"type": "boolean", "nullable": True},
        "triwulan": {"type": "array", "items": TRIWULAN},
    },
}

ANGGARAN_SASARAN = {
    "type": "object",
    "required": ["sasaran", "uraian", "tahun", "pagu", "realisasi", "penyerapan"],
    "properties": {
        "sasaran": {"type": "string", "description": "kode sasaran Renstra"},
        "uraian": {"type": "string"},
        "tahun": {"type": "integer"},
        "pagu": {**ANGKA, "minimum": 0},
        "realisasi": {**ANGKA, "minimum": 0},
        "penyerapan": {**ANGKA, "description": "realisasi ÷ pagu × 100"},
    },
}


def skema() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "API LKjIP",
            "version": "1",
            "description": (
                "API baca saja. Setiap permintaan membawa token pengguna "
                "(Authorization: Bearer …, dibuat di halaman Token API); pengguna hanya "
                "melihat perangkat daerah yang juga dapat dilihatnya di aplikasi. Angka "
                "ditulis tanpa pembulatan."
            ),
        },
        "servers": [{"url": "/"}],
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
        "paths": {
            "/api/v1/perangkat-daerah/": _operasi(
                "Perangkat daerah yang dapat dilihat pengguna",
                {
                    "type": "object",
                    "required": ["perangkat_daerah"],
                    "properties": {
                        "perangkat_daerah": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["kode", "nama"],
                                "properties": {
                                    "kode": {"type": "string"},
                                    "nama": {"type": "string"},
                                    "jenis": {"type": "string"},
                                    "pemda": {
                                        "type": "object",
                                        "properties": {
                                            "kode": {"type": "string"},
                                            "nama": {"type": "string"},
                                        },
                                    },
                                },
                            },
                        }
                    },
                },
            ),
            "/api/v1/perangkat-daerah/{kode}/{tahun}/kinerja/": _operasi(
                "Indikator dengan target, realisasi, capaian dan predikat satu tahun",
                {
                    "type": "object",
                    "required": ["perangkat_daerah", "tahun", "indikator"],
                    "properties": {
                        "perangkat_daerah": {"type": "string"},
                        "tahun": {"type": "integer"},
                        "indikator": {"type": "array", "items": INDIKATOR},
                        "rata_rata_capaian_iku": ANGKA,
                    },
                },
                [KODE_PD, TAHUN],
            ),
            "/api/v1/perangkat-daerah/{kode}/{tahun}/anggaran/": _operasi(
                "Pagu, realisasi dan penyerapan anggaran satu tahun",
                {
                    "type": "object",
                    "required": ["perangkat_daerah", "tahun", "anggaran"],
                    "properties": {
                        "perangkat_daerah": {"type": "string"},
                        "tahun": {"type": "integer"},
                        "pagu_total": ANGKA,
                        "realisasi_total": ANGKA,
                        "penyerapan_total": ANGKA,
                        "anggaran": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "kode": {"type": "string"},
                                    "nama": {"type": "string"},
                                    "tingkat": {"type": "string"},
                                    "pagu": ANGKA,
                                    "realisasi": ANGKA,
                                    "penyerapan": ANGKA,
                                },
                            },
                        },
                    },
                },
                [KODE_PD, TAHUN],
            ),
            "/api/v1/perangkat-daerah/{kode}/{tahun}/anggaran-sasaran/": _operasi(
                "Pagu dan realisasi yang dinyatakan laporan per sasaran satu tahun",
                {
                    "type": "object",
                    "required": ["perangkat_daerah", "tahun", "anggaran_sasaran"],
                    "properties": {
                        "perangkat_daerah": {"type": "string"},
                        "tahun": {"type": "integer"},
                        "anggaran_sasaran": {"type": "array", "items": ANGGARAN_SASARAN},
                    },
                },
                [KODE_PD, TAHUN],
            ),
            "/api/v1/perangkat-daerah/{kode}/{tahun}/lkjip/": _operasi(
                "Status LKjIP satu tahun dan hash dokumen yang ditetapkan",
                {
                    "type": "object",
                    "required": ["perangkat_daerah", "tahun", "status", "dokumen_ditetapkan"],
                    "properties": {
                        "perangkat_daerah": {"type": "string"},
                        "tahun": {"type": "integer"},
                        "status": {"type": "string", "enum": ["draf", "diajukan", "ditetapkan"]},
                        "dokumen_ditetapkan": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "versi": {"type": "integer"},
                                    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                                    "halaman": {"type": "integer"},
                                    "ditetapkan_pada": {"type": "string", "format": "date-time"},
                                    "penandatangan": {"type": "string"},
                                },
                            },
                        },
                    },
                },
                [KODE_PD, TAHUN],
            ),
        },
    }
