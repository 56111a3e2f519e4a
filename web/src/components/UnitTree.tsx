// Searchable organisation tree, shared by the public portal and the back office.
import { SearchOutlined } from "@ant-design/icons";
import { Empty, Input, Tree, type TreeDataNode } from "antd";
import { type Key, type ReactNode, useEffect, useId, useMemo, useState } from "react";
import type { PublicUnit } from "../api/types";
import { useT } from "../i18n";
import { AbolishedTag, LevelTag } from "./UnitTags";
import {
  ancestorIds,
  buildUnitTree,
  filterUnitTree,
  isAbolished,
  topLevelIds,
  type UnitNode,
} from "./unitTree";

interface Props {
  units: readonly PublicUnit[];
  selectedId?: string | null;
  onSelect?: (id: string) => void;
  testId?: string;
}

function UnitTitle({ unit, successorName }: { unit: PublicUnit; successorName: string | undefined }) {
  const t = useT();
  const abolished = isAbolished(unit);
  return (
    <span className={abolished ? "unit-title unit-title--abolished" : "unit-title"}>
      <span className="unit-title__name">{unit.name}</span>{" "}
      <span className="unit-title__code">{unit.code}</span> <LevelTag level={unit.level} />
      {abolished && <AbolishedTag />}
      {successorName && (
        <span className="unit-title__successor">{t("units.successor", { name: successorName })}</span>
      )}
    </span>
  );
}

function toTreeData(nodes: UnitNode[], names: Map<string, string>): TreeDataNode[] {
  return nodes.map((node) => {
    const title: ReactNode = (
      <UnitTitle
        key={node.unit.id}
        unit={node.unit}
        successorName={node.unit.successorId ? names.get(node.unit.successorId) : undefined}
      />
    );
    return { key: node.unit.id, title, children: toTreeData(node.children, names) };
  });
}

export function UnitTree({ units, selectedId, onSelect, testId }: Props) {
  const t = useT();
  const searchId = useId();
  const [query, setQuery] = useState("");
  const tree = useMemo(() => buildUnitTree(units), [units]);
  const names = useMemo(() => new Map(units.map((unit) => [unit.id, unit.name])), [units]);
  const filtered = useMemo(() => filterUnitTree(tree, query), [tree, query]);
  const treeData = useMemo(() => toTreeData(filtered.roots, names), [filtered, names]);
  const [expanded, setExpanded] = useState<Key[]>([]);

  useEffect(() => {
    setExpanded(query.trim() ? filtered.expanded : topLevelIds(filtered.roots));
  }, [filtered, query]);

  // Keep the selected unit visible, e.g. when it comes from the URL.
  useEffect(() => {
    if (!selectedId) return;
    const ancestors = ancestorIds(units, selectedId);
    if (ancestors.length > 0) setExpanded((keys) => [...new Set([...keys, ...ancestors])]);
  }, [selectedId, units]);

  return (
    <div className="unit-tree">
      <label htmlFor={searchId} className="field-label">
        {t("units.search")}
      </label>
      <Input
        id={searchId}
        type="search"
        prefix={<SearchOutlined aria-hidden />}
        allowClear
        placeholder={t("units.searchPlaceholder")}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        className="unit-tree__search"
      />
      {treeData.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={query.trim() ? t("units.noMatch", { query: query.trim() }) : t("units.empty")}
        />
      ) : (
        <Tree
          aria-label={t("units.treeLabel")}
          data-testid={testId}
          blockNode
          showLine
          treeData={treeData}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys)}
          selectable={Boolean(onSelect)}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => {
            const key = keys[0];
            if (key !== undefined) onSelect?.(String(key));
          }}
          height={units.length > 500 ? 560 : undefined}
        />
      )}
    </div>
  );
}
