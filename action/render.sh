#!/usr/bin/env bash
# What the resumetex GitHub Action does (action.yml calls only this), runnable anywhere:
#   RESUMETEX_FILES="data/*.yaml" RESUMETEX_FORMATS=pdf,html RESUMETEX_OUTPUT=out action/render.sh
# Installs what is missing (TeX from the distribution's packages; resumetex from this folder,
# unless one is on PATH), then renders every file and each of its variants into the output folder.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files="${RESUMETEX_FILES:-data/*.yaml}"
formats="${RESUMETEX_FORMATS:-pdf}"
output="${RESUMETEX_OUTPUT:-build/resumetex}"

packages="texlive-xetex texlive-lang-chinese texlive-fonts-recommended fonts-noto-cjk fonts-noto-core fonts-font-awesome"
missing=""
for package in $packages; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing="$missing $package"
done
if [ -n "$missing" ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi
if ! command -v resumetex >/dev/null; then
  venv="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/resumetex-venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "$here"
  PATH="$venv/bin:$PATH"
fi

# Every file, and each of its variants, in every format asked for.
shopt -s nullglob
cvs=($files)
[ "${#cvs[@]}" -gt 0 ] || { echo "error: no CV files match $files" >&2; exit 1; }
resumetex build "${cvs[@]}" --out "$output" --format "$formats"
