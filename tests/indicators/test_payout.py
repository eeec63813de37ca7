import pytest

from hirewall.indicators import payout as pay

from .factory import context, fired, person, run, store


def acct(rid: str, fp: str, day: str, method: str = "direct_deposit", holder: str | None = None) -> dict:
    return {
        "record_id": rid,
        "account_fingerprint": fp,
        "effective_from": day,
        "method": method,
        "holder_name": holder,
    }


@pytest.mark.parametrize(
    ("payouts", "fires"),
    [
        ([acct("a", "f1", "2023-01-01"), acct("a", "f2", "2024-01-01")], False),
        ([acct("a", "f1", "2023-01-01"), acct("a", "f2", "2024-01-01"), acct("a", "f3", "2024-03-01")], True),
        ([acct("a", "f1", "2020-01-01"), acct("a", "f2", "2022-01-01"), acct("a", "f3", "2024-03-01")], True),
        ([acct("a", "f1", "2023-01-01"), acct("a", "f1", "2023-06-01")], False),
    ],
    ids=["one-off-change", "two-in-180-days", "three-accounts", "same-account-twice"],
)
def test_frequent_account_changes(payouts, fires) -> None:
    ctx = context(store(people=[person("a", "Ann", "Lee")], payouts=payouts))
    assert bool(fired(pay.payout_account_changed_often, ctx)) is fires


def test_bank_changes_from_the_profile_log_count_too() -> None:
    changes = [
        {"record_id": "a", "field": "bank", "changed_at": d}
        for d in ("2024-01-01T00:00:00", "2024-02-01T00:00:00")
    ]
    ctx = context(
        store(
            people=[person("a", "Ann", "Lee")],
            payouts=[acct("a", "f1", "2023-01-01")],
            profile_changes=changes,
        )
    )
    assert fired(pay.payout_account_changed_often, ctx) == {"a"}


def test_one_change_seen_in_both_payouts_and_the_change_log_is_still_one_change() -> None:
    """The payout table and the profile log record one bank change on different days."""
    ctx = context(
        store(
            people=[person("a", "Ann", "Lee")],
            payouts=[acct("a", "f1", "2023-01-01"), acct("a", "f2", "2024-03-05")],
            profile_changes=[{"record_id": "a", "field": "bank", "changed_at": "2024-03-01T10:00:00"}],
        )
    )
    assert fired(pay.payout_account_changed_often, ctx) == set()


HOME = {"street": "12 Elm St", "zip": "62701"}


def test_shared_account_strong_but_joint_account_weak() -> None:
    people = [
        person("a", "Ann", "Lee"),
        person("b", "Bob", "Kim"),
        person("c", "Cy", "Ho", **HOME),
        person("d", "Di", "Ho", **HOME),
        person("e", "Ed", "Ng", birth_date="1990-01-01"),
        person("e2", "Ed", "Ng", birth_date="1990-01-01"),
    ]
    payouts = [
        acct("a", "f1", "2024-01-01"),
        acct("b", "f1", "2024-01-01"),
        acct("c", "f2", "2024-01-01"),
        acct("d", "f2", "2024-01-01"),
        acct("e", "f3", "2024-01-01"),
        acct("e2", "f3", "2024-01-01"),
    ]
    ctx = context(store(people=people, payouts=payouts))
    strong = run(pay.payout_account_shared_across_people, ctx)
    assert {h.record_id for h in strong} == {"a", "b"} and {h.group for h in strong} == {"account:f1"}
    joint = run(pay.payout_account_joint_at_home, ctx)
    assert {h.record_id for h in joint} == {"c", "d"} and all(h.strength <= 0.2 for h in joint)


def test_holder_name_indicator() -> None:
    people = [person("a", "Ann", "Lee"), person("b", "Bob", "Kim")]
    payouts = [
        acct("a", "f1", "2024-01-01", holder="Lee, Ann"),
        acct("b", "f2", "2024-01-01", holder="Carl Diaz"),
    ]
    hits = run(pay.payout_holder_name_differs, context(store(people=people, payouts=payouts)))
    assert [(h.record_id, h.strength) for h in hits] == [("b", 1.0)]


def test_holder_name_indicator_tolerates_transliteration_but_not_another_person() -> None:
    people = [person("a", "Сергей", "Иванов"), person("b", "Łukasz", "Żak"), person("c", "Łukasz", "Żak")]
    payouts = [
        acct("a", "f1", "2024-01-01", holder="SERGEY IVANOV"),
        acct("b", "f2", "2024-01-01", holder="Lukasz Zak"),
        acct("c", "f3", "2024-01-01", holder="John Smith"),
    ]
    hits = run(pay.payout_holder_name_differs, context(store(people=people, payouts=payouts)))
    assert [(h.record_id, h.strength) for h in hits] == [("c", 1.0)]


def test_platform_payout_is_weak() -> None:
    people = [person("a", "Ann", "Lee"), person("b", "Bob", "Kim"), person("c", "Cy", "Ho")]
    payouts = [
        acct("a", "f1", "2024-01-01", "payoneer"),
        acct("b", "f2", "2024-01-01", "crypto"),
        acct("c", "f3", "2024-01-01"),
    ]
    hits = {
        h.record_id: h.strength
        for h in run(pay.payout_via_platform_or_crypto, context(store(people=people, payouts=payouts)))
    }
    assert hits == {"a": 0.4, "b": 0.7}


@pytest.mark.parametrize("log_first", [True, False])
def test_changes_seen_in_both_sources_show_the_payout_days_whatever_the_row_order(log_first) -> None:
    """Two changes in the payout history and the same two, days apart, in the change log: the
    counts tie, and the evidence shows the payout history's days every time (it once depended
    on which source DuckDB's threads reached first)."""
    payouts = [acct("a", "f1", "2023-01-01"), acct("a", "f2", "2023-11-02"), acct("a", "f3", "2023-11-15")]
    log = [
        {"record_id": "a", "field": "bank", "changed_at": d}
        for d in ("2023-10-28T09:00:00", "2023-11-10T09:00:00")
    ]
    people = [person(f"p{i}", "Pat", "Doe") for i in range(50)] + [person("a", "Ann", "Lee")]
    noise = [acct(f"p{i}", f"g{i}{j}", f"2023-0{j + 1}-01") for i in range(50) for j in range(3)]
    noise_log = [
        {"record_id": f"p{i}", "field": "bank", "changed_at": f"2023-0{j + 1}-03T00:00:00"}
        for i in range(50)
        for j in range(3)
    ]
    ctx = context(
        store(
            people=people,
            payouts=(noise + payouts) if log_first else (payouts + noise),
            profile_changes=(log + noise_log) if log_first else (noise_log + log),
        )
    )
    hits = [h for h in run(pay.payout_account_changed_often, ctx) if h.record_id == "a"]
    assert [h.evidence[0]["days"] for h in hits] == [["2023-11-02", "2023-11-15"]]
