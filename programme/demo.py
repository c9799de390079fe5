# ruff: noqa: E501 - the seed texts are kept one paragraph per line, verbatim
"""Södertörn demo data for the programme app; called by `manage.py load_sodertorn`. Idempotent.

Sources: seed 002 (Tyresö's protocol extract with SUP 2035 attached) and 004 (the SUP 2035 text),
seed 000 (verksamhetsplan 2014: SUP 2013's målområden and goals), seed 001 (verksamhetsplan 2011:
SUP 2010's målområden and utvecklingsfrågor) and seed 003 (history: SUP 2007). Nothing is invented:
where the seeds give no decision dates, the programme carries the seeds' own wording as a note.
"""

import datetime as dt

from organisations.models import Municipality
from programme.models import (
    Adoption,
    AdoptionRound,
    AdoptionStep,
    ExternalGoal,
    FocusArea,
    Goal,
    GoverningDocument,
    Principle,
    Programme,
)

PRINCIPLES = [
    "Fokus på den gemensamma nyttan",
    "Respekt för den demokratiska processen i den enskilda kommunen",
    "Gå före – ett gott regionalt ledarskap",
    "Regional samverkan som handlar om att både ge och få",
]

SUP2035 = {
    "name": "Södertörns utvecklingsprogram 2035",
    "short_name": "SUP 2035",
    "year": 2019,
    "target_year": 2035,
    "term_start_year": 2019,
    "term_end_year": 2022,
    "introduction": (
        "Södertörnssamarbetet utgörs av de åtta kommunerna på Södertörn (Botkyrka, Haninge, Huddinge, Nykvarn, "
        "Nynäshamn, Salem, Södertälje och Tyresö). Syftet är att stärka den regionala och kommunala utvecklingen."
        "\n\nKommunerna i samarbetet ska verka för att stärka den kommunala och regionala utvecklingen. Det "
        "stärker Södertörn och därmed våra kommuner, och för att kommunledningarna i politik och förvaltning ska "
        "nå sina mål i hemkommunen."
    ),
    "vision": "Södertörn driver Stockholmsregionen",
    "vision_tagline": "Med starkt näringsliv, tillgänglighet och hållbar utveckling",
    "purpose": (
        "Kommunerna ska tillsammans arbeta för att uppnå visionen för Södertörn. En hållbar utveckling ska "
        "genomsyra alla delar av samarbetet."
    ),
    "overarching_goal": (
        "Stärkt infrastruktur och effektiv samordning som stödjer en framgångsrik och hållbar utveckling genom "
        "tillgänglighet till arbete, utbildning och näringsliv."
    ),
    "cross_cutting_theme": "Hållbar utveckling",
    "focus_areas_intro": (
        "Södertörnssamarbetet utgår ifrån fyra prioriterade fokusområden som är infrastruktur, utbildning, "
        "näringsliv samt funktionell samordning. De fyra områdena hänger tätt samman och kompletterar varandra. "
        "Fokusområden delas upp i områdena regionala utvecklingsfrågor (infrastruktur, utbildning och näringsliv) "
        "och internt samarbete (funktionell samordning). Hållbar utveckling ska ingå i samtliga fokusområden."
    ),
    "regional_intro": (
        "Vi samverkar för att stärka den kommunala och den regionala utvecklingen. Det gynnar Södertörn och "
        "därmed våra kommuner.\n\nSamarbetet kring regionala utvecklingsfrågor kännetecknas av frågor som flera "
        "kommuner berörs av och där lösningen till stor del är gemensam. Det är utmaningar som en enskild kommun "
        "inte kan lösa själv och där Södertörnskommunerna ofta behöver samarbeta med övriga Stockholmsregionen."
        "\n\nFokusområden inom området regionala utvecklingsfrågor är infrastruktur, utbildning och näringsliv. "
        "För varje fokusområde finns ett mål och tre delmål. Delmålen kommer att konkretiseras och följas upp i "
        "årliga verksamhetsplaner."
    ),
    "internal_intro": (
        "Vår samverkan syftar till att kommunledningarna i politik och förvaltning ska nå sina mål i hemkommunen."
        "\n\nSödertörnskommunerna har ett omfattande samarbete inom många olika områden. Utökat internt samarbete "
        "ska bidra till att verksamheten i den enskilda kommunen effektiviseras avseende ekonomi och kvalitet. "
        "Fokusområde inom området internt samarbete är funktionell samordning. För fokusområdet finns ett mål och "
        "tre delmål. Delmålen kommer att konkretiseras och följas upp verksamhetsplanerna."
    ),
    "external_goals_intro": (
        "Södertörnskommunerna arbetar för att stödja den regionala utvecklingen i Stockholmsregionen. Inom ramen "
        "för detta är en dialog och samarbete med Region Stockholm väldigt viktigt. Södertörns utvecklingsprogram "
        "bidrar till regionens utveckling samt genomförandet av RUFS 2050 (Regional utvecklingsplan för "
        "Stockholmsregionen) genom att ha de regionala målen som utgångspunkt."
    ),
}

SUP2035_AREAS = [
    (
        "regional",
        "Infrastruktur",
        "Stark infrastruktur är en förutsättning för hållbar utveckling",
        [
            "Utifrån framkomlighet och minskad klimatpåverkan från resor och transporter",
            "Genom att prioriterade infrastrukturprojekt genomförs",
            "Baserat på en robust teknisk försörjning",
        ],
    ),
    (
        "regional",
        "Utbildning",
        "Akademisk utbildning som säkrar framtida kompetensförsörjning",
        [
            "Genom tillgänglighet till högre utbildning för hela Södertörn",
            "Inriktad mot både näringsliv och kommuner",
        ],
    ),
    (
        "regional",
        "Näringsliv",
        "Södertörn är det självklara valet för företagen",
        [
            "Utifrån en stark infrastruktur",
            "Genom samsyn om helheten",
            "För fler etableringar och växande företag",
        ],
    ),
    (
        "internal",
        "Funktionell samordning",
        "Ökad funktionell samordning mellan kommunerna",
        [
            "För bättre verksamhet",
            "För ekonomisk effektivitet",
            "Genom öppenhet för samarbeten",
        ],
    ),
]

RUFS_2050 = [
    "En tillgänglig region med god livsmiljö",
    "En öppen, jämställd, jämlik och inkluderande region",
    "En ledande tillväxt- och kunskapsregion",
    "En resurseffektiv och resilient region utan klimatpåverkande utsläpp",
]

VISION_2025 = (
    "Södertörn är en attraktiv del av Stockholm-Mälarregionen, med över en halv miljon invånare, som med "
    "tillväxt, mångfald och handlingskraft skapar livskvalitet och en långsiktig hållbar utveckling."
)
PURPOSE_OLD = (
    "Vi samverkar för att stärka den kommunala och den regionala utvecklingen. Det gynnar Södertörn och därmed "
    "våra kommuner. Vår samverkan syftar till att kommunledningarna i politik och förvaltning ska nå sina mål i "
    "hemkommunen."
)

# Seed 000 (verksamhetsplan 2014): SUP 2013's målområden, utvecklingsfrågor (goals) and their "Vi ..." goals.
SUP2013_AREAS = [
    (
        "Näringsliv och Högskola",
        [
            (
                "Höj utbildningsnivån på Södertörn",
                [
                    "Vi ökar andel elever som lämnar gymnasiet med slutbetyg.",
                    "Vi ökar övergången av antal elever från gymnasieskola till eftergymnasial utbildning (universitet, "
                    "högskola och yrkeshögskoleutbildningar (YH)).",
                    "Vi ökar andelen kommuninnevånare med eftergymnasial utbildning.",
                ],
            ),
            (
                "Stödja ett kunskapsintensivt näringsliv",
                [
                    "Vi verkar för att högskolornas roll i de tre regionala stadskärnorna Haninge, Södertälje och "
                    "Flemingsberg stärks och att näringslivets behov av arbetskraft tillgodoses.",
                    "Vi förbättrar näringslivsklimatet på Södertörn.",
                    "Vi arbetar för att Södertörn blir en region av nationell och internationell betydelse inom områdena "
                    "Life science/medicin. Detta sker genom att vi arbetar för att Flemingsberg ska bli ett nationellt "
                    "medicinskt-tekniskt centrum och att Södertälje och Flemingsberg har Life science forskning av volym "
                    "och betydelse.",
                    "Vi arbetar för att främja utvecklingen av kunskapsintensiva företag och forskningskluster på Södertörn.",
                ],
            ),
        ],
    ),
    (
        "Olikhet och Mångfald",
        [
            (
                "Nyttja tillgänglig kompetens i tillväxtsyfte",
                [
                    "Vi tar vara på Goda Exempel från Matchning Södertörn och införlivar dem i kommunernas arbete.",
                    "Vi samarbetar för att mäta effekten och konsekvensen för kommunerna av etableringsreformen.",
                ],
            ),
        ],
    ),
    (
        "Klimat",
        [
            (
                "Leda omställningen till ett klimateffektivt samhälle",
                [
                    "Vi visar vår ambition att vara en region som ställer om energianvändningen bort från fossila "
                    "bränslen och utmärker oss för ett regionalt ledarskap i klimatfrågan.",
                    "Vi genomför en omställning till samordnad varudistribution.",
                    "Vi arbetar för en förstärkt infrastruktur för förnybara drivmedel.",
                ],
            ),
        ],
    ),
    (
        "Infrastruktur",
        [
            (
                "Utnyttja den nya infrastrukturen",
                [
                    "Vi verkar för en snabbare och tätare kollektivtrafik till och mellan de regionala stadskärnorna.",
                    "Vi kartlägger olika aktörers roller i syfte att få till de sex identifierade "
                    "kollektivtrafiksatsningarna av regional betydelse.",
                    "Vi utreder vilka behov som finns på Södertörn ur ett regionalt och transportslagsövergripande "
                    "perspektiv.",
                    "Vi tar fram argument för objekten och illustration som visar bebyggelse- och näringslivsutveckling "
                    "i samverkan med förbättrad infrastruktur.",
                ],
            ),
        ],
    ),
]

# Seed 001 (verksamhetsplan 2011): SUP 2010's four målområden and five utvecklingsfrågor, in the seed's order
# (placed under the målområden as SUP 2013, seed 000, places the same five).
SUP2010_AREAS = [
    ("Näringsliv och Högskola", ["Höja utbildningsnivån på Södertörn", "Stödja ett kunskapsintensivt näringsliv"]),
    ("Olikhet och Mångfald", ["Nyttja tillgänglig kompetens i tillväxtsyfte"]),
    ("Klimat", ["Leda omställningen till ett klimateffektivt samhälle"]),
    ("Infrastruktur", ["Utnyttja den nya infrastrukturen"]),
]

GOVERNING_DOCUMENTS = [
    (
        "Samarbetskommitténs samarbetsavtal",
        dt.date(2010, 8, 18),
        "Samarbetsavtalet som Södertörnssamarbetet styrs utifrån.",
    ),
    ("Kommunikationsplattform", dt.date(2018, 3, 21), "Styrdokument för kommunikationen om Södertörnssamarbetet."),
    ("Direktiv för medverkan i nätverk", dt.date(2019, 4, 26), "Styrdokument för chefsnätverkens arbete."),
]

#: SUP 2035's chapter "Arbetsformer inom Södertörnssamarbetet" (seeds 002 and 004), verbatim.
SUP2035_WORKING_FORMS = """\
## Södertörnskommunernas organisation
Södertörnssamarbetet styrs av en samarbetskommitté, utifrån ett samarbetsavtal från 2010. Samarbetskommittén utgörs av kommunstyrelsens ordförande i respektive kommun. Kommundirektörerna utgör ledningsgrupp. Chefsnätverk ansvarar i sin tur för genomförandet. Det finns ett kansli som finansieras gemensamt och leds av en utvecklingsledare och stöttas av en administratör.
## Verksamhet
Samarbetskommittén tar fram ett förslag till gemensamt utvecklingsprogram som beslutas i respektive kommunstyrelse. Södertörns utvecklingsprogram 2035 ska gälla från 2019 – 2022. Utvecklingsprogrammet uppdateras i början av varje ny mandatperiod. Utförandet konkretiseras sedan i verksamhetsplaner. Handlingsplaner tas fram av nätverken för genomförandet, där definieras aktiviteter och ansvariga. Nätverken utgörs av chefer från samtliga kommuner. Syftet med nätverken är att kommunerna tillsammans ska arbeta mot de mål som finns i utvecklingsprogrammet.
Styrdokument: Samarbetskommitténs samarbetsavtal, 2010-08-18, Kommunikationsplattform, 2018-03-21 och Direktiv för medverkan i nätverk, 2019-04-26.
## Påverkansarbete och kommunikation
Kommunikationen om Södertörnssamarbetet sker i syfte att uppnå utvecklingsplanens mål och stärka bilden av Södertörn som en viktig del i Stockholmsregionen. Södertörnssamarbetet behöver marknadsföras konsekvent och unisont av kommunerna. Samarbetets styrkor och resultat ska lyftas fram i de enskilda kommunernas kommunikation när så är relevant.
Påverkansarbete utförs utifrån uppsatta mål och beslutad inriktning. Syftet är att synliggöra Södertörn, skapa regionala samarbeten och bidra till genomförandet av satsningar som är avgörande för Södertörnskommunernas möjlighet till hållbar tillväxt.
## Konferenser
Södertörnskommunerna arrangerar tre gemensamma konferenser Södertörns Rådslag, Södertörns konferens och Temadag för effektiv verksamhetsutveckling.
## Södertörns Rådslag
Syftet med Södertörns Rådslag är att lyfta Södertörns regionala betydelse och utveckling. Tema/inriktning för Rådslaget beslutas av ledningsgruppen, utifrån Södertörns utvecklingsprogram med fokus på Södertörns utveckling. Målgrupp för Rådslaget är kommunernas förtroendevalda, högre tjänstemän och näringslivsrepresentanter från organisationer och företag både nationellt och regionalt. Rådslaget arrangeras samarbete med Södertörnskommunerna, Södertörns högskola, KTH, Stockholms Handelskammare och Företagarna. Det är en kommun om året som är värd för Rådslaget. Värdkommunen för Rådslaget ansvarar för att projektleda konferensen.
## Södertörnskonferensen
Syftet med Södertörnskonferensen är ett stärkt och förbättrat samarbete mellan kommunerna. Konferensen arrangeras årligen kring teman som har sin utgångspunkt i Södertörns utvecklingsprogram. Tema för varje år beslutas av ledningsgruppen. Målgruppen är kommunernas politiska företrädare i respektive kommunstyrelse, ledande tjänstemän samt prioriterade nätverk. Södertörnskonferensen arrangeras av två värdkommuner som tillsammans projektleder konferensen.
## Temadag Effektiv verksamhetsutveckling
Syftet med temadagen är att presentera jämförelser och hitta exempel som visar hur olika verksamheter i kommunerna förbättrats genom minskade kostnader, minskat resursbehov osv. Effektivare verksamhetsutveckling kan presenteras med hjälp av jämförelser utifrån statistik men även med andra metoder. Målgrupp för temadagen är politiska företrädare och ledande tjänstemän inom Södertörnskommunerna. Temadag för effektiv verksamhetsutveckling arrangeras av nätverket för ekonomidirektörer."""

#: "Förändringar som föreslås från tidigare program" (seed 002, Tyresö's tjänsteskrivelse 2019-06-20).
SUP2035_CHANGES = """\
utvecklingsprogrammet uppdateras varje mandatperiod
namnet ”Södertörns utvecklingsprogram” kompletteras med målåret
målår är 2035, framåtsyftande men inte för långt borta
nyckeltalsdagen får nytt namn och delvis ny inriktning
klimatfrågan ska genomsyra alla målområden
nytt målområde, funktionell samordning, införs
Rådslaget får en ännu mer utåtriktad funktion"""

SEED_000 = "seed 000 (Verksamhetsplan 2014, Budget 2014)"
SEED_001 = "seed 001 (Verksamhetsplan 2011, Budget 2011)"
SEED_002 = "seed 002 (Tyresö kommunledningsutskott 2019-08-07 § 60, Dnr 2019/KS 0260 005, med SUP 2035)"
SEED_003 = "seed 003 (Bildarkivet. Kommunernas samarbete på Södertörn)"
SEED_004 = "seed 004 (SUP 2035, Södertörns utvecklingsprogram)"

TYRESO_PROPOSAL = (
    "Förslag till Södertörns utvecklingsprogram 2035 godkänns och ersätter motsvarande program som godkändes "
    "av kommunstyrelsen 2013-04-29 § 78."
)


def _upsert(model, lookup: dict, defaults: dict):
    obj, _ = model.objects.update_or_create(**lookup, defaults=defaults)
    return obj


def _programme(coop, slug, data):
    return _upsert(Programme, {"cooperation": coop, "slug": slug}, data)


def _principles(programme, texts):
    for i, text in enumerate(texts, start=1):
        _upsert(Principle, {"programme": programme, "order": i}, {"text": text})


def _area(programme, order, name, group="regional", description=""):
    return _upsert(
        FocusArea, {"programme": programme, "order": order}, {"name": name, "group": group, "description": description}
    )


def _goal(area, order, text, parent=None):
    return _upsert(Goal, {"focus_area": area, "parent": parent, "order": order}, {"text": text})


def load(cooperation, *, log=print):
    """Build this app's part of the demo; must be idempotent."""
    coop = cooperation
    munis = {m.name: m for m in Municipality.objects.filter(cooperations=coop)}

    for title, date, description in GOVERNING_DOCUMENTS:
        _upsert(GoverningDocument, {"cooperation": coop, "title": title}, {"date": date, "description": description})

    sup2007 = _programme(
        coop,
        "sup-2007",
        {
            "name": "Södertörns utvecklingsplan",
            "short_name": "SUP 2007",
            "year": 2007,
            "introduction": "År 2007 tas Södertörns utvecklingsplan (SUP) fram. Det blir en formalisering av arbetet "
            "inom infrastruktur, högre utbildning och integration för de 8 södertörnskommunerna. År 2009 beslutas "
            "vid södertörnskonferensen att klimat blir ett fjärde samarbetsområde.",
            "adoption_note": "Källorna (Södertörnssamarbetets historik) säger att planen togs fram 2007; beslut om "
            "antagande finns inte registrerade.",
            "source_ref": SEED_003,
        },
    )
    for i, name in enumerate(["Infrastruktur", "Högre utbildning", "Integration"], start=1):
        _area(sup2007, i, name)

    sup2010 = _programme(
        coop,
        "sup-2010",
        {
            "name": "Södertörns UtvecklingsProgram 2010",
            "short_name": "SUP 2010",
            "year": 2010,
            "replaces": sup2007,
            "vision": VISION_2025,
            "purpose": PURPOSE_OLD,
            "documented_in_force": True,
            "source_ref": SEED_001,
            "adoption_note": "Södertörns UtvecklingsProgram 2010 har fastställts av kommunerna under hösten 2010 "
            "(verksamhetsplan 2011). Datum och paragrafer för de enskilda besluten finns inte registrerade.",
        },
    )
    _principles(sup2010, PRINCIPLES)
    for i, (area_name, goals) in enumerate(SUP2010_AREAS, start=1):
        area = _area(sup2010, i, area_name)
        for j, text in enumerate(goals, start=1):
            _goal(area, j, text)

    sup2013 = _programme(
        coop,
        "sup-2013",
        {
            "name": "Södertörns UtvecklingsProgram 2013",
            "short_name": "SUP 2013",
            "year": 2013,
            "replaces": sup2010,
            "vision": VISION_2025,
            "purpose": PURPOSE_OLD,
            "documented_in_force": True,
            "source_ref": SEED_000,
            "adoption_note": "Södertörns UtvecklingsProgram 2013 fastställdes av kommunerna under våren 2013 "
            "(verksamhetsplan 2014). Bara Tyresös beslut är känt till datum och paragraf (kommunstyrelsen "
            "2013-04-29 § 78, enligt Tyresö kommunledningsutskotts protokoll 2019-08-07 § 60).",
        },
    )
    _principles(sup2013, PRINCIPLES)
    for i, (area_name, goals) in enumerate(SUP2013_AREAS, start=1):
        area = _area(sup2013, i, area_name)
        for j, (text, subgoals) in enumerate(goals, start=1):
            goal = _goal(area, j, text)
            for k, sub in enumerate(subgoals, start=1):
                _goal(area, k, sub, parent=goal)
    # The seeds give only Tyresö's decision; how the other seven handled it is not known ("uppgift saknas").
    round2013 = _upsert(
        AdoptionRound,
        {"programme": sup2013},
        {"cooperation": coop, "kind": AdoptionRound.Kind.PROGRAMME, "title": sup2013.name, "unrecorded_unknown": True},
    )
    if "Tyresö" in munis:
        adoption = _upsert(
            Adoption, {"round": round2013, "municipality": munis["Tyresö"]}, {"deciding_body": "Kommunstyrelsen"}
        )
        _upsert(
            AdoptionStep,
            {"adoption": adoption, "meeting_date": dt.date(2013, 4, 29)},
            {
                "kind": AdoptionStep.Kind.DECISION,
                "body_name": "Kommunstyrelsen",
                "paragraph": "§ 78",
                "outcome": AdoptionStep.Outcome.ADOPTED,
                "source_ref": SEED_002,
                "text": "Södertörns utvecklingsprogram godkändes (enligt Tyresö kommunledningsutskotts protokoll "
                "2019-08-07 § 60).",
            },
        )

    sup2035 = _programme(
        coop,
        "sup-2035",
        {
            **SUP2035,
            "replaces": sup2013,
            "working_forms": SUP2035_WORKING_FORMS,
            "changes": SUP2035_CHANGES,
            "source_ref": SEED_004,
        },
    )
    _principles(sup2035, PRINCIPLES)
    for i, (group, area_name, goal_text, subgoals) in enumerate(SUP2035_AREAS, start=1):
        area = _area(sup2035, i, area_name, group=group)
        goal = _goal(area, 1, goal_text)
        for k, sub in enumerate(subgoals, start=1):
            _goal(area, k, sub, parent=goal)
    for i, text in enumerate(RUFS_2050, start=1):
        _upsert(ExternalGoal, {"programme": sup2035, "order": i}, {"framework": "RUFS 2050", "text": text})
    round2035 = _upsert(
        AdoptionRound,
        {"programme": sup2035},
        {"cooperation": coop, "kind": AdoptionRound.Kind.PROGRAMME, "title": sup2035.name, "unrecorded_unknown": True},
    )
    if "Tyresö" in munis:
        adoption = _upsert(
            Adoption,
            {"round": round2035, "municipality": munis["Tyresö"]},
            {"case_number": "2019/KS 0260 005", "deciding_body": "Kommunstyrelsen"},
        )
        _upsert(
            AdoptionStep,
            {"adoption": adoption, "meeting_date": dt.date(2019, 6, 20)},
            {
                "kind": AdoptionStep.Kind.PREPARATION,
                "body_name": "Kommunstyrelseförvaltningen",
                "paragraph": "",
                "outcome": AdoptionStep.Outcome.PROPOSED,
                "source_ref": SEED_002,
                "text": "Tjänsteskrivelse: kommunstyrelseförvaltningens förslag till kommunledningsutskottet för beslut "
                "i kommunstyrelsen. " + TYRESO_PROPOSAL,
            },
        )
        _upsert(
            AdoptionStep,
            {"adoption": adoption, "meeting_date": dt.date(2019, 8, 7)},
            {
                "kind": AdoptionStep.Kind.PREPARATION,
                "body_name": "Tyresö kommunledningsutskott",
                "paragraph": "§ 60",
                "outcome": AdoptionStep.Outcome.PROPOSED,
                "source_ref": SEED_002,
                "text": "Utdrag ur Tyresö kommunledningsutskotts protokoll 2019-08-07, § 60, Dnr 2019/KS 0260 005 "
                "(justerat 2019-08-12). Kommunledningsutskottets förslag till kommunstyrelsen: "
                + TYRESO_PROPOSAL
                + " Bilagor: Tjänsteskrivelse Södertörns utvecklingsprogram 2035 (2019-06-20) och Södertörns "
                "utvecklingsprogram SUP 2035.",
            },
        )
    log(
        f"  {Programme.objects.filter(cooperation=coop).count()} utvecklingsprogram, "
        f"{Goal.objects.filter(focus_area__programme=sup2035).count()} mål och delmål i SUP 2035"
    )
