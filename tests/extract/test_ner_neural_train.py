"""The BiLSTM-CRF's training loss (:mod:`marsad.extract.ner.neural_train`; training extra)."""

import itertools

import numpy as np
import pytest

torch = pytest.importorskip("torch")  # the training extra; CI runs without it

from marsad.extract.ner.neural_train import Net  # noqa: E402


def _net() -> Net:
    torch.manual_seed(0)
    net = Net(np.zeros((4, 3), np.float32), n_prefixes=2, n_chars=4, n_tags=3)
    with torch.no_grad():
        for p in (net.trans, net.start, net.end):
            p.normal_()
    return net


def test_sentence_nll_is_a_distribution_over_tag_paths() -> None:
    # exp(-nll) over every tag path of a sentence sums to one, padded tokens left out
    net = _net()
    em = torch.randn(2, 4, 3)
    mask = torch.tensor([[True, True, True, True], [True, True, True, False]])
    for b, n in ((0, 4), (1, 3)):
        total = 0.0
        for path in itertools.product(range(3), repeat=n):
            tags = torch.zeros(2, 4, dtype=torch.long)
            tags[b, :n] = torch.tensor(path)
            total += float(torch.exp(-net.sentence_nll(em, tags, mask)[b]))
        assert total == pytest.approx(1.0, abs=1e-5)


def test_nll_is_the_mean_of_the_sentences() -> None:
    net = _net()
    em = torch.randn(3, 5, 3)
    mask = torch.tensor([[True] * 5, [True] * 2 + [False] * 3, [True] * 4 + [False]])
    tags = torch.randint(0, 3, (3, 5))
    each = net.sentence_nll(em, tags, mask)
    assert each.shape == (3,)
    assert float(net.nll(em, tags, mask)) == pytest.approx(float(each.mean()))
    logz, alphas = net.log_partition(em, mask)
    assert logz.shape == (3,)
    assert len(alphas) == 5
    assert torch.equal(alphas[4][1], alphas[1][1])  # a padded token keeps the sentence's last


def test_marginal_cross_entropy_reads_the_crf_marginals() -> None:
    # the marginals by brute force over every tag path of each sentence
    net = _net()
    em = torch.randn(2, 4, 3)
    mask = torch.tensor([[True, True, True, True], [True, True, False, False]])
    target = torch.softmax(torch.randn(2, 4, 3), -1)
    got = net.marginal_cross_entropy(em, mask, target)
    for b, n in ((0, 4), (1, 2)):
        marginals = torch.zeros(n, 3)
        for path in itertools.product(range(3), repeat=n):
            tags = torch.zeros(2, 4, dtype=torch.long)
            tags[b, :n] = torch.tensor(path)
            p = torch.exp(-net.sentence_nll(em, tags, mask)[b])
            for i, y in enumerate(path):
                marginals[i, y] += p
        want = -(target[b, :n] * marginals.log()).sum()
        assert float(got[b]) == pytest.approx(float(want), rel=1e-4)


def test_a_batch_mixes_hard_and_soft_sentences() -> None:
    from marsad.extract.ner.neural_train import _loss

    net = _net()
    em = torch.randn(2, 3, 3)
    mask = torch.ones(2, 3, dtype=torch.bool)
    tags = torch.tensor([[0, 1, 2], [0, 0, 0]])
    soft = np.full((3, 3), 1 / 3, np.float32)
    loss = _loss(net, em, tags, mask, [[0, 1, 2], soft])
    hard_part = net.sentence_nll(em, tags, mask)[0]
    soft_part = net.marginal_cross_entropy(em, mask, torch.from_numpy(np.stack([soft, soft])))[1]
    assert float(loss) == pytest.approx(float((hard_part + soft_part) / 2), rel=1e-5)
    assert float(_loss(net, em, tags, mask, [[0, 1, 2], [0, 0, 0]])) == pytest.approx(
        float(net.nll(em, tags, mask))
    )
