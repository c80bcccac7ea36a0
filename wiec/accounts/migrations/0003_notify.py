"""Per-kind e-mail preferences and a choice of delivery (issue 15).

The three switches ``email_on_status``, ``email_on_followed`` and ``email_on_news``
become entries of ``email_kinds``, so every person keeps what they chose; kinds that
tools register later follow their default until the person chooses.
"""

from django.db import migrations, models

KINDS = {"status": "email_on_status", "followed": "email_on_followed", "news": "email_on_news"}


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.only("pk", *KINDS.values()).iterator():
        kinds = {kind: getattr(user, field) for kind, field in KINDS.items()}
        User.objects.filter(pk=user.pk).update(email_kinds=kinds)


def backwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    defaults = {"status": True, "followed": True, "news": False}
    for user in User.objects.only("pk", "email_kinds").iterator():
        kinds = user.email_kinds or {}
        User.objects.filter(pk=user.pk).update(
            **{field: bool(kinds.get(kind, defaults[kind])) for kind, field in KINDS.items()}
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_identity_normalisation")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="email_delivery",
            field=models.CharField(
                choices=[
                    ("immediately", "At once, one e-mail each"),
                    ("daily", "Once a day, in one summary"),
                    ("weekly", "Once a week, in one summary"),
                    ("never", "No e-mail"),
                ],
                default="immediately",
                max_length=12,
                verbose_name="e-mail notifications",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="email_kinds",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="Kind key to true or false; a kind not listed follows its default.",
                verbose_name="kinds of notification by e-mail",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="last_digest_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last summary e-mailed"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="user", name="email_on_followed"),
        migrations.RemoveField(model_name="user", name="email_on_news"),
        migrations.RemoveField(model_name="user", name="email_on_status"),
    ]
