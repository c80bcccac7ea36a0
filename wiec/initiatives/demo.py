"""The demo city's residents' initiatives: a realised local initiative with photos and
signed-off hours, one in assessment and a draft in the incubator."""

from __future__ import annotations

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone

from wiec.accounts.models import User
from wiec.commons import contributions
from wiec.commons.contributions import Item
from wiec.commons.models import ContributionLedger
from wiec.initiatives.models import (
    Advice,
    AdviceKind,
    AgreementVersion,
    Application,
    ApplicationStatus,
    Contact,
    ContactRole,
    DraftVersion,
    InitiativeArea,
    InitiativePool,
    Score,
    Timesheet,
    Update,
)
from wiec.initiatives.services import incubator
from wiec.initiatives.services.local import template_clauses
from wiec.places.models import City


def _photo() -> ContentFile:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 400), (92, 140, 76))
    draw = ImageDraw.Draw(image)
    for x in range(40, 640, 90):
        draw.rectangle([x, 220, x + 50, 330], fill=(120, 80, 40))
        draw.ellipse([x - 20, 120, x + 70, 230], fill=(40, 110, 50))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return ContentFile(out.getvalue(), name="ogrod.png")


def _application(city, pool, applicant, *, title, items, **fields) -> Application:
    existing = Application.objects.filter(city=city, title=title).first()
    if existing:
        return existing
    ledger = ContributionLedger.objects.create(city=city, work_rate_grosze=pool.work_rate_grosze)
    contributions.replace(ledger, items)
    total = contributions.shares(ledger.items.all()).total_grosze
    return Application.objects.create(
        city=city,
        pool=pool,
        ledger=ledger,
        applicant=applicant,
        title=title,
        total_grosze=total,
        **fields,
    )


def load(city: City) -> None:
    year = timezone.localdate().year
    pool, _created = InitiativePool.objects.get_or_create(
        city=city,
        year=year,
        defaults={
            "resolution_title": (
                "Uchwała Rady Miasta w sprawie trybu i szczegółowych kryteriów oceny "
                "wniosków o realizację zadania publicznego w ramach inicjatywy lokalnej"
            ),
            "resolution_url": "https://www.bip.krakow.pl/",
            "amount_grosze": 150_000_000,
            "work_rate_grosze": 3_500,
            "areas": list(InitiativeArea.values),
        },
    )
    anna = User.objects.filter(email="mieszkanka@demo.wiec.pl").first()
    jan = User.objects.filter(email="mieszkaniec@demo.wiec.pl").first()
    official = User.objects.filter(email="urzednik@demo.wiec.pl").first()
    for role, name, area, email in [
        (ContactRole.COORDINATOR, "Ewa Koordynator", "całe miasto", "inicjatywy@demo.wiec.pl"),
        (ContactRole.AMBASSADOR, "Marek Sąsiad", "Podgórze", "podgorze@demo.wiec.pl"),
        (ContactRole.AMBASSADOR, "Zofia Ogrodniczka", "Stare Miasto", ""),
    ]:
        Contact.objects.get_or_create(
            city=city, name=name, defaults={"role": role, "area": area, "email": email}
        )
    garden = _application(
        city,
        pool,
        anna,
        title="Ogród sąsiedzki przy ul. Smoleńsk",
        items=[
            Item("residents", "work", "Przygotowanie grządek i sadzenie", hours=240),
            Item("residents", "goods", "Sadzonki i nasiona od sąsiadów", value_grosze=180_000),
            Item(
                "residents",
                "services",
                "Projekt ogrodu (architektka krajobrazu)",
                value_grosze=250_000,
            ),
            Item("residents", "money", "Zbiórka sąsiedzka", value_grosze=120_000),
            Item("city", "money", "Ziemia i kompost", value_grosze=600_000),
            Item("city", "money", "Ławki i stojaki na rowery", value_grosze=1_400_000),
        ],
        group="Sąsiedzi z ul. Smoleńsk",
        area=InitiativeArea.NATURE,
        description="Zamieniamy zaniedbany skwer w ogród z grządkami, ławkami i kompostownikiem.",
        place="Skwer przy ul. Smoleńsk 20",
        latitude=50.0565,
        longitude=19.9300,
        justification="Na osiedlu brakuje zieleni i miejsca spotkań sąsiadów.",
        schedule="Kwiecień: projekt; maj: prace ziemne; czerwiec: sadzenie i otwarcie.",
        status=ApplicationStatus.REALISED,
        decided_at=timezone.now() - datetime.timedelta(days=120),
        report="Ogród otwarto w czerwcu; 32 osoby przepracowały 246 godzin.",
        completed_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    if not garden.scores.exists():
        for criterion, points in [("work", 9), ("other", 7), ("usefulness", 9), ("feasibility", 8)]:
            Score.objects.create(
                application=garden,
                assessor=official,
                criterion=criterion,
                points=points,
                justification="Ocena komisji na podstawie wniosku i spotkania z grupą.",
            )
        AgreementVersion.objects.create(
            application=garden,
            number=1,
            clauses=template_clauses(garden),
            note="Z wzoru miasta",
            author=official,
        )
        update = Update(
            application=garden,
            day=timezone.localdate() - datetime.timedelta(days=40),
            text="Posadziliśmy 40 krzewów i postawiliśmy ławki.",
            photo_alt="Grządki i młode drzewka na skwerze przy ul. Smoleńsk",
            author=anna,
        )
        update.photo.save("ogrod.png", _photo(), save=False)
        update.save()
        for volunteer, hours in [("Anna Nowak", 8), ("Jan Kowalski", 6), ("Ola Zielińska", 5)]:
            Timesheet.objects.create(
                application=garden,
                volunteer=volunteer,
                day=timezone.localdate() - datetime.timedelta(days=45),
                hours=hours,
                task="Sadzenie krzewów",
                entered_by=anna,
                signed_off_by=official,
                signed_off_at=timezone.now() - datetime.timedelta(days=44),
            )
    _application(
        city,
        pool,
        jan,
        title="Mural i ławki na podwórku przy ul. Józefińskiej",
        items=[
            Item("residents", "work", "Malowanie muralu i montaż ławek", hours=120),
            Item("residents", "goods", "Farby", value_grosze=90_000),
            Item("city", "money", "Ławki i rusztowanie", value_grosze=800_000),
        ],
        group="Stowarzyszenie Podwórko Podgórze",
        area=InitiativeArea.CULTURE,
        description="Mural o historii Podgórza i dwie ławki na wspólnym podwórku.",
        place="Podwórko przy ul. Józefińskiej 14",
        latitude=50.0461,
        longitude=19.9492,
        justification="Podwórko jest szare i puste; chcemy miejsca, w którym się spotkamy.",
        schedule="Maj–czerwiec.",
        status=ApplicationStatus.SUBMITTED,
    )
    _incubator(city, pool, anna, official)
    load_resolutions(city)
    load_village_fund(city)


def _incubator(city, pool, applicant, adviser) -> None:
    """A draft in the incubator: saved, help asked for, a meeting with the ambassador."""
    draft = _application(
        city,
        pool,
        applicant,
        title="Budki dla jerzyków na Kazimierzu",
        items=[
            Item("residents", "work", "Montaż budek na podwórkach", hours=40),
            Item("city", "money", "Budki i podnośnik", value_grosze=600_000),
        ],
        group="Sąsiedzi z ul. Miodowej",
        area=InitiativeArea.NATURE,
        description="Trzydzieści budek dla jerzyków na ścianach kamienic.",
        place="Podwórka przy ul. Miodowej",
        justification="Jerzyki tracą gniazda przy remontach elewacji.",
        schedule="Marzec, przed przylotem ptaków.",
        status=ApplicationStatus.DRAFT,
        help_requested_at=timezone.now() - datetime.timedelta(days=5),
    )
    if draft.draft_versions.exists():
        return
    DraftVersion.objects.create(
        application=draft, number=1, content=incubator.snapshot(draft), author=applicant
    )
    Advice.objects.create(
        application=draft,
        kind=AdviceKind.MEETING,
        text="Spotkaliśmy się z grupą; dopiszcie zgodę wspólnot i wycenę materiałów od sąsiadów.",
        met_on=timezone.localdate() - datetime.timedelta(days=2),
        meeting_place="Centrum Kultury Żydowskiej, ul. Meiselsa 17",
        on_version=1,
        author=adviser,
        author_name="Marek Sąsiad (ambasador)",
    )


def load_resolutions(city: City) -> None:
    from wiec.commons.models import Signature, SignatureChannel, SignatureStatus, SupportCollection
    from wiec.initiatives.models import ResolutionInitiative, ResolutionRules, statutory_threshold

    rules, _created = ResolutionRules.objects.get_or_create(
        city=city,
        defaults={
            "threshold": statutory_threshold(city.population),
            "online_counts": False,
            "resolution_title": (
                "Uchwała Rady Miasta w sprawie szczegółowych zasad wnoszenia "
                "obywatelskich inicjatyw uchwałodawczych"
            ),
            "promotion_rules": (
                "Komitet może promować projekt na stronie miasta, w tablicach ogłoszeń "
                "rad dzielnic i na spotkaniach z mieszkańcami. Materiały promocyjne muszą "
                "wskazywać komitet. Koszty promocji ponosi komitet."
            ),
            "list_rules": (
                "Na każdej stronie listy: tytuł projektu; każdy podpis z imieniem, nazwiskiem, "
                "adresem zamieszkania i numerem PESEL."
            ),
        },
    )
    if ResolutionInitiative.objects.filter(city=city).exists():
        return
    author = User.objects.filter(email="mieszkanka@demo.wiec.pl").first()
    collection = SupportCollection.objects.create(
        city=city,
        title="Uchwała w sprawie zakazu używania dmuchaw do liści",
        threshold=rules.threshold,
        online_counts=rules.online_counts,
    )
    initiative = ResolutionInitiative.objects.create(
        city=city,
        collection=collection,
        author=author,
        title=collection.title,
        draft=(
            "§ 1. Zakazuje się używania spalinowych dmuchaw do liści na terenach zarządzanych "
            "przez gminę.\n§ 2. Wykonanie uchwały powierza się Prezydentowi Miasta."
        ),
        justification="Dmuchawy wzbijają pył i hałasują; wiele miast już z nich zrezygnowało.",
        committee="Komitet „Ciche liście”",
        members="Anna Nowak\nJan Kowalski\nZofia Ogrodniczka\nMarek Sąsiad\nOla Zielińska",
        representatives="Anna Nowak\nJan Kowalski",
    )
    for n, (name, street) in enumerate(
        [
            ("Adam Lis", "ul. Długa 3"),
            ("Beata Wróbel", "ul. Krótka 7"),
            ("Celina Sowa", "ul. Rynek 1"),
        ],
        start=1,
    ):
        Signature.objects.create(
            collection=collection,
            channel=SignatureChannel.PAPER,
            identity_key=f"demo-{initiative.pk}-{n}",
            full_name=name,
            address=f"{street}, {city.name}",
            sheet=1,
            status=SignatureStatus.VALID if n < 3 else SignatureStatus.PENDING,
            entered_by=author,
        )


def load_village_fund(city: City) -> None:
    """A sołectwo of the demo city's own (another helper adds a rural gmina)."""
    from wiec.initiatives.models import Allocation, FundYear, Solectwo, fund_amount

    budget_year = timezone.localdate().year + 1
    fund, _created = FundYear.objects.get_or_create(
        city=city,
        budget_year=budget_year,
        defaults={
            "council_resolution": (
                f"Uchwała Rady z 20 marca {budget_year - 1} r. o wyrażeniu zgody na "
                "wyodrębnienie funduszu sołeckiego"
            ),
            "kb_grosze": 436_512,  # 4 365,12 zł per resident
            "kb_as_of": datetime.date(budget_year - 1, 7, 15),
        },
    )
    for name, soltys, residents in [("Kostrze", "Halina Nowicka", 1_260), ("Bodzów", "", 540)]:
        solectwo, _created = Solectwo.objects.get_or_create(
            city=city, name=name, defaults={"soltys": soltys}
        )
        Allocation.objects.get_or_create(
            fund_year=fund,
            solectwo=solectwo,
            defaults={
                "residents": residents,
                "residents_as_of": datetime.date(budget_year - 2, 6, 30),
                "amount_grosze": fund_amount(residents, fund.kb_grosze),
            },
        )
