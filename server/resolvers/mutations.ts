/**
 * Changes for the data staff (数据维护), as GraphQL mutations. Each is three steps in three places:
 * its arguments checked before anything opens (edit-args.ts, args.ts); then one managed write
 * transaction (write-guards.ts writeOnce: the editor's area, the client mutation id) running a service
 * (services/entities.ts, services/pairings.ts) that checks the write against what is stored by the
 * write rules the import shares (graph/write-rules.ts) and writes through named queries
 * (cypher/mutation/) with its change-log entry. A refusal thrown inside rolls everything back.
 */
import type { MercuriusContext } from 'mercurius';
import { changeIds } from '../../graph/change-log.ts';
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
  MutationUpdateOrganizationArgs,
  MutationUpdatePlaceArgs,
  Resolvers,
  UpdateEntityInput,
} from '../generated/graphql.ts';
import { createEntity, creationTargets, moveOrganization, moveTargets, type NewEntity, updateEntity } from '../services/entities.ts';
import {
  closePairing,
  createPairing,
  type Ending,
  type NewPairing,
  pairingEnds,
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
 * One mutation's transaction for the signed-in writer (the policy, auth/policy.ts, lets only writers
 * reach a mutation): its client mutation id checked, then write-guards.ts writeOnce.
 */
function writeAs<T extends { id: string }>(
  context: MercuriusContext,
  clientMutationId: string | null | undefined,
  action: string,
  targetsOf: (tx: WriteTx) => Target[] | Promise<Target[]>,
  work: (tx: WriteTx, actor: string) => Promise<T>,
): Promise<T> {
  const principal = context.principal;
  if (!principal) throw new ApiError('UNAUTHENTICATED', ERROR_CODES.UNAUTHENTICATED);
  const clientId = clientMutationIdArg(clientMutationId);
  return writeOnce(context.app.store, principal, clientId, action, targetsOf, (tx) => work(tx, context.actor));
}

/** updateOrganization and updatePlace: the arguments read first, then one write of the one entity. */
const update =
  (category: 'Organization' | 'Place') =>
  (
    _root: unknown,
    { id, input, clientMutationId }: MutationUpdateOrganizationArgs | MutationUpdatePlaceArgs,
    context: MercuriusContext,
  ) => {
    const rename = updateArgs(input);
    return writeAs(
      context,
      clientMutationId,
      `update${category}`,
      () => [{ field: 'id', id }],
      (tx, actor) => updateEntity(tx, actor, id, rename, category),
    );
  };

/** createOrganization and createPlace: the arguments read first, then one write of the new entity. */
const create =
  (category: 'Organization' | 'Place') =>
  (_root: unknown, { input, clientMutationId }: MutationCreateOrganizationArgs | MutationCreatePlaceArgs, context: MercuriusContext) => {
    const entity = creationArgs(input, category);
    return writeAs(
      context,
      clientMutationId,
      `create${category}`,
      () => creationTargets(entity),
      (tx, actor) => createEntity(tx, actor, entity, category),
    );
  };

export const mutationResolvers = {
  Mutation: {
    createOrganization: create('Organization'),
    createPlace: create('Place'),
    updateOrganization: update('Organization'),
    updatePlace: update('Place'),
    moveOrganization: (_root, args, context) => {
      const move = {
        id: args.id,
        newParentId: args.newParentId,
        reason: optionalTextArg('reason', args.reason),
        source: sourceArg('source', args.source),
      };
      return writeAs(
        context,
        args.clientMutationId,
        'moveOrganization',
        (tx) => moveTargets(tx, move),
        (tx, actor) => moveOrganization(tx, actor, move),
      );
    },
    startPairing: (_root, { input, clientMutationId }, context) => {
      const pairing: NewPairing = {
        id: newIdArg('input.id', input.id, input.kind),
        kind: input.kind,
        partnerId: input.partnerId,
        targetId: input.targetId,
        programme: optionalTextArg('input.programme', input.programme),
        validFrom: dateArg('input.validFrom', input.validFrom),
        reason: optionalTextArg('input.reason', input.reason),
        replaces: null,
        source: sourceArg('input.source', input.source),
      };
      const fields = { id: 'input.id', partner: 'input.partnerId', target: 'input.targetId' };
      return writeAs(
        context,
        clientMutationId,
        'startPairing',
        () => startTargets(pairing, fields),
        (tx, actor) => createPairing(tx, changeIds(actor, 'startPairing')(), pairing, fields),
      );
    },
    endPairing: (_root, args, context) => {
      const ending: Ending = {
        id: args.id,
        validTo: dateArg('validTo', args.validTo),
        reason: textArg('reason', args.reason),
        source: sourceArg('source', args.source),
      };
      return writeAs(
        context,
        args.clientMutationId,
        'endPairing',
        (tx) => pairingEnds(tx, args.id),
        (tx, actor) => closePairing(tx, changeIds(actor, 'endPairing')(), ending, { id: 'id', validTo: 'validTo' }),
      );
    },
    rematchPairing: (_root, args, context) => {
      const rematch = {
        id: args.id,
        newPartnerId: args.newPartnerId,
        date: dateArg('date', args.date),
        reason: textArg('reason', args.reason),
        source: sourceArg('source', args.source),
      };
      return writeAs(
        context,
        args.clientMutationId,
        'rematchPairing',
        async (tx) => [...(await pairingEnds(tx, args.id)), { field: 'newPartnerId', id: args.newPartnerId }],
        (tx, actor) => rematchPairing(tx, actor, rematch),
      );
    },
  },
} satisfies Resolvers;
