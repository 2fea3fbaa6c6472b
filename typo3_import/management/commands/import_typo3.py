"""python manage.py import_typo3 mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE --files DIR …

Imports a TYPO3 site's news archive (tx_news) under the news index of each language; a second run
changes nothing, a later run writes what changed in TYPO3 since (docs/import.md).
"""

import re
import time

from django.core.management.base import BaseCommand, CommandError

from typo3_import.importer import CannotImport, Options, Typo3Import
from typo3_import.typo3 import DatabaseAddress, Typo3Database, Typo3Error


def language_pair(value):
    match = re.fullmatch(r"\s*(-?\d+)\s*=\s*([a-zA-Z-]+)\s*", value)
    if not match:
        raise ValueError(value)
    return int(match.group(1)), match.group(2).lower()


def old_url_pair(value):
    code, equals, pattern = value.partition("=")
    if not equals or not code.strip() or not pattern.startswith("/"):
        raise ValueError(value)
    return code.strip().lower(), pattern


class Command(BaseCommand):
    help = "Import the news archive (tx_news) of a TYPO3 13 site: articles, files, topics, translations, redirects."

    def add_arguments(self, parser):
        parser.add_argument("database", help="mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE of the TYPO3 site")
        parser.add_argument(
            "--files",
            metavar="DIR",
            help="the folder that contains fileadmin/ (a copy of the site's public folder)",
        )
        parser.add_argument(
            "--language",
            action="append",
            default=[],
            metavar="UID=CODE",
            help="a TYPO3 language (sys_language_uid) and the Wagtail language it becomes, e.g. 1=en; "
            "0 is the default language; repeatable",
        )
        parser.add_argument(
            "--old-url",
            action="append",
            default=[],
            metavar="LANG=PATTERN",
            help="the old address of a news record in a language, e.g. 'de=/aktuelles/detail/{path_segment}/' "
            "({path_segment}, {uid}, {year}, {month}, {day}); repeatable",
        )
        parser.add_argument(
            "--source",
            default="typo3",
            help="a name for this TYPO3 installation, kept with every imported record (default: typo3); "
            "use one per installation when importing two",
        )
        parser.add_argument(
            "--collection",
            default="Import aus TYPO3",
            help="the collection for imported images and documents",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what the import would do; save nothing"
        )

    def handle(self, *args, **options):
        try:
            languages = dict(language_pair(value) for value in options["language"])
        except ValueError as error:
            raise CommandError(f"--language wants UID=CODE, e.g. 1=en; got {error}") from error
        try:
            old_urls = dict(old_url_pair(value) for value in options["old_url"])
        except ValueError as error:
            raise CommandError(
                f"--old-url wants LANG=PATTERN with a path, e.g. 'de=/aktuelles/detail/{{path_segment}}/'; got {error}"
            ) from error
        if options["files"] is None:
            self.stderr.write(
                "No --files folder: files are reported missing, records are imported without them."
            )
        started = time.monotonic()
        try:
            address = DatabaseAddress.parse(options["database"])
            db = Typo3Database(address)
        except Typo3Error as error:
            raise CommandError(str(error)) from error
        write = self.stdout.write
        try:
            run = Typo3Import(
                db,
                Options(
                    source=options["source"],
                    files=options["files"],
                    languages=languages,
                    old_urls=old_urls,
                    dry_run=options["dry_run"],
                    collection=options["collection"],
                ),
                write,
            )
            report = run.run()
        except (CannotImport, Typo3Error) as error:
            raise CommandError(str(error)) from error
        finally:
            db.close()
        write(f"Done in {time.monotonic() - started:.1f} s ({db.queries} queries to TYPO3).")
        if report.exit_status:
            raise CommandError("Some records or files need attention (see the problems above).", returncode=1)
