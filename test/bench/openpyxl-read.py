"""
python3 test/bench/openpyxl-read.py <file>: openpyxl reading a workbook in
its read-only (streaming) mode and visiting every cell, nothing else.
Prints {"cells", "cpuMs", "peakRssMB"}.
"""
import json
import resource
import sys
import time

from openpyxl import load_workbook

wb = load_workbook(sys.argv[1], read_only=True)
cells = 0
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                cells += 1
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({'cells': cells, 'cpuMs': round((usage.ru_utime + usage.ru_stime) * 1000), 'peakRssMB': round(usage.ru_maxrss / 1024)}))
