import pytest

from hirewall.indicators._holder_names import holder_mismatch


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
    assert holder_mismatch(person_name, holder) == expected


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
    assert holder_mismatch(person_name, holder) == 0.0


@pytest.mark.parametrize(("person_name", "holder", "expected"), DIFFERENT)
def test_a_different_holder_is_still_caught_in_any_alphabet(person_name, holder, expected) -> None:
    assert holder_mismatch(person_name, holder) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"), [(a, b, 0.0) for a, b in VARIANTS] + DIFFERENT, ids=lambda v: str(v)
)
def test_same_pair_same_result_whichever_side(a, b, expected) -> None:
    """Two full names with no initials or company words score the same whichever is the holder.
    (The contract is deliberately one-sided elsewhere: a holder may drop parts of the person's
    name or abbreviate them, and only the holder can be a company.)"""
    assert holder_mismatch(a, b) == holder_mismatch(b, a) == expected


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
    assert holder_mismatch(person_name, holder) == 0.0
    assert holder_mismatch(holder, person_name) == 0.0


def test_names_in_the_same_script_are_compared_whatever_the_script() -> None:
    assert holder_mismatch("田中太郎", "田中 太郎") == 0.0
    assert holder_mismatch("田中太郎", "鈴木花子") == 1.0
    assert holder_mismatch("محمد علي", "علي محمد") == 0.0
    assert holder_mismatch("محمد علي", "يوسف حسن") == 1.0


@pytest.mark.parametrize(
    ("person_name", "holder", "expected"),
    [
        ("김민준", "김민수", 1.0),  # one syllable in common is no name part in common
        ("이민준", "김민준", 1.0),
        ("王小明", "李小明", 1.0),
        ("佐藤花子", "佐藤美子", 1.0),
        ("佐藤 花子", "佐藤 美子", 0.5),  # a surname written apart is a part, as in Latin
        ("李 小明", "李 大明", 0.5),  # a one-character word is a word, not an initial
        ("佐藤 花子", "花子 佐藤", 0.0),
        ("김민준", "김민준", 0.0),
    ],
)
def test_names_in_one_non_latin_script_are_compared_by_words_not_syllables(
    person_name, holder, expected
) -> None:
    """Transliteration splits Han and Hangul names into syllables; matching two syllables would
    pass a stranger who shares a surname and one syllable as the person. Words as written are
    the parts, the same rule as for Latin names ("Kim Minjun" and "Kim Minsu" share one part)."""
    assert holder_mismatch(person_name, holder) == expected
    assert holder_mismatch("Kim Minjun", "Kim Minsu") == 0.5


def test_a_name_with_no_tokens_after_transliteration_is_not_compared() -> None:
    assert holder_mismatch("Ann Lee", "---") == 0.0
