#!/usr/bin/env bash
# Install and start what the store, API and browser tests need: a throwaway PostgreSQL cluster
# on a loopback port (run as the postgres user) and Debian's headless Chromium + chromedriver.
# Idempotent: a second run reuses the running cluster. Logs go to stderr; stdout carries only
# `export NAME=value` lines, so a caller does:
#     eval "$(bash scripts/ci-services.sh)"
# and the same lines are written to $VERACITY_CI_DIR/env for later shells (`source` it).
# Tunables: VERACITY_CI_DIR (default /tmp/veracity-ci), VERACITY_CI_PGPORT (default 55432).
set -euo pipefail

CI_DIR="${VERACITY_CI_DIR:-/tmp/veracity-ci}"
PG_PORT="${VERACITY_CI_PGPORT:-55432}"
PG_DATA="$CI_DIR/postgres"
PG_USER=veracity
PG_PASSWORD=veracity
PG_DB=veracity_test

log() { echo "ci-services: $*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

pg_bin_dir() {
    find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1
}

install_packages() {
    local missing=()
    [ -n "$(pg_bin_dir)" ] && [ -x "$(pg_bin_dir)/initdb" ] || missing+=(postgresql)
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
    if [ "${#missing[@]}" -eq 0 ]; then
        log "postgresql, chromium and chromium-driver already installed"
        return
    fi
    log "installing ${missing[*]} with apt-get"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >&2
}

# Run a command as the cluster's owner: the postgres user when we are root (initdb refuses
# root), else ourselves.
as_pg_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start_postgres() {
    local bin
    bin="$(pg_bin_dir)"
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
        log "PostgreSQL already accepting connections on 127.0.0.1:$PG_PORT"
        return
    fi
    mkdir -p "$CI_DIR"
    chmod 755 "$CI_DIR"
    if [ ! -f "$PG_DATA/PG_VERSION" ]; then
        log "creating a throwaway cluster in $PG_DATA"
        rm -rf "$PG_DATA"
        mkdir -p "$PG_DATA"
        local pwfile="$CI_DIR/pg-superuser-password"
        echo "$PG_PASSWORD" > "$pwfile"
        if [ "$(id -u)" -eq 0 ]; then
            chown postgres:postgres "$PG_DATA" "$pwfile"
        fi
        chmod 700 "$PG_DATA"
        as_pg_owner "$bin/initdb" -D "$PG_DATA" -U postgres --pwfile="$pwfile" \
            --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >&2
        rm -f "$pwfile"
    fi
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg_owner "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2
    as_pg_owner "$bin/psql" -h "$PG_DATA" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q >&2 <<SQL
SELECT 'CREATE ROLE $PG_USER LOGIN PASSWORD ''$PG_PASSWORD'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER')\gexec
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB')\gexec
SQL
}

install_packages
start_postgres
/usr/bin/chromium --version >&2
/usr/bin/chromedriver --version >&2

mkdir -p "$CI_DIR"
{
    echo "export VERACITY_TEST_POSTGRES_URL=postgresql+psycopg://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
    echo "export VERACITY_TEST_CHROMIUM=/usr/bin/chromium"
    echo "export VERACITY_TEST_CHROMEDRIVER=/usr/bin/chromedriver"
} | tee "$CI_DIR/env"
