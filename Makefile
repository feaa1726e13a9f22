.PHONY: demo test bench setup lint

# Fresh machine -> the product on http://127.0.0.1:8000 (SQLite, Celery on the filesystem broker, debug on).
demo:
	bash scripts/demo.sh

# Installs what is missing, throwaway PostgreSQL + Redis, ruff, mypy, checks, the whole pytest suite.
test:
	bash scripts/test.sh

# Seeded PostgreSQL, then every benchmarks/bench_*.py; one figure per line.
bench:
	bash scripts/bench.sh

setup:
	bash scripts/setup.sh --test

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && DJANGO_DEBUG=true .venv/bin/mypy .
