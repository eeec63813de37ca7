"""Endpoint inventory vocabularies: ordinary software, remote-access tools, IP-KVM strings.

IP-KVM values are the vendors' defaults, copied from ../shared/data/ip_kvm_indicators.csv
(compiled from pikvm/kvmd ``kvmd/apps/_scheme.py`` and ``configs/kvmd/edid/*.hex``,
tiny-pilot/tinypilot ``init-usb-gadget`` and ``edid_pi4.hex``, jetkvm/kvm ``config.go`` and
its UI presets). Remote-access process names are those listed by LOLRMM and SigmaHQ.
"""

from __future__ import annotations

# fmt: off
# (kind, name, detail)
PROGRAMS: tuple[tuple[str, str, str], ...] = (
    ("program", "Google Chrome", r"C:\Program Files\Google\Chrome\Application\chrome.exe"),
    ("program", "Slack", r"C:\Users\user\AppData\Local\slack\slack.exe"),
    ("program", "Zoom Workplace", r"C:\Program Files\Zoom\bin\Zoom.exe"),
    ("program", "Microsoft Teams", r"C:\Program Files\WindowsApps\MSTeams\ms-teams.exe"),
    ("program", "Microsoft 365 Apps for enterprise", r"C:\Program Files\Microsoft Office\root\Office16"),
    ("program", "Visual Studio Code", r"C:\Program Files\Microsoft VS Code\Code.exe"),
    ("program", "Git", r"C:\Program Files\Git\cmd\git.exe"),
    ("program", "Docker Desktop", r"C:\Program Files\Docker\Docker\Docker Desktop.exe"),
    ("program", "1Password", r"C:\Program Files\1Password\app\8\1Password.exe"),
    ("program", "Postman", r"C:\Users\user\AppData\Local\Postman\Postman.exe"),
    ("program", "Notion", r"C:\Users\user\AppData\Local\Programs\Notion\Notion.exe"),
    ("program", "Mozilla Firefox", r"C:\Program Files\Mozilla Firefox\firefox.exe"),
    ("process", "chrome.exe", r"C:\Program Files\Google\Chrome\Application\chrome.exe"),
    ("process", "OneDrive.exe", r"C:\Program Files\Microsoft OneDrive\OneDrive.exe"),
    ("process", "CrowdStrike Falcon Sensor", r"C:\Program Files\CrowdStrike\CSFalconService.exe"),
)
DISPLAYS: tuple[tuple[str, str], ...] = (
    ("DELL U2720Q", "PnP DEL; EDID monitor name"), ("LG HDR 4K", "PnP GSM; EDID monitor name"),
    ("BenQ GW2480", "PnP BNQ; EDID monitor name"), ("Built-in Display", "internal panel"),
    ("HP E24 G4", "PnP HPN; EDID monitor name"), ("S24R35x", "PnP SAM; EDID monitor name"),
)
USB_DEVICES: tuple[tuple[str, str], ...] = (
    ("USB Receiver", "046D:C52B Logitech"), ("YubiKey OTP+FIDO+CCID", "1050:0407 Yubico"),
    ("Jabra Evolve2 65", "0B0E:030C GN Netcom"), ("Magic Keyboard", "05AC:029C Apple Inc."),
    ("USB Optical Mouse", "046D:C077 Logitech"),
    ("USB-C Digital AV Multiport Adapter", "05AC:1460 Apple Inc."),
)
# (program name, process image, install path)
RMM_TOOLS: tuple[tuple[str, str, str], ...] = (
    ("AnyDesk", "AnyDesk.exe", r"C:\Program Files (x86)\AnyDesk\AnyDesk.exe"),
    ("TeamViewer", "TeamViewer.exe", r"C:\Program Files\TeamViewer\TeamViewer.exe"),
    ("Chrome Remote Desktop Host", "remoting_host.exe",
     r"C:\Program Files (x86)\Google\Chrome Remote Desktop\remoting_host.exe"),
    ("RustDesk", "rustdesk.exe", r"C:\Program Files\RustDesk\rustdesk.exe"),
    ("ScreenConnect Client", "ScreenConnect.ClientService.exe",
     r"C:\Program Files (x86)\ScreenConnect Client\ScreenConnect.ClientService.exe"),
    ("Splashtop Streamer", "SRService.exe",
     r"C:\Program Files (x86)\Splashtop\Splashtop Remote\Server\SRService.exe"),
)
IT_RMM = (0, 1, 4)  # what an IT help desk legitimately runs
# (kind, name, detail) rows one IP-KVM leaves, per vendor; KVM_WEAK are spoofed or generic strings.
KVM_STRONG: tuple[tuple[tuple[str, str, str], ...], ...] = (
    (("usb_device", "PiKVM Composite Device", "1D6B:0104 manufacturer PiKVM serial CAFEBABE"),
     ("display", "PiKVM V3", "PnP LNX 7770 serial CAFEBABE")),
    (("usb_device", "Multifunction USB Device",
      "1D6B:0104 manufacturer tinypilot serial 6b65796d696d6570690"),
     ("display", "TinyPilot", "PnP TSB 9876")),
    (("usb_device", "USB Emulation Device", "1D6B:0104 manufacturer JetKVM"),),
)
KVM_WEAK: tuple[tuple[str, str, str], ...] = (
    ("usb_device", "Logitech USB Input Device", "046D:C52B manufacturer Logitech (x64)"),
    ("usb_device", "Multifunction Composite Gadget", "1D6B:0104"),
)
JIGGLERS: tuple[tuple[str, str, str], ...] = (
    ("program", "Mouse Jiggler", r"C:\Program Files (x86)\Arkane Systems\Mouse Jiggler\MouseJiggle.exe"),
    ("process", "caffeine64.exe", r"C:\Users\user\Downloads\caffeine\caffeine64.exe"),
)
# fmt: on
