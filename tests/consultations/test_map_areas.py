"""Areas on a consultation's map: drawn (clicks fill the field), typed or GeoJSON."""

from __future__ import annotations

import json

import pytest
from django import forms
from django.urls import reverse

from wiec.consultations.forms import MAX_CORNERS, read_area
from wiec.consultations.models import Remark

SQUARE = [(50.06, 19.94), (50.07, 19.94), (50.07, 19.95), (50.06, 19.95)]
GEOJSON = {
    "type": "Polygon",
    "coordinates": [[[lon, lat] for lat, lon in [*SQUARE, SQUARE[0]]]],
}


def test_lines_and_geojson_give_the_same_corners():
    typed = "\n".join(f"{lat}, {lon}" for lat, lon in SQUARE)
    assert read_area(typed) == SQUARE
    assert read_area(json.dumps(GEOJSON)) == SQUARE  # [lon, lat], the ring closed
    feature = {"type": "Feature", "properties": {}, "geometry": GEOJSON}
    assert read_area(json.dumps(feature)) == SQUARE
    assert read_area(json.dumps({"type": "FeatureCollection", "features": [feature]})) == SQUARE
    assert read_area("  ") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("50.06 19.94", "szerokość, długość"),
        ("50.06, 19.94\n50.07, 19.95", "co najmniej trzech"),
        ("50.06, 19.94\n50.06, 19.94\n50.06, 19.94", "co najmniej trzech"),
        ("５０.06, 19.94\n50.07, 19.95\n50.06, 19.96", "szerokość, długość"),
        ("95, 19.94\n50.07, 19.95\n50.06, 19.96", "nie jest miejscem na Ziemi"),
        ('{"type": "LineString", "coordinates": [[19.9, 50.0], [19.9, 50.1]]}', "GeoJSON"),
        ('{"type": "Polygon", "coordinates": [[[19.9, true], [1, 2], [3, 4]]]}', "GeoJSON"),
        ('{"type": "Polygon", "coordinates": [[[1e400, 50], [1, 2], [3, 4]]]}', "GeoJSON"),
        ("{not json", "GeoJSON"),
    ],
)
def test_a_bad_area_gets_a_polish_message(text, message):
    from django.utils import translation

    with translation.override("pl"), pytest.raises(forms.ValidationError) as error:
        read_area(text)
    assert message in " ".join(str(m) for m in error.value.messages)


def test_too_many_corners_are_refused():
    corners = "\n".join(f"50.0{n:04d}, 19.9" for n in range(MAX_CORNERS + 1))
    with pytest.raises(forms.ValidationError):
        read_area(corners)


@pytest.mark.django_db
def test_a_pasted_geojson_area_is_stored_and_one_outside_the_city_is_refused(
    client, consultation, make_resident
):
    client.force_login(make_resident())
    url = reverse("consultations:map", args=[consultation.slug])
    data = {"latitude": "50.065", "longitude": "19.945", "text": "Tu park kieszonkowy"}
    response = client.post(url, data | {"area": json.dumps(GEOJSON)})
    assert response.status_code in (200, 302)
    remark = Remark.objects.get()
    assert [tuple(p) for p in remark.area] == SQUARE

    outside = {"type": "Polygon", "coordinates": [[[21.0, 52.2], [21.1, 52.2], [21.1, 52.3]]]}
    response = client.post(url, data | {"area": json.dumps(outside)})
    assert "poza" in response.content.decode() or response.status_code == 400
    assert Remark.objects.count() == 1


@pytest.mark.django_db
def test_the_map_page_offers_drawing_with_a_typed_fallback(client, consultation, make_resident):
    client.force_login(make_resident())
    page = client.get(reverse("consultations:map", args=[consultation.slug])).content.decode()
    assert 'data-draw-label="Zaznacz obszar"' in page
    assert 'name="area"' in page and "GeoJSON" in page
