import pytest


@pytest.mark.django_db
def test_demo_pages(client, city):
    from wiec.accounts import demo as accounts_demo
    from wiec.consultations import demo

    accounts_demo.load(city)
    demo.load(city)
    demo.load(city)
    for url in ["/konsultacje/", "/konsultacje/plan/", "/konsultacje/wnioski/",
                "/konsultacje/park-zabloce/", "/konsultacje/park-zabloce/dokument/",
                "/konsultacje/park-zabloce/dokument/1/", "/konsultacje/park-zabloce/mapa/",
                "/konsultacje/rewitalizacja-placu/raport/", "/konsultacje/kalendarz.ics",
                "/konsultacje/rewitalizacja-placu/raport.csv",
                "/konsultacje/rewitalizacja-placu/raport.pdf"]:
        response = client.get(url)
        assert response.status_code == 200, url
