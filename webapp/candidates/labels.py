"""Words for stored codes (statuses, platforms, owners…) in the page's language."""

from flask_babel import lazy_gettext as _l

STATUS = {
    "registered": _l("Registered, awaiting review"),
    "approved": _l("Approved"),
    "disqualified": _l("Disqualified"),
    "withdrawn": _l("Withdrawn"),
    "elected": _l("Elected"),
}
STATUS_SHORT = {
    "registered": _l("awaiting review"),
    "approved": _l("approved"),
    "disqualified": _l("disqualified"),
    "withdrawn": _l("withdrawn"),
    "elected": _l("elected"),
}
PLATFORM = {
    "eitaa": _l("Eitaa"),
    "bale": _l("Bale"),
    "rubika": _l("Rubika"),
    "splus": _l("Soroush Plus"),
    "igap": _l("iGap"),
    "website": _l("Website"),
    "aparat": _l("Aparat"),
    "instagram": _l("Instagram"),
    "telegram": _l("Telegram"),
    "other": _l("Other"),
}
OWNER = {
    "official": _l("Official pages"),
    "campaign": _l("Campaign pages"),
    "personal": _l("Personal pages"),
}
OWNER_CHOICE = {
    "official": _l("The candidate's official channel"),
    "campaign": _l("The campaign team's channel"),
    "personal": _l("A personal account"),
}
VERIFICATION = {
    "unverified": _l("not verified"),
    "listed": _l("listed in an official source"),
    "proven": _l("proven by the candidate"),
}
FIELD = {
    "display_name": _l("Name as shown"),
    "list_name": _l("List or coalition"),
    "statement": _l("Statement"),
    "channel_add": _l("Add a channel"),
    "channel_remove": _l("Remove a channel"),
    "other": _l("Something else"),
    "official_name": _l("Name on the official list"),
    "ballot_code": _l("Ballot code"),
    "incumbent": _l("Current member of parliament"),
    "status": _l("Status"),
    "channel": _l("Channel"),
    "channel owner": _l("Channel owner"),
    "channel verification": _l("Channel verification"),
    "channel removed": _l("Channel removed"),
    "campaign space": _l("Campaign space"),
}


def register(bp) -> None:
    """Make the label tables available to every template."""

    @bp.app_context_processor
    def candidate_labels():
        return {
            "status_label": lambda code: STATUS.get(code, code),
            "status_short": lambda code: STATUS_SHORT.get(code, code),
            "platform_label": lambda code: PLATFORM.get(code, code),
            "owner_label": lambda code: OWNER.get(code, code),
            "verification_label": lambda code: VERIFICATION.get(code, code),
            "field_label": lambda code: FIELD.get(code, code),
        }
