"""Email addresses: syntax checked by ``email-validator``, plus a provider-aware match key."""

from __future__ import annotations

from functools import lru_cache

from email_validator import EmailNotValidError, validate_email

# Providers that ignore dots in the local part (documented by Google for Gmail).
DOTLESS_DOMAINS = frozenset({"gmail.com", "googlemail.com"})
# Providers that deliver `local+tag@domain` to `local@domain` (sub-addressing).
PLUS_TAG_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "fastmail.com",
        "yandex.ru",
        "yandex.com",
    }
)
CANONICAL_DOMAIN = {"googlemail.com": "gmail.com", "pm.me": "proton.me", "protonmail.com": "proton.me"}


@lru_cache(maxsize=200_000)
def normalise_email(raw: str) -> str:
    """Return the address with a lower-cased local part and IDNA-normalised domain.

    >>> normalise_email(" John.Doe+jobs@GMail.com ")
    'john.doe+jobs@gmail.com'
    """
    try:
        result = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as e:
        raise ValueError(f"invalid email: {e}") from e
    return f"{result.local_part.lower()}@{result.ascii_domain.lower()}"


def email_key(normalised: str) -> str:
    """Match key: the mailbox that actually receives the mail.

    Drops dots and plus-tags where the provider ignores them, so aliases of one mailbox meet.

    >>> email_key("john.doe+jobs@googlemail.com")
    'johndoe@gmail.com'
    >>> email_key("john.doe+jobs@example.com")
    'john.doe+jobs@example.com'
    """
    local, _, domain = normalised.rpartition("@")
    if domain in PLUS_TAG_DOMAINS:
        local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        local = local.replace(".", "")
    return f"{local}@{CANONICAL_DOMAIN.get(domain, domain)}"


def email_domain(normalised: str) -> str:
    """The domain part of a normalised address."""
    return normalised.rpartition("@")[2]
