"""The Södertörn cooperation as the seeds describe it (shared/seeds 000–004, copied facts only).

Where a seed does not give a fact (most people's names), a clearly fictitious placeholder marked
`is_demo` is used instead, never an invented fact presented as real.
"""

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from core.services import SYSTEM
from organisations import services
from organisations.models import (
    Body,
    Cooperation,
    CooperationMember,
    JointArrangement,
    Membership,
    Municipality,
    Organisation,
    Ownership,
    Person,
    Population,
    StaffRole,
)

#: Population on 31 December 2000–2014 of the 26 municipalities of Stockholm county: a byte-for-byte
#: copy of open-numbers/ddf--sodertornsmodellen (see docs/budget.md for the source and its caveats).
POPULATION_FILE = Path(__file__).resolve().parent / "data" / "population_20xx_12_31_by_municipality.csv"
POPULATION_SOURCE = (
    "Södertörnsmodellen, befolkning 31 december (open-numbers/ddf--sodertornsmodellen, commit 30d3fd2; "
    "ursprungligen troligen SCB, ej verifierat)"
)
POPULATION_BATCH = "demo-sodertornsmodellen-2000-2014"

COUNTY = "Stockholms län"
#: SCB codes of the eight Södertörn municipalities (GLOSSARY.md).
MUNICIPALITIES = [
    ("0127", "Botkyrka"),
    ("0136", "Haninge"),
    ("0126", "Huddinge"),
    ("0140", "Nykvarn"),
    ("0192", "Nynäshamn"),
    ("0128", "Salem"),
    ("0181", "Södertälje"),
    ("0138", "Tyresö"),
]
AGREEMENT_DATE = dt.date(2010, 8, 18)  # seed 002/004: "Samarbetskommitténs samarbetsavtal, 2010-08-18"
# When each municipality joined is not known (seed 003 dates the cooperation to 2004 at the latest): left empty.
SEED_001 = "seed 001 (Verksamhetsplan 2011)"
SEED_000 = "seed 000 (Verksamhetsplan 2014)"
SEED_002 = "seed 002 (Tyresö kommunledningsutskott 2019-08-07 § 60, tjänsteskrivelse 2019-06-20)"
SEED_003 = "seed 003 (Bildarkivet. Kommunernas samarbete på Södertörn)"
SEED_004 = "seed 004 (SUP 2035)"

#: Seed 003's history; the transcript lost the population figures, so they are not given.
HISTORY = (
    "År 1900 består Södertörn av 27 kommuner. År 1952 har 17 kommuner bildats efter en kommunsammanslagning. "
    "År 1971 bor Södertörns invånare i 9 kommuner efter ännu en kommunsammanslagning. År 2004 erkänner "
    "kommunstyrelseordförandena i de 8 södertörnskommunerna sitt ömsesidiga beroende genom declaration of "
    "interdependence och antar en verksamhetsplan för det gemensamma arbetet. År 2007 tas Södertörns "
    "utvecklingsplan (SUP) fram. Det blir en formalisering av arbetet inom infrastruktur, högre utbildning och "
    "integration för de 8 södertörnskommunerna. År 2009 beslutas vid södertörnskonferensen att klimat blir ett "
    "fjärde samarbetsområde."
)

#: Seed 003: "På Södertörn bedrivs ett antal gemensamma EU-projekt eller förstudier, såsom: ..." The seed
#: gives no period, lead or participants: they stay empty ("uppgift saknas").
EU_PROJECTS = [
    ("Grenverket Södertörn", "Arbetsmarknadsprojekt för unga vuxna."),
    ("Kom An", "Arbetsmarknadsprojekt för funktionshindrade."),
    ("Matchning Södertörn", "Näringslivs- och arbetsmarknadsprojekt."),
    ("Scandinavian Islands", "Turism."),
    ("UVAKS", "Uthållig vattenförsörjning i kust och skärgård."),
    ("Leader", ""),
    ("UROSS", ""),
]

#: Seed 003's descriptions of the fields of networks.
FIELD_PURPOSES = {
    "Sociala frågor": "Inom det sociala området finns ett omfattande samarbete på Södertörn. Nätverken bedriver "
    "erfarenhetsutbyten och arbetar med gemensamma utbildningar, riktlinjer och strategier.",
    "Miljö, stadsbyggnad och fysisk planering": "Många grupper inom miljö- och stadsbyggnadsområdet samarbetar på "
    "Södertörn.",
    "IT": "Inom IT-området har Södertörnssamarbetet handlat om outsourcing eller upphandling. Ett färdigt avtal "
    "efter en gemensam upphandling av datakommunikation finns liksom gemensamt nät som kan utnyttjas bra för "
    "samverkan.",
    "Kultur": "Inom kulturområdet finns ett par samarbetsgrupper på Södertörn.",
    "Äldrefrågor": "Inom äldrefrågor finns tre relativt nya nätverk på Södertörn.",
    "Övrigt": "Övergripande nätverk för övriga frågor som är relativt nya på Södertörn.",
}
#: Sub-groups seed 003 lists under a network: network -> [(name, purpose)].
SUB_GROUPS = {
    "Lantmäteri: GIS": [
        ("Produktionsstandard för nybyggnadskartor", ""),
        ("Upphandling av flygfotografering och framställning av digitala foton", ""),
        ("Upphandling av fotogrammetrisk kartering", ""),
    ],
    "Södertörnsekologerna": [
        ("Inventering av hotade arter", ""),
        ("Inventering av områdets sjöar", ""),
        ("Inventering av tätortsnära lokaler för groddjur", ""),
        ("Inventering av ängsmarker", ""),
    ],
}
TERM_START = dt.date(2019, 1, 1)  # term of office 2019–2022 (seed 002)
PREVIOUS_TERM = (dt.date(2015, 1, 1), dt.date(2018, 12, 31))

COMMITTEE_PURPOSE = (
    "Syftet med samarbetskommittén är att stärka den kommunala och den regionala utvecklingen som gynnar "
    "Södertörn och dess kommuner. Samverkan syftar också till att kommunledningarna i politik och förvaltning "
    "skall nå sina mål i hemkommunen. I Södertörns samarbetskommitté ingår kommunstyrelseordföranden för var "
    "och en av de åtta Södertörnskommunerna. Kommundirektörerna eller motsvarande deltar vid kommitténs möten."
)
MANAGEMENT_PURPOSE = (
    "Ledningsgruppen består av kommundirektörerna i de åtta kommunerna. Syftet är dels att förbereda "
    "samarbetskommitténs möten och dels att samordna övriga samverkansfrågor mellan Södertörnskommunerna."
)
SECRETARIAT_PURPOSE = (
    "Kommunerna finansierar gemensamt ett sekretariat (kansli) som stöd till kommittén. Kansliet leds av en "
    "utvecklingsledare och stöttas av en administratör. Sekretariatet är placerat hos Huddinge kommun."
)

#: Networks as seeds 003 and 004 list them, by field.
NETWORKS = {
    "Chefsnätverk": [
        "Förhandlingschefer",
        "Informationschefer",
        "IT-chefer",
        "Turistchefer",
        "Exploateringschefer i östra och södra länsdelarna",
        "Ekonomichefer",
        "Upphandlingschefer",
        "Socialchefer",
        "Cheferna för socialjourerna i Stockholms län",
        "Handikappomsorgschefer",
        "Individ- och familjeomsorgschefer",
        "Personalchefer",
        "VA-chefer",
        "Äldreomsorgschefer",
        "Skolchefer",
        "Planeringschefer",
        "Näringslivschefer",
        "Kommunikationschefer",
        "Ekonomidirektörer",
    ],
    "Sociala frågor": [
        "Alkohol- och drogförebyggande arbete",
        "Biståndshandläggare inom LSS och socialpsykiatrin",
        "Elevhälsa",
        "Familjerådgivning",
        "Familjerättsenheterna",
        "Stockholms läns familjehemssamarbete",
        "FoU-byrå med inriktning på individ, familj och socialpsykiatri",
        "Arbetsgrupp mot hedersrelaterat våld",
        "Jämförelsenätverk Individ och familj",
        "Utredarnätverk Individ och familj",
        "MAS-samverkan",
        "Samverkan kring tillsyn",
        "Socialjouren",
        "Södertörnsnätverk för härbärgen",
        "Ungdomskriminalitet",
        "Överförmyndarnämnder",
    ],
    "Miljö, stadsbyggnad och fysisk planering": [
        "Lantmäteri: GIS",
        "Naturvård: Hanvedenprojektet",
        "Planer",
        "Bygglov, juridik",
        "Gator och vägar",
        "Miljö: Tyresån",
        "Mälarens vattenvårdsförbund",
        "Södertörnsekologerna",
        "Åfregruppen",
        "Solgruppen",
        "Törngruppen",
        "VA: Debitering/abonnentingenjörer",
        "VA: Utredarnätverk",
    ],
    "Skola": [
        "Gymnasie- och vuxenutbildning",
        "Gemensam gymnasieregion",
        "Gymnasiesärskola-vuxenutbildning",
        "Rektorsnätverk",
        "Jämförelsenätverk (nyckeltal, alla nivåer)",
        "SYV-nätverk (studievägledning)",
    ],
    "IT": [
        "Gemensam outsourcing av IT-drift",
        "Nätverk för kommuner med outsourcing av IT-driften",
        "Gemensam upphandling av datakommunikation",
        "Gemensam upphandling av IT-infrastruktur",
    ],
    "Kultur": ["Kultur- och fritidsverksamhet för funktionshindrade", "Tåget går"],
    "Äldrefrågor": ["Jämförelsenätverket inom äldreomsorg", "Nestor", "Kravmärkt yrkesroll"],
    "Övrigt": [
        "Arkivarier",
        "BRÅ-Medling",
        "EU-samordnare",
        "Kvalitetsnätverk Södertörn",
        "Service/telefoni/reception",
        "Södertörnsnätverk för beredskap och säkerhet",
        "Upphandlingar av institutioner",
    ],
}
NETWORK_PURPOSES = {
    "Mälarens vattenvårdsförbund": "Förbättrad vattenvård.",
    "Solgruppen": "Samarbete i livsmedelsfrågor.",
    "Törngruppen": "Samarbete i miljöskyddsfrågor.",
    "Södertörnsekologerna": "Södertörnsekologerna bedriver naturvårdsprojekt.",
    "Gemensam upphandling av datakommunikation": "Ett färdigt avtal efter en gemensam upphandling av "
    "datakommunikation finns liksom gemensamt nät som kan utnyttjas bra för samverkan.",
    "Ekonomidirektörer": "Nätverket för ekonomidirektörer arrangerar Temadag för effektiv verksamhetsutveckling.",
    "Informationschefer": "Södertörnskommunernas informationschefer samarbetar. Ett konkret resultat av "
    "samarbetet är en gemensam webbplats som lanserades 2008.",
    "Ungdomskriminalitet": "Södertörnskommunernas socialchefer samarbetar med polis och kriminalvård. En "
    "gemensam policy för att bekämpa ungdomsbrottsligheten tas fram.",
    "Tåget går": "Samverkansprojekt för bibliotek i regionen som marknadsför de olika typerna av bibliotek och "
    "visar att dessa är öppna för alla.",
    "Kravmärkt yrkesroll": "År 2007 startade arbetet med kravmärkt yrkesroll. Har tagit fram ett nationellt "
    "valideringssystem samt utbildningskriterier för undersköterskor och vårdbiträden.",
}
CHEFSNATVERK_PURPOSE = (
    "Chefer i kommunerna på Södertörn träffas kontinuerligt för erfarenhetsutbyte, samsyn, gemensam statistik med mera."
)

PARTNERS = [
    ("Södertörns högskola", "SH", SEED_001),
    ("Kungliga Tekniska högskolan", "KTH", SEED_001),
    ("Karolinska Institutet", "KI", SEED_001),
    ("Stockholms Handelskammare", "", SEED_004),
    ("Företagarna på Södertörn", "", SEED_001),
    # "gemensamma insatser i regionala organ såsom KSL, Stockholms Business Alliance och Mälardalsrådet"
    ("Kommunförbundet Stockholms Län", "KSL", SEED_000),
    ("Stockholm Business Alliance", "", SEED_000),
    ("Mälardalsrådet", "", SEED_000),
    # "en dialog och samarbete med Region Stockholm väldigt viktigt"
    ("Region Stockholm", "", SEED_004),
]

#: Jointly owned organisations (seeds 001 and 003) with the owners the seeds name.
JOINTLY_OWNED = [
    {
        "name": "SYVAB, Sydvästra Stockholmsregionens VA-verksaktiebolag",
        "short": "SYVAB",
        "kind": Organisation.Kind.COMPANY,
        "founded": 1964,
        "purpose": "Driver Himmerfjärdsverket och ansvarar för tunnlar som leder avloppsvatten.",
        "owners": ["Botkyrka", "Nykvarn", "Salem"],
        "owner_orgs": ["Stockholm Vatten AB", "Telge i Södertälje AB"],
    },
    {
        "name": "Södertörns fjärrvärme AB",
        "short": "",
        "kind": Organisation.Kind.COMPANY,
        "founded": 1969,
        "purpose": "Distribuerar i första hand fjärrvärme till kommuninvånarna i Huddinge och Botkyrka.",
        "owners": [],
    },
    {
        "name": "SRV återvinning AB",
        "short": "SRV",
        "kind": Organisation.Kind.COMPANY,
        "founded": 1972,
        "purpose": "Erbjuder miljöriktig avfallshantering.",
        "owners": ["Botkyrka", "Huddinge", "Haninge", "Salem", "Nynäshamn"],
    },
    {
        "name": "Söderenergi AB",
        "short": "Söderenergi",
        "kind": Organisation.Kind.COMPANY,
        "founded": 1982,
        "purpose": "Förser hushåll, industrier, kontor och sjukhus i Huddinge, Botkyrka, Salem och Södertälje "
        "med fjärrvärme.",
        "owners": [],
    },
    {
        "name": "Södertörns brandförsvarsförbund",
        "short": "SBFF",
        "kind": Organisation.Kind.MUNICIPAL_FEDERATION,
        "founded": 1993,
        "purpose": "Ansvarar för räddningstjänsten för boende på Södertörn. Medlemskommunerna lägger också "
        "frågor om explosiva varor hos förbundet.",
        "owners": [],
    },
    {
        "name": "Södertörns miljö- och hälsoskyddsförbund",
        "short": "SMOHF",
        "kind": Organisation.Kind.MUNICIPAL_FEDERATION,
        "founded": 2008,
        "purpose": "Bedriver tillsyn som kommunerna är skyldiga att utföra enligt miljöbalken, livsmedelslagen "
        "och smittskyddslagen. Bildades av Haninge, Nynäshamn och Tyresö och startade sin verksamhet 2008.",
        "owners": ["Haninge", "Nynäshamn", "Tyresö"],
    },
    {
        "name": "Södertörns överförmyndarnämnd",
        "short": "",
        "kind": Organisation.Kind.JOINT_COMMITTEE,
        "founded": 2011,
        "host": "Haninge",
        "purpose": "Gemensam nämnd för överförmyndarverksamheten från och med den 1 januari 2011. Haninge är "
        "värdkommun för nämnden.",
        "owners": ["Botkyrka", "Haninge", "Huddinge", "Nynäshamn", "Tyresö"],
    },
]

DEMO_USERS = [
    # username, role, municipality name or None, network name or None
    ("kansli", StaffRole.Role.SECRETARIAT, None, None),
    ("ledningsgrupp", StaffRole.Role.MANAGEMENT, None, None),
    ("registrator-tyreso", StaffRole.Role.REGISTRAR, "Tyresö", None),
    ("natverk-it", StaffRole.Role.NETWORK_LEAD, None, "IT-chefer"),
    ("natverk-naringsliv", StaffRole.Role.NETWORK_LEAD, None, "Näringslivschefer"),
]
DEMO_PASSWORD = "demo-samverkan"


def upsert(model, lookup: dict, defaults: dict):
    obj, _ = model.objects.update_or_create(**lookup, defaults=defaults)
    return obj


def load_population(cooperation, *, log=print) -> int:
    """The members' population 2000–2014, stored once (organisations.Population) for the budget's fee
    split and the key figures. Test data, not Kolada's. Idempotent."""
    codes = list(cooperation.members.values_list("municipality__code", flat=True))
    have = Population.objects.filter(import_batch=POPULATION_BATCH, municipality__code__in=codes).count()
    if have >= len(codes) * 15:
        return 0
    count = services.population_import_csv(
        actor=SYSTEM,
        text=POPULATION_FILE.read_text(encoding="utf-8"),
        source=POPULATION_SOURCE,
        source_kind=Population.SourceKind.TEST_DATA,
        codes=codes,
        import_batch=POPULATION_BATCH,
    )
    log(f"  befolkning: {count} uppgifter")
    return count


def load(cooperation=None, *, log=print, demo_users: bool = False) -> Cooperation:
    munis = {}
    for code, name in MUNICIPALITIES:
        munis[name] = upsert(Municipality, {"code": code}, {"name": name, "county": COUNTY})
    coop = upsert(
        Cooperation,
        {"slug": "sodertorn"},
        {
            "name": "Södertörnssamarbetet",
            "short_name": "Södertörnssamarbetet",
            "agreement_date": AGREEMENT_DATE,
            "host_municipality": munis["Huddinge"],
            "purpose": "Att stärka den kommunala och den regionala utvecklingen. Det gynnar Södertörn och "
            "därmed våra kommuner. Vår samverkan syftar till att kommunledningarna i politik och förvaltning "
            "ska nå sina mål i hemkommunen.",
            "description": "Södertörnssamarbetet utgörs av de åtta kommunerna på Södertörn (Botkyrka, Haninge, "
            "Huddinge, Nykvarn, Nynäshamn, Salem, Södertälje och Tyresö). Samarbetet styrs av en "
            "samarbetskommitté utifrån ett samarbetsavtal från 2010. Kommundirektörerna utgör ledningsgrupp. "
            "Chefsnätverk ansvarar i sin tur för genomförandet.\n\n" + HISTORY,
            "is_default": True,
        },
    )
    for muni in munis.values():
        # The date each municipality joined is not known: empty, shown as "uppgift saknas".
        CooperationMember.objects.filter(cooperation=coop, municipality=muni, joined=AGREEMENT_DATE).update(joined=None)
        if not CooperationMember.objects.filter(cooperation=coop, municipality=muni).exists():
            CooperationMember.objects.create(cooperation=coop, municipality=muni, joined=None)
    log(f"  {len(munis)} kommuner i {coop}")
    load_population(coop, log=log)

    committee = upsert(
        Body,
        {"cooperation": coop, "slug": "samarbetskommitten"},
        {
            "kind": Body.Kind.COMMITTEE,
            "name": "Södertörns samarbetskommitté",
            "purpose": COMMITTEE_PURPOSE,
            "min_meetings_per_year": 6,
            "field": "Ledning",
        },
    )
    management = upsert(
        Body,
        {"cooperation": coop, "slug": "ledningsgruppen"},
        {
            "kind": Body.Kind.MANAGEMENT_GROUP,
            "name": "Ledningsgruppen",
            "purpose": MANAGEMENT_PURPOSE,
            "min_meetings_per_year": 6,
            "parent": committee,
            "field": "Ledning",
        },
    )
    secretariat = upsert(
        Body,
        {"cooperation": coop, "slug": "kansliet"},
        {
            "kind": Body.Kind.SECRETARIAT,
            "name": "Kansliet (sekretariatet)",
            "purpose": SECRETARIAT_PURPOSE,
            "host_municipality": munis["Huddinge"],
            "parent": committee,
            "field": "Ledning",
        },
    )
    networks = {}
    Body.objects.filter(cooperation=coop, slug="utredarnatverk-miljo-och-stadsbyggnad").delete()  # invented name
    for field, names in NETWORKS.items():
        default = CHEFSNATVERK_PURPOSE if field == "Chefsnätverk" else FIELD_PURPOSES.get(field, "")
        for name in names:
            purpose = NETWORK_PURPOSES.get(name, default)
            networks[name] = upsert(
                Body,
                {"cooperation": coop, "slug": slugify(name)[:100]},
                {
                    "kind": Body.Kind.NETWORK,
                    "name": name,
                    "field": field,
                    "purpose": purpose,
                    "parent": management,
                    "source_ref": SEED_004 if name == "Ekonomidirektörer" else SEED_003,
                },
            )
    for parent_name, groups in SUB_GROUPS.items():
        for name, purpose in groups:
            upsert(
                Body,
                {"cooperation": coop, "slug": slugify(name)[:100]},
                {
                    "kind": Body.Kind.WORKING_GROUP,
                    "name": name,
                    "field": networks[parent_name].field,
                    "purpose": purpose,
                    "parent": networks[parent_name],
                    "source_ref": SEED_003,
                },
            )
    log(f"  {Body.objects.filter(cooperation=coop).count()} organ och nätverk")

    # People: the seeds name few; placeholders are marked as demo data.
    def person(name, title, employer, demo=True):
        return upsert(
            Person,
            {"cooperation": coop, "name": name},
            {"title": title, "employer_municipality": employer, "is_demo": demo},
        )

    def member(p, body, role, muni, start=None, end=None):
        Membership.objects.update_or_create(
            person=p,
            body=body,
            role=role,
            start=start,
            defaults={"municipality": muni, "end": end},
        )

    # The seeds name no chair of the committee: every board chair is a member (placeholders, with no dates:
    # the seeds give none). Earlier demos invented a chair, former members and term dates: removed.
    Person.objects.filter(cooperation=coop, is_demo=True, name__startswith="Tidigare kommunstyrelseordförande").delete()
    Membership.objects.filter(body__cooperation=coop, person__is_demo=True).exclude(start=None).delete()
    Membership.objects.filter(body=committee, role=Membership.Role.CHAIR, person__is_demo=True).delete()
    for _code, name in MUNICIPALITIES:
        muni = munis[name]
        chair = person(f"Kommunstyrelsens ordförande i {name} (platshållare)", "Kommunstyrelsens ordförande", muni)
        member(chair, committee, Membership.Role.MEMBER, muni)
        if name == "Tyresö":
            # Seed 002 (Tyresö, 2019): Stefan Höllmark, kommundirektör.
            ceo = person("Stefan Höllmark", "Kommundirektör", muni, demo=False)
            Person.objects.filter(pk=ceo.pk).update(source_ref=SEED_002)
        else:
            ceo = person(f"Kommundirektör i {name} (platshållare)", "Kommundirektör", muni)
        member(ceo, management, Membership.Role.MEMBER, muni)
        member(ceo, committee, Membership.Role.CO_OPTED, muni)
    lead = person("Utvecklingsledare (platshållare)", "Utvecklingsledare", munis["Huddinge"])
    member(lead, secretariat, Membership.Role.DEVELOPMENT_LEAD, munis["Huddinge"])
    member(lead, committee, Membership.Role.SECRETARY, munis["Huddinge"])
    admin = person("Administratör (platshållare)", "Administratör", munis["Huddinge"])
    member(admin, secretariat, Membership.Role.ADMINISTRATOR, munis["Huddinge"])
    for net_name, muni_name in (
        ("IT-chefer", "Södertälje"),
        ("Näringslivschefer", "Haninge"),
        ("Planeringschefer", "Huddinge"),
        ("Kommunikationschefer", "Botkyrka"),
        ("Ekonomidirektörer", "Nynäshamn"),
    ):
        title = net_name[:-2] if net_name.endswith("er") else net_name  # "IT-chefer" -> "IT-chef"
        p = person(f"Sammankallande för {net_name} (platshållare)", title, munis[muni_name])
        member(p, networks[net_name], Membership.Role.LEAD, munis[muni_name])

    for name, short, source in PARTNERS:
        upsert(
            Organisation,
            {"cooperation": coop, "slug": slugify(name)},
            {"kind": Organisation.Kind.PARTNER, "name": name, "short_name": short, "source_ref": source},
        )
    for name, description in EU_PROJECTS:
        upsert(
            JointArrangement,
            {"cooperation": coop, "slug": slugify(name)},
            {
                "kind": JointArrangement.Kind.EU_PROJECT,
                "name": name,
                "description": description,
                "source_ref": SEED_003,
            },
        )
    for spec in JOINTLY_OWNED:
        org = upsert(
            Organisation,
            {"cooperation": coop, "slug": slugify(spec["short"] or spec["name"])},
            {
                "kind": spec["kind"],
                "name": spec["name"],
                "short_name": spec["short"],
                "founded_year": spec["founded"],
                "purpose": spec["purpose"],
                "source_ref": SEED_003,
                "host_municipality": munis.get(spec.get("host")) if spec.get("host") else None,
            },
        )
        for owner in spec["owners"]:
            Ownership.objects.get_or_create(organisation=org, owner_municipality=munis[owner])
        for owner_name in spec.get("owner_orgs", []):
            # A co-owner of SYVAB (seed 003), not an organisation the municipalities own jointly.
            owner_org = upsert(
                Organisation,
                {"cooperation": coop, "slug": slugify(owner_name)},
                {"kind": Organisation.Kind.OTHER, "name": owner_name, "source_ref": SEED_003},
            )
            Ownership.objects.get_or_create(organisation=org, owner_organisation=owner_org)
    log(f"  {Organisation.objects.filter(cooperation=coop).count()} organisationer")

    if demo_users:
        User = get_user_model()
        for username, role, muni_name, net_name in DEMO_USERS:
            user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            StaffRole.objects.get_or_create(
                user=user,
                cooperation=coop,
                role=role,
                municipality=munis.get(muni_name) if muni_name else None,
                body=networks.get(net_name) if net_name else None,
            )
        log(f"  demoanvändare: {', '.join(u[0] for u in DEMO_USERS)} (lösenord {DEMO_PASSWORD})")
    return coop
