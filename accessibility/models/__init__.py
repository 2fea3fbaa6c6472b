"""What German accessibility law asks of a public body's site beyond WCAG (BITV 2.0 and the Länder's
counterparts, in Hesse the HVBIT): pages in Leichte Sprache and in German Sign Language (§ 4), the
accessibility statement (§ 7), and the reports of barriers that the office must answer (the
feedback mechanism, § 7 Abs. 1 Nr. 2 BITV 2.0).

One module per concern: the Leichte Sprache and sign language pages (pages), the statement
(statement), the sign language videos (videos) and the barrier reports (barrier_reports). Django
finds the models through the names imported here.
"""

from .barrier_reports import BarrierReport, ReportStatus, answer_deadline
from .pages import CACHE_TAG, AccessibilityPage, EasyLanguagePage, SignLanguagePage
from .statement import AccessibilityStatementPage, AssessmentMethod, Conformance, EnforcementBody
from .videos import SignLanguageVideo

__all__ = [
    "CACHE_TAG",
    "AccessibilityPage",
    "AccessibilityStatementPage",
    "AssessmentMethod",
    "BarrierReport",
    "Conformance",
    "EasyLanguagePage",
    "EnforcementBody",
    "ReportStatus",
    "SignLanguagePage",
    "SignLanguageVideo",
    "answer_deadline",
]
