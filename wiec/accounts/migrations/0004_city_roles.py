"""Roles belong to a municipality: every existing role goes to the default one.

The default is ``WIEC_CITY_SLUG`` or the first municipality, as
``wiec.places.selectors.default_city`` decides; an installation that holds roles but
no municipality yet gets one named "Gmina", so that no role is lost.  The database then refuses an official's district of another
municipality, and a declaration of residence naming another municipality's district
or policy (``wiec.places.integrity``).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from wiec.places.integrity import SameCity, city_of, same_city

DISTRICT_CITY = city_of("places_district", "NEW.district_id")
CHECKS = [
    # An official's districts lie in the municipality of their role.
    SameCity(
        "accounts_role_district_same_city",
        "accounts_roleassignment_districts",
        city_of("accounts_roleassignment", "NEW.roleassignment_id"),
        DISTRICT_CITY,
    ),
    # A declaration of residence names a district and a policy of its municipality.
    SameCity(
        "accounts_residency_district_same_city",
        "accounts_residencydeclaration",
        "NEW.city_id",
        DISTRICT_CITY,
    ),
    SameCity(
        "accounts_residency_policy_same_city",
        "accounts_residencydeclaration",
        "NEW.city_id",
        city_of("accounts_identitypolicy", "NEW.policy_id"),
    ),
]


def to_default_city(apps, schema_editor):
    RoleAssignment = apps.get_model("accounts", "RoleAssignment")
    City = apps.get_model("places", "City")
    if not RoleAssignment.objects.exists():
        return
    slug = getattr(settings, "WIEC_CITY_SLUG", None)
    city = (City.objects.filter(slug=slug).first() if slug else None) or City.objects.order_by(
        "pk"
    ).first()
    if city is None:
        city = City.objects.create(name="Gmina", slug="gmina", office_name="Urząd Gminy")
    RoleAssignment.objects.filter(city__isnull=True).update(city=city)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_notify"),
        ("places", "0002_municipality"),
    ]

    operations = [
        migrations.AddField(
            model_name="roleassignment",
            name="city",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="places.city",
                verbose_name="municipality",
            ),
        ),
        migrations.RunPython(to_default_city, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="roleassignment",
            name="city",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="places.city",
                verbose_name="municipality",
            ),
        ),
        migrations.RemoveConstraint(model_name="roleassignment", name="role_once_per_user"),
        migrations.AddConstraint(
            model_name="roleassignment",
            constraint=models.UniqueConstraint(
                fields=("user", "role", "city"), name="role_once_per_user_and_city"
            ),
        ),
        migrations.AddIndex(
            model_name="roleassignment",
            index=models.Index(fields=["city", "role"], name="accounts_ro_city_id_296858_idx"),
        ),
        same_city(*CHECKS),
    ]
