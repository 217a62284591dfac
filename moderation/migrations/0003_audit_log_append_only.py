"""On PostgreSQL, the database itself refuses to change or delete audit log rows.

TRUNCATE is left to the table owner (test databases are reset with it); application roles in
production should not own the table.
"""

from django.db import migrations

# One statement per execute: with server-side binding (config/settings.py) PostgreSQL refuses
# several commands in one prepared statement.
FORWARD = [
    """
    CREATE OR REPLACE FUNCTION moderation_audit_log_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'moderation_moderationaction is append-only (% refused)', TG_OP;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER moderation_audit_log_append_only
        BEFORE UPDATE OR DELETE ON moderation_moderationaction
        FOR EACH ROW EXECUTE FUNCTION moderation_audit_log_append_only()
    """,
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS moderation_audit_log_append_only ON moderation_moderationaction",
    "DROP FUNCTION IF EXISTS moderation_audit_log_append_only()",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0002_cases_reports_audit_log")]

    operations = [migrations.RunPython(forward, backward)]
