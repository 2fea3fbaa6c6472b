"""What a run did and what needs the office's attention, printed as it goes and summed up at the end."""

from collections import Counter, defaultdict

# Problems that leave content incomplete. Only missing files are expected (a fileadmin copied in
# part, files TYPO3 had already lost): a run with nothing but those ends with exit status 0.
MISSING_FILE = "missing file"
EXPECTED_PROBLEMS = {MISSING_FILE}


class Report:
    def __init__(self, write):
        self.write = write
        self.counts = Counter()  # imported, updated, unchanged (per kind: news, file, topic)
        self.skipped = defaultdict(list)  # reason -> [record labels]
        self.problems = defaultdict(list)  # kind -> [details]
        self.notes = defaultdict(list)  # kind -> [details]
        self.record = None  # the record being worked on, named in each message

    def label(self):
        return self.record or ""

    def count(self, what, kind="news"):
        self.counts[(kind, what)] += 1

    def skip(self, reason, record):
        self.skipped[reason].append(record)

    def problem(self, kind, detail=""):
        line = " ".join(part for part in (self.label(), detail) if part)
        if line not in self.problems[kind]:
            self.problems[kind].append(line)
            self.write(f"  problem ({kind}): {line}")

    def note(self, kind, detail=""):
        line = " ".join(part for part in (self.label(), detail) if part)
        if line not in self.notes[kind]:
            self.notes[kind].append(line)

    @property
    def exit_status(self):
        """0 when nothing but missing files went wrong, 1 otherwise (the summary says what)."""
        return 0 if set(self.problems) <= EXPECTED_PROBLEMS else 1

    def summary(self, dry_run=False):
        out = self.write
        would = "would be " if dry_run else ""
        out("")
        out("Summary" + (" (dry run: nothing was saved)" if dry_run else ""))
        for kind, name in (("news", "news records"), ("file", "files"), ("topic", "categories")):
            parts = [
                f"{self.counts[(kind, what)]} {would}{what}"
                for what in ("imported", "updated", "unchanged", "unpublished")
                if self.counts[(kind, what)] or what in ("imported", "updated", "unchanged")
            ]
            out(f"  {name}: " + ", ".join(parts))
        skipped = sum(len(records) for records in self.skipped.values())
        out(f"  skipped: {skipped}")
        for reason, records in sorted(self.skipped.items()):
            out(
                f"    {reason}: {len(records)} ({', '.join(records[:20])}{', …' if len(records) > 20 else ''})"
            )
        problems = sum(len(lines) for lines in self.problems.values())
        out(f"  problems: {problems}")
        for kind, lines in sorted(self.problems.items()):
            out(f"    {kind}: {len(lines)}")
            for line in lines:
                out(f"      {line}")
        notes = sum(len(lines) for lines in self.notes.values())
        out(f"  notes: {notes}")
        for kind, lines in sorted(self.notes.items()):
            out(f"    {kind}: {len(lines)}")
            for line in lines:
                out(f"      {line}")
