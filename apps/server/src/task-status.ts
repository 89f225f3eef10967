import { isoOf, today, type UnitList } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import { unitStatus, type FileReport, type StatusReport } from '@tianbao/validate';
import type { Kysely } from 'kysely';
import type { Database } from '@tianbao/store';
import type { Task } from './tasks.ts';

/** `YYYY-MM-DDTHH:MM:SS` in the machine's time zone, as `tianbao status` shows when a file was received. */
function localTime(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** What `tianbao status --format json` prints, and beside each file and each unit's judged one, the submission's id. */
export type TaskStatus = Omit<StatusReport, 'units' | 'unread'> & {
  unread: (StatusReport['unread'][number] & { submission: string })[];
  units: (StatusReport['units'][number] & { submission: string | null; files: (StatusReport['units'][number]['files'][number] & { submission: string })[] })[];
};

/**
 * Where each unit of `task` stands, as `tianbao status` says it of a folder: every judged upload is a file
 * received at its upload time, credited to the unit that uploaded it and to the task's month; a unit's
 * latest upload is its submission. The task's own due day is the due day.
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
    // latest is the unit's submission.
    .orderBy('received_at', 'desc')
    .execute();
  // Files are told apart by submission id while they are judged: two uploads may share a name.
  const reports = rows.map((r): FileReport => ({ ...JSON.parse(r.report!), file: r.id, unit: r.unit, period: def.monthly ? task.period : null }));
  const received = new Map(rows.map((r) => [r.id, localTime(r.received_at)]));
  const names = new Map(rows.map((r) => [r.id, r.file_name]));
  const reporters: UnitList = { ...units, units: units.units.filter((u) => task.units.includes(u.name)) };
  const s = unitStatus({ ...def, dueDate: () => task.due }, task.period ?? '', reports, received, reporters, asOf);
  const named = <F extends { file: string }>(f: F) => ({ ...f, file: names.get(f.file)!, submission: f.file });
  return {
    ...s,
    units: s.units.map((u) => ({ ...u, file: u.file && names.get(u.file)!, submission: u.file, files: u.files.map(named) })),
    // Every upload is credited to its uploader's unit: none is unassigned.
    unread: s.unread.map(named),
  };
}
