"""TYPO3's files (sys_file, read from the copy of fileadmin/ given as --files) as images and
documents: each file once, found again by its sha1, in the import's collection, or beside it in a
members-only collection while only members-only records use it."""

import hashlib
import mimetypes
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from typo3_import.report import MISSING_FILE
from typo3_import.typo3 import fileadmin_paths, linked_file_uids, shown_file_uids

from .plan import FILE
from .text import credit_and_caption

IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}


def collections(name, members_groups):
    """The office's collection for imports, and beside it one for members-only records' documents."""
    root = Collection.get_first_root_node()
    public = root.get_children().filter(name=name).first()
    if public is None:
        public = root.add_child(name=name)
    members_name = f"{name} (Mitglieder)"
    members = public.get_children().filter(name=members_name).first()
    if members is None:
        members = public.add_child(name=members_name)
    restriction = CollectionViewRestriction.objects.filter(collection=members).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=members, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(members_groups)
    return public, members


class Files:
    """The files of a run's records, imported batch by batch before the records that show them."""

    def __init__(self, db, options, report, records, collection, members_collection, storages, progress):
        self.db = db
        self.options = options
        self.report = report
        self.records = records
        self.collection = collection
        self.members_collection = members_collection
        self.files_dir = Path(options.files).resolve() if options.files else None
        self.storages = storages  # sys_file_storage uid -> its folder
        self.progress = progress
        self.results = {}  # sys_file uid -> {"image": id, "document": id} ({}: not imported, reported)
        self.by_sha1 = {}  # sha1 -> {"image": id, "document": id}
        self.path_files = {}  # (storage, identifier) -> sys_file uid, for the batch's fileadmin/ paths

    def import_files(self, plans, batch):
        """Every file the batch's records use, each once (by sha1), before the records that show them."""
        db = self.db
        uses = {}  # sys_file uid -> how the records use it: "media" (shown), "document", "linked" (in a text)
        public_use = set()
        linked_paths, shown_paths = set(), set()
        for plan in plans:
            wanted = []
            for ref in batch.references_of(plan, "fal_media"):
                wanted.append((ref["uid_local"], "media"))
            for ref in batch.references_of(plan, "fal_related_files"):
                wanted.append((ref["uid_local"], "document"))
            body = batch.bodies.get(plan.uid) or ""
            wanted += [(file_uid, "linked") for file_uid in linked_file_uids(body)]
            wanted += [(file_uid, "media") for file_uid in shown_file_uids(body)]
            linked_paths |= fileadmin_paths(body, "href")
            shown_paths |= fileadmin_paths(body, "src")
            for file_uid, use in wanted:
                uses.setdefault(file_uid, set()).add(use)
                if not plan.restricted:
                    public_use.add(file_uid)
        self.path_files = (
            db.files_by_identifier(linked_paths | shown_paths) if linked_paths or shown_paths else {}
        )
        for (_storage, identifier), file_uid in self.path_files.items():
            uses.setdefault(file_uid, set()).add("linked" if identifier in linked_paths else "media")
            if identifier in shown_paths:
                uses[file_uid].add("media")
            public_use.add(file_uid)
        todo = [uid for uid in uses if uid not in self.results]
        if not todo:
            return
        files = db.files(todo)
        metadata = db.file_metadata(todo)
        first_refs = {}
        for refs in batch.references.values():
            for ref in refs:
                first_refs.setdefault(ref["uid_local"], ref)
        hashes = {row["sha1"] for row in files.values() if row["sha1"]}
        Image, Document = get_image_model(), get_document_model()
        for image_id, file_hash in Image.objects.filter(file_hash__in=hashes).values_list("id", "file_hash"):
            self.by_sha1.setdefault(file_hash, {}).setdefault("image", image_id)
        for document_id, file_hash in Document.objects.filter(file_hash__in=hashes).values_list(
            "id", "file_hash"
        ):
            self.by_sha1.setdefault(file_hash, {}).setdefault("document", document_id)
        for number, file_uid in enumerate(sorted(todo), start=1):
            self.report.record = f"file {file_uid}"
            row = files.get(file_uid)
            if row is None:
                self.report.problem(MISSING_FILE, "not in sys_file")
                self.results[file_uid] = {}
                continue
            try:
                with transaction.atomic():
                    self.results[file_uid] = self.import_file(
                        row,
                        metadata.get(file_uid),
                        first_refs.get(file_uid),
                        uses[file_uid],
                        file_uid in public_use,
                    )
            except Exception as error:  # noqa: BLE001 - a bad file never stops the run
                self.report.problem(
                    "file not imported", f"{row['identifier']}: {type(error).__name__}: {error}"
                )
                self.results[file_uid] = {}
            if number % 100 == 0:
                self.progress(f"Files: {number}/{len(todo)}")
        self.progress(f"Files: {len(todo)}/{len(todo)}")
        self.report.record = None

    def file_path(self, row):
        identifier = row["identifier"] or ""
        storage = row["storage"]
        if storage == 1:
            base = "fileadmin"
        elif storage == 0:
            base = ""
        elif storage in self.storages:
            base = self.storages[storage]
        else:
            return None
        path = (self.files_dir / base / identifier.lstrip("/")).resolve()
        if not path.is_relative_to(self.files_dir):
            return None  # "../" in an identifier: never outside --files
        return path

    def import_file(self, row, metadata, ref, uses, public):
        report = self.report
        mapping = self.records.mapping(FILE, row["uid"])
        mime = (row["mime_type"] or mimetypes.guess_type(row["name"] or "")[0] or "").lower()
        name = row["name"] or Path(row["identifier"]).name
        extension = Path(name).suffix.lower().lstrip(".")
        is_image = mime in IMAGE_TYPES and "media" in uses
        wants_document = bool(uses & {"document", "linked"}) or ("media" in uses and not is_image)
        if mapping.pk:
            result = {}
            if mapping.image_id:
                result["image"] = mapping.image_id
            if mapping.document_id:
                result["document"] = mapping.document_id
                if public:
                    self.make_public(mapping.document_id)
            if (not is_image or "image" in result) and (not wants_document or "document" in result):
                report.count("unchanged", "file")
                return result
        if self.files_dir is None:
            report.problem(MISSING_FILE, f"{row['identifier']} (no --files folder given)")
            return {}
        path = self.file_path(row)
        if path is None:
            report.problem(
                "file not imported",
                f"{row['identifier']}: storage {row['storage']} is not a local folder under --files",
            )
            return {}
        if not path.is_file():
            report.problem(
                MISSING_FILE,
                f"{path.relative_to(self.files_dir) if path.is_relative_to(self.files_dir) else path}",
            )
            return {}
        sha1 = hashlib.sha1(path.read_bytes()).hexdigest()  # noqa: S324 - TYPO3's checksum, not security
        if row["sha1"] and row["sha1"].lower() != sha1:
            report.problem(
                "bad sha1", f"{row['identifier']}: the file's sha1 is {sha1}, TYPO3 recorded {row['sha1']}"
            )
            return {}
        known = self.by_sha1.setdefault(sha1, {})
        result = {}
        meta = metadata or {}
        ref = ref or {}
        if is_image:
            if "image" not in known:
                alt = ref.get("alternative")
                if alt is None or not alt.strip():
                    alt = meta.get("alternative") or ""
                credit, _caption = credit_and_caption(
                    ref.get("description"), ref.get("title"), meta.get("description"), meta.get("title")
                )
                credit = credit or (meta.get("copyright") or meta.get("creator") or "").strip()[:255]
                title = (meta.get("title") or "").strip() or Path(name).stem.replace("_", " ").replace(
                    "-", " "
                )
                if not alt.strip():
                    report.note("image without alternative text", row["identifier"])
                known["image"] = self.save_image(path, name, title[:255], alt.strip()[:255], credit, sha1)
            result["image"] = known["image"]
        if wants_document:
            if extension not in settings.WAGTAILDOCS_EXTENSIONS:
                report.problem(
                    "file type not accepted for documents",
                    f"{row['identifier']} (.{extension}; see WAGTAILDOCS_EXTENSIONS)",
                )
            else:
                if "document" not in known:
                    title = (ref.get("title") or meta.get("title") or "").strip() or Path(name).stem.replace(
                        "_", " "
                    ).replace("-", " ")
                    known["document"] = self.save_document(path, name, title[:255], sha1, public)
                elif public:
                    self.make_public(known["document"])
                result["document"] = known["document"]
        previous = {"image": mapping.image_id, "document": mapping.document_id}
        if any(result.get(kind) and result[kind] != previous[kind] for kind in result):
            report.count("updated" if mapping.pk else "imported", "file")
        elif mapping.pk:
            report.count("unchanged", "file")
        if not self.options.dry_run and result:
            mapping.image_id = result.get("image", mapping.image_id)
            mapping.document_id = result.get("document", mapping.document_id)
            mapping.fingerprint = sha1
            mapping.save()
        return result

    def save_image(self, path, name, title, alt, credit, sha1):
        if self.options.dry_run:
            return None
        image = get_image_model()(
            title=title,
            alt_text=alt,
            credit=credit,
            collection=self.collection,
            file_hash=sha1,
            file_size=path.stat().st_size,
        )
        with path.open("rb") as handle:
            image.file.save(name, File(handle), save=False)
        image.save()
        return image.pk

    def save_document(self, path, name, title, sha1, public):
        if self.options.dry_run:
            return None
        document = get_document_model()(
            title=title,
            collection=self.collection if public else self.members_collection,
            file_hash=sha1,
            file_size=path.stat().st_size,
        )
        with path.open("rb") as handle:
            document.file.save(name, File(handle), save=False)
        document.save()
        return document.pk

    def make_public(self, document_id):
        """A document a public record uses leaves the members' collection."""
        if document_id and get_document_model().objects.filter(
            pk=document_id, collection=self.members_collection
        ).update(collection=self.collection):
            self.report.note(
                "document used by a public record: moved to the public collection", str(document_id)
            )
