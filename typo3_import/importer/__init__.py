"""The import: TYPO3 news records as articles, their files as images and documents, their categories
as topics, their old addresses as redirects. Re-runnable: what each record became is remembered
(typo3_import.models.ImportedRecord) with a fingerprint of it, and a later run writes only what changed.

A run has three steps. The plan reads every record's light columns and decides what becomes of it
(which parent, which slug, which state, which old addresses). Then every record that has no page yet
gets one (a draft with its title), so that links between records resolve whatever their order.
Then the records are read in batches with their texts, files and relations and written, each in a
savepoint of its own: a record that fails is reported and the run goes on.

- `run`: the run in that order (Typo3Import), and one record's write with its fingerprint;
- `plan`: the options, what earlier runs made, the plan of each record, a batch's heavy columns;
- `topics`: categories as topics (or as the article's kind);
- `pages`: the pages and their translations, their state, restriction and retirement;
- `content`: what a record becomes (the article's fields and body blocks), as plain data;
- `files`: files as images and documents, once each;
- `links`: links and images in body texts, resolved to what was imported;
- `redirects`: the old addresses, planned and kept as redirects;
- `text`: teaser, credit and caption from TYPO3's short texts.

What a run did is told by typo3_import.report, TYPO3's database is read by typo3_import.typo3 and
its rich text converted by typo3_import.richtext.
"""

from .plan import CannotImport, Options
from .run import Typo3Import

__all__ = ["CannotImport", "Options", "Typo3Import"]
