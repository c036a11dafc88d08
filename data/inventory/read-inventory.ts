/**
 * The inventory of what each report states (data/inventory/<report>.yaml) and how the graph holds
 * each fact. Read here once for `npm run seed:check` (sentences word for word in their report, every
 * id known to the seed) and for tests/integration/inventory.int.test.ts (every fact against the
 * seeded graph).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectDir } from '../../graph/project-root.ts';

export const INVENTORY_DIR = projectDir('data', 'inventory');

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const ref = z.string().min(3);
const relationship = z.object({ type: z.string().regex(/^[A-Z_]+$/), from: ref, to: ref }).strict();
/** Why the review flagged it: its finding (E-1 …) and one line. */
const review = {
  review: z
    .string()
    .regex(/^E-\d+$/)
    .optional(),
  why: z.string().min(4).optional(),
};

const factSchema = z.union([
  z.object({ entity: z.object({ id: ref, kind: z.string(), name: z.string() }).strict(), ...review }).strict(),
  z.object({ prop: z.object({ id: ref, key: z.string(), value: scalar }).strict(), ...review }).strict(),
  z.object({ relationship, ...review }).strict(),
  z
    .object({
      claim: z.object({ subject: ref, metric: z.string(), value: z.number(), qualifier: z.string().optional() }).strict(),
      ...review,
    })
    .strict(),
  /** How we know a record the review questioned (E-3, E-4): its basis must say so. */
  z.object({ basis: z.object({ id: ref, basis: z.string() }).strict(), ...review }).strict(),
  /** A record the review found wrong: it must stay out of the graph. */
  z
    .object({
      notHeld: z.union([
        z.object({ relationship }).strict(),
        z.object({ claim: z.object({ subject: ref, metric: z.string() }).strict() }).strict(),
      ]),
      review: z.string().regex(/^E-\d+$/),
      why: z.string().min(4),
    })
    .strict(),
  /** Stated, but the model has no way to hold it: why. */
  z.object({ limit: z.string().min(8) }).strict(),
]);

const inventorySchema = z.object({
  report: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/),
  sentences: z.array(z.object({ sentence: z.string().min(4), facts: z.array(factSchema).min(1) }).strict()).min(1),
});

export type InventoryFact = z.infer<typeof factSchema>;
export type Inventory = z.infer<typeof inventorySchema>;

/** Every inventory file, in report order; a malformed one throws naming the file and the field. */
export function readInventories(dir = INVENTORY_DIR): Inventory[] {
  return readdirSync(dir)
    .filter((name) => /^\d{3}\.yaml$/.test(name))
    .sort()
    .map((name) => {
      const result = inventorySchema.safeParse(parse(readFileSync(join(dir, name), 'utf8')));
      if (!result.success) {
        const issue = result.error.issues[0]!;
        throw new Error(`data/inventory/${name} ${issue.path.join('.')}: ${issue.message}`);
      }
      if (!name.startsWith(result.data.report.slice(0, 3)))
        throw new Error(`data/inventory/${name}: report ${result.data.report} is another file's`);
      return result.data;
    });
}

/** The ids a fact names (to check they exist in the seed). */
export function idsOf(fact: InventoryFact): string[] {
  if ('entity' in fact) return [fact.entity.id];
  if ('prop' in fact) return [fact.prop.id];
  if ('relationship' in fact) return [fact.relationship.from, fact.relationship.to];
  if ('claim' in fact) return [fact.claim.subject];
  if ('basis' in fact) return [fact.basis.id];
  return [];
}

export type FactKind = 'entity' | 'prop' | 'relationship' | 'claim' | 'basis' | 'notHeld' | 'limit';
export const kindOf = (fact: InventoryFact): FactKind => Object.keys(fact)[0] as FactKind;

/**
 * Problems with the inventories that need no database: a sentence not found word for word in its
 * report (white space aside), or an id the seed does not have.
 */
export function checkInventories(inventories: Inventory[], reports: Map<string, string>, seedIds: Set<string>): string[] {
  const squash = (text: string) => text.replace(/\s+/g, '');
  const problems: string[] = [];
  for (const inventory of inventories) {
    const text = reports.get(inventory.report);
    if (text === undefined) {
      problems.push(`${inventory.report}: no such report in data/sources`);
      continue;
    }
    inventory.sentences.forEach(({ sentence, facts }, i) => {
      const where = `data/inventory/${inventory.report.slice(0, 3)}.yaml sentences[${i}]`;
      if (!squash(text).includes(squash(sentence))) problems.push(`${where}: the sentence is not word for word in ${inventory.report}`);
      for (const fact of facts)
        for (const id of idsOf(fact))
          if (!seedIds.has(id)) problems.push(`${where}: ${kindOf(fact)} names ${id}, which the seed does not have`);
    });
  }
  return problems;
}
