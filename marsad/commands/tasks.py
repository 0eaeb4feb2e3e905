"""``marsad eval TASK`` and ``marsad train TASK``: one parser each, tasks from a table.

A task module exposes ``add_arguments(parser)`` and ``run(args) -> int``. Task modules keep
their top-level imports light (models load inside ``run``), so building the parser stays cheap.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any

__all__ = ["EVAL_TASKS", "TRAIN_TASKS", "register"]

#: task name -> (module, help)
EVAL_TASKS: dict[str, tuple[str, str]] = {
    "ner": ("marsad.eval.ner", "entity-level F1 of the NER tagger (CoNLL exact match)"),
    "events": ("marsad.eval.events", "quotes, events and merging on the events gold set"),
    "times": ("marsad.eval.temporal", "times and durations on Duckling / Recognizers-Text"),
    "quantities": ("marsad.eval.quantities", "numbers, money, percentages"),
    "dedup": ("marsad.eval.dedup", "near-duplicate links on SaudiNewsNet"),
    "summaries": ("marsad.eval.summaries", "ROUGE on EASC vs lead/TextRank"),
    "stories": ("marsad.eval.stories", "story clustering (B-cubed) on the labelled ANT week"),
}
TRAIN_TASKS: dict[str, tuple[str, str]] = {
    "ner": ("marsad.extract.ner.train_task", "train the NER model (needs the train extra)"),
}


def _add_group(sub: Any, name: str, help_: str, tasks: dict[str, tuple[str, str]]) -> None:
    parser = sub.add_parser(name, help=help_)
    tasks_sub = parser.add_subparsers(dest="task", metavar="TASK", required=True)
    for task, (module_name, task_help) in tasks.items():
        p = tasks_sub.add_parser(task, help=task_help)
        module = importlib.import_module(module_name)
        module.add_arguments(p)
        p.set_defaults(func=_runner(module_name))


def _runner(module_name: str) -> Any:
    def run(args: argparse.Namespace) -> int:
        status: int = importlib.import_module(module_name).run(args)
        return status

    return run


def register(sub: Any) -> None:
    _add_group(sub, "eval", "score a component on labelled data", EVAL_TASKS)
    _add_group(sub, "train", "train a model shipped with marsad", TRAIN_TASKS)
