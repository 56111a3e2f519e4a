// `--name value` pairs of a command line (npx motcua …): strict, so a mistyped flag is an error
// instead of being silently ignored.

/** Parses `--name value` pairs; an unknown flag, a repeated one or a missing value is an error. */
export function parseFlags(
  args: readonly string[],
  allowed: ReadonlySet<string>,
): { flags: Record<string, string>; error?: string } {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]!;
    const value = args[i + 1];
    if (!name.startsWith("--") || !allowed.has(name.slice(2)))
      return { flags, error: `unknown argument ${name}` };
    if (value === undefined || value.startsWith("--")) return { flags, error: `${name} needs a value` };
    if (name.slice(2) in flags) return { flags, error: `${name} given twice` };
    flags[name.slice(2)] = value;
  }
  return { flags };
}
