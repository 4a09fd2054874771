#!/usr/bin/env bash
# Starts Community for a newcomer: Azurite (blob storage), the Orleans silo and the web app, then prints the URL.
# Ctrl-C stops all three. Data lives under $COMMUNITY_DATA (default .data) and is kept between runs.
#
# ./run.sh --cluster starts Azurite, Redis (cluster membership), two silos, two web nodes and a small proxy at the same
# address, so a browser still needs one URL. When a silo or a web node dies the others carry on.
set -euo pipefail
cluster=false
case "${1:-}" in
    --cluster) cluster=true ;;
    "") ;;
    *) echo "usage: ./run.sh [--cluster]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")"
root=$PWD
source scripts/install-tools.sh

data=${COMMUNITY_DATA:-.data}
mkdir -p "$data"
export COMMUNITY_DATA=$(cd "$data" && pwd)   # absolute: the apps run from their own project folders
web_url=${COMMUNITY_WEB_URL:-http://127.0.0.1:5080}
export COMMUNITY_WEB_URL=$web_url
# Plain HTTP on this machine: no HSTS, no Secure-only cookies (behind a TLS proxy set it to true; see README).
export Community__Security__Https=${Community__Security__Https:-false}
# The directory's operator key (docs/moderation.md): made once, kept with the data; every web node gets the same one.
operator_key_file="$COMMUNITY_DATA/operator.key"
if [[ ! -s "$operator_key_file" ]]; then
    (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '/+=\n' > "$operator_key_file")
fi
export Community__Directory__OperatorKey=$(<"$operator_key_file")
web_port=$(sed -nE 's#^[a-z]+://[^/]*:([0-9]+).*#\1#p' <<<"$web_url")
web_port=${web_port:-80}
local_web_url=$(sed -E 's#://(0\.0\.0\.0|\+|\*|\[::\])#://127.0.0.1#' <<<"${web_url%/}")
# Release by default: it carries a busy board much better than Debug (p99 534 -> 337 ms at 500 watchers).
configuration=${COMMUNITY_CONFIGURATION:-Release}
silo_port=${COMMUNITY_SILO_PORT:-11111}
gateway_port=${COMMUNITY_GATEWAY_PORT:-30000}
azurite_port=10000
# Operations listeners (metrics, Orleans dashboard): loopback only, never the public port (docs/operations.md).
web_operations_port=${COMMUNITY_WEB_OPERATIONS_PORT:-5180}
silo_operations_port=${COMMUNITY_SILO_OPERATIONS_PORT:-5190}

require_dotnet
install_node_packages
apps=(Community.Silo Community.Web)
if $cluster; then
    install_debian_packages redis-server
    apps+=(Community.Proxy)
fi
echo "Building ($configuration)..."
for app in "${apps[@]}"; do
    dotnet build "src/$app" -c "$configuration" --nologo -v quiet -clp:ErrorsOnly
done

# Cluster mode: the second silo and both web nodes take the next ports; the proxy listens at the web URL.
redis_port=${COMMUNITY_REDIS_PORT:-6380}
web_node_ports=(${COMMUNITY_WEB_NODE_PORTS:-5081 5082})

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ports=("$azurite_port:Azurite" "$silo_port:silo" "$gateway_port:silo gateway" "$web_port:web"
       "$silo_operations_port:silo operations" "$web_operations_port:web operations")
if $cluster; then
    ports+=("$redis_port:Redis" "$((silo_port + 1)):second silo" "$((gateway_port + 1)):second silo gateway"
            "${web_node_ports[0]}:web node 1" "${web_node_ports[1]}:web node 2"
            "$((silo_operations_port + 1)):second silo operations" "$((web_operations_port + 1)):second web operations")
fi
for entry in "${ports[@]}"; do
    if listening "${entry%%:*}"; then
        echo "Port ${entry%%:*} (${entry#*:}) is already in use: stop what listens there (an earlier ./run.sh?) and try again." >&2
        exit 1
    fi
done

pids=()        # started processes, stopped in reverse order: web, silo, then storage last
names=()       # what each is, for messages
essential=()   # whether its death stops everything (always, except silos and web nodes in cluster mode)
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

# Runs a command in the background with its output prefixed, and records it.
start() {
    local name=$1 is_essential=$2
    shift 2
    "$@" > >(prefixed "$name") 2>&1 &
    pids+=($!)
    names+=("$name")
    essential+=("$is_essential")
}

app_dll() { echo "bin/$configuration/net10.0/$1.dll"; }

mkdir -p "$COMMUNITY_DATA/azurite"
# node runs Azurite's script itself, so $! is the PID that has to be stopped.
start azurite true node node_modules/azurite/dist/src/blob/main.js --blobHost 127.0.0.1 --blobPort "$azurite_port" \
    --location "$COMMUNITY_DATA/azurite" --silent --skipApiVersionCheck --loose
wait_for "Azurite" "${pids[-1]}" "listening $azurite_port" 30

if ! $cluster; then
    # Each app runs from its project folder, its content root (appsettings.json, wwwroot).
    start silo true env COMMUNITY_OPERATIONS_URL="http://127.0.0.1:$silo_operations_port" \
        bash -c "cd src/Community.Silo && exec dotnet $(app_dll Community.Silo)"
    wait_for "The silo" "${pids[-1]}" "listening $gateway_port" 60

    start web true env COMMUNITY_OPERATIONS_URL="http://127.0.0.1:$web_operations_port" \
        bash -c "cd src/Community.Web && exec dotnet $(app_dll Community.Web)"
    wait_for "The web app" "${pids[-1]}" "curl -fsS -o /dev/null --max-time 5 '$local_web_url/healthz' 2>/dev/null" 60
else
    # Membership only: silos rewrite it as they start, so it is not kept.
    start redis true redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no
    wait_for "Redis" "${pids[-1]}" "listening $redis_port" 30
    export ConnectionStrings__Redis=127.0.0.1:$redis_port

    for index in 0 1; do
        start "silo-$((index + 1))" false env COMMUNITY_SILO_PORT=$((silo_port + index)) COMMUNITY_GATEWAY_PORT=$((gateway_port + index)) \
            COMMUNITY_OPERATIONS_URL="http://127.0.0.1:$((silo_operations_port + index))" bash -c "cd src/Community.Silo && exec dotnet $(app_dll Community.Silo)"
        wait_for "Silo $((index + 1))" "${pids[-1]}" "listening $((gateway_port + index))" 60
    done

    nodes=()
    for index in 0 1; do
        node_url=http://127.0.0.1:${web_node_ports[index]}
        nodes+=("$node_url")
        # The nodes believe X-Forwarded-For from the proxy on loopback, so per-address limits see the real client.
        start "web-$((index + 1))" false env COMMUNITY_WEB_URL="$node_url" \
            COMMUNITY_OPERATIONS_URL="http://127.0.0.1:$((web_operations_port + index))" bash -c "cd src/Community.Web && exec dotnet $(app_dll Community.Web)"
        wait_for "Web node $((index + 1))" "${pids[-1]}" "curl -fsS -o /dev/null --max-time 5 '$node_url/healthz' 2>/dev/null" 60
    done

    start proxy true env COMMUNITY_WEB_NODES="$(IFS=,; echo "${nodes[*]}")" \
        bash -c "cd src/Community.Proxy && exec dotnet $(app_dll Community.Proxy)"
    wait_for "The proxy" "${pids[-1]}" "curl -fsS -o /dev/null --max-time 5 '$local_web_url/healthz' 2>/dev/null" 60
fi

echo
echo "Community is running: $local_web_url   (data in $COMMUNITY_DATA; Ctrl-C stops everything)"
echo "Directory operator key (Authorization: Operator <key>, see docs/moderation.md): $operator_key_file"
nodes_running=$($cluster && echo 2 || echo 1)
for ((index = 0; index < nodes_running; index++)); do
    echo "Operations, on this machine only: web metrics http://127.0.0.1:$((web_operations_port + index))/metrics," \
        "silo metrics http://127.0.0.1:$((silo_operations_port + index))/metrics," \
        "Orleans dashboard http://127.0.0.1:$((silo_operations_port + index))/dashboard/"
done
echo

# One process gone stops everything, except a silo or a web node in cluster mode: the others carry on without it.
reported=()
while true; do
    for index in "${!pids[@]}"; do
        kill -0 "${pids[index]}" 2>/dev/null && continue
        if ${essential[index]}; then
            echo "${names[index]} stopped unexpectedly (pid ${pids[index]}); stopping the others." >&2
            exit 1
        fi
        if [ -z "${reported[index]:-}" ]; then
            echo "${names[index]} stopped (pid ${pids[index]}); the cluster carries on without it." >&2
            reported[index]=1
        fi
    done
    sleep 1
done
