import type { Finding, Issue } from '@tianbao/form';

/** A place in a workbook; sheet null when the file could not be read; a row alone when no cell is known. */
export interface Place {
  sheet: string | null;
  cell: string | null;
  row?: number;
}

const WHOLE_FILE: Place = { sheet: null, cell: null };

/** A finding at a place, in the report's shape. */
export function issueAt(f: Pick<Finding, 'severity' | 'rule' | 'message' | 'answer'>, place: Place = WHOLE_FILE): Issue {
  const m = place.cell ? /^([A-Z]+)(\d+)$/.exec(place.cell) : null;
  return {
    severity: f.severity,
    rule: f.rule,
    sheet: place.sheet,
    cell: place.cell,
    row: m ? Number(m[2]) : (place.row ?? null),
    column: m ? m[1]! : null,
    message: f.message,
    explained: false,
    ...(f.answer && { answer: f.answer }),
  };
}
