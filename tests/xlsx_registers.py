#!/usr/bin/python3
"""xlsx registers: workbooks made here (openpyxl, and by hand with zipfile for
the parts openpyxl does not write) are audited, and the rows must be those of
the same register as CSV; damaged and hostile workbooks are clear errors.

usage: xlsx_registers.py REMIT SOURCE_DIR WORK_DIR"""
import datetime
import os
import subprocess
import sys
import zipfile

import openpyxl

remit, source, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
scheme = os.path.join(source, "rules", "mopac")
failures = []


def audit(register, *options, stdin=None):
    args = [remit, "audit", "--scheme", scheme, "--map", "Decision maker=approver", "--map", "Value (£)=amount",
            "--fail-on", "none", *options, register]
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as given:
        r = subprocess.run(args, stdin=given, capture_output=True, env=dict(os.environ, REMIT_TODAY="2026-01-31"))
    return r.returncode, r.stdout.decode(), r.stderr.decode()


def expect(what, got, want):
    if got != want:
        failures.append(f"{what}:\n--- got\n{got}\n--- want\n{want}")


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(",".join(f'"{c}"' if "," in c else c for c in row) + "\n")


HEADER = ["Ref", "Date", "Kind", "Decision maker", "Value (£)", "Novel", "Contentious", "Public interest"]

# A register as a council keeps it: shared strings, dates as serials in a
# UK date format, money as doubles in a currency format, booleans; a first
# sheet of notes and the register on the second, chosen with --sheet.
wb = openpyxl.Workbook()
notes = wb.active
notes.title = "Notes"
notes.append(["Decisions register, kept by the Secretariat"])
reg = wb.create_sheet("Register 2020")
reg.append(HEADER)
rows = [
    ["PCD 1", datetime.datetime(2020, 6, 1), "grant.acceptance", "DMPC", 5600000.000000001, False, False, False],
    ["PCD 2", datetime.datetime(2021, 3, 15), "grant.award", "Commissioner", 60000, "N", "N", "N"],
    ["PCD 3", datetime.datetime(2020, 6, 1, 14, 30), "grant.acceptance", "DMPC", 1000000.5, True, False, False],
    ["PCD 4", "2021-02-30", "grant.acceptance", "DMPC", 1e6, "N", "N", "N"],
]
for row in rows:
    reg.append(row)
for r in range(2, 6):
    reg.cell(r, 2).number_format = "dd/mm/yyyy"
    reg.cell(r, 5).number_format = '"£"#,##0.00'
register_xlsx = os.path.join(work, "register.xlsx")
wb.save(register_xlsx)

as_csv = [HEADER,
          ["PCD 1", "2020-06-01", "grant.acceptance", "DMPC", "5600000", "false", "false", "false"],
          ["PCD 2", "2021-03-15", "grant.award", "Commissioner", "60000", "N", "N", "N"],
          ["PCD 3", "2020-06-01", "grant.acceptance", "DMPC", "1000000.5", "true", "false", "false"],
          ["PCD 4", "2021-02-30", "grant.acceptance", "DMPC", "1000000", "N", "N", "N"]]
register_csv = os.path.join(work, "register.csv")
write_csv(register_csv, as_csv)

code, csv_out, csv_err = audit(register_csv)
expect("the CSV register's exit", code, 0)
code, out, err = audit(register_xlsx, "--sheet", "Register 2020")
def summary_body(text):  # the summary but for its first line (the file's name) and how it was read
    return [l for l in text.splitlines()[1:] if not l.startswith("read as")]


expect("the xlsx register's summary", (code, summary_body(err)), (0, summary_body(csv_err)))
expect("the xlsx register's rows, as the CSV's", out, csv_out)
expect("the xlsx register read as", [l for l in err.splitlines() if l.startswith("read as")],
       ["read as xlsx workbook, sheet `Register 2020`"])
code, out, err = audit("-", "--sheet", "Register 2020", stdin=register_xlsx)
expect("the xlsx register from stdin", out, csv_out)

# The first sheet by default: here the notes, which have no register header.
code, out, err = audit(register_xlsx)
expect("the first sheet by default", (code, "missing" in err or "column" in err), (2, True))
code, out, err = audit(register_xlsx, "--sheet", "Register")
expect("an unknown sheet", (code, err.strip()),
       (2, register_xlsx + ": error: the workbook has no sheet `Register`; its sheets are `Notes`, `Register 2020`: give one with --sheet"))

# By hand: shared strings (openpyxl writes inline ones), the 1904 date system, a built-in date format (14),
# a sheet whose rows skip a line, and a cell with a line break.
CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
WB = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{pr}'
      '<sheets><sheet name="Decisions" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
        'Target="styles.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        'Target="/xl/strings.xml"/></Relationships>')
# Shared strings, one of them in rich-text runs (and a phonetic run, not the text).
SHARED = ('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<si><t>PCD 1</t></si><si><t>grant.acceptance</t></si>'
          '<si><r><t>DM</t></r><r><rPr><b/></rPr><t>PC</t></r><rPh><t>x</t></rPh></si></sst>')
STYLES = ('<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>')


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet(rows):
    body = "".join(f'<row r="{r}">{cells}</row>' for r, cells in rows)
    return ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData>{body}</sheetData></worksheet>')


def workbook(path, sheet_xml, pr="", parts=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        contents = {"[Content_Types].xml": CT, "xl/workbook.xml": WB.format(pr=pr), "xl/_rels/workbook.xml.rels": RELS,
                    "xl/styles.xml": STYLES, "xl/worksheets/sheet1.xml": sheet_xml, "xl/strings.xml": SHARED}
        contents.update(parts or {})
        for name, text in contents.items():
            if text is not None:
                z.writestr(name, text)


hand = sheet([
    (1, "".join(inline(f"{c}1", h.replace("£", "&#163;")) for c, h in zip("ABCDEFGH", HEADER))),
    # 1904 system: 2020-06-01 is serial 42521 (43982 in the 1900 system)
    (3, '<c r="A3" t="s"><v>0</v></c><c r="B3" s="1"><v>42521</v></c><c r="C3" t="s"><v>1</v></c>'
        '<c r="D3" t="s"><v>2</v></c>' + '<c r="E3"><v>5600000</v></c>' + '<c r="F3" t="b"><v>0</v></c>' +
        '<c r="G3" t="b"><v>0</v></c>' + '<c r="H3" t="b"><v>0</v></c>'),
])
hand_xlsx = os.path.join(work, "hand.xlsx")
workbook(hand_xlsx, hand, pr='<workbookPr date1904="1"/>')
code, out, err = audit(hand_xlsx)
expect("shared and inline strings, date1904", out.splitlines()[1:],
       ["3,PCD 1,2020-06-01,grant.acceptance,DMPC,5600000,false,false,false,authorised,4.8,2020,DMPC,"
        "Financial comments;Legal comments;Equality comments,\"authorised under para 4.8 (2020), but it lacks what that "
        "paragraph requires: Financial comments;Legal comments;Equality comments\""])
expect("a skipped sheet row is a blank line", [l for l in err.splitlines() if l.startswith("read ")][0],
       "read 3 lines: 1 header + 1 blank + 1 in the rows audited or invalid")


# Damaged and hostile workbooks: a clear error, exit 2, never a crash.
def refused(name, path, want):
    code, out, err = audit(path)
    expect(name, (code, err.strip()), (2, f"{path}: error: {want}"))


not_zip = os.path.join(work, "not-a-zip.xlsx")
with open(not_zip, "wb") as f:
    f.write(b"PK\x03\x04 and then not a workbook at all")
refused("not a zip", not_zip,
        'the register is not a readable .xlsx workbook (Not a zip archive); open it in the spreadsheet and save it '
        'again as "Excel Workbook (.xlsx)", or as "CSV UTF-8"')
empty_zip = os.path.join(work, "empty.xlsx")
zipfile.ZipFile(empty_zip, "w").close()  # only an end record: PK\5\6
refused("an empty zip", empty_zip,
        "the workbook has no part `xl/workbook.xml`: it is not a whole .xlsx workbook; open it in the spreadsheet and save it again")
no_workbook = os.path.join(work, "no-workbook.xlsx")
workbook(no_workbook, hand, parts={"xl/workbook.xml": None})
refused("no workbook part", no_workbook,
        "the workbook has no part `xl/workbook.xml`: it is not a whole .xlsx workbook; open it in the spreadsheet and save it again")
bomb = os.path.join(work, "bomb.xlsx")
workbook(bomb, hand, parts={"xl/styles.xml": " " * (17 << 20)})
refused("a part that inflates too far", bomb,
        "the workbook's part `xl/styles.xml` inflates to 17825792 bytes, more than the 16777216 remit reads")
laughs = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
          '<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>')
entities = os.path.join(work, "entities.xlsx")
workbook(entities, laughs)
refused("entities in the sheet", entities,
        "the sheet declares a document type, which a workbook never does; remit does not read it")
cut = os.path.join(work, "cut.xlsx")
workbook(cut, hand[:-40])
refused("a sheet cut short", cut, "the workbook's sheet ends early: it is not whole XML (unclosed token)")
bad_string = os.path.join(work, "bad-string.xlsx")
workbook(bad_string, sheet([(1, '<c r="A1" t="s"><v>7</v></c>')]))
refused("a shared string not there", bad_string, "row 1: a cell names shared string `7`, which the workbook does not have")
code, out, err = audit(register_xlsx, "--sheet", "Register 2020", "--encoding", "utf-8")
expect("--encoding with a workbook", (code, err.strip()), (2, register_xlsx + ": error: the register is an .xlsx workbook, "
       "which has no encoding or delimiter to name; leave out --encoding and --delimiter"))
code, out, err = audit(register_csv, "--sheet", "Register 2020")
expect("--sheet with a CSV register", (code, err.strip()),
       (2, register_csv + ": error: --sheet is for an .xlsx workbook, and the register is text; leave --sheet out"))

# --format xlsx: the workbook's Results rows are the CSV output's, cell by
# cell (the money column a number in £ format); frozen header, autofilter,
# a fill by outcome; the Summary's counts; to a pipe; /dev/full fails.
import csv as csvmodule
import io
code, csv_out, _ = audit(register_csv)
out_xlsx = os.path.join(work, "out.xlsx")
code, out, err = audit(register_csv, "--format", "xlsx", "--output", out_xlsx)
expect("--format xlsx --output", (code, out), (0, ""))
book = openpyxl.load_workbook(out_xlsx)
expect("xlsx sheets", book.sheetnames, ["Results", "Summary"])
results = book["Results"]
want_rows = list(csvmodule.reader(io.StringIO(csv_out)))
got_rows = [["" if v is None else v for v in row] for row in results.iter_rows(values_only=True)]
money_col = want_rows[0].index("Value (£)")
for i, (got, want) in enumerate(zip(got_rows, want_rows)):
    for c, (g, w) in enumerate(zip(got, want)):
        if i > 0 and c == 0:
            expect(f"xlsx row {i} line", g, int(w))
        elif i > 0 and c == money_col and w:
            expect(f"xlsx row {i} amount", round(g * 100), round(float(w.replace("£", "").replace(",", "")) * 100))
            expect(f"xlsx row {i} amount format", results.cell(i + 1, c + 1).number_format, '"£"#,##0.00')
        else:
            expect(f"xlsx row {i} column {want_rows[0][c]}", g, w)
    expect(f"xlsx row {i} width", len(got), len(want))
expect("xlsx rows", len(got_rows), len(want_rows))
expect("xlsx frozen header", results.freeze_panes, "A2")
expect("xlsx autofilter", results.auto_filter.ref, f"A1:{openpyxl.utils.get_column_letter(len(want_rows[0]))}{len(want_rows)}")
outcome_col = want_rows[0].index("outcome")
fills = {row[outcome_col]: results.cell(i + 1, 1).fill.fgColor.rgb for i, row in enumerate(want_rows) if i}
expect("xlsx fills differ by outcome", len(set(fills.values())), len(fills))
counts = {}
for row in want_rows[1:]:
    counts[row[outcome_col]] = counts.get(row[outcome_col], 0) + 1
summary_rows = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True) if r[0] in counts}
expect("xlsx summary counts", summary_rows, counts)
r = subprocess.run([remit, "audit", "--scheme", scheme, "--map", "Decision maker=approver", "--map", "Value (£)=amount",
                    "--fail-on", "none", "--format", "xlsx", register_csv], capture_output=True)
expect("xlsx to a pipe", (r.returncode, r.stdout[:2], len(r.stdout) > 1000), (0, b"PK", True))
with open("/dev/full", "wb") as full:
    r = subprocess.run([remit, "audit", "--scheme", scheme, "--map", "Decision maker=approver", "--map", "Value (£)=amount",
                        "--fail-on", "none", "--format", "xlsx", register_csv], stdout=full, stderr=subprocess.PIPE)
expect("xlsx to /dev/full", (r.returncode, r.stderr.decode().splitlines()[0]),
       (2, "remit: error: cannot write to standard output: no space left on device"))
r = subprocess.run([remit, "audit", "--scheme", scheme, "--map", "Decision maker=approver", "--map", "Value (£)=amount",
                    "--fail-on", "none", "--format", "xlsx", "--output", os.path.join(work, "no.xlsx"), register_csv],
                   capture_output=True, env=dict(os.environ, TMPDIR=os.path.join(work, "absent")))
expect("xlsx without a temporary folder", (r.returncode, r.stderr.decode().splitlines()[0], os.path.exists(os.path.join(work, "no.xlsx"))),
       (2, f"remit: error: cannot write the workbook to `{os.path.join(work, 'no.xlsx')}`: no temporary file could be made in "
        f"`{os.path.join(work, 'absent')}` (errno 2: No such file or directory); set TMPDIR to a folder remit may write", False))

for f in failures:
    print(f, file=sys.stderr)
sys.exit(1 if failures else 0)
