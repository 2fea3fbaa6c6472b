# ruff: noqa: S608 - an SQL script of generated rows, each value quoted by quote()
"""A generated tx_news archive of any size: N German news records, every third with an English
translation, each with a lead image and a PDF (2N files), categories, links between records and to
files, and a table. For the query-count test and the benchmark (bench/import_bench.py)."""

import hashlib
import io
from pathlib import Path

from PIL import Image

from demo.media import make_pdf_file

CATEGORIES = ["Soziales", "Finanzen", "Schule und Kultur", "Verkehr", "Umwelt"]
START = 1262304000  # 1 January 2010
NEWS = "tx_news_domain_model_news"


def quote(value):
    return "'" + str(value).replace("\\", "\\\\").replace("'", "''") + "'"


def base_files():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 36), (0, 69, 125)).save(buffer, "JPEG", quality=70)
    pdf = make_pdf_file("x.pdf", "Stellungnahme", ["Erfundener Text."]).read()
    return buffer.getvalue(), pdf


def write_archive(database, files_dir, count):
    """Fill `database` (with the fixture's schema) and `files_dir/fileadmin` with `count` records."""
    files_dir = Path(files_dir)
    (files_dir / "fileadmin" / "archiv").mkdir(parents=True, exist_ok=True)
    jpeg, pdf = base_files()
    statements = ["SET NAMES utf8mb4;"]
    rows = [f"({number}, 10, {quote(name)})" for number, name in enumerate(CATEGORIES, start=1)]
    statements.append("INSERT INTO sys_category (uid, pid, title) VALUES " + ", ".join(rows) + ";")
    news, files, references, categories = [], [], [], []
    for uid in range(1, count + 1):
        image_uid, pdf_uid = 2 * uid - 1, 2 * uid
        # Bytes after a JPEG's end and a PDF's %%EOF are ignored by readers: each file is its own.
        image_bytes = jpeg + f"record {uid}".encode()
        pdf_bytes = pdf + f"% record {uid}\n".encode()
        for file_uid, name, data, mime in (
            (image_uid, f"bild-{uid}.jpg", image_bytes, "image/jpeg"),
            (pdf_uid, f"papier-{uid}.pdf", pdf_bytes, "application/pdf"),
        ):
            (files_dir / "fileadmin" / "archiv" / name).write_bytes(data)
            sha1 = hashlib.sha1(data).hexdigest()  # noqa: S324 - TYPO3's checksum
            files.append(
                f"({file_uid}, 1, {quote('/archiv/' + name)}, {quote(name)}, {quote(mime)}, {quote(sha1)}, {len(data)})"
            )
        references.append(
            f"({image_uid}, {uid}, '{NEWS}', 'fal_media', 1, 'Foto: Geschäftsstelle', {quote(f'Bild zur Meldung {uid}')}, 1)"
        )
        references.append(f"({pdf_uid}, {uid}, '{NEWS}', 'fal_related_files', 1, NULL, NULL, 0)")
        categories.append(
            f"({(uid % len(CATEGORIES)) + 1}, {uid}, 'tx_news_domain_model_news', 'categories', 1)"
        )
        previous = (
            f'<a href="t3://record?identifier=tx_news&amp;uid={uid - 1}">vorige Meldung</a>'
            if uid > 1
            else ""
        )
        body = (
            f"<p>Die Städte äußern sich zum Thema {uid}. {previous}</p>"
            f'<p>Das <a href="t3://file?uid={pdf_uid}">Papier</a> steht zum Download bereit.</p>'
            "<table><tr><th>Jahr</th><th>Mittel</th></tr><tr><td>2016</td><td>4,1</td></tr></table>"
        )
        news.append(
            f"({uid}, 10, 0, 0, {quote(f'Meldung {uid}: Die Städte fordern mehr')}, "
            f"{quote(f'Kurzfassung der Meldung {uid} mit „Anführungszeichen“.')}, {quote(body)}, "
            f"{START + uid * 86400}, {quote(f'meldung-{uid}')})"
        )
        if uid % 3 == 0:
            english = count + uid
            news.append(
                f"({english}, 10, 1, {uid}, {quote(f'News {uid}: cities demand more')}, "
                f"{quote(f'Summary of news {uid}.')}, {quote('<p>The cities comment.</p>')}, "
                f"{START + uid * 86400}, {quote(f'news-{uid}')})"
            )
    columns = "(uid, pid, sys_language_uid, l10n_parent, title, teaser, bodytext, datetime, path_segment)"
    for start in range(0, len(news), 500):
        statements.append(
            f"INSERT INTO tx_news_domain_model_news {columns} VALUES "
            + ", ".join(news[start : start + 500])
            + ";"
        )
    for start in range(0, len(files), 500):
        statements.append(
            "INSERT INTO sys_file (uid, storage, identifier, name, mime_type, sha1, size) VALUES "
            + ", ".join(files[start : start + 500])
            + ";"
        )
    for start in range(0, len(references), 500):
        statements.append(
            "INSERT INTO sys_file_reference (uid_local, uid_foreign, tablenames, fieldname, sorting_foreign, "
            "description, alternative, showinpreview) VALUES "
            + ", ".join(references[start : start + 500])
            + ";"
        )
    for start in range(0, len(categories), 500):
        statements.append(
            "INSERT INTO sys_category_record_mm (uid_local, uid_foreign, tablenames, fieldname, sorting_foreign) VALUES "
            + ", ".join(categories[start : start + 500])
            + ";"
        )
    database.execute("\n".join(statements))
    return count + count // 3
