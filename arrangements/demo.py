"""Demo data of the arrangements app, from the seeds only (names and facts as they state them; anything
they do not state stays empty and reads "uppgift saknas").

- Seed 001 (§ 2): Botkyrka, Haninge, Huddinge, Nynäshamn and Tyresö cooperate on guardianship through
  Södertörns överförmyndarnämnd from 1 January 2011, Haninge the host municipality; more municipalities can
  join ("fler kommuner kan ingå i nämnden"): the other member municipalities are marked "may join".
- Seed 002: the committee's cooperation agreement (samarbetsavtal) of 2010-08-18.
- Seed 003 (IT): a joint procurement of data communication with a finished contract, and a joint procurement
  of IT infrastructure (neither period, value nor participants stated).
The jointly owned organisations and the seven EU projects are loaded by the organisation register's demo.
"""

from __future__ import annotations

import datetime as dt

from django.utils.text import slugify

from arrangements.models import Agreement, AgreementVersion, Procurement
from organisations.models import JointArrangement, Organisation, Participation

SEED_001 = "seed 001"
SEED_002 = "seed 002"
SEED_003 = "seed 003"


def _arrangement(coop, name, kind, source, **fields):
    obj, _ = JointArrangement.objects.update_or_create(
        cooperation=coop,
        slug=slugify(name)[:100],
        defaults={"name": name, "kind": kind, "source_ref": source, **fields},
    )
    return obj


def load(cooperation, *, log=print):
    members = {m.name: m for m in cooperation.current_members()}
    if "Haninge" not in members:  # not the Södertörn demo
        return
    guardianship = Organisation.objects.filter(cooperation=cooperation, name="Södertörns överförmyndarnämnd").first()
    a = _arrangement(
        cooperation,
        "Avtal om Södertörns överförmyndarnämnd",
        JointArrangement.Kind.AGREEMENT,
        SEED_001,
        description="Samverkan om överförmyndarverksamheten genom gemensam nämnd; Haninge är värdkommun.",
        lead_municipality=members["Haninge"],
        start_year=2011,
    )
    agreement, _ = Agreement.objects.update_or_create(
        arrangement=a, defaults={"agreement_type": Agreement.Type.JOINT_COMMITTEE, "organisation": guardianship}
    )
    parties = ["Botkyrka", "Huddinge", "Nynäshamn", "Tyresö"]
    for name, muni in members.items():
        if name == "Haninge":
            continue
        role = Participation.Role.PARTY if name in parties else Participation.Role.MAY_JOIN
        Participation.objects.update_or_create(arrangement=a, municipality=muni, defaults={"role": role})
    AgreementVersion.objects.get_or_create(
        agreement=agreement,
        number=1,
        defaults={"title": "Avtal från 1 januari 2011", "valid_from": dt.date(2011, 1, 1), "documented_in_force": True},
    )

    b = _arrangement(
        cooperation,
        "Samarbetsavtal för Södertörns samarbetskommitté",
        JointArrangement.Kind.AGREEMENT,
        SEED_002,
        start_year=2010,
    )
    coop_agreement, _ = Agreement.objects.update_or_create(
        arrangement=b, defaults={"agreement_type": Agreement.Type.COOPERATION}
    )
    for muni in members.values():
        Participation.objects.update_or_create(
            arrangement=b, municipality=muni, defaults={"role": Participation.Role.PARTY}
        )
    AgreementVersion.objects.get_or_create(
        agreement=coop_agreement,
        number=1,
        defaults={
            "title": "Samarbetsavtal 2010-08-18",
            "valid_from": dt.date(2010, 8, 18),
            "documented_in_force": True,
        },
    )

    for name, subject, status in (
        ("Gemensam upphandling av datakommunikation", "Datakommunikation", Procurement.Status.CONTRACTED),
        ("Gemensam upphandling av IT-infrastruktur", "IT-infrastruktur", Procurement.Status.UNKNOWN),
    ):
        p = _arrangement(cooperation, name, JointArrangement.Kind.PROCUREMENT, SEED_003)
        Procurement.objects.update_or_create(arrangement=p, defaults={"subject": subject, "status": status})
    log(f"  {JointArrangement.objects.filter(cooperation=cooperation).count()} gemensamma arrangemang")
