#!/usr/bin/env bash
# A slide deck from the essay's argument map, with the argmap command line.
#
#   examples/presentation.sh [OUT_DIR]        (default: out/presentation)
#
# Writes into OUT_DIR:
#   overview.nl.svg, overview.en.svg   the whole map in Dutch and English (for a handout or the docs)
#   pillar-1-*.svg ... pillar-4-*.svg  one 16:9 slide per pillar of the thesis, two steps deep
#   objection.nl.svg, objection.en.svg the critics' "users are the product" objection and its answer
#   steps/step-NN.svg, steps/steps.svg a slide build of the whole map: the thesis first, then each
#                                      pillar, the objections, the answers (one layout; nothing moves)
# Uses `argmap` from the repository's .venv when there is one, else from PATH.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
map="$here/social_media/social-media.argmap.yaml"
out="${1:-out/presentation}"

if [ -x "$root/.venv/bin/argmap" ]; then argmap="$root/.venv/bin/argmap"; else argmap="$(command -v argmap)"; fi

mkdir -p "$out"
"$argmap" validate "$map"

# The whole map: too big for one legible slide, fine for a page.
"$argmap" render "$map" -o "$out/overview.nl.svg"
"$argmap" render "$map" -o "$out/overview.en.svg" --lang en

# One slide per pillar of the thesis.
n=0
for pillar in sharing-lost not-tools mentality hold-on; do
    n=$((n + 1))
    "$argmap" render "$map" -o "$out/pillar-$n-$pillar.svg" --focus "$pillar" -k 2 --fit 16:9
done

# The objection slide, in both languages.
"$argmap" render "$map" -o "$out/objection.nl.svg" --focus critics-product -k 2 --fit 16:9
"$argmap" render "$map" -o "$out/objection.en.svg" --focus critics-product -k 2 --fit 16:9 --lang en

# A build of the whole map. Its last frames hold all 51 statements, so argmap warns that they are too
# small to read on a 16:9 slide; the early frames (the thesis and its pillars) are the ones to project.
"$argmap" render "$map" --steps "$out/steps" --fit 16:9

echo "slides in $out:"
ls -1 "$out" "$out/steps"
