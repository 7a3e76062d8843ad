#!/usr/bin/env bash
# Installs the coordinator the way production does (`pnpm deploy --prod`: runtime dependencies
# only, no devDependencies, no workspace sources beside it) into a temporary folder, starts it
# from there against a fresh PostgreSQL database and a local anvil chain, and checks that it
# answers /readyz and that the installed `plaza` CLI talks to it. A runtime import that is only a
# devDependency (or not declared) fails here. Needs TEST_POSTGRES_URL (a role that may create
# databases); CI's .ci/run sets it.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${TEST_POSTGRES_URL:?set TEST_POSTGRES_URL to a PostgreSQL URL whose role may create databases}"
work=$(mktemp -d "${TMPDIR:-/tmp}/plaza-prod-XXXXXX")
database="plaza_prod_$(date +%s)_$$"
admin_url="${TEST_POSTGRES_URL%/*}/postgres"
database_url="${TEST_POSTGRES_URL%/*}/${database}"
pid=''

cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  psql -q "$admin_url" -c "drop database if exists ${database}" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# GET with Node (no curl needed): the body on stdout, exit 1 unless 2xx.
get() {
  node -e "fetch(process.argv[1]).then(async (r) => { process.stdout.write(await r.text()); process.exit(r.ok ? 0 : 1) }, () => process.exit(1))" "$1"
}

echo "building the plaza CLI bundle"
pnpm --filter @plaza/coordinator run build

echo "installing @plaza/coordinator for production into $work/app"
pnpm --filter @plaza/coordinator deploy --prod "$work/app" >"$work/deploy.log" 2>&1 || {
  cat "$work/deploy.log"
  exit 1
}
for dev in tsx esbuild vitest typescript; do
  if [ -e "$work/app/node_modules/$dev" ]; then
    echo "the production install has the devDependency $dev"
    exit 1
  fi
done

psql -q "$admin_url" -c "create database ${database}"
port=$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
url="http://127.0.0.1:${port}"
export PLAZA_DATA_DIR="$work/data" PLAZA_PORT="$port" DATABASE_URL="$database_url"
export PLAZA_LOG_LEVEL=warn PLAZA_VERIFY=false PLAZA_SERVER_CRAWL=false PLAZA_PRELABEL=false

echo "starting the installed coordinator on PostgreSQL and a local anvil"
(cd "$work" && exec node app/bin/plaza.mjs start) >"$work/start.log" 2>&1 &
pid=$!
ready=''
for _ in $(seq 1 180); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the installed coordinator exited:"
    cat "$work/start.log"
    exit 1
  fi
  if get "$url/readyz" >"$work/readyz.json" 2>/dev/null; then
    ready=yes
    break
  fi
  sleep 1
done
if [ -z "$ready" ]; then
  echo "the installed coordinator never became ready:"
  cat "$work/start.log"
  get "$url/readyz" || true
  exit 1
fi
echo "ready: $(cat "$work/readyz.json")"

export PLAZA_URL="$url"
(cd "$work" && node app/bin/plaza.mjs campaign create --id prod-check --name "Production check" \
  --host news.example.com --seed https://news.example.com/ --classes a,b)
(cd "$work" && node app/bin/plaza.mjs status prod-check --json) >"$work/status.json"
node -e "
const s = JSON.parse(require('node:fs').readFileSync(process.argv[1], 'utf8'));
if (s.campaign.id !== 'prod-check' || s.stats.frontier.queued !== 1) throw new Error('unexpected status: ' + JSON.stringify(s));
" "$work/status.json"
get "$url/openapi.json" >/dev/null
echo "production install: OK"
