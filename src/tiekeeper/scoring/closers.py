"""Conversation closers: last messages that end a conversation and are owed no reply.

"Thanks!", "Congrats!!", "👍", "Gracias", "شكرا جزيلا": a message like this is
the polite end of an exchange, and answering it is optional. An owed reply
(:mod:`~tiekeeper.scoring.replies`) needs a last inbound message that invites
one, and a closer never does.

The rule, vectorised over a polars Series of message text:

1. the text is *folded*: Unicode NFKD with the combining marks removed (so
   "Félicitations" meets "felicitations" and "شكراً" meets "شكرا"), the Arabic
   tatweel removed, lower case, typographic apostrophes made plain;
2. a question mark (``?``, ``¿``, ``؟``) or a request (:data:`REQUESTS`: "could
   you", "let me know", "would you", "podrías", "kannst du", "kya aap", "هل"
   …) is positive evidence that a reply is invited: such a message is never
   a closer;
3. otherwise a message is a closer when it is short (at most ``max_words``
   words, :attr:`~tiekeeper.scoring.params.ScoringParams.closer_max_words`)
   and nothing is left of it once every closer phrase is taken out: the
   acknowledgements, thanks, congratulations and wishes of each language
   (:data:`ENGLISH` … :data:`ARABIC`), the words that only join them
   (:data:`JOINERS`: "so", "and", "to you"), forms of address
   (:data:`ADDRESS`: "bhai", "ji", "team") and the owner's own name ("Thanks
   Emil!"), spelling games (:data:`PATTERNS`: "thaaanks", "hahaha"), emoji and
   punctuation. A thanks, congratulation or wish may name its object in a few
   words ("thanks for the heads up", "Danke für die Info",
   :data:`OBJECT_HEADS`). An empty text (a sticker or an attachment) is a
   closer.

The vocabulary is data: each tuple below lists phrases of one kind, written
plainly and folded by the same function as the text, so a new phrase is one
line. Unique texts are not mapped in Python: every step is a polars string
expression, so a million messages cost a few regular-expression passes.

Examples
--------
>>> texts = pl.Series(["Thank you!", "Thanks! Could you send me the deck?", "🙂🙏", None,
...                    "Danke dir", "Let me know what you think", "Thanks Emil!"])
>>> is_closer(texts, names=["Emil Alderfeather"]).to_list()
[True, False, True, True, True, False, True]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

import polars as pl

__all__ = [
    "ADDRESS",
    "ARABIC",
    "ENGLISH",
    "FRENCH",
    "GERMAN",
    "HINDI",
    "JOINERS",
    "OBJECT_HEADS",
    "OBJECT_LINKS",
    "OBJECT_MAX_WORDS",
    "PATTERNS",
    "PORTUGUESE",
    "QUESTION_MARKS",
    "REQUESTS",
    "SPANISH",
    "asks",
    "fold",
    "fold_expr",
    "invites_reply",
    "is_closer",
]

#: English thanks, acknowledgements, congratulations, wishes and sign-offs, and
#: LinkedIn's own "Message request accepted" (the other side accepted, nothing
#: more was said).
ENGLISH: tuple[str, ...] = (
    "thanks", "thank you", "thank u", "thanku", "thankyou", "thx", "thnx", "thnks", "tnx",
    "ty", "tysm", "tyvm", "many thanks", "thanks a lot", "thanks a ton", "thanks a bunch",
    "thanks a million", "much appreciated", "appreciate it", "appreciated",
    "i appreciate it", "really appreciate it", "thanks for connecting",
    "thank you for connecting", "thanks for the connection", "thanks for accepting",
    "thank you for accepting", "thanks for the add", "thanks for adding me",
    "thanks for the kind words", "thank you for the kind words", "thanks for the wishes",
    "thank you for the wishes", "thanks for the birthday wishes",
    "thank you for the birthday wishes", "thanks for the congrats",
    "thank you for the congratulations", "thanks for the endorsement",
    "thanks for the recommendation", "thanks for sharing", "thank you for sharing",
    "thanks for reaching out", "thank you for reaching out", "thanks for the update",
    "thanks for the info", "thanks for letting me know", "thank you for letting me know",
    "you're welcome", "your welcome", "youre welcome", "you are welcome", "welcome",
    "no problem", "no prob", "np", "no worries", "not a problem", "not at all", "my pleasure",
    "the pleasure is mine", "pleasure", "anytime", "any time", "of course", "likewise",
    "same here", "same to you", "you too", "you as well", "and you", "and your family",
    "cheers", "ok", "okay", "okey", "okie", "oki", "k", "kk", "alright", "all right",
    "sure", "sure thing", "yes", "yep", "yeah", "yup", "yea", "no thanks", "no thank you",
    "got it", "noted", "understood", "will do", "sounds good", "sounds great", "perfect",
    "great", "awesome", "amazing", "cool", "nice", "nice one", "wonderful", "fantastic",
    "excellent", "brilliant", "lovely", "super", "wow", "indeed", "exactly", "absolutely",
    "definitely", "agreed", "fair enough", "all good", "love it", "love this",
    "glad to connect", "great to connect", "nice to connect", "happy to connect",
    "pleasure to connect", "good to connect", "great to be connected",
    "let's stay in touch", "lets stay in touch", "let's keep in touch", "stay in touch",
    "keep in touch", "talk soon", "speak soon", "talk later", "see you", "see you soon",
    "see ya", "take care", "bye", "best", "best regards", "kind regards", "regards",
    "warm regards", "all the best", "best wishes", "warm wishes", "good luck",
    "best of luck", "congrats", "congratulations", "congratulation", "well done",
    # LinkedIn's own suggested replies to a job change
    "congrats on the new role", "congratulations on the new role", "congrats on the new job",
    "congratulations on the new job", "congrats on the new position",
    "congratulations on the new position",
    "well deserved", "much deserved", "kudos", "bravo", "proud of you", "happy birthday",
    "happy bday", "hbd", "many happy returns", "happy new year", "happy holidays",
    "merry christmas", "merry xmas", "season's greetings", "happy diwali", "happy eid",
    "eid mubarak", "ramadan kareem", "ramadan mubarak", "happy easter",
    "happy thanksgiving", "happy anniversary", "happy work anniversary", "happy friday",
    "have a great day", "have a good day", "have a nice day", "have a great weekend",
    "have a good weekend", "have a nice weekend", "have a great week", "enjoy",
    "message request accepted",
)  # fmt: skip
#: Spanish.
SPANISH: tuple[str, ...] = (
    "gracias", "muchas gracias", "mil gracias", "muchísimas gracias", "gracias a ti",
    "de nada", "no hay de qué", "no hay problema", "con gusto", "un placer",
    "es un placer", "igualmente", "vale", "dale", "perfecto", "genial", "excelente",
    "estupendo", "buenísimo", "claro", "por supuesto", "entendido", "listo", "de acuerdo",
    "sí", "un abrazo", "abrazo", "abrazos", "saludos", "un saludo", "felicidades",
    "felicitaciones", "enhorabuena", "feliz cumpleaños", "feliz año", "feliz año nuevo",
    "feliz navidad", "felices fiestas", "mucha suerte", "suerte", "éxitos",
    "muchos éxitos", "bien hecho", "hablamos", "nos vemos", "cuídate", "chao", "adiós",
)  # fmt: skip
#: French.
FRENCH: tuple[str, ...] = (
    "merci", "merci beaucoup", "merci bien", "mille mercis", "merci à toi",
    "merci à vous", "je vous remercie", "je te remercie", "de rien", "avec plaisir",
    "pas de souci", "pas de soucis", "pas de problème", "je t'en prie", "je vous en prie",
    "il n'y a pas de quoi", "pareillement", "de même", "toi aussi", "vous aussi",
    "d'accord", "dac", "parfait", "génial", "top", "entendu", "bien reçu", "noté",
    "c'est noté", "oui", "bien sûr", "félicitations", "bon anniversaire",
    "joyeux anniversaire", "bonne année", "meilleurs vœux", "meilleurs voeux",
    "joyeux noël", "bonnes fêtes", "bonne journée", "bonne soirée", "bon week-end",
    "bonne continuation", "bonne chance", "à bientôt", "à plus", "cordialement",
    "bien à vous", "amitiés", "bises",
)  # fmt: skip
#: German.
GERMAN: tuple[str, ...] = (
    "danke", "danke schön", "dankeschön", "danke sehr", "vielen dank",
    "vielen lieben dank", "herzlichen dank", "besten dank", "tausend dank", "bitte",
    "bitte schön", "bitteschön", "gern", "gerne", "gern geschehen", "keine ursache",
    "kein problem", "kein thema", "gleichfalls", "ebenfalls", "dir auch", "ihnen auch",
    "alles klar", "passt", "prima", "perfekt", "toll", "klasse", "spitze", "genau", "ja",
    "jawohl", "verstanden", "notiert", "mach ich", "herzlichen glückwunsch",
    "glückwunsch", "glueckwunsch", "gratuliere", "gratulation", "alles gute",
    "alles gute zum geburtstag", "frohes neues", "frohes neues jahr", "frohe weihnachten",
    "frohe ostern", "schönes wochenende", "schönen tag", "viel erfolg", "viel glück",
    "bis bald", "bis dann", "tschüss", "viele grüße", "liebe grüße", "beste grüße",
    "gruesse", "gruß", "lg", "vg", "mfg",
)  # fmt: skip
#: Portuguese.
PORTUGUESE: tuple[str, ...] = (
    "obrigado", "obrigada", "muito obrigado", "muito obrigada", "obg", "brigado",
    "brigada", "valeu", "vlw", "de nada", "por nada", "imagina", "disponha",
    "eu que agradeço", "agradeço", "igualmente", "pra você também", "tudo certo",
    "tudo bem", "beleza", "blz", "show", "ótimo", "perfeito", "combinado", "fechado",
    "certo", "sim", "claro", "com certeza", "parabéns", "feliz aniversário",
    "feliz ano novo", "feliz natal", "boas festas", "boa sorte", "sucesso",
    "muito sucesso", "abraço", "abraços", "um abraço", "abs", "bjs", "até mais",
    "até logo", "tchau",
)  # fmt: skip
#: Hindi in Latin script (and the commonest Devanagari forms).
HINDI: tuple[str, ...] = (
    "dhanyavaad", "dhanyavad", "dhanyawad", "dhanyawaad", "shukriya", "shukria",
    "koi baat nahi", "koi nahi", "theek hai", "thik hai", "thik h", "acha", "achha",
    "accha", "haan", "ha ji", "haan ji", "ji haan", "bilkul", "zaroor", "jarur", "badhai",
    "badhai ho", "mubarak", "mubarak ho", "janamdin mubarak", "shubhkamnaye",
    "shubhkamnayen", "phir milte hain", "chalo",
    "धन्यवाद", "शुक्रिया", "बधाई", "बधाई हो", "ठीक है", "हाँ",
)  # fmt: skip
#: Arabic.
ARABIC: tuple[str, ...] = (
    "شكرا", "شكرا جزيلا", "شكرا لك", "شكرا لكم", "الف شكر", "مشكور", "مشكورة",
    "يعطيك العافية", "الله يعطيك العافية", "جزاك الله خيرا", "جزاك الله خير",
    "بارك الله فيك", "تسلم", "تسلمي", "تسلم ايدك", "العفو", "عفوا", "لا شكر على واجب",
    "ولا يهمك", "تمام", "حسنا", "اوكي", "اوك", "نعم", "اكيد", "طيب", "ماشي", "ممتاز",
    "رائع", "جميل", "مبروك", "الف مبروك", "مبارك", "كل عام وانت بخير",
    "كل عام وانتم بخير", "عيد مبارك", "عيد سعيد", "رمضان كريم", "رمضان مبارك",
    "سنة سعيدة", "عام سعيد", "بالتوفيق", "موفق", "وفقك الله", "مع السلامة",
    "في امان الله", "تحياتي", "مع تحياتي", "وانت كذلك", "وانت بخير", "وانتم بخير",
    "الله يسلمك", "الله يبارك فيك", "حياك الله", "اهلا وسهلا",
)  # fmt: skip
#: Words that only join closer phrases ("thank you *so much*", "thanks *and*
#: congrats *to you too*", "merci *à toi*", "danke *dir*"). Alone they carry no
#: request; next to any other word they leave that word behind.
JOINERS: tuple[str, ...] = (
    "and", "so", "very", "much", "too", "also", "again", "really", "truly", "a",
    "lot", "all", "at all", "to", "you", "u", "your", "for", "the", "as", "well",
    "y", "muy", "mucho", "muchas", "ti", "te", "a ti", "también", "para", "por",
    "et", "à", "toi", "vous", "très", "aussi", "pour",
    "und", "dir", "ihnen", "dich", "euch", "auch", "sehr", "vielmals", "zum",
    "e", "muito", "você", "vc", "pra", "para você", "também", "tb", "tbm",
    "aur", "aapka", "aapko", "bahut", "bohot", "bhi",
    "و", "جدا", "جزيلا", "لك", "لكم", "كتير", "كثيرا", "يا", "الف",
)  # fmt: skip
#: How people address the one they thank ("thank you *bhai*", "danke *euch
#: allen*", "shukriya *ji*"): a form of address, not content.
ADDRESS: tuple[str, ...] = (
    "everyone", "team", "guys", "folks", "buddy", "bro", "brother", "man", "mate", "dude",
    "sir", "ma'am", "maam", "madam", "dear", "ji", "bhai", "bhaiya", "didi", "yaar",
    "amigo", "amiga", "hermano", "mec", "cher", "chère", "lieber", "liebe", "allen",
    "mano", "irmão", "habibi", "akhi", "اخي", "حبيبي",
)  # fmt: skip
#: Spelling games and laughter, as regular expressions over folded text:
#: "thaaanks", "okkk", "yesss", "hahaha", "jajaja", "kkkk", "rsrs", "lol", "xD".
PATTERNS: tuple[str, ...] = (
    r"tha+n+k+s+", r"tha+n+k+ y+o+u+", r"o+k+a*y*", r"ye+s+", r"ya+y+", r"wo+w+", r"co+l+",
    r"ni+ce+", r"gre+a+t+", r"(?:ha){2,}h?", r"(?:he){2,}h?", r"(?:ja){2,}", r"(?:je){2,}",
    r"(?:rs){2,}", r"k{3,}", r"lo+l", r"lmf?ao+", r"x+d+", r"mdr", r"ptdr",
)  # fmt: skip
#: Thanks, congratulations and wishes that may name what they are for: "thanks
#: for the heads up", "congrats on the promotion", "Danke für die Info",
#: "شكرا على التهنئة". Gratitude for something is still gratitude: with a
#: linking word (:data:`OBJECT_LINKS`) and at most :data:`OBJECT_MAX_WORDS`
#: words up to the end of its clause, the whole phrase counts as a closer.
OBJECT_HEADS: tuple[str, ...] = (
    "thanks", "thank you", "thank u", "thx", "many thanks", "appreciate it", "congrats",
    "congratulations", "good luck", "best of luck", "all the best", "happy",
    "gracias", "muchas gracias", "mil gracias", "felicidades", "felicitaciones",
    "enhorabuena", "suerte", "mucha suerte", "merci", "merci beaucoup", "félicitations",
    "bonne chance", "danke", "vielen dank", "herzlichen dank", "glückwunsch",
    "herzlichen glückwunsch", "viel erfolg", "viel glück", "obrigado", "obrigada",
    "muito obrigado", "muito obrigada", "parabéns", "boa sorte", "shukriya", "dhanyavaad",
    "badhai", "شكرا", "مبروك", "الف مبروك", "بالتوفيق",
)  # fmt: skip
#: The words that join a thanks or a wish to its object, per language.
OBJECT_LINKS: tuple[str, ...] = (
    "for", "on", "with", "in", "por", "en", "con", "pour", "sur", "für", "zu", "zum", "zur",
    "mit", "pela", "pelo", "com", "no", "na", "ke liye", "على", "في",
)  # fmt: skip
#: The longest object a thanks or a wish may name and stay a closer; longer,
#: it is usually news ("thanks for accepting I'm a data engineer in Madrid").
OBJECT_MAX_WORDS: int = 4
#: Question marks in Latin, Spanish and Arabic script: a question invites a reply.
QUESTION_MARKS: tuple[str, ...] = ("?", "¿", "؟")
#: Requests that invite a reply even without a question mark, per language.
#: Matched as whole words on folded text with punctuation turned to spaces.
REQUESTS: tuple[str, ...] = (
    # English
    "could you", "can you", "would you", "will you", "could we", "can we", "shall we",
    "should we", "do you", "did you", "are you", "have you", "is there", "let me know",
    "lmk", "please", "pls", "plz", "kindly", "how about", "what about", "would love your",
    "would love to", "i'd love to", "love to hear", "wondering if", "any chance",
    "mind sharing", "send me", "tell me", "ping me", "call me", "get back to me",
    "what do you think", "quick question", "any update", "any news",
    # Spanish
    "podrías", "podrias", "puedes", "puede usted", "me pasas", "me mandas", "me envías",
    "avísame", "me avisas", "dime", "cuéntame", "te parece", "quieres", "tienes tiempo",
    "por favor", "porfa", "te gustaría", "quedamos",
    # French
    "pourriez vous", "pourrais tu", "peux tu", "pouvez vous", "tiens moi au courant",
    "tenez moi au courant", "dis moi", "dites moi", "s'il te plait", "s'il vous plait",
    "stp", "svp", "est ce que", "tu es dispo", "es tu dispo", "seriez vous", "serais tu",
    "aurais tu", "auriez vous", "ça te dit",
    # German
    "könntest du", "kannst du", "könnten sie", "können sie", "würdest du", "würden sie",
    "hast du", "haben sie", "bist du", "sind sie", "lass mich wissen",
    "lassen sie mich wissen", "sag bescheid", "gib bescheid", "sag mir", "schick mir",
    "schicken sie mir", "meld dich", "melde dich", "hättest du", "hätten sie",
    "wollen wir", "sollen wir",
    # Portuguese
    "você pode", "pode me", "podes", "poderia", "me avisa", "me avise", "me manda",
    "me envia", "me passa", "me fala", "pfv", "você tem", "tem tempo", "vamos marcar",
    "que tal",
    # Hindi (Latin script)
    "kya aap", "kya tum", "aap bata", "bataiye", "batayein", "batao", "bata do",
    "bata dena", "bhej do", "bhejiye", "bhej dena", "kar sakte", "kar sakti", "kab",
    "kaise ho", "kaise hain", "kahan", "milte hain",
    # Arabic
    "هل", "ممكن", "من فضلك", "لو سمحت", "رجاء", "ارجو", "اخبرني", "متى", "كيف", "اين",
    "ابعث", "ارسل", "تقدر", "بامكانك", "ياريت", "يا ريت", "ما رايك", "شو رايك",
)  # fmt: skip

_LANGUAGES = (ENGLISH, SPANISH, FRENCH, GERMAN, PORTUGUESE, HINDI, ARABIC)
_APOSTROPHES = "’‘`´"
_NON_WORD = r"[^\p{L}\p{N}']+"
_WORD = r"[\p{L}\p{N}]+"
# no closer of n words is longer than this many bytes per word (emoji are 4 bytes)
_BYTES_PER_WORD = 40


def fold(text: str) -> str:
    """The comparison form of a text or phrase (scalar twin of :func:`fold_expr`).

    Examples
    --------
    >>> fold("Félicitations’"), fold("شكراً"), fold("DANKE SCHÖN")
    ("felicitations'", 'شكرا', 'danke schon')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    for mark in _APOSTROPHES:
        bare = bare.replace(mark, "'")
    return bare.replace("\u0640", "").lower()


def fold_expr(text: pl.Expr) -> pl.Expr:
    """Vectorised :func:`fold`: NFKD, no combining marks or tatweel, lower case.

    Examples
    --------
    >>> pl.select(fold_expr(pl.lit("Merci Beaucoup’"))).item()
    "merci beaucoup'"
    """
    return (
        text.str.normalize("NFKD")
        .str.replace_all(r"[\p{M}\x{0640}]", "")
        .str.replace_all(f"[{_APOSTROPHES}]", "'")
        .str.to_lowercase()
    )


def _phrases(phrases: Iterable[str]) -> str:
    """One alternation of whole-word phrases, longest first (regex alternation is ordered)."""
    words = {" ".join(fold(p).replace("-", " ").split()) for p in phrases}
    ordered = sorted((w for w in words if w), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in ordered)


_CLOSER_ALTERNATION = "|".join(
    [_phrases(p for lang in _LANGUAGES for p in lang), _phrases(JOINERS + ADDRESS), *PATTERNS]
)
_REQUEST = rf"\b(?:{_phrases(REQUESTS)})\b"
# a thanks or wish with its object, up to the end of the clause (punctuation, emoji or end)
_OBJECT = (
    rf"\b(?:{_phrases(OBJECT_HEADS)})(?:\s+(?:{_phrases(JOINERS)}))*\s+(?:{_phrases(OBJECT_LINKS)})"
    rf"(?:\s+[\p{{L}}\p{{N}}']+){{1,{OBJECT_MAX_WORDS}}}\s*(?:[^\p{{L}}\p{{N}}'\s]|$)"
)
_QUESTION = "[" + re.escape("".join(QUESTION_MARKS)) + "]"


def _words(folded: pl.Expr) -> pl.Expr:
    """Folded text with every run of non-word characters (emoji too) as one space."""
    return pl.concat_str(pl.lit(" "), folded.str.replace_all(_NON_WORD, " "), pl.lit(" "))


def _texts(text: pl.Series) -> pl.DataFrame:
    """The distinct texts of a Series (null as ""), folded and as spaced words."""
    uniq = text.cast(pl.String).fill_null("").unique().to_frame("t")
    return uniq.with_columns(_f=fold_expr(pl.col("t"))).with_columns(_w=_words(pl.col("_f")))


def _back(text: pl.Series, per_text: pl.DataFrame, column: str) -> pl.Series:
    """``per_text[column]`` for every row of ``text`` (joined back on the text)."""
    rows = text.cast(pl.String).fill_null("").to_frame("t")
    out = rows.join(per_text.select("t", column), on="t", how="left", maintain_order="left")
    return out[column].alias(text.name)


def _asks() -> pl.Expr:
    return pl.col("t").str.contains(_QUESTION) | pl.col("_w").str.contains(_REQUEST)


def asks(text: pl.Series) -> pl.Series:
    """Whether each message asks something: a question mark or a request (:data:`REQUESTS`).

    Examples
    --------
    >>> asks(pl.Series(["Thanks!", "Kannst du mir das schicken", "Are you free?"])).to_list()
    [False, True, True]
    """
    texts = _texts(text)
    return _back(text, texts.with_columns(_asks=_asks()), "_asks")


def is_closer(text: pl.Series, *, names: Sequence[str] = (), max_words: int = 12) -> pl.Series:
    """Whether each message is a conversation closer (see the module docstring).

    Each distinct text is judged once. A text longer than
    ``_BYTES_PER_WORD`` bytes per allowed word cannot be that short and is
    not folded at all, so long messages cost one length check.

    Parameters
    ----------
    text : polars.Series
        Message texts; null (no text: a sticker or an attachment) is a closer.
    names : sequence of str
        Names the sender may address the owner by ("Thanks Emil!"): each word
        of each name is allowed, like a form of address.
    max_words : int
        A closer has at most this many words
        (:attr:`~tiekeeper.scoring.params.ScoringParams.closer_max_words`).

    Returns
    -------
    polars.Series
        Boolean, same length and name as ``text``.

    Examples
    --------
    >>> texts = pl.Series(["Obrigado!", "Happy birthday! How is the new job going?", ""])
    >>> is_closer(texts).to_list()
    [True, False, True]
    >>> news = pl.Series(["Thanks for the deck!", "Thanks for the deck! I'm in Rome now."])
    >>> is_closer(news).to_list()
    [True, False]
    """
    limit = _BYTES_PER_WORD * (max_words + 1)
    short = text.cast(pl.String).fill_null("").str.len_bytes() <= limit
    texts = _texts(text.filter(short))
    extra = _phrases(w for n in names for w in re.split(r"[^\w']+", fold(n)) if len(w) > 1)
    alternation = _CLOSER_ALTERNATION + (f"|{extra}" if extra else "")
    # every closer phrase, joiner, address and name as a whole word, with its spaces
    closer_words = rf"(?:\s(?:{alternation}))+\s"
    bare = _words(pl.col("_f").str.replace_all(_OBJECT, " "))
    rest = bare.str.replace_all(closer_words, " ").str.replace_all(_NON_WORD, "")
    few = pl.col("_f").str.count_matches(_WORD) <= max_words
    judged = texts.with_columns(_closer=few & ~_asks() & (rest == ""))
    return _back(text, judged, "_closer").fill_null(False)


def invites_reply(text: pl.Series, *, names: Sequence[str] = (), max_words: int = 12) -> pl.Series:
    """Whether each message invites a reply: the negation of :func:`is_closer`.

    Examples
    --------
    >>> invites_reply(pl.Series(["Gracias!", "Would you be open to a chat?"])).to_list()
    [False, True]
    """
    return ~is_closer(text, names=names, max_words=max_words)
