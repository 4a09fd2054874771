#!/usr/bin/env bash
# Starts Community for a newcomer: Azurite (blob storage), the Orleans silo and the web app, then prints the URL.
# Ctrl-C stops all three. Data lives under $COMMUNITY_DATA (default .data) and is kept between runs.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
source scripts/install-tools.sh

data=${COMMUNITY_DATA:-.data}
mkdir -p "$data"
export COMMUNITY_DATA=$(cd "$data" && pwd)   # absolute: the apps run from their own project folders
web_url=${COMMUNITY_WEB_URL:-http://127.0.0.1:5080}
export COMMUNITY_WEB_URL=$web_url
web_port=$(sed -nE 's#^[a-z]+://[^/]*:([0-9]+).*#\1#p' <<<"$web_url")
web_port=${web_port:-80}
local_web_url=$(sed -E 's#://(0\.0\.0\.0|\+|\*|\[::\])#://127.0.0.1#' <<<"${web_url%/}")
# Release by default: it carries a busy board much better than Debug (p99 534 -> 337 ms at 500 watchers).
configuration=${COMMUNITY_CONFIGURATION:-Release}
silo_port=${COMMUNITY_SILO_PORT:-11111}
gateway_port=${COMMUNITY_GATEWAY_PORT:-30000}
azurite_port=10000

require_dotnet
install_node_packages
echo "Building ($configuration)..."
dotnet build src/Community.Silo -c "$configuration" --nologo -v quiet -clp:ErrorsOnly
dotnet build src/Community.Web -c "$configuration" --nologo -v quiet -clp:ErrorsOnly

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

for entry in "$azurite_port:Azurite" "$silo_port:silo" "$gateway_port:silo gateway" "$web_port:web"; do
    if listening "${entry%%:*}"; then
        echo "Port ${entry%%:*} (${entry#*:}) is already in use: stop what listens there (an earlier ./run.sh?) and try again." >&2
        exit 1
    fi
done

pids=()   # started processes, stopped in reverse order: web, silo, then storage last
stop_all() {
    trap - EXIT INT TERM
    local index pid
    for ((index = ${#pids[@]} - 1; index >= 0; index--)); do
        pid=${pids[index]}
        kill -0 "$pid" 2>/dev/null || continue
        kill -TERM "$pid" 2>/dev/null || true
        # A silo's graceful stop can take over 10 s; Azurite sometimes needs a second SIGTERM.
        for tick in $(seq 1 300); do
            kill -0 "$pid" 2>/dev/null || break
            [ "$tick" -eq 20 ] && kill -TERM "$pid" 2>/dev/null
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    echo "Stopped."
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits until a port listens (or an HTTP URL answers 200), failing early if the process it waits for has died.
wait_for() {
    local what=$1 pid=$2 check=$3 seconds=$4
    for _ in $(seq 1 $((seconds * 4))); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "$what exited while starting (see its output above)." >&2
            exit 1
        fi
        eval "$check" && return 0
        sleep 0.25
    done
    echo "$what did not become ready within $seconds s." >&2
    exit 1
}

prefixed() { sed -u "s/^/[$1] /"; }

mkdir -p "$COMMUNITY_DATA/azurite"
# node runs Azurite's script itself, so $! is the PID that has to be stopped.
node node_modules/azurite/dist/src/blob/main.js --blobHost 127.0.0.1 --blobPort "$azurite_port" \
    --location "$COMMUNITY_DATA/azurite" --silent --skipApiVersionCheck --loose \
    > >(prefixed azurite) 2>&1 &
pids+=($!)
wait_for "Azurite" "${pids[-1]}" "listening $azurite_port" 30

# Each app runs from its project folder, its content root (appsettings.json, wwwroot).
(cd src/Community.Silo && exec dotnet "bin/$configuration/net10.0/Community.Silo.dll") > >(prefixed silo) 2>&1 &
pids+=($!)
wait_for "The silo" "${pids[-1]}" "listening $gateway_port" 60

(cd src/Community.Web && exec dotnet "bin/$configuration/net10.0/Community.Web.dll") > >(prefixed web) 2>&1 &
pids+=($!)
wait_for "The web app" "${pids[-1]}" "curl -fsS -o /dev/null --max-time 5 '$local_web_url/healthz' 2>/dev/null" 60

echo
echo "Community is running: $local_web_url   (data in $COMMUNITY_DATA; Ctrl-C stops everything)"
echo

while true; do
    for pid in "${pids[@]}"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "A process stopped unexpectedly (pid $pid); stopping the others." >&2
            exit 1
        fi
    done
    sleep 1
done
