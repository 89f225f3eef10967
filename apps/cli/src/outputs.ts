import { lstatSync, statSync, type Stats } from 'node:fs';
import { digestOf } from './output-digest.ts';
import { UsageError } from './usage-error.ts';
import { join } from 'node:path';
import { Refusal, formatPeriodCn, titleFor, type FormDefinition } from '@tianbao/form';

/**
 * A file name from words that came with the data: no folder separators or
 * characters Windows refuses, no leading dots, so a name never leaves its
 * folder. Never shortened: a cut name could be another's (see `nameTooLong`).
 */
export function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').replace(/^[.\s]+/, '_');
}

/**
 * ext4 and APFS take a file name of at most 255 bytes of UTF-8 (a Chinese
 * character is 3); NTFS 255 UTF-16 units, which such a name never passes.
 */
const MAX_NAME_BYTES = 255;

/** Why a file system would refuse this name, in Chinese, or null. */
export function nameTooLong(name: string): string | null {
  const bytes = Buffer.byteLength(name, 'utf8');
  return bytes > MAX_NAME_BYTES ? `文件名「${name}」有 ${bytes} 字节，超过文件名的上限 ${MAX_NAME_BYTES} 字节` : null;
}

/** `修武县2023年6月行政复议工作问题台账.xlsx`: the month in the name lets a checker find it. */
export function filledName(def: FormDefinition<any>, data: Record<string, any>, ext: string): string {
  return safeName(`${data.unit}${data.period ? formatPeriodCn(data.period) : ''}${def.name}.${ext}`);
}

export function blankName(def: FormDefinition<any>, unit: string | undefined): string {
  return safeName(`${titleFor(def.layout, unit ?? def.layout.placeholder)}（空白表）.xlsx`);
}

/**
 * An output there already, made from these very inputs (the digest in its
 * metadata is `digest`, see `outputDigest`), needs no writing again.
 */
export async function upToDate(output: string, digest: string): Promise<boolean> {
  return (await digestOf(output)) === digest;
}

/** Write into the output folder, atomically; returns the path written. A name too long is a `Refusal` (`output.name-too-long`). */
export async function writeOutput(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const tooLong = nameTooLong(name);
  if (tooLong) throw new Refusal('output.name-too-long', `${tooLong}，未写入`);
  // Not from the package's index, which loads exceljs: a child making PDFs alone never needs it.
  const { writeFileAtomic } = await import('@tianbao/xlsx/atomic');
  const path = join(dir, name);
  // A rename replaces whatever has the name: only a regular file may be replaced, never a folder, a device or a FIFO.
  const there = lstatOrNull(path);
  if (there && !there.isFile()) throw new Refusal('output.not-file', `「${path}」已存在且不是普通文件（如文件夹、设备或管道），未写入；请换一个输出名称`);
  await writeFileAtomic(path, bytes);
  return path;
}

/**
 * An output named on the command line (`-o`, `--xlsx`) that is one of the
 * run's inputs is a usage error: writing it would replace a submission.
 */
export function notAnInput(output: string, inputs: readonly string[]): void {
  const out = statOrNull(output);
  for (const input of inputs) {
    const it = statOrNull(input);
    if (out && it && out.dev === it.dev && out.ino === it.ino) throw new UsageError(`输出文件「${output}」就是输入文件「${input}」，写入会覆盖它；请换一个输出名称`);
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    // No exception made for a name not there, the usual case.
    return lstatSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
