import secrets

from django.db import migrations, models

import corredor.accounts.models


def give_each_organization_its_own_key(apps, schema_editor):
    # AddField computes a callable default once for all existing rows: replace it per row.
    Organization = apps.get_model("accounts", "Organization")
    for organization in Organization.objects.all():
        organization.calendar_key = secrets.token_urlsafe(32)
        organization.save(update_fields=["calendar_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_organization_kind_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="organization",
            name="calendar_key",
            field=models.CharField(
                default=corredor.accounts.models.new_calendar_key, editable=False, max_length=43
            ),
        ),
        migrations.RunPython(give_each_organization_its_own_key, migrations.RunPython.noop),
    ]
