"""Renaming a model's class while its table, and so the database, stay as they are.

A model renamed inside ``SeparateDatabaseAndState`` keeps its rows, but Django's
automatic renaming of the content type only sees a top-level ``RenameModel``, and no
one renames the default permissions. ``rename_model_records`` is the ``RunPython``
that does both, both ways, so an admin's log entries, a commitment's source and a
group's permissions keep pointing at the same model under its new name.
"""

from __future__ import annotations

from django.db import migrations
from django.utils.text import camel_case_to_spaces

ACTIONS = ("add", "change", "delete", "view")


def _rename(apps, schema_editor, app_label: str, old: str, new: str, verbose: dict) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    types = ContentType.objects.using(db)
    kind = types.filter(app_label=app_label, model=old.lower()).first()
    if kind is None or types.filter(app_label=app_label, model=new.lower()).exists():
        return  # a fresh database, or a stale row that remove_stale_contenttypes settles
    kind.model = new.lower()
    kind.save(update_fields=["model"])
    for action in ACTIONS:
        Permission.objects.using(db).filter(
            content_type=kind, codename=f"{action}_{old.lower()}"
        ).update(codename=f"{action}_{new.lower()}", name=f"Can {action} {verbose[new]}")
    ContentType.objects.clear_cache()


def rename_model_records(app_label: str, old: str, new: str) -> migrations.RunPython:
    """The content type and default permissions of ``app_label.old`` become ``new``'s."""

    def verbose_names(apps) -> dict[str, str]:
        # The operation runs after the state's RenameModel both ways, so the state
        # holds the new model; a verbose name of its own stays, a default one follows
        # the class name.
        meta = apps.get_model(app_label, new)._meta
        if meta.verbose_name == camel_case_to_spaces(new):
            return {old: camel_case_to_spaces(old), new: meta.verbose_name}
        return {old: meta.verbose_name, new: meta.verbose_name}

    def forwards(apps, schema_editor):
        _rename(apps, schema_editor, app_label, old, new, verbose_names(apps))

    def backwards(apps, schema_editor):
        _rename(apps, schema_editor, app_label, new, old, verbose_names(apps))

    return migrations.RunPython(forwards, backwards)


def rename_model_keeping_table(app_label: str, old: str, new: str, table: str) -> list:
    """The operations that rename ``old`` to ``new`` in the migration state only (the
    table keeps its name, the database is untouched), then rename its records."""
    return [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameModel(old, new),
                migrations.AlterModelTable(new.lower(), table),
            ]
        ),
        rename_model_records(app_label, old, new),
    ]
