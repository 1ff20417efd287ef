import { registry } from '../src/claims/registry.ts';
import { pwClaims } from './pycia-wang/claims.ts';

/** Every registered claim, in catalogue order. */
export const allClaims = registry([...pwClaims]);
