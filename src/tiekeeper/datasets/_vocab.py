"""Word lists for the fictional sample export: names, companies, titles, skills, schools.

Every name here is invented: first names are common given names, last names
are made-up compounds of two syllables (``Brindle`` + ``vale``), and companies
are made-up compounds of a fantasy word and an industry (``Northwind
Analytics``). E-mail addresses use only the reserved ``example.com`` and
``example.org`` domains, telephone numbers the reserved ``555-01xx`` range and
IP addresses the documentation ranges.
"""

from __future__ import annotations

__all__ = [
    "CREDENTIALS",
    "DEGREES",
    "FIRST_NAMES",
    "FIRST_NAMES_UNICODE",
    "LAST_PREFIXES",
    "LAST_SUFFIXES",
    "LAST_UNICODE",
    "LOCATIONS",
    "ORG_PREFIXES",
    "ORG_SUFFIXES",
    "OWNER_SKILLS",
    "RECRUITER_TITLES",
    "SCHOOLS",
    "TITLES",
    "TRACKS",
]

FIRST_NAMES: tuple[str, ...] = tuple(
    """Ada Alba Alex Amara Amir Anika Arjun Asha Aurora Ben Bianca Bilal Bram Bruno Caleb
    Camila Carmen Cas Cecil Chen Chiara Colm Dara Daniel Dario Devi Diego Dina Eamon Edith
    Elif Elena Elias Emeka Emil Erin Esme Ezra Farah Felix Femi Fiona Freya Gideon Gita
    Greta Hana Hamza Hugo Ida Ines Ingrid Isaac Ivo Jada Jonas Joon Jude Juno Kai Kamala
    Kenji Kian Kofi Lara Leila Leon Lina Luca Lucia Mads Maeve Malik Mara Marek Mateo Maya
    Mei Milan Mira Musa Nadia Naveen Nell Nico Nina Noor Odile Olu Omar Orla Oscar Pablo
    Paloma Priya Quinn Rafael Rania Ravi Rhea Rosa Rowan Rui Sade Sami Sanna Selin Simone
    Sina Sol Stella Tariq Teo Thea Tobias Uma Vera Vik Wanda Wren Yara Yusuf Zaid Zara
    Zoran""".split()
)

#: Given names with letters outside ASCII (their slugs exercise percent-encoding).
FIRST_NAMES_UNICODE: tuple[str, ...] = (
    "Jürgen",
    "Zoë",
    "Søren",
    "Łukasz",
    "Chloé",
    "José",
    "Renée",
    "Siobhán",
    "Björn",
    "Małgorzata",
    "İlkay",
    "François",
    "Ngọc",
    "Dóra",
    "Ümit",
)

LAST_PREFIXES: tuple[str, ...] = tuple(
    """Ash Bram Brindle Corr Dun Ember Fenn Gale Hollow Ivy Kest Lark Marsh Nettle Oak Pell
    Quill Rook Sable Thorn Umber Vell Wick Yarr Alder Birch Cinder Dapple Elm Frost Glen
    Heron Juniper Kettle Linden Moss Ner Orrin Pike Rill""".split()
)
LAST_SUFFIXES: tuple[str, ...] = tuple(
    """vale brook wick more field ridge ton well stone croft wood bury ley hurst mere ford
    gate shaw worth combe dale holt by lund""".split()
)
#: Invented surnames with letters outside ASCII.
LAST_UNICODE: tuple[str, ...] = (
    "Gálvora",
    "Østerlund",
    "Müllerbrook",
    "Nowakówna",
    "Çelikdale",
    "Þórvale",
    "Ferreirão",
    "Lindqvíst",
)

#: Credentials people append to their last name (then quoted in the CSV).
CREDENTIALS: tuple[str, ...] = (
    ", PhD",
    ", MBA",
    ", CPA",
    ", Ph.D.",
    ", PMP®",
    ", MSc, CFA",
    " LL.B (Hons), Prof.PGDip (GRC)",
    ", FICS (UK), MSc (SE).",
)

ORG_PREFIXES: tuple[str, ...] = tuple(
    """Northwind Bluefjord Quillon Harrowgate Oakmere Tidewell Brambleton Corvane Duskridge
    Emberlyn Fallowmark Glimmerton Hollowpine Ironvale Juniperra Kestrelby Lanternfield
    Mistral Nimbleford Orchardine Pebblecrest Quartzmoor Ravensholt Saltmarrow Thistledown
    Umberlight Veridane Willowmere Yarrowgate Zephyrine""".split()
)
ORG_SUFFIXES: tuple[str, ...] = tuple(
    """Analytics Logistics Systems Health Capital Energy Labs Robotics Foods Media Software
    Consulting Bank Insurance Mobility Biotech Retail Security""".split()
)

TITLES: tuple[str, ...] = (
    "Data Analyst",
    "Senior Data Analyst",
    "Data Engineer",
    "Senior Data Engineer",
    "Software Engineer",
    "Senior Software Engineer",
    "Staff Engineer",
    "Engineering Manager",
    "Product Manager",
    "Senior Product Manager",
    "UX Researcher",
    "Product Designer",
    "Account Executive",
    "Customer Success Manager",
    "Head of Data",
    "Director of Operations",
    "Marketing Lead",
    "Growth Marketer",
    "Sales Development Representative",
    "Business Analyst",
    "Finance Manager",
    "Operations Lead",
    "Machine Learning Engineer",
    "QA Engineer",
    "Solutions Architect",
    "Chief Technology Officer",
    "Founder",
    "Consultant",
    "Program Manager",
    "Research Scientist",
)

RECRUITER_TITLES: tuple[str, ...] = (
    "Technical Recruiter",
    "Senior Technical Recruiter",
    "Talent Acquisition Partner",
    "Executive Search Consultant",
    "Recruitment Consultant",
)

#: Career tracks of the owner: titles from the first job to the current one.
TRACKS: tuple[tuple[str, ...], ...] = (
    (
        "Junior Data Analyst",
        "Data Analyst",
        "Senior Data Analyst",
        "Data Engineer",
        "Senior Data Engineer",
        "Head of Data Platform",
    ),
    (
        "Associate Product Manager",
        "Product Manager",
        "Senior Product Manager",
        "Group Product Manager",
        "Director of Product",
        "VP Product",
    ),
    (
        "Software Engineer",
        "Software Engineer II",
        "Senior Software Engineer",
        "Staff Engineer",
        "Engineering Manager",
        "Director of Engineering",
    ),
)

OWNER_SKILLS: tuple[str, ...] = (
    "Python",
    "SQL",
    "Data Analysis",
    "Machine Learning",
    "Stakeholder Management",
    "Product Strategy",
    "Team Leadership",
    "Data Modeling",
    "A/B Testing",
    "Statistics",
    "Cloud Computing",
    "Agile Methodologies",
    "Public Speaking",
    "Mentoring",
    "ETL",
    "Data Visualization",
    "Project Management",
    "Roadmapping",
    "Hiring",
    "R&D",
)

LOCATIONS: tuple[str, ...] = (
    "Rotterdam, South Holland, Netherlands",
    "Berlin, Germany",
    "Lisbon, Portugal",
    "Manchester, England, United Kingdom",
    "Toronto, Ontario, Canada",
    "Remote",
    "Dublin, Ireland",
)

SCHOOLS: tuple[str, ...] = (
    "University of Eastmarch",
    "Westbrook Institute of Technology",
    "Harrowgate School of Economics",
    "Linden Hill College",
)
DEGREES: tuple[str, ...] = (
    "Bachelor of Science - BS, Computer Science",
    "Master of Science - MS, Applied Statistics",
    "Bachelor of Arts - BA, Economics",
    "Master of Business Administration - MBA",
)
