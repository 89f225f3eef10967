import type { PartCheck } from './inspect.ts';
import type { PartScan } from './part-scan.ts';

/**
 * A sheet's part too large to be held inflated (see `STREAMED_BYTES`),
 * inflated as it is read instead of during the inspection, each chunk
 * looked through and counted (`PartCheck`) before any reader sees it. What
 * the inspection tells only at a part's end (merged ranges, whether its rows
 * stand in order, its CRC-32) is known once it has been read to its end
 * (`done`, `finish`).
 */
export class StreamedPart {
  /** Chunks inflated and looked through, kept for a reading after the one that inflated them. */
  private held: Buffer[] = [];
  /** Read for the last time: its chunks were not kept. */
  private released = false;
  private ended = false;

  constructor(
    private readonly check: PartCheck,
    private readonly source: AsyncGenerator<Buffer>,
    /** A refusal as the inspection would say it (see `refusedByName`). */
    private readonly said: (refusal: unknown) => unknown,
  ) {}

  /** What the look through the chunks inflated so far found; whole once `done`. */
  get scan(): PartScan {
    // A sheet's part is XML: looked through.
    return this.check.scan!;
  }

  get done(): boolean {
    return this.ended;
  }

  /**
   * The part's bytes from its start: the chunks inflated already, then the
   * rest as it inflates. `release`: the last reading, which keeps none of them.
   */
  async *chunks(release: boolean): AsyncGenerator<Buffer> {
    if (this.released) throw new Error('a streamed part was read again after its last reading');
    this.released = release;
    for (let i = 0; ; i++) {
      if (i >= this.held.length) {
        const chunk = await this.next();
        if (chunk === null) return;
        this.held.push(chunk);
      }
      const chunk = this.held[i]!;
      if (release) this.held[i] = EMPTY;
      yield chunk;
    }
  }

  /** Inflate what is left, looked through and counted but not kept: the part is then checked as the inspection checks one. */
  async finish(): Promise<void> {
    this.held = [];
    while ((await this.next()) !== null);
  }

  /** Stop inflating, and close the file the part is read from; a part read to its end has nothing left to close. */
  async close(): Promise<void> {
    this.held = [];
    await this.source.return(undefined);
  }

  private async next(): Promise<Buffer | null> {
    if (this.ended) return null;
    try {
      const { value, done } = await this.source.next();
      if (done) {
        this.ended = true;
        this.check.end();
        return null;
      }
      this.check.take(value);
      return value;
    } catch (e) {
      // Refused as it inflated: nothing more is inflated, nor checked at its end.
      this.ended = true;
      throw this.said(e);
    }
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * A sheet read as it inflated turned out to need what only the look through
 * all of it tells: its rows out of order, or merged ranges (found at its end)
 * over what was read. The file is read again, inspected first.
 */
export class ReadAgain extends Error {
  constructor(readonly part: string) {
    super(`${part} is to be read again, inspected first`);
  }
}
