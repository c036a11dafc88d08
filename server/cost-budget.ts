/**
 * A rate limit by cost: each subject (each address for anonymous callers) may spend RATE_LIMIT_COST of
 * estimated GraphQL cost (server/query-cost.ts) per minute. A token bucket per key that refills
 * continuously: a burst of cheap requests passes, one costly request a minute passes, a stream of costly
 * ones is refused with 429 before any Cypher. Request counts stay with @fastify/rate-limit
 * (server/hardening.ts); this charges what they cost.
 */
import { HTTP_STATUS } from '../graph/errors.ts';

const WINDOW_MS = 60_000;

interface Bucket {
  tokens: number;
  at: number;
}

export class CostBudget {
  private readonly buckets = new Map<string, Bucket>();

  constructor(readonly perMinute: number) {}

  /** Charges `cost` to `key`, or throws a 429 refusal saying when it may try again. */
  charge(key: string, cost: number, now = Date.now()) {
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / WINDOW_MS);
    bucket.at = now;
    this.buckets.set(key, bucket);
    // A single request costlier than the whole budget is refused by GRAPHQL_MAX_COST first; charge at
    // most the budget so that it can pass once the bucket is full.
    const charge = Math.min(cost, this.perMinute);
    if (bucket.tokens < charge) {
      const seconds = Math.ceil(((charge - bucket.tokens) * WINDOW_MS) / this.perMinute / 1000);
      throw Object.assign(
        new Error(
          `rate limit: more than ${this.perMinute} of query cost a minute (RATE_LIMIT_COST); this query costs ${cost}, try again in ${seconds} s or ask for less`,
        ),
        { statusCode: HTTP_STATUS.RATE_LIMITED },
      );
    }
    bucket.tokens -= charge;
    if (this.buckets.size > 10_000) this.sweep(now);
  }

  /** Forgets full buckets, so that the map holds only recent spenders. */
  private sweep(now: number) {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) * this.perMinute) / WINDOW_MS >= this.perMinute) this.buckets.delete(key);
    }
  }
}
