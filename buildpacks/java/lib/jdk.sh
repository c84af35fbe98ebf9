# shellcheck shell=bash
# Which Java an app gets, the JDK that builds it (Debian's OpenJDK, fetched and
# checked by ../../lib/debian.sh, cached per app) and the runtime that goes into
# the slug (a jlink image of that JDK: the run image has no Java).

# Debian's OpenJDK per stack: "MAJOR SUITE". Trixie's OpenJDK 21 and 25 need
# trixie's C library (libjli.so asks for GLIBC_2.38; bookworm has 2.36), so a
# bookworm stack has only 17.
java_series() {
  case $1 in
    bookworm) echo "17 bookworm" ;;
    trixie) echo "21 trixie" ;;
  esac
}

# wanted_java STACK: the major version system.properties asks for
# (java.runtime.version: 17, 17.0.9, 1.8, 21...), or the stack's; sets
# JAVA_MAJOR, JAVA_ASKED (what the app wrote, for messages), or REFUSAL and
# returns 1.
wanted_java() {
  local stack=$1 asked='' major series suite
  read -r series suite <<< "$(java_series "$stack")"
  JAVA_MAJOR=$series JAVA_ASKED='' REFUSAL=''
  [ -f system.properties ] && asked=$(system_property system.properties java.runtime.version)
  [ -n "$asked" ] || return 0
  JAVA_ASKED="system.properties asks for java.runtime.version=$asked"
  # Vendor prefixes Heroku knows (zulu-17, heroku-17): every Java here is Debian's OpenJDK.
  local version=${asked#zulu-}
  version=${version#heroku-} version=${version#openjdk-}
  if [[ ! $version =~ ^[0-9]+(\.[0-9]+)*$ ]]; then
    REFUSAL="system.properties asks for java.runtime.version=$asked, which is not a Java version (write java.runtime.version=$series; supported here: Java $series)"
    return 1
  fi
  major=${version%%.*}
  [ "$major" != 1 ] || { major=${version#1.}; major=${major%%.*}; }
  if [ "$major" != "$series" ]; then
    REFUSAL="system.properties asks for Java $major (java.runtime.version=$asked): supported here: Java $series (Debian $suite's openjdk-$series, on the $stack stack)"
    if [ "$stack" = bookworm ] && [ "$major" -gt "$series" ]; then
      REFUSAL+="; Java 21 and 25 are Debian trixie's and need trixie's C library (a trixie stack)"
    elif [ "$major" -lt "$series" ]; then
      REFUSAL+="; Java $series runs code built for Java $major: set java.runtime.version=$series"
    fi
    return 1
  fi
  JAVA_MAJOR=$major
}

# system_property FILE KEY: the value of KEY in a Java properties file (the
# simple forms: key=value, key: value, key value).
system_property() {
  awk -v key="$2" '
    /^[[:space:]]*[#!]/ { next }
    { line = $0; sub(/^[[:space:]]+/, "", line)
      if (index(line, key) != 1) next
      rest = substr(line, length(key) + 1)
      if (rest !~ /^[[:space:]]*[=:[:space:]]/) next
      sub(/^[[:space:]]*[=:]?[[:space:]]*/, "", rest); sub(/[[:space:]]+$/, "", rest)
      print rest; exit }' "$1" | tr -d '\r'
}

# openjdk_packages SUITE: reads a Packages index on stdin and prints
# "PACKAGE VERSION FILE SHA256" for the JDK of $JAVA_MAJOR (jdk-headless, with
# the jmods jlink needs, and the jre-headless it completes).
openjdk_packages() {
  debian_packages "^openjdk-$JAVA_MAJOR-(jdk|jre)-headless\$"
}

# install_jdk INDEX DIR: unpacks the JDK the index lines describe into
# DIR/openjdk-DEBVERSION unless there already; prints its JAVA_HOME. Debian's
# JDK links its configuration to /etc/java-N-openjdk and its cacerts to
# /etc/ssl/certs/java (ca-certificates-java): the links become copies of the
# unpacked files, so it runs from the cache. Other JDKs in DIR are removed.
install_jdk() {
  local index=$1 dir=$2 debver target home
  debver=$(awk -v p="openjdk-$JAVA_MAJOR-jdk-headless" '$1 == p { print $2 }' <<< "$index")
  target="$dir/openjdk-${debver//[^A-Za-z0-9.]/_}"
  home=$target/usr/lib/jvm/java-$JAVA_MAJOR-openjdk-$(dpkg --print-architecture)
  if [ -x "$home/bin/javac" ] && [ -f "$target/.complete" ]; then
    header "Using cached OpenJDK $JAVA_MAJOR (Debian $suite openjdk-$JAVA_MAJOR $debver)" >&2
  else
    header "Installing OpenJDK $JAVA_MAJOR (Debian $suite openjdk-$JAVA_MAJOR $debver)" >&2
    local started link to
    started=$(now)
    rm -rf "$target" "$target.tmp"; mkdir -p "$target.tmp"
    while read -r _ _ file sum; do
      debian_unpack "$file" "$sum" "$suite" "$target.tmp"
    done <<< "$index"
    rm -rf "$target.tmp/usr/share/doc" "$target.tmp/usr/share/man" "$target.tmp/usr/lib/debug"
    while IFS= read -r link; do
      to=$(readlink "$link")
      if [[ $to == /* ]] && [ -f "$target.tmp$to" ]; then cp --remove-destination "$target.tmp$to" "$link"
      elif [ ! -e "$link" ]; then rm -f "$link"
      fi
    done < <(find "$target.tmp/usr/lib/jvm" -type l)
    touch "$target.tmp/.complete"
    mv "$target.tmp" "$target"
    info "Unpacked in $(elapsed "$started") ($(size_of "$target"))" >&2
  fi
  find "$dir" -mindepth 1 -maxdepth 1 ! -path "$target" -exec rm -rf {} + 2>/dev/null || true
  local says
  says=$("$home/bin/java" -version 2>&1) \
    || fail "OpenJDK $JAVA_MAJOR from Debian $suite does not run on the $STACK stack: $(head -2 <<< "$says")"
  echo "$home"
}

# The modules of the runtime in the slug: every module of the JDK but its
# development tools (compiler, javadoc, jshell, jlink, jdeps, jar, jconsole,
# the debugger's front end, the serviceability agent), the incubator modules
# (each start would warn) and the experimental Graal JIT. jcmd, jstack, jmap
# and the JDWP agent stay: they diagnose a running app.
JRE_LEFT_OUT="jdk.compiler jdk.javadoc jdk.jshell jdk.jlink jdk.jpackage jdk.jdeps jdk.jartool jdk.jconsole
  jdk.jdi jdk.hotspot.agent jdk.jstatd jdk.editpad jdk.internal.ed jdk.internal.le jdk.internal.opt
  jdk.incubator.foreign jdk.incubator.vector jdk.incubator.concurrent
  jdk.internal.vm.ci jdk.internal.vm.compiler jdk.internal.vm.compiler.management graal.compiler"

# make_jre JAVA_HOME DIR: a jlink image of the JDK's runtime modules in DIR
# (kept while the JDK is the same); prints its path. Uncompressed (--compress=0):
# it starts faster, and the image layer is gzipped anyway (38 MB vs 45 MB for
# --compress=2). jlink links duplicate legal notices: they become copies,
# since the slug layer stores no links.
make_jre() {
  local home=$1 dir=$2 key target modules started
  key=$(basename "$(dirname "$(dirname "$(dirname "$(dirname "$home")")")")")
  target="$dir/$key"
  if [ -x "$target/bin/java" ] && [ -f "$target/.complete" ]; then
    info "Using the cached Java runtime for the slug (jlink, $(size_of "$target"))" >&2
  else
    started=$(now)
    rm -rf "$target" "$target.tmp"; mkdir -p "$dir"
    modules=$(find "$home/jmods" -name '*.jmod' -printf '%f\n' | sed 's/\.jmod$//' \
      | grep -vxF -f <(tr -s ' \n' '\n' <<< "$JRE_LEFT_OUT") | sort | paste -sd,)
    header "Making the Java runtime for the slug (jlink)" >&2
    # jlink is a short-lived JVM too: C1 and the serial collector make it faster here.
    "$home/bin/jlink" -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC --module-path "$home/jmods" --add-modules "$modules" --strip-java-debug-attributes \
      --no-man-pages --no-header-files --compress=0 --output "$target.tmp" 2>&1 | indent >&2 \
      || fail "jlink could not make the Java runtime"
    local link
    while IFS= read -r link; do cp --remove-destination "$(readlink -f "$link")" "$link"; done \
      < <(find "$target.tmp" -type l)
    touch "$target.tmp/.complete"
    mv "$target.tmp" "$target"
    info "Made in $(elapsed "$started") ($(size_of "$target"), $(tr ',' '\n' <<< "$modules" | wc -l) modules)" >&2
  fi
  find "$dir" -mindepth 1 -maxdepth 1 ! -path "$target" -exec rm -rf {} + 2>/dev/null || true
  echo "$target"
}

# truststore JAVA_HOME OUT WHAT PEM...: a PKCS12 trust store of the
# certificates in the PEM files (bundles or single certificates), remade only
# when they change (OUT.sha256 holds their checksum); WHAT names it in the output.
truststore() {
  local home=$1 out=$2 what=$3 sum; shift 3
  sum=$(cat "$@" | sha256sum | cut -d' ' -f1)
  if [ -f "$out" ] && [ "$(cat "$out.sha256" 2>/dev/null)" = "$sum" ]; then return 0; fi
  mkdir -p "$(dirname "$out")"
  "$home/bin/java" -Xshare:auto -XX:TieredStopAtLevel=1 "$BP_DIR/lib/Truststore.java" "$out.tmp" "$@" | while IFS= read -r line; do info "$what: $line"; done >&2 \
    || fail "could not make the Java trust store ($what)"
  mv "$out.tmp" "$out" && echo "$sum" > "$out.sha256"
}
