/**
 * A function of two arguments, memoised for the life of the returned function (one comparison):
 * each distinct pair is computed once. Keys are compared as `Map` keys (SameValueZero); a
 * computed `undefined` is not remembered.
 */
export function memoPair<A, B, T>(compute: (a: A, b: B) => T): (a: A, b: B) => T {
  const byA = new Map<A, Map<B, T>>();
  return (a, b) => {
    let byB = byA.get(a);
    if (!byB) {
      byB = new Map();
      byA.set(a, byB);
    }
    let r = byB.get(b);
    if (r === undefined) {
      r = compute(a, b);
      byB.set(b, r);
    }
    return r;
  };
}
