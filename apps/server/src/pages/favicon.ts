// The icon a browser asks for on every page (`/favicon.ico`): a small table, white on the portal's red.

const SIZE = 16;
const RED = [0x9b, 0x1c, 0x1c];
const WHITE = [0xff, 0xff, 0xff];

/** The colour of the pixel at (x, y), from the top left; null where the icon is clear (its rounded corners). */
function pixel(x: number, y: number): number[] | null {
  const edge = (n: number) => n === 0 || n === SIZE - 1;
  if (edge(x) && edge(y)) return null;
  // A sheet of three rows and two columns: its frame, two rules across and one down.
  const inside = x >= 3 && x <= 12 && y >= 3 && y <= 12;
  const rule = [3, 6, 9, 12].includes(y) || [3, 6, 12].includes(x);
  return inside && rule ? WHITE : RED;
}

/** An ICO file of one 16 × 16 image, 32 bits a pixel: its directory, the bitmap's header, the pixels bottom row first, and a mask left clear. */
function icon(): Buffer {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const colour = pixel(x, y);
      const [r, g, b] = colour ?? [0, 0, 0];
      pixels.set([b!, g!, r!, colour ? 0xff : 0], ((SIZE - 1 - y) * SIZE + x) * 4);
    }
  // One bit a pixel, each row padded to 4 bytes: all 0, the alpha says what is clear.
  const mask = Buffer.alloc(SIZE * 4);
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(SIZE, 4);
  // The height of the pixels and the mask together.
  header.writeInt32LE(SIZE * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(pixels.length + mask.length, 20);
  const directory = Buffer.alloc(22);
  directory.writeUInt16LE(1, 2);
  directory.writeUInt16LE(1, 4);
  directory.set([SIZE, SIZE, 0, 0], 6);
  directory.writeUInt16LE(1, 10);
  directory.writeUInt16LE(32, 12);
  directory.writeUInt32LE(header.length + pixels.length + mask.length, 14);
  directory.writeUInt32LE(directory.length, 18);
  return Buffer.concat([directory, header, pixels, mask]);
}

export const FAVICON = icon();
