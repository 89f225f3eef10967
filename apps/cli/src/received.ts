import { statSync } from 'node:fs';
import { isoOf } from '@tianbao/form';

/** When a file was received: its modification time (a folder keeps nothing else), `YYYY-MM-DDTHH:MM:SS` in the machine's time zone. */
export function receivedAt(file: string): string | null {
  try {
    const d = statSync(file).mtime;
    const two = (n: number) => String(n).padStart(2, '0');
    return `${isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  } catch {
    return null;
  }
}
