"""The project stands alone: no file of the repository refers to a file outside it.

A newcomer has the clone and nothing beside it. A test that reads a folder next to the project, a
script that points to a notes file on one machine, or a comment that sends the reader to a document
that is not in the repository fails or misleads there. Every tracked file is scanned for:

- absolute paths into the repository's own folder or the folder around it (this machine's layout);
- relative paths that climb out of the repository into a folder beside it;
- Python that takes the parent of the repository's root (`BASE_DIR.parent`, `ROOT.parent`);
- documents named that the repository does not have (`NAME.md`, or a bare upper-case name such as
  `(see SOME_NOTES)` that is neither a file nor a name the project defines).

System locations (`/usr/bin/chromium`, `/etc/postgresql`) are the machine's programs, not files of a
project beside this one, and are not reported. This file is not scanned: it names the patterns.
"""

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
# Folders that hold the machine's own programs and data, never another project's files.
SYSTEM_FOLDERS = {
    "/",
    "/tmp",  # noqa: S108  (names, nothing is written there)
    "/home",
    "/root",
    "/srv",
    "/opt",
    "/var",
    "/usr",
    "/etc",
    "/mnt",
}
# Without git (an exported tree), the folders .gitignore keeps out of the repository.
UNTRACKED = {".git", ".venv", "__pycache__", "media", "staticfiles", "node_modules"}

THIS_FILE = str(Path(__file__).resolve().relative_to(ROOT))
RELATIVE_PATH = re.compile(r"(?<![\w.~/-])(?:[\w.~-]+/)*(?:\.\./)+[\w~-][\w.~/-]*")
ROOT_PARENT = re.compile(r"\b(?:BASE_DIR|ROOT)\)?\s*\.\s*parent\b")
MARKDOWN_NAME = re.compile(r"(?<![\w.-])([\w-]+\.md)\b")  # a file name, alone or ending a path
UPPER_NAME = r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"
NAMED_DOCUMENT = re.compile(rf"(?:\bsee |\()({UPPER_NAME})\b(?!\s*[=(])")
DEFINED_NAME = re.compile(rf"\b({UPPER_NAME})\b\s*(?:=|:|\()|[\"'`$\[{{.]({UPPER_NAME})\b")


def repository_files():
    """Every file git tracks (or, outside a git checkout, every file but the ignored folders)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
        names = [name for name in listed.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        names = []
        for folder, subfolders, files in os.walk(ROOT):
            subfolders[:] = [name for name in subfolders if name not in UNTRACKED]
            names += [str((Path(folder) / name).relative_to(ROOT)) for name in files]
    return [name for name in names if (ROOT / name).is_file()]


def texts():
    """The text files among them (images, compiled catalogues and other binaries are left out)."""
    found = {}
    for name in repository_files():
        if name == THIS_FILE:
            continue
        data = (ROOT / name).read_bytes()
        if b"\0" in data:
            continue
        try:
            found[name] = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
    return found


def outside_prefixes():
    """Absolute paths that lead into this machine's layout: the repository's folder, and the folder
    around it unless that is a system folder."""
    prefixes = [str(ROOT) + "/"]
    if str(ROOT.parent) not in SYSTEM_FOLDERS:
        prefixes.append(str(ROOT.parent) + "/")
    return prefixes


def beside_the_repository(path):
    """A path outside the repository but in the folder that holds it (a sibling project or notes)."""
    resolved = Path(os.path.normpath(path))
    return not resolved.is_relative_to(ROOT) and resolved.is_relative_to(ROOT.parent)


def findings_in(name, text, known_files, defined):
    found = []
    folder = (ROOT / name).parent
    for number, line in enumerate(text.splitlines(), 1):
        where = f"{name}:{number}: {line.strip()[:120]}"
        if any(prefix in line for prefix in outside_prefixes()):
            found.append(f"absolute path into this machine's folders, {where}")
        for match in RELATIVE_PATH.finditer(line):
            # Scripts and code run from the repository's root; links and imports from their own folder.
            starts = [folder] if name.endswith(".md") else [folder, ROOT]
            if any(beside_the_repository(start / match[0]) for start in starts):
                found.append(f"relative path out of the repository ({match[0]}), {where}")
        if name.endswith(".py") and ROOT_PARENT.search(line):
            found.append(f"the folder around the repository, {where}")
        for match in MARKDOWN_NAME.finditer(line):
            if match[1] not in known_files:
                found.append(f"a document the repository does not have ({match[1]}), {where}")
        for match in NAMED_DOCUMENT.finditer(line):
            if match[1] not in known_files and match[1] not in defined:
                found.append(f"a document the repository does not have ({match[1]}), {where}")
    return found


def scan(files):
    known_files = {Path(name).name for name in repository_files()} | {
        Path(name).stem for name in repository_files()
    }
    everything = "\n".join(files.values())
    defined = {first or second for first, second in DEFINED_NAME.findall(everything)}
    return [
        finding for name, text in files.items() for finding in findings_in(name, text, known_files, defined)
    ]


def test_no_file_of_the_repository_refers_to_a_file_outside_it():
    files = texts()
    assert len(files) > 100  # the scan saw the repository
    assert scan(files) == []


def test_the_scan_finds_each_kind_of_outside_reference():
    """The references the scan must catch, written the way they once appeared in this repository."""
    examples = {
        "tests/members/client.py": 'SCHEMAS = Path(settings.BASE_DIR).parent / "shared" / "oparl"\n',
        "tests/members/reader.py": "# the specification's schemas in ../shared/oparl/schema\n",
        ".ci/script": "cat ../notes/setup.txt\n",
        "core/module.py": "# an old object keeps a stale source (see TEAM_NOTES).\n",
        "core/other.py": "# an old object keeps a stale source (TEAM_NOTES).\n",
        "docs/page.md": "as the guide says (GUIDE.md)\n",
        "docs/other.md": "as the guide says (guide/GUIDE.md)\n",
        "config/settings/local.py": f'NOTES = "{ROOT}/../notes/x"\n',
        "Makefile": f"\tcp {ROOT}/db.sqlite3 backup/\n",
    }
    findings = scan(examples)
    for name in examples:
        assert any(f" {name}:" in finding for finding in findings), (name, findings)
    # What stays inside is not reported: links between the repository's own documents, a path
    # traversal a test sends as input, an elided address, a system program, a setting's name.
    inside = {
        "docs/guide.md": "See [the README](../README.md) and `tests/oparl_spec/README.md`.\n",
        "tests/core/test_input.py": 'BAD = ["../../etc/passwd", "testserver/../x"]\n',
        "docs/api.md": '{"id": ".../oparl/1.1/system"}\n',
        "tests/browser/conftest.py": 'CHROMIUM = "/usr/bin/chromium"  # (see PAGE_CACHE_SECONDS)\n',
        "config/x.py": "PAGE_CACHE_SECONDS = 1\n",
    }
    assert scan(inside) == []
