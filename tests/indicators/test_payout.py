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


@pytest.mark.parametrize(
    ("person_name", "holder", "expected"),
    [
        ("Ann Lee", "ANN LEE", 0.0),
        ("Ann Lee", "Lee Ann", 0.0),
        ("Ann Lee", "Ann Marie Lee", 0.0),
        ("Ann Lee", "A. Lee", 0.0),
        ("José García", "Jose Garcia", 0.0),
        ("Mary-Ann Van der Berg", "Mary Ann Vanderberg", 0.0),
        ("Ann Lee", "李安", 0.0),
        ("Ann Lee", "Ann Smith", 0.5),
        ("Ann Lee", "Bob Kim", 1.0),
        ("Ann Lee", "Hopana Tech LLC", 0.4),
        ("Natalia Villanueva", "John Miller", 1.0),
        ("Natalia Villanueva", "Acme Consulting LLC", 0.4),
        ("Alexander Petrov", "Alexander Popov", 0.5),
        ("Min Park", "Man Park", 0.5),
        ("Sang Kim", "Song Kim", 0.5),
        ("Li Na", "Lina", 0.0),
        ("Lina", "Li Na", 0.0),
    ],
)
def test_holder_name_comparison(person_name, holder, expected) -> None:
    assert pay.holder_mismatch(person_name, holder) == expected


VARIANTS = [
    ("Sergei Ivanov", "Sergey Ivanov"),
    ("Yu Li", "Yoo Lee"),
    ("Min-jun Park", "Minjun Pak"),
    ("Minjun Park", "Min Jun Park"),
    ("Dmitry Kuznetsov", "Dmitri Kuznetsow"),
    ("Ana Garcia", "Anna Garcia"),
    ("Łukasz Żak", "Lukasz Zak"),
    ("Søren Bjørn", "Soren Bjorn"),
    ("Đorđe Petrović", "Djordje Petrovic"),
    ("Сергей Иванов", "Sergey Ivanov"),
    ("Γιώργος Παπαδόπουλος", "Giorgos Papadopoulos"),
]
DIFFERENT = [
    ("Natalia Villanueva", "John Miller", 1.0),
    ("Łukasz Żak", "John Smith", 1.0),
    ("Сергей Иванов", "John Smith", 1.0),
    ("Ann Lee", "Bob Kim", 1.0),
    ("Ann Lee", "Ann Smith", 0.5),
    ("Min Park", "Man Park", 0.5),
    ("Alexander Petrov", "Alexander Popov", 0.5),
]


@pytest.mark.parametrize(("person_name", "holder"), VARIANTS)
def test_spelling_and_transliteration_variants_fit(person_name, holder) -> None:
    """Variants of one name (other spelling, romanisation or script) are not another holder;
    before, exact token matching scored several of these 0.5 or 1.0 and never compared ł, ø, đ."""
    assert pay.holder_mismatch(person_name, holder) == 0.0


@pytest.mark.parametrize(("person_name", "holder", "expected"), DIFFERENT)
def test_a_different_holder_is_still_caught_in_any_alphabet(person_name, holder, expected) -> None:
    assert pay.holder_mismatch(person_name, holder) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"), [(a, b, 0.0) for a, b in VARIANTS] + DIFFERENT, ids=lambda v: str(v)
)
def test_same_pair_same_result_whichever_side(a, b, expected) -> None:
    """Two full names with no initials or company words score the same whichever is the holder.
    (The contract is deliberately one-sided elsewhere: a holder may drop parts of the person's
    name or abbreviate them, and only the holder can be a company.)"""
    assert pay.holder_mismatch(a, b) == pay.holder_mismatch(b, a) == expected


@pytest.mark.parametrize(
    ("person_name", "holder"),
    [
        ("Tanaka Taro", "田中太郎"),
        ("Mohammed Ali", "محمد علي"),
        ("Lee Minjun", "이민준"),
        ("Rahul Singh", "राहुल सिंह"),
    ],
)
def test_scripts_whose_transliteration_is_not_the_usual_spelling_are_not_compared(
    person_name, holder
) -> None:
    """田中太郎 transliterates to Mandarin "tian zhong tai lang", Arabic drops vowels: comparing
    across those scripts would score these people as paid to a stranger, so it is not done."""
    assert pay.holder_mismatch(person_name, holder) == 0.0
    assert pay.holder_mismatch(holder, person_name) == 0.0


def test_names_in_the_same_script_are_compared_whatever_the_script() -> None:
    assert pay.holder_mismatch("田中太郎", "田中 太郎") == 0.0
    assert pay.holder_mismatch("田中太郎", "鈴木花子") == 1.0
    assert pay.holder_mismatch("محمد علي", "علي محمد") == 0.0
    assert pay.holder_mismatch("محمد علي", "يوسف حسن") == 1.0


def test_a_name_with_no_tokens_after_transliteration_is_not_compared() -> None:
    assert pay.holder_mismatch("Ann Lee", "---") == 0.0


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
