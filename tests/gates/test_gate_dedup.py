"""Gate: near-duplicate links on the first three days of SaudiNewsNet (6,340 articles).

The pseudo-gold is the exact copies (same folded word sequence); the hand-checked pairs are 40
near (not exact) copies that the index linked when it was built, each read and judged a real
re-publication (wire copy or lightly edited press release); they must stay linked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from marsad.eval.dedup import read_saudinewsnet, score_dedup

DAYS = 3

#: (article, the earlier article it re-publishes), judged by hand; ids are ``<day>:<position>``
HAND_CHECKED = (
    ("2015-07-22:549", "2015-07-21:2932"),
    ("2015-07-22:772", "2015-07-22:389"),
    ("2015-07-23:978", "2015-07-23:682"),
    ("2015-07-23:975", "2015-07-23:273"),
    ("2015-07-21:2757", "2015-07-21:1781"),
    ("2015-07-23:801", "2015-07-22:159"),
    ("2015-07-22:334", "2015-07-22:195"),
    ("2015-07-23:886", "2015-07-23:468"),
    ("2015-07-21:2478", "2015-07-21:2464"),
    ("2015-07-22:278", "2015-07-22:135"),
    ("2015-07-23:724", "2015-07-23:432"),
    ("2015-07-23:1155", "2015-07-23:619"),
    ("2015-07-21:2804", "2015-07-21:2798"),
    ("2015-07-21:2258", "2015-07-21:999"),
    ("2015-07-21:1550", "2015-07-21:1307"),
    ("2015-07-22:2004", "2015-07-22:1523"),
    ("2015-07-22:193", "2015-07-21:2640"),
    ("2015-07-23:1197", "2015-07-23:1093"),
    ("2015-07-22:783", "2015-07-21:2899"),
    ("2015-07-21:1057", "2015-07-21:893"),
    ("2015-07-22:1484", "2015-07-22:618"),
    ("2015-07-21:2238", "2015-07-21:667"),
    ("2015-07-23:601", "2015-07-23:272"),
    ("2015-07-21:867", "2015-07-21:155"),
    ("2015-07-22:685", "2015-07-21:1040"),
    ("2015-07-21:1716", "2015-07-21:673"),
    ("2015-07-22:571", "2015-07-21:929"),
    ("2015-07-22:1541", "2015-07-22:281"),
    ("2015-07-22:1500", "2015-07-22:637"),
    ("2015-07-21:2432", "2015-07-21:714"),
    ("2015-07-22:524", "2015-07-22:440"),
    ("2015-07-22:1060", "2015-07-22:875"),
    ("2015-07-22:347", "2015-07-21:898"),
    ("2015-07-22:1682", "2015-07-22:1487"),
    ("2015-07-23:1277", "2015-07-23:967"),
    ("2015-07-23:249", "2015-07-23:64"),
    ("2015-07-23:295", "2015-07-22:1298"),
    ("2015-07-22:1482", "2015-07-22:150"),
    ("2015-07-23:933", "2015-07-23:185"),
    ("2015-07-22:1109", "2015-07-21:1580"),
)


def test_gate_dedup_saudinewsnet(
    shared_data: Path, check_floor: Callable[[str, float], None]
) -> None:
    articles = list(read_saudinewsnet(shared_data / "corpora/saudinewsnet/dataset", DAYS))
    s = score_dedup(articles, threshold=0.5, num_perm=128, shingle=3, containment=0.9)
    linked = {doc for doc, _ in s.near_pairs}
    kept = sum(doc in linked for doc, _ in HAND_CHECKED) / len(HAND_CHECKED)
    check_floor("dedup_snn3_recall_pseudo_gold", s.recall)
    check_floor("dedup_snn3_precision_pseudo_gold", s.precision_gold)
    check_floor("dedup_snn3_hand_checked_near_recall", kept)
    check_floor("dedup_snn3_articles_per_second", s.articles_per_second)
