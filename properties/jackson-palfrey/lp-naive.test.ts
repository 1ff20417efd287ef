import { testClaims } from '../run-claims.ts';
import { jpLpClaims } from './claims-lp.ts';

// the search of JP.Prop1.naive-conjecture: ≈ 25 s of LPs (each case 1–2 s, its certification on refined grids more)
testClaims(jpLpClaims.filter((c) => c.id === 'JP.Prop1.naive-conjecture'));
