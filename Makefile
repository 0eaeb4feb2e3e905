# marsad: set-up, the demo, tests and quality gates. `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: help install demo test gates lint bench clean

help:
	@echo "make demo   install, analyze the bundled sample articles into $(OUT)/marsad.db, show the result"
	@echo "make test   install, run the unit tests"
	@echo "make gates  quality gates on ../shared/data (floors in tests/gates/floors.json)"
	@echo "make lint   ruff + mypy --strict"
	@echo "make bench  throughput and peak memory on 5,000 SaudiNewsNet articles"

$(BIN)/marsad: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $@

install: $(BIN)/marsad

demo: install
	$(BIN)/marsad analyze examples/seeds --db $(OUT)/marsad.db --out $(OUT)/analysis.json

test: install
	$(BIN)/python -m pytest -m "not gate" tests
	$(BIN)/python -m pytest --doctest-modules marsad --ignore=marsad/extract/ner/neural_train.py --ignore=marsad/extract/ner/context_train.py --ignore=marsad/extract/ner/e5_teacher.py  # docstring examples (these three need the train extra)

gates: install
	$(BIN)/python -m pytest tests/gates

lint: install
	$(BIN)/ruff check marsad tests
	$(BIN)/ruff format --check marsad tests
	$(BIN)/mypy

bench: install
	$(BIN)/marsad bench -n 5000

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
