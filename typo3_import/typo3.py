"""Reading a TYPO3 13 database (MariaDB or MySQL): the news records of tx_news and what they refer to.

Only what the import needs is read, table by table and in batches, so that the number of queries
grows with the number of batches, not of records. Columns are looked up before they are asked for:
a TYPO3 installation may lack a column (an extension not installed, an older schema) or have more
(its own extensions); a missing column reads as its TYPO3 default.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlparse

import pymysql
import pymysql.cursors

NEWS = "tx_news_domain_model_news"
BATCH = 500  # records per query for the heavy columns (texts) and their relations

# The columns of a news record the import reads, with the value TYPO3 uses when a column is missing.
NEWS_LIGHT = {
    "uid": 0,
    "pid": 0,
    "deleted": 0,
    "hidden": 0,
    "starttime": 0,
    "endtime": 0,
    "fe_group": "",
    "sys_language_uid": 0,
    "l10n_parent": 0,
    "t3ver_wsid": 0,
    "t3ver_oid": 0,
    "t3ver_state": 0,
    "type": "0",
    "title": "",
    "path_segment": None,
    "datetime": 0,
    "crdate": 0,
    "teaser": None,
    "author": None,
    "istopnews": 0,
    "internalurl": None,
    "externalurl": None,
    "tags": 0,
    "content_elements": 0,
}
NEWS_HEAVY = {"uid": 0, "bodytext": None}


class Typo3Error(Exception):
    """The TYPO3 database cannot be read as asked (no connection, no tx_news table)."""


@dataclass(frozen=True)
class DatabaseAddress:
    user: str
    password: str
    host: str
    port: int
    database: str

    @classmethod
    def parse(cls, url):
        """mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE (also mariadb://)."""
        parsed = urlparse(url)
        if parsed.scheme not in ("mysql", "mariadb") or not parsed.path.strip("/"):
            raise Typo3Error(
                f"Not a database address of the form mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE: {url}"
            )
        try:
            port = parsed.port or 3306
        except ValueError as error:
            raise Typo3Error(f"Not a port number in {url}") from error
        return cls(
            user=unquote(parsed.username or "root"),
            password=unquote(parsed.password or ""),
            host=parsed.hostname or "127.0.0.1",
            port=port,
            database=unquote(parsed.path.strip("/")),
        )

    def __str__(self):
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


class Typo3Database:
    """A read-only view of one TYPO3 database."""

    def __init__(self, address):
        self.address = address
        try:
            self.connection = pymysql.connect(
                host=address.host,
                port=address.port,
                user=address.user,
                password=address.password,
                database=address.database,
                charset="utf8mb4",
                cursorclass=pymysql.cursors.DictCursor,
                connect_timeout=10,
            )
        except pymysql.MySQLError as error:
            raise Typo3Error(f"Cannot connect to {address}: {error.args[-1]}") from error
        self.queries = 0
        self._columns = {}
        tables = {
            row["name"]
            for row in self.query(
                "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
            )
        }
        self.tables = tables
        if NEWS not in tables:
            raise Typo3Error(
                f"{address} has no table {NEWS}: is this the database of a TYPO3 site with tx_news?"
            )
        for row in self.query(
            "SELECT TABLE_NAME AS tbl, COLUMN_NAME AS col FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
        ):
            self._columns.setdefault(row["tbl"], set()).add(row["col"])

    def close(self):
        self.connection.close()

    def query(self, sql, params=()):
        self.queries += 1
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def columns(self, table):
        return self._columns.get(table, set())

    def has(self, table, column=None):
        return table in self.tables and (column is None or column in self.columns(table))

    def select(self, table, wanted, where="1=1", params=()):
        """Rows of `table` with the `wanted` columns ({name: default}); a missing column reads as its default."""
        present = [name for name in wanted if name in self.columns(table)]
        if not present:
            return []
        columns = ", ".join(f"`{name}`" for name in present)
        rows = self.query(f"SELECT {columns} FROM `{table}` WHERE {where}", params)  # noqa: S608 - names from the schema
        for row in rows:
            for name, default in wanted.items():
                if name not in row:
                    row[name] = default
        return rows

    def select_in(self, table, wanted, column, values, where="1=1", params=()):
        """`select` for rows whose `column` is one of `values`, in batches."""
        values = sorted(set(values))
        if column not in self.columns(table) or not values:
            return []
        rows = []
        for start in range(0, len(values), BATCH):
            chunk = values[start : start + BATCH]
            marks = ", ".join(["%s"] * len(chunk))
            rows += self.select(table, wanted, f"`{column}` IN ({marks}) AND {where}", (*chunk, *params))
        return rows

    def live_only(self, table):
        """The condition for rows of the live workspace (no workspace drafts, no move placeholders)."""
        parts = []
        if self.has(table, "t3ver_wsid"):
            parts.append("`t3ver_wsid` = 0")
        if self.has(table, "pid"):
            parts.append("`pid` >= 0")  # pid -1: versions of TYPO3 before 10
        return " AND ".join(parts) or "1=1"

    # What the import reads -------------------------------------------------------------------

    def news_records(self):
        """Every news record of the live workspace, deleted ones included (a record deleted since
        an earlier import is unpublished), without its body text."""
        return self.select(NEWS, NEWS_LIGHT, self.live_only(NEWS) + " ORDER BY `uid`")

    def news_bodies(self, uids):
        return {row["uid"]: row["bodytext"] for row in self.select_in(NEWS, NEWS_HEAVY, "uid", uids)}

    def categories(self):
        wanted = {"uid": 0, "title": "", "sys_language_uid": 0, "l10n_parent": 0, "parent": 0, "deleted": 0}
        table = "sys_category"
        if not self.has(table):
            return []
        return [row for row in self.select(table, wanted, self.live_only(table)) if not row["deleted"]]

    def category_links(self, uids):
        """(news uid, category uid) in TYPO3's order."""
        table = "sys_category_record_mm"
        if not self.has(table):
            return []
        wanted = {"uid_local": 0, "uid_foreign": 0, "sorting_foreign": 0}
        where, params = "1=1", ()
        if self.has(table, "tablenames"):
            where, params = "`tablenames` = %s AND `fieldname` = %s", (NEWS, "categories")
        rows = self.select_in(table, wanted, "uid_foreign", uids, where, params)
        rows.sort(key=lambda row: (row["uid_foreign"], row["sorting_foreign"], row["uid_local"]))
        return [(row["uid_foreign"], row["uid_local"]) for row in rows]

    def tag_names(self, uids):
        """{news uid: [tag title, ...]}"""
        mm, tags = "tx_news_domain_model_news_tag_mm", "tx_news_domain_model_tag"
        if not (self.has(mm) and self.has(tags)):
            return {}
        links = self.select_in(mm, {"uid_local": 0, "uid_foreign": 0, "sorting": 0}, "uid_local", uids)
        titles = {
            row["uid"]: row["title"]
            for row in self.select_in(
                tags, {"uid": 0, "title": "", "deleted": 0}, "uid", [r["uid_foreign"] for r in links]
            )
            if not row["deleted"]
        }
        names = {}
        for row in sorted(links, key=lambda r: (r["uid_local"], r["sorting"])):
            if row["uid_foreign"] in titles:
                names.setdefault(row["uid_local"], []).append(titles[row["uid_foreign"]] or "")
        return names

    def related_news(self, uids):
        """{news uid: [related news uid, ...]}"""
        mm = "tx_news_domain_model_news_related_mm"
        if not self.has(mm):
            return {}
        related = {}
        rows = self.select_in(mm, {"uid_local": 0, "uid_foreign": 0, "sorting": 0}, "uid_local", uids)
        for row in sorted(rows, key=lambda r: (r["uid_local"], r["sorting"])):
            related.setdefault(row["uid_local"], []).append(row["uid_foreign"])
        return related

    def related_links(self, uids):
        """{news uid: [(title, uri), ...]} from tx_news_domain_model_link."""
        table = "tx_news_domain_model_link"
        if not self.has(table):
            return {}
        wanted = {"uid": 0, "parent": 0, "title": "", "uri": "", "deleted": 0, "hidden": 0, "sorting": 0}
        links = {}
        rows = self.select_in(table, wanted, "parent", uids, self.live_only(table))
        for row in sorted(rows, key=lambda r: (r["parent"], r["sorting"], r["uid"])):
            if not row["deleted"] and not row["hidden"] and row["uri"]:
                links.setdefault(row["parent"], []).append((row["title"] or "", row["uri"]))
        return links

    def file_references(self, uids):
        """Live file references of news records (fal_media, fal_related_files), in TYPO3's order."""
        table = "sys_file_reference"
        if not self.has(table):
            return []
        wanted = {
            "uid": 0,
            "uid_local": 0,
            "uid_foreign": 0,
            "fieldname": "",
            "sorting_foreign": 0,
            "title": None,
            "description": None,
            "alternative": None,
            "showinpreview": 0,
            "deleted": 0,
            "hidden": 0,
            "sys_language_uid": 0,
        }
        rows = self.select_in(
            table, wanted, "uid_foreign", uids, f"`tablenames` = %s AND {self.live_only(table)}", (NEWS,)
        )
        rows = [row for row in rows if not row["deleted"] and not row["hidden"]]
        rows.sort(key=lambda row: (row["uid_foreign"], row["fieldname"], row["sorting_foreign"], row["uid"]))
        return rows

    def files(self, uids):
        """{sys_file uid: row}"""
        wanted = {
            "uid": 0,
            "storage": 0,
            "identifier": "",
            "name": "",
            "mime_type": "",
            "size": 0,
            "sha1": "",
            "missing": 0,
        }
        return {row["uid"]: row for row in self.select_in("sys_file", wanted, "uid", uids)}

    def files_by_identifier(self, identifiers):
        """{(storage, identifier): sys_file uid} for files linked by path (fileadmin/... in old texts)."""
        wanted = {"uid": 0, "storage": 0, "identifier": ""}
        return {
            (row["storage"], row["identifier"]): row["uid"]
            for row in self.select_in("sys_file", wanted, "identifier", identifiers)
        }

    def file_metadata(self, uids):
        """{sys_file uid: metadata row} in the default language; optional columns of EXT:filemetadata
        (creator, copyright) are read where they exist."""
        table = "sys_file_metadata"
        if not self.has(table):
            return {}
        wanted = {
            "uid": 0,
            "file": 0,
            "title": None,
            "description": None,
            "alternative": None,
            "creator": None,
            "copyright": None,
            "sys_language_uid": 0,
        }
        where = "`sys_language_uid` = 0" if self.has(table, "sys_language_uid") else "1=1"
        return {row["file"]: row for row in self.select_in(table, wanted, "file", uids, where)}

    def storages(self):
        """{storage uid: base path relative to the site's public folder} for local storages."""
        table = "sys_file_storage"
        if not self.has(table):
            return {}
        bases = {}
        for row in self.select(table, {"uid": 0, "configuration": None, "driver": "Local", "deleted": 0}):
            configuration = row["configuration"] or ""
            base = re.search(r'<field index="basePath">\s*<value index="vDEF">([^<]*)</value>', configuration)
            relative = re.search(
                r'<field index="pathType">\s*<value index="vDEF">relative</value>', configuration
            )
            if base and relative and not row["deleted"]:
                bases[row["uid"]] = base.group(1).strip("/")
        return bases

    def pages(self):
        """{page uid: row} (default language and translations) for links to pages."""
        wanted = {
            "uid": 0,
            "pid": 0,
            "slug": None,
            "title": "",
            "sys_language_uid": 0,
            "l10n_parent": 0,
            "deleted": 0,
            "doktype": 1,
        }
        if not self.has("pages"):
            return {}
        return {row["uid"]: row for row in self.select("pages", wanted, self.live_only("pages"))}

    def frontend_groups(self):
        if not self.has("fe_groups"):
            return {}
        return {row["uid"]: row["title"] for row in self.select("fe_groups", {"uid": 0, "title": ""})}


# Links in TYPO3's texts ---------------------------------------------------------------------------

T3_LINK = re.compile(
    r"t3://(?P<kind>[a-z]+)\?(?P<query>[^\"'\s<>#]*)(?:#(?P<anchor>[^\"'\s<>]*))?", re.IGNORECASE
)


@dataclass(frozen=True)
class Typolink:
    kind: str  # page, file, record, url, email, phone, folder, ...
    params: dict
    anchor: str = ""

    @property
    def uid(self):
        try:
            return int(self.params.get("uid", "0"))
        except ValueError:
            return 0

    def news_uid(self):
        """The news record a link names: t3://record?identifier=tx_news&uid=N, or a page link
        with tx_news_pi1[news]=N."""
        # tx_news registers its records for the link browser as "tx_news"; sites name their own ("news").
        if self.kind == "record" and "news" in self.params.get("identifier", ""):
            return self.uid
        value = self.params.get("tx_news_pi1[news]")
        if value and value.isdigit():
            return int(value)
        return 0


def parse_typolink(href):
    """A t3:// link as a Typolink, or None."""
    match = T3_LINK.fullmatch(href.strip())
    if not match:
        return None
    params = {
        key: values[0] for key, values in parse_qs(match.group("query"), keep_blank_values=True).items()
    }
    return Typolink(match.group("kind").lower(), params, match.group("anchor") or "")


LEGACY_FILE_LINK = re.compile(r"<link\s+[\"']?file:(\d+)", re.IGNORECASE)


def linked_file_uids(text):
    """The sys_file uids a text links to (t3://file?uid=N, <link file:N> before TYPO3 8)."""
    uids = {int(uid) for uid in LEGACY_FILE_LINK.findall(text or "")}
    for match in T3_LINK.finditer(text or ""):
        link = parse_typolink(match.group(0).replace("&amp;", "&"))
        if link and link.kind == "file" and link.uid:
            uids.add(link.uid)
    return uids


def shown_file_uids(text):
    """The sys_file uids of images a text shows (TYPO3's RTE marks them data-htmlarea-file-uid)."""
    return {int(uid) for uid in re.findall(r"data-htmlarea-file-uid=[\"'](\d+)[\"']", text or "")}


def fileadmin_paths(text, attribute):
    """Identifiers of files a text links (href) or shows (src) by their path, as old texts do."""
    pattern = attribute + r"=[\"']/?fileadmin/([^\"'?#]+)[\"']"
    return {"/" + unquote(path) for path in re.findall(pattern, text or "")}
