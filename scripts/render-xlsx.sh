#!/usr/bin/env bash
# Renders an .xlsx the way it prints, so a person can look at the layout:
#   scripts/render-xlsx.sh FILE.xlsx OUTDIR   →  OUTDIR/FILE.pdf and OUTDIR/FILE-1.png, -2.png, …
# Needs LibreOffice (soffice), poppler-utils (pdftoppm) and fonts-noto-cjk for Chinese text.
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: $0 FILE.xlsx OUTDIR" >&2
    exit 2
fi
file=$1
outdir=$2
for tool in soffice pdftoppm; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install libreoffice-calc poppler-utils)" >&2; exit 3; }
done
mkdir -p "$outdir"
# A private profile: a LibreOffice already running for the same user would otherwise swallow the job.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice "-env:UserInstallation=file://$profile" --headless --convert-to pdf --outdir "$outdir" "$file" >/dev/null
name=$(basename "${file%.*}")
pdftoppm -png -r 60 "$outdir/$name.pdf" "$outdir/$name"
ls "$outdir/$name".pdf "$outdir/$name"*.png
