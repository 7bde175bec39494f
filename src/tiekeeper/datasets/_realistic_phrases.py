"""Invented texts for the realistic patterns: promotional senders, closers in several
languages, one-way follow-ups and short exchanges.

Every sender, company and product here is fictional (``Cloudly Web Services``
is no real cloud provider, ``Namewell Domains`` no real registrar). Bodies keep
the placeholders real marketing messages show: ``{first}`` is filled with the
owner's first name, ``%FIRSTNAME%`` is left as it is (an unfilled template).
"""

from __future__ import annotations

__all__ = [
    "CLOSER_THREADS",
    "CREDENTIAL_SUFFIXES",
    "EXCHANGE_LINES",
    "GROUP_LINES",
    "ONE_WAY_LINES",
    "PROMO_FOOTERS",
    "PROMO_SENDERS",
    "SPINMAIL_P",
]

#: The paragraph tag of LinkedIn's sponsored messages (2021+ exports).
SPINMAIL_P = '<p class="spinmail-quill-editor__spin-break">'

#: Endings of promotional messages (plain text in 2018, in the HTML later).
PROMO_FOOTERS: tuple[str, ...] = (
    "You are receiving this message because you are a LinkedIn member. Unsubscribe",
    "You are receiving Premium promotional messages. Unsubscribe | Help",
    "You are receiving this because you follow Cloudly on LinkedIn. "
    "To stop receiving these messages, unsubscribe.",
)

#: (sender as LinkedIn shows it, messages sent, body, footer index). The 2018 layout
#: cuts the sender to its first two words (``Sam from``, ``Cloudly Web``).
PROMO_SENDERS: tuple[tuple[str, int, str, int], ...] = (
    (
        "LinkedIn Premium",
        4,
        "Hi {first}, see who viewed your profile in the last 90 days. Premium members get "
        "hired an average of 2x as fast. Start your free month today.",
        1,
    ),
    (
        "LinkedIn Learning",
        3,
        "%FIRSTNAME%, build the skills employers want with 16,000+ expert-led courses. "
        "Try LinkedIn Learning free for 1 month.",
        0,
    ),
    (
        "Jordan Hollowmere @ LinkedIn",
        2,
        "Hi %FIRSTNAME%, I'm on the Talent Solutions team. Teams like yours fill roles "
        "faster with Recruiter Lite. Do you have 10 minutes this week?",
        0,
    ),
    (
        "Sam from LinkedIn Premium",
        3,
        "Hi {first}, your free trial of Premium Career is waiting: InMail credits, applicant "
        "insights and salary data. Activate it now.",
        1,
    ),
    (
        "Cloudly Web Services",
        5,
        "Get $300 in free credits on Cloudly Web Services. Launch a virtual server in "
        "seconds & pay only for what you use. Sign up today!",
        2,
    ),
    (
        "Demo from Cloudly",
        3,
        "Hi %FIRSTNAME%, join our live demo: move your workloads to Cloudly in under an "
        "hour. Seats are limited, register now.",
        2,
    ),
    (
        "Namewell Domains",
        4,
        "Your perfect domain is waiting! .com names from $0.99 for the first year at "
        "Namewell Domains. Search now.",
        0,
    ),
)

#: Short threads that end in a closer: (language, owner opens, opener, reply, closer).
#: ``{first}`` is the addressee's first name. An empty closer is a sticker.
CLOSER_THREADS: tuple[tuple[str, bool, str, str, str], ...] = (
    (
        "es",
        False,
        "Hola {first}, ¿me puedes recomendar a alguien para el puesto de datos?",
        "Claro, te paso el contacto de mi antigua compañera.",
        "Gracias!",
    ),
    (
        "en",
        True,
        "Hi {first}, could you send me the contact at the vendor?",
        "Sure, they are expecting your e-mail.",
        "Thank you!",
    ),
    (
        "de",
        False,
        "Hallo {first}, hast du den Link zum Meetup am Donnerstag?",
        "Klar, die Anmeldung läuft bis Freitag.",
        "Danke dir!",
    ),
    ("fr", False, "Bonjour {first}, merci pour l'intro avec ton équipe !", "Avec plaisir.", "👍"),
    (
        "pt",
        True,
        "Oi {first}, tudo bem? Você ainda tem o modelo da apresentação?",
        "Tenho sim, te mando agora.",
        "Obrigada!",
    ),
    ("en", False, "Hi {first}, congrats on the new role!", "Thanks so much!", ""),
)

#: What the owner keeps writing to someone who never answers (5 to 8 messages).
ONE_WAY_LINES: tuple[str, ...] = (
    "Hi {first}, great to connect! I'd love to hear how your team handles data quality.",
    "Hi {first}, following up: would you have 15 minutes for a call next week?",
    "Hi {first}, I thought this article on platform teams might interest you.",
    "Hi {first}, just bumping this up in case it got buried.",
    "Hola {first}, ¿pudiste ver mi mensaje anterior?",
    "Hi {first}, I'll be in your city next month, coffee?",
    "Hi {first}, any thoughts on my last message?",
    "Hi {first}, one last try: happy to help with your hiring if useful.",
)

#: A short, friendly 1:1 exchange, alternating sides; the owner writes the last line.
EXCHANGE_LINES: tuple[str, ...] = (
    "Hi {first}, good to see you at the meetup yesterday!",
    "Likewise! Are you still working on the pricing model?",
    "Yes, we ship it next month. Let's catch up after that.",
    "Sounds good, talk soon.",
)

#: Messages of the study group of people with credentials.
GROUP_LINES: tuple[str, ...] = (
    "Welcome to the study group, everyone!",
    "Thanks for setting this up. Same time next week?",
    "Works for me, I'll bring the practice questions.",
    "I can host the call on Thursday.",
    "Great session today, thanks all.",
    "Shared the notes in the folder.",
)

#: Display names with commas and credentials: (last-name suffix, slug keeps it).
CREDENTIAL_SUFFIXES: tuple[str, ...] = (", MBA, PMP", ", ACIPM,ASM", ", PhD", ", CPA")
