# The README's commands. `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test browser-test live-test import-test mariadb contract chromium ffmpeg varnish wrk bench venv lint format demo clean

# Each step says what it does: a first run installs for a minute or two, and pip shows its progress.
$(BIN)/python:
	@echo "== Creating the virtual environment $(VENV) with $(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade --progress-bar on pip

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	@echo "== Installing the pinned packages of requirements-dev.txt (a minute or two the first time)"
	$(BIN)/pip install --progress-bar on -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

demo: venv
	@echo "== Creating or updating the database (SQLite: db.sqlite3)"
	$(BIN)/python manage.py migrate --no-input
	@echo "== Loading the demo content (German and English; about half a minute the first time)"
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py dev_admin --port $(PORT)
	$(BIN)/python manage.py dev_members --port $(PORT)

# The site and, beside it, the e-mail worker (mails are printed to this terminal in development).
run: demo
	@echo "== Serving http://127.0.0.1:$(PORT)/ with the e-mail worker beside it (Ctrl-C stops both)"
	$(BIN)/python manage.py mail_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# In parallel on every core (pytest-xdist); each worker has its own test database.
test: venv ffmpeg
	$(BIN)/pytest -n auto

# Debian's Chromium for the browser tests (Playwright's own browser download does not work here).
chromium:
	command -v chromium >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q chromium)

# Debian's ffmpeg: ffprobe measures uploaded sign-language videos, ffmpeg makes the tests' and the
# demo's videos (without it the upload says it could not check, and the demo has no video).
ffmpeg:
	command -v ffprobe >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q --no-install-recommends ffmpeg)

browser-test: venv chromium ffmpeg
	$(BIN)/pytest -m browser tests/browser

# The TYPO3 import against a TYPO3 13 database in MariaDB (tests/typo3_import, marker typo3); each
# test creates its own database there and drops it afterwards.
import-test: venv mariadb
	$(BIN)/pytest -n 2 -m typo3 tests/typo3_import

# MariaDB on 127.0.0.1:3306 (root, no password), started when it does not answer.
MARIADB_ANSWERS = $(BIN)/python -c "import pymysql; pymysql.connect(host='127.0.0.1', port=3306, user='root', connect_timeout=3).close()" 2>/dev/null
mariadb: venv
	@$(MARIADB_ANSWERS) || { \
	  echo "== Starting MariaDB"; \
	  command -v mariadbd >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q mariadb-server); \
	  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld; \
	  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd; \
	  for second in $$(seq 60); do $(MARIADB_ANSWERS) && break; sleep 1; done; }
	@$(MARIADB_ANSWERS) || { echo "MariaDB does not answer on 127.0.0.1:3306 as root without password."; exit 1; }

# gunicorn with the production settings against real servers: a database restart, a frontend cache.
live-test: venv varnish
	$(BIN)/pytest -m live tests/live -s

varnish:
	command -v varnishd >/dev/null 2>&1 && test -e /usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so -o -e /usr/lib/aarch64-linux-gnu/varnish/vmods/libvmod_xkey.so || (apt-get update -q && apt-get install -y -q varnish varnish-modules)

wrk:
	command -v wrk >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q wrk)

# The real scale over HTTP (10,000 articles, 500 series; about 15 minutes), table into bench/README.md.
bench: venv wrk
	$(BIN)/python bench/scale_bench.py

contract: venv
	bash tests/api_contract.sh

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media staticfiles
