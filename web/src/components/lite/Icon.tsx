// An Ant Design icon drawn from its path data (@ant-design/icons-svg), without the icon runtime
// (@ant-design/icons inserts its own stylesheet and context): the same glyphs at a few hundred bytes.
import type { IconDefinition } from "@ant-design/icons-svg/lib/types";

type Node = { tag: string; attrs: Record<string, string>; children?: Node[] };

export function Icon({ icon, className }: { icon: IconDefinition; className?: string }) {
  const svg = icon.icon as unknown as Node;
  return (
    <svg
      viewBox={svg.attrs.viewBox}
      width="1em"
      height="1em"
      fill="currentColor"
      focusable="false"
      aria-hidden="true"
      className={className ? `lite-icon ${className}` : "lite-icon"}
    >
      {(svg.children ?? []).map((child) => (
        <path key={child.attrs.d} d={child.attrs.d} />
      ))}
    </svg>
  );
}
