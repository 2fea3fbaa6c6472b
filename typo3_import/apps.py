from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Typo3ImportConfig(AppConfig):
    """Moving in from TYPO3: the `import_typo3` command and what it remembers between runs."""

    name = "typo3_import"
    verbose_name = _("TYPO3 import")
