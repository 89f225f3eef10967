/** Lookups before a function whose values seldom repeat (names, codes) stops remembering them. */
const TRIAL = 1024;

/**
 * A function's results, remembered by its argument while arguments repeat: a
 * long list's districts, rivers and choices are the same few, each read or
 * parsed once. After `TRIAL` lookups that found fewer than half (a column of
 * names, each its own) none is looked up or kept any more. At most `most`
 * results are kept; `kept` gives the key a result is kept by (a copy of a
 * string cut from a larger one, so as not to hold the larger one).
 */
export class Remembered<K, V> {
  private readonly seen = new Map<K, V>();
  private looked = 0;
  private found = 0;

  constructor(
    private readonly make: (key: K) => V,
    private readonly most: number,
    private readonly kept: (key: K) => K = (key) => key,
  ) {}

  get(key: K): V {
    if (this.looked >= TRIAL && this.found < this.looked / 2) return this.make(key);
    this.looked++;
    const known = this.seen.get(key);
    if (known !== undefined || this.seen.has(key)) {
      this.found++;
      return known as V;
    }
    const made = this.make(key);
    if (this.seen.size < this.most) this.seen.set(this.kept(key), made);
    return made;
  }
}
