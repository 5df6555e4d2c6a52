#!/usr/bin/env bash
# Sourced by the other scripts: puts a JDK 25 (the project's Java release, pom.xml maven.compiler.release) first
# on PATH and in JAVA_HOME, for Maven, the tests and kubectl-gt's launcher.
#
# Looks at $JAVA_HOME, then `java` on PATH, then /usr/lib/jvm/*25* (where this machine kind keeps Temurin 25:
# /usr/lib/jvm/temurin-25-jdk-amd64). A machine without one: install a JDK 25 (Temurin 25, or your distribution's
# openjdk-25-jdk) and set JAVA_HOME to it.
GASTOWN_JAVA_RELEASE=25

gastown_java_major() { # java executable -> its major version, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

gastown_find_jdk() {
  local candidate
  for candidate in ${JAVA_HOME:+"$JAVA_HOME"} "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
    /usr/lib/jvm/*25*; do
    [[ -x $candidate/bin/java && -x $candidate/bin/javac ]] || continue
    [[ $(gastown_java_major "$candidate/bin/java") == "$GASTOWN_JAVA_RELEASE" ]] && { echo "$candidate"; return 0; }
  done
  return 1
}

if ! GASTOWN_JDK=$(gastown_find_jdk); then
  echo "error: no JDK $GASTOWN_JAVA_RELEASE found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*25*): install Temurin 25 or openjdk-25-jdk and set JAVA_HOME to it" >&2
  exit 1
fi
export JAVA_HOME=$GASTOWN_JDK
export PATH="$JAVA_HOME/bin:$PATH"
