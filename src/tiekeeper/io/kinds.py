"""Who is a person: LinkedIn's own accounts and organisations among the senders.

Promotional senders write to members like people do. Later exports flag
their rows (sponsored / InMail, reference §4.2), but the 2018 ``Messages.csv``
has no such flag, and there LinkedIn Premium, company pages and advertisers
became the "strongest" ties. Each person in ``people`` therefore has a
``kind``:

``person``
    A member the owner may have a relationship with (the default).
``linkedin``
    One of LinkedIn's own accounts, by name (:data:`LINKEDIN_ACCOUNTS`,
    :data:`LINKEDIN_NAME_PATTERN`). Enough on its own.
``organisation``
    A company page, an advertiser or a mass sender, from the signals below.

Non-person kinds never enter ``interactions``, scores, the plan, owed replies
or the graph; they stay in ``people`` so that counts still add up.

Signals, for the messages a sender wrote to the owner (drafts and system
rows aside):

* **markup**: marketing markup that people do not type: LinkedIn's
  ``spinmail`` editor class and unfilled placeholders such as ``%FIRSTNAME%``
  (:data:`MARKUP_PHRASES`). Ordinary HTML (``<p>``, ``<br>``) is no signal:
  real personal messages carry it. The sponsored / InMail flag of later
  eras counts as markup.
* **footer**: a mailing-list footer ("unsubscribe", "you are receiving this …",
  :data:`FOOTER_PHRASES`) in two or more of the sender's messages (a person
  may say "I'll unsubscribe you" once).
* **repeated**: the same text of :data:`TEMPLATE_MIN_WORDS` words or more sent
  to the owner :data:`REPEAT_MIN` times or more.
* **organisation name**: a legal form ("Domainly Inc", :data:`LEGAL_FORMS`),
  two organisation words ("Cloudly Web Services", :data:`ORGANISATION_WORDS`;
  one is not enough: "Steve Jobs"), or a name cut short after "from" / "at"
  / "@" (2018 files truncate marketing senders' names: "Demo from").
* **stranger**: the owner never wrote to them and they are not a connection.
  This counts only together with another signal: otherwise every unanswered
  recruiter would become an organisation.

Decision:

* markup is **enough on its own** when it is in at least half of the
  sender's messages, or in any of them while the owner never wrote to the
  sender;
* otherwise two signals make an organisation (markup in a minority of the
  messages of someone the owner wrote to counts as one).
* A connection is always a person (or ``linkedin`` by name): company pages
  and advertisers cannot connect, and a connection who once sent an InMail is
  still a member the owner knows.

Examples
--------
>>> is_linkedin_name(pl.Series(["LinkedIn Premium", "Sam @ LinkedIn", "Ada Example"])).to_list()
[True, True, False]
>>> organisation_name(pl.Series(["Cloudly Web Services", "Demo from", "Steve Jobs"])).to_list()
[True, True, False]
"""

from __future__ import annotations

import polars as pl

__all__ = [
    "FOOTER_PHRASES",
    "KINDS",
    "LEGAL_FORMS",
    "LINKEDIN_ACCOUNTS",
    "LINKEDIN_NAME_PATTERN",
    "MARKUP_PHRASES",
    "ORGANISATION_WORDS",
    "REPEAT_MIN",
    "TEMPLATE_MIN_WORDS",
    "classify_senders",
    "is_linkedin_name",
    "marketing_markup",
    "organisation_name",
]

#: The values of ``people.kind``.
KINDS = ("person", "linkedin", "organisation")

#: Display names of LinkedIn's own accounts (compared case-insensitively).
LINKEDIN_ACCOUNTS: tuple[str, ...] = (
    "LinkedIn",
    "LinkedIn Premium",
    "LinkedIn Learning",
    "LinkedIn Sales Navigator",
    "LinkedIn Sales Solutions",
    "LinkedIn Recruiter",
    "LinkedIn Talent Solutions",
    "LinkedIn Marketing Solutions",
    "LinkedIn Jobs",
    "LinkedIn Job Alerts",
    "LinkedIn News",
    "LinkedIn Editors",
    "LinkedIn Help",
    "LinkedIn Customer Support",
    "LinkedIn Member Services",
    "LinkedIn Ads",
    "LinkedIn Pages",
    "LinkedIn Events",
    "LinkedIn for Business",
    "LinkedIn Security",
    "LinkedIn ProFinder",
    "LinkedIn Career Explorer",
    "LinkedIn Groups",
    "LinkedIn Team",
    "LinkedIn Updates",
)

#: Staff writing for LinkedIn: "Sam @ LinkedIn", "Sam from LinkedIn Premium",
#: "Sam at LinkedIn Learning", and any other "LinkedIn …" account name.
LINKEDIN_NAME_PATTERN = r"(?i)^linkedin(?:\s|$)|\s(?:@|from|at)\s*linkedin\b"

#: LinkedIn's sponsored editor and unfilled placeholders (case-insensitive
#: substrings of the raw content). People do not type these to one another.
MARKUP_PHRASES: tuple[str, ...] = (
    "spinmail",
    "%firstname%",
    "%lastname%",
    "%first_name%",
    "%last_name%",
    "%fname%",
    "%company%",
    "%companyname%",
    "{{first_name}}",
    "{{firstname}}",
    "*|fname|*",
    "[first name]",
)

#: Mailing-list footers (case-insensitive substrings). A person may mention
#: unsubscribing once ("I'll unsubscribe you"), so a footer is one sign among
#: others, and only when it recurs in two or more of the sender's messages.
FOOTER_PHRASES: tuple[str, ...] = (
    "unsubscribe",
    "you are receiving this",
    "you're receiving this",
    "you&#39;re receiving this",
    "you&rsquo;re receiving this",
    "you received this email",
    "you received this message because",
    "to stop receiving",
    "no longer wish to receive",
    "manage your email preferences",
    "update your email preferences",
    "view this email in your browser",
    "opt out of future",
    "opt-out of future",
)

#: Legal forms: a name that carries one is an organisation's (whole words).
LEGAL_FORMS: tuple[str, ...] = (
    "inc", "llc", "ltd", "limited", "gmbh", "plc", "corp", "corporation", "pvt", "pty",
    "srl", "sarl", "s.a.", "s.l.", "co.",
)  # fmt: skip
#: Words that pages and advertisers call themselves by. Many are also family names or
#: what recruiters add to their own names ("Steve Jobs", "Rita Ray (Hiring)"), so a
#: name is an organisation's only with two of them ("Cloudly Web Services").
ORGANISATION_WORDS: tuple[str, ...] = (
    "team", "careers", "jobs", "recruiting", "recruitment", "talent", "support",
    "marketing", "newsletter", "official", "academy", "institute", "university", "school",
    "solutions", "services", "technologies", "software", "cloud", "web", "hosting",
    "domains", "digital", "media", "agency", "consulting", "events", "webinar",
    "foundation", "association", "labs", "systems", "insurance", "magazine", "company",
)  # fmt: skip

#: Fewest words for a text to count as a template when repeated (short texts
#: such as "Thanks!" repeat between friends).
TEMPLATE_MIN_WORDS = 8
_TEXTLESS = ("text_key", "flag_marketing_markup", "flag_footer")
#: How often the same long text must reach the owner from one sender to be a
#: template (a person may re-send a message once).
REPEAT_MIN = 3


def _words(words: tuple[str, ...]) -> str:
    return (
        r"(?i)(?:^|[\s,(])(?:" + "|".join(w.replace(".", r"\.") for w in words) + r")(?:$|[\s,).])"
    )


_LEGAL = _words(LEGAL_FORMS)
_ORG = _words(ORGANISATION_WORDS)
_CUT = r"(?i)\s(?:from|at|@)$"
_PLACEHOLDER = r"%[A-Z][A-Z_]{2,}%"


def is_linkedin_name(names: pl.Series) -> pl.Series:
    """Whether each display name is one of LinkedIn's own accounts."""
    out = pl.repeat(False, len(names), dtype=pl.Boolean, eager=True).alias(names.name)
    # every such name holds "linkedin": test the few that do
    hit = names.str.contains_any(["linkedin"], ascii_case_insensitive=True).fill_null(False)
    idx = hit.arg_true()
    if len(idx) == 0:
        return out
    some = names.gather(idx)
    low = some.str.strip_chars().str.to_lowercase()
    listed = low.is_in([a.lower() for a in LINKEDIN_ACCOUNTS])
    member = low == "linkedin member"
    found = ((listed | some.str.contains(LINKEDIN_NAME_PATTERN)) & ~member).fill_null(False)
    return out.scatter(idx, found)


def organisation_name(names: pl.Series) -> pl.Series:
    """Whether each display name looks like an organisation's (a signal, not proof).

    A legal form (:data:`LEGAL_FORMS`), two organisation words
    (:data:`ORGANISATION_WORDS`), or a name cut short after "from" / "at" / "@".

    Examples
    --------
    >>> organisation_name(pl.Series(["Steve Jobs", "Acme Careers Team", "Domainly Inc"])).to_list()
    [False, True, True]
    """
    n = names.str.strip_chars()
    two = n.str.count_matches(_ORG.replace("(?:^|", "(?:\\b|")) >= 2
    return (n.str.contains(_LEGAL) | n.str.contains(_CUT) | two).fill_null(False)


def marketing_markup(content: pl.Series) -> pl.Series:
    """Whether each raw message content carries marketing markup or a mailing-list footer.

    Markup (:data:`MARKUP_PHRASES`, ``%FIRSTNAME%``-style placeholders) or a
    footer (:data:`FOOTER_PHRASES`); :func:`classify_senders` weighs the two
    differently.

    Examples
    --------
    >>> marketing_markup(pl.Series(["<p>Hi %FIRSTNAME%,</p>", "<p>See you <br> soon</p>",
    ...                             "Click to Unsubscribe", None])).to_list()
    [True, False, True, False]
    """
    return (_markup(content) | _footer(content)).alias(content.name)


def _markup(content: pl.Series) -> pl.Series:
    hit = content.str.contains_any(list(MARKUP_PHRASES), ascii_case_insensitive=True)
    pct = content.str.contains("%", literal=True)
    return (hit | (pct & content.str.contains(_PLACEHOLDER))).fill_null(False)


def _footer(content: pl.Series) -> pl.Series:
    hit = content.str.contains_any(list(FOOTER_PHRASES), ascii_case_insensitive=True)
    return hit.fill_null(False)


def classify_senders(messages: pl.DataFrame, connection_ids: pl.Series) -> pl.DataFrame:
    """The senders who are not persons, with the signals that decided.

    Parameters
    ----------
    messages : polars.DataFrame
        Finished messages (``sender_id``, ``from_owner``, ``recipient_ids``,
        ``content``, ``text``, ``words``, the flags).
    connection_ids : polars.Series
        ``person_id`` of every connection.

    Returns
    -------
    polars.DataFrame
        ``person_id``, ``kind`` (``linkedin`` or ``organisation``) and
        ``kind_evidence`` (list of signal names), one row per non-person
        sender; persons are not listed.
    """
    schema = pl.Schema(
        {"person_id": pl.String(), "kind": pl.String(), "kind_evidence": pl.List(pl.String())}
    )
    conn = connection_ids.drop_nulls().unique().implode()
    # a snapshot archived without text carries its flags instead (tiekeeper.archive.textless)
    textless = "text_key" in messages.columns
    # lazy, so that only the columns used are filtered (content is large)
    base = messages.lazy().filter(~pl.col("is_draft") & ~pl.col("is_system"))
    inbound = (
        base.filter(
            pl.col("from_owner").not_()
            & pl.col("sender_id").is_not_null()
            & ~pl.col("sender_id").is_in(conn)
        )
        .select(
            "sender_id",
            "sender_name",
            *(_TEXTLESS if textless else ("content", "text")),
            "words",
            "is_sponsored",
        )
        .collect()
    )
    if inbound.height == 0:
        return pl.DataFrame(schema=schema)
    # the people the owner wrote to, among these senders (hashing the lists costs more
    # than exploding them)
    written = (
        base.filter(pl.col("from_owner").fill_null(False))
        .select(pl.col("recipient_ids").explode().alias("sender_id"))
        .filter(pl.col("sender_id").is_in(inbound["sender_id"].unique().implode()))
        .unique()
        .collect()
    )
    if textless:
        by_markup, by_footer = inbound["flag_marketing_markup"], inbound["flag_footer"]
        text = "text_key"
    else:
        by_markup, by_footer = _markup(inbound["content"]), _footer(inbound["content"])
        text = "text"
    marked = by_markup | inbound["is_sponsored"]
    rows = inbound.with_columns(marked.alias("_marked"), by_footer.alias("_ft"))
    repeated = (
        rows.filter(pl.col("words") >= TEMPLATE_MIN_WORDS)
        .group_by("sender_id", text)
        .len()
        .filter(pl.col("len") >= REPEAT_MIN)
        .select("sender_id")
        .unique()
        .with_columns(pl.lit(True).alias("_repeated"))
    )
    per = (
        rows.group_by("sender_id")
        .agg(
            pl.len().alias("_n"),
            pl.col("_marked").sum().alias("_n_marked"),
            pl.col("_ft").sum().alias("_n_footer"),
            pl.col("sender_name").drop_nulls().first().alias("_name"),
        )
        .join(repeated, on="sender_id", how="left")
        .with_columns(
            pl.col("_repeated").fill_null(False),
            pl.col("sender_id").is_in(written["sender_id"].implode()).alias("_written"),
        )
    )
    per = per.with_columns(
        is_linkedin_name(per["_name"]).alias("_linkedin"),
        organisation_name(per["_name"]).alias("_org_name"),
    )
    markup = pl.col("_n_marked") > 0
    alone = (pl.col("_n_marked") * 2 >= pl.col("_n")) | (markup & ~pl.col("_written"))
    stranger = ~pl.col("_written")  # not a connection already (filtered above)
    footer = pl.col("_n_footer") >= 2
    signs = (
        markup.cast(pl.Int32)
        + footer.cast(pl.Int32)
        + pl.col("_repeated").cast(pl.Int32)
        + pl.col("_org_name").cast(pl.Int32)
    )
    evidence = pl.concat_list(
        pl.when(pl.col("_linkedin")).then(pl.lit("linkedin name")),
        pl.when(markup).then(pl.lit("marketing markup")),
        pl.when(footer).then(pl.lit("mailing-list footer")),
        pl.when(pl.col("_repeated")).then(pl.lit("repeated text")),
        pl.when(pl.col("_org_name")).then(pl.lit("organisation name")),
        pl.when(stranger).then(pl.lit("never written to, not a connection")),
    ).list.drop_nulls()
    out = per.with_columns(
        pl.when(pl.col("_linkedin"))
        .then(pl.lit("linkedin"))
        .when(alone | (signs + stranger.cast(pl.Int32) >= 2))
        .then(pl.lit("organisation"))
        .otherwise(pl.lit("person"))
        .alias("kind"),
        evidence.alias("kind_evidence"),
    )
    return (
        out.filter(pl.col("kind") != "person")
        .select(pl.col("sender_id").alias("person_id"), "kind", "kind_evidence")
        .sort("person_id")
        .cast(schema)
    )
