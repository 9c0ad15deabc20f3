import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * A rate limit per principal: requests are counted by the credential they present (hashed, never kept), so one
 * integration cannot starve the others, and guessing at keys is limited per source address.
 */
@Injectable()
export class CredentialThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const headers = request['headers'] as Record<string, string | undefined>;
    const credential = headers['authorization'];
    if (credential) return `credential:${createHash('sha256').update(credential).digest('hex').slice(0, 32)}`;
    return `address:${String(request['ip'] ?? 'unknown')}`;
  }
}
