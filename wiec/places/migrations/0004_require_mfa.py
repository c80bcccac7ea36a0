from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("places", "0003_colour")]

    operations = [
        migrations.AddField(
            model_name="city",
            name="require_staff_mfa",
            field=models.BooleanField(
                default=False,
                help_text="Officials, coordinators, moderators and administrators must add an authenticator app or a security key; until they do, they see only that page.",
                verbose_name="staff sign in with a second factor",
            ),
        ),
    ]
