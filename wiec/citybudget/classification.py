"""Names of the divisions (działy) of the budget classification (rozporządzenie Ministra
Finansów w sprawie szczegółowej klasyfikacji dochodów, wydatków, przychodów i rozchodów
oraz środków pochodzących ze źródeł zagranicznych), those a municipality's expenses use.
The official names, in Polish, as the classification publishes them."""

DZIALY = {
    "010": "Rolnictwo i łowiectwo",
    "020": "Leśnictwo",
    "150": "Przetwórstwo przemysłowe",
    "400": "Wytwarzanie i zaopatrywanie w energię elektryczną, gaz i wodę",
    "500": "Handel",
    "600": "Transport i łączność",
    "630": "Turystyka",
    "700": "Gospodarka mieszkaniowa",
    "710": "Działalność usługowa",
    "720": "Informatyka",
    "750": "Administracja publiczna",
    "751": "Urzędy naczelnych organów władzy państwowej, kontroli i ochrony prawa oraz sądownictwa",
    "752": "Obrona narodowa",
    "754": "Bezpieczeństwo publiczne i ochrona przeciwpożarowa",
    "755": "Wymiar sprawiedliwości",
    "757": "Obsługa długu publicznego",
    "758": "Różne rozliczenia",
    "801": "Oświata i wychowanie",
    "803": "Szkolnictwo wyższe i nauka",
    "851": "Ochrona zdrowia",
    "852": "Pomoc społeczna",
    "853": "Pozostałe zadania w zakresie polityki społecznej",
    "854": "Edukacyjna opieka wychowawcza",
    "855": "Rodzina",
    "900": "Gospodarka komunalna i ochrona środowiska",
    "921": "Kultura i ochrona dziedzictwa narodowego",
    "925": "Ogrody botaniczne i zoologiczne oraz naturalne obszary i obiekty chronionej przyrody",
    "926": "Kultura fizyczna",
}


def dzial_name(code: str) -> str:
    return DZIALY.get(code, "")
