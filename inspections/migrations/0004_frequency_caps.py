"""The example frequency-cap table of spec §3.2 (inspections.seed_caps)."""

from django.db import migrations


def load(apps, schema_editor):
    from inspections import seed_caps

    seed_caps.load(apps)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0003_draws_joint")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
