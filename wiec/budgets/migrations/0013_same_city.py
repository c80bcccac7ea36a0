"""The database refuses a budget row that refers to another municipality's district
or pool (``wiec.places.integrity``)."""

from django.db import migrations

from wiec.places.integrity import SameCity, city_of, same_city

EDITION_CITY = city_of("budgets_edition", "NEW.edition_id")
CHECKS = [
    SameCity(
        "budgets_pool_same_city",
        "budgets_pool",
        EDITION_CITY,
        city_of("places_district", "NEW.district_id"),
    ),
    SameCity(
        "budgets_ballot_same_city",
        "budgets_ballot",
        EDITION_CITY,
        city_of("places_district", "NEW.district_id"),
    ),
    SameCity(
        "budgets_proposal_same_city",
        "budgets_proposal",
        EDITION_CITY,
        "SELECT e.city_id FROM budgets_pool p JOIN budgets_edition e ON e.id = p.edition_id "
        "WHERE p.id = NEW.pool_id",
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0012_outcomes"),
        ("places", "0002_municipality"),
    ]

    operations = [same_city(*CHECKS)]
