"""
python3 test/bench/openpyxl-write.py <in.xlsx> <out.xlsx>: a workbook
opened and saved again by openpyxl, so that every part of it is written
the way openpyxl writes (strings inline, `t="inlineStr"`).
"""
import sys

from openpyxl import load_workbook

load_workbook(sys.argv[1]).save(sys.argv[2])
