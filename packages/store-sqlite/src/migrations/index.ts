// The ordered list of schema migrations; append new numbered files here, never edit a released one.
import type { Migration } from '../migrate.js';
import { migration0001 } from './0001-initial.js';

export const MIGRATIONS: readonly Migration[] = [migration0001];
