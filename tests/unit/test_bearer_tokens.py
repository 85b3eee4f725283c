import pytest

from fairscreen.core.bearer_tokens import new_token, parse_token, secret_matches


def test_a_new_token_parses_back_and_matches_only_its_digest() -> None:
    token = new_token("fs")

    key_id, secret = parse_token(token.plaintext, "fs")

    assert key_id == token.key_id
    assert secret not in token.secret_digest
    assert secret_matches(token.secret_digest, secret)
    assert not secret_matches(
        token.secret_digest, secret[:-1] + ("0" if secret[-1] != "0" else "1")
    )


@pytest.mark.parametrize(
    "text",
    ["", "fs", "fs_abc_def", "fsr_0123456789ab_" + "0" * 64, "fs_0123456789AB_x", "Bearer fs_x_y"],
)
def test_malformed_or_foreign_tokens_do_not_parse(text: str) -> None:
    assert parse_token(text, "fs") is None


def test_staff_and_regulator_prefixes_never_overlap() -> None:
    assert parse_token(new_token("fsr").plaintext, "fs") is None
    assert parse_token(new_token("fs").plaintext, "fsr") is None
