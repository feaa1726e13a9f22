"""统一社会信用代码 check character (GB 32100-2015 §4.3: weights 3^(i-1) mod 31, check = 31 - sum mod 31)."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from enforcement.core.validators import (
    CREDIT_CODE_CHARS,
    credit_code_check_char,
    make_credit_code,
    validate_credit_code,
)

REAL_VALID = ["91110108551385082Q", "91440300708461136T"]


@pytest.mark.parametrize("code", REAL_VALID)
def test_real_codes_are_valid(code):
    validate_credit_code(code)
    assert credit_code_check_char(code[:17]) == code[17]


@pytest.mark.parametrize("code", REAL_VALID)
def test_lower_case_and_spaces_are_normalised(code):
    validate_credit_code(" " + code.lower() + " ")


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91110108551385082A", "统一社会信用代码校验位错误：第18位应为Q，实为A，请核对。"),
        ("91440300708461136U", "统一社会信用代码校验位错误：第18位应为T，实为U，请核对。"),
        ("91110108551385083Q", "统一社会信用代码校验位错误：第18位应为U，实为Q，请核对。"),
        ("9111010855138508", "统一社会信用代码应为18位，当前为16位。"),
        ("91110108551385O82Q", "统一社会信用代码含有不允许的字符：O（不使用I、O、Z、S、V）。"),
        ("", "统一社会信用代码应为18位，当前为0位。"),
    ],
)
def test_corrupted_codes_get_a_chinese_message(code, message):
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(code)
    assert exc.value.messages == [message]


@given(st.text(alphabet=CREDIT_CODE_CHARS, min_size=17, max_size=17))
def test_made_codes_validate(first17):
    validate_credit_code(make_credit_code(first17))


@given(
    st.text(alphabet=CREDIT_CODE_CHARS, min_size=17, max_size=17),
    st.integers(min_value=0, max_value=16),
    st.sampled_from(CREDIT_CODE_CHARS),
)
def test_any_single_character_change_is_detected(first17, position, replacement):
    """31 is prime and every weight is non-zero mod 31, so one changed character always changes the check."""
    code = make_credit_code(first17)
    corrupted = code[:position] + replacement + code[position + 1 :]
    if corrupted == code:
        return
    with pytest.raises(ValidationError):
        validate_credit_code(corrupted)
