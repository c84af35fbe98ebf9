# shellcheck shell=bash
# Java buildpack tests on this host, sourced by run.sh (its check/contains/build
# helpers): which Java and which Maven an app gets, system.properties reading,
# detection, and refusals that stop a build before it downloads anything. Real
# builds of the sample run in container.sh (Debian's JDK, Maven Central).

echo "== Java: which Java an app gets (no network)"
# system.properties content (\n for lines)|expected major, or "! text of the refusal"
while IFS='|' read -r content expected; do
  [ -n "$content$expected" ] || continue
  dir=$(mktemp -d "$WORK/javaver.XXXXXX")
  [ "$content" = - ] || printf '%b\n' "$content" > "$dir/system.properties"
  got=$(cd "$dir" && bash -c "source '$BP/java/lib/jdk.sh'; wanted_java bookworm && echo \"\$JAVA_MAJOR\" || echo \"! \$REFUSAL\"" 2>&1)
  if [[ $expected == '!'* ]]; then
    if [[ $got == "$expected"* ]]; then ok "'$content': refused"; else ko "'$content': refused with \"$expected\"" "$got"; fi
  elif [ "$got" = "$expected" ]; then ok "'$content' -> Java $expected"; else ko "'$content' -> Java $expected" "$got"; fi
done <<'TABLE'
-|17
maven.version=3.9.16|17
java.runtime.version=17|17
java.runtime.version = 17.0.9 |17
# a comment\njava.runtime.version: zulu-17|17
java.runtime.version=21|! system.properties asks for Java 21 (java.runtime.version=21): supported here: Java 17 (Debian bookworm's openjdk-17, on the bookworm stack); Java 21 and 25 are Debian trixie's and need trixie's C library (a trixie stack)
java.runtime.version=25|! system.properties asks for Java 25 (java.runtime.version=25): supported here: Java 17
java.runtime.version=1.8|! system.properties asks for Java 8 (java.runtime.version=1.8): supported here: Java 17 (Debian bookworm's openjdk-17, on the bookworm stack); Java 17 runs code built for Java 8: set java.runtime.version=17
java.runtime.version=11|! system.properties asks for Java 11 (java.runtime.version=11): supported here: Java 17
java.runtime.version=latest|! system.properties asks for java.runtime.version=latest, which is not a Java version
TABLE

echo "== Java: which Maven an app gets (no network)"
# FILE=content;FILE=content|expected version, or "! refusal"
while IFS='|' read -r files expected; do
  [ -n "$files$expected" ] || continue
  dir=$(mktemp -d "$WORK/mvnver.XXXXXX")
  IFS=';' read -r -a specs <<< "$files"
  for spec in "${specs[@]}"; do
    [ "$spec" != - ] || continue
    mkdir -p "$dir/$(dirname "${spec%%=*}")"; printf '%s\n' "${spec#*=}" > "$dir/${spec%%=*}"
  done
  got=$(cd "$dir" && bash -c "source '$BP/lib/output.sh'; source '$BP/java/lib/jdk.sh'; source '$BP/java/lib/maven.sh'; wanted_maven && echo \"\$MAVEN_VERSION\" || echo \"! \$REFUSAL\"" 2>&1 | tail -1)
  if [[ $expected == '!'* ]]; then
    if [[ $got == "$expected"* ]]; then ok "$files: refused"; else ko "$files: refused with \"$expected\"" "$got"; fi
  elif [ "$got" = "$expected" ]; then ok "$files -> Maven $expected"; else ko "$files -> Maven $expected" "$got"; fi
done <<'TABLE'
-|3.9.16
system.properties=maven.version=3.8.8|3.8.8
mvnw=#!/bin/sh;.mvn/wrapper/maven-wrapper.properties=distributionUrl=https\://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/3.9.6/apache-maven-3.9.6-bin.zip|3.9.6
.mvn/wrapper/maven-wrapper.properties=distributionUrl=https\://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/3.9.6/apache-maven-3.9.6-bin.zip|3.9.16
mvnw=#!/bin/sh;.mvn/wrapper/maven-wrapper.properties=distributionUrl=https://example.com/maven.zip|3.9.16
system.properties=maven.version=3.9|! system.properties asks for maven.version=3.9, which is not a Maven release
TABLE
got=$(cd "$dir" && rm -rf ./* .mvn && touch mvnw && mkdir -p .mvn/wrapper && echo 'distributionUrl=https://example.com/maven.zip' > .mvn/wrapper/maven-wrapper.properties \
  && bash -c "source '$BP/lib/output.sh'; source '$BP/java/lib/jdk.sh'; source '$BP/java/lib/maven.sh'; wanted_maven" 2>&1)
if [[ $got == *"The Maven wrapper's distributionUrl (https://example.com/maven.zip) is not an apache-maven release on Maven Central: using Maven 3.9.16"* ]]; then
  ok "a wrapper naming another distribution gets a warning"; else ko "a wrapper naming another distribution gets a warning" "$got"; fi

echo "== Java: detect"
check "java detects java-app (pom.xml)" "$BP/java/bin/detect" "$SAMPLES/java-app"
check "java does not detect node-app, go-mod-app or python-app" bash -c "! '$BP/java/bin/detect' '$SAMPLES/node-app' && ! '$BP/java/bin/detect' '$SAMPLES/go-mod-app' && ! '$BP/java/bin/detect' '$SAMPLES/python-app'"
check "nodejs, go, python and static do not detect java-app" bash -c "! '$BP/nodejs/bin/detect' '$SAMPLES/java-app' && ! '$BP/go/bin/detect' '$SAMPLES/java-app' && ! '$BP/python/bin/detect' '$SAMPLES/java-app' && ! '$BP/static/bin/detect' '$SAMPLES/java-app'"

echo "== Java: runnable jars and the default web process (no network)"
mkdir -p "$WORK/src/jars/target"
# jar NAME MANIFEST: a jar holding only that manifest.
jar_with() { python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").writestr("META-INF/MANIFEST.MF", sys.argv[2])' "$WORK/src/jars/target/$1.jar" "$2"; }
for j in app-1.0 original-app-1.0 app-1.0-sources; do jar_with "$j" $'Manifest-Version: 1.0\r\nMain-Class: a.B\r\n'; done
jar_with lib-1.0 $'Manifest-Version: 1.0\r\n'
got=$(cd "$WORK/src/jars" && bash -c "source '$BP/java/lib/maven.sh'; runnable_jars target | paste -sd' '")
if [ "$got" = "target/app-1.0.jar" ]; then ok "the runnable jar is the one with a Main-Class (not original-*, sources or a library)"
else ko "the runnable jar is the one with a Main-Class" "$got"; fi
mkdir -p "$WORK/src/jars/.heroku/java" && echo target/app-1.0.jar > "$WORK/src/jars/.heroku/java/web"
"$BP/java/bin/release" "$WORK/src/jars" > "$WORK/jars-release.yml"
contains "release runs it on \$PORT" "$WORK/jars-release.yml" 'web: java -Dserver.port=$PORT $JAVA_OPTS -jar target/app-1.0.jar'

echo "== Java: a version this stack lacks is refused before any download"
cp -a "$SAMPLES/java-app" "$WORK/src/java-21"
echo "java.runtime.version=21" > "$WORK/src/java-21/system.properties"
build java-21 "$WORK/src/java-21"
check "exits non-zero" bash -c "! grep -qx 0 '$WORK/java-21.rc'"
contains "names the supported version and why" "$WORK/java-21.log" "supported here: Java 17 (Debian bookworm's openjdk-17, on the bookworm stack); Java 21 and 25 are Debian trixie's"
contains "and names the failing step" "$WORK/java-21.log" "java compile failed"
lacks "downloads nothing" "$WORK/java-21.log" "Downloading"

echo "== Java: Maven from a Central that MAVEN_CENTRAL names (served here), checked against its checksum"
central="$WORK/central/org/apache/maven/apache-maven"
for v in 9.9.1 9.9.2 9.9.3; do
  mkdir -p "$WORK/mvn-src/apache-maven-$v/bin" "$central/$v"
  printf '#!/bin/sh\necho "Apache Maven %s (a stand-in)"\n' "$v" > "$WORK/mvn-src/apache-maven-$v/bin/mvn"
  chmod +x "$WORK/mvn-src/apache-maven-$v/bin/mvn"
  tar -czf "$central/$v/apache-maven-$v-bin.tar.gz" -C "$WORK/mvn-src" "apache-maven-$v"
done
sha512sum "$central/9.9.1/apache-maven-9.9.1-bin.tar.gz" | cut -d' ' -f1 > "$central/9.9.1/apache-maven-9.9.1-bin.tar.gz.sha512"
# 9.9.2: only a .sha1, in the "HASH  FILE" form; 9.9.3: a .sha512 that does not match.
echo "$(sha1sum < "$central/9.9.2/apache-maven-9.9.2-bin.tar.gz" | cut -d' ' -f1)  apache-maven-9.9.2-bin.tar.gz" > "$central/9.9.2/apache-maven-9.9.2-bin.tar.gz.sha1"
echo "0000" > "$central/9.9.3/apache-maven-9.9.3-bin.tar.gz.sha512"
central_port=$(free_port)
python3 -m http.server --bind 127.0.0.1 --directory "$WORK/central" "$central_port" > "$WORK/central.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 25); do curl -fs "http://127.0.0.1:$central_port/" >/dev/null && break; sleep 0.2; done
# maven VERSION: install_maven against that Central into $WORK/mvn-cache; prints its output and the mvn it installed running.
maven() {
  MAVEN_CENTRAL="http://127.0.0.1:$central_port" bash -c "source '$BP/lib/output.sh'; source '$BP/java/lib/maven.sh'
    home=\$(install_maven '$1' '$WORK/mvn-cache') && \"\$home/bin/mvn\"" 2>&1
}
got=$(maven 9.9.1)
if [[ $got == *"Checked (sha512) and unpacked"*"Apache Maven 9.9.1 (a stand-in)" ]]; then ok "installs a release checked against its .sha512"; else ko "installs a release checked against its .sha512" "$got"; fi
got=$(maven 9.9.1)
if [[ $got == *"-----> Using cached Maven 9.9.1"*"Apache Maven 9.9.1 (a stand-in)" && $got != *Downloading* ]]; then ok "then uses it from the cache"; else ko "then uses it from the cache" "$got"; fi
got=$(maven 9.9.2)
if [[ $got == *"Checked (sha1) and unpacked"*"Apache Maven 9.9.2 (a stand-in)" ]]; then ok "falls back to the .sha1 (HASH  FILE form)"; else ko "falls back to the .sha1" "$got"; fi
check "keeps only the version in use" bash -c "[ \"\$(ls '$WORK/mvn-cache')\" = apache-maven-9.9.2 ]"
got=$(maven 9.9.3)
if [[ $got == *"apache-maven-9.9.3-bin.tar.gz does not match Maven Central's sha512"* && ! -e "$WORK/mvn-cache/apache-maven-9.9.3" ]]; then ok "refuses a download that does not match its checksum"; else ko "refuses a download that does not match its checksum" "$got"; fi
got=$(maven 9.9.4)
if [[ $got == *"Maven 9.9.4 is not on Maven Central"* ]]; then ok "names a version Central does not have"; else ko "names a version Central does not have" "$got"; fi
kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=
