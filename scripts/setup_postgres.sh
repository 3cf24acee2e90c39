#!/usr/bin/env bash
# Install (Debian packages), start and prepare a local PostgreSQL 15 for dateline's store tests.
#
# Idempotent and fast on re-runs: when the test database already answers, it does nothing.
# Needs root (CI runs as root). On a developer machine without root or apt it prints how to
# point the tests at another server and exits 0: the PostgreSQL tests then skip (never in CI,
# where CI=true makes them fail instead).
#
# The tests read DATELINE_TEST_POSTGRES_URL (default below); this script creates that role and
# database on the local cluster.
set -euo pipefail

URL_DEFAULT="postgresql://dateline:dateline@localhost:5432/dateline_test"
ROLE=dateline
PASSWORD=dateline
DB=dateline_test
VERSION=15

say() { echo "setup_postgres: $*"; }
give_up() {
    say "$*"
    say "PostgreSQL store tests will be skipped here; set DATELINE_TEST_POSTGRES_URL (default $URL_DEFAULT)."
    if [ "${CI:-}" = "true" ]; then exit 1; fi
    exit 0
}

ready() {
    command -v psql >/dev/null 2>&1 &&
        PGCONNECT_TIMEOUT=3 psql "$URL_DEFAULT" -XtAqc 'select 1' >/dev/null 2>&1
}

if ready; then
    say "test database ready ($URL_DEFAULT)"
    exit 0
fi

[ "$(id -u)" = 0 ] || give_up "not root: cannot install or start a local PostgreSQL $VERSION"
command -v apt-get >/dev/null 2>&1 || give_up "no apt-get: install PostgreSQL $VERSION yourself"

if [ ! -x "/usr/lib/postgresql/$VERSION/bin/postgres" ] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    say "installing postgresql-$VERSION from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || give_up "apt-get update failed"
    apt-get install -y -qq "postgresql-$VERSION" postgresql-client-common >/dev/null ||
        give_up "apt-get install postgresql-$VERSION failed"
fi

if ! pg_lsclusters -h 2>/dev/null | awk -v v="$VERSION" '$1 == v && $2 == "main"' | grep -q .; then
    say "creating cluster $VERSION/main"
    pg_createcluster "$VERSION" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
    say "starting cluster $VERSION/main"
    pg_ctlcluster "$VERSION" main start
fi
for _ in $(seq 1 30); do
    pg_isready -q -h localhost -p 5432 && break
    sleep 0.5
done
pg_isready -q -h localhost -p 5432 || give_up "server did not come up on localhost:5432"

as_postgres() { runuser -u postgres -- psql -XtAq "$@"; }
if [ "$(as_postgres -c "select 1 from pg_roles where rolname = '$ROLE'")" != 1 ]; then
    as_postgres -c "create role $ROLE login password '$PASSWORD'"
fi
if [ "$(as_postgres -c "select 1 from pg_database where datname = '$DB'")" != 1 ]; then
    as_postgres -c "create database $DB owner $ROLE"
fi
ready || give_up "cannot connect to $URL_DEFAULT after set-up"
say "test database ready ($URL_DEFAULT)"
