/** The typed arrays the column stores keep their people in. */
export type ColumnArray = Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

/** A copy of `from` in a new array of the same type and `size` elements (the column stores grow by doubling). */
export function grownCopy<T extends ColumnArray>(from: T, size: number): T {
  const to = new (from.constructor as new (size: number) => T)(size);
  to.set(from);
  return to;
}
