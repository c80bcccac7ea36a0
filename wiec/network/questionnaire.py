# ruff: noqa: E501
"""The default self-assessment questionnaire: three areas, eight themes, five levels.

The OECD's tool for Polish local governments has the same shape; its wording is not
ours to copy, so this one is the network's own. It is data: the network edits it in
the admin, and :func:`load_default` writes it only where no questionnaire exists.
Each theme: ``(name_pl, name_en, question_pl, question_en, recommendation_pl,
recommendation_en, [(level_pl, level_en) x 5])``.
"""

from __future__ import annotations

from typing import Any

AREAS: list[tuple[str, str, list[tuple[Any, ...]]]] = [
    (
        "Podstawy instytucjonalne",
        "Institutional foundations",
        [
            (
                "Zasady i uchwały",
                "Rules and resolutions",
                "Czy gmina ma aktualne, znane mieszkańcom zasady udziału: uchwałę o konsultacjach, regulamin budżetu obywatelskiego, tryb inicjatywy lokalnej?",
                "Does the municipality have current rules for taking part that residents know: a resolution on consultations, the participatory budget's rules, a procedure for local initiatives?",
                "Przejrzyjcie uchwałę o konsultacjach z organizacjami i mieszkańcami; opiszcie w niej terminy, kanały i obowiązek raportu, a regulaminy opublikujcie prostym językiem.",
                "Review the resolution on consultations with organisations and residents; set out deadlines, channels and the duty to report, and publish the rules in plain language.",
                [
                    (
                        "Brak spisanych zasad poza wymogami ustaw.",
                        "No written rules beyond what the law requires.",
                    ),
                    (
                        "Zasady są, ale nieaktualne lub mało znane.",
                        "Rules exist but are out of date or little known.",
                    ),
                    (
                        "Aktualne zasady dla konsultacji i budżetu.",
                        "Current rules for consultations and the budget.",
                    ),
                    (
                        "Zasady dla wszystkich narzędzi, opracowane z mieszkańcami.",
                        "Rules for every tool, written with residents.",
                    ),
                    (
                        "Zasady regularnie przeglądane na podstawie ewaluacji.",
                        "Rules reviewed regularly from evaluations.",
                    ),
                ],
            ),
            (
                "Ludzie i zasoby",
                "People and resources",
                "Kto w urzędzie prowadzi partycypację i czy ma na to czas, budżet i umiejętności?",
                "Who in the office runs participation, and do they have the time, budget and skills for it?",
                "Wyznaczcie osobę lub zespół odpowiedzialny za partycypację, z zapisanym czasem pracy i budżetem, i zaplanujcie dla niego szkolenia w sieci.",
                "Name a person or team responsible for participation, with set working time and a budget, and plan their training in the network.",
                [
                    (
                        "Nikt nie odpowiada za partycypację.",
                        "Nobody is responsible for participation.",
                    ),
                    (
                        "Zadanie dodane komuś do innych obowiązków.",
                        "A task added to someone's other duties.",
                    ),
                    (
                        "Wyznaczona osoba z częścią etatu.",
                        "A named person with part of their time.",
                    ),
                    ("Zespół z budżetem i szkoleniami.", "A team with a budget and training."),
                    (
                        "Zespół wspiera wydziały i inne gminy.",
                        "The team supports departments and other municipalities.",
                    ),
                ],
            ),
            (
                "Planowanie",
                "Planning",
                "Czy partycypację planuje się z wyprzedzeniem i łączy z decyzjami gminy (roczny plan konsultacji, kalendarz budżetu)?",
                "Is participation planned ahead and tied to the municipality's decisions (an annual plan of consultations, the budget's calendar)?",
                "Przyjmijcie roczny plan konsultacji powiązany z kalendarzem uchwał i budżetu, i opublikujcie go na początku roku.",
                "Adopt an annual plan of consultations tied to the calendar of resolutions and the budget, and publish it at the start of the year.",
                [
                    ("Procesy organizowane doraźnie.", "Processes organised ad hoc."),
                    (
                        "Część procesów zapowiadana z wyprzedzeniem.",
                        "Some processes announced in advance.",
                    ),
                    (
                        "Roczny plan konsultacji jest publikowany.",
                        "An annual plan of consultations is published.",
                    ),
                    (
                        "Plan powiązany z decyzjami i budżetem.",
                        "The plan is tied to decisions and the budget.",
                    ),
                    ("Mieszkańcy współtworzą plan.", "Residents help draw up the plan."),
                ],
            ),
        ],
    ),
    (
        "Praktyka partycypacji",
        "Practice of participation",
        [
            (
                "Informacja i docieranie",
                "Information and outreach",
                "Czy mieszkańcy dowiadują się o procesach na czas, z różnych kanałów i prostym językiem?",
                "Do residents hear about processes in time, through several channels and in plain language?",
                "Dla każdego procesu przygotujcie streszczenie prostym językiem i plan dotarcia: strona, media lokalne, plakaty, szkoły, sołtysi i rady osiedli.",
                "For every process prepare a plain-language summary and an outreach plan: the website, local media, posters, schools, village heads and neighbourhood councils.",
                [
                    ("Tylko ogłoszenie w BIP.", "Only a notice in the public bulletin."),
                    ("Strona internetowa i tablica ogłoszeń.", "The website and the notice board."),
                    (
                        "Kilka kanałów, streszczenia prostym językiem.",
                        "Several channels, plain-language summaries.",
                    ),
                    (
                        "Plan dotarcia do każdej grupy mieszkańców.",
                        "An outreach plan for every group of residents.",
                    ),
                    (
                        "Mieszkańcy i organizacje sami niosą informację dalej.",
                        "Residents and organisations carry the word themselves.",
                    ),
                ],
            ),
            (
                "Różnorodność metod",
                "Variety of methods",
                "Czy gmina dobiera metodę do sprawy: konsultacje, budżet, panel obywatelski, inicjatywa lokalna, spacer badawczy?",
                "Does the municipality choose the method for the matter: consultations, a budget, a citizens' panel, a local initiative, a study walk?",
                "Przy następnym procesie porównajcie co najmniej dwie metody i wybierzcie tę, która da mieszkańcom realny wpływ; skorzystajcie z dobrych praktyk sieci.",
                "For the next process compare at least two methods and choose the one that gives residents real influence; use the network's good practices.",
                [
                    (
                        "Jedna metoda do wszystkiego (zwykle uwagi na formularzu).",
                        "One method for everything (usually remarks on a form).",
                    ),
                    ("Dwie metody, wybierane z przyzwyczajenia.", "Two methods, chosen by habit."),
                    (
                        "Kilka metod, wybieranych do sprawy.",
                        "Several methods, chosen for the matter.",
                    ),
                    (
                        "Metody deliberacyjne dla ważnych spraw.",
                        "Deliberative methods for important matters.",
                    ),
                    ("Metody łączone i testowane nowe.", "Methods combined and new ones tried."),
                ],
            ),
            (
                "Włączanie",
                "Inclusion",
                "Czy w procesach biorą udział osoby rzadko słyszane: młodzież, seniorzy, osoby z niepełnosprawnościami, mieszkańcy wsi?",
                "Do people rarely heard take part: young people, older people, people with disabilities, rural residents?",
                "Sprawdźcie, kogo brakuje w ostatnich procesach, i zaplanujcie dla tych grup dostępne spotkania, wsparcie w głosowaniu i losowanie uczestników.",
                "Check who was missing from the last processes and plan accessible meetings, help with voting and random selection of participants for those groups.",
                [
                    ("Nie wiemy, kto bierze udział.", "We do not know who takes part."),
                    (
                        "Wiemy, kogo brakuje, ale nic nie zmieniamy.",
                        "We know who is missing but change nothing.",
                    ),
                    ("Dostępne miejsca i materiały.", "Accessible places and materials."),
                    (
                        "Działania skierowane do grup rzadko słyszanych.",
                        "Actions aimed at groups rarely heard.",
                    ),
                    (
                        "Skład uczestników odpowiada mieszkańcom.",
                        "Participants mirror the residents.",
                    ),
                ],
            ),
        ],
    ),
    (
        "Wpływ i uczenie się",
        "Impact and learning",
        [
            (
                "Informacja zwrotna i rozliczalność",
                "Feedback and accountability",
                "Czy gmina odpowiada na każdą uwagę i rekomendację i mówi, co z nich wynikło?",
                "Does the municipality answer every remark and recommendation and say what came of them?",
                "Publikujcie raport z każdego procesu z odpowiedzią na każdą uwagę w terminie i informujcie uczestników, co się zmieniło w decyzji.",
                "Publish a report of every process answering every remark on time, and tell participants what changed in the decision.",
                [
                    ("Brak raportów.", "No reports."),
                    (
                        "Raport zbiorczy, bez odpowiedzi na uwagi.",
                        "A summary report, remarks not answered.",
                    ),
                    ("Raport z odpowiedzią na każdą uwagę.", "A report answering every remark."),
                    (
                        "Raport i informacja o wpływie na decyzję.",
                        "A report and what it changed in the decision.",
                    ),
                    (
                        "Monitoring realizacji dostępny dla mieszkańców.",
                        "Follow-up that residents can watch.",
                    ),
                ],
            ),
            (
                "Ewaluacja i uczenie się",
                "Evaluation and learning",
                "Czy gmina ocenia procesy z uczestnikami i zmienia praktykę na podstawie wniosków?",
                "Does the municipality evaluate processes with participants and change its practice from what it learns?",
                "Po każdym procesie zbierzcie ocenę uczestników, omówcie wnioski w zespole i opiszcie je jako dobrą praktykę sieci.",
                "After each process collect the participants' evaluation, discuss the lessons as a team and write them up as a good practice for the network.",
                [
                    ("Procesy nie są oceniane.", "Processes are not evaluated."),
                    ("Ocena bywa, ale bez wniosków.", "Sometimes evaluated, without lessons."),
                    (
                        "Ocena każdego procesu z uczestnikami.",
                        "Every process evaluated with participants.",
                    ),
                    ("Wnioski zmieniają kolejne procesy.", "Lessons change the next processes."),
                    (
                        "Gmina dzieli się wnioskami w sieci.",
                        "The municipality shares its lessons in the network.",
                    ),
                ],
            ),
        ],
    ),
]


def load_default(area_model: Any, theme_model: Any, level_model: Any) -> bool:
    """Write the default questionnaire unless one exists; returns whether it wrote it.

    Takes the model classes, so a data migration can pass its historical ones.
    """
    if area_model.objects.exists():
        return False
    number = 0
    for a, (area_pl, area_en, themes) in enumerate(AREAS, start=1):
        area = area_model.objects.create(number=a, name_pl=area_pl, name_en=area_en)
        for name_pl, name_en, q_pl, q_en, r_pl, r_en, levels in themes:
            number += 1
            theme = theme_model.objects.create(
                area=area,
                number=number,
                name_pl=name_pl,
                name_en=name_en,
                question_pl=q_pl,
                question_en=q_en,
                recommendation_pl=r_pl,
                recommendation_en=r_en,
            )
            level_model.objects.bulk_create(
                level_model(theme=theme, value=v, description_pl=pl, description_en=en)
                for v, (pl, en) in enumerate(levels, start=1)
            )
    return True
