# ruff: noqa: E501 - the seed texts are kept one paragraph per line, verbatim
"""Södertörn demo data for the plans app; called by `manage.py load_sodertorn` (idempotent).

The 2011 and 2014 operating plans' texts are copied from seeds 001 and 000 (verbatim; where the
2014 transcript lost a number, it is marked or taken from another seed). The networks' action
plans draw their activities from what the seeds say the networks do; owners, dates, statuses and
the follow-up round are invented and marked as demo data (`is_demo`).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from core.services import SYSTEM
from plans import services
from plans.models import ActionPlan, Activity, FollowUpRound, Indicator
from programme.models import Goal, Programme

INTRODUCTION_2011 = """\
Södertörns åtta kommuner är en attraktiv del av Stockholmsregionen med ca 430 000 invånare. Attraktionskraften kan mätas i både en kraftig befolkningstillväxt och i starka och världskända företag i ett differentierat näringsliv som satsar på forskning och utveckling. Attraktionskraften kan också mätas i form av goda utbildningsmöjligheter på universitets- och högskolenivå. Exempel är Scania, Astra Zeneca och Karolinska Universitetssjukhuset, som har en stark koppling till den högre utbildningen och forskningen som bedrivs vid Södertörns högskola, Tekniska högskolan (KTH) och Karolinska Institutet.
Samarbetet mellan kommunerna på Södertörn har traditioner inom bl. a gymnasieområdet, gemensam räddningstjänst och inom energi, miljö och återvinning. Genom gemensamt agerande har också frågor kring infrastruktur drivits framgångsrikt, t ex aktuella satsningar på väg 73, Nynäsbanan, Södertörnsleden och E4-ans breddning. Kommunerna har i ”Södertörns UtvecklingsProgram 2010” formulerat de viktigaste regionala utvecklingsfrågorna för insatser de närmaste åren. Dessa är att höja utbildningsnivån på Södertörn, stödja ett kunskapsintensivt näringsliv, nyttja tillgänglig kompetens i tillväxtsyfte, leda omställningen till ett klimateffektivt samhälle samt utnyttja den nya infrastrukturen.
Vi ser Södertörn som en naturlig del av Stockholm – ”The Capital of Scandinavia” – och Stockholm-Mälarregionen, där vi vill medverka som en aktiv aktör och hävda våra intressen i utvecklings- och tillväxtarbete."""

PURPOSE = """\
Vi samverkar för att stärka den kommunala och den regionala utvecklingen. Det gynnar Södertörn och därmed våra kommuner.
Vår samverkan syftar till att kommunledningarna i politik och förvaltning ska nå sina mål i hemkommunen."""

PRINCIPLES = """\
Vår samverkan ska kännetecknas av:
- Fokus på den gemensamma nyttan
- Respekt för den demokratiska processen i den enskilda kommunen
- Gå före – ett gott regionalt ledarskap
- Regional samverkan som handlar om att både ge och få"""

VISION_2011 = """\
Den långsiktiga målbilden för vår samverkan sammanfattas i vår vision för ett önskvärt tillstånd 2025:
Södertörn är en attraktiv del av Stockholm-Mälarregionen, med över an halv miljon invånare, som med tillväxt, mångfald och handlingskraft skapar livskvalitet och en långsiktig hållbar utveckling."""

AREAS_2011 = """\
Samverkan inom Södertörn bedrivs inom två huvudområden enligt följande:
| Samverkansområden | Syfte | Styrdokument |
| Regionala utvecklingsfrågor | Syftar till att utveckla Södertörn som region | Södertörns UtvecklingsProgram 2010 |
| Verksamhetsfrågor | Syftar till att effektivisera (ekonomi och kvalitet) den enskilda kommunen, genom samverkan med andra södertörnskommuner | Respektive kommuns budget/verksamhetsplan samt Södertörnskommunernas Samarbetskommittés årliga verksamhetsplan |
## Regionala utvecklingsfrågor
Målområden i Södertörns UtvecklingsProgram 2010:
- Näringsliv och Högskola
- Olikhet och Mångfald
- Klimat
- Infrastruktur
Till målområdena hör fem konkreta utvecklingsfrågor. Arbetet med dessa skall följa en särskild handlingsplan för var och en av frågorna. Uppföljning och utvärdering skall ske systematiskt.
## Omvärldsbevakning
Vi utvecklar kontaktnät mellan företrädare för Södertörn och beslutsfattare av betydelse för Södertörns utveckling.
Vi samordnar och strukturerar gemensamma insatser i regionala organ såsom KSL, Stockholms Business Alliance och Mälardalsrådet.
Vi arbetar gemensamt och tillsammans med externa parter för genomslag i opinionsbildningen i gemensamma frågor.
## Gemensam ägarstyrning
Vi agerar gemensamt i förhållande till de organisationer vi gemensamt äger genom en tydlig ägarstyrning i förbunds- och bolagsordningar, direktiv och ägardialoger.
## Verksamhetsfrågor
## 1. Samverkan om gemensam upphandling
Gemensamma upphandlingar av ett stort antal varor och tjänster sker sedan många år. Samverkan skall utvecklas till att omfatta fler varor och tjänster. Samverkan skall också utvecklas mot bakgrund av att större krav successivt ställs och kommer att ställas på kommunerna, främst genom ändringar i lagen om offentlig upphandling och angränsande lagar.
Om denna fördjupade samverkan bör leda till utvecklad organisatorisk samverkan i upphandlingsfrågor, är en fråga som kommunerna skall ha under uppsikt och löpande bedöma.
## 2. Samverkan om överförmyndarverksamhet genom gemensam nämnd
Kommunerna Botkyrka, Haninge, Huddinge, Nynäshamn och Tyresö samverkar fr o m den 1 januari 2011 om överförmyndarverksamheten genom Södertörns överförmyndarnämnd. Haninge är s k värdkommun för nämnden. Verksamheten är möjlig att utöka genom att fler kommuner kan ingå i nämnden. Detta är en fråga som kommunerna skall ha under uppsikt och löpande bedöma.
## 3. Samverkan om tillsyn mm inom miljöområdet
Södertörns miljö- och hälsoskyddsförbund bildades av de tre kommunerna Haninge, Nynäshamn och Tyresö. Förbundet startade sin verksamhet 2008. Verksamheten är möjlig att utöka genom att fler kommuner kan ingå i förbundet. Detta är en fråga som kommunerna skall ha under uppsikt och löpande bedöma.
## 4. Annan utökning av pågående samverkan
Kommunernas ansvarsområden förändras löpande genom riksdagens beslut. När nya uppgifter tillkommer skall kommunerna överväga om uppgifterna skall lösas enskilt, i samverkan kommunerna emellan eller tillföras befintliga samverkansorgan.
Ett färskt exempel är kommunernas kontrollansvar för handel med vissa receptfria läkemedel. Haninge, Nynäshamns och Tyresö kommuner lägger denna uppgift på Södertörns miljö- och hälsoskyddsförbund. Ett annat exempel är kommunernas utökade ansvar för frågor om explosiva varor. Medlemskommunerna lägger denna fråga hos Södertörns brandförsvarsförbund."""

BALANCE_2011 = """\
Södertörns UtvecklingsProgram 2010 har fastställts av kommunerna under hösten 2010. Det är viktigt att arbetet sker enligt konkreta handlingsplaner (jfr sid 4). Därför skall det under 2011 avsättas mer tid och andra resurser för regionala utvecklingsfrågor jämfört med verksamhetsfrågorna."""

WORKING_FORMS_2011 = """\
Samverkan på Södertörn bygger på varje kommuns och organisations eget intresse att ingå i samverkan. Ett utvecklat samarbete kräver en tydlighet i ansvarsfördelningen.
## Södertörnskommunernas samarbetskommitté
Syftet med samarbetskommittén är att stärka den kommunala och den regionala utvecklingen som gynnar Södertörn och dess kommuner. Samverkan syftar också till att kommunledningarna i politik och förvaltning skall nå sina mål i hemkommunen.
Profilen för Södertörn som en attraktiv del av Stockholmsregionen skall tydliggöras och kommunerna skall i ett nära samarbete söka effektiva och rationella lösningar för de egna kompetensområdena. Kommittén skall driva frågor vilka bedöms gagna Södertörn och dess kommuner.
I Södertörns samarbetskommitté ingår kommunstyrelseordföranden för var och en av de åtta Södertörnskommunerna. Gruppen träffas minst sex gånger per år.
Kommundirektörerna eller motsvarande deltar vid kommitténs möten.
Huddinge kommun tillhandahåller ett sekretariat som stöd till kommittén.
## Ledningsgrupp
Ledningsgruppen består av kommundirektörerna i de åtta kommunerna. Gruppen träffas minst sex gånger per år. Syftet är dels att förbereda samarbetskommitténs möten och dels att samordna övriga samverkansfrågor mellan Södertörnskommunerna.
## Regional konferens
## Södertörnskonferensen
En årlig konferens genomförs med företrädare från de politiska partierna i respektive kommunstyrelse och ledande tjänstemän för kommunerna.
## Externa samverkansgrupper
## Södertörns Rådslag
Ett årligt återkommande rådslag där de åtta Södertörnskommunerna, Södertörns högskola, Karolinska institutet, KTH, Handelskammaren och Företagarna på Södertörn sätter fokus på viktiga frågeställningar av betydelse för Södertörns utveckling.
| År | Värdkommun för rådslaget |
| 2011 | Salem |
| 2012 | Nynäshamn |
| 2013 | Botkyrka |
| 2014 | Tyresö |
| 2015 | Södertälje |
| 2016 | Haninge |
| 2017 | Nykvarn |
| 2018 | Huddinge |
## Södertörns nyckeltal
En årligt återkommande uppföljning av nyckeltalsarbetet genomförs under hösten."""

# Seed 000's transcript lost the number; seed 003 quotes the same plan: "med ca 460 000 invånare".
INTRODUCTION_2014 = (
    INTRODUCTION_2011.replace("med ca 430 000 invånare", "med ca 460 000 invånare")
    .replace(
        "t ex aktuella satsningar på väg 73, Nynäsbanan, Södertörnsleden och E4-ans breddning",
        "t ex utbyggnaderna av väg 73, Nynäsbanan, Tvärförbindelse Södertörn och E4-ans breddning",
    )
    .replace("”Södertörns UtvecklingsProgram 2010”", "Södertörns UtvecklingsProgram 2013")
)

VISION_2014 = VISION_2011.replace("över an halv", "över en halv")

AREAS_2014 = """\
Samverkan inom Södertörn bedrivs inom två huvudområden enligt följande:
| Samverkansområden | Syfte | Styrdokument |
| Regionala utvecklingsfrågor | Syftar till att utveckla Södertörn som region | Södertörns UtvecklingsProgram 2013 |
| Verksamhetsfrågor | Syftar till att effektivisera (ekonomi och kvalitet) den enskilda kommunen, genom samverkan med andra Södertörnskommuner | Respektive kommuns budget/verksamhetsplan samt Södertörnskommunernas Samarbetskommittés årliga verksamhetsplan |
## Regionala utvecklingsfrågor
Målområden i Södertörns UtvecklingsProgram 2013:
Till målområdena hör fem konkreta utvecklingsfrågor. Arbetet med dessa följer särskilda handlingsplaner. Uppföljning och utvärdering skall ske systematiskt.
## Näringsliv och Högskola
Höj utbildningsnivån på Södertörn
- Vi ökar andel elever som lämnar gymnasiet med slutbetyg.
- Vi ökar övergången av antal elever från gymnasieskola till eftergymnasial utbildning (universitet, högskola och yrkeshögskoleutbildningar (YH)).
- Vi ökar andelen kommuninnevånare med eftergymnasial utbildning.
Stödja ett kunskapsintensivt näringsliv
- Vi verkar för att högskolornas roll i de tre regionala stadskärnorna Haninge, Södertälje och Flemingsberg stärks och att näringslivets behov av arbetskraft tillgodoses.
- Vi förbättrar näringslivsklimatet på Södertörn.
- Vi arbetar för att Södertörn blir en region av nationell och internationell betydelse inom områdena Life science/medicin. Detta sker genom att vi arbetar för att Flemingsberg ska bli ett nationellt medicinskt-tekniskt centrum och att Södertälje och Flemingsberg har Life science forskning av volym och betydelse.
- Vi arbetar för att främja utvecklingen av kunskapsintensiva företag och forskningskluster på Södertörn.
## Olikhet och Mångfald
Nyttja tillgänglig kompetens i tillväxtsyfte
- Vi tar vara på Goda Exempel från Matchning Södertörn och införlivar dem i kommunernas arbete.
- Vi samarbetar för att mäta effekten och konsekvensen för kommunerna av etableringsreformen.
## Klimat
Leda omställningen till ett klimateffektivt samhälle
- Vi visar vår ambition att vara en region som ställer om energianvändningen bort från fossila bränslen och utmärker oss för ett regionalt ledarskap i klimatfrågan.
- Vi genomför en omställning till samordnad varudistribution.
- Vi arbetar för en förstärkt infrastruktur för förnybara drivmedel.
## Infrastruktur
Utnyttja den nya infrastrukturen
- Vi verkar för en snabbare och tätare kollektivtrafik till och mellan de regionala stadskärnorna.
- Vi kartlägger olika aktörers roller i syfte att få till de sex identifierade kollektivtrafiksatsningarna av regional betydelse.
- Vi utreder vilka behov som finns på Södertörn ur ett regionalt och transportslagsövergripande perspektiv.
- Vi tar fram argument för objekten och illustration som visar bebyggelse- och näringslivsutveckling i samverkan med förbättrad infrastruktur.
## Omvärldsbevakning
Vi utvecklar kontaktnät mellan företrädare för Södertörn och beslutsfattare av betydelse för Södertörns utveckling.
Vi samordnar och strukturerar gemensamma insatser i regionala organ såsom KSL, Stockholms Business Alliance och Mälardalsrådet.
Vi arbetar gemensamt och tillsammans med externa parter för genomslag i opinionsbildningen i gemensamma frågor.
## Gemensam ägarstyrning
Vi agerar gemensamt i förhållande till de organisationer vi gemensamt äger genom en tydlig ägarstyrning i förbunds- och bolagsordningar, direktiv och ägardialoger.
## Samarbetsformer
Det finns ett stort antal nätverk och arbetsgrupper inom ramen för Södertörnssamarbetet, till exempel inom infrastruktur, kommunikation, miljöområdet och näringslivsarbetet.
## Verksamhetsfrågor
## Utökning av pågående samverkan
Kommunernas ansvarsområden förändras löpande. När nya uppgifter tillkommer skall kommunerna överväga om uppgifterna skall lösas enskilt, i samverkan kommunerna emellan eller tillföras befintliga samverkansorgan. Detta är frågor som kommunerna skall ha under uppsikt och löpande bedöma"""

# The transcript (seed 000) lost "2013" and "2014." here; the spring 2013 adoption is in seed 002.
BALANCE_2014 = """\
Södertörns UtvecklingsProgram 2013 fastställdes av kommunerna under våren 2013. Det är viktigt att arbetet sker enligt konkreta handlingsplaner (jfr sid 4). Det bör avsättas mer tid och andra resurser för regionala utvecklingsfrågor under 2014 jämfört med verksamhetsfrågorna.
Ökad marknadsföring och kommunicering av Södertörn är fortsatt ett viktigt område under 2014."""

WORKING_FORMS_2014 = """\
Samverkan på Södertörn bygger på varje kommuns och organisations eget intresse att ingå i samverkan. Ett utvecklat samarbete kräver en tydlighet i ansvarsfördelningen. För ett effektivt samarbete bör de olika uppdragen inkluderas i respektive kommuns Mål och Budget.
## Södertörnskommunernas samarbetskommitté
Syftet med samarbetskommittén är att stärka den kommunala och den regionala utvecklingen som gynnar Södertörn och dess kommuner. Samverkan syftar också till att kommunledningarna i politik och förvaltning skall nå sina mål i hemkommunen.
Profilen för Södertörn som en attraktiv del av Stockholmsregionen skall tydliggöras och kommunerna skall i ett nära samarbete söka effektiva och rationella lösningar för de egna kompetensområdena. Kommittén skall driva frågor vilka bedöms gagna Södertörn och dess kommuner.
I Södertörns samarbetskommitté ingår kommunstyrelseordföranden för var och en av de åtta Södertörnskommunerna. Gruppen träffas minst sex gånger per år. Kommundirektörerna eller motsvarande deltar vid kommitténs möten.
Kommunerna finansierar gemensamt ett sekretariat som stöd till kommittén. Sekretariatet är placerat hos Huddinge kommun.
## Ledningsgrupp
Ledningsgruppen består av kommundirektörerna i de åtta kommunerna. Gruppen träffas minst sex gånger per år. Syftet är dels att förbereda samarbetskommitténs möten och dels att samordna övriga samverkansfrågor mellan Södertörnskommunerna.
## Regional konferens
En årlig konferens, Södertörnskonferensen, genomförs med företrädare från de politiska partierna i respektive kommunstyrelse och ledande tjänstemän för kommunerna. Södertörnskonferensen äger nästa gång rum i februari 2015.
## Externa samverkansgrupper
## Södertörns Rådslag
Ett årligt återkommande rådslag där de åtta Södertörnskommunerna, Södertörns högskola, KTH, Handelskammaren och Företagarna på Södertörn sätter fokus på viktiga frågeställningar av betydelse för Södertörns utveckling.
| År | Värdkommun för rådslaget |
| 2013 | Botkyrka |
| 2014 | Tyresö |
| 2015 | Södertälje |
| 2016 | Haninge |
| 2017 | Nykvarn |
| 2018 | Huddinge |
| 2019 | Salem |
| 2020 | Nynäshamn |
## Södertörns nyckeltal
En återkommande uppföljning av nyckeltalsarbetet genomförs och presenteras vartannat år."""

#: Demo activities of 2014 per network: (title, description, keyword of the SUP 2013 goal served).
ACTIVITIES_2014 = {
    "Näringslivschefer": [
        (
            "Gemensamma insatser för ett bättre näringslivsklimat",
            "Utifrån delmålet ”Vi förbättrar näringslivsklimatet på Södertörn” (verksamhetsplan 2014).",
            "näringslivsklimatet",
        ),
        (
            "Stöd till kunskapsintensiva företag och forskningskluster",
            "Utifrån delmålet om kunskapsintensiva företag och forskningskluster på Södertörn.",
            "kunskapsintensiva företag",
        ),
    ],
    "Planeringschefer": [
        (
            "Kartläggning av aktörernas roller för de sex kollektivtrafiksatsningarna",
            "Utifrån delmålet om de sex identifierade kollektivtrafiksatsningarna av regional betydelse.",
            "kartlägger",
        ),
        (
            "Argument och illustrationer för infrastrukturobjekten",
            "Argument för objekten och illustration som visar bebyggelse- och näringslivsutveckling.",
            "argument",
        ),
    ],
    "Kommunikationschefer": [
        (
            "Ökad marknadsföring och kommunicering av Södertörn",
            "Verksamhetsplan 2014: ”Ökad marknadsföring och kommunicering av Södertörn är fortsatt ett viktigt "
            "område”. Vidareutveckla den gemensamma webbplatsen som lanserades 2008.",
            "Goda Exempel",
        ),
    ],
    "IT-chefer": [
        (
            "IT-nyckeltal för Södertörn",
            "Kommunledningarna har gett IT-verksamheten i uppdrag att ta fram nyckeltal för IT-området.",
            "näringslivsklimatet",
        ),
    ],
}
DEMO_STATUSES = ["ongoing", "planned", "done", "delayed", "ongoing", "planned"]


def _programme(coop, year_text: str):
    return (
        Programme.objects.filter(cooperation=coop)
        .filter(Q(name__icontains=year_text) | Q(short_name__icontains=year_text))
        .first()
    )


def _goal(programme, keyword: str):
    goals = Goal.objects.filter(focus_area__programme=programme)
    return (
        goals.filter(text__icontains=keyword).order_by("parent_id", "pk").first()
        or goals.filter(parent__isnull=False).order_by("pk").first()
        or goals.order_by("pk").first()
    )


def load(cooperation, *, log=print):
    from organisations.models import Body, Membership

    coop = cooperation
    committee = Body.objects.filter(cooperation=coop, slug="samarbetskommitten").first()
    sup2010 = _programme(coop, "2010")
    sup2013 = _programme(coop, "2013")
    common = {"purpose": PURPOSE, "principles": PRINCIPLES, "vision_year": 2025, "is_demo": False}
    services.operating_plan_save(
        actor=SYSTEM,
        cooperation=coop,
        year=2011,
        **common,
        title="Verksamhetsplan 2011",
        programme=sup2010,
        introduction=INTRODUCTION_2011,
        vision=VISION_2011,
        areas=AREAS_2011,
        balance=BALANCE_2011,
        working_forms=WORKING_FORMS_2011,
        approval_note="",
        source_ref="seed 001 (Verksamhetsplan 2011, Budget 2011)",
    )
    services.operating_plan_save(
        actor=SYSTEM,
        cooperation=coop,
        year=2014,
        **common,
        title="Verksamhetsplan 2014",
        programme=sup2013,
        introduction=INTRODUCTION_2014,
        vision=VISION_2014,
        areas=AREAS_2014,
        balance=BALANCE_2014,
        working_forms=WORKING_FORMS_2014,
        approval_note="Godkänd av SSK",
        approved_by=committee,
        approved_on=dt.date(2014, 1, 31),
        source_ref="seed 000 (Verksamhetsplan 2014); godkännandedatum och invånartal ur seed 003",
    )
    log("  verksamhetsplaner 2011 och 2014")
    if sup2013 is None or not Goal.objects.filter(focus_area__programme=sup2013).exists():
        log("  (inga handlingsplaner: SUP 2013 saknar mål i programdemot)")
        return
    members = list(coop.current_members(dt.date(2014, 1, 1)))
    n = 0
    for net_name, items in ACTIVITIES_2014.items():
        body = Body.objects.filter(cooperation=coop, name=net_name).first()
        if body is None:
            continue
        ap = ActionPlan.objects.filter(body=body, year=2014).first() or services.action_plan_create(
            actor=SYSTEM,
            cooperation=coop,
            body=body,
            year=2014,
            is_demo=True,
            summary="Exempel: handlingsplan sammanställd ur vad verksamhetsplanerna och historiken säger att "
            "nätverket gör; ansvariga, datum och status är påhittade.",
        )
        lead = Membership.objects.filter(body=body, role=Membership.Role.LEAD).first()
        for title, description, keyword in items:
            start = dt.date(2014, 1 + (n % 3) * 2, 1)
            if not Activity.objects.filter(action_plan=ap, title=title).exists():
                services.activity_create(
                    actor=SYSTEM,
                    action_plan=ap,
                    title=title,
                    description=description,
                    owner_membership=lead,
                    start=start,
                    due=dt.date(2014, 12, 31) if n % 2 else dt.date(2014, 6, 30),
                    status=DEMO_STATUSES[n % len(DEMO_STATUSES)],
                    is_demo=True,
                    goals=[_goal(sup2013, keyword)],
                    municipalities=members,
                )
            n += 1
    log(f"  {n} demoaktiviteter i {len(ACTIVITIES_2014)} handlingsplaner 2014")
    education_goal = _goal(sup2013, "eftergymnasial utbildning.")
    services.indicator_save(
        actor=SYSTEM,
        cooperation=coop,
        name="Invånare 25-64 år med eftergymnasial utbildning, andel (%)",
        goal=education_goal,
        source=Indicator.Source.KOLADA,
        kolada_id="N01982",
        unit="%",
        direction=Indicator.Direction.HIGHER,
        is_demo=True,
    )
    services.indicator_save(
        actor=SYSTEM,
        cooperation=coop,
        name="Antal gemensamma aktiviteter för näringslivsklimatet",
        goal=_goal(sup2013, "näringslivsklimatet"),
        source=Indicator.Source.MANUAL,
        unit="st",
        direction=Indicator.Direction.HIGHER,
        baseline=0,
        baseline_year=2013,
        target=4,
        target_year=2014,
        responsible_body=Body.objects.filter(cooperation=coop, name="Näringslivschefer").first(),
        is_demo=True,
    )
    if not FollowUpRound.objects.filter(cooperation=coop, year=2014, period=FollowUpRound.Period.TERTIAL_1).exists():
        services.round_open(
            actor=SYSTEM,
            cooperation=coop,
            year=2014,
            period=FollowUpRound.Period.TERTIAL_1,
            deadline=dt.date(2014, 5, 15),
            is_demo=True,
        )
    log("  en uppföljningsomgång (tertial 1 2014, demo)")
