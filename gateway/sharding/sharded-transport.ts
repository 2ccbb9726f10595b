import type { Transport } from '@graphql-mesh/transport-common';
import type { ExecutionRequest, ExecutionResult } from '@graphql-tools/utils';
import { GraphQLError, Kind, type GraphQLFormattedError } from 'graphql';
import type { Claims } from '../../schema/contracts/claims';
import { unavailableError } from '../../schema/contracts/errors';
import { answeredByReplica, readsPublicProjection, shardOfId, type RootFieldRule, type ShardRouting } from '../../schema/contracts/shard-routing';
import type { CallObserver } from '../observability';
import type { ShardRegistry } from '../../schema/contracts/shard-registry';
import { malformedIndexNumber, parseIndexNumber } from '../../schema/contracts/index-number';
import { mergeConnections, sumAnswers, withMergeFields } from './merge';
import { bindCall, planOperation, type OperationPlan, type RootFieldCall } from './operation';
import { ShardClient, ShardClients, unavailableReasonOf, type ShardCallOptions } from './shard-client';

/** Options of the sharded transport. */
export interface ShardedTransportOptions {
  /** The contract's routing rules (e.g. AGENCY_ROUTING). */
  routing: ShardRouting;
  registry: ShardRegistry;
  /** Deadlines and circuit breaker per shard (when `clients` is not given). @default DEFAULT_SHARD_CALL_OPTIONS */
  call?: Partial<ShardCallOptions>;
  /** The shard clients, shared with whoever reads the breakers (/health); made from `call` and `observe` when absent. */
  clients?: ShardClients;
  /** The verified caller of a gateway request. */
  claimsOf: (context: unknown) => Claims;
  /** Records each shard call (metrics, logs). */
  observe?: CallObserver;
  /** The provincial catalogue's endpoint: public reads of callers who see only the public projection go there. */
  catalogueUrl?: string;
}

/** The catalogue's shard name in errors and metrics. */
const CATALOGUE = 'catalogue';

type Errors = GraphQLError[];
type Send = (client: ShardClient, call: RootFieldCall, waitMs?: number) => Promise<ExecutionResult>;
type Data = Record<string, unknown>;


function fromShard(error: GraphQLFormattedError, agency: string, path: readonly (string | number)[] | undefined): GraphQLError {
  // The catalogue's freshness notice names the agencies it is about; the others name their shard.
  return new GraphQLError(error.message, { path, extensions: error.extensions?.agencies ? error.extensions : { ...error.extensions, agency } });
}


/**
 * The agency subgraph over many deployments, as one subgraph to the query planner: every call is
 * routed by key, fanned out and merged according to the contract's routing rules. It only routes:
 * the signed claims and idempotency headers are already in the request's `extensions.headers`
 * (`useSubgraphHeaders`, gateway/subgraph-headers.ts), and every shard call carries them.
 */
export function createShardedTransport(options: ShardedTransportOptions): Transport {
  const clients = options.clients ?? new ShardClients(options.call, options.observe);
  // A deployment that leaves the registry (or moves) takes its breaker and probes with it.
  options.registry.onChange(() => clients.retain([
    ...options.registry.all().map((e) => ({ name: e.code, url: e.url })),
    ...(options.catalogueUrl ? [{ name: CATALOGUE, url: options.catalogueUrl }] : []),
  ]));
  return {
    async getSubgraphExecutor() {
      const clientOf = async (code: string | undefined): Promise<ShardClient | undefined> => {
        const entry = code ? options.registry.get(code) : undefined;
        return entry ? clients.get(entry.code, entry.url) : undefined;
      };
      const catalogue = options.catalogueUrl ? clients.get(CATALOGUE, options.catalogueUrl) : undefined;
      const sharded = new ShardedExecutor(options, clientOf, catalogue);
      return (request: ExecutionRequest) => sharded.execute(request);
    },
  };
}

class ShardedExecutor {
  constructor(
    private readonly options: ShardedTransportOptions,
    private readonly clientOf: (code: string | undefined) => Promise<ShardClient | undefined>,
    private readonly catalogue: ShardClient | undefined,
  ) {}

  /**
   * The error for a deployment that gave no answer. Never the catalogue's: when it gives none,
   * the deployments are asked instead (see fromCatalogue).
   */
  private unavailable(agency: string, path: (string | number)[], cause: unknown): GraphQLError {
    return unavailableError({ service: this.options.routing.subgraph, agency }, unavailableReasonOf(cause), path);
  }

  /** The catalogue's answer to `call`, or undefined when it has none (the caller then asks the agencies). */
  private async fromCatalogue(call: RootFieldCall, send: Send): Promise<ExecutionResult | undefined> {
    if (!this.catalogue) return undefined;
    try {
      // Down, hung or still back-filling (503): the live fan-out answers instead.
      return await send(this.catalogue, call);
    } catch {
      return undefined;
    }
  }

  async execute(request: ExecutionRequest): Promise<ExecutionResult> {
    const plan = planOperation(request.document, request.operationName);
    const variables = request.variables ?? {};
    const send: Send = (client, call, waitMs) =>
      client.execute({ document: call.document, variables: call.variables, operationType: request.operationType, context: request.context, extensions: request.extensions }, waitMs);
    const data: Data = {};
    const errors: Errors = [];
    for (const key of plan.typenameKeys) data[key] = request.operationType === 'mutation' ? 'Mutation' : 'Query';
    await Promise.all(plan.calls.map(async (callPlan) => {
      const call = bindCall(callPlan, variables);
      const name = call.field.name.value;
      if (name === '_entities') return this.entities(call, send, data, errors);
      const rule = this.options.routing.rootFields[name];
      if (!rule) {
        data[call.responseKey] = null;
        errors.push(new GraphQLError(`No shard routing rule for ${name}`, { path: [call.responseKey], extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
        return;
      }
      if (rule.route === 'fanOut') return this.fanOut(rule, call, plan, send, data, errors, this.options.claimsOf(request.context));
      if (rule.route === 'replicaOnly') return this.replicaOnly(call, send, data, errors);
      if (rule.route === 'byIndexNumber') return this.byIndexNumber(rule, call, send, data, errors, this.options.claimsOf(request.context));
      const code = rule.route === 'byId' ? shardOfId(valueAt(call.args, rule.argument))
        : rule.route === 'byAgencyArgument' ? String(valueAt(call.args, rule.argument) ?? '')
        : this.options.claimsOf(request.context).agency;
      const client = await this.clientOf(code);
      if (!client) {
        data[call.responseKey] = null;
        if (rule.route === 'byCallerAgency') {
          errors.push(new GraphQLError('只有机关工作人员可以办理此事项 / Only agency staff can do this', { path: [call.responseKey], extensions: { code: 'FORBIDDEN' } }));
        } else if (rule.route === 'byAgencyArgument') {
          errors.push(new GraphQLError(`没有代码为"${String(valueAt(call.args, rule.argument) ?? '')}"的机关 / No agency with that code`, {
            path: [call.responseKey], extensions: { code: 'BAD_USER_INPUT', field: rule.argument },
          }));
        } else if (request.operationType === 'mutation') {
          errors.push(new GraphQLError(`未找到：${String(valueAt(call.args, rule.argument))} / Not found`, { path: [call.responseKey], extensions: { code: 'NOT_FOUND' } }));
        }
        return;
      }
      let result: ExecutionResult | undefined;
      let answeredBy = client.agency;
      let failure: unknown;
      try {
        result = await send(client, call, rule.route === 'byAgencyArgument' && rule.longPoll ? longPollWait(call.args, rule.longPoll) : 0);
      } catch (error) {
        failure = error;
        // Published information is public by law: while its owner is down the public reads it from the catalogue.
        if (rule.route === 'byId' && rule.replicaFallback && readsPublicProjection(this.options.claimsOf(request.context), undefined)) {
          result = await this.fromCatalogue(call, send);
          answeredBy = CATALOGUE;
        }
      }
      if (result) {
        data[call.responseKey] = result.data?.[call.responseKey] ?? null;
        for (const e of result.errors ?? []) errors.push(fromShard(e, answeredBy, e.path));
      } else {
        data[call.responseKey] = null;
        errors.push(this.unavailable(client.agency, [call.responseKey], failure));
      }
    }));
    return errors.length ? { data, errors } : { data };
  }

  /** A field only the catalogue answers: its answer, or null with CATALOGUE_UNAVAILABLE. */
  private async replicaOnly(call: RootFieldCall, send: Send, data: Data, errors: Errors) {
    const result = await this.fromCatalogue(call, send);
    data[call.responseKey] = result?.data?.[call.responseKey] ?? null;
    for (const e of result?.errors ?? []) errors.push(fromShard(e, CATALOGUE, e.path));
    if (!result) {
      errors.push(new GraphQLError('省级目录暂不可用 / The provincial catalogue is unavailable', { path: [call.responseKey], extensions: { code: 'CATALOGUE_UNAVAILABLE' } }));
    }
  }

  /**
   * A lookup by index number: the catalogue for a caller who sees only the public projection, else
   * (or when the catalogue gives no answer) the agency its prefix names; a prefix no registered
   * agency has is asked of every deployment, and the first one that holds it answers.
   */
  private async byIndexNumber(
    rule: Extract<RootFieldRule, { route: 'byIndexNumber' }>, call: RootFieldCall, send: Send, data: Data, errors: Errors, claims: Claims,
  ) {
    const text = valueAt(call.args, rule.argument);
    const parts = typeof text === 'string' ? parseIndexNumber(text) : null;
    data[call.responseKey] = null;
    if (!parts) {
      // Every deployment would refuse it alike: one error, and no deployment asked.
      const refusal = malformedIndexNumber(rule.argument, String(text ?? ''));
      errors.push(new GraphQLError(refusal.message, { path: [call.responseKey], extensions: refusal.extensions }));
      return;
    }
    const owner = this.options.registry.ownerOfIndexPrefix(parts.prefix)?.code;
    const answer = (result: ExecutionResult, by: string) => {
      data[call.responseKey] = result.data?.[call.responseKey] ?? null;
      for (const e of result.errors ?? []) errors.push(fromShard(e, by, e.path));
    };
    if (rule.replica && readsPublicProjection(claims, owner ? [owner] : undefined)) {
      const replicated = await this.fromCatalogue(call, send);
      if (replicated) return answer(replicated, CATALOGUE);
    }
    const codes = owner ? [owner] : this.options.registry.all().map((e) => e.code);
    const clients = (await Promise.all(codes.map((c) => this.clientOf(c)))).filter((c): c is ShardClient => Boolean(c));
    const results = await Promise.all(clients.map(async (client) => {
      try {
        return { client, result: await send(client, call) };
      } catch (failure) {
        return { client, failure };
      }
    }));
    const found = results.find((r) => r.result?.data?.[call.responseKey]) ?? (results.length === 1 ? results[0] : undefined);
    if (found?.result) return answer(found.result, found.client.agency);
    // Not found anywhere that answered: say which deployments could not be asked.
    for (const r of results) if (r.failure !== undefined) errors.push(this.unavailable(r.client.agency, [call.responseKey], r.failure));
  }

  /** `_entities`: representations grouped per shard, sent in parallel, put back in order. */
  private async entities(call: RootFieldCall, send: Send, data: Data, errors: Errors) {
    const reps = (call.args.representations as Record<string, unknown>[] | undefined) ?? [];
    const out: unknown[] = new Array(reps.length).fill(null);
    const groups = new Map<string, number[]>();
    reps.forEach((rep, index) => {
      const rule = this.options.routing.entities[rep.__typename as string];
      const value = rule ? rep[rule.field] : undefined;
      const code = rule?.holds === 'prefixedId' ? shardOfId(value) : typeof value === 'string' ? value : undefined;
      if (code) groups.set(code, [...(groups.get(code) ?? []), index]);
    });
    const variableName = call.field.arguments?.find((a) => a.name.value === 'representations')?.value;
    await Promise.all([...groups].map(async ([code, indexes]) => {
      const client = await this.clientOf(code);
      if (!client) return;
      const subset = indexes.map((i) => reps[i]);
      const variables = variableName?.kind === Kind.VARIABLE ? { ...call.variables, [variableName.name.value]: subset } : call.variables;
      const remap = (path: readonly (string | number)[] | undefined) =>
        path && path.length > 1 && typeof path[1] === 'number' ? [path[0], indexes[path[1]], ...path.slice(2)] : path;
      try {
        const result = await send(client, { ...call, variables });
        const list = (result.data?.[call.responseKey] as unknown[] | undefined) ?? [];
        indexes.forEach((original, j) => { out[original] = list[j] ?? null; });
        for (const e of result.errors ?? []) errors.push(fromShard(e, code, remap(e.path)));
      } catch (error) {
        for (const original of indexes) errors.push(this.unavailable(code, [call.responseKey, original], error));
      }
    }));
    data[call.responseKey] = out;
  }

  /** Root list fields: every shard named (or all), merged as the contract says. */
  private async fanOut(
    rule: Extract<RootFieldRule, { route: 'fanOut' }>, call: RootFieldCall, plan: OperationPlan,
    send: Send, data: Data, errors: Errors, claims: Claims,
  ) {
    const named = rule.agenciesArgument ? valueAt(call.args, rule.agenciesArgument) : undefined;
    const codes = Array.isArray(named) ? [...new Set(named as string[])] : this.options.registry.all().map((e) => e.code);
    const shardCall = rule.merge === 'connection' ? { ...call, document: call.plan.rewritten('merge', withMergeFields).document } : call;
    const answers: Record<string, unknown>[] = [];
    const replicated = answeredByReplica(rule, claims, named) ? await this.fromCatalogue(shardCall, send) : undefined;
    if (replicated) {
      // One call whatever the number of agencies; the same merge strips the hidden sort keys.
      const value = replicated.data?.[call.responseKey];
      if (value) answers.push(value as Record<string, unknown>);
      for (const e of replicated.errors ?? []) errors.push(fromShard(e, CATALOGUE, e.path));
    }
    const clients = replicated ? [] : (await Promise.all(codes.map((c) => this.clientOf(c)))).filter((c): c is ShardClient => Boolean(c));
    await Promise.all(clients.map(async (client) => {
      try {
        const result = await send(client, shardCall);
        const value = result.data?.[call.responseKey];
        if (value) answers.push(value as Record<string, unknown>);
        for (const e of result.errors ?? []) errors.push(fromShard(e, client.agency, e.path));
      } catch (error) {
        errors.push(this.unavailable(client.agency, [call.responseKey], error));
      }
    }));
    if (rule.merge === 'sum') {
      data[call.responseKey] = answers.length ? sumAnswers(answers, new Set(rule.keep)) : null;
      return;
    }
    const first = call.args[rule.pageSize.argument];
    const pageSize = typeof first === 'number' ? first : rule.pageSize.default;
    const orderValue = rule.order.argument ? call.args[rule.order.argument] : undefined;
    const direction = (typeof orderValue === 'string' ? rule.order.directions?.[orderValue] : undefined) ?? rule.order.defaultDirection;
    data[call.responseKey] = mergeConnections(call.field, plan.fragments, answers, pageSize, direction);
  }
}

/** The wait a long-polling call asks for, within its rule's bound. */
function longPollWait(args: Record<string, unknown>, longPoll: { argument: string; maxMs: number }): number {
  const asked = valueAt(args, longPoll.argument);
  return typeof asked === 'number' && asked > 0 ? Math.min(asked, longPoll.maxMs) : 0;
}

function valueAt(args: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), args);
}
