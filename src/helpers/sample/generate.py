"""The shipped synthetic sample dataset (`data/sample/`), generated from a seed.

`generate_sample(out, seed)` writes a complete dataset in the formats of the real
R4V and OCHA FTS files (see `shared/spec/DATA.md`): 5W activity rows in two header
dialects, the indicator, partner, target and requirement references, two FTS API
pages, situation indicators and narratives. The same seed always gives the same
bytes, so the committed sample can be regenerated exactly.

The numbers are invented. The country-level plan below is fixed so that the
regional headline has the order of the real RMRP 2023 chapter (about 26.2K people
reached, 78.8 % of target, 11 reporting partners, 18 implementing partners of which
3 refugee- and migrant-led, 5 donors); the seed only decides how those totals are
spread over partners, places, months and breakdowns, and the funding amounts.

The data is deliberately messy the way real exports are: breakdowns that do not
add up (some fractional), mojibake in activity names, Spanish country names and
`Curacao` without cedilla, organisation names with stray case and spaces or given
by acronym or Spanish/Portuguese name, an indicator text with stray whitespace, an
unknown indicator, rows of another sector, small counts, a pledge, a shared flow,
an internal flow and multi-country flows.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from ..core.geography import COUNTRIES, REGIONAL

__all__ = ["generate_sample", "SAMPLE_FILES"]

HTS = "Protection (Human Trafficking and Smuggling)"
GENERAL = "Protection (General)"

# Real RMRP 2023-2024 indicator texts (public reference: indicators_2023_2024.csv).
HT1 = (
    "# of individuals working with refugees and migrants trained on the prevention, "
    "identification, assistance, protection, and prosecution of human trafficking and "
    "smuggling of migrants"
)
HT2 = (
    "# of national, subnational, and/or regional institutional mechanisms supported and/or "
    "created for the prevention, identification, protection, assistance, integration and/or "
    "persecution of human trafficking and migrant smuggling"
)
HT3 = (
    "# of refugees and migrants who received assistance and protection services for victims "
    "or at risk of human trafficking and persons subject to smuggling"
)
PR1 = (
    "# of refugees and migrants who received protection-related assistance and specialized services"
)
PR2 = "# of people trained to strengthen the protection environment"
PR4 = (
    "# of protection studies, reports, analysis and assessments produced/disseminated by "
    "sector members to improve the protection response"
)
UNKNOWN_INDICATOR = "# of victims of trafficking referred to specialised shelters and safe houses"
"""An HTS indicator text that is in no reference list: a data-quality finding."""

INDICATORS = [
    ("RE-PR1", GENERAL, PR1, "Direct Assistance"),
    ("RE-PR2", GENERAL, PR2, "Capacity building"),
    ("RE-PR4", GENERAL, PR4, "Mechanism/Advocacy"),
    ("RE-PRHT1", HTS, HT1, "Capacity Building"),
    ("RE-PRHT2", HTS, HT2, "Mechanism/Advocacy"),
    ("RE-PRHT3", HTS, HT3, "Direct Assistance"),
]
INDICATORS_ES = {
    "RE-PR1": (
        "# de personas refugiadas y migrantes que recibieron asistencia relacionada con la "
        "protección y servicios especializados",
        "Asistencia directa",
    ),
    "RE-PR2": (
        "# de personas capacitadas para fortalecer el entorno de protección",
        "Capacitaciones",
    ),
    "RE-PR4": (
        "# de estudios, informes, análisis y evaluaciones de protección elaborados/difundidos "
        "por miembros del sector para mejorar la respuesta de protección",
        "Mecanismo/Abogacía",
    ),
    "RE-PRHT1": (
        "# de personas que trabajan con personas refugiadas y migrantes capacitadas en la "
        "prevención, identificación, asistencia, protección y persecución de la trata de "
        "personas y el tráfico ilícito de migrantes",
        None,
    ),
    "RE-PRHT2": (None, "Mecanismo/Abogacía"),
    "RE-PRHT3": (
        "# de personas refugiadas y migrantes que recibieron servicios de asistencia y "
        "protección para víctimas o personas en riesgo de trata y personas objeto de tráfico "
        "ilícito de migrantes",
        "Asistencia directa",
    ),
}
"""The list's Spanish columns (`Indicador (SP)`, `Tipo de indicador`), by code. Two cells
are left blank on purpose, as real lists sometimes do: RE-PRHT2's name (Spanish pages print
the English, marked `lang="en"`) and RE-PRHT1's type (they print the catalogue's)."""

EXPORT_HEADERS = [
    "Country",
    "Country Admin1",
    "Admin2",
    "Appealing organisation Name",
    "Implementation Set up",
    "Implementing partner Name",
    "Month",
    "Indicator Sector",
    "Indicator",
    "Activity Name",
    "Activity Description",
    "RMRP Activity",
    "CVA",
    "Value (in USD)",
    "Delivery mechanism",
    "Quantity of output",
    "Total monthly beneficiaries",
    "New beneficiaries of the month",
    "Refugees and Migrants IN DESTINATION",
    "Refugees and Migrants IN TRANSIT",
    "Host Communities Beneficiaries",
    "Refugees and Migrants PENDULARS",
    "Colombian Returnees",
    "Women under 18",
    "Men under 18",
    "Women above 18",
    "Men above 18",
    "Other under 18",
    "Other above 18",
]
"""ActivityInfo 5W export headers (activities.csv)."""

R_HEADERS = [
    "Country",
    "Admin1",
    "Admin2",
    "Appealing_org",
    "Implementation",
    "Implementing_partner",
    "Month",
    "Subsector",
    "Indicator",
    "Activity_Name",
    "Activity_Description",
    "RMRPActivity",
    "CVA",
    "Value",
    "Delivery_mechanism",
    "Quantity_output",
    "Total_monthly",
    "New_beneficiaries",
    "IN_DESTINATION",
    "IN_TRANSIT",
    "Host_Communities",
    "PENDULARS",
    "Returnees",
    "Girls",
    "Boys",
    "Women",
    "Men",
    "Other_under",
    "Other_above",
]
"""R-renamed headers of the real 2023 sample (activities_southern_cone.xlsx), same order."""

SOUTHERN_CONE = ("ARG", "BOL", "PRY", "URY")
POP_TYPES = ("dest", "transit", "host", "pend", "ret")
POP_LABELS = {
    "dest": "In destination",
    "transit": "In transit",
    "host": "Host community",
    "pend": "Pendular",
    "ret": "Colombian returnees",
}
AGE_GENDER = ("girls", "boys", "women", "men", "other_u", "other_a")
AGE_GENDER_SHARES = np.array([0.17, 0.12, 0.43, 0.24, 0.02, 0.02])
MONTHS = [f"2023-{m:02d}" for m in range(1, 13)]
FIXED_TIME = datetime(2024, 2, 15, 0, 0, 0)

SAMPLE_FILES = (
    "dataset.yaml",
    "activities.csv",
    "activities_southern_cone.xlsx",
    "indicators.csv",
    "partners.csv",
    "targets.csv",
    "requirements.csv",
    "fts/page-1.json",
    "fts/page-2.json",
    "situation.csv",
    "narratives/region.md",
    "narratives/caribbean.md",
    "narratives/central-america-mexico.md",
    "narratives/southern-cone.md",
    "narratives/COL.md",
    "narratives/PER.md",
    "narratives/MEX.md",
    "narratives/es/region.md",
    "narratives/es/caribbean.md",
    "narratives/es/central-america-mexico.md",
    "narratives/es/southern-cone.md",
    "narratives/es/COL.md",
    "narratives/es/PER.md",
    "narratives/es/MEX.md",
    "narratives/pt/region.md",
    "narratives/pt/caribbean.md",
    "narratives/pt/central-america-mexico.md",
    "narratives/pt/southern-cone.md",
    "narratives/pt/COL.md",
    "narratives/pt/PER.md",
    "narratives/pt/MEX.md",
)

# --------------------------------------------------------------------------- partners


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    nombre: str
    nome: str
    acronym: str
    type: str
    rm_led: bool = False


# Fictional organisations, except the UN agencies. Keys are internal only.
ORGS = {
    o.key: o
    for o in [
        Org(
            "IOM",
            "International Organization for Migration (IOM)",
            "Organización Internacional para las Migraciones (OIM)",
            "Organização Internacional para as Migrações (OIM)",
            "IOM",
            "UN",
        ),
        Org(
            "UNHCR",
            "United Nations High Commissioner for Refugees (UNHCR)",
            "Alto Comisionado de las Naciones Unidas para los Refugiados (ACNUR)",
            "Alto Comissariado das Nações Unidas para Refugiados (ACNUR)",
            "UNHCR",
            "UN",
        ),
        Org(
            "UNICEF",
            "United Nations Children's Fund (UNICEF)",
            "Fondo de las Naciones Unidas para la Infancia (UNICEF)",
            "Fundo das Nações Unidas para a Infância (UNICEF)",
            "UNICEF",
            "UN",
        ),
        Org(
            "UNODC",
            "United Nations Office on Drugs and Crime (UNODC)",
            "Oficina de las Naciones Unidas contra la Droga y el Delito (UNODC)",
            "Escritório das Nações Unidas sobre Drogas e Crime (UNODC)",
            "UNODC",
            "UN",
        ),
        Org(
            "UNFPA",
            "United Nations Population Fund (UNFPA)",
            "Fondo de Población de las Naciones Unidas (UNFPA)",
            "",
            "UNFPA",
            "UN",
        ),
        Org("ARA", "Andean Rights Alliance", "Alianza Andina por los Derechos", "", "ARA", "INGO"),
        Org(
            "SRI",
            "Safe Routes International",
            "Rutas Seguras Internacional",
            "Rotas Seguras Internacional",
            "SRI",
            "INGO",
        ),
        Org("FPS", "Fundación Puente Seguro", "Fundación Puente Seguro", "", "FPS", "NNGO"),
        Org("CSN", "Caribbean Shelter Network", "Red Caribeña de Albergues", "", "CSN", "NNGO"),
        Org(
            "HL",
            "Corporación Horizonte Libre",
            "Corporación Horizonte Libre",
            "",
            "Horizonte Libre",
            "NNGO",
        ),
        Org(
            "SCLA",
            "Southern Cone Legal Aid Association",
            "Asociación de Asistencia Legal del Cono Sur",
            "Associação de Assistência Jurídica do Cone Sul",
            "SCLA",
            "NNGO",
        ),
        Org(
            "MPN",
            "Mesoamerican Protection Network",
            "Red Mesoamericana de Protección",
            "",
            "MPN",
            "Civil Society",
        ),
        Org(
            "RMT",
            "Tepuy Migrant Network",
            "Red de Migrantes Tepuy",
            "",
            "RMT",
            "Civil Society",
            True,
        ),
        Org(
            "CLM",
            "Llanero Migrant Collective",
            "Colectivo Llanero Migrante",
            "",
            "CLM",
            "Civil Society",
            True,
        ),
        Org(
            "AMV",
            "Morichal Association of Venezuelans",
            "Asociación Morichal de Venezolanos",
            "Associação Morichal de Venezuelanos",
            "AMV",
            "NNGO",
            True,
        ),
        Org(
            "CJPA",
            "Open Door Legal Clinic",
            "Clínica Jurídica Puerta Abierta",
            "",
            "CJPA",
            "Academic",
        ),
        Org(
            "APN",
            "North Bridge Association",
            "Asociación Puente Norte",
            "Associação Ponte Norte",
            "APN",
            "NNGO",
        ),
        Org(
            "CRA",
            "Alborada Shelter House",
            "Casa Refugio Alborada",
            "",
            "CRA",
            "Faith Based Organizations",
        ),
        Org(
            "CSHF",
            "Caribbean Safe Harbour Foundation",
            "Fundación Puerto Seguro del Caribe",
            "",
            "CSHF",
            "NNGO",
        ),
        Org(
            "FBS",
            "Southern Compass Foundation",
            "Fundación Brújula del Sur",
            "Fundação Bússola do Sul",
            "FBS",
            "NNGO",
        ),
        # Only in Protection (General) rows: must not count in the HTS chapter.
        Org(
            "COM",
            "Orinoco Community in Motion",
            "Comunidad Orinoco en Movimiento",
            "",
            "COM",
            "Civil Society",
            True,
        ),
        # In the reference, in no row.
        Org(
            "AFR",
            "Amazon Frontier Relief",
            "Socorro Frontera Amazónica",
            "Socorro Fronteira Amazônica",
            "AFR",
            "INGO",
        ),
    ]
}

# Organisation names as partners type them: (country, role, org, spelling, every k-th row).
# Each resolves to the same organisation through partners.csv (trim, case-fold, accents kept).
NAME_VARIANTS = [
    ("ECU", "appealing", "IOM", "  iom ", 3),
    ("PAN", "appealing", "IOM", "IOM", 1),
    ("PER", "appealing", "IOM", "Organización Internacional para las Migraciones (OIM)", 2),
    ("ARG", "appealing", "IOM", "Organización Internacional para las Migraciones (OIM)", 1),
    ("MEX", "appealing", "UNHCR", "UNHCR", 2),
    ("COL", "appealing", "ARA", "ANDEAN RIGHTS ALLIANCE", 2),
    ("BOL", "appealing", "ARA", "Alianza Andina por los Derechos", 1),
    ("URY", "appealing", "SCLA", "Asociación de Asistencia Legal del Cono Sur", 1),
    ("DOM", "appealing", "CSN", "Red Caribeña de Albergues", 2),
    ("COL", "implementing", "FPS", "fundación puente seguro ", 2),
    ("PER", "implementing", "RMT", "RMT", 1),
    ("BRA", "implementing", "APN", "Associação Ponte Norte", 1),
    ("CHL", "implementing", "AMV", "asociación morichal de venezolanos", 1),
]

# --------------------------------------------------------------------------- country plan


@dataclass
class Plan:
    """Fixed figures for one country; the seed spreads them over rows."""

    reached_ex_transit: int  # Σ new beneficiaries − Σ in transit, Direct Assistance rows
    in_transit: int
    target_ex_transit: int  # Σ targets of all population types except In transit
    transit_target: int
    shares: tuple[float, float, float, float]  # destination, host, pendular, returnees
    fixed: dict[str, int] = field(default_factory=dict)  # exact totals for small cells
    admin1: tuple[str, ...] = ()
    direct: tuple[tuple[str, str | None], ...] = ()  # (appealing, implementing or None)
    training: tuple[tuple[str, str | None], ...] = ()
    mechanism: tuple[tuple[str, str | None], ...] = ()
    small_row: bool = False  # add one Direct Assistance row of 1 to 4 people
    funding: tuple[tuple[str, str, int], ...] = ()  # (donor, recipient, base USD)
    requirement: int = 0
    language: str = "es"


_DEFAULT_SHARES = (0.84, 0.16, 0.0, 0.0)

# fmt: off
PLANS: dict[str, Plan] = {
    "COL": Plan(
        7700, 1300, 9500, 2000, (0.60, 0.14, 0.13, 0.13), {},
        ("Norte de Santander", "La Guajira", "Bogotá D.C.", "Nariño", "Antioquia", "Arauca"),
        (("IOM", None), ("UNHCR", None), ("UNICEF", None), ("FPS", None), ("ARA", "RMT"),
         ("UNODC", "CJPA"), ("UNODC", "FPS"), ("SRI", None), ("ARA", None)),
        (("UNODC", "FPS"), ("IOM", None)),
        (("IOM", None), ("ARA", None)),
        funding=(("USA", "IOM", 420_000), ("ECHO", "UNHCR", 250_000), ("CAN", "FPS", 150_000)),
        requirement=3_900_000,
    ),
    "PER": Plan(
        4545, 600, 5649, 900, (0.82, 0.13, 0.02, 0.03), {},
        ("Lima", "Tumbes", "Tacna", "La Libertad", "Arequipa", "Callao"),
        (("IOM", None), ("IOM", "RMT"), ("UNHCR", None), ("UNICEF", None), ("ARA", None),
         ("HL", None), ("UNODC", "CJPA")),
        (("UNODC", "CJPA"), ("HL", None)),
        (("UNHCR", None),),
        funding=(("CAN", "UNODC", 260_000), ("ESP", "ARA", 150_000)),
        requirement=2_600_000,
    ),
    "ECU": Plan(
        3400, 900, 4300, 1500, (0.76, 0.14, 0.05, 0.05), {},
        ("Pichincha", "Carchi", "El Oro", "Guayas", "Sucumbios"),
        (("IOM", None), ("UNHCR", None), ("ARA", None), ("ARA", "CLM"), ("UNODC", "CLM")),
        (("IOM", None),),
        (("ARA", None),),
        funding=(("USA", "IOM", 240_000), ("CHE", "ARA", 125_000)),
        requirement=2_100_000,
    ),
    "BRA": Plan(
        2600, 150, 3000, 400, (0.80, 0.17, 0.03, 0.0), {},
        ("Roraima", "Amazonas", "São Paulo", "Paraná"),
        (("IOM", None), ("UNHCR", "APN"), ("UNICEF", None)),
        (("UNHCR", None),),
        (("IOM", None),),
        funding=(("CAN", "UNHCR", 150_000),),
        requirement=1_400_000,
        language="pt",
    ),
    "CHL": Plan(
        1700, 350, 2300, 600, _DEFAULT_SHARES, {"ret": 3},
        ("Metropolitana", "Tarapacá", "Arica y Parinacota", "Antofagasta"),
        (("IOM", None), ("HL", None), ("HL", "AMV"), ("UNHCR", None)),
        (("HL", None),),
        (),
        small_row=True,
        funding=(("CHE", "HL", 95_000),),
        requirement=900_000,
    ),
    "MEX": Plan(
        2200, 1800, 2500, 2500, _DEFAULT_SHARES, {"ret": 1},
        ("Chiapas", "Ciudad de México", "Baja California", "Nuevo León", "Tabasco"),
        (("IOM", None), ("UNHCR", None), ("MPN", None), ("SRI", None), ("UNODC", "CRA")),
        (("UNODC", "CRA"),),
        (("MPN", None),),
        funding=(("USA", "IOM", 380_000), ("ESP", "MPN", 160_000)),
        requirement=1_800_000,
    ),
    "PAN": Plan(
        350, 2400, 600, 3000, _DEFAULT_SHARES, {},
        ("Panama",),
        (("IOM", None), ("SRI", None), ("UNHCR", "CRA")),
        (("IOM", None),),
        (),
        funding=(("USA", "SRI", 230_000),),
        requirement=1_100_000,
    ),
    "CRI": Plan(
        420, 300, 500, 400, _DEFAULT_SHARES, {"ret": 2},
        ("Costa Rica",),
        (("MPN", None), ("UNHCR", None), ("SRI", None)),
        (),
        (("IOM", None),),
        small_row=True,
        funding=(("ESP", "SRI", 60_000),),
        requirement=350_000,
    ),
    "DOM": Plan(
        780, 0, 1000, 0, _DEFAULT_SHARES, {},
        ("Dominican Republic",),
        (("IOM", None), ("CSN", None), ("CSN", "CRA")),
        (("IOM", None),),
        (),
        small_row=True,
        funding=(("ECHO", "CSN", 85_000),),
        requirement=420_000,
    ),
    "TTO": Plan(
        610, 0, 800, 0, _DEFAULT_SHARES, {"pend": 2},
        ("Trinidad and Tobago",),
        (("CSN", None), ("UNHCR", None), ("IOM", "CSHF")),
        (),
        (("IOM", None),),
        small_row=True,
        funding=(("CAN", "IOM", 120_000),),
        requirement=380_000,
        language="en",
    ),
    "GUY": Plan(
        330, 0, 300, 0, _DEFAULT_SHARES, {"pend": 4},
        ("Guyana",),
        (("UNICEF", None), ("CSN", None)),
        (("IOM", None),),
        (),
        small_row=True,
        requirement=260_000,
        language="en",
    ),
    "ABW": Plan(
        45, 0, 150, 0, _DEFAULT_SHARES, {"host": 3},
        ("Aruba",),
        (("CSN", "CSHF"), ("IOM", None)),
        (),
        (),
        small_row=True,
        requirement=120_000,
        language="en",
    ),
    "CUW": Plan(
        0, 0, 200, 0, _DEFAULT_SHARES, {},
        ("Curaçao",),
        (),
        (("IOM", "CSHF"),),
        (("CSN", None),),
        funding=(("ECHO", "CSN", 45_000),),
        requirement=150_000,
        language="en",
    ),
    "ARG": Plan(
        900, 0, 1200, 0, _DEFAULT_SHARES, {},
        ("Buenos Aires", "Ciudad Autonoma de Buenos Aires", "Mendoza"),
        (("IOM", None), ("SCLA", None), ("SCLA", "AMV")),
        (("IOM", None),),
        (),
        funding=(("ESP", "SCLA", 70_000),),
        requirement=500_000,
    ),
    "BOL": Plan(
        320, 60, 800, 150, _DEFAULT_SHARES, {"ret": 3},
        ("La Paz", "Oruro", "Santa Cruz"),
        (("ARA", None), ("SCLA", "FBS"), ("IOM", None)),
        (),
        (("IOM", None),),
        small_row=True,
        requirement=300_000,
    ),
    "PRY": Plan(
        140, 0, 250, 0, _DEFAULT_SHARES, {"host": 2},
        ("Asunción", "Central"),
        (("SCLA", "FBS"), ("IOM", None)),
        (("SCLA", None),),
        (),
        small_row=True,
        requirement=180_000,
    ),
    "URY": Plan(
        160, 0, 200, 0, _DEFAULT_SHARES, {"host": 4},
        ("Montevideo", "Rivera"),
        (("SCLA", None), ("IOM", "FBS")),
        (),
        (("SCLA", None),),
        small_row=True,
        requirement=150_000,
    ),
}
# fmt: on

# Regional-level activities (Country = Regional): shown in their own block, never in a
# platform, never in the 17-country total.
REGIONAL_DIRECT = {"dest": 55, "transit": 24, "host": 4}  # 83 people, the regional mechanism
REGIONAL_TRAINING = (("SRI", None), ("UNODC", "CJPA"))
REGIONAL_MECHANISM = (("IOM", None), ("UNODC", "ARA"))

# Country spellings in the Country column (default: the English name).
COUNTRY_SPELLINGS = {
    "PER": ("Peru", "Perú", "Peru"),  # cycled over the rows
    "DOM": ("Dominican Republic", "República Dominicana"),
    "CUW": ("Curacao",),
}

# --------------------------------------------------------------------------- funding

DONORS = {
    "USA": ("United States of America, Government of", "United States", "Government"),
    "ECHO": (
        "European Commission's Humanitarian Aid and Civil Protection Department",
        "Belgium",
        "Multilateral Organization",
    ),
    "CAN": ("Canada, Government of", "Canada", "Government"),
    "ESP": ("Spain, Government of", "Spain", "Government"),
    "CHE": ("Switzerland, Government of", "Switzerland", "Government"),
    "DEU": ("Germany, Government of", "Germany", "Government"),
    "NOR": ("Norway, Government of", "Norway", "Government"),
    "JPN": ("Japan, Government of", "Japan", "Government"),
}
FTS_RECIPIENTS = {
    "IOM": ("International Organization for Migration", "UN agency"),
    "UNHCR": ("United Nations High Commissioner for Refugees", "UN agency"),
    "UNICEF": ("United Nations Children's Fund", "UN agency"),
    "UNODC": ("United Nations Office on Drugs and Crime", "UN agency"),
    "WFP": ("World Food Programme", "UN agency"),
    "ARA": ("Andean Rights Alliance", "NGO"),
    "SRI": ("Safe Routes International", "NGO"),
    "FPS": ("Fundación Puente Seguro", "NGO"),
    "CSN": ("Caribbean Shelter Network", "NGO"),
    "HL": ("Corporación Horizonte Libre", "NGO"),
    "SCLA": ("Southern Cone Legal Aid Association", "NGO"),
    "MPN": ("Mesoamerican Protection Network", "NGO"),
}
# FTS spells locations as the UN does: our names, but Bolivia's official one.
FTS_LOCATION_NAMES = {
    **{iso3: c.name for iso3, c in COUNTRIES.items()},
    "BOL": "Bolivia (Plurinational State of)",
}
HTS_CLUSTER = ("Human Trafficking & Smuggling", "Protection")  # (Cluster, GlobalCluster)
CLUSTER_IDS = {  # FTS object ids (invented): plan clusters 118xx, global clusters 1-20
    "Human Trafficking & Smuggling": "11851",
    "Child Protection": "11849",
    "Food Security": "11844",
    "Protection": "11848",
}
GLOBAL_CLUSTER_IDS = {"Protection": "10", "Food Security": "4"}
PLAN_NAME = "Venezuela Regional Refugee and Migrant Response Plan 2023"

# --------------------------------------------------------------------------- texts

ACTIVITY_TEXTS = {
    ("direct", "es"): [
        ("Asistencia legal a víctimas de trata", "Orientación jurídica y acompañamiento"),
        ("Apoyo psicosocial a sobrevivientes de trata", "Sesiones individuales y grupales"),
        ("Alojamiento temporal seguro", "Albergue para víctimas y personas en riesgo"),
        ("Identificación y referencia de casos", "Referencia a servicios especializados"),
        ("Atención médica a víctimas de trata", "Atención primaria y derivación"),
    ],
    ("direct", "pt"): [
        ("Assistência jurídica a vítimas de tráfico", "Orientação jurídica"),
        ("Apoio psicossocial a sobreviventes", "Atendimento individual"),
        ("Abrigo temporário seguro", "Acolhimento de vítimas e pessoas em risco"),
    ],
    ("direct", "en"): [
        ("Case management for survivors of trafficking", "Individual case management"),
        ("Safe shelter for victims and persons at risk", "Temporary safe accommodation"),
        ("Legal counselling on smuggling and trafficking", "Legal advice sessions"),
    ],
    ("training", "es"): [
        ("Capacitación a funcionarios en identificación de víctimas", "Talleres presenciales"),
        ("Formación a organizaciones de sociedad civil", "Curso sobre trata y tráfico"),
    ],
    ("training", "pt"): [
        ("Capacitação de servidores públicos", "Oficinas sobre tráfico de pessoas"),
    ],
    ("training", "en"): [
        ("Training of frontline officials on victim identification", "Workshops"),
    ],
    ("mechanism", "es"): [
        ("Fortalecimiento de la mesa interinstitucional contra la trata", "Asistencia técnica"),
        ("Apoyo a la ruta de atención a víctimas", "Revisión de protocolos"),
    ],
    ("mechanism", "pt"): [
        ("Apoio ao comitê estadual de enfrentamento ao tráfico", "Assistência técnica"),
    ],
    ("mechanism", "en"): [
        ("Support to the national counter-trafficking task force", "Technical assistance"),
    ],
}
# Mojibake as in the real 2023 sample (UTF-8 read as Latin-1/cp1252).
MOJIBAKE_ACTIVITIES = [
    ("Apoyo para la naturalizaciÃ³n y regularizaciÃ³n migratoria", "Entrega de apoyo"),
    ("AtenciÃ³n psicosocial y orientaciÃ³n legal", "AtenciÃ³n individual"),
]
MOJIBAKE_ROWS = {"MEX": 2, "PER": 2, "COL": 1, "ARG": 1}
DELIVERY = ["Cash in hand", "Other electronic cash mechanisms", "Bank transfer"]

# --------------------------------------------------------------------------- helpers


def apportion(total: float, weights: np.ndarray) -> np.ndarray:
    """Split an integer total over weights (largest remainder); the parts sum to it."""
    total = int(round(total))
    w = np.asarray(weights, dtype=float)
    if total <= 0 or w.sum() <= 0:
        return np.zeros(len(w), dtype=int)
    quotas = total * w / w.sum()
    parts = np.floor(quotas).astype(int)
    short = total - int(parts.sum())
    order = np.argsort(-(quotas - parts), kind="stable")
    parts[order[:short]] += 1
    return parts


def _cell(value: object) -> object:
    """Numbers as ints where whole, None stays empty."""
    if value is None:
        return None
    if isinstance(value, (float, np.floating)):
        v = float(value)
        return int(v) if v.is_integer() else round(v, 2)
    if isinstance(value, (int, np.integer)):
        return int(value)
    return value


def _csv_text(header: list[str], rows: list[list[object]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else _cell(v) for v in row])
    return buf.getvalue()


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def _write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> None:
    """One-sheet workbook with fixed properties and zip timestamps: byte-identical."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(header)
    for row in rows:
        ws.append([_cell(v) for v in row])
    wb.properties.creator = "helpers.sample"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    # ExcelWriter (unlike Workbook.save) keeps our `modified`.
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


# --------------------------------------------------------------------------- activities


@dataclass
class Row:
    iso3: str
    admin1: str
    appealing: str  # org key
    implementing: str | None  # org key; None → set-up No
    month: str
    sector: str
    indicator: str
    kind: str  # direct / training / mechanism
    activity: str = ""
    description: str = ""
    cva: str = "No"
    value: object = None
    delivery: object = None
    quantity: object = None
    total: object = None
    new: object = None
    pop: dict[str, float] = field(default_factory=dict)
    ag: dict[str, float] = field(default_factory=dict)
    country_text: str = ""
    appealing_text: str = ""
    implementing_text: str = ""

    def values(self) -> list[object]:
        def num(d: dict[str, float], k: str) -> object:
            return d.get(k) if d else None

        return [
            self.country_text,
            self.admin1 or None,
            None,
            self.appealing_text,
            "No" if self.implementing is None else "Yes",
            self.implementing_text or None,
            self.month,
            self.sector,
            self.indicator,
            self.activity,
            self.description,
            "Yes",
            self.cva,
            self.value,
            self.delivery,
            self.quantity,
            self.total,
            self.new,
            *[num(self.pop, k) for k in POP_TYPES],
            *[num(self.ag, k) for k in AGE_GENDER],
        ]


def _row(iso3, admin1, setup, month, indicator, kind, texts, sector=HTS, **numbers) -> Row:
    appealing, implementing = setup
    activity, description = texts
    return Row(
        iso3=iso3,
        admin1=admin1,
        appealing=appealing,
        implementing=implementing,
        month=month,
        sector=sector,
        indicator=indicator,
        kind=kind,
        activity=activity,
        description=description,
        **numbers,
    )


def _slots(rng, setups, admin1, n):
    """n distinct (setup, admin1, month) combinations, every setup first, in random order."""
    combos = [(s, a, m) for s in range(len(setups)) for a in admin1 for m in MONTHS]
    order = np.argsort(rng.random(len(combos)), kind="stable")
    chosen, seen = [], set()
    for i in order:
        if combos[i][0] not in seen:
            chosen.append(combos[i])
            seen.add(combos[i][0])
    for i in order:
        if len(chosen) >= n:
            break
        if combos[i] not in chosen:
            chosen.append(combos[i])
    return chosen[:n]


def _age_gender(rng, people: int, adults_only: bool = False) -> dict[str, float]:
    shares = AGE_GENDER_SHARES * (0.6 + 0.8 * rng.random(len(AGE_GENDER)))
    if adults_only:
        shares = shares * np.array([0, 0, 1, 1, 0, 0.5])
    parts = apportion(people, shares)
    return dict(zip(AGE_GENDER, (int(p) for p in parts), strict=True))


def _pick_text(rng, kind: str, language: str) -> tuple[str, str]:
    options = ACTIVITY_TEXTS[(kind, language)]
    return options[int(rng.integers(len(options)))]


def _direct_rows(rng, iso3: str, plan: Plan) -> list[Row]:
    """Direct Assistance rows whose totals are exactly the plan's."""
    ex = plan.reached_ex_transit
    if not plan.direct or ex + plan.in_transit == 0:
        return []
    totals = {k: 0 for k in POP_TYPES}
    totals["transit"] = plan.in_transit
    small = int(rng.integers(1, 5)) if plan.small_row else 0
    free = ex - sum(plan.fixed.values()) - small
    keys = [k for k in ("dest", "host", "pend", "ret") if k not in plan.fixed]
    shares = np.array([plan.shares[("dest", "host", "pend", "ret").index(k)] for k in keys])
    for k, v in zip(keys, apportion(free, shares), strict=True):
        totals[k] = int(v)
    totals.update(plan.fixed)

    n = int(np.clip(round((ex + plan.in_transit) / 110), 4, 45))
    slots = _slots(rng, plan.direct, plan.admin1, n + (1 if small else 0))
    n = len(slots) - (1 if small else 0)
    weights = rng.random(n) ** 2 + 0.03
    pops = {k: np.zeros(n, dtype=int) for k in POP_TYPES}
    for k in POP_TYPES:
        if totals[k] <= 0:
            continue
        w = weights.copy()
        if k != "dest":  # the other population types sit in some rows only
            mask = rng.random(n) < (0.45 if k == "transit" else 0.6)
            if not mask.any():
                mask[int(np.argmax(w))] = True
            w = w * mask
        pops[k] = apportion(totals[k], w)

    rows = []
    for i, (s, a, m) in enumerate(slots[:n]):
        pop = {k: int(pops[k][i]) for k in POP_TYPES}
        if sum(pop.values()):
            rows.append(_direct_row(rng, iso3, plan, s, a, m, pop))
    if small:  # one row of 1 to 4 people, for disclosure control
        s, a, m = slots[n]
        pop = {"dest": small, "transit": 0, "host": 0, "pend": 0, "ret": 0}
        rows.append(_direct_row(rng, iso3, plan, s, a, m, pop))
    return rows


def _direct_row(rng, iso3, plan, s, a, m, pop) -> Row:
    new = sum(pop.values())
    texts = _pick_text(rng, "direct", plan.language)
    total = new + int(round(new * 0.6 * rng.random()))
    row = _row(iso3, a, plan.direct[s], m, HT3, "direct", texts, total=total, new=new, pop=pop)
    row.ag = _age_gender(rng, new)
    if rng.random() < 0.1:
        row.cva = "Yes"
        row.value = new * int(rng.integers(40, 160))
        row.delivery = DELIVERY[int(rng.integers(len(DELIVERY)))]
    return row


def _output_rows(rng, iso3: str, plan: Plan | None, kind: str) -> list[Row]:
    """Capacity Building (people trained) or Mechanism/Advocacy rows: outputs, not people."""
    if plan is None:
        setups = REGIONAL_TRAINING if kind == "training" else REGIONAL_MECHANISM
        admin1, language = ("",), "es"
    else:
        setups = plan.training if kind == "training" else plan.mechanism
        admin1, language = plan.admin1, plan.language
    if not setups:
        return []
    rows = []
    for s, a, m in _slots(rng, setups, admin1, len(setups) + int(rng.integers(0, 3))):
        texts = _pick_text(rng, kind, language)
        if kind == "training":
            people = int(rng.integers(8, 46))
            quantity = int(rng.integers(1, 4))
            row = _row(iso3, a, setups[s], m, HT1, kind, texts, quantity=quantity)
            row.total = row.new = people
            row.ag = _age_gender(rng, people, adults_only=True)
        else:
            quantity = int(rng.integers(1, 3))
            row = _row(iso3, a, setups[s], m, HT2, kind, texts, quantity=quantity)
        rows.append(row)
    return rows


def _regional_direct_rows(rng) -> list[Row]:
    """The regional assistance mechanism: 83 people over eight months."""
    n = 8
    months = sorted(MONTHS[i] for i in np.argsort(rng.random(12), kind="stable")[:n])
    weights = rng.random(n) + 0.2
    pops = {k: apportion(REGIONAL_DIRECT.get(k, 0), weights) for k in POP_TYPES}
    texts = (
        "Mecanismo Regional de Asistencia a víctimas de trata",
        "Alojamiento, salud y asistencia legal por caso",
    )
    rows = []
    for i, m in enumerate(months):
        pop = {k: int(pops[k][i]) for k in POP_TYPES}
        new = sum(pop.values())
        row = _row(REGIONAL, "", ("IOM", None), m, HT3, "direct", texts, total=new, new=new)
        row.pop, row.ag = pop, _age_gender(rng, new)
        rows.append(row)
    return rows


def _other_sector_rows(rng) -> list[Row]:
    """Protection (General) rows: same file, must not count in the HTS chapter."""
    rows = []
    for iso3, setup, indicator in [
        ("COL", ("UNFPA", None), PR1),
        ("COL", ("UNHCR", "COM"), PR1),
        ("COL", ("UNHCR", "COM"), PR1),
        ("MEX", ("UNFPA", None), PR2),
        ("PER", ("UNHCR", None), PR4),
    ]:
        plan = PLANS[iso3]
        a = plan.admin1[int(rng.integers(len(plan.admin1)))]
        m = MONTHS[int(rng.integers(12))]
        if indicator == PR1:
            texts = ("Orientación en protección y documentación", "Atención en punto de servicio")
            new = int(rng.integers(60, 240))
            dest = int(round(new * 0.8))
            row = _row(iso3, a, setup, m, PR1, "direct", texts, GENERAL, total=new, new=new)
            row.pop = {"dest": dest, "host": new - dest}
            row.ag = _age_gender(rng, new)
        elif indicator == PR2:
            texts = ("Taller sobre protección internacional", "Capacitación a funcionarios")
            new = int(rng.integers(15, 40))
            row = _row(iso3, a, setup, m, PR2, "training", texts, GENERAL, total=new, new=new)
            row.quantity = 2
            row.ag = _age_gender(rng, new, adults_only=True)
        else:
            texts = ("Monitoreo de protección", "Informe trimestral")
            row = _row(iso3, a, setup, m, PR4, "mechanism", texts, GENERAL, quantity=1)
        rows.append(row)
    return rows


def _unknown_indicator_row(rng) -> Row:
    """An HTS row with an indicator in no reference: a few dozen people, not counted."""
    people = int(rng.integers(30, 48))
    texts = ("Referencia a casas de acogida", "Derivación de casos")
    month = MONTHS[int(rng.integers(12))]
    row = _row("ECU", "Pichincha", ("ARA", None), month, UNKNOWN_INDICATOR, "direct", texts)
    row.total = row.new = people
    row.pop = {"dest": people - 6, "host": 6}
    row.ag = _age_gender(rng, people)
    return row


def _messiness(rng, rows: list[Row]) -> None:
    """Breakdowns off, fractions, mojibake, new > total, stray indicator whitespace."""

    def direct_of(iso3: str) -> list[Row]:
        return [r for r in rows if r.iso3 == iso3 and r.kind == "direct" and r.indicator == HT3]

    # population breakdown short of / above the total (in-transit left as reported)
    for iso3, delta in [("COL", -7), ("PER", -5), ("MEX", -12), ("ECU", 4)]:
        cands = [r for r in direct_of(iso3) if r.pop["dest"] > 20]
        r = cands[int(rng.integers(len(cands)))]
        r.pop["dest"] += delta
    # age and gender breakdown off
    for iso3, delta in [("BRA", 3), ("CHL", -2)]:
        cands = [r for r in direct_of(iso3) if r.ag["women"] > 5]
        r = cands[int(rng.integers(len(cands)))]
        r.ag["women"] += delta
    # fractional breakdowns that still add up
    for iso3 in ("ECU", "COL"):
        cands = [r for r in direct_of(iso3) if r.pop["dest"] > 2 and r.ag["women"] > 2]
        r = cands[int(rng.integers(len(cands)))]
        r.pop["dest"] -= 0.5
        r.pop["host"] += 0.5
        r.ag["women"] -= 1.5
        r.ag["girls"] += 1.5
    # new beneficiaries above total monthly
    r = direct_of("PER")[0]
    r.total = max(1, r.new - 3)
    # an indicator text with stray whitespace (still the same indicator)
    direct_of("COL")[1].indicator = HT3.replace(" and protection ", "  and protection ") + " "
    # mojibake in activity names
    for iso3, k in MOJIBAKE_ROWS.items():
        for j, r in enumerate(direct_of(iso3)[2 : 2 + k]):
            r.activity, r.description = MOJIBAKE_ACTIVITIES[j % len(MOJIBAKE_ACTIVITIES)]


def _spell(rows: list[Row]) -> None:
    """Country and organisation names as they are typed."""
    count: dict[str, int] = {}
    for r in rows:
        if r.iso3 == REGIONAL:
            r.country_text = "Regional"
        else:
            options = COUNTRY_SPELLINGS.get(r.iso3, (COUNTRIES[r.iso3].name,))
            i = count.get(r.iso3, 0)
            count[r.iso3] = i + 1
            r.country_text = options[i % len(options)]
        r.appealing_text = ORGS[r.appealing].name
        r.implementing_text = ORGS[r.implementing].name if r.implementing else ""
    for iso3, role, key, spelling, every in NAME_VARIANTS:
        attr = "appealing" if role == "appealing" else "implementing"
        hits = [r for r in rows if r.iso3 == iso3 and getattr(r, attr) == key]
        for r in hits[::every]:
            setattr(r, f"{attr}_text", spelling)


def _activities(rng) -> list[Row]:
    rows: list[Row] = []
    for iso3, plan in PLANS.items():
        rows += _direct_rows(rng, iso3, plan)
        rows += _output_rows(rng, iso3, plan, "training")
        rows += _output_rows(rng, iso3, plan, "mechanism")
    rows += _regional_direct_rows(rng)
    rows += _output_rows(rng, REGIONAL, None, "training")
    rows += _output_rows(rng, REGIONAL, None, "mechanism")
    rows += _other_sector_rows(rng)
    rows.append(_unknown_indicator_row(rng))
    order = {iso3: i for i, iso3 in enumerate([*COUNTRIES, REGIONAL])}
    kinds = {"direct": 0, "training": 1, "mechanism": 2}
    rows.sort(
        key=lambda r: (
            order[r.iso3],
            r.month,
            r.sector,
            kinds[r.kind],
            r.admin1,
            r.appealing,
            r.implementing or "",
        )
    )
    _messiness(rng, rows)
    _spell(rows)
    return rows


# --------------------------------------------------------------------------- references


def _indicators_csv() -> str:
    header = [
        "CODE",
        "Sector/Subsector/WG",
        "Indicator",
        "Indicator Type",
        "Indicador (SP)",
        "Tipo de indicador",
    ]
    return _csv_text(header, [[*r, *INDICATORS_ES[r[0]]] for r in INDICATORS])


def _partners_csv() -> str:
    header = ["Name", "Nombre", "Nome", "Acronym.Short.Name", "Type", "RMlead"]
    rows = [
        [o.name, o.nombre, o.nome or None, o.acronym, o.type, "Yes" if o.rm_led else "No"]
        for o in sorted(ORGS.values(), key=lambda o: o.name)
    ]
    return _csv_text(header, rows)


def _targets_csv(rng) -> str:
    header = ["Country", "Admin1", "Sector", "Population type", "People in need", "Target"]
    rows = []
    for iso3 in COUNTRIES:
        plan = PLANS[iso3]
        shares = np.array(plan.shares, dtype=float)
        for i, k in enumerate(("dest", "host", "pend", "ret")):
            if k in plan.fixed:
                shares[i] = max(shares[i], 0.01)
        shares = shares * (0.8 + 0.4 * rng.random(4))
        parts = apportion(plan.target_ex_transit, shares)
        split = dict(zip(("dest", "host", "pend", "ret"), parts, strict=True))
        split["transit"] = plan.transit_target
        for k in POP_TYPES:
            target = int(split[k])
            pin = int(round(target * (1.8 + 2.2 * rng.random()))) if target else 0
            rows.append([COUNTRIES[iso3].name, None, HTS, POP_LABELS[k], pin, target])
    for iso3, target in (("COL", 42_000), ("PER", 31_000)):
        pin = int(round(target * 2.6))
        rows.append([COUNTRIES[iso3].name, None, GENERAL, "In destination", pin, target])
    return _csv_text(header, rows)


def _requirements_csv() -> str:
    rows = [[COUNTRIES[iso3].name, HTS, PLANS[iso3].requirement] for iso3 in COUNTRIES]
    return _csv_text(["Country", "Sector", "Requirement (USD)"], rows)


# --------------------------------------------------------------------------- FTS


def _fts_org(key: str, source: bool) -> dict:
    """An FTS Organization object: a donor (source) or a recipient."""
    if source:
        name, _, kind = DONORS[key]
        sub = "National government" if kind == "Government" else "Other multilateral"
        ident = 4000 + list(DONORS).index(key) * 17
    else:
        name, kind = FTS_RECIPIENTS[key]
        sub = kind
        if kind == "NGO":
            sub = "International NGO" if ORGS[key].type == "INGO" else "National NGO"
        ident = 2900 + sorted(FTS_RECIPIENTS).index(key) * 7
    return {
        "type": "Organization",
        "id": str(ident),
        "name": name,
        "behavior": "single",
        "organizationTypes": [kind],
        "organizationSubTypes": [sub],
    }


def _flow(
    rng,
    n: int,
    donor: str,
    recipient: str,
    amount: int,
    locations: list[str],
    cluster: tuple[str, str] | None,
    *,
    status: str = "paid",
    on_boundary: str = "single",
    boundary: str = "incoming",
    flow_type: str = "Standard",
) -> dict:
    month = int(rng.integers(1, 13))
    day = int(rng.integers(1, 28))
    date = f"2023-{month:02d}-{day:02d}T00:00:00Z"
    usage = {"type": "UsageYear", "id": "45", "name": "2023", "behavior": "single"}
    if boundary == "internal":
        source = [_fts_org(donor, source=False)]
    else:
        src = _fts_org(donor, source=True)
        source = [
            src,
            {
                "type": "Location",
                "id": str(300 + list(DONORS).index(donor)),
                "name": DONORS[donor][1],
                "behavior": "single",
            },
        ]
    source.append(dict(usage))
    dest = [_fts_org(recipient, source=False)]
    behavior = "single" if len(locations) == 1 else "shared"
    for iso3 in locations:
        dest.append(
            {
                "type": "Location",
                "id": str(170 + sorted(FTS_LOCATION_NAMES).index(iso3)),
                "name": FTS_LOCATION_NAMES[iso3],
                "behavior": behavior,
            }
        )
    dest.append({"type": "Plan", "id": "1140", "name": PLAN_NAME, "behavior": "single"})
    if cluster:
        dest.append(
            {
                "type": "Cluster",
                "id": CLUSTER_IDS[cluster[0]],
                "name": cluster[0],
                "behavior": "single",
            }
        )
        dest.append(
            {
                "type": "GlobalCluster",
                "id": GLOBAL_CLUSTER_IDS[cluster[1]],
                "name": cluster[1],
                "behavior": "single",
            }
        )
    dest.append(dict(usage))
    description = "Humanitarian assistance to refugees and migrants from Venezuela"
    if cluster == HTS_CLUSTER:
        description = "Assistance and protection for victims of trafficking and smuggled persons"
    return {
        "id": str(260000 + n * 37),
        "amountUSD": int(amount),
        "budgetYear": "2023",
        "childFlowIds": None,
        "contributionType": "financial",
        "createdAt": f"2023-{month:02d}-{day:02d}T14:{n % 60:02d}:00.000Z",
        "date": date,
        "decisionDate": date,
        "description": description,
        "grandBargainEarmarkingType": None,
        "exchangeRate": None,
        "firstReportedDate": date,
        "flowType": flow_type,
        "keywords": ["Humanitarian aid"],
        "newMoney": True,
        "originalAmount": int(amount),
        "originalCurrency": "USD",
        "method": "Traditional aid",
        "parentFlowId": None,
        "status": status,
        "updatedAt": "2024-03-28T09:00:00.000Z",
        "versionId": 1,
        "sourceObjects": source,
        "destinationObjects": dest,
        "boundary": boundary,
        "onBoundary": on_boundary,
        "reportDetails": [
            {
                "sourceType": "Primary",
                "organization": source[0]["name"],
                "reportChannel": "FTS Reporting",
                "date": date.replace("T00:00:00Z", "T00:00:00.000Z"),
            }
        ],
        "refCode": f"SYN-2023-{n:03d}",
    }


def _fts_pages(rng) -> tuple[str, str]:
    def amount(base: int) -> int:
        return int(round(base * (0.85 + 0.3 * rng.random()), -3))

    specs: list[tuple] = []
    for iso3 in COUNTRIES:
        for donor, recipient, base in PLANS[iso3].funding:
            specs.append((donor, recipient, amount(base), [iso3], HTS_CLUSTER, {}))
    # regional / multi-country bucket (several locations, or none)
    specs += [
        ("USA", "IOM", amount(300_000), ["COL", "ECU", "PER"], HTS_CLUSTER, {}),
        ("ECHO", "IOM", amount(250_000), [], HTS_CLUSTER, {}),
        ("CHE", "UNODC", amount(90_000), ["MEX", "PAN"], HTS_CLUSTER, {}),
    ]
    # never counted: pledge, shared, internal; other clusters (counted for their sectors)
    specs += [
        ("DEU", "IOM", amount(200_000), ["COL"], HTS_CLUSTER, {"status": "pledge"}),
        (
            "NOR",
            "UNHCR",
            amount(500_000),
            ["PER"],
            HTS_CLUSTER,
            {"on_boundary": "shared", "flow_type": "Parked", "status": "commitment"},
        ),
        ("IOM", "FPS", amount(50_000), ["COL"], HTS_CLUSTER, {"boundary": "internal"}),
        ("JPN", "WFP", amount(1_200_000), ["COL"], ("Food Security", "Food Security"), {}),
        ("USA", "UNHCR", amount(600_000), ["PER"], ("Protection", "Protection"), {}),
        (
            "CAN",
            "UNICEF",
            amount(180_000),
            ["ECU"],
            ("Child Protection", "Protection"),
            {"status": "commitment"},
        ),
    ]
    order = np.argsort(rng.random(len(specs)), kind="stable")
    flows = [_flow(rng, i + 1, *specs[j][:5], **specs[j][5]) for i, j in enumerate(order)]
    incoming = [f for f in flows if f["boundary"] == "incoming"]
    single = [f for f in incoming if f["onBoundary"] == "single"]
    totals = {
        "incoming": {
            "flowCount": len(incoming),
            "fundingTotal": sum(f["amountUSD"] for f in single if f["status"] != "pledge"),
            "pledgeTotal": sum(f["amountUSD"] for f in single if f["status"] == "pledge"),
        },
        "outgoing": {"flowCount": 0, "fundingTotal": 0, "pledgeTotal": 0},
        "internal": {"flowCount": len(flows) - len(incoming)},
    }
    half = (len(flows) + 1) // 2
    base = "https://api.hpc.tools/v1/public/fts/flow?planId=1140&year=2023"
    pages = []
    for p, chunk in enumerate([flows[:half], flows[half:]], start=1):
        meta = {"language": "en", "count": len(flows)}
        if p == 1:
            meta["nextLink"] = f"{base}&page=2"
        page = {"status": "ok", "data": {**totals, "flows": chunk}, "meta": meta}
        pages.append(json.dumps(page, ensure_ascii=False, indent=1) + "\n")
    return pages[0], pages[1]


# --------------------------------------------------------------------------- situation

SITUATION_SOURCE = "Synthetic (sample dataset, not real data)"


def _situation_csv(rng) -> str:
    header = ["Country", "Indicator", "Value", "Unit", "Source", "Date"]
    rows = []
    for iso3 in COUNTRIES:
        if iso3 in ("ABW", "CUW"):  # no situation data: the section says so
            continue
        plan = PLANS[iso3]
        name = COUNTRIES[iso3].name
        size = plan.reached_ex_transit + plan.in_transit
        victims = max(3, int(round(size * (0.01 + 0.02 * rng.random()))))
        sexual = round(35 + 30 * rng.random(), 1)
        labour = round((100 - sexual) * (0.5 + 0.3 * rng.random()), 1)
        other = round(100 - sexual - labour, 1)
        rows.append(
            [
                name,
                "Victims of trafficking identified among refugees and migrants",
                victims,
                "people",
            ]
        )
        rows.append(
            [
                name,
                "Main form of exploitation: sexual exploitation",
                sexual,
                "percent of identified victims",
            ]
        )
        rows.append(
            [
                name,
                "Main form of exploitation: forced labour",
                labour,
                "percent of identified victims",
            ]
        )
        rows.append(
            [
                name,
                "Main form of exploitation: other (forced criminality, servitude)",
                other,
                "percent of identified victims",
            ]
        )
        if plan.in_transit:
            rows.append(
                [
                    name,
                    "In-transit refugees and migrants at risk of trafficking or smuggling",
                    round(20 + 50 * rng.random(), 1),
                    "percent of in-transit population",
                ]
            )
            rows.append(
                [
                    name,
                    "Border crossing points with reported smuggling",
                    int(rng.integers(2, 15)),
                    "crossing points",
                ]
            )
        rows.append(
            [
                name,
                "Refugees and migrants in an irregular situation",
                round(10 + 45 * rng.random(), 1),
                "percent",
            ]
        )
    rows = [[*r, SITUATION_SOURCE, "2023-12-31"] for r in rows]
    return _csv_text(header, rows)


# --------------------------------------------------------------------------- narratives

NARRATIVES = {
    "region.md": (
        "This text is synthetic, written for the sample dataset. Refugees and migrants in "
        "{scope} faced high risks of human trafficking and smuggling in {period}, above all "
        "those in transit or in an irregular situation: women, unaccompanied and separated "
        "children, indigenous and Afro-descendant people and LGBTQI+ persons. Restrictive "
        "border practices pushed many towards smugglers, and criminal groups controlling "
        "routes exposed them to sexual exploitation and forced labour.",
        "The sub-sector reached {reached} refugees, migrants and host community members, "
        "{percent_of_target} of its target of {target}, not counting people assisted in "
        "transit, who are shown country by country. {reporting_partners} reporting partners "
        "and {implementing_partners} implementing partners, {refugee_migrant_led_partners} of "
        "them refugee- and migrant-led, provided legal aid, psychosocial support, safe "
        "shelter and referral; a regional assistance mechanism supported cases across "
        "several countries.",
        "Funding reported to FTS as of {funding_as_of} totalled {funding_usd} from {donors} "
        "donors and varied widely between countries. Where funding and people reached "
        "disagree, trainings and support to institutional mechanisms, which reach no one "
        "directly, and activities or funds not reported explain most of the gap.",
    ),
    "caribbean.md": (
        "This text is synthetic, written for the sample dataset. In {scope}, refugees and "
        "migrants arriving by sea and without regular status were exposed to trafficking for "
        "sexual exploitation and to debt bondage during {period}.",
        "Partners reached {reached} people ({percent_of_target} of the target of {target}), "
        "{in_destination} of them in destination and {host_community} from host communities, "
        "through safe shelter, case management and legal counselling. {implementing_partners} "
        "organisations implemented activities.",
        "Small caseloads make figures sensitive: counts below the disclosure threshold are "
        "hidden. Funding as of {funding_as_of} was {funding_usd}.",
    ),
    "central-america-mexico.md": (
        "This text is synthetic, written for the sample dataset. Mixed movements through "
        "{scope} in {period} were shaped by smuggling networks along the northbound route, "
        "with people in transit exposed to extortion, kidnapping and exploitation.",
        "Partners reached {reached} people, {percent_of_target} of the target of {target}, "
        "and assisted {in_transit} people in transit, who are counted per country only. "
        "{reporting_partners} reporting partners and {implementing_partners} implementing "
        "partners took part.",
        "In-transit assistance is hard to plan and to fund: {funding_usd} was recorded as of "
        "{funding_as_of}, from {donors} donors.",
    ),
    "southern-cone.md": (
        "This text is synthetic, written for the sample dataset. In {scope}, refugees and "
        "migrants in an irregular situation were exposed to labour exploitation in "
        "agriculture, textiles and domestic work during {period}.",
        "Partners reached {reached} people ({percent_of_target} of the target of {target}), "
        "mostly in destination ({in_destination}), with legal aid and referral to vocational "
        "programmes. {refugee_migrant_led_partners} refugee- and migrant-led organisations "
        "implemented activities.",
        "Several countries reported people reached without recorded funding, and the "
        "reverse; funding as of {funding_as_of}: {funding_usd}.",
    ),
    "COL.md": (
        "This text is synthetic, written for the sample dataset. Porous borders and armed "
        "groups controlling crossings exposed refugees, migrants, pendular movers and "
        "Colombian returnees in {scope} to trafficking and smuggling during {period}.",
        "Partners reached {reached} people, {percent_of_target} of the target of {target}: "
        "{in_destination} in destination, {in_transit} in transit, {host_community} from host "
        "communities, {pendular} pendular and {colombian_returnees} Colombian returnees; "
        "{reached_excluding_in_transit} without those in transit.",
        "{donors} donors reported {funding_usd} to FTS as of {funding_as_of}. Trainings of "
        "officials and support to local anti-trafficking committees do not appear in people "
        "reached.",
    ),
    "PER.md": (
        "This text is synthetic, written for the sample dataset. Refugees and migrants "
        "entering {scope} through the northern and southern borders in {period} faced "
        "trafficking for sexual exploitation and forced labour, often after using smugglers.",
        "{implementing_partners} implementing partners reached {reached} people, "
        "{percent_of_target} of the target of {target}, including {in_transit} in transit, "
        "with legal aid, psychosocial support and safe shelter.",
        "Early identification guidelines were used in training; funding as of "
        "{funding_as_of} was {funding_usd}.",
    ),
    "MEX.md": (
        "This text is synthetic, written for the sample dataset. {scope} is a country of "
        "destination and of transit; in {period} people moving north along the route were "
        "exposed to smuggling networks, extortion and kidnapping.",
        "Partners reached {reached} people, {percent_of_target} of the target of {target}, "
        "of whom {in_transit} were in transit and {in_destination} in destination.",
        "Assistance in transit depends on short-term funding: {funding_usd} from {donors} "
        "donors as of {funding_as_of}.",
    ),
}


NARRATIVES_ES = {
    "region.md": (
        "Este texto es sintético, redactado para el conjunto de datos de muestra. Los "
        "refugiados y migrantes en la región enfrentaron altos riesgos de trata y tráfico "
        "ilícito de migrantes en {period}, sobre todo quienes se encontraban en tránsito o en "
        "situación irregular: mujeres, niñas, niños y adolescentes no acompañados y "
        "separados, personas indígenas y afrodescendientes y personas LGBTQI+. Las prácticas "
        "fronterizas restrictivas empujaron a muchas personas hacia los traficantes, y los "
        "grupos criminales que controlaban las rutas las expusieron a la explotación sexual "
        "y al trabajo forzoso.",
        "El subsector alcanzó a {reached} refugiados, migrantes y miembros de las "
        "comunidades de acogida, el {percent_of_target} de su meta de {target}, sin contar a "
        "las personas asistidas en tránsito, que se presentan país por país. "
        "{reporting_partners} socios que reportan y {implementing_partners} socios "
        "ejecutores, {refugee_migrant_led_partners} de ellos liderados por personas "
        "refugiadas y migrantes, brindaron asistencia legal, apoyo psicosocial, alojamiento "
        "seguro y derivación; un mecanismo regional de asistencia apoyó casos en varios "
        "países.",
        "El financiamiento reportado al FTS al {funding_as_of} sumó {funding_usd}, aportado "
        "por {donors} donantes, y varió ampliamente entre países. Donde el financiamiento y "
        "las personas alcanzadas no coinciden, la mayor parte de la diferencia se explica "
        "por las capacitaciones y el apoyo a mecanismos institucionales, que no alcanzan "
        "directamente a nadie, y por actividades o fondos no reportados.",
    ),
    "caribbean.md": (
        "Este texto es sintético, redactado para el conjunto de datos de muestra. En el "
        "Caribe, los refugiados y migrantes que llegaban por mar y sin estatus regular "
        "estuvieron expuestos a la trata con fines de explotación sexual y a la servidumbre "
        "por deudas durante {period}.",
        "Los socios alcanzaron a {reached} personas (el {percent_of_target} de la meta de "
        "{target}), {in_destination} de ellas en destino y {host_community} de las "
        "comunidades de acogida, mediante alojamiento seguro, gestión de casos y asesoría "
        "legal. {implementing_partners} organizaciones ejecutaron actividades.",
        "El reducido número de casos hace que las cifras sean sensibles: los conteos por "
        "debajo del umbral de divulgación se ocultan. El financiamiento al {funding_as_of} "
        "fue de {funding_usd}.",
    ),
    "central-america-mexico.md": (
        "Este texto es sintético, redactado para el conjunto de datos de muestra. Los "
        "movimientos mixtos a través de Centroamérica y México en {period} estuvieron "
        "marcados por las redes de tráfico ilícito de migrantes a lo largo de la ruta hacia "
        "el norte, y las personas en tránsito quedaron expuestas a la extorsión, el "
        "secuestro y la explotación.",
        "Los socios alcanzaron a {reached} personas, el {percent_of_target} de la meta de "
        "{target}, y asistieron a {in_transit} personas en tránsito, que se contabilizan "
        "solo por país. Participaron {reporting_partners} socios que reportan y "
        "{implementing_partners} socios ejecutores.",
        "La asistencia en tránsito es difícil de planificar y de financiar: al "
        "{funding_as_of} se registraron {funding_usd}, aportados por {donors} donantes.",
    ),
    "southern-cone.md": (
        "Este texto es sintético, redactado para el conjunto de datos de muestra. En el Cono "
        "Sur, los refugiados y migrantes en situación irregular estuvieron expuestos a la "
        "explotación laboral en la agricultura, la industria textil y el trabajo doméstico "
        "durante {period}.",
        "Los socios alcanzaron a {reached} personas (el {percent_of_target} de la meta de "
        "{target}), en su mayoría en destino ({in_destination}), con asistencia legal y "
        "derivación a programas de formación profesional. {refugee_migrant_led_partners} "
        "organizaciones lideradas por personas refugiadas y migrantes ejecutaron "
        "actividades.",
        "Varios países reportaron personas alcanzadas sin financiamiento registrado, y a la "
        "inversa; financiamiento al {funding_as_of}: {funding_usd}.",
    ),
    "COL.md": (
        "Este texto es sintético, redactado para el conjunto de datos de muestra. Las "
        "fronteras porosas y los grupos armados que controlaban los pasos expusieron a la "
        "trata y al tráfico ilícito de migrantes a refugiados, migrantes, personas en "
        "movimientos pendulares y retornados colombianos en {scope} durante {period}.",
        "Los socios alcanzaron a {reached} personas, el {percent_of_target} de la meta de "
        "{target}: {in_destination} en destino, {in_transit} en tránsito, {host_community} de "
        "las comunidades de acogida, {pendular} en movimientos pendulares y "
        "{colombian_returnees} retornados colombianos; {reached_excluding_in_transit} sin "
        "contar a las personas en tránsito.",
        "Al {funding_as_of}, {donors} donantes habían reportado {funding_usd} al FTS. Las "
        "capacitaciones a funcionarios y el apoyo a los comités locales de lucha contra la "
        "trata no figuran entre las personas alcanzadas.",
    ),
    "PER.md": (
        "Este texto es sintético, redactado para el conjunto de datos de muestra. Los "
        "refugiados y migrantes que ingresaron a {scope} por las fronteras norte y sur en "
        "{period} enfrentaron la trata con fines de explotación sexual y trabajo forzoso, a "
        "menudo después de recurrir a traficantes.",
        "{implementing_partners} socios ejecutores alcanzaron a {reached} personas, el "
        "{percent_of_target} de la meta de {target}, incluidas {in_transit} en tránsito, con "
        "asistencia legal, apoyo psicosocial y alojamiento seguro.",
        "Las directrices de identificación temprana se utilizaron en las capacitaciones; el "
        "financiamiento al {funding_as_of} fue de {funding_usd}.",
    ),
    "MEX.md": (
        "Este texto es sintético, redactado para el conjunto de datos de muestra. {scope} es "
        "un país de destino y de tránsito; en {period}, las personas que avanzaban hacia el "
        "norte por la ruta estuvieron expuestas a las redes de tráfico ilícito de migrantes, "
        "la extorsión y el secuestro.",
        "Los socios alcanzaron a {reached} personas, el {percent_of_target} de la meta de "
        "{target}; de ellas, {in_transit} estaban en tránsito y {in_destination} en destino.",
        "La asistencia en tránsito depende de financiamiento a corto plazo: {funding_usd} de "
        "{donors} donantes al {funding_as_of}.",
    ),
}

NARRATIVES_PT = {
    "region.md": (
        "Este texto é sintético, redigido para o conjunto de dados de amostra. Os "
        "refugiados e migrantes na região enfrentaram altos riscos de tráfico de pessoas e "
        "contrabando de migrantes em {period}, sobretudo aqueles em trânsito ou em situação "
        "irregular: mulheres, crianças e adolescentes desacompanhados e separados, pessoas "
        "indígenas e afrodescendentes e pessoas LGBTQI+. Práticas fronteiriças restritivas "
        "levaram muitos a recorrer a contrabandistas, e grupos criminosos que controlavam as "
        "rotas os expuseram à exploração sexual e ao trabalho forçado.",
        "O subsetor alcançou {reached} refugiados, migrantes e membros das comunidades de "
        "acolhida, {percent_of_target} de sua meta de {target}, sem contar as pessoas "
        "assistidas em trânsito, que são apresentadas país por país. {reporting_partners} "
        "parceiros que reportam e {implementing_partners} parceiros implementadores, "
        "{refugee_migrant_led_partners} deles liderados por refugiados e migrantes, "
        "prestaram assistência jurídica, apoio psicossocial, abrigo seguro e encaminhamento; "
        "um mecanismo regional de assistência apoiou casos em vários países.",
        "O financiamento reportado ao FTS até {funding_as_of} totalizou {funding_usd}, de "
        "{donors} doadores, e variou muito entre os países. Onde o financiamento e as "
        "pessoas alcançadas não coincidem, a maior parte da diferença se explica pelas "
        "capacitações e pelo apoio a mecanismos institucionais, que não alcançam ninguém "
        "diretamente, e por atividades ou recursos não reportados.",
    ),
    "caribbean.md": (
        "Este texto é sintético, redigido para o conjunto de dados de amostra. No Caribe, "
        "refugiados e migrantes que chegavam por mar e sem status regular ficaram expostos "
        "ao tráfico de pessoas para fins de exploração sexual e à servidão por dívidas "
        "durante {period}.",
        "Os parceiros alcançaram {reached} pessoas ({percent_of_target} da meta de "
        "{target}), {in_destination} delas em destino e {host_community} das comunidades de "
        "acolhida, por meio de abrigo seguro, gestão de casos e orientação jurídica. "
        "{implementing_partners} organizações implementaram atividades.",
        "O pequeno número de casos torna os dados sensíveis: contagens abaixo do limiar de "
        "divulgação são ocultadas. O financiamento até {funding_as_of} foi de {funding_usd}.",
    ),
    "central-america-mexico.md": (
        "Este texto é sintético, redigido para o conjunto de dados de amostra. Os movimentos "
        "mistos pela América Central e pelo México em {period} foram marcados por redes de "
        "contrabando de migrantes ao longo da rota rumo ao norte, e as pessoas em trânsito "
        "ficaram expostas a extorsão, sequestro e exploração.",
        "Os parceiros alcançaram {reached} pessoas, {percent_of_target} da meta de {target}, "
        "e assistiram {in_transit} pessoas em trânsito, que são contabilizadas apenas por "
        "país. Participaram {reporting_partners} parceiros que reportam e "
        "{implementing_partners} parceiros implementadores.",
        "A assistência em trânsito é difícil de planejar e de financiar: até {funding_as_of} "
        "foram registrados {funding_usd}, de {donors} doadores.",
    ),
    "southern-cone.md": (
        "Este texto é sintético, redigido para o conjunto de dados de amostra. No Cone Sul, "
        "refugiados e migrantes em situação irregular ficaram expostos à exploração laboral "
        "na agricultura, na indústria têxtil e no trabalho doméstico durante {period}.",
        "Os parceiros alcançaram {reached} pessoas ({percent_of_target} da meta de "
        "{target}), em sua maioria em destino ({in_destination}), com assistência jurídica e "
        "encaminhamento a programas de formação profissional. "
        "{refugee_migrant_led_partners} organizações lideradas por refugiados e migrantes "
        "implementaram atividades.",
        "Vários países reportaram pessoas alcançadas sem financiamento registrado, e "
        "vice-versa; financiamento até {funding_as_of}: {funding_usd}.",
    ),
    "COL.md": (
        "Este texto é sintético, redigido para o conjunto de dados de amostra. Fronteiras "
        "porosas e grupos armados que controlavam as passagens expuseram refugiados, "
        "migrantes, pendulares e colombianos retornados na Colômbia ao tráfico de pessoas e "
        "ao contrabando de migrantes durante {period}.",
        "Os parceiros alcançaram {reached} pessoas, {percent_of_target} da meta de {target}: "
        "{in_destination} em destino, {in_transit} em trânsito, {host_community} das "
        "comunidades de acolhida, {pendular} pendulares e {colombian_returnees} colombianos "
        "retornados; {reached_excluding_in_transit} sem contar as pessoas em trânsito.",
        "Até {funding_as_of}, {donors} doadores haviam reportado {funding_usd} ao FTS. As "
        "capacitações de servidores públicos e o apoio aos comitês locais de enfrentamento "
        "ao tráfico de pessoas não aparecem entre as pessoas alcançadas.",
    ),
    "PER.md": (
        "Este texto é sintético, redigido para o conjunto de dados de amostra. Refugiados e "
        "migrantes que entraram no Peru pelas fronteiras norte e sul em {period} enfrentaram "
        "o tráfico de pessoas para fins de exploração sexual e trabalho forçado, muitas vezes "
        "depois de recorrer a contrabandistas.",
        "{implementing_partners} parceiros implementadores alcançaram {reached} pessoas, "
        "{percent_of_target} da meta de {target}, incluindo {in_transit} em trânsito, com "
        "assistência jurídica, apoio psicossocial e abrigo seguro.",
        "As diretrizes de identificação precoce foram usadas nas capacitações; o "
        "financiamento até {funding_as_of} foi de {funding_usd}.",
    ),
    "MEX.md": (
        "Este texto é sintético, redigido para o conjunto de dados de amostra. O México é um "
        "país de destino e de trânsito; em {period}, as pessoas que seguiam rumo ao norte "
        "pela rota ficaram expostas a redes de contrabando de migrantes, extorsão e "
        "sequestro.",
        "Os parceiros alcançaram {reached} pessoas, {percent_of_target} da meta de {target}; "
        "delas, {in_transit} estavam em trânsito e {in_destination} em destino.",
        "A assistência em trânsito depende de financiamento de curto prazo: {funding_usd} de "
        "{donors} doadores até {funding_as_of}.",
    ),
}
"""The same chapters' text in Spanish and Portuguese (`narratives/es/`, `narratives/pt/`):
written for each language, naming places with the articles each language needs."""

HEADINGS = {
    "en": ("Situation", "Response", "Lessons learned"),
    "es": ("Situación", "Respuesta", "Lecciones aprendidas"),
    "pt": ("Situação", "Resposta", "Lições aprendidas"),
}
NARRATIVE_FOLDERS = {"": NARRATIVES, "es/": NARRATIVES_ES, "pt/": NARRATIVES_PT}
"""English stays in the flat layout (`narratives/COL.md`), as datasets wrote it before
editions; the other languages in their folders."""


def _narrative(parts: tuple[str, str, str], lang: str = "en") -> str:
    sections = zip(HEADINGS[lang], parts, strict=True)
    return "\n".join(f"## {title}\n\n{text}\n" for title, text in sections)


# --------------------------------------------------------------------------- manifest

MANIFEST = """\
# Synthetic sample generated by helpers.sample.generate_sample(seed={seed}).
# Regenerate it rather than editing by hand.
name: RMRP 2023 end-year (synthetic sample)
synthetic: true
period: {{start: 2023-01, end: 2023-12}}
sector: Protection (Human Trafficking and Smuggling)
activities: [activities.csv, activities_southern_cone.xlsx]
indicators: indicators.csv
partners: partners.csv
targets: targets.csv
requirements: requirements.csv
funding: [fts/page-1.json, fts/page-2.json]
situation: situation.csv
narratives: narratives/
as_of: {{activities: 2024-02-15, funding: 2024-04-01}}
disclosure: {{min_count: 5}}
links:
  funding: https://fts.unocha.org/plans/1133/summary
  needs: https://www.r4v.info/en/rmna2023
  report: https://www.r4v.info/en/document/rmrp-2023-end-year-report
  guidance: https://www.r4v.info/en/protection
"""


def generate_sample(out: Path, seed: int = 2023) -> Path:
    """Write the synthetic sample dataset into `out`; return the manifest's path.

    The same seed gives byte-identical files. Only the files of `SAMPLE_FILES` are
    written; nothing else in `out` is touched.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)

    rows = _activities(rng)
    main = [r.values() for r in rows if r.iso3 not in SOUTHERN_CONE]
    cone = [r.values() for r in rows if r.iso3 in SOUTHERN_CONE]
    _write(out / "activities.csv", _csv_text(EXPORT_HEADERS, main))
    _write_xlsx(out / "activities_southern_cone.xlsx", R_HEADERS, cone)
    _write(out / "indicators.csv", _indicators_csv())
    _write(out / "partners.csv", _partners_csv())
    _write(out / "targets.csv", _targets_csv(rng))
    _write(out / "requirements.csv", _requirements_csv())
    page1, page2 = _fts_pages(rng)
    _write(out / "fts" / "page-1.json", page1)
    _write(out / "fts" / "page-2.json", page2)
    _write(out / "situation.csv", _situation_csv(rng))
    for folder, texts in NARRATIVE_FOLDERS.items():
        lang = folder.rstrip("/") or "en"
        for name, parts in texts.items():
            _write(out / "narratives" / f"{folder}{name}", _narrative(parts, lang))
    manifest = out / "dataset.yaml"
    _write(manifest, MANIFEST.format(seed=seed))
    return manifest


ADDED_TO = (
    "Total monthly beneficiaries",
    "New beneficiaries of the month",
    "Refugees and Migrants IN DESTINATION",
    "Women above 18",
)
"""The counts `add_people` grows by default: the row still adds up."""


def add_people(
    folder: Path,
    country: str,
    add: int = 10,
    columns: tuple[str, ...] = ADDED_TO,
    having: str | None = None,
) -> None:
    """Add people to the first plain direct-assistance row of a country in a generated
    `activities.csv` (the first with people in `having`, when given), in `columns`,
    keeping every row number where it was: how tests and the benchmark simulate "one
    country's rows changed" (other `columns` make a row that no longer adds up, or move
    people between population types)."""
    path = folder / "activities.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    cols = [header.index(c) for c in columns]
    must = header.index(having) if having is not None else None
    for i, line in enumerate(lines[1:], 1):
        cells = line.rstrip("\n").split(",")
        if (
            line.startswith(country + ",")
            and "received assistance and protection" in line
            and '"' not in line
            and (must is None or float(cells[must] or 0) > 0)
        ):
            for c in cols:
                cells[c] = str(int(float(cells[c] or 0)) + add)
            lines[i] = ",".join(cells) + "\n"
            break
    else:
        raise ValueError(f"no plain direct-assistance row for {country} in {path}")
    path.write_text("".join(lines), encoding="utf-8")
