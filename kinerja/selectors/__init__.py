"""Read-only queries of kinerja, one module per subject (views and other apps call these)."""
