"""messages.csv in the layout of each era (format reference §4.2).

* ``2025``: the 10 columns + ``IS MESSAGE DRAFT`` (2024-12 to 2025-03).
* ``2023``: the 10 columns (2023-04 to 2025-03): drafts are known only by
  their empty conversation id, TO and folder.
* ``2021``: 9 columns, no ``RECIPIENT PROFILE URLS`` (2021-05 to 2023-03):
  sender URLs exist, recipient URLs do not.
* ``2018``: ``Messages.csv`` with ``From,To,Date,Subject,Content,Direction,Folder``,
  F1 dates (naive US Pacific), ``INCOMING``/``OUTGOING``, folders ``INBOX``,
  ``SENT`` and ``ARCHIVED``, rows grouped by folder (newest first inside
  each). No conversation ids and no URLs, so drafts, system rows and SPAM rows
  have no 2018 shape and are not written; sponsored senders are cut to two
  words and lose the ``spinmail`` markup.

``resaved=True`` writes every non-empty TO as ``LinkedIn Member`` and drops
the recipient URLs, as in a copy whose recipients were anonymised.

Examples
--------
>>> header("2021")
'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER'
"""

from __future__ import annotations

import polars as pl

from tiekeeper.datasets._format import fmt_f1
from tiekeeper.datasets._messages import MESSAGE_COLUMNS
from tiekeeper.datasets._realistic_phrases import SPINMAIL_P
from tiekeeper.datasets._writer import CsvFile

__all__ = ["HEADER_2018", "header", "messages_file"]

HEADER_2018 = "From,To,Date,Subject,Content,Direction,Folder"
_FOLDER_ORDER = {"INBOX": 0, "SENT": 1, "ARCHIVED": 2}
#: Parts of the story that the 2018 layout cannot show.
_NO_2018_SHAPE = ("draft", "system")


def header(layout: str) -> str:
    """The messages header of ``layout``."""
    cols = list(MESSAGE_COLUMNS)
    if layout == "2018":
        return HEADER_2018
    if layout != "2025":
        cols.remove("IS MESSAGE DRAFT")
    if layout == "2021":
        cols.remove("RECIPIENT PROFILE URLS")
    return ",".join(cols)


def _resave(file: pl.DataFrame) -> pl.DataFrame:
    to = pl.col("TO")
    return file.with_columns(
        pl.when(to.is_not_null() & (to != ""))
        .then(pl.lit("LinkedIn Member"))
        .otherwise(to)
        .alias("TO"),
        pl.lit(None, pl.String).alias("RECIPIENT PROFILE URLS"),
    )


def _messages_2018(file: pl.DataFrame, meta: pl.DataFrame) -> pl.DataFrame:
    sponsored = pl.col("part") == "sponsored"
    first_two = pl.col("FROM").str.extract(r"^(\S+(?:\s+\S+)?)", 1)
    folder = (
        pl.when(pl.col("from_owner"))
        .then(pl.lit("SENT"))
        .when(pl.col("FOLDER") == "ARCHIVE")
        .then(pl.lit("ARCHIVED"))
        .otherwise(pl.lit("INBOX"))
    )
    return (
        pl.concat([file, meta], how="horizontal")
        .filter(~pl.col("part").is_in(_NO_2018_SHAPE) & (pl.col("FOLDER") != "SPAM"))
        .with_columns(folder.alias("Folder"))
        .with_columns(pl.col("Folder").replace_strict(_FOLDER_ORDER).alias("_rank"))
        .sort(["_rank", "seconds"], descending=[False, True], maintain_order=True)
        .select(
            pl.when(sponsored).then(first_two).otherwise(pl.col("FROM")).alias("From"),
            pl.col("TO").alias("To"),
            fmt_f1(pl.col("seconds")).alias("Date"),
            pl.col("SUBJECT").alias("Subject"),
            pl.when(sponsored)
            .then(pl.col("CONTENT").str.replace_all(SPINMAIL_P, "<p>", literal=True))
            .otherwise(pl.col("CONTENT"))
            .alias("Content"),
            pl.when(pl.col("from_owner"))
            .then(pl.lit("OUTGOING"))
            .otherwise(pl.lit("INCOMING"))
            .alias("Direction"),
            "Folder",
        )
    )


def messages_file(
    file: pl.DataFrame, meta: pl.DataFrame, layout: str, *, resaved: bool = False
) -> CsvFile:
    """The messages file of ``layout`` from the 2025 rows and their ``meta``
    (:class:`~tiekeeper.datasets._messages.Messages`)."""
    if resaved:
        file = _resave(file)
    if layout == "2025":
        return CsvFile("messages.csv", file)
    if layout == "2018":
        return CsvFile("Messages.csv", _messages_2018(file, meta), header=HEADER_2018)
    cols = header(layout).split(",")
    return CsvFile("messages.csv", file.select(cols), header=header(layout))
