# Two commands for a newcomer (Python 3.10+):
#   make lab    set up .venv with the notebook tools and open JupyterLab on notebooks/
#   make test   set up .venv with the test tools and run the whole test suite
# Also: make app (the classroom explorer in Voila), make bench (benchmarks), make notebooks,
#   make handouts (dist/handouts/*.pdf), make bundle (dist/hairsim-classroom.zip).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8866
# Jupyter refuses to start as root unless told to (containers, CI machines)
ROOT_OK := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab app test bench notebooks handouts bundle check-python clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "hairsim needs Python 3.10 or newer; this is " + sys.version.split()[0] + ". Try: make PYTHON=python3.11 ...")'

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed-notebooks: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[notebooks]"
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[test]"
	@touch $@ $(VENV)/.installed-notebooks

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[test,bench]"
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed-notebooks

lab: $(VENV)/.installed-notebooks
	$(BIN)/jupyter lab --notebook-dir=notebooks --ServerApp.ip=127.0.0.1 $(ROOT_OK)

# The classroom server (hairsim/app/serve.py): Voila on 127.0.0.1:$(PORT), the "hairsim" template
# (no CDN), and idle kernels of closed tabs shut down after CULL_IDLE seconds, checked every
# CULL_INTERVAL seconds (--MappingKernelManager.cull_idle_timeout / cull_interval). A class network:
# make app IP=0.0.0.0.
CULL_IDLE     ?= 900
CULL_INTERVAL ?= 60
IP            ?= 127.0.0.1
app: $(VENV)/.installed-notebooks
	$(BIN)/python -m hairsim.app.serve --ip $(IP) --port $(PORT) --cull-idle $(CULL_IDLE) --cull-interval $(CULL_INTERVAL)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -p no:cacheprovider

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench_engine.py
	$(BIN)/python benchmarks/bench_trial.py
	$(BIN)/python benchmarks/bench_app_latency.py

notebooks: $(VENV)/.installed-test
	$(BIN)/python scripts/make_notebooks.py
	$(BIN)/python scripts/make_teacher_guide.py

# the teacher guide, the glossary and one worksheet per student notebook, printed by Chromium
handouts: $(VENV)/.installed-test
	$(BIN)/python scripts/make_handouts.py

# student notebooks, solutions, the hairsim wheel and a teacher README in one zip
bundle: $(VENV)/.installed-test
	$(BIN)/python scripts/make_bundle.py

clean:
	rm -rf $(VENV) build *.egg-info
