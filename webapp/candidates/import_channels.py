"""Import candidates' channels and constituencies' campaign spaces from one CSV, all or nothing.

Columns (header row, UTF-8):
    platform      eitaa / bale / rubika / splus / igap / website / aparat / instagram /
                  telegram / other (or ایتا، بله، روبیکا، سروش پلاس، آی‌گپ، وب‌سایت…)
    link          the address in any usual form: «@name», «eitaa.com/name»,
                  «https://www.eitaa.com/name/»; stored as one canonical https link
    candidate     the candidate's `ref` — a channel of that candidate; or leave it empty and
    constituency  give a constituency (id or exact name) — that messenger's campaign space
Optional columns:
    owner         official / campaign / personal (رسمی / ستاد / شخصی); official
    verification  unverified / listed (listed in an official source); unverified.
                  «proven» is set only by a moderator after the candidate's one-time code.
    last_checked  2024-02-20 or 1402/12/01; source: where the link was found

Look-alike or wrong domains, script and data URLs and private invite links are refused with
their line. A channel is matched on (candidate, canonical link); a campaign space on
(constituency, platform).
"""

from pathlib import Path

from sqlalchemy import select

from webapp.candidates.importing import (
    FAILED,
    CandidateRefs,
    ConstituencyIndex,
    CsvImporter,
    link_formats,
    run_in_transaction,
)
from webapp.candidates.link_formats import MESSENGERS
from webapp.candidates.links import normalize_link
from webapp.candidates.models import CampaignSpace, Channel
from webapp.candidates.rows import OWNER_WORDS, PLATFORM_WORDS, parse_date, parse_word
from webapp.data.importer import Report
from webapp.extensions import db
from webapp.text.normalize import clean_display

REQUIRED = ("platform", "link")
OPTIONAL = ("candidate", "constituency", "owner", "verification", "last_checked", "source")
VERIFY_WORDS = {"unverified": "unverified", "listed": "listed", "": "unverified"}


class ChannelImporter(CsvImporter):
    """Channels keyed by (candidate, url); campaign spaces by (constituency, platform)."""

    model = Channel
    required = REQUIRED
    optional = OPTIONAL

    def __init__(self, path: Path):
        super().__init__(path)
        self.formats = link_formats()
        self.refs = CandidateRefs()
        self.constituencies = ConstituencyIndex()

    def map_row(self, row, line):
        """Check one row and map it to a channel or a campaign space."""
        if not any(row.values()):
            self.skip("blank line")
            return None
        before = len(self.report.errors)
        platform = self.parse(line, "platform", parse_word, row["platform"], PLATFORM_WORDS)
        link = FAILED
        if platform is not FAILED:
            link = self.parse(line, "link", normalize_link, row["link"], platform, self.formats)
        values = self._target(line, row, platform)
        source = clean_display(row.get("source", ""))[:300] or self.source
        checked = self.parse(line, "last_checked", parse_date, row.get("last_checked", ""))
        if len(self.report.errors) > before:
            return None
        values |= {"platform": platform, "url": link.url, "source": source}
        if values["kind"] == "channel":
            values |= {"handle": link.handle, "last_checked": checked}
        return values

    def _target(self, line: int, row: dict, platform) -> dict:
        """A candidate's channel or, without a candidate, a constituency's campaign space."""
        if row.get("candidate"):
            found = self.parse(line, "candidate", self.refs.find, row["candidate"])
            owner = self.parse(
                line, "owner", parse_word, row.get("owner", ""), OWNER_WORDS, "official"
            )
            verification = row.get("verification", "").strip().lower()
            if verification not in VERIFY_WORDS:
                self.error(
                    line,
                    f"verification: {verification!r} must be unverified or listed "
                    "(proven is set only by a moderator after the candidate's one-time code)",
                )
            if found is FAILED:
                return {"kind": "channel"}
            return {
                "kind": "channel",
                "candidate_id": found[0],
                "owner": owner,
                "verification": VERIFY_WORDS.get(verification, "unverified"),
            }
        if not row.get("constituency"):
            self.error(line, "candidate or constituency: give one of them")
            return {"kind": "space"}
        found = self.parse(line, "constituency", self.constituencies.find, row["constituency"])
        if platform is not FAILED and platform not in MESSENGERS:
            self.error(line, "platform: a campaign space is on one of " + ", ".join(MESSENGERS))
        return {"kind": "space", "constituency_id": None if found is FAILED else found.id}

    def validate_all(self, mapped):
        """A channel once per candidate, a campaign space once per constituency and messenger."""
        seen = {}
        for line, values in mapped:
            if values["kind"] == "channel":
                key = ("channel", values["candidate_id"], values["url"])
            else:
                key = ("space", values["constituency_id"], values["platform"])
            if key in seen:
                self.error(line, f"link: {values['url']} is already on line {seen[key]}")
            seen.setdefault(key, line)

    def upsert(self, rows):
        """Create or update channels and campaign spaces, logging each change."""
        channels = {(c.candidate_id, c.url): c for c in db.session.scalars(select(Channel))}
        spaces = {
            (s.constituency_id, s.platform): s for s in db.session.scalars(select(CampaignSpace))
        }
        for values in rows:
            kind = values.pop("kind")
            if kind == "channel":
                self._channel(channels.get((values["candidate_id"], values["url"])), values)
            else:
                self._space(spaces.get((values["constituency_id"], values["platform"])), values)
        db.session.flush()

    def _channel(self, channel: Channel | None, values: dict) -> None:
        if channel is None:
            db.session.add(Channel(**values))
            self.log("channel", "", values["url"], candidate_id=values["candidate_id"])
            self.report.created += 1
            return
        changed = False
        for name, value in values.items():
            if name == "verification" and channel.verification == "proven":
                continue  # a moderator's proof outranks a list
            if getattr(channel, name) != value:
                if name in ("owner", "verification"):
                    self.log(f"channel {name}", getattr(channel, name), value, channel.candidate_id)
                setattr(channel, name, value)
                changed = True
        self.report.updated += changed
        self.report.unchanged += not changed

    def _space(self, space: CampaignSpace | None, values: dict) -> None:
        if space is None:
            db.session.add(CampaignSpace(**values, updated_at=self.now))
            self.log("campaign space", "", values["url"], constituency_id=values["constituency_id"])
            self.report.created += 1
            return
        if (space.url, space.source) == (values["url"], values["source"]) and not space.is_sample:
            self.report.unchanged += 1
            return
        self.log("campaign space", space.url, values["url"], constituency_id=space.constituency_id)
        space.url, space.source, space.is_sample = values["url"], values["source"], False
        space.updated_at = self.now
        self.report.updated += 1


def import_channels(path: Path) -> Report:
    """Import a channels CSV in one transaction; on any fault roll back and raise."""
    return run_in_transaction(ChannelImporter(Path(path)))
