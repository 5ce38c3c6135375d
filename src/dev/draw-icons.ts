/**
 * `npm run icons`: draws the Teams app icons into manifest/ — a speech bubble holding an agenda
 * (three list rows), the bot's two jobs in one picture. Teams wants a 192×192 colour icon and a
 * 32×32 outline icon that is white on transparent. Shapes are signed distance functions sampled
 * 4×4 per pixel, so edges are anti-aliased without a drawing library.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

type Rgb = readonly [number, number, number];
/** Signed distance in icon units (0..1 across the icon): negative inside. */
type Shape = (x: number, y: number) => number;

export const ACCENT = '#1F5C99';
const ACCENT_RGB: Rgb = [0x1f, 0x5c, 0x99];
const WHITE: Rgb = [255, 255, 255];

function roundedBox(cx: number, cy: number, hw: number, hh: number, r: number): Shape {
  return (x, y) => {
    const qx = Math.abs(x - cx) - hw + r;
    const qy = Math.abs(y - cy) - hh + r;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

function capsule(ax: number, ay: number, bx: number, by: number, r: number): Shape {
  return (x, y) => {
    const px = x - ax;
    const py = y - ay;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const h = len2 === 0 ? 0 : Math.min(1, Math.max(0, (px * dx + py * dy) / len2));
    return Math.hypot(px - dx * h, py - dy * h) - r;
  };
}

/** A triangle's distance, good enough inside and near the edges where it is sampled. */
function triangle(p: readonly [number, number][]): Shape {
  return (x, y) => {
    let d = Infinity;
    let inside = true;
    for (let i = 0; i < 3; i += 1) {
      const [ax, ay] = p[i]!;
      const [bx, by] = p[(i + 1) % 3]!;
      d = Math.min(d, capsule(ax, ay, bx, by, 0)(x, y));
      if ((bx - ax) * (y - ay) - (by - ay) * (x - ax) < 0) inside = false;
    }
    return inside ? -d : d;
  };
}

const union = (...shapes: Shape[]): Shape => (x, y) => Math.min(...shapes.map((s) => s(x, y)));

// The bubble and its tail, then the agenda rows: a bullet and a line each.
const bubble = union(roundedBox(0.5, 0.44, 0.34, 0.26, 0.09), triangle([[0.26, 0.62], [0.44, 0.62], [0.22, 0.84]]));
const rows = [0.33, 0.45, 0.57];
const bullets = union(...rows.map((y) => capsule(0.3, y, 0.3, y, 0.035)));
const lines = union(...rows.map((y, i) => capsule(0.4, y, i === 2 ? 0.56 : 0.7, y, 0.028)));

function render(size: number, paint: (x: number, y: number) => { rgb: Rgb; alpha: number }): Buffer {
  const png = new PNG({ width: size, height: size });
  const n = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy += 1) {
        for (let sx = 0; sx < n; sx += 1) {
          const { rgb, alpha } = paint((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          r += rgb[0] * alpha;
          g += rgb[1] * alpha;
          b += rgb[2] * alpha;
          a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      // Colour is averaged over the covered samples only, so edges keep their hue and fade by alpha.
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return PNG.sync.write(png);
}

/** 192×192: white bubble and accent rows on an accent background with rounded corners. */
export function colorIcon(): Buffer {
  const background = roundedBox(0.5, 0.5, 0.5, 0.5, 0.18);
  return render(192, (x, y) => {
    if (background(x, y) > 0) return { rgb: WHITE, alpha: 0 };
    const inRows = bullets(x, y) < 0 || lines(x, y) < 0;
    return { rgb: bubble(x, y) < 0 && !inRows ? WHITE : ACCENT_RGB, alpha: 1 };
  });
}

/** 32×32: the bubble's outline and the rows in white on transparent, as Teams requires. */
export function outlineIcon(): Buffer {
  const stroke = 0.065;
  return render(32, (x, y) => {
    const on = Math.abs(bubble(x, y)) < stroke / 2 || bullets(x, y) < 0 || lines(x, y) < 0;
    return { rgb: WHITE, alpha: on ? 1 : 0 };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = new URL('../../manifest/', import.meta.url);
  writeFileSync(new URL('color.png', dir), colorIcon());
  writeFileSync(new URL('outline.png', dir), outlineIcon());
  console.log('wrote manifest/color.png (192×192) and manifest/outline.png (32×32)');
}
