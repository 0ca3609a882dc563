"""ID numbers (GB 11643) and phone numbers are normalised or refused with a reason."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studio_app.core.identity import (
    IdentifierError,
    id_check_digit,
    mask_id_number,
    mask_phone,
    normalise_id_number,
    normalise_phone,
)

VALID_ID = "11010519491231002X"


def test_known_valid_id_number() -> None:
    assert normalise_id_number(VALID_ID) == VALID_ID


@pytest.mark.parametrize(
    "raw",
    ["11010519491231002x", " 110105 19491231 002X ", "１１０１０５１９４９１２３１００２Ｘ"],
)
def test_id_number_lowercase_spaces_fullwidth_are_normalised(raw: str) -> None:
    assert normalise_id_number(raw) == VALID_ID


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("110105194912310021", "校验位"),
        ("1.10105194912310E+17", "数字"),
        ("110105194912310000.0", "数字"),
        ("11010519491231", "18位"),
        ("110105194913310028", "出生日期"),
        ("", "为空"),
    ],
)
def test_bad_id_numbers_are_refused_with_reason(raw: str, reason: str) -> None:
    with pytest.raises(IdentifierError, match=reason):
        normalise_id_number(raw)


@given(
    st.from_regex(
        r"[0-9]{6}(19[5-9][0-9]|20[01][0-9])(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[0-9]{3}",
        fullmatch=True,
    )
)
def test_any_17_digits_with_computed_check_digit_is_valid(first17: str) -> None:
    number = first17 + id_check_digit(first17)
    assert normalise_id_number(number.lower()) == number
    wrong = next(c for c in "0123456789X" if c != number[-1])
    with pytest.raises(IdentifierError):
        normalise_id_number(first17 + wrong)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("0086-138-1234-5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("0577-63881234", "0577-63881234"),
        ("57763881234", "0577-63881234"),  # leading 0 lost when Excel made it a number
        ("(010) 6512 3456", "010-65123456"),
        ("1065123456", "010-65123456"),
        ("63881234", "63881234"),
        ("6388123", "6388123"),  # a local landline without its area code
    ],
)
def test_phone_numbers_are_normalised(raw: str, expected: str) -> None:
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["1381234567", "13812345678.0", "1.3812345678E+10", "电话", "12", "1381234", "13812345",
     "0577123", "05771234"],
)  # fmt: skip
def test_bad_phone_numbers_are_refused(raw: str) -> None:
    with pytest.raises(IdentifierError):
        normalise_phone(raw)


@pytest.mark.parametrize("raw", ["1381234", "13812345", "0577123", "1", "138123456"])
def test_a_refusal_says_what_a_phone_number_looks_like(raw: str) -> None:
    """The message and the rule agree: what it describes is accepted, nothing else."""
    with pytest.raises(IdentifierError, match="手机为11位，座机为区号加7～8位号码"):
        normalise_phone(raw)


def test_masking_hides_the_middle() -> None:
    assert mask_id_number(VALID_ID) == "110105********002X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0577-63881234") == "0577-****34"
    assert mask_id_number("") == mask_phone(None) == ""
