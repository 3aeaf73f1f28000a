#!/usr/bin/env bash
# System packages the kit uses beyond the .NET SDK (Debian/Ubuntu; run as root or with sudo):
#   chromium  renders charts to PNG (optional for users; the tests exercise it)
#   python3   used by environment/run-notebooks.sh to list failing cells
#   pocketsphinx, pocketsphinx-en-us  offline speech recognition (pocketsphinx_continuous and its US English
#             acoustic model, dictionary and language model) for spoken questions (lib/FusionKit/Speech)
#   espeak-ng speech synthesis: the tests speak questions to the recogniser
# Everything else (TorchSharp, ONNX Runtime, models) comes from NuGet, pinned in Directory.Packages.props.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v pocketsphinx_continuous >/dev/null 2>&1 || need+=(pocketsphinx)
[[ -d /usr/share/pocketsphinx/model/en-us ]] || need+=(pocketsphinx-en-us)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
if [[ ${#need[@]} -eq 0 ]]; then echo "system packages: all present"; exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system packages missing (${need[*]}) and apt-get is not available: install them with your package manager" >&2
  exit 1
fi
sudo_cmd=(); [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
