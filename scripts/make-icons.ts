/**
 * Draws the app's PNG icons and favicon.ico from public/icons/icon.svg, with the Debian Chromium the
 * browser tests use (nothing is downloaded). Run after changing the SVG: `npx tsx scripts/make-icons.ts`.
 * The results are committed (public/icons/*.png, public/favicon.ico), so builds need no browser.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");
const svg = fs.readFileSync(path.join(root, "public/icons/icon.svg"), "utf8");

/** Sizes: the manifest's 192 and 512 (and a maskable 512 with a safe margin), Apple's 180, the favicon's 32 and 16. */
const PNGS: { name: string; size: number; padding?: number }[] = [
  { name: "icon-192.png", size: 192 },
  { name: "icon-512.png", size: 512 },
  { name: "icon-maskable-512.png", size: 512, padding: 0.1 },
  { name: "apple-touch-icon.png", size: 180 },
  { name: "favicon-32.png", size: 32 },
  { name: "favicon-16.png", size: 16 },
];

/** An .ico holding PNG images (allowed since Windows Vista; every browser reads it). */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

async function main() {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage();
  const out = new Map<string, Buffer>();
  for (const { name, size, padding = 0 } of PNGS) {
    await page.setViewportSize({ width: size, height: size });
    const inner = Math.round(size * (1 - 2 * padding));
    const body = padding ? `<div style="width:${size}px;height:${size}px;background:#0f4c5c;display:grid;place-items:center">${svg.replace("<svg ", `<svg width="${inner}" height="${inner}" `)}</div>` : svg.replace("<svg ", `<svg width="${size}" height="${size}" `);
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${body}</body></html>`);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    out.set(name, png);
    fs.writeFileSync(path.join(root, "public/icons", name), png);
  }
  fs.writeFileSync(path.join(root, "public/favicon.ico"), ico([16, 32].map((s) => ({ size: s, png: out.get(`favicon-${s}.png`)! }))));
  await browser.close();
}

void main();
