"""The typed settings: embedded defaults, strict parsing, and production refusals."""

from pathlib import Path

import pytest

from fairscreen.config.env import Environment, KeyringKind, SettingsError, load_settings

STRONG_SECRET = "s" * 10 + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {
        "FAIRSCREEN_ENV": "production",
        "FAIRSCREEN_VAR_DIR": str(tmp_path),
        "FAIRSCREEN_SECRET_KEY": STRONG_SECRET,
        "DATABASE_URL": "postgresql://fairscreen@db.example.com/fairscreen",
        "FAIRSCREEN_ALLOWED_HOSTS": "screening.example.com",
        "FAIRSCREEN_LEDGER_KEY_FILE": str(tmp_path / "ledger.key"),
        "FAIRSCREEN_KEYRING": f"local:{tmp_path / 'keyring.json'}",
        "FAIRSCREEN_SMTP_URL": "smtp://fairscreen@smtp.example.com:587?starttls=true",
        "FAIRSCREEN_MAIL_FROM": "明鉴背调 <no-reply@screening.example.com>",
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value != "<unset>"}


def test_defaults_need_no_configuration_and_keep_data_under_var(tmp_path: Path) -> None:
    settings = load_settings({"FAIRSCREEN_VAR_DIR": str(tmp_path)})

    assert settings.environment is Environment.DEVELOPMENT
    assert settings.debug is True
    assert settings.database_url == f"sqlite:///{tmp_path / 'fairscreen.sqlite3'}"
    assert settings.queue_url == f"sqlite:///{tmp_path / 'queue.sqlite3'}"
    assert settings.time_zone == "Asia/Shanghai"


def test_generated_secret_is_kept_private_and_reused_across_starts(tmp_path: Path) -> None:
    first = load_settings({"FAIRSCREEN_VAR_DIR": str(tmp_path)})
    second = load_settings({"FAIRSCREEN_VAR_DIR": str(tmp_path)})

    assert first.secret_key == second.secret_key
    assert len(first.secret_key) >= 50
    assert first.secret_key_generated
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_production_with_safe_settings_starts(tmp_path: Path) -> None:
    settings = load_settings(production_env(tmp_path))

    assert settings.debug is False
    assert settings.allowed_hosts == ("screening.example.com",)


@pytest.mark.parametrize(
    ("overrides", "named_variable"),
    [
        ({"FAIRSCREEN_SECRET_KEY": "<unset>"}, "FAIRSCREEN_SECRET_KEY"),
        ({"FAIRSCREEN_SECRET_KEY": "django-insecure-" + "x" * 60}, "FAIRSCREEN_SECRET_KEY"),
        ({"FAIRSCREEN_SECRET_KEY": "short"}, "FAIRSCREEN_SECRET_KEY"),
        ({"DATABASE_URL": "<unset>"}, "DATABASE_URL"),
        ({"DATABASE_URL": "sqlite:////srv/fairscreen.sqlite3"}, "DATABASE_URL"),
        ({"FAIRSCREEN_DEBUG": "true"}, "FAIRSCREEN_DEBUG"),
        ({"FAIRSCREEN_ALLOWED_HOSTS": "<unset>"}, "FAIRSCREEN_ALLOWED_HOSTS"),
        ({"FAIRSCREEN_LEDGER_KEY_FILE": "<unset>"}, "FAIRSCREEN_LEDGER_KEY_FILE"),
        ({"FAIRSCREEN_KEYRING": "<unset>"}, "FAIRSCREEN_KEYRING"),
        (
            {
                "FAIRSCREEN_KEYRING": "vault-transit:https://vault.example.com:8200",
                "FAIRSCREEN_VAULT_TOKEN": "hvs.test-token",
                "FAIRSCREEN_VAULT_TRANSIT_KEY": "fairscreen",
            },
            "FAIRSCREEN_BLIND_INDEX_KEY_FILE",
        ),
    ],
)
def test_production_refuses_each_unsafe_default_naming_the_setting(
    tmp_path: Path, overrides: dict[str, str], named_variable: str
) -> None:
    with pytest.raises(SettingsError, match=named_variable):
        load_settings(production_env(tmp_path, **overrides))


def test_production_lists_every_problem_at_once(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings({"FAIRSCREEN_ENV": "production", "FAIRSCREEN_VAR_DIR": str(tmp_path)})

    message = str(raised.value)
    for variable in ("FAIRSCREEN_SECRET_KEY", "DATABASE_URL", "FAIRSCREEN_ALLOWED_HOSTS"):
        assert variable in message
    assert not (tmp_path / "secret_key").exists(), "production must not generate a secret"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("FAIRSCREEN_ENV", "staging"),
        ("FAIRSCREEN_DEBUG", "maybe"),
        ("FAIRSCREEN_PORT", "80000"),
        ("FAIRSCREEN_TIME_ZONE", "Mars/Olympus_Mons"),
        ("FAIRSCREEN_LEDGER_ORIGIN", "has spaces/ledger"),
        ("FAIRSCREEN_KEYRING", "kms:arn:aws:kms:eu-west-1:1:key/x"),
        ("FAIRSCREEN_KEYRING", "local:"),
        ("FAIRSCREEN_KEYRING", "vault-transit:http://vault.example.com:8200"),
    ],
)
def test_malformed_values_are_refused_naming_the_variable(
    tmp_path: Path, variable: str, value: str
) -> None:
    with pytest.raises(SettingsError, match=variable):
        load_settings({"FAIRSCREEN_VAR_DIR": str(tmp_path), variable: value})


def test_the_default_keyring_is_a_local_key_file_under_var(tmp_path: Path) -> None:
    settings = load_settings({"FAIRSCREEN_VAR_DIR": str(tmp_path)})

    assert settings.keyring.kind is KeyringKind.LOCAL
    assert settings.keyring.key_file == tmp_path / "keyring.json"
    assert not settings.keyring.configured


def test_the_test_keyring_lives_under_var_test() -> None:
    settings = load_settings({"FAIRSCREEN_ENV": "test"})

    assert settings.keyring.key_file == Path("var/test/keyring.json").resolve()


def test_production_with_vault_transit_names_every_key_source(tmp_path: Path) -> None:
    settings = load_settings(
        production_env(
            tmp_path,
            FAIRSCREEN_KEYRING="vault-transit:https://vault.example.com:8200/",
            FAIRSCREEN_VAULT_TOKEN="hvs.test-token",
            FAIRSCREEN_VAULT_TRANSIT_KEY="fairscreen",
            FAIRSCREEN_VAULT_TRANSIT_MOUNT="/secret-transit/",
            FAIRSCREEN_BLIND_INDEX_KEY_FILE=str(tmp_path / "index.json"),
        )
    )

    assert settings.keyring.kind is KeyringKind.VAULT_TRANSIT
    assert settings.keyring.vault_address == "https://vault.example.com:8200"
    assert settings.keyring.vault_transit_mount == "secret-transit"
    assert settings.keyring.key_file == tmp_path / "index.json"
    assert "hvs.test-token" not in repr(settings.keyring)


def test_vault_transit_without_its_token_is_refused_naming_it(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="FAIRSCREEN_VAULT_TOKEN"):
        load_settings(
            {
                "FAIRSCREEN_VAR_DIR": str(tmp_path),
                "FAIRSCREEN_KEYRING": "vault-transit:http://127.0.0.1:8200",
                "FAIRSCREEN_VAULT_TRANSIT_KEY": "fairscreen",
            }
        )


def test_production_refuses_to_start_without_a_mail_relay(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as refused:
        load_settings(production_env(tmp_path, FAIRSCREEN_SMTP_URL="<unset>"))

    assert "FAIRSCREEN_SMTP_URL" in str(refused.value)
