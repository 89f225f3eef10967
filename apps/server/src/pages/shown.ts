// How states, verdicts and times are shown on the pages.
import { formatDateCn, formatPeriodCn } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import type { UnitStatus } from '@tianbao/validate';
import type { Task } from '../tasks.ts';

/** A unit's state on the board: 未报 / 通过 / 不通过 / 逾期 / 已说明, with the class that colours it. */
export interface Shown {
  key: 'valid' | 'explained' | 'invalid' | 'missing' | 'not-due';
  text: string;
}

export const SHOWN: Record<Shown['key'], Shown> = {
  valid: { key: 'valid', text: '通过' },
  explained: { key: 'explained', text: '已说明' },
  invalid: { key: 'invalid', text: '不通过' },
  missing: { key: 'missing', text: '逾期' },
  'not-due': { key: 'not-due', text: '未报' },
};

/**
 * A unit's state as the board shows it: its submission passed, and every warning in it explained (已说明) or
 * not; not passed; nothing sent by the due day (逾期) or not yet (未报).
 */
export function shownState(u: Pick<UnitStatus, 'state' | 'warnings'> & { explained: number }): Shown {
  if (u.state === 'valid') return u.warnings > 0 && u.explained >= u.warnings ? SHOWN.explained : SHOWN.valid;
  return SHOWN[u.state];
}

/** What the check made of one upload; null while it is being checked. */
export function shownVerdict(verdict: string | null): Shown {
  if (verdict === 'valid') return SHOWN.valid;
  if (verdict === null) return { key: 'not-due', text: '检查中' };
  return { key: 'invalid', text: verdict === 'unread' ? '未能读取' : '不通过' };
}

/** Units counted by state, in the board's order. */
export function countsOf(states: Shown[]): (Shown & { n: number })[] {
  return Object.values(SHOWN).map((s) => ({ ...s, n: states.filter((x) => x.key === s.key).length }));
}

/** `2023年6月行政复议工作问题台账`. */
export function taskTitle(task: Task): string {
  const def = formById(task.form);
  return `${task.period ? formatPeriodCn(task.period) : ''}${def.name}`;
}

export const dueText = (task: Task) => formatDateCn(task.due);

/** An ISO time (UTC) as the clerk reads it, in the process's time zone (`serve --timezone`): `2023-06-26 09:02`. */
export function timeText(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** `YYYY-MM-DDTHH:MM:SS` as `status` gives it, shown as `timeText` does. */
export const localText = (local: string) => `${local.slice(0, 10)} ${local.slice(11, 16)}`;

/** When a unit's judged upload came (its files list it first), shown; null when it sent none. */
export const judgedAt = (u: { files: readonly { receivedAt: string | null }[] }) => (u.files[0]?.receivedAt ? localText(u.files[0].receivedAt) : null);

export function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} 字节` : bytes < 1048576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}

