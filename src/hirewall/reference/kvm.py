"""IP-KVM indicators: factory-default USB ids/strings and EDID monitor names of PiKVM, TinyPilot, JetKVM.

An IP-KVM lets someone far away drive a laptop that sits in a "laptop farm". It shows up on the
laptop as a USB keyboard/mouse/mass-storage gadget and as a monitor. The generic Linux gadget id
``1D6B:0104`` is shared by many DIY devices, so it is *weak*: on its own it never makes a match,
it only corroborates a weak string such as TinyPilot's "Multifunction USB Device".
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Literal

from hirewall.exceptions import ReferenceDataError

Strength = Literal["strong", "weak"]
INDICATORS = ("usb_id", "usb_string", "edid_name", "edid_pnp", "hostname")
_VIDPID = re.compile(
    r"(?:vid_|0x)?([0-9a-f]{4})\s*(?:[:&\s/_-]|&pid_)\s*(?:pid_|0x)?([0-9a-f]{4})", re.IGNORECASE
)


@dataclass(frozen=True)
class KvmIndicator:
    """One default identifier of one IP-KVM product."""

    product: str
    indicator: str
    value: str
    strength: Strength
    source: str


@dataclass(frozen=True)
class KvmEvidence:
    """What a USB device or display says about IP-KVM hardware, with every reason found."""

    product: str | None
    strength: Strength | None
    reasons: tuple[str, ...]


def read_indicators(text: str, source: str) -> list[KvmIndicator]:
    """Parse the ``product,indicator,value,strength,source`` CSV (``#`` comment lines allowed)."""
    rows = csv.DictReader(io.StringIO("\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))))
    out = []
    for n, row in enumerate(rows, 2):
        ind, raw = (row.get("indicator") or "").strip(), (row.get("strength") or "").strip()
        if ind not in INDICATORS or raw not in ("strong", "weak") or not (row.get("value") or "").strip():
            raise ReferenceDataError(
                f"{source}: row {n} needs indicator in {INDICATORS}, strength strong|weak"
            )
        strength: Strength = "strong" if raw == "strong" else "weak"
        value = row["value"].strip()
        out.append(KvmIndicator(row["product"].strip(), ind, value, strength, row.get("source") or ""))
    if not out:
        raise ReferenceDataError(f"{source}: no indicators found")
    return out


def normalise_vid_pid(text: str) -> str | None:
    """``VID_1D6B&PID_0104``, ``0x1d6b:0x0104``, ``1d6b 0104`` -> ``1D6B:0104``; None when absent."""
    m = _VIDPID.search(text or "")
    return f"{m.group(1)}:{m.group(2)}".upper() if m else None


def _words(text: str) -> str:
    return " " + re.sub(r"[^0-9a-z]+", " ", text.lower()).strip() + " "


class KvmCatalog:
    """Implements :class:`hirewall.indicators.services.KvmCatalogue`."""

    def __init__(self, indicators: list[KvmIndicator]) -> None:
        self.indicators = indicators

    def _of(self, *kinds: str) -> list[KvmIndicator]:
        return [i for i in self.indicators if i.indicator in kinds]

    def usb_evidence(self, name: str, vendor_product: str = "") -> KvmEvidence:
        """All IP-KVM reasons for one USB device (strings: manufacturer/product/serial; id: VID:PID)."""
        text = _words(name)
        strong = [i for i in self._of("usb_string") if i.strength == "strong" and _words(i.value) in text]
        weak = [i for i in self._of("usb_string") if i.strength == "weak" and _words(i.value) in text]
        vid_pid = normalise_vid_pid(vendor_product) or (
            normalise_vid_pid(name) if "vid_" in name.lower() else None
        )
        ids = [i for i in self._of("usb_id") if vid_pid and fnmatchcase(vid_pid, i.value.upper())]
        reasons = tuple(f"{i.indicator} {i.value!r} ({i.product} default)" for i in [*strong, *weak, *ids])
        if strong:
            return KvmEvidence(strong[0].product, "strong", reasons)
        id_products = {i.product for i in ids}
        corroborated = [i for i in weak if i.product in id_products]
        if corroborated:
            return KvmEvidence(corroborated[0].product, "strong", reasons)
        if weak or ids:
            products = sorted({i.product for i in [*weak, *ids]})
            return KvmEvidence("/".join(products), "weak", reasons)
        return KvmEvidence(None, None, ())

    def match_usb(self, name: str, vendor_product: str = "") -> str | None:
        """Product when a USB device looks like IP-KVM hardware (strong evidence only)."""
        ev = self.usb_evidence(name, vendor_product)
        return ev.product if ev.strength == "strong" else None

    def match_display(self, name: str) -> str | None:
        """Product when an EDID monitor name, serial or PnP id (``LNX7771``) is an IP-KVM default."""
        text = " ".join(name.split()).lower()
        for i in self._of("edid_name"):
            if text == i.value.lower():
                return i.product
        compact = re.sub(r"[^0-9a-z]", "", text)
        for i in self._of("edid_pnp"):
            pnp = i.value.lower()
            if compact == pnp or re.search(rf"(^|[^0-9a-z]){pnp}([^0-9a-z]|$)", text):
                return i.product
        return None

    def match_hostname(self, hostname: str) -> str | None:
        """Product when a LAN hostname is an IP-KVM default (``pikvm``, ``tinypilot.local``)."""
        host = hostname.strip().lower().split(".", 1)[0]
        return next((i.product for i in self._of("hostname") if host == i.value.lower()), None)
