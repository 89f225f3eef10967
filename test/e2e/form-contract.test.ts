// What every form in the registry promises, whichever it is: a new form passes these or is not done.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultUnits, formRules, titleFor, type FormDefinition } from '@tianbao/form';
import { forms } from '@tianbao/forms';
import { PDF_RULES, renderPdf } from '@tianbao/pdf';
import { ENGINE_RULES, checkFile } from '@tianbao/validate';
import { writeWorkbook } from '@tianbao/xlsx';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
// The portal's catalogue, by path until @tianbao/server is a dependency of these tests.
import { SUBMISSION_RULES } from '@tianbao/server/submission-rules';
import { documentedAs, documentedRules, probedCellRules, raisableAt } from './rule-ids.ts';
import { fillBlank } from './sheetjs-fill.ts';
import { tempDir, tianbao } from './run.ts';

const errors = (r: { issues: { severity: string; rule: string; cell: string | null; message: string }[] }) =>
  r.issues.filter((i) => i.severity === 'error').map((i) => `${i.rule} @${i.cell ?? '-'} ${i.message}`);

/** Checked as a submission among every form, recognised by itself; the time limits judged on the day it was filled in. */
const check = (file: string, sample: Record<string, any>) =>
  checkFile(file, { forms, units: defaultUnits, period: sample.period, asOf: sample.reportDate ?? '2023-01-01' });

describe.each(forms.map((f) => [f.id, f] as const))('%s', (_id, form: FormDefinition<any>) => {
  const dir = tempDir();

  it('has samples, and each is valid data and a valid workbook', async () => {
    expect(form.samples.length).toBeGreaterThan(0);
    for (const [i, sample] of form.samples.entries()) {
      expect(form.schema.safeParse(sample).error?.issues ?? []).toEqual([]);
      const file = join(dir, `sample-${i}.xlsx`);
      writeFileSync(file, await writeWorkbook(form, sample));
      const report = await check(file, sample);
      expect(errors(report)).toEqual([]);
      expect(report).toMatchObject({ template: form.id, detectedBy: 'metadata', unit: sample.unit, valid: true });
    }
  });

  it('reads its blank filled in by another program (SheetJS) as the data typed in', async () => {
    const sample = form.samples[0]!;
    const file = join(dir, 'sheetjs.xlsx');
    writeFileSync(file, fillBlank(form, await writeWorkbook(form, null, { unit: sample.unit }), sample));
    const report = await check(file, sample);
    expect(errors(report)).toEqual([]);
    expect(report).toMatchObject({ template: form.id, unit: sample.unit, valid: true });
    expect(report.data).toEqual(form.schema.parse(sample));
  });

  // The command makes the workbook; it is read as extract reads it (extract's own output: corpus.test.ts), and the
  // form's PDF is rendered here by the function the command makes it with (the command's PDFs: generate-jobs.test.ts).
  it('generate → extract gives the sample back, and the PDF prints its title', async () => {
    const sample = form.samples[0]!;
    const data = join(dir, 'sample.json');
    writeFileSync(data, JSON.stringify(sample));
    const out = join(dir, 'out');
    const made = await tianbao(['generate', form.id, '--data', data, '--format', 'xlsx', '-o', out]);
    expect(made).toMatchObject({ code: 0 });
    const xlsx = readdirSync(out).map((f) => join(out, f));
    expect(xlsx).toEqual([expect.stringMatching(/\.xlsx$/)]);

    const extracted = await checkFile(xlsx[0]!, { forms, units: defaultUnits });
    expect(extracted.valid).toBe(true);
    expect(JSON.parse(JSON.stringify(extracted.data))).toEqual(JSON.parse(JSON.stringify(form.schema.parse(sample))));

    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await renderPdf(form, sample))), { mergePages: true });
    expect(text.replace(/\s/g, '')).toContain(titleFor(form.layout, sample.unit));
  });

  it('documents in README.md every rule of its catalogue, at its severity, and none it has not', () => {
    const documented = documentedRules();
    const rules = formRules(form);
    const wrong = rules.flatMap((r) => {
      const row = documentedAs(r.id, form.rulePrefix, documented);
      return row?.severity === r.severity ? [] : [`${r.id}: ${r.severity}, README ${row?.severity ?? 'nothing'}`];
    });
    expect(wrong).toEqual([]);
    const ids = new Set(rules.map((r) => r.id));
    expect(documented.filter((d) => d.id.startsWith(`${form.rulePrefix}.`) && !ids.has(d.id)).map((d) => d.id)).toEqual([]);
  });

  it('declares every rule its cells report, at the severity they report it', () => {
    const rules = new Map(formRules(form).map((r) => [r.id, r.severity]));
    const undeclared = probedCellRules(form).filter((p) => !rules.has(p.id) || !raisableAt(rules.get(p.id)!, p.severity));
    expect(undeclared).toEqual([]);
  });
});

describe('the rules README.md documents', () => {
  const documented = documentedRules();
  /** The rules no form owns: the engine's, the PDF's refusals, and those the portal adds to an upload. */
  const shared = [...ENGINE_RULES, ...PDF_RULES.rules, ...SUBMISSION_RULES.rules];

  it('are each in a catalogue: the engine’s, at their severity, or a pattern some form’s rules fill', () => {
    const engine = new Map(shared.map((r) => [r.id, r.severity]));
    const ofForms = forms.flatMap((f) => formRules(f).map((r) => ({ ...r, prefix: f.rulePrefix })));
    const unknown = documented.filter((d) => {
      if (d.id.startsWith('<form>.')) return !ofForms.some((r) => documentedAs(r.id, r.prefix, [d]));
      if (forms.some((f) => d.id.startsWith(`${f.rulePrefix}.`))) return false; // judged form by form above
      return engine.get(d.id) !== d.severity;
    });
    expect(unknown).toEqual([]);
  });

  it('include every rule of the engine', () => {
    const ids = new Set(documented.map((d) => d.id));
    expect(shared.filter((r) => !ids.has(r.id)).map((r) => r.id)).toEqual([]);
  });
});
