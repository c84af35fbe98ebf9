# shellcheck shell=bash
# Config vars reach the build as one file per variable in ENV_DIR. Export
# them like Heroku's export_env_dir, but never the ones that would break the
# build environment itself.
ENV_DENY='^(PATH|GIT_DIR|CPATH|CPPATH|LD_PRELOAD|LIBRARY_PATH|LD_LIBRARY_PATH|LANG|HOME|BUILD_DIR|CACHE_DIR|ENV_DIR|STACK|NODE_EXTRA_CA_CERTS)$'

export_env_dir() {
  local env_dir=$1 path name
  [ -d "$env_dir" ] || return 0
  for path in "$env_dir"/*; do
    [ -f "$path" ] || continue
    name=$(basename "$path")
    [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
    [[ $name =~ $ENV_DENY ]] && continue
    export "$name=$(cat "$path")"
  done
}
