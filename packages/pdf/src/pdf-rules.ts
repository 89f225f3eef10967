import { defineRules } from '@tianbao/form';

/**
 * Why a PDF is not made (`generate`, `compile`): pdfmake lays a whole document out in memory, so a
 * document is held to its form's limits (`print.limits`) and to one paragraph's length (README, "Rules").
 * Each is a `Refusal` under its id: the command says so, writes the other files still, and exits with 1.
 */
export const PDF_RULES = defineRules({
  'pdf.too-many-rows': { severity: 'error', title: '表格行数超过单份 PDF 的上限', fix: '按单位拆分数据后分别生成；工作簿（--format xlsx）不受此限' },
  'pdf.too-many-chars': { severity: 'error', title: '打印内容的字符数超过单份 PDF 的上限', fix: '精简文字，或按单位拆分数据后分别生成；工作簿不受此限' },
  'pdf.line-too-long': { severity: 'error', title: '一段文字超过 PDF 中一段文字的上限（10,000 个字符）', fix: '分段（换行）或精简（不能换行之处只能精简）；工作簿不受此限' },
});
