import * as fs from 'fs';
import * as path from 'path';
import { BadInput, thrownBy } from './table';
import { EdgeFleet, EdgeInventory, Fleet } from '../../lib';
import { tempDir } from '../support/synth';

const HEADER = 'name,arch,nodes,connectivity,label:region';
const csv = (text: string) => () => EdgeInventory.fromCsv(text, 'stores.csv');
const json = (text: string) => () => EdgeInventory.fromJson(text, 'stores.json');
const loaded = (file: string, text: string) => () => {
  const full = path.join(tempDir(), file);
  fs.writeFileSync(full, text);
  new EdgeFleet(new Fleet(), 'stores', { inventory: EdgeInventory.fromFile(full) });
};

const CSV: BadInput[] = [
  ['an unterminated quote', csv(`${HEADER}\n"store-1,arm64,1,always,eu`),
    /edge inventory 'stores\.csv' line 2, column 1 \(name\): the quote opened at character 1 is never closed \(quoted values cannot span lines\)/],
  ['a quote in the middle of a cell', csv(`${HEADER}\nsto"re-1,arm64,1,always,eu`), /edge inventory 'stores\.csv' line 2, column 1 \(name\): stray '"' at character 4; quote the whole cell/],
  ['text after a closing quote', csv(`${HEADER}\nstore-1,"arm64"x,1,always,eu`), /line 2, column 2 \(arch\): text after the closing quote at character 16; put a ',' after the quoted value/],
  ['a duplicate header', csv('name,arch,name\nstore-1,arm64,store-2'), /edge inventory 'stores\.csv' line 1, column 3 \(name\): column 'name' is repeated \(also column 1\); each column may appear once/],
  ['a duplicate label column', csv('name,label:region,label:region\nstore-1,eu,us'), /line 1, column 3 \(label:region\): column 'label:region' is repeated/],
  ['an unknown column', csv('name,regoin\nstore-1,eu'), /line 1, column 2 \(regoin\): unknown column 'regoin'; use name, arch, nodes/],
  ['no name column', csv('arch\narm64'), /edge inventory 'stores\.csv' line 1, column 0: the header row needs a 'name' column \(got arch\)/],
  ['a row with more cells than the header', csv(`${HEADER}\nstore-1,arm64,1,always,eu,extra`), /line 2, column 6: has 6 cells; the header has 5/],
  ['a site name with a space', csv(`${HEADER}\nstore 1,arm64,1,always,eu`), /line 2, column 1 \(name\): "store 1" is not a DNS-1123 site name/],
  ['an architecture outside the enum', csv(`${HEADER}\nstore-1,x86,1,always,eu`), /line 2, column 2 \(arch\): "x86" is not an architecture; use amd64 or arm64/],
  ['a node count in words', csv(`${HEADER}\nstore-1,arm64,three,always,eu`), /line 2, column 3 \(nodes\): "three" is not a whole number ≥ 1/],
  ['zero nodes', csv(`${HEADER}\nstore-1,arm64,0,always,eu`), /line 2, column 3 \(nodes\): "0" is not a whole number ≥ 1/],
  ['a connectivity outside the enum', csv(`${HEADER}\nstore-1,arm64,1,sometimes,eu`), /line 2, column 4 \(connectivity\): "sometimes" is not a connectivity; use always or intermittent/],
  ['a label value with a space', csv(`${HEADER}\nstore-1,arm64,1,always,eu west`), /line 2, column 5 \(label:region\): "eu west" is not a label value/],
  ['a label column that is not a label key', csv('name,label:bad key\nstore-1,x'), /line 1, column 2 \(label:bad key\): 'label:bad key' does not name a Kubernetes label key/],
  ['a k3s channel the site rejects names the file and line', loaded('stores.csv', 'name,k3s_channel\nstore-1,stable\nstore-2,newest\n'),
    /edgeSite 'fleet\/stores\/store-2': k3sChannel 'newest' is not a k3s channel.*\(from edge inventory 'stores\.csv' line 3\)/],
  ['a registry mirror given as a URL names the file and line', loaded('stores.csv', 'name,registry_mirror\nstore-1,https://mirror\n'),
    /registryMirror 'https:\/\/mirror' must be a registry host.*\(from edge inventory 'stores\.csv' line 2\)/],
];

const JSON_INVENTORIES: BadInput[] = [
  ['malformed JSON', json('[{"name": "store-1",}]'), /edge inventory 'stores\.json' line 1, column 21: not valid JSON/],
  ['an object instead of a list', json('{"name": "store-1"}'), /edge inventory 'stores\.json': expected a JSON array of sites, got \{"name":"store-1"\}/],
  ['an entry that is not an object', json('[\n  "store-1"\n]'), /edge inventory 'stores\.json' line 2, column 3 \(entry 0\): 'store-1' is not a site object/],
  ['an entry without a name', json('[{"name": "store-1"},\n {"arch": "arm64"}]'), /line 2, column 2 \(entry 1\): name \(missing\) must be a string; every site needs one/],
  ['a name that is a number', json('[{"name": 7}]'), /line 1, column 3 \(entry 0\): name 7 must be a string/],
  ['an unknown field', json('[\n  {"name": "store-1",\n   "registrymirror": "mirror.local"}\n]'),
    /edge inventory 'stores\.json' line 3, column 4 \(entry 0, site 'store-1'\): unknown field 'registrymirror' \(did you mean 'registryMirror'\?\); fields: name, labels, arch/],
  ['an unknown field far from any', json('[{"name": "store-1", "owner": "bob"}]'), /line 1, column 22 \(entry 0, site 'store-1'\): unknown field 'owner'; fields: name, labels/],
  ['an unknown GPU field', json('[{"name": "store-1", "gpu": {"cnt": 1}}]'), /line 1, column 22 \(entry 0, site 'store-1'\): gpu \{"cnt":1\} must be an object with 'count' and\/or 'model'/],
  ['labels as a list', json('[{"name": "store-1", "labels": ["eu"]}]'), /\(entry 0, site 'store-1'\): labels \["eu"\] must be an object of label → value/],
  ['a node count as a string names the file and line', loaded('stores.json', '[\n  {"name": "store-1"},\n  {"name": "store-2", "nodes": "3"}\n]'),
    /edgeSite 'fleet\/stores\/store-2': nodes '3' must be a whole number ≥ 1 \(from edge inventory 'stores\.json' line 3 \(entry 1\)\)/],
  ['an unreadable file', () => EdgeInventory.fromFile(path.join(tempDir(), 'missing.csv')), /edge inventory 'missing\.csv': cannot be read \(ENOENT/],
];

describe('inventories are parsed strictly, with file, line and column', () => {
  test.each(CSV)('CSV: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
  test.each(JSON_INVENTORIES)('JSON: %s', (_d, build, expected) => expect(thrownBy(build).message).toMatch(expected));
});
