import type { DetectionTable } from '../../src/shared/kb-types';

/** Three articles for hand-made detection tables, one per product: KA-1 Target, KA-2 Audience Manager, KA-3 Experience Platform. */
export const THREE_ARTICLES: DetectionTable['articles'] = [
  { id: 'KA-1', title: '', products: ['target'] },
  { id: 'KA-2', title: '', products: ['aam'] },
  { id: 'KA-3', title: '', products: ['aep'] },
];
