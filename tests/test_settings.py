"""Settings read from the environment: a value a setting cannot take is one clear error."""

from __future__ import annotations

import pytest

from tests.test_cli import assert_one_line_error, veracity
from veracity.errors import ConfigError
from veracity.settings import get_settings


@pytest.mark.parametrize(
    ("variable", "value", "why"),
    [
        ("VERACITY_MAX_INPUT_BYTES", "abc", "valid integer"),
        ("VERACITY_MAX_INPUT_BYTES", "-1", "greater than or equal to 1"),
        # past a C long: csv.field_size_limit and readline raised OverflowError mid-batch
        ("VERACITY_MAX_INPUT_BYTES", str(10**30), "less than or equal to"),
        ("VERACITY_FETCH_TIMEOUT_S", "nan", "less than or equal to"),
        ("VERACITY_API_ANALYSIS_TIMEOUT_S", "inf", "less than or equal to"),
        ("VERACITY_API_REQUEST_TIMEOUT_S", "0", "greater than 0"),
        ("VERACITY_FETCH_MAX_REDIRECTS", "-5", "greater than or equal to 0"),
        ("VERACITY_API_RATE_LIMIT_PER_MINUTE", "-3", "greater than or equal to 0"),
        ("VERACITY_API_MAX_BODY_BYTES", "0", "greater than or equal to 1"),
        ("VERACITY_DEBUG", "maybe", "valid boolean"),
        # hostile round 17, held: the shutdown grace (session 49) is bounded as the others are
        ("VERACITY_API_SHUTDOWN_GRACE_S", "nan", "less than or equal to"),
        ("VERACITY_API_SHUTDOWN_GRACE_S", "1e999", "less than or equal to"),
        ("VERACITY_API_SHUTDOWN_GRACE_S", "-1", "greater than or equal to 0"),
        ("VERACITY_API_SHUTDOWN_GRACE_S", "30 s", "valid number"),
    ],
)
def test_a_value_a_setting_cannot_take_is_a_config_error_naming_it(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, why: str
) -> None:
    monkeypatch.setenv(variable, value)
    get_settings.cache_clear()
    with pytest.raises(ConfigError) as caught:
        get_settings()
    assert f"{variable}={value!r}" in str(caught.value) and why in str(caught.value)


def test_an_api_key_is_never_echoed_in_a_settings_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERACITY_API_KEYS", "s3cret-key")
    monkeypatch.setenv("VERACITY_MAX_INPUT_BYTES", "x")
    get_settings.cache_clear()
    with pytest.raises(ConfigError) as caught:
        get_settings()
    assert "s3cret" not in str(caught.value)


@pytest.mark.parametrize("command", [["analyze", "-", "--fast"], ["serve", "--port", "1"]])
def test_the_cli_says_which_setting_is_wrong_in_one_line(command: list[str]) -> None:
    # Before: "internal error: ValidationError: 1 validation error for Settings" over four
    # lines, exit 70 (a huge size: "internal error: OverflowError" from the batch reader).
    result = veracity(*command, stdin=b"Some text.", env={"VERACITY_MAX_INPUT_BYTES": "5MB"})
    assert_one_line_error(result, ConfigError.exit_code, "VERACITY_MAX_INPUT_BYTES='5MB'")


@pytest.mark.parametrize("keys", [",", " ", " , ,", "\t"])
def test_api_keys_set_to_no_key_are_refused_not_an_open_api(
    monkeypatch: pytest.MonkeyPatch, keys: str
) -> None:
    # Before: parsed as no key at all, so `veracity serve` answered every request unauthenticated.
    monkeypatch.setenv("VERACITY_API_KEYS", keys)
    get_settings.cache_clear()
    with pytest.raises(ConfigError, match="VERACITY_API_KEYS: Value error, holds no key"):
        get_settings()


def test_api_keys_with_one_key_among_empty_ones_are_accepted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VERACITY_API_KEYS", " ,key-one,, ")
    get_settings.cache_clear()
    assert get_settings().api_keys.get_secret_value() == " ,key-one,, "
