import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { PUBLIC, refusal, type Principal, type RoutePolicy } from '@dpe/access';
import { londonNow, type BusinessTime } from '@dpe/decider';
import { EdgeError } from '@dpe/errors';
import { AUTHENTICATOR } from '../tokens';

/** Metadata key of a route's declared policy. */
export const POLICY = 'dpe:policy';

/** Declares a route's policy; the declared command and query routes get theirs from their declarations. */
export const Policy = (policy: RoutePolicy) => SetMetadata(POLICY, policy);
/** A route anyone may call (/health): declared, never assumed. */
export const Public = () => Policy(PUBLIC);

/** Authenticates a request's credentials, or refuses them (401). */
export interface Authenticator {
  authenticate(authorization: string | undefined, now: BusinessTime): Promise<Principal>;
}

export interface PrincipalRequest extends Request {
  principal?: Principal;
}

/** The principal the guard authenticated for this request. */
export function principalOf(request: Request): Principal {
  const principal = (request as PrincipalRequest).principal;
  if (!principal) throw new EdgeError('unauthenticated', 'auth.missing', 'this route needs credentials');
  return principal;
}

/**
 * Deny by default: a route without a declared policy is unreachable (404, as if it did not exist); a public route
 * passes; any other needs valid credentials (401) and one of its policy's roles (403). Council scope is checked where
 * the stored resource is known (the executor and the query runner), so another council's record answers 404.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.get<RoutePolicy | undefined>(POLICY, context.getHandler());
    const request = context.switchToHttp().getRequest<PrincipalRequest>();
    if (policy === undefined) {
      throw new EdgeError('not-found', 'route.no-policy', `no route ${request.method} ${request.path}`);
    }
    if (policy === PUBLIC) return true;
    const principal = await this.authenticator.authenticate(request.headers.authorization, londonNow());
    request.principal = principal;
    const refused = refusal(principal, policy);
    if (refused) throw new EdgeError('forbidden', refused.code, refused.message);
    return true;
  }
}
