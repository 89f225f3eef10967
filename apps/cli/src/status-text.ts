import { formatDateCn, padColumns, printable } from '@tianbao/form';
import { fileNote, RECEIVED_NOTE, STATE_TEXT, TIMING_TEXT, VERDICT_TEXT, type Paint, type StatusReport, type UnitState } from '@tianbao/validate';

const SEP = '  ';

/**
 * The status as the terminal shows it, line by line: the title; a table of
 * the units with every file credited to each on its lines (the judged one on
 * the unit's own); the files whose unit cannot be told; the totals; and what
 * "received" means. Columns line up by display width.
 */
export function statusText(s: StatusReport, title: string, paint: Paint | undefined): string[] {
  // 报送 (on time or late) only for a form with a due day.
  const timed = s.due !== null;
  const rows: string[][] = [['单位', '状态', ...(timed ? ['报送'] : []), '收到日期', '错误', '提示', '文件']];
  const states: (UnitState | null)[] = [null];
  for (const u of s.units) {
    const unit = [u.unit, STATE_TEXT[u.state], ...(timed ? [u.timing ? TIMING_TEXT[u.timing] : ''] : [])];
    if (!u.files.length) rows.push(unit);
    for (const [k, f] of u.files.entries())
      rows.push([...(k ? unit.map(() => '') : unit), f.received ? formatDateCn(f.received) : '', String(f.errors), String(f.warnings), withNote(f.file, fileNote(f))]);
    states.push(u.state, ...u.files.slice(1).map(() => null));
  }
  const colour = (state: UnitState | null) => (state === 'valid' ? paint?.green : state === 'missing' || state === 'invalid' ? paint?.red : undefined);
  const counts = timed ? [4, 5] : [3, 4];
  const lines = [title, ...padColumns(rows, counts).map((cells, r) => line(cells.map((c, k) => (k === 1 ? (colour(states[r]!)?.(c) ?? c) : c))))];

  if (s.unassigned.length) {
    lines.push(`${paint?.red(UNASSIGNED) ?? UNASSIGNED}（${s.unassigned.length} 个）：`);
    const files = s.unassigned.map((f) => [f.received ? formatDateCn(f.received) : '', VERDICT_TEXT[f.verdict], withNote(f.file, fileNote(f))]);
    lines.push(...padColumns([['收到日期', '检查结果', '文件'], ...files]).map(line));
  }
  const m = s.summary;
  lines.push(
    `共 ${s.units.length} 个单位：${STATE_TEXT.valid} ${m.valid}，${STATE_TEXT.invalid} ${m.invalid}，${STATE_TEXT.missing} ${m.missing}` +
      `${m['not-due'] ? `，${STATE_TEXT['not-due']} ${m['not-due']}` : ''}；逾期 ${m.late}` +
      `${s.unassigned.length ? `；${UNASSIGNED} ${s.unassigned.length} 个` : ''}`,
    RECEIVED_NOTE,
  );
  return lines;
}

/** Files received whose unit cannot be told. */
const UNASSIGNED = '无法确定单位的文件';
const line = (cells: string[]) => `  ${cells.join(SEP)}`.trimEnd();
/** A file's name and its note, each on one line whatever they hold. */
const withNote = (file: string, note: string) => (note ? `${printable(file)}${SEP}${printable(note)}` : printable(file));
