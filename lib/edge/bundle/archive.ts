import * as zlib from 'zlib';

const BLOCK = 512;

/**
 * A deterministic `.tar.gz` of a bundle: POSIX ustar entries under `<root>/`, sorted,
 * with fixed mode, owner (0/0), and mtime (0), gzip'd with a zeroed header time and
 * the "unknown" OS byte, so the same bundle gives the same bytes on any machine.
 */
export function tarGz(root: string, bundle: Map<string, string>): Buffer {
  const names = [...bundle.keys()].sort();
  const dirs = new Set<string>([`${root}/`]);
  for (const name of names) {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(`${root}/${parts.slice(0, i).join('/')}/`);
  }
  const blocks: Buffer[] = [];
  for (const dir of [...dirs].sort()) blocks.push(header(dir, 0, 0o755, '5'));
  for (const name of names) {
    const data = Buffer.from(bundle.get(name)!, 'utf8');
    blocks.push(header(`${root}/${name}`, data.length, 0o644, '0'), data);
    const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (pad > 0) blocks.push(Buffer.alloc(pad));
  }
  blocks.push(Buffer.alloc(BLOCK * 2));
  const gz = zlib.gzipSync(Buffer.concat(blocks), { level: 9 });
  gz[9] = 255; // OS: unknown (zlib writes the build platform's code)
  return gz;
}

function header(name: string, size: number, mode: number, type: string): Buffer {
  const h = Buffer.alloc(BLOCK);
  let path = name;
  let prefix = '';
  if (Buffer.byteLength(path) > 100) {
    const cut = path.lastIndexOf('/', path.length - 2);
    prefix = path.slice(0, cut);
    path = path.slice(cut + 1);
  }
  h.write(path, 0, 100, 'utf8');
  octal(h, 100, 8, mode);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, size);
  octal(h, 136, 12, 0);
  h.write('        ', 148, 8, 'ascii');
  h.write(type, 156, 1, 'ascii');
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  h.write('root', 265, 32, 'ascii');
  h.write('root', 297, 32, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return h;
}

function octal(h: Buffer, offset: number, length: number, value: number): void {
  h.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'ascii');
}
