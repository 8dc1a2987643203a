#!/usr/bin/env bash
# `make test-dates`: the unit and integration tests (SQLite) again at moments where date code breaks, with both
# clocks on that moment: the machine's, through Debian's faketime (so a stray datetime.now() or date.today()
# reads it too), and Orbit's own (ORBIT_TEST_NOW, which tests/conftest.py starts app.clock at).
#
#   scripts/test-dates.sh                      # every moment below, two at a time
#   TEST_DATES_JOBS=1 scripts/test-dates.sh    # one at a time
#   scripts/test-dates.sh "2028-02-29 12:00:00"   # one moment (UTC), with any extra pytest arguments after it
#
# Exits 1 if any run fails; prints each run's output under a header with its moment, and a summary at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

MOMENTS=(
  "2027-04-01 09:00:00|a 1st of the month"
  "2028-02-29 12:00:00|29 February in a leap year"
  "2026-12-31 23:30:00|31 December, half an hour before the new year"
  "2027-03-28 00:30:00|the last Sunday of March, half an hour before the clocks go forward"
  "2027-10-31 00:30:00|the last Sunday of October, half an hour before the clocks go back"
  "2026-12-28 10:00:00|Monday 28 December 2026, the substitute Boxing Day bank holiday"
)
JOBS="${TEST_DATES_JOBS:-2}"
PYTEST_ARGS=(-q -p no:cacheprovider --ignore=tests/e2e tests/unit tests/integration)

if [ "$#" -gt 0 ]; then
  MOMENTS=("$1|chosen on the command line")
  shift
  if [ "$#" -gt 0 ]; then PYTEST_ARGS=(-q -p no:cacheprovider "$@"); fi
fi

if ! command -v faketime >/dev/null 2>&1; then
  echo "== installing faketime from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
fi

LOGS="$(mktemp -d)"
trap 'rm -rf "$LOGS"' EXIT

run_one() {
  local index="$1" moment="$2"
  local started=$SECONDS
  # TZ=UTC: faketime reads the moment in the process's time zone. Monotonic time is left alone, so timeouts and
  # Orbit's clock (which runs on from its start with the monotonic clock) behave. SQLite only, and no Redis: two
  # runs at once would share one Redis database, and neither depends on the date.
  env -u TEST_DATABASE_URL -u TEST_REDIS_URL TZ=UTC FAKETIME_DONT_FAKE_MONOTONIC=1 ORBIT_TEST_NOW="${moment/ /T}+00:00" \
    faketime -f "@${moment}" .venv/bin/pytest "${PYTEST_ARGS[@]}" >"$LOGS/$index.log" 2>&1
  local status=$?
  echo "$status $((SECONDS - started))" >"$LOGS/$index.status"
}

started_all=$SECONDS
running=0
for index in "${!MOMENTS[@]}"; do
  run_one "$index" "${MOMENTS[$index]%%|*}" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait

failed=0
summary=()
for index in "${!MOMENTS[@]}"; do
  moment="${MOMENTS[$index]%%|*}"
  label="${MOMENTS[$index]#*|}"
  read -r status seconds <"$LOGS/$index.status"
  echo
  echo "================================================================================================"
  echo "== tests at ${moment} UTC: ${label}"
  echo "================================================================================================"
  cat "$LOGS/$index.log"
  if [ "$status" -eq 0 ]; then
    summary+=("  PASS  ${moment} UTC  (${seconds} s)  ${label}")
  else
    failed=1
    summary+=("  FAIL  ${moment} UTC  (${seconds} s)  ${label}")
  fi
done

# Every run's tests, added up, as the closing line.
count() { grep -hoE "[0-9]+ $1" "$LOGS"/*.log | awk '{n += $1} END {print n + 0}'; }
echo
echo "== tests at hard moments, ${JOBS} at a time, $((SECONDS - started_all)) s in all:"
printf '%s\n' "${summary[@]}"
echo "test-dates: $(count passed) passed, $(($(count failed) + $(count 'errors?'))) failed, $(count skipped) skipped"
exit "$failed"
