import { isoOf, today, type UnitList } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import { unitStatus, type FileReport, type StatusReport } from '@tianbao/validate';
import type { Kysely } from 'kysely';
import type { Database } from '@tianbao/store';
import { issueCounts, withExplanations } from '@tianbao/validate';
import { explanationsOfTask } from './explanations.ts';
import { taskUnitList, type Task } from './tasks.ts';

/** `YYYY-MM-DDTHH:MM:SS` in the process's time zone (`serve --timezone`), as `tianbao status` shows when a file was received. */
function localTime(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

type StatusFile = StatusReport['units'][number]['files'][number];

/**
 * What `tianbao status --format json` prints, and beside each file and each unit's judged one, the
 * submission's id and how many of its warnings the unit explained (已说明). A file's unit is the unit of the
 * account that uploaded it (`unitFrom: account`).
 */
export type TaskStatus = Omit<StatusReport, 'units' | 'unread'> & {
  unread: (StatusReport['unread'][number] & { submission: string })[];
  units: (StatusReport['units'][number] & {
    submission: string | null;
    explained: number;
    files: (StatusFile & { submission: string; explained: number })[];
  })[];
};

/**
 * Where each unit of `task` stands, as `tianbao status` says it of a folder: every judged upload is a file
 * received at its upload time, credited to the unit that uploaded it; a unit's latest upload is its
 * submission, whatever month it says (a May workbook sent to a June task has the error
 * `submission.period.mismatch`, and is listed as of the month its check found). The task's own due day is
 * the due day. Warnings count as explained with the unit's explanations.
 */
export async function taskStatus(db: Kysely<Database>, task: Task, units: UnitList, asOf = today()): Promise<TaskStatus> {
  const def = formById(task.form);
  const rows = await db
    .selectFrom('submissions')
    .select(['id', 'unit', 'file_name', 'received_at', 'report'])
    .where('task_id', '=', task.id)
    // Only the task's units (a unit's clerk is given a task of its own unit): no other unit's file, read or not.
    .where('unit', 'in', task.units)
    .where('report', 'is not', null)
    // Latest first: uploads within one second (status times are to the second) keep this order, and the
    // latest is the unit's submission; two received in the same millisecond, by id, so that every request
    // and either engine take the same one.
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const explanations = await explanationsOfTask(db, task.id);
  // Files are told apart by submission id while they are judged: two uploads may share a name.
  const checked = rows.map((r) => JSON.parse(r.report!) as FileReport);
  // Each of the task's month here: every upload to the task is the unit's upload for the task's month. Not
  // left null, or `unitStatus` would look for a month in its file name, here its id (`…-2031-4a1a-…` is 2031-04).
  const reports = rows.map((r, i): FileReport => {
    const report = checked[i]!;
    return { ...report, file: r.id, unit: r.unit, period: task.period, issues: withExplanations(report.issues, explanations.get(r.id) ?? []) };
  });
  const periods = new Map(rows.map((r, i) => [r.id, checked[i]!.period]));
  const explained = new Map(reports.map((r) => [r.file, issueCounts(r).explained]));
  const received = new Map(rows.map((r) => [r.id, localTime(r.received_at)]));
  const names = new Map(rows.map((r) => [r.id, r.file_name]));
  // A unit of the task no longer in the list is still shown, as the task names it; the city, where the task
  // names it, first and as one of its units: 未报 or 逾期 too before it sends anything (`status` lists it once it has).
  const city = task.units.includes(units.city.name) ? [{ ...units.city, aliases: [] }] : [];
  const reporters: UnitList = { ...units, units: [...city, ...taskUnitList(task, units).units.filter((u) => task.units.includes(u.name))] };
  const s = unitStatus({ ...def, cityReports: false, dueDate: () => task.due }, task.period ?? '', reports, received, reporters, asOf, true);
  const named = <F extends { file: string }>(f: F) => ({ ...f, file: names.get(f.file)!, submission: f.file });
  // Each file listed as of the month its check found.
  const found = <F extends { file: string; period: string | null }>(f: F) => ({ ...named(f), period: def.monthly ? (periods.get(f.file) ?? null) : null });
  return {
    ...s,
    units: s.units.map((u) => ({
      ...u,
      file: u.file && names.get(u.file)!,
      submission: u.file,
      explained: u.file ? explained.get(u.file)! : 0,
      files: u.files.map((f) => ({ ...found(f), unitFrom: 'account' as const, explained: explained.get(f.file)! })),
    })),
    // Every upload is credited to its uploader's unit: none is unassigned.
    unread: s.unread.map(named),
  };
}
