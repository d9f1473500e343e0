# The interface to this project: CI calls the same targets.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Linode's OpenAPI documents are not committed: LINODE_OPENAPI_DIR is where they are (the
# spec tool's tests read the same variable); UPSTREAM names the one spec/ is derived from.
LINODE_OPENAPI_DIR ?= ../shared/reference
UPSTREAM ?= $(LINODE_OPENAPI_DIR)/linode-openapi-images-4.234.0.json
STAMP := $(VENV)/.installed
# The benchmark environment: the project plus the peers it is compared with (benchmarks/requirements.txt).
BENCH_VENV := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed

.PHONY: setup spec check-spec generate check-generated lint format typecheck test test-property-long demo mock bench contract-live clean

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found; run: make PYTHON=python3 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3" -c constraints.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,mock,progress,speedups,fast-gzip]'
	touch $(STAMP)

setup: $(STAMP)

spec: $(STAMP)
	$(BIN)/python -m tools.specsync derive --upstream $(UPSTREAM)

check-spec: $(STAMP)
	$(BIN)/python -m tools.specsync check --upstream $(UPSTREAM)

generate: $(STAMP)
	$(BIN)/python -m tools.codegen generate

check-generated: $(STAMP)
	$(BIN)/python -m tools.codegen check

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: $(STAMP)
	$(BIN)/mypy

# The mock server on http://127.0.0.1:$(MOCK_PORT) (0 picks a free port); extra flags in MOCK_ARGS.
MOCK_PORT ?= 4010
mock: $(STAMP)
	$(BIN)/python -m linode_images_mock --port $(MOCK_PORT) $(MOCK_ARGS)

# examples/tour.py against the mock server on a free port (examples/demo.py starts and
# stops it); tour flags in DEMO_ARGS, e.g. DEMO_ARGS=--no-progress.
demo: $(STAMP)
	$(BIN)/python examples/demo.py $(DEMO_ARGS)

test: lint typecheck check-generated
	$(BIN)/python -m pytest

# The property tests with random seeds and ten times the examples (tests/property/support.py),
# and schemathesis against the mock with its full budget (tests/mock/test_schemathesis.py, and the
# stock CLI on spec/linode-images.contract.yaml in tests/mock/test_stock_schemathesis.py).
test-property-long: $(STAMP)
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest tests/property tests/mock/test_schemathesis.py tests/mock/test_stock_schemathesis.py

# The contract suite (tests/contract) and a schemathesis run of the GET operations against
# the live API, checking its answers against spec/linode-images.contract.yaml (no hooks),
# after one request that checks the API answers and accepts the token
# (tests/contract/preflight.py). Needs LINODE_TOKEN; writes (upload,
# update, replicate, delete of images labelled linode-images-contract-*) only with
# LINODE_LIVE_WRITE=1. GET /images allows 20 requests a minute, hence the pause and the rate limit.
LINODE_CONTRACT_BASE_URL ?= https://api.linode.com
contract-live:
	@if [ -z "$$LINODE_TOKEN" ]; then \
		echo "contract-live: skipped, LINODE_TOKEN is not set (a Linode personal access token with images access)"; \
		exit 0; \
	fi; \
	$(MAKE) --no-print-directory --silent setup && \
	$(BIN)/python -m tests.contract.preflight $(LINODE_CONTRACT_BASE_URL) && \
	$(BIN)/python -m pytest tests/contract -p no:cacheprovider --contract-base-url=$(LINODE_CONTRACT_BASE_URL) && \
	echo "contract-live: waiting 60 s for a fresh GET /images rate-limit window before schemathesis" && \
	sleep 60 && \
	$(BIN)/schemathesis --config-file tests/contract/schemathesis.toml run spec/linode-images.contract.yaml \
		--url $(LINODE_CONTRACT_BASE_URL) --include-tag Images --include-method GET --mode positive \
		--phases examples,fuzzing --max-examples 10 --workers 1 --seed 1 --rate-limit 15/m \
		--checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance

$(BENCH_STAMP): pyproject.toml constraints.txt benchmarks/requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found; run: make PYTHON=python3 ..."; exit 1; }
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade "pip==26.3" -c constraints.txt
	$(BENCH_VENV)/bin/python -m pip install --quiet -c constraints.txt -e '.[mock,speedups,fast-gzip]' -r benchmarks/requirements.txt
	touch $(BENCH_STAMP)

# Writes BENCHMARKS.md (about 3 minutes on 2 cores); BENCH_QUICK=1 prints a quick table instead.
# Never part of test.
bench: $(STAMP) $(BENCH_STAMP)
	@command -v pigz >/dev/null || { echo "make bench: installing pigz (the all-cores gzip baseline)"; \
		apt-get install -y -qq pigz >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq pigz >/dev/null; }; }
	@for tool in curl gzip pigz; do command -v $$tool >/dev/null || { \
		echo "make bench needs $$tool on PATH for its baselines (Debian: apt-get install $$tool)"; exit 1; }; done
	$(BENCH_VENV)/bin/python benchmarks/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(BENCH_VENV) .mypy_cache .pytest_cache .ruff_cache
