# shellcheck shell=bash
# Maven: the apache-maven binary distribution from Maven Central, checked
# against the checksum Central serves beside it, cached per app.

MAVEN_DEFAULT_VERSION=3.9.16
MAVEN_CENTRAL=${MAVEN_CENTRAL:-https://repo.maven.apache.org/maven2}

# wanted_maven: the Maven version the app asks for: system.properties'
# maven.version (as on Heroku), else the apache-maven distribution its Maven
# wrapper names (.mvn/wrapper/maven-wrapper.properties), else the default;
# sets MAVEN_VERSION and MAVEN_ASKED, or REFUSAL and returns 1.
wanted_maven() {
  local asked='' url
  MAVEN_VERSION=$MAVEN_DEFAULT_VERSION MAVEN_ASKED='' REFUSAL=''
  if [ -f system.properties ] && asked=$(system_property system.properties maven.version) && [ -n "$asked" ]; then
    MAVEN_ASKED="system.properties asks for maven.version=$asked"
  elif [ -f mvnw ] && [ -f .mvn/wrapper/maven-wrapper.properties ]; then
    url=$(system_property .mvn/wrapper/maven-wrapper.properties distributionUrl | sed 's/\\:/:/g')
    if [[ $url =~ /org/apache/maven/apache-maven/([^/]+)/apache-maven-[^/]+-bin\.(zip|tar\.gz)$ ]]; then
      asked=${BASH_REMATCH[1]}
      MAVEN_ASKED="the Maven wrapper names apache-maven $asked"
    elif [ -n "$url" ]; then
      warn "The Maven wrapper's distributionUrl ($url) is not an apache-maven release on Maven Central: using Maven $MAVEN_DEFAULT_VERSION"
    fi
  fi
  [ -n "$asked" ] || return 0
  if [[ ! $asked =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    REFUSAL="$MAVEN_ASKED, which is not a Maven release (write three numbers, e.g. $MAVEN_DEFAULT_VERSION)"
    return 1
  fi
  MAVEN_VERSION=$asked
}

# install_maven VERSION DIR: apache-maven-VERSION unpacked into DIR unless
# there already (other versions removed); prints its MAVEN_HOME.
install_maven() {
  local version=$1 dir=$2 base url tmp expected got algo started
  local target="$dir/apache-maven-$version"
  if [ -x "$target/bin/mvn" ] && [ -f "$target/.complete" ]; then
    header "Using cached Maven $version" >&2
  else
    header "Installing Maven $version" >&2
    started=$(now)
    base="$MAVEN_CENTRAL/org/apache/maven/apache-maven/$version/apache-maven-$version-bin.tar.gz"
    rm -rf "$target" "$target.tmp"; mkdir -p "$target.tmp"
    tmp="$target.tmp/apache-maven.tar.gz"
    info "Downloading $base" >&2
    if ! got=$(curl -fsS --retry 2 --max-time 300 -o "$tmp" -w '%{http_code}' "$base" 2>&1); then
      rm -rf "$target.tmp"
      [[ $got == *404* ]] && fail "Maven $version is not on Maven Central ($base: 404)"
      fail "could not download Maven $version from $base ($got)"
    fi
    # Central serves .sha512 beside newer releases and .sha1 beside every one.
    for algo in sha512 sha1; do
      expected=$(curl -fsS --retry 2 --max-time 30 "$base.$algo" 2>/dev/null | awk '{ print $1; exit }') && [ -n "$expected" ] && break
    done
    [ -n "$expected" ] || { rm -rf "$target.tmp"; fail "Maven Central has no checksum for $base"; }
    got=$("${algo}sum" < "$tmp" | cut -d' ' -f1)
    [ "$got" = "$expected" ] || { rm -rf "$target.tmp"; fail "apache-maven-$version-bin.tar.gz does not match Maven Central's $algo ($got, expected $expected)"; }
    tar -xzf "$tmp" -C "$target.tmp" --strip-components=1 || { rm -rf "$target.tmp"; fail "could not unpack apache-maven-$version-bin.tar.gz"; }
    rm -f "$tmp"
    touch "$target.tmp/.complete"
    mv "$target.tmp" "$target"
    info "Checked ($algo) and unpacked in $(elapsed "$started")" >&2
  fi
  find "$dir" -mindepth 1 -maxdepth 1 ! -path "$target" -exec rm -rf {} + 2>/dev/null || true
  echo "$target"
}

# runnable_jars DIR: the jars in DIR whose manifest names a Main-Class (not
# the original-*.jar maven-shade-plugin leaves, nor sources, javadoc or test jars).
runnable_jars() {
  local jar
  for jar in "$1"/*.jar; do
    [ -f "$jar" ] || continue
    case $(basename "$jar") in original-*|*-sources.jar|*-javadoc.jar|*-tests.jar) continue ;; esac
    busybox unzip -p "$jar" META-INF/MANIFEST.MF 2>/dev/null | grep -q '^Main-Class:' && echo "$jar"
  done
}
