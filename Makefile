# Hearth: `make run` for the local demo, `make test` for the test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP_INSTALL := $(BIN)/pip install --quiet --build-constraint requirements/build-constraints.txt
E2E_DIR := tests/e2e

# Local defaults; real environment variables win.
export DEBUG ?= 1
export SECRET_KEY ?= django-insecure-local-development-only

EVAL ?= ../shared/eval
MANAGE := $(BIN)/python manage.py

.PHONY: install lock run test test-e2e test-integration test-system screening-eval lint format migrate seed check-deploy browser clean

# Exactly the versions in requirements/lock.txt, each checked against its hash.
$(BIN)/activate: requirements/lock.txt requirements/build-constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(PIP_INSTALL) --require-hashes -r requirements/lock.txt
	touch $(BIN)/activate

install: $(BIN)/activate

# After changing dependencies in pyproject.toml (or to take newer releases): resolve again,
# review the diff of requirements/lock.txt, run the tests, commit both files.
lock: install
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --universal \
	  --python-version 3.11 --custom-compile-command "make lock" -o requirements/lock.txt

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

# The web server and, beside it, the periodic tasks (the beat schedule from settings, run in
# process without Redis): escalations, digests, follow-ups and erasures happen in the demo too.
run: seed
	@echo "Serving on http://127.0.0.1:8000 with the periodic tasks running (Ctrl+C to stop)"
	@$(MANAGE) run_schedule & scheduler=$$!; \
	  trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver 127.0.0.1:8000

# The unit and integration suite (browser tests: make test-e2e).
test: install
	DEBUG=0 $(BIN)/ruff check .
	DEBUG=0 EMAIL_URL=$${EMAIL_URL:-memory://} $(BIN)/pytest $(PYTEST_ARGS)

# Debian's Chromium and the npm axe-core package; Playwright drives /usr/bin/chromium.
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	@test -f $(E2E_DIR)/node_modules/axe-core/axe.min.js || (cd $(E2E_DIR) && npm ci --silent --no-audit --no-fund)

test-e2e: install browser
	DEBUG=0 EMAIL_URL=memory:// DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m e2e $(PYTEST_ARGS)

test-integration: install
	DEBUG=0 EMAIL_URL=memory:// $(BIN)/pytest -m integration $(PYTEST_ARGS)

# The production-shaped fault suite (tests/system): its own PostgreSQL, Redis, SMTP sink,
# gunicorn, workers and beat on ports 56400-56499, faults injected; at most 10 minutes. The
# test process itself uses no database or cache: the suite reads the stack's own.
# Whatever the outcome, cleanup.py ends every process the run started.
test-system: install
	timeout --signal=TERM --kill-after=30 600 env -u DATABASE_URL -u REDIS_URL DEBUG=0 EMAIL_URL=memory:// \
	  $(BIN)/pytest -m system -s tests/system $(PYTEST_ARGS); \
	  status=$$?; $(BIN)/python tests/system/cleanup.py; exit $$status

# The screeners measured on the shared labelled data (never copied into the repository).
# Targets met are gated at the target; targets not yet met hold a regression floor at the
# measured figure (target in the comment), see the screening issue.
screening-eval: install
	$(MANAGE) screening_eval $(EVAL)/crisis/cssrs-dev.csv --format cssrs --row "posts ideation+, label=Supportive" --max-flag-rate 0.03
	# targets: >= 0.85 (floor at today's 0.745), >= 0.90 and <= 0.25 (met, gated at the target)
	$(MANAGE) screening_eval $(EVAL)/crisis/cssrs-dev.csv --format cssrs --row "users ideation+: I+B+A" --min-recall 0.74
	$(MANAGE) screening_eval $(EVAL)/crisis/cssrs-dev.csv --format cssrs --row "users ideation+: B+A" --min-recall 0.90
	$(MANAGE) screening_eval $(EVAL)/crisis/cssrs-dev.csv --format cssrs --row "users ideation+, label=Supportive" --max-flag-rate 0.25
	$(MANAGE) screening_eval $(EVAL)/crisis/sdcnl-train.csv --format sdcnl --row "crisis (first person)" --min-recall 0.70
	$(MANAGE) screening_eval $(EVAL)/crisis/sdcnl-train.csv --format sdcnl --row "label=0" --max-flag-rate 0.50
	$(MANAGE) screening_eval $(EVAL)/crisis/dreaddit-train.csv --format dreaddit --only crisis --max-flag-rate 0.03
	$(MANAGE) screening_eval $(EVAL)/crisis/dreaddit-train.csv --format dreaddit --only abuse --max-flag-rate 0.03
	$(MANAGE) screening_eval $(EVAL)/abuse/davidson-labeled.csv --format davidson --row "hate-or-offensive" --min-f1 0.85
	$(MANAGE) screening_eval $(EVAL)/abuse/davidson-labeled.csv --format davidson --row "hate class, any" --min-recall 0.80
	# target: recall >= 0.50 at precision >= 0.75 (precision met, recall held at its floor: 0.221 with targeting rules)
	$(MANAGE) screening_eval $(EVAL)/abuse/olid-train.tsv --format olid --row "TIN vs everything" --min-precision 0.75 --min-recall 0.21
	$(MANAGE) screening_eval $(EVAL)/spam/sms-dev.tsv --format sms --min-recall 0.80 --min-precision 0.90
	$(MANAGE) screening_eval $(EVAL)/pii/presidio-synth-v2.json --format presidio --row EMAIL --min-recall 0.95 --min-precision 0.90
	$(MANAGE) screening_eval $(EVAL)/pii/presidio-synth-v2.json --format presidio --row PHONE --min-recall 0.95 --min-precision 0.90
	$(MANAGE) screening_eval $(EVAL)/spam --format youtube-spam --min-recall 0.80 --min-precision 0.90

# Ruff, then the app layers (README, "App boundaries"; contracts in pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# `manage.py check --deploy` with production-like settings.
check-deploy: install
	DEBUG=0 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=hearth.example.org \
	  MESSAGES_ENCRYPTION_KEYS=$$($(BIN)/python -c "import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())") \
	  EMAIL_URL=smtp://localhost:25 $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache
