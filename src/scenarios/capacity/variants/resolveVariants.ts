import type { ScenarioIssue } from '../../errors.ts';
import type { EstateLibrary } from '../../parse.ts';
import type { Scenario } from '../../schema/index.ts';
import { degradedVariants } from './degradedVariants.ts';
import { applyOverrides, parseUserVariant } from './overrides.ts';
import type { Variant } from './overrides.ts';
import { mappingAt } from './rawAccess.ts';
import { validateRaw } from './rawScenario.ts';
import type { RawScenario } from './rawScenario.ts';
import { BUILTIN_WHAT_IF_NAMES, builtinWhatIf } from './whatIfVariants.ts';

/** A variant with its scenario, validated as `twin run` validates a file. */
export interface ResolvedVariant {
  readonly variant: Variant;
  readonly scenario: Scenario;
}

export interface NotApplicable {
  readonly name: string;
  readonly reason: string;
}

export interface ResolvedVariants {
  readonly whatIf: readonly ResolvedVariant[];
  readonly degraded: readonly ResolvedVariant[];
  /** Built-ins that would change nothing here, or (under `all`) that the scenario cannot take. */
  readonly notApplicable: readonly NotApplicable[];
}

export interface VariantRequest {
  /** `--what-if` values: a built-in's name, `all`, or `name:path=value,…`. */
  readonly whatIf: readonly string[];
  readonly degraded: boolean;
  /** The scenario as the user named it, to name a variant's file in an issue. */
  readonly shownAs: string;
}

type Result = { ok: true; variants: ResolvedVariants } | { ok: false; issues: ScenarioIssue[] };

function build(raw: RawScenario, variant: Variant, shownAs: string, estates: EstateLibrary) {
  const file = `${shownAs} (what-if ${variant.name})`;
  const applied = applyOverrides(raw, variant.overrides);
  if (!applied.ok)
    return {
      ok: false as const,
      issues: [
        {
          file,
          path: applied.path,
          found: 'a path through a value that is not a mapping',
          expected: 'a path into the scenario file',
        },
      ],
    };
  return validateRaw(applied.raw, file, estates);
}

/** The scenario file's `whatIf:` section (already validated with the file), by name. */
function fileVariants(raw: RawScenario): Map<string, Variant> {
  const variants = new Map<string, Variant>();
  for (const [name, changes] of Object.entries(mappingAt(raw, 'whatIf'))) {
    const overrides = Object.entries(mappingAt(changes)).map(([path, value]) => ({ path, value }));
    const description = overrides.map(({ path, value }) => `${path}=${String(value)}`).join(', ');
    variants.set(name, { name, description: `from the file: ${description}`, overrides });
  }
  return variants;
}

/** The variants asked for, in the order asked, each checked; the first bad one stops it. */
function requestedVariants(
  raw: RawScenario,
  request: VariantRequest,
): { variants: Variant[]; notApplicable: NotApplicable[]; fromAll: Set<string> } | ScenarioIssue[] {
  const variants: Variant[] = [];
  const notApplicable: NotApplicable[] = [];
  const fromAll = new Set<string>();
  const fromFile = fileVariants(raw);
  // Without --what-if the file's own variants run; with it, they can be named like built-ins.
  if (request.whatIf.length === 0) variants.push(...fromFile.values());
  for (const text of request.whatIf) {
    const named = fromFile.get(text);
    if (named !== undefined) {
      variants.push(named);
      continue;
    }
    const all = text === 'all';
    const names = all ? BUILTIN_WHAT_IF_NAMES : [text];
    for (const name of names) {
      const builtin = builtinWhatIf(name, raw);
      if (builtin !== undefined) {
        if (builtin.ok) variants.push(builtin.variant);
        else notApplicable.push({ name: builtin.name, reason: builtin.reason });
        if (all) fromAll.add(name);
        continue;
      }
      const user = parseUserVariant(text);
      if (!user.ok)
        return [
          {
            file: '--what-if',
            path: '',
            found: `"${text}"`,
            expected: `${user.expected}: ${BUILTIN_WHAT_IF_NAMES.join(', ')}, or all`,
          },
        ];
      variants.push(user.variant);
    }
  }
  const seen = new Set<string>();
  for (const variant of variants) {
    if (seen.has(variant.name))
      return [
        {
          file: '--what-if',
          path: '',
          found: `"${variant.name}" twice`,
          expected: 'each variant named once',
        },
      ];
    seen.add(variant.name);
  }
  return { variants, notApplicable, fromAll };
}

export function resolveVariants(raw: RawScenario, request: VariantRequest, estates: EstateLibrary): Result {
  const requested = requestedVariants(raw, request);
  if (Array.isArray(requested)) return { ok: false, issues: requested };
  const notApplicable = [...requested.notApplicable];
  const whatIf: ResolvedVariant[] = [];
  for (const variant of requested.variants) {
    const built = build(raw, variant, request.shownAs, estates);
    if (built.ok) whatIf.push({ variant, scenario: built.scenario });
    else if (requested.fromAll.has(variant.name))
      notApplicable.push({
        name: variant.name,
        reason: `${built.issues[0]?.path}: ${built.issues[0]?.expected}`,
      });
    else return { ok: false, issues: built.issues };
  }
  const degraded: ResolvedVariant[] = [];
  for (const variant of request.degraded ? degradedVariants(raw) : []) {
    const built = build(raw, variant, request.shownAs, estates);
    if (built.ok) degraded.push({ variant, scenario: built.scenario });
    else
      notApplicable.push({
        name: variant.name,
        reason: `${built.issues[0]?.path}: ${built.issues[0]?.expected}`,
      });
  }
  return { ok: true, variants: { whatIf, degraded, notApplicable } };
}
