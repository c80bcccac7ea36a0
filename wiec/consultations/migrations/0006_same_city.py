"""The database refuses a consultation or request that refers to another
municipality's district, topic, plan or request (``wiec.places.integrity``)."""

from django.db import migrations

from wiec.places.integrity import SameCity, city_of, same_city

CHECKS = [
    SameCity(
        f"consultations_consultation_{column}_same_city",
        "consultations_consultation",
        "NEW.city_id",
        city_of(table, f"NEW.{column}_id"),
    )
    for column, table in [
        ("district", "places_district"),
        ("topic", "consultations_topic"),
        ("plan", "consultations_annualplan"),
        ("request", "consultations_consultationrequest"),
    ]
] + [
    SameCity(
        "consultations_request_same_city",
        "consultations_consultationrequest",
        "NEW.city_id",
        city_of("places_district", "NEW.district_id"),
    )
]


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0005_upload_names"),
        ("places", "0002_municipality"),
    ]

    operations = [same_city(*CHECKS)]
