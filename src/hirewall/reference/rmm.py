"""Catalogue of remote-access (RMM/RAT) tools: process names, install paths and network domains.

The shipped ``data/remote_access_tools.csv`` is hirewall's compilation of LOLRMM facts
(Apache-2.0, attribution in ``data/NOTICE``). A newer LOLRMM export (its ``rmm_tools.csv`` API
file, or the compact per-tool CSV) can be loaded with ``hirewall reference update
remote-access-tools --from FILE`` and is converted the same way.

Matching is case-insensitive and works on what endpoint inventories hold: a bare process name
(``AnyDesk.exe``, ``AnyDesk`` on macOS), a program display name (``TeamViewer 15``), or a full
path from osquery (``C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe``, ``/Applications/AnyDesk.app/...``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fnmatch import translate
from pathlib import Path

from hirewall.exceptions import ReferenceDataError

# Executable names too generic to identify a tool on their own (or OS components LOLRMM lists).
GENERIC_NAMES = frozenset(
    "agent agent.exe client.exe config connect.exe dashboard dwm.exe explorer.exe helper.exe install.exe "
    "installer.exe installshield setup.exe launcher.exe level.exe rdp.exe service.exe setup.exe svchost.exe "
    "update.exe updater.exe uninstall.exe cmd.exe powershell.exe rundll32.exe msiexec.exe java.exe javaw.exe "
    "python.exe node.exe ssh.exe dd.exe".split(" ")
)
_PROCESS_EXT = {"", ".exe", ".app", ".scr", ".com", ".bin", ".sh"}
_FOLDER_WORDS = re.compile(
    r"c:|program files( \(x86\))?|programdata|users|appdata|local|roaming|temp|windows|applications|"
    r"library|application support|usr|opt|etc|var|bin|[*?/ ]"
)
_PLACEHOLDER = re.compile(r"<[^>]*>|\(random\)|%[a-z_]+%", re.IGNORECASE)
_VERSION_TAIL = re.compile(r"[\s_-]+(v?\d[\w.]*|\(x(64|86)\)|x64|x86|64-bit|32-bit)$")
FIELDS = ("name", "category", "process_names", "process_patterns", "install_paths", "domains")


def _norm_path(text: str) -> str:
    return re.sub(r"/+", "/", text.strip().replace("\\", "/").lower()).rstrip("/")


def _basename(text: str) -> str:
    return _norm_path(text).rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Tool:
    """One remote-access tool of the catalogue."""

    name: str
    category: str
    process_names: tuple[str, ...]
    process_patterns: tuple[str, ...]
    install_paths: tuple[str, ...]
    domains: tuple[str, ...]


def _split(value: str, sep: str) -> list[str]:
    return [v.strip() for v in (value or "").split(sep) if v.strip()]


def tool_from_entries(name: str, category: str, entries: Iterable[str], domains: Iterable[str]) -> Tool:
    """Sort LOLRMM file/path entries into exact names, basename globs and path globs; drop junk."""
    names: set[str] = set()
    patterns: set[str] = set()
    paths: set[str] = set()
    for raw in entries:
        entry = _PLACEHOLDER.sub("*", raw.strip().replace("\\\\", "\\"))
        norm = _norm_path(entry)
        if not norm or " " in _basename(norm) and "." not in _basename(norm) and "/" not in norm:
            continue  # free text such as "requires sign up"
        if "/" in norm:
            if len(re.sub(r"\.[a-z]{2,4}\b", "", _FOLDER_WORDS.sub("", norm))) >= 4:
                paths.add(norm)
            continue
        ext = Path(norm).suffix if re.fullmatch(r"\.[a-z]{2,4}", Path(norm).suffix) else ""
        if ext not in _PROCESS_EXT or re.fullmatch(r"[0-9a-f]{32,}", norm):
            continue
        if "*" in norm or "?" in norm:
            if len(re.sub(r"[*?]|\.exe$", "", norm)) >= 4:
                patterns.add(norm)
        elif norm not in GENERIC_NAMES and len(norm) >= 4:
            names.add(norm)
    doms = {d.strip().lower() for d in domains if re.fullmatch(r"[\w*.:/\[\]{}-]+", d.strip())}
    doms.discard("user_managed")
    return Tool(
        name.strip(), category.strip() or "RMM", *(tuple(sorted(s)) for s in (names, patterns, paths, doms))
    )


def _official_domains(artifacts: str) -> list[str]:
    try:
        data = json.loads(artifacts or "{}")
    except ValueError:
        return []
    nets = data.get("Network") or [] if isinstance(data, dict) else []
    return [str(d) for n in nets if isinstance(n, dict) for d in n.get("Domains") or []]


def tools_from_rows(rows: Iterable[Mapping[str, str]], source: str) -> list[Tool]:
    """Convert rows of our CSV, LOLRMM's ``rmm_tools.csv`` or the compact LOLRMM CSV into tools."""
    out: list[Tool] = []
    for n, row in enumerate(rows, 2):
        if "process_names" in row:  # our own format
            out.append(Tool(row["name"], row["category"], *(tuple(_split(row[f], ";")) for f in FIELDS[2:])))
        elif "pe_filenames" in row:  # compact LOLRMM table
            entries = [*_split(row["pe_filenames"], ";"), *_split(row["original_filenames"], ";")]
            entries += _split(row["installation_paths"], ";")
            out.append(
                tool_from_entries(row["name"], row["category"], entries, _split(row["network_domains"], ";"))
            )
        elif "InstallationPaths" in row:  # LOLRMM website/public/api/rmm_tools.csv
            entries = [*_split(row.get("Filename", ""), ","), *_split(row.get("OriginalFileName", ""), ",")]
            entries += _split(row["InstallationPaths"], ",")
            domains = _official_domains(row.get("Artifacts", ""))
            out.append(tool_from_entries(row["Name"], row.get("Category", ""), entries, domains))
        else:
            raise ReferenceDataError(f"{source}: row {n} is not a remote-access tool catalogue row")
    if not out:
        raise ReferenceDataError(f"{source}: no tools found")
    return out


def read_tools(text: str, source: str) -> list[Tool]:
    """Parse a catalogue file (``#`` comment lines allowed before the header)."""
    lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
    return tools_from_rows(csv.DictReader(io.StringIO("\n".join(lines))), source)


def write_tools(tools: Iterable[Tool], header: str = "") -> str:
    """Our CSV format for ``tools`` (``header`` lines are written as ``#`` comments)."""
    buf = io.StringIO()
    for line in header.splitlines():
        buf.write(f"# {line}\n".replace("# \n", "#\n"))
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(FIELDS)
    for t in tools:
        w.writerow([t.name, t.category, *(";".join(v) for v in (t.process_names, t.process_patterns))]
                   + [";".join(t.install_paths), ";".join(t.domains)])  # fmt: skip
    return buf.getvalue()


class RemoteAccessCatalog:
    """Implements :class:`hirewall.indicators.services.RemoteAccessCatalogue`."""

    def __init__(self, tools: Iterable[Tool]) -> None:
        self.tools = sorted(tools, key=lambda t: t.name.lower())
        self._exact: dict[str, str] = {}
        self._programs: dict[str, str] = {}
        basename_globs: list[tuple[str, str]] = []
        path_globs: list[tuple[str, str]] = []
        for t in self.tools:
            for n in t.process_names:
                self._exact.setdefault(n, t.name)
                stem = n.rsplit(".", 1)[0] if n.endswith((".exe", ".app")) else n
                if len(stem) >= 6:  # macOS/Linux process names carry no extension
                    self._exact.setdefault(stem, t.name)
            if len(_program_key(t.name)) >= 4:
                self._programs.setdefault(_program_key(t.name), t.name)
            basename_globs += [(p, t.name) for p in t.process_patterns]
            for p in t.install_paths:
                path_globs.append((p if p.endswith("*") else p + "*", t.name))
        self._basename_re, self._basename_tools = _combine(basename_globs)
        self._path_re, self._path_tools = _combine(path_globs)
        self._cache: dict[tuple[str, str], str | None] = {}

    def match_process(self, name: str, path: str = "") -> str | None:
        """Tool name when a process/program name or path is a known remote-access tool."""
        key = (name, path)
        if key not in self._cache:
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[key] = self._match(name, path)
        return self._cache[key]

    def _match(self, name: str, path: str) -> str | None:
        for text in (path, name):
            if not text.strip():
                continue
            norm = _norm_path(text)
            base = norm.rsplit("/", 1)[-1]
            for part in (base, *_app_bundle(norm)):
                if part in self._exact:
                    return self._exact[part]
            m = self._basename_re.fullmatch(base) if self._basename_re else None
            if m and m.lastgroup:
                return self._basename_tools[int(m.lastgroup[1:])]
            m = self._path_re.fullmatch(norm) if self._path_re and "/" in norm else None
            if m and m.lastgroup:
                return self._path_tools[int(m.lastgroup[1:])]
        program = _program_key(name)
        if program in self._programs:
            return self._programs[program]
        words = program.split(" ")
        for k in range(len(words) - 1, 0, -1):  # "chrome remote desktop host" -> "chrome remote desktop"
            hit = self._programs.get(" ".join(words[:k]))
            if hit and (k >= 2 or len(words[0]) >= 8):
                return hit
        return None

    def match_domain(self, domain: str) -> str | None:
        """Tool name when ``domain`` matches a catalogued domain (wildcards allowed)."""
        d = domain.strip().lower().rstrip(".")
        for t in self.tools:
            for pat in t.domains:
                host = pat.split(":", 1)[0].split("/", 1)[0]
                if d == host or re.fullmatch(translate(host), d) or (host.startswith("*.") and d == host[2:]):
                    return t.name
        return None


def _app_bundle(norm: str) -> list[str]:
    """``/applications/anydesk.app/contents/macos/anydesk`` -> ``["anydesk.app"]``."""
    return [seg for seg in norm.split("/") if seg.endswith(".app")][:1]


def _program_key(name: str) -> str:
    key = re.sub(r"\s+", " ", re.sub(r"\([^)]*\)", " ", name.lower())).strip()
    while True:
        shorter = _VERSION_TAIL.sub("", key).strip()
        if shorter == key:
            return key
        key = shorter


def _combine(globs: list[tuple[str, str]]) -> tuple[re.Pattern[str] | None, list[str]]:
    if not globs:
        return None, []
    parts = []
    for i, (glob, _) in enumerate(globs):
        body = translate(glob)  # "(?s:...)\\Z"
        parts.append(f"(?P<g{i}>{body[4 : body.rindex(')')]})")
    return re.compile("|".join(parts), re.DOTALL), [tool for _, tool in globs]
