"""The demo city's accessibility statement and one open request."""

from __future__ import annotations

import datetime

from django.utils import timezone

from wiec.accessibility.models import AccessibilityRequest, AccessibilityStatement
from wiec.places.models import City

PROCEDURE = (
    "Każdy ma prawo do wystąpienia z żądaniem zapewnienia dostępności cyfrowej strony "
    "internetowej, aplikacji mobilnej lub jakiegoś ich elementu. Można także zażądać "
    "udostępnienia informacji za pomocą alternatywnego sposobu dostępu. Żądanie powinno "
    "zawierać dane kontaktowe osoby występującej z żądaniem, wskazanie strony lub elementu "
    "oraz sposób kontaktu. Podmiot publiczny realizuje żądanie niezwłocznie, nie później "
    "niż w ciągu 7 dni od dnia wystąpienia z żądaniem; jeżeli dotrzymanie tego terminu nie "
    "jest możliwe, informuje o tym i wskazuje nowy termin, nie dłuższy niż 2 miesiące. "
    "Po wyczerpaniu procedury można złożyć skargę na zasadach art. 18 ustawy."
)

ARCHITECTURE = (
    "Urząd Miasta Krakowa, pl. Wszystkich Świętych 3-4: wejście od ulicy Franciszkańskiej "
    "z podjazdem dla wózków, winda na wszystkie piętra, toaleta dostosowana na parterze. "
    "Do budynku można wejść z psem asystującym. Na miejscu dostępny jest tłumacz języka "
    "migowego po wcześniejszym umówieniu wizyty."
)


def load(city: City) -> None:
    AccessibilityStatement.objects.update_or_create(
        city=city,
        defaults={
            "entity_name": city.office_name,
            "website_url": city.website or "http://127.0.0.1:8000/",
            "published_on": datetime.date(2026, 1, 15),
            "updated_on": datetime.date(2026, 11, 1),
            "status": "partial",
            "non_accessible_content": (
                "Niektóre skany list poparcia dodane przez autorów projektów nie są "
                "dostępne cyfrowo; ich treść udostępniamy na żądanie."
            ),
            "prepared_on": datetime.date(2026, 3, 31),
            "contact_person": "Katarzyna Dostępna",
            "contact_email": "dostepnosc@demo.wiec.pl",
            "contact_phone": "+48 12 616 12 34",
            "procedure": PROCEDURE,
            "architecture": ARCHITECTURE,
            "mobile_apps": "",
        },
    )
    if not AccessibilityRequest.objects.filter(city=city).exists():
        AccessibilityRequest.objects.create(
            city=city,
            requester_name="Zofia Zielińska",
            email="zofia@example.org",
            page_url="/bo/ (mapa projektów)",
            description="Mapa projektów nie działa z czytnikiem ekranu.",
            preferred_form="lista projektów z adresami",
            created_at=timezone.now() - datetime.timedelta(days=3),
        )


def load_region(region: dict[str, City]) -> None:
    """Each other municipality's own statement (its office, its contact)."""
    for slug in ("wieliczka", "golcza"):
        city = region[slug]
        AccessibilityStatement.objects.update_or_create(
            city=city,
            defaults={
                "entity_name": city.office_name,
                "website_url": city.site_url() + "/",
                "published_on": datetime.date(2026, 2, 1),
                "updated_on": datetime.date(2026, 11, 1),
                "status": "partial",
                "non_accessible_content": (
                    "Niektóre załączniki w formacie PDF są skanami; ich treść udostępniamy "
                    "na żądanie."
                ),
                "prepared_on": datetime.date(2026, 1, 31),
                "contact_person": "Sekretariat urzędu",
                "contact_email": city.office_email,
                "contact_phone": city.office_phone,
                "procedure": PROCEDURE,
                "architecture": f"{city.office_name}, {city.office_address}: wejście na "
                "parterze bez progów, toaleta dostosowana na parterze.",
                "mobile_apps": "",
            },
        )
