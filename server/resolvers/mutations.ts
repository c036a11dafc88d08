/**
 * Changes for the data staff (数据维护), as GraphQL mutations. Each is three steps in three places:
 * its arguments checked before anything opens (edit-args.ts, args.ts); then one managed write
 * transaction (write-guards.ts writeOnce: the editor's area, the client mutation id) running a service
 * (services/entities.ts, services/pairings.ts) that checks the write against what is stored by the
 * write rules the import shares (graph/write-rules.ts) and writes through named queries
 * (cypher/mutation/) with its change-log entry. A refusal thrown inside rolls everything back.
 */
import type { MercuriusContext } from 'mercurius';
import { changeIds, type SourceInput } from '../../graph/change-log.ts';
import { ApiError, badInput, ERROR_CODES } from '../../graph/errors.ts';
import type { WriteTx } from '../../graph/graph-store.ts';
import type { Category } from '../../schema/model.ts';
import { dateArg } from '../args.ts';
import { kindOfCategory, newIdArg, optionalTextArg, sourceArg, textArg } from '../edit-args.ts';
import type {
  CreateOrganizationInput,
  CreatePlaceInput,
  MutationCreateOrganizationArgs,
  MutationCreatePlaceArgs,
  MutationEndPairingArgs,
  MutationMoveOrganizationArgs,
  MutationRematchPairingArgs,
  MutationStartPairingArgs,
  MutationUpdateOrganizationArgs,
  MutationUpdatePlaceArgs,
  Resolvers,
  UpdateEntityInput,
} from '../generated/graphql.ts';
import {
  createEntity,
  creationTargets,
  type Move,
  moveOrganization,
  moveTargets,
  type NewEntity,
  updateEntity,
} from '../services/entities.ts';
import {
  closePairing,
  createPairing,
  type Ending,
  type NewPairing,
  pairingEnds,
  type Rematch,
  rematchPairing,
  startTargets,
} from '../services/pairings.ts';
import { clientMutationIdArg, type Target, writeOnce } from '../write-guards.ts';

/** The checked arguments of a creation, common to organizations and places (a place governs nothing). */
function creationArgs(input: CreateOrganizationInput | CreatePlaceInput, category: Category): NewEntity {
  const kind = kindOfCategory('input.kind', input.kind, category);
  const name = textArg('input.name', input.name);
  const nameEn = optionalTextArg('input.nameEn', input.nameEn);
  return {
    kind,
    id: newIdArg('input.id', input.id, kind),
    name,
    nameEn,
    source: sourceArg('input.source', input.source),
    parentId: input.parentId,
    governsPlaceId: ('governsPlaceId' in input ? input.governsPlaceId : null) ?? null,
  };
}

function updateArgs(input: UpdateEntityInput) {
  const name = optionalTextArg('input.name', input.name);
  const nameEn = optionalTextArg('input.nameEn', input.nameEn);
  if (name == null && nameEn == null) throw badInput('input', 'give name or nameEn (or both) to change');
  return { name, nameEn, source: sourceArg('input.source', input.source) };
}

/**
 * Why a stored thing changes, as its change-log entry records it: the reason (a move may leave it out;
 * ending or re-matching a pairing may not, the schema says) and the source that states it.
 */
function groundsArgs(args: { reason: string; source?: SourceInput | null }): { reason: string; source: SourceInput | null };
function groundsArgs(args: { reason?: string | null; source?: SourceInput | null }): { reason: string | null; source: SourceInput | null };
function groundsArgs(args: { reason?: string | null; source?: SourceInput | null }) {
  return { reason: optionalTextArg('reason', args.reason), source: sourceArg('source', args.source) };
}

/**
 * A mutation for the signed-in writer (the policy, auth/policy.ts, lets only writers reach one): its
 * arguments checked by `parse` before anything opens, its client mutation id checked, then one
 * write-guards.ts writeOnce that finds the targets in the editor's area and does the work.
 */
const mutation =
  <Args extends { clientMutationId?: string | null }, Checked, T extends { id: string }>(
    action: string,
    parse: (args: Args) => Checked,
    targetsOf: (tx: WriteTx, checked: Checked) => Target[] | Promise<Target[]>,
    work: (tx: WriteTx, actor: string, checked: Checked) => Promise<T>,
  ) =>
  (_root: unknown, args: Args, context: MercuriusContext): Promise<T> => {
    const checked = parse(args);
    const principal = context.principal;
    if (!principal) throw new ApiError('UNAUTHENTICATED', ERROR_CODES.UNAUTHENTICATED);
    const clientId = clientMutationIdArg(args.clientMutationId);
    return writeOnce(
      context.app.store,
      principal,
      clientId,
      action,
      (tx) => targetsOf(tx, checked),
      (tx) => work(tx, context.actor, checked),
    );
  };

/** createOrganization and createPlace: the arguments read first, then one write of the new entity. */
const create = (category: 'Organization' | 'Place') =>
  mutation(
    `create${category}`,
    ({ input }: MutationCreateOrganizationArgs | MutationCreatePlaceArgs) => creationArgs(input, category),
    (_tx, entity) => creationTargets(entity),
    (tx, actor, entity) => createEntity(tx, actor, entity, category),
  );

/** updateOrganization and updatePlace: the arguments read first, then one write of the one entity. */
const update = (category: 'Organization' | 'Place') =>
  mutation(
    `update${category}`,
    ({ id, input }: MutationUpdateOrganizationArgs | MutationUpdatePlaceArgs) => ({ id, ...updateArgs(input) }),
    (_tx, { id }) => [{ field: 'id', id }],
    (tx, actor, { id, ...rename }) => updateEntity(tx, actor, id, rename, category),
  );

/** The argument names a new pairing's refusals name (a re-match's name its own). */
const START_FIELDS = { id: 'input.id', partner: 'input.partnerId', target: 'input.targetId' };

export const mutationResolvers = {
  Mutation: {
    createOrganization: create('Organization'),
    createPlace: create('Place'),
    updateOrganization: update('Organization'),
    updatePlace: update('Place'),
    moveOrganization: mutation(
      'moveOrganization',
      (args: MutationMoveOrganizationArgs): Move => ({ id: args.id, newParentId: args.newParentId, ...groundsArgs(args) }),
      moveTargets,
      moveOrganization,
    ),
    startPairing: mutation(
      'startPairing',
      ({ input }: MutationStartPairingArgs): NewPairing => ({
        id: newIdArg('input.id', input.id, input.kind),
        kind: input.kind,
        partnerId: input.partnerId,
        targetId: input.targetId,
        programme: optionalTextArg('input.programme', input.programme),
        validFrom: dateArg('input.validFrom', input.validFrom),
        reason: optionalTextArg('input.reason', input.reason),
        replaces: null,
        source: sourceArg('input.source', input.source),
      }),
      (_tx, pairing) => startTargets(pairing, START_FIELDS),
      (tx, actor, pairing) => createPairing(tx, changeIds(actor, 'startPairing')(), pairing, START_FIELDS),
    ),
    endPairing: mutation(
      'endPairing',
      (args: MutationEndPairingArgs): Ending => ({ id: args.id, validTo: dateArg('validTo', args.validTo), ...groundsArgs(args) }),
      (tx, ending) => pairingEnds(tx, ending.id),
      (tx, actor, ending) => closePairing(tx, changeIds(actor, 'endPairing')(), ending, { id: 'id', validTo: 'validTo' }),
    ),
    rematchPairing: mutation(
      'rematchPairing',
      (args: MutationRematchPairingArgs): Rematch => ({
        id: args.id,
        newPartnerId: args.newPartnerId,
        date: dateArg('date', args.date),
        ...groundsArgs(args),
      }),
      async (tx, rematch) => [...(await pairingEnds(tx, rematch.id)), { field: 'newPartnerId', id: rematch.newPartnerId }],
      rematchPairing,
    ),
  },
} satisfies Resolvers;
