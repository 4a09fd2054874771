# Sourced by ./run.sh and ./test.sh: installs only what is missing, so a fresh clone needs nothing done by hand.

# npm packages come from the committed lockfile. node_modules/.package-lock.json is npm's record of what it
# installed; when every package of the lockfile is there at the same version, there is nothing to do.
node_modules_match_lockfile() {
    [ -f node_modules/.package-lock.json ] || return 1
    node -e '
        const wanted = require("./package-lock.json").packages;
        const installed = require("./node_modules/.package-lock.json").packages;
        const stale = Object.keys(wanted).filter(p => p !== "" && !wanted[p].extraneous
            && (!installed[p] || installed[p].version !== wanted[p].version));
        process.exit(stale.length === 0 ? 0 : 1);'
}

install_node_packages() {
    command -v node >/dev/null || { echo "Node.js is needed (node and npm): install it first." >&2; exit 1; }
    if node_modules_match_lockfile; then
        return 0
    fi
    if [ -L node_modules ]; then
        # A shared install (git worktrees link one node_modules): npm ci would delete it for everyone.
        echo "warning: node_modules is a symlink to $(readlink node_modules) and differs from package-lock.json; leaving it as it is" >&2
        return 0
    fi
    echo "Installing npm packages from package-lock.json (npm ci)..."
    npm ci --no-audit --no-fund --loglevel=error
}

# Debian packages, each named like the command it provides: chromium for the browser tests, redis-server for the
# multi-silo tests and ./run.sh --cluster. Installs only the missing ones.
install_debian_packages() {
    local missing=() package
    for package in "$@"; do
        command -v "$package" >/dev/null || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0

    command -v apt-get >/dev/null || { echo "Missing ${missing[*]} and no apt-get to install them." >&2; exit 1; }
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "Installing ${missing[*]} (apt-get)..."
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

require_dotnet() {
    command -v dotnet >/dev/null || { echo "The .NET 10 SDK is needed (dotnet): install it first." >&2; exit 1; }
}
