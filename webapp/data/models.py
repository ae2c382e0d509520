"""Bookkeeping of data loads, so set-up can tell what is already in place."""

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db


class DataLoad(db.Model):
    """One completed load or import: what, when, and its report."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
