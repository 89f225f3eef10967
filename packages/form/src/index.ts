import './locale.ts';
export { textKey } from './text.ts';
export { Unit, UnitList, defaultUnits, loadUnits, findUnit } from './units.ts';
export { IsoDate, Period, readDate, formatDateCn, formatPeriodCn, isoOf, type DateRead } from './dates.ts';
export { splitItems, joinItems } from './items.ts';
export { items, deadlines, Deadline, ONGOING, type CellType, type CellValue, type CellProblem, type ReadContext } from './cells.ts';
export { error, warning, type Issue, type Finding, type Severity, type DataPath } from './issues.ts';
export {
  FormHeader,
  defineForm,
  titleFor,
  infoLineFor,
  inputColumns,
  rowData,
  type Column,
  type FixedRow,
  type Layout,
  type FormDefinition,
  type RuleContext,
} from './model.ts';
export { periodFromText, periodFromFileName } from './period.ts';
