// Builds the organisation tree from the flat unit list (parentId links) and filters it by a
// diacritic-insensitive query, so "ha noi" finds "Hà Nội".
import type { PublicUnit } from "../api/types";

export interface UnitNode {
  unit: PublicUnit;
  children: UnitNode[];
}

const levelOrder: Record<PublicUnit["level"], number> = { province: 0, district: 1, commune: 2 };

function compareUnits(a: UnitNode, b: UnitNode): number {
  return (
    levelOrder[a.unit.level] - levelOrder[b.unit.level] ||
    a.unit.name.localeCompare(b.unit.name, "vi") ||
    a.unit.code.localeCompare(b.unit.code)
  );
}

/** Units whose parent is missing from the list (e.g. not visible) become roots. */
export function buildUnitTree(units: readonly PublicUnit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>(units.map((unit) => [unit.id, { unit, children: [] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: UnitNode[]) => {
    list.sort(compareUnits);
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .trim();
}

/** Keeps matching units and their ancestors; returns the ids to expand so matches are visible. */
export function filterUnitTree(roots: UnitNode[], query: string): { roots: UnitNode[]; expanded: string[] } {
  const needle = foldText(query);
  if (!needle) return { roots, expanded: [] };
  const expanded: string[] = [];
  const visit = (node: UnitNode): UnitNode | null => {
    const children = node.children.map(visit).filter((child): child is UnitNode => child !== null);
    const matches = foldText(node.unit.name).includes(needle) || foldText(node.unit.code).includes(needle);
    if (!matches && children.length === 0) return null;
    if (children.length > 0) expanded.push(node.unit.id);
    return { unit: node.unit, children };
  };
  return { roots: roots.map(visit).filter((node): node is UnitNode => node !== null), expanded };
}

/** A unit has been abolished or merged once its validTo (the last day in force, inclusive) has passed. */
export function isAbolished(unit: Pick<PublicUnit, "validTo">, today = todayIso()): boolean {
  return unit.validTo !== null && unit.validTo < today;
}

export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function topLevelIds(roots: readonly UnitNode[]): string[] {
  return roots.map((node) => node.unit.id);
}

/** Ids of the ancestors of a unit, nearest first; stops on a missing parent or a cycle. */
export function ancestorIds(units: readonly PublicUnit[], id: string): string[] {
  const parents = new Map(units.map((unit) => [unit.id, unit.parentId]));
  const result: string[] = [];
  let current = parents.get(id) ?? null;
  while (current && !result.includes(current)) {
    result.push(current);
    current = parents.get(current) ?? null;
  }
  return result;
}
