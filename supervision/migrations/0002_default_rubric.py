"""The default 评查标准 (◐ labelled default, spec §8) and the yearly minimums (supervision.seed)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from supervision import seed

    seed.load(apps)


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
