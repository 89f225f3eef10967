import { defineRules, Refusal, type RuleId } from '@tianbao/form/light';

/** What a clerk does with a file that cannot be read as it is: said at the end of most refusals. */
export const RESAVE = '请在 Excel/WPS 中打开后另存为 .xlsx 再提交';

/** The refusals of a file that may not be opened, raised as `FileRefused` (README, "What is read, what is refused"). */
export const FILE_RULES = defineRules({
  'file.unreadable': { severity: 'error', title: '文件不存在或无法打开', fix: '确认文件存在并可读取' },
  'file.not-regular': { severity: 'error', title: '不是普通文件（设备、管道或套接字）', fix: '提交 Excel 工作簿（.xlsx）文件本身' },
  'file.empty': { severity: 'error', title: '文件是空的（0 字节）', fix: '重新导出或保存后再提交' },
  'file.too-large': { severity: 'error', title: '文件超过 50 MB', fix: '按单位拆分后提交' },
  'file.xls': { severity: 'error', title: '旧版 Excel 97-2003（.xls）文件', fix: '另存为 Excel 工作簿（.xlsx）再提交' },
  'file.encrypted': { severity: 'error', title: '工作簿设置了打开密码', fix: '取消密码后另存为 .xlsx 再提交' },
  'file.not-xlsx': { severity: 'error', title: '不是 Excel 工作簿（文本、Word 或 PowerPoint 文件）', fix: '另存为 Excel 工作簿（.xlsx）再提交' },
  'file.corrupt': { severity: 'error', title: '文件不完整或已损坏', fix: `重新保存或重新发送；${RESAVE}` },
  'file.zip-bomb': { severity: 'error', title: '文件解压后过大', fix: '确认文件来源，按单位拆分后提交' },
  'file.xml-entities': { severity: 'error', title: '文件中有 XML 实体声明', fix: RESAVE },
  'file.too-many-rows': { severity: 'error', title: '工作表超过 200,000 行', fix: '按单位拆分后提交' },
});

/** Where in a file a refusal was found, when the reader knows: a sheet, and one of its rows when it is in one. */
export interface RefusedAt {
  sheet: string;
  row?: number;
}

/** A file refused before it is opened, or while it is read: a stable rule id, a Chinese reason, and where, when known. */
export class FileRefused extends Refusal {
  constructor(
    override readonly rule: RuleId<typeof FILE_RULES>,
    message: string,
    readonly place?: RefusedAt,
  ) {
    super(rule, message);
  }
}
