"""Resident identifiers: Chinese resident ID numbers (GB 11643) and phone numbers.

Both are kept as text: an ID number stored as a number loses its last digits (Excel keeps
15 significant digits) and its trailing ``X``; a phone stored as a number loses its leading 0.
"""

from __future__ import annotations

import re
from datetime import date

from studio_app.core.text import to_halfwidth

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


class IdentifierError(ValueError):
    """The text is not a valid identifier; the message says why, in Chinese."""


def id_check_digit(first17: str) -> str:
    """The GB 11643 (ISO 7064 MOD 11-2) check character for 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def normalise_id_number(raw: str) -> str:
    """Return the 18-character ID number, upper-case ``X``, or raise :class:`IdentifierError`.

    Accepts full-width digits, spaces and a lowercase ``x``. Refuses numbers in scientific
    notation or with a decimal point (what Excel makes of a typed ID) because their digits
    are already lost.
    """
    text = re.sub(r"\s+", "", to_halfwidth(raw)).upper()
    if not text:
        raise IdentifierError("身份证号为空")
    if re.fullmatch(r"\d+(\.\d+)?E\+?\d+", text) or "." in text:
        raise IdentifierError("身份证号被当作数字保存，后几位已丢失，请按文本重新录入")
    if not re.fullmatch(r"\d{17}[\dX]", text):
        raise IdentifierError("身份证号应为18位（最后一位可为X）")
    try:
        date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise IdentifierError("身份证号中的出生日期无效") from None
    if id_check_digit(text[:17]) != text[17]:
        raise IdentifierError("身份证号校验位不正确")
    return text


def mask_id_number(value: str | None) -> str:
    """``330102********1234``: region kept, birth date hidden, last 4 shown."""
    if not value:
        return ""
    if len(value) < 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


BAD_LENGTH = "手机为11位，座机为区号加7～8位号码（本地座机可省区号）"


def normalise_phone(raw: str) -> str:
    """Return a phone number in a canonical text form, or raise :class:`IdentifierError`.

    Mobile numbers become 11 digits; landlines become ``0AAA-NNNNNNN`` style digits with the
    area code's leading 0 restored when Excel dropped it. ``+86``/``0086`` prefixes, spaces,
    dashes, brackets and full-width digits are accepted.
    """
    text = to_halfwidth(raw).strip()
    if not text:
        raise IdentifierError("电话号码为空")
    if re.search(r"\d\.\d|E\+", text.upper()):
        raise IdentifierError("电话号码被当作数字保存，请按文本重新录入")
    digits = re.sub(r"[\s\-()（）]", "", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not digits.isdigit():
        raise IdentifierError("电话号码只能包含数字、空格、括号、短横线和 +86")
    if len(digits) == 11 and digits.startswith("1"):
        return digits
    if len(digits) in (7, 8):
        # A local landline without its area code starts with 2–9; a 1 or 0 is a mobile or
        # an area code with digits missing.
        if digits[0] in "01":
            raise IdentifierError(f"电话号码位数不对：{BAD_LENGTH}")
        return digits
    if not digits.startswith("0") and 9 <= len(digits) <= 11:
        digits = "0" + digits  # the area code lost its leading zero as a number
    if digits.startswith("0") and 10 <= len(digits) <= 12 and not digits.startswith(("00", "01")):
        area = 3 if digits[1] == "2" else 4  # 02x are three-digit area codes
        return f"{digits[:area]}-{digits[area:]}"
    if digits.startswith("010") and len(digits) == 11:  # Beijing
        return f"010-{digits[3:]}"
    raise IdentifierError(f"电话号码位数不对：{BAD_LENGTH}")


def phone_digits(phone: str) -> str:
    """Digits only, for duplicate matching."""
    return re.sub(r"\D", "", phone)


def mask_phone(value: str | None) -> str:
    """``138****5678`` for mobiles, landlines keep area code and last 2 digits."""
    if not value:
        return ""
    digits = phone_digits(value)
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(value) <= 4:
        return "*" * len(value)
    return value[: value.find("-") + 1 if "-" in value else 0] + "****" + value[-2:]


# 统一社会信用代码 (GB 32100-2015): 18 characters from these 31, the last a check character.
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check(first17: str) -> str:
    """The check character of a credit code's first 17 characters."""
    total = sum(
        CREDIT_CODE_CHARS.index(ch) * w for ch, w in zip(first17, _CREDIT_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def normalise_credit_code(raw: str) -> str:
    """An enterprise's 统一社会信用代码 in capitals, half-width, without spaces; or
    :class:`IdentifierError` naming what is wrong (length, a character, the check)."""
    code = re.sub(r"\s", "", to_halfwidth(raw)).upper()
    if len(code) != 18:
        raise IdentifierError(f"应为18位，这里是{len(code)}位")
    wrong = sorted({ch for ch in code if ch not in CREDIT_CODE_CHARS})
    if wrong:
        raise IdentifierError(f"不应有“{''.join(wrong)}”（不用I、O、Z、S、V）")
    if credit_code_check(code[:17]) != code[17]:
        raise IdentifierError("校验位不对，请核对是否抄错")
    return code


# Checks a text field may name (``Field.check``): the clean form of a value, or IdentifierError.
TEXT_CHECKS = {"credit_code": normalise_credit_code}
