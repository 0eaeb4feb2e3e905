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


@pytest.mark.parametrize("extra", [["--soft-sentences", "100"], ["--soft-alone"]])
def test_soft_distillation_without_the_e5_teacher_is_a_clear_error(
    extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["train", "ner", "--teacher", "bilstm", *extra, "--train", "/nonexistent/train.txt"]
    assert main(argv) == 2
    assert "needs the e5 teacher's tag probabilities; --teacher bilstm" in capsys.readouterr().err


def test_the_bilstm_teacher_draws_no_soft_sentences_by_default() -> None:
    from marsad.extract.ner.train_task import soft_sentences

    assert soft_sentences("bilstm", None) == 0
    assert soft_sentences("bilstm", 0) == 0
    assert soft_sentences("e5", None) == 6000
    assert soft_sentences("e5", 100, alone=True) == 100
