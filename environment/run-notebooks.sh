#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless (dotnet-repl, no notebook host needed) and fails if any cell
# fails. Executed copies (with outputs) go to results/notebooks/, never back into notebooks/.
#   environment/run-notebooks.sh [notebooks/NN-name.ipynb ...]
# FUSIONKIT_PROFILE (smoke|default) is passed through; it defaults to smoke here so a run takes minutes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export FUSIONKIT_PROFILE="${FUSIONKIT_PROFILE:-smoke}"
dotnet tool restore >/dev/null
# The notebooks reference the Release build of the library by relative path.
dotnet build lib/FusionKit/FusionKit.csproj -c Release -nologo -v q -clp:ErrorsOnly
out="$root/results/notebooks"
mkdir -p "$out"
if [[ $# -gt 0 ]]; then notebooks=("$@"); else notebooks=(notebooks/[0-9][0-9]-*.ipynb); fi
failed=()
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb")"
  start=$(date +%s)
  # The kernel's working directory is the launch directory: run from notebooks/ so relative paths hold.
  if (cd "$root/notebooks" && dotnet tool run dotnet-repl --run "$name" --exit-after-run --output-path "$out/$name" >"$out/${name%.ipynb}.log" 2>&1); then
    echo "notebook ok      $name ($(( $(date +%s) - start )) s)"
  else
    echo "notebook FAILED  $name ($(( $(date +%s) - start )) s); errors:"
    python3 - "$out/$name" <<'PY' || tail -20 "$out/${name%.ipynb}.log"
import json, sys
nb = json.load(open(sys.argv[1], encoding="utf-8"))
for i, cell in enumerate(nb["cells"]):
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error":
            print(f"  cell {i}: {o.get('ename')}: {o.get('evalue', '')[:2000]}")
PY
    failed+=("$name")
  fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "${#failed[@]} notebook(s) failed: ${failed[*]}"
  exit 1
fi
echo "all ${#notebooks[@]} notebook(s) ran without errors (profile $FUSIONKIT_PROFILE)"
