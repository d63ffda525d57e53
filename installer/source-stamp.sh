#!/bin/sh
# Prints the commit a build is made from, with "-dirty" when the working tree differs from it
# (changed or untracked files). `make dist` stores it in dist/kodaira-desk.source; tests/test_bundle.py
# reuses dist/kodaira-desk only when that says the same clean commit as the tree it runs in.
cd "$(dirname "$0")/.." || exit 1
commit=$(git rev-parse HEAD 2>/dev/null) || { echo unknown; exit 0; }
if [ -n "$(git status --porcelain 2>/dev/null)" ]; then
  echo "$commit-dirty"
else
  echo "$commit"
fi
