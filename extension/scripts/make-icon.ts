/**
 * Writes `assets/icon.png` (512×512 RGBA), the icon Plasmo scales into every size the manifest
 * needs. Drawn in code so the repository needs no binary download: a rounded teal square with a
 * white open plaza (a ring around a filled centre). Run with `pnpm --filter @plaza/extension icon`.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** Coverage in [0, 1] of the pixel at (x, y) by the rounded square, for soft edges. */
function roundedSquare(x: number, y: number, radius: number, inset: number): number {
  const lo = inset + radius;
  const hi = SIZE - inset - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return Math.min(1, Math.max(0, radius - Math.hypot(dx, dy) + 0.5));
}

function pixel(x: number, y: number): [number, number, number, number] {
  const cx = x + 0.5 - SIZE / 2;
  const cy = y + 0.5 - SIZE / 2;
  const alpha = roundedSquare(x + 0.5, y + 0.5, 96, 16);
  if (alpha === 0) return [0, 0, 0, 0];
  const t = (x + y) / (2 * SIZE);
  const teal: [number, number, number] = [
    Math.round(15 + 20 * t),
    Math.round(118 - 30 * t),
    Math.round(110 + 40 * t),
  ];
  const r = Math.hypot(cx, cy);
  const ring = Math.min(1, Math.max(0, 28 - Math.abs(r - 150) + 0.5));
  const centre = Math.min(1, Math.max(0, 62 - r + 0.5));
  const white = Math.max(ring, centre);
  const mix = (c: number) => Math.round(c * (1 - white) + 255 * white);
  return [mix(teal[0]), mix(teal[1]), mix(teal[2]), Math.round(255 * alpha)];
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) raw.set(pixel(x, y), row + 1 + x * 4);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', new Uint8Array()),
]);
writeFileSync(new URL('../assets/icon.png', import.meta.url), png);
console.log(`assets/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
