import './locale.ts';
export { textKey } from './text.ts';
export { displayWidth, padDisplay, padColumns } from './display-width.ts';
export { Unit, UnitList, defaultUnits, loadUnits, findUnit, findReporter, reporterNames } from './units.ts';
export { IsoDate, Period, readDate, formatDateCn, formatPeriodCn, isoOf, today, DAYS_1904, type DateRead } from './dates.ts';
export { splitItems, joinItems } from './items.ts';
export {
  items,
  deadlines,
  text,
  choice,
  decimal,
  date,
  code,
  unitName,
  displayText,
  Deadline,
  ONGOING,
  type CellType,
  type CellValue,
  type CellProblem,
  type ReadContext,
  type Entry,
} from './cells.ts';
export { personName, normaliseName, printedName } from './person.ts';
export { creditCode, creditCheckChar, creditCodeProblem } from './credit-code.ts';
export { error, warning, type Issue, type Finding, type Severity, type DataPath } from './issues.ts';
export { zeroReport } from './zero-report.ts';
export { Refusal, unexpected, DEBUG_VARIABLE } from './refusal.ts';
export {
  FormHeader,
  defineForm,
  titleFor,
  infoLineFor,
  inputColumns,
  bodyRows,
  entrySchemas,
  type Column,
  type FixedRow,
  type Field,
  type Layout,
  type FormDefinition,
  type RuleContext,
  type Rules,
  type EntryRules,
} from './model.ts';
export { outputContext, type OutputContext, type Table, type SheetSpec, type BarChart, type PrintBlock, type PrintLimits, type PrintSpec } from './output.ts';
export { MAX_CELL_CHARS, overlongCells, type LongCell } from './cell-limit.ts';
export { periodFromText, periodFromFileName } from './period.ts';
