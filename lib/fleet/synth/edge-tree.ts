import { IConstruct } from 'constructs';
import { ErrorCode } from '../../core/error-codes';
import { FleetValidationError } from '../../core/errors';
import { tagsAt } from '../../core/tags';
import { FleetWarning } from '../../core/warnings';
import type { EdgeObject, EdgeRender } from '../../edge/bundle/render-edge-fleet';
import { EdgeFleet } from '../../edge/edge-fleet';

/** The `edge/`, `edge-archives/` and `gitops/` parts of the output. */
export interface EdgeTree {
  readonly files: Map<string, string | Buffer>;
  readonly sites: EdgeRender['sites'];
  readonly objects: EdgeObject[];
  readonly warnings: FleetWarning[];
}

/**
 * Renders every edge fleet of the tree, handing bundle files to `sink` as they are made
 * (or returning them when there is none). Fleets without edge sites load none of the
 * edge rendering code. Site names must be unique across edge fleets (one `edge/<site>/` each).
 */
export function edgeTree(root: IConstruct, sink?: (file: string, content: string | Buffer) => void): EdgeTree {
  const fleets = root.node.findAll().filter((c): c is EdgeFleet => c instanceof EdgeFleet);
  const tree: EdgeTree = { files: new Map(), sites: {}, objects: [], warnings: [] };
  if (fleets.length === 0) return tree;
  const owner = new Map<string, string>();
  for (const fleet of fleets) {
    for (const site of fleet.sites) {
      const other = owner.get(site.siteName);
      if (other) {
        throw new FleetValidationError(`edgeSite '${site.node.path}': site name '${site.siteName}' is also used in '${other}'; `
          + 'site names must be unique in a fleet because each gets edge/<name>/', site.node.path, ErrorCode.DUPLICATE);
      }
      owner.set(site.siteName, fleet.node.path);
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderEdgeFleet }: typeof import('../../edge/bundle/render-edge-fleet') = require('../../edge/bundle/render-edge-fleet');
  for (const fleet of fleets) {
    const rendered = renderEdgeFleet(fleet, tagsAt(fleet), true, sink);
    for (const [file, content] of rendered.files) tree.files.set(file, content);
    Object.assign(tree.sites, rendered.sites);
    for (const o of rendered.objects) tree.objects.push(o);
    tree.warnings.push(...rendered.warnings);
  }
  return tree;
}
