"""The GIN index on Post.search_vector, on PostgreSQL only (SQLite has no full-text search here).

The vector itself is written by the posting services in the same transaction as the text (an
UPDATE ... SET search_vector = to_tsvector(...)), and by seed_bulk in one UPDATE after COPY.
"""

from django.db import migrations

INDEX = "forums_post_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON forums_post USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("forums", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
