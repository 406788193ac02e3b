#!/usr/bin/env bash
# `remit paper` on a PDF this test makes itself (enscript + ps2pdf, from our
# own example paper), and on damaged and fake PDFs, which are refused with
# exit 2 and a clear message.
set -u
remit=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

iconv -f utf-8 -t latin1 "$source_dir/examples/papers/pcd-785-county-lines.txt" >"$work/paper.txt" || fail "iconv"
enscript -q -B -X 88591 --word-wrap -p "$work/paper.ps" "$work/paper.txt" || fail "enscript"
ps2pdf "$work/paper.ps" "$work/paper.pdf" || fail "ps2pdf"

cd "$source_dir"
out=$("$remit" paper --scheme rules/mopac "$work/paper.pdf" --date 2020-06-01)
code=$?
[[ $code == 0 ]] || fail "exit $code for the PDF paper: $out"
for want in "PCD 785" "kind            grant.acceptance" "amount          £5,600,000" \
            "holds: verdict: authorised: DMPC may approve \`grant.acceptance\` under para 4.8 (2020)" \
            "holds: paragraph: para 4.8 decides grant.acceptance in version 2020" \
            "holds: words: para 4.8: the words match (similarity 1.00)" \
            "present: paper: \"Legal comments\""; do
  grep -qF -- "$want" <<<"$out" || fail "missing \`$want\` in: $out"
done

# A PDF cut short, and a text file named .pdf: exit 2, one message, no poppler noise.
head -c 2000 "$work/paper.pdf" >"$work/cut.pdf"
printf 'not a pdf\n' >"$work/fake.pdf"
for bad in cut fake; do
  err=$("$remit" paper --scheme rules/mopac "$work/$bad.pdf" --date 2020-06-01 2>&1 >/dev/null)
  code=$?
  [[ $code == 2 ]] || fail "exit $code for $bad.pdf"
  [[ "$err" == "$work/$bad.pdf: error: \`$work/$bad.pdf\` is not a PDF that can be read (damaged or not a PDF) [io]"*"save the paper again as PDF, or as text or HTML" ]] \
    || fail "message for $bad.pdf: $err"
done
echo ok
