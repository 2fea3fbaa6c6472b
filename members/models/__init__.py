"""The members' half: member organisations and their staff, committee memberships, circulars
(Rundschreiben) and meeting papers (Sitzungsunterlagen).

Who may see what is decided in members.access, never by obscurity: circulars live below a members'
area page whose view restriction admits the members' group (so every public surface leaves them
out by Wagtail's own `.public()`), and each meeting paper is served only through a permission check.
"""

from .membership import (
    MEMBERS_GROUP,
    OFFICE_GROUP,
    CommitteeMembership,
    CommitteeSettings,
    JobFunction,
    MemberOrganisation,
    MemberProfile,
    OrganisationKind,
    Role,
)
from .pages import CircularAttachment, CircularIndexPage, CircularPage, CircularRelatedPage, MembersAreaPage
from .papers import MeetingPaper, PaperKind
from .sessions import Agenda, AgendaItem, Invitation, InviteeRole, Reply, meetings_on, occurrence_of

__all__ = [
    "MEMBERS_GROUP",
    "OFFICE_GROUP",
    "CircularAttachment",
    "CircularIndexPage",
    "CircularPage",
    "CircularRelatedPage",
    "CommitteeMembership",
    "CommitteeSettings",
    "JobFunction",
    "MeetingPaper",
    "MemberOrganisation",
    "MemberProfile",
    "MembersAreaPage",
    "OrganisationKind",
    "PaperKind",
    "Role",
    "Agenda",
    "AgendaItem",
    "Invitation",
    "InviteeRole",
    "Reply",
    "meetings_on",
    "occurrence_of",
]
