import os

os.environ.setdefault("DEBUG", "True")
os.environ.setdefault("DJANGO_TEST_FAST_HASHER", "1")
