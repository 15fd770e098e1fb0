#!/usr/bin/env bash
# `make image-check`: build the service image with podman on a machine that reaches no container registry, and
# check that it does what the README says. Needs root and apt-get (it installs Debian's podman, runc,
# debootstrap, podman-compose and curl when missing, as `make test` installs chromium and postgresql).
#
# - the base: a python:3.11-slim stand-in made from Debian's archive (scripts/podman/build-base.sh), re-used
#   when an image of the same recipe is cached; so is the local PostgreSQL image compose runs with;
# - the app image: the Dockerfile, FROM that base, in Docker's format (OCI drops HEALTHCHECK), with this
#   machine's pip settings mounted read-only for the build only;
# - then: nothing of those pip settings is left in the image; it runs as non-root; /healthz answers and the
#   health check reports healthy; an API key made inside the container scores a reply; a trainer uploads a
#   scenario; /data keeps a key and a session across a restart and into a new container; compose.yaml runs it
#   on PostgreSQL (with a trainer upload into its scenarios volume).
# Containers, volumes and the compose project it makes are removed at the end, also on failure. Images stay
# (the base and PostgreSQL ones are the cache; the app image is localhost/listening-gym:check).
# Environment: TORCH_INDEX (where torch comes from; default: empty when a torch wheel lies in pip's find-links
# folders, else the Dockerfile's CPU index), GYM_IMAGE_CHECK_KEEP=1 keeps the containers for a look.
set -euo pipefail
cd "$(dirname "$0")/.."
export CONTAINERS_CONF=$PWD/scripts/podman/containers.conf

T0=$(date +%s)
NAME=listening-gym-check
APP_IMAGE=localhost/listening-gym:check
TOKEN=image-check-trainer-token-$(date +%s%N | sha256sum | cut -c1-16)
C1=$NAME-1
C2=$NAME-2
DATA_VOLUME=$NAME-data
PROJECT=$NAME
stage=""
current=""   # the container whose logs a failure shows
PG_IMAGE=""
COMPOSE_PORT=""
timings=()

say() { printf '\n== %s\n' "$*"; }
ok() { printf '   ok: %s\n' "$*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
timing() { timings+=("$(printf '%-34s %s' "$1" "$2")"); }

compose() {
  GYM_IMAGE=$APP_IMAGE GYM_POSTGRES_IMAGE=$PG_IMAGE GYM_TRAINER_TOKEN=$TOKEN \
    GYM_HTTP_PUBLISH=127.0.0.1:$COMPOSE_PORT podman-compose -p "$PROJECT" -f compose.yaml "$@"
}

fail() {
  printf '\n!! FAILED: %s\n' "$*" >&2
  if [ -n "$current" ] && podman container exists "$current" 2>/dev/null; then
    printf '\n-- logs of %s (last 80 lines):\n' "$current" >&2
    podman logs --tail 80 "$current" >&2 2>&1 || true
  fi
  exit 1
}

cleanup() {
  local status=$?
  if [ "${GYM_IMAGE_CHECK_KEEP:-}" = 1 ]; then
    echo "GYM_IMAGE_CHECK_KEEP=1: leaving $C1, $C2, $DATA_VOLUME and the compose project $PROJECT" >&2
  else
    podman rm -f -v -i "$C1" "$C2" >/dev/null 2>&1 || true
    for c in $(podman ps -a -q --filter "label=io.podman.compose.project=$PROJECT" 2>/dev/null); do
      podman rm -f -v "$c" >/dev/null 2>&1 || true
    done
    if [ -n "$PG_IMAGE" ]; then compose down -v >/dev/null 2>&1 || true; fi
    podman volume rm -f "$DATA_VOLUME" "${PROJECT}_db-data" "${PROJECT}_scenarios" >/dev/null 2>&1 || true
    podman pod rm -f "pod_$PROJECT" >/dev/null 2>&1 || true
    podman network rm -f "${PROJECT}_default" >/dev/null 2>&1 || true
  fi
  [ -z "$stage" ] || rm -rf "$stage"
  if [ "$status" -ne 0 ]; then echo "image check failed after $(( $(date +%s) - T0 )) s" >&2; fi
}
trap cleanup EXIT

# podman prints an error line on every run of an image with a HEALTHCHECK when there is no systemd (it cannot
# make the timer); the check runs `podman healthcheck run` itself instead, so those lines are dropped.
quiet_systemd() { grep -v 'unable to get systemd connection' >&2 || true; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# http METHOD URL [curl args...]: prints the body, then the status code on a last line of its own.
http() {
  local method=$1 url=$2
  shift 2
  curl -sS -m 60 -X "$method" -w '\n%{http_code}' "$@" "$url" || true  # no answer: status 000
}
status_of() { tail -n 1 <<<"$1"; }
body_of() { sed '$d' <<<"$1"; }
json_field() { python3 -c 'import json, sys; print(json.loads(sys.stdin.read())[sys.argv[1]])' "$1"; }

# wait_healthz URL CONTAINER: poll /healthz until it answers 200; fails if the container stops or 240 s pass.
wait_healthz() {
  local url=$1 container=$2 deadline=$(( $(date +%s) + 240 ))
  until curl -fsS -m 5 -o /dev/null "$url/healthz" 2>/dev/null; do
    [ "$(podman inspect -f '{{.State.Running}}' "$container")" = true ] || fail "$container stopped before /healthz answered"
    [ "$(date +%s)" -lt "$deadline" ] || fail "$url/healthz did not answer within 240 s"
    sleep 0.5
  done
}

run_app() {  # run_app NAME: the app image with the data volume, on a free loopback port
  podman run -d --name "$1" -p "127.0.0.1:$(free_port):8000" -v "$DATA_VOLUME:/data" \
    -e GYM_TRAINER_TOKEN="$TOKEN" "$APP_IMAGE" 2> >(quiet_systemd) >/dev/null
  current=$1
  URL="http://$(podman port "$1" 8000)"
}

score() {  # score URL KEY: a scoring request; prints body + status
  http POST "$1/api/v1/score" -H "X-API-Key: $2" -H 'content-type: application/json' \
    -d '{"client_message": "The shipment was three days late and nobody told us.", "response": "So it came three days late and nobody warned you?", "key_points": ["The delivery was late", "Nobody warned them"]}'
}

expect_status() {  # expect_status WANT RESPONSE WHAT
  local got
  got=$(status_of "$2")
  [ "$got" = "$1" ] || fail "$3: HTTP $got, expected $1; body: $(body_of "$2" | head -c 600)"
}

upload_scenario() {  # upload_scenario URL ID: PUT a copy of missed-delivery under a new id; expects 201
  local response
  response=$(sed -e "s/^id: missed-delivery\$/id: $2/" scenarios/missed-delivery.yaml \
    | http PUT "$1/api/v1/scenarios/$2" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/yaml' --data-binary @-)
  expect_status 201 "$response" "trainer upload of scenario $2"
  response=$(http GET "$1/api/v1/scenarios/$2")
  expect_status 200 "$response" "reading back uploaded scenario $2"
}

# --- tools -----------------------------------------------------------------------------------------------
say "Debian packages: podman, runc, aardvark-dns, debootstrap, podman-compose, curl"
bash scripts/ensure-debian-package.sh podman /usr/bin/podman
bash scripts/ensure-debian-package.sh runc /usr/sbin/runc
bash scripts/ensure-debian-package.sh aardvark-dns /usr/lib/podman/aardvark-dns  # compose's service names
bash scripts/ensure-debian-package.sh debootstrap /usr/sbin/debootstrap
bash scripts/ensure-debian-package.sh podman-compose /usr/bin/podman-compose
bash scripts/ensure-debian-package.sh curl /usr/bin/curl
for tool in podman runc debootstrap podman-compose curl python3; do
  command -v "$tool" >/dev/null || fail "$tool is missing and could not be installed (needs root and apt-get)"
done
ok "$(podman --version), $(runc --version | head -n 1), podman-compose $(dpkg-query -W -f '${Version}' podman-compose 2>/dev/null)"

# Leftovers of an interrupted run (same names) go first, so the check can be run again at once.
podman rm -f -v -i "$C1" "$C2" >/dev/null 2>&1 || true
for c in $(podman ps -a -q --filter "label=io.podman.compose.project=$PROJECT"); do podman rm -f -v "$c" >/dev/null; done
podman volume rm -f "$DATA_VOLUME" "${PROJECT}_db-data" "${PROJECT}_scenarios" >/dev/null 2>&1 || true

volumes_before=$(podman volume ls -q | sort)

# --- base image ------------------------------------------------------------------------------------------
recipe=$(cat scripts/podman/build-base.sh | sha256sum | cut -c1-12)
BASE_IMAGE=localhost/listening-gym-base:bookworm-$recipe
say "base image $BASE_IMAGE (debootstrap bookworm + venv at /opt/python)"
if podman image exists "$BASE_IMAGE"; then
  ok "cached, re-used"
  timing "base image build" "cached"
else
  t=$(now)
  bash scripts/podman/build-base.sh "$BASE_IMAGE" || fail "building the base image"
  timing "base image build" "$(since "$t") s"
  ok "built in $(since "$t") s"
fi

# --- app image -------------------------------------------------------------------------------------------
say "app image $APP_IMAGE (Dockerfile FROM the base, --format docker)"
stage=$(mktemp -d /var/tmp/listening-gym-pip.XXXXXX)
pip_args=()
pip_arg=$(python3 scripts/podman/pip_build_context.py "$stage")
if [ -n "$pip_arg" ]; then
  pip_args=(--build-arg "$pip_arg" -v "$stage:/mnt:ro")
  ok "this machine's pip settings, for the build only: $(tr '\n' ';' <"$stage/pip.conf")"
fi
if [ -z "${TORCH_INDEX+set}" ]; then
  TORCH_INDEX=https://download.pytorch.org/whl/cpu
  if compgen -G "$stage/find-links-*/torch-*.whl" >/dev/null; then TORCH_INDEX=""; fi
fi
ok "TORCH_INDEX='$TORCH_INDEX'"
t=$(now)
podman build --format docker --build-arg "BASE=$BASE_IMAGE" --build-arg "TORCH_INDEX=$TORCH_INDEX" \
  "${pip_args[@]}" -t "$APP_IMAGE" . >/var/tmp/listening-gym-build.log 2>&1 \
  || { tail -n 60 /var/tmp/listening-gym-build.log >&2; fail "podman build (whole log: /var/tmp/listening-gym-build.log)"; }
app_build=$(since "$t")
timing "app image build" "$app_build s"
ok "built in $app_build s (log: /var/tmp/listening-gym-build.log)"

say "nothing of the build's pip settings is left in the image"
env_left=$(podman image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$APP_IMAGE" | grep -E '^PIP_(CONFIG_FILE|CERT|FIND_LINKS|CONSTRAINT|INDEX_URL)=' || true)
[ -z "$env_left" ] || fail "the image's environment keeps: $env_left"
leftovers=$(podman run --rm --entrypoint /bin/sh "$APP_IMAGE" -c \
  'ls -A /mnt; for f in /etc/pip.conf /etc/xdg/pip /opt/wheels /root/.config/pip; do [ ! -e "$f" ] || echo "$f"; done' \
  2> >(quiet_systemd))
[ -z "$leftovers" ] || fail "left in the image: $leftovers"
bundle_app=$(podman run --rm --entrypoint sha256sum "$APP_IMAGE" /etc/ssl/certs/ca-certificates.crt 2> >(quiet_systemd))
bundle_base=$(podman run --rm --entrypoint sha256sum "$BASE_IMAGE" /etc/ssl/certs/ca-certificates.crt)
[ "$bundle_app" = "$bundle_base" ] || fail "the image's CA bundle differs from the base's"
ok "no PIP_* build settings in its environment; /mnt empty; no pip.conf, wheel folder; CA bundle as in the base"
torch_build=$(podman run --rm --entrypoint python "$APP_IMAGE" -c \
  'import importlib.util as u; print(__import__("torch").version.cuda or "cpu" if u.find_spec("torch") else "no torch")' 2> >(quiet_systemd))
[ "$torch_build" = cpu ] || [ "$torch_build" = "no torch" ] || fail "torch in the image is a CUDA build ($torch_build): set TORCH_INDEX"
ok "torch: $torch_build"

# --- one container -----------------------------------------------------------------------------------------
say "start a container; wait for /healthz"
podman volume create "$DATA_VOLUME" >/dev/null
t=$(now)
run_app "$C1"
wait_healthz "$URL" "$C1"
start_healthz=$(since "$t")
timing "start to /healthz" "$start_healthz s"
ok "$URL/healthz answered 200 after $start_healthz s"

say "it runs as a non-root user"
uid=$(podman exec "$C1" id -u) || fail "podman exec $C1 id -u"
[ -n "$uid" ] && [ "$uid" != 0 ] || fail "the service runs as uid '$uid'"
ok "uid $uid ($(podman exec "$C1" id -un))"

say "podman healthcheck run reports healthy"
podman healthcheck run "$C1" >/dev/null || fail "podman healthcheck run $C1 says unhealthy"
health=$(podman inspect -f '{{.State.Health.Status}}' "$C1")
[ "$health" = healthy ] || fail "health status is '$health'"
ok "healthy"

say "an API key made inside the container scores a reply"
KEY=$(podman exec "$C1" practice keys create --name image-check --scope score --scope sessions 2>/dev/null) \
  || fail "practice keys create"
[[ "$KEY" =~ ^gym_[0-9a-f]{12}_ ]] || fail "practice keys create printed '$KEY', not a key"
response=$(score "$URL" "gym_000000000000_not-a-key")
expect_status 401 "$response" "scoring with an unknown key"
response=$(score "$URL" "$KEY")
expect_status 200 "$response" "POST /api/v1/score with the new key"
understanding=$(body_of "$response" | json_field understanding) || fail "no understanding in the score"
ok "401 without a valid key; 200 with it, understanding $understanding"

say "a trainer uploads a scenario (into /app/scenarios, owned by the service's user)"
upload_scenario "$URL" image-check-upload
ok "PUT /api/v1/scenarios/image-check-upload: 201, and it reads back"

say "/data keeps a key and a session across a restart and into a new container"
response=$(http POST "$URL/api/v1/sessions" -H 'content-type: application/json' -d '{"scenario_id": "missed-delivery"}')
expect_status 201 "$response" "POST /api/v1/sessions"
SESSION=$(body_of "$response" | json_field session_id) || fail "no session_id in the answer"
SESSION_TOKEN=$(body_of "$response" | json_field token) || fail "no token in the answer"
check_data() {  # check_data WHEN
  local response
  response=$(http GET "$URL/api/v1/sessions/$SESSION" -H "Authorization: Bearer $SESSION_TOKEN")
  expect_status 200 "$response" "reading session $SESSION $1"
  response=$(score "$URL" "$KEY")
  expect_status 200 "$response" "scoring with the key made before, $1"
}
podman restart "$C1" >/dev/null 2> >(quiet_systemd)
URL="http://$(podman port "$C1" 8000)"
wait_healthz "$URL" "$C1"
check_data "after a restart"
ok "after podman restart: session $SESSION and the key still there"
podman rm -f "$C1" >/dev/null 2> >(quiet_systemd)
run_app "$C2"
wait_healthz "$URL" "$C2"
check_data "in a new container on the same volume"
ok "in a new container on $DATA_VOLUME: session and key still there"
podman rm -f "$C2" >/dev/null 2> >(quiet_systemd)
podman volume rm "$DATA_VOLUME" >/dev/null
current=""

# --- compose with PostgreSQL -------------------------------------------------------------------------------
pg_recipe=$(cat scripts/podman/postgres.Containerfile scripts/podman/postgres-entrypoint.sh | sha256sum | cut -c1-8)
PG_IMAGE=localhost/listening-gym-postgres:15-$recipe-$pg_recipe
say "local PostgreSQL image $PG_IMAGE (Debian's postgresql-15 on the base)"
if podman image exists "$PG_IMAGE"; then
  ok "cached, re-used"
  timing "postgres image build" "cached"
else
  t=$(now)
  podman build --format docker --build-arg "BASE=$BASE_IMAGE" -f scripts/podman/postgres.Containerfile \
    -t "$PG_IMAGE" scripts/podman >/var/tmp/listening-gym-postgres-build.log 2>&1 \
    || { tail -n 40 /var/tmp/listening-gym-postgres-build.log >&2; fail "building $PG_IMAGE"; }
  timing "postgres image build" "$(since "$t") s"
  ok "built in $(since "$t") s"
fi

say "compose.yaml on PostgreSQL (podman-compose ignores condition: service_healthy, so the db is waited for here)"
COMPOSE_PORT=$(free_port)
t=$(now)
compose up -d db >/var/tmp/listening-gym-compose.log 2>&1 || { cat /var/tmp/listening-gym-compose.log >&2; fail "podman-compose up db"; }
DB=$(podman ps -q --filter "label=io.podman.compose.project=$PROJECT" --filter "label=com.docker.compose.service=db")
[ -n "$DB" ] || fail "no db container after podman-compose up"
current=$DB
deadline=$(( $(date +%s) + 120 ))
until podman healthcheck run "$DB" >/dev/null 2>&1; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the db's health check did not pass within 120 s"
  sleep 1
done
ok "db healthy after $(since "$t") s"
compose up -d gym >>/var/tmp/listening-gym-compose.log 2>&1 || { cat /var/tmp/listening-gym-compose.log >&2; fail "podman-compose up gym"; }
GYM=$(podman ps -q --filter "label=io.podman.compose.project=$PROJECT" --filter "label=com.docker.compose.service=gym")
[ -n "$GYM" ] || fail "no gym container after podman-compose up"
current=$GYM
URL=http://127.0.0.1:$COMPOSE_PORT
wait_healthz "$URL" "$GYM"
timing "compose up to /healthz" "$(since "$t") s"
ok "gym answers on $URL/healthz"
# podman-compose prints its own commands on stdout too: the key is the line that looks like one.
KEY=$(compose exec -T gym practice keys create --name image-check --scope score 2>/dev/null \
  | grep -E '^gym_[0-9a-f]{12}_' || true)
[ -n "$KEY" ] || fail "podman-compose exec -T gym practice keys create printed no key"
response=$(score "$URL" "$KEY")
expect_status 200 "$response" "POST /api/v1/score (compose)"
response=$(http POST "$URL/api/v1/sessions" -H 'content-type: application/json' -d '{"scenario_id": "missed-delivery"}')
expect_status 201 "$response" "POST /api/v1/sessions (compose)"
SESSION=$(body_of "$response" | json_field session_id) || fail "no session_id in the answer (compose)"
rows=$(podman exec "$DB" psql -U gym -d gym -tA -c "select count(*) from sessions where id = '$SESSION'" 2>&1)
[ "$rows" = 1 ] || fail "session $SESSION is not in PostgreSQL (psql said '$rows')"
keys=$(podman exec "$DB" psql -U gym -d gym -tA -c "select count(*) from api_keys where name = 'image-check'" 2>&1)
[ "$keys" = 1 ] || fail "the key is not in PostgreSQL (psql said '$keys')"
ok "a key made with exec -T scores (200); session $SESSION and the key are rows in PostgreSQL"
upload_scenario "$URL" image-check-compose
ok "trainer upload into the fresh 'scenarios' volume: 201"
# podman-compose 1.0.3's `down -v` removes the named volumes but not the anonymous one the image's
# VOLUME /data gives the gym container: note its volumes first, and remove what is left of them after.
mounted=$(podman inspect -f '{{range .Mounts}}{{if eq .Type "volume"}}{{println .Name}}{{end}}{{end}}' "$GYM" "$DB")
compose down -v >>/var/tmp/listening-gym-compose.log 2>&1 || fail "podman-compose down"
current=""
left=$(podman ps -a -q --filter "label=io.podman.compose.project=$PROJECT")
[ -z "$left" ] || fail "containers of $PROJECT left after podman-compose down: $left"
for v in $mounted; do
  if podman volume exists "$v"; then podman volume rm "$v" >/dev/null; fi
done
new_volumes=$(comm -13 <(echo "$volumes_before") <(podman volume ls -q | sort))
[ -z "$new_volumes" ] || fail "volumes left behind: $new_volumes"
ok "podman-compose down -v; no container or volume of the check is left"

# --- figures -----------------------------------------------------------------------------------------------
human() { numfmt --to=si --suffix=B --format='%.2f' "$1"; }
base_size=$(podman image inspect -f '{{.Size}}' "$BASE_IMAGE")
app_size=$(podman image inspect -f '{{.Size}}' "$APP_IMAGE")
deps_layer=$(podman history --no-trunc --format '{{.Size}}|{{.CreatedBy}}' "$APP_IMAGE" | grep 'requirements.txt' | head -n 1 | cut -d'|' -f1)
timing "whole image check" "$(( $(date +%s) - T0 )) s"
say "image check passed"
printf '   %s\n' "${timings[@]}"
printf '   %-34s %s\n' "base image size" "$(human "$base_size")" "app image size" "$(human "$app_size")" \
  "dependency layer size" "$deps_layer"
