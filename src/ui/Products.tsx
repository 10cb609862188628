import { PRODUCT_NAMES, type ProductKey } from '../shared/products';

/** An article's products as chips, full names. */
export function Products({ products, label = 'Products' }: { products: readonly ProductKey[]; label?: string }) {
  return (
    <ul class="chips" aria-label={label}>
      {products.map((p) => (
        <li class="chip" key={p}>
          {PRODUCT_NAMES[p]}
        </li>
      ))}
    </ul>
  );
}
