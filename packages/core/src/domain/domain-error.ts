// Typed rejections raised by deciders: a LogbookError with code 'domain_error' and a domain-specific reason.
import { LogbookError, type ErrorDetails } from '../errors.js';

/**
 * A decider throws this (or a subclass) to reject a command; the command handler writes nothing and rethrows it.
 * `reason` is stable and meant for branching (e.g. 'insufficient_funds'); `code` is always 'domain_error'.
 */
export class DomainError extends LogbookError {
  readonly reason: string;

  constructor(reason: string, message: string, details: ErrorDetails = {}) {
    super('domain_error', message, { reason, ...details });
    this.name = new.target.name;
    this.reason = reason;
  }
}

export const isDomainError = (e: unknown, reason?: string): e is DomainError =>
  e instanceof DomainError && (reason === undefined || e.reason === reason);
