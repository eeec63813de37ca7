"""Scale benchmark: link N synthetic people (default 1M records) on DuckDB.

Generates people with duplicates (1-3 records each, with typos and missing values) and rings
of different people sharing a phone or building, then runs two processes so each peak RSS is
its own: ``train`` (prior, u, EM, predict, cluster; saves the model) and ``predict`` (saved
model: predict + classify + cluster only, the weekly re-run). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from hirewall.linkage.backends import LINKAGE_COLUMNS

_SYL = ["ka", "lo", "mi", "ra", "ben", "tor", "sa", "vi", "nel", "do", "ri", "an", "el", "mar", "is", "ju"]


def _names(rng: np.random.Generator, n: int, vocab: int) -> np.ndarray:
    pool = np.array(["".join(rng.choice(_SYL, size=rng.integers(2, 4))) for _ in range(vocab)])
    weights = 1.0 / np.arange(1, vocab + 1) ** 0.8  # Zipf-like: common names make big blocks
    return pool[rng.choice(vocab, size=n, p=weights / weights.sum())]


def synth(records: int, seed: int = 1) -> pa.Table:
    """About ``records`` person records with duplicates and shared-operator rings."""
    rng = np.random.default_rng(seed)
    n = int(records / 1.5)
    copies = rng.choice([1, 2, 3], size=n, p=[0.6, 0.3, 0.1])
    person = np.repeat(np.arange(n), copies)
    m = len(person)
    given, family = _names(rng, n, 4000)[person], _names(rng, n, 8000)[person]
    dob = (np.datetime64("1960-01-01") + rng.integers(0, 15000, n).astype("timedelta64[D]"))[person]
    phone = np.char.add("+1555", np.char.zfill(rng.permutation(n).astype(str), 7))[person].astype(object)
    zip5 = rng.integers(10000, 99999, n).astype(str)[person]
    street = np.char.add(rng.integers(1, 999, n).astype(str), " MAIN ST")[person]
    unit = rng.integers(1, 40, n).astype(str)[person]
    ring = rng.random(n)[person] < 0.01  # ring members take the phone/building of a neighbour
    phone[ring] = np.roll(phone, 1)[ring]
    dup = np.r_[False, person[1:] == person[:-1]]
    typo = dup & (rng.random(m) < 0.2)
    given = np.where(typo, np.char.add(given, "x"), given)
    phone[dup & (rng.random(m) < 0.3)] = None
    dob_s = dob.astype(object)
    dob_s[dup & (rng.random(m) < 0.1)] = None
    building = np.char.add(np.char.add(np.char.add("US|", zip5), "|"), street)
    data: dict[str, Any] = {c: [None] * m for c in LINKAGE_COLUMNS}
    data |= {
        "unique_id": np.char.add("P", np.arange(m).astype(str)).tolist(),
        "given_name": given.tolist(),
        "family_name": family.tolist(),
        "birth_date": dob_s.tolist(),
        "email_key": np.char.add(np.char.add(given, person.astype(str)), "@mail.example").tolist(),
        "phone": phone.tolist(),
        "home_address_key": np.char.add(np.char.add(building, "|"), unit).tolist(),
        "home_building_key": building.tolist(),
        "address_line1": street.tolist(),
        "postal_code": zip5.tolist(),
        "national_id_hash": np.char.add("n", person.astype(str)).tolist(),
    }
    schema = pa.schema([(c, pa.date32() if c == "birth_date" else pa.string()) for c in LINKAGE_COLUMNS])
    return pa.table(data, schema=schema)


def phase(mode: str, records: int, model: Path) -> dict[str, Any]:
    """Run one process's work and return timings and peak RSS."""
    from hirewall.linkage.resolve import link_frames
    from hirewall.settings import Settings

    t0 = time.perf_counter()
    frame = synth(records)
    gen = time.perf_counter() - t0
    result = link_frames([frame], Settings(), model, retrain=mode == "train")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    return {
        "mode": mode,
        "records": frame.num_rows,
        "generate_s": round(gen, 2),
        "phases_s": {k: round(v, 2) for k, v in result.timings.items()},
        "peak_rss_gib": round(peak, 2),
        "same_person_links": result.same_person.num_rows,
        "shared_operator_links": result.shared_operator.num_rows,
        "identities": len(set(result.clusters["identity_id"].to_pylist())),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--json", action="store_true", help="print one JSON line")
    ap.add_argument("--phase", choices=["train", "predict"], help=argparse.SUPPRESS)
    ap.add_argument("--model", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.records, args.model)))
        return
    out: dict[str, Any] = {"records": args.records}
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "scale.linkage-model.json"
        for mode in ("train", "predict"):
            cmd = [sys.executable, "-m", "benchmarks.linkage_scale", "--phase", mode]
            cmd += ["--records", str(args.records), "--model", str(model)]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
            lines = proc.stdout.strip().splitlines()
            out[mode] = (
                json.loads(lines[-1]) if proc.returncode == 0 and lines else {"error": proc.stderr[-500:]}
            )
    print(json.dumps(out) if args.json else json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
