import * as fs from 'fs';
import * as path from 'path';
import { CpuArch, EdgeSiteProps, SiteConnectivity } from './edge-options';
import { ErrorCode } from '../core/error-codes';
import { FleetValidationError, nearMatches, show } from '../core/errors';
import { jsonErrorOffset } from '../core/json-error-position';
import { lineAndColumn, locateArrayElements } from '../core/json-locations';
import { dns1123LabelProblem, labelKeyProblem, labelValueProblem } from '../core/names';

const COLUMNS = ['name', 'arch', 'nodes', 'servers', 'gpus', 'gpu_model', 'connectivity', 'registry_mirror', 'k3s_channel'];
const LABEL_PREFIX = 'label:';
/** The fields of a site in a JSON inventory (EdgeSiteProps). */
const SITE_FIELDS = ['name', 'labels', 'arch', 'nodes', 'servers', 'gpu', 'connectivity', 'registryMirror', 'k3sChannel'];

/**
 * A list of edge sites read from an inventory file.
 *
 * CSV: a header row, then one site per row. Columns (only `name` is required):
 * `name`, `arch` (amd64|arm64), `nodes`, `servers`, `gpus`, `gpu_model`,
 * `connectivity` (always|intermittent), `registry_mirror`, `k3s_channel`, and one
 * `label:<key>` column per site label (e.g. `label:region`). Empty cells take the default.
 *
 * JSON: an array of `EdgeSiteProps` objects.
 *
 * A bad row fails with the file, line and column; nothing is synthesized.
 */
export class EdgeInventory {
  /** Reads a `.csv` or `.json` inventory file. */
  public static fromFile(file: string): EdgeInventory {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new FleetValidationError(`edge inventory '${path.basename(file)}': cannot be read (${(e as Error).message})`, '', ErrorCode.INVENTORY);
    }
    const source = path.basename(file);
    return file.toLowerCase().endsWith('.json') ? EdgeInventory.fromJson(text, source) : EdgeInventory.fromCsv(text, source);
  }

  /**
   * Parses CSV text.
   * @param text the CSV
   * @param source name used in error messages
   */
  public static fromCsv(text: string, source: string = 'inventory.csv'): EdgeInventory {
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    let header: string[] = [];
    const fail = (line: number, column: number, detail: string): never => {
      const name = column > 0 && header[column - 1] !== undefined ? ` (${header[column - 1]})` : '';
      throw new FleetValidationError(`edge inventory '${source}' line ${line}, column ${column}${name}: ${detail}`, '', ErrorCode.INVENTORY);
    };
    const split = (line: string, lineNo: number): string[] => {
      const result = splitCsvLine(line);
      if (!Array.isArray(result)) return fail(lineNo, result.cell, result.detail);
      return result;
    };
    header = split(lines[0] ?? '', 1).map(h => h.trim());
    header.forEach((h, i) => {
      const first = header.indexOf(h);
      if (first !== i) fail(1, i + 1, `column '${h}' is repeated (also column ${first + 1}); each column may appear once`);
      if (!COLUMNS.includes(h) && !h.startsWith(LABEL_PREFIX)) fail(1, i + 1, `unknown column '${h}'; use ${COLUMNS.join(', ')} or '${LABEL_PREFIX}<key>'`);
      if (h.startsWith(LABEL_PREFIX) && labelKeyProblem(h.slice(LABEL_PREFIX.length))) {
        fail(1, i + 1, `'${h}' does not name a Kubernetes label key: ${labelKeyProblem(h.slice(LABEL_PREFIX.length))}`);
      }
    });
    if (!header.includes('name')) fail(1, 0, `the header row needs a 'name' column (got ${header.join(', ') || 'nothing'})`);
    const sites: EdgeSiteProps[] = [];
    const origins: string[] = [];
    lines.forEach((raw, index) => {
      if (index === 0 || raw.trim() === '' || raw.startsWith('#')) return;
      const lineNo = index + 1;
      const cells = split(raw, lineNo);
      if (cells.length !== header.length) fail(lineNo, Math.min(cells.length, header.length) + 1, `has ${cells.length} cells; the header has ${header.length}`);
      const site: Record<string, any> = {};
      const labels: Record<string, string> = {};
      cells.forEach((cell, i) => {
        const value = cell.trim();
        const column = header[i];
        if (value === '') return;
        const bad = (detail: string): never => fail(lineNo, i + 1, `${JSON.stringify(value)} ${detail}`);
        if (column.startsWith(LABEL_PREFIX)) {
          const problem = labelValueProblem(value);
          if (problem) bad(`is not a label value: ${problem}`);
          labels[column.slice(LABEL_PREFIX.length)] = value;
        } else if (column === 'name') {
          const problem = dns1123LabelProblem(value);
          if (problem) bad(`is not a DNS-1123 site name: ${problem}`);
          site.name = value;
        } else if (column === 'arch') {
          if (!Object.values<string>(CpuArch).includes(value)) bad(`is not an architecture; use ${Object.values(CpuArch).join(' or ')}`);
          site.arch = value;
        } else if (column === 'connectivity') {
          if (!Object.values<string>(SiteConnectivity).includes(value)) bad(`is not a connectivity; use ${Object.values(SiteConnectivity).join(' or ')}`);
          site.connectivity = value;
        } else if (['nodes', 'servers', 'gpus'].includes(column)) {
          if (!/^\d+$/.test(value) || Number(value) < (column === 'gpus' ? 0 : 1)) bad(`is not a whole number${column === 'gpus' ? '' : ' ≥ 1'}`);
          if (column === 'gpus') site.gpuCount = Number(value);
          else site[column] = Number(value);
        } else if (column === 'gpu_model') {
          site.gpuModel = value;
        } else if (column === 'registry_mirror') {
          site.registryMirror = value;
        } else if (column === 'k3s_channel') {
          site.k3sChannel = value;
        }
      });
      if (site.name === undefined) fail(lineNo, header.indexOf('name') + 1, 'the site has no name');
      const { gpuCount, gpuModel, ...rest } = site;
      origins.push(`line ${lineNo}`);
      sites.push({
        ...rest,
        ...(Object.keys(labels).length > 0 ? { labels } : {}),
        ...(gpuCount ? { gpu: { count: gpuCount, ...(gpuModel ? { model: gpuModel } : {}) } } : {}),
      } as EdgeSiteProps);
    });
    return new EdgeInventory(sites, source, origins);
  }

  /**
   * Parses JSON text: an array of site objects (`EdgeSiteProps`).
   * @param text the JSON
   * @param source name used in error messages
   */
  public static fromJson(text: string, source: string = 'inventory.json'): EdgeInventory {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      const where = errorPosition(text);
      throw new FleetValidationError(`edge inventory '${source}'${where}: not valid JSON (${(e as Error).message})`, '', ErrorCode.INVENTORY);
    }
    if (!Array.isArray(parsed)) throw new FleetValidationError(`edge inventory '${source}': expected a JSON array of sites, got ${show(parsed)}`, '', ErrorCode.INVENTORY);
    const located = locateArrayElements(text);
    parsed.forEach((entry, i) => {
      const at = (offset: number | undefined) => {
        const { line, column } = lineAndColumn(text, offset ?? located[i]?.offset ?? 0);
        return `edge inventory '${source}' line ${line}, column ${column} (entry ${i}${typeof entry?.name === 'string' ? `, site '${entry.name}'` : ''})`;
      };
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        throw new FleetValidationError(`${at(undefined)}: ${show(entry)} is not a site object (e.g. { "name": "store-1" })`, '', ErrorCode.INVENTORY);
      }
      if (typeof entry.name !== 'string') throw new FleetValidationError(`${at(located[i]?.keys.get('name'))}: name ${show(entry.name)} must be a string; every site needs one`, '', ErrorCode.INVENTORY);
      for (const key of Object.keys(entry)) {
        if (SITE_FIELDS.includes(key)) continue;
        const near = nearMatches(key, SITE_FIELDS);
        throw new FleetValidationError(`${at(located[i]?.keys.get(key))}: unknown field ${show(key)}` +
          `${near.length > 0 ? ` (did you mean ${near.map(n => `'${n}'`).join(', ')}?)` : ''}; fields: ${SITE_FIELDS.join(', ')}`, '', ErrorCode.INVENTORY);
      }
      const gpu = entry.gpu;
      if (gpu !== undefined && (gpu === null || typeof gpu !== 'object' || Object.keys(gpu).some(k => !['count', 'model'].includes(k)))) {
        throw new FleetValidationError(`${at(located[i]?.keys.get('gpu'))}: gpu ${show(gpu)} must be an object with 'count' and/or 'model'`, '', ErrorCode.INVENTORY);
      }
      if (entry.labels !== undefined && (entry.labels === null || typeof entry.labels !== 'object' || Array.isArray(entry.labels))) {
        throw new FleetValidationError(`${at(located[i]?.keys.get('labels'))}: labels ${show(entry.labels)} must be an object of label → value`, '', ErrorCode.INVENTORY);
      }
    });
    const origins = parsed.map((_, i) => `line ${lineAndColumn(text, located[i]?.offset ?? 0).line} (entry ${i})`);
    return new EdgeInventory(parsed as EdgeSiteProps[], source, origins);
  }

  /** The sites, in file order. */
  public readonly sites: EdgeSiteProps[];
  /** The inventory's name in messages (the file's base name). */
  public readonly source: string;

  /**
   * Where each site was read from (e.g. `line 3`), for messages about its values.
   * @internal
   */
  public readonly _origins: string[];

  private constructor(sites: EdgeSiteProps[], source: string, origins: string[]) {
    this.sites = sites;
    this.source = source;
    this._origins = origins;
  }
}

/** Splits one CSV line; double-quoted cells may hold commas and doubled quotes. */
/**
 * Splits one CSV line (RFC 4180 quoting; a quoted cell cannot span lines). Returns the
 * cells, or why the line is malformed (with the 1-based character position).
 */
function splitCsvLine(line: string): string[] | { cell: number; detail: string } {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteStart = 0;
  let closed = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') { quoted = false; closed = true; } else { cell += ch; }
    } else if (ch === ',') {
      cells.push(cell); cell = ''; closed = false;
    } else if (ch === '"' && cell.trim() === '' && !closed) {
      quoted = true; quoteStart = i + 1; cell = '';
    } else if (ch === '"') {
      return { cell: cells.length + 1, detail: `stray '"' at character ${i + 1}; quote the whole cell and double quotes inside it ("a ""b"" c")` };
    } else if (closed && ch.trim() !== '') {
      return { cell: cells.length + 1, detail: `text after the closing quote at character ${i + 1}; put a ',' after the quoted value` };
    } else {
      cell += ch;
    }
  }
  if (quoted) return { cell: cells.length + 1, detail: `the quote opened at character ${quoteStart} is never closed (quoted values cannot span lines)` };
  cells.push(cell);
  return cells;
}

/** Where JSON.parse failed, as ` line L, column C`. */
function errorPosition(text: string): string {
  const offset = jsonErrorOffset(text);
  if (offset === undefined) return '';
  const before = text.slice(0, offset).split('\n');
  return ` line ${before.length}, column ${before[before.length - 1].length + 1}`;
}
