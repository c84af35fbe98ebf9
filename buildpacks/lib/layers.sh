# shellcheck shell=bash
# slug_layer FOLDER: asks the builder to put BUILD_DIR/FOLDER (relative to it) in an
# image layer of its own, for a folder that stays the same from one release to the
# next (a runtime: .heroku/node, .heroku/python/usr, .jdk): an unchanged layer is
# neither compressed nor pushed again. The builder reads $BUILD_DIR/.paas/layers.
slug_layer() {
  local list="$BUILD_DIR/.paas/layers"
  mkdir -p "$BUILD_DIR/.paas"
  grep -qxF -- "$1" "$list" 2>/dev/null || printf '%s\n' "$1" >> "$list"
}
