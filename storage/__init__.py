"""Object store (MinIO/S3 client, local JuiceFS gateway) and warehouse (SQLAlchemy, Alembic).

The only package that knows about MinIO and SQL. It takes plain values and returns
plain values (its own dataclasses); it never imports flows, ocr, extractors, quality
or Prefect.
"""
