"""Drop the single-column indexes of cases that a composite index already covers (province, lead unit: the
composites start with them; detected_on: case_date_idx) or that only deleting an administrative unit would use
(place). Each index costs every imported case its share of the writing time.

The indexes are dropped by name: on SQLite, AlterField would rebuild the whole cases table, which drops the
word-index triggers (migration 0003) with it.
"""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = {
    "cases_case_detected_on_1798058c": "detected_on",
    "cases_case_lead_unit_id_fb1941ea": "lead_unit_id",
    "cases_case_place_id_bb1f10d2": "place_id",
    "cases_case_province_id_d571d0d2": "province_id",
}


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_soft_delete"),
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "cases_case" ("{column}")',
                )
                for name, column in INDEXES.items()
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="case",
                    name="detected_on",
                    field=models.DateField(),
                ),
                migrations.AlterField(
                    model_name="case",
                    name="lead_unit",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="lead_cases",
                        to="org.unit",
                    ),
                ),
                migrations.AlterField(
                    model_name="case",
                    name="place",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="org.administrativeunit",
                    ),
                ),
                migrations.AlterField(
                    model_name="case",
                    name="province",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="org.administrativeunit",
                    ),
                ),
            ],
        ),
    ]
