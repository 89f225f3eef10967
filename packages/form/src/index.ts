import './locale.ts';
export { LINE_BREAK, textKey, tidyLines } from './text.ts';
export { Remembered } from './remembered.ts';
export { SameKeys } from './same-keys.ts';
export { displayWidth, padDisplay, padColumns } from './display-width.ts';
export { codePointName, invisibleIn, printable } from './printable.ts';
export { Unit, UnitList, defaultUnits, loadUnits, findUnit, findReporter, reporterNames } from './units.ts';
export { IsoDate, Period, readDate, formatDateCn, formatPeriodCn, monthBefore, monthAfter, isoOf, today, DAYS_1904, serialDate, type DateRead } from './dates.ts';
export {
  asText,
  text,
  choice,
  decimal,
  date,
  code,
  unitName,
  displayText,
  type CellKind,
  type CellType,
  type CellValue,
  type CellProblem,
  type ReadContext,
  type Entry,
} from './cells.ts';
export { personName, normaliseName, printedName } from './person.ts';
export { creditCode, creditCheckChar, creditCodeProblem } from './credit-code.ts';
export { phone, normalisePhone } from './phone.ts';
export { sizeByCategory, type Scale, type Size, type SizeProblem, type SizeByCategory } from './size-by-category.ts';
export type { Issue, Finding, Severity, DataPath, Answering } from './issues.ts';
export { joinItems, splitItems } from './items.ts';
export { replyAnswering } from './reply.ts';
export type { ZeroReport } from './zero-report.ts';
export { defineRules, type Catalogue, type Rule, type RuleId, type RuleSpec } from './rule-catalogue.ts';
export { FORM_RULES, formRule, formRules } from './form-rules.ts';
export { Refusal, unexpected, DEBUG_VARIABLE } from './refusal.ts';
export { FormHeader, formSchema, inputColumns, unwrapped, type FormSchema } from './form-schema.ts';
export {
  defineForm,
  titleFor,
  bodyRows,
  entrySchemas,
  type Column,
  type FixedRow,
  type Field,
  type Layout,
  type FormDefinition,
  type FormDeclaration,
  type RuleContext,
  type Rules,
  type EntryRules,
} from './model.ts';
export { outputContext, columnsOf, type OutputContext, type Table, type SheetSpec, type BarChart, type PrintBlock, type PrintLimits, type PrintSpec } from './output.ts';
export { MAX_CELL_CHARS, UNWRITABLE, unwritableCells, type UnwritableCell } from './cell-limit.ts';
export { periodFromFileName } from './period.ts';
export type { CompileSpec, CompileContext, CompiledPart, Compiled } from './compile.ts';
export { entryRun, ruleFindings, type EntryRun } from './run-rules.ts';
export { placeOf, placeName } from './place-name.ts';
export { INFO_LINE, BLANK_INFO_LINE, infoLineFor, readInfoLine } from './info-line.ts';
export { mergeRuns, type MergeRun } from './merge-runs.ts';
export { requirePatchedVersion } from './patched-version.ts';
export { deflateLater } from './deflate-later.ts';
export { META_SHEET, LISTS_SHEET } from './layout-check.ts';
