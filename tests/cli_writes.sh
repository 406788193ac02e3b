#!/usr/bin/env bash
# How `remit` writes (docs/cli.md, "Writing output"): a failed or short write
# to standard output, standard error or a file is exit 2 with a message naming
# what could not be written; no output may overwrite an input; `fmt` formats
# through symbolic links, keeps hard links, mode and owner, refuses read-only
# files and counts only what it wrote. Run by ctest:
#   cli_writes.sh REMIT SOURCE_DIR
set -u
remit=$1
cd "$2" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# check NAME EXPECTED_EXIT EXPECTED_LAST_STDERR_LINE: after a run that left
# its exit code in $code and its stderr in $work/err.
check() {
  local last
  last=$(tail -n 1 "$work/err")
  [ "$code" = "$2" ] || fail "$1: exit $code, expected $2 (stderr: $last)"
  [ "$last" = "$3" ] || fail "$1: stderr ends with \`$last\`, expected \`$3\`"
}

full="remit: error: cannot write to standard output: no space left on device"
too_large="remit: error: cannot write to standard output: file too large"
decision=examples/pcd-785-by-commissioner.json

# 10. Standard output on /dev/full, for every command that writes to it.
while IFS= read -r command; do
  [ -n "$command" ] || continue
  # shellcheck disable=SC2086
  "$remit" $command < rules/mopac/2020.remit > /dev/full 2> "$work/err"
  code=$?
  check "$command > /dev/full" 2 "$full"
done <<'EOF'
check rules/mopac
check --format json rules/mopac
check --format sarif rules/mopac
check --format github tests/fixtures/gap
test rules/mopac
test --format github tests/fixtures/broken-examples
fmt -
fmt --check tests/fixtures/unformatted
eval --scheme rules/mopac examples/pcd-785-by-commissioner.json
eval --format json --scheme rules/mopac examples/pcd-785-by-commissioner.json
who --scheme rules/mopac --kind grant.acceptance
who --format json --scheme rules/mopac --kind grant.acceptance
audit --scheme rules/mopac examples/register.csv
audit --scheme rules/mopac --format jsonl examples/register.jsonl
audit --scheme rules/mopac --format text examples/register.csv
analyse rules/mopac
analyse --format json tests/fixtures/gap
matrix --scheme rules/mopac
matrix --scheme rules/mopac --format html
matrix --scheme rules/mopac --format csv
diff rules/mopac@2016 rules/mopac@2020
diff --format json rules/mopac@2016 rules/mopac@2020
diff --format md rules/mopac@2016 rules/mopac@2020
--version
--help
eval --help
EOF

# 10. Over `ulimit -f` (1 KiB blocks in bash): SIGXFSZ is ignored and the
# write that fails with EFBIG is reported; the output stops there. (Standard
# error goes to a pipe, which the limit does not touch.)
while IFS= read -r command; do
  [ -n "$command" ] || continue
  # shellcheck disable=SC2086
  (ulimit -f 1 && exec "$remit" $command > "$work/out") 2>&1 | cat > "$work/err"
  code=${PIPESTATUS[0]}
  check "$command over ulimit -f" 2 "$too_large"
  [ "$(wc -c < "$work/out")" -le 1024 ] || fail "$command over ulimit -f: wrote past the limit"
done <<'EOF'
matrix --scheme rules/mopac
audit --scheme rules/mopac examples/register.csv
audit --scheme rules/mopac --format jsonl examples/register.jsonl
eval --format json --explain --scheme rules/mopac examples/pcd-785-by-commissioner.json
diff rules/mopac@2016 rules/mopac@2020
EOF

# 10. A pipe whose reader has gone (`remit matrix … | head -1`): SIGPIPE is
# ignored and the write that fails with EPIPE is reported, exit 2, not a
# silent death by signal (141).
while IFS= read -r command; do
  [ -n "$command" ] || continue
  # shellcheck disable=SC2086
  (sleep 0.2 && exec "$remit" $command 2> "$work/err") | true
  code=${PIPESTATUS[0]}
  check "$command | (a reader that has gone)" 2 "remit: error: cannot write to standard output: broken pipe"
done <<'EOF'
matrix --scheme rules/mopac
audit --scheme rules/mopac --format text examples/register.csv
check --format sarif rules/mopac
EOF

# 10. A register too long to be read at once, whose output fails: the failed
# write is the one error (not lines "unaccounted for" that were only read ahead).
{
  echo "id,date,kind,approver,amount"
  seq 1 140000 | sed 's/.*/r&,2021-03-01,grant.award,DMPC,£&/'
} > "$work/long.csv"
for sink in /dev/full pipe; do
  if [ "$sink" = pipe ]; then
    (sleep 0.2 && exec "$remit" audit --scheme rules/mopac "$work/long.csv" 2> "$work/err") | true
    code=${PIPESTATUS[0]}
    message="remit: error: cannot write to standard output: broken pipe"
  else
    "$remit" audit --scheme rules/mopac "$work/long.csv" > /dev/full 2> "$work/err"
    code=$?
    message=$full
  fi
  check "audit of a long register > $sink" 2 "$message"
  [ "$(wc -l < "$work/err")" = 1 ] || fail "audit of a long register > $sink: more than the failed write on stderr: $(head -n 1 "$work/err")"
done

# 10. Standard error where it carries the result: the audit's summary, fmt's count.
"$remit" audit --scheme rules/mopac examples/register.csv > /dev/null 2> /dev/full
code=$?
[ "$code" = 2 ] || fail "audit 2> /dev/full: exit $code, expected 2"
mkdir "$work/stderr" && cp tests/fixtures/unformatted/2020.remit "$work/stderr/"
"$remit" fmt "$work/stderr" 2> /dev/full
code=$?
[ "$code" = 2 ] || fail "fmt 2> /dev/full: exit $code, expected 2"

# 10. Files: --summary and --junit on a full device and over `ulimit -f`; a
# file that could not be written whole is not left behind.
"$remit" audit --scheme rules/mopac --summary /dev/full examples/register.csv > /dev/null 2> "$work/err"
code=$?
check "audit --summary /dev/full" 2 "remit: error: cannot write the summary to \`/dev/full\`: no space left on device"
"$remit" test --junit /dev/full rules/mopac > /dev/null 2> "$work/err"
code=$?
check "test --junit /dev/full" 2 "remit: error: cannot write the JUnit report to \`/dev/full\`: no space left on device"
(ulimit -f 1 && exec "$remit" audit --scheme rules/mopac --summary "$work/summary.txt" examples/register.csv > /dev/null 2> "$work/err")
code=$?
check "audit --summary over ulimit -f" 2 "remit: error: cannot write the summary to \`$work/summary.txt\`: file too large"
[ ! -e "$work/summary.txt" ] || fail "audit --summary over ulimit -f left a partial file"
(ulimit -f 1 && exec "$remit" test --junit "$work/junit.xml" rules/mopac > /dev/null 2> "$work/err")
code=$?
check "test --junit over ulimit -f" 2 "remit: error: cannot write the JUnit report to \`$work/junit.xml\`: file too large"
[ ! -e "$work/junit.xml" ] || fail "test --junit over ulimit -f left a partial file"

# 11. An output that is an input, by name, through a symbolic link, through a
# hard link, as standard input, or inside a folder read: refused, nothing written.
mkdir "$work/in" && cp examples/register.csv "$work/in/reg.csv" && cp -r rules/mopac "$work/in/mopac"
ln "$work/in/reg.csv" "$work/in/hard.csv"
ln -s reg.csv "$work/in/link.csv"
before=$(cd "$work/in" && cat reg.csv mopac/* | cksum)
refused() {  # OPTION OUTPUT INPUT_SHOWN COMMAND...
  local option=$1 output=$2 shown=$3
  shift 3
  "$remit" "$@" 2> "$work/err" > /dev/null < "$work/in/reg.csv"
  code=$?
  check "$option $output over $shown" 2 "remit: error: \`$option $output\` would overwrite $shown, which \`$1\` reads; write it to another file"
}
cd "$work/in" || exit 1
refused --summary reg.csv '`reg.csv`' audit --scheme mopac --summary reg.csv reg.csv
refused --summary hard.csv '`link.csv`' audit --scheme mopac --summary hard.csv link.csv
refused --summary link.csv '`hard.csv`' audit --scheme mopac --summary link.csv hard.csv
refused --summary reg.csv 'standard input' audit --scheme mopac --summary reg.csv -
refused --summary mopac/2020.remit '`mopac/2020.remit`' audit --scheme mopac --summary mopac/2020.remit reg.csv
refused --junit mopac/2020_test.remit '`mopac/2020_test.remit`' test --junit mopac/2020_test.remit mopac
refused --junit ./mopac/../mopac/2016.remit '`mopac/2016.remit`' test --junit ./mopac/../mopac/2016.remit mopac
# 11. An output that would be read next time: a new `.remit` file anywhere,
# a new file in a scheme folder read. Refused before anything is written.
"$remit" test --junit new.remit mopac > /dev/null 2> "$work/err"
code=$?
check "test --junit new.remit" 2 "remit: error: \`--junit new.remit\` would write a rule file (\`.remit\`), which \`test\` would read as a version of a scheme; name it otherwise"
[ ! -e new.remit ] || fail "test --junit new.remit wrote it"
"$remit" test --junit mopac/junit.xml mopac > /dev/null 2> "$work/err"
code=$?
check "test --junit mopac/junit.xml" 2 "remit: error: \`--junit mopac/junit.xml\` would write into \`mopac\`, a scheme folder that \`test\` reads; write it to another folder"
[ ! -e mopac/junit.xml ] || fail "test --junit mopac/junit.xml wrote it"
"$remit" audit --scheme mopac --summary mopac/summary.txt reg.csv > /dev/null 2> "$work/err"
code=$?
check "audit --summary mopac/summary.txt" 2 "remit: error: \`--summary mopac/summary.txt\` would write into \`mopac\`, a scheme folder that \`audit\` reads; write it to another folder"
"$remit" test --junit junit.xml mopac > /dev/null 2> "$work/err" || fail "test --junit beside the scheme folder: $(cat "$work/err")"
[ -s junit.xml ] || fail "test --junit beside the scheme folder wrote nothing"
[ "$(cat reg.csv mopac/* | cksum)" = "$before" ] || fail "an input was written"
[ -L link.csv ] || fail "the symbolic link was replaced"
cd "$2" || exit 1

# 12. fmt through a symbolic link: the target is formatted, the link stays.
unformatted=tests/fixtures/unformatted/2020.remit
"$remit" fmt - < "$unformatted" > "$work/formatted.remit"
mkdir -p "$work/fmt/real" "$work/fmt/links"
cp "$unformatted" "$work/fmt/real/a.remit"
ln -s ../real/a.remit "$work/fmt/links/a.remit"
"$remit" fmt "$work/fmt/links" 2> "$work/err"
code=$?
check "fmt through a symbolic link" 0 "remit: formatted 1 of 1 file"
[ -L "$work/fmt/links/a.remit" ] || fail "fmt replaced the symbolic link"
cmp -s "$work/fmt/real/a.remit" "$work/formatted.remit" || fail "fmt left the link's target unformatted"

# 12. Hard links, mode and owner stay; nothing is left beside the file.
mkdir "$work/fmt/hard"
cp "$unformatted" "$work/fmt/hard/a.remit"
chmod 640 "$work/fmt/hard/a.remit"
ln "$work/fmt/hard/a.remit" "$work/fmt/hard/b.remit"
"$remit" fmt "$work/fmt/hard/a.remit" 2> "$work/err"
code=$?
check "fmt of a file with two hard links" 0 "remit: formatted 1 of 1 file"
[ "$(stat -c '%h %a' "$work/fmt/hard/b.remit")" = "2 640" ] || fail "fmt broke a hard link or changed the mode"
cmp -s "$work/fmt/hard/b.remit" "$work/formatted.remit" || fail "fmt did not format the file in place"
[ "$(ls -A "$work/fmt/hard" | wc -l)" = 2 ] || fail "fmt left a file beside the hard links"
mkdir "$work/fmt/mode"
cp "$unformatted" "$work/fmt/mode/a.remit"
chmod 604 "$work/fmt/mode/a.remit"
"$remit" fmt "$work/fmt/mode/a.remit" 2> /dev/null
[ "$(stat -c '%a %u' "$work/fmt/mode/a.remit")" = "604 $(id -u)" ] || fail "fmt changed the mode or the owner"
[ "$(ls -A "$work/fmt/mode" | wc -l)" = 1 ] || fail "fmt left a temporary file"

# 12. A read-only file is refused, even for root, and left as it was.
mkdir "$work/fmt/ro"
cp "$unformatted" "$work/fmt/ro/a.remit"
chmod 444 "$work/fmt/ro/a.remit"
"$remit" fmt "$work/fmt/ro" 2> "$work/err"
code=$?
[ "$code" = 2 ] || fail "fmt of a read-only file: exit $code, expected 2"
grep -qF "error: cannot write \`$work/fmt/ro/a.remit\`: the file is read-only [io]" "$work/err" || fail "fmt of a read-only file: $(cat "$work/err")"
cmp -s "$work/fmt/ro/a.remit" "$unformatted" || fail "fmt wrote a read-only file"

# 12. A failed write is counted as not formatted, and the file stays whole;
# also for a file with hard links (room is reserved before a byte changes).
mkdir "$work/fmt/limit"
cp "$unformatted" "$work/fmt/limit/a.remit"
sed 's/^  /    /' rules/mopac/2020.remit > "$work/fmt/limit/big.remit"
cp "$work/fmt/limit/big.remit" "$work/big.remit"
ln "$work/fmt/limit/big.remit" "$work/big-link.remit"
(ulimit -f 1 && exec "$remit" fmt "$work/fmt/limit" 2> "$work/err")
code=$?
check "fmt over ulimit -f" 2 "remit: formatted 1 of 2 files"
grep -qF "error: cannot write \`$work/fmt/limit/big.remit\`: file too large [io]" "$work/err" || fail "fmt over ulimit -f: $(cat "$work/err")"
cmp -s "$work/fmt/limit/big.remit" "$work/big.remit" || fail "fmt over ulimit -f changed the file it could not write"
cmp -s "$work/fmt/limit/a.remit" "$work/formatted.remit" || fail "fmt over ulimit -f did not format the other file"
rm "$work/big-link.remit"
(ulimit -f 1 && exec "$remit" fmt "$work/fmt/limit/big.remit" 2> "$work/err")
code=$?
[ "$code" = 2 ] || fail "fmt over ulimit -f, one link: exit $code, expected 2"
cmp -s "$work/fmt/limit/big.remit" "$work/big.remit" || fail "fmt over ulimit -f changed a file of one link"
[ "$(ls -A "$work/fmt/limit" | wc -l)" = 2 ] || fail "fmt over ulimit -f left a temporary file"

# 90. `remit audit --output FILE` (issue 13): the rows go to FILE, which is
# put in place whole; a file it cannot write is exit 2 and leaves no
# temporary file; over /dev/stdout the rows reach standard output.
"$remit" audit --scheme rules/mopac --fail-on none examples/register.csv > "$work/expected" 2> /dev/null
"$remit" audit --scheme rules/mopac --fail-on none --output "$work/rows.csv" examples/register.csv > "$work/out" 2> "$work/err"
code=$?
[ "$code" = 0 ] || fail "audit --output: exit $code"
[ ! -s "$work/out" ] || fail "audit --output: rows on stdout too"
cmp -s "$work/rows.csv" "$work/expected" || fail "audit --output: the file is not the rows"
[ "$(stat -c %a "$work/rows.csv")" = "$(printf '%o' $((0666 & ~0$(umask))))" ] || fail "audit --output: mode $(stat -c %a "$work/rows.csv")"
echo old > "$work/rows.csv"
ln -s rows.csv "$work/link.csv"
"$remit" audit --scheme rules/mopac --fail-on none --output "$work/link.csv" examples/register.csv 2> /dev/null
[ -L "$work/link.csv" ] && cmp -s "$work/rows.csv" "$work/expected" || fail "audit --output through a link: the link or the rows are lost"
"$remit" audit --scheme rules/mopac --fail-on none --output /dev/stdout examples/register.csv > "$work/out" 2> /dev/null
cmp -s "$work/out" "$work/expected" || fail "audit --output /dev/stdout: not the rows"
mkdir "$work/ro" && chmod 555 "$work/ro"
if [ "$(id -u)" != 0 ]; then
  "$remit" audit --scheme rules/mopac --fail-on none --output "$work/ro/rows.csv" examples/register.csv > /dev/null 2> "$work/err"
  code=$?
  [ "$code" = 2 ] || fail "audit --output into a read-only folder: exit $code"
fi
[ -z "$(ls -A "$work/ro")" ] || fail "audit --output left a file behind: $(ls -A "$work/ro")"
"$remit" audit --scheme rules/mopac --fail-on none --output /dev/full examples/register.csv > /dev/null 2> "$work/err"
code=$?
check "audit --output /dev/full" 2 "remit: error: cannot write the rows to \`/dev/full\`: no space left on device"

if [ "$failures" -gt 0 ]; then
  echo "$failures failures"
  exit 1
fi
echo "all writes checked"
