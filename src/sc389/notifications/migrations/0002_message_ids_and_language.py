"""Notifications store what to say (message ids and params) instead of finished Vietnamese text.

Rows written before keep their text, renamed to title_text / body_text, and are shown as they are; the
recipient's language for e-mails and digests defaults to Vietnamese.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="notification", old_name="title", new_name="title_text"),
        migrations.RenameField(model_name="notification", old_name="body", new_name="body_text"),
        migrations.AlterField(
            model_name="notification",
            name="title_text",
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.AddField(
            model_name="notification",
            name="title_msgid",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="notification",
            name="body_msgid",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="notification",
            name="params",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="notification",
            name="labels",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="notificationsetting",
            name="language",
            field=models.CharField(
                choices=[("vi", "Tiếng Việt"), ("en", "English")], default="vi", max_length=8
            ),
        ),
    ]
