/** One element as found in the text: its attribute text and its content (empty for `<x/>`). */
export interface Element {
  attrs: string;
  body: string;
}

/** Elements named `name`, with any namespace prefix (`<row>`, `<x:row>`), in one string. */
export function elementPattern(name: string): RegExp {
  return new RegExp(`<(?:[\\w.-]+:)?${name}(\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>)`, 'g');
}

/** Every element named `name` in a string. */
export function* elements(xml: string, name: string): Generator<Element> {
  const re = elementPattern(name);
  for (let m = re.exec(xml); m; m = re.exec(xml)) yield { attrs: m[1] ?? '', body: m[2] ?? '' };
}

/**
 * Every element named `name` in text that arrives in chunks, each as soon as
 * it is whole; only the unfinished end is carried to the next chunk.
 */
export async function* streamElements(chunks: AsyncIterable<string>, name: string): AsyncGenerator<Element> {
  const re = elementPattern(name);
  let pending = '';
  for await (const chunk of chunks) {
    pending = pending ? pending + chunk : chunk;
    re.lastIndex = 0;
    let used = 0;
    for (let m = re.exec(pending); m; m = re.exec(pending)) {
      used = re.lastIndex;
      yield { attrs: m[1] ?? '', body: m[2] ?? '' };
    }
    pending = pending.slice(used);
  }
}
