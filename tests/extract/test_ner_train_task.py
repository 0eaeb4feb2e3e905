"""``marsad train ner`` refuses bad options before it reads any data."""

import pytest

from marsad.cli import main


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--pseudo-threshold", "1.5", "--pseudo-threshold must be in (0, 1], got 1.5"),
        ("--pseudo-threshold", "0", "--pseudo-threshold must be in (0, 1], got 0.0"),
        ("--epochs", "0", "--epochs must be at least 1, got 0"),
        ("--teacher-epochs", "0", "--teacher-epochs must be at least 1, got 0"),
        ("--seeds", "x", "--seeds must be integers, got 'x'"),
    ],
)
def test_bad_option_is_a_clear_error(
    option: str, value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["train", "ner", option, value, "--train", "/nonexistent/train.txt"]) == 2
    assert message in capsys.readouterr().err
