import { describe, expect, it } from 'vitest';
import type { Contact } from '../src/index.ts';
import { staffingTable } from '../src/summary.ts';

const person = (name: string, more: Partial<Contact> = {}): Contact => ({ org: '修武县第一高级中学', name, post: '安全员', phone: '13912345678', date: '2023-06-15', ...more });

describe('配备情况', () => {
  it('counts an organisation once however its name is spaced, as the rules do, under its first spelling', () => {
    const people = [person('王建国', { category: '学校', size: 3260 }), person('李海燕', { org: '修武县第一 高级中学' }), person('赵敏', { org: '修武县第一高级中学 ' })];
    const table = staffingTable({ unit: '修武县', people } as any);
    expect(table.rows).toEqual([['修武县第一高级中学', '学校', 3260, 2, 3]]);
    expect(table.marks).toEqual([]);
  });
});
