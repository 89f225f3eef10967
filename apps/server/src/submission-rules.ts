import { defineRules } from '@tianbao/form';

/**
 * The rules the portal adds to an upload's report: a workbook the checker reads well may still not be the
 * one this task collects, from this account's unit (README, "Rules").
 */
export const SUBMISSION_RULES = defineRules({
  'submission.unit.mismatch': { severity: 'error', title: '报表的单位不是本账号的单位', fix: '上传本单位的报表，或用该单位的账号上传' },
  'submission.form.mismatch': { severity: 'error', title: '报表不是本任务所收的表样', fix: '下载本任务的空白表填报后上传' },
  'submission.period.mismatch': { severity: 'error', title: '报表的月份不是本任务的月份', fix: '上传本月的报表，或在“填报日期”中改正月份' },
});
