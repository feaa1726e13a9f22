"""工贸 重大事故隐患判定标准 items and the per-sector checklist templates (inspections.seed)."""

from django.db import migrations


def load(apps, schema_editor):
    from inspections import seed

    seed.load(apps)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
