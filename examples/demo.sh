#!/usr/bin/env bash
# examples/demo.sh: the main job end to end.
#
#   1. installs the plugin from this repository into the local Maven repository;
#   2. builds examples/hello: `package docker-layer:base docker-layer:image` writes a dependency base image and a
#      thin app image into examples/hello/target/docker-layer/oci and prints the layer table;
#   3. shows target/docker-layer/image.json;
#   4. in the test environment (DOCKER_HOST and DL_JRE_OCI set), copies the app image into the Docker engine
#      with skopeo, runs it with --network none, checks its output and removes the image again.
#
# Run it from anywhere; in the test environment (dockerd, a loopback registry and a JRE base image, all on this
# machine):
#
#   bash .ci/testenv run bash examples/demo.sh
#
# Without the test environment it still builds the images, but from scratch: they have no JRE and are not run.

set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"

example=examples/hello
image=hello:1.0.0
expected='Hello from a thin layer: '

step() { printf '\n==> %s\n' "$*"; }

step "installing the plugin: ./mvnw -B -ntp -q install -DskipTests -pl docker-layer-maven-plugin -am"
./mvnw -B -ntp -q install -DskipTests -pl docker-layer-maven-plugin -am

build=(./mvnw -B -ntp -f "$example/pom.xml" package docker-layer:base docker-layer:image)
if [[ -n ${DL_JRE_OCI:-} ]]; then
  build+=("-Ddocker-layer.from=oci:$DL_JRE_OCI:17")
else
  printf '\nnote: DL_JRE_OCI is not set (not in the test environment): the image is built from scratch,\n'
  printf '      has no JRE and will not be run. For the full demo: bash .ci/testenv run bash examples/demo.sh\n'
fi

step "building the example: ${build[*]}"
"${build[@]}"

out=$example/target/docker-layer
for file in "$out/base.json" "$out/image.json" "$out/oci/index.json"; do
  [[ -s $file ]] || { printf 'demo: ERROR: %s was not written\n' "$file" >&2; exit 1; }
done

step "$out/image.json"
cat "$out/image.json"
printf '\n'

if [[ -z ${DOCKER_HOST:-} || -z ${DL_JRE_OCI:-} ]]; then
  step "done (no Docker engine or JRE base given: the image was built but not run)"
  exit 0
fi

remove_image() { docker rmi "$image" >/dev/null 2>&1 || true; }
trap remove_image EXIT

step "copying the app image into the Docker engine at $DOCKER_HOST: skopeo copy oci:$out/oci:1.0.0 docker-daemon:$image"
skopeo --insecure-policy copy -q "oci:$out/oci:1.0.0" "docker-daemon:$image" --dest-daemon-host "$DOCKER_HOST"

step "docker run --rm --network none $image"
output=$(docker run --rm --network none "$image")
printf '%s\n' "$output"
if [[ $output != *"$expected"* ]]; then
  printf 'demo: ERROR: the container did not print "%s"\n' "$expected" >&2
  exit 1
fi

step "removing $image"
docker rmi "$image" >/dev/null
trap - EXIT
step "done: the app ran from a thin image over the dependency base and the JRE"
