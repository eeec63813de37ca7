from __future__ import annotations

import pytest

from hirewall.reference.domain_eval import IT_FIRMS, evaluate_lookalikes, tranco_top10k, variants
from hirewall.reference.domains import DomainIntel, registered_domain, skeleton


@pytest.fixture(scope="module")
def intel() -> DomainIntel:
    return DomainIntel(["acme-it-services.com", "https://www.globex.co.uk/about", "hr@initech.io"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://careers.example-it-servlces.com/apply", "example-it-servlces.com"),
        ("Jane.Doe@Mail.Example.CO.UK", "example.co.uk"),
        ("xn--gthub-cta.com", "gïthub.com"),
        ("localhost", None),
        ("", None),
    ],
)
def test_registered_domain_offline(text: str, expected: str | None) -> None:
    assert registered_domain(text) == expected


def test_skeleton_folds_homoglyphs() -> None:
    assert skeleton("pаypa1") == skeleton("paypal")  # Cyrillic а, digit 1
    assert skeleton("rnicrosoft") == skeleton("microsoft")
    assert skeleton("gïthub") == skeleton("github")
    assert skeleton("github") != skeleton("gitlab")


@pytest.mark.parametrize(
    ("candidate", "target", "technique"),
    [
        ("acme-it-servlces.com", "acme-it-services.com", None),
        ("acme-it-services.net", "acme-it-services.com", "tld-swap"),
        ("acmeit-services.com", "acme-it-services.com", None),
        ("аcme-it-services.com", "acme-it-services.com", "homoglyph"),  # Cyrillic а
        ("acme-it-services-careers.com", "acme-it-services.com", None),
        ("jobs@globex-hr.co.uk", "globex.co.uk", None),
        ("globex.com", "globex.co.uk", "tld-swap"),
        ("lnitech.io", "initech.io", None),
    ],
)
def test_lookalikes_are_found(intel: DomainIntel, candidate: str, target: str, technique: str | None) -> None:
    hit = intel.lookalike_of(candidate)
    assert hit is not None and hit[0] == target, hit
    if technique:
        assert hit[1] == technique


@pytest.mark.parametrize(
    "domain",
    ["acme-it-services.com", "www.globex.co.uk", "github.com", "acmecorp.com", "initiative.io", "google.com"],
)
def test_own_and_unrelated_domains_are_not_lookalikes(intel: DomainIntel, domain: str) -> None:
    assert intel.lookalike_of(domain) is None


def test_check_reports_iocs_free_mail_and_disposable(intel: DomainIntel) -> None:
    kinds = lambda text: {f.kind for f in intel.check(text)}  # noqa: E731
    assert kinds("contact@hopanatech.com") == {"ioc"}
    assert kinds("https://www.wkjllc.com/") == {"ioc"}
    assert kinds("billing.dept@gmail.com") == {"free-mail"}
    assert kinds("x@mailinator.com") == {"disposable"}
    assert kinds("ap@acme-it-services.com") == set()
    finding = intel.check("ap@acme-it-servlces.com")[0]
    assert (finding.kind, finding.target) == ("lookalike", "acme-it-services.com")


def test_generated_variants_never_equal_the_original() -> None:
    import random

    rng = random.Random(0)
    for firm in IT_FIRMS:
        vs = variants(firm, rng)
        assert vs and all(v != firm for _, v in vs)
        assert {t for t, _ in vs} >= {"typo", "tld-swap", "added-word"}


@pytest.mark.slow
def test_recall_and_false_positives_on_real_domains() -> None:
    """20 real IT firms' variants; 10,000 unrelated real domains (Tranco top-10k via MISP warninglists)."""
    result = evaluate_lookalikes(tranco_top10k())
    assert result["unrelated"] >= 9_900
    assert result["recall"] >= 0.95, result["recall_by_technique"]
    assert result["false_positives"] <= 10, result["false_positive_examples"]
