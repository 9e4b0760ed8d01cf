"""The only module that writes: generated pages into their own folder, nowhere else.

* Refuses to write into a folder it did not create (a marker file proves ownership),
  so a wrong ``--out`` can never overwrite hand-written pages.
* Writes a file only when its bytes change (atomically, via a temporary file and
  rename), so ``mkdocs serve`` rebuilds only for real changes.
* Removes generated files that are no longer generated (a deleted question).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MARKER = ".generated-by-build_facts"
MARKER_TEXT = "This folder is written by build_facts.py. Do not edit; edit facts/ instead.\n"


class WriteError(Exception):
    """The output folder is not ours to write, or a page path is unsafe."""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @classmethod
    def merged(cls, reports: list[WriteReport], prefixes: list[str]) -> WriteReport:
        """Several folders' reports as one, each path led by its folder's prefix ("uk/")."""
        merged = cls()
        for report, prefix in zip(reports, prefixes, strict=True):
            merged.written += [prefix + p for p in report.written]
            merged.unchanged += [prefix + p for p in report.unchanged]
            merged.removed += [prefix + p for p in report.removed]
        return merged


def _safe_relative(path: str) -> PurePosixPath:
    rel = PurePosixPath(path)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts or rel.name == MARKER:
        raise WriteError(f"refusing to write outside the output folder: {path}")
    return rel


def claim_folder(out_dir: Path) -> None:
    """Create the output folder, or check that an existing one is ours."""
    if out_dir.exists():
        if not out_dir.is_dir():
            raise WriteError(f"{out_dir} exists and is not a folder")
        if any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
            raise WriteError(
                f"{out_dir} holds files that build_facts.py did not write; choose an empty or new folder for generated pages"
            )
    out_dir.mkdir(parents=True, exist_ok=True)
    marker = out_dir / MARKER
    if not marker.is_file():
        marker.write_text(MARKER_TEXT, encoding="utf-8")


Written = dict[Path, tuple[bytes, int, int]]
"""What each file held when last written or compared (a digest of its bytes, and the
file's modification time and size then), kept by the live preview: an unchanged page
costs a hash and a stat, not a read. A file someone else changed since (another build
in the same folder) no longer matches its time and size, so it is compared and put right."""


def _seen(target: Path) -> tuple[int, int] | None:
    try:
        st = target.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def _write_if_changed(target: Path, data: bytes, written: Written | None = None) -> bool:
    digest = hashlib.blake2b(data, digest_size=16).digest() if written is not None else b""
    if written is not None and (kept := written.get(target)) and kept[0] == digest and kept[1:] == _seen(target):
        return False
    if target.is_file() and target.read_bytes() == data:
        if written is not None and (now := _seen(target)):
            written[target] = (digest, *now)
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if written is not None and (now := _seen(target)):
        written[target] = (digest, *now)
    return True


def write_file(target: Path, text: str) -> bool:
    """Write one hand-kept file (the schema, the guide's generated block) if it changed."""
    return _write_if_changed(target, text.encode("utf-8"))


def write_pages(out_dir: Path, pages: dict[str, str], written: Written | None = None) -> WriteReport:
    """Make ``out_dir`` hold exactly ``pages`` (path -> text), touching only what changed."""
    wanted = {_safe_relative(p).as_posix(): text for p, text in pages.items()}
    folded = {p.casefold() for p in wanted}
    if len(folded) != len(wanted):  # two pages would share a file on a case-insensitive disk
        raise WriteError("two generated pages differ only in letter case")
    claim_folder(out_dir)
    report = WriteReport()
    for rel, text in sorted(wanted.items()):  # encoded one at a time: never a second copy of the site in memory
        (report.written if _write_if_changed(out_dir / rel, text.encode("utf-8"), written) else report.unchanged).append(rel)
    for path in sorted(out_dir.rglob("*"), reverse=True):
        rel = path.relative_to(out_dir).as_posix()
        if path.is_file() and rel not in wanted and rel != MARKER:
            path.unlink()
            report.removed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return report


def update_pages(out_dir: Path, pages: dict[str, str], written: Written | None = None) -> WriteReport:
    """Write some of ``out_dir``'s pages ahead of the rest, touching only what changed and
    removing nothing (the live preview's first pages; `write_pages` follows)."""
    claim_folder(out_dir)
    report = WriteReport()
    for rel, text in sorted(pages.items()):
        safe = _safe_relative(rel).as_posix()
        (report.written if _write_if_changed(out_dir / safe, text.encode("utf-8"), written) else report.unchanged).append(safe)
    return report


def swap_in(new_dir: Path, target: Path) -> None:
    """Replace ``target`` with the finished ``new_dir`` (same parent folder): two renames,
    so readers of ``target`` see the old site or the new one, never a half-built one."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    # Left by an earlier, killed process that had the same pid: the name must be free.
    if old.is_dir() and not old.is_symlink():
        shutil.rmtree(old)
    elif old.is_symlink() or old.exists():
        old.unlink()
    if target.exists():
        os.rename(target, old)
    os.rename(new_dir, target)
    if old.exists():
        shutil.rmtree(old)
