"""Word indexes for search at a million cases: an FTS5 word table on SQLite, pg_trgm GIN indexes on PostgreSQL."""

from django.db import migrations

from sc389.cases.textsearch import fts_drop_statements, fts_statements, trigram_statements

TRIGRAM_COLUMNS = [("cases_case", "search_folded"), ("cases_goodsline", "description_folded")]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = []
    if vendor == "sqlite":
        statements = fts_statements()
    elif vendor == "postgresql":
        statements = [sql for table, column in TRIGRAM_COLUMNS for sql in trigram_statements(table, column)]
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in fts_drop_statements():
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        for table, column in TRIGRAM_COLUMNS:
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_importjob")]
    operations = [migrations.RunPython(forwards, backwards)]
