#!/usr/bin/python3
# xlsx_read.py: reads an .xlsx file with openpyxl (Debian's python3-openpyxl) and prints it as JSON for the tests:
# per sheet its name, frozen pane, autofilter range, column widths and every cell as {"t": type, "v": value}
# (t: "s" string, "n" number, "d" date or date-time with its number format, "b" boolean), null for an empty cell;
# and the number of formula cells in the file.
import json
import re
import sys
import zipfile

import openpyxl
from openpyxl.utils import get_column_letter


def cell(c):
    if c.value is None:
        return None
    if c.is_date:
        return {"t": "d", "v": c.value.isoformat(), "fmt": c.number_format}
    if isinstance(c.value, bool):
        return {"t": "b", "v": c.value}
    if isinstance(c.value, (int, float)):
        return {"t": "n", "v": c.value}
    return {"t": "s", "v": c.value, "dt": c.data_type}


wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = [[cell(c) for c in r] for r in ws.iter_rows()]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    widths = {}
    for i in range(1, ws.max_column + 1):
        d = ws.column_dimensions.get(get_column_letter(i))
        if d is not None and d.width:
            widths[get_column_letter(i)] = d.width
    out.append({"name": ws.title, "freeze": ws.freeze_panes, "autofilter": ws.auto_filter.ref, "widths": widths,
                "rows": rows})
# a formula cell is an <f> element in the sheet's XML: none may exist (text beginning with '=' stays text)
with zipfile.ZipFile(sys.argv[1]) as z:
    formulas = sum(len(re.findall(rb"<f[ >]", z.read(n))) for n in z.namelist() if n.startswith("xl/worksheets/"))
json.dump({"sheets": out, "formulas": formulas}, sys.stdout, ensure_ascii=False)
