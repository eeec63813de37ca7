from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from hirewall.reference.catalog import update
from hirewall.reference.loaders import load_rmm
from hirewall.reference.rmm import GENERIC_NAMES, RemoteAccessCatalog, read_tools, write_tools
from hirewall.settings import Settings

CRD_PATH = r"C:\Program Files (x86)\Google\Chrome Remote Desktop\131.0.6778.0\remoting_host.exe"
DATA = Path(__file__).resolve().parents[2] / "src" / "hirewall" / "reference" / "data"


@pytest.fixture(scope="module")
def cat() -> RemoteAccessCatalog:
    return load_rmm(Settings())


@pytest.mark.parametrize(
    ("name", "path", "tool"),
    [
        ("AnyDesk.exe", "", "AnyDesk"),
        ("ANYDESK.EXE", "", "AnyDesk"),
        ("", r"C:\Program Files (x86)\AnyDesk\AnyDesk.exe", "AnyDesk"),
        ("AnyDesk", "/Applications/AnyDesk.app/Contents/MacOS/AnyDesk", "AnyDesk"),
        ("remoting_host.exe", CRD_PATH, "Chrome Remote Desktop"),
        ("Chrome Remote Desktop Host", "", "Chrome Remote Desktop"),
        ("TeamViewer 15", "", "TeamViewer"),
        ("TeamViewer_Service.exe", r"C:\Program Files\TeamViewer\TeamViewer_Service.exe", "TeamViewer"),
        ("rustdesk-1.3.2-x86_64.exe", "", "RustDesk"),
        ("ScreenConnect.ClientService.exe", "", "ScreenConnect"),
        ("tailscaled.exe", "", "Tailscale"),
        ("", "C:/Users/bob/AppData/Local/rustdesk/rustdesk.exe", "RustDesk"),
    ],
)
def test_known_tools_match(cat: RemoteAccessCatalog, name: str, path: str, tool: str) -> None:
    assert cat.match_process(name, path) == tool


@pytest.mark.parametrize(
    "name",
    "svchost.exe explorer.exe dwm.exe chrome.exe msedge.exe Teams.exe ms-teams.exe Slack.exe Zoom.exe "
    "Code.exe OUTLOOK.EXE OneDrive.exe python.exe node.exe java.exe ssh.exe git.exe agent setup.exe "
    "MsMpEng.exe CSFalconService.exe SentinelAgent.exe GlobalProtect.exe Finder Dock WindowServer launchd "
    "bash zsh".split(),
)
def test_everyday_software_does_not_match(cat: RemoteAccessCatalog, name: str) -> None:
    assert cat.match_process(name) is None
    assert cat.match_process(name, rf"C:\Windows\System32\{name}") is None


@pytest.mark.parametrize(
    "program", ["Google Chrome", "Microsoft Teams", "Visual Studio Code", "Docker Desktop", "Zoom"]
)
def test_program_display_names_do_not_overmatch(cat: RemoteAccessCatalog, program: str) -> None:
    assert cat.match_process(program) is None


def test_recall_over_lolrmm_file_names(shared: Path, cat: RemoteAccessCatalog) -> None:
    text = (shared / "lolrmm_tools_compact.csv").read_text(encoding="utf-8")
    names = [
        (r["name"], f.strip())
        for r in csv.DictReader(text.splitlines())
        for f in r["pe_filenames"].split(";")
    ]
    usable = [(t, f) for t, f in names if f.lower().endswith(".exe") and f.lower() not in GENERIC_NAMES]
    found = sum(cat.match_process(f) is not None for _, f in usable)
    assert len(usable) > 100 and found / len(usable) >= 0.98


def test_shipped_csv_is_the_documented_compilation(shared: Path) -> None:
    """The shipped file must equal a fresh compilation of the LOLRMM facts (no hand edits)."""
    fresh = write_tools(
        read_tools((shared / "lolrmm_tools_compact.csv").read_text(encoding="utf-8"), "lolrmm")
    )
    shipped = (DATA / "remote_access_tools.csv").read_text(encoding="utf-8")
    assert "\n".join(ln for ln in shipped.splitlines() if not ln.startswith("#")) == fresh.rstrip("\n")
    assert "Apache License 2.0" in shipped and "LOLRMM" in shipped
    notice = (DATA / "NOTICE").read_text(encoding="utf-8")
    assert "magicsword-io/LOLRMM" in notice and "Apache License" in notice
    assert (DATA / "LICENSE-Apache-2.0.txt").read_text(encoding="utf-8").lstrip().startswith("Apache License")


def test_domains(cat: RemoteAccessCatalog) -> None:
    assert cat.match_domain("relay-1a2b3c4d.net.anydesk.com") == "AnyDesk"
    assert cat.match_domain("router15.teamviewer.com.") == "TeamViewer"
    assert cat.match_domain("example.com") is None


def test_update_from_official_lolrmm_api_csv(tmp_path: Path) -> None:
    artifacts = json.dumps({"Disk": [], "Network": [{"Domains": ["*.newdesk.example"], "Ports": []}]})
    src = tmp_path / "rmm_tools.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "Name",
                "Category",
                "Description",
                "Filename",
                "OriginalFileName",
                "InstallationPaths",
                "Artifacts",
            ]
        )
        w.writerow(
            [
                "NewDesk",
                "RMM",
                "x",
                "",
                "",
                r"newdesk.exe, C:\Program Files\NewDesk\*, newdesk_*.exe",
                artifacts,
            ]
        )
    settings = Settings(reference_dir=tmp_path / "ref")
    row = update("remote-access-tools", src, settings)
    assert (row["state"], row["rows"]) == ("user", 1)
    cat = load_rmm(settings)
    assert cat.match_process("NewDesk.exe") == "NewDesk"
    assert cat.match_process("newdesk_setup.exe") == "NewDesk"
    assert cat.match_process("x.exe", r"C:\Program Files\NewDesk\x.exe") == "NewDesk"
    assert cat.match_domain("a.newdesk.example") == "NewDesk"
    assert cat.match_process("AnyDesk.exe") is None  # the user copy replaces the shipped catalogue
