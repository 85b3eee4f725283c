"""Database triggers that reject UPDATE and DELETE on the evidence tables (see guards.py)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from fairscreen.evidence import guards


def install(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for statement in guards.install_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def uninstall(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for statement in guards.uninstall_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
