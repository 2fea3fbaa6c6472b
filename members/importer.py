"""The office's existing member list, imported from CSV: every row is checked first, errors are
reported per row in German, and either the whole file is imported or nothing is.

Columns (first row): organisation, kind, domains, first_name, last_name, email, function, committees.
`kind` and `function` take the German or English label or the key; `committees` lists
"Committee name: role" pairs separated by ";" (role optional, default member).
"""

import csv
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from calendar_app.models import Committee

from .models import (
    CommitteeMembership,
    JobFunction,
    MemberOrganisation,
    MemberProfile,
    OrganisationKind,
    Role,
)

COLUMNS = ["organisation", "kind", "domains", "first_name", "last_name", "email", "function", "committees"]
MAX_ROWS = 5000


def _choice(choices, value):
    """The key of a choice given as key, German label or English label (case-insensitive)."""
    wanted = value.strip().lower()
    for key, label in choices:
        if wanted == key:
            return key
        for language in ("de", "en"):
            with translation.override(language):
                if wanted == str(label).lower():
                    return key
    return None


@dataclass
class Row:
    number: int
    organisation: str
    kind: str
    domains: list
    first_name: str
    last_name: str
    email: str
    function: str
    seats: list = field(default_factory=list)  # (committee, role)


def read(upload):
    """Parse and check every row; returns (rows, errors) with errors as German sentences per row."""
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [_("The file is not UTF-8 text. Save it as CSV (UTF-8) and try again.")]
    dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t") if text.strip() else csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        return [], [_("Columns missing in the first row: %(columns)s.") % {"columns": ", ".join(missing)}]
    reader.fieldnames = header
    committees = {c.name.lower(): c for c in Committee.objects.filter(locale__language_code="de")}
    users = get_user_model().objects
    rows, errors, seen = [], [], set()
    for number, raw in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            errors.append(_("The file has more than %(max)s rows; split it.") % {"max": MAX_ROWS})
            break
        values = {key: (raw.get(key) or "").strip() for key in COLUMNS}
        problems = []
        if not values["organisation"]:
            problems.append(_("the organisation is missing"))
        kind = _choice(OrganisationKind.choices, values["kind"]) if values["kind"] else None
        if values["kind"] and kind is None:
            problems.append(_("unknown kind “%(value)s”") % {"value": values["kind"]})
        function = (
            _choice(JobFunction.choices, values["function"]) if values["function"] else JobFunction.OTHER
        )
        if function is None:
            problems.append(_("unknown function “%(value)s”") % {"value": values["function"]})
        email = values["email"].lower()
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("“%(value)s” is not an e-mail address") % {"value": values["email"]})
        else:
            if email in seen:
                problems.append(
                    _("the e-mail address %(email)s appears twice in the file") % {"email": email}
                )
            elif users.filter(email__iexact=email).exists():
                problems.append(_("there is already an account for %(email)s") % {"email": email})
            seen.add(email)
        if not values["first_name"] or not values["last_name"]:
            problems.append(_("first and last name are needed"))
        seats = []
        for item in filter(None, (part.strip() for part in values["committees"].split(";"))):
            name, _sep, role_text = item.partition(":")
            committee = committees.get(name.strip().lower())
            role = _choice(Role.choices, role_text) if role_text.strip() else Role.MEMBER
            if committee is None:
                problems.append(_("unknown committee “%(value)s”") % {"value": name.strip()})
            elif role is None:
                problems.append(_("unknown role “%(value)s”") % {"value": role_text.strip()})
            else:
                seats.append((committee, role))
        domains = [d.strip().lower() for d in values["domains"].replace(";", ",").split(",") if d.strip()]
        if problems:
            errors.append(
                _("Row %(number)s: %(problems)s.") % {"number": number, "problems": "; ".join(problems)}
            )
            continue
        rows.append(
            Row(
                number,
                values["organisation"],
                kind,
                domains,
                values["first_name"],
                values["last_name"],
                email,
                function,
                seats,
            )
        )
    if not rows and not errors:
        errors.append(_("The file has no rows below the first."))
    return rows, errors


@transaction.atomic
def import_rows(rows):
    """Create organisations, users, profiles and seats; all or nothing. Returns the new profiles."""
    created = []
    for row in rows:
        organisation, _new = MemberOrganisation.objects.get_or_create(
            name=row.organisation, defaults={"kind": row.kind or OrganisationKind.MUNICIPALITY}
        )
        if row.domains and not organisation.email_domains:
            organisation.email_domains = ", ".join(row.domains)
            organisation.save()
        user = get_user_model().objects.create(
            username=row.email, email=row.email, first_name=row.first_name, last_name=row.last_name
        )
        user.set_unusable_password()
        user.save()
        profile = MemberProfile.objects.create(user=user, organisation=organisation, function=row.function)
        for committee, role in row.seats:
            CommitteeMembership.objects.create(profile=profile, committee=committee, role=role)
        created.append(profile)
    return created
