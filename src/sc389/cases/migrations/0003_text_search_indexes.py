"""Text indexes for word search at a million cases: FTS5 trigram tables on SQLite, pg_trgm GIN on PostgreSQL."""

from django.db import migrations

from sc389.cases.textsearch import fts_drop_statements, fts_statements, trigram_statements

COLUMNS = [("cases_case", "search_folded"), ("cases_goodsline", "description_folded")]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, column in COLUMNS:
        statements = {"sqlite": fts_statements, "postgresql": trigram_statements}.get(vendor)
        for sql in statements(table, column) if statements else []:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, column in COLUMNS:
        if vendor == "sqlite":
            for sql in fts_drop_statements(table, column):
                schema_editor.execute(sql)
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_importjob")]
    operations = [migrations.RunPython(forwards, backwards)]
